//! Screen snapshots on ratatui's TestBackend: 80×24 and 120×40, Chinese and English.

mod common_tui;

use assay::app::{Action, MemBackend};
use assay::i18n::Lang;
use common_tui::{app, run, screen, typed};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [(Lang, &str); 2] = [(Lang::Zh, "zh"), (Lang::En, "en")];

/// Renders one state at every size and language.
fn snap(name: &str, actions: &[Action]) {
    for (lang, code) in LANGS {
        for (w, h) in SIZES {
            let mut b = MemBackend::default();
            let mut a = app(lang, &b);
            a.apply(Action::Resize(w, h), &mut b);
            run(&mut a, &mut b, actions);
            let text = screen(&mut a, &mut b, w, h);
            insta::assert_snapshot!(format!("{name}_{code}_{w}x{h}"), text);
        }
    }
}

fn scored() -> Vec<Action> {
    let mut v = vec![Action::Enter];
    v.extend(typed("4.5"));
    // Each saved judgement moves to the next unscored item (4.5 → the deduction).
    v.extend([Action::Enter, Action::Plus, Action::Down, Action::Down]);
    v.extend(typed("8"));
    // 8 → 菜单可用, y → the bonus; then back up to the deduction.
    v.extend([
        Action::Enter,
        Action::Yes,
        Action::Up,
        Action::Up,
        Action::Up,
        Action::Up,
    ]);
    v
}

#[test]
fn accounts_list() {
    snap("accounts", &[]);
}

#[test]
fn accounts_search() {
    let mut v = vec![Action::StartSearch];
    v.extend(typed("云和"));
    snap("search", &v);
}

#[test]
fn scoring_screen() {
    snap("scoring", &scored());
}

#[test]
fn scoring_with_typed_input_and_veto_picker() {
    let mut v = scored();
    v.extend(typed("3"));
    snap("typing", &v);
    snap(
        "veto_picker",
        &[Action::Enter, Action::Bottom, Action::Veto],
    );
}

#[test]
fn summary_screen() {
    let mut v = scored();
    v.extend([
        Action::Back,
        Action::Down,
        Action::Enter,
        Action::Bottom,
        Action::Veto,
        Action::Enter,
    ]);
    v.extend([Action::Back, Action::ShowSummary]);
    snap("summary", &v);
}

#[test]
fn summary_drilled_to_accounts() {
    let mut v = scored();
    v.extend([Action::Submit, Action::Back, Action::ShowSummary]);
    // 县级 (third level), then its first region and first unit: the scored 云和发布.
    v.extend([
        Action::Down,
        Action::Down,
        Action::Enter,
        Action::Enter,
        Action::Enter,
    ]);
    snap("summary_accounts", &v);
}

#[test]
fn help_and_filter_popups() {
    snap("help", &[Action::Help]);
    snap(
        "filter",
        &[Action::OpenFilter, Action::FilterNext, Action::FilterNext],
    );
}

#[test]
fn list_after_scoring_shows_progress_total_and_status() {
    let mut v = scored();
    v.push(Action::Back);
    snap("list_scored", &v);
}
