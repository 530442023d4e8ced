//! The campaign's level dates (SPEC §12.1) and its progress view (SPEC §12.2).

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::{Value, json};

use crate::harness::{Fixture, MINI_CHECKLIST, record};

const ROSTER: &str = r#"
[[branch]]
org = "东区"
branch = "一支部"
[[branch]]
org = "东区"
branch = "二支部"
[[branch]]
org = "东区"
branch = "三支部"
[[branch]]
org = "东区"
branch = "四支部"
[[branch]]
org = "West"
branch = "w1"
[[branch]]
org = "West"
branch = "w2"
[[branch]]
org = "West"
branch = "w3"
"#;

/// A level with full marks, dated (and signed) when `date` is given.
fn level(name: &str, date: Option<&str>) -> String {
    let dated = date.map_or(String::new(), |d| format!("date = {d}\nby = \"书记\"\n"));
    format!(
        "[{name}]\n{dated}\"1.1\" = \"good\"\n\"1.2\" = 5\n\"2.1\" = 10\n\"2.2\" = 10\n\"3.2\" = 5\n\"3.3\" = 5\n\n"
    )
}

const SURVEY: &str = "[satisfaction]\nsurveyed = 20\nsatisfied = 20\n\n";

/// 东区: 一 accepted and passing (self→review 3 days, review→acceptance 10); 二 reviewed
/// (self→review 4); 三 a record with no level; 四 no record. West: w1 accepted but failing
/// (a veto; 2 and 5 days), w2 at self undated, w3 reviewed with no self level dated.
/// A record of the campaign: file, org, branch, lines before the levels, levels with their
/// dates.
type Dated<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a [(&'a str, Option<&'a str>)],
);

fn campaign() -> Fixture {
    let records: [Dated<'_>; 6] = [
        (
            "east/1",
            "东区",
            "一支部",
            "",
            &[
                ("self", Some("2025-03-01")),
                ("review", Some("2025-03-04")),
                ("acceptance", Some("2025-03-14")),
            ],
        ),
        (
            "east/2",
            "东区",
            "二支部",
            "",
            &[("self", Some("2025-02-27")), ("review", Some("2025-03-03"))],
        ),
        ("east/3", "东区", "三支部", "", &[]),
        (
            "west/1",
            "West",
            "w1",
            "vetoes = { V1 = true }\n",
            &[
                ("self", Some("2025-01-30")),
                ("review", Some("2025-02-01")),
                ("acceptance", Some("2025-02-06")),
            ],
        ),
        ("west/2", "West", "w2", "", &[("self", None)]),
        (
            "west/3",
            "West",
            "w3",
            "",
            &[("review", Some("2025-02-10"))],
        ),
    ];
    let mut fx = Fixture::mini().file("roster.toml", ROSTER);
    for (file, org, branch, head, levels) in records {
        let mut body = format!("{head}{SURVEY}");
        for (name, date) in levels {
            body.push_str(&level(name, *date));
        }
        fx = fx.file(
            &format!("{file}/2025.toml"),
            record(org, branch, "2025", &body),
        );
    }
    fx
}

#[test]
fn progress_splits_the_population_by_stage_with_median_days() {
    let fx = campaign();
    let doc: Value = fx
        .test(&["report", "--view", "progress", "--format", "json"])
        .json(0);
    assert_eq!(
        doc,
        json!({ "rows": [
            { "period": "2025", "org": "West", "population": 3, "missing": 0, "self": 1,
              "review": 1, "acceptance": 1, "passed": 0,
              "median_days_self_to_review": 2, "median_days_review_to_acceptance": 5 },
            { "period": "2025", "org": "东区", "population": 4, "missing": 2, "self": 0,
              "review": 1, "acceptance": 1, "passed": 1,
              "median_days_self_to_review": 3.5, "median_days_review_to_acceptance": 10 },
            // Self to review: 2, 3, 4 → 3 (odd); review to acceptance: 5, 10 → 7.5 (even).
            { "period": "2025", "org": null, "population": 7, "missing": 2, "self": 1,
              "review": 2, "acceptance": 2, "passed": 1,
              "median_days_self_to_review": 3, "median_days_review_to_acceptance": 7.5 }
        ]})
    );
}

#[test]
fn a_median_is_null_without_dated_records() {
    let fx = Fixture::mini().file(
        "a/2025.toml",
        record(
            "A",
            "a",
            "2025",
            &(SURVEY.to_string() + &level("self", None)),
        ),
    );
    let doc: Value = fx
        .test(&["report", "--view", "progress", "--format", "json"])
        .json(0);
    let row = &doc["rows"][0];
    assert_eq!(row["self"], 1);
    assert_eq!(row["median_days_self_to_review"], Value::Null);
    assert_eq!(row["median_days_review_to_acceptance"], Value::Null);
}

