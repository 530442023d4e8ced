//! `audit score`: figures, statuses, filters and formats.

use crate::harness::{Fixture, MINI_CHECKLIST, Test, full_acceptance, record};
use crate::json::{Explained, Item, Record, Scores, Would};

/// Three records whose figures were worked out by hand (see each assertion).
fn three_branches() -> Fixture {
    Fixture::mini()
        .file(
            "alpha/one/2022.toml",
            record("Alpha", "One", "2022", &full_acceptance(48, 50))
                + "\n[bonus]\nB1 = 2\nB2 = 2\n",
        )
        .file(
            "alpha/two/2022.toml",
            record(
                "Alpha",
                "第二党支部",
                "2022",
                r#"[satisfaction]
surveyed = 50
satisfied = 45

[acceptance]
"1.1" = "fair"
"1.2" = 5
"2.1" = 10
"2.2" = { deductions = [ { points = 1.5, times = 2, reason = "两次党课未开展" } ] }
"3.2" = 5
"3.3" = 5
"#,
            ),
        )
        .file(
            "beta/three/2022.toml",
            record(
                "Beta",
                "Three",
                "2022",
                r#"[satisfaction]
rate = "100%"

[acceptance]
"1.1" = 10
"1.2" = { score = "na", note = "no groups" }
"2.1" = 9.5
"2.2" = 10
"3.2" = 4
"3.3" = "na"
"#,
            ),
        )
}

#[test]
fn json_figures_match_the_hand_computation() {
    let json: Scores = three_branches()
        .test(&["score", "--format", "json", "."])
        .json(0);
    assert_eq!(json.checklist.total, 50.0);
    assert_eq!(json.checklist.title, "Mini checklist");
    let records = &json.records;
    assert_eq!(records.len(), 3);

    // Full marks (50) + bonus 2 + 2 capped at 3; 48/50 = 96 % → excellent.
    let one = &records[0];
    assert_eq!(one.file, "alpha/one/2022.toml");
    assert_eq!(one.status, "pass");
    assert_eq!(one.base, 50.0);
    assert_eq!(one.bonus, 3.0);
    assert_eq!(one.total, 53.0);
    assert_eq!(one.satisfaction, Some(0.96));
    assert_eq!(one.band.as_deref(), Some("excellent"));

    // fair 7.5 + 5 + 10 + (10 − 1.5×2) + derived 4 (90 %) + 5 + 5 = 43.5 < 45.
    let two = &records[1];
    assert_eq!(two.branch, "第二党支部");
    assert_eq!(two.status, "fail");
    assert_eq!(two.total, 43.5);
    assert_eq!(two.items[1].score, 17.0);
    assert_eq!(two.band.as_deref(), Some("fair"));
    assert_eq!(two.reasons, ["total 43.50 is below 45"]);

    // N/A on 1.2 and 3.3: raw 38.5 of 40 applicable → 38.5 × 50 / 40 = 48.125 → 48.13
    // (half away from zero; banker's rounding would give 48.12).
    let three = &records[2];
    assert_eq!(three.status, "pass");
    assert_eq!(three.base, 48.13);
    assert_eq!(three.total, 48.13);
    assert_eq!(three.band.as_deref(), Some("excellent"));
    assert_eq!(
        three.items[0],
        Item {
            id: "1".into(),
            score: 10.0,
            max: 15.0,
            applicable: 10.0,
            ..Item::default()
        }
    );
}

#[test]
fn nine_scores_of_9_1_and_one_of_8_1_pass_a_90_point_threshold() {
    let mut checklist = String::from(
        "title = \"Ten\"\n[pass]\nmin_total = 90\n[[items]]\nid = \"I\"\ntitle = \"All\"\n",
    );
    let mut body = String::from("[acceptance]\n");
    for i in 0..10 {
        checklist.push_str(&format!(
            "[[items.points]]\nid = \"p{i}\"\ntitle = \"P{i}\"\nmax = 10\n"
        ));
        body.push_str(&format!(
            "\"p{i}\" = {}\n",
            if i == 9 { "8.1" } else { "9.1" }
        ));
    }
    let json: Scores = Fixture::empty()
        .file("checklist.toml", checklist)
        .file("x/2022.toml", record("X", "Y", "2022", &body))
        .test(&["score", "--format", "json"])
        .json(0);
    let r = &json.records[0];
    assert_eq!(r.total, 90.0);
    assert_eq!(r.status, "pass");
    assert_eq!(r.satisfaction, None);
}

