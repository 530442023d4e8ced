//! Pure: the opt-in gates of `audit check` judged on scored records, compliance rows and a
//! diff against an earlier revision. Reading those (and the earlier revision) is the
//! command's work; here nothing is read or printed.

use crate::aggregate::compliance::ComplianceRow;
use crate::aggregate::compliance::Graded;
use crate::aggregate::diff::{self, Diff};
use crate::aggregate::rectification::Overdue;
use crate::i18n::{Text, Word};
use crate::points::Rate;
use crate::score::Status;

/// The outcome of one opt-in gate of `audit check`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct GateResult {
    /// The gate as given on the command line: "deny fail", "target", "min-compliance 90%".
    pub gate: String,
    pub passed: bool,
    /// What held or did not, with the figures.
    pub details: Vec<String>,
    /// The gate's name as people read it (in the interface language).
    #[serde(skip)]
    pub shown_gate: String,
    /// The details as people read them.
    #[serde(skip)]
    pub shown_details: Vec<String>,
    /// Where each detail's subject is written, one per detail, for a gate on things that
    /// have a place in a file (overdue tasks, register entries at risk); empty for the
    /// others (and left out of their JSON). GitHub annotations are put there.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Place>,
}

/// A place in a file of the records root that a gate's detail is about.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Place {
    /// Relative to the records root, `/`-separated.
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl GateResult {
    /// A gate's outcome: English for JSON, the interface language for people.
    pub fn new(gate: Text, passed: bool, details: Vec<Text>) -> GateResult {
        GateResult {
            gate: gate.en(),
            passed,
            shown_gate: gate.shown(),
            details: details.iter().map(|d| d.en()).collect(),
            shown_details: details.into_iter().map(|d| d.shown()).collect(),
            places: Vec::new(),
        }
    }

    /// The gate with each failing detail placed at a line (`places`, one per detail).
    pub fn at(mut self, places: Vec<Place>) -> GateResult {
        if self.passed {
            return self;
        }
        debug_assert_eq!(places.len(), self.details.len());
        self.places = places;
        self
    }
}

/// The gates asked for.
#[derive(Clone, Debug, Default)]
pub struct Asked {
    /// Fail when any record has one of these statuses (one gate each, in the order given).
    pub deny: Vec<Status>,
    /// Fail when any period's overall rate is below this.
    pub min_compliance: Option<Rate>,
    /// Fail when any period's overall rate is below the checklist's target.
    pub target: bool,
    /// Fail when, compared with this revision, a record newly fails or a rate drops.
    pub ratchet: Option<String>,
    /// Fail when a rectification task is overdue (SPEC §12.3): judged after the deny gates.
    pub overdue: bool,
    /// Fail when a named benchmark is at risk (SPEC §12.4; judged in
    /// [`crate::aggregate::register`]).
    pub benchmark_at_risk: bool,
}

impl Asked {
    /// Whether any gate is asked for (scoring is needed only then).
    pub fn any(&self) -> bool {
        !self.deny.is_empty()
            || self.min_compliance.is_some()
            || self.target
            || self.ratchet.is_some()
            || self.overdue
            || self.benchmark_at_risk
    }
}

/// What the gates judge.
pub struct Evidence<'a, J> {
    /// The records the filters keep, scored at their effective level.
    pub scored: &'a [J],
    /// Their compliance rows.
    pub rows: &'a [ComplianceRow],
    /// The diff from the ratchet's revision, when the ratchet is asked for.
    pub ratchet: Option<&'a Diff>,
    /// How a record's reasons are joined for people ("; ", "；" in Chinese).
    pub reason_separator: &'a str,
}

/// Every gate asked for, in a fixed order: deny, min-compliance, target, ratchet.
pub fn judge<J: Graded>(asked: &Asked, evidence: &Evidence<'_, J>) -> Vec<GateResult> {
    let mut gates: Vec<GateResult> = asked
        .deny
        .iter()
        .map(|status| deny_gate(*status, evidence.scored, evidence.reason_separator))
        .collect();
    let overall: Vec<&ComplianceRow> = evidence.rows.iter().filter(|r| r.org.is_none()).collect();
    if let Some(min) = asked.min_compliance {
        gates.push(compliance_gate(
            both!("min-compliance", min = min.percent()),
            &overall,
            |_| Some(min),
        ));
    }
    if asked.target {
        gates.push(compliance_gate(both!("target"), &overall, |r| r.target));
    }
    if let (Some(rev), Some(d)) = (asked.ratchet.as_deref(), evidence.ratchet) {
        gates.push(ratchet_gate(rev, d));
    }
    gates
}

