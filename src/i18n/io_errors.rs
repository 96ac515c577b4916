//! Why a file could not be read or written, in the interface's language (the operating
//! system's reason in words; each file error's own module uses it to word itself).

use super::Lang;

/// Why a file could not be read or written, in words, and what to do about it (the OS text
/// only for unusual cases, quoted).
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => lang
            .pick(
                "文件不存在，请检查路径",
                "the file does not exist; check the path",
            )
            .into(),
        std::io::ErrorKind::PermissionDenied => lang
            .pick(
                "没有权限，请检查文件及其文件夹的权限",
                "permission denied; check the permissions of the file and its folder",
            )
            .into(),
        std::io::ErrorKind::IsADirectory => lang
            .pick(
                "这是一个文件夹，请给出文件的路径",
                "it is a folder; give the path of a file",
            )
            .into(),
        std::io::ErrorKind::StorageFull => lang
            .pick(
                "磁盘已满，请腾出空间后重试",
                "the disk is full; free some space and try again",
            )
            .into(),
        _ if lang == Lang::Zh => format!("系统报告「{e}」，请检查路径和权限"),
        _ => format!("{e}; check the path and its permissions"),
    }
}
