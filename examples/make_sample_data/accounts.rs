//! The fictional city's account registry: 145 city-level and 300 county/township accounts with
//! the platform mix of the Wuxi Q4 2022 bulletin, plus the 20 real Yunhe accounts (seed 003).

use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

pub const PROVINCE: &str = "浙江省";
pub const CITY: &str = "丽水市";

/// One account row as written to accounts.csv.
#[derive(Debug, Clone)]
pub struct Row {
    pub label: String,
    pub name: String,
    pub unit: String,
    pub level: String,
    pub region: String,
    pub domain: String,
    pub opened: String,
}

/// Departments: (unit suffix, domain, name stem pattern with `{}` for the place).
const DEPTS: &[(&str, &str, &str)] = &[
    ("人民政府办公室", "政务发布", "{}发布"),
    ("公安局", "公安", "{}公安"),
    ("教育局", "教育", "{}教育"),
    ("卫生健康局", "卫健", "健康{}"),
    ("人力资源和社会保障局", "人社", "{}人社"),
    ("交通运输局", "交通", "{}交通"),
    ("文化和广电旅游体育局", "文旅", "{}文旅"),
    ("市场监督管理局", "市场监管", "{}市场监管"),
    ("生态环境分局", "生态环境", "{}生态环境"),
    ("自然资源和规划局", "自然资源", "{}自然资源"),
    ("住房和城乡建设局", "住建", "{}住建"),
    ("农业农村局", "农业农村", "{}农业农村"),
    ("水利局", "水利", "{}水利"),
    ("应急管理局", "应急管理", "{}应急"),
    ("民政局", "民政", "{}民政"),
    ("司法局", "司法", "{}司法"),
    ("医疗保障局", "医保", "{}医保"),
    ("退役军人事务局", "退役军人", "{}退役军人"),
    ("商务局", "商务", "{}商务"),
    ("发展和改革局", "发改", "{}发改"),
    ("经济和信息化局", "经信", "{}经信"),
    ("综合行政执法局", "综合执法", "{}城管执法"),
    ("公安局交通警察大队", "公安", "{}交警"),
    ("消防救援大队", "应急管理", "{}消防"),
    ("疾病预防控制中心", "卫健", "{}疾控"),
    ("人民医院", "卫健", "{}人民医院"),
    ("融媒体中心", "政务发布", "{}新闻"),
    ("林业局", "自然资源", "{}林业"),
    ("统计局", "统计", "{}统计"),
    ("审计局", "审计", "{}审计"),
    ("财政局", "财政", "{}财政"),
    ("科学技术局", "科技", "{}科技"),
    ("大数据发展管理中心", "政务服务", "{}政务服务"),
    ("信访局", "信访", "{}信访"),
    ("气象局", "气象", "{}气象"),
];

/// City-level extras beyond the county department list.
const CITY_EXTRA: &[(&str, &str, &str)] = &[
    ("住房公积金管理中心", "住建", "{}公积金"),
    ("公共资源交易中心", "政务服务", "{}公共资源交易"),
    ("图书馆", "文旅", "{}图书馆"),
    ("博物馆", "文旅", "{}博物馆"),
    ("人民防空办公室", "应急管理", "{}人防"),
    ("粮食和物资储备局", "发改", "{}粮食"),
    ("机关事务管理局", "机关事务", "{}机关事务"),
    ("人民政府外事办公室", "外事", "{}外事"),
    ("中心医院", "卫健", "{}中心医院"),
    ("妇幼保健院", "卫健", "{}妇幼"),
    ("供排水有限公司", "住建", "{}水务"),
    ("职业技术学院", "教育", "{}职院"),
    ("体育中心", "文旅", "{}体育"),
    ("就业管理服务中心", "人社", "{}就业"),
    ("社会保险事业管理中心", "人社", "{}社保"),
    ("公安局出入境管理局", "公安", "{}出入境"),
    ("公安局网络安全保卫支队", "公安", "网警{}"),
    ("生态林业发展中心", "自然资源", "{}生态林业"),
    ("农业科学研究院", "农业农村", "{}农科"),
    ("文化馆", "文旅", "{}文化馆"),
    ("城市建设投资集团", "住建", "{}城投"),
    ("港航管理中心", "交通", "{}港航"),
    ("公路与运输管理中心", "交通", "{}公路"),
    ("婚姻登记处", "民政", "{}婚姻登记"),
    ("法律援助中心", "司法", "{}法律援助"),
    ("市场监管局知识产权保护中心", "市场监管", "{}知识产权"),
    ("食品药品检验研究院", "市场监管", "{}食药检"),
    ("环境监测中心", "生态环境", "{}环境监测"),
    ("水文管理中心", "水利", "{}水文"),
    ("地震监测中心", "应急管理", "{}地震"),
    ("老年大学", "教育", "{}老年大学"),
    ("教育考试院", "教育", "{}教育考试"),
    ("青少年宫", "教育", "{}青少年宫"),
    ("供销合作社联合社", "农业农村", "{}供销"),
    ("投资促进中心", "商务", "{}投资促进"),
];

