//! `audit report`: compliance rates per period and org (SPEC §6).

use crate::harness::{Fixture, full_acceptance, record};
use crate::json::{InvalidFile, Report, Row, Scores};

const SMALL: &str = r#"title = "Small"

[pass]
min_total = 9

[compliance]
target = "95%"
[compliance.targets]
"2022" = "60%"

[[items]]
id = "1"
title = "One"

[[items.points]]
id = "1.1"
title = "Only point"
max = 10
"#;

const ROSTER: &str = r#"[[branch]]
org = "A"
branch = "a1"

[[branch]]
org = "A"
branch = "a2"

[[branch]]
org = "A"
branch = "a3"

[[branch]]
org = "A"
branch = "a4"

[[branch]]
org = "B"
branch = "b1"

[[branch]]
org = "B"
branch = "b2"
from = "2023"

[[branch]]
org = "B"
branch = "b3"
until = "2022"
"#;

fn scored(org: &str, branch: &str, period: &str, points: &str) -> String {
    record(
        org,
        branch,
        period,
        &format!("[acceptance]\n\"1.1\" = {points}\n"),
    )
}

fn with_roster() -> Fixture {
    Fixture::empty()
        .file("checklist.toml", SMALL)
        .file("roster.toml", ROSTER)
        // 2022: A: a1 pass, a2 fail, a3 incomplete, a4 missing; B: b1, b3 pass (b2 not yet)
        .file("a/a1/2022.toml", scored("A", "a1", "2022", "10"))
        .file("a/a2/2022.toml", scored("A", "a2", "2022", "5"))
        .file(
            "a/a3/2022.toml",
            record("A", "a3", "2022", "[acceptance]\n"),
        )
        .file("b/b1/2022.toml", scored("B", "b1", "2022", "9"))
        .file("b/b3/2022.toml", scored("B", "b3", "2022", "9.5"))
        // 2023: everyone expected passes; b3 is no longer expected
        .file("a/a1/2023.toml", scored("A", "a1", "2023", "10"))
        .file("a/a2/2023.toml", scored("A", "a2", "2023", "10"))
        .file("a/a3/2023.toml", scored("A", "a3", "2023", "10"))
        .file("a/a4/2023.toml", scored("A", "a4", "2023", "9"))
        .file("b/b1/2023.toml", scored("B", "b1", "2023", "10"))
        .file("b/b2/2023.toml", scored("B", "b2", "2023", "10"))
}

fn row<'a>(json: &'a Report, period: &str, org: Option<&str>) -> &'a Row {
    json.rows
        .iter()
        .find(|r| r.period == period && r.org.as_deref() == org)
        .unwrap_or_else(|| panic!("no row {period} {org:?}"))
}

#[test]
fn roster_population_counts_missing_branches() {
    let json: Report = with_roster()
        .test(&["report", "--format", "json", "."])
        .json(0);
    assert_eq!(json.rows.len(), 6);
    assert_eq!(
        row(&json, "2022", Some("A")),
        &Row {
            period: "2022".into(),
            org: Some("A".into()),
            population: 4,
            passed: 1,
            failed: 1,
            incomplete: 1,
            missing: 1,
            invalid: 0,
            rate: 0.25,
            target: Some(0.6),
            met: Some(false),
            shortfall: Some(2),
        }
    );
    let all = row(&json, "2022", None);
    assert_eq!(all.population, 6);
    assert_eq!(all.passed, 3);
    assert_eq!(all.rate, 0.5);
    assert_eq!(all.shortfall, Some(1));
    let all23 = row(&json, "2023", None);
    assert_eq!(all23.population, 6);
    assert_eq!(all23.rate, 1.0);
    assert_eq!(all23.target, Some(0.95));
    assert_eq!(all23.met, Some(true));
    // Rows are sorted by period, then org, with the period's overall row last.
    let order: Vec<(&str, Option<&str>)> = json
        .rows
        .iter()
        .map(|r| (r.period.as_str(), r.org.as_deref()))
        .collect();
    assert_eq!(order[0], ("2022", Some("A")));
    assert_eq!(order[2], ("2022", None));
}

