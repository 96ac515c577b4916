//! `assay account import|list`.

use serde::Serialize;

use crate::domain::account::Account;
use crate::i18n::Lang;
use crate::io::accounts::{ImportDefaults, read_accounts_report};
use crate::storage::Store;

use super::output::{self, Format};
use super::{FilterArgs, ImportArgs};

pub fn import(store: &mut Store, args: &ImportArgs, lang: Lang) -> anyhow::Result<()> {
    let defaults = ImportDefaults {
        level: args.level,
        region: args.region.clone(),
        domain: args.domain.clone(),
        status: args.status.clone(),
    };
    let report = read_accounts_report(&args.file, &defaults, None)?;
    let stored = store.list_accounts(&Default::default())?;
    let existing: Vec<String> = report
        .accounts
        .iter()
        .filter(|a| {
            stored
                .iter()
                .any(|b| b.platform == a.platform && b.name == a.name)
        })
        .map(|a| format!("{}:{}", a.platform_label, a.name))
        .collect();
    if !existing.is_empty() {
        return Err(crate::i18n::errors::said(crate::i18n::msg::accounts_exist(
            lang, &existing,
        )));
    }
    let ids = store.insert_accounts(&report.accounts)?;
    println!(
        "{}",
        match lang {
            Lang::Zh => format!("已导入 {} 个账号（{}）", ids.len(), args.file.display()),
            Lang::En => format!(
                "imported {} accounts from {}",
                ids.len(),
                args.file.display()
            ),
        }
    );
    eprintln!("{}", crate::text_safety::escape_text(&report.summary(lang)));
    for w in &report.warnings {
        eprintln!("{}: {w}", lang.pick("警告", "warning"));
    }
    Ok(())
}

/// The stable JSON shape of an account: codes for machines, labels for people.
#[derive(Serialize)]
pub struct AccountRow<'a> {
    pub id: i64,
    pub platform: &'static str,
    pub platform_label: &'a str,
    pub name: &'a str,
    pub unit: &'a str,
    pub level: &'static str,
    pub region: &'a str,
    pub domain: &'a str,
    pub status: &'a str,
    pub opened: Option<String>,
}

impl<'a> From<&'a Account> for AccountRow<'a> {
    fn from(a: &'a Account) -> Self {
        AccountRow {
            id: a.id,
            platform: a.platform.code(),
            platform_label: &a.platform_label,
            name: &a.name,
            unit: &a.unit,
            level: a.level.code(),
            region: &a.region,
            domain: &a.domain,
            status: &a.status,
            opened: a.opened.map(|d| d.to_string()),
        }
    }
}

pub fn list(store: &Store, filter: &FilterArgs, format: Format, lang: Lang) -> anyhow::Result<()> {
    let accounts = store.list_accounts(&filter.to_filter())?;
    match format {
        Format::Json => {
            let rows: Vec<AccountRow<'_>> = accounts.iter().map(AccountRow::from).collect();
            println!("{}", serde_json::to_string_pretty(&rows)?);
        }
        Format::Csv => {
            let header = [
                "id", "platform", "name", "unit", "level", "region", "domain", "status", "opened",
            ];
            print!("{}", output::csv(&header, &rows(&accounts, Lang::Zh))?);
        }
        Format::Table => {
            let header = match lang {
                Lang::Zh => [
                    "编号",
                    "平台",
                    "名称",
                    "主办单位",
                    "层级",
                    "地区",
                    "领域",
                    "状态",
                    "开设日期",
                ],
                Lang::En => [
                    "id", "platform", "name", "unit", "level", "region", "domain", "status",
                    "opened",
                ],
            };
            print!("{}", output::table(&header, &rows(&accounts, lang)));
            eprintln!(
                "{}",
                lang.pick(
                    &format!("共 {} 个账号", accounts.len()),
                    &format!("{} accounts", accounts.len())
                )
            );
        }
    }
    Ok(())
}

fn rows(accounts: &[Account], lang: Lang) -> Vec<Vec<String>> {
    accounts
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.platform_label.clone(),
                a.name.clone(),
                a.unit.clone(),
                lang.pick(a.level.label_zh(), a.level.label_en())
                    .to_string(),
                a.region.clone(),
                a.domain.clone(),
                a.status.clone(),
                a.opened.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect()
}
