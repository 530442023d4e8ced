//! The checklist: items → operation points → maximum points, plus pass rules, bands,
//! vetoes, bonus and compliance targets (SPEC §3), and its validation.
//!
//! A [`Checklist`] that exists has been validated: ids are unique, every max is positive,
//! grades and derived bands lie within their point's max, `[expect]` holds. The rest of the
//! program relies on that and never re-checks it.

use std::collections::BTreeMap;

use crate::points::{Points, Rate, Ratio, at_least_product};

mod bonus;
mod combine;
mod item;
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
    /// `[benchmark] min_band` (SPEC §12.4): the band a named benchmark branch must keep, as
    /// its place in `bands` (a later band is a lower one).
    pub benchmark_min_band: Option<usize>,
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
    /// The full mark of a weighted checklist (SPEC §11.4: top-level `scale`, default 100);
    /// `None` when its items have no weights.
    pub scale: Option<Points>,
    /// Cap on the sum of penalties, if any (SPEC §11.5).
    pub penalty_cap: Option<Points>,
    /// Penalties, subtracted from the total (SPEC §11.5), in checklist order.
    pub penalties: Vec<Penalty>,
    /// Measures a record gives as a share of members (SPEC §11.7), in checklist order.
    pub measures: Vec<Measure>,
    /// Level weights (SPEC §11.9), in level order: a record is scored as level "combined"
    /// from each weighted level's base. `None` without `[combine]`.
    pub combine: Option<Vec<(Level, Rate)>>,
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
    /// The minimum of every item without its own `min` (SPEC §11.3), as a share.
    pub min_item: Option<Rate>,
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
    /// Inclusive minimum total; `None`: any total (SPEC §11.6, required before v2).
    pub min_total: Option<Points>,
    pub min_satisfaction: Option<Rate>,
    /// Only for records of this status (SPEC §11.6); `None`: pass and fail alike.
    pub status: Option<BandStatus>,
}

/// The status a band may require (SPEC §11.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandStatus {
    Pass,
    Fail,
}

impl Band {
    /// Whether the band has a threshold on a figure (`min_total` or `min_satisfaction`): a
    /// vetoed record only matches bands without one (SPEC §11.6).
    pub fn has_threshold(&self) -> bool {
        self.min_total.is_some() || self.min_satisfaction.is_some()
    }
}

#[derive(Clone, Debug)]
pub struct Item {
    pub id: String,
    pub title: String,
    /// Sum of its points' max.
    pub max: Points,
    pub points: Vec<Point>,
    /// The item's own minimum (SPEC §11.3).
    pub min: Option<ItemMin>,
    /// `floor = "item"`: deductions are floored at 0 for the item, not point by point.
    pub floor_item: bool,
    /// The item's weight (SPEC §11.4): all items have one, or none.
    pub weight: Option<Rate>,
}

/// An item's minimum (SPEC §11.3): points, or a share of its applicable points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemMin {
    Points(Points),
    Share(Rate),
}

impl ItemMin {
    /// Whether an item scoring `score` of `applicable` (its full max being `max`) meets this
    /// minimum, exactly: a number `m` is compared as `score / applicable ≥ m / max` (the same
    /// as `score ≥ m` without N/A points); an item with nothing applicable is exempt.
    pub fn holds(self, score: Points, applicable: Points, max: Points) -> bool {
        self.holds_exact(
            Ratio::from_points(score),
            Ratio::from_points(applicable),
            max,
        )
    }

    /// [`ItemMin::holds`] for figures that are exact fractions rather than points: a combined
    /// item's weighted sums (SPEC §11.9). The one comparison every item minimum goes through.
    pub fn holds_exact(self, score: Ratio, applicable: Ratio, max: Points) -> bool {
        if !applicable.is_positive() {
            return true;
        }
        let needed = match self {
            ItemMin::Points(m) => Ratio::of(m, max).unwrap_or(Ratio::ZERO),
            ItemMin::Share(r) => Ratio::from_rate(r),
        };
        // score / applicable ≥ needed, with applicable > 0
        at_least_product(score, needed, applicable)
    }
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
    /// `max_deduction` (SPEC §11.2): deductions take at most this much.
    pub max_deduction: Option<Points>,
    /// Its item has `floor = "item"`: deductions may take the point below 0 (SPEC §11.3).
    pub unfloored: bool,
    /// For a derived point: the measure it is derived from (`derive = "M1"`, SPEC §11.7);
    /// `None` when derived from the satisfaction survey.
    pub measure: Option<String>,
}

