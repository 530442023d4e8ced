//! `audit check`: every problem in one pass, with positions; the opt-in gates.

use crate::harness::{Fixture, MINI_CHECKLIST, full_acceptance, record, run_in};
use crate::json::{Check, Diagnostic, Gate};

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
        .test(&["check", "."])
        .stdout("1 record file checked: 12 errors, 0 warnings\n")
        .stderr_inspected()
        .status(2);
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
        .test(&["check", "--format", "json", "."])
        .json::<Check>(2);
    let error = |file: &str, line, column, message: &str, code: &str| Diagnostic {
        severity: "error".into(),
        file: file.into(),
        line,
        column,
        message: message.into(),
        code: Some(code.into()),
    };
    assert_eq!(
        run.diagnostics,
        [
            error(
                "a/2022.toml",
                6,
                9,
                "[acceptance] point 1.1: score 11 exceeds its max 10",
                "score-exceeds-its-max"
            ),
            error(
                "a/2022.toml",
                7,
                9,
                "[acceptance] point 2.1: score 0.25 is not a multiple of its step 0.5",
                "score-is-not-a-multiple-of"
            ),
            error(
                "b/2022.toml",
                6,
                9,
                "[acceptance] point 1.1: score -3 must not be negative",
                "score-must-not-be-negative"
            ),
        ]
    );
    assert_eq!(run.gates, []);
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
        .test(&["check", "."])
        // Five: a band may leave out `min_total` since SPEC §11.6, so the band with the
        // misspelt key lacks nothing; the misspelling is still reported.
        .stdout("0 record files checked: 5 errors, 0 warnings\n")
        .stderr_inspected()
        .status(2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn syntax_errors_and_non_utf8_files_are_diagnostics_not_panics() {
    Fixture::mini()
        .file(
            "a/2022.toml",
            "org = \"A\"\nbranch = \"a\nperiod = \"2022\"\n",
        )
        .file("b/2022.toml", b"org = \"\xff\xfe\"\n")
        .test(&["check", "."])
        .stdout("2 record files checked: 2 errors, 0 warnings\n")
        .stderr(
            r#"a/2022.toml:2:12: error: TOML syntax: invalid basic string, expected `"`
 2 | branch = "a
   |            ^
b/2022.toml:1:8: error: the file is not valid UTF-8 (byte 7); save it as UTF-8
"#,
        )
        .status(2);
}

#[test]
fn duplicates_name_both_files() {
    let body = full_acceptance(50, 50);
    Fixture::mini()
        .file("a/a1/2022.toml", record("A", "a1", "2022", &body))
        .file("copy/2022.toml", record("A", "a1", "2022", &body))
        .test(&["check", "."])
        .stdout("2 record files checked: 2 errors, 0 warnings\n")
        .stderr(
        r#"a/a1/2022.toml:3:10: error: duplicate record for A / a1 / 2022: also in copy/2022.toml
 3 | period = "2022"
   |          ^^^^^^
copy/2022.toml:3:10: error: duplicate record for A / a1 / 2022: also in a/a1/2022.toml
 3 | period = "2022"
   |          ^^^^^^
"#,
    )
        .status(2);
}

/// `check` keeps only a lean copy of each record (its values dropped as it is read), with
/// its verdict when a gate is asked for; `report --view benchmark` keeps whole records. A
/// problem found across files must read the same every way: same position, same source
/// line (a tab and Chinese in it), same caret.
#[test]
fn a_duplicate_reads_the_same_from_a_lean_record_as_from_the_whole_one() {
    let body = full_acceptance(50, 50);
    let odd = |text: String| text.replace("period = \"2022\"", "period\t=  \"2022\"  # 第一期");
    let fixture = Fixture::mini()
        .file("a/a1/2022.toml", odd(record("A", "a1", "2022", &body)))
        .file("copy/2022.toml", odd(record("A", "a1", "2022", &body)));
    let lean = run_in(fixture.path(), &["check", "."]);
    let judged = run_in(fixture.path(), &["check", "--deny", "fail", "."]);
    let whole = run_in(fixture.path(), &["report", "--view", "benchmark", "."]);
    assert_eq!((lean.code, judged.code, whole.code), (2, 2, 2));
    assert!(lean.stderr.contains("copy/2022.toml:3:"), "{}", lean.stderr);
    assert!(lean.stderr.contains("第一期"), "{}", lean.stderr);
    assert_eq!(lean.stderr, judged.stderr);
    assert!(
        whole.stderr.starts_with(&lean.stderr),
        "whole:\n{}\nlean:\n{}",
        whole.stderr,
        lean.stderr
    );
}

#[test]
fn evidence_must_stay_inside_the_root_and_missing_evidence_is_a_warning() {
    let body = full_acceptance(50, 50).replace(
        "\"1.2\" = 5",
        "\"1.2\" = { score = 5, evidence = [\"../outside.pdf\", \"minutes/missing.md\"] }",
    );
    Fixture::mini()
        .file("a/2022.toml", record("A", "a", "2022", &body))
        .test(&["check", "."])
        .stdout("1 record file checked: 1 error, 1 warning\n")
        .stderr(
        r#"a/2022.toml:11:34: error: [acceptance] point 1.2: evidence "../outside.pdf" must be a path inside the records root
 11 | "1.2" = { score = 5, evidence = ["../outside.pdf", "minutes/missing.md"] }
    |                                  ^^^^^^^^^^^^^^^^
a/2022.toml:11:52: warning: [acceptance] point 1.2: evidence "minutes/missing.md" does not exist
 11 | "1.2" = { score = 5, evidence = ["../outside.pdf", "minutes/missing.md"] }
    |                                                    ^^^^^^^^^^^^^^^^^^^^
"#,
    )
        .status(2);
}

#[test]
fn a_valid_repository_checks_clean() {
    Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(50, 50)),
        )
        .test(&["check", "."])
        .stdout("1 record file checked: 0 errors, 0 warnings\n")
        .success();
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
    let json: Check = pass_and_fail()
        .test(&["check", "--format", "json", "."])
        .json(0);
    assert_eq!(json.diagnostics, []);
    assert_eq!(json.gates, []);
}

