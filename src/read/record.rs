//! A record: one branch's assessment for one period (SPEC §4), and its validation against
//! the checklist.
//!
//! A [`Record`] that exists only refers to ids of its checklist, every value lies within its
//! point's max and step, and every grade exists: scoring relies on that.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path};
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Text, Word};
use crate::points::{Points, Rate};
pub use crate::read::checklist::Level;
use crate::read::checklist::{Checklist, Point};
use crate::read::spanned::{self, Node, Sink, TableReader};

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
    /// Bonus id → points, in checklist order.
    pub bonus: Vec<(String, Points)>,
    levels: [Option<Assessment>; 3],
    /// Where the record names its period: the position given to problems found only across
    /// files (duplicates, roster). Keeps one source line, not the whole file.
    pub anchor: Diagnostic,
    /// Warnings that the record is incomplete in a way its file can fix (a level lacks
    /// points, the required survey is missing, no level at all), each at its position: what
    /// `audit check` reports. Empty for most records.
    pub incomplete: Vec<Diagnostic>,
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
}

impl Assessment {
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
        Value::Deductions(list) => Some(kept_after(point.max, list)),
    }
}

/// What a point of `max` keeps after `deductions`: max minus all they take, never below 0
/// (SPEC §4). The scorer, the step check and the spreadsheet export all use this, so a
/// sheet never shows another figure than the score.
pub fn kept_after(max: Points, deductions: &[Deduction]) -> Points {
    let lost = deducted(deductions);
    if lost >= max {
        Points::ZERO
    } else {
        max - lost
    }
}

/// All that `deductions` take, before the floor at 0.
pub fn deducted(deductions: &[Deduction]) -> Points {
    deductions.iter().map(|d| d.points.times(d.times)).sum()
}

impl Record {
    pub fn level(&self, level: Level) -> Option<&Assessment> {
        self.levels[level.index()].as_ref()
    }

    /// The highest level present.
    pub fn effective_level(&self) -> Option<Level> {
        Level::ALL
            .into_iter()
            .rev()
            .find(|l| self.level(*l).is_some())
    }

    /// The sort key of SPEC §1: (org, branch, period), byte-wise; the file breaks ties.
    pub fn sort_key(&self) -> (&str, &str, &str, &str) {
        (&self.org, &self.branch, &self.period, &self.file)
    }

    /// Parses and validates a record against the checklist. `root` is the records root, used
    /// to check that evidence paths exist; `None` skips that check.
    pub fn parse(
        file: Arc<SourceFile>,
        checklist: &Checklist,
        root: Option<&Path>,
    ) -> (Option<Record>, Vec<Diagnostic>) {
        let (record, _, diagnostics) = Record::parse_identified(file, checklist, root);
        (record, diagnostics)
    }

    /// Like [`Record::parse`]; for an invalid record whose `org`, `branch` and `period` could
    /// still be read, also returns them, so that a partial report can count the branch as
    /// having an invalid record rather than none.
    pub fn parse_identified(
        file: Arc<SourceFile>,
        checklist: &Checklist,
        root: Option<&Path>,
    ) -> (Option<Record>, Option<Identity>, Vec<Diagnostic>) {
        let mut sink = Sink::new(file.clone());
        let text = spanned::half_width(&mut sink, &file.text);
        let Some(tree) = spanned::parse(&mut sink, &text) else {
            return (None, None, sink.diagnostics);
        };
        let record = read_record(&mut sink, &tree, checklist, root);
        if sink.has_errors() {
            let who = record.map(|r| Identity {
                org: r.org,
                branch: r.branch,
                period: r.period,
            });
            (None, who, sink.into_sorted())
        } else {
            (record, None, sink.into_sorted())
        }
    }
}

/// A deduction repeated more often than this is surely a typo.
const MAX_TIMES: i64 = 10_000;

const RECORD_KEYS: &[&str] = &[
    "org",
    "branch",
    "period",
    "satisfaction",
    "vetoes",
    "bonus",
    "self",
    "review",
    "acceptance",
];

