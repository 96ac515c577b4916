use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_new_file_is_written_whole_and_no_temporary_file_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("报告.csv");
    write_file(&p, "a,b\n".as_bytes()).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "a,b\n");
    assert_eq!(names(dir.path()), vec!["报告.csv"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "readable like any new file: {mode:o}");
    }
}

#[test]
fn a_failed_write_leaves_the_old_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("out.md");
    std::fs::write(&p, "old").unwrap();
    let err = write_with(&p, &mut |w| {
        w.write_all(b"half")?;
        Err(std::io::Error::other("disk gone"))
    })
    .unwrap_err();
    assert!(matches!(err, OutError::File { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
    assert_eq!(names(dir.path()), vec!["out.md"]);
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_permissions_and_a_link_stays_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.csv");
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    write_file(&link, b"new").unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn a_folder_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep"), "k").unwrap();
    let err = write_file(dir.path(), b"x").unwrap_err();
    assert!(matches!(err, OutError::Folder { .. }), "{err}");
    assert_eq!(names(dir.path()), vec!["keep"]);
    // A command that writes a folder accepts it, and refuses a file in its place.
    folder(dir.path()).unwrap();
    let f = dir.path().join("keep");
    assert!(matches!(folder(&f), Err(OutError::NotFolder { .. })));
    let new = dir.path().join("a/b");
    folder(&new).unwrap();
    assert!(new.is_dir());
}

#[cfg(unix)]
#[test]
fn a_fifo_is_written_in_place_and_stays_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pipe");
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let reader = {
        let p = p.clone();
        std::thread::spawn(move || std::fs::read(p).unwrap())
    };
    write_file(&p, b"through the pipe").unwrap();
    assert_eq!(reader.join().unwrap(), b"through the pipe");
    assert!(std::fs::metadata(&p).unwrap().file_type().is_fifo());
    assert_eq!(names(dir.path()), vec!["pipe"]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_device_is_an_error_and_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let p = Path::new("/dev/full");
    if !p.exists() {
        return;
    }
    let err = write_file(p, &[b'x'; 100_000]).unwrap_err();
    let io = err.io().expect("an I/O error");
    assert_eq!(io.kind(), std::io::ErrorKind::StorageFull, "{err}");
    assert!(std::fs::metadata(p).unwrap().file_type().is_char_device());
    write_file(Path::new("/dev/null"), b"gone").unwrap();
}

#[test]
fn a_missing_folder_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("no/such/out.csv");
    let err = write_file(&p, b"x").unwrap_err();
    match err {
        OutError::File { path, source } => {
            assert_eq!(path, p);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("{other}"),
    }
}
