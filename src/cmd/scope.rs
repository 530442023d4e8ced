//! What the reading commands share: the paths and filters they were given, loading the
//! records under them (or reporting why not), and the records, scores and populations the
//! filters keep.

use crate::aggregate::progress::{self, ProgressRow};
use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::aggregate::compliance::{self, ComplianceRow, Judged, Member};
use crate::app::{self, IfInvalid};
use crate::diagnostic::Diagnostic;
use crate::i18n::tr;
use crate::read::checklist::Checklists;
use crate::read::load::{self, Loaded};
use crate::read::record::{Kept, Record};
use crate::score::{self, Detail, LevelChoice, Scored};

/// The files a command reads: the paths (the current folder when none were given), the
/// checklist to use instead of the root's, and the git revision to read them at.
#[derive(Clone, Debug)]
pub struct Scope {
    pub paths: Vec<PathBuf>,
    pub checklist: Option<PathBuf>,
    pub at: Option<String>,
}

/// The `--org` and `--period` filters.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub org: Vec<String>,
    pub period: Vec<String>,
}

impl Filters {
    /// Whether a record passes the `--org` and `--period` filters.
    pub fn keeps(&self, r: &impl Kept) -> bool {
        self.keeps_names(r.org(), r.period())
    }

    fn keeps_names(&self, org: &str, period: &str) -> bool {
        (self.org.is_empty() || self.org.iter().any(|o| o == org))
            && (self.period.is_empty() || self.period.iter().any(|p| p == period))
    }

    /// The records the filters keep, in their order.
    pub fn records<'a, R: Kept>(&self, records: &'a [R]) -> Vec<&'a R> {
        records.iter().filter(|r| self.keeps(*r)).collect()
    }
}

/// Loads for `score` and `report`, printing diagnostics to stderr; an invalid checklist
/// stops the command (exit 2). The `--org` and `--period` filters are checked against what
/// was loaded: one that matches nothing is an error (exit 2), not an empty table. Warnings
/// about records the filters leave out (a branch the roster does not list) are not printed.
pub fn load_or_report(scope: &Scope, filters: &Filters) -> app::Result<Loaded> {
    load_or_report_with(scope, filters, &|_, r| r)
}

