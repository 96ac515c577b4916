//! The header sheet (基本信息) and the dimension sheet (维度) of a rubric workbook read back:
//! each item or dimension from its row, with the defaults an office's own table leaves out.

use super::cells::{Problems, Sheet, pairs};
use super::columns::{NA_WORDS, VETO_WORDS, exact, parse_na, parse_side, parse_veto};
use super::header::{ITEMS, Item, item_name, item_of};
use crate::domain::rubric::{Category, NaPolicy, Rubric, Side, VetoPolicy};
use crate::i18n::{Lang, msg};
use crate::io::accounts::Cell;

/// The two columns of the header sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum HeadCol {
    Item,
    Value,
}

pub(super) fn head_col(h: &str) -> Option<HeadCol> {
    match h.trim() {
        "项目" | "字段" | "名称项" => Some(HeadCol::Item),
        "内容" | "值" | "取值" => Some(HeadCol::Value),
        _ => None,
    }
}

/// The header's fields before they become a rubric; `None` means not given.
#[derive(Default)]
pub(super) struct Head {
    pub id: Option<String>,
    pub name: Option<String>,
    pub version: Option<String>,
    pub description: Option<String>,
    pub total: Option<f64>,
    pub pass_mark: Option<f64>,
    pub pass_side: Option<Side>,
    pub gate_side: Option<Side>,
    pub decimals: Option<u32>,
    pub grades: Option<Vec<(String, f64)>>,
    pub on_veto: Option<VetoPolicy>,
    pub na: Option<NaPolicy>,
    pub bonus_cap: Option<f64>,
}

/// Reads every row of the header sheet into `head`.
pub(super) fn read_head(s: &Sheet<HeadCol>, p: &mut Problems) -> Head {
    let mut head = Head::default();
    for (n, row) in &s.rows {
        let name = s.text(row, HeadCol::Item);
        if name.is_empty() {
            continue;
        }
        let Some(item) = item_of(&name) else {
            let items: Vec<&str> = ITEMS.iter().map(|(_, w, _)| *w).collect();
            let say = |l| msg::header_unknown_item(l, &name, &items.join("、"));
            s.bad(p, *n, HeadCol::Item, say(Lang::En), say(Lang::Zh));
            continue;
        };
        head_item(s, p, (*n, row), item, &mut head);
    }
    head
}

fn head_item(s: &Sheet<HeadCol>, p: &mut Problems, at: (usize, &[Cell]), item: Item, h: &mut Head) {
    let (n, row) = at;
    let text = s.text(row, HeadCol::Value);
    let v = HeadCol::Value;
    let number = |p: &mut Problems| s.number(p, n, row, v).ok().flatten();
    match item {
        Item::Id => h.id = Some(text),
        Item::Name => h.name = Some(text),
        Item::Version => h.version = Some(text),
        Item::Description => h.description = Some(text),
        Item::Total => h.total = number(p),
        Item::PassMark => h.pass_mark = number(p),
        Item::PassSide => {
            h.pass_side = s.word(p, at, v, parse_side, "达到即合格、高于才合格");
        }
        Item::GateSide => {
            h.gate_side = s.word(p, at, v, parse_side, "高于门槛才加分、达到门槛即加分");
        }
        Item::Decimals => h.decimals = decimals(s, p, at),
        Item::Grades if text.is_empty() => h.grades = Some(Vec::new()),
        Item::Grades => {
            h.grades = pairs(&text);
            if h.grades.is_none() {
                let say = |l| msg::cell_bad_pairs(l, &text, "优秀≥90；良好≥80；合格≥60；不合格≥0");
                s.bad(p, n, v, say(Lang::En), say(Lang::Zh));
            }
        }
        Item::OnVeto => h.on_veto = s.word(p, at, v, parse_veto, VETO_WORDS),
        Item::Na => h.na = s.word(p, at, v, parse_na, NA_WORDS),
        Item::BonusCap => h.bonus_cap = number(p),
    }
}

