//! What a round's documents say about who issues them, as stored: the issuing office (发文机关),
//! the addressees (主送机关), the documents the check rests on (根据…), the document number
//! (文号) and the deadline for 整改. The bulletin prints them; an option given on the command
//! line overrides one for that document.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// The schema step of the documents lane: one row of document settings per round.
pub const MIGRATION_SQL: &str = r#"
CREATE TABLE round_documents (
    round_id   INTEGER PRIMARY KEY REFERENCES rounds (id),
    issuer     TEXT,
    addressees TEXT,
    basis      TEXT,
    number     TEXT,
    deadline   TEXT             -- YYYY-MM-DD
);
"#;

/// A round's document settings; `None` where the office has not said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoundDocument {
    pub issuer: Option<String>,
    pub addressees: Option<String>,
    pub basis: Option<String>,
    pub number: Option<String>,
    pub deadline: Option<chrono::NaiveDate>,
}

impl RoundDocument {
    /// These settings, each replaced by `other`'s where `other` has one.
    pub fn updated(self, other: &RoundDocument) -> RoundDocument {
        RoundDocument {
            issuer: other.issuer.clone().or(self.issuer),
            addressees: other.addressees.clone().or(self.addressees),
            basis: other.basis.clone().or(self.basis),
            number: other.number.clone().or(self.number),
            deadline: other.deadline.or(self.deadline),
        }
    }
}

impl Store {
    /// The round's document settings (all `None` when none were set).
    pub fn round_document(&self, round_id: i64) -> Result<RoundDocument, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT issuer, addressees, basis, number, deadline FROM round_documents
                 WHERE round_id = ?1",
                params![round_id],
                |r| {
                    Ok(RoundDocument {
                        issuer: r.get(0)?,
                        addressees: r.get(1)?,
                        basis: r.get(2)?,
                        number: r.get(3)?,
                        deadline: r
                            .get::<_, Option<String>>(4)?
                            .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                    })
                },
            )
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Stores the round's document settings (replacing the previous ones).
    pub fn set_round_document(
        &mut self,
        round_id: i64,
        d: &RoundDocument,
    ) -> Result<(), StoreError> {
        let tx = super::tx::write_tx(&mut self.conn)?;
        tx.execute(
            "INSERT INTO round_documents (round_id, issuer, addressees, basis, number, deadline)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (round_id) DO UPDATE SET issuer = ?2, addressees = ?3, basis = ?4,
                 number = ?5, deadline = ?6",
            params![
                round_id,
                d.issuer,
                d.addressees,
                d.basis,
                d.number,
                d.deadline.map(|x| x.to_string())
            ],
        )?;
        tx.commit()?;
        Ok(())
    }
}
