//! A CSV spreadsheet imported as terms or touchpoints (planned, not
//! written). No panic; when the import succeeds, every file it would
//! write reads back without an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let run = touchbase::fuzzing::import(data);
    assert!(
        run.diagnostics.is_empty(),
        "the import would write files the build rejects: {:?}",
        run.diagnostics
    );
});
