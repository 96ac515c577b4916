//! The documents an office issues, rendered as the office would print them: the Word bulletin
//! and the workbooks through LibreOffice (headless), the HTML bulletin through headless
//! Chromium, each to PDF. Paper size, orientation and page counts are asserted, and the first
//! page of each is left as a PNG under `target/tmp/documents/` for a person to look at. Needs
//! `soffice`, `chromium` and `pdfinfo`/`pdftoppm` (`.ci/run` installs them); without them the
//! test says which is missing and checks nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common_cli;

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {cmd}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Page sizes (points, width × height) of every page of a PDF, from pdfinfo.
fn pages(pdf: &Path) -> Vec<(f64, f64)> {
    let out = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "1000"])
        .arg(pdf)
        .output()
        .expect("runs pdfinfo");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .filter_map(|l| {
            let mut n = l
                .split("size:")
                .nth(1)?
                .split_whitespace()
                .filter_map(|w| w.parse::<f64>().ok());
            Some((n.next()?, n.next()?))
        })
        .collect()
}

fn a4(size: (f64, f64)) -> bool {
    let (w, h) = size;
    let near = |a: f64, b: f64| (a - b).abs() < 2.0;
    (near(w, 595.3) && near(h, 841.9)) || (near(w, 841.9) && near(h, 595.3))
}

fn landscape(size: (f64, f64)) -> bool {
    size.0 > size.1
}

/// Converts the files to PDF with LibreOffice in one run, in a profile of its own.
fn soffice(files: &[&Path], out: &Path, profile: &Path) {
    let status = Command::new("timeout")
        .arg("300")
        .arg("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out)
        .args(files)
        .output()
        .expect("runs soffice");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

fn chromium_pdf(page: &Path, pdf: &Path, profile: &Path) {
    let status = Command::new("timeout")
        .arg("120")
        .arg("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("runs chromium");
    assert!(
        status.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// The first page as a PNG beside the test output, for a person to look at.
fn first_page_png(pdf: &Path, keep: &Path) {
    let stem = keep.join(pdf.file_stem().unwrap());
    let status = Command::new("pdftoppm")
        .args(["-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&stem)
        .status()
        .expect("runs pdftoppm");
    assert!(status.success());
    let png = stem.with_extension("png");
    assert!(
        std::fs::metadata(&png).is_ok_and(|m| m.len() > 5_000),
        "{} is not a rendered page",
        png.display()
    );
    let _ = std::fs::copy(pdf, keep.join(pdf.file_name().unwrap()));
}

#[test]
fn office_documents_print_on_a4() {
    let missing: Vec<&str> = ["soffice", "chromium", "pdfinfo", "pdftoppm"]
        .into_iter()
        .filter(|c| !have(c))
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "not installed: {}; skipping the rendering test (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui chromium poppler-utils)",
            missing.join(", ")
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let run = |args: &[&str]| common_cli::ok(&db, args);
    run(&["demo", "--print"]);
    let file = |name: &str| -> PathBuf { dir.path().join(name) };
    let path = |p: &PathBuf| p.to_str().unwrap().to_string();
    let (docx, html, report, annual, sheet) = (
        file("bulletin.docx"),
        file("bulletin.html"),
        file("report.xlsx"),
        file("annual.xlsx"),
        file("sheet.xlsx"),
    );
    let q4 = "2024年第四季度全面检查";
    let office = [
        "--issuer",
        "丽水市人民政府办公室",
        "--to",
        "各县（市、区）人民政府，市政府各部门",
        "--date",
        "2025-01-09",
    ];
    for (fmt, out) in [("docx", &docx), ("html", &html)] {
        let mut args = vec!["bulletin", "--round", q4, "--format", fmt];
        args.extend(office);
        let out = path(out);
        args.extend(["--out", out.as_str()]);
        run(&args);
    }
    run(&[
        "report",
        "--round",
        q4,
        "--by",
        "level",
        "--format",
        "xlsx",
        "--out",
        &path(&report),
    ]);
    run(&[
        "annual",
        "--year",
        "2024",
        "--weights",
        "1=1,2=1",
        "--format",
        "xlsx",
        "--out",
        &path(&annual),
    ]);
    // A round of three evaluators: the four-dimension round, one account.
    run(&[
        "sheet",
        "--round",
        "2024年莲都区政务新媒体四维评估",
        "--account",
        "莲都发布",
        "--out",
        &path(&sheet),
    ]);
    let pdfs = dir.path().join("pdf");
    std::fs::create_dir_all(&pdfs).unwrap();
    soffice(
        &[&docx, &report, &annual, &sheet],
        &pdfs,
        &dir.path().join("lo"),
    );
    chromium_pdf(
        &html,
        &pdfs.join("bulletin-html.pdf"),
        &dir.path().join("chrome"),
    );

    let keep = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("documents");
    std::fs::create_dir_all(&keep).unwrap();
    let checked = |name: &str, min: usize, max: usize| -> Vec<(f64, f64)> {
        let pdf = pdfs.join(name);
        let p = pages(&pdf);
        assert!(
            (min..=max).contains(&p.len()),
            "{name}: {} pages, want {min} to {max}",
            p.len()
        );
        assert!(p.iter().all(|s| a4(*s)), "{name}: not A4: {p:?}");
        first_page_png(&pdf, &keep);
        p
    };
    // The 公文: portrait A4; the body takes a few pages, the annexes list 3 failures, 220 full
    // marks, the statistics and 169 operations warnings.
    let word = checked("bulletin.pdf", 10, 30);
    assert!(word.iter().all(|s| !landscape(*s)), "the 公文 is portrait");
    let web = checked("bulletin-html.pdf", 10, 30);
    assert!(web.iter().all(|s| !landscape(*s)));
    // The level report of 445 accounts on at most 12 pages, the annual on at most 20.
    checked("report.pdf", 3, 12);
    checked("annual.pdf", 3, 20);
    // The score sheet of three evaluators prints landscape (its summary sheet may not).
    let s = checked("sheet.pdf", 2, 6);
    assert!(s.iter().any(|p| landscape(*p)), "{s:?}");
    eprintln!("first pages left in {}", keep.display());
}
