//! The columns of a rubric's indicator sheet and the items of its header sheet: their Chinese
//! names (and the other names offices write), what each holds, and the words of their values
//! (得分/扣分/加分/判断/否决, 按比例折算/计满分/计零分, …). Export, import and the 填写说明
//! sheet all read this one list.

use crate::domain::rubric::{NaPolicy, Side, VetoPolicy};

/// A column of the indicator sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Col {
    Category,
    Weight,
    Name,
    Kind,
    Points,
    Per,
    Cap,
    Gate,
    Platforms,
    Levels,
    Na,
    Guide,
    Grades,
    Min,
    Step,
    Reasons,
    Evidence,
    Rule,
    Id,
    CategoryId,
}

/// A column: its header as written, other headers that mean it, and what it holds.
pub(super) struct ColSpec {
    pub col: Col,
    pub header: &'static str,
    pub aliases: &'static [&'static str],
    pub about: &'static str,
}

/// Every column, in the order an exported sheet has them.
pub(super) const COLUMNS: &[ColSpec] = &[
    ColSpec {
        col: Col::Category,
        header: "维度",
        aliases: &["一级指标", "评估维度", "类别"],
        about: "指标所属的维度（一级指标）名称；同一维度的各行可只在第一行填写（合并单元格亦可）。加分项和否决项可不填。",
    },
    ColSpec {
        col: Col::Weight,
        header: "维度权重",
        aliases: &["权重"],
        about: "维度在满分中占的分数；各维度权重之和等于满分。同一维度只需在第一行填写。",
    },
    ColSpec {
        col: Col::Name,
        header: "指标",
        aliases: &["指标名称", "二级指标", "评估指标", "检查指标"],
        about: "指标名称（必填）。",
    },
    ColSpec {
        col: Col::Kind,
        header: "类型",
        aliases: &["指标类型", "计分方式"],
        about: "得分（在最低分到分值之间打分）、扣分（每次扣分，扣完为止）、加分（每次加分）、判断（符合得分值，不符合得0分）、否决（单项否决）。",
    },
    ColSpec {
        col: Col::Points,
        header: "分值",
        aliases: &["满分", "分数"],
        about: "得分项的最高分；判断项符合时的得分；扣分项的起扣分（不填则等于上限）。加分项和否决项不填。",
    },
    ColSpec {
        col: Col::Per,
        header: "每次",
        aliases: &["每次扣分", "每次加分", "每处"],
        about: "扣分项每发现一处扣的分数，加分项每次加的分数。",
    },
    ColSpec {
        col: Col::Cap,
        header: "上限",
        aliases: &["扣分上限", "加分上限", "最多"],
        about: "扣分项最多扣的分数，加分项最多加的分数。",
    },
    ColSpec {
        col: Col::Gate,
        header: "门槛",
        aliases: &["加分门槛"],
        about: "加分项的门槛：基础分过此分数才计加分（如 80）；不填则不设门槛。",
    },
    ColSpec {
        col: Col::Platforms,
        header: "适用平台",
        aliases: &["平台"],
        about: "只对这些平台评分，用顿号分隔，如 微信公众号、移动客户端；不填表示全部平台。",
    },
    ColSpec {
        col: Col::Levels,
        header: "适用层级",
        aliases: &["层级"],
        about: "只对这些层级评分，如 省级、市级、县级；不填表示全部层级。",
    },
    ColSpec {
        col: Col::Na,
        header: "不适用时",
        aliases: &["不适用"],
        about: "平台或层级不适用时：按比例折算、计满分 或 计零分；不填则沿用维度或整套标准的设置。",
    },
    ColSpec {
        col: Col::Guide,
        header: "说明",
        aliases: &["评分说明", "指标说明", "评分要点"],
        about: "告诉评估人怎样判断、依据哪份文件。",
    },
    ColSpec {
        col: Col::Grades,
        header: "档次",
        aliases: &["评分档次"],
        about: "得分项的档次，如 优=10；良=8；中=6；差=3，评估人可直接选档。",
    },
    ColSpec {
        col: Col::Min,
        header: "最低分",
        aliases: &[],
        about: "得分项可打的最低分，不填为 0。",
    },
    ColSpec {
        col: Col::Step,
        header: "步长",
        aliases: &[],
        about: "得分项分数的最小单位，如 1 或 0.5；不填则可打任意分数。",
    },
    ColSpec {
        col: Col::Reasons,
        header: "否决理由",
        aliases: &["理由"],
        about: "否决项可选的理由，一行一条（单元格内换行）或用；分隔。",
    },
    ColSpec {
        col: Col::Evidence,
        header: "取证要点",
        aliases: &["取证", "证据"],
        about: "评估人应留存的截图、链接等，一行一条或用；分隔。",
    },
    ColSpec {
        col: Col::Rule,
        header: "自动规则",
        aliases: &["规则"],
        about: "由运营监测数据自动给值的规则名，如 no_update；一般不填。",
    },
    ColSpec {
        col: Col::Id,
        header: "指标编号",
        aliases: &["编号"],
        about: "指标的英文编号，评分记录靠它对应指标；不填则按位置生成（如 d1_2）。开始评分后不要再改。",
    },
    ColSpec {
        col: Col::CategoryId,
        header: "维度编号",
        aliases: &[],
        about: "维度的英文编号；不填则按位置生成（如 d1）。",
    },
];

