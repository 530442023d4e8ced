//! The item rules of published tables (SPEC §11.2–11.4): a deduction cap on a point, item
//! minimums and the item floor, item weights; what `score` and `explain` show of each.

use crate::harness::{Fixture, record};
use crate::json::Scores;

const CAP: &str = r#"title = "Deduction cap"

[pass]
min_total = 6

[[items]]
id = "2"
title = "Meetings"

[[items.points]]
id = "2.1"
title = "Committee meetings"
max = 8
max_deduction = 3

[[items.points]]
id = "2.2"
title = "Minutes"
max = 2
"#;

const RULES: &str = r#"title = "Item rules"

[pass]
min_total = 16
min_item = "50%"

[[items]]
id = "1"
title = "Study"
min = 6

[[items.points]]
id = "1.1"
title = "Lessons"
max = 5

[[items.points]]
id = "1.2"
title = "Notes"
max = 5

[[items]]
id = "2"
title = "Conduct"

[[items.points]]
id = "2.1"
title = "Duties"
max = 8

[[items]]
id = "3"
title = "Discipline"
floor = "item"

[[items.points]]
id = "3.1"
title = "Attendance"
max = 4

[[items.points]]
id = "3.2"
title = "Dues"
max = 4

[[items.points]]
id = "3.3"
title = "Reports"
max = 4
"#;

const WEIGHTS: &str = r#"title = "Item weights"

[pass]
min_total = 80

[expect]
total = 43

[[items]]
id = "A"
title = "Organisation"
weight = "40%"

[[items.points]]
id = "a1"
title = "Committee"
max = 10

[[items.points]]
id = "a2"
title = "Groups"
max = 10
optional = true

[[items]]
id = "B"
title = "Education"
weight = "35%"

[[items.points]]
id = "b1"
title = "Lessons"
max = 3

[[items]]
id = "C"
title = "Service"
weight = "25%"

[[items.points]]
id = "c1"
title = "Volunteering"
max = 20
"#;

fn acceptance(branch: &str, body: &str) -> String {
    record("Org", branch, "2024", &format!("[acceptance]\n{body}"))
}

fn deductions(points: &str, times: u32, reason: &str) -> String {
    format!(
        "{{ deductions = [ {{ points = {points}, times = {times}, reason = \"{reason}\" }} ] }}"
    )
}

fn cap() -> Fixture {
    Fixture::empty()
        .file("checklist.toml", CAP)
        .file(
            "org/r1/2024.toml",
            acceptance(
                "r1",
                &format!(
                    "\"2.1\" = {}\n\"2.2\" = {}\n",
                    deductions("1", 5, "five meetings missed"),
                    deductions("1", 3, "three sets of minutes missing")
                ),
            ),
        )
        .file(
            "org/r3/2024.toml",
            acceptance("r3", "\"2.1\" = 1\n\"2.2\" = 2\n"),
        )
}

fn rules() -> Fixture {
    Fixture::empty()
        .file("checklist.toml", RULES)
        .file(
            "org/g1/2024.toml",
            acceptance(
                "g1",
                &format!(
                    "\"1.1\" = 3\n\"1.2\" = 3\n\"2.1\" = 4\n\"3.1\" = {}\n\"3.2\" = 4\n\"3.3\" = 4\n",
                    deductions("2", 3, "three absences")
                ),
            ),
        )
        .file(
            "org/g2/2024.toml",
            acceptance(
                "g2",
                "\"1.1\" = 2.5\n\"1.2\" = 3\n\"2.1\" = 8\n\"3.1\" = 4\n\"3.2\" = 4\n\"3.3\" = 4\n",
            ),
        )
        .file(
            "org/g3/2024.toml",
            acceptance(
                "g3",
                &format!(
                    "\"1.1\" = 5\n\"1.2\" = 5\n\"2.1\" = 8\n\"3.1\" = {}\n\"3.2\" = 2\n\"3.3\" = 1\n",
                    deductions("1.5", 6, "six absences")
                ),
            ),
        )
}

fn weights() -> Fixture {
    Fixture::empty()
        .file("checklist.toml", WEIGHTS)
        .file(
            "org/w2/2024.toml",
            acceptance("w2", "a1 = 8\na2 = \"na\"\nb1 = 2.4\nc1 = 18\n"),
        )
        .file(
            "org/w3/2024.toml",
            acceptance("w3", "a1 = 9\na2 = \"na\"\nb1 = 1\nc1 = 17.1\n"),
        )
}

#[test]
fn a_capped_point_loses_at_most_its_cap_and_a_number_is_unaffected() {
    let json: Scores = cap().test(&["score", "--format", "json", "."]).json(0);
    let figures: Vec<_> = json
        .records
        .iter()
        .map(|r| (r.branch.as_str(), r.status.as_str(), r.total))
        .collect();
    // r1: 8 − min(5, 3) = 5, 2.2 floored at 0 → 5 < 6. r3: 1 + 2 = 3.
    assert_eq!(figures, [("r1", "fail", 5.0), ("r3", "fail", 3.0)]);
}

