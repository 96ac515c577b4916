//! The one writer of every command's output. Standard output reports a failed write (a full
//! disk, a closed pipe) as an error instead of a panic; a `--out` file is written through a
//! temporary file in its folder and renamed over the target, so a failure leaves the old file
//! whole; a FIFO or character device is written in place and never replaced; a folder, a block
//! device or a socket is refused. Commands that write a folder of files use [`folder`].

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an output could not be written. It words itself (`io::out_words`).
#[derive(Debug, thiserror::Error)]
pub enum OutError {
    /// Standard output refused the bytes (a full disk, a closed pipe, a revoked terminal).
    #[error("cannot write to standard output: {source}")]
    Stdout {
        #[source]
        source: std::io::Error,
    },
    /// The target file (or its temporary sibling) could not be written.
    #[error("cannot write {path}: {source}")]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file was asked for and the target is a folder.
    #[error("{path} is a folder; give a file name (for example {path}/out.csv)")]
    Folder { path: PathBuf },
    /// A folder was asked for and the target is something else.
    #[error("{path} exists and is not a folder; give a folder")]
    NotFolder { path: PathBuf },
    /// A block device, socket or other special file: writing it would damage it.
    #[error("{path} is a special file ({kind}); give a regular file")]
    Special { path: PathBuf, kind: &'static str },
}

impl OutError {
    /// The I/O error underneath, when there is one.
    pub fn io(&self) -> Option<&std::io::Error> {
        match self {
            OutError::Stdout { source } | OutError::File { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Writes `text` to standard output, nothing added. Use [`outln!`](crate::io::out::outln) for lines.
pub fn print(text: &str) -> Result<(), OutError> {
    print_bytes(text.as_bytes())
}

/// Writes bytes to standard output (a workbook piped to a file).
pub fn print_bytes(bytes: &[u8]) -> Result<(), OutError> {
    std::io::stdout()
        .lock()
        .write_all(bytes)
        .map_err(|source| OutError::Stdout { source })
}

/// Writes formatted text to standard output (what [`outln!`](crate::io::out::outln) expands to).
pub fn print_fmt(args: std::fmt::Arguments<'_>) -> Result<(), OutError> {
    std::io::stdout()
        .lock()
        .write_fmt(args)
        .map_err(|source| OutError::Stdout { source })
}

/// Flushes standard output: what is still buffered fails here, not silently at exit.
pub fn flush() -> Result<(), OutError> {
    std::io::stdout()
        .lock()
        .flush()
        .map_err(|source| OutError::Stdout { source })
}

/// Streams to standard output through a buffer, then flushes; errors name standard output.
pub fn stream_stdout(
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutError> {
    let lock = std::io::stdout().lock();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, lock);
    fill(&mut w)
        .and_then(|()| w.flush())
        .map_err(|source| OutError::Stdout { source })
}

/// Prints one formatted line to standard output; evaluates to `Result<(), OutError>`.
macro_rules! outln {
    () => {
        $crate::io::out::print("\n")
    };
    ($($arg:tt)*) => {
        $crate::io::out::print_fmt(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// Prints formatted text to standard output, no newline added; `Result<(), OutError>`.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::io::out::print_fmt(format_args!($($arg)*))
    };
}
pub(crate) use {out, outln};

/// What a `--out` path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A regular file or a new name: written through a temporary file and a rename. The path
    /// is the file itself (a symbolic link is followed, so the link stays a link).
    Replace(PathBuf),
    /// A FIFO or character device (`/dev/null`, a pipe a reader waits on): written in place.
    InPlace(PathBuf),
}

/// Classifies a `--out` path before anything is computed, refusing a folder or special file.
pub fn file_target(path: &Path) -> Result<Target, OutError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A new name, or a dangling link: write where the link points.
            let real = std::fs::read_link(path)
                .map(|t| path.parent().unwrap_or(Path::new("")).join(t))
                .unwrap_or_else(|_| path.to_path_buf());
            return Ok(Target::Replace(real));
        }
        Err(source) => {
            return Err(OutError::File {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    if meta.is_dir() {
        return Err(OutError::Folder {
            path: path.to_path_buf(),
        });
    }
    if meta.is_file() {
        let real = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        } else {
            path.to_path_buf()
        };
        return Ok(Target::Replace(real));
    }
    special(path, &meta)
}

#[cfg(unix)]
fn special(path: &Path, meta: &std::fs::Metadata) -> Result<Target, OutError> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() || t.is_char_device() {
        return Ok(Target::InPlace(path.to_path_buf()));
    }
    let kind = if t.is_block_device() {
        "block device"
    } else if t.is_socket() {
        "socket"
    } else {
        "special file"
    };
    Err(OutError::Special {
        path: path.to_path_buf(),
        kind,
    })
}

#[cfg(not(unix))]
fn special(path: &Path, _meta: &std::fs::Metadata) -> Result<Target, OutError> {
    // Windows devices (NUL, CON) are written in place like their Unix counterparts.
    Ok(Target::InPlace(path.to_path_buf()))
}

/// Writes `bytes` as the file `path` (see [`write_with`]).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutError> {
    write_with(path, &mut |w| w.write_all(bytes))
}

/// Writes the file `path` by streaming into `fill`. A regular target is written to a temporary
/// file in the same folder, flushed to disk and renamed over it (the old file stays whole when
/// anything fails); a FIFO or character device is opened and written in place; anything else
/// is refused before a byte is written.
pub fn write_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutError> {
    match file_target(path)? {
        Target::InPlace(p) => {
            let err = |source| OutError::File {
                path: path.to_path_buf(),
                source,
            };
            let file = OpenOptions::new().write(true).open(&p).map_err(err)?;
            let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
            fill(&mut w).and_then(|()| w.flush()).map_err(err)
        }
        Target::Replace(p) => replace(path, &p, fill),
    }
}

fn replace(
    named: &Path,
    real: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutError> {
    let err = |source| OutError::File {
        path: named.to_path_buf(),
        source,
    };
    let dir = match real.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".assay-").suffix(".part");
    #[cfg(unix)]
    {
        // A new output file is readable like any other file the user makes (umask applies);
        // tempfile's own default is private (0600).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        fill(&mut w).and_then(|()| w.flush()).map_err(err)?;
    }
    // An existing file keeps its permissions when replaced.
    if let Ok(m) = std::fs::metadata(real) {
        let _ = tmp.as_file().set_permissions(m.permissions());
    }
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(real).map_err(|e| err(e.error))?;
    Ok(())
}

/// Writes `path` from a file another writer makes (SQLite's backup): `make` creates the file
/// at the path it is given, in a fresh temporary folder beside the target, which then replaces
/// the target as [`write_with`] does (flushed to disk, renamed); a FIFO or character device
/// receives the file's bytes in place. `make`'s own error is returned as it is.
pub fn write_from_file<E: From<OutError>>(
    path: &Path,
    make: &mut dyn FnMut(&Path) -> Result<(), E>,
) -> Result<(), E> {
    let target = file_target(path)?;
    let err = |source| OutError::File {
        path: path.to_path_buf(),
        source,
    };
    let dir = match &target {
        Target::Replace(real) => match real.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        },
        Target::InPlace(_) => std::env::temp_dir(),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".assay-")
        .tempdir_in(&dir)
        .map_err(err)?;
    let made = tmp.path().join("copy");
    make(&made)?;
    match target {
        Target::Replace(real) => {
            File::open(&made)
                .and_then(|f| f.sync_all())
                .and_then(|()| std::fs::rename(&made, &real))
                .map_err(err)?;
        }
        Target::InPlace(_) => {
            let mut from = File::open(&made).map_err(err)?;
            write_with(path, &mut |w| std::io::copy(&mut from, w).map(|_| ()))?;
        }
    }
    Ok(())
}

/// Makes sure `path` is a folder to write files into (created when missing); refuses a path
/// that exists as anything else.
pub fn folder(path: &Path) -> Result<(), OutError> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(OutError::NotFolder {
            path: path.to_path_buf(),
        }),
        Err(_) => std::fs::create_dir_all(path).map_err(|source| OutError::File {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Saves a workbook through [`write_file`] (rust_xlsxwriter's own `save` would replace a FIFO
/// or a device with a regular file). A refusal reads as the workbook writer's I/O error.
pub fn save_xlsx(
    wb: &mut rust_xlsxwriter::Workbook,
    path: &Path,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let as_xlsx = |e: OutError| {
        let kind = e
            .io()
            .map_or(std::io::ErrorKind::Other, std::io::Error::kind);
        rust_xlsxwriter::XlsxError::IoError(std::io::Error::new(kind, e.to_string()))
    };
    file_target(path).map_err(as_xlsx)?;
    let bytes = wb.save_to_buffer()?;
    write_file(path, &bytes).map_err(as_xlsx)
}

#[cfg(test)]
#[path = "out_tests.rs"]
mod tests;