#[test]
fn fifty_seven_of_a_hundred_meets_a_57_percent_threshold() {
    let checklist = MINI_CHECKLIST
        .replace("min_satisfaction = \"90%\"", "min_satisfaction = \"57%\"")
        .replace("[pass]\nmin_total = 45\n", "[pass]\nmin_total = 0\n");
    let run = Fixture::empty()
        .file("checklist.toml", checklist)
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(57, 100)),
        )
        .file(
            "b/2022.toml",
            record("B", "b", "2022", &full_acceptance(56, 100)),
        )
        .test(&["score", "--format", "json"])
        .json::<Scores>(0);
    assert_eq!(run.records[0].status, "pass");
    assert_eq!(run.records[1].status, "fail");
    assert_eq!(run.records[1].reasons, ["satisfaction 56% is below 57%"]);
}

#[test]
fn table_aligns_chinese_names() {
    let run = three_branches()
        .test(&["score", "--items", "."])
        .stdout_inspected()
        .success();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn incomplete_records_say_what_is_missing() {
    let run = Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "Nine", "2022", "[satisfaction]\nsurveyed = 10\nsatisfied = 10\n\n[acceptance]\n\"1.1\" = 10\n\"2.1\" = 10\n"),
        )
        .file("b/2022.toml", record("A", "Eleven", "2022", "[satisfaction]\nsurveyed = 10\nsatisfied = 10\n"))
        .file(
            "c/2022.toml",
            record("A", "Ten", "2022", &full_acceptance(1, 1).replace("[satisfaction]\nsurveyed = 1\nsatisfied = 1\n", "")),
        )
        .test(&["score", "--format", "json"])
        .json::<Scores>(0);
    let r = &run.records;
    assert_eq!(r[0].branch, "Eleven");
    assert_eq!(r[0].status, "incomplete");
    assert_eq!(r[0].level, None);
    assert_eq!(r[1].branch, "Nine");
    assert_eq!(r[1].reasons[0], "acceptance lacks 1.2, 2.2, 3.2, 3.3");
    assert_eq!(r[1].band, None);
    assert_eq!(r[2].branch, "Ten");
    assert_eq!(r[2].status, "incomplete");
    assert_eq!(r[2].reasons, ["the satisfaction survey is missing"]);
    // A program reads what is wrong from the codes, whatever the wording.
    assert_eq!(r[1].reason_codes, ["level-lacks-points"]);
    assert_eq!(r[2].reason_codes, ["survey-missing"]);
}

#[test]
fn a_triggered_veto_fails_whatever_the_score() {
    let run = Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(50, 50)) + "\n[vetoes]\nV1 = true\n",
        )
        .test(&["score", "--format", "json"])
        .json::<Scores>(0);
    let r = &run.records[0];
    assert_eq!(r.total, 50.0);
    assert_eq!(r.status, "fail");
    assert_eq!(r.vetoes, ["V1"]);
    assert_eq!(r.band, None);
    assert_eq!(r.reasons, ["veto V1: Heavy discipline"]);
    assert_eq!(r.reason_codes, ["vetoed"]);
}

#[test]
fn min_level_holds_back_records_whose_highest_level_is_too_low() {
    let self_only = full_acceptance(50, 50).replace("[acceptance]", "[self]");
    let fx = Fixture::empty()
        .file(
            "checklist.toml",
            MINI_CHECKLIST.replace(
                "[pass]\nmin_total = 45\n",
                "[pass]\nmin_total = 45\nmin_level = \"review\"\n",
            ),
        )
        .file("a/2022.toml", record("A", "a", "2022", &self_only));
    let json: Scores = fx.test(&["score", "--format", "json"]).json(0);
    let r = &json.records[0];
    assert_eq!(r.level.as_deref(), Some("self"));
    assert_eq!(r.total, 50.0);
    assert_eq!(r.status, "incomplete");
    assert_eq!(r.reasons, ["level self is below the required review"]);

    let json: Scores = fx
        .test(&["score", "--level", "review", "--format", "json"])
        .json(0);
    let r = &json.records[0];
    assert_eq!(r.level, None);
    assert_eq!(r.reasons, ["the record has no review level"]);
}

