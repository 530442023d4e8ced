//! What several formats show of a scored record beyond its own fields, decided once so the
//! table, the workbook, the page and JSON cannot disagree: the name of the level scored, an
//! item's minimum met or not, an item's share in a weighted base, the columns a set of
//! records needs (penalties, version, measures).
//!
//! Nothing here computes a score: each figure is read off what scoring produced.

use crate::points::{Rate, Ratio};
use crate::read::checklist::{Checklist, ItemMin};
use crate::score::{ItemScore, Scored};

/// Where an item stands against its minimum (SPEC §11.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinState {
    Met,
    NotMet,
    /// Every point of the item is N/A: the minimum does not apply (and cannot fail it).
    Exempt,
}

/// An item's minimum (its own `min`, else `[pass] min_item`) and whether the record meets
/// it, by the rule scoring applies (`ItemMin::holds`); `None` without a minimum.
pub fn item_min(checklist: &Checklist, item: &ItemScore<'_>) -> Option<(ItemMin, MinState)> {
    let min = checklist.item_min(item.def)?;
    let state = if item.applicable <= crate::points::Points::ZERO {
        MinState::Exempt
    } else if min.holds(item.score, item.applicable, item.max) {
        MinState::Met
    } else {
        MinState::NotMet
    };
    Some((min, state))
}

/// An item's share of its applicable points, `sᵢ` of a weighted base (SPEC §11.4), exact;
/// `None` when its points are all N/A (it then leaves the weighted sums).
pub fn item_share(item: &ItemScore<'_>) -> Option<Rate> {
    Ratio::of(item.score, item.applicable).map(Ratio::to_rate)
}

/// The checklists behind a set of records, in the order of the periods they cover, then
/// `current` (the root's checklist.toml) if no record was scored by it.
pub fn checklists_of<'r>(current: &'r Checklist, records: &[Scored<'r>]) -> Vec<&'r Checklist> {
    let mut all: Vec<&Checklist> = Vec::new();
    for s in records {
        if !all.iter().any(|c| std::ptr::eq(*c, s.checklist)) {
            all.push(s.checklist);
        }
    }
    all.sort_by_key(|c| c.versioning.periods.as_ref().and_then(|p| p.from.clone()));
    if !all.iter().any(|c| std::ptr::eq(*c, current)) {
        all.push(current);
    }
    all
}

/// The columns a table of these records needs beyond those of SPEC §5.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extra<'r> {
    /// Some checklist has penalties (SPEC §11.5).
    pub penalties: bool,
    /// The records' checklists are among several (SPEC §11.11).
    pub version: bool,
    /// Measure ids, each once, in checklist order (SPEC §11.7).
    pub measures: Vec<&'r str>,
}

impl<'r> Extra<'r> {
    /// What `records` (scored against `current` or the checklists beside it) call for; none of
    /// it for a v1 checklist, so its tables stay as they were.
    pub fn of(current: &'r Checklist, records: &[Scored<'r>]) -> Extra<'r> {
        let checklists = checklists_of(current, records);
        let mut measures: Vec<&str> = Vec::new();
        for m in checklists.iter().flat_map(|c| &c.measures) {
            if !measures.contains(&m.id.as_str()) {
                measures.push(&m.id);
            }
        }
        Extra {
            penalties: checklists.iter().any(|c| !c.penalties.is_empty()),
            version: checklists.iter().any(|c| c.versioning.several),
            measures,
        }
    }
}

/// The rate a record gives for measure `id`, read against its own checklist; `None` when its
/// checklist has no such measure or the record does not give it.
pub fn measure_rate(s: &Scored<'_>, id: &str) -> Option<Rate> {
    let i = s.checklist.measure_position(id)?;
    s.record.measures.get(i).copied().flatten().map(|m| m.rate)
}
