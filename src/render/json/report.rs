//! The JSON of `audit report`: compliance rows, the trend, the levels, the items and the
//! benchmark candidates; with one view its own document, with several an object keyed by
//! view name.

use std::io::{self, Write};

use serde::Serialize;

use crate::aggregate::compliance::ComplianceRow;
use crate::aggregate::progress::{MedianDays, ProgressRow};
use crate::aggregate::rectification::Rectification;
use crate::aggregate::register::{self, NamedState};
use crate::aggregate::views::{Candidate, Items, Levels, Stats, Trend};
use crate::render::ReportViews;

use super::JsonRenderer;

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
    /// The point's checklist version, only among several checklists (SPEC §11.11).
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
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
                version: p.version.as_deref(),
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
    match &i.version {
        None => serde_json::json!({ "items": items }),
        Some(version) => serde_json::json!({ "version": version, "items": items }),
    }
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

/// One entry of the benchmark register (SPEC §12.4).
#[derive(Serialize)]
struct NamedJson<'a> {
    org: &'a str,
    branch: &'a str,
    period: &'a str,
    /// "YYYY-MM-DD".
    decided: String,
    /// The branch's latest record (highest period); null without one.
    latest_period: Option<&'a str>,
    latest_status: Option<&'a str>,
    latest_band: Option<&'a str>,
    /// "revoked", "lapsed", "at-risk" or "kept".
    state: &'a str,
}

fn named_json(states: &[NamedState]) -> Vec<NamedJson<'_>> {
    states
        .iter()
        .map(|s| NamedJson {
            org: &s.named.org,
            branch: &s.named.branch,
            period: &s.named.period,
            decided: register::day(s.named.decided),
            latest_period: s.latest.as_ref().map(|l| l.period.as_str()),
            latest_status: s.latest.as_ref().map(|l| l.status.name()),
            latest_band: s.latest.as_ref().and_then(|l| l.band.as_deref()),
            state: s.state.name(),
        })
        .collect()
}

/// The candidates, and the register's entries (`named`) only when the root has one: a
/// root without benchmarks.toml keeps the document it always had.
fn benchmark_json(c: &[Candidate<'_>], named: Option<&[NamedState]>) -> serde_json::Value {
    let list: Vec<CandidateJson<'_>> = c
        .iter()
        .map(|c| CandidateJson {
            period: c.period,
            rank: c.rank,
            org: c.org,
            branch: c.branch,
            file: c.file,
            total: c.total.to_f64(),
            satisfaction: c.satisfaction.map(|r| r.to_f64_4()),
            band: c.band,
        })
        .collect();
    match named {
        None => serde_json::json!({ "candidates": list }),
        Some(n) => serde_json::json!({ "candidates": list, "named": named_json(n) }),
    }
}

/// The progress view (SPEC §12.2): `{ "rows": [ … ] }`, a median `null` without dated
/// records, a half where the middle two of an even count differ by an odd number of days.
fn progress_json(rows: &[ProgressRow]) -> serde_json::Value {
    let days = |d: Option<MedianDays>| d.map_or(serde_json::Value::Null, MedianDays::to_json);
    // `invalid` only in a partial report, where it is not 0: SPEC §12.2's keys otherwise.
    let partial = rows.iter().any(|r| r.invalid > 0);
    let rows: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let mut row = serde_json::json!({
                "period": r.period,
                "org": r.org,
                "population": r.population,
                "missing": r.missing,
                "self": r.self_,
                "review": r.review,
                "acceptance": r.acceptance,
                "passed": r.passed,
                "median_days_self_to_review": days(r.self_to_review),
                "median_days_review_to_acceptance": days(r.review_to_acceptance),
            });
            if partial {
                row["invalid"] = r.invalid.into();
            }
            row
        })
        .collect();
    serde_json::json!({ "rows": rows })
}

#[derive(Serialize)]
struct RectificationJson<'a> {
    tasks: Vec<TaskJson<'a>>,
    counts: Vec<StatusCountsJson<'a>>,
    untracked: Vec<UntrackedJson<'a>>,
}

/// One task (SPEC §12.3); dates as "YYYY-MM-DD".
#[derive(Serialize)]
struct TaskJson<'a> {
    org: &'a str,
    branch: &'a str,
    period: &'a str,
    /// null when the task answers no point.
    point: Option<&'a str>,
    task: &'a str,
    due: String,
    /// null when not done.
    done: Option<String>,
    /// open, overdue, done or late.
    status: &'static str,
    /// Days overdue (overdue), days late (late), else 0.
    days: i64,
}

#[derive(Serialize)]
struct StatusCountsJson<'a> {
    period: &'a str,
    /// null for the period as a whole.
    org: Option<&'a str>,
    open: u64,
    overdue: u64,
    done: u64,
    late: u64,
}

#[derive(Serialize)]
struct UntrackedJson<'a> {
    org: &'a str,
    branch: &'a str,
    period: &'a str,
    point: &'a str,
    /// max − score at the effective level.
    lost: f64,
}

fn rectification_json<'a>(r: &'a Rectification<'_>) -> RectificationJson<'a> {
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    RectificationJson {
        tasks: r
            .tasks
            .iter()
            .map(|t| TaskJson {
                org: t.org,
                branch: t.branch,
                period: t.period,
                point: t.task.point.as_deref(),
                task: &t.task.task,
                due: day(t.task.due),
                done: t.task.done.map(day),
                status: t.status.name(),
                days: t.days,
            })
            .collect(),
        counts: r
            .counts
            .iter()
            .map(|c| StatusCountsJson {
                period: &c.period,
                org: c.org.as_deref(),
                open: c.open,
                overdue: c.overdue,
                done: c.done,
                late: c.late,
            })
            .collect(),
        untracked: r
            .untracked
            .iter()
            .map(|u| UntrackedJson {
                org: u.org,
                branch: u.branch,
                period: u.period,
                point: u.point,
                lost: u.lost.to_f64(),
            })
            .collect(),
    }
}

/// One view: that view's document (compliance keeps the SPEC §7 `{ "rows": … }`).
/// Several views: an object keyed by view name.
pub(super) fn report(
    json: &JsonRenderer,
    r: &ReportViews<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut views: Vec<(&str, serde_json::Value)> = Vec::new();
    if let Some(rows) = r.compliance {
        let rows: Vec<ComplianceRowJson<'_>> = rows.iter().map(ComplianceRowJson::new).collect();
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
    if let Some(list) = r.items {
        // One checklist: the object as before; several versions: one per version, each
        // naming its version (SPEC §11.11).
        let value = match list {
            [one] if one.version.is_none() => items_json(one),
            _ => serde_json::Value::Array(list.iter().map(items_json).collect()),
        };
        views.push(("items", value));
    }
    if let Some(b) = r.benchmark {
        views.push(("benchmark", benchmark_json(b, r.register)));
    }
    if let Some(p) = r.progress {
        views.push(("progress", progress_json(p)));
    }
    if let Some(r) = r.rectification {
        views.push((
            "rectification",
            serde_json::to_value(rectification_json(r)).map_err(io::Error::other)?,
        ));
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
    if json.lines {
        serde_json::to_writer(&mut *out, &doc).map_err(io::Error::other)?;
        return writeln!(out);
    }
    json.write(&doc, out)
}
