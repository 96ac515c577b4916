//! More of the Chinese `--help` (see `help_zh`): the descriptions of the report, sheet,
//! bulletin, annual, panel, metrics, ops and audit commands, keyed by their English text, and
//! defaults and choices in Chinese.

use clap::Arg;

/// English description (whitespace collapsed) → Chinese.
pub(super) const ZH_MORE: &[(&str, &str)] = &[
    (
        "List stored entries that break the scoring rules (items that do not apply to the account, vetoes marked N/A, unknown items, values out of range); exit 1 when any",
        "列出违反评分规则的已存评分（不适用于该账号的指标、手工标为不适用的否决项、未知指标、超出范围的数值）；有则退出码为 1",
    ),
    (
        "Import entries from CSV or XLSX (the columns of sample-data/scores-*.csv); all or nothing",
        "从 CSV 或 XLSX 导入评分（列同 sample-data/scores-*.csv）；全部导入或全不导入",
    ),
    (
        "CSV (UTF-8, UTF-8 with BOM, GBK) or XLSX with the columns round, platform, account, evaluator, indicator, value, count, veto, na, note, evidence",
        "CSV（UTF-8、带 BOM 的 UTF-8 或 GBK）或 XLSX，列为 轮次、平台、账号、评估人、指标、分值、次数、否决、不适用、备注、佐证（或 round、platform、account、evaluator、indicator、value、count、veto、na、note、evidence）",
    ),
    (
        "Expert panels: agreement, export and merge between evaluators' databases",
        "评审组：一致性检验，评估人数据库之间的导出与合并",
    ),
    (
        "Agreement between evaluators: ICC (six forms), Kendall's W, Krippendorff's alpha",
        "评估人之间的一致性：ICC（六种形式）、肯德尔 W、克里彭多夫 α",
    ),
    (
        "Group by round (sheet totals), category (subtotals) or indicator (points)",
        "按轮次（评分表总分）、类别（小计）或指标（得分）分组",
    ),
    ("Output format", "输出格式"),
    (
        "Write one evaluator's work in a round to a file signed by this machine's key, for the chair",
        "把一名评估人在一个轮次中的评分写入用本机密钥签名的文件，交给组长",
    ),
    ("Evaluator name", "评估人姓名"),
    (
        "File to write (JSON signed with this machine's ed25519 key)",
        "要写入的文件（用本机 ed25519 密钥签名的 JSON）",
    ),
    (
        "Merge evaluators' export files into this database: all or nothing, conflicts listed",
        "把评估人的导出文件合并进本数据库：全部合并或全不合并，列出冲突",
    ),
    (
        "Panel export files from the evaluators",
        "评估人的评审组导出文件",
    ),
    (
        "Resolve conflicts: theirs or ours for all, or per entry as theirs:ACCOUNT/INDICATOR (ACCOUNT is the account name; repeatable)",
        "处理冲突：theirs（以文件为准）或 ours（以本库为准）处理全部冲突，或逐条写 theirs:账号/指标（账号为账号名称；可重复）",
    ),
    (
        "Why the conflicts were resolved so (kept in the history); required with --take",
        "这样处理冲突的理由（记入修改记录）；使用 --take 时必填",
    ),
    (
        "Indicators where the evaluators disagree (spread, SD, split veto), not yet reconciled",
        "评估人意见分歧的指标（极差、标准差、否决分歧），尚未协调",
    ),
    (
        "Queue when max − min exceeds this share of the indicator's maximum (default 0.3)",
        "极差（最高减最低）超过指标满分的这一比例时列入（默认 0.3）",
    ),
    (
        "Queue when the evaluators' SD exceeds this (points)",
        "评估人评分的标准差超过此值（分）时列入",
    ),
    (
        "Record the panel's consensus for one indicator of one account, with a rationale",
        "记录评审组对一个账号一个指标的协调结果，并写明理由",
    ),
    ("Indicator id", "指标 id"),
    (
        "The agreed points (or 0 for a veto item checked clean)",
        "商定的分值（否决项核查无问题时为 0）",
    ),
    (
        "The agreed number of instances of a deduction or bonus item",
        "商定的扣分或加分项次数",
    ),
    ("The agreed veto reason", "商定的否决原因"),
    (
        "Why the panel agreed so (kept in the history)",
        "评审组这样商定的理由（记入修改记录）",
    ),
    ("The chair recording it", "记录此结果的组长"),
    (
        "Add or update a member of the round's panel (evaluator or chair, with affiliation)",
        "添加或更新轮次评审组的成员（评估人或组长，及所属单位）",
    ),
    (
        "evaluator (default) or chair",
        "evaluator（评估人，默认）或 chair（组长）",
    ),
    (
        "The host unit the member belongs to: never assigned that unit's accounts",
        "成员所属的主办单位：不会分配到该单位的账号",
    ),
    (
        "Assign evaluators to accounts: all, or K per account, balanced, no conflicts of interest",
        "为账号分配评估人：全部，或每个账号 K 名，负担均衡，回避利益冲突",
    ),
    (
        "Evaluators per account (default: every evaluator scores every account)",
        "每个账号的评估人数（默认：每名评估人评所有账号）",
    ),
    (
        "Seed for a reproducible assignment",
        "随机种子：相同种子得到相同的分配",
    ),
    (
        "The round's panel with assignments and progress, and its result rules",
        "轮次评审组：分配与进度，以及结果规则",
    ),
    (
        "Show or set the round's panel result rules: method, quorum, veto across the panel",
        "显示或设置轮次评审组的结果规则：合并方法、法定份数、跨评估人的否决规则",
    ),
    (
        "mean (default), median, or trimmed (drops one highest and one lowest; needs quorum ≥ 3)",
        "mean（平均，默认）、median（中位数）或 trimmed（去掉一个最高分和一个最低分；需法定份数 ≥ 3）",
    ),
    (
        "Minimum complete sheets per account; fewer leaves it 未完成",
        "每个账号至少需要的完整评分表份数；不足时为未完成",
    ),
    (
        "Veto across the panel: any (default), majority, all",
        "跨评估人的否决规则：any（任一人否决，默认）、majority（多数）、all（全体）",
    ),
    (
        "Mark the round as a calibration round (on) or a live round (off)",
        "把轮次标为校准轮次（on）或正式轮次（off）",
    ),
    (
        "The panel result per account: individual totals, result, z-normalised result, veto split",
        "评审组逐账号结果：各人总分、结果、z 标准化结果、否决分歧",
    ),
    (
        "A calibration round read back: agreement per indicator and each evaluator's offset",
        "回看校准轮次：逐指标的一致性及每名评估人的偏差",
    ),
    (
        "Report a round: pass rate, groups, statistics, rankings, roll-ups (table, JSON, CSV, Markdown, XLSX)",
        "轮次报告：合格率、分组、统计、排名、逐级汇总（表格、JSON、CSV、Markdown、XLSX）",
    ),
    (
        "Group by level, platform, domain, unit, region or region:N (first N segments); comma-separated",
        "按 层级、平台、领域、单位、地区 或 region:N（地区前 N 段）分组；用逗号分隔多个",
    ),
    (
        "Write to this file instead of standard output (required for xlsx on a terminal)",
        "写入此文件而不是标准输出（在终端上输出 xlsx 时必填）",
    ),
    (
        "How several evaluators' counted sheets combine: mean, median or trimmed (default: the round's panel setting, `assay panel config --method`)",
        "多名评估人计入的评分表如何合并：mean、median 或 trimmed（默认：轮次评审组的设置，见 `assay panel config --method`）",
    ),
    (
        "Roll accounts up to region depths, e.g. 3,2 (counties, then cities from the counties)",
        "按地区层级逐级汇总账号，例如 3,2（先到县，再由县到市）",
    ),
    (
        "Roll-up rule: mean, min, or veto:X (a vetoed account sets its parent to X)",
        "汇总规则：mean（平均）、min（最低）或 veto:X（有否决的账号使上级记为 X）",
    ),
    (
        "Table, CSV and Markdown: list every account (rank, group standing) instead of the groups",
        "表格、CSV 和 Markdown：列出每个账号（排名、组内位置），而不是分组",
    ),
    (
        "Score every entry again instead of reading the kept sheet results",
        "重新计算每条评分，而不是读取保存的评分表结果",
    ),
    (
        "Check that the kept sheet results equal a full recompute; exit 1 on any difference",
        "检查保存的评分表结果与完整重算一致；有差异时退出码为 1",
    ),
    (
        "Write score sheets (评分表) for one account or a whole round: XLSX, CSV or Markdown",
        "为一个账号或整个轮次写出评分表：XLSX、CSV 或 Markdown",
    ),
    (
        "One account: id, unique name, or platform:name",
        "一个账号：id、唯一名称或 平台:名称",
    ),
    ("Every account of the round", "轮次中的所有账号"),
    (
        "Output file (one account) or directory (--all, --split)",
        "输出文件（一个账号）或文件夹（--all、--split）",
    ),
    (
        "One file per account instead of one workbook",
        "每个账号一个文件，而不是一个工作簿",
    ),
    (
        "A blank sheet in the score-import columns, to fill in Excel or WPS and bring back with `assay score import`",
        "按评分导入的列写出空白评分表，在 Excel 或 WPS 中填写后用 `assay score import` 导回",
    ),
    (
        "Evaluator name written into a blank sheet",
        "写入空白评分表的评估人姓名",
    ),
    (
        "Output file or directory (default: standard output; required for xlsx)",
        "输出文件或文件夹（默认：标准输出；xlsx 时必填）",
    ),
    (
        "Combine a year's rounds into the annual assessment (年度考核)",
        "把一年的各轮次合并为年度考核",
    ),
    (
        "The year whose rounds (by monitoring date) are combined",
        "要合并其轮次（按监测日期）的年份",
    ),
    (
        "What a veto in one round does to the year: fail (default: the account fails the year) or score (judged on the annual score; the veto is still shown and ranks it last)",
        "某一轮次单项否决对年度结论的影响：fail（默认：该账号年度不合格）或 score（按年度得分评定；否决仍标明，排在最后）",
    ),
    (
        "Output file (default: standard output; required for xlsx)",
        "输出文件（默认：标准输出；xlsx 时必填）",
    ),
    (
        "Import operations metrics (posts or weekly figures) or list past imports",
        "导入运营数据（逐篇或逐周），或列出以往的导入",
    ),
    (
        "Import per-post or weekly figures from CSV or XLSX (all or nothing; re-importing changes nothing)",
        "从 CSV 或 XLSX 导入逐篇或逐周数据（全部导入或全不导入；重复导入不会改变任何数据）",
    ),
    (
        "Posts or weekly figures: a CSV (UTF-8, UTF-8 with BOM or GBK) or XLSX file",
        "逐篇或逐周数据：CSV（UTF-8、带 BOM 的 UTF-8 或 GBK）或 XLSX 文件",
    ),
    (
        "Apply values that differ from the stored ones (otherwise they are reported and nothing is written). An empty cell never becomes 0: it keeps the stored value, with or without --replace; a week not stored yet needs its followers, messages and replies. Spreadsheet errors (#DIV/0!, #N/A …), negative counts and values out of range refuse the whole file",
        "采用与已存值不同的数值（否则只列出差异，不写入任何数据）。空单元格不会当作 0：无论是否加 --replace，都保留已存值；尚无数据的周须填写粉丝数、留言数和回复数。电子表格错误值（#DIV/0!、#N/A 等）、负数和超出范围的数值使整个文件被拒绝",
    ),
    (
        "First day of a week for weekly files: mon (default), sun, …",
        "逐周文件中一周的第一天：mon（周一，默认）、sun（周日）等",
    ),
    (
        "List past metric imports (file, SHA-256, when, rows)",
        "列出以往的运营数据导入（文件、SHA-256、时间、行数）",
    ),
    (
        "Operations index: each account against its group average, streaks and activity flags",
        "运营指数：每个账号与所在组平均值比较，连续低于均值的周数与活跃度标记",
    ),
    (
        "Round id or name: its accounts, the weeks before its monitoring date",
        "轮次编号或名称：取其账号，及其监测日期之前的各周",
    ),
    (
        "One week (any date in it), over all accounts, with the --weeks weeks up to it",
        "某一周（该周内任一日期），覆盖所有账号，连同截至该周的 --weeks 周",
    ),
    (
        "How many weeks: before the round's monitoring date, or up to and including --week",
        "周数：轮次监测日期之前的周数，或截至并包含 --week 的周数",
    ),
    (
        "Group for the average: all, platform, level, province, city, county",
        "计算平均值的分组：all、platform、level、province、city、county",
    ),
    (
        "Index formula: a shipped id (gov-ops, wci-v14.2, wci-v2.0, bci) or a RON file; repeatable, platform-specific ones win for their platform (default gov-ops)",
        "指数公式：内置公式 id（gov-ops、wci-v14.2、wci-v2.0、bci）或 RON 文件；可重复，针对某平台的公式优先用于该平台（默认 gov-ops）",
    ),
    (
        "Rule preset: national, sichuan, shenmu, yunhe",
        "规则预设：national、sichuan、shenmu、yunhe",
    ),
    (
        "Dormant: no post in this many days",
        "休眠：这么多天内没有发布",
    ),
    (
        "Zombie: a gap longer than this many days",
        "僵尸：两次发布间隔超过这么多天",
    ),
    (
        "Zombie: reported dormant at this many consecutive weekly checks",
        "僵尸：连续这么多次周检查都被判为休眠",
    ),
    (
        "Update floor: at least this many posts …",
        "更新下限：至少这么多篇……",
    ),
    ("… every this many days", "……每这么多天"),
    (
        "Flag this many consecutive weeks below the group average",
        "连续这么多周低于组平均值时标记",
    ),
    (
        "First day of a week: mon (default), sun, …",
        "一周的第一天：mon（周一，默认）、sun（周日）等",
    ),
    (
        "Output format: table (default), json, csv or md",
        "输出格式：table（表格，默认）、json、csv 或 md",
    ),
    (
        "Check the tamper-evident history and ledger: chains, heads, entries, pinned rubrics, every input of a published figure",
        "检查防篡改的修改记录和登记链：哈希链、链头、评分、固定的评分标准，以及发布数字的每一项输入",
    ),
    (
        "Recompute the history chain of every round (or one) and check every current entry against its last history row, every round setting, panel, metrics week, account and evaluator against the ledger, every trigger, the kept results and operations index against a recomputation; exit 1 naming the first thing that differs",
        "重新计算每个轮次（或一个轮次）的修改记录哈希链，核对每条当前评分与其最后一条修改记录，核对轮次设置、评审组、每周运营数据、账号和评估人与登记链，核对每个触发器，并把保存的评分结果和运营指数与重新计算的结果比对；有不符时退出码为 1，并指出第一处",
    ),
    (
        "Round id or name (default: every round)",
        "轮次编号或名称（默认：所有轮次）",
    ),
    (
        "Output format: text (default) or json",
        "输出格式：text（文字，默认）或 json",
    ),
];

/// An argument's default and possible values in Chinese (`[默认：table；可选：table、json]`),
/// replacing clap's English `[default: …] [possible values: …]`.
pub(super) fn values_zh(a: &Arg) -> Option<String> {
    if !a.get_action().takes_values() {
        return None;
    }
    let mut parts = Vec::new();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() {
        parts.push(format!("默认：{}", defaults.join("、")));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !a.is_hide_possible_values_set() {
        parts.push(format!("可选：{}", values.join("、")));
    }
    (!parts.is_empty()).then(|| format!("[{}]", parts.join("；")))
}