#[test]
fn deny_fail_names_the_failing_record() {
    pass_and_fail()
        .test(&["check", "--deny", "fail", "."])
        .stdout(
            r#"2 record files checked: 0 errors, 0 warnings

Gates
┌───────────┬────────┬───────────────────────────────────────────────────────────────┐
│ gate      ┆ result ┆ details                                                       │
╞═══════════╪════════╪═══════════════════════════════════════════════════════════════╡
│ deny fail ┆ FAILED ┆ A / a2 / 2022 (a/a2/2022.toml): satisfaction 80% is below 90% │
└───────────┴────────┴───────────────────────────────────────────────────────────────┘
"#,
        )
        .status(1);
    pass_and_fail()
        .test(&["check", "--deny", "incomplete", "."])
        .stdout(
            r#"2 record files checked: 0 errors, 0 warnings

Gates
┌─────────────────┬────────┬───────────────────────┐
│ gate            ┆ result ┆ details               │
╞═════════════════╪════════╪═══════════════════════╡
│ deny incomplete ┆ passed ┆ no incomplete records │
└─────────────────┴────────┴───────────────────────┘
"#,
        )
        .success();
}

#[test]
fn compliance_gates_compare_each_period_with_its_threshold() {
    // 1 of 2 pass = 50 %: meets the 2022 target of 50 %, but not 60 %.
    let json: Check = pass_and_fail()
        .test(&["check", "--target", "--format", "json", "."])
        .json(0);
    assert_eq!(
        json.gates,
        [Gate {
            gate: "target".into(),
            passed: true,
            details: vec!["2022: 1 of 2 passed = 50%, meets 50%".into()],
            places: Vec::new(),
        }]
    );

    pass_and_fail()
        .test(&["check", "--min-compliance", "60%", "."])
        .stdout(
            r#"2 record files checked: 0 errors, 0 warnings

Gates
┌────────────────────┬────────┬────────────────────────────────────────────────────────────────────┐
│ gate               ┆ result ┆ details                                                            │
╞════════════════════╪════════╪════════════════════════════════════════════════════════════════════╡
│ min-compliance 60% ┆ FAILED ┆ 2022: 1 of 2 passed = 50%, below 60% (needs 1 more passing branch) │
└────────────────────┴────────┴────────────────────────────────────────────────────────────────────┘
"#,
        )
        .status(1);
    pass_and_fail()
        .test(&["check", "--min-compliance", "sixty", "."])
        .stderr("error: --min-compliance \"sixty\" is not a rate (write \"92.5%\" or a fraction such as 0.925)\n")
        .status(2);
}

