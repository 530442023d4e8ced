//! The arithmetic of SPEC §11 at its edges, through the binary: a half hundredth carried by
//! the one rounding (a weighted base, a mean of ratings), items exactly at their minimum and
//! one hundredth below, caps exactly equal to what they cap, negative points summing to
//! exactly 0 under `floor = "item"`, penalties taking the total below 0.

use crate::harness::{Fixture, record};
use crate::json::Scores;

const EDGES: &str = r#"title = "Edges"
bonus_cap = 3
penalty_cap = 8

[pass]
min_total = 16

[[items]]
id = "1"
title = "Study"
min = 6

[[items.points]]
id = "1.1"
title = "Lessons"
max = 8
max_deduction = 3

[[items.points]]
id = "1.2"
title = "Notes"
max = 2

[[items]]
id = "2"
title = "Conduct"
min = "50%"

[[items.points]]
id = "2.1"
title = "Duties"
max = 8

[[items]]
id = "3"
title = "Discipline"
floor = "item"
min = "50%"

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
max = 8

[[items]]
id = "4"
title = "Raters"

[[items.points]]
id = "4.1"
title = "Panel one"
max = 10

[[items.points]]
id = "4.2"
title = "Panel two"
max = 10

[[bonus]]
id = "B1"
title = "Commended (1.5 each time)"
per = 1.5

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

const WEIGHTED: &str = r#"title = "Weighted edges"

[[items]]
id = "A"
title = "Organisation"
weight = "50%"

[[items.points]]
id = "a1"
title = "Committee"
max = 16

[[items]]
id = "B"
title = "Education"
weight = "25%"

[[items.points]]
id = "b1"
title = "Lessons"
max = 8

[[items]]
id = "C"
title = "Service"
weight = "25%"

[[items.points]]
id = "c1"
title = "Volunteering"
max = 8
"#;

fn d(list: &[(&str, u32)]) -> String {
    let parts: Vec<String> = list
        .iter()
        .map(|(p, t)| format!("{{ points = {p}, times = {t}, reason = \"r\" }}"))
        .collect();
    format!("{{ deductions = [ {} ] }}", parts.join(", "))
}

fn edges() -> Fixture {
    let tie = "{ ratings = [8.02, 8.03] }";
    let rec = |branch: &str, tables: &str, points: &[(&str, String)]| {
        let body: String = points
            .iter()
            .map(|(id, v)| format!("\"{id}\" = {v}\n"))
            .collect();
        record(
            "Org",
            branch,
            "2024",
            &format!("{tables}\n[acceptance]\n{body}"),
        )
    };
    let s = |v: &str| v.to_string();
    Fixture::empty()
        .file("checklist.toml", EDGES)
        // Everything exactly at its edge.
        .file(
            "org/e1/2024.toml",
            rec(
                "e1",
                "[bonus]\nB1 = 2\n[penalties]\nP1 = 2\nP2 = 2\n",
                &[
                    ("1.1", d(&[("1.5", 2)])),
                    ("1.2", s("1")),
                    ("2.1", s("4")),
                    ("3.1", s("4")),
                    ("3.2", s("4")),
                    ("3.3", s("0")),
                    ("4.1", s(tie)),
                    ("4.2", s(tie)),
                ],
            ),
        )
        // One hundredth past each edge.
        .file(
            "org/e2/2024.toml",
            rec(
                "e2",
                "[bonus]\nB1 = 3\n[penalties]\nP1 = 3\nP2 = 2.01\n",
                &[
                    ("1.1", d(&[("1.5", 2), ("0.01", 1)])),
                    ("1.2", s("0.99")),
                    ("2.1", s("3.99")),
                    ("3.1", s("4")),
                    ("3.2", s("3.99")),
                    ("3.3", s("0")),
                    ("4.1", s(tie)),
                    ("4.2", s(tie)),
                ],
            ),
        )
        // Negative points summing to exactly 0, and to one hundredth either side.
        .file(
            "org/e3/2024.toml",
            rec(
                "e3",
                "",
                &[
                    ("1.1", s("8")),
                    ("1.2", s("2")),
                    ("2.1", s("8")),
                    ("3.1", d(&[("2", 4)])),
                    ("3.2", d(&[("3", 2)])),
                    ("3.3", s("6")),
                    ("4.1", s("10")),
                    ("4.2", s("10")),
                ],
            ),
        )
        .file(
            "org/e4/2024.toml",
            rec(
                "e4",
                "",
                &[
                    ("1.1", s("8")),
                    ("1.2", s("2")),
                    ("2.1", s("8")),
                    ("3.1", d(&[("2", 4)])),
                    ("3.2", d(&[("3", 2)])),
                    ("3.3", s("6.01")),
                    ("4.1", s("10")),
                    ("4.2", s("10")),
                ],
            ),
        )
        .file(
            "org/e5/2024.toml",
            rec(
                "e5",
                "",
                &[
                    ("1.1", s("8")),
                    ("1.2", s("2")),
                    ("2.1", s("8")),
                    ("3.1", d(&[("2", 4)])),
                    ("3.2", d(&[("3", 2), ("0.01", 1)])),
                    ("3.3", s("6")),
                    ("4.1", s("10")),
                    ("4.2", s("10")),
                ],
            ),
        )
        // Penalties past the base: the total stops at 0, the penalties show in full.
        .file(
            "org/e6/2024.toml",
            rec(
                "e6",
                "[penalties]\nP1 = 2\nP2 = 4\n",
                &[
                    ("1.1", s("5")),
                    ("1.2", s("1")),
                    ("2.1", s("0")),
                    ("3.1", s("0")),
                    ("3.2", s("0")),
                    ("3.3", s("0")),
                    ("4.1", s("0")),
                    ("4.2", s("0")),
                ],
            ),
        )
}

