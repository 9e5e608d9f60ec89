//! Resolves the links of one page while its markdown is converted: wiki
//! links by name, markdown links by source file or site path, and term
//! mentions by the autolinker. Every link to nothing becomes a diagnostic at
//! its position in the file, with the nearest names as a hint.

use std::collections::BTreeSet;
use std::ops::Range;

use super::{DocId, Links};
use crate::diagnostic::Diagnostic;
use crate::markdown::{Destination, Linker, open_tag};
use crate::parse::Doc;

/// A link found in a page, kept for anchor checks and backlinks.
#[derive(Debug, Clone)]
pub struct OutLink {
    pub target: DocId,
    /// The `#anchor`, if any.
    pub anchor: Option<Anchor>,
}

/// The `#anchor` of a link and where the link is.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// In heading-id form.
    pub id: String,
    /// The link's location, as a diagnostic still without its message:
    /// made while the body is there, for when the anchor turns out to be
    /// missing once every page is converted.
    pub at: Box<Diagnostic>,
}

/// The linker of one document.
pub struct DocLinker<'a> {
    pub(super) links: &'a Links,
    pub(super) docs: &'a [Doc],
    /// The document's own file.
    pub(super) source: &'a crate::source::Source,
    pub(super) id: DocId,
    /// Offset of the markdown body in the file.
    pub(super) offset: usize,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) outgoing: Vec<OutLink>,
    /// Terms already linked on this page (for `first_only`).
    pub(super) linked_terms: BTreeSet<DocId>,
}

/// An `#anchor` in heading-id form: as written when it already is one,
/// else slugified (`#Aufbau und Nutzen` → `aufbau-und-nutzen`).
fn anchor_id(anchor: &str) -> String {
    let slug = crate::slug::slugify(anchor);
    if slug == anchor || slug.is_empty() {
        anchor.to_string()
    } else {
        slug
    }
}

/// Decodes `%XX` escapes in a link destination.
pub(super) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Does `dest` name a scheme (`https:`, `mailto:`) or a host (`//…`)?
pub(super) fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
}

/// Joins a relative path to a folder, resolving `.` and `..`; `None` when it
/// climbs above the root.
pub(super) fn join_relative(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

impl DocLinker<'_> {
    fn file_span(&self, span: &Range<usize>) -> Range<usize> {
        self.offset + span.start..self.offset + span.end
    }

    fn broken(&mut self, span: &Range<usize>, message: String, hint: Option<String>) {
        let mut d =
            self.source
                .diagnostic(self.links.broken_severity, self.file_span(span), message);
        d.hint = hint;
        self.diagnostics.push(d);
    }

    /// Records a link to `target` (with an optional `#anchor`) for
    /// backlinks and anchor checks, and gives its opening tag (or, for an
    /// image, its URL). Links to terms carry the term's description.
    fn link_to(
        &mut self,
        target: DocId,
        anchor: Option<&str>,
        span: &Range<usize>,
        image: bool,
    ) -> Destination {
        let anchor = anchor.filter(|a| !a.is_empty()).map(anchor_id);
        let meta = self.docs[target].meta();
        let base = self.links.base_path.as_str();
        let href: &[&str] = match &anchor {
            Some(a) => &[base, &meta.path, "#", a],
            None => &[base, &meta.path],
        };
        let destination = if image {
            Destination::Image(href.concat())
        } else if matches!(self.docs[target], Doc::Term(_)) {
            self.linked_terms.insert(target);
            Destination::Link(open_tag(href, &meta.description, Some("term-link")))
        } else {
            Destination::Link(open_tag(href, &meta.description, None))
        };
        let anchor = anchor.map(|id| Anchor {
            id,
            at: Box::new(self.source.diagnostic(
                self.links.broken_severity,
                self.file_span(span),
                "",
            )),
        });
        self.outgoing.push(OutLink { target, anchor });
        destination
    }

    /// A link or image to a file of the site that is not a page.
    fn file(&self, path: &str, fragment: Option<&str>, image: bool) -> Destination {
        let base = self.links.base_path.as_str();
        let href: &[&str] = match fragment {
            Some(f) => &[base, path, "#", f],
            None => &[base, path],
        };
        match image {
            true => Destination::Image(href.concat()),
            false => Destination::Link(open_tag(href, "", None)),
        }
    }

    /// A link to a site path (`/glossary/crm/#aufbau`), checked against the
    /// pages and files the build produces.
    fn site_path(
        &mut self,
        path: &str,
        fragment: Option<&str>,
        span: &Range<usize>,
        raw: &str,
        image: bool,
    ) -> Destination {
        let path = path.trim_start_matches('/');
        let page = if path.is_empty() || path.ends_with('/') {
            path.to_string()
        } else {
            format!("{path}/")
        };
        if let Some(target) = self.links.index.by_path(&page).or_else(|| {
            self.links
                .index
                .by_path(path.trim_end_matches("index.html"))
        }) {
            return self.link_to(target, fragment, span, image);
        }
        if self.links.known_paths.contains(path) || self.links.known_paths.contains(page.as_str()) {
            return self.file(path, fragment, image);
        }
        let candidates: Vec<&str> = self
            .links
            .index
            .doc_paths()
            .chain(self.links.known_paths.iter().map(String::as_str))
            .collect();
        let hint = crate::suggest::did_you_mean(&page, candidates.iter().copied())
            .map(|h| h.replacen("\"", "\"/", 1))
            .unwrap_or_else(|| "site paths start at the site root, like `/glossary/crm/`".into());
        self.broken(
            span,
            format!("`{raw}` is not a page or file of this site"),
            Some(hint),
        );
        Destination::Broken
    }

    /// A link relative to the file (`../glossary/crm.md#aufbau`, `img/a.png`).
    fn relative(
        &mut self,
        path: &str,
        fragment: Option<&str>,
        span: &Range<usize>,
        raw: &str,
        image: bool,
    ) -> Destination {
        let own = self.source.path().to_string_lossy().replace('\\', "/");
        let own = own
            .strip_prefix(&format!("{}/", crate::load::CONTENT_DIR))
            .unwrap_or(&own)
            .to_string();
        let dir = own.rsplit_once('/').map_or("", |(d, _)| d);
        let Some(rel) = join_relative(dir, &percent_decode(path)) else {
            self.broken(span, format!("`{raw}` points outside content/"), None);
            return Destination::Broken;
        };
        if rel.ends_with(".md") && !image {
            if let Some(target) = self.links.index.by_source(&rel) {
                return self.link_to(target, fragment, span, image);
            }
            let file = rel.rsplit('/').next().unwrap_or(&rel);
            let hint = crate::suggest::did_you_mean(&rel, self.links.index.source_paths())
                .or_else(|| crate::suggest::did_you_mean(file, self.links.index.source_paths()));
            let message =
                format!("`{raw}` links to content/{rel}, which does not exist or is a draft");
            self.broken(span, message, hint);
            return Destination::Broken;
        }
        if self.links.known_paths.contains(rel.as_str()) {
            return self.file(&rel, None, image);
        }
        self.broken(
            span,
            format!("`{raw}` links to content/{rel}, which does not exist"),
            Some(if image {
                "put the image into content/ (beside the page or in a folder there) and link to it relative to the page".into()
            } else {
                "link to a markdown file (`crm.md`) or a file inside content/".into()
            }),
        );
        Destination::Broken
    }
}

