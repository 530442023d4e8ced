//! The charts of the HTML report, drawn by a small hand-written SVG writer rather than a
//! plotting crate: they are bars, lines, rectangles and text, and writing them directly keeps
//! every label as real text (selectable, searchable, shaped by the reader's own CJK fonts)
//! with no font rendering or raster step.
//!
//! Colours come from the Okabe–Ito palette (safe for colour-blind readers), and every
//! distinction also has a second channel for black-and-white print: bars that miss the target
//! are hatched, lines have their own marker and dash, heat-map cells carry their figure.
//! Positions are `f64` for drawing only; every figure printed is the exact one formatted by
//! `points/`.

use std::fmt::Write as _;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::aggregate::compliance::ComplianceRow;
use crate::aggregate::progress::ProgressRow;
use crate::aggregate::views::{Heat, Trend};
use crate::i18n::tr;
use crate::points::Rate;

use super::{esc, html_table};

/// Okabe–Ito colours, distinguishable with every common colour-vision deficiency. Black is
/// kept for "all subsidiaries" and the target.
const COLOURS: [&str; 6] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
];
/// Dash patterns and markers: the second channel for print.
const DASHES: [&str; 6] = ["", "6 3", "2 2", "8 3 2 3", "4 4", "1 3"];
const MARKERS: [&str; 6] = [
    "circle",
    "diamond",
    "triangle",
    "circle-open",
    "diamond-open",
    "triangle-open",
];
/// Above this many subsidiaries the trend chart draws the whole group only: more lines would
/// repeat styles and tangle. The table under it has every subsidiary.
const TREND_LINES: usize = 6;
/// Bar-chart labels longer than this many display columns are shortened (the full name is
/// in the tooltip and in the tables).
const LABEL_COLUMNS: usize = 36;

/// A rate as a fraction of 1 for drawing (display only; the figure shown is `percent()`).
fn frac(r: Rate) -> f64 {
    r.to_f64_4()
}

/// A name shortened to about `columns` display columns, with an ellipsis.
fn shorten(name: &str, columns: usize) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in name.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(1);
        if width + w > columns {
            out.push('…');
            return out;
        }
        width += w;
        out.push(c);
    }
    out
}

/// Text that stays readable where a line crosses it: a white halo painted under the glyphs.
const HALO: &str =
    "paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\"";

/// Hatching for bars below target (visible without colour).
const DEFS: &str = "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
    patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fbe3d6\"/>\
    <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#D55E00\" stroke-width=\"2.5\"/></pattern></defs>";

