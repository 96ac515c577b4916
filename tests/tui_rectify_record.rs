//! Recording from the findings screen (`z`): `m` records the unit's 整改说明 (typed with the
//! editing keys of every text input, evidence optional) and `c` a re-check (复查: chosen, with
//! remarks and evidence, confirmed) of the selected finding, through Actions only, landing in
//! the store with the same write and ledger as `assay rectify record|recheck`, dated today; the
//! list and the detail pane show it at once. Refusals (an unpublished round, an empty note, a
//! re-check without evidence or by someone who is not an evaluator) are error popups and write
//! nothing. The new popups are drawn at 80×24.

use assay::app::{Action, App, Confirmed, Ctx, InputKind, PickKind, Popup};
use assay::domain::rectify::{Recheck, Status};
use assay::i18n::Lang;
use assay::runtime::{TuiOptions, open};
use assay::storage::{Follow, Round, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const Q4: &str = "2024年第四季度全面检查";

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    term.draw(|f| assay::ui::render(f, app)).expect("draw");
    // The record is dated today: the snapshots say so without the day.
    let today = chrono::Local::now().date_naive().to_string();
    format!("{}", term.backend()).replace(&today, "YYYY-MM-DD")
}

/// The demo with its Q4 round, published (a bulletin date) or not.
fn demo(published: bool) -> (Store, Round) {
    let mut store = Store::open_in_memory().expect("store");
    assay::sample::load_demo(&mut store).expect("demo");
    let round = store.round(Q4).expect("round");
    if published {
        let f = Follow {
            issued: chrono::NaiveDate::from_ymd_opt(2025, 1, 10),
            rectify_days: Some(15),
            ..Follow::default()
        };
        store.set_follow(round.id, &f).expect("follow");
    }
    (store, round)
}

/// The app on the findings screen as `who`, 东坑发布's 内容不更新 selected.
fn on_finding(store: &mut Store, round: &Round, who: &str, lang: Lang) -> App {
    let o = TuiOptions {
        lang,
        evaluator: Some(who.into()),
        round: Some(round.id),
        db_label: "test.db".into(),
    };
    let (mut app, _) = open(store, &o, None).expect("open");
    app.apply(Action::Resize(80, 24), store);
    app.apply(Action::ShowRectify, store);
    let v = app.rectify.as_ref().expect("the findings screen");
    let at = (v.shown.iter())
        .position(|&i| {
            v.rows[i].account.name == "东坑发布" && v.rows[i].finding.item == "no_update"
        })
        .expect("东坑发布's veto is shown");
    for _ in 0..at {
        app.apply(Action::Down, store);
    }
    app
}

fn typed(app: &mut App, store: &mut Store, text: &str) {
    for c in text.chars() {
        app.apply(Action::Type(c), store);
    }
}

fn input_text(app: &App) -> Option<(InputKind, String)> {
    match &app.popup {
        Some(Popup::Input { kind, buf }) => Some((*kind, buf.text().to_string())),
        _ => None,
    }
}

fn error_text(app: &App) -> String {
    match &app.popup {
        Some(Popup::Message { text, error: true }) => text.clone(),
        other => panic!("an error popup, not {other:?}"),
    }
}

#[test]
fn m_records_the_units_report_and_the_screen_shows_it_at_once() {
    let (mut store, round) = demo(true);
    let mut app = on_finding(&mut store, &round, "王敏", Lang::Zh);
    app.apply(Action::RectifyRecord, &mut store);
    assert_eq!(app.ctx(), Ctx::Input);
    let text = screen(&app);
    insta::assert_snapshot!("rectify_note_zh_80x24", text);
    // The editing keys of every text input: ←/→, Home/End, Backspace.
    typed(&mut app, &mut store, "恢复每周更新x");
    app.apply(Action::Backspace, &mut store);
    app.apply(Action::CursorStart, &mut store);
    typed(&mut app, &mut store, "已");
    app.apply(Action::CursorEnd, &mut store);
    app.apply(Action::CursorLeft, &mut store);
    typed(&mut app, &mut store, "的");
    app.apply(Action::CursorRight, &mut store);
    typed(&mut app, &mut store, "。");
    let want = "已恢复每周更的新。";
    assert_eq!(
        input_text(&app),
        Some((InputKind::RectifyNote, want.into()))
    );
    app.apply(Action::Enter, &mut store);
    assert_eq!(
        input_text(&app),
        Some((InputKind::RectifyEvidence, String::new()))
    );
    insta::assert_snapshot!("rectify_evidence_zh_80x24", screen(&app));
    typed(
        &mut app,
        &mut store,
        "整改截图.png|https://example.gov.cn/a",
    );
    app.apply(Action::Enter, &mut store);
    assert_eq!(app.popup, None);

    let records = store.rectifications(round.id).expect("records");
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(
        (r.item.as_str(), r.result, r.note.as_str()),
        ("no_update", None, want)
    );
    assert_eq!(r.evidence, ["整改截图.png", "https://example.gov.cn/a"]);
    assert_eq!(r.day, chrono::Local::now().date_naive(), "dated today");
    let unit = store.find_account("东坑发布").expect("account").unit;
    assert_eq!(r.by, unit, "reported by the account's host unit");
    assert!(store.audit(None).expect("audit").findings.is_empty());

    // The list and the detail pane show it at once, the same finding still selected.
    let t = app
        .rectify
        .as_ref()
        .and_then(|v| v.current())
        .expect("selected");
    assert_eq!(
        (t.account.name.as_str(), t.finding.item.as_str()),
        ("东坑发布", "no_update")
    );
    assert_eq!(t.status, Status::Reported);
    let text = screen(&app);
    assert!(
        text.contains("已报送") && text.contains("已恢复每周更的新"),
        "{text}"
    );
    assert!(
        app.flash.as_deref().unwrap_or("").contains("已记录"),
        "{:?}",
        app.flash
    );
}

