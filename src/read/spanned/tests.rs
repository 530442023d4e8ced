use super::width::full_width_positions;
use super::*;

#[test]
fn suggests_the_misspelt_key() {
    assert_eq!(
        nearest("min_totl", &["min_total", "min_level"]),
        Some("min_total")
    );
    assert_eq!(nearest("colour", &["min_total", "min_level"]), None);
}

#[test]
fn full_width_characters_are_found_outside_strings_and_comments_only() {
    // Outside strings: each one, with its half-width form.
    assert_eq!(
        full_width_positions("a ＝ ３．５\n"),
        vec![
            (2, '＝', '='),
            (6, '３', '3'),
            (9, '．', '.'),
            (12, '５', '5')
        ]
    );
    // Inside strings of every kind and in comments: text, left alone.
    let text = "a = \"，：\"\nb = '，'\nc = \"\"\"\n，\"\"\"\nd = '\'\'，\'\'\'\ne = 1 # ，\n";
    assert_eq!(full_width_positions(text), vec![]);
    // “good”: both quotes; "good” (a string left open): its full-width end.
    assert_eq!(
        full_width_positions("a = “good”\n"),
        vec![(4, '“', '"'), (11, '”', '"')]
    );
    assert_eq!(
        full_width_positions("a = \"good”\nb = ３\n"),
        vec![(9, '”', '"'), (17, '３', '3')]
    );
    // An escaped quote does not end a string.
    assert_eq!(full_width_positions("a = \"x\\\"，\"\n"), vec![]);
}

#[test]
fn spans_of_the_half_width_text_map_back_to_the_file() {
    let file = SourceFile::new("r.toml", "a = ３\nb = 1x\n");
    let mut sink = Sink::new(file.clone());
    let text = half_width(&mut sink, &file.text);
    assert_eq!(text, "a = 3\nb = 1x\n");
    // `1x` is at 10..12 in the half-width text, 12..14 in the file.
    assert_eq!(sink.map(10..12), 12..14);
    assert_eq!(sink.map(4..5), 4..7);
    assert_eq!(sink.map(0..1), 0..1);
}

#[test]
fn keys_read_are_remembered_by_place_in_tables_of_any_size() {
    let mut used = Used::default();
    let places = [0, 1, 127, 128, 191, 192, 10_000];
    for p in places {
        used.insert(p);
    }
    for p in 0..10_100 {
        assert_eq!(used.contains(p), places.contains(&p), "{p}");
    }
}