#[test]
fn progress_reads_the_same_in_the_table_csv_markdown_and_chinese() {
    let fx = campaign();
    let table = fx
        .test(&["report", "--view", "progress"])
        .stdout_inspected()
        .status(0);
    let east = table.stdout.lines().find(|l| l.contains("东区")).unwrap();
    let cells: Vec<&str> = east
        .split('┆')
        .map(|c| c.trim_matches(['│', ' ']))
        .collect();
    assert_eq!(
        cells,
        ["2025", "东区", "4", "2", "0", "1", "1", "1", "3.5", "10"]
    );
    let csv = fx
        .test(&["report", "--view", "progress", "--format", "csv"])
        .stdout_inspected()
        .status(0);
    assert_eq!(
        csv.stdout.lines().next().unwrap(),
        "period,org,population,missing,self,review,acceptance,passed,median days self to review,median days review to acceptance"
    );
    assert!(
        csv.stdout.contains("\n2025,(all),7,2,1,2,2,1,3,7.5\n"),
        "{}",
        csv.stdout
    );
    let md = fx
        .test(&["report", "--view", "progress", "--format", "markdown"])
        .stdout_inspected()
        .status(0);
    assert!(
        md.stdout
            .contains("| 2025 | West | 3 | 0 | 1 | 1 | 1 | 0 | 2 | 5 |"),
        "{}",
        md.stdout
    );
    let zh = fx
        .test(&["report", "--view", "progress", "--lang", "zh"])
        .stdout_inspected()
        .status(0);
    assert!(zh.stdout.starts_with("创建进度"), "{}", zh.stdout);
    assert!(
        zh.stdout.contains("自查至初审天数（中位数）"),
        "{}",
        zh.stdout
    );
}

#[test]
fn progress_is_a_worksheet_and_the_first_section_after_the_headline_of_the_page() {
    let fx = campaign();
    fx.test(&["report", "--format", "xlsx", "-o", "r.xlsx"])
        .status(0);
    let mut book: Xlsx<_> = open_workbook(fx.join("r.xlsx")).unwrap();
    let sheet = book.worksheet_range("Progress").unwrap();
    let all = sheet
        .rows()
        .find(|r| r[1] == Data::String("(all)".into()))
        .unwrap()
        .to_vec();
    assert_eq!(all[2], Data::Float(7.0));
    assert_eq!(all[3], Data::Float(2.0));
    // Medians are numbers a spreadsheet can sum, a half included.
    assert_eq!(all[8], Data::Float(3.0));
    assert_eq!(all[9], Data::Float(7.5));

    fx.test(&["report", "--format", "html", "-o", "r.html"])
        .status(0);
    let page = fx.read("r.html");
    let progress = page.find("<section id=\"progress\">").unwrap();
    for later in ["id=\"bars\"", "id=\"compliance\"", "id=\"benchmark\""] {
        assert!(
            page.find(later).unwrap() > progress,
            "{later} before progress"
        );
    }
    // 东区's bar: 2 missing, 1 at review, 1 passed; no empty segments.
    let east = &page[page.find("data-org=\"东区\"").unwrap()..];
    let east = &east[..east.find("</g>").unwrap()];
    let segments: Vec<&str> = east
        .match_indices("data-stage=\"")
        .map(|(i, _)| &east[i + 12..])
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(segments, ["missing", "review", "passed"]);
    assert!(
        east.contains("data-stage=\"missing\" data-count=\"2\""),
        "{east}"
    );
}

#[test]
fn level_dates_are_checked_in_order_with_positions() {
    let fx = Fixture::mini().file(
        "a/2025.toml",
        record(
            "A",
            "a",
            "2025",
            &(SURVEY.to_string()
                + &level("self", Some("2025-03-10"))
                + &level("review", Some("2025-03-09"))
                + "[acceptance]\ndate = \"2025-04-01\"\nby = 3\n"),
        ),
    );
    fx.test(&["check"])
        .stderr(concat!(
            "a/2025.toml:20:8: error: the review level is dated 2025-03-09, before the self level's 2025-03-10\n",
            " 20 | date = 2025-03-09\n",
            "    |        ^^^^^^^^^^\n",
            "a/2025.toml:30:8: error: `date` in [acceptance] must be a date such as 2024-09-30 (no quotes, no time), not \"2025-04-01\"\n",
            " 30 | date = \"2025-04-01\"\n",
            "    |        ^^^^^^^^^^^^\n",
            "a/2025.toml:31:6: error: `by` in [acceptance] must be text, not a number\n",
            " 31 | by = 3\n",
            "    |      ^\n",
        ))
        .stdout("1 record file checked: 3 errors, 0 warnings\n")
        .status(2);
}

