//! GitHub-flavoured Markdown tables, for pasting into issues, wikis and meeting notes.

use std::io::{self, Write};

use super::{Renderer, Table};

pub struct MarkdownRenderer;

/// Escapes what would break a Markdown table cell; line breaks become `<br>`.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

impl Renderer for MarkdownRenderer {
    fn tables(&self, tables: &[Table], out: &mut dyn Write) -> io::Result<()> {
        for (i, table) in tables.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            if let Some(title) = &table.title {
                writeln!(out, "### {}\n", cell(title))?;
            }
            let header: Vec<String> = table.columns.iter().map(|c| cell(&c.name)).collect();
            writeln!(out, "| {} |", header.join(" | "))?;
            let rule: Vec<&str> = table
                .columns
                .iter()
                .map(|c| if c.numeric { "---:" } else { "---" })
                .collect();
            writeln!(out, "| {} |", rule.join(" | "))?;
            for row in &table.rows {
                let cells: Vec<String> = row.iter().map(|c| cell(&c.display())).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
            if !table.notes.is_empty() {
                writeln!(out)?;
                for note in &table.notes {
                    writeln!(out, "{}", cell(note))?;
                }
            }
        }
        Ok(())
    }
}
