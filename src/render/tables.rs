//! Computed reports → [`Table`]s, shared by the table, CSV, Markdown and xlsx renderers.
//!
//! This module only arranges and labels figures that scoring and compliance computed; it
//! never computes a score, a rate or a status itself.

use crate::diagnostic::Severity;
use crate::read::checklist::Checklist;
use crate::read::record::Record;
use crate::score::{How, PointScore, Scored, Status};

use crate::aggregate::diff::Diff;
use crate::aggregate::views::{Candidate, Items, Levels, Stats, Trend};

use crate::i18n::tr;

use super::{Cell, CheckReport, Column, ComplianceReport, ReportViews, ScoreReport, Table};

/// Reasons as people read them, joined.
pub fn shown(reasons: &[crate::i18n::Text], sep: &str) -> String {
    let sep = if crate::i18n::zh() && sep == "; " {
        "；"
    } else {
        sep
    };
    reasons
        .iter()
        .map(|r| r.shown.as_str())
        .collect::<Vec<_>>()
        .join(sep)
}

/// `audit score`: one row per record.
pub fn scores(report: &ScoreReport<'_>) -> Table {
    let mut columns: Vec<Column> = vec![
        Column::text("org"),
        Column::text("branch"),
        Column::text("period"),
        Column::text("level"),
        Column::number("base"),
        Column::number("bonus"),
        Column::number("total"),
        Column::number("satisfaction"),
        Column::text("band"),
        Column::text("status"),
    ];
    if report.items {
        columns.extend(report.checklist.items.iter().map(|i| Column::number(&i.id)));
    }
    columns.push(Column::text("reasons"));
    let rows = report
        .records
        .iter()
        .map(|s| {
            let mut row = vec![
                Cell::text(&s.record.org),
                Cell::text(&s.record.branch),
                Cell::text(&s.record.period),
                s.level.map_or(Cell::Empty, |l| Cell::text(tr(l.name()))),
                Cell::Points(s.base),
                Cell::Points(s.bonus),
                Cell::Points(s.total),
                s.satisfaction.map_or(Cell::Empty, Cell::Rate),
                Cell::opt_text(s.band),
                Cell::text(tr(s.status.name())),
            ];
            if report.items {
                row.extend(s.items.iter().map(|i| Cell::Points(i.score)));
            }
            row.push(Cell::text(reasons_with_would(s)));
            row
        })
        .collect();
    Table {
        name: "Scores".into(),
        title: None,
        columns,
        rows,
        notes: vec![status_summary(report.records)],
    }
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
        Status::Pass => tr("would pass"),
        _ => t!("would fail: {reasons}", reasons = shown(&w.reasons, "; ")),
    })
}

/// "12 records: 10 pass, 1 fail, 1 incomplete".
pub fn status_summary(records: &[Scored<'_>]) -> String {
    let count = |st: Status| records.iter().filter(|s| s.status == st).count();
    let (n, pass, fail, incomplete) = (
        records.len(),
        count(Status::Pass),
        count(Status::Fail),
        count(Status::Incomplete),
    );
    if n == 1 {
        t!(
            "{n} record: {pass} pass, {fail} fail, {incomplete} incomplete",
            n = n,
            pass = pass,
            fail = fail,
            incomplete = incomplete
        )
    } else {
        t!(
            "{n} records: {pass} pass, {fail} fail, {incomplete} incomplete",
            n = n,
            pass = pass,
            fail = fail,
            incomplete = incomplete
        )
    }
}

/// `audit report`: compliance per (period, org) and per period. A partial report
/// (`--partial`) with invalid records gets an `invalid` column after `missing`.
pub fn compliance(report: &ComplianceReport<'_>) -> Table {
    let partial = report.rows.iter().any(|r| r.invalid > 0);
    let mut columns = vec![
        Column::text("period"),
        Column::text("org"),
        Column::number("population"),
        Column::number("passed"),
        Column::number("failed"),
        Column::number("incomplete"),
        Column::number("missing"),
    ];
    if partial {
        columns.push(Column::number("invalid"));
    }
    columns.extend([
        Column::number("rate"),
        Column::number("target"),
        Column::text("met"),
    ]);
    let rows = report
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::text(&r.period),
                Cell::text(r.org.clone().unwrap_or_else(|| tr("(all)"))),
                Cell::Count(r.population),
                Cell::Count(r.passed),
                Cell::Count(r.failed),
                Cell::Count(r.incomplete),
                Cell::Count(r.missing),
            ];
            if partial {
                row.push(Cell::Count(r.invalid));
            }
            row.extend([
                Cell::Rate(r.rate),
                r.target.map_or(Cell::Empty, Cell::Rate),
                match (r.met(), r.shortfall()) {
                    (Some(true), _) => Cell::text(tr("met")),
                    (Some(false), Some(1)) => {
                        Cell::text(t!("not met: needs {n} more passing branch", n = 1))
                    }
                    (Some(false), Some(n)) => {
                        Cell::text(t!("not met: needs {n} more passing branches", n = n))
                    }
                    _ => Cell::Empty,
                },
            ]);
            row
        })
        .collect();
    Table {
        name: "Compliance".into(),
        title: Some(t!("Compliance: {title}", title = report.checklist.title)),
        columns,
        rows,
        notes: Vec::new(),
    }
}

