//! Weighted levels (SPEC §11.9, 自评30% + 考核70%): a record scored as level "combined". Each
//! weighted level's base is computed and rounded as its own (§4.3–4.4 or §11.4); the base is
//! `round(Σ wₗ·baseₗ)`; a combined item scores `Σ wₗ·item scoreₗ` of `Σ wₗ·applicableₗ`
//! (exact, shown to hundredths), and its minimum compares that ratio exactly.

use crate::points::{Points, Rate, weighted_points, weighted_sum};
use crate::read::checklist::{Checklist, Level};
use crate::read::record::Record;

use super::level::{LevelFigures, score_level};
use super::reason::{ItemShort, Reason};
use super::{Detail, How, ItemScore, PointScore};

/// One weighted level of a combined record, as `explain` and JSON show it.
#[derive(Clone, Debug)]
pub struct LevelPart {
    pub level: Level,
    pub weight: Rate,
    /// The level's own base, rounded; `None` when the record lacks the level (it then counts
    /// as an empty level: 0).
    pub base: Option<Points>,
}

/// What the weighted levels add up to.
pub(super) struct Combined<'r> {
    pub figures: LevelFigures<'r>,
    pub parts: Vec<LevelPart>,
    /// A weighted level missing or incomplete: the record is incomplete.
    pub incomplete: Vec<Reason>,
    /// Combined items below their minimum, compared exactly.
    pub below_min: Vec<Reason>,
    /// The highest weighted level the record has, whose point detail the items carry.
    pub shown: Option<Level>,
}

pub(super) fn score_combined<'r>(
    checklist: &'r Checklist,
    record: &'r Record,
    weights: &[(Level, Rate)],
    detail: Detail,
) -> Combined<'r> {
    let mut parts = Vec::with_capacity(weights.len());
    let mut incomplete = Vec::new();
    let mut levels = Vec::with_capacity(weights.len());
    for &(level, weight) in weights {
        let assessment = record.level(level);
        let figures = score_level(checklist, record, assessment, detail);
        match assessment {
            None => incomplete.push(Reason::NoSuchLevel { level }),
            Some(_) if !figures.missing.is_empty() => incomplete.push(Reason::LevelLacksPoints {
                level,
                points: figures.missing.iter().map(|p| p.to_string()).collect(),
            }),
            Some(_) => {}
        }
        parts.push(LevelPart {
            level,
            weight,
            base: assessment.map(|_| figures.base),
        });
        levels.push((level, weight, assessment.is_some(), figures));
    }
    let base = weighted_points(
        &levels
            .iter()
            .map(|(_, w, _, f)| (*w, f.base))
            .collect::<Vec<_>>(),
    );
    let shown = levels.iter().rev().find(|l| l.2).map(|l| l.0);
    let mut missing: Vec<&'r str> = Vec::new();
    for (_, _, _, f) in &levels {
        for id in &f.missing {
            if !missing.contains(id) {
                missing.push(id);
            }
        }
    }
    missing.sort_by_key(|id| checklist.position(id));

    let mut items = Vec::with_capacity(checklist.items.len());
    let mut below_min = Vec::new();
    for (i, item) in checklist.items.iter().enumerate() {
        let of = |f: &LevelFigures<'r>, get: fn(&ItemScore<'r>) -> Points| get(&f.items[i]);
        let exact = |get: fn(&ItemScore<'r>) -> Points| {
            let terms: Vec<(Rate, Points)> =
                levels.iter().map(|(_, w, _, f)| (*w, of(f, get))).collect();
            (weighted_sum(&terms), weighted_points(&terms))
        };
        let (score_exact, score) = exact(|s| s.score);
        let (applicable_exact, applicable) = exact(|s| s.applicable);
        if let (Some(min), Some(s), Some(a)) =
            (checklist.item_min(item), score_exact, applicable_exact)
            && !min.holds_exact(s, a, item.max)
        {
            below_min.push(Reason::ItemBelowMin(ItemShort {
                item: item.id.clone(),
                score,
                applicable,
                max: item.max,
                min,
            }));
        }
        // Each point scores the weighted sum of its levels' scores, rounded to hundredths for
        // display: the items view and the heat map average points, and must show a combined
        // record's figures, not one level's. Its note and evidence are the highest level's.
        let shown_level = levels.iter().rev().find(|l| l.2).map(|l| &l.3);
        let points = match shown_level {
            Some(top) if detail == Detail::Points => top.items[i]
                .points
                .iter()
                .enumerate()
                .map(|(j, p)| {
                    let terms: Vec<(Rate, Points)> = levels
                        .iter()
                        .map(|(_, w, _, f)| (*w, f.items[i].points[j].score))
                        .collect();
                    let na = levels
                        .iter()
                        .all(|(_, _, _, f)| matches!(f.items[i].points[j].how, How::NotApplicable));
                    PointScore {
                        point: p.point,
                        score: weighted_points(&terms),
                        how: if na {
                            How::NotApplicable
                        } else {
                            How::Combined
                        },
                        entry: p.entry,
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        items.push(ItemScore {
            id: &item.id,
            title: &item.title,
            score,
            max: item.max,
            applicable,
            points,
            def: item,
            sum: score,
        });
    }
    let raw_base = items.iter().map(|i| i.score).sum();
    let applicable = items.iter().map(|i| i.applicable).sum();
    Combined {
        figures: LevelFigures {
            items,
            missing,
            raw_base,
            applicable,
            base,
        },
        parts,
        incomplete,
        below_min,
        shown,
    }
}
