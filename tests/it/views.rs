//! The views of `audit report` on a fixture whose figures were computed by hand, and the
//! same figures in every format (xlsx read back with calamine).

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::harness::{Fixture, record};
use crate::json::{Benchmark, Explained, Item, ItemsView, LevelOrg, Levels, Scores, Stats, Trend};

const FULL: &str =
    "\"1.1\" = \"good\"\n\"1.2\" = 5\n\"2.1\" = 10\n\"2.2\" = 10\n\"3.2\" = 5\n\"3.3\" = 5\n";

fn survey(satisfied: u32) -> String {
    format!("[satisfaction]\nsurveyed = 50\nsatisfied = {satisfied}\n\n")
}

/// 2022, mini checklist (50 points, pass ≥ 45 and ≥ 90 %, target 50 %):
/// - A/a1: self 50; acceptance 1.1 fair (7.5), 2.2 −1.5×2 (7) → 44.5, fail; gap 5.5
/// - A/a2: 2.2 = 9 at every level, 90 % → derived 4 → 48 at all three levels, pass, gap 0
/// - A/a3: full, 98 % (5), bonus 1 → 51, pass
/// - B/b1: full, 100 %, bonus 1 → 51, pass
/// - B/b2: full, 100 %, 3.3 "na" → 45 of 45 → 50, bonus 1 → 51, pass
pub fn office() -> Fixture {
    let a1 = survey(48)
        + "[self]\n"
        + FULL
        + "\n[acceptance]\n"
        + &FULL
            .replace("\"1.1\" = \"good\"", "\"1.1\" = \"fair\"")
            .replace(
                "\"2.2\" = 10",
                "\"2.2\" = { deductions = [ { points = 1.5, times = 2, reason = \"两次党课未开展\" } ] }",
            );
    let a2_level = FULL.replace("\"2.2\" = 10", "\"2.2\" = 9");
    let a2_deducted = FULL.replace(
        "\"2.2\" = 10",
        "\"2.2\" = { deductions = [ { points = 0.5, times = 2, reason = \"无记录\" } ] }",
    );
    let a2 = survey(45)
        + "[self]\n"
        + &a2_level
        + "\n[review]\n"
        + &a2_deducted
        + "\n[acceptance]\n"
        + &a2_deducted;
    let bonus = "\n[bonus]\nB1 = 1\n";
    Fixture::mini()
        .file("a/a1/2022.toml", record("A", "a1", "2022", &a1))
        .file("a/a2/2022.toml", record("A", "a2", "2022", &a2))
        .file(
            "a/a3/2022.toml",
            record(
                "A",
                "a3",
                "2022",
                &(survey(49) + "[acceptance]\n" + FULL + bonus),
            ),
        )
        .file(
            "b/b1/2022.toml",
            record(
                "B",
                "b1",
                "2022",
                &(survey(50) + "[acceptance]\n" + FULL + bonus),
            ),
        )
        .file(
            "b/b2/2022.toml",
            record(
                "B",
                "b2",
                "2022",
                &(survey(50)
                    + "[acceptance]\n"
                    + &FULL.replace("\"3.3\" = 5", "\"3.3\" = \"na\"")
                    + bonus),
            ),
        )
}

#[test]
fn benchmark_ranks_by_total_then_satisfaction_then_name() {
    let run = office()
        .test(&[
            "report",
            "--view",
            "benchmark",
            "--top",
            "3",
            "--format",
            "json",
        ])
        .stdout_inspected()
        .status(0);
    let json: Benchmark = run.json();
    let c = &json.candidates;
    let got: Vec<(usize, &str, f64, Option<f64>)> = c
        .iter()
        .map(|c| (c.rank, c.branch.as_str(), c.total, c.satisfaction))
        .collect();
    // b1 and b2 are equal in total and satisfaction: they share rank 1 (listed by name),
    // and a3 is third.
    assert_eq!(
        got,
        vec![
            (1, "b1", 51.0, Some(1.0)),
            (1, "b2", 51.0, Some(1.0)),
            (3, "a3", 51.0, Some(0.98))
        ]
    );
    assert_eq!(c[0].band.as_deref(), Some("excellent"));

    // --top 1 keeps both of the tied first, never one of them by the alphabet.
    let json = office()
        .test(&[
            "report",
            "--view",
            "benchmark",
            "--top",
            "1",
            "--format",
            "json",
        ])
        .stdout_inspected()
        .status(0)
        .json::<Benchmark>();
    let branches: Vec<&str> = json.candidates.iter().map(|c| c.branch.as_str()).collect();
    assert_eq!(branches, ["b1", "b2"]);
}

