//! Messages of the signed exchange and the round packages: refused files (unsigned, edited,
//! another key, another round), keys and fingerprints, packages joined, merges ordered by the
//! evaluator's own sequence.

use super::Lang;

/// This machine's key, for the person to read out to the other side by phone.
pub fn own_key(lang: Lang, fingerprint: &str, public: &str, made: bool) -> String {
    match lang {
        Lang::Zh => format!(
            "{}本机签名密钥指纹：{fingerprint}\n（公钥「ed25519:{public}」；请通过电话与组长核对指纹）",
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

/// What `panel join` did to the evaluator's database (storage's `Joined`, as words need it).
pub struct Joined<'a> {
    pub created: bool,
    pub accounts_added: usize,
    pub accounts_updated: usize,
    pub kept: &'a [String],
}

/// What `panel join` did.
pub fn joined(lang: Lang, round: &str, evaluator: &str, accounts: usize, j: &Joined<'_>) -> String {
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
