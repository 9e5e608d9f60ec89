//! Just enough HTML scanning for the site tests: attribute values, the
//! `<main>` fragment, and an internal-link checker. The output is produced
//! by our own templates, so plain string search is reliable here.

use std::path::Path;

/// The `<main …>…</main>` element of a page.
pub(crate) fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("the page has a <main>");
    let end = html.rfind("</main>").expect("the page closes its <main>") + "</main>".len();
    &html[start..end]
}

/// The values of every `name="…"` attribute, in document order.
pub(crate) fn attr_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').expect("attribute value is closed")]
        })
        .collect()
}

/// The value of `attr` in the first tag that contains `marker`
/// (`<link rel="canonical"` → its `href`).
pub(crate) fn attr_of<'a>(html: &'a str, marker: &str, attr: &str) -> Option<&'a str> {
    let at = html.find(marker)?;
    let tag_end = at + html[at..].find('>')?;
    attr_values(&html[at..tag_end], attr).into_iter().next()
}

/// Every `id` in the page.
pub(crate) fn ids(html: &str) -> Vec<&str> {
    attr_values(html, "id")
}

/// The text of every element `<tag …>text</tag>` whose opening tag
/// contains `marker`, with inner tags removed.
pub(crate) fn texts(html: &str, marker: &str, tag: &str) -> Vec<String> {
    let close = format!("</{tag}>");
    html.match_indices(marker)
        .filter_map(|(at, _)| {
            let open_end = at + html[at..].find('>')? + 1;
            let end = open_end + html[open_end..].find(&close)?;
            Some(strip_tags(&html[open_end..end]))
        })
        .collect()
}

pub(crate) fn strip_tags(fragment: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Links that leave the site or stay on the page are not checked.
fn is_checked(link: &str) -> bool {
    !(link.starts_with("http:")
        || link.starts_with("https:")
        || link.starts_with("mailto:")
        || link.starts_with('#'))
}

/// Every `href` and `src` of every HTML file in `output` that points into
/// the site but to no file there, as `page: link`. Site-absolute links must
/// start with `base_path` (`/kb/`); relative links resolve against the page.
pub(crate) fn broken_links(output: &Path, base_path: &str) -> Vec<String> {
    let mut broken = Vec::new();
    for (page, bytes) in super::helper::tree(output) {
        if !page.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).expect("HTML is UTF-8");
        let links = attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"));
        for link in links.filter(|l| is_checked(l)) {
            let path = link.replace("&amp;", "&");
            let path = path.split(['#', '?']).next().unwrap_or_default();
            let target = if path.starts_with('/') {
                match path.strip_prefix(base_path) {
                    Some(rel) => output.join(rel),
                    None => {
                        broken.push(format!("{page}: {link} (outside {base_path})"));
                        continue;
                    }
                }
            } else {
                output
                    .join(&page)
                    .parent()
                    .expect("a page folder")
                    .join(path)
            };
            let target = if path.is_empty() || path.ends_with('/') {
                target.join("index.html")
            } else {
                target
            };
            if !target.is_file() {
                broken.push(format!("{page}: {link}"));
            }
        }
    }
    broken
}
