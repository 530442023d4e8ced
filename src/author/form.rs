//! Record forms: the TOML a branch secretary fills in (`audit new`), the example record and
//! scaffolding of `audit init`, and folder names for records.
//!
//! A form lists every point the level must give, with its title, max, step, grades and
//! criterion as comments, and `""` where a value goes: `audit check` reports each `""` as
//! "not filled in", so an unfinished form can never score silently. Filled in, the form passes
//! `audit check` unchanged apart from the values.

use chrono::NaiveDate;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::author::form_rules as rules;
use crate::i18n::{tr, tr_word};
use crate::points::Points;
use crate::read::checklist::{Checklist, Point};
use crate::read::record::{Entry, Level, Record, Value};

/// Where a new record of `org / branch / period` goes below `dir`: `org/branch/period.toml`,
/// each name folded by [`slug`]. `init`, `new` and `import` all place records here, so the
/// same branch never lands in two folders.
pub fn record_path(dir: &Path, org: &str, branch: &str, period: &str) -> PathBuf {
    dir.join(slug(org))
        .join(slug(branch))
        .join(format!("{}.toml", slug(period)))
}

/// A folder name for an org or branch: ASCII letters lowercased, other letters (Chinese)
/// kept as they are so the tree stays readable, everything else folded into single `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "unnamed".to_string()
    } else {
        trimmed.to_string()
    }
}

/// A TOML string literal for any text (quotes, backslashes, newlines escaped).
pub fn quote(text: &str) -> String {
    toml_edit::Value::from(text).to_string().trim().to_string()
}

/// What heads a form.
pub struct FormHeader<'a> {
    pub org: &'a str,
    pub branch: &'a str,
    pub period: &'a str,
    /// A `#:schema` path for editors (relative to the form), if a schema is available.
    pub schema: Option<&'a str>,
}

/// A complete record form for one level.
///
/// `date` is written as the level's `date` (SPEC §12.1) when given, else shown as a comment
/// to fill in: a blank form is completed later, and a wrong date is worse than none.
pub fn record_form(
    checklist: &Checklist,
    header: &FormHeader<'_>,
    level: Level,
    date: Option<NaiveDate>,
) -> String {
    form_text(checklist, header, level, Fill::Blank, date)
}

/// An example record that passes: full marks at acceptance, a good survey. For `audit init`.
pub fn example_record(checklist: &Checklist, header: &FormHeader<'_>) -> String {
    form_text(checklist, header, Level::Acceptance, Fill::FullMarks, None)
}

/// What a form's values are: `""` to fill in, or full marks for an example.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fill {
    Blank,
    FullMarks,
}

