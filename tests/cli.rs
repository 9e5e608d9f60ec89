//! CLI transcripts: what a user sees on the terminal for every command and
//! every error message, checked with trycmd. Each case in `tests/cmd/` is a
//! `.toml` file (one command; `fs.base` names the fixture site it runs in,
//! copied to a sandbox) or a `.md` transcript (several commands sharing one
//! sandbox; its `.in/` folder is the starting state, `.out/` lists files
//! the commands must have written). Elapsed times are elided with `[..]`.

#[test]
fn cli_transcripts() {
    trycmd::TestCases::new()
        .register_bin(
            "touchbase",
            std::path::Path::new(env!("CARGO_BIN_EXE_touchbase")),
        )
        .env("TOUCHBASE_LOG", "off")
        .case("tests/cmd/*.toml")
        .case("tests/cmd/*.md");
}
