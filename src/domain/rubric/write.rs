//! A rubric written back as RON, one field a line, with a Chinese comment explaining each kind
//! of field where it first appears: the text of `rubric new` templates and of rubrics imported
//! from Excel. Reading the text back gives the same rubric.

use std::collections::HashSet;

use serde::Serialize;

use super::model::{Bonus, Category, Common, Indicator, Rubric, Veto};
use super::write_notes::{FILE_HEAD, note};

/// The part of a rubric a written line belongs to, so that a problem found in the text can be
/// traced back to where the rubric came from (a row of a spreadsheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Header,
    Category(usize),
    Indicator(usize, usize),
    Bonus(usize),
    Veto(usize),
}

/// The RON text and, for each part, the line (1-based) where it starts, in order.
#[derive(Debug, Clone)]
pub struct Written {
    pub text: String,
    pub starts: Vec<(usize, Part)>,
}

impl Written {
    /// The part the given line (1-based) of the text belongs to.
    pub fn part_at(&self, line: usize) -> Part {
        self.starts
            .iter()
            .take_while(|(l, _)| *l <= line)
            .last()
            .map_or(Part::Header, |(_, p)| *p)
    }
}

/// Writes the rubric as commented RON.
pub fn write_ron(r: &Rubric) -> Written {
    let mut w = Writer::default();
    for l in FILE_HEAD.lines() {
        w.line(0, &format!("// {l}"));
    }
    w.mark(Part::Header);
    w.line(0, "Rubric(");
    header(&mut w, r);
    w.open(1, "categories", "categories: [");
    for (i, c) in r.categories.iter().enumerate() {
        category(&mut w, c, i);
    }
    w.line(1, "],");
    if !r.bonus.is_empty() {
        w.open(1, "bonus", "bonus: [");
        for (k, b) in r.bonus.iter().enumerate() {
            w.mark(Part::Bonus(k));
            bonus(&mut w, b);
        }
        w.line(1, "],");
    }
    if let Some(cap) = r.bonus_cap {
        w.field(1, "bonus_cap", &num(cap));
    }
    if !r.vetoes.is_empty() {
        w.open(1, "vetoes", "vetoes: [");
        for (k, v) in r.vetoes.iter().enumerate() {
            w.mark(Part::Veto(k));
            veto(&mut w, v);
        }
        w.line(1, "],");
    }
    w.line(0, ")");
    Written {
        text: w.out,
        starts: w.starts,
    }
}

fn header(w: &mut Writer, r: &Rubric) {
    w.field(1, "id", &text(&r.id));
    w.field(1, "name", &text(&r.name));
    w.field(1, "version", &text(&r.version));
    w.field(1, "description", &text(&r.description));
    w.field(1, "total", &num(r.total));
    w.field(1, "pass_mark", &num(r.pass_mark));
    w.field(1, "pass_side", &ron(&r.pass_side));
    w.field(1, "gate_side", &ron(&r.gate_side));
    w.field(1, "decimals", &r.decimals.to_string());
    w.field(1, "grades", &pairs(&r.grades));
    w.field(1, "on_veto", &ron(&r.on_veto));
    w.field(1, "when_not_applicable", &ron(&r.when_not_applicable));
}

fn category(w: &mut Writer, c: &Category, i: usize) {
    w.mark(Part::Category(i));
    w.open(2, "Category", "Category(");
    w.field(3, "id", &text(&c.id));
    w.field(3, "name", &text(&c.name));
    w.field(3, "weight", &num(c.weight));
    if !c.description.is_empty() {
        w.field(3, "category.description", &text(&c.description));
    }
    applicability(w, 3, &c.platforms, &c.admin_levels, c.when_not_applicable);
    w.explain(3, "indicators");
    w.line(3, "indicators: [");
    for (j, ind) in c.indicators.iter().enumerate() {
        w.mark(Part::Indicator(i, j));
        indicator(w, ind);
    }
    w.line(3, "],");
    w.line(2, "),");
}

