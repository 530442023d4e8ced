//! Output formats and files: CSV for Excel, Markdown, -o without clobbering, broken pipes.

use crate::harness::{Fixture, full_acceptance, many_records, record, run_closing_stdout_early};

fn hostile() -> Fixture {
    Fixture::mini()
        .file(
            "a/2022.toml",
            record("x", "+1", "2022", &full_acceptance(50, 50))
                .replace("org = \"x\"", "org = '=HYPERLINK(\"http://x\",\"y\")'"),
        )
        .file(
            "b/2022.toml",
            record("@SUM(A1)", "-2", "2022", &full_acceptance(50, 50)),
        )
        .file(
            "c/2022.toml",
            record("中煤信托", "第一党支部", "2022", &full_acceptance(50, 50)),
        )
}

#[test]
fn csv_guards_against_formula_injection_and_keeps_numbers_numeric() {
    let run = hostile()
        .test(&["score", "--format", "csv", "."])
        .stdout(
            r#"org,branch,period,level,base,bonus,total,satisfaction,band,status,reasons
"'=HYPERLINK(""http://x"",""y"")",'+1,2022,acceptance,50.00,0.00,50.00,100.00%,excellent,pass,
'@SUM(A1),'-2,2022,acceptance,50.00,0.00,50.00,100.00%,excellent,pass,
中煤信托,第一党支部,2022,acceptance,50.00,0.00,50.00,100.00%,excellent,pass,
"#,
        )
        .status(0);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "org");
    assert_eq!(&headers[6], "total");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][0], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(&rows[0][1], "'+1");
    assert_eq!(&rows[1][0], "'@SUM(A1)");
    assert_eq!(&rows[1][1], "'-2");
    assert_eq!(&rows[2][0], "中煤信托");
    assert_eq!(&rows[2][6], "50.00");
    assert_eq!(&rows[2][7], "100.00%");
}

#[test]
fn bom_is_prepended_only_on_request() {
    let fx = hostile();
    let with = fx.test(&["score", "--format", "csv", "--bom"]).stdout("\u{feff}org,branch,period,level,base,bonus,total,satisfaction,band,status,reasons\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1,2022,acceptance,50.00,0.00,50.00,100.00%,excellent,pass,\n'@SUM(A1),'-2,2022,acceptance,50.00,0.00,50.00,100.00%,excellent,pass,\n中煤信托,第一党支部,2022,acceptance,50.00,0.00,50.00,100.00%,excellent,pass,\n").status(0);
    assert!(with.stdout[3..].starts_with("org,branch,period"));
    fx.test(&["score", "--format", "csv"])
        .stdout(
            r#"org,branch,period,level,base,bonus,total,satisfaction,band,status,reasons
"'=HYPERLINK(""http://x"",""y"")",'+1,2022,acceptance,50.00,0.00,50.00,100.00%,excellent,pass,
'@SUM(A1),'-2,2022,acceptance,50.00,0.00,50.00,100.00%,excellent,pass,
中煤信托,第一党支部,2022,acceptance,50.00,0.00,50.00,100.00%,excellent,pass,
"#,
        )
        .status(0);
}

#[test]
fn markdown_escapes_pipes() {
    let run = Fixture::mini()
        .file(
            "a/2022.toml",
            record("A|B", "one", "2022", &full_acceptance(50, 50)),
        )
        .test(&["score", "--format", "markdown"]).stdout(
        r#"| org | branch | period | level | base | bonus | total | satisfaction | band | status | reasons |
| --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- |
| A\|B | one | 2022 | acceptance | 50.00 | 0.00 | 50.00 | 100.00% | excellent | pass |  |

1 record: 1 pass, 0 fail, 0 incomplete
"#,
    ).status(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "| org | branch | period | level | base | bonus | total | satisfaction | band | status | reasons |"
    );
    assert_eq!(
        lines[1],
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- |"
    );
    assert_eq!(
        lines[2],
        "| A\\|B | one | 2022 | acceptance | 50.00 | 0.00 | 50.00 | 100.00% | excellent | pass |  |"
    );
}

#[test]
fn output_file_is_written_and_never_overwritten_without_force() {
    let fx = hostile();
    fx.test(&["score", "--format", "json", "-o", "scores.json"])
        .status(0);
    let first = fx.read("scores.json");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&first).unwrap()["records"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    fx.test(&["score", "--format", "csv", "-o", "scores.json"])
        .stderr("error: scores.json already exists; pass --force to overwrite it\n")
        .status(2);
    assert_eq!(fx.read("scores.json"), first);

    fx.test(&["score", "--format", "csv", "-o", "scores.json", "--force"])
        .status(0);
    assert!(fx.read("scores.json").starts_with("org,branch"));
    // The temporary file of the atomic write is gone.
    let names: Vec<String> = std::fs::read_dir(fx.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let fx = many_records(1500);
    let (code, stderr) = run_closing_stdout_early(fx.path(), &["score", "--format", "csv"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, "");
}
