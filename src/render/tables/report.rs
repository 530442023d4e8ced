//! `audit report` as tables: compliance, the trend, the levels, the items, the benchmark
//! candidates and register, progress and rectification, in a fixed order, with the loud notes
//! of a partial report.

use crate::aggregate::progress::{MedianDays, ProgressRow};
use crate::aggregate::rectification::{Rectification, TaskRow, TaskStatus};
use crate::aggregate::register::{self, NamedState};
use crate::aggregate::views::{Candidate, Items, LevelPoint, Levels, Stats, Trend};
use crate::i18n::{tr, tr_word};
use crate::render::{Cell, Column, ComplianceReport, ReportViews, Table};

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
                Cell::text(r.org.clone().unwrap_or_else(|| tr("all"))),
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
                    (Some(false), Some(n)) => Cell::text(t!("not-met-needs-more", n = n)),
                    _ => Cell::Empty,
                },
            ]);
            row
        })
        .collect();
    Table {
        name: "Compliance".into(),
        title: Some(t!("compliance-title", title = report.checklist.title)),
        columns,
        rows,
        notes: Vec::new(),
    }
}

/// The compliance trend: orgs as rows, periods as columns, the targets as the last row.
pub fn trend(t: &Trend) -> Table {
    let mut columns = vec![Column::text("org")];
    columns.extend(t.periods.iter().map(|p| Column::number(p)));
    let mut rows: Vec<Vec<Cell>> = t
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![Cell::text(r.org.clone().unwrap_or_else(|| tr("all")))];
            row.extend(
                r.cells
                    .iter()
                    .map(|c| c.as_ref().map_or(Cell::Empty, |c| Cell::Rate(c.rate))),
            );
            row
        })
        .collect();
    let mut target = vec![Cell::text(tr("target-parenthesised"))];
    target.extend(t.targets.iter().map(|t| t.map_or(Cell::Empty, Cell::Rate)));
    rows.push(target);
    let notes = t
        .rows
        .iter()
        .filter(|r| r.org.is_none())
        .flat_map(|r| r.cells.iter().flatten())
        .map(|c| match (c.met(), c.shortfall()) {
            (Some(true), _) => t!(
                "of-passed-target-met",
                period = c.period,
                passed = c.passed,
                population = c.population
            ),
            (Some(false), Some(n)) => t!(
                "of-passed-target-not-met-needs",
                period = c.period,
                passed = c.passed,
                population = c.population,
                n = n
            ),
            _ => t!(
                "of-passed-no-target",
                period = c.period,
                passed = c.passed,
                population = c.population
            ),
        })
        .collect();
    Table {
        name: "Trend".into(),
        title: Some(tr("compliance-trend-share-of-branches-passing")),
        columns,
        rows,
        notes,
    }
}

/// Self-assessment vs review vs acceptance: per record, per org, per point.
pub fn levels(l: &Levels) -> Vec<Table> {
    let records = Table {
        name: "Levels".into(),
        title: Some(tr("totals-per-level-records-with-more")),
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
        notes: vec![tr("gap-total-of-the-lowest-complete")],
    };
    let orgs = Table {
        name: "Level gaps by org".into(),
        title: Some(tr("average-gap-per-org")),
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
    let points_table = |version: Option<&str>, points: &[&LevelPoint]| Table {
        name: match version {
            None => "Level gaps by point".into(),
            // untranslated: a table's name, which the xlsx writer translates before the version
            Some(v) => format!("Level gaps by point {v}"),
        },
        title: Some(match version {
            None => tr("points-with-the-largest-systematic-gaps"),
            Some(v) => t!(
                "checklist-version-title",
                title = tr("points-with-the-largest-systematic-gaps"),
                version = v
            ),
        }),
        columns: vec![
            Column::text("id"),
            Column::text("point"),
            Column::number("max"),
            Column::number("records"),
            Column::number("average gap"),
            Column::number("self-rated higher"),
        ],
        rows: points
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
    // One table of points per checklist version (SPEC §11.11), in the order given.
    let mut versions: Vec<Option<&str>> = Vec::new();
    for p in &l.points {
        if !versions.contains(&p.version.as_deref()) {
            versions.push(p.version.as_deref());
        }
    }
    if versions.is_empty() {
        versions.push(None);
    }
    let mut out = vec![records, orgs];
    for v in versions {
        let mine: Vec<&LevelPoint> = l
            .points
            .iter()
            .filter(|p| p.version.as_deref() == v)
            .collect();
        out.push(points_table(v, &mine));
    }
    out
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
        name: match &i.version {
            None => "Items".into(),
            Some(v) => format!("Items {v}"),
        },
        title: Some(match &i.version {
            None => tr("where-points-are-lost"),
            Some(v) => t!(
                "checklist-version-title",
                title = tr("where-points-are-lost"),
                version = v
            ),
        }),
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
            tr("a-point-counts-in-the-records"),
            tr("an-item-s-average-is-the"),
            tr("lost-points-of-applicable-max"),
        ],
    }
}

