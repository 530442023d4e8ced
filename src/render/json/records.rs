//! The JSON of scored records: `audit score` (the checklist and one object per record). The
//! record object is also the heart of `audit explain`'s document ([`super::explain`]).

use std::io::{self, Write};

use serde::Serialize;

use crate::read::checklist::Checklist;
use crate::read::record::Record;
use crate::render::ScoreReport;
use crate::score::{Scored, Status};

use super::JsonRenderer;

#[derive(Serialize)]
pub struct ChecklistJson<'a> {
    pub title: &'a str,
    pub version: Option<&'a str>,
    /// The full mark of a base: the sum of all point maxima (bonus excluded), or the
    /// `scale` of a weighted checklist (SPEC §11.4).
    pub total: f64,
}

impl<'a> ChecklistJson<'a> {
    pub fn new(c: &'a Checklist) -> Self {
        ChecklistJson {
            title: &c.title,
            version: c.version.as_deref(),
            total: c.full_mark().to_f64(),
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
    pub level: Option<&'static str>,
    pub status: Status,
    pub base: f64,
    pub bonus: f64,
    /// The capped sum of penalties (SPEC §11.5), 0 when none; in full even when the total
    /// stops at 0.
    pub penalties: f64,
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
    /// The record's measures (SPEC §11.7), in checklist order; only when the checklist
    /// defines measures, so v1 output is unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measures: Option<Vec<MeasureJson<'a>>>,
}

/// A measure a record gives: its rate (4 decimals, display only) and counts; all null when
/// the record does not give it.
#[derive(Serialize)]
pub struct MeasureJson<'a> {
    pub id: &'a str,
    pub rate: Option<f64>,
    pub count: Option<u64>,
    pub of: Option<u64>,
}

impl<'a> MeasureJson<'a> {
    /// The record's measures, or `None` when the checklist defines none.
    pub fn of_record(c: &'a Checklist, r: &Record) -> Option<Vec<MeasureJson<'a>>> {
        if c.measures.is_empty() {
            return None;
        }
        let measures = c.measures.iter().enumerate().map(|(i, m)| {
            let given = r.measures.get(i).copied().flatten();
            MeasureJson {
                id: &m.id,
                rate: given.map(|g| g.rate.to_f64_4()),
                count: given.and_then(|g| g.counts).map(|c| c.0),
                of: given.and_then(|g| g.counts).map(|c| c.1),
            }
        });
        Some(measures.collect())
    }
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
    /// What `explain` adds where the checklist uses the item rules (SPEC §11.3–11.4): the
    /// weight, minimum and floor. Absent from `score`'s records and from v1 checklists.
    #[serde(flatten)]
    pub rules: Option<super::explain::ItemRulesJson>,
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
            level: s.level_name(),
            status: s.status,
            base: s.base.to_f64(),
            bonus: s.bonus.to_f64(),
            penalties: s.penalties.to_f64(),
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
                    rules: None,
                })
                .collect(),
            reasons: s.reasons.iter().map(|r| r.en()).collect(),
            reason_codes: s.reasons.iter().map(|r| r.code()).collect(),
            would: s.would.as_ref().map(|w| WouldJson {
                status: w.status,
                reasons: w.reasons.iter().map(|r| r.en()).collect(),
            }),
            measures: None,
        }
    }
}

pub(super) fn scores(
    json: &JsonRenderer,
    report: &ScoreReport<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let records: Vec<RecordJson<'_>> = report
        .records
        .iter()
        .map(|s| {
            let mut r = RecordJson::new(s);
            // Read against the record's own checklist: among versions (SPEC §11.11) the
            // root's may define other measures, or none.
            r.measures = MeasureJson::of_record(s.checklist, s.record);
            r
        })
        .collect();
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
