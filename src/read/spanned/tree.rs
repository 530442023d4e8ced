//! The spanned tree the readers walk, and the fast way to build it.
//!
//! `toml`'s own tree (`DeTable`) is a `BTreeMap` per table built from a list of tokens and
//! then a list of events; on 100 000 records that building was half of all the work `audit
//! check` did. Here a file is read straight from `toml_parser`'s events (the same lexer and
//! parser `toml` uses) into tables that are plain vectors, sorted once when the file is
//! read, so the readers see them in the same order as before.
//!
//! The fast path takes only what it is sure of: any error the lexer or parser reports, any
//! duplicate key, dotted key, table defined twice or extended from elsewhere, and it gives
//! up. [`super::parse`] then reads the file with `toml`'s recovering parser, which says
//! exactly what is wrong, and turns that tree into this one. A file is therefore read the
//! same way whichever path took it; the tests compare the two on every shape.

use std::borrow::Cow;
use std::ops::Deref;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

/// A TOML value with its byte span.
pub type Node<'a> = Spanned<TomlValue<'a>>;

/// A whole file: its root table.
pub type Document<'a> = Spanned<Table<'a>>;

/// A table's key with its byte span.
pub type Key<'a> = Spanned<Cow<'a, str>>;

/// A TOML value. Numbers keep their literal text: the readers parse it exactly.
#[derive(Debug)]
pub enum TomlValue<'a> {
    String(Cow<'a, str>),
    Integer(Number<'a>),
    Float(Number<'a>),
    Boolean(bool),
    Datetime(Datetime),
    Array(Array<'a>),
    Table(Table<'a>),
}

/// A number as written, without its radix prefix or underscores (as `toml` gives it).
#[derive(Debug)]
pub struct Number<'a> {
    text: Cow<'a, str>,
    radix: u32,
}

impl Number<'_> {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// 10, or 16, 8, 2 for an integer written `0x…`, `0o…`, `0b…`.
    pub fn radix(&self) -> u32 {
        self.radix
    }
}

/// An array: its items, and whether `[[header]]`s made it.
#[derive(Debug, Default)]
pub struct Array<'a> {
    items: Vec<Node<'a>>,
    of_tables: bool,
}

impl<'a> Deref for Array<'a> {
    type Target = [Node<'a>];

    fn deref(&self) -> &[Node<'a>] {
        &self.items
    }
}

/// A table: its entries sorted by key, as `toml`'s map keeps them.
#[derive(Debug, Default)]
pub struct Table<'a> {
    entries: Vec<(Key<'a>, Node<'a>)>,
    /// Written `{ … }`: nothing may be added to it from outside.
    inline: bool,
}

impl<'a> Table<'a> {
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&Key<'a>, &Node<'a>)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.entries
            .binary_search_by(|(k, _)| k.get_ref().as_ref().cmp(key))
            .ok()
            .map(|i| &self.entries[i].1)
    }
}

/// Reads a document from `toml_parser`'s events, or `None` for anything the fast path
/// leaves to `toml` (see the module's comment).
pub fn parse_fast(text: &str) -> Option<Document<'_>> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut builder = Builder::new(source);
    let mut errors = Failed(false);
    {
        let mut receiver = ValidateWhitespace::new(&mut builder, source);
        toml_parser::parser::parse_document(&tokens, &mut receiver, &mut errors);
    }
    if errors.0 || builder.failed {
        return None;
    }
    let mut root = builder.finish()?;
    sort(&mut root)?;
    // The root's span is empty, at the start, as `toml` gives it.
    Some(Spanned::new(0..0, root))
}

