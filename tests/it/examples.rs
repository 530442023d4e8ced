//! The shipped reference checklist and example records repository.

use crate::harness::{Test, repo};
use crate::json::Scores;

#[test]
fn example_checklist_is_the_reference_checklist() {
    let top = std::fs::read_to_string(repo().join("checklist.toml")).unwrap();
    let copy = std::fs::read_to_string(repo().join("examples/records/checklist.toml")).unwrap();
    assert!(
        top == copy,
        "examples/records/checklist.toml differs from checklist.toml"
    );
    assert_eq!(audit::REFERENCE_CHECKLIST, top);
}

#[test]
fn reference_checklist_has_10_items_33_points_100_points() {
    let run = Test::in_dir(repo(), &["score", "--format", "json", "examples/records"])
        .stdout_inspected()
        .status(0);
    let json: Scores = run.json();
    assert_eq!(json.checklist.total, 100.0);
    assert_eq!(json.checklist.version.as_deref(), Some("2021-08"));
    let first = &json.records[0];
    assert_eq!(first.items.len(), 10);
    let maxes: Vec<f64> = first.items.iter().map(|i| i.max).collect();
    assert_eq!(
        maxes,
        vec![8.0, 10.0, 12.0, 16.0, 10.0, 6.0, 6.0, 12.0, 10.0, 10.0]
    );
}

#[test]
fn examples_check_clean() {
    Test::in_dir(repo(), &["check", "examples/records"]).stdout("36 record files checked: 0 errors, 1 warning\n").stderr(
        r#"zhongjin-trust/wealth-management-branch/2022.toml:1:1: warning: the satisfaction survey is missing (add [satisfaction] with `surveyed` and `satisfied`, or `rate`): the record is incomplete
 1 | org = "中晋信托"
   | ^
"#,
    ).status(0);
    // The examples keep one incomplete record on purpose (its survey is still to be held):
    // check names it as a warning, which does not change the exit code.
}

#[test]
fn examples_cover_every_status_and_are_deterministic() {
    let a = Test::in_dir(repo(), &["score", "--format", "json", "examples/records"])
        .stdout_inspected()
        .status(0);
    let b = Test::in_dir(repo(), &["score", "--format", "json", "examples/records"])
        .stdout_inspected()
        .status(0);
    assert_eq!(a.stdout, b.stdout);
    let json: Scores = a.json();
    let records = &json.records;
    assert!(records.len() >= 30, "{} records", records.len());
    for status in ["pass", "fail", "incomplete"] {
        assert!(
            records.iter().any(|r| r.status == status),
            "no {status} record"
        );
    }
    assert!(records.iter().any(|r| !r.vetoes.is_empty()), "no veto");
    assert!(
        records.iter().any(|r| r.level.as_deref() == Some("self")),
        "no record at self-assessment"
    );
    assert!(
        records.iter().any(|r| r.satisfaction.is_none()),
        "no missing survey"
    );
}
