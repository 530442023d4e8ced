//! What `audit import` writes: a sheet record (read by [`crate::read::grid`]) into a record
//! file's TOML text, with toml_edit: text in, text out. Authoring, not reading, so it sits
//! here and words its problems and changes for people (`t!`) as the import reports them. Only
//! values the sheet changes are touched; sections keep the shape the file gives them
//! ([`section`]), replaced values keep their spacing and comments ([`set_value`]), a point
//! written as a table keeps its note and evidence ([`set_entry`]), and the file's byte-order
//! mark and CR LF line endings are kept.

use std::collections::BTreeMap;

use toml_edit::{DocumentMut, Item, Table, TableLike, value};

use crate::i18n::tr;
use crate::points::Points;
use crate::read::checklist::{Bonus, Checklist, Point};
use crate::read::record::value_points;
use crate::read::record::{Assessment, Level, Record, Value};
use chrono::Datelike;

use crate::read::grid::{SheetMeasure, SheetRecord, SheetSurvey, Signature};

/// A point value as a TOML value.
fn value_of(checklist: &Checklist, id: &str, v: &Value) -> toml_edit::Value {
    match v {
        Value::Points(p) => points_value(*p),
        Value::Grade(g) => checklist
            .point(id)
            .map_or(String::new(), |p| p.grades[*g].0.clone())
            .into(),
        Value::NotApplicable => "na".into(),
        // Sheets never produce deductions.
        Value::Deductions(_) => "".into(),
        Value::Ratings(list) => {
            let ratings: toml_edit::Array =
                list.iter().map(|r| value_of(checklist, id, r)).collect();
            let mut t = toml_edit::InlineTable::new();
            t.insert("ratings", ratings.into());
            t.into()
        }
    }
}

fn points_value(p: Points) -> toml_edit::Value {
    if p.hundredths() % 100 == 0 {
        (p.hundredths() / 100).into()
    } else {
        p.to_f64().into()
    }
}

/// What importing a sheet record does to a record file.
pub struct Update {
    /// The new file text.
    pub text: String,
    /// Values the file has that the sheet changes (allowed only with --force): the level's
    /// sheet row, and a description (`[review] 1.1 is 3 in the file, 2.5 in the sheet`).
    pub changes: Vec<(usize, String)>,
    /// Cells that cannot be written even with --force (a point below 0 that the file's
    /// deductions do not give): the level's sheet row, and why.
    pub refused: Vec<(usize, String)>,
}

/// A value as a change names it: a grade or "na" quoted, points as a number.
fn shown(point: &Point, v: &Value) -> String {
    match v {
        Value::Grade(g) => format!("{:?}", point.grades[*g].0),
        Value::NotApplicable => "\"na\"".into(),
        other => value_points(point, other).map_or(String::new(), |p| p.to_string()),
    }
}

/// Applies a sheet record to a record file's text (`existing`), or writes a new record.
///
/// Merges value by value: a cell that scores what the file already gives leaves the file's
/// entry untouched (with its deductions, reasons, note and evidence); an empty cell leaves
/// it too; a different value is reported in `changes`. Tables whose values do not change
/// are not rewritten, so comments and layout survive (toml_edit).
pub fn apply(
    checklist: &Checklist,
    sheet: &SheetRecord,
    existing: Option<(&str, &Record)>,
) -> Result<Update, String> {
    // The file's byte-order mark and line endings are the file's: toml_edit sees the text
    // without the mark, and what it adds is given the file's line ending afterwards.
    let (bom, body) = match existing {
        Some((text, _)) => match text.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", text),
        },
        None => ("", ""),
    };
    let doc: DocumentMut = match existing {
        Some(_) => body
            .parse()
            .map_err(|e: toml_edit::TomlError| t!("cannot-edit-the-record", e = e))?,
        None => {
            let mut d = DocumentMut::new();
            d["org"] = value(sheet.org.as_str());
            d["branch"] = value(sheet.branch.as_str());
            d["period"] = value(sheet.period.as_str());
            d
        }
    };
    let mut edit = Edit {
        doc,
        record: existing.map(|(_, r)| r),
        first: sheet.row,
        changes: Vec::new(),
        refused: Vec::new(),
    };
    if let Some(survey) = &sheet.survey {
        edit.survey(survey)?;
    }
    edit.measures(checklist, sheet)?;
    edit.vetoes(checklist, sheet)?;
    edit.bonus(checklist, sheet)?;
    edit.penalties(checklist, sheet)?;
    // Levels after the survey, vetoes, bonus and penalties, as in a form.
    edit.levels(checklist, sheet)?;
    let mut text = edit.doc.to_string();
    if existing.is_some() && uses_crlf(body) {
        text = crlf(&text);
    }
    Ok(Update {
        text: format!("{bom}{text}"),
        changes: edit.changes,
        refused: edit.refused,
    })
}

