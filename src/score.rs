//! Pure scoring: checklist + record → scored record (SPEC §4). No I/O, no printing.
//!
//! Every figure a renderer shows is computed here once: point scores, item scores, base with
//! its N/A normalisation, bonus, penalties, total, satisfaction, status with its reasons, and
//! band (the last steps from the base on in `totals.rs`).

use serde::Serialize;

use crate::points::{Points, Rate};
use crate::read::checklist::{Checklist, DeriveBand, Item, Point};
pub use crate::read::record::value_points;
use crate::read::record::{Deduction, Entry, Level, Measured, Record, Survey, Value};

/// The three outcomes of SPEC §4.6. The JSON words are a stable contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    Incomplete,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Incomplete => "incomplete",
        }
    }
}

/// Which level to score: the effective (highest present) one, or a named one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LevelChoice {
    #[default]
    Effective,
    Named(Level),
}

/// A scored record, borrowing from its checklist and record (`'r`): a large repository
/// scores 100 000 records, and copying titles and notes for each would cost gigabytes.
#[derive(Clone, Debug)]
pub struct Scored<'r> {
    pub record: &'r Record,
    /// The level scored; `None` when the record has no (or not the requested) level.
    pub level: Option<Level>,
    pub status: Status,
    /// Sum of point scores before normalisation.
    pub raw_base: Points,
    /// Sum of max over points not marked "na".
    pub applicable: Points,
    /// The base after N/A normalisation.
    pub base: Points,
    /// Sum of bonus points before the cap.
    pub raw_bonus: Points,
    pub bonus: Points,
    pub total: Points,
    pub satisfaction: Option<Rate>,
    pub band: Option<&'r str>,
    /// Triggered veto ids, in checklist order.
    pub vetoes: &'r [String],
    pub items: Vec<ItemScore<'r>>,
    /// Point ids the scored level lacks (derived points excluded).
    pub missing: Vec<&'r str>,
    /// Why the record fails or is incomplete, each with its figures and thresholds; rendered
    /// at the edge (in English for JSON, in the interface language for people).
    pub reasons: Vec<Reason>,
    /// For a record incomplete only because its level is below `min_level` (the level itself
    /// complete, the survey present): the verdict the level would get. `None` otherwise.
    pub would: Option<Would>,
    /// Sum of what the penalties cost before `penalty_cap` (SPEC §11.5).
    pub raw_penalties: Points,
    /// The penalties subtracted from the total, capped; shown in full even when the total
    /// stops at 0.
    pub penalties: Points,
    /// The bonus table scored: the level's own, else the record's (SPEC §11.10).
    pub bonus_table: &'r Given,
    /// The penalties table scored: the level's own, else the record's.
    pub penalty_table: &'r Given,
    /// The checklist it was scored by: among several (SPEC §11.11), the one covering its period.
    pub checklist: &'r Checklist,
    /// Scored as level "combined" (SPEC §11.9): each weighted level with its weight and base.
    /// `level` is then the highest weighted level the record has, whose points `items` show.
    pub combined: Option<Vec<LevelPart>>,
}

impl Scored<'_> {
    /// The name of the level scored, as JSON and tables show it: "combined" for a record
    /// scored from weighted levels (SPEC §11.9), else the level's own name.
    pub fn level_name(&self) -> Option<&'static str> {
        if self.combined.is_some() {
            return Some("combined");
        }
        self.level.map(Level::name)
    }
}

/// What a level below `min_level` would get if it were the accepted one: pass or fail, with
/// the fail reasons. `status` of the record stays `incomplete`.
#[derive(Clone, Debug)]
pub struct Would {
    pub status: Status,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug)]
pub struct ItemScore<'r> {
    pub id: &'r str,
    pub title: &'r str,
    pub score: Points,
    /// The full checklist max of the item.
    pub max: Points,
    /// `max` without the points marked "na": what the item could have scored, so
    /// `applicable - score` is what it lost.
    pub applicable: Points,
    /// Each point's score, when scored with [`Detail::Points`]; else empty.
    pub points: Vec<PointScore<'r>>,
    /// The checklist's item: its minimum, floor and weight.
    pub def: &'r Item,
    /// The sum of its points' scores, before the item floor (`floor = "item"`).
    pub sum: Points,
}

