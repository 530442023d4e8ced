//! A checklist, and after the separator line `#---- record` a record that a valid checklist
//! then judges.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let sep = audit_fuzz::SEPARATOR;
    match data.windows(sep.len()).position(|w| w == sep) {
        Some(i) => audit_fuzz::checklist(&data[..i], Some(&data[i + sep.len()..])),
        None => audit_fuzz::checklist(data, None),
    }
});
