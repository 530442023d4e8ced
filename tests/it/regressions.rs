//! Regression tests, each named after the problem it guards against (found in review).

use crate::harness::{
    Fixture, MINI_CHECKLIST, full_acceptance, many_records, record, run_closing_stdout_early,
};
use crate::json::{Report, Scores};

#[test]
fn a_closed_pipe_keeps_the_exit_code_of_invalid_input() {
    let fx = many_records(1500).file(
        "zz/bad.toml",
        record("Z", "z", "2022", "[acceptance]\n\"1.1\" = 99\n"),
    );
    let (code, _) = run_closing_stdout_early(fx.path(), &["score", "--format", "csv"]);
    assert_eq!(code, Some(2));
}

#[test]
fn an_org_filter_keeps_periods_where_the_org_has_only_missing_branches() {
    let fx = Fixture::mini()
        .file("roster.toml", "[[branch]]\norg = \"P\"\nbranch = \"p1\"\n\n[[branch]]\norg = \"Q\"\nbranch = \"q1\"\n")
        .file("q/2022.toml", record("Q", "q1", "2022", &full_acceptance(50, 50)));
    let run = fx
        .test(&["report", "--org", "P", "--format", "json"])
        .stdout_inspected()
        .status(0);
    let json: Report = run.json();
    assert_eq!(json.rows[0].org.as_deref(), Some("P"));
    assert_eq!(json.rows[0].missing, 1);
    assert_eq!(json.rows[0].rate, 0.0);
    fx.test(&["check", "--org", "P", "--min-compliance", "50%"])
        .stdout(
            r#"1 record file checked: 0 errors, 0 warnings

Gates
┌────────────────────┬────────┬───────────────────────────────────────────────────────────────────┐
│ gate               ┆ result ┆ details                                                           │
╞════════════════════╪════════╪═══════════════════════════════════════════════════════════════════╡
│ min-compliance 50% ┆ FAILED ┆ 2022: 0 of 1 passed = 0%, below 50% (needs 1 more passing branch) │
└────────────────────┴────────┴───────────────────────────────────────────────────────────────────┘
"#,
        )
        .status(1);
}

#[test]
fn a_compliance_gate_with_nothing_to_judge_fails() {
    let fx = Fixture::mini().file(
        "q/2022.toml",
        record("Q", "q1", "2022", &full_acceptance(50, 50)),
    );
    // A period that no record has is a usage error (issue 9, item 22)…
    fx.test(&["check", "--period", "2031", "--target"])
        .stderr("error: no period '2031'; known: 2022\n")
        .status(2);
    // …and a root with no record at all has nothing to judge: the gate fails.
    Fixture::mini()
        .test(&["check", "--target"])
        .stdout(
            r#"0 record files checked: 0 errors, 0 warnings

Gates
┌────────┬────────┬─────────────────────┐
│ gate   ┆ result ┆ details             │
╞════════╪════════╪═════════════════════╡
│ target ┆ FAILED ┆ no records to judge │
└────────┴────────┴─────────────────────┘
"#,
        )
        .status(1);
}

#[test]
fn a_satisfaction_reads_the_same_in_its_column_and_its_reason() {
    let run = Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(79, 90)),
        )
        .test(&["score", "--format", "csv"])
        .stdout(
            r#"org,branch,period,level,base,bonus,total,satisfaction,band,status,reasons
A,a,2022,acceptance,47.00,0.00,47.00,87.78%,good,fail,satisfaction 87.78% is below 90%
"#,
        )
        .status(0);
    let row = run.stdout.lines().nth(1).unwrap();
    assert!(row.contains(",87.78%,"), "{row}");
    assert!(row.ends_with("satisfaction 87.78% is below 90%"), "{row}");
}

#[test]
fn a_rate_just_below_a_threshold_never_reads_as_meeting_it() {
    // 1808 of 2009 = 89.995…%: its column rounds to 90.00% (the one rate rule), the verdict
    // is made on the exact value, and the reason shows the decimals that make it below 90%.
    let run = Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(1808, 2009)),
        )
        .test(&["score", "--format", "csv"])
        .stdout(
            r#"org,branch,period,level,base,bonus,total,satisfaction,band,status,reasons
A,a,2022,acceptance,47.00,0.00,47.00,90.00%,good,fail,satisfaction 89.995% is below 90%
"#,
        )
        .status(0);
    let row = run.stdout.lines().nth(1).unwrap();
    assert!(
        row.contains(",90.00%,") && row.ends_with(",fail,satisfaction 89.995% is below 90%"),
        "{row}"
    );
}

