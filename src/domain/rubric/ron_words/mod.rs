//! RON syntax and type errors in words a rubric or formula author can act on, in Chinese and
//! English: every `ron::error::Error` variant has both wordings, and the error keeps the file,
//! line and column where `ron` stopped.

use ron::error::{Error as RonError, SpannedError};

use super::error::RubricError;
use super::locate::Pos;

/// One wording: (message, hint).
type Said = (String, String);

/// What the error says in English and in Chinese.
struct Words {
    en: Said,
    zh: Said,
}

fn w(en: (&str, &str), zh: (&str, &str)) -> Words {
    Words {
        en: (en.0.to_string(), en.1.to_string()),
        zh: (zh.0.to_string(), zh.1.to_string()),
    }
}

/// The general advice when the error itself says little: (English, Chinese).
pub type Fallback = (&'static str, &'static str);

/// The advice given for rubric files.
pub const RUBRIC_FORMAT: Fallback = (
    "see the rubric format in README.md",
    "评分标准文件的写法见 README.md",
);

/// A `ron` error at its position in `file`, worded in both languages.
pub fn ron_error(e: &SpannedError, file: &str, fallback: Fallback) -> RubricError {
    let pos = Pos {
        line: e.span.start.line.max(1),
        column: e.span.start.col.max(1),
    };
    let words = describe(&e.code, fallback);
    RubricError::new(file, pos, words.en.0, words.en.1).with_zh(words.zh.0, words.zh.1)
}

/// The RON name of a serde struct or enum, as an author writes it.
fn ron_name(outer: &str) -> &str {
    match outer {
        "RangeSpec" => "Range",
        "DeductSpec" => "Deduct",
        "CheckSpec" => "Check",
        other => other,
    }
}

fn inside(outer: &Option<String>) -> (String, String) {
    match outer.as_deref() {
        Some(o) => (ron_name(o).to_string(), format!("{} 中", ron_name(o))),
        None => ("this item".to_string(), "此处".to_string()),
    }
}

fn describe(code: &RonError, fallback: Fallback) -> Words {
    match code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let (en, zh) = inside(outer);
            Words {
                en: (
                    format!("unknown field \"{found}\" in {en}"),
                    with_guess(found, expected, "expected one of", false),
                ),
                zh: (
                    format!("{zh}没有字段“{found}”"),
                    with_guess(found, expected, "可用的字段", true),
                ),
            }
        }
        RonError::MissingStructField { field, outer } => {
            let (en, zh) = inside(outer);
            Words {
                en: (
                    format!("missing field \"{field}\" in {en}"),
                    format!("add `{field}: …` to the {en}"),
                ),
                zh: (
                    format!("{zh}缺少字段“{field}”"),
                    format!("请补上 `{field}: …`"),
                ),
            }
        }
        RonError::DuplicateStructField { field, outer } => {
            let (en, zh) = inside(outer);
            Words {
                en: (
                    format!("field \"{field}\" is written twice in {en}"),
                    "keep only one of them".to_string(),
                ),
                zh: (
                    format!("{zh}字段“{field}”写了两次"),
                    "只保留其中一个".to_string(),
                ),
            }
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => unknown_variant(expected, found, outer),
        RonError::ExpectedDifferentStructName { expected, found } => {
            let e = ron_name(expected);
            Words {
                en: (
                    format!("expected {e} here, found {found}"),
                    format!("write {e}( … )"),
                ),
                zh: (
                    format!("此处应为 {e}，实际是 {found}"),
                    format!("请写成 {e}( … )"),
                ),
            }
        }
        RonError::InvalidValueForType { expected, found } => Words {
            en: (
                format!("expected {expected}, found {found}"),
                "numbers are written without quotes, text inside \"double quotes\"".to_string(),
            ),
            zh: (
                format!("此处的值类型不对（应为「{expected}」，实际为「{found}」）"),
                "数字不加引号，文字写在英文双引号 \" \" 里".to_string(),
            ),
        },
        RonError::ExpectedDifferentLength { expected, found } => Words {
            en: (
                format!("expected {expected}, found {found} elements"),
                "give exactly as many values as asked".to_string(),
            ),
            zh: (
                format!("元素个数不对（应为「{expected}」，实际 {found} 个）"),
                "请按要求的个数填写".to_string(),
            ),
        },
        other => plain(other, fallback),
    }
}