/// The campaign's progress (SPEC §12.2), a stacked bar per subsidiary and period: its
/// population split into missing, at self, at review, at acceptance (not passing) and
/// passed, so a meeting sees at once which subsidiary lags. Each segment carries its count
/// (and a tooltip naming its stage); a legend names the colours.
pub(super) fn progress(rows: &[ProgressRow]) -> String {
    let stages = [
        ("missing", "#D55E00"),
        ("self", "#E69F00"),
        ("review", "#56B4E9"),
        ("acceptance", "#CC79A7"),
        ("passed", "#009E73"),
    ];
    // The campaign under way is the latest period's: the top of the page shows it alone,
    // and the figures of every period are in the tables further down.
    let Some(latest) = rows.iter().map(|r| r.period.as_str()).max() else {
        return String::new();
    };
    let rows: Vec<ProgressRow> = rows
        .iter()
        .filter(|r| r.period == latest)
        .cloned()
        .collect();
    let periods = [latest];
    let mut s = format!(
        "<section id=\"progress\"><h2>{}</h2>\n<p class=\"note\">",
        esc(&tr("progress-title"))
    );
    for (i, (stage, colour)) in stages.iter().enumerate() {
        if i > 0 {
            s.push_str(" · ");
        }
        write!(
            s,
            "<span style=\"display:inline-block;width:0.9em;height:0.9em;background:{colour};vertical-align:middle\"></span> {}",
            esc(&tr_stage(stage))
        )
        .unwrap();
    }
    s.push_str("</p>\n");
    for period in periods {
        let orgs: Vec<&ProgressRow> = rows
            .iter()
            .filter(|r| r.period == *period && r.org.is_some())
            .collect();
        let (labels, left) = org_labels(orgs.iter().map(|r| r.org.as_deref()));
        let (width, right, bar_h, gap) = (430.0, 60.0, 22.0, 8.0);
        let height = 36.0 + orgs.len() as f64 * (bar_h + gap) + 8.0;
        write!(
            s,
            "<svg class=\"progress\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" role=\"img\" aria-label=\"{label}, {p}\">\
             <text x=\"0\" y=\"20\" font-size=\"14\" font-weight=\"700\">{p}</text>",
            w = left + width + right,
            label = esc(&tr("progress")),
            p = esc(period)
        )
        .unwrap();
        for (i, (r, label)) in orgs.iter().zip(&labels).enumerate() {
            let y = 36.0 + i as f64 * (bar_h + gap);
            let org = r.org.as_deref().unwrap_or("");
            write!(
                s,
                "<g class=\"org\" data-org=\"{org}\"><text x=\"{tx}\" y=\"{ty}\" font-size=\"12\" text-anchor=\"end\"><title>{org}</title>{label}</text>",
                org = esc(org),
                tx = left - 8.0,
                ty = y + bar_h * 0.72,
                label = esc(label),
            )
            .unwrap();
            let counts = [
                r.missing,
                r.self_,
                r.review,
                r.acceptance - r.passed,
                r.passed,
            ];
            let mut x = left;
            for ((stage, colour), n) in stages.iter().zip(counts) {
                if n == 0 {
                    continue;
                }
                // Drawing only: the figure printed is the count itself.
                let w = width * n as f64 / r.population as f64;
                write!(
                    s,
                    "<rect data-stage=\"{stage}\" data-count=\"{n}\" x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{bar_h}\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"1\"><title>{name}: {n}</title></rect>",
                    name = esc(&tr_stage(stage)),
                )
                .unwrap();
                if w >= 16.0 {
                    write!(
                        s,
                        "<text x=\"{cx:.1}\" y=\"{ty}\" font-size=\"12\" text-anchor=\"middle\" {HALO}>{n}</text>",
                        cx = x + w / 2.0,
                        ty = y + bar_h * 0.72,
                    )
                    .unwrap();
                }
                x += w;
            }
            write!(
                s,
                "<text x=\"{vx:.1}\" y=\"{ty}\" font-size=\"12\">{pop}</text></g>",
                vx = left + width + 6.0,
                ty = y + bar_h * 0.72,
                pop = r.population,
            )
            .unwrap();
        }
        s.push_str("</svg>\n");
    }
    s.push_str(&html_table(&crate::render::tables::progress(&rows)));
    s.push_str("</section>\n");
    s
}

/// The bar charts' labels (orgs, shortened) and the room they need on the left: about 7 px
/// per display column at 12 px.
fn org_labels<'a>(orgs: impl Iterator<Item = Option<&'a str>>) -> (Vec<String>, f64) {
    let labels: Vec<String> = orgs
        .map(|o| shorten(o.unwrap_or(""), LABEL_COLUMNS))
        .collect();
    let longest = labels
        .iter()
        .map(|l| UnicodeWidthStr::width(l.as_str()))
        .max()
        .unwrap_or(0);
    (labels, (longest as f64 * 6.8 + 16.0).clamp(80.0, 270.0))
}

/// A stage's name in the legend: "acceptance" there is "at acceptance, not passing".
fn tr_stage(stage: &str) -> String {
    match stage {
        "acceptance" => tr("accepted-not-passing"),
        other => crate::i18n::tr_word(other),
    }
}

