//! Reading an operation point of the checklist: its max, step, grades or derived bands, each
//! checked where it is written.

use std::ops::Range;

use crate::i18n::Text;
use crate::points::Points;
use crate::read::spanned::{self, Node, Sink, TableReader};

use super::parse::{IdRegistry, list, positive, read_id};
use super::*;

const POINT_KEYS: &[&str] = &[
    "id",
    "title",
    "max",
    "criterion",
    "optional",
    "step",
    "grades",
    "derive",
    "bands",
    "max_deduction",
];

/// Keys a record uses beside point ids, in a level too (SPEC §11.10): no point may be
/// named so.
/// `date` and `by` are a level's own keys (SPEC §12.1).
pub const RESERVED_IDS: &[&str] = &[
    "bonus",
    "penalties",
    "satisfaction",
    "vetoes",
    "measures",
    "date",
    "by",
];

/// Reads a point; `default_step` is the checklist's top-level `step` (SPEC §11.1).
pub(super) fn read_point(
    sink: &mut Sink,
    node: &Node<'_>,
    ids: &mut IdRegistry,
    default_step: Option<Points>,
    unfloored: bool,
) -> Option<Point> {
    let mut t = TableReader::of(sink, node, both!("a-point"))?;
    let id = read_id(sink, &mut t, ids, "point");
    if let (Some(id), Some(n)) = (&id, t.get("id"))
        && RESERVED_IDS.contains(&id.as_str())
    {
        sink.error(n.span(), problem!(ReservedPointId { id }));
    }
    let what = both!("point-id", id = id.as_deref().unwrap_or("?"));
    t.what = what.clone();
    let title = t.text(sink, "title", true);
    let max = positive(sink, &mut t, "max", &what);
    let criterion = t.text(sink, "criterion", false);
    let optional = t.boolean(sink, "optional").unwrap_or(false);
    let step = t.get("step").and_then(|n| {
        let s = spanned::points(sink, n, || both!("step-of", what = what))?;
        if s == Points::ZERO {
            sink.error(n.span(), problem!(StepOfMustBeGreaterThan { what }));
            return None;
        }
        Some(s)
    });
    let own_step = step;
    // SPEC §11.2: deductions take at most `max_deduction`, which lies in (0, max].
    let max_deduction = t.get("max_deduction").and_then(|n| {
        let cap = spanned::points(sink, n, || {
            both!("key-of", key = "max_deduction", what = what)
        })?;
        if cap <= Points::ZERO {
            sink.error(
                n.span(),
                problem!(OfMustBeGreaterThan0 {
                    key: "max_deduction",
                    what
                }),
            );
            return None;
        }
        if let Some(max) = max
            && cap > max
        {
            sink.error(n.span(), problem!(MaxDeductionAboveMax { what, cap, max }));
            return None;
        }
        Some(cap)
    });
    let step = match step {
        Some(s) => Some(s),
        None if t.get("derive").is_none() => default_step,
        None => None,
    };
    let mut grades = Vec::new();
    if let Some(n) = t.get("grades")
        && let Some(mut g) = TableReader::of(sink, n, both!("the-grades-of", what = what))
    {
        for (name, _, value) in g.entries() {
            let Some(p) = spanned::points(sink, value, || {
                both!("grade-of", name_dbg = format!("{:?}", name), what = what)
            }) else {
                continue;
            };
            if let Some(max) = max
                && p > max
            {
                sink.error(
                    value.span(),
                    problem!(GradeOfGivesAboveItsMax {
                        name_dbg: format!("{:?}", name),
                        what,
                        p,
                        max
                    }),
                );
            }
            if name == "na" {
                sink.error(value.span(), problem!(NaCannotBeAGradeName { what }));
            }
            grades.push((name.to_string(), p));
        }
        if grades.is_empty() {
            sink.error(n.span(), problem!(GradesIsEmpty { what }));
        }
    }
    grades.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    if let (Some(step), Some(max)) = (step, max)
        && !max.is_multiple_of(step)
    {
        sink.error(t.span(), problem!(ItsMaxIsNotAMultiple { what, max, step }));
    }
    if let Some(step) = step {
        for (name, p) in &grades {
            if !p.is_multiple_of(step) {
                sink.error(
                    t.span(),
                    problem!(GradeGivesNotAMultipleOf {
                        what,
                        name_dbg: format!("{:?}", name),
                        p,
                        step
                    }),
                );
            }
        }
    }
    let mut measure = None;
    let derive = t.get("derive").and_then(|n| {
        let kind = spanned::text(sink, n, || both!("derive-of", what = what))?;
        if kind != "satisfaction" {
            if ids.measures.contains(&kind) {
                measure = Some(kind);
                return Some(n.span());
            }
            sink.error(n.span(), unknown_derive(&what, &kind, &ids.measures));
            return None;
        }
        Some(n.span())
    });
    let bands_node = t.get("bands");
    let derive = match (derive, bands_node) {
        (Some(span), Some(b)) => Some(read_derive_bands(sink, b, max, &what, span)),
        (Some(span), None) => {
            sink.error(span, problem!(IsDerivedButHasNoBands { what }));
            None
        }
        (None, Some(b)) => {
            sink.error(b.span(), problem!(HasBandsButNoDeriveSatisfaction { what }));
            None
        }
        (None, None) => None,
    };
    if derive.is_some()
        && (optional || !grades.is_empty() || own_step.is_some() || max_deduction.is_some())
    {
        match &measure {
            Some(measure) => {
                sink.error(t.span(), problem!(IsDerivedFromMeasureIt { what, measure }))
            }
            None => sink.error(t.span(), problem!(IsDerivedFromTheSurveyIt { what })),
        }
    }
    t.finish(sink, POINT_KEYS);
    Some(Point {
        id: id?,
        title: title?,
        max: max?,
        criterion,
        optional,
        step,
        grades,
        derive,
        max_deduction,
        unfloored,
        measure,
    })
}

