//! Property tests of the scoring invariants, through the library API.

use std::fmt::Write as _;

use audit::checklist::Checklist;
use audit::diagnostic::SourceFile;
use audit::points::Points;
use audit::record::Record;
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
        for item in &s.items {
            prop_assert!(item.score >= Points::ZERO && item.score <= item.max);
            for p in &item.points {
                prop_assert!(p.score >= Points::ZERO && p.score <= p.max(), "{} scored {:?} of {:?}", p.id(), p.score, p.max());
                if let How::Deductions(list) = &p.how {
                    let lost: Points = list.iter().map(|d| d.points.times(d.times)).sum();
                    let expected = if lost >= p.max() { Points::ZERO } else { p.max() - lost };
                    prop_assert_eq!(p.score, expected);
                }
            }
        }
        prop_assert!(s.base >= Points::ZERO && s.base <= checklist.total());
    }

    #[test]
    fn without_na_the_total_is_the_sum_of_the_items((shape, vals) in case()) {
        let vals: Vec<Val> = vals.into_iter().map(|v| match v { Val::Na => Val::Points(0), v => v }).collect();
        let (checklist, record) = parse(&shape, &vals);
        let s = score(&checklist, &record, LevelChoice::Effective);
        let sum: Points = s.items.iter().map(|i| i.score).sum();
        prop_assert_eq!(s.base, sum);
        prop_assert_eq!(s.total, sum);
        prop_assert_eq!(s.applicable, checklist.total());
    }

    #[test]
    fn na_normalisation_scales_to_the_full_total((shape, vals) in case()) {
        let (checklist, record) = parse(&shape, &vals);
        let s = score(&checklist, &record, LevelChoice::Effective);
        // base / total = raw / applicable, to within the one rounding of half a hundredth:
        // |base × applicable − raw × total| ≤ applicable / 2 (in hundredths).
        if s.applicable > Points::ZERO {
            let lhs = s.base.hundredths() as i128 * s.applicable.hundredths() as i128;
            let rhs = s.raw_base.hundredths() as i128 * checklist.total().hundredths() as i128;
            prop_assert!(2 * (lhs - rhs).abs() <= s.applicable.hundredths() as i128);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Records written in any order, under any file names, score to the same rows.
    #[test]
    fn results_do_not_depend_on_file_order(
        (shape, vals) in case(),
        order in Just((0..6usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
        for (d, dir) in dirs.iter().enumerate() {
            std::fs::write(dir.path().join("checklist.toml"), checklist_toml(&shape)).unwrap();
            for (n, shuffled) in order.iter().enumerate() {
                // the second folder gets the records in the shuffled order, with names
                // that sort differently from the (org, branch, period) order
                let (k, name) = if d == 0 { (n, format!("{n}.toml")) } else { (*shuffled, format!("z{}.toml", 9 - n)) };
                let body = record_toml(&format!("org{k}"), &shape, &vals);
                std::fs::write(dir.path().join(name), body).unwrap();
            }
        }
        let rows = |dir: &tempfile::TempDir| -> Vec<(String, Points, Points)> {
            let loaded = audit::load::load(&[dir.path().to_path_buf()], None).unwrap();
            loaded.records.iter().map(|r| {
                let s = score(&loaded.checklist, r, LevelChoice::Effective);
                (r.org.clone(), s.base, s.total)
            }).collect()
        };
        prop_assert_eq!(rows(&dirs[0]), rows(&dirs[1]));
    }
}