fn decimals(s: &Sheet<HeadCol>, p: &mut Problems, (n, row): (usize, &[Cell])) -> Option<u32> {
    let x = s.number(p, n, row, HeadCol::Value).ok().flatten()?;
    if x.fract() == 0.0 && (0.0..=6.0).contains(&x) {
        Some(x as u32)
    } else {
        let say = |l| msg::cell_not_integer(l, &exact(x));
        s.bad(p, n, HeadCol::Value, say(Lang::En), say(Lang::Zh));
        None
    }
}

impl Head {
    /// The rubric's header with the usual values for what is not given (the file's name for
    /// id and name, the weights' sum for the total, 60 to pass); `defaulted` lists those.
    pub fn apply(self, r: &mut Rubric, stem: &str, defaulted: &mut Vec<&'static str>) {
        let mut or = |v: Option<String>, item: Item, d: &str| {
            v.filter(|s| !s.is_empty()).unwrap_or_else(|| {
                defaulted.push(item_name(item));
                d.to_string()
            })
        };
        r.id = or(self.id, Item::Id, stem);
        r.name = or(self.name, Item::Name, stem);
        r.version = or(self.version, Item::Version, "1");
        r.description = self.description.unwrap_or_default();
        let sum: f64 = r.categories.iter().map(|c| c.weight).sum();
        r.total = self.total.unwrap_or_else(|| {
            defaulted.push(item_name(Item::Total));
            sum
        });
        r.pass_mark = self.pass_mark.unwrap_or_else(|| {
            defaulted.push(item_name(Item::PassMark));
            60.0
        });
        r.pass_side = self.pass_side.unwrap_or(Side::AtLeast);
        r.gate_side = self.gate_side.unwrap_or(Side::Above);
        r.decimals = self
            .decimals
            .unwrap_or(crate::domain::precision::DEFAULT_DECIMALS);
        r.grades = self.grades.unwrap_or_default();
        r.on_veto = self.on_veto.unwrap_or_default();
        r.when_not_applicable = self.na.unwrap_or_default();
        r.bonus_cap = self.bonus_cap;
    }
}

/// The columns of the dimension sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum CatCol {
    Id,
    Name,
    About,
    Platforms,
    Levels,
    Na,
}

pub(super) fn cat_col(h: &str) -> Option<CatCol> {
    match h.trim() {
        "维度编号" => Some(CatCol::Id),
        "维度" | "维度名称" => Some(CatCol::Name),
        "说明" | "维度说明" => Some(CatCol::About),
        "适用平台" => Some(CatCol::Platforms),
        "适用层级" => Some(CatCol::Levels),
        "不适用时" => Some(CatCol::Na),
        _ => None,
    }
}

/// Applies each row of the dimension sheet to the dimension it names (by id, else by name).
pub(super) fn read_categories(s: &Sheet<CatCol>, p: &mut Problems, cats: &mut [Category]) {
    for (n, row) in &s.rows {
        let (id, name) = (s.text(row, CatCol::Id), s.text(row, CatCol::Name));
        let found = cats
            .iter()
            .position(|c| !id.is_empty() && c.id == id)
            .or_else(|| cats.iter().position(|c| !name.is_empty() && c.name == name));
        let Some(k) = found else {
            let key = if id.is_empty() { &name } else { &id };
            let say = |l| msg::category_unknown(l, key);
            let col = if id.is_empty() {
                CatCol::Name
            } else {
                CatCol::Id
            };
            s.bad(p, *n, col, say(Lang::En), say(Lang::Zh));
            continue;
        };
        let c = &mut cats[k];
        c.description = s.text(row, CatCol::About);
        c.platforms = s.platforms(p, *n, row, CatCol::Platforms);
        c.admin_levels = s.levels(p, *n, row, CatCol::Levels);
        c.when_not_applicable = s.word(p, (*n, row), CatCol::Na, parse_na, NA_WORDS);
    }
}