#[test]
fn levels_show_totals_gaps_per_org_and_per_point() {
    let run = office()
        .test(&["report", "--view", "levels", "--format", "json"])
        .stdout_inspected()
        .status(0);
    let json: Levels = run.json();
    let r = &json.records;
    assert_eq!(r.len(), 2);
    assert_eq!(
        (
            r[0].branch.as_str(),
            r[0].self_total,
            r[0].review,
            r[0].acceptance,
            r[0].gap
        ),
        ("a1", Some(50.0), None, Some(44.5), 5.5)
    );
    assert_eq!(
        (r[1].self_total, r[1].review, r[1].acceptance, r[1].gap),
        (Some(48.0), Some(48.0), Some(48.0), 0.0)
    );
    assert_eq!(
        json.orgs[0],
        LevelOrg {
            org: "A".into(),
            records: 2,
            mean_gap: 2.75,
            inflated: 1
        }
    );
    let got: Vec<(&str, f64, u64)> = json
        .points
        .iter()
        .map(|p| (p.id.as_str(), p.mean_gap, p.higher))
        .collect();
    assert_eq!(got, vec![("2.2", 1.5, 1), ("1.1", 1.25, 1)]);
}

/// (records, mean, share, lost_share) of an item or point of the items view.
fn stats(v: &Stats) -> (u64, f64, Option<f64>, Option<f64>) {
    (v.records, v.mean, v.share, v.lost_share)
}

#[test]
fn items_show_share_of_max_losses_and_reasons() {
    let run = office()
        .test(&["report", "--view", "items", "--format", "json"])
        .stdout_inspected()
        .status(0);
    let json: ItemsView = run.json();
    let item1 = &json.items[0];
    assert_eq!(
        (item1.id.as_str(), item1.title.as_str(), item1.max),
        ("1", "Setup", 15.0)
    );
    // 12.5 + 15 × 4 = 72.5 of 75
    assert_eq!(stats(&item1.stats), (5, 14.5, Some(0.9667), Some(0.2)));
    let p22 = &json.items[1].points[1];
    assert_eq!(
        (p22.id.as_str(), p22.title.as_str(), p22.max),
        ("2.2", "Lectures", 10.0)
    );
    // 7 + 9 + 10 + 10 + 10 = 46 of 50; 2 of 5 lost points
    assert_eq!(stats(&p22.stats), (5, 9.2, Some(0.92), Some(0.4)));
    assert_eq!(p22.reasons[0].reason, "两次党课未开展");
    assert_eq!(p22.reasons[1].reason, "无记录");
    assert_eq!(p22.reasons[1].records, 1);
    // 3.3 is "na" for b2: four records count
    assert_eq!(json.items[2].points[2].stats.records, 4);
}

#[test]
fn trend_puts_periods_in_columns() {
    let fx = office().file(
        "a/a1/2023.toml",
        record("A", "a1", "2023", &(survey(50) + "[acceptance]\n" + FULL)),
    );
    let run = fx
        .test(&["report", "--view", "trend", "--format", "json"])
        .stdout_inspected()
        .status(0);
    let json: Trend = run.json();
    assert_eq!(json.periods, ["2022", "2023"]);
    assert_eq!(json.targets, [Some(0.5), Some(0.95)]);
    let rows = &json.rows;
    assert_eq!(rows[0].org.as_deref(), Some("A"));
    assert_eq!(rows[0].rates, [Some(0.6667), Some(1.0)]);
    assert_eq!(rows[1].org.as_deref(), Some("B"));
    assert_eq!(rows[1].rates, [Some(1.0), None]);
    assert_eq!(rows[2].org, None);
    assert_eq!(rows[2].rates, [Some(0.8), Some(1.0)]);
    assert_eq!(rows[2].met, [Some(true), Some(true)]);
    let table = fx
        .test(&["report", "--view", "trend"])
        .stdout_inspected()
        .status(0);
    insta::assert_snapshot!(table.stdout);
}

