//! `assay gen` in words: what it made, and its refusals in Chinese (English keeps the error's
//! own text).

use super::{GenError, GenReport};
use crate::i18n::Lang;
use crate::i18n::errors::{Localized, io_reason};

impl GenReport {
    /// What was generated, how long it took and where it went.
    pub fn done(&self, lang: Lang, secs: f64, path: &str) -> String {
        let r = self;
        match lang {
            Lang::Zh => format!(
                "已生成 {} 个账号、{} 名评估人、{} 条评分、{} 条周指标（轮次 #{} {}），用时 {secs:.1} 秒 → {path}",
                r.accounts, r.evaluators, r.entries, r.weeks, r.round_id, r.round
            ),
            Lang::En => format!("{r} in {secs:.1} s → {path}"),
        }
    }
}

impl Localized for GenError {
    fn say(&self, lang: Lang) -> Option<String> {
        // Transparent variants: their source is not a link of the chain, so they speak here.
        match self {
            GenError::Store(s) => return s.say(lang),
            GenError::Rubric(r) => return Some(r.localized(lang)),
            GenError::Read { path, source } if lang == Lang::En => {
                return Some(format!(
                    "cannot read rubric {}: {}",
                    path.display(),
                    io_reason(source, lang)
                ));
            }
            _ if lang == Lang::En => return None,
            _ => {}
        }
        Some(match self {
            GenError::Read { path, source } => format!(
                "无法读取评分标准 {}：{}",
                path.display(),
                io_reason(source, lang)
            ),
            GenError::Empty {
                accounts,
                evaluators,
            } => {
                format!(
                    "--accounts 与 --evaluators 都至少为 1（现为 {accounts} 和 {evaluators}）；请改为 1 或更多"
                )
            }
            GenError::TooLarge { what, value, limit } => format!(
                "{what} {value} 超出本机能容纳的规模（上限 {limit}）；请生成更少的数据，例如 --accounts 100000"
            ),
            _ => return None,
        })
    }
}
