//! The authoring commands at the edge: `init`, `new`, `import`, `export-sheet`, `schema`,
//! `completions`, `man`. They read and write files and print; the content they write comes
//! from [`crate::author::form`], [`crate::read::grid`] and [`crate::author::schema`].

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};

use crate::author::form::{self, FormHeader};
use crate::author::schema;
use crate::cli::{Filters, LevelArg, Paths, SchemaKind, SheetFormat};
use crate::cmd::{Outcome, print_diagnostics_only};
use crate::diagnostic::Diagnostic;
use crate::discover::{self, ROSTER_FILE};
use crate::i18n::tr;
use crate::output;
use crate::read::checklist::{CHECKLIST_FILE, Checklist};
use crate::read::grid::{self, CellValue, ExportCell, Grid, GridRow};
use crate::read::load::{self, LoadError, Loaded};
use crate::read::record::{Level, Record};
use crate::render::csv::guard;

/// The record schema's file name at the records root (written by `init`, named by forms).
pub const RECORD_SCHEMA_FILE: &str = "record.schema.json";

pub fn level_of(arg: LevelArg) -> Level {
    match arg {
        LevelArg::SelfAssessment => Level::SelfAssessment,
        LevelArg::Review => Level::Review,
        LevelArg::Acceptance => Level::Acceptance,
    }
}

/// The checklist for `dir` (or `--checklist`), and the records root.
fn checklist_at(
    dir: &Path,
    checklist: Option<&Path>,
) -> anyhow::Result<Result<(discover::Root, Checklist), Outcome>> {
    let root = discover::find_root(dir, checklist)?;
    let name = discover::relative(&root.dir, &root.checklist)
        .unwrap_or_else(|| root.checklist.display().to_string());
    let read = match checklist {
        Some(_) => load::read_source(&root.checklist, name),
        None => {
            load::read_source_inside(&crate::fence::Fence::new(&root.dir), &root.checklist, name)
        }
    };
    match read.map_err(|d| vec![d]).and_then(Checklist::parse) {
        Ok(c) => Ok(Ok((root, c))),
        Err(diags) => {
            print_diagnostics_only(&diags);
            crate::output::tell(format_args!("{}", tr("the-checklist-is-invalid")));
            Ok(Err(Outcome::Invalid))
        }
    }
}

// ── init ────────────────────────────────────────────────────────────────────────────────

const OFFICE_README: &str = "# Assessment records

This folder holds the assessment records of the standardisation programme, one TOML file per
branch and period, scored by `audit`.

- `checklist.toml`: the checklist (items, points, maxima, pass rules). Change it only by
  agreement; `[expect]` guards its totals.
- `roster.toml`: the branches expected to be assessed, with `from`/`until` periods. Until you
  list your branches there, the compliance report has no one to count.
- `<org>/<branch>/<period>.toml`: a record. Start one with
  `audit new --org ORG --branch BRANCH --period PERIOD`, fill in every \"\", then run
  `audit check`.
- `example-subsidiary/example-branch-delete-me/`: an example record, full marks at acceptance.
  It is not in the roster, so it counts in no compliance rate or benchmark; delete it once
  your own records are in.
- `record.schema.json`: lets editors (VS Code with Even Better TOML, or taplo) complete and
  check records while you type.

Every day:

    audit check .                  # every problem in every file, with line and column
    audit score .                  # one row per record
    audit report --view all .      # compliance, trend, levels, items, benchmark candidates
    audit report --format xlsx -o report.xlsx .   # for the meeting
";

const OFFICE_README_ZH: &str = "# 考核记录

本文件夹存放党支部标准化规范化建设的考核记录，每个支部每个年度一个 TOML 文件，由 `audit` 计分。

- `checklist.toml`：考核评分表（项目、评分点、分值、达标规则）。修改须经商定；
  `[expect]` 用于核对其总分。
- `roster.toml`：应参加考核的支部名单，可用 `from`/`until` 注明起止年度。在名单中列出
  本单位的支部之前，达标率报告没有可统计的支部。
- `<单位>/<支部>/<年度>.toml`：一份考核记录。用
  `audit --lang zh new --org 单位 --branch 支部 --period 年度` 生成空白表，填写每一处 \"\"，
  然后运行 `audit --lang zh check`。
- `示例子公司/示例支部-请删除/`：一份示例记录（验收层级满分）。它不在支部名单中，不计入
  达标率和标杆评选；录入本单位的记录后请删除。
- `record.schema.json`：供编辑器（VS Code 的 Even Better TOML 插件或 taplo）在录入时
  补全和检查记录。

日常使用：

    audit --lang zh check .                  # 列出每个文件的全部问题及行号、列号
    audit --lang zh score .                  # 每份记录一行
    audit --lang zh report --view all .      # 达标率、趋势、层级对比、失分分析、标杆候选
    audit --lang zh report --format xlsx -o report.xlsx .   # 会议用表格
