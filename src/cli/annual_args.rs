//! The `annual` command's arguments: the year, round weights, the veto rule for the year, the
//! comparison year, the format and where to write.

use std::path::PathBuf;

use clap::Args;

use crate::report::annual::VetoYear;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnnualFormat {
    Table,
    Json,
    Csv,
    Md,
    Html,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct AnnualArgs {
    /// The year whose rounds (by monitoring date) are combined
    #[arg(long)]
    pub year: i32,
    /// Weight per round, ROUND=W,… (round id or name; default: equal weights). Rounds of
    /// different rubrics are combined only when every round is named here. These weigh rounds;
    /// what-if category weights are `report --weights`
    #[arg(long)]
    pub weights: Option<String>,
    /// What a veto in one round does to the year: fail (default: the account fails the year)
    /// or score (judged on the annual score; the veto is still shown and ranks it last)
    #[arg(long, default_value = "fail", value_parser = parse_veto_year)]
    pub veto_year: VetoYear,
    /// Compare with this earlier year (the base): per account and host unit, the change in
    /// annual score, results, vetoes and full marks, new failures and recoveries, movers
    #[arg(long, value_name = "YEAR")]
    pub compare: Option<i32>,
    /// Output format (html only with --compare)
    #[arg(long, value_enum, default_value_t = AnnualFormat::Table)]
    pub format: AnnualFormat,
    /// Output file (default: standard output; required for xlsx)
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn parse_veto_year(s: &str) -> Result<VetoYear, String> {
    VetoYear::parse(s).ok_or_else(|| {
        crate::i18n::msg::unknown_choice(
            crate::i18n::current(),
            ("否决处理", "veto rule"),
            s,
            &["fail", "score"],
        )
    })
}
