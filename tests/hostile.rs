//! The hostile-input catalogue (issue 7 §7): rubrics, CSV and XLSX registries, command-line
//! arguments and database files that a careless or hostile user may hand the real binary. Every
//! case must exit 1 (2 for usage errors) with a message on stderr, never panic (101) or abort
//! (134) or die by a signal, and leave the database (or the file given as one) unchanged.

mod common_cli;
mod common_hostile;

use common_cli::{Assay, english_in};
use std::path::{Path, PathBuf};

use common_hostile::{db_digest, file_digest, good_rows, row, sheet_xml, write_bomb, write_xlsx};

struct Case {
    name: String,
    args: Vec<String>,
    /// Expected exit status: 1 for a refused input, 2 for a usage error.
    code: i32,
    /// A file that must be byte-for-byte unchanged (besides the main database's contents).
    file: Option<PathBuf>,
}

fn case(name: &str, code: i32, args: &[&str]) -> Case {
    Case {
        name: name.to_string(),
        args: args.iter().map(|s| s.to_string()).collect(),
        code,
        file: None,
    }
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    v.sort();
    v
}

/// Hostile rubric files: the broken fixtures, plus bytes no rubric editor would produce.
fn rubric_cases(dir: &Path, db: &str) -> Vec<Case> {
    let mut files = fixtures("tests/fixtures/rubrics");
    let made: Vec<(&str, Vec<u8>)> = vec![
        ("empty.ron", vec![]),
        ("bom-only.ron", b"\xEF\xBB\xBF".to_vec()),
        ("nul.ron", b"\0\0\0\0".to_vec()),
        ("binary.ron", (0..=255u8).cycle().take(4096).collect()),
        ("latin1.ron", b"(id: \"caf\xe9\")".to_vec()),
        (
            "utf16.ron",
            "(id: \"x\")"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect(),
        ),
        ("deep.ron", "(".repeat(100_000).into_bytes()),
        ("deep-list.ron", "[".repeat(100_000).into_bytes()),
        (
            "huge-number.ron",
            format!("(id: {})", "9".repeat(10_000)).into_bytes(),
        ),
        (
            "long-string.ron",
            format!("(id: \"{}\")", "长".repeat(2_000_000)).into_bytes(),
        ),
        ("unterminated.ron", b"(id: \"never closed".to_vec()),
        (
            "escape.ron",
            b"(id: \"\x1b]0;pwned\x07\", name: \"\\u{202e}\")".to_vec(),
        ),
    ];
    for (name, bytes) in made {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write rubric");
        files.push(path);
    }
    files.push(dir.join("no-such-rubric.ron"));
    files.push(dir.to_path_buf()); // a directory
    let mut cases = Vec::new();
    for f in &files {
        let n = f.file_name().and_then(|n| n.to_str()).unwrap_or("dir");
        cases.push(case(
            &format!("rubric check {n}"),
            1,
            &["rubric", "check", p(f)],
        ));
        cases.push(case(
            &format!("round create --rubric {n}"),
            1,
            &[
                "--db",
                db,
                "round",
                "create",
                "敌意轮次",
                "--rubric",
                p(f),
                "--date",
                "2024-12-16",
            ],
        ));
    }
    for f in files.iter().rev().take(4) {
        cases.push(case("rubric show", 1, &["rubric", "show", p(f)]));
    }
    cases
}

