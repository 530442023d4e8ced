//! A point's value in a record: points, a grade, "na", or a table of deductions (with their
//! evidence), checked against the point's max, step and grades. [`point_value`] is shared
//! with `audit import`, which reads the same values from spreadsheet cells.

use std::path::{Component, Path};

use crate::read::spanned::TomlValue;

use crate::i18n::{Text, Word};
use crate::points::Points;
use crate::read::checklist::Point;
use crate::read::spanned::{self, Node, Sink, TableReader};

use super::*;

/// A deduction repeated more often than this is surely a typo.
const MAX_TIMES: i64 = 10_000;

/// A plain value: points, a grade name or "na".
pub(super) fn read_value(
    sink: &mut Sink,
    node: &Node<'_>,
    point: &Point,
    what: &dyn Fn() -> Text,
) -> Option<Value> {
    let raw = match node.get_ref() {
        // In a file, points are numbers: "3" in quotes is most likely a slip, and saying so
        // beats guessing (sheets, where every cell may be text, accept it).
        TomlValue::String(s) if point.grade_index(s).is_none() && Points::parse(s).is_ok() => {
            sink.error(
                node.span(),
                problem!(WritePointsWithoutQuotesNot { what: what(), s }),
            );
            return None;
        }
        TomlValue::String(s) => RawValue::Text(s),
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

/// A sheet cell of several raters' ratings, "3; 2.5; good" (SPEC §11.8), or `None` when the
/// text holds no semicolon (full-width "；" too, as a Chinese keyboard types it). Each rating
/// follows [`point_value`]'s rules; none may be empty or "na".
pub fn ratings_from_text(point: &Point, text: &str) -> Option<Result<Value, Text>> {
    if !text.contains([';', '；']) {
        return None;
    }
    let mut out = Vec::new();
    for (i, part) in text.split([';', '；']).map(str::trim).enumerate() {
        let n = i + 1;
        match point_value(point, RawValue::Text(part)) {
            Ok(Value::NotApplicable) => {
                return Some(Err(problem!(ARatingCannotBeNa {
                    what: both!("rating-n", n = n)
                })));
            }
            Ok(v) => out.push(v),
            Err(problem) => return Some(Err(problem!(RatingNProblem { n, problem }))),
        }
    }
    Some(Ok(Value::Ratings(out.into_boxed_slice())))
}

/// Ratings as a sheet cell shows them: "3; 2.5; good", read back by [`ratings_from_text`].
pub fn ratings_text(point: &Point, ratings: &[Value]) -> String {
    let parts: Vec<String> = ratings
        .iter()
        .map(|r| match r {
            Value::Grade(g) => point.grades[*g].0.clone(),
            other => value_points(point, other).unwrap_or_default().to_string(),
        })
        .collect();
    parts.join("; ")
}

pub(super) fn read_deductions(
    sink: &mut Sink,
    node: &Node<'_>,
    point: &Point,
    what: &Text,
) -> Option<Value> {
    let TomlValue::Array(items) = node.get_ref() else {
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
        let left = kept_after(point, &out);
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

pub(super) fn read_evidence(
    sink: &mut Sink,
    node: &Node<'_>,
    what: &Text,
    root: Option<&Path>,
) -> Vec<String> {
    let TomlValue::Array(items) = node.get_ref() else {
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

/// `ratings = [3, 2.5, "good"]` (SPEC §11.8): each rating a value valid for the point on its
/// own (within its max, a multiple of its step, a known grade); not "na", not empty.
pub(super) fn read_ratings(
    sink: &mut Sink,
    node: &Node<'_>,
    point: &Point,
    what: &Text,
) -> Option<Value> {
    let TomlValue::Array(items) = node.get_ref() else {
        sink.error(
            node.span(),
            problem!(RatingsMustBeAListOf {
                what,
                kind: Word(spanned::kind(node.get_ref()))
            }),
        );
        return None;
    };
    if items.is_empty() {
        sink.error(node.span(), problem!(RatingsIsEmpty { what }));
        return None;
    }
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, n) in items.iter().enumerate() {
        let rating_what = || both!("rating-n-of", n = i + 1, what = what);
        match read_value(sink, n, point, &rating_what) {
            Some(Value::NotApplicable) => {
                sink.error(
                    n.span(),
                    problem!(ARatingCannotBeNa {
                        what: rating_what()
                    }),
                );
                ok = false;
            }
            Some(v) => out.push(v),
            None => ok = false,
        }
    }
    ok.then(|| Value::Ratings(out.into_boxed_slice()))
}
