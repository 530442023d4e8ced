//! A record: one branch's assessment for one period (SPEC §4), and its validation against
//! the checklist.
//!
//! A [`Record`] that exists only refers to ids of its checklist, every value lies within its
//! point's max and step, and every grade exists: scoring relies on that.

use std::fmt;

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Severity, Snippet};
use crate::i18n::Text;
use crate::points::{Points, Rate};
pub use crate::read::checklist::Level;
use crate::read::checklist::Point;

mod bonus;
mod measures;
mod parse;
mod rectification;
mod value;

pub use value::{RawValue, point_value, ratings_from_text, ratings_text};

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A validated record.
#[derive(Clone, Debug)]
pub struct Record {
    /// Path relative to the records root, `/`-separated.
    pub file: String,
    pub org: String,
    pub branch: String,
    pub period: String,
    pub survey: Option<Survey>,
    /// Triggered veto ids, in checklist order.
    pub vetoes: Vec<String>,
    /// Bonus id → the value written (points, or a count for a bonus with `per`), in
    /// checklist order. What it is worth: [`crate::read::checklist::Bonus::worth`].
    pub bonus: Vec<(String, Points)>,
    levels: [Option<Assessment>; 3],
    /// Where the record names its period: the position given to problems found only across
    /// files (duplicates, roster). Keeps one source line, not the whole file.
    pub anchor: Diagnostic,
    /// Warnings that the record is incomplete in a way its file can fix (a level lacks
    /// points, the required survey is missing, no level at all), each at its position: what
    /// `audit check` reports. Empty for most records.
    pub incomplete: Vec<Diagnostic>,
    /// Penalty id → the value written (points, or a count), in checklist order (SPEC §11.5).
    pub penalties: Vec<(String, Points)>,
    /// The record's `[measures]` (SPEC §11.7), indexed like [`Checklist::measures`]
    /// (`None` where not given); empty when the checklist has no measures.
    ///
    /// [`Checklist::measures`]: crate::read::checklist::Checklist::measures
    pub measures: Vec<Option<Measured>>,
    /// The record's `[[rectification]]` tasks (SPEC §12.3), in file order; empty for most.
    /// A [`Lean`] record drops them: only the rectification view and the overdue gate ask.
    pub rectification: Vec<Task>,
}

/// A rectification task (整改, SPEC §12.3): what the branch must do to win back lost points,
/// by when, and whether it did.
#[derive(Clone, Debug)]
pub struct Task {
    /// The point it answers (an id of the record's checklist), if it names one.
    pub point: Option<String>,
    pub task: String,
    pub due: NaiveDate,
    pub done: Option<NaiveDate>,
    /// Paths inside the records root, checked like a point's evidence (SPEC §4.1).
    pub evidence: Vec<String>,
    /// Where the task is written: its `task` key (1-based), so a gate's annotation sits on
    /// the line people read.
    pub line: usize,
    pub column: usize,
}

/// The tasks of `record` answering `point`, or (with `None`) those that answer no point, in
/// file order.
pub fn tasks_of<'r>(record: &'r Record, point: Option<&'r str>) -> impl Iterator<Item = &'r Task> {
    record
        .rectification
        .iter()
        .filter(move |t| t.point.as_deref() == point)
}

/// A measure as a record gives it: a share of members.
#[derive(Clone, Copy, Debug)]
pub struct Measured {
    pub rate: Rate,
    /// (count, of) when counts were given.
    pub counts: Option<(u64, u64)>,
}

/// Whose record a file is: (org, branch, period).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Identity {
    pub org: String,
    pub branch: String,
    pub period: String,
}

/// The survey of members and the masses.
#[derive(Clone, Copy, Debug)]
pub struct Survey {
    pub rate: Rate,
    /// (satisfied, surveyed) when counts were given.
    pub counts: Option<(u64, u64)>,
}

/// The values one level gives, indexed by the point's position in the checklist
/// ([`Checklist::position`]): compact, since a large repository holds 100 000 of them.
#[derive(Clone, Debug, Default)]
pub struct Assessment {
    values: Vec<Option<Entry>>,
    /// When the level was completed (SPEC §12.1).
    pub date: Option<NaiveDate>,
    /// Who signed it.
    pub by: Option<String>,
    /// The level's own `bonus` and `penalties` tables (SPEC §11.10); boxed, since few
    /// levels have them.
    tables: Option<Box<LevelTables>>,
}

/// A level's own tables: each, when given (even empty), replaces the record's.
#[derive(Clone, Debug, Default)]
pub struct LevelTables {
    pub bonus: Option<Vec<(String, Points)>>,
    pub penalties: Option<Vec<(String, Points)>>,
}

impl Assessment {
    /// The level's own `bonus` table, if it has one.
    pub fn bonus(&self) -> Option<&[(String, Points)]> {
        self.tables.as_ref()?.bonus.as_deref()
    }

    /// The level's own `penalties` table, if it has one.
    pub fn penalties(&self) -> Option<&[(String, Points)]> {
        self.tables.as_ref()?.penalties.as_deref()
    }

    fn tables_mut(&mut self) -> &mut LevelTables {
        self.tables.get_or_insert_with(Default::default)
    }

