//! Per-item views over records of several checklist versions (SPEC §11.11): one table per
//! version, since each version has its own items and points.

use crate::read::checklist::{Checklist, Checklists};
use crate::score::Scored;

use super::{Items, LevelPoint, items_of, rank_level_points};

/// The version a view names for records scored by `checklist`: only among several.
pub(super) fn shown_version(checklist: &Checklist) -> Option<String> {
    checklist
        .versioning
        .several
        .then(|| checklist.version.clone().unwrap_or_default())
}

/// The levels view's points of several versions: each version's ranked apart (its own
/// checklist order, its own [`super::LEVEL_POINTS_SHOWN`]), the versions in period order.
pub(super) fn rank_level_points_by_version(
    tables: Vec<&Checklist>,
    points: Vec<LevelPoint>,
) -> Vec<LevelPoint> {
    let set_order = |c: &Checklist| c.versioning.periods.as_ref().and_then(|p| p.from.clone());
    let mut tables = tables;
    tables.sort_by_key(|c| set_order(c));
    let mut points = points;
    let mut out = Vec::new();
    for c in tables {
        let version = shown_version(c);
        let (mine, rest): (Vec<LevelPoint>, Vec<LevelPoint>) =
            points.into_iter().partition(|p| p.version == version);
        points = rest;
        out.extend(rank_level_points(c, mine));
    }
    out
}

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
