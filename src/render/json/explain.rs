//! `audit explain --format json`: one record's object (as `score` writes it) with the
//! checklist, the base before normalisation, every point's score and how it was reached, and
//! the item rules the table shows beside each item (SPEC §11.2–11.4): weight and share in a
//! weighted base, minimum met or exempt, the item floor with the sum it floored, a point's
//! deduction cap. Each of those keys is written only where the checklist has the rule, so a
//! v1 checklist's document is as before.

use std::io::{self, Write};

use serde::Serialize;

use crate::read::checklist::{Checklist, ItemMin};
use crate::read::record::{Task, Value, deducted, tasks_of, value_points};
use crate::render::figures::{MinState, item_min, item_share};
use crate::score::{How, ItemScore, PointScore, Scored};

use super::JsonRenderer;
use super::records::{ChecklistJson, MeasureJson, RecordJson};

#[derive(Serialize)]
struct ExplainJson<'a> {
    checklist: ChecklistJson<'a>,
    #[serde(flatten)]
    record: RecordJson<'a>,
    /// Sum of point scores before N/A normalisation.
    raw_base: f64,
    /// Sum of max over points not marked "na".
    applicable: f64,
    /// The full mark of a weighted checklist (SPEC §11.4): base = round(scale × Σ wᵢ·sᵢ /
    /// Σ wᵢ), with each item's `weight` and `share`. Absent when the items have no weights.
    #[serde(skip_serializing_if = "Option::is_none")]
    scale: Option<f64>,
    /// A record scored as level "combined" (SPEC §11.9): each weighted level, its weight and
    /// its own base (null when the record lacks the level); `points` are those of the highest
    /// weighted level the record has. Absent without `[combine]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    combined: Option<Vec<LevelPartJson>>,
    points: Vec<PointJson<'a>>,
    /// The record's rectification tasks that answer no point; absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tasks: Vec<TaskJson<'a>>,
}

#[derive(Serialize)]
struct LevelPartJson {
    level: &'static str,
    /// A rate, 4 decimals.
    weight: f64,
    base: Option<f64>,
}

/// What an item of `explain` carries beyond its score (SPEC §11.3–11.4), each key only where
/// the checklist has the rule.
#[derive(Serialize)]
pub struct ItemRulesJson {
    /// The item's weight (a rate, 4 decimals) in a weighted checklist.
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<f64>,
    /// In a weighted checklist: score / applicable (4 decimals for display; the base is
    /// computed exactly), null when all its points are N/A and it leaves the weighted sums.
    #[serde(skip_serializing_if = "Option::is_none")]
    share: Option<Option<f64>>,
    /// The item's minimum (its own `min`, else `[pass] min_item`) and whether it is met.
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<ItemMinJson>,
    /// `"item"` when the item has `floor = "item"`: its points may go below 0 and the item
    /// scores max(0, `sum`).
    #[serde(skip_serializing_if = "Option::is_none")]
    floor: Option<&'static str>,
    /// With `floor = "item"`: the sum of its points' scores before the floor.
    #[serde(skip_serializing_if = "Option::is_none")]
    sum: Option<f64>,
}

/// An item's minimum: `points` (a number) or `share` (a rate of its applicable points), the
/// other null; `met` whether the record meets it (an exempt item meets it: it cannot fail);
/// `exempt` when all the item's points are N/A.
#[derive(Serialize)]
struct ItemMinJson {
    points: Option<f64>,
    share: Option<f64>,
    met: bool,
    exempt: bool,
}

impl ItemRulesJson {
    /// `None` for an item of a checklist without weights, minimums or an item floor.
    pub fn of(checklist: &Checklist, item: &ItemScore<'_>) -> Option<ItemRulesJson> {
        let weighted = item.def.weight.is_some();
        let min = item_min(checklist, item).map(|(min, state)| {
            let (points, share) = match min {
                ItemMin::Points(p) => (Some(p.to_f64()), None),
                ItemMin::Share(r) => (None, Some(r.to_f64_4())),
            };
            ItemMinJson {
                points,
                share,
                met: state != MinState::NotMet,
                exempt: state == MinState::Exempt,
            }
        });
        let floor = item.def.floor_item;
        if !weighted && min.is_none() && !floor {
            return None;
        }
        Some(ItemRulesJson {
            weight: item.def.weight.map(|w| w.to_f64_4()),
            share: weighted.then(|| item_share(item).map(|r| r.to_f64_4())),
            min,
            floor: floor.then_some("item"),
            sum: floor.then(|| item.sum.to_f64()),
        })
    }
}

#[derive(Serialize)]
struct PointJson<'a> {
    item: &'a str,
    id: &'a str,
    title: &'a str,
    max: f64,
    score: f64,
    /// points | grade | na | deductions | derived | missing | ratings | combined
    how: &'static str,
    grade: Option<&'a str>,
    deductions: Vec<DeductionJson<'a>>,
    note: Option<&'a str>,
    evidence: &'a [String],
    /// Several raters' ratings (how = "ratings"; the score is their mean).
    #[serde(skip_serializing_if = "Option::is_none")]
    ratings: Option<Vec<RatingJson<'a>>>,
    /// The measure a point derives from (how = "derived"): its rate and the band reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    measure: Option<PointMeasureJson<'a>>,
    /// The point's deduction cap (SPEC §11.2), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    max_deduction: Option<f64>,
    /// With a cap: whether it applied, the deductions adding up to more than it.
    #[serde(skip_serializing_if = "Option::is_none")]
    capped: Option<bool>,
    /// The record's rectification tasks answering this point (SPEC §12.3); absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tasks: Vec<TaskJson<'a>>,
}

