//! Signed files (panel exports, round packages): a body of JSON text kept as written, its kind,
//! the signer's public key, and an ed25519 signature over kind and body. Reading checks the
//! signature before the body is parsed: an edited, resealed or unsigned file never gets as far
//! as its content. Who the signer must be is the caller's to decide.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::keys::{Identity, fingerprint, hex, unhex, verify};

/// The `format` of every signed file.
pub const ENVELOPE: &str = "assay-signed";
/// The envelope version this program writes and the newest it reads.
pub const ENVELOPE_VERSION: u32 = 1;

/// What a signed file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One evaluator's work in a round (`panel export`).
    PanelExport,
    /// A round package for one evaluator (`panel package`).
    RoundPackage,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::PanelExport => "panel-export",
            Kind::RoundPackage => "round-package",
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: u32,
    kind: String,
    signer: Signer,
    /// The signed JSON text, exactly as signed.
    body: String,
    /// ed25519 signature (hex) over [`message`] of kind and body.
    signature: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Signer {
    /// ed25519 public key, hex.
    public_key: String,
    /// Its fingerprint as people compare it ([`fingerprint`]).
    fingerprint: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SignedError {
    #[error("{path} is not an assay file or is damaged ({why}); ask for it to be written again")]
    Corrupt { path: PathBuf, why: String },
    #[error(
        "{path} carries no signature (a file of an older assay, or made by hand); ask the evaluator to export it again with this version"
    )]
    Unsigned { path: PathBuf },
    #[error(
        "{path}: its signature does not match its content: the file was changed after it was signed; nothing was used"
    )]
    BadSignature { path: PathBuf },
    #[error("{path} is a {found}, not a {want}")]
    WrongKind {
        path: PathBuf,
        found: String,
        want: &'static str,
    },
    #[error(
        "{path} was written by a newer assay (envelope {found}, this program reads up to {ENVELOPE_VERSION}); upgrade assay"
    )]
    Newer { path: PathBuf, found: u32 },
}

/// What is signed: a domain tag, the kind and the body, so a signature over one kind of file
/// never stands for another.
fn message(kind: &str, body: &str) -> Vec<u8> {
    let mut m = Vec::with_capacity(body.len() + 64);
    m.extend_from_slice(b"assay-signed-v1\0");
    m.extend_from_slice(kind.as_bytes());
    m.push(0);
    m.extend_from_slice(body.as_bytes());
    m
}

/// The file's text: `body` signed by `id` as a file of `kind`.
pub fn seal(kind: Kind, body: &str, id: &Identity) -> Result<String, serde_json::Error> {
    let public = id.public();
    let env = Envelope {
        format: ENVELOPE.into(),
        version: ENVELOPE_VERSION,
        kind: kind.code().into(),
        signer: Signer {
            public_key: hex(&public),
            fingerprint: fingerprint(&public),
        },
        signature: hex(&id.sign(&message(kind.code(), body))),
        body: body.to_string(),
    };
    let mut text = serde_json::to_string_pretty(&env)?;
    text.push('\n');
    Ok(text)
}

/// A verified file: its body and who signed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub body: String,
    pub public: [u8; 32],
}

impl Opened {
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.public)
    }
}

/// Why a verified body is not the content its kind promises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    /// Not JSON, not of the expected `format`, without a version, or not of the content's shape.
    Corrupt(String),
    /// Written by a newer program: its `format_version`.
    Newer(u64),
}

