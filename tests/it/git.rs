//! --at, diff and --ratchet against a real git repository built over several commits.

use std::path::Path;
use std::process::Command;

use crate::harness::{Fixture, Test, full_acceptance, record};
use crate::json::{Check, Diff, Explained, Gate, RateChange, Report, Scores};

/// `git ARGS` in `dir` with a fixed identity and no system or user configuration.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "office")
        .env("GIT_AUTHOR_EMAIL", "office@example.org")
        .env("GIT_COMMITTER_NAME", "office")
        .env("GIT_COMMITTER_EMAIL", "office@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git on PATH");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn commit(fx: &Fixture, message: &str) {
    git(fx.path(), &["add", "-A"]);
    git(fx.path(), &["commit", "-q", "-m", message]);
    git(fx.path(), &["tag", message]);
}

fn passing(branch: &str) -> String {
    record("A", branch, "2023", &full_acceptance(50, 50))
}

fn failing(branch: &str) -> String {
    record("A", branch, "2023", &full_acceptance(40, 50))
}

/// v1: a1 pass, a2 fail, a3 pass, a4 pass, a5 pass (5 of 5… 4 of 5 = 80 %).
/// v2: a2 passes, a3 fails, a4 moved to another folder, a5 deleted, a6 added (4 of 5 = 80 %).
/// Working tree: a1 fails too (3 of 5 = 60 %).
fn history() -> Fixture {
    let fx = Fixture::mini()
        .file("a/a1/2023.toml", passing("a1"))
        .file("a/a2/2023.toml", failing("a2"))
        .file("a/a3/2023.toml", passing("a3"))
        .file("a/a4/2023.toml", passing("a4"))
        .file("a/a5/2023.toml", passing("a5"));
    git(fx.path(), &["init", "-q"]);
    commit(&fx, "v1");
    std::fs::write(fx.join("a/a2/2023.toml"), passing("a2")).unwrap();
    std::fs::write(fx.join("a/a3/2023.toml"), failing("a3")).unwrap();
    std::fs::create_dir_all(fx.join("moved")).unwrap();
    std::fs::rename(fx.join("a/a4/2023.toml"), fx.join("moved/a4-2023.toml")).unwrap();
    std::fs::remove_file(fx.join("a/a5/2023.toml")).unwrap();
    let fx = fx.file("a/a6/2023.toml", passing("a6"));
    commit(&fx, "v2");
    std::fs::write(fx.join("a/a1/2023.toml"), failing("a1")).unwrap();
    fx
}

fn changes(json: &Diff) -> Vec<(String, String)> {
    json.changes
        .iter()
        .map(|c| (c.branch.clone(), c.change.clone()))
        .collect()
}

#[test]
fn diff_between_two_revisions_matches_records_by_key() {
    let fx = history();
    let run = fx
        .test(&["diff", "v1", "v2", "--format", "json"])
        .stdout_inspected()
        .status(0);
    let json: Diff = run.json();
    let pairs: Vec<(&str, &str)> = vec![
        ("a2", "newly-passing"),
        ("a3", "newly-failing"),
        ("a5", "removed"),
        ("a6", "added"),
    ];
    let expected: Vec<(String, String)> = pairs
        .into_iter()
        .map(|(a, b)| (a.into(), b.into()))
        .collect();
    assert_eq!(changes(&json), expected);
    let a3 = &json.changes[1];
    let (before, after) = (a3.before.as_ref().unwrap(), a3.after.as_ref().unwrap());
    assert_eq!(before.status, "pass");
    assert_eq!(before.total, 50.0);
    assert_eq!(after.status, "fail");
    assert_eq!(json.changes[2].after, None);
    assert_eq!(json.changes[3].before, None);
    assert_eq!(
        json.compliance,
        [RateChange {
            period: "2023".into(),
            before: Some(0.8),
            after: Some(0.8)
        }]
    );

    let all = changes(
        &fx.test(&["diff", "v1", "v2", "--all", "--format", "json"])
            .json(0),
    );
    assert!(
        all.contains(&("a4".to_string(), "unchanged".to_string())),
        "{all:?}"
    );
    assert!(
        all.contains(&("a1".to_string(), "unchanged".to_string())),
        "{all:?}"
    );
}

