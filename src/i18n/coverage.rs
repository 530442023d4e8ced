//! Tests of the catalogue: both languages have the same messages with the same variables,
//! and every id the sources name exists and is given exactly its variables.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::FluentResource;

use super::*;

/// Each message of a catalogue file and its variables.
fn ids(source: &'static str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, e)| panic!("does not parse: {e:?}"));
    let mut out = BTreeMap::new();
    let by_id = patterns(&resource);
    for (id, pattern) in messages(&resource) {
        let mut vars = BTreeSet::new();
        variables(pattern, &by_id, &mut vars, &mut BTreeSet::new());
        let vars = vars.into_iter().map(str::to_string).collect();
        assert!(
            out.insert(id.to_string(), vars).is_none(),
            "{id} is there twice"
        );
    }
    out
}

#[test]
fn every_message_has_every_language_with_the_same_variables() {
    let (en, zh) = (ids(EN), ids(ZH));
    assert!(en.len() > 400, "{}", en.len());
    for (id, vars) in &en {
        assert_eq!(zh.get(id), Some(vars), "{id}: the Chinese message differs");
        assert!(!render(Lang::Zh, id, &[]).is_empty(), "{id}");
    }
    for id in zh.keys() {
        assert!(en.contains_key(id), "{id} is only in Chinese");
    }
}

#[test]
fn plurals_are_chosen_by_count_and_figures_stay_as_given() {
    let n = |n: &str| render(Lang::En, "not-met-needs-more", &[("n", n.into())]);
    assert_eq!(n("1"), "not met: needs 1 more passing branch");
    assert_eq!(n("2"), "not met: needs 2 more passing branches");
    assert_eq!(
        render(Lang::Zh, "not-met-needs-more", &[("n", "1".into())]),
        "未达成：还需 1 个支部达标"
    );
    // The shortfall is one message the others refer to: its count chooses the plural in
    // every sentence that says it.
    let card = |n: &str| {
        render(
            Lang::En,
            "not-met-target-needs-more-passing",
            &[("target", "95%".into()), ("n", n.into())],
        )
    };
    assert_eq!(
        card("1"),
        "✗ NOT MET: target 95%, needs 1 more passing branch"
    );
    assert_eq!(
        card("3"),
        "✗ NOT MET: target 95%, needs 3 more passing branches"
    );
    // The English forms the edge still writes by hand where it asks `zh()` (cmd/mod.rs,
    // cmd/authoring.rs, render/html/mod.rs): these messages give the same text, so those
    // branches can become one t!() call.
    let errors = |n: &str| {
        render(
            Lang::En,
            "errors-found-invalid-files-are-left",
            &[("errors", n.into())],
        )
    };
    assert_eq!(errors("1"), "1 error found; invalid files are left out");
    assert_eq!(errors("3"), "3 errors found; invalid files are left out");
    let imported = |rows: &str, new: &str| {
        let args = [
            ("rows", rows.to_string()),
            ("file", "a.xlsx".into()),
            ("new", new.into()),
            ("updated", "0".into()),
            ("unchanged", "2".into()),
        ];
        render(Lang::En, "imported-rows-of-new-records-updated", &args)
    };
    assert_eq!(
        imported("1", "1"),
        "imported 1 row of a.xlsx: 1 new record, 0 updated, 2 unchanged"
    );
    assert_eq!(
        imported("5", "0"),
        "imported 5 rows of a.xlsx: 0 new records, 0 updated, 2 unchanged"
    );
    let passed = |population: &str| {
        let args = [
            ("passed", "1".to_string()),
            ("population", population.into()),
            ("failed", "0".into()),
            ("incomplete", "0".into()),
            ("missing", "0".into()),
        ];
        render(
            Lang::En,
            "of-branches-passed-failed-incomplete-missing",
            &args,
        )
    };
    assert_eq!(
        passed("1"),
        "1 of 1 branch passed; 0 failed, 0 incomplete, 0 missing"
    );
    assert_eq!(
        passed("2"),
        "1 of 2 branches passed; 0 failed, 0 incomplete, 0 missing"
    );
    let args = [("total", "07.50".to_string()), ("min", "{min}".to_string())];
    assert_eq!(
        render(Lang::En, "total-below", &args),
        "total 07.50 is below {min}"
    );
    assert_eq!(word(Lang::Zh, "self"), "自查");
    assert_eq!(word(Lang::Zh, "no such word"), "no such word");
}

