//! Panels on the real binary: three evaluators on three databases merged by the chair
//! (idempotent, conflicts listed and resolved, tampered / foreign files refused), the
//! disagreement queue of the demo, and the panel with its assignment.

mod panels_common;

use std::path::Path;

use panels_common::*;

/// Three evaluators on three laptops, one chair.
#[test]
fn chair_merges_three_evaluators_idempotently_and_resolves_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let chair = setup(d, "chair", RUBRIC);
    let mut files = Vec::new();
    for (j, ev) in ["J1", "J2", "J3"].iter().enumerate() {
        let sub = d.join(ev);
        std::fs::create_dir_all(&sub).unwrap();
        let db = setup(&sub, ev, RUBRIC);
        let rows: Vec<_> = sf_rows().into_iter().filter(|r| r.1 == *ev).collect();
        ok(
            &db,
            &[
                "score",
                "import",
                scores_csv(&sub, &rows).to_str().unwrap(),
                "--round",
                "一致性",
            ],
        );
        let f = d.join(format!("{ev}.panel"));
        ok(
            &db,
            &[
                "panel",
                "export",
                "--round",
                "一致性",
                "--evaluator",
                ev,
                "--out",
                f.to_str().unwrap(),
            ],
        );
        files.push(f);
        assert_eq!(j + 1, files.len());
    }
    let args = |extra: &[&str]| -> Vec<String> {
        let mut a = vec!["panel".to_string(), "merge".to_string()];
        a.extend(files.iter().map(|f| f.to_str().unwrap().to_string()));
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let run = |a: &[String]| assay(&chair, &a.iter().map(String::as_str).collect::<Vec<_>>());
    let first = run(&args(&["--lang", "en"]));
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(out.contains("18 new"), "{out}");
    // Each evaluator's key is recorded by their first file, with its fingerprint to compare.
    assert_eq!(
        out.matches("their signing key is recorded").count(),
        3,
        "{out}"
    );
    let second = run(&args(&["--lang", "en"]));
    let out = String::from_utf8_lossy(&second.stdout);
    assert_eq!(out.matches("already merged").count(), 3, "{out}");
    // The chair changes J1's score on 对象1; J1 changes it too on their laptop and sends a
    // newer file: the two differ and neither follows from the other.
    let chair_sets = |account: &str, ev: &str, v: &str| {
        ok(
            &chair,
            &[
                "score",
                "set",
                "--round",
                "一致性",
                "--account",
                account,
                "--evaluator",
                ev,
                "--indicator",
                "x",
                "--value",
                v,
            ],
        );
    };
    chair_sets("微信:对象1", "J1", "3");
    let rescore = |ev: &str, account: &str, v: &str| {
        let db = d.join(ev).join(format!("{ev}.db"));
        ok(
            &db,
            &[
                "score",
                "set",
                "--round",
                "一致性",
                "--account",
                account,
                "--evaluator",
                ev,
                "--indicator",
                "x",
                "--value",
                v,
            ],
        );
        let f = d.join(format!("{ev}.panel"));
        ok(
            &db,
            &[
                "panel",
                "export",
                "--round",
                "一致性",
                "--evaluator",
                ev,
                "--out",
                f.to_str().unwrap(),
            ],
        );
    };
    rescore("J1", "微信:对象1", "7");
    let conflict = run(&args(&["--lang", "en"]));
    assert_eq!(conflict.status.code(), Some(1));
    let err = String::from_utf8_lossy(&conflict.stderr);
    assert!(
        err.contains("对象1") && err.contains("points 3") && err.contains("points 7"),
        "a readable table: {err}"
    );
    assert!(err.contains("1 conflicts") && !err.contains('{'), "{err}");
    let no_reason = run(&args(&["--take", "theirs"]));
    assert_eq!(no_reason.status.code(), Some(1));
    let resolved = run(&args(&[
        "--lang",
        "en",
        "--take",
        "theirs:对象1/x",
        "--reason",
        "核对原始记录",
    ]));
    assert!(
        resolved.status.success(),
        "{}",
        String::from_utf8_lossy(&resolved.stderr)
    );
    assert!(String::from_utf8_lossy(&resolved.stdout).contains("1 conflicts resolved"));
    let again = run(&args(&["--lang", "en"]));
    assert!(String::from_utf8_lossy(&again.stdout).contains("already merged"));
    // The chair keeps their own value for J2 on 对象2 against J2's next file.
    chair_sets("微信:对象2", "J2", "9");
    rescore("J2", "微信:对象3", "5");
    let ours = run(&args(&[
        "--lang",
        "en",
        "--take",
        "ours",
        "--reason",
        "组长复核",
    ]));
    assert!(
        String::from_utf8_lossy(&ours.stdout).contains("1 conflicts resolved"),
        "{}",
        String::from_utf8_lossy(&ours.stderr)
    );
    let out = ok(
        &chair,
        &[
            "explain",
            "--round",
            "一致性",
            "--account",
            "微信:对象2",
            "--evaluator",
            "J2",
            "--format",
            "json",
        ],
    );
    assert!(out.contains("9"), "ours kept: {out}");
    let again = run(&args(&["--lang", "en"]));
    assert!(String::from_utf8_lossy(&again.stdout).contains("already merged"));
}

