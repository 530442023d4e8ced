//! Measures in the sheet (SPEC §11.7): a column per measure holding counts ("18/24") or a
//! rate, checked cell by cell, exported the same way and written into a record's
//! `[measures]`.

use super::tests::sheet;
use super::{SheetMeasure, export_columns, export_rows, parse_grid};
use crate::author::apply::apply;
use crate::diagnostic::SourceFile;
use crate::read::checklist::Checklist;
use crate::read::record::Record;

const CHECKLIST: &str = r#"title = "Measures"

[[measures]]
id = "M1"
title = "Volunteers"

[[items]]
id = "1"
title = "Work"

[[items.points]]
id = "1.1"
title = "Plan"
max = 10

[[items.points]]
id = "1.2"
title = "Volunteers"
max = 4
derive = "M1"
bands = [ { min = "75%", points = 4 } ]
"#;

fn checklist() -> Checklist {
    Checklist::parse(SourceFile::new("checklist.toml", CHECKLIST)).unwrap()
}

fn first_lines(checklist: &Checklist, lines: &[&str]) -> Vec<String> {
    parse_grid(checklist, &sheet(lines))
        .unwrap_err()
        .iter()
        .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_measure_column_holds_counts_or_a_rate() {
    let c = checklist();
    assert_eq!(
        export_columns(&c, false).join(","),
        "org,branch,period,level,1.1,surveyed,satisfied,rate,M1"
    );
    let grid = sheet(&[
        "org,branch,period,level,1.1,M1",
        "A,x,2025,review,9, 18 / 24",
        "A,x,2025,acceptance,9,",
        "A,y,2025,review,9,75%",
        "A,z,2025,review,9,0.5",
    ]);
    let records = parse_grid(&c, &grid).unwrap();
    let measures: Vec<SheetMeasure> = records.iter().map(|r| r.measures["M1"].clone()).collect();
    assert_eq!(
        measures,
        [
            SheetMeasure::Counts { count: 18, of: 24 },
            SheetMeasure::Rate("75%".into()),
            SheetMeasure::Rate("0.5".into()),
        ]
    );
    assert_eq!(
        first_lines(
            &c,
            &[
                "org,branch,period,level,1.1,M1",
                "A,a,2025,review,9,25/24",
                "A,b,2025,review,9,3/0",
                "A,c,2025,review,9,many/24",
                "A,d,2025,review,9,150%",
                "A,e,2025,review,9,1/2",
                "A,e,2025,acceptance,9,2/2",
            ]
        ),
        [
            "s.csv:2:6: error: F2: measure M1: `count` (25) exceeds `of` (24)",
            "s.csv:3:6: error: F3: measure M1: `of` must be at least 1, got 0",
            "s.csv:4:6: error: F4: measure M1: \"many/24\" is not counts such as 18/24 (count/of) nor a rate",
            "s.csv:5:6: error: F5: measure M1: \"150%\" is not between 0% and 100%",
            "s.csv:7:6: error: F7: measure M1 differs from row 6 of the same record",
        ]
    );
}

#[test]
fn measures_are_exported_and_imported_into_the_record() {
    let c = checklist();
    let text = "org = \"A\"\nbranch = \"x\"\nperiod = \"2025\"\n\n[measures]\nM1 = { of = 24, count = 18 }\n\n[review]\n\"1.1\" = 9\n";
    let (existing, problems) = Record::parse(SourceFile::new("a.toml", text), &c, None);
    assert_eq!(problems, []);
    let existing = existing.unwrap();
    let rows = export_rows(&c, &[&existing], false);
    let cells: Vec<String> = rows[0].iter().map(|x| x.csv()).collect();
    assert_eq!(
        cells,
        ["A", "x", "2025", "review", "9", "", "", "", "18/24"]
    );

    // The same counts leave the file as it is; others are a change, written as counts.
    let same = sheet(&["org,branch,period,level,1.1,M1", "A,x,2025,review,9,18/24"]);
    let update = apply(
        &c,
        &parse_grid(&c, &same).unwrap()[0],
        Some((text, &existing)),
    )
    .unwrap();
    assert_eq!((update.text.as_str(), update.changes.len()), (text, 0));
    let other = sheet(&["org,branch,period,level,1.1,M1", "A,x,2025,review,9,19/24"]);
    let update = apply(
        &c,
        &parse_grid(&c, &other).unwrap()[0],
        Some((text, &existing)),
    )
    .unwrap();
    assert!(
        update.text.contains("M1 = { of = 24, count = 19 }"),
        "{}",
        update.text
    );
    assert_eq!(update.changes.len(), 1);

    // A new record gets a [measures] table; a rate stays as written.
    let new = sheet(&["org,branch,period,level,1.1,M1", "A,n,2025,review,9,75%"]);
    let update = apply(&c, &parse_grid(&c, &new).unwrap()[0], None).unwrap();
    assert!(
        update.text.contains("[measures]\nM1 = \"75%\"\n"),
        "{}",
        update.text
    );
    let (written, problems) = Record::parse(SourceFile::new("n.toml", &update.text), &c, None);
    assert_eq!(problems, []);
    assert!(written.unwrap().measures[0].is_some());
}
