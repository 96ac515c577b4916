//! `assay ops --round R | --week W`: every account's operations index against its group
//! average, the streak below it and the activity flags; flagged accounts first.

use std::path::PathBuf;

use anyhow::Context;
use chrono::{Duration, NaiveDate, Weekday};
use clap::Args;

use crate::domain::ops::activity::ActivityRules;
use crate::domain::ops::formula::{self, Formula};
use crate::domain::ops::report::GroupBy;
use crate::domain::ops::week::week_start;
use crate::i18n::Lang;
use crate::storage::{AccountFilter, Store};

use super::ops_read::{OpsFormat, build, refresh_index};

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("when").required(true).args(["round", "week"]))]
#[command(subcommand_negates_reqs = true, args_conflicts_with_subcommands = true)]
pub struct OpsArgs {
    #[command(subcommand)]
    pub cmd: Option<OpsCmd>,
    /// Round id or name: its accounts, the weeks before its monitoring date
    #[arg(long)]
    pub round: Option<String>,
    /// One week (any date in it), over all accounts, with the --weeks weeks up to it
    #[arg(long, value_parser = super::values::parse_date)]
    pub week: Option<NaiveDate>,
    /// How many weeks: before the round's monitoring date, or up to and including --week
    #[arg(long, default_value_t = 26)]
    pub weeks: u32,
    /// Group for the average: all, platform, level, province, city, county
    #[arg(long, default_value = "all", value_parser = parse_group)]
    pub by: GroupBy,
    /// Index formula: a shipped id (gov-ops, wci-v14.2, wci-v2.0, bci) or a RON file; repeatable,
    /// platform-specific ones win for their platform (default gov-ops)
    #[arg(long)]
    pub formula: Vec<String>,
    /// Rule preset: national, sichuan, shenmu, yunhe
    #[arg(long, default_value = "national")]
    pub preset: String,
    /// Dormant: no post in this many days
    #[arg(long)]
    pub dormant_days: Option<i64>,
    /// Zombie: a gap longer than this many days
    #[arg(long)]
    pub zombie_gap: Option<i64>,
    /// Zombie: reported dormant at this many consecutive weekly checks
    #[arg(long)]
    pub zombie_reports: Option<u32>,
    /// Update floor: at least this many posts …
    #[arg(long)]
    pub floor_posts: Option<u32>,
    /// … every this many days
    #[arg(long)]
    pub floor_days: Option<i64>,
    /// Flag this many consecutive weeks below the group average
    #[arg(long)]
    pub streak: Option<u32>,
    /// First day of a week: mon (default), sun, …
    #[arg(long, default_value = "mon", value_parser = parse_weekday)]
    pub week_start: Weekday,
    /// Output format: table (default), json, csv or md
    #[arg(long, value_enum, default_value_t = OpsFormat::Table)]
    pub format: OpsFormat,
}

#[derive(Debug, clap::Subcommand)]
pub enum OpsCmd {
    /// Place the automatic values of rule-named items in the round's started sheets (evaluators'
    /// own entries are kept) and print what changed since the last run
    Auto(super::ops_auto_run::OpsAutoArgs),
}

pub fn parse_weekday(s: &str) -> Result<Weekday, String> {
    crate::domain::ops::week::parse_weekday(s).ok_or_else(|| {
        let choices = ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "周一…周日"];
        crate::i18n::msg::unknown_choice(crate::i18n::current(), ("星期", "weekday"), s, &choices)
    })
}

fn parse_group(s: &str) -> Result<GroupBy, String> {
    GroupBy::parse(s).ok_or_else(|| {
        let choices = ["all", "platform", "level", "province", "city", "county"];
        crate::i18n::msg::unknown_choice(crate::i18n::current(), ("分组", "group"), s, &choices)
    })
}

fn rules(args: &OpsArgs, lang: Lang) -> anyhow::Result<ActivityRules> {
    let mut r = ActivityRules::preset(&args.preset).with_context(|| {
        lang.pick(
            "未知的预设；可用 national、sichuan、shenmu、yunhe",
            "unknown preset; use national, sichuan, shenmu or yunhe",
        )
        .to_string()
    })?;
    let set = |v: Option<i64>, to: &mut i64| v.inspect(|v| *to = (*v).max(1));
    set(args.dormant_days, &mut r.dormant_days);
    set(args.zombie_gap, &mut r.zombie_gap_days);
    set(args.floor_days, &mut r.floor_days);
    if let Some(v) = args.zombie_reports {
        r.zombie_reports = v;
    }
    if let Some(v) = args.floor_posts {
        r.floor_posts = v;
    }
    if let Some(v) = args.streak {
        r.streak_weeks = v;
    }
    Ok(r)
}

