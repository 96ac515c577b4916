//! Problems of a stored sheet against its round's pinned rubric: entries for unknown items, for
//! items that do not apply to the account (platform, level), vetoes marked N/A by hand, and
//! entries that do not fit their item. The same checks as every write path ([`Entry::check_for`]),
//! for data stored before they existed or written around them.

use crate::domain::entry::{Entry, EntryError};
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;

/// One problem of one entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The rubric has no item with this id.
    UnknownItem { id: String },
    /// The entry breaks a rule of [`Entry::check_for`] (does not apply, veto N/A, bad value).
    Entry(EntryError),
}

impl Problem {
    /// The problem in the interface's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::UnknownItem { id }, Lang::Zh) => format!("{id}：评分表中没有此指标"),
            (Problem::UnknownItem { id }, Lang::En) => format!("{id}: no such item in the rubric"),
            (Problem::Entry(e), lang) => e.localized(lang),
        }
    }
}

/// Every problem of one sheet (one evaluator's entries for one account), in entry order. Entries
/// that record only a note or evidence are not judgements and are not checked against the kind.
pub fn problems(
    rubric: &Rubric,
    platform: Platform,
    level: Level,
    sheet: &[Entry],
) -> Vec<Problem> {
    let mut out = Vec::new();
    for e in sheet {
        let Some(item) = rubric.item(&e.indicator) else {
            out.push(Problem::UnknownItem {
                id: e.indicator.clone(),
            });
            continue;
        };
        let mut probe = e.clone();
        let r = if e.is_scored() {
            probe.check_for(item, platform, level)
        } else {
            Ok(())
        };
        if let Err(err) = r {
            out.push(Problem::Entry(err));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"Rubric(id: "t", name: "t", version: "1", total: 10, pass_mark: 6,
        categories: [Category(id: "c", name: "维度", weight: 10, indicators: [
            Range(id: "r", name: "定位", max: 10),
            Check(id: "ipv6", name: "IPv6", points: 2, platforms: [App]),
        ])],
        vetoes: [Veto(id: "dy", name: "抖音专项", reasons: ["其他"], platforms: [Douyin])])"#;

    fn entry(id: &str, f: impl FnOnce(&mut Entry)) -> Entry {
        let mut e = Entry::new(id);
        f(&mut e);
        e
    }

    #[test]
    fn lists_inapplicable_unknown_and_bad_entries() {
        let r: Rubric = crate::domain::rubric::ron_options()
            .from_str(SRC)
            .expect("parses");
        let sheet = [
            entry("r", |e| e.value = Some(5.0)),
            entry("ipv6", |e| e.value = Some(1.0)),
            entry("dy", |e| e.value = Some(0.0)),
            entry("gone", |e| e.value = Some(1.0)),
            entry("r", |e| e.value = Some(99.0)),
            entry("ipv6", |e| e.note = "只有备注".into()),
        ];
        let p = problems(&r, Platform::WeChat, Level::County, &sheet);
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p[0].message(Lang::Zh).contains("平台 移动客户端"), "{p:?}");
        assert!(p[1].message(Lang::Zh).contains("平台 抖音"), "{p:?}");
        assert_eq!(p[2], Problem::UnknownItem { id: "gone".into() });
        assert!(matches!(
            p[3],
            Problem::Entry(EntryError::OutOfRange { .. })
        ));
        let dy = [entry("dy", |e| e.na = true)];
        let p = problems(&r, Platform::Douyin, Level::County, &dy);
        assert_eq!(
            p,
            vec![Problem::Entry(EntryError::VetoNa { id: "dy".into() })]
        );
        assert!(problems(&r, Platform::App, Level::County, &sheet[..2]).is_empty());
    }
}
