//! Checklist versions (SPEC §11.11): the root's `checklist.toml` and earlier tables in
//! `checklists/*.toml`, each covering a range of periods. A record is read, scored and
//! passed by the one checklist whose range holds its period.

use std::ops::Range;

use crate::read::spanned::TomlValue;

use crate::diagnostic::{Diagnostic, Severity};
use crate::read::record::Record;
use crate::read::spanned::{self, Node, Sink, TableReader};

use super::Checklist;

/// `periods = { from = "2021", until = "2023" }`: inclusive, byte-wise, either end optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Periods {
    pub from: Option<String>,
    pub until: Option<String>,
}

impl Periods {
    /// Whether `period` lies in the range (byte-wise, both ends inclusive).
    pub fn holds(&self, period: &str) -> bool {
        self.from.as_deref().is_none_or(|f| f <= period)
            && self.until.as_deref().is_none_or(|u| period <= u)
    }

    /// Whether some period lies in both ranges: the larger start is not after the smaller end.
    pub fn overlaps(&self, other: &Periods) -> bool {
        let from = self.from.as_deref().max(other.from.as_deref());
        let until = match (self.until.as_deref(), other.until.as_deref()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (from, until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        }
    }

    /// `2021..2023`, `..2020`, `2023..`, `..` for every period.
    pub fn shown(&self) -> String {
        format!(
            "{}..{}",
            self.from.as_deref().unwrap_or(""),
            self.until.as_deref().unwrap_or("")
        )
    }
}

/// What a checklist says of the periods it covers, and where, for the problems found across
/// checklists (overlaps, versions).
#[derive(Clone, Debug, Default)]
pub struct Versioning {
    /// `None`: every period.
    pub periods: Option<Periods>,
    /// At `periods` (else the file's start): where an overlap is reported.
    pub periods_at: Option<Box<Diagnostic>>,
    /// At `version` (else the file's start): where a missing or repeated version is reported.
    pub version_at: Option<Box<Diagnostic>>,
    /// One of several checklists: every JSON record then names its version.
    pub several: bool,
}

/// Reads the top-level `periods` of a checklist (a missing `periods` covers every period).
pub(super) fn read_versioning(
    sink: &mut Sink,
    periods: Option<&Node<'_>>,
    version: Option<&Node<'_>>,
) -> Versioning {
    let at = |sink: &Sink, span: Range<usize>| {
        Some(Box::new(sink.file.diagnostic(
            Severity::Error,
            sink.map(span),
            String::new(),
        )))
    };
    let periods_at = at(sink, periods.map_or(0..0, |n| n.span()));
    let version_at = at(sink, version.map_or(0..0, |n| n.span()));
    let periods = periods.and_then(|node| {
        let mut t = TableReader::of(sink, node, "`periods`")?;
        let mut end = |sink: &mut Sink, key: &str| {
            let n = t.get(key)?;
            if let TomlValue::Integer(_) = n.get_ref() {
                return spanned::integer(sink, n, || both!("period-key")).map(|v| v.to_string());
            }
            spanned::text(sink, n, || both!("period-key"))
        };
        let from = end(sink, "from");
        let until = end(sink, "until");
        t.finish(sink, &["from", "until"]);
        if let (Some(f), Some(u)) = (&from, &until)
            && f > u
        {
            sink.error(
                node.span(),
                problem!(PeriodsFromIsAfterUntil { from: f, until: u }),
            );
        }
        Some(Periods { from, until })
    });
    Versioning {
        periods,
        periods_at,
        version_at,
        several: false,
    }
}

/// The checklists of a records root: `checklist.toml` and the earlier ones, each validated
/// against the others (see [`validate`]).
#[derive(Clone, Copy, Debug)]
pub struct Checklists<'a> {
    pub current: &'a Checklist,
    pub earlier: &'a [Checklist],
}

impl<'a> From<&'a Checklist> for Checklists<'a> {
    fn from(current: &'a Checklist) -> Self {
        Checklists {
            current,
            earlier: &[],
        }
    }
}