/// A bar chart per period: each subsidiary's rate, with the target as a dashed line.
pub(super) fn bars(rows: &[ComplianceRow]) -> String {
    let mut periods: Vec<&str> = rows.iter().map(|r| r.period.as_str()).collect();
    periods.dedup();
    let mut s = format!(
        "<section id=\"bars\"><h2>{}</h2>\n",
        tr("compliance-per-subsidiary")
    );
    for period in periods {
        let orgs: Vec<&ComplianceRow> = rows
            .iter()
            .filter(|r| r.period == period && r.org.is_some())
            .collect();
        let target = rows
            .iter()
            .find(|r| r.period == period)
            .and_then(|r| r.target);
        let (labels, left) = org_labels(orgs.iter().map(|r| r.org.as_deref()));
        let (width, right, bar_h, gap) = (430.0, 200.0, 22.0, 8.0);
        let height = 36.0 + orgs.len() as f64 * (bar_h + gap) + 24.0;
        write!(
            s,
            "<svg viewBox=\"0 0 {w} {height}\" width=\"{w}\" role=\"img\" aria-label=\"{label}, {p}\">{DEFS}\
             <text x=\"0\" y=\"20\" font-size=\"14\" font-weight=\"700\">{p}</text>",
            w = left + width + right,
            label = esc(&tr("compliance-per-subsidiary")),
            p = esc(period)
        )
        .unwrap();
        for (i, (r, label)) in orgs.iter().zip(&labels).enumerate() {
            let y = 36.0 + i as f64 * (bar_h + gap);
            let w = width * frac(r.rate);
            let miss = r.met() == Some(false);
            let fill = if miss { "url(#hatch)" } else { COLOURS[0] };
            let gap_text = match (miss, r.shortfall()) {
                (true, Some(n)) => t!("needs-more", n = n),
                _ => String::new(),
            };
            write!(
                s,
                "<text x=\"{tx}\" y=\"{ty}\" font-size=\"12\" text-anchor=\"end\"><title>{full}</title>{label}</text>\
                 <rect x=\"{left}\" y=\"{y}\" width=\"{w:.1}\" height=\"{bar_h}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{sw}\"/>\
                 <text x=\"{vx:.1}\" y=\"{ty}\" font-size=\"12\" {HALO}>{rate} ({passed}/{pop}){gap_text}</text>",
                tx = left - 8.0,
                ty = y + bar_h * 0.72,
                full = esc(r.org.as_deref().unwrap_or("")),
                label = esc(label),
                // A 0 % bar that misses still shows as a hatched sliver.
                w = if miss { w.max(3.0) } else { w },
                stroke = if miss { "#D55E00" } else { "#333" },
                sw = if miss { 1.2 } else { 0.6 },
                vx = left + w.max(3.0) + 5.0,
                rate = r.rate_text(),
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
                 <text x=\"{x:.1}\" y=\"20\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
                t!("target-target", target = t.percent()),
            )
            .unwrap();
        }
        s.push_str("</svg>\n");
    }
    s.push_str(&format!(
        "<p class=\"note\">{}</p></section>\n",
        tr("hatched-bars-are-below-the-period")
    ));
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

/// The trend across periods: a line per subsidiary (up to [`TREND_LINES`]) and a heavy one
/// for all, each period's target as a short flat dash; the legend below the chart.
pub(super) fn trend(t: &Trend) -> String {
    let (left, top, width, height) = (50.0, 20.0, 600.0, 220.0);
    let n = t.periods.len().max(1);
    let x_of = |i: usize| {
        left + if n == 1 {
            width / 2.0
        } else {
            40.0 + (width - 80.0) * i as f64 / (n - 1) as f64
        }
    };
    let y_of = |r: Rate| top + height * (1.0 - frac(r));
    let subsidiaries = t.rows.iter().filter(|r| r.org.is_some()).count();
    let lines: Vec<&crate::aggregate::views::TrendRow> = t
        .rows
        .iter()
        .filter(|r| r.org.is_none() || subsidiaries <= TREND_LINES)
        .collect();
    let legend_rows = lines.len() + 1;
    let legend_top = top + height + 36.0;
    let total_h = legend_top + legend_rows.div_ceil(2) as f64 * 20.0 + 6.0;
    let mut s = format!(
        "<section id=\"trend\"><h2>{}</h2>\n",
        tr("trend-across-periods")
    );
    write!(
        s,
        "<svg viewBox=\"0 0 {w} {total_h}\" width=\"{w}\" role=\"img\" aria-label=\"{label}\">",
        label = esc(&tr("trend-across-periods")),
        w = left + width + 20.0
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
        // Each period's own target: a flat dash, not a slope between periods.
        if let Some(Some(target)) = t.targets.get(i) {
            let (x, y) = (x_of(i), y_of(*target));
            write!(
                s,
                "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>",
                x - 28.0,
                x + 28.0
            )
            .unwrap();
        }
    }
    let mut legend = String::new();
    let mut slot = 0usize;
    let mut legend_entry = |legend: &mut String,
                            colour: &str,
                            dash: &str,
                            w: f64,
                            mark: Option<&str>,
                            label: &str| {
        let lx = left + (slot % 2) as f64 * (width / 2.0);
        let ly = legend_top + (slot / 2) as f64 * 20.0;
        write!(
            legend,
            "<line x1=\"{lx}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"{w}\" stroke-dasharray=\"{dash}\"/>{}\
             <text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            lx + 28.0,
            mark.map_or(String::new(), |m| marker(m, lx + 14.0, ly, colour)),
            lx + 34.0,
            ly + 4.0,
            esc(&shorten(label, 44))
        )
        .unwrap();
        slot += 1;
    };
    for (k, row) in lines.iter().enumerate() {
        let is_all = row.org.is_none();
        let (colour, dash, mark) = if is_all {
            ("#000000", "", "square")
        } else {
            (
                COLOURS[k % COLOURS.len()],
                DASHES[k % DASHES.len()],
                MARKERS[k % MARKERS.len()],
            )
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
        let label = row.org.clone().unwrap_or_else(|| tr("all-subsidiaries"));
        legend_entry(&mut legend, colour, dash, width_px, Some(mark), &label);
    }
    legend_entry(
        &mut legend,
        "#000",
        "5 3",
        2.0,
        None,
        &tr("target-of-the-period"),
    );
    s.push_str(&legend);
    s.push_str("</svg>\n");
    if subsidiaries > TREND_LINES {
        writeln!(
            s,
            "<p class=\"note\">{}</p>",
            t!("subsidiaries-the-chart-shows-all-of", n = subsidiaries)
        )
        .unwrap();
    }
    s.push_str(&html_table(&crate::render::tables::trend(t)));
    s.push_str("</section>\n");
    s
}

/// Sequential blues with the figure in every cell: readable in grey. The thresholds are
/// whole percents, compared exactly against the share.
const HEAT_STEPS: [(u64, &str, &str, &str); 5] = [
    (98, "#08519c", "#fff", "≥ 98%"),
    (95, "#3182bd", "#fff", "≥ 95%"),
    (90, "#6baed6", "#000", "≥ 90%"),
    (80, "#bdd7e7", "#000", "≥ 80%"),
    (0, "#eff3ff", "#000", "< 80%"),
];

fn heat_colour(share: Rate) -> (&'static str, &'static str) {
    HEAT_STEPS
        .iter()
        .find(|(min, ..)| share >= Rate::ratio(*min, 100))
        .map_or(("#eff3ff", "#000"), |(_, bg, fg, _)| (*bg, *fg))
}

pub(super) fn heat(h: &Heat) -> String {
    let mut heading = tr("item-scores-per-subsidiary");
    if let Some(p) = &h.period {
        heading = format!("{heading}, {p}");
    }
    // Among checklist versions, the items are those of the version the period is scored by.
    if let Some(v) = &h.version {
        heading = t!("checklist-version-title", title = heading, version = v);
    }
    let mut s = format!(
        "<section id=\"heat\"><h2>{}</h2>\n<div class=\"wide\"><table class=\"heat\">\n<thead><tr><th>{}</th>",
        esc(&heading),
        tr("subsidiary")
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
                    let (bg, fg) = heat_colour(*r);
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
    s.push_str(&format!(
        "</tbody>\n</table></div>\n<p class=\"note key\">{} ",
        tr("share-of-each-item-s-maximum")
    ));
    for (_, bg, fg, label) in HEAT_STEPS {
        write!(
            s,
            "<span style=\"background:{bg};color:{fg}\">{label}</span>"
        )
        .unwrap();
    }
    s.push_str(&format!("<br>{} ", tr("items-label")));
    let names: Vec<String> = h
        .items
        .iter()
        .map(|(id, t)| format!("{} {}", esc(id), esc(t)))
        .collect();
    s.push_str(&names.join("; "));
    s.push_str(".</p></section>\n");
    s
}
