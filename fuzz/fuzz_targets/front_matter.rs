//! Front matter of every kind: the first input line names the file
//! (`glossary/crm.en.md`, `touchpoints/x.md`, `journeys/x.md`, `x.md`),
//! the rest is its bytes. Split, parsed and validated without a panic;
//! every diagnostic points inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let run = touchbase::fuzzing::front_matter(data);
    if let Err(e) = run.check_locations() {
        panic!("{e}");
    }
});
