//! Chinese `--help` of what follows a bulletin: rectification (整改) with re-checks, appeals
//! against a draft (征求意见稿), keyed by their English text as [`super::help_zh`] reads them.

pub(super) const ZH_FOLLOW: &[(&str, &str)] = &[
    (
        "Follow a round's findings to their end: 整改 status, units' reports, re-checks (复查)",
        "跟踪轮次发现的问题直至销号：整改状态、单位的整改说明、复查",
    ),
    (
        "List a round's findings (every veto and deduction) with their 整改 status and deadline",
        "列出轮次发现的问题（每个单项否决和每项扣分）及其整改状态和期限",
    ),
    (
        "Record a unit's 整改说明 for one finding",
        "记录单位对一个问题的整改说明",
    ),
    (
        "Record a re-check (复查) of one finding: 已整改, 部分整改 or 未整改, with its evidence",
        "记录对一个问题的复查：已整改、部分整改或未整改，并附佐证",
    ),
    (
        "Write the rectification report: findings by unit and status, overdue first (docx, xlsx, md, html)",
        "写出整改情况报告：按单位和状态列出问题，逾期的在前（docx、xlsx、md、html）",
    ),
    (
        "Show or set the holidays and make-up working days that 工作日 windows count",
        "显示或设定计算工作日期限时的节假日和调休上班日",
    ),
    (
        "Only accounts whose host unit contains this text",
        "只列主办单位含此文字的账号",
    ),
    (
        "Only this status: 待整改, 已报送, 已整改, 部分整改, 未整改, 逾期 or 未销号",
        "只列此状态：待整改、已报送、已整改、部分整改、未整改、逾期 或 未销号",
    ),
    (
        "The day the status is judged on (default: today), YYYY-MM-DD",
        "判断状态所依据的日期（默认：今天），格式 YYYY-MM-DD",
    ),
    (
        "The finding's indicator: its id or its name",
        "问题所在的指标：指标编号或名称",
    ),
    (
        "The date the record states (default: today), YYYY-MM-DD",
        "记录所载日期（默认：今天），格式 YYYY-MM-DD",
    ),
    ("What the unit did (整改说明)", "单位的整改说明"),
    (
        "Evidence: a screenshot, link or file (repeatable)",
        "佐证：截图、链接或文件（可重复给出）",
    ),
    (
        "Who reports it for the unit (default: the account's host unit)",
        "代表单位报送的人（默认：账号的主办单位）",
    ),
    (
        "What the re-check found: 已整改, 部分整改 or 未整改 (rectified, partial, not_rectified)",
        "复查结果：已整改、部分整改 或 未整改",
    ),
    (
        "Evidence of the re-check: a screenshot, link or file (repeatable, at least one)",
        "复查的佐证：截图、链接或文件（可重复，至少一项）",
    ),
    ("The evaluator who re-checked", "复查的评估人"),
    ("The re-check's remarks", "复查意见"),
    (
        "A holiday on a weekday, YYYY-MM-DD (repeatable)",
        "工作日中的放假日期，格式 YYYY-MM-DD（可重复）",
    ),
    (
        "A make-up working day on a weekend (调休上班), YYYY-MM-DD (repeatable)",
        "周末的调休上班日期，格式 YYYY-MM-DD（可重复）",
    ),
    ("What the days are, e.g. 春节", "这些日期的名目，如 春节"),
    (
        "Output format: docx (default), xlsx, md or html",
        "输出格式：docx（默认）、xlsx、md 或 html",
    ),
    (
        "Output file (required for docx and xlsx; md and html default to standard output)",
        "输出文件（docx 和 xlsx 时必填；md 和 html 默认写到标准输出）",
    ),
    (
        "The bulletin's date (成文日期), YYYY-MM-DD: the 整改 window counts from it",
        "通报的成文日期，格式 YYYY-MM-DD：整改期限从这一天起算",
    ),
    (
        "The 整改 window: working days (工作日) after the bulletin's date (used when no --deadline is set)",
        "整改期限：成文日期后的工作日数（未用 --deadline 指定日期时使用）",
    ),
    (
        "The appeal window: working days (工作日) after the draft (征求意见稿)",
        "申诉期限：征求意见稿印发后的工作日数",
    ),
    (
        "Issue a draft for comment (征求意见稿): units may appeal its findings within the round's appeal window",
        "印发征求意见稿：相关单位可在本轮申诉期限内对所列问题提出申诉",
    ),
    (
        "Appeals (申诉复核) against a draft bulletin's findings: file, decide, list",
        "申诉复核：对征求意见稿所列问题提出申诉、裁定、查看",
    ),
    (
        "File a unit's appeal against one finding of a draft bulletin, within the appeal window",
        "在申诉期限内，登记单位对征求意见稿中一个问题的申诉",
    ),
    (
        "Decide an appeal as the chair: the finding stands (--upheld) or is changed (--changed VALUE)",
        "由组长裁定申诉：维持原结果（--upheld）或改为新值（--changed 新值）",
    ),
    (
        "List a round's appeals and their decisions",
        "列出轮次的申诉及其裁定",
    ),
    ("Why the unit disputes the finding", "单位的申诉理由"),
    (
        "The appeal's id (assay appeal list)",
        "申诉编号（见 assay appeal list）",
    ),
    (
        "The finding stands (申诉不成立)",
        "维持原结果（申诉不成立）",
    ),
    (
        "The item's new value: points, a count, or for a veto item 无 or a veto reason",
        "指标的新值：得分、次数，或单项否决指标写 无 或一项否决原因",
    ),
    ("Why the chair decided so", "组长的裁定理由"),
    ("The chair deciding it", "作出裁定的组长"),
    (
        "The date of the decision (default: today), YYYY-MM-DD",
        "裁定日期（默认：今天），格式 YYYY-MM-DD",
    ),
];