/// The content of a verified body: one JSON parse, then its `format` and `format_version`
/// checked (a newer version is refused before its shape is read), then its shape.
pub fn content<T: serde::de::DeserializeOwned>(
    body: &str,
    format: &str,
    newest: u32,
) -> Result<T, BodyError> {
    let value: serde_json::Value =
        serde_json::from_str(body).map_err(|e| BodyError::Corrupt(format!("not JSON: {e}")))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(format) {
        return Err(BodyError::Corrupt(format!("format is not \"{format}\"")));
    }
    let version = value
        .get("format_version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| BodyError::Corrupt("no format_version".into()))?;
    if version > u64::from(newest) {
        return Err(BodyError::Newer(version));
    }
    serde_json::from_value(value).map_err(|e| BodyError::Corrupt(e.to_string()))
}

/// Verifies a signed file of `kind`: well-formed, not newer, signature valid for its body.
pub fn open(path: &Path, bytes: &[u8], kind: Kind) -> Result<Opened, SignedError> {
    let corrupt = |why: String| SignedError::Corrupt {
        path: path.to_path_buf(),
        why,
    };
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| corrupt(format!("not JSON: {e}")))?;
    let obj = value
        .as_object()
        .ok_or_else(|| corrupt("not a JSON object".into()))?;
    if obj.get("format").and_then(|f| f.as_str()) != Some(ENVELOPE)
        || !obj.contains_key("signature")
    {
        return Err(SignedError::Unsigned {
            path: path.to_path_buf(),
        });
    }
    let env: Envelope = serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))?;
    if env.version > ENVELOPE_VERSION {
        return Err(SignedError::Newer {
            path: path.to_path_buf(),
            found: env.version,
        });
    }
    if env.kind != kind.code() {
        return Err(SignedError::WrongKind {
            path: path.to_path_buf(),
            found: env.kind,
            want: kind.code(),
        });
    }
    let bad = || SignedError::BadSignature {
        path: path.to_path_buf(),
    };
    let public = unhex::<32>(&env.signer.public_key).ok_or_else(bad)?;
    let signature = unhex::<64>(&env.signature).ok_or_else(bad)?;
    if !verify(&public, &message(&env.kind, &env.body), &signature) {
        return Err(bad());
    }
    Ok(Opened {
        body: env.body,
        public,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(dir: &Path, name: &str) -> Identity {
        super::super::keys::load_or_create_at(&dir.join(name))
            .unwrap()
            .0
    }

    #[test]
    fn a_sealed_file_opens_and_any_change_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let me = id(dir.path(), "a");
        let p = Path::new("f.panel");
        let text = seal(Kind::PanelExport, r#"{"value":9}"#, &me).unwrap();
        let opened = open(p, text.as_bytes(), Kind::PanelExport).unwrap();
        assert_eq!(opened.body, r#"{"value":9}"#);
        assert_eq!(opened.public, me.public());
        // The body edited: refused.
        let edited = text.replace(r#"\"value\":9"#, r#"\"value\":0"#);
        assert_ne!(edited, text);
        assert!(matches!(
            open(p, edited.as_bytes(), Kind::PanelExport),
            Err(SignedError::BadSignature { .. })
        ));
        // Re-signed by another key under the first key's name: refused.
        let other = id(dir.path(), "b");
        let forged = seal(Kind::PanelExport, r#"{"value":0}"#, &other).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&forged).unwrap();
        v["signer"]["public_key"] = hex(&me.public()).into();
        assert!(matches!(
            open(p, v.to_string().as_bytes(), Kind::PanelExport),
            Err(SignedError::BadSignature { .. })
        ));
        // Another kind, an unsigned file, a newer envelope.
        assert!(matches!(
            open(p, text.as_bytes(), Kind::RoundPackage),
            Err(SignedError::WrongKind { .. })
        ));
        assert!(matches!(
            open(p, br#"{"checksum":"ab","content":{}}"#, Kind::PanelExport),
            Err(SignedError::Unsigned { .. })
        ));
        let newer = text.replace("\"version\": 1", "\"version\": 9");
        assert!(matches!(
            open(p, newer.as_bytes(), Kind::PanelExport),
            Err(SignedError::Newer { found: 9, .. })
        ));
        assert!(matches!(
            open(p, b"{\"format\"", Kind::PanelExport),
            Err(SignedError::Corrupt { .. })
        ));
    }
}
