//! A self-contained HTML report: inline CSS and SVG, no script, font or image fetched from
//! anywhere, so it works offline and as an e-mail attachment, and prints on A4.
//!
//! The charts are drawn by a small hand-written SVG writer rather than a plotting crate: they
//! are bars, lines, rectangles and text, and writing them directly keeps every label as real
//! text (selectable, searchable, shaped by the reader's own CJK fonts) with no font rendering
//! or raster step. Colours come from the Okabe–Ito palette (safe for colour-blind readers),
//! and every distinction also has a second channel for black-and-white print: bars that miss
//! the target are hatched, lines have their own marker and dash, heat-map cells carry their
//! figure.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::compliance::ComplianceRow;
use crate::points::Rate;
use crate::score::Status;
use crate::views::{Heat, Trend};

use super::{Renderer, ReportViews, Sheet};

pub struct HtmlRenderer {
    /// Checklist title, version and generation time.
    pub heading: String,
}

/// Okabe–Ito colours, distinguishable with every common colour-vision deficiency.
const COLOURS: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
];
/// Dash patterns and markers: the second channel for print.
const DASHES: [&str; 7] = ["", "6 3", "2 2", "8 3 2 3", "4 4", "1 3", "10 4"];
const MARKERS: [&str; 7] = [
    "circle",
    "square",
    "triangle",
    "diamond",
    "circle-open",
    "square-open",
    "triangle-open",
];

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A rate as a fraction of 1 for drawing (display only).
fn frac(r: Rate) -> f64 {
    r.to_f64_4_truncated()
}

const STYLE: &str = r#"
:root { --ink: #1a1a1a; --muted: #5a5a5a; --rule: #d0d0d0; --met: #0072B2; --miss: #D55E00; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.45; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 3px; }
.sub { color: var(--muted); font-size: 13px; margin-bottom: 16px; }
.headline { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid var(--rule); border-left: 6px solid var(--met); padding: 10px 14px; min-width: 210px; }
.card.miss { border-left-color: var(--miss); border-left-style: double; }
.card .period { font-size: 13px; color: var(--muted); }
.card .rate { font-size: 30px; font-weight: 700; }
.card .verdict { font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: inherit; }
.note { color: var(--muted); font-size: 12px; }
section { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; }
  .card { min-width: 160px; }
}
"#;

impl HtmlRenderer {
    fn page(&self, title: &str, body: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n\
             <div class=\"sub\">{}</div>\n{body}</body>\n</html>\n",
            esc(title),
            esc(title),
            esc(&self.heading)
        )
    }
}

