//! The benchmark register (SPEC §12.4): benchmarks.toml read and validated by `check`, the
//! named entries and their states in `report --view benchmark`, the `benchmark-at-risk`
//! gate, and `init`'s empty register.

use crate::harness::{Fixture, Test};
use crate::json::{Benchmark, Named};

/// Bands A ≥ 57, B ≥ 52, C ≥ 48 out of 60; a pass needs 40, so a record of 40 to 47 passes
/// with no band; a benchmark keeps B or better.
const CHECKLIST: &str = r#"title = "Campaign"
version = "c-1"

[pass]
min_total = 40

[[bands]]
name = "A"
min_total = 57

[[bands]]
name = "B"
min_total = 52

[[bands]]
name = "C"
min_total = 48

[benchmark]
min_band = "B"

[[items]]
id = "1"
title = "Organisation"

[[items.points]]
id = "1.1"
title = "Committee"
max = 20

[[items.points]]
id = "1.2"
title = "Minutes"
max = 20

[[items.points]]
id = "1.3"
title = "Service"
max = 20

[[vetoes]]
id = "V1"
title = "Heavy discipline"
"#;

/// A record of North's `branch` for `period` scoring `points` on 1.1, 1.2 and 1.3 (`None`:
/// not scored, so the record is incomplete), with `extra` lines before its level.
fn record(branch: &str, period: &str, points: [Option<u32>; 3], extra: &str) -> String {
    let mut text = format!(
        "org = \"North\"\nbranch = \"{branch}\"\nperiod = \"{period}\"\n{extra}\n[acceptance]\n"
    );
    for (id, p) in ["1.1", "1.2", "1.3"].iter().zip(points) {
        if let Some(p) = p {
            text.push_str(&format!("\"{id}\" = {p}\n"));
        }
    }
    text
}

fn full(branch: &str, period: &str) -> String {
    record(branch, period, [Some(20), Some(20), Some(20)], "")
}

/// A `[[named]]` entry naming North's `branch` for 2023.
fn entry(branch: &str, extra: &str) -> String {
    format!(
        "[[named]]\norg = \"North\"\nbranch = \"{branch}\"\nperiod = \"2023\"\n\
         decided = 2024-01-15\ndecision = \"Committee, January 2024\"\n{extra}\n"
    )
}

/// Eight branches named for their 2023 record (60, A, passed), each in one state now:
/// kept (2024: 54, B), at risk because 2024 fails (30), is incomplete, is vetoed, has
/// band C (50) or no band (44, a pass), lapsed (no 2024 record, which the roster expects)
/// and revoked (whatever its 2024 record).
pub fn campaign() -> Fixture {
    let branches = [
        "kept",
        "fails",
        "incomplete",
        "vetoed",
        "band-c",
        "no-band",
        "lapsed",
        "revoked",
    ];
    let mut fx = Fixture::empty().file("checklist.toml", CHECKLIST);
    let mut roster = String::new();
    let mut register = String::from("# decided at the January meeting\n\n");
    for b in branches {
        roster.push_str(&format!(
            "[[branch]]\norg = \"North\"\nbranch = \"{b}\"\n\n"
        ));
        let revoked = if b == "revoked" {
            "revoked = 2024-11-05"
        } else {
            ""
        };
        register.push_str(&entry(b, revoked));
        fx = fx.file(&format!("north/{b}/2023.toml"), full(b, "2023"));
    }
    let now: [(&str, [Option<u32>; 3], &str); 7] = [
        ("kept", [Some(20), Some(20), Some(14)], ""),
        ("fails", [Some(10), Some(10), Some(10)], ""),
        ("incomplete", [Some(20), Some(20), None], ""),
        (
            "vetoed",
            [Some(20), Some(20), Some(20)],
            "\n[vetoes]\nV1 = true\n",
        ),
        ("band-c", [Some(20), Some(20), Some(10)], ""),
        ("no-band", [Some(20), Some(20), Some(4)], ""),
        ("revoked", [Some(0), Some(0), Some(0)], ""),
    ];
    for (b, points, extra) in now {
        fx = fx.file(
            &format!("north/{b}/2024.toml"),
            record(b, "2024", points, extra),
        );
    }
    fx.file("roster.toml", roster)
        .file("benchmarks.toml", register)
}

/// The line of the `i`th entry (0-based) of [`campaign`]'s register: two lines of preamble,
/// then seven lines each.
fn line_of(i: usize) -> usize {
    3 + 7 * i
}