fn indicator(w: &mut Writer, ind: &Indicator) {
    match ind {
        Indicator::Range(s) => {
            w.open(4, "Range", "Range(");
            ids(w, &s.common);
            w.field(5, "min", &num(s.min));
            w.field(5, "max", &num(s.max));
            if let Some(step) = s.step {
                w.field(5, "step", &num(step));
            }
            if !s.levels.is_empty() {
                w.field(5, "levels", &pairs(&s.levels));
            }
            rest(w, &s.common);
        }
        Indicator::Deduct(s) => {
            w.open(4, "Deduct", "Deduct(");
            ids(w, &s.common);
            if let Some(p) = s.points {
                w.field(5, "deduct.points", &num(p));
            }
            w.field(5, "deduct.per", &num(s.per));
            w.field(5, "deduct.cap", &num(s.cap));
            rest(w, &s.common);
        }
        Indicator::Check(s) => {
            w.open(4, "Check", "Check(");
            ids(w, &s.common);
            w.field(5, "check.points", &num(s.points));
            rest(w, &s.common);
        }
    }
    w.line(4, "),");
}

fn bonus(w: &mut Writer, b: &Bonus) {
    w.open(2, "Bonus", "Bonus(");
    ids(w, &b.common);
    w.field(3, "bonus.per", &num(b.per));
    w.field(3, "bonus.cap", &num(b.cap));
    if let Some(g) = b.gate {
        w.field(3, "gate", &num(g));
    }
    rest(w, &b.common);
    w.line(2, "),");
}

fn veto(w: &mut Writer, v: &Veto) {
    w.open(2, "Veto", "Veto(");
    ids(w, &v.common);
    let reasons: Vec<String> = v.reasons.iter().map(|s| text(s)).collect();
    w.field(3, "reasons", &format!("[{}]", reasons.join(", ")));
    rest(w, &v.common);
    w.line(2, "),");
}

/// The item's id and name, at the indent of its fields.
fn ids(w: &mut Writer, c: &Common) {
    let d = w.depth + 1;
    w.field(d, "item.id", &text(&c.id));
    w.field(d, "item.name", &text(&c.name));
}

/// The item's other common fields: applicability, rule, guide and evidence.
fn rest(w: &mut Writer, c: &Common) {
    let d = w.depth + 1;
    applicability(w, d, &c.platforms, &c.admin_levels, c.when_not_applicable);
    if let Some(rule) = &c.rule {
        w.field(d, "rule", &text(rule));
    }
    if !c.guide.is_empty() {
        w.field(d, "guide", &text(&c.guide));
    }
    if !c.evidence.is_empty() {
        let e: Vec<String> = c.evidence.iter().map(|s| text(s)).collect();
        w.field(d, "evidence", &format!("[{}]", e.join(", ")));
    }
}

fn applicability(
    w: &mut Writer,
    d: usize,
    platforms: &[crate::domain::platform::Platform],
    levels: &[crate::domain::platform::Level],
    na: Option<super::model::NaPolicy>,
) {
    if !platforms.is_empty() {
        let p: Vec<String> = platforms.iter().map(ron).collect();
        w.field(d, "platforms", &format!("[{}]", p.join(", ")));
    }
    if !levels.is_empty() {
        let l: Vec<String> = levels.iter().map(ron).collect();
        w.field(d, "admin_levels", &format!("[{}]", l.join(", ")));
    }
    if let Some(na) = na {
        w.field(d, "item.when_not_applicable", &ron(&na));
    }
}

/// Lines written so far, which kinds of field have been explained, and where parts start.
#[derive(Default)]
struct Writer {
    out: String,
    lines: usize,
    explained: HashSet<&'static str>,
    starts: Vec<(usize, Part)>,
    /// Indent of the item being written (its fields go one deeper).
    depth: usize,
}

impl Writer {
    fn line(&mut self, indent: usize, s: &str) {
        self.out.push_str(&"    ".repeat(indent));
        self.out.push_str(s);
        self.out.push('\n');
        self.lines += 1;
    }

    /// The part whose text starts on the next line.
    fn mark(&mut self, part: Part) {
        self.starts.push((self.lines + 1, part));
    }