";

const GITIGNORE: &str = "# Exports for meetings are made from the records, not kept beside them.
/exports/
# Lock files of Excel, WPS and LibreOffice while a sheet is open.
~$*
.~lock.*#
# audit import's lock, and its journal while a sheet is being written.
/.audit-lock
/.audit-journal/
";

const GITIGNORE_ZH: &str = "# 会议用的导出文件由记录生成，不与记录一同保存。
/exports/
# Excel、WPS 和 LibreOffice 打开表格时产生的锁文件。
~$*
.~lock.*#
# audit import 的锁文件，以及写入表格期间的日志。
/.audit-lock
/.audit-journal/
";

/// `init`'s roster: no branch listed, only how to list one, with the example branch as the
/// pattern. The example record stays out of it so that it never counts as a branch.
fn init_roster(org: &str, branch: &str) -> String {
    let (org, branch) = (form::quote(org), form::quote(branch));
    if crate::i18n::zh() {
        format!(
            "# 应参加考核的支部名单，每个支部一个 [[branch]]。年中新设或合并的支部可注明\n\
             # from = \"2025\"（首个年度）或 until = \"2024\"（最后一个年度）。\n\
             #\n\
             # 示例记录的支部有意不列入名单，因此不计入达标率和标杆候选。\n\
             # 请按下面的格式列出本单位的支部（去掉行首的 #）：\n\
             #\n\
             # [[branch]]\n# org = {org}\n# branch = {branch}\n"
        )
    } else {
        // untranslated: the English roster; the Chinese one is above
        format!(
            "# The branches expected to be assessed, one [[branch]] each. A branch founded or\n\
             # merged mid-way gets from = \"2025\" (first period) or until = \"2024\" (last period).\n\
             #\n\
             # The example record's branch is left out on purpose, so it never counts in the\n\
             # compliance figures or the benchmark. List your branches like this (without the #):\n\
             #\n\
             # [[branch]]\n# org = {org}\n# branch = {branch}\n"
        )
    }
}

pub fn init_cmd(dir: &Path, force: bool) -> anyhow::Result<Outcome> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| t!("cannot-read-path", path = dir.display()))?;
        if entries.next().is_some() && !force {
            bail!(
                "{}",
                t!("is-not-empty-audit-init-only", dir = dir.display())
            );
        }
    }
    let zh = crate::i18n::zh();
    let reference = crate::reference_checklist();
    let checklist = Checklist::parse(crate::diagnostic::SourceFile::new(
        CHECKLIST_FILE,
        reference,
    ))
    .map_err(|_| anyhow!("{}", tr("the-embedded-reference-checklist-is-invalid")))?;
    let year = chrono::Local::now().format("%Y").to_string();
    // The example's names say what it is wherever a branch is listed (score, check).
    let (org, branch) = if zh {
        ("示例子公司", "示例支部（请删除）")
    } else {
        ("Example Subsidiary", "Example branch (delete me)")
    };
    let record_path = form::record_path(Path::new(""), org, branch, &year);
    let record_path = record_path
        .to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/");
    let schema_rel = format!("../../{RECORD_SCHEMA_FILE}");
    let example = form::example_record(
        &checklist,
        &FormHeader {
            org,
            branch,
            period: &year,
            schema: Some(&schema_rel),
        },
    );
    let roster = init_roster(org, branch);
    let schema = serde_json::to_string_pretty(&schema::record_schema(&checklist))? + "\n";
    let files: [(&str, &str); 6] = [
        (CHECKLIST_FILE, reference),
        (ROSTER_FILE, &roster),
        (
            "README.md",
            if zh { OFFICE_README_ZH } else { OFFICE_README },
        ),
        (".gitignore", if zh { GITIGNORE_ZH } else { GITIGNORE }),
        (RECORD_SCHEMA_FILE, &schema),
        (&record_path, &example),
    ];
    std::fs::create_dir_all(dir).with_context(|| t!("cannot-create-path", path = dir.display()))?;
    // With --force, init writes into a folder that is not empty, but still never replaces
    // a file: an existing checklist or roster is the office's, not a template.
    let mut kept = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if path.exists() {
            kept.push(rel.to_string());
            continue;
        }
        output::prepare_write(dir, &path)?;
        output::write_file_atomic(&path, text.as_bytes(), false)?;
    }
    for rel in &kept {
        crate::output::tell(format_args!("{}", t!("kept-the-existing", rel = rel)));
    }
    let d = dir.display();
    // The next steps keep the language they were asked in.
    let lang = if crate::i18n::zh() { "--lang zh " } else { "" };
    crate::output::say(format_args!(
        "{}
  {CHECKLIST_FILE}        {}
  {ROSTER_FILE}           {}
  {record_path}   {}
  README.md, .gitignore, {RECORD_SCHEMA_FILE}

{}
  cd {d} && git init
  audit {lang}new --org ORG --branch BRANCH --period {year}     {}
  audit {lang}check .                                          {}
  audit {lang}score .                                          {}",
        t!("started-a-records-root-in", dir = d),
        tr("the-reference-checklist-10-items-33"),
        tr("the-branches-expected-each-period-none"),
        tr("an-example-record-not-in-the"),
        tr("next-steps"),
        tr("a-blank-form-for-each-branch"),
        tr("after-filling-in"),
        tr("one-row-per-record"),
    ))?;
    Ok(Outcome::Success)
}

