//! `audit score` as a table: one row per record, and how many pass, fail or are incomplete.

use crate::i18n::tr_word;
use crate::render::figures::{Extra, measure_rate};
use crate::render::{Cell, Column, ScoreReport, Table};
use crate::score::{Scored, Status};

use super::reasons_with_would;

/// `audit score`: one row per record, with the columns its records call for (penalties,
/// version, measures).
pub fn scores(report: &ScoreReport<'_>) -> Table {
    scores_with(report, &Extra::of(report.checklist, report.records))
}

/// One row per record with the columns of SPEC §5 and those of `extra`, each only where the
/// checklists have it (SPEC §11), so v1 tables stay as they were: a version after the period,
/// penalties after the bonus, a rate per measure after the satisfaction.
fn scores_with(report: &ScoreReport<'_>, extra: &Extra<'_>) -> Table {
    let mut columns: Vec<Column> = vec![
        Column::text("org"),
        Column::text("branch"),
        Column::text("period"),
    ];
    if extra.version {
        columns.push(Column::text("version"));
    }
    columns.extend([
        Column::text("level"),
        Column::number("base"),
        Column::number("bonus"),
    ]);
    if extra.penalties {
        columns.push(Column::number("penalties"));
    }
    columns.extend([Column::number("total"), Column::number("satisfaction")]);
    columns.extend(extra.measures.iter().map(|id| Column::number(id)));
    columns.extend([Column::text("band"), Column::text("status")]);
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
            ];
            if extra.version {
                row.push(Cell::opt_text(s.checklist.version.as_deref()));
            }
            row.extend([
                s.level_name()
                    .map_or(Cell::Empty, |l| Cell::text(tr_word(l))),
                Cell::Points(s.base),
                Cell::Points(s.bonus),
            ]);
            if extra.penalties {
                row.push(Cell::Points(s.penalties));
            }
            row.extend([
                Cell::Points(s.total),
                s.satisfaction.map_or(Cell::Empty, Cell::Rate),
            ]);
            row.extend(
                extra
                    .measures
                    .iter()
                    .map(|id| measure_rate(s, id).map_or(Cell::Empty, Cell::Rate)),
            );
            row.extend([Cell::opt_text(s.band), Cell::text(tr_word(s.status.name()))]);
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

/// `audit score`: one table, or with `--items` over records of several checklist versions
/// (SPEC §11.11), one table per version, since each has its own items, in period order.
pub fn scores_tables(report: &ScoreReport<'_>) -> Vec<Table> {
    if !report.items
        || !report
            .records
            .iter()
            .any(|s| s.checklist.versioning.several)
    {
        return vec![scores(report)];
    }
    let groups = super::by_version(report.records);
    let last = groups.len() - 1;
    groups
        .into_iter()
        .enumerate()
        .map(|(n, (checklist, records))| {
            let version_report = ScoreReport {
                checklist,
                records: &records,
                items: true,
            };
            // Each table is one version's, named in its title: no version column.
            let extra = Extra {
                version: false,
                ..Extra::of(checklist, &records)
            };
            let mut table = scores_with(&version_report, &extra);
            let version = checklist.version.as_deref().unwrap_or("");
            table.name = format!("Scores {version}");
            table.title = Some(t!(
                "checklist-version-title",
                title = checklist.title,
                version = version
            ));
            if n != last {
                table.notes.clear();
            } else {
                table.notes = vec![status_summary(report.records)];
            }
            table
        })
        .collect()
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
    t!(
        "records-summary",
        n = n,
        pass = pass,
        fail = fail,
        incomplete = incomplete
    )
}
