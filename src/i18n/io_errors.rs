//! File errors in the interface's language: rubric files, account registries and their row
//! problems (the importer's own messages are English; they are worded here).

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

pub(super) fn rubric_file(
    e: &crate::io::rubric_file::RubricFileError,
    lang: Lang,
) -> Option<String> {
    use crate::io::rubric_file::RubricFileError as E;
    Some(match (e, lang) {
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

pub(super) fn import(e: &crate::io::accounts::ImportError, lang: Lang) -> Option<String> {
    use crate::io::accounts::ImportError as E;
    if lang == Lang::En {
        // The reason once, in words (the error's own text repeats its source).
        return match e {
            E::Io { path, source } => Some(format!(
                "cannot read {}: {}",
                path.display(),
                io_reason(source, lang)
            )),
            _ => None,
        };
    }
    Some(match e {
        E::Io { path, source } => {
            format!("无法读取 {}：{}", path.display(), io_reason(source, lang))
        }
        E::TooLarge { path, what, limit } => format!(
            "{} 太大，无法导入：{}（上限 {}）；请拆分文件或删去未用的行和列",
            path.display(),
            what.zh,
            limit.zh
        ),
        E::Format { path, ext } => format!(
            "{}：不支持的文件类型“{ext}”；请导入 .csv（UTF-8 或 GBK）或 .xlsx 文件",
            path.display()
        ),
        E::Encoding { path } => format!(
            "{} 既不是 UTF-8 也不是 GBK 文本；请在 Excel 中另存为“CSV UTF-8”或 .xlsx",
            path.display()
        ),
        E::Csv { path, message } => format!("{}：CSV 格式有误：{}", path.display(), message.zh),
        E::Workbook { path, message } => format!(
            "无法读取工作簿 {}：{}；请确认它能在 Excel 中打开且为 .xlsx",
            path.display(),
            message.zh
        ),
        E::NoSheet {
            path,
            sheet,
            available,
        } => format!(
            "{} 中没有名为“{sheet}”的工作表；已有工作表：{}",
            path.display(),
            available.join("、")
        ),
        E::Empty { path } => format!("{} 没有数据：文件为空或只有空行", path.display()),
        E::MissingColumns {
            path,
            missing,
            found,
        } => format!(
            "{}：找不到含必需列的表头行；缺少 {}。已有表头：{}。请把列命名为如 新媒体类型、新媒体名称、责任单位",
            path.display(),
            missing.join("、"),
            found.join("、")
        ),
        E::Rows {
            path,
            problems,
            data_rows,
        } => {
            let mut s = format!(
                "{}：{data_rows} 行数据中有 {} 处问题，未导入任何内容。请修改后重新导入：",
                path.display(),
                problems.len()
            );
            for p in problems {
                s += &format!("\n  第 {} 行，列“{}”", p.row, p.column);
                if !p.value.is_empty() {
                    s += &format!("，值“{}”", p.value);
                }
                s += &format!("：{}", row_message_zh(p));
            }
            s
        }
    })
}

/// The Chinese wording of a row problem of the account importer (its messages are English).
fn row_message_zh(p: &crate::io::accounts::RowProblem) -> String {
    use crate::domain::platform::Platform;
    const LEVELS: &str = "可选：省级、市级、县级、乡镇级（或 province、city、county、township）";
    let m = p.message.as_str();
    if m.starts_with("missing platform") {
        super::msg::missing_platform(Lang::Zh, &Platform::accepted(Lang::Zh))
    } else if m.starts_with("unknown platform") {
        Platform::unknown_message(Lang::Zh, &p.value)
    } else if m.starts_with("missing account name") {
        "缺少账号名称；请填写".into()
    } else if m.starts_with("missing host unit") {
        "缺少责任单位；请填写".into()
    } else if m.starts_with("missing level") {
        format!("缺少层级，且未用 --level 给出默认值；请填写该列或加 --level 县级（{LEVELS}）")
    } else if m.starts_with("unknown level") {
        format!("未知层级；{LEVELS}")
    } else if m.starts_with("bad date") {
        "日期有误；请写成 2021-03-05、2021/3/5 或 2021年3月5日".into()
    } else if let Some(rest) = m.strip_prefix("duplicate account: rows ") {
        // "duplicate account: rows {a} and {b} both list {name} on {platform}; keep one row"
        let nums: Vec<&str> = rest
            .split_whitespace()
            .filter(|w| w.parse::<usize>().is_ok())
            .collect();
        format!(
            "账号重复：第 {} 行与第 {} 行是同一账号；请只保留一行",
            nums.first().unwrap_or(&"?"),
            nums.get(1).unwrap_or(&"?")
        )
    } else {
        m.to_string()
    }
}

/// Panel exchange files refused by `panel merge`.
pub(super) fn panel_file(e: &crate::io::panel_file::PanelFileError, lang: Lang) -> Option<String> {
    use crate::io::panel_file::{FORMAT_VERSION, PanelFileError as E};
    if lang == Lang::En {
        return match e {
            E::Io { path, source } => Some(format!(
                "cannot read {}: {}",
                path.display(),
                io_reason(source, lang)
            )),
            _ => None,
        };
    }
    Some(match e {
        E::Io { path, source } => {
            format!("无法读取 {}：{}", path.display(), io_reason(source, lang))
        }
        E::Corrupt { path, why } => format!(
            "{} 不是评审组导出文件或已损坏（「{why}」）；请评估人重新导出",
            path.display()
        ),
        E::Newer { path, found } => format!(
            "{} 由更新版本的 assay 写出（格式版本 {found}，本程序最高读取 {FORMAT_VERSION}）；请先升级 assay 再合并",
            path.display()
        ),
        E::Altered { path } => format!(
            "{} 导出后被改动过：校验和与内容不符；未合并任何内容。请评估人重新导出",
            path.display()
        ),
    })
}

pub(super) fn config(e: &crate::config::ConfigError, lang: Lang) -> Option<String> {
    use crate::config::ConfigError as E;
    if lang == Lang::En {
        return None;
    }
    Some(match e {
        E::Read { path, source } => {
            format!(
                "无法读取配置文件 {}：{}",
                path.display(),
                io_reason(source, lang)
            )
        }
        E::Parse { path, err } => {
            format!(
                "配置文件 {} 不是有效的 RON（{err}）；请修正或删除它",
                path.display()
            )
        }
        E::Write { path, source } => {
            format!(
                "无法写入配置文件 {}：{}",
                path.display(),
                io_reason(source, lang)
            )
        }
        E::NoDir => "本系统没有配置文件夹；请把 ASSAY_CONFIG 设为一个文件路径".into(),
    })
}