/// `audit explain`: the record point by point, then the summary.
pub fn explain(checklist: &Checklist, s: &Scored<'_>) -> Vec<Table> {
    let r = &s.record;
    let mut rows = Vec::new();
    for item in &s.items {
        rows.push(vec![
            Cell::text(item.id),
            Cell::text(item.title),
            Cell::Points(item.max),
            Cell::Points(item.applicable),
            Cell::Points(item.score),
            Cell::Points(item.applicable - item.score),
            Cell::Empty,
        ]);
        for p in &item.points {
            rows.push(vec![
                Cell::text(p.id()),
                Cell::text(format!("  {}", p.title())),
                Cell::Points(p.max()),
                match p.how {
                    How::NotApplicable => Cell::Empty,
                    _ => Cell::Points(p.max()),
                },
                match p.how {
                    How::NotApplicable => Cell::text(tr("n/a")),
                    _ => Cell::Points(p.score),
                },
                match p.how {
                    How::NotApplicable => Cell::Empty,
                    _ => Cell::Points(p.max() - p.score),
                },
                Cell::text(how(p, s)),
            ]);
        }
    }
    let points = Table {
        name: "Explain".into(),
        title: Some(t!(
            "{org} / {branch} / {period}: {level} ({file})",
            org = r.org,
            branch = r.branch,
            period = r.period,
            level = tr(s.level.map_or("no level", |l| l.name())),
            file = r.file
        )),
        columns: vec![
            Column::text("id"),
            Column::text("item / point"),
            Column::number("max"),
            Column::number("applicable"),
            Column::number("score"),
            Column::number("lost"),
            Column::text("where points went"),
        ],
        rows,
        notes: vec![tr(
            "applicable = max without the points marked \"na\"; lost = applicable − score",
        )],
    };
    let summary = Table {
        name: "Result".into(),
        title: Some(tr("Result")),
        columns: vec![Column::text("figure"), Column::text("value")],
        rows: summary_rows(checklist, s),
        notes: Vec::new(),
    };
    vec![points, summary]
}

