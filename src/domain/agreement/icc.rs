//! Intraclass correlation in the six Shrout & Fleiss (1979) forms, with F tests and 95%
//! confidence intervals (McGraw & Wong 1996; Satterthwaite for ICC(2,·)).

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, FisherSnedecor};

use super::AgreementError;

/// One ICC form: its value, the F test against ρ = 0 and the 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IccForm {
    pub value: f64,
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
    pub ci95: [f64; 2],
}

/// The six forms on a complete n × k matrix.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[allow(non_snake_case)]
pub struct Icc {
    pub n: usize,
    pub k: usize,
    pub ICC1: IccForm,
    pub ICC2: IccForm,
    pub ICC3: IccForm,
    pub ICC1k: IccForm,
    pub ICC2k: IccForm,
    pub ICC3k: IccForm,
}

/// Mean squares of the two-way ANOVA.
struct Anova {
    n: f64,
    k: f64,
    bms: f64,
    wms: f64,
    jms: f64,
    ems: f64,
}

fn anova(rows: &[Vec<f64>]) -> Anova {
    let n = rows.len();
    let k = rows[0].len();
    let (nf, kf) = (n as f64, k as f64);
    let grand = rows.iter().flatten().sum::<f64>() / (nf * kf);
    let sst: f64 = rows.iter().flatten().map(|x| (x - grand).powi(2)).sum();
    let ssr: f64 = rows
        .iter()
        .map(|r| (r.iter().sum::<f64>() / kf - grand).powi(2))
        .sum::<f64>()
        * kf;
    let ssc: f64 = (0..k)
        .map(|j| (rows.iter().map(|r| r[j]).sum::<f64>() / nf - grand).powi(2))
        .sum::<f64>()
        * nf;
    let sse = sst - ssr - ssc;
    let ssw = sst - ssr;
    Anova {
        n: nf,
        k: kf,
        bms: ssr / (nf - 1.0),
        wms: ssw / (nf * (kf - 1.0)),
        jms: ssc / (kf - 1.0),
        ems: sse / ((nf - 1.0) * (kf - 1.0)),
    }
}

/// Upper 97.5% quantile of F(d1, d2); NaN when the degrees of freedom are not positive.
fn f975(d1: f64, d2: f64) -> f64 {
    FisherSnedecor::new(d1, d2).map_or(f64::NAN, |d| d.inverse_cdf(0.975))
}

/// Upper tail of F(d1, d2) at `f`.
fn f_sf(f: f64, d1: f64, d2: f64) -> f64 {
    if f.is_nan() {
        return f64::NAN;
    }
    FisherSnedecor::new(d1, d2).map_or(f64::NAN, |d| d.sf(f.max(0.0)))
}

/// ICC on a complete matrix (every row scored by every rater); at least 2 rows and 2 raters.
pub fn icc(rows: &[Vec<f64>]) -> Result<Icc, AgreementError> {
    if rows.len() < 2 {
        return Err(AgreementError::TooFewTargets);
    }
    if rows[0].len() < 2 {
        return Err(AgreementError::TooFewRaters);
    }
    let a = anova(rows);
    let (one, one_k) = one_way(&a);
    let (three, three_k) = consistency(&a);
    let (two, two_k) = absolute(&a);
    Ok(Icc {
        n: rows.len(),
        k: rows[0].len(),
        ICC1: one,
        ICC2: two,
        ICC3: three,
        ICC1k: one_k,
        ICC2k: two_k,
        ICC3k: three_k,
    })
}

/// ICC(1,1) and ICC(1,k): one-way random effects.
fn one_way(a: &Anova) -> (IccForm, IccForm) {
    let (n, k) = (a.n, a.k);
    let (df1, df2) = (n - 1.0, n * (k - 1.0));
    let f = a.bms / a.wms;
    let fl = f / f975(df1, df2);
    let fu = f * f975(df2, df1);
    let p = f_sf(f, df1, df2);
    let single = IccForm {
        value: (a.bms - a.wms) / (a.bms + (k - 1.0) * a.wms),
        f,
        df1,
        df2,
        p,
        ci95: [(fl - 1.0) / (fl + k - 1.0), (fu - 1.0) / (fu + k - 1.0)],
    };
    let average = IccForm {
        value: (a.bms - a.wms) / a.bms,
        ci95: [1.0 - 1.0 / fl, 1.0 - 1.0 / fu],
        ..single
    };
    (single, average)
}

/// ICC(3,1) and ICC(3,k): two-way mixed, consistency.
fn consistency(a: &Anova) -> (IccForm, IccForm) {
    let (n, k) = (a.n, a.k);
    let (df1, df2) = (n - 1.0, (n - 1.0) * (k - 1.0));
    let f = a.bms / a.ems;
    let fl = f / f975(df1, df2);
    let fu = f * f975(df2, df1);
    let single = IccForm {
        value: (a.bms - a.ems) / (a.bms + (k - 1.0) * a.ems),
        f,
        df1,
        df2,
        p: f_sf(f, df1, df2),
        ci95: [(fl - 1.0) / (fl + k - 1.0), (fu - 1.0) / (fu + k - 1.0)],
    };
    let average = IccForm {
        value: (a.bms - a.ems) / a.bms,
        ci95: [1.0 - 1.0 / fl, 1.0 - 1.0 / fu],
        ..single
    };
    (single, average)
}

/// ICC(2,1) and ICC(2,k): two-way random, absolute agreement; Satterthwaite CI, Spearman–Brown
/// for the average form.
fn absolute(a: &Anova) -> (IccForm, IccForm) {
    let (n, k) = (a.n, a.k);
    let (df1, df2) = (n - 1.0, (n - 1.0) * (k - 1.0));
    let f = a.bms / a.ems;
    let rho = (a.bms - a.ems) / (a.bms + (k - 1.0) * a.ems + k * (a.jms - a.ems) / n);
    let fj = a.jms / a.ems;
    let c = n * (1.0 + (k - 1.0) * rho) - k * rho;
    let v = (k - 1.0) * (n - 1.0) * (k * rho * fj + c).powi(2)
        / ((n - 1.0) * k * k * rho * rho * fj * fj + c * c);
    let f_star = f975(df1, v);
    let f_2star = f975(v, df1);
    let base = k * a.jms + (k * n - k - n) * a.ems;
    let low = n * (a.bms - f_star * a.ems) / (f_star * base + n * a.bms);
    let high = n * (f_2star * a.bms - a.ems) / (base + n * f_2star * a.bms);
    let single = IccForm {
        value: rho,
        f,
        df1,
        df2,
        p: f_sf(f, df1, df2),
        ci95: [low, high],
    };
    let sb = |r: f64| k * r / (1.0 + (k - 1.0) * r);
    let average = IccForm {
        value: (a.bms - a.ems) / (a.bms + (a.jms - a.ems) / n),
        ci95: [sb(low), sb(high)],
        ..single
    };
    (single, average)
}