fn form_text(
    checklist: &Checklist,
    header: &FormHeader<'_>,
    level: Level,
    fill: Fill,
    date: Option<NaiveDate>,
) -> String {
    let mut s = String::new();
    if let Some(schema) = header.schema {
        writeln!(s, "#:schema {schema}").unwrap();
    }
    if fill == Fill::FullMarks {
        // init's example must not pass for a real branch: say so before anything else.
        s.push_str(&tr("example-not-a-real-branch-it"));
    }
    let title = match checklist.version.as_deref() {
        Some(v) => t!(
            "assessment-record-version",
            title = checklist.title,
            version = v
        ),
        None => t!("assessment-record", title = checklist.title),
    };
    writeln!(s, "{title}").unwrap();
    s.push_str(&match fill {
        Fill::Blank => tr("fill-in-every-below-then-check"),
        Fill::FullMarks => tr("an-example-full-marks-at-acceptance"),
    });
    s.push_str(&tr("value-help-explain"));
    let reason = quote(&tr("two-meetings-without-minutes"));
    writeln!(
        s,
        "#   {{ deductions = [ {{ points = 0.5, times = 2, reason = {reason} }} ] }}"
    )
    .unwrap();
    writeln!(
        s,
        "{}  {{ score = 2.5, note = \"…\", evidence = [\"evidence/…\"] }}",
        tr("a-note-or-evidence-goes-with")
    )
    .unwrap();
    let v2 = rules::uses_rules_v2(checklist);
    if v2 {
        rules::ratings_help(&mut s);
        rules::combine_help(&mut s, checklist);
    }
    s.push('\n');
    writeln!(s, "org = {}", quote(header.org)).unwrap();
    writeln!(s, "branch = {}", quote(header.branch)).unwrap();
    writeln!(s, "period = {}\n", quote(header.period)).unwrap();

    if checklist.requires_survey() {
        s.push_str(&tr("survey-of-members-and-the-masses"));
        s.push_str(match fill {
            Fill::Blank => "[satisfaction]\nsurveyed = \"\"\nsatisfied = \"\"\n\n",
            Fill::FullMarks => "[satisfaction]\nsurveyed = 52\nsatisfied = 50\n\n",
        });
    } else {
        s.push_str(&tr("survey-of-members-and-the-masses-optional"));
        s.push_str("# [satisfaction]\n# surveyed = 50\n# satisfied = 47\n\n");
    }
    rules::measures_section(&mut s, checklist, fill == Fill::FullMarks);
    if !checklist.vetoes.is_empty() {
        s.push_str(&tr("one-vote-vetoes-true-if-it"));
        s.push_str("[vetoes]\n");
        for v in &checklist.vetoes {
            writeln!(s, "{} = false  # {}", key(&v.id), v.title).unwrap();
        }
        s.push('\n');
    }
    if !checklist.bonus.is_empty() {
        let heading = match checklist.bonus_cap {
            Some(cap) => t!("bonus-points-at-most-in-all", cap = cap),
            None => tr("bonus-points"),
        };
        writeln!(s, "{heading}\n[bonus]").unwrap();
        for b in &checklist.bonus {
            // A counted bonus (SPEC §11.5) takes a count; its comment shows the points each.
            let comment = rules::counted_comment(b).unwrap_or_else(|| {
                let max = b.max.unwrap_or(Points::ZERO);
                // Beside counted ones, a form says what each takes (v1 forms keep theirs).
                if v2 {
                    t!("points-at-most", title = b.title, max = max)
                } else {
                    t!("max-title-max", title = b.title, max = max)
                }
            });
            writeln!(s, "{} = 0  # {comment}", key(&b.id)).unwrap();
        }
        s.push('\n');
    }
    rules::penalties_section(&mut s, checklist);
    if v2 {
        rules::level_tables_hint(&mut s, checklist);
    }
    s.push_str(&level_table(checklist, level, date, |point| {
        (fill == Fill::FullMarks).then(|| match point.grades.first() {
            Some((grade, _)) => quote(grade),
            None => point.max.to_string(),
        })
    }));
    s
}

/// A level's table with every point: `value_of` gives a value's TOML text, or `None` for
/// `""` (to be filled in). Comments are in the interface language; keys and values never
/// change with it.
pub fn level_table(
    checklist: &Checklist,
    level: Level,
    date: Option<NaiveDate>,
    value_of: impl Fn(&Point) -> Option<String>,
) -> String {
    let mut s = String::new();
    writeln!(s, "[{level}]").unwrap();
    // When the level was completed and who signed it (SPEC §12.1).
    writeln!(s, "{}", tr("level-date-and-signature")).unwrap();
    match date {
        Some(d) => writeln!(s, "date = {d}").unwrap(),
        None => writeln!(s, "# date = YYYY-MM-DD").unwrap(),
    }
    writeln!(s, "# by = \"…\"").unwrap();
    for item in &checklist.items {
        let heading = t!(
            "points-id-title-max",
            id = item.id,
            title = item.title,
            max = item.max
        );
        let item_rules = rules::item_rules(checklist, item);
        writeln!(s, "\n# ── {heading}{item_rules}").unwrap();
        for point in &item.points {
            if point.is_derived() {
                let rule = rules::derived_rule(checklist, point);
                writeln!(s, "# {} {} · {rule}", point.id, point.title).unwrap();
                continue;
            }
            let mut rule = match point.step {
                Some(step) => t!("max-in-steps-of", max = point.max, step = step),
                None => t!("max-max", max = point.max),
            };
            if !point.grades.is_empty() {
                let grades: Vec<String> = point
                    .grades
                    .iter()
                    .map(|(g, p)| format!("{g} {p}"))
                    .collect();
                rule.push_str(&t!("grades", grades = grades.join(", ")));
            }
            rule.push_str(&rules::point_rules(point));
            if point.optional {
                rule.push_str(&tr("na-if-not-applicable"));
            }
            writeln!(s, "# {} {} · {rule}", point.id, point.title).unwrap();
            if let Some(c) = &point.criterion {
                writeln!(s, "#     {c}").unwrap();
            }
            let value = value_of(point).unwrap_or_else(|| "\"\"".to_string());
            writeln!(s, "{} = {value}", quote(&point.id)).unwrap();
        }
    }
    s
}

