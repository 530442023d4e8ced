use std::fmt::Write;

use proptest::prelude::*;

use super::*;

/// The tree as text, spans included: two trees read the same way print the same.
fn dump(doc: &Document<'_>) -> String {
    let span = doc.span();
    let mut out = format!("@{}..{} ", span.start, span.end);
    write_table(&mut out, doc.get_ref());
    out
}

fn write_node(out: &mut String, node: &Node<'_>) {
    let span = node.span();
    write!(out, "@{}..{} ", span.start, span.end).unwrap();
    match node.get_ref() {
        TomlValue::String(s) => write!(out, "{s:?}").unwrap(),
        TomlValue::Integer(n) => write!(out, "int({}, {})", n.as_str(), n.radix()).unwrap(),
        TomlValue::Float(n) => write!(out, "float({})", n.as_str()).unwrap(),
        TomlValue::Boolean(b) => write!(out, "{b}").unwrap(),
        TomlValue::Datetime(d) => write!(out, "date({d})").unwrap(),
        TomlValue::Array(a) => {
            out.push('[');
            for item in a.iter() {
                write_node(out, item);
                out.push_str(", ");
            }
            out.push(']');
        }
        TomlValue::Table(t) => write_table(out, t),
    }
}

fn write_table(out: &mut String, t: &Table<'_>) {
    out.push('{');
    for (k, v) in t.iter() {
        let span = k.span();
        write!(out, "{:?}@{}..{} = ", k.get_ref(), span.start, span.end).unwrap();
        write_node(out, v);
        out.push_str("; ");
    }
    out.push('}');
}

/// `toml`'s reading: its tree as ours, and whether it found errors.
fn slow(text: &str) -> (String, bool) {
    let (table, errors) = DeTable::parse_recoverable(text);
    (dump(&from_de(table)), !errors.is_empty())
}

/// The fast path reads `text` exactly as `toml` does.
fn same(text: &str) {
    let fast = parse_fast(text).unwrap_or_else(|| panic!("fast path refused:\n{text}"));
    let (slow, errors) = slow(text);
    assert!(!errors, "toml found errors in:\n{text}");
    assert_eq!(dump(&fast), slow, "in:\n{text}");
}

#[test]
fn a_record_is_read_as_toml_reads_it() {
    same(concat!(
        "# 自评\n",
        "org = \"信托公司\"\r\n",
        "branch = '第一党支部'\n",
        "period = 2024\n",
        "satisfaction = \"92.5%\"\n",
        "veto = { \"V1\" = false, V2 = true }\n",
        "\n",
        "[levels.self]\n",
        "\"1.1\" = 3\n",
        "\"1.2\" = 2.5   # half\n",
        "\"10.3\" = \"优\"\n",
        "[levels.review]\n",
        "\"1.1\" = [1, 2, [3, 0x1F, 0o7, 0b101, 1_000]]\n",
        "[[rectification]]\n",
        "point = \"1.1\"\n",
        "due = 2024-06-30\n",
        "at = 1979-05-27T07:32:00Z\n",
        "[[rectification]]\n",
        "point = \"2.1\"\n",
        "note = \"\"\"\nline one\\\n  joined \\u00e9\"\"\"\n",
        "lit = '''\nraw \\n'''\n",
        "[rectification.detail]\n",
        "x = -1.5e3\n",
        "empty = {}\n",
        "nested = { a = { b = [ { c = 1 }, {} ] } }\n",
        "trailing = [ 1, 2, ]\n",
        "multi = [\n  1, # one\n  2,\n]\n",
    ));
    // The root alone, an empty file, and tables named only by the headers below them.
    same("a = 1\n");
    same("");
    same("# nothing\n\n");
    same("[a.b.c]\nx = 1\n[a.b.d]\ny = 2\n[a.e]\n");
    same("[[a.b]]\n[[a.b]]\nx = 1\n[a.b.c]\ny = 1\n[[a.b]]\n");
    same("[\"quoted key\".'literal'.\"中文\"]\n\"\" = 1\n");
}

