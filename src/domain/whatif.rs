//! What-if category weights: parsing `--weights fit=30,craft=25,…`, reading them from a rubric
//! variant, checking them against the round's rubric (every category once, none negative,
//! adding up to the rubric's total) and the rubric they make. Scoring under them is the one
//! engine's job; nothing here is ever kept.

use crate::domain::figure::Figure;
use crate::domain::rubric::Rubric;
use crate::i18n::{Lang, whatif_msg as msg};

/// Why what-if weights were refused; each says what to write instead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightsError {
    #[error("weight {part:?} is not CATEGORY=POINTS (e.g. --weights {example})")]
    Syntax { part: String, example: String },
    #[error("the weight {value:?} of category {id:?} is not a number of at least 0")]
    BadValue { id: String, value: String },
    #[error("the round's rubric has no category {id:?} (categories: {known})")]
    Unknown { id: String, known: String },
    #[error("category {id:?} is given twice")]
    Duplicate { id: String },
    #[error("no weight for category {ids} (e.g. --weights {example})")]
    Missing { ids: String, example: String },
    #[error("the weights add up to {sum}, the rubric totals {total}")]
    Sum { sum: String, total: String },
    #[error("the categories of {file} ({theirs}) are not the round's ({ours})")]
    VariantCategories {
        file: String,
        theirs: String,
        ours: String,
    },
}

impl crate::i18n::errors::Localized for WeightsError {
    fn say(&self, lang: Lang) -> Option<String> {
        Some(match self {
            WeightsError::Syntax { part, example } => msg::syntax(lang, part, example),
            WeightsError::BadValue { id, value } => msg::bad_value(lang, id, value),
            WeightsError::Unknown { id, known } => msg::unknown(lang, id, known),
            WeightsError::Duplicate { id } => msg::duplicate(lang, id),
            WeightsError::Missing { ids, example } => msg::missing(lang, ids, example),
            WeightsError::Sum { sum, total } => msg::sum(lang, sum, total),
            WeightsError::VariantCategories { file, theirs, ours } => {
                msg::variant_categories(lang, file, theirs, ours)
            }
        })
    }
}

/// Category weights in the rubric's category order: (id, name, official, what-if).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WeightChange {
    pub id: String,
    pub name: String,
    pub official: Figure,
    pub whatif: Figure,
}

/// A weight as written, exactly (`None`: not a finite number).
fn figure(x: f64) -> Option<Figure> {
    Figure::of_decimal(x)
}

/// `id=points` for every category of `rubric`, as `--weights` takes them.
pub fn example(rubric: &Rubric) -> String {
    let parts: Vec<String> = rubric
        .categories
        .iter()
        .map(|c| {
            format!(
                "{}={}",
                c.id,
                figure(c.weight).map_or_else(String::new, Figure::text)
            )
        })
        .collect();
    parts.join(",")
}

/// Parses `fit=30,craft=25,…` into (id, weight) pairs as written (checked by [`apply`]).
pub fn parse(s: &str, rubric: &Rubric) -> Result<Vec<(String, f64)>, WeightsError> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((id, value)) = part.split_once('=') else {
            return Err(WeightsError::Syntax {
                part: part.to_owned(),
                example: example(rubric),
            });
        };
        let (id, value) = (id.trim(), value.trim());
        let w: f64 = value.parse().map_err(|_| WeightsError::BadValue {
            id: id.to_owned(),
            value: value.to_owned(),
        })?;
        out.push((id.to_owned(), w));
    }
    Ok(out)
}

/// The weights of a rubric variant (a rubric file with the round's categories, other weights).
pub fn of_variant(
    variant: &Rubric,
    rubric: &Rubric,
    file: &str,
) -> Result<Vec<(String, f64)>, WeightsError> {
    let ids = |r: &Rubric| {
        r.categories
            .iter()
            .map(|c| c.id.clone())
            .collect::<Vec<_>>()
    };
    let (theirs, ours) = (ids(variant), ids(rubric));
    let (mut a, mut b) = (theirs.clone(), ours.clone());
    a.sort();
    b.sort();
    if a != b {
        return Err(WeightsError::VariantCategories {
            file: file.to_owned(),
            theirs: theirs.join(","),
            ours: ours.join(","),
        });
    }
    Ok(variant
        .categories
        .iter()
        .map(|c| (c.id.clone(), c.weight))
        .collect())
}

/// `rubric` with `weights` for its categories, after checking them; and each category's
/// official and what-if weight.
pub fn apply(
    rubric: &Rubric,
    weights: &[(String, f64)],
) -> Result<(Rubric, Vec<WeightChange>), WeightsError> {
    let known: Vec<&str> = rubric.categories.iter().map(|c| c.id.as_str()).collect();
    let mut given: Vec<Option<Figure>> = vec![None; known.len()];
    for (id, w) in weights {
        let Some(i) = known.iter().position(|k| k == id) else {
            return Err(WeightsError::Unknown {
                id: id.clone(),
                known: known.join(","),
            });
        };
        let bad = || WeightsError::BadValue {
            id: id.clone(),
            value: format!("{w}"),
        };
        let f = figure(*w).filter(|_| *w >= 0.0).ok_or_else(bad)?;
        if given[i].replace(f).is_some() {
            return Err(WeightsError::Duplicate { id: id.clone() });
        }
    }
    let missing: Vec<&str> = (known.iter().zip(&given))
        .filter(|(_, g)| g.is_none())
        .map(|(k, _)| *k)
        .collect();
    if !missing.is_empty() {
        return Err(WeightsError::Missing {
            ids: missing.join(","),
            example: example(rubric),
        });
    }
    let given: Vec<Figure> = given.into_iter().flatten().collect();
    let sum = given
        .iter()
        .fold(crate::domain::figure::Exact::ZERO, |s, f| s.add(&f.exact()));
    let total = figure(rubric.total).unwrap_or(Figure::int(0));
    if sum != total.exact() {
        let sum = sum.publish(crate::domain::figure::MAX_DECIMALS).trimmed();
        return Err(WeightsError::Sum {
            sum: sum.text(),
            total: total.text(),
        });
    }
    let mut out = rubric.clone();
    let mut changes = Vec::with_capacity(given.len());
    for (c, w) in out.categories.iter_mut().zip(given) {
        changes.push(WeightChange {
            id: c.id.clone(),
            name: c.name.clone(),
            official: figure(c.weight).unwrap_or(Figure::int(0)),
            whatif: w,
        });
        c.weight = w.to_f64();
    }
    Ok((out, changes))
}

#[cfg(test)]
#[path = "whatif_tests.rs"]
mod tests;
