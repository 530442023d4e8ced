//! The pure core through the library's public API, without the binary: scoring a record
//! (`audit::score`) and compliance over a population (`audit::aggregate::compliance`), at the
//! edges where a rounding or a `>` instead of `>=` would change a verdict. Every assertion is
//! on a figure or sentence a user sees (the JSON and table columns, the reasons).

use std::collections::BTreeSet;

use audit::aggregate::compliance::{ComplianceRow, compliance, members};
use audit::diagnostic::SourceFile;
use audit::read::checklist::Checklist;
use audit::read::record::Record;
use audit::read::roster::Roster;
use audit::score::{LevelChoice, Scored, Status, score};

/// 100 points in two points of 50; a pass needs 90 points and 90 % satisfaction; bonus capped
/// at 3; one veto; a 2023 compliance target of 60 % and 50 % otherwise.
const EDGES: &str = r#"title = "Edges"
bonus_cap = 3

[pass]
min_total = 90
min_satisfaction = "90%"

[compliance]
target = "50%"
[compliance.targets]
"2023" = "60%"

[[bands]]
name = "good"
min_total = 90

[[items]]
id = "1"
title = "All"

[[items.points]]
id = "1.1"
title = "First"
max = 50

[[items.points]]
id = "1.2"
title = "Second"
max = 50

[[vetoes]]
id = "V1"
title = "Heavy discipline"

[[bonus]]
id = "B1"
title = "Honours"
max = 2
[[bonus]]
id = "B2"
title = "Brand"
max = 2
"#;

fn checklist() -> Checklist {
    Checklist::parse(SourceFile::new("checklist.toml", EDGES))
        .unwrap_or_else(|d| panic!("the test checklist is invalid: {d:?}"))
}

/// A record of branch `branch` in `period`: a survey of `satisfied` of `surveyed` and the
/// acceptance lines `acceptance` (plus any other tables after them).
fn record_of(
    checklist: &Checklist,
    branch: &str,
    period: &str,
    satisfied: u32,
    surveyed: u32,
    acceptance: &str,
) -> Record {
    let text = format!(
        "org = \"A\"\nbranch = \"{branch}\"\nperiod = \"{period}\"\n\n\
         [satisfaction]\nsurveyed = {surveyed}\nsatisfied = {satisfied}\n\n\
         [acceptance]\n{acceptance}"
    );
    let file = SourceFile::new(format!("a/{branch}/{period}.toml"), text);
    let (record, diagnostics) = Record::parse(file, checklist, None);
    assert!(
        diagnostics.is_empty(),
        "the test record is invalid: {diagnostics:?}"
    );
    record.expect("a record")
}

/// The reasons in English, as the JSON and the English interface show them. (The one place
/// this file reads the reasons' representation.)
fn reasons(s: &Scored<'_>) -> Vec<String> {
    s.reasons.iter().map(|r| r.text().en()).collect()
}