#[test]
fn diff_defaults_to_head_against_the_working_tree() {
    let fx = history();
    let run = fx
        .test(&["diff", "--format", "json"])
        .stdout_inspected()
        .status(0);
    let json: Diff = run.json();
    assert_eq!(
        changes(&json),
        vec![("a1".to_string(), "newly-failing".to_string())]
    );
    assert_eq!(json.compliance[0].before, Some(0.8));
    assert_eq!(json.compliance[0].after, Some(0.6));
    fx.test(&["diff"]).stdout(
        r#"Records that changed
┌─────┬────────┬────────┬───────────────┬───────────────┬──────────────┬─────────────┬──────────────┬─────────────┬────────────┐
│ org ┆ branch ┆ period ┆ change        ┆ status before ┆ total before ┆ band before ┆ status after ┆ total after ┆ band after │
╞═════╪════════╪════════╪═══════════════╪═══════════════╪══════════════╪═════════════╪══════════════╪═════════════╪════════════╡
│ A   ┆ a1     ┆ 2023   ┆ newly-failing ┆ pass          ┆        50.00 ┆ excellent   ┆ fail         ┆       47.00 ┆ good       │
└─────┴────────┴────────┴───────────────┴───────────────┴──────────────┴─────────────┴──────────────┴─────────────┴────────────┘

Compliance rate per period
┌────────┬────────┬────────┬─────────┐
│ period ┆ before ┆  after ┆ change  │
╞════════╪════════╪════════╪═════════╡
│ 2023   ┆ 80.00% ┆ 60.00% ┆ dropped │
└────────┴────────┴────────┴─────────┘
"#,
    ).success();
}

#[test]
fn at_reads_records_as_they_were() {
    let fx = history();
    let run = fx
        .test(&["score", "--at", "v1", "--format", "json"])
        .stdout_inspected()
        .status(0);
    let json: Scores = run.json();
    let statuses: Vec<(&str, &str)> = json
        .records
        .iter()
        .map(|r| (r.branch.as_str(), r.status.as_str()))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("a1", "pass"),
            ("a2", "fail"),
            ("a3", "pass"),
            ("a4", "pass"),
            ("a5", "pass")
        ]
    );
    let run = fx
        .test(&[
            "explain",
            "--at",
            "v1",
            "--format",
            "json",
            "a/a5/2023.toml",
        ])
        .stdout_inspected()
        .status(0);
    let explained: Explained = run.json();
    assert_eq!(explained.record.total, 50.0);
    assert_eq!(explained.checklist.title, "Mini checklist");
    let report: Report = fx
        .test(&["report", "--at", "v2", "--format", "json"])
        .json(0);
    assert_eq!(report.rows[1].rate, 0.8);
    fx.test(&["check", "--at", "no-such-tag"])
        .stderr("error: unknown revision \"no-such-tag\": not a commit in this repository\n")
        .status(2);
}

#[test]
fn the_ratchet_fails_on_a_newly_failing_record_or_a_lower_rate() {
    let fx = history();
    // Against v2, the working tree has a1 newly failing and 2023 down from 80 % to 60 %.
    let run = fx
        .test(&["check", "--ratchet", "v2", "--format", "json"])
        .stdout_inspected()
        .status(1);
    assert_eq!(
        run.json::<Check>().gates,
        [Gate {
            gate: "ratchet v2".into(),
            passed: false,
            details: vec![
                "A / a1 / 2023: was pass in v2, now fail (47.00)".into(),
                "2023: compliance dropped from 80% in v2 to 60%".into()
            ],
            places: Vec::new(),
        }]
    );
    // v2 against v1: a3 newly fails although the rate stays at 80 %.
    git(fx.path(), &["checkout", "-q", "--", "."]);
    fx.test(&["check", "--ratchet", "v1"])
        .stdout(
            r#"5 record files checked: 0 errors, 0 warnings

Gates
┌────────────┬────────┬─────────────────────────────────────────────────┐
│ gate       ┆ result ┆ details                                         │
╞════════════╪════════╪═════════════════════════════════════════════════╡
│ ratchet v1 ┆ FAILED ┆ A / a3 / 2023: was pass in v1, now fail (47.00) │
└────────────┴────────┴─────────────────────────────────────────────────┘
"#,
        )
        .status(1);
    fx.test(&["check", "--ratchet", "v2"])
        .stdout(
            r#"5 record files checked: 0 errors, 0 warnings

Gates
┌────────────┬────────┬─────────────────────────────────────────────────────────────────┐
│ gate       ┆ result ┆ details                                                         │
╞════════════╪════════╪═════════════════════════════════════════════════════════════════╡
│ ratchet v2 ┆ passed ┆ no record newly failing and no compliance rate lower than in v2 │
└────────────┴────────┴─────────────────────────────────────────────────────────────────┘
"#,
        )
        .status(0);
}

