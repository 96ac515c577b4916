//! A rubric workbook read back: the sheets found by name, each indicator row read into its item,
//! dimensions gathered (a blank 维度 cell continues the one above, as merged cells read), then
//! the rubric written as RON and put through the rubric checks, whose findings are traced back
//! to the rows they concern.

use std::path::Path;

use super::cells::{Problems, Sheet, list, pairs};
use super::columns::{Col, KIND_WORDS, Kind, NA_WORDS, column_of, parse_na, spec};
use super::import_sheets::{CatCol, Head, HeadCol, cat_col, head_col, read_categories, read_head};
use super::{
    CATEGORY_SHEET, CellProblem, GUIDE_SHEET, HEADER_SHEET, INDICATOR_SHEET, RubricXlsxError,
};
use crate::domain::rubric::{
    Bonus, Category, CheckSpec, Common, DeductSpec, Indicator, Part, RangeSpec, Rubric, Veto,
    Written, parse, write_ron,
};
use crate::i18n::{Lang, msg};
use crate::io::accounts::{Cell, Said, read_any_table, workbook_sheets};

/// A rubric read from a workbook, its RON text, and the header items that took defaults.
#[derive(Debug)]
pub struct Imported {
    pub rubric: Rubric,
    pub written: Written,
    pub defaulted: Vec<&'static str>,
}

/// Other names of the header sheet an office may use.
const HEADER_NAMES: &[&str] = &[HEADER_SHEET, "评分标准", "量表信息"];

/// Reads a rubric workbook. Nothing is returned unless every cell reads and the rubric passes
/// its checks.
pub fn read(path: &Path) -> Result<Imported, RubricXlsxError> {
    let names = workbook_sheets(path)?;
    let sheet = indicator_sheet(path, &names)?;
    let mut p = Problems::default();
    let mut built = Built::default();
    for (n, row) in &sheet.rows {
        built.row(&sheet, &mut p, *n, row);
    }
    built.check_weights(&sheet, &mut p);
    let mut r = built.rubric();
    let head = other_sheets(path, &names, &mut p, &mut r)?;
    if !p.0.is_empty() {
        return Err(RubricXlsxError::Cells {
            path: path.to_path_buf(),
            problems: p.0,
        });
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_string());
    let mut defaulted = Vec::new();
    head.apply(&mut r, stem.as_deref().unwrap_or("rubric"), &mut defaulted);
    let written = write_ron(&r);
    let rubric = checked(path, &written, &built.origins)?;
    Ok(Imported {
        rubric,
        written,
        defaulted,
    })
}

/// The indicator sheet (指标, else the first sheet that is not one of the others) with its
/// header row found.
fn indicator_sheet(path: &Path, names: &[String]) -> Result<Sheet<Col>, RubricXlsxError> {
    let other = |n: &&String| {
        let n = n.trim();
        HEADER_NAMES.contains(&n) || n == CATEGORY_SHEET || n == GUIDE_SHEET
    };
    let main = names
        .iter()
        .find(|n| n.trim() == INDICATOR_SHEET)
        .or_else(|| names.iter().find(|n| !other(n)))
        .or(names.first())
        .cloned()
        .unwrap_or_default();
    let table = read_any_table(path, Some(&main))?.0;
    let sheet = Sheet::find(&main, table, column_of, &[Col::Name, Col::Kind]).ok_or_else(|| {
        RubricXlsxError::NoHeader {
            path: path.to_path_buf(),
            sheet: main.clone(),
        }
    })?;
    if sheet.rows.is_empty() {
        return Err(RubricXlsxError::NoRows {
            path: path.to_path_buf(),
            sheet: main,
        });
    }
    Ok(sheet)
}

/// Reads the header sheet (returned) and applies the dimension sheet, when the workbook has
/// them.
fn other_sheets(
    path: &Path,
    names: &[String],
    p: &mut Problems,
    r: &mut Rubric,
) -> Result<Head, RubricXlsxError> {
    let mut head = Head::default();
    for name in names {
        let is_head = HEADER_NAMES.contains(&name.trim());
        if !is_head && name.trim() != CATEGORY_SHEET {
            continue;
        }
        let table = read_any_table(path, Some(name))?.0;
        if is_head {
            if let Some(s) = Sheet::find(name, table, head_col, &[HeadCol::Item]) {
                head = read_head(&s, p);
            }
        } else if let Some(s) = Sheet::find(name, table, cat_col, &[CatCol::Name]) {
            read_categories(&s, p, &mut r.categories);
        }
    }
    Ok(head)
}

