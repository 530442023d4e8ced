//! Pure: scored records (+ roster) → compliance rows (SPEC §6).
//!
//! The population of a group is the roster's branches expected in that period when a roster
//! exists, else the branches that have a record for it. passed + failed + incomplete +
//! missing (+ invalid, in a partial report) = population, and rate = passed / population,
//! held exactly.

use crate::aggregate::progress::Stage;
use std::collections::{BTreeMap, BTreeSet};

use crate::points::Points;
use crate::points::Rate;
use crate::read::checklist::Checklists;
use crate::read::load::InvalidRecord;
use crate::read::record::{Kept, Lean, Record};
use crate::read::roster::Roster;
use crate::score::{self, Detail, LevelChoice, Reason};
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
    fn add<J: Judged>(&mut self, m: &Member<'_, J>) {
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

/// A record as compliance counts it: whose it is, and its status.
pub trait Judged: Kept {
    fn status(&self) -> Status;
    /// How far the record has come, for the progress view (SPEC §12.2).
    fn stage(&self) -> Stage;
}

/// A record as check's gates and the diff of two revisions judge it: also its total and
/// band, and why it fails or is incomplete.
pub trait Graded: Judged {
    fn total(&self) -> Points;
    fn band(&self) -> Option<&str>;
    fn reasons(&self) -> &[Reason];
}

/// A record as the benchmark view ranks it: also its satisfaction.
pub trait Ranked: Graded {
    fn satisfaction(&self) -> Option<Rate>;
}

impl Judged for Scored<'_> {
    fn status(&self) -> Status {
        self.status
    }
    fn stage(&self) -> Stage {
        Stage::of(self.record)
    }
}

impl Graded for Scored<'_> {
    fn total(&self) -> Points {
        self.total
    }
    fn band(&self) -> Option<&str> {
        self.band
    }
    fn reasons(&self) -> &[Reason] {
        &self.reasons
    }
}

/// A record judged as it was read, and nothing else of it kept but its status: what a
/// report of compliance holds per record, so that a million records fit in little memory.
#[derive(Clone, Debug)]
pub struct Verdict {
    pub record: Lean,
    pub status: Status,
    pub stage: Stage,
}

impl Verdict {
    /// Scores `record` at its effective level by its own checklist (SPEC §11.11) and keeps
    /// its status and a lean copy of the record.
    pub fn of(checklists: Checklists<'_>, record: Record) -> Verdict {
        let status = score_effective(checklists, &record).status;
        Verdict {
            stage: Stage::of(&record),
            record: record.lean(),
            status,
        }
    }
}

/// A [`Verdict`] with what check's gates, their ratchet and the benchmark view also say:
/// the total, the band, the satisfaction and the reasons (none for a record that passes:
/// most of them).
#[derive(Clone, Debug)]
pub struct Judgement {
    pub record: Lean,
    pub status: Status,
    pub total: Points,
    pub band: Option<Box<str>>,
    pub satisfaction: Option<Rate>,
    pub reasons: Box<[Reason]>,
    pub stage: Stage,
}

impl Judgement {
    /// Scores `record` as [`Verdict::of`] does, keeping what the gates need.
    pub fn of(checklists: Checklists<'_>, record: Record) -> Judgement {
        let scored = score_effective(checklists, &record);
        let (status, total, satisfaction) = (scored.status, scored.total, scored.satisfaction);
        let band = scored.band.map(Box::from);
        let reasons = scored.reasons.into_boxed_slice();
        let stage = Stage::of(&record);
        Judgement {
            stage,
            record: record.lean(),
            status,
            total,
            band,
            satisfaction,
            reasons,
        }
    }
}

fn score_effective<'r>(checklists: Checklists<'r>, record: &'r Record) -> Scored<'r> {
    score::score_with(
        checklists.for_record(record),
        record,
        LevelChoice::Effective,
        Detail::Items,
    )
}

