//! Mutation testing on the stable toolchain: a few thousand damaged records and checklists,
//! made from valid ones by a fixed-seed generator, go through the library and through the
//! `audit` binary (`score`, `check --target` and, for records, `report`, all `--format json`,
//! many files per run so that only a few processes start). Whatever the damage, `audit`:
//!
//! - never panics (exit code 0, 1 or 2, never 101; no "panicked" on stderr),
//! - writes JSON that parses,
//! - scores every record that reads cleanly between 0 and the checklist's total plus its
//!   bonus cap (exactly, in hundredths),
//! - places every diagnostic at a file, line and column that exist,
//! - reports compliance rows whose counts partition the population.
//!
//! The generator is deterministic (xorshift, fixed seeds): a failure names the case and shows
//! the input, and reproduces on every run. `cargo fuzz` (see `fuzz/`) explores further.

use std::path::Path;

use audit::diagnostic::{Diagnostic, SourceFile};
use audit::points::{Points, Rate};
use audit::read::checklist::Checklist;
use audit::read::load::source_from_bytes;
use audit::read::record::{Level, Record};
use audit::score::{LevelChoice, score};
use serde_json::Value as Json;

use crate::harness::{MINI_CHECKLIST, full_acceptance, record, repo, run_in};

/// Mutated records run through the binary (in `RECORD_ROOTS` records roots).
const RECORDS: usize = 1600;
const RECORD_ROOTS: usize = 4;
/// Mutated checklists read in-process; every `CHECKLIST_RUN_EVERY`-th also gets a records
/// root of its own and goes through the binary.
const CHECKLISTS: usize = 1200;
const CHECKLIST_RUN_EVERY: usize = 40;