#[test]
fn a_rate_reads_the_same_rounded_figure_in_every_format() {
    // 11 of 13 = 0.846153…: rounded half away from zero to 0.8462 everywhere (the xlsx cell
    // held a truncated 0.8461).
    let fx = Fixture::mini().file(
        "a/2022.toml",
        record("A", "a", "2022", &full_acceptance(11, 13)),
    );
    // Every run is checked for its exit code and an empty stderr: a record that failed to
    // score would otherwise leave the rate out and the checks below would pass vacuously.
    let json: Scores = fx.test(&["score", "--format", "json"]).json(0);
    assert_eq!(json.records[0].satisfaction, Some(0.8462));
    for format in ["csv", "markdown", "table"] {
        let run = fx
            .test(&["score", "--format", format])
            .stdout_inspected()
            .success();
        assert!(run.stdout.contains("84.62%"), "{format}: {}", run.stdout);
        assert!(!run.stdout.contains("84.61"), "{format}: {}", run.stdout);
    }
    let xlsx = fx.path().join("s.xlsx");
    fx.test(&["score", "--format", "xlsx", "-o", xlsx.to_str().unwrap()])
        .status(0);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::{DataType, Reader};
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<f64> = sheet
        .cells()
        .filter_map(|(_, _, c)| c.get_float())
        .collect();
    assert!(cells.contains(&0.8462), "{cells:?}");
    assert!(!cells.contains(&0.8461), "{cells:?}");
}

#[test]
fn deductions_cannot_get_around_a_step() {
    let body = full_acceptance(50, 50).replace(
        "\"2.1\" = 10",
        "\"2.1\" = { deductions = [ { points = 0.25, reason = \"late\" } ] }",
    );
    Fixture::mini()
        .file("a/2022.toml", record("A", "a", "2022", &body))
        .test(&["check"]).stdout("1 record file checked: 1 error, 0 warnings\n").stderr(
        r#"a/2022.toml:12:24: error: [acceptance] point 2.1: the deductions leave 9.75, not a multiple of its step 0.5
 12 | "2.1" = { deductions = [ { points = 0.25, reason = "late" } ] }
    |                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
"#,
    ).status(2);
}

#[test]
fn a_checklist_given_with_another_name_and_place_is_not_a_record() {
    let fx = Fixture::empty()
        .file("defs/rules.toml", MINI_CHECKLIST)
        .file(
            "recs/a/2022.toml",
            record("A", "a", "2022", &full_acceptance(50, 50)),
        );
    let run = fx
        .test(&[
            "score",
            "--checklist",
            "defs/rules.toml",
            "--format",
            "json",
            "recs",
        ])
        .stdout_inspected()
        .status(0);
    let json: Scores = run.json();
    assert_eq!(json.records[0].file, "a/2022.toml");
    assert_eq!(json.records[0].total, 50.0);
    let fx = Fixture::empty().file("rules.toml", MINI_CHECKLIST).file(
        "a/2022.toml",
        record("A", "a", "2022", &full_acceptance(50, 50)),
    );
    fx.test(&["check", "--checklist", "rules.toml", "."])
        .stdout("1 record file checked: 0 errors, 0 warnings\n")
        .status(0);
}

#[cfg(unix)]
#[test]
fn odd_file_names_are_reported_and_links_followed() {
    use std::os::unix::ffi::OsStrExt;
    let fx = Fixture::mini().file(
        "real/2022.toml",
        record("A", "a", "2022", &full_acceptance(50, 50)),
    );
    let bad = fx.path().join(std::ffi::OsStr::from_bytes(b"b\xfe.toml"));
    std::fs::write(bad, record("B", "b", "2022", &full_acceptance(50, 50))).unwrap();
    std::fs::create_dir(fx.join("linked")).unwrap();
    std::os::unix::fs::symlink(fx.join("real/2022.toml"), fx.join("linked/2023.toml")).unwrap();
    fx.test(&["score", "--format", "json"]).stdout_inspected().stderr(
        r#"b�.toml:1:1: error: the file name is not valid UTF-8: rename it so it can be named in reports
linked/2023.toml:3:10: error: duplicate record for A / a / 2022: also in real/2022.toml
 3 | period = "2022"
   |          ^^^^^^
real/2022.toml:3:10: error: duplicate record for A / a / 2022: also in linked/2023.toml
 3 | period = "2022"
   |          ^^^^^^
3 errors found; invalid files are left out
"#,
    ).status(2);
    // the linked file is read (and is a duplicate of the real one)
}