#[test]
fn a_date_with_a_time_is_refused_and_date_and_by_are_not_point_ids() {
    let fx = Fixture::mini().file(
        "a/2025.toml",
        record(
            "A",
            "a",
            "2025",
            &(SURVEY.to_string() + &level("acceptance", Some("2025-03-10T09:00:00"))),
        ),
    );
    let err = fx
        .test(&["check"])
        .stdout("1 record file checked: 1 error, 0 warnings\n")
        .stderr_inspected()
        .status(2)
        .stderr;
    assert!(err.contains("not 2025-03-10T09:00:00"), "{err}");
    // The same record with a plain date is complete and scores full marks: `date` and `by`
    // are neither unknown ids nor points.
    let fx = Fixture::mini().file(
        "a/2025.toml",
        record(
            "A",
            "a",
            "2025",
            &(SURVEY.to_string() + &level("acceptance", Some("2025-03-10"))),
        ),
    );
    fx.test(&["check"])
        .stdout("1 record file checked: 0 errors, 0 warnings\n")
        .status(0);
    let doc: Value = fx.test(&["score", "--format", "json"]).json(0);
    assert_eq!(doc["records"][0]["status"], "pass");
    assert_eq!(doc["records"][0]["total"], 50.0);
}

#[test]
fn min_band_must_name_a_band() {
    let checklist = MINI_CHECKLIST.replacen(
        "[[bands]]",
        "[benchmark]\nmin_band = \"great\"\n\n[[bands]]",
        1,
    );
    let fx = Fixture::empty().file("checklist.toml", checklist);
    let err = fx
        .test(&["check"])
        .stdout_inspected()
        .stderr_inspected()
        .status(2)
        .stderr;
    assert!(
        err.contains("`min_band` in [benchmark] names great, which is not one of the checklist's bands (excellent, good, fair)"),
        "{err}"
    );
    assert!(err.contains("checklist.toml:20:12"), "{err}");
}

#[test]
fn as_of_must_be_a_date() {
    let fx = campaign();
    fx.test(&["report", "--as-of", "2025-02-30"])
        .stderr("error: --as-of \"2025-02-30\": expected a date such as 2025-03-01\n")
        .status(2);
}

#[test]
fn new_from_dates_the_new_level_today_or_as_told() {
    let fx = Fixture::mini().file(
        "a/2025.toml",
        record(
            "A",
            "a",
            "2025",
            &(SURVEY.to_string() + &level("self", Some("2025-03-01"))),
        ),
    );
    // Today is pinned by SOURCE_DATE_EPOCH (2025-03-15 12:00 UTC).
    fx.test(&["new", "--from", "a/2025.toml"])
        .env("SOURCE_DATE_EPOCH", "1742040000")
        .stderr_inspected()
        .status(0);
    let text = fx.read("a/2025.toml");
    let review = &text[text.find("[review]").unwrap()..];
    assert!(
        review.contains("\ndate = 2025-03-15\n# by = \"…\"\n"),
        "{review}"
    );
    let doc: Value = fx
        .test(&["report", "--view", "progress", "--format", "json"])
        .json(0);
    assert_eq!(doc["rows"][0]["review"], 1);
    assert_eq!(doc["rows"][0]["median_days_self_to_review"], 14);
    // A date before the review's is refused, and nothing is written.
    let before = fx.read("a/2025.toml");
    fx.test(&["new", "--from", "a/2025.toml", "--date", "2025-03-10"])
        .stderr("error: the acceptance level is dated 2025-03-10, before the review level's 2025-03-15\n")
        .status(2);
    assert_eq!(fx.read("a/2025.toml"), before);
    // --date overrides today.
    fx.test(&["new", "--from", "a/2025.toml", "--date", "2025-03-20"])
        .stderr_inspected()
        .status(0);
    let text = fx.read("a/2025.toml");
    assert!(text.contains("[acceptance]\n# When this level was completed (YYYY-MM-DD, no quotes) and who signs it:\ndate = 2025-03-20\n"), "{text}");
    fx.test(&["check"])
        .stdout("1 record file checked: 0 errors, 0 warnings\n")
        .status(0);
    fx.test(&["new", "--from", "a/2025.toml", "--date", "15/03/2025"])
        .stderr("error: --date \"15/03/2025\": expected a date such as 2025-03-01\n")
        .status(2);
}

