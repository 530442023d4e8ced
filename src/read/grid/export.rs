//! Records → sheet rows in the layout of [`super::columns`], for `audit export-sheet`; the
//! caller writes them as CSV or xlsx.

use crate::points::Points;
use crate::read::checklist::{Bonus, Checklist};
use crate::read::record::{Level, Record, Value};

use super::SheetMeasure;
use crate::read::record::{ratings_text, value_points};

/// One exported row per level present, in the layout of [`columns`](super::columns). A point scored by
/// deductions appears as its resulting score.
///
/// With `signed` (see [`is_signed`]), each row has its level's date and signature after the
/// level.
pub fn export_rows(
    checklist: &Checklist,
    records: &[&Record],
    signed: bool,
) -> Vec<Vec<ExportCell>> {
    let mut rows = Vec::new();
    for r in records {
        for level in Level::ALL {
            let Some(a) = r.level(level) else { continue };
            let mut row = vec![
                ExportCell::Text(r.org.clone()),
                ExportCell::Text(r.branch.clone()),
                ExportCell::Text(r.period.clone()),
                ExportCell::Text(level.name().into()),
            ];
            if signed {
                row.push(
                    a.date
                        .map_or(ExportCell::Empty, |d| ExportCell::Text(d.to_string())),
                );
                row.push(a.by.clone().map_or(ExportCell::Empty, ExportCell::Text));
            }
            for (n, point) in checklist.points().enumerate() {
                if point.is_derived() {
                    continue;
                }
                row.push(match a.get(n).map(|e| &e.value) {
                    None => ExportCell::Empty,
                    Some(Value::Grade(g)) => ExportCell::Text(point.grades[*g].0.clone()),
                    Some(Value::Ratings(list)) => ExportCell::Text(ratings_text(point, list)),
                    Some(v) => value_points(point, v)
                        .map_or(ExportCell::Text("na".into()), ExportCell::Points),
                });
            }
            match r.survey.map(|s| (s.counts, s.rate)) {
                Some((Some((satisfied, surveyed)), _)) => {
                    row.push(ExportCell::Count(surveyed));
                    row.push(ExportCell::Count(satisfied));
                    row.push(ExportCell::Empty);
                }
                Some((None, rate)) => {
                    row.push(ExportCell::Empty);
                    row.push(ExportCell::Empty);
                    row.push(ExportCell::Text(rate.exact_text()));
                }
                None => row.extend([ExportCell::Empty, ExportCell::Empty, ExportCell::Empty]),
            }
            for (i, _) in checklist.measures.iter().enumerate() {
                row.push(
                    r.measures
                        .get(i)
                        .copied()
                        .flatten()
                        .map_or(ExportCell::Empty, |m| {
                            ExportCell::Text(SheetMeasure::of(&m).cell())
                        }),
                );
            }
            for v in &checklist.vetoes {
                row.push(if r.vetoes.contains(&v.id) {
                    ExportCell::Text("true".into())
                } else {
                    ExportCell::Empty
                });
            }
            // The record's tables as written (points, or counts); a level's own tables
            // (SPEC §11.10) have no place in this layout.
            let given = |defs: &[Bonus], table: &[(String, Points)]| {
                defs.iter()
                    .map(|b| {
                        table
                            .iter()
                            .find(|(id, _)| *id == b.id)
                            .map_or(ExportCell::Empty, |(_, p)| ExportCell::Points(*p))
                    })
                    .collect::<Vec<_>>()
            };
            row.extend(given(&checklist.bonus, &r.bonus));
            row.extend(given(&checklist.penalties, &r.penalties));
            rows.push(row);
        }
    }
    rows
}

/// Whether any level of `records` has a date or a signature: the sheet then has the
/// `date` and `by` columns.
pub fn is_signed(records: &[&Record]) -> bool {
    records.iter().any(|r| {
        Level::ALL
            .into_iter()
            .filter_map(|l| r.level(l))
            .any(|a| a.date.is_some() || a.by.is_some())
    })
}

/// A cell of an exported sheet.
#[derive(Clone, Debug)]
pub enum ExportCell {
    Empty,
    Text(String),
    Points(Points),
    Count(u64),
}

impl ExportCell {
    /// As written in CSV: numbers in their shortest form ("2.5", "3").
    pub fn csv(&self) -> String {
        match self {
            ExportCell::Empty => String::new(),
            ExportCell::Text(s) => s.clone(),
            ExportCell::Points(p) => p.to_string(),
            ExportCell::Count(n) => n.to_string(),
        }
    }
}
