//! schema.org JSON-LD for the glossary: a `DefinedTermSet` on the A–Z
//! index and a `DefinedTerm` on each term page, so search engines and other
//! tools read the glossary as data. Built here as JSON and handed to the
//! templates as a ready string that is safe inside `<script>`.

use serde::Serialize;

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

/// A `DefinedTerm` as JSON. The fields are declared in the order of
/// their names, the order the documents have always had (that of a JSON
/// object built as a map).
#[derive(Serialize)]
struct DefinedTerm<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName", skip_serializing_if = "<[_]>::is_empty")]
    alternate_names: &'a [&'a str],
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(rename = "inDefinedTermSet", skip_serializing_if = "Option::is_none")]
    in_set: Option<TermSet<'a>>,
    #[serde(rename = "inLanguage", skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    name: &'a str,
    url: &'a str,
}

/// A `DefinedTermSet`: as a term refers to it (without `@context`,
/// `inLanguage` and terms), or the glossary index's whole set.
#[derive(Serialize)]
struct TermSet<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "hasDefinedTerm", skip_serializing_if = "Option::is_none")]
    terms: Option<Vec<DefinedTerm<'a>>>,
    #[serde(rename = "inLanguage", skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    name: &'a str,
    url: &'a str,
}

/// The `DefinedTerm` of a term page.
pub fn defined_term(term: &TermRef<'_>, set: &SetRef<'_>) -> String {
    script_safe(&DefinedTerm {
        context: Some("https://schema.org"),
        id: term.url,
        kind: "DefinedTerm",
        alternate_names: &term.alternate_names,
        description: term.description,
        in_set: Some(TermSet {
            context: None,
            id: set.url,
            kind: "DefinedTermSet",
            terms: None,
            in_language: None,
            name: set.name,
            url: set.url,
        }),
        in_language: Some(set.lang),
        name: term.name,
        url: term.url,
    })
}

/// The `DefinedTermSet` of the glossary index with every term (name and
/// URL).
pub fn defined_term_set(set: &SetRef<'_>, terms: &[TermRef<'_>]) -> String {
    // Each term in short: its own page carries the full `DefinedTerm`
    // under the same `@id`, which keeps a large glossary's index small.
    let terms: Vec<DefinedTerm<'_>> = terms
        .iter()
        .map(|t| DefinedTerm {
            context: None,
            id: t.url,
            kind: "DefinedTerm",
            alternate_names: &[],
            description: "",
            in_set: None,
            in_language: None,
            name: t.name,
            url: t.url,
        })
        .collect();
    script_safe(&TermSet {
        context: Some("https://schema.org"),
        id: set.url,
        kind: "DefinedTermSet",
        terms: Some(terms),
        in_language: Some(set.lang),
        name: set.name,
        url: set.url,
    })
}

/// JSON that can stand inside `<script>…</script>`: `<`, `>` and `&` are
/// written as `\u003c`, `\u003e`, `\u0026` (so no `</script>` or `<!--`
/// can appear), as are the line separators U+2028 and U+2029. The value
/// parses back unchanged.
pub fn script_safe<T: Serialize>(value: &T) -> String {
    // Written straight into a buffer, not through `Display` (`to_string`),
    // which passes every piece through a formatter.
    let text = serde_json::to_string(value).expect("JSON-LD serialises");
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
    use serde_json::{Value, json};

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
    fn keys_are_written_in_name_order() {
        let set = SetRef {
            name: "Glossar",
            url: "https://x.de/g/",
            lang: "de",
        };
        let term = TermRef {
            name: "CRM",
            description: "Kunden <& mehr>",
            url: "https://x.de/g/crm/",
            alternate_names: vec!["K", "C"],
        };
        assert_eq!(
            defined_term(&term, &set),
            r#"{"@context":"https://schema.org","@id":"https://x.de/g/crm/","@type":"DefinedTerm","alternateName":["K","C"],"description":"Kunden \u003c\u0026 mehr\u003e","inDefinedTermSet":{"@id":"https://x.de/g/","@type":"DefinedTermSet","name":"Glossar","url":"https://x.de/g/"},"inLanguage":"de","name":"CRM","url":"https://x.de/g/crm/"}"#
        );
        let bare = TermRef {
            description: "",
            alternate_names: Vec::new(),
            ..term
        };
        assert_eq!(
            defined_term(&bare, &set),
            r#"{"@context":"https://schema.org","@id":"https://x.de/g/crm/","@type":"DefinedTerm","inDefinedTermSet":{"@id":"https://x.de/g/","@type":"DefinedTermSet","name":"Glossar","url":"https://x.de/g/"},"inLanguage":"de","name":"CRM","url":"https://x.de/g/crm/"}"#
        );
        assert_eq!(
            defined_term_set(&set, &[bare]),
            r#"{"@context":"https://schema.org","@id":"https://x.de/g/","@type":"DefinedTermSet","hasDefinedTerm":[{"@id":"https://x.de/g/crm/","@type":"DefinedTerm","name":"CRM","url":"https://x.de/g/crm/"}],"inLanguage":"de","name":"Glossar","url":"https://x.de/g/"}"#
        );
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