/// `toml`'s tree as this one (for a file the fast path left to `toml`).
pub fn from_de(table: Spanned<DeTable<'_>>) -> Document<'_> {
    let span = table.span();
    Spanned::new(span, convert_table(table.into_inner()))
}

fn convert_table(table: DeTable<'_>) -> Table<'_> {
    Table {
        // The map iterates in key order already.
        entries: table.into_iter().map(|(k, v)| (k, convert(v))).collect(),
        inline: false,
    }
}

fn convert(node: Spanned<DeValue<'_>>) -> Node<'_> {
    let span = node.span();
    let value = match node.into_inner() {
        DeValue::String(s) => TomlValue::String(s),
        DeValue::Integer(i) => TomlValue::Integer(Number {
            text: Cow::Owned(i.as_str().to_owned()),
            radix: i.radix(),
        }),
        DeValue::Float(f) => TomlValue::Float(Number {
            text: Cow::Owned(f.as_str().to_owned()),
            radix: 10,
        }),
        DeValue::Boolean(b) => TomlValue::Boolean(b),
        DeValue::Datetime(d) => TomlValue::Datetime(d),
        DeValue::Array(a) => TomlValue::Array(Array {
            items: a.into_iter().map(convert).collect(),
            of_tables: false,
        }),
        DeValue::Table(t) => TomlValue::Table(convert_table(t)),
    };
    Spanned::new(span, value)
}

/// Sorts every table's entries by key, or `None` if a table has a key twice.
fn sort(table: &mut Table<'_>) -> Option<()> {
    // Stable: equal keys stay in file order, though they only matter to be found.
    table
        .entries
        .sort_by(|(a, _), (b, _)| a.get_ref().cmp(b.get_ref()));
    if table
        .entries
        .windows(2)
        .any(|w| w[0].0.get_ref() == w[1].0.get_ref())
    {
        return None;
    }
    table
        .entries
        .iter_mut()
        .try_for_each(|(_, node)| sort_node(node.get_mut()))
}

fn sort_node(value: &mut TomlValue<'_>) -> Option<()> {
    match value {
        TomlValue::Table(t) => sort(t),
        TomlValue::Array(a) => a.items.iter_mut().try_for_each(|n| sort_node(n.get_mut())),
        _ => Some(()),
    }
}

/// Any error reported at all: the fast path then gives the file to `toml`.
struct Failed(bool);

impl ErrorSink for Failed {
    fn report_error(&mut self, _error: ParseError) {
        self.0 = true;
    }
}

/// Deeper than this, `toml` reports a recursion limit; leave such a file to it.
const DEPTH: usize = 64;

/// An array or inline table being read.
enum Open<'a> {
    Array {
        start: usize,
        items: Vec<Node<'a>>,
    },
    Inline {
        start: usize,
        table: Table<'a>,
        key: Option<Key<'a>>,
    },
}

struct Builder<'a> {
    source: Source<'a>,
    failed: bool,
    root: Table<'a>,
    /// The table the key-values now go to; put in its place at the next header.
    current: Table<'a>,
    /// The current table's header: its path, its span, whether `[[…]]`.
    header: Option<(Vec<Key<'a>>, Span, bool)>,
    /// A header being read: where it opened, whether `[[`.
    opening: Option<(Span, bool)>,
    /// The simple keys read since the last `=` or header.
    keys: Vec<Key<'a>>,
    /// The key whose value comes next, outside any array or inline table.
    key: Option<Key<'a>>,
    open: Vec<Open<'a>>,
}

impl<'a> Builder<'a> {
    fn new(source: Source<'a>) -> Self {
        Builder {
            source,
            failed: false,
            root: Table::default(),
            current: Table::default(),
            header: None,
            opening: None,
            keys: Vec::new(),
            key: None,
            open: Vec::new(),
        }
    }

    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Raw<'a> {
        let text = &self.source.input()[span.start()..span.end()];
        Raw::new_unchecked(text, encoding, span)
    }

    /// Puts a finished value where it belongs: in the array or inline table open, or in
    /// the current table under the key read.
    fn place(&mut self, node: Node<'a>) {
        let slot = match self.open.last_mut() {
            Some(Open::Array { items, .. }) => {
                items.push(node);
                return;
            }
            Some(Open::Inline { table, key, .. }) => key.take().map(|k| (table, k)),
            None => self.key.take().map(|k| (&mut self.current, k)),
        };
        match slot {
            Some((table, key)) => table.entries.push((key, node)),
            None => self.failed = true,
        }
    }

    /// The table named by the header just read, ready for its key-values (the one before
    /// it put in its place).
    fn start_table(&mut self, span: Span, array: bool) {
        self.end_table();
        let mut path = std::mem::take(&mut self.keys);
        if path.is_empty() || path.len() >= DEPTH {
            self.failed = true;
            return;
        }
        let Some(parent) = descend(&mut self.root, &path[..path.len() - 1]) else {
            self.failed = true;
            return;
        };
        let key = path.last().map(|k| k.get_ref().as_ref());
        let exists = parent
            .entries
            .iter()
            .find(|(k, _)| Some(k.get_ref().as_ref()) == key);
        match exists {
            None => {}
            Some((_, node))
                if array && matches!(node.get_ref(), TomlValue::Array(a) if a.of_tables) => {}
            // Defined twice, or made implicitly by an earlier header and now defined:
            // rare, and `toml` knows the rules.
            Some(_) => {
                self.failed = true;
                return;
            }
        }
        self.current = Table::default();
        path.shrink_to_fit();
        self.header = Some((path, span, array));
    }

    /// Puts the current table in its place under its header.
    fn end_table(&mut self) {
        let table = std::mem::take(&mut self.current);
        let Some((mut path, span, array)) = self.header.take() else {
            // Before any header: the key-values of the root.
            self.root.entries.extend(table.entries);
            return;
        };
        let key = path.pop().expect("a header has a key");
        let Some(parent) = descend(&mut self.root, &path) else {
            self.failed = true;
            return;
        };
        let span = span.start()..span.end();
        let node = Spanned::new(span.clone(), TomlValue::Table(table));
        if !array {
            parent.entries.push((key, node));
            return;
        }
        let found = parent
            .entries
            .iter_mut()
            .find(|(k, _)| k.get_ref() == key.get_ref());
        match found {
            Some((_, existing)) => match existing.get_mut() {
                TomlValue::Array(a) if a.of_tables => a.items.push(node),
                _ => self.failed = true,
            },
            None => {
                let array = Array {
                    items: vec![node],
                    of_tables: true,
                };
                parent
                    .entries
                    .push((key, Spanned::new(span, TomlValue::Array(array))));
            }
        }
    }

    fn finish(mut self) -> Option<Table<'a>> {
        self.end_table();
        let done = !self.failed && self.open.is_empty() && self.key.is_none();
        done.then_some(self.root)
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, errors: &mut dyn ErrorSink) {
        let raw = self.raw(span, encoding);
        let mut text = Cow::Borrowed("");
        let kind = raw.decode_scalar(&mut text, errors);
        let value = match kind {
            ScalarKind::String => TomlValue::String(text),
            ScalarKind::Boolean(b) => TomlValue::Boolean(b),
            ScalarKind::DateTime => match text.parse::<Datetime>() {
                Ok(d) => TomlValue::Datetime(d),
                Err(_) => {
                    self.failed = true;
                    return;
                }
            },
            ScalarKind::Float => TomlValue::Float(Number { text, radix: 10 }),
            ScalarKind::Integer(radix) => TomlValue::Integer(Number {
                text,
                radix: radix.value(),
            }),
        };
        self.place(Spanned::new(span.start()..span.end(), value));
    }
}

