//! A self-contained HTML report: inline CSS and SVG, no script, font or image fetched from
//! anywhere, so it works offline and as an e-mail attachment, and prints on A4.
//!
//! This file is the page: its frame, the headline cards, the tables and the list of branches
//! that need attention. The SVG charts are in [`charts`]; the style sheet is `report.css`,
//! built in at compile time. Cards that miss their target say so in words and have a dashed
//! frame, so the page reads the same in black and white.

mod charts;

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::aggregate::compliance::ComplianceRow;
use crate::i18n::{tr, tr_word};
use crate::score::Status;

use super::{Renderer, ReportViews, Table};
use charts::{bars, heat, trend};

pub struct HtmlRenderer {
    /// Checklist title, version and generation time.
    pub heading: String,
}

/// Escapes text for an element or a double-quoted attribute.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page's style sheet (without a leading newline: the page writes one after `<style>`).
const STYLE: &str = include_str!("report.css");

impl HtmlRenderer {
    fn page(&self, title: &str, body: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n\
             <div class=\"sub\">{}</div>\n{body}</body>\n</html>\n",
            esc(title),
            esc(title),
            esc(&self.heading),
            lang = if crate::i18n::zh() { "zh-CN" } else { "en" },
        )
    }
}

/// A table as an HTML table, its notes below it.
fn html_table(table: &Table) -> String {
    let mut s = String::from("<div class=\"wide\"><table>\n<thead><tr>");
    for c in &table.columns {
        let class = if c.numeric { " class=\"num\"" } else { "" };
        write!(s, "<th{class}>{}</th>", esc(&c.name)).unwrap();
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        s.push_str("<tr>");
        for (c, cell) in table.columns.iter().zip(row) {
            let class = if c.numeric { " class=\"num\"" } else { "" };
            let text = esc(&cell.display()).replace('\n', "<br>");
            write!(s, "<td{class}>{text}</td>").unwrap();
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table></div>\n");
    for note in &table.notes {
        writeln!(s, "<p class=\"note\">{}</p>", esc(note)).unwrap();
    }
    s
}

/// Headline cards, newest period first: each period's overall rate against its target.
fn headline(rows: &[ComplianceRow]) -> String {
    let mut s = "<section id=\"headline\"><h2>".to_string()
        + &tr("compliance-against-target")
        + "</h2>\n<div class=\"headline\">\n";
    for r in rows.iter().filter(|r| r.org.is_none()).rev() {
        let (class, verdict) = match (r.met(), r.shortfall(), r.target) {
            (Some(true), _, Some(t)) => ("card", t!("met-target", target = t.percent())),
            (Some(false), Some(n), Some(t)) => (
                "card miss",
                t!(
                    "not-met-target-needs-more-passing",
                    target = t.percent(),
                    n = n
                ),
            ),
            _ => ("card", tr("no-target-set-card")),
        };
        writeln!(
            s,
            "<div class=\"{class}\" data-period=\"{p}\"><div class=\"period\">{p}</div>\
             <div class=\"rate\">{}</div><div class=\"verdict\">{}</div>\
             <div class=\"detail\">{}</div></div>",
            r.rate_text(),
            esc(&verdict),
            esc(&(t!(
                "of-branches-passed-failed-incomplete-missing",
                passed = r.passed,
                population = r.population,
                failed = r.failed,
                incomplete = r.incomplete,
                missing = r.missing
            ) + &if r.invalid > 0 {
                t!("invalid-left-out", invalid = r.invalid)
            } else {
                String::new()
            })),
            p = esc(&r.period),
        )
        .unwrap();
    }
    s.push_str("</div></section>\n");
    s
}

/// The branches that need attention: failing, incomplete, and expected but missing.
fn attention(r: &ReportViews<'_>) -> String {
    let mut s = format!(
        "<section id=\"attention\"><h2>{}</h2>\n<div class=\"wide\"><table>\n<thead><tr>\
        <th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        tr("branches-that-need-attention"),
        tr("period"),
        tr("subsidiary"),
        tr("branch"),
        tr("status"),
        tr("total"),
        tr("reasons"),
    );
    // Members come sorted by (period, org, branch), the order of the table.
    let rows: Vec<(&str, &str, &str, String, String, String)> = r
        .members
        .iter()
        .filter_map(|m| match m.record {
            Some(rec) if rec.status == Status::Pass => None,
            Some(rec) => Some((
                m.period,
                m.org,
                m.branch,
                tr_word(rec.status.name()),
                rec.total.fixed(),
                super::tables::reasons_with_would(rec),
            )),
            None => match m.invalid {
                Some(file) => Some((
                    m.period,
                    m.org,
                    m.branch,
                    tr("invalid"),
                    String::new(),
                    t!("the-record-file-is-invalid-and", file = file),
                )),
                None => Some((
                    m.period,
                    m.org,
                    m.branch,
                    tr("missing"),
                    String::new(),
                    tr("no-record-for-this-period-expected"),
                )),
            },
        })
        .collect();
    if rows.is_empty() {
        s.push_str(&format!("<tr><td colspan=\"6\">{}</td></tr>\n", tr("none")));
    }
    for (period, org, branch, status, total, reasons) in rows {
        writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td style=\"white-space:nowrap\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(period),
            esc(org),
            esc(branch),
            esc(&status),
            esc(&total),
            esc(&reasons)
        )
        .unwrap();
    }
    s.push_str("</tbody>\n</table></div>\n</section>\n");
    s
}

/// The rectification section (SPEC §12.3): the tasks with the overdue first, most days
/// first, then the counts per period and org and the points without a task.
fn rectification(r: &crate::aggregate::rectification::Rectification<'_>) -> String {
    let mut s = format!(
        "<section id=\"rectification\"><h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(&tr("rectification")),
        esc(&tr("overdue-first"))
    );
    let tables = super::tables::rectification(r);
    let first = super::tables::rectification_tasks(
        tables[0].title.clone().unwrap_or_default(),
        r.overdue_first().into_iter(),
    );
    for table in std::iter::once(&first).chain(tables.iter().skip(1)) {
        if let Some(t) = &table.title {
            writeln!(s, "<h3>{}</h3>", esc(t)).unwrap();
        }
        s.push_str(&html_table(table));
    }
    s.push_str("</section>\n");
    s
}

/// The benchmark register's section: the at-risk entries first (what a meeting must act
/// on), then lapsed, kept and revoked, each group by org, branch, period.
fn register(named: &[crate::aggregate::register::NamedState]) -> String {
    let mut sorted: Vec<_> = named.to_vec();
    sorted.sort_by(|a, b| (a.state, a.named.key()).cmp(&(b.state, b.named.key())));
    let mut s = format!(
        "<section id=\"register\"><h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(&tr("benchmark-register")),
        esc(&tr("benchmark-register-at-risk-first"))
    );
    s.push_str(&html_table(&super::tables::register(&sorted)));
    s.push_str("</section>\n");
    s
}

impl Renderer for HtmlRenderer {
    /// Any tabular output as a page of tables.
    fn tables(&self, tables: &[Table], out: &mut dyn Write) -> io::Result<()> {
        let mut body = String::new();
        for table in tables {
            if let Some(t) = &table.title {
                writeln!(body, "<h2>{}</h2>", esc(t)).unwrap();
            }
            body.push_str(&html_table(table));
        }
        let title = tables
            .first()
            .and_then(|s| s.title.clone())
            .unwrap_or_else(|| "audit".into());
        out.write_all(self.page(&title, &body).as_bytes())
    }

    fn report(&self, r: &ReportViews<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut body = String::new();
        let partial = super::tables::partial_notes(r.invalid);
        if !partial.is_empty() {
            // First on the page, in the colour and outline of a miss: nobody should read a
            // figure without having read this.
            body.push_str(&format!(
                "<section id=\"partial\" class=\"partial\" role=\"alert\" style=\"border:3px solid #D55E00;background:#fbe3d6;padding:0.5em 1em;margin:1em 0\"><h2>⚠ {}</h2>\n",
                esc(&tr("partial-report"))
            ));
            for note in &partial {
                writeln!(body, "<p><strong>{}</strong></p>", esc(note)).unwrap();
            }
            body.push_str("</section>\n");
        }
        if let Some(rows) = r.compliance {
            body.push_str(&headline(rows));
        }
        // At the top: who lags in the campaign is the first question of a meeting.
        if let Some(rows) = r.progress {
            body.push_str(&charts::progress(rows));
        }
        body.push_str(&attention(r));
        if let Some(rows) = r.compliance {
            body.push_str(&bars(rows));
        }
        if let Some(t) = r.trend {
            body.push_str(&trend(t));
        }
        if let Some(h) = r.heat {
            body.push_str(&heat(h));
        }
        if let Some(b) = r.benchmark {
            body.push_str(&format!(
                "<section id=\"benchmark\"><h2>{}</h2>\n",
                tr("benchmark-candidates")
            ));
            body.push_str(&html_table(&super::tables::benchmark(b)));
            body.push_str("</section>\n");
        }
        if let Some(named) = r.register {
            body.push_str(&register(named));
        }
        if let Some(rect) = r.rectification {
            body.push_str(&rectification(rect));
        }
        if let Some(rows) = r.compliance {
            body.push_str(&format!(
                "<section id=\"compliance\"><h2>{}</h2>\n",
                tr("compliance-figures")
            ));
            body.push_str(&html_table(&super::tables::compliance(
                &super::ComplianceReport {
                    checklist: r.checklist,
                    rows,
                },
            )));
            body.push_str("</section>\n");
        }
        if let Some(rows) = r.progress {
            body.push_str(&format!(
                "<section id=\"progress-figures\"><h2>{}</h2>\n",
                esc(&tr("progress-figures"))
            ));
            body.push_str(&html_table(&super::tables::progress(rows)));
            body.push_str("</section>\n");
        }
        if let Some(l) = r.levels {
            body.push_str(&format!(
                "<section id=\"levels\"><h2>{}</h2>\n<p class=\"note\">{}</p>\n",
                tr("self-assessment-against-review-and-acceptance"),
                tr("gap-total-of-the-lowest-complete")
            ));
            for table in super::tables::levels(l).iter().skip(1) {
                if let Some(t) = &table.title {
                    writeln!(body, "<h3>{}</h3>", esc(t)).unwrap();
                }
                body.push_str(&html_table(table));
            }
            body.push_str("</section>\n");
        }
        out.write_all(self.page(&r.checklist.title, &body).as_bytes())
    }
}
