//! Helpers shared by the panel CLI tests: the real binary on a private HOME, a one-indicator
//! round over six accounts, and the Shrout & Fleiss scores as an import file.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

#[path = "../common_cli/mod.rs"]
mod common_cli;
#[allow(unused_imports)]
pub use common_cli::{Assay, BIN, assay, ok};

pub fn fails(db: &Path, args: &[&str]) -> String {
    common_cli::fails_with(db, args, 1)
}

pub const RUBRIC: &str = r#"Rubric(id: "x", name: "一致性检验", version: "1", total: 10, pass_mark: 6,
    grades: [("合格", 6), ("不合格", 0)],
    categories: [Category(id: "c", name: "评分", weight: 10, indicators: [
        Range(id: "x", name: "评分", max: 10, step: 1)])])
"#;

pub const SF: [[u32; 4]; 6] = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
];

/// A database with six accounts 对象1..6 and a round "一致性" on the one-indicator rubric.
pub fn setup(dir: &Path, name: &str, rubric: &str) -> PathBuf {
    let db = dir.join(format!("{name}.db"));
    let accounts = dir.join("accounts.csv");
    let mut csv = String::from("平台,账号名称,主办单位,层级\n");
    for i in 1..=6 {
        csv += &format!("微信,对象{i},单位{i},县级\n");
    }
    std::fs::write(&accounts, csv).unwrap();
    let rubric_file = dir.join(format!("{name}.ron"));
    std::fs::write(&rubric_file, rubric).unwrap();
    ok(
        &db,
        &[
            "account",
            "import",
            accounts.to_str().unwrap(),
            "--region",
            "浙江省/丽水市/云和县",
        ],
    );
    ok(
        &db,
        &[
            "round",
            "create",
            "一致性",
            "--rubric",
            rubric_file.to_str().unwrap(),
            "--date",
            "2024-12-01",
        ],
    );
    db
}

pub fn scores_csv(dir: &Path, rows: &[(usize, &str, u32)]) -> PathBuf {
    let mut s = String::from(
        "round,platform,account,evaluator,indicator,value,count,veto,na,note,evidence\n",
    );
    for (t, ev, v) in rows {
        s += &format!("一致性,微信,对象{t},{ev},x,{v},,,,,\n");
    }
    let p = dir.join("scores.csv");
    std::fs::write(&p, s).unwrap();
    p
}

pub fn sf_rows() -> Vec<(usize, &'static str, u32)> {
    let judges = ["J1", "J2", "J3", "J4"];
    SF.iter()
        .enumerate()
        .flat_map(|(t, r)| judges.iter().zip(r).map(move |(j, v)| (t + 1, *j, *v)))
        .collect()
}