fn how(p: &PointScore<'_>, s: &Scored<'_>) -> String {
    let mut lines = Vec::new();
    // Beside a band, the rate reads below the next band up when it missed it, however close
    // (Rate::percent_below): "84.996%: below every band", not "85%".
    let bands = p.point.derive.as_deref().unwrap_or_default();
    let rate = || {
        s.satisfaction.map_or(String::new(), |r| {
            match bands.iter().rev().find(|b| b.min > r) {
                Some(missed) => r.percent_below(missed.min),
                None => r.percent(),
            }
        })
    };
    match &p.how {
        How::Points if p.score == p.max() => {}
        How::Points => lines.push(t!(
            "scored {score} of {max}",
            score = p.score,
            max = p.max()
        )),
        How::Grade(g) => lines.push(t!("grade {grade}", grade = g)),
        How::NotApplicable => lines.push(tr("not applicable: left out of the applicable max")),
        How::Deductions(list) => {
            for d in list.iter() {
                let amount = if d.times == 1 {
                    format!("−{}", d.points)
                } else {
                    format!("−{} × {}", d.points, d.times)
                };
                lines.push(format!("{amount}: {}", d.reason));
            }
            let lost = crate::read::record::deducted(list);
            if lost > p.max() {
                lines.push(t!("(deductions of {lost} floored at 0)", lost = lost));
            }
        }
        How::Derived(Some(band)) => lines.push(t!(
            "from satisfaction {rate} (band ≥ {min})",
            rate = rate(),
            min = band.min.percent()
        )),
        How::Derived(None) => lines.push(t!(
            "from satisfaction {rate}: below every band",
            rate = rate()
        )),
        How::DerivedNoSurvey => lines.push(tr("no satisfaction survey: scores 0")),
        How::Missing => lines.push(match s.level {
            Some(l) => t!("not assessed in {level}", level = tr(l.name())),
            None => tr("not assessed"),
        }),
    }
    if let Some(note) = p.note() {
        lines.push(t!("note: {note}", note = note));
    }
    if !p.evidence().is_empty() {
        lines.push(t!("evidence: {files}", files = p.evidence().join(", ")));
    }
    lines.join("\n")
}