fn read_record(
    sink: &mut Sink,
    tree: &Spanned<DeTable<'_>>,
    checklist: &Checklist,
    root: Option<&Path>,
) -> Option<Record> {
    let mut top = TableReader::new(tree.get_ref(), tree.span(), both!("the-record"));
    let org = top.text(sink, "org", true);
    let branch = top.text(sink, "branch", true);
    let period_node = top.get("period");
    let anchor_span = period_node.map_or(0..0, |n| n.span());
    let period = period(sink, &mut top);
    let anchor = sink.file.diagnostic(
        crate::diagnostic::Severity::Error,
        sink.map(anchor_span),
        String::new(),
    );
    let survey = top.get("satisfaction").and_then(|n| read_survey(sink, n));
    let vetoes = top
        .get("vetoes")
        .map(|n| read_vetoes(sink, n, checklist))
        .unwrap_or_default();
    let bonus = top
        .get("bonus")
        .map(|n| read_bonus(sink, n, checklist))
        .unwrap_or_default();
    let mut levels: [Option<Assessment>; 3] = Default::default();
    let mut headers = [0usize; 3];
    for level in Level::ALL {
        if let Some(n) = top.get(level.name()) {
            headers[level.index()] = t_span(n).start;
            levels[level.index()] = read_assessment(sink, n, level, checklist, root);
        }
    }
    top.finish(sink, RECORD_KEYS);
    let incomplete = if sink.has_errors() {
        Vec::new()
    } else {
        incompleteness(sink, headers, &levels, survey.is_some(), checklist)
    };
    Some(Record {
        file: sink.file.name.clone(),
        org: org?,
        branch: branch?,
        period: period?,
        survey,
        vetoes,
        bonus,
        levels,
        anchor,
        incomplete,
    })
}