    /// Explains `key` the first time it is written, at `indent`.
    fn explain(&mut self, indent: usize, key: &'static str) {
        if self.explained.insert(key) {
            let text = note(key);
            for l in text.lines() {
                self.line(indent, &format!("// {l}"));
            }
        }
    }

    /// Opens a list or an item (explained the first time), remembering the item's indent.
    fn open(&mut self, indent: usize, key: &'static str, s: &str) {
        self.explain(indent, key);
        self.line(indent, s);
        self.depth = indent;
    }

    /// `name: value,` — `key` is the field's name, or `context.name` where one name means
    /// different things in different places (a Deduct's `points` is not a Check's).
    fn field(&mut self, indent: usize, key: &'static str, value: &str) {
        self.explain(indent, key);
        let name = key.rsplit('.').next().unwrap_or(key);
        self.line(indent, &format!("{name}: {value},"));
    }
}

/// A number as RON reads it back exactly (Rust's shortest round-trip form: 100, 2.5).
fn num(x: f64) -> String {
    format!("{x}")
}

/// A value through the RON serializer: escaped strings, enum variants by name.
fn ron<T: Serialize>(v: &T) -> String {
    ron::to_string(v).unwrap_or_default()
}

fn text(s: &str) -> String {
    ron(&s)
}

fn pairs(p: &[(String, f64)]) -> String {
    let items: Vec<String> = p
        .iter()
        .map(|(n, v)| format!("({}, {})", text(n), num(*v)))
        .collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rubric::parse;

    fn shipped() -> Vec<Rubric> {
        crate::domain::rubric::templates::TEMPLATES
            .iter()
            .map(|t| t.rubric().expect("template"))
            .collect()
    }

    #[test]
    fn a_written_rubric_reads_back_the_same() {
        for r in shipped() {
            let w = write_ron(&r);
            let back = parse(&w.text, "w.ron").unwrap_or_else(|e| panic!("{e}\n{}", w.text));
            assert_eq!(back, r);
        }
    }

    #[test]
    fn every_kind_of_field_is_explained_once_in_chinese() {
        let w = write_ron(&shipped()[0]);
        let comments: Vec<&str> = w
            .text
            .lines()
            .filter(|l| l.trim_start().starts_with("//"))
            .collect();
        assert!(comments.len() >= 30, "{}", w.text);
        for key in [
            "满分",
            "合格线",
            "权重",
            "得分项",
            "扣分项",
            "判断项",
            "加分项",
            "单项否决",
            "适用平台",
            "取证要点",
        ] {
            assert_eq!(
                comments
                    .iter()
                    .filter(|c| c.contains(key) && c.contains('：'))
                    .count()
                    .min(1),
                1,
                "{key}"
            );
        }
        assert_eq!(
            w.text.matches("// 最高分").count(),
            1,
            "explained once:\n{}",
            w.text
        );
    }

    #[test]
    fn strings_with_quotes_and_line_breaks_survive() {
        let mut r = shipped().remove(0);
        r.description = "第一行\n“引号” \"英文引号\" 反斜杠\\ 制表\t".into();
        let back = parse(&write_ron(&r).text, "w.ron").expect("parses");
        assert_eq!(back.description, r.description);
    }

    #[test]
    fn a_line_of_the_text_names_its_part() {
        let r = shipped().remove(0);
        let w = write_ron(&r);
        let lines: Vec<&str> = w.text.lines().collect();
        let (at, _) = w
            .starts
            .iter()
            .find(|(_, p)| *p == Part::Indicator(1, 2))
            .expect("marked");
        let id = &r.categories[1].indicators[2].common().id;
        let item_line = (*at..=lines.len())
            .find(|l| lines[l - 1].contains(&format!("id: \"{id}\"")))
            .expect("id line");
        assert_eq!(w.part_at(item_line), Part::Indicator(1, 2));
        assert_eq!(w.part_at(1), Part::Header);
        let v = w
            .starts
            .iter()
            .find(|(_, p)| *p == Part::Veto(0))
            .expect("veto")
            .0;
        assert_eq!(w.part_at(v + 1), Part::Veto(0));
    }
}
