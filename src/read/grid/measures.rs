//! Measures in the office sheet (SPEC §11.7): one column per measure of the checklist, right
//! of the survey columns, holding counts ("18/24": count of) or a rate ("75%", 0.75).

use std::collections::BTreeMap;

use crate::i18n::Text;
use crate::points::Rate;
use crate::read::checklist::Checklist;
use crate::read::record::Measured;

use super::row::RowCells;

/// A measure as a sheet cell gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetMeasure {
    /// `count/of`.
    Counts { count: u64, of: u64 },
    /// The rate as written.
    Rate(String),
}

impl SheetMeasure {
    /// Whether a record's measure says the same.
    pub fn same_as(&self, m: &Measured) -> bool {
        match self {
            SheetMeasure::Counts { count, of } => m.counts == Some((*count, *of)),
            SheetMeasure::Rate(text) => {
                m.counts.is_none() && Rate::parse(text).is_ok_and(|r| r == m.rate)
            }
        }
    }

    /// As a cell shows it: "18/24" or the rate.
    pub fn cell(&self) -> String {
        match self {
            SheetMeasure::Counts { count, of } => format!("{count}/{of}"),
            SheetMeasure::Rate(text) => text.clone(),
        }
    }

    /// A record's measure as a sheet gives it.
    pub fn of(m: &Measured) -> SheetMeasure {
        match m.counts {
            Some((count, of)) => SheetMeasure::Counts { count, of },
            None => SheetMeasure::Rate(m.rate.exact_text()),
        }
    }
}

/// The measure cells that are filled in: id → measure.
pub(super) fn read_measures(
    checklist: &Checklist,
    cells: &mut RowCells<'_>,
) -> BTreeMap<String, SheetMeasure> {
    let mut out = BTreeMap::new();
    for m in &checklist.measures {
        let (c, text) = cells.text(&m.id);
        if text.is_empty() {
            continue;
        }
        match measure_cell(&m.id, &text) {
            Ok(v) => {
                out.insert(m.id.clone(), v);
            }
            Err(message) => cells.bad(c, message),
        }
    }
    out
}

/// A filled-in measure cell: "count/of" (whole numbers, of ≥ 1, count ≤ of) or a rate.
pub(super) fn measure_cell(id: &str, text: &str) -> Result<SheetMeasure, Text> {
    let Some((count, of)) = text.split_once('/') else {
        return match Rate::parse(text) {
            Ok(_) => Ok(SheetMeasure::Rate(text.to_string())),
            Err(e) => Err(both!(
                "measure-id-value-problem",
                id = id,
                value = format!("{text:?}"),
                problem = e.text()
            )),
        };
    };
    let (Ok(count), Ok(of)) = (count.trim().parse::<u64>(), of.trim().parse::<u64>()) else {
        return Err(both!(
            "measure-cell-is-not-counts",
            id = id,
            value = format!("{text:?}")
        ));
    };
    if of < 1 {
        return Err(problem!(MeasureOfMustBeAtLeast1 { id, of }));
    }
    if count > of {
        return Err(problem!(MeasureCountExceedsOf { id, count, of }));
    }
    Ok(SheetMeasure::Counts { count, of })
}