fn summary_rows(checklist: &Checklist, s: &Scored<'_>) -> Vec<Vec<Cell>> {
    let total_max = checklist.total();
    let mut rows = Vec::new();
    let mut add = |k: &str, v: String| rows.push(vec![Cell::text(tr(k)), Cell::text(v)]);
    if s.applicable == total_max {
        add(
            "base",
            t!("{base} of {max}", base = s.base.fixed(), max = total_max),
        );
    } else {
        add(
            "base",
            t!(
                "{base} of {max}: {raw} of {applicable} applicable points, scaled × {max} / {applicable} and rounded",
                base = s.base.fixed(),
                max = total_max,
                raw = s.raw_base.fixed(),
                applicable = s.applicable
            ),
        );
    }
    add("bonus", bonus_text(checklist, s.record, s));
    add("total", s.total.fixed());
    let shown_rate = |rate: crate::points::Rate| match checklist.pass.min_satisfaction {
        Some(min) => rate.percent_below(min),
        None => rate.percent(),
    };
    let sat = match (&s.record.survey, s.satisfaction) {
        (Some(survey), Some(rate)) => match survey.counts {
            Some((a, n)) => t!(
                "{rate} ({satisfied} of {surveyed} satisfied)",
                rate = shown_rate(rate),
                satisfied = a,
                surveyed = n
            ),
            None => shown_rate(rate),
        },
        _ => tr("no survey"),
    };
    let sat = match checklist.pass.min_satisfaction {
        Some(min) => t!("{sat}; required {min}", sat = sat, min = min.percent()),
        None => sat,
    };
    add("satisfaction", sat);
    let vetoes = if s.vetoes.is_empty() {
        tr("none triggered")
    } else {
        s.vetoes
            .iter()
            .map(|id| {
                format!(
                    "{id}: {}",
                    checklist.veto(id).map_or("", |v| v.title.as_str())
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    add("vetoes", vetoes);
    add("status", tr(s.status.name()));
    if !s.reasons.is_empty() {
        add("reasons", shown(&s.reasons, "\n"));
    }
    if let Some(w) = would_text(s) {
        add("verdict of this level", w);
    }
    add("band", s.band.map_or_else(|| tr("none"), str::to_string));
    rows
}

fn bonus_text(checklist: &Checklist, r: &Record, s: &Scored<'_>) -> String {
    if r.bonus.is_empty() {
        return s.bonus.fixed();
    }
    let parts: Vec<String> = r
        .bonus
        .iter()
        .map(|(id, p)| {
            let title = checklist.bonus_def(id).map_or("", |b| b.title.as_str());
            format!("{id} {title} {p}")
        })
        .collect();
    let capped = if s.raw_bonus > s.bonus {
        format!(", {}", t!("capped from {raw}", raw = s.raw_bonus))
    } else {
        String::new()
    };
    format!("{} ({}{capped})", s.bonus.fixed(), parts.join("; "))
}

/// "36 record files checked: 0 errors, 1 warning".
pub fn checked_summary(records: usize, errors: usize, warnings: usize) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::Zh {
        return t!(
            "{n} record files checked: {errors} errors, {warnings} warnings",
            n = records,
            errors = errors,
            warnings = warnings
        );
    }
    let s = |n: usize| if n == 1 { "" } else { "s" };
    // untranslated: the English plural forms; Chinese goes through t!() above
    format!(
        "{records} record file{} checked: {errors} error{}, {warnings} warning{}",
        s(records),
        s(errors),
        s(warnings)
    )
}

/// `audit check` in the tabular formats: the diagnostics and the gates.
pub fn check(report: &CheckReport<'_>) -> Vec<Table> {
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    let diagnostics = Table {
        name: "Diagnostics".into(),
        title: Some(tr("Diagnostics")),
        columns: vec![
            Column::text("severity"),
            Column::text("file"),
            Column::number("line"),
            Column::number("column"),
            Column::text("message"),
        ],
        rows: report
            .diagnostics
            .iter()
            .map(|d| {
                vec![
                    Cell::text(tr(match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    })),
                    Cell::text(&d.file),
                    Cell::Count(d.line as u64),
                    Cell::Count(d.column as u64),
                    Cell::text(d.shown()),
                ]
            })
            .collect(),
        notes: vec![checked_summary(report.records, errors, warnings)],
    };
    let mut tables = vec![diagnostics];
    if !report.gates.is_empty() {
        tables.push(Table {
            name: "Gates".into(),
            title: Some(tr("Gates")),
            columns: vec![
                Column::text("gate"),
                Column::text("result"),
                Column::text("details"),
            ],
            rows: report
                .gates
                .iter()
                .map(|g| {
                    vec![
                        Cell::text(&g.shown_gate),
                        Cell::text(if g.passed {
                            crate::i18n::trc("gate", "passed")
                        } else {
                            tr("FAILED")
                        }),
                        Cell::text(g.shown_details.join("\n")),
                    ]
                })
                .collect(),
            notes: Vec::new(),
        });
    }
    tables
}

/// The compliance trend: orgs as rows, periods as columns, the targets as the last row.
pub fn trend(t: &Trend) -> Table {
    let mut columns = vec![Column::text("org")];
    columns.extend(t.periods.iter().map(|p| Column::number(p)));
    let mut rows: Vec<Vec<Cell>> = t
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![Cell::text(r.org.clone().unwrap_or_else(|| tr("(all)")))];
            row.extend(
                r.cells
                    .iter()
                    .map(|c| c.as_ref().map_or(Cell::Empty, |c| Cell::Rate(c.rate))),
            );
            row
        })
        .collect();
    let mut target = vec![Cell::text(tr("(target)"))];
    target.extend(t.targets.iter().map(|t| t.map_or(Cell::Empty, Cell::Rate)));
    rows.push(target);
    let notes = t
        .rows
        .iter()
        .filter(|r| r.org.is_none())
        .flat_map(|r| r.cells.iter().flatten())
        .map(|c| match (c.met(), c.shortfall()) {
            (Some(true), _) => t!(
                "{period}: {passed} of {population} passed, target met",
                period = c.period,
                passed = c.passed,
                population = c.population
            ),
            (Some(false), Some(1)) => t!(
                "{period}: {passed} of {population} passed, target not met: needs {n} more passing branch",
                period = c.period,
                passed = c.passed,
                population = c.population,
                n = 1
            ),
            (Some(false), Some(n)) => t!(
                "{period}: {passed} of {population} passed, target not met: needs {n} more passing branches",
                period = c.period,
                passed = c.passed,
                population = c.population,
                n = n
            ),
            _ => t!(
                "{period}: {passed} of {population} passed, no target",
                period = c.period,
                passed = c.passed,
                population = c.population
            ),
        })
        .collect();
    Table {
        name: "Trend".into(),
        title: Some(tr(
            "Compliance trend: share of branches passing, per period",
        )),
        columns,
        rows,
        notes,
    }
}

