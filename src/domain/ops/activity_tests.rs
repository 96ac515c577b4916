use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn silence_after_the_last_post_makes_an_account_dormant_at_the_end() {
    // 东坑发布: last post 2024-11-20, monitoring date 2024-12-16 → 26 silent days.
    let r = ActivityRules::default();
    let a = evaluate(
        &r,
        &[d("2024-11-01"), d("2024-11-20")],
        d("2024-11-01"),
        d("2024-12-16"),
        (0, 0),
        false,
    );
    assert_eq!(a.last_post, Some(d("2024-11-20")));
    assert_eq!(a.silent_days, 26);
    assert!(a.dormant_now);
    assert_eq!(a.longest_gap, 26);
    assert!(
        a.zombie && a.zombie_because == vec!["reports", "gap"],
        "{a:?}"
    );
    // 13 days of silence is not dormant; 14 is.
    let b = evaluate(
        &r,
        &[d("2024-12-03")],
        d("2024-12-01"),
        d("2024-12-16"),
        (0, 0),
        false,
    );
    assert_eq!((b.silent_days, b.dormant_now), (13, false));
    let c = evaluate(
        &r,
        &[d("2024-12-02")],
        d("2024-12-01"),
        d("2024-12-16"),
        (0, 0),
        false,
    );
    assert_eq!((c.silent_days, c.dormant_now), (14, true));
}

#[test]
fn an_account_with_no_posts_is_silent_for_the_whole_period() {
    let r = ActivityRules::default();
    let a = evaluate(&r, &[], d("2024-12-01"), d("2024-12-28"), (3, 0), false);
    assert_eq!(a.last_post, None);
    assert_eq!((a.silent_days, a.longest_gap), (28, 28));
    assert!(a.dormant_now && a.zombie && a.no_interaction);
    assert_eq!(a.under_floor, vec![d("2024-12-01"), d("2024-12-15")]);
}

#[test]
fn zombie_rules_each_trigger_alone() {
    let r = ActivityRules::default();
    let (from, to) = (d("2024-10-01"), d("2024-10-31"));
    // A 21-day gap, never dormant at two consecutive weekly checks.
    let gap = evaluate(
        &r,
        &[d("2024-10-01"), d("2024-10-23"), d("2024-10-30")],
        from,
        to,
        (0, 0),
        false,
    );
    assert_eq!(gap.longest_gap, 21);
    assert_eq!(gap.zombie_because, vec!["gap"]);
    // A 20-day gap is allowed.
    let ok = evaluate(
        &r,
        &[d("2024-10-01"), d("2024-10-22"), d("2024-10-30")],
        from,
        to,
        (0, 0),
        false,
    );
    assert!(!ok.zombie, "{ok:?}");
    let app = evaluate(
        &r,
        &[d("2024-10-01"), d("2024-10-15"), d("2024-10-29")],
        from,
        to,
        (0, 0),
        true,
    );
    assert_eq!(app.zombie_because, vec!["unavailable"]);
}

#[test]
fn update_floor_presets() {
    let posts = [d("2024-12-02"), d("2024-12-09"), d("2024-12-10")];
    let (from, to) = (d("2024-12-02"), d("2024-12-15"));
    let sichuan = ActivityRules::preset("sichuan").unwrap();
    assert!(
        evaluate(&sichuan, &posts, from, to, (0, 0), false)
            .under_floor
            .is_empty()
    );
    let shenmu = ActivityRules::preset("神木").unwrap();
    let a = evaluate(&shenmu, &posts, from, to, (0, 0), false);
    assert_eq!(a.under_floor, vec![d("2024-12-02")]);
    assert!(ActivityRules::preset("atlantis").is_none());
}

#[test]
fn answered_messages_are_interaction() {
    let r = ActivityRules::default();
    let a = evaluate(&r, &[], d("2024-12-01"), d("2024-12-07"), (5, 1), false);
    assert!(!a.no_interaction);
    let b = evaluate(&r, &[], d("2024-12-01"), d("2024-12-07"), (0, 0), false);
    assert!(!b.no_interaction, "no messages is not a failure to answer");
}

#[test]
fn the_verdict_off_the_bits_is_the_verdict_of_the_whole_evaluation() {
    // Post days from a small generator over every preset and a few odd rule sets: the verdict
    // read off the days' bits must equal the one read off the full findings.
    let from = d("2024-01-01");
    let to = d("2024-12-29");
    let odd = ActivityRules {
        dormant_days: 3,
        check_days: 0,
        zombie_reports: 0,
        zombie_gap_days: 5,
        floor_posts: 4,
        floor_days: 1,
        ..ActivityRules::default()
    };
    let mut rules: Vec<ActivityRules> = PRESETS
        .iter()
        .filter_map(|(n, _)| ActivityRules::preset(n))
        .collect();
    rules.push(odd);
    let mut x = 7u64;
    let mut seen = [0usize; 4];
    for case in 0..400 {
        let mut days = Vec::new();
        let step = 1 + case % 23;
        // Some cases start before the period or run past it (a week cut short by the end
        // date gives post days after the last week closed).
        let mut day = day_number(from) + (case % 11) as i64 - if case % 7 == 0 { 30 } else { 0 };
        let end = day_number(to) + if case % 5 == 1 { 9 } else { 0 };
        while day <= end {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            if !(x >> 33).is_multiple_of(3) {
                days.push(day);
            }
            day += ((x >> 40) % (2 * step as u64)) as i64 + 1;
        }
        let messages = ((case % 3) as u64, (case % 5 == 0) as u64);
        for r in &rules {
            let full = evaluate_days(r, &days, from, to, messages, case % 17 == 0);
            let lean = verdict_bits(r, as_bits(&days), from, to, messages, case % 17 == 0);
            assert_eq!(lean, full.verdict(), "case {case}, rules {r:?}");
            for (k, on) in [
                lean.dormant,
                lean.zombie,
                lean.under_floor,
                lean.no_interaction,
            ]
            .into_iter()
            .enumerate()
            {
                seen[k] += usize::from(on);
            }
        }
    }
    // Every flag was both raised and not raised somewhere.
    assert!(
        seen.iter().all(|&n| n > 0 && n < 400 * rules.len()),
        "{seen:?}"
    );
}

/// `days` (sorted, without repeats) as bits from 40 days before the first, over whole words
/// and one spare word past the last.
fn as_bits(days: &[i64]) -> DayBits<'static> {
    let first = days.first().map_or(0, |d| d - 40);
    let span = days.last().map_or(0, |d| d - first + 1);
    let mut words = vec![0u64; (span as usize).div_ceil(64) + 1];
    for d in days {
        let k = (d - first) as usize;
        words[k / 64] |= 1 << (k % 64);
    }
    DayBits {
        words: Vec::leak(words),
        first,
    }
}
