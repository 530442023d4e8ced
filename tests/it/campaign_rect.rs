//! Rectification (整改, SPEC §12.3): tasks in records, `report --view rectification`, the
//! `check --deny overdue` gate, explain's tasks and the HTML section.

use crate::harness::{Fixture, record};
use crate::json;

const CHECKLIST: &str = r#"title = "Rectification checklist"
version = "r-1"

[pass]
min_total = 30

[[items]]
id = "1"
title = "Organisation"

[[items.points]]
id = "1.1"
title = "Committee"
max = 10

[[items.points]]
id = "1.2"
title = "Groups"
max = 10
optional = true

[[items]]
id = "2"
title = "Service"

[[items.points]]
id = "2.1"
title = "Volunteering"
max = 20

[[items.points]]
id = "2.2"
title = "Study"
max = 20
"#;

/// East/e1 loses points on 1.1 (tasked), 2.1 (not tasked); 1.2 is "na" and 2.2 absent; its
/// self level loses on 2.2 too, which does not count (the acceptance is effective). Its four
/// tasks, written out of order, sit on each side of their due dates as of 2025-03-01.
/// West/w1 loses 8 on 2.2 and has no task.
fn campaign() -> Fixture {
    Fixture::empty()
        .file("checklist.toml", CHECKLIST)
        .file(
            "east/e1/2024.toml",
            record(
                "East",
                "e1",
                "2024",
                r#"[self]
"1.1" = 10
"1.2" = 10
"2.1" = 20
"2.2" = 10

[acceptance]
"1.1" = 7
"1.2" = "na"
"2.1" = 15

[[rectification]]
point = "1.1"
task = "Elect the missing committee member"
due = 2025-03-01

[[rectification]]
task = "Train the new secretary"
due = 2025-01-31
done = 2025-01-31

[[rectification]]
point = "1.1"
task = "File the committee minutes"
due = 2025-01-25
done = 2025-02-03

[[rectification]]
point = "1.2"
task = "Found the youth group"
due = 2025-01-30
"#,
            ),
        )
        .file(
            "west/w1/2024.toml",
            record(
                "West",
                "w1",
                "2024",
                "[acceptance]\n\"1.1\" = 10\n\"1.2\" = 10\n\"2.1\" = 20\n\"2.2\" = 12\n",
            ),
        )
}

fn task(
    point: Option<&str>,
    text: &str,
    due: &str,
    done: Option<&str>,
    status: &str,
    days: i64,
) -> json::RectTask {
    json::RectTask {
        org: "East".into(),
        branch: "e1".into(),
        period: "2024".into(),
        point: point.map(Into::into),
        task: text.into(),
        due: due.into(),
        done: done.map(Into::into),
        status: status.into(),
        days,
    }
}

fn counts(org: Option<&str>, [open, overdue, done, late]: [u64; 4]) -> json::RectCounts {
    json::RectCounts {
        period: "2024".into(),
        org: org.map(Into::into),
        open,
        overdue,
        done,
        late,
    }
}

#[test]
fn tasks_on_each_side_of_their_due_date_and_the_untracked_points() {
    let fx = campaign();
    let got: json::Rectification = fx
        .test(&[
            "report",
            "--view",
            "rectification",
            "--as-of",
            "2025-03-01",
            "--format",
            "json",
            ".",
        ])
        .stderr_inspected()
        .json(0);
    assert_eq!(
        got,
        json::Rectification {
            // By due date within the record: the file's order does not matter.
            tasks: vec![
                // Done 9 days late across the month end (6 days of January, 3 of February).
                task(
                    Some("1.1"),
                    "File the committee minutes",
                    "2025-01-25",
                    Some("2025-02-03"),
                    "late",
                    9
                ),
                // Not done, due 30 days before the day: 1 of January, 28 of February, 1 of March.
                task(
                    Some("1.2"),
                    "Found the youth group",
                    "2025-01-30",
                    None,
                    "overdue",
                    30
                ),
                // Done on its due date.
                task(
                    None,
                    "Train the new secretary",
                    "2025-01-31",
                    Some("2025-01-31"),
                    "done",
                    0
                ),
                // Due on the day itself: still open.
                task(
                    Some("1.1"),
                    "Elect the missing committee member",
                    "2025-03-01",
                    None,
                    "open",
                    0
                ),
            ],
            counts: vec![
                counts(Some("East"), [1, 1, 1, 1]),
                counts(Some("West"), [0, 0, 0, 0]),
                counts(None, [1, 1, 1, 1]),
            ],
            // 1.1 has its tasks, 1.2 is "na" (its task notwithstanding), 2.2 absent; the self
            // level's loss on 2.2 is not the effective level's.
            untracked: vec![
                json::Untracked {
                    org: "East".into(),
                    branch: "e1".into(),
                    period: "2024".into(),
                    point: "2.1".into(),
                    lost: 5.0,
                },
                json::Untracked {
                    org: "West".into(),
                    branch: "w1".into(),
                    period: "2024".into(),
                    point: "2.2".into(),
                    lost: 8.0,
                },
            ],
        }
    );
    // A day later the open task is overdue by one day.
    let later: json::Rectification = fx
        .test(&[
            "report",
            "--view",
            "rectification",
            "--as-of",
            "2025-03-02",
            "--format",
            "json",
            ".",
        ])
        .stderr_inspected()
        .json(0);
    assert_eq!(
        later.tasks[3],
        task(
            Some("1.1"),
            "Elect the missing committee member",
            "2025-03-01",
            None,
            "overdue",
            1
        )
    );
}

