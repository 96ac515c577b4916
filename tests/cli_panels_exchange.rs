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
    assert!(String::from_utf8_lossy(&first.stdout).contains("18 new"));
    let second = run(&args(&["--lang", "en"]));
    assert!(String::from_utf8_lossy(&second.stdout).contains("nothing changed"));
    // J1 changes a score on a copy of the chair's data: the chair's J1 entry differs.
    ok(
        &chair,
        &[
            "score",
            "set",
            "--round",
            "一致性",
            "--account",
            "微信:对象1",
            "--evaluator",
            "J1",
            "--indicator",
            "x",
            "--value",
            "3",
        ],
    );
    let conflict = run(&args(&["--lang", "en"]));
    assert_eq!(conflict.status.code(), Some(1));
    let err = String::from_utf8_lossy(&conflict.stderr);
    assert!(
        err.contains("J1 对象1/x") && err.contains("1 conflicts"),
        "{err}"
    );
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
    assert!(String::from_utf8_lossy(&again.stdout).contains("nothing changed"));
    // The chair keeps their own value for J2 on 对象2: recorded, and not asked again.
    ok(
        &chair,
        &[
            "score",
            "set",
            "--round",
            "一致性",
            "--account",
            "微信:对象2",
            "--evaluator",
            "J2",
            "--indicator",
            "x",
            "--value",
            "9",
        ],
    );
    let ours = run(&args(&[
        "--lang",
        "en",
        "--take",
        "ours",
        "--reason",
        "组长复核",
    ]));
    assert!(String::from_utf8_lossy(&ours.stdout).contains("1 conflicts resolved"));
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
    assert!(String::from_utf8_lossy(&again.stdout).contains("nothing changed"));
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
    std::fs::write(
        &tampered,
        text.replacen("\"value\": 2.0", "\"value\": 3.0", 1),
    )
    .unwrap();
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
    assert!(err.contains("altered"), "{err}");
    let err = fails(
        &other,
        &["--lang", "en", "panel", "merge", f.to_str().unwrap()],
    );
    assert!(err.contains("another rubric version"), "{err}");
    let newer = d.join("n.panel");
    std::fs::write(
        &newer,
        text.replace("\"format_version\": 1", "\"format_version\": 9"),
    )
    .unwrap();
    let err = fails(&ev, &["panel", "merge", newer.to_str().unwrap()]);
    assert!(err.contains("由更新版本的 assay 写出（格式版本 9"), "{err}");
    let newer = newer.to_str().unwrap();
    let err = fails(&ev, &["--lang", "en", "panel", "merge", newer]);
    assert!(err.contains("newer assay"), "{err}");
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
