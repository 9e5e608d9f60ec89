//! `[brand]` in `touchbase.toml`: the company's logo, favicon, accent colour
//! and footer links. Read strictly with the rest of the config, validated
//! once into `Brand`; [`Brand::resolve`] then looks at the files it names
//! and checks the accent's contrast against the default theme's colours.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::colour::{Rgb, ratio};
use crate::diagnostic::{Diagnostic, Severity};
use crate::schema::Shape;
use crate::source::Source;

/// The keys of `[brand]`.
pub const KEYS: &[(&str, Shape)] = &[
    ("logo", Shape::Value),
    ("favicon", Shape::Value),
    ("accent", Shape::Value),
    ("accent_dark", Shape::Value),
    (
        "footer",
        Shape::Tables(&[("label", Shape::Free), ("url", Shape::Free)]),
    ),
];

/// WCAG AA contrast for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// The backgrounds the default theme draws accent-coloured text on, per
/// colour scheme: the page, then header/cards, then the letter bar and
/// table headers (`--bg`, `--surface`, `--surface-2` in `style.css`).
pub const LIGHT_BACKGROUNDS: [(&str, Rgb); 3] = [
    ("page background", Rgb::new(0xff, 0xff, 0xff)),
    ("header and card background", Rgb::new(0xf3, 0xf5, 0xf8)),
    ("table header background", Rgb::new(0xe6, 0xeb, 0xf1)),
];
pub const DARK_BACKGROUNDS: [(&str, Rgb); 3] = [
    ("page background", Rgb::new(0x14, 0x17, 0x1c)),
    ("header and card background", Rgb::new(0x1d, 0x22, 0x29)),
    ("table header background", Rgb::new(0x27, 0x2e, 0x37)),
];

#[derive(Deserialize, Default)]
pub struct RawBrand {
    logo: Option<Spanned<String>>,
    favicon: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
    accent_dark: Option<Spanned<String>>,
    #[serde(default)]
    footer: Vec<Spanned<RawFooterLink>>,
}

#[derive(Deserialize)]
struct RawFooterLink {
    label: Option<Spanned<PerLanguage>>,
    url: Option<Spanned<PerLanguage>>,
}

/// One string for every language, or a table `{ de = "…", en = "…" }`.
#[derive(Deserialize)]
#[serde(untagged)]
enum PerLanguage {
    One(String),
    Each(BTreeMap<String, String>),
}

/// The validated `[brand]` section; everything is optional.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Brand {
    pub logo: Option<BrandFile>,
    pub favicon: Option<BrandFile>,
    pub accent: Option<Accent>,
    pub footer: Vec<FooterLink>,
}

/// A file named in `[brand]`.
#[derive(Debug, Clone, Serialize)]
pub struct BrandFile {
    /// The path as written, relative to the site folder.
    pub source: String,
    /// Where the build puts it, relative to the output folder.
    pub output: String,
    /// Its media type, from the file extension.
    pub mime: &'static str,
    /// Width and height in CSS pixels, when the file tells (set by `resolve`).
    pub size: Option<(u32, u32)>,
    /// The file on disk (set by `resolve`).
    #[serde(skip)]
    pub path: PathBuf,
    #[serde(skip)]
    span: Range<usize>,
}

/// The accent colour for the light and the dark colour scheme.
#[derive(Debug, Clone, Serialize)]
pub struct Accent {
    pub light: Rgb,
    /// `accent_dark`, else derived from `light`: the same hue, lightened
    /// just enough for 4.5:1 on the dark backgrounds.
    pub dark: Rgb,
    #[serde(skip)]
    light_span: Range<usize>,
    /// The span of `accent_dark` when given (else the dark colour is ours).
    #[serde(skip)]
    dark_span: Option<Range<usize>>,
}

