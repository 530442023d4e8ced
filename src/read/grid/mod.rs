//! The office spreadsheet: one row per (org, branch, period, level), one column per point id,
//! plus optional survey, measure, veto, bonus and penalty columns. `audit import` turns such a sheet (CSV or
//! xlsx) into record files; `audit export-sheet` writes records in the same layout, so a sheet
//! survives the trip through records unchanged; what import writes into a record file is
//! authoring's ([`crate::author::apply`]).
//!
//! The sheet holds values, not deductions or notes: a point scored by deductions is exported
//! as its resulting score ([`crate::score::value_points`]). Records keep the detail.
//!
//! - `parse.rs` (with `row.rs`): cells in, [`SheetRecord`]s out, or every bad cell as a
//!   [`Diagnostic`] at `file:row:column`;
//! - `export.rs`: records in, sheet rows out.
//!
//! Pure: no file is read or written here and nothing is printed; reading the sheet and
//! writing records is the caller's (`cmd`). No global is read: every problem is a [`Text`]
//! (English in JSON, the interface language for people, rendered at the edge).

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Text;
use crate::points::{Points, Rate};
use crate::read::checklist::Checklist;
use crate::read::record::{Level, Value};

mod export;
mod measures;
mod parse;
mod row;

pub use export::{ExportCell, export_rows, is_signed};
pub use measures::SheetMeasure;
pub use parse::parse_grid;

/// A cell below 0 on a point of an item with `floor = "item"` (SPEC §11.3), as export-sheet
/// writes a point that deductions took below 0. Only deductions give such a score, and a sheet
/// holds none: the cell is read as one deduction taking the point to that figure, with no
/// reason ([`below_zero_figure`]), so import keeps the file's value when it scores the same and
/// refuses the cell otherwise ([`crate::author::apply`]).
pub fn below_zero(point: &crate::read::checklist::Point, score: Points) -> Value {
    Value::Deductions(Box::new([crate::read::record::Deduction {
        points: point.max - score,
        times: 1,
        reason: String::new(),
    }]))
}

/// The figure of a cell below 0 read by [`below_zero`], or `None` for any other value (a
/// record's deductions always have a reason).
pub fn below_zero_figure(point: &crate::read::checklist::Point, value: &Value) -> Option<Points> {
    match value {
        Value::Deductions(list) if list.len() == 1 && list[0].reason.is_empty() => {
            Some(point.max - list[0].points)
        }
        _ => None,
    }
}

/// The fixed leading columns.
pub const KEY_COLUMNS: [&str; 4] = ["org", "branch", "period", "level"];
/// A level's date and signature (SPEC §12.1): optional, after the key columns.
pub const SIGNATURE_COLUMNS: [&str; 2] = ["date", "by"];
/// The survey columns (counts, or the rate).
pub const SURVEY_COLUMNS: [&str; 3] = ["surveyed", "satisfied", "rate"];

/// Every column of the layout, in order: what a sheet may have.
pub fn columns(checklist: &Checklist) -> Vec<String> {
    export_columns(checklist, true)
}

/// The columns export-sheet writes: the date and signature columns only when `signed` (some
/// level exported has either), so that a sheet of undated records stays as it was.
pub fn export_columns(checklist: &Checklist, signed: bool) -> Vec<String> {
    let mut out: Vec<String> = KEY_COLUMNS.iter().map(|s| s.to_string()).collect();
    if signed {
        out.extend(SIGNATURE_COLUMNS.iter().map(|s| s.to_string()));
    }
    out.extend(
        checklist
            .points()
            .filter(|p| !p.is_derived())
            .map(|p| p.id.clone()),
    );
    out.extend(SURVEY_COLUMNS.iter().map(|s| s.to_string()));
    out.extend(checklist.measures.iter().map(|m| m.id.clone()));
    out.extend(checklist.vetoes.iter().map(|v| v.id.clone()));
    out.extend(checklist.bonus.iter().map(|b| b.id.clone()));
    out.extend(checklist.penalties.iter().map(|b| b.id.clone()));
    out
}

/// A cell's content, as read from CSV or xlsx.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    Empty,
    Text(String),
    /// A number cell (xlsx); its shortest decimal form is used.
    Number(f64),
    /// A date or time cell (xlsx): never a valid value here, reported as such.
    Date(String),
}

