//! Output hygiene through the real binary (issue 19 §3): a full disk under standard output is an
//! error with a message and exit 1 for every command that prints, never a panic; a closed pipe
//! ends quietly; `--out` onto a FIFO writes into it and leaves it a FIFO, onto a folder is
//! refused with the folder untouched, onto a file replaces it whole.

mod common_cli;
use common_cli::{Assay, assay, ok};

use std::path::{Path, PathBuf};
use std::process::Stdio;

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("demo.db");
    ok(&db, &["demo", "--print"]);
    db
}

/// Every command that prints to standard output, on the demo database.
const PRINTERS: &[&[&str]] = &[
    &["round", "list"],
    &["round", "list", "--format", "json"],
    &["round", "summary", "2"],
    &["round", "check", "--round", "2"],
    &["account", "list"],
    &["account", "list", "--format", "csv"],
    &["report", "--round", "2"],
    &["report", "--round", "2", "--format", "csv"],
    &["report", "--round", "2", "--format", "json"],
    &["report", "--round", "2", "--verify"],
    &["explain", "--round", "2", "--account", "丽水发布"],
    &["history", "--round", "1"],
    &["history", "--round", "1", "--format", "csv"],
    &["audit", "verify"],
    &["panel", "show", "--round", "1"],
    &["panel", "agreement", "--round", "1"],
    &["panel", "result", "--round", "1"],
    &["panel", "queue", "--round", "1"],
    &["ops", "--round", "2"],
    &["ops", "--round", "2", "--format", "csv"],
    &["metrics", "history"],
    &["bulletin", "--round", "2"],
    &["annual", "--year", "2024", "--weights", "1=1,2=1"],
    &["rubric", "show", "rubrics/national-inspection.ron"],
    &["completions", "bash"],
];

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_under_standard_output_is_an_error_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut failures = Vec::new();
    for args in PRINTERS {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Assay::db(&db)
            .args(*args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .command()
            .stdin(Stdio::null())
            .stdout(full)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(1) || err.contains("panicked") || !err.contains("标准输出")
        {
            failures.push(format!("{args:?}: {:?} {err}", out.status.code()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for args in [&["account", "list"][..], &["report", "--round", "2"]] {
        let mut child = Assay::db(&db)
            .args(args)
            .command()
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// Lets a reader blocked on opening `fifo` go (when the command never opened it): opening the
/// write end without blocking succeeds only while a reader waits, and closing it gives EOF.
#[cfg(unix)]
fn release(fifo: &Path) {
    use std::os::unix::fs::OpenOptionsExt;
    let _ = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(fifo);
}

#[cfg(unix)]
#[test]
fn out_onto_a_fifo_writes_into_it_and_leaves_it_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let cases: &[&[&str]] = &[
        &["report", "--round", "2", "--format", "csv"],
        &["panel", "export", "--round", "2", "--evaluator", "王敏"],
        &["bulletin", "--round", "2", "--format", "md"],
        &[
            "annual",
            "--year",
            "2024",
            "--weights",
            "1=1,2=1",
            "--format",
            "csv",
        ],
    ];
    for (i, args) in cases.iter().enumerate() {
        let fifo = dir.path().join(format!("pipe{i}"));
        mkfifo(&fifo);
        let reader = {
            let f = fifo.clone();
            std::thread::spawn(move || std::fs::read(f).unwrap())
        };
        let out = Assay::db(&db).args(*args).arg("--out").arg(&fifo).output();
        release(&fifo);
        let got = reader.join().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!got.is_empty(), "{args:?} wrote nothing into the FIFO");
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo(),
            "{args:?} replaced the FIFO"
        );
    }
}

#[test]
fn out_onto_a_folder_is_refused_and_the_folder_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let folder = dir.path().join("out");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("keep"), "k").unwrap();
    let f = folder.to_str().unwrap();
    for args in [
        &["report", "--round", "2", "--format", "csv", "--out", f][..],
        &["report", "--round", "2", "--format", "xlsx", "--out", f],
        &[
            "panel",
            "export",
            "--round",
            "2",
            "--evaluator",
            "王敏",
            "--out",
            f,
        ],
        &[
            "annual",
            "--year",
            "2024",
            "--weights",
            "1=1,2=1",
            "--format",
            "csv",
            "--out",
            f,
        ],
    ] {
        let out = assay(&db, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("文件夹"), "{args:?}: {err}");
        assert!(folder.is_dir() && folder.join("keep").is_file(), "{args:?}");
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "{args:?}");
    }
    // The bulletin writes into a folder it is given, under its own name.
    ok(
        &db,
        &["bulletin", "--round", "2", "--format", "md", "--out", f],
    );
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2);
}

#[test]
fn out_onto_a_file_replaces_it_whole_and_leaves_nothing_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let target = dir.path().join("r.csv");
    std::fs::write(&target, "old").unwrap();
    ok(
        &db,
        &[
            "report",
            "--round",
            "2",
            "--format",
            "csv",
            "--out",
            target.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.starts_with('\u{feff}') && text.len() > 100, "{text}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".part"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}
