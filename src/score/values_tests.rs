//! Unit tests of measures (SPEC §11.7) and several raters (§11.8): the mean's rounding, the
//! bands at their edges, what a missing measure does, and the readers' problems.

use super::{How, LevelChoice, Reason, Status, score, value_points};
use crate::diagnostic::SourceFile;
use crate::points::Points;
use crate::read::checklist::Checklist;
use crate::read::record::{Record, Value};

fn pts(text: &str) -> Points {
    Points::parse(text).unwrap()
}

const CHECKLIST: &str = r#"title = "Values"
step = 0.5

[pass]
min_total = 16

[[measures]]
id = "M1"
title = "Volunteers"

[[measures]]
id = "M2"
title = "Young members"

[[items]]
id = "1"
title = "Work"

[[items.points]]
id = "1.1"
title = "Content"
max = 10
grades = { excellent = 10, good = 8, fair = 6 }

[[items.points]]
id = "1.2"
title = "Attendance"
max = 10
step = 0.01
optional = true

[[items.points]]
id = "1.3"
title = "Volunteers"
max = 4
derive = "M1"
bands = [ { min = "75%", points = 4 }, { min = "50%", points = 2 } ]
"#;

fn checklist(text: &str) -> Checklist {
    Checklist::parse(SourceFile::new("checklist.toml", text)).unwrap()
}

/// The record's problems' codes, or the record.
fn read(checklist: &Checklist, body: &str) -> Result<Record, Vec<&'static str>> {
    let text = format!("org = \"A\"\nbranch = \"x\"\nperiod = \"2025\"\n{body}");
    let (record, problems) = Record::parse(SourceFile::new("a.toml", &text), checklist, None);
    let errors: Vec<&'static str> = problems
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .map(|d| d.code.unwrap_or("?"))
        .collect();
    match record {
        Some(r) if errors.is_empty() => Ok(r),
        _ => Err(errors),
    }
}

fn ratings(c: &Checklist, point: &str, list: &str) -> Points {
    let body = "[measures]\nM1 = 1\n[acceptance]\n\"1.1\" = 10\n\"1.2\" = 10\n".to_string();
    let body = body.replace(
        &format!("\"{point}\" = 10"),
        &format!("\"{point}\" = {{ ratings = {list} }}"),
    );
    let r = read(c, &body).unwrap();
    let s = score(c, &r, LevelChoice::Effective);
    let p = s.items[0].points.iter().find(|p| p.id() == point).unwrap();
    assert!(matches!(p.how, How::Ratings(_)));
    p.score
}

