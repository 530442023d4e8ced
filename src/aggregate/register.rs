//! Pure: the benchmark register (SPEC §12.4) judged against the records — whether each
//! named branch's record earned the title (`check`'s validation), and each entry's state
//! now (`report --view benchmark`, the `benchmark-at-risk` gate). Nothing is read or printed.
//!
//! Records come sorted by (org, branch, period), byte-wise, as `read::load` gives them, so
//! an entry's records are found by binary search and its latest is the last of them.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::aggregate::compliance::{Graded, Judged};
use crate::aggregate::gates::{GateResult, Place};
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::{Text, Word};
use crate::read::checklist::Checklists;
use crate::read::load::InvalidRecord;
use crate::read::record::Kept;
use crate::read::register::{Named, Register};
use crate::read::roster::Roster;
use crate::score::{Reason, Status};

/// Whether `r` is a record of a branch the register names (the records its states need).
pub fn of_named<R: Kept>(register: &Register, r: &R) -> bool {
    register
        .named
        .iter()
        .any(|n| n.org == r.org() && n.branch == r.branch())
}

/// The records of (org, branch) in `records` (sorted as `read::load` sorts them).
fn records_of<'r, J: Judged>(records: &'r [&'r J], org: &str, branch: &str) -> &'r [&'r J] {
    let start = records.partition_point(|r| (r.org(), r.branch()) < (org, branch));
    let end = records.partition_point(|r| (r.org(), r.branch()) <= (org, branch));
    &records[start..end]
}

/// `check`'s validation: an error at each entry whose record for its period did not pass,
/// naming that record's status: `invalid` when its file is among `invalid` (its own errors
/// say why), `missing` when there is none. `whole` says the records are the whole root's:
/// when only part of it was read, a record not found may simply lie outside, so nothing is
/// said of it.
pub fn unearned<J: Judged>(
    register: &Register,
    records: &[&J],
    invalid: &[InvalidRecord],
    whole: bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for n in &register.named {
        let mine = records_of(records, &n.org, &n.branch);
        let status = mine
            .iter()
            .find(|r| r.period() == n.period)
            .map(|r| r.status());
        let broken = || {
            invalid.iter().any(|i| {
                i.who.as_ref().is_some_and(|w| {
                    (w.org.as_str(), w.branch.as_str(), w.period.as_str()) == n.key()
                })
            })
        };
        let status = match status {
            Some(Status::Pass) => continue,
            Some(s) => s.name(),
            None if broken() => "invalid",
            None if whole => "missing",
            None => continue,
        };
        out.push(register.at(
            n,
            Severity::Error,
            crate::problem!(NamedBenchmarkDidNotPass {
                org: n.org.as_str(),
                branch: n.branch.as_str(),
                period: n.period.as_str(),
                status: Word(status)
            }),
        ));
    }
    out
}

/// A named branch's state, the first that applies (SPEC §12.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    // In the order the HTML report lists them: at risk first.
    AtRisk,
    Lapsed,
    Kept,
    Revoked,
}

impl State {
    /// The state as JSON spells it (and people read it, translated as a word).
    pub fn name(self) -> &'static str {
        match self {
            State::AtRisk => "at-risk",
            State::Lapsed => "lapsed",
            State::Kept => "kept",
            State::Revoked => "revoked",
        }
    }
}

/// The branch's latest record (highest period).
#[derive(Clone, Debug)]
pub struct Latest {
    pub period: String,
    pub status: Status,
    pub band: Option<String>,
}

/// One register entry with its branch's latest record and its state.
#[derive(Clone, Debug)]
pub struct NamedState {
    pub named: Named,
    /// `None` when the branch has no record among those read.
    pub latest: Option<Latest>,
    pub state: State,
    /// Why it is in that state (for people: the table's last column, the gate's detail).
    pub why: Option<Text>,
}

/// The periods that have records: those a named branch may have lapsed in.
pub fn periods<R: Kept>(records: &[R]) -> BTreeSet<&str> {
    records.iter().map(|r| r.period()).collect()
}

