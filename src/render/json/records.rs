//! The JSON of scored records: `audit score` (the checklist and one object per record) and
//! `audit explain` (one record with every point's score and how it was reached).

use std::io::{self, Write};

use serde::Serialize;

use crate::read::checklist::Checklist;
use crate::read::record::Level;
use crate::render::ScoreReport;
use crate::score::{How, Scored, Status};

use super::JsonRenderer;

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
    /// Its checklist's version, only when a root has several checklists (SPEC §11.11).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<&'a str>,
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
    /// In English: JSON does not change with the interface language.
    pub reasons: Vec<String>,
    /// The stable code of each reason, in the same order (issue 10: an addition).
    pub reason_codes: Vec<&'static str>,
    /// For a record incomplete only because its level is below the checklist's `min_level`:
    /// what that level would get (`status` stays `incomplete`); null otherwise.
    pub would: Option<WouldJson>,
}

/// The verdict a level below `min_level` would get: `pass` or `fail`, with the fail reasons.
#[derive(Serialize)]
pub struct WouldJson {
    pub status: Status,
    pub reasons: Vec<String>,
}

#[derive(Serialize)]
pub struct ItemJson<'a> {
    pub id: &'a str,
    pub score: f64,
    pub max: f64,
    /// `max` without the points marked "na": what the item could score here.
    pub applicable: f64,
}

impl<'a> RecordJson<'a> {
    pub fn new(s: &'a Scored<'a>) -> Self {
        RecordJson {
            file: &s.record.file,
            org: &s.record.org,
            branch: &s.record.branch,
            period: &s.record.period,
            version: s
                .checklist
                .versioning
                .several
                .then_some(s.checklist.version.as_deref())
                .flatten(),
            level: s.level,
            status: s.status,
            base: s.base.to_f64(),
            bonus: s.bonus.to_f64(),
            total: s.total.to_f64(),
            satisfaction: s.satisfaction.map(|r| r.to_f64_4()),
            band: s.band,
            vetoes: s.vetoes,
            items: s
                .items
                .iter()
                .map(|i| ItemJson {
                    id: i.id,
                    score: i.score.to_f64(),
                    max: i.max.to_f64(),
                    applicable: i.applicable.to_f64(),
                })
                .collect(),
            reasons: s.reasons.iter().map(|r| r.en()).collect(),
            reason_codes: s.reasons.iter().map(|r| r.code()).collect(),
            would: s.would.as_ref().map(|w| WouldJson {
                status: w.status,
                reasons: w.reasons.iter().map(|r| r.en()).collect(),
            }),
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

pub(super) fn scores(
    json: &JsonRenderer,
    report: &ScoreReport<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let records: Vec<RecordJson<'_>> = report.records.iter().map(RecordJson::new).collect();
    if json.lines {
        return json.write_lines(&records, out);
    }
    json.write(
        &ScoresJson {
            checklist: ChecklistJson::new(report.checklist),
            records,
        },
        out,
    )
}

pub(super) fn explain(
    json: &JsonRenderer,
    checklist: &Checklist,
    s: &Scored<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let points = s
        .items
        .iter()
        .flat_map(|item| {
            item.points.iter().map(move |p| {
                let (how, grade, deductions) = match &p.how {
                    How::Points => ("points", None, Vec::new()),
                    How::Grade(g) => ("grade", Some(*g), Vec::new()),
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
                    item: item.id,
                    id: p.id(),
                    title: p.title(),
                    max: p.max().to_f64(),
                    score: p.score.to_f64(),
                    how,
                    grade,
                    deductions,
                    note: p.note(),
                    evidence: p.evidence(),
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
    if json.lines {
        serde_json::to_writer(&mut *out, &doc).map_err(io::Error::other)?;
        return writeln!(out);
    }
    json.write(&doc, out)
}
