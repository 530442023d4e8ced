//! `audit export-sheet`: the records as the office spreadsheet that `audit import` reads.

use std::path::PathBuf;

use crate::app::{self, IfInvalid};
use crate::cli::SheetFormat;
use crate::cmd::scope::{self, Filters, Scope};
use crate::diagnostic::Diagnostic;
use crate::i18n::tr;
use crate::read::grid;
use crate::render;

pub struct Config {
    pub scope: Scope,
    pub filters: Filters,
    /// csv or xlsx [default: from the -o file's extension, else csv].
    pub format: Option<SheetFormat>,
    /// Write to this file instead of standard output.
    pub output: Option<PathBuf>,
    pub force: bool,
    /// Start CSV with a UTF-8 byte-order mark.
    pub bom: bool,
}

pub fn run(config: &Config) -> app::Result<()> {
    let loaded = scope::load(
        &config.scope,
        IfInvalid::Tell(tr("the-checklist-is-invalid")),
    )?;
    let filters = &config.filters;
    scope::check_filters(&[&loaded], filters)?;
    // Only errors matter here: roster warnings do not change what is exported.
    let errors: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    app::print_diagnostics_only(&errors);
    let records = filters.records(&loaded.records);
    // A sheet has the columns of one checklist: the one covering the exported periods
    // (SPEC §11.11); records of several versions need --period to choose one.
    let set = loaded.checklists();
    let mut used: Vec<&crate::read::checklist::Checklist> = Vec::new();
    for r in &records {
        let c = set.for_record(r);
        if !used.iter().any(|u| std::ptr::eq(*u, c)) {
            used.push(c);
        }
    }
    if used.len() > 1 {
        let versions: Vec<&str> = set
            .by_period()
            .into_iter()
            .filter(|c| used.iter().any(|u| std::ptr::eq(*u, *c)))
            .map(|c| c.version.as_deref().unwrap_or(""))
            .collect();
        return Err(app::invalid(t!(
            "the-records-to-export-span-versions",
            versions = versions.join(", ")
        )));
    }
    let checklist = used.first().copied().unwrap_or(&loaded.checklist);
    let signed = grid::is_signed(&records);
    let header = grid::export_columns(checklist, signed);
    let rows = grid::export_rows(checklist, &records, signed);
    let output = config.output.as_deref();
    let format = config.format.unwrap_or_else(|| {
        match output.and_then(|o| o.extension()).and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("xlsx") => SheetFormat::Xlsx,
            _ => SheetFormat::Csv,
        }
    });
    let bytes = match format {
        SheetFormat::Csv => render::grid::csv(&header, &rows, config.bom)?,
        SheetFormat::Xlsx => {
            if output.is_none() {
                return Err(app::invalid(tr("format-xlsx-writes-a-binary-workbook")));
            }
            render::grid::xlsx(&header, &rows)?
        }
    };
    app::write_output(output, &bytes, config.force)?;
    app::invalid_if(loaded.has_errors())
}