/// xorshift64*: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    /// The generator for one test: its fixed seed, or that seed mixed with
    /// `AUDIT_MUTATION_SEED` to explore other inputs by hand (a failure then names it).
    fn new(seed: u64) -> Rng {
        let extra = std::env::var("AUDIT_MUTATION_SEED")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0);
        Rng((seed ^ extra.wrapping_mul(0x9e37_79b9_7f4a_7c15)).max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Numbers a person or a tool might write where a value goes.
const EXTREMES: &[&str] = &[
    "1e308",
    "-1e308",
    "1e-308",
    "-0",
    "-0.0",
    "0.005",
    "0.001",
    "999999999999",
    "9999999999.99",
    "10000000000.01",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "1e19",
    "1e-20",
    "-1",
    "-0.5",
    "inf",
    "-inf",
    "nan",
    "0x7fffffff",
    "0o777",
    "1_000",
    "+5",
    "3.",
    ".5",
    "1e",
    "\"5\"",
    "\"-0\"",
    "\"1e308\"",
    "\"150%\"",
    "\"-5%\"",
    "\"0.5%\"",
    "\"99.999%\"",
    "true",
    "1979-05-27T07:32:00Z",
    "[]",
    "{}",
    "[1, 2]",
    "{ score = 1e308 }",
    "{ deductions = [ { points = 999999999999, times = 999999999999, reason = \"x\" } ] }",
    "{ deductions = [ { points = 0.01, times = 10000, reason = \"x\" } ] }",
    "{ deductions = [] }",
    "\"na\"",
];

/// Text a person or a tool might paste: Unicode of every kind, full-width characters from a
/// Chinese keyboard, controls.
const STRANGE: &[&str] = &[
    "３",
    "，",
    "＝",
    "“good”",
    "．",
    "［acceptance］",
    "党支部",
    "🙂",
    "e\u{301}",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "\u{7f}",
    "\t",
    "\r",
    "\r\n",
    "\\",
    "\\u0000",
    "../../../etc/passwd",
    "/etc/passwd",
    "evidence/",
    "C:\\x",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "#",
    "=",
    ".",
    "[",
    "]]",
    "{",
    "}",
    ",",
];

/// Lines that change a file's shape: headers, keys of other tables.
const HEADERS: &[&str] = &[
    "[acceptance]",
    "[self]",
    "[review]",
    "[satisfaction]",
    "[bonus]",
    "[vetoes]",
    "[[items]]",
    "[[items.points]]",
    "[[bands]]",
    "[[bonus]]",
    "[[vetoes]]",
    "[pass]",
    "[expect]",
    "[compliance]",
    "[compliance.targets]",
    "[acceptance.\"1.1\"]",
    "acceptance.\"1.1\" = 1",
    "bonus_cap = 0",
    "derive = \"satisfaction\"",
    "optional = true",
    "step = 0.01",
    "step = 0",
    "max = 0",
];

/// Damages `text` with one to three mutations.
/// Half the inputs get only mutations that keep the file TOML (so that they reach the
/// checks of values, levels and totals); the other half get any.
fn mutate(rng: &mut Rng, text: &[u8], donors: &[Vec<u8>]) -> Vec<u8> {
    let mut out = text.to_vec();
    let keep_syntax = rng.below(2) == 0;
    for _ in 0..1 + rng.below(3) {
        out = if keep_syntax {
            mutate_value(rng, out, donors)
        } else {
            mutate_once(rng, out, donors)
        };
    }
    out
}

/// Text that is safe inside a `"…"` string.
const SAFE_TEXT: &[&str] = &[
    "３",
    "，",
    "＝",
    "．",
    "“good”",
    "党支部",
    "🙂",
    "e\u{301}",
    "\u{202e}",
    "\u{200b}",
    "good",
    "fair",
    "poor",
    "na",
    "NA",
    "Good",
    " good",
    "self",
    "acceptance",
    "V1",
    "B1",
    "1.1",
    "2022",
    "92.5%",
    "100%",
    "0%",
    "-1%",
    "1e308",
    "evidence/",
    "../x",
    "/etc/passwd",
    "",
];

/// Values that are TOML, in or out of range.
fn some_value(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => rng.pick(EXTREMES).to_string(),
        1 => format!("\"{}\"", rng.pick(SAFE_TEXT)),
        2 => format!("{}.{:02}", rng.below(12), rng.below(100)),
        3 => rng
            .pick(&[
                "0", "-0", "0.5", "1", "1.5", "2", "2.5", "3", "4", "5", "0.25", "1e0",
            ])
            .to_string(),
        4 => format!(
            "{{ deductions = [ {{ points = {}.{}, times = {}, reason = \"r\" }} ] }}",
            rng.below(4),
            rng.below(10),
            1 + rng.below(5)
        ),
        _ => format!(
            "{{ score = {}, note = \"{}\", evidence = [\"{}\"] }}",
            rng.below(6),
            rng.pick(SAFE_TEXT),
            rng.pick(SAFE_TEXT)
        ),
    }
}

/// The byte offset of a line's value: after its first ` = ` (or `=`), if any.
fn value_start(line: &[u8]) -> Option<usize> {
    let eq = line.iter().position(|&b| b == b'=')?;
    let mut at = eq + 1;
    while at < line.len() && line[at] == b' ' {
        at += 1;
    }
    Some(at)
}

