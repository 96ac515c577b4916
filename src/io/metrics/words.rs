//! Metrics import refusals in Chinese (the error's own text is English): a file without the
//! needed header, and the rows that stop an import.

use super::MetricsError;
use crate::i18n::Lang;
use crate::i18n::errors::Localized;
use crate::io::accounts::Said;

/// The problems one per line, in `lang`.
pub(super) fn lines(problems: &[Said], lang: Lang) -> String {
    let v: Vec<&str> = problems.iter().map(|p| p.pick(lang)).collect();
    v.join("\n")
}

impl MetricsError {
    /// The refusal in Chinese (`None` for English, whose text is the error's own, and for a
    /// file that could not be read, which the registry importer's wording covers).
    pub fn zh(&self) -> Option<String> {
        match self {
            MetricsError::Read(_) => None,
            MetricsError::NoHeader { file, found } => Some(format!(
                "{file}：找不到含账号列以及发布时间列或周列的表头行；已有表头：{}。请把列名写成“账号”，以及“发布时间”（逐条发文）或“周”（每周数据）",
                found.join("、")
            )),
            MetricsError::Rows { file, problems } => Some(format!(
                "{file}：有 {} 处问题，未导入任何数据：\n{}",
                problems.len(),
                lines(problems, Lang::Zh)
            )),
        }
    }
}

/// A metrics import's refusal: a file that could not be read in the registry importer's
/// words, the rest in Chinese (English keeps the error's own text).
impl Localized for MetricsError {
    fn say(&self, lang: Lang) -> Option<String> {
        match self {
            MetricsError::Read(i) => i.say(lang),
            other if lang == Lang::Zh => other.zh(),
            _ => None,
        }
    }
}
