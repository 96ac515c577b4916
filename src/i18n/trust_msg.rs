//! Messages of the signed exchange and the round packages: refused files (unsigned, edited,
//! another key, another round), keys and fingerprints, packages joined, merges ordered by the
//! evaluator's own sequence.

use super::Lang;
use crate::io::signed::SignedError;

/// Which kind of signed file a message speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Export,
    Package,
}

impl What {
    fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (What::Export, Lang::Zh) => "评审组导出文件",
            (What::Export, Lang::En) => "panel export",
            (What::Package, Lang::Zh) => "轮次任务包",
            (What::Package, Lang::En) => "round package",
        }
    }
}

/// " (claims to be from evaluator 甲)" when the file names one.
fn from(claimed: Option<&str>, lang: Lang) -> String {
    match (claimed, lang) {
        (Some(c), Lang::Zh) => format!("（声称来自评估人「{c}」）"),
        (Some(c), Lang::En) => format!(" (claims to be from evaluator \"{c}\")"),
        (None, _) => String::new(),
    }
}

/// A signed file refused before its content was used.
pub fn signed(e: &SignedError, claimed: Option<&str>, what: What, lang: Lang) -> String {
    let who = from(claimed, lang);
    let kind = what.words(lang);
    match (e, lang) {
        (SignedError::Corrupt { path, why }, Lang::Zh) => format!(
            "{} 不是{kind}或已损坏（「{why}」）；未使用任何内容。请对方重新生成",
            path.display()
        ),
        (SignedError::Corrupt { path, why }, Lang::En) => format!(
            "{} is not a {kind} or is damaged ({why}); nothing was used. Ask for it again",
            path.display()
        ),
        (SignedError::Unsigned { path }, Lang::Zh) => format!(
            "{}{who} 没有签名（旧版 assay 导出，或被手工制作）；未使用任何内容。请用本版本重新导出",
            path.display()
        ),
        (SignedError::Unsigned { path }, Lang::En) => format!(
            "{}{who} is not signed (an older assay, or made by hand); nothing was used. Export it again with this version",
            path.display()
        ),
        (SignedError::BadSignature { path }, Lang::Zh) => format!(
            "{}{who} 的签名与内容不符：文件在签名后被改动或重新封装过；未使用任何内容",
            path.display()
        ),
        (SignedError::BadSignature { path }, Lang::En) => format!(
            "{}{who}: the signature does not match the content: the file was changed or resealed after it was signed; nothing was used",
            path.display()
        ),
        (SignedError::WrongKind { path, .. }, Lang::Zh) => {
            format!("{} 不是{kind}；请检查文件", path.display())
        }
        (SignedError::WrongKind { path, .. }, Lang::En) => {
            format!("{} is not a {kind}; check the file", path.display())
        }
        (SignedError::Newer { path, found }, Lang::Zh) => format!(
            "{} 由更新版本的 assay 写出（封装版本 {found}）；请先升级 assay",
            path.display()
        ),
        (SignedError::Newer { path, found }, Lang::En) => format!(
            "{} was written by a newer assay (envelope {found}); upgrade assay first",
            path.display()
        ),
    }
}

/// The machine's signing key could not be made or read.
pub fn key_error(e: &crate::io::keys::KeyError, lang: Lang) -> String {
    use crate::io::keys::KeyError as E;
    let why = |s: &std::io::Error| super::errors::io_reason(s, lang);
    match (e, lang) {
        (E::NoDir, Lang::Zh) => {
            "本系统没有数据文件夹；请把环境变量 ASSAY_KEY 设为签名密钥文件的路径".into()
        }
        (E::NoDir, Lang::En) => {
            "no data folder on this system; set ASSAY_KEY to the path of the signing key file"
                .into()
        }
        (E::Read { path, source }, Lang::Zh) => {
            format!("无法读取签名密钥 {}：{}", path.display(), why(source))
        }
        (E::Read { path, source }, Lang::En) => {
            format!(
                "cannot read the signing key {}: {}",
                path.display(),
                why(source)
            )
        }
        (E::Write { path, source }, Lang::Zh) => {
            format!("无法写入签名密钥 {}：{}", path.display(), why(source))
        }
        (E::Write { path, source }, Lang::En) => {
            format!(
                "cannot write the signing key {}: {}",
                path.display(),
                why(source)
            )
        }
        (E::Damaged { path }, Lang::Zh) => format!(
            "签名密钥文件 {} 已损坏；请从备份恢复（或移走它以生成新密钥，之后须请组长重新登记）",
            path.display()
        ),
        (E::Damaged { path }, Lang::En) => format!(
            "the signing key file {} is damaged; restore it from a backup (or move it away for a new key, which the chair must then register again)",
            path.display()
        ),
    }
}

