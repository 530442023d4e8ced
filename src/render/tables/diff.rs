//! `audit diff` as tables: the records that changed, then each period's overall compliance
//! rate before and after.

use crate::aggregate::diff::Diff;
use crate::i18n::{tr, tr_word};
use crate::render::{Cell, Column, Table};

/// `audit diff`: the records that changed, then each period's overall compliance rate.
pub fn diff(d: &Diff) -> Vec<Table> {
    let side = |o: &Option<crate::aggregate::diff::Outcome>| match o {
        Some(o) => (
            Cell::text(tr_word(o.status.name())),
            Cell::Points(o.total),
            Cell::opt_text(o.band.as_deref()),
        ),
        None => (Cell::Empty, Cell::Empty, Cell::Empty),
    };
    let changes = Table {
        name: "Changes".into(),
        title: Some(tr("records-that-changed")),
        columns: vec![
            Column::text("org"),
            Column::text("branch"),
            Column::text("period"),
            Column::text("change"),
            Column::text("status before"),
            Column::number("total before"),
            Column::text("band before"),
            Column::text("status after"),
            Column::number("total after"),
            Column::text("band after"),
        ],
        rows: d
            .changes
            .iter()
            .map(|c| {
                let (bs, bt, bb) = side(&c.before);
                let (as_, at, ab) = side(&c.after);
                vec![
                    Cell::text(&c.org),
                    Cell::text(&c.branch),
                    Cell::text(&c.period),
                    Cell::text(tr_word(c.change.name())),
                    bs,
                    bt,
                    bb,
                    as_,
                    at,
                    ab,
                ]
            })
            .collect(),
        notes: Vec::new(),
    };
    let compliance = Table {
        name: "Compliance".into(),
        title: Some(tr("compliance-rate-per-period")),
        columns: vec![
            Column::text("period"),
            Column::number("before"),
            Column::number("after"),
            Column::text("change"),
        ],
        rows: d
            .compliance
            .iter()
            .map(|p| {
                // "dropped" is the ratchet's own test, so the table and the gate agree.
                let change = match (p.before, p.after) {
                    _ if p.dropped() => tr("dropped"),
                    (Some(b), Some(a)) if a > b => tr("rose"),
                    (Some(_), Some(_)) => tr("same"),
                    (None, Some(_)) => tr("new-period"),
                    (Some(_), None) => tr("period-gone"),
                    (None, None) => String::new(),
                };
                vec![
                    Cell::text(&p.period),
                    p.before.map_or(Cell::Empty, Cell::Rate),
                    p.after.map_or(Cell::Empty, Cell::Rate),
                    Cell::text(change),
                ]
            })
            .collect(),
        notes: Vec::new(),
    };
    vec![changes, compliance]
}
