//! Excel workbooks (rust_xlsxwriter) for offices that take reports to meetings.
//!
//! One worksheet per table. Numbers are written as numbers (points with two decimals, rates
//! as percentages), the header rows are frozen, and column widths are measured by display
//! width so Chinese names fit. Text is written as text, never as a formula.

use std::io::{self, Write};

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::{Cell, Renderer, Table};

pub struct XlsxRenderer {
    /// The first row of every worksheet: checklist title, version, generation time.
    pub heading: String,
}

/// Rows above the column headers: the heading and the table's title.
const HEADER_ROWS: u32 = 2;

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(name: &str, index: usize, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect();
    let base = if clean.trim().is_empty() {
        format!("Sheet{}", index + 1)
    } else {
        clean
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&candidate)) {
        let suffix = format!(" ({n})");
        let keep: String = base.chars().take(31 - suffix.chars().count()).collect();
        candidate = format!("{keep}{suffix}");
        n += 1;
    }
    candidate
}

/// A table's name in the interface language: a known name, or one followed by the checklist
/// version its table belongs to (SPEC §11.11: "Items 2023" → "评分项 2023").
fn translated(name: &str) -> String {
    let whole = crate::i18n::tr_word(name);
    if whole != name {
        return whole;
    }
    match name.rsplit_once(' ') {
        Some((head, version)) => format!("{} {version}", crate::i18n::tr_word(head)),
        None => whole,
    }
}

/// Column width in Excel's character units for a display width (CJK counts double).
fn width_for(display: usize) -> f64 {
    (display as f64 + 2.0).clamp(6.0, 80.0)
}

impl XlsxRenderer {
    fn write_sheet(&self, ws: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
        let bold = Format::new().set_bold();
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center);
        let points = Format::new().set_num_format("0.00");
        let percent = Format::new().set_num_format("0.00%");
        let integer = Format::new().set_num_format("0");
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);

        ws.write_string_with_format(0, 0, &self.heading, &bold)?;
        if let Some(title) = &table.title {
            ws.write_string_with_format(1, 0, title, &bold)?;
        }
        let mut widths: Vec<usize> = table
            .columns
            .iter()
            .map(|c| UnicodeWidthStr::width(c.name.as_str()))
            .collect();
        for (c, col) in table.columns.iter().enumerate() {
            ws.write_string_with_format(HEADER_ROWS, c as u16, &col.name, &header)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = HEADER_ROWS + 1 + r as u32;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Text(s) => {
                        if s.contains('\n') {
                            ws.write_string_with_format(r, col, s, &wrap)?;
                        } else {
                            ws.write_string(r, col, s)?;
                        }
                    }
                    Cell::Points(p) => {
                        ws.write_number_with_format(r, col, p.to_f64(), &points)?;
                    }
                    // Rounded to two decimals of a percent (Rate::rounded): the figure the text formats show.
                    Cell::Rate(rate) => {
                        ws.write_number_with_format(r, col, rate.to_f64_4(), &percent)?;
                    }
                    Cell::Count(n) => {
                        ws.write_number_with_format(r, col, *n as f64, &integer)?;
                    }
                    // Its text is exact (a whole number or a half): as a number, so that a
                    // spreadsheet can sum and compare it, shown as the text formats show it.
                    Cell::Number(text) => match text.parse::<f64>() {
                        Ok(v) => ws.write_number(r, col, v).map(|_| ())?,
                        Err(_) => ws.write_string(r, col, text).map(|_| ())?,
                    },
                    Cell::Empty => {}
                }
                let shown = cell.display();
                let w = shown.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
                if let Some(slot) = widths.get_mut(c) {
                    *slot = (*slot).max(w);
                }
            }
        }
        // The notes (definitions, a partial report's warning) below the table, after a blank
        // row, as in the text formats.
        let below = HEADER_ROWS + 2 + table.rows.len() as u32;
        for (i, note) in table.notes.iter().enumerate() {
            ws.write_string(below + i as u32, 0, note)?;
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, width_for(*w))?;
        }
        ws.set_freeze_panes(HEADER_ROWS + 1, 0)?;
        Ok(())
    }
}

impl Renderer for XlsxRenderer {
    fn tables(&self, tables: &[Table], out: &mut dyn Write) -> io::Result<()> {
        let mut workbook = Workbook::new();
        let mut taken: Vec<String> = Vec::new();
        for (i, table) in tables.iter().enumerate() {
            let name = sheet_name(&translated(&table.name), i, &taken);
            let ws = workbook.add_worksheet();
            ws.set_name(&name).map_err(xlsx_error)?;
            self.write_sheet(ws, table).map_err(xlsx_error)?;
            taken.push(name);
        }
        if tables.is_empty() {
            workbook.add_worksheet();
        }
        let bytes = workbook.save_to_buffer().map_err(xlsx_error)?;
        out.write_all(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        assert_eq!(
            sheet_name("Level gaps: by org/point", 0, &[]),
            "Level gaps- by org-point"
        );
        assert_eq!(sheet_name("", 2, &[]), "Sheet3");
        let long = "x".repeat(40);
        let first = sheet_name(&long, 0, &[]);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(&long, 1, std::slice::from_ref(&first));
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with(" (2)"));
    }

    #[test]
    fn chinese_text_gets_a_wider_column() {
        assert!(
            width_for(UnicodeWidthStr::width("信托业务一部党支部"))
                > width_for("Head Office".len())
        );
    }
}
