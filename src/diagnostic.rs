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
    /// (byte offset, characters before it) every [`MARK_EVERY`] bytes: a column on a very
    /// long line is counted from the nearest mark, not from the line's start.
    char_marks: std::sync::OnceLock<Vec<(usize, usize)>>,
}

/// Bytes between two character-count marks.
const MARK_EVERY: usize = 4096;

/// How many columns of a line a snippet shows on each side of the caret.
const SNIPPET_SIDE: usize = 100;

/// The longest message kept, in characters: a message quoting a 200 MB value is cut.
const MESSAGE_MAX: usize = 1000;

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
            char_marks: std::sync::OnceLock::new(),
        })
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// How many characters come before byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let marks = self.char_marks.get_or_init(|| {
            let mut marks = vec![(0, 0)];
            let mut at = 0;
            let mut chars = 0;
            while at + MARK_EVERY < self.text.len() {
                let next = ceil_char_boundary(&self.text, at + MARK_EVERY);
                chars += self.text[at..next].chars().count();
                at = next;
                marks.push((at, chars));
            }
            marks
        });
        let (at, chars) = marks[marks.partition_point(|&(b, _)| b <= offset) - 1];
        chars + self.text[at..offset].chars().count()
    }

    /// The line holding byte `offset`: its 1-based number and its byte range (without the
    /// line break).
    fn line_of(&self, offset: usize) -> (usize, Range<usize>) {
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        let end = starts.get(line).map_or(self.text.len(), |&next| next - 1);
        (line, start..end)
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let (line, range) = self.line_of(offset);
        let column = if offset - range.start <= MARK_EVERY {
            self.text[range.start..offset].chars().count()
        } else {
            self.chars_before(offset) - self.chars_before(range.start)
        };
        (line, column + 1)
    }

    /// A diagnostic pointing at `span` in this file. Its snippet holds at most about
    /// [`SNIPPET_SIDE`] columns of the line on each side of the caret, whatever the line's
    /// length: memory and output stay bounded for a one-line file of megabytes.
    pub fn diagnostic(
        &self,
        severity: Severity,
        span: Range<usize>,
        message: String,
    ) -> Diagnostic {
        let text = self.text.as_str();
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let (line, column) = self.position(start);
        let (_, range) = self.line_of(start);
        let line_end = if text[..range.end].ends_with('\r') {
            range.end - 1
        } else {
            range.end
        };
        let start_in_line = start.min(line_end);
        // Up to SNIPPET_SIDE columns before the caret…
        let mut from = start_in_line;
        let mut width = 0;
        // Every character counts at least 1 against the budget: a line of zero-width
        // characters (combining marks, U+200B) must not slip past it.
        for (i, c) in text[range.start..start_in_line].char_indices().rev() {
            width += char_width(c).max(1);
            if width > SNIPPET_SIDE {
                break;
            }
            from = range.start + i;
        }
        // …and after it.
        let mut to = start_in_line;
        let mut width = 0;
        for (i, c) in text[start_in_line..line_end].char_indices() {
            width += char_width(c).max(1);
            if width > SNIPPET_SIDE {
                break;
            }
            to = start_in_line + i + c.len_utf8();
        }
        let cut_before = from > range.start;
        let cut_after = to < line_end;
        let mut shown = String::with_capacity(to - from + 8);
        if cut_before {
            shown.push('…');
        }
        shown.extend(text[from..to].chars().map(shown_char));
        if cut_after {
            shown.push('…');
        }
        // Underline the span, but only its part on the first line, within the snippet.
        let underlined = &text[start_in_line..end.clamp(start_in_line, to)];
        let snippet = Snippet {
            text: shown,
            caret_offset: usize::from(cut_before) + str_width(&text[from..start_in_line]),
            caret_width: str_width(underlined.trim_end()).max(1),
        };
        Diagnostic {
            severity,
            file: self.name.clone(),
            line,
            column,
            message: bounded(message),
            code: None,
            localized: None,
            snippet: Some(Box::new(snippet)),
        }
    }
}

/// A character as the snippet shows it: a tab becomes a space, and any other control
/// character (ESC of a terminal escape sequence, BEL, CR) the replacement character, so a
/// file can never drive the terminal that shows its diagnostics.
fn shown_char(c: char) -> char {
    if c == '\t' {
        ' '
    } else if c.is_control() {
        '\u{FFFD}'
    } else {
        c
    }
}

/// Display width as the snippet shows it ([`shown_char`]): a tab or control character is one
/// column.
fn char_width(c: char) -> usize {
    if c == '\t' || c.is_control() {
        1
    } else {
        unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
    }
}

fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `message`, cut after [`MESSAGE_MAX`] characters, with control characters other than a
/// line break shown as the replacement character (a value quoted from a file may hold them).
fn bounded(message: String) -> String {
    let message = if message.chars().any(|c| c.is_control() && c != '\n') {
        message
            .chars()
            .map(|c| if c == '\n' { c } else { shown_char(c) })
            .collect()
    } else {
        message
    };
    match message.char_indices().nth(MESSAGE_MAX) {
        Some((cut, _)) => format!("{}…", &message[..cut]),
        None => message,
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
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

impl Snippet {
    /// The line shown, the caret's offset and its width (in columns).
    pub fn parts(&self) -> (&str, usize, usize) {
        (&self.text, self.caret_offset, self.caret_width)
    }

    /// A snippet from its [`parts`](Snippet::parts).
    pub fn from_parts(text: String, caret_offset: usize, caret_width: usize) -> Snippet {
        Snippet {
            text,
            caret_offset,
            caret_width,
        }
    }
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
    /// What is wrong, naming the key or id and the figures involved, in English.
    pub message: String,
    /// The catalogue id of the message: stable, whatever the wording or the language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// The message as built by the core, rendered in the interface language only when people
    /// read it (the core does not know the language). Boxed, as most have none.
    #[serde(skip)]
    pub localized: Option<Box<Localized>>,
    /// Boxed: most code passes diagnostics around in `Result`s, and most have one.
    #[serde(skip)]
    pub snippet: Option<Box<Snippet>>,
}

/// A diagnostic's message as the core built it, and its rendering for people, made once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Localized {
    text: crate::i18n::Text,
    shown: std::sync::OnceLock<String>,
}

impl Diagnostic {
    /// A problem with a file as a whole (unreadable, not UTF-8 before any line).
    pub fn file_level(severity: Severity, file: impl Into<String>, message: String) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.into(),
            line: 1,
            column: 1,
            message: bounded(message),
            code: None,
            localized: None,
            snippet: None,
        }
    }

    /// The message as people read it: in the interface language where translated.
    pub fn shown(&self) -> &str {
        match &self.localized {
            // Rendered once, when first printed (English renders to `message` itself).
            Some(l) => l.shown.get_or_init(|| bounded(l.text.shown())),
            _ => &self.message,
        }
    }

    /// Sets the message from a [`Text`](crate::i18n::Text): English for JSON, the shown one
    /// for people.
    pub fn with_text(mut self, text: crate::i18n::Text) -> Diagnostic {
        self.message = bounded(text.en());
        self.code = text.code();
        self.localized = Some(Box::new(Localized {
            text,
            shown: std::sync::OnceLock::new(),
        }));
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
        let word = crate::i18n::Text::Word(
            match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }
            .to_string(),
        )
        .shown();
        write!(f, "{}:{}", self.file, self.line)?;
        // Column 0: a problem of a whole row (of a sheet `audit import` refuses).
        if self.column > 0 {
            write!(f, ":{}", self.column)?;
        }
        writeln!(f, ": {word}: {}", self.shown())?;
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

    #[test]
    fn a_snippet_shows_a_bounded_slice_of_a_long_line() {
        let line = format!("a = \"{}\" # {}", "x".repeat(5000), "y".repeat(5000));
        let file = SourceFile::new("a.toml", format!("b = 1\r\n{line}\r\nc = 2\n"));
        let at = 7 + line.find('#').unwrap();
        let d = file.diagnostic(Severity::Error, at..at + 1, "here".into());
        assert_eq!((d.line, d.column), (2, line.find('#').unwrap() + 1));
        let shown = d.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(
            lines[1],
            format!(" 2 | …{}\" # {}…", "x".repeat(98), "y".repeat(98))
        );
        assert_eq!(lines[2], format!("   | {}^", " ".repeat(101)));
        // Short lines are shown whole, without the line break.
        let d = file.diagnostic(Severity::Error, 0..1, "b".into());
        assert_eq!(d.to_string(), "a.toml:1:1: error: b\n 1 | b = 1\n   | ^\n");
    }

    #[test]
    fn columns_on_a_long_line_count_characters() {
        let line = "é".repeat(30_000);
        let file = SourceFile::new("a.toml", format!("x\n{line}!"));
        let bang = file.text.len() - 1;
        assert_eq!(file.position(bang), (2, 30_001));
        assert_eq!(file.position(2 + 2 * 12_345), (2, 12_346));
    }

    #[test]
    fn a_long_message_is_cut() {
        let d = Diagnostic::file_level(Severity::Error, "a", "v".repeat(10_000));
        assert_eq!(d.message.chars().count(), MESSAGE_MAX + 1);
        assert!(d.message.ends_with('…'));
    }
}
