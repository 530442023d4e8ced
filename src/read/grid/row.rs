//! One row below the header → the values its cells give (identity, level, point values,
//! survey, vetoes, bonuses), each bad cell reported where it is.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::i18n::{Text, Word};
use crate::points::{Points, Rate};
use crate::read::checklist::{Bonus, Checklist, Point};
use crate::read::record::{Level, RawValue, Value, point_value, ratings_from_text};

use super::parse::Columns;
use super::{CellValue, Grid, GridRow, SheetSurvey, column_letter, problem};

/// The cells of one row below the header, read by column name, with the sheet's problems.
pub(super) struct RowCells<'a> {
    pub(super) grid: &'a Grid,
    pub(super) columns: &'a Columns,
    pub(super) row: &'a GridRow,
    pub(super) problems: &'a mut Vec<Diagnostic>,
}

impl RowCells<'_> {
    /// Reports the cell at position `c` of this row: "C5: {message}".
    pub(super) fn bad(&mut self, c: usize, message: Text) {
        let (n, col0) = (self.row.number, self.grid.first_column);
        let cell = format!("{}{n}", column_letter(col0 + c));
        problem(
            self.problems,
            &self.grid.name,
            n,
            col0 + c,
            both!("cell-message", cell = cell, message = message),
        );
    }

    /// The named column's position and its cell's text; a missing column reads as empty at
    /// position `usize::MAX`. A date cell is reported and reads as empty.
    pub(super) fn text(&mut self, name: &str) -> (usize, String) {
        let Some(&c) = self.columns.index.get(name) else {
            return (usize::MAX, String::new());
        };
        match self.row.cells.get(c) {
            Some(CellValue::Date(d)) => {
                let message = both!(
                    "is-a-date-cell-format-the",
                    name = name,
                    value = format!("{d:?}")
                );
                self.bad(c, message);
                (c, String::new())
            }
            Some(v) => (c, v.text()),
            None => (c, String::new()),
        }
    }

    /// Values where the header names no column: below an empty header cell, or (the first
    /// one) right of the header's last cell.
    pub(super) fn check_stray_cells(&mut self) {
        let row = self.row;
        for &c in &self.columns.unnamed {
            if let Some(cell) = row.cells.get(c).filter(|v| !v.text().is_empty()) {
                self.bad(
                    c,
                    both!(
                        "is-in-a-column-without-a",
                        value = format!("{:?}", cell.text())
                    ),
                );
            }
        }
        let beyond = row
            .cells
            .iter()
            .enumerate()
            .skip(self.columns.width)
            .find(|(_, v)| !v.text().is_empty());
        if let Some((c, cell)) = beyond {
            self.bad(
                c,
                both!(
                    "is-right-of-the-last-column",
                    value = format!("{:?}", cell.text())
                ),
            );
        }
    }
}

/// What one row gives, its bad cells already reported.
pub(super) struct RowRead {
    /// org, branch and period; empty where the cell is.
    pub(super) identity: [String; 3],
    pub(super) level: Option<Level>,
    /// The position of the level column.
    pub(super) level_column: usize,
    pub(super) values: Vec<(String, Value)>,
    pub(super) survey: Option<SheetSurvey>,
    pub(super) vetoes: BTreeMap<String, bool>,
    pub(super) bonus: BTreeMap<String, Points>,
    pub(super) penalties: BTreeMap<String, Points>,
    pub(super) measures: BTreeMap<String, super::SheetMeasure>,
    pub(super) signature: super::Signature,
}