#[test]
fn an_unquoted_point_id_gets_a_hint() {
    Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", "[acceptance]\n1.1 = 3\n"),
        )
        .test(&["check"]).stdout("1 record file checked: 1 error, 0 warnings\n").stderr(
        r#"a/2022.toml:6:1: error: [acceptance]: point ids must be quoted: write "1.1" = …, not 1.1 = …
 6 | 1.1 = 3
   | ^
"#,
    ).status(2);
}

#[test]
fn an_invalid_roster_does_not_stop_scoring_but_stops_compliance() {
    let fx = Fixture::mini()
        .file("roster.toml", "[[branch]]\norg = \"A\"\nbrnch = \"a\"\n")
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(50, 50)),
        );
    let run = fx
        .test(&["score", "--format", "json"])
        .stdout_inspected()
        .stderr(
            r#"roster.toml:1:1: error: a [[branch]] lacks the required key `branch`
 1 | [[branch]]
   | ^
roster.toml:3:1: error: unknown key `brnch` in a [[branch]] (did you mean `branch`?)
 3 | brnch = "a"
   | ^^^^^
2 errors found; invalid files are left out
"#,
        )
        .status(2);
    assert_eq!(run.json::<Scores>().records[0].total, 50.0);
    fx.test(&["report"])
        .stderr(
            r#"roster.toml:1:1: error: a [[branch]] lacks the required key `branch`
 1 | [[branch]]
   | ^
roster.toml:3:1: error: unknown key `brnch` in a [[branch]] (did you mean `branch`?)
 3 | brnch = "a"
   | ^^^^^
2 errors found; invalid files are left out
roster.toml is invalid: no compliance figures until it is fixed
"#,
        )
        .status(2);
}

#[test]
fn a_numeric_period_in_another_radix_is_read_as_its_value() {
    let body = full_acceptance(50, 50);
    Fixture::mini()
        .file("a/2022.toml", record("A", "a", "2022", &body))
        .file(
            "b/2022.toml",
            record("A", "a", "2022", &body).replace("period = \"2022\"", "period = 0x7E6"),
        )
        .test(&["check"])
        .stdout("2 record files checked: 2 errors, 0 warnings\n")
        .stderr(
            r#"a/2022.toml:3:10: error: duplicate record for A / a / 2022: also in b/2022.toml
 3 | period = "2022"
   |          ^^^^^^
b/2022.toml:3:10: error: duplicate record for A / a / 2022: also in a/2022.toml
 3 | period = 0x7E6
   |          ^^^^^
"#,
        )
        .status(2);
}

#[test]
fn checklist_steps_grades_and_bands_must_be_usable() {
    let broken = MINI_CHECKLIST
        .replace("max = 10\nstep = 0.5", "max = 10\nstep = 3")
        .replace("bands = [ { min = \"95%\", points = 5 }, { min = \"90%\", points = 4 }, { min = \"80%\", points = 2 } ]", "bands = []");
    Fixture::empty()
        .file("checklist.toml", broken)
        .test(&["check"]).stdout("0 record files checked: 2 errors, 0 warnings\n").stderr(
        r#"checklist.toml:50:1: error: point 2.1: its max 10 is not a multiple of its step 3, so full marks are impossible
 50 | [[items.points]]
    | ^^^^^^^^^^^^^^^^
checklist.toml:71:9: error: point 3.1: `bands` is empty, so the point would always score 0
 71 | bands = []
    |         ^^
"#,
    ).status(2);
}

