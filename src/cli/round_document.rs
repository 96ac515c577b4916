//! `assay round document`: what a round's bulletin says about who issues it (发文机关, 主送机关,
//! 依据文件, 文号, 整改期限), kept with the round so that every bulletin of the round prints
//! the same; given without options, prints what is set.

use clap::Args;

use super::values::parse_date;
use crate::i18n::Lang;
use crate::storage::{Follow, RoundDocument, Store};
use crate::text_safety::escape_cell;

#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// The issuing office (发文机关), e.g. 丽水市人民政府办公室
    #[arg(long)]
    pub issuer: Option<String>,
    /// The addressees (主送机关), e.g. 各县（市、区）人民政府，市政府各部门
    #[arg(long)]
    pub to: Option<String>,
    /// The documents the check rests on (依据文件), e.g. 《国务院办公厅关于推进政务新媒体健康有序发展的意见》
    #[arg(long)]
    pub basis: Option<String>,
    /// The document number (发文字号), e.g. 丽政办发〔2025〕1号
    #[arg(long)]
    pub number: Option<String>,
    /// The deadline for 整改, YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub deadline: Option<chrono::NaiveDate>,
    /// The bulletin's date (成文日期), YYYY-MM-DD: the 整改 window counts from it
    #[arg(long, value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// The 整改 window: working days (工作日) after the bulletin's date (used when no --deadline is set)
    #[arg(long)]
    pub rectify_days: Option<u32>,
    /// The appeal window: working days (工作日) after the draft (征求意见稿)
    #[arg(long)]
    pub appeal_days: Option<u32>,
}

impl DocumentArgs {
    fn given(&self) -> RoundDocument {
        let text = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        RoundDocument {
            issuer: text(&self.issuer),
            addressees: text(&self.to),
            basis: text(&self.basis),
            number: text(&self.number),
            deadline: self.deadline,
        }
    }
}

/// Keeps the follow-up settings given (the bulletin's date, the windows) and returns them all.
fn follow(store: &mut Store, round_id: i64, args: &DocumentArgs) -> anyhow::Result<Follow> {
    let mut f = store.follow(round_id)?;
    if args.date.is_none() && args.rectify_days.is_none() && args.appeal_days.is_none() {
        return Ok(f);
    }
    f.issued = args.date.or(f.issued);
    f.rectify_days = args.rectify_days.or(f.rectify_days);
    f.appeal_days = args.appeal_days.or(f.appeal_days);
    store.set_follow(round_id, &f)?;
    Ok(f)
}

pub fn run(store: &mut Store, args: &DocumentArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
    let f = follow(store, round.id, args)?;
    let given = args.given();
    let now = store.round_document(round.id)?;
    let now = if given == RoundDocument::default() {
        now
    } else {
        let updated = now.updated(&given);
        store.set_round_document(round.id, &updated)?;
        updated
    };
    let unset = lang.pick("（未设定）", "(not set)");
    let show = |v: &Option<String>| {
        v.as_deref()
            .map_or(unset.to_string(), |s| escape_cell(s).into_owned())
    };
    let lines = [
        (lang.pick("发文机关", "issuing office"), show(&now.issuer)),
        (lang.pick("主送机关", "addressees"), show(&now.addressees)),
        (lang.pick("依据文件", "basis"), show(&now.basis)),
        (lang.pick("发文字号", "number"), show(&now.number)),
        (
            lang.pick("整改期限", "deadline"),
            now.deadline.map_or(unset.to_string(), |d| d.to_string()),
        ),
        (
            lang.pick("成文日期", "bulletin date"),
            f.issued.map_or(unset.to_string(), |d| d.to_string()),
        ),
        (
            lang.pick("整改期限（工作日）", "整改 window (working days)"),
            f.rectify_days.map_or(unset.to_string(), |d| d.to_string()),
        ),
        (
            lang.pick("申诉期限（工作日）", "appeal window (working days)"),
            f.appeal_days.map_or(unset.to_string(), |d| d.to_string()),
        ),
    ];
    println!(
        "{}",
        match lang {
            Lang::Zh => format!("轮次「{}」的通报设定：", escape_cell(&round.name)),
            Lang::En => format!(
                "document settings of round \"{}\":",
                escape_cell(&round.name)
            ),
        }
    );
    for (k, v) in lines {
        println!("  {k}{} {v}", lang.pick("：", ":"));
    }
    Ok(())
}
