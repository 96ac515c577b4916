//! A synthetic but realistic region tree (31 provinces → cities → counties/districts →
//! townships/streets) and account naming for generated data.

const PROVINCES: [&str; 31] = [
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
];

const SYLLABLES: [&str; 48] = [
    "安", "宁", "平", "清", "泉", "山", "水", "河", "阳", "城", "丰", "和", "兴", "华", "新", "永",
    "长", "东", "西", "南", "北", "青", "云", "龙", "凤", "桥", "溪", "林", "石", "金", "玉", "明",
    "德", "昌", "盛", "江", "湖", "海", "岭", "峰", "川", "原", "泽", "州", "庆", "福", "寿", "康",
];

/// Departments: (name stem, business domain).
pub const DEPTS: [(&str, &str); 24] = [
    ("发布", "政务发布"),
    ("公安", "公安"),
    ("教育", "教育"),
    ("卫健", "卫健"),
    ("人社", "人社"),
    ("交通", "交通"),
    ("文旅", "文旅"),
    ("市场监管", "市场监管"),
    ("生态环境", "生态环境"),
    ("自然资源", "自然资源"),
    ("住建", "住建"),
    ("农业农村", "农业农村"),
    ("水利", "水利"),
    ("应急", "应急管理"),
    ("民政", "民政"),
    ("司法", "司法"),
    ("医保", "医保"),
    ("退役军人", "退役军人"),
    ("商务", "商务"),
    ("发改", "发改"),
    ("城管", "综合执法"),
    ("交警", "公安"),
    ("消防", "应急管理"),
    ("税务", "税务"),
];

pub const CITIES_PER_PROVINCE: u64 = 12;
pub const COUNTIES_PER_CITY: u64 = 9;
pub const TOWNS_PER_COUNTY: u64 = 12;

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// A two-syllable place name, stable for a node key.
fn place(key: u64) -> String {
    let h = mix(key);
    let a = SYLLABLES[(h % 48) as usize];
    let b = SYLLABLES[((h >> 8) % 48) as usize];
    format!("{a}{b}")
}

pub fn province(p: u64) -> &'static str {
    PROVINCES[(p % 31) as usize]
}

pub fn city(p: u64, c: u64) -> String {
    format!("{}市", place(p * 1000 + c + 1))
}

/// A county, district or county-level city.
pub fn county(p: u64, c: u64, k: u64) -> String {
    let key = (p * 1000 + c) * 100 + k + 7_000_000;
    let suffix = ["县", "区", "县", "市", "县", "区"][(mix(key) % 6) as usize];
    format!("{}{suffix}", place(key))
}

pub fn town(p: u64, c: u64, k: u64, t: u64) -> String {
    let key = ((p * 1000 + c) * 100 + k) * 100 + t + 900_000_000;
    let suffix = ["镇", "街道", "乡", "镇"][(mix(key) % 4) as usize];
    format!("{}{suffix}", place(key))
}

/// The place part of a region name used in account names: 云和县 → 云和.
pub fn short(name: &str) -> &str {
    for s in [
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "自治区",
        "街道",
        "省",
        "市",
        "县",
        "区",
        "镇",
        "乡",
    ] {
        if let Some(x) = name.strip_suffix(s) {
            if !x.is_empty() {
                return x;
            }
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_stable_and_shaped() {
        assert_eq!(city(3, 4), city(3, 4));
        assert!(city(3, 4).ends_with('市'));
        assert_eq!(short("云和县"), "云和");
        assert_eq!(short("新疆维吾尔自治区"), "新疆");
        assert!(town(1, 2, 3, 4).chars().count() >= 3);
    }
}
