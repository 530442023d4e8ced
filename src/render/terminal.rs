//! Aligned text tables (comfy-table), for people at a terminal.
//!
//! comfy-table measures cells by display width, so Chinese names line up with Latin ones.
//! On a terminal the table wraps to its width; otherwise it never wraps, so piped output is
//! one line per row.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Width, presets};

use super::{CheckReport, Renderer, Table, tables};

pub struct TerminalRenderer {
    /// Wrap long cells to the terminal's width (only when writing to a terminal).
    pub wrap: bool,
}

impl TerminalRenderer {
    /// `table` laid out by comfy-table.
    fn comfy(&self, table: &Table) -> comfy_table::Table {
        let mut ct = comfy_table::Table::new();
        ct.load_style(presets::UTF8_FULL_CONDENSED);
        if self.wrap {
            ct.set_content_arrangement(ContentArrangement::Dynamic);
        } else {
            ct.set_content_arrangement(ContentArrangement::Disabled);
            ct.force_no_tty();
        }
        ct.set_header(table.columns.iter().map(|c| c.name.clone()));
        for row in &table.rows {
            ct.add_row(row.iter().map(|c| c.display()));
        }
        for (i, col) in table.columns.iter().enumerate() {
            let Some(c) = ct.column_mut(i) else {
                continue;
            };
            if col.numeric {
                c.set_cell_alignment(CellAlignment::Right);
            }
            if self.wrap {
                // comfy-table breaks a word that is wider than its column ("accepta/nce"):
                // no column is narrower than its longest word, so text wraps at spaces only
                // (and Chinese, which has no spaces, between characters).
                let words = table
                    .rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| longest_word(&c.display()))
                    .chain([longest_word(&col.name)])
                    .max()
                    .unwrap_or(0);
                // (A constraint's width includes the cell's padding.)
                let padding = c.padding_width();
                c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                    words.min(MAX_WORD) as u16 + padding,
                )));
            }
        }
        ct
    }
}

/// A word longer than this (a file path, a URL) may still be broken, so that one long value
/// does not push the table far past the terminal's edge.
const MAX_WORD: usize = 40;

/// The display width of the longest run of text that must not be broken: a run of
/// characters without spaces, where each wide (Chinese) character is a run of its own.
fn longest_word(text: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if ch.is_whitespace() {
            run = 0;
        } else if w >= 2 {
            run = 0;
            longest = longest.max(w);
        } else {
            run += w;
            longest = longest.max(run);
        }
    }
    longest
}

impl Renderer for TerminalRenderer {
    fn tables(&self, tables: &[Table], out: &mut dyn Write) -> io::Result<()> {
        for (i, table) in tables.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            if let Some(title) = &table.title {
                writeln!(out, "{title}")?;
            }
            if table.rows.is_empty() {
                writeln!(out, "{}", crate::i18n::tr("none-parenthesised"))?;
            } else {
                writeln!(out, "{}", self.comfy(table))?;
            }
            for note in &table.notes {
                writeln!(out, "{note}")?;
            }
        }
        Ok(())
    }

    /// At a terminal the diagnostics themselves go to stderr with their source lines; stdout
    /// gets the summary and the gates.
    fn check(&self, report: &CheckReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut all = tables::check(report);
        let diagnostics = all.remove(0);
        for note in &diagnostics.notes {
            writeln!(out, "{note}")?;
        }
        if !all.is_empty() {
            writeln!(out)?;
            self.tables(&all, out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::longest_word;

    #[test]
    fn words_are_runs_without_spaces_and_chinese_breaks_anywhere() {
        assert_eq!(longest_word("total 88.50 is below 90"), 5);
        assert_eq!(longest_word("acceptance"), 10);
        assert_eq!(longest_word("第二党支部"), 2);
        assert_eq!(longest_word("Head Office 支部"), 6);
        assert_eq!(longest_word(""), 0);
    }
}
