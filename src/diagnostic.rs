//! Problems in input files, with the file, line and column, rendered like a compiler:
//!
//! ```text
//! a/b/2022.toml:7:9: error: point 4.2: score 3.5 exceeds its max 3
//!   7 | "4.2" = 3.5
//!     |         ^^^
//! ```
//!
//! Lines and columns are 1-based; columns count characters, not bytes, so they match what an
//! editor shows for Chinese text, and the caret is placed by display width so it sits under
//! the offending text even after CJK characters.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// How bad a problem is: errors make input invalid (exit 2); warnings are reported only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One input file's text and its path relative to the records root (with `/` separators).
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the records root, `/`-separated: how the file is named everywhere.
    pub name: String,
    pub text: String,
    /// Byte offsets of line starts, built on the first diagnostic, so that a file with
    /// thousands of problems is not rescanned from the start for each one.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        })
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        (line, column)
    }

    /// A diagnostic pointing at `span` in this file.
    pub fn diagnostic(
        &self,
        severity: Severity,
        span: Range<usize>,
        message: String,
    ) -> Diagnostic {
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, span.end.clamp(start, self.text.len()));
        let (line, column) = self.position(start);
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        // Underline the span, but only its part on the first line.
        let underlined = &self.text[start..end.min(line_end).max(start)];
        let snippet = Snippet {
            text: line_text.replace('\t', " "),
            caret_offset: UnicodeWidthStr::width(&self.text[line_start..start]),
            caret_width: UnicodeWidthStr::width(underlined.trim_end()).max(1),
        };
        Diagnostic {
            severity,
            file: self.name.clone(),
            line,
            column,
            message,
            localized: None,
            snippet: Some(Box::new(snippet)),
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The source line shown under a diagnostic, and where its caret goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    text: String,
    caret_offset: usize,
    caret_width: usize,
}

/// A problem in an input file. Sorted by (file, line, column) for output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// `error` or `warning`.
    pub severity: Severity,
    /// Path relative to the records root, `/`-separated.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, naming the key or id and the figures involved.
    pub message: String,
    /// The message in the interface language, where it differs from `message` (which stays
    /// English for JSON).
    #[serde(skip)]
    pub localized: Option<String>,
    /// Boxed: most code passes diagnostics around in `Result`s, and most have one.
    #[serde(skip)]
    pub snippet: Option<Box<Snippet>>,
}

impl Diagnostic {
    /// A problem with a file as a whole (unreadable, not UTF-8 before any line).
    pub fn file_level(severity: Severity, file: impl Into<String>, message: String) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.into(),
            line: 1,
            column: 1,
            message,
            localized: None,
            snippet: None,
        }
    }

    /// The message as people read it: in the interface language where translated.
    pub fn shown(&self) -> &str {
        self.localized.as_deref().unwrap_or(&self.message)
    }

    /// Sets the message from a [`Text`](crate::i18n::Text): English for JSON, the shown one
    /// for people.
    pub fn with_text(mut self, text: crate::i18n::Text) -> Diagnostic {
        self.localized = (text.shown != text.en).then_some(text.shown);
        self.message = text.en;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, usize, usize, Severity, &str) {
        (
            &self.file,
            self.line,
            self.column,
            self.severity,
            &self.message,
        )
    }
}

impl PartialOrd for Diagnostic {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Diagnostic {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = crate::i18n::tr(match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        });
        writeln!(
            f,
            "{}:{}:{}: {word}: {}",
            self.file,
            self.line,
            self.column,
            self.shown()
        )?;
        if let Some(s) = &self.snippet {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(f, " {number} | {}", s.text)?;
            writeln!(
                f,
                " {pad} | {}{}",
                " ".repeat(s.caret_offset),
                "^".repeat(s.caret_width)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_span_after_chinese_text() {
        let file = SourceFile::new("a/2022.toml", "org = \"山西证券\"\nbranch = 3\n");
        let d = file.diagnostic(Severity::Error, 30..31, "branch must be text".into());
        assert_eq!((d.line, d.column), (2, 10));
        assert_eq!(
            d.to_string(),
            "a/2022.toml:2:10: error: branch must be text\n 2 | branch = 3\n   |          ^\n"
        );
        let d = file.diagnostic(Severity::Error, 6..20, "x".into());
        assert_eq!((d.line, d.column), (1, 7));
        assert!(d.to_string().ends_with("   |       ^^^^^^^^^^\n"), "{d}");
    }
}
