//! Every output carries the figures of SPEC §11: the score table in each format (table, CSV,
//! Markdown, xlsx, the HTML page) gains a version, penalties and measure columns where the
//! checklists have them and only there; the HTML report's heat map names its checklist
//! version. (`explain --format json`'s item rules: explain_json.rs.)

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::harness::{Fixture, record};
use crate::json::Scores;

/// Two versions: 2019 (..2020) scores a point from measure M1; the root's 2021 (2021..) has
/// a counted penalty. Neither has what the other has, so each column comes from one of them.
const V2019: &str = r#"title = "Table 2019"
version = "2019"
periods = { until = "2020" }

[pass]
min_total = 6

[[measures]]
id = "M1"
title = "Share of activists"

[[items]]
id = "A"
title = "Work"

[[items.points]]
id = "a"
title = "Plans"
max = 6

[[items.points]]
id = "m"
title = "Activists"
max = 4
derive = "M1"
bands = [ { min = "40%", points = 4 }, { min = "30%", points = 2 } ]
"#;

const V2021: &str = r#"title = "Table 2021"
version = "2021"
periods = { from = "2021" }

[pass]
min_total = 4

[[items]]
id = "B"
title = "Service"

[[items.points]]
id = "b"
title = "Volunteering"
max = 5

[[penalties]]
id = "P1"
title = "Criticised in a circular"
per = 2
max = 4
"#;

/// x/2020: a 5 + M1 32.5 % (2) = 7, pass. y/2020: a 1 + M1 45 % (4) = 5, fail.
/// x/2021: b 5 − P1 1 × 2 = 3, fail. y/2021: b 4.5, pass.
fn versions() -> Fixture {
    Fixture::empty()
        .file("checklist.toml", V2021)
        .file("checklists/2019.toml", V2019)
        .file(
            "o/x/2020.toml",
            record(
                "O",
                "x",
                "2020",
                "[measures]\nM1 = { of = 40, count = 13 }\n\n[acceptance]\na = 5\n",
            ),
        )
        .file(
            "o/y/2020.toml",
            record(
                "O",
                "y",
                "2020",
                "[measures]\nM1 = \"45%\"\n\n[acceptance]\na = 1\n",
            ),
        )
        .file(
            "o/x/2021.toml",
            record(
                "O",
                "x",
                "2021",
                "[penalties]\nP1 = 1\n\n[acceptance]\nb = 5\n",
            ),
        )
        .file(
            "o/y/2021.toml",
            record("O", "y", "2021", "[acceptance]\nb = 4.5\n"),
        )
}

const HEADER: &str = "org,branch,period,version,level,base,bonus,penalties,total,satisfaction,M1,band,status,reasons\n";

#[test]
fn the_score_table_has_a_version_penalties_and_each_measure() {
    // A record whose checklist has no penalties costs 0.00 (as in JSON); one whose checklist
    // has no M1 leaves the cell empty.
    versions()
        .test(&["score", "--format", "csv", "."])
        .stdout(
            HEADER.to_string()
                + "O,x,2020,2019,acceptance,7.00,0.00,0.00,7.00,,32.50%,,pass,\n\
                   O,x,2021,2021,acceptance,5.00,0.00,2.00,3.00,,,,fail,total 3.00 is below 4\n\
                   O,y,2020,2019,acceptance,5.00,0.00,0.00,5.00,,45.00%,,fail,total 5.00 is below 6\n\
                   O,y,2021,2021,acceptance,4.50,0.00,0.00,4.50,,,,pass,\n",
        )
        .status(0);
}

#[test]
fn markdown_scores_show_penalties_and_measures_like_the_table() {
    versions()
        .test(&["score", "--format", "markdown", "."])
        .stdout(
            "| org | branch | period | version | level | base | bonus | penalties | total | satisfaction | M1 | band | status | reasons |\n\
             | --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n\
             | O | x | 2020 | 2019 | acceptance | 7.00 | 0.00 | 0.00 | 7.00 |  | 32.50% |  | pass |  |\n\
             | O | x | 2021 | 2021 | acceptance | 5.00 | 0.00 | 2.00 | 3.00 |  |  |  | fail | total 3.00 is below 4 |\n\
             | O | y | 2020 | 2019 | acceptance | 5.00 | 0.00 | 0.00 | 5.00 |  | 45.00% |  | fail | total 5.00 is below 6 |\n\
             | O | y | 2021 | 2021 | acceptance | 4.50 | 0.00 | 0.00 | 4.50 |  |  |  | pass |  |\n\
             \n\
             4 records: 2 pass, 2 fail, 0 incomplete\n",
        )
        .status(0);
}

#[test]
fn the_score_workbook_holds_the_new_figures_as_numbers() {
    let fx = versions();
    fx.test(&["score", "--format", "xlsx", "-o", "s.xlsx", "."])
        .status(0);
    let mut book: Xlsx<_> = open_workbook(fx.join("s.xlsx")).unwrap();
    let range = book.worksheet_range("Scores").unwrap();
    let header: Vec<String> = range
        .rows()
        .nth(2)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header.join(",") + "\n", HEADER);
    let row = |branch: &str, period: &str| {
        range
            .rows()
            .find(|r| r[1] == Data::String(branch.into()) && r[2] == Data::String(period.into()))
            .unwrap()
            .to_vec()
    };
    let x2021 = row("x", "2021");
    assert_eq!(x2021[3], Data::String("2021".into()));
    assert_eq!(x2021[7], Data::Float(2.0), "penalties");
    assert_eq!(x2021[8], Data::Float(3.0), "total");
    assert_eq!(x2021[10], Data::Empty, "no M1 in 2021");
    // A rate is a number formatted as a percentage, as satisfaction is.
    let x2020 = row("x", "2020");
    assert_eq!(x2020[7], Data::Float(0.0));
    assert_eq!(x2020[10], Data::Float(0.325));
}

