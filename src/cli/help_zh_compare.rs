//! Chinese `--help` descriptions of issue 22's options: what-if weights, comparisons across
//! rounds and years, repeat offenders.

/// English description (whitespace collapsed) → Chinese.
pub const ZH_COMPARE: &[(&str, &str)] = &[
    (
        "Output format: table (default), json, csv, md, html or xlsx",
        "输出格式：table（表格，默认）、json、csv、md、html 或 xlsx",
    ),
    (
        "SIMULATED what-if category weights, CATEGORY=POINTS,… (every category of the round's rubric, adding up to its total): recomputes the round under them and shows how verdicts, grades and ranks move, writing nothing. Not `annual --weights`, which weighs rounds",
        "模拟：假设的类别权重，写法 类别=分值,…（本轮评估表的每个类别，合计等于其基础分）：按这些权重重新计算本轮，显示结论、等级和名次如何变化，不写入任何内容。与 `annual --weights`（各轮次的权重）不同",
    ),
    (
        "SIMULATED: the category weights of a rubric variant file (the round's categories, other weights), as --weights",
        "模拟：取评估表变体文件（类别与本轮相同、权重不同）中的类别权重，用法同 --weights",
    ),
    (
        "Weight per round, ROUND=W,… (round id or name; default: equal weights). Rounds of different rubrics are combined only when every round is named here. These weigh rounds; what-if category weights are `report --weights`",
        "各轮次的权重，轮次=权重,…（轮次编号或名称；默认：等权）。不同评估表的轮次，只有在这里逐一列出时才合并。这里是轮次的权重；模拟类别权重见 `report --weights`",
    ),
    (
        "Compare with this earlier round (the base, id or name): per account and group, the change in score, pass rate, vetoes and full marks, new failures and recoveries, movers",
        "与这一较早的轮次（基期，编号或名称）对比：逐个账号和分组列出总分、合格率、单项否决和满分的变化，新增不合格与恢复合格，以及进退最大的账号",
    ),
    (
        "Compare with this earlier year (the base): per account and host unit, the change in annual score, results, vetoes and full marks, new failures and recoveries, movers",
        "与这一较早的年份（基期）对比：逐个账号和主办单位列出年度得分、结论、单项否决和满分的变化，新增不合格与恢复合格，以及进退最大的账号",
    ),
    (
        "Output format (html only with --compare)",
        "输出格式（html 只用于 --compare）",
    ),
    (
        "Repeat offenders: the same finding in N of the last M rounds, or failed twice in a year, flagged 建议关停/整合 with their history",
        "重复问题账号：最近 M 个轮次中同一问题出现 N 次，或一年内两次不合格，标明建议关停或整合，并列出历次情况",
    ),
    (
        "Rounds the same-finding rule looks back over: the last M (default 4; seed003: 2)",
        "同一问题规则回看的轮次数：最近 M 个（默认 4；seed003 为 2）",
    ),
    (
        "How many of those rounds must find the same problem (default 2)",
        "这些轮次中同一问题至少出现的次数（默认 2）",
    ),
    (
        "The rule of a seed document: seed000 (2 of the last 4, 建议关停) or seed003 (2 in a row, 建议清理整合); --rounds and --times override it",
        "采用文件中的规则：seed000（最近 4 个轮次中 2 次，建议关停）或 seed003（连续 2 次，建议清理整合）；--rounds 和 --times 可覆盖",
    ),
    (
        "The year under review: its rounds only, and failures counted in it (default: the last M rounds, failures counted in the latest round's year)",
        "审查的年份：只看该年的轮次，并统计该年内的不合格次数（默认：最近 M 个轮次，不合格次数按最近一个轮次所在年份统计）",
    ),
    (
        "Output file (default: standard output; required for xlsx on a terminal)",
        "输出文件（默认：标准输出；在终端上输出 xlsx 时必填）",
    ),
];
