//! `sitemap.xml` with hreflang alternates, and `robots.txt`.

use super::context::Alternate;
use super::{Content, OutputFile};
use crate::highlight::escape;

pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
    pub alternates: Vec<Alternate>,
}

/// The sitemap; pages with translations list every language version plus
/// `x-default` (the default language's version), as the pages themselves do.
pub fn sitemap(entries: &[SitemapEntry], default_language: &str) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut sorted: Vec<&SitemapEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.loc.cmp(&b.loc));
    for entry in sorted {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape(&entry.loc));
        xml.push_str("</loc>\n");
        if let Some(date) = &entry.lastmod {
            xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
        }
        for alt in &entry.alternates {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape(&alt.lang),
                escape(&alt.url)
            ));
        }
        let x_default = entry
            .alternates
            .iter()
            .find(|a| a.lang == default_language)
            .or(entry.alternates.first());
        if let Some(alt) = x_default {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                escape(&alt.url)
            ));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        content: Content::Bytes(xml.into_bytes()),
    }
}

pub fn robots(base_url: &str) -> OutputFile {
    let text = format!("User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n");
    OutputFile {
        path: "robots.txt".into(),
        content: Content::Bytes(text.into_bytes()),
    }
}
