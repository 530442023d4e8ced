//! `audit explain`: what a branch secretary reads to understand a score.

use crate::harness::{Fixture, record};
use crate::json::Explained;

const RECORD: &str = r#"[satisfaction]
surveyed = 52
satisfied = 48

[bonus]
B1 = 1

[self]
"1.1" = "good"
"1.2" = 5
"2.1" = 10
"2.2" = 10
"3.2" = 5
"3.3" = 5

[acceptance]
"1.1" = { score = "fair", note = "支委会缺一名委员三个月" }
"1.2" = { score = "na", note = "支部未设党小组" }
"2.1" = 9.5
"2.2" = { deductions = [ { points = 1.5, times = 2, reason = "two lectures missing" }, { points = 0.5, reason = "一次党课无记录" } ], evidence = ["minutes/lectures.md"] }
"3.2" = 4
"3.3" = 5
"#;

fn fixture() -> Fixture {
    Fixture::mini()
        .file(
            "sx/second/2022.toml",
            record("山西证券", "第二党支部", "2022", RECORD),
        )
        .file("minutes/lectures.md", "minutes")
}

#[test]
fn explains_each_point_and_the_result() {
    let run = fixture()
        .test(&["explain", "sx/second/2022.toml"])
        .stdout_inspected()
        .status(0);
    // 7.5 + 9.5 + (10 − 3 − 0.5) + 4 (92.31 % ≥ 90 %) + 4 + 5 = 36.5 of 45 applicable
    // → 36.5 × 50 / 45 = 40.555… → 40.56; + bonus 1 = 41.56 < 45.
    // Item 1 lost 2.50, not 7.50: its "na" point 1.2 (max 5) is out of what it could score.
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explains_another_level_on_request() {
    let run = fixture()
        .test(&[
            "explain",
            "--level",
            "self",
            "--format",
            "json",
            "sx/second/2022.toml",
        ])
        .stdout_inspected()
        .status(0);
    let json: Explained = run.json();
    assert_eq!(json.record.level.as_deref(), Some("self"));
    // 10 + 5 + 10 + 10 + 4 + 5 + 5 = 49, + bonus 1
    assert_eq!(json.record.base, 49.0);
    assert_eq!(json.record.total, 50.0);
    assert_eq!(json.points[0].how, "grade");
    assert_eq!(json.points[0].grade.as_deref(), Some("good"));
}

#[test]
fn json_lists_deductions_with_reasons() {
    let run = fixture()
        .test(&["explain", "--format", "json", "sx/second/2022.toml"])
        .stdout_inspected()
        .status(0);
    let json: Explained = run.json();
    assert_eq!(json.record.base, 40.56);
    assert_eq!(json.record.total, 41.56);
    assert_eq!(json.record.status, "fail");
    assert_eq!(json.raw_base, 36.5);
    assert_eq!(json.applicable, 45.0);
    let p22 = &json.points[3];
    assert_eq!(p22.id, "2.2");
    assert_eq!(p22.score, 6.5);
    assert_eq!(p22.deductions[0].reason, "two lectures missing");
    assert_eq!(p22.deductions[0].times, 2);
    assert_eq!(p22.deductions[1].points, 0.5);
    assert_eq!(json.points[1].how, "na");
    assert_eq!(json.points[1].note.as_deref(), Some("支部未设党小组"));
}

#[test]
fn an_invalid_record_is_reported_not_explained() {
    Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", "[acceptance]\n\"1.1\" = \"superb\"\n"),
        )
        .test(&["explain", "a/2022.toml"]).stderr(
        r#"a/2022.toml:6:9: error: [acceptance] point 1.1: unknown grade "superb" (grades: good, fair, poor)
 6 | "1.1" = "superb"
   |         ^^^^^^^^
"#,
    ).status(2);
}

#[test]
fn explaining_a_level_the_record_lacks_names_the_levels_present_and_prints_no_figure() {
    let fx = Fixture::mini().file(
        "a/2022.toml",
        record(
            "A",
            "a",
            "2022",
            "[satisfaction]\nsurveyed = 10\nsatisfied = 10\n\n[self]\n\"1.1\" = \"good\"\n",
        ),
    );
    for format in ["table", "json"] {
        fx.test(&[
            "explain",
            "--level",
            "review",
            "--format",
            format,
            "a/2022.toml",
        ])
        .stderr("a/2022.toml has no review level; levels present: self\n")
        .status(2);
    }
    fx.test(&[
        "--lang",
        "zh",
        "explain",
        "--level",
        "acceptance",
        "a/2022.toml",
    ])
    .stderr("a/2022.toml 没有验收层级；已有层级：自查\n")
    .status(2);
}
