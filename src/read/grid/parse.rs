//! Reading a sheet as a person reads it: the header row names the columns; each row below
//! gives one level of one record (its cells are read in [`super::row`]); rows of the same
//! record are gathered into one [`SheetRecord`]. Every bad cell is a diagnostic, and every
//! problem of the sheet is reported in one pass.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::i18n::{Text, Word};
use crate::read::checklist::Checklist;

use super::row::{RowCells, RowRead, read_row};
use super::{Grid, GridRow, KEY_COLUMNS, SheetRecord, column_letter, columns, problem};

/// Reads and validates a grid. Every bad cell becomes a diagnostic at `file:row:column`
/// naming the cell (E7) and its value; records come back only when there are none.
pub fn parse_grid(checklist: &Checklist, grid: &Grid) -> Result<Vec<SheetRecord>, Vec<Diagnostic>> {
    let mut problems = grid.problems.clone();
    let Some(header) = grid.rows.first() else {
        problem(
            &mut problems,
            &grid.name,
            1,
            0,
            both!("the-sheet-is-empty-it-needs"),
        );
        return Err(problems);
    };
    // Without its identity columns no row can be read: the header's problems are all there is.
    let Some(columns) = read_header(checklist, grid, header, &mut problems) else {
        return Err(problems);
    };
    let mut records = BTreeMap::new();
    for row in grid.rows.iter().skip(1) {
        let mut cells = RowCells {
            grid,
            columns: &columns,
            row,
            problems: &mut problems,
        };
        cells.check_stray_cells();
        let read = read_row(checklist, &mut cells);
        gather(&mut records, read, &mut cells);
    }
    if problems.is_empty() {
        Ok(records.into_values().collect())
    } else {
        problems.sort();
        Err(problems)
    }
}

/// What the header row says: where each known column is.
pub(super) struct Columns {
    /// The 0-based position in the row of each known column.
    pub(super) index: BTreeMap<String, usize>,
    /// Positions whose header cell is empty: a value below one has no meaning.
    pub(super) unnamed: Vec<usize>,
    /// How many cells the header row has: a value right of them has no meaning.
    pub(super) width: usize,
}

/// Header row → columns. Reports unknown and repeated names, a lone survey count column, and
/// missing identity columns; comes back `None` when an identity column is missing.
fn read_header(
    checklist: &Checklist,
    grid: &Grid,
    header: &GridRow,
    problems: &mut Vec<Diagnostic>,
) -> Option<Columns> {
    let col0 = grid.first_column;
    let hr = header.number;
    let known = columns(checklist);
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut unnamed = Vec::new();
    for (c, cell) in header.cells.iter().enumerate() {
        let name = cell.text();
        let name = name.trim_start_matches('\u{feff}');
        let at = format!("{}{hr}", column_letter(col0 + c));
        if name.is_empty() {
            unnamed.push(c);
        } else if !known.iter().any(|k| k == name) {
            let message = unknown_column(checklist, &at, name);
            problem(problems, &grid.name, hr, col0 + c, message);
        } else if index.insert(name.to_string(), c).is_some() {
            problem(
                problems,
                &grid.name,
                hr,
                col0 + c,
                both!("column-appears-twice", at = at, name = format!("{name:?}")),
            );
        }
    }
    let missing: Vec<&str> = KEY_COLUMNS
        .into_iter()
        .filter(|k| !index.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        problem(
            problems,
            &grid.name,
            hr,
            col0,
            both!("the-sheet-lacks-the-column-s", names = missing.join(", ")),
        );
        return None;
    }
    for (has, lacks) in [("surveyed", "satisfied"), ("satisfied", "surveyed")] {
        if index.contains_key(has) && !index.contains_key(lacks) {
            problem(
                problems,
                &grid.name,
                hr,
                col0 + index[has],
                both!("the-sheet-has-a-column-but", has = has, lacks = lacks),
            );
        }
    }
    Some(Columns {
        index,
        unnamed,
        width: header.cells.len(),
    })
}