/// The benchmark figures of one computation, read back from every format.
#[test]
fn every_format_shows_the_same_figures() {
    let fx = office();
    let args = |format: &'static str| {
        [
            "report",
            "--view",
            "benchmark",
            "--top",
            "3",
            "--format",
            format,
        ]
    };
    let json = fx
        .test(&args("json"))
        .stdout_inspected()
        .status(0)
        .json::<Benchmark>();
    let expected: Vec<(String, String, String)> = json
        .candidates
        .iter()
        .map(|c| {
            (
                c.branch.clone(),
                format!("{:.2}", c.total),
                format!("{:.2}%", c.satisfaction.unwrap() * 100.0),
            )
        })
        .collect();
    assert_eq!(
        expected[2],
        ("a3".to_string(), "51.00".to_string(), "98.00%".to_string())
    );

    let csv_out = fx
        .test(&args("csv"))
        .stdout(
            r#"period,rank,org,branch,total,satisfaction,band
2022,1,B,b1,51.00,100.00%,excellent
2022,1,B,b2,51.00,100.00%,excellent
2022,3,A,a3,51.00,98.00%,excellent
"#,
        )
        .status(0)
        .stdout;
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    let from_csv: Vec<(String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[3].to_string(), r[4].to_string(), r[5].to_string())
        })
        .collect();
    assert_eq!(from_csv, expected);

    let md = fx
        .test(&args("markdown"))
        .stdout(
            r#"### Benchmark candidates: passing branches by total, then satisfaction

| period | rank | org | branch | total | satisfaction | band |
| --- | ---: | --- | --- | ---: | ---: | --- |
| 2022 | 1 | B | b1 | 51.00 | 100.00% | excellent |
| 2022 | 1 | B | b2 | 51.00 | 100.00% | excellent |
| 2022 | 3 | A | a3 | 51.00 | 98.00% | excellent |
"#,
        )
        .status(0)
        .stdout;
    let table = fx
        .test(&args("table"))
        .stdout(
            r#"Benchmark candidates: passing branches by total, then satisfaction
┌────────┬──────┬─────┬────────┬───────┬──────────────┬───────────┐
│ period ┆ rank ┆ org ┆ branch ┆ total ┆ satisfaction ┆ band      │
╞════════╪══════╪═════╪════════╪═══════╪══════════════╪═══════════╡
│ 2022   ┆    1 ┆ B   ┆ b1     ┆ 51.00 ┆      100.00% ┆ excellent │
│ 2022   ┆    1 ┆ B   ┆ b2     ┆ 51.00 ┆      100.00% ┆ excellent │
│ 2022   ┆    3 ┆ A   ┆ a3     ┆ 51.00 ┆       98.00% ┆ excellent │
└────────┴──────┴─────┴────────┴───────┴──────────────┴───────────┘
"#,
        )
        .status(0)
        .stdout;
    for (branch, total, sat) in &expected {
        let md_line = md
            .lines()
            .find(|l| l.contains(&format!("| {branch} |")))
            .unwrap();
        assert!(
            md_line.contains(&format!("| {total} | {sat} |")),
            "{md_line}"
        );
        let t_line = table
            .lines()
            .find(|l| l.contains(&format!(" {branch} ")))
            .unwrap();
        assert!(t_line.contains(total) && t_line.contains(sat), "{t_line}");
    }

    fx.test(&[
        "report",
        "--view",
        "benchmark",
        "--top",
        "3",
        "--format",
        "xlsx",
        "-o",
        "b.xlsx",
    ])
    .status(0);
    let mut book: Xlsx<_> = open_workbook(fx.join("b.xlsx")).unwrap();
    let range = book.worksheet_range("Benchmark").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows[2][3], Data::String("branch".into()));
    for (i, (branch, total, sat)) in expected.iter().enumerate() {
        let row = rows[3 + i];
        assert_eq!(row[3], Data::String(branch.clone()));
        let Data::Float(t) = row[4] else {
            panic!("total is not a number: {:?}", row[4])
        };
        assert_eq!(format!("{t:.2}"), *total);
        let Data::Float(s) = row[5] else {
            panic!("satisfaction is not a number: {:?}", row[5])
        };
        assert_eq!(format!("{:.2}%", s * 100.0), *sat);
    }
}

