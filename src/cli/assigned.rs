//! The notice when an evaluator scores an account the round's assignment does not give them:
//! the entry is written (the chair may need to step in), and the notice says so on stderr.

use crate::domain::panel::unassigned;
use crate::i18n::Lang;
use crate::storage::Store;

/// Warns on stderr when the round has an assignment and `evaluator` is not assigned `account`.
pub fn warn_if_unassigned(
    store: &Store,
    round_id: i64,
    account: (i64, &str),
    evaluator: &str,
    lang: Lang,
) -> anyhow::Result<()> {
    let assignment = store.assignments(round_id)?;
    if unassigned(&assignment, account.0, evaluator) {
        let (id, name) = account;
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "警告：本轮已分配评估任务，账号「{name}」（#{id}）未分配给评估人「{evaluator}」；评分已记录，如属误操作请用 --clear 撤销（`assay panel show` 查看分配）"
                ),
                Lang::En => format!(
                    "warning: this round has an assignment and account \"{name}\" (#{id}) is not assigned to evaluator \"{evaluator}\"; the entry is recorded; undo it with --clear if it was a mistake (`assay panel show` lists the assignment)"
                ),
            }
        );
    }
    Ok(())
}
