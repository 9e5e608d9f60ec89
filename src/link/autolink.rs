//! Autolinking: prose mentions of a term's title, aliases or abbreviation
//! become links to the term. One Aho–Corasick automaton per language,
//! built once per build, finds every mention in one pass over a text run;
//! the longest whole-word match wins.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

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
                    .match_kind(MatchKind::Standard)
                    .ascii_case_insensitive(true)
                    .build(&list)
                    .ok()?;
                Some((lang, LangAutomaton { automaton, targets }))
            })
            .collect();
        Self { by_lang }
    }

    /// Whole-word mentions of terms of `lang` in `text`, leftmost-longest,
    /// not overlapping, as (byte range in `text`, term).
    pub fn find(&self, lang: &str, text: &str) -> Vec<(Range<usize>, DocId)> {
        let Some(lang) = self.by_lang.get(lang) else {
            return Vec::new();
        };
        let mut candidates: Vec<(usize, usize, DocId)> = lang
            .automaton
            .find_overlapping_iter(text)
            .filter(|m| whole_word(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), lang.targets[m.pattern().as_usize()]))
            .collect();
        if candidates.is_empty() {
            return Vec::new();
        }
        // Leftmost first; at the same start, longest first.
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut chosen = Vec::new();
        let mut next_free = 0;
        for (start, end, doc) in candidates {
            if start >= next_free {
                chosen.push((start..end, doc));
                next_free = end;
            }
        }
        chosen
    }
}

/// Is `text[start..end]` a whole word: not preceded or followed by a
/// letter, digit or underscore?
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let word_char = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !word_char(c));
    let after = text[end..].chars().next().is_none_or(|c| !word_char(c));
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
