//! The office spreadsheet: one row per (org, branch, period, level), one column per point id,
//! plus optional survey, veto and bonus columns. `audit import` turns such a sheet (CSV or
//! xlsx) into record files; `audit export-sheet` writes records in the same layout, so a sheet
//! survives the trip through records unchanged.
//!
//! The sheet holds values, not deductions or notes: a point scored by deductions is exported
//! as its resulting score. Records keep the detail.
//!
//! Pure: cells in, records' TOML text out, with every bad cell as a diagnostic. Reading the
//! file and writing records is the caller's.

use std::collections::BTreeMap;

use toml_edit::{DocumentMut, Item, Table, value};

use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, Severity};
use crate::points::{Points, Rate};
use crate::record::{Level, RawValue, Record, Value, point_value};

/// The fixed leading columns.
pub const KEY_COLUMNS: [&str; 4] = ["org", "branch", "period", "level"];
/// The survey columns (counts, or the rate).
pub const SURVEY_COLUMNS: [&str; 3] = ["surveyed", "satisfied", "rate"];

/// Every column of the layout, in order.
pub fn columns(checklist: &Checklist) -> Vec<String> {
    let mut out: Vec<String> = KEY_COLUMNS.iter().map(|s| s.to_string()).collect();
    out.extend(
        checklist
            .points()
            .filter(|p| !p.is_derived())
            .map(|p| p.id.clone()),
    );
    out.extend(SURVEY_COLUMNS.iter().map(|s| s.to_string()));
    out.extend(checklist.vetoes.iter().map(|v| v.id.clone()));
    out.extend(checklist.bonus.iter().map(|b| b.id.clone()));
    out
}

/// A cell's content, as read from CSV or xlsx.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    Empty,
    Text(String),
    /// A number cell (xlsx); its shortest decimal form is used.
    Number(f64),
}

impl CellValue {
    fn text(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(s) => s.trim().to_string(),
            CellValue::Number(f) => format!("{f}"),
        }
    }
}

/// A sheet as read: a header row and data rows (row numbers are 1-based, the header is 1).
pub struct Grid {
    /// The file name used in diagnostics.
    pub name: String,
    pub rows: Vec<Vec<CellValue>>,
}

/// "A", "B", …, "Z", "AA": how a spreadsheet names column `index` (0-based).
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
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
    /// Values per level, by point id in checklist order; None = cell left empty.
    pub levels: BTreeMap<Level, Vec<(String, Value)>>,
    /// (satisfied, surveyed) or a rate text.
    pub survey: Option<SheetSurvey>,
    pub vetoes: Vec<String>,
    pub bonus: Vec<(String, Points)>,
    /// The first sheet row of this record, for messages.
    pub row: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SheetSurvey {
    Counts { surveyed: u64, satisfied: u64 },
    Rate(String),
}