/// A record file being edited: its document, the record it held (`None` for a new file),
/// and the changes made to values it gave.
struct Edit<'r> {
    doc: DocumentMut,
    record: Option<&'r Record>,
    /// The record's first sheet row: where changes to the survey, vetoes and bonus are
    /// reported.
    first: usize,
    changes: Vec<(usize, String)>,
    refused: Vec<(usize, String)>,
}

impl Edit<'_> {
    /// Writes the sheet's survey where the file says something else (or nothing).
    fn survey(&mut self, survey: &SheetSurvey) -> Result<(), String> {
        let record = self.record;
        let same = record
            .and_then(|r| r.survey.as_ref())
            .is_some_and(|s| survey.same_as(s));
        if same {
            return Ok(());
        }
        if record.is_some_and(|r| r.survey.is_some()) {
            self.changes
                .push((self.first, tr("the-survey-differs-from-the-file")));
        }
        let (t, inline) = section(&mut self.doc, "satisfaction")?;
        match survey {
            SheetSurvey::Counts {
                surveyed,
                satisfied,
            } => {
                t.remove("rate");
                set_value(t, inline, "surveyed", (*surveyed as i64).into());
                set_value(t, inline, "satisfied", (*satisfied as i64).into());
            }
            SheetSurvey::Rate(r) => {
                t.remove("surveyed");
                t.remove("satisfied");
                set_value(t, inline, "rate", r.as_str().into());
            }
        }
        Ok(())
    }

    /// Writes each measure cell that differs from the file, in checklist order.
    fn measures(&mut self, checklist: &Checklist, sheet: &SheetRecord) -> Result<(), String> {
        let record = self.record;
        for (i, m) in checklist.measures.iter().enumerate() {
            let Some(cell) = sheet.measures.get(&m.id) else {
                continue;
            };
            let had = record.and_then(|r| r.measures.get(i).copied().flatten());
            if had.is_some_and(|h| cell.same_as(&h)) {
                continue;
            }
            if let Some(was) = had {
                self.changes.push((
                    self.first,
                    t!(
                        "measure-is-in-the-file-in",
                        id = m.id,
                        was = SheetMeasure::of(&was).cell(),
                        now = cell.cell()
                    ),
                ));
            }
            let (t, inline) = section(&mut self.doc, "measures")?;
            let value: toml_edit::Value = match cell {
                SheetMeasure::Counts { count, of } => {
                    let mut counts = toml_edit::InlineTable::new();
                    counts.insert("of", (*of as i64).into());
                    counts.insert("count", (*count as i64).into());
                    counts.into()
                }
                SheetMeasure::Rate(r) => r.as_str().into(),
            };
            set_value(t, inline, &m.id, value);
        }
        Ok(())
    }

    /// Writes each veto cell that differs from the file, in checklist order.
    fn vetoes(&mut self, checklist: &Checklist, sheet: &SheetRecord) -> Result<(), String> {
        let record = self.record;
        for v in &checklist.vetoes {
            let Some(&triggered) = sheet.vetoes.get(&v.id) else {
                continue;
            };
            let was = record.is_some_and(|r| r.vetoes.contains(&v.id));
            if was == triggered {
                continue;
            }
            if record.is_some() {
                self.changes.push((
                    self.first,
                    t!(
                        "veto-is-in-the-file-in",
                        id = v.id,
                        was = was,
                        now = triggered
                    ),
                ));
            }
            let (t, inline) = section(&mut self.doc, "vetoes")?;
            set_value(t, inline, &v.id, triggered.into());
        }
        Ok(())
    }

    /// Writes each bonus cell that differs from the file, in checklist order. A 0 for a
    /// bonus an existing file leaves out says the same as the file.
    fn bonus(&mut self, checklist: &Checklist, sheet: &SheetRecord) -> Result<(), String> {
        let had = self.record.map(|r| r.bonus.as_slice());
        self.given(&checklist.bonus, &sheet.bonus, had, false)
    }

    /// Writes each penalty cell that differs from the file, as [`Edit::bonus`] does.
    fn penalties(&mut self, checklist: &Checklist, sheet: &SheetRecord) -> Result<(), String> {
        let had = self.record.map(|r| r.penalties.as_slice());
        self.given(&checklist.penalties, &sheet.penalties, had, true)
    }

    /// The record's `[bonus]` or (with `penalty`) `[penalties]` table from the sheet's cells.
    fn given(
        &mut self,
        defs: &[Bonus],
        cells: &BTreeMap<String, Points>,
        file: Option<&[(String, Points)]>,
        penalty: bool,
    ) -> Result<(), String> {
        for b in defs {
            let Some(&points) = cells.get(&b.id) else {
                continue;
            };
            let had = file.and_then(|t| t.iter().find(|(id, _)| *id == b.id));
            if had.map(|(_, p)| *p) == Some(points)
                || (had.is_none() && points == Points::ZERO && file.is_some())
            {
                continue;
            }
            if let Some((_, was)) = had {
                let change = if penalty {
                    t!(
                        "penalty-is-in-the-file-in",
                        id = b.id,
                        was = was,
                        now = points
                    )
                } else {
                    t!(
                        "bonus-is-in-the-file-in",
                        id = b.id,
                        was = was,
                        now = points
                    )
                };
                self.changes.push((self.first, change));
            }
            let name = if penalty { "penalties" } else { "bonus" };
            let (t, inline) = section(&mut self.doc, name)?;
            set_value(t, inline, &b.id, points_value(points));
        }
        Ok(())
    }

    /// Writes a level's date and signature where the sheet gives one the file does not
    /// (SPEC §12.1); one the file gives otherwise is a change, reported at the level's row.
    fn signature(
        &mut self,
        level: Level,
        row: usize,
        signature: &Signature,
        current: Option<&Assessment>,
    ) -> Result<(), String> {
        let was_date = current.and_then(|a| a.date);
        if let Some(date) = signature.date
            && was_date != Some(date)
        {
            if let Some(was) = was_date {
                self.changes.push((
                    row,
                    t!(
                        "is-in-the-file-in-the",
                        level = level,
                        id = "date",
                        was = was,
                        now = date
                    ),
                ));
            }
            let day = toml_edit::Datetime {
                date: Some(toml_edit::Date {
                    year: u16::try_from(date.year()).map_err(|_| date.to_string())?,
                    month: date.month() as u8,
                    day: date.day() as u8,
                }),
                time: None,
                offset: None,
            };
            let (t, inline) = section(&mut self.doc, level.name())?;
            set_value(t, inline, "date", day.into());
        }
        let was_by = current.and_then(|a| a.by.as_deref());
        if let Some(by) = signature.by.as_deref()
            && was_by != Some(by)
        {
            if let Some(was) = was_by {
                self.changes.push((
                    row,
                    t!(
                        "is-in-the-file-in-the",
                        level = level,
                        id = "by",
                        was = format!("{was:?}"),
                        now = format!("{by:?}")
                    ),
                ));
            }
            let (t, inline) = section(&mut self.doc, level.name())?;
            set_value(t, inline, "by", by.into());
        }
        Ok(())
    }

    /// Writes each point value of each level that differs from the file's, reported at the
    /// level's sheet row.
    fn levels(&mut self, checklist: &Checklist, sheet: &SheetRecord) -> Result<(), String> {
        for (level, values) in &sheet.levels {
            let row = sheet.level_rows.get(level).copied().unwrap_or(self.first);
            let current = self.record.and_then(|r| r.level(*level));
            if let Some(signature) = sheet.signatures.get(level) {
                self.signature(*level, row, signature, current)?;
            }
            for (id, v) in values {
                let Some(point) = checklist.point(id) else {
                    continue;
                };
                let position = checklist.position(id).unwrap_or(usize::MAX);
                if let Some(entry) = current.and_then(|a| a.get(position)) {
                    // Values that score the same are the same: a point scored by deductions
                    // in the file and by its result in the sheet is unchanged.
                    if value_points(point, &entry.value) == value_points(point, v) {
                        continue;
                    }
                }
                if let Some(score) = crate::read::grid::below_zero_figure(point, v) {
                    self.refused.push((
                        row,
                        t!(
                            "below-zero-only-from-deductions",
                            level = level,
                            id = id,
                            score = score
                        ),
                    ));
                    continue;
                }
                if let Some(entry) = current.and_then(|a| a.get(position)) {
                    self.changes.push((
                        row,
                        t!(
                            "is-in-the-file-in-the",
                            level = level,
                            id = id,
                            was = shown(point, &entry.value),
                            now = shown(point, v)
                        ),
                    ));
                }
                let (t, inline) = section(&mut self.doc, level.name())?;
                set_entry(t, inline, id, value_of(checklist, id, v));
            }
        }
        Ok(())
    }
}