/// Hostile CSV registries; each import must be refused whole.
fn csv_cases(dir: &Path, db: &str) -> Vec<Case> {
    let header = "平台,账号名称,主办单位,层级\n";
    let wide = format!("{}\n", vec!["平台"; 5000].join(","));
    let long = format!("{header}微信,{},单位,县级\n", "长".repeat(600_000));
    let made: Vec<(&str, Vec<u8>)> = vec![
        ("empty.csv", vec![]),
        ("bom.csv", b"\xEF\xBB\xBF".to_vec()),
        ("newlines.csv", b"\n\n\r\n\n".to_vec()),
        ("header-only.csv", header.as_bytes().to_vec()),
        (
            "unclosed-quote.csv",
            format!("{header}微信,\"云和发布,县委,县级\n微博,丽水,市委,市级\n").into_bytes(),
        ),
        ("binary.csv", (0..=255u8).rev().cycle().take(8192).collect()),
        (
            "nul.csv",
            format!("{header}微信,\0\0,单位,县级\n").into_bytes(),
        ),
        (
            "mixed-encoding.csv",
            [header.as_bytes(), b"\xce\xa2\xd0\xc5,\xff\xfe\xfd,x,y\n"].concat(),
        ),
        ("wide.csv", wide.into_bytes()),
        ("long-cell.csv", long.into_bytes()),
        ("no-columns.csv", b"a,b,c\n1,2,3\n".to_vec()),
        (
            "bad-platform.csv",
            format!("{header}传真,云和发布,县委,县级\n").into_bytes(),
        ),
        (
            "bad-level.csv",
            format!("{header}微信,云和发布,县委,宇宙级\n").into_bytes(),
        ),
        (
            "bad-date.csv",
            "平台,账号名称,主办单位,层级,开设日期\n微信,云和,县委,县级,2024-13-45\n"
                .to_string()
                .into_bytes(),
        ),
        (
            "duplicate.csv",
            format!("{header}微信,云和发布,县委,县级\n微信,云和发布,县委,县级\n").into_bytes(),
        ),
        (
            "empty-name.csv",
            format!("{header}微信,,县委,县级\n").into_bytes(),
        ),
        ("cr-only.csv", header.replace('\n', "\r").into_bytes()),
        (
            "utf16be.csv",
            [
                &[0xFE, 0xFF][..],
                &header
                    .encode_utf16()
                    .flat_map(u16::to_be_bytes)
                    .collect::<Vec<u8>>(),
            ]
            .concat(),
        ),
        ("semicolons.csv", b"x;y;z\n1;2;3\n".to_vec()),
        ("quote-only.csv", b"\"".to_vec()),
        ("registry.exe", header.as_bytes().to_vec()),
        ("no-extension", header.as_bytes().to_vec()),
    ];
    let mut cases = Vec::new();
    for (name, bytes) in made {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write csv");
        cases.push(case(
            &format!("import {name}"),
            1,
            &[
                "--db",
                db,
                "account",
                "import",
                p(&path),
                "--region",
                "浙江省/丽水市/云和县",
            ],
        ));
    }
    let missing = dir.join("missing.csv");
    cases.push(case(
        "import missing file",
        1,
        &["--db", db, "account", "import", p(&missing)],
    ));
    cases.push(case(
        "import a directory",
        1,
        &["--db", db, "account", "import", p(dir)],
    ));
    cases
}