/// Warnings for what keeps a valid record incomplete and its file can fix: a level that lacks
/// points (at the level's table header, listing the missing ids), a required survey that is
/// missing, or no level at all (at the start of the file). A level below `min_level` is a
/// stage of the assessment, not a gap in the file, and is not warned about.
fn incompleteness(
    sink: &Sink,
    headers: [usize; 3],
    levels: &[Option<Assessment>; 3],
    has_survey: bool,
    checklist: &Checklist,
) -> Vec<Diagnostic> {
    let file = &sink.file;
    let warn = |span: std::ops::Range<usize>, text: Text| {
        file.diagnostic(crate::diagnostic::Severity::Warning, span, String::new())
            .with_text(text)
    };
    let mut out = Vec::new();
    let effective = Level::ALL
        .into_iter()
        .rev()
        .find(|l| levels[l.index()].is_some());
    if effective.is_none() {
        out.push(warn(0..0, problem!(RecordHasNoLevel)));
    }
    for level in Level::ALL {
        let Some(assessment) = &levels[level.index()] else {
            continue;
        };
        // A point's position is its place in `points()` (see `Checklist::position`): no
        // look-up by id, which cost every record a map search per point.
        let missing: Vec<&str> = checklist
            .points()
            .enumerate()
            .filter(|(i, p)| !p.is_derived() && assessment.get(*i).is_none())
            .map(|(_, p)| p.id.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let header = headers[level.index()];
        let span = header..header;
        let points = missing.join(", ");
        out.push(warn(
            span,
            if Some(level) == effective {
                problem!(RecordLacksPoints { level, points })
            } else {
                problem!(LevelLacksPointsIncomplete { level, points })
            },
        ));
    }
    if !has_survey && checklist.requires_survey() {
        out.push(warn(0..0, problem!(RecordHasNoSurvey)));
    }
    out
}

/// `period` is text; a bare number (`period = 2022`) is accepted as its digits, since that
/// is what anyone typing a year means.
fn period(sink: &mut Sink, top: &mut TableReader<'_, '_>) -> Option<String> {
    let node = top.required(sink, "period")?;
    if let DeValue::Integer(_) = node.get_ref() {
        return spanned::integer(sink, node, || both!("period-key")).map(|v| v.to_string());
    }
    spanned::text(sink, node, || both!("period-in-the-record"))
}

fn read_survey(sink: &mut Sink, node: &Node<'_>) -> Option<Survey> {
    let mut t = TableReader::of(sink, node, "[satisfaction]")?;
    let surveyed = t
        .get("surveyed")
        .map(|n| (n, spanned::integer(sink, n, || both!("surveyed"))));
    let satisfied = t
        .get("satisfied")
        .map(|n| (n, spanned::integer(sink, n, || both!("satisfied"))));
    let rate = t
        .get("rate")
        .map(|n| (n, spanned::rate(sink, n, || both!("rate-in-satisfaction"))));
    t.finish(sink, &["surveyed", "satisfied", "rate"]);
    match (surveyed, satisfied, rate) {
        (None, None, None) => {
            sink.error(
                t_span(node),
                "[satisfaction] needs `surveyed` and `satisfied`, or `rate`",
            );
            None
        }
        (Some(_), _, Some((r, _))) | (_, Some(_), Some((r, _))) => {
            sink.error(r.span(), problem!(SatisfactionGivesBothCountsAndRate));
            None
        }
        (None, None, Some((_, rate))) => rate.map(|rate| Survey { rate, counts: None }),
        (Some((n, _)), None, None) => {
            sink.error(
                n.span(),
                "[satisfaction] gives `surveyed` but not `satisfied`",
            );
            None
        }
        (None, Some((n, _)), None) => {
            sink.error(
                n.span(),
                "[satisfaction] gives `satisfied` but not `surveyed`",
            );
            None
        }
        (Some((sn, surveyed)), Some((an, satisfied)), None) => {
            let (surveyed, satisfied) = (surveyed?, satisfied?);
            if surveyed < 1 {
                sink.error(sn.span(), problem!(SurveyedMustBeAtLeast1 { surveyed }));
                return None;
            }
            if satisfied < 0 {
                sink.error(
                    an.span(),
                    problem!(SatisfiedMustNotBeNegativeGot { satisfied }),
                );
                return None;
            }
            if satisfied > surveyed {
                sink.error(
                    an.span(),
                    problem!(SatisfiedExceedsSurveyed {
                        satisfied,
                        surveyed
                    }),
                );
                return None;
            }
            let (a, s) = (satisfied as u64, surveyed as u64);
            Some(Survey {
                rate: Rate::ratio(a, s),
                counts: Some((a, s)),
            })
        }
    }
}

fn t_span(node: &Node<'_>) -> std::ops::Range<usize> {
    node.span().start..node.span().start
}

fn read_vetoes(sink: &mut Sink, node: &Node<'_>, checklist: &Checklist) -> Vec<String> {
    let Some(mut t) = TableReader::of(sink, node, "[vetoes]") else {
        return Vec::new();
    };
    let mut triggered = Vec::new();
    for (id, key_span, value) in t.entries() {
        if checklist.veto(id).is_none() {
            sink.error(
                key_span,
                unknown_id("veto", id, checklist.vetoes.iter().map(|v| &v.id)),
            );
            continue;
        }
        match value.get_ref() {
            DeValue::Boolean(true) => triggered.push(id.to_string()),
            DeValue::Boolean(false) => {}
            other => sink.error(
                value.span(),
                problem!(VetoMustBeTrueOrFalse {
                    id,
                    kind: Word(spanned::kind(other))
                }),
            ),
        }
    }
    checklist
        .vetoes
        .iter()
        .filter(|v| triggered.contains(&v.id))
        .map(|v| v.id.clone())
        .collect()
}

fn read_bonus(sink: &mut Sink, node: &Node<'_>, checklist: &Checklist) -> Vec<(String, Points)> {
    let Some(mut t) = TableReader::of(sink, node, "[bonus]") else {
        return Vec::new();
    };
    let mut given = BTreeMap::new();
    for (id, key_span, value) in t.entries() {
        let Some(def) = checklist.bonus_def(id) else {
            sink.error(
                key_span,
                unknown_id("bonus", id, checklist.bonus.iter().map(|b| &b.id)),
            );
            continue;
        };
        let Some(p) = spanned::points(sink, value, || both!("bonus-id", id = id)) else {
            continue;
        };
        if !def.allows(p) {
            sink.error(
                value.span(),
                problem!(BonusExceedsItsMax {
                    id,
                    p,
                    max: def.max
                }),
            );
            continue;
        }
        given.insert(id.to_string(), p);
    }
    checklist
        .bonus
        .iter()
        .filter_map(|b| given.get(&b.id).map(|p| (b.id.clone(), *p)))
        .collect()
}

fn unknown_id<'a>(what: &str, id: &str, known: impl Iterator<Item = &'a String>) -> Text {
    let known: Vec<&str> = known.map(String::as_str).collect();
    if known.is_empty() {
        problem!(UnknownIdNoneDefined {
            what: Word(what),
            id
        })
    } else {
        problem!(UnknownId {
            what: Word(what),
            id,
            known: known.join(", ")
        })
    }
}

