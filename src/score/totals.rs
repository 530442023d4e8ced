//! From the base to the total, and the band: bonus and penalties (SPEC §4.5, §11.5), the
//! tables a level brings (§11.10), and the band of a pass or fail record (§11.6). Pure.

use crate::points::{Points, Rate};
use crate::read::checklist::{BandStatus, Bonus, Checklist};
use crate::read::record::{Level, Record};

use super::Status;

/// Id → the value written (points, or a count for an entry with `per`).
pub type Given = [(String, Points)];

/// The bonus and penalties tables that count when `level` is scored: the level's own, each
/// when the level gives it (even empty: the group grants nothing), else the record's
/// (SPEC §11.10). With `combine` (§11.9), pass the highest weighted level.
pub fn bonus_tables(record: &Record, level: Option<Level>) -> (&Given, &Given) {
    let own = level.and_then(|l| record.level(l));
    let bonus = own.and_then(|a| a.bonus()).unwrap_or(&record.bonus);
    let penalties = own.and_then(|a| a.penalties()).unwrap_or(&record.penalties);
    (bonus, penalties)
}

/// Bonus, penalties and the total they make of a base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totals {
    /// Σ of what each bonus is worth (each capped at its max), before `bonus_cap`.
    pub raw_bonus: Points,
    pub bonus: Points,
    /// Σ of what each penalty costs (each capped at its max), before `penalty_cap`.
    pub raw_penalties: Points,
    pub penalties: Points,
    /// `max(0, base + bonus − penalties)`.
    pub total: Points,
}

/// The total of `base` with these tables (SPEC §4.5, §11.5).
pub fn totals(checklist: &Checklist, base: Points, bonus: &Given, penalties: &Given) -> Totals {
    let raw_bonus = worth(&checklist.bonus, bonus);
    let raw_penalties = worth(&checklist.penalties, penalties);
    let bonus = capped(raw_bonus, checklist.bonus_cap);
    let penalties = capped(raw_penalties, checklist.penalty_cap);
    let total = base + bonus - penalties;
    Totals {
        raw_bonus,
        bonus,
        raw_penalties,
        penalties,
        total: if total.is_negative() {
            Points::ZERO
        } else {
            total
        },
    }
}

/// What an entry of a table is worth, by its definition: points, or `per × count` capped at
/// its max. An id the checklist lacks is worth nothing (a valid record has none).
pub fn entry_worth(defs: &[Bonus], id: &str, value: Points) -> Points {
    defs.iter()
        .find(|b| b.id == id)
        .map_or(Points::ZERO, |b| b.worth(value))
}

fn worth(defs: &[Bonus], given: &Given) -> Points {
    given.iter().map(|(id, v)| entry_worth(defs, id, *v)).sum()
}

fn capped(sum: Points, cap: Option<Points>) -> Points {
    match cap {
        Some(cap) if sum > cap => cap,
        _ => sum,
    }
}

/// The band of a pass or fail record: the first whose conditions hold (SPEC §4.6, §11.6).
/// A band with `status` holds only for records of that status; one that needs a
/// satisfaction does not hold without a survey; a vetoed record matches only bands without
/// `min_total` and `min_satisfaction`. `None` for an incomplete record.
pub fn band_for(
    checklist: &Checklist,
    status: Status,
    vetoed: bool,
    total: Points,
    satisfaction: Option<Rate>,
) -> Option<&str> {
    let status = match status {
        Status::Pass => BandStatus::Pass,
        Status::Fail => BandStatus::Fail,
        Status::Incomplete => return None,
    };
    checklist
        .bands
        .iter()
        .find(|b| {
            b.status.is_none_or(|s| s == status)
                && !(vetoed && b.has_threshold())
                && b.min_total.is_none_or(|min| total >= min)
                && b.min_satisfaction
                    .is_none_or(|min| satisfaction.is_some_and(|s| s >= min))
        })
        .map(|b| b.name.as_str())
}

#[cfg(test)]
mod tests;
