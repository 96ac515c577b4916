//! Errors of the library in the interface's language: the typed errors are matched here and
//! worded through the catalogue; anything not matched keeps its own (English) text.

pub use super::io_errors::io_reason;
use super::io_errors::{config, import, out, panel_file, rubric_file};
use super::{Lang, msg};
use crate::domain::entry::EntryError;
use crate::storage::StoreError;

/// A user-facing error already worded in the interface's language.
#[derive(Debug)]
pub struct Said(pub String);

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Said {}

/// Builds an [`anyhow::Error`] carrying a worded message.
pub fn said(text: String) -> anyhow::Error {
    anyhow::Error::new(Said(text))
}

/// The text of an error chain for `lang`: the first link this catalogue knows is worded in
/// `lang`; otherwise the chain as anyhow prints it.
pub fn render(err: &anyhow::Error, lang: Lang) -> String {
    for cause in err.chain() {
        if let Some(s) = cause.downcast_ref::<Said>() {
            return s.0.clone();
        }
        if let Some(e) = cause.downcast_ref::<EntryError>() {
            return entry(e, lang);
        }
        if let Some(e) = cause.downcast_ref::<StoreError>()
            && let Some(t) = store(e, lang)
        {
            return t;
        }
        if let Some(e) = cause.downcast_ref::<crate::io::rubric_file::RubricFileError>()
            && let Some(t) = rubric_file(e, lang)
        {
            return t;
        }
        if let Some(e) = cause.downcast_ref::<crate::domain::rubric::RubricErrors>() {
            return e.localized(lang);
        }
        if let Some(e) = cause.downcast_ref::<crate::r#gen::GenError>()
            && let Some(t) = gen_error(e, lang)
        {
            return t;
        }
        if let Some(e) = cause.downcast_ref::<crate::io::accounts::ImportError>()
            && let Some(t) = import(e, lang)
        {
            return t;
        }
        if let Some(e) = cause.downcast_ref::<crate::io::panel_file::PanelFileError>()
            && let Some(t) = panel_file(e, lang)
        {
            return t;
        }
        if let Some(e) = cause.downcast_ref::<crate::io::package::PackageError>() {
            return super::trust_msg::package_error(e, lang);
        }
        if let Some(e) = cause.downcast_ref::<crate::io::keys::KeyError>() {
            return super::trust_msg::key_error(e, lang);
        }
        if let Some(e) = cause.downcast_ref::<crate::io::input::InputError>() {
            return super::io_errors::input(e, lang);
        }
        if let Some(e) = out_error(cause) {
            return out(e, lang);
        }
        if let Some(t) = words_of(cause, lang) {
            return t;
        }
        if let Some(e) = cause.downcast_ref::<crate::config::ConfigError>()
            && let Some(t) = config(e, lang)
        {
            return t;
        }
    }
    format!("{err:#}")
}

/// An output refused or failed, also where a workbook writer carries it as its I/O error.
fn out_error<'a>(
    cause: &'a (dyn std::error::Error + 'static),
) -> Option<&'a crate::io::out::OutError> {
    use crate::io::out::OutError;
    let inner = |io: &'a std::io::Error| io.get_ref()?.downcast_ref::<OutError>();
    if let Some(e) = cause.downcast_ref::<OutError>() {
        return Some(e);
    }
    if let Some(crate::io::export::XlsxError::Out(e)) = cause.downcast_ref() {
        return Some(e);
    }
    if let Some(rust_xlsxwriter::XlsxError::IoError(io)) = cause.downcast_ref() {
        return inner(io);
    }
    cause.downcast_ref::<std::io::Error>().and_then(inner)
}