/// `--deny STATUS`: no record may have `status`; each that has it is listed with why.
pub fn deny_gate<J: Graded>(status: Status, scored: &[J], reason_separator: &str) -> GateResult {
    let offenders: Vec<Text> = scored
        .iter()
        .filter(|s| s.status() == status)
        .map(|s| {
            let head = format!(
                "{} / {} / {} ({}): ",
                s.org(),
                s.branch(),
                s.period(),
                s.file()
            );
            let join = |shown: bool, sep: &str| {
                s.reasons()
                    .iter()
                    .map(|r| if shown { r.shown() } else { r.en() })
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            Text::Fixed {
                en: head.clone() + &join(false, "; "),
                zh: head + &join(true, reason_separator),
            }
        })
        .collect();
    let gate = both!("deny", status = Word(status.name()));
    let passed = offenders.is_empty();
    let details = if passed {
        vec![both!("no-records", status = Word(status.name()))]
    } else {
        offenders
    };
    GateResult::new(gate, passed, details)
}

/// `--deny overdue`: no rectification task may be overdue on the day judged; each one is
/// listed at its place in its file, most days overdue first within each record's order. The
/// day is said in every detail: taken from `SOURCE_DATE_EPOCH` when that is set, it need
/// not be today.
pub fn overdue_gate(overdue: &[Overdue], as_of: chrono::NaiveDate) -> GateResult {
    let details: Vec<Text> = overdue
        .iter()
        .map(|o| {
            let task = match &o.point {
                Some(point) => both!("task-of-point", point = point, task = o.task),
                None => both!("task-quoted", task = o.task),
            };
            let task = both!(
                "task-overdue-by",
                org = o.org,
                branch = o.branch,
                period = o.period,
                task = task,
                due = o.due.to_string(),
                days = o.days,
                as_of = as_of.to_string()
            );
            both!(
                "at-place",
                file = o.file,
                line = o.line,
                column = o.column,
                what = task
            )
        })
        .collect();
    let gate = both!("deny", status = Word("overdue"));
    let passed = details.is_empty();
    let mut result = GateResult::new(
        gate,
        passed,
        if passed {
            vec![both!("no-overdue-tasks", as_of = as_of.to_string())]
        } else {
            details
        },
    );
    result.places = overdue
        .iter()
        .map(|o| Place {
            file: o.file.clone(),
            line: o.line,
            column: o.column,
        })
        .collect();
    result
}

/// A compliance gate over each period's overall row: the rate must reach the threshold.
pub fn compliance_gate(
    name: Text,
    overall: &[&ComplianceRow],
    threshold: impl Fn(&ComplianceRow) -> Option<Rate>,
) -> GateResult {
    let mut passed = true;
    let mut details = Vec::new();
    for row in overall {
        let Some(min) = threshold(row) else {
            details.push(both!("no-target-set", period = row.period));
            continue;
        };
        if row.meets(min) {
            details.push(both!(
                "of-passed-meets",
                period = row.period,
                passed = row.passed,
                population = row.population,
                rate = row.rate.percent(),
                min = min.percent()
            ));
        } else {
            passed = false;
            details.push(below(row, min));
        }
    }
    // A gate with nothing to judge does not pass: a CI job whose filter matches nothing
    // should notice.
    if overall.is_empty() {
        passed = false;
        details.push(both!("no-records-to-judge"));
    }
    GateResult::new(name, passed, details)
}

/// A period's overall rate below `min`, with how many more passing branches it needs (the
/// one place this sentence and its plural are chosen for a gate).
fn below(row: &ComplianceRow, min: Rate) -> Text {
    let needed = row.shortfall_for(min);
    let rate = row.rate.percent_below(min);
    both!(
        "of-passed-below-needs-more-passing",
        period = row.period,
        passed = row.passed,
        population = row.population,
        rate = rate,
        min = min.percent(),
        n = needed
    )
}

/// The ratchet: nothing newly failing, no period's overall rate lower than in `rev`.
pub fn ratchet_gate(rev: &str, d: &Diff) -> GateResult {
    let mut details = Vec::new();
    for c in d
        .changes
        .iter()
        .filter(|c| c.change == diff::Change::NewlyFailing)
    {
        let after = c.after.as_ref();
        details.push(both!(
            "was-pass-in-now",
            org = c.org,
            branch = c.branch,
            period = c.period,
            rev = rev,
            status = Word(after.map_or("missing", |a| a.status.name())),
            total = after.map_or(String::new(), |a| a.total.fixed())
        ));
    }
    for p in d.compliance.iter().filter(|p| p.dropped()) {
        let (Some(b), Some(a)) = (p.before, p.after) else {
            continue;
        };
        details.push(both!(
            "compliance-dropped-from-in-to",
            period = p.period,
            before = b.percent(),
            rev = rev,
            after = a.percent_below(b)
        ));
    }
    let passed = details.is_empty();
    if passed {
        details.push(both!("no-record-newly-failing-and-no", rev = rev));
    }
    GateResult::new(both!("ratchet", rev = rev), passed, details)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::diff::PeriodRates;

    fn row(period: &str, passed: u64, population: u64, target: Option<&str>) -> ComplianceRow {
        ComplianceRow {
            period: period.to_string(),
            org: None,
            population,
            passed,
            failed: population - passed,
            incomplete: 0,
            missing: 0,
            invalid: 0,
            rate: Rate::ratio(passed, population),
            target: target.map(|t| Rate::parse(t).unwrap()),
        }
    }

    #[test]
    fn a_compliance_gate_passes_only_when_every_period_reaches_the_minimum() {
        let (a, b) = (row("2022", 9, 10, None), row("2023", 1, 2, None));
        let min = Rate::parse("60%").unwrap();
        let gate = compliance_gate(Text::from("min-compliance 60%"), &[&a, &b], |_| Some(min));
        assert!(!gate.passed);
        assert_eq!(gate.gate, "min-compliance 60%");
        assert_eq!(
            gate.details,
            [
                "2022: 9 of 10 passed = 90%, meets 60%",
                "2023: 1 of 2 passed = 50%, below 60% (needs 1 more passing branch)",
            ]
        );
        let gate = compliance_gate(Text::from("min-compliance 60%"), &[&a], |_| Some(min));
        assert!(gate.passed);
    }

    #[test]
    fn the_shortfall_is_counted_exactly_with_its_plural() {
        let r = row("2024", 1, 10, None);
        let gate = compliance_gate(Text::from("x"), &[&r], |_| {
            Some(Rate::parse("90%").unwrap())
        });
        assert_eq!(
            gate.details,
            ["2024: 1 of 10 passed = 10%, below 90% (needs 8 more passing branches)"]
        );
    }

    #[test]
    fn the_target_gate_says_where_no_target_is_set_and_nothing_to_judge_fails() {
        let (with, without) = (row("2022", 19, 20, Some("95%")), row("2023", 1, 1, None));
        let gate = compliance_gate(both!("target"), &[&with, &without], |r| r.target);
        assert!(gate.passed);
        assert_eq!(
            gate.details,
            [
                "2022: 19 of 20 passed = 95%, meets 95%",
                "2023: no target set"
            ]
        );
        let gate = compliance_gate(both!("target"), &[], |r| r.target);
        assert!(!gate.passed);
        assert_eq!(gate.details, ["no records to judge"]);
    }

    #[test]
    fn the_ratchet_fails_on_a_lower_rate_and_passes_on_none() {
        let quiet = Diff {
            changes: Vec::new(),
            compliance: Vec::new(),
        };
        let gate = ratchet_gate("HEAD~1", &quiet);
        assert!(gate.passed);
        assert_eq!(gate.gate, "ratchet HEAD~1");
        let dropped = Diff {
            compliance: vec![PeriodRates {
                period: "2022".into(),
                before: Some(Rate::ratio(3, 4)),
                after: Some(Rate::ratio(1, 2)),
            }],
            changes: Vec::new(),
        };
        let gate = ratchet_gate("main", &dropped);
        assert!(!gate.passed);
        assert_eq!(
            gate.details,
            ["2022: compliance dropped from 75% in main to 50%"]
        );
    }

    #[test]
    fn no_gate_is_judged_unless_asked() {
        let evidence: Evidence<'_, crate::score::Scored<'_>> = Evidence {
            scored: &[],
            rows: &[],
            ratchet: None,
            reason_separator: "; ",
        };
        assert!(!Asked::default().any());
        assert!(judge(&Asked::default(), &evidence).is_empty());
        let asked = Asked {
            deny: vec![Status::Fail],
            ..Asked::default()
        };
        let gates = judge(&asked, &evidence);
        assert_eq!(gates.len(), 1);
        assert!(gates[0].passed);
        assert_eq!(gates[0].details, ["no fail records"]);
    }
}
