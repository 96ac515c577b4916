//! Chinese means Chinese: every output an office reads from the demo in Chinese — the bulletin
//! (Markdown, HTML, Word), reports, the annual, score sheets, the operations table, panel
//! settings, explain and the round list — holds no English word, internal code or JSON. Allowed:
//! the few Latin names offices use (APP, XLSX, WPS, IPv6, …), links, file names, hex hashes, and
//! an indicator's id alone in a score sheet's last column (编号).

mod common_cli;

use std::path::Path;

const ALLOWED: &[&str] = &[
    "APP", "App", "XLSX", "CSV", "HTML", "JSON", "PDF", "DOCX", "WPS", "Excel", "Word", "SHA",
    "ICC", "URL", "UTF", "IPv4", "IPv6",
];

/// Words of three or more ASCII letters that are not allowed, with some context.
fn english(text: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || "._-/:@%?=&#~".contains(c))) {
        // Links, file names with an extension, hex hashes.
        if token.contains("://")
            || token.starts_with("www.")
            || token.rsplit_once('.').is_some_and(|(a, ext)| {
                !a.is_empty()
                    && ext.len() <= 4
                    && ext.chars().all(|c| c.is_ascii_alphanumeric())
                    && ext.chars().any(|c| c.is_ascii_alphabetic())
            })
            || (token.len() >= 7 && token.chars().all(|c| c.is_ascii_hexdigit()))
        {
            continue;
        }
        // Command-line options named in a message (--issuer) are the program's words.
        if token.starts_with("--") {
            continue;
        }
        for word in token.split(|c: char| !c.is_ascii_alphanumeric()) {
            if ALLOWED.contains(&word) {
                continue;
            }
            for run in word.split(|c: char| !c.is_ascii_alphabetic()) {
                if run.len() >= 3 && !ALLOWED.contains(&run) && !bad.contains(&run.to_string()) {
                    bad.push(run.to_string());
                }
            }
        }
    }
    bad
}

/// A message to the user (never a document) may name a command to type, as it names options:
/// `assay round document` is the program's words, not English prose.
fn without_commands(text: &str) -> String {
    let mut out = String::new();
    let mut words = text.split(' ').peekable();
    while let Some(w) = words.next() {
        if w.ends_with("assay") {
            out.push_str(w.trim_end_matches("assay"));
            while words
                .peek()
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_lowercase()))
            {
                words.next();
            }
        } else {
            out.push_str(w);
        }
        out.push(' ');
    }
    out
}

fn no_english(label: &str, text: &str) {
    let bad = english(text);
    assert!(bad.is_empty(), "{label}: English words {bad:?}");
    assert!(
        !text.contains('{') && !text.contains('}'),
        "{label}: braces (JSON?) in a Chinese output"
    );
}

/// The text of a DOCX (every w:t).
fn docx_text(path: &Path) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    xml.split("<w:t")
        .skip(1)
        .filter_map(|s| Some(s.split_once('>')?.1.split_once("</w:t>")?.0))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The visible text of an HTML page (no markup, style or script).
