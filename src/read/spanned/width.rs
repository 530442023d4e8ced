//! Full-width characters typed on a Chinese keyboard where TOML needs half-width ones
//! (`３`, `，`, `＝`, `“good”`, `【self】`): found outside strings and comments, reported at
//! their positions, and made half-width so the rest of the file can still be read.

use crate::diagnostic::Severity;

use super::Sink;

/// The half-width character a full-width one (typed on a Chinese keyboard) stands for.
pub(super) fn half_width_of(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        '“' | '”' => Some('"'),
        '‘' | '’' => Some('\''),
        '【' => Some('['),
        '】' => Some(']'),
        '。' => Some('.'),
        '、' => Some(','),
        _ => None,
    }
}

/// Reports each full-width character of `text` that stands where TOML needs a half-width
/// one (`３`, `，`, `＝`, `“good”`, `【self】`, a full-width space) at its position, and
/// returns the text with them made half-width, for [`parse`]. Characters inside strings
/// and comments are text (a Chinese note keeps its `，`) and are left alone, except a
/// full-width quote that closes a string left open at the end of its line.
pub fn half_width<'a>(sink: &mut Sink, text: &'a str) -> std::borrow::Cow<'a, str> {
    let found = full_width_positions(text);
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for &(at, c, half) in &found {
        let message = if c == '\u{3000}' {
            problem!(FullWidthSpaceWriteAHalf)
        } else {
            problem!(FullWidthCharacterWriteTheHalf { c, half })
        };
        // At the character in the file: these spans need no mapping.
        let d = sink
            .file
            .diagnostic(Severity::Error, at..at + c.len_utf8(), String::new());
        sink.diagnostics.push(d.with_text(message));
        out.push_str(&text[last..at]);
        sink.shifts
            .push((out.len(), c.len_utf8() - half.len_utf8()));
        out.push(half);
        last = at + c.len_utf8();
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// (byte offset, character, its half-width form) of each full-width character that stands
/// outside strings and comments, in order.
pub(super) fn full_width_positions(text: &str) -> Vec<(usize, char, char)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // Every character [`half_width_of`] knows is encoded with a lead byte E2 (“”‘’), E3
    // (full-width space, 【】。、) or EF (U+FF01…FF5E); a file without one has none, and most
    // files (Chinese names and notes included) are passed in one vectorised sweep.
    if memchr::memchr3(0xE2, 0xE3, 0xEF, bytes).is_none() {
        return found;
    }
    let mut i = 0;
    let starts = |i: usize, s: &str| bytes[i..].starts_with(s.as_bytes());
    while i < bytes.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c == '#' {
            i += text[i..].find('\n').unwrap_or(text.len() - i);
        } else if starts(i, "\"\"\"") || starts(i, "'''") {
            let close = &text[i..i + 3];
            let body = i + 3;
            let end = multi_line_end(text, body, close);
            i = end;
        } else if c == '"' || c == '\'' {
            // A one-line string: up to its closing quote, else the end of the line.
            let body = i + 1;
            let mut j = body;
            let mut closed = None;
            while j < bytes.len() && bytes[j] != b'\n' {
                if c == '"' && bytes[j] == b'\\' {
                    j += 2;
                    continue;
                }
                if bytes[j] == c as u8 {
                    closed = Some(j + 1);
                    break;
                }
                j += 1;
            }
            match closed {
                Some(next) => i = next,
                None => {
                    // Left open: a full-width closing quote (`"good”`) is the likely end.
                    let line = &text[body..j.min(bytes.len())];
                    match line
                        .char_indices()
                        .find(|(_, q)| matches!(q, '”' | '“' | '’' | '‘'))
                    {
                        Some((k, q)) => {
                            found.push((body + k, q, c));
                            i = body + k + q.len_utf8();
                        }
                        None => i = j,
                    }
                }
            }
        } else {
            if let Some(half) = half_width_of(c) {
                found.push((i, c, half));
            }
            i += c.len_utf8();
        }
    }
    found
}

/// Where a multi-line string whose body starts at `body` ends (after its closing quotes).
fn multi_line_end(text: &str, body: usize, close: &str) -> usize {
    let bytes = text.as_bytes();
    let mut j = body;
    while j < bytes.len() {
        if close == "\"\"\"" && bytes[j] == b'\\' {
            j += 2;
            continue;
        }
        if bytes[j..].starts_with(close.as_bytes()) {
            // Up to two more quotes may belong to the string (`""""` ends with one in it).
            let mut end = j + 3;
            while end < bytes.len() && bytes[end] == close.as_bytes()[0] && end < j + 5 {
                end += 1;
            }
            return end;
        }
        j += 1;
    }
    bytes.len()
}
