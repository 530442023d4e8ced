//! The levels of a generated record (SPEC §4.2, §11.9, §11.10): which levels it holds, the
//! values of each (a point may be left out), each level's own bonus and penalty tables, the
//! `[combine]` weights, and the record's TOML.

use std::fmt::Write as _;

use audit::diagnostic::SourceFile;
use audit::read::checklist::Checklist;
use audit::read::record::Record;
use proptest::prelude::*;

use super::generate::{Given, Rules, Val, hundredths, table_values, value, weights};

/// Level names in level order.
pub(super) const LEVELS: [&str; 3] = ["self", "review", "acceptance"];

/// One level of a record.
#[derive(Clone, Debug)]
pub(super) struct LevelVals {
    /// Index into [`LEVELS`].
    pub(super) level: usize,
    pub(super) points: Vec<Val>,
    /// A written point left out (the level is then incomplete); never a derived point.
    pub(super) lacks: Option<usize>,
    /// The level's own `[<level>.bonus]`, `[<level>.penalties]` (SPEC §11.10), maybe empty.
    pub(super) bonus: Option<Vec<Option<i64>>>,
    pub(super) penalties: Option<Vec<Option<i64>>>,
}

/// `mantissa / 10^digits` as a TOML string rate: "0.3", "0.333333333333".
pub(super) fn decimal(mantissa: i64, digits: u32) -> String {
    let den = 10i64.pow(digits);
    let frac = format!("{:0width$}", mantissa % den, width = digits as usize);
    format!("\"{}.{frac}\"", mantissa / den)
}

/// `[combine]` weights over two or three levels summing to 100 %: tenths of a percent (30/70,
/// 20/30/50, any other cut) or thirds to twelve digits (a reader takes no "1/3").
pub(super) fn combine() -> impl Strategy<Value = Vec<(usize, i64, u32)>> {
    prop::sample::select(vec![vec![0usize, 2], vec![0, 1], vec![1, 2], vec![0, 1, 2]])
        .prop_flat_map(|levels| {
            let n = levels.len();
            let (fixed, thirds) = if n == 2 {
                (vec![300, 700], vec![333_333_333_333, 666_666_666_667])
            } else {
                (
                    vec![200, 300, 500],
                    vec![333_333_333_333, 333_333_333_333, 333_333_333_334],
                )
            };
            let ws = prop_oneof![
                2 => weights(n).prop_map(|w| (w, 3u32)),
                1 => Just((fixed, 3u32)),
                1 => Just((thirds, 12u32)),
            ];
            (Just(levels), ws)
        })
        .prop_map(|(levels, (ws, digits))| {
            levels
                .into_iter()
                .zip(ws)
                .map(|(l, w)| (l, w, digits))
                .collect()
        })
}

/// One to three levels, each with its values, maybe a point left out, maybe own tables.
pub(super) fn levels(r: &Rules) -> impl Strategy<Value = Vec<LevelVals>> + use<> {
    let points: Vec<_> = r
        .items
        .iter()
        .flat_map(|i| &i.points)
        .map(|p| value(p, r.step))
        .collect();
    let n = points.len();
    let one = (
        points,
        prop::option::weighted(0.1, 0..n),
        prop::option::weighted(0.3, table_values(&r.bonus)),
        prop::option::weighted(0.3, table_values(&r.penalties)),
    );
    (
        prop::collection::vec(one, 3),
        prop::sample::subsequence(vec![0usize, 1, 2], 1..=3),
    )
        .prop_map(|(all, present)| {
            present
                .into_iter()
                .map(|level| {
                    let (points, lacks, bonus, penalties) = all[level].clone();
                    let lacks = lacks.filter(|&i| !matches!(points[i], Val::Derived));
                    LevelVals {
                        level,
                        points,
                        lacks,
                        bonus,
                        penalties,
                    }
                })
                .collect()
        })
}

fn write_table(s: &mut String, header: &str, prefix: &str, r: &Rules, values: &[Option<i64>]) {
    let extras = if prefix == "B" {
        &r.bonus
    } else {
        &r.penalties
    };
    writeln!(s, "[{header}]").unwrap();
    for (n, (e, v)) in extras.iter().zip(values).enumerate() {
        match (e.per, v) {
            (_, None) => {}
            (Some(_), Some(count)) => writeln!(s, "{prefix}{n} = {count}").unwrap(),
            (None, Some(h)) => writeln!(s, "{prefix}{n} = {}", hundredths(*h)).unwrap(),
        }
    }
}

fn value_text(v: &Val) -> Option<String> {
    Some(match v {
        Val::Derived => return None,
        Val::Points(h) => hundredths(*h),
        Val::Na => "\"na\"".to_string(),
        Val::Ratings(list) => {
            let list: Vec<String> = list.iter().map(|h| hundredths(*h)).collect();
            format!("{{ ratings = [{}] }}", list.join(", "))
        }
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
            format!("{{ deductions = [ {} ] }}", parts.join(", "))
        }
    })
}

pub(super) fn record_toml(r: &Rules, g: &Given) -> String {
    let mut s = String::from("org = \"o\"\nbranch = \"b\"\nperiod = \"2022\"\n");
    writeln!(s, "[vetoes]\nV1 = {}", g.vetoed).unwrap();
    if let Some((surveyed, satisfied)) = g.survey {
        writeln!(
            s,
            "[satisfaction]\nsurveyed = {surveyed}\nsatisfied = {satisfied}"
        )
        .unwrap();
    }
    if let Some((of, count)) = g.measure {
        writeln!(s, "[measures]\nM1 = {{ of = {of}, count = {count} }}").unwrap();
    }
    write_table(&mut s, "bonus", "B", r, &g.bonus);
    write_table(&mut s, "penalties", "P", r, &g.penalties);
    let ids: Vec<String> = r
        .items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| (0..item.points.len()).map(move |p| format!("{i}.{p}")))
        .collect();
    for lv in &g.levels {
        let name = LEVELS[lv.level];
        writeln!(s, "[{name}]").unwrap();
        for (n, (id, v)) in ids.iter().zip(&lv.points).enumerate() {
            if lv.lacks == Some(n) {
                continue;
            }
            if let Some(text) = value_text(v) {
                writeln!(s, "\"{id}\" = {text}").unwrap();
            }
        }
        if let Some(b) = &lv.bonus {
            write_table(&mut s, &format!("{name}.bonus"), "B", r, b);
        }
        if let Some(p) = &lv.penalties {
            write_table(&mut s, &format!("{name}.penalties"), "P", r, p);
        }
    }
    s
}

pub(super) fn parse(r: &Rules, g: &Given) -> (Checklist, Record) {
    let text = super::generate::checklist_toml(r);
    let checklist = Checklist::parse(SourceFile::new("checklist.toml", text.clone()))
        .unwrap_or_else(|e| panic!("generated checklist is valid: {e:?}\n{text}"));
    let (record, diags) = Record::parse(
        SourceFile::new("r.toml", record_toml(r, g)),
        &checklist,
        None,
    );
    assert!(diags.is_empty(), "{diags:?}\n{}", record_toml(r, g));
    (checklist, record.expect("generated record is valid"))
}
