//! CI formats of `audit check`: GitHub Actions workflow commands, so problems show on the
//! changed lines of a pull request, and JUnit XML, which GitLab and Jenkins display.
//!
//! They write check's result and nothing else, so they are not [`super::Renderer`]s (which
//! render every report): check picks [`Ci`] for them and a renderer for every other format.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Severity};

use super::{CheckReport, Format, GateResult};

/// A CI format: `audit check`'s result for a CI system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ci {
    /// GitHub Actions workflow commands.
    Github,
    /// JUnit XML.
    Junit,
}

impl Ci {
    /// The CI format `format` names; `None` for a report format.
    pub fn of(format: Format) -> Option<Ci> {
        match format {
            Format::Github => Some(Ci::Github),
            Format::Junit => Some(Ci::Junit),
            _ => None,
        }
    }

    /// Check's result in this format.
    pub fn render(self, report: &CheckReport<'_>) -> String {
        match self {
            Ci::Github => github(report.diagnostics, report.gates, report.root),
            Ci::Junit => junit(report.diagnostics, report.gates, report.files),
        }
    }
}

/// Escapes the message of a workflow command (GitHub's rules: `%`, CR and LF).
fn gh_message(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command (also `:` and `,`).
fn gh_property(text: &str) -> String {
    gh_message(text).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=…,line=…,col=…::message` per diagnostic, then one per gate (one per place
/// for a gate whose details have places).
/// `prefix` turns a file relative to the records root into one relative to the repository.
fn github(diagnostics: &[Diagnostic], gates: &[GateResult], prefix: &str) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(
            out,
            "::{kind} file={},line={},col={}::{}",
            gh_property(&format!("{prefix}{}", d.file)),
            d.line,
            d.column,
            gh_message(d.shown())
        )
        .unwrap();
    }
    for g in gates {
        let kind = if g.passed { "notice" } else { "error" };
        // A gate on things written in files (overdue tasks, register entries at risk): one
        // annotation on each one's line, so a pull request shows it where it is written.
        if !g.places.is_empty() && g.places.len() == g.shown_details.len() {
            let title = gh_property(&crate::t!("audit-check-gate", gate = g.shown_gate));
            for (place, detail) in g.places.iter().zip(&g.shown_details) {
                writeln!(
                    out,
                    "::{kind} file={},line={},col={},title={title}::{}",
                    gh_property(&format!("{prefix}{}", place.file)),
                    place.line,
                    place.column,
                    gh_message(detail)
                )
                .unwrap();
            }
            continue;
        }
        writeln!(
            out,
            "::{kind} title={}::{}",
            gh_property(&crate::t!("audit-check-gate", gate = g.shown_gate)),
            gh_message(&g.shown_details.join("\n"))
        )
        .unwrap();
    }
    out
}

/// Escapes text for an attribute or element. Characters that XML 1.0 cannot hold at all
/// (control characters, lone surrogates cannot occur in a `str`) become U+FFFD, so a
/// record file with a stray control character still gives a well-formed report.
fn xml(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// A JUnit report: a test case per record file (failing with its errors), and one per gate.
/// `files` lists every record file read, in order; a file with errors that is not among
/// them (the checklist, the roster) gets its own case too, so no error is left out.
///
/// The layout follows the Jenkins JUnit schema (xunit-plugin `junit-10.xsd`): every
/// `testsuite` has `name`, `tests`, `failures` and `errors` (problems are failures, so
/// `errors` is 0), and a test in `tests/it/outside_tools.rs` validates against it.
fn junit(diagnostics: &[Diagnostic], gates: &[GateResult], files: &[String]) -> String {
    let mut all: Vec<&String> = files.iter().collect();
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        if !all.contains(&&d.file) {
            all.push(&d.file);
        }
    }
    let mut cases = String::new();
    let mut failures = 0;
    for f in all.iter().copied() {
        let errors: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| &d.file == f && d.is_error())
            .collect();
        write!(
            cases,
            "    <testcase classname=\"records\" name=\"{}\"",
            xml(f)
        )
        .unwrap();
        if errors.is_empty() {
            cases.push_str("/>\n");
        } else {
            failures += 1;
            let text: Vec<String> = errors
                .iter()
                .map(|d| format!("{}:{}:{}: {}", d.file, d.line, d.column, d.shown()))
                .collect();
            writeln!(
                cases,
                ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                xml(&format!(
                    "{} error{}",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" }
                )),
                xml(&text.join("\n"))
            )
            .unwrap();
        }
    }
    let mut gate_cases = String::new();
    let mut gate_failures = 0;
    for g in gates {
        write!(
            gate_cases,
            "    <testcase classname=\"gates\" name=\"{}\"",
            xml(&g.shown_gate)
        )
        .unwrap();
        if g.passed {
            gate_cases.push_str("/>\n");
        } else {
            gate_failures += 1;
            writeln!(
                gate_cases,
                ">\n      <failure message=\"gate failed\">{}</failure>\n    </testcase>",
                xml(&g.shown_details.join("\n"))
            )
            .unwrap();
        }
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    writeln!(
        out,
        "<testsuites name=\"audit check\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
        all.len() + gates.len(),
        failures + gate_failures
    )
    .unwrap();
    writeln!(
        out,
        "  <testsuite name=\"records\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
        all.len()
    )
    .unwrap();
    out.push_str(&cases);
    out.push_str("  </testsuite>\n");
    writeln!(
        out,
        "  <testsuite name=\"gates\" tests=\"{}\" failures=\"{gate_failures}\" errors=\"0\" skipped=\"0\">",
        gates.len()
    )
    .unwrap();
    out.push_str(&gate_cases);
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_are_escaped() {
        let d = Diagnostic::file_level(Severity::Error, "a,b/2022.toml", "50% off\nnext".into());
        assert_eq!(
            github(&[d], &[], "records/"),
            "::error file=records/a%2Cb/2022.toml,line=1,col=1::50%25 off%0Anext\n"
        );
    }
}
