//! Period ranges at their edges (inclusive, byte-wise) and the problems across checklists.

use super::*;
use crate::diagnostic::SourceFile;

fn range(from: Option<&str>, until: Option<&str>) -> Periods {
    Periods {
        from: from.map(str::to_string),
        until: until.map(str::to_string),
    }
}

fn checklist(name: &str, head: &str) -> Checklist {
    let text = format!(
        "title = \"t\"\n{head}\n[[items]]\nid = \"A\"\ntitle = \"a\"\n[[items.points]]\nid = \"a\"\ntitle = \"a\"\nmax = 1\n"
    );
    Checklist::parse(SourceFile::new(name, text)).expect("a valid checklist")
}

#[test]
fn a_range_holds_its_ends_byte_wise() {
    let r = range(Some("2021"), Some("2022"));
    assert!(r.holds("2021"));
    assert!(r.holds("2022"));
    assert!(r.holds("2021H2"), "\"2021\" < \"2021H2\" < \"2022\"");
    assert!(!r.holds("2020"));
    assert!(!r.holds("2022H1"), "\"2022H1\" sorts after \"2022\"");
    assert!(range(None, Some("2020")).holds("1999"));
    assert!(range(Some("2023"), None).holds("2099"));
    assert!(range(None, None).holds(""));
}

#[test]
fn ranges_overlap_when_they_share_one_period() {
    let early = range(None, Some("2020"));
    assert!(early.overlaps(&range(Some("2020"), None)), "both hold 2020");
    assert!(!early.overlaps(&range(Some("2021"), None)));
    assert!(range(Some("2021"), Some("2022")).overlaps(&range(None, None)));
    assert!(!range(Some("2021"), Some("2022")).overlaps(&range(Some("2023"), None)));
}

#[test]
fn the_checklist_covering_a_period_is_chosen() {
    let current = checklist(
        "checklist.toml",
        "version = \"3\"\nperiods = { from = \"2023\" }",
    );
    let earlier = [
        checklist(
            "checklists/a.toml",
            "version = \"1\"\nperiods = { until = \"2020\" }",
        ),
        checklist(
            "checklists/b.toml",
            "version = \"2\"\nperiods = { from = \"2021\", until = \"2022\" }",
        ),
    ];
    let set = Checklists::new(&current, &earlier);
    let version = |p: &str| set.for_period(p).and_then(|c| c.version.clone());
    assert_eq!(version("2020").as_deref(), Some("1"));
    assert_eq!(version("2021H2").as_deref(), Some("2"));
    assert_eq!(version("2023").as_deref(), Some("3"));
    assert_eq!(
        version("2022H1"),
        None,
        "between 2022 and 2023: no checklist"
    );
    let names = ["checklist.toml", "checklists/a.toml", "checklists/b.toml"].map(String::from);
    assert!(validate(set, &names).is_empty());
    assert_eq!(
        set.ranges(&names),
        "checklist.toml: 2023.., checklists/a.toml: ..2020, checklists/b.toml: 2021..2022"
    );
}

#[test]
fn overlapping_ranges_and_shared_or_missing_versions_are_errors_in_each_file() {
    let current = checklist(
        "checklist.toml",
        "version = \"2\"\nperiods = { from = \"2022\" }",
    );
    let earlier = [checklist(
        "checklists/a.toml",
        "version = \"2\"\nperiods = { until = \"2022\" }",
    )];
    let names = ["checklist.toml", "checklists/a.toml"].map(String::from);
    let found = validate(Checklists::new(&current, &earlier), &names);
    let codes: Vec<(String, u32, Option<&str>)> = found
        .iter()
        .map(|d| (d.file.clone(), d.line as u32, d.code))
        .collect();
    assert_eq!(
        codes,
        [
            (
                "checklist.toml".into(),
                2,
                Some("the-version-is-also-that-of")
            ),
            (
                "checklist.toml".into(),
                3,
                Some("the-periods-of-this-checklist-overlap")
            ),
            (
                "checklists/a.toml".into(),
                2,
                Some("the-version-is-also-that-of")
            ),
            (
                "checklists/a.toml".into(),
                3,
                Some("the-periods-of-this-checklist-overlap")
            ),
        ]
    );
    let unnamed = [checklist(
        "checklists/a.toml",
        "periods = { until = \"2021\" }",
    )];
    let found = validate(Checklists::new(&current, &unnamed), &names);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].code,
        Some("several-checklists-each-needs-a-version")
    );
}

#[test]
fn a_range_that_ends_before_it_starts_is_an_error() {
    let text = "title = \"t\"\nperiods = { from = \"2023\", until = \"2021\", util = \"x\" }\n[[items]]\nid = \"A\"\ntitle = \"a\"\n[[items.points]]\nid = \"a\"\ntitle = \"a\"\nmax = 1\n";
    let found = Checklist::parse(SourceFile::new("checklist.toml", text)).unwrap_err();
    let codes: Vec<Option<&str>> = found.iter().map(|d| d.code).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        codes.contains(&Some("periods-from-is-after-until")),
        "{codes:?}"
    );
}
