//! `audit check`: every problem in one pass, with positions; the opt-in gates.

use crate::harness::{Fixture, MINI_CHECKLIST, full_acceptance, record};

/// One record with many problems: every one must be reported, in position order.
const MANY_PROBLEMS: &str = r#"org = "山西证券"
branch = "第二党支部"
period = "2022"
colour = "red"

[satisfaction]
surveyed = 5
satisfied = 6

[vetoes]
V9 = true

[bonus]
B1 = 2.5

[acceptance]
"1.1" = "excellent"
"1.2" = 9.125
"2.1" = 9.3
"2.2" = { deductions = [ { points = 1, times = 0, reason = "" } ] }
"3.1" = 5
"3.2" = "na"
"9.9" = 1
"#;

#[test]
fn every_problem_of_a_file_is_reported_with_line_column_and_caret() {
    let run = Fixture::mini()
        .file("sx/2/2022.toml", MANY_PROBLEMS)
        .run(&["check", "."]);
    run.assert_code(2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn json_diagnostics_cover_all_files_sorted_by_position() {
    let run = Fixture::mini()
        .file(
            "b/2022.toml",
            record("B", "b", "2022", "[acceptance]\n\"1.1\" = -3\n"),
        )
        .file(
            "a/2022.toml",
            record(
                "A",
                "a",
                "2022",
                "[acceptance]\n\"1.1\" = 11\n\"2.1\" = 0.25\n",
            ),
        )
        .run(&["check", "--format", "json", "."]);
    run.assert_code(2);
    let json = run.json::<serde_json::Value>();
    let d = json["diagnostics"].as_array().unwrap();
    let got: Vec<(String, u64, u64, String)> = d
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "a/2022.toml".into(),
                6,
                9,
                "[acceptance] point 1.1: score 11 exceeds its max 10".into()
            ),
            (
                "a/2022.toml".into(),
                7,
                9,
                "[acceptance] point 2.1: score 0.25 is not a multiple of its step 0.5".into()
            ),
            (
                "b/2022.toml".into(),
                6,
                9,
                "[acceptance] point 1.1: score -3 must not be negative".into()
            ),
        ]
    );
    assert!(d.iter().all(|d| d["severity"] == "error"));
}

