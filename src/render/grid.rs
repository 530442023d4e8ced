//! The office spreadsheet that `audit import` reads, as `audit export-sheet` writes it: one
//! row per org, branch, period and level, a column per point ([`crate::read::grid`] builds
//! the cells). CSV text is guarded like every CSV audit writes ([`super::csv::guard`]), so a
//! name starting with `=` stays text; the importer undoes the guard.

use std::io;

use rust_xlsxwriter::XlsxError;

use super::csv::guard;
use crate::read::grid::ExportCell;

/// The sheet as CSV bytes, with a UTF-8 byte-order mark for Excel when `bom`.
pub fn csv(header: &[String], rows: &[Vec<ExportCell>], bom: bool) -> io::Result<Vec<u8>> {
    let start = if bom {
        "\u{feff}".as_bytes().to_vec()
    } else {
        Vec::new()
    };
    let mut w = csv::Writer::from_writer(start);
    w.write_record(header).map_err(io::Error::other)?;
    for row in rows {
        w.write_record(row.iter().map(|c| match c {
            ExportCell::Text(s) => guard(s),
            other => other.csv(),
        }))
        .map_err(io::Error::other)?;
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// The sheet as an xlsx workbook: one worksheet "Records", a bold header, the header row
/// and the four naming columns frozen, numbers as numbers.
pub fn xlsx(header: &[String], rows: &[Vec<ExportCell>]) -> Result<Vec<u8>, XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Records")?;
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                ExportCell::Empty => {}
                ExportCell::Text(s) => {
                    ws.write_string(r, c, s)?;
                }
                ExportCell::Points(p) => {
                    ws.write_number(r, c, p.to_f64())?;
                }
                ExportCell::Count(n) => {
                    ws.write_number(r, c, *n as f64)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 4)?;
    book.save_to_buffer()
}
