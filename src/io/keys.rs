//! This machine's signing key (ed25519): made on first use and kept in a file of the platform's
//! data folder (or at `ASSAY_KEY`), never in a database, so a copied database cannot sign; its
//! public half and the fingerprint people compare by phone.

use std::io::Write;
use std::path::PathBuf;

use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// The environment variable naming the key file instead of the data folder's.
pub const KEY_ENV: &str = "ASSAY_KEY";

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("no data folder on this system; set {KEY_ENV} to the path of the key file")]
    NoDir,
    #[error("cannot read the signing key {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write the signing key {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the signing key file {path} is damaged; restore it from a backup (or move it away to make a new key, which the chair must then register again)"
    )]
    Damaged { path: PathBuf },
}

/// Where the key lives: `ASSAY_KEY`, else `<data dir>/signing-key`.
pub fn path() -> Result<PathBuf, KeyError> {
    if let Some(p) = std::env::var_os(KEY_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    crate::config::project_dirs()
        .map(|d| d.data_dir().join("signing-key"))
        .ok_or(KeyError::NoDir)
}

/// This machine's key pair.
pub struct Identity {
    key: SigningKey,
}

impl Identity {
    pub fn public(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer;
        self.key.sign(message).to_bytes()
    }
}

/// The machine's key, made (and its file written, private to the user) when there is none yet;
/// `true` when it was made now.
pub fn load_or_create() -> Result<(Identity, bool), KeyError> {
    load_or_create_at(&path()?)
}

/// [`load_or_create`] with the key file at `path`.
pub fn load_or_create_at(path: &std::path::Path) -> Result<(Identity, bool), KeyError> {
    let path = path.to_path_buf();
    if let Some(id) = load(&path)? {
        return Ok((id, false));
    }
    let mut seed = [0u8; 32];
    rand::TryRngCore::try_fill_bytes(&mut rand::rngs::OsRng, &mut seed).map_err(|e| {
        KeyError::Write {
            path: path.clone(),
            source: std::io::Error::other(e.to_string()),
        }
    })?;
    let text = format!(
        "# assay signing key (ed25519). Keep it private: whoever holds it can sign panel files\n# in your name. Public key {}\nsecret: {}\n",
        hex(&SigningKey::from_bytes(&seed).verifying_key().to_bytes()),
        hex(&seed)
    );
    let write_err = |source| KeyError::Write {
        path: path.clone(),
        source,
    };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(d) = dir {
        std::fs::create_dir_all(d).map_err(write_err)?;
    }
    // tempfile makes the file readable by its owner only; two processes making a key at once
    // keep the first one written (no clobbering), and both use it.
    let mut tmp = tempfile::Builder::new()
        .prefix(".signing-key")
        .tempfile_in(dir.unwrap_or(std::path::Path::new(".")))
        .map_err(write_err)?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(write_err)?;
    match tmp.persist_noclobber(&path) {
        Ok(_) => Ok((
            Identity {
                key: SigningKey::from_bytes(&seed),
            },
            true,
        )),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            let id = load(&path)?.ok_or(KeyError::Damaged { path })?;
            Ok((id, false))
        }
        Err(e) => Err(write_err(e.error)),
    }
}

fn load(path: &std::path::Path) -> Result<Option<Identity>, KeyError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(KeyError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let seed = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("secret:"))
        .and_then(|h| unhex::<32>(h.trim()))
        .ok_or_else(|| KeyError::Damaged {
            path: path.to_path_buf(),
        })?;
    Ok(Some(Identity {
        key: SigningKey::from_bytes(&seed),
    }))
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// `N` bytes from exactly `2N` hex digits.
pub fn unhex<const N: usize>(h: &str) -> Option<[u8; N]> {
    if h.len() != 2 * N || !h.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&h[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The fingerprint of a public key as people read it aloud: the first 16 bytes of its SHA-256
/// in eight groups of four hex digits (`3f9a 12bc …`).
pub fn fingerprint(public: &[u8; 32]) -> String {
    let d = Sha256::digest(public);
    hex(&d[..16])
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What `panel member --key` was given: a whole public key (64 hex digits, optionally after
/// `ed25519:`) or a fingerprint (32 hex digits in any grouping).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyRef {
    Public([u8; 32]),
    Fingerprint(String),
}

/// Reads a key or a fingerprint as typed (spaces, colons and dashes between digits ignored).
pub fn parse_key_ref(text: &str) -> Option<KeyRef> {
    let t = text.trim();
    let t = t.strip_prefix("ed25519:").unwrap_or(t);
    let digits: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | ':' | '-'))
        .collect::<String>()
        .to_ascii_lowercase();
    match digits.len() {
        64 => {
            let k = unhex::<32>(&digits)?;
            VerifyingKey::from_bytes(&k).ok()?;
            Some(KeyRef::Public(k))
        }
        32 => unhex::<16>(&digits).map(|_| {
            KeyRef::Fingerprint(
                digits
                    .as_bytes()
                    .chunks(4)
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        }),
        _ => None,
    }
}

/// Whether `signature` over `message` is `public`'s (strict: no malleable encodings).
pub fn verify(public: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(public) else {
        return false;
    };
    key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(signature))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_kept_private_and_signs_what_it_verifies() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k/signing-key");
        let (a, made) = load_or_create_at(&p).unwrap();
        assert!(made);
        let (b, made) = load_or_create_at(&p).unwrap();
        assert!(!made);
        assert_eq!(a.public(), b.public());
        let sig = a.sign(b"message");
        assert!(verify(&b.public(), b"message", &sig));
        assert!(!verify(&b.public(), b"messagf", &sig));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        std::fs::write(&p, "secret: nothex").unwrap();
        assert!(matches!(
            load_or_create_at(&p),
            Err(KeyError::Damaged { .. })
        ));
    }

    #[test]
    fn keys_and_fingerprints_read_as_typed() {
        let public = [7u8; 32];
        let fp = fingerprint(&public);
        assert_eq!(fp.len(), 39);
        assert_eq!(
            parse_key_ref(&fp.replace(' ', ":").to_uppercase()),
            Some(KeyRef::Fingerprint(fp.clone()))
        );
        let real = SigningKey::from_bytes(&[9u8; 32])
            .verifying_key()
            .to_bytes();
        assert_eq!(
            parse_key_ref(&format!("ed25519:{}", hex(&real))),
            Some(KeyRef::Public(real))
        );
        assert_eq!(parse_key_ref("not a key"), None);
        assert_eq!(parse_key_ref(&"z".repeat(64)), None);
    }
}
