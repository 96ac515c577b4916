//! The text derivation names every step in both languages and aligns CJK names.

use unicode_width::UnicodeWidthStr;

use super::rules::{full_marks, rubric};
use super::{count, val, veto};
use crate::domain::engine::explain::fmt_num;
use crate::domain::engine::{render_text, score};
use crate::domain::platform::{Level, Platform};
use crate::i18n::Lang;

fn sample() -> (String, String) {
    let r = rubric();
    let mut e = full_marks();
    e[0] = val("pos", 5.0);
    e[1] = count("off", 9);
    e.extend([
        count("orig", 5),
        count("award", 1),
        veto("stale", "两周无更新"),
    ]);
    let o = score(&r, Platform::WeChat, Level::County, &e);
    (render_text(&o, &r, Lang::Zh), render_text(&o, &r, Lang::En))
}

#[test]
fn chinese_derivation_shows_every_kind_of_step() {
    let (zh, _) = sample();
    for needle in [
        "测试细则",
        "职能契合（权重 40）",
        "优 5",
        "9 处 × 1 = 9，封顶扣 5",
        "小计 15 / 20，折算 15 × 40 / 20 = 30.00",
        "不适用（平台或层级）",
        "基础分",
        "门槛：基础分高于80分计加分；基础分 90.00，计入加分",
        "5 次 × 2 = 10，封顶 6",
        "加分合计 11（上限 8），计 8.00",
        "98.00（单项否决）",
        "得分保留两位小数，四舍五入",
        "否决：两周无更新",
        "不合格（单项否决）（60分及以上合格）",
        "等级：不合格",
        "完成度 9 / 9",
    ] {
        assert!(zh.contains(needle), "missing {needle:?} in\n{zh}");
    }
}

#[test]
fn english_derivation_uses_english_words() {
    let (_, en) = sample();
    for needle in [
        "(weight 40)",
        "9 × 1 = 9, capped at 5",
        "gate: bonus counts when the base is above 80; base 90.00, bonus counts",
        "(60 or more passes)",
        "veto: 两周无更新",
        "fail (vetoed)",
    ] {
        assert!(en.contains(needle), "missing {needle:?} in\n{en}");
    }
    assert!(!en.contains("权重") && !en.contains("完成度"));
}

#[test]
fn item_columns_line_up_whatever_the_script() {
    let (zh, _) = sample();
    // Every item line has its points column ending at the same display column.
    let ends: Vec<usize> = zh
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(" / "))
        .filter_map(|l| l.find(" / ").map(|i| UnicodeWidthStr::width(&l[..i])))
        .collect();
    assert!(ends.len() >= 6);
    let with_name = zh
        .lines()
        .filter(|l| l.contains("账号定位") || l.contains("留言回复"));
    let cols: Vec<usize> = with_name
        .map(|l| UnicodeWidthStr::width(&l[..l.find(" / ").unwrap_or(0)]))
        .collect();
    assert_eq!(cols.len(), 2);
    assert!(cols[0].abs_diff(cols[1]) <= 1, "{cols:?}\n{zh}");
}

#[test]
fn rubric_numbers_print_as_written() {
    assert_eq!(fmt_num(80.0), "80");
    assert_eq!(fmt_num(40.8), "40.8");
    assert_eq!(fmt_num(0.005), "0.005");
    assert_eq!(fmt_num(-0.0), "0");
}

#[test]
fn derivation_shows_na_rescaling_of_the_base() {
    let r = super::parse(&super::na::na_rubric("Rescale", "", ""));
    let o = score(&r, Platform::WeChat, Level::City, &[val("r1", 6.0)]);
    let zh = render_text(&o, &r, Lang::Zh);
    for needle in [
        "本维度不适用，不计入基础分",
        "不适用折算：45 × 100 / 75 = 60.00",
        "完成度 1 / 1",
    ] {
        assert!(zh.contains(needle), "missing {needle:?} in\n{zh}");
    }
    let en = render_text(&o, &r, Lang::En);
    assert!(en.contains("N/A rescaling: 45 × 100 / 75 = 60.00"), "{en}");
}
