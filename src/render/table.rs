//! Aligned text tables (comfy-table), for people at a terminal.
//!
//! comfy-table measures cells by display width, so Chinese names line up with Latin ones.
//! On a terminal the table wraps to its width; otherwise it never wraps, so piped output is
//! one line per row.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::{CheckReport, Renderer, Sheet, sheets};

pub struct TableRenderer {
    /// Wrap long cells to the terminal's width (only when writing to a terminal).
    pub wrap: bool,
}

impl TableRenderer {
    fn table(&self, sheet: &Sheet) -> Table {
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        if self.wrap {
            table.set_content_arrangement(ContentArrangement::Dynamic);
        } else {
            table.set_content_arrangement(ContentArrangement::Disabled);
            table.force_no_tty();
        }
        table.set_header(sheet.columns.iter().map(|c| c.name.clone()));
        for row in &sheet.rows {
            table.add_row(row.iter().map(|c| c.display()));
        }
        for (i, col) in sheet.columns.iter().enumerate() {
            if col.numeric
                && let Some(c) = table.column_mut(i)
            {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        table
    }
}

impl Renderer for TableRenderer {
    fn sheets(&self, sheets: &[Sheet], out: &mut dyn Write) -> io::Result<()> {
        for (i, sheet) in sheets.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            if let Some(title) = &sheet.title {
                writeln!(out, "{title}")?;
            }
            if sheet.rows.is_empty() {
                writeln!(out, "{}", crate::i18n::tr("(none)"))?;
            } else {
                writeln!(out, "{}", self.table(sheet))?;
            }
            for note in &sheet.notes {
                writeln!(out, "{note}")?;
            }
        }
        Ok(())
    }

    /// At a terminal the diagnostics themselves go to stderr with their source lines; stdout
    /// gets the summary and the gates.
    fn check(&self, report: &CheckReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut all = sheets::check(report);
        let diagnostics = all.remove(0);
        for note in &diagnostics.notes {
            writeln!(out, "{note}")?;
        }
        if !all.is_empty() {
            writeln!(out)?;
            self.sheets(&all, out)?;
        }
        Ok(())
    }
}