#[derive(Clone, Debug)]
pub struct PointScore<'r> {
    pub point: &'r Point,
    /// 0 for "na" and for missing points.
    pub score: Points,
    pub how: How<'r>,
    /// The record's value, with its note and evidence.
    pub entry: Option<&'r Entry>,
}

impl<'r> PointScore<'r> {
    pub fn id(&self) -> &'r str {
        &self.point.id
    }

    pub fn title(&self) -> &'r str {
        &self.point.title
    }

    pub fn max(&self) -> Points {
        self.point.max
    }

    pub fn note(&self) -> Option<&'r str> {
        self.entry.and_then(Entry::note)
    }

    pub fn evidence(&self) -> &'r [String] {
        self.entry.map_or(&[], Entry::evidence)
    }
}

/// How a point got its score: what `explain` shows.
#[derive(Clone, Copy, Debug)]
pub enum How<'r> {
    Points,
    Grade(&'r str),
    NotApplicable,
    Deductions(&'r [Deduction]),
    /// From the survey: the band that applied, if any.
    Derived(Option<&'r DeriveBand>),
    /// Derived, but the record has no survey.
    DerivedNoSurvey,
    /// Not given by the scored level.
    Missing,
    /// The mean of several raters' ratings (SPEC §11.8).
    Ratings(&'r [Value]),
    /// From a measure (SPEC §11.7; its id is the point's `measure`): the record's measure and
    /// the band that applied, if any. By reference: a `Rate` is 32 bytes, and 100 000 records
    /// keep a `How` per point in the items view.
    Measured {
        given: &'r Measured,
        band: Option<&'r DeriveBand>,
    },
    /// A combined record's point (SPEC §11.9): the weighted sum of its levels' scores.
    Combined,
    /// Derived from a measure the record does not give.
    MeasureMissing(&'r str),
}

/// How much of the scoring to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Totals and item scores only: what tables, compliance and gates need.
    Items,
    /// Also every point's score and how it was reached (explain, the items view).
    Points,
}

/// Scores one record, keeping every point's detail. Pure and deterministic.
pub fn score<'r>(checklist: &'r Checklist, record: &'r Record, choice: LevelChoice) -> Scored<'r> {
    score_with(checklist, record, choice, Detail::Points)
}

/// Scores one record, keeping as much detail as asked for.
pub fn score_with<'r>(
    checklist: &'r Checklist,
    record: &'r Record,
    choice: LevelChoice,
    detail: Detail,
) -> Scored<'r> {
    let level = match choice {
        LevelChoice::Effective => record.effective_level(),
        LevelChoice::Named(l) => record.level(l).map(|_| l),
    };
    let assessment = level.and_then(|l| record.level(l));
    let survey = record.survey;
    let satisfaction = survey.map(|s| s.rate);

    // SPEC §11.9: with `[combine]`, the effective score is the weighted levels' ("combined");
    // `--level NAME` still scores one level.
    let combined = match (choice, &checklist.combine) {
        (LevelChoice::Effective, Some(weights)) => Some((
            combine::score_combined(checklist, record, weights, detail),
            weights.last().map(|(l, _)| *l),
        )),
        _ => None,
    };
    let (figures, level, tables_of, combined) = match combined {
        Some((c, highest)) => (
            c.figures,
            c.shown,
            highest,
            Some((c.parts, c.incomplete, c.below_min)),
        ),
        None => (
            score_level(checklist, record, assessment, detail),
            level,
            level,
            None,
        ),
    };
    let LevelFigures {
        items,
        missing,
        raw_base,
        applicable,
        base,
    } = figures;
    let (bonus_table, penalty_table) = bonus_tables(record, tables_of);
    let Totals {
        raw_bonus,
        bonus,
        raw_penalties,
        penalties,
        total,
    } = totals(checklist, base, bonus_table, penalty_table);

    let mut incomplete = Vec::new();
    // Whether the only thing that makes the record incomplete is `min_level`.
    let mut below_min_level = false;
    let (parts, combined_below_min) = match combined {
        Some((parts, reasons, below_min)) => {
            incomplete.extend(reasons);
            (Some(parts), Some(below_min))
        }
        None => (None, None),
    };
    match (level, choice) {
        _ if parts.is_some() => {}
        (None, LevelChoice::Named(l)) => incomplete.push(Reason::NoSuchLevel { level: l }),
        (None, LevelChoice::Effective) => incomplete.push(Reason::NoAssessmentLevel),
        (Some(l), _) => {
            if !missing.is_empty() {
                incomplete.push(Reason::LevelLacksPoints {
                    level: l,
                    points: missing.iter().map(|p| p.to_string()).collect(),
                });
            }
            // min_level judges the record's effective (highest) level, also under --level:
            // scoring a record's self-assessment for comparison does not make it incomplete.
            if let (Some(min), Some(effective)) =
                (checklist.pass.min_level, record.effective_level())
                && effective < min
            {
                below_min_level = missing.is_empty();
                incomplete.push(Reason::LevelBelowMin {
                    level: effective,
                    min,
                });
            }
        }
    }
    if survey.is_none() && checklist.requires_survey() {
        below_min_level = false;
        incomplete.push(Reason::SurveyMissing);
    }
    for id in missing_measures(checklist, record) {
        below_min_level = false;
        incomplete.push(Reason::MeasureMissing { id: id.to_string() });
    }

    let vetoes = record.vetoes.as_slice();
    let verdict = || {
        let mut fail = fail_reasons(checklist, vetoes, total, satisfaction);
        match &combined_below_min {
            Some(below) => fail.extend(below.iter().cloned()),
            None => fail.extend(items_below_min(checklist, &items)),
        }
        let status = if fail.is_empty() {
            Status::Pass
        } else {
            Status::Fail
        };
        (status, fail)
    };
    let mut would = None;
    let (status, reasons) = if !incomplete.is_empty() {
        if below_min_level {
            let (status, reasons) = verdict();
            would = Some(Would { status, reasons });
        }
        (Status::Incomplete, incomplete)
    } else {
        verdict()
    };

    let band = band_for(checklist, status, !vetoes.is_empty(), total, satisfaction);

    Scored {
        record,
        level,
        status,
        raw_base,
        applicable,
        base,
        raw_bonus,
        bonus,
        total,
        satisfaction,
        band,
        vetoes,
        items,
        missing,
        reasons,
        would,
        raw_penalties,
        penalties,
        bonus_table,
        penalty_table,
        checklist,
        combined: parts,
    }
}

/// Why a complete record fails (empty when it passes): vetoes, total, satisfaction, each with
/// its figure and threshold.
fn fail_reasons(
    checklist: &Checklist,
    vetoes: &[String],
    total: Points,
    satisfaction: Option<Rate>,
) -> Vec<Reason> {
    let mut fail = Vec::new();
    for id in vetoes {
        let title = checklist.veto(id).map_or("", |v| v.title.as_str());
        fail.push(Reason::Vetoed {
            id: id.clone(),
            title: title.to_string(),
        });
    }
    if let Some(min) = checklist.pass.min_total
        && total < min
    {
        fail.push(Reason::TotalBelow { total, min });
    }
    if let (Some(min), Some(s)) = (checklist.pass.min_satisfaction, satisfaction)
        && s < min
    {
        fail.push(Reason::SatisfactionBelow { rate: s, min });
    }
    fail
}

/// A value's score and how it was reached.
pub(crate) fn value_score<'r>(point: &'r Point, value: &'r Value) -> (Points, How<'r>) {
    let how = match value {
        Value::Points(_) => How::Points,
        Value::Grade(g) => How::Grade(&point.grades[*g].0),
        Value::NotApplicable => How::NotApplicable,
        Value::Deductions(list) => How::Deductions(list),
        Value::Ratings(list) => How::Ratings(list),
    };
    (value_points(point, value).unwrap_or(Points::ZERO), how)
}

pub(crate) fn derived(point: &Point, survey: Option<Survey>) -> (Points, How<'_>) {
    let Some(survey) = survey else {
        return (Points::ZERO, How::DerivedNoSurvey);
    };
    let bands = point.derive.as_deref().unwrap_or_default();
    match bands.iter().find(|b| survey.rate >= b.min) {
        Some(b) => (b.points, How::Derived(Some(b))),
        None => (Points::ZERO, How::Derived(None)),
    }
}

mod combine;
mod level;
pub use combine::LevelPart;
mod reason;
mod totals;
pub use totals::{Given, Totals, band_for, bonus_tables, entry_worth, totals};
mod measures;
use measures::missing_measures;

#[cfg(test)]
mod tests;

pub use level::{LevelFigures, base_of, item_score, items_below_min, score_level};
pub use reason::{ItemShort, Reason};
#[cfg(test)]
mod values_tests;