    /// The value given for the point at `position`, if any.
    pub fn get(&self, position: usize) -> Option<&Entry> {
        self.values.get(position)?.as_ref()
    }

    fn set(&mut self, position: usize, entry: Entry) {
        if self.values.len() <= position {
            self.values.resize_with(position + 1, || None);
        }
        self.values[position] = Some(entry);
    }
}

/// SPEC §12.1's one rule on level dates: a level may not be dated before the nearest level
/// below it that has a date. That lower level and its date when `date` would break it; the
/// reader reports it at the date, `new --from` refuses to write it.
pub fn dated_before_lower(
    levels: &[Option<Assessment>; 3],
    level: Level,
    date: NaiveDate,
) -> Option<(Level, NaiveDate)> {
    Level::ALL[..level.index()]
        .iter()
        .rev()
        .find_map(|l| Some((*l, levels[l.index()].as_ref()?.date?)))
        .filter(|(_, lower_date)| date < *lower_date)
}

/// One point's value in a level, with its note and evidence.
#[derive(Clone, Debug)]
pub struct Entry {
    pub value: Value,
    /// Note and evidence, boxed: most values have neither.
    extra: Option<Box<Extra>>,
}

#[derive(Clone, Debug)]
struct Extra {
    note: Option<String>,
    evidence: Vec<String>,
}

impl Entry {
    fn new(value: Value, note: Option<String>, evidence: Vec<String>) -> Entry {
        let extra =
            (note.is_some() || !evidence.is_empty()).then(|| Box::new(Extra { note, evidence }));
        Entry { value, extra }
    }

    pub fn note(&self) -> Option<&str> {
        self.extra.as_ref()?.note.as_deref()
    }

    pub fn evidence(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.evidence)
    }
}

#[derive(Clone, Debug)]
pub enum Value {
    Points(Points),
    /// A grade, as its index in the point's [`Point::grades`].
    Grade(usize),
    NotApplicable,
    Deductions(Box<[Deduction]>),
    /// Several raters' ratings (SPEC §11.8), each [`Value::Points`] or [`Value::Grade`]
    /// valid for the point on its own; never empty.
    Ratings(Box<[Value]>),
}

#[derive(Clone, Debug)]
pub struct Deduction {
    pub points: Points,
    pub times: i64,
    pub reason: String,
}

/// What a value is worth on its point: the points given, the grade's points, or what the
/// deductions leave of the max; `None` for "na", which is not a 0 (it leaves the point out of
/// the base). The one place that knows it: the scorer, the sheet import (a value that scores
/// the same is the same value) and the sheet export all ask here. It lives with the record,
/// below the scorer, so that the office sheet's readers need not reach up into `score`.
pub fn value_points(point: &Point, value: &Value) -> Option<Points> {
    match value {
        Value::Points(p) => Some(*p),
        Value::Grade(g) => Some(point.grades[*g].1),
        Value::NotApplicable => None,
        Value::Deductions(list) => Some(kept_after(point, list)),
        Value::Ratings(list) => Some(mean_of(point, list)),
    }
}

/// The mean of ratings, rounded half away from zero to hundredths (SPEC §11.8): it need not
/// be a multiple of the point's step, each rating is.
pub fn mean_of(point: &Point, ratings: &[Value]) -> Points {
    let sum: Points = ratings
        .iter()
        .map(|r| value_points(point, r).unwrap_or(Points::ZERO))
        .sum();
    Points::mean(sum, ratings.len() as u64)
}

/// What a point keeps after `deductions` (SPEC §4.1, §11.2, §11.3): max minus all they take,
/// at most its `max_deduction`, never below 0 unless its item is floored as a whole
/// (`floor = "item"`). The scorer, the step check and the spreadsheet export all use this, so
/// a sheet never shows another figure than the score.
pub fn kept_after(point: &Point, deductions: &[Deduction]) -> Points {
    let lost = taken(point, deductions);
    let kept = point.max - lost;
    if kept.is_negative() && !point.unfloored {
        Points::ZERO
    } else {
        kept
    }
}

/// What `deductions` take from a point: all of them, capped at its `max_deduction`.
pub fn taken(point: &Point, deductions: &[Deduction]) -> Points {
    let lost = deducted(deductions);
    match point.max_deduction {
        Some(cap) if lost > cap => cap,
        _ => lost,
    }
}

/// All that `deductions` take, before the floor at 0.
pub fn deducted(deductions: &[Deduction]) -> Points {
    deductions.iter().map(|d| d.points.times(d.times)).sum()
}

/// What every command keeps of a record it has read: its file, whose record it is, where it
/// names its period (for problems found across files) and its "incomplete" warnings. A
/// [`Record`] is one; a [`Lean`] record is nothing more, for a command that has judged the
/// record as it was read and needs none of its values (SPEC's national scale: a record's
/// point values are most of its memory, and 1 000 000 of them must not be held at once).
pub trait Kept: Send {
    fn file(&self) -> &str;
    fn org(&self) -> &str;
    fn branch(&self) -> &str;
    fn period(&self) -> &str;
    fn incomplete(&self) -> &[Diagnostic];
    /// A problem found across files (a duplicate, a branch the roster does not list),
    /// placed where the record names its period.
    fn at_period(&self, severity: Severity, message: Text) -> Diagnostic;