/// A footer link with its label and address per language (`""` is the
/// one value for every language).
#[derive(Debug, Clone, Serialize)]
pub struct FooterLink {
    pub labels: BTreeMap<String, String>,
    pub urls: BTreeMap<String, String>,
    #[serde(skip)]
    url_span: Range<usize>,
}

impl FooterLink {
    /// The label and the address in `lang`: its own, else the default
    /// language's, else the one for all languages. Addresses that are site
    /// paths (`/impressum/`) get `base_path` (`/kb/impressum/`).
    pub fn in_language(&self, lang: &str, default: &str, base_path: &str) -> (String, String) {
        let pick = |map: &BTreeMap<String, String>| {
            map.get(lang)
                .or_else(|| map.get(default))
                .or_else(|| map.get(""))
                .cloned()
                .unwrap_or_default()
        };
        let url = pick(&self.urls);
        let url = match url.strip_prefix('/') {
            Some(path) => format!("{base_path}{path}"),
            None => url,
        };
        (pick(&self.labels), url)
    }
}

const IMAGE_TYPES: &[(&str, &str)] = &[
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("avif", "image/avif"),
];

fn media_type(path: &str, icon: bool) -> Option<(&'static str, &'static str)> {
    let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
    if icon && ext == "ico" {
        return Some(("ico", "image/x-icon"));
    }
    IMAGE_TYPES
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|(e, mime)| (*e, *mime))
}

