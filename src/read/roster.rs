//! The roster: the branches expected to be assessed, and from/until which period (SPEC §6).

use std::collections::HashSet;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::discover::ROSTER_FILE;
use crate::i18n::{Text, Word};
use crate::read::spanned::{self, Document, Sink, TableReader, TomlValue};

/// A validated roster.
#[derive(Clone, Debug, Default)]
pub struct Roster {
    pub branches: Vec<RosterBranch>,
    /// Positions in `branches`, sorted by (org, branch): every record is matched against the
    /// roster, and a scan of the list per record made a roster of every branch quadratic
    /// (100 000 records: 116 s against 7 s without the roster). A binary search keeps four
    /// bytes per branch where a hash map of copied names kept about a hundred.
    index: Vec<u32>,
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
    fn key(&self) -> (&str, &str) {
        (&self.org, &self.branch)
    }

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
        // A roster of more than four billion branches is not a roster; count on u32.
        let mut index: Vec<u32> = (0..branches.len()).map(|i| i as u32).collect();
        // Stable: of a pair listed twice, the first listing comes first.
        index.sort_by(|&a, &b| branches[a as usize].key().cmp(&branches[b as usize].key()));
        Roster { branches, index }
    }

    /// The roster's entry for (org, branch), found by binary search.
    fn find(&self, org: &str, branch: &str) -> Option<&RosterBranch> {
        let at = self
            .index
            .partition_point(|&i| self.branches[i as usize].key() < (org, branch));
        let b = &self.branches[*self.index.get(at)? as usize];
        (b.key() == (org, branch)).then_some(b)
    }

    /// Whether some (org, branch) is listed twice.
    fn lists_a_pair_twice(&self) -> bool {
        self.index
            .windows(2)
            .any(|w| self.branches[w[0] as usize].key() == self.branches[w[1] as usize].key())
    }

    /// The roster's entry for (org, branch), if it lists it.
    pub fn branch(&self, org: &str, branch: &str) -> Option<&RosterBranch> {
        self.find(org, branch)
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
    ///
    /// A large roster is read a block of branches at a time ([`in_blocks`]): its whole TOML
    /// tree would take about 25 times the file (50 MB for 33 000 branches, half a gigabyte
    /// for a national roster) for a moment. A roster that reads with any problem at all, or
    /// is not shaped as blocks can be cut from, is read whole as before, so its diagnostics
    /// are exactly those of the whole file.
    pub fn parse(file: Arc<SourceFile>) -> Result<Roster, Vec<Diagnostic>> {
        if let Some(roster) = in_blocks(&file.text).map(Roster::new)
            && !roster.lists_a_pair_twice()
        {
            return Ok(roster);
        }
        Roster::parse_whole(file)
    }

    /// The roster read as one TOML tree.
    fn parse_whole(file: Arc<SourceFile>) -> Result<Roster, Vec<Diagnostic>> {
        let mut sink = Sink::new(file.clone());
        let text = spanned::half_width(&mut sink, &file.text);
        let Some(tree) = spanned::parse(&mut sink, &text) else {
            return Err(sink.diagnostics);
        };
        let mut listed = HashSet::new();
        let branches = read_branches(&mut sink, &tree, Some(&mut listed));
        if sink.has_errors() {
            Err(sink.into_sorted())
        } else {
            Ok(Roster::new(branches))
        }
    }
}

/// Branches read a block at a time, when every block reads without a single diagnostic;
/// `None` otherwise (the caller reads the file whole, and does so too when a pair is listed
/// twice, to say where).
///
/// The file is cut before lines that are exactly `[[branch]]` (a comment may follow). That
/// is safe only where such a line cannot lie inside a value: with no multi-line string in
/// the file (`"""`, `'''`), a cut inside a multi-line array or inline table leaves the block
/// before it unterminated, a syntax error, and the file is read whole. Anything before the
/// first header but comments and blank lines (a top-level key, another table) is left to
/// the whole reading too.
fn in_blocks(text: &str) -> Option<Vec<RosterBranch>> {
    /// Branches per block: small enough that a block's tree is a few megabytes at most,
    /// large enough that the per-block work does not show.
    const BLOCK: usize = 1024;
    // Full-width characters are reported (or read as half-width) by the whole reading.
    if text.contains("\"\"\"") || text.contains("'''") || spanned::has_full_width(text) {
        return None;
    }
    // Byte offsets of the header lines.
    let mut headers = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let code = line.split('#').next().unwrap_or("").trim();
        if code == "[[branch]]" {
            headers.push(offset);
        } else if headers.is_empty() && !code.is_empty() {
            return None;
        } else if code.starts_with('[') && !code.contains('=') {
            // Another table header (`[other]`, `[[branch.x]]`): read whole.
            return None;
        }
        offset += line.len();
    }
    // Small rosters gain nothing: read them whole.
    if headers.len() <= BLOCK {
        return None;
    }
    let mut branches = Vec::with_capacity(headers.len());
    let mut starts: Vec<usize> = headers.iter().copied().step_by(BLOCK).collect();
    // The first block starts at the top of the file: what comes before the first header
    // (comments, blank lines, and anything the line test above let through, such as a
    // character TOML refuses in a comment) is parsed like the rest.
    starts[0] = 0;
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let block = SourceFile::new(ROSTER_FILE, text[start..end].to_string());
        let mut sink = Sink::new(block.clone());
        let tree = spanned::parse(&mut sink, &block.text)?;
        let read = read_branches(&mut sink, &tree, None);
        if !sink.diagnostics.is_empty() {
            return None;
        }
        branches.extend(read);
    }
    Some(branches)
}

