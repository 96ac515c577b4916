//! The catalogue's messages about comparisons across rounds and years (`report --compare`,
//! `annual --compare`).

use super::Lang;

/// `--compare` with an option it cannot take.
pub fn conflicts(lang: Lang, other: &str) -> String {
    match lang {
        Lang::Zh => format!("对比不能与 {other} 同时使用：请分两次运行"),
        Lang::En => format!("a comparison cannot be combined with {other}: run them one at a time"),
    }
}

/// `annual --compare` with the same year.
pub fn same_year(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Zh => format!("不能把 {year} 年与自身对比：请用 --compare 指定另一年"),
        Lang::En => {
            format!("{year} cannot be compared with itself: give another year to --compare")
        }
    }
}

/// The annual compared: 「2024 年」 / "2024".
pub fn year_label(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Zh => format!("{year} 年"),
        Lang::En => year.to_string(),
    }
}

/// `annual --format html` without `--compare`.
pub fn annual_html_only(lang: Lang) -> &'static str {
    lang.pick(
        "年度考核的 HTML 格式只用于 --compare；年度考核本身请用 --format md 或 xlsx",
        "the annual's HTML format is for --compare; for the assessment itself use --format md or xlsx",
    )
}