/// Hostile workbooks: huge declared or used areas, a zip bomb, broken zips and XML.
fn xlsx_cases(dir: &Path, db: &str) -> Vec<Case> {
    let far = |cell: &str, r: &str| {
        format!(
            "{}<row r=\"{r}\"><c r=\"{cell}\" t=\"inlineStr\"><is><t>x</t></is></c></row>",
            good_rows()
        )
    };
    let sheets: Vec<(&str, String)> = vec![
        (
            "xfd.xlsx",
            sheet_xml(Some("A1:XFD1048576"), &far("XFD1048576", "1048576")),
        ),
        (
            "cv.xlsx",
            sheet_xml(Some("A1:CV1000000"), &far("CV1000000", "1000000")),
        ),
        (
            "cv-undeclared.xlsx",
            sheet_xml(Some("A1:D2"), &far("CV1000000", "1000000")),
        ),
        ("wide-row.xlsx", sheet_xml(None, &far("XFD2", "2"))),
        (
            "bad-dimension.xlsx",
            sheet_xml(Some("ZZZZZZZ99999999999999"), &good_rows()),
        ),
        (
            "row-overflow.xlsx",
            sheet_xml(
                None,
                &(good_rows() + "<row r=\"99999999999\"><c r=\"A99999999999\"><v>1</v></c></row>"),
            ),
        ),
        (
            "cell-ref-garbage.xlsx",
            sheet_xml(
                None,
                &(good_rows() + "<row r=\"3\"><c r=\"!!\"><v>1</v></c></row>"),
            ),
        ),
        (
            "malformed.xlsx",
            "<worksheet><sheetData><row><c>".to_string(),
        ),
        (
            "not-a-sheet.xlsx",
            "<?xml version=\"1.0\"?><chartsheet/>".to_string(),
        ),
        ("empty-sheet.xlsx", sheet_xml(None, "")),
        (
            "header-only.xlsx",
            sheet_xml(None, &row(1, &["平台", "账号名称", "主办单位", "层级"])),
        ),
        (
            "bad-platform.xlsx",
            sheet_xml(
                None,
                &(row(1, &["平台", "账号名称", "主办单位", "层级"])
                    + &row(2, &["传真", "号", "单位", "县级"])),
            ),
        ),
        (
            "shared-missing.xlsx",
            sheet_xml(
                None,
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>99999</v></c></row>",
            ),
        ),
    ];
    let mut cases = Vec::new();
    let region = "浙江省/丽水市/云和县";
    for (name, xml) in sheets {
        let path = dir.join(name);
        write_xlsx(&path, &xml, &[]);
        cases.push(case(
            &format!("import {name}"),
            1,
            &[
                "--db",
                db,
                "account",
                "import",
                p(&path),
                "--region",
                region,
            ],
        ));
    }
    let bomb = dir.join("bomb.xlsx");
    write_bomb(&bomb, 300 * 1024 * 1024);
    let strings_bomb = dir.join("strings.xlsx");
    let huge = format!(
        "<sst><si><t>{}</t></si></sst>",
        "x".repeat(300 * 1024 * 1024)
    );
    write_xlsx(
        &strings_bomb,
        &sheet_xml(None, &good_rows()),
        &[("xl/sharedStrings.xml", huge.as_bytes())],
    );
    let raw: Vec<(&str, Vec<u8>)> = vec![
        ("text.xlsx", b"platform,name\n".to_vec()),
        (
            "truncated.xlsx",
            std::fs::read(dir.join("xfd.xlsx")).expect("xfd")[..300].to_vec(),
        ),
        ("empty.xlsx", vec![]),
        ("zeros.xls", vec![0; 4096]),
        (
            "random.ods",
            (0..8192u32)
                .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
                .collect(),
        ),
    ];
    for (name, bytes) in raw {
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    for name in [
        "bomb.xlsx",
        "strings.xlsx",
        "text.xlsx",
        "truncated.xlsx",
        "empty.xlsx",
        "zeros.xls",
        "random.ods",
    ] {
        let path = dir.join(name);
        cases.push(case(
            &format!("import {name}"),
            1,
            &[
                "--db",
                db,
                "account",
                "import",
                p(&path),
                "--region",
                region,
            ],
        ));
    }
    cases
}

/// Command-line arguments out of range or pointing at nothing.
fn cli_cases(dir: &Path, db: &str) -> Vec<Case> {
    let set = |extra: &[&str]| {
        let mut v = vec![
            "--db",
            db,
            "score",
            "set",
            "--round",
            "2",
            "--account",
            "1",
            "--evaluator",
            "敌意",
            "--indicator",
        ];
        v.extend_from_slice(extra);
        v.iter().map(|s| s.to_string()).collect::<Vec<String>>()
    };
    let mut cases: Vec<Case> = vec![
        case("unknown command", 2, &["frobnicate"]),
        case("unknown language", 2, &["--lang", "xx", "round", "list"]),
        case(
            "bad format",
            2,
            &["--db", db, "account", "list", "--format", "yaml"],
        ),
        case(
            "bad level filter",
            2,
            &["--db", db, "account", "list", "--level", "galaxy"],
        ),
        case(
            "round create bad date",
            2,
            &[
                "--db",
                db,
                "round",
                "create",
                "x",
                "--rubric",
                "rubrics/four-dimensions.ron",
                "--date",
                "2024-02-30",
            ],
        ),
        case(
            "round create digits",
            1,
            &[
                "--db",
                db,
                "round",
                "create",
                "2024",
                "--rubric",
                "rubrics/four-dimensions.ron",
                "--date",
                "2024-12-16",
            ],
        ),
        case(
            "round create blank",
            1,
            &[
                "--db",
                db,
                "round",
                "create",
                "  ",
                "--rubric",
                "rubrics/four-dimensions.ron",
                "--date",
                "2024-12-16",
            ],
        ),
        case(
            "unknown round",
            1,
            &["--db", db, "round", "summary", "没有这一轮"],
        ),
        case(
            "round id overflow",
            1,
            &["--db", db, "round", "summary", "99999999999999999999999"],
        ),
        case("negative round", 2, &["--db", db, "round", "summary", "-1"]),
        case(
            "explain unknown account",
            1,
            &[
                "--db",
                db,
                "explain",
                "--round",
                "1",
                "--account",
                "查无此号",
            ],
        ),
        case(
            "explain evaluator without sheet",
            1,
            &[
                "--db",
                db,
                "explain",
                "--round",
                "1",
                "--account",
                "146",
                "--evaluator",
                "无名氏",
            ],
        ),
        case(
            "gen u64 max",
            1,
            &[
                "--db",
                p(&dir.join("gen1.db")),
                "gen",
                "--accounts",
                "18446744073709551615",
            ],
        ),
        case(
            "gen 10^12",
            1,
            &[
                "--db",
                p(&dir.join("gen2.db")),
                "gen",
                "--accounts",
                "1000000000000",
            ],
        ),
        case(
            "gen zero",
            1,
            &["--db", p(&dir.join("gen3.db")), "gen", "--accounts", "0"],
        ),
        case(
            "gen evaluators",
            1,
            &[
                "--db",
                p(&dir.join("gen4.db")),
                "gen",
                "--evaluators",
                "4294967295",
            ],
        ),
        case(
            "gen weeks",
            1,
            &[
                "--db",
                p(&dir.join("gen5.db")),
                "gen",
                "--weeks",
                "4294967295",
            ],
        ),
        case("gen negative", 2, &["--db", db, "gen", "--accounts", "-5"]),
        case("tui without a terminal", 1, &["--db", db, "tui"]),
        case(
            "demo without a terminal",
            1,
            &["--db", p(&dir.join("demo.db")), "demo"],
        ),
    ];
    let sets: Vec<(&str, i32, Vec<&str>)> = vec![
        ("score NaN", 1, vec!["update_slow", "--value", "NaN"]),
        ("score inf", 1, vec!["update_slow", "--value", "inf"]),
        ("score huge count", 2, vec!["x", "--count", "4294967296"]),
        (
            "score unknown indicator",
            1,
            vec!["不存在的指标", "--value", "1"],
        ),
        ("score no input", 2, vec!["x"]),
        (
            "score unknown veto",
            1,
            vec!["no_update", "--veto", "没有这个理由"],
        ),
    ];
    for (name, code, extra) in sets {
        let args = set(&extra);
        cases.push(Case {
            name: format!("{name} (round 2)"),
            args,
            code,
            file: None,
        });
        let mut args = set(&extra);
        args[5] = "1".into();
        if extra[0] == "update_slow" {
            args[11] = "positioning".into();
        }
        cases.push(Case {
            name: name.into(),
            args,
            code,
            file: None,
        });
    }
    cases
}

/// Files given as the database that are not one of ours: each refused and left unchanged.
fn db_file_cases(dir: &Path, base: &Path) -> Vec<Case> {
    let demo = std::fs::read(base).expect("base db");
    let mut newer = dir.join("newer.db");
    std::fs::copy(base, &newer).expect("copy");
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.pragma_update(None, "user_version", 9999))
        .expect("bump version");
    let made: Vec<(&str, Vec<u8>)> = vec![
        ("text.db", b"not a database, just notes\n".repeat(200)),
        ("zeros.db", vec![0; 8192]),
        (
            "random.db",
            (0..16384u32)
                .map(|i| (i.wrapping_mul(2246822519) >> 11) as u8)
                .collect(),
        ),
        ("truncated.db", demo[..demo.len().min(1000)].to_vec()),
        ("header-only.db", b"SQLite format 3\0".to_vec()),
    ];
    let mut cases = Vec::new();
    for (name, bytes) in made {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write db");
        for cmd in [
            &["account", "list"][..],
            &["round", "list"],
            &["account", "import", "tests/fixtures/cli/accounts.csv"],
        ] {
            let mut args = vec!["--db", p(&path)];
            args.extend_from_slice(cmd);
            let mut c = case(&format!("--db {name} {}", cmd.join(" ")), 1, &args);
            c.file = Some(path.clone());
            cases.push(c);
        }
    }
    let mut c = case(
        "--db newer version",
        1,
        &["--db", p(&newer), "account", "list"],
    );
    newer = newer.clone();
    c.file = Some(newer);
    cases.push(c);
    cases.push(case(
        "--db a directory",
        1,
        &["--db", p(dir), "account", "list"],
    ));
    cases
}

