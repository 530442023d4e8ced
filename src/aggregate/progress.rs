//! The campaign's progress (SPEC §12.2): where each branch of a population stands — no
//! record yet, self-assessed, reviewed, accepted — and how long the steps between took.

use std::fmt;

use chrono::NaiveDate;

use crate::aggregate::compliance::{Judged, Member, per_period_and_org};
use crate::read::record::{Level, Record};
use crate::score::Status;

/// How far a record has come: its effective level and each level's date. What a progress
/// row needs of a record, kept by the lean forms of records too (a few bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stage {
    /// The highest level present; `None` for a record with no level (counted `missing`).
    pub level: Option<Level>,
    /// Each level's `date`, by [`Level::index`].
    pub dates: [Option<NaiveDate>; 3],
}

impl Stage {
    pub fn of(record: &Record) -> Stage {
        let mut dates = [None; 3];
        for level in Level::ALL {
            dates[level.index()] = record.level(level).and_then(|a| a.date);
        }
        Stage {
            level: record.effective_level(),
            dates,
        }
    }

    /// Days from the `from` level's date to the `to` level's, when both are dated.
    fn days(&self, from: Level, to: Level) -> Option<i64> {
        let (a, b) = (self.dates[from.index()]?, self.dates[to.index()]?);
        Some((b - a).num_days())
    }
}

/// A median number of days, exact: the mean of the middle two of an even count may be a
/// half (SPEC §12.2), so it is kept in half days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MedianDays {
    halves: i64,
}

impl MedianDays {
    /// The median of `days`; `None` for none.
    pub fn of(mut days: Vec<i64>) -> Option<MedianDays> {
        if days.is_empty() {
            return None;
        }
        days.sort_unstable();
        let n = days.len();
        let halves = if n % 2 == 1 {
            2 * days[n / 2]
        } else {
            days[n / 2 - 1] + days[n / 2]
        };
        Some(MedianDays { halves })
    }

    /// Whole days, when the median is whole.
    pub fn whole(self) -> Option<i64> {
        (self.halves % 2 == 0).then_some(self.halves / 2)
    }

    /// As a JSON number: whole days as an integer, else the half (exact in binary).
    pub fn to_json(self) -> serde_json::Value {
        match self.whole() {
            Some(d) => d.into(),
            None => (self.halves as f64 / 2.0).into(),
        }
    }
}

impl fmt::Display for MedianDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.whole() {
            Some(d) => write!(f, "{d}"),
            // -3 halves is -1.5: the sign is on the whole, not the fraction.
            None if self.halves < 0 => write!(f, "-{}.5", -self.halves / 2),
            None => write!(f, "{}.5", self.halves / 2),
        }
    }
}

/// One row of the progress view: a period and org (or the whole period), its population
/// split by stage. `missing + invalid + self_ + review + acceptance = population`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgressRow {
    pub period: String,
    /// `None` for the period as a whole.
    pub org: Option<String>,
    pub population: u64,
    /// No record, or a record with no level.
    pub missing: u64,
    /// Branches whose record file is invalid: non-zero only in a partial report
    /// (`--partial`), as in the compliance rows; its stage is unknown.
    pub invalid: u64,
    pub self_: u64,
    pub review: u64,
    pub acceptance: u64,
    /// Of those at acceptance, how many pass.
    pub passed: u64,
    pub self_to_review: Option<MedianDays>,
    pub review_to_acceptance: Option<MedianDays>,
}

#[derive(Default)]
struct Tally {
    missing: u64,
    invalid: u64,
    at: [u64; 3],
    passed: u64,
    self_to_review: Vec<i64>,
    review_to_acceptance: Vec<i64>,
}

impl Tally {
    fn add<J: Judged>(&mut self, m: &Member<'_, J>) {
        let Some(record) = m.record else {
            if m.invalid.is_some() {
                self.invalid += 1;
            } else {
                self.missing += 1;
            }
            return;
        };
        let stage = record.stage();
        let Some(level) = stage.level else {
            self.missing += 1;
            return;
        };
        self.at[level.index()] += 1;
        if level == Level::Acceptance && record.status() == Status::Pass {
            self.passed += 1;
        }
        self.self_to_review
            .extend(stage.days(Level::SelfAssessment, Level::Review));
        self.review_to_acceptance
            .extend(stage.days(Level::Review, Level::Acceptance));
    }

    fn merge(&mut self, other: &Tally) {
        self.missing += other.missing;
        self.invalid += other.invalid;
        for (a, b) in self.at.iter_mut().zip(other.at) {
            *a += b;
        }
        self.passed += other.passed;
        self.self_to_review.extend(&other.self_to_review);
        self.review_to_acceptance
            .extend(&other.review_to_acceptance);
    }

    fn row(&self, period: &str, org: Option<&str>) -> Option<ProgressRow> {
        let population = self.missing + self.invalid + self.at.iter().sum::<u64>();
        (population > 0).then(|| ProgressRow {
            period: period.to_string(),
            org: org.map(str::to_string),
            population,
            missing: self.missing,
            invalid: self.invalid,
            self_: self.at[Level::SelfAssessment.index()],
            review: self.at[Level::Review.index()],
            acceptance: self.at[Level::Acceptance.index()],
            passed: self.passed,
            self_to_review: MedianDays::of(self.self_to_review.clone()),
            review_to_acceptance: MedianDays::of(self.review_to_acceptance.clone()),
        })
    }
}

/// The progress rows of `members`, in the order of the compliance rows (SPEC §7): by
/// period, then org, each period's overall row (org `None`) after its orgs.
pub fn progress<'s, J: Judged + 's, M: std::borrow::Borrow<Member<'s, J>>>(
    members: impl IntoIterator<Item = M>,
) -> Vec<ProgressRow> {
    let by_period = per_period_and_org(members, Tally::add);
    let mut rows = Vec::new();
    for (period, by_org) in by_period {
        let mut overall = Tally::default();
        for (org, tally) in &by_org {
            overall.merge(tally);
            rows.extend(tally.row(period, Some(org)));
        }
        rows.extend(overall.row(period, None));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn median(days: &[i64]) -> Option<String> {
        MedianDays::of(days.to_vec()).map(|m| m.to_string())
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7]), Some("7".into()));
        assert_eq!(median(&[12, 7]), Some("9.5".into()));
        assert_eq!(median(&[7, 12, 7]), Some("7".into()));
        assert_eq!(median(&[28, 22]), Some("25".into()));
        assert_eq!(median(&[1, 2, 3, 4]), Some("2.5".into()));
        assert_eq!(median(&[-2, -1]), Some("-1.5".into()));
        assert_eq!(median(&[-3, 0]), Some("-1.5".into()));
        let json = |d: &[i64]| MedianDays::of(d.to_vec()).unwrap().to_json().to_string();
        assert_eq!(json(&[7, 12]), "9.5");
        assert_eq!(json(&[22, 28]), "25");
    }
}
