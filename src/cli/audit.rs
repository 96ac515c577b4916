//! `assay audit verify`: prints what the storage audit checked per round and every finding in the
//! interface language; exit 1 when anything does not match.

use crate::i18n::Lang;
use crate::storage::{Finding, Store};

use super::ExplainFormat;

/// Findings printed at most (the count of the rest follows).
const SHOWN: usize = 50;

pub fn verify(
    store: &mut Store,
    round: Option<&str>,
    format: ExplainFormat,
    pins: &[String],
    lang: Lang,
) -> anyhow::Result<()> {
    // A round whose pinned rubric no longer matches its hash cannot be opened; the audit still
    // names it (all rounds are audited then).
    let round = match round {
        Some(key) => Some(store.round(key)?.id),
        None => None,
    };
    let mut audit = store.audit(round)?;
    kept_sheets(store, round, &mut audit.findings)?;
    super::audit_tops::summary_tops(store, round, &mut audit.findings)?;
    for pin in pins {
        if store.find_pinned(pin)?.is_none() {
            audit.findings.push(Finding::Pin {
                hash: pin.trim().to_string(),
            });
        }
    }
    match format {
        ExplainFormat::Json => {
            let v = serde_json::json!({
                "ok": audit.findings.is_empty(),
                "rounds": audit.rounds,
                "ledger_head": audit.ledger_head,
                "findings": audit.findings.iter().map(|f| serde_json::json!({
                    "finding": f,
                    "message": describe(f, lang),
                })).collect::<Vec<_>>(),
            });
            crate::io::out::outln!("{}", serde_json::to_string_pretty(&v)?)?;
        }
        ExplainFormat::Text => print_text(&audit, lang)?,
    }
    let Some(first) = audit.findings.first() else {
        if format == ExplainFormat::Text {
            crate::io::out::outln!(
                "{}",
                lang.pick(
                    "审计通过：历史链完整，所有条目与其历史一致",
                    "audit ok: every chain is intact and every entry matches its history"
                )
            )?;
        }
        return Ok(());
    };
    let n = audit.findings.len();
    anyhow::bail!(match lang {
        Lang::Zh => format!("审计发现 {n} 处不符；第一处：{}", describe(first, lang)),
        Lang::En => format!(
            "audit found {n} mismatches; the first: {}",
            describe(first, lang)
        ),
    })
}

/// Each round's kept per-sheet results against a recomputation from its entries (rounds whose
/// pinned rubric fails its hash are named by the audit already and skipped here).
fn kept_sheets(
    store: &mut Store,
    only: Option<i64>,
    findings: &mut Vec<Finding>,
) -> anyhow::Result<()> {
    for r in store.rounds()? {
        if only.is_some_and(|o| o != r.id)
            || findings
                .iter()
                .any(|f| matches!(f, Finding::RubricHash { round } if *round == r.id))
        {
            continue;
        }
        let Ok(round) = store.round(&r.id.to_string()) else {
            continue;
        };
        let bad = crate::report::source::verify(store, &round)?;
        if !bad.is_empty() {
            findings.push(Finding::KeptSheets {
                round: r.id,
                sheets: bad.len(),
            });
        }
    }
    Ok(())
}

/// Per round what was checked and its chain head, then the findings (at most [`SHOWN`]).
fn print_text(audit: &crate::storage::Audit, lang: Lang) -> anyhow::Result<()> {
    for r in &audit.rounds {
        let head = if r.head.is_empty() { "-" } else { &r.head };
        let line = match lang {
            Lang::Zh => format!(
                "轮次 {} «{}»：历史 {} 行，条目 {} 条，链尾哈希 {head}",
                r.id, r.name, r.history_rows, r.entries
            ),
            Lang::En => format!(
                "round {} «{}»: {} history rows, {} entries, chain head {head}",
                r.id, r.name, r.history_rows, r.entries
            ),
        };
        crate::io::out::outln!("{line}")?;
    }
    if !audit.ledger_head.is_empty() {
        let h = &audit.ledger_head;
        crate::io::out::outln!(
            "{}",
            match lang {
                Lang::Zh => format!("登记链（轮次设置、评审组、运营数据、账号）链尾哈希 {h}"),
                Lang::En => format!("ledger (round settings, panels, metrics, accounts) head {h}"),
            }
        )?;
    }
    for f in audit.findings.iter().take(SHOWN) {
        crate::io::out::outln!("{}", describe(f, lang))?;
    }
    if audit.findings.len() > SHOWN {
        let more = audit.findings.len() - SHOWN;
        let line = match lang {
            Lang::Zh => format!("……另有 {more} 处"),
            Lang::En => format!("… and {more} more"),
        };
        crate::io::out::outln!("{line}")?;
    }
    Ok(())
}

