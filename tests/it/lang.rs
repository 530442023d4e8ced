//! JSON never changes with the interface language: a problem found while reading a file
//! (not UTF-8, unreadable, a file name that is not UTF-8) says its English message and its
//! code under `--lang zh` too, as every other diagnostic does.

use crate::harness::Fixture;

#[test]
fn a_file_level_problem_is_english_with_its_code_in_json_under_lang_zh() {
    let fixture = Fixture::mini().file("b/2022.toml", b"org = \"\xff\xfe\"\n");
    let run = fixture.run(&["--lang", "zh", "check", "--format", "json", "."]);
    run.assert_code(2);
    let json = run.json();
    let d = &json["diagnostics"][0];
    assert_eq!(d["file"], "b/2022.toml");
    assert_eq!(
        d["message"],
        "the file is not valid UTF-8 (byte 7); save it as UTF-8"
    );
    assert_eq!(d["code"], "the-file-is-not-valid-utf");
    // People still read it in Chinese.
    let run = fixture.run(&["--lang", "zh", "check", "."]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("b/2022.toml:1:8: 错误: 文件不是有效的 UTF-8（第 7 字节）；请另存为 UTF-8"),
        "{}",
        run.stderr
    );
}
