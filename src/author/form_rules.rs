//! The parts of a record form that only checklists using the rules of SPEC §11 have: the
//! `[measures]` and `[penalties]` tables, the ratings syntax, the hint that a level may grant
//! its own bonus and penalties, and the rules an item header or a point comment names
//! (minimum, item floor, weight, deduction cap, derivation from a measure).
//!
//! A checklist that uses none of them gets none of this text: its form stays as it was
//! before v2, byte for byte ([`uses_rules_v2`] decides).

use std::fmt::Write as _;

use crate::i18n::tr;
use crate::read::checklist::{Bonus, Checklist, Item, ItemMin, Point};

use super::form::key;

/// Whether the checklist uses any rule of SPEC §11 that a form mentions or that lets a
/// record hold more than a v1 record (ratings, a level's own tables).
pub fn uses_rules_v2(checklist: &Checklist) -> bool {
    let points = checklist
        .points()
        .any(|p| p.max_deduction.is_some() || p.measure.is_some() || p.unfloored);
    let items = checklist
        .items
        .iter()
        .any(|i| i.min.is_some() || i.floor_item || i.weight.is_some());
    let bands = checklist
        .bands
        .iter()
        .any(|b| b.status.is_some() || b.min_total.is_none());
    points
        || items
        || bands
        || !checklist.penalties.is_empty()
        || !checklist.measures.is_empty()
        || checklist.penalty_cap.is_some()
        || checklist.scale.is_some()
        || checklist.pass.min_item.is_some()
        || checklist.bonus.iter().any(|b| b.per.is_some())
        || checklist.combine.is_some()
}

/// The help line on weighted levels (SPEC §11.9): which levels count, with their weights, so
/// a secretary knows the form needs every one of them.
pub fn combine_help(s: &mut String, checklist: &Checklist) {
    let Some(weights) = &checklist.combine else {
        return;
    };
    let levels: Vec<String> = weights
        .iter()
        .map(|(l, w)| format!("[{}] {}", l.name(), w.percent()))
        .collect();
    writeln!(
        s,
        "{}",
        t!("combined-levels-help", levels = levels.join(" + "))
    )
    .unwrap();
}

/// The help line on several raters (SPEC §11.8).
pub fn ratings_help(s: &mut String) {
    writeln!(
        s,
        "{}  {{ ratings = [3, 2.5] }}",
        tr("several-raters-are-written-as")
    )
    .unwrap();
}

/// `[measures]`: one line per measure, counts to fill in (`""` is "not filled in" until
/// then), its title and the points derived from it in a comment.
pub fn measures_section(s: &mut String, checklist: &Checklist, full_marks: bool) {
    if checklist.measures.is_empty() {
        return;
    }
    s.push_str(&tr("measures-counts-or-a-rate"));
    s.push_str("[measures]\n");
    for m in &checklist.measures {
        let points: Vec<&str> = checklist
            .points()
            .filter(|p| p.measure.as_deref() == Some(m.id.as_str()))
            .map(|p| p.id.as_str())
            .collect();
        let comment = if points.is_empty() {
            m.title.clone()
        } else {
            t!(
                "measure-scores-points",
                title = m.title,
                points = points.join(", ")
            )
        };
        let value = if full_marks {
            "{ of = 40, count = 40 }"
        } else {
            "{ of = \"\", count = \"\" }"
        };
        writeln!(s, "{} = {value}  # {comment}", key(&m.id)).unwrap();
    }
    s.push('\n');
}

/// What a bonus's or a penalty's comment says it takes: a count and the points each, with its
/// cap or none (上不封顶), or points up to its max. `None` for a plain bonus, whose comment
/// keeps its v1 wording.
pub fn counted_comment(b: &Bonus) -> Option<String> {
    let per = b.per?;
    Some(match b.max {
        Some(max) => t!(
            "a-count-per-each-at-most",
            title = b.title,
            per = per,
            max = max
        ),
        None => t!("a-count-per-each-no-cap", title = b.title, per = per),
    })
}

/// `[penalties]`: each penalty at 0, its title and whether it takes a count or points.
pub fn penalties_section(s: &mut String, checklist: &Checklist) {
    if checklist.penalties.is_empty() {
        return;
    }
    let heading = match checklist.penalty_cap {
        Some(cap) => t!("penalties-at-most-in-all", cap = cap),
        None => tr("penalties-subtracted-from-the-total"),
    };
    writeln!(s, "{heading}\n[penalties]").unwrap();
    for p in &checklist.penalties {
        let comment = counted_comment(p).unwrap_or_else(|| {
            t!(
                "points-at-most",
                title = p.title,
                max = p.max.unwrap_or(crate::points::Points::ZERO)
            )
        });
        writeln!(s, "{} = 0  # {comment}", key(&p.id)).unwrap();
    }
    s.push('\n');
}