#[test]
fn evidence_must_name_a_file_inside_the_root() {
    let body = full_acceptance(50, 50)
        .replace("\"1.2\" = 5", "\"1.2\" = { score = 5, evidence = [\".\"] }");
    Fixture::mini()
        .file("a/2022.toml", record("A", "a", "2022", &body))
        .test(&["check"]).stdout("1 record file checked: 1 error, 0 warnings\n").stderr(
        r#"a/2022.toml:11:34: error: [acceptance] point 1.2: evidence "." must be a path inside the records root
 11 | "1.2" = { score = 5, evidence = ["."] }
    |                                  ^^^
"#,
    ).status(2);
}

#[test]
fn huge_and_tiny_numbers_get_plain_messages() {
    Fixture::mini()
        .file("a/2022.toml", record("A", "a", "2022", "[acceptance]\n\"1.1\" = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\n\"1.2\" = 1e-400\n\"2.1\" = { deductions = [ { points = 1, times = 9223372036854775807, reason = \"x\" } ] }\n"))
        .test(&["check"]).stdout("1 record file checked: 3 errors, 0 warnings\n").stderr(
        r#"a/2022.toml:6:9: error: [acceptance] point 1.1: 9999999999999999999999999999999999999999 is too large
 6 | "1.1" = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
a/2022.toml:7:9: error: [acceptance] point 1.2: 1e-400 has more than 2 decimals
 7 | "1.2" = 1e-400
   |         ^^^^^^
a/2022.toml:8:48: error: [acceptance] point 2.1: `times` must be at most 10000, got 9223372036854775807
 8 | "2.1" = { deductions = [ { points = 1, times = 9223372036854775807, reason = "x" } ] }
   |                                                ^^^^^^^^^^^^^^^^^^^
"#,
    ).status(2);
}

#[test]
fn explain_never_shows_a_rate_below_a_band_or_threshold_as_reaching_it() {
    // 1808 of 2009 = 89.995…%: rounded it reads 90%, the band it missed and the required rate.
    let run = Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(1808, 2009)),
        )
        .test(&["explain", "a/2022.toml"])
        .stdout_inspected()
        .status(0);
    for expected in [
        "from satisfaction 89.995% (band ≥ 80%)",
        "89.995% (1808 of 2009 satisfied); required 90%",
        "satisfaction 89.995% is below 90%",
    ] {
        assert!(run.stdout.contains(expected), "{expected}: {}", run.stdout);
    }
    assert!(!run.stdout.contains("satisfaction 90%"), "{}", run.stdout);
}

// ── issue 9 (chinese): items 19, 20, 21, 24, 25 ─────────────────────────────────────────

/// A record of the reference checklist at acceptance: every point at `score` except the ones
/// given in `overrides` (`"1.1" = …` lines), a survey of 50 of 52.
fn reference_record(body_overrides: &[(&str, &str)]) -> String {
    let checklist = audit::read::checklist::Checklist::parse(audit::diagnostic::SourceFile::new(
        "checklist.toml",
        audit::REFERENCE_CHECKLIST,
    ))
    .unwrap();
    let mut s = String::from(
        "org = \"O\"\nbranch = \"B\"\nperiod = \"2024\"\n\n[satisfaction]\nsurveyed = 52\nsatisfied = 50\n\n[acceptance]\n",
    );
    for p in checklist.points().filter(|p| !p.is_derived()) {
        let value = body_overrides
            .iter()
            .find(|(id, _)| *id == p.id)
            .map_or(p.max.to_string(), |(_, v)| v.to_string());
        s.push_str(&format!("\"{}\" = {value}\n", p.id));
    }
    s
}

#[test]
fn every_point_of_the_reference_checklist_is_scored_in_steps_of_half_a_point() {
    // 1.2 had no step: 2.25 scored silently. The top-level `step = 0.5` now covers it.
    let fx = Fixture::empty()
        .file("checklist.toml", audit::REFERENCE_CHECKLIST)
        .file("o/b/2024.toml", reference_record(&[("1.2", "2.25")]));
    fx.test(&["check"]).stdout("1 record file checked: 1 error, 0 warnings\n").stderr(
        r#"o/b/2024.toml:11:9: error: [acceptance] point 1.2: score 2.25 is not a multiple of its step 0.5
 11 | "1.2" = 2.25
    |         ^^^^
"#,
    ).status(2);
}

