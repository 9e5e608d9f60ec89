//! The full-text layer: every stemmed word of a language's documents with
//! its postings, scored with BM25 at build time and split into shards by
//! key, so a query fetches only the shards its words fall into.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::normalize::{MAX_WORD, Stem, Transliterated, each_raw_word};

/// How much a word counts in each field of a document.
pub mod weight {
    pub const TITLE: u32 = 8;
    /// Aliases and abbreviation.
    pub const NAMES: u32 = 6;
    pub const HEADING: u32 = 4;
    pub const DESCRIPTION: u32 = 2;
    /// Tags, owner, KPIs, journey notes.
    pub const FACETS: u32 = 2;
    pub const BODY: u32 = 1;
}

/// BM25 parameters.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Scores are stored as whole numbers: `round(bm25 * SCALE)`, at least 1.
const SCALE: f64 = 8.0;

/// Raw shard size the splitter aims for (a single larger key gets a
/// shard of its own).
pub const SHARD_BYTES: usize = 24 * 1024;

/// A piece of a document's text and its weight. A body handed over by a
/// one-shot build is owned, and freed as soon as it is counted.
pub struct Field<'a> {
    pub text: Cow<'a, str>,
    pub weight: u32,
}

/// Keys with their postings: `(document, score)`, documents ascending.
pub type Postings = Vec<(String, Vec<(u32, u32)>)>;

/// What one piece of the documents yields: its own vocabulary of keys, and
/// per document the weighted frequency of each key (by vocabulary index)
/// and the document's length in words.
struct Piece {
    keys: Vec<String>,
    docs: Vec<(Vec<(u32, u32)>, u32)>,
}

/// Every key of every document with its weighted frequency: all the
/// index needs of the documents' text, so the text can go before scoring.
pub struct Counts(Vec<Piece>);

/// Counts the words of every document. `docs[i]` are the fields of
/// document `i`; each document's fields go once counted.
pub fn count(docs: Vec<Vec<Field<'_>>>, stem: &Stem) -> Counts {
    // Few large pieces, each with its own cache: most words of a piece
    // were seen before in it.
    let size = (docs.len() / (rayon::current_num_threads() * 4)).max(64);
    let mut pieces: Vec<Vec<Vec<Field<'_>>>> = Vec::new();
    let mut docs = docs.into_iter().peekable();
    while docs.peek().is_some() {
        pieces.push(docs.by_ref().take(size).collect());
    }
    Counts(pieces.into_par_iter().map(|p| piece(p, stem)).collect())
}

/// Scores the counted keys with BM25; the result is sorted by key.
pub fn score(Counts(pieces): Counts) -> Postings {
    // One vocabulary for all pieces; postings grouped by its index.
    let mut ids: FastMap<&str, u32> = FastMap::default();
    let mut keys: Vec<&str> = Vec::new();
    let mut lists: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut lengths: Vec<u32> = Vec::with_capacity(pieces.iter().map(|p| p.docs.len()).sum());
    // The pieces' counts go as they are copied into the lists, and the
    // lists are scored in place: no two copies of the postings at once.
    let (vocabularies, counted): (Vec<Vec<String>>, Vec<_>) =
        pieces.into_iter().map(|p| (p.keys, p.docs)).unzip();
    for (vocabulary, docs) in vocabularies.iter().zip(counted) {
        let global: Vec<u32> = vocabulary
            .iter()
            .map(|k| {
                *ids.entry(k).or_insert_with(|| {
                    keys.push(k);
                    lists.push(Vec::new());
                    (keys.len() - 1) as u32
                })
            })
            .collect();
        for (terms, len) in docs {
            let doc = lengths.len() as u32;
            lengths.push(len);
            for (local, tf) in terms {
                lists[global[local as usize] as usize].push((doc, tf));
            }
        }
    }
    let n = lengths.len() as f64;
    let avg_len = (lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / n.max(1.0)).max(1.0);
    lists.par_iter_mut().for_each(|list| {
        let df = list.len() as f64;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        for (doc, score) in list.iter_mut() {
            let tf = f64::from(*score);
            let norm = K1 * (1.0 - B + B * f64::from(lengths[*doc as usize]) / avg_len);
            let bm25 = idf * tf * (K1 + 1.0) / (tf + norm);
            *score = ((bm25 * SCALE).round() as u32).max(1);
        }
        list.shrink_to_fit();
    });
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.par_sort_unstable_by_key(|&i| keys[i]);
    order
        .into_iter()
        .map(|i| (keys[i].to_string(), std::mem::take(&mut lists[i])))
        .collect()
}

