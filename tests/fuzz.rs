//! Fuzzing on stable Rust (issue 7 §7, issue 19): proptest mutates a seed corpus from
//! tests/fixtures and rubrics/ (byte flips, insertions, deletions, splices, truncation) and feeds
//! the result to the rubric parser, the CSV registry importer, the XLSX importer, and the
//! readers of signed panel exports and round packages (whole files, and bodies signed again so
//! the content reader behind the signature is reached too). Any panic fails the test and
//! proptest shrinks it to a minimal input. `ASSAY_FUZZ_CASES` sets the executions per target
//! (default 48: seconds in CI); scripts/fuzz.sh runs the long campaign.

mod common_hostile;

use std::path::{Path, PathBuf};

use assay::io::accounts::{ImportDefaults, read_accounts_csv_text, read_accounts_report};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};

fn cases() -> u32 {
    std::env::var("ASSAY_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

fn config() -> Config {
    Config {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    }
}

fn corpus(dirs: &[&str], ext: &[&str]) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).expect("corpus dir"))
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ext.contains(&e))
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read(p).expect("seed"))
        .collect()
}

/// One edit of a byte string; positions are taken modulo the length at the time.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    /// Copies a slice of the input to another place (duplicated rows, nested brackets).
    Splice(usize, usize, usize),
    Truncate(usize),
}

fn interesting_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..8),
        prop::sample::select(vec![
            b"\"".to_vec(),
            b",".to_vec(),
            b"\n".to_vec(),
            b"\r".to_vec(),
            b"\0".to_vec(),
            b"\x1b]0;".to_vec(),
            "\u{202e}".as_bytes().to_vec(),
            b"(".to_vec(),
            b"[".to_vec(),
            b"1e309".to_vec(),
            b"-0".to_vec(),
            b"NaN".to_vec(),
            b"99999999999999999999".to_vec(),
            "县级".as_bytes().to_vec(),
            "微信".as_bytes().to_vec(),
            b"\xEF\xBB\xBF".to_vec(),
            b"\xff\xfe".to_vec(),
            b"<c r=\"XFD1048576\">".to_vec(),
            b"<row r=\"0\">".to_vec(),
            b"</sheetData>".to_vec(),
        ]),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Flip(p, b)),
        (any::<usize>(), interesting_bytes()).prop_map(|(p, b)| Mutation::Insert(p, b)),
        (any::<usize>(), 1usize..64).prop_map(|(p, n)| Mutation::Delete(p, n)),
        (any::<usize>(), 1usize..256, any::<usize>())
            .prop_map(|(f, n, t)| Mutation::Splice(f, n, t)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(seed: &[u8], edits: &[Mutation]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for m in edits {
        let len = v.len().max(1);
        match m {
            Mutation::Flip(p, b) if !v.is_empty() => v[p % len] ^= b,
            Mutation::Insert(p, bytes) => {
                let at = p % (v.len() + 1);
                v.splice(at..at, bytes.iter().copied());
            }
            Mutation::Delete(p, n) if !v.is_empty() => {
                let at = p % len;
                let end = (at + n).min(v.len());
                v.drain(at..end);
            }
            Mutation::Splice(f, n, t) if !v.is_empty() => {
                let from = f % len;
                let piece: Vec<u8> = v[from..(from + n).min(v.len())].to_vec();
                let at = t % (v.len() + 1);
                v.splice(at..at, piece);
            }
            Mutation::Truncate(p) => v.truncate(p % (v.len() + 1)),
            _ => {}
        }
    }
    v
}

fn edits() -> impl Strategy<Value = Vec<Mutation>> {
    proptest::collection::vec(mutation(), 1..12)
}

fn defaults() -> ImportDefaults {
    ImportDefaults {
        region: Some("浙江省/丽水市/云和县".into()),
        ..ImportDefaults::default()
    }
}

#[test]
fn rubric_parser_never_panics() {
    let seeds = corpus(
        &["tests/fixtures/rubrics", "tests/fixtures/cli", "rubrics"],
        &["ron"],
    );
    assert!(seeds.len() >= 20, "{} rubric seeds", seeds.len());
    proptest!(config(), |(i in any::<usize>(), e in edits())| {
        let bytes = mutate(&seeds[i % seeds.len()], &e);
        let text = String::from_utf8_lossy(&bytes);
        let _ = assay::domain::rubric::parse(&text, "fuzz.ron");
    });
}

#[test]
fn csv_importer_never_panics() {
    let seeds = corpus(&["tests/fixtures/accounts", "tests/fixtures/cli"], &["csv"]);
    assert!(seeds.len() >= 4, "{} csv seeds", seeds.len());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fuzz.csv");
    proptest!(config(), |(i in any::<usize>(), e in edits())| {
        let bytes = mutate(&seeds[i % seeds.len()], &e);
        let _ = read_accounts_csv_text("fuzz.csv", &String::from_utf8_lossy(&bytes), &defaults());
        std::fs::write(&path, &bytes).expect("write");
        let _ = read_accounts_report(&path, &defaults(), None);
    });
}

/// Sheet XML for each CSV seed, so the XLSX importer is fuzzed with realistic registries.
fn sheet_seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for seed in corpus(&["tests/fixtures/accounts", "tests/fixtures/cli"], &["csv"]) {
        let Ok(text) = String::from_utf8(seed) else {
            continue;
        };
        let rows: String = text
            .trim_start_matches('\u{feff}')
            .lines()
            .take(40)
            .enumerate()
            .map(|(i, l)| {
                let cells: Vec<String> = l
                    .split(',')
                    .map(|c| c.replace('&', "&amp;").replace('<', "&lt;"))
                    .collect();
                let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
                common_hostile::row(i as u32 + 1, &refs[..refs.len().min(20)])
            })
            .collect();
        out.push(common_hostile::sheet_xml(Some("A1:T40"), &rows).into_bytes());
    }
    out
}

