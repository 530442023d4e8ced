//! The checklist: items → operation points → maximum points, plus pass rules, bands,
//! vetoes, bonus and compliance targets (SPEC §3), and its validation.
//!
//! A [`Checklist`] that exists has been validated: ids are unique, every max is positive,
//! grades and derived bands lie within their point's max, `[expect]` holds. The rest of the
//! program relies on that and never re-checks it.

use std::collections::BTreeMap;

use crate::points::{Points, Rate};

mod parse;
mod point;
mod versions;

pub use versions::{Checklists, Periods, Versioning, validate as validate_versions};

/// Assessment levels, lowest to highest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The branch's self-assessment.
    #[serde(rename = "self")]
    SelfAssessment,
    /// The subsidiary's review.
    Review,
    /// The group's acceptance.
    Acceptance,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::SelfAssessment, Level::Review, Level::Acceptance];

    /// The name used in TOML tables, JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Level::SelfAssessment => "self",
            Level::Review => "review",
            Level::Acceptance => "acceptance",
        }
    }

    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == name)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// The file name of the definition at the records root.
pub use crate::discover::CHECKLIST_FILE;

/// The validated checklist.
#[derive(Clone, Debug)]
pub struct Checklist {
    pub title: String,
    pub version: Option<String>,
    /// Cap on the sum of bonus points, if any.
    pub bonus_cap: Option<Points>,
    pub pass: PassRule,
    pub compliance: ComplianceTargets,
    pub bands: Vec<Band>,
    pub items: Vec<Item>,
    pub vetoes: Vec<Veto>,
    pub bonus: Vec<Bonus>,
    /// point id → (item index, point index within the item, position among all points)
    point_index: BTreeMap<String, (usize, usize, usize)>,
    /// The periods it covers, among several checklists (SPEC §11.11).
    pub versioning: Versioning,
}

/// The acceptance rule of a record (SPEC §4.6).
#[derive(Clone, Debug, Default)]
pub struct PassRule {
    /// Inclusive minimum total.
    pub min_total: Option<Points>,
    /// Inclusive minimum satisfaction; when set, a survey is required.
    pub min_satisfaction: Option<Rate>,
    /// A record whose effective level is lower is incomplete.
    pub min_level: Option<Level>,
}

/// Target compliance rates: a default and per-period overrides.
#[derive(Clone, Debug, Default)]
pub struct ComplianceTargets {
    pub target: Option<Rate>,
    pub targets: BTreeMap<String, Rate>,
}

impl ComplianceTargets {
    /// The period's own target, else the default.
    pub fn for_period(&self, period: &str) -> Option<Rate> {
        self.targets.get(period).copied().or(self.target)
    }
}

/// A named grade of records, tried in order.
#[derive(Clone, Debug)]
pub struct Band {
    pub name: String,
    pub min_total: Points,
    pub min_satisfaction: Option<Rate>,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub id: String,
    pub title: String,
    /// Sum of its points' max.
    pub max: Points,
    pub points: Vec<Point>,
}

/// An operation point.
#[derive(Clone, Debug)]
pub struct Point {
    pub id: String,
    pub title: String,
    pub max: Points,
    pub criterion: Option<String>,
    /// May be marked "na" in a record.
    pub optional: bool,
    /// Scores must be multiples of this: the point's own `step`, else the checklist's
    /// top-level `step` (SPEC §11.1; never for a derived point).
    pub step: Option<Points>,
    /// Named grades, highest points first.
    pub grades: Vec<(String, Points)>,
    /// Scored from the survey instead of written in a level.
    pub derive: Option<Vec<DeriveBand>>,
}

/// `{ min = "95%", points = 4 }`: satisfaction at or above `min` scores `points`.
#[derive(Clone, Debug)]
pub struct DeriveBand {
    pub min: Rate,
    pub points: Points,
}

impl Point {
    /// The index of a grade name in [`Point::grades`].
    pub fn grade_index(&self, name: &str) -> Option<usize> {
        self.grades.iter().position(|(g, _)| g == name)
    }

    pub fn is_derived(&self) -> bool {
        self.derive.is_some()
    }
}

#[derive(Clone, Debug)]
pub struct Veto {
    pub id: String,
    pub title: String,
}

#[derive(Clone, Debug)]
pub struct Bonus {
    pub id: String,
    pub title: String,
    pub max: Points,
}

impl Bonus {
    /// Whether a record or a sheet may give `points` for this bonus: 0 to its max.
    pub fn allows(&self, points: Points) -> bool {
        !points.is_negative() && points <= self.max
    }
}

impl Checklist {
    /// Sum of all point maxima (bonus excluded).
    pub fn total(&self) -> Points {
        self.items.iter().map(|i| i.max).sum()
    }

    pub fn point_count(&self) -> usize {
        self.items.iter().map(|i| i.points.len()).sum()
    }

    pub fn point(&self, id: &str) -> Option<&Point> {
        let (i, p, _) = self.point_index.get(id)?;
        Some(&self.items[*i].points[*p])
    }

    /// A point's position among all points in checklist order (the order of
    /// [`Checklist::points`]); records index their values by it.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.point_index.get(id).map(|(_, _, n)| *n)
    }

    /// Every point, in checklist order.
    pub fn points(&self) -> impl Iterator<Item = &Point> {
        self.items.iter().flat_map(|i| i.points.iter())
    }

    pub fn veto(&self, id: &str) -> Option<&Veto> {
        self.vetoes.iter().find(|v| v.id == id)
    }

    pub fn bonus_def(&self, id: &str) -> Option<&Bonus> {
        self.bonus.iter().find(|b| b.id == id)
    }

    /// Whether the pass rule or a derived point needs a survey.
    pub fn requires_survey(&self) -> bool {
        self.pass.min_satisfaction.is_some() || self.points().any(Point::is_derived)
    }
}
