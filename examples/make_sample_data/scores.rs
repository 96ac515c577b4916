//! Score rows of the two sample rounds: the Q4 inspection (one inspector, exactly 3 vetoes) and
//! the Lidu four-dimension evaluation (3 evaluators, bias and noise, disagreements, a split veto).

use assay::domain::platform::Platform;
use assay::domain::rubric::{ItemRef, Rubric};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::accounts::Row;

/// One row of a scores CSV.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub round: String,
    pub platform: String,
    pub account: String,
    pub evaluator: String,
    pub indicator: String,
    pub value: Option<f64>,
    pub count: Option<u32>,
    pub veto: String,
    pub na: bool,
    pub note: String,
    pub evidence: Vec<String>,
}

/// A veto the inspector records: account name, veto item id, reason index, note, evidence.
pub struct VetoCase {
    pub platform: Platform,
    pub account: String,
    pub item: String,
    pub reason: usize,
    pub note: String,
    pub evidence: Vec<String>,
}

pub fn platform_of(r: &Row) -> Platform {
    Platform::parse(&r.label).unwrap_or(Platform::Other)
}

/// A plausible link to a post of this account.
pub fn link(r: &Row, rng: &mut ChaCha8Rng) -> String {
    const ALNUM: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let code: String = (0..22)
        .map(|_| ALNUM[rng.random_range(0..ALNUM.len())] as char)
        .collect();
    let digits = rng.random_range(10u64.pow(16)..10u64.pow(17));
    match platform_of(r) {
        Platform::WeChat => format!("https://mp.weixin.qq.com/s/{code}"),
        Platform::Weibo => format!(
            "https://weibo.com/{}/{}",
            5_000_000_000u64 + digits % 999_999_999,
            &code[..9]
        ),
        Platform::Douyin => format!("https://www.douyin.com/video/73{digits}"),
        Platform::Toutiao => format!("https://www.toutiao.com/article/73{digits}/"),
        _ => format!("截图/2024Q4/{}-主页.png", r.name),
    }
}

fn deduct_note(id: &str, n: u32, rng: &mut ChaCha8Rng) -> String {
    let day = |rng: &mut ChaCha8Rng| {
        format!(
            "{}月{}日",
            rng.random_range(10..=12),
            rng.random_range(1..=28)
        )
    };
    match id {
        "update_slow" => format!(
            "监测期内有{n}周未更新(最长间隔{}天)",
            rng.random_range(8..=13)
        ),
        "unrelated_info" => format!("{}转发商家促销活动信息,与本单位职能无关", day(rng)),
        "entertainment" => format!(
            "{}推文标题使用网络流行语“家人们谁懂啊”,过度娱乐化",
            day(rng)
        ),
        "minor_errors" => format!(
            "{}推文“{}”一文有{n}处错别字(“部署”误作“布署”等)",
            day(rng),
            [
                "冬季防火安全提示",
                "医保参保缴费指南",
                "秋冬季流感防治要点",
                "年度重点工作进展"
            ][rng.random_range(0..4)]
        ),
        "repost_source" => format!("{}转载新华社稿件未注明来源", day(rng)),
        "msg_overdue" => format!("{n}条群众留言超过5个工作日未回复(最早一条{})", day(rng)),
        "reply_poor" => format!("{}对停车收费咨询的回复答非所问", day(rng)),
        "no_response" => "辖区道路塌陷事件后72小时内未发布情况说明".to_string(),
        "broken_function" => format!("底部菜单“办事指南”等{n}处链接打开报错"),
        "no_service_entry" => "菜单栏未设置办事服务入口".to_string(),
        "naming" => "认证信息未标明主办单位全称".to_string(),
        "commercial_ads" => "文章底部出现流量主商业广告".to_string(),
        "filing" => "账号更名后未在全国政务新媒体信息报送系统更新备案".to_string(),
        _ => "见证据截图".to_string(),
    }
}

