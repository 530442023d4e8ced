//! Property tests of the scoring invariants, through the library API.

use std::fmt::Write as _;

use audit::diagnostic::SourceFile;
use audit::points::Points;
use audit::read::checklist::Checklist;
use audit::read::record::Record;
use audit::score::{How, LevelChoice, score};
use proptest::prelude::*;

/// A generated checklist: items of points, each (max in hundredths, optional).
#[derive(Clone, Debug)]
struct Shape {
    items: Vec<Vec<(i64, bool)>>,
}

/// A generated value for one point.
#[derive(Clone, Debug)]
enum Val {
    Points(i64),
    Deductions(Vec<(i64, i64)>),
    Na,
}

fn shape() -> impl Strategy<Value = Shape> {
    prop::collection::vec(
        prop::collection::vec((1i64..=1500, any::<bool>()), 1..4),
        1..5,
    )
    .prop_map(|items| Shape { items })
}

fn hundredths(h: i64) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

fn checklist_toml(shape: &Shape) -> String {
    let mut s = String::from("title = \"Generated\"\n");
    for (i, item) in shape.items.iter().enumerate() {
        write!(s, "[[items]]\nid = \"{i}\"\ntitle = \"Item {i}\"\n").unwrap();
        for (p, (max, optional)) in item.iter().enumerate() {
            write!(
                s,
                "[[items.points]]\nid = \"{i}.{p}\"\ntitle = \"P\"\nmax = {}\noptional = {optional}\n",
                hundredths(*max)
            )
            .unwrap();
        }
    }
    s
}

fn values(shape: &Shape) -> impl Strategy<Value = Vec<Val>> + use<> {
    let strategies: Vec<BoxedStrategy<Val>> = shape
        .items
        .iter()
        .flatten()
        .map(|&(max, optional)| {
            let direct = (0..=max).prop_map(Val::Points).boxed();
            let deductions = prop::collection::vec((1i64..=400, 1i64..=4), 1..4)
                .prop_map(Val::Deductions)
                .boxed();
            if optional {
                prop_oneof![direct, deductions, Just(Val::Na)].boxed()
            } else {
                prop_oneof![direct, deductions].boxed()
            }
        })
        .collect();
    strategies
}

fn record_toml(org: &str, shape: &Shape, vals: &[Val]) -> String {
    let mut s = format!("org = \"{org}\"\nbranch = \"b\"\nperiod = \"2022\"\n[acceptance]\n");
    let ids = shape
        .items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| (0..item.len()).map(move |p| format!("{i}.{p}")));
    for (id, v) in ids.zip(vals) {
        match v {
            Val::Points(h) => writeln!(s, "\"{id}\" = {}", hundredths(*h)).unwrap(),
            Val::Na => writeln!(s, "\"{id}\" = \"na\"").unwrap(),
            Val::Deductions(list) => {
                let parts: Vec<String> = list
                    .iter()
                    .map(|(p, t)| {
                        format!(
                            "{{ points = {}, times = {t}, reason = \"r\" }}",
                            hundredths(*p)
                        )
                    })
                    .collect();
                writeln!(s, "\"{id}\" = {{ deductions = [ {} ] }}", parts.join(", ")).unwrap();
            }
        }
    }
    s
}

fn parse(shape: &Shape, vals: &[Val]) -> (Checklist, Record) {
    let checklist = Checklist::parse(SourceFile::new("checklist.toml", checklist_toml(shape)))
        .expect("generated checklist is valid");
    let (record, diags) = Record::parse(
        SourceFile::new("r.toml", record_toml("o", shape, vals)),
        &checklist,
        None,
    );
    assert!(diags.is_empty(), "{diags:?}");
    (checklist, record.expect("generated record is valid"))
}

/// The oracle: what a point scores, in hundredths, by plain integer arithmetic straight from
/// the generated value (SPEC §4), not through the scorer's types. `None` for "na".
fn expected_hundredths(max: i64, val: &Val) -> Option<i64> {
    match val {
        Val::Points(h) => Some(*h),
        Val::Deductions(list) => Some((max - list.iter().map(|(p, t)| p * t).sum::<i64>()).max(0)),
        Val::Na => None,
    }
}

/// Each point's max (hundredths) beside its generated value, in checklist order.
fn maxes_and_values<'v>(shape: &Shape, vals: &'v [Val]) -> Vec<(i64, &'v Val)> {
    shape
        .items
        .iter()
        .flatten()
        .map(|(max, _)| *max)
        .zip(vals)
        .collect()
}