/// A mutation that keeps the file TOML, mostly: a line's value replaced (by an extreme, by
/// another file's value, by a value in or out of range), a line deleted or moved, a string
/// changed.
fn mutate_value(rng: &mut Rng, t: Vec<u8>, donors: &[Vec<u8>]) -> Vec<u8> {
    let mut lines = lines_of(&t);
    if lines.is_empty() {
        return t;
    }
    let valued: Vec<usize> = (0..lines.len())
        .filter(|&i| value_start(&lines[i]).is_some() && !lines[i].starts_with(b"#"))
        .collect();
    match rng.below(5) {
        0 => {
            lines.remove(rng.below(lines.len()));
        }
        1 => {
            let i = rng.below(lines.len());
            let j = rng.below(lines.len());
            lines.swap(i, j);
        }
        2 if !valued.is_empty() => {
            // Another file's value in this line.
            let donor: &Vec<u8> = rng.pick(donors);
            let donor: Vec<Vec<u8>> = lines_of(donor)
                .into_iter()
                .filter(|l| value_start(l).is_some() && !l.starts_with(b"#"))
                .collect();
            if !donor.is_empty() {
                let d = rng.pick(&donor);
                let i = *rng.pick(&valued);
                let at = value_start(&lines[i]).unwrap_or(0);
                let from = value_start(d).unwrap_or(0);
                lines[i].truncate(at);
                lines[i].extend_from_slice(&d[from..]);
            }
        }
        _ if !valued.is_empty() => {
            let i = *rng.pick(&valued);
            let at = value_start(&lines[i]).unwrap_or(0);
            lines[i].truncate(at);
            lines[i].extend(some_value(rng).bytes());
            lines[i].push(b'\n');
        }
        _ => {}
    }
    lines.concat()
}