#[test]
fn the_rectification_view_as_tables_in_english_and_chinese() {
    let fx = campaign();
    let args = [
        "report",
        "--view",
        "rectification",
        "--as-of",
        "2025-03-01",
        ".",
    ];
    let en = fx.test(&args).stdout_inspected().success();
    insta::assert_snapshot!("rectification_en", en.stdout);
    let mut zh_args = vec!["--lang", "zh"];
    zh_args.extend(args);
    let zh = fx.test(&zh_args).stdout_inspected().success();
    assert!(
        zh.stdout.contains("截至 2025-03-01 的整改任务"),
        "{}",
        zh.stdout
    );
    assert!(zh.stdout.contains("逾期完成"), "{}", zh.stdout);
    insta::assert_snapshot!("rectification_zh", zh.stdout);
    let md = fx
        .test(&[
            "report",
            "--view",
            "rectification",
            "--as-of",
            "2025-03-01",
            "--format",
            "markdown",
            ".",
        ])
        .stdout_inspected()
        .success();
    assert!(
        md.stdout.contains(
            "| East | e1 | 2024 | 1.2 | Found the youth group | 2025-01-30 |  | overdue | 30 |"
        ),
        "{}",
        md.stdout
    );
}

#[test]
fn all_views_include_rectification_only_where_a_record_has_a_task() {
    let fx = campaign();
    let run = fx
        .test(&[
            "report",
            "--view",
            "all",
            "--as-of",
            "2025-03-01",
            "--format",
            "json",
            ".",
        ])
        .stdout_inspected()
        .success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        doc["rectification"]["tasks"].as_array().map(Vec::len),
        Some(4)
    );
    // Without a task anywhere, `all` reads as before; asked by name, the view is there.
    let plain = Fixture::empty().file("checklist.toml", CHECKLIST).file(
        "west/w1/2024.toml",
        record(
            "West",
            "w1",
            "2024",
            "[acceptance]\n\"1.1\" = 10\n\"1.2\" = 10\n\"2.1\" = 20\n\"2.2\" = 12\n",
        ),
    );
    let run = plain
        .test(&["report", "--view", "all", "--format", "json", "."])
        .stdout_inspected()
        .success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(doc.get("rectification").is_none(), "{doc}");
    let alone: json::Rectification = plain
        .test(&["report", "--view", "rectification", "--format", "json", "."])
        .json(0);
    assert!(alone.tasks.is_empty());
    assert_eq!(alone.untracked.len(), 1);
}

#[test]
fn the_overdue_gate_fails_only_with_an_overdue_task() {
    let fx = campaign();
    // Without the gate, check only validates (the acceptance lacks 2.2: a warning).
    fx.test(&["check", "--as-of", "2025-03-01", "."])
        .stdout("2 record files checked: 0 errors, 1 warning\n")
        .stderr_inspected()
        .success();
    // On 2025-01-29 nothing is overdue yet.
    let passed: json::Check = fx
        .test(&[
            "check",
            "--deny",
            "overdue",
            "--as-of",
            "2025-01-29",
            "--format",
            "json",
            ".",
        ])
        .json(0);
    assert_eq!(
        passed.gates,
        [json::Gate {
            gate: "deny overdue".into(),
            passed: true,
            details: vec!["no rectification task overdue on 2025-01-29".into()],
            places: Vec::new(),
        }]
    );
    let failed: json::Check = fx
        .test(&[
            "check",
            "--deny",
            "overdue",
            "--as-of",
            "2025-03-01",
            "--format",
            "json",
            ".",
        ])
        .json(1);
    assert_eq!(
        failed.gates,
        [json::Gate {
            gate: "deny overdue".into(),
            passed: false,
            details: vec![
                "east/e1/2024.toml:34:8: East / e1 / 2024: point 1.2 \"Found the youth group\" was due 2025-01-30, 30 days overdue on 2025-03-01".into()
            ],
            places: vec![json::Place {
                file: "east/e1/2024.toml".into(),
                line: 34,
                column: 8,
            }],
        }]
    );
    // The task's line in the file is the one named.
    let line = fx
        .read("east/e1/2024.toml")
        .lines()
        .nth(33)
        .unwrap()
        .to_string();
    assert_eq!(line, "task = \"Found the youth group\"");
}

