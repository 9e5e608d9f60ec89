//! Autolinking: prose mentions of a term's title, aliases or abbreviation
//! become links to the term.
//!
//! A name can only be mentioned where a word starts, and a mention is made
//! of whole words. So the automaton is a table built once per build, per
//! language, with one entry per word prefix of every name: the hash of the
//! case-folded text up to the end of a name's first word, its second word
//! and so on. An entry says which names end there and whether longer names
//! continue. One pass over a text run hashes each word while looking for
//! its end; a word that starts no name (most words) costs that hash and
//! one bit test, a word that does is followed word by word as far as names
//! continue, and the longest name that matches wins.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::hash::FxHashMap;
use crate::parse::Doc;

use super::DocId;

/// Patterns shorter than this (in characters) are never autolinked.
const MIN_CHARS: usize = 2;

/// A name in case-folded form, and the term it names.
#[derive(Debug)]
struct Name {
    folded: Box<str>,
    target: DocId,
}

/// Bits of the first-word filter: 2^18 bits, 32 KiB, small enough to stay
/// in the processor's cache while a page is scanned. With the ~25,000 name
/// spellings of a large glossary, nine words in ten that start no name are
/// turned away by it without touching the (much larger) table.
const FILTER_BITS: u32 = 18;

/// An entry of the table: a word prefix of one or more names.
#[derive(Debug, Default)]
struct Prefix {
    /// Names whose last word ends here (followed at most by characters
    /// that are not letters or digits), longest first.
    names: Vec<u32>,
    /// Some name continues with more words.
    longer: bool,
}

/// The names of one language, by the hashes of their word prefixes.
#[derive(Debug, Default)]
struct LangNames {
    /// One bit per first-word hash prefix: a clear bit means no name
    /// starts with the word.
    filter: Vec<u64>,
    prefixes: FxHashMap<u64, Prefix>,
    names: Vec<Name>,
}

impl LangNames {
    fn filter_bit(hash: u64) -> (usize, u64) {
        let bit = hash >> (64 - FILTER_BITS);
        ((bit / 64) as usize, 1 << (bit % 64))
    }

    fn mark(&mut self, hash: u64) {
        if self.filter.is_empty() {
            self.filter = vec![0; 1 << (FILTER_BITS - 6)];
        }
        let (word, mask) = Self::filter_bit(hash);
        self.filter[word] |= mask;
    }

    fn may_start_a_name(&self, hash: u64) -> bool {
        let (word, mask) = Self::filter_bit(hash);
        self.filter.get(word).is_some_and(|w| w & mask != 0)
    }
}

/// The name tables of all languages.
#[derive(Default)]
pub struct Autolinker {
    by_lang: BTreeMap<String, LangNames>,
}

impl std::fmt::Debug for Autolinker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Autolinker")
            .field("languages", &self.by_lang.keys())
            .finish()
    }
}

/// Case folding, one character at a time, the same for names and text.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase()
}

/// Mixes one folded character into a word hash.
fn mix(hash: u64, c: char) -> u64 {
    hash.rotate_left(5) ^ u64::from(c)
}