/// This machine's key, for the person to read out to the other side by phone.
pub fn own_key(lang: Lang, fingerprint: &str, public: &str, made: bool) -> String {
    match lang {
        Lang::Zh => format!(
            "{}本机签名密钥指纹：{fingerprint}\n（公钥 ed25519:{public}；请通过电话与组长核对指纹）",
            if made {
                "已生成本机签名密钥。"
            } else {
                ""
            }
        ),
        Lang::En => format!(
            "{}this machine's signing key fingerprint: {fingerprint}\n(public key ed25519:{public}; read the fingerprint to the chair by phone)",
            if made {
                "made this machine's signing key. "
            } else {
                ""
            }
        ),
    }
}

/// A file no newer than the last one merged from its evaluator: nothing of it is written.
pub fn already_merged(lang: Lang, file: &str, evaluator: &str, seq: u64, merged: u64) -> String {
    match lang {
        Lang::Zh => format!(
            "{file}：评估人「{evaluator}」的这份文件已合并过（文件序号 {seq}，已合并到序号 {merged}）；未写入任何内容"
        ),
        Lang::En => format!(
            "{file}: this file of evaluator \"{evaluator}\" is already merged (its sequence {seq}, merged up to {merged}); nothing written"
        ),
    }
}

/// The first file of an evaluator in a round: its key is recorded now (or the fingerprint
/// given beforehand is confirmed).
pub fn key_recorded(
    lang: Lang,
    evaluator: &str,
    round: &str,
    fingerprint: &str,
    confirmed: bool,
) -> String {
    match (lang, confirmed) {
        (Lang::Zh, false) => format!(
            "首次合并评估人「{evaluator}」在轮次「{round}」的文件：已登记其签名密钥，指纹 {fingerprint}。请与评估人电话核对这串指纹；此后只接受这把密钥签名的文件"
        ),
        (Lang::Zh, true) => {
            format!("评估人「{evaluator}」的文件签名与登记的指纹 {fingerprint} 一致，已记录其公钥")
        }
        (Lang::En, false) => format!(
            "first file of evaluator \"{evaluator}\" in round \"{round}\": their signing key is recorded, fingerprint {fingerprint}. Compare it with the evaluator by phone; from now on only files signed by this key are accepted"
        ),
        (Lang::En, true) => format!(
            "the file of evaluator \"{evaluator}\" is signed by the key of the fingerprint given ({fingerprint}); its public key is recorded"
        ),
    }
}

/// `panel package` for an evaluator with no account to score.
pub fn nothing_assigned(lang: Lang, evaluator: &str, round: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "轮次「{round}」没有分配给评估人「{evaluator}」的账号；请先用 assay panel member 添加该评估人并用 assay panel assign 分配"
        ),
        Lang::En => format!(
            "round \"{round}\" assigns no account to evaluator \"{evaluator}\"; add them with assay panel member and assign with assay panel assign"
        ),
    }
}

/// The package was written.
pub fn packaged(lang: Lang, file: &str, evaluator: &str, round: &str, accounts: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "已为评估人「{evaluator}」写出轮次「{round}」的任务包 {file}：{accounts} 个账号、固定的评分表和评审规则；评估人用 assay panel join {file} 加入"
        ),
        Lang::En => format!(
            "wrote the package of round \"{round}\" for evaluator \"{evaluator}\" to {file}: {accounts} accounts, the pinned rubric and the panel rules; the evaluator joins with assay panel join {file}"
        ),
    }
}

