//! Autolinking: prose mentions of a term's title, aliases or abbreviation
//! become links to the term. One Aho–Corasick automaton per language,
//! built once per build, finds every mention in one pass over a text run;
//! the longest whole-word match wins.

use std::collections::BTreeMap;
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

impl Autolinker {
    /// Builds one automaton per language from its terms' names.
    pub fn new(docs: &[Doc]) -> Self {
        let mut patterns: BTreeMap<String, (Vec<String>, Vec<DocId>)> = BTreeMap::new();
        for (id, doc) in docs.iter().enumerate() {
            let Doc::Term(term) = doc else { continue };
            let (list, targets) = patterns.entry(term.meta.lang.clone()).or_default();
            let names = std::iter::once(&term.meta.title)
                .chain(&term.aliases)
                .chain(&term.abbreviation);
            for name in names {
                let lowered = name.trim().to_lowercase();
                if lowered.chars().count() >= MIN_CHARS && !list.contains(&lowered) {
                    list.push(lowered);
                    targets.push(id);
                }
            }
        }
        let by_lang = patterns
            .into_iter()
            .filter_map(|(lang, (list, targets))| {
                let automaton = AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
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
        let lowered = Lowered::new(text);
        let mut candidates: Vec<(usize, usize, DocId)> = lang
            .automaton
            .find_overlapping_iter(lowered.text.as_str())
            .filter_map(|m| {
                let (start, end) = (lowered.original(m.start()), lowered.original(m.end()));
                whole_word(text, start, end)
                    .then(|| (start, end, lang.targets[m.pattern().as_usize()]))
            })
            .collect();
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

/// A lowercased text and the way back to offsets in the original, for the
/// rare characters whose lowercase form has another length (`ẞ` → `ß`).
struct Lowered {
    text: String,
    /// Lowered byte offset → original byte offset, when lengths differ.
    map: Option<Vec<usize>>,
}

impl Lowered {
    fn new(original: &str) -> Self {
        let text = original.to_lowercase();
        if text.len() == original.len() {
            return Self { text, map: None };
        }
        let mut lowered = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        for (offset, c) in original.char_indices() {
            for l in c.to_lowercase() {
                for _ in 0..l.len_utf8() {
                    map.push(offset);
                }
                lowered.push(l);
            }
        }
        map.push(original.len());
        Self {
            text: lowered,
            map: Some(map),
        }
    }

    fn original(&self, offset: usize) -> usize {
        self.map.as_ref().map_or(offset, |map| map[offset])
    }
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
    fn lowering_keeps_offsets() {
        let l = Lowered::new("ẞ GROSS Äpfel");
        assert_eq!(l.text, "ß gross äpfel");
        let a = l.text.find('ä').unwrap();
        assert_eq!(&"ẞ GROSS Äpfel"[l.original(a)..], "Äpfel");
    }
}