/// Validates `[brand]`; problems are pushed to `diagnostics`.
pub fn validate(
    raw: RawBrand,
    source: &Source,
    languages: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Brand {
    let RawBrand {
        logo,
        favicon,
        accent,
        accent_dark,
        footer,
    } = raw;
    let mut error = |span: Range<usize>, message: String, hint: String| {
        diagnostics.push(source.error(span, message).with_hint(hint));
    };
    let mut file = |value: Option<Spanned<String>>, what: &str, icon: bool| {
        let value = value?;
        let text = value.get_ref().trim().to_string();
        let allowed = if icon {
            "ico, svg, png, jpg, gif, webp or avif"
        } else {
            "svg, png, jpg, gif, webp or avif"
        };
        let Some((ext, mime)) = media_type(&text, icon) else {
            error(
                value.span(),
                format!("the {what} `{text}` is not an image file"),
                format!("name an image ({allowed}), relative to the site folder"),
            );
            return None;
        };
        let output = if icon {
            format!("favicon.{ext}")
        } else {
            format!("assets/brand/logo.{ext}")
        };
        Some(BrandFile {
            source: text,
            output,
            mime,
            size: None,
            path: PathBuf::new(),
            span: value.span(),
        })
    };
    let logo = file(logo, "logo", false);
    let favicon = file(favicon, "favicon", true);
    let mut colour = |value: &Spanned<String>, key: &str| match Rgb::parse_css(value.get_ref()) {
        Ok(c) => Some(c),
        Err(message) => {
            error(
                value.span(),
                format!("`brand.{key}`: {message}"),
                "write a CSS colour, like \"#0b5cad\", \"rgb(11 92 173)\", \"hsl(210 88% 36%)\" or \"teal\"".into(),
            );
            None
        }
    };
    let light = accent.as_ref().and_then(|a| colour(a, "accent"));
    let dark = accent_dark.as_ref().and_then(|a| colour(a, "accent_dark"));
    let accent = match (&accent, light) {
        (Some(span), Some(light)) => Some(Accent {
            light,
            dark: dark.unwrap_or_else(|| derive_dark(light)),
            light_span: span.span(),
            dark_span: accent_dark.as_ref().map(Spanned::span),
        }),
        _ => {
            if let (None, Some(dark)) = (&accent, &accent_dark) {
                error(
                    dark.span(),
                    "`brand.accent_dark` without `brand.accent`".into(),
                    "add `accent = \"…\"`, the colour for the light scheme".into(),
                );
            }
            None
        }
    };
    let footer = footer
        .into_iter()
        .filter_map(|link| footer_link(link, source, languages, diagnostics))
        .collect();
    Brand {
        logo,
        favicon,
        accent,
        footer,
    }
}

/// The dark-scheme accent derived from the light one: unchanged when it
/// already reads well on the dark backgrounds, else lightened.
fn derive_dark(light: Rgb) -> Rgb {
    let backgrounds = DARK_BACKGROUNDS.map(|(_, c)| c);
    // A little above the minimum, so rounding in browsers never fails it.
    light
        .shade_for(&backgrounds, MIN_CONTRAST + 0.1, true)
        .unwrap_or(Rgb::new(0xff, 0xff, 0xff))
}

fn footer_link(
    link: Spanned<RawFooterLink>,
    source: &Source,
    languages: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FooterLink> {
    let span = link.span();
    let RawFooterLink { label, url } = link.into_inner();
    let mut missing = |key: &str, example: &str| {
        diagnostics.push(
            source
                .error(
                    span.start..span.start,
                    format!("a `[[brand.footer]]` link without `{key}`"),
                )
                .with_hint(format!("add `{key} = {example}`")),
        );
        None::<FooterLink>
    };
    let Some(label) = label else {
        return missing("label", "{ de = \"Impressum\", en = \"Imprint\" }");
    };
    let Some(url) = url else {
        return missing("url", "\"/impressum/\"");
    };
    let url_span = url.span();
    let labels = per_language(label, "label", source, languages, diagnostics);
    let urls = per_language(url, "url", source, languages, diagnostics)?;
    let mut ok = true;
    for (lang, value) in &urls {
        let site_path = value.starts_with('/') && !value.starts_with("//");
        let full = ["https://", "http://", "mailto:", "tel:"]
            .iter()
            .any(|p| value.starts_with(p));
        if !(site_path || full) || value.contains(char::is_whitespace) {
            let shown = if lang.is_empty() {
                String::new()
            } else {
                format!(" ({lang})")
            };
            diagnostics.push(
                source
                    .error(
                        url_span.clone(),
                        format!("footer link `{value}`{shown} is neither a site path nor a full URL"),
                    )
                    .with_hint("start a site path with `/` (\"/impressum/\"), or write the whole address (\"https://example.com/privacy\")"),
            );
            ok = false;
        }
    }
    Some(FooterLink {
        labels: labels?,
        urls,
        url_span,
    })
    .filter(|_| ok)
}

/// A label or address given once or per language: each language must be
/// configured, and the default language needs a value.
fn per_language(
    value: Spanned<PerLanguage>,
    key: &str,
    source: &Source,
    languages: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<BTreeMap<String, String>> {
    let span = value.span();
    let map = match value.into_inner() {
        PerLanguage::One(text) => BTreeMap::from([(String::new(), text)]),
        PerLanguage::Each(map) => map,
    };
    let mut ok = true;
    for lang in map.keys().filter(|l| !l.is_empty()) {
        if !languages.contains(lang) {
            let hint = crate::suggest::did_you_mean(lang, languages.iter().map(String::as_str))
                .unwrap_or_else(|| format!("the site's languages are {}", languages.join(", ")));
            diagnostics.push(
                source
                    .error(
                        span.clone(),
                        format!("footer link {key} for `{lang}`, which is not in `languages`"),
                    )
                    .with_hint(hint),
            );
            ok = false;
        }
    }
    let default = languages.first().map_or("", String::as_str);
    if ok && !map.contains_key("") && !map.contains_key(default) {
        diagnostics.push(
            source
                .error(
                    span.clone(),
                    format!("footer link {key} has no value for the default language `{default}`"),
                )
                .with_hint(format!(
                    "add `{default} = \"…\"`; other languages fall back to it"
                )),
        );
        ok = false;
    }
    if map.values().any(|v| v.trim().is_empty()) {
        diagnostics.push(
            source
                .error(span, format!("footer link {key} is empty"))
                .with_hint("write the text of the link"),
        );
        ok = false;
    }
    ok.then_some(map)
}

impl Brand {
    /// Finds the files `[brand]` names below `root`, reads the logo's
    /// size, and checks the accent's contrast. Missing files are errors,
    /// low contrast a warning, both located in `touchbase.toml`.
    pub fn resolve(&mut self, root: &Path, source: &Source) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (file, what) in [(&mut self.logo, "logo"), (&mut self.favicon, "favicon")] {
            let Some(file) = file else { continue };
            file.path = root.join(&file.source);
            if !file.path.is_file() {
                found.push(
                    source
                        .error(
                            file.span.clone(),
                            format!("the {what} file `{}` does not exist", file.source),
                        )
                        .with_hint("the path is relative to the site folder, the one holding touchbase.toml"),
                );
                continue;
            }
            if what == "logo" {
                file.size = image_size(&file.path);
                if file.size.is_none() {
                    found.push(
                        source
                            .diagnostic(
                                Severity::Warning,
                                file.span.clone(),
                                format!("the size of the logo `{}` cannot be read", file.source),
                            )
                            .with_hint("give the SVG a `viewBox` (or `width` and `height`), so the header does not jump while it loads"),
                    );
                }
            }
        }
        if let Some(accent) = &self.accent {
            found.extend(accent.contrast_warnings(source));
        }
        found
    }
}

impl Brand {
    /// Footer links to site paths that name no page or file of the build,
    /// reported like broken links (`severity`), at the link's `url`.
    pub fn check_footer_paths(
        &self,
        check: impl Fn(&str) -> Result<(), Option<String>>,
        severity: Severity,
        source: &Source,
    ) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for link in &self.footer {
            for url in link.urls.values().filter(|u| u.starts_with('/')) {
                if let Err(hint) = check(url) {
                    found.push(
                        source
                            .diagnostic(
                                severity,
                                link.url_span.clone(),
                                format!("footer link `{url}` is not a page or file of this site"),
                            )
                            .with_hint(hint.unwrap_or_else(|| {
                                "site paths start at the site root, like `/about/`; base_url's sub-path is added".into()
                            })),
                    );
                }
            }
        }
        found
    }
}

impl Accent {
    fn contrast_warnings(&self, source: &Source) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        let checks = [
            (
                "light",
                self.light,
                &LIGHT_BACKGROUNDS,
                Some(&self.light_span),
                false,
            ),
            (
                "dark",
                self.dark,
                &DARK_BACKGROUNDS,
                self.dark_span.as_ref(),
                true,
            ),
        ];
        for (scheme, colour, backgrounds, span, lighter) in checks {
            // A derived dark accent is ours and always passes.
            let Some(span) = span else { continue };
            let (name, background, worst) = backgrounds
                .iter()
                .map(|(name, bg)| (*name, *bg, colour.contrast(*bg)))
                .min_by(|a, b| a.2.total_cmp(&b.2))
                .expect("three backgrounds");
            if worst >= MIN_CONTRAST {
                continue;
            }
            let (page_name, page, on_page) = {
                let (n, bg) = backgrounds[0];
                (n, bg, colour.contrast(bg))
            };
            let against = if on_page < MIN_CONTRAST {
                format!(
                    "{} against the {scheme} scheme's {page_name} ({page})",
                    ratio(on_page)
                )
            } else {
                format!(
                    "{} against the {scheme} scheme's {page_name} ({page}) but {} against its {name} ({background})",
                    ratio(on_page),
                    ratio(worst)
                )
            };
            let all = backgrounds.map(|(_, c)| c);
            let better = colour
                .shade_for(&all, MIN_CONTRAST + 0.1, lighter)
                .map(|c| {
                    format!(
                        "; a {} shade of the same hue such as \"{c}\" reaches it",
                        if lighter { "lighter" } else { "darker" }
                    )
                })
                .unwrap_or_default();
            found.push(
                source
                    .diagnostic(
                        Severity::Warning,
                        span.clone(),
                        format!(
                            "the accent colour {colour} has a contrast of {against}, below 4.5:1"
                        ),
                    )
                    .with_hint(format!(
                        "links in the {scheme} colour scheme are hard to read; WCAG AA asks for 4.5:1{better}"
                    )),
            );
        }
        found
    }
}