#[test]
fn checklist_problems_are_all_reported() {
    let broken = MINI_CHECKLIST
        .replace("min_total = 45\n", "min_totl = 45\n")
        .replace("points = 7\n", "points = 33\n")
        .replace(
            "grades = { good = 10, fair = 7.5, poor = 0 }",
            "grades = { good = 12, fair = 7.5, poor = 0 }",
        )
        .replace("id = \"V1\"", "id = \"1.1\"");
    let run = Fixture::empty()
        .file("checklist.toml", broken)
        .run(&["check", "."]);
    run.assert_code(2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn syntax_errors_and_non_utf8_files_are_diagnostics_not_panics() {
    let run = Fixture::mini()
        .file(
            "a/2022.toml",
            "org = \"A\"\nbranch = \"a\nperiod = \"2022\"\n",
        )
        .file("b/2022.toml", b"org = \"\xff\xfe\"\n")
        .run(&["check", "."]);
    run.assert_code(2);
    assert!(run.stderr.contains("a/2022.toml:2:"), "{}", run.stderr);
    assert!(run.stderr.contains("TOML syntax"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("b/2022.toml:1:8: error: the file is not valid UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn duplicates_name_both_files() {
    let body = full_acceptance(50, 50);
    let run = Fixture::mini()
        .file("a/a1/2022.toml", record("A", "a1", "2022", &body))
        .file("copy/2022.toml", record("A", "a1", "2022", &body))
        .run(&["check", "."]);
    run.assert_code(2);
    assert!(run.stderr.contains(
        "a/a1/2022.toml:3:10: error: duplicate record for A / a1 / 2022: also in copy/2022.toml"
    ));
    assert!(run.stderr.contains(
        "copy/2022.toml:3:10: error: duplicate record for A / a1 / 2022: also in a/a1/2022.toml"
    ));
}

#[test]
fn evidence_must_stay_inside_the_root_and_missing_evidence_is_a_warning() {
    let body = full_acceptance(50, 50).replace(
        "\"1.2\" = 5",
        "\"1.2\" = { score = 5, evidence = [\"../outside.pdf\", \"minutes/missing.md\"] }",
    );
    let run = Fixture::mini()
        .file("a/2022.toml", record("A", "a", "2022", &body))
        .run(&["check", "."]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("evidence \"../outside.pdf\" must be a path inside the records root"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "warning: [acceptance] point 1.2: evidence \"minutes/missing.md\" does not exist"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_valid_repository_checks_clean() {
    let run = Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(50, 50)),
        )
        .run(&["check", "."]);
    run.assert_code(0);
    assert_eq!(run.stdout, "1 record file checked: 0 errors, 0 warnings\n");
    assert_eq!(run.stderr, "");
}

fn pass_and_fail() -> Fixture {
    Fixture::mini()
        .file(
            "a/a1/2022.toml",
            record("A", "a1", "2022", &full_acceptance(50, 50)),
        )
        .file(
            "a/a2/2022.toml",
            record("A", "a2", "2022", &full_acceptance(40, 50)),
        )
}

#[test]
fn gates_are_opt_in() {
    // A failing record is a fact about the branch, not an invalid file: without a gate,
    // check passes and judges nothing.
    let run = pass_and_fail().run(&["check", "--format", "json", "."]);
    run.assert_code(0);
    let json = run.json::<serde_json::Value>();
    assert_eq!(
        json["diagnostics"].as_array().map(Vec::len),
        Some(0),
        "{json}"
    );
    assert!(
        json.get("gates")
            .is_none_or(|g| g.as_array().is_some_and(Vec::is_empty)),
        "{json}"
    );
}

#[test]
fn deny_fail_names_the_failing_record() {
    let run = pass_and_fail().run(&["check", "--deny", "fail", "."]);
    run.assert_code(1);
    assert!(run.stdout.contains("deny fail"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("A / a2 / 2022 (a/a2/2022.toml): satisfaction 80% is below 90%"),
        "{}",
        run.stdout
    );
    pass_and_fail()
        .run(&["check", "--deny", "incomplete", "."])
        .assert_code(0);
}

#[test]
fn compliance_gates_compare_each_period_with_its_threshold() {
    // 1 of 2 pass = 50 %: meets the 2022 target of 50 %, but not 60 %.
    let run = pass_and_fail().run(&["check", "--target", "--format", "json", "."]);
    run.assert_code(0);
    let json = run.json::<serde_json::Value>();
    assert_eq!(json["gates"][0]["gate"], "target");
    assert_eq!(json["gates"][0]["passed"], true);
    assert_eq!(
        json["gates"][0]["details"][0],
        "2022: 1 of 2 passed = 50%, meets 50%"
    );

    let run = pass_and_fail().run(&["check", "--min-compliance", "60%", "."]);
    run.assert_code(1);
    assert!(
        run.stdout
            .contains("2022: 1 of 2 passed = 50%, below 60% (needs 1 more passing branch)"),
        "{}",
        run.stdout
    );
    let run = pass_and_fail().run(&["check", "--min-compliance", "sixty", "."]);
    run.assert_code(2);
    assert!(run.stderr.contains("--min-compliance"), "{}", run.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let run = Fixture::mini().run(&["score", "--format", "pdf"]);
    run.assert_code(2);
    assert!(run.stderr.contains("invalid value 'pdf'"), "{}", run.stderr);
}

#[test]
fn check_warns_about_incomplete_records_at_their_positions() {
    let fx = Fixture::mini()
        .file(
            "a/2022.toml",
            record(
                "A",
                "a",
                "2022",
                "[self]\n\"1.1\" = \"good\"\n\"1.2\" = 5\n\n[acceptance]\n\"1.1\" = \"good\"\n\"1.2\" = 5\n\"2.1\" = 10\n\"2.2\" = 10\n",
            ),
        )
        .file("b/2022.toml", record("B", "b", "2022", &full_acceptance(50, 50)))
        .file("c/2022.toml", record("C", "c", "2022", ""));
    let run = fx.run(&["check"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "3 record files checked: 0 errors, 5 warnings\n");
    assert_eq!(
        run.stderr,
        "a/2022.toml:1:1: warning: the satisfaction survey is missing (add [satisfaction] with `surveyed` and `satisfied`, or `rate`): the record is incomplete\n \
         1 | org = \"A\"\n   | ^\n\
         a/2022.toml:5:1: warning: [self] lacks 2.1, 2.2, 3.2, 3.3: this level is incomplete\n \
         5 | [self]\n   | ^\n\
         a/2022.toml:9:1: warning: [acceptance] lacks 3.2, 3.3: the record is incomplete\n \
         9 | [acceptance]\n   | ^\n\
         c/2022.toml:1:1: warning: the record has no assessment level ([self], [review] or [acceptance]): it is incomplete\n \
         1 | org = \"C\"\n   | ^\n\
         c/2022.toml:1:1: warning: the satisfaction survey is missing (add [satisfaction] with `surveyed` and `satisfied`, or `rate`): the record is incomplete\n \
         1 | org = \"C\"\n   | ^\n"
    );
    let json = fx.run(&["check", "--format", "json"]);
    json.assert_code(0);
    let d = &json.json::<serde_json::Value>()["diagnostics"];
    assert_eq!(d.as_array().unwrap().len(), 5);
    assert_eq!(d[2]["severity"], "warning");
    assert_eq!(
        (d[2]["line"].as_u64(), d[2]["column"].as_u64()),
        (Some(9), Some(1))
    );
    // A gate still decides the exit code.
    fx.run(&["check", "--deny", "incomplete"]).assert_code(1);
}
