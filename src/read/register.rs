//! The benchmark register (SPEC §12.4): `benchmarks.toml` at the records root, the
//! committee's decisions naming benchmark branches, one `[[named]]` entry each.
//!
//! The register is small (tens of entries), so it is read whole and keeps its source file:
//! what `check` later finds wrong with an entry (its record missing or not passed, the
//! `benchmark-at-risk` gate) is reported at the entry's line like any reading problem.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::i18n::{Text, Word};
use crate::read::spanned::{self, Sink, TableReader, TomlValue};

/// The register's file name at the records root.
pub use crate::discover::BENCHMARKS_FILE;

/// A validated register.
#[derive(Clone, Debug)]
pub struct Register {
    /// The entries in the file's order.
    pub named: Vec<Named>,
    /// The file, for diagnostics at an entry found wrong after reading.
    file: Arc<SourceFile>,
}

/// One committee decision: this branch was named a benchmark for its assessment of
/// `period`.
#[derive(Clone, Debug)]
pub struct Named {
    pub org: String,
    pub branch: String,
    /// The assessment that earned the title.
    pub period: String,
    /// The meeting's day.
    pub decided: NaiveDate,
    /// The decision as the minutes name it.
    pub decision: String,
    /// The day the title was withdrawn, if it was.
    pub revoked: Option<NaiveDate>,
    /// Where the entry starts (its `[[named]]` header): problems found later point here.
    at: usize,
}

impl Named {
    /// (org, branch, period): the record the entry names.
    pub fn key(&self) -> (&str, &str, &str) {
        (&self.org, &self.branch, &self.period)
    }
}

impl Register {
    /// Parses and validates a register file; every problem is returned at once.
    pub fn parse(file: Arc<SourceFile>) -> Result<Register, Vec<Diagnostic>> {
        let mut sink = Sink::new(file.clone());
        let text = spanned::half_width(&mut sink, &file.text);
        let Some(tree) = spanned::parse(&mut sink, &text) else {
            return Err(sink.diagnostics);
        };
        let named = read_named(&mut sink, &tree);
        if sink.has_errors() {
            Err(sink.into_sorted())
        } else {
            Ok(Register { named, file })
        }
    }

    /// A diagnostic at `entry`'s header line.
    pub fn at(&self, entry: &Named, severity: Severity, text: Text) -> Diagnostic {
        self.file
            .diagnostic(severity, entry.at..entry.at, String::new())
            .with_text(text)
    }

    /// The register's file name as diagnostics give it.
    pub fn file_name(&self) -> &str {
        &self.file.name
    }
}

/// The `[[named]]` entries of the register's tree, each problem reported to `sink`.
fn read_named(sink: &mut Sink, tree: &spanned::Document<'_>) -> Vec<Named> {
    let mut out = Vec::new();
    let mut seen: HashSet<(String, String, String)> = HashSet::new();
    let mut top = TableReader::new(tree.get_ref(), tree.span(), both!("the-register"));
    if let Some(list) = top.get("named") {
        match list.get_ref() {
            TomlValue::Array(items) => {
                for n in items.iter() {
                    if let Some(entry) = read_entry(sink, n) {
                        let at = entry.at;
                        if !seen.insert((
                            entry.org.clone(),
                            entry.branch.clone(),
                            entry.period.clone(),
                        )) {
                            sink.error(
                                at..at,
                                problem!(IsNamedTwiceInTheRegister {
                                    org: entry.org.as_str(),
                                    branch: entry.branch.as_str(),
                                    period: entry.period.as_str()
                                }),
                            );
                        }
                        out.push(entry);
                    }
                }
            }
            other => sink.error(
                list.span(),
                problem!(NamedMustBeAListOf {
                    kind: Word(spanned::kind(other))
                }),
            ),
        }
    }
    top.finish(sink, &["named"]);
    out
}

