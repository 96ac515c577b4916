//! Chinese `--help`: the clap command tree with its descriptions translated from this table
//! (a description without an entry stays as written), and headings and help flags in Chinese.

use clap::{Arg, ArgAction, Command};

/// English description (as in the clap definitions, whitespace collapsed) → Chinese.
const ZH: &[(&str, &str)] = &[
    (
        "assay — score government new-media accounts (政务新媒体) against weighted rubrics.",
        "assay —— 按加权评分标准评估政务新媒体账号",
    ),
    (
        "assay — score government new-media accounts (政务新媒体) against weighted rubrics",
        "assay —— 按加权评分标准评估政务新媒体账号",
    ),
    (
        "Score government new-media accounts (政务新媒体) against weighted rubrics, in the terminal",
        "assay —— 在终端中按加权评分标准评估政务新媒体账号",
    ),
    (
        "Database file (default: assay.db in the platform data directory)",
        "数据库文件（默认：系统数据目录中的 assay.db）",
    ),
    (
        "Interface language: zh (default) or en",
        "界面语言：zh（默认，中文）或 en（英文）",
    ),
    (
        "Create (or upgrade) the database and print where it is",
        "创建（或升级）数据库并显示其位置",
    ),
    (
        "Check, show, create, export or import rubric files",
        "检查、显示、新建、导出或导入评分标准文件",
    ),
    ("Import or list accounts", "导入、列出或更正账号"),
    ("Create or list rounds", "创建、列出或更正评估轮次"),
    ("Record scores from scripts", "从脚本录入、提交评分"),
    (
        "Print how an account's score is derived",
        "显示账号得分的推导过程",
    ),
    (
        "Show the change history of a round: who, when, which item, old → new",
        "显示轮次的修改记录：谁、何时、哪一项、原值 → 新值",
    ),
    (
        "Open the demo database (the sample city), created on first use and kept afterwards",
        "打开演示数据库（示例城市）：首次运行时创建，之后保留",
    ),
    (
        "Generate deterministic synthetic data at any scale",
        "生成任意规模的确定性模拟数据",
    ),
    ("Print shell completions", "输出命令行补全脚本"),
    ("Shell to print completions for", "要生成补全脚本的 shell"),
    (
        "Open the scoring TUI (the default with no subcommand)",
        "打开评分界面（不带子命令时的默认操作）",
    ),
    (
        "Validate rubric files; exit 1 if any has an error",
        "检查评分标准文件；有错误时退出码为 1",
    ),
    (
        "Rubric files (.ron, UTF-8) to check",
        "要检查的评分标准文件（.ron，UTF-8）",
    ),
    (
        "Print a rubric as a tree with weights, points and kinds",
        "以树形显示评分标准：权重、分值与类型",
    ),
    ("Rubric file (.ron, UTF-8)", "评分标准文件（.ron，UTF-8）"),
    (
        "text (the tree) or json (every field of the rubric)",
        "text（树形）或 json（评分标准的全部字段）",
    ),
    (
        "List the rubric templates built into assay",
        "列出 assay 内置的评分标准模板",
    ),
    (
        "Write a new rubric from a built-in template: RON with Chinese comments, or a workbook",
        "按内置模板写出一份新的评分标准：带中文注释的 RON 文件，或 Excel 表",
    ),
    (
        "Template id (see `assay rubric templates`)",
        "模板编号（见 `assay rubric templates`）",
    ),
    (
        "File to write (.ron or .xlsx)",
        "要写出的文件（.ron 或 .xlsx）",
    ),
    (
        "ron or xlsx (default: from the extension of --out)",
        "ron 或 xlsx（默认按 --out 的扩展名）",
    ),
    ("Overwrite the file if it exists", "文件已存在时覆盖"),
    (
        "Write the sample city's files into this folder (the registry and the rubrics as Excel workbooks, the metrics as CSV) to practise imports, instead of opening the demo",
        "把示例城市的文件写入该文件夹（备案表和评分标准为 Excel 表，监测数据为 CSV），用于练习导入；不打开演示界面",
    ),
    (
        "Write a rubric as an Excel workbook: one row per indicator, the header on its own sheet",
        "把评分标准写成 Excel 表：每个指标一行，基本信息单独一个工作表",
    ),
    ("Workbook format (xlsx)", "表格格式（xlsx）"),
    ("Workbook to write", "要写出的 Excel 文件"),
    (
        "Read a rubric from an Excel workbook and write it as RON (all or nothing; checked first)",
        "从 Excel 表读入评分标准并写成 RON 文件（先检查；全部成功或不写出）",
    ),
    (
        "Workbook (.xlsx) with a sheet of indicators",
        "含指标表的 Excel 文件（.xlsx）",
    ),
    (
        "Rubric file to write (.ron)",
        "要写出的评分标准文件（.ron）",
    ),
    (
        "Import accounts from CSV or XLSX (UTF-8, UTF-8 with BOM or GBK); all or nothing",
        "从 CSV 或 XLSX 导入账号（UTF-8、带 BOM 的 UTF-8 或 GBK）；全部成功或全部不导入",
    ),
    (
        "Rename an account (its platform stays)",
        "账号改名（平台不变）",
    ),
    (
        "Account id, unique name, or platform:name",
        "账号编号、唯一名称或“平台:名称”",
    ),
    ("The new name", "新名称"),
    (
        "Retire an account: it leaves the list and new rounds; existing rounds keep it",
        "停用账号：不再出现在账号列表和新轮次中，已有轮次保留",
    ),
    ("List accounts", "列出账号"),
    (
        "Output: table for people, json or csv for scripts",
        "输出格式：table（表格，供阅读）、json 或 csv（供脚本）",
    ),
    (
        "Registry file: .csv (UTF-8, UTF-8 with BOM or GBK) or .xlsx (first sheet)",
        "名录文件：.csv（UTF-8、带 BOM 的 UTF-8 或 GBK）或 .xlsx（第一个工作表）",
    ),
    (
        "Level for rows without a level column",
        "文件没有层级列时使用的层级",
    ),
    (
        "Region path (省/市/县/乡镇) for rows without a region column",
        "文件没有地区列时使用的地区路径（省/市/县/乡镇）",
    ),
    (
        "Business domain for rows without one",
        "文件没有业务领域时使用的领域",
    ),
    ("Status for rows without one", "文件没有状态时使用的状态"),
    (
        "Update accounts already stored (same platform and name) and add new ones, printing every changed field; without it an existing account makes the import fail",
        "更新已有账号（平台与名称相同）并新增其余账号，逐项列出改动；不加此项时，已有账号会使导入失败",
    ),
    (
        "Administrative level (province, city, county, township or 省级/市级/县级/乡镇级); repeatable",
        "行政层级（省级/市级/县级/乡镇级，或 province/city/county/township）；可重复",
    ),
    (
        "Platform (微信公众号/视频号/微博/抖音/快手/小红书/B站/头条号/…, or a code such as wechat); repeatable",
        "平台（微信公众号/视频号/微博/抖音/快手/小红书/B站/头条号等，或 wechat 等代码）；可重复",
    ),
    (
        "Region path prefix, whole segments (浙江省/丽水市)",
        "地区路径前缀，按整段匹配（如 浙江省/丽水市）",
    ),
    ("Business domain", "业务领域"),
    (
        "Text in the name or host unit",
        "名称或主办单位中包含的文字",
    ),
    (
        "Create a round pinned to a rubric file, over the accounts the filters select",
        "按评分标准文件创建评估轮次，范围为筛选出的账号",
    ),
    (
        "Round name, unique (e.g. 2024年第四季度)",
        "轮次名称，不可重复（如 2024年第四季度）",
    ),
    (
        "Rubric file the round is pinned to (its exact text is stored with the round)",
        "轮次使用的评分标准文件（其全文随轮次保存）",
    ),
    ("Monitoring date, YYYY-MM-DD", "监测日期，格式 年-月-日"),
    ("List rounds", "列出评估轮次"),
    ("Rename a round", "轮次改名"),
    ("Round id or name", "轮次编号或名称"),
    (
        "Delete a round; refused once it has scores unless --force (which keeps its scores and history)",
        "删除轮次；已有评分时拒绝，除非加 --force（评分与修改记录保留）",
    ),
    (
        "Delete a round that has scores: it is hidden, its scores and history are kept",
        "删除已有评分的轮次：轮次不再显示，评分与修改记录保留",
    ),
    (
        "Summarise a round: accounts, scored, passed, failed, pass rate, vetoes by reason",
        "轮次汇总：账号数、已评、合格、不合格、合格率、按原因统计的否决",
    ),
    (
        "Output: text for people, json for scripts",
        "输出格式：text（文字，供阅读）或 json（供脚本）",
    ),
    (
        "Set (or clear) one evaluator's entry for one indicator",
        "录入（或清除）一名评估人对一个指标的评分",
    ),
    (
        "Submit a complete sheet: it is locked until reopened (refused while items are missing)",
        "提交已完成的评分表：提交后锁定，重新打开前不能修改（有缺项时拒绝）",
    ),
    (
        "Reopen a submitted sheet for editing (kept in the history)",
        "重新打开已提交的评分表以便修改（记入修改记录）",
    ),
    (
        "Round id or name (see `assay round list`)",
        "轮次编号或名称（见 `assay round list`）",
    ),
    (
        "Account id, unique name, or platform:name (see `assay account list --search TEXT`)",
        "账号编号、唯一名称或“平台:名称”（见 `assay account list --search 文字`）",
    ),
    (
        "Evaluator name, as recorded with each entry",
        "评估人姓名，随每条评分记录",
    ),
    (
        "Indicator id in the round's rubric (see `assay rubric show FILE`)",
        "轮次评分标准中的指标编号（见 `assay rubric show 文件`）",
    ),
    (
        "Points (range), 1/0 (check), or 0 for a veto item checked without a problem",
        "分值（评分区间指标）、1/0（是否项），或 0 表示否决项已检查、无问题",
    ),
    (
        "Instances (deduction or bonus): a whole number, 0 or more",
        "次数（扣分项或加分项）：0 或更大的整数",
    ),
    (
        "Veto reason (its text or its number)",
        "否决理由（文字或序号）",
    ),
    ("Not applicable to this account", "该指标不适用于此账号"),
    ("Remove the entry", "删除这条评分"),
    (
        "Reopen the sheet if it was submitted (kept in the history); without it a submitted sheet refuses edits",
        "评分表已提交时先重新打开（记入修改记录）；不加此项时，已提交的评分表拒绝修改",
    ),
    (
        "Free-text note kept with the entry (replaces the earlier note)",
        "随评分保存的备注（替换原备注）",
    ),
    (
        "Evidence links or files, one per line or separated by | (spaces stay part of a name); repeatable",
        "证据链接或文件，每行一个或用 | 分隔（空格属于名称的一部分）；可重复",
    ),
    (
        "Only this evaluator's sheet (default: every evaluator who scored the account)",
        "只看这名评估人的评分表（默认：评过该账号的所有评估人）",
    ),
    (
        "Only this account: id, unique name, or platform:name",
        "只看这个账号：编号、唯一名称或“平台:名称”",
    ),
    ("Only this evaluator's changes", "只看这名评估人的修改"),
    (
        "A category (id or name) whose own method --method sets (or --inherit clears)",
        "单独设定合成方法的类别（编号或名称）：用 --method 设定，用 --inherit 清除",
    ),
    (
        "Who is looking, for blind scoring in a round with a panel (default: this database's evaluator in the config file)",
        "查看者姓名，用于设有评估组的轮次的盲评（默认：配置文件中本数据库的评估人）",
    ),
    (
        "With --category: the category goes back to the round's method",
        "与 --category 一起用：该类别恢复按本轮方法合成",
    ),
    (
        "Print the rounds and their summaries instead of opening the TUI",
        "输出各轮次及其汇总，不打开评分界面",
    ),
    (
        "Rebuild the demo database from the sample data (the evaluator's work in it is lost)",
        "按示例数据重建演示数据库（其中的评分会丢失）",
    ),
    ("Number of synthetic accounts", "模拟账号数"),
    (
        "Number of synthetic evaluators scoring them",
        "参与评分的模拟评估人数",
    ),
    (
        "Weeks of operations metrics per account",
        "每个账号的运营指标周数",
    ),
    (
        "Random seed: the same seed gives the same data",
        "随机种子：相同种子生成相同数据",
    ),
    (
        "Rubric to score against (default: a generated 40-indicator rubric)",
        "评分所用的评分标准（默认：生成的 40 项指标评分标准）",
    ),
    ("Round id or name to open", "要打开的轮次编号或名称"),
    (
        "Evaluator name (default: from the config file, or asked once)",
        "评估人姓名（默认：取自配置文件，或首次询问）",
    ),
    (
        "Output: a table, JSON, CSV or Markdown",
        "输出格式：表格、JSON、CSV 或 Markdown",
    ),
    (
        "The posts or weekly metrics file (CSV or XLSX)",
        "逐篇或逐周运营数据文件（CSV 或 XLSX）",
    ),
    (
        "Place the automatic values of rule-named items in the round's started sheets (evaluators' own entries are kept) and print what changed since the last run",
        "把引用运营规则的指标的自动值填入本轮已开始的评分表（评估人自己的录入保留不动），并列出与上次相比的变化",
    ),
    (
        "Only show what would change; write nothing",
        "只显示将会发生的变化，不写入",
    ),
    ("Print JSON instead of a table", "输出 JSON 而不是表格"),
];

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Chinese of an English description, if the table has it.
pub fn zh(en: &str) -> Option<&'static str> {
    let key = collapse(en);
    ZH.iter()
        .chain(super::help_zh_more::ZH_MORE)
        .chain(super::help_zh_trust::ZH_TRUST)
        .chain(super::help_zh_documents::ZH_DOCUMENTS)
        .chain(super::help_zh_compare::ZH_COMPARE)
        .chain(super::help_zh_follow::ZH_FOLLOW)
        .find(|(e, _)| *e == key)
        .map(|(_, z)| *z)
}