#[test]
fn a_top_level_step_applies_to_every_point_but_derived_ones() {
    let checklist = MINI_CHECKLIST.replace("bonus_cap = 3\n", "bonus_cap = 3\nstep = 0.5\n");
    // 2.2 has no step of its own; 3.1 is derived and keeps none (the survey scores it).
    let fx = Fixture::empty().file("checklist.toml", &checklist).file(
        "a/2022.toml",
        record(
            "A",
            "a",
            "2022",
            &full_acceptance(48, 50).replace("\"2.2\" = 10", "\"2.2\" = 9.25"),
        ),
    );
    let run = fx.test(&["check"]).stdout("1 record file checked: 1 error, 0 warnings\n").stderr(
        r#"a/2022.toml:13:9: error: [acceptance] point 2.2: score 9.25 is not a multiple of its step 0.5
 13 | "2.2" = 9.25
    |         ^^^^
"#,
    ).status(2);
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    // The forms say so too (the record schema reads the same `Point::step`).
    fx.test(&[
        "new", "--org", "N", "--branch", "n", "--period", "2023", "-o", "-",
    ])
    .stdout(
        r#"# Assessment record: Mini checklist (version m-1)
#
# Fill in every "" below, then check the file:  audit check FILE
# A value is points (3, 2.5), a grade name ("good"), "na" where a point allows it, or
#   { deductions = [ { points = 0.5, times = 2, reason = "two meetings without minutes" } ] }
# A note or evidence goes with it as  { score = 2.5, note = "…", evidence = ["evidence/…"] }

org = "N"
branch = "n"
period = "2023"

# Survey of members and the masses (required): valid ballots and satisfied ones,
# or replace both lines with  rate = "92.5%"
[satisfaction]
surveyed = ""
satisfied = ""

# One-vote vetoes: true if it happened (fails the record whatever its score).
[vetoes]
V1 = false  # Heavy discipline

# Bonus points, at most 3 in all.
[bonus]
B1 = 0  # Honours (max 2)
B2 = 0  # Brand (max 2)

[self]
# When this level was completed (YYYY-MM-DD, no quotes) and who signs it:
# date = YYYY-MM-DD
# by = "…"

# ── 1 Setup · 15 points
# 1.1 Committee · max 10 in steps of 0.5; grades: good 10, fair 7.5, poor 0
"1.1" = ""
# 1.2 Groups · max 5 in steps of 0.5; "na" if not applicable
"1.2" = ""

# ── 2 Organisational life · 20 points
# 2.1 Meetings · max 10 in steps of 0.5
"2.1" = ""
# 2.2 Lectures · max 10 in steps of 0.5
#     −1.5 per missed lecture
"2.2" = ""

# ── 3 Role · 15 points
# 3.1 Satisfaction · max 5: scored from the satisfaction survey, not written here
# 3.2 Vanguard · max 5 in steps of 0.5
"3.2" = ""
# 3.3 Volunteering · max 5 in steps of 0.5; "na" if not applicable
"3.3" = ""
"#,
    )
    .status(0);
    // A zero step is refused with its position.
    let fx = Fixture::empty().file(
        "checklist.toml",
        MINI_CHECKLIST.replace("bonus_cap = 3\n", "bonus_cap = 3\nstep = 0\n"),
    );
    fx.test(&["check"])
        .stdout("0 record files checked: 1 error, 0 warnings\n")
        .stderr(
            r#"checklist.toml:4:8: error: the checklist's `step` must be greater than 0
 4 | step = 0
   |        ^
"#,
        )
        .status(2);
}

#[test]
fn the_reference_checklist_s_lowest_band_is_not_called_pass() {
    // 75 points: not passing (below 90), and its band must not read "pass".
    let fx = Fixture::empty()
        .file("checklist.toml", audit::REFERENCE_CHECKLIST)
        .file(
            "o/b/2024.toml",
            reference_record(&[
                ("10.1", "\"D\""),
                ("10.2", "\"poor\""),
                ("9.2", "0"),
                ("9.1", "0"),
                ("5.2", "1"),
                ("9.3", "0"),
                ("4.5", "0"),
                ("3.1", "1"),
            ]),
        );
    let run = fx
        .test(&["score", "--format", "json"])
        .stdout_inspected()
        .status(0);
    let json: Scores = run.json();
    let r = &json.records[0];
    assert_eq!(
        (r.total, r.band.as_deref(), r.status.as_str()),
        (70.0, Some("adequate"), "fail")
    );
}