/// The commented hint that a level may grant its own bonus and penalties (SPEC §11.10).
pub fn level_tables_hint(s: &mut String, checklist: &Checklist) {
    if checklist.bonus.is_empty() && checklist.penalties.is_empty() {
        return;
    }
    s.push_str(&tr("a-level-may-hold-its-own"));
    if let Some(b) = checklist.bonus.first() {
        writeln!(s, "# [acceptance.bonus]\n# {} = 0", key(&b.id)).unwrap();
    }
    if let Some(p) = checklist.penalties.first() {
        writeln!(s, "# [acceptance.penalties]\n# {} = 0", key(&p.id)).unwrap();
    }
    s.push('\n');
}

/// The item rules its header names after its points: the minimum (its own or `[pass]
/// min_item`), the item floor and the weight.
pub fn item_rules(checklist: &Checklist, item: &Item) -> String {
    let mut out = String::new();
    match checklist.item_min(item) {
        Some(ItemMin::Points(min)) => out.push_str(&t!("at-least-min-to-pass", min = min)),
        Some(ItemMin::Share(rate)) => {
            out.push_str(&t!("at-least-share-to-pass", min = rate.percent()))
        }
        None => {}
    }
    if item.floor_item {
        out.push_str(&tr("deductions-floored-at-0-for-the-item"));
    }
    if let Some(weight) = item.weight {
        out.push_str(&t!("weight-of-the-base", weight = weight.percent()));
    }
    out
}

/// A point's deduction cap, for its comment.
pub fn point_rules(point: &Point) -> String {
    match point.max_deduction {
        Some(cap) => t!("deductions-at-most", cap = cap),
        None => String::new(),
    }
}

/// The comment of a derived point: from the survey, or from a measure.
pub fn derived_rule(checklist: &Checklist, point: &Point) -> String {
    match point.measure.as_deref() {
        Some(id) => {
            let title = checklist
                .measures
                .iter()
                .find(|m| m.id == id)
                .map_or("", |m| m.title.as_str());
            t!(
                "max-scored-from-measure",
                max = point.max,
                measure = id,
                title = title
            )
        }
        None => t!("max-scored-from-the-satisfaction-survey", max = point.max),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;

    fn checklist(text: &str) -> Checklist {
        Checklist::parse(SourceFile::new("checklist.toml", text)).expect("valid checklist")
    }

    const ONE_POINT: &str = "title = \"T\"\n[[items]]\nid = \"1\"\ntitle = \"I\"\n\
        [[items.points]]\nid = \"1.1\"\ntitle = \"P\"\nmax = 5\n";

    #[test]
    fn only_a_checklist_using_a_rule_of_section_11_gets_the_v2_text() {
        assert!(!uses_rules_v2(&checklist(crate::reference_checklist())));
        assert!(!uses_rules_v2(&checklist(ONE_POINT)));
        for rule in [
            "max_deduction = 2\n",
            "[[penalties]]\nid = \"P1\"\ntitle = \"C\"\nmax = 1\n",
            "[[bonus]]\nid = \"B1\"\ntitle = \"C\"\nper = 1\n",
            "[[bands]]\nname = \"all\"\n",
            "[pass]\nmin_item = \"60%\"\n",
        ] {
            let text = if rule.starts_with("max_") {
                format!("{ONE_POINT}{rule}")
            } else {
                format!("{ONE_POINT}\n{rule}")
            };
            assert!(uses_rules_v2(&checklist(&text)), "{rule}");
        }
    }

    #[test]
    fn a_counted_entry_says_count_points_each_and_its_cap_or_none() {
        let c = checklist(&format!(
            "{ONE_POINT}[[bonus]]\nid = \"B1\"\ntitle = \"Days\"\nper = 0.5\n\
             [[bonus]]\nid = \"B2\"\ntitle = \"Honours\"\nper = 2\nmax = 6\n\
             [[bonus]]\nid = \"B3\"\ntitle = \"Brand\"\nmax = 2\n"
        ));
        let said: Vec<Option<String>> = c.bonus.iter().map(counted_comment).collect();
        assert_eq!(
            said,
            [
                Some("Days: a count, 0.5 points each, no cap".to_string()),
                Some("Honours: a count, 2 points each, at most 6".to_string()),
                None
            ]
        );
    }
}