// ── new ─────────────────────────────────────────────────────────────────────────────────

#[allow(clippy::too_many_arguments)]
pub fn new_cmd(
    org: Option<&str>,
    branch: Option<&str>,
    period: Option<&str>,
    level: Option<LevelArg>,
    from: Option<&Path>,
    output: Option<&Path>,
    force: bool,
    checklist: Option<&Path>,
    dir: &Path,
) -> anyhow::Result<Outcome> {
    if let Some(file) = from {
        return new_level_cmd(file, level.map(level_of), output, force, checklist);
    }
    let (Some(org), Some(branch), Some(period)) = (org, branch, period) else {
        bail!("{}", tr("give-org-branch-and-period-or"));
    };
    for (flag, v) in [("--org", org), ("--branch", branch), ("--period", period)] {
        if v.trim().is_empty() {
            bail!("{}", t!("must-not-be-empty-flag", flag = flag));
        }
    }
    let (root, checklist) = match checklist_at(dir, checklist)? {
        Ok(x) => x,
        Err(o) => return Ok(o),
    };
    let level = level.map_or(Level::SelfAssessment, level_of);
    let to_stdout = output.is_some_and(|o| o == Path::new("-"));
    let headers = if to_stdout {
        std::collections::HashMap::new()
    } else {
        record_headers(&root)?
    };
    // Beside the branch's (or its org's) existing records, as import places them: a form
    // for 华晋证券 goes into `huajin-securities/…` where that org already lives.
    let path = match output {
        Some(o) if !to_stdout => o.to_path_buf(),
        Some(_) => PathBuf::new(),
        None => Homes::of(&root.dir, &headers).place(&root.dir, org, branch, period),
    };
    // One record per branch and period: point at the existing one instead of starting a
    // duplicate that would knock both out of the scores. --force may replace that record's
    // own file (a form to start again), never write a second one elsewhere.
    if !to_stdout
        && let Some(file) = headers.get(&(org.to_string(), branch.to_string(), period.to_string()))
        && !(force && same_file(&file.path, &path))
    {
        bail!(
            "{}",
            t!(
                "already-has-a-record-to-add",
                org = org,
                branch = branch,
                period = period,
                file = file.name,
                path = shown_path(&file.path)
            )
        );
    }
    let schema = (!to_stdout && root.dir.join(RECORD_SCHEMA_FILE).is_file())
        .then(|| schema_reference(&root.dir, &path))
        .flatten();
    let text = form::record_form(
        &checklist,
        &FormHeader {
            org,
            branch,
            period,
            schema: schema.as_deref(),
        },
        level,
    );
    if to_stdout {
        output::write_stdout(text.as_bytes())?;
        return Ok(Outcome::Success);
    }
    if path.exists() && !force {
        bail!(
            "{}",
            t!(
                "already-exists-a-record-whose-names",
                file = shown_path(&path)
            )
        );
    }
    output::prepare_write(&root.dir, &path)?;
    output::write_file_atomic(&path, text.as_bytes(), force)?;
    crate::output::tell(format_args!(
        "{}",
        t!("wrote-fill-in-every-then-run", file = shown_path(&path))
    ));
    Ok(Outcome::Success)
}

/// The `#:schema` path from a form at `form` to the root's schema: relative inside the root.
fn schema_reference(root: &Path, form: &Path) -> Option<String> {
    let form = discover::absolute(form);
    let rel = form.parent()?.strip_prefix(root).ok()?;
    let ups = rel.components().count();
    Some(format!("{}{RECORD_SCHEMA_FILE}", "../".repeat(ups)))
}