fn table(sheet: &Sheet) -> String {
    let mut s = String::from("<table>\n<thead><tr>");
    for c in &sheet.columns {
        let class = if c.numeric { " class=\"num\"" } else { "" };
        write!(s, "<th{class}>{}</th>", esc(&c.name)).unwrap();
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for row in &sheet.rows {
        s.push_str("<tr>");
        for (c, cell) in sheet.columns.iter().zip(row) {
            let class = if c.numeric { " class=\"num\"" } else { "" };
            let text = esc(&cell.display()).replace('\n', "<br>");
            write!(s, "<td{class}>{text}</td>").unwrap();
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    for note in &sheet.notes {
        writeln!(s, "<p class=\"note\">{}</p>", esc(note)).unwrap();
    }
    s
}

/// Headline cards: each period's overall rate against its target.
fn headline(rows: &[ComplianceRow]) -> String {
    let mut s = String::from(
        "<section id=\"headline\"><h2>Compliance against target</h2>\n<div class=\"headline\">\n",
    );
    for r in rows.iter().filter(|r| r.org.is_none()) {
        let (class, verdict) = match (r.met(), r.shortfall(), r.target) {
            (Some(true), _, Some(t)) => ("card", format!("target {} met", t.percent())),
            (Some(false), Some(n), Some(t)) => (
                "card miss",
                format!(
                    "target {} not met: needs {n} more passing branch{}",
                    t.percent(),
                    if n == 1 { "" } else { "es" }
                ),
            ),
            _ => ("card", "no target".to_string()),
        };
        writeln!(
            s,
            "<div class=\"{class}\" data-period=\"{p}\"><div class=\"period\">{p}</div>\
             <div class=\"rate\">{}</div><div class=\"verdict\">{} of {} branches passed; {}</div></div>",
            r.rate.percent(),
            r.passed,
            r.population,
            esc(&verdict),
            p = esc(&r.period),
        )
        .unwrap();
    }
    s.push_str("</div></section>\n");
    s
}

/// Hatching for bars below target (visible without colour).
const DEFS: &str = "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
    patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fbe3d6\"/>\
    <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#D55E00\" stroke-width=\"2.5\"/></pattern></defs>";

/// A bar chart per period: each subsidiary's rate, with the target as a dashed line.
fn bars(rows: &[ComplianceRow]) -> String {
    let mut periods: Vec<&str> = rows.iter().map(|r| r.period.as_str()).collect();
    periods.dedup();
    let mut s = String::from("<section id=\"bars\"><h2>Compliance per subsidiary</h2>\n");
    for period in periods {
        let orgs: Vec<&ComplianceRow> = rows
            .iter()
            .filter(|r| r.period == period && r.org.is_some())
            .collect();
        let target = rows
            .iter()
            .find(|r| r.period == period)
            .and_then(|r| r.target);
        // Room for the longest name: about 7 px per Latin letter, 13 per CJK character.
        let longest = orgs
            .iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(r.org.as_deref().unwrap_or("")))
            .max()
            .unwrap_or(0);
        let left = (longest as f64 * 6.8 + 16.0).clamp(80.0, 360.0);
        let (width, bar_h, gap) = (520.0, 22.0, 8.0);
        let height = 36.0 + orgs.len() as f64 * (bar_h + gap) + 24.0;
        write!(
            s,
            "<svg viewBox=\"0 0 {w} {height}\" width=\"{w}\" role=\"img\" aria-label=\"Compliance per subsidiary, {p}\">{DEFS}\
             <text x=\"0\" y=\"20\" font-size=\"14\" font-weight=\"700\">{p}</text>",
            w = left + width + 70.0,
            p = esc(period)
        )
        .unwrap();
        for (i, r) in orgs.iter().enumerate() {
            let y = 36.0 + i as f64 * (bar_h + gap);
            let w = width * frac(r.rate);
            let fill = if r.met() == Some(false) {
                "url(#hatch)"
            } else {
                COLOURS[0]
            };
            write!(
                s,
                "<text x=\"{tx}\" y=\"{ty}\" font-size=\"13\" text-anchor=\"end\">{org}</text>\
                 <rect x=\"{left}\" y=\"{y}\" width=\"{w:.1}\" height=\"{bar_h}\" fill=\"{fill}\" stroke=\"#333\" stroke-width=\"0.6\"/>\
                 <text x=\"{vx:.1}\" y=\"{ty}\" font-size=\"12\">{rate} ({passed}/{pop})</text>",
                tx = left - 8.0,
                ty = y + bar_h * 0.72,
                org = esc(r.org.as_deref().unwrap_or("")),
                vx = left + w + 5.0,
                rate = r.rate.percent(),
                passed = r.passed,
                pop = r.population,
            )
            .unwrap();
        }
        let axis_y = 36.0 + orgs.len() as f64 * (bar_h + gap);
        write!(
            s,
            "<line x1=\"{left}\" y1=\"32\" x2=\"{left}\" y2=\"{axis_y}\" stroke=\"#333\"/>\
             <text x=\"{left}\" y=\"{ly}\" font-size=\"11\" text-anchor=\"middle\">0%</text>\
             <text x=\"{rx}\" y=\"{ly}\" font-size=\"11\" text-anchor=\"middle\">100%</text>",
            ly = axis_y + 14.0,
            rx = left + width,
        )
        .unwrap();
        if let Some(t) = target {
            let x = left + width * frac(t);
            write!(
                s,
                "<line x1=\"{x:.1}\" y1=\"25\" x2=\"{x:.1}\" y2=\"{axis_y}\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\
                 <text x=\"{x:.1}\" y=\"20\" font-size=\"11\" text-anchor=\"middle\">target {}</text>",
                t.percent(),
            )
            .unwrap();
        }
        s.push_str("</svg>\n");
    }
    s.push_str("<p class=\"note\">Hatched bars are below the period's target (dashed line).</p></section>\n");
    s
}

fn marker(kind: &str, x: f64, y: f64, colour: &str) -> String {
    let open = kind.ends_with("-open");
    let fill = if open { "#fff" } else { colour };
    match kind.trim_end_matches("-open") {
        "square" => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"1.5\"/>",
            x - 4.0,
            y - 4.0
        ),
        "triangle" => format!(
            "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"1.5\"/>",
            x,
            y - 5.0,
            x - 5.0,
            y + 4.0,
            x + 5.0,
            y + 4.0
        ),
        "diamond" => format!(
            "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"1.5\"/>",
            x,
            y - 5.5,
            x + 5.5,
            y,
            x,
            y + 5.5,
            x - 5.5,
            y
        ),
        _ => format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"1.5\"/>"
        ),
    }
}