#[test]
fn the_mean_of_ratings_rounds_half_away_from_zero_to_hundredths() {
    let c = checklist(CHECKLIST);
    // 25 / 3 = 8.333… → 8.33; 23 / 3 = 7.666… → 7.67; grade names count their points.
    assert_eq!(
        ratings(&c, "1.1", r#"["excellent", "good", 7]"#),
        pts("8.33")
    );
    assert_eq!(ratings(&c, "1.2", "[8, 8, 7]"), pts("7.67"));
    // 0.015 is half a hundredth: away from zero, 0.02.
    assert_eq!(ratings(&c, "1.2", "[0.01, 0.02]"), pts("0.02"));
    // 0.005 / 3 away from any half: 0.01 + 0 + 0 = 0.01 / 3 → 0.00.
    assert_eq!(ratings(&c, "1.2", "[0.01, 0, 0]"), Points::ZERO);
    // One rating is itself; the mean need not be a multiple of the step (4.5 + 5) / 2.
    assert_eq!(ratings(&c, "1.1", "[9.5]"), pts("9.5"));
    assert_eq!(ratings(&c, "1.1", "[4.5, 5]"), pts("4.75"));
    assert_eq!(ratings(&c, "1.1", "[10, 10, 10]"), pts("10"));
}

#[test]
fn each_point_is_rounded_before_the_points_add_up() {
    let c = checklist(CHECKLIST);
    let body = "[measures]\nM1 = \"75%\"\n[acceptance]\n\"1.1\" = { ratings = [9, 8, 8] }\n\"1.2\" = { ratings = [8, 7, 7] }\n";
    let r = read(&c, body).unwrap();
    let s = score(&c, &r, LevelChoice::Effective);
    // 8.33 + 7.33 + 4 = 19.66 (unrounded means would give 19.67).
    assert_eq!(s.total, pts("19.66"));
    assert_eq!(
        value_points(
            c.point("1.1").unwrap(),
            &r.level(crate::read::record::Level::Acceptance)
                .unwrap()
                .get(0)
                .unwrap()
                .value
        ),
        Some(pts("8.33"))
    );
}

#[test]
fn each_rating_is_valid_for_the_point_on_its_own() {
    let c = checklist(CHECKLIST);
    let bad = |list: &str| {
        read(
            &c,
            &format!("[acceptance]\n\"1.1\" = {{ ratings = {list} }}\n"),
        )
        .unwrap_err()
    };
    assert_eq!(bad("[]"), ["ratings-is-empty"]);
    assert_eq!(bad("[11]"), ["score-exceeds-its-max"]);
    assert_eq!(bad("[9.25]"), ["score-is-not-a-multiple-of"]);
    assert_eq!(bad(r#"["great"]"#), ["unknown-grade-grades"]);
    assert_eq!(bad(r#"[8, "na"]"#), ["na-is-only-allowed-on-optional"]);
    assert_eq!(bad("3"), ["ratings-must-be-a-list-of"]);
    // "na" is a value of an optional point, never a rating.
    assert_eq!(
        read(&c, "[acceptance]\n\"1.2\" = { ratings = [\"na\"] }\n").unwrap_err(),
        ["a-rating-cannot-be-na"]
    );
    assert_eq!(
        read(&c, "[acceptance]\n\"1.1\" = { ratings = [8], score = 8 }\n").unwrap_err(),
        ["give-only-one-of-score-deductions-ratings"]
    );
    // A value is Ratings only when read from `ratings`.
    let r = read(&c, "[measures]\nM1 = 1\n[acceptance]\n\"1.1\" = { ratings = [8], note = \"one rater\" }\n\"1.2\" = 1\n").unwrap();
    let entry = r
        .level(crate::read::record::Level::Acceptance)
        .unwrap()
        .get(0)
        .unwrap();
    assert!(matches!(entry.value, Value::Ratings(_)));
    assert_eq!(entry.note(), Some("one rater"));
}

fn measured(c: &Checklist, m1: &str) -> (Points, Status) {
    let body = format!("[measures]\nM1 = {m1}\n[acceptance]\n\"1.1\" = 10\n\"1.2\" = 10\n");
    let r = read(c, &body).unwrap();
    let s = score(c, &r, LevelChoice::Effective);
    (s.items[0].points[2].score, s.status)
}

#[test]
fn a_measure_scores_the_first_band_it_reaches() {
    let c = checklist(CHECKLIST);
    // 18/24 is exactly 75 %: the band holds; 17/24 = 70.83 % reaches only 50 %.
    assert_eq!(measured(&c, "{ of = 24, count = 18 }").0, pts("4"));
    assert_eq!(measured(&c, "{ of = 24, count = 17 }").0, pts("2"));
    assert_eq!(measured(&c, "{ of = 2, count = 1 }").0, pts("2"));
    // 3/7 = 42.86 %: below every band, 0; the record is still complete.
    assert_eq!(
        measured(&c, "{ of = 7, count = 3 }"),
        (Points::ZERO, Status::Pass)
    );
    assert_eq!(measured(&c, "{ of = 7, count = 0 }").0, Points::ZERO);
    assert_eq!(measured(&c, "{ of = 7, count = 7 }").0, pts("4"));
    // A rate as text or as a fraction.
    assert_eq!(measured(&c, "\"75%\"").0, pts("4"));
    assert_eq!(measured(&c, "\"74.99%\"").0, pts("2"));
    assert_eq!(measured(&c, "0.5").0, pts("2"));
    assert_eq!(measured(&c, "0.4999").0, Points::ZERO);
}

#[test]
fn a_missing_measure_makes_the_record_incomplete_and_needs_no_survey() {
    let c = checklist(CHECKLIST);
    // M2 is missing too, but no point derives from it.
    let r = read(&c, "[acceptance]\n\"1.1\" = 10\n\"1.2\" = 10\n").unwrap();
    assert_eq!(r.incomplete.len(), 1);
    assert_eq!(r.incomplete[0].code, Some("record-has-no-measure"));
    let s = score(&c, &r, LevelChoice::Effective);
    assert_eq!(s.status, Status::Incomplete);
    assert_eq!(s.reasons, [Reason::MeasureMissing { id: "M1".into() }]);
    assert_eq!(s.reasons[0].code(), "measure-missing");
    assert_eq!(s.reasons[0].en(), "measure M1 is missing");
    assert!(matches!(
        s.items[0].points[2].how,
        How::MeasureMissing("M1")
    ));
    assert!(!c.requires_survey());
}

#[test]
fn a_survey_derived_point_still_needs_the_survey_beside_measures() {
    let text = CHECKLIST.to_string()
        + "\n[[items.points]]\nid = \"1.4\"\ntitle = \"Satisfaction\"\nmax = 2\nderive = \"satisfaction\"\nbands = [ { min = \"90%\", points = 2 } ]\n";
    let c = checklist(&text);
    assert!(c.requires_survey());
    let r = read(
        &c,
        "[measures]\nM1 = 1\n[acceptance]\n\"1.1\" = 10\n\"1.2\" = 10\n",
    )
    .unwrap();
    let s = score(&c, &r, LevelChoice::Effective);
    assert_eq!(s.reasons, [Reason::SurveyMissing]);
}

#[test]
fn measures_are_read_with_their_problems() {
    let c = checklist(CHECKLIST);
    let bad = |m: &str| read(&c, &format!("[measures]\n{m}\n")).unwrap_err();
    assert_eq!(
        bad("M1 = { of = 24, count = 25 }"),
        ["measure-count-exceeds-of"]
    );
    assert_eq!(
        bad("M1 = { of = 0, count = 0 }"),
        ["measure-of-must-be-at-least-1"]
    );
    assert_eq!(
        bad("M1 = { of = 3, count = -1 }"),
        ["measure-count-must-not-be-negative"]
    );
    assert_eq!(bad("M1 = { of = 3 }"), ["lacks-the-required-key"]);
    assert_eq!(
        bad("M1 = { of = 3, count = 1, total = 3 }"),
        ["unknown-key-in"]
    );
    assert_eq!(bad("M1 = \"150%\""), ["rate-out-of-range"]);
    assert_eq!(bad("M3 = 0.5"), ["unknown-key-in-did-you-mean"]);
    assert_eq!(
        read(&c, "[acceptance]\n\"1.3\" = 4\n").unwrap_err(),
        ["derived-from-measure-in-record"]
    );
}

#[test]
fn derive_names_the_survey_or_a_measure() {
    let bad = |text: &str| match Checklist::parse(SourceFile::new("checklist.toml", text)) {
        Ok(_) => Vec::new(),
        Err(ds) => ds.iter().map(|d| d.code.unwrap_or("?")).collect(),
    };
    let typo = CHECKLIST.replace("derive = \"M1\"", "derive = \"M11\"");
    assert_eq!(
        bad(&typo),
        [
            "derive-of-names-no-measure-did-you-mean",
            "has-bands-but-no-derive-satisfaction"
        ]
    );
    let other = CHECKLIST.replace("derive = \"M1\"", "derive = \"members\"");
    assert_eq!(bad(&other)[0], "derive-of-names-no-measure");
    // Without measures, the message of v1.
    let none = CHECKLIST
        .replace("[[measures]]\nid = \"M2\"\ntitle = \"Young members\"\n", "")
        .replace("[[measures]]\nid = \"M1\"\ntitle = \"Volunteers\"\n", "");
    assert_eq!(bad(&none)[0], "derive-of-must-be-satisfaction-not");
    let optional = CHECKLIST.replace("derive = \"M1\"", "derive = \"M1\"\noptional = true");
    assert_eq!(bad(&optional), ["is-derived-from-measure-it"]);
    // Measure ids are unique with the others.
    let dup = CHECKLIST.replace("id = \"M2\"", "id = \"1.1\"");
    assert_eq!(bad(&dup), ["duplicate-id-already-used-by"]);
}
