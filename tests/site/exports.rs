//! The export files (`touchpoints.json`, `glossary.json`,
//! `touchpoints.csv`) and the glossary's JSON-LD, parsed back and compared
//! with the front matter of the `journey` fixture.

use serde_json::Value;

use crate::journey::{between, built, files, string, strings};

fn titles(refs: &Value) -> Vec<String> {
    refs.as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn touchpoints_json_matches_the_source() {
    let site = built();
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(site.output().join("touchpoints.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["format"], 1);
    let list = json["touchpoints"].as_array().unwrap();
    let source = files("touchpoints");
    assert_eq!(list.len(), source.len());
    for (slug, fm) in &source {
        let t = list
            .iter()
            .find(|t| t["slug"] == slug.as_str())
            .expect(slug);
        assert_eq!(t["title"], string(fm, "title"));
        assert_eq!(t["description"], string(fm, "description"));
        assert_eq!(t["channel"], string(fm, "channel"));
        assert_eq!(t["stages"], serde_json::json!(strings(fm, "stages")));
        assert_eq!(t["kpis"], serde_json::json!(strings(fm, "kpis")));
        assert_eq!(t["tags"], serde_json::json!(strings(fm, "tags")));
        let owner = string(fm, "owner");
        assert_eq!(
            t["owner"],
            if owner.is_empty() {
                Value::Null
            } else {
                owner.into()
            }
        );
        assert_eq!(t["ownership"], string(fm, "ownership"));
        assert_eq!(
            t["url"],
            format!("https://example.com/kb/touchpoints/{slug}/")
        );
        assert_eq!(t["source"], format!("content/touchpoints/{slug}.md"));
    }
    let chat = list.iter().find(|t| t["slug"] == "chat").unwrap();
    assert_eq!(titles(&chat["terms"]), ["CRM"]);
    assert_eq!(titles(&chat["journeys"]), ["Kauf mit Hindernissen"]);
    let website = list.iter().find(|t| t["slug"] == "website").unwrap();
    assert_eq!(website["updated"], "2026-03-01");
}

#[test]
fn glossary_json_matches_the_source() {
    let site = built();
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(site.output().join("glossary.json")).unwrap(),
    )
    .unwrap();
    let terms = json["terms"].as_array().unwrap();
    let source = files("glossary");
    assert_eq!(terms.len(), source.len());
    for (slug, fm) in &source {
        let t = terms
            .iter()
            .find(|t| t["slug"] == slug.as_str())
            .expect(slug);
        assert_eq!(t["title"], string(fm, "title"));
        assert_eq!(t["description"], string(fm, "description"));
        assert_eq!(t["aliases"], serde_json::json!(strings(fm, "aliases")));
        assert_eq!(t["lang"], "de");
    }
    let crm = terms.iter().find(|t| t["slug"] == "crm").unwrap();
    assert_eq!(crm["abbreviation"], "CRM");
    assert_eq!(
        titles(&crm["touchpoints"]),
        ["Live-Chat \"Plus\", rund um die Uhr", "Website"]
    );
}

/// RFC 4180 records: quoted fields may hold commas, doubled quotes and
/// line breaks; records end with CRLF.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(
                    chars.next(),
                    Some('\n'),
                    "a CR outside quotes ends a record"
                );
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => {
                assert!(c != '\n' && c != '"', "bare {c:?} outside quotes");
                field.push(c);
            }
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record ends with CRLF"
    );
    records
}

