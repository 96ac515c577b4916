//! The Chinese wording of storage errors whose variant carries only an English text
//! (`StoreError::Invalid`/`NotFound`) or SQLite's own message: English templates with `{}`
//! holes, each paired with its Chinese, so the values are carried over unchanged.

/// (English template, Chinese template): the holes `{}` are filled in the same order.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "database {} is not ready for reading; open it once with assay first",
        "数据库 {} 尚不能读取；请先用 assay 打开一次",
    ),
    (
        "a round needs a name, e.g. \"2024 Q4 云和县\"",
        "轮次需要名称，例如“2024 Q4 云和县”",
    ),
    (
        "a round named \"{}\" already exists; pick another name or use that round",
        "已有名为“{}”的轮次；请换一个名称或使用该轮次",
    ),
    (
        "the scope of round \"{}\" matches no account; import accounts first or widen the filters",
        "轮次“{}”的范围内没有任何账号；请先导入账号或放宽筛选条件",
    ),
    (
        "cannot encode the round scope: {}",
        "无法保存轮次范围（「{}」）",
    ),
    ("round {} vanished after creation", "轮次 {} 创建后找不到了"),
    (
        "no round with id or name \"{}\"; see `assay round list`",
        "没有 id 或名称为“{}”的轮次；可用 `assay round list` 查看",
    ),
    (
        "migration {} ({}) failed: {}; the database was left at schema {}",
        "数据库升级第 {} 步（{}）失败（「{}」）；数据库保持在结构版本 {}",
    ),
    (
        "account {} (item {} of {}) already exists with that platform and name; nothing was imported — remove or rename the duplicate",
        "账号 {}（第 {} 项，共 {} 项）的平台和名称已存在；未导入任何账号——请删去或改名重复的一项",
    ),
    (
        "no account with id {}; see `assay account list`",
        "没有 id 为 {} 的账号；可用 `assay account list` 查看",
    ),
    (
        "no account matches \"{}\"; give its id, its exact name or platform:name (see `assay account list --search TEXT`)",
        "没有与“{}”相符的账号；请给出它的 id、完整名称或 平台:名称（可用 `assay account list --search 文字` 查找）",
    ),
    (
        "entry {} ({} {}): {}; nothing was written",
        "第 {} 条（{} {}）：「{}」；未写入任何内容",
    ),
    (
        "account \"{}\" already exists; pick another name",
        "账号“{}”已存在；请换一个名称",
    ),
    (
        "round \"{}\" already exists; pick another name",
        "轮次“{}”已存在；请换一个名称",
    ),
    ("the new name is empty", "新名称为空"),
    (
        "round {} has {} scores and history rows; deleting it needs force",
        "轮次 {} 已有 {} 条评分和历史记录；删除它需要加 --force",
    ),
    (
        "the evaluator name is empty; give one with --evaluator NAME",
        "评估人姓名为空；请用 --evaluator 姓名 给出",
    ),
    (
        "account {} is not in the scope of round {}; check the round and account (assay round list, assay account list)",
        "账号 {} 不在轮次 {} 的范围内；请检查轮次和账号（assay round list、assay account list）",
    ),
    (
        "the entry has no indicator id; give one with --indicator ID",
        "评分缺少指标 id；请用 --indicator 指标id 给出",
    ),
    (
        "the entry is for indicator \"{}\", not \"{}\"",
        "这条评分属于指标“{}”，不是“{}”",
    ),
    (
        "{} duplicates an entry already stored or earlier in the batch; nothing was inserted",
        "{} 与已保存或本批前面的评分重复；未写入任何评分",
    ),
    (
        "{}: the account is not in the round or the evaluator does not exist; nothing was inserted",
        "{}：账号不在该轮次中，或评估人不存在；未写入任何评分",
    ),
];

/// The values in the holes of `template` when `text` matches it.
fn holes(template: &str, text: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = template.split("{}").collect();
    let mut rest = text.strip_prefix(parts[0])?;
    let mut values = Vec::new();
    for (i, lit) in parts.iter().enumerate().skip(1) {
        let last = i == parts.len() - 1;
        let end = if last {
            // The last literal closes the text.
            rest.strip_suffix(*lit)?.len()
        } else if lit.is_empty() {
            return None;
        } else {
            rest.find(lit)?
        };
        values.push(rest[..end].to_string());
        rest = &rest[end + lit.len()..];
    }
    (parts.len() > 1 || rest.is_empty()).then_some(values)
}

fn fill(template: &str, values: &[String]) -> String {
    let mut out = String::new();
    for (i, part) in template.split("{}").enumerate() {
        if i > 0 {
            out.push_str(values.get(i - 1).map_or("", String::as_str));
        }
        out.push_str(part);
    }
    out
}

/// The Chinese for an English storage message, when it is one of the known texts.
pub(super) fn text_zh(en: &str) -> Option<String> {
    TEMPLATES
        .iter()
        .find_map(|(e, z)| holes(e, en).map(|v| fill(z, &v)))
}

/// SQLite's error in Chinese: what the code means, SQLite's own text quoted.
pub(super) fn sql_zh(e: &rusqlite::Error, raw: &str) -> String {
    use rusqlite::ErrorCode as C;
    let what = match e.sqlite_error_code() {
        Some(C::DatabaseCorrupt) => "数据库文件已损坏；请从备份恢复",
        Some(C::NotADatabase) => "该文件不是 SQLite 数据库",
        Some(C::CannotOpen) => "无法打开该文件（路径不存在、是文件夹或没有权限）",
        Some(C::DatabaseBusy | C::DatabaseLocked) => "数据库正被其他程序使用；请稍后重试",
        Some(C::ReadOnly) => "数据库是只读的",
        Some(C::DiskFull) => "磁盘已满",
        Some(C::SystemIoFailure) => "读写磁盘出错",
        Some(C::ConstraintViolation) => "数据不符合数据库的约束",
        _ => "数据库操作失败",
    };
    format!("{what}（SQLite：「{raw}」）")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_texts_keep_their_values() {
        assert_eq!(
            text_zh("a round named \"Q1\" already exists; pick another name or use that round")
                .as_deref(),
            Some("已有名为“Q1”的轮次；请换一个名称或使用该轮次")
        );
        assert_eq!(
            text_zh("round 3 has 12 scores and history rows; deleting it needs force").as_deref(),
            Some("轮次 3 已有 12 条评分和历史记录；删除它需要加 --force")
        );
        assert_eq!(
            text_zh("the new name is empty").as_deref(),
            Some("新名称为空")
        );
        assert_eq!(text_zh("something else"), None);
        assert_eq!(text_zh("the new name is empty, really"), None);
        // Values in other scripts, and texts shorter than a template's literal parts.
        assert_eq!(
            text_zh("the entry is for indicator \"甲\", not \"乙\"").as_deref(),
            Some("这条评分属于指标“甲”，不是“乙”")
        );
        assert_eq!(text_zh("the entry is for indicator \"测试"), None);
        assert_eq!(text_zh("no account with id 测; see"), None);
    }

    #[test]
    fn every_template_reads_back_its_own_english() {
        for (en, zh) in TEMPLATES {
            let n = en.matches("{}").count();
            let values: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
            let text = fill(en, &values);
            assert_eq!(text_zh(&text), Some(fill(zh, &values)), "{en}");
            assert_eq!(zh.matches("{}").count(), n, "{zh}");
        }
    }
}
