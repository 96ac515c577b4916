//! The item index: entries land at their items' positions whatever their order, the last entry
//! for an id wins, unknown ids are left out, a duplicated rubric id feeds each of its items, and
//! scoring does not depend on the order of the entries.

use proptest::prelude::*;

use super::rules::rubric;
use super::{count, parse, val, veto};
use crate::domain::engine::index::{ItemIndex, Slots};
use crate::domain::engine::{Scorer, score};
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};

/// What each position holds, the entry's indicator and value or `None`, after placing through
/// the index; the search without an index must give the same.
fn placed(index: &ItemIndex, entries: &[Entry]) -> Vec<Option<(String, Option<f64>)>> {
    let got = positions(&index.place(entries));
    assert_eq!(got, positions(&Slots::search(entries)));
    got
}

fn positions(s: &Slots<'_, '_>) -> Vec<Option<(String, Option<f64>)>> {
    let r = rubric();
    let mut out = Vec::new();
    for (c, cat) in r.categories.iter().enumerate() {
        out.extend(
            (cat.indicators.iter().enumerate()).map(|(i, ind)| s.indicator(c, i, &ind.common().id)),
        );
    }
    out.extend((r.bonus.iter().enumerate()).map(|(i, b)| s.bonus(i, &b.common.id)));
    out.extend((r.vetoes.iter().enumerate()).map(|(i, v)| s.veto(i, &v.common.id)));
    out.into_iter()
        .map(|e| e.map(|e| (e.indicator.clone(), e.value)))
        .collect()
}

fn some(id: &str, v: f64) -> Option<(String, Option<f64>)> {
    Some((id.to_owned(), Some(v)))
}

#[test]
fn entries_land_at_their_items_in_rubric_order() {
    let r = rubric();
    let index = ItemIndex::of(&r);
    assert_eq!(index.len(), 10);
    // Sorted by id, as storage reads them; "naming" and "late" are missing.
    let es = [
        val("award", 1.0),
        val("ipv6", 2.0),
        val("off", 3.0),
        val("orig", 4.0),
        val("pos", 5.0),
        val("reply", 6.0),
        val("stale", 7.0),
        val("typo", 8.0),
    ];
    let want = vec![
        some("pos", 5.0),
        some("off", 3.0),
        None,
        some("typo", 8.0),
        some("reply", 6.0),
        some("ipv6", 2.0),
        None,
        some("orig", 4.0),
        some("award", 1.0),
        some("stale", 7.0),
    ];
    assert_eq!(placed(&index, &es), want);
    let mut reversed = es.to_vec();
    reversed.reverse();
    assert_eq!(placed(&index, &reversed), want, "order does not matter");
    assert_eq!(placed(&index, &[]), vec![None; 10]);
}

#[test]
fn the_last_entry_for_an_id_wins_and_unknown_ids_are_left_out() {
    let r = rubric();
    let index = ItemIndex::of(&r);
    let es = [
        val("aaa", 9.0),
        val("reply", 1.0),
        val("pos", 2.0),
        val("reply", 3.0),
        val("pos2", 9.0),
        val("zzz", 9.0),
        val("", 9.0),
        val("Pos", 9.0),
    ];
    let got = placed(&index, &es);
    assert_eq!(got[0], some("pos", 2.0));
    assert_eq!(got[4], some("reply", 3.0));
    assert_eq!(got.iter().flatten().count(), 2, "{got:?}");
}

