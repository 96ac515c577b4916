//! The signed exchange and the round packages on the real binary (issue 19 §1), each machine a
//! folder with its own HOME (so its own key): the chair packages a round for 甲, 甲 joins it,
//! scores and exports; the chair merges 甲's file and records 甲's key; a file from another
//! machine in 甲's name, an edited file, a file for another round, an inapplicable entry and an
//! incomplete sheet marked submitted are refused and change nothing; files merge in 甲's own
//! order; a reopened, edited and resubmitted sheet arrives submitted.

mod common_cli;
mod common_trust;

use std::path::{Path, PathBuf};

use common_cli::{assay, ok};
use common_trust::dump;

const RUBRIC: &str = r#"Rubric(id: "trust-check", name: "信任检验", version: "1", total: 20, pass_mark: 12,
    grades: [("合格", 12), ("不合格", 0)],
    categories: [Category(id: "c", name: "评分", weight: 20, indicators: [
        Range(id: "x", name: "内容", max: 10, step: 1),
        Range(id: "y", name: "互动", max: 8, step: 1),
        Check(id: "ipv6", name: "客户端支持IPv6", points: 2, platforms: [App], when_not_applicable: Rescale)])])
"#;

const R: &str = "信任轮";

/// A machine: its own folder (and so its own HOME and key), holding one database.
fn machine(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{name}.db"))
}

fn fails(db: &Path, args: &[&str]) -> String {
    let out = assay(db, args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "assay {args:?} should fail: {err}"
    );
    err
}

/// The chair's database: four accounts, the round, 甲 and 乙 on the panel, everyone assigned.
fn chair(root: &Path) -> PathBuf {
    let db = machine(root, "chair");
    let dir = db.parent().unwrap();
    let csv = dir.join("accounts.csv");
    std::fs::write(
        &csv,
        "平台,账号名称,主办单位,层级\n微信,信任甲号,单位一,县级\n微信,信任乙号,单位二,县级\n微信,信任丙号,单位三,县级\n移动客户端,信任客户端,单位四,县级\n",
    )
    .unwrap();
    let rubric = dir.join("trust.ron");
    std::fs::write(&rubric, RUBRIC).unwrap();
    ok(
        &db,
        &[
            "account",
            "import",
            csv.to_str().unwrap(),
            "--region",
            "浙江省/丽水市/云和县",
        ],
    );
    ok(
        &db,
        &[
            "round",
            "create",
            R,
            "--rubric",
            rubric.to_str().unwrap(),
            "--date",
            "2024-12-01",
        ],
    );
    for ev in ["甲", "乙"] {
        ok(&db, &["panel", "member", "--round", R, "--evaluator", ev]);
    }
    ok(
        &db,
        &[
            "panel",
            "member",
            "--round",
            R,
            "--evaluator",
            "组长",
            "--role",
            "chair",
        ],
    );
    ok(
        &db,
        &["panel", "assign", "--round", R, "--per-account", "1"],
    );
    db
}

/// 甲's database on `machine_name`, joined from the chair's package.
fn joined(root: &Path, chair: &Path, machine_name: &str) -> PathBuf {
    let pkg = root.join("jia.pkg");
    if !pkg.exists() {
        ok(
            chair,
            &[
                "panel",
                "package",
                "--round",
                R,
                "--evaluator",
                "甲",
                "--out",
                pkg.to_str().unwrap(),
            ],
        );
    }
    let db = machine(root, machine_name);
    let out = ok(&db, &["panel", "join", pkg.to_str().unwrap()]);
    assert!(out.contains("本机签名密钥指纹"), "{out}");
    db
}

fn score(db: &Path, account: &str, indicator: &str, value: &str) {
    ok(
        db,
        &[
            "score",
            "set",
            "--round",
            R,
            "--evaluator",
            "甲",
            "--account",
            account,
            "--indicator",
            indicator,
            "--value",
            value,
        ],
    );
}

fn export(db: &Path, file: &Path) {
    ok(
        db,
        &[
            "panel",
            "export",
            "--round",
            R,
            "--evaluator",
            "甲",
            "--out",
            file.to_str().unwrap(),
        ],
    );
}

fn value(db: &Path, account: &str) -> String {
    ok(
        db,
        &[
            "explain",
            "--round",
            R,
            "--account",
            account,
            "--evaluator",
            "甲",
            "--as",
            "组长",
            "--format",
            "json",
        ],
    )
}

