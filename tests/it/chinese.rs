//! The Chinese interface: --lang zh, AUDIT_LANG=zh or a Chinese LANG switch what people
//! read; JSON never changes.

use crate::harness::{Fixture, Test, full_acceptance, record, this_year};

/// Records for the snapshots: a pass, a fail on total with deductions and a note, an
/// incomplete self-assessment.
fn office() -> Fixture {
    Fixture::mini()
        .file(
            "sx/one/2024.toml",
            record("山西证券", "第一党支部", "2024", &full_acceptance(48, 50)),
        )
        .file(
            "sx/two/2024.toml",
            record(
                "山西证券",
                "第二党支部",
                "2024",
                r#"[satisfaction]
surveyed = 50
satisfied = 46

[acceptance]
"1.1" = { score = "fair", note = "支委缺额三个月" }
"1.2" = 5
"2.1" = 9.5
"2.2" = { deductions = [ { points = 1.5, times = 2, reason = "两次党课未开展" } ] }
"3.2" = 4
"3.3" = "na"
"#,
            ),
        )
        .file(
            "ty/one/2024.toml",
            record(
                "太原分公司",
                "机关党支部",
                "2024",
                &full_acceptance(50, 50).replace("[acceptance]", "[self]"),
            ),
        )
}

/// `audit --lang zh ARGS` in `fx`.
fn zh(fx: &Fixture, args: &[&str]) -> Test {
    let mut all = vec!["--lang", "zh"];
    all.extend_from_slice(args);
    fx.test(&all)
}