/// The variants without fields of their own, and those that carry only a text or a character.
fn plain(code: &RonError, fallback: Fallback) -> Words {
    let f = fallback;
    let closing = (
        "a closing bracket is missing; check that every `(` and `[` is closed",
        "缺少右括号；请检查每个 `(` 和 `[` 都已闭合",
    );
    match code {
        RonError::Eof => w(
            ("the file ends in the middle of the rubric", closing.0),
            ("文件在中途结束", closing.1),
        ),
        RonError::ExpectedComma => w(
            (
                "expected a comma",
                "separate fields and list elements with `,`",
            ),
            ("此处缺少逗号", "字段之间、列表元素之间用 `,` 分隔"),
        ),
        RonError::ExpectedArray => w(("expected `[`", f.0), ("此处应为列表的 `[`", f.1)),
        RonError::ExpectedArrayEnd => w(
            ("expected a closing `]`", closing.0),
            ("此处应为列表结尾的 `]`", closing.1),
        ),
        RonError::ExpectedOptionEnd | RonError::ExpectedStructLikeEnd => w(
            ("expected a closing `)`", closing.0),
            ("此处应为右括号 `)`", closing.1),
        ),
        RonError::ExpectedMap => w(("expected `{`", f.0), ("此处应为 `{`", f.1)),
        RonError::ExpectedMapColon => w(
            ("expected a colon", "write `name: value`"),
            ("此处缺少冒号", "请写成 `名称: 值`"),
        ),
        RonError::ExpectedMapEnd => w(
            ("expected a closing `}`", closing.0),
            ("此处应为 `}`", closing.1),
        ),
        RonError::ExpectedStructLike
        | RonError::ExpectedNamedStructLike(_)
        | RonError::ExpectedStructName(_) => {
            let name = match code {
                RonError::ExpectedNamedStructLike(n) => ron_name(n).to_string(),
                RonError::ExpectedStructName(n) => ron_name(n).to_string(),
                _ => String::new(),
            };
            Words {
                en: (
                    format!("expected an opening `(` of {}", or_item(&name)),
                    f.0.to_string(),
                ),
                zh: (
                    format!("此处应为 {} 的左括号 `(`", or_item_zh(&name)),
                    f.1.to_string(),
                ),
            }
        }
        RonError::ExpectedBoolean => w(
            ("expected true or false", f.0),
            ("此处应为 true 或 false", f.1),
        ),
        RonError::ExpectedInteger | RonError::IntegerOutOfBounds => w(
            (
                "expected a whole number in range",
                "write digits only, e.g. 10",
            ),
            ("此处应为范围内的整数", "只写数字，例如 10"),
        ),
        RonError::ExpectedFloat | RonError::FloatUnderscore => w(
            ("expected a number", "write digits, e.g. 2.5"),
            ("此处应为数字", "只写数字，例如 2.5"),
        ),
        RonError::InvalidIntegerDigit { digit, .. } => {
            let d = digit.to_string();
            Words {
                en: (format!("\"{d}\" is not a digit here"), f.0.to_string()),
                zh: (format!("“{d}”不是数字"), f.1.to_string()),
            }
        }
        RonError::ExpectedString | RonError::ExpectedChar | RonError::ExpectedIdentifier => w(
            (
                "expected a text or a name",
                "text is written inside \"double quotes\"",
            ),
            ("此处应为文字或名称", "文字写在英文双引号 \" \" 里"),
        ),
        RonError::ExpectedStringEnd => w(
            ("a text is not closed", "close it with a `\"`"),
            ("文字缺少结尾的双引号", "请在结尾补上 `\"`"),
        ),
        RonError::InvalidEscape(_) => w(
            (
                "invalid escape after a backslash",
                "write `\\\\` for a backslash",
            ),
            ("反斜杠后的转义无效", "反斜杠本身要写成 `\\\\`"),
        ),
        RonError::UnclosedBlockComment | RonError::UnclosedLineComment => w(
            ("a comment is not closed", "close `/*` with `*/`"),
            ("注释没有结束", "用 `*/` 结束 `/*`"),
        ),
        RonError::UnexpectedChar(c) => {
            let c = c.to_string();
            Words {
                en: (format!("unexpected character \"{c}\""), f.0.to_string()),
                zh: (format!("此处不应出现字符“{c}”"), f.1.to_string()),
            }
        }
        RonError::TrailingCharacters => w(
            (
                "text after the end of the rubric",
                "remove what follows the last `)`",
            ),
            ("内容结束后还有多余的文字", "删除最后一个 `)` 之后的内容"),
        ),
        RonError::Utf8Error(_) => w(
            ("the file is not UTF-8 text", "save it as UTF-8"),
            ("文件不是 UTF-8 编码的文本", "请另存为 UTF-8 编码"),
        ),
        RonError::ExceededRecursionLimit => w(
            ("brackets are nested too deeply", f.0),
            ("括号嵌套过深", f.1),
        ),
        RonError::Message(m) | RonError::Io(m) => Words {
            en: (m.clone(), f.0.to_string()),
            zh: (format!("内容有误（「{m}」）"), f.1.to_string()),
        },
        RonError::InvalidIdentifier(s) | RonError::SuggestRawIdentifier(s) => Words {
            en: (format!("\"{s}\" is not a valid name"), f.0.to_string()),
            zh: (format!("“{s}”不是有效的名称"), f.1.to_string()),
        },
        RonError::NoSuchExtension(s) => Words {
            en: (
                format!("unknown RON extension \"{s}\""),
                "remove the #![enable(…)] line".into(),
            ),
            zh: (
                format!("未知的 RON 扩展“{s}”"),
                "请删除 #![enable(…)] 这一行".into(),
            ),
        },
        _ => w(
            ("this is not written as the format expects", f.0),
            ("此处的写法不符合格式", f.1),
        ),
    }
}