/// `new --from FILE`: add a level to a record, starting from its highest level.
fn new_level_cmd(
    file: &Path,
    level: Option<Level>,
    output: Option<&Path>,
    force: bool,
    checklist: Option<&Path>,
) -> anyhow::Result<Outcome> {
    if !file.is_file() {
        bail!("{}", t!("no-such-file-or-folder", path = file.display()));
    }
    let (root, checklist) = match checklist_at(file, checklist)? {
        Ok(x) => x,
        Err(o) => return Ok(o),
    };
    let abs = discover::absolute(file);
    let name = discover::relative(&root.dir, &abs).unwrap_or_else(|| file.display().to_string());
    let fence = crate::fence::Fence::new(&root.dir);
    let source = load::read_source_inside(&fence, &abs, name).map_err(|d| anyhow!("{d}"))?;
    let (record, diags) = Record::parse(source.clone(), &checklist, Some(&root.dir));
    print_diagnostics_only(&diags);
    let Some(record) = record else {
        return Ok(Outcome::Invalid);
    };
    let highest = record.effective_level().ok_or_else(|| {
        anyhow!(
            "{}",
            t!("has-no-level-to-start-from", file = file.display())
        )
    })?;
    let level = match level {
        Some(l) => l,
        None => match highest {
            Level::SelfAssessment => Level::Review,
            Level::Review => Level::Acceptance,
            Level::Acceptance => bail!(
                "{}",
                t!("already-has-every-level-name-one", file = file.display())
            ),
        },
    };
    let table = form::level_from(&checklist, &record, level).ok_or_else(|| {
        anyhow!(
            "{}",
            t!("has-no-level-to-start-from", file = file.display())
        )
    })?;
    match output {
        Some(o) if o == Path::new("-") => output::write_stdout(table.as_bytes())?,
        Some(o) => output::write_file_atomic(o, table.as_bytes(), force)?,
        None => {
            let original = fence
                .read(&abs)
                .map_err(|_| anyhow!("{}", t!("cannot-read-path", path = file.display())))?;
            let crlf = original.windows(2).any(|w| w == b"\r\n");
            let mut bytes = if record.level(level).is_some() {
                if !force {
                    bail!(
                        "{}",
                        t!(
                            "already-has-pass-force-to-replace",
                            file = file.display(),
                            level = level
                        )
                    );
                }
                let mut doc: toml_edit::DocumentMut =
                    source.text.parse().map_err(|e: toml_edit::TomlError| {
                        anyhow!("{}", t!("cannot-edit", path = file.display(), e = e))
                    })?;
                doc.remove(level.name());
                doc.to_string().into_bytes()
            } else {
                // Appending keeps every byte of the file as it was: a BOM, CRLF line ends.
                original
            };
            if !bytes.ends_with(b"\n") {
                bytes.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            }
            let table = if crlf {
                table.replace('\n', "\r\n")
            } else {
                table
            };
            bytes.extend_from_slice(table.as_bytes());
            output::prepare_write(&root.dir, &abs)?;
            output::write_file_atomic(&abs, &bytes, true)?;
            crate::output::tell(format_args!(
                "{}",
                t!(
                    "added-to-started-from-review-the",
                    level = level,
                    file = file.display(),
                    from = highest
                )
            ));
        }
    }
    Ok(Outcome::Success)
}

// ── import / export-sheet ───────────────────────────────────────────────────────────────

