//! The roster: the branches expected to be assessed, and from/until which period (SPEC §6).

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::discover::ROSTER_FILE;
use crate::i18n::{Text, Word};
use crate::read::spanned::{self, Sink, TableReader};

/// A validated roster.
#[derive(Clone, Debug, Default)]
pub struct Roster {
    pub branches: Vec<RosterBranch>,
    /// org → branch → its index in `branches` (a valid roster lists each once): every record
    /// is matched against the roster, and a scan of the list per record made a roster of
    /// every branch quadratic (100 000 records: 116 s against 7 s without the roster).
    index: HashMap<String, HashMap<String, usize>>,
}

#[derive(Clone, Debug)]
pub struct RosterBranch {
    pub org: String,
    pub branch: String,
    /// First period it is expected (byte-wise comparison), if bounded.
    pub from: Option<String>,
    /// Last period it is expected, if bounded.
    pub until: Option<String>,
}

impl RosterBranch {
    /// Whether the branch is expected in `period` (bounds inclusive, compared byte-wise).
    pub fn expected_in(&self, period: &str) -> bool {
        self.from.as_deref().is_none_or(|f| period >= f)
            && self.until.as_deref().is_none_or(|u| period <= u)
    }
}

impl Roster {
    /// A roster of these branches, indexed by (org, branch); the first of a pair listed
    /// twice is the one found (a roster file that lists one twice is invalid).
    pub fn new(branches: Vec<RosterBranch>) -> Roster {
        let mut index: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for (i, b) in branches.iter().enumerate() {
            index
                .entry(b.org.clone())
                .or_default()
                .entry(b.branch.clone())
                .or_insert(i);
        }
        Roster { branches, index }
    }

    /// The roster's entry for (org, branch), found in constant time.
    fn find(&self, org: &str, branch: &str) -> Option<&RosterBranch> {
        let i = *self.index.get(org)?.get(branch)?;
        self.branches.get(i)
    }

    /// Whether the roster lists (org, branch) at all.
    pub fn lists(&self, org: &str, branch: &str) -> bool {
        self.find(org, branch).is_some()
    }

    /// Why a record of (org, branch, period) falls outside the roster, if it does: the
    /// branch is not listed, or not expected in that period.
    pub fn outside(&self, org: &str, branch: &str, period: &str) -> Option<Text> {
        let Some(b) = self.find(org, branch) else {
            return Some(problem!(IsNotIn {
                org,
                branch,
                roster_file: ROSTER_FILE
            }));
        };
        if b.expected_in(period) {
            return None;
        }
        let window = match (&b.from, &b.until) {
            (Some(f), Some(u)) => both!("from-until", f = f, u = u),
            (Some(f), None) => both!("from", f = f),
            (None, Some(u)) => both!("until", u = u),
            (None, None) => Text::from(""),
        };
        Some(problem!(IsExpectedInNotIn {
            org,
            branch,
            window,
            roster_file: ROSTER_FILE,
            period
        }))
    }

    /// Parses and validates a roster file; every problem is returned at once.
    pub fn parse(file: Arc<SourceFile>) -> Result<Roster, Vec<Diagnostic>> {
        let mut sink = Sink::new(file.clone());
        let text = spanned::half_width(&mut sink, &file.text);
        let Some(tree) = spanned::parse(&mut sink, &text) else {
            return Err(sink.diagnostics);
        };
        let mut branches = Vec::new();
        {
            let mut top = TableReader::new(tree.get_ref(), tree.span(), both!("the-roster"));
            // The pairs read so far: a pair listed twice is an error (in one pass, not a scan
            // of the list per entry).
            let mut listed = std::collections::HashSet::new();
            if let Some(list) = top.get("branch") {
                match list.get_ref() {
                    toml::de::DeValue::Array(items) => {
                        for n in items.iter() {
                            let Some(mut t) = TableReader::of(&mut sink, n, both!("a-branch"))
                            else {
                                continue;
                            };
                            let org = t.text(&mut sink, "org", true);
                            let branch = t.text(&mut sink, "branch", true);
                            let from = t.text(&mut sink, "from", false);
                            let until = t.text(&mut sink, "until", false);
                            t.finish(&mut sink, &["org", "branch", "from", "until"]);
                            if let (Some(org), Some(branch)) = (org, branch) {
                                if !listed.insert((org.clone(), branch.clone())) {
                                    sink.error(
                                        n.span().start..n.span().start,
                                        problem!(IsListedTwiceInTheRoster { org, branch }),
                                    );
                                }
                                branches.push(RosterBranch {
                                    org,
                                    branch,
                                    from,
                                    until,
                                });
                            }
                        }
                    }
                    other => sink.error(
                        list.span(),
                        problem!(BranchMustBeAListOf {
                            kind: Word(spanned::kind(other))
                        }),
                    ),
                }
            }
            top.finish(&mut sink, &["branch"]);
        }
        if sink.has_errors() {
            Err(sink.into_sorted())
        } else {
            Ok(Roster::new(branches))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Roster, Vec<Diagnostic>> {
        Roster::parse(SourceFile::new(ROSTER_FILE, text))
    }

    #[test]
    fn each_branch_is_found_by_org_and_branch_and_a_second_listing_is_an_error() {
        let roster = parse(
            "[[branch]]\norg = \"A\"\nbranch = \"a1\"\n\n\
             [[branch]]\norg = \"A\"\nbranch = \"a2\"\nfrom = \"2025\"\n\n\
             [[branch]]\norg = \"B\"\nbranch = \"a1\"\n",
        )
        .unwrap();
        assert!(roster.lists("A", "a1") && roster.lists("A", "a2") && roster.lists("B", "a1"));
        assert!(!roster.lists("B", "a2") && !roster.lists("a1", "A"));
        assert_eq!(roster.outside("A", "a1", "2024"), None);
        assert_eq!(
            roster.outside("A", "a2", "2024").map(|t| t.en()),
            Some("A / a2 is expected from 2025 in roster.toml, not in 2024".to_string())
        );
        assert_eq!(
            roster.outside("C", "c1", "2024").map(|t| t.en()),
            Some("C / c1 is not in roster.toml".to_string())
        );

        let twice = parse(
            "[[branch]]\norg = \"A\"\nbranch = \"a1\"\n\n[[branch]]\norg = \"A\"\nbranch = \"a1\"\n",
        )
        .unwrap_err();
        assert_eq!(twice.len(), 1);
        assert_eq!(
            (twice[0].line, twice[0].message.as_str()),
            (5, "A / a1 is listed twice in the roster")
        );
    }
}