fn lines_of(text: &[u8]) -> Vec<Vec<u8>> {
    text.split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// The byte ranges of number-like tokens (digits, with a sign, point or exponent).
fn numbers(text: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_digit() {
            let mut start = i;
            if start > 0 && text[start - 1] == b'-' {
                start -= 1;
            }
            while i < text.len() && (text[i].is_ascii_alphanumeric() || b"._%".contains(&text[i])) {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

/// The byte ranges of the contents of `"…"` strings on one line.
fn strings(text: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, &b) in text.iter().enumerate() {
        match (b, open) {
            (b'"', None) => open = Some(i + 1),
            (b'"', Some(s)) => {
                out.push((s, i));
                open = None;
            }
            (b'\n', _) => open = None,
            _ => {}
        }
    }
    out
}

fn mutate_once(rng: &mut Rng, mut t: Vec<u8>, donors: &[Vec<u8>]) -> Vec<u8> {
    let len = t.len();
    match rng.below(16) {
        // Flip a bit.
        0 if len > 0 => {
            let i = rng.below(len);
            t[i] ^= 1 << rng.below(8);
        }
        // Overwrite a byte with one that matters to TOML or to UTF-8.
        1 if len > 0 => {
            let i = rng.below(len);
            t[i] = *rng.pick(b"\"=[]{}\n.\\#',\r\t0-9\xff\xe4\x80\xc0 ");
        }
        // Delete a few bytes.
        2 if len > 0 => {
            let i = rng.below(len);
            let n = (1 + rng.below(16)).min(len - i);
            t.drain(i..i + n);
        }
        // Duplicate, delete or swap lines.
        3..=5 => {
            let mut lines = lines_of(&t);
            if !lines.is_empty() {
                let i = rng.below(lines.len());
                let j = rng.below(lines.len());
                match rng.below(3) {
                    0 => {
                        let l = lines[i].clone();
                        lines.insert(j, l);
                    }
                    1 => {
                        lines.remove(i);
                    }
                    _ => lines.swap(i, j),
                }
            }
            t = lines.concat();
        }
        // Splice in a line of another valid file.
        6 | 7 => {
            let donor: &Vec<u8> = rng.pick(donors);
            let donor = lines_of(donor);
            let mut lines = lines_of(&t);
            if !donor.is_empty() {
                let l = rng.pick(&donor).clone();
                let at = rng.below(lines.len() + 1);
                lines.insert(at, l);
            }
            t = lines.concat();
        }
        // Replace a number by an extreme.
        8 | 9 => {
            let spots = numbers(&t);
            if !spots.is_empty() {
                let (s, e) = *rng.pick(&spots);
                t.splice(s..e, rng.pick(EXTREMES).bytes());
            }
        }
        // Replace a string's content by a huge, strange or full-width text.
        10 | 11 => {
            let spots = strings(&t);
            if !spots.is_empty() {
                let (s, e) = *rng.pick(&spots);
                let new = match rng.below(4) {
                    0 => "长".repeat(1 + rng.below(1_000)),
                    1 => "x".repeat(1 + rng.below(5_000)),
                    2 => rng.pick(STRANGE).repeat(1 + rng.below(3)),
                    _ => String::new(),
                };
                t.splice(s..e, new.bytes());
            }
        }
        // Insert strange text anywhere (even inside a UTF-8 sequence).
        12 => {
            let i = rng.below(len + 1);
            t.splice(i..i, rng.pick(STRANGE).bytes());
        }
        // Deep nesting in place of a value.
        13 => {
            let depth = 1 + rng.below(3000);
            let value = match rng.below(3) {
                0 => format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
                1 => format!("{}1{}", "{ a = ".repeat(depth), " }".repeat(depth)),
                _ => format!("{}1{}", "[{ a = ".repeat(depth), " }]".repeat(depth)),
            };
            let spots = numbers(&t);
            if spots.is_empty() {
                t.extend(format!("\nx = {value}\n").bytes());
            } else {
                let (s, e) = *rng.pick(&spots);
                t.splice(s..e, value.bytes());
            }
        }
        // A header or key line that changes the file's shape.
        14 => {
            let mut lines = lines_of(&t);
            let at = rng.below(lines.len() + 1);
            lines.insert(at, format!("{}\n", rng.pick(HEADERS)).into_bytes());
            t = lines.concat();
        }
        // Truncate, or change line endings, or add a byte-order mark.
        _ => match rng.below(3) {
            0 => t.truncate(rng.below(len + 1)),
            1 => {
                let text = String::from_utf8_lossy(&t).replace('\n', "\r\n");
                t = text.into_bytes();
            }
            _ => {
                t.splice(0..0, "\u{feff}".bytes());
            }
        },
    }
    t
}

/// What a failure shows of an input: enough to see the damage, never megabytes.
fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut s: String = text.chars().take(3000).collect();
    if s.len() < text.len() {
        s.push_str("…(cut)");
    }
    s
}

/// The highest total a record can get: the checklist's total plus the bonus it allows.
fn highest_total(checklist: &Checklist) -> Points {
    // The mutated checklists are v1 ones: every bonus has a max (no counted bonus).
    let bonus: Points = checklist.bonus.iter().filter_map(|b| b.max).sum();
    let bonus = checklist.bonus_cap.map_or(bonus, |cap| cap.min(bonus));
    checklist.total() + bonus
}

/// A diagnostic's position lies inside its file.
#[track_caller]
fn assert_placed(file: &str, line: u64, column: u64, bytes: &[u8], context: &dyn Fn() -> String) {
    assert!(!file.is_empty(), "diagnostic without a file: {}", context());
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    assert!(
        line >= 1 && line as usize <= lines.len(),
        "diagnostic at line {line} of a {}-line file: {}",
        lines.len(),
        context()
    );
    let width = String::from_utf8_lossy(lines[line as usize - 1])
        .chars()
        .count();
    assert!(
        column >= 1 && column as usize <= width + 1,
        "diagnostic at column {column} of a {width}-character line: {}",
        context()
    );
}

fn assert_diagnostic_placed(d: &Diagnostic, bytes: &[u8], context: &dyn Fn() -> String) {
    assert!(!d.message.is_empty(), "empty message: {}", context());
    assert_placed(&d.file, d.line as u64, d.column as u64, bytes, &|| {
        format!("{d}\n{}", context())
    });
}

/// Reads `bytes` as the loader does, parses it as a record and scores it at every level,
/// checking the invariants in-process.
fn check_record_in_process(
    checklist: &Checklist,
    name: &str,
    bytes: &[u8],
    context: &dyn Fn() -> String,
) {
    let file = match source_from_bytes(name.to_string(), bytes.to_vec()) {
        Ok(f) => f,
        Err(d) => {
            assert_diagnostic_placed(&d, bytes, context);
            return;
        }
    };
    let (parsed, diagnostics) = Record::parse(file, checklist, None);
    for d in &diagnostics {
        assert_diagnostic_placed(d, bytes, context);
    }
    let Some(r) = parsed else {
        assert!(
            diagnostics.iter().any(Diagnostic::is_error),
            "a record was refused without an error: {}",
            context()
        );
        return;
    };
    let highest = highest_total(checklist);
    let choices = [LevelChoice::Effective]
        .into_iter()
        .chain(Level::ALL.map(LevelChoice::Named));
    for choice in choices {
        let s = score(checklist, &r, choice);
        assert!(
            s.total >= Points::ZERO && s.total <= highest,
            "total {} outside 0..={highest} ({choice:?}): {}",
            s.total,
            context()
        );
        assert!(
            s.base >= Points::ZERO && s.base <= checklist.total(),
            "base {} outside 0..={} ({choice:?}): {}",
            s.base,
            checklist.total(),
            context()
        );
    }
}

/// A JSON number as exact points: the binary writes hundredths as their shortest decimal.
fn points_of(v: &Json) -> Points {
    Points::parse(&v.to_string()).unwrap_or_else(|e| panic!("{v} is not a points figure: {e:?}"))
}

/// Runs `audit ARGS` in `dir` and checks what every run must hold: a known exit code, no
/// panic, JSON on stdout.
fn run_json(dir: &Path, args: &[&str]) -> Json {
    let run = run_in(dir, args);
    assert!(
        matches!(run.code, 0..=2),
        "audit {args:?} exited {} in {}\nstderr:\n{}",
        run.code,
        dir.display(),
        shown(run.stderr.as_bytes())
    );
    assert!(
        !run.stderr.contains("panicked"),
        "audit {args:?} panicked in {}:\n{}",
        dir.display(),
        shown(run.stderr.as_bytes())
    );
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "audit {args:?} in {} wrote no JSON ({e}):\n{}",
            dir.display(),
            shown(run.stdout.as_bytes())
        )
    })
}

