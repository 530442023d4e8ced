//! Measures (SPEC §11.7) and several raters (§11.8), through the binary: scores, statuses,
//! reasons, the JSON fields they add, and what `explain` shows.

use crate::harness::{Fixture, MINI_CHECKLIST, record};
use crate::json::{Band, Explained, Measure, PointMeasure, Rating, Scores};

const CHECKLIST: &str = r#"title = "Measures and raters"

[pass]
min_total = 16

[[measures]]
id = "M1"
title = "Share of members who volunteered"

[[items]]
id = "1"
title = "Meetings"

[[items.points]]
id = "1.1"
title = "Content"
max = 10
grades = { excellent = 10, good = 8, fair = 6 }

[[items.points]]
id = "1.2"
title = "Attendance"
max = 10

[[items.points]]
id = "1.3"
title = "Volunteers"
max = 4
derive = "M1"
bands = [ { min = "75%", points = 4 }, { min = "50%", points = 2 } ]
"#;

fn fixture() -> Fixture {
    Fixture::empty()
        .file("checklist.toml", CHECKLIST)
        .file(
            "o/u1/2024.toml",
            record(
                "O",
                "u1",
                "2024",
                "[measures]\nM1 = { of = 24, count = 18 }\n\n[acceptance]\n\
                 \"1.1\" = { ratings = [\"excellent\", \"good\", 7], note = \"three raters\" }\n\
                 \"1.2\" = { ratings = [8, 8, 7] }\n",
            ),
        )
        .file(
            "o/u2/2024.toml",
            record(
                "O",
                "u2",
                "2024",
                "[measures]\nM1 = \"70%\"\n\n[acceptance]\n\"1.1\" = { ratings = [9, 8, 8] }\n\"1.2\" = { ratings = [8, 7, 5] }\n",
            ),
        )
        .file(
            "o/u3/2024.toml",
            record("O", "u3", "2024", "[acceptance]\n\"1.1\" = 10\n\"1.2\" = 10\n"),
        )
}

#[test]
fn ratings_score_their_mean_and_measures_their_band() {
    let scores: Scores = fixture().test(&["score", "--format", "json"]).json(0);
    let figures: Vec<(&str, &str, f64)> = scores
        .records
        .iter()
        .map(|r| (r.branch.as_str(), r.status.as_str(), r.total))
        .collect();
    // u1: 8.33 + 7.67 + 4 (18/24 = 75 %) = 20; u2: 8.33 + 6.67 + 2 (70 %) = 17;
    // u3: 20 + 0, but M1 is missing: incomplete, no survey asked for.
    assert_eq!(
        figures,
        [
            ("u1", "pass", 20.0),
            ("u2", "pass", 17.0),
            ("u3", "incomplete", 20.0)
        ]
    );
    assert_eq!(scores.records[2].reasons, ["measure M1 is missing"]);
    assert_eq!(scores.records[2].reason_codes, ["measure-missing"]);
    assert_eq!(
        scores.records[0].measures,
        Some(vec![Measure {
            id: "M1".into(),
            rate: Some(0.75),
            count: Some(18),
            of: Some(24),
        }])
    );
    assert_eq!(
        scores.records[2].measures,
        Some(vec![Measure {
            id: "M1".into(),
            rate: None,
            count: None,
            of: None,
        }])
    );
}

#[test]
fn check_warns_of_a_missing_measure() {
    fixture()
        .test(&["check", "o/u3/2024.toml"])
        .stdout("1 record file checked: 0 errors, 1 warning\n")
        .stderr(
            "o/u3/2024.toml:1:1: warning: measure M1 is missing (points 1.3 derive from it): the record is incomplete\n \
             1 | org = \"O\"\n   | ^\n",
        )
        .success();
}

#[test]
fn explain_shows_the_ratings_the_mean_and_the_measure() {
    let run = fixture()
        .test(&["explain", "o/u1/2024.toml"])
        .stdout_inspected()
        .success();
    insta::assert_snapshot!(run.stdout);
    let missing = fixture()
        .test(&["explain", "o/u3/2024.toml"])
        .stdout_inspected()
        .success();
    insta::assert_snapshot!("explain_a_missing_measure", missing.stdout);
}

#[test]
fn explain_json_lists_ratings_and_the_measure_band() {
    let json: Explained = fixture()
        .test(&["explain", "--format", "json", "o/u1/2024.toml"])
        .json(0);
    let p = &json.points;
    assert_eq!((p[0].how.as_str(), p[0].score), ("ratings", 8.33));
    assert_eq!(
        p[0].ratings,
        Some(vec![
            Rating {
                points: 10.0,
                grade: Some("excellent".into())
            },
            Rating {
                points: 8.0,
                grade: Some("good".into())
            },
            Rating {
                points: 7.0,
                grade: None
            },
        ])
    );
    assert_eq!(p[0].note.as_deref(), Some("three raters"));
    assert_eq!((p[2].how.as_str(), p[2].score), ("derived", 4.0));
    assert_eq!(
        p[2].measure,
        Some(PointMeasure {
            id: "M1".into(),
            rate: Some(0.75),
            band: Some(Band {
                min: 0.75,
                points: 4.0
            }),
        })
    );
    assert_eq!(p[1].measure, None);
}

#[test]
fn a_checklist_without_measures_writes_no_measures_field() {
    let run = Fixture::empty()
        .file("checklist.toml", MINI_CHECKLIST)
        .file(
            "a/b/2022.toml",
            record("A", "B", "2022", &crate::harness::full_acceptance(9, 10)),
        )
        .test(&["score", "--format", "json"])
        .stdout_inspected()
        .success();
    assert!(!run.stdout.contains("measures"), "{}", run.stdout);
    assert!(!run.stdout.contains("ratings"), "{}", run.stdout);
}

#[test]
fn a_bad_rating_is_an_error_with_its_position() {
    fixture()
        .file(
            "o/u2/2024.toml",
            record("O", "u2", "2024", "[measures]\nM1 = 0.7\n\n[acceptance]\n\"1.1\" = { ratings = [9, \"great\"] }\n\"1.2\" = { ratings = [] }\n"),
        )
        .test(&["check", "o/u2/2024.toml"])
        .stdout("1 record file checked: 2 errors, 0 warnings\n")
        .stderr(concat!(
            "o/u2/2024.toml:9:25: error: rating 2 of [acceptance] point 1.1: unknown grade \"great\" (grades: excellent, good, fair)\n",
            " 9 | \"1.1\" = { ratings = [9, \"great\"] }\n",
            "   |                         ^^^^^^^\n",
            "o/u2/2024.toml:10:21: error: [acceptance] point 1.2: `ratings` is empty; give at least one rating\n",
            " 10 | \"1.2\" = { ratings = [] }\n",
            "    |                     ^^\n",
        ))
        .status(2);
}