/// The formulas named on the command line (files or shipped ids), then gov-ops as the fallback.
fn formulas(names: &[String], lang: Lang) -> anyhow::Result<Vec<Formula>> {
    let shipped = formula::shipped();
    let mut out = Vec::new();
    for n in names {
        if let Some(f) = shipped.iter().find(|f| f.id == *n) {
            out.push(f.clone());
            continue;
        }
        let path = PathBuf::from(n);
        let bytes = crate::io::input::read(&path, crate::io::input::Kind::Formula).map_err(|e| {
            let why = match e {
                crate::io::input::InputError::Io { source, .. } => {
                    crate::i18n::errors::io_reason(&source, lang)
                }
                other => crate::error_chain::render(&anyhow::Error::new(other), lang),
            };
            anyhow::anyhow!(match lang {
                Lang::Zh => format!("{n} 既不是内置公式（gov-ops、wci-v14.2、wci-v2.0、bci）也不是可读的文件：{why}"),
                Lang::En => format!("{n} is neither a shipped formula (gov-ops, wci-v14.2, wci-v2.0, bci) nor a readable file: {why}"),
            })
        })?;
        let text = String::from_utf8_lossy(&bytes);
        out.push(formula::parse(&text, n).with_context(|| {
            lang.pick(
                "公式文件有误，未生成报告",
                "the formula file has errors; no report",
            )
            .to_string()
        })?);
    }
    if !out.iter().any(|f| f.platforms.is_empty()) {
        out.extend(shipped.into_iter().filter(|f| f.id == "gov-ops"));
    }
    Ok(out)
}

pub fn run(store: &mut Store, args: &OpsArgs, lang: Lang) -> anyhow::Result<()> {
    if let Some(OpsCmd::Auto(a)) = &args.cmd {
        return super::ops_auto_run::run(store, a, lang);
    }
    let rules = rules(args, lang)?;
    let formulas = formulas(&args.formula, lang)?;
    refresh_index(store, lang);
    let (roster, from, to) = match (&args.round, args.week) {
        (Some(r), _) => {
            let round = store.round(r)?;
            let to = round.monitoring_date;
            let first = week_start(
                to - Duration::weeks(i64::from(args.weeks.max(1))),
                args.week_start,
            );
            (store.round_roster(round.id, args.by)?, first, to)
        }
        (None, Some(w)) => {
            // The report at that week: its index and standing, with the `--weeks` weeks up to
            // it for streaks and activity.
            let last = week_start(w, args.week_start);
            let first = last - Duration::weeks(i64::from(args.weeks.max(1)) - 1);
            (
                store.listed_roster(&AccountFilter::default(), args.by)?,
                first,
                last + Duration::days(6),
            )
        }
        (None, None) => anyhow::bail!(
            "{}",
            lang.pick(
                "请用 --round 轮次 或 --week 日期 指定要看哪些周的数据",
                "give --round ROUND or --week DATE: which weeks to look at",
            )
        ),
    };
    let report = build(store, roster, &formulas, &rules, from, to, args.week_start)?;
    let mut failed = None;
    let written = crate::io::out::stream_stdout(&mut |w| {
        super::ops_render::render_to(&report, args.format, lang, w).map_err(|e| {
            let io = output_io(&e).unwrap_or_else(|| std::io::Error::other("render"));
            failed = Some(e);
            io
        })
    });
    // The report is no longer needed: the process ends without freeing its rows one by one.
    std::mem::forget(report);
    match (written, failed) {
        (Ok(()), _) => Ok(()),
        // A failure that is not the output's (a value the CSV writer refused) keeps its message.
        (Err(_), Some(f)) if output_io(&f).is_none() => Err(f),
        (Err(e), _) => Err(e.into()),
    }
}

/// The I/O error under a rendering failure (through a CSV writer's error too).
fn output_io(e: &anyhow::Error) -> Option<std::io::Error> {
    e.chain().find_map(|c| {
        let io = c.downcast_ref::<std::io::Error>().or_else(|| {
            match c.downcast_ref::<csv::Error>().map(csv::Error::kind) {
                Some(csv::ErrorKind::Io(io)) => Some(io),
                _ => None,
            }
        })?;
        Some(std::io::Error::new(io.kind(), io.to_string()))
    })
}
