//! Stage 5: the search index, built from the linked site (titles, aliases,
//! headings, descriptions and the plain text the markdown stage already
//! extracted — nothing is parsed again) and written next to the pages.
//!
//! One index per language under `search/<lang>/`:
//! - `names.json`: the document table (titles, other names, URLs, filter
//!   facets) and where the shards start; the client loads it on first
//!   focus and matches names in it with prefixes and typos.
//! - `t/<n>.json`: full-text shards, stemmed keys with BM25 postings,
//!   split by key so a query fetches only the shards its words need.
//! - `d/<n>.json`: descriptions and headings for result snippets.
//!
//! [`query`] runs queries against these files exactly as the client does.

pub mod fulltext;
pub mod names;
pub mod normalize;
pub mod query;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::link::DocId;
use crate::link::LinkedSite;
use crate::parse::Doc;
use crate::render::{Content, OutputFile, Sink};

use fulltext::{Field, weight};
use names::Entry;
use normalize::Stem;

/// Builds every language's index and hands its files to `sink`; returns
/// how many files were written. `texts` are the bodies' plain text by
/// document id when the site handed them over
/// ([`LinkedSite::release_for_rendering`]); they are freed as soon as
/// their words are counted, before the index is scored and written.
pub fn write(
    site: &LinkedSite,
    texts: Option<Vec<String>>,
    sink: &dyn Sink,
) -> anyhow::Result<usize> {
    let files = match texts {
        Some(mut texts) => {
            let counted = count(site, &mut |id| Cow::Owned(std::mem::take(&mut texts[id])));
            drop(texts);
            crate::memory::give_back();
            finish(site, counted)
        }
        None => files(site),
    };
    let count = files.len();
    files.into_par_iter().try_for_each(|f| sink.put(f))?;
    Ok(count)
}

/// The index files of every language, in a fixed order.
pub fn files(site: &LinkedSite) -> Vec<OutputFile> {
    finish(
        site,
        count(site, &mut |id| Cow::Borrowed(&site.rendered[id].text)),
    )
}

/// One language's documents with their words counted: all the index
/// needs, nothing borrowed from the bodies' text.
struct Counted<'a> {
    lang: &'a str,
    stem: Stem,
    entries: Vec<Entry<'a>>,
    counts: fulltext::Counts,
}

/// Counts the words of every language's documents; `body` gives each
/// document's plain text (once).
fn count<'a, 'b>(
    site: &'a LinkedSite,
    body: &mut dyn FnMut(DocId) -> Cow<'b, str>,
) -> Vec<Counted<'a>>
where
    'a: 'b,
{
    let languages: Vec<_> = site
        .config
        .languages
        .iter()
        .map(|lang| {
            let entries = names::entries(site, lang);
            let fields: Vec<Vec<Field<'b>>> = entries
                .iter()
                .map(|e| fields(site, e, body(e.doc)))
                .collect();
            (lang, entries, fields)
        })
        .collect();
    languages
        .into_par_iter()
        .map(|(lang, entries, fields)| {
            let stem = Stem::for_language(lang);
            let counts = fulltext::count(fields, &stem);
            Counted {
                lang,
                stem,
                entries,
                counts,
            }
        })
        .collect()
}

/// The index files of the counted languages, in their order.
fn finish(site: &LinkedSite, counted: Vec<Counted<'_>>) -> Vec<OutputFile> {
    let per_language: Vec<Vec<OutputFile>> =
        counted.into_par_iter().map(|c| language(site, c)).collect();
    per_language.into_iter().flatten().collect()
}

/// The index of one language.
fn language(site: &LinkedSite, counted: Counted<'_>) -> Vec<OutputFile> {
    let Counted {
        lang,
        stem,
        entries,
        counts,
    } = counted;
    let config = &site.config;
    let prefix = crate::render::pages::lang_prefix(config, lang);
    let ((shards, firsts), (chunks, table)) = rayon::join(
        || fulltext::shards(fulltext::score(counts), fulltext::SHARD_BYTES),
        || (names::chunks(&entries), names::table(&entries, &prefix)),
    );
    let mut hash = Fnv::default();
    for text in shards.iter().chain(&chunks).chain([&table]) {
        hash.write(text.as_bytes());
    }
    let head = serde_json::json!({
        "v": format!("{:016x}", hash.0),
        "lang": lang,
        "stem": stem.name,
        "prefix": prefix,
        "kinds": names::kind_counts(&entries),
        "channels": config.channels.iter().map(|c| &c.id).collect::<Vec<_>>(),
        "stages": config.stages.iter().map(|c| &c.id).collect::<Vec<_>>(),
        "shards": firsts,
        "chunk": names::CHUNK,
        "docs": table,
    });
    let dir = format!("search/{lang}/");
    let file = |path: String, text: String| OutputFile {
        path,
        content: Content::Bytes(text.into_bytes()),
    };
    let mut out = vec![file(format!("{dir}names.json"), head.to_string())];
    for (i, text) in shards.into_iter().enumerate() {
        out.push(file(format!("{dir}t/{i}.json"), text));
    }
    for (i, text) in chunks.into_iter().enumerate() {
        out.push(file(format!("{dir}d/{i}.json"), text));
    }
    out
}

/// The weighted text fields of one document.
fn fields<'a>(site: &'a LinkedSite, entry: &Entry<'a>, body: Cow<'a, str>) -> Vec<Field<'a>> {
    let doc = &site.docs[entry.doc];
    let meta = doc.meta();
    let f = |text: &'a str, weight: u32| Field {
        text: Cow::Borrowed(text),
        weight,
    };
    let mut out = vec![
        f(&meta.title, weight::TITLE),
        f(&meta.description, weight::DESCRIPTION),
    ];
    out.extend(meta.tags.iter().map(|t| f(t, weight::FACETS)));
    out.extend(entry.headings.iter().map(|h| f(h, weight::HEADING)));
    match doc {
        Doc::Term(t) => {
            out.extend(t.aliases.iter().map(|a| f(a, weight::NAMES)));
            out.extend(t.abbreviation.as_deref().map(|a| f(a, weight::NAMES)));
        }
        Doc::Touchpoint(t) => {
            out.extend(t.owner.as_deref().map(|o| f(o, weight::FACETS)));
            out.extend(t.kpis.iter().map(|k| f(k, weight::FACETS)));
        }
        Doc::Journey(j) => {
            out.push(f(j.persona_text(), weight::FACETS));
            for step in &j.steps {
                out.extend(
                    [&step.note, &step.action, &step.thinking].map(|t| f(t, weight::FACETS)),
                );
                let lanes = step.pain_points.iter().chain(&step.backstage);
                out.extend(lanes.map(|i| f(&i.text, weight::FACETS)));
                for o in &step.opportunities {
                    out.push(f(&o.title, weight::FACETS));
                    out.extend(o.owner.as_deref().map(|owner| f(owner, weight::FACETS)));
                }
            }
        }
        Doc::Persona(p) => {
            out.extend(p.aliases.iter().map(|a| f(a, weight::NAMES)));
            out.extend(p.role.as_deref().map(|r| f(r, weight::FACETS)));
            out.extend(p.quote.as_deref().map(|q| f(q, weight::FACETS)));
            let lists = p.goals.iter().chain(&p.needs).chain(&p.frustrations);
            out.extend(lists.map(|t| f(t, weight::FACETS)));
        }
        Doc::Page(_) => {}
    }
    out.push(Field {
        text: body,
        weight: weight::BODY,
    });
    out
}

/// FNV-1a, 64 bit: a version stamp of the index, so the client never mixes
/// files of two builds.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
