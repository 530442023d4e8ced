//! The sheet as a person meets it: the records a sheet gives and the diagnostics it gets,
//! word for word at the cell they name (parse_grid); the rows export-sheet writes
//! (export_rows). What importing does to a record file's text is tested in author/apply.rs,
//! with this file's fixtures.

use std::collections::BTreeMap;

use super::{
    CellValue, Grid, GridRow, SheetSurvey, column_letter, export_columns, export_rows, parse_grid,
};
use crate::diagnostic::SourceFile;
use crate::read::checklist::Checklist;
use crate::read::record::{Level, Record, Value};

const CHECKLIST: &str = r#"title = "Unit"
version = "u-1"

[[items]]
id = "1"
title = "Setup"

[[items.points]]
id = "1.1"
title = "Committee"
max = 10
grades = { good = 10, fair = 7.5, poor = 0 }

[[items.points]]
id = "1.2"
title = "Groups"
max = 5
optional = true

[[items.points]]
id = "1.3"
title = "Meetings"
max = 10
step = 0.5

[[items.points]]
id = "1.4"
title = "Satisfaction"
max = 5
derive = "satisfaction"
bands = [ { min = "90%", points = 5 } ]

[[vetoes]]
id = "V1"
title = "Discipline"

[[bonus]]
id = "B1"
title = "Honours"
max = 2
"#;

pub(crate) fn checklist() -> Checklist {
    Checklist::parse(SourceFile::new("checklist.toml", CHECKLIST)).unwrap()
}

/// A sheet named s.csv from comma-separated lines, numbered from 1; `@text` is a date cell.
pub(crate) fn sheet(lines: &[&str]) -> Grid {
    Grid {
        name: "s.csv".into(),
        rows: lines
            .iter()
            .enumerate()
            .map(|(n, line)| GridRow {
                number: n + 1,
                cells: line
                    .split(',')
                    .map(|c| match c.strip_prefix('@') {
                        Some(date) => CellValue::Date(date.into()),
                        None => CellValue::Text(c.into()),
                    })
                    .collect(),
            })
            .collect(),
        first_column: 0,
        problems: Vec::new(),
    }
}

/// The diagnostics as printed: `file:row:column: error: message`, one a line.
fn problems(grid: &Grid) -> Vec<String> {
    match parse_grid(&checklist(), grid) {
        Ok(records) => panic!("expected problems, got {} records", records.len()),
        Err(problems) => problems
            .iter()
            .map(|d| d.to_string().trim_end().to_string())
            .collect(),
    }
}

/// A level's values as a sheet shows them: grade names, "na", points.
fn values(checklist: &Checklist, values: &[(String, Value)]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|(id, v)| {
            let shown = match v {
                Value::Grade(g) => checklist.point(id).unwrap().grades[*g].0.clone(),
                Value::NotApplicable => "na".into(),
                Value::Points(p) => p.to_string(),
                Value::Deductions(_) => "deductions".into(),
                Value::Ratings(_) => "ratings".into(),
            };
            (id.clone(), shown)
        })
        .collect()
}

const HEADER: &str = "org,branch,period,level,1.1,1.2,1.3,surveyed,satisfied,rate,V1,B1";

