//! Pure: rectification (整改, SPEC §12.3) judged on one day: each task's status and days,
//! the count of each status per period × org and per period, and the points that lost
//! points without a task of their own record (`untracked`).
//!
//! The status of a task is decided in [`judge`] alone, so the view, the HTML page and
//! `check --deny overdue` cannot disagree about which task is overdue.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::points::Points;
use crate::read::record::{Kept, Record, Task};
use crate::score::{How, Scored};

/// Where a task stands on the day it is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskStatus {
    /// Not done, due on or after the day.
    Open,
    /// Not done, due before the day.
    Overdue,
    /// Done on or before its due date.
    Done,
    /// Done after its due date.
    Late,
}

impl TaskStatus {
    /// The name in JSON and in the catalogue (English).
    pub fn name(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Overdue => "overdue",
            TaskStatus::Done => "done",
            TaskStatus::Late => "late",
        }
    }
}

/// A task's status on `as_of` and its days: overdue by, or late by; 0 otherwise. A task done
/// is judged by its dates alone, whatever the day.
pub fn judge(task: &Task, as_of: NaiveDate) -> (TaskStatus, i64) {
    match task.done {
        Some(done) if done <= task.due => (TaskStatus::Done, 0),
        Some(done) => (TaskStatus::Late, (done - task.due).num_days()),
        None if task.due >= as_of => (TaskStatus::Open, 0),
        None => (TaskStatus::Overdue, (as_of - task.due).num_days()),
    }
}

/// One task with its record and its status.
#[derive(Clone, Debug)]
pub struct TaskRow<'r> {
    pub org: &'r str,
    pub branch: &'r str,
    pub period: &'r str,
    pub file: &'r str,
    pub task: &'r Task,
    pub status: TaskStatus,
    pub days: i64,
}

/// The count of each status in a period × org, or a whole period (`org` is `None`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub period: String,
    pub org: Option<String>,
    pub open: u64,
    pub overdue: u64,
    pub done: u64,
    pub late: u64,
}

impl StatusCounts {
    fn add(&mut self, status: TaskStatus) {
        match status {
            TaskStatus::Open => self.open += 1,
            TaskStatus::Overdue => self.overdue += 1,
            TaskStatus::Done => self.done += 1,
            TaskStatus::Late => self.late += 1,
        }
    }
}

/// A point that lost points at its record's effective level with no task of that record.
#[derive(Clone, Debug)]
pub struct Untracked<'r> {
    pub org: &'r str,
    pub branch: &'r str,
    pub period: &'r str,
    pub file: &'r str,
    pub point: &'r str,
    pub title: &'r str,
    /// max − score.
    pub lost: Points,
}

/// The rectification view.
#[derive(Clone, Debug)]
pub struct Rectification<'r> {
    /// The day the tasks were judged on.
    pub as_of: NaiveDate,
    /// Sorted by org, branch, period, due (file order among equals).
    pub tasks: Vec<TaskRow<'r>>,
    /// Per period: each org with a record, then the period as a whole.
    pub counts: Vec<StatusCounts>,
    /// Sorted by org, branch, period, point (byte-wise, like every id in SPEC §1).
    pub untracked: Vec<Untracked<'r>>,
}

impl Rectification<'_> {
    /// The overdue tasks, most days overdue first (the HTML page's order).
    pub fn overdue_first(&self) -> Vec<&TaskRow<'_>> {
        let mut rows: Vec<&TaskRow<'_>> = self.tasks.iter().collect();
        // Stable: equal days keep the view's order. Overdue before the rest.
        rows.sort_by_key(|r| (r.status != TaskStatus::Overdue, -r.days));
        rows
    }
}

/// Whether any of `records` has a task: `--view all` and the HTML page show the view only
/// then, so that a root that does not use rectification reads as before.
pub fn any_task<'a>(mut records: impl Iterator<Item = &'a Record>) -> bool {
    records.any(|r| !r.rectification.is_empty())
}