impl Linker for DocLinker<'_> {
    fn wiki(&mut self, target: &str, span: Range<usize>) -> Option<String> {
        let (name, anchor) = match target.split_once('#') {
            Some((name, anchor)) => (name.trim(), Some(anchor.trim())),
            None => (target, None),
        };
        if name.is_empty() {
            // `[[#heading]]`: a heading of this page.
            return self.link_to(self.id, anchor, &span, false).into_tag();
        }
        let (links, docs) = (self.links, self.docs);
        let lang = &docs[self.id].meta().lang;
        if let Some(doc) = links.index.resolve_wiki(name, lang) {
            return self.link_to(doc, anchor, &span, false).into_tag();
        }
        let titles = links.index.titles(docs, None, lang);
        let hint = crate::suggest::did_you_mean(name, titles.iter().copied())
            .or_else(|| Some("no page has this title, alias or slug".to_string()));
        self.broken(&span, format!("`[[{target}]]` links to nothing"), hint);
        None
    }

    fn destination(&mut self, dest: &str, span: Range<usize>, image: bool) -> Destination {
        let dest = dest.trim();
        if dest.is_empty() || is_external(dest) {
            return Destination::Keep;
        }
        let (before_fragment, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = before_fragment.split('?').next().unwrap_or(before_fragment);
        if path.is_empty() {
            // `#heading` on this page.
            let id = self.id;
            if !image {
                self.link_to(id, fragment, &span, false);
            }
            return Destination::Keep;
        }
        if path.starts_with('/') {
            return self.site_path(path, fragment, &span, dest, image);
        }
        self.relative(path, fragment, &span, dest, image)
    }

    fn autolinks(&mut self, text: &str) -> Vec<(Range<usize>, String)> {
        if !self.links.autolink.enabled {
            return Vec::new();
        }
        let (links, docs) = (self.links, self.docs);
        let mut out = Vec::new();
        for (range, target) in links.autolinker.find(&docs[self.id].meta().lang, text) {
            if target == self.id
                || (links.autolink.first_only && self.linked_terms.contains(&target))
            {
                continue;
            }
            let meta = docs[target].meta();
            let href = [links.base_path.as_str(), &meta.path];
            let tag = open_tag(&href, &meta.description, Some("term-link autolink"));
            self.linked_terms.insert(target);
            self.outgoing.push(OutLink {
                target,
                anchor: None,
            });
            out.push((range, tag));
        }
        out
    }
}

impl Destination {
    /// The opening tag of a link destination.
    fn into_tag(self) -> Option<String> {
        match self {
            Destination::Link(tag) => Some(tag),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            join_relative("glossary", "../touchpoints/a.md").as_deref(),
            Some("touchpoints/a.md")
        );
        assert_eq!(
            join_relative("glossary", "./b.md").as_deref(),
            Some("glossary/b.md")
        );
        assert_eq!(join_relative("", "../x.md"), None);
    }

    #[test]
    fn externals() {
        assert!(is_external("https://example.com"));
        assert!(is_external("mailto:a@b.de"));
        assert!(is_external("//cdn.example.com/x"));
        assert!(!is_external("../glossary/crm.md"));
        assert!(!is_external("crm.md#a:b"));
    }

    #[test]
    fn percent_escapes() {
        assert_eq!(percent_decode("a%20b%C3%BC"), "a bü");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn anchors_in_id_form() {
        assert_eq!(anchor_id("aufbau"), "aufbau");
        assert_eq!(anchor_id("Aufbau und Nutzen"), "aufbau-und-nutzen");
    }
}
