//! The documents of one language as the index lists them: in a fixed order
//! (kind, then name), each with its title, URL, filter facets and other
//! names (aliases, abbreviation). This table is the name layer the client
//! loads on first focus; descriptions and headings for snippets go into
//! small chunk files instead, fetched only for results on screen.

use crate::link::{DocId, LinkedSite};
use crate::model::Kind;
use crate::parse::Doc;

use super::normalize::{name, utf16_len};

/// Documents per snippet chunk file.
pub const CHUNK: usize = 32;

/// Kinds in index order; the client derives a document's kind from its
/// position, so `names.json` stores only how many there are of each.
pub const KINDS: [Kind; 4] = [Kind::Term, Kind::Touchpoint, Kind::Journey, Kind::Page];

/// One document of the index.
#[derive(Debug)]
pub struct Entry<'a> {
    pub doc: DocId,
    pub kind: Kind,
    pub title: &'a str,
    /// Site-relative path (`en/glossary/crm/`).
    pub path: &'a str,
    /// Aliases and abbreviation in name form, without repeats of the title.
    pub names: Vec<String>,
    /// Channel index and stage indexes in config order: `2.0,3`.
    pub facets: String,
    pub description: &'a str,
    pub headings: Vec<&'a str>,
}

/// The documents of `lang` in index order.
pub fn entries<'a>(site: &'a LinkedSite, lang: &str) -> Vec<Entry<'a>> {
    let config = &site.config;
    let stage_index = |id: &str| config.stages.iter().position(|s| s.id == id);
    let mut out: Vec<(usize, String, Entry<'a>)> = Vec::new();
    for (id, doc) in site.docs.iter().enumerate() {
        let meta = doc.meta();
        // Personas are not in the index yet: the client knows four kinds.
        if meta.lang != lang || doc.kind() == Kind::Persona {
            continue;
        }
        let (others, facets): (Vec<&str>, String) = match doc {
            Doc::Term(t) => (
                t.aliases
                    .iter()
                    .map(String::as_str)
                    .chain(t.abbreviation.as_deref())
                    .collect(),
                String::new(),
            ),
            Doc::Touchpoint(t) => {
                let channel = config.channels.iter().position(|c| c.id == t.channel);
                let stages: Vec<usize> = t.stages.iter().filter_map(|s| stage_index(s)).collect();
                (Vec::new(), facets(channel, stages))
            }
            Doc::Journey(j) => {
                let stages = j
                    .steps
                    .iter()
                    .filter_map(|s| stage_index(&s.stage))
                    .collect();
                (Vec::new(), facets(None, stages))
            }
            Doc::Persona(_) | Doc::Page(_) => (Vec::new(), String::new()),
        };
        let title_name = name(&meta.title);
        let mut seen = vec![title_name.replace(' ', "")];
        let mut names = Vec::new();
        for other in others {
            let n = name(other);
            let bare = n.replace(' ', "");
            if !bare.is_empty() && !seen.contains(&bare) {
                seen.push(bare);
                names.push(n);
            }
        }
        let rank = KINDS.iter().position(|k| *k == doc.kind()).unwrap_or(3);
        out.push((
            rank,
            title_name,
            Entry {
                doc: id,
                kind: doc.kind(),
                title: &meta.title,
                path: &meta.path,
                names,
                facets,
                description: &meta.description,
                headings: site.rendered[id]
                    .toc
                    .iter()
                    .map(|h| h.title.as_str())
                    .collect(),
            },
        ));
    }
    out.sort_by(|a, b| (a.0, &a.1, a.2.title, a.2.path).cmp(&(b.0, &b.1, b.2.title, b.2.path)));
    out.into_iter().map(|(_, _, e)| e).collect()
}

fn facets(channel: Option<usize>, mut stages: Vec<usize>) -> String {
    stages.sort_unstable();
    stages.dedup();
    let stages: Vec<String> = stages.iter().map(usize::to_string).collect();
    format!(
        "{}.{}",
        channel.map_or(String::new(), |c| c.to_string()),
        stages.join(",")
    )
}

/// How many documents of each kind, in [`KINDS`] order.
pub fn kind_counts(entries: &[Entry<'_>]) -> [usize; 4] {
    let mut counts = [0; 4];
    for e in entries {
        counts[KINDS.iter().position(|k| *k == e.kind).unwrap_or(3)] += 1;
    }
    counts
}

/// The document table: one line per document, fields separated by tabs:
/// title, path (empty when the client can derive it from the title),
/// facets, then the other names, each either plain or `n:rest` (the first
/// `n` UTF-16 units of the title's name form, then `rest`).
pub fn table(entries: &[Entry<'_>], lang_prefix: &str) -> String {
    let mut out = String::new();
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&clean(e.title));
        out.push('\t');
        if !derivable(e, lang_prefix) {
            out.push_str(e.path);
        }
        out.push('\t');
        out.push_str(&e.facets);
        let title_name = name(e.title);
        for n in &e.names {
            out.push('\t');
            let shared = shared_prefix(&title_name, n);
            let units: Vec<u16> = n.encode_utf16().collect();
            match String::from_utf16(&units[shared..]) {
                Ok(rest) if shared >= 3 => out.push_str(&format!("{shared}:{rest}")),
                _ => out.push_str(n),
            }
        }
    }
    out
}

/// Whether the client's rule gives the path: `<lang>/<section>/<slug of
/// title>/`, for titles of plain letters, digits, spaces, hyphens and
/// German umlauts (where its slug rule is certain to agree with ours).
fn derivable(e: &Entry<'_>, lang_prefix: &str) -> bool {
    if e.kind == Kind::Page
        || !e
            .title
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " -äöüÄÖÜß".contains(c))
    {
        return false;
    }
    let slug = crate::slug::slugify(e.title);
    e.path == format!("{lang_prefix}{}/{slug}/", e.kind.section())
}

/// Common prefix length of two names in UTF-16 units.
fn shared_prefix(a: &str, b: &str) -> usize {
    a.encode_utf16()
        .zip(b.encode_utf16())
        .take_while(|(x, y)| x == y)
        .count()
        .min(utf16_len(b))
}

/// Tabs and line breaks would break the table's format.
fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// The snippet chunks: JSON arrays of `description<TAB>heading<TAB>…`,
/// [`CHUNK`] documents each.
pub fn chunks(entries: &[Entry<'_>]) -> Vec<String> {
    entries
        .chunks(CHUNK)
        .map(|chunk| {
            let items: Vec<String> = chunk
                .iter()
                .map(|e| {
                    let mut parts = vec![clean(e.description)];
                    parts.extend(e.headings.iter().map(|h| clean(h)));
                    parts.join("\t")
                })
                .collect();
            serde_json::to_string(&items).expect("strings serialise")
        })
        .collect()
}