impl<'a> Checklists<'a> {
    pub fn new(current: &'a Checklist, earlier: &'a [Checklist]) -> Self {
        Checklists { current, earlier }
    }

    /// Whether there are several checklists (records then name their version).
    pub fn several(&self) -> bool {
        !self.earlier.is_empty()
    }

    /// Every checklist: the current one first.
    pub fn all(&self) -> impl Iterator<Item = &'a Checklist> + use<'a> {
        std::iter::once(self.current).chain(self.earlier.iter())
    }

    /// Every checklist in the order of the periods they cover (earliest first).
    pub fn by_period(&self) -> Vec<&'a Checklist> {
        let mut all: Vec<&Checklist> = self.all().collect();
        all.sort_by(|a, b| {
            let from = |c: &Checklist| c.versioning.periods.as_ref().and_then(|p| p.from.clone());
            from(a).cmp(&from(b))
        });
        all
    }

    /// The checklist whose range holds `period`, if any.
    pub fn for_period(&self, period: &str) -> Option<&'a Checklist> {
        if self.earlier.is_empty() && self.current.versioning.periods.is_none() {
            return Some(self.current);
        }
        self.all().find(|c| {
            c.versioning
                .periods
                .as_ref()
                .is_none_or(|p| p.holds(period))
        })
    }

    /// The checklist a (valid, hence covered) record was read against.
    pub fn for_record(&self, record: &Record) -> &'a Checklist {
        self.for_period(&record.period).unwrap_or(self.current)
    }

    /// Every range, for the message about a period no checklist covers.
    pub fn ranges(&self, names: &[String]) -> String {
        self.all()
            .zip(names)
            .map(|(c, name)| {
                let range = c
                    .versioning
                    .periods
                    .as_ref()
                    .map_or("..".to_string(), Periods::shown);
                format!("{name}: {range}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Problems across checklists, `names[i]` the file of the i-th of [`Checklists::all`]:
/// overlapping ranges, and (with several) a missing or repeated `version`. Each is reported
/// in the file concerned, naming the other file.
pub fn validate(set: Checklists<'_>, names: &[String]) -> Vec<Diagnostic> {
    let all: Vec<&Checklist> = set.all().collect();
    let mut out = Vec::new();
    let at = |c: &Checklist, name: &str, which: fn(&Checklist) -> Option<&Diagnostic>| {
        which(c)
            .cloned()
            .unwrap_or_else(|| Diagnostic::file_level(Severity::Error, name, String::new()))
    };
    fn periods_at(c: &Checklist) -> Option<&Diagnostic> {
        c.versioning.periods_at.as_deref()
    }
    fn version_at(c: &Checklist) -> Option<&Diagnostic> {
        c.versioning.version_at.as_deref()
    }
    let every = Periods::default();
    for i in 0..all.len() {
        for j in 0..all.len() {
            if i == j {
                continue;
            }
            let (a, b) = (all[i], all[j]);
            let pa = a.versioning.periods.as_ref().unwrap_or(&every);
            let pb = b.versioning.periods.as_ref().unwrap_or(&every);
            if pa.overlaps(pb) {
                out.push(at(a, &names[i], periods_at).with_text(problem!(
                    ThePeriodsOfThisChecklistOverlap {
                        range: pa.shown(),
                        other: names[j],
                        other_range: pb.shown()
                    }
                )));
            }
            if all.len() > 1
                && let (Some(va), Some(vb)) = (&a.version, &b.version)
                && va == vb
            {
                out.push(at(a, &names[i], version_at).with_text(problem!(
                    TheVersionIsAlsoThatOf {
                        version: va,
                        other: names[j]
                    }
                )));
            }
        }
        if all.len() > 1 && all[i].version.is_none() {
            out.push(
                at(all[i], &names[i], version_at)
                    .with_text(problem!(SeveralChecklistsEachNeedsAVersion)),
            );
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests;