/// The worksheet to read: the one named with `--sheet`, else the workbook's first.
fn sheet_to_read(names: &[String], chosen: Option<&str>, file: &str) -> anyhow::Result<String> {
    match chosen {
        Some(s) => Ok(s.to_string()),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| anyhow!("{}", t!("has-no-worksheet", path = file))),
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
        let mut book =
            calamine::open_workbook_auto(path).with_context(|| t!("cannot-open", path = name))?;
        let sheet = sheet_to_read(&book.sheet_names(), sheet_name, &name)?;
        let range = book.worksheet_range(&sheet).with_context(|| {
            t!(
                "cannot-read-the-worksheet",
                path = name,
                sheet = format!("{sheet:?}")
            )
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
    let bytes = std::fs::read(path).with_context(|| t!("cannot-read-path", path = name))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow!("{}", t!("is-not-utf-8-save-it", path = name)))?;
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
        let record = record.with_context(|| t!("not-valid-csv", path = name))?;
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
        .with_context(|| t!("cannot-read-path", path = name))?;
    if bytes.len() as u64 > MAX_SHEET_FILE {
        bail!(
            "{}",
            t!(
                "is-larger-than-mb-import-reads",
                file = name,
                max = MAX_SHEET_FILE >> 20
            )
        );
    }
    Ok(bytes)
}

/// Refuses a workbook (a zip) whose parts unpack to more than the limits, by unpacking each
/// into nothing, counting: the sizes the zip declares are not trusted.
fn check_zip(name: &str, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .with_context(|| t!("cannot-open-not-an-xlsx-workbook", path = name))?;
    if zip.len() > MAX_PARTS {
        bail!(
            "{}",
            t!(
                "has-parts-import-reads-workbooks-of",
                file = name,
                n = zip.len(),
                max = MAX_PARTS
            )
        );
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .with_context(|| t!("cannot-open-a-damaged-xlsx-workbook", path = name))?;
        let part_name = part
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| format!("part {i}"));
        let size = std::io::copy(&mut (&mut part).take(MAX_PART + 1), &mut std::io::sink())
            .with_context(|| t!("cannot-open-is-damaged", path = name, part = part_name))?;
        total += size;
        if size > MAX_PART || total > MAX_UNZIPPED {
            bail!(
                "{}",
                t!(
                    "unpacks-to-more-than-mb-alone",
                    file = name,
                    max = if size > MAX_PART {
                        MAX_PART
                    } else {
                        MAX_UNZIPPED
                    } >> 20,
                    part = part_name,
                    size = size >> 20
                )
            );
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
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes)).with_context(|| t!("cannot-open", path = name))?;
    let sheet = sheet_to_read(&book.sheet_names(), sheet_name, &name)?;
    let mut reader = book.worksheet_cells_reader(&sheet).with_context(|| {
        t!(
            "cannot-read-the-worksheet",
            path = name,
            sheet = format!("{sheet:?}")
        )
    })?;
    let mut cells: Vec<((u32, u32), CellValue)> = Vec::new();
    let mut problems = Vec::new();
    // The area between the first and the last cell that holds anything.
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0u32, 0u32);
    while let Some(cell) = reader.next_cell_with_formula().with_context(|| {
        t!(
            "cannot-read-the-worksheet",
            path = name,
            sheet = format!("{sheet:?}")
        )
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
                t!(
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
            bail!(
                "{}",
                t!(
                    "cell-makes-the-used-range-rows",
                    file = name,
                    cell = at(row, col),
                    from = at(top, left),
                    to = at(bottom, right),
                    rows = bottom - top + 1,
                    columns = right - left + 1,
                    max = MAX_CELLS
                )
            );
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

/// Undoes the CSV formula guard of [`guard`], so an exported sheet imports back unchanged.
fn unguard(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

fn load_root(dir: &Path, checklist: Option<&Path>) -> anyhow::Result<Result<Loaded, Outcome>> {
    match load::load(&[dir.to_path_buf()], checklist) {
        Ok(l) => Ok(Ok(l)),
        Err(LoadError::Definition(diags)) => {
            print_diagnostics_only(&diags);
            crate::output::tell(format_args!("{}", tr("the-checklist-is-invalid")));
            Ok(Err(Outcome::Invalid))
        }
        Err(e) => Err(e.into()),
    }
}

pub fn import_cmd(
    file: &Path,
    sheet_name: Option<&str>,
    force: bool,
    checklist: Option<&Path>,
    dir: &Path,
) -> anyhow::Result<Outcome> {
    // The whole records root, not only `dir`: an existing record elsewhere in it must be
    // found, never duplicated.
    let root = discover::find_root(dir, checklist)?;
    let grid = read_grid(file, sheet_name)?;
    // Read, plan and write under the root's lock, after finishing (or undoing) whatever an
    // interrupted import left: the records planned from are the records written over.
    let lock = output::RootLock::take(&root.dir)?;
    if let Some(done) = output::recover(&lock)? {
        output::tell(format_args!("{done}"));
    }
    let loaded = match load_root(&root.dir, checklist)? {
        Ok(l) => l,
        Err(o) => return Ok(o),
    };
    // Problems of the root beyond single records (a link out of it, a name that is not
    // UTF-8, the roster) hide where records live: a sheet is not merged into such a root,
    // or its rows could land beside records that discovery could not see.
    let root_problems: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && !loaded.invalid.iter().any(|i| i.file == d.file))
        .cloned()
        .collect();
    if !root_problems.is_empty() {
        print_diagnostics_only(&root_problems);
        crate::output::tell(format_args!(
            "{}",
            tr("nothing-was-imported-fix-the-records")
        ));
        return Ok(Outcome::Invalid);
    }
    let target_dir = discover::absolute(dir);
    let records = match grid::parse_grid(&loaded.checklist, &grid) {
        Ok(r) => r,
        Err(diags) => {
            print_diagnostics_only(&diags);
            crate::output::tell(format_args!("{}", tr("nothing-was-imported-fix-the-sheet")));
            return Ok(Outcome::Invalid);
        }
    };
    let mut problems: Vec<(usize, String)> = Vec::new();
    let mut writes: Vec<output::Planned> = Vec::new();
    let mut targets: std::collections::BTreeMap<PathBuf, usize> = std::collections::BTreeMap::new();
    let valid: std::collections::HashMap<(&str, &str, &str), &Record> = loaded
        .records
        .iter()
        .map(|r| ((r.org.as_str(), r.branch.as_str(), r.period.as_str()), r))
        .collect();
    let headers = record_headers(&loaded.root)?;
    let homes = Homes::of(&loaded.root.dir, &headers);
    for sr in &records {
        let existing = valid
            .get(&(sr.org.as_str(), sr.branch.as_str(), sr.period.as_str()))
            .copied();
        let (path, text) = match existing {
            Some(r) => {
                let path = loaded.root.dir.join(&r.file);
                let text = std::fs::read_to_string(&path)
                    .with_context(|| t!("cannot-read-path", path = r.file))?;
                (path, Some(text))
            }
            None => {
                // A record that does not load yet (a blank form, an error) is still this
                // branch's: importing beside it would make a duplicate.
                let key = (sr.org.clone(), sr.branch.clone(), sr.period.clone());
                if let Some(file) = headers.get(&key) {
                    problems.push((
                        sr.row,
                        t!(
                            "has-a-record-that-is-not",
                            org = sr.org,
                            branch = sr.branch,
                            period = sr.period,
                            file = file.name
                        ),
                    ));
                    continue;
                }
                let base = if target_dir.starts_with(&loaded.root.dir) {
                    &target_dir
                } else {
                    &loaded.root.dir
                };
                let path = homes.place(base, &sr.org, &sr.branch, &sr.period);
                if path.exists() {
                    let holder = loaded
                        .records
                        .iter()
                        .find(|r| loaded.root.dir.join(&r.file) == path)
                        .map_or(tr("a-file-that-is-not-a"), |r| {
                            t!(
                                "the-record-of",
                                org = r.org,
                                branch = r.branch,
                                period = r.period
                            )
                        });
                    problems.push((
                        sr.row,
                        t!(
                            "would-go-to-which-holds",
                            org = sr.org,
                            branch = sr.branch,
                            period = sr.period,
                            file = shown_path(&path),
                            holder = holder
                        ),
                    ));
                    continue;
                }
                (path, None)
            }
        };
        // Two rows' records whose names fold to the same folder must not overwrite each other.
        if let Some(other) = targets.insert(path.clone(), sr.row) {
            problems.push((
                sr.row,
                t!(
                    "and-the-record-of-row-would",
                    org = sr.org,
                    branch = sr.branch,
                    period = sr.period,
                    other = other,
                    file = shown_path(&path)
                ),
            ));
            continue;
        }
        let update = match grid::apply(&loaded.checklist, sr, text.as_deref().zip(existing)) {
            Ok(u) => u,
            Err(e) => {
                problems.push((sr.row, e));
                continue;
            }
        };
        if !force {
            for (row, change) in &update.changes {
                problems.push((
                    *row,
                    t!(
                        "pass-force-to-replace-it",
                        file = shown_path(&path),
                        change = change
                    ),
                ));
            }
        }
        // The written text must itself be a valid record: checked with the same validation
        // as `audit check`, before anything is written.
        let name = discover::relative(&loaded.root.dir, &path).unwrap_or_default();
        let (_, diags) = Record::parse(
            crate::diagnostic::SourceFile::new(name, update.text.clone()),
            &loaded.checklist,
            Some(&loaded.root.dir),
        );
        for d in diags.iter().filter(|d| d.is_error()) {
            problems.push((
                sr.row,
                t!("the-record-would-be-invalid", problem = d.shown()),
            ));
        }
        if text.as_deref() != Some(update.text.as_str()) {
            writes.push(output::Planned {
                path,
                bytes: update.text.into_bytes(),
                old: text.map(String::into_bytes),
            });
        }
    }
    if !problems.is_empty() {
        problems.sort();
        for (row, p) in &problems {
            crate::output::tell(format_args!(
                "{}:{row}: {}: {}",
                grid.name,
                tr("error"),
                t!("row", row = row, problem = p)
            ));
        }
        crate::output::tell(format_args!("{}", tr("nothing-was-imported")));
        return Ok(Outcome::Invalid);
    }
    output::write_batch(&lock, &writes)?;
    let updated = writes.iter().filter(|w| w.old.is_some()).count();
    let rows = grid.rows.len().saturating_sub(1);
    if crate::i18n::zh() {
        crate::output::say(format_args!(
            "{}",
            t!(
                "imported-rows-of-new-records-updated",
                rows = rows,
                file = grid.name,
                new = writes.len() - updated,
                updated = updated,
                unchanged = records.len() - writes.len()
            )
        ))?;
    } else {
        crate::output::say(format_args!(
            "imported {rows} row{} of {}: {} new record{}, {updated} updated, {} unchanged",
            if rows == 1 { "" } else { "s" },
            grid.name,
            writes.len() - updated,
            if writes.len() - updated == 1 { "" } else { "s" },
            records.len() - writes.len(),
        ))?;
    }
    Ok(Outcome::Success)
}

/// (org, branch, period): what names a record.
type RecordKey = (String, String, String);

/// Every record file under `root` by the org / branch / period its header names, valid or
/// not. Only the three header keys are read, so a form whose levels are still blank (not yet
/// a valid record) counts too: it is that branch's record wherever it was moved. Where two
/// files name the same key, the first in name order stands (the duplicate is `check`'s to
/// report).
fn record_headers(
    root: &discover::Root,
) -> anyhow::Result<std::collections::HashMap<RecordKey, discover::RecordFile>> {
    use rayon::prelude::*;
    let (files, _) = discover::record_files(root, std::slice::from_ref(&root.dir))?;
    let fence = crate::fence::Fence::new(&root.dir);
    let keyed: Vec<(RecordKey, discover::RecordFile)> = files
        .into_par_iter()
        .filter_map(|f| {
            let header = String::from_utf8(fence.read(&f.path).ok()?)
                .ok()?
                .parse::<toml::Table>()
                .ok()?;
            let get = |key: &str| header.get(key)?.as_str().map(str::to_string);
            Some(((get("org")?, get("branch")?, get("period")?), f))
        })
        .collect();
    let mut by_key = std::collections::HashMap::with_capacity(keyed.len());
    for (key, file) in keyed {
        by_key.entry(key).or_insert(file);
    }
    Ok(by_key)
}

/// Where an org's and a branch's records already live, so that a new record goes beside
/// them (`huajin-securities/…`) rather than into a folder named after the sheet's spelling
/// (`华晋证券/…`).
struct Homes {
    /// (org, branch) → the folder holding that branch's records.
    branches: std::collections::HashMap<(String, String), PathBuf>,
    /// org → the folder holding that org's branch folders.
    orgs: std::collections::HashMap<String, PathBuf>,
}

impl Homes {
    /// The folders of the records under `root`: where a branch's or org's records are in
    /// several folders, the one holding most of them (then the first by name).
    fn of(
        root: &Path,
        headers: &std::collections::HashMap<RecordKey, discover::RecordFile>,
    ) -> Homes {
        use std::collections::{BTreeMap, HashMap};
        let mut branches: HashMap<(String, String), BTreeMap<PathBuf, usize>> = HashMap::new();
        let mut orgs: HashMap<String, BTreeMap<PathBuf, usize>> = HashMap::new();
        for ((org, branch, _), file) in headers {
            // A branch folder is a folder below the root; an org folder is one above a
            // branch folder, still below the root.
            let Some(dir) = file
                .path
                .parent()
                .filter(|d| *d != root && d.starts_with(root))
            else {
                continue;
            };
            *branches
                .entry((org.clone(), branch.clone()))
                .or_default()
                .entry(dir.to_path_buf())
                .or_default() += 1;
            if let Some(up) = dir.parent().filter(|d| *d != root && d.starts_with(root)) {
                *orgs
                    .entry(org.clone())
                    .or_default()
                    .entry(up.to_path_buf())
                    .or_default() += 1;
            }
        }
        fn most<K>(m: HashMap<K, BTreeMap<PathBuf, usize>>) -> HashMap<K, PathBuf>
        where
            K: std::hash::Hash + Eq,
        {
            m.into_iter()
                .filter_map(|(k, dirs)| {
                    let top = dirs.values().copied().max()?;
                    let dir = dirs.into_iter().find(|(_, n)| *n == top)?.0;
                    Some((k, dir))
                })
                .collect()
        }
        Homes {
            branches: most(branches),
            orgs: most(orgs),
        }
    }

    /// Where a new record of `org / branch / period` goes: in its branch's folder, else in
    /// a folder for the branch inside its org's folder, else where [`form::record_path`]
    /// puts it below `base`.
    fn place(&self, base: &Path, org: &str, branch: &str, period: &str) -> PathBuf {
        let file = format!("{}.toml", form::slug(period));
        if let Some(dir) = self.branches.get(&(org.to_string(), branch.to_string())) {
            return dir.join(file);
        }
        if let Some(dir) = self.orgs.get(org) {
            return dir.join(form::slug(branch)).join(file);
        }
        form::record_path(base, org, branch, period)
    }
}

/// Whether two paths name the same file (both must exist to be compared as files).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A path as a person reads it: relative to the current folder where possible.
fn shown_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .unwrap_or(path)
        .display()
        .to_string()
}

pub fn export_sheet_cmd(
    paths: &Paths,
    filters: &Filters,
    format: Option<SheetFormat>,
    output: Option<&Path>,
    force: bool,
    bom: bool,
) -> anyhow::Result<Outcome> {
    let loaded = match load::load_at(
        &paths.or_here(),
        paths.checklist.as_deref(),
        paths.at.as_deref(),
    ) {
        Ok(l) => l,
        Err(LoadError::Definition(diags)) => {
            print_diagnostics_only(&diags);
            crate::output::tell(format_args!("{}", tr("the-checklist-is-invalid")));
            return Ok(Outcome::Invalid);
        }
        Err(e) => return Err(e.into()),
    };
    crate::cmd::check_filters(&[&loaded], filters)?;
    // Only errors matter here: roster warnings do not change what is exported.
    let errors: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    print_diagnostics_only(&errors);
    let records = crate::cmd::filter_records(&loaded.records, filters);
    let header = grid::columns(&loaded.checklist);
    let rows = grid::export_rows(&loaded.checklist, &records);
    let format = format.unwrap_or_else(|| {
        match output.and_then(|o| o.extension()).and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("xlsx") => SheetFormat::Xlsx,
            _ => SheetFormat::Csv,
        }
    });
    let bytes = match format {
        SheetFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(&header)?;
            for row in &rows {
                w.write_record(row.iter().map(|c| match c {
                    ExportCell::Text(s) => guard(s),
                    other => other.csv(),
                }))?;
            }
            let mut bytes = if bom {
                "\u{feff}".as_bytes().to_vec()
            } else {
                Vec::new()
            };
            bytes.extend(w.into_inner().map_err(|e| anyhow!("{e}"))?);
            bytes
        }
        SheetFormat::Xlsx => {
            if output.is_none() {
                bail!("{}", tr("format-xlsx-writes-a-binary-workbook"));
            }
            xlsx_sheet(&header, &rows)?
        }
    };
    match output {
        Some(path) => output::write_file_atomic(path, &bytes, force)?,
        None => match output::write_stdout(&bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other?,
        },
    }
    Ok(if loaded.has_errors() {
        Outcome::Invalid
    } else {
        Outcome::Success
    })
}