/// Panel exchange files and round packages (issue 19): unsigned, malformed, of the wrong kind,
/// signed but holding what must be refused, endless (`/dev/zero`), a folder.
fn exchange_cases(dir: &Path, db: &str) -> Vec<Case> {
    use assay::io::{keys, package, panel_file, signed};
    let id = keys::load_or_create_at(&dir.join("hostile-key"))
        .expect("key")
        .0;
    let write = |name: &str, bytes: &[u8]| {
        let f = dir.join(name);
        std::fs::write(&f, bytes).expect("write");
        f
    };
    let sealed = |kind, body: &str| signed::seal(kind, body, &id).expect("seal");
    let export_body = |round: &str, hash: &str, indicator: &str, state: &str| {
        let c: panel_file::Content = serde_json::from_value(serde_json::json!({
            "format": "assay-panel-export", "format_version": 2, "program": "hostile",
            "exported_at": "2024-12-20T00:00:00Z",
            "round": {"name": round, "rubric_id": "x", "rubric_version": "1", "rubric_hash": hash},
            "evaluator": "敌意", "sequence": 9,
            "entries": [{"account": {"platform": "wechat", "name": "丽水发布"},
                // A deduction counts instances: a valid entry, on a sheet otherwise empty.
                "entry": {"indicator": indicator, "value": null, "count": 0, "veto": null,
                    "na": false, "note": "", "evidence": []}, "updated_at": "2024"}],
            "submissions": [{"account": {"platform": "wechat", "name": "丽水发布"}, "state": state}],
            "history": []
        }))
        .expect("content");
        panel_file::to_text(&c, &id).expect("seal")
    };
    let rounds = Assay::home(&dir.join("home"))
        .args(["--db", db, "round", "list", "--format", "json"])
        .output();
    let v: serde_json::Value = serde_json::from_slice(&rounds.stdout).expect("rounds json");
    let (r2, h2) = (
        v[1]["name"].as_str().unwrap_or("").to_string(),
        v[1]["rubric_hash"].as_str().unwrap_or("").to_string(),
    );
    let pkg_text = "(id: \"x\")";
    let bad_pkg: package::Package = serde_json::from_value(serde_json::json!({
        "format": "assay-round-package", "format_version": 1, "program": "hostile", "made_at": "2024",
        "round": {"name": "敌意轮", "rubric_id": "x", "rubric_version": "1", "rubric_text": pkg_text,
            "rubric_hash": "0000", "monitoring_date": "24-12-01"},
        "evaluator": "敌意", "accounts": [],
        "settings": {"method": "mean", "quorum": 1, "veto": "any", "categories": [], "calibration": false}
    }))
    .expect("package");
    let files = [
        ("empty exchange file", write("empty.panel", b"")),
        ("exchange file not JSON", write("nojson.panel", b"{\"format\": ")),
        ("exchange file a JSON array", write("array.panel", b"[1, 2, 3]")),
        ("exchange file of the first format (a checksum, no signature)", write("v1.panel", r#"{"checksum": "00", "content": {"format": "assay-panel-export", "format_version": 1, "evaluator": "敌意"}}"#.as_bytes())),
        ("signed body not JSON", write("body.panel", sealed(signed::Kind::PanelExport, "not json").as_bytes())),
        ("signed body of another format", write("other.panel", sealed(signed::Kind::PanelExport, r#"{"format": "x"}"#).as_bytes())),
        ("a round package given to merge", write("pkg.panel", package::to_text(&bad_pkg, &id).expect("seal").as_bytes())),
        ("signed export for a round not here", write("round.panel", export_body("没有的轮次", "00", "x", "draft").as_bytes())),
        ("signed export with an unknown indicator", write("item.panel", export_body(&r2, &h2, "没有的指标", "draft").as_bytes())),
        ("signed export with an incomplete sheet submitted", write("sub.panel", export_body(&r2, &h2, "update_slow", "submitted").as_bytes())),
    ];
    let mut cases: Vec<Case> = files
        .iter()
        .map(|(name, f)| case(name, 1, &["--db", db, "panel", "merge", p(f)]))
        .collect();
    let export = write("export.pkg", export_body(&r2, &h2, "x", "draft").as_bytes());
    let bad_hash = write(
        "hash.pkg",
        package::to_text(&bad_pkg, &id).expect("seal").as_bytes(),
    );
    cases.push(case(
        "an export given to join",
        1,
        &["--db", db, "panel", "join", p(&export)],
    ));
    cases.push(case(
        "a package whose rubric is not its hash",
        1,
        &["--db", db, "panel", "join", p(&bad_hash)],
    ));
    cases.push(case(
        "a folder given to merge",
        1,
        &["--db", db, "panel", "merge", p(dir)],
    ));
    if Path::new("/dev/zero").exists() {
        cases.push(case(
            "merge of /dev/zero",
            1,
            &["--db", db, "panel", "merge", "/dev/zero"],
        ));
        cases.push(case(
            "join of /dev/zero",
            1,
            &["--db", db, "panel", "join", "/dev/zero"],
        ));
        cases.push(case(
            "metrics import of /dev/zero",
            1,
            &["--db", db, "metrics", "import", "/dev/zero"],
        ));
        let link = dir.join("zero.csv");
        #[cfg(unix)]
        let _ = std::os::unix::fs::symlink("/dev/zero", &link);
        cases.push(case(
            "metrics import of a .csv link to /dev/zero",
            1,
            &["--db", db, "metrics", "import", p(&link)],
        ));
    }
    cases.push(case(
        "a two-digit year",
        2,
        &[
            "--db",
            db,
            "round",
            "create",
            "两位年份",
            "--rubric",
            "rubrics/national-inspection.ron",
            "--date",
            "24-01-01",
        ],
    ));
    cases
}

#[test]
fn hostile_inputs_are_refused_cleanly_and_change_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let base = dir.join("base.db");
    let out = Assay::home(&dir.join("home"))
        .args(["--db", p(&base), "demo", "--print"])
        .output();
    assert!(
        out.status.success(),
        "demo: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = p(&base).to_string();
    let t0 = std::time::Instant::now();
    let mut cases = rubric_cases(dir, &db);
    cases.extend(csv_cases(dir, &db));
    cases.extend(xlsx_cases(dir, &db));
    eprintln!("setup: files and workbooks written in {:?}", t0.elapsed());
    cases.extend(cli_cases(dir, &db));
    cases.extend(db_file_cases(dir, &base));
    cases.extend(exchange_cases(dir, &db));
    assert!(cases.len() >= 80, "only {} cases", cases.len());
    let mut failures = Vec::new();
    // The logical digest is slow on a demo-sized database; the file's bytes are checked first
    // and the logical digest only when they differ (SQLite may rewrite pages harmlessly).
    let mut logical = db_digest(&base);
    let wal = dir.join("base.db-wal");
    // An empty write-ahead log is the same as none.
    let bytes = || {
        let wal = std::fs::read(&wal).ok().filter(|w| !w.is_empty());
        (std::fs::read(&base).ok(), wal)
    };
    for c in &cases {
        let before = bytes();
        let started = std::time::Instant::now();
        let file_before = c.file.as_deref().and_then(file_digest);
        // The interface's default language (Chinese): every refusal is also checked for English
        // sentences, collected with the other failures rather than stopping at the first.
        let out = Assay::home(&dir.join("home"))
            .args(&c.args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .command()
            .output()
            .expect("run assay");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        let mut why = Vec::new();
        if code != Some(c.code) {
            why.push(format!("exit {code:?}, want {}", c.code));
        }
        if stderr.trim().is_empty() {
            why.push("no message on stderr".into());
        }
        if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
            why.push("panicked".into());
        }
        if let Some(english) = english_in(&out) {
            why.push(english);
        }
        if bytes() != before {
            let now = db_digest(&base);
            if now != logical {
                why.push("the database changed".into());
                logical = now;
            }
        }
        if c.file.is_some() && c.file.as_deref().and_then(file_digest) != file_before {
            why.push("the file given as database changed".into());
        }
        if started.elapsed().as_secs() >= 2 {
            eprintln!("slow case: {} took {:?}", c.name, started.elapsed());
        }
        if !why.is_empty() {
            let msg = stderr
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(200)
                .collect::<String>();
            failures.push(format!("{}: {} — {msg}", c.name, why.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} hostile cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
