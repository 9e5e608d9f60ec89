//! Search: normalisation and stemming of arbitrary text (German and
//! English), and the text as a query against a small index.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for key in touchbase::fuzzing::search(text) {
        assert!(!key.is_empty(), "an empty index key from {text:?}");
    }
});
