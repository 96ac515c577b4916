//! `assay rubric check|show`, and the dispatch of `templates|new|export|import`.

use crate::i18n::Lang;
use crate::io::rubric_file;

use super::args::ShowFormat;
use super::{RubricCmd, rubric_files};
use crate::text_safety::{escape_cell, escape_text, unsafe_positions};

/// Warns (on stderr) about control and bidi characters in a rubric file, naming line and
/// column: they are shown escaped, but are almost never meant.
fn warn_unsafe(file: &std::path::Path, text: &str, lang: Lang) {
    for (line, col, c) in unsafe_positions(text) {
        let code = format!("U+{:04X}", u32::from(c));
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "警告：{} 第 {line} 行第 {col} 个字符是控制或双向字符 {code}，终端中显示为转义形式；请删除它",
                    file.display()
                ),
                Lang::En => format!(
                    "warning: {} line {line}, character {col}: control or bidi character {code}; it is shown escaped — remove it",
                    file.display()
                ),
            }
        );
    }
}

pub fn run(cmd: &RubricCmd, lang: Lang) -> anyhow::Result<()> {
    match cmd {
        RubricCmd::Check { files } => {
            let mut bad = 0;
            for f in files {
                match rubric_file::load(f) {
                    Ok(r) => {
                        println!(
                            "{}: ok — {} {} ({} {})",
                            f.display(),
                            escape_cell(&r.rubric.name),
                            escape_cell(&r.rubric.version),
                            r.rubric.items().len(),
                            lang.pick("项", "items")
                        );
                        warn_unsafe(f, &r.text, lang);
                    }
                    Err(e) => {
                        bad += 1;
                        let e = anyhow::Error::new(e);
                        eprintln!("{}", escape_text(&crate::error_chain::render(&e, lang)));
                    }
                }
            }
            if bad > 0 {
                return Err(crate::i18n::errors::said(
                    crate::i18n::msg::rubric_check_failed(lang, bad, files.len()),
                ));
            }
            Ok(())
        }
        RubricCmd::Show { file, format } => {
            let r = rubric_file::load(file)?;
            match format {
                ShowFormat::Text => {
                    let tree = crate::domain::rubric::render_tree(&r.rubric, lang);
                    print!("{}", escape_text(&tree));
                }
                ShowFormat::Json => println!("{}", super::output::json(&r.rubric)?),
            }
            warn_unsafe(file, &r.text, lang);
            Ok(())
        }
        RubricCmd::Templates => {
            rubric_files::templates(lang);
            Ok(())
        }
        RubricCmd::New {
            template,
            out,
            format,
            force,
        } => rubric_files::new(template, out, *format, *force, lang),
        RubricCmd::Export {
            file,
            format,
            out,
            force,
        } => rubric_files::export(file, *format, out, *force, lang),
        RubricCmd::Import { file, out, force } => rubric_files::import(file, out, *force, lang),
    }
}