/// [`load_or_report`], keeping of each record what `keep` makes of it as it is read.
pub fn load_or_report_with<R: Kept>(
    scope: &Scope,
    filters: &Filters,
    keep: &(dyn Fn(Checklists<'_>, Record) -> R + Sync),
) -> app::Result<Loaded<R>> {
    let loaded = load_with(
        scope,
        IfInvalid::Tell(tr("the-checklist-is-invalid-nothing-was")),
        keep,
    )?;
    check_filters(&[&loaded], filters)?;
    app::print_diagnostics(&shown_diagnostics(&loaded, filters));
    Ok(loaded)
}

/// Loads what `scope` names, or reports an invalid checklist as `if_invalid` says.
pub fn load(scope: &Scope, if_invalid: IfInvalid<'_>) -> app::Result<Loaded> {
    load_with(scope, if_invalid, &|_, r| r)
}

/// [`load`], keeping of each record what `keep` makes of it as it is read.
pub fn load_with<R: Kept>(
    scope: &Scope,
    if_invalid: IfInvalid<'_>,
    keep: &(dyn Fn(Checklists<'_>, Record) -> R + Sync),
) -> app::Result<Loaded<R>> {
    app::load_or_report(
        &scope.paths,
        scope.checklist.as_deref(),
        scope.at.as_deref(),
        if_invalid,
        keep,
    )
}

/// The diagnostics worth showing under `filters`: all errors, and the warnings of records
/// the filters keep.
fn shown_diagnostics<R: Kept>(loaded: &Loaded<R>, filters: &Filters) -> Vec<Diagnostic> {
    let excluded: BTreeSet<&str> = loaded
        .records
        .iter()
        .filter(|r| !filters.keeps(*r))
        .map(|r| r.file())
        .collect();
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error() || !excluded.contains(d.file.as_str()))
        .cloned()
        .collect()
}

/// Every `--org` and `--period` must name something the records (or the roster) hold; the
/// error lists the known names and, for an org, the nearest one ("华晋证劵" → "华晋证券").
pub fn check_filters<R: Kept>(states: &[&Loaded<R>], filters: &Filters) -> app::Result<()> {
    let mut orgs = BTreeSet::new();
    let mut periods = BTreeSet::new();
    for loaded in states {
        for r in &loaded.records {
            orgs.insert(r.org());
            periods.insert(r.period());
        }
        if let Some(roster) = &loaded.roster {
            orgs.extend(roster.branches.iter().map(|b| b.org.as_str()));
        }
    }
    let mut problems = Vec::new();
    for org in filters.org.iter().filter(|o| !orgs.contains(o.as_str())) {
        let known = known_list(&orgs);
        problems.push(match nearest(org, &orgs) {
            Some(near) => t!(
                "no-org-named-did-you-mean",
                org = org,
                near = near,
                known = known
            ),
            None => t!("no-org-named-known", org = org, known = known),
        });
    }
    for period in filters
        .period
        .iter()
        .filter(|p| !periods.contains(p.as_str()))
    {
        problems.push(t!(
            "no-period-known",
            period = period,
            known = known_list(&periods)
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(app::invalid(problems.join("\n")))
    }
}

/// Known names for a message: all of them, or the first 20 and how many more.
fn known_list(names: &BTreeSet<&str>) -> String {
    if names.is_empty() {
        return tr("none-parenthesised");
    }
    let list: Vec<&str> = names.iter().copied().take(20).collect();
    let more = names.len().saturating_sub(20);
    let mut text = list.join(", ");
    if more > 0 {
        text.push_str(&t!("more", n = more));
    }
    text
}

/// The known name closest to `wanted` in edits of one character, if it is close: at most
/// one edit in four characters (a one-character typo in a four-character Chinese name), and
/// case and surrounding spaces never count.
fn nearest<'a>(wanted: &str, names: &BTreeSet<&'a str>) -> Option<&'a str> {
    let fold = |s: &str| s.trim().to_lowercase().chars().collect::<Vec<char>>();
    let w = fold(wanted);
    names
        .iter()
        .map(|n| (edit_distance(&w, &fold(n)), *n))
        .filter(|(d, n)| *d <= 1.max(n.chars().count() / 4))
        .min()
        .map(|(_, n)| n)
}

/// Levenshtein distance between two strings of characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// Each record scored at every level it has, in `Level::ALL` order: what the levels view
/// compares. Lazily, a block of records at a time scored in parallel (in input order): every
/// point's detail at every level of 100 000 records held at once would take gigabytes, and
/// the view keeps only sums.
pub fn score_levels<'a, 'r>(
    checklists: Checklists<'r>,
    records: &'a [&'r Record],
) -> impl Iterator<Item = Vec<Scored<'r>>> + 'a
where
    'r: 'a,
{
    use rayon::prelude::*;
    const BLOCK: usize = 4096;
    records.chunks(BLOCK).flat_map(move |block| {
        block
            .par_iter()
            .map(|r| {
                crate::read::checklist::Level::ALL
                    .into_iter()
                    .filter(|l| r.level(*l).is_some())
                    .map(|l| score::score(checklists.for_record(r), r, LevelChoice::Named(l)))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    })
}

/// Scores in parallel; rayon's `collect` keeps the input order, so output is deterministic.
pub fn score_all<'r>(
    checklists: Checklists<'r>,
    records: &[&'r Record],
    choice: LevelChoice,
    detail: Detail,
) -> Vec<Scored<'r>> {
    use rayon::prelude::*;
    let one = |r: &&'r Record| score::score_with(checklists.for_record(r), r, choice, detail);
    // A handful is scored on this thread: starting the thread pool would cost more.
    if records.len() < 16 {
        return records.iter().map(one).collect();
    }
    records.par_iter().map(one).collect()
}

/// The invalid record files that the filters do not rule out (a file whose org or period
/// could not be read is always in): those a report or a diff would otherwise misread as
/// missing or removed.
pub fn invalid_in_scope<'a, R>(
    loaded: &'a Loaded<R>,
    filters: &Filters,
) -> Vec<&'a load::InvalidRecord> {
    loaded
        .invalid
        .iter()
        .filter(|i| {
            i.who
                .as_ref()
                .is_none_or(|w| filters.keeps_names(&w.org, &w.period))
        })
        .collect()
}

/// The branches a command counts: the periods with records before the org filter (an org
/// with nothing but missing branches in a period still gets its row), with those of the
/// invalid records in scope (a partial report counts them as invalid, not missing), and the
/// orgs of `--org`.
pub struct Population {
    periods: BTreeSet<String>,
    orgs: Option<BTreeSet<String>>,
}

impl Population {
    pub fn of<R: Kept>(
        loaded: &Loaded<R>,
        filters: &Filters,
        invalid: &[load::InvalidRecord],
    ) -> Population {
        let orgs = (!filters.org.is_empty()).then(|| filters.org.iter().cloned().collect());
        let periods = loaded
            .records
            .iter()
            .map(|r| r.period())
            .filter(|p| filters.period.is_empty() || filters.period.iter().any(|f| f == p))
            .chain(
                invalid
                    .iter()
                    .filter_map(|i| i.who.as_ref())
                    .map(|w| w.period.as_str()),
            )
            .map(str::to_string)
            .collect();
        Population { periods, orgs }
    }

    /// Every branch of the population with its scored record, if valid.
    pub fn members<'s, R, J: Judged>(
        &'s self,
        loaded: &'s Loaded<R>,
        scored: &'s [J],
        invalid: &'s [load::InvalidRecord],
    ) -> Vec<Member<'s, J>> {
        compliance::members(
            loaded.roster.as_ref(),
            scored,
            &self.periods,
            self.orgs.as_ref(),
            invalid,
        )
    }

    /// The compliance rows of the population (SPEC §6), its members counted a period at a
    /// time and never all held at once.
    pub fn compliance<R, J: Judged>(
        &self,
        loaded: &Loaded<R>,
        scored: &[J],
        invalid: &[load::InvalidRecord],
    ) -> Vec<ComplianceRow> {
        compliance::compliance(
            loaded.checklists(),
            self.by_period(loaded, scored, invalid).flatten(),
        )
    }

    /// The progress rows of the population (SPEC §12.2), counted a period at a time.
    pub fn progress<R, J: Judged>(
        &self,
        loaded: &Loaded<R>,
        scored: &[J],
        invalid: &[load::InvalidRecord],
    ) -> Vec<ProgressRow> {
        progress::progress(self.by_period(loaded, scored, invalid).flatten())
    }

    /// The members, one period at a time.
    fn by_period<'s, R, J: Judged>(
        &'s self,
        loaded: &'s Loaded<R>,
        scored: &'s [J],
        invalid: &'s [load::InvalidRecord],
    ) -> impl Iterator<Item = Vec<Member<'s, J>>> + 's {
        compliance::members_by_period(
            loaded.roster.as_ref(),
            scored,
            &self.periods,
            self.orgs.as_ref(),
            invalid,
        )
    }
}

