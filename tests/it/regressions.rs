//! Regression tests, each named after the problem it guards against (found in review).

use crate::harness::{
    Fixture, MINI_CHECKLIST, full_acceptance, many_records, record, run_closing_stdout_early,
};

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
    let run = fx.run(&["report", "--org", "P", "--format", "json"]);
    run.assert_code(0);
    let json = run.json::<serde_json::Value>();
    assert_eq!(json["rows"][0]["org"], "P");
    assert_eq!(json["rows"][0]["missing"], 1);
    assert_eq!(json["rows"][0]["rate"], 0.0);
    let run = fx.run(&["check", "--org", "P", "--min-compliance", "50%"]);
    run.assert_code(1);
}

#[test]
fn a_compliance_gate_with_nothing_to_judge_fails() {
    let fx = Fixture::mini().file(
        "q/2022.toml",
        record("Q", "q1", "2022", &full_acceptance(50, 50)),
    );
    // A period that no record has is a usage error (issue 9, item 22)…
    let run = fx.run(&["check", "--period", "2031", "--target"]);
    run.assert_code(2);
    assert_eq!(run.stderr, "error: no period '2031'; known: 2022\n");
    // …and a root with no record at all has nothing to judge: the gate fails.
    let run = Fixture::mini().run(&["check", "--target"]);
    run.assert_code(1);
    assert!(run.stdout.contains("no records to judge"), "{}", run.stdout);
}

