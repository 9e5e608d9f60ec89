//! The link pass over a page's markdown events: wiki links and link
//! destinations are handed to a [`Linker`] (the `link` stage) to resolve,
//! and prose text runs are offered for autolinking. Runs before headings
//! and code are processed, on the events of one page.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd, TextMergeWithOffset};

use crate::highlight::escape_into;

/// The opening `<a>` tag of a link to the URL `href` (given in parts, so
/// callers need not join them first), with `tooltip` as its title when not
/// empty and `class` when given.
pub fn open_tag(href: &[&str], tooltip: &str, class: Option<&str>) -> String {
    let size: usize = href.iter().map(|p| p.len()).sum();
    let mut tag = String::with_capacity(48 + size + tooltip.len());
    tag.push_str("<a href=\"");
    for part in href {
        escape_into(&mut tag, part);
    }
    tag.push('"');
    if let Some(class) = class {
        tag.push_str(" class=\"");
        tag.push_str(class);
        tag.push('"');
    }
    if !tooltip.is_empty() {
        tag.push_str(" title=\"");
        escape_into(&mut tag, tooltip);
        tag.push('"');
    }
    tag.push('>');
    tag
}

/// What happens to a markdown link or image destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Left as written (external URLs, `mailto:`, anchors on the same page).
    Keep,
    /// A link, written with this opening tag.
    Link(String),
    /// An image, with this source.
    Image(String),
    /// Resolves to nothing (the linker has recorded why).
    Broken,
}

/// Decides where links go. Implemented by the `link` stage; spans are byte
/// ranges in the markdown body.
pub trait Linker {
    /// A wiki link `[[target]]` (the part before `|`): the opening tag to
    /// write, `None` when broken.
    fn wiki(&mut self, target: &str, span: Range<usize>) -> Option<String>;
    /// The destination of a `[text](dest)` link or `![alt](src)` image.
    fn destination(&mut self, dest: &str, span: Range<usize>, image: bool) -> Destination;
    /// Term mentions to link in a run of prose, as (range in `text`, opening
    /// tag), sorted and not overlapping.
    fn autolinks(&mut self, text: &str) -> Vec<(Range<usize>, String)>;
}

/// A linker that resolves nothing and keeps every link as written.
pub struct NoLinks;

impl Linker for NoLinks {
    fn wiki(&mut self, _: &str, _: Range<usize>) -> Option<String> {
        None
    }
    fn destination(&mut self, _: &str, _: Range<usize>, _: bool) -> Destination {
        Destination::Keep
    }
    fn autolinks(&mut self, _: &str) -> Vec<(Range<usize>, String)> {
        Vec::new()
    }
}

/// The text a wiki link without `|text` shows: its target without a
/// section prefix or `#anchor` (`touchpoints/Live-Chat#kpis` → `Live-Chat`).
pub fn wiki_display(target: &str) -> &str {
    let without_anchor = target.split('#').next().unwrap_or(target);
    let shown = without_anchor
        .rsplit('/')
        .next()
        .unwrap_or(without_anchor)
        .trim();
    if shown.is_empty() { target } else { shown }
}

/// Runs the link pass over the markdown of one page.
/// `capacity`: the expected number of events (the vector grows past it).
pub(super) fn link_events<'a>(
    parser: Parser<'a>,
    linker: &mut dyn Linker,
    capacity: usize,
) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::with_capacity(capacity);
    // Inside headings, images and code blocks nothing is autolinked.
    let mut heading = 0usize;
    let mut image = 0usize;
    let mut code = false;
    // For each open link: how its end is written (`None`: as a normal link).
    let mut open_links: Vec<Option<&'static str>> = Vec::new();
    let mut skip_wiki_text = false;
    for (event, range) in TextMergeWithOffset::new(parser.into_offset_iter()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                code = true;
                out.push(event);
            }
            Event::End(TagEnd::CodeBlock) => {
                code = false;
                out.push(event);
            }
            Event::Start(Tag::Heading { .. }) => {
                heading += 1;
                out.push(event);
            }
            Event::End(TagEnd::Heading(_)) => {
                heading = heading.saturating_sub(1);
                out.push(event);
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                let target = dest_url.trim_end_matches('\\').trim();
                match linker.wiki(target, range) {
                    Some(tag) => {
                        out.push(Event::Html(CowStr::from(tag)));
                        open_links.push(Some("</a>"));
                    }
                    None => {
                        out.push(Event::Html(CowStr::Borrowed(
                            "<span class=\"broken-link\">",
                        )));
                        open_links.push(Some("</span>"));
                    }
                }
                if !has_pothole {
                    out.push(Event::Text(CowStr::from(wiki_display(target).to_string())));
                    skip_wiki_text = true;
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match linker.destination(&dest_url, range, false) {
                Destination::Keep => {
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                    open_links.push(None);
                }
                Destination::Link(tag) => {
                    out.push(Event::Html(CowStr::from(tag)));
                    open_links.push(Some("</a>"));
                }
                Destination::Image(src) => {
                    out.push(Event::Html(CowStr::from(open_tag(&[&src], "", None))));
                    open_links.push(Some("</a>"));
                }
                Destination::Broken => {
                    out.push(Event::Html(CowStr::Borrowed(
                        "<span class=\"broken-link\">",
                    )));
                    open_links.push(Some("</span>"));
                }
            },
            Event::End(TagEnd::Link) => {
                skip_wiki_text = false;
                match open_links.pop().flatten() {
                    Some(close) => out.push(Event::Html(CowStr::Borrowed(close))),
                    None => out.push(event),
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image += 1;
                let dest_url = match linker.destination(&dest_url, range, true) {
                    Destination::Image(src) => CowStr::from(src),
                    Destination::Keep | Destination::Broken | Destination::Link(_) => dest_url,
                };
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                image = image.saturating_sub(1);
                out.push(event);
            }
            Event::Text(_) if skip_wiki_text => {}
            Event::Text(text) if heading == 0 && image == 0 && !code && open_links.is_empty() => {
                autolink_text(text, linker, &mut out);
            }
            other => out.push(other),
        }
    }
    out
}

/// Splits a prose text run around its autolinked mentions.
fn autolink_text<'a>(text: CowStr<'a>, linker: &mut dyn Linker, out: &mut Vec<Event<'a>>) {
    let found = linker.autolinks(&text);
    if found.is_empty() {
        out.push(Event::Text(text));
        return;
    }
    let mut at = 0;
    for (range, tag) in found {
        if range.start > at {
            out.push(Event::Text(slice(&text, at..range.start)));
        }
        out.push(Event::Html(CowStr::from(tag)));
        out.push(Event::Text(slice(&text, range.clone())));
        out.push(Event::Html(CowStr::Borrowed("</a>")));
        at = range.end;
    }
    if at < text.len() {
        out.push(Event::Text(slice(&text, at..text.len())));
    }
}

/// A part of a text run, borrowed from the markdown where the run is.
fn slice<'a>(text: &CowStr<'a>, range: Range<usize>) -> CowStr<'a> {
    match text {
        CowStr::Borrowed(s) => CowStr::Borrowed(&s[range]),
        other => CowStr::from(other[range].to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_text_of_wiki_links() {
        assert_eq!(wiki_display("Kundenbindung"), "Kundenbindung");
        assert_eq!(wiki_display("touchpoints/Live-Chat"), "Live-Chat");
        assert_eq!(wiki_display("CRM#Aufbau"), "CRM");
        assert_eq!(wiki_display("#Aufbau"), "#Aufbau");
    }
}
