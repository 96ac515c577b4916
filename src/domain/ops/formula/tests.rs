use super::*;
use crate::domain::ops::Counts;

fn shipped_named(id: &str) -> Formula {
    let (name, src) = SHIPPED
        .iter()
        .find(|(n, _)| n.starts_with(id))
        .expect("shipped file");
    parse(src, name).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_shipped_formula_parses() {
    for (name, src) in SHIPPED {
        parse(src, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    assert_eq!(shipped().len(), SHIPPED.len());
}

/// The published V2.0 worked example (gulangu.com/a/344.html): R = 10000 over n = 100 articles,
/// Rmax = 300, Z = 4000, Zmax = 60 → read index 6.617046919, like index 5.605458353,
/// WCI = 411.4875079.
#[test]
fn wci_v2_matches_the_published_example() {
    let f = shipped_named("wci-v2.0");
    let m = PeriodMetrics {
        days: 7.0,
        posts: 100.0,
        total: Counts {
            reads: 10000.0,
            likes: 4000.0,
            ..Counts::default()
        },
        max: Counts {
            reads: 300.0,
            likes: 60.0,
            ..Counts::default()
        },
        ..PeriodMetrics::default()
    };
    assert!((f.blocks[0].value(&m) - 6.617046919).abs() < 1e-8);
    assert!((f.blocks[1].value(&m) - 5.605458353).abs() < 1e-8);
    assert!((f.value(&m) - 411.4875079).abs() < 1e-6, "{}", f.value(&m));
}

/// Our own V14.2 inputs (research/statistics.md §5.1), a regression value: WCI = 624.2282.
#[test]
fn wci_v14_2_regression() {
    let f = shipped_named("wci-v14.2");
    let c = |reads, wow, likes, shares| Counts {
        reads,
        wow,
        likes,
        shares,
        comments: 0.0,
    };
    let m = PeriodMetrics {
        days: 7.0,
        posts: 14.0,
        total: c(21000.0, 140.0, 210.0, 350.0),
        headline: c(14000.0, 98.0, 140.0, 245.0),
        max: c(4000.0, 30.0, 45.0, 80.0),
        ..PeriodMetrics::default()
    };
    let blocks: Vec<f64> = f.blocks.iter().map(|b| b.value(&m)).collect();
    for (got, want) in blocks.iter().zip([7.356906, 6.664936, 6.963686, 7.689217]) {
        assert!((got - want).abs() < 1e-5, "{blocks:?}");
    }
    assert!((f.value(&m) - 624.2282).abs() < 1e-3, "{}", f.value(&m));
}

#[test]
fn an_empty_week_scores_the_floor_and_responsiveness_counts_no_reply_as_the_cap() {
    let f = shipped_named("gov-ops");
    let empty = PeriodMetrics::new(7.0);
    assert_eq!(f.value(&empty), 0.0);
    let mut quick = PeriodMetrics::new(7.0);
    quick.reply_hours = Some(2.0);
    let want = 0.15 * ((169.0f64).ln() - (3.0f64).ln());
    assert!((f.value(&quick) - want).abs() < 1e-12);
    quick.reply_hours = Some(500.0);
    assert_eq!(f.value(&quick), 0.0);
}

#[test]
fn a_bad_formula_names_file_line_and_column() {
    let src = "Formula(\n  id: \"x\", version: \"1\", name: \"x\",\n  blocks: [Block(name: \"a\", weight: 1.0, terms: [\n    Term(weight: 1.0, of: Readz, per: Total),\n  ])],\n  scale: Plain(1.0),\n)\n";
    let e = parse(src, "mine.ron").unwrap_err().to_string();
    assert!(e.starts_with("mine.ron:4:"), "{e}");
    assert!(e.contains("Readz"), "{e}");
    let src = src.replace("Readz, per: Total", "Followers, per: Total");
    let e = parse(&src, "mine.ron").unwrap_err().to_string();
    assert!(e.starts_with("mine.ron:4:5:"), "{e}");
    let src = src
        .replace("Followers, per: Total", "Reads, per: Total")
        .replace("blocks:", "platforms: [\"wechatt\"],\n  blocks:");
    let e = parse(&src, "mine.ron").unwrap_err().to_string();
    assert!(e.contains("mine.ron:3:") && e.contains("wechatt"), "{e}");
}

#[test]
fn platform_specific_formulas_win_over_generic_ones() {
    let all = shipped();
    assert_eq!(for_platform(&all, Platform::Douyin).unwrap().id, "gov-ops");
    let mut mine = vec![shipped_named("bci")];
    mine.extend(all);
    assert_eq!(for_platform(&mine, Platform::Weibo).unwrap().id, "bci");
    assert_eq!(
        for_platform(&mine, Platform::WeChat).unwrap().id,
        "wci-v14.2"
    );
}
