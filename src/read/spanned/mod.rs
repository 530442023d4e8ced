//! Reading a TOML file as a tree of spanned values, collecting every problem.
//!
//! serde's derive stops at the first error and loses the exact text of numbers; the
//! checklist, records and roster are instead read from a spanned document tree
//! ([`tree`], built from `toml_parser`'s events) with these helpers, so that every unknown key, wrong type and bad number in a
//! file is reported in one pass with its position, and numbers are taken from their literal
//! text (exact decimals, never via `f64`).

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::i18n::{Text, Word};
use crate::points::{Points, Rate};

mod tree;
mod width;

pub use tree::{Document, Node, Table, TomlValue};

pub use width::half_width;

/// Whether `text` has a full-width character that [`half_width`] would report or read as
/// its half-width form.
pub fn has_full_width(text: &str) -> bool {
    !width::full_width_positions(text).is_empty()
}

/// The problems found while reading one file.
pub struct Sink {
    pub file: Arc<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// Where [`half_width`] made the text shorter: (offset in the text read, bytes taken
    /// out), in order. Spans of the text read are mapped back to the file through them.
    shifts: Vec<(usize, usize)>,
    /// Lines with a syntax error: nothing more is said about them.
    syntax_lines: BTreeSet<usize>,
}

impl Sink {
    pub fn new(file: Arc<SourceFile>) -> Sink {
        Sink {
            file,
            diagnostics: Vec::new(),
            shifts: Vec::new(),
            syntax_lines: BTreeSet::new(),
        }
    }

    /// A span of the text read (perhaps made half-width) as a span of the file.
    pub fn map(&self, span: Range<usize>) -> Range<usize> {
        if self.shifts.is_empty() {
            return span;
        }
        let at = |offset: usize| {
            offset
                + self
                    .shifts
                    .iter()
                    .take_while(|(o, _)| *o < offset)
                    .map(|(_, n)| n)
                    .sum::<usize>()
        };
        at(span.start)..at(span.end)
    }

    pub fn error(&mut self, span: Range<usize>, message: impl Into<Text>) {
        self.push(Severity::Error, span, message.into());
    }

    pub fn warning(&mut self, span: Range<usize>, message: impl Into<Text>) {
        self.push(Severity::Warning, span, message.into());
    }

    fn push(&mut self, severity: Severity, span: Range<usize>, text: Text) {
        let span = self.map(span);
        let d = self.file.diagnostic(severity, span, String::new());
        if !self.syntax_lines.contains(&d.line) {
            self.diagnostics.push(d.with_text(text));
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics in (line, column) order, as they are shown.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort();
        self.diagnostics
    }
}

/// Parses the file's text. Syntax errors are reported, and the tree the parser recovered
/// is returned all the same (the caller's sink then has errors, so nothing is scored).
///
/// Give it the text from [`half_width`]: a file typed on a Chinese keyboard is then read
/// as if its full-width punctuation were half-width (each such character already reported
/// as an error), so its other problems are reported too instead of a cascade of syntax
/// errors.
pub fn parse<'a>(sink: &mut Sink, text: &'a str) -> Option<Document<'a>> {
    // Most files are read from the parser's events; what that path is not sure of, `toml`
    // reads, saying what is wrong, and its tree is taken over (see `tree`).
    if let Some(doc) = tree::parse_fast(text) {
        return Some(doc);
    }
    let (table, errors) = DeTable::parse_recoverable(text);
    let table = tree::from_de(table);
    if errors.is_empty() {
        return Some(table);
    }
    let mut syntax_lines = BTreeSet::new();
    for e in errors {
        // Kept even where it falls on a full-width character already reported: its
        // half-width form is wrong there too (`10，` → `10,`, `"1.1"：3` → `"1.1":3`).
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().replace('\n', " ");
        // Both forms now: the core does not know the language; syntax errors are few.
        let message = Text::Fixed {
            zh: toml_message_zh(&message),
            en: message,
        };
        sink.error(span, problem!(TomlSyntax { message }));
        if let Some(d) = sink.diagnostics.last() {
            syntax_lines.insert(d.line);
        }
    }
    // The parser recovers: the rest of the file is still read, so its other problems are
    // reported in the same pass. What the readers would say about a line the parser could
    // not read is only an echo of the syntax error, and is left out.
    sink.syntax_lines = syntax_lines;
    Some(table)
}

