//! `account import --update`, `account rename|retire`, `round rename|delete`: corrections to
//! the registry and to rounds, each in one transaction, each saying what it changed.

use crate::i18n::errors::said;
use crate::i18n::{Lang, msg};
use crate::io::accounts::{ImportDefaults, read_accounts_report};
use crate::storage::{AccountUpdate, RoundDeletion, Store, StoreError};

use super::{ImportArgs, resolve};

/// `account import --update`: existing accounts (by platform and name) are updated, new ones
/// added; every changed field is printed.
pub fn import_update(store: &mut Store, args: &ImportArgs, lang: Lang) -> anyhow::Result<()> {
    let defaults = ImportDefaults {
        level: args.level,
        region: args.region.clone(),
        domain: args.domain.clone(),
        status: args.status.clone(),
    };
    let report = read_accounts_report(&args.file, &defaults, None)?;
    let update = store.update_accounts(&report.accounts)?;
    print!("{}", render_update(&update, lang));
    eprintln!("{}", report.summary(lang));
    Ok(())
}

fn field_name(field: &str, lang: Lang) -> &'static str {
    match field {
        "platform_label" => lang.pick("新媒体类型", "platform label"),
        "unit" => lang.pick("责任单位", "unit"),
        "level" => lang.pick("行政层级", "level"),
        "region" => lang.pick("地区", "region"),
        "domain" => lang.pick("业务领域", "domain"),
        "status" => lang.pick("状态", "status"),
        "opened" => lang.pick("开设日期", "opened"),
        _ => lang.pick("字段", "field"),
    }
}

/// The update report: one line per changed field, per added account, then the counts.
pub fn render_update(u: &AccountUpdate, lang: Lang) -> String {
    let mut out = String::new();
    for c in &u.changed {
        let (old, new) = (if c.old.is_empty() { "—" } else { &c.old }, &c.new);
        out += &format!(
            "{}  {}: {old} → {new}\n",
            c.account,
            field_name(c.field, lang)
        );
    }
    for a in &u.added {
        out += &format!("{a}  {}\n", lang.pick("新增", "added"));
    }
    let changed_accounts = {
        let mut ids: Vec<i64> = u.changed.iter().map(|c| c.account_id).collect();
        ids.dedup();
        ids.len()
    };
    out += &match lang {
        Lang::Zh => format!(
            "更新 {changed_accounts} 个账号（{} 处改动），新增 {} 个，{} 个无变化\n",
            u.changed.len(),
            u.added.len(),
            u.unchanged
        ),
        Lang::En => format!(
            "{changed_accounts} accounts updated ({} fields), {} added, {} unchanged\n",
            u.changed.len(),
            u.added.len(),
            u.unchanged
        ),
    };
    out
}

pub fn rename_account(store: &mut Store, key: &str, name: &str, lang: Lang) -> anyhow::Result<()> {
    let a = resolve::account(store, key, lang)?;
    if name.trim().is_empty() {
        return Err(said(msg::empty_name(lang)));
    }
    if store
        .list_accounts(&Default::default())?
        .iter()
        .any(|b| b.platform == a.platform && b.name == name.trim() && b.id != a.id)
    {
        return Err(said(msg::name_taken(lang, name.trim())));
    }
    // A retired account still holds its name: the store refuses, worded here.
    match store.rename_account(a.id, name) {
        Err(StoreError::Invalid(_)) => return Err(said(msg::name_taken(lang, name.trim()))),
        r => r?,
    }
    println!("{}", msg::renamed(lang, &a.name, name.trim()));
    Ok(())
}

pub fn retire_account(store: &mut Store, key: &str, lang: Lang) -> anyhow::Result<()> {
    let a = resolve::account(store, key, lang)?;
    let label = format!("{}:{}", a.platform_label, a.name);
    if store.retire_account(a.id)? {
        println!("{}", msg::retired(lang, &label));
    } else {
        println!("{}", msg::already_retired(lang, &label));
    }
    Ok(())
}

pub fn rename_round(store: &mut Store, key: &str, name: &str, lang: Lang) -> anyhow::Result<()> {
    let r = resolve::round(store, key, lang)?;
    if name.trim().is_empty() {
        return Err(said(msg::empty_name(lang)));
    }
    if store
        .round(name)
        .is_ok_and(|other| other.id != r.id && other.name == name.trim())
    {
        return Err(said(msg::name_taken(lang, name.trim())));
    }
    // A deleted (hidden) round keeps its row: the store refuses a clash, worded here.
    match store.rename_round(r.id, name) {
        Err(StoreError::Invalid(_)) => return Err(said(msg::name_taken(lang, name.trim()))),
        r => r?,
    }
    println!("{}", msg::renamed(lang, &r.name, name.trim()));
    Ok(())
}

pub fn delete_round(store: &mut Store, key: &str, force: bool, lang: Lang) -> anyhow::Result<()> {
    let r = resolve::round(store, key, lang)?;
    let scores = store.round_score_count(r.id)?;
    if scores > 0 && !force {
        return Err(said(msg::round_has_scores(lang, &r.name, scores)));
    }
    let done = store.delete_round(r.id, force)?;
    println!(
        "{}",
        msg::round_deleted(lang, &r.name, done == RoundDeletion::Hidden)
    );
    Ok(())
}
