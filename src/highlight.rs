//! Syntax highlighting of fenced code with syntect, emitting CSS classes
//! (`hl-…`) instead of inline colours, so one light and one dark stylesheet
//! style every page. The syntax set is loaded once, on the first page that
//! has code.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The two stylesheets every build writes, light and dark.
pub const STYLESHEETS: [&str; 2] = ["assets/syntax-light.css", "assets/syntax-dark.css"];

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The `<pre>` block for `code` in language `lang` (a fence info string's
/// first word). Unknown or empty languages are shown as plain text.
pub fn code_block(lang: &str, code: &str) -> String {
    let lang_attr = escape(lang);
    let mut html = String::with_capacity(code.len() * 2 + 64);
    if lang.is_empty() {
        html.push_str("<pre class=\"code\"><code>");
    } else {
        html.push_str(&format!("<pre class=\"code hl-code\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">"));
    }
    match highlighted(lang, code) {
        Some(body) => html.push_str(&body),
        None => html.push_str(&escape(code)),
    }
    html.push_str("</code></pre>\n");
    html
}

fn highlighted(lang: &str, code: &str) -> Option<String> {
    if lang.is_empty() || lang.eq_ignore_ascii_case("text") || lang.eq_ignore_ascii_case("plain") {
        return None;
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// The light and the dark stylesheet for the `hl-` classes.
pub fn stylesheets() -> (String, String) {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str| {
        themes
            .themes
            .get(name)
            .and_then(|theme| css_for_theme_with_class_style(theme, STYLE).ok())
            .unwrap_or_default()
    };
    (
        accessible(&css("InspiredGitHub")),
        accessible(&css("base16-ocean.dark")),
    )
}

/// WCAG AA's contrast for text.
const TEXT_CONTRAST: f64 = 4.5;

/// The stylesheet with every text colour made lighter or darker, its hue
/// kept, until it reads at [`TEXT_CONTRAST`] on its background: the
/// rule's own, or else the code's. syntect's themes were not made for it:
/// InspiredGitHub's comments are 2.9:1 on white, its constants 4.1:1.
fn accessible(css: &str) -> String {
    use crate::colour::Rgb;
    let value = |line: &str, key: &str| {
        let value = line.trim().strip_prefix(key)?.trim().strip_suffix(';')?;
        Rgb::parse_css(value).ok()
    };
    let Some(code) = css.lines().find_map(|l| value(l, "background-color:")) else {
        return css.to_string();
    };
    let (white, black) = (Rgb::new(255, 255, 255), Rgb::new(0, 0, 0));
    let mut out = String::with_capacity(css.len());
    for rule in css.split_inclusive('}') {
        let bg = rule
            .lines()
            .find_map(|l| value(l, "background-color:"))
            .unwrap_or(code);
        let lighter = white.contrast(bg) > black.contrast(bg);
        for line in rule.split_inclusive('\n') {
            match value(line, "color:") {
                Some(colour) => {
                    let readable = colour
                        .shade_for(&[bg], TEXT_CONTRAST, lighter)
                        .unwrap_or(colour);
                    let end = if line.ends_with('\n') { "\n" } else { "" };
                    out.push_str(&format!(" color: {readable};{end}"));
                }
                None => out.push_str(line),
            }
        }
    }
    out
}

/// HTML-escapes text for element content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped like [`escape`].
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = first_special(rest.as_bytes()) {
        let replacement = match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        };
        out.push_str(&rest[..i]);
        out.push_str(replacement);
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// The position of the first byte [`escape`] replaces. Most text has none
/// (tooltips, titles), so eight bytes are tested at a time.
fn first_special(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Nonzero when some byte of `word` equals `b` (the classic SWAR test).
    let has = |word: u64, b: u8| {
        let x = word ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_ne_bytes(chunk.try_into().unwrap_or_default());
        if has(word, b'&') | has(word, b'<') | has(word, b'>') | has(word, b'"') | has(word, b'\'')
            != 0
        {
            return chunk.iter().position(special).map(|i| at + i);
        }
        at += 8;
    }
    chunks.remainder().iter().position(special).map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_finds_every_special_byte_at_any_position() {
        for len in 0..20 {
            for at in 0..len {
                for special in ['&', '<', '>', '"', '\''] {
                    let mut text: Vec<char> =
                        "abcdefghijklmnopqrstuvwxyzäöü".chars().take(len).collect();
                    text[at] = special;
                    let text: String = text.into_iter().collect();
                    let slow: String = text
                        .chars()
                        .map(|c| match c {
                            '&' => "&amp;".to_string(),
                            '<' => "&lt;".to_string(),
                            '>' => "&gt;".to_string(),
                            '"' => "&quot;".to_string(),
                            '\'' => "&#39;".to_string(),
                            c => c.to_string(),
                        })
                        .collect();
                    assert_eq!(escape(&text), slow, "{text:?}");
                }
            }
        }
        assert_eq!(escape("Ähre & Öl <b>"), "Ähre &amp; Öl &lt;b&gt;");
    }

    #[test]
    fn highlights_known_languages_with_classes() {
        let html = code_block("rust", "fn main() {}\n");
        assert!(html.starts_with("<pre class=\"code hl-code\" data-lang=\"rust\">"));
        assert!(html.contains("class=\"hl-"));
        assert!(!html.contains("style="));
    }

    #[test]
    fn nested_make_functions_are_highlighted_like_simple_ones() {
        // The Makefile syntax looks ahead over nested `$(…)` with heavy
        // backtracking; the assignment's name must still be found.
        // (A line of dpkg's pkg-info.mk.)
        let simple = code_block("make", "late = $(call f,a)\n");
        let nested = code_block(
            "make",
            "late ?= $(or $(value DPKG_CACHE_$(1)),$(eval DPKG_CACHE_$(1) := $(shell $(2)))$(value DPKG_CACHE_$(1)))\n",
        );
        let name_span = |html: &str| {
            let end = html
                .find(">late</span>")
                .expect("the name is in a span of its own");
            html[..end].rsplit("<span").next().map(str::to_string)
        };
        assert_eq!(name_span(&nested), name_span(&simple), "{nested}");
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = code_block("nonsense-lang", "<b>\n");
        assert!(html.contains("&lt;b&gt;"));
        assert!(!html.contains("<span"));
    }

    #[test]
    fn escapes_markup_characters_only() {
        assert_eq!(
            escape("a<b>&\"c\" 'd' ü/"),
            "a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39; ü/"
        );
        assert_eq!(escape(""), "");
    }

    #[test]
    fn every_text_colour_reads_on_its_background() {
        use crate::colour::Rgb;
        let value = |line: &str, key: &str| {
            let v = line.trim().strip_prefix(key)?.trim().strip_suffix(';')?;
            Rgb::parse_css(v).ok()
        };
        let (light, dark) = stylesheets();
        for css in [light, dark] {
            let code = css
                .lines()
                .find_map(|l| value(l, "background-color:"))
                .expect("the code's background comes first");
            let mut checked = 0;
            for rule in css.split_inclusive('}') {
                let own = rule.lines().find_map(|l| value(l, "background-color:"));
                // A rule with a background of its own is read on that one.
                let bg = own.unwrap_or(code);
                for colour in rule.lines().filter_map(|l| value(l, "color:")) {
                    let contrast = colour.contrast(bg);
                    assert!(
                        contrast >= TEXT_CONTRAST,
                        "{colour} on {bg}: {contrast:.2}:1 in\n{rule}"
                    );
                    checked += 1;
                }
            }
            assert!(checked > 20, "{checked} colours");
        }
    }

    #[test]
    fn stylesheets_differ() {
        let (light, dark) = stylesheets();
        assert!(light.contains(".hl-"));
        assert!(dark.contains(".hl-"));
        assert_ne!(light, dark);
    }
}