    /// The sort key of SPEC §1: (org, branch, period), byte-wise; the file breaks ties.
    fn sort_key(&self) -> (&str, &str, &str, &str) {
        (self.org(), self.branch(), self.period(), self.file())
    }

    /// Whose record it is, copied.
    fn identity(&self) -> Identity {
        Identity {
            org: self.org().to_string(),
            branch: self.branch().to_string(),
            period: self.period().to_string(),
        }
    }
}

/// A record without its values: what [`Kept`] names and nothing else, in as few bytes as
/// will do (a million of them are held at once). It cannot be scored, by construction: a
/// command that keeps lean records judges each one before dropping the rest (see
/// `read::load::load_at_with`).
#[derive(Clone, Debug)]
pub struct Lean {
    /// The file, org, branch, period and the period's source line, one after the other in
    /// one allocation: a million records read on several threads, each keeping five small
    /// strings among the parser's freed ones, left the allocator's pages pinned and half
    /// empty (a third more memory than the strings themselves).
    text: Box<str>,
    /// Where each of the five ends in `text`.
    ends: [u32; 5],
    /// The period's position; the caret's offset and width under its line, when it has one.
    line: u32,
    column: u32,
    caret: Option<(u32, u32)>,
    incomplete: Box<[Diagnostic]>,
}

impl Lean {
    fn part(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        // `get`: never a panic, even for a record of more than 4 GiB (its ends saturate).
        self.text
            .get(start..self.ends[i] as usize)
            .unwrap_or_default()
    }
}

impl Kept for Record {
    fn file(&self) -> &str {
        &self.file
    }
    fn org(&self) -> &str {
        &self.org
    }
    fn branch(&self) -> &str {
        &self.branch
    }
    fn period(&self) -> &str {
        &self.period
    }
    fn incomplete(&self) -> &[Diagnostic] {
        &self.incomplete
    }
    fn at_period(&self, severity: Severity, message: Text) -> Diagnostic {
        let mut d = self.anchor.clone();
        d.severity = severity;
        d.with_text(message)
    }
}

impl Kept for Lean {
    fn file(&self) -> &str {
        self.part(0)
    }
    fn org(&self) -> &str {
        self.part(1)
    }
    fn branch(&self) -> &str {
        self.part(2)
    }
    fn period(&self) -> &str {
        self.part(3)
    }
    fn incomplete(&self) -> &[Diagnostic] {
        &self.incomplete
    }
    fn at_period(&self, severity: Severity, message: Text) -> Diagnostic {
        let mut d = Diagnostic::file_level(severity, self.file(), String::new());
        d.line = self.line as usize;
        d.column = self.column as usize;
        d.snippet = self.caret.map(|(offset, width)| {
            Box::new(Snippet::from_parts(
                self.part(4).to_string(),
                offset as usize,
                width as usize,
            ))
        });
        d.with_text(message)
    }
}

// A filtered list of records is a list of references to them.
impl<R: Kept + Sync> Kept for &R {
    fn file(&self) -> &str {
        (*self).file()
    }
    fn org(&self) -> &str {
        (*self).org()
    }
    fn branch(&self) -> &str {
        (*self).branch()
    }
    fn period(&self) -> &str {
        (*self).period()
    }
    fn incomplete(&self) -> &[Diagnostic] {
        (*self).incomplete()
    }
    fn at_period(&self, severity: Severity, message: Text) -> Diagnostic {
        (*self).at_period(severity, message)
    }
}

impl Record {
    /// The record without its values.
    pub fn lean(self) -> Lean {
        // Positions and lengths past four billion are not a record anyone wrote; saturate
        // rather than wrap.
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let snippet = self.anchor.snippet.as_deref().map(Snippet::parts);
        let line = snippet.map_or("", |(text, _, _)| text);
        let parts = [
            self.file.as_str(),
            &self.org,
            &self.branch,
            &self.period,
            line,
        ];
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0; 5];
        for (end, part) in ends.iter_mut().zip(parts) {
            text.push_str(part);
            *end = narrow(text.len());
        }
        Lean {
            text: text.into_boxed_str(),
            ends,
            line: narrow(self.anchor.line),
            column: narrow(self.anchor.column),
            caret: snippet.map(|(_, offset, width)| (narrow(offset), narrow(width))),
            incomplete: self.incomplete.into_boxed_slice(),
        }
    }

    pub fn level(&self, level: Level) -> Option<&Assessment> {
        self.levels[level.index()].as_ref()
    }

    /// The lower level whose date `date`, as `level`'s, would precede ([`dated_before_lower`]).
    pub fn dated_before_lower(&self, level: Level, date: NaiveDate) -> Option<(Level, NaiveDate)> {
        dated_before_lower(&self.levels, level, date)
    }

    /// The highest level present.
    pub fn effective_level(&self) -> Option<Level> {
        Level::ALL
            .into_iter()
            .rev()
            .find(|l| self.level(*l).is_some())
    }
}