/// The trend across periods: a line per subsidiary and one for all, the targets as steps.
fn trend(t: &Trend) -> String {
    let (left, top, width, height) = (50.0, 20.0, 560.0, 240.0);
    let n = t.periods.len().max(1);
    let x_of = |i: usize| {
        left + if n == 1 {
            width / 2.0
        } else {
            width * i as f64 / (n - 1) as f64
        }
    };
    let y_of = |r: Rate| top + height * (1.0 - frac(r));
    let mut s = String::from("<section id=\"trend\"><h2>Trend across periods</h2>\n");
    write!(
        s,
        "<svg viewBox=\"0 0 900 {}\" width=\"900\" role=\"img\" aria-label=\"Compliance trend\">",
        top + height + 40.0
    )
    .unwrap();
    for pct in [0, 25, 50, 75, 100] {
        let y = top + height * (1.0 - pct as f64 / 100.0);
        write!(
            s,
            "<line x1=\"{left}\" y1=\"{y}\" x2=\"{r}\" y2=\"{y}\" stroke=\"#e0e0e0\"/>\
             <text x=\"{tx}\" y=\"{ty}\" font-size=\"11\" text-anchor=\"end\">{pct}%</text>",
            r = left + width,
            tx = left - 6.0,
            ty = y + 4.0
        )
        .unwrap();
    }
    for (i, p) in t.periods.iter().enumerate() {
        write!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
            x_of(i),
            top + height + 18.0,
            esc(p)
        )
        .unwrap();
    }
    // Targets as a dashed black step line.
    let targets: Vec<(usize, Rate)> = t
        .targets
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.map(|r| (i, r)))
        .collect();
    if !targets.is_empty() {
        let pts: Vec<String> = targets
            .iter()
            .map(|(i, r)| format!("{:.1},{:.1}", x_of(*i), y_of(*r)))
            .collect();
        write!(s, "<polyline points=\"{}\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>", pts.join(" ")).unwrap();
    }
    let mut legend = String::new();
    for (k, row) in t.rows.iter().enumerate() {
        let is_all = row.org.is_none();
        let (colour, dash, mark) = if is_all {
            ("#000000", "", "square")
        } else {
            let c = k % COLOURS.len();
            (COLOURS[c], DASHES[c], MARKERS[c])
        };
        let width_px = if is_all { 3.0 } else { 2.0 };
        let pts: Vec<(f64, f64)> = row
            .cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.as_ref().map(|c| (x_of(i), y_of(c.rate))))
            .collect();
        if pts.len() > 1 {
            let list: Vec<String> = pts.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
            write!(
                s,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width_px}\" stroke-dasharray=\"{dash}\"/>",
                list.join(" ")
            )
            .unwrap();
        }
        for (x, y) in &pts {
            s.push_str(&marker(mark, *x, *y, colour));
        }
        let ly = top + 10.0 + k as f64 * 20.0;
        let lx = left + width + 24.0;
        write!(
            legend,
            "<line x1=\"{lx}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"{width_px}\" stroke-dasharray=\"{dash}\"/>{}\
             <text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            lx + 28.0,
            marker(mark, lx + 14.0, ly, colour),
            lx + 34.0,
            ly + 4.0,
            esc(row.org.as_deref().unwrap_or("all subsidiaries"))
        )
        .unwrap();
    }
    let ly = top + 10.0 + t.rows.len() as f64 * 20.0;
    let lx = left + width + 24.0;
    write!(
        legend,
        "<line x1=\"{lx}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\
         <text x=\"{}\" y=\"{}\" font-size=\"12\">target</text>",
        lx + 28.0,
        lx + 34.0,
        ly + 4.0
    )
    .unwrap();
    s.push_str(&legend);
    s.push_str("</svg>\n</section>\n");
    s
}

/// Sequential blues with the figure in every cell: readable in grey.
fn heat_colour(share: f64) -> (&'static str, &'static str) {
    match share {
        s if s >= 0.98 => ("#08519c", "#fff"),
        s if s >= 0.95 => ("#3182bd", "#fff"),
        s if s >= 0.90 => ("#6baed6", "#000"),
        s if s >= 0.80 => ("#bdd7e7", "#000"),
        _ => ("#eff3ff", "#000"),
    }
}