#[test]
fn without_roster_the_population_is_the_records() {
    let run = Fixture::empty()
        .file("checklist.toml", SMALL)
        .file("a/a1/2022.toml", scored("A", "a1", "2022", "10"))
        .file("a/a2/2022.toml", scored("A", "a2", "2022", "5"))
        .test(&["report", "--format", "json", "."])
        .json::<Report>(0);
    let all = row(&run, "2022", None);
    assert_eq!(all.population, 2);
    assert_eq!(all.missing, 0);
    assert_eq!(all.rate, 0.5);
}

#[test]
fn a_record_outside_the_roster_is_a_warning_and_not_counted() {
    let run = with_roster()
        .file("c/c1/2022.toml", scored("C", "c1", "2022", "10"))
        .test(&["report", "--format", "json", "."])
        .stderr(
        r#"c/c1/2022.toml:3:10: warning: C / c1 is not in roster.toml: the record is left out of compliance rates
 3 | period = "2022"
   |          ^^^^^^
"#,
    )
        .json::<Report>(0);
    assert_eq!(row(&run, "2022", None).population, 6);
}

#[test]
fn a_record_outside_its_roster_window_is_a_warning_and_not_counted() {
    let run = with_roster()
        .file("b/b3/2023.toml", scored("B", "b3", "2023", "10"))
        .test(&["report", "--format", "json", "."])
        .stderr(
        r#"b/b3/2023.toml:3:10: warning: B / b3 is expected until 2022 in roster.toml, not in 2023: the record is left out of compliance rates
 3 | period = "2023"
   |          ^^^^^^
"#,
    )
        .json::<Report>(0);
    assert_eq!(row(&run, "2023", None).population, 6);
}

#[test]
fn table_states_met_or_the_gap() {
    let run = with_roster()
        .test(&["report", "."])
        .stdout_inspected()
        .success();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn org_filter_restricts_the_population() {
    let json: Report = with_roster()
        .test(&["report", "--org", "B", "--format", "json", "."])
        .json(0);
    assert_eq!(json.rows.len(), 4);
    assert_eq!(row(&json, "2022", None).population, 2);
}

#[test]
fn full_acceptance_helper_is_consistent() {
    // Guard for the other tests' helper: a full acceptance of the mini checklist is 50 points.
    let run = Fixture::mini()
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(50, 50)),
        )
        .test(&["score", "--format", "json"])
        .json::<Scores>(0);
    assert_eq!(run.records[0].total, 50.0);
}