#[test]
fn rows_of_one_record_become_one_record_with_a_level_each() {
    let checklist = checklist();
    let grid = sheet(&[
        HEADER,
        "A,x,2025,review,fair,N/A,9.5,40,38,,no,1",
        "A,x,2025,验收,good,,10,,,,,",
        "B,y,2025,self,poor,0,0,,,95%,x,0",
    ]);
    let records = parse_grid(&checklist, &grid).unwrap();
    assert_eq!(records.len(), 2);
    let a = &records[0];
    assert_eq!(
        (a.org.as_str(), a.branch.as_str(), a.period.as_str()),
        ("A", "x", "2025")
    );
    assert_eq!(a.row, 2);
    assert_eq!(
        a.level_rows,
        BTreeMap::from([(Level::Review, 2), (Level::Acceptance, 3)])
    );
    let pairs = |l: &[(&str, &str)]| -> Vec<(String, String)> {
        l.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        values(&checklist, &a.levels[&Level::Review]),
        pairs(&[("1.1", "fair"), ("1.2", "na"), ("1.3", "9.5")])
    );
    assert_eq!(
        values(&checklist, &a.levels[&Level::Acceptance]),
        pairs(&[("1.1", "good"), ("1.3", "10")])
    );
    // Blank survey, veto and bonus cells in the second row mean "as in the first".
    assert_eq!(
        a.survey,
        Some(SheetSurvey::Counts {
            surveyed: 40,
            satisfied: 38
        })
    );
    assert_eq!(a.vetoes, BTreeMap::from([("V1".to_string(), false)]));
    assert_eq!(a.bonus["B1"].to_string(), "1");
    let b = &records[1];
    assert_eq!(b.survey, Some(SheetSurvey::Rate("95%".into())));
    assert_eq!(b.vetoes, BTreeMap::from([("V1".to_string(), true)]));
    assert_eq!(b.bonus["B1"].to_string(), "0");
}

#[test]
fn an_empty_sheet_needs_a_header_row() {
    assert_eq!(
        problems(&sheet(&[])),
        ["s.csv:1:1: error: the sheet is empty: it needs a header row"]
    );
}

#[test]
fn header_problems_name_the_cell_and_a_missing_identity_column_stops_the_reading() {
    let grid = sheet(&[
        "org,branch,level,1.4,x;y,Notes,1.1,1.1",
        // Not read: without a period column no row can be.
        "A,x,review,5,,,bad,",
    ]);
    assert_eq!(
        problems(&grid),
        [
            "s.csv:1:4: error: D1: point 1.4 is derived from the survey; drop the column",
            "s.csv:1:5: error: E1: one column named \"x;y\": is the file separated by semicolons or tabs? Save it as CSV with commas",
            "s.csv:1:6: error: F1: unknown column \"Notes\" (not a point, veto or bonus id of the checklist)",
            "s.csv:1:8: error: H1: column \"1.1\" appears twice",
            "s.csv:1:1: error: the sheet lacks the column(s) period",
        ]
    );
}

#[test]
fn a_survey_count_column_needs_its_pair_and_the_rows_are_still_read() {
    let grid = sheet(&[
        "org,branch,period,level,1.1,surveyed",
        "A,x,2025,review,best,10",
    ]);
    assert_eq!(
        problems(&grid),
        [
            "s.csv:1:6: error: the sheet has a surveyed column but no satisfied column",
            "s.csv:2:5: error: E2: point 1.1: \"best\": unknown grade \"best\" (grades: good, fair, poor)",
            "s.csv:2:6: error: F2: surveyed is given but satisfied is empty",
        ]
    );
}

#[test]
fn every_bad_cell_of_every_row_is_reported_in_one_pass_in_sheet_order() {
    let grid = sheet(&[
        &format!("{HEADER},"),
        ",x,2025,final,great,na,9.75,10,12,,maybe,3,note,extra",
        "A,x,2025,review,,,,,,,,,",
        "A,x,@2025-01-01,acceptance,good,,,,,,,,",
        "A,x,2025,acceptance,NA,x,11,,,120%,,-1,",
    ]);
    assert_eq!(
        problems(&grid),
        [
            "s.csv:2:1: error: A2: org is empty",
            "s.csv:2:4: error: D2: level \"final\" is not self, review or acceptance",
            "s.csv:2:5: error: E2: point 1.1: \"great\": unknown grade \"great\" (grades: good, fair, poor)",
            "s.csv:2:7: error: G2: point 1.3: \"9.75\": score 9.75 is not a multiple of its step 0.5",
            "s.csv:2:9: error: I2: satisfied (12) exceeds surveyed (10)",
            "s.csv:2:11: error: K2: veto V1: \"maybe\" is not true or false",
            "s.csv:2:12: error: L2: bonus B1: 3 is not within 0 to 2",
            "s.csv:2:13: error: M2: \"note\" is in a column without a name in the header row",
            "s.csv:2:14: error: N2: \"extra\" is right of the last column of the header row",
            "s.csv:3:4: error: D3: the row gives no point values",
            "s.csv:4:3: error: C4: period is empty",
            "s.csv:4:3: error: C4: period: \"2025-01-01\" is a date cell; format the column as text",
            "s.csv:5:5: error: E5: point 1.1: \"na\": \"na\" is only allowed on optional points, and 1.1 is not optional",
            "s.csv:5:6: error: F5: point 1.2: \"x\": unknown grade \"x\": this point has no grades; give points 0 to 5",
            "s.csv:5:7: error: G5: point 1.3: \"11\": score 11 exceeds its max 10",
            "s.csv:5:10: error: J5: rate \"120%\" is not between 0% and 100%",
            "s.csv:5:12: error: L5: bonus B1: -1 is not within 0 to 2",
        ]
    );
}

