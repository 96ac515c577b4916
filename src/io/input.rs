//! Every input file read within a cap: a regular file's size is checked before a byte is read,
//! a device or FIFO is read up to the cap and refused past it, and each kind of input has its
//! documented cap (named in the refusal), so no file can make the program read or hold more.

use std::io::Read;
use std::path::{Path, PathBuf};

/// What an input is, for its cap and for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A rubric file (RON).
    Rubric,
    /// An account registry (CSV, or an XLSX workbook on disk).
    Registry,
    /// A score file for `score import`.
    Scores,
    /// Operations metrics (posts or weekly figures).
    Metrics,
    /// A panel exchange file from an evaluator.
    PanelFile,
    /// A round package from the chair.
    Package,
    /// An index formula file.
    Formula,
}

const MB: u64 = 1024 * 1024;

impl Kind {
    /// The largest file of this kind read at all.
    pub fn cap(self) -> u64 {
        match self {
            Kind::Rubric | Kind::Formula => 4 * MB,
            // Tables (CSV text or a workbook on disk): io::accounts::limits keeps the rest of
            // an import within about 300 MB.
            Kind::Registry | Kind::Scores | Kind::Metrics => 64 * MB,
            Kind::Package => 100 * MB,
            Kind::PanelFile => 200 * MB,
        }
    }

    /// The kind in words, for messages.
    pub fn words(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Kind::Rubric, true) => "评分标准文件",
            (Kind::Rubric, false) => "rubric file",
            (Kind::Registry, true) => "账号登记表",
            (Kind::Registry, false) => "account registry",
            (Kind::Scores, true) => "评分文件",
            (Kind::Scores, false) => "score file",
            (Kind::Metrics, true) => "运营数据文件",
            (Kind::Metrics, false) => "metrics file",
            (Kind::PanelFile, true) => "评审组导出文件",
            (Kind::PanelFile, false) => "panel file",
            (Kind::Package, true) => "轮次任务包",
            (Kind::Package, false) => "round package",
            (Kind::Formula, true) => "指数公式文件",
            (Kind::Formula, false) => "formula file",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Larger than the cap of its kind (`size` is `None` when the file has no length: a device
    /// or FIFO that went on past the cap).
    #[error("{path} is larger than {cap} bytes, the most a {kind:?} may hold")]
    TooLarge {
        path: PathBuf,
        kind: Kind,
        size: Option<u64>,
        cap: u64,
    },
    /// A format that is read by seeking (a workbook) given a device or FIFO.
    #[error("{path} is not a regular file; save the {kind:?} as a file and give its path")]
    NotRegular { path: PathBuf, kind: Kind },
}

/// Reads a whole input of `kind`, refusing it when it is larger than the kind's cap.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, InputError> {
    read_capped(path, kind, kind.cap())
}

/// [`read`] with an explicit cap (tests, and kinds whose cap a caller narrows).
pub fn read_capped(path: &Path, kind: Kind, cap: u64) -> Result<Vec<u8>, InputError> {
    let io = |source| InputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    let too_large = |size| InputError::TooLarge {
        path: path.to_path_buf(),
        kind,
        size,
        cap,
    };
    if meta.is_file() && meta.len() > cap {
        return Err(too_large(Some(meta.len())));
    }
    let hint = if meta.is_file() { meta.len() } else { 0 };
    let mut bytes = Vec::with_capacity(hint.min(cap) as usize);
    file.take(cap + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(too_large(meta.is_file().then_some(bytes.len() as u64)));
    }
    Ok(bytes)
}

/// Reads a whole input of `kind` as UTF-8 text (the caller words a decoding failure).
pub fn read_text(path: &Path, kind: Kind) -> Result<Result<String, Vec<u8>>, InputError> {
    let bytes = read(path, kind)?;
    Ok(String::from_utf8(bytes).map_err(|e| e.into_bytes()))
}

/// Checks a file read by seeking (a workbook): a regular file within the kind's cap.
pub fn check_regular(path: &Path, kind: Kind) -> Result<u64, InputError> {
    let meta = std::fs::metadata(path).map_err(|source| InputError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(InputError::NotRegular {
            path: path.to_path_buf(),
            kind,
        });
    }
    if meta.len() > kind.cap() {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            kind,
            size: Some(meta.len()),
            cap: kind.cap(),
        });
    }
    Ok(meta.len())
}

/// A size in words: whole megabytes from 1 MB, else bytes.
pub fn size_words(bytes: u64, zh: bool) -> String {
    match (bytes >= MB, zh) {
        (true, _) => format!("{} MB", bytes / MB),
        (false, true) => format!("{bytes} 字节"),
        (false, false) => format!("{bytes} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_over_its_cap_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.ron");
        std::fs::write(&p, vec![b' '; 2000]).unwrap();
        match read_capped(&p, Kind::Rubric, 1000) {
            Err(InputError::TooLarge {
                size: Some(2000),
                cap: 1000,
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
        assert_eq!(read_capped(&p, Kind::Rubric, 2000).unwrap().len(), 2000);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_read_up_to_the_cap_and_no_further() {
        match read_capped(Path::new("/dev/zero"), Kind::PanelFile, 1 << 20) {
            Err(InputError::TooLarge { size: None, .. }) => {}
            other => panic!("{other:?}"),
        }
        assert!(
            read(Path::new("/dev/null"), Kind::Metrics)
                .unwrap()
                .is_empty()
        );
        assert!(matches!(
            check_regular(Path::new("/dev/zero"), Kind::Registry),
            Err(InputError::NotRegular { .. })
        ));
    }

    #[test]
    fn a_folder_is_an_error_not_a_read() {
        let dir = tempfile::tempdir().unwrap();
        let e = read(dir.path(), Kind::Scores).unwrap_err();
        assert!(matches!(e, InputError::Io { .. }), "{e}");
    }
}
