//! Markdown to HTML, once per file. Besides the HTML, the conversion yields
//! what later stages need without parsing again: the table of contents
//! (heading ids), whether the page has code, and the plain text.

mod links;

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

pub use links::{Destination, Linker, NoLinks, open_tag, wiki_display};

use crate::slug::slugify;

/// A heading of the page, for the table of contents and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// The result of converting one markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    pub has_code: bool,
    /// Plain text of the body (for search snippets and indexing).
    pub text: String,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// Converts a markdown body to HTML; `linker` decides where its links go.
/// Heading ids never repeat an id in `reserved` (the ids the page's
/// template uses) or a footnote's id.
pub fn convert(markdown: &str, linker: &mut dyn Linker, reserved: &HashSet<String>) -> Rendered {
    let mut out = Rendered::default();
    // The plain text is a little shorter than the markdown.
    out.text.reserve(markdown.len());
    // About one event per 32 bytes of markdown; growing the vectors
    // instead copies every event several times.
    let linked = links::link_events(
        Parser::new_ext(markdown, options()),
        linker,
        markdown.len() / 32,
    );
    let mut events: Vec<Event<'_>> = Vec::with_capacity(linked.len() + 16);
    let mut ids = IdSet {
        used: reserved.clone(),
    };
    for event in &linked {
        if let Event::Start(Tag::FootnoteDefinition(label)) | Event::FootnoteReference(label) =
            event
        {
            ids.used.insert(label.to_string());
        }
    }
    let mut parser = linked.into_iter();
    while let Some(event) = parser.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let inner = collect_until_end(&mut parser, &mut out.text);
                let title = plain_text(&inner);
                let id = ids.claim(id.map_or_else(|| slugify(&title), |given| given.to_string()));
                out.toc.push(Heading {
                    level: level as u8,
                    id: id.clone(),
                    title,
                });
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for inner in parser.by_ref() {
                    match inner {
                        Event::Text(text) => code.push_str(&text),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                out.has_code = true;
                push_text(&mut out.text, &code);
                events.push(Event::Html(CowStr::from(crate::highlight::code_block(
                    &lang, &code,
                ))));
            }
            Event::Start(Tag::Table(_)) => {
                events.push(Event::Html(CowStr::Borrowed("<div class=\"table-wrap\">")));
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                push_text(&mut out.text, text);
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                push_text(&mut out.text, " ");
                events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                push_text(&mut out.text, " ");
                events.push(event);
            }
            _ => events.push(event),
        }
    }
    out.html.reserve(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    if out.text.ends_with(' ') {
        out.text.pop();
    }
    // Every page's HTML and text stay in memory until the site is written:
    // give back what growing the strings left over.
    out.html.shrink_to_fit();
    out.text.shrink_to_fit();
    out
}

/// The events up to the end of the current heading (exclusive), and their
/// text appended to `text`.
fn collect_until_end<'a>(
    parser: &mut impl Iterator<Item = Event<'a>>,
    text: &mut String,
) -> Vec<Event<'a>> {
    let mut inner = Vec::new();
    for event in parser.by_ref() {
        if let Event::End(TagEnd::Heading(_)) = event {
            break;
        }
        if let Event::Text(t) | Event::Code(t) = &event {
            push_text(text, t);
        }
        inner.push(event);
    }
    push_text(text, " ");
    inner
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut title = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => title.push_str(t),
            Event::SoftBreak | Event::HardBreak => title.push(' '),
            _ => {}
        }
    }
    title.trim().to_string()
}

/// Appends `text` with every run of whitespace collapsed into one space and
/// no leading space.
fn push_text(out: &mut String, text: &str) {
    // Runs of other characters are copied whole; ASCII is tested byte by
    // byte, other characters are decoded where they start.
    let bytes = text.as_bytes();
    let (mut word, mut at) = (0, 0);
    while let Some(&b) = bytes.get(at) {
        let space = if b.is_ascii() {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
                at += 1;
                continue;
            }
            1
        } else {
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            if !c.is_whitespace() {
                at += c.len_utf8();
                continue;
            }
            c.len_utf8()
        };
        out.push_str(&text[word..at]);
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        at += space;
        word = at;
    }
    out.push_str(&text[word..]);
}

/// Heading ids already used on the page; repeats get `-1`, `-2` …
struct IdSet {
    used: HashSet<String>,
}

impl IdSet {
    fn claim(&mut self, wanted: String) -> String {
        let base = if wanted.is_empty() {
            "section".to_string()
        } else {
            wanted
        };
        let mut id = base.clone();
        let mut n = 0;
        while !self.used.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_collapses_every_kind_of_whitespace() {
        // What `push_text` must do, one character at a time.
        fn slow(out: &mut String, text: &str) {
            for c in text.chars() {
                if !c.is_whitespace() {
                    out.push(c);
                } else if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
        }
        let pieces = [
            "",
            " ",
            "a",
            "Ähre",
            "\t\n",
            "\u{a0}",
            "\u{2003}x",
            "\u{3000}",
            "\u{85}",
            "日本",
            "b\r\n c",
            "\u{200b}",
            "  ",
            "ü\u{2028}ö",
            "\x0b\x0c",
        ];
        for start in ["", "x", "x "] {
            for a in pieces {
                for b in pieces {
                    let text = format!("{a}{b}{a}");
                    let (mut fast_out, mut slow_out) = (start.to_string(), start.to_string());
                    push_text(&mut fast_out, &text);
                    slow(&mut slow_out, &text);
                    assert_eq!(fast_out, slow_out, "{start:?} + {text:?}");
                }
            }
        }
    }

    fn convert_plain(markdown: &str) -> Rendered {
        convert(markdown, &mut NoLinks, &HashSet::new())
    }

    #[test]
    fn heading_ids_avoid_reserved_and_footnote_ids() {
        let reserved: HashSet<String> = ["main".to_string()].into();
        let r = convert(
            "## Main\n\n## Quelle\n\nText[^quelle]\n\n[^quelle]: Buch\n",
            &mut NoLinks,
            &reserved,
        );
        let ids: Vec<_> = r.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["main-1", "quelle-1"]);
    }

    #[test]
    fn heading_ids_follow_the_slug_rule_and_are_unique() {
        let r = convert_plain("# Über uns\n\n## Ziele\n\n## Ziele\n\n## Eigene {#mine}\n\n## ?!\n");
        let ids: Vec<_> = r.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["ueber-uns", "ziele", "ziele-1", "mine", "section"]);
        assert_eq!(r.toc[0].title, "Über uns");
        assert!(r.html.contains("<h2 id=\"ziele-1\">Ziele</h2>"));
    }

    #[test]
    fn extensions_are_on() {
        let r = convert_plain(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~alt~~\n\n- [x] done\n\nText[^1]\n\n[^1]: Note\n",
        );
        assert!(r.html.contains("<div class=\"table-wrap\"><table>"));
        assert!(r.html.contains("<del>alt</del>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("footnote-definition"));
        assert!(!r.has_code);
    }

    #[test]
    fn code_is_highlighted_and_flagged() {
        let r = convert_plain("```json\n{\"a\": 1}\n```\n");
        assert!(r.has_code);
        assert!(r.html.contains("data-lang=\"json\""));
        assert!(r.html.contains("hl-"));
    }

    #[test]
    fn plain_text_collects_words() {
        let r = convert_plain("# Titel\n\nEin *kurzer*\nText mit `code`.\n\n- eins\n- zwei\n");
        assert_eq!(r.text, "Titel Ein kurzer Text mit code. eins zwei");
    }
}