/// base, bonus and total as the JSON shows them, the status, the band and the reasons.
fn verdict(s: &Scored<'_>) -> (String, String, String, Status, Option<String>, Vec<String>) {
    (
        s.base.to_string(),
        s.bonus.to_string(),
        s.total.to_string(),
        s.status,
        s.band.map(str::to_string),
        reasons(s),
    )
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn exactly_90_points_and_90_percent_satisfaction_pass() {
    let c = checklist();
    let r = record_of(&c, "b", "2024", 9, 10, "\"1.1\" = 40\n\"1.2\" = 50\n");
    let s = score(&c, &r, LevelChoice::Effective);
    assert_eq!(
        verdict(&s),
        (
            "90".into(),
            "0".into(),
            "90".into(),
            Status::Pass,
            Some("good".into()),
            vec![]
        )
    );
    assert_eq!(s.satisfaction.map(|r| r.percent()).as_deref(), Some("90%"));
    assert_eq!(s.total.fixed(), "90.00");
}

#[test]
fn a_total_of_89_99_fails_and_says_so() {
    let c = checklist();
    let r = record_of(&c, "b", "2024", 10, 10, "\"1.1\" = 39.99\n\"1.2\" = 50\n");
    let s = score(&c, &r, LevelChoice::Effective);
    assert_eq!(
        verdict(&s),
        (
            "89.99".into(),
            "0".into(),
            "89.99".into(),
            Status::Fail,
            None,
            strings(&["total 89.99 is below 90"])
        )
    );
}

#[test]
fn a_satisfaction_of_89_99_percent_fails_and_is_not_shown_as_90() {
    let c = checklist();
    let r = record_of(&c, "b", "2024", 8999, 10000, "\"1.1\" = 50\n\"1.2\" = 50\n");
    let s = score(&c, &r, LevelChoice::Effective);
    assert_eq!(s.status, Status::Fail);
    assert_eq!(reasons(&s), ["satisfaction 89.99% is below 90%"]);
    // 8999 of 10000 rounds to 89.99%, never 90%; one just below 89.995% …
    let r = record_of(
        &c,
        "b",
        "2024",
        17999,
        20000,
        "\"1.1\" = 50\n\"1.2\" = 50\n",
    );
    let s = score(&c, &r, LevelChoice::Effective);
    assert_eq!(s.status, Status::Fail);
    // … shows the decimals that make it fall short, where rounding to two would read 90%.
    assert_eq!(reasons(&s), ["satisfaction 89.995% is below 90%"]);
}

#[test]
fn a_bonus_counts_up_to_its_cap_and_can_lift_a_total_over_the_line() {
    let c = checklist();
    let r = record_of(
        &c,
        "b",
        "2024",
        9,
        10,
        "\"1.1\" = 38\n\"1.2\" = 50\n\n[bonus]\nB1 = 2\nB2 = 2\n",
    );
    let s = score(&c, &r, LevelChoice::Effective);
    // 88 + min(2 + 2, 3) = 91.
    assert_eq!(
        verdict(&s),
        (
            "88".into(),
            "3".into(),
            "91".into(),
            Status::Pass,
            Some("good".into()),
            vec![]
        )
    );
    assert_eq!(s.raw_bonus.to_string(), "4");
}

#[test]
fn a_triggered_veto_fails_full_marks() {
    let c = checklist();
    let r = record_of(
        &c,
        "b",
        "2024",
        10,
        10,
        "\"1.1\" = 50\n\"1.2\" = 50\n\n[vetoes]\nV1 = true\n",
    );
    let s = score(&c, &r, LevelChoice::Effective);
    assert_eq!(
        verdict(&s),
        (
            "100".into(),
            "0".into(),
            "100".into(),
            Status::Fail,
            None,
            strings(&["veto V1: Heavy discipline"])
        )
    );
    assert_eq!(s.vetoes, ["V1"]);
}

#[test]
fn a_missing_point_makes_the_record_incomplete_not_failing() {
    let c = checklist();
    let r = record_of(&c, "b", "2024", 10, 10, "\"1.1\" = 50\n");
    let s = score(&c, &r, LevelChoice::Effective);
    assert_eq!(s.status, Status::Incomplete);
    assert_eq!(s.missing, ["1.2"]);
    assert_eq!(reasons(&s), ["acceptance lacks 1.2"]);
    assert_eq!(s.band, None);
}

/// Three roster branches of org A, expected every period.
const ROSTER: &str = "[[branch]]\norg = \"A\"\nbranch = \"a1\"\n\n\
                      [[branch]]\norg = \"A\"\nbranch = \"a2\"\n\n\
                      [[branch]]\norg = \"A\"\nbranch = \"a3\"\n";

/// period, org, population, passed, failed, incomplete, missing, the rate as shown beside
/// its target, met, shortfall.
type Figures = (
    String,
    Option<String>,
    u64,
    u64,
    u64,
    u64,
    u64,
    String,
    Option<bool>,
    Option<u64>,
);

fn figures(rows: &[ComplianceRow]) -> Vec<Figures> {
    rows.iter()
        .map(|r| {
            (
                r.period.clone(),
                r.org.clone(),
                r.population,
                r.passed,
                r.failed,
                r.incomplete,
                r.missing,
                r.rate_text(),
                r.met(),
                r.shortfall(),
            )
        })
        .collect()
}

const FULL: &str = "\"1.1\" = 50\n\"1.2\" = 50\n";
const LOW: &str = "\"1.1\" = 10\n\"1.2\" = 50\n";

#[test]
fn a_roster_makes_branches_without_a_record_missing_and_counts_them() {
    let c = checklist();
    let roster = Roster::parse(SourceFile::new("roster.toml", ROSTER)).unwrap();
    // 2024: a1 passes, a2 fails, a3 has no record.
    let records = [
        record_of(&c, "a1", "2024", 10, 10, FULL),
        record_of(&c, "a2", "2024", 10, 10, LOW),
    ];
    let scored: Vec<Scored<'_>> = records
        .iter()
        .map(|r| score(&c, r, LevelChoice::Effective))
        .collect();
    let periods: BTreeSet<String> = ["2024".to_string()].into();
    let all = members(Some(&roster), &scored, &periods, None, &[]);
    // 1 of 3 = 33.33 % against 50 %: 2 passing are needed, one more than now.
    let row = |org: Option<&str>| {
        (
            "2024".to_string(),
            org.map(str::to_string),
            3,
            1,
            1,
            0,
            1,
            "33.33%".to_string(),
            Some(false),
            Some(1),
        )
    };
    assert_eq!(figures(&compliance(&c, &all)), [row(Some("A")), row(None)]);

    // Without the roster the population is the records: 1 of 2 = 50 %, which meets 50 %.
    let all = members(None, &scored, &periods, None, &[]);
    let rows = compliance(&c, &all);
    assert_eq!(
        figures(&rows)[1],
        (
            "2024".into(),
            None,
            2,
            1,
            1,
            0,
            0,
            "50%".into(),
            Some(true),
            Some(0)
        )
    );
}

#[test]
fn a_rate_exactly_at_a_period_s_target_meets_it_and_just_below_does_not() {
    let c = checklist();
    // 2023's target is 60 %: 3 of 5 meets it exactly; 2 of 5 falls one branch short.
    let mut records = Vec::new();
    for (i, acceptance) in [FULL, FULL, FULL, LOW, LOW].iter().enumerate() {
        records.push(record_of(&c, &format!("x{i}"), "2023", 10, 10, acceptance));
    }
    for (i, acceptance) in [FULL, FULL, LOW, LOW, LOW].iter().enumerate() {
        records.push(record_of(&c, &format!("y{i}"), "2022", 10, 10, acceptance));
    }
    let scored: Vec<Scored<'_>> = records
        .iter()
        .map(|r| score(&c, r, LevelChoice::Effective))
        .collect();
    let periods: BTreeSet<String> = ["2022".to_string(), "2023".to_string()].into();
    let rows = compliance(&c, members(None, &scored, &periods, None, &[]));
    let overall: Vec<(String, String, Option<bool>, Option<u64>)> = rows
        .iter()
        .filter(|r| r.org.is_none())
        .map(|r| (r.period.clone(), r.rate_text(), r.met(), r.shortfall()))
        .collect();
    // 2022 falls back to the 50 % target: 2 of 5 = 40 % is below it, one branch short.
    assert_eq!(
        overall,
        [
            ("2022".into(), "40%".into(), Some(false), Some(1)),
            ("2023".into(), "60%".into(), Some(true), Some(0)),
        ]
    );
}