fn named(branch: &str, latest: Option<(&str, &str, Option<&str>)>, state: &str) -> Named {
    Named {
        org: "North".into(),
        branch: branch.into(),
        period: "2023".into(),
        decided: "2024-01-15".into(),
        latest_period: latest.map(|l| l.0.into()),
        latest_status: latest.map(|l| l.1.into()),
        latest_band: latest.and_then(|l| l.2.map(Into::into)),
        state: state.into(),
    }
}

/// The incomplete record's warning, which every command prints.
const INCOMPLETE_WARNING: &str =
    "north/incomplete/2024.toml:5:1: warning: [acceptance] lacks 1.3: the record is incomplete
 5 | [acceptance]
   | ^
";

#[test]
fn each_named_branch_is_kept_at_risk_for_each_cause_lapsed_or_revoked() {
    let fx = campaign();
    let report: Benchmark = fx
        .test(&["report", "--view", "benchmark", "--format", "json"])
        .stderr_inspected()
        .json(0);
    assert_eq!(
        report.named.expect("the register"),
        [
            named("band-c", Some(("2024", "pass", Some("C"))), "at-risk"),
            named("fails", Some(("2024", "fail", None)), "at-risk"),
            named("incomplete", Some(("2024", "incomplete", None)), "at-risk"),
            named("kept", Some(("2024", "pass", Some("B"))), "kept"),
            named("lapsed", Some(("2023", "pass", Some("A"))), "lapsed"),
            named("no-band", Some(("2024", "pass", None)), "at-risk"),
            named("revoked", Some(("2024", "fail", None)), "revoked"),
            named("vetoed", Some(("2024", "fail", None)), "at-risk"),
        ]
    );
    // The candidates are as they always were.
    assert_eq!(report.candidates.len(), 8 + 3);
}

#[test]
fn the_register_table_says_why_each_is_at_risk() {
    campaign()
        .test(&["report", "--view", "benchmark", "--period", "2024", "--format", "markdown"])
        .stdout(
            "### Benchmark candidates: passing branches by total, then satisfaction

| period | rank | org | branch | total | satisfaction | band |
| --- | ---: | --- | --- | ---: | ---: | --- |
| 2024 | 1 | North | kept | 54.00 |  | B |
| 2024 | 2 | North | band-c | 50.00 |  | C |
| 2024 | 3 | North | no-band | 44.00 |  |  |

### Benchmark register: branches named by the committee, with their latest record

| org | branch | period | decided | latest period | latest status | latest band | state | why |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| North | band-c | 2023 | 2024-01-15 | 2024 | pass | C | at-risk | latest record 2024 has band C, below B |
| North | fails | 2023 | 2024-01-15 | 2024 | fail |  | at-risk | latest record 2024 fails |
| North | incomplete | 2023 | 2024-01-15 | 2024 | incomplete |  | at-risk | latest record 2024 is incomplete |
| North | kept | 2023 | 2024-01-15 | 2024 | pass | B | kept |  |
| North | lapsed | 2023 | 2024-01-15 | 2023 | pass | A | lapsed | not assessed in 2024, which the roster expects |
| North | no-band | 2023 | 2024-01-15 | 2024 | pass |  | at-risk | latest record 2024 has no band (a benchmark keeps B or better) |
| North | revoked | 2023 | 2024-01-15 | 2024 | fail |  | revoked | revoked on 2024-11-05 |
| North | vetoed | 2023 | 2024-01-15 | 2024 | fail |  | at-risk | latest record 2024 has a triggered veto |
",
        )
        .success();
}

