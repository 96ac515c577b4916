//! The words of the ledger's findings (`audit verify`): subjects changed behind the program's
//! back, a rewritten pinned rubric, the ledger's chain, triggers, the kept results and index.

use crate::storage::Finding;

/// A ledger subject (`round:2`, `metrics:2024-12-02`, …) in words.
fn subject(code: &str, zh: bool) -> String {
    let (kind, rest) = code.split_once(':').unwrap_or((code, ""));
    match (kind, zh) {
        ("round", true) => format!("轮次 {rest} 的设置（名称、评分表哈希、监测日期、账号范围）"),
        ("round", false) => {
            format!("round {rest}'s settings (name, rubric hash, monitoring date, accounts)")
        }
        ("panel", true) => {
            format!("轮次 {rest} 的评审组（结果规则、类别方法、成员、分配、校准标记、签名密钥）")
        }
        ("panel", false) => format!(
            "round {rest}'s panel (rules, category methods, members, assignments, calibration mark, keys)"
        ),
        ("auto", true) => format!("轮次 {rest} 的自动取值及其依据"),
        ("auto", false) => format!("round {rest}'s automatic entries and their evidence"),
        ("metrics", true) => format!("{rest} 起一周的运营数据"),
        ("metrics", false) => format!("the metrics of the week from {rest}"),
        ("accounts", true) => "账号登记表".into(),
        ("accounts", false) => "the account registry".into(),
        ("evaluators", true) => "评估人名单".into(),
        ("evaluators", false) => "the evaluators".into(),
        ("follow", true) => {
            format!("轮次 {rest} 的整改与申诉记录（整改说明、复查、申诉、裁定、期限设定）")
        }
        ("follow", false) => format!(
            "round {rest}'s follow-up (rectifications, re-checks, appeals, decisions, windows)"
        ),
        ("calendar", true) => "节假日与调休工作日".into(),
        ("calendar", false) => "the calendar of holidays and make-up working days".into(),
        (_, _) => code.to_string(),
    }
}

fn short(h: &str) -> &str {
    &h[..h.len().min(12)]
}

/// The finding in words, when it is one of the ledger's.
pub fn describe(f: &Finding, zh: bool) -> Option<String> {
    Some(match f {
        Finding::Ledger { subject: s, record } => {
            if zh {
                format!(
                    "{}与登记链第 {record} 条记录不符（在 assay 之外被改动）",
                    subject(s, zh)
                )
            } else {
                format!(
                    "{} no longer matches ledger record {record} (changed outside assay)",
                    subject(s, zh)
                )
            }
        }
        Finding::Unrecorded { subject: s } => {
            if zh {
                format!(
                    "{}在登记链中没有任何记录（在 assay 之外写入）",
                    subject(s, zh)
                )
            } else {
                format!(
                    "{} has no ledger record at all (written outside assay)",
                    subject(s, zh)
                )
            }
        }
        Finding::RubricPinned {
            round,
            recorded,
            found,
        } => {
            let (r, n) = (short(recorded), short(found));
            if zh {
                format!(
                    "轮次 {round}：固定的评分表已被改写——创建时登记的哈希为 {r}，现在为 {n}（评分表文本和哈希都被改过）"
                )
            } else {
                format!(
                    "round {round}: the pinned rubric was rewritten — its hash recorded at creation is {r}, now {n} (text and hash both changed)"
                )
            }
        }
        Finding::LedgerRow { id } => {
            if zh {
                format!("登记链第 {id} 条记录的哈希不符（该记录被修改、插入或替换）")
            } else {
                format!("ledger record {id} does not match its hash (edited, inserted or replaced)")
            }
        }
        Finding::LedgerHead { recorded, found } => {
            let show =
                |h: &Option<(i64, i64)>| h.map_or("-".to_string(), |(id, n)| format!("{id}/{n}"));
            if zh {
                format!(
                    "登记链止于 {}，但记录的链尾是 {}（记录被删除或添加）",
                    show(found),
                    show(recorded)
                )
            } else {
                format!(
                    "the ledger ends at {} but its recorded head is {} (records removed or added)",
                    show(found),
                    show(recorded)
                )
            }
        }
        Finding::Trigger { name, change } => match (*change, zh) {
            ("missing", true) => format!("触发器 {name} 不见了"),
            ("missing", false) => format!("trigger {name} is missing"),
            ("changed", true) => format!("触发器 {name} 的内容与本程序的不同（被替换）"),
            ("changed", false) => format!("trigger {name} differs from this program's (replaced)"),
            (_, true) => format!("多出一个不属于本程序的触发器 {name}"),
            (_, false) => format!("trigger {name} is not this program's"),
        },
        Finding::OpsFormula { id, formula } => {
            if zh {
                format!("运营指数公式 {formula}（第 {id} 行）与程序内置的定义不符")
            } else {
                format!("the kept index formula {formula} (row {id}) is not the shipped definition")
            }
        }
        Finding::OpsIndex { week, accounts } => {
            if zh {
                format!(
                    "{week} 这一周保存的运营指数有 {accounts} 个账号与按运营数据重新计算的结果不符"
                )
            } else {
                format!(
                    "the kept operations index of the week {week} differs from a recomputation from the metrics for {accounts} accounts"
                )
            }
        }
        Finding::KeptSheets { round, sheets } => {
            if zh {
                format!("轮次 {round}：{sheets} 份保存的评分结果与按评分条目重新计算的结果不符")
            } else {
                format!(
                    "round {round}: {sheets} kept sheet results differ from a recomputation from the entries"
                )
            }
        }
        Finding::SummaryTop {
            round,
            viewer,
            lang,
        } => {
            let whose = match (viewer.is_empty(), zh) {
                (true, true) => "全体评估人".to_string(),
                (true, false) => "every evaluator".to_string(),
                (false, true) => format!("评估人 {viewer}"),
                (false, false) => format!("evaluator {viewer}"),
            };
            if zh {
                format!(
                    "轮次 {round}：为{whose}（{lang}）保存的汇总首屏与重新计算的结果不符（summary_tops 在 assay 之外被改动；终端界面打开汇总后会改按重新计算显示）"
                )
            } else {
                format!(
                    "round {round}: the summary top kept for {whose} ({lang}) differs from a recomputation (summary_tops was changed outside assay; the TUI shows the recomputed one once the summary is computed)"
                )
            }
        }
        Finding::Pin { hash } => {
            if zh {
                format!(
                    "留存的链尾哈希 {hash} 不在评分历史或登记链中：链被整段改写过（或哈希抄错）"
                )
            } else {
                format!(
                    "the pinned chain head {hash} is in neither the score history nor the ledger: the chains were rewritten (or the hash was mistyped)"
                )
            }
        }
        _ => return None,
    })
}
