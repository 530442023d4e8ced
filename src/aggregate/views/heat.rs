//! The heat map of the HTML report: item scores per subsidiary in the latest period.

use crate::points::Rate;
use crate::read::checklist::Checklist;
use crate::score::Scored;

use super::items_of;

/// Item scores per subsidiary, as a share of max, for one period: the heat map of the HTML
/// report.
#[derive(Clone, Debug)]
pub struct Heat {
    /// The period shown (the latest of the selection).
    pub period: Option<String>,
    pub orgs: Vec<String>,
    /// Item ids and titles, in checklist order.
    pub items: Vec<(String, String)>,
    /// `cells[org][item]`: the share of max, None where nothing was assessed.
    pub cells: Vec<Vec<Option<Rate>>>,
    /// The version of the checklist whose items are shown, only among several (SPEC §11.11).
    pub version: Option<String>,
}

/// The heat map of the latest period among `scored` (which must carry point detail).
pub fn heat(checklist: &Checklist, scored: &[Scored<'_>]) -> Heat {
    let period = scored.iter().map(|s| s.record.period.clone()).max();
    let latest: Vec<&Scored<'_>> = scored
        .iter()
        .filter(|s| Some(&s.record.period) == period.as_ref())
        .collect();
    // The latest period has one checklist (SPEC §11.11): the one that scored its records.
    let checklist = latest.first().map_or(checklist, |s| s.checklist);
    let mut orgs: Vec<String> = latest.iter().map(|s| s.record.org.clone()).collect();
    orgs.sort();
    orgs.dedup();
    let cells = orgs
        .iter()
        .map(|org| {
            let mine = latest.iter().copied().filter(|s| &s.record.org == org);
            items_of(checklist, mine)
                .items
                .iter()
                .map(|i| i.stats.share())
                .collect()
        })
        .collect();
    Heat {
        period,
        orgs,
        items: checklist
            .items
            .iter()
            .map(|i| (i.id.clone(), i.title.clone()))
            .collect(),
        cells,
        version: super::versions::shown_version(checklist),
    }
}
