//! `assay rubric templates|new|export|import`: rubrics from the templates built into the binary,
//! and rubrics to and from Excel workbooks. A file is written whole or not at all, and an
//! existing file is kept unless `--force`.

use std::path::Path;

use super::args::RubricFormat;
use crate::domain::rubric::templates::{TEMPLATES, template};
use crate::i18n::errors::said;
use crate::i18n::{Lang, msg};
use crate::io::rubric_file;
use crate::io::rubric_xlsx::{self, RubricXlsxError};

pub fn templates(lang: Lang) {
    let rows: Vec<Vec<String>> = TEMPLATES
        .iter()
        .map(|t| {
            vec![
                t.id.to_string(),
                lang.pick(t.about_zh, t.about_en).to_string(),
            ]
        })
        .collect();
    let header = [lang.pick("编号", "id"), lang.pick("说明", "about")];
    print!("{}", super::output::table(&header, &rows));
    println!("{}", msg::templates_next(lang));
}

pub fn new(
    id: &str,
    out: &Path,
    format: Option<RubricFormat>,
    force: bool,
    lang: Lang,
) -> anyhow::Result<()> {
    let Some(t) = template(id) else {
        let ids: Vec<&str> = TEMPLATES.iter().map(|t| t.id).collect();
        return Err(said(msg::unknown_template(lang, id, &ids.join("、"))));
    };
    let format = format.unwrap_or_else(|| format_of(out));
    let bytes = match format {
        RubricFormat::Ron => t.written()?.text.into_bytes(),
        RubricFormat::Xlsx => xlsx(&t.rubric()?)?,
    };
    write_new(out, &bytes, force, lang)?;
    let done = match format {
        RubricFormat::Ron => msg::rubric_created(lang, &shown(out), t.id),
        RubricFormat::Xlsx => msg::rubric_created_xlsx(lang, &shown(out), t.id),
    };
    println!("{done}");
    Ok(())
}

pub fn export(
    file: &Path,
    format: RubricFormat,
    out: &Path,
    force: bool,
    lang: Lang,
) -> anyhow::Result<()> {
    let r = rubric_file::load(file)?.rubric;
    let bytes = match format {
        RubricFormat::Xlsx => xlsx(&r)?,
        RubricFormat::Ron => crate::domain::rubric::write_ron(&r).text.into_bytes(),
    };
    write_new(out, &bytes, force, lang)?;
    println!(
        "{}",
        msg::rubric_exported(lang, &shown(out), &r.name, r.items().len())
    );
    Ok(())
}

pub fn import(file: &Path, out: &Path, force: bool, lang: Lang) -> anyhow::Result<()> {
    if out.exists() && !force {
        return Err(said(msg::out_exists(lang, &shown(out))));
    }
    let got = match rubric_xlsx::read(file) {
        Ok(got) => got,
        Err(RubricXlsxError::Read(e)) => return Err(anyhow::Error::new(e)),
        Err(e) => return Err(said(e.localized(lang))),
    };
    write_new(out, got.written.text.as_bytes(), force, lang)?;
    if !got.defaulted.is_empty() {
        eprintln!(
            "{}",
            msg::workbook_defaults(lang, &got.defaulted.join(lang.pick("、", ", ")))
        );
    }
    println!(
        "{}",
        msg::rubric_imported(
            lang,
            &shown(file),
            &shown(out),
            &got.rubric.name,
            got.rubric.items().len()
        )
    );
    Ok(())
}

/// The format a file's extension names: .xlsx is a workbook, anything else RON.
fn format_of(out: &Path) -> RubricFormat {
    let ext = out.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext.eq_ignore_ascii_case("xlsx") {
        RubricFormat::Xlsx
    } else {
        RubricFormat::Ron
    }
}

fn xlsx(r: &crate::domain::rubric::Rubric) -> anyhow::Result<Vec<u8>> {
    Ok(crate::io::export::xlsx_bytes(&rubric_xlsx::tables(r))?)
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

/// Writes the whole file beside its destination, then moves it into place: a failure leaves
/// no partial file, and an existing file is replaced only with `force`.
fn write_new(out: &Path, bytes: &[u8], force: bool, lang: Lang) -> anyhow::Result<()> {
    if out.exists() && !force {
        return Err(said(msg::out_exists(lang, &shown(out))));
    }
    let name = out.file_name().map(|n| n.to_string_lossy().to_string());
    let tmp = out.with_file_name(format!(".{}.part", name.as_deref().unwrap_or("rubric")));
    let cannot = |e: &std::io::Error| said(msg::cannot_write(lang, out, e));
    std::fs::write(&tmp, bytes).map_err(|e| cannot(&e))?;
    std::fs::rename(&tmp, out).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        cannot(&e)
    })
}
