//! Not-applicable handling at indicator and category level under each policy, and the order
//! in which policies are resolved (item, then category, then rubric).

use super::{assert_close, fg, na, parse, val};
use crate::domain::engine::{ItemState, Outcome, Step, score};
use crate::domain::entry::Entry;
use crate::domain::platform::{Level, Platform};
use crate::domain::rubric::NaPolicy;

/// x: r1 (10) + app (10, apps only), weight 75. y: r2 (5), apps only, weight 25.
pub(super) fn na_rubric(rubric: &str, cat_y: &str, item_app: &str) -> String {
    format!(
        r#"Rubric(id: "n", name: "N", version: "1", total: 100, pass_mark: 60,
    when_not_applicable: {rubric},
    categories: [
        Category(id: "x", name: "X", weight: 75, indicators: [
            Range(id: "r1", name: "R1", max: 10),
            Check(id: "app", name: "App only", points: 10, platforms: [App] {item_app}),
        ]),
        Category(id: "y", name: "Y", weight: 25, platforms: [App] {cat_y}, indicators: [
            Range(id: "r2", name: "R2", max: 5),
        ]),
    ])"#
    )
}

fn run(rubric: &str, cat_y: &str, item_app: &str, p: Platform, e: &[Entry]) -> Outcome {
    score(
        &parse(&na_rubric(rubric, cat_y, item_app)),
        p,
        Level::City,
        e,
    )
}

#[test]
fn rescale_drops_the_item_and_the_category_then_rescales_the_base() {
    // x: 6 / 10 → 45. y does not apply and is dropped: 45 × 100 / 75 = 60.
    let o = run("Rescale", "", "", Platform::WeChat, &[val("r1", 6.0)]);
    assert_close(o.categories[0].raw_max, 10.0);
    assert_close(o.categories[0].subtotal, 45.0);
    assert!(!o.categories[1].applicable);
    assert!(o.steps.contains(&Step::BaseRescale {
        sum: fg(45.0).exact(),
        kept_weight: fg(75.0),
        total: fg(100.0),
        base: fg(60.0).at(2)
    }));
    // The dropped category has no subtotal (不适用), never 0.
    assert_eq!(o.categories[1].subtotal, None);
    assert_close(o.base, 60.0);
}

#[test]
fn full_marks_counts_max_over_max() {
    // x: (6 + 10) / 20 → 60; y dropped (category policy from the rubric: Rescale) → 80.
    let o = run(
        "Rescale",
        "",
        ", when_not_applicable: FullMarks",
        Platform::WeChat,
        &[val("r1", 6.0)],
    );
    assert_close(o.categories[0].subtotal, 60.0);
    assert_close(o.base, 80.0);
    let app = o.items.iter().find(|i| i.id == "app").expect("app");
    assert_eq!(app.state, ItemState::NotApplicable(NaPolicy::FullMarks));
    assert_close(app.points, 10.0);
}

#[test]
fn zero_counts_nothing_over_max() {
    // x: 6 / 20 → 22.5; y dropped → 22.5 × 100 / 75 = 30.
    let o = run(
        "Rescale",
        "",
        ", when_not_applicable: Zero",
        Platform::WeChat,
        &[val("r1", 6.0)],
    );
    assert_close(o.base, 30.0);
}

#[test]
fn category_policy_full_marks_or_zero_gives_weight_or_nothing() {
    // x: 45 (app rescaled); y counts 25 or 0; nothing is dropped, so no base rescaling.
    let o = run(
        "Rescale",
        ", when_not_applicable: FullMarks",
        "",
        Platform::WeChat,
        &[val("r1", 6.0)],
    );
    assert_close(o.base, 70.0);
    assert!(
        !o.steps
            .iter()
            .any(|s| matches!(s, Step::BaseRescale { .. }))
    );
    let o = run(
        "Rescale",
        ", when_not_applicable: Zero",
        "",
        Platform::WeChat,
        &[val("r1", 6.0)],
    );
    assert_close(o.base, 45.0);
}

#[test]
fn rubric_default_applies_when_nothing_else_says() {
    // Rubric FullMarks: app counts 10/10 → x 16/20 → 60; y counts 25 → 85.
    let o = run("FullMarks", "", "", Platform::WeChat, &[val("r1", 6.0)]);
    assert_close(o.base, 85.0);
    // The item's own policy wins over its category's and the rubric's.
    let src = na_rubric("FullMarks", "", ", when_not_applicable: Zero").replace(
        r#"weight: 75,"#,
        r#"weight: 75, when_not_applicable: FullMarks,"#,
    );
    let o = score(
        &parse(&src),
        Platform::WeChat,
        Level::City,
        &[val("r1", 6.0)],
    );
    assert_close(o.categories[0].subtotal, 22.5);
}

#[test]
fn evaluator_declared_na_follows_the_same_policy_and_counts_as_scored() {
    // App: r1 N/A (Rescale) → x: 10 / 10 → 75; y: 4 / 5 → 20. Base 95, nothing left to score.
    let o = run(
        "Rescale",
        "",
        "",
        Platform::App,
        &[na("r1"), val("app", 1.0), val("r2", 4.0)],
    );
    assert_close(o.base, 95.0);
    assert_eq!((o.scored, o.applicable), (3, 3));
}

#[test]
fn a_category_whose_items_are_all_dropped_is_dropped() {
    // App: x has r1 and app both N/A → dropped; y: 4 / 5 → 20 → 20 × 100 / 25 = 80.
    let o = run(
        "Rescale",
        "",
        "",
        Platform::App,
        &[na("r1"), na("app"), val("r2", 4.0)],
    );
    assert!(
        o.steps
            .iter()
            .any(|s| matches!(s, Step::CategoryNa { id, .. } if id == "x"))
    );
    assert_close(o.base, 80.0);
    // WeChat with r1 N/A: nothing is left anywhere → base 0, not a division by zero.
    let o = run("Rescale", "", "", Platform::WeChat, &[na("r1")]);
    assert_close(o.base, 0.0);
    assert_eq!(o.total.map(|t| t.text()).as_deref(), Some("0.00"));
}

#[test]
fn out_of_scope_items_are_not_counted_as_applicable() {
    let o = run("Rescale", "", "", Platform::WeChat, &[]);
    assert_eq!(o.applicable, 1);
    let o = run("Rescale", "", "", Platform::App, &[]);
    assert_eq!(o.applicable, 3);
}