/// `cmd` with Chinese descriptions, headings and help flags, recursively.
pub fn translate(mut cmd: Command, root: bool) -> Command {
    if let Some(z) = cmd.get_about().and_then(|a| zh(&a.to_string())) {
        cmd = cmd.about(z);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |a| {
            let help = a.get_help().map(|h| h.to_string());
            let text = help
                .as_deref()
                .map(|h| zh(h).map_or(h.to_string(), str::to_string));
            let extra = super::help_zh_more::values_zh(&a);
            match (text, extra) {
                (Some(t), Some(x)) => a
                    .help(format!("{t} {x}"))
                    .hide_default_value(true)
                    .hide_possible_values(true),
                (Some(t), None) => a.help(t),
                (None, _) => a,
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, |s| translate(s, false));
    }
    let has_sub = cmd.get_subcommands().next().is_some();
    let has_pos = cmd.get_positionals().next().is_some();
    let mut template = String::from("{about-with-newline}\n用法：{usage}\n");
    if has_sub {
        template += "\n命令：\n{subcommands}\n";
    }
    if has_pos {
        template += "\n参数：\n{positionals}\n";
    }
    template += "\n选项：\n{options}{after-help}";
    cmd = cmd
        .help_template(template)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助"),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本"),
        );
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(path: &[&str]) -> String {
        let mut cmd = translate(<super::super::Cli as clap::CommandFactory>::command(), true);
        cmd.build();
        let mut c = &mut cmd;
        for p in path {
            c = c.find_subcommand_mut(p).expect("subcommand");
        }
        c.render_help().to_string()
    }

    #[test]
    fn help_reads_in_chinese() {
        let h = help(&["score", "set"]);
        assert!(h.contains("用法：") && h.contains("选项："), "{h}");
        assert!(
            h.contains("轮次编号或名称") && h.contains("评估人姓名"),
            "{h}"
        );
        assert!(
            h.contains("次数（扣分项或加分项）") && h.contains("显示帮助"),
            "{h}"
        );
        let top = help(&[]);
        assert!(
            top.contains("命令：") && top.contains("显示账号得分的推导过程"),
            "{top}"
        );
        assert!(top.contains("按加权评分标准评估政务新媒体账号"), "{top}");
    }
}
