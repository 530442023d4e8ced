//! Unit tests of bonus, penalties, total and band at their edges (SPEC §11.5, 11.6, 11.10).

use crate::diagnostic::SourceFile;
use crate::points::Points;
use crate::read::checklist::Checklist;
use crate::read::record::{Level, Record};
use crate::score::{LevelChoice, Status, band_for, bonus_tables, score};

fn pts(text: &str) -> Points {
    Points::parse(text).unwrap()
}

const CHECKLIST: &str = r#"title = "Totals"
bonus_cap = 6
penalty_cap = 8

[pass]
min_total = 40

[[bands]]
name = "top"
min_total = 45
status = "pass"
[[bands]]
name = "near"
min_total = 38
[[bands]]
name = "surveyed-well"
min_satisfaction = "90%"
status = "fail"
[[bands]]
name = "rest"
status = "fail"

[[items]]
id = "1"
title = "Work"
[[items.points]]
id = "1.1"
title = "All"
max = 50

[[vetoes]]
id = "V1"
title = "Veto"

[[bonus]]
id = "B1"
title = "Counted, uncapped"
per = 2
[[bonus]]
id = "B2"
title = "Counted, capped"
per = 1.5
max = 3
[[bonus]]
id = "B3"
title = "Points"
max = 1.5

[[penalties]]
id = "P1"
title = "Counted"
per = 3
max = 6
[[penalties]]
id = "P2"
title = "Points"
max = 4
[[penalties]]
id = "P3"
title = "Counted, uncapped"
per = 100
"#;

fn checklist() -> Checklist {
    Checklist::parse(SourceFile::new("checklist.toml", CHECKLIST)).unwrap()
}

fn record(checklist: &Checklist, body: &str) -> Record {
    let text = format!("org = \"A\"\nbranch = \"x\"\nperiod = \"2024\"\n{body}");
    let (record, problems) = Record::parse(SourceFile::new("a.toml", &text), checklist, None);
    assert_eq!(problems, [], "{body}");
    record.unwrap()
}

/// (bonus, penalties, total) of a record scoring `base` with these tables.
fn figures(base: &str, tables: &str) -> (Points, Points, Points) {
    let c = checklist();
    let r = record(&c, &format!("{tables}\n[acceptance]\n\"1.1\" = {base}\n"));
    let s = score(&c, &r, LevelChoice::Effective);
    (s.bonus, s.penalties, s.total)
}

#[test]
fn a_counted_bonus_is_per_times_count_capped_at_its_max_then_at_bonus_cap() {
    // 2 × 0 = 0: a count of 0 is allowed and worth nothing.
    assert_eq!(figures("40", "[bonus]\nB1 = 0\n").0, Points::ZERO);
    // 2 × 2 = 4, no max of its own.
    assert_eq!(figures("40", "[bonus]\nB1 = 2\n").0, pts("4"));
    // 1.5 × 2 = 3 is exactly its max; 1.5 × 3 = 4.5 stops at 3.
    assert_eq!(figures("40", "[bonus]\nB2 = 2\n").0, pts("3"));
    assert_eq!(figures("40", "[bonus]\nB2 = 3\n").0, pts("3"));
    // 2 × 2 + 3 = 7 stops at bonus_cap 6; 2 × 1 + 1.5 + 1.5 = 5 does not.
    assert_eq!(figures("40", "[bonus]\nB1 = 2\nB2 = 2\n").0, pts("6"));
    assert_eq!(
        figures("40", "[bonus]\nB1 = 1\nB2 = 1\nB3 = 1.5\n").0,
        pts("5")
    );
}

#[test]
fn penalties_are_capped_each_then_together_and_subtracted() {
    // 3 × 1 = 3: 40 − 3 = 37.
    assert_eq!(
        figures("40", "[penalties]\nP1 = 1\n"),
        (Points::ZERO, pts("3"), pts("37"))
    );
    // 3 × 3 = 9 stops at its max 6; + 2 = 8 is exactly penalty_cap; + 2.5 = 8.5 stops at it.
    assert_eq!(figures("40", "[penalties]\nP1 = 3\nP2 = 2\n").1, pts("8"));
    assert_eq!(figures("40", "[penalties]\nP1 = 3\nP2 = 2.5\n").1, pts("8"));
    // base + bonus − penalties: 41 + 5 − 3 = 43.
    assert_eq!(
        figures(
            "41",
            "[bonus]\nB1 = 2\nB2 = 0\nB3 = 1\n[penalties]\nP1 = 1\n"
        ),
        (pts("5"), pts("3"), pts("43"))
    );
}

#[test]
fn the_total_stops_at_0_and_the_penalties_show_in_full() {
    // 5 − min(100 × 1, 8) = −3 → 0; penalties stay 8.
    assert_eq!(
        figures("5", "[penalties]\nP3 = 1\n"),
        (Points::ZERO, pts("8"), Points::ZERO)
    );
    // Exactly 0 stays 0.
    assert_eq!(figures("8", "[penalties]\nP3 = 1\n").2, Points::ZERO);
}

