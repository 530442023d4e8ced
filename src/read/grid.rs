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

use toml_edit::{DocumentMut, Item, Table, TableLike, value};

use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::{tr, tr_word};
use crate::points::{Points, Rate};
use crate::read::checklist::Checklist;
use crate::read::record::{Level, RawValue, Record, Value, point_value};

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
    /// A date or time cell (xlsx): never a valid value here, reported as such.
    Date(String),
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
    pub survey: Option<SheetSurvey>,
    /// Veto cells that were filled in: id → triggered.
    pub vetoes: BTreeMap<String, bool>,
    /// Bonus cells that were filled in: id → points.
    pub bonus: BTreeMap<String, Points>,
    /// The first sheet row of this record, for messages.
    pub row: usize,
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

/// The level a sheet names: the English words or the usual Chinese ones.
fn level_named(text: &str) -> Option<Level> {
    match text.trim().to_lowercase().as_str() {
        "self" | "自评" | "自查" => Some(Level::SelfAssessment),
        "review" | "复核" | "初审" | "审核" => Some(Level::Review),
        "acceptance" | "验收" => Some(Level::Acceptance),
        _ => None,
    }
}

/// Reads and validates a grid. Every bad cell becomes a diagnostic at `file:row:column`
/// naming the cell (E7) and its value; records come back only when there are none.
pub fn parse_grid(checklist: &Checklist, grid: &Grid) -> Result<Vec<SheetRecord>, Vec<Diagnostic>> {
    let mut problems = grid.problems.clone();
    let col0 = grid.first_column;
    let Some(header_row) = grid.rows.first() else {
        problem(
            &mut problems,
            &grid.name,
            1,
            0,
            tr("the-sheet-is-empty-it-needs"),
        );
        return Err(problems);
    };
    let hr = header_row.number;
    let known = columns(checklist);
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut unnamed = Vec::new();
    for (c, cell) in header_row.cells.iter().enumerate() {
        let name = cell.text();
        let name = name.trim_start_matches('\u{feff}');
        let at = format!("{}{hr}", column_letter(col0 + c));
        if name.is_empty() {
            unnamed.push(c);
            continue;
        }
        if !known.iter().any(|k| k == name) {
            let derived = checklist.point(name).is_some_and(|p| p.is_derived());
            let message = if derived {
                t!("derived-point-in-sheet", at = at, name = name)
            } else if name.contains([';', '\t']) {
                t!(
                    "one-column-named-is-the-file",
                    at = at,
                    name = format!("{name:?}")
                )
            } else {
                t!(
                    "unknown-column-not-a-point-veto",
                    at = at,
                    name = format!("{name:?}")
                )
            };
            problem(&mut problems, &grid.name, hr, col0 + c, message);
        } else if index.insert(name.to_string(), c).is_some() {
            problem(
                &mut problems,
                &grid.name,
                hr,
                col0 + c,
                t!("column-appears-twice", at = at, name = format!("{name:?}")),
            );
        }
    }
    let missing: Vec<&str> = KEY_COLUMNS
        .into_iter()
        .filter(|k| !index.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        problem(
            &mut problems,
            &grid.name,
            hr,
            col0,
            t!("the-sheet-lacks-the-column-s", names = missing.join(", ")),
        );
        return Err(problems);
    }
    for (has, lacks) in [("surveyed", "satisfied"), ("satisfied", "surveyed")] {
        if index.contains_key(has) && !index.contains_key(lacks) {
            problem(
                &mut problems,
                &grid.name,
                hr,
                col0 + index[has],
                t!("the-sheet-has-a-column-but", has = has, lacks = lacks),
            );
        }
    }

    let mut records: BTreeMap<(String, String, String), SheetRecord> = BTreeMap::new();
    for row in grid.rows.iter().skip(1) {
        let n = row.number;
        let cell_at = |c: usize| format!("{}{n}", column_letter(col0 + c));
        let get = |name: &str| -> Option<(usize, CellValue)> {
            let c = *index.get(name)?;
            Some((c, row.cells.get(c).cloned().unwrap_or(CellValue::Empty)))
        };
        let bad = |problems: &mut Vec<Diagnostic>, c: usize, message: String| {
            problem(
                problems,
                &grid.name,
                n,
                col0 + c,
                t!("cell-message", cell = cell_at(c), message = message),
            );
        };
        for &c in &unnamed {
            if let Some(cell) = row.cells.get(c).filter(|v| !v.text().is_empty()) {
                bad(
                    &mut problems,
                    c,
                    t!(
                        "is-in-a-column-without-a",
                        value = format!("{:?}", cell.text())
                    ),
                );
            }
        }
        if row.cells.len() > header_row.cells.len()
            && let Some((c, cell)) = row
                .cells
                .iter()
                .enumerate()
                .skip(header_row.cells.len())
                .find(|(_, v)| !v.text().is_empty())
        {
            bad(
                &mut problems,
                c,
                t!(
                    "is-right-of-the-last-column",
                    value = format!("{:?}", cell.text())
                ),
            );
        }
        let mut text_of = |problems: &mut Vec<Diagnostic>, name: &str| -> (usize, String) {
            match get(name) {
                Some((c, CellValue::Date(d))) => {
                    bad(
                        problems,
                        c,
                        t!(
                            "is-a-date-cell-format-the",
                            name = name,
                            value = format!("{d:?}")
                        ),
                    );
                    (c, String::new())
                }
                Some((c, v)) => (c, v.text()),
                None => (usize::MAX, String::new()),
            }
        };
        let mut key = Vec::new();
        for k in ["org", "branch", "period"] {
            let (c, v) = text_of(&mut problems, k);
            if v.is_empty() {
                bad(&mut problems, c, t!("is-empty", k = tr_word(k)));
            }
            key.push(v);
        }
        let (lc, level_text) = text_of(&mut problems, "level");
        let level = level_named(&level_text);
        if level.is_none() {
            bad(
                &mut problems,
                lc,
                t!(
                    "level-is-not-self-review-or",
                    value = format!("{level_text:?}")
                ),
            );
        }
        let mut values = Vec::new();
        let mut filled = 0;
        for point in checklist.points().filter(|p| !p.is_derived()) {
            let (c, text) = text_of(&mut problems, &point.id);
            if text.is_empty() {
                continue;
            }
            filled += 1;
            let text = if text.eq_ignore_ascii_case("na") || text.eq_ignore_ascii_case("n/a") {
                "na".to_string()
            } else {
                text
            };
            match point_value(point, RawValue::Text(&text)) {
                Ok(v) => values.push((point.id.clone(), v)),
                Err(e) => bad(
                    &mut problems,
                    c,
                    t!(
                        "point-id-value-problem",
                        id = point.id,
                        value = format!("{text:?}"),
                        problem = e.shown()
                    ),
                ),
            }
        }
        if filled == 0 && level.is_some() {
            bad(&mut problems, lc, tr("the-row-gives-no-point-values"));
        }
        let survey = read_survey(&mut text_of, &mut problems, &bad);
        let mut vetoes = BTreeMap::new();
        for v in &checklist.vetoes {
            let (c, text) = text_of(&mut problems, &v.id);
            match text.to_lowercase().as_str() {
                "" => {}
                "false" | "no" | "0" | "否" => {
                    vetoes.insert(v.id.clone(), false);
                }
                "true" | "yes" | "1" | "x" | "是" => {
                    vetoes.insert(v.id.clone(), true);
                }
                _ => bad(
                    &mut problems,
                    c,
                    t!(
                        "veto-is-not-true-or-false",
                        id = v.id,
                        value = format!("{text:?}")
                    ),
                ),
            }
        }
        let mut bonus = BTreeMap::new();
        for b in &checklist.bonus {
            let (c, text) = text_of(&mut problems, &b.id);
            if text.is_empty() {
                continue;
            }
            match Points::parse(&text) {
                Ok(p) if !p.is_negative() && p <= b.max => {
                    bonus.insert(b.id.clone(), p);
                }
                Ok(p) => bad(
                    &mut problems,
                    c,
                    t!("bonus-is-not-within-0-to", id = b.id, p = p, max = b.max),
                ),
                Err(e) => bad(
                    &mut problems,
                    c,
                    t!(
                        "bonus-id-value-problem",
                        id = b.id,
                        value = format!("{text:?}"),
                        problem = e.text().shown()
                    ),
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
                row: n,
                ..SheetRecord::default()
            });
        if let Some(first) = entry.level_rows.get(&level) {
            bad(
                &mut problems,
                lc,
                t!(
                    "has-a-second-row-the-first",
                    org = org,
                    branch = branch,
                    period = period,
                    level = tr_word(level.name()),
                    first = first
                ),
            );
            continue;
        }
        // Survey, veto and bonus cells belong to the record: a blank cell in one of its rows
        // means "as in the other rows"; two different values are a conflict.
        let first_row = entry.row;
        match (&entry.survey, survey) {
            (Some(a), Some(b)) if *a != b => {
                let (c, _) = text_of(&mut problems, "surveyed");
                let c = if c == usize::MAX {
                    text_of(&mut problems, "rate").0
                } else {
                    c
                };
                bad(
                    &mut problems,
                    c,
                    t!("the-survey-differs-from-row-of", first_row = first_row),
                );
            }
            (None, Some(b)) => entry.survey = Some(b),
            _ => {}
        }
        for (id, t) in vetoes {
            match entry.vetoes.get(&id) {
                Some(prev) if *prev != t => {
                    let c = index.get(&id).copied().unwrap_or(0);
                    bad(
                        &mut problems,
                        c,
                        t!(
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
        for (id, p) in bonus {
            match entry.bonus.get(&id) {
                Some(prev) if *prev != p => {
                    let c = index.get(&id).copied().unwrap_or(0);
                    bad(
                        &mut problems,
                        c,
                        t!(
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
        entry.level_rows.insert(level, n);
        entry.levels.insert(level, values);
    }
    if problems.is_empty() {
        Ok(records.into_values().collect())
    } else {
        problems.sort();
        Err(problems)
    }
}

/// Reads a named cell of the current row as text: its column and its text.
type CellText<'a> = dyn FnMut(&mut Vec<Diagnostic>, &str) -> (usize, String) + 'a;

fn read_survey(
    text_of: &mut CellText<'_>,
    problems: &mut Vec<Diagnostic>,
    bad: &dyn Fn(&mut Vec<Diagnostic>, usize, String),
) -> Option<SheetSurvey> {
    let (sc, surveyed) = text_of(problems, "surveyed");
    let (ac, satisfied) = text_of(problems, "satisfied");
    let (rc, rate) = text_of(problems, "rate");
    match (surveyed.is_empty(), satisfied.is_empty(), rate.is_empty()) {
        (true, true, true) => None,
        (true, true, false) => match Rate::parse(&rate) {
            Ok(_) => Some(SheetSurvey::Rate(rate)),
            Err(e) => {
                bad(
                    problems,
                    rc,
                    t!(
                        "rate-value-problem",
                        value = format!("{rate:?}"),
                        problem = e.text().shown()
                    ),
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
                    bad(
                        problems,
                        ac,
                        t!("satisfied-exceeds-surveyed-a-s", a = a, s = s),
                    );
                    None
                }
                _ => {
                    bad(
                        problems,
                        sc,
                        t!(
                            "surveyed-and-satisfied-must-be-whole",
                            surveyed = format!("{surveyed:?}"),
                            satisfied = format!("{satisfied:?}")
                        ),
                    );
                    None
                }
            }
        }
        (false, true, true) => {
            bad(problems, sc, tr("surveyed-is-given-but-satisfied-is"));
            None
        }
        (true, false, true) => {
            bad(problems, ac, tr("satisfied-is-given-but-surveyed-is"));
            None
        }
        _ => {
            bad(problems, rc, tr("give-surveyed-and-satisfied-or-rate"));
            None
        }
    }
}

/// A bad cell at `row` (1-based) and `col` (0-based) of the sheet `name`.
pub fn cell_problem(name: &str, row: usize, col: usize, message: String) -> Diagnostic {
    let mut problems = Vec::new();
    problem(&mut problems, name, row, col, message);
    problems.remove(0)
}

/// Records a bad cell at `row` (1-based) and `col` (0-based) of the sheet `name`.
fn problem(problems: &mut Vec<Diagnostic>, name: &str, row: usize, col: usize, message: String) {
    let mut d = Diagnostic::file_level(Severity::Error, name.to_string(), message);
    d.line = row;
    d.column = col.saturating_add(1);
    problems.push(d);
}

/// A point value as a TOML value.
fn value_of(checklist: &Checklist, id: &str, v: &Value) -> toml_edit::Value {
    match v {
        Value::Points(p) => points_value(*p),
        Value::Grade(g) => checklist
            .point(id)
            .map_or(String::new(), |p| p.grades[*g].0.clone())
            .into(),
        Value::NotApplicable => "na".into(),
        // Sheets never produce deductions.
        Value::Deductions(_) => "".into(),
    }
}

fn points_value(p: Points) -> toml_edit::Value {
    if p.hundredths() % 100 == 0 {
        (p.hundredths() / 100).into()
    } else {
        p.to_f64().into()
    }
}

/// What importing a sheet record does to a record file.
pub struct Update {
    /// The new file text.
    pub text: String,
    /// Values the file has that the sheet changes (allowed only with --force): the level's
    /// sheet row, and a description ("[review] 1.1: 3 in the file, 2.5 in the sheet").
    pub changes: Vec<(usize, String)>,
}

/// A value's points, or None for "na": values that score the same are the same, so a point
/// scored by deductions in the file and by its result in the sheet is unchanged.
fn worth(point: &crate::read::checklist::Point, v: &Value) -> Option<Points> {
    match v {
        Value::Points(p) => Some(*p),
        Value::Grade(g) => Some(point.grades[*g].1),
        Value::NotApplicable => None,
        Value::Deductions(list) => Some(crate::read::record::kept_after(point.max, list)),
    }
}

fn shown(point: &crate::read::checklist::Point, v: &Value) -> String {
    match v {
        Value::Grade(g) => format!("{:?}", point.grades[*g].0),
        Value::NotApplicable => "\"na\"".into(),
        other => worth(point, other).map_or(String::new(), |p| p.to_string()),
    }
}

/// Applies a sheet record to a record file's text (`existing`), or writes a new record.
///
/// Merges value by value: a cell that scores what the file already gives leaves the file's
/// entry untouched (with its deductions, reasons, note and evidence); an empty cell leaves
/// it too; a different value is reported in `changes`. Tables whose values do not change
/// are not rewritten, so comments and layout survive (toml_edit).
pub fn apply(
    checklist: &Checklist,
    sheet: &SheetRecord,
    existing: Option<(&str, &Record)>,
) -> Result<Update, String> {
    let mut changes = Vec::new();
    // The file's byte-order mark and line endings are the file's: toml_edit sees the text
    // without the mark, and what it adds is given the file's line ending afterwards.
    let (bom, body) = match existing {
        Some((text, _)) => match text.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", text),
        },
        None => ("", ""),
    };
    let mut doc: DocumentMut = match existing {
        Some(_) => body
            .parse()
            .map_err(|e: toml_edit::TomlError| t!("cannot-edit-the-record", e = e))?,
        None => {
            let mut d = DocumentMut::new();
            d["org"] = value(sheet.org.as_str());
            d["branch"] = value(sheet.branch.as_str());
            d["period"] = value(sheet.period.as_str());
            d
        }
    };
    let record = existing.map(|(_, r)| r);
    let first = sheet.row;

    if let Some(survey) = &sheet.survey {
        let same = record
            .and_then(|r| r.survey.as_ref())
            .is_some_and(|s| survey.same_as(s));
        if !same {
            if record.is_some_and(|r| r.survey.is_some()) {
                changes.push((first, tr("the-survey-differs-from-the-file")));
            }
            let (t, inline) = section(&mut doc, "satisfaction")?;
            match survey {
                SheetSurvey::Counts {
                    surveyed,
                    satisfied,
                } => {
                    t.remove("rate");
                    set_value(t, inline, "surveyed", (*surveyed as i64).into());
                    set_value(t, inline, "satisfied", (*satisfied as i64).into());
                }
                SheetSurvey::Rate(r) => {
                    t.remove("surveyed");
                    t.remove("satisfied");
                    set_value(t, inline, "rate", r.as_str().into());
                }
            }
        }
    }
    for v in &checklist.vetoes {
        let Some(&triggered) = sheet.vetoes.get(&v.id) else {
            continue;
        };
        let was = record.is_some_and(|r| r.vetoes.contains(&v.id));
        if was == triggered {
            continue;
        }
        if record.is_some() {
            changes.push((
                first,
                t!(
                    "veto-is-in-the-file-in",
                    id = v.id,
                    was = was,
                    now = triggered
                ),
            ));
        }
        let (t, inline) = section(&mut doc, "vetoes")?;
        set_value(t, inline, &v.id, triggered.into());
    }
    for b in &checklist.bonus {
        let Some(&points) = sheet.bonus.get(&b.id) else {
            continue;
        };
        let had = record.and_then(|r| r.bonus.iter().find(|(id, _)| *id == b.id));
        if had.map(|(_, p)| *p) == Some(points)
            || (had.is_none() && points == Points::ZERO && record.is_some())
        {
            continue;
        }
        if let Some((_, was)) = had {
            changes.push((
                first,
                t!(
                    "bonus-is-in-the-file-in",
                    id = b.id,
                    was = was,
                    now = points
                ),
            ));
        }
        let (t, inline) = section(&mut doc, "bonus")?;
        set_value(t, inline, &b.id, points_value(points));
    }
    // Levels after the survey, vetoes and bonus, as in a form.
    for (level, values) in &sheet.levels {
        let row = sheet.level_rows.get(level).copied().unwrap_or(first);
        let current = record.and_then(|r| r.level(*level));
        for (id, v) in values {
            let Some(point) = checklist.point(id) else {
                continue;
            };
            let position = checklist.position(id).unwrap_or(usize::MAX);
            if let Some(entry) = current.and_then(|a| a.get(position)) {
                if worth(point, &entry.value) == worth(point, v) {
                    continue;
                }
                changes.push((
                    row,
                    t!(
                        "is-in-the-file-in-the",
                        level = level,
                        id = id,
                        was = shown(point, &entry.value),
                        now = shown(point, v)
                    ),
                ));
            }
            let (t, inline) = section(&mut doc, level.name())?;
            set_entry(t, inline, id, value_of(checklist, id, v));
        }
    }
    let mut text = doc.to_string();
    if existing.is_some() && uses_crlf(body) {
        text = crlf(&text);
    }
    Ok(Update {
        text: format!("{bom}{text}"),
        changes,
    })
}

/// The section `name` of a record, in whichever shape the file gives it: a `[name]` table,
/// dotted keys (`name."1.1" = 3`) or an inline table (`name = { "1.1" = 3 }`). A missing
/// section is added as a `[name]` table at the end.
/// Comes back with whether it is inline.
fn section<'d>(
    doc: &'d mut DocumentMut,
    name: &str,
) -> Result<(&'d mut dyn TableLike, bool), String> {
    if !doc.contains_key(name) {
        doc.insert(name, Item::Table(Table::new()));
    }
    match doc.get_mut(name) {
        Some(Item::Table(t)) => {
            // `[acceptance."2.2"]` alone makes `acceptance` an implicit table: a value put
            // in it needs its header.
            if t.is_implicit() {
                t.set_implicit(false);
            }
            Ok((t, false))
        }
        Some(Item::Value(toml_edit::Value::InlineTable(t))) => Ok((t, true)),
        _ => Err(t!("cannot-edit-the-record-is-not", name = name)),
    }
}

/// Sets `key` to `new`, keeping the spacing and comment around the value it replaces.
fn set_value(t: &mut dyn TableLike, inline: bool, key: &str, new: toml_edit::Value) {
    match t.get_mut(key) {
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
        }
        _ => {
            // In an inline table the space before `}` follows the last value: it moves to
            // the value added after it (`{ B1 = 2, B2 = 1 }`, not `{ B1 = 2 , B2 = 1 }`).
            let mut new = new;
            if inline
                && let Some((_, Item::Value(last))) = t.iter_mut().last()
                && let Some(space) = last.decor().suffix().cloned()
                && space.as_str().is_some_and(|s| s.trim().is_empty())
            {
                last.decor_mut().set_suffix("");
                new.decor_mut().set_suffix(space);
            }
            t.insert(key, Item::Value(new));
        }
    }
}

/// Sets a point's value. A value written as a table (`{ score = …, note = … }`, or
/// deductions) keeps its note and evidence: only its score is replaced.
fn set_entry(t: &mut dyn TableLike, inline: bool, key: &str, new: toml_edit::Value) {
    match t.get_mut(key) {
        Some(Item::Value(toml_edit::Value::InlineTable(entry))) => {
            entry.remove("deductions");
            set_value(entry, true, "score", new);
        }
        Some(Item::Table(entry)) => {
            entry.remove("deductions");
            set_value(entry, false, "score", new);
        }
        _ => set_value(t, inline, key, new),
    }
}

/// Whether a text ends its lines with CR LF (every line break is one).
fn uses_crlf(text: &str) -> bool {
    let breaks = text.matches('\n').count();
    breaks > 0 && text.matches("\r\n").count() == breaks
}

/// `text` with every bare LF made CR LF.
fn crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut prev = '\0';
    for c in text.chars() {
        if c == '\n' && prev != '\r' {
            out.push('\r');
        }
        out.push(c);
        prev = c;
    }
    out
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
                        ExportCell::Points(crate::read::record::kept_after(point.max, list))
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
