//! Unit tests of scoring: what a value is worth, and the scorer showing the same figures.

use super::{How, LevelChoice, score, value_points};
use crate::diagnostic::SourceFile;
use crate::points::Points;
use crate::read::checklist::{Checklist, Point};
use crate::read::record::{Deduction, Record, Value};

fn pts(text: &str) -> Points {
    Points::parse(text).unwrap()
}

fn point(max: &str, grades: &[(&str, &str)]) -> Point {
    Point {
        id: "1.1".into(),
        title: "Meetings".into(),
        max: pts(max),
        criterion: None,
        optional: true,
        step: None,
        grades: grades
            .iter()
            .map(|(g, p)| (g.to_string(), pts(p)))
            .collect(),
        derive: None,
        max_deduction: None,
        unfloored: false,
        measure: None,
    }
}

fn deductions(list: &[(&str, i64)]) -> Value {
    Value::Deductions(
        list.iter()
            .map(|(p, times)| Deduction {
                points: pts(p),
                times: *times,
                reason: "missed".into(),
            })
            .collect(),
    )
}

#[test]
fn a_value_is_worth_its_points_its_grade_or_what_deductions_leave() {
    let p = point("10", &[("good", "10"), ("fair", "7.5"), ("poor", "0")]);
    assert_eq!(
        value_points(&p, &Value::Points(pts("2.5"))),
        Some(pts("2.5"))
    );
    assert_eq!(value_points(&p, &Value::Grade(1)), Some(pts("7.5")));
    assert_eq!(value_points(&p, &Value::Grade(2)), Some(Points::ZERO));
    // 10 − 1.5 × 3 = 5.5, exactly.
    assert_eq!(
        value_points(&p, &deductions(&[("1.5", 3)])),
        Some(pts("5.5"))
    );
    // Deductions beyond the max leave 0, never less.
    assert_eq!(
        value_points(&p, &deductions(&[("4", 2), ("2.5", 1)])),
        Some(Points::ZERO)
    );
}

#[test]
fn na_is_worth_nothing_and_is_not_a_zero() {
    let p = point("5", &[]);
    assert_eq!(value_points(&p, &Value::NotApplicable), None);
    assert_ne!(
        value_points(&p, &Value::NotApplicable),
        value_points(&p, &Value::Points(Points::ZERO))
    );
}

const CHECKLIST: &str = r#"title = "Unit"
version = "u-1"

[[items]]
id = "1"
title = "Setup"

[[items.points]]
id = "1.1"
title = "Committee"
max = 10
grades = { good = 10, fair = 7.5, poor = 0 }

[[items.points]]
id = "1.2"
title = "Meetings"
max = 10

[[items.points]]
id = "1.3"
title = "Groups"
max = 5
optional = true
"#;

#[test]
fn the_scorer_shows_the_figures_value_points_gives() {
    let checklist = Checklist::parse(SourceFile::new("checklist.toml", CHECKLIST)).unwrap();
    let text = "org = \"A\"\nbranch = \"x\"\nperiod = \"2025\"\n\n[acceptance]\n\
                \"1.1\" = \"fair\"\n\"1.2\" = { deductions = [ { points = 1.5, times = 3, reason = \"missed\" } ] }\n\
                \"1.3\" = \"na\"\n";
    let (record, problems) = Record::parse(SourceFile::new("a.toml", text), &checklist, None);
    assert_eq!(problems, []);
    let record = record.unwrap();
    let scored = score(&checklist, &record, LevelChoice::Effective);
    let item = &scored.items[0];
    let figures: Vec<(&str, Points)> = item.points.iter().map(|p| (p.id(), p.score)).collect();
    assert_eq!(
        figures,
        [
            ("1.1", pts("7.5")),
            ("1.2", pts("5.5")),
            ("1.3", Points::ZERO)
        ]
    );
    assert!(matches!(item.points[2].how, How::NotApplicable));
    // "na" leaves the point out of what the item could have scored.
    assert_eq!((item.score, item.applicable), (pts("13"), pts("20")));
}

#[test]
fn a_deduction_cap_limits_deductions_only() {
    // SPEC §11.2: max 8, max_deduction 3.
    let p = Point {
        max_deduction: Some(pts("3")),
        ..point("8", &[])
    };
    // 1 × 5 = 5 capped at 3 → 5; exactly the cap → 5; under it → all of it.
    assert_eq!(value_points(&p, &deductions(&[("1", 5)])), Some(pts("5")));
    assert_eq!(value_points(&p, &deductions(&[("1", 3)])), Some(pts("5")));
    assert_eq!(
        value_points(&p, &deductions(&[("0.5", 2), ("1", 1)])),
        Some(pts("6"))
    );
    // A number written as the score is unaffected.
    assert_eq!(value_points(&p, &Value::Points(pts("1"))), Some(pts("1")));
    // The cap may equal the max: then it never binds more than the floor would.
    let full = Point {
        max_deduction: Some(pts("8")),
        ..point("8", &[])
    };
    assert_eq!(
        value_points(&full, &deductions(&[("3", 4)])),
        Some(Points::ZERO)
    );
}

#[test]
fn under_an_item_floor_a_point_may_go_negative() {
    let p = Point {
        unfloored: true,
        ..point("4", &[])
    };
    assert_eq!(value_points(&p, &deductions(&[("2", 3)])), Some(pts("-2")));
    assert_eq!(
        value_points(&p, &deductions(&[("2", 2)])),
        Some(Points::ZERO)
    );
    // With a cap as well, the cap still binds (and keeps it at 0 or more).
    let capped = Point {
        max_deduction: Some(pts("3")),
        ..p.clone()
    };
    assert_eq!(
        value_points(&capped, &deductions(&[("2", 3)])),
        Some(pts("1"))
    );
}