/// The section `name` of a record, in whichever shape the file gives it: a `[name]` table,
/// dotted keys (`name."1.1" = 3`) or an inline table (`name = { "1.1" = 3 }`). A missing
/// section is added as a `[name]` table at the end.
/// Comes back with whether it is inline.
fn section<'d>(
    doc: &'d mut DocumentMut,
    name: &str,
) -> Result<(&'d mut dyn TableLike, bool), String> {
    if !doc.contains_key(name) {
        doc.insert(name, Item::Table(Table::new()));
    }
    match doc.get_mut(name) {
        Some(Item::Table(t)) => {
            // `[acceptance."2.2"]` alone makes `acceptance` an implicit table: a value put
            // in it needs its header.
            if t.is_implicit() {
                t.set_implicit(false);
            }
            Ok((t, false))
        }
        Some(Item::Value(toml_edit::Value::InlineTable(t))) => Ok((t, true)),
        _ => Err(t!("cannot-edit-the-record-is-not", name = name)),
    }
}

/// Sets `key` to `new`, keeping the spacing and comment around the value it replaces.
fn set_value(t: &mut dyn TableLike, inline: bool, key: &str, new: toml_edit::Value) {
    match t.get_mut(key) {
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
        }
        _ => {
            // In an inline table the space before `}` follows the last value: it moves to
            // the value added after it (`{ B1 = 2, B2 = 1 }`, not `{ B1 = 2 , B2 = 1 }`).
            let mut new = new;
            if inline
                && let Some((_, Item::Value(last))) = t.iter_mut().last()
                && let Some(space) = last.decor().suffix().cloned()
                && space.as_str().is_some_and(|s| s.trim().is_empty())
            {
                last.decor_mut().set_suffix("");
                new.decor_mut().set_suffix(space);
            }
            t.insert(key, Item::Value(new));
        }
    }
}