/// Spreads the mixed characters of a word over all bits: [`mix`] is kept
/// cheap because it runs for every letter of every page.
fn finish(hash: u64) -> u64 {
    (hash ^ (hash >> 29)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The forms a name is matched in: as written and, when that spells some
/// letter differently, in uppercase: ß becomes SS (`Außenwerbung` also
/// matches `Aussenwerbung`).
fn spellings(name: &str) -> Vec<String> {
    let name = name.trim();
    let mut out = vec![name.to_string()];
    if name
        .chars()
        .any(|c| !c.is_ascii() && c.to_uppercase().nth(1).is_some())
    {
        out.push(name.to_uppercase());
    }
    out
}

fn fold(text: &str) -> String {
    text.chars().flat_map(fold_char).collect()
}

impl Autolinker {
    /// Builds the name table of each language from its terms' names. When
    /// two terms share a spelling, the first one (in document order) keeps it.
    pub fn new(docs: &[Doc]) -> Self {
        let mut by_lang: BTreeMap<String, LangNames> = BTreeMap::new();
        for (id, doc) in docs.iter().enumerate() {
            let Doc::Term(term) = doc else { continue };
            let table = match by_lang.get_mut(&term.meta.lang) {
                Some(table) => table,
                None => by_lang.entry(term.meta.lang.clone()).or_default(),
            };
            let names = std::iter::once(&term.meta.title)
                .chain(&term.aliases)
                .chain(&term.abbreviation);
            for name in names.filter(|n| n.trim().chars().count() >= MIN_CHARS) {
                for spelling in spellings(name) {
                    // A name that does not start with a word never matches.
                    if spelling.starts_with(is_word_char) {
                        table.add(&spelling, id);
                    }
                }
            }
        }
        for table in by_lang.values_mut() {
            let names = &table.names;
            for prefix in table.prefixes.values_mut() {
                prefix
                    .names
                    .sort_by_key(|&i| (std::cmp::Reverse(names[i as usize].folded.len()), i));
            }
        }
        Self { by_lang }
    }

    /// Whole-word mentions of terms of `lang` in `text`, leftmost-longest,
    /// not overlapping, as (byte range in `text`, term).
    pub fn find(&self, lang: &str, text: &str) -> Vec<(Range<usize>, DocId)> {
        let Some(table) = self.by_lang.get(lang) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(&b) = text.as_bytes().get(at) {
            let starts_word = match ASCII_FOLD[usize::from(b)] {
                NOT_WORD => false,
                NOT_ASCII => mix_non_ascii(0, text, at).is_some(),
                _ => true,
            };
            if !starts_word {
                at += if b.is_ascii() { 1 } else { char_at(text, at).1 };
                continue;
            }
            match table.longest(text, at) {
                Ok((end, target)) => {
                    found.push((at..end, target));
                    at = end;
                }
                // On to the next word.
                Err(word_end) => at = word_end,
            }
        }
        found
    }
}

impl LangNames {
    /// Adds a name as written, unless an earlier one is spelled alike.
    fn add(&mut self, spelling: &str, target: DocId) {
        // The hash state after each word of the name.
        let mut ends = Vec::new();
        let mut hash = 0;
        let mut in_word = false;
        for c in spelling.chars() {
            let word = is_word_char(c);
            if in_word && !word {
                ends.push(hash);
            }
            in_word = word;
            hash = fold_char(c).fold(hash, mix);
        }
        if in_word {
            ends.push(hash);
        }
        let Some((&last, inner)) = ends.split_last() else {
            return;
        };
        let folded = fold(spelling);
        let key = finish(last);
        let names = &self.names;
        if let Some(prefix) = self.prefixes.get(&key) {
            if prefix
                .names
                .iter()
                .any(|&i| *names[i as usize].folded == *folded)
            {
                return;
            }
        }
        for (n, &hash) in inner.iter().enumerate() {
            let key = finish(hash);
            if n == 0 {
                self.mark(key);
            }
            self.prefixes.entry(key).or_default().longer = true;
        }
        if inner.is_empty() {
            self.mark(key);
        }
        self.prefixes
            .entry(key)
            .or_default()
            .names
            .push(self.names.len() as u32);
        self.names.push(Name {
            folded: folded.into(),
            target,
        });
    }

    /// The longest name mentioned from the word start `start` on, as (end,
    /// term): followed word by word while longer names continue. `Err`
    /// holds the end of the first word when no name is mentioned.
    fn longest(&self, text: &str, start: usize) -> Result<(usize, DocId), usize> {
        let (mut hash, word_end) = mix_word(0, text, start);
        if !self.may_start_a_name(finish(hash)) {
            return Err(word_end);
        }
        let (mut best, mut at) = (None, word_end);
        loop {
            let Some(prefix) = self.prefixes.get(&finish(hash)) else {
                return best.ok_or(word_end);
            };
            // Hashes can collide: the name itself decides.
            let matched = prefix.names.iter().find_map(|&i| {
                let name = &self.names[i as usize];
                whole_word_match(text, start, &name.folded).map(|end| (end, name.target))
            });
            best = matched.or(best);
            if !prefix.longer {
                return best.ok_or(word_end);
            }
            // The characters between this word and the next, then the next.
            (hash, at) = mix_gap(hash, text, at);
            if at >= text.len() {
                return best.ok_or(word_end);
            }
            (hash, at) = mix_word(hash, text, at);
        }
    }
}

/// What [`ASCII_FOLD`] holds for ASCII bytes that are not word characters.
const NOT_WORD: u8 = 0;
/// What [`ASCII_FOLD`] holds for the bytes of non-ASCII characters.
const NOT_ASCII: u8 = 0xff;

/// For each byte: the lowercase form of an ASCII word character, else
/// [`NOT_WORD`] or [`NOT_ASCII`].
static ASCII_FOLD: [u8; 256] = {
    let mut table = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() || c == b'_' {
            c.to_ascii_lowercase()
        } else {
            NOT_WORD
        };
        b += 1;
    }
    table
};

/// Mixes the word starting at byte `at` of `text` into `hash`, and gives
/// where the word ends.
fn mix_word(mut hash: u64, text: &str, mut at: usize) -> (u64, usize) {
    let bytes = text.as_bytes();
    loop {
        // A run of ASCII letters and digits, the bulk of most text.
        for &b in &bytes[at..] {
            let folded = ASCII_FOLD[usize::from(b)];
            if folded == NOT_WORD || folded == NOT_ASCII {
                break;
            }
            hash = mix(hash, char::from(folded));
            at += 1;
        }
        match bytes.get(at) {
            Some(b) if !b.is_ascii() => match mix_non_ascii(hash, text, at) {
                Some((mixed, len)) => {
                    hash = mixed;
                    at += len;
                }
                None => break,
            },
            _ => break,
        }
    }
    (hash, at)
}

/// Mixes the characters from byte `at` up to the next word start into
/// `hash`, and gives where that word starts (or the end of `text`).
fn mix_gap(mut hash: u64, text: &str, mut at: usize) -> (u64, usize) {
    while at < text.len() {
        let (c, len) = char_at(text, at);
        if is_word_char(c) {
            break;
        }
        hash = fold_char(c).fold(hash, mix);
        at += len;
    }
    (hash, at)
}

/// Mixes the non-ASCII character at byte `at` of `text` into `hash`,
/// case-folded, and gives its length; `None` when it is not a word character.
fn mix_non_ascii(hash: u64, text: &str, at: usize) -> Option<(u64, usize)> {
    if let Some(lower) = latin1_lowercase(text.as_bytes(), at) {
        return Some((mix(hash, char::from(lower + 0x40)), 2));
    }
    let (c, len) = char_at(text, at);
    is_word_char(c).then(|| (fold_char(c).fold(hash, mix), len))
}

/// The letters À–ÿ (`C3 80`–`C3 BF` but × and ÷), most of the non-ASCII
/// letters of German, French or Spanish text, fold without Unicode tables:
/// the second byte of the lowercase form.
fn latin1_lowercase(bytes: &[u8], at: usize) -> Option<u8> {
    match (bytes[at], bytes.get(at + 1)) {
        (0xc3, Some(&x)) if x != 0x97 && x != 0xb7 => Some(if x <= 0x9e { x + 0x20 } else { x }),
        _ => None,
    }
}

/// The character at byte `at` of `text` and its length in bytes.
fn char_at(text: &str, at: usize) -> (char, usize) {
    let b = text.as_bytes()[at];
    if b.is_ascii() {
        return (b as char, 1);
    }
    let c = text[at..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// Where `folded` ends when `text` spells it (ignoring case) from `start`,
/// if it ends there at a word boundary.
fn whole_word_match(text: &str, start: usize, folded: &str) -> Option<usize> {
    let (bytes, want) = (text.as_bytes(), folded.as_bytes());
    let (mut at, mut matched) = (start, 0);
    while matched < want.len() {
        let b = *bytes.get(at)?;
        if b.is_ascii() {
            if b.to_ascii_lowercase() != want[matched] {
                return None;
            }
            at += 1;
            matched += 1;
            continue;
        }
        if let Some(lower) = latin1_lowercase(bytes, at) {
            if want.get(matched..matched + 2) != Some(&[0xc3, lower]) {
                return None;
            }
            at += 2;
            matched += 2;
            continue;
        }
        let (c, len) = char_at(text, at);
        for f in fold_char(c) {
            let mut buf = [0; 4];
            let f = f.encode_utf8(&mut buf).as_bytes();
            if !want[matched..].starts_with(f) {
                return None;
            }
            matched += f.len();
        }
        at += len;
    }
    // The name is spelled out; it must end where a word ends.
    let after = text[at..].chars().next();
    after.is_none_or(|c| !is_word_char(c)).then_some(at)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert_eq!(
            whole_word_match("die Kundenbindung.", 4, "kundenbindung"),
            Some(17)
        );
        assert_eq!(
            whole_word_match("Kundenbindungsprogramm", 0, "kundenbindung"),
            None
        );
        assert_eq!(
            whole_word_match("KUNDENBINDUNG", 0, "kundenbindung"),
            Some(13)
        );
        assert_eq!(
            whole_word_match("Customer-Journey-Map", 0, "customer"),
            Some(8)
        );
        assert_eq!(whole_word_match("Kunden", 0, "kundenbindung"), None);
        assert_eq!(whole_word_match("ÄRGER!", 0, "ärger"), Some(6));
    }

    #[test]
    fn spellings_fold_case_and_sharp_s() {
        let folded = |name: &str| spellings(name).iter().map(|s| fold(s)).collect::<Vec<_>>();
        assert_eq!(folded("CRM"), ["crm"]);
        assert_eq!(folded("Außenwerbung"), ["außenwerbung", "aussenwerbung"]);
        assert_eq!(folded(" Ärger "), ["ärger"]);
    }

    #[test]
    fn latin1_letters_fold_like_unicode() {
        for c in '\u{c0}'..='\u{ff}' {
            let mut buf = [0; 2];
            let text = c.encode_utf8(&mut buf);
            let expected = is_word_char(c).then(|| (fold_char(c).fold(7, mix), 2));
            assert_eq!(mix_non_ascii(7, text, 0), expected, "{c}");
        }
    }

    #[test]
    fn words_hash_alike_in_any_case() {
        let hash = |word: &str| mix_word(0, word, 0);
        assert_eq!(hash("Kundenbindung"), hash("kUNDENBINDUNG"));
        assert_eq!(hash("ÄRGER"), hash("ärger"));
        assert_ne!(hash("Kunde").0, hash("Kunden").0);
        assert_eq!(hash("Kunden bindung").1, 6);
    }

    fn table(names: &[&str]) -> LangNames {
        let mut table = LangNames::default();
        for (id, name) in names.iter().enumerate() {
            for spelling in spellings(name) {
                table.add(&spelling, id);
            }
        }
        table
    }

    #[test]
    fn the_longest_name_wins_word_by_word() {
        let names = table(&[
            "Customer",
            "Customer Journey",
            "Customer Journey Mapping",
            "C++",
        ]);
        let at = |text: &str| names.longest(text, 0);
        assert_eq!(at("Customer Journey Mapping!"), Ok((24, 2)));
        assert_eq!(at("customer journey maps"), Ok((16, 1)));
        assert_eq!(at("Customer-Journey"), Ok((8, 0)));
        assert_eq!(at("Customers"), Err(9));
        assert_eq!(at("C++ und mehr"), Ok((3, 3)));
        assert_eq!(at("Kunde"), Err(5));
        let names = table(&["E-Mail", "E-Mail-Marketing", "Dr. Müller"]);
        let at = |text: &str| names.longest(text, 0);
        assert_eq!(at("E-Mail-Marketing-Kampagne"), Ok((16, 1)));
        assert_eq!(at("E-Mail-Newsletter"), Ok((6, 0)));
        assert_eq!(at("e-mail"), Ok((6, 0)));
        assert_eq!(at("DR. MÜLLER kommt"), Ok((11, 2)));
        assert_eq!(at("Dr.  Müller"), Err(2));
    }
}