/// A package whose content cannot be used (signed, yet not what a package holds).
pub fn package_corrupt(lang: Lang, file: &str, what: &str) -> String {
    match lang {
        Lang::Zh => format!("任务包 {file} 的内容有误（「{what}」）；请组长重新生成"),
        Lang::En => {
            format!("the round package {file} is damaged ({what}); ask the chair for a new one")
        }
    }
}

/// A package for a round joined before from another chair's key.
pub fn package_other_chair(
    lang: Lang,
    file: &str,
    round: &str,
    theirs: &str,
    ours: &str,
) -> String {
    match lang {
        Lang::Zh => format!(
            "{file} 由另一把密钥签名（指纹 {theirs}），而本库的轮次「{round}」来自指纹为 {ours} 的组长；未写入任何内容。请与组长核实"
        ),
        Lang::En => format!(
            "{file} is signed by another key (fingerprint {theirs}) than the chair round \"{round}\" here came from (fingerprint {ours}); nothing was written. Check with the chair"
        ),
    }
}

/// What `panel join` did.
pub fn joined(
    lang: Lang,
    round: &str,
    evaluator: &str,
    accounts: usize,
    j: &crate::storage::Joined,
) -> String {
    let kept = match (j.kept.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Zh) => format!(
            "；以下账号已不在任务包中，但已有评分，仍保留：{}",
            j.kept.join("、")
        ),
        (false, Lang::En) => format!(
            "; no longer in the package but kept (they have entries): {}",
            j.kept.join(", ")
        ),
    };
    match lang {
        Lang::Zh => format!(
            "已{}轮次「{round}」，评估人「{evaluator}」，分配的账号 {accounts} 个（新登记 {}，更新 {}）{kept}",
            if j.created { "加入" } else { "更新" },
            j.accounts_added,
            j.accounts_updated
        ),
        Lang::En => format!(
            "{} round \"{round}\" as evaluator \"{evaluator}\": {accounts} assigned accounts ({} new, {} updated){kept}",
            if j.created { "joined" } else { "updated" },
            j.accounts_added,
            j.accounts_updated
        ),
    }
}

/// The chair's key a package came from.
pub fn chair_key(lang: Lang, fingerprint: &str) -> String {
    match lang {
        Lang::Zh => format!("任务包由组长密钥签名，指纹 {fingerprint}（请与组长核对）"),
        Lang::En => format!(
            "the package is signed by the chair's key, fingerprint {fingerprint} (check it with the chair)"
        ),
    }
}

/// A round package refused.
pub fn package_error(e: &crate::io::package::PackageError, lang: Lang) -> String {
    use crate::io::package::PackageError as E;
    match (e, lang) {
        (E::Io { path, source }, Lang::Zh) => format!(
            "无法读取 {}：{}",
            path.display(),
            super::errors::io_reason(source, lang)
        ),
        (E::Io { path, source }, Lang::En) => format!(
            "cannot read {}: {}",
            path.display(),
            super::errors::io_reason(source, lang)
        ),
        (E::Corrupt { path, why }, _) => package_corrupt(lang, &path.display().to_string(), why),
        (E::Newer { path, found }, Lang::Zh) => format!(
            "{} 由更新版本的 assay 写出（任务包格式 {found}）；请先升级 assay",
            path.display()
        ),
        (E::Newer { path, found }, Lang::En) => format!(
            "{} was written by a newer assay (package format {found}); upgrade assay first",
            path.display()
        ),
        (E::RubricHash { path }, Lang::Zh) => format!(
            "任务包 {} 中的评分表文本与其哈希不符；请组长重新生成任务包",
            path.display()
        ),
        (E::RubricHash { path }, Lang::En) => format!(
            "the rubric text in the package {} is not the one its hash names; ask the chair for a new package",
            path.display()
        ),
        (E::Signed(s), _) => signed(s, None, What::Package, lang),
        (E::Input(i), _) => super::io_errors::input(i, lang),
    }
}
