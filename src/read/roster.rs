//! The roster: the branches expected to be assessed, and from/until which period (SPEC §6).

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::discover::ROSTER_FILE;
use crate::i18n::{Text, Word};
use crate::read::spanned::{self, Sink, TableReader};

/// A validated roster.
#[derive(Clone, Debug, Default)]
pub struct Roster {
    pub branches: Vec<RosterBranch>,
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
    /// Whether the roster lists (org, branch) at all.
    pub fn lists(&self, org: &str, branch: &str) -> bool {
        self.branches
            .iter()
            .any(|b| b.org == org && b.branch == branch)
    }

    /// Why a record of (org, branch, period) falls outside the roster, if it does: the
    /// branch is not listed, or not expected in that period.
    pub fn outside(&self, org: &str, branch: &str, period: &str) -> Option<Text> {
        let listed: Vec<&RosterBranch> = self
            .branches
            .iter()
            .filter(|b| b.org == org && b.branch == branch)
            .collect();
        if listed.is_empty() {
            return Some(problem!(IsNotIn {
                org,
                branch,
                roster_file: ROSTER_FILE
            }));
        }
        if listed.iter().any(|b| b.expected_in(period)) {
            return None;
        }
        let b = listed[0];
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
                                if branches
                                    .iter()
                                    .any(|b: &RosterBranch| b.org == org && b.branch == branch)
                                {
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
            Ok(Roster { branches })
        }
    }
}
