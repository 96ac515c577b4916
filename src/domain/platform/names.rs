//! The names offices write for each platform in their 备案 sheets (微信订阅号, B站, 头条号, …),
//! how a written name is read, and the nearest accepted name for one that is not.

use super::Platform;

/// Every name accepted exactly (compared after [`normalize`]), with its platform. The first name
/// of each platform is its office label; codes and English names are accepted as well.
const ALIASES: &[(Platform, &[&str])] = &[
    (
        Platform::WeChat,
        &[
            "微信公众号",
            "微信",
            "公众号",
            "微信订阅号",
            "订阅号",
            "微信服务号",
            "服务号",
            "微信公众平台",
            "政务微信",
            "weixin",
            "wechatofficialaccount",
        ],
    ),
    (
        Platform::WeChatChannels,
        &[
            "微信视频号",
            "视频号",
            "微信视频号账号",
            "shipinhao",
            "wechat-channels",
            "wechatchannels",
        ],
    ),
    (
        Platform::Weibo,
        &["微博", "新浪微博", "政务微博", "微博号", "sinaweibo"],
    ),
    (
        Platform::Douyin,
        &["抖音", "抖音号", "抖音短视频", "政务抖音"],
    ),
    (
        Platform::Kuaishou,
        &["快手", "快手号", "快手短视频", "kwai"],
    ),
    (
        Platform::Xiaohongshu,
        &["小红书", "小红书号", "xhs", "rednote", "redbook"],
    ),
    (
        Platform::Bilibili,
        &["哔哩哔哩", "b站", "哔哩哔哩弹幕网", "bili", "b站号"],
    ),
    (
        Platform::Toutiao,
        &["今日头条", "头条号", "头条", "今日头条号"],
    ),
    (
        Platform::Baijiahao,
        &["百家号", "百度百家号", "百度百家", "百度号"],
    ),
    (Platform::Zhihu, &["知乎", "知乎号", "知乎机构号"]),
    (
        Platform::App,
        &[
            "移动客户端",
            "客户端",
            "移动客户端/app",
            "政务app",
            "app客户端",
            "移动应用",
        ],
    ),
    (
        Platform::MiniProgram,
        &[
            "小程序",
            "微信小程序",
            "支付宝小程序",
            "百度小程序",
            "mini-program",
            "miniprogram",
        ],
    ),
    (
        Platform::Other,
        &["其他类型", "其他", "其它", "其他平台", "others"],
    ),
];

/// Trimmed, lower-cased, full-width letters and digits made half-width (Ｂ站 → b站), spaces
/// and the middle dot removed: the forms offices type for one name compare equal.
pub(super) fn normalize(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '·' && *c != '・')
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// An exact name (after normalisation): an alias, a code or an English label.
pub(super) fn exact(n: &str) -> Option<Platform> {
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&n))
        .map(|(p, _)| *p)
        .or_else(|| {
            Platform::ALL.into_iter().find(|p| {
                p.code() == n || normalize(p.label_en()) == n || normalize(p.label_zh()) == n
            })
        })
}

/// A longer name that holds a platform's word (「某某县发布微信公众号（订阅号）」). Order
/// matters: 微信小程序 is a mini-program and 微信视频号 a Channels account, not WeChat.
pub(super) fn containing(n: &str) -> Option<Platform> {
    const WORDS: &[(&str, Platform)] = &[
        ("小程序", Platform::MiniProgram),
        ("视频号", Platform::WeChatChannels),
        ("微信", Platform::WeChat),
        ("公众号", Platform::WeChat),
        ("订阅号", Platform::WeChat),
        ("服务号", Platform::WeChat),
        ("微博", Platform::Weibo),
        ("抖音", Platform::Douyin),
        ("快手", Platform::Kuaishou),
        ("小红书", Platform::Xiaohongshu),
        ("哔哩哔哩", Platform::Bilibili),
        ("b站", Platform::Bilibili),
        ("bilibili", Platform::Bilibili),
        ("头条", Platform::Toutiao),
        ("百家号", Platform::Baijiahao),
        ("知乎", Platform::Zhihu),
        ("客户端", Platform::App),
        ("移动", Platform::App),
        ("其他", Platform::Other),
        ("其它", Platform::Other),
    ];
    if let Some((_, p)) = WORDS.iter().find(|(w, _)| n.contains(w)) {
        return Some(*p);
    }
    if n.contains("mini") {
        Some(Platform::MiniProgram)
    } else if n.ends_with("app") {
        Some(Platform::App)
    } else {
        None
    }
}

/// The platform whose accepted name is nearest to `s` (by edit distance over characters), when
/// it is near enough to be a slip of the keyboard or of memory: 小红薯 → 小红书, bilbili →
/// 哔哩哔哩, 快首 → 快手.
pub(super) fn closest(s: &str) -> Option<Platform> {
    let n = normalize(s);
    if n.is_empty() {
        return None;
    }
    let mut best: Option<(usize, Platform)> = None;
    for (p, name) in every_name() {
        let d = edit_distance(&n, &name);
        let len = name.chars().count().max(n.chars().count());
        if d * 3 <= len + 1 && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, p));
        }
    }
    best.map(|(_, p)| p)
}

/// Every accepted name with its platform: aliases, codes, English and short Chinese labels.
fn every_name() -> impl Iterator<Item = (Platform, String)> {
    let aliases = ALIASES
        .iter()
        .flat_map(|(p, names)| names.iter().map(|n| (*p, (*n).to_string())));
    let labels = Platform::ALL.into_iter().flat_map(|p| {
        [
            (p, p.code().to_string()),
            (p, normalize(p.label_en())),
            (p, p.label_zh().to_string()),
        ]
    });
    aliases.chain(labels)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// One other name an office may write, shown beside the label in the list of accepted names
/// (哔哩哔哩（B站）), when there is one people use more than the label.
pub(super) fn also_written(p: Platform) -> Option<&'static str> {
    match p {
        Platform::WeChat => Some("订阅号、服务号"),
        Platform::Bilibili => Some("B站"),
        Platform::Toutiao => Some("头条号"),
        Platform::App => Some("APP"),
        _ => None,
    }
}