/// Metrics imports and the demo loader, whose own errors wrap the importer's and storage's
/// (transparently, so those do not appear further down the chain).
fn words_of(cause: &(dyn std::error::Error + 'static), lang: Lang) -> Option<String> {
    use crate::io::export::XlsxError as X;
    use crate::io::metrics::MetricsError as M;
    use crate::sample::SampleError as S;
    if let Some(X::Write { path, source }) = cause.downcast_ref::<X>() {
        let path = std::path::Path::new(path);
        return Some(match source {
            rust_xlsxwriter::XlsxError::IoError(e) => msg::cannot_write(lang, path, e),
            other => match lang {
                Lang::Zh => format!("无法写出工作簿 {}（「{other}」）", path.display()),
                Lang::En => format!("cannot write the workbook {}: {other}", path.display()),
            },
        });
    }
    if let Some(e) = cause.downcast_ref::<M>() {
        return match e {
            M::Read(i) => import(i, lang),
            other if lang == Lang::Zh => other.zh(),
            _ => None,
        };
    }
    match cause.downcast_ref::<S>()? {
        S::Store(s) => store(s, lang),
        S::Accounts(i) | S::Metrics(M::Read(i)) => import(i, lang),
        S::Metrics(m) if lang == Lang::Zh => m.zh(),
        S::NotEmpty { accounts, rounds } if lang == Lang::Zh => Some(format!(
            "数据库中已有 {accounts} 个账号和 {rounds} 个轮次；演示数据只能载入空数据库（请换一个新的 --db 路径）"
        )),
        // The rest are faults in the embedded sample data, not the user's doing.
        _ => None,
    }
}

/// `assay gen` refusals in Chinese (English keeps the error's own text).
fn gen_error(e: &crate::r#gen::GenError, lang: Lang) -> Option<String> {
    use crate::r#gen::GenError as G;
    if lang != Lang::Zh {
        return None;
    }
    Some(match e {
        G::Read { path, source } => format!(
            "无法读取评分标准 {}：{}",
            path.display(),
            io_reason(source, lang)
        ),
        G::Empty {
            accounts,
            evaluators,
        } => format!("--accounts 与 --evaluators 都至少为 1（现为 {accounts} 和 {evaluators}）"),
        G::TooLarge { what, value, limit } => format!(
            "{what} {value} 超出本机能容纳的规模（上限 {limit}）；请生成更少的数据，例如 --accounts 100000"
        ),
        _ => return None,
    })
}

/// The label of an error line.
pub fn prefix(lang: Lang) -> &'static str {
    lang.pick("错误", "error")
}

/// An entry error in the interface language: the wording lives with the error
/// ([`EntryError::localized`]), so every screen and command says the same.
pub fn entry(e: &EntryError, lang: Lang) -> String {
    e.localized(lang)
}

fn store(e: &StoreError, lang: Lang) -> Option<String> {
    let t = match e {
        StoreError::Ambiguous { key, candidates } => msg::account_ambiguous(lang, key, candidates),
        StoreError::Submitted {
            evaluator,
            account_id,
            ..
        } => msg::sheet_submitted(lang, &account_id.to_string(), evaluator),
        // The errors about the database file are worded by storage itself (one text per
        // language, used by the TUI too).
        other if lang == Lang::Zh => other.message(lang),
        _ => return None,
    };
    Some(t)
}

/// A storage error as the TUI shows it: in `lang`, and a locked sheet points at the reopen key.
pub fn for_tui(e: &StoreError, lang: Lang) -> String {
    match e {
        StoreError::Submitted { .. } => lang
            .pick(
                "这份评分表已提交，不能修改；按 S 重新打开后再改（会记入修改记录）",
                "this sheet is submitted and cannot be edited; press S to reopen it first (kept in the history)",
            )
            .to_string(),
        other => store(other, lang).unwrap_or_else(|| other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_errors_read_in_chinese_with_ranges_in_words() {
        let e = anyhow::Error::new(EntryError::OutOfRange {
            id: "reply".into(),
            value: 25.0,
            min: 0.0,
            max: 20.0,
        });
        let zh = render(&e, Lang::Zh);
        assert!(
            zh.contains("0–20") && zh.contains("25") && !zh.contains("..="),
            "{zh}"
        );
        let en = render(&e, Lang::En);
        assert!(en.contains("outside 0–20"), "{en}");
    }

    #[test]
    fn a_locked_sheet_in_the_tui_points_at_the_reopen_key() {
        let e = StoreError::Submitted {
            round_id: 1,
            account_id: 2,
            evaluator: "王敏".into(),
        };
        assert!(for_tui(&e, Lang::Zh).contains("按 S"));
        assert!(for_tui(&e, Lang::En).contains("press S"));
        let nf = StoreError::NotFound("x".into());
        assert_eq!(for_tui(&nf, Lang::Zh), "x");
    }
}
