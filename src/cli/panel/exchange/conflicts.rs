//! Conflicts of a merge as a table people read: evaluator, account, indicator, this database's
//! entry and the file's, in words (never raw JSON), and the file.

use crate::domain::entry::Entry;
use crate::i18n::Lang;
use crate::io::panel_file::AccountKey;

/// One unresolved difference.
pub struct Conflict {
    pub file: String,
    pub evaluator: String,
    pub account: AccountKey,
    pub ours: Entry,
    pub theirs: Entry,
}

/// An entry in words: points, count, veto, N/A, note.
pub fn words(e: &Entry, lang: Lang) -> String {
    let mut parts = Vec::new();
    let zh = lang == Lang::Zh;
    if let Some(v) = e.value {
        parts.push(if zh {
            format!("分值 {v}")
        } else {
            format!("points {v}")
        });
    }
    if let Some(c) = e.count {
        parts.push(if zh {
            format!("次数 {c}")
        } else {
            format!("count {c}")
        });
    }
    if let Some(v) = &e.veto {
        parts.push(if zh {
            format!("否决：{v}")
        } else {
            format!("veto: {v}")
        });
    }
    if e.na {
        parts.push(lang.pick("不适用", "N/A").to_string());
    }
    if !e.note.is_empty() {
        parts.push(if zh {
            format!("备注「{}」", e.note)
        } else {
            format!("note \"{}\"", e.note)
        });
    }
    if parts.is_empty() {
        return lang.pick("（空）", "(empty)").to_string();
    }
    parts.join(lang.pick("，", ", "))
}

/// The conflicts as an aligned table.
pub fn table(conflicts: &[Conflict], lang: Lang) -> String {
    let header = [
        lang.pick("评估人", "Evaluator"),
        lang.pick("账号", "Account"),
        lang.pick("指标", "Indicator"),
        lang.pick("本库", "Here"),
        lang.pick("文件", "File"),
        lang.pick("文件名", "File name"),
    ];
    let rows: Vec<Vec<String>> = conflicts
        .iter()
        .map(|c| {
            vec![
                c.evaluator.clone(),
                c.account.name.clone(),
                c.theirs.indicator.clone(),
                words(&c.ours, lang),
                words(&c.theirs, lang),
                c.file.clone(),
            ]
        })
        .collect();
    crate::cli::output::table(&header, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_read_as_words_in_each_language() {
        let e = Entry {
            value: Some(9.0),
            note: "复核".into(),
            ..Entry::new("x")
        };
        assert_eq!(words(&e, Lang::Zh), "分值 9，备注「复核」");
        assert_eq!(words(&e, Lang::En), "points 9, note \"复核\"");
        let t = table(
            &[Conflict {
                file: "a.panel".into(),
                evaluator: "甲".into(),
                account: AccountKey {
                    platform: "wechat".into(),
                    name: "丽水发布".into(),
                },
                ours: e.clone(),
                theirs: Entry {
                    value: Some(0.0),
                    ..Entry::new("x")
                },
            }],
            Lang::Zh,
        );
        assert!(
            t.contains("丽水发布") && t.contains("分值 0") && !t.contains('{'),
            "{t}"
        );
    }
}
