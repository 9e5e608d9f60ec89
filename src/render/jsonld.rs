//! schema.org JSON-LD for the glossary: a `DefinedTermSet` on the A–Z
//! index and a `DefinedTerm` on each term page, so search engines and other
//! tools read the glossary as data. Built here as JSON and handed to the
//! templates as a ready string that is safe inside `<script>`.

use serde_json::{Value, json};

/// The glossary of one language, as the terms refer to it.
#[derive(Debug, Clone)]
pub struct SetRef<'a> {
    pub name: &'a str,
    /// Full URL of the glossary index.
    pub url: &'a str,
    pub lang: &'a str,
}

/// One term.
#[derive(Debug, Clone)]
pub struct TermRef<'a> {
    pub name: &'a str,
    pub description: &'a str,
    /// Full URL of the term page.
    pub url: &'a str,
    /// Aliases, then the abbreviation when it is not one of them.
    pub alternate_names: Vec<&'a str>,
}

fn term_value(term: &TermRef<'_>) -> serde_json::Map<String, Value> {
    let mut map = serde_json::Map::new();
    map.insert("@type".into(), json!("DefinedTerm"));
    map.insert("@id".into(), json!(term.url));
    map.insert("name".into(), json!(term.name));
    if !term.description.is_empty() {
        map.insert("description".into(), json!(term.description));
    }
    if !term.alternate_names.is_empty() {
        map.insert("alternateName".into(), json!(term.alternate_names));
    }
    map.insert("url".into(), json!(term.url));
    map
}

/// The `DefinedTerm` of a term page.
pub fn defined_term(term: &TermRef<'_>, set: &SetRef<'_>) -> String {
    let mut map = term_value(term);
    map.insert("@context".into(), json!("https://schema.org"));
    map.insert("inLanguage".into(), json!(set.lang));
    map.insert(
        "inDefinedTermSet".into(),
        json!({"@type": "DefinedTermSet", "@id": set.url, "name": set.name, "url": set.url}),
    );
    script_safe(&Value::Object(map))
}

/// The `DefinedTermSet` of the glossary index with every term (name and
/// URL).
pub fn defined_term_set(set: &SetRef<'_>, terms: &[TermRef<'_>]) -> String {
    // Each term in short: its own page carries the full `DefinedTerm`
    // under the same `@id`, which keeps a large glossary's index small.
    let terms: Vec<Value> = terms
        .iter()
        .map(|t| json!({"@type": "DefinedTerm", "@id": t.url, "name": t.name, "url": t.url}))
        .collect();
    script_safe(&json!({
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": set.url,
        "name": set.name,
        "url": set.url,
        "inLanguage": set.lang,
        "hasDefinedTerm": terms,
    }))
}

/// JSON that can stand inside `<script>…</script>`: `<`, `>` and `&` are
/// written as `\u003c`, `\u003e`, `\u0026` (so no `</script>` or `<!--`
/// can appear), as are the line separators U+2028 and U+2029. The value
/// parses back unchanged.
pub fn script_safe(value: &Value) -> String {
    let text = value.to_string();
    // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
    let Some(first) = text
        .bytes()
        .position(|b| matches!(b, b'<' | b'>' | b'&' | 0xE2))
    else {
        return text;
    };
    let mut out = String::with_capacity(text.len() + 16);
    let (mut done, mut at) = (0, first);
    while at < text.len() {
        let (replacement, len) = match &text.as_bytes()[at..] {
            [b'<', ..] => ("\\u003c", 1),
            [b'>', ..] => ("\\u003e", 1),
            [b'&', ..] => ("\\u0026", 1),
            [0xE2, 0x80, 0xA8, ..] => ("\\u2028", 3),
            [0xE2, 0x80, 0xA9, ..] => ("\\u2029", 3),
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[done..at]);
        out.push_str(replacement);
        at += len;
        done = at;
    }
    out.push_str(&text[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_end_cannot_appear() {
        let value = json!({"name": "a </script><script>alert(1)</script> & <!-- \u{2028}"});
        let safe = script_safe(&value);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert!(!safe.contains('\u{2028}'));
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn escapes_exactly_the_unsafe_characters() {
        let value = json!(["<a>&\u{2028}\u{2029}–ü\u{2027}", "plain", "&"]);
        assert_eq!(
            script_safe(&value),
            "[\"\\u003ca\\u003e\\u0026\\u2028\\u2029–ü\u{2027}\",\"plain\",\"\\u0026\"]"
        );
        assert_eq!(script_safe(&json!({"a": "b"})), "{\"a\":\"b\"}");
    }

    #[test]
    fn term_has_the_schema_fields() {
        let set = SetRef {
            name: "Glossar",
            url: "https://example.com/kb/glossary/",
            lang: "de",
        };
        let term = TermRef {
            name: "CRM",
            description: "Pflege von Kundenbeziehungen.",
            url: "https://example.com/kb/glossary/crm/",
            alternate_names: vec!["Kundenbeziehungsmanagement"],
        };
        let v: Value = serde_json::from_str(&defined_term(&term, &set)).unwrap();
        assert_eq!(v["@type"], "DefinedTerm");
        assert_eq!(v["name"], "CRM");
        assert_eq!(v["alternateName"][0], "Kundenbeziehungsmanagement");
        assert_eq!(v["inLanguage"], "de");
        assert_eq!(v["inDefinedTermSet"]["@id"], set.url);
        let s: Value = serde_json::from_str(&defined_term_set(&set, &[term])).unwrap();
        assert_eq!(s["@type"], "DefinedTermSet");
        assert_eq!(
            s["hasDefinedTerm"][0]["url"],
            "https://example.com/kb/glossary/crm/"
        );
    }
}
