//! Narrow terminals: every screen draws without panicking from 20×5 up to the full layout, and
//! the account list keeps name and status readable (snapshots at 20×5, 40×10 and 55×12).

mod common_tui;

use assay::app::{Action, MemBackend};
use assay::i18n::Lang;
use common_tui::{app, run, screen, typed};

fn draw(lang: Lang, w: u16, h: u16, actions: &[Action]) -> String {
    let mut b = MemBackend::default();
    let mut a = app(lang, &b);
    a.apply(Action::Resize(w, h), &mut b);
    run(&mut a, &mut b, actions);
    screen(&mut a, &mut b, w, h)
}

fn screens() -> Vec<(&'static str, Vec<Action>)> {
    let mut scoring = vec![Action::Enter];
    scoring.extend(typed("4.5"));
    scoring.push(Action::Enter);
    let mut summary = scoring.clone();
    summary.extend([Action::Back, Action::ShowSummary]);
    let mut search = vec![Action::StartSearch];
    search.extend(typed("云和"));
    vec![
        ("accounts", vec![]),
        ("search", search),
        ("scoring", scoring),
        ("summary", summary),
        ("help", vec![Action::Help]),
        (
            "filter",
            vec![Action::OpenFilter, Action::FilterNext, Action::FilterNext],
        ),
        ("veto", vec![Action::Enter, Action::Bottom, Action::Veto]),
    ]
}

#[test]
fn every_screen_draws_at_every_small_size() {
    for (name, actions) in screens() {
        for lang in [Lang::Zh, Lang::En] {
            for w in [20u16, 21, 25, 30, 33, 40, 45, 50, 55, 56, 59, 60, 61] {
                for h in [5u16, 6, 8, 12] {
                    let text = draw(lang, w, h, &actions);
                    assert!(!text.is_empty(), "{name} at {w}×{h}");
                }
            }
        }
    }
}

#[test]
fn account_list_at_narrow_sizes() {
    for (lang, code) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        for (w, h) in [(20u16, 5u16), (40, 10), (55, 12)] {
            let text = draw(lang, w, h, &[]);
            insta::assert_snapshot!(format!("narrow_accounts_{code}_{w}x{h}"), text);
        }
    }
}

#[test]
fn scoring_and_summary_at_20x5() {
    for (name, actions) in screens() {
        if name == "scoring" || name == "summary" {
            let text = draw(Lang::Zh, 20, 5, &actions);
            insta::assert_snapshot!(format!("narrow_{name}_zh_20x5"), text);
        }
    }
}