/// `score` and `check` over a records root whose files are `files` (relative path → bytes).
fn check_root_with_binary(dir: &Path, checklist: &Checklist, files: &[(String, Vec<u8>)]) {
    let input = |name: &str| -> &[u8] {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
            .unwrap_or_else(|| panic!("a diagnostic names {name:?}, which is not in the root"))
    };
    let context = |name: &str| {
        let name = name.to_string();
        let bytes = input(&name).to_vec();
        move || format!("in {name}:\n{}", shown(&bytes))
    };

    let json = run_json(dir, &["score", "--format", "json"]);
    let highest = highest_total(checklist);
    let records = json["records"].as_array().expect("score JSON has records");
    for r in records {
        let file = r["file"].as_str().expect("a record names its file");
        let total = points_of(&r["total"]);
        assert!(
            total >= Points::ZERO && total <= highest,
            "total {total} outside 0..={highest}: {}",
            context(file)()
        );
    }

    // The compliance gate too: it reads the periods and statuses of the records that pass.
    let json = run_json(dir, &["check", "--format", "json", "--target"]);
    for d in json["diagnostics"]
        .as_array()
        .expect("check JSON has diagnostics")
    {
        let file = d["file"].as_str().expect("a diagnostic names its file");
        let line = d["line"].as_u64().expect("a diagnostic has a line");
        let column = d["column"].as_u64().expect("a diagnostic has a column");
        assert!(
            d["message"].as_str().is_some_and(|m| !m.is_empty()),
            "a diagnostic without a message: {d}"
        );
        let bytes = input(file);
        assert_placed(file, line, column, bytes, &|| {
            format!("{d}\n{}", context(file)())
        });
    }
}

