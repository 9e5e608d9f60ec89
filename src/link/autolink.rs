//! Autolinking: prose mentions of a term's title, aliases or abbreviation
//! become links to the term. One Aho–Corasick automaton per language,
//! built once per build, is run from each word start of a text run (one
//! pass, stopping early where no name continues); the longest whole-word
//! match wins.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use crate::parse::Doc;

use super::DocId;

/// Patterns shorter than this (in characters) are never autolinked.
const MIN_CHARS: usize = 2;

struct LangAutomaton {
    automaton: AhoCorasick,
    /// Pattern index → the term it names.
    targets: Vec<DocId>,
}

/// The automata of all languages.
#[derive(Default)]
pub struct Autolinker {
    by_lang: BTreeMap<String, LangAutomaton>,
}

impl std::fmt::Debug for Autolinker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Autolinker")
            .field("languages", &self.by_lang.keys())
            .finish()
    }
}

/// The spellings a name is matched in. ASCII letters match in any case
/// (the automaton ignores ASCII case); for names with other letters (ä, ß,
/// é …) the lowercase, uppercase, capitalised and written forms are added.
fn spellings(name: &str) -> Vec<String> {
    let name = name.trim();
    if name.is_ascii() {
        return vec![name.to_string()];
    }
    let lower = name.to_lowercase();
    let mut chars = lower.chars();
    let capitalised: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let mut out = vec![name.to_string(), lower, name.to_uppercase(), capitalised];
    out.sort();
    out.dedup();
    out
}

impl Autolinker {
    /// Builds one automaton per language from its terms' names.
    pub fn new(docs: &[Doc]) -> Self {
        let mut patterns: BTreeMap<String, (Vec<String>, Vec<DocId>)> = BTreeMap::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for (id, doc) in docs.iter().enumerate() {
            let Doc::Term(term) = doc else { continue };
            let lang = &term.meta.lang;
            let (list, targets) = patterns.entry(lang.clone()).or_default();
            let names = std::iter::once(&term.meta.title)
                .chain(&term.aliases)
                .chain(&term.abbreviation);
            for name in names.filter(|n| n.trim().chars().count() >= MIN_CHARS) {
                for spelling in spellings(name) {
                    // ASCII case is ignored by the automaton, so that is the key.
                    if seen.insert((lang.clone(), spelling.to_ascii_lowercase())) {
                        list.push(spelling);
                        targets.push(id);
                    }
                }
            }
        }
        let by_lang = patterns
            .into_iter()
            .filter_map(|(lang, (list, targets))| {
                let automaton = AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .ascii_case_insensitive(true)
                    .build(&list)
                    .ok()?;
                Some((lang, LangAutomaton { automaton, targets }))
            })
            .collect();
        Self { by_lang }
    }

    /// Whole-word mentions of terms of `lang` in `text`, leftmost-longest,
    /// not overlapping, as (byte range in `text`, term). Names can only
    /// start where a word starts, so the automaton runs anchored from each
    /// word start and stops as soon as no name continues.
    pub fn find(&self, lang: &str, text: &str) -> Vec<(Range<usize>, DocId)> {
        let Some(lang) = self.by_lang.get(lang) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut at = 0;
        while let Some((start, word_end)) = next_word(text, at) {
            match longest_whole_word(&lang.automaton, text, start) {
                Some((end, pattern)) => {
                    found.push((start..end, lang.targets[pattern]));
                    at = end;
                }
                None => at = word_end,
            }
        }
        found
    }
}

/// The next word (a run of letters, digits and `_`) at or after `from`,
/// as byte offsets.
fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let start = from + text[from..].find(is_word_char)?;
    let end = text[start..]
        .find(|c: char| !is_word_char(c))
        .map_or(text.len(), |i| start + i);
    Some((start, end))
}

/// The longest name starting at `start` (a word start) that ends at a word
/// boundary, as (end, pattern): the longest name there, or a shorter one
/// ending at an earlier boundary ("Customer Journey" in "Customer Journey
/// Mappings").
fn longest_whole_word(automaton: &AhoCorasick, text: &str, start: usize) -> Option<(usize, usize)> {
    let mut limit = text.len();
    loop {
        let input = Input::new(text).span(start..limit).anchored(Anchored::Yes);
        let m = automaton.find(input)?;
        if whole_word(text, m.start(), m.end()) {
            return Some((m.end(), m.pattern().as_usize()));
        }
        // Try again, ending before the last word boundary inside the match.
        let inner = &text[start..m.end()];
        limit = start
            + inner
                .char_indices()
                .rev()
                .find(|&(_, c)| !is_word_char(c))
                .map(|(i, _)| i)?;
        if limit <= start {
            return None;
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Is `text[start..end]` a whole word: not preceded or followed by a
/// letter, digit or underscore?
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c));
    let after = text[end..].chars().next().is_none_or(|c| !is_word_char(c));
    before && after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert!(whole_word("die Kundenbindung.", 4, 17));
        assert!(!whole_word("Kundenbindungsprogramm", 0, 13));
        assert!(!whole_word("Kundenkontaktpunkte", 6, 18));
        assert!(whole_word("Customer-Journey-Map", 0, 8));
    }

    #[test]
    fn spellings_cover_case_of_non_ascii_letters() {
        assert_eq!(spellings("CRM"), ["CRM"]);
        assert_eq!(
            spellings("Außenwerbung"),
            ["AUSSENWERBUNG", "Außenwerbung", "außenwerbung"]
        );
        assert_eq!(spellings("Ärger"), ["ÄRGER", "Ärger", "ärger"]);
    }
}
