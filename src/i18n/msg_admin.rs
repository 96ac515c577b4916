//! The catalogue's messages about the registry, rounds, imports, the demo and generated data
//! (re-exported by [`super::msg`], which holds the rest).

use super::Lang;

pub fn rubric_check_failed(lang: Lang, bad: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("{total} 个评分标准文件中有 {bad} 个未通过检查"),
        Lang::En => format!("{bad} of {total} rubric file(s) failed the check"),
    }
}

/// What `assay init` prints after the database path: the next steps.
pub fn init_next(lang: Lang) -> &'static str {
    lang.pick(
        "下一步：\n  1. 导入账号名录：`assay account import 名录.csv`（CSV 或 XLSX）\n  2. 创建评估轮次：`assay round create 名称 --rubric 评分标准.ron --date 2024-12-16`\n  3. 开始评分：`assay`（打开评分界面）\n  先看看示例：`assay demo`",
        "Next:\n  1. import the account registry: `assay account import registry.csv` (CSV or XLSX)\n  2. create a round: `assay round create NAME --rubric rubric.ron --date 2024-12-16`\n  3. score: `assay` (opens the scoring screen)\n  To try it first: `assay demo`",
    )
}

pub fn empty_name(lang: Lang) -> String {
    lang.pick("新名称不能为空", "the new name is empty").into()
}

pub fn name_taken(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("名称“{name}”已被使用；请换一个名称"),
        Lang::En => format!("the name \"{name}\" is already taken; pick another"),
    }
}

pub fn renamed(lang: Lang, old: &str, new: &str) -> String {
    match lang {
        Lang::Zh => format!("已改名：{old} → {new}"),
        Lang::En => format!("renamed: {old} → {new}"),
    }
}

pub fn retired(lang: Lang, account: &str) -> String {
    match lang {
        Lang::Zh => format!("已停用账号 {account}：不再出现在账号列表和新建轮次中，已有轮次保留它"),
        Lang::En => format!(
            "retired {account}: it leaves the account list and new rounds; existing rounds keep it"
        ),
    }
}

pub fn already_retired(lang: Lang, account: &str) -> String {
    match lang {
        Lang::Zh => format!("账号 {account} 早已停用，未作改动"),
        Lang::En => format!("{account} was already retired; nothing changed"),
    }
}

pub fn round_has_scores(lang: Lang, round: &str, n: i64) -> String {
    match lang {
        Lang::Zh => format!(
            "轮次“{round}”已有 {n} 条评分及修改记录，不能删除；确需删除请加 --force（评分与修改记录会保留，轮次不再显示）"
        ),
        Lang::En => format!(
            "round \"{round}\" has {n} scores and history rows and is not deleted; add --force to delete it anyway (its scores and history are kept, the round is hidden)"
        ),
    }
}

pub fn round_deleted(lang: Lang, round: &str, hidden: bool) -> String {
    match (lang, hidden) {
        (Lang::Zh, false) => format!("已删除轮次“{round}”"),
        (Lang::Zh, true) => format!("已删除轮次“{round}”（评分与修改记录保留在数据库中）"),
        (Lang::En, false) => format!("deleted round \"{round}\""),
        (Lang::En, true) => {
            format!("deleted round \"{round}\" (its scores and history stay in the database)")
        }
    }
}

pub fn accounts_exist(lang: Lang, existing: &[String]) -> String {
    let shown: Vec<&str> = existing.iter().take(10).map(String::as_str).collect();
    let more = existing.len().saturating_sub(shown.len());
    match lang {
        Lang::Zh => format!(
            "{} 个账号已在名录中：{}{}；未导入任何账号。要更新已有账号，请加 --update（会列出每处改动）",
            existing.len(),
            shown.join("、"),
            if more > 0 { " 等" } else { "" }
        ),
        Lang::En => format!(
            "{} accounts are already in the registry: {}{}; nothing was imported. To update existing accounts add --update (every change is listed)",
            existing.len(),
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ),
    }
}

pub fn demo_reopened(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("打开已有的演示数据库 {path}（保留其中的评分）；要重建请加 --fresh"),
        Lang::En => format!(
            "opening the existing demo database {path} (your scoring in it is kept); add --fresh to rebuild it"
        ),
    }
}

pub fn demo_created(lang: Lang, path: &str, rebuilt: bool) -> String {
    match (lang, rebuilt) {
        (Lang::Zh, false) => format!("已创建演示数据库 {path}"),
        (Lang::Zh, true) => format!("已按示例数据重建演示数据库 {path}"),
        (Lang::En, false) => format!("created the demo database {path}"),
        (Lang::En, true) => format!("rebuilt the demo database {path} from the sample data"),
    }
}

pub fn demo_not_demo(lang: Lang, path: &str, explicit: bool) -> String {
    match (lang, explicit) {
        (Lang::Zh, true) => {
            format!("{path} 中的数据不是演示数据，演示不会改动它；请用 --db 指定另一个文件")
        }
        (Lang::Zh, false) => format!("演示数据库 {path} 中缺少示例轮次；加 --fresh 按示例数据重建"),
        (Lang::En, true) => format!(
            "{path} holds data that is not the demo's and the demo never changes it; give another --db path"
        ),
        (Lang::En, false) => {
            format!("the demo database {path} lacks the sample rounds; add --fresh to rebuild it")
        }
    }
}

pub fn demo_cannot_remove(lang: Lang, path: &str, e: &std::io::Error) -> String {
    match lang {
        Lang::Zh => format!("无法删除旧的演示文件 {path}：{e}"),
        Lang::En => format!("cannot remove old demo file {path}: {e}"),
    }
}

pub fn gen_not_empty(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("{path} 中已有账号；assay gen 只写入新数据库，请用 --db 指定另一个路径")
        }
        Lang::En => format!(
            "{path} already holds accounts; gen writes into a new database — give another --db path"
        ),
    }
}

pub fn round_exists(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("已有名为“{name}”的轮次；请换一个名称，或直接使用该轮次"),
        Lang::En => {
            format!("a round named \"{name}\" already exists; pick another name or use that round")
        }
    }
}

pub fn scope_empty(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("轮次“{name}”的范围内没有任何账号；请先导入账号，或放宽筛选条件"),
        Lang::En => format!(
            "the scope of round \"{name}\" matches no account; import accounts first or widen the filters"
        ),
    }
}