/// Counties and districts other than Yunhe: (name, short name, level label, townships).
const COUNTIES: &[(&str, &str, &str, &[&str])] = &[
    (
        "莲都区",
        "莲都",
        "区级",
        &[
            "紫金街道",
            "岩泉街道",
            "万象街道",
            "白云街道",
            "联城街道",
            "南明山街道",
            "碧湖镇",
            "大港头镇",
            "雅溪镇",
            "老竹畲族镇",
        ],
    ),
    (
        "龙泉市",
        "龙泉",
        "县级",
        &[
            "龙渊街道",
            "西街街道",
            "剑池街道",
            "八都镇",
            "上垟镇",
            "小梅镇",
        ],
    ),
    (
        "青田县",
        "青田",
        "县级",
        &[
            "鹤城街道",
            "瓯南街道",
            "油竹街道",
            "温溪镇",
            "船寮镇",
            "东源镇",
        ],
    ),
    (
        "缙云县",
        "缙云",
        "县级",
        &[
            "五云街道",
            "新碧街道",
            "仙都街道",
            "壶镇镇",
            "新建镇",
            "东渡镇",
        ],
    ),
    (
        "遂昌县",
        "遂昌",
        "县级",
        &["妙高街道", "云峰街道", "北界镇", "金竹镇", "大柘镇"],
    ),
    (
        "松阳县",
        "松阳",
        "县级",
        &["西屏街道", "水南街道", "望松街道", "古市镇", "玉岩镇"],
    ),
    (
        "庆元县",
        "庆元",
        "县级",
        &["松源街道", "濛洲街道", "屏都街道", "黄田镇", "竹口镇"],
    ),
    (
        "景宁畲族自治县",
        "景宁",
        "县级",
        &["红星街道", "鹤溪街道", "渤海镇", "东坑镇", "英川镇"],
    ),
];

/// Accounts per county (Lidu is the four-dimension round's scope: exactly 60).
const COUNTY_QUOTA: [usize; 8] = [60, 32, 32, 31, 31, 32, 31, 31];

/// Platform tokens: WeChat 订阅号/服务号, Weibo, App, Douyin, Toutiao, mini-program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    WeChat,
    Weibo,
    App,
    Douyin,
    Toutiao,
    Mini,
}

/// A host unit that may hold several accounts (one per platform, a second WeChat as 服务号).
struct Unit {
    unit: String,
    domain: String,
    stem: String,
    level: String,
    region: String,
}

fn dept_units(
    place: &str,
    short: &str,
    level: &str,
    region: &str,
    list: &[(&str, &str, &str)],
) -> Vec<Unit> {
    list.iter()
        .map(|(suffix, domain, stem)| Unit {
            unit: format!("{place}{suffix}"),
            domain: domain.to_string(),
            stem: stem.replace("{}", short),
            level: level.to_string(),
            region: region.to_string(),
        })
        .collect()
}

fn township_units(county_region: &str, towns: &[&str]) -> Vec<Unit> {
    towns
        .iter()
        .map(|t| {
            let short = t
                .strip_suffix("街道")
                .or_else(|| t.strip_suffix('镇'))
                .unwrap_or(t);
            let short = short.strip_suffix("畲族").unwrap_or(short);
            let (kind, level) = if t.ends_with("街道") {
                ("办事处", "街道")
            } else {
                ("人民政府", "乡镇级")
            };
            Unit {
                unit: format!("{t}{kind}"),
                domain: "乡镇街道".to_string(),
                stem: format!("{short}发布"),
                level: level.to_string(),
                region: format!("{county_region}/{t}"),
            }
        })
        .collect()
}

fn tokens(
    wechat: usize,
    weibo: usize,
    app: usize,
    douyin: usize,
    toutiao: usize,
    mini: usize,
) -> Vec<Tok> {
    let mut v = Vec::new();
    for (t, n) in [
        (Tok::WeChat, wechat),
        (Tok::Weibo, weibo),
        (Tok::App, app),
        (Tok::Douyin, douyin),
        (Tok::Toutiao, toutiao),
        (Tok::Mini, mini),
    ] {
        v.extend(std::iter::repeat_n(t, n));
    }
    v
}