/// The column a header names, if any (headers compare without spaces).
pub(super) fn column_of(header: &str) -> Option<Col> {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    COLUMNS
        .iter()
        .find(|s| s.header == h || s.aliases.contains(&h.as_str()))
        .map(|s| s.col)
}

pub(super) fn spec(col: Col) -> &'static ColSpec {
    COLUMNS.iter().find(|s| s.col == col).unwrap_or(&COLUMNS[0])
}

/// The kind of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Range,
    Deduct,
    Check,
    Bonus,
    Veto,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Range => "得分",
            Kind::Deduct => "扣分",
            Kind::Check => "判断",
            Kind::Bonus => "加分",
            Kind::Veto => "否决",
        }
    }

    /// 得分/扣分/加分/判断/否决, or the other words offices and RON use for them.
    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.trim();
        Some(match s {
            "得分" | "得分项" | "打分" | "评分" | "区间" | "Range" | "range" => {
                Kind::Range
            }
            "扣分" | "扣分项" | "倒扣" | "Deduct" | "deduct" => Kind::Deduct,
            "判断" | "判断项" | "是否" | "Check" | "check" => Kind::Check,
            "加分" | "加分项" | "Bonus" | "bonus" => Kind::Bonus,
            "否决" | "单项否决" | "一票否决" | "否决项" | "Veto" | "veto" => {
                Kind::Veto
            }
            _ => return None,
        })
    }
}

pub(super) const KIND_WORDS: &str = "得分、扣分、加分、判断、否决";

pub(super) fn na_word(na: NaPolicy) -> &'static str {
    match na {
        NaPolicy::Rescale => "按比例折算",
        NaPolicy::FullMarks => "计满分",
        NaPolicy::Zero => "计零分",
    }
}

pub(super) fn parse_na(s: &str) -> Option<NaPolicy> {
    Some(match s.trim() {
        "按比例折算" | "折算" | "剔除并折算" | "剔除并按权重折算" | "Rescale" => {
            NaPolicy::Rescale
        }
        "计满分" | "满分" | "按满分计" | "FullMarks" => NaPolicy::FullMarks,
        "计零分" | "零分" | "按零分计" | "计0分" | "Zero" => NaPolicy::Zero,
        _ => return None,
    })
}

pub(super) const NA_WORDS: &str = "按比例折算、计满分、计零分";

/// How the pass mark reads: 达到即合格 (AtLeast) or 高于才合格 (Above).
pub(super) fn pass_word(s: Side) -> &'static str {
    match s {
        Side::AtLeast => "达到即合格",
        Side::Above => "高于才合格",
    }
}

pub(super) fn gate_word(s: Side) -> &'static str {
    match s {
        Side::Above => "高于门槛才加分",
        Side::AtLeast => "达到门槛即加分",
    }
}

/// A side from either sentence family (合格 or 加分), or the RON names.
pub(super) fn parse_side(s: &str) -> Option<Side> {
    let s = s.trim();
    if s == "AtLeast" || s.starts_with("达到") || s.contains("及以上") {
        Some(Side::AtLeast)
    } else if s == "Above" || s.starts_with("高于") {
        Some(Side::Above)
    } else {
        None
    }
}

/// 保留计算分, 记为59分, 最高59分, 不计分.
pub(super) fn veto_word(p: VetoPolicy) -> String {
    let n = exact;
    match p {
        VetoPolicy::FailKeepScore => "保留计算分".into(),
        VetoPolicy::FailWithScore(x) => format!("记为{}分", n(x)),
        VetoPolicy::FailCapScore(x) => format!("最高{}分", n(x)),
        VetoPolicy::FailNoScore => "不计分".into(),
    }
}

pub(super) fn parse_veto(s: &str) -> Option<VetoPolicy> {
    let s = s.trim();
    let number = |t: &str| {
        t.trim()
            .trim_end_matches('分')
            .trim_end_matches(')')
            .parse::<f64>()
            .ok()
    };
    match s {
        "保留计算分" | "保留分数" | "FailKeepScore" => {
            return Some(VetoPolicy::FailKeepScore);
        }
        "不计分" | "FailNoScore" => return Some(VetoPolicy::FailNoScore),
        _ => {}
    }
    if let Some(rest) = s.strip_prefix("记为").or(s.strip_prefix("FailWithScore(")) {
        return number(rest).map(VetoPolicy::FailWithScore);
    }
    if let Some(rest) = s.strip_prefix("最高").or(s.strip_prefix("FailCapScore(")) {
        return number(rest).map(VetoPolicy::FailCapScore);
    }
    None
}

pub(super) const VETO_WORDS: &str = "保留计算分、记为59分、最高59分、不计分";

/// A number in text exactly as it reads back (Rust's shortest round-trip form: 10, 2.5).
pub(super) fn exact(x: f64) -> String {
    format!("{x}")
}
