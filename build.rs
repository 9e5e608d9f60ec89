//! Embeds the default theme (`themes/default/{templates,static,i18n}`) into the
//! binary, so `touchbase init` and `build` work without the repository around.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let theme = root.join("themes").join("default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = Vec::new();
    for part in ["templates", "static", "i18n"] {
        collect(&theme.join(part), &mut files);
    }
    files.sort();
    let mut code = String::from(
        "/// Files of the built-in theme: path relative to the theme folder, content.\n",
    );
    code.push_str("pub(crate) static THEME_FILES: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let rel = file.strip_prefix(&theme).expect("file is inside the theme");
        let rel = rel.to_string_lossy().replace('\\', "/");
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            file.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("theme.rs");
    fs::write(out, code).expect("writing theme.rs");
}