/// `derive` names neither the survey nor a measure: with no measures, the message of v1;
/// else the measures, and the nearest one when it looks like a typo.
fn unknown_derive(what: &Text, kind: &str, measures: &[String]) -> Text {
    let kind_dbg = format!("{kind:?}");
    if measures.is_empty() {
        return problem!(DeriveOfMustBeSatisfactionNot { what, kind_dbg });
    }
    let known: Vec<&str> = measures.iter().map(String::as_str).collect();
    match spanned::nearest(kind, &known) {
        Some(near) => problem!(DeriveOfNamesNoMeasureDidYouMean {
            what,
            kind_dbg,
            near
        }),
        None => problem!(DeriveOfNamesNoMeasure {
            what,
            kind_dbg,
            known: known.join(", ")
        }),
    }
}

/// The bands of a point derived from the satisfaction rate (`derive = "satisfaction"`).
fn read_derive_bands(
    sink: &mut Sink,
    node: &Node<'_>,
    max: Option<Points>,
    what: &Text,
    _derive_span: Range<usize>,
) -> Vec<DeriveBand> {
    let mut bands: Vec<DeriveBand> = Vec::new();
    for n in list(sink, Some(node), &both!("the-bands-of", what = what)) {
        let Some(mut t) = TableReader::of(sink, n, both!("a-band-of", what = what)) else {
            continue;
        };
        let min = t.required(sink, "min").and_then(|m| {
            spanned::rate(sink, m, || both!("min-of-a-band-of", what = what)).map(|r| (r, m.span()))
        });
        let points = t.points(sink, "points", true);
        t.finish(sink, &["min", "points"]);
        let (Some((min, min_span)), Some(points)) = (min, points) else {
            continue;
        };
        if let Some(max) = max
            && points > max
        {
            sink.error(
                n.span(),
                problem!(ABandOfGivesAboveIts { what, points, max }),
            );
        }
        if let Some(prev) = bands.last()
            && min >= prev.min
        {
            sink.error(
                min_span,
                problem!(TheBandsOfMustHaveDescending {
                    what,
                    min: min.percent(),
                    prev: prev.min.percent()
                }),
            );
        }
        bands.push(DeriveBand { min, points });
    }
    if bands.is_empty() {
        sink.error(node.span(), problem!(BandsIsEmptySoThePoint { what }));
    }
    bands
}
