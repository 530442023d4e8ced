//! The JSON documents of SPEC §7, typed, so a test reads `score.records[0].total` instead of
//! indexing an untyped `serde_json::Value` (a misspelt key there reads as null and passes).
//!
//! `deny_unknown_fields` throughout: a field the binary adds must be added here, on purpose
//! (issue 10 added a diagnostic's `code` and a record's `reason_codes`, the catalogue ids of
//! its messages, beside their English).

use serde::Deserialize;

/// `audit score --format json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    pub checklist: ChecklistHeader,
    pub records: Vec<Record>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChecklistHeader {
    pub title: String,
    pub version: Option<String>,
    pub total: f64,
}

/// One scored record: a line of `--format jsonl`, an element of `records`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub file: String,
    pub org: String,
    pub branch: String,
    pub period: String,
    /// Its checklist's version, only when the root has several checklists (SPEC §11.11).
    #[serde(default)]
    pub version: Option<String>,
    pub level: Option<String>,
    pub status: String,
    pub base: f64,
    pub bonus: f64,
    /// SPEC §11.5: the capped sum of penalties, 0 when none.
    pub penalties: f64,
    pub total: f64,
    pub satisfaction: Option<f64>,
    pub band: Option<String>,
    pub vetoes: Vec<String>,
    pub items: Vec<Item>,
    pub reasons: Vec<String>,
    /// The catalogue id of each reason, in the same order.
    pub reason_codes: Vec<String>,
    pub would: Option<Would>,
    /// The record's measures (SPEC §11.7): present only when the checklist defines some.
    #[serde(default)]
    pub measures: Option<Vec<Measure>>,
}

/// A measure a record gives; rate and counts null when it does not.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub rate: Option<f64>,
    pub count: Option<u64>,
    pub of: Option<u64>,
}

/// What a level below `min_level` would get.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Would {
    pub status: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub score: f64,
    pub max: f64,
    pub applicable: f64,
    /// `explain` only, in a weighted checklist (SPEC §11.4): the item's weight.
    #[serde(default)]
    pub weight: Option<f64>,
    /// `explain` only, in a weighted checklist: score / applicable; `Some(None)` (null) when
    /// all its points are N/A, `None` when the key is absent.
    #[serde(default, deserialize_with = "present")]
    pub share: Option<Option<f64>>,
    /// `explain` only, where the item has a minimum (SPEC §11.3).
    #[serde(default)]
    pub min: Option<ItemMin>,
    /// `explain` only: "item" for `floor = "item"`.
    #[serde(default)]
    pub floor: Option<String>,
    /// `explain` only, with `floor = "item"`: the sum of its points before the floor.
    #[serde(default)]
    pub sum: Option<f64>,
}

/// An item's minimum in `explain`: points or a share (the other null), met or not, exempt
/// when all its points are N/A (an exempt item meets it).
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ItemMin {
    pub points: Option<f64>,
    pub share: Option<f64>,
    pub met: bool,
    pub exempt: bool,
}

/// A key that may be null: present (null or not) reads as `Some`, absent as `None` (with
/// `#[serde(default)]`).
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// `audit report --format json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub rows: Vec<Row>,
    /// Only in a partial report (`--partial`).
    #[serde(default)]
    pub invalid_files: Vec<InvalidFile>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub period: String,
    pub org: Option<String>,
    pub population: u64,
    pub passed: u64,
    pub failed: u64,
    pub incomplete: u64,
    pub missing: u64,
    pub invalid: u64,
    pub rate: f64,
    pub target: Option<f64>,
    pub met: Option<bool>,
    pub shortfall: Option<u64>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct InvalidFile {
    pub file: String,
    pub org: Option<String>,
    pub branch: Option<String>,
    pub period: Option<String>,
}

