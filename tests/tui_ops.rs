//! The operations screen: opened from the account list with `o` over the round's report (here
//! built from posts in memory), flagged accounts first, the chart of the selected account; a
//! round without metrics says so in a popup. Snapshots at 80×24, Chinese and English.

mod common_tui;

use std::sync::Arc;

use assay::app::ops::OpsLoad;
use assay::app::{Action, Ctx, MemBackend, Popup, Screen};
use assay::domain::ops::PostFigures;
use assay::domain::ops::activity::ActivityRules;
use assay::domain::ops::formula::shipped;
use assay::domain::ops::report::{GroupBy, OpsBuilder, OpsReport};
use assay::i18n::Lang;
use chrono::{Duration, NaiveDate};
use common_tui::{accounts, app, run, screen};

/// Eight weeks of posts for the fixture accounts: the first posts daily, the others every
/// second day with fewer reads, the last two never: the second last has its weekly figures
/// imported (silent with data: dormant and below the mean), the last none at all (无数据).
fn report() -> OpsReport {
    let accounts = accounts();
    let gov: Vec<_> = shipped()
        .into_iter()
        .filter(|f| f.id == "gov-ops")
        .collect();
    let first = NaiveDate::from_ymd_opt(2024, 10, 7).unwrap();
    let to = first + Duration::days(8 * 7 - 1);
    let mut b = OpsBuilder::new(&accounts, &gov, GroupBy::All, first, to).with_series();
    let n = accounts.len();
    for w in 0..8i64 {
        let week = first + Duration::days(7 * w);
        let mut buf = b.week_buffer();
        for day in 0..7i64 {
            let at = (week + Duration::days(day)).and_hms_opt(9, 0, 0).unwrap();
            for (k, a) in accounts.iter().enumerate().take(n - 2) {
                if k == 0 || day % 2 == 0 {
                    let reads = 200 + 100 * (w as u64 % 3) + 50 * k as u64;
                    let p = PostFigures {
                        account_id: a.id,
                        published: at,
                        headline: true,
                        counts: [reads, 1, reads / 50, 2, 1],
                    };
                    b.add_post(&mut buf, &p);
                }
            }
        }
        let weekly = assay::domain::ops::WeekFigures {
            account_id: accounts[n - 2].id,
            followers: 300,
            messages: 0,
            replies: 0,
            reply_hours: None,
            totals: [None; 4],
        };
        b.add_week_row(&mut buf, &weekly);
        b.close_week(week, &buf);
    }
    b.finish(first, to, &ActivityRules::default())
}

fn backend() -> MemBackend {
    MemBackend {
        ops: Some(report()),
        ..MemBackend::default()
    }
}

#[test]
fn o_opens_the_flagged_accounts_and_goes_back() {
    let mut b = backend();
    let mut a = app(Lang::Zh, &b);
    run(&mut a, &mut b, &[Action::ShowOps]);
    assert_eq!(a.screen, Screen::Ops);
    assert_eq!(a.ctx(), Ctx::Ops);
    let v = a.ops.as_ref().unwrap();
    let ids: Vec<i64> = accounts().iter().rev().take(2).map(|x| x.id).collect();
    let (no_data, silent) = (ids[0], vec![ids[1]]);
    // The first account of the list posts daily: not flagged, so every account is listed.
    assert!(!v.flagged_only);
    assert_eq!(v.shown.len(), accounts().len());
    for id in &silent {
        let r = v.report.accounts.iter().find(|r| r.id == *id).unwrap();
        assert!(r.flags.contains(&"dormant"), "{id}: {:?}", r.flags);
        assert!(r.flags.contains(&"below_average"), "{id}: {:?}", r.flags);
        assert_eq!(r.streak.current, 8);
        assert_eq!(r.series.len(), 8);
    }
    // No figures at all: 无数据, never a flag.
    let r = v.report.accounts.iter().find(|r| r.id == no_data).unwrap();
    assert!(r.no_data && r.flags.is_empty(), "{:?}", r.flags);
    assert_eq!(v.report.no_data, 1);
    run(&mut a, &mut b, &[Action::OpsAll]);
    let v = a.ops.as_ref().unwrap();
    assert!(v.flagged_only);
    let shown: Vec<i64> = v.shown.iter().map(|&i| v.report.accounts[i].id).collect();
    assert!(silent.iter().all(|id| shown.contains(id)), "{shown:?}");
    run(&mut a, &mut b, &[Action::Down, Action::Back]);
    assert_eq!(a.screen, Screen::Accounts);
    run(&mut a, &mut b, &[Action::ShowOps, Action::ShowOps]);
    assert_eq!(a.screen, Screen::Accounts);
}

