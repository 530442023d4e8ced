//! The figures `audit report` shows, computed from records read and scored the way the
//! command does: the population with and without a roster, the rates as printed, and
//! met / not met (with the shortfall) exactly at the target.

use std::collections::BTreeSet;

use super::*;
use crate::diagnostic::SourceFile;
use crate::read::checklist::Checklist;
use crate::read::record::{Identity, Record};
use crate::read::roster::RosterBranch;
use crate::score::{LevelChoice, score};

/// Two points of 5; a record passes with 6, fails below, and is incomplete when a point
/// has no value. The default target is 75%; 2023's is 66.67%.
const CHECKLIST: &str = r#"title = "Test checklist"

[pass]
min_total = 6

[compliance]
target = "75%"
[compliance.targets]
"2023" = "66.67%"

[[items]]
id = "1"
title = "Only item"

[[items.points]]
id = "1.1"
title = "First"
max = 5

[[items.points]]
id = "1.2"
title = "Second"
max = 5
"#;

fn checklist() -> Checklist {
    Checklist::parse(SourceFile::new("checklist.toml", CHECKLIST)).expect("a valid checklist")
}

/// A record of (org, branch, period) whose status is `status`.
fn record(checklist: &Checklist, who: (&str, &str, &str), status: Status) -> Record {
    let (org, branch, period) = who;
    let points = match status {
        Status::Pass => "\"1.1\" = 5\n\"1.2\" = 5\n",
        Status::Fail => "\"1.1\" = 1\n\"1.2\" = 1\n",
        Status::Incomplete => "\"1.1\" = 5\n",
    };
    let text = format!(
        "org = \"{org}\"\nbranch = \"{branch}\"\nperiod = \"{period}\"\n\n[acceptance]\n{points}"
    );
    let file = format!("{org}/{branch}/{period}.toml");
    let (record, diagnostics) = Record::parse(SourceFile::new(file, text), checklist, None);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    record.expect("a valid record")
}

fn branch(org: &str, branch: &str, from: Option<&str>) -> RosterBranch {
    RosterBranch {
        org: org.into(),
        branch: branch.into(),
        from: from.map(Into::into),
        until: None,
    }
}

/// The rows of `records` as `audit report` computes them (every record's period).
fn rows(
    checklist: &Checklist,
    records: &[Record],
    roster: Option<&Roster>,
    invalid: &[InvalidRecord],
) -> Vec<ComplianceRow> {
    let scored: Vec<Scored<'_>> = records
        .iter()
        .map(|r| score(checklist, r, LevelChoice::Effective))
        .collect();
    let mut periods: BTreeSet<String> = records.iter().map(|r| r.period.clone()).collect();
    periods.extend(
        invalid
            .iter()
            .filter_map(|i| i.who.as_ref())
            .map(|w| w.period.clone()),
    );
    let members = members(roster, &scored, &periods, None, invalid);
    compliance(checklist, &members)
}

/// (org, population, passed, failed, incomplete, missing, invalid, rate as shown, met,
/// shortfall): a row as the compliance table reads.
type Shown<'a> = (
    Option<&'a str>,
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    &'a str,
    Option<bool>,
    Option<u64>,
);