fn read_assessment(
    sink: &mut Sink,
    node: &Node<'_>,
    level: Level,
    checklist: &Checklist,
    root: Option<&Path>,
) -> Option<Assessment> {
    let mut t = TableReader::of(sink, node, both!("level-section", level = level))?;
    let mut values = Assessment::default();
    for (id, key_span, value) in t.entries() {
        let Some(point) = checklist.point(id) else {
            sink.error(key_span, unknown_point(level, id, value, checklist));
            continue;
        };
        if point.is_derived() {
            sink.error(key_span, problem!(DerivedPointInRecord { level, id }));
            continue;
        }
        if let Some(entry) = read_entry(sink, value, point, level, root)
            && let Some(position) = checklist.position(id)
        {
            values.set(position, entry);
        }
    }
    Some(values)
}

/// `1.1 = 3` without quotes is TOML for a table `1` holding `1 = 3`: say so, since that is
/// the likeliest way to get an unknown id.
fn unknown_point(level: Level, id: &str, value: &Node<'_>, checklist: &Checklist) -> Text {
    if let DeValue::Table(t) = value.get_ref()
        && let Some((k, _)) = t.iter().next()
    {
        let dotted = format!("{id}.{}", k.get_ref());
        if checklist.point(&dotted).is_some() {
            return problem!(PointIdsMustBeQuotedWrite { level, dotted });
        }
    }
    problem!(UnknownPointId { level, id })
}

fn read_entry(
    sink: &mut Sink,
    node: &Node<'_>,
    point: &Point,
    level: Level,
    root: Option<&Path>,
) -> Option<Entry> {
    // Named only when something is wrong: building the name for each of a large
    // repository's millions of values would cost more than reading them.
    let lazy_what = || both!("point-level-id", level = level, id = point.id);
    match node.get_ref() {
        DeValue::Table(table) => {
            let what = lazy_what();
            let mut t = TableReader::new(table, node.span(), what.clone());
            let score = t.get("score");
            let deductions = t.get("deductions");
            let note = t.text(sink, "note", false);
            let evidence = t
                .get("evidence")
                .map(|n| read_evidence(sink, n, &what, root))
                .unwrap_or_default();
            let span = t.span();
            t.finish(sink, &["score", "deductions", "note", "evidence"]);
            let value = match (score, deductions) {
                (Some(_), Some(d)) => {
                    sink.error(d.span(), problem!(GiveEitherScoreOrDeductionsNot { what }));
                    None
                }
                (None, None) => {
                    sink.error(span, problem!(ATableNeedsScoreOrDeductions { what }));
                    None
                }
                (Some(s), None) => read_value(sink, s, point, &|| what.clone()),
                (None, Some(d)) => read_deductions(sink, d, point, &what),
            }?;
            Some(Entry::new(value, note, evidence))
        }
        _ => read_value(sink, node, point, &lazy_what)
            .map(|value| Entry::new(value, None, Vec::new())),
    }
}

