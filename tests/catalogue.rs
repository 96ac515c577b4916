//! The message catalogue reads in Chinese: every Chinese text in the sources (the first text of
//! `lang.pick`, the text of a `Lang::Zh` arm) and every error the crate words, rendered in
//! Chinese through `error_chain`, is Chinese apart from what a user types or sees on a key cap
//! (commands, flags and their values, key names, file formats: the allowlist below); and every
//! error says what was wrong and what to do.

use std::path::{Path, PathBuf};

use assay::error_chain::render;
use assay::i18n::Lang;

/// ASCII words a Chinese message may hold, and why: keys on the keyboard, names of formats and
/// programs, and the values a user types after a flag (the message quotes them so they can be
/// typed as shown). Commands (`assay …`), flags (`--db`) and `{placeholders}` are taken out
/// before the words are read.
const ALLOWED: &[&str] = &[
    // keys
    "Enter",
    "Esc",
    "Tab",
    "Home",
    "End",
    "PgUp",
    "PgDn",
    "Space",
    "Ctrl",
    "Shift",
    "Delete",
    "Backspace",
    // formats, programs, encodings, standards
    "assay",
    "Excel",
    "WPS",
    "CSV",
    "csv",
    "XLSX",
    "xlsx",
    "RON",
    "ron",
    "UTF",
    "GBK",
    "BOM",
    "SHA",
    "SQLite",
    "JSON",
    "json",
    "HTML",
    "html",
    "DOCX",
    "docx",
    "Markdown",
    "md",
    "PDF",
    "Word",
    "ICC",
    "id",
    "ASSAY_DB",
    "ASSAY_CONFIG",
    "db",
    "GB",
    "Windows",
    "APP",
    "macOS",
    "Linux",
    // values typed after a flag, quoted as the user types them
    "theirs",
    "ours",
    "any",
    "majority",
    "all",
    "mean",
    "median",
    "trimmed",
    "zh",
    "en",
    "province",
    "city",
    "county",
    "township",
    "national",
    "sichuan",
    "shenmu",
    "yunhe",
    "gov-ops",
    "wci-v",
    "bci",
    "on",
    "off",
    "evaluator",
    "chair",
    "quorum",
    "draft",
    "submitted",
];

/// The ASCII words of a Chinese text that are not allowed. Placeholders and backticked text
/// are taken out; then in each run of ASCII text, a command (`assay` and what follows it in the
/// run) and a flag with its value (`--take theirs`) are skipped.
fn english_words(zh: &str) -> Vec<String> {
    let mut text = String::new();
    let mut depth = 0usize;
    let mut tick = false;
    for c in zh.chars() {
        match c {
            // Placeholders, and what a message quotes: the user's own value (“…”) or another
            // program's text (「…」).
            '{' | '“' | '「' => depth += 1,
            '}' | '”' | '」' => depth = depth.saturating_sub(1),
            '`' => tick = !tick,
            _ if depth == 0 && !tick => text.push(c),
            _ => text.push('\u{3000}'),
        }
    }
    let mut bad = Vec::new();
    for run in text.split(|c: char| !c.is_ascii() || c.is_ascii_control()) {
        let mut tokens = run.split_whitespace();
        while let Some(t) = tokens.next() {
            if t == "assay" {
                break;
            }
            if t.starts_with("--") {
                tokens.next();
                continue;
            }
            if t.starts_with(|c: char| c.is_ascii_digit()) {
                // A number as written (0xB5, 2021-03-05, 3.5).
                continue;
            }
            for w in t.split(|c: char| !c.is_ascii_alphabetic() && c != '_' && c != '-') {
                let w = w.trim_matches(|c| c == '-' || c == '_');
                if w.chars().filter(char::is_ascii_alphabetic).count() >= 2
                    && !ALLOWED.contains(&w)
                    && !ALLOWED.iter().any(|a| a.contains('-') && w.starts_with(a))
                {
                    bad.push(w.to_string());
                }
            }
        }
    }
    bad
}