fn assert_rows(rows: &[ComplianceRow], period: &str, expected: &[Shown<'_>]) {
    assert!(rows.iter().all(|r| r.period == period));
    let texts: Vec<String> = rows.iter().map(ComplianceRow::rate_text).collect();
    let got: Vec<Shown<'_>> = rows
        .iter()
        .zip(&texts)
        .map(|(row, text)| shown(row, text))
        .collect();
    assert_eq!(got, expected);
    for r in rows {
        assert_eq!(
            r.passed + r.failed + r.incomplete + r.missing + r.invalid,
            r.population
        );
    }
}

fn shown<'a>(row: &'a ComplianceRow, rate_text: &'a str) -> Shown<'a> {
    (
        row.org.as_deref(),
        row.population,
        row.passed,
        row.failed,
        row.incomplete,
        row.missing,
        row.invalid,
        rate_text,
        row.met(),
        row.shortfall(),
    )
}

#[test]
fn without_a_roster_the_population_is_the_branches_with_a_record() {
    let c = checklist();
    let records = [
        record(&c, ("A", "a1", "2024"), Status::Pass),
        record(&c, ("A", "a2", "2024"), Status::Fail),
        record(&c, ("A", "a3", "2024"), Status::Incomplete),
        record(&c, ("B", "b1", "2024"), Status::Pass),
    ];
    let rows = rows(&c, &records, None, &[]);
    assert_rows(
        &rows,
        "2024",
        &[
            // 1 of 3 against 75%: ⌈2.25⌉ = 3 passing needed, 2 more.
            (Some("A"), 3, 1, 1, 1, 0, 0, "33.33%", Some(false), Some(2)),
            (Some("B"), 1, 1, 0, 0, 0, 0, "100%", Some(true), Some(0)),
            // The period's overall row comes after its orgs: 2 of 4, 1 more needed.
            (None, 4, 2, 1, 1, 0, 0, "50%", Some(false), Some(1)),
        ],
    );
    assert_eq!(rows[2].rate, Rate::ratio(1, 2));
    assert_eq!(rows[2].target, Some(Rate::ratio(3, 4)));
}

#[test]
fn with_a_roster_the_population_is_the_branches_it_expects() {
    let c = checklist();
    let roster = Roster::new(vec![
        branch("A", "a1", None),
        branch("A", "a2", None),
        // expected but without a record: missing
        branch("A", "a3", None),
        branch("B", "b1", None),
        // not expected before 2025: in no population of 2024
        branch("B", "b2", Some("2025")),
    ]);
    let records = [
        record(&c, ("A", "a1", "2024"), Status::Pass),
        record(&c, ("A", "a2", "2024"), Status::Pass),
        record(&c, ("B", "b1", "2024"), Status::Fail),
        // a record of a branch the roster does not expect is nobody's member
        record(&c, ("C", "c1", "2024"), Status::Pass),
    ];
    let rows = rows(&c, &records, Some(&roster), &[]);
    assert_rows(
        &rows,
        "2024",
        &[
            (Some("A"), 3, 2, 0, 0, 1, 0, "66.67%", Some(false), Some(1)),
            (Some("B"), 1, 0, 1, 0, 0, 0, "0%", Some(false), Some(1)),
            (None, 4, 2, 1, 0, 1, 0, "50%", Some(false), Some(1)),
        ],
    );
}

#[test]
fn an_invalid_record_of_a_partial_report_counts_as_invalid_not_missing() {
    let c = checklist();
    let roster = Roster::new(vec![branch("A", "a1", None), branch("A", "a2", None)]);
    let records = [record(&c, ("A", "a1", "2024"), Status::Pass)];
    let invalid = [InvalidRecord {
        file: "A/a2/2024.toml".into(),
        who: Some(Identity {
            org: "A".into(),
            branch: "a2".into(),
            period: "2024".into(),
        }),
    }];
    let rows = rows(&c, &records, Some(&roster), &invalid);
    assert_rows(
        &rows,
        "2024",
        &[
            (Some("A"), 2, 1, 0, 0, 0, 1, "50%", Some(false), Some(1)),
            (None, 2, 1, 0, 0, 0, 1, "50%", Some(false), Some(1)),
        ],
    );
}

#[test]
fn a_rate_exactly_at_the_target_meets_it() {
    let c = checklist();
    let records = [
        record(&c, ("A", "a1", "2024"), Status::Pass),
        record(&c, ("A", "a2", "2024"), Status::Pass),
        record(&c, ("A", "a3", "2024"), Status::Pass),
        record(&c, ("A", "a4", "2024"), Status::Fail),
    ];
    let rows = rows(&c, &records, None, &[]);
    // 3 of 4 is 75%, the target itself: met, nothing short.
    assert_rows(
        &rows,
        "2024",
        &[
            (Some("A"), 4, 3, 1, 0, 0, 0, "75%", Some(true), Some(0)),
            (None, 4, 3, 1, 0, 0, 0, "75%", Some(true), Some(0)),
        ],
    );
    assert!(rows[0].meets(Rate::ratio(3, 4)));
    assert!(!rows[0].meets(Rate::parse("75.0001%").unwrap()));
    assert_eq!(rows[0].shortfall_for(Rate::parse("75.0001%").unwrap()), 1);
}

#[test]
fn a_rate_just_below_the_target_is_not_met_and_does_not_read_as_met() {
    let c = checklist();
    let records = [
        record(&c, ("A", "a1", "2023"), Status::Pass),
        record(&c, ("A", "a2", "2023"), Status::Pass),
        record(&c, ("A", "a3", "2023"), Status::Fail),
    ];
    let rows = rows(&c, &records, None, &[]);
    // 2 of 3 is 66.666…%, below 2023's 66.67%: rounded to 66.67% it would read as met,
    // so it is shown with the decimals that show it below.
    assert_rows(
        &rows,
        "2023",
        &[
            (Some("A"), 3, 2, 1, 0, 0, 0, "66.667%", Some(false), Some(1)),
            (None, 3, 2, 1, 0, 0, 0, "66.667%", Some(false), Some(1)),
        ],
    );
    assert_eq!(rows[0].rate.percent(), "66.67%");
}

#[test]
fn a_period_without_a_target_is_neither_met_nor_short() {
    let c = Checklist::parse(SourceFile::new(
        "checklist.toml",
        CHECKLIST.replace("target = \"75%\"\n", ""),
    ))
    .expect("a valid checklist");
    let records = [record(&c, ("A", "a1", "2024"), Status::Fail)];
    let rows = rows(&c, &records, None, &[]);
    assert_rows(
        &rows,
        "2024",
        &[
            (Some("A"), 1, 0, 1, 0, 0, 0, "0%", None, None),
            (None, 1, 0, 1, 0, 0, 0, "0%", None, None),
        ],
    );
}