/// Sets a point's value. A value written as a table (`{ score = …, note = … }`, or
/// deductions) keeps its note and evidence: only its score is replaced.
/// Ratings (`{ ratings = […] }`) go in as the entry's `ratings`, replacing its score.
fn set_entry(t: &mut dyn TableLike, inline: bool, key: &str, new: toml_edit::Value) {
    let ratings = match &new {
        toml_edit::Value::InlineTable(r) => r.get("ratings").cloned(),
        _ => None,
    };
    let (field, value, other) = match ratings {
        Some(list) => ("ratings", list, "score"),
        None => ("score", new.clone(), "ratings"),
    };
    match t.get_mut(key) {
        Some(Item::Value(toml_edit::Value::InlineTable(entry))) => {
            entry.remove("deductions");
            entry.remove(other);
            set_value(entry, true, field, value);
        }
        Some(Item::Table(entry)) => {
            entry.remove("deductions");
            entry.remove(other);
            set_value(entry, false, field, value);
        }
        _ => set_value(t, inline, key, new),
    }
}

/// Whether a text ends its lines with CR LF (every line break is one).
fn uses_crlf(text: &str) -> bool {
    let breaks = text.matches('\n').count();
    breaks > 0 && text.matches("\r\n").count() == breaks
}

/// `text` with every bare LF made CR LF.
fn crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut prev = '\0';
    for c in text.chars() {
        if c == '\n' && prev != '\r' {
            out.push('\r');
        }
        out.push(c);
        prev = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::apply;
    use crate::read::grid::parse_grid;
    use crate::read::grid::tests::{checklist, record, sheet};

    #[test]
    fn a_cell_that_scores_what_the_file_gives_leaves_the_file_as_it_is() {
        let checklist = checklist();
        let text = "org = \"A\"\r\nbranch = \"x\"\r\nperiod = \"2025\"\r\n\r\n[review]\r\n\
                    \"1.1\" = \"fair\" # kept\r\n\"1.2\" = 0\r\n\
                    \"1.3\" = { deductions = [ { points = 1.5, times = 3, reason = \"missed\" } ] }\r\n";
        let existing = record(&checklist, text);
        // 10 − 1.5 × 3 = 5.5: the sheet's result of the deductions is the same value.
        let grid = sheet(&[
            "org,branch,period,level,1.1,1.2,1.3",
            "A,x,2025,review,7.5,,5.5",
        ]);
        let sheet_record = &parse_grid(&checklist, &grid).unwrap()[0];
        let update = apply(&checklist, sheet_record, Some((text, &existing))).unwrap();
        assert_eq!(update.text, text);
        assert_eq!(update.changes, []);

        // "na" is not a 0: the change is reported, and the line written with the file's CR LF.
        let grid = sheet(&["org,branch,period,level,1.2", "A,x,2025,review,na"]);
        let sheet_record = &parse_grid(&checklist, &grid).unwrap()[0];
        let update = apply(&checklist, sheet_record, Some((text, &existing))).unwrap();
        assert_eq!(
            update.changes,
            [(
                2,
                "[review] 1.2 is 0 in the file, \"na\" in the sheet".to_string()
            )]
        );
        assert_eq!(update.text, text.replace("\"1.2\" = 0", "\"1.2\" = \"na\""));
    }
}