#[test]
fn xlsx_importer_never_panics() {
    let seeds = sheet_seeds();
    assert!(!seeds.is_empty());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fuzz.xlsx");
    proptest!(config(), |(i in any::<usize>(), e in edits(), raw in any::<bool>())| {
        let sheet = mutate(&seeds[i % seeds.len()], &e);
        common_hostile::write_xlsx(&path, &String::from_utf8_lossy(&sheet), &[]);
        if raw {
            // Mutate the zip container itself too.
            let zip = std::fs::read(&path).expect("read");
            std::fs::write(&path, mutate(&zip, &e[..1])).expect("write");
        }
        let _ = read_accounts_report(&path, &defaults(), None);
    });
}

/// A signed panel export and a signed round package, made with a throwaway key, as seeds.
fn signed_seeds(dir: &Path) -> (assay::io::keys::Identity, Vec<u8>, Vec<u8>) {
    use assay::io::{keys, package, panel_file, signed};
    let id = keys::load_or_create_at(&dir.join("fuzz-key"))
        .expect("key")
        .0;
    let export = r#"{"format":"assay-panel-export","format_version":2,"program":"fuzz","exported_at":"2024-12-01T00:00:00Z","round":{"name":"R","rubric_id":"t","rubric_version":"1","rubric_hash":"ab"},"evaluator":"甲","sequence":3,"entries":[{"account":{"platform":"wechat","name":"甲号"},"entry":{"indicator":"x","value":9.0,"count":null,"veto":null,"na":false,"note":"","evidence":[]},"updated_at":"2024"}],"submissions":[{"account":{"platform":"wechat","name":"甲号"},"state":"submitted"}],"history":[]}"#;
    let content: panel_file::Content = serde_json::from_str(export).expect("seed content");
    let export = panel_file::to_text(&content, &id).expect("seal");
    let text = "(id: \"t\")";
    let pkg = format!(
        r#"{{"format":"assay-round-package","format_version":1,"program":"fuzz","made_at":"2024","round":{{"name":"R","rubric_id":"t","rubric_version":"1","rubric_text":{},"rubric_hash":"{}","monitoring_date":"2024-12-01"}},"evaluator":"甲","accounts":[],"settings":{{"method":"mean","quorum":1,"veto":"any","categories":[],"calibration":false}}}}"#,
        serde_json::to_string(text).unwrap(),
        assay::domain::rubric::rubric_hash(text)
    );
    let p: package::Package = serde_json::from_str(&pkg).expect("seed package");
    let pkg = package::to_text(&p, &id).expect("seal");
    let _ = signed::Kind::PanelExport;
    (id, export.into_bytes(), pkg.into_bytes())
}

#[test]
fn panel_file_reader_never_panics() {
    use assay::io::{panel_file, signed};
    let dir = tempfile::tempdir().expect("tempdir");
    let (id, export, _) = signed_seeds(dir.path());
    let body = {
        let v: serde_json::Value = serde_json::from_slice(&export).expect("json");
        v["body"].as_str().expect("body").as_bytes().to_vec()
    };
    proptest!(config(), |(e in edits(), resign in any::<bool>())| {
        // Mutated whole files stop at the signature; mutated bodies signed again reach the
        // content reader.
        let _ = panel_file::parse(Path::new("fuzz.panel"), &mutate(&export, &e));
        if resign {
            let b = String::from_utf8_lossy(&mutate(&body, &e)).into_owned();
            let sealed = signed::seal(signed::Kind::PanelExport, &b, &id).expect("seal");
            let _ = panel_file::parse(Path::new("fuzz.panel"), sealed.as_bytes());
        }
    });
}

#[test]
fn round_package_reader_never_panics() {
    use assay::io::{package, signed};
    let dir = tempfile::tempdir().expect("tempdir");
    let (id, _, pkg) = signed_seeds(dir.path());
    let body = {
        let v: serde_json::Value = serde_json::from_slice(&pkg).expect("json");
        v["body"].as_str().expect("body").as_bytes().to_vec()
    };
    proptest!(config(), |(e in edits(), resign in any::<bool>())| {
        let _ = package::parse(Path::new("fuzz.pkg"), &mutate(&pkg, &e));
        if resign {
            let b = String::from_utf8_lossy(&mutate(&body, &e)).into_owned();
            let sealed = signed::seal(signed::Kind::RoundPackage, &b, &id).expect("seal");
            let _ = package::parse(Path::new("fuzz.pkg"), sealed.as_bytes());
        }
    });
}