#[test]
fn rows_of_one_record_must_agree_and_give_each_level_once() {
    let grid = sheet(&[
        "org,branch,period,level,1.1,surveyed,satisfied,rate,V1,B1",
        "A,x,2025,review,good,10,9,,yes,1",
        "A,x,2025,acceptance,good,10,8,,no,2",
        "A,x,2025,Review,fair,,,,,",
    ]);
    assert_eq!(
        problems(&grid),
        [
            "s.csv:3:6: error: F3: the survey differs from row 2 of the same record",
            "s.csv:3:9: error: I3: veto V1 differs from row 2 of the same record",
            "s.csv:3:10: error: J3: bonus B1 differs from row 2 of the same record",
            "s.csv:4:4: error: D4: A / x / 2025 has a second review row (the first is row 2)",
        ]
    );
}

#[test]
fn cells_are_named_where_the_sheet_has_them_when_the_range_starts_right_of_a() {
    let mut grid = sheet(&["org,branch,period,level,1.1", "A,x,2025,review,great"]);
    grid.first_column = 2;
    assert_eq!(
        problems(&grid),
        [
            "s.csv:2:7: error: G2: point 1.1: \"great\": unknown grade \"great\" (grades: good, fair, poor)"
        ]
    );
}

#[test]
fn column_letters_match_spreadsheets() {
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(25), "Z");
    assert_eq!(column_letter(26), "AA");
    assert_eq!(column_letter(27), "AB");
    assert_eq!(column_letter(701), "ZZ");
    assert_eq!(column_letter(702), "AAA");
}

/// The record file a/x/2025.toml holds, parsed against the unit checklist.
pub(crate) fn record(checklist: &Checklist, text: &str) -> Record {
    let (record, problems) = Record::parse(SourceFile::new("a.toml", text), checklist, None);
    assert_eq!(problems, []);
    record.unwrap()
}

#[test]
fn export_shows_a_point_scored_by_deductions_as_its_score() {
    let checklist = checklist();
    let text = "org = \"A\"\nbranch = \"x\"\nperiod = \"2025\"\n\n[satisfaction]\nrate = \"92%\"\n\n\
                [review]\n\"1.1\" = \"fair\"\n\"1.2\" = \"na\"\n\
                \"1.3\" = { deductions = [ { points = 1.5, times = 3, reason = \"missed\" } ] }\n\n\
                [bonus]\nB1 = 1.5\n";
    let existing = record(&checklist, text);
    let rows = export_rows(&checklist, &[&existing], false);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| c.csv()).collect())
        .collect();
    assert_eq!(
        cells,
        [[
            "A", "x", "2025", "review", "fair", "na", "5.5", "", "", "92%", "", "1.5"
        ]]
    );
    assert_eq!(
        export_columns(&checklist, false).join(","),
        "org,branch,period,level,1.1,1.2,1.3,surveyed,satisfied,rate,V1,B1"
    );
}

