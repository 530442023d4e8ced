//! A record's `[[rectification]]` tasks (整改, SPEC §12.3): each read through a
//! [`TableReader`], so a missing or misspelt key is reported at its position like any other.

use std::path::Path;

use crate::i18n::Text;
use crate::read::checklist::Checklist;
use crate::read::spanned::{self, Node, Sink, TableReader, TomlValue};

use super::Task;
use super::value::read_evidence;

const TASK_KEYS: &[&str] = &["point", "task", "due", "done", "evidence"];

/// Every task of `rectification`, which must be an array of tables; a task with a problem
/// is reported and left out (the record is then invalid anyway).
pub(super) fn read_tasks(
    sink: &mut Sink,
    node: &Node<'_>,
    checklist: &Checklist,
    root: Option<&Path>,
) -> Vec<Task> {
    let TomlValue::Array(items) = node.get_ref() else {
        sink.error(
            node.span(),
            problem!(MustBeAListOfTables {
                what: "[[rectification]]",
                kind: crate::i18n::Word(spanned::kind(node.get_ref()))
            }),
        );
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, n)| read_task(sink, n, i + 1, checklist, root))
        .collect()
}

fn read_task(
    sink: &mut Sink,
    node: &Node<'_>,
    n: usize,
    checklist: &Checklist,
    root: Option<&Path>,
) -> Option<Task> {
    let what: Text = both!("rectification-entry", n = n);
    let mut t = TableReader::of(sink, node, what.clone())?;
    let point = match t.get("point") {
        None => Some(None),
        Some(p) => {
            spanned::text(sink, p, || both!("key-in", key = "point", what = what)).and_then(|id| {
                if checklist.point(&id).is_some() {
                    return Some(Some(id));
                }
                let ids: Vec<&str> = checklist.points().map(|p| p.id.as_str()).collect();
                let message = match spanned::nearest(&id, &ids) {
                    Some(near) => problem!(TaskUnknownPointDidYouMean { what, id, near }),
                    None => problem!(TaskUnknownPoint { what, id }),
                };
                sink.error(p.span(), message);
                None
            })
        }
    };
    let task_node = t.get("task");
    let task = match task_node {
        Some(node) => spanned::text(sink, node, || both!("key-in", key = "task", what = what)),
        None => t.text(sink, "task", true),
    };
    let due = t.date(sink, "due", true);
    let done = t.date(sink, "done", false);
    let evidence = t
        .get("evidence")
        .map(|e| read_evidence(sink, e, &what, root))
        .unwrap_or_default();
    t.finish(sink, TASK_KEYS);
    // The task's text: the line a gate's annotation points at, the one people read.
    let at = task_node.map_or(node.span(), |k| k.span());
    let (line, column) = sink.file.position(sink.map(at).start);
    Some(Task {
        point: point?,
        task: task?,
        due: due?,
        done,
        evidence,
        line,
        column,
    })
}