/// Row → its cells' values: identity, level, point values, survey, vetoes and bonuses.
pub(super) fn read_row(checklist: &Checklist, cells: &mut RowCells<'_>) -> RowRead {
    let identity = ["org", "branch", "period"].map(|k| {
        let (c, v) = cells.text(k);
        if v.is_empty() {
            cells.bad(c, both!("is-empty", k = Word(k)));
        }
        v
    });
    let (level_column, level_text) = cells.text("level");
    let level = level_named(&level_text);
    if level.is_none() {
        cells.bad(
            level_column,
            both!(
                "level-is-not-self-review-or",
                value = format!("{level_text:?}")
            ),
        );
    }
    let signature = read_signature(cells);
    let (values, filled) = read_point_values(checklist, cells);
    if filled == 0 && level.is_some() {
        cells.bad(level_column, both!("the-row-gives-no-point-values"));
    }
    let survey = read_survey(cells);
    let measures = super::measures::read_measures(checklist, cells);
    let vetoes = read_vetoes(checklist, cells);
    let bonus = read_bonuses(&checklist.bonus, false, cells);
    let penalties = read_bonuses(&checklist.penalties, true, cells);
    RowRead {
        identity,
        level,
        level_column,
        values,
        survey,
        vetoes,
        bonus,
        penalties,
        measures,
        signature,
    }
}

/// The row's `date` and `by` cells (SPEC §12.1). A date is a day: text `2025-03-01` or a
/// spreadsheet date cell; anything else is reported at its cell.
fn read_signature(cells: &mut RowCells<'_>) -> super::Signature {
    let mut signature = super::Signature::default();
    if let Some(&c) = cells.columns.index.get("date") {
        let cell = cells.row.cells.get(c).cloned().unwrap_or(CellValue::Empty);
        if !matches!(&cell, CellValue::Empty) && !cell.text().is_empty() {
            signature.date = super::sheet_date(&cell);
            if signature.date.is_none() {
                cells.bad(
                    c,
                    both!(
                        "date-cell-is-not-a-date",
                        value = format!("{:?}", cell.text())
                    ),
                );
            }
        }
    }
    let (_, by) = cells.text("by");
    if !by.is_empty() {
        signature.by = Some(by);
    }
    signature
}

/// The level a sheet names: the English words or the usual Chinese ones.
fn level_named(text: &str) -> Option<Level> {
    match text.trim().to_lowercase().as_str() {
        "self" | "自评" | "自查" => Some(Level::SelfAssessment),
        "review" | "复核" | "初审" | "审核" => Some(Level::Review),
        "acceptance" | "验收" => Some(Level::Acceptance),
        _ => None,
    }
}

/// The row's valid point values in checklist order, and how many point cells are filled in
/// (valid or not).
fn read_point_values(
    checklist: &Checklist,
    cells: &mut RowCells<'_>,
) -> (Vec<(String, Value)>, usize) {
    let mut values = Vec::new();
    let mut filled = 0;
    for point in checklist.points().filter(|p| !p.is_derived()) {
        let (c, text) = cells.text(&point.id);
        if text.is_empty() {
            continue;
        }
        filled += 1;
        match point_cell(point, &text) {
            Ok(v) => values.push((point.id.clone(), v)),
            Err(message) => cells.bad(c, message),
        }
    }
    (values, filled)
}

/// A filled-in point cell's value. A sheet may say "NA" or "n/a" where a record says "na".
fn point_cell(point: &Point, text: &str) -> Result<Value, Text> {
    let text = if text.eq_ignore_ascii_case("na") || text.eq_ignore_ascii_case("n/a") {
        "na"
    } else {
        text
    };
    // floor = "item" (SPEC §11.3): export-sheet writes a point below 0 as its figure (a
    // point with max_deduction never goes below 0).
    if point.unfloored
        && point.max_deduction.is_none()
        && let Ok(score) = Points::parse(text)
        && score.is_negative()
    {
        return Ok(super::below_zero(point, score));
    }
    let value =
        ratings_from_text(point, text).unwrap_or_else(|| point_value(point, RawValue::Text(text)));
    value.map_err(|e| {
        both!(
            "point-id-value-problem",
            id = point.id,
            value = format!("{text:?}"),
            problem = e
        )
    })
}