#[test]
fn github_annotations_sit_on_the_overdue_task_line() {
    let fx = campaign();
    let run = fx
        .test(&[
            "check",
            "--deny",
            "overdue",
            "--as-of",
            "2025-03-01",
            "--format",
            "github",
            ".",
        ])
        .stdout_inspected()
        .status(1);
    let gate: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("title=audit check gate"))
        .collect();
    assert_eq!(
        gate,
        [
            "::error file=east/e1/2024.toml,line=34,col=8,title=audit check gate deny overdue::east/e1/2024.toml:34:8: East / e1 / 2024: point 1.2 \"Found the youth group\" was due 2025-01-30, 30 days overdue on 2025-03-01"
        ]
    );
    // JUnit fails the gate with the same place.
    let junit = fx
        .test(&[
            "check",
            "--deny",
            "overdue",
            "--as-of",
            "2025-03-01",
            "--format",
            "junit",
            ".",
        ])
        .stdout_inspected()
        .status(1);
    assert!(
        junit.stdout.contains("<failure message=\"gate failed\">east/e1/2024.toml:34:8: East / e1 / 2024: point 1.2 &quot;Found the youth group&quot; was due 2025-01-30, 30 days overdue on 2025-03-01</failure>"),
        "{}",
        junit.stdout
    );
    // In Chinese, in the table.
    let zh = fx
        .test(&[
            "--lang",
            "zh",
            "check",
            "--deny",
            "overdue",
            "--as-of",
            "2025-03-01",
            ".",
        ])
        .stdout_inspected()
        .stderr_inspected()
        .status(1);
    assert!(
        zh.stdout.contains("east/e1/2024.toml:34:8：East / e1 / 2024：评分点 1.2“Found the youth group”期限 2025-01-30，截至 2025-03-01 已逾期 30 天"),
        "{}",
        zh.stdout
    );
}