fn weighted() -> Fixture {
    let rec =
        |branch: &str, body: &str| record("Org", branch, "2024", &format!("[acceptance]\n{body}"));
    Fixture::empty()
        .file("checklist.toml", WEIGHTED)
        .file("org/t1/2024.toml", rec("t1", "a1 = 1.08\nb1 = 1\nc1 = 1\n"))
        .file("org/t2/2024.toml", rec("t2", "a1 = 1\nb1 = 1\nc1 = 1\n"))
        .file(
            "org/t3/2024.toml",
            rec("t3", "a1 = { ratings = [1.07, 1.08] }\nb1 = 1\nc1 = 1\n"),
        )
}

type Row<'a> = (&'a str, &'a str, Vec<f64>, f64, f64, f64, f64);

fn rows(json: &Scores) -> Vec<Row<'_>> {
    json.records
        .iter()
        .map(|r| {
            (
                r.branch.as_str(),
                r.status.as_str(),
                r.items.iter().map(|i| i.score).collect(),
                r.base,
                r.bonus,
                r.penalties,
                r.total,
            )
        })
        .collect()
}

#[test]
fn each_rule_s_arithmetic_at_its_edge() {
    let run = edges()
        .test(&["score", "--format", "json", "."])
        .stdout_inspected()
        .success();
    let json: Scores = run.json();
    // The exact 0 of a floored item is written 0, never -0.
    assert!(!run.stdout.contains("-0"), "{}", run.stdout);
    assert_eq!(
        rows(&json),
        [
            // 1: 8 − min(1.5 × 2, 3) + 1 = 6, exactly its minimum; 2: 4 of 8, exactly 50 %;
            // 3: 8 of 16. 4: each mean (8.02 + 8.03) / 2 = 8.025 → 8.03 by itself, 16.06.
            // Bonus 1.5 × 2 = 3 = bonus_cap; penalties 3 × 2 = 6 = P1's max, + 2 = 8 =
            // penalty_cap. 34.06 + 3 − 8 = 29.06.
            (
                "e1",
                "pass",
                vec![6.0, 4.0, 8.0, 16.06],
                34.06,
                3.0,
                8.0,
                29.06
            ),
            // The deductions 3.01 still stop at the cap 3: 5 + 0.99; 3.99 of 8; 7.99 of 16.
            // Bonus 4.5 → 3, penalties min(9, 6) + 2.01 → 8.
            (
                "e2",
                "fail",
                vec![5.99, 3.99, 7.99, 16.06],
                34.03,
                3.0,
                8.0,
                29.03
            ),
            // 3: (4 − 8) + (4 − 6) + 6 = −4 − 2 + 6 = exactly 0.
            (
                "e3",
                "fail",
                vec![10.0, 8.0, 0.0, 20.0],
                38.0,
                0.0,
                0.0,
                38.0
            ),
            // −4 − 2 + 6.01 = 0.01.
            (
                "e4",
                "fail",
                vec![10.0, 8.0, 0.01, 20.0],
                38.01,
                0.0,
                0.0,
                38.01
            ),
            // −4 − 2.01 + 6 = −0.01 → 0.
            (
                "e5",
                "fail",
                vec![10.0, 8.0, 0.0, 20.0],
                38.0,
                0.0,
                0.0,
                38.0
            ),
            // 6 − min(3 × 2 + 4, 8) = −2 → 0, the penalties 8 shown in full.
            ("e6", "fail", vec![6.0, 0.0, 0.0, 0.0], 6.0, 0.0, 8.0, 0.0),
        ]
    );
    let reasons: Vec<_> = json.records.iter().map(|r| r.reasons.as_slice()).collect();
    assert_eq!(
        reasons,
        [
            &[][..],
            &[
                "item 1 scored 5.99, below its minimum 6",
                "item 2 scored 49.88%, below its minimum 50%",
                "item 3 scored 49.94%, below its minimum 50%",
            ],
            &["item 3 scored 0%, below its minimum 50%"],
            &["item 3 scored 0.06%, below its minimum 50%"],
            &["item 3 scored 0%, below its minimum 50%"],
            &[
                "total 0.00 is below 16",
                "item 2 scored 0%, below its minimum 50%",
                "item 3 scored 0%, below its minimum 50%",
            ],
        ]
    );
}

#[test]
fn a_weighted_base_and_a_mean_carry_the_half_hundredth_once() {
    let json: Scores = weighted().test(&["score", "--format", "json", "."]).json(0);
    assert_eq!(
        rows(&json),
        [
            // 100 × (50 % × 1.08/16 + 25 % × 1/8 + 25 % × 1/8) = 3.375 + 3.125 + 3.125
            // = 9.625 → 9.63: up, away from zero, where half to even or truncation would
            // give 9.62, and rounding item by item 3.38 + 3.13 + 3.13 = 9.64.
            ("t1", "pass", vec![1.08, 1.0, 1.0], 9.63, 0.0, 0.0, 9.63),
            // 3.125 × 3 = 9.375 → 9.38 (item by item 9.39).
            ("t2", "pass", vec![1.0, 1.0, 1.0], 9.38, 0.0, 0.0, 9.38),
            // The mean (1.07 + 1.08) / 2 = 1.075 → 1.08 is the point's own rounding; the
            // base is then rounded once more, as t1's.
            ("t3", "pass", vec![1.08, 1.0, 1.0], 9.63, 0.0, 0.0, 9.63),
        ]
    );
}
