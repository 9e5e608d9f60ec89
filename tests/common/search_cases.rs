//! Fixed expectations for search on the `search` fixture site: each
//! query (language, filters) with the titles it must find, in order.
//! `tests/search.rs` holds the Rust engine (`touchbase::search::query`) to
//! this table and the browser suite holds the client
//! (`themes/default/static/assets/search.js`) to the very same table, so
//! neither is only checked against the other.

/// One query and what it finds.
pub(crate) struct Case {
    pub(crate) lang: &'static str,
    pub(crate) query: &'static str,
    /// `kind`, `channel`, `stage` filters; empty for none.
    pub(crate) filter: [&'static str; 3],
    pub(crate) titles: &'static [&'static str],
}

const fn case(lang: &'static str, query: &'static str, titles: &'static [&'static str]) -> Case {
    Case {
        lang,
        query,
        filter: ["", "", ""],
        titles,
    }
}

const fn filtered(
    query: &'static str,
    filter: [&'static str; 3],
    titles: &'static [&'static str],
) -> Case {
    Case {
        lang: "de",
        query,
        filter,
        titles,
    }
}

pub(crate) const CASES: &[Case] = &[
    // Names starting with the query, shorter first; then the full text.
    case(
        "de",
        "kundenbind",
        &["Kundenbindung", "Kundenbindungsprogramm", "Kundenkarte"],
    ),
    case(
        "de",
        "kunden",
        &[
            "Kundenkarte",
            "Kundenbindung",
            "Kundenkontaktpunkt",
            "Kundenbindungsprogramm",
            "Über uns",
            "Kontaktformular",
        ],
    ),
    // Typos: one edit from four letters, two from eight; a swap is one.
    case("de", "Kundenkontakpunkt", &["Kundenkontaktpunkt"]),
    case("de", "kundenlyoalität", &["Kundenbindung"]),
    case("de", "Kundnekotnaktpunkt", &["Kundenkontaktpunkt"]),
    case("de", "Kndnekotnaktpunkt", &[]),
    case("de", "Kuhdenkarte", &["Kundenkarte"]),
    case("de", "kx", &[]),
    // An abbreviation and aliases are names.
    case("de", "kk", &["Kundenkarte"]),
    case("de", "Touchpoint", &["Kundenkontaktpunkt"]),
    case("de", "Kontaktpunkt", &["Kundenkontaktpunkt"]),
    // Case, umlauts and ß do not matter.
    case("de", "aussenwerbung", &["Außenwerbung"]),
    case("de", "Außenwerbung", &["Außenwerbung"]),
    case("de", "AUSSENWERBUNG", &["Außenwerbung"]),
    case("de", "kundenloyalitaet", &["Kundenbindung"]),
    case("de", "Über uns", &["Über uns"]),
    case("de", "uber uns", &["Über uns"]),
    case("de", "ueber", &["Über uns", "Kontaktformular"]),
    // Fields weigh: a description over a body, a heading over text.
    case("de", "Plakate", &["Außenwerbung", "Kundenkontaktpunkt"]),
    case("de", "zählt", &["Außenwerbung"]),
    // Stems, and every word required.
    case("de", "Käufe", &["Kundenbindung"]),
    case(
        "de",
        "kunden punkte",
        &["Kundenkarte", "Kundenbindungsprogramm"],
    ),
    case("de", "kunden xylophon", &[]),
    // Each language its own index.
    case("en", "touchpo", &["Touchpoint"]),
    case("en", "customer", &["Customer loyalty", "Touchpoint"]),
    case("en", "recommending", &["Customer loyalty"]),
    // Filters by kind, channel and stage.
    filtered(
        "kunden",
        ["touchpoint", "", ""],
        &["Kundenbindungsprogramm", "Kontaktformular"],
    ),
    filtered("kunden", ["", "service", ""], &["Kontaktformular"]),
    filtered("kunden", ["", "", "loyalty"], &["Kundenbindungsprogramm"]),
    filtered("kunden", ["page", "", ""], &["Über uns"]),
    filtered("kunden", ["term", "service", ""], &[]),
];
