//! The bulletin's operations section (when the round has metrics): every account the ops report
//! flags, with its flags in words and its streak below the group mean, and the consolidation
//! findings in words (platforms as offices name them); the bulletin's annex prints it. The flag
//! words are the TUI's too.

use serde::Serialize;

use crate::domain::ops::activity::Finding;
use crate::domain::ops::report::{OpsReport, OpsRow};
use crate::i18n::Lang;
use crate::io::export::Cell;

/// A flag's name in the interface language (the one wording for the TUI and the bulletin).
pub fn flag_word(flag: &str, lang: Lang) -> &'static str {
    match flag {
        "dormant" => lang.pick("休眠", "dormant"),
        "zombie" => lang.pick("僵尸", "zombie"),
        "below_average" => lang.pick("连续低于均值", "below average"),
        "under_floor" => lang.pick("更新不足", "under floor"),
        "no_interaction" => lang.pick("无互动", "no interaction"),
        _ => lang.pick("其他", "other"),
    }
}

/// One account's operations line for its score sheet, from the same report row and flag words
/// as the bulletin's section: flags (or none), the streak below the group mean, days silent, the
/// period.
pub fn account_line(r: &OpsRow, report: &OpsReport, lang: Lang) -> String {
    if r.no_data {
        return match lang {
            Lang::Zh => format!(
                "无数据：{} 至 {} 未导入运营数据，不作休眠、僵尸、低于均值判断",
                report.from, report.to
            ),
            Lang::En => format!(
                "no data: no metrics imported for {} to {}; dormant, zombie and below-average are not judged",
                report.from, report.to
            ),
        };
    }
    let flags = if r.flags.is_empty() {
        lang.pick("无预警", "no flag").to_string()
    } else {
        let words: Vec<&str> = r.flags.iter().map(|f| flag_word(f, lang)).collect();
        words.join(lang.pick("、", ", "))
    };
    match lang {
        Lang::Zh => format!(
            "{flags}；低于组均值连续 {} 周（最长 {} 周）；已 {} 天未更新（{} 至 {}）",
            r.streak.current, r.streak.longest, r.activity.silent_days, report.from, report.to
        ),
        Lang::En => format!(
            "{flags}; {} weeks below the group mean running (longest {}); {} days silent ({} to {})",
            r.streak.current, r.streak.longest, r.activity.silent_days, report.from, report.to
        ),
    }
}

/// One flagged account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpsLine {
    pub name: String,
    pub region: String,
    pub flags: Vec<String>,
    /// Weeks below the group mean still running at the end, and the longest run.
    pub streak: u32,
    pub longest: u32,
    pub silent_days: i64,
}

/// The section: the period, how many accounts, the flagged ones (report order: most flags and
/// longest streak first) and the consolidation findings in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpsSection {
    pub from: String,
    pub to: String,
    pub weeks: usize,
    pub accounts: usize,
    /// Every flagged account.
    pub flagged: Vec<OpsLine>,
    /// How many accounts carry a flag in all.
    pub flagged_total: usize,
    /// Accounts with no figures at all in the period (无数据): judged by no rule, counted apart.
    #[serde(default)]
    pub no_data: usize,
    pub findings: Vec<String>,
}

impl OpsSection {
    pub fn of(r: &OpsReport, lang: Lang) -> OpsSection {
        let flagged = r
            .accounts
            .iter()
            .filter(|a| !a.flags.is_empty())
            .map(|a| OpsLine {
                name: a.name.clone(),
                region: a.region.clone(),
                flags: a
                    .flags
                    .iter()
                    .map(|f| flag_word(f, lang).to_string())
                    .collect(),
                streak: a.streak.current,
                longest: a.streak.longest,
                silent_days: a.activity.silent_days,
            })
            .collect();
        OpsSection {
            from: r.from.to_string(),
            to: r.to.to_string(),
            weeks: r.weeks.len(),
            accounts: r.accounts.len(),
            flagged,
            flagged_total: r.accounts.iter().filter(|a| !a.flags.is_empty()).count(),
            no_data: r.no_data,
            findings: r.findings.iter().map(|f| finding(f, lang)).collect(),
        }
    }

    pub(super) fn intro(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "{} 至 {}（{} 周），{} 个账号中 {} 个有运营预警（休眠、僵尸、连续低于组均值、更新不足、无互动）；{} 个账号无数据（未导入运营数据，不作判断）。",
                self.from, self.to, self.weeks, self.accounts, self.flagged_total, self.no_data
            ),
            Lang::En => format!(
                "{} to {} ({} weeks): {} of {} accounts carry an operations flag (dormant, zombie, below the group mean, under the update floor, no interaction); {} have no data (no metrics imported, nothing judged).",
                self.from, self.to, self.weeks, self.flagged_total, self.accounts, self.no_data
            ),
        }
    }
}

fn finding(f: &Finding, lang: Lang) -> String {
    match (f, lang) {
        (
            Finding::CountyOverLimit {
                county,
                accounts,
                limit,
            },
            Lang::Zh,
        ) => {
            format!("{county}有{accounts}个账号，超过{limit}个，建议整合")
        }
        (
            Finding::CountyOverLimit {
                county,
                accounts,
                limit,
            },
            Lang::En,
        ) => {
            format!("{county} has {accounts} accounts, more than {limit}: consolidate")
        }
        (
            Finding::DuplicateUnit {
                unit,
                platform,
                accounts,
            },
            Lang::Zh,
        ) => {
            format!(
                "{unit}在{}有多个账号（{}），建议整合",
                platform_words(platform, Lang::Zh),
                accounts.join("、")
            )
        }
        (
            Finding::DuplicateUnit {
                unit,
                platform,
                accounts,
            },
            Lang::En,
        ) => format!(
            "{unit} runs several {} accounts ({}): consolidate",
            platform_words(platform, Lang::En),
            accounts.join(", ")
        ),
    }
}

/// A platform stored by its code, named as offices name it.
fn platform_words(code: &str, lang: Lang) -> String {
    crate::domain::platform::Platform::parse(code).map_or_else(
        || code.to_string(),
        |p| lang.pick(p.label_zh(), p.label_en()).to_string(),
    )
}

/// The flagged accounts as a table: header and rows (name, region, flags, weeks below the mean
/// running / longest, days silent).
pub fn flagged_table(o: &OpsSection, lang: Lang) -> (Vec<String>, Vec<Vec<Cell>>) {
    let header = [
        lang.pick("账号", "Account"),
        lang.pick("地区", "Region"),
        lang.pick("预警", "Flags"),
        lang.pick(
            "连续低于均值（周）",
            "Weeks below the mean (running / longest)",
        ),
        lang.pick("未更新天数", "Days silent"),
    ]
    .map(String::from)
    .to_vec();
    let rows = o
        .flagged
        .iter()
        .map(|l| {
            vec![
                Cell::text(&l.name),
                Cell::text(&l.region),
                Cell::text(l.flags.join(lang.pick("、", ", "))),
                Cell::text(format!("{} / {}", l.streak, l.longest)),
                Cell::Int(l.silent_days),
            ]
        })
        .collect();
    (header, rows)
}
