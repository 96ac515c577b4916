//! The output and input refusals in the interface's language: an output that could not be
//! written (standard output, a `--out` file, a folder, a special file) and an input refused
//! before it was read (over its kind's cap, not a regular file).

use super::input::{InputError, size_words};
use super::out::OutError;
use crate::i18n::Lang;
use crate::i18n::errors::{Localized, io_reason};

impl Localized for OutError {
    fn say(&self, lang: Lang) -> Option<String> {
        Some(out_words(self, lang))
    }
}

impl Localized for InputError {
    fn say(&self, lang: Lang) -> Option<String> {
        Some(input_words(self, lang))
    }
}

/// An output that could not be written: standard output, a `--out` file, a folder.
fn out_words(e: &OutError, lang: Lang) -> String {
    use OutError as E;
    match e {
        E::Stdout { source } => match lang {
            Lang::Zh => format!(
                "无法写入标准输出：{}；输出不完整，请检查磁盘空间或接收输出的程序",
                io_reason(source, lang)
            ),
            Lang::En => format!(
                "cannot write to standard output: {}; the output is incomplete",
                io_reason(source, lang)
            ),
        },
        E::File { path, source } => crate::i18n::msg::cannot_write(lang, path, source),
        E::Folder { path } => match lang {
            Lang::Zh => format!(
                "{} 是一个文件夹，不能作为输出文件；请给出文件名，例如 {}",
                path.display(),
                path.join("输出.csv").display()
            ),
            Lang::En => format!(
                "{} is a folder, not an output file; give a file name such as {}",
                path.display(),
                path.join("out.csv").display()
            ),
        },
        E::NotFolder { path } => match lang {
            Lang::Zh => format!("{} 已存在且不是文件夹；请给出一个文件夹", path.display()),
            Lang::En => format!(
                "{} exists and is not a folder; give a folder",
                path.display()
            ),
        },
        E::Special { path, kind } => match lang {
            Lang::Zh => format!(
                "{} 是特殊文件（{}），写入会损坏它；请给出普通文件",
                path.display(),
                match *kind {
                    "block device" => "块设备",
                    "socket" => "套接字",
                    _ => "特殊文件",
                }
            ),
            Lang::En => format!(
                "{} is a {kind}; writing would damage it: give a regular file",
                path.display()
            ),
        },
    }
}

/// An input refused before reading: larger than the cap of its kind, or not a regular file.
fn input_words(e: &InputError, lang: Lang) -> String {
    use InputError as E;
    let zh = lang == Lang::Zh;
    match e {
        E::Io { path, source } => match lang {
            Lang::Zh => format!("无法读取 {}：{}", path.display(), io_reason(source, lang)),
            Lang::En => format!(
                "cannot read {}: {}",
                path.display(),
                io_reason(source, lang)
            ),
        },
        E::TooLarge {
            path,
            kind,
            size,
            cap,
        } => {
            let cap = size_words(*cap, zh);
            let what = kind.words(zh);
            match (size, lang) {
                (Some(n), Lang::Zh) => format!(
                    "{} 有 {}，超过{what}的上限 {cap}；未读取。请检查是否选错了文件",
                    path.display(),
                    size_words(*n, zh)
                ),
                (None, Lang::Zh) => format!(
                    "{} 读到 {cap} 仍未结束，超过{what}的上限 {cap}；已停止读取。请给出普通文件",
                    path.display()
                ),
                (Some(n), Lang::En) => format!(
                    "{} is {}, over the {cap} a {what} may hold; not read. Check that it is the right file",
                    path.display(),
                    size_words(*n, zh)
                ),
                (None, Lang::En) => format!(
                    "{} goes on past {cap}, the most a {what} may hold; reading stopped. Give a regular file",
                    path.display()
                ),
            }
        }
        E::NotRegular { path, kind } => match lang {
            Lang::Zh => format!(
                "{} 不是普通文件（设备或管道）；请把{}保存为文件后给出其路径",
                path.display(),
                kind.words(true)
            ),
            Lang::En => format!(
                "{} is not a regular file (a device or a pipe); save the {} as a file and give its path",
                path.display(),
                kind.words(false)
            ),
        },
    }
}
