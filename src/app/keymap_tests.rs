//! Tests of the key map: keys by context, no key bound twice, the status bar at 80 columns, the
//! README table.

use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn same_key_means_different_things_by_context() {
    let q = key(KeyCode::Char('q'));
    assert_eq!(resolve(Ctx::Accounts, q), Some(Action::Quit));
    assert_eq!(resolve(Ctx::Scoring, q), Some(Action::Back));
    assert_eq!(resolve(Ctx::Search, q), Some(Action::Type('q')));
    assert_eq!(
        resolve(Ctx::Scoring, key(KeyCode::Char('7'))),
        Some(Action::Type('7'))
    );
    assert_eq!(resolve(Ctx::Accounts, key(KeyCode::Char('7'))), None);
}

#[test]
fn no_key_is_bound_twice_in_one_context() {
    for ctx in Ctx::ALL {
        let mut seen = Vec::new();
        for b in bindings().iter().filter(|b| b.ctxs.contains(&ctx)) {
            for k in b.keys {
                assert!(!seen.contains(k), "{k:?} bound twice in {ctx:?}");
                seen.push(*k);
            }
        }
    }
}

#[test]
fn text_fields_move_their_cursor_and_lists_their_selection() {
    assert_eq!(
        resolve(Ctx::Input, key(KeyCode::Left)),
        Some(Action::CursorLeft)
    );
    assert_eq!(
        resolve(Ctx::Search, key(KeyCode::End)),
        Some(Action::CursorEnd)
    );
    assert_eq!(
        resolve(Ctx::Input, key(KeyCode::Delete)),
        Some(Action::DeleteForward)
    );
    assert_eq!(
        resolve(Ctx::Picker, key(KeyCode::End)),
        Some(Action::Bottom)
    );
    assert_eq!(
        resolve(Ctx::Picker, key(KeyCode::Char('G'))),
        Some(Action::Bottom)
    );
    assert_eq!(
        resolve(Ctx::Scoring, key(KeyCode::Delete)),
        Some(Action::ClearItem)
    );
}

#[test]
fn the_status_bar_holds_every_key_of_the_screen_at_80_columns() {
    for lang in [Lang::Zh, Lang::En] {
        for ctx in Ctx::ALL {
            let lines = bar(ctx, lang, 80);
            let shown: Vec<&BarEntry> = lines.iter().flatten().collect();
            let want = (bindings().into_iter())
                .filter(|b| b.bar && b.ctxs.contains(&ctx))
                .count();
            assert_eq!(shown.len(), want, "{ctx:?} {lang:?}");
            for line in &lines {
                assert!(fits(line, 80), "{ctx:?} {lang:?}: {line:?}");
            }
            assert!(
                lines.len() <= 2,
                "{ctx:?} {lang:?} takes {} lines",
                lines.len()
            );
        }
        // The keys people missed are there on the scoring screen.
        let keys: Vec<String> = (bar(Ctx::Scoring, lang, 80).into_iter())
            .flatten()
            .map(|e| e.keys)
            .collect();
        for k in ["m", "e", "x", "S", "C", "u", "v"] {
            assert!(keys.iter().any(|x| x == k), "{k} missing: {keys:?}");
        }
    }
    // A wide terminal gets the full words on one line.
    let wide = bar(Ctx::Accounts, Lang::Zh, 200);
    assert_eq!(wide.len(), 1);
    assert!(wide[0].iter().any(|e| e.what == "搜索名称/单位"));
}

#[test]
fn markdown_lists_every_binding() {
    let md = markdown(Lang::En);
    for b in bindings() {
        assert!(md.contains(b.en), "{} missing", b.en);
    }
    assert!(markdown(Lang::Zh).contains("撤销"));
}