#[test]
fn xlsx_holds_every_view_with_numbers_and_a_heading() {
    let fx = office();
    fx.test(&["report", "--format", "xlsx", "-o", "report.xlsx", "."])
        .status(0);
    let mut book: Xlsx<_> = open_workbook(fx.join("report.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec![
            "Compliance",
            "Trend",
            "Levels",
            "Level gaps by org",
            "Level gaps by point",
            "Items",
            "Benchmark",
            "Progress"
        ]
    );
    let compliance = book.worksheet_range("Compliance").unwrap();
    let Data::String(heading) = compliance.get((0, 0)).unwrap() else {
        panic!("no heading")
    };
    assert!(
        heading.starts_with("Mini checklist (version m-1) — generated "),
        "{heading}"
    );
    // 2022 overall: 4 of 5 passed = 80 %, as a number formatted as a percentage.
    let all = compliance
        .rows()
        .find(|r| r[1] == Data::String("(all)".into()))
        .unwrap();
    assert_eq!(all[2], Data::Float(5.0));
    assert_eq!(all[3], Data::Float(4.0));
    assert_eq!(all[7], Data::Float(0.8));
    let levels = book.worksheet_range("Level gaps by org").unwrap();
    assert_eq!(levels.get((3, 2)), Some(&Data::Float(2.75)));
}

#[test]
fn xlsx_needs_an_output_file_and_keeps_existing_ones() {
    let fx = office();
    fx.test(&["report", "--format", "xlsx"])
        .stderr("error: --format xlsx writes a binary workbook: give the file with -o FILE.xlsx\n")
        .status(2);
    fx.test(&["report", "--format", "xlsx", "-o", "r.xlsx"])
        .status(0);
    fx.test(&["report", "--format", "xlsx", "-o", "r.xlsx"])
        .stderr("error: r.xlsx already exists; pass --force to overwrite it\n")
        .status(2);
}

#[test]
fn score_also_exports_to_xlsx() {
    let fx = office();
    fx.test(&["score", "--items", "--format", "xlsx", "-o", "scores.xlsx"])
        .status(0);
    let mut book: Xlsx<_> = open_workbook(fx.join("scores.xlsx")).unwrap();
    let range = book.worksheet_range("Scores").unwrap();
    let a1 = range
        .rows()
        .find(|r| r[1] == Data::String("a1".into()))
        .unwrap();
    assert_eq!(a1[6], Data::Float(44.5));
    assert_eq!(a1[9], Data::String("fail".into()));
}

/// Org N, 2022: three records with "na" on different points of item 1 (1.1 max 10, 1.2 max 5,
/// optional) and item 3 (3.3 optional):
/// - n1: full marks
/// - n2: 1.1 fair (7.5), 1.2 "na"
/// - n3: 1.1 poor (0), 1.2 = 2, 3.3 "na"
fn with_na() -> Fixture {
    let full = |s: &str| survey(50) + "[acceptance]\n" + s;
    Fixture::mini()
        .file("n/n1/2022.toml", record("N", "n1", "2022", &full(FULL)))
        .file(
            "n/n2/2022.toml",
            record(
                "N",
                "n2",
                "2022",
                &full(
                    &FULL
                        .replace("\"1.1\" = \"good\"", "\"1.1\" = \"fair\"")
                        .replace("\"1.2\" = 5", "\"1.2\" = \"na\""),
                ),
            ),
        )
        .file(
            "n/n3/2022.toml",
            record(
                "N",
                "n3",
                "2022",
                &full(
                    &FULL
                        .replace("\"1.1\" = \"good\"", "\"1.1\" = \"poor\"")
                        .replace("\"1.2\" = 5", "\"1.2\" = 2")
                        .replace("\"3.3\" = 5", "\"3.3\" = \"na\""),
                ),
            ),
        )
}

fn hundredths(v: f64) -> i64 {
    (v * 100.0).round() as i64
}