/// Whether the paths given are the whole records root (and not a folder inside it).
pub fn reads_whole_root<R>(scope: &Scope, loaded: &Loaded<R>) -> bool {
    scope
        .paths
        .iter()
        .any(|p| crate::fence::absolute(p) == loaded.root.dir)
}

/// Which register entries (SPEC §12.4) the records read can judge: all of them when the
/// whole root was read; otherwise those whose branch has a record among them. A folder
/// inside the root holds only some branches' records, and the others are neither lapsed nor
/// at risk for not being read.
pub fn register_read<'l, R: Kept>(
    scope: &Scope,
    loaded: &'l Loaded<R>,
) -> impl Fn(&crate::read::register::Named) -> bool + 'l {
    let read: Option<BTreeSet<(&str, &str)>> = (!reads_whole_root(scope, loaded)).then(|| {
        loaded
            .records
            .iter()
            .map(|r| (r.org(), r.branch()))
            .collect()
    });
    move |n| {
        read.as_ref()
            .is_none_or(|set| set.contains(&(n.org.as_str(), n.branch.as_str())))
    }
}

/// The compliance rows of already scored (filtered) records, every record valid.
pub fn compliance_rows<R: Kept>(
    loaded: &Loaded<R>,
    filters: &Filters,
    scored: &[impl Judged],
) -> Vec<ComplianceRow> {
    Population::of(loaded, filters, &[]).compliance(loaded, scored, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_value_one_typo_away_suggests_the_known_name() {
        let names: BTreeSet<&str> = ["华晋证券", "山西证券", "Taihang Insurance AM"].into();
        assert_eq!(nearest("华晋证劵", &names), Some("华晋证券"));
        assert_eq!(
            nearest(" taihang insurance am ", &names),
            Some("Taihang Insurance AM")
        );
        assert_eq!(nearest("太行", &names), None);
        assert_eq!(edit_distance(&['a', 'b'], &['b']), 1);
    }

    #[test]
    fn known_names_are_listed_up_to_twenty() {
        assert_eq!(known_list(&BTreeSet::new()), "(none)");
        let many: Vec<String> = (0..25).map(|i| format!("p{i:02}")).collect();
        let names: BTreeSet<&str> = many.iter().map(String::as_str).collect();
        let text = known_list(&names);
        assert!(text.starts_with("p00, p01, "), "{text}");
        assert!(text.ends_with("p19 … (5 more)"), "{text}");
    }
}