/// Reads and validates a grid. Every bad cell becomes a diagnostic at `file:row:column`
/// naming the cell (E7) and its value; records come back only when there are none.
pub fn parse_grid(checklist: &Checklist, grid: &Grid) -> Result<Vec<SheetRecord>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let Some(header) = grid.rows.first() else {
        problem(
            &mut problems,
            &grid.name,
            1,
            0,
            "the sheet is empty: it needs a header row".into(),
        );
        return Err(problems);
    };
    let known = columns(checklist);
    let header: Vec<String> = header.iter().map(CellValue::text).collect();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (c, name) in header.iter().enumerate() {
        let name = name.trim_start_matches('\u{feff}');
        if name.is_empty() {
            continue;
        }
        if !known.iter().any(|k| k == name) {
            let derived = checklist.point(name).is_some_and(|p| p.is_derived());
            problem(
                &mut problems,
                &grid.name,
                1,
                c,
                if derived {
                    format!(
                        "{}1: point {name} is derived from the survey; drop the column",
                        column_letter(c)
                    )
                } else {
                    format!(
                        "{}1: unknown column {name:?} (not a point, veto or bonus id of the checklist)",
                        column_letter(c)
                    )
                },
            );
        } else if index.insert(name, c).is_some() {
            problem(
                &mut problems,
                &grid.name,
                1,
                c,
                format!("{}1: column {name:?} appears twice", column_letter(c)),
            );
        }
    }
    // Bad columns are reported and the rows still checked, so one pass shows every
    // problem; without a key column the rows cannot be read at all.
    let missing: Vec<&str> = KEY_COLUMNS
        .into_iter()
        .filter(|k| !index.contains_key(k))
        .collect();
    if !missing.is_empty() {
        problem(
            &mut problems,
            &grid.name,
            1,
            0,
            format!("the sheet lacks the column(s) {}", missing.join(", ")),
        );
        return Err(problems);
    }

    let mut records: BTreeMap<(String, String, String), SheetRecord> = BTreeMap::new();
    for (r, cells) in grid.rows.iter().enumerate().skip(1) {
        let row = r + 1;
        let get = |name: &str| -> (usize, String) {
            let c = index.get(name).copied().unwrap_or(usize::MAX);
            (c, cells.get(c).map(CellValue::text).unwrap_or_default())
        };
        if cells.iter().all(|c| c.text().is_empty()) {
            continue;
        }
        let cell_ref = |c: usize| format!("{}{row}", column_letter(c));
        let mut key = Vec::new();
        for k in ["org", "branch", "period"] {
            let (c, v) = get(k);
            if v.is_empty() {
                problem(
                    &mut problems,
                    &grid.name,
                    row,
                    c,
                    format!("{}: {k} is empty", cell_ref(c)),
                );
            }
            key.push(v);
        }
        let (lc, level_text) = get("level");
        let level = Level::from_name(&level_text);
        if level.is_none() {
            problem(
                &mut problems,
                &grid.name,
                row,
                lc,
                format!(
                    "{}: level {level_text:?} is not self, review or acceptance",
                    cell_ref(lc)
                ),
            );
        }
        let mut values = Vec::new();
        for point in checklist.points().filter(|p| !p.is_derived()) {
            let Some(&c) = index.get(point.id.as_str()) else {
                continue;
            };
            let text = cells.get(c).map(CellValue::text).unwrap_or_default();
            if text.is_empty() {
                continue;
            }
            match point_value(point, RawValue::Text(&text)) {
                Ok(v) => values.push((point.id.clone(), v)),
                Err(e) => problem(
                    &mut problems,
                    &grid.name,
                    row,
                    c,
                    format!("{}: point {}: {text:?}: {e}", cell_ref(c), point.id),
                ),
            }
        }
        let survey = read_survey(&get, &cell_ref, row, &mut problems, &grid.name);
        let mut vetoes = Vec::new();
        for v in &checklist.vetoes {
            let (c, text) = get(&v.id);
            match text.to_lowercase().as_str() {
                "" | "false" | "no" | "0" | "否" => {}
                "true" | "yes" | "1" | "x" | "是" => vetoes.push(v.id.clone()),
                _ => problem(
                    &mut problems,
                    &grid.name,
                    row,
                    c,
                    format!(
                        "{}: veto {}: {text:?} is not true or false",
                        cell_ref(c),
                        v.id
                    ),
                ),
            }
        }
        let mut bonus = Vec::new();
        for b in &checklist.bonus {
            let (c, text) = get(&b.id);
            if text.is_empty() {
                continue;
            }
            match Points::parse(&text) {
                Ok(p) if !p.is_negative() && p <= b.max => {
                    if p > Points::ZERO {
                        bonus.push((b.id.clone(), p));
                    }
                }
                Ok(p) => problem(
                    &mut problems,
                    &grid.name,
                    row,
                    c,
                    format!(
                        "{}: bonus {}: {p} is not within 0 to {}",
                        cell_ref(c),
                        b.id,
                        b.max
                    ),
                ),
                Err(e) => problem(
                    &mut problems,
                    &grid.name,
                    row,
                    c,
                    format!("{}: bonus {}: {text:?} {e}", cell_ref(c), b.id),
                ),
            }
        }
        let (Some(level), [org, branch, period]) = (level, key.as_slice()) else {
            continue;
        };
        if org.is_empty() || branch.is_empty() || period.is_empty() {
            continue;
        }
        let entry = records
            .entry((org.clone(), branch.clone(), period.clone()))
            .or_insert_with(|| SheetRecord {
                org: org.clone(),
                branch: branch.clone(),
                period: period.clone(),
                survey: survey.clone(),
                vetoes: vetoes.clone(),
                bonus: bonus.clone(),
                row,
                ..SheetRecord::default()
            });
        if entry.levels.contains_key(&level) {
            problem(
                &mut problems,
                &grid.name,
                row,
                lc,
                format!(
                    "{}: {org} / {branch} / {period} has a second {level} row (first on row {})",
                    cell_ref(lc),
                    entry.row
                ),
            );
            continue;
        }
        if entry.survey != survey || entry.vetoes != vetoes || entry.bonus != bonus {
            problem(
                &mut problems,
                &grid.name,
                row,
                0,
                format!(
                    "row {row}: the survey, veto and bonus cells differ from row {} of the same record",
                    entry.row
                ),
            );
        }
        entry.levels.insert(level, values);
    }
    if problems.is_empty() {
        Ok(records.into_values().collect())
    } else {
        problems.sort();
        Err(problems)
    }
}