fn xlsx_sheet(header: &[String], rows: &[Vec<ExportCell>]) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Records")?;
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                ExportCell::Empty => {}
                ExportCell::Text(s) => {
                    ws.write_string(r, c, s)?;
                }
                ExportCell::Points(p) => {
                    ws.write_number(r, c, p.to_f64())?;
                }
                ExportCell::Count(n) => {
                    ws.write_number(r, c, *n as f64)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 4)?;
    Ok(book.save_to_buffer()?)
}

// ── schema, completions, man ────────────────────────────────────────────────────────────

pub fn schema_cmd(
    kind: SchemaKind,
    checklist: Option<&Path>,
    dir: &Path,
) -> anyhow::Result<Outcome> {
    let value = match kind {
        SchemaKind::Checklist => schema::checklist_schema(),
        SchemaKind::Record => match checklist_at(dir, checklist)? {
            Ok((_, c)) => schema::record_schema(&c),
            Err(o) => return Ok(o),
        },
    };
    output::write_stdout((serde_json::to_string_pretty(&value)? + "\n").as_bytes())?;
    Ok(Outcome::Success)
}

pub fn completions_cmd(shell: clap_complete::Shell) -> anyhow::Result<Outcome> {
    use clap::CommandFactory;
    let mut cmd = crate::cli::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "audit", &mut out);
    output::write_stdout(&out)?;
    Ok(Outcome::Success)
}