#[test]
fn the_score_page_has_the_same_columns() {
    let fx = versions();
    fx.test(&["score", "--format", "html", "-o", "s.html", "."])
        .status(0);
    let page = fx.read("s.html");
    assert!(
        page.contains(
            "<th>period</th><th>version</th><th>level</th><th class=\"num\">base</th>\
             <th class=\"num\">bonus</th><th class=\"num\">penalties</th><th class=\"num\">total</th>\
             <th class=\"num\">satisfaction</th><th class=\"num\">M1</th><th>band</th>"
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "<td>2021</td><td>acceptance</td><td class=\"num\">5.00</td><td class=\"num\">0.00</td>\
             <td class=\"num\">2.00</td><td class=\"num\">3.00</td>"
        ),
        "{page}"
    );
}

#[test]
fn score_items_over_versions_is_one_table_per_version_without_a_version_column() {
    let fx = versions();
    fx.test(&["score", "--items", "--format", "html", "-o", "s.html", "."])
        .status(0);
    let page = fx.read("s.html");
    let titles: Vec<&str> = page
        .split("<h2>")
        .skip(1)
        .map(|s| &s[..s.find("</h2>").unwrap()])
        .collect();
    assert_eq!(
        titles,
        ["Table 2019 (version 2019)", "Table 2021 (version 2021)"]
    );
    assert!(!page.contains("<th>version</th>"), "{page}");
    // Each version's table has the columns its checklist calls for: M1 for 2019, penalties
    // for 2021.
    let (first, second) = page.split_at(page.find("<h2>Table 2021").unwrap());
    assert!(first.contains(">M1</th>") && !first.contains(">penalties</th>"));
    assert!(second.contains(">penalties</th>") && !second.contains(">M1</th>"));
    assert!(second.contains(">B</th>") && first.contains(">A</th>"));

    fx.test(&["score", "--items", "--format", "xlsx", "-o", "s.xlsx", "."])
        .status(0);
    let book: Xlsx<_> = open_workbook(fx.join("s.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Scores 2019", "Scores 2021"]);
}

#[test]
fn json_measures_are_read_against_the_record_s_own_checklist() {
    let json: Scores = versions().test(&["score", "--format", "json", "."]).json(0);
    let measures: Vec<(&str, Option<f64>)> = json
        .records
        .iter()
        .map(|r| {
            let m1 = r.measures.as_ref().map(|m| {
                assert_eq!(m.len(), 1);
                m[0].rate.unwrap()
            });
            (r.period.as_str(), m1)
        })
        .collect();
    // The root's checklist (2021) has no measures: the 2019 records still carry theirs.
    assert_eq!(
        measures,
        [
            ("2020", Some(0.325)),
            ("2021", None),
            ("2020", Some(0.45)),
            ("2021", None)
        ]
    );
}

#[test]
fn the_heat_map_names_the_version_of_its_items() {
    let fx = versions();
    fx.test(&["report", "--format", "html", "-o", "r.html", "."])
        .status(0);
    let page = fx.read("r.html");
    assert!(
        page.contains(
            "<section id=\"heat\"><h2>Item scores per subsidiary, 2021 (version 2021)</h2>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<th class=\"num\" title=\"Service\">B</th>"),
        "{page}"
    );
}

#[test]
fn a_v1_checklist_has_none_of_the_new_columns() {
    let fx = Fixture::mini().file(
        "a/a1/2022.toml",
        record(
            "A",
            "a1",
            "2022",
            "[satisfaction]\nsurveyed = 10\nsatisfied = 10\n\n[acceptance]\n\"1.1\" = 10\n",
        ),
    );
    fx.test(&["score", "--format", "xlsx", "-o", "s.xlsx", "."])
        .status(0);
    let mut book: Xlsx<_> = open_workbook(fx.join("s.xlsx")).unwrap();
    let range = book.worksheet_range("Scores").unwrap();
    let header: Vec<String> = range
        .rows()
        .nth(2)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header,
        [
            "org",
            "branch",
            "period",
            "level",
            "base",
            "bonus",
            "total",
            "satisfaction",
            "band",
            "status",
            "reasons"
        ]
    );
    fx.test(&["score", "--format", "html", "-o", "s.html", "."])
        .status(0);
    let page = fx.read("s.html");
    assert!(
        page.contains(
            "<thead><tr><th>org</th><th>branch</th><th>period</th><th>level</th>\
             <th class=\"num\">base</th><th class=\"num\">bonus</th><th class=\"num\">total</th>\
             <th class=\"num\">satisfaction</th><th>band</th><th>status</th><th>reasons</th></tr></thead>"
        ),
        "{page}"
    );
    // explain's JSON keeps its v1 keys: no item rules, no caps, no scale.
    let explain = fx
        .test(&["explain", "--format", "json", "a/a1/2022.toml"])
        .stdout_inspected()
        .status(0);
    let value: serde_json::Value = explain.json();
    for item in value["items"].as_array().unwrap() {
        let keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["id", "score", "max", "applicable"]);
    }
    assert!(value.get("scale").is_none());
    assert!(
        value["points"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p.get("max_deduction").is_none() && p.get("capped").is_none())
    );
}

#[test]
fn the_new_columns_are_named_in_chinese() {
    let run = versions()
        .test(&["--lang", "zh", "score", "--format", "csv", "."])
        .stdout_inspected()
        .status(0);
    assert_eq!(
        run.stdout.lines().next(),
        Some("单位,支部,年度,版本,层级,基础分,加分,扣分,总分,满意度,M1,等级,结论,原因")
    );
}
