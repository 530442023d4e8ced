//! Points derived from a record's measures (SPEC §11.7): the band a measure's rate reaches,
//! and the measures whose absence makes a record incomplete.

use super::How;
use crate::points::Points;
use crate::read::checklist::{Checklist, Point};
use crate::read::record::Record;

/// A point derived from a measure: the first band its rate reaches (SPEC §11.7); 0 without it.
pub(super) fn measured<'r>(
    checklist: &Checklist,
    point: &'r Point,
    id: &'r str,
    record: &'r Record,
) -> (Points, How<'r>) {
    let given = checklist
        .measure_position(id)
        .and_then(|i| record.measures.get(i)?.as_ref());
    let Some(m) = given else {
        return (Points::ZERO, How::MeasureMissing(id));
    };
    let bands = point.derive.as_deref().unwrap_or_default();
    let band = bands.iter().find(|b| m.rate >= b.min);
    let score = band.map_or(Points::ZERO, |b| b.points);
    (score, How::Measured { given: m, band })
}

/// The measures that some point derives from and the record does not give, in checklist
/// order: each makes the record incomplete.
pub(super) fn missing_measures<'c>(checklist: &'c Checklist, record: &Record) -> Vec<&'c str> {
    checklist
        .measures
        .iter()
        .enumerate()
        .filter(|(i, _)| record.measures.get(*i).copied().flatten().is_none())
        .filter(|(_, m)| {
            checklist
                .points()
                .any(|p| p.measure.as_deref() == Some(m.id.as_str()))
        })
        .map(|(_, m)| m.id.as_str())
        .collect()
}