/// `audit man`: audit.1 on standard output, or, with `-o DIR`, audit.1 and one page per
/// command (audit-score.1 …), the pages audit.1's list of commands refers to. Every page is
/// checked before any is written, so a refused run writes nothing.
pub fn man_cmd(dir: Option<&Path>, force: bool) -> anyhow::Result<Outcome> {
    use clap::CommandFactory;
    let mut root = crate::cli::Cli::command().disable_help_subcommand(true);
    root.build();
    let Some(dir) = dir else {
        let mut out = Vec::new();
        clap_mangen::Man::new(root).render(&mut out)?;
        output::write_stdout(&out)?;
        return Ok(Outcome::Success);
    };
    let mut pages = Vec::new();
    for cmd in std::iter::once(&root).chain(root.get_subcommands()) {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut bytes = Vec::new();
        man.render(&mut bytes)?;
        pages.push((dir.join(man.get_filename()), bytes));
    }
    let existing: Vec<String> = pages
        .iter()
        .filter(|(p, _)| !force && p.exists())
        .map(|(p, _)| t!("already-exists-pass-force-to-overwrite", path = p.display()))
        .collect();
    if !existing.is_empty() {
        bail!("{}", existing.join("\n"));
    }
    std::fs::create_dir_all(dir).map_err(|e| anyhow!("{}: {e}", dir.display()))?;
    for (path, bytes) in &pages {
        output::write_file_atomic(path, bytes, force)?;
    }
    Ok(Outcome::Success)
}
