//! `assay panel package` (chair) and `assay panel join` (evaluator): the round package that
//! carries the pinned rubric, the accounts assigned to one evaluator and the round's panel
//! settings from the chair's database into the evaluator's, signed by the chair's machine key.

use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

use crate::domain::panel::{Method, PanelPolicy, VetoRule};
use crate::i18n::Lang;
use crate::i18n::trust_msg;
use crate::io::keys::{fingerprint, hex, load_or_create};
use crate::io::package::{self, Package, PackageRound, PackageSettings};
use crate::storage::{Join, NewRound, PanelConfig, RoundSource, Store};

#[derive(Debug, Args)]
pub struct PackageArgs {
    /// Round id or name
    #[arg(long)]
    pub round: String,
    /// The evaluator the package is for (a member of the round's panel)
    #[arg(long)]
    pub evaluator: String,
    /// File to write (JSON signed with this machine's ed25519 key)
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct JoinArgs {
    /// The round package from the chair
    pub file: PathBuf,
}

/// The chair's side: the package for one evaluator.
pub fn package(store: &mut Store, args: &PackageArgs, lang: Lang) -> anyhow::Result<()> {
    crate::io::out::file_target(&args.out)?;
    let round = store.round(&args.round)?;
    let evaluator = args.evaluator.trim();
    let assignment = store.assignments(round.id)?;
    let all = store.round_accounts(round.id)?;
    let accounts = match crate::domain::panel::assigned_to(&assignment, evaluator) {
        Some(mine) => all.into_iter().filter(|a| mine.contains(&a.id)).collect(),
        None if assignment.is_empty() => all,
        None => Vec::new(),
    };
    if accounts.is_empty() {
        bail!(
            "{}",
            trust_msg::nothing_assigned(lang, evaluator, &round.name)
        );
    }
    let policy = store.panel_policy(round.id)?;
    let p = Package {
        format: package::FORMAT.into(),
        format_version: package::FORMAT_VERSION,
        program: format!("assay {}", env!("CARGO_PKG_VERSION")),
        made_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        round: PackageRound {
            name: round.name.clone(),
            rubric_id: round.rubric_id.clone(),
            rubric_version: round.rubric_version.clone(),
            rubric_text: round.rubric_text.clone(),
            rubric_hash: round.rubric_hash.clone(),
            monitoring_date: round.monitoring_date.to_string(),
        },
        evaluator: evaluator.to_string(),
        settings: PackageSettings {
            method: policy.method.code().into(),
            quorum: policy.quorum,
            veto: veto_code(policy.veto).into(),
            categories: store
                .category_methods(round.id)?
                .into_iter()
                .map(|(c, m)| (c, m.code().to_string()))
                .collect(),
            calibration: store.is_calibration(round.id)?,
        },
        accounts,
    };
    let (me, made) = load_or_create()?;
    crate::io::out::write_file(&args.out, package::to_text(&p, &me)?.as_bytes())?;
    let public = me.public();
    eprintln!(
        "{}",
        trust_msg::packaged(
            lang,
            &args.out.display().to_string(),
            evaluator,
            &round.name,
            p.accounts.len()
        )
    );
    eprintln!(
        "{}",
        trust_msg::own_key(lang, &fingerprint(&public), &hex(&public), made)
    );
    Ok(())
}

fn veto_code(v: VetoRule) -> &'static str {
    match v {
        VetoRule::Any => "any",
        VetoRule::Majority => "majority",
        VetoRule::All => "all",
    }
}

fn veto_rule(s: &str) -> Option<VetoRule> {
    match s {
        "any" => Some(VetoRule::Any),
        "majority" => Some(VetoRule::Majority),
        "all" => Some(VetoRule::All),
        _ => None,
    }
}

/// The evaluator's side: the package written into this database, and this machine's key.
pub fn join(store: &mut Store, args: &JoinArgs, lang: Lang) -> anyhow::Result<()> {
    let (p, opened) = package::read(&args.file)?;
    let bad = |why: &str| {
        anyhow::anyhow!(
            "{}",
            trust_msg::package_corrupt(lang, &args.file.display().to_string(), why)
        )
    };
    let date = crate::domain::dates::iso_date(&p.round.monitoring_date)
        .ok_or_else(|| bad("monitoring_date"))?;
    crate::domain::rubric::parse(&p.round.rubric_text, &p.round.name)?;
    let method = Method::parse(&p.settings.method).ok_or_else(|| bad("method"))?;
    let veto = veto_rule(&p.settings.veto).ok_or_else(|| bad("veto"))?;
    let categories = p
        .settings
        .categories
        .iter()
        .map(|(c, m)| Method::parse(m).map(|m| (c.clone(), m)))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| bad("categories"))?;
    let chair = RoundSource {
        public: hex(&opened.public),
        fingerprint: opened.fingerprint(),
        evaluator: p.evaluator.clone(),
    };
    if let Some(r) = store.rounds()?.into_iter().find(|r| r.name == p.round.name)
        && let Some(before) = store.round_source(r.id)?
        && before.public != chair.public
    {
        bail!(
            "{}",
            trust_msg::package_other_chair(
                lang,
                &args.file.display().to_string(),
                &p.round.name,
                &chair.fingerprint,
                &before.fingerprint
            )
        );
    }
    let round = NewRound {
        name: p.round.name.clone(),
        rubric_id: p.round.rubric_id.clone(),
        rubric_version: p.round.rubric_version.clone(),
        rubric_text: p.round.rubric_text.clone(),
        monitoring_date: date,
        scope: crate::storage::joined_scope(),
    };
    let config = PanelConfig {
        policy: Some(PanelPolicy {
            method,
            quorum: p.settings.quorum.max(1),
            veto,
        }),
        category: None,
        calibration: Some(p.settings.calibration),
    };
    let joined = store.join_package(&Join {
        round: &round,
        evaluator: &p.evaluator,
        accounts: &p.accounts,
        config: &config,
        categories: &categories,
        source: &chair,
    })?;
    remember_evaluator(store, &p.evaluator);
    let (me, made) = load_or_create()?;
    crate::io::out::outln!(
        "{}",
        trust_msg::joined(
            lang,
            &p.round.name,
            &p.evaluator,
            p.accounts.len(),
            &trust_msg::Joined {
                created: joined.created,
                accounts_added: joined.accounts_added,
                accounts_updated: joined.accounts_updated,
                kept: &joined.kept,
            }
        )
    )?;
    crate::io::out::outln!("{}", trust_msg::chair_key(lang, &chair.fingerprint))?;
    let public = me.public();
    crate::io::out::outln!(
        "{}",
        trust_msg::own_key(lang, &fingerprint(&public), &hex(&public), made)
    )?;
    Ok(())
}

/// The TUI opens this database as the package's evaluator (saved like a typed name).
fn remember_evaluator(store: &Store, evaluator: &str) {
    let Ok(path) = crate::config::path() else {
        return;
    };
    let mut config = crate::config::Config::load_from(&path).unwrap_or_default();
    config.remember(crate::runtime::db_key(store).as_deref(), evaluator);
    if let Err(e) = config.save_to(&path) {
        tracing::warn!("{e}");
    }
}
