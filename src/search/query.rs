//! Queries against the written index files, step for step as the client
//! (`search.js`) runs them: names first (exact > prefix > fuzzy), then
//! full text (BM25 sums over the query's words, every word required),
//! ties broken by the shorter title. The browser tests compare the
//! client's answers with this one's.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::normalize::{MAX_WORD, Stem, fold_digraphs, name, utf16_len, words};

/// Prefix expansion of the last word looks at most this many shards …
const PREFIX_SHARDS: usize = 2;
/// … and takes at most this many keys.
const PREFIX_KEYS: usize = 64;
/// Score multipliers: the word's own key, and keys found by prefix.
const EXACT: u32 = 5;
const PREFIX: u32 = 4;

/// Name match tiers.
pub const TIER_EXACT: u8 = 3;
pub const TIER_PREFIX: u8 = 2;
pub const TIER_FUZZY: u8 = 1;

#[derive(Deserialize)]
struct Head {
    stem: String,
    prefix: String,
    kinds: [usize; 5],
    channels: Vec<String>,
    stages: Vec<String>,
    shards: Vec<String>,
    docs: String,
}

/// One document of the index.
#[derive(Debug, Clone)]
pub struct Row {
    pub title: String,
    /// Site-relative path (`en/glossary/touchpoint/`).
    pub path: String,
    pub kind: &'static str,
    pub channel: Option<String>,
    pub stages: Vec<String>,
    /// The title's name form first, then the other names; spaces removed.
    names: Vec<String>,
    /// The same names with their spaces, for word-start matches.
    spaced: Vec<String>,
}

/// A result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Position in the index's document table.
    pub id: usize,
    /// Name match tier (0: full text only).
    pub tier: u8,
    /// Edits of a fuzzy name match.
    pub distance: usize,
    /// The name matched is an alias or abbreviation, not the title.
    pub alias: bool,
    /// Full-text score (0: name only).
    pub score: u32,
}

/// What results may be: kind (`term` …), channel id, stage id.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub kind: Option<String>,
    pub channel: Option<String>,
    pub stage: Option<String>,
}

type Shard = BTreeMap<String, Vec<u32>>;

/// A loaded index of one language; shards are read when a query needs
/// them, through the reader it was opened with.
pub struct Index<R: Fn(&str) -> Option<String>> {
    read: R,
    stem: Stem,
    firsts: Vec<String>,
    pub rows: Vec<Row>,
    shards: RefCell<HashMap<usize, Shard>>,
    /// Shards read so far, in order, for tests of what a query fetches.
    pub fetched: RefCell<Vec<usize>>,
}

impl<R: Fn(&str) -> Option<String>> Index<R> {
    /// Opens the index through `read`, which maps a path inside
    /// `search/<lang>/` (`names.json`, `t/3.json`) to its text.
    pub fn open(read: R) -> Result<Self, String> {
        let text = read("names.json").ok_or("no names.json")?;
        let head: Head = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let rows = rows(&head);
        Ok(Self {
            read,
            stem: Stem::for_language(&head.stem),
            firsts: head.shards,
            rows,
            shards: RefCell::default(),
            fetched: RefCell::default(),
        })
    }

    /// Ranked results of `query`.
    pub fn search(&self, query: &str, filter: &Filter) -> Vec<Hit> {
        let spaced = name(query);
        if spaced.is_empty() {
            return Vec::new();
        }
        let mut hits: BTreeMap<usize, Hit> = BTreeMap::new();
        for (id, row) in self.rows.iter().enumerate() {
            if let Some((tier, distance, alias)) = match_names(row, &spaced) {
                let hit = Hit {
                    id,
                    tier,
                    distance,
                    alias,
                    score: 0,
                };
                hits.insert(id, hit);
            }
        }
        for (id, score) in self.full_text(query) {
            hits.entry(id)
                .or_insert(Hit {
                    id,
                    tier: 0,
                    distance: 0,
                    alias: false,
                    score: 0,
                })
                .score = score;
        }
        let mut out: Vec<Hit> = hits
            .into_values()
            .filter(|h| self.passes(&self.rows[h.id], filter))
            .collect();
        // Name matches by tier (titles before aliases), then the shorter
        // title; full-text matches by score, then the shorter title.
        out.sort_by(|a, b| {
            let len = |h: &Hit| utf16_len(&self.rows[h.id].title);
            let named = |h: &Hit| if h.tier > 0 { len(h) } else { 0 };
            let key = |h: &Hit| (std::cmp::Reverse(h.tier), h.distance, h.alias, named(h));
            let rest = |h: &Hit| (std::cmp::Reverse(h.score), len(h), h.id);
            (key(a), rest(a)).cmp(&(key(b), rest(b)))
        });
        out
    }

    fn passes(&self, row: &Row, filter: &Filter) -> bool {
        filter.kind.as_ref().is_none_or(|k| k == row.kind)
            && filter
                .channel
                .as_ref()
                .is_none_or(|c| row.channel.as_ref() == Some(c))
            && filter.stage.as_ref().is_none_or(|s| row.stages.contains(s))
    }

