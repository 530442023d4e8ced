//! Reading a spreadsheet file (CSV, xlsx, xls, ods) into a [`Grid`] of cells, within limits
//! that refuse hostile files (a zip bomb, a stray cell making millions of empty ones). Pure
//! reading: the cells, or why the file cannot be read; what the cells mean is
//! [`crate::read::grid`]'s.

use std::path::Path;

use anyhow::{Context, anyhow, bail};

use crate::i18n::Shown;

use crate::read::grid::{self, CellValue, Grid, GridRow};

/// The worksheet to read: the one named with `--sheet`, else the workbook's first.
fn sheet_to_read(names: &[String], chosen: Option<&str>, file: &str) -> anyhow::Result<String> {
    match chosen {
        Some(s) => Ok(s.to_string()),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| anyhow!(Shown(both!("has-no-worksheet", path = file)))),
    }
}

/// Reads a CSV or xlsx file into a grid of cells, keeping each row's number in the sheet.
pub fn read_grid(path: &Path, sheet_name: Option<&str>) -> anyhow::Result<Grid> {
    let name = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let non_empty = |cells: &[CellValue]| {
        cells
            .iter()
            .any(|c| !matches!(c, CellValue::Empty) && c != &CellValue::Text(String::new()))
    };
    if matches!(ext.as_str(), "xlsx" | "xlsm") {
        return read_xlsx(path, sheet_name);
    }
    if matches!(ext.as_str(), "xls" | "ods") {
        use calamine::{Data, Reader};
        if ext == "ods" {
            let bytes = read_bounded(path)?;
            check_zip(&name, &bytes)?;
        }
        let mut book = calamine::open_workbook_auto(path)
            .with_context(|| Shown(both!("cannot-open", path = name)))?;
        let sheet = sheet_to_read(&book.sheet_names(), sheet_name, &name)?;
        let range = book.worksheet_range(&sheet).with_context(|| {
            Shown(both!(
                "cannot-read-the-worksheet",
                path = name,
                sheet = format!("{sheet:?}")
            ))
        })?;
        // The range starts at its first used cell, which need not be A1.
        let (row0, col0) = range
            .start()
            .map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, r)| GridRow {
                number: row0 + i + 1,
                cells: r
                    .iter()
                    .map(|c| match c {
                        Data::Empty => CellValue::Empty,
                        Data::Float(f) => CellValue::Number(*f),
                        Data::Int(i) => CellValue::Number(*i as f64),
                        Data::Bool(b) => CellValue::Text(b.to_string()),
                        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
                            CellValue::Date(c.to_string())
                        }
                        other => CellValue::Text(other.to_string()),
                    })
                    .collect(),
            })
            .filter(|r| non_empty(&r.cells))
            .collect();
        return Ok(Grid {
            name,
            rows,
            first_column: col0,
            problems: Vec::new(),
        });
    }
    let bytes =
        std::fs::read(path).with_context(|| Shown(both!("cannot-read-path", path = name)))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow!(Shown(both!("is-not-utf-8-save-it", path = name))))?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Lines counted so far, up to byte `counted`: each record's line is found by counting
    // only the text since the previous one (linear in the file, not quadratic).
    let (mut counted, mut lines) = (0usize, 0usize);
    for record in reader.records() {
        let record = record.with_context(|| Shown(both!("not-valid-csv", path = name)))?;
        // The line where the record starts: blank lines are skipped by the reader, and
        // messages must still name the row a spreadsheet shows.
        let number = record.position().map_or(rows.len() + 1, |p| {
            let mut at = (p.byte() as usize).min(text.len());
            while text[at..].starts_with(['\r', '\n']) {
                at += 1;
            }
            if at >= counted {
                lines += text.as_bytes()[counted..at]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                counted = at;
            }
            lines + 1
        });
        let cells: Vec<CellValue> = record.iter().map(|c| CellValue::Text(unguard(c))).collect();
        if non_empty(&cells) {
            rows.push(GridRow { number, cells });
        }
    }
    Ok(Grid {
        name,
        rows,
        first_column: 0,
        problems: Vec::new(),
    })
}

/// The largest spreadsheet file import reads.
const MAX_SHEET_FILE: u64 = 256 << 20;
/// The largest part of a workbook (a worksheet's XML, the shared strings), uncompressed.
const MAX_PART: u64 = 256 << 20;
/// All parts of a workbook together, uncompressed.
const MAX_UNZIPPED: u64 = 1 << 30;
/// The most parts a workbook may have.
const MAX_PARTS: usize = 10_000;
/// The most cells import holds: rows × columns of the area between the first and the last
/// cell that holds anything.
const MAX_CELLS: u64 = 10_000_000;

/// A spreadsheet file's bytes, refused beyond [`MAX_SHEET_FILE`].
fn read_bounded(path: &Path) -> anyhow::Result<Vec<u8>> {
    use std::io::Read;
    let name = path.display();
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SHEET_FILE + 1).read_to_end(&mut bytes))
        .with_context(|| Shown(both!("cannot-read-path", path = name)))?;
    if bytes.len() as u64 > MAX_SHEET_FILE {
        bail!(Shown(both!(
            "is-larger-than-mb-import-reads",
            file = name,
            max = MAX_SHEET_FILE >> 20
        )));
    }
    Ok(bytes)
}

