//! `assay panel config --category C --method M` (or `--inherit`): a category combined by its own
//! method, and how `panel show` lists them.

use anyhow::bail;

use crate::domain::panel::{Method, PanelPolicy};
use crate::domain::rubric::Rubric;
use crate::i18n::Lang;
use crate::storage::{Round, Store};

/// The category id `key` names (its id or its name), or an error listing the categories.
fn category_id(rubric: &Rubric, key: &str, lang: Lang) -> anyhow::Result<String> {
    let key = key.trim();
    if let Some(c) = rubric
        .categories
        .iter()
        .find(|c| c.id == key || c.name == key)
    {
        return Ok(c.id.clone());
    }
    let key = crate::text_safety::escape_cell(key);
    let known: Vec<String> = rubric
        .categories
        .iter()
        .map(|c| format!("{} {}", c.id, c.name))
        .collect();
    bail!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "评分标准「{}」没有类别「{key}」；可用的类别：{}",
                rubric.name,
                known.join("、")
            ),
            Lang::En => format!(
                "rubric \"{}\" has no category \"{key}\"; its categories: {}",
                rubric.name,
                known.join(", ")
            ),
        }
    )
}

/// The change `--category KEY --method M` (or `--inherit`: `None`) stands for, checked: the
/// category exists, and a trimmed category has the round's quorum of 3, like the round's own
/// trimmed mean. Nothing is written here.
pub fn checked(
    round: &Round,
    policy: &PanelPolicy,
    key: &str,
    method: Option<Method>,
    lang: Lang,
) -> anyhow::Result<(String, Option<Method>)> {
    let rubric = crate::domain::rubric::parse(&round.rubric_text, "rubric")?;
    let id = category_id(&rubric, key, lang)?;
    if method == Some(Method::Trimmed) && policy.quorum < 3 {
        bail!("{}", lang.pick(
            "去掉最高分和最低分的平均需要每个账号至少 3 份完整评分：请同时设 --quorum 3（或更多）",
            "the trimmed mean drops the highest and lowest score and needs 3 complete sheets per account: set --quorum 3 (or more) with it"));
    }
    Ok((id, method))
}

/// The categories with their own method, as `id name: method` words for `panel show` and
/// `panel config` (empty when every category follows the round's method).
pub fn listed(store: &Store, round: &Round, lang: Lang) -> anyhow::Result<Vec<String>> {
    let rubric = crate::domain::rubric::parse(&round.rubric_text, "rubric")?;
    let own = store.category_methods(round.id)?;
    Ok(rubric
        .categories
        .iter()
        .filter_map(|c| {
            let (_, m) = own.iter().find(|(id, _)| *id == c.id)?;
            Some(format!("{} {}: {}", c.id, c.name, method_words(*m, lang)))
        })
        .collect())
}

/// The round's panel settings in words: method, quorum and the veto rule.
pub fn policy_words(p: &crate::domain::panel::PanelPolicy, lang: Lang) -> String {
    use crate::domain::panel::VetoRule;
    let veto = match p.veto {
        VetoRule::Any => lang.pick("任一评估人否决即成立", "any evaluator's veto holds"),
        VetoRule::Majority => lang.pick("过半数评估人否决才成立", "a majority's veto holds"),
        VetoRule::All => lang.pick("全部评估人否决才成立", "only a unanimous veto holds"),
    };
    match lang {
        Lang::Zh => format!(
            "结果规则：合并方法 {}；法定份数 {}；否决 {veto}",
            method_words(p.method, lang),
            p.quorum
        ),
        Lang::En => format!(
            "result rules: method {}; quorum {}; veto: {veto}",
            method_words(p.method, lang),
            p.quorum
        ),
    }
}

fn method_words(m: Method, lang: Lang) -> &'static str {
    match m {
        Method::Mean => lang.pick("平均", "mean"),
        Method::Median => lang.pick("中位数", "median"),
        Method::Trimmed => lang.pick("去掉一个最高分和一个最低分后平均", "trimmed mean"),
    }
}

/// The line `panel show` and `panel config` print for the per-category methods.
pub fn line(store: &Store, round: &Round, lang: Lang) -> anyhow::Result<String> {
    let l = listed(store, round, lang)?;
    Ok(if l.is_empty() {
        lang.pick(
            "各类别：均按本轮方法合成",
            "categories: all combined by the round's method",
        )
        .to_string()
    } else {
        format!(
            "{}{}",
            lang.pick(
                "单独设定合成方法的类别：",
                "categories with their own method: "
            ),
            l.join(lang.pick("；", "; "))
        )
    })
}
