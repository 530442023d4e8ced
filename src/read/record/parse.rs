//! Reading a record file into a [`Record`]: every key and value checked against the
//! checklist, every problem reported with its position, in one pass.

use std::path::Path;
use std::sync::Arc;

use crate::read::spanned::{Document, TomlValue};

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Text, Word};
use crate::points::Rate;
use crate::read::checklist::{Checklist, Point};
use crate::read::spanned::{self, Node, Sink, TableReader};

use super::bonus::{Kind, read_given};
use super::measures::{missing_measures, read_measures};
use super::rectification::read_tasks;
use super::value::{read_deductions, read_evidence, read_ratings, read_value};
use super::*;

impl Record {
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

const RECORD_KEYS: &[&str] = &[
    "org",
    "branch",
    "period",
    "satisfaction",
    "vetoes",
    "bonus",
    "penalties",
    "self",
    "review",
    "acceptance",
    "measures",
    "rectification",
];

fn read_record(
    sink: &mut Sink,
    tree: &Document<'_>,
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
        .map(|n| read_given(sink, n, checklist, Kind::Bonus, None))
        .unwrap_or_default();
    let penalties = top
        .get("penalties")
        .map(|n| read_given(sink, n, checklist, Kind::Penalty, None))
        .unwrap_or_default();
    let measures = match top.get("measures") {
        Some(n) => read_measures(sink, n, checklist),
        None => vec![None; checklist.measures.len()],
    };
    let mut levels: [Option<Assessment>; 3] = Default::default();
    let mut headers = [0usize; 3];
    for level in Level::ALL {
        if let Some(n) = top.get(level.name()) {
            headers[level.index()] = t_span(n).start;
            levels[level.index()] = read_assessment(sink, n, level, checklist, root);
            check_date_order(sink, n, level, &levels);
        }
    }
    let rectification = top
        .get("rectification")
        .map(|n| read_tasks(sink, n, checklist, root))
        .unwrap_or_default();
    top.finish(sink, RECORD_KEYS);
    let incomplete = if sink.has_errors() {
        Vec::new()
    } else {
        let mut out = incompleteness(sink, headers, &levels, survey.is_some(), checklist);
        out.extend(missing_measures(sink, &measures, checklist));
        out
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
        penalties,
        measures,
        rectification,
    })
}

/// A level may not be dated before a level below it (SPEC §12.1): the error is at the later
/// level's date, naming the nearest lower level that has one.
fn check_date_order(
    sink: &mut Sink,
    node: &Node<'_>,
    level: Level,
    levels: &[Option<Assessment>; 3],
) {
    let Some(date) = levels[level.index()].as_ref().and_then(|a| a.date) else {
        return;
    };
    if let Some((lower, lower_date)) = super::dated_before_lower(levels, level, date) {
        let span = match node.get_ref() {
            TomlValue::Table(t) => t.get("date").map_or(node.span(), |d| d.span()),
            _ => node.span(),
        };
        sink.error(
            span,
            problem!(LevelDatedBeforeLower {
                level: Word(level.name()),
                date: date.to_string(),
                lower: Word(lower.name()),
                lower_date: lower_date.to_string()
            }),
        );
    }
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
    if let TomlValue::Integer(_) = node.get_ref() {
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
            TomlValue::Boolean(true) => triggered.push(id.to_string()),
            TomlValue::Boolean(false) => {}
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

pub(super) fn unknown_id<'a>(
    what: &str,
    id: &str,
    known: impl Iterator<Item = &'a String>,
) -> Text {
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
        // When the level was completed and who signed it (SPEC §12.1): reserved, like the
        // level's own tables below.
        match id {
            "date" => {
                values.date = spanned::date(sink, value, || {
                    both!(
                        "key-in",
                        key = "date",
                        what = both!("level-section", level = level)
                    )
                });
                continue;
            }
            "by" => {
                values.by = spanned::text(sink, value, || {
                    both!(
                        "key-in",
                        key = "by",
                        what = both!("level-section", level = level)
                    )
                });
                continue;
            }
            _ => {}
        }
        // A level's own tables (SPEC §11.10); no point may have these ids.
        if let Some(kind) = Kind::of_key(id) {
            let given = read_given(sink, value, checklist, kind, Some(level));
            let tables = values.tables_mut();
            match kind {
                Kind::Bonus => tables.bonus = Some(given),
                Kind::Penalty => tables.penalties = Some(given),
            }
            continue;
        }
        let Some((position, point)) = checklist.point_at(id) else {
            sink.error(key_span, unknown_point(level, id, value, checklist));
            continue;
        };
        if let Some(measure) = &point.measure {
            sink.error(
                key_span,
                problem!(DerivedFromMeasureInRecord { level, id, measure }),
            );
            continue;
        }
        if point.is_derived() {
            sink.error(key_span, problem!(DerivedPointInRecord { level, id }));
            continue;
        }
        if let Some(entry) = read_entry(sink, value, point, level, root) {
            values.set(position, entry);
        }
    }
    Some(values)
}

/// `1.1 = 3` without quotes is TOML for a table `1` holding `1 = 3`: say so, since that is
/// the likeliest way to get an unknown id.
fn unknown_point(level: Level, id: &str, value: &Node<'_>, checklist: &Checklist) -> Text {
    if let TomlValue::Table(t) = value.get_ref()
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
        TomlValue::Table(table) => {
            let what = lazy_what();
            let mut t = TableReader::new(table, node.span(), what.clone());
            let score = t.get("score");
            let deductions = t.get("deductions");
            let ratings = t.get("ratings");
            let note = t.text(sink, "note", false);
            let evidence = t
                .get("evidence")
                .map(|n| read_evidence(sink, n, &what, root))
                .unwrap_or_default();
            let span = t.span();
            t.finish(
                sink,
                &["score", "deductions", "ratings", "note", "evidence"],
            );
            if let Some(r) = ratings {
                if score.is_some() || deductions.is_some() {
                    sink.error(
                        r.span(),
                        problem!(GiveOnlyOneOfScoreDeductionsRatings { what }),
                    );
                    return None;
                }
                let value = read_ratings(sink, r, point, &what)?;
                return Some(Entry::new(value, note, evidence));
            }
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