#[test]
fn an_invalid_task_is_reported_at_each_problem() {
    let fx = Fixture::empty().file("checklist.toml", CHECKLIST).file(
        "a/b/2024.toml",
        record(
            "A",
            "b",
            "2024",
            r#"[acceptance]
"1.1" = 10
"1.2" = 10
"2.1" = 20
"2.2" = 20

[[rectification]]
task = "No due date"

[[rectification]]
task = "Quoted date"
due = "2025-03-01"
done = 2025-03-01T10:00:00

[[rectification]]
point = "1.3"
task = "Unknown point"
due = 2025-03-01
owner = "secretary"
evidence = ["../outside.pdf"]
"#,
        ),
    );
    fx.test(&["check", "."])
        .stdout("1 record file checked: 6 errors, 0 warnings\n")
        .stderr(
            "a/b/2024.toml:11:1: error: [[rectification]] #1 lacks the required key `due`
 11 | [[rectification]]
    | ^
a/b/2024.toml:16:7: error: `due` in [[rectification]] #2 must be a date such as 2024-09-30 (no quotes, no time), not \"2025-03-01\"
 16 | due = \"2025-03-01\"
    |       ^^^^^^^^^^^^
a/b/2024.toml:17:8: error: `done` in [[rectification]] #2 must be a date such as 2024-09-30 (no quotes, no time), not 2025-03-01T10:00:00
 17 | done = 2025-03-01T10:00:00
    |        ^^^^^^^^^^^^^^^^^^^
a/b/2024.toml:20:9: error: [[rectification]] #3: unknown point `1.3` (did you mean `1.1`?)
 20 | point = \"1.3\"
    |         ^^^^^
a/b/2024.toml:23:1: error: unknown key `owner` in [[rectification]] #3
 23 | owner = \"secretary\"
    | ^^^^^
a/b/2024.toml:24:13: error: [[rectification]] #3: evidence \"../outside.pdf\" must be a path inside the records root
 24 | evidence = [\"../outside.pdf\"]
    |             ^^^^^^^^^^^^^^^^
",
        )
        .status(2);
}

#[test]
fn explain_lists_tasks_under_their_points() {
    let fx = campaign();
    let run = fx
        .test(&["explain", "east/e1/2024.toml"])
        .stdout_inspected()
        .success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    let at = |text: &str| {
        lines
            .iter()
            .position(|l| l.contains(text))
            .unwrap_or_else(|| panic!("no {text:?} in\n{}", run.stdout))
    };
    // Under 1.1, in file order, before 1.2; the task without a point after the last item.
    assert!(at("│ 1.1 ") < at("↳ rectification: Elect the missing committee member"));
    assert!(at("↳ rectification: File the committee minutes") < at("│ 1.2 "));
    assert!(at("↳ rectification: Found the youth group") < at("│ 2 "));
    assert!(at("│ 2.2 ") < at("rectification (no point): Train the new secretary"));
    assert!(lines[at("File the committee minutes")].contains("due 2025-01-25, done 2025-02-03"));
    let doc: json::Explained = fx
        .test(&["explain", "--format", "json", "east/e1/2024.toml"])
        .json(0);
    let tasks_of = |id: &str| -> Vec<String> {
        doc.points
            .iter()
            .find(|p| p.id == id)
            .unwrap()
            .tasks
            .iter()
            .map(|t| t.task.clone())
            .collect()
    };
    assert_eq!(
        tasks_of("1.1"),
        [
            "Elect the missing committee member",
            "File the committee minutes"
        ]
    );
    assert!(tasks_of("2.1").is_empty());
    assert_eq!(
        doc.tasks,
        [json::ExplainedTask {
            task: "Train the new secretary".into(),
            due: "2025-01-31".into(),
            done: Some("2025-01-31".into()),
            evidence: Vec::new(),
            line: 22,
            column: 8,
        }]
    );
}

#[test]
fn the_html_report_lists_overdue_tasks_first_with_their_days() {
    let fx = campaign();
    fx.test(&[
        "report",
        "--format",
        "html",
        "--as-of",
        "2025-03-01",
        "-o",
        "r.html",
        ".",
    ])
    .success();
    let html = fx.read("r.html");
    let section = &html[html
        .find("<section id=\"rectification\">")
        .expect("a rectification section")..];
    let section = &section[..section.find("</section>").unwrap()];
    let first_row = section
        .split("<tbody>\n")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap();
    assert_eq!(
        first_row,
        "<tr><td>East</td><td>e1</td><td>2024</td><td>1.2</td><td>Found the youth group</td><td>2025-01-30</td><td></td><td>overdue</td><td class=\"num\">30</td></tr>"
    );
    assert!(section.contains("overdue first, most days first"));
}

#[test]
fn the_record_schema_takes_tasks_with_points_of_the_checklist() {
    let fx = campaign();
    let run = fx.test(&["schema", "record"]).stdout_inspected().success();
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let with = |task: serde_json::Value| serde_json::json!({ "org": "East", "branch": "e1", "period": "2024", "rectification": [task] });
    // A TOML date reaches an editor's validator as its text.
    assert!(validator.is_valid(&with(
        serde_json::json!({ "point": "1.1", "task": "Elect", "due": "2025-03-01", "done": "2025-03-02", "evidence": ["e/a.pdf"] })
    )));
    for bad in [
        serde_json::json!({ "point": "9.9", "task": "Elect", "due": "2025-03-01" }),
        serde_json::json!({ "task": "Elect" }),
        serde_json::json!({ "task": "Elect", "due": "2025-03-01", "owner": "x" }),
    ] {
        assert!(!validator.is_valid(&with(bad.clone())), "{bad}");
    }
}

#[test]
fn the_workbook_has_the_rectification_worksheets_in_chinese() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let fx = campaign();
    fx.test(&[
        "--lang",
        "zh",
        "report",
        "--view",
        "rectification",
        "--as-of",
        "2025-03-01",
        "--format",
        "xlsx",
        "-o",
        "r.xlsx",
        ".",
    ])
    .success();
    let mut book: Xlsx<_> = open_workbook(fx.join("r.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["整改", "各单位整改", "失分无整改"]);
    let tasks = book.worksheet_range("整改").unwrap();
    let row: Vec<String> = (0..9)
        .map(|c| match tasks.get((4, c)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => f.to_string(),
            Some(Data::Int(i)) => i.to_string(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(
        row,
        [
            "East",
            "e1",
            "2024",
            "1.2",
            "Found the youth group",
            "2025-01-30",
            "",
            "逾期",
            "30"
        ]
    );
}