fn html_text(html: &str) -> String {
    let body = html.split("</style>").last().unwrap_or(html);
    let mut out = String::new();
    let mut tag = false;
    for c in body.chars() {
        match c {
            '<' => tag = true,
            '>' => {
                tag = false;
                out.push(' ');
            }
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A CSV or Markdown score sheet without its last column (the indicator's id).
fn without_last_column(text: &str, sep: char) -> String {
    text.lines()
        .map(|l| {
            let l = l.trim_end_matches('|').trim_end();
            match l.rsplit_once(sep) {
                Some((rest, last))
                    if last.trim().chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '\\'
                    }) =>
                {
                    rest.to_string()
                }
                _ => l.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What-if weights for the demo's four-dimension round.
const WHATIF: &str = "fit=30,craft=25,reach=25,interact=20";

#[test]
fn every_chinese_output_of_the_demo_is_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let run = |args: &[&str]| common_cli::ok(&db, args);
    run(&["demo", "--print"]);
    let (four, q4) = ("2024年莲都区政务新媒体四维评估", "2024年第四季度全面检查");
    for (label, args) in [
        (
            "bulletin md",
            vec!["bulletin", "--round", q4, "--format", "md"],
        ),
        (
            "report table",
            vec!["report", "--round", q4, "--by", "level,platform"],
        ),
        (
            "report md",
            vec![
                "report",
                "--round",
                q4,
                "--by",
                "level,platform",
                "--format",
                "md",
            ],
        ),
        (
            "report accounts md",
            vec!["report", "--round", four, "--accounts", "--format", "md"],
        ),
        (
            "annual table",
            vec![
                "annual",
                "--year",
                "2024",
                "--weights",
                &format!("{four}=1,{q4}=1"),
            ],
        ),
        (
            "annual md",
            vec![
                "annual",
                "--year",
                "2024",
                "--weights",
                "1=1,2=1",
                "--format",
                "md",
            ],
        ),
        (
            "what-if table",
            vec!["report", "--round", four, "--weights", WHATIF],
        ),
        (
            "what-if md",
            vec![
                "report",
                "--round",
                four,
                "--weights",
                WHATIF,
                "--format",
                "md",
            ],
        ),
        (
            "compare table",
            vec!["report", "--round", q4, "--compare", four, "--by", "level"],
        ),
        (
            "compare md",
            vec!["report", "--round", q4, "--compare", four, "--format", "md"],
        ),
        ("offenders table", vec!["offenders"]),
        (
            "offenders md",
            vec!["offenders", "--preset", "seed000", "--format", "md"],
        ),
        ("ops table", vec!["ops", "--round", q4]),
        ("panel show", vec!["panel", "show", "--round", four]),
        ("round list", vec!["round", "list"]),
        (
            "explain",
            vec!["explain", "--round", four, "--account", "莲都发布"],
        ),
        (
            "explain veto",
            vec!["explain", "--round", q4, "--account", "东坑发布"],
        ),
    ] {
        let out = common_cli::assay(&db, &args);
        // (The annual refuses to mix rubrics without weights: its message is Chinese too.)
        no_english(label, &String::from_utf8_lossy(&out.stdout));
        no_english(
            &format!("{label} (message)"),
            &without_commands(&String::from_utf8_lossy(&out.stderr)),
        );
    }
    let html = run(&["bulletin", "--round", q4, "--format", "html"]);
    no_english("bulletin html", &html_text(&html));
    let html = run(&[
        "report",
        "--round",
        four,
        "--weights",
        WHATIF,
        "--format",
        "html",
    ]);
    no_english("what-if html", &html_text(&html));
    let html = run(&[
        "report",
        "--round",
        q4,
        "--compare",
        four,
        "--by",
        "level",
        "--format",
        "html",
    ]);
    no_english("compare html", &html_text(&html));
    let docx = dir.path().join("b.docx");
    run(&[
        "bulletin",
        "--round",
        q4,
        "--format",
        "docx",
        "--out",
        docx.to_str().unwrap(),
    ]);
    no_english("bulletin docx", &docx_text(&docx));
    for (fmt, sep) in [("md", '|'), ("csv", ',')] {
        let out = dir.path().join(format!("s.{fmt}"));
        run(&[
            "sheet",
            "--round",
            four,
            "--account",
            "莲都发布",
            "--format",
            fmt,
            "--out",
            out.to_str().unwrap(),
        ]);
        let text = std::fs::read_to_string(&out).unwrap();
        no_english(&format!("sheet {fmt}"), &without_last_column(&text, sep));
    }
}

#[test]
fn the_scanner_finds_what_it_should() {
    assert_eq!(english("在 wechat 有多个账号"), vec!["wechat"]);
    assert_eq!(
        english("完整名单见 assay ops --round"),
        vec!["assay", "ops"]
    );
    assert!(english("移动客户端支持IPv6，APP 可用，见 https://example.org/a?b=c 与 截图1.png，哈希 49331a8832e6").is_empty());
}
