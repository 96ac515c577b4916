//! Platforms (WeChat, Weibo, …) and administrative levels, with the labels offices write.

use serde::{Deserialize, Serialize};

/// A new-media platform. Offices write many labels for the same platform (微信订阅号, 微信服务号,
/// 微信公众号 are all WeChat); [`Platform::parse`] accepts them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Platform {
    WeChat,
    Weibo,
    Douyin,
    Toutiao,
    App,
    MiniProgram,
    Other,
}

impl Platform {
    pub const ALL: [Platform; 7] = [
        Platform::WeChat,
        Platform::Weibo,
        Platform::Douyin,
        Platform::Toutiao,
        Platform::App,
        Platform::MiniProgram,
        Platform::Other,
    ];

    /// Stable machine code used in the database, JSON and CLI filters.
    pub fn code(self) -> &'static str {
        match self {
            Platform::WeChat => "wechat",
            Platform::Weibo => "weibo",
            Platform::Douyin => "douyin",
            Platform::Toutiao => "toutiao",
            Platform::App => "app",
            Platform::MiniProgram => "miniprogram",
            Platform::Other => "other",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Platform::WeChat => "微信",
            Platform::Weibo => "微博",
            Platform::Douyin => "抖音",
            Platform::Toutiao => "今日头条",
            Platform::App => "移动客户端",
            Platform::MiniProgram => "小程序",
            Platform::Other => "其他",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Platform::WeChat => "WeChat",
            Platform::Weibo => "Weibo",
            Platform::Douyin => "Douyin",
            Platform::Toutiao => "Toutiao",
            Platform::App => "App",
            Platform::MiniProgram => "Mini-program",
            Platform::Other => "Other",
        }
    }

    /// Parses a code, an English name or any label an office writes (微信订阅号, 微信小程序, APP, …).
    pub fn parse(s: &str) -> Option<Platform> {
        // The stored code, as every row of the store has it: no lower-casing needed.
        if let Some(p) = Platform::ALL.into_iter().find(|p| p.code() == s) {
            return Some(p);
        }
        let t = s.trim();
        let l = t.to_lowercase();
        let by_code = Platform::ALL
            .into_iter()
            .find(|p| p.code() == l || p.label_en().to_lowercase() == l || p.label_zh() == t);
        if by_code.is_some() {
            return by_code;
        }
        // Order matters: 微信小程序 is a mini-program, not a WeChat account.
        if t.contains("小程序") || l.contains("mini") {
            Some(Platform::MiniProgram)
        } else if t.contains("微信") || t.contains("公众号") || l == "weixin" {
            Some(Platform::WeChat)
        } else if t.contains("微博") {
            Some(Platform::Weibo)
        } else if t.contains("抖音") {
            Some(Platform::Douyin)
        } else if t.contains("头条") {
            Some(Platform::Toutiao)
        } else if t.contains("客户端") || l == "app" || l.contains("移动") {
            Some(Platform::App)
        } else if t.contains("其他") || t.contains("其它") || l == "others" {
            Some(Platform::Other)
        } else {
            None
        }
    }
}

/// Administrative level of the host unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    Province,
    City,
    County,
    Township,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Province, Level::City, Level::County, Level::Township];

    pub fn code(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Level::Province => "省级",
            Level::City => "市级",
            Level::County => "县级",
            Level::Township => "乡镇级",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Level::Province => "Province",
            Level::City => "City",
            Level::County => "County",
            Level::Township => "Township",
        }
    }

    /// Parses a code or a label (省级, 市级, 县级/区级/县级市, 乡镇级/乡镇/街道).
    pub fn parse(s: &str) -> Option<Level> {
        // The stored code, as every row of the store has it: no lower-casing needed.
        if let Some(v) = Level::ALL.into_iter().find(|v| v.code() == s) {
            return Some(v);
        }
        let t = s.trim();
        let l = t.to_lowercase();
        if let Some(v) = Level::ALL
            .into_iter()
            .find(|v| v.code() == l || v.label_en().to_lowercase() == l || v.label_zh() == t)
        {
            return Some(v);
        }
        match t {
            "省" | "省级" | "自治区" | "直辖市" => Some(Level::Province),
            "市" | "地市" | "地市级" | "设区市" | "市级" => Some(Level::City),
            "县" | "区" | "县区" | "县级市" | "区级" | "县(市、区)" | "district" => {
                Some(Level::County)
            }
            "乡" | "镇" | "乡镇" | "街道" | "乡镇街道" | "乡镇(街道)" | "town" | "street" => {
                Some(Level::Township)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_platform_labels() {
        assert_eq!(Platform::parse("微信订阅号"), Some(Platform::WeChat));
        assert_eq!(Platform::parse("微信服务号"), Some(Platform::WeChat));
        assert_eq!(Platform::parse("微信小程序"), Some(Platform::MiniProgram));
        assert_eq!(Platform::parse("今日头条"), Some(Platform::Toutiao));
        assert_eq!(Platform::parse("移动客户端/APP"), Some(Platform::App));
        assert_eq!(Platform::parse("wechat"), Some(Platform::WeChat));
        assert_eq!(Platform::parse("传真"), None);
    }

    #[test]
    fn level_labels() {
        assert_eq!(Level::parse("县级"), Some(Level::County));
        assert_eq!(Level::parse("街道"), Some(Level::Township));
        assert_eq!(Level::parse("county"), Some(Level::County));
        assert_eq!(Level::parse("国家级"), None);
    }
}
