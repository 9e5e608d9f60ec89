//! How text becomes search keys, the same way at build time and in the
//! browser (`themes/default/static/assets/search.js` mirrors every rule
//! here): case folded, umlauts and accents transliterated like slugs, then
//! `ae`/`oe`/`ue` folded to `a`/`o`/`u`, so "Außenwerbung",
//! "Aussenwerbung" and "aussenwerbung" agree, and so do "Käse", "Kaese"
//! and "Kase". Full-text words are stemmed with Snowball (German, English)
//! before that last fold.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

/// Words longer than this are not indexed (hashes, base64 in code blocks).
pub const MAX_WORD: usize = 40;

/// The stemmer of a language, by its code (`de`, `de-AT`, `en-GB` …).
/// Languages without one get their words unchanged.
pub struct Stem {
    /// `de`, `en` or empty: written into the index so the client picks
    /// the same algorithm.
    pub name: &'static str,
    stemmer: Option<Stemmer>,
}

impl Stem {
    pub fn for_language(lang: &str) -> Self {
        let base = lang.split(['-', '_']).next().unwrap_or("");
        let (name, algorithm) = match base.to_ascii_lowercase().as_str() {
            "de" => ("de", Some(Algorithm::German)),
            "en" => ("en", Some(Algorithm::English)),
            _ => ("", None),
        };
        Self {
            name,
            stemmer: algorithm.map(Stemmer::create),
        }
    }

    /// The Snowball stem of a folded word. Only plain `a`–`z` words are
    /// stemmed; digits and other scripts pass unchanged (the client's
    /// stemmers know only these letters).
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        match &self.stemmer {
            Some(s) if word.bytes().all(|b| b.is_ascii_lowercase()) => s.stem(word),
            _ => Cow::Borrowed(word),
        }
    }

    /// The index key of one word as [`words`] yields it.
    pub fn key(&self, word: &str) -> String {
        fold_digraphs(&self.stem(word))
    }
}

/// Lowercase, transliterated text split into words of letters and digits.
/// Umlauts are still two letters here (`ä` → `ae`): the stemmers expect
/// that, and [`fold_digraphs`] merges them afterwards.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut out = Vec::new();
    each_word(text, &mut Transliterated::default(), |w| {
        out.push(w.to_string())
    });
    out.into_iter()
}

/// Non-ASCII characters already transliterated (a cache: most text is
/// ASCII, and the few other letters repeat). Latin letters are looked up
/// by code point, others in a map.
#[derive(Default)]
pub struct Transliterated {
    latin: Vec<Option<Option<String>>>,
    other: HashMap<char, Option<String>>,
}

/// Code points below this are cached in a table.
const LATIN: usize = 0x250;

impl Transliterated {
    /// What a non-ASCII character stands for inside a word (`ä` → `ae`),
    /// or `None` when it ends the word (punctuation, symbols).
    fn get(&mut self, c: char) -> Option<&str> {
        let fold = || {
            if !c.is_alphanumeric() {
                return None;
            }
            let folded = crate::slug::fold(c.encode_utf8(&mut [0; 4]));
            (!folded.is_empty() && folded.chars().all(char::is_alphanumeric)).then_some(folded)
        };
        let n = c as usize;
        if n < LATIN {
            if self.latin.is_empty() {
                self.latin = vec![None; LATIN];
            }
            self.latin[n].get_or_insert_with(fold).as_deref()
        } else {
            self.other.entry(c).or_insert_with(fold).as_deref()
        }
    }
}

