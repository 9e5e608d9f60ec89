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
    let mut out = String::from("+++\n");
    let is_table = |v: &Value| matches!(v, Value::Table(_));
    let known = ORDER.iter().filter_map(|k| table.get_key_value(*k));
    let mut others: Vec<(&String, &Value)> = table
        .iter()
        .filter(|(k, v)| !ORDER.contains(&k.as_str()) && !is_table(v))
        .collect();
    others.sort_by(|a, b| a.0.cmp(b.0));
    for (k, v) in known.chain(others) {
        if is_table(v) {
            continue;
        }
        out.push_str(&format!("{} = {}\n", key(k), value(v)));
    }
    let mut tables: Vec<(&String, &Value)> = table.iter().filter(|(_, v)| is_table(v)).collect();
    tables.sort_by(|a, b| a.0.cmp(b.0));
    for (name, v) in tables {
        let Value::Table(inner) = v else { continue };
        out.push_str(&format!("\n[{}]\n", key(name)));
        let mut entries: Vec<(&String, &Value)> = inner.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (k, v) in entries {
            out.push_str(&format!("{} = {}\n", key(k), value(v)));
        }
    }
    out.push_str("+++\n");
    out
}

/// A key, bare when TOML allows it.
fn key(k: &str) -> String {
    let bare = !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare { k.to_string() } else { basic_string(k) }
}

/// A value on one line: arrays and tables inline.
fn value(v: &Value) -> String {
    match v {
        Value::String(s) => basic_string(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Table(t) => {
            if t.is_empty() {
                return "{}".into();
            }
            let mut entries: Vec<(&String, &Value)> = t.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let items: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{} = {}", key(k), value(v)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
        Value::Integer(i) => i.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Datetime(d) => d.to_string(),
        Value::Float(_) => v.to_string(),
    }
}

/// A TOML basic string: `"…"` with `\`, `"`, line breaks, tabs and other
/// control characters escaped; everything else as it is.
pub fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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