    /// Documents holding every word of the query, with their summed scores.
    fn full_text(&self, query: &str) -> BTreeMap<usize, u32> {
        let list: Vec<String> = words(query)
            .filter(|w| (2..=MAX_WORD).contains(&utf16_len(w)))
            .collect();
        let mut total: Option<BTreeMap<usize, u32>> = None;
        for (i, word) in list.iter().enumerate() {
            let mut best: BTreeMap<usize, u32> = BTreeMap::new();
            for (key, weight) in self.candidates(word, i + 1 == list.len()) {
                let Some(postings) = self.postings(&key) else {
                    continue;
                };
                let mut doc = 0;
                for pair in postings.chunks(2) {
                    doc += pair[0] as usize;
                    let score = pair[1] * weight;
                    let slot = best.entry(doc).or_default();
                    *slot = (*slot).max(score);
                }
            }
            total = Some(match total {
                None => best,
                Some(before) => before
                    .into_iter()
                    .filter_map(|(doc, s)| Some((doc, s + best.get(&doc)?)))
                    .collect(),
            });
        }
        total.unwrap_or_default()
    }

    /// The keys a word stands for, with their multipliers: its own key; for
    /// the last word also the keys it is a prefix of, and the keys that are
    /// the word less its last one to three letters (a word typed past its
    /// stem: `kundenbindu` → `kundenbind`).
    fn candidates(&self, word: &str, last: bool) -> Vec<(String, u32)> {
        let own = self.stem.key(word);
        let mut out = vec![(own.clone(), EXACT)];
        if !last {
            return out;
        }
        let prefix = fold_digraphs(word);
        let first = self.shard_of(&prefix);
        let end = self.shard_of(&format!("{prefix}\u{ffff}"));
        let mut found = 0;
        'shards: for shard in first..=end.min(first + PREFIX_SHARDS - 1) {
            self.load(shard);
            let shards = self.shards.borrow();
            for key in shards[&shard].keys() {
                if found == PREFIX_KEYS {
                    break 'shards;
                }
                if key.starts_with(&prefix) && *key != own {
                    out.push((key.clone(), PREFIX));
                    found += 1;
                }
            }
        }
        let units: Vec<u16> = prefix.encode_utf16().collect();
        for cut in 1..=3 {
            if units.len() >= cut + 3 {
                if let Ok(shorter) = String::from_utf16(&units[..units.len() - cut]) {
                    if shorter != own && !out.iter().any(|(k, _)| *k == shorter) {
                        out.push((shorter, PREFIX));
                    }
                }
            }
        }
        out
    }

    /// Index of the shard that would hold `key`.
    fn shard_of(&self, key: &str) -> usize {
        let key: Vec<u16> = key.encode_utf16().collect();
        self.firsts
            .partition_point(|first| first.encode_utf16().collect::<Vec<_>>() <= key)
            .saturating_sub(1)
    }

    fn load(&self, shard: usize) {
        if self.shards.borrow().contains_key(&shard) {
            return;
        }
        let parsed: Shard = (self.read)(&format!("t/{shard}.json"))
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        self.fetched.borrow_mut().push(shard);
        self.shards.borrow_mut().insert(shard, parsed);
    }

    fn postings(&self, key: &str) -> Option<Vec<u32>> {
        if self.firsts.is_empty() {
            return None;
        }
        let shard = self.shard_of(key);
        self.load(shard);
        self.shards.borrow()[&shard].get(key).cloned()
    }
}

/// The best name match of a document: tier, edits, and whether an alias
/// matched (a title wins over an alias as good).
fn match_names(row: &Row, spaced: &str) -> Option<(u8, usize, bool)> {
    let bare = spaced.replace(' ', "");
    let query: Vec<u16> = bare.encode_utf16().collect();
    let budget = match query.len() {
        8.. => 2,
        4.. => 1,
        _ => 0,
    };
    let word_start = format!(" {spaced}");
    let mut best: Option<(u8, usize, bool)> = None;
    for (i, (n, s)) in row.names.iter().zip(&row.spaced).enumerate() {
        let found = if *n == bare {
            Some((TIER_EXACT, 0))
        } else if n.starts_with(&bare) || format!(" {s}").contains(&word_start) {
            Some((TIER_PREFIX, 0))
        } else if budget > 0 {
            let name: Vec<u16> = n.encode_utf16().collect();
            let d = prefix_distance(&query, &name, budget);
            (d <= budget).then_some((TIER_FUZZY, d))
        } else {
            None
        };
        if let Some((tier, d)) = found {
            let key = |m: (u8, usize, bool)| (m.0, std::cmp::Reverse(m.1), !m.2);
            if best.is_none_or(|b| key((tier, d, i > 0)) > key(b)) {
                best = Some((tier, d, i > 0));
            }
        }
    }
    best
}

