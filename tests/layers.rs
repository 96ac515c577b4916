//! The one-way rule of ARCHITECTURE.md, checked over the sources: every `crate::` import of a
//! top-level module names a module on a lower floor. There is no exception list; a module not
//! placed on a floor fails too, so a new module has to be given its place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The floors from the bottom up; a module may import only modules on floors below its own.
const FLOORS: &[&[&str]] = &[
    &["i18n", "text_safety", "memory"],
    &["config", "domain"],
    &["logging", "storage", "io"],
    &["gen", "report"],
    &["sample"],
    &["error_chain"],
    &["app"],
    &["ui"],
    &["runtime"],
    &["cli"],
];

/// Files that declare the crate rather than belong to a module (`main.rs` uses the library
/// through `assay::`, as any other program would).
const ROOT_FILES: &[&str] = &["lib.rs", "main.rs"];

fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to: `src/io/accounts/mod.rs` → `io`, `src/i18n.rs` →
/// `i18n`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("a component");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_string()
}

/// The top-level modules a source names through `crate::` (single paths and `crate::{a, b}`
/// groups), comments left out.
fn imports(text: &str) -> BTreeSet<String> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        let s = s.trim_start().trim_start_matches("r#");
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name = ident(part);
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

/// Every import that breaks the rule, as `file: module (floor n) imports other (floor m)`.
fn violations(src: &Path) -> (usize, Vec<String>) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut bad = Vec::new();
    let mut edges = 0;
    for file in &files {
        let rel = file.strip_prefix(src).expect("under src");
        if ROOT_FILES.iter().any(|r| rel == Path::new(r)) {
            continue;
        }
        let module = module_of(src, file);
        let Some(floor) = floor_of(&module) else {
            bad.push(format!(
                "{}: module `{module}` is on no floor; place it in FLOORS and ARCHITECTURE.md",
                rel.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read source");
        for other in imports(&text) {
            if other == module {
                continue;
            }
            edges += 1;
            match floor_of(&other) {
                Some(f) if f < floor => {}
                Some(f) => bad.push(format!(
                    "{}: `{module}` (floor {floor}) imports `{other}` (floor {f}); imports point down",
                    rel.display()
                )),
                None => bad.push(format!(
                    "{}: `{module}` imports `{other}`, which is on no floor",
                    rel.display()
                )),
            }
        }
    }
    (edges, bad)
}

#[test]
fn every_import_points_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (edges, bad) = violations(&src);
    assert!(
        edges > 100,
        "only {edges} imports read: is the reader broken?"
    );
    assert!(
        bad.is_empty(),
        "imports that do not point down:\n{}",
        bad.join("\n")
    );
}

#[test]
fn an_upward_import_and_an_unplaced_module_are_caught() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path();
    std::fs::create_dir_all(src.join("domain/rubric")).expect("mkdir");
    std::fs::write(
        src.join("domain/rubric/model.rs"),
        "// crate::cli in a comment is not an import\nuse crate::{i18n::Lang, storage::Store};\n",
    )
    .expect("write");
    std::fs::write(src.join("i18n.rs"), "pub fn f() { crate::r#gen::run(); }\n").expect("write");
    std::fs::write(src.join("newcomer.rs"), "use crate::i18n::Lang;\n").expect("write");
    std::fs::write(src.join("lib.rs"), "pub mod cli;\n").expect("write");
    let (_, bad) = violations(src);
    assert_eq!(bad.len(), 3, "{bad:#?}");
    assert!(
        bad[0].contains("`domain` (floor 1) imports `storage` (floor 2)"),
        "{bad:#?}"
    );
    assert!(
        bad[1].contains("`i18n` (floor 0) imports `gen`"),
        "{bad:#?}"
    );
    assert!(bad[2].contains("`newcomer` is on no floor"), "{bad:#?}");
}