/// `report --partial` over a records root (plain `report` writes nothing over invalid
/// records): each row's counts partition its population, and its rate is a rate.
fn check_report_with_binary(dir: &Path) {
    let json = run_json(dir, &["report", "--partial", "--format", "json"]);
    for row in json["rows"].as_array().expect("report JSON has rows") {
        let count = |k: &str| row[k].as_u64().unwrap_or_else(|| panic!("{k} in {row}"));
        assert_eq!(
            count("population"),
            count("passed")
                + count("failed")
                + count("incomplete")
                + count("missing")
                + count("invalid"),
            "{row}"
        );
        let rate = Rate::parse(&row["rate"].to_string())
            .unwrap_or_else(|e| panic!("rate in {row}: {e:?}"));
        assert!(
            rate >= Rate::ratio(0, 1) && rate <= Rate::ratio(1, 1),
            "{row}"
        );
    }
}

fn write_root(dir: &Path, files: &[(String, Vec<u8>)]) {
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// The example records' evidence files, so that records citing them stay valid.
fn evidence_files() -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    let root = repo().join("examples/records");
    let mut out = Vec::new();
    walk(&root, &root.join("evidence"), &mut out);
    out
}

/// The example records, valid against the reference checklist.
fn example_records() -> Vec<Vec<u8>> {
    fn walk(dir: &Path, out: &mut Vec<Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                walk(&path, out);
            } else if name.ends_with(".toml") && name != "checklist.toml" && name != "roster.toml" {
                out.push(std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo().join("examples/records"), &mut out);
    assert!(out.len() > 10, "the example records are missing");
    out
}

/// Gives a record a branch of its own, so that mutants of one seed are not duplicates.
fn renamed(seed: &[u8], i: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(seed);
    text.lines()
        .map(|l| {
            if l.starts_with("branch") {
                format!("branch = \"m{i:04}\"")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes()
}

/// A checklist without its `[expect]` table (which ends at the first blank line).
fn without_expect(checklist: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(checklist);
    let mut out = String::new();
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if line.trim() == "[expect]" {
            skipping = true;
        } else if skipping && line.trim().is_empty() {
            skipping = false;
        }
        if !skipping {
            out.push_str(line);
        }
    }
    out.into_bytes()
}

fn parse_checklist(text: &str) -> Checklist {
    Checklist::parse(SourceFile::new("checklist.toml", text)).expect("a valid seed checklist")
}

#[test]
fn mutated_records_never_crash_score_or_check_and_stay_within_bounds() {
    let reference = audit::REFERENCE_CHECKLIST;
    let checklist = parse_checklist(reference);
    let seeds = example_records();
    let mut donors = seeds.clone();
    donors.push(reference.as_bytes().to_vec());
    donors.push(MINI_CHECKLIST.as_bytes().to_vec());

    let mut rng = Rng::new(0x5eed_0009);
    let evidence = evidence_files();
    let per_root = RECORDS / RECORD_ROOTS;
    for root in 0..RECORD_ROOTS {
        let mut files = evidence.clone();
        files.push(("checklist.toml".to_string(), reference.as_bytes().to_vec()));
        for k in 0..per_root {
            let i = root * per_root + k;
            let seed: &Vec<u8> = rng.pick(&seeds);
            let seed = renamed(seed, i);
            let bytes = mutate(&mut rng, &seed, &donors);
            let name = format!("m/{i:04}.toml");
            check_record_in_process(&checklist, &name, &bytes, &|| {
                format!("mutated record {i}:\n{}", shown(&bytes))
            });
            files.push((name, bytes));
        }
        let dir = tempfile::tempdir().unwrap();
        write_root(dir.path(), &files);
        check_root_with_binary(dir.path(), &checklist, &files);
        check_report_with_binary(dir.path());
    }
}

#[test]
fn mutated_checklists_never_crash_score_or_check_and_stay_within_bounds() {
    let seeds: Vec<(Vec<u8>, Vec<Vec<u8>>)> = vec![
        (
            MINI_CHECKLIST.as_bytes().to_vec(),
            vec![
                record("A", "a", "2022", &full_acceptance(50, 50)).into_bytes(),
                record(
                    "A",
                    "b",
                    "2022",
                    "[bonus]\nB1 = 2\nB2 = 2\n[self]\n\"1.1\" = \"fair\"\n\"1.2\" = \"na\"\n\"2.1\" = 9.5\n",
                )
                .into_bytes(),
                record(
                    "A",
                    "c",
                    "2023",
                    "[satisfaction]\nrate = \"91%\"\n[review]\n\"2.2\" = { deductions = [ { points = 1.5, times = 3, reason = \"missed\" } ] }\n\"3.3\" = \"na\"\n",
                )
                .into_bytes(),
            ],
        ),
        (
            audit::REFERENCE_CHECKLIST.as_bytes().to_vec(),
            example_records().into_iter().step_by(9).collect(),
        ),
    ];
    // Without `[expect]` too, so that changed maxima do not always fail its assertion.
    let seeds: Vec<(Vec<u8>, Vec<Vec<u8>>)> = seeds
        .into_iter()
        .flat_map(|(c, r)| [(without_expect(&c), r.clone()), (c, r)])
        .collect();
    let mut donors: Vec<Vec<u8>> = seeds.iter().map(|(c, _)| c.clone()).collect();
    donors.extend(seeds.iter().flat_map(|(_, r)| r.iter().cloned()));

    let mut rng = Rng::new(0xc4ec_1157);
    for i in 0..CHECKLISTS {
        let (seed, records) = rng.pick(&seeds);
        let bytes = mutate(&mut rng, seed, &donors);
        let context = || format!("mutated checklist {i}:\n{}", shown(&bytes));
        let checklist = match source_from_bytes("checklist.toml".to_string(), bytes.clone()) {
            Err(d) => {
                assert_diagnostic_placed(&d, &bytes, &context);
                None
            }
            Ok(file) => match Checklist::parse(file) {
                Ok(c) => Some(c),
                Err(diagnostics) => {
                    assert!(!diagnostics.is_empty(), "refused in silence: {}", context());
                    for d in &diagnostics {
                        assert_diagnostic_placed(d, &bytes, &context);
                    }
                    None
                }
            },
        };
        if let Some(c) = &checklist {
            let k = rng.below(records.len());
            check_record_in_process(c, &format!("r{k}.toml"), &records[k], &|| {
                format!("seed record {k} against {}", context())
            });
        }
        if i % CHECKLIST_RUN_EVERY == 0 {
            let mut files = vec![("checklist.toml".to_string(), bytes.clone())];
            files.extend(
                records
                    .iter()
                    .enumerate()
                    .map(|(k, r)| (format!("r/{k}.toml"), r.clone())),
            );
            let dir = tempfile::tempdir().unwrap();
            write_root(dir.path(), &files);
            match &checklist {
                Some(c) => check_root_with_binary(dir.path(), c, &files),
                None => {
                    // An invalid checklist: exit 2, with its problems placed in it.
                    let json = run_json(dir.path(), &["check", "--format", "json"]);
                    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
                    assert!(!diagnostics.is_empty(), "{}", context());
                    for d in diagnostics {
                        let file = d["file"].as_str().expect("file");
                        assert_eq!(file, "checklist.toml", "{d}: {}", context());
                        assert_placed(
                            file,
                            d["line"].as_u64().expect("line"),
                            d["column"].as_u64().expect("column"),
                            &bytes,
                            &|| format!("{d}\n{}", context()),
                        );
                    }
                    // `score` has nothing to score: it says why on stderr, exit 2.
                    let run = run_in(dir.path(), &["score", "--format", "json"]);
                    assert_eq!(run.code, 2, "{}\n{}", run.stderr, context());
                    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
                    assert!(run.stderr.contains("checklist.toml:"), "{}", run.stderr);
                }
            }
        }
    }
}
