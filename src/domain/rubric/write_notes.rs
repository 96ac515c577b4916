//! The Chinese comments of a written rubric: what each field means and which values it takes,
//! for the office staff and evaluators who edit a template by hand.

use crate::domain::platform::{Level, Platform};

/// The lines at the top of every written rubric.
pub(super) const FILE_HEAD: &str = "\
评分标准（RON 格式），由 assay 写出。以 // 开头的行是注释，程序读取时忽略。
文字写在英文双引号 \"\" 之间；数字直接写（如 100、2.5）；每个字段后面加英文逗号。
改完后用 `assay rubric check 本文件` 检查，用 `assay rubric show 本文件` 查看结构；
也可以用 `assay rubric export 本文件 --format xlsx --out 评分标准.xlsx` 转成 Excel 表修改。";

/// The explanation of a field (or item kind), several lines. Keys are field names, or
/// `context.name` where a name means different things in different places.
pub(super) fn note(key: &str) -> String {
    match key {
        "id" => "编号：程序识别评分标准用的名字，只用英文字母、数字和连字符；轮次会记住它，发布后不要再改。".into(),
        "name" => "名称：评分标准的中文全称，显示在界面、评分表和通报上。".into(),
        "version" => "版本：改动指标或分值后请改版本号（如 2024.2），新旧版本便于区分。".into(),
        "description" => "简介：一两句话说明这套评分标准评什么、怎样计分，可留空写成 \"\"。".into(),
        "total" => "满分：基础部分的总分（通常 100），各维度权重加起来必须等于它。".into(),
        "pass_mark" => "合格线：总分达到多少为合格（通常 60）。".into(),
        "pass_side" => "合格线本身算不算合格：AtLeast 表示“60分及以上合格”；Above 表示须高于合格线。".into(),
        "gate_side" => "加分门槛本身算不算达到：Above 表示基础分“高于80分”才计加分；AtLeast 表示达到即计。".into(),
        "decimals" => "小数位数：结果按此位数四舍五入后公布（0 到 6，通常 2），合格与否按公布后的分数判定。".into(),
        "grades" => "等次：（名称, 下限）从高到低排列，总分不低于下限即为该等次；不分等次写 []。".into(),
        "on_veto" => "命中单项否决后的总分（一律不合格）：FailKeepScore 保留计算出的分数；FailWithScore(59) 一律记 59 分；\nFailCapScore(59) 最高记 59 分；FailNoScore 不计分（显示为 —）。".into(),
        "when_not_applicable" => "指标不适用时的默认处理（维度或指标可另行指定）：Rescale 不计入，本维度其余指标按权重折算；\nFullMarks 按满分计；Zero 按零分计。".into(),
        "categories" => "维度（一级指标）：每个维度有自己的权重和一组指标。".into(),
        "Category" => "一个维度：id 编号（英文），name 名称，weight 权重（分）；维度内指标分值之和与权重不同时按权重折算。".into(),
        "weight" => "权重：本维度在满分中占的分数，各维度权重之和等于 total。".into(),
        "indicators" => "指标（二级指标）：本维度的得分项（Range）、扣分项（Deduct）和判断项（Check），按显示顺序排列。".into(),
        "category.description" => "维度说明：本维度考察什么，可不写。".into(),
        "Range" => "得分项（Range）：在 min 到 max 之间打分；step 为最小步长；levels 为档次（名称, 分值），评估人可直接选档。".into(),
        "Deduct" => "扣分项（Deduct）：从 points（不写则等于 cap）起扣，每发现一处扣 per 分，最多扣 cap 分，扣完为止。".into(),
        "Check" => "判断项（Check）：符合得 points 分，不符合得 0 分。".into(),
        "item.id" => "编号：指标的英文编号，同一评分标准内不能重复；评分记录用它对应指标，开始评分后不要再改。".into(),
        "item.name" => "名称：指标的中文名称，评估人在评分界面和评分表上看到它。".into(),
        "min" => "最低分：得分项可打的最低分（通常 0）。".into(),
        "max" => "最高分：得分项的满分。".into(),
        "step" => "步长：分数的最小单位，如 1 或 0.5；不写则可打任意分数。".into(),
        "levels" => "档次：（档名, 分值），如 (\"优\", 10)；评估人选档即得对应分值。".into(),
        "deduct.points" => "起始分：扣分项的满分；不写时等于扣分上限 cap。".into(),
        "deduct.per" => "每次扣分：每发现一处问题扣的分数。".into(),
        "deduct.cap" => "扣分上限：本项最多扣的分数（扣完为止，不出现负分）。".into(),
        "check.points" => "分值：符合要求时得的分数。".into(),
        "bonus" => "加分项：每项按次数加分，有单项上限，可设门槛（基础分达到门槛才计）。".into(),
        "Bonus" => "一个加分项（Bonus）：每次加 per 分，最多加 cap 分；gate 为门槛，基础分须过门槛才计加分。".into(),
        "bonus.per" => "每次加分：每出现一次加的分数。".into(),
        "bonus.cap" => "单项上限：本项最多加的分数。".into(),
        "gate" => "门槛：基础分须达到的分数（是否含本分见 gate_side），如 80；不写则不设门槛。".into(),
        "bonus_cap" => "加分总上限：所有加分项合计最多加的分数；不写则为各项上限之和。".into(),
        "vetoes" => "单项否决项：命中任一项即不合格，总分按 on_veto 处理。".into(),
        "Veto" => "一个单项否决项（Veto）：reasons 列出可选的否决理由，评估人命中时选其一。".into(),
        "reasons" => "否决理由：评估人命中本项时从中选择，如 [\"监测时间点前2周内无更新\"]。".into(),
        "platforms" => format!(
            "适用平台：只对这些平台评分，不写表示全部平台。可写：{}。",
            platform_names()
        ),
        "admin_levels" => format!(
            "适用层级：只对这些层级评分，不写表示全部层级。可写：{}。",
            level_names()
        ),
        "item.when_not_applicable" => "不适用时：平台或层级不适用时的处理，Rescale 折算、FullMarks 计满分、Zero 计零分；不写则沿用上一级。".into(),
        "rule" => format!(
            "自动规则：由运营监测数据给出本项的值并附证据，可写：{}。",
            crate::domain::rubric::KNOWN_RULES.join("、")
        ),
        "guide" => "评分说明：告诉评估人怎样判断、依据哪份文件。".into(),
        "evidence" => "取证要点：评估人应留存的截图、链接等，如 [\"主页截图\", \"链接\"]。".into(),
        _ => String::new(),
    }
}

/// `WeChat（微信公众号）、WeChatChannels（微信视频号）、…`: what a rubric writes, and what it means.
fn platform_names() -> String {
    let names: Vec<String> = Platform::ALL
        .iter()
        .map(|p| {
            let variant = ron::to_string(p).unwrap_or_default();
            format!("{variant}（{}）", p.label_office())
        })
        .collect();
    names.join("、")
}

fn level_names() -> String {
    let names: Vec<String> = Level::ALL
        .iter()
        .map(|l| {
            format!(
                "{}（{}）",
                ron::to_string(l).unwrap_or_default(),
                l.label_zh()
            )
        })
        .collect();
    names.join("、")
}
