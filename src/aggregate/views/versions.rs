//! Per-item views over records of several checklist versions (SPEC §11.11): one table per
//! version, since each version has its own items and points.

use crate::read::checklist::Checklists;
use crate::score::Scored;

use super::{Items, items_of};

/// The items view: one [`Items`] for a root with one checklist (as before), else one per
/// version that scored some of the records, in the order of the periods they cover, each
/// naming its version.
pub fn items_by_version(checklists: Checklists<'_>, scored: &[Scored<'_>]) -> Vec<Items> {
    if !checklists.several() {
        return vec![items_of(checklists.current, scored.iter())];
    }
    checklists
        .by_period()
        .into_iter()
        .filter_map(|c| {
            let mine = || scored.iter().filter(|s| std::ptr::eq(s.checklist, c));
            mine().next()?;
            let mut items = items_of(c, mine());
            items.version = Some(c.version.clone().unwrap_or_default());
            Some(items)
        })
        .collect()
}