/// Edits (insertions, deletions, substitutions, transpositions of two
/// neighbours) between `query` and the closest prefix of `name`; anything
/// over `max` is reported as `max + 1`.
pub fn prefix_distance(query: &[u16], name: &[u16], max: usize) -> usize {
    let over = max + 1;
    let width = name.len().min(query.len() + max) + 1;
    let mut before: Vec<usize> = vec![over; width];
    let mut prev: Vec<usize> = (0..width).map(|j| j.min(over)).collect();
    let mut cur: Vec<usize> = vec![over; width];
    for i in 1..=query.len() {
        cur[0] = i.min(over);
        let mut lowest = cur[0];
        for j in 1..width {
            if j > i + max {
                cur[j] = over;
                continue;
            }
            let cost = usize::from(query[i - 1] != name[j - 1]);
            let mut d = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            if i > 1 && j > 1 && query[i - 1] == name[j - 2] && query[i - 2] == name[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d.min(over);
            lowest = lowest.min(cur[j]);
        }
        if lowest > max {
            return over;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.into_iter().min().unwrap_or(over)
}

/// Decodes the document table (see `names::table`).
fn rows(head: &Head) -> Vec<Row> {
    const SECTIONS: [&str; 5] = ["glossary/", "touchpoints/", "journeys/", "personas/", ""];
    const KINDS: [&str; 5] = ["term", "touchpoint", "journey", "persona", "page"];
    let mut out = Vec::new();
    for (id, line) in head
        .docs
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
    {
        let mut kind = 0;
        let mut upto = 0;
        for (k, count) in head.kinds.iter().enumerate() {
            upto += count;
            if id >= upto {
                kind = k + 1;
            }
        }
        let kind = kind.min(KINDS.len() - 1);
        let mut fields = line.split('\t');
        let title = fields.next().unwrap_or("").to_string();
        let path = match fields.next().unwrap_or("") {
            "" => format!("{}{}{}/", head.prefix, SECTIONS[kind], client_slug(&title)),
            given => given.to_string(),
        };
        let (channel, stages) = fields
            .next()
            .unwrap_or("")
            .split_once('.')
            .unwrap_or(("", ""));
        let title_name = name(&title);
        let mut spaced = vec![title_name.clone()];
        for other in fields {
            spaced.push(match other.split_once(':') {
                Some((n, rest)) if n.bytes().all(|b| b.is_ascii_digit()) => {
                    let units: Vec<u16> = title_name.encode_utf16().collect();
                    let n = n.parse::<usize>().unwrap_or(0).min(units.len());
                    format!("{}{rest}", String::from_utf16_lossy(&units[..n]))
                }
                _ => other.to_string(),
            });
        }
        out.push(Row {
            path,
            kind: KINDS[kind],
            channel: channel
                .parse::<usize>()
                .ok()
                .and_then(|c| head.channels.get(c).cloned()),
            stages: stages
                .split(',')
                .filter_map(|s| head.stages.get(s.parse::<usize>().ok()?).cloned())
                .collect(),
            names: spaced.iter().map(|s| s.replace(' ', "")).collect(),
            spaced,
            title,
        });
    }
    out
}

/// The client's slug rule for titles of letters, digits, spaces, hyphens
/// and umlauts (the only titles whose path the index leaves out).
fn client_slug(title: &str) -> String {
    let lower = title
        .to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss");
    let mut out = String::new();
    for part in lower.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !part.is_empty() {
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(query: &str, name: &str, max: usize) -> usize {
        let units = |s: &str| s.encode_utf16().collect::<Vec<_>>();
        prefix_distance(&units(query), &units(name), max)
    }

    #[test]
    fn distance_to_the_closest_prefix() {
        assert_eq!(d("kunden", "kundenbindung", 2), 0);
        assert_eq!(d("kundenkontakpunkt", "kundenkontaktpunkt", 2), 1);
        assert_eq!(d("kundenkontakpunkt", "kundenkontaktpunkte", 2), 1);
        assert_eq!(d("kudnen", "kunden", 2), 1, "a swap is one edit");
        assert_eq!(d("kundne", "kundenbindung", 2), 1);
        assert_eq!(d("xundenbindung", "kundenbindung", 2), 1);
        assert_eq!(d("kundenbndg", "kundenbindung", 2), 2);
    }

    #[test]
    fn distances_over_the_budget_stop_early() {
        assert_eq!(d("kndnbndng", "kundenbindung", 2), 3);
        assert_eq!(d("hotline", "kundenbindung", 1), 2);
        assert_eq!(d("abc", "", 2), 3);
        assert_eq!(d("", "abc", 1), 0);
    }

    #[test]
    fn client_slug_follows_the_slug_rule() {
        for title in [
            "Außenwerbung",
            "Über uns",
            "Live-Chat",
            "E Mail 2 Go",
            "Öl-Wechsel",
        ] {
            assert_eq!(client_slug(title), crate::slug::slugify(title), "{title}");
        }
    }
}