/// Tokenizes, stems and counts the documents of one piece.
fn piece(docs: Vec<Vec<Field<'_>>>, stem: &Stem) -> Piece {
    let mut chars = Transliterated::default();
    // Word → vocabulary index of its key; key → vocabulary index.
    let mut words: FastMap<String, u32> = FastMap::default();
    let mut key_ids: FastMap<String, u32> = FastMap::default();
    let mut keys: Vec<String> = Vec::new();
    // Dense counts by vocabulary index, reset after each document.
    let mut counts: Vec<u32> = Vec::new();
    let mut out = Vec::with_capacity(docs.len());
    for fields in docs {
        let mut touched: Vec<u32> = Vec::new();
        let mut len = 0;
        for field in fields {
            // `words` maps a word as it stands (ASCII words keep their case)
            // to its key's index.
            each_raw_word(&field.text, &mut chars, |word, folded| {
                if word.len() < 2 || (word.len() > MAX_WORD && word.chars().count() > MAX_WORD) {
                    return;
                }
                len += 1;
                let id = match words.get(word) {
                    Some(&id) => id,
                    None => {
                        let key = match folded {
                            true => stem.key(word),
                            false => stem.key(&word.to_ascii_lowercase()),
                        };
                        let id = match key_ids.get(&key) {
                            Some(&id) => id,
                            None => {
                                keys.push(key.clone());
                                counts.push(0);
                                key_ids.insert(key, (keys.len() - 1) as u32);
                                (keys.len() - 1) as u32
                            }
                        };
                        words.insert(word.to_string(), id);
                        id
                    }
                };
                let count = &mut counts[id as usize];
                if *count == 0 {
                    touched.push(id);
                }
                *count += field.weight;
            });
        }
        let terms = touched
            .into_iter()
            .map(|id| (id, std::mem::take(&mut counts[id as usize])))
            .collect();
        out.push((terms, len));
    }
    Piece { keys, docs: out }
}

/// A hash map with a cheap hash for short keys (FxHash, as rustc uses):
/// the tokenizer hashes every word of the site.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Splits the postings into shards of about [`SHARD_BYTES`]: the JSON
/// text of each shard (`{"key":[doc,score,docDelta,score,…],…}`) and the
/// first key of each.
pub fn shards(postings: Postings, target: usize) -> (Vec<String>, Vec<String>) {
    // Each key's postings go as soon as they are written out.
    let entries: Vec<(String, String)> = postings
        .into_par_iter()
        .map(|(key, list)| {
            let entry = entry(&key, &list);
            (key, entry)
        })
        .collect();
    let mut texts = Vec::new();
    let mut firsts = Vec::new();
    let mut current = String::new();
    for (key, entry) in entries {
        if !current.is_empty() && current.len() + entry.len() > target {
            current.push('}');
            texts.push(std::mem::take(&mut current));
        }
        if current.is_empty() {
            current.push('{');
            firsts.push(key);
        } else {
            current.push(',');
        }
        current.push_str(&entry);
    }
    if !current.is_empty() {
        current.push('}');
        texts.push(current);
    }
    // The first shard starts at the lowest possible key, so every key has
    // a shard to look in.
    if let Some(first) = firsts.first_mut() {
        first.clear();
    }
    (texts, firsts)
}

/// One key of a shard: `"key":[doc,score,docDelta,score,…]`.
fn entry(key: &str, list: &[(u32, u32)]) -> String {
    let mut entry = serde_json::to_string(key).expect("a string serialises");
    entry.reserve(list.len() * 6 + 3);
    entry.push_str(":[");
    let mut last = 0;
    for (i, (doc, score)) in list.iter().enumerate() {
        if i > 0 {
            entry.push(',');
        }
        push_number(&mut entry, doc - last);
        entry.push(',');
        push_number(&mut entry, *score);
        last = *doc;
    }
    entry.push(']');
    entry
}

/// Appends a number in decimal (faster than `format!` for millions).
fn push_number(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[i..]).expect("digits are ASCII"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str, weight: u32) -> Field<'_> {
        Field {
            text: text.into(),
            weight,
        }
    }

    #[test]
    fn titles_outweigh_bodies_and_rare_words_outweigh_common_ones() {
        let docs = vec![
            vec![
                field("Kundenbindung", weight::TITLE),
                field("Treue Kunden", 1),
            ],
            vec![
                field("Kundenkarte", weight::TITLE),
                field("Kundenbindung durch Karten", 1),
            ],
            vec![field("Hotline", weight::TITLE), field("Kunden rufen an", 1)],
        ];
        let postings = score(count(docs, &Stem::for_language("de")));
        let get = |key: &str| &postings.iter().find(|(k, _)| k == key).unwrap().1;
        let bind = get("kundenbind");
        assert_eq!(bind.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 1]);
        assert!(bind[0].1 > bind[1].1, "title beats body: {bind:?}");
        let kund = get("kund");
        // "Kunden" in the bodies of the first and the third.
        assert_eq!(kund.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 2]);
        assert!(get("hotlin")[0].1 > kund[0].1, "rare beats common");
        let keys: Vec<&str> = postings.iter().map(|(k, _)| k.as_str()).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted: {keys:?}");
    }

    #[test]
    fn shards_split_by_size_and_delta_encode() {
        let postings: Postings = vec![
            ("aa".into(), vec![(1, 5), (4, 7)]),
            ("ab".into(), vec![(2, 3)]),
            ("b".into(), vec![(0, 1)]),
        ];
        let (texts, firsts) = shards(postings.clone(), 22);
        assert_eq!(texts[0], r#"{"aa":[1,5,3,7]}"#);
        assert_eq!(texts[1], r#"{"ab":[2,3],"b":[0,1]}"#);
        assert_eq!(firsts, ["", "ab"]);
        let (one, firsts) = shards(postings.clone(), 1 << 20);
        assert_eq!(one.len(), 1);
        assert_eq!(firsts, [""]);
    }
}