#[test]
fn c_records_a_recheck_chosen_and_confirmed() {
    let (mut store, round) = demo(true);
    let mut app = on_finding(&mut store, &round, "王敏", Lang::Zh);
    app.apply(Action::RectifyRecheck, &mut store);
    assert!(
        matches!(&app.popup, Some(Popup::Pick { kind: PickKind::RecheckResult(_), options, .. }) if options == &["已整改", "部分整改", "未整改"]),
        "{:?}",
        app.popup
    );
    insta::assert_snapshot!("rectify_recheck_pick_zh_80x24", screen(&app));
    app.apply(Action::Down, &mut store);
    app.apply(Action::Enter, &mut store);
    assert_eq!(input_text(&app).map(|x| x.0), Some(InputKind::RecheckNote));
    typed(&mut app, &mut store, "首页已更新，专栏仍为空");
    app.apply(Action::Enter, &mut store);
    assert_eq!(
        input_text(&app).map(|x| x.0),
        Some(InputKind::RecheckEvidence)
    );
    typed(&mut app, &mut store, "复查截图.png");
    app.apply(Action::Enter, &mut store);
    assert!(
        matches!(
            &app.popup,
            Some(Popup::Confirm {
                then: Confirmed::Recheck,
                ..
            })
        ),
        "{:?}",
        app.popup
    );
    let text = screen(&app);
    assert!(text.contains("部分整改") && text.contains("王敏"), "{text}");
    insta::assert_snapshot!("rectify_recheck_confirm_zh_80x24", text);
    assert!(
        store.rectifications(round.id).expect("records").is_empty(),
        "not before yes"
    );
    app.apply(Action::Yes, &mut store);

    let records = store.rectifications(round.id).expect("records");
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!((r.result, r.by.as_str()), (Some(Recheck::Partial), "王敏"));
    assert_eq!(r.note, "首页已更新，专栏仍为空");
    assert_eq!(r.evidence, ["复查截图.png"]);
    assert_eq!(r.day, chrono::Local::now().date_naive());
    let t = app
        .rectify
        .as_ref()
        .and_then(|v| v.current())
        .expect("selected");
    assert_eq!(t.status, Status::Checked(Recheck::Partial));
    assert!(screen(&app).contains("复查：部分整改（王敏）"));
    assert!(store.audit(None).expect("audit").findings.is_empty());
}

#[test]
fn refusals_are_error_popups_and_write_nothing() {
    // A round without a bulletin: nothing is published to rectify.
    let (mut store, round) = demo(false);
    let mut app = on_finding(&mut store, &round, "王敏", Lang::Zh);
    app.apply(Action::RectifyRecord, &mut store);
    let err = error_text(&app);
    assert!(
        err.contains("尚未印发通报") && err.contains("assay bulletin"),
        "{err}"
    );
    insta::assert_snapshot!("rectify_unpublished_zh_80x24", screen(&app));
    app.apply(Action::Enter, &mut store);
    app.apply(Action::RectifyRecheck, &mut store);
    assert!(error_text(&app).contains("尚未印发通报"));

    // An empty note; a re-check without evidence.
    let (mut store, round) = demo(true);
    let mut app = on_finding(&mut store, &round, "王敏", Lang::Zh);
    app.apply(Action::RectifyRecord, &mut store);
    typed(&mut app, &mut store, "  ");
    app.apply(Action::Enter, &mut store);
    assert!(error_text(&app).contains("整改说明不能为空"));
    app.apply(Action::Enter, &mut store);
    app.apply(Action::RectifyRecheck, &mut store);
    app.apply(Action::Enter, &mut store);
    app.apply(Action::Enter, &mut store);
    app.apply(Action::Enter, &mut store);
    assert!(error_text(&app).contains("复查须附佐证"));
    assert!(store.rectifications(round.id).expect("records").is_empty());

    // A re-check by someone who is not an evaluator of the database.
    let mut app = on_finding(&mut store, &round, "路人甲", Lang::Zh);
    app.apply(Action::RectifyRecheck, &mut store);
    app.apply(Action::Enter, &mut store);
    app.apply(Action::Enter, &mut store);
    typed(&mut app, &mut store, "截图.png");
    app.apply(Action::Enter, &mut store);
    app.apply(Action::Yes, &mut store);
    let err = error_text(&app);
    assert!(err.contains("路人甲") && err.contains("王敏"), "{err}");
    assert!(store.rectifications(round.id).expect("records").is_empty());
    assert!(app.running, "no crash");
}

#[test]
fn the_prompts_and_the_confirmation_in_english() {
    let (mut store, round) = demo(true);
    let mut app = on_finding(&mut store, &round, "王敏", Lang::En);
    app.apply(Action::RectifyRecord, &mut store);
    insta::assert_snapshot!("rectify_note_en_80x24", screen(&app));
    app.apply(Action::Back, &mut store);
    app.apply(Action::RectifyRecheck, &mut store);
    app.apply(Action::Enter, &mut store);
    typed(&mut app, &mut store, "updated");
    app.apply(Action::Enter, &mut store);
    typed(&mut app, &mut store, "check.png");
    app.apply(Action::Enter, &mut store);
    insta::assert_snapshot!("rectify_recheck_confirm_en_80x24", screen(&app));
    app.apply(Action::No, &mut store);
    assert!(
        store.rectifications(round.id).expect("records").is_empty(),
        "no is no"
    );
}