/// The table at `path` below `table`, making the missing ones implicitly (spanned by
/// their key, as `toml` does), or `None` where `toml` would have something to say.
fn descend<'t, 'a>(mut table: &'t mut Table<'a>, path: &[Key<'a>]) -> Option<&'t mut Table<'a>> {
    for key in path {
        let place = table
            .entries
            .iter()
            .position(|(k, _)| k.get_ref() == key.get_ref());
        let place = match place {
            Some(place) => place,
            None => {
                let node = Spanned::new(key.span(), TomlValue::Table(Table::default()));
                table.entries.push((key.clone(), node));
                table.entries.len() - 1
            }
        };
        table = match table.entries[place].1.get_mut() {
            TomlValue::Table(t) if !t.inline => t,
            TomlValue::Array(a) if a.of_tables => match a.items.last_mut()?.get_mut() {
                TomlValue::Table(t) => t,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(table)
}

impl<'a> EventReceiver for Builder<'a> {
    fn std_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.opening = Some((span, false));
    }

    fn array_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.opening = Some((span, true));
    }

    fn std_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.close_header(span);
    }

    fn array_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.close_header(span);
    }

    fn inline_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        self.open_value(Open::Inline {
            start: span.start(),
            table: Table {
                inline: true,
                ..Table::default()
            },
            key: None,
        })
    }

    fn inline_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        match self.open.pop() {
            Some(Open::Inline {
                start, table, key, ..
            }) if key.is_none() => {
                self.place(Spanned::new(start..span.end(), TomlValue::Table(table)));
            }
            _ => self.failed = true,
        }
    }

    fn array_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        self.open_value(Open::Array {
            start: span.start(),
            items: Vec::new(),
        })
    }

    fn array_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        match self.open.pop() {
            Some(Open::Array { start, items }) => {
                let array = Array {
                    items,
                    of_tables: false,
                };
                self.place(Spanned::new(start..span.end(), TomlValue::Array(array)));
            }
            _ => self.failed = true,
        }
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, errors: &mut dyn ErrorSink) {
        let raw = self.raw(span, encoding);
        let mut key = Cow::Borrowed("");
        raw.decode_key(&mut key, errors);
        self.keys.push(Spanned::new(span.start()..span.end(), key));
    }

    fn key_val_sep(&mut self, _: Span, _: &mut dyn ErrorSink) {
        // A dotted key (`a.b = 1`) makes tables by rules of its own: left to `toml`.
        if self.keys.len() != 1 {
            self.failed = true;
            self.keys.clear();
            return;
        }
        let key = self.keys.pop();
        match self.open.last_mut() {
            Some(Open::Inline { key: slot, .. }) if slot.is_none() => *slot = key,
            None if self.key.is_none() => self.key = key,
            _ => self.failed = true,
        }
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, errors: &mut dyn ErrorSink) {
        Builder::scalar(self, span, encoding, errors);
    }

    fn error(&mut self, _: Span, _: &mut dyn ErrorSink) {
        self.failed = true;
    }
}

impl<'a> Builder<'a> {
    fn close_header(&mut self, close: Span) {
        match self.opening.take() {
            Some((open, array)) => {
                let span = Span::new_unchecked(open.start(), close.end());
                self.start_table(span, array);
            }
            None => self.failed = true,
        }
    }

    fn open_value(&mut self, open: Open<'a>) -> bool {
        if self.open.len() >= DEPTH {
            self.failed = true;
            return false;
        }
        self.open.push(open);
        true
    }
}

#[cfg(test)]
#[path = "tree_tests.rs"]
mod tests;