#[test]
fn check_passes_a_register_whose_records_passed_and_the_gate_fails_on_those_at_risk() {
    let fx = campaign();
    fx.test(&["check"])
        .stdout("15 record files checked: 0 errors, 1 warning\n")
        .stderr(INCOMPLETE_WARNING)
        .success();
    let run = fx
        .test(&["check", "--deny", "benchmark-at-risk", "--format", "json"])
        .stdout_inspected()
        .status(1);
    let json: serde_json::Value = run.json();
    let gate = &json["gates"][0];
    assert_eq!(gate["gate"], "deny benchmark-at-risk");
    assert_eq!(gate["passed"], false);
    let at = |i: usize| format!("benchmarks.toml:{}:1", line_of(i));
    assert_eq!(
        gate["details"],
        serde_json::json!([
            format!(
                "North / band-c / 2023 ({}): latest record 2024 has band C, below B",
                at(4)
            ),
            format!("North / fails / 2023 ({}): latest record 2024 fails", at(1)),
            format!(
                "North / incomplete / 2023 ({}): latest record 2024 is incomplete",
                at(2)
            ),
            format!(
                "North / no-band / 2023 ({}): latest record 2024 has no band (a benchmark keeps B or better)",
                at(5)
            ),
            format!(
                "North / vetoed / 2023 ({}): latest record 2024 has a triggered veto",
                at(3)
            ),
        ])
    );
    // The gate on the at-risk entries only: lapsed and revoked ones do not fail it.
    let calm = Fixture::empty()
        .file("checklist.toml", CHECKLIST)
        .file("north/kept/2023.toml", full("kept", "2023"))
        .file("north/lapsed/2023.toml", full("lapsed", "2023"))
        .file("north/other/2024.toml", full("other", "2024"))
        .file(
            "north/revoked/2023.toml",
            record("revoked", "2023", [Some(20), Some(20), Some(20)], ""),
        )
        .file(
            "north/revoked/2024.toml",
            record("revoked", "2024", [Some(0), Some(0), Some(0)], ""),
        )
        .file(
            "roster.toml",
            "[[branch]]\norg = \"North\"\nbranch = \"kept\"\n\n[[branch]]\norg = \"North\"\nbranch = \"lapsed\"\n\n\
             [[branch]]\norg = \"North\"\nbranch = \"other\"\n\n[[branch]]\norg = \"North\"\nbranch = \"revoked\"\n",
        )
        .file(
            "benchmarks.toml",
            format!(
                "{}{}{}",
                entry("kept", ""),
                entry("lapsed", ""),
                entry("revoked", "revoked = 2024-06-01")
            ),
        );
    calm.test(&["check", "--deny", "benchmark-at-risk"])
        .stdout(
            "5 record files checked: 0 errors, 0 warnings

Gates
┌────────────────────────┬────────┬──────────────────────┐
│ gate                   ┆ result ┆ details              │
╞════════════════════════╪════════╪══════════════════════╡
│ deny benchmark-at-risk ┆ passed ┆ no benchmark at risk │
└────────────────────────┴────────┴──────────────────────┘
",
        )
        .success();
}

#[test]
fn github_annotations_point_at_the_register_line_of_each_entry_at_risk() {
    let fx = campaign();
    let run = fx
        .test(&["check", "--deny", "benchmark-at-risk", "--format", "github"])
        .stdout_inspected()
        .status(1);
    let title = "title=audit check gate deny benchmark-at-risk";
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("benchmark-at-risk"))
        .collect();
    assert_eq!(
        lines,
        [
            format!(
                "::error file=benchmarks.toml,line=31,col=1,{title}::North / band-c / 2023 (benchmarks.toml:31:1): latest record 2024 has band C, below B"
            ),
            format!(
                "::error file=benchmarks.toml,line=10,col=1,{title}::North / fails / 2023 (benchmarks.toml:10:1): latest record 2024 fails"
            ),
            format!(
                "::error file=benchmarks.toml,line=17,col=1,{title}::North / incomplete / 2023 (benchmarks.toml:17:1): latest record 2024 is incomplete"
            ),
            format!(
                "::error file=benchmarks.toml,line=38,col=1,{title}::North / no-band / 2023 (benchmarks.toml:38:1): latest record 2024 has no band (a benchmark keeps B or better)"
            ),
            format!(
                "::error file=benchmarks.toml,line=24,col=1,{title}::North / vetoed / 2023 (benchmarks.toml:24:1): latest record 2024 has a triggered veto"
            ),
        ]
    );
    assert_eq!(line_of(1), 10);
}