#[test]
fn level_option_scores_a_lower_level_of_an_accepted_record() {
    // Self-assessment rates 1.1 "good" (10), acceptance "fair" (7.5).
    let body = full_acceptance(50, 50)
        + &full_acceptance(50, 50)
            .split("[acceptance]")
            .nth(1)
            .map(|lines| format!("\n[self]{lines}"))
            .unwrap();
    let body = body.replacen("\"1.1\" = \"good\"", "\"1.1\" = \"fair\"", 1);
    let fx = Fixture::empty()
        .file(
            "checklist.toml",
            MINI_CHECKLIST.replace(
                "[pass]\nmin_total = 45\n",
                "[pass]\nmin_total = 45\nmin_level = \"acceptance\"\n",
            ),
        )
        .file("a/2022.toml", record("A", "a", "2022", &body));
    let json: Scores = fx.test(&["score", "--format", "json"]).json(0);
    let r = &json.records[0];
    assert_eq!(
        (r.level.as_deref(), r.total, r.status.as_str()),
        (Some("acceptance"), 47.5, "pass")
    );
    let json: Scores = fx
        .test(&["score", "--level", "self", "--format", "json"])
        .json(0);
    let r = &json.records[0];
    assert_eq!(
        (r.level.as_deref(), r.total, r.status.as_str()),
        (Some("self"), 50.0, "pass"),
        "{r:?}"
    );
    assert_eq!(r.band.as_deref(), Some("excellent"));
}

#[test]
fn filters_select_records() {
    let fx = three_branches();
    let run = fx
        .test(&["score", "--org", "Beta", "--format", "jsonl"])
        .stdout_inspected()
        .success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1);
    // SPEC §7: jsonl is one record object per line, the same object json lists.
    let line: serde_json::Value = serde_json::from_str(lines[0]).expect("a JSON line");
    let record: Record = serde_json::from_value(line.clone()).expect("a record");
    assert_eq!(
        (
            record.org.as_str(),
            record.branch.as_str(),
            record.period.as_str()
        ),
        ("Beta", "Three", "2022")
    );
    assert!(line.get("checklist").is_none(), "{line}");
    let json: serde_json::Value = fx
        .test(&["score", "--org", "Beta", "--format", "json"])
        .json(0);
    assert_eq!(line, json["records"][0]);

    let run = fx
        .test(&["score", "--status", "fail", "--format", "jsonl"])
        .stdout_inspected()
        .success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1);
    let record: Record = serde_json::from_str(lines[0]).expect("a record");
    assert_eq!(record.branch, "第二党支部");

    // A period no record has is an error, not an empty list (issue 9, item 22).
    fx.test(&["score", "--period", "2023", "--format", "json"])
        .stderr("error: no period '2023'; known: 2022\n")
        .status(2);
}

#[test]
fn invalid_records_are_skipped_with_a_diagnostic_and_exit_2() {
    let run = three_branches()
        .file(
            "gamma/bad/2022.toml",
            record("Gamma", "Bad", "2022", "[acceptance]\n\"1.1\" = 12\n"),
        )
        .test(&["score", "--format", "json"])
        .stderr(
            r#"gamma/bad/2022.toml:6:9: error: [acceptance] point 1.1: score 12 exceeds its max 10
 6 | "1.1" = 12
   |         ^^
1 error found; invalid files are left out
"#,
        )
        .json::<Scores>(2);
    assert_eq!(run.records.len(), 3);
}

#[test]
fn output_is_byte_identical_whatever_order_files_were_written_in() {
    let a = three_branches();
    // The same records written in the opposite order, under other folder names.
    let src = three_branches();
    let mut b = Fixture::mini();
    for rel in [
        "beta/three/2022.toml",
        "alpha/two/2022.toml",
        "alpha/one/2022.toml",
    ] {
        b = b.file(&format!("z-{}", rel.replace('/', "-")), src.read(rel));
    }
    let ra = a
        .test(&["score", "--format", "csv"])
        .stdout_inspected()
        .success();
    b.test(&["score", "--format", "csv"])
        .stdout(ra.stdout)
        .success();
    assert_eq!(
        a.test(&["score", "--format", "json"])
            .stdout_inspected()
            .status(0)
            .stdout,
        a.test(&["score", "--format", "json"])
            .stdout_inspected()
            .status(0)
            .stdout
    );
}