fn bonus_note(id: &str) -> &'static str {
    match id {
        "original_reprinted" => "原创稿件被“浙江发布”转载",
        "innovation" => "“办事指南一键查”做法被市政府办公室通报推广",
        "major_theme" => "国庆节点策划系列推文阅读量均超1万",
        _ => "见证据",
    }
}

fn applicable<'a>(rubric: &'a Rubric, r: &Row) -> Vec<(ItemRef<'a>, &'static str)> {
    let p = platform_of(r);
    let l = assay::domain::platform::Level::parse(&r.level)
        .unwrap_or(assay::domain::platform::Level::County);
    rubric
        .items()
        .into_iter()
        .filter(|it| match it {
            ItemRef::Indicator(c, i) => c.applies(p, l) && i.common().applies(p, l),
            _ => it.common().applies(p, l),
        })
        .map(|it| {
            let kind = match it {
                ItemRef::Indicator(_, i) => i.kind_name(),
                ItemRef::Bonus(_) => "Bonus",
                ItemRef::Veto(_) => "Veto",
            };
            (it, kind)
        })
        .collect()
}

fn base(round: &str, r: &Row, evaluator: &str, id: &str) -> Score {
    Score {
        round: round.to_string(),
        platform: platform_of(r).label_zh().to_string(),
        account: r.name.clone(),
        evaluator: evaluator.to_string(),
        indicator: id.to_string(),
        ..Score::default()
    }
}

/// The Q4 inspection: every applicable item for every account; `vetoes` fail, the rest pass.
pub fn inspection(
    rubric: &Rubric,
    rows: &[Row],
    round: &str,
    inspector: &str,
    vetoes: &[VetoCase],
    rng: &mut ChaCha8Rng,
) -> Vec<Score> {
    let mut out = Vec::new();
    for r in rows {
        let perfect = rng.random_bool(0.42);
        let veto = vetoes
            .iter()
            .find(|v| v.account == r.name && v.platform == platform_of(r));
        for (it, kind) in applicable(rubric, r) {
            let id = &it.common().id;
            let mut s = base(round, r, inspector, id);
            match (kind, it) {
                ("Veto", ItemRef::Veto(v)) => match veto.filter(|c| &c.item == id) {
                    Some(c) => {
                        s.veto = v
                            .reasons
                            .get(c.reason)
                            .or(v.reasons.first())
                            .cloned()
                            .unwrap_or_default();
                        s.note = c.note.clone();
                        s.evidence = c.evidence.clone();
                    }
                    None => s.value = Some(0.0),
                },
                ("Bonus", _) => {
                    let n = u32::from(!perfect && rng.random_bool(0.06))
                        + u32::from(perfect && rng.random_bool(0.05));
                    s.count = Some(n);
                    if n > 0 {
                        s.note = bonus_note(id).to_string();
                        s.evidence = vec![link(r, rng)];
                    }
                }
                ("Deduct", _) => {
                    let n = if perfect || !rng.random_bool(0.12) {
                        0
                    } else {
                        rng.random_range(1..=2)
                    };
                    s.count = Some(n);
                    if n > 0 {
                        s.note = deduct_note(id, n, rng);
                        s.evidence = vec![link(r, rng), format!("截图/2024Q4/{}-{id}.png", r.name)];
                    }
                }
                ("Check", _) => s.value = Some(1.0),
                (_, ItemRef::Indicator(_, i)) => s.value = Some(i.max_points()),
                _ => continue,
            }
            out.push(s);
        }
    }
    out
}