fn heat(h: &Heat) -> String {
    let mut s = format!(
        "<section id=\"heat\"><h2>Item scores per subsidiary{}</h2>\n<table class=\"heat\">\n<thead><tr><th>subsidiary</th>",
        h.period
            .as_deref()
            .map_or(String::new(), |p| format!(", {}", esc(p)))
    );
    for (id, title) in &h.items {
        write!(
            s,
            "<th class=\"num\" title=\"{}\">{}</th>",
            esc(title),
            esc(id)
        )
        .unwrap();
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for (org, cells) in h.orgs.iter().zip(&h.cells) {
        write!(s, "<tr><th>{}</th>", esc(org)).unwrap();
        for c in cells {
            match c {
                Some(r) => {
                    let (bg, fg) = heat_colour(frac(*r));
                    write!(
                        s,
                        "<td class=\"num\" style=\"background:{bg};color:{fg}\">{}</td>",
                        r.percent()
                    )
                    .unwrap();
                }
                None => s.push_str("<td class=\"num\">–</td>"),
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n<p class=\"note\">Share of the maximum points of each item; darker is better. Items: ");
    let names: Vec<String> = h
        .items
        .iter()
        .map(|(id, t)| format!("{} {}", esc(id), esc(t)))
        .collect();
    s.push_str(&names.join("; "));
    s.push_str(".</p></section>\n");
    s
}

fn attention(r: &ReportViews<'_>) -> String {
    let mut s = String::from(
        "<section id=\"attention\"><h2>Failing and incomplete branches</h2>\n<table>\n<thead><tr>\
        <th>period</th><th>subsidiary</th><th>branch</th><th>status</th><th class=\"num\">total</th><th>reasons</th></tr></thead>\n<tbody>\n",
    );
    let mut any = false;
    let mut list: Vec<_> = r
        .records
        .iter()
        .filter(|s| s.status != Status::Pass)
        .collect();
    list.sort_by(|a, b| {
        (&a.record.period, &a.record.org, &a.record.branch).cmp(&(
            &b.record.period,
            &b.record.org,
            &b.record.branch,
        ))
    });
    for rec in list {
        any = true;
        writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&rec.record.period),
            esc(&rec.record.org),
            esc(&rec.record.branch),
            rec.status.name(),
            rec.total.fixed(),
            esc(&rec.reasons.join("; "))
        )
        .unwrap();
    }
    if !any {
        s.push_str("<tr><td colspan=\"6\">none</td></tr>\n");
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
    s
}

impl Renderer for HtmlRenderer {
    /// Any tabular output as a page of tables.
    fn sheets(&self, sheets: &[Sheet], out: &mut dyn Write) -> io::Result<()> {
        let mut body = String::new();
        for sheet in sheets {
            if let Some(t) = &sheet.title {
                writeln!(body, "<h2>{}</h2>", esc(t)).unwrap();
            }
            body.push_str(&table(sheet));
        }
        let title = sheets
            .first()
            .and_then(|s| s.title.clone())
            .unwrap_or_else(|| "audit".into());
        out.write_all(self.page(&title, &body).as_bytes())
    }

    fn report(&self, r: &ReportViews<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut body = String::new();
        if let Some(rows) = r.compliance {
            body.push_str(&headline(rows));
            body.push_str(&bars(rows));
        }
        if let Some(t) = r.trend {
            body.push_str(&trend(t));
        }
        if let Some(h) = r.heat {
            body.push_str(&heat(h));
        }
        if let Some(b) = r.benchmark {
            body.push_str("<section id=\"benchmark\"><h2>Benchmark candidates</h2>\n");
            body.push_str(&table(&super::sheets::benchmark(b)));
            body.push_str("</section>\n");
        }
        body.push_str(&attention(r));
        if let Some(rows) = r.compliance {
            body.push_str("<section id=\"compliance\"><h2>Compliance figures</h2>\n");
            body.push_str(&table(&super::sheets::compliance(
                &super::ComplianceReport {
                    checklist: r.checklist,
                    rows,
                },
            )));
            body.push_str("</section>\n");
        }
        if let Some(l) = r.levels {
            body.push_str(
                "<section id=\"levels\"><h2>Self-assessment against review and acceptance</h2>\n",
            );
            for sheet in super::sheets::levels(l).iter().skip(1) {
                if let Some(t) = &sheet.title {
                    writeln!(body, "<h3>{}</h3>", esc(t)).unwrap();
                }
                body.push_str(&table(sheet));
            }
            body.push_str("</section>\n");
        }
        out.write_all(self.page(&r.checklist.title, &body).as_bytes())
    }
}
