//! JSON and JSON Lines: the stable contract of SPEC §7 that scripts depend on.
//!
//! Field names and status words never change. Points and rates become JSON numbers here and
//! only here (display: `satisfaction` and rates rounded to 4 decimals).

use std::io::{self, Write};

use serde::Serialize;

use crate::checklist::Checklist;
use crate::compliance::ComplianceRow;
use crate::diagnostic::Diagnostic;
use crate::record::Level;
use crate::score::{How, Scored, Status};

use super::{CheckReport, ComplianceReport, GateResult, Renderer, ScoreReport, Sheet};

pub struct JsonRenderer {
    /// JSON Lines: one object per line instead of one document.
    pub lines: bool,
}

#[derive(Serialize)]
pub struct ChecklistJson<'a> {
    pub title: &'a str,
    pub version: Option<&'a str>,
    /// Sum of all point maxima (bonus excluded).
    pub total: f64,
}

impl<'a> ChecklistJson<'a> {
    pub fn new(c: &'a Checklist) -> Self {
        ChecklistJson {
            title: &c.title,
            version: c.version.as_deref(),
            total: c.total().to_f64(),
        }
    }
}

#[derive(Serialize)]
struct ScoresJson<'a> {
    checklist: ChecklistJson<'a>,
    records: Vec<RecordJson<'a>>,
}

/// One scored record (SPEC §7).
#[derive(Serialize)]
pub struct RecordJson<'a> {
    /// Relative to the records root, `/`-separated.
    pub file: &'a str,
    pub org: &'a str,
    pub branch: &'a str,
    pub period: &'a str,
    /// The level scored, or null.
    pub level: Option<Level>,
    pub status: Status,
    pub base: f64,
    pub bonus: f64,
    pub total: f64,
    /// Rounded to 4 decimals for display; null without a survey.
    pub satisfaction: Option<f64>,
    pub band: Option<&'a str>,
    /// Triggered veto ids.
    pub vetoes: &'a [String],
    pub items: Vec<ItemJson<'a>>,
    pub reasons: &'a [String],
}

#[derive(Serialize)]
pub struct ItemJson<'a> {
    pub id: &'a str,
    pub score: f64,
    pub max: f64,
}

impl<'a> RecordJson<'a> {
    pub fn new(s: &'a Scored) -> Self {
        RecordJson {
            file: &s.record.file,
            org: &s.record.org,
            branch: &s.record.branch,
            period: &s.record.period,
            level: s.level,
            status: s.status,
            base: s.base.to_f64(),
            bonus: s.bonus.to_f64(),
            total: s.total.to_f64(),
            satisfaction: s.satisfaction.map(|r| r.to_f64_4()),
            band: s.band.as_deref(),
            vetoes: &s.vetoes,
            items: s
                .items
                .iter()
                .map(|i| ItemJson {
                    id: &i.id,
                    score: i.score.to_f64(),
                    max: i.max.to_f64(),
                })
                .collect(),
            reasons: &s.reasons,
        }
    }
}

#[derive(Serialize)]
struct ComplianceJson<'a> {
    rows: Vec<ComplianceRowJson<'a>>,
}

/// One compliance row (SPEC §7).
#[derive(Serialize)]
pub struct ComplianceRowJson<'a> {
    pub period: &'a str,
    /// null for the period as a whole.
    pub org: Option<&'a str>,
    pub population: u64,
    pub passed: u64,
    pub failed: u64,
    pub incomplete: u64,
    pub missing: u64,
    pub rate: f64,
    pub target: Option<f64>,
    pub met: Option<bool>,
    /// How many more passing branches the target needs; null without a target.
    pub shortfall: Option<u64>,
}

