//! Pure: scored records (+ roster) → compliance rows (SPEC §6).
//!
//! The population of a group is the roster's branches expected in that period when a roster
//! exists, else the branches that have a record for it. passed + failed + incomplete +
//! missing = population, and rate = passed / population, held exactly.

use std::collections::{BTreeMap, BTreeSet};

use crate::checklist::Checklist;
use crate::points::Rate;
use crate::roster::Roster;
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
    pub rate: Rate,
    pub target: Option<Rate>,
}

impl ComplianceRow {
    /// Whether the rate reaches the target (`None` without a target).
    pub fn met(&self) -> Option<bool> {
        self.target.map(|t| self.rate >= t)
    }

    /// How many more passing branches the target needs (0 when met).
    pub fn shortfall(&self) -> Option<u64> {
        self.target
            .map(|t| t.needed_of(self.population).saturating_sub(self.passed))
    }
}

#[derive(Default)]
struct Counts {
    passed: u64,
    failed: u64,
    incomplete: u64,
    missing: u64,
}

impl Counts {
    fn add(&mut self, status: Option<Status>) {
        match status {
            Some(Status::Pass) => self.passed += 1,
            Some(Status::Fail) => self.failed += 1,
            Some(Status::Incomplete) => self.incomplete += 1,
            None => self.missing += 1,
        }
    }

    fn population(&self) -> u64 {
        self.passed + self.failed + self.incomplete + self.missing
    }
}

/// Compliance rows for `periods` (SPEC §6: the periods that have records), sorted by period,
/// then org, with each period's overall row (org `None`) after its orgs. `orgs`, when given,
/// restricts the roster population to those orgs (the records are expected to be filtered
/// the same way by the caller).
pub fn compliance(
    checklist: &Checklist,
    roster: Option<&Roster>,
    scored: &[Scored<'_>],
    periods: &BTreeSet<String>,
    orgs: Option<&BTreeSet<String>>,
) -> Vec<ComplianceRow> {
    let mut rows = Vec::new();
    for period in periods.iter().map(String::as_str) {
        // (org, branch) → status of its record for this period
        let records: BTreeMap<(&str, &str), Status> = scored
            .iter()
            .filter(|s| s.record.period == period)
            .map(|s| ((s.record.org.as_str(), s.record.branch.as_str()), s.status))
            .collect();
        let mut by_org: BTreeMap<&str, Counts> = BTreeMap::new();
        match roster {
            Some(roster) => {
                for b in roster.branches.iter().filter(|b| b.expected_in(period)) {
                    if orgs.is_some_and(|o| !o.contains(&b.org)) {
                        continue;
                    }
                    let status = records.get(&(b.org.as_str(), b.branch.as_str())).copied();
                    by_org.entry(&b.org).or_default().add(status);
                }
            }
            None => {
                for ((org, _), status) in &records {
                    by_org.entry(org).or_default().add(Some(*status));
                }
            }
        }
        let target = checklist.compliance.for_period(period);
        let mut overall = Counts::default();
        for (org, c) in &by_org {
            overall.passed += c.passed;
            overall.failed += c.failed;
            overall.incomplete += c.incomplete;
            overall.missing += c.missing;
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
        rate: Rate::ratio(c.passed, population),
        target,
    })
}

/// The roster branches expected in `periods` that have no record: the `missing` of the
/// compliance rows, by name. Sorted by (period, org, branch).
pub fn missing_branches(
    roster: Option<&Roster>,
    scored: &[Scored<'_>],
    periods: &BTreeSet<String>,
    orgs: Option<&BTreeSet<String>>,
) -> Vec<(String, String, String)> {
    let Some(roster) = roster else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for period in periods {
        for b in roster.branches.iter().filter(|b| b.expected_in(period)) {
            if orgs.is_some_and(|o| !o.contains(&b.org)) {
                continue;
            }
            let has = scored.iter().any(|s| {
                &s.record.period == period && s.record.org == b.org && s.record.branch == b.branch
            });
            if !has {
                out.push((period.clone(), b.org.clone(), b.branch.clone()));
            }
        }
    }
    out.sort();
    out
}