/// A plain value: points, a grade name or "na".
fn read_value(
    sink: &mut Sink,
    node: &Node<'_>,
    point: &Point,
    what: &dyn Fn() -> Text,
) -> Option<Value> {
    let raw = match node.get_ref() {
        // In a file, points are numbers: "3" in quotes is most likely a slip, and saying so
        // beats guessing (sheets, where every cell may be text, accept it).
        DeValue::String(s) if point.grade_index(s).is_none() && Points::parse(s).is_ok() => {
            sink.error(
                node.span(),
                problem!(WritePointsWithoutQuotesNot { what: what(), s }),
            );
            return None;
        }
        DeValue::String(s) => RawValue::Text(s),
        _ => match spanned::number_text(node) {
            Some(text) => RawValue::Number(text),
            None => {
                sink.error(
                    node.span(),
                    problem!(MustBePointsAGradeOr {
                        what: what(),
                        kind: Word(spanned::kind(node.get_ref()))
                    }),
                );
                return None;
            }
        },
    };
    match point_value(point, raw) {
        Ok(v) => Some(v),
        Err(message) => {
            sink.error(
                node.span(),
                problem!(WhatMessage {
                    what: what(),
                    message
                }),
            );
            None
        }
    }
}

/// A point value as written, before validation: in a TOML file or a spreadsheet cell.
#[derive(Clone, Debug)]
pub enum RawValue<'a> {
    /// The literal text of a number ("2.5", "3").
    Number(String),
    /// Text: a grade name, "na", or a number typed as text in a sheet.
    Text(&'a str),
}

/// Validates a plain point value (points, grade name or "na") against its point: the one
/// place that knows these rules, for records and for imported sheets alike.
pub fn point_value(point: &Point, raw: RawValue<'_>) -> Result<Value, Text> {
    let text = match raw {
        RawValue::Text("") => return Err(problem!(NotFilledIn)),
        RawValue::Text("na") => {
            return if point.optional {
                Ok(Value::NotApplicable)
            } else {
                Err(problem!(NaIsOnlyAllowedOnOptional { id: point.id }))
            };
        }
        RawValue::Text(s) => {
            if let Some(g) = point.grade_index(s) {
                return Ok(Value::Grade(g));
            }
            if s.eq_ignore_ascii_case("na") || s.eq_ignore_ascii_case("n/a") {
                return Err(problem!(WriteNaInLowerCaseFor {
                    s_dbg: format!("{:?}", s)
                }));
            }
            let looks_numeric = s
                .trim()
                .starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.');
            if !looks_numeric {
                return Err(if point.grades.is_empty() {
                    problem!(UnknownGradeThisPointHasNo {
                        grade: format!("{s:?}"),
                        max: point.max
                    })
                } else {
                    let names: Vec<&str> = point.grades.iter().map(|(g, _)| g.as_str()).collect();
                    problem!(UnknownGradeGrades {
                        grade: format!("{s:?}"),
                        names: names.join(", ")
                    })
                });
            }
            s.trim().to_string()
        }
        RawValue::Number(text) => text,
    };
    let p = Points::parse(&text).map_err(|e| {
        problem!(TextProblem {
            text,
            problem: e.text()
        })
    })?;
    if p.is_negative() {
        return Err(problem!(ScoreMustNotBeNegative { text }));
    }
    if p > point.max {
        return Err(problem!(ScoreExceedsItsMax { p, max: point.max }));
    }
    if let Some(step) = point.step
        && !p.is_multiple_of(step)
    {
        return Err(problem!(ScoreIsNotAMultipleOf { p, step }));
    }
    Ok(Value::Points(p))
}