/// The toml parser's own words in Chinese, phrase by phrase; what is not known stays as
/// the parser wrote it (after the Chinese "TOML 语法错误：").
fn toml_message_zh(message: &str) -> String {
    const PHRASES: &[(&str, &str)] = &[
        (
            "extra assignment between key-value pairs",
            "键值对之间有多余的赋值",
        ),
        (
            "missing assignment between key-value pairs",
            "键值对之间缺少赋值",
        ),
        (
            "missing comma between array elements",
            "数组元素之间缺少逗号",
        ),
        ("string values must be quoted", "字符串值必须加引号"),
        ("key with no value", "键没有值"),
        ("invalid unquoted key", "不加引号的键无效"),
        ("unexpected key or value", "意外的键或值"),
        ("duplicate key", "重复的键"),
        ("unclosed inline table", "内联表未闭合"),
        ("unclosed array", "数组未闭合"),
        ("unclosed table", "表未闭合"),
        ("invalid basic string", "字符串无效"),
        ("invalid literal string", "字面量字符串无效"),
        ("invalid string", "字符串无效"),
        ("invalid float", "小数无效"),
        ("invalid integer", "整数无效"),
        ("invalid number", "数字无效"),
        ("invalid key", "键无效"),
        ("invalid table header", "表头无效"),
        ("invalid escape sequence", "转义序列无效"),
        (", expected ", "，应为"),
        (", expected", "，应为"),
        ("expected ", "应为"),
        ("expected", "应为"),
        ("literal string", "字面量字符串"),
        ("letters, numbers", "字母、数字"),
        ("newline", "换行"),
        ("nothing", "无"),
        ("unexpected", "意外的"),
        ("invalid", "无效"),
    ];
    let mut out = message.to_string();
    for (en, zh) in PHRASES {
        out = out.replace(en, zh);
    }
    out
}

/// A table being read: remembers which keys were used, so that the rest can be reported as
/// unknown (a misspelt `min_totl` must not silently disable a rule).
pub struct TableReader<'t, 'a> {
    table: &'t Table<'a>,
    span: Range<usize>,
    /// How the table is named in messages: "[pass]", "point 1.1", "the record".
    pub what: Text,
    /// The keys read, by their place in the table's (sorted) keys: a set of strings per
    /// table, allocated and searched for every table of 100 000 records, was a tenth of the
    /// reading time.
    used: Used,
}

/// Which of a table's keys were read, one bit per key by its place: the first 128 inline,
/// the rest in words allocated only for a table that large (linear whatever its size).
#[derive(Default)]
struct Used {
    first: u128,
    more: Vec<u64>,
}

impl Used {
    fn insert(&mut self, i: usize) {
        if i < 128 {
            self.first |= 1 << i;
        } else {
            let (word, bit) = ((i - 128) / 64, (i - 128) % 64);
            if self.more.len() <= word {
                self.more.resize(word + 1, 0);
            }
            self.more[word] |= 1 << bit;
        }
    }

    fn contains(&self, i: usize) -> bool {
        if i < 128 {
            self.first & (1 << i) != 0
        } else {
            let (word, bit) = ((i - 128) / 64, (i - 128) % 64);
            self.more.get(word).is_some_and(|w| w & (1 << bit) != 0)
        }
    }
}

impl<'t, 'a> TableReader<'t, 'a> {
    pub fn new(table: &'t Table<'a>, span: Range<usize>, what: impl Into<Text>) -> Self {
        TableReader {
            table,
            span,
            what: what.into(),
            used: Used::default(),
        }
    }