/// One `[[named]]` entry; `None` when a required key is missing or wrong (reported).
fn read_entry(sink: &mut Sink, n: &spanned::Node<'_>) -> Option<Named> {
    let mut t = TableReader::of(sink, n, both!("a-named-entry"))?;
    let org = t.text(sink, "org", true);
    let branch = t.text(sink, "branch", true);
    let period = period(sink, &mut t);
    let decided = t.date(sink, "decided", true);
    let decision = t.text(sink, "decision", true);
    let revoked_node = t.get("revoked").map(|node| node.span());
    let revoked = t.date(sink, "revoked", false);
    t.finish(
        sink,
        &["org", "branch", "period", "decided", "decision", "revoked"],
    );
    // A title cannot be withdrawn before it was given.
    if let (Some(d), Some(r), Some(span)) = (decided, revoked, revoked_node)
        && r < d
    {
        sink.error(
            span,
            problem!(RevokedPrecedesDecided {
                revoked: r.to_string(),
                decided: d.to_string()
            }),
        );
    }
    let at = n.span().start;
    Some(Named {
        org: org?,
        branch: branch?,
        period: period?,
        decided: decided?,
        decision: decision?,
        revoked,
        at,
    })
}

/// `period` as a record's: text, or a bare number taken as its digits.
fn period(sink: &mut Sink, t: &mut TableReader<'_, '_>) -> Option<String> {
    let node = t.required(sink, "period")?;
    if let TomlValue::Integer(_) = node.get_ref() {
        return spanned::integer(sink, node, || both!("period-key")).map(|v| v.to_string());
    }
    spanned::text(sink, node, || {
        both!("key-in", key = "period", what = both!("a-named-entry"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Register, Vec<Diagnostic>> {
        Register::parse(SourceFile::new(BENCHMARKS_FILE, text))
    }

    const ENTRY: &str = "[[named]]\norg = \"North\"\nbranch = \"n1\"\nperiod = 2023\n\
                         decided = 2024-01-15\ndecision = \"Meeting\"\n";

    #[test]
    fn an_entry_is_read_with_its_dates_and_a_bare_period() {
        let r = parse(&format!("# the register\n\n{ENTRY}revoked = 2024-11-05\n")).unwrap();
        assert_eq!(r.named.len(), 1);
        let n = &r.named[0];
        assert_eq!(n.key(), ("North", "n1", "2023"));
        assert_eq!(n.decided.to_string(), "2024-01-15");
        assert_eq!(
            n.revoked.map(|d| d.to_string()).as_deref(),
            Some("2024-11-05")
        );
        assert_eq!(n.at, "# the register\n\n".len());
        let d = r.at(n, Severity::Error, Text::from("x"));
        assert_eq!((d.file.as_str(), d.line, d.column), (BENCHMARKS_FILE, 3, 1));
        assert!(parse("").unwrap().named.is_empty());
    }

    #[test]
    fn every_problem_is_reported_in_one_pass_with_its_position() {
        let text = format!(
            "{ENTRY}\n[[named]]\norg = \"North\"\nbranch = \"n2\"\nperiod = \"2023\"\n\
             decided = \"2024-01-15\"\ndecision = \"Meeting\"\nrevokd = 2024-02-01\n\n{ENTRY}"
        );
        let errors = parse(&text).unwrap_err();
        let got: Vec<(usize, usize, &str)> = errors
            .iter()
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    12,
                    11,
                    "`decided` in a [[named]] entry must be a date such as 2024-09-30 (no quotes, no time), not \"2024-01-15\""
                ),
                (
                    14,
                    1,
                    "unknown key `revokd` in a [[named]] entry (did you mean `revoked`?)"
                ),
                (16, 1, "North / n1 / 2023 is named twice in the register"),
            ]
        );
    }

    #[test]
    fn a_title_revoked_before_it_was_given_is_an_error_at_revoked() {
        let errors = parse(&format!("{ENTRY}revoked = 2023-12-01\n")).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column), (7, 11));
        assert_eq!(
            errors[0].message,
            "revoked 2023-12-01 precedes the decision of 2024-01-15"
        );
    }
}