/// The rubric checks on the written text; each finding is named by the row it came from.
fn checked(path: &Path, w: &Written, origins: &Origins) -> Result<Rubric, RubricXlsxError> {
    parse(&w.text, &path.display().to_string()).map_err(|errs| {
        let problems = errs
            .errors
            .iter()
            .map(|e| {
                let (sheet, row) = origins.of(w.part_at(e.line));
                let (zh, zh_hint) = e.zh.clone().unwrap_or((e.message.clone(), e.hint.clone()));
                let join = |m: &str, h: &str, sep: &str| {
                    if h.is_empty() {
                        m.to_string()
                    } else {
                        format!("{m}{sep}{h}")
                    }
                };
                CellProblem {
                    sheet,
                    row,
                    col: None,
                    message: Said::new(join(&e.message, &e.hint, " — "), join(&zh, &zh_hint, "——")),
                }
            })
            .collect();
        RubricXlsxError::Invalid {
            path: path.to_path_buf(),
            problems,
        }
    })
}

/// Where each part of the rubric was read: the indicator sheet's name and rows.
#[derive(Default)]
struct Origins {
    sheet: String,
    categories: Vec<usize>,
    indicators: Vec<Vec<usize>>,
    bonus: Vec<usize>,
    vetoes: Vec<usize>,
}

impl Origins {
    fn of(&self, part: Part) -> (String, usize) {
        let row = match part {
            Part::Header => return (HEADER_SHEET.to_string(), 1),
            Part::Category(i) => self.categories.get(i),
            Part::Indicator(i, j) => self.indicators.get(i).and_then(|v| v.get(j)),
            Part::Bonus(k) => self.bonus.get(k),
            Part::Veto(k) => self.vetoes.get(k),
        };
        (self.sheet.clone(), row.copied().unwrap_or(1))
    }
}

/// The items read so far, by dimension, with where each came from.
#[derive(Default)]
struct Built {
    categories: Vec<Category>,
    weights: Vec<Option<f64>>,
    bonus: Vec<Bonus>,
    vetoes: Vec<Veto>,
    current: Option<usize>,
    origins: Origins,
}

impl Built {
    fn row(&mut self, s: &Sheet<Col>, p: &mut Problems, n: usize, row: &[Cell]) {
        self.origins.sheet.clone_from(&s.name);
        let kind_text = s.text(row, Col::Kind);
        if kind_text.is_empty() && s.text(row, Col::Name).is_empty() {
            // A dimension's own row (维度 and its weight, no indicator).
            self.category(s, p, n, row);
            return;
        }
        let Some(kind) = Kind::parse(&kind_text) else {
            let say = |l| msg::cell_bad_kind(l, &kind_text, KIND_WORDS);
            s.bad(p, n, Col::Kind, say(Lang::En), say(Lang::Zh));
            return;
        };
        let unused = unused_columns(kind);
        for &col in unused {
            let v = s.text(row, col);
            if !v.is_empty() {
                let say = |l| msg::cell_not_used(l, kind.word(), spec(col).header, &v);
                s.bad(p, n, col, say(Lang::En), say(Lang::Zh));
            }
        }
        let common = common(s, p, n, row);
        match kind {
            Kind::Bonus => {
                let b = bonus(s, p, n, row, common);
                self.origins.bonus.push(n);
                self.bonus.push(b);
            }
            Kind::Veto => {
                // An office's table names the veto and no reasons: the name is the reason.
                let mut reasons = list(&s.text(row, Col::Reasons), false);
                if reasons.is_empty() && !common.name.is_empty() {
                    reasons.push(common.name.clone());
                }
                self.origins.vetoes.push(n);
                self.vetoes.push(Veto { common, reasons });
            }
            _ => {
                let Some(ind) = indicator(s, p, n, row, kind, common) else {
                    return;
                };
                if let Some(k) = self.category(s, p, n, row) {
                    self.categories[k].indicators.push(ind);
                    self.origins.indicators[k].push(n);
                }
            }
        }
    }