impl Grid {
    /// The text of each data row's `period` cell, when the header has that column: what
    /// chooses the checklist of a sheet among several versions (SPEC §11.11).
    pub fn periods(&self) -> Vec<String> {
        let Some((header, rows)) = self.rows.split_first() else {
            return Vec::new();
        };
        let Some(at) = header.cells.iter().position(|c| c.text() == "period") else {
            return Vec::new();
        };
        let mut out: Vec<String> = rows
            .iter()
            .filter_map(|r| r.cells.get(at).map(CellValue::text))
            .filter(|p| !p.is_empty())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

impl CellValue {
    fn text(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(s) | CellValue::Date(s) => s.trim().to_string(),
            CellValue::Number(f) => format!("{f}"),
        }
    }
}

/// A sheet as read.
pub struct Grid {
    /// The file name used in diagnostics.
    pub name: String,
    /// The rows that hold anything, with their 1-based row numbers in the sheet; the first
    /// is the header.
    pub rows: Vec<GridRow>,
    /// The 0-based sheet column of the first cell of each row (an xlsx range may start
    /// right of column A).
    pub first_column: usize,
    /// Problems found while reading cells (a formula without a saved result), reported
    /// with the sheet's other problems.
    pub problems: Vec<Diagnostic>,
}

pub struct GridRow {
    /// 1-based, as the spreadsheet numbers it.
    pub number: usize,
    pub cells: Vec<CellValue>,
}

/// "A", "B", …, "Z", "AA": how a spreadsheet names column `index` (0-based).
pub fn column_letter(index: usize) -> String {
    let mut n = index.saturating_add(1);
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// One record's content from the sheet.
#[derive(Clone, Debug, Default)]
pub struct SheetRecord {
    pub org: String,
    pub branch: String,
    pub period: String,
    /// Values per level, by point id in checklist order (empty cells left out).
    pub levels: BTreeMap<Level, Vec<(String, Value)>>,
    /// The sheet row of each level.
    pub level_rows: BTreeMap<Level, usize>,
    /// Each level's date and signature, where the sheet gives either (SPEC §12.1).
    pub signatures: BTreeMap<Level, Signature>,
    pub survey: Option<SheetSurvey>,
    /// Veto cells that were filled in: id → triggered.
    pub vetoes: BTreeMap<String, bool>,
    /// Bonus cells that were filled in: id → points.
    pub bonus: BTreeMap<String, Points>,
    /// The first sheet row of this record, for messages.
    pub row: usize,
    /// Penalty cells that were filled in: id → points, or a count (SPEC §11.5).
    pub penalties: BTreeMap<String, Points>,
    /// Measure cells that were filled in: id → measure (SPEC §11.7).
    pub measures: BTreeMap<String, SheetMeasure>,
}

/// A level's `date` and `by` as a sheet row gives them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signature {
    pub date: Option<chrono::NaiveDate>,
    pub by: Option<String>,
}

/// A date cell's day: `2025-03-01` as text, a spreadsheet's date cell (its ISO text, or the
/// day number Excel counts from 1899-12-30), with no time of day.
pub fn sheet_date(cell: &CellValue) -> Option<chrono::NaiveDate> {
    let text = match cell {
        CellValue::Text(s) | CellValue::Date(s) => s.trim(),
        _ => return None,
    };
    // Cut after the 10 bytes of `YYYY-MM-DD`, never inside a character (`2024年11月3日`).
    let cut = (0..=text.len().min(10))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let (day, time) = text.split_at(cut);
    if matches!(time, "" | "T00:00:00" | " 00:00:00")
        && let Ok(d) = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
    {
        return Some(d);
    }
    // A date cell written as its serial number: whole days only.
    if let CellValue::Date(s) = cell
        && let Ok(n) = s.trim().parse::<i64>()
    {
        return chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?
            .checked_add_signed(chrono::TimeDelta::try_days(n)?);
    }
    None
}

#[derive(Clone, Debug, PartialEq)]
pub enum SheetSurvey {
    Counts { surveyed: u64, satisfied: u64 },
    Rate(String),
}

impl SheetSurvey {
    /// Whether a record's survey says the same.
    pub fn same_as(&self, survey: &crate::read::record::Survey) -> bool {
        match self {
            SheetSurvey::Counts {
                surveyed,
                satisfied,
            } => survey.counts == Some((*satisfied, *surveyed)),
            SheetSurvey::Rate(text) => {
                survey.counts.is_none() && Rate::parse(text).is_ok_and(|r| r == survey.rate)
            }
        }
    }
}

/// A bad cell at `row` (1-based) and `col` (0-based) of the sheet `name`.
pub fn cell_problem(name: &str, row: usize, col: usize, message: Text) -> Diagnostic {
    let mut problems = Vec::new();
    problem(&mut problems, name, row, col, message);
    problems.remove(0)
}

/// Records a bad cell at `row` (1-based) and `col` (0-based) of the sheet `name`.
fn problem(problems: &mut Vec<Diagnostic>, name: &str, row: usize, col: usize, message: Text) {
    let mut d =
        Diagnostic::file_level(Severity::Error, name.to_string(), String::new()).with_text(message);
    d.line = row;
    d.column = col.saturating_add(1);
    problems.push(d);
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod measures_tests;
#[cfg(test)]
mod ratings_tests;