#[test]
fn hidden_and_gitignored_files_are_not_records() {
    let run = three_branches()
        .file(".gitignore", "drafts/\n")
        .file("drafts/x/2022.toml", "this is not toml = = =")
        .file(".hidden/2022.toml", "nor this = = =")
        .file("alpha/.secret.toml", "nor = = this")
        .test(&["score", "--format", "json"])
        .json::<Scores>(0);
    assert_eq!(run.records.len(), 3);
}

#[test]
fn records_are_found_from_a_subfolder() {
    let fx = three_branches();
    let json: Scores = Test::in_dir(fx.join("alpha"), &["score", "--format", "json"]).json(0);
    assert_eq!(json.records.len(), 2);
    assert_eq!(json.records[0].file, "alpha/one/2022.toml");
}

#[test]
fn no_checklist_is_a_clear_error() {
    Fixture::empty()
        .file("a/2022.toml", "org = \"A\"")
        .test(&["score"])
        .stderr("error: no checklist.toml found in . or any folder above it (run `audit init DIR` to start a records root, or pass --checklist FILE)\n")
        .status(2);
}

#[test]
fn a_self_assessment_below_min_level_shows_what_it_would_get() {
    let self_level = |satisfied, surveyed| {
        full_acceptance(satisfied, surveyed)
            .replace("[acceptance]", "[self]")
            .replace("\"2.1\" = 10", "\"2.1\" = 4.5")
    };
    let fx = Fixture::empty()
        .file(
            "checklist.toml",
            MINI_CHECKLIST.replace(
                "[pass]\nmin_total = 45\n",
                "[pass]\nmin_total = 45\nmin_level = \"acceptance\"\n",
            ),
        )
        .file("a/2022.toml", record("A", "a", "2022", &self_level(30, 40)))
        .file(
            "b/2022.toml",
            record("B", "b", "2022", &self_level(50, 50).replace("4.5", "10")),
        )
        .file(
            "c/2022.toml",
            record(
                "C",
                "c",
                "2022",
                &self_level(50, 50).replace("\"3.3\" = 5\n", ""),
            ),
        );
    let json: Scores = fx.test(&["score", "--format", "json"]).json(0);
    let records = &json.records;
    let a = &records[0];
    assert_eq!(a.status, "incomplete");
    assert_eq!(a.reasons, ["level self is below the required acceptance"]);
    let would = a.would.as_ref().expect("a verdict for the self level");
    assert_eq!(would.status, "fail");
    assert_eq!(
        would.reasons,
        ["total 39.50 is below 45", "satisfaction 75% is below 90%"]
    );
    assert_eq!(records[1].status, "incomplete");
    assert!(
        matches!(&records[1].would, Some(Would { status, reasons }) if status == "pass" && reasons.is_empty()),
        "{:?}",
        records[1].would
    );
    // Incomplete for another reason as well (a point is missing): no verdict to show.
    assert!(records[2].would.is_none());

    let run = fx
        .test(&["score", "--format", "csv"])
        .stdout_inspected()
        .success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[1].ends_with(
            ",incomplete,level self is below the required acceptance; would fail: total 39.50 is below 45; satisfaction 75% is below 90%"
        ),
        "{}",
        lines[1]
    );
    assert!(lines[2].ends_with("acceptance; would pass"), "{}", lines[2]);
    assert!(
        lines[3].ends_with("self lacks 3.3; level self is below the required acceptance"),
        "{}",
        lines[3]
    );

    let run = fx
        .test(&["explain", "a/2022.toml"])
        .stdout_inspected()
        .success();
    assert!(
        run.stdout
            .contains("would fail: total 39.50 is below 45; satisfaction 75% is below 90%"),
        "{}",
        run.stdout
    );
    let explained: Explained = fx
        .test(&["explain", "--format", "json", "a/2022.toml"])
        .json(0);
    assert_eq!(
        explained.record.would.map(|w| w.status).as_deref(),
        Some("fail")
    );

    // The HTML page's list of branches needing attention says it too.
    let page = fx.path().join("r.html");
    fx.test(&["report", "--format", "html", "-o", page.to_str().unwrap()])
        .success();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("level self is below the required acceptance; would fail: total 39.50 is below 45; satisfaction 75% is below 90%"),
        "{html}"
    );
}
