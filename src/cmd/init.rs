//! `audit init`: start a records root (checklist, roster, an empty benchmark register, an
//! example record, README, .gitignore, the record schema).

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow};

use crate::app;
use crate::author::form::{self, FormHeader};
use crate::author::schema;
use crate::cmd::records::RECORD_SCHEMA_FILE;
use crate::discover::{BENCHMARKS_FILE, ROSTER_FILE};
use crate::i18n::tr;
use crate::output;
use crate::read::checklist::{CHECKLIST_FILE, Checklist};

pub struct Config {
    /// The folder to create (or fill).
    pub dir: PathBuf,
    /// Write into a folder that is not empty (only missing files are added).
    pub force: bool,
}

const OFFICE_README: &str = "# Assessment records

This folder holds the assessment records of the standardisation programme, one TOML file per
branch and period, scored by `audit`.

- `checklist.toml`: the checklist (items, points, maxima, pass rules). Change it only by
  agreement; `[expect]` guards its totals.
- `roster.toml`: the branches expected to be assessed, with `from`/`until` periods. Until you
  list your branches there, the compliance report has no one to count.
- `benchmarks.toml`: the benchmark register, the committee's decisions naming benchmark
  branches (empty until the first; its comments show the format).
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
- `benchmarks.toml`：标杆命名台账，记录会议命名标杆支部的决定（首次命名前为空，
  注释中说明了格式）。
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

/// `init`'s benchmark register (SPEC §12.4): no branch named, only the format, so the
/// committee's first decision has a place and a pattern.
fn init_register() -> &'static str {
    if crate::i18n::zh() {
        r#"# 标杆命名台账：党委会议命名标杆支部的决定，每项决定一个 [[named]]。
# audit check 核对被命名支部该年度的考核记录存在且达标；
# audit report --view benchmark 列出每个标杆的最近一次考核及其状态：
# 保持（kept）、有风险（at-risk：最近记录未达标、未完成、触发一票否决，
# 或低于评分表 [benchmark] min_band 的等级）、已中断（lapsed：名单要求参加
# 更晚年度的考核却没有记录）、已撤销（revoked）。
# audit check --deny benchmark-at-risk 在有风险的标杆上失败（退出码 1）。
#
# 按下面的格式记录命名决定（去掉行首的 #；日期不加引号）：
#
# [[named]]
# org = "山西证券"
# branch = "第二党支部"
# period = "2024"                # 获得命名的考核年度
# decided = 2025-01-20            # 会议日期
# decision = "集团党委会议，2025 年 1 月"
# revoked = 2026-03-01            # 可选：撤销命名的日期
"#
    } else {
        // untranslated: the English register; the Chinese one is above
        r#"# The benchmark register: the committee's decisions naming benchmark branches, one
# [[named]] entry each. audit check verifies that the named branch's record for that
# period exists and passed; audit report --view benchmark shows each entry with its
# branch's latest record and its state: kept, at-risk (the latest record fails, is
# incomplete, has a triggered veto, or is below the checklist's [benchmark] min_band),
# lapsed (the roster expects a later assessment that is not there) or revoked.
# audit check --deny benchmark-at-risk fails (exit 1) on an entry at risk.
#
# Record a decision like this (without the #; dates take no quotes):
#
# [[named]]
# org = "Shanxi Securities"
# branch = "Second Party Branch"
# period = "2024"                # the assessment that earned the title
# decided = 2025-01-20            # the meeting
# decision = "Group Party Committee meeting, January 2025"
# revoked = 2026-03-01            # optional: the day the title was withdrawn
"#
    }
}

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

pub fn run(config: &Config) -> app::Result<()> {
    let (dir, force) = (config.dir.as_path(), config.force);
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| t!("cannot-read-path", path = dir.display()))?;
        if entries.next().is_some() && !force {
            return Err(app::invalid(t!(
                "is-not-empty-audit-init-only",
                dir = dir.display()
            )));
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
    let files: [(&str, &str); 7] = [
        (CHECKLIST_FILE, reference),
        (ROSTER_FILE, &roster),
        (BENCHMARKS_FILE, init_register()),
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
    app::say(format_args!(
        "{}
  {CHECKLIST_FILE}        {}
  {ROSTER_FILE}           {}
  {record_path}   {}
  README.md, .gitignore, {BENCHMARKS_FILE}, {RECORD_SCHEMA_FILE}

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
    ))
}