/// The view over records scored at their effective level with point detail
/// ([`crate::score::Detail::Points`]), each by its own checklist.
pub fn rectification<'r>(scored: &[Scored<'r>], as_of: NaiveDate) -> Rectification<'r> {
    let mut tasks = Vec::new();
    let mut counts: BTreeMap<(&str, Option<&str>), StatusCounts> = BTreeMap::new();
    let mut untracked = Vec::new();
    for s in scored {
        let record: &'r Record = s.record;
        for group in [Some(record.org()), None] {
            counts
                .entry((record.period(), group))
                .or_insert_with(|| StatusCounts {
                    period: record.period().to_string(),
                    org: group.map(str::to_string),
                    ..StatusCounts::default()
                });
        }
        for task in &record.rectification {
            let (status, days) = judge(task, as_of);
            for group in [Some(record.org()), None] {
                if let Some(c) = counts.get_mut(&(record.period(), group)) {
                    c.add(status);
                }
            }
            tasks.push(TaskRow {
                org: &record.org,
                branch: &record.branch,
                period: &record.period,
                file: &record.file,
                task,
                status,
                days,
            });
        }
        for p in s.items.iter().flat_map(|i| &i.points) {
            let counted = !matches!(
                p.how,
                How::NotApplicable | How::Missing | How::DerivedNoSurvey | How::MeasureMissing(_)
            );
            let tasked = record
                .rectification
                .iter()
                .any(|t| t.point.as_deref() == Some(p.id()));
            if counted && p.score < p.max() && !tasked {
                untracked.push(Untracked {
                    org: &record.org,
                    branch: &record.branch,
                    period: &record.period,
                    file: &record.file,
                    point: p.id(),
                    title: p.title(),
                    lost: p.max() - p.score,
                });
            }
        }
    }
    tasks.sort_by(|a, b| {
        (a.org, a.branch, a.period, a.task.due).cmp(&(b.org, b.branch, b.period, b.task.due))
    });
    untracked.sort_by(|a, b| {
        (a.org, a.branch, a.period, a.point).cmp(&(b.org, b.branch, b.period, b.point))
    });
    // Each period's orgs in order, then the period as a whole (SPEC §7's row order).
    let mut counts: Vec<StatusCounts> = counts.into_values().collect();
    counts.sort_by(|a, b| {
        (&a.period, a.org.is_none(), &a.org).cmp(&(&b.period, b.org.is_none(), &b.org))
    });
    Rectification {
        as_of,
        tasks,
        counts,
        untracked,
    }
}

/// One overdue task, as `check --deny overdue` keeps it while the records are read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Overdue {
    pub org: String,
    pub branch: String,
    pub period: String,
    pub due: NaiveDate,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub point: Option<String>,
    pub task: String,
    pub days: i64,
}

/// The overdue tasks of `record` on `as_of`: all check keeps of its tasks, so the gate needs
/// no record's values once it has been read. Sorted like the view's tasks.
pub fn overdue(record: &Record, as_of: NaiveDate) -> Vec<Overdue> {
    record
        .rectification
        .iter()
        .filter_map(|t| match judge(t, as_of) {
            (TaskStatus::Overdue, days) => Some(Overdue {
                org: record.org.clone(),
                branch: record.branch.clone(),
                period: record.period.clone(),
                due: t.due,
                file: record.file.clone(),
                line: t.line,
                column: t.column,
                point: t.point.clone(),
                task: t.task.clone(),
                days,
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(due: &str, done: Option<&str>) -> Task {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        Task {
            point: None,
            task: "t".into(),
            due: day(due),
            done: done.map(day),
            evidence: Vec::new(),
            line: 1,
            column: 1,
        }
    }

    #[test]
    fn status_on_each_side_of_the_due_date() {
        let as_of = "2025-03-01".parse().unwrap();
        assert_eq!(
            judge(&task("2025-03-01", None), as_of),
            (TaskStatus::Open, 0)
        );
        assert_eq!(
            judge(&task("2025-02-28", None), as_of),
            (TaskStatus::Overdue, 1)
        );
        assert_eq!(
            judge(&task("2025-01-31", Some("2025-01-31")), as_of),
            (TaskStatus::Done, 0)
        );
        // Across a month end: 11 days left in December, then 6.
        assert_eq!(
            judge(&task("2024-12-20", Some("2025-01-06")), as_of),
            (TaskStatus::Late, 17)
        );
        // Done after the day it is judged on: still judged by its dates.
        assert_eq!(
            judge(&task("2025-04-01", Some("2025-03-20")), as_of),
            (TaskStatus::Done, 0)
        );
    }
}
