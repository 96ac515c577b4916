//! Errors of the library in the interface's language: the typed errors are matched here and
//! worded through the catalogue; anything not matched keeps its own (English) text.

use super::{Lang, msg};
use crate::domain::entry::EntryError;
use crate::storage::StoreError;

/// A user-facing error already worded in the interface's language.
#[derive(Debug)]
pub struct Said(pub String);

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Said {}

/// Builds an [`anyhow::Error`] carrying a worded message.
pub fn said(text: String) -> anyhow::Error {
    anyhow::Error::new(Said(text))
}

/// The text of an error chain for `lang`: the first link this catalogue knows is worded in
/// `lang`; otherwise the chain as anyhow prints it.
pub fn render(err: &anyhow::Error, lang: Lang) -> String {
    for cause in err.chain() {
        if let Some(s) = cause.downcast_ref::<Said>() {
            return s.0.clone();
        }
        if let Some(e) = cause.downcast_ref::<EntryError>() {
            return entry(e, lang);
        }
        if let Some(e) = cause.downcast_ref::<StoreError>()
            && let Some(t) = store(e, lang)
        {
            return t;
        }
        if let Some(e) = cause.downcast_ref::<crate::io::rubric_file::RubricFileError>()
            && let Some(t) = rubric_file(e, lang)
        {
            return t;
        }
        if let Some(e) = cause.downcast_ref::<crate::io::accounts::ImportError>()
            && let Some(t) = import(e, lang)
        {
            return t;
        }
    }
    format!("{err:#}")
}

/// The label of an error line.
pub fn prefix(lang: Lang) -> &'static str {
    lang.pick("错误", "error")
}

fn entry(e: &EntryError, lang: Lang) -> String {
    match (e, lang) {
        (
            EntryError::OutOfRange {
                id,
                value,
                min,
                max,
            },
            Lang::Zh,
        ) => format!(
            "{id}：数值 {} 超出范围 {}，请输入该范围内的数值",
            msg::num(*value),
            msg::range(*min, *max)
        ),
        (
            EntryError::OutOfRange {
                id,
                value,
                min,
                max,
            },
            Lang::En,
        ) => format!(
            "{id}: value {} is outside {}; enter a value in that range",
            msg::num(*value),
            msg::range(*min, *max)
        ),
        (
            EntryError::OffStep {
                id,
                value,
                step,
                min,
            },
            Lang::Zh,
        ) => format!(
            "{id}：数值 {} 不在从 {} 起、步长 {} 的刻度上；请输入 {} 的整数倍",
            msg::num(*value),
            msg::num(*min),
            msg::num(*step),
            msg::num(*step)
        ),
        (
            EntryError::OffStep {
                id,
                value,
                step,
                min,
            },
            Lang::En,
        ) => format!(
            "{id}: value {} is not on the step {} from {}; use a multiple of {}",
            msg::num(*value),
            msg::num(*step),
            msg::num(*min),
            msg::num(*step)
        ),
        (EntryError::NotYesNo { id, value }, Lang::Zh) => {
            format!(
                "{id}：是否项只接受 1（是）或 0（否），不能是 {}",
                msg::num(*value)
            )
        }
        (EntryError::NotYesNo { id, value }, Lang::En) => {
            format!(
                "{id}: a check takes 1 (yes) or 0 (no), not {}",
                msg::num(*value)
            )
        }
        (
            EntryError::WrongKind {
                id,
                kind,
                takes,
                given,
            },
            Lang::Zh,
        ) => format!(
            "{id}：{}指标只接受{}，不接受{}",
            kind_zh(kind),
            input_zh(takes),
            input_zh(given)
        ),
        (
            EntryError::WrongKind {
                id,
                kind,
                takes,
                given,
            },
            Lang::En,
        ) => {
            format!("{id}: {kind} items take {takes}, not {given}")
        }
        (
            EntryError::UnknownReason {
                id,
                reason,
                choices,
            },
            Lang::Zh,
        ) => {
            format!("{id}：没有否决理由“{reason}”；可选：{choices}")
        }
        (
            EntryError::UnknownReason {
                id,
                reason,
                choices,
            },
            Lang::En,
        ) => {
            format!("{id}: unknown veto reason \"{reason}\"; choose one of: {choices}")
        }
        (EntryError::Empty { id }, Lang::Zh) => {
            format!("{id}：没有录入任何内容；请给出数值、次数、否决理由或“不适用”")
        }
        (EntryError::Empty { id }, Lang::En) => {
            format!("{id}: the entry records nothing; give a value, a count, a veto reason or N/A")
        }
    }
}

