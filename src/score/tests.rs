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
