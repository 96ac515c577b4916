//! `assay round document`: what a round's bulletin says about who issues it (发文机关, 主送机关,
//! 依据文件, 文号, 整改期限), kept with the round so that every bulletin of the round prints
//! the same; given without options, prints what is set.

use clap::Args;

use super::values::parse_date;
use crate::i18n::Lang;
use crate::storage::{RoundDocument, Store};
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

pub fn run(store: &mut Store, args: &DocumentArgs, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(&args.round)?;
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