/// The `[[branch]]` entries of a roster's tree, each problem reported to `sink`. `listed`,
/// when given, holds the (org, branch) pairs read so far, so a pair listed twice is an
/// error at its second listing (in one pass, not a scan of the list per entry).
fn read_branches(
    sink: &mut Sink,
    tree: &Document<'_>,
    mut listed: Option<&mut HashSet<(String, String)>>,
) -> Vec<RosterBranch> {
    let mut branches = Vec::new();
    let mut top = TableReader::new(tree.get_ref(), tree.span(), both!("the-roster"));
    if let Some(list) = top.get("branch") {
        match list.get_ref() {
            TomlValue::Array(items) => {
                for n in items.iter() {
                    let Some(mut t) = TableReader::of(sink, n, both!("a-branch")) else {
                        continue;
                    };
                    let org = t.text(sink, "org", true);
                    let branch = t.text(sink, "branch", true);
                    let from = t.text(sink, "from", false);
                    let until = t.text(sink, "until", false);
                    t.finish(sink, &["org", "branch", "from", "until"]);
                    if let (Some(org), Some(branch)) = (org, branch) {
                        if let Some(listed) = listed.as_deref_mut()
                            && !listed.insert((org.clone(), branch.clone()))
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
    top.finish(sink, &["branch"]);
    branches
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

    /// A roster of `n` branches of two orgs, the `i`th written by `entry(i)`.
    fn big(n: usize, entry: impl Fn(usize) -> String) -> String {
        let mut text = String::from("# every branch\n\n");
        for i in 0..n {
            text.push_str(&entry(i));
        }
        text
    }

    fn plain(i: usize) -> String {
        format!("[[branch]]\norg = \"O{}\"\nbranch = \"b{i}\"\n\n", i % 2)
    }

    #[test]
    fn a_large_roster_read_in_blocks_is_the_roster_read_whole() {
        // 2 500 branches: three blocks, the last one short; a window on some.
        let text = big(2500, |i| match i % 7 {
            0 => format!(
                "[[branch]] # opened in 2023\norg = \"O{}\"\nbranch = \"b{i}\"\nfrom = \"2023\"\n\n",
                i % 2
            ),
            _ => plain(i),
        });
        let blocks = in_blocks(&text).expect("read in blocks");
        assert_eq!(blocks.len(), 2500);
        let roster = parse(&text).unwrap();
        assert_eq!(roster.branches.len(), 2500);
        for (i, b) in roster.branches.iter().enumerate() {
            assert_eq!(
                (b.org.as_str(), b.branch.as_str()),
                (["O0", "O1"][i % 2], &*format!("b{i}"))
            );
            assert_eq!(b.from.as_deref(), (i % 7 == 0).then_some("2023"));
        }
        assert!(roster.lists("O1", "b2499") && !roster.lists("O0", "b2499"));
        assert_eq!(roster.outside("O0", "b0", "2023"), None);
        assert!(roster.outside("O0", "b0", "2022").is_some());
    }

    #[test]
    fn a_problem_in_a_large_roster_is_reported_where_it_is_in_the_file() {
        // Each entry is 4 lines after a 2-line preamble: entry i starts on line 3 + 4 i.
        let twice = big(3000, |i| plain(if i == 2100 { 4 } else { i }));
        let errors = parse(&twice).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].line, errors[0].message.as_str()),
            (3 + 4 * 2100, "O0 / b4 is listed twice in the roster")
        );
        let typo = big(3000, |i| {
            if i == 1500 {
                plain(i).replace("branch = ", "brnach = ")
            } else {
                plain(i)
            }
        });
        let errors = parse(&typo).unwrap_err();
        assert!(
            errors
                .iter()
                .all(|d| d.line >= 3 + 4 * 1500 && d.line <= 5 + 4 * 1500),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|d| d.message.contains("brnach")),
            "{errors:?}"
        );
    }

    /// Rosters the blocks could read differently from the whole file, if they were careless:
    /// each must give the whole reading's answer, diagnostics and all.
    #[test]
    fn tricky_large_rosters_read_as_the_whole_file_reads_them() {
        let many = big(1500, plain);
        let cut = |i: usize| {
            if i == 1023 {
                // A multi-line array opened just before the 1 025th header, where a block starts.
                plain(i).replace("\n\n", "\nx = [\n")
            } else {
                plain(i)
            }
        };
        let cases = [
            format!("\u{3000}\n{many}"),
            format!("# note \u{7f}\n{many}"),
            format!("\u{b}\n{many}"),
            format!("\u{a0}\n{many}"),
            format!("# 名册\n{}", many.replace("O0", "子公司")),
            format!("{many}[[branch]]\norg = \"O\"\nbranch = \"x\"\u{3000}\n"),
            format!("{}\n]\n", big(1500, cut)),
            many.replace('\n', "\r\n"),
        ];
        for (i, text) in cases.iter().enumerate() {
            let file = || SourceFile::new(ROSTER_FILE, text.clone());
            let shown = |r: Result<Roster, Vec<Diagnostic>>| match r {
                Ok(r) => Ok(r.branches.len()),
                Err(d) => Err(d
                    .iter()
                    .map(|d| (d.line, d.column, d.message.clone()))
                    .collect::<Vec<_>>()),
            };
            assert_eq!(
                shown(Roster::parse(file())),
                shown(Roster::parse_whole(file())),
                "case {i}"
            );
        }
        // Chinese names do not keep a roster from being read in blocks.
        assert!(in_blocks(&cases[4]).is_some());
        assert!(in_blocks(&cases[0]).is_none() && in_blocks(&cases[6]).is_none());
    }

    #[test]
    fn a_roster_not_cut_into_blocks_safely_is_read_whole() {
        let many = big(1500, plain);
        assert!(in_blocks(&many).is_some());
        // A multi-line string could hold a header line; a key before the first header
        // belongs to the whole file; a small roster is not worth cutting.
        assert!(
            in_blocks(&format!(
                "{many}[[branch]]\norg = \"\"\"x\"\"\"\nbranch = \"y\"\n"
            ))
            .is_none()
        );
        assert!(in_blocks(&format!("title = \"t\"\n{many}")).is_none());
        assert!(in_blocks(&big(10, plain)).is_none());
        // A header line inside a multi-line array leaves the block before it unterminated.
        let inside =
            format!("{many}[[branch]]\norg = \"O\"\nbranch = \"z\"\nx = [\n[[branch]]\n]\n");
        assert!(in_blocks(&inside).is_none());
        assert!(parse(&inside).is_err());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        /// Rosters of over a thousand branches, each line drawn from valid and invalid
        /// pieces (comments, a full-width space, a half-open array, another table, a
        /// duplicate, a number for a name, CRLF): read in blocks or whole, the answer is the
        /// whole reading's, diagnostics and all.
        #[test]
        fn any_large_roster_reads_in_blocks_as_it_reads_whole(
            preamble in proptest::collection::vec(0usize..12, 1..3),
            odd in proptest::collection::vec((0usize..1200, 0usize..12), 0..2),
            crlf in proptest::bool::ANY,
        ) {
            const PIECES: [&str; 12] = [
                "# a comment\n",
                "\n",
                "\u{3000}\n",
                "x = [\n",
                "]\n",
                "[other]\n",
                "org = 5\n",
                "from = \"2023\"\n",
                "#\u{7f}\n",
                "title = \"名册\"\n",
                "branch = \"b7\"\n",
                "\t# 注\n",
            ];
            let mut text: String = preamble.iter().map(|&i| PIECES[i]).collect();
            for i in 0..1200 {
                text.push_str(&plain(i));
                for (at, piece) in &odd {
                    if *at == i {
                        text.push_str(PIECES[*piece]);
                    }
                }
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            let shown = |r: Result<Roster, Vec<Diagnostic>>| match r {
                Ok(r) => Ok(r
                    .branches
                    .iter()
                    .map(|b| (b.org.clone(), b.branch.clone(), b.from.clone()))
                    .collect::<Vec<_>>()),
                Err(d) => Err(d
                    .iter()
                    .map(|d| (d.line, d.column, d.message.clone()))
                    .collect::<Vec<_>>()),
            };
            let file = || SourceFile::new(ROSTER_FILE, text.clone());
            proptest::prop_assert_eq!(
                shown(Roster::parse(file())),
                shown(Roster::parse_whole(file()))
            );
        }
    }
}