// A scored record, a verdict and a judgement are their record as far as `Kept` goes.
macro_rules! kept_as_their_record {
    ($($t:ty),*) => {$(
        impl Kept for $t {
            fn file(&self) -> &str {
                self.record.file()
            }
            fn org(&self) -> &str {
                self.record.org()
            }
            fn branch(&self) -> &str {
                self.record.branch()
            }
            fn period(&self) -> &str {
                self.record.period()
            }
            fn incomplete(&self) -> &[crate::diagnostic::Diagnostic] {
                self.record.incomplete()
            }
            fn at_period(
                &self,
                severity: crate::diagnostic::Severity,
                message: crate::i18n::Text,
            ) -> crate::diagnostic::Diagnostic {
                self.record.at_period(severity, message)
            }
        }
    )*};
}
kept_as_their_record!(Scored<'_>, Verdict, Judgement);

impl Judged for Verdict {
    fn status(&self) -> Status {
        self.status
    }
    fn stage(&self) -> Stage {
        self.stage
    }
}

impl Judged for Judgement {
    fn status(&self) -> Status {
        self.status
    }
    fn stage(&self) -> Stage {
        self.stage
    }
}

impl Graded for Judgement {
    fn total(&self) -> Points {
        self.total
    }
    fn band(&self) -> Option<&str> {
        self.band.as_deref()
    }
    fn reasons(&self) -> &[Reason] {
        &self.reasons
    }
}

impl<J: Judged + Sync> Judged for &J {
    fn status(&self) -> Status {
        (*self).status()
    }
    fn stage(&self) -> Stage {
        (*self).stage()
    }
}

impl Ranked for Scored<'_> {
    fn satisfaction(&self) -> Option<Rate> {
        self.satisfaction
    }
}

impl Ranked for Judgement {
    fn satisfaction(&self) -> Option<Rate> {
        self.satisfaction
    }
}

impl<J: Ranked + Sync> Ranked for &J {
    fn satisfaction(&self) -> Option<Rate> {
        (*self).satisfaction()
    }
}

impl<J: Graded + Sync> Graded for &J {
    fn total(&self) -> Points {
        (*self).total()
    }
    fn band(&self) -> Option<&str> {
        (*self).band()
    }
    fn reasons(&self) -> &[Reason] {
        (*self).reasons()
    }
}

/// One member of a period's population (SPEC §6) and its record, if it has one.
///
/// Everything that counts or lists branches against a target (the compliance rows, the
/// missing branches, the HTML report's attention list) reads these, so they cannot disagree
/// about who is in the population: a record of a branch the roster does not expect that
/// period is nobody's member.
#[derive(Debug)]
pub struct Member<'s, J> {
    pub period: &'s str,
    pub org: &'s str,
    pub branch: &'s str,
    /// `None`: a roster branch with no record for the period (`missing`), or with an
    /// invalid one (`invalid`).
    pub record: Option<&'s J>,
    /// The invalid record file of a branch without a valid record (partial reports only).
    pub invalid: Option<&'s str>,
}

impl<J: Judged> Member<'_, J> {
    /// The member's status; `None` when it has no record.
    pub fn status(&self) -> Option<Status> {
        self.record.map(J::status)
    }
}

// By hand: derived, they would ask `J: Clone`, though only a reference is copied.
impl<J> Clone for Member<'_, J> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<J> Copy for Member<'_, J> {}

/// The population of each of `periods`: the roster's branches expected in the period when a
/// roster exists, else the branches that have a record for it. Sorted by (period, org,
/// branch). `orgs`, when given, restricts the roster population to those orgs (the records
/// are expected to be filtered the same way by the caller).
///
/// `invalid` are the invalid record files of a partial report (empty otherwise): a branch
/// with no valid record but an invalid one for the period is a member with `invalid` set,
/// never `missing`; without a roster such a branch is a member too.
pub fn members<'s, J: Judged>(
    roster: Option<&'s Roster>,
    scored: &'s [J],
    periods: &'s BTreeSet<String>,
    orgs: Option<&'s BTreeSet<String>>,
    invalid: &'s [InvalidRecord],
) -> Vec<Member<'s, J>> {
    members_by_period(roster, scored, periods, orgs, invalid)
        .flatten()
        .collect()
}

