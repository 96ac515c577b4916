//! The account importer in words: what an import read, and its refusals in the interface's
//! language (the error's own text is English; Chinese is worded here, and the reason a file
//! could not be read once, in words, in English too).

use super::{ImportError, ImportReport, RowProblem};
use crate::domain::platform::Platform;
use crate::i18n::errors::{Localized, io_reason};
use crate::i18n::{Lang, msg};

/// The import summary (`7 accounts read (encoding UTF-8)`) in words.
impl ImportReport {
    /// What an import read, in one line: how many accounts, the encoding or sheet, the
    /// defaults used and the columns ignored.
    pub fn summary(&self, lang: Lang) -> String {
        let r = self;
        let n = r.accounts.len();
        let mut s = match lang {
            Lang::Zh => format!("读取 {n} 个账号"),
            Lang::En => format!("{n} accounts read"),
        };
        if let Some(e) = r.encoding {
            s += &match lang {
                Lang::Zh => format!("（编码 {}）", e.label()),
                Lang::En => format!(" (encoding {})", e.label()),
            };
        }
        if let Some(sheet) = &r.sheet {
            s += &match lang {
                Lang::Zh => format!("，工作表“{sheet}”"),
                Lang::En => format!(" from sheet \"{sheet}\""),
            };
        }
        if !r.defaulted.is_empty() {
            s += &match lang {
                Lang::Zh => format!("；以下字段用了命令行给的默认值：{}", r.defaulted.join("、")),
                Lang::En => format!("; defaults used for {}", r.defaulted.join(", ")),
            };
        }
        if !r.ignored_columns.is_empty() {
            s += &match lang {
                Lang::Zh => format!("；忽略的列：{}", r.ignored_columns.join("、")),
                Lang::En => format!("; ignored columns: {}", r.ignored_columns.join(", ")),
            };
        }
        s
    }
}

impl Localized for ImportError {
    fn say(&self, lang: Lang) -> Option<String> {
        let e = self;
        if lang == Lang::En {
            // The reason once, in words (the error's own text repeats its source).
            return match e {
                ImportError::Io { path, source } => Some(format!(
                    "cannot read {}: {}",
                    path.display(),
                    io_reason(source, lang)
                )),
                _ => None,
            };
        }
        Some(match e {
            ImportError::Io { path, source } => {
                format!("无法读取 {}：{}", path.display(), io_reason(source, lang))
            }
            ImportError::TooLarge { path, what, limit } => format!(
                "{} 太大，无法导入：{}（上限 {}）；请拆分文件或删去未用的行和列",
                path.display(),
                what.zh,
                limit.zh
            ),
            ImportError::Format { path, ext } => format!(
                "{}：不支持的文件类型“{ext}”；请导入 .csv（UTF-8 或 GBK）或 .xlsx 文件",
                path.display()
            ),
            ImportError::Encoding { path } => format!(
                "{} 既不是 UTF-8 也不是 GBK 文本；请在 Excel 中另存为“CSV UTF-8”或 .xlsx",
                path.display()
            ),
            ImportError::Csv { path, message } => {
                format!("{}：CSV 格式有误：{}", path.display(), message.zh)
            }
            ImportError::Workbook { path, message } => format!(
                "无法读取工作簿 {}：{}；请确认它能在 Excel 中打开且为 .xlsx",
                path.display(),
                message.zh
            ),
            ImportError::NoSheet {
                path,
                sheet,
                available,
            } => format!(
                "{} 中没有名为“{sheet}”的工作表；请改用已有的工作表之一：{}",
                path.display(),
                available.join("、")
            ),
            ImportError::Empty { path } => {
                format!(
                    "{} 没有数据：文件为空或只有空行；请确认选对了文件，且数据在第一个工作表",
                    path.display()
                )
            }
            ImportError::MissingColumns {
                path,
                missing,
                found,
            } => format!(
                "{}：找不到含必需列的表头行；缺少 {}。已有表头：{}。请把列命名为如 新媒体类型、新媒体名称、责任单位",
                path.display(),
                missing.join("、"),
                found.join("、")
            ),
            ImportError::Rows {
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
}

/// The Chinese wording of a row problem of the account importer (its messages are English).
fn row_message_zh(p: &RowProblem) -> String {
    const LEVELS: &str = "可选：省级、市级、县级、乡镇级（或 province、city、county、township）";
    let m = p.message.as_str();
    if m.starts_with("missing platform") {
        msg::missing_platform(Lang::Zh, &Platform::accepted(Lang::Zh))
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
