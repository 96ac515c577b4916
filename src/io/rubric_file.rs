//! Reading a rubric file from disk: UTF-8 only (a BOM is allowed), then parsing and validation.

use std::path::{Path, PathBuf};

use crate::domain::rubric::{Rubric, RubricErrors, parse, rubric_hash};
use crate::i18n::Lang;
use crate::i18n::errors::{Localized, io_reason};

/// A rubric read from disk with its exact text (BOM removed) and that text's SHA-256.
#[derive(Debug, Clone)]
pub struct LoadedRubric {
    pub rubric: Rubric,
    pub text: String,
    pub hash: String,
}

#[derive(Debug, thiserror::Error)]
pub enum RubricFileError {
    #[error("{}: cannot read the rubric file: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{}:{line}:{column}: the file is not UTF-8 (invalid byte 0x{byte:02X} at byte offset {offset}) — save it as UTF-8 (in most editors: Save As… → Encoding: UTF-8)",
        path.display()
    )]
    NotUtf8 {
        path: PathBuf,
        offset: usize,
        byte: u8,
        line: usize,
        column: usize,
    },
    #[error(transparent)]
    Invalid(#[from] RubricErrors),
}

/// Reads, decodes and validates a rubric file.
pub fn load(path: &Path) -> Result<LoadedRubric, RubricFileError> {
    let bytes = std::fs::read(path).map_err(|source| RubricFileError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = decode(path, &bytes)?;
    let rubric = parse(&text, &path.display().to_string())?;
    let hash = rubric_hash(&text);
    Ok(LoadedRubric { rubric, text, hash })
}

/// UTF-8 text without a leading BOM, or the position of the first invalid byte.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, RubricFileError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let valid = e.valid_up_to();
            let before = String::from_utf8_lossy(&body[..valid]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(RubricFileError::NotUtf8 {
                path: path.to_path_buf(),
                offset: valid + (bytes.len() - body.len()),
                byte: body[valid],
                line,
                column,
            })
        }
    }
}

/// The file's refusals in words: Chinese worded here; in English too the reason a file could
/// not be read once, in words (the error's own text repeats its source).
impl Localized for RubricFileError {
    fn say(&self, lang: Lang) -> Option<String> {
        use RubricFileError as E;
        Some(match (self, lang) {
            (E::Read { path, source }, Lang::Zh) => {
                format!(
                    "{}：无法读取评分标准文件：{}",
                    path.display(),
                    io_reason(source, lang)
                )
            }
            (
                E::NotUtf8 {
                    path,
                    line,
                    column,
                    byte,
                    ..
                },
                Lang::Zh,
            ) => format!(
                "{}:{line}:{column}：文件不是 UTF-8 编码（第 {line} 行第 {column} 列有无效字节 0x{byte:02X}）；请另存为 UTF-8",
                path.display()
            ),
            // In English too: the OS text once, in words (the error's own text repeats its source).
            (E::Read { path, source }, Lang::En) => format!(
                "{}: cannot read the rubric file: {}",
                path.display(),
                io_reason(source, lang)
            ),
            (E::Invalid(errs), _) => errs.localized(lang),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_a_bom() {
        let s = decode(Path::new("x.ron"), b"\xEF\xBB\xBFRubric()").expect("utf-8");
        assert_eq!(s, "Rubric()");
    }

    #[test]
    fn gbk_text_is_refused_with_its_position() {
        // "名称" in GBK on the second line.
        let bytes = b"Rubric(\n  name: \"\xC3\xFB\xB3\xC6\",";
        let e = decode(Path::new("g.ron"), bytes).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with(
                "g.ron:2:10: the file is not UTF-8 (invalid byte 0xC3 at byte offset 17)"
            ),
            "{msg}"
        );
        assert!(msg.contains("save it as UTF-8"), "{msg}");
    }
}
