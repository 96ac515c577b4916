//! What an error chain says to the user, at the edge (`main`, the commands, the TUI): each link
//! whose type words itself ([`Localized`]) is asked in turn and the first answer is the message;
//! a chain no link words reads as anyhow prints it. The wording lives with each error type.

use std::error::Error;

use crate::i18n::Lang;
use crate::i18n::errors::{Localized, Said};
use crate::storage::StoreError;

type Ask = fn(&(dyn Error + 'static), Lang) -> Option<String>;

fn ask<T: Localized + Error + 'static>(
    cause: &(dyn Error + 'static),
    lang: Lang,
) -> Option<String> {
    cause.downcast_ref::<T>()?.say(lang)
}

/// The error types that word themselves, asked in this order for each link of a chain.
const SPEAKERS: &[Ask] = &[
    ask::<Said>,
    ask::<crate::domain::entry::EntryError>,
    ask::<StoreError>,
    ask::<crate::io::rubric_file::RubricFileError>,
    ask::<crate::domain::rubric::RubricErrors>,
    ask::<crate::r#gen::GenError>,
    ask::<crate::io::accounts::ImportError>,
    ask::<crate::io::panel_file::PanelFileError>,
    ask::<crate::io::export::XlsxError>,
    ask::<crate::io::metrics::MetricsError>,
    ask::<crate::sample::SampleError>,
    ask::<crate::config::ConfigError>,
    ask::<crate::io::package::PackageError>,
    ask::<crate::io::keys::KeyError>,
    ask::<crate::io::input::InputError>,
    ask::<crate::domain::whatif::WeightsError>,
    ask_out,
];

/// An output refused or failed, also where a workbook writer carries it as its I/O error.
fn ask_out(cause: &(dyn Error + 'static), lang: Lang) -> Option<String> {
    use crate::io::out::OutError;
    let inner = |io: &std::io::Error| io.get_ref()?.downcast_ref::<OutError>()?.say(lang);
    if let Some(e) = cause.downcast_ref::<OutError>() {
        return e.say(lang);
    }
    if let Some(crate::io::export::XlsxError::Out(e)) = cause.downcast_ref() {
        return e.say(lang);
    }
    if let Some(rust_xlsxwriter::XlsxError::IoError(io)) = cause.downcast_ref() {
        return inner(io);
    }
    cause.downcast_ref::<std::io::Error>().and_then(inner)
}

/// The text of an error chain for `lang`: the first link that words itself in `lang`;
/// otherwise the chain as anyhow prints it.
pub fn render(err: &anyhow::Error, lang: Lang) -> String {
    for cause in err.chain() {
        if let Some(t) = SPEAKERS.iter().find_map(|ask| ask(cause, lang)) {
            return t;
        }
    }
    format!("{err:#}")
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
        other => other.say(lang).unwrap_or_else(|| other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entry::EntryError;

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
