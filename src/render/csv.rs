//! CSV for spreadsheets (SPEC §10): UTF-8, an optional byte-order mark so Excel detects the
//! encoding, and text cells that a spreadsheet would evaluate as a formula are neutralised
//! with a leading `'` (CSV injection).

use std::cell::RefCell;
use std::io::{self, Write};

use super::{Cell, Renderer, Table};

pub struct CsvRenderer {
    pub bom: bool,
    /// The tables rendered, one file each: CSV holds one table per file, so several (report
    /// views, check with gates, explain) are never glued together; the caller writes them
    /// into a folder (`-o DIR`) or refuses.
    pub tables: RefCell<Vec<CsvTable>>,
}

/// One table as a CSV file of its own.
#[derive(Clone, Debug)]
pub struct CsvTable {
    /// The file name in the output folder: the table's name, lower case, e.g. `trend.csv`.
    pub file: String,
    pub bytes: Vec<u8>,
}

impl CsvRenderer {
    pub fn new(bom: bool) -> CsvRenderer {
        CsvRenderer {
            bom,
            tables: RefCell::new(Vec::new()),
        }
    }
}

/// `Level gaps by org` → `level-gaps-by-org.csv`.
pub fn file_name(table_name: &str) -> String {
    let mut name = String::new();
    for c in table_name.chars() {
        if c.is_alphanumeric() {
            name.extend(c.to_lowercase());
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    format!("{}.csv", name.trim_end_matches('-'))
}

/// One table as CSV bytes: a header, then one record per row, every row as wide as the
/// header.
fn table_bytes(table: &Table, bom: bool) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new().from_writer(bytes);
    w.write_record(table.columns.iter().map(|c| guard(&c.name)))
        .map_err(io::Error::other)?;
    for row in &table.rows {
        w.write_record(row.iter().map(|c| match c {
            Cell::Text(s) => guard(s),
            other => other.display(),
        }))
        .map_err(io::Error::other)?;
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// A text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`
/// so that `=HYPERLINK(…)` in a branch name stays text. Numbers are never touched.
pub fn guard(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

impl Renderer for CsvRenderer {
    /// Every table is kept in [`CsvRenderer::tables`]; a single one is also written to `out`,
    /// several are not.
    fn tables(&self, tables: &[Table], out: &mut dyn Write) -> io::Result<()> {
        let mut files = self.tables.borrow_mut();
        for table in tables {
            files.push(CsvTable {
                file: file_name(&table.name),
                bytes: table_bytes(table, self.bom)?,
            });
        }
        if let [file] = files.as_slice() {
            out.write_all(&file.bytes)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{file_name, guard};

    #[test]
    fn table_files_are_named_after_their_table() {
        assert_eq!(file_name("Compliance"), "compliance.csv");
        assert_eq!(file_name("Level gaps by org"), "level-gaps-by-org.csv");
    }

    #[test]
    fn formula_starts_are_neutralised() {
        assert_eq!(
            guard("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(guard("+1"), "'+1");
        assert_eq!(guard("-1"), "'-1");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("\tx"), "'\tx");
        assert_eq!(guard("\rx"), "'\rx");
        assert_eq!(guard("第二党支部"), "第二党支部");
        assert_eq!(guard(""), "");
    }
}
