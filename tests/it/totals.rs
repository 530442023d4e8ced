//! Penalties, counted bonus, bands for failing records and a level's own tables
//! (SPEC §11.5, 11.6, 11.10), as `score` and `explain` show them.

use crate::harness::{Fixture, record};
use crate::json::Scores;

const CHECKLIST: &str = r#"title = "Totals"
bonus_cap = 6
penalty_cap = 8

[pass]
min_total = 40

[[bands]]
name = "good"
min_total = 45
status = "pass"
[[bands]]
name = "not yet"
status = "fail"

[[items]]
id = "1"
title = "Work"
[[items.points]]
id = "1.1"
title = "Plans"
max = 25
[[items.points]]
id = "1.2"
title = "Results"
max = 25

[[vetoes]]
id = "V1"
title = "Heavy discipline"

[[bonus]]
id = "B1"
title = "Commended (2 each time)"
per = 2
[[bonus]]
id = "B2"
title = "Award"
max = 1.5

[[penalties]]
id = "P1"
title = "Named in a circular (3 each time, at most 6)"
per = 3
max = 6
[[penalties]]
id = "P2"
title = "Late statistics"
max = 4
"#;

fn fixture() -> Fixture {
    Fixture::empty()
        .file("checklist.toml", CHECKLIST)
        .file(
            "org/a/2024.toml",
            record(
                "Org",
                "a",
                "2024",
                "[bonus]\nB1 = 2\nB2 = 1\n[penalties]\nP1 = 1\n\n[acceptance]\n\"1.1\" = 21\n\"1.2\" = 25\n",
            ),
        )
        .file(
            "org/b/2024.toml",
            record(
                "Org",
                "b",
                "2024",
                "[bonus]\nB1 = 4\n[penalties]\nP1 = 3\nP2 = 3.5\n\n[acceptance]\n\"1.1\" = 25\n\"1.2\" = 16\n",
            ),
        )
        .file(
            "org/c/2024.toml",
            record(
                "Org",
                "c",
                "2024",
                "[vetoes]\nV1 = true\n[penalties]\nP1 = 1\n\n[review]\n\"1.1\" = 2\n\"1.2\" = 1\n\n\
                 [review.penalties]\nP1 = 2\nP2 = 4\n",
            ),
        )
}

#[test]
fn score_subtracts_capped_penalties_and_names_failing_records() {
    let json: Scores = fixture().test(&["score", "--format", "json", "."]).json(0);
    let figures: Vec<_> = json
        .records
        .iter()
        .map(|r| {
            (
                r.branch.as_str(),
                r.status.as_str(),
                r.base,
                r.bonus,
                r.penalties,
                r.total,
                r.band.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        figures,
        [
            // 46 + (2 × 2 + 1) − 3 × 1 = 48 → pass, good.
            ("a", "pass", 46.0, 5.0, 3.0, 48.0, Some("good")),
            // 41 + min(2 × 4, 6) − min(min(3 × 3, 6) + 3.5, 8) = 41 + 6 − 8 = 39 → fail.
            ("b", "fail", 41.0, 6.0, 8.0, 39.0, Some("not yet")),
            // The review's own penalties replace the record's: 3 − min(6 + 4, 8) → 0, the
            // penalties shown in full; vetoed, it still gets the condition-less band.
            ("c", "fail", 3.0, 0.0, 8.0, 0.0, Some("not yet")),
        ]
    );
}

#[test]
fn the_table_gains_a_penalties_column_only_when_the_checklist_has_penalties() {
    let run = fixture()
        .test(&["score", "--format", "csv", "."])
        .stdout_inspected()
        .status(0);
    let header = run.stdout.lines().next().unwrap_or_default();
    assert_eq!(
        header,
        "org,branch,period,level,base,bonus,penalties,total,satisfaction,band,status,reasons"
    );
    assert!(
        run.stdout
            .contains("\nOrg,b,2024,acceptance,41.00,6.00,8.00,39.00,,not yet,fail,")
    );
    let without = CHECKLIST.split("[[penalties]]").next().unwrap_or_default();
    let run = Fixture::empty()
        .file("checklist.toml", without)
        .file(
            "org/a/2024.toml",
            record(
                "Org",
                "a",
                "2024",
                "[acceptance]\n\"1.1\" = 20\n\"1.2\" = 20\n",
            ),
        )
        .test(&["score", "--format", "csv", "."])
        .stdout_inspected()
        .status(0);
    assert_eq!(
        run.stdout,
        "org,branch,period,level,base,bonus,total,satisfaction,band,status,reasons\n\
         Org,a,2024,acceptance,40.00,0.00,40.00,,,pass,\n"
    );
}

#[test]
fn explain_lists_each_penalty_like_each_bonus() {
    let run = fixture()
        .test(&["explain", "org/b/2024.toml"])
        .stdout_inspected()
        .status(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_shows_where_the_total_stopped_at_0() {
    let run = fixture()
        .test(&["explain", "org/c/2024.toml"])
        .stdout_inspected()
        .status(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_level_table_and_counts_are_checked_with_their_positions() {
    let run = fixture()
        .file(
            "org/d/2024.toml",
            record(
                "Org",
                "d",
                "2024",
                "[acceptance]\n\"1.1\" = 1\n\"1.2\" = 1\n[acceptance.penalties]\nP1 = 0.5\nP3 = 1\n",
            ),
        )
        .test(&["check", "."])
        .stdout("4 record files checked: 2 errors, 0 warnings\n")
        .stderr_inspected()
        .status(2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn penalties_and_counts_go_through_the_office_sheet_unchanged() {
    let from = Fixture::empty()
        .file("checklist.toml", CHECKLIST)
        .file("org/b/2024.toml", fixture().read("org/b/2024.toml"));
    let to = Fixture::empty().file("checklist.toml", CHECKLIST);
    let sheet = to.join("sheet.csv");
    let sheet = sheet.to_str().unwrap_or_default();
    from.test(&["export-sheet", "-o", sheet]).status(0);
    assert_eq!(
        std::fs::read_to_string(sheet).unwrap_or_default(),
        "org,branch,period,level,1.1,1.2,surveyed,satisfied,rate,V1,B1,B2,P1,P2\n\
         Org,b,2024,acceptance,25,16,,,,,4,,3,3.5\n"
    );
    to.test(&["import", "sheet.csv"])
        .stdout("imported 1 row of sheet.csv: 1 new record, 0 updated, 0 unchanged\n")
        .status(0);
    let json: Scores = to.test(&["score", "--format", "json", "."]).json(0);
    let r = &json.records[0];
    // The counts stay counts: 41 + min(2 × 4, 6) − min(min(3 × 3, 6) + 3.5, 8) = 39.
    assert_eq!((r.bonus, r.penalties, r.total), (6.0, 8.0, 39.0));
}
