//! The shipped reference checklist and example records repository.

use crate::harness::{Test, repo};
use crate::json::Scores;

#[test]
fn example_checklist_is_the_reference_checklist() {
    // The examples keep two editions (SPEC §11.11): the reference checklist scored 2022 and
    // is kept, with its period range, in checklists/2021-08.toml; checklist.toml is the 2023
    // edition, which caps the deductions of 4.2 and 5.2.
    let top = std::fs::read_to_string(repo().join("checklist.toml")).unwrap();
    assert_eq!(audit::REFERENCE_CHECKLIST, top);
    let old =
        std::fs::read_to_string(repo().join("examples/records/checklists/2021-08.toml")).unwrap();
    let with_range = top.replacen(
        "version = \"2021-08\"\n",
        "version = \"2021-08\"\nperiods = { until = \"2022\" }\n",
        1,
    );
    assert_ne!(with_range, top);
    assert!(
        old == with_range,
        "examples/records/checklists/2021-08.toml is not checklist.toml with `periods`"
    );
    let new = std::fs::read_to_string(repo().join("examples/records/checklist.toml")).unwrap();
    assert!(new.contains("version = \"2023-01\"\nperiods = { from = \"2023\" }\n"));
    assert_eq!(new.matches("max_deduction = 2").count(), 2);
}

#[test]
fn reference_checklist_has_10_items_33_points_100_points() {
    let run = Test::in_dir(repo(), &["score", "--format", "json", "examples/records"])
        .stdout_inspected()
        .status(0);
    let json: Scores = run.json();
    assert_eq!(json.checklist.total, 100.0);
    // The top-level `checklist` describes checklist.toml, the 2023 edition.
    assert_eq!(json.checklist.version.as_deref(), Some("2023-01"));
    for record in &json.records {
        let want = if record.period.as_str() <= "2022" {
            "2021-08"
        } else {
            "2023-01"
        };
        assert_eq!(record.version.as_deref(), Some(want), "{}", record.file);
        assert_eq!(record.items.len(), 10);
        let maxes: Vec<f64> = record.items.iter().map(|i| i.max).collect();
        assert_eq!(
            maxes,
            vec![8.0, 10.0, 12.0, 16.0, 10.0, 6.0, 6.0, 12.0, 10.0, 10.0]
        );
    }
    assert!(json.records.iter().any(|r| r.period == "2022"));
    assert!(json.records.iter().any(|r| r.period == "2024"));
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

/// The campaign gates of the shipped GitHub workflow, run on the example records as of
/// 2025-03-01: one task overdue and one named benchmark at risk, each annotated on the line
/// where it is written (the task in its record, the entry in benchmarks.toml).
#[test]
fn the_example_ci_campaign_gates_annotate_the_task_and_the_register_lines() {
    let workflow = std::fs::read_to_string(repo().join("examples/ci/github-actions.yml")).unwrap();
    let step = workflow
        .split("- name: Campaign gates")
        .nth(1)
        .expect("the workflow has the campaign gates");
    let command = step
        .lines()
        .find_map(|l| l.trim().strip_prefix("run: audit "))
        .expect("the step runs audit");
    let mut args: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(args.last(), Some(&"."));
    args.pop();
    args.push("examples/records");
    // 2025-03-01 12:00 UTC.
    let run = Test::in_dir(repo(), &args)
        .env("SOURCE_DATE_EPOCH", "1740830400")
        .stdout_inspected()
        .status(1);
    let errors: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error"))
        .collect();
    assert_eq!(errors.len(), 2, "{}", run.stdout);
    assert!(
        errors[0].starts_with("::error file=examples/records/huajin-securities/second-branch/2024.toml,line=136,col=8,title=audit check gate deny overdue::"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].ends_with("was due 2025-02-14, 15 days overdue on 2025-03-01"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with("::error file=examples/records/benchmarks.toml,line=30,col=1,title=audit check gate deny benchmark-at-risk::"),
        "{}",
        errors[1]
    );
    let record = std::fs::read_to_string(
        repo().join("examples/records/huajin-securities/second-branch/2024.toml"),
    )
    .unwrap();
    assert_eq!(
        record.lines().nth(135),
        Some("task = \"在智慧党建系统补录2024年第四季度组织生活记录\"")
    );
    let register =
        std::fs::read_to_string(repo().join("examples/records/benchmarks.toml")).unwrap();
    assert_eq!(register.lines().nth(29), Some("[[named]]"));
    assert_eq!(
        register.lines().nth(31),
        Some("branch = \"风险合规党支部\"")
    );
}
