//! A record's `[measures]` (SPEC §11.7): each measure of the checklist as counts
//! (`M1 = { of = 40, count = 13 }`) or a rate (`"32.5%"`, `0.325`), and the warning that a
//! measure a point derives from is missing.

use crate::read::spanned::TomlValue;

use crate::diagnostic::{Diagnostic, Severity};
use crate::points::Rate;
use crate::read::checklist::Checklist;
use crate::read::spanned::{self, Node, Sink, TableReader};

use super::Measured;

/// The record's measures, indexed like the checklist's; an id the checklist does not define
/// is an unknown key, with the nearest id suggested.
pub(super) fn read_measures(
    sink: &mut Sink,
    node: &Node<'_>,
    checklist: &Checklist,
) -> Vec<Option<Measured>> {
    let Some(mut t) = TableReader::of(sink, node, "[measures]") else {
        return vec![None; checklist.measures.len()];
    };
    let out = checklist
        .measures
        .iter()
        .map(|m| t.get(&m.id).and_then(|n| read_measure(sink, n, &m.id)))
        .collect();
    let known: Vec<&str> = checklist.measures.iter().map(|m| m.id.as_str()).collect();
    t.finish(sink, &known);
    out
}

fn read_measure(sink: &mut Sink, node: &Node<'_>, id: &str) -> Option<Measured> {
    let what = || both!("measure-id", id = id);
    if !matches!(node.get_ref(), TomlValue::Table(_)) {
        return spanned::rate(sink, node, what).map(|rate| Measured { rate, counts: None });
    }
    let mut t = TableReader::of(sink, node, what())?;
    let of = t
        .required(sink, "of")
        .map(|n| (n, t_integer(sink, n, id, "of")));
    let count = t
        .required(sink, "count")
        .map(|n| (n, t_integer(sink, n, id, "count")));
    t.finish(sink, &["of", "count"]);
    let ((of_node, of), (count_node, count)) = (of?, count?);
    let (of, count) = (of?, count?);
    if of < 1 {
        sink.error(of_node.span(), problem!(MeasureOfMustBeAtLeast1 { id, of }));
        return None;
    }
    if count < 0 {
        sink.error(
            count_node.span(),
            problem!(MeasureCountMustNotBeNegative { id, count }),
        );
        return None;
    }
    if count > of {
        sink.error(
            count_node.span(),
            problem!(MeasureCountExceedsOf { id, count, of }),
        );
        return None;
    }
    let (count, of) = (count as u64, of as u64);
    Some(Measured {
        rate: Rate::ratio(count, of),
        counts: Some((count, of)),
    })
}

fn t_integer(sink: &mut Sink, node: &Node<'_>, id: &str, key: &str) -> Option<i64> {
    spanned::integer(sink, node, || {
        both!("key-in", key = key, what = both!("measure-id", id = id))
    })
}

/// A warning for each measure that a point derives from and the record does not give: the
/// record is incomplete until it does.
pub(super) fn missing_measures(
    sink: &Sink,
    measures: &[Option<Measured>],
    checklist: &Checklist,
) -> Vec<Diagnostic> {
    checklist
        .measures
        .iter()
        .zip(measures)
        .filter(|(_, given)| given.is_none())
        .filter_map(|(m, _)| {
            let points: Vec<&str> = checklist
                .points()
                .filter(|p| p.measure.as_deref() == Some(m.id.as_str()))
                .map(|p| p.id.as_str())
                .collect();
            (!points.is_empty()).then(|| {
                sink.file
                    .diagnostic(Severity::Warning, 0..0, String::new())
                    .with_text(problem!(RecordHasNoMeasure {
                        id: m.id,
                        points: points.join(", ")
                    }))
            })
        })
        .collect()
}
