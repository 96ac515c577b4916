//! Inline SVG charts for self-contained HTML reports: horizontal bars, bars either side of a
//! middle line (changes) and a histogram.
//! Pure string building; every label is XML-escaped, so account names cannot inject markup.

use std::fmt::Write;

/// Escapes text for XML/HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// One bar: a label, its value and an optional text shown after the bar (e.g. "99.3%").
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub note: String,
}

const ROW: f64 = 22.0;
const LABEL_W: f64 = 150.0;
const BAR_W: f64 = 360.0;
const NOTE_W: f64 = 90.0;

/// Horizontal bars scaled to `max` (or to the largest value when `max` is `None`).
/// Returns an `<svg>` element sized to its rows; an empty list draws a one-line note.
pub fn bars(title: &str, bars: &[Bar], max: Option<f64>, empty_note: &str) -> String {
    let width = LABEL_W + BAR_W + NOTE_W;
    let rows = bars.len().max(1) as f64;
    let height = 28.0 + rows * ROW + 6.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{t}"><title>{t}</title><text x="0" y="16" class="ct">{t}</text>"#,
        t = esc(title)
    );
    if bars.is_empty() {
        let _ = write!(
            s,
            r#"<text x="0" y="44" class="cl">{}</text></svg>"#,
            esc(empty_note)
        );
        return s;
    }
    let top = max
        .unwrap_or_else(|| bars.iter().map(|b| b.value).fold(0.0, f64::max))
        .max(f64::MIN_POSITIVE);
    for (i, b) in bars.iter().enumerate() {
        let y = 28.0 + i as f64 * ROW;
        let w = (b.value.max(0.0) / top).min(1.0) * BAR_W;
        let _ = write!(
            s,
            r#"<text x="{lx}" y="{ty}" class="cl" text-anchor="end">{label}</text><rect x="{bx}" y="{ry}" width="{w:.1}" height="{h}" class="cb"/><text x="{nx:.1}" y="{ty}" class="cn">{note}</text>"#,
            lx = LABEL_W - 6.0,
            ty = y + 15.0,
            label = esc(&truncate(&b.label, 12)),
            bx = LABEL_W,
            ry = y + 3.0,
            h = ROW - 6.0,
            nx = LABEL_W + w + 4.0,
            note = esc(&b.note),
        );
    }
    s.push_str("</svg>");
    s
}

/// Bars either side of a middle line: a negative value to the left, a positive one to the
/// right, scaled to the largest magnitude (changes: places gained or lost, points).
pub fn diverging(title: &str, bars: &[Bar], empty_note: &str) -> String {
    let half = BAR_W / 2.0;
    let width = LABEL_W + BAR_W + NOTE_W;
    let height = 28.0 + bars.len().max(1) as f64 * ROW + 6.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{t}"><title>{t}</title><text x="0" y="16" class="ct">{t}</text>"#,
        t = esc(title)
    );
    if bars.is_empty() {
        let _ = write!(
            s,
            r#"<text x="0" y="44" class="cl">{}</text></svg>"#,
            esc(empty_note)
        );
        return s;
    }
    let top = (bars.iter().map(|b| b.value.abs()).fold(0.0, f64::max)).max(f64::MIN_POSITIVE);
    let mid = LABEL_W + half;
    for (i, b) in bars.iter().enumerate() {
        let y = 28.0 + i as f64 * ROW;
        let w = (b.value.abs() / top).min(1.0) * half;
        let x = if b.value < 0.0 { mid - w } else { mid };
        let class = if b.value < 0.0 { "cb neg" } else { "cb" };
        let _ = write!(
            s,
            r#"<text x="{lx}" y="{ty}" class="cl" text-anchor="end">{label}</text><rect x="{x:.1}" y="{ry}" width="{w:.1}" height="{h}" class="{class}"/><text x="{nx:.1}" y="{ty}" class="cn">{note}</text>"#,
            lx = LABEL_W - 6.0,
            ty = y + 15.0,
            label = esc(&truncate(&b.label, 12)),
            ry = y + 3.0,
            h = ROW - 6.0,
            nx = LABEL_W + BAR_W + 4.0,
            note = esc(&b.note),
        );
    }
    let bottom = 28.0 + bars.len() as f64 * ROW;
    let _ = write!(
        s,
        r##"<line x1="{mid}" y1="26" x2="{mid}" y2="{bottom}" stroke="#555" stroke-width="1"/></svg>"##
    );
    s
}

/// A histogram of `values` in bins of `width` from `lo` to `hi` (the last bin closed).
pub fn histogram(
    title: &str,
    values: &[f64],
    lo: f64,
    hi: f64,
    width: f64,
    empty_note: &str,
) -> String {
    let bins = (((hi - lo) / width).ceil() as usize).max(1);
    let mut counts = vec![0usize; bins];
    for &v in values {
        if v.is_finite() {
            let i = (((v - lo) / width).floor().max(0.0) as usize).min(bins - 1);
            counts[i] += 1;
        }
    }
    let list: Vec<Bar> = counts
        .iter()
        .enumerate()
        .rev()
        .map(|(i, &n)| {
            let a = lo + i as f64 * width;
            let b = (a + width).min(hi);
            Bar {
                label: format!("{}–{}", trim(a), trim(b)),
                value: n as f64,
                note: n.to_string(),
            }
        })
        .collect();
    if values.is_empty() {
        return bars(title, &[], None, empty_note);
    }
    bars(title, &list, None, empty_note)
}

fn trim(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// At most `n` characters, with an ellipsis when cut.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut t: String = s.chars().take(n - 1).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_bars_scale_to_the_maximum() {
        let svg = bars(
            "按层级",
            &[
                Bar {
                    label: "<script>".into(),
                    value: 50.0,
                    note: "50".into(),
                },
                Bar {
                    label: "县级".into(),
                    value: 100.0,
                    note: "100".into(),
                },
            ],
            None,
            "无",
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script>"));
        assert!(svg.contains(r#"width="180.0""#), "half of 360: {svg}");
        assert!(svg.contains(r#"width="360.0""#));
    }

    #[test]
    fn diverging_bars_go_left_for_a_loss_and_right_for_a_gain() {
        let bar = |label: &str, value: f64| Bar {
            label: label.into(),
            value,
            note: String::new(),
        };
        let svg = diverging("变化", &[bar("升", 4.0), bar("降", -2.0)], "无");
        // The middle is at 150 + 180 = 330; 4 fills the half (180), −2 half of it to the left.
        assert!(svg.contains(r#"x="330.0" y="31" width="180.0""#), "{svg}");
        assert!(svg.contains(r#"x="240.0" y="53" width="90.0""#), "{svg}");
        assert!(svg.contains("cb neg"));
        assert!(diverging("变化", &[], "暂无变化").contains("暂无变化"));
    }

    #[test]
    fn an_empty_chart_says_so() {
        let svg = bars("t", &[], None, "暂无数据");
        assert!(svg.contains("暂无数据"));
    }

    #[test]
    fn histogram_puts_the_top_value_in_the_last_bin() {
        let svg = histogram("分布", &[100.0, 95.0, 10.0, 59.9], 0.0, 100.0, 10.0, "无");
        // Highest bin first: 90–100 holds 100 and 95.
        let first = svg.find("90–100").unwrap();
        let tail = &svg[first..];
        assert!(tail.contains(">2<"), "{tail}");
        assert!(svg.contains("50–60"));
    }
}
