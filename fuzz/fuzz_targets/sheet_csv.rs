//! An import sheet as CSV, against the reference checklist or the mini one (the first byte
//! chooses).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let checklist = &audit_fuzz::checklists()[usize::from(choice & 1)];
    audit_fuzz::sheet(checklist, bytes, "csv");
});