fn or_item(name: &str) -> String {
    if name.is_empty() {
        "an item".to_string()
    } else {
        name.to_string()
    }
}

fn or_item_zh(name: &str) -> String {
    if name.is_empty() {
        "条目".to_string()
    } else {
        name.to_string()
    }
}

fn unknown_variant(expected: &[&str], found: &str, outer: &Option<String>) -> Words {
    let (what, valid, zh_what, zh_valid) = match outer.as_deref() {
        Some("Platform") => ("platform", "valid platforms", "平台", "可用的平台"),
        Some("Level") => ("administrative level", "valid levels", "层级", "可用的层级"),
        Some("Indicator") => ("indicator kind", "valid kinds", "指标类型", "可用的类型"),
        Some("NaPolicy") => (
            "not-applicable policy",
            "valid policies",
            "不适用时的处理方式",
            "可用的方式",
        ),
        Some("VetoPolicy") => (
            "veto policy",
            "valid policies",
            "否决处理方式",
            "可用的方式",
        ),
        _ => ("name", "valid names", "名称", "可用的名称"),
    };
    Words {
        en: (
            format!("unknown {what} \"{found}\""),
            with_guess(found, expected, valid, false),
        ),
        zh: (
            format!("未知的{zh_what}“{found}”"),
            with_guess(found, expected, zh_valid, true),
        ),
    }
}

/// "did you mean WeChat? valid platforms: WeChat, Weibo, …" (Chinese: the names apart by 、).
fn with_guess(found: &str, expected: &[&str], lead: &str, zh: bool) -> String {
    let list = expected.join(if zh { "、" } else { ", " });
    match (closest(found, expected), zh) {
        (Some(g), false) => format!("did you mean {g}? {lead}: {list}"),
        (Some(g), true) => format!("是不是要写 {g}？{lead}：{list}"),
        (None, false) => format!("{lead}: {list}"),
        (None, true) => format!("{lead}：{list}"),
    }
}

fn closest<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    let f = found.to_lowercase();
    expected
        .iter()
        .map(|e| (edit_distance(&f, &e.to_lowercase()), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests;
