//! Syntax highlighting of fenced code with syntect, emitting CSS classes
//! (`hl-…`) instead of inline colours, so one light and one dark stylesheet
//! style every page. The syntax set is loaded once, on the first page that
//! has code.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

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
    (css("InspiredGitHub"), css("base16-ocean.dark"))
}

/// HTML-escapes text for element content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped like [`escape`].
pub fn escape_into(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_with_classes() {
        let html = code_block("rust", "fn main() {}\n");
        assert!(html.starts_with("<pre class=\"code hl-code\" data-lang=\"rust\">"));
        assert!(html.contains("class=\"hl-"));
        assert!(!html.contains("style="));
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
    fn stylesheets_differ() {
        let (light, dark) = stylesheets();
        assert!(light.contains(".hl-"));
        assert!(dark.contains(".hl-"));
        assert_ne!(light, dark);
    }
}
