//! Pure: scored records (+ roster) → compliance rows (SPEC §6).
//!
//! The population of a group is the roster's branches expected in that period when a roster
//! exists, else the branches that have a record for it. passed + failed + incomplete +
//! missing (+ invalid, in a partial report) = population, and rate = passed / population,
//! held exactly.

use std::collections::{BTreeMap, BTreeSet};

use crate::points::Rate;
use crate::read::checklist::Checklist;
use crate::read::load::InvalidRecord;
use crate::read::roster::Roster;
use crate::score::{Scored, Status};

/// One group: a (period, org) pair, or a whole period (`org` is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplianceRow {
    pub period: String,
    pub org: Option<String>,
    pub population: u64,
    pub passed: u64,
    pub failed: u64,
    pub incomplete: u64,
    pub missing: u64,
    /// Branches whose record file is invalid (only in a partial report, `--partial`):
    /// neither scored nor counted as missing.
    pub invalid: u64,
    pub rate: Rate,
    pub target: Option<Rate>,
}

impl ComplianceRow {
    /// Whether the rate reaches the target (`None` without a target).
    pub fn met(&self) -> Option<bool> {
        self.target.map(|t| self.meets(t))
    }

    /// The rate as shown beside its target: rounded like every rate, with more decimals when
    /// a rate below the target would otherwise read as meeting it.
    pub fn rate_text(&self) -> String {
        self.target
            .map_or_else(|| self.rate.percent(), |t| self.rate.percent_below(t))
    }

    /// How many more passing branches the target needs (0 when met).
    pub fn shortfall(&self) -> Option<u64> {
        self.target.map(|t| self.shortfall_for(t))
    }

    /// Whether the rate reaches `min` (the target, or a CI gate's own minimum).
    pub fn meets(&self, min: Rate) -> bool {
        self.rate >= min
    }

    /// How many more passing branches reaching `min` needs (0 when it is reached).
    pub fn shortfall_for(&self, min: Rate) -> u64 {
        min.needed_of(self.population).saturating_sub(self.passed)
    }
}

#[derive(Default)]
struct Counts {
    passed: u64,
    failed: u64,
    incomplete: u64,
    missing: u64,
    invalid: u64,
}

impl Counts {
    fn add(&mut self, m: &Member<'_, '_>) {
        match (m.status(), m.invalid) {
            (Some(Status::Pass), _) => self.passed += 1,
            (Some(Status::Fail), _) => self.failed += 1,
            (Some(Status::Incomplete), _) => self.incomplete += 1,
            (None, Some(_)) => self.invalid += 1,
            (None, None) => self.missing += 1,
        }
    }

    fn population(&self) -> u64 {
        self.passed + self.failed + self.incomplete + self.missing + self.invalid
    }
}

/// One member of a period's population (SPEC §6) and its record, if it has one.
///
/// Everything that counts or lists branches against a target (the compliance rows, the
/// missing branches, the HTML report's attention list) reads these, so they cannot disagree
/// about who is in the population: a record of a branch the roster does not expect that
/// period is nobody's member.
#[derive(Clone, Copy, Debug)]
pub struct Member<'s, 'r> {
    pub period: &'s str,
    pub org: &'s str,
    pub branch: &'s str,
    /// `None`: a roster branch with no record for the period (`missing`), or with an
    /// invalid one (`invalid`).
    pub record: Option<&'s Scored<'r>>,
    /// The invalid record file of a branch without a valid record (partial reports only).
    pub invalid: Option<&'s str>,
}

impl Member<'_, '_> {
    /// The member's status; `None` when it has no record.
    pub fn status(&self) -> Option<Status> {
        self.record.map(|s| s.status)
    }
}

