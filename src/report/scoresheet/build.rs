//! Builds one account's [`Sheet`] from its evaluators' entries: the engine scores each sheet,
//! the one aggregation combines them; the rows are laid out in [`super::rows`].

use super::Sheet;
use super::input::{Scored, SheetInput, score_one};
use crate::domain::engine;
use crate::i18n::Lang;
use crate::report::{AccountResult, SheetFigures, SheetResult, account_result};

/// Builds the sheet and returns it with the combined result it shows.
pub fn build_sheet(input: &SheetInput<'_>) -> (Sheet, AccountResult) {
    let (a, lang) = (input.account, input.lang);
    let scored: Vec<Scored> = input
        .evaluators
        .iter()
        .map(|e| score_one(input, e))
        .collect();
    let mut results: Vec<SheetResult> = scored
        .iter()
        .zip(&input.evaluators)
        .filter_map(|(s, e)| {
            SheetFigures::of(&s.outcome).into_sheet(a.id, s.name.clone(), e.submitted)
        })
        .collect();
    super::consensus::with_consensus(input, &mut results);
    let refs: Vec<&SheetResult> = results.iter().collect();
    let combined = account_result(input.scheme, a, &refs);
    let skeleton = engine::score(input.rubric, a.platform, a.level, &[]);
    let mut columns: Vec<String> = [
        lang.pick("指标", "Indicator"),
        lang.pick("类型", "Kind"),
        lang.pick("满分", "Max"),
    ]
    .map(String::from)
    .to_vec();
    for s in &scored {
        columns.push(format!("{} {}", s.name, lang.pick("录入", "entry")));
        columns.push(format!("{} {}", s.name, lang.pick("得分", "points")));
    }
    columns.push(lang.pick("综合", "Combined").into());
    columns.push(lang.pick("备注与证据", "Notes and evidence").into());
    columns.push(lang.pick("编号", "Id").into());
    let rows = super::rows::rows(input, &skeleton, &scored, &combined);
    let mut sheet = Sheet {
        title: format!("{} · {}", a.name, lang.pick("评分表", "score sheet")),
        facts: facts(input, &scored),
        columns,
        rows,
        signatures: signatures(lang),
        decimals: input.rubric.decimals as usize,
        account: a.name.clone(),
        platform: a.platform_label.clone(),
        total: combined.total,
    };
    super::consensus::add_columns(&mut sheet, &skeleton, &input.consensus, lang);
    (sheet, combined)
}

fn facts(input: &SheetInput<'_>, scored: &[Scored]) -> Vec<(String, String)> {
    let (a, r, lang) = (input.account, input.round, input.lang);
    let who: Vec<String> = scored
        .iter()
        .map(|s| format!("{}（{}）", s.name, s.status))
        .collect();
    let pick = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    vec![
        (pick("账号", "Account"), a.name.clone()),
        (pick("平台", "Platform"), a.platform_label.clone()),
        (pick("主办单位", "Host unit"), a.unit.clone()),
        (
            pick("层级", "Level"),
            lang.pick(a.level.label_zh(), a.level.label_en()).into(),
        ),
        (pick("地区", "Region"), a.region.clone()),
        (
            pick("评估轮次", "Round"),
            if input.calibration {
                format!(
                    "{}（{}）",
                    r.name,
                    pick(
                        "校准轮次，不计入正式结果",
                        "calibration round, not a live result"
                    )
                )
            } else {
                r.name.clone()
            },
        ),
        (
            pick("监测时间点", "Monitoring date"),
            r.monitoring_date.to_string(),
        ),
        (
            pick("评估体系", "Rubric"),
            format!("{} {}", input.rubric.name, r.rubric_version),
        ),
        (pick("体系哈希", "Rubric hash"), r.rubric_hash.clone()),
        (
            pick("评估人", "Evaluators"),
            if who.is_empty() {
                "—".into()
            } else {
                who.join("、")
            },
        ),
    ]
}

/// The lines people sign: the evaluator and the reviewer, each with a date.
fn signatures(lang: Lang) -> Vec<String> {
    let blank = "＿＿＿＿＿＿＿＿";
    let date = "＿＿＿＿年＿＿月＿＿日";
    match lang {
        Lang::Zh => vec![
            format!("评估人（签字）：{blank}　　日期：{date}"),
            format!("复核人（签字）：{blank}　　日期：{date}"),
        ],
        Lang::En => vec![
            format!("Evaluator (signature): {blank}    Date: {date}"),
            format!("Reviewer (signature): {blank}    Date: {date}"),
        ],
    }
}
