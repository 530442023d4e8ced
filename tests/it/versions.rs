//! Checklist versions (SPEC §11.11): each record scored, passed and counted by the checklist
//! covering its period; the problems across checklists positioned in their files.

use crate::git::git;
use crate::harness::{Fixture, record};
use crate::json::{Diff, Explained, Report, Scores};

/// One point of `max` per table; a pass rule and a target of its own.
fn table(
    version: &str,
    periods: &str,
    point: &str,
    max: u32,
    min_total: u32,
    target: &str,
) -> String {
    format!(
        "title = \"Table {version}\"\nversion = \"{version}\"\n{periods}\n\n[pass]\nmin_total = {min_total}\n\n[compliance]\ntarget = \"{target}\"\n\n[[items]]\nid = \"A\"\ntitle = \"Work\"\n\n[[items.points]]\nid = \"{point}\"\ntitle = \"Point {point}\"\nmax = {max}\n"
    )
}

/// 2019 covers ..2020 (point `a`, max 10, pass at 6, target 50%); the root's 2021 covers
/// 2021.. (point `b`, max 5, pass at 4, target 100%).
fn two_versions() -> Fixture {
    Fixture::empty()
        .file(
            "checklist.toml",
            table("2021", "periods = { from = \"2021\" }", "b", 5, 4, "100%"),
        )
        .file(
            "checklists/2019.toml",
            table("2019", "periods = { until = \"2020\" }", "a", 10, 6, "50%"),
        )
        .file(
            "o/x/2020.toml",
            record("O", "x", "2020", "[acceptance]\na = 6\n"),
        )
        .file(
            "o/y/2020.toml",
            record("O", "y", "2020", "[acceptance]\na = 5.5\n"),
        )
        .file(
            "o/x/2021.toml",
            record("O", "x", "2021", "[acceptance]\nb = 4\n"),
        )
}