#[test]
fn an_item_minimum_holds_exactly_at_its_edge() {
    use crate::points::Rate;
    use crate::read::checklist::ItemMin;
    let m = ItemMin::Points(pts("12"));
    // No N/A: points against points.
    assert!(m.holds(pts("12"), pts("20"), pts("20")));
    assert!(!m.holds(pts("11.99"), pts("20"), pts("20")));
    // N/A: score / applicable ≥ 12 / 20 = 60 %: 9 of 15 is exactly 60 %.
    assert!(m.holds(pts("9"), pts("15"), pts("20")));
    assert!(!m.holds(pts("8.99"), pts("15"), pts("20")));
    // 60 % of 7 applicable is 4.2: exact, no rounding of the threshold.
    assert!(m.holds(pts("4.2"), pts("7"), pts("20")));
    assert!(!m.holds(pts("4.19"), pts("7"), pts("20")));
    // All N/A: exempt.
    assert!(m.holds(Points::ZERO, Points::ZERO, pts("20")));
    let share = ItemMin::Share(Rate::parse("60%").unwrap());
    assert!(share.holds(pts("6"), pts("10"), pts("10")));
    assert!(!share.holds(pts("5.99"), pts("10"), pts("10")));
    assert!(share.holds(pts("1.8"), pts("3"), pts("10")));
    assert!(share.holds(Points::ZERO, Points::ZERO, pts("10")));
}

const RULES: &str = r#"title = "Rules"

[pass]
min_item = "50%"

[[items]]
id = "1"
title = "Study"
min = 6

[[items.points]]
id = "1.1"
title = "Lessons"
max = 10
optional = true

[[items]]
id = "3"
title = "Discipline"
floor = "item"

[[items.points]]
id = "3.1"
title = "Attendance"
max = 4

[[items.points]]
id = "3.2"
title = "Dues"
max = 4
"#;

fn scored_reasons(checklist: &str, acceptance: &str) -> (Vec<Points>, Vec<String>) {
    let checklist = Checklist::parse(SourceFile::new("checklist.toml", checklist)).unwrap();
    let text =
        format!("org = \"A\"\nbranch = \"x\"\nperiod = \"2025\"\n\n[acceptance]\n{acceptance}");
    let (record, problems) = Record::parse(SourceFile::new("a.toml", &text), &checklist, None);
    assert_eq!(problems, []);
    let record = record.unwrap();
    let s = score(&checklist, &record, LevelChoice::Effective);
    let items = s.items.iter().map(|i| i.score).collect();
    (items, s.reasons.iter().map(|r| r.en()).collect())
}

#[test]
fn item_floors_and_minimums_give_their_reasons() {
    let d = |p: &str, t: i64| {
        format!("{{ deductions = [ {{ points = {p}, times = {t}, reason = \"r\" }} ] }}")
    };
    // 3.1 = 4 − 2 × 3 = −2, + 3 = 1 (not 3, as point floors would give).
    let (items, reasons) = scored_reasons(
        RULES,
        &format!("\"1.1\" = 6\n\"3.1\" = {}\n\"3.2\" = 3\n", d("2", 3)),
    );
    assert_eq!(items, [pts("6"), pts("1")]);
    assert_eq!(reasons, ["item 3 scored 12.5%, below its minimum 50%"]);
    // The item stops at 0: 4 − 9 + 0 = −5 → 0.
    let (items, _) = scored_reasons(
        RULES,
        &format!("\"1.1\" = 6\n\"3.1\" = {}\n\"3.2\" = 0\n", d("1.5", 6)),
    );
    assert_eq!(items, [pts("6"), Points::ZERO]);
    // Exactly at both minimums: pass.
    let (_, reasons) = scored_reasons(RULES, "\"1.1\" = 6\n\"3.1\" = 4\n\"3.2\" = 0\n");
    assert!(reasons.is_empty(), "{reasons:?}");
    let (_, reasons) = scored_reasons(RULES, "\"1.1\" = 5.5\n\"3.1\" = 4\n\"3.2\" = 4\n");
    assert_eq!(reasons, ["item 1 scored 5.50, below its minimum 6"]);
    // An item all N/A is exempt from its minimum.
    let (_, reasons) = scored_reasons(RULES, "\"1.1\" = \"na\"\n\"3.1\" = 4\n\"3.2\" = 4\n");
    assert!(reasons.is_empty(), "{reasons:?}");
}

#[test]
fn a_points_minimum_with_na_points_compares_shares() {
    let checklist = r#"title = "NA"

[[items]]
id = "4"
title = "Work"
min = 12

[[items.points]]
id = "4.1"
title = "a"
max = 10

[[items.points]]
id = "4.2"
title = "b"
max = 10
optional = true
"#;
    // 6 of 10 applicable = 60 % = 12 / 20: met.
    let (_, reasons) = scored_reasons(checklist, "\"4.1\" = 6\n\"4.2\" = \"na\"\n");
    assert!(reasons.is_empty(), "{reasons:?}");
    let (_, reasons) = scored_reasons(checklist, "\"4.1\" = 5.99\n\"4.2\" = \"na\"\n");
    assert_eq!(
        reasons,
        ["item 4 scored 5.99 of 10 applicable (59.9%), below its minimum 12 of 20 (60%)"]
    );
}