#[test]
fn a_package_carries_only_the_assigned_accounts_and_the_pinned_rubric() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let chair = chair(root);
    let jia = joined(root, &chair, "jia");
    let listed = ok(&jia, &["account", "list", "--format", "csv"]);
    let shown = ok(&chair, &["panel", "show", "--round", R, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let mine = v["members"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["name"] == "甲"))
        .map(|m| m["assigned"].as_u64().unwrap_or(0))
        .unwrap_or(0);
    assert_eq!(listed.lines().count() as u64 - 1, mine, "{listed}\n{shown}");
    // The pinned rubric arrived byte for byte: the same hash on both sides.
    let hash = |db: &Path| {
        let out = ok(db, &["round", "list", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v[0]["rubric_hash"].as_str().unwrap().to_string()
    };
    assert_eq!(hash(&chair), hash(&jia));
    // Joining again changes nothing and keeps the key.
    let again = ok(
        &jia,
        &["panel", "join", root.join("jia.pkg").to_str().unwrap()],
    );
    assert!(
        again.contains("已更新轮次") && !again.contains("已生成本机签名密钥"),
        "{again}"
    );
}

#[test]
fn only_the_registered_key_merges_and_refusals_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let chair = chair(root);
    // Everyone scores everything here, so that 甲 has the WeChat and the app account.
    ok(&chair, &["panel", "assign", "--round", R]);
    let jia = joined(root, &chair, "jia");
    score(&jia, "信任甲号", "x", "9");
    score(&jia, "信任甲号", "y", "6");
    ok(
        &jia,
        &[
            "score",
            "submit",
            "--round",
            R,
            "--evaluator",
            "甲",
            "--account",
            "信任甲号",
        ],
    );
    score(&jia, "信任丙号", "x", "8");
    let first = root.join("jia1.panel");
    export(&jia, &first);
    let out = ok(&chair, &["panel", "merge", first.to_str().unwrap()]);
    assert!(out.contains("已登记其签名密钥"), "{out}");
    // Another machine joins the same package under the same name and signs its own file.
    let forger = joined(root, &chair, "forger");
    score(&forger, "信任甲号", "x", "0");
    let forged = root.join("forged.panel");
    export(&forger, &forged);
    let before = dump(&chair);
    let err = fails(&chair, &["panel", "merge", forged.to_str().unwrap()]);
    assert!(err.contains("另一把密钥") && err.contains("甲"), "{err}");
    assert_eq!(before, dump(&chair), "a refused file wrote something");
    // An edit of 甲's own file (a score 9 -> 0 inside the signed body).
    let text = std::fs::read_to_string(&first).unwrap();
    let edited = text.replacen(r#"\"value\":9.0"#, r#"\"value\":0.0"#, 1);
    assert_ne!(edited, text);
    let bad = root.join("edited.panel");
    std::fs::write(&bad, edited).unwrap();
    let err = fails(&chair, &["panel", "merge", bad.to_str().unwrap()]);
    assert!(
        err.contains("签名与内容不符") && err.contains("甲"),
        "{err}"
    );
    assert_eq!(before, dump(&chair));
    // A genuine newer file merges; the older one after it is already merged, nothing written.
    score(&jia, "信任丙号", "x", "7");
    let second = root.join("jia2.panel");
    export(&jia, &second);
    ok(&chair, &["panel", "merge", second.to_str().unwrap()]);
    assert!(value(&chair, "信任丙号").contains("7"));
    let before = dump(&chair);
    let out = ok(&chair, &["panel", "merge", first.to_str().unwrap()]);
    assert!(out.contains("已合并过"), "{out}");
    assert_eq!(before, dump(&chair));
}

#[test]
fn entries_are_checked_as_if_typed_and_a_resubmitted_sheet_arrives_submitted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let chair = chair(root);
    ok(&chair, &["panel", "assign", "--round", R]);
    let jia = joined(root, &chair, "jia");
    score(&jia, "信任甲号", "x", "9");
    score(&jia, "信任甲号", "y", "6");
    let submit = [
        "score",
        "submit",
        "--round",
        R,
        "--evaluator",
        "甲",
        "--account",
        "信任甲号",
    ];
    ok(&jia, &submit);
    let f1 = root.join("a.panel");
    export(&jia, &f1);
    ok(&chair, &["panel", "merge", f1.to_str().unwrap()]);
    // Reopened, edited and resubmitted on 甲's laptop: submitted on the chair's side too.
    ok(
        &jia,
        &[
            "score",
            "reopen",
            "--round",
            R,
            "--evaluator",
            "甲",
            "--account",
            "信任甲号",
        ],
    );
    score(&jia, "信任甲号", "y", "5");
    ok(&jia, &submit);
    let f2 = root.join("b.panel");
    export(&jia, &f2);
    let out = ok(
        &chair,
        &["--lang", "en", "panel", "merge", f2.to_str().unwrap()],
    );
    assert!(
        !out.contains("conflict") || out.contains("0 conflicts"),
        "{out}"
    );
    let shown = ok(&chair, &["panel", "show", "--round", R, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let jia_row = v["members"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["name"] == "甲"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(jia_row["submitted"].as_u64(), Some(1), "{shown}");
    // A file for another round, signed by 甲: refused (the round is renamed in 甲's database
    // by a second package would be the chair's doing; here the chair's round is another).
    let other = machine(root, "other-chair");
    let rubric = root.join("chair").join("trust.ron");
    let csv = root.join("chair").join("accounts.csv");
    ok(
        &other,
        &[
            "account",
            "import",
            csv.to_str().unwrap(),
            "--region",
            "浙江省",
        ],
    );
    ok(
        &other,
        &[
            "round",
            "create",
            "信任二轮",
            "--rubric",
            rubric.to_str().unwrap(),
            "--date",
            "2024-12-01",
        ],
    );
    let err = fails(&other, &["panel", "merge", f2.to_str().unwrap()]);
    assert!(err.contains("信任轮") && err.contains("甲"), "{err}");
}