#[test]
fn in_the_background_the_screen_waits_for_the_workers_report_with_keys_live() {
    // An empty backend: computing here would find no metrics; the worker's report is used.
    let mut b = MemBackend::default();
    let mut a = app(Lang::Zh, &b);
    a.ops_job.background = true;
    run(&mut a, &mut b, &[Action::ShowOps]);
    assert_eq!(a.screen, Screen::Ops);
    assert!(a.ops.is_none() && a.popup.is_none());
    let req = a.ops_job.request.take().expect("a request for the worker");
    assert_eq!(req.round, a.session.round_id);
    assert_eq!(req.accounts.len(), accounts().len());
    let text = screen(&mut a, &mut b, 80, 24);
    assert!(text.contains("运营监测计算中"), "{text}");
    // Keys stay live: back to the list and in again, without a second request.
    run(&mut a, &mut b, &[Action::Back, Action::ShowOps]);
    assert_eq!(a.screen, Screen::Ops);
    assert!(a.ops_job.request.is_none());
    let load = OpsLoad(Arc::new(Ok(Some(report()))));
    run(&mut a, &mut b, &[Action::OpsLoaded(load)]);
    assert_eq!(a.screen, Screen::Ops);
    assert_eq!(
        a.ops.as_ref().unwrap().report.accounts.len(),
        accounts().len()
    );
    assert!(a.ops_job.loading.is_none());
    // A report arriving after the user left is not forced on them; an error is a popup.
    run(&mut a, &mut b, &[Action::Back, Action::ShowOps]);
    let _ = a.ops_job.request.take();
    run(&mut a, &mut b, &[Action::Back]);
    let late = OpsLoad(Arc::new(Ok(Some(report()))));
    run(&mut a, &mut b, &[Action::OpsLoaded(late)]);
    assert_eq!(a.screen, Screen::Accounts);
    run(&mut a, &mut b, &[Action::ShowOps]);
    let failed = OpsLoad(Arc::new(Err("磁盘读取失败".into())));
    run(&mut a, &mut b, &[Action::OpsLoaded(failed)]);
    assert_eq!(a.screen, Screen::Accounts);
    assert!(
        matches!(&a.popup, Some(Popup::Message { text, error: true }) if text.contains("磁盘读取失败")),
        "{:?}",
        a.popup
    );
}

#[test]
fn a_round_without_metrics_says_how_to_import_them() {
    let mut b = MemBackend::default();
    let mut a = app(Lang::En, &b);
    run(&mut a, &mut b, &[Action::ShowOps]);
    assert_eq!(a.screen, Screen::Accounts);
    match &a.popup {
        Some(Popup::Message { text, error }) => {
            assert!(text.contains("assay metrics import"), "{text}");
            assert!(!error);
        }
        other => panic!("expected a message, got {other:?}"),
    }
}

#[test]
fn ops_screen_snapshots() {
    for (lang, code) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let mut b = backend();
        let mut a = app(lang, &b);
        a.apply(Action::Resize(80, 24), &mut b);
        // The flagged list, the first flagged account's chart.
        run(&mut a, &mut b, &[Action::ShowOps, Action::OpsAll]);
        let text = screen(&mut a, &mut b, 80, 24);
        insta::assert_snapshot!(format!("ops_flagged_{code}_80x24"), text);
        // Every account, the third one (posts every second day).
        run(
            &mut a,
            &mut b,
            &[Action::OpsAll, Action::Top, Action::Down, Action::Down],
        );
        let text = screen(&mut a, &mut b, 80, 24);
        insta::assert_snapshot!(format!("ops_all_{code}_80x24"), text);
    }
}
