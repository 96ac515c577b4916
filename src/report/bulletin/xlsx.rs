//! The bulletin as a workbook: the same document as the Word, Markdown and HTML bulletin — its
//! text on the first sheet, then every list and table of the annexes on a sheet of its own.

use super::{Bulletin, Issue, document};
use crate::i18n::Lang;
use crate::io::export::Sheet;

/// The bulletin's sheets, ready for the one XLSX writer.
pub fn workbook(b: &Bulletin, issue: &Issue, lang: Lang) -> Vec<Sheet> {
    let doc = document(b, issue, lang);
    crate::io::document::xlsx::sheets(&doc, lang.pick("通报正文", "Bulletin"))
}