#[test]
fn a_duplicated_rubric_id_feeds_each_of_its_items() {
    // Validation refuses this rubric; the engine must still give both items the entry, as a
    // lookup by id did.
    let r = parse(
        r#"Rubric(id: "d", name: "D", version: "1", total: 100, pass_mark: 60,
            categories: [
                Category(id: "a", name: "A", weight: 50, indicators: [
                    Range(id: "x", name: "X", max: 10),
                    Range(id: "y", name: "Y", max: 10),
                ]),
                Category(id: "b", name: "B", weight: 50, indicators: [
                    Range(id: "x", name: "X again", max: 10),
                ]),
            ],
            bonus: [Bonus(id: "y", name: "Y bonus", per: 1, cap: 5)],
        )"#,
    );
    let index = ItemIndex::of(&r);
    let es = [count("y", 3), val("x", 5.0)];
    for s in [index.place(&es), Slots::search(&es)] {
        assert_eq!(s.indicator(0, 0, "x").map(|e| e.value), Some(Some(5.0)));
        assert_eq!(s.indicator(1, 0, "x").map(|e| e.value), Some(Some(5.0)));
        assert_eq!(s.indicator(0, 1, "y").map(|e| e.count), Some(Some(3)));
        assert_eq!(s.bonus(0, "y").map(|e| e.count), Some(Some(3)));
    }
    assert_eq!(
        Scorer::new(&r).totals(Platform::WeChat, Level::County, &es),
        crate::domain::engine::score_totals(&r, Platform::WeChat, Level::County, &es)
    );
    // Category a: x 5/10, y has no value (0/10) → 25 × 5/20 … = 12.5; b: 5/10 × 50 = 25.
    let o = score(&r, Platform::WeChat, Level::County, &es);
    let subtotals: Vec<String> = o
        .categories
        .iter()
        .map(|c| c.subtotal.map(|s| s.text()).unwrap_or_default())
        .collect();
    assert_eq!(subtotals, vec!["12.50", "25.00"]);
    assert_eq!(o.bonus.text(), "3.00");
}

#[test]
fn a_rubric_without_items_places_nothing() {
    let r = parse(
        r#"Rubric(id: "e", name: "E", version: "1", total: 100, pass_mark: 60,
            categories: [Category(id: "a", name: "A", weight: 100, indicators: [])])"#,
    );
    let index = ItemIndex::of(&r);
    assert!(index.is_empty());
    let o = Scorer::new(&r).lean(Platform::WeChat, Level::County, &[val("x", 1.0)]);
    assert_eq!((o.scored, o.applicable), (0, 0));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every position holds the last entry with its item's id, in any entry order, with
    /// unknown and repeated ids mixed in; and the outcome is the same for any order of
    /// distinct ids.
    #[test]
    fn placing_matches_a_search_by_id(
        picks in prop::collection::vec((0usize..14, 0.0f64..30.0, 0u32..6, any::<bool>()), 0..30),
        shuffle in any::<u64>(),
    ) {
        const IDS: [&str; 14] = [
            "pos", "off", "naming", "typo", "reply", "ipv6", "late", "orig", "award", "stale",
            "aaa", "pos_", "zz", "nam",
        ];
        let r = rubric();
        let index = ItemIndex::of(&r);
        let es: Vec<Entry> = picks
            .iter()
            .map(|&(i, v, c, hit)| {
                if IDS[i] == "stale" && hit {
                    veto("stale", "两周无更新")
                } else {
                    Entry { value: Some(v), count: Some(c), ..Entry::new(IDS[i]) }
                }
            })
            .collect();
        let search = |id: &str| es.iter().rev().find(|e| e.indicator == id);
        let got = placed(&index, &es);
        for (pos, id) in IDS[..10].iter().enumerate() {
            let want = search(id).map(|e| (e.indicator.clone(), e.value));
            prop_assert_eq!(&got[pos], &want, "position {} ({})", pos, id);
        }
        // One entry per id, then a deterministic shuffle: same outcome.
        let mut distinct: Vec<Entry> = Vec::new();
        for e in es.iter().rev() {
            if !distinct.iter().any(|d| d.indicator == e.indicator) {
                distinct.push(e.clone());
            }
        }
        let mut shuffled = distinct.clone();
        let mut seed = shuffle | 1;
        for i in (1..shuffled.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            shuffled.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let scorer = Scorer::new(&r);
        let a = scorer.score(Platform::App, Level::County, &distinct);
        let b = scorer.score(Platform::App, Level::County, &shuffled);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(&a, &score(&r, Platform::App, Level::County, &es));
    }
}
