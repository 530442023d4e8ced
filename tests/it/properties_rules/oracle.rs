//! The oracle of the §11 properties: what SPEC says a generated record scores, computed in
//! big rationals straight from the generated numbers, never with the crate's helpers.

use audit::score::Status;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

use super::generate::{BandStatus, Extra, Given, ItemDef, MinDef, PointDef, Rules, Val};
use super::levels::{LEVELS, LevelVals};

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
    /// `Scored::level_name()`: "combined" with `[combine]`.
    pub(super) level: Option<&'static str>,
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

/// One item's figures: exact score and applicable (weighted sums with `[combine]`), the score
/// shown (hundredths), its max.
struct ItemFig<'a> {
    score: BigRational,
    applicable: BigRational,
    shown: i64,
    max: i64,
    item: &'a ItemDef,
}

/// A level's point scores, items (score, applicable) and base, its own rounding included
/// (SPEC §4.3–4.4, §11.4); `None` scores as an empty level: every written point 0.
fn level_figures(
    r: &Rules,
    lv: Option<&LevelVals>,
    measure: Option<(i64, i64)>,
) -> (Vec<i64>, Vec<(i64, i64)>, i64) {
    let mut n = 0;
    let mut points = Vec::new();
    let mut items = Vec::new();
    for item in &r.items {
        let (mut sum, mut applicable) = (0, 0);
        for p in &item.points {
            let s = match lv {
                Some(lv) if lv.lacks != Some(n) => {
                    point_score(p, item.floor_item, &lv.points[n], measure)
                }
                _ if p.derive.is_some() => point_score(p, item.floor_item, &Val::Derived, measure),
                _ => Some(0),
            };
            n += 1;
            points.push(s.unwrap_or(0));
            if let Some(s) = s {
                sum += s;
                applicable += p.max;
            }
        }
        let score = if item.floor_item { sum.max(0) } else { sum };
        items.push((score, applicable));
    }
    let base = if r.items[0].weight.is_some() {
        let scale = big(r.scale.unwrap_or(10000));
        let (mut sum, mut weights) = (BigRational::zero(), BigRational::zero());
        for (&(score, applicable), item) in items.iter().zip(&r.items).filter(|i| i.0.1 > 0) {
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
        let total: i64 = r.items.iter().map(ItemDef::max).sum();
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
    (points, items, base)
}

pub(super) fn oracle(r: &Rules, g: &Given) -> Expected {
    let find = |level: usize| g.levels.iter().find(|l| l.level == level);
    let mut incomplete = Vec::new();
    // the level whose own tables are scored (SPEC §11.10)
    let tables_of;
    let (points, items, base, level) = match &r.combine {
        None => {
            let top = g.levels.last().unwrap();
            if top.lacks.is_some() {
                incomplete.push("level-lacks-points");
            }
            tables_of = Some(top);
            let (points, items, base) = level_figures(r, Some(top), g.measure);
            let items = items
                .into_iter()
                .zip(&r.items)
                .map(|((score, applicable), item)| ItemFig {
                    score: big(score),
                    applicable: big(applicable),
                    shown: score,
                    max: item.max(),
                    item,
                })
                .collect::<Vec<_>>();
            (points, items, base, LEVELS[top.level])
        }
        // SPEC §11.9: each weighted level's base rounded as its own, then round(Σ wₗ·baseₗ);
        // items Σ wₗ·scoreₗ of Σ wₗ·applicableₗ, exact, shown rounded
        Some(weights) => {
            let mut base = BigRational::zero();
            let mut scores = vec![BigRational::zero(); r.items.len()];
            let mut applicables = scores.clone();
            // each point Σ wₗ·pointₗ, rounded once for display
            let mut point_sums: Vec<BigRational> = Vec::new();
            for &(level, w, digits) in weights {
                let w = BigRational::new(BigInt::from(w), BigInt::from(10i64.pow(digits)));
                let lv = find(level);
                match lv {
                    None => incomplete.push("no-such-level"),
                    Some(lv) if lv.lacks.is_some() => incomplete.push("level-lacks-points"),
                    Some(_) => {}
                }
                let (p, items, b) = level_figures(r, lv, g.measure);
                if point_sums.is_empty() {
                    point_sums = vec![BigRational::zero(); p.len()];
                }
                for (sum, score) in point_sums.iter_mut().zip(&p) {
                    *sum += &w * big(*score);
                }
                base += &w * big(b);
                for (n, (score, applicable)) in items.into_iter().enumerate() {
                    scores[n] += &w * big(score);
                    applicables[n] += &w * big(applicable);
                }
            }
            tables_of = find(weights.last().unwrap().0);
            let items = scores
                .into_iter()
                .zip(applicables)
                .zip(&r.items)
                .map(|((score, applicable), item)| ItemFig {
                    shown: round(&score),
                    score,
                    applicable,
                    max: item.max(),
                    item,
                })
                .collect();
            // without any weighted level, no point detail (as the scorer: nothing to show)
            let points = if weights.iter().any(|&(l, _, _)| find(l).is_some()) {
                point_sums.iter().map(round).collect()
            } else {
                Vec::new()
            };
            (points, items, round(&base), "combined")
        }
    };
    let bonus_values = tables_of.and_then(|l| l.bonus.as_ref()).unwrap_or(&g.bonus);
    let penalty_values = tables_of
        .and_then(|l| l.penalties.as_ref())
        .unwrap_or(&g.penalties);
    let bonus = table(&r.bonus, bonus_values, r.bonus_cap);
    let penalties = table(&r.penalties, penalty_values, r.penalty_cap);
    let total = (base + bonus - penalties).max(0);
    // satisfaction ≥ t tenths of a percent, exactly: satisfied / surveyed ≥ t / 1000
    let satisfied_at = |t: i64| g.survey.is_some_and(|(n, k)| k * 1000 >= t * n);
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
            items: items.iter().map(|i| i.shown).collect(),
            base,
            bonus,
            penalties,
            total,
            status: Status::Incomplete,
            codes: incomplete,
            band: None,
            level: Some(level),
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
    for &ItemFig {
        ref score,
        ref applicable,
        max,
        item,
        ..
    } in &items
    {
        let min = item
            .min
            .or_else(|| r.min_item.map(MinDef::Share))
            .filter(|_| !applicable.is_zero());
        let holds = match min {
            None => true,
            // score / applicable ≥ m / max, exactly
            Some(MinDef::Points(m)) => score * big(max) >= big(m) * applicable,
            Some(MinDef::Share(t)) => score * big(1000) >= big(t) * applicable,
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
        items: items.iter().map(|i| i.shown).collect(),
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
        level: Some(level),
    }
}

/// A combined item's exact score and applicable points, Σ wₗ·scoreₗ and Σ wₗ·applicableₗ
/// (SPEC §11.9), in hundredths.
pub(super) fn combined_item(r: &Rules, g: &Given, i: usize) -> (BigRational, BigRational) {
    let (mut score, mut applicable) = (BigRational::zero(), BigRational::zero());
    for &(level, w, digits) in r.combine.as_deref().unwrap_or_default() {
        let w = BigRational::new(BigInt::from(w), BigInt::from(10i64.pow(digits)));
        let lv = g.levels.iter().find(|l| l.level == level);
        let (_, items, _) = level_figures(r, lv, g.measure);
        score += &w * big(items[i].0);
        applicable += &w * big(items[i].1);
    }
    (score, applicable)
}
