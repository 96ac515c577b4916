//! Remakes sample-data/ deterministically (fixed seed): the fictional city's 445 accounts, the
//! Q4 inspection and the Lidu four-dimension scores, and 26 weeks of metrics.
//!
//! Run from the repository root: `cargo run --release --example make_sample_data`
//! (optional arguments: output directory, rubrics directory).

mod accounts;
mod metrics;
mod scores;

use std::path::PathBuf;

use assay::domain::platform::Platform;
use assay::domain::rubric::Rubric;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use accounts::Row;
use metrics::Profile;
use scores::VetoCase;

/// The seed of the published sample data. Change it and every file changes.
const SEED: u64 = 20_241_216;
const Q4: &str = "2024年第四季度全面检查";
const FOUR: &str = "2024年莲都区政务新媒体四维评估";
const INSPECTOR: &str = "王敏";
const EVALUATORS: [(&str, f64); 3] = [("陈思远", 0.03), ("刘晓雯", 0.0), ("赵立新", -0.05)];

fn rubric(dir: &std::path::Path, file: &str) -> (Rubric, String) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let opts = assay::domain::rubric::ron_options();
    let r: Rubric = opts
        .from_str(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (r, text)
}

fn find<'a>(rows: &'a [Row], what: &str, f: impl Fn(&Row) -> bool) -> &'a Row {
    rows.iter()
        .find(|r| f(r))
        .unwrap_or_else(|| panic!("no account for {what}"))
}

/// The three accounts the inspector fails, with what a real inspector writes.
fn veto_cases(rows: &[Row], rng: &mut ChaCha8Rng) -> Vec<VetoCase> {
    let stale = find(rows, "no_update", |r| {
        r.region.ends_with("景宁畲族自治县/东坑镇") && r.label.contains("微信")
    });
    let closed = find(rows, "no_interaction", |r| {
        r.unit == "遂昌县住房和城乡建设局" && r.label.contains("微信")
    });
    let error = find(rows, "security", |r| {
        r.region.ends_with("缙云县") && r.label == "微博"
    });
    vec![
        VetoCase {
            platform: Platform::WeChat,
            account: stale.name.clone(),
            item: "no_update".into(),
            reason: 0,
            note: "监测时间点2024-12-16前2周(12-02至12-15)无任何更新,最近一条推文发布于2024-11-20;10月单否专项检查时已提醒".into(),
            evidence: vec![format!("截图/2024Q4/{}-发布列表-20241216.png", stale.name), scores::link(stale, rng)],
        },
        VetoCase {
            platform: Platform::WeChat,
            account: closed.name.clone(),
            item: "no_interaction".into(),
            reason: 0,
            note: "文章留言功能已关闭,菜单无互动入口;12月16日10:20、14:05两次发送咨询消息均无自动或人工回复".into(),
            evidence: vec![format!("截图/2024Q4/{}-留言关闭.png", closed.name), format!("截图/2024Q4/{}-消息无回复.png", closed.name)],
        },
        VetoCase {
            platform: Platform::Weibo,
            account: error.name.clone(),
            item: "security".into(),
            reason: 0,
            note: "12月5日发布的微博将“中华人民共和国成立75周年”误写为“成立57周年”,截至检查时未删除更正".into(),
            evidence: vec![scores::link(error, rng), format!("截图/2024Q4/{}-表述错误.png", error.name)],
        },
    ]
}

/// Metric profiles: the stale account, 5 dormant and 4 zombie accounts among county and
/// township accounts, the rest normal.
fn profiles(rows: &[Row], stale: &str, rng: &mut ChaCha8Rng) -> Vec<Profile> {
    let mut out: Vec<Profile> = rows.iter().map(|_| Profile::Normal).collect();
    let last = chrono::NaiveDate::from_ymd_opt(2024, 11, 20).expect("valid date");
    let (mut dormant, mut zombie) = (0, 0);
    for (i, r) in rows.iter().enumerate() {
        if r.name == stale && r.label.contains("微信") {
            out[i] = Profile::Stale(last);
        } else if r.level != "市级" && !r.region.ends_with("云和县") && rng.random_bool(0.05) {
            if dormant < 5 {
                out[i] = Profile::Dormant {
                    from: rng.random_range(4..12),
                    gap: 13 + rng.random_range(3..8),
                };
                dormant += 1;
            } else if zombie < 4 {
                out[i] = Profile::Zombie;
                zombie += 1;
            }
        }
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let out = PathBuf::from(args.get(1).map_or("sample-data", String::as_str));
    let rubrics = PathBuf::from(args.get(2).map_or("rubrics", String::as_str));
    std::fs::create_dir_all(&out)?;
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let yunhe = include_str!("yunhe-accounts.csv");
    let rows = accounts::build(&mut rng, yunhe);
    assert_eq!(rows.len(), 445, "account count");
    accounts::write(&rows, &out.join("accounts.csv"))?;

    let vetoes = veto_cases(&rows, &mut rng);
    let (national, _) = rubric(&rubrics, "national-inspection.ron");
    let q4 = scores::inspection(&national, &rows, Q4, INSPECTOR, &vetoes, &mut rng);
    scores::write(&q4, &out.join("scores-2024q4-inspection.csv"))?;

    let (four, _) = rubric(&rubrics, "four-dimensions.ron");
    let lidu: Vec<&Row> = rows
        .iter()
        .filter(|r| r.region.contains("/莲都区"))
        .collect();
    let split = lidu
        .iter()
        .find(|r| r.name.ends_with("文旅") && r.label.contains("微信"))
        .map_or(String::new(), |r| r.name.clone());
    let fd = scores::four_dimensions(
        &four,
        &lidu,
        FOUR,
        &EVALUATORS,
        (Platform::WeChat, &split),
        &mut rng,
    );
    scores::write(&fd, &out.join("scores-lidu-four-dimensions.csv"))?;

    let mut w = csv::Writer::from_path(out.join("rounds.csv"))?;
    w.write_record(["name", "rubric", "monitoring_date", "region"])?;
    w.write_record([
        FOUR,
        "four-dimensions.ron",
        "2024-11-29",
        "浙江省/丽水市/莲都区",
    ])?;
    w.write_record([Q4, "national-inspection.ron", "2024-12-16", ""])?;
    w.flush()?;

    let profs = profiles(&rows, &vetoes[0].account, &mut rng);
    let (np, nw) = metrics::write(&rows, &profs, &out, &mut rng)?;
    println!(
        "accounts {} | Q4 rows {} | four-dimension rows {} ({} accounts, split veto on {split}) | posts {np} | weekly {nw}",
        rows.len(),
        q4.len(),
        fd.len(),
        lidu.len()
    );
    Ok(())
}
