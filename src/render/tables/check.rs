//! `audit check` as tables: the diagnostics with a summary line, then the opt-in gates.

use crate::diagnostic::Severity;
use crate::i18n::{tr, tr_word};
use crate::render::{Cell, CheckReport, Column, Table};

/// "36 record files checked: 0 errors, 1 warning".
pub fn checked_summary(records: usize, errors: usize, warnings: usize) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::Zh {
        return t!(
            "record-files-checked-errors-warnings",
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
        title: Some(tr("diagnostics")),
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
                    Cell::text(tr_word(match d.severity {
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
            title: Some(tr("gates")),
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
                            crate::i18n::tr("gate-passed")
                        } else {
                            tr("failed-capitals")
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
