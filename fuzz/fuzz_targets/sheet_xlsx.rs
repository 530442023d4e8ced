//! An import sheet as xlsx (a zip of XML parts), against the reference checklist.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    audit_fuzz::sheet(&audit_fuzz::checklists()[0], data, "xlsx");
});