#[test]
fn a_level_s_own_tables_replace_the_record_s_even_when_empty() {
    let c = checklist();
    let r = record(
        &c,
        "[bonus]\nB3 = 1\n[penalties]\nP2 = 2\n\n[self]\n\"1.1\" = 40\n\n\
         [acceptance]\n\"1.1\" = 40\n[acceptance.penalties]\n",
    );
    // Acceptance has no bonus table: the record's stays; its empty penalties table replaces
    // the record's P2.
    let (b, p) = bonus_tables(&r, Some(Level::Acceptance));
    assert_eq!((b.len(), p.len()), (1, 0));
    let s = score(&c, &r, LevelChoice::Effective);
    assert_eq!(
        (s.bonus, s.penalties, s.total),
        (pts("1"), Points::ZERO, pts("41"))
    );
    // The self-assessment has no tables of its own: the record's count.
    let s = score(&c, &r, LevelChoice::Named(Level::SelfAssessment));
    assert_eq!(
        (s.bonus, s.penalties, s.total),
        (pts("1"), pts("2"), pts("39"))
    );
    // No level at all: the record's tables.
    let (b, p) = bonus_tables(&r, None);
    assert_eq!((b.len(), p.len()), (1, 1));
}

#[test]
fn bands_hold_by_status_and_a_vetoed_record_only_matches_condition_less_bands() {
    let c = checklist();
    let band = |status, vetoed, total: &str, sat: Option<&str>| {
        let sat = sat.map(|s| crate::points::Rate::parse(s).unwrap());
        band_for(&c, status, vetoed, pts(total), sat)
    };
    assert_eq!(band(Status::Pass, false, "45", None), Some("top"));
    // "top" is for passing records only; 45 ≥ 38 → near.
    assert_eq!(band(Status::Fail, false, "45", None), Some("near"));
    assert_eq!(
        band(Status::Fail, false, "37.99", Some("90%")),
        Some("surveyed-well")
    );
    // A band that needs a satisfaction does not hold without a survey.
    assert_eq!(band(Status::Fail, false, "37.99", None), Some("rest"));
    // Vetoed: only "rest" has neither min_total nor min_satisfaction.
    assert_eq!(band(Status::Fail, true, "50", Some("100%")), Some("rest"));
    // A passing record below every pass band and every band without status: none.
    assert_eq!(band(Status::Pass, false, "37.99", Some("95%")), None);
    assert_eq!(band(Status::Incomplete, false, "50", None), None);
}

fn problems(checklist: &str) -> Vec<String> {
    match Checklist::parse(SourceFile::new("checklist.toml", checklist)) {
        Ok(_) => Vec::new(),
        Err(list) => list.iter().map(|d| d.message.clone()).collect(),
    }
}

#[test]
fn checklist_rules_of_penalties_bonus_bands_and_reserved_ids() {
    let base = "title = \"T\"\n[[items]]\nid = \"1\"\ntitle = \"I\"\n";
    let point = |id: &str| format!("[[items.points]]\nid = \"{id}\"\ntitle = \"P\"\nmax = 5\n");
    let with = |extra: &str| format!("{base}{}{extra}", point("1.1"));
    assert_eq!(problems(&with("")), Vec::<String>::new());
    assert_eq!(
        problems(&with("[[penalties]]\nid = \"P1\"\ntitle = \"x\"\n")),
        ["penalty P1 lacks the required key `max`"]
    );
    assert_eq!(
        problems(&with("[[bonus]]\nid = \"B1\"\ntitle = \"x\"\nper = 0\n")),
        ["`per` of bonus B1 must be greater than 0"]
    );
    assert_eq!(
        problems(&with(
            "[[bonus]]\nid = \"X\"\ntitle = \"x\"\nmax = 1\n[[penalties]]\nid = \"X\"\ntitle = \"y\"\nper = 1\n"
        )),
        ["duplicate id `X`: already used by bonus X"]
    );
    assert_eq!(
        problems(&with("[[bands]]\nname = \"b\"\nstatus = \"passed\"\n")),
        ["`status` of band b must be \"pass\" or \"fail\", not \"passed\""]
    );
    assert_eq!(
        problems(&format!("{base}{}", point("penalties"))),
        [
            "point id `penalties` is reserved: a record uses it for its own table or key; choose another id"
        ]
    );
}

#[test]
fn record_values_of_counted_and_capped_entries_are_checked() {
    let c = checklist();
    let problems = |body: &str| {
        let text = format!("org = \"A\"\nbranch = \"x\"\nperiod = \"2024\"\n{body}");
        let (_, list) = Record::parse(SourceFile::new("a.toml", &text), &c, None);
        list.iter().map(|d| d.message.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        problems("[penalties]\nP1 = 1.5\n"),
        ["penalty P1 counts occurrences of 3 points each: 1.5 is not a whole count"]
    );
    assert_eq!(
        problems("[penalties]\nP2 = 4.5\n"),
        ["penalty P2: 4.5 exceeds its max 4"]
    );
    assert_eq!(
        problems("[acceptance.bonus]\nB9 = 1\n"),
        ["unknown bonus id `B9` (the checklist has B1, B2, B3)"]
    );
    // A count above any max is fine: the cap applies to the product.
    assert_eq!(problems("[bonus]\nB2 = 7\n"), Vec::<String>::new());
}