fn read_survey(
    get: &dyn Fn(&str) -> (usize, String),
    cell_ref: &dyn Fn(usize) -> String,
    row: usize,
    problems: &mut Vec<Diagnostic>,
    name: &str,
) -> Option<SheetSurvey> {
    let (sc, surveyed) = get("surveyed");
    let (ac, satisfied) = get("satisfied");
    let (rc, rate) = get("rate");
    match (surveyed.is_empty(), satisfied.is_empty(), rate.is_empty()) {
        (true, true, true) => None,
        (true, true, false) => match Rate::parse(&rate) {
            Ok(_) => Some(SheetSurvey::Rate(rate)),
            Err(e) => {
                problem(
                    problems,
                    name,
                    row,
                    rc,
                    format!("{}: rate {rate:?} {e}", cell_ref(rc)),
                );
                None
            }
        },
        (false, false, true) => {
            let n = |t: &str| {
                t.parse::<u64>()
                    .ok()
                    .or_else(|| t.strip_suffix(".0")?.parse().ok())
            };
            match (n(&surveyed), n(&satisfied)) {
                (Some(s), Some(a)) if s >= 1 && a <= s => Some(SheetSurvey::Counts {
                    surveyed: s,
                    satisfied: a,
                }),
                (Some(s), Some(a)) if s >= 1 => {
                    problem(
                        problems,
                        name,
                        row,
                        ac,
                        format!("{}: satisfied ({a}) exceeds surveyed ({s})", cell_ref(ac)),
                    );
                    None
                }
                _ => {
                    problem(
                        problems,
                        name,
                        row,
                        sc,
                        format!(
                            "{}: surveyed {surveyed:?} and satisfied {satisfied:?} must be whole numbers, surveyed at least 1",
                            cell_ref(sc)
                        ),
                    );
                    None
                }
            }
        }
        _ => {
            problem(
                problems,
                name,
                row,
                sc,
                format!(
                    "{}: give surveyed and satisfied, or rate, not a mix",
                    cell_ref(sc)
                ),
            );
            None
        }
    }
}

/// Records a bad cell at `row` (1-based) and `col` (0-based) of the sheet `name`.
fn problem(problems: &mut Vec<Diagnostic>, name: &str, row: usize, col: usize, message: String) {
    let mut d = Diagnostic::file_level(Severity::Error, name.to_string(), message);
    d.line = row;
    d.column = col + 1;
    problems.push(d);
}

/// A point value as a TOML item.
fn value_item(checklist: &Checklist, id: &str, v: &Value) -> Item {
    match v {
        Value::Points(p) => points_item(*p),
        Value::Grade(g) => value(
            checklist
                .point(id)
                .map_or(String::new(), |p| p.grades[*g].0.clone()),
        ),
        Value::NotApplicable => value("na"),
        // Sheets never produce deductions.
        Value::Deductions(_) => value(""),
    }
}

fn points_item(p: Points) -> Item {
    if p.hundredths() % 100 == 0 {
        value(p.hundredths() / 100)
    } else {
        value(p.to_f64())
    }
}

/// What importing a sheet record does to a record file.
pub struct Update {
    /// The new file text.
    pub text: String,
    /// Levels that replace existing ones (allowed only with --force).
    pub replaced: Vec<Level>,
    /// Survey, vetoes or bonus that differ from the file's (allowed only with --force).
    pub changes_record_data: bool,
}

