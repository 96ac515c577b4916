//! An account in the registry: one platform presence of one host unit.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::platform::{Level, Platform};

/// A registered account. `id` is the database id (0 before it is stored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub platform: Platform,
    /// The platform as the office wrote it (微信订阅号, 微信服务号, …).
    pub platform_label: String,
    pub name: String,
    /// Host unit (主办单位 / 责任单位).
    pub unit: String,
    pub level: Level,
    /// Region path, `/`-separated: 浙江省/丽水市/云和县.
    pub region: String,
    /// Business domain (业务领域): 公安, 教育, …; empty when unknown.
    pub domain: String,
    /// Status as filed: 正常, 注销, …; empty when unknown.
    pub status: String,
    pub opened: Option<NaiveDate>,
}

impl Account {
    /// True when `prefix` is a whole-segment prefix of the region path
    /// (浙江省/丽水市 matches 浙江省/丽水市/云和县, not 浙江省/丽水).
    pub fn in_region(&self, prefix: &str) -> bool {
        let prefix = prefix.trim_end_matches('/');
        prefix.is_empty()
            || self.region == prefix
            || (self.region.starts_with(prefix) && self.region[prefix.len()..].starts_with('/'))
    }
}
