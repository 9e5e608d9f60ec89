//! `serve`: a request head as it comes off the socket, parsed and its
//! path resolved; nothing outside the served folder is ever resolved.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let served = touchbase::fuzzing::request(data);
    if let Some(file) = &served.file {
        assert!(
            file.starts_with(&served.root),
            "{} is outside {}",
            file.display(),
            served.root.display()
        );
    }
});