/// The population of each of `periods`: the roster's branches expected in the period when a
/// roster exists, else the branches that have a record for it. Sorted by (period, org,
/// branch). `orgs`, when given, restricts the roster population to those orgs (the records
/// are expected to be filtered the same way by the caller).
///
/// `invalid` are the invalid record files of a partial report (empty otherwise): a branch
/// with no valid record but an invalid one for the period is a member with `invalid` set,
/// never `missing`; without a roster such a branch is a member too.
pub fn members<'s, 'r>(
    roster: Option<&'s Roster>,
    scored: &'s [Scored<'r>],
    periods: &'s BTreeSet<String>,
    orgs: Option<&BTreeSet<String>>,
    invalid: &'s [InvalidRecord],
) -> Vec<Member<'s, 'r>> {
    let mut out = Vec::new();
    for period in periods.iter().map(String::as_str) {
        // (org, branch) → its record for this period
        let records: BTreeMap<(&str, &str), &Scored<'r>> = scored
            .iter()
            .filter(|s| s.record.period == period)
            .map(|s| ((s.record.org.as_str(), s.record.branch.as_str()), s))
            .collect();
        // (org, branch) → its invalid record file for this period (the first, by file)
        let mut broken: BTreeMap<(&str, &str), &str> = BTreeMap::new();
        for i in invalid {
            if let Some(who) = &i.who
                && who.period == period
                && !records.contains_key(&(who.org.as_str(), who.branch.as_str()))
                && orgs.is_none_or(|o| o.contains(&who.org))
            {
                broken
                    .entry((who.org.as_str(), who.branch.as_str()))
                    .or_insert(i.file.as_str());
            }
        }
        match roster {
            Some(roster) => {
                for b in roster.branches.iter().filter(|b| b.expected_in(period)) {
                    if orgs.is_some_and(|o| !o.contains(&b.org)) {
                        continue;
                    }
                    let key = (b.org.as_str(), b.branch.as_str());
                    out.push(Member {
                        period,
                        org: &b.org,
                        branch: &b.branch,
                        record: records.get(&key).copied(),
                        invalid: broken.get(&key).copied(),
                    });
                }
            }
            None => {
                out.extend(records.into_iter().map(|((org, branch), s)| Member {
                    period,
                    org,
                    branch,
                    record: Some(s),
                    invalid: None,
                }));
                out.extend(broken.into_iter().map(|((org, branch), file)| Member {
                    period,
                    org,
                    branch,
                    record: None,
                    invalid: Some(file),
                }));
            }
        }
    }
    out.sort_by_key(|m| (m.period, m.org, m.branch));
    out
}

/// Compliance rows of `members` (SPEC §6), sorted by period, then org, with each period's
/// overall row (org `None`) after its orgs.
pub fn compliance(checklist: &Checklist, members: &[Member<'_, '_>]) -> Vec<ComplianceRow> {
    let mut by_period: BTreeMap<&str, BTreeMap<&str, Counts>> = BTreeMap::new();
    for m in members {
        by_period
            .entry(m.period)
            .or_default()
            .entry(m.org)
            .or_default()
            .add(m);
    }
    let mut rows = Vec::new();
    for (period, by_org) in by_period {
        let target = checklist.compliance.for_period(period);
        let mut overall = Counts::default();
        for (org, c) in &by_org {
            overall.passed += c.passed;
            overall.failed += c.failed;
            overall.incomplete += c.incomplete;
            overall.missing += c.missing;
            overall.invalid += c.invalid;
            rows.extend(row(period, Some(org), c, target));
        }
        rows.extend(row(period, None, &overall, target));
    }
    rows
}

fn row(period: &str, org: Option<&str>, c: &Counts, target: Option<Rate>) -> Option<ComplianceRow> {
    let population = c.population();
    if population == 0 {
        return None;
    }
    Some(ComplianceRow {
        period: period.to_string(),
        org: org.map(str::to_string),
        population,
        passed: c.passed,
        failed: c.failed,
        incomplete: c.incomplete,
        missing: c.missing,
        invalid: c.invalid,
        rate: Rate::ratio(c.passed, population),
        target,
    })
}

#[cfg(test)]
mod tests {
    //! The figures `audit report` shows, computed from records read and scored the way the
    //! command does: the population with and without a roster, the rates as printed, and
    //! met / not met (with the shortfall) exactly at the target.

    use std::collections::BTreeSet;

    use super::*;
    use crate::diagnostic::SourceFile;
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
        let roster = Roster {
            branches: vec![
                branch("A", "a1", None),
                branch("A", "a2", None),
                // expected but without a record: missing
                branch("A", "a3", None),
                branch("B", "b1", None),
                // not expected before 2025: in no population of 2024
                branch("B", "b2", Some("2025")),
            ],
        };
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
        let roster = Roster {
            branches: vec![branch("A", "a1", None), branch("A", "a2", None)],
        };
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
}