    /// The reader for a node that must be a table, or an error.
    pub fn of(sink: &mut Sink, node: &'t Node<'a>, what: impl Into<Text>) -> Option<Self> {
        let what = what.into();
        match node.get_ref() {
            TomlValue::Table(t) => Some(TableReader::new(t, node.span(), what)),
            other => {
                sink.error(
                    node.span(),
                    problem!(MustBeATableNot {
                        what,
                        kind: Word(kind(other))
                    }),
                );
                None
            }
        }
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Where to point for a missing key: the table's header (its first line).
    fn header_span(&self) -> Range<usize> {
        self.span.start..self.span.start
    }

    pub fn get(&mut self, key: &str) -> Option<&'t Node<'a>> {
        // One pass over the keys (few: a table read key by key is a record's or a point's;
        // the large ones, levels and lists of ids, are read with `entries`).
        let (place, (_, v)) = self
            .table
            .iter()
            .enumerate()
            .find(|(_, (k, _))| AsRef::<str>::as_ref(k.get_ref()) == key)?;
        self.used.insert(place);
        Some(v)
    }

    /// All entries, marking them used (for tables keyed by ids: levels, vetoes, bonus).
    pub fn entries(&mut self) -> Vec<(&'t str, Range<usize>, &'t Node<'a>)> {
        let mut out = Vec::with_capacity(self.table.len());
        for (place, (k, v)) in self.table.iter().enumerate() {
            self.used.insert(place);
            out.push((k.get_ref().as_ref(), k.span(), v));
        }
        // Source order: messages and forms follow the file, not the alphabet.
        out.sort_by_key(|(_, span, _)| span.start);
        out
    }

    /// Reports every key that was not read, suggesting the nearest known key.
    pub fn finish(self, sink: &mut Sink, known: &[&str]) {
        for (place, (k, _)) in self.table.iter().enumerate() {
            let key: &str = k.get_ref().as_ref();
            if self.used.contains(place) {
                continue;
            }
            let message = match nearest(key, known) {
                Some(near) => problem!(UnknownKeyInDidYouMean {
                    key,
                    what: self.what,
                    near
                }),
                None => problem!(UnknownKeyIn {
                    key,
                    what: self.what
                }),
            };
            sink.error(k.span(), message);
        }
    }

    pub fn required(&mut self, sink: &mut Sink, key: &str) -> Option<&'t Node<'a>> {
        let node = self.get(key);
        if node.is_none() {
            sink.error(
                self.header_span(),
                problem!(LacksTheRequiredKey {
                    what: self.what,
                    key
                }),
            );
        }
        node
    }

    /// A non-empty text value.
    pub fn text(&mut self, sink: &mut Sink, key: &str, required: bool) -> Option<String> {
        let node = if required {
            self.required(sink, key)?
        } else {
            self.get(key)?
        };
        text(sink, node, || both!("key-in", key = key, what = self.what))
    }

    pub fn boolean(&mut self, sink: &mut Sink, key: &str) -> Option<bool> {
        let node = self.get(key)?;
        match node.get_ref() {
            TomlValue::Boolean(b) => Some(*b),
            other => {
                sink.error(
                    node.span(),
                    problem!(InMustBeTrueOrFalse {
                        key,
                        what: self.what,
                        kind: Word(kind(other))
                    }),
                );
                None
            }
        }
    }

    pub fn points(&mut self, sink: &mut Sink, key: &str, required: bool) -> Option<Points> {
        let node = if required {
            self.required(sink, key)?
        } else {
            self.get(key)?
        };
        points(sink, node, || both!("key-in", key = key, what = self.what))
    }

    pub fn rate(&mut self, sink: &mut Sink, key: &str) -> Option<Rate> {
        let node = self.get(key)?;
        rate(sink, node, || both!("key-in", key = key, what = self.what))
    }

    pub fn date(&mut self, sink: &mut Sink, key: &str, required: bool) -> Option<NaiveDate> {
        let node = if required {
            self.required(sink, key)?
        } else {
            self.get(key)?
        };
        date(sink, node, || both!("key-in", key = key, what = self.what))
    }

    pub fn integer(&mut self, sink: &mut Sink, key: &str) -> Option<i64> {
        let node = self.get(key)?;
        integer(sink, node, || both!("key-in", key = key, what = self.what))
    }
}

/// A non-empty text value.
pub fn text(sink: &mut Sink, node: &Node<'_>, what: impl Fn() -> Text) -> Option<String> {
    match node.get_ref() {
        TomlValue::String(s) if s.trim().is_empty() => {
            sink.error(node.span(), problem!(MustNotBeEmpty { what: what() }));
            None
        }
        TomlValue::String(s) => Some(s.to_string()),
        other => {
            sink.error(
                node.span(),
                problem!(MustBeTextNot {
                    what: what(),
                    kind: Word(kind(other))
                }),
            );
            None
        }
    }
}

/// The literal text of a number node, exactly as written (radix 10), or `None`.
pub fn number_text(node: &Node<'_>) -> Option<String> {
    match node.get_ref() {
        TomlValue::Integer(i) if i.radix() == 10 => Some(i.as_str().to_string()),
        // Hex, octal, binary: their value in decimal; one too large for i128 stays a
        // string of digits that the number parser then calls too large.
        TomlValue::Integer(i) => Some(
            i128::from_str_radix(i.as_str(), i.radix())
                .map_or_else(|_| "9".repeat(40), |v| v.to_string()),
        ),
        TomlValue::Float(f) => Some(f.as_str().to_string()),
        _ => None,
    }
}

/// A point value (at most two decimals, not negative).
pub fn points(sink: &mut Sink, node: &Node<'_>, what: impl Fn() -> Text) -> Option<Points> {
    let Some(text) = number_text(node) else {
        sink.error(
            node.span(),
            problem!(MustBeANumberNot {
                what: what(),
                kind: Word(kind(node.get_ref()))
            }),
        );
        return None;
    };
    match Points::parse(&text) {
        Ok(p) if p.is_negative() => {
            sink.error(
                node.span(),
                problem!(MustNotBeNegativeGot { what: what(), text }),
            );
            None
        }
        Ok(p) => Some(p),
        Err(e) => {
            sink.error(
                node.span(),
                problem!(WhatTextProblem {
                    what: what(),
                    text,
                    problem: e.text()
                }),
            );
            None
        }
    }
}

/// A rate: `"92.5%"` or a fraction `0.925`.
pub fn rate(sink: &mut Sink, node: &Node<'_>, what: impl Fn() -> Text) -> Option<Rate> {
    let result = match node.get_ref() {
        TomlValue::String(s) => Rate::parse(s).map_err(|e| (s.to_string(), e)),
        _ => match number_text(node) {
            Some(t) => Rate::from_fraction_text(&t).map_err(|e| (t, e)),
            None => {
                sink.error(
                    node.span(),
                    problem!(MustBeARateSuchAs {
                        what: what(),
                        kind: Word(kind(node.get_ref()))
                    }),
                );
                return None;
            }
        },
    };
    match result {
        Ok(r) => Some(r),
        Err((t, e)) => {
            sink.error(
                node.span(),
                problem!(WhatValueProblem {
                    what: what(),
                    value: format!("{t:?}"),
                    problem: e.text()
                }),
            );
            None
        }
    }
}

/// A whole number.
pub fn integer(sink: &mut Sink, node: &Node<'_>, what: impl Fn() -> Text) -> Option<i64> {
    if let TomlValue::Integer(i) = node.get_ref()
        && let Ok(v) = i64::from_str_radix(i.as_str(), i.radix())
    {
        return Some(v);
    }
    if matches!(node.get_ref(), TomlValue::String(s) if s.is_empty()) {
        sink.error(node.span(), problem!(IsNotFilledIn { what: what() }));
        return None;
    }
    let shown =
        number_text(node).map_or_else(|| Text::Word(kind(node.get_ref()).into()), Text::from);
    sink.error(
        node.span(),
        problem!(MustBeAWholeNumberNot {
            what: what(),
            value: shown
        }),
    );
    None
}

/// A TOML local date (`2024-09-30`): the campaign's dates (SPEC §12). A quoted date, a
/// time or an offset is an error that shows the form expected.
pub fn date(sink: &mut Sink, node: &Node<'_>, what: impl Fn() -> Text) -> Option<NaiveDate> {
    if let TomlValue::Datetime(d) = node.get_ref()
        && let (Some(date), None, None) = (d.date, d.time, d.offset)
        && let Some(day) = NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        )
    {
        return Some(day);
    }
    let kind = match node.get_ref() {
        TomlValue::String(s) => Text::from(format!("{s:?}")),
        TomlValue::Datetime(d) => Text::from(d.to_string()),
        other => Text::Word(kind(other).into()),
    };
    sink.error(node.span(), problem!(MustBeADateNot { what: what(), kind }));
    None
}

/// How a value's type is named in messages.
pub fn kind(value: &TomlValue<'_>) -> &'static str {
    match value {
        TomlValue::String(_) => "text",
        TomlValue::Integer(_) => "a number",
        TomlValue::Float(_) => "a number",
        TomlValue::Boolean(_) => "true/false",
        TomlValue::Datetime(_) => "a date",
        TomlValue::Array(_) => "a list",
        TomlValue::Table(_) => "a table",
    }
}

/// The known key closest to a misspelt one, if it is close enough to be a likely typo.
pub(crate) fn nearest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(key, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4) && *d < k.len())
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests;