/// A rectification task as explain lists it: what it says, nothing judged (explain has no
/// day to judge it on; `report --view rectification` does that).
#[derive(Serialize)]
struct TaskJson<'a> {
    task: &'a str,
    due: String,
    /// null when not done.
    done: Option<String>,
    evidence: &'a [String],
    line: usize,
    column: usize,
}

fn tasks_json<'a>(tasks: impl Iterator<Item = &'a Task>) -> Vec<TaskJson<'a>> {
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    tasks
        .map(|t| TaskJson {
            task: &t.task,
            due: day(t.due),
            done: t.done.map(day),
            evidence: &t.evidence,
            line: t.line,
            column: t.column,
        })
        .collect()
}

#[derive(Serialize)]
struct RatingJson<'a> {
    points: f64,
    grade: Option<&'a str>,
}

#[derive(Serialize)]
struct PointMeasureJson<'a> {
    id: &'a str,
    /// Null when the record does not give the measure.
    rate: Option<f64>,
    band: Option<BandJson>,
}

#[derive(Serialize)]
struct BandJson {
    min: f64,
    points: f64,
}

#[derive(Serialize)]
struct DeductionJson<'a> {
    points: f64,
    times: i64,
    reason: &'a str,
}

pub(super) fn explain(
    json: &JsonRenderer,
    checklist: &Checklist,
    s: &Scored<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let points = s
        .items
        .iter()
        .flat_map(|item| {
            item.points.iter().map(move |p| {
                let (how, grade, deductions) = match &p.how {
                    How::Points => ("points", None, Vec::new()),
                    How::Grade(g) => ("grade", Some(*g), Vec::new()),
                    How::NotApplicable => ("na", None, Vec::new()),
                    How::Deductions(list) => (
                        "deductions",
                        None,
                        list.iter()
                            .map(|d| DeductionJson {
                                points: d.points.to_f64(),
                                times: d.times,
                                reason: &d.reason,
                            })
                            .collect(),
                    ),
                    How::Derived(_)
                    | How::DerivedNoSurvey
                    | How::Measured { .. }
                    | How::MeasureMissing(_) => ("derived", None, Vec::new()),
                    How::Ratings(_) => ("ratings", None, Vec::new()),
                    How::Missing => ("missing", None, Vec::new()),
                    How::Combined => ("combined", None, Vec::new()),
                };
                PointJson {
                    item: item.id,
                    id: p.id(),
                    title: p.title(),
                    max: p.max().to_f64(),
                    score: p.score.to_f64(),
                    how,
                    grade,
                    deductions,
                    note: p.note(),
                    evidence: p.evidence(),
                    ratings: ratings_json(p),
                    measure: measure_json(p),
                    max_deduction: p.point.max_deduction.map(|c| c.to_f64()),
                    capped: p.point.max_deduction.map(|cap| match p.how {
                        How::Deductions(list) => deducted(list) > cap,
                        _ => false,
                    }),
                    tasks: tasks_json(tasks_of(s.record, Some(p.id()))),
                }
            })
        })
        .collect();
    let mut record = RecordJson::new(s);
    record.measures = MeasureJson::of_record(checklist, s.record);
    for (json, item) in record.items.iter_mut().zip(&s.items) {
        json.rules = ItemRulesJson::of(checklist, item);
    }
    let doc = ExplainJson {
        checklist: ChecklistJson::new(checklist),
        record,
        raw_base: s.raw_base.to_f64(),
        applicable: s.applicable.to_f64(),
        scale: checklist.scale.map(|p| p.to_f64()),
        combined: s.combined.as_ref().map(|parts| {
            parts
                .iter()
                .map(|p| LevelPartJson {
                    level: p.level.name(),
                    weight: p.weight.to_f64_4(),
                    base: p.base.map(|b| b.to_f64()),
                })
                .collect()
        }),
        points,
        tasks: tasks_json(tasks_of(s.record, None)),
    };
    if json.lines {
        serde_json::to_writer(&mut *out, &doc).map_err(io::Error::other)?;
        return writeln!(out);
    }
    json.write(&doc, out)
}

fn ratings_json<'a>(p: &PointScore<'a>) -> Option<Vec<RatingJson<'a>>> {
    let How::Ratings(list) = p.how else {
        return None;
    };
    let ratings = list.iter().map(|r| RatingJson {
        points: value_points(p.point, r).unwrap_or_default().to_f64(),
        grade: match r {
            Value::Grade(g) => Some(p.point.grades[*g].0.as_str()),
            _ => None,
        },
    });
    Some(ratings.collect())
}

fn measure_json<'a>(p: &PointScore<'a>) -> Option<PointMeasureJson<'a>> {
    match p.how {
        How::Measured { given, band } => Some(PointMeasureJson {
            id: p.point.measure.as_deref().unwrap_or_default(),
            rate: Some(given.rate.to_f64_4()),
            band: band.map(|b| BandJson {
                min: b.min.to_f64_4(),
                points: b.points.to_f64(),
            }),
        }),
        How::MeasureMissing(id) => Some(PointMeasureJson {
            id,
            rate: None,
            band: None,
        }),
        _ => None,
    }
}
