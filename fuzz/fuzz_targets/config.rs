//! `touchbase.toml`: parsed and validated without a panic; every
//! diagnostic points inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let run = touchbase::fuzzing::site_config(text);
    if let Err(e) = run.check_locations() {
        panic!("{e}");
    }
});
