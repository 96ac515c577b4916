//! One evaluator's entry for one indicator of one account: the raw input the engine scores.

use serde::{Deserialize, Serialize};

pub use super::entry_error::EntryError;
use super::entry_error::scope_words;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::{Indicator, ItemRef};
use crate::i18n::Lang;

/// What an evaluator recorded for one indicator. Which field is meaningful depends on the
/// indicator kind: `value` for range and check indicators (check: 1 = yes, 0 = no; a veto item
/// with `value: Some(0.0)` and no `veto` means "checked, no problem"), `count` for deduction
/// and bonus instances, `veto` for a single-veto hit with the chosen reason, `na` for
/// not-applicable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub indicator: String,
    pub value: Option<f64>,
    pub count: Option<u32>,
    pub veto: Option<String>,
    pub na: bool,
    pub note: String,
    pub evidence: Vec<String>,
}

impl Entry {
    pub fn new(indicator: impl Into<String>) -> Entry {
        Entry {
            indicator: indicator.into(),
            ..Entry::default()
        }
    }

    /// True when the entry records a judgement (not only a note).
    pub fn is_scored(&self) -> bool {
        self.value.is_some() || self.count.is_some() || self.veto.is_some() || self.na
    }
}

/// True when `item` applies to an account on `platform` at `level` (an indicator also needs
/// its category to apply). The one applicability rule for every write path.
pub fn item_applies(item: ItemRef<'_>, platform: Platform, level: Level) -> bool {
    let own = item.common().applies(platform, level);
    match item {
        ItemRef::Indicator(cat, _) => own && cat.applies(platform, level),
        _ => own,
    }
}

impl Entry {
    /// Checks an entry before it is stored for an account on `platform` at `level`: the item
    /// must apply to the account (else `NotApplicable`, naming where it applies), then
    /// [`Entry::check`]. Every write path (CLI, TUI, imports) calls this.
    pub fn check_for(
        &mut self,
        item: ItemRef<'_>,
        platform: Platform,
        level: Level,
    ) -> Result<(), EntryError> {
        if !item_applies(item, platform, level) {
            return Err(EntryError::NotApplicable {
                id: item.common().id.clone(),
                name: item.common().name.clone(),
                scope_zh: scope_words(item, Lang::Zh),
                scope: scope_words(item, Lang::En),
            });
        }
        self.check(item)
    }

    /// Checks that the entry fits the item's kind and bounds. A veto reason may be given as its
    /// text or as its 1-based number; it is normalised to the text.
    pub fn check(&mut self, item: ItemRef<'_>) -> Result<(), EntryError> {
        let id = item.common().id.clone();
        let given = self.given();
        if self.na {
            // Only applicability makes a veto N/A: an applicable one is checked or hit.
            return match item {
                ItemRef::Veto(_) => Err(EntryError::VetoNa { id }),
                _ => Ok(()),
            };
        }
        let wrong = |kind, takes| EntryError::WrongKind {
            id: id.clone(),
            kind,
            takes,
            given,
        };
        match item {
            ItemRef::Indicator(_, Indicator::Range(r)) => {
                let v = self
                    .value
                    .filter(|_| given == "a value")
                    .ok_or(wrong("range", "a value"))?;
                check_range(&id, v, r.min, r.max, r.step)
            }
            ItemRef::Indicator(_, Indicator::Check(_)) => {
                let v = self
                    .value
                    .filter(|_| given == "a value")
                    .ok_or(wrong("check", "a value (1 or 0)"))?;
                if v == 0.0 || v == 1.0 {
                    Ok(())
                } else {
                    Err(EntryError::NotYesNo { id, value: v })
                }
            }
            ItemRef::Indicator(_, Indicator::Deduct(_)) => self
                .count
                .filter(|_| given == "a count")
                .map(|_| ())
                .ok_or(wrong("deduction", "a count")),
            ItemRef::Bonus(_) => self
                .count
                .filter(|_| given == "a count")
                .map(|_| ())
                .ok_or(wrong("bonus", "a count")),
            ItemRef::Veto(v) => self.check_veto(&id, &v.reasons, given),
        }
    }