#[test]
fn an_entry_whose_record_did_not_pass_or_is_missing_is_an_error_at_the_entry() {
    let fx = Fixture::empty()
        .file("checklist.toml", CHECKLIST)
        .file(
            "north/fails/2023.toml",
            record("fails", "2023", [Some(10), Some(10), Some(10)], ""),
        )
        .file(
            "north/incomplete/2023.toml",
            record("incomplete", "2023", [Some(20), Some(20), None], ""),
        )
        .file("north/kept/2023.toml", full("kept", "2023"))
        .file(
            "benchmarks.toml",
            format!(
                "{}{}{}{}",
                entry("kept", ""),
                entry("fails", ""),
                entry("incomplete", ""),
                entry("nobody", "")
            ),
        );
    let expected = "benchmarks.toml:8:1: error: North / fails is named a benchmark for 2023, but its record for 2023 is fail: a benchmark's record must pass
 8 | [[named]]
   | ^
benchmarks.toml:15:1: error: North / incomplete is named a benchmark for 2023, but its record for 2023 is incomplete: a benchmark's record must pass
 15 | [[named]]
    | ^
benchmarks.toml:22:1: error: North / nobody is named a benchmark for 2023, but its record for 2023 is missing: a benchmark's record must pass
 22 | [[named]]
    | ^
north/incomplete/2023.toml:5:1: warning: [acceptance] lacks 1.3: the record is incomplete
 5 | [acceptance]
   | ^
";
    fx.test(&["check"])
        .stdout("3 record files checked: 3 errors, 1 warning\n")
        .stderr(expected)
        .status(2);
    // A gate asked for changes nothing: invalid input is exit 2.
    fx.test(&["check", "--deny", "benchmark-at-risk"])
        .stdout_inspected()
        .stderr(expected)
        .status(2);
}

#[test]
fn bad_dates_and_unknown_keys_are_errors_with_their_positions_in_one_pass() {
    let fx = Fixture::empty()
        .file("checklist.toml", CHECKLIST)
        .file("north/kept/2023.toml", full("kept", "2023"))
        .file(
            "benchmarks.toml",
            "[[named]]\norg = \"North\"\nbranch = \"kept\"\nperiod = 2023\ndecided = \"2024-01-15\"\n\
             decision = \"Committee\"\nrevokd = 2024-02-01\n\n[[named]]\norg = \"North\"\nbranch = \"kept\"\n\
             period = \"2023\"\ndecided = 2024-02-30\ndecision = \"Committee\"\n\n[nmaed]\n",
        );
    fx.test(&["check"])
        .stdout("1 record file checked: 4 errors, 0 warnings\n")
        .stderr(
            "benchmarks.toml:5:11: error: `decided` in a [[named]] entry must be a date such as 2024-09-30 (no quotes, no time), not \"2024-01-15\"
 5 | decided = \"2024-01-15\"
   |           ^^^^^^^^^^^^
benchmarks.toml:7:1: error: unknown key `revokd` in a [[named]] entry (did you mean `revoked`?)
 7 | revokd = 2024-02-01
   | ^^^^^^
benchmarks.toml:13:11: error: TOML syntax: invalid date, expected day between 01 and 29
 13 | decided = 2024-02-30
    |           ^^^^^^^^^^
benchmarks.toml:16:2: error: unknown key `nmaed` in the benchmark register (did you mean `named`?)
 16 | [nmaed]
    |  ^^^^^
",
        )
        .status(2);
}

#[test]
fn the_register_in_chinese() {
    let fx = campaign();
    let run = fx
        .test(&[
            "--lang",
            "zh",
            "report",
            "--view",
            "benchmark",
            "--period",
            "2024",
        ])
        .stdout_inspected()
        .stderr_inspected()
        .success();
    for shown in [
        "标杆命名台账：经会议命名的标杆支部及其最近一次考核",
        "命名日期",
        "标杆状态",
        "有风险",
        "已中断",
        "已撤销",
        "保持",
        "最近记录 2024 等级为 C，低于 B",
        "最近记录 2024 触发一票否决",
    ] {
        assert!(run.stdout.contains(shown), "{shown} not in\n{}", run.stdout);
    }
    let bad = Fixture::empty()
        .file("checklist.toml", CHECKLIST)
        .file("benchmarks.toml", entry("nobody", ""));
    bad.test(&["--lang", "zh", "check"])
        .stdout("共检查 0 个记录文件：1 个错误，0 个警告\n")
        .stderr(
            "benchmarks.toml:1:1: 错误: North / nobody 凭 2023 年度考核被命名为标杆，但其 2023 记录为缺报：标杆的考核记录必须达标
 1 | [[named]]
   | ^
",
        )
        .status(2);
}

#[test]
fn without_a_register_naming_anyone_the_benchmark_view_is_unchanged() {
    let base = || {
        Fixture::empty()
            .file("checklist.toml", CHECKLIST)
            .file("north/kept/2023.toml", full("kept", "2023"))
    };
    let without: Benchmark = base()
        .test(&["report", "--view", "benchmark", "--format", "json"])
        .json(0);
    assert!(without.named.is_none());
    let before = base()
        .test(&["report", "--view", "benchmark", "--format", "json"])
        .stdout_inspected()
        .success()
        .stdout;
    let empty = base()
        .file("benchmarks.toml", "# nobody named yet\n")
        .test(&["report", "--view", "benchmark", "--format", "json"])
        .stdout_inspected()
        .success()
        .stdout;
    assert_eq!(before, empty);
}