#[test]
fn usage_errors_exit_2() {
    Fixture::mini()
        .test(&["score", "--format", "pdf"])
        .stderr(
            r#"error: invalid value 'pdf' for '--format <FORMAT>'
  [possible values: table, csv, json, jsonl, markdown, xlsx, html]

For more information, try '--help'.
"#,
        )
        .status(2);
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
    fx.test(&["check"])
        .stdout("3 record files checked: 0 errors, 5 warnings\n")
        .stderr(
        "a/2022.toml:1:1: warning: the satisfaction survey is missing (add [satisfaction] with `surveyed` and `satisfied`, or `rate`): the record is incomplete\n \
         1 | org = \"A\"\n   | ^\n\
         a/2022.toml:5:1: warning: [self] lacks 2.1, 2.2, 3.2, 3.3: this level is incomplete\n \
         5 | [self]\n   | ^\n\
         a/2022.toml:9:1: warning: [acceptance] lacks 3.2, 3.3: the record is incomplete\n \
         9 | [acceptance]\n   | ^\n\
         c/2022.toml:1:1: warning: the record has no assessment level ([self], [review] or [acceptance]): it is incomplete\n \
         1 | org = \"C\"\n   | ^\n\
         c/2022.toml:1:1: warning: the satisfaction survey is missing (add [satisfaction] with `surveyed` and `satisfied`, or `rate`): the record is incomplete\n \
         1 | org = \"C\"\n   | ^\n",
        )
        .success();
    let json: Check = fx.test(&["check", "--format", "json"]).json(0);
    let d = &json.diagnostics;
    assert_eq!(d.len(), 5);
    assert_eq!(d[2].severity, "warning");
    assert_eq!((d[2].line, d[2].column), (9, 1));
    // A gate still decides the exit code.
    fx.test(&["check", "--deny", "incomplete"])
        .stdout(
        r#"3 record files checked: 0 errors, 5 warnings

Gates
┌─────────────────┬────────┬─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐
│ gate            ┆ result ┆ details                                                                                                                         │
╞═════════════════╪════════╪═════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════╡
│ deny incomplete ┆ FAILED ┆ A / a / 2022 (a/2022.toml): acceptance lacks 3.2, 3.3; the satisfaction survey is missing                                       │
│                 ┆        ┆ C / c / 2022 (c/2022.toml): the record has no assessment level (self, review or acceptance); the satisfaction survey is missing │
└─────────────────┴────────┴─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
"#,
    )
        .stderr(
        r#"a/2022.toml:1:1: warning: the satisfaction survey is missing (add [satisfaction] with `surveyed` and `satisfied`, or `rate`): the record is incomplete
 1 | org = "A"
   | ^
a/2022.toml:5:1: warning: [self] lacks 2.1, 2.2, 3.2, 3.3: this level is incomplete
 5 | [self]
   | ^
a/2022.toml:9:1: warning: [acceptance] lacks 3.2, 3.3: the record is incomplete
 9 | [acceptance]
   | ^
c/2022.toml:1:1: warning: the record has no assessment level ([self], [review] or [acceptance]): it is incomplete
 1 | org = "C"
   | ^
c/2022.toml:1:1: warning: the satisfaction survey is missing (add [satisfaction] with `surveyed` and `satisfied`, or `rate`): the record is incomplete
 1 | org = "C"
   | ^
"#,
    )
        .status(1);
}

#[test]
fn check_never_reads_stdin() {
    // Nothing reads stdin (a CI job may leave it open or pipe anything into it): what is
    // piped in changes neither the output nor the verdict.
    Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(50, 50)),
        )
        .test(&["check", "."])
        .stdin("org = \"Z\"\nbranch = \"z\"\nperiod = \"2022\"\n")
        .stdout("1 record file checked: 0 errors, 0 warnings\n")
        .success();
}
