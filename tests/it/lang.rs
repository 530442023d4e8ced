//! JSON never changes with the interface language, and people read every message in the one
//! they chose: a problem found while reading a file (not UTF-8, unreadable, a file name that
//! is not UTF-8) says its English message and its code in JSON under `--lang zh` too, as
//! every other diagnostic does; the readers of sheets and folders return texts that the edge
//! words when it prints them.

use crate::harness::Fixture;
use crate::json::Check;

#[test]
fn a_file_level_problem_is_english_with_its_code_in_json_under_lang_zh() {
    let fixture = Fixture::mini().file("b/2022.toml", b"org = \"\xff\xfe\"\n");
    let report: Check = fixture
        .test(&["--lang", "zh", "check", "--format", "json", "."])
        .json(2);
    let d = &report.diagnostics[0];
    assert_eq!(d.file, "b/2022.toml");
    assert_eq!(
        d.message,
        "the file is not valid UTF-8 (byte 7); save it as UTF-8"
    );
    assert_eq!(d.code.as_deref(), Some("the-file-is-not-valid-utf"));
    // People still read it in Chinese.
    fixture
        .test(&["--lang", "zh", "check", "."])
        .stdout("共检查 1 个记录文件：1 个错误，0 个警告\n")
        .stderr("b/2022.toml:1:8: 错误: 文件不是有效的 UTF-8（第 7 字节）；请另存为 UTF-8\n")
        .status(2);
}

#[test]
fn import_and_discovery_failures_are_worded_in_the_interface_language() {
    let fixture = Fixture::mini()
        .file("latin1.csv", b"org,branch\n\xe9\n")
        .file("empty.csv", b"\n\n");
    let cases: [(&[&str], &str, &str); 3] = [
        (
            &["import", "latin1.csv", "."],
            "error: latin1.csv is not UTF-8: save it as \"CSV UTF-8\" (Excel) or UTF-8 CSV (WPS)\n",
            "错误: latin1.csv 不是 UTF-8 编码：请另存为“CSV UTF-8”（Excel）或 UTF-8 编码的 CSV（WPS）\n",
        ),
        (
            &["import", "empty.csv", "."],
            "empty.csv:1:1: error: the sheet is empty: it needs a header row\n\
             nothing was imported: fix the sheet and import it again\n",
            "empty.csv:1:1: 错误: 表格为空：需要表头行\n未导入任何内容：请修正表格后重新导入\n",
        ),
        (
            &["check", "no-such-folder"],
            "error: no-such-folder: no such file or folder\n",
            "错误: no-such-folder：文件或文件夹不存在\n",
        ),
    ];
    for (args, en, zh) in cases {
        fixture.test(args).stderr(en).status(2);
        let zh_args: Vec<&str> = ["--lang", "zh"].iter().chain(args).copied().collect();
        fixture.test(&zh_args).stderr(zh).status(2);
    }
}
