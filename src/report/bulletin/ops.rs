//! The bulletin's operations section (when the round has metrics): the accounts the ops report
//! flags, with their flags in words and their streak below the group mean, and the
//! consolidation findings; rendered in Markdown and HTML. The flag words are the TUI's too.

use std::fmt::Write;

use serde::Serialize;

use crate::domain::ops::activity::Finding;
use crate::domain::ops::report::{OpsReport, OpsRow};
use crate::i18n::Lang;

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

/// How many flagged accounts the bulletin names (the rest are counted; `assay ops` lists all).
pub const FLAGGED_LISTED: usize = 20;

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
    /// The first [`FLAGGED_LISTED`] flagged accounts.
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
            .take(FLAGGED_LISTED)
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

    /// "N more" under the table, when not every flagged account is named.
    pub(super) fn more(&self, lang: Lang) -> Option<String> {
        let rest = self.flagged_total.saturating_sub(self.flagged.len());
        (rest > 0).then(|| match lang {
            Lang::Zh => format!("另有 {rest} 个预警账号未列出，完整名单见 assay ops --round。"),
            Lang::En => format!(
                "{rest} more flagged accounts are not listed; assay ops --round lists them all."
            ),
        })
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
            format!("{county} 有 {accounts} 个账号，超过 {limit} 个，建议整合")
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
                "{unit} 在 {platform} 有多个账号（{}），建议整合",
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
            "{unit} runs several {platform} accounts ({}): consolidate",
            accounts.join(", ")
        ),
    }
}

/// The flagged-accounts table's header, for Markdown and HTML alike.
fn flagged_header(lang: Lang) -> [&'static str; 5] {
    [
        lang.pick("账号", "Account"),
        lang.pick("地区", "Region"),
        lang.pick("预警", "Flags"),
        lang.pick(
            "连续低于均值（周）",
            "Weeks below the mean (running / longest)",
        ),
        lang.pick("未更新天数", "Days silent"),
    ]
}

/// One flagged account's cells in the header's order, not yet escaped.
fn flagged_cells(l: &OpsLine, lang: Lang) -> [String; 5] {
    [
        l.name.clone(),
        l.region.clone(),
        l.flags.join(lang.pick("、", ", ")),
        format!("{} / {}", l.streak, l.longest),
        l.silent_days.to_string(),
    ]
}

/// The section in Markdown; `cell` escapes table cells.
pub fn md(s: &mut String, o: &OpsSection, lang: Lang, cell: fn(&str) -> String) {
    let _ = writeln!(
        s,
        "## {}\n\n{}\n",
        lang.pick("六、运营监测", "6. Operations"),
        cell(&o.intro(lang))
    );
    if !o.flagged.is_empty() {
        let _ = writeln!(
            s,
            "| {} |\n|---|---|---|---:|---:|",
            flagged_header(lang).join(" | ")
        );
        for l in &o.flagged {
            let cells = flagged_cells(l, lang).map(|c| cell(&c));
            let _ = writeln!(s, "| {} |", cells.join(" | "));
        }
        s.push('\n');
    }
    if let Some(m) = o.more(lang) {
        let _ = writeln!(s, "{}\n", cell(&m));
    }
    for f in &o.findings {
        let _ = writeln!(s, "- {}", cell(f));
    }
    if !o.findings.is_empty() {
        s.push('\n');
    }
}

/// The section in HTML; `esc` escapes text.
pub fn html(s: &mut String, o: &OpsSection, lang: Lang, esc: fn(&str) -> String) {
    let _ = write!(
        s,
        "<h2>{}</h2>\n<p>{}</p>\n",
        lang.pick("六、运营监测", "6. Operations"),
        esc(&o.intro(lang))
    );
    if !o.flagged.is_empty() {
        let [a, r, f, w, d] = flagged_header(lang);
        let _ = writeln!(
            s,
            "<table><thead><tr><th>{a}</th><th>{r}</th><th>{f}</th><th class=\"n\">{w}</th><th class=\"n\">{d}</th></tr></thead><tbody>"
        );
        for l in &o.flagged {
            let [a, r, f, w, d] = flagged_cells(l, lang).map(|c| esc(&c));
            let _ = writeln!(
                s,
                "<tr><td>{a}</td><td>{r}</td><td>{f}</td><td class=\"n\">{w}</td><td class=\"n\">{d}</td></tr>"
            );
        }
        s.push_str("</tbody></table>\n");
    }
    if let Some(m) = o.more(lang) {
        let _ = writeln!(s, "<p>{}</p>", esc(&m));
    }
    if !o.findings.is_empty() {
        s.push_str("<ul>\n");
        for f in &o.findings {
            let _ = writeln!(s, "<li>{}</li>", esc(f));
        }
        s.push_str("</ul>\n");
    }
}