/// The unit checklist with a counted bonus and two penalties (SPEC §11.5).
fn checklist_with_penalties() -> Checklist {
    let text = CHECKLIST.to_string()
        + "[[bonus]]\nid = \"B2\"\ntitle = \"Commended\"\nper = 2\n\n\
           [[penalties]]\nid = \"P1\"\ntitle = \"Circular\"\nper = 3\nmax = 6\n\n\
           [[penalties]]\nid = \"P2\"\ntitle = \"Late\"\nmax = 4\n";
    Checklist::parse(SourceFile::new("checklist.toml", text)).unwrap()
}

#[test]
fn penalty_columns_follow_the_bonus_columns_there_and_back() {
    let checklist = checklist_with_penalties();
    assert_eq!(
        export_columns(&checklist, false).join(","),
        "org,branch,period,level,1.1,1.2,1.3,surveyed,satisfied,rate,V1,B1,B2,P1,P2"
    );
    let text = "org = \"A\"\nbranch = \"x\"\nperiod = \"2025\"\n\n[bonus]\nB2 = 3\n\
                [penalties]\nP1 = 4\nP2 = 2.5\n\n[review]\n\"1.1\" = 10\n\"1.2\" = 5\n\"1.3\" = 10\n";
    let rows = export_rows(&checklist, &[&record(&checklist, text)], false);
    let cells: Vec<String> = rows[0].iter().map(|c| c.csv()).collect();
    // Counts are written as counts, not as what they are worth.
    assert_eq!(cells[11..], ["", "3", "4", "2.5"]);

    let header = "org,branch,period,level,1.1,1.2,1.3,surveyed,satisfied,rate,V1,B1,B2,P1,P2";
    let good = sheet(&[header, "A,x,2025,review,10,5,10,,,,,,3,4,2.5"]);
    let records = parse_grid(&checklist, &good).unwrap_or_default();
    assert_eq!(records[0].penalties["P1"].to_string(), "4");
    assert_eq!(records[0].penalties["P2"].to_string(), "2.5");
    let bad = sheet(&[
        header,
        "A,x,2025,review,10,5,10,,,,,,1.5,2.5,4.5",
        "A,x,2025,acceptance,10,5,10,,,,,,,3,",
    ]);
    let got: Vec<String> = match parse_grid(&checklist, &bad) {
        Ok(_) => Vec::new(),
        Err(list) => list
            .iter()
            .map(|d| d.to_string().trim_end().to_string())
            .collect(),
    };
    assert_eq!(
        got,
        [
            "s.csv:2:13: error: M2: bonus B2 counts occurrences of 2 points each: 1.5 is not a whole count",
            "s.csv:2:14: error: N2: penalty P1 counts occurrences of 3 points each: 2.5 is not a whole count",
            "s.csv:2:15: error: O2: penalty P2: 4.5 is not within 0 to 4",
        ]
    );
}

#[test]
fn a_date_cell_is_its_day_in_iso_text_or_as_a_day_number() {
    use super::sheet_date;
    let day = |s: &str| sheet_date(&CellValue::Date(s.into())).map(|d| d.to_string());
    assert_eq!(day("2025-03-01"), Some("2025-03-01".into()));
    assert_eq!(day("2025-03-01T00:00:00"), Some("2025-03-01".into()));
    assert_eq!(day("2025-03-01T09:30:00"), None);
    // Excel counts days from 1899-12-30: 45717 is 2025-03-01.
    assert_eq!(day("45717"), Some("2025-03-01".into()));
    assert_eq!(day("45717.5"), None);
    // Typed as text, only the ISO form.
    let text = |s: &str| sheet_date(&CellValue::Text(s.into())).map(|d| d.to_string());
    assert_eq!(text(" 2024-02-29 "), Some("2024-02-29".into()));
    assert_eq!(text("2023-02-29"), None);
    assert_eq!(text("45717"), None);
    // Chinese dates and full-width digits are not read, nor cut inside a character.
    assert_eq!(text("2024年11月3日"), None);
    assert_eq!(text("２０２４－１１－０３"), None);
    assert_eq!(text("2024-11-0３"), None);
    assert_eq!(sheet_date(&CellValue::Number(45717.0)), None);
}