/// `[[measures]]`: a share of members that a record gives (`M1 = { of = 40, count = 13 }`)
/// and derived points score by bands (SPEC §11.7).
#[derive(Clone, Debug)]
pub struct Measure {
    pub id: String,
    pub title: String,
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

    /// Derived from the satisfaction survey (not from a measure).
    pub fn is_derived_from_survey(&self) -> bool {
        self.derive.is_some() && self.measure.is_none()
    }
}

#[derive(Clone, Debug)]
pub struct Veto {
    pub id: String,
    pub title: String,
}

/// A bonus (`[[bonus]]`) or, of the same shape, a penalty (`[[penalties]]`, SPEC §11.5).
/// A record writes points (0 to `max`) or, when `per` is set, a count of occurrences each
/// worth `per`, capped at `max` if given. Validated: `max` is set when `per` is not.
#[derive(Clone, Debug)]
pub struct Bonus {
    pub id: String,
    pub title: String,
    /// The most it gives; `None` only with `per` (上不封顶).
    pub max: Option<Points>,
    /// Points per occurrence: the record gives a count (SPEC §11.5).
    pub per: Option<Points>,
}

/// A penalty: the shape and rules of a bonus, subtracted instead of added.
pub type Penalty = Bonus;

impl Bonus {
    /// Whether a record or a sheet may write `value` for it: points 0 to its max, or with
    /// `per` a whole count ≥ 0 (the cap applies to the product, not to the count).
    pub fn allows(&self, value: Points) -> bool {
        if value.is_negative() {
            return false;
        }
        match (self.per, self.max) {
            (Some(_), _) => value.is_multiple_of(Points::whole(1)),
            (None, Some(max)) => value <= max,
            (None, None) => true,
        }
    }

    /// What a written value is worth: the points, or `per × count` capped at `max`.
    pub fn worth(&self, value: Points) -> Points {
        let points = match self.per {
            Some(per) => per.times(value.hundredths() / 100),
            None => value,
        };
        match self.max {
            Some(max) if points > max => max,
            _ => points,
        }
    }
}

impl Checklist {
    /// Sum of all point maxima (bonus excluded).
    pub fn total(&self) -> Points {
        self.items.iter().map(|i| i.max).sum()
    }

    /// The full mark of a record's base: `scale` for a weighted checklist (SPEC §11.4), else
    /// the sum of point maxima.
    pub fn full_mark(&self) -> Points {
        self.scale.unwrap_or_else(|| self.total())
    }

    /// An item's minimum: its own `min`, else `[pass] min_item` (SPEC §11.3).
    pub fn item_min(&self, item: &Item) -> Option<ItemMin> {
        item.min.or(self.pass.min_item.map(ItemMin::Share))
    }

    pub fn point_count(&self) -> usize {
        self.items.iter().map(|i| i.points.len()).sum()
    }

    pub fn point(&self, id: &str) -> Option<&Point> {
        self.point_at(id).map(|(_, point)| point)
    }

    /// A point with its [`Checklist::position`], in one look-up (a record's reader asks
    /// for both for every value it reads).
    pub fn point_at(&self, id: &str) -> Option<(usize, &Point)> {
        let (i, p, n) = self.point_index.get(id)?;
        Some((*n, &self.items[*i].points[*p]))
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

    pub fn penalty_def(&self, id: &str) -> Option<&Penalty> {
        self.penalties.iter().find(|b| b.id == id)
    }

    /// Whether the pass rule or a point derived from the survey needs a survey (a point
    /// derived from a measure does not, SPEC §11.7).
    pub fn requires_survey(&self) -> bool {
        self.pass.min_satisfaction.is_some() || self.points().any(Point::is_derived_from_survey)
    }

    /// The position of a measure among [`Checklist::measures`].
    pub fn measure_position(&self, id: &str) -> Option<usize> {
        self.measures.iter().position(|m| m.id == id)
    }
}