#[test]
fn outside_a_repository_git_features_say_so() {
    let fx = Fixture::mini().file("a/2023.toml", passing("a1"));
    fx.test(&["diff"]).stderr("error: {dir} is not inside a git work tree (--at, diff and --ratchet read records from git)\n").status(2);
}

#[test]
fn check_speaks_github_and_junit() {
    let fx = Fixture::mini()
        .file(
            "a/2023.toml",
            record("A", "a", "2023", "[acceptance]\n\"1.1\" = 11\n"),
        )
        .file("b/2023.toml", passing("b"));
    fx.test(&["check", "--format", "github", "--deny", "fail"]).stdout(
        r#"::error file=a/2023.toml,line=6,col=9::[acceptance] point 1.1: score 11 exceeds its max 10
::notice title=audit check gate deny fail::no fail records
"#,
    ).status(2);
    fx.test(&["check", "--format", "junit"]).stdout(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="audit check" tests="2" failures="1" errors="0">
  <testsuite name="records" tests="2" failures="1" errors="0" skipped="0">
    <testcase classname="records" name="a/2023.toml">
      <failure message="1 error">a/2023.toml:6:9: [acceptance] point 1.1: score 11 exceeds its max 10</failure>
    </testcase>
    <testcase classname="records" name="b/2023.toml"/>
  </testsuite>
  <testsuite name="gates" tests="0" failures="0" errors="0" skipped="0">
  </testsuite>
</testsuites>
"#,
    ).status(2);
    fx.test(&["score", "--format", "github"])
        .stderr(
            r#"error: invalid value 'github' for '--format <FORMAT>'
  [possible values: table, csv, json, jsonl, markdown, xlsx, html]

For more information, try '--help'.
"#,
        )
        .status(2);
    // score lists only the formats it renders (issue 9, item 26): github is check's.
}

#[test]
fn without_git_on_path_the_error_says_so() {
    // Not "not inside a git work tree": the repository is fine, git is what is missing.
    let fx = history();
    Test::in_dir(fx.path(), &["score", "--at", "HEAD", "."]).env("PATH", "/nonexistent").stderr("error: cannot run git (No such file or directory (os error 2)); --at, diff and --ratchet need git on PATH\n").status(2);
}

#[test]
fn a_change_of_band_alone_is_a_change() {
    // a6: satisfaction 100 % → 94 % (the derived point drops 5 → 4, a bonus point makes it
    // up): still a pass at 50 points, but no longer excellent (the band asks for 95 %).
    let fx = history();
    let body = full_acceptance(47, 50) + "\n[bonus]\nB1 = 1\n";
    std::fs::write(fx.join("a/a6/2023.toml"), record("A", "a6", "2023", &body)).unwrap();
    let run = fx
        .test(&["diff", "v2", "--format", "json"])
        .stdout_inspected()
        .status(0);
    let json: Diff = run.json();
    let a6 = json
        .changes
        .iter()
        .find(|c| c.branch == "a6")
        .unwrap_or_else(|| panic!("a6 not listed: {json:?}"));
    assert_eq!(a6.change, "changed", "{a6:?}");
    let (before, after) = (a6.before.as_ref().unwrap(), a6.after.as_ref().unwrap());
    assert_eq!(before.status, after.status);
    assert_eq!(before.total, after.total);
    assert_eq!(
        (before.band.as_deref(), after.band.as_deref()),
        (Some("excellent"), Some("good"))
    );
}