#[test]
fn an_item_below_its_minimum_fails_the_record_whatever_its_total() {
    let json: Scores = rules().test(&["score", "--format", "json", "."]).json(0);
    let figures: Vec<_> = json
        .records
        .iter()
        .map(|r| {
            let items: Vec<f64> = r.items.iter().map(|i| i.score).collect();
            (r.branch.as_str(), r.status.as_str(), r.total, items)
        })
        .collect();
    assert_eq!(
        figures,
        [
            // 3.1 = 4 − 6 = −2 kept within the item: −2 + 4 + 4 = 6; each minimum met exactly.
            ("g1", "pass", 16.0, vec![6.0, 4.0, 6.0]),
            ("g2", "fail", 25.5, vec![5.5, 8.0, 12.0]),
            // max(0, 4 − 9 + 2 + 1) = 0
            ("g3", "fail", 18.0, vec![10.0, 8.0, 0.0]),
        ]
    );
    assert_eq!(
        json.records[1].reasons,
        ["item 1 scored 5.50, below its minimum 6"]
    );
    assert_eq!(json.records[1].reason_codes, ["item-below-min"]);
    assert_eq!(
        json.records[2].reasons,
        ["item 3 scored 0%, below its minimum 50%"]
    );
}

#[test]
fn a_weighted_checklist_scores_out_of_its_scale() {
    let json: Scores = weights().test(&["score", "--format", "json", "."]).json(0);
    // The full mark is the scale, while [expect] total still checks the point maxima (43).
    assert_eq!(json.checklist.total, 100.0);
    let figures: Vec<_> = json
        .records
        .iter()
        .map(|r| (r.branch.as_str(), r.status.as_str(), r.base))
        .collect();
    // w2: 40 × 8/10 + 35 × 2.4/3 + 25 × 18/20 = 82.5 (no N/A normalisation on top).
    // w3: 36 + 11.666… + 21.375 = 69.041… → 69.04, one rounding.
    assert_eq!(figures, [("w2", "pass", 82.5), ("w3", "fail", 69.04)]);
    let item_a = &json.records[0].items[0];
    assert_eq!(
        (item_a.score, item_a.max, item_a.applicable),
        (8.0, 20.0, 10.0)
    );
}

#[test]
fn every_problem_of_the_item_rules_is_reported_with_its_position() {
    let checklist = r#"title = "Broken"
scale = 0

[[items]]
id = "1"
title = "A"
min = 20
floor = "items"
weight = "40%"

[[items.points]]
id = "1.1"
title = "a"
max = 8
max_deduction = 9

[[items.points]]
id = "1.2"
title = "b"
max = 2
max_deduction = 0

[[items]]
id = "2"
title = "B"
weight = "50%"

[[items.points]]
id = "2.1"
title = "c"
max = 5

[[items]]
id = "3"
title = "C"

[[items.points]]
id = "3.1"
title = "d"
max = 5
"#;
    Fixture::empty()
        .file("checklist.toml", checklist)
        .test(&["check", "."])
        .stdout("0 record files checked: 7 errors, 0 warnings\n")
        .stderr(
            r#"checklist.toml:2:9: error: `scale` of the checklist must be greater than 0
 2 | scale = 0
   |         ^
checklist.toml:7:7: error: item 1: `min` is 20, above its max 10
 7 | min = 20
   |       ^^
checklist.toml:8:9: error: `floor` of item 1 must be "item" or "point", not "items"
 8 | floor = "items"
   |         ^^^^^^^
checklist.toml:9:10: error: the item weights add up to 90%, not 100%
 9 | weight = "40%"
   |          ^^^^^
checklist.toml:15:17: error: `max_deduction` of point 1.1 is 9, above its max 8
 15 | max_deduction = 9
    |                 ^
checklist.toml:21:17: error: `max_deduction` of point 1.2 must be greater than 0
 21 | max_deduction = 0
    |                 ^
checklist.toml:33:1: error: item 3 has no `weight`, but other items do: give every item a weight, or none
 33 | [[items]]
    | ^^^^^^^^^
"#,
        )
        .status(2);
}

#[test]
fn explain_shows_the_cap_on_a_point() {
    let run = cap()
        .test(&["explain", "org/r1/2024.toml"])
        .stdout_inspected()
        .status(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_shows_the_item_floor_and_minimums() {
    let run = rules()
        .test(&["explain", "org/g3/2024.toml"])
        .stdout_inspected()
        .status(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_shows_each_item_s_share_and_weight() {
    let run = weights()
        .test(&["explain", "org/w3/2024.toml"])
        .stdout_inspected()
        .status(0);
    insta::assert_snapshot!(run.stdout);
}