/// Chinese name of an item kind as [`EntryError::WrongKind`] writes it.
fn kind_zh(kind: &str) -> &'static str {
    match kind {
        "range" | "Range" => "评分区间",
        "deduction" | "Deduct" | "deduct" => "扣分",
        "check" | "Check" => "是否",
        "bonus" | "Bonus" => "加分",
        "veto" | "Veto" => "否决",
        _ => "该",
    }
}

/// Chinese name of an input kind as [`EntryError::WrongKind`] writes it.
fn input_zh(what: &str) -> &'static str {
    match what {
        "a value" => "数值（--value）",
        "a count" => "次数（--count）",
        "a veto reason" => "否决理由（--veto）",
        "N/A" => "“不适用”（--na）",
        "nothing" => "空输入",
        "several kinds of input at once" => "同时给出的多种输入",
        "a value (1 or 0)" => "数值 1 或 0（--value）",
        "a veto reason, or value 0 for \"checked, no problem\"" => {
            "否决理由（--veto）或数值 0（已检查、无问题）"
        }
        _ => "这种输入",
    }
}

fn store(e: &StoreError, lang: Lang) -> Option<String> {
    let t = match e {
        StoreError::Ambiguous { key, candidates } => msg::account_ambiguous(lang, key, candidates),
        StoreError::Locked { path } => match lang {
            Lang::Zh => format!(
                "数据库 {} 正被另一个程序占用；请关闭它后重试",
                path.display()
            ),
            Lang::En => format!(
                "database {} is locked by another program; close it and try again",
                path.display()
            ),
        },
        StoreError::TooNew {
            path,
            found,
            supported,
        } => match lang {
            Lang::Zh => format!(
                "数据库 {} 由更新版本的 assay 写入（结构版本 {found}，本程序最高支持 {supported}）；请升级 assay，文件未被改动",
                path.display()
            ),
            Lang::En => return None,
        },
        StoreError::Open { path, source } => match lang {
            Lang::Zh => format!("无法打开数据库 {}：{source}", path.display()),
            Lang::En => return None,
        },
        StoreError::CreateDir { path, source } => match lang {
            Lang::Zh => format!(
                "无法为数据库创建文件夹 {}：{}；请检查路径和权限",
                path.display(),
                io_reason(source, lang)
            ),
            Lang::En => return None,
        },
        StoreError::Submitted {
            evaluator,
            account_id,
            ..
        } => msg::sheet_submitted(lang, &account_id.to_string(), evaluator),
        _ => return None,
    };
    Some(t)
}

/// Why a file could not be read, in words (the OS text only for unusual cases).
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => lang.pick("文件不存在", "the file does not exist").into(),
        std::io::ErrorKind::PermissionDenied => {
            lang.pick("没有读取权限", "permission denied").into()
        }
        std::io::ErrorKind::IsADirectory => lang.pick("这是一个文件夹", "it is a folder").into(),
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
        _ => return None,
    })
}

pub(super) fn import(e: &crate::io::accounts::ImportError, lang: Lang) -> Option<String> {
    use crate::io::accounts::ImportError as E;
    if lang == Lang::En {
        return None;
    }
    Some(match e {
        E::Io { path, source } => {
            format!("无法读取 {}：{}", path.display(), io_reason(source, lang))
        }
        E::Format { path, ext } => format!(
            "{}：不支持的文件类型“{ext}”；请导入 .csv（UTF-8 或 GBK）或 .xlsx 文件",
            path.display()
        ),
        E::Encoding { path } => format!(
            "{} 既不是 UTF-8 也不是 GBK 文本；请在 Excel 中另存为“CSV UTF-8”或 .xlsx",
            path.display()
        ),
        E::Csv { path, message } => format!("{}：CSV 格式有误：{message}", path.display()),
        E::Workbook { path, message } => format!(
            "无法读取工作簿 {}：{message}；请确认它能在 Excel 中打开且为 .xlsx",
            path.display()
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
                "{}：{data_rows} 行数据中有 {} 处问题，未导入任何账号。请修改后重新导入：",
                path.display(),
                problems.len()
            );
            for p in problems {
                s += &format!("\n  第 {} 行，列“{}”", p.row, p.column);
                if !p.value.is_empty() {
                    s += &format!("，值“{}”", p.value);
                }
                s += &format!("：{}", row_message_zh(&p.message));
            }
            s
        }
    })
}

/// The Chinese wording of a row problem of the account importer (its messages are English).
fn row_message_zh(m: &str) -> String {
    const PLATFORMS: &str = "可选：微信、微博、抖音、今日头条、APP、小程序、其他";
    const LEVELS: &str = "可选：省级、市级、县级、乡镇级（或 province、city、county、township）";
    if m.starts_with("missing platform") {
        format!("缺少平台；{PLATFORMS}")
    } else if m.starts_with("unknown platform") {
        format!("未知平台；{PLATFORMS}")
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