    /// The dimension of an indicator row: the one its 维度 cell names (new if unseen), else
    /// the one above. Its weight is read here.
    fn category(
        &mut self,
        s: &Sheet<Col>,
        p: &mut Problems,
        n: usize,
        row: &[Cell],
    ) -> Option<usize> {
        let (name, id) = (s.text(row, Col::Category), s.text(row, Col::CategoryId));
        let k = if name.is_empty() && id.is_empty() {
            let Some(k) = self.current else {
                s.bad(
                    p,
                    n,
                    Col::Category,
                    msg::row_no_category(Lang::En),
                    msg::row_no_category(Lang::Zh),
                );
                return None;
            };
            k
        } else if let Some(k) = self
            .categories
            .iter()
            .position(|c| (!id.is_empty() && c.id == id) || (id.is_empty() && c.name == name))
        {
            k
        } else {
            let k = self.categories.len();
            self.categories.push(Category {
                id: if id.is_empty() {
                    format!("d{}", k + 1)
                } else {
                    id
                },
                name,
                weight: 0.0,
                description: String::new(),
                platforms: Vec::new(),
                admin_levels: Vec::new(),
                when_not_applicable: None,
                indicators: Vec::new(),
            });
            self.weights.push(None);
            self.origins.categories.push(n);
            self.origins.indicators.push(Vec::new());
            k
        };
        self.current = Some(k);
        if let Ok(Some(w)) = s.number(p, n, row, Col::Weight) {
            match self.weights[k] {
                None => self.weights[k] = Some(w),
                Some(first) if first != w => {
                    let name = &self.categories[k].name;
                    let say = |l| {
                        msg::category_two_weights(l, name, &format!("{first}"), &format!("{w}"))
                    };
                    s.bad(p, n, Col::Weight, say(Lang::En), say(Lang::Zh));
                }
                Some(_) => {}
            }
        }
        Some(k)
    }

    fn check_weights(&mut self, s: &Sheet<Col>, p: &mut Problems) {
        for (k, w) in self.weights.iter().enumerate() {
            match w {
                Some(w) => self.categories[k].weight = *w,
                None => {
                    let name = &self.categories[k].name;
                    let n = self.origins.categories[k];
                    let say = |l| msg::category_no_weight(l, name);
                    s.bad(p, n, Col::Weight, say(Lang::En), say(Lang::Zh));
                }
            }
        }
    }

    /// The rubric's items with generated ids where the sheet gave none; the header is filled
    /// in later.
    fn rubric(&self) -> Rubric {
        let mut categories = self.categories.clone();
        for c in &mut categories {
            let cid = c.id.clone();
            for (j, ind) in c.indicators.iter_mut().enumerate() {
                fill_id(common_mut(ind), || format!("{cid}_{}", j + 1));
            }
        }
        let mut bonus = self.bonus.clone();
        for (k, b) in bonus.iter_mut().enumerate() {
            fill_id(&mut b.common, || format!("bonus{}", k + 1));
        }
        let mut vetoes = self.vetoes.clone();
        for (k, v) in vetoes.iter_mut().enumerate() {
            fill_id(&mut v.common, || format!("veto{}", k + 1));
        }
        Rubric {
            id: String::new(),
            name: String::new(),
            version: String::new(),
            description: String::new(),
            total: 0.0,
            pass_mark: 0.0,
            pass_side: crate::domain::rubric::Side::AtLeast,
            gate_side: crate::domain::rubric::Side::Above,
            decimals: crate::domain::precision::DEFAULT_DECIMALS,
            grades: Vec::new(),
            on_veto: Default::default(),
            when_not_applicable: Default::default(),
            categories,
            bonus,
            bonus_cap: None,
            vetoes,
        }
    }
}

fn fill_id(c: &mut Common, make: impl FnOnce() -> String) {
    if c.id.is_empty() {
        c.id = make();
    }
}

fn common_mut(ind: &mut Indicator) -> &mut Common {
    match ind {
        Indicator::Range(s) => &mut s.common,
        Indicator::Deduct(s) => &mut s.common,
        Indicator::Check(s) => &mut s.common,
    }
}

