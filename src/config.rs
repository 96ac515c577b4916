//! The user's config file (`config.ron` in the platform config dir, or the path in
//! `ASSAY_CONFIG`): interface language and the evaluator's name per database file. A broken file
//! is reported, not fatal.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::i18n::errors::{Localized, io_reason};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub lang: Option<Lang>,
    /// The last name typed; used for another database only when that database knows it.
    pub evaluator: Option<String>,
    /// The evaluator's name per database file (its canonical path).
    pub databases: BTreeMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} is not valid RON ({err}); fix or delete it")]
    Parse { path: PathBuf, err: String },
    #[error("cannot write config file {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no config directory on this system; set ASSAY_CONFIG to a file path")]
    NoDir,
}

/// The platform directories of assay (config, data), one definition for the whole program.
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "assay")
}

/// Where the config file lives: `ASSAY_CONFIG`, else `<config dir>/assay/config.ron`.
pub fn path() -> Result<PathBuf, ConfigError> {
    if let Some(p) = std::env::var_os("ASSAY_CONFIG").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    project_dirs()
        .map(|d| d.config_dir().join("config.ron"))
        .ok_or(ConfigError::NoDir)
}

impl Config {
    /// Reads a config file; a missing file is the default config.
    pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.into(),
                    source,
                });
            }
        };
        let opts = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        opts.from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.into(),
            err: e.to_string(),
        })
    }

    pub fn save_to(&self, path: &Path) -> Result<(), ConfigError> {
        let write_err = |source| ConfigError::Write {
            path: path.into(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(write_err)?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| write_err(std::io::Error::other(e.to_string())))?;
        std::fs::write(path, text).map_err(write_err)
    }

    /// Who scores in the database `db` (its canonical path; `None` for an in-memory one): the
    /// name saved for that file, else the last name typed when the database already has that
    /// evaluator. Anything else is asked, never silently carried over from another database.
    pub fn evaluator_for(&self, db: Option<&str>, known: &[String]) -> Option<String> {
        let saved = db.and_then(|d| self.databases.get(d)).cloned();
        let last = (self.evaluator.clone()).filter(|n| known.iter().any(|k| k == n.trim()));
        saved.or(last).filter(|n| !n.trim().is_empty())
    }

    /// Records the name typed or picked for a database.
    pub fn remember(&mut self, db: Option<&str>, name: &str) {
        self.evaluator = Some(name.to_string());
        if let Some(d) = db {
            self.databases.insert(d.to_string(), name.to_string());
        }
    }

    /// Loads from the default location.
    pub fn load() -> Result<Config, ConfigError> {
        Config::load_from(&path()?)
    }

    pub fn save(&self) -> Result<(), ConfigError> {
        self.save_to(&path()?)
    }
}

/// The config file's refusals in Chinese; in English the error's own text, but a read or write
/// gives its reason once, in words.
impl Localized for ConfigError {
    fn say(&self, lang: Lang) -> Option<String> {
        use ConfigError as E;
        let e = self;
        // In English too: the reason once, in words (the error's own text repeats its source).
        match (e, lang) {
            (E::Read { path, source }, Lang::En) => {
                let why = io_reason(source, lang);
                return Some(format!("cannot read config file {}: {why}", path.display()));
            }
            (E::Write { path, source }, Lang::En) => {
                let why = io_reason(source, lang);
                return Some(format!(
                    "cannot write config file {}: {why}",
                    path.display()
                ));
            }
            (_, Lang::En) => return None,
            _ => {}
        }
        Some(match e {
            E::Read { path, source } => {
                format!(
                    "无法读取配置文件 {}：{}",
                    path.display(),
                    io_reason(source, lang)
                )
            }
            E::Parse { path, err } => {
                format!(
                    "配置文件 {} 不是有效的 RON（{err}）；请修正或删除它",
                    path.display()
                )
            }
            E::Write { path, source } => {
                format!(
                    "无法写入配置文件 {}：{}",
                    path.display(),
                    io_reason(source, lang)
                )
            }
            E::NoDir => "本系统没有配置文件夹；请把 ASSAY_CONFIG 设为一个文件路径".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reports_a_broken_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("sub/config.ron");
        assert_eq!(
            Config::load_from(&p).expect("missing is default"),
            Config::default()
        );
        let mut c = Config {
            lang: Some(Lang::En),
            ..Config::default()
        };
        c.remember(Some("/data/a.db"), "张三");
        c.save_to(&p).expect("save");
        assert_eq!(Config::load_from(&p).expect("load"), c);
        std::fs::write(&p, "(lang: Klingon").expect("write");
        // An old file without `databases` still loads.
        std::fs::write(&p, "(lang: Some(Zh), evaluator: Some(\"李四\"))").expect("write");
        assert_eq!(
            Config::load_from(&p).expect("old").evaluator.as_deref(),
            Some("李四")
        );
        std::fs::write(&p, "(lang: Klingon").expect("write");
        let err = Config::load_from(&p).expect_err("broken");
        assert!(err.to_string().contains("config.ron"), "{err}");
    }

    #[test]
    fn the_evaluator_belongs_to_the_database() {
        let mut c = Config::default();
        c.remember(Some("/data/demo.db"), "王敏");
        let none: Vec<String> = Vec::new();
        assert_eq!(
            c.evaluator_for(Some("/data/demo.db"), &none).as_deref(),
            Some("王敏")
        );
        // Another database that has never seen 王敏: ask, do not reuse the demo's name.
        assert_eq!(
            c.evaluator_for(Some("/data/mine.db"), &["李四".into()]),
            None
        );
        // Another database where 王敏 already scored: the same person, most likely.
        assert_eq!(
            c.evaluator_for(Some("/data/team.db"), &["王敏".into()])
                .as_deref(),
            Some("王敏")
        );
        c.remember(Some("/data/mine.db"), "李四");
        assert_eq!(
            c.evaluator_for(Some("/data/mine.db"), &none).as_deref(),
            Some("李四")
        );
        assert_eq!(
            c.evaluator_for(Some("/data/demo.db"), &none).as_deref(),
            Some("王敏")
        );
    }
}
