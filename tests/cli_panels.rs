//! Panels on the real binary: score import all or nothing, agreement to the published
//! Shrout & Fleiss values, and three evaluators on three databases merged by the chair
//! (idempotent, conflicts listed and resolved, tampered / foreign files refused).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_assay");

fn assay(db: &Path, args: &[&str]) -> Output {
    let home = db.parent().expect("db has a parent").join("home");
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("ASSAY_CONFIG", home.join("config.ron"))
        .env_remove("ASSAY_DB")
        .env_remove("ASSAY_LANG")
        .output()
        .expect("runs assay")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = assay(db, args);
    assert!(
        out.status.success(),
        "assay {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn fails(db: &Path, args: &[&str]) -> String {
    let out = assay(db, args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "assay {args:?} should fail with 1"
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const RUBRIC: &str = r#"Rubric(id: "x", name: "一致性检验", version: "1", total: 10, pass_mark: 6,
    grades: [("合格", 6), ("不合格", 0)],
    categories: [Category(id: "c", name: "评分", weight: 10, indicators: [
        Range(id: "x", name: "评分", max: 10, step: 1)])])
"#;

const SF: [[u32; 4]; 6] = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
];

/// A database with six accounts 对象1..6 and a round "一致性" on the one-indicator rubric.
fn setup(dir: &Path, name: &str, rubric: &str) -> PathBuf {
    let db = dir.join(format!("{name}.db"));
    let accounts = dir.join("accounts.csv");
    let mut csv = String::from("平台,账号名称,主办单位,层级\n");
    for i in 1..=6 {
        csv += &format!("微信,对象{i},单位{i},县级\n");
    }
    std::fs::write(&accounts, csv).unwrap();
    let rubric_file = dir.join(format!("{name}.ron"));
    std::fs::write(&rubric_file, rubric).unwrap();
    ok(
        &db,
        &[
            "account",
            "import",
            accounts.to_str().unwrap(),
            "--region",
            "浙江省/丽水市/云和县",
        ],
    );
    ok(
        &db,
        &[
            "round",
            "create",
            "一致性",
            "--rubric",
            rubric_file.to_str().unwrap(),
            "--date",
            "2024-12-01",
        ],
    );
    db
}

fn scores_csv(dir: &Path, rows: &[(usize, &str, u32)]) -> PathBuf {
    let mut s = String::from(
        "round,platform,account,evaluator,indicator,value,count,veto,na,note,evidence\n",
    );
    for (t, ev, v) in rows {
        s += &format!("一致性,微信,对象{t},{ev},x,{v},,,,,\n");
    }
    let p = dir.join("scores.csv");
    std::fs::write(&p, s).unwrap();
    p
}

fn sf_rows() -> Vec<(usize, &'static str, u32)> {
    let judges = ["J1", "J2", "J3", "J4"];
    SF.iter()
        .enumerate()
        .flat_map(|(t, r)| judges.iter().zip(r).map(move |(j, v)| (t + 1, *j, *v)))
        .collect()
}

#[test]
fn import_then_agreement_matches_shrout_fleiss() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path(), "sf", RUBRIC);
    let file = scores_csv(dir.path(), &sf_rows());
    ok(
        &db,
        &[
            "score",
            "import",
            file.to_str().unwrap(),
            "--round",
            "一致性",
        ],
    );
    let out = ok(
        &db,
        &[
            "panel",
            "agreement",
            "--round",
            "一致性",
            "--by",
            "indicator",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let g = &v["groups"][0];
    assert_eq!(g["key"], "x");
    assert_eq!(
        (g["targets"].as_u64(), g["raters"].as_u64()),
        (Some(6), Some(4))
    );
    let want = [
        ("ICC1", 0.1657),
        ("ICC2", 0.2898),
        ("ICC3", 0.7148),
        ("ICC1k", 0.4428),
        ("ICC2k", 0.6201),
        ("ICC3k", 0.9093),
    ];
    for (k, w) in want {
        let got = g["icc"][k]["value"].as_f64().unwrap();
        assert!((got - w).abs() < 1e-4, "{k}: {got} vs {w}");
        assert_eq!(g["icc"][k]["ci95"].as_array().unwrap().len(), 2);
    }
    assert!((g["kendall_w"]["w"].as_f64().unwrap() - 0.8870).abs() < 1e-4);
    assert!((g["kendall_w"]["w_uncorrected"].as_f64().unwrap() - 0.8554).abs() < 1e-4);
    assert!((g["krippendorff_alpha"]["interval"].as_f64().unwrap() - 0.1473).abs() < 1e-4);
    let table = ok(
        &db,
        &["--lang", "en", "panel", "agreement", "--round", "一致性"],
    );
    assert!(table.contains("0.2898"), "{table}");
}

#[test]
fn import_is_all_or_nothing_with_row_column_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path(), "bad", RUBRIC);
    let file = scores_csv(dir.path(), &[(1, "J1", 5), (2, "J1", 11), (9, "J1", 3)]);
    let err = fails(
        &db,
        &[
            "score",
            "import",
            file.to_str().unwrap(),
            "--round",
            "一致性",
        ],
    );
    assert!(err.contains("row 3, column value, value \"11\""), "{err}");
    assert!(
        err.contains("row 4, column account, value \"对象9\""),
        "{err}"
    );
    let out = ok(
        &db,
        &[
            "panel",
            "agreement",
            "--round",
            "一致性",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["groups"].as_array().unwrap().len(),
        0,
        "nothing was imported: {out}"
    );
}

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
            &["panel", "queue", "--round", round, "--format", "json"],
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
fn panel_result_follows_the_round_settings() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path(), "res", RUBRIC);
    ok(
        &db,
        &[
            "score",
            "import",
            scores_csv(dir.path(), &sf_rows()).to_str().unwrap(),
            "--round",
            "一致性",
        ],
    );
    let totals = |db: &Path| -> Vec<serde_json::Value> {
        let v: serde_json::Value = serde_json::from_str(&ok(
            db,
            &["panel", "result", "--round", "一致性", "--format", "json"],
        ))
        .unwrap();
        v["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["total"].clone())
            .collect()
    };
    assert_eq!(
        totals(&db),
        [6.0, 3.0, 6.5, 4.0, 7.5, 4.75].map(|x| serde_json::json!(x))
    );
    ok(
        &db,
        &["panel", "config", "--round", "一致性", "--method", "median"],
    );
    assert_eq!(
        totals(&db),
        [6.5, 2.5, 7.0, 4.0, 7.5, 5.0].map(|x| serde_json::json!(x))
    );
    let err = fails(
        &db,
        &[
            "--lang",
            "en",
            "panel",
            "config",
            "--round",
            "一致性",
            "--method",
            "trimmed",
        ],
    );
    assert!(err.contains("--quorum 3"), "{err}");
    ok(
        &db,
        &[
            "panel",
            "config",
            "--round",
            "一致性",
            "--method",
            "trimmed",
            "--quorum",
            "5",
        ],
    );
    assert!(
        totals(&db).iter().all(|t| t.is_null()),
        "below quorum every account is unfinished"
    );
    let table = ok(&db, &["panel", "result", "--round", "一致性"]);
    assert!(table.contains("未完成"), "{table}");
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
