//! CSV for spreadsheets (SPEC §10): UTF-8, an optional byte-order mark so Excel detects the
//! encoding, and text cells that a spreadsheet would evaluate as a formula are neutralised
//! with a leading `'` (CSV injection).

use std::io::{self, Write};

use super::{Cell, Renderer, Sheet};

pub struct CsvRenderer {
    pub bom: bool,
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
    /// Several sheets (explain, check) are written one after another, separated by an
    /// empty line, each with its own header.
    fn sheets(&self, sheets: &[Sheet], out: &mut dyn Write) -> io::Result<()> {
        if self.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        for (i, sheet) in sheets.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
            w.write_record(sheet.columns.iter().map(|c| guard(&c.name)))
                .map_err(io::Error::other)?;
            for row in &sheet.rows {
                w.write_record(row.iter().map(|c| match c {
                    Cell::Text(s) => guard(s),
                    other => other.display(),
                }))
                .map_err(io::Error::other)?;
            }
            let bytes = w
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string()))?;
            out.write_all(&bytes)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::guard;

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
