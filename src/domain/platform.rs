//! Platforms (WeChat, Weibo, Kuaishou, …) and administrative levels, with the labels offices
//! write and the office-facing names documents use.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

mod names;

/// A new-media platform. Offices write many labels for the same platform (微信订阅号, 微信服务号,
/// 微信公众号 are all WeChat; B站 is 哔哩哔哩); [`Platform::parse`] accepts them all. 微信视频号
/// (Channels) is its own platform, apart from 微信公众号. The order is the order of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Platform {
    WeChat,
    WeChatChannels,
    Weibo,
    Douyin,
    Kuaishou,
    Xiaohongshu,
    Bilibili,
    Toutiao,
    Baijiahao,
    Zhihu,
    App,
    MiniProgram,
    Other,
}

impl Platform {
    pub const ALL: [Platform; 13] = [
        Platform::WeChat,
        Platform::WeChatChannels,
        Platform::Weibo,
        Platform::Douyin,
        Platform::Kuaishou,
        Platform::Xiaohongshu,
        Platform::Bilibili,
        Platform::Toutiao,
        Platform::Baijiahao,
        Platform::Zhihu,
        Platform::App,
        Platform::MiniProgram,
        Platform::Other,
    ];

    /// Stable machine code used in the database, JSON and CLI filters.
    pub fn code(self) -> &'static str {
        match self {
            Platform::WeChat => "wechat",
            Platform::WeChatChannels => "channels",
            Platform::Weibo => "weibo",
            Platform::Douyin => "douyin",
            Platform::Kuaishou => "kuaishou",
            Platform::Xiaohongshu => "xiaohongshu",
            Platform::Bilibili => "bilibili",
            Platform::Toutiao => "toutiao",
            Platform::Baijiahao => "baijiahao",
            Platform::Zhihu => "zhihu",
            Platform::App => "app",
            Platform::MiniProgram => "miniprogram",
            Platform::Other => "other",
        }
    }

    /// The short Chinese name, for the interface's narrow columns (微信, 视频号, 微博, …).
    pub fn label_zh(self) -> &'static str {
        match self {
            Platform::WeChat => "微信",
            Platform::WeChatChannels => "视频号",
            Platform::Weibo => "微博",
            Platform::Douyin => "抖音",
            Platform::Kuaishou => "快手",
            Platform::Xiaohongshu => "小红书",
            Platform::Bilibili => "哔哩哔哩",
            Platform::Toutiao => "今日头条",
            Platform::Baijiahao => "百家号",
            Platform::Zhihu => "知乎",
            Platform::App => "移动客户端",
            Platform::MiniProgram => "小程序",
            Platform::Other => "其他",
        }
    }

    /// The name documents use, as offices write it in 备案 sheets and bulletins (seed 004:
    /// 「微信公众号313个，微博72个，移动客户端5个，其他类型55个」).
    pub fn label_office(self) -> &'static str {
        match self {
            Platform::WeChat => "微信公众号",
            Platform::WeChatChannels => "微信视频号",
            Platform::Other => "其他类型",
            p => p.label_zh(),
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Platform::WeChat => "WeChat",
            Platform::WeChatChannels => "WeChat Channels",
            Platform::Weibo => "Weibo",
            Platform::Douyin => "Douyin",
            Platform::Kuaishou => "Kuaishou",
            Platform::Xiaohongshu => "Xiaohongshu",
            Platform::Bilibili => "Bilibili",
            Platform::Toutiao => "Toutiao",
            Platform::Baijiahao => "Baijiahao",
            Platform::Zhihu => "Zhihu",
            Platform::App => "App",
            Platform::MiniProgram => "Mini-program",
            Platform::Other => "Other",
        }
    }

    /// Parses a code, an English name or any label an office writes (微信订阅号, 微信视频号, B站,
    /// 头条号, 微信小程序, APP, …), also inside a longer cell (「微信公众号（订阅号）」).
    pub fn parse(s: &str) -> Option<Platform> {
        // The stored code, as every row of the store has it: no normalising needed.
        if let Some(p) = Platform::ALL.into_iter().find(|p| p.code() == s) {
            return Some(p);
        }
        let n = names::normalize(s);
        if n.is_empty() {
            return None;
        }
        names::exact(&n).or_else(|| names::containing(&n))
    }

    /// For a name [`Platform::parse`] refuses: the platform whose accepted name is nearest, when
    /// one is near enough to be meant (小红薯 → 小红书).
    pub fn closest(s: &str) -> Option<Platform> {
        names::closest(s)
    }

    /// The message for a name [`Platform::parse`] refuses: the nearest accepted name, if any,
    /// and every accepted one.
    pub fn unknown_message(lang: Lang, s: &str) -> String {
        let closest = Platform::closest(s).map(|p| match lang {
            Lang::Zh => p.label_office().to_string(),
            Lang::En => format!("{} ({})", p.label_office(), p.code()),
        });
        crate::i18n::msg::bad_platform(lang, s, closest.as_deref(), &Platform::accepted(lang))
    }

    /// The accepted names as a list for a message: every office label with a common other name
    /// (「微信公众号（订阅号、服务号）、微信视频号、…」); in English each with its code.
    pub fn accepted(lang: Lang) -> String {
        let names: Vec<String> = Platform::ALL
            .into_iter()
            .map(|p| match (lang, names::also_written(p)) {
                (Lang::Zh, Some(also)) => format!("{}（{also}）", p.label_office()),
                (Lang::Zh, None) => p.label_office().to_string(),
                (Lang::En, _) => format!("{} ({})", p.label_office(), p.code()),
            })
            .collect();
        names.join(lang.pick("、", ", "))
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
    fn platforms_offices_file() {
        let cases = [
            ("快手", Platform::Kuaishou),
            ("快手号", Platform::Kuaishou),
            ("小红书", Platform::Xiaohongshu),
            ("哔哩哔哩", Platform::Bilibili),
            ("B站", Platform::Bilibili),
            ("b站", Platform::Bilibili),
            ("Ｂ站", Platform::Bilibili),
            ("bilibili", Platform::Bilibili),
            ("微信视频号", Platform::WeChatChannels),
            ("视频号", Platform::WeChatChannels),
            ("百家号", Platform::Baijiahao),
            ("百度百家号", Platform::Baijiahao),
            ("知乎", Platform::Zhihu),
            ("头条号", Platform::Toutiao),
            ("今日头条", Platform::Toutiao),
            ("微信公众号", Platform::WeChat),
            ("公众号", Platform::WeChat),
            ("微信公众号（订阅号）", Platform::WeChat),
            ("政务APP", Platform::App),
            ("其他类型", Platform::Other),
            ("WeChat Channels", Platform::WeChatChannels),
        ];
        for (s, p) in cases {
            assert_eq!(Platform::parse(s), Some(p), "{s}");
        }
    }

    #[test]
    fn channels_stay_apart_from_official_accounts() {
        assert_ne!(Platform::parse("微信视频号"), Platform::parse("微信公众号"));
        assert_eq!(Platform::parse("微信"), Some(Platform::WeChat));
    }

    #[test]
    fn every_platform_reads_back_from_each_of_its_names() {
        for p in Platform::ALL {
            for s in [p.code(), p.label_zh(), p.label_office(), p.label_en()] {
                assert_eq!(Platform::parse(s), Some(p), "{s}");
            }
        }
        let codes: std::collections::HashSet<_> = Platform::ALL.iter().map(|p| p.code()).collect();
        assert_eq!(codes.len(), Platform::ALL.len());
    }

    #[test]
    fn a_near_miss_names_the_platform_meant() {
        assert_eq!(Platform::parse("小红薯"), None);
        assert_eq!(Platform::closest("小红薯"), Some(Platform::Xiaohongshu));
        assert_eq!(Platform::closest("快首"), Some(Platform::Kuaishou));
        assert_eq!(Platform::closest("bilbili"), Some(Platform::Bilibili));
        assert_eq!(Platform::closest("weixing"), Some(Platform::WeChat));
        assert_eq!(Platform::closest("传真"), None);
        assert_eq!(Platform::closest("网易号"), None);
    }

    #[test]
    fn the_accepted_list_names_every_platform() {
        let zh = Platform::accepted(Lang::Zh);
        let en = Platform::accepted(Lang::En);
        for p in Platform::ALL {
            assert!(zh.contains(p.label_office()), "{zh}");
            assert!(en.contains(p.code()), "{en}");
        }
        assert!(zh.contains("B站") && zh.contains("头条号"), "{zh}");
    }

    #[test]
    fn level_labels() {
        assert_eq!(Level::parse("县级"), Some(Level::County));
        assert_eq!(Level::parse("街道"), Some(Level::Township));
        assert_eq!(Level::parse("county"), Some(Level::County));
        assert_eq!(Level::parse("国家级"), None);
    }
}