#[test]
fn html_attention_lists_the_same_branches_the_figures_count() {
    // Failing records of branches the roster does not expect (zz never, b3 not after 2022)
    // stay out of the population; the attention list must leave them out too, or it would
    // name more failing branches than the headline counts.
    let fx = with_roster()
        .file("a/zz/2022.toml", scored("A", "zz", "2022", "5"))
        .file("b/b3/2023.toml", scored("B", "b3", "2023", "5"));
    let json: Report = fx
        .test(&["report", "--format", "json", "."])
        .stderr(
        r#"a/zz/2022.toml:3:10: warning: A / zz is not in roster.toml: the record is left out of compliance rates
 3 | period = "2022"
   |          ^^^^^^
b/b3/2023.toml:3:10: warning: B / b3 is expected until 2022 in roster.toml, not in 2023: the record is left out of compliance rates
 3 | period = "2023"
   |          ^^^^^^
"#,
    )
        .json(0);
    assert_eq!(row(&json, "2022", None).failed, 1);
    assert_eq!(row(&json, "2023", None).failed, 0);

    fx.test(&["report", "--format", "html", "-o", "report.html", "."])
        .stderr(
        r#"a/zz/2022.toml:3:10: warning: A / zz is not in roster.toml: the record is left out of compliance rates
 3 | period = "2022"
   |          ^^^^^^
b/b3/2023.toml:3:10: warning: B / b3 is expected until 2022 in roster.toml, not in 2023: the record is left out of compliance rates
 3 | period = "2023"
   |          ^^^^^^
"#,
    )
        .success();
    let html = fx.read("report.html");
    let start = html
        .find("<section id=\"attention\">")
        .expect("attention section");
    let attention = &html[start..start + html[start..].find("</section>").unwrap()];
    let rows: Vec<&str> = attention
        .split("<tr><td>")
        .skip(1)
        .map(|r| r.split("</td></tr>").next().unwrap())
        .collect();
    assert_eq!(rows.len(), 3, "{attention}");
    assert!(
        rows[0].starts_with("2022</td><td>A</td><td>a2</td><td style=\"white-space:nowrap\">fail"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with(
            "2022</td><td>A</td><td>a3</td><td style=\"white-space:nowrap\">incomplete"
        ),
        "{}",
        rows[1]
    );
    assert!(
        rows[2]
            .starts_with("2022</td><td>A</td><td>a4</td><td style=\"white-space:nowrap\">missing"),
        "{}",
        rows[2]
    );
}

#[test]
fn trend_note_says_one_more_passing_branch_in_the_singular() {
    // 2022: 3 of 6 passed against 60 %: 3.6 rounds up to 4 passing, one more than now.
    with_roster()
        .test(&["report", "--view", "trend", "."])
        .stdout(
            r#"Compliance trend: share of branches passing, per period
┌──────────┬─────────┬─────────┐
│ org      ┆    2022 ┆    2023 │
╞══════════╪═════════╪═════════╡
│ A        ┆  25.00% ┆ 100.00% │
│ B        ┆ 100.00% ┆ 100.00% │
│ (all)    ┆  50.00% ┆ 100.00% │
│ (target) ┆  60.00% ┆  95.00% │
└──────────┴─────────┴─────────┘
2022: 3 of 6 passed, target not met: needs 1 more passing branch
2023: 6 of 6 passed, target met
"#,
        )
        .success();
}

#[test]
fn a_rate_exactly_at_the_target_meets_it() {
    // SPEC §6: met is rate ≥ target. 3 of 5 = 60 % against the 2022 target of 60 %.
    let fx = Fixture::empty()
        .file("checklist.toml", SMALL)
        .file("a/1/2022.toml", scored("A", "1", "2022", "10"))
        .file("a/2/2022.toml", scored("A", "2", "2022", "10"))
        .file("a/3/2022.toml", scored("A", "3", "2022", "9"))
        .file("a/4/2022.toml", scored("A", "4", "2022", "5"))
        .file("a/5/2022.toml", scored("A", "5", "2022", "5"));
    let json: Report = fx.test(&["report", "--format", "json", "."]).json(0);
    let overall = row(&json, "2022", None);
    assert_eq!(overall.rate, 0.6);
    assert_eq!(overall.target, Some(0.6));
    assert_eq!(overall.met, Some(true));
    fx.test(&["check", "--target", "."])
        .stdout(
            r#"5 record files checked: 0 errors, 0 warnings

Gates
┌────────┬────────┬──────────────────────────────────────┐
│ gate   ┆ result ┆ details                              │
╞════════╪════════╪══════════════════════════════════════╡
│ target ┆ passed ┆ 2022: 3 of 5 passed = 60%, meets 60% │
└────────┴────────┴──────────────────────────────────────┘
"#,
        )
        .success();
}

/// P has two branches on the roster: p1 passes, p2's record is invalid (a score above max).
fn one_invalid_record() -> Fixture {
    Fixture::mini()
        .file(
            "roster.toml",
            "[[branch]]\norg = \"P\"\nbranch = \"p1\"\n\n[[branch]]\norg = \"P\"\nbranch = \"p2\"\n",
        )
        .file("p/p1/2022.toml", record("P", "p1", "2022", &full_acceptance(50, 50)))
        .file(
            "p/p2/2022.toml",
            record(
                "P",
                "p2",
                "2022",
                &full_acceptance(50, 50).replace("\"2.1\" = 10", "\"2.1\" = 99"),
            ),
        )
}

/// What every command reading p2 says about it on stderr.
const P2_INVALID: &str = r#"p/p2/2022.toml:12:9: error: [acceptance] point 2.1: score 99 exceeds its max 10
 12 | "2.1" = 99
    |         ^^
1 error found; invalid files are left out
"#;

const NOT_WRITTEN: &str = "the report was not written: 1 invalid record file(s) (p/p2/2022.toml); fix them (see audit check), or pass --partial to write it with them counted as invalid\n";

#[test]
fn a_report_over_an_invalid_record_is_not_written() {
    let fx = one_invalid_record();
    let page = fx.path().join("r.html");
    let run = fx
        .test(&["report", "--format", "html", "-o", page.to_str().unwrap()])
        .stderr(format!("{P2_INVALID}{NOT_WRITTEN}"))
        .status(2);
    assert!(!page.exists(), "the page claims p2 has no record");
    for view in ["compliance", "items", "all"] {
        for format in ["table", "json", "csv"] {
            // stdout empty: nothing is written.
            fx.test(&["report", "--view", view, "--format", format])
                .stderr(run.stderr.clone())
                .status(2);
        }
    }
}

#[test]
fn a_partial_report_counts_an_invalid_record_as_invalid_not_missing() {
    let fx = one_invalid_record();
    let json: Report = fx
        .test(&["report", "--partial", "--format", "json"])
        .stderr(P2_INVALID)
        .json(2);
    let all = &json.rows[1];
    assert_eq!(all.org, None);
    assert_eq!(
        (
            all.population,
            all.passed,
            all.missing,
            all.invalid,
            all.rate
        ),
        (2, 1, 0, 1, 0.5)
    );
    assert_eq!(
        json.invalid_files,
        [InvalidFile {
            file: "p/p2/2022.toml".into(),
            org: Some("P".into()),
            branch: Some("p2".into()),
            period: Some("2022".into())
        }]
    );

    let run = fx
        .test(&["report", "--partial"])
        .stdout_inspected()
        .stderr(P2_INVALID)
        .status(2);
    assert!(
        run.stdout.contains(
            "PARTIAL REPORT: 1 invalid record(s) left out of every figure: p/p2/2022.toml. Their branches count as \"invalid\" in the compliance rows, not as missing"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("┆ invalid ┆"), "{}", run.stdout);

    let book = fx.path().join("r.xlsx");
    fx.test(&[
        "report",
        "--partial",
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ])
    .stderr(P2_INVALID)
    .status(2);
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let texts: Vec<String> = range
        .cells()
        .filter_map(|(_, _, c)| match c {
            calamine::Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(
        texts.iter().any(|t| t.starts_with(
            "PARTIAL REPORT: 1 invalid record(s) left out of every figure: p/p2/2022.toml"
        )),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t == "invalid"), "{texts:?}");

    let page = fx.path().join("r.html");
    fx.test(&[
        "report",
        "--partial",
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
    ])
    .stderr(P2_INVALID)
    .status(2);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("id=\"partial\""), "{html}");
    assert!(html.contains("1 INVALID (left out)"), "{html}");
    assert!(
        html.contains("the record file p/p2/2022.toml is invalid and left out"),
        "{html}"
    );
    assert!(!html.contains("no record for this period"), "{html}");
}

/// A report of compliance alone keeps each record's verdict and drops its values as it is
/// read; a report with a record view keeps whole records. Their compliance rows must agree,
/// row for row, on every kind of member: passing, failing, incomplete, missing, invalid (in
/// a partial report), and a record outside the roster.
#[test]
fn compliance_is_the_same_whether_records_are_kept_whole_or_lean() {
    let compliance_of = |fx: &Fixture, extra: &[&str]| -> (serde_json::Value, serde_json::Value) {
        let lean = crate::harness::run_in(
            fx.path(),
            &[&["report", "--format", "json"], extra].concat(),
        );
        let whole = crate::harness::run_in(
            fx.path(),
            &[
                &[
                    "report",
                    "--view",
                    "compliance",
                    "--view",
                    "benchmark",
                    "--format",
                    "json",
                ],
                extra,
            ]
            .concat(),
        );
        assert_eq!(lean.code, whole.code);
        assert_eq!(lean.stderr, whole.stderr);
        let lean: serde_json::Value = serde_json::from_str(&lean.stdout).expect("lean JSON");
        let whole: serde_json::Value = serde_json::from_str(&whole.stdout).expect("whole JSON");
        (lean, whole["compliance"].clone())
    };
    let fx = with_roster().file("z/z1/2022.toml", scored("Z", "z1", "2022", "10"));
    let (lean, whole) = compliance_of(&fx, &[]);
    assert_eq!(lean["rows"].as_array().map(Vec::len), Some(6), "{lean}");
    assert_eq!(lean, whole);
    let (lean, whole) = compliance_of(&one_invalid_record(), &["--partial"]);
    assert_eq!(
        lean["invalid_files"].as_array().map(Vec::len),
        Some(1),
        "{lean}"
    );
    assert_eq!(lean, whole);
}