/// A records root in the folder `name` below a repository's top: one passing record at v1,
/// failing in the working tree.
fn root_named(name: &str) -> Fixture {
    let fx = Fixture::empty()
        .file(
            &format!("{name}/checklist.toml"),
            crate::harness::MINI_CHECKLIST,
        )
        .file(&format!("{name}/a/a1/2023.toml"), passing("a1"));
    git(fx.path(), &["init", "-q"]);
    commit(&fx, "v1");
    std::fs::write(fx.join(&format!("{name}/a/a1/2023.toml")), failing("a1")).unwrap();
    fx
}

#[test]
fn a_records_root_with_a_space_in_its_name_reads_from_git() {
    // No roster: git answers `missing` for it, and the reply names the path with its space.
    let fx = root_named("my records");
    let root = fx.join("my records");
    let run = Test::in_dir(&root, &["score", "--at", "v1", "--format", "json"])
        .stdout_inspected()
        .status(0);
    assert_eq!(
        run.json::<Scores>().records[0].status,
        "pass",
        "{}",
        run.stdout
    );
    let run = Test::in_dir(&root, &["diff", "v1", "--format", "json"])
        .stdout_inspected()
        .status(0);
    assert_eq!(
        changes(&run.json()),
        vec![("a1".to_string(), "newly-failing".to_string())]
    );
    Test::in_dir(&root, &["check", "--ratchet", "v1"])
        .stdout(
            r#"1 record file checked: 0 errors, 0 warnings

Gates
┌────────────┬────────┬─────────────────────────────────────────────────┐
│ gate       ┆ result ┆ details                                         │
╞════════════╪════════╪═════════════════════════════════════════════════╡
│ ratchet v1 ┆ FAILED ┆ A / a1 / 2023: was pass in v1, now fail (47.00) │
│            ┆        ┆ 2023: compliance dropped from 100% in v1 to 0%  │
└────────────┴────────┴─────────────────────────────────────────────────┘
"#,
        )
        .status(1);
}

#[test]
fn root_folders_named_like_pathspec_magic_are_read_literally() {
    for name in [":x", ":!excl", "*", " lead"] {
        let fx = root_named(name);
        let root = fx.join(name);
        let run = Test::in_dir(&root, &["score", "--at", "v1", "--format", "json"])
            .stdout_inspected()
            .status(0);
        let json: Scores = run.json();
        assert_eq!(json.records[0].status, "pass", "{name}: {}", run.stdout);
        assert_eq!(json.records.len(), 1, "{name}");
        Test::in_dir(&root, &["check", "--ratchet", "v1"])
            .stdout(
                r#"1 record file checked: 0 errors, 0 warnings

Gates
┌────────────┬────────┬─────────────────────────────────────────────────┐
│ gate       ┆ result ┆ details                                         │
╞════════════╪════════╪═════════════════════════════════════════════════╡
│ ratchet v1 ┆ FAILED ┆ A / a1 / 2023: was pass in v1, now fail (47.00) │
│            ┆        ┆ 2023: compliance dropped from 100% in v1 to 0%  │
└────────────┴────────┴─────────────────────────────────────────────────┘
"#,
            )
            .status(1);
    }
}

#[test]
fn diff_over_an_invalid_record_is_not_written() {
    // An invalid record in the working tree read as "removed" and its branch as missing,
    // with exit 0 (issue 9, found after item 10).
    let fx = history();
    std::fs::write(
        fx.join("a/a3/2023.toml"),
        passing("a3").replace("\"2.1\" = 10", "\"2.1\" = 11"),
    )
    .unwrap();
    fx.test(&["diff", "v2", "--format", "json"]).stderr(
        r#"a/a3/2023.toml:12:9: error: [acceptance] point 2.1: score 11 exceeds its max 10
 12 | "2.1" = 11
    |         ^^
the diff was not written: the working tree has 1 invalid record file(s) (a/a3/2023.toml); fix them (see audit check)
"#,
    ).status(2);
    // A filter that leaves the invalid record out lets the rest be compared.
    let run = fx
        .test(&["diff", "v2", "--period", "2022", "--format", "json"])
        .stderr("error: no period '2022'; known: 2023\n")
        .status(2);
    assert_ne!(
        run.stderr, "",
        "2022 has no records: the filter matches nothing"
    );
}