/// Gives each token to a unit: WeChat to every unit in order (a second one as 服务号 once all have
/// one), the other platforms to the units holding the fewest accounts, ties broken at random.
fn assign(
    units: &[Unit],
    toks: &[Tok],
    rng: &mut ChaCha8Rng,
    opened: &mut dyn FnMut(&mut ChaCha8Rng) -> String,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut used: Vec<Vec<Tok>> = vec![Vec::new(); units.len()];
    for &t in toks {
        // Units that do not hold this platform yet (WeChat may be held twice: 订阅号 + 服务号).
        let limit = if t == Tok::WeChat { 2 } else { 1 };
        let pick = (0..units.len())
            .filter(|&i| used[i].iter().filter(|&&u| u == t).count() < limit)
            .min_by_key(|&i| {
                (
                    used[i].iter().filter(|&&u| u == t).count(),
                    used[i].len(),
                    if t == Tok::WeChat {
                        i
                    } else {
                        (i * 7 + rng.random_range(0..units.len())) % units.len()
                    },
                )
            });
        let Some(i) = pick else { continue };
        let u = &units[i];
        let n = used[i].iter().filter(|&&x| x == t).count();
        let (label, name) = match (t, n) {
            (Tok::WeChat, 0) => (
                if rng.random_bool(0.8) {
                    "微信订阅号"
                } else {
                    "微信服务号"
                },
                u.stem.clone(),
            ),
            (Tok::WeChat, _) => ("微信服务号", format!("{}服务", u.stem)),
            (Tok::Weibo, _) => ("微博", u.stem.clone()),
            (Tok::App, _) => ("移动客户端", format!("{}APP", u.stem)),
            (Tok::Douyin, _) => ("抖音", u.stem.clone()),
            (Tok::Toutiao, _) => ("今日头条", u.stem.clone()),
            (Tok::Mini, _) => ("微信小程序", format!("{}办事", u.stem)),
        };
        used[i].push(t);
        rows.push(Row {
            label: label.to_string(),
            name,
            unit: u.unit.clone(),
            level: u.level.clone(),
            region: u.region.clone(),
            domain: u.domain.clone(),
            opened: opened(rng),
        });
    }
    rows
}

fn opened_date(rng: &mut ChaCha8Rng) -> String {
    let y = rng.random_range(2013..=2023);
    let m = rng.random_range(1..=12);
    let d = rng.random_range(1..=28);
    format!("{y}-{m:02}-{d:02}")
}

fn domain_of(unit: &str) -> &'static str {
    const MAP: &[(&str, &str)] = &[
        ("教育", "教育"),
        ("交警", "公安"),
        ("公安", "公安"),
        ("司法", "司法"),
        ("人力社保", "人社"),
        ("交通", "交通"),
        ("农业", "农业农村"),
        ("文广旅体", "文旅"),
        ("卫健", "卫健"),
        ("市场监管", "市场监管"),
        ("执法", "综合执法"),
        ("大数据", "政务发布"),
        ("发改", "发改"),
        ("生态环境", "生态环境"),
    ];
    MAP.iter()
        .find(|(k, _)| unit.contains(k))
        .map_or("其他", |(_, d)| d)
}

/// The 20 accounts of seed 003 attachment 2, as filed by Yunhe county.
fn yunhe(csv_text: &str, rng: &mut ChaCha8Rng) -> Vec<Row> {
    let mut rdr = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    rdr.records()
        .map(|r| {
            let r = r.expect("fixture parses");
            Row {
                label: r[0].to_string(),
                name: r[1].to_string(),
                unit: r[2].to_string(),
                level: "县级".to_string(),
                region: format!("{PROVINCE}/{CITY}/云和县"),
                domain: domain_of(&r[2]).to_string(),
                opened: opened_date(rng),
            }
        })
        .collect()
}

/// Builds all 445 rows.
pub fn build(rng: &mut ChaCha8Rng, yunhe_csv: &str) -> Vec<Row> {
    let city_region = format!("{PROVINCE}/{CITY}");
    let mut city_units = dept_units(CITY, "丽水", "市级", &city_region, DEPTS);
    city_units.extend(dept_units(CITY, "丽水", "市级", &city_region, CITY_EXTRA));
    // City: WeChat 100, Weibo 25, App 4, Douyin 8, Toutiao 4, mini-programs 4 = 145.
    let mut rows = assign(
        &city_units,
        &tokens(100, 25, 4, 8, 4, 4),
        rng,
        &mut opened_date,
    );
    // Counties except Yunhe: WeChat 199, Weibo 45, App 1, Douyin 18, Toutiao 11, mini 6 = 280.
    let mut pool = tokens(199, 45, 1, 18, 11, 6);
    pool.shuffle(rng);
    // Keep WeChat first inside each county so every unit gets its main account first.
    let mut start = 0;
    for (c, quota) in COUNTIES.iter().zip(COUNTY_QUOTA) {
        let (name, short, level, towns) = *c;
        let region = format!("{PROVINCE}/{CITY}/{name}");
        let depts = if quota >= 60 { 30 } else { 16 };
        let mut units = dept_units(name, short, level, &region, &DEPTS[..depts]);
        units.extend(township_units(&region, towns));
        let mut toks: Vec<Tok> = pool[start..start + quota].to_vec();
        start += quota;
        toks.sort_by_key(|t| *t != Tok::WeChat);
        rows.extend(assign(&units, &toks, rng, &mut opened_date));
    }
    rows.extend(yunhe(yunhe_csv, rng));
    rows
}

/// Writes accounts.csv with the office column names.
pub fn write(rows: &[Row], path: &std::path::Path) -> std::io::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record([
        "新媒体类型",
        "新媒体名称",
        "责任单位",
        "行政层级",
        "地区",
        "业务领域",
        "状态",
        "开设日期",
    ])?;
    for r in rows {
        w.write_record([
            &r.label, &r.name, &r.unit, &r.level, &r.region, &r.domain, "正常", &r.opened,
        ])?;
    }
    w.flush()
}