/// Width and height of an image file in CSS pixels.
fn image_size(path: &Path) -> Option<(u32, u32)> {
    let is_svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if is_svg {
        let text = std::fs::read_to_string(path).ok()?;
        return svg_size(&text);
    }
    let size = imagesize::size(path).ok()?;
    let w = u32::try_from(size.width).ok()?;
    let h = u32::try_from(size.height).ok()?;
    (w > 0 && h > 0).then_some((w, h))
}

/// The size an `<svg>` element declares: `width` and `height` in px (or
/// unitless), else its `viewBox`.
fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| {
        let at = tag.find(&format!(" {name}="))? + name.len() + 2;
        let quote = tag[at..].chars().next()?;
        let rest = &tag[at + 1..];
        Some(&rest[..rest.find(quote)?])
    };
    let number = |v: &str| {
        let v = v.trim().trim_end_matches("px");
        v.parse::<f64>().ok().filter(|n| *n > 0.0)
    };
    let px = |v: f64| v.round().max(1.0) as u32;
    if let (Some(w), Some(h)) = (
        attr("width").and_then(number),
        attr("height").and_then(number),
    ) {
        return Some((px(w), px(h)));
    }
    let view: Vec<f64> = attr("viewBox")?
        .split([' ', ','])
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    match view[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 => Some((px(w), px(h))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_size_from_attributes_or_view_box() {
        assert_eq!(
            svg_size(r#"<?xml version="1.0"?><svg xmlns="x" width="160" height="40px">"#),
            Some((160, 40))
        );
        assert_eq!(
            svg_size("<svg viewBox='0 0 320.4 80' xmlns='x'>"),
            Some((320, 80))
        );
        assert_eq!(
            svg_size(r#"<svg width="100%" viewBox="0,0,64,16">"#),
            Some((64, 16))
        );
        assert_eq!(svg_size("<svg>"), None);
        assert_eq!(svg_size("not an svg"), None);
    }

    #[test]
    fn derived_dark_accent_reads_well_on_every_dark_background() {
        for text in ["#0b5cad", "#000000", "navy", "#ff8c00", "#ffffff"] {
            let light = Rgb::parse_css(text).unwrap();
            let dark = derive_dark(light);
            for (_, bg) in DARK_BACKGROUNDS {
                assert!(dark.contrast(bg) >= MIN_CONTRAST, "{text} → {dark} on {bg}");
            }
        }
        // Orange already reads well on dark: kept as it is.
        let orange = Rgb::parse_css("#ff8c00").unwrap();
        assert_eq!(derive_dark(orange), orange);
    }

    #[test]
    fn footer_site_paths_get_the_base_path_and_fall_back_to_the_default_language() {
        let link = FooterLink {
            labels: BTreeMap::from([
                ("de".into(), "Impressum".into()),
                ("en".into(), "Imprint".into()),
            ]),
            urls: BTreeMap::from([(String::new(), "/impressum/".into())]),
            url_span: 0..0,
        };
        assert_eq!(
            link.in_language("en", "de", "/kb/"),
            ("Imprint".to_string(), "/kb/impressum/".to_string())
        );
        let external = FooterLink {
            labels: BTreeMap::from([("de".into(), "Datenschutz".into())]),
            urls: BTreeMap::from([(String::new(), "https://example.com/privacy".into())]),
            url_span: 0..0,
        };
        assert_eq!(
            external.in_language("en", "de", "/kb/"),
            (
                "Datenschutz".to_string(),
                "https://example.com/privacy".to_string()
            )
        );
    }
}