/// Each entry of the register whose org `keep` accepts, sorted by org, branch, period,
/// with its state, judged on `records` (at least every record of the named branches, sorted
/// as loaded) and `periods` (every period with records, see [`periods`]): `revoked` when a revoked date is given; `lapsed` when the roster expects
/// the branch in a period later than its latest record (a period other records have);
/// `at-risk` when the latest record fails, is incomplete, has a triggered veto, or (with
/// the checklist's `min_band`) has a band below it or none; else `kept`.
pub fn states<J: Graded>(
    register: &Register,
    records: &[&J],
    periods: &BTreeSet<&str>,
    roster: Option<&Roster>,
    checklists: Checklists<'_>,
    keep: impl Fn(&Named) -> bool,
) -> Vec<NamedState> {
    let mut out: Vec<NamedState> = register
        .named
        .iter()
        .filter(|n| keep(n))
        .map(|n| {
            let latest = records_of(records, &n.org, &n.branch).last().copied();
            let (state, why) = state_of(n, latest, roster, periods, checklists);
            NamedState {
                named: n.clone(),
                latest: latest.map(|r| Latest {
                    period: r.period().to_string(),
                    status: r.status(),
                    band: r.band().map(str::to_string),
                }),
                state,
                why,
            }
        })
        .collect();
    out.sort_by(|a, b| a.named.key().cmp(&b.named.key()));
    out
}

fn state_of<J: Graded>(
    n: &Named,
    latest: Option<&J>,
    roster: Option<&Roster>,
    periods: &BTreeSet<&str>,
    checklists: Checklists<'_>,
) -> (State, Option<Text>) {
    if let Some(day) = n.revoked {
        return (State::Revoked, Some(both!("revoked-on", date = day)));
    }
    // A period after the latest record (after none: any) that has records and in which
    // the roster expects the branch.
    let after = latest.map_or("", |r| r.period());
    if let Some(b) = roster.and_then(|r| r.branch(&n.org, &n.branch))
        && let Some(p) = periods.iter().find(|p| **p > after && b.expected_in(p))
    {
        return (
            State::Lapsed,
            Some(both!("lapsed-not-assessed-in", period = p)),
        );
    }
    let Some(r) = latest else {
        return (State::AtRisk, Some(both!("at-risk-no-record")));
    };
    let at = r.period();
    let vetoed = r
        .reasons()
        .iter()
        .any(|reason| matches!(reason, Reason::Vetoed { .. }));
    if vetoed {
        return (State::AtRisk, Some(both!("at-risk-vetoed", latest = at)));
    }
    match r.status() {
        Status::Fail => return (State::AtRisk, Some(both!("at-risk-fails", latest = at))),
        Status::Incomplete => {
            return (
                State::AtRisk,
                Some(both!("at-risk-incomplete", latest = at)),
            );
        }
        Status::Pass => {}
    }
    // The band the record's own checklist requires, compared by place in its band order
    // (a later band is lower).
    let checklist = checklists.for_period(at).unwrap_or(checklists.current);
    if let Some(min) = checklist.benchmark_min_band {
        let min_name = checklist.bands.get(min).map_or("", |b| b.name.as_str());
        match r.band() {
            None => {
                return (
                    State::AtRisk,
                    Some(both!("at-risk-no-band", latest = at, min = min_name)),
                );
            }
            Some(band) => {
                let place = checklist.bands.iter().position(|b| b.name == band);
                if place.is_none_or(|p| p > min) {
                    return (
                        State::AtRisk,
                        Some(both!(
                            "at-risk-band-below",
                            latest = at,
                            band = band,
                            min = min_name
                        )),
                    );
                }
            }
        }
    }
    (State::Kept, None)
}

/// `--deny benchmark-at-risk`: no entry may be at risk; each that is is listed at its line
/// of the register (GitHub annotates that line).
pub fn at_risk_gate(register: &Register, states: &[NamedState]) -> GateResult {
    let mut details = Vec::new();
    let mut places = Vec::new();
    for s in states.iter().filter(|s| s.state == State::AtRisk) {
        let d = register.at(&s.named, Severity::Error, Text::from(""));
        let at = format!("{}:{}:{}", d.file, d.line, d.column);
        details.push(both!(
            "benchmark-at-risk-at",
            org = s.named.org,
            branch = s.named.branch,
            period = s.named.period,
            at = at,
            why = s.why.clone().unwrap_or_else(|| Text::from(""))
        ));
        places.push(Place {
            file: d.file,
            line: d.line,
            column: d.column,
        });
    }
    let passed = details.is_empty();
    if passed {
        details.push(both!("no-benchmark-at-risk"));
    }
    GateResult::new(both!("deny-benchmark-at-risk"), passed, details).at(places)
}

/// A day as JSON and tables write it.
pub fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
