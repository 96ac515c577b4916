//! `assay panel member --key KEY`: the chair records an evaluator's signing key for a round
//! before their first file arrives (or replaces it after a confirmed change of machine): the
//! whole public key, its fingerprint as read out by phone, or a file the evaluator signed.

use std::path::Path;

use crate::i18n::Lang;
use crate::io::keys::{KeyRef, fingerprint, hex, parse_key_ref};
use crate::storage::{PanelKey, Round, Store};

/// What `--key` names: a public key, a fingerprint, or (an existing file) the key that signed it.
fn key_of(text: &str, lang: Lang) -> anyhow::Result<KeyRef> {
    let path = Path::new(text.trim());
    if path.is_file() {
        let (_, opened) = crate::io::panel_file::read(path)?;
        return Ok(KeyRef::Public(opened.public));
    }
    parse_key_ref(text).ok_or_else(|| {
        anyhow::anyhow!(match lang {
            Lang::Zh => format!(
                "「{text}」不是签名密钥：请给出评估人读出的指纹（32 位十六进制，如 3f9a 12bc …）、完整公钥（64 位十六进制）或其签名的导出文件"
            ),
            Lang::En => format!(
                "\"{text}\" is not a signing key: give the fingerprint the evaluator read out (32 hex digits such as 3f9a 12bc …), the whole public key (64 hex digits) or a file they signed"
            ),
        })
    })
}

/// Records the key given for `evaluator` in `round` and says what changed.
pub fn give(
    store: &mut Store,
    round: &Round,
    evaluator: &str,
    text: &str,
    lang: Lang,
) -> anyhow::Result<()> {
    let before = store.panel_key(round.id, evaluator)?;
    let key = match key_of(text, lang)? {
        KeyRef::Public(p) => PanelKey {
            public: Some(hex(&p)),
            fingerprint: fingerprint(&p),
            source: "given".into(),
            sequence: before.as_ref().map_or(0, |k| k.sequence),
        },
        KeyRef::Fingerprint(f) => PanelKey {
            public: None,
            fingerprint: f,
            source: "given".into(),
            sequence: before.as_ref().map_or(0, |k| k.sequence),
        },
    };
    store.give_panel_key(round.id, evaluator, &key)?;
    let fp = &key.fingerprint;
    let line = match (&before, lang) {
        (Some(b), Lang::Zh) if b.fingerprint != *fp => format!(
            "已为评估人「{evaluator}」登记新的签名密钥，指纹 {fp}（原指纹 {}）",
            b.fingerprint
        ),
        (Some(b), Lang::En) if b.fingerprint != *fp => format!(
            "recorded a new signing key for evaluator \"{evaluator}\", fingerprint {fp} (was {})",
            b.fingerprint
        ),
        (_, Lang::Zh) => format!("已为评估人「{evaluator}」登记签名密钥，指纹 {fp}"),
        (_, Lang::En) => {
            format!("recorded the signing key of evaluator \"{evaluator}\", fingerprint {fp}")
        }
    };
    crate::io::out::outln!("{line}")?;
    Ok(())
}
