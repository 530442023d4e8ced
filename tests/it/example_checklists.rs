//! The example checklists of examples/checklists/: each folder checks clean, and each record
//! scores as its README's table says (figure, status, band), so a README cannot drift from
//! what `audit score` prints.

use crate::harness::{Test, repo};
use crate::json::Scores;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One row of a README's table of records: `| `file` | total | status | band | arithmetic |`.
#[derive(Debug, PartialEq)]
struct Row {
    total: String,
    status: String,
    band: Option<String>,
}

fn example_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo().join("examples/checklists"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn readme(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("README.md"))
        .unwrap_or_else(|e| panic!("{}: README.md: {e}", dir.display()))
}

/// The README's rows, by record file (relative to the folder).
fn readme_rows(text: &str) -> BTreeMap<String, Row> {
    let mut rows = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // "| `f` | t | s | b | … |" splits into ["", "`f`", t, s, b, …, ""].
        let Some(file) = cells
            .get(1)
            .and_then(|c| c.strip_prefix('`'))
            .and_then(|c| c.strip_suffix(".toml`"))
        else {
            continue;
        };
        assert!(cells.len() >= 6, "short README row: {line}");
        let band = match cells[4] {
            "—" | "" => None,
            band => Some(band.to_string()),
        };
        let row = Row {
            total: cells[2].to_string(),
            status: cells[3].to_string(),
            band,
        };
        assert!(
            rows.insert(format!("{file}.toml"), row).is_none(),
            "{file} twice"
        );
    }
    rows
}

#[test]
fn there_are_at_least_three_example_checklists() {
    let dirs = example_dirs();
    assert!(dirs.len() >= 3, "{dirs:?}");
    for dir in &dirs {
        assert!(dir.join("checklist.toml").is_file(), "{}", dir.display());
    }
}

#[test]
fn every_example_checklist_checks_clean() {
    for dir in example_dirs() {
        let run = Test::in_dir(&dir, &["check", "."])
            .stdout_inspected()
            .stderr_inspected()
            .status(0);
        assert!(
            run.stdout.contains(": 0 errors,"),
            "{}: {}",
            dir.display(),
            run.stdout
        );
    }
}

#[test]
fn every_example_record_scores_as_its_readme_says() {
    for dir in example_dirs() {
        let want = readme_rows(&readme(&dir));
        let scores: Scores = Test::in_dir(&dir, &["score", "--format", "json", "."])
            .stdout_inspected()
            .status(0)
            .json();
        let got: BTreeMap<String, Row> = scores
            .records
            .iter()
            .map(|r| {
                let row = Row {
                    total: format!("{:.2}", r.total),
                    status: r.status.clone(),
                    band: r.band.clone(),
                };
                (r.file.clone(), row)
            })
            .collect();
        assert!(!got.is_empty(), "{}: no records", dir.display());
        assert_eq!(got, want, "{}: README table vs audit score", dir.display());
        // Each example shows a pass, a fail, and an incomplete or vetoed record.
        let statuses: Vec<&str> = scores.records.iter().map(|r| r.status.as_str()).collect();
        assert!(statuses.contains(&"pass"), "{}: no pass", dir.display());
        assert!(statuses.contains(&"fail"), "{}: no fail", dir.display());
        assert!(
            statuses.contains(&"incomplete") || scores.records.iter().any(|r| !r.vetoes.is_empty()),
            "{}: no incomplete or vetoed record",
            dir.display()
        );
    }
}

#[test]
fn every_section_11_rule_is_shown_by_an_example() {
    let readmes: Vec<String> = example_dirs().iter().map(|d| readme(d)).collect();
    for rule in 1..=11 {
        let mark = format!("- §11.{rule} ");
        assert!(
            readmes.iter().any(|r| r.contains(&mark)),
            "no example README lists §11.{rule}"
        );
    }
}

#[test]
fn readme_rows_are_parsed() {
    // The parser the tests above rely on: a row with no band, one with a band, other lines skipped.
    let rows = readme_rows(
        "| 记录 Record | 得分 Total |\n|---|---|\n| `a/1.toml` | 91.27 | pass | 优秀 | x |\n| `b/1.toml` | 80.50 | incomplete | — | y |\n",
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows["a/1.toml"],
        Row {
            total: "91.27".into(),
            status: "pass".into(),
            band: Some("优秀".into())
        }
    );
    assert_eq!(rows["b/1.toml"].band, None);
}
