//! The invariants every fuzz target asserts, on top of "no panic": a diagnostic lies inside
//! its file, and a record that reads cleanly scores between 0 and the checklist's total plus
//! its bonus cap at every level, with JSON that parses.

use std::sync::{Arc, OnceLock};

use audit::read::checklist::Checklist;
use audit::diagnostic::{Diagnostic, SourceFile};
use audit::points::Points;
use audit::read::record::{Level, Record};
use audit::render::json::RecordJson;
use audit::score::{LevelChoice, score};

/// The mini checklist of the integration tests, with grades, steps, optional and derived
/// points, vetoes and a bonus cap.
pub const MINI_CHECKLIST: &str = include_str!("../seeds/mini-checklist.toml");

/// Splits a checklist from the record that follows it in one fuzz input.
pub const SEPARATOR: &[u8] = b"\n#---- record\n";

/// The reference and the mini checklist, parsed once.
pub fn checklists() -> &'static [Checklist; 2] {
    static LISTS: OnceLock<[Checklist; 2]> = OnceLock::new();
    LISTS.get_or_init(|| {
        let parse = |name: &str, text: &str| {
            Checklist::parse(SourceFile::new(name, text)).expect("a valid seed checklist")
        };
        [
            parse("checklist.toml", audit::REFERENCE_CHECKLIST),
            parse("mini.toml", MINI_CHECKLIST),
        ]
    })
}

/// The highest total a record can get: the checklist's total plus the bonus it allows.
pub fn highest_total(checklist: &Checklist) -> Points {
    let bonus: Points = checklist.bonus.iter().map(|b| b.max).sum();
    let bonus = checklist.bonus_cap.map_or(bonus, |cap| cap.min(bonus));
    checklist.total() + bonus
}

/// The diagnostic names its file and a line and column that exist in `text`.
pub fn assert_placed(d: &Diagnostic, name: &str, text: &[u8]) {
    assert_eq!(d.file, name, "{d}");
    assert!(!d.message.is_empty(), "{d}");
    let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
    assert!(d.line >= 1 && d.line <= lines.len(), "{d}");
    let width = String::from_utf8_lossy(lines[d.line - 1]).chars().count();
    assert!(d.column >= 1 && d.column <= width + 1, "{d}");
}

/// Reads `bytes` as the loader does and parses them as a record of `checklist`; a record
/// that reads cleanly is scored at every level.
pub fn record(checklist: &Checklist, bytes: &[u8]) {
    let name = "org/branch/2024.toml";
    let file: Arc<SourceFile> = match audit::read::load::source_from_bytes(name.into(), bytes.to_vec()) {
        Ok(f) => f,
        Err(d) => return assert_placed(&d, name, bytes),
    };
    let (parsed, diagnostics) = Record::parse(file, checklist, None);
    for d in &diagnostics {
        assert_placed(d, name, bytes);
    }
    let Some(r) = parsed else {
        assert!(diagnostics.iter().any(Diagnostic::is_error));
        return;
    };
    let highest = highest_total(checklist);
    let choices = [LevelChoice::Effective]
        .into_iter()
        .chain(Level::ALL.map(LevelChoice::Named));
    for choice in choices {
        let s = score(checklist, &r, choice);
        assert!(
            s.total >= Points::ZERO && s.total <= highest,
            "total {} outside 0..={highest}",
            s.total
        );
        assert!(s.base >= Points::ZERO && s.base <= checklist.total());
        let json = serde_json::to_string(&RecordJson::new(&s)).expect("serialises");
        let _: serde_json::Value = serde_json::from_str(&json).expect("JSON that parses");
    }
}

/// Parses `bytes` as a checklist; a valid one judges `record` (if any).
pub fn checklist(bytes: &[u8], record_bytes: Option<&[u8]>) {
    let name = "checklist.toml";
    let file = match audit::read::load::source_from_bytes(name.into(), bytes.to_vec()) {
        Ok(f) => f,
        Err(d) => return assert_placed(&d, name, bytes),
    };
    match Checklist::parse(file) {
        Ok(c) => {
            if let Some(r) = record_bytes {
                record(&c, r);
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            for d in &diagnostics {
                assert_placed(d, name, bytes);
            }
        }
    }
}

/// Writes `bytes` as a sheet with extension `ext`, reads it as `audit import` does and
/// validates its cells against `checklist`; records it yields become record files that must
/// read back cleanly.
pub fn sheet(checklist: &Checklist, bytes: &[u8], ext: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("sheet.{ext}"));
    std::fs::write(&path, bytes).expect("write the sheet");
    let Ok(grid) = audit::read::workbook::read_grid(&path, None) else {
        return;
    };
    match audit::read::grid::parse_grid(checklist, &grid) {
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            for d in &diagnostics {
                assert!(d.line >= 1 && d.column >= 1, "{d}");
            }
        }
        Ok(records) => {
            for r in &records {
                let update = audit::author::apply::apply(checklist, r, None).expect("a new record");
                let file = SourceFile::new("new.toml", update.text.clone());
                let (parsed, diagnostics) = Record::parse(file, checklist, None);
                assert!(
                    parsed.is_some() && !diagnostics.iter().any(Diagnostic::is_error),
                    "an imported record does not read back:\n{}\n{diagnostics:?}",
                    update.text
                );
            }
        }
    }
}
