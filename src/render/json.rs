//! JSON and JSON Lines: the stable contract of SPEC §7 that scripts depend on.
//!
//! Field names and status words never change. Points and rates become JSON numbers here and
//! only here (display: `satisfaction` and rates rounded to 4 decimals).

use std::io::{self, Write};

use serde::Serialize;

use crate::aggregate::compliance::ComplianceRow;
use crate::diagnostic::Diagnostic;
use crate::read::checklist::Checklist;
use crate::read::record::Level;
use crate::score::{How, Scored, Status};

use crate::aggregate::diff::{Change, Diff};
use crate::aggregate::views::{Candidate, Items, Levels, Stats, Trend};

use super::{CheckReport, ComplianceReport, GateResult, Renderer, ReportViews, ScoreReport, Table};

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
    /// In English: JSON does not change with the interface language.
    pub reasons: Vec<&'a str>,
    /// For a record incomplete only because its level is below the checklist's `min_level`:
    /// what that level would get (`status` stays `incomplete`); null otherwise.
    pub would: Option<WouldJson<'a>>,
}

/// The verdict a level below `min_level` would get: `pass` or `fail`, with the fail reasons.
#[derive(Serialize)]
pub struct WouldJson<'a> {
    pub status: Status,
    pub reasons: Vec<&'a str>,
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
            reasons: s.reasons.iter().map(|r| r.en.as_str()).collect(),
            would: s.would.as_ref().map(|w| WouldJson {
                status: w.status,
                reasons: w.reasons.iter().map(|r| r.en.as_str()).collect(),
            }),
        }
    }
}

#[derive(Serialize)]
struct ComplianceJson<'a> {
    rows: Vec<ComplianceRowJson<'a>>,
    /// The invalid record files a partial report (`--partial`) was written over; only then.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    invalid_files: Vec<InvalidFileJson<'a>>,
}

#[derive(Serialize)]
struct InvalidFileJson<'a> {
    file: &'a str,
    /// null when the file names no readable org, branch or period.
    org: Option<&'a str>,
    branch: Option<&'a str>,
    period: Option<&'a str>,
}

fn invalid_files(invalid: &[crate::read::load::InvalidRecord]) -> Vec<InvalidFileJson<'_>> {
    invalid
        .iter()
        .map(|i| InvalidFileJson {
            file: &i.file,
            org: i.who.as_ref().map(|w| w.org.as_str()),
            branch: i.who.as_ref().map(|w| w.branch.as_str()),
            period: i.who.as_ref().map(|w| w.period.as_str()),
        })
        .collect()
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
    /// Branches whose record file is invalid: non-zero only in a partial report
    /// (`--partial`). passed + failed + incomplete + missing + invalid = population.
    pub invalid: u64,
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
            invalid: r.invalid,
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

#[derive(Serialize)]
struct TrendJson<'a> {
    periods: &'a [String],
    targets: Vec<Option<f64>>,
    rows: Vec<TrendRowJson<'a>>,
}

#[derive(Serialize)]
struct TrendRowJson<'a> {
    /// null for all orgs together.
    org: Option<&'a str>,
    /// One per period; null where the org had no population.
    rates: Vec<Option<f64>>,
    met: Vec<Option<bool>>,
}

fn trend_json(t: &Trend) -> TrendJson<'_> {
    TrendJson {
        periods: &t.periods,
        targets: t.targets.iter().map(|t| t.map(|r| r.to_f64_4())).collect(),
        rows: t
            .rows
            .iter()
            .map(|r| TrendRowJson {
                org: r.org.as_deref(),
                rates: r
                    .cells
                    .iter()
                    .map(|c| c.as_ref().map(|c| c.rate.to_f64_4()))
                    .collect(),
                met: r
                    .cells
                    .iter()
                    .map(|c| c.as_ref().and_then(|c| c.met()))
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct LevelsJson<'a> {
    records: Vec<LevelRecordJson<'a>>,
    orgs: Vec<LevelOrgJson<'a>>,
    points: Vec<LevelPointJson<'a>>,
}

#[derive(Serialize)]
struct LevelRecordJson<'a> {
    org: &'a str,
    branch: &'a str,
    period: &'a str,
    file: &'a str,
    #[serde(rename = "self")]
    self_total: Option<f64>,
    review: Option<f64>,
    acceptance: Option<f64>,
    /// Lowest complete level's total minus the highest's.
    gap: f64,
}

#[derive(Serialize)]
struct LevelOrgJson<'a> {
    org: &'a str,
    records: u64,
    mean_gap: f64,
    /// Records whose lowest level scored higher than the highest.
    inflated: u64,
}

#[derive(Serialize)]
struct LevelPointJson<'a> {
    id: &'a str,
    title: &'a str,
    max: f64,
    records: u64,
    mean_gap: f64,
    /// Records where the lowest level gave more than the highest.
    higher: u64,
}

