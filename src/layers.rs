//! The pipeline's direction, held by a test: each top-level module may use only the modules
//! listed before it in [`LAYERS`], so there is no import cycle and the core cannot reach the
//! edge (a reader calling the CLI, a scorer printing). ARCHITECTURE.md tells the same story
//! in words; this is the part that cannot drift.

/// Lowest first. A module may use itself and any module before it, never one after it.
const LAYERS: &[&str] = &[
    // foundations: messages, exact numbers, positioned problems
    "i18n",
    "points",
    "diagnostic",
    // the file system: containment, finding the root and its files, git revisions
    "fence",
    "discover",
    "git",
    // the pipeline's core: read → score → aggregate
    "read",
    "score",
    "aggregate",
    // what is made of the results: forms and schemas, the output formats
    "author",
    "render",
    // the edge: writing files safely, the app layer, flags, one file per command
    "output",
    "app",
    "cli",
    "cmd",
];

/// The modules of the core: they never print and never read the interface language, so a
/// scored record is the same data whatever the flags said.
const CORE: &[&str] = &[
    "points",
    "diagnostic",
    "discover",
    "read",
    "score",
    "aggregate",
];

/// `(file, module it belongs to, text)` for every `.rs` file under `src/`, sorted.
fn sources() -> Vec<(String, String, String)> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(&src)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let module = rel.split(['/', '.']).next().unwrap().to_string();
                found.push((rel, module, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

/// The code of a file without its comments and without its `#[cfg(test)]` tail; nothing of
/// a `tests.rs` (tests may use anything to build their fixtures).
fn code<'t>(file: &str, text: &'t str) -> Vec<(usize, &'t str)> {
    if file.ends_with("tests.rs") {
        return Vec::new();
    }
    text.lines()
        .enumerate()
        .take_while(|(_, l)| l.trim() != "#[cfg(test)]")
        .map(|(n, l)| (n + 1, l.split("//").next().unwrap_or("")))
        .collect()
}

/// The top-level modules a line names as `crate::NAME`.
fn used(line: &str) -> Vec<&str> {
    line.match_indices("crate::")
        .map(|(i, m)| {
            let rest = &line[i + m.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

/// Whether `line` calls `name` (`tr(` but not `str(`, `t!(` but not `format!(`).
fn calls(line: &str, name: &str) -> bool {
    line.match_indices(name).any(|(i, _)| {
        !line[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut wrong = Vec::new();
    for (file, module, text) in sources() {
        let Some(own) = rank(&module) else { continue };
        for (n, line) in code(&file, &text) {
            for name in used(line) {
                if let Some(theirs) = rank(name)
                    && theirs > own
                {
                    wrong.push(format!(
                        "src/{file}:{n}: {module} uses {name}: {}",
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "a module uses one above it in src/layers.rs (move the shared piece down):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_top_level_module_has_a_layer() {
    let mut missing: Vec<String> = sources()
        .into_iter()
        .map(|(_, m, _)| m)
        .filter(|m| !["lib", "main", "layers"].contains(&m.as_str()))
        .filter(|m| !LAYERS.contains(&m.as_str()))
        .collect();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "add to LAYERS in src/layers.rs: {missing:?}"
    );
}

#[test]
fn the_core_never_reads_the_interface_language() {
    // `both!` builds a `Text` (an id and arguments) that the edge renders later: allowed.
    let global = ["zh()", "lang()", "tr(", "tr_word(", "fill(", "t!("];
    let mut wrong = Vec::new();
    for (file, module, text) in sources() {
        if !CORE.contains(&module.as_str()) {
            continue;
        }
        for (n, line) in code(&file, &text) {
            if global.iter().any(|g| calls(line, g)) {
                wrong.push(format!("src/{file}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the core returns messages; the edge renders them in the interface language:\n{}",
        wrong.join("\n")
    );
}
