//! Pure: two scored states of the records (two git revisions, or a revision and the working
//! tree) → what changed (SPEC §9). Records are matched by (org, branch, period), so a record
//! moved to another folder is the same record.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::aggregate::compliance::ComplianceRow;
use crate::aggregate::compliance::Graded;
use crate::points::{Points, Rate};
use crate::score::Status;

/// How a record changed. The JSON words are a stable contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    Added,
    Removed,
    /// Was not pass, is pass.
    NewlyPassing,
    /// Was pass, is not.
    NewlyFailing,
    /// Same status, another total or band.
    Changed,
    Unchanged,
}

impl Change {
    pub fn name(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::NewlyPassing => "newly-passing",
            Change::NewlyFailing => "newly-failing",
            Change::Changed => "changed",
            Change::Unchanged => "unchanged",
        }
    }
}

/// A record's outcome in one state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    pub total: Points,
    pub band: Option<String>,
    pub file: String,
}

#[derive(Clone, Debug)]
pub struct RecordChange {
    pub org: String,
    pub branch: String,
    pub period: String,
    pub change: Change,
    pub before: Option<Outcome>,
    pub after: Option<Outcome>,
}

/// A period's overall compliance rate before and after (None where the period is absent).
#[derive(Clone, Debug)]
pub struct PeriodRates {
    pub period: String,
    pub before: Option<Rate>,
    pub after: Option<Rate>,
}

impl PeriodRates {
    /// Whether the rate dropped (both states have the period and the rate is lower).
    pub fn dropped(&self) -> bool {
        matches!((self.before, self.after), (Some(b), Some(a)) if a < b)
    }
}

#[derive(Clone, Debug)]
pub struct Diff {
    /// Sorted by (org, branch, period); unchanged records only when asked for.
    pub changes: Vec<RecordChange>,
    pub compliance: Vec<PeriodRates>,
}

fn outcome(s: &impl Graded) -> Outcome {
    Outcome {
        status: s.status(),
        total: s.total(),
        band: s.band().map(str::to_string),
        file: s.file().to_string(),
    }
}

/// Compares two states. `all` keeps unchanged records too.
pub fn diff(
    before: &[impl Graded],
    after: &[impl Graded],
    before_rows: &[ComplianceRow],
    after_rows: &[ComplianceRow],
    all: bool,
) -> Diff {
    type Key = (String, String, String);
    fn index(list: &[impl Graded]) -> BTreeMap<Key, Outcome> {
        list.iter()
            .map(|s| {
                (
                    (
                        s.org().to_string(),
                        s.branch().to_string(),
                        s.period().to_string(),
                    ),
                    outcome(s),
                )
            })
            .collect()
    }
    let (b, a) = (index(before), index(after));
    let mut keys: Vec<&Key> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut changes = Vec::new();
    for key in keys {
        let (was, is) = (b.get(key), a.get(key));
        let change = match (was, is) {
            (None, Some(_)) => Change::Added,
            (Some(_), None) => Change::Removed,
            (Some(w), Some(i)) if w.status != Status::Pass && i.status == Status::Pass => {
                Change::NewlyPassing
            }
            (Some(w), Some(i)) if w.status == Status::Pass && i.status != Status::Pass => {
                Change::NewlyFailing
            }
            (Some(w), Some(i))
                if w.status == i.status && w.total == i.total && w.band == i.band =>
            {
                Change::Unchanged
            }
            (Some(_), Some(_)) => Change::Changed,
            (None, None) => continue,
        };
        if change == Change::Unchanged && !all {
            continue;
        }
        changes.push(RecordChange {
            org: key.0.clone(),
            branch: key.1.clone(),
            period: key.2.clone(),
            change,
            before: was.cloned(),
            after: is.cloned(),
        });
    }
    let overall = |rows: &[ComplianceRow]| -> BTreeMap<String, Rate> {
        rows.iter()
            .filter(|r| r.org.is_none())
            .map(|r| (r.period.clone(), r.rate))
            .collect()
    };
    let (rb, ra) = (overall(before_rows), overall(after_rows));
    let mut periods: Vec<&String> = rb.keys().chain(ra.keys()).collect();
    periods.sort();
    periods.dedup();
    let compliance = periods
        .into_iter()
        .map(|p| PeriodRates {
            period: p.clone(),
            before: rb.get(p).copied(),
            after: ra.get(p).copied(),
        })
        .collect();
    Diff {
        changes,
        compliance,
    }
}