#[test]
fn the_html_report_lists_the_register_at_risk_first() {
    let fx = campaign();
    fx.test(&["report", "--format", "html", "-o", "report.html"])
        .stderr_inspected()
        .success();
    let html = fx.read("report.html");
    let section = html
        .split("<section id=\"register\">")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("a register section");
    let branches: Vec<&str> = section
        .split("<tr><td>North</td><td>")
        .skip(1)
        .map(|row| row.split('<').next().unwrap())
        .collect();
    assert_eq!(
        branches,
        [
            "band-c",
            "fails",
            "incomplete",
            "no-band",
            "vetoed",
            "lapsed",
            "kept",
            "revoked"
        ]
    );
    assert!(section.contains("<h2>Benchmark register</h2>"), "{section}");
}

#[test]
fn init_writes_an_empty_register_explaining_the_format_and_never_replaces_one() {
    let fx = Fixture::empty();
    fx.test(&["init", "records"]).stdout_inspected().success();
    let register = fx.read("records/benchmarks.toml");
    assert!(
        register.lines().all(|l| l.is_empty() || l.starts_with('#')),
        "{register}"
    );
    assert!(
        register.contains("# [[named]]\n# org = \"Shanxi Securities\"\n"),
        "{register}"
    );
    // Uncommented, its example is a register: check then looks for the named record.
    let example: String = register
        .split("# [[named]]\n")
        .nth(1)
        .unwrap()
        .lines()
        .map(|l| format!("{}\n", l.trim_start_matches("# ")))
        .collect();
    let root = fx.join("records");
    std::fs::write(
        root.join("benchmarks.toml"),
        format!("[[named]]\n{example}"),
    )
    .unwrap();
    let run = Test::in_dir(&root, &["check"])
        .stdout_inspected()
        .stderr_inspected()
        .status(2);
    assert!(
        run.stderr.starts_with("benchmarks.toml:1:1: error: Shanxi Securities / Second Party Branch is named a benchmark for 2024, but its record for 2024 is missing"),
        "{}",
        run.stderr
    );
    // init --force adds what is missing and keeps the office's register.
    std::fs::write(root.join("benchmarks.toml"), "# ours\n").unwrap();
    let run = Test::in_dir(&root, &["init", "--force", "."])
        .stdout_inspected()
        .stderr_inspected()
        .success();
    assert!(run.stderr.contains("benchmarks.toml"), "{}", run.stderr);
    assert_eq!(fx.read("records/benchmarks.toml"), "# ours\n");
}

#[test]
fn the_register_is_a_worksheet_and_a_csv_file_of_its_own() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let fx = campaign();
    fx.test(&[
        "report",
        "--view",
        "benchmark",
        "--format",
        "xlsx",
        "-o",
        "r.xlsx",
    ])
    .success();
    let mut book: Xlsx<_> = open_workbook(fx.join("r.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Benchmark", "Benchmark register"]);
    let range = book.worksheet_range("Benchmark register").unwrap();
    let row = |r: u32| -> Vec<String> {
        (0..9)
            .map(|c| match range.get((r as usize, c)) {
                Some(Data::String(s)) => s.clone(),
                _ => String::new(),
            })
            .collect()
    };
    let header = (0..range.height() as u32)
        .find(|r| row(*r)[0] == "org")
        .expect("a header row");
    assert_eq!(
        row(header + 2),
        [
            "North",
            "fails",
            "2023",
            "2024-01-15",
            "2024",
            "fail",
            "",
            "at-risk",
            "latest record 2024 fails"
        ]
    );
    fx.test(&[
        "--lang",
        "zh",
        "report",
        "--view",
        "benchmark",
        "--format",
        "xlsx",
        "-o",
        "zh.xlsx",
    ])
    .success();
    let book: Xlsx<_> = open_workbook(fx.join("zh.xlsx")).unwrap();
    assert_eq!(book.sheet_names()[1], "标杆命名台账");
    fx.test(&[
        "report",
        "--view",
        "benchmark",
        "--format",
        "csv",
        "-o",
        "out",
    ])
    .stdout_inspected()
    .success();
    let csv = fx.read("out/benchmark-register.csv");
    assert!(
        csv.starts_with(
            "org,branch,period,decided,latest period,latest status,latest band,state,why\n"
        ),
        "{csv}"
    );
    assert!(
        csv.contains("North,kept,2023,2024-01-15,2024,pass,B,kept,\n"),
        "{csv}"
    );
}

