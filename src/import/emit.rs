//! Front matter text from a table of values: keys in the canonical order
//! (the order of DESIGN.md's examples), every value on one line. Strings
//! are TOML basic strings with line breaks, quotes, backslashes and
//! control characters escaped, so any text — a `+++` line included —
//! reads back as it was and can never end the front matter early.

use toml::{Table, Value};

/// The order of keys in a written front matter; other keys follow,
/// sorted, then tables such as `[extra]`.
pub const ORDER: &[&str] = &[
    "title",
    "description",
    "slug",
    "lang",
    "translation_key",
    "aliases",
    "abbreviation",
    "related",
    "channel",
    "stages",
    "owner",
    "kpis",
    "ownership",
    "terms",
    "tags",
    "updated",
    "weight",
    "draft",
];

/// `+++`, the keys, `+++`, each line ending in `\n`.
pub fn front_matter(table: &Table) -> String {
    let mut out = String::with_capacity(256);
    out.push_str("+++\n");
    let is_table = |v: &Value| matches!(v, Value::Table(_));
    for key in ORDER {
        if let Some(v) = table.get(*key).filter(|v| !is_table(v)) {
            line(&mut out, key, v);
        }
    }
    // Keys of their own (already sorted: the table is ordered), then tables.
    for (k, v) in table {
        if !ORDER.contains(&k.as_str()) && !is_table(v) {
            line(&mut out, k, v);
        }
    }
    for (name, v) in table {
        let Value::Table(inner) = v else { continue };
        out.push_str("\n[");
        push_key(&mut out, name);
        out.push_str("]\n");
        for (k, v) in inner {
            line(&mut out, k, v);
        }
    }
    out.push_str("+++\n");
    out
}

/// `key = value` and a line break.
fn line(out: &mut String, key: &str, v: &Value) {
    push_key(out, key);
    out.push_str(" = ");
    push_value(out, v);
    out.push('\n');
}

/// A key, bare when TOML allows it.
fn push_key(out: &mut String, k: &str) {
    let bare = !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        out.push_str(k);
    } else {
        push_basic_string(out, k);
    }
}

/// A value on one line: arrays and tables inline.
fn push_value(out: &mut String, v: &Value) {
    match v {
        Value::String(s) => push_basic_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_value(out, item);
            }
            out.push(']');
        }
        Value::Table(t) if t.is_empty() => out.push_str("{}"),
        Value::Table(t) => {
            out.push_str("{ ");
            for (i, (k, v)) in t.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_key(out, k);
                out.push_str(" = ");
                push_value(out, v);
            }
            out.push_str(" }");
        }
        Value::Integer(i) => out.push_str(&i.to_string()),
        Value::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Datetime(d) => out.push_str(&d.to_string()),
        Value::Float(_) => out.push_str(&v.to_string()),
    }
}

/// A TOML basic string: `"…"` with `\`, `"`, line breaks, tabs and other
/// control characters escaped; everything else as it is.
pub fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_basic_string(&mut out, s);
    out
}

fn push_basic_string(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            c if c.is_control() => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push_str(escape);
        }
        plain = i + c.len_utf8();
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Writes `table`, splits the text like the build does and parses the
    /// front matter back.
    fn read_back(table: &Table) -> Table {
        let text = format!("{}\nBody\n", front_matter(table));
        let split = crate::frontmatter::split(&text).expect("the front matter splits");
        assert_eq!(&text[split.body], "\nBody\n");
        toml::from_str(&text[split.front_matter]).expect("the front matter parses")
    }

    fn with_description(s: &str) -> Table {
        let mut t = Table::new();
        t.insert("title".into(), Value::String("T".into()));
        t.insert("description".into(), Value::String(s.into()));
        t
    }

    #[test]
    fn awkward_text_round_trips() {
        for s in [
            "say \"hi\"",
            "C:\\Users\\x",
            "line one\nline two",
            "a\n+++\nb",
            "+++",
            "tab\there",
            "cr\r\nlf",
            "'''single'''",
            "\"\"\"triple\"\"\"",
            "bell\u{7}del\u{7f}",
            "Umlaute äöü ß – “typografisch”",
            "",
        ] {
            let t = with_description(s);
            assert_eq!(read_back(&t), t, "{s:?}");
        }
    }

    #[test]
    fn canonical_order_and_tables_last() {
        let t: Table =
            toml::from_str("zeta = 1\n[extra]\nb = \"x\"\na = { n = [1, 2] }\n\n").unwrap();
        let mut t = t;
        t.insert(
            "tags".into(),
            Value::Array(vec![Value::String("CX".into())]),
        );
        t.insert("title".into(), Value::String("Chat".into()));
        t.insert("channel".into(), Value::String("online".into()));
        assert_eq!(
            front_matter(&t),
            "+++\ntitle = \"Chat\"\nchannel = \"online\"\ntags = [\"CX\"]\nzeta = 1\n\n[extra]\na = { n = [1, 2] }\nb = \"x\"\n+++\n"
        );
        assert_eq!(read_back(&t), t);
    }

    proptest! {
        #[test]
        fn any_string_round_trips(s in any::<String>()) {
            let t = with_description(&s);
            prop_assert_eq!(read_back(&t), t);
        }

        #[test]
        fn any_list_round_trips(items in proptest::collection::vec(any::<String>(), 0..5)) {
            let mut t = with_description("d");
            t.insert("kpis".into(), Value::Array(items.into_iter().map(Value::String).collect()));
            prop_assert_eq!(read_back(&t), t);
        }
    }
}
