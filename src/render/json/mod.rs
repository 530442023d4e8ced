//! JSON and JSON Lines: the stable contract of SPEC §7 that scripts depend on.
//!
//! Field names and status words never change. Points and rates become JSON numbers here and
//! only here (display: `satisfaction` and rates rounded to 4 decimals).
//!
//! One file per command's document: [`records`] (score), [`explain`], [`report`] and [`diff`];
//! check's document is here.

mod diff;
mod explain;
mod records;
mod report;

pub use records::{ChecklistJson, ItemJson, RecordJson, WouldJson};
pub use report::ComplianceRowJson;

use std::io::{self, Write};

use serde::Serialize;

use crate::aggregate::diff::Diff;
use crate::diagnostic::Diagnostic;
use crate::read::checklist::Checklist;
use crate::score::Scored;

use super::{CheckReport, GateResult, Renderer, ReportViews, ScoreReport, Table};

pub struct JsonRenderer {
    /// JSON Lines: one object per line instead of one document.
    pub lines: bool,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    diagnostics: &'a [Diagnostic],
    gates: &'a [GateResult],
}

impl JsonRenderer {
    fn write<T: Serialize>(&self, value: &T, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
        writeln!(out)
    }

    fn write_lines<T: Serialize>(&self, values: &[T], out: &mut dyn Write) -> io::Result<()> {
        for v in values {
            serde_json::to_writer(&mut *out, v).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        Ok(())
    }
}

impl Renderer for JsonRenderer {
    /// Not reached today: every view has a JSON contract of its own and overrides its
    /// method. Kept as the trait's fallback for a future view, which would come out as arrays
    /// of row objects keyed by column name, with figures as shown text until it gets its
    /// own contract.
    fn tables(&self, tables: &[Table], out: &mut dyn Write) -> io::Result<()> {
        let values: Vec<serde_json::Value> = tables
            .iter()
            .map(|s| {
                let rows: Vec<serde_json::Value> = s
                    .rows
                    .iter()
                    .map(|row| {
                        let map = s
                            .columns
                            .iter()
                            .zip(row)
                            .map(|(c, v)| (c.name.clone(), serde_json::Value::String(v.display())))
                            .collect();
                        serde_json::Value::Object(map)
                    })
                    .collect();
                serde_json::json!({ "title": s.title, "rows": rows })
            })
            .collect();
        if self.lines {
            self.write_lines(&values, out)
        } else {
            self.write(&values, out)
        }
    }

    fn scores(&self, report: &ScoreReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        records::scores(self, report, out)
    }

    fn report(&self, r: &ReportViews<'_>, out: &mut dyn Write) -> io::Result<()> {
        report::report(self, r, out)
    }

    fn diff(&self, d: &Diff, out: &mut dyn Write) -> io::Result<()> {
        diff::diff(self, d, out)
    }

    fn explain(
        &self,
        checklist: &Checklist,
        s: &Scored<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        explain::explain(self, checklist, s, out)
    }

    fn check(&self, report: &CheckReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        if self.lines {
            return self.write_lines(report.diagnostics, out);
        }
        self.write(
            &CheckJson {
                diagnostics: report.diagnostics,
                gates: report.gates,
            },
            out,
        )
    }
}