#[test]
fn each_record_is_scored_and_passed_by_the_checklist_of_its_period() {
    let json: Scores = two_versions()
        .test(&["score", "--format", "json", "."])
        .json(0);
    assert_eq!(
        json.checklist.title, "Table 2021",
        "the top-level checklist is checklist.toml"
    );
    let got: Vec<(&str, &str, Option<&str>, f64, &str)> = json
        .records
        .iter()
        .map(|r| {
            (
                r.branch.as_str(),
                r.period.as_str(),
                r.version.as_deref(),
                r.total,
                r.status.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // 6 ≥ 6 of 2019; 4 ≥ 4 of 2021 (6 of 2019 would have failed it); 5.5 < 6.
            ("x", "2020", Some("2019"), 6.0, "pass"),
            ("x", "2021", Some("2021"), 4.0, "pass"),
            ("y", "2020", Some("2019"), 5.5, "fail"),
        ]
    );
}

#[test]
fn each_period_s_target_comes_from_its_checklist() {
    let json: Report = two_versions()
        .test(&["report", "--format", "json", "."])
        .json(0);
    let overall: Vec<(&str, f64, Option<f64>, Option<bool>)> = json
        .rows
        .iter()
        .filter(|r| r.org.is_none())
        .map(|r| (r.period.as_str(), r.rate, r.target, r.met))
        .collect();
    // 2020: 1 of 2 pass against 2019's 50%; 2021: 1 of 1 against 2021's 100%.
    assert_eq!(
        overall,
        [
            ("2020", 0.5, Some(0.5), Some(true)),
            ("2021", 1.0, Some(1.0), Some(true))
        ]
    );
}

#[test]
fn with_one_checklist_records_name_no_version() {
    let json: Scores = Fixture::mini()
        .file(
            "a/b/2022.toml",
            record("A", "B", "2022", "[acceptance]\n\"1.1\" = 1\n"),
        )
        .test(&["score", "--format", "json", "."])
        .json(0);
    assert_eq!(json.records[0].version, None);
}

#[test]
fn a_period_no_checklist_covers_is_an_error_at_the_record_s_period() {
    let run = two_versions()
        .file(
            "checklist.toml",
            table("2021", "periods = { from = \"2022\" }", "b", 5, 4, "100%"),
        )
        .file(
            "o/x/2021.toml",
            record("O", "x", "2021", "[acceptance]\nb = 4\n"),
        )
        .test(&["check", "--format", "json", "."])
        .stdout_inspected()
        .status(2);
    assert!(
        run.stdout.contains("\"file\": \"o/x/2021.toml\"")
            && run.stdout.contains(
                "no checklist covers period 2021 (checklist.toml: 2022.., checklists/2019.toml: ..2020)"
            ),
        "{}",
        run.stdout
    );
}

#[test]
fn overlapping_ranges_and_a_shared_version_are_errors_naming_the_other_file() {
    let run = Fixture::empty()
        .file(
            "checklist.toml",
            table("2021", "periods = { from = \"2020\" }", "b", 5, 4, "100%"),
        )
        .file(
            "checklists/old.toml",
            table("2021", "periods = { until = \"2020\" }", "a", 10, 6, "50%"),
        )
        .file(
            "o/x/2020.toml",
            record("O", "x", "2020", "[acceptance]\na = 6\n"),
        )
        .test(&["check", "."])
        .stdout_inspected()
        .stderr_inspected()
        .status(2);
    for want in [
        "checklist.toml:2:",
        "checklist.toml:3:",
        "checklists/old.toml:2:",
        "checklists/old.toml:3:",
        "overlap those of checklists/old.toml (..2020)",
        "version 2021 is also that of checklist.toml",
    ] {
        assert!(run.stderr.contains(want), "{want} not in:\n{}", run.stderr);
    }
}

#[test]
fn the_checklist_option_still_means_one_checklist() {
    let fixture = two_versions();
    let own = fixture.join("checklists/2019.toml");
    let json: Scores = fixture
        .test(&[
            "score",
            "--format",
            "json",
            "--checklist",
            own.to_str().unwrap(),
            "o/y",
        ])
        .json(0);
    assert_eq!(json.records.len(), 1);
    assert_eq!(json.records[0].version, None);
}

#[test]
fn per_item_views_show_one_table_per_version() {
    let run = two_versions()
        .test(&["report", "--view", "items", "."])
        .stdout_inspected()
        .success();
    let a = run.stdout.find("(version 2019)").expect("a table of 2019");
    let b = run.stdout.find("(version 2021)").expect("a table of 2021");
    assert!(a < b, "{}", run.stdout);
    let run = two_versions()
        .test(&["score", "--items", "."])
        .stdout_inspected()
        .success();
    assert!(
        run.stdout.contains("Table 2019 (version 2019)"),
        "{}",
        run.stdout
    );
}

#[test]
fn explain_uses_the_checklist_of_the_record_s_period() {
    let fixture = two_versions();
    let run = fixture
        .test(&["explain", "o/y/2020.toml"])
        .stdout_inspected()
        .success();
    // 5.5 of 2019's 10 < its 6: fail, explained point by point against 2019's table.
    insta::assert_snapshot!(run.stdout);
    let json: Explained = fixture
        .test(&["explain", "--format", "json", "o/x/2020.toml"])
        .json(0);
    assert_eq!(json.record.version.as_deref(), Some("2019"));
    assert_eq!(json.checklist.version.as_deref(), Some("2019"));
    assert_eq!(json.points[0].id, "a");
}

#[test]
fn a_revision_is_read_with_its_own_earlier_checklists() {
    let fx = two_versions();
    git(fx.path(), &["init", "-q"]);
    git(fx.path(), &["add", "-A"]);
    git(fx.path(), &["commit", "-q", "-m", "v1"]);
    git(fx.path(), &["tag", "v1"]);
    // The 2019 table now passes at 6.5: x/2020's 6 passed in v1, fails in the working tree.
    let fx = fx.file(
        "checklists/2019.toml",
        table("2019", "periods = { until = \"2020\" }", "a", 10, 7, "50%"),
    );
    let then: Scores = fx
        .test(&["score", "--format", "json", "--at", "v1", "."])
        .json(0);
    assert_eq!(then.records[0].status, "pass");
    let now: Scores = fx.test(&["score", "--format", "json", "."]).json(0);
    assert_eq!(now.records[0].status, "fail");
    let diff: Diff = fx.test(&["diff", "v1", "--format", "json"]).json(0);
    let changes: Vec<(&str, &str, &str)> = diff
        .changes
        .iter()
        .map(|c| (c.branch.as_str(), c.period.as_str(), c.change.as_str()))
        .collect();
    assert_eq!(changes, [("x", "2020", "newly-failing")]);
    fx.test(&["check", "--ratchet", "v1", "."])
        .stdout_inspected()
        .stderr_inspected()
        .status(1);
}

#[test]
fn new_export_sheet_and_import_take_the_checklist_of_their_period() {
    let fx = two_versions();
    let form = fx
        .test(&[
            "new", "--org", "O", "--branch", "z", "--period", "2019", "-o", "-",
        ])
        .stdout_inspected()
        .success();
    assert!(
        form.stdout.contains("\"a\" = \"\"") && !form.stdout.contains("\"b\""),
        "{}",
        form.stdout
    );
    // A sheet has one checklist's columns: records of two versions need --period.
    let run = fx.test(&["export-sheet", "."]).stderr_inspected().status(2);
    assert!(run.stderr.contains("versions 2019, 2021"), "{}", run.stderr);
    fx.test(&["export-sheet", "--period", "2020", "."])
        .stdout("org,branch,period,level,a,surveyed,satisfied,rate\nO,x,2020,acceptance,6,,,\nO,y,2020,acceptance,5.5,,,\n")
        .success();
    let schema = fx
        .test(&["schema", "record", "--period", "2020"])
        .stdout_inspected()
        .success();
    assert!(
        schema.stdout.contains("\"a\"") && !schema.stdout.contains("\"b\""),
        "{}",
        schema.stdout
    );
    let fx = fx.file(
        "sheet.csv",
        "org,branch,period,level,a,surveyed,satisfied,rate\nO,z,2019,acceptance,7,,,\n",
    );
    fx.test(&["import", "sheet.csv", "."])
        .stdout_inspected()
        .success();
    let json: Scores = fx
        .test(&["score", "--format", "json", "--period", "2019", "."])
        .json(0);
    assert_eq!(json.records[0].version.as_deref(), Some("2019"));
    assert_eq!(json.records[0].total, 7.0);
}

#[test]
fn the_score_table_and_csv_name_each_records_version() {
    two_versions()
        .test(&["score", "--format", "csv", "."])
        .stdout(
            "org,branch,period,version,level,base,bonus,total,satisfaction,band,status,reasons\n\
             O,x,2020,2019,acceptance,6.00,0.00,6.00,,,pass,\n\
             O,x,2021,2021,acceptance,4.00,0.00,4.00,,,pass,\n\
             O,y,2020,2019,acceptance,5.50,0.00,5.50,,,fail,total 5.50 is below 6\n",
        )
        .success();
}

#[test]
fn the_workbooks_per_version_sheets_are_named_in_the_interface_language() {
    use calamine::{Reader, Xlsx, open_workbook};
    let fixture = two_versions();
    fixture
        .test(&[
            "--lang", "zh", "report", "--view", "all", "--format", "xlsx", "-o", "r.xlsx", ".",
        ])
        .stderr_inspected()
        .success();
    let book: Xlsx<_> = open_workbook(fixture.join("r.xlsx")).unwrap();
    let names = book.sheet_names();
    assert!(names.contains(&"失分分析 2019".to_string()), "{names:?}");
    assert!(names.contains(&"失分分析 2021".to_string()), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("Items")), "{names:?}");
}