/// Self-assessment vs review vs acceptance: per record, per org, per point.
pub fn levels(l: &Levels) -> Vec<Table> {
    let records = Table {
        name: "Levels".into(),
        title: Some(tr(
            "Totals per level (records with more than one complete level)",
        )),
        columns: vec![
            Column::text("org"),
            Column::text("branch"),
            Column::text("period"),
            Column::number("self"),
            Column::number("review"),
            Column::number("acceptance"),
            Column::number("gap"),
        ],
        rows: l
            .records
            .iter()
            .map(|r| {
                let mut row = vec![
                    Cell::text(&r.org),
                    Cell::text(&r.branch),
                    Cell::text(&r.period),
                ];
                row.extend(r.totals.iter().map(|t| t.map_or(Cell::Empty, Cell::Points)));
                row.push(Cell::Points(r.gap));
                row
            })
            .collect(),
        notes: vec![tr(
            "gap = total of the lowest complete level − total of the highest; positive means the branch rated itself more generously",
        )],
    };
    let orgs = Table {
        name: "Level gaps by org".into(),
        title: Some(tr("Average gap per org")),
        columns: vec![
            Column::text("org"),
            Column::number("records"),
            Column::number("average gap"),
            Column::number("self-rated higher"),
        ],
        rows: l
            .orgs
            .iter()
            .map(|o| {
                vec![
                    Cell::text(&o.org),
                    Cell::Count(o.records),
                    Cell::Points(o.mean_gap()),
                    Cell::Count(o.inflated),
                ]
            })
            .collect(),
        notes: Vec::new(),
    };
    let points = Table {
        name: "Level gaps by point".into(),
        title: Some(tr("Points with the largest systematic gaps")),
        columns: vec![
            Column::text("id"),
            Column::text("point"),
            Column::number("max"),
            Column::number("records"),
            Column::number("average gap"),
            Column::number("self-rated higher"),
        ],
        rows: l
            .points
            .iter()
            .map(|p| {
                vec![
                    Cell::text(&p.id),
                    Cell::text(&p.title),
                    Cell::Points(p.max),
                    Cell::Count(p.records),
                    Cell::Points(p.mean_gap()),
                    Cell::Count(p.higher),
                ]
            })
            .collect(),
        notes: Vec::new(),
    };
    vec![records, orgs, points]
}