#[test]
fn touchpoints_csv_matches_the_source() {
    let site = built();
    let bytes = std::fs::read(site.output().join("touchpoints.csv")).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 with a byte-order mark");
    let records = parse_csv(std::str::from_utf8(&bytes[3..]).unwrap());
    let header = &records[0];
    // The columns as README.md documents them, in this order.
    assert_eq!(
        header,
        &[
            "lang",
            "slug",
            "title",
            "description",
            "channel",
            "stages",
            "owner",
            "kpis",
            "ownership",
            "terms",
            "journeys",
            "tags",
            "updated",
            "url",
            "translation_key",
            "weight"
        ]
    );
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let source = files("touchpoints");
    assert_eq!(records.len(), source.len() + 1, "one row per touchpoint");
    let split = |s: &str| -> Vec<String> {
        if s.is_empty() {
            Vec::new()
        } else {
            s.split("; ").map(String::from).collect()
        }
    };
    for (slug, fm) in &source {
        let row = records[1..]
            .iter()
            .find(|r| r[column("slug")] == *slug)
            .expect(slug);
        assert_eq!(row.len(), header.len());
        assert_eq!(row[column("title")], string(fm, "title"));
        assert_eq!(row[column("description")], string(fm, "description"));
        assert_eq!(row[column("channel")], string(fm, "channel"));
        assert_eq!(split(&row[column("stages")]), strings(fm, "stages"));
        assert_eq!(split(&row[column("kpis")]), strings(fm, "kpis"));
        assert_eq!(split(&row[column("tags")]), strings(fm, "tags"));
        assert_eq!(row[column("owner")], string(fm, "owner"));
        assert_eq!(row[column("ownership")], string(fm, "ownership"));
        assert_eq!(row[column("lang")], "de");
        assert_eq!(
            row[column("url")],
            format!("https://example.com/kb/touchpoints/{slug}/")
        );
    }
    let chat = records
        .iter()
        .find(|r| r[column("slug")] == "chat")
        .unwrap();
    assert!(
        chat[column("description")].contains('\n'),
        "a line break survives quoting"
    );
    assert_eq!(chat[column("journeys")], "Kauf mit Hindernissen");
    assert_eq!(chat[column("terms")], "CRM");
    let website = records
        .iter()
        .find(|r| r[column("slug")] == "website")
        .unwrap();
    assert_eq!(website[column("updated")], "2026-03-01");
}

/// The JSON-LD of a page, checked to be safe inside `<script>`, parsed.
fn jsonld(html: &str) -> Value {
    let open = "<script type=\"application/ld+json\">";
    let block = between(html, open, "</script>");
    let inner = &block[open.len()..block.len() - "</script>".len()];
    assert!(!inner.contains('<'), "no `<` inside the script: {inner}");
    serde_json::from_str(inner).expect("JSON-LD parses")
}

#[test]
fn json_ld_of_glossary_and_terms() {
    let site = built();
    let set = jsonld(&site.page("glossary/"));
    assert_eq!(set["@context"], "https://schema.org");
    assert_eq!(set["@type"], "DefinedTermSet");
    assert_eq!(set["url"], "https://example.com/kb/glossary/");
    let source = files("glossary");
    let listed = set["hasDefinedTerm"].as_array().unwrap();
    assert_eq!(listed.len(), source.len());
    for (slug, fm) in &source {
        let url = format!("https://example.com/kb/glossary/{slug}/");
        let in_set = listed
            .iter()
            .find(|t| t["url"] == url.as_str())
            .expect(slug);
        assert_eq!(in_set["@type"], "DefinedTerm");
        assert_eq!(in_set["name"], string(fm, "title"));

        let term = jsonld(&site.page(&format!("glossary/{slug}/")));
        assert_eq!(term["@type"], "DefinedTerm");
        assert_eq!(term["name"], string(fm, "title"));
        assert_eq!(term["description"], string(fm, "description"));
        let mut names = strings(fm, "aliases");
        let abbreviation = string(fm, "abbreviation");
        if !abbreviation.is_empty() && !names.contains(&abbreviation) {
            names.push(abbreviation);
        }
        assert_eq!(term["alternateName"], serde_json::json!(names));
        assert_eq!(term["inLanguage"], "de");
        assert_eq!(term["url"], url.as_str());
        assert_eq!(term["inDefinedTermSet"]["@type"], "DefinedTermSet");
        assert_eq!(term["inDefinedTermSet"]["@id"], set["@id"]);
    }
    // The `</script>` title is in the data, intact, and not in the markup.
    let script = jsonld(&site.page("glossary/script/"));
    assert_eq!(script["name"], "Ende </script><b>fett</b>");
}