#[test]
fn a_blank_form_leaves_the_date_to_fill_in_unless_given() {
    let fx = Fixture::mini();
    let run = fx
        .test(&[
            "new", "--org", "A", "--branch", "a", "--period", "2025", "-o", "-",
        ])
        .stdout_inspected()
        .status(0);
    assert!(run.stdout.contains("[self]\n# When this level was completed (YYYY-MM-DD, no quotes) and who signs it:\n# date = YYYY-MM-DD\n# by = \"…\"\n"), "{}", run.stdout);
    let run = fx
        .test(&[
            "new",
            "--org",
            "A",
            "--branch",
            "a",
            "--period",
            "2025",
            "--date",
            "2025-04-02",
            "-o",
            "-",
        ])
        .stdout_inspected()
        .status(0);
    assert!(run.stdout.contains("[self]\n# When this level was completed (YYYY-MM-DD, no quotes) and who signs it:\ndate = 2025-04-02\n"), "{}", run.stdout);
}

#[test]
fn the_office_sheet_carries_level_dates_and_signatures_both_ways() {
    // Undated records: the sheet keeps its old columns.
    let undated = Fixture::mini().file(
        "a/2025.toml",
        record(
            "A",
            "a",
            "2025",
            &(SURVEY.to_string() + &level("self", None)),
        ),
    );
    let sheet = undated
        .test(&["export-sheet"])
        .stdout_inspected()
        .status(0)
        .stdout;
    assert!(sheet.starts_with("org,branch,period,level,1.1,"), "{sheet}");
    // Dated ones: `date` and `by` after the level, and back again into new record files.
    let sheet = campaign()
        .test(&["export-sheet", "--org", "东区"])
        .stdout_inspected()
        .status(0)
        .stdout;
    assert!(
        sheet.starts_with("org,branch,period,level,date,by,1.1,"),
        "{sheet}"
    );
    assert!(
        sheet.contains("\n东区,一支部,2025,review,2025-03-04,书记,good,"),
        "{sheet}"
    );
    let fx = Fixture::mini().file("sheet.csv", &sheet);
    fx.test(&["import", "sheet.csv"])
        .stdout("imported 5 rows of sheet.csv: 2 new records, 0 updated, 0 unchanged\n")
        .status(0);
    let doc: Value = fx
        .test(&["report", "--view", "progress", "--format", "json"])
        .json(0);
    assert_eq!(doc["rows"][0]["median_days_self_to_review"], 3.5);
    let text = fx.read(&find_record(&fx, "一支部"));
    assert!(
        text.contains("[review]\ndate = 2025-03-04\nby = \"书记\"\n"),
        "{text}"
    );
    // A different date is a change: refused without --force, at the level's row.
    let changed = sheet.replace(
        "东区,一支部,2025,review,2025-03-04",
        "东区,一支部,2025,review,2025-03-05",
    );
    let fx = fx.file("sheet.csv", &changed);
    let err = fx
        .test(&["import", "sheet.csv"])
        .stdout_inspected()
        .stderr_inspected()
        .status(2)
        .stderr;
    assert!(
        err.contains(
            "[review] date is 2025-03-04 in the file, 2025-03-05 in the sheet; pass --force"
        ),
        "{err}"
    );
}

#[test]
fn a_date_cell_must_be_a_day() {
    let fx = Fixture::mini().file(
        "sheet.csv",
        "org,branch,period,level,date,by,1.1\nA,a,2025,self,2025/03/01,,good\nA,b,2025,self,2025-03-01T10:00:00,,good\nA,c,2025,self,2024年11月3日,,good\n",
    );
    fx.test(&["import", "sheet.csv"])
        .stderr(concat!(
            "sheet.csv:2:5: error: E2: date: \"2025/03/01\" is not a date such as 2025-03-01\n",
            "sheet.csv:3:5: error: E3: date: \"2025-03-01T10:00:00\" is not a date such as 2025-03-01\n",
            "sheet.csv:4:5: error: E4: date: \"2024年11月3日\" is not a date such as 2025-03-01\n",
            "nothing was imported: fix the sheet and import it again\n",
        ))
        .status(2);
}