/// Applies a sheet record to a record file's text (`existing`), or writes a new record.
/// Comments and layout of an existing file are kept (toml_edit).
pub fn apply(
    checklist: &Checklist,
    sheet: &SheetRecord,
    existing: Option<(&str, &Record)>,
) -> Result<Update, String> {
    let mut doc: DocumentMut = match existing {
        Some((text, _)) => text
            .parse()
            .map_err(|e| format!("cannot edit the record: {e}"))?,
        None => {
            let mut d = DocumentMut::new();
            d["org"] = value(sheet.org.as_str());
            d["branch"] = value(sheet.branch.as_str());
            d["period"] = value(sheet.period.as_str());
            d
        }
    };
    let mut changes_record_data = false;
    if let Some(survey) = &sheet.survey {
        let mut t = Table::new();
        match survey {
            SheetSurvey::Counts {
                surveyed,
                satisfied,
            } => {
                t.insert("surveyed", value(*surveyed as i64));
                t.insert("satisfied", value(*satisfied as i64));
            }
            SheetSurvey::Rate(r) => {
                t.insert("rate", value(r.as_str()));
            }
        }
        if let Some((_, record)) = existing
            && record.survey.is_some()
            && doc.get("satisfaction").map(|i| i.to_string())
                != Some(Item::Table(t.clone()).to_string())
        {
            changes_record_data = true;
        }
        doc["satisfaction"] = Item::Table(t);
    }
    if !sheet.vetoes.is_empty() || existing.is_some_and(|(_, r)| !r.vetoes.is_empty()) {
        if existing.is_some_and(|(_, r)| r.vetoes != sheet.vetoes) {
            changes_record_data = true;
        }
        let mut t = Table::new();
        for v in &checklist.vetoes {
            if sheet.vetoes.contains(&v.id) {
                t.insert(&v.id, value(true));
            }
        }
        doc["vetoes"] = Item::Table(t);
    }
    if !sheet.bonus.is_empty() || existing.is_some_and(|(_, r)| !r.bonus.is_empty()) {
        if existing.is_some_and(|(_, r)| r.bonus != sheet.bonus) {
            changes_record_data = true;
        }
        let mut t = Table::new();
        for (id, p) in &sheet.bonus {
            t.insert(id, points_item(*p));
        }
        doc["bonus"] = Item::Table(t);
    }
    // Levels after the survey, vetoes and bonus, as in a form.
    let mut replaced = Vec::new();
    for (level, values) in &sheet.levels {
        if doc.contains_key(level.name()) {
            replaced.push(*level);
        }
        let mut table = Table::new();
        for (id, v) in values {
            table.insert(id, value_item(checklist, id, v));
        }
        doc[level.name()] = Item::Table(table);
    }
    Ok(Update {
        text: doc.to_string(),
        replaced,
        changes_record_data,
    })
}

/// One exported row per level present, in the layout of [`columns`]. A point scored by
/// deductions appears as its resulting score.
pub fn export_rows(checklist: &Checklist, records: &[&Record]) -> Vec<Vec<ExportCell>> {
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
            for (n, point) in checklist.points().enumerate() {
                if point.is_derived() {
                    continue;
                }
                row.push(match a.get(n).map(|e| &e.value) {
                    None => ExportCell::Empty,
                    Some(Value::Points(p)) => ExportCell::Points(*p),
                    Some(Value::Grade(g)) => ExportCell::Text(point.grades[*g].0.clone()),
                    Some(Value::NotApplicable) => ExportCell::Text("na".into()),
                    Some(Value::Deductions(list)) => {
                        let lost: Points = list.iter().map(|d| d.points.times(d.times)).sum();
                        ExportCell::Points(if lost >= point.max {
                            Points::ZERO
                        } else {
                            point.max - lost
                        })
                    }
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
            for v in &checklist.vetoes {
                row.push(if r.vetoes.contains(&v.id) {
                    ExportCell::Text("true".into())
                } else {
                    ExportCell::Empty
                });
            }
            for b in &checklist.bonus {
                row.push(
                    r.bonus
                        .iter()
                        .find(|(id, _)| *id == b.id)
                        .map_or(ExportCell::Empty, |(_, p)| ExportCell::Points(*p)),
                );
            }
            rows.push(row);
        }
    }
    rows
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

#[cfg(test)]
mod tests {
    use super::column_letter;

    #[test]
    fn column_letters_match_spreadsheets() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
