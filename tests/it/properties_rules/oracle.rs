//! The oracle of the §11 properties: what SPEC says a generated record scores, computed in
//! big rationals straight from the generated numbers, never with the crate's helpers.

use audit::score::Status;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

use super::generate::{BandStatus, Extra, Given, MinDef, PointDef, Rules, Val};

/// What SPEC says the record scores, in hundredths.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Expected {
    pub(super) points: Vec<i64>,
    pub(super) items: Vec<i64>,
    pub(super) base: i64,
    pub(super) bonus: i64,
    pub(super) penalties: i64,
    pub(super) total: i64,
    pub(super) status: Status,
    pub(super) codes: Vec<&'static str>,
    pub(super) band: Option<String>,
}

pub(super) fn big(n: i64) -> BigRational {
    BigRational::from_integer(BigInt::from(n))
}

/// Round half away from zero to an integer (of hundredths): the one rounding.
pub(super) fn round(r: &BigRational) -> i64 {
    let half = BigRational::new(BigInt::from(1), BigInt::from(2));
    let magnitude = (r.abs() + half).floor().to_integer().to_i64().unwrap();
    if r.is_negative() {
        -magnitude
    } else {
        magnitude
    }
}

/// A point's score (SPEC §4.1, §11.2, §11.3 floor, §11.7, §11.8); `None` for "na".
pub(super) fn point_score(
    p: &PointDef,
    floor_item: bool,
    v: &Val,
    measure: Option<(i64, i64)>,
) -> Option<i64> {
    match v {
        // the first band whose min the rate count / of reaches; 0 without the measure
        Val::Derived => Some(measure.map_or(0, |(of, count)| {
            let bands = p.derive.as_deref().unwrap_or_default();
            bands
                .iter()
                .find(|(min, _)| count * 1000 >= min * of)
                .map_or(0, |(_, points)| *points)
        })),
        Val::Points(h) => Some(*h),
        Val::Na => None,
        Val::Ratings(list) => {
            let n = i64::try_from(list.len()).unwrap();
            Some(round(&BigRational::new(
                BigInt::from(list.iter().sum::<i64>()),
                BigInt::from(n),
            )))
        }
        Val::Deductions(list) => {
            let sum: i64 = list.iter().map(|(p, t)| p * t).sum();
            let taken = p.max_deduction.map_or(sum, |md| sum.min(md));
            let kept = p.max - taken;
            Some(if floor_item { kept } else { kept.max(0) })
        }
    }
}

/// What a bonus or penalty table adds up to, capped (SPEC §4.5, §11.5).
pub(super) fn table(extras: &[Extra], values: &[Option<i64>], cap: Option<i64>) -> i64 {
    let sum: i64 = extras
        .iter()
        .zip(values)
        .filter_map(|(e, v)| {
            let v = (*v)?;
            Some(match e.per {
                Some(per) => e.max.map_or(per * v, |max| (per * v).min(max)),
                None => v,
            })
        })
        .sum();
    cap.map_or(sum, |c| sum.min(c))
}

pub(super) fn oracle(r: &Rules, g: &Given) -> Expected {
    let mut values = g.points.iter();
    let mut points = Vec::new();
    // (item score, applicable, item max, the item)
    let mut items = Vec::new();
    for item in &r.items {
        let (mut sum, mut applicable) = (0, 0);
        for p in &item.points {
            let s = point_score(p, item.floor_item, values.next().unwrap(), g.measure);
            points.push(s.unwrap_or(0));
            if let Some(s) = s {
                sum += s;
                applicable += p.max;
            }
        }
        let score = if item.floor_item { sum.max(0) } else { sum };
        items.push((score, applicable, item.max(), item));
    }
    let base = if r.items[0].weight.is_some() {
        let scale = big(r.scale.unwrap_or(10000));
        let (mut sum, mut weights) = (BigRational::zero(), BigRational::zero());
        for &(score, applicable, _, item) in items.iter().filter(|i| i.1 > 0) {
            let w = big(item.weight.unwrap());
            sum += &w * BigRational::new(BigInt::from(score), BigInt::from(applicable));
            weights += w;
        }
        if weights.is_zero() {
            0
        } else {
            round(&(scale * sum / weights))
        }
    } else {
        let raw: i64 = items.iter().map(|i| i.0).sum();
        let applicable: i64 = items.iter().map(|i| i.1).sum();
        let total: i64 = items.iter().map(|i| i.2).sum();
        if applicable == total {
            raw
        } else if applicable == 0 {
            0
        } else {
            round(&BigRational::new(
                BigInt::from(raw) * total,
                BigInt::from(applicable),
            ))
        }
    };
    let bonus = table(&r.bonus, &g.bonus, r.bonus_cap);
    let penalties = table(&r.penalties, &g.penalties, r.penalty_cap);
    let total = (base + bonus - penalties).max(0);
    // satisfaction ≥ t tenths of a percent, exactly: satisfied / surveyed ≥ t / 1000
    let satisfied_at = |t: i64| g.survey.is_some_and(|(n, k)| k * 1000 >= t * n);
    let mut incomplete = Vec::new();
    if r.verdict.min_satisfaction.is_some() && g.survey.is_none() {
        incomplete.push("survey-missing");
    }
    let derived = r
        .items
        .iter()
        .flat_map(|i| &i.points)
        .any(|p| p.derive.is_some());
    if derived && g.measure.is_none() {
        incomplete.push("measure-missing");
    }
    if !incomplete.is_empty() {
        return Expected {
            points,
            items: items.iter().map(|i| i.0).collect(),
            base,
            bonus,
            penalties,
            total,
            status: Status::Incomplete,
            codes: incomplete,
            band: None,
        };
    }
    let mut codes = Vec::new();
    if g.vetoed {
        codes.push("vetoed");
    }
    if r.min_total.is_some_and(|m| total < m) {
        codes.push("total-below");
    }
    if r.verdict.min_satisfaction.is_some_and(|t| !satisfied_at(t)) {
        codes.push("satisfaction-below");
    }
    for &(score, applicable, max, item) in &items {
        let min = item
            .min
            .or_else(|| r.min_item.map(MinDef::Share))
            .filter(|_| applicable > 0);
        let holds = match min {
            None => true,
            // score / applicable ≥ m / max
            Some(MinDef::Points(m)) => {
                i128::from(score) * i128::from(max) >= i128::from(m) * i128::from(applicable)
            }
            Some(MinDef::Share(t)) => {
                i128::from(score) * 1000 >= i128::from(t) * i128::from(applicable)
            }
        };
        if !holds {
            codes.push("item-below-min");
        }
    }
    let status = if codes.is_empty() {
        BandStatus::Pass
    } else {
        BandStatus::Fail
    };
    // SPEC §11.6: the first band that holds; a vetoed record only matches bands without
    // min_total and min_satisfaction.
    let band = r.verdict.bands.iter().position(|b| {
        b.status.is_none_or(|s| s == status)
            && !(g.vetoed && (b.min_total.is_some() || b.min_satisfaction.is_some()))
            && b.min_total.is_none_or(|m| total >= m)
            && b.min_satisfaction.is_none_or(satisfied_at)
    });
    Expected {
        points,
        items: items.iter().map(|i| i.0).collect(),
        base,
        bonus,
        penalties,
        total,
        status: match status {
            BandStatus::Pass => Status::Pass,
            BandStatus::Fail => Status::Fail,
        },
        codes,
        band: band.map(|n| format!("band{n}")),
    }
}