fn gauss(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.random::<f64>().max(1e-12);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn snap(x: f64, min: f64, max: f64, step: f64) -> f64 {
    let v = min + ((x.clamp(min, max) - min) / step).round() * step;
    (v * 100.0).round() / 100.0
}

/// The four-dimension evaluation: each evaluator scores every account from a shared latent
/// quality with their own bias and noise; some accounts get a strong disagreement; the account
/// `split_veto` is vetoed by the first evaluator only.
pub fn four_dimensions(
    rubric: &Rubric,
    rows: &[&Row],
    round: &str,
    evaluators: &[(&str, f64)],
    split_veto: (Platform, &str),
    rng: &mut ChaCha8Rng,
) -> Vec<Score> {
    let mut out = Vec::new();
    for (k, r) in rows.iter().enumerate() {
        let q = 0.62 + 0.3 * rng.random::<f64>();
        let disagree = k % 10 == 3;
        for (e, (name, bias)) in evaluators.iter().enumerate() {
            let shift = if disagree && e == k % evaluators.len() {
                -0.22
            } else {
                0.0
            };
            for (it, kind) in applicable(rubric, r) {
                let id = &it.common().id;
                let mut s = base(round, r, name, id);
                let x = q + bias + shift + 0.06 * gauss(rng);
                match it {
                    ItemRef::Indicator(_, assay::domain::rubric::Indicator::Range(sp)) => {
                        let step = sp
                            .step
                            .unwrap_or(if sp.max - sp.min > 5.0 { 1.0 } else { 0.5 });
                        s.value = Some(snap(sp.min + (sp.max - sp.min) * x, sp.min, sp.max, step));
                        if x < 0.5 {
                            s.note = "抽查近三个月推文,原创内容少,栏目更新不规律".to_string();
                        }
                    }
                    ItemRef::Indicator(_, assay::domain::rubric::Indicator::Check(_)) => {
                        s.value = Some(if x > 0.45 || rng.random_bool(0.7) {
                            1.0
                        } else {
                            0.0
                        })
                    }
                    ItemRef::Indicator(_, assay::domain::rubric::Indicator::Deduct(d)) => {
                        let max_n = (d.cap / d.per).floor().max(1.0) as u32;
                        let n = if x > 0.8 {
                            0
                        } else {
                            ((0.8 - x) * 6.0 * rng.random::<f64>()).floor() as u32
                        };
                        s.count = Some(n.min(max_n));
                        if n > 0 {
                            s.note = format!("抽查发现{}处问题", n.min(max_n));
                            s.evidence = vec![link(r, rng)];
                        }
                    }
                    ItemRef::Bonus(_) => s.count = Some(u32::from(x > 0.9 && rng.random_bool(0.5))),
                    ItemRef::Veto(v) => {
                        if r.name == split_veto.1
                            && platform_of(r) == split_veto.0
                            && e == 0
                            && kind == "Veto"
                            && v.common.id == first_veto(rubric)
                        {
                            s.veto = v.reasons.first().cloned().unwrap_or_default();
                            s.note = "11月28日推文配图使用的中国地图缺少南海诸岛,属“问题地图”;其他评估人认为已于次日删除更正,不应否决".to_string();
                            s.evidence = vec![
                                link(r, rng),
                                format!("截图/四维评估/{}-问题地图.png", r.name),
                            ];
                        } else {
                            s.value = Some(0.0);
                        }
                    }
                }
                out.push(s);
            }
        }
    }
    out
}

fn first_veto(rubric: &Rubric) -> String {
    rubric
        .vetoes
        .iter()
        .find(|v| {
            v.reasons
                .iter()
                .any(|r| r.contains("表述") || r.contains("地图"))
        })
        .or(rubric.vetoes.first())
        .map(|v| v.common.id.clone())
        .unwrap_or_default()
}

fn num(v: Option<f64>) -> String {
    v.map(|x| {
        if x.fract() == 0.0 {
            format!("{x:.0}")
        } else {
            format!("{x}")
        }
    })
    .unwrap_or_default()
}

/// Writes a scores CSV.
pub fn write(rows: &[Score], path: &std::path::Path) -> std::io::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record([
        "round",
        "platform",
        "account",
        "evaluator",
        "indicator",
        "value",
        "count",
        "veto",
        "na",
        "note",
        "evidence",
    ])?;
    for s in rows {
        let count = s.count.map(|c| c.to_string()).unwrap_or_default();
        let na = if s.na { "1" } else { "" };
        w.write_record([
            &s.round,
            &s.platform,
            &s.account,
            &s.evaluator,
            &s.indicator,
            &num(s.value),
            &count,
            &s.veto,
            na,
            &s.note,
            &s.evidence.join(" | "),
        ])?;
    }
    w.flush()
}
