//! What every part of the bulletin document reads: the office's [`Issue`] (issuer, addressee,
//! number, dates), the round's shared region, and the wordings of a date, an account and a
//! failure's reason, so the body, the demands and the annexes say them the same way.

use chrono::NaiveDate;

use super::{Bulletin, Words};
use crate::i18n::Lang;
use crate::io::document::{Block, Cell, DocTable, Text};
use crate::report::Failure;

/// What the office says about the document: who issues it, to whom, on what basis, its number,
/// date and the deadline for 整改. Anything left out becomes a placeholder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Issue {
    pub issuer: Option<String>,
    pub to: Option<String>,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub basis: Option<String>,
    pub deadline: Option<NaiveDate>,
}

/// A date as a 公文 writes it: 2024年12月16日 (English: 16 December 2024).
pub fn date_words(d: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => d.format("%-d %B %Y").to_string(),
    }
}

pub(super) struct Ctx<'a> {
    pub b: &'a Bulletin,
    pub issue: &'a Issue,
    pub lang: Lang,
    pub issuer: Text,
    /// The region path every account of the round shares (printed regions leave it out).
    pub common_region: String,
}

/// The longest run of whole path segments every path starts with.
pub(super) fn common_prefix<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    let mut common: Option<Vec<&str>> = None;
    for p in paths {
        let segs: Vec<&str> = p.split('/').collect();
        common = Some(match common {
            None => segs,
            Some(c) => c
                .into_iter()
                .zip(segs)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    common.map(|c| c.join("/")).unwrap_or_default()
}

impl Ctx<'_> {
    /// A region path without the part the whole round shares: 莲都区/白云街道; 市本级 for an
    /// account of the shared region itself.
    pub fn region(&self, path: &str) -> String {
        let rest = path
            .strip_prefix(self.common_region.as_str())
            .unwrap_or(path)
            .trim_matches('/');
        if rest.is_empty() {
            self.t("市本级", "city level").to_string()
        } else {
            rest.to_string()
        }
    }

    pub fn t<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(zh, en)
    }

    pub fn blank(&self, zh: &str, en: &str) -> Text {
        Text::blank(self.t(zh, en))
    }

    /// 「name」（platform，unit）
    pub fn who(&self, f: &Failure) -> String {
        let platform = self.lang.pick(f.platform.label_zh(), f.platform.label_en());
        match self.lang {
            Lang::Zh => format!("“{}”（{}，{}）", f.name, platform, f.unit),
            Lang::En => format!("\"{}\" ({}, {})", f.name, platform, f.unit),
        }
    }

    /// Why it failed: 单项否决：item: reason, or below the pass mark (one wording for every
    /// writer: [`Words::failure_reason`]).
    pub fn reason(&self, f: &Failure) -> String {
        Words { lang: self.lang }.failure_reason(self.b, f)
    }
}

/// An annex: its title and its blocks (tables, charts, lines).
pub(super) struct Annex {
    pub title: Text,
    pub blocks: Vec<Block>,
}

/// A table of the annexes with relative column widths.
pub(super) fn table(header: &[&str], widths: &[u32], rows: Vec<Vec<Cell>>) -> DocTable {
    DocTable {
        header: header.iter().map(|h| h.to_string()).collect(),
        rows,
        widths: widths.to_vec(),
    }
}