/// The members of [`members`], one period at a time (in period order, each sorted by org
/// and branch): what counts them needs only one period's in memory.
pub fn members_by_period<'s, J: Judged>(
    roster: Option<&'s Roster>,
    scored: &'s [J],
    periods: &'s BTreeSet<String>,
    orgs: Option<&'s BTreeSet<String>>,
    invalid: &'s [InvalidRecord],
) -> impl Iterator<Item = Vec<Member<'s, J>>> + 's {
    periods
        .iter()
        .map(move |period| period_members(roster, scored, period, orgs, invalid))
}

fn period_members<'s, J: Judged>(
    roster: Option<&'s Roster>,
    scored: &'s [J],
    period: &'s str,
    orgs: Option<&'s BTreeSet<String>>,
    invalid: &'s [InvalidRecord],
) -> Vec<Member<'s, J>> {
    // Its records by (org, branch), found by binary search: a list of references, where a
    // map took several times the memory (records come sorted, so the sort is a check).
    let mut records: Vec<&J> = scored.iter().filter(|s| s.period() == period).collect();
    records.sort_by(|a, b| (a.org(), a.branch()).cmp(&(b.org(), b.branch())));
    let record = |key: (&str, &str)| -> Option<&'s J> {
        let at = records.partition_point(|s| (s.org(), s.branch()) < key);
        records
            .get(at)
            .copied()
            .filter(|s| (s.org(), s.branch()) == key)
    };
    // (org, branch) → its invalid record file for this period (the first, by file)
    let mut broken: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for i in invalid {
        if let Some(who) = &i.who
            && who.period == period
            && record((who.org.as_str(), who.branch.as_str())).is_none()
            && orgs.is_none_or(|o| o.contains(&who.org))
        {
            broken
                .entry((who.org.as_str(), who.branch.as_str()))
                .or_insert(i.file.as_str());
        }
    }
    let mut out = Vec::new();
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
                    record: record(key),
                    invalid: broken.get(&key).copied(),
                });
            }
        }
        None => {
            out.extend(records.iter().map(|s| Member {
                period,
                org: s.org(),
                branch: s.branch(),
                record: Some(*s),
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
    out.sort_by_key(|m| (m.org, m.branch));
    out
}

/// `members` counted into a `T` per period and org, both in order: what the compliance and
/// progress rows are made of.
pub fn per_period_and_org<'s, J: 's, M: std::borrow::Borrow<Member<'s, J>>, T: Default>(
    members: impl IntoIterator<Item = M>,
    add: impl Fn(&mut T, &Member<'s, J>),
) -> BTreeMap<&'s str, BTreeMap<&'s str, T>> {
    let mut by_period: BTreeMap<&str, BTreeMap<&str, T>> = BTreeMap::new();
    for m in members {
        let m: &Member<'s, J> = m.borrow();
        add(
            by_period
                .entry(m.period)
                .or_default()
                .entry(m.org)
                .or_default(),
            m,
        );
    }
    by_period
}

/// Compliance rows of `members` (SPEC §6), sorted by period, then org, with each period's
/// overall row (org `None`) after its orgs.
/// Each period's target comes from the checklist covering it (SPEC §11.11).
pub fn compliance<'c, 's, J: Judged + 's, M: std::borrow::Borrow<Member<'s, J>>>(
    checklists: impl Into<Checklists<'c>>,
    members: impl IntoIterator<Item = M>,
) -> Vec<ComplianceRow> {
    let checklists = checklists.into();
    let by_period = per_period_and_org(members, Counts::add);
    let mut rows = Vec::new();
    for (period, by_org) in by_period {
        let target = checklists
            .for_period(period)
            .and_then(|c| c.compliance.for_period(period));
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
mod tests;
