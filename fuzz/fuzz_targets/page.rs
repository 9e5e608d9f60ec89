//! One page through the whole pipeline (markdown → links → HTML, with
//! listings, exports and the search index) inside a small site to link
//! to. No panic, no NUL byte in any output, every diagnostic inside its
//! file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let run = touchbase::fuzzing::page(text);
    let with_nul = run.files_with_nul();
    assert!(with_nul.is_empty(), "NUL bytes in {with_nul:?}");
    if let Err(e) = run.check_locations() {
        panic!("{e}");
    }
});