/// The text of a Rust string literal starting at `piece` (after its opening quote), with
/// its escapes resolved, or None if it does not end.
fn literal(piece: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = piece.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                // A line continuation: the newline and the next line's indent go.
                '\n' => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// Whether a format string reads as words for people (two words side by side once its
/// `{…}` places are taken out), rather than a path, a number or a piece of TOML.
fn reads_as_words(text: &str) -> bool {
    let mut bare = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            c if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let is_word = |w: &str| {
        w.chars().filter(char::is_ascii_alphabetic).count() >= 2
            && !w.contains(['=', '[', '/', '#', '<', '\\'])
    };
    let words: Vec<bool> = bare.split_whitespace().map(is_word).collect();
    words.windows(2).any(|pair| pair[0] && pair[1])
}

/// The names given to a `t!`/`both!` call whose id literal ends at `rest`'s start: the
/// `name = value` pairs up to the closing parenthesis.
fn arg_names(rest: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut depth = 0i32;
    let mut in_str = false;
    let mut prev = '\0';
    let mut top = String::new();
    for c in rest.chars() {
        if in_str {
            if c == '"' && prev != '\\' {
                in_str = false;
            }
            prev = if prev == '\\' && c == '\\' { '\0' } else { c };
            continue;
        }
        match c {
            '"' => in_str = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            _ if depth == 0 => top.push(c),
            _ => {}
        }
        prev = c;
    }
    for part in top.split(',') {
        if let Some((name, value)) = part.split_once('=')
            && !value.starts_with(['=', '>'])
            && !name.ends_with(['=', '!', '<', '>'])
        {
            names.insert(name.trim().to_string());
        }
    }
    names
}

#[test]
fn every_id_the_code_names_exists_with_its_variables() {
    // The ids given to t!(), tr() and both!() in the sources must all be in the catalogue,
    // with exactly their variables. Texts for people must not bypass them either: a message
    // built with anyhow!, bail!, format! or .context() that reads as words is English under
    // zh unless it goes through t!(). One that is not for people (an internal invariant,
    // a file format) says so with `// untranslated: <why>` on its line or the line before.
    let catalogue = ids(EN);
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut missing = Vec::new();
    let mut english = Vec::new();
    let mut files = vec![std::path::PathBuf::from(src)];
    while let Some(p) = files.pop() {
        if p.is_dir() {
            files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        // The catalogue's own code, and the layering test, which names `t!(` and `tr(` as
        // the calls the core must not make.
        if p.starts_with(concat!(env!("CARGO_MANIFEST_DIR"), "/src/i18n"))
            || p.ends_with("src/layers.rs")
        {
            continue;
        }
        let whole = std::fs::read_to_string(&p).unwrap();
        // Unit tests are not read by people.
        let text = whole.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
        let translated = ["t!(", "tr(", "both!("];
        let bypassing = ["anyhow!(", "bail!(", "format!(", ".context("];
        for marker in translated.iter().chain(&bypassing) {
            for (at, _) in text.match_indices(marker) {
                // `format!(` ends in `t!(` too: only whole macro and function names.
                let before = text[..at].chars().next_back();
                if !marker.starts_with('.')
                    && before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                {
                    continue;
                }
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                if text[line_start..at].trim_start().starts_with("//") {
                    continue;
                }
                // The id may start on the next line.
                let rest = text[at + marker.len()..].trim_start();
                let Some(piece) = rest.strip_prefix('"') else {
                    continue;
                };
                let Some(template) = literal(piece) else {
                    continue;
                };
                let line = text[..at].matches('\n').count() + 1;
                if translated.contains(marker) {
                    let given = if *marker == "tr(" {
                        BTreeSet::new()
                    } else {
                        arg_names(&piece[template.len() + 1..])
                    };
                    match catalogue.get(&template) {
                        None => missing.push(format!("{}:{line}: {template:?}", p.display())),
                        Some(vars) if *vars != given => missing.push(format!(
                            "{}:{line}: {template:?} takes {vars:?}, given {given:?}",
                            p.display()
                        )),
                        Some(_) => {}
                    }
                    continue;
                }
                // The line of the marker and the one before may say why it stays.
                let previous_start = text[..line_start.saturating_sub(1)]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                if reads_as_words(&template)
                    && !text[previous_start..line_end].contains("// untranslated:")
                {
                    english.push(format!("{}:{line}: {marker}{template:?}", p.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the catalogue, or with other variables:\n{}",
        missing.join("\n")
    );
    assert!(
        english.is_empty(),
        "texts for people that bypass t!() (translate them, or mark them `// untranslated: why`):\n{}",
        english.join("\n")
    );
}

#[test]
fn the_coverage_test_reads_literals_and_words_as_rust_does() {
    assert_eq!(
        literal("a \\\"b\\\"\\n\\\n      c\" tail").as_deref(),
        Some("a \"b\"\nc")
    );
    assert!(reads_as_words("cannot read {}"));
    assert!(reads_as_words("{name} is not UTF-8: save it"));
    assert!(!reads_as_words("{}.toml"));
    assert!(!reads_as_words("{{ points = {}{times}, reason = {} }}"));
}