/// Refuses a workbook (a zip) whose parts unpack to more than the limits, by unpacking each
/// into nothing, counting: the sizes the zip declares are not trusted.
fn check_zip(name: &str, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .with_context(|| Shown(both!("cannot-open-not-an-xlsx-workbook", path = name)))?;
    if zip.len() > MAX_PARTS {
        bail!(Shown(both!(
            "has-parts-import-reads-workbooks-of",
            file = name,
            n = zip.len(),
            max = MAX_PARTS
        )));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .with_context(|| Shown(both!("cannot-open-a-damaged-xlsx-workbook", path = name)))?;
        let part_name = part
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| format!("part {i}"));
        let size = std::io::copy(&mut (&mut part).take(MAX_PART + 1), &mut std::io::sink())
            .with_context(|| {
                Shown(both!(
                    "cannot-open-is-damaged",
                    path = name,
                    part = part_name
                ))
            })?;
        total += size;
        if size > MAX_PART || total > MAX_UNZIPPED {
            bail!(Shown(both!(
                "unpacks-to-more-than-mb-alone",
                file = name,
                max = if size > MAX_PART {
                    MAX_PART
                } else {
                    MAX_UNZIPPED
                } >> 20,
                part = part_name,
                size = size >> 20
            )));
        }
    }
    Ok(())
}

/// Reads an xlsx worksheet cell by cell, holding only the cells that hold anything, within
/// [`MAX_CELLS`]; formula cells without a saved result become diagnostics.
fn read_xlsx(path: &Path, sheet_name: Option<&str>) -> anyhow::Result<Grid> {
    use calamine::{DataRef, Reader, Xlsx};
    let name = path.display().to_string();
    let bytes = read_bounded(path)?;
    check_zip(&name, &bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .with_context(|| Shown(both!("cannot-open", path = name)))?;
    let sheet = sheet_to_read(&book.sheet_names(), sheet_name, &name)?;
    let mut reader = book.worksheet_cells_reader(&sheet).with_context(|| {
        Shown(both!(
            "cannot-read-the-worksheet",
            path = name,
            sheet = format!("{sheet:?}")
        ))
    })?;
    let mut cells: Vec<((u32, u32), CellValue)> = Vec::new();
    let mut problems = Vec::new();
    // The area between the first and the last cell that holds anything.
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0u32, 0u32);
    while let Some(cell) = reader.next_cell_with_formula().with_context(|| {
        Shown(both!(
            "cannot-read-the-worksheet",
            path = name,
            sheet = format!("{sheet:?}")
        ))
    })? {
        let (row, col) = cell.pos;
        let value = match &cell.value {
            DataRef::Empty => CellValue::Empty,
            DataRef::Float(f) => CellValue::Number(*f),
            DataRef::Int(i) => CellValue::Number(*i as f64),
            DataRef::Bool(b) => CellValue::Text(b.to_string()),
            DataRef::String(s) => CellValue::Text(s.clone()),
            DataRef::SharedString(s) => CellValue::Text(s.to_string()),
            DataRef::DateTime(_) | DataRef::DateTimeIso(_) | DataRef::DurationIso(_) => {
                CellValue::Date(calamine::Data::from(cell.value.clone()).to_string())
            }
            other => CellValue::Text(calamine::Data::from(other.clone()).to_string()),
        };
        let blank = matches!(&value, CellValue::Empty)
            || matches!(&value, CellValue::Text(t) if t.is_empty());
        if let Some(formula) = cell.formula.as_deref().filter(|_| blank) {
            problems.push(grid::cell_problem(
                &name,
                row as usize + 1,
                col as usize,
                both!(
                    "the-formula-has-no-saved-result",
                    cell = format!("{}{}", grid::column_letter(col as usize), row as u64 + 1),
                    formula = formula
                ),
            ));
            continue;
        }
        if blank {
            continue;
        }
        top = top.min(row);
        left = left.min(col);
        bottom = bottom.max(row);
        right = right.max(col);
        let area = u64::from(bottom - top + 1) * u64::from(right - left + 1);
        if area > MAX_CELLS {
            let at =
                |r: u32, c: u32| format!("{}{}", grid::column_letter(c as usize), r as u64 + 1);
            bail!(Shown(both!(
                "cell-makes-the-used-range-rows",
                file = name,
                cell = at(row, col),
                from = at(top, left),
                to = at(bottom, right),
                rows = bottom - top + 1,
                columns = right - left + 1,
                max = MAX_CELLS
            )));
        }
        cells.push(((row, col), value));
    }
    // Rows in order, each from the first column of the used area to its last cell.
    cells.sort_by_key(|(pos, _)| *pos);
    let mut rows: Vec<GridRow> = Vec::new();
    for ((row, col), value) in cells {
        let number = row as usize + 1;
        if rows.last().is_none_or(|r| r.number != number) {
            rows.push(GridRow {
                number,
                cells: Vec::new(),
            });
        }
        let r = rows.last_mut().expect("just pushed");
        let at = (col - left) as usize;
        if r.cells.len() <= at {
            r.cells.resize(at + 1, CellValue::Empty);
        }
        r.cells[at] = value;
    }
    Ok(Grid {
        name,
        rows,
        first_column: if left == u32::MAX { 0 } else { left as usize },
        problems,
    })
}

/// Undoes the CSV formula guard of [`crate::render::csv::guard`], so an exported sheet
/// imports back unchanged.
fn unguard(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}