#[test]
fn a_named_record_that_is_invalid_is_said_so_and_one_outside_the_folder_checked_is_not_missing() {
    let fx = Fixture::empty()
        .file("checklist.toml", CHECKLIST)
        .file("north/kept/2023.toml", full("kept", "2023"))
        .file(
            "north/broken/2023.toml",
            full("broken", "2023").replace("\"1.1\" = 20", "\"1.1\" = 25"),
        )
        .file(
            "south/far/2023.toml",
            full("far", "2023").replace("North", "South"),
        )
        .file(
            "benchmarks.toml",
            format!("{}{}", entry("broken", ""), entry("elsewhere", "")),
        );
    let run = fx
        .test(&["check"])
        .stdout_inspected()
        .stderr_inspected()
        .status(2);
    assert!(
        run.stderr.contains("benchmarks.toml:1:1: error: North / broken is named a benchmark for 2023, but its record for 2023 is invalid: a benchmark's record must pass\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("benchmarks.toml:8:1: error: North / elsewhere is named a benchmark for 2023, but its record for 2023 is missing"),
        "{}",
        run.stderr
    );
    // Checking one subsidiary's folder: a named record not found may lie outside it.
    let run = fx
        .test(&["check", "south"])
        .stdout_inspected()
        .stderr_inspected()
        .success();
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, "1 record file checked: 0 errors, 0 warnings\n");
}

#[test]
fn org_keeps_that_org_s_entries_of_the_register() {
    let fx = campaign()
        .file(
            "south/s1/2023.toml",
            full("s1", "2023").replace("North", "South"),
        )
        .file("roster.toml", "");
    let mut register = fx.read("benchmarks.toml");
    register.push_str(&entry("s1", "").replace("North", "South"));
    let fx = fx.file("benchmarks.toml", register);
    let south: Benchmark = fx
        .test(&[
            "report",
            "--view",
            "benchmark",
            "--org",
            "South",
            "--format",
            "json",
        ])
        .stderr_inspected()
        .json(0);
    assert_eq!(
        south.named.unwrap(),
        [Named {
            org: "South".into(),
            ..named("s1", Some(("2023", "pass", Some("A"))), "kept")
        }]
    );
}

#[test]
fn at_a_git_revision_the_register_of_that_revision_is_judged() {
    let fx = campaign();
    let git = |args: &[&str]| crate::git::git(fx.path(), args);
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "january"]);
    // Since then the register was emptied in the working tree: the revision still names them.
    std::fs::write(fx.join("benchmarks.toml"), "# cleared\n").unwrap();
    fx.test(&["check", "--deny", "benchmark-at-risk"])
        .stdout_inspected()
        .stderr(INCOMPLETE_WARNING)
        .success();
    let run = fx
        .test(&[
            "check",
            "--at",
            "HEAD",
            "--deny",
            "benchmark-at-risk",
            "--format",
            "github",
        ])
        .stdout_inspected()
        .status(1);
    assert_eq!(
        run.stdout.matches("::error file=benchmarks.toml,").count(),
        5,
        "{}",
        run.stdout
    );
}

/// A folder inside the root holds some branches' records only: the register is judged on
/// the branches read, and the others are neither lapsed nor at risk for not being read.
#[test]
fn on_a_folder_only_the_branches_read_are_judged() {
    let fx = campaign();
    // The kept branch alone: the gate passes, the view lists it alone.
    let run = fx
        .test(&["check", "--deny", "benchmark-at-risk", "north/kept"])
        .stdout_inspected()
        .status(0);
    assert!(
        run.stdout.contains("no benchmark at risk"),
        "{}",
        run.stdout
    );
    let doc: serde_json::Value = fx
        .test(&[
            "report",
            "--view",
            "benchmark",
            "--format",
            "json",
            "north/kept",
        ])
        .json(0);
    let named = doc["named"].as_array().unwrap();
    assert_eq!(named.len(), 1, "{doc}");
    assert_eq!(named[0]["branch"], "kept");
    assert_eq!(named[0]["state"], "kept");
    // A failing branch read from its folder is still at risk.
    fx.test(&["check", "--deny", "benchmark-at-risk", "north/fails"])
        .stdout_inspected()
        .status(1);
}