#[test]
fn tampered_foreign_round_and_other_rubric_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ev = setup(d, "ev", RUBRIC);
    ok(
        &ev,
        &[
            "score",
            "import",
            scores_csv(d, &sf_rows()).to_str().unwrap(),
            "--round",
            "一致性",
        ],
    );
    let f = d.join("j2.panel");
    ok(
        &ev,
        &[
            "panel",
            "export",
            "--round",
            "一致性",
            "--evaluator",
            "J2",
            "--out",
            f.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&f).unwrap();
    let tampered = d.join("t.panel");
    let edited = text.replacen(r#"\"value\":2.0"#, r#"\"value\":3.0"#, 1);
    assert_ne!(edited, text, "the export holds a value 2.0 to change");
    std::fs::write(&tampered, edited).unwrap();
    let sub = d.join("other");
    std::fs::create_dir_all(&sub).unwrap();
    let other = setup(
        &sub,
        "other",
        &RUBRIC.replace("version: \"1\"", "version: \"2\""),
    );
    let err = fails(
        &ev,
        &["--lang", "en", "panel", "merge", tampered.to_str().unwrap()],
    );
    assert!(err.contains("signature does not match"), "{err}");
    let err = fails(
        &other,
        &["--lang", "en", "panel", "merge", f.to_str().unwrap()],
    );
    assert!(err.contains("another rubric version"), "{err}");
    // A format version raised by hand is an edit of the signed body like any other.
    let newer = d.join("n.panel");
    std::fs::write(
        &newer,
        text.replace(r#"\"format_version\":2"#, r#"\"format_version\":9"#),
    )
    .unwrap();
    let err = fails(&ev, &["panel", "merge", newer.to_str().unwrap()]);
    assert!(err.contains("签名与内容不符"), "{err}");
}

#[test]
fn demo_queue_shows_the_split_veto_and_shrinks_when_reconciled() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--print"]);
    let round = "2024年莲都区政务新媒体四维评估";
    let queue = |db: &Path| -> serde_json::Value {
        serde_json::from_str(&ok(
            db,
            &[
                "panel", "queue", "--round", round, "--format", "json", "--as", "主任",
            ],
        ))
        .unwrap()
    };
    let q = queue(&db);
    let items = q["items"].as_array().unwrap();
    let split = items
        .iter()
        .find(|i| i["account"] == "wechat:莲都文旅" && i["indicator"] == "security")
        .expect("the planted split veto is queued");
    assert_eq!(split["why"][0]["why"], "split_veto");
    assert_eq!(split["votes"].as_array().unwrap().len(), 3);
    let accounts: std::collections::HashSet<&str> =
        items.iter().filter_map(|i| i["account"].as_str()).collect();
    assert!(
        accounts.len() >= 6,
        "the planted disagreements span accounts: {accounts:?}"
    );
    let open = q["open"].as_u64().unwrap();
    ok(
        &db,
        &[
            "panel",
            "member",
            "--round",
            round,
            "--evaluator",
            "主任",
            "--role",
            "chair",
        ],
    );
    ok(
        &db,
        &[
            "panel",
            "reconcile",
            "--round",
            round,
            "--account",
            "微信:莲都文旅",
            "--indicator",
            "security",
            "--veto",
            "严重表述错误",
            "--rationale",
            "问题地图属实，删除不免责",
            "--chair",
            "主任",
        ],
    );
    let q = queue(&db);
    assert_eq!(q["open"].as_u64().unwrap(), open - 1);
    assert_eq!(q["reconciled"].as_u64().unwrap(), 1);
    let err = fails(
        &db,
        &[
            "panel",
            "reconcile",
            "--round",
            round,
            "--account",
            "微信:莲都文旅",
            "--indicator",
            "security",
            "--veto",
            "没有这个理由",
            "--rationale",
            "x",
            "--chair",
            "主任",
        ],
    );
    assert!(err.contains("没有这个理由"), "{err}");
}

#[test]
fn panel_members_assignment_and_progress() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path(), "as", RUBRIC);
    ok(
        &db,
        &[
            "panel",
            "member",
            "--round",
            "一致性",
            "--evaluator",
            "组长",
            "--role",
            "chair",
        ],
    );
    ok(
        &db,
        &[
            "panel",
            "member",
            "--round",
            "一致性",
            "--evaluator",
            "J1",
            "--affiliation",
            "单位1",
        ],
    );
    for e in ["J2", "J3"] {
        ok(
            &db,
            &["panel", "member", "--round", "一致性", "--evaluator", e],
        );
    }
    let err = fails(
        &db,
        &[
            "panel",
            "member",
            "--round",
            "一致性",
            "--evaluator",
            "X",
            "--role",
            "boss",
        ],
    );
    assert!(err.contains("boss"), "{err}");
    ok(
        &db,
        &[
            "panel",
            "assign",
            "--round",
            "一致性",
            "--per-account",
            "2",
            "--seed",
            "5",
        ],
    );
    let show = |db: &Path| -> serde_json::Value {
        serde_json::from_str(&ok(
            db,
            &["panel", "show", "--round", "一致性", "--format", "json"],
        ))
        .unwrap()
    };
    let s = show(&db);
    assert_eq!(s["assignments"], 12);
    let members = s["members"].as_array().unwrap();
    assert_eq!(members[0]["role"], "chair");
    let loads: Vec<u64> = members[1..]
        .iter()
        .map(|m| m["assigned"].as_u64().unwrap())
        .collect();
    assert_eq!(loads, [4, 4, 4], "balanced: {s}");
    // J1 belongs to 单位1: with everyone on everything, J1 skips 对象1.
    ok(&db, &["panel", "assign", "--round", "一致性"]);
    assert_eq!(show(&db)["assignments"], 17);
    let err = fails(
        &db,
        &[
            "--lang",
            "en",
            "panel",
            "assign",
            "--round",
            "一致性",
            "--per-account",
            "3",
        ],
    );
    assert!(
        err.contains("对象1") && err.contains("conflict of interest"),
        "{err}"
    );
}