#[test]
fn score_in_chinese() {
    let run = zh(&office(), &["score", "--items"])
        .stdout_inspected()
        .status(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_in_chinese() {
    let run = zh(&office(), &["explain", "sx/two/2024.toml"])
        .stdout_inspected()
        .status(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn report_in_chinese() {
    let run = zh(
        &office(),
        &["report", "--view", "compliance", "--view", "benchmark"],
    )
    .stdout_inspected()
    .status(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn check_in_chinese() {
    let fx = office().file(
        "bad/2024.toml",
        record(
            "山西证券",
            "第三党支部",
            "2024",
            "colour = 1\n\n[satisfaction]\nsurveyed = 5\nsatisfied = 6\n\n[acceptance]\n\"1.1\" = \"excellent\"\n\"1.2\" = 9.125\n\"2.1\" = 9.3\n\"3.1\" = 5\n\"9.9\" = 1\n",
        ),
    );
    let run = zh(&fx, &["check", "--deny", "fail", "."])
        .stdout_inspected()
        .stderr_inspected()
        .status(2);
    insta::assert_snapshot!(format!("stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr));
}

#[test]
fn json_is_the_same_in_every_language() {
    let fx = office();
    // Each command's JSON holds text that a translation would change if it leaked in: a
    // status word, a reason, a gate's detail. An empty or failed run must not pass as equal.
    for (args, code, sample) in [
        (vec!["score", "--format", "json"], 0, "\"status\": \"fail\""),
        (vec!["report", "--format", "json"], 0, "\"met\": false"),
        (
            vec!["explain", "--format", "json", "sx/two/2024.toml"],
            0,
            "\"level\": \"acceptance\"",
        ),
        (
            vec!["check", "--format", "json", "--deny", "fail"],
            1,
            "fail",
        ),
    ] {
        let en = fx.test(&args).stdout_inspected().status(code);
        let zh_run = zh(&fx, &args).stdout_inspected().status(code);
        assert!(en.stdout.contains(sample), "{args:?}: {}", en.stdout);
        assert_eq!(en.stdout, zh_run.stdout, "{args:?}");
    }
}

#[test]
fn the_language_comes_from_the_flag_audit_lang_or_lang() {
    let fx = office();
    Test::in_dir(fx.path(), &["score"]).env("AUDIT_LANG", "zh").stdout(
        r#"┌────────────┬────────────┬──────┬──────┬────────┬──────┬───────┬─────────┬───────────┬────────┬────────────────────┐
│ 单位       ┆ 支部       ┆ 年度 ┆ 层级 ┆ 基础分 ┆ 加分 ┆  总分 ┆  满意度 ┆ 等级      ┆ 结论   ┆ 原因               │
╞════════════╪════════════╪══════╪══════╪════════╪══════╪═══════╪═════════╪═══════════╪════════╪════════════════════╡
│ 太原分公司 ┆ 机关党支部 ┆ 2024 ┆ 自查 ┆  50.00 ┆ 0.00 ┆ 50.00 ┆ 100.00% ┆ excellent ┆ 达标   ┆                    │
│ 山西证券   ┆ 第一党支部 ┆ 2024 ┆ 验收 ┆  50.00 ┆ 0.00 ┆ 50.00 ┆  96.00% ┆ excellent ┆ 达标   ┆                    │
│ 山西证券   ┆ 第二党支部 ┆ 2024 ┆ 验收 ┆  41.11 ┆ 0.00 ┆ 41.11 ┆  92.00% ┆ fair      ┆ 未达标 ┆ 总分 41.11 低于 45 │
└────────────┴────────────┴──────┴──────┴────────┴──────┴───────┴─────────┴───────────┴────────┴────────────────────┘
共 3 条记录：达标 2，未达标 1，未完成 0
"#,
    ).status(0);
    Test::in_dir(fx.path(), &["score"]).env("LANG", "zh_CN.UTF-8").stdout(
        r#"┌────────────┬────────────┬──────┬──────┬────────┬──────┬───────┬─────────┬───────────┬────────┬────────────────────┐
│ 单位       ┆ 支部       ┆ 年度 ┆ 层级 ┆ 基础分 ┆ 加分 ┆  总分 ┆  满意度 ┆ 等级      ┆ 结论   ┆ 原因               │
╞════════════╪════════════╪══════╪══════╪════════╪══════╪═══════╪═════════╪═══════════╪════════╪════════════════════╡
│ 太原分公司 ┆ 机关党支部 ┆ 2024 ┆ 自查 ┆  50.00 ┆ 0.00 ┆ 50.00 ┆ 100.00% ┆ excellent ┆ 达标   ┆                    │
│ 山西证券   ┆ 第一党支部 ┆ 2024 ┆ 验收 ┆  50.00 ┆ 0.00 ┆ 50.00 ┆  96.00% ┆ excellent ┆ 达标   ┆                    │
│ 山西证券   ┆ 第二党支部 ┆ 2024 ┆ 验收 ┆  41.11 ┆ 0.00 ┆ 41.11 ┆  92.00% ┆ fair      ┆ 未达标 ┆ 总分 41.11 低于 45 │
└────────────┴────────────┴──────┴──────┴────────┴──────┴───────┴─────────┴───────────┴────────┴────────────────────┘
共 3 条记录：达标 2，未达标 1，未完成 0
"#,
    ).status(0);
    let by_flag = zh(&fx, &["score"]).stdout_inspected().success();
    assert!(by_flag.stdout.contains("结论"), "{}", by_flag.stdout);
    // The flag wins over the environment.
    Test::in_dir(fx.path(), &["--lang", "en", "score"]).env("AUDIT_LANG", "zh").stdout(
        r#"┌────────────┬────────────┬────────┬────────────┬───────┬───────┬───────┬──────────────┬───────────┬────────┬─────────────────────────┐
│ org        ┆ branch     ┆ period ┆ level      ┆  base ┆ bonus ┆ total ┆ satisfaction ┆ band      ┆ status ┆ reasons                 │
╞════════════╪════════════╪════════╪════════════╪═══════╪═══════╪═══════╪══════════════╪═══════════╪════════╪═════════════════════════╡
│ 太原分公司 ┆ 机关党支部 ┆ 2024   ┆ self       ┆ 50.00 ┆  0.00 ┆ 50.00 ┆      100.00% ┆ excellent ┆ pass   ┆                         │
│ 山西证券   ┆ 第一党支部 ┆ 2024   ┆ acceptance ┆ 50.00 ┆  0.00 ┆ 50.00 ┆       96.00% ┆ excellent ┆ pass   ┆                         │
│ 山西证券   ┆ 第二党支部 ┆ 2024   ┆ acceptance ┆ 41.11 ┆  0.00 ┆ 41.11 ┆       92.00% ┆ fair      ┆ fail   ┆ total 41.11 is below 45 │
└────────────┴────────────┴────────┴────────────┴───────┴───────┴───────┴──────────────┴───────────┴────────┴─────────────────────────┘
3 records: 2 pass, 1 fail, 0 incomplete
"#,
    ).status(0);
    fx.test(&["score"]).stdout(
        r#"┌────────────┬────────────┬────────┬────────────┬───────┬───────┬───────┬──────────────┬───────────┬────────┬─────────────────────────┐
│ org        ┆ branch     ┆ period ┆ level      ┆  base ┆ bonus ┆ total ┆ satisfaction ┆ band      ┆ status ┆ reasons                 │
╞════════════╪════════════╪════════╪════════════╪═══════╪═══════╪═══════╪══════════════╪═══════════╪════════╪═════════════════════════╡
│ 太原分公司 ┆ 机关党支部 ┆ 2024   ┆ self       ┆ 50.00 ┆  0.00 ┆ 50.00 ┆      100.00% ┆ excellent ┆ pass   ┆                         │
│ 山西证券   ┆ 第一党支部 ┆ 2024   ┆ acceptance ┆ 50.00 ┆  0.00 ┆ 50.00 ┆       96.00% ┆ excellent ┆ pass   ┆                         │
│ 山西证券   ┆ 第二党支部 ┆ 2024   ┆ acceptance ┆ 41.11 ┆  0.00 ┆ 41.11 ┆       92.00% ┆ fair      ┆ fail   ┆ total 41.11 is below 45 │
└────────────┴────────────┴────────┴────────────┴───────┴───────┴───────┴──────────────┴───────────┴────────┴─────────────────────────┘
3 records: 2 pass, 1 fail, 0 incomplete
"#,
    ).status(0);
}

#[test]
fn xlsx_sheet_names_and_headers_are_chinese() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let fx = office();
    zh(&fx, &["report", "--format", "xlsx", "-o", "r.xlsx"]).status(0);
    let mut book: Xlsx<_> = open_workbook(fx.join("r.xlsx")).unwrap();
    assert_eq!(book.sheet_names()[0], "达标率");
    let range = book.worksheet_range("达标率").unwrap();
    assert_eq!(range.get((2, 0)), Some(&Data::String("年度".into())));
}

// ── issue 9 (chinese) ───────────────────────────────────────────────────────────────────

#[test]
fn an_unknown_language_flag_is_an_error_and_audit_lang_a_warning() {
    let fx = office();
    let run = fx
        .test(&["--lang", "fr", "score"])
        .stderr("error: unknown language 'fr'; known: en, zh\n")
        .status(2);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str()),
        ("", "error: unknown language 'fr'; known: en, zh\n")
    );
    fx.test(&["score"]).stdout(
        r#"┌────────────┬────────────┬────────┬────────────┬───────┬───────┬───────┬──────────────┬───────────┬────────┬─────────────────────────┐
│ org        ┆ branch     ┆ period ┆ level      ┆  base ┆ bonus ┆ total ┆ satisfaction ┆ band      ┆ status ┆ reasons                 │
╞════════════╪════════════╪════════╪════════════╪═══════╪═══════╪═══════╪══════════════╪═══════════╪════════╪═════════════════════════╡
│ 太原分公司 ┆ 机关党支部 ┆ 2024   ┆ self       ┆ 50.00 ┆  0.00 ┆ 50.00 ┆      100.00% ┆ excellent ┆ pass   ┆                         │
│ 山西证券   ┆ 第一党支部 ┆ 2024   ┆ acceptance ┆ 50.00 ┆  0.00 ┆ 50.00 ┆       96.00% ┆ excellent ┆ pass   ┆                         │
│ 山西证券   ┆ 第二党支部 ┆ 2024   ┆ acceptance ┆ 41.11 ┆  0.00 ┆ 41.11 ┆       92.00% ┆ fair      ┆ fail   ┆ total 41.11 is below 45 │
└────────────┴────────────┴────────┴────────────┴───────┴───────┴───────┴──────────────┴───────────┴────────┴─────────────────────────┘
3 records: 2 pass, 1 fail, 0 incomplete
"#,
    ).status(0);
    Test::in_dir(fx.path(), &["score"]).env("AUDIT_LANG", "de").stdout(
        r#"┌────────────┬────────────┬────────┬────────────┬───────┬───────┬───────┬──────────────┬───────────┬────────┬─────────────────────────┐
│ org        ┆ branch     ┆ period ┆ level      ┆  base ┆ bonus ┆ total ┆ satisfaction ┆ band      ┆ status ┆ reasons                 │
╞════════════╪════════════╪════════╪════════════╪═══════╪═══════╪═══════╪══════════════╪═══════════╪════════╪═════════════════════════╡
│ 太原分公司 ┆ 机关党支部 ┆ 2024   ┆ self       ┆ 50.00 ┆  0.00 ┆ 50.00 ┆      100.00% ┆ excellent ┆ pass   ┆                         │
│ 山西证券   ┆ 第一党支部 ┆ 2024   ┆ acceptance ┆ 50.00 ┆  0.00 ┆ 50.00 ┆       96.00% ┆ excellent ┆ pass   ┆                         │
│ 山西证券   ┆ 第二党支部 ┆ 2024   ┆ acceptance ┆ 41.11 ┆  0.00 ┆ 41.11 ┆       92.00% ┆ fair      ┆ fail   ┆ total 41.11 is below 45 │
└────────────┴────────────┴────────┴────────────┴───────┴───────┴───────┴──────────────┴───────────┴────────┴─────────────────────────┘
3 records: 2 pass, 1 fail, 0 incomplete
"#,
    ).stderr("warning: AUDIT_LANG: unknown language 'de'; known: en, zh; continuing in English\n").status(0);
    // Locale forms of a known language are accepted.
    for flag in ["zh_CN.UTF-8", "zh-Hans", "ZH"] {
        let run = zh_flag(&fx, flag);
        assert!(run.stdout.contains("结论"), "{flag}: {}", run.stdout);
    }
}

fn zh_flag(fx: &Fixture, flag: &str) -> crate::harness::Run {
    fx.test(&["--lang", flag, "score"]).stdout(
        r#"┌────────────┬────────────┬──────┬──────┬────────┬──────┬───────┬─────────┬───────────┬────────┬────────────────────┐
│ 单位       ┆ 支部       ┆ 年度 ┆ 层级 ┆ 基础分 ┆ 加分 ┆  总分 ┆  满意度 ┆ 等级      ┆ 结论   ┆ 原因               │
╞════════════╪════════════╪══════╪══════╪════════╪══════╪═══════╪═════════╪═══════════╪════════╪════════════════════╡
│ 太原分公司 ┆ 机关党支部 ┆ 2024 ┆ 自查 ┆  50.00 ┆ 0.00 ┆ 50.00 ┆ 100.00% ┆ excellent ┆ 达标   ┆                    │
│ 山西证券   ┆ 第一党支部 ┆ 2024 ┆ 验收 ┆  50.00 ┆ 0.00 ┆ 50.00 ┆  96.00% ┆ excellent ┆ 达标   ┆                    │
│ 山西证券   ┆ 第二党支部 ┆ 2024 ┆ 验收 ┆  41.11 ┆ 0.00 ┆ 41.11 ┆  92.00% ┆ fair      ┆ 未达标 ┆ 总分 41.11 低于 45 │
└────────────┴────────────┴──────┴──────┴────────┴──────┴───────┴─────────┴───────────┴────────┴────────────────────┘
共 3 条记录：达标 2，未达标 1，未完成 0
"#,
    ).status(0)
}

#[test]
fn the_machine_s_locale_stays_lenient() {
    let fx = office();
    let english = fx.test(&["score"]).stdout(
        r#"┌────────────┬────────────┬────────┬────────────┬───────┬───────┬───────┬──────────────┬───────────┬────────┬─────────────────────────┐
│ org        ┆ branch     ┆ period ┆ level      ┆  base ┆ bonus ┆ total ┆ satisfaction ┆ band      ┆ status ┆ reasons                 │
╞════════════╪════════════╪════════╪════════════╪═══════╪═══════╪═══════╪══════════════╪═══════════╪════════╪═════════════════════════╡
│ 太原分公司 ┆ 机关党支部 ┆ 2024   ┆ self       ┆ 50.00 ┆  0.00 ┆ 50.00 ┆      100.00% ┆ excellent ┆ pass   ┆                         │
│ 山西证券   ┆ 第一党支部 ┆ 2024   ┆ acceptance ┆ 50.00 ┆  0.00 ┆ 50.00 ┆       96.00% ┆ excellent ┆ pass   ┆                         │
│ 山西证券   ┆ 第二党支部 ┆ 2024   ┆ acceptance ┆ 41.11 ┆  0.00 ┆ 41.11 ┆       92.00% ┆ fair      ┆ fail   ┆ total 41.11 is below 45 │
└────────────┴────────────┴────────┴────────────┴───────┴───────┴───────┴──────────────┴───────────┴────────┴─────────────────────────┘
3 records: 2 pass, 1 fail, 0 incomplete
"#,
    ).status(0);
    for (var, value) in [
        ("LANG", "C"),
        ("LANG", "POSIX"),
        ("LANG", "en_US.UTF-8"),
        ("LC_ALL", "de_DE.UTF-8"),
        ("LC_MESSAGES", "fr_FR"),
    ] {
        let run = Test::in_dir(fx.path(), &["score"]).env(var, value).stdout(
        r#"┌────────────┬────────────┬────────┬────────────┬───────┬───────┬───────┬──────────────┬───────────┬────────┬─────────────────────────┐
│ org        ┆ branch     ┆ period ┆ level      ┆  base ┆ bonus ┆ total ┆ satisfaction ┆ band      ┆ status ┆ reasons                 │
╞════════════╪════════════╪════════╪════════════╪═══════╪═══════╪═══════╪══════════════╪═══════════╪════════╪═════════════════════════╡
│ 太原分公司 ┆ 机关党支部 ┆ 2024   ┆ self       ┆ 50.00 ┆  0.00 ┆ 50.00 ┆      100.00% ┆ excellent ┆ pass   ┆                         │
│ 山西证券   ┆ 第一党支部 ┆ 2024   ┆ acceptance ┆ 50.00 ┆  0.00 ┆ 50.00 ┆       96.00% ┆ excellent ┆ pass   ┆                         │
│ 山西证券   ┆ 第二党支部 ┆ 2024   ┆ acceptance ┆ 41.11 ┆  0.00 ┆ 41.11 ┆       92.00% ┆ fair      ┆ fail   ┆ total 41.11 is below 45 │
└────────────┴────────────┴────────┴────────────┴───────┴───────┴───────┴──────────────┴───────────┴────────┴─────────────────────────┘
3 records: 2 pass, 1 fail, 0 incomplete
"#,
    ).status(0);
        assert_eq!(
            (run.stdout.as_str(), run.stderr.as_str()),
            (english.stdout.as_str(), ""),
            "{var}={value}"
        );
    }
}

/// Comment lines of a file written for people that read as English: two ASCII words side
/// by side and no Chinese character (TOML examples such as `# [[branch]]` do not count).
fn english_comment_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with('#') && !l.starts_with("#:schema"))
        .filter(|l| !l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .filter(|l| {
            let words: Vec<bool> = l
                .split_whitespace()
                .map(|w| {
                    w.chars().filter(char::is_ascii_alphabetic).count() >= 2 && !w.contains('=')
                })
                .collect();
            words.windows(2).any(|p| p[0] && p[1])
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn init_in_chinese_writes_every_file_in_chinese_with_the_chinese_checklist() {
    let fx = Fixture::empty();
    init_records_in_chinese(&fx);
    assert_eq!(
        fx.read("records/checklist.toml"),
        audit::REFERENCE_CHECKLIST_ZH
    );
    let readme = fx.read("records/README.md");
    assert!(readme.starts_with("# 考核记录\n"), "{readme}");
    let gitignore = fx.read("records/.gitignore");
    assert!(
        gitignore.starts_with("# 会议用的导出文件由记录生成，不与记录一同保存。\n"),
        "{gitignore}"
    );
    let roster = fx.read("records/roster.toml");
    assert!(roster.starts_with("# 应参加考核的支部名单"), "{roster}");
    let folder = fx.join("records/示例子公司/示例支部-请删除");
    let example_path = std::fs::read_dir(&folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let example = std::fs::read_to_string(&example_path).unwrap();
    assert!(
        example.starts_with(
            "#:schema ../../record.schema.json\n# 示例记录，并非真实支部：它不在 roster.toml 中，不计入达标率和标杆评选。\n"
        ),
        "{example}"
    );
    assert!(example.contains("\"2.1\" = \"好\"\n"), "{example}");
    for (name, text) in [
        ("README.md", &readme),
        (".gitignore", &gitignore),
        ("roster.toml", &roster),
        ("the example", &example),
        ("checklist.toml", &audit::REFERENCE_CHECKLIST_ZH.to_string()),
    ] {
        assert_eq!(english_comment_lines(text), Vec::<String>::new(), "{name}");
    }
    // The Chinese root checks clean: the example is only a reminder that it is not listed.
    let run = zh(&fx, &["check", "records"]).stdout("共检查 1 个记录文件：0 个错误，1 个警告\n").stderr(this_year(r#"示例子公司/示例支部-请删除/{YEAR}.toml:14:10: 警告: 示例子公司 / 示例支部（请删除） 不在 roster.toml 中：此记录不计入达标率
 14 | period = "{YEAR}"
    |          ^^^^^^
"#)).status(0);
    assert!(
        run.stderr
            .contains("警告: 示例子公司 / 示例支部（请删除） 不在 roster.toml 中"),
        "{}",
        run.stderr
    );
}

#[test]
fn new_in_chinese_writes_a_chinese_form_and_new_from_a_chinese_level() {
    let fx = Fixture::empty();
    init_records_in_chinese(&fx);
    let root = fx.join("records");
    Test::in_dir(&root, &[
            "--lang",
            "zh",
            "new",
            "--org",
            "华晋证券",
            "--branch",
            "第二党支部",
            "--period",
            "2025",
        ]).stderr("已生成 华晋证券/第二党支部/2025.toml：请填写所有 \"\"，然后运行：audit check 华晋证券/第二党支部/2025.toml\n").status(0);
    let form = std::fs::read_to_string(root.join("华晋证券/第二党支部/2025.toml")).unwrap();
    assert_eq!(english_comment_lines(&form), Vec::<String>::new(), "{form}");
    assert!(!form.contains("in steps of"), "{form}");
    assert!(
        form.contains("# 1.1 支部设置 · 满分 3，以 0.5 分为单位\n"),
        "{form}"
    );
    assert!(
        form.contains(
            "# 2.1 书记履职 · 满分 3，以 0.5 分为单位；等级：好 3, 较好 2, 一般 1, 差 0\n"
        ),
        "{form}"
    );
    assert!(
        form.contains("# 8.3 满意度 · 满分 4：由满意度测评结果推算，此处不填写\n"),
        "{form}"
    );
    // Filled in with Chinese grade names, it checks clean; the next level starts from it.
    let filled = form
        .replace("surveyed = \"\"", "surveyed = 50")
        .replace("satisfied = \"\"", "satisfied = 48")
        .replace("\"2.1\" = \"\"", "\"2.1\" = \"较好\"")
        .replace(" = \"\"", " = 2");
    std::fs::write(root.join("华晋证券/第二党支部/2025.toml"), &filled).unwrap();
    Test::in_dir(&root, &[
            "--lang",
            "zh",
            "new",
            "--from",
            "华晋证券/第二党支部/2025.toml",
        ]).stderr("已在 华晋证券/第二党支部/2025.toml 中添加 [review]，内容取自 [self]：请核对各项，然后运行：audit check 华晋证券/第二党支部/2025.toml\n").status(0);
    let two = std::fs::read_to_string(root.join("华晋证券/第二党支部/2025.toml")).unwrap();
    let added = &two[filled.len()..];
    assert!(
        added.starts_with("\n# 初审：以自查结果为起点；请修改初审认定不同的评分。\n[review]\n"),
        "{added}"
    );
    assert_eq!(
        english_comment_lines(added),
        Vec::<String>::new(),
        "{added}"
    );
    assert!(added.contains("\"2.1\" = \"较好\"\n"), "{added}");
}

/// The scored figures of a record (total, base, items, status) under a checklist, from JSON.
fn figures(checklist: &str, body: &str) -> serde_json::Value {
    let fx = Fixture::empty().file("checklist.toml", checklist).file(
        "o/b/2024.toml",
        format!("org = \"O\"\nbranch = \"B\"\nperiod = \"2024\"\n{body}"),
    );
    let run = fx
        .test(&["score", "--items", "--format", "json"])
        .stdout_inspected()
        .status(0);
    let mut r = run.json::<serde_json::Value>()["records"][0].clone();
    // The band's name is the checklist's own word; compare where it stands.
    r["band"] = serde_json::json!(match r["band"].as_str() {
        Some("excellent" | "优秀") => "1",
        Some("good" | "良好") => "2",
        Some("adequate" | "合格") => "3",
        None => "none",
        other => panic!("band {other:?}"),
    });
    r
}

#[test]
fn a_record_scores_the_same_under_the_english_and_the_chinese_checklist() {
    let en = audit::read::checklist::Checklist::parse(audit::diagnostic::SourceFile::new(
        "checklist.toml",
        audit::REFERENCE_CHECKLIST,
    ))
    .unwrap();
    let zh_list = audit::read::checklist::Checklist::parse(audit::diagnostic::SourceFile::new(
        "checklist.toml",
        audit::REFERENCE_CHECKLIST_ZH,
    ))
    .unwrap();
    // Same ids, maxima, steps, kinds, grade points (in order), vetoes, bonus and rules.
    let shape = |c: &audit::read::checklist::Checklist| {
        let points: Vec<String> = c
            .points()
            .map(|p| {
                let grades: Vec<String> = p.grades.iter().map(|(_, g)| g.to_string()).collect();
                format!(
                    "{} {} {:?} {} {} {:?}",
                    p.id,
                    p.max,
                    p.step.map(|s| s.to_string()),
                    p.optional,
                    p.is_derived(),
                    grades
                )
            })
            .collect();
        let bands: Vec<String> = c
            .bands
            .iter()
            .map(|b| format!("{:?}", b.min_total))
            .collect();
        let vetoes: Vec<String> = c.vetoes.iter().map(|v| v.id.clone()).collect();
        let bonus: Vec<String> = c
            .bonus
            .iter()
            .map(|b| format!("{} {:?} {:?}", b.id, b.max, b.per))
            .collect();
        (
            points,
            bands,
            vetoes,
            bonus,
            c.bonus_cap.map(|b| b.to_string()),
        )
    };
    assert_eq!(shape(&en), shape(&zh_list));
    let english_grades = [
        ("good", "好"),
        ("fair", "较好"),
        ("average", "一般"),
        ("poor", "差"),
    ];
    // Records with equivalent grades: every grade word, deductions, N/A, a veto-free bonus.
    let records = [
        "[satisfaction]\nsurveyed = 52\nsatisfied = 50\n[bonus]\nB1 = 2\n[acceptance]\n\"2.1\" = \"fair\"\n\"6.3\" = \"poor\"\n\"7.3\" = \"good\"\n\"8.1\" = \"average\"\n\"8.2\" = \"fair\"\n\"10.1\" = \"B\"\n\"10.2\" = \"fair\"\n\"1.3\" = \"na\"\n\"4.2\" = { deductions = [ { points = 0.5, times = 3, reason = \"r\" } ] }\n\"5.2\" = 2.5\n",
        "[satisfaction]\nsurveyed = 40\nsatisfied = 35\n[self]\n\"2.1\" = \"poor\"\n\"6.3\" = \"fair\"\n\"8.1\" = \"good\"\n\"8.2\" = \"poor\"\n\"10.2\" = \"good\"\n\"3.1\" = \"na\"\n",
    ];
    for body in records {
        let mut chinese = body.to_string();
        for (en_word, zh_word) in english_grades {
            chinese = chinese.replace(&format!("\"{en_word}\""), &format!("\"{zh_word}\""));
        }
        assert_ne!(chinese, body);
        let a = figures(audit::REFERENCE_CHECKLIST, body);
        let b = figures(audit::REFERENCE_CHECKLIST_ZH, &chinese);
        assert!(a["total"].as_f64().is_some(), "{a}");
        assert_eq!(a, b);
    }
}

#[test]
fn full_width_input_is_reported_at_each_character_with_the_file_s_other_problems() {
    // Typed on a Chinese keyboard: ５０, 【】, “good”, ＝, ．, a full-width space, ，
    // after a value; plus two problems of their own (3.2 over its max, an unknown point).
    // Chinese punctuation inside strings and comments is text, and is left alone.
    let fx = Fixture::mini().file(
        "a/2022.toml",
        "org = \"A\"\nbranch = \"a\"\nperiod = \"2022\"\n\n[satisfaction]\nsurveyed = ５０\nsatisfied = 48\n\n【acceptance】\n\"1.1\" = “good”\n\"1.2\"＝ 5\n\"2.1\" = 9．5\n\"2.2\" = 10， # 两次，好\n\"3.2\" = 7\n\"3.3\"　= 5\n\"3.9\" = { score = 1, note = \"支委缺额，三个月\" }\n",
    );
    fx.test(&["check"]).stdout("1 record file checked: 13 errors, 0 warnings\n").stderr("a/2022.toml:6:12: error: full-width character '５': write the half-width 5\n 6 | surveyed = ５０\n   |            ^^\na/2022.toml:6:13: error: full-width character '０': write the half-width 0\n 6 | surveyed = ５０\n   |              ^^\na/2022.toml:9:1: error: full-width character '【': write the half-width [\n 9 | 【acceptance】\n   | ^^\na/2022.toml:9:12: error: full-width character '】': write the half-width ]\n 9 | 【acceptance】\n   |             ^^\na/2022.toml:10:9: error: full-width character '“': write the half-width \"\n 10 | \"1.1\" = “good”\n    |         ^\na/2022.toml:10:14: error: full-width character '”': write the half-width \"\n 10 | \"1.1\" = “good”\n    |              ^\na/2022.toml:11:6: error: full-width character '＝': write the half-width =\n 11 | \"1.2\"＝ 5\n    |      ^^\na/2022.toml:12:10: error: full-width character '．': write the half-width .\n 12 | \"2.1\" = 9．5\n    |          ^^\na/2022.toml:13:11: error: TOML syntax: unexpected key or value, expected newline, `#`\n 13 | \"2.2\" = 10， # 两次，好\n    |           ^\na/2022.toml:13:11: error: full-width character '，': write the half-width ,\n 13 | \"2.2\" = 10， # 两次，好\n    |           ^^\na/2022.toml:14:9: error: [acceptance] point 3.2: score 7 exceeds its max 5\n 14 | \"3.2\" = 7\n    |         ^\na/2022.toml:15:6: error: full-width space: write a half-width space\n 15 | \"3.3\"\u{3000}= 5\n    |      ^\na/2022.toml:16:1: error: [acceptance]: unknown point id `3.9`\n 16 | \"3.9\" = { score = 1, note = \"支委缺额，三个月\" }\n    | ^^^^^\n").status(2);
    // In Chinese, the same places.
    let run = zh(&fx, &["check"]).stdout("共检查 1 个记录文件：13 个错误，0 个警告\n").stderr("a/2022.toml:6:12: 错误: 全角字符“５”：请改为半角 5\n 6 | surveyed = ５０\n   |            ^^\na/2022.toml:6:13: 错误: 全角字符“０”：请改为半角 0\n 6 | surveyed = ５０\n   |              ^^\na/2022.toml:9:1: 错误: 全角字符“【”：请改为半角 [\n 9 | 【acceptance】\n   | ^^\na/2022.toml:9:12: 错误: 全角字符“】”：请改为半角 ]\n 9 | 【acceptance】\n   |             ^^\na/2022.toml:10:9: 错误: 全角字符““”：请改为半角 \"\n 10 | \"1.1\" = “good”\n    |         ^\na/2022.toml:10:14: 错误: 全角字符“””：请改为半角 \"\n 10 | \"1.1\" = “good”\n    |              ^\na/2022.toml:11:6: 错误: 全角字符“＝”：请改为半角 =\n 11 | \"1.2\"＝ 5\n    |      ^^\na/2022.toml:12:10: 错误: 全角字符“．”：请改为半角 .\n 12 | \"2.1\" = 9．5\n    |          ^^\na/2022.toml:13:11: 错误: TOML 语法错误：意外的键或值，应为换行, `#`\n 13 | \"2.2\" = 10， # 两次，好\n    |           ^\na/2022.toml:13:11: 错误: 全角字符“，”：请改为半角 ,\n 13 | \"2.2\" = 10， # 两次，好\n    |           ^^\na/2022.toml:14:9: 错误: [acceptance] 评分点 3.2：得分 7 超过满分 5\n 14 | \"3.2\" = 7\n    |         ^\na/2022.toml:15:6: 错误: 全角空格：请改为半角空格\n 15 | \"3.3\"\u{3000}= 5\n    |      ^\na/2022.toml:16:1: 错误: [acceptance]：未知的评分点编号 `3.9`\n 16 | \"3.9\" = { score = 1, note = \"支委缺额，三个月\" }\n    | ^^^^^\n").status(2);
    assert!(
        run.stderr
            .starts_with("a/2022.toml:6:12: 错误: 全角字符“５”：请改为半角 5\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("a/2022.toml:15:6: 错误: 全角空格：请改为半角空格\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_syntax_error_does_not_hide_the_file_s_other_problems() {
    let fx = Fixture::mini().file(
        "a/2022.toml",
        "org = \"A\"\nbranch = \"a\"\nperiod = \"2022\"\n\n[acceptance]\n\"1.1\" = good\n\"1.2\" = 9\n\"2.1\" = 9.5.5\n\"3.1\" = 1\n",
    );
    fx.test(&["check"]).stdout("1 record file checked: 4 errors, 0 warnings\n").stderr(
        r#"a/2022.toml:6:9: error: TOML syntax: string values must be quoted, expected literal string
 6 | "1.1" = good
   |         ^^^^
a/2022.toml:7:9: error: [acceptance] point 1.2: score 9 exceeds its max 5
 7 | "1.2" = 9
   |         ^
a/2022.toml:8:12: error: TOML syntax: invalid float, expected nothing
 8 | "2.1" = 9.5.5
   |            ^^
a/2022.toml:9:1: error: [acceptance]: point 3.1 is derived from the satisfaction survey; remove it and give [satisfaction] instead
 9 | "3.1" = 1
   | ^^^^^
"#,
    ).status(2);
    // The parser's words in Chinese.
    let run = zh(&fx, &["check"])
        .stdout("共检查 1 个记录文件：4 个错误，0 个警告\n")
        .stderr(
            r#"a/2022.toml:6:9: 错误: TOML 语法错误：字符串值必须加引号，应为字面量字符串
 6 | "1.1" = good
   |         ^^^^
a/2022.toml:7:9: 错误: [acceptance] 评分点 1.2：得分 9 超过满分 5
 7 | "1.2" = 9
   |         ^
a/2022.toml:8:12: 错误: TOML 语法错误：小数无效，应为无
 8 | "2.1" = 9.5.5
   |            ^^
a/2022.toml:9:1: 错误: [acceptance]：评分点 3.1 由满意度测评计算，请删除此行并填写 [satisfaction]
 9 | "3.1" = 1
   | ^^^^^
"#,
        )
        .status(2);
    assert!(
        run.stderr.starts_with(
            "a/2022.toml:6:9: 错误: TOML 语法错误：字符串值必须加引号，应为字面量字符串\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn errors_that_bypassed_the_catalogue_are_chinese() {
    let fx = office().file("bad.csv", b"org,branch\n\xff\xfe,x\n".as_slice());
    let run = zh(&fx, &["import", "bad.csv"]).stderr("错误: bad.csv 不是 UTF-8 编码：请另存为“CSV UTF-8”（Excel）或 UTF-8 编码的 CSV（WPS）\n").status(2);
    assert_eq!(
        run.stderr,
        "错误: bad.csv 不是 UTF-8 编码：请另存为“CSV UTF-8”（Excel）或 UTF-8 编码的 CSV（WPS）\n"
    );
    let run = zh(&fx, &["score", "-o", "no-such-folder/scores.txt"])
        .stderr_inspected()
        .status(2);
    assert!(
        run.stderr
            .starts_with("错误: 无法在 no-such-folder 中创建文件: "),
        "{}",
        run.stderr
    );
}

#[test]
fn init_in_chinese_gives_next_steps_that_stay_in_chinese() {
    let fx = Fixture::empty();
    fx.test(&["--lang", "zh", "init", "r"]).stdout(this_year(r#"已在 r 建立记录库：
  checklist.toml        参考评分表（10 项、33 个评分点、100 分）：请按本单位办法调整
  roster.toml           各年度应考核的支部：尚未列出，请填写本单位的支部
  示例子公司/示例支部-请删除/{YEAR}.toml   示例记录，不在支部名单中（不计入达标率和标杆评选）：录入本单位记录后请删除
  README.md, .gitignore, benchmarks.toml, record.schema.json

下一步：
  cd r && git init
  audit --lang zh new --org ORG --branch BRANCH --period {YEAR}     为每个支部生成空白表单
  audit --lang zh check .                                          填写之后校验
  audit --lang zh score .                                          每条记录一行的得分表
"#)).status(0);
    // Without --lang the next steps are the English commands.
    fx.test(&["init", "e"]).stdout(this_year(r#"Started a records root in e:
  checklist.toml        the reference checklist (10 items, 33 points, 100 points): adapt it to your programme
  roster.toml           the branches expected each period: none yet, list yours
  example-subsidiary/example-branch-delete-me/{YEAR}.toml   an example record, not in the roster (no compliance rate or benchmark counts it): delete it once yours are in
  README.md, .gitignore, benchmarks.toml, record.schema.json

Next steps:
  cd e && git init
  audit new --org ORG --branch BRANCH --period {YEAR}     a blank form for each branch
  audit check .                                          after filling in
  audit score .                                          one row per record
"#)).success();
}

/// `audit --lang zh init records` in `fx`, with what it prints checked in full.
fn init_records_in_chinese(fx: &Fixture) {
    zh(fx, &["init", "records"])
        .stdout(this_year(INIT_RECORDS_ZH))
        .status(0);
}

/// What `audit --lang zh init records` prints (`{YEAR}` stands for this year).
const INIT_RECORDS_ZH: &str = r#"已在 records 建立记录库：
  checklist.toml        参考评分表（10 项、33 个评分点、100 分）：请按本单位办法调整
  roster.toml           各年度应考核的支部：尚未列出，请填写本单位的支部
  示例子公司/示例支部-请删除/{YEAR}.toml   示例记录，不在支部名单中（不计入达标率和标杆评选）：录入本单位记录后请删除
  README.md, .gitignore, benchmarks.toml, record.schema.json

下一步：
  cd records && git init
  audit --lang zh new --org ORG --branch BRANCH --period {YEAR}     为每个支部生成空白表单
  audit --lang zh check .                                          填写之后校验
  audit --lang zh score .                                          每条记录一行的得分表
"#;
