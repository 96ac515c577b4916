//! Published precision: the one rounding rule for results (half-up at a number of decimals,
//! decimal-correct, so 59.995 publishes as 60.00 although the double nearest 59.995 is a hair
//! below it), and the removal of float noise from JSON output.

/// Decimals results are published at when a rubric does not say.
pub const DEFAULT_DECIMALS: u32 = 2;

/// The most decimals a rubric may ask for.
pub const MAX_DECIMALS: u32 = 6;

/// Rounds `x` half-up (away from zero) at `decimals` places, reading `x` as the shortest decimal
/// that it stands for: 59.995 → 60.00, 59.994999 → 59.99, 0.1 + 0.2 → 0.3. Non-finite values
/// pass through unchanged, −0 becomes 0.
pub fn round_half_up(x: f64, decimals: u32) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let d = decimals.min(MAX_DECIMALS);
    let scale = 10f64.powi(d as i32);
    let y = x.abs() * scale;
    let frac = y - y.floor();
    // Fast path: far from a tie, plain rounding of the scaled value is exact enough.
    let r = if (frac - 0.5).abs() > 1e-6 && y < 1e12 {
        y.round() / scale
    } else {
        tie_by_decimal_text(x.abs(), d)
    };
    let r = if x < 0.0 { -r } else { r };
    if r == 0.0 { 0.0 } else { r }
}

/// Half-up on the decimal text of `x` (non-negative), first cleaned at 9 decimals so that float
/// noise (59.99499999999999744…) reads as the decimal that was meant (59.995).
fn tie_by_decimal_text(x: f64, d: u32) -> f64 {
    let text = format!("{x:.9}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let keep = &frac[..d as usize];
    let next = frac.as_bytes().get(d as usize).copied().unwrap_or(b'0');
    let digits: String = format!("{int}{keep}");
    let Ok(mut n) = digits.parse::<u128>() else {
        return x;
    };
    if next >= b'5' {
        n += 1;
    }
    n as f64 / 10f64.powi(d as i32)
}

/// Rounds every non-integer number in a JSON value to `decimals` places, except under keys named
/// in `keep` (such as the unrounded total shown beside the published one), which are only cleaned
/// of float noise ([`MAX_DECIMALS`] decimals).
pub fn round_json(v: &mut serde_json::Value, decimals: u32, keep: &[&str]) {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => {
            if let Some(x) = n.as_f64() {
                *v = json_number(round_half_up(x, decimals));
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| round_json(x, decimals, keep)),
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                if keep.contains(&k.as_str()) {
                    round_json(x, MAX_DECIMALS, &[]);
                } else {
                    round_json(x, decimals, keep);
                }
            }
        }
        _ => {}
    }
}

fn json_number(x: f64) -> serde_json::Value {
    serde_json::Number::from_f64(x).map_or(serde_json::Value::Null, serde_json::Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_up_is_decimal_correct() {
        assert_eq!(round_half_up(59.995, 2), 60.0);
        assert_eq!(round_half_up(59.994_999, 2), 59.99);
        assert_eq!(round_half_up(59.996, 2), 60.0);
        assert_eq!(round_half_up(79.995, 2), 80.0);
        assert_eq!(round_half_up(1.005, 2), 1.01);
        assert_eq!(round_half_up(2.675, 2), 2.68);
        assert_eq!(round_half_up(0.1 + 0.2, 2), 0.3);
        assert_eq!(round_half_up(68.224_691_357_999_99, 2), 68.22);
        assert_eq!(round_half_up(59.5, 0), 60.0);
        assert_eq!(round_half_up(59.45, 1), 59.5);
        assert_eq!(round_half_up(-1.005, 2), -1.01);
        assert_eq!(round_half_up(-0.001, 2).to_bits(), 0f64.to_bits());
        assert!(round_half_up(f64::NAN, 2).is_nan());
    }

    #[test]
    fn json_numbers_lose_their_noise() {
        let mut v = serde_json::json!({"total": 68.22469135799999, "n": 3, "unrounded": 59.99499999999999,
            "items": [{"points": 0.30000000000000004}]});
        round_json(&mut v, 2, &["unrounded"]);
        assert_eq!(
            v.to_string(),
            r#"{"items":[{"points":0.3}],"n":3,"total":68.22,"unrounded":59.995}"#
        );
    }
}