#[test]
fn an_xlsx_date_cell_is_read_as_its_day() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["org", "branch", "period", "level", "date", "1.1"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["A", "a", "2025", "self"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 3, 1).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .write_datetime_with_format(1, 4, &day, &format)
        .unwrap();
    sheet.write_string(1, 5, "good").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let fx = Fixture::mini().file("sheet.xlsx", bytes);
    fx.test(&["import", "sheet.xlsx"])
        .stdout("imported 1 row of sheet.xlsx: 1 new record, 0 updated, 0 unchanged\n")
        .status(0);
    let text = fx.read(&find_record(&fx, "a"));
    assert!(text.contains("[self]\ndate = 2025-03-01\n"), "{text}");
}

/// The record file (relative to the root) of `branch`, wherever import put it.
fn find_record(fx: &Fixture, branch: &str) -> String {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(fx.path(), &mut files);
    let wanted = format!("branch = \"{branch}\"");
    let file = files
        .into_iter()
        .find(|f| std::fs::read_to_string(f).unwrap().contains(&wanted))
        .unwrap_or_else(|| panic!("no record of {branch}"));
    file.strip_prefix(fx.path())
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn with_one_org_the_overall_row_is_shown_once_except_in_json() {
    let fx = campaign();
    let csv = fx
        .test(&[
            "report", "--view", "progress", "--org", "West", "--format", "csv",
        ])
        .stdout_inspected()
        .status(0)
        .stdout;
    assert_eq!(
        csv.lines().skip(1).collect::<Vec<_>>(),
        ["2025,West,3,0,1,1,1,0,2,5"]
    );
    let doc: Value = fx
        .test(&[
            "report", "--view", "progress", "--org", "West", "--format", "json",
        ])
        .json(0);
    assert_eq!(doc["rows"].as_array().map(Vec::len), Some(2));
    assert_eq!(doc["rows"][1]["org"], Value::Null);
    assert_eq!(doc["rows"][1]["population"], 3);
}

#[test]
fn date_and_by_cannot_be_point_ids() {
    let checklist = MINI_CHECKLIST.replacen("id = \"3.3\"", "id = \"by\"", 1);
    let fx = Fixture::empty().file("checklist.toml", checklist);
    let err = fx
        .test(&["check"])
        .stdout_inspected()
        .stderr_inspected()
        .status(2)
        .stderr;
    assert!(err.contains("checklist.toml:"), "{err}");
    assert!(err.contains("`by`") && err.contains("reserved"), "{err}");
}

#[test]
fn a_partial_report_counts_an_invalid_record_apart_from_missing() {
    let fx = campaign().file(
        "west/2/2025.toml",
        record("West", "w2", "2025", &format!("bogus = 1\n{SURVEY}")),
    );
    let doc: Value = fx
        .test(&[
            "report",
            "--view",
            "progress",
            "--partial",
            "--format",
            "json",
        ])
        .stderr_inspected()
        .json(2);
    let west = &doc["rows"][0];
    assert_eq!(west["org"], "West");
    assert_eq!(west["missing"], 0);
    assert_eq!(west["invalid"], 1);
    assert_eq!(west["self"], 0);
    assert_eq!(west["population"], 3);
    let csv = fx
        .test(&[
            "report",
            "--view",
            "progress",
            "--partial",
            "--format",
            "csv",
        ])
        .stdout_inspected()
        .stderr_inspected()
        .status(2)
        .stdout;
    assert!(
        csv.starts_with("period,org,population,missing,invalid,self,"),
        "{csv}"
    );
    // Without --partial there is no report, as for compliance; with every record valid, no
    // invalid column or key.
    let doc: Value = campaign()
        .test(&["report", "--view", "progress", "--format", "json"])
        .json(0);
    assert!(doc["rows"][0].get("invalid").is_none());
}

#[test]
fn rectification_counts_with_one_org_show_its_row_once_except_in_json() {
    let examples = crate::harness::repo().join("examples/records");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("r");
    let args = [
        "report",
        "--view",
        "rectification",
        "--org",
        "华晋证券",
        "--period",
        "2024",
        "--as-of",
        "2025-03-01",
    ];
    let mut csv = args.to_vec();
    csv.extend(["--format", "csv", "-o", dir.to_str().unwrap(), "."]);
    crate::harness::Test::in_dir(&examples, &csv).status(0);
    assert_eq!(
        std::fs::read_to_string(dir.join("rectification-by-org.csv")).unwrap(),
        "period,org,open,overdue,done,late\n2024,华晋证券,0,1,1,1\n"
    );
    let mut json = args.to_vec();
    json.extend(["--format", "json", "."]);
    let doc: Value = crate::harness::Test::in_dir(&examples, &json).json(0);
    assert_eq!(doc["counts"].as_array().map(Vec::len), Some(2));
    assert_eq!(doc["counts"][1]["org"], Value::Null);
}
