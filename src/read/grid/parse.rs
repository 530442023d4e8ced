//! Reading a sheet: header row → columns, each row → a record's values, every bad cell a
//! diagnostic.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::i18n::tr;
use crate::points::{Points, Rate};
use crate::read::checklist::Checklist;
use crate::read::record::{Level, RawValue, point_value};

use super::{
    CellValue, Grid, KEY_COLUMNS, SheetRecord, SheetSurvey, column_letter, columns, problem,
};

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
            tr("the sheet is empty: it needs a header row"),
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
                t!(
                    "{at}: point {name} is derived from the survey; drop the column",
                    at = at,
                    name = name
                )
            } else if name.contains([';', '\t']) {
                t!(
                    "{at}: one column named {name}: is the file separated by semicolons or tabs? Save it as CSV with commas",
                    at = at,
                    name = format!("{name:?}")
                )
            } else {
                t!(
                    "{at}: unknown column {name} (not a point, veto or bonus id of the checklist)",
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
                t!(
                    "{at}: column {name} appears twice",
                    at = at,
                    name = format!("{name:?}")
                ),
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
            t!(
                "the sheet lacks the column(s) {names}",
                names = missing.join(", ")
            ),
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
                t!(
                    "the sheet has a {has} column but no {lacks} column",
                    has = has,
                    lacks = lacks
                ),
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
                t!("{cell}: {message}", cell = cell_at(c), message = message),
            );
        };
        for &c in &unnamed {
            if let Some(cell) = row.cells.get(c).filter(|v| !v.text().is_empty()) {
                bad(
                    &mut problems,
                    c,
                    t!(
                        "{value} is in a column without a name in the header row",
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
                    "{value} is right of the last column of the header row",
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
                            "{name}: {value} is a date cell; format the column as text",
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
                bad(&mut problems, c, t!("{k} is empty", k = tr(k)));
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
                    "level {value} is not self, review or acceptance",
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
                        "point {id}: {value}: {problem}",
                        id = point.id,
                        value = format!("{text:?}"),
                        problem = e.shown
                    ),
                ),
            }
        }
        if filled == 0 && level.is_some() {
            bad(&mut problems, lc, tr("the row gives no point values"));
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
                        "veto {id}: {value} is not true or false",
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
                    t!(
                        "bonus {id}: {p} is not within 0 to {max}",
                        id = b.id,
                        p = p,
                        max = b.max
                    ),
                ),
                Err(e) => bad(
                    &mut problems,
                    c,
                    t!(
                        "bonus {id}: {value} {problem}",
                        id = b.id,
                        value = format!("{text:?}"),
                        problem = e.text().shown
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
                    "{org} / {branch} / {period} has a second {level} row (the first is row {first})",
                    org = org,
                    branch = branch,
                    period = period,
                    level = tr(level.name()),
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
                    t!(
                        "the survey differs from row {first_row} of the same record",
                        first_row = first_row
                    ),
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
                            "veto {id} differs from row {first_row} of the same record",
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
                            "bonus {id} differs from row {first_row} of the same record",
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
                        "rate {value} {problem}",
                        value = format!("{rate:?}"),
                        problem = e.text().shown
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
                        t!("satisfied ({a}) exceeds surveyed ({s})", a = a, s = s),
                    );
                    None
                }
                _ => {
                    bad(
                        problems,
                        sc,
                        t!(
                            "surveyed {surveyed} and satisfied {satisfied} must be whole numbers, surveyed at least 1",
                            surveyed = format!("{surveyed:?}"),
                            satisfied = format!("{satisfied:?}")
                        ),
                    );
                    None
                }
            }
        }
        (false, true, true) => {
            bad(problems, sc, tr("surveyed is given but satisfied is empty"));
            None
        }
        (true, false, true) => {
            bad(problems, ac, tr("satisfied is given but surveyed is empty"));
            None
        }
        _ => {
            bad(
                problems,
                rc,
                tr("give surveyed and satisfied, or rate, not both"),
            );
            None
        }
    }
}