    fn check_veto(
        &mut self,
        id: &str,
        reasons: &[String],
        given: &'static str,
    ) -> Result<(), EntryError> {
        match (&self.veto, self.value) {
            (Some(r), None) => {
                let pick = r
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|i| reasons.get(i))
                    .or_else(|| reasons.iter().find(|x| *x == r));
                match pick {
                    Some(p) => {
                        self.veto = Some(p.clone());
                        Ok(())
                    }
                    None => Err(EntryError::UnknownReason {
                        id: id.to_string(),
                        reason: r.clone(),
                        choices: numbered(reasons),
                    }),
                }
            }
            (None, Some(0.0)) => Ok(()),
            _ => Err(EntryError::WrongKind {
                id: id.to_string(),
                kind: "veto",
                takes: "a veto reason, or value 0 for \"checked, no problem\"",
                given,
            }),
        }
    }

    fn given(&self) -> &'static str {
        match (
            self.value.is_some(),
            self.count.is_some(),
            self.veto.is_some(),
        ) {
            (true, false, false) => "a value",
            (false, true, false) => "a count",
            (false, false, true) => "a veto reason",
            (false, false, false) if self.na => "N/A",
            (false, false, false) => "nothing",
            _ => "several kinds of input at once",
        }
    }
}

fn numbered(reasons: &[String]) -> String {
    reasons
        .iter()
        .enumerate()
        .map(|(i, r)| format!("{} {}", i + 1, r))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Checks a range value against bounds and step (with a tolerance for decimal input).
pub fn check_range(
    id: &str,
    v: f64,
    min: f64,
    max: f64,
    step: Option<f64>,
) -> Result<(), EntryError> {
    if !v.is_finite() || v < min - 1e-9 || v > max + 1e-9 {
        return Err(EntryError::OutOfRange {
            id: id.to_string(),
            value: v,
            min,
            max,
        });
    }
    if let Some(step) = step.filter(|s| *s > 0.0) {
        let k = (v - min) / step;
        if (k - k.round()).abs() > 1e-6 {
            return Err(EntryError::OffStep {
                id: id.to_string(),
                value: v,
                step,
                min,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rubric::{Common, Veto};

    #[test]
    fn range_bounds_and_step() {
        assert!(check_range("x", 4.5, 0.0, 5.0, Some(0.5)).is_ok());
        assert!(matches!(
            check_range("x", 5.5, 0.0, 5.0, None),
            Err(EntryError::OutOfRange { .. })
        ));
        assert!(matches!(
            check_range("x", 4.3, 0.0, 5.0, Some(0.5)),
            Err(EntryError::OffStep { .. })
        ));
    }

    #[test]
    fn veto_reason_by_number_or_text() {
        let v = Veto {
            common: Common {
                id: "stale".into(),
                name: "内容不更新".into(),
                ..Common::default()
            },
            reasons: vec!["两周无更新".into(), "其他".into()],
        };
        let mut e = Entry {
            veto: Some("2".into()),
            ..Entry::new("stale")
        };
        e.check(ItemRef::Veto(&v)).unwrap();
        assert_eq!(e.veto.as_deref(), Some("其他"));
        let mut bad = Entry {
            veto: Some("乱写".into()),
            ..Entry::new("stale")
        };
        let err = bad.check(ItemRef::Veto(&v)).unwrap_err().to_string();
        assert!(
            err.contains("乱写") && err.contains("1 两周无更新"),
            "{err}"
        );
        let mut clean = Entry {
            value: Some(0.0),
            ..Entry::new("stale")
        };
        assert!(clean.check(ItemRef::Veto(&v)).is_ok());
    }

    fn veto(platforms: Vec<Platform>) -> Veto {
        Veto {
            common: Common {
                id: "dy".into(),
                name: "抖音专项".into(),
                platforms,
                ..Common::default()
            },
            reasons: vec!["其他".into()],
        }
    }

    #[test]
    fn a_veto_is_never_na_by_hand() {
        let v = veto(vec![]);
        let mut e = Entry {
            na: true,
            ..Entry::new("dy")
        };
        let err = e.check(ItemRef::Veto(&v)).unwrap_err();
        assert_eq!(err, EntryError::VetoNa { id: "dy".into() });
        assert!(
            err.localized(Lang::Zh).contains("不能手工标为不适用"),
            "{err}"
        );
        assert!(err.to_string().contains("cannot be marked N/A"), "{err}");
    }

    #[test]
    fn entries_for_items_that_do_not_apply_are_refused() {
        let v = veto(vec![Platform::Douyin]);
        let mut e = Entry {
            value: Some(0.0),
            ..Entry::new("dy")
        };
        let err = e
            .check_for(ItemRef::Veto(&v), Platform::WeChat, Level::County)
            .unwrap_err();
        assert!(matches!(err, EntryError::NotApplicable { .. }));
        let zh = err.localized(Lang::Zh);
        assert!(zh.contains("平台 抖音") && zh.contains("不适用"), "{zh}");
        assert!(err.to_string().contains("Douyin"), "{err}");
        assert!(
            e.check_for(ItemRef::Veto(&v), Platform::Douyin, Level::County)
                .is_ok()
        );
    }
}
