//! Blind scoring on the command line: who is looking (`--as NAME`, else this database's
//! evaluator from the config file) and which other evaluators' sheets they may see, by the one
//! rule [`crate::domain::panel::may_see`].

use std::collections::HashSet;

use crate::domain::panel::{Viewer, may_see};
use crate::storage::Store;

/// One viewer's view of one round.
pub struct Blind {
    /// Who is looking; `None` when neither `--as` nor the config file says.
    pub who: Option<String>,
    viewer: Option<Viewer>,
    /// Accounts `who` has submitted in the round.
    submitted: HashSet<i64>,
}

/// The name the config file gives this database's evaluator (the TUI's evaluator), if any.
fn configured(store: &Store) -> Option<String> {
    let config = crate::config::Config::load().ok()?;
    let known = store.evaluator_names().ok()?;
    config.evaluator_for(crate::runtime::db_key(store).as_deref(), &known)
}

impl Blind {
    /// The view of `round_id` by `as_name`, or by the configured evaluator without it.
    pub fn of(store: &Store, round_id: i64, as_name: Option<&str>) -> anyhow::Result<Blind> {
        let who = match as_name.map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) => Some(n.to_string()),
            None => configured(store),
        };
        let viewer = store.blind_viewer(round_id, who.as_deref())?;
        let submitted = match (&viewer, &who) {
            (Some(_), Some(w)) => store.submitted_accounts(round_id, w)?.into_iter().collect(),
            _ => HashSet::new(),
        };
        Ok(Blind {
            who,
            viewer,
            submitted,
        })
    }

    /// Whether the viewer may see `owner`'s sheet (or changes) for `account_id`.
    pub fn sees(&self, owner: &str, account_id: i64) -> bool {
        may_see(
            self.viewer,
            self.who.as_deref(),
            owner,
            self.submitted.contains(&account_id),
        )
    }
}
