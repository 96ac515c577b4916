//! Column headers as offices write them, in Chinese and English, mapped to account fields.

/// An account field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Platform,
    Name,
    Unit,
    Level,
    Region,
    Domain,
    Status,
    Opened,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Platform,
        Field::Name,
        Field::Unit,
        Field::Level,
        Field::Region,
        Field::Domain,
        Field::Status,
        Field::Opened,
    ];

    /// Accepted header spellings; the first is the canonical name used in messages.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Platform => &[
                "新媒体类型",
                "平台",
                "类型",
                "平台类型",
                "账号类型",
                "platform",
                "type",
            ],
            Field::Name => &["新媒体名称", "名称", "账号名称", "账号", "name", "account"],
            Field::Unit => &[
                "责任单位",
                "主办单位",
                "运维单位",
                "开办单位",
                "单位",
                "unit",
                "host",
                "host unit",
            ],
            Field::Level => &["行政层级", "层级", "级别", "行政级别", "level"],
            Field::Region => &["地区", "区域", "所属地区", "行政区划", "region"],
            Field::Domain => &["业务领域", "领域", "行业", "domain"],
            Field::Status => &["状态", "账号状态", "运行状态", "status"],
            Field::Opened => &[
                "开设日期",
                "开通时间",
                "开设时间",
                "开通日期",
                "opened",
                "opened at",
                "date opened",
            ],
        }
    }

    /// The canonical column name (Chinese), for messages about a column the file lacks.
    pub fn canonical(self) -> &'static str {
        self.aliases()[0]
    }

    /// Platform, name and host unit must be in every file.
    pub fn required(self) -> bool {
        matches!(self, Field::Platform | Field::Name | Field::Unit)
    }
}

/// Lowercases and removes spaces, `*` markers, `_`/`-` and a trailing parenthesised hint
/// (新媒体类型（微信/微博）).
fn normalize(header: &str) -> String {
    let h = header.trim().trim_start_matches('\u{feff}');
    let h = h.split(['(', '（']).next().unwrap_or(h);
    h.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊'))
        .map(|c| if matches!(c, '_' | '-') { ' ' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// The field a header names, if any.
pub fn field_for(header: &str) -> Option<Field> {
    let h = normalize(header);
    if h.is_empty() {
        return None;
    }
    let squeeze = |s: &str| s.replace(' ', "");
    Field::ALL
        .into_iter()
        .find(|f| f.aliases().iter().any(|a| squeeze(a) == squeeze(&h)))
}

/// Maps each column to a field. A later column naming an already-mapped field is left unmapped
/// (reported as ignored). Returns the per-column fields.
pub fn map_columns(headers: &[String]) -> Vec<Option<Field>> {
    let mut seen = Vec::new();
    headers
        .iter()
        .map(|h| {
            let f = field_for(h).filter(|f| !seen.contains(f));
            if let Some(f) = f {
                seen.push(f);
            }
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_in_both_languages() {
        assert_eq!(field_for("新媒体类型"), Some(Field::Platform));
        assert_eq!(field_for(" Platform "), Some(Field::Platform));
        assert_eq!(field_for("\u{feff}平台"), Some(Field::Platform));
        assert_eq!(field_for("主办单位"), Some(Field::Unit));
        assert_eq!(field_for("运维单位"), Some(Field::Unit));
        assert_eq!(field_for("开通时间"), Some(Field::Opened));
        assert_eq!(field_for("Opened_At"), Some(Field::Opened));
        assert_eq!(field_for("*新媒体名称（全称）"), Some(Field::Name));
        assert_eq!(field_for("序号"), None);
        assert_eq!(field_for(""), None);
    }

    #[test]
    fn a_repeated_field_maps_once() {
        let h: Vec<String> = ["名称", "平台", "name"].map(String::from).to_vec();
        assert_eq!(
            map_columns(&h),
            [Some(Field::Name), Some(Field::Platform), None]
        );
    }
}