/// The survey cells: counts (surveyed and satisfied) or a rate, or none of them.
fn read_survey(cells: &mut RowCells<'_>) -> Option<SheetSurvey> {
    let (sc, surveyed) = cells.text("surveyed");
    let (ac, satisfied) = cells.text("satisfied");
    let (rc, rate) = cells.text("rate");
    match (surveyed.is_empty(), satisfied.is_empty(), rate.is_empty()) {
        (true, true, true) => None,
        (true, true, false) => match Rate::parse(&rate) {
            Ok(_) => Some(SheetSurvey::Rate(rate)),
            Err(e) => {
                cells.bad(
                    rc,
                    both!(
                        "rate-value-problem",
                        value = format!("{rate:?}"),
                        problem = e.text()
                    ),
                );
                None
            }
        },
        (false, false, true) => match (whole(&surveyed), whole(&satisfied)) {
            (Some(s), Some(a)) if s >= 1 && a <= s => Some(SheetSurvey::Counts {
                surveyed: s,
                satisfied: a,
            }),
            (Some(s), Some(a)) if s >= 1 => {
                cells.bad(ac, both!("satisfied-exceeds-surveyed-a-s", a = a, s = s));
                None
            }
            _ => {
                cells.bad(
                    sc,
                    both!(
                        "surveyed-and-satisfied-must-be-whole",
                        surveyed = format!("{surveyed:?}"),
                        satisfied = format!("{satisfied:?}")
                    ),
                );
                None
            }
        },
        (false, true, true) => {
            cells.bad(sc, both!("surveyed-is-given-but-satisfied-is"));
            None
        }
        (true, false, true) => {
            cells.bad(ac, both!("satisfied-is-given-but-surveyed-is"));
            None
        }
        _ => {
            cells.bad(rc, both!("give-surveyed-and-satisfied-or-rate"));
            None
        }
    }
}

/// A count: a whole number, also as a spreadsheet writes it ("12.0").
fn whole(text: &str) -> Option<u64> {
    text.parse::<u64>()
        .ok()
        .or_else(|| text.strip_suffix(".0")?.parse().ok())
}

/// The veto cells that are filled in: id → triggered.
fn read_vetoes(checklist: &Checklist, cells: &mut RowCells<'_>) -> BTreeMap<String, bool> {
    let mut vetoes = BTreeMap::new();
    for v in &checklist.vetoes {
        let (c, text) = cells.text(&v.id);
        if text.is_empty() {
            continue;
        }
        match triggered(&text) {
            Some(t) => {
                vetoes.insert(v.id.clone(), t);
            }
            None => cells.bad(
                c,
                both!(
                    "veto-is-not-true-or-false",
                    id = v.id,
                    value = format!("{text:?}")
                ),
            ),
        }
    }
    vetoes
}

/// Whether a veto cell says triggered (true, yes, 1, x, 是) or not (false, no, 0, 否).
fn triggered(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "false" | "no" | "0" | "否" => Some(false),
        "true" | "yes" | "1" | "x" | "是" => Some(true),
        _ => None,
    }
}

/// The bonus (or, with `penalty`, penalty) cells that are filled in: id → points or count.
fn read_bonuses(
    defs: &[Bonus],
    penalty: bool,
    cells: &mut RowCells<'_>,
) -> BTreeMap<String, Points> {
    let mut bonus = BTreeMap::new();
    for b in defs {
        let (c, text) = cells.text(&b.id);
        if text.is_empty() {
            continue;
        }
        match entry_cell(b, &text, penalty) {
            Ok(p) => {
                bonus.insert(b.id.clone(), p);
            }
            Err(message) => cells.bad(c, message),
        }
    }
    bonus
}

/// A filled-in bonus cell's value: a number from 0 to the bonus's max, or with `per` a
/// whole count (SPEC §11.5).
#[cfg(test)]
fn bonus_cell(b: &Bonus, text: &str) -> Result<Points, Text> {
    entry_cell(b, text, false)
}