/// The columns a kind of row leaves empty.
fn unused_columns(kind: Kind) -> &'static [Col] {
    use Col::{Cap, Gate, Grades, Min, Per, Points, Reasons, Step, Weight};
    match kind {
        Kind::Range => &[Per, Cap, Gate, Reasons],
        Kind::Deduct => &[Min, Step, Grades, Gate, Reasons],
        Kind::Check => &[Per, Cap, Gate, Min, Step, Grades, Reasons],
        Kind::Bonus => &[Points, Min, Step, Grades, Reasons, Weight],
        Kind::Veto => &[Points, Per, Cap, Gate, Min, Step, Grades, Weight],
    }
}

/// The fields every item has.
fn common(s: &Sheet<Col>, p: &mut Problems, n: usize, row: &[Cell]) -> Common {
    let name = s.text(row, Col::Name);
    if name.is_empty() {
        s.bad(
            p,
            n,
            Col::Name,
            msg::row_no_name(Lang::En),
            msg::row_no_name(Lang::Zh),
        );
    }
    let rule = s.text(row, Col::Rule);
    Common {
        id: s.text(row, Col::Id),
        name,
        guide: s.text(row, Col::Guide),
        evidence: list(&s.text(row, Col::Evidence), false),
        platforms: s.platforms(p, n, row, Col::Platforms),
        admin_levels: s.levels(p, n, row, Col::Levels),
        when_not_applicable: s.word(p, (n, row), Col::Na, parse_na, NA_WORDS),
        rule: (!rule.is_empty()).then_some(rule),
    }
}

/// A number the kind needs: noted when missing (or bad), then 0 so the row is still read.
fn needed(
    s: &Sheet<Col>,
    p: &mut Problems,
    (n, row): (usize, &[Cell]),
    col: Col,
    kind: Kind,
) -> f64 {
    match s.number(p, n, row, col) {
        Ok(Some(x)) => x,
        Ok(None) => {
            let say = |l| msg::cell_needed(l, kind.word(), spec(col).header);
            s.bad(p, n, col, say(Lang::En), say(Lang::Zh));
            0.0
        }
        Err(()) => 0.0,
    }
}

fn optional(s: &Sheet<Col>, p: &mut Problems, (n, row): (usize, &[Cell]), col: Col) -> Option<f64> {
    s.number(p, n, row, col).ok().flatten()
}

fn indicator(
    s: &Sheet<Col>,
    p: &mut Problems,
    n: usize,
    row: &[Cell],
    kind: Kind,
    common: Common,
) -> Option<Indicator> {
    let at = (n, row);
    Some(match kind {
        Kind::Range => {
            let grades = s.text(row, Col::Grades);
            let levels = if grades.is_empty() {
                Some(Vec::new())
            } else {
                pairs(&grades)
            };
            if levels.is_none() {
                let say = |l| msg::cell_bad_pairs(l, &grades, "优=10；良=8；中=6；差=3");
                s.bad(p, n, Col::Grades, say(Lang::En), say(Lang::Zh));
            }
            Indicator::Range(RangeSpec {
                max: needed(s, p, at, Col::Points, kind),
                min: optional(s, p, at, Col::Min).unwrap_or(0.0),
                step: optional(s, p, at, Col::Step),
                levels: levels.unwrap_or_default(),
                common,
            })
        }
        Kind::Deduct => Indicator::Deduct(DeductSpec {
            points: optional(s, p, at, Col::Points),
            per: needed(s, p, at, Col::Per, kind),
            cap: needed(s, p, at, Col::Cap, kind),
            common,
        }),
        Kind::Check => Indicator::Check(CheckSpec {
            points: needed(s, p, at, Col::Points, kind),
            common,
        }),
        Kind::Bonus | Kind::Veto => return None,
    })
}

fn bonus(s: &Sheet<Col>, p: &mut Problems, n: usize, row: &[Cell], common: Common) -> Bonus {
    let at = (n, row);
    Bonus {
        per: needed(s, p, at, Col::Per, Kind::Bonus),
        cap: needed(s, p, at, Col::Cap, Kind::Bonus),
        gate: optional(s, p, at, Col::Gate),
        common,
    }
}
