//! Several raters' ratings in a sheet cell (SPEC §11.8): "3; 2.5; good" is read as ratings,
//! each checked on its own, exported the same way, and written into a record file as
//! `ratings`.

use super::tests::{checklist, record, sheet};
use super::{export_rows, parse_grid};
use crate::author::apply::apply;
use crate::points::Points;
use crate::read::record::{Level, Value, value_points};

#[test]
fn a_cell_of_ratings_scores_their_mean() {
    let checklist = checklist();
    let grid = sheet(&[
        "org,branch,period,level,1.1,1.3",
        "A,x,2025,review,fair; 8 ;7.5,5；6",
    ]);
    let records = parse_grid(&checklist, &grid).unwrap();
    let values = &records[0].levels[&Level::Review];
    let means: Vec<(&str, Option<Points>)> = values
        .iter()
        .map(|(id, v)| {
            assert!(matches!(v, Value::Ratings(_)), "{id}");
            (id.as_str(), value_points(checklist.point(id).unwrap(), v))
        })
        .collect();
    // (7.5 + 8 + 7.5) / 3 = 7.666… → 7.67; (5 + 6) / 2 = 5.5.
    assert_eq!(
        means,
        [
            ("1.1", Some(Points::parse("7.67").unwrap())),
            ("1.3", Some(Points::parse("5.5").unwrap()))
        ]
    );
}

#[test]
fn each_rating_of_a_cell_is_checked_on_its_own() {
    let checklist = checklist();
    let grid = sheet(&[
        "org,branch,period,level,1.1,1.2,1.3",
        "A,x,2025,review,8; 11,4; na,7.25; 7",
        "A,y,2025,review,8;,,",
    ]);
    let problems: Vec<String> = parse_grid(&checklist, &grid)
        .unwrap_err()
        .iter()
        .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        problems,
        [
            "s.csv:2:5: error: E2: point 1.1: \"8; 11\": rating 2: score 11 exceeds its max 10",
            "s.csv:2:6: error: F2: point 1.2: \"4; na\": rating 2 cannot be \"na\"",
            "s.csv:2:7: error: G2: point 1.3: \"7.25; 7\": rating 1: score 7.25 is not a multiple of its step 0.5",
            "s.csv:3:5: error: E3: point 1.1: \"8;\": rating 2: not filled in",
        ]
    );
}

#[test]
fn ratings_are_exported_as_a_cell_and_imported_as_ratings() {
    let checklist = checklist();
    let text = "org = \"A\"\nbranch = \"x\"\nperiod = \"2025\"\n\n[review]\n\
                \"1.1\" = { ratings = [\"fair\", 8, 7.5], note = \"three raters\" }\n\"1.2\" = 5\n\"1.3\" = 5\n";
    let existing = record(&checklist, text);
    let rows = export_rows(&checklist, &[&existing], false);
    assert_eq!(rows[0][4].csv(), "fair; 8; 7.5");

    // The exported cell reads back as the same value: the file stays as it is.
    let grid = sheet(&[
        "org,branch,period,level,1.1",
        "A,x,2025,review,fair; 8; 7.5",
    ]);
    let sheet_record = &parse_grid(&checklist, &grid).unwrap()[0];
    let update = apply(&checklist, sheet_record, Some((text, &existing))).unwrap();
    assert_eq!(update.text, text);

    // Other ratings replace the file's, keeping its note; a score replaces ratings.
    let grid = sheet(&[
        "org,branch,period,level,1.1,1.3",
        "A,x,2025,review,good; 8,5.5; 6",
    ]);
    let sheet_record = &parse_grid(&checklist, &grid).unwrap()[0];
    let update = apply(&checklist, sheet_record, Some((text, &existing))).unwrap();
    assert!(
        update
            .text
            .contains("\"1.1\" = { ratings = [\"good\", 8], note = \"three raters\" }"),
        "{}",
        update.text
    );
    assert!(
        update.text.contains("\"1.3\" = { ratings = [5.5, 6] }"),
        "{}",
        update.text
    );
    let grid = sheet(&["org,branch,period,level,1.1", "A,x,2025,review,7.5"]);
    let sheet_record = &parse_grid(&checklist, &grid).unwrap()[0];
    let update = apply(&checklist, sheet_record, Some((text, &existing))).unwrap();
    assert!(
        update
            .text
            .contains("\"1.1\" = { note = \"three raters\", score = 7.5 }"),
        "{}",
        update.text
    );
}
