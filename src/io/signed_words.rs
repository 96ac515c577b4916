//! The signed exchange's refusals in the interface's language: a signed file refused before
//! its content was used (damaged, unsigned, edited or resealed, of another kind, newer), the
//! machine key that cannot be read or made, and a round package refused.

use super::keys::KeyError;
use super::package::PackageError;
use super::signed::SignedError;
use crate::i18n::Lang;
use crate::i18n::errors::{Localized, io_reason};
use crate::i18n::trust_msg::package_corrupt;

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
pub fn signed_words(e: &SignedError, claimed: Option<&str>, what: What, lang: Lang) -> String {
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
            "{}{who} 的签名与内容不符：文件在签名后被改动或重新封装过；未使用任何内容，请评估人重新导出后再合并",
            path.display()
        ),
        (SignedError::BadSignature { path }, Lang::En) => format!(
            "{}{who}: the signature does not match the content: the file was changed or resealed after it was signed; nothing was used: ask the evaluator to export it again",
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
impl Localized for KeyError {
    fn say(&self, lang: Lang) -> Option<String> {
        Some(key_words(self, lang))
    }
}

fn key_words(e: &KeyError, lang: Lang) -> String {
    use KeyError as E;
    let why = |s: &std::io::Error| io_reason(s, lang);
    match (e, lang) {
        (E::NoDir, Lang::Zh) => {
            "本系统没有数据文件夹；请把环境变量「ASSAY_KEY」设为签名密钥文件的路径".into()
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

/// A round package refused.
impl Localized for PackageError {
    fn say(&self, lang: Lang) -> Option<String> {
        Some(package_words(self, lang))
    }
}

fn package_words(e: &PackageError, lang: Lang) -> String {
    use PackageError as E;
    match (e, lang) {
        (E::Io { path, source }, Lang::Zh) => {
            format!("无法读取 {}：{}", path.display(), io_reason(source, lang))
        }
        (E::Io { path, source }, Lang::En) => format!(
            "cannot read {}: {}",
            path.display(),
            io_reason(source, lang)
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
        (E::Signed(s), _) => signed_words(s, None, What::Package, lang),
        (E::Input(i), _) => i.say(lang).unwrap_or_else(|| i.to_string()),
    }
}