/// Where branches lose points.
pub fn items(i: &Items) -> Table {
    let stat_cells = |s: &Stats| {
        vec![
            if s.records > 0 {
                Cell::Points(s.applicable)
            } else {
                Cell::Empty
            },
            Cell::Count(s.records),
            Cell::Points(s.mean()),
            s.share().map_or(Cell::Empty, Cell::Rate),
            s.lost_share().map_or(Cell::Empty, Cell::Rate),
        ]
    };
    let mut rows = Vec::new();
    for item in &i.items {
        let mut row = vec![
            Cell::text(&item.id),
            Cell::text(&item.title),
            Cell::Points(item.max),
        ];
        row.extend(stat_cells(&item.stats));
        row.push(Cell::Empty);
        rows.push(row);
        for p in &item.points {
            let mut row = vec![
                Cell::text(&p.id),
                Cell::text(format!("  {}", p.title)),
                Cell::Points(p.max),
            ];
            row.extend(stat_cells(&p.stats));
            row.push(Cell::text(
                p.reasons
                    .iter()
                    .map(|(r, n)| format!("{r} ×{n}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ));
            rows.push(row);
        }
    }
    Table {
        name: "Items".into(),
        title: Some(tr("Where points are lost")),
        columns: vec![
            Column::text("id"),
            Column::text("item / point"),
            Column::number("max"),
            Column::number("applicable max"),
            Column::number("records"),
            Column::number("average"),
            Column::number("share of max"),
            Column::number("lost points"),
            Column::text("most common deduction reasons"),
        ],
        rows,
        notes: vec![
            tr(
                "a point counts in the records where it applies (\"na\" and unassessed left out); its average is over those records",
            ),
            tr(
                "an item's average is the sum of its points' averages; its applicable max the sum of the max of its points that apply anywhere; share of max = average / applicable max",
            ),
            tr("lost points = share of the records that scored below the applicable max"),
        ],
    }
}

/// Benchmark candidates, ranked within each period.
pub fn benchmark(candidates: &[Candidate<'_>]) -> Table {
    Table {
        name: "Benchmark".into(),
        title: Some(tr(
            "Benchmark candidates: passing branches by total, then satisfaction",
        )),
        columns: vec![
            Column::text("period"),
            Column::number("rank"),
            Column::text("org"),
            Column::text("branch"),
            Column::number("total"),
            Column::number("satisfaction"),
            Column::text("band"),
        ],
        rows: candidates
            .iter()
            .map(|c| {
                let s = c.scored;
                vec![
                    Cell::text(&s.record.period),
                    Cell::Count(c.rank as u64),
                    Cell::text(&s.record.org),
                    Cell::text(&s.record.branch),
                    Cell::Points(s.total),
                    s.satisfaction.map_or(Cell::Empty, Cell::Rate),
                    Cell::opt_text(s.band),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// What a partial report says about the invalid records it was written over, loudly, in
/// every format: "PARTIAL REPORT: 2 invalid records left out: a.toml, b.toml …". Empty when
/// there are none.
pub fn partial_notes(invalid: &[crate::read::load::InvalidRecord]) -> Vec<String> {
    if invalid.is_empty() {
        return Vec::new();
    }
    let files: Vec<&str> = invalid.iter().map(|i| i.file.as_str()).collect();
    let mut notes = vec![t!(
        "PARTIAL REPORT: {n} invalid record(s) left out of every figure: {files}. Their branches count as \"invalid\" in the compliance rows, not as missing; fix them (see audit check) before relying on these figures",
        n = invalid.len(),
        files = files.join(", ")
    )];
    let unnamed = invalid.iter().filter(|i| i.who.is_none()).count();
    if unnamed > 0 {
        notes.push(t!(
            "{n} of them name no readable org, branch or period and are counted in no row",
            n = unnamed
        ));
    }
    notes
}

/// Every selected view of `audit report`, in a fixed order.
pub fn report(r: &ReportViews<'_>) -> Vec<Table> {
    let mut out = report_views(r);
    let notes = partial_notes(r.invalid);
    if let Some(first) = out.first_mut()
        && !notes.is_empty()
    {
        // In the title too: the title is what xlsx and CSV-less readers see first.
        first.title = Some(match first.title.take() {
            Some(t) => format!("{t} — {}", tr("PARTIAL REPORT")),
            None => tr("PARTIAL REPORT"),
        });
        let mut all = notes;
        all.append(&mut first.notes);
        first.notes = all;
    }
    out
}

fn report_views(r: &ReportViews<'_>) -> Vec<Table> {
    let mut out = Vec::new();
    if let Some(rows) = r.compliance {
        out.push(compliance(&ComplianceReport {
            checklist: r.checklist,
            rows,
        }));
    }
    if let Some(t) = r.trend {
        out.push(trend(t));
    }
    if let Some(l) = r.levels {
        out.extend(levels(l));
    }
    if let Some(i) = r.items {
        out.push(items(i));
    }
    if let Some(b) = r.benchmark {
        out.push(benchmark(b));
    }
    out
}

/// `audit diff`: the records that changed, then each period's overall compliance rate.
pub fn diff(d: &Diff) -> Vec<Table> {
    let side = |o: &Option<crate::aggregate::diff::Outcome>| match o {
        Some(o) => (
            Cell::text(tr(o.status.name())),
            Cell::Points(o.total),
            Cell::opt_text(o.band.as_deref()),
        ),
        None => (Cell::Empty, Cell::Empty, Cell::Empty),
    };
    let changes = Table {
        name: "Changes".into(),
        title: Some(tr("Records that changed")),
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
                    Cell::text(tr(c.change.name())),
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
        title: Some(tr("Compliance rate per period")),
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
                    (None, Some(_)) => tr("new period"),
                    (Some(_), None) => tr("period gone"),
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