/// A point's entry of an existing record as TOML text (for `new --from`).
pub fn entry_text(point: &Point, entry: &Entry) -> String {
    let value = match &entry.value {
        Value::Points(p) => p.to_string(),
        Value::Grade(g) => quote(&point.grades[*g].0),
        Value::NotApplicable => quote("na"),
        Value::Deductions(list) => {
            let parts: Vec<String> = list
                .iter()
                .map(|d| {
                    let times = if d.times == 1 {
                        String::new()
                    } else {
                        format!(", times = {}", d.times)
                    };
                    format!(
                        "{{ points = {}{times}, reason = {} }}",
                        d.points,
                        quote(&d.reason)
                    )
                })
                .collect();
            return with_extra(format!("deductions = [ {} ]", parts.join(", ")), entry);
        }
        Value::Ratings(list) => {
            let parts: Vec<String> = list
                .iter()
                .map(|r| match r {
                    Value::Grade(g) => quote(&point.grades[*g].0),
                    other => crate::read::record::value_points(point, other)
                        .unwrap_or_default()
                        .to_string(),
                })
                .collect();
            return with_extra(format!("ratings = [ {} ]", parts.join(", ")), entry);
        }
    };
    if entry.note().is_none() && entry.evidence().is_empty() {
        value
    } else {
        with_extra(format!("score = {value}"), entry)
    }
}

fn with_extra(first: String, entry: &Entry) -> String {
    let mut parts = vec![first];
    if let Some(note) = entry.note() {
        parts.push(format!("note = {}", quote(note)));
    }
    if !entry.evidence().is_empty() {
        let list: Vec<String> = entry.evidence().iter().map(|e| quote(e)).collect();
        parts.push(format!("evidence = [{}]", list.join(", ")));
    }
    format!("{{ {} }}", parts.join(", "))
}

/// The level table that starts `level` from the record's highest existing level (the
/// reviewer starts from the branch's self-assessment).
pub fn level_from(
    checklist: &Checklist,
    record: &Record,
    level: Level,
    date: NaiveDate,
) -> Option<String> {
    let source_level = record.effective_level()?;
    let source = record.level(source_level)?;
    let note = match level {
        Level::SelfAssessment => t!(
            "started-from-the-level-change-what",
            level = tr_word(level.name()),
            source = tr_word(source_level.name())
        ),
        Level::Review => t!(
            "started-from-level-review",
            level = tr_word(level.name()),
            source = tr_word(source_level.name())
        ),
        Level::Acceptance => t!(
            "started-from-level-acceptance",
            level = tr_word(level.name()),
            source = tr_word(source_level.name())
        ),
    };
    let mut table = format!("\n# {note}\n");
    table.push_str(&level_table(checklist, level, Some(date), |point| {
        let position = checklist.position(&point.id)?;
        source.get(position).map(|e| entry_text(point, e))
    }));
    Some(table)
}

/// A bare key if TOML allows it, else quoted.
pub(super) fn key(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        id.to_string()
    } else {
        quote(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_chinese_readable() {
        assert_eq!(slug("Shanxi Securities"), "shanxi-securities");
        assert_eq!(slug("第二党支部"), "第二党支部");
        assert_eq!(
            slug("Retail Brokerage (Taiyuan) "),
            "retail-brokerage-taiyuan"
        );
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("///"), "unnamed");
    }

    #[test]
    fn quotes_escape() {
        assert_eq!(quote("a\"b"), "'a\"b'");
        assert_eq!(quote("山西"), "\"山西\"");
    }
}