/// Whether a text without Han characters still has letters outside its placeholders (a text
/// made of placeholders and punctuation, `{}（{p}）`, is a frame for Chinese values).
fn english_words_in_placeholders_aside(zh: &str) -> bool {
    let mut depth = 0usize;
    zh.chars().any(|c| {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth == 0 && c.is_ascii_alphabetic()
    })
}

/// Chinese as a reader sees it: at least one Han character.
fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
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

/// Every Rust source under `src/`, in path order: its path relative to `src/` and its text.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    (files.iter())
        .map(|f| {
            let rel = f.strip_prefix(&src).unwrap_or(f).display().to_string();
            (rel, std::fs::read_to_string(f).expect("read source"))
        })
        .collect()
}

/// The string literal starting at `s` (after optional spaces): its text, escapes resolved
/// enough for reading (`\n`, `\"`, `\\`, a line continuation).
fn literal(s: &str) -> Option<String> {
    let s = s.trim_start();
    let rest = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                '\n' => {
                    while chars.clone().next().is_some_and(char::is_whitespace) {
                        chars.next();
                    }
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// The Chinese texts of a source: the first argument of every `.pick(` and the first literal
/// of every `Lang::Zh … =>` arm (when the arm starts with one, `format!`, or `Some(format!`).
fn chinese_texts(src: &str) -> Vec<(usize, String)> {
    let line = |i: usize| src[..i].matches('\n').count() + 1;
    let mut found = Vec::new();
    for (i, _) in src.match_indices(".pick(") {
        if let Some(t) = literal(&src[i + ".pick(".len()..]) {
            found.push((line(i), t));
        }
    }
    for (i, _) in src.match_indices("Lang::Zh") {
        let after = &src[i..];
        let Some(arrow) = after.find("=>") else {
            continue;
        };
        let head = &after["Lang::Zh".len()..arrow];
        if head.contains(';') || head.contains('{') || head.len() > 200 {
            continue;
        }
        let mut body = after[arrow + 2..].trim_start();
        for opener in ["{", "Some(", "format!(", "lang.pick("] {
            body = body.strip_prefix(opener).unwrap_or(body).trim_start();
        }
        body = body.strip_prefix("format!(").unwrap_or(body);
        if let Some(t) = literal(body) {
            found.push((line(i), t));
        }
    }
    found
}

#[test]
fn every_chinese_text_in_the_sources_is_chinese() {
    let (mut read, mut bad) = (0, Vec::new());
    for (rel, text) in sources() {
        for (line, zh) in chinese_texts(&text) {
            read += 1;
            let words = english_words(&zh);
            if !words.is_empty() {
                bad.push(format!("src/{rel}:{line}: {words:?} in «{zh}»"));
            } else if !has_han(&zh) && english_words_in_placeholders_aside(&zh) {
                bad.push(format!("src/{rel}:{line}: no Chinese in «{zh}»"));
            }
        }
    }
    assert!(
        read > 500,
        "only {read} Chinese texts read: is the reader broken?"
    );
    assert!(
        bad.is_empty(),
        "{} Chinese texts hold English:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// The literal messages errors are raised with at the edges (`bail!`, `anyhow!`, `.context`):
/// each must come from the catalogue (a placeholder filled by a message function) or be
/// Chinese, never English words of its own, which a Chinese user would read as they are.
fn edge_messages(src: &str) -> Vec<(usize, String)> {
    let line = |i: usize| src[..i].matches('\n').count() + 1;
    let mut found = Vec::new();
    for opener in ["bail!(", "anyhow!(", ".context(", ".with_context(|| "] {
        for (i, _) in src.match_indices(opener) {
            if let Some(t) = literal(&src[i + opener.len()..]) {
                found.push((line(i), t));
            }
        }
    }
    found
}

#[test]
fn no_error_is_raised_with_english_words_of_its_own() {
    let (mut read, mut bad) = (0, Vec::new());
    for (rel, text) in sources() {
        for (line, msg) in edge_messages(&text) {
            read += 1;
            if !has_han(&msg) && english_words_in_placeholders_aside(&msg) {
                bad.push(format!("src/{rel}:{line}: «{msg}»"));
            }
        }
    }
    assert!(
        read > 40,
        "only {read} messages read: is the reader broken?"
    );
    assert!(
        bad.is_empty(),
        "{} errors raised with English text of their own (use the catalogue in src/i18n):\n{}",
        bad.len(),
        bad.join("\n")
    );
    let caught = edge_messages(r#"anyhow::bail!("no rounds yet"); x.context("{}")"#);
    assert_eq!(caught.len(), 2, "the reader finds both forms");
}

#[test]
fn the_reader_finds_english_outside_commands_flags_and_placeholders() {
    assert!(english_words("请用 assay score set --value 3 录入").is_empty());
    assert!(english_words("用 --take theirs|ours（全部）；{path} 中 `assay init`").is_empty());
    assert!(english_words("Enter/Esc 关闭").is_empty());
    assert_eq!(
        english_words("数据库 error：cannot open"),
        ["error", "cannot", "open"]
    );
    assert_eq!(english_words("（trimmed）与 weird"), ["weird"]);
    let src = "let a = lang.pick(\"已提交\", \"submitted\");\n match l { Lang::Zh => format!(\"第 {n} 行 bad\"), _ => x }";
    let texts: Vec<String> = chinese_texts(src).into_iter().map(|(_, t)| t).collect();
    assert_eq!(texts, ["已提交", "第 {n} 行 bad"]);
}

/// What a message says to do: one of these in Chinese, one of these words in English.
const FIX_ZH: &[&str] = &[
    "请", "先", "可用", "用 ", "改", "重试", "升级", "恢复", "换", "删", "检查", "指定", "运行",
    "应为", "须", "只能", "可选", "确认", "另存", "拆分", "填写", "保留", "去掉", "设为", "关闭",
    "腾出",
];
const FIX_EN: &[&str] = &[
    "check", "use", "give", "pick", "save", "fix", "remove", "ask", "upgrade", "restore", "run",
    "set", "import", "close", "free", "make", "try", "name", "split", "delete", "add", "reopen",
    "see", "keep", "write", "generate", "export",
];

fn says_what_to_do(text: &str, lang: Lang) -> bool {
    match lang {
        Lang::Zh => FIX_ZH.iter().any(|m| text.contains(m)),
        Lang::En => text
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| FIX_EN.contains(&w.to_ascii_lowercase().as_str())),
    }
}

fn io_error(kind: std::io::ErrorKind) -> std::io::Error {
    std::io::Error::new(kind, "os text")
}

/// One error of every kind the crate words, as a user meets it (the values quote Chinese file
/// names, as offices name their files). Faults of the program itself (SQLite's own failures,
/// the embedded sample data) are left out: no user can fix them.
fn every_error() -> Vec<(&'static str, anyhow::Error)> {
    use assay::config::ConfigError;
    use assay::domain::whatif::WeightsError;
    use assay::r#gen::GenError;
    use assay::io::accounts::{ImportError, RowProblem, Said};
    use assay::io::metrics::MetricsError;
    use assay::io::panel_file::PanelFileError;
    use assay::io::rubric_file::RubricFileError;
    use assay::sample::SampleError;
    use assay::storage::{StoreError, Why};
    use std::io::ErrorKind::{NotFound, PermissionDenied};
    use std::path::PathBuf;
    let p = || PathBuf::from("名录.csv");
    let db = || PathBuf::from("评估.db");
    let said = || Said {
        en: "row 3 is bad; fix it".into(),
        zh: "第 3 行有误；请改正".into(),
    };
    let row = |message: &str, value: &str| RowProblem {
        row: 3,
        column: "新媒体类型".into(),
        value: value.into(),
        message: message.into(),
        zh: None,
    };
    fn e<E: std::error::Error + Send + Sync + 'static>(x: E) -> anyhow::Error {
        anyhow::Error::new(x)
    }
    vec![
        (
            "weights syntax",
            e(WeightsError::Syntax {
                part: "职能=30".into(),
                example: "fit=25,craft=30".into(),
            }),
        ),
        (
            "weights value",
            e(WeightsError::BadValue {
                id: "fit".into(),
                value: "-5".into(),
            }),
        ),
        (
            "weights unknown",
            e(WeightsError::Unknown {
                id: "talk".into(),
                known: "fit,craft".into(),
            }),
        ),
        (
            "weights duplicate",
            e(WeightsError::Duplicate { id: "fit".into() }),
        ),
        (
            "weights missing",
            e(WeightsError::Missing {
                ids: "reach".into(),
                example: "fit=25,craft=30".into(),
            }),
        ),
        (
            "weights sum",
            e(WeightsError::Sum {
                sum: "105".into(),
                total: "100".into(),
            }),
        ),
        (
            "weights variant",
            e(WeightsError::VariantCategories {
                file: "变体.ron".into(),
                theirs: "a,b".into(),
                ours: "fit,craft".into(),
            }),
        ),
        (
            "store too new",
            e(StoreError::TooNew {
                path: db(),
                found: 9,
                supported: 8,
            }),
        ),
        ("store locked", e(StoreError::Locked { path: db() })),
        ("store missing", e(StoreError::Missing { path: db() })),
        (
            "store foreign",
            e(StoreError::Foreign {
                path: db(),
                what: Why::NotSqlite,
            }),
        ),
        (
            "store foreign tables",
            e(StoreError::Foreign {
                path: db(),
                what: Why::OtherTables("订单".into()),
            }),
        ),
        (
            "store foreign id",
            e(StoreError::Foreign {
                path: db(),
                what: Why::OtherId(7),
            }),
        ),
        (
            "store damaged",
            e(StoreError::Damaged {
                path: db(),
                what: Why::Version(99),
            }),
        ),
        (
            "store damaged tables",
            e(StoreError::Damaged {
                path: db(),
                what: Why::MissingTables("entries".into()),
            }),
        ),
        ("store read-only", e(StoreError::ReadOnly { path: db() })),
        (
            "store disk",
            e(StoreError::Disk {
                path: db(),
                err: "磁盘已满".into(),
            }),
        ),
        (
            "store create dir",
            e(StoreError::CreateDir {
                path: db(),
                err: io_error(PermissionDenied),
            }),
        ),
        (
            "store rubric changed",
            e(StoreError::RubricChanged {
                id: 1,
                name: "2024 第四季度".into(),
            }),
        ),
        (
            "store ambiguous",
            e(StoreError::Ambiguous {
                key: "丽水发布".into(),
                candidates: vec!["微信:丽水发布".into(), "微博:丽水发布".into()],
            }),
        ),
        (
            "store submitted",
            e(StoreError::Submitted {
                round_id: 1,
                account_id: 2,
                evaluator: "王敏".into(),
            }),
        ),
        (
            "import io",
            e(ImportError::Io {
                path: p(),
                source: io_error(NotFound),
            }),
        ),
        (
            "import format",
            e(ImportError::Format {
                path: p(),
                ext: "pages".into(),
            }),
        ),
        ("import encoding", e(ImportError::Encoding { path: p() })),
        (
            "import csv",
            e(ImportError::Csv {
                path: p(),
                message: said(),
            }),
        ),
        (
            "import workbook",
            e(ImportError::Workbook {
                path: p(),
                message: said(),
            }),
        ),
        (
            "import no sheet",
            e(ImportError::NoSheet {
                path: p(),
                sheet: "名录".into(),
                available: vec!["表1".into()],
            }),
        ),
        (
            "import too large",
            e(ImportError::TooLarge {
                path: p(),
                what: said(),
                limit: said(),
            }),
        ),
        ("import empty", e(ImportError::Empty { path: p() })),
        (
            "import columns",
            e(ImportError::MissingColumns {
                path: p(),
                missing: vec!["新媒体名称".into()],
                found: vec!["序号".into()],
            }),
        ),
        (
            "import rows",
            e(ImportError::Rows {
                path: p(),
                data_rows: 9,
                problems: vec![
                    row("missing platform", ""),
                    row("unknown platform \"抖音号\"", "抖音号"),
                    row("missing account name", ""),
                    row("missing host unit", ""),
                    row("missing level", ""),
                    row("unknown level", "区级"),
                    row("bad date", "2021.3"),
                    row(
                        "duplicate account: rows 3 and 5 both list 丽水发布 on 微信; keep one row",
                        "丽水发布",
                    ),
                ],
            }),
        ),
        (
            "panel io",
            e(PanelFileError::Io {
                path: p(),
                source: io_error(NotFound),
            }),
        ),
        (
            "panel corrupt",
            e(PanelFileError::Corrupt {
                path: p(),
                why: "格式不对".into(),
            }),
        ),
        (
            "panel newer",
            e(PanelFileError::Newer {
                path: p(),
                found: 9,
            }),
        ),
        (
            "panel unsigned",
            e(PanelFileError::Signed {
                claimed: Some("张三".into()),
                source: assay::io::signed::SignedError::Unsigned { path: p() },
            }),
        ),
        (
            "panel altered",
            e(PanelFileError::Signed {
                claimed: Some("张三".into()),
                source: assay::io::signed::SignedError::BadSignature { path: p() },
            }),
        ),
        (
            "config read",
            e(ConfigError::Read {
                path: p(),
                source: io_error(PermissionDenied),
            }),
        ),
        (
            "config parse",
            e(ConfigError::Parse {
                path: p(),
                err: "第 2 行".into(),
            }),
        ),
        (
            "config write",
            e(ConfigError::Write {
                path: p(),
                source: io_error(PermissionDenied),
            }),
        ),
        ("config no dir", e(ConfigError::NoDir)),
        (
            "rubric read",
            e(RubricFileError::Read {
                path: p(),
                source: io_error(NotFound),
            }),
        ),
        (
            "rubric not utf-8",
            e(RubricFileError::NotUtf8 {
                path: p(),
                offset: 9,
                byte: 0xB5,
                line: 2,
                column: 3,
            }),
        ),
        (
            "metrics no header",
            e(MetricsError::NoHeader {
                file: "周数据.csv".into(),
                found: vec!["序号".into()],
            }),
        ),
        (
            "metrics rows",
            e(MetricsError::Rows {
                file: "周数据.csv".into(),
                problems: vec![said()],
            }),
        ),
        (
            "metrics read",
            e(MetricsError::Read(ImportError::Empty { path: p() })),
        ),
        (
            "gen read",
            e(GenError::Read {
                path: p(),
                source: io_error(NotFound),
            }),
        ),
        (
            "gen empty",
            e(GenError::Empty {
                accounts: 0,
                evaluators: 1,
            }),
        ),
        (
            "gen too large",
            e(GenError::TooLarge {
                what: "--accounts",
                value: u64::MAX,
                limit: 10,
            }),
        ),
        (
            "gen store",
            e(GenError::Store(StoreError::Locked { path: db() })),
        ),
        (
            "demo not empty",
            e(SampleError::NotEmpty {
                accounts: 3,
                rounds: 1,
            }),
        ),
        (
            "demo store",
            e(SampleError::Store(StoreError::Missing { path: db() })),
        ),
        (
            "demo import",
            e(SampleError::Accounts(ImportError::Empty { path: p() })),
        ),
    ]
}

#[test]
fn every_error_says_what_was_wrong_and_what_to_do_in_chinese_and_english() {
    let mut bad = Vec::new();
    for (what, err) in every_error() {
        let zh = render(&err, Lang::Zh);
        let en = render(&err, Lang::En);
        let english = english_words(&zh);
        if !has_han(&zh) || !english.is_empty() {
            bad.push(format!("{what}: not Chinese ({english:?}): «{zh}»"));
        }
        if !says_what_to_do(&zh, Lang::Zh) {
            bad.push(format!("{what}: says nothing to do: «{zh}»"));
        }
        if !says_what_to_do(&en, Lang::En) {
            bad.push(format!("{what}: says nothing to do: «{en}»"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} messages fall short:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