/// Benchmark candidates, ranked within each period.
pub fn benchmark(candidates: &[Candidate<'_>]) -> Table {
    Table {
        name: "Benchmark".into(),
        title: Some(tr("benchmark-candidates-passing-branches-by-total")),
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
                vec![
                    Cell::text(c.period),
                    Cell::Count(c.rank as u64),
                    Cell::text(c.org),
                    Cell::text(c.branch),
                    Cell::Points(c.total),
                    c.satisfaction.map_or(Cell::Empty, Cell::Rate),
                    Cell::opt_text(c.band),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// A task's status for people, in the interface language.
pub fn task_status(status: TaskStatus) -> String {
    tr(match status {
        TaskStatus::Open => "task-open",
        TaskStatus::Overdue => "task-overdue",
        TaskStatus::Done => "task-done",
        TaskStatus::Late => "task-late",
    })
}

fn status_column(status: TaskStatus) -> Column {
    Column {
        name: task_status(status),
        numeric: true,
    }
}

/// The tasks of a rectification view as a table, in the order given.
pub fn rectification_tasks<'a>(
    title: String,
    tasks: impl Iterator<Item = &'a TaskRow<'a>>,
) -> Table {
    Table {
        name: "Rectification".into(),
        title: Some(title),
        columns: vec![
            Column::text("org"),
            Column::text("branch"),
            Column::text("period"),
            Column::text("point"),
            Column::text("task"),
            Column::text("due"),
            Column::text("done"),
            Column::text("status"),
            Column::number("days"),
        ],
        rows: tasks
            .map(|t| {
                vec![
                    Cell::text(t.org),
                    Cell::text(t.branch),
                    Cell::text(t.period),
                    Cell::opt_text(t.task.point.as_deref()),
                    Cell::text(&t.task.task),
                    Cell::text(t.task.due.to_string()),
                    t.task
                        .done
                        .map_or(Cell::Empty, |d| Cell::text(d.to_string())),
                    Cell::text(task_status(t.status)),
                    Cell::Count(t.days.unsigned_abs()),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// The rectification view (SPEC §12.3): the tasks, the count of each status per period and
/// org, and the points that lost points without a task.
pub fn rectification(r: &Rectification<'_>) -> Vec<Table> {
    let as_of = r.as_of.to_string();
    let mut tasks = rectification_tasks(
        t!("rectification-tasks-as-of", date = as_of),
        r.tasks.iter(),
    );
    if r.tasks.is_empty() {
        tasks.notes.push(tr("no-rectification-tasks"));
    }
    let counts = Table {
        name: "Rectification by org".into(),
        title: Some(t!("rectification-tasks-by-status", date = as_of)),
        columns: vec![
            Column::text("period"),
            Column::text("org"),
            // A status, not the task's date column ("done" is both in English).
            status_column(TaskStatus::Open),
            status_column(TaskStatus::Overdue),
            status_column(TaskStatus::Done),
            status_column(TaskStatus::Late),
        ],
        rows: r
            .counts
            .iter()
            .map(|c| {
                vec![
                    Cell::text(&c.period),
                    Cell::text(c.org.clone().unwrap_or_else(|| tr("all"))),
                    Cell::Count(c.open),
                    Cell::Count(c.overdue),
                    Cell::Count(c.done),
                    Cell::Count(c.late),
                ]
            })
            .collect(),
        notes: Vec::new(),
    };
    let untracked = Table {
        name: "Untracked".into(),
        title: Some(tr("points-that-lost-points-without-a-task")),
        columns: vec![
            Column::text("org"),
            Column::text("branch"),
            Column::text("period"),
            Column::text("point"),
            Column::text("point title"),
            Column::number("lost"),
        ],
        rows: r
            .untracked
            .iter()
            .map(|u| {
                vec![
                    Cell::text(u.org),
                    Cell::text(u.branch),
                    Cell::text(u.period),
                    Cell::text(u.point),
                    Cell::text(u.title),
                    Cell::Points(u.lost),
                ]
            })
            .collect(),
        notes: if r.untracked.is_empty() {
            vec![tr("every-lost-point-has-a-task")]
        } else {
            Vec::new()
        },
    };
    vec![tasks, counts, untracked]
}

/// The benchmark register: each named branch with its latest record and its state, in the
/// order given (by org, branch, period; the HTML report puts the at-risk ones first).
pub fn register(states: &[NamedState]) -> Table {
    Table {
        name: "Benchmark register".into(),
        title: Some(tr("benchmark-register-named-by-the-committee")),
        columns: vec![
            Column::text("org"),
            Column::text("branch"),
            Column::text("period"),
            Column::text("decided"),
            Column::text("latest period"),
            Column::text("latest status"),
            Column::text("latest band"),
            Column::text("state"),
            Column::text("why"),
        ],
        rows: states
            .iter()
            .map(|s| {
                let latest = s.latest.as_ref();
                vec![
                    Cell::text(&s.named.org),
                    Cell::text(&s.named.branch),
                    Cell::text(&s.named.period),
                    Cell::text(register::day(s.named.decided)),
                    Cell::opt_text(latest.map(|l| l.period.as_str())),
                    Cell::opt_text(latest.map(|l| tr_word(l.status.name())).as_deref()),
                    Cell::opt_text(latest.and_then(|l| l.band.as_deref())),
                    Cell::text(tr_word(s.state.name())),
                    Cell::opt_text(s.why.as_ref().map(|w| w.shown()).as_deref()),
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
        "partial-report-invalid-record-s-left",
        n = invalid.len(),
        files = files.join(", ")
    )];
    let unnamed = invalid.iter().filter(|i| i.who.is_none()).count();
    if unnamed > 0 {
        notes.push(t!("of-them-name-no-readable-org", n = unnamed));
    }
    notes
}

/// The campaign's progress (SPEC §12.2): per period and org, the population by stage and the
/// median days between the levels.
pub fn progress(rows: &[ProgressRow]) -> Table {
    // A partial report's invalid records have a column of their own, as in compliance.
    let partial = rows.iter().any(|r| r.invalid > 0);
    let mut columns = vec![
        Column::text("period"),
        Column::text("org"),
        Column::number("population"),
        Column::number("missing"),
    ];
    if partial {
        columns.push(Column::number("invalid"));
    }
    columns.extend([
        Column::number("self"),
        Column::number("review"),
        Column::number("acceptance"),
        Column::number("passed"),
        Column::number("median days self to review"),
        Column::number("median days review to acceptance"),
    ]);
    let days = |d: Option<MedianDays>| d.map_or(Cell::Empty, |d| Cell::Number(d.to_string()));
    let rows = rows
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::text(&r.period),
                Cell::text(r.org.clone().unwrap_or_else(|| tr("all"))),
                Cell::Count(r.population),
                Cell::Count(r.missing),
            ];
            if partial {
                row.push(Cell::Count(r.invalid));
            }
            row.extend([
                Cell::Count(r.self_),
                Cell::Count(r.review),
                Cell::Count(r.acceptance),
                Cell::Count(r.passed),
                days(r.self_to_review),
                days(r.review_to_acceptance),
            ]);
            row
        })
        .collect();
    Table {
        name: "Progress".into(),
        title: Some(tr("progress-title")),
        columns,
        rows,
        notes: Vec::new(),
    }
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
            Some(t) => format!("{t} — {}", tr("partial-report")),
            None => tr("partial-report"),
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
    if let Some(list) = r.items {
        out.extend(list.iter().map(items));
    }
    if let Some(b) = r.benchmark {
        out.push(benchmark(b));
    }
    if let Some(n) = r.register {
        out.push(register(n));
    }
    if let Some(p) = r.progress {
        out.push(progress(p));
    }
    if let Some(rect) = r.rectification {
        out.extend(rectification(rect));
    }
    out
}