fn levels_json(l: &Levels) -> LevelsJson<'_> {
    LevelsJson {
        records: l
            .records
            .iter()
            .map(|r| LevelRecordJson {
                org: &r.org,
                branch: &r.branch,
                period: &r.period,
                file: &r.file,
                self_total: r.totals[0].map(|p| p.to_f64()),
                review: r.totals[1].map(|p| p.to_f64()),
                acceptance: r.totals[2].map(|p| p.to_f64()),
                gap: r.gap.to_f64(),
            })
            .collect(),
        orgs: l
            .orgs
            .iter()
            .map(|o| LevelOrgJson {
                org: &o.org,
                records: o.records,
                mean_gap: o.mean_gap().to_f64(),
                inflated: o.inflated,
            })
            .collect(),
        points: l
            .points
            .iter()
            .map(|p| LevelPointJson {
                id: &p.id,
                title: &p.title,
                max: p.max.to_f64(),
                records: p.records,
                mean_gap: p.mean_gap().to_f64(),
                higher: p.higher,
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct StatsJson {
    records: u64,
    /// Average score: a point's over the records where it applies; an item's, the sum of
    /// its points' averages.
    mean: f64,
    /// What `mean` is out of: the point's max, or the sum of the max of the item's points
    /// that apply in some record.
    applicable: f64,
    /// mean / applicable.
    share: Option<f64>,
    /// Share of the records that lost points here.
    lost_share: Option<f64>,
}

impl From<&Stats> for StatsJson {
    fn from(s: &Stats) -> Self {
        StatsJson {
            records: s.records,
            mean: s.mean().to_f64(),
            applicable: s.applicable.to_f64(),
            share: s.share().map(|r| r.to_f64_4()),
            lost_share: s.lost_share().map(|r| r.to_f64_4()),
        }
    }
}

#[derive(Serialize)]
struct ItemStatsJson<'a> {
    id: &'a str,
    title: &'a str,
    max: f64,
    #[serde(flatten)]
    stats: StatsJson,
    points: Vec<PointStatsJson<'a>>,
}

#[derive(Serialize)]
struct PointStatsJson<'a> {
    id: &'a str,
    title: &'a str,
    max: f64,
    #[serde(flatten)]
    stats: StatsJson,
    reasons: Vec<ReasonJson<'a>>,
}

#[derive(Serialize)]
struct ReasonJson<'a> {
    reason: &'a str,
    records: u64,
}

fn items_json(i: &Items) -> serde_json::Value {
    let items: Vec<ItemStatsJson<'_>> = i
        .items
        .iter()
        .map(|item| ItemStatsJson {
            id: &item.id,
            title: &item.title,
            max: item.max.to_f64(),
            stats: (&item.stats).into(),
            points: item
                .points
                .iter()
                .map(|p| PointStatsJson {
                    id: &p.id,
                    title: &p.title,
                    max: p.max.to_f64(),
                    stats: (&p.stats).into(),
                    reasons: p
                        .reasons
                        .iter()
                        .map(|(r, n)| ReasonJson {
                            reason: r,
                            records: *n,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    serde_json::json!({ "items": items })
}

#[derive(Serialize)]
struct CandidateJson<'a> {
    period: &'a str,
    rank: usize,
    org: &'a str,
    branch: &'a str,
    file: &'a str,
    total: f64,
    satisfaction: Option<f64>,
    band: Option<&'a str>,
}

fn benchmark_json(c: &[Candidate<'_>]) -> serde_json::Value {
    let list: Vec<CandidateJson<'_>> = c
        .iter()
        .map(|c| CandidateJson {
            period: &c.scored.record.period,
            rank: c.rank,
            org: &c.scored.record.org,
            branch: &c.scored.record.branch,
            file: &c.scored.record.file,
            total: c.scored.total.to_f64(),
            satisfaction: c.scored.satisfaction.map(|r| r.to_f64_4()),
            band: c.scored.band,
        })
        .collect();
    serde_json::json!({ "candidates": list })
}

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
        self.write(
            &ComplianceJson {
                rows,
                invalid_files: Vec::new(),
            },
            out,
        )
    }

    /// One view: that view's document (compliance keeps the SPEC §7 `{ "rows": … }`).
    /// Several views: an object keyed by view name.
    fn report(&self, r: &ReportViews<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut views: Vec<(&str, serde_json::Value)> = Vec::new();
        if let Some(rows) = r.compliance {
            let rows: Vec<ComplianceRowJson<'_>> =
                rows.iter().map(ComplianceRowJson::new).collect();
            views.push((
                "compliance",
                serde_json::to_value(&ComplianceJson {
                    rows,
                    invalid_files: invalid_files(r.invalid),
                })
                .map_err(io::Error::other)?,
            ));
        }
        if let Some(t) = r.trend {
            views.push((
                "trend",
                serde_json::to_value(trend_json(t)).map_err(io::Error::other)?,
            ));
        }
        if let Some(l) = r.levels {
            views.push((
                "levels",
                serde_json::to_value(levels_json(l)).map_err(io::Error::other)?,
            ));
        }
        if let Some(i) = r.items {
            views.push(("items", items_json(i)));
        }
        if let Some(b) = r.benchmark {
            views.push(("benchmark", benchmark_json(b)));
        }
        let mut doc = if views.len() == 1 {
            views.remove(0).1
        } else {
            serde_json::Value::Object(views.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
        };
        // A partial report names its invalid files whatever the views.
        if !r.invalid.is_empty()
            && let serde_json::Value::Object(map) = &mut doc
            && !map.contains_key("invalid_files")
        {
            map.insert(
                "invalid_files".into(),
                serde_json::to_value(invalid_files(r.invalid)).map_err(io::Error::other)?,
            );
        }
        if self.lines {
            serde_json::to_writer(&mut *out, &doc).map_err(io::Error::other)?;
            return writeln!(out);
        }
        self.write(&doc, out)
    }

    /// SPEC §9; JSON Lines gives one change per line.
    fn diff(&self, d: &Diff, out: &mut dyn Write) -> io::Result<()> {
        let doc = diff_json(d);
        if self.lines {
            return self.write_lines(&doc.changes, out);
        }
        self.write(&doc, out)
    }

    fn explain(
        &self,
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