impl<'a> ComplianceRowJson<'a> {
    pub fn new(r: &'a ComplianceRow) -> Self {
        ComplianceRowJson {
            period: &r.period,
            org: r.org.as_deref(),
            population: r.population,
            passed: r.passed,
            failed: r.failed,
            incomplete: r.incomplete,
            missing: r.missing,
            rate: r.rate.to_f64_4(),
            target: r.target.map(|t| t.to_f64_4()),
            met: r.met(),
            shortfall: r.shortfall(),
        }
    }
}

#[derive(Serialize)]
struct ExplainJson<'a> {
    checklist: ChecklistJson<'a>,
    #[serde(flatten)]
    record: RecordJson<'a>,
    /// Sum of point scores before N/A normalisation.
    raw_base: f64,
    /// Sum of max over points not marked "na".
    applicable: f64,
    points: Vec<PointJson<'a>>,
}

#[derive(Serialize)]
struct PointJson<'a> {
    item: &'a str,
    id: &'a str,
    title: &'a str,
    max: f64,
    score: f64,
    /// points | grade | na | deductions | derived | missing
    how: &'static str,
    grade: Option<&'a str>,
    deductions: Vec<DeductionJson<'a>>,
    note: Option<&'a str>,
    evidence: &'a [String],
}

#[derive(Serialize)]
struct DeductionJson<'a> {
    points: f64,
    times: i64,
    reason: &'a str,
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
    /// Views without a JSON contract of their own are written as arrays of row objects
    /// keyed by column name.
    fn sheets(&self, sheets: &[Sheet], out: &mut dyn Write) -> io::Result<()> {
        let tables: Vec<serde_json::Value> = sheets
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
            self.write_lines(&tables, out)
        } else {
            self.write(&tables, out)
        }
    }

    fn scores(&self, report: &ScoreReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        let records: Vec<RecordJson<'_>> = report.records.iter().map(RecordJson::new).collect();
        if self.lines {
            return self.write_lines(&records, out);
        }
        self.write(
            &ScoresJson {
                checklist: ChecklistJson::new(report.checklist),
                records,
            },
            out,
        )
    }

    fn compliance(&self, report: &ComplianceReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        let rows: Vec<ComplianceRowJson<'_>> =
            report.rows.iter().map(ComplianceRowJson::new).collect();
        if self.lines {
            return self.write_lines(&rows, out);
        }
        self.write(&ComplianceJson { rows }, out)
    }

    fn explain(&self, checklist: &Checklist, s: &Scored, out: &mut dyn Write) -> io::Result<()> {
        let points = s
            .items
            .iter()
            .flat_map(|item| {
                item.points.iter().map(move |p| {
                    let (how, grade, deductions) = match &p.how {
                        How::Points => ("points", None, Vec::new()),
                        How::Grade(g) => ("grade", Some(g.as_str()), Vec::new()),
                        How::NotApplicable => ("na", None, Vec::new()),
                        How::Deductions(list) => (
                            "deductions",
                            None,
                            list.iter()
                                .map(|d| DeductionJson {
                                    points: d.points.to_f64(),
                                    times: d.times,
                                    reason: &d.reason,
                                })
                                .collect(),
                        ),
                        How::Derived(_) | How::DerivedNoSurvey => ("derived", None, Vec::new()),
                        How::Missing => ("missing", None, Vec::new()),
                    };
                    PointJson {
                        item: &item.id,
                        id: &p.id,
                        title: &p.title,
                        max: p.max.to_f64(),
                        score: p.score.to_f64(),
                        how,
                        grade,
                        deductions,
                        note: p.note.as_deref(),
                        evidence: &p.evidence,
                    }
                })
            })
            .collect();
        let doc = ExplainJson {
            checklist: ChecklistJson::new(checklist),
            record: RecordJson::new(s),
            raw_base: s.raw_base.to_f64(),
            applicable: s.applicable.to_f64(),
            points,
        };
        if self.lines {
            serde_json::to_writer(&mut *out, &doc).map_err(io::Error::other)?;
            return writeln!(out);
        }
        self.write(&doc, out)
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
