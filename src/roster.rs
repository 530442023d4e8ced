//! The roster: the branches expected to be assessed, and from/until which period (SPEC §6).

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::doc::{self, Sink, TableReader};

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

    /// Parses and validates a roster file; every problem is returned at once.
    pub fn parse(file: Arc<SourceFile>) -> Result<Roster, Vec<Diagnostic>> {
        let mut sink = Sink::new(file.clone());
        let Some(tree) = doc::parse(&mut sink, &file.text) else {
            return Err(sink.diagnostics);
        };
        let mut branches = Vec::new();
        {
            let mut top = TableReader::new(tree.get_ref(), tree.span(), "the roster");
            if let Some(list) = top.get("branch") {
                match list.get_ref() {
                    toml::de::DeValue::Array(items) => {
                        for n in items.iter() {
                            let Some(mut t) = TableReader::of(&mut sink, n, "a [[branch]]") else {
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
                                        format!("{org} / {branch} is listed twice in the roster"),
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
                        format!(
                            "`branch` must be a list of [[branch]] tables, not {}",
                            doc::kind(other)
                        ),
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