#[test]
fn a_satisfaction_reads_the_same_in_its_column_and_its_reason() {
    let run = Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(79, 90)),
        )
        .run(&["score", "--format", "csv"]);
    run.assert_code(0);
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
        .run(&["score", "--format", "csv"]);
    run.assert_code(0);
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
    let json = fx.run(&["score", "--format", "json"]);
    assert_eq!(
        json.json::<serde_json::Value>()["records"][0]["satisfaction"],
        0.8462
    );
    for format in ["csv", "markdown", "table"] {
        let run = fx.run(&["score", "--format", format]);
        assert!(run.stdout.contains("84.62%"), "{format}: {}", run.stdout);
        assert!(!run.stdout.contains("84.61"), "{format}: {}", run.stdout);
    }
    let xlsx = fx.path().join("s.xlsx");
    fx.run(&["score", "--format", "xlsx", "-o", xlsx.to_str().unwrap()])
        .assert_code(0);
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
    let run = Fixture::mini()
        .file("a/2022.toml", record("A", "a", "2022", &body))
        .run(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains(
            "[acceptance] point 2.1: the deductions leave 9.75, not a multiple of its step 0.5"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_checklist_given_with_another_name_and_place_is_not_a_record() {
    let fx = Fixture::empty()
        .file("defs/rules.toml", MINI_CHECKLIST)
        .file(
            "recs/a/2022.toml",
            record("A", "a", "2022", &full_acceptance(50, 50)),
        );
    let run = fx.run(&[
        "score",
        "--checklist",
        "defs/rules.toml",
        "--format",
        "json",
        "recs",
    ]);
    run.assert_code(0);
    let json = run.json::<serde_json::Value>();
    assert_eq!(json["records"][0]["file"], "a/2022.toml");
    assert_eq!(json["records"][0]["total"], 50.0);
    let fx = Fixture::empty().file("rules.toml", MINI_CHECKLIST).file(
        "a/2022.toml",
        record("A", "a", "2022", &full_acceptance(50, 50)),
    );
    let run = fx.run(&["check", "--checklist", "rules.toml", "."]);
    run.assert_code(0);
    assert!(
        run.stdout.starts_with("1 record file checked"),
        "{}",
        run.stdout
    );
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
    let run = fx.run(&["score", "--format", "json"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("the file name is not valid UTF-8"),
        "{}",
        run.stderr
    );
    // the linked file is read (and is a duplicate of the real one)
    assert!(
        run.stderr
            .contains("duplicate record for A / a / 2022: also in real/2022.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unquoted_point_id_gets_a_hint() {
    let run = Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", "[acceptance]\n1.1 = 3\n"),
        )
        .run(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("point ids must be quoted: write \"1.1\" = …, not 1.1 = …"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_invalid_roster_does_not_stop_scoring_but_stops_compliance() {
    let fx = Fixture::mini()
        .file("roster.toml", "[[branch]]\norg = \"A\"\nbrnch = \"a\"\n")
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(50, 50)),
        );
    let run = fx.run(&["score", "--format", "json"]);
    run.assert_code(2);
    assert_eq!(run.json::<serde_json::Value>()["records"][0]["total"], 50.0);
    assert!(
        run.stderr
            .contains("roster.toml:3:1: error: unknown key `brnch`"),
        "{}",
        run.stderr
    );
    let run = fx.run(&["report"]);
    run.assert_code(2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("roster.toml is invalid"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_numeric_period_in_another_radix_is_read_as_its_value() {
    let body = full_acceptance(50, 50);
    let run = Fixture::mini()
        .file("a/2022.toml", record("A", "a", "2022", &body))
        .file(
            "b/2022.toml",
            record("A", "a", "2022", &body).replace("period = \"2022\"", "period = 0x7E6"),
        )
        .run(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("duplicate record for A / a / 2022"),
        "{}",
        run.stderr
    );
}

#[test]
fn checklist_steps_grades_and_bands_must_be_usable() {
    let broken = MINI_CHECKLIST
        .replace("max = 10\nstep = 0.5", "max = 10\nstep = 3")
        .replace("bands = [ { min = \"95%\", points = 5 }, { min = \"90%\", points = 4 }, { min = \"80%\", points = 2 } ]", "bands = []");
    let run = Fixture::empty()
        .file("checklist.toml", broken)
        .run(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("point 2.1: its max 10 is not a multiple of its step 3"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("point 3.1: `bands` is empty"),
        "{}",
        run.stderr
    );
}

#[test]
fn evidence_must_name_a_file_inside_the_root() {
    let body = full_acceptance(50, 50)
        .replace("\"1.2\" = 5", "\"1.2\" = { score = 5, evidence = [\".\"] }");
    let run = Fixture::mini()
        .file("a/2022.toml", record("A", "a", "2022", &body))
        .run(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("evidence \".\" must be a path inside the records root"),
        "{}",
        run.stderr
    );
}

#[test]
fn huge_and_tiny_numbers_get_plain_messages() {
    let run = Fixture::mini()
        .file("a/2022.toml", record("A", "a", "2022", "[acceptance]\n\"1.1\" = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\n\"1.2\" = 1e-400\n\"2.1\" = { deductions = [ { points = 1, times = 9223372036854775807, reason = \"x\" } ] }\n"))
        .run(&["check"]);
    run.assert_code(2);
    assert!(run.stderr.contains("is too large"), "{}", run.stderr);
    assert!(
        run.stderr.contains("1e-400 has more than 2 decimals"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`times` must be at most 10000"),
        "{}",
        run.stderr
    );
}

#[test]
fn explain_never_shows_a_rate_below_a_band_or_threshold_as_reaching_it() {
    // 1808 of 2009 = 89.995…%: rounded it reads 90%, the band it missed and the required rate.
    let run = Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(1808, 2009)),
        )
        .run(&["explain", "a/2022.toml"]);
    run.assert_code(0);
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
    let run = fx.run(&["check"]);
    run.assert_code(2);
    assert_eq!(
        run.stderr,
        "o/b/2024.toml:11:9: error: [acceptance] point 1.2: score 2.25 is not a multiple of its step 0.5\n 11 | \"1.2\" = 2.25\n    |         ^^^^\n"
    );
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
    let run = fx.run(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains(
            "a/2022.toml:13:9: error: [acceptance] point 2.2: score 9.25 is not a multiple of its step 0.5"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    // The forms say so too (the record schema reads the same `Point::step`).
    let run = fx.run(&[
        "new", "--org", "N", "--branch", "n", "--period", "2023", "-o", "-",
    ]);
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("# 2.2 Lectures · max 10 in steps of 0.5\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("# 3.1 Satisfaction · max 5: scored from the satisfaction survey"),
        "{}",
        run.stdout
    );
    // A zero step is refused with its position.
    let fx = Fixture::empty().file(
        "checklist.toml",
        MINI_CHECKLIST.replace("bonus_cap = 3\n", "bonus_cap = 3\nstep = 0\n"),
    );
    let run = fx.run(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("checklist.toml:4:8: error: the checklist's `step` must be greater than 0"),
        "{}",
        run.stderr
    );
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
    let run = fx.run(&["score", "--format", "json"]);
    run.assert_code(0);
    let r = &run.json::<serde_json::Value>()["records"][0];
    assert_eq!(
        (
            r["total"].as_f64(),
            r["band"].as_str(),
            r["status"].as_str()
        ),
        (Some(70.0), Some("adequate"), Some("fail"))
    );
}
