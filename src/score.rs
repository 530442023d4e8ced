//! Pure scoring: checklist + record → scored record (SPEC §4). No I/O, no printing.
//!
//! Every figure a renderer shows is computed here once: point scores, item scores, base with
//! its N/A normalisation, bonus, total, satisfaction, status with its reasons, and band.

use serde::Serialize;

use crate::i18n::{Text, Word};

use crate::points::{Points, Rate};
use crate::read::checklist::{Checklist, DeriveBand, Point};
pub use crate::read::record::value_points;
use crate::read::record::{Deduction, Entry, Level, Record, Survey, Value};

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
    /// The checklist it was scored by: among several (SPEC §11.11), the one covering its period.
    pub checklist: &'r Checklist,
}

/// What a level below `min_level` would get if it were the accepted one: pass or fail, with
/// the fail reasons. `status` of the record stays `incomplete`.
#[derive(Clone, Debug)]
pub struct Would {
    pub status: Status,
    pub reasons: Vec<Reason>,
}

/// Why a record fails or is incomplete, with its figures. The code is the catalogue id of
/// its message, stable in JSON (`reason_codes`) whatever the wording or the language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// `--level L` names a level the record does not have.
    NoSuchLevel { level: Level },
    /// The record has no assessment level at all.
    NoAssessmentLevel,
    /// The scored level lacks these points (ids, in checklist order).
    LevelLacksPoints { level: Level, points: Vec<String> },
    /// The record's effective level is below the checklist's `min_level`.
    LevelBelowMin { level: Level, min: Level },
    /// The checklist needs a satisfaction survey and the record has none.
    SurveyMissing,
    /// A veto was triggered.
    Vetoed { id: String, title: String },
    /// The total is below `min_total`.
    TotalBelow { total: Points, min: Points },
    /// The satisfaction is below `min_satisfaction`.
    SatisfactionBelow { rate: Rate, min: Rate },
}

impl Reason {
    /// The stable code: the catalogue id of the message.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::NoSuchLevel { .. } => "no-such-level",
            Reason::NoAssessmentLevel => "no-assessment-level",
            Reason::LevelLacksPoints { .. } => "level-lacks-points",
            Reason::LevelBelowMin { .. } => "level-below-min",
            Reason::SurveyMissing => "survey-missing",
            Reason::Vetoed { .. } => "vetoed",
            Reason::TotalBelow { .. } => "total-below",
            Reason::SatisfactionBelow { .. } => "satisfaction-below",
        }
    }

    /// The message with its figures formatted (the same in every language), to render.
    pub fn text(&self) -> Text {
        match self {
            Reason::NoSuchLevel { level } => both!("no-such-level", level = Word(level.name())),
            Reason::NoAssessmentLevel => both!("no-assessment-level"),
            Reason::LevelLacksPoints { level, points } => both!(
                "level-lacks-points",
                level = Word(level.name()),
                points = points.join(", ")
            ),
            Reason::LevelBelowMin { level, min } => both!(
                "level-below-min",
                level = Word(level.name()),
                min = Word(min.name())
            ),
            Reason::SurveyMissing => both!("survey-missing"),
            Reason::Vetoed { id, title } => both!("vetoed", id = id, title = title),
            Reason::TotalBelow { total, min } => {
                both!("total-below", total = total.fixed(), min = min)
            }
            Reason::SatisfactionBelow { rate, min } => both!(
                "satisfaction-below",
                rate = rate.percent_below(*min),
                min = min.percent()
            ),
        }
    }

    /// In English, for JSON.
    pub fn en(&self) -> String {
        self.text().en()
    }

    /// In the interface language, for people (at the edge).
    pub fn shown(&self) -> String {
        self.text().shown()
    }
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

    let mut items = Vec::with_capacity(checklist.items.len());
    let mut missing = Vec::new();
    let mut raw_base = Points::ZERO;
    let mut applicable = Points::ZERO;
    let mut position = 0;
    for item in &checklist.items {
        let mut points = Vec::new();
        let mut item_score = Points::ZERO;
        let mut item_applicable = Points::ZERO;
        for point in &item.points {
            let entry = assessment.and_then(|a| a.get(position));
            position += 1;
            let (score, how) = match (&point.derive, entry) {
                (Some(_), _) => derived(point, survey),
                (None, Some(e)) => value_score(point, &e.value),
                (None, None) => {
                    missing.push(point.id.as_str());
                    (Points::ZERO, How::Missing)
                }
            };
            if !matches!(how, How::NotApplicable) {
                item_applicable += point.max;
            }
            item_score += score;
            if detail == Detail::Points {
                points.push(PointScore {
                    point,
                    score,
                    how,
                    entry,
                });
            }
        }
        raw_base += item_score;
        applicable += item_applicable;
        items.push(ItemScore {
            id: &item.id,
            title: &item.title,
            score: item_score,
            max: item.max,
            applicable: item_applicable,
            points,
        });
    }

    let total_max = checklist.total();
    let base = if applicable == total_max {
        raw_base
    } else {
        raw_base.scale_to(total_max, applicable)
    };
    let raw_bonus: Points = record.bonus.iter().map(|(_, p)| *p).sum();
    let bonus = match checklist.bonus_cap {
        Some(cap) if raw_bonus > cap => cap,
        _ => raw_bonus,
    };
    let total = base + bonus;

    let mut incomplete = Vec::new();
    // Whether the only thing that makes the record incomplete is `min_level`.
    let mut below_min_level = false;
    match (level, choice) {
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

    let vetoes = record.vetoes.as_slice();
    let verdict = || {
        let fail = fail_reasons(checklist, vetoes, total, satisfaction);
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

    let band = if status != Status::Incomplete && vetoes.is_empty() {
        band_for(checklist, total, satisfaction)
    } else {
        None
    };

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
        checklist,
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

/// The first band whose thresholds hold; a band that needs a satisfaction does not hold
/// without a survey.
pub fn band_for(checklist: &Checklist, total: Points, satisfaction: Option<Rate>) -> Option<&str> {
    checklist
        .bands
        .iter()
        .find(|b| {
            total >= b.min_total
                && match b.min_satisfaction {
                    None => true,
                    Some(min) => satisfaction.is_some_and(|s| s >= min),
                }
        })
        .map(|b| b.name.as_str())
}

/// A value's score and how it was reached.
fn value_score<'r>(point: &'r Point, value: &'r Value) -> (Points, How<'r>) {
    let how = match value {
        Value::Points(_) => How::Points,
        Value::Grade(g) => How::Grade(&point.grades[*g].0),
        Value::NotApplicable => How::NotApplicable,
        Value::Deductions(list) => How::Deductions(list),
    };
    (value_points(point, value).unwrap_or(Points::ZERO), how)
}

fn derived(point: &Point, survey: Option<Survey>) -> (Points, How<'_>) {
    let Some(survey) = survey else {
        return (Points::ZERO, How::DerivedNoSurvey);
    };
    let bands = point.derive.as_deref().unwrap_or_default();
    match bands.iter().find(|b| survey.rate >= b.min) {
        Some(b) => (b.points, How::Derived(Some(b))),
        None => (Points::ZERO, How::Derived(None)),
    }
}

#[cfg(test)]
mod tests;
