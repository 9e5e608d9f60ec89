//! What every page's `<head>` and frame need besides its content: the
//! `brand` variables, and a meta description for every page — the page's
//! own `description`, else its first paragraph, else a sentence made for
//! its kind of page in its language.

use super::super::context::{BrandView, FooterItem, Icon, Logo};
use super::{Job, Renderer};
use crate::parse::Doc;
use crate::theme::Theme;

/// The favicons the default theme ships, at the output root.
pub(in crate::render) const THEME_FAVICONS: [(&str, &str, &str); 2] = [
    ("favicon.ico", "image/x-icon", "32x32"),
    ("favicon.svg", "image/svg+xml", ""),
];

/// Longest generated description, in characters (search engines show
/// about 155).
const MAX_DESCRIPTION: usize = 160;

/// The `brand` variables in `lang`.
pub(super) fn brand_view(config: &crate::config::Config, theme: &Theme, lang: &str) -> BrandView {
    let brand = &config.brand;
    let base = &config.base_url.path;
    let favicons = match &brand.favicon {
        Some(file) => vec![Icon {
            url: format!("{base}{}", file.output),
            mime: file.mime,
            sizes: if file.mime == "image/x-icon" {
                "32x32"
            } else {
                ""
            },
        }],
        None => THEME_FAVICONS
            .iter()
            .filter(|(path, _, _)| theme.statics.contains_key(*path))
            .map(|(path, mime, sizes)| Icon {
                url: format!("{base}{path}"),
                mime,
                sizes,
            })
            .collect(),
    };
    let (accent, accent_dark) = brand.accent.as_ref().map_or_else(Default::default, |a| {
        (a.light.to_string(), a.dark.to_string())
    });
    BrandView {
        logo: brand.logo.as_ref().map(|file| {
            let (width, height) = file.size.unwrap_or((0, 0));
            Logo {
                url: format!("{base}{}", file.output),
                width,
                height,
            }
        }),
        favicons,
        accent,
        accent_dark,
        footer: brand
            .footer
            .iter()
            .map(|link| {
                let (label, url) = link.in_language(lang, &config.default_language, base);
                FooterItem {
                    external: !url.starts_with('/'),
                    label,
                    url,
                }
            })
            .collect(),
    }
}

impl Renderer<'_> {
    /// The meta description of a page: never empty. `name` is what a
    /// listing or a backlog cut is of (a tag, a stage, an owner …), as its
    /// context already has it; other pages ignore it. A document without
    /// a description is described by the first paragraph of its `body`.
    pub(super) fn description(&self, job: &Job, name: &str, body: &str) -> String {
        let lang = self.job_lang(job);
        let fill = |key: &str, name: &str| {
            self.t(lang, key)
                .replace("{site}", &self.info.title)
                .replace("{name}", name)
        };
        match job {
            Job::Doc(id) => {
                let doc = &self.site.docs[*id];
                let meta = doc.meta();
                if !meta.description.trim().is_empty() {
                    return meta.description.clone();
                }
                let first = first_paragraph(body);
                if !first.is_empty() {
                    return first;
                }
                let key = match doc {
                    Doc::Term(_) => "desc_term",
                    Doc::Touchpoint(_) => "desc_touchpoint",
                    Doc::Journey(_) => "desc_journey",
                    Doc::Persona(_) => "desc_persona",
                    Doc::Page(_) => "desc_page",
                };
                fill(key, &meta.title)
            }
            Job::Home(_) => fill("desc_home", ""),
            Job::Glossary(_) => fill("desc_glossary", ""),
            Job::Touchpoints(_) => fill("desc_touchpoints", ""),
            Job::Matrix(_) => fill("desc_matrix", ""),
            Job::Journeys(_) => fill("desc_journeys", ""),
            Job::Personas(_) => fill("desc_personas", ""),
            Job::Taxonomy(_, taxon) => fill(&format!("desc_{}", taxon.key()), ""),
            Job::Listing(_, taxon, _) => fill(&format!("desc_listing_{}", taxon.key()), name),
            Job::Search(_) => fill("desc_search", ""),
            Job::Opportunities(_, None) => fill("desc_opportunities", ""),
            Job::Opportunities(_, Some((facet, _))) => {
                fill(&format!("desc_opportunities_{}", facet.key()), name)
            }
            Job::NotFound => self.t(lang, "not_found_text"),
        }
    }
}

/// The text of the first `<p>` of rendered HTML, tags removed, entities
/// decoded, shortened at a word to `MAX_DESCRIPTION` characters.
fn first_paragraph(html: &str) -> String {
    let Some(start) = html.find("<p>") else {
        return String::new();
    };
    let rest = &html[start + 3..];
    let inner = &rest[..rest.find("</p>").unwrap_or(rest.len())];
    let mut text = String::with_capacity(inner.len());
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    shorten(&text, MAX_DESCRIPTION)
}

/// `text` cut at the last space before `max` characters, with `…`.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let at_word_end = text.chars().nth(max - 1) == Some(' ');
    let cut = match cut.rfind(' ') {
        Some(at) if !at_word_end && at > max / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_paragraph_is_plain_text() {
        assert_eq!(
            first_paragraph(
                "<h2 id=\"a\">A</h2>\n<p>Ein <a href=\"/x/\" title=\"t\">Touchpoint</a> &amp; mehr\nText.</p><p>Zwei</p>"
            ),
            "Ein Touchpoint & mehr Text."
        );
        assert_eq!(first_paragraph("<ul><li>x</li></ul>"), "");
    }

    #[test]
    fn long_text_is_cut_at_a_word() {
        let text = "Wort ".repeat(50);
        let short = shorten(text.trim(), 40);
        assert_eq!(short, "Wort Wort Wort Wort Wort Wort Wort Wort…");
        assert!(short.chars().count() <= 40);
        assert_eq!(shorten("kurz", 40), "kurz");
    }
}