/// Why a header name is not a column of the layout, at cell `at` ("F1").
fn unknown_column(checklist: &Checklist, at: &str, name: &str) -> Text {
    if checklist.point(name).is_some_and(|p| p.is_derived()) {
        both!("derived-point-in-sheet", at = at, name = name)
    } else if name.contains([';', '\t']) {
        both!(
            "one-column-named-is-the-file",
            at = at,
            name = format!("{name:?}")
        )
    } else {
        both!(
            "unknown-column-not-a-point-veto",
            at = at,
            name = format!("{name:?}")
        )
    }
}

/// The sheet's records so far, by (org, branch, period).
type Records = BTreeMap<(String, String, String), SheetRecord>;

/// Adds a row to its record: one row per level, and the survey, veto, bonus and penalty cells of a
/// record's rows agreeing. A row without a level or a full identity adds nothing (its cells
/// are reported already).
fn gather(records: &mut Records, read: RowRead, cells: &mut RowCells<'_>) {
    let (Some(level), [org, branch, period]) = (read.level, &read.identity) else {
        return;
    };
    if org.is_empty() || branch.is_empty() || period.is_empty() {
        return;
    }
    let n = cells.row.number;
    let entry = records
        .entry((org.clone(), branch.clone(), period.clone()))
        .or_insert_with(|| SheetRecord {
            org: org.clone(),
            branch: branch.clone(),
            period: period.clone(),
            row: n,
            ..SheetRecord::default()
        });
    if let Some(first) = entry.level_rows.get(&level) {
        cells.bad(
            read.level_column,
            both!(
                "has-a-second-row-the-first",
                org = org,
                branch = branch,
                period = period,
                level = Word(level.name()),
                first = first
            ),
        );
        return;
    }
    if read.signature != super::Signature::default() {
        entry.signatures.insert(level, read.signature.clone());
    }
    // Survey, veto and bonus cells belong to the record: a blank cell in one of its rows
    // means "as in the other rows"; two different values are a conflict.
    let first_row = entry.row;
    match (&entry.survey, read.survey) {
        (Some(a), Some(b)) if *a != b => {
            // Pointed at the surveyed column, or the rate column where there is none. The
            // cell is read again for its column, so a date cell there is reported twice, as
            // it always was (no behaviour change in this redesign).
            let (c, _) = cells.text("surveyed");
            let c = if c == usize::MAX {
                cells.text("rate").0
            } else {
                c
            };
            cells.bad(
                c,
                both!("the-survey-differs-from-row-of", first_row = first_row),
            );
        }
        (None, Some(b)) => entry.survey = Some(b),
        _ => {}
    }
    for (id, t) in read.vetoes {
        match entry.vetoes.get(&id) {
            Some(prev) if *prev != t => {
                let c = cells.columns.index.get(&id).copied().unwrap_or(0);
                cells.bad(
                    c,
                    both!(
                        "veto-differs-from-row-of-the",
                        id = id,
                        first_row = first_row
                    ),
                );
            }
            _ => {
                entry.vetoes.insert(id, t);
            }
        }
    }
    for (id, p) in read.bonus {
        match entry.bonus.get(&id) {
            Some(prev) if *prev != p => {
                let c = cells.columns.index.get(&id).copied().unwrap_or(0);
                cells.bad(
                    c,
                    both!(
                        "bonus-differs-from-row-of-the",
                        id = id,
                        first_row = first_row
                    ),
                );
            }
            _ => {
                entry.bonus.insert(id, p);
            }
        }
    }
    for (id, p) in read.penalties {
        match entry.penalties.get(&id) {
            Some(prev) if *prev != p => {
                let c = cells.columns.index.get(&id).copied().unwrap_or(0);
                cells.bad(
                    c,
                    both!(
                        "penalty-differs-from-row-of-the",
                        id = id,
                        first_row = first_row
                    ),
                );
            }
            _ => {
                entry.penalties.insert(id, p);
            }
        }
    }
    for (id, m) in read.measures {
        match entry.measures.get(&id) {
            Some(prev) if *prev != m => {
                let c = cells.columns.index.get(&id).copied().unwrap_or(0);
                cells.bad(
                    c,
                    both!(
                        "measure-differs-from-row-of-the",
                        id = id,
                        first_row = first_row
                    ),
                );
            }
            _ => {
                entry.measures.insert(id, m);
            }
        }
    }
    entry.level_rows.insert(level, n);
    entry.levels.insert(level, read.values);
}