fn case() -> impl Strategy<Value = (Shape, Vec<Val>)> {
    shape().prop_flat_map(|s| {
        let v = values(&s);
        (Just(s), v)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_point_lies_within_0_and_its_max((shape, vals) in case()) {
        let (checklist, record) = parse(&shape, &vals);
        let s = score(&checklist, &record, LevelChoice::Effective);
        let oracle = maxes_and_values(&shape, &vals);
        let points = s.items.iter().flat_map(|item| &item.points);
        for (p, (max, val)) in points.zip(&oracle) {
            prop_assert!(p.score >= Points::ZERO && p.score <= p.max(), "{} scored {:?} of {:?}", p.id(), p.score, p.max());
            prop_assert_eq!(p.score.hundredths(), expected_hundredths(*max, val).unwrap_or(0), "{}", p.id());
            prop_assert_eq!(matches!(p.how, How::NotApplicable), matches!(val, Val::Na));
        }
        for item in &s.items {
            prop_assert!(item.score >= Points::ZERO && item.score <= item.max);
        }
        prop_assert!(s.base >= Points::ZERO && s.base <= checklist.total());
    }

    #[test]
    fn without_na_the_total_is_the_sum_of_the_items((shape, vals) in case()) {
        let vals: Vec<Val> = vals.into_iter().map(|v| match v { Val::Na => Val::Points(0), v => v }).collect();
        let (checklist, record) = parse(&shape, &vals);
        let s = score(&checklist, &record, LevelChoice::Effective);
        let sum: i64 = maxes_and_values(&shape, &vals)
            .into_iter()
            .map(|(max, v)| expected_hundredths(max, v).unwrap())
            .sum();
        prop_assert_eq!(s.base.hundredths(), sum);
        prop_assert_eq!(s.total.hundredths(), sum);
        prop_assert_eq!(s.applicable, checklist.total());
    }

    #[test]
    fn na_normalisation_scales_to_the_full_total((shape, vals) in case()) {
        let (checklist, record) = parse(&shape, &vals);
        let s = score(&checklist, &record, LevelChoice::Effective);
        // base / total = raw / applicable, to within the one rounding of half a hundredth:
        // |base × applicable − raw × total| ≤ applicable / 2 (in hundredths).
        // raw and applicable come from the oracle, not from the scorer.
        let (mut raw, mut applicable) = (0i128, 0i128);
        for (max, val) in maxes_and_values(&shape, &vals) {
            if let Some(h) = expected_hundredths(max, val) {
                raw += i128::from(h);
                applicable += i128::from(max);
            }
        }
        let total: i128 = shape.items.iter().flatten().map(|(max, _)| i128::from(*max)).sum();
        prop_assert_eq!(i128::from(s.applicable.hundredths()), applicable);
        if applicable > 0 {
            let lhs = i128::from(s.base.hundredths()) * applicable;
            let rhs = raw * total;
            prop_assert!(2 * (lhs - rhs).abs() <= applicable, "base {:?}, raw {raw}, applicable {applicable}", s.base);
        } else {
            prop_assert_eq!(s.base, Points::ZERO);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Records written in any order, under any file names, score to the same rows.
    #[test]
    fn results_do_not_depend_on_file_order(
        (shape, all_vals) in shape().prop_flat_map(|s| {
            let v = prop::collection::vec(values(&s), 6);
            (Just(s), v)
        }),
        order in Just((0..6usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
        for (d, dir) in dirs.iter().enumerate() {
            std::fs::write(dir.path().join("checklist.toml"), checklist_toml(&shape)).unwrap();
            for (n, shuffled) in order.iter().enumerate() {
                // the second folder gets the records in the shuffled order, with names
                // that sort differently from the (org, branch, period) order
                let (k, name) = if d == 0 { (n, format!("{n}.toml")) } else { (*shuffled, format!("z{}.toml", 9 - n)) };
                // each org has its own values, so a record read under another's name shows
                let body = record_toml(&format!("org{k}"), &shape, &all_vals[k]);
                std::fs::write(dir.path().join(name), body).unwrap();
            }
        }
        let rows = |dir: &tempfile::TempDir| -> Vec<(String, Points, Points)> {
            let loaded = audit::read::load::load(&[dir.path().to_path_buf()], None).unwrap();
            loaded.records.iter().map(|r| {
                let s = score(&loaded.checklist, r, LevelChoice::Effective);
                (r.org.clone(), s.base, s.total)
            }).collect()
        };
        prop_assert_eq!(rows(&dirs[0]), rows(&dirs[1]));
    }
}
