//! Computed reports → [`Table`]s for people: what the table, CSV, Markdown and xlsx renderers
//! show (and the HTML page, for its tables). One file per command's report; the texts they
//! share (reasons, "would pass") are here.
//!
//! These modules only arrange and label figures that scoring and aggregation computed; they
//! never compute a score, a rate or a status themselves.

mod check;
mod diff;
mod explain;
mod report;
mod scores;

pub use check::check;
pub use diff::diff;
pub use explain::explain;
pub use report::{
    benchmark, compliance, items, levels, partial_notes, progress, rectification,
    rectification_tasks, register, report, trend,
};
pub use scores::{scores, scores_tables};

use crate::i18n::tr;
use crate::score::{Scored, Status};

/// Reasons as people read them, joined.
pub fn shown(reasons: &[crate::score::Reason], sep: &str) -> String {
    let sep = if crate::i18n::zh() && sep == "; " {
        "；"
    } else {
        sep
    };
    reasons
        .iter()
        .map(|r| r.shown())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The record's reasons, then what a level below `min_level` would get ("would fail: total
/// 83.51 is below 90; …" or "would pass").
pub fn reasons_with_would(s: &Scored<'_>) -> String {
    let mut text = shown(&s.reasons, "; ");
    if let Some(w) = would_text(s) {
        text.push_str(if crate::i18n::zh() { "；" } else { "; " });
        text.push_str(&w);
    }
    text
}

/// "would fail: total 83.51 is below 90; satisfaction 75% is below 90%", "would pass", or
/// `None` when the record is not incomplete solely because of `min_level`.
pub fn would_text(s: &Scored<'_>) -> Option<String> {
    let w = s.would.as_ref()?;
    Some(match w.status {
        Status::Pass => tr("would-pass"),
        _ => t!("would-fail", reasons = shown(&w.reasons, "; ")),
    })
}

/// Scored records grouped by the checklist that scored them (SPEC §11.11), the groups in the
/// order of the periods their checklists cover, each group in the records' order.
pub fn by_version<'s, 'r>(
    records: &'s [crate::score::Scored<'r>],
) -> Vec<(
    &'r crate::read::checklist::Checklist,
    Vec<crate::score::Scored<'r>>,
)> {
    let mut groups: Vec<(
        &crate::read::checklist::Checklist,
        Vec<crate::score::Scored<'r>>,
    )> = Vec::new();
    for s in records {
        match groups
            .iter_mut()
            .find(|(c, _)| std::ptr::eq(*c, s.checklist))
        {
            Some((_, list)) => list.push(s.clone()),
            None => groups.push((s.checklist, vec![s.clone()])),
        }
    }
    groups.sort_by_key(|(c, _)| c.versioning.periods.as_ref().and_then(|p| p.from.clone()));
    groups
}