#[test]
fn an_items_figures_follow_from_its_points_figures_with_na_points() {
    let fx = with_na();
    let run = fx
        .test(&["report", "--view", "items", "--format", "json"])
        .stdout_inspected()
        .status(0);
    let json: ItemsView = run.json();
    let items = &json.items;
    // 1.1 applies in 3 records: (10 + 7.5 + 0) / 3 = 5.83; 1.2 in 2: (5 + 2) / 2 = 3.5.
    let item1 = &items[0];
    assert_eq!(item1.points[0].stats.mean, 5.83);
    assert_eq!(item1.points[1].stats.records, 2);
    assert_eq!(item1.points[1].stats.mean, 3.5);
    // The item: 5.83 + 3.5 = 9.33 of 15 = 62.2 % (it read 8.17 next to a share of 61.25 %).
    assert_eq!(
        (item1.stats.mean, item1.stats.applicable, item1.stats.share),
        (9.33, 15.0, Some(0.622))
    );
    for item in items {
        let points = &item.points;
        let mean: i64 = points.iter().map(|p| hundredths(p.stats.mean)).sum();
        let applicable: i64 = points.iter().map(|p| hundredths(p.stats.applicable)).sum();
        assert_eq!(hundredths(item.stats.mean), mean, "{item:?}");
        assert_eq!(hundredths(item.stats.applicable), applicable, "{item:?}");
        let share = (mean as f64 / applicable as f64 * 10_000.0).round() / 10_000.0;
        assert_eq!(item.stats.share, Some(share), "{item:?}");
        for p in points {
            let share = (p.stats.mean / p.stats.applicable * 10_000.0).round() / 10_000.0;
            assert_eq!(p.stats.share, Some(share), "{p:?}");
        }
    }

    // The same figures in the table, the xlsx sheet and the heat map.
    let table = fx
        .test(&["report", "--view", "items", "--format", "csv"]).stdout(
        r#"id,item / point,max,applicable max,records,average,share of max,lost points,most common deduction reasons
1,Setup,15.00,15.00,3,9.33,62.20%,66.67%,
1.1,  Committee,10.00,10.00,3,5.83,58.30%,66.67%,
1.2,  Groups,5.00,5.00,2,3.50,70.00%,50.00%,
2,Organisational life,20.00,20.00,3,20.00,100.00%,0.00%,
2.1,  Meetings,10.00,10.00,3,10.00,100.00%,0.00%,
2.2,  Lectures,10.00,10.00,3,10.00,100.00%,0.00%,
3,Role,15.00,15.00,3,15.00,100.00%,0.00%,
3.1,  Satisfaction,5.00,5.00,3,5.00,100.00%,0.00%,
3.2,  Vanguard,5.00,5.00,3,5.00,100.00%,0.00%,
3.3,  Volunteering,5.00,5.00,2,5.00,100.00%,0.00%,
"#,
    ).status(0)
        .stdout;
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("1,Setup,15.00,15.00,3,9.33,62.20%,")),
        "{table}"
    );
    let page = fx.path().join("r.html");
    fx.test(&["report", "--format", "html", "-o", page.to_str().unwrap()])
        .status(0);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains(">62.2%</td>"), "{html}");
    let book = fx.path().join("r.xlsx");
    fx.test(&[
        "report",
        "--view",
        "items",
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ])
    .status(0);
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let row = range
        .rows()
        .find(|r| matches!(&r[0], Data::String(s) if s == "1"))
        .unwrap();
    assert_eq!(row[5], Data::Float(9.33), "{row:?}");
    assert_eq!(row[6], Data::Float(0.622), "{row:?}");
}

#[test]
fn for_one_record_the_items_view_explain_and_score_agree() {
    // n2: item 1 scores 7.5 of the 10 that apply (1.2 is "na"); explain said "max 15, score
    // 7.5, lost 2.5" without showing what applied.
    let fx = with_na();
    let n2 = std::fs::read_to_string(fx.path().join("n/n2/2022.toml")).unwrap();
    let alone = Fixture::mini().file("n/n2/2022.toml", n2);
    let view = alone
        .test(&["report", "--view", "items", "--format", "json"])
        .stdout_inspected()
        .status(0)
        .json::<ItemsView>();
    let item1 = &view.items[0].stats;
    assert_eq!(
        (item1.mean, item1.applicable, item1.share),
        (7.5, 10.0, Some(0.75))
    );
    let explain = fx
        .test(&["explain", "--format", "json", "n/n2/2022.toml"])
        .stdout_inspected()
        .status(0)
        .json::<Explained>();
    assert_eq!(
        explain.record.items[0],
        Item {
            id: "1".into(),
            score: 7.5,
            max: 15.0,
            applicable: 10.0,
            ..Item::default()
        }
    );
    let score = fx
        .test(&["score", "--items", "--format", "json"])
        .stdout_inspected()
        .status(0)
        .json::<Scores>();
    assert_eq!(score.records[1].items[0].applicable, 10.0);
    let table = fx
        .test(&["explain", "n/n2/2022.toml"])
        .stdout_inspected()
        .status(0)
        .stdout;
    assert!(
        table.contains("│ 1   ┆ Setup               ┆ 15.00 ┆      10.00 ┆  7.50 ┆ 2.50 ┆"),
        "{table}"
    );
}