/// Calls `f` with each word of `text`, as [`words`] yields them, without
/// allocating per word. Each character is transliterated and lowercased
/// on its own, exactly as `slug::fold` does.
pub fn each_word(text: &str, cache: &mut Transliterated, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphanumeric() {
                word.push(char::from(b.to_ascii_lowercase()));
                continue;
            }
        } else {
            let c = text[i..]
                .chars()
                .next()
                .expect("i is at a character boundary");
            i += c.len_utf8();
            if let Some(folded) = cache.get(c) {
                word.push_str(folded);
                continue;
            }
        }
        if !word.is_empty() {
            f(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// The same words as [`each_word`], faster for the indexer: a word of
/// ASCII letters and digits is handed over as it stands in `text` (not yet
/// lowercased: `f(word, false)`), anything else transliterated and
/// lowercased (`f(word, true)`).
pub fn each_raw_word(text: &str, cache: &mut Transliterated, mut f: impl FnMut(&str, bool)) {
    let bytes = text.as_bytes();
    let mut word = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == bytes.len() || bytes[i].is_ascii() {
            f(&text[start..i], false);
            continue;
        }
        // A non-ASCII character in or after the word: go on letter by letter.
        word.clear();
        word.extend(
            bytes[start..i]
                .iter()
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        for c in text[i..].chars() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else if c.is_ascii() {
                break;
            } else {
                i += c.len_utf8() - 1;
                match cache.get(c) {
                    Some(folded) => word.push_str(folded),
                    None => {
                        i += 1;
                        break;
                    }
                }
            }
            i += 1;
        }
        if !word.is_empty() {
            f(&word, true);
        }
    }
}

/// `ae` → `a`, `oe` → `o`, `ue` → `u`, left to right without overlap.
pub fn fold_digraphs(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, 'a' | 'o' | 'u') && chars.peek() == Some(&'e') {
            chars.next();
        }
    }
    out
}

/// A name (title, alias, abbreviation) or a query in the form names are
/// compared in: folded words joined by one space.
pub fn name(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&fold_digraphs(&word));
    }
    out
}

/// Length in UTF-16 code units: what the client's `String.length` counts,
/// so both sides break ties and budget typos alike.
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_digraphs_and_sharp_s_agree() {
        for spelling in [
            "Außenwerbung",
            "aussenwerbung",
            "Aussenwerbung",
            "AUSSENWERBUNG",
        ] {
            assert_eq!(name(spelling), "aussenwerbung", "{spelling}");
        }
        assert_eq!(name("Käse"), name("Kaese"));
        assert_eq!(name("Kaese"), name("Kase"));
        assert_eq!(name("Über uns"), "uber uns");
        assert_eq!(name("Öl"), name("Oel"));
    }

    #[test]
    fn accents_case_and_separators() {
        assert_eq!(name("Café Crème"), "cafe creme");
        assert_eq!(name("  Customer-Journey  "), "customer journey");
        assert_eq!(name("E-Mail/Newsletter (B2B)"), "e mail newsletter b2b");
        assert_eq!(name("Łódź"), "lodz");
        assert_eq!(name("Привет, мир"), "привет мир");
        assert_eq!(name("?!"), "");
    }

    #[test]
    fn raw_words_are_the_same_words() {
        let text = "Außenwerbung, KUNDEN-Bindung – „Café“ (B2B) Ærø İstanbul x²y ﬁle 12€ Ü ü-ü привет,мир  end";
        let mut raw = Vec::new();
        each_raw_word(text, &mut Transliterated::default(), |w, folded| {
            raw.push(if folded {
                w.to_string()
            } else {
                w.to_ascii_lowercase()
            });
        });
        assert_eq!(raw, words(text).collect::<Vec<_>>());
        assert!(raw.contains(&"aussenwerbung".to_string()), "{raw:?}");
    }

    #[test]
    fn digraphs_fold_without_overlap() {
        assert_eq!(fold_digraphs("aee"), "ae");
        assert_eq!(fold_digraphs("queue"), "quu");
        assert_eq!(fold_digraphs("feuer"), "feur");
    }

    #[test]
    fn german_stems_meet_across_inflections_and_spellings() {
        let de = Stem::for_language("de");
        assert_eq!(de.name, "de");
        let key = |w: &str| de.key(&words(w).next().unwrap());
        assert_eq!(key("Kundenbindung"), "kundenbind");
        assert_eq!(key("Kundenbindungen"), key("Kundenbindung"));
        assert_eq!(key("Außenwerbung"), key("Aussenwerbung"));
        assert_eq!(key("Mädchen"), key("Maedchen"));
        assert_eq!(key("Mädchen"), key("Madchen"));
        assert_eq!(key("Kunden"), key("Kunde"));
    }

    #[test]
    fn english_stems_and_unknown_languages() {
        let en = Stem::for_language("en-GB");
        assert_eq!(en.name, "en");
        assert_eq!(en.key("touchpoints"), "touchpoint");
        assert_eq!(en.key("customers"), en.key("customer"));
        assert_eq!(en.key("values"), en.key("value"));
        assert_eq!(en.key("generously"), "generous");
        let fr = Stem::for_language("fr");
        assert_eq!(fr.name, "");
        assert_eq!(fr.key("clients"), "clients");
        // Only plain a–z words are stemmed.
        assert_eq!(en.key("b2b"), "b2b");
    }
}