/// One finding as a sentence that names the round and the row or entry.
pub fn describe(f: &Finding, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    super::audit_ledger::describe(f, zh).unwrap_or_else(|| describe_chain(f, zh))
}

/// Findings about the history chain, the heads and the pinned rubric.
fn describe_chain(f: &Finding, zh: bool) -> String {
    match f {
        Finding::RubricHash { round } => {
            if zh {
                format!(
                    "轮次 {round}：固定的评分细则文本与其 SHA-256 不符（细则在 assay 之外被改动）"
                )
            } else {
                format!(
                    "round {round}: the pinned rubric text no longer matches its SHA-256 (changed outside assay)"
                )
            }
        }
        Finding::RowHash { round, id } => {
            if zh {
                format!("轮次 {round}：历史第 {id} 行的哈希不符（该行被修改、插入或替换）")
            } else {
                format!(
                    "round {round}: history row {id} does not match its hash (the row was edited, inserted or replaced)"
                )
            }
        }
        Finding::Head {
            round,
            recorded,
            found,
        } => {
            let show = |h: &Option<(i64, i64)>| match h {
                Some((id, n)) => {
                    if zh {
                        format!("第 {id} 行（共 {n} 行）")
                    } else {
                        format!("row {id} ({n} rows)")
                    }
                }
                None => {
                    if zh {
                        "无".to_string()
                    } else {
                        "none".to_string()
                    }
                }
            };
            if zh {
                format!(
                    "轮次 {round}：历史链止于{}，但记录的链尾是{}（历史行被删除或添加）",
                    show(found),
                    show(recorded)
                )
            } else {
                format!(
                    "round {round}: the history chain ends at {} but its recorded head is {} (history rows were removed or added)",
                    show(found),
                    show(recorded)
                )
            }
        }
        Finding::Orphan { round, first_id } => {
            if zh {
                format!("历史第 {first_id} 行起属于不存在的轮次 {round}")
            } else {
                format!(
                    "history rows from row {first_id} belong to round {round}, which does not exist"
                )
            }
        }
        Finding::Sequence { round, id } => {
            if zh {
                format!("轮次 {round}：历史第 {id} 行的“修改前”与该条目上一行的“修改后”不一致")
            } else {
                format!(
                    "round {round}: history row {id}'s \"before\" is not the previous row's \"after\" for that entry"
                )
            }
        }
        Finding::BadRow { round, id } => {
            if zh {
                format!("轮次 {round}：历史第 {id} 行无法读取")
            } else {
                format!("round {round}: history row {id} cannot be read")
            }
        }
        other => describe_data(other, zh),
    }
}

/// Findings about entries and submission states against their history.
fn describe_data(f: &Finding, zh: bool) -> String {
    match f {
        Finding::Entry {
            round,
            account,
            evaluator,
            indicator,
            last_row,
            missing,
        } => match (zh, missing) {
            (true, false) => format!(
                "轮次 {round}：账号 {account} 评估人 {evaluator} 指标 {indicator} 的当前条目与其最后一条历史（第 {last_row} 行）不符（在 assay 之外被改动）"
            ),
            (true, true) => format!(
                "轮次 {round}：账号 {account} 评估人 {evaluator} 指标 {indicator} 的条目不见了，而最后一条历史（第 {last_row} 行）记录了它"
            ),
            (false, false) => format!(
                "round {round}: the entry of account {account}, evaluator {evaluator}, indicator {indicator} differs from its last history row {last_row} (changed outside assay)"
            ),
            (false, true) => format!(
                "round {round}: the entry of account {account}, evaluator {evaluator}, indicator {indicator} is gone, but its last history row {last_row} records it"
            ),
        },
        Finding::Bulk {
            round,
            batch_rows,
            loaded,
            found,
        } => {
            let rows = batch_rows
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let rows = if rows.is_empty() {
                "-".to_string()
            } else {
                rows
            };
            if zh {
                format!(
                    "轮次 {round}：批量载入的条目与批量历史行（第 {rows} 行：{loaded} 条）不符，现有未经编辑的条目 {found} 条（有条目在 assay 之外被改动、添加或删除）"
                )
            } else {
                format!(
                    "round {round}: the bulk-loaded entries do not match their bulk history rows ({rows}: {loaded} entries); {found} entries without an edit are there now (entries were changed, added or removed outside assay)"
                )
            }
        }
        Finding::Submission {
            round,
            account,
            evaluator,
            last_row,
        } => {
            let row = last_row.map_or("-".to_string(), |r| r.to_string());
            if zh {
                format!(
                    "轮次 {round}：账号 {account} 评估人 {evaluator} 的提交状态与其历史（第 {row} 行）不符"
                )
            } else {
                format!(
                    "round {round}: the submission state of account {account}, evaluator {evaluator} differs from its history (row {row})"
                )
            }
        }
        other => describe_chain(other, zh),
    }
}
