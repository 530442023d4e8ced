//! The Chinese interface: --lang zh, AUDIT_LANG=zh or a Chinese LANG switch what people
//! read; JSON never changes.

use crate::harness::{Fixture, full_acceptance, record, run_with_env};

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

fn zh(fx: &Fixture, args: &[&str]) -> crate::harness::Run {
    let mut all = vec!["--lang", "zh"];
    all.extend_from_slice(args);
    fx.run(&all)
}

#[test]
fn score_in_chinese() {
    let run = zh(&office(), &["score", "--items"]);
    run.assert_code(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_in_chinese() {
    let run = zh(&office(), &["explain", "sx/two/2024.toml"]);
    run.assert_code(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn report_in_chinese() {
    let run = zh(
        &office(),
        &["report", "--view", "compliance", "--view", "benchmark"],
    );
    run.assert_code(0);
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
    let run = zh(&fx, &["check", "--deny", "fail", "."]);
    run.assert_code(2);
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
        let en = fx.run(&args);
        let zh_run = zh(&fx, &args);
        en.assert_code(code);
        zh_run.assert_code(code);
        assert!(en.stdout.contains(sample), "{args:?}: {}", en.stdout);
        assert_eq!(en.stdout, zh_run.stdout, "{args:?}");
    }
}

#[test]
fn the_language_comes_from_the_flag_audit_lang_or_lang() {
    let fx = office();
    let by_env = run_with_env(fx.path(), &["score"], &[("AUDIT_LANG", "zh")]);
    let by_locale = run_with_env(fx.path(), &["score"], &[("LANG", "zh_CN.UTF-8")]);
    let by_flag = zh(&fx, &["score"]);
    assert!(by_flag.stdout.contains("结论"), "{}", by_flag.stdout);
    assert_eq!(by_env.stdout, by_flag.stdout);
    assert_eq!(by_locale.stdout, by_flag.stdout);
    // The flag wins over the environment.
    let english = run_with_env(
        fx.path(),
        &["--lang", "en", "score"],
        &[("AUDIT_LANG", "zh")],
    );
    let plain = fx.run(&["score"]);
    assert_eq!(english.stdout, plain.stdout);
}

#[test]
fn xlsx_sheet_names_and_headers_are_chinese() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let fx = office();
    zh(&fx, &["report", "--format", "xlsx", "-o", "r.xlsx"]).assert_code(0);
    let mut book: Xlsx<_> = open_workbook(fx.join("r.xlsx")).unwrap();
    assert_eq!(book.sheet_names()[0], "达标率");
    let range = book.worksheet_range("达标率").unwrap();
    assert_eq!(range.get((2, 0)), Some(&Data::String("年度".into())));
}

// ── issue 9 (chinese) ───────────────────────────────────────────────────────────────────

#[test]
fn an_unknown_language_flag_is_an_error_and_audit_lang_a_warning() {
    let fx = office();
    let run = fx.run(&["--lang", "fr", "score"]);
    run.assert_code(2);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str()),
        ("", "error: unknown language 'fr'; known: en, zh\n")
    );
    let english = fx.run(&["score"]);
    let run = run_with_env(fx.path(), &["score"], &[("AUDIT_LANG", "de")]);
    run.assert_code(0);
    assert_eq!(
        run.stderr,
        "warning: AUDIT_LANG: unknown language 'de'; known: en, zh; continuing in English\n"
    );
    assert_eq!(run.stdout, english.stdout);
    // Locale forms of a known language are accepted.
    for flag in ["zh_CN.UTF-8", "zh-Hans", "ZH"] {
        let run = zh_flag(&fx, flag);
        run.assert_code(0);
        assert!(run.stdout.contains("结论"), "{flag}: {}", run.stdout);
    }
}

fn zh_flag(fx: &Fixture, flag: &str) -> crate::harness::Run {
    fx.run(&["--lang", flag, "score"])
}

#[test]
fn the_machine_s_locale_stays_lenient() {
    let fx = office();
    let english = fx.run(&["score"]);
    for (var, value) in [
        ("LANG", "C"),
        ("LANG", "POSIX"),
        ("LANG", "en_US.UTF-8"),
        ("LC_ALL", "de_DE.UTF-8"),
        ("LC_MESSAGES", "fr_FR"),
    ] {
        let run = run_with_env(fx.path(), &["score"], &[(var, value)]);
        run.assert_code(0);
        assert_eq!(
            (run.stdout.as_str(), run.stderr.as_str()),
            (english.stdout.as_str(), ""),
            "{var}={value}"
        );
    }
}
