//! `assay round check`: lists stored entries that break the scoring rules (items that do not
//! apply to the account, vetoes marked N/A by hand, unknown items, values that do not fit) and
//! exits 1 when there is any.

use std::collections::HashMap;

use crate::domain::entry::Entry;
use crate::domain::rubric;
use crate::domain::sheet_check;
use crate::i18n::Lang;
use crate::storage::Store;

pub fn run(store: &Store, round: &str, lang: Lang) -> anyhow::Result<()> {
    let round = store.round(round)?;
    let rubric = rubric::parse(&round.rubric_text, &format!("round {}", round.name))?;
    let accounts: HashMap<i64, _> = store
        .round_accounts(round.id)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    // One sheet = one (account, evaluator); entries stream in that order.
    let mut sheets: Vec<(i64, String, Vec<Entry>)> = Vec::new();
    store.for_each_entry(round.id, &mut |s| match sheets.last_mut() {
        Some((a, ev, v)) if *a == s.account_id && *ev == s.evaluator => v.push(s.entry),
        _ => sheets.push((s.account_id, s.evaluator, vec![s.entry])),
    })?;
    let mut found = 0usize;
    for (account, evaluator, sheet) in &sheets {
        let Some(a) = accounts.get(account) else {
            continue;
        };
        for p in sheet_check::problems(&rubric, a.platform, a.level, sheet) {
            found += 1;
            let plat = lang.pick(a.platform.label_zh(), a.platform.label_en());
            match lang {
                Lang::Zh => crate::io::out::outln!(
                    "{}（{plat}）· 评估人 {evaluator} · {}",
                    a.name,
                    p.message(lang)
                )?,
                Lang::En => crate::io::out::outln!(
                    "{} ({plat}) · evaluator {evaluator} · {}",
                    a.name,
                    p.message(lang)
                )?,
            }
        }
    }
    if found > 0 {
        anyhow::bail!(match lang {
            Lang::Zh => format!(
                "轮次「{}」有 {found} 处录入不符合评分规则（见上）；用 assay score set … --clear 删除或改正后再检查",
                round.name
            ),
            Lang::En => format!(
                "round \"{}\" has {found} entries that break the scoring rules (listed above); remove them with assay score set … --clear or correct them, then check again",
                round.name
            ),
        });
    }
    match lang {
        Lang::Zh => crate::io::out::outln!(
            "轮次「{}」：{} 张评分表，未发现问题",
            round.name,
            sheets.len()
        )?,
        Lang::En => crate::io::out::outln!(
            "round \"{}\": {} sheets, no problems",
            round.name,
            sheets.len()
        )?,
    }
    Ok(())
}
