//! One level's figures (SPEC §4.3–4.4, §11.2–11.4): point scores, item scores with their
//! floors, applicable points, the base (N/A normalised, or weighted), and the items below
//! their minimum. Separate functions, so that a combined scoring (§11.9) can compute each
//! weighted level's items and base and then combine them.

use crate::points::{Points, weighted_base};
use crate::read::checklist::{Checklist, Item};
use crate::read::record::{Assessment, Record};

use super::measures::measured;
use super::reason::{ItemShort, Reason};
use super::{Detail, How, ItemScore, PointScore, derived, value_score};

/// What a level's points add up to.
#[derive(Clone, Debug)]
pub struct LevelFigures<'r> {
    pub items: Vec<ItemScore<'r>>,
    /// Point ids the level lacks (derived points excluded), in checklist order.
    pub missing: Vec<&'r str>,
    /// Sum of item scores.
    pub raw_base: Points,
    /// Sum of max over points not marked "na".
    pub applicable: Points,
    /// The base: [`base_of`].
    pub base: Points,
}

/// Scores every point and item of one level (`None`: the record lacks it; every point then
/// counts as missing) and its base.
pub fn score_level<'r>(
    checklist: &'r Checklist,
    record: &'r Record,
    assessment: Option<&'r Assessment>,
    detail: Detail,
) -> LevelFigures<'r> {
    let survey = record.survey;
    let mut items = Vec::with_capacity(checklist.items.len());
    let mut missing = Vec::new();
    let mut position = 0;
    for item in &checklist.items {
        let mut points = Vec::new();
        let mut sum = Points::ZERO;
        let mut applicable = Points::ZERO;
        for point in &item.points {
            let entry = assessment.and_then(|a| a.get(position));
            position += 1;
            let (score, how) = match (&point.derive, entry) {
                (Some(_), _) => match &point.measure {
                    Some(id) => measured(checklist, point, id, record),
                    None => derived(point, survey),
                },
                (None, Some(e)) => value_score(point, &e.value),
                (None, None) => {
                    missing.push(point.id.as_str());
                    (Points::ZERO, How::Missing)
                }
            };
            if !matches!(how, How::NotApplicable) {
                applicable += point.max;
            }
            sum += score;
            if detail == Detail::Points {
                points.push(PointScore {
                    point,
                    score,
                    how,
                    entry,
                });
            }
        }
        items.push(ItemScore {
            id: &item.id,
            title: &item.title,
            score: item_score(item, sum),
            max: item.max,
            applicable,
            points,
            def: item,
            sum,
        });
    }
    let raw_base = items.iter().map(|i| i.score).sum();
    let applicable = items.iter().map(|i| i.applicable).sum();
    let base = base_of(checklist, &items, raw_base, applicable);
    LevelFigures {
        items,
        missing,
        raw_base,
        applicable,
        base,
    }
}

/// An item's score from the sum of its points' scores: that sum, except that an item with
/// `floor = "item"` (whose points' deductions are not floored) stops at 0 (SPEC §11.3).
pub fn item_score(item: &Item, sum: Points) -> Points {
    if item.floor_item && sum.is_negative() {
        Points::ZERO
    } else {
        sum
    }
}

/// The base of a level: for a weighted checklist `round(scale × Σ wᵢ·sᵢ / Σ wᵢ)` over the
/// items with applicable points (SPEC §11.4); else the sum of item scores, scaled to the
/// full total when points are "na" (§4.4). One rounding either way.
pub fn base_of(
    checklist: &Checklist,
    items: &[ItemScore<'_>],
    raw_base: Points,
    applicable: Points,
) -> Points {
    if let Some(scale) = checklist.scale {
        let terms: Vec<_> = items
            .iter()
            .filter_map(|i| Some((i.def.weight?, i.score, i.applicable)))
            .collect();
        return weighted_base(&terms, scale);
    }
    let total_max = checklist.total();
    if applicable == total_max {
        raw_base
    } else {
        raw_base.scale_to(total_max, applicable)
    }
}

/// The items below their minimum (SPEC §11.3), in checklist order: each item's own `min`,
/// else `[pass] min_item`; an item with nothing applicable is exempt.
pub fn items_below_min(checklist: &Checklist, items: &[ItemScore<'_>]) -> Vec<Reason> {
    items
        .iter()
        .filter_map(|i| {
            let min = checklist.item_min(i.def)?;
            (!min.holds(i.score, i.applicable, i.max)).then(|| {
                Reason::ItemBelowMin(ItemShort {
                    item: i.id.to_string(),
                    score: i.score,
                    applicable: i.applicable,
                    max: i.max,
                    min,
                })
            })
        })
        .collect()
}