fn read_deductions(sink: &mut Sink, node: &Node<'_>, point: &Point, what: &Text) -> Option<Value> {
    let DeValue::Array(items) = node.get_ref() else {
        sink.error(node.span(), problem!(DeductionsMustBeAListOf { what }));
        return None;
    };
    let mut out = Vec::new();
    let mut ok = true;
    for n in items.iter() {
        let Some(mut t) = TableReader::of(sink, n, both!("a-deduction-of", what = what)) else {
            ok = false;
            continue;
        };
        let points = t.points(sink, "points", true);
        let times = match t.get("times") {
            Some(tn) => {
                match spanned::integer(sink, tn, || both!("times-of-a-deduction-of", what = what)) {
                    Some(v) if (1..=MAX_TIMES).contains(&v) => Some(v),
                    Some(v) if v > MAX_TIMES => {
                        sink.error(
                            tn.span(),
                            problem!(TimesMustBeAtMostGot {
                                what,
                                max_times: MAX_TIMES,
                                v
                            }),
                        );
                        None
                    }
                    Some(v) => {
                        sink.error(tn.span(), problem!(TimesMustBeAtLeast1 { what, v }));
                        None
                    }
                    None => None,
                }
            }
            None => Some(1),
        };
        let reason = t.text(sink, "reason", true);
        t.finish(sink, &["points", "times", "reason"]);
        if points == Some(Points::ZERO) {
            sink.error(n.span(), problem!(ADeductionSPointsMustBe { what }));
            ok = false;
            continue;
        }
        match (points, times, reason) {
            (Some(points), Some(times), Some(reason)) => out.push(Deduction {
                points,
                times,
                reason,
            }),
            _ => ok = false,
        }
    }
    if ok && let Some(step) = point.step {
        let left = kept_after(point.max, &out);
        if !left.is_multiple_of(step) {
            sink.error(
                node.span(),
                problem!(TheDeductionsLeaveNotAMultiple { what, left, step }),
            );
            return None;
        }
    }
    if out.is_empty() && ok {
        sink.error(
            node.span(),
            problem!(DeductionsIsEmptyGiveTheFull {
                what,
                max: point.max
            }),
        );
        return None;
    }
    ok.then(|| Value::Deductions(out.into_boxed_slice()))
}

fn read_evidence(
    sink: &mut Sink,
    node: &Node<'_>,
    what: &Text,
    root: Option<&Path>,
) -> Vec<String> {
    let DeValue::Array(items) = node.get_ref() else {
        sink.error(node.span(), problem!(EvidenceMustBeAListOf { what }));
        return Vec::new();
    };
    let mut out = Vec::new();
    for n in items.iter() {
        let Some(path) = spanned::text(sink, n, || both!("evidence-of", what = what)) else {
            continue;
        };
        let p = Path::new(&path);
        let escapes = p.is_absolute()
            || p.components()
                .try_fold(0i32, |depth, c| match c {
                    Component::ParentDir if depth == 0 => None,
                    Component::ParentDir => Some(depth - 1),
                    Component::Normal(_) => Some(depth + 1),
                    Component::CurDir => Some(depth),
                    _ => None,
                })
                .is_none();
        let names_nothing = p.components().all(|c| matches!(c, Component::CurDir));
        if escapes || names_nothing || path.contains('\\') && path.contains("..") {
            sink.error(
                n.span(),
                problem!(EvidenceMustBeAPathInside {
                    what,
                    path_dbg: format!("{:?}", path)
                }),
            );
            continue;
        }
        if let Some(root) = root {
            match (root.join(p).canonicalize(), root.canonicalize()) {
                // A symbolic link inside the root may still lead outside it.
                (Ok(target), Ok(root)) if !target.starts_with(&root) => {
                    sink.error(
                        n.span(),
                        problem!(EvidenceLeadsOutsideTheRecordsRoot {
                            what,
                            path_dbg: format!("{:?}", path)
                        }),
                    );
                    continue;
                }
                (Ok(_), _) => {}
                (Err(_), _) => sink.warning(
                    n.span(),
                    problem!(EvidenceDoesNotExist {
                        what,
                        path_dbg: format!("{:?}", path)
                    }),
                ),
            }
        }
        out.push(path);
    }
    out
}
