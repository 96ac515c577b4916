//! `assay rubric check|show`.

use crate::i18n::Lang;
use crate::io::rubric_file;

use super::RubricCmd;

pub fn run(cmd: &RubricCmd, lang: Lang) -> anyhow::Result<()> {
    match cmd {
        RubricCmd::Check { files } => {
            let mut bad = 0;
            for f in files {
                match rubric_file::load(f) {
                    Ok(r) => println!(
                        "{}: ok — {} {} ({} {})",
                        f.display(),
                        r.rubric.name,
                        r.rubric.version,
                        r.rubric.items().len(),
                        lang.pick("项", "items")
                    ),
                    Err(e) => {
                        bad += 1;
                        let e = anyhow::Error::new(e);
                        eprintln!("{}", crate::i18n::errors::render(&e, lang));
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
        RubricCmd::Show { file } => {
            let r = rubric_file::load(file)?;
            print!("{}", crate::domain::rubric::render_tree(&r.rubric, lang));
            Ok(())
        }
    }
}
