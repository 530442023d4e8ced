//! The JSON of `audit diff` (SPEC §9): the records that changed and each period's rates.

use std::io::{self, Write};

use serde::Serialize;

use crate::aggregate::diff::{Change, Diff};
use crate::score::Status;

use super::JsonRenderer;

#[derive(Serialize)]
struct DiffJson<'a> {
    changes: Vec<ChangeJson<'a>>,
    compliance: Vec<PeriodRatesJson<'a>>,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    org: &'a str,
    branch: &'a str,
    period: &'a str,
    change: Change,
    before: Option<SideJson>,
    after: Option<SideJson>,
}

#[derive(Serialize)]
struct SideJson {
    status: Status,
    total: f64,
    /// A change of band alone is a change (SPEC §9); without it, before and after would
    /// read the same.
    band: Option<String>,
}

#[derive(Serialize)]
struct PeriodRatesJson<'a> {
    period: &'a str,
    before: Option<f64>,
    after: Option<f64>,
}

fn diff_json(d: &Diff) -> DiffJson<'_> {
    let side = |o: &Option<crate::aggregate::diff::Outcome>| {
        o.as_ref().map(|o| SideJson {
            status: o.status,
            total: o.total.to_f64(),
            band: o.band.clone(),
        })
    };
    DiffJson {
        changes: d
            .changes
            .iter()
            .map(|c| ChangeJson {
                org: &c.org,
                branch: &c.branch,
                period: &c.period,
                change: c.change,
                before: side(&c.before),
                after: side(&c.after),
            })
            .collect(),
        compliance: d
            .compliance
            .iter()
            .map(|p| PeriodRatesJson {
                period: &p.period,
                before: p.before.map(|r| r.to_f64_4()),
                after: p.after.map(|r| r.to_f64_4()),
            })
            .collect(),
    }
}

/// SPEC §9; JSON Lines gives one change per line.
pub(super) fn diff(json: &JsonRenderer, d: &Diff, out: &mut dyn Write) -> io::Result<()> {
    let doc = diff_json(d);
    if json.lines {
        return json.write_lines(&doc.changes, out);
    }
    json.write(&doc, out)
}