/// `audit check --format json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub diagnostics: Vec<Diagnostic>,
    pub gates: Vec<Gate>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    pub severity: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The catalogue id of the message; absent for a message without one (a TOML parser's).
    #[serde(default)]
    pub code: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    pub gate: String,
    pub passed: bool,
    pub details: Vec<String>,
    /// Where each detail's subject is written (the overdue gate's tasks); absent otherwise.
    #[serde(default)]
    pub places: Vec<Place>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// `audit report --view rectification --format json` (SPEC §12.3).
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rectification {
    pub tasks: Vec<RectTask>,
    pub counts: Vec<RectCounts>,
    pub untracked: Vec<Untracked>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RectTask {
    pub org: String,
    pub branch: String,
    pub period: String,
    pub point: Option<String>,
    pub task: String,
    pub due: String,
    pub done: Option<String>,
    pub status: String,
    pub days: i64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RectCounts {
    pub period: String,
    pub org: Option<String>,
    pub open: u64,
    pub overdue: u64,
    pub done: u64,
    pub late: u64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Untracked {
    pub org: String,
    pub branch: String,
    pub period: String,
    pub point: String,
    pub lost: f64,
}

/// A rectification task as `explain --format json` lists it.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExplainedTask {
    pub task: String,
    pub due: String,
    pub done: Option<String>,
    pub evidence: Vec<String>,
    pub line: usize,
    pub column: usize,
}

/// `audit diff --format json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub compliance: Vec<RateChange>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub org: String,
    pub branch: String,
    pub period: String,
    pub change: String,
    pub before: Option<State>,
    pub after: Option<State>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub status: String,
    pub total: f64,
    pub band: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RateChange {
    pub period: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// `audit explain --format json`: the record's object with the checklist, the base before
/// normalisation and every point.
#[derive(Debug, Deserialize)]
pub struct Explained {
    pub checklist: ChecklistHeader,
    #[serde(flatten)]
    pub record: Record,
    pub raw_base: f64,
    pub applicable: f64,
    /// The scale of a weighted checklist (SPEC §11.4), absent otherwise.
    #[serde(default)]
    pub scale: Option<f64>,
    /// Each weighted level of a record scored as "combined" (SPEC §11.9), absent otherwise.
    #[serde(default)]
    pub combined: Option<Vec<LevelPart>>,
    pub points: Vec<ExplainedPoint>,
    /// The record's rectification tasks that answer no point (SPEC §12.3), absent when none.
    #[serde(default)]
    pub tasks: Vec<ExplainedTask>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LevelPart {
    pub level: String,
    pub weight: f64,
    pub base: Option<f64>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExplainedPoint {
    pub item: String,
    pub id: String,
    pub title: String,
    pub max: f64,
    pub score: f64,
    /// points | grade | na | deductions | derived | missing | ratings
    pub how: String,
    pub grade: Option<String>,
    pub deductions: Vec<Deduction>,
    pub note: Option<String>,
    pub evidence: Vec<String>,
    /// Several raters' ratings (how = "ratings"), present only then.
    #[serde(default)]
    pub ratings: Option<Vec<Rating>>,
    /// The measure of a point derived from one, present only then.
    #[serde(default)]
    pub measure: Option<PointMeasure>,
    /// The point's deduction cap (SPEC §11.2), present only when it has one.
    #[serde(default)]
    pub max_deduction: Option<f64>,
    /// With a cap: whether the deductions went past it.
    #[serde(default)]
    pub capped: Option<bool>,
    /// The record's rectification tasks answering this point, absent when none.
    #[serde(default)]
    pub tasks: Vec<ExplainedTask>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub points: f64,
    pub grade: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PointMeasure {
    pub id: String,
    pub rate: Option<f64>,
    pub band: Option<Band>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min: f64,
    pub points: f64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Deduction {
    pub points: f64,
    pub times: i64,
    pub reason: String,
}

/// `audit report --view trend --format json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trend {
    pub periods: Vec<String>,
    pub targets: Vec<Option<f64>>,
    pub rows: Vec<TrendRow>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TrendRow {
    /// None for all orgs together.
    pub org: Option<String>,
    pub rates: Vec<Option<f64>>,
    pub met: Vec<Option<bool>>,
}

/// `audit report --view benchmark --format json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    pub candidates: Vec<Candidate>,
    /// The register's entries (SPEC §12.4): absent without a register naming a branch.
    #[serde(default)]
    pub named: Option<Vec<Named>>,
}

/// One entry of the benchmark register in `report --view benchmark --format json`.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Named {
    pub org: String,
    pub branch: String,
    pub period: String,
    pub decided: String,
    pub latest_period: Option<String>,
    pub latest_status: Option<String>,
    pub latest_band: Option<String>,
    pub state: String,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    pub period: String,
    pub rank: usize,
    pub org: String,
    pub branch: String,
    pub file: String,
    pub total: f64,
    pub satisfaction: Option<f64>,
    pub band: Option<String>,
}

/// `audit report --view levels --format json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    pub records: Vec<LevelRecord>,
    pub orgs: Vec<LevelOrg>,
    pub points: Vec<LevelPoint>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LevelRecord {
    pub org: String,
    pub branch: String,
    pub period: String,
    pub file: String,
    #[serde(rename = "self")]
    pub self_total: Option<f64>,
    pub review: Option<f64>,
    pub acceptance: Option<f64>,
    pub gap: f64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LevelOrg {
    pub org: String,
    pub records: u64,
    pub mean_gap: f64,
    pub inflated: u64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LevelPoint {
    pub id: String,
    pub title: String,
    pub max: f64,
    pub records: u64,
    pub mean_gap: f64,
    pub higher: u64,
}

/// `audit report --view items --format json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemsView {
    pub items: Vec<ItemStats>,
}

/// An item's or a point's figures in the items view.
#[derive(Debug, Deserialize, PartialEq)]
pub struct Stats {
    pub records: u64,
    pub mean: f64,
    pub applicable: f64,
    pub share: Option<f64>,
    pub lost_share: Option<f64>,
}

#[derive(Debug, Deserialize)]
pub struct ItemStats {
    pub id: String,
    pub title: String,
    pub max: f64,
    #[serde(flatten)]
    pub stats: Stats,
    pub points: Vec<PointStats>,
}

#[derive(Debug, Deserialize)]
pub struct PointStats {
    pub id: String,
    pub title: String,
    pub max: f64,
    #[serde(flatten)]
    pub stats: Stats,
    pub reasons: Vec<ReasonCount>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReasonCount {
    pub reason: String,
    pub records: u64,
}