/// A filled-in bonus or (with `penalty`) penalty cell's value, as [`bonus_cell`].
fn entry_cell(b: &Bonus, text: &str, penalty: bool) -> Result<Points, Text> {
    let max = b.max.unwrap_or(Points::ZERO);
    match Points::parse(text) {
        Ok(p) if b.allows(p) => Ok(p),
        Ok(p) => Err(match (b.per, penalty) {
            (Some(per), _) => problem!(CountMustBeWhole {
                what: if penalty {
                    both!("penalty-id", id = b.id)
                } else {
                    both!("bonus-id", id = b.id)
                },
                per,
                value: p
            }),
            (None, false) => both!("bonus-is-not-within-0-to", id = b.id, p = p, max = max),
            (None, true) => both!("penalty-is-not-within-0-to", id = b.id, p = p, max = max),
        }),
        Err(e) => {
            let value = format!("{text:?}");
            Err(if penalty {
                both!(
                    "penalty-id-value-problem",
                    id = b.id,
                    value = value,
                    problem = e.text()
                )
            } else {
                both!(
                    "bonus-id-value-problem",
                    id = b.id,
                    value = value,
                    problem = e.text()
                )
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{bonus_cell, level_named, point_cell, triggered, whole};
    use crate::points::Points;
    use crate::read::checklist::{Bonus, Point};
    use crate::read::record::{Level, Value};

    fn point(optional: bool) -> Point {
        Point {
            id: "1.2".into(),
            title: "Groups".into(),
            max: Points::whole(5),
            criterion: None,
            optional,
            step: None,
            grades: Vec::new(),
            derive: None,
            max_deduction: None,
            unfloored: false,
            measure: None,
        }
    }

    #[test]
    fn levels_are_named_in_english_or_chinese_in_any_case() {
        assert_eq!(level_named(" Review "), Some(Level::Review));
        assert_eq!(level_named("自查"), Some(Level::SelfAssessment));
        assert_eq!(level_named("初审"), Some(Level::Review));
        assert_eq!(level_named("验收"), Some(Level::Acceptance));
        assert_eq!(level_named("final"), None);
    }

    #[test]
    fn a_veto_cell_says_yes_or_no_in_the_usual_words() {
        for yes in ["TRUE", "yes", "1", "X", "是"] {
            assert_eq!(triggered(yes), Some(true), "{yes}");
        }
        for no in ["False", "NO", "0", "否"] {
            assert_eq!(triggered(no), Some(false), "{no}");
        }
        assert_eq!(triggered("maybe"), None);
    }

    #[test]
    fn counts_are_whole_also_as_a_spreadsheet_writes_them() {
        assert_eq!(whole("12"), Some(12));
        assert_eq!(whole("12.0"), Some(12));
        assert_eq!(whole("12.5"), None);
        assert_eq!(whole("-1"), None);
    }

    #[test]
    fn na_may_be_written_as_a_sheet_writes_it_on_an_optional_point() {
        for na in ["na", "NA", "n/a", "N/A"] {
            assert!(matches!(
                point_cell(&point(true), na),
                Ok(Value::NotApplicable)
            ));
        }
        assert!(matches!(
            point_cell(&point(true), "2.5"),
            Ok(Value::Points(p)) if p == Points::parse("2.5").unwrap()
        ));
        assert_eq!(
            point_cell(&point(false), "N/A").unwrap_err().en(),
            "point 1.2: \"na\": \"na\" is only allowed on optional points, and 1.2 is not optional"
        );
    }

    #[test]
    fn a_bonus_cell_is_0_to_its_max() {
        let b = Bonus {
            id: "B1".into(),
            title: "Honours".into(),
            max: Some(Points::whole(2)),
            per: None,
        };
        assert_eq!(bonus_cell(&b, "2"), Ok(Points::whole(2)));
        assert_eq!(bonus_cell(&b, "0"), Ok(Points::ZERO));
        assert_eq!(
            bonus_cell(&b, "2.5").unwrap_err().en(),
            "bonus B1: 2.5 is not within 0 to 2"
        );
        assert_eq!(
            bonus_cell(&b, "-0.5").unwrap_err().en(),
            "bonus B1: -0.5 is not within 0 to 2"
        );
        assert_eq!(
            bonus_cell(&b, "lots").unwrap_err().en(),
            "bonus B1: \"lots\" is not a number"
        );
        assert_eq!(
            bonus_cell(&b, "0.125").unwrap_err().en(),
            "bonus B1: \"0.125\" has more than 2 decimals"
        );
    }
}