#[test]
fn what_toml_has_rules_for_is_left_to_it() {
    for text in [
        // Errors of every kind.
        "a = 1\na = 2\n",
        "a = \n",
        "a = 1 b = 2\n",
        "[a]\n[a]\n",
        "a = { b = 1, b = 2 }\n",
        "a = [1, 2\n",
        "a = \"\\q\"\n",
        "a = 1979-13-45\n",
        "a = 1 # \u{7f}\n",
        "a = [1]\n[[a]]\n",
        "a = {}\n[a.b]\n",
        "a = 1\n[a.b]\n",
        // Correct, but by rules the fast path does not keep: dotted keys, and a table
        // named by a header after headers below it made it.
        "a.b = 1\n",
        "x = { a.b = 1 }\n",
        "[a.b]\n[a]\n",
    ] {
        assert!(parse_fast(text).is_none(), "fast path read:\n{text}");
    }
}

#[test]
fn numbers_keep_their_text_and_radix() {
    let root = parse_fast("a = 0x1F\nb = 1_000\nc = 2.50\nd = -0\n").unwrap();
    let t = root.get_ref();
    let number = |key: &str| match t.get(key).map(|n| n.get_ref()) {
        Some(TomlValue::Integer(n) | TomlValue::Float(n)) => (n.as_str().to_string(), n.radix()),
        other => panic!("{key}: {other:?}"),
    };
    assert_eq!(number("a"), ("1F".to_string(), 16));
    assert_eq!(number("b"), ("1000".to_string(), 10));
    assert_eq!(number("c"), ("2.50".to_string(), 10));
    assert_eq!(number("d"), ("-0".to_string(), 10));
    assert!(t.get("e").is_none());
}

/// Pieces of TOML, right and wrong, that a file is made of in the property test below.
const PIECES: &[&str] = &[
    "a = 1\n",
    "b = \"x\"\n",
    "a = 2\n",
    "c = [1, {d = 2}]\n",
    "\"1.1\" = 3\n",
    "'1.1' = 3\n",
    "e = { f = 1 }\n",
    "g.h = 1\n",
    "[t]\n",
    "[t.u]\n",
    "[[t]]\n",
    "[[arr]]\n",
    "[arr.sub]\n",
    "[e]\n",
    "[c]\n",
    "[\"中文\"]\n",
    "x = 2024-01-31\n",
    "y = 2024-01-32\n",
    "z = 1e\n",
    "w = 0x\n",
    "s = \"\"\"\nm\n\"\"\"\n",
    "# comment\n",
    "\n",
    "= 1\n",
    "k = [\n",
    "]\n",
    "[bad\n",
    "v = true\n",
    "v = tru\n",
    "n = -1.5\r\n",
    "q = 'a\\b'\n",
    "p = \"\\u00e9\"\n",
    "\"a\" = 3\n",
    "\"\\u0061\" = 4\n",
    "[arr]\n",
    "[[t.u]]\n",
    "[t.u.v]\n",
    "i = { j = [ { k = 1 }, 2 ], l = {} }\n",
    "[[c]]\n",
    "[a]\n",
    "[b.c]\n",
];

proptest! {
    /// Whatever the file: the fast path reads it as `toml` does, or leaves it to `toml`;
    /// and it never reads a file `toml` finds wrong.
    #[test]
    fn the_fast_path_reads_as_toml_or_not_at_all(
        picks in proptest::collection::vec(0..PIECES.len(), 0..14)
    ) {
        let text: String = picks.iter().map(|&i| PIECES[i]).collect();
        let (slow, errors) = slow(&text);
        if let Some(fast) = parse_fast(&text) {
            prop_assert!(!errors, "read a file toml finds wrong:\n{}", text);
            prop_assert_eq!(dump(&fast), slow, "in:\n{}", text);
        }
    }
}

#[test]
fn the_fast_path_takes_the_common_files() {
    // The property test above would pass if the fast path refused everything.
    let taken = (0..PIECES.len())
        .filter(|&i| parse_fast(&format!("{}[t]\n{}", PIECES[i], PIECES[i])).is_some())
        .count();
    assert!(taken >= 10, "only {taken} taken");
}
