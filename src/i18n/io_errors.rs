//! Why a file could not be read or written, in the interface's language (the operating
//! system's reason in words; each file error's own module uses it to word itself).

use super::Lang;

/// Why a file could not be read, in words (the OS text only for unusual cases).
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => lang.pick("文件不存在", "the file does not exist").into(),
        std::io::ErrorKind::PermissionDenied => {
            lang.pick("没有读取权限", "permission denied").into()
        }
        std::io::ErrorKind::IsADirectory => lang.pick("这是一个文件夹", "it is a folder").into(),
        std::io::ErrorKind::StorageFull => lang.pick("磁盘已满", "the disk is full").into(),
        _ if lang == Lang::Zh => format!("系统报告「{e}」"),
        _ => e.to_string(),
    }
}
