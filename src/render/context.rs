//! The data templates see, as plain serialisable structs. The shapes are
//! documented for theme authors in `themes/default/CONTEXT.md`.

use serde::Serialize;

use crate::markdown::Heading;

pub use super::journey_view::*;

/// A link to a document.
#[derive(Debug, Clone, Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: String,
    pub description: &'a str,
}

/// A stage or channel with its listing page.
#[derive(Debug, Clone, Serialize)]
pub struct Label {
    pub id: String,
    pub label: String,
    pub url: String,
}

/// A team owning touchpoints, with its listing page.
#[derive(Debug, Clone, Serialize)]
pub struct Owner {
    pub name: String,
    /// The slug of the name, as in the listing's URL.
    pub id: String,
    pub url: String,
}

/// A tag with its listing page.
#[derive(Debug, Clone, Serialize)]
pub struct Tag {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub label: String,
    pub url: String,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    pub lang: String,
    pub label: String,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: String,
    pub url: String,
}

/// Site-wide values.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub base_url: String,
    pub base_path: String,
    pub default_language: String,
    pub languages: Vec<String>,
    pub extra: toml::Table,
}

/// `brand`: the company's logo, favicons, accent colour and footer links
/// in one language (`[brand]` in `touchbase.toml`).
#[derive(Debug, Clone, Serialize)]
pub struct BrandView {
    /// `null` without `[brand] logo`.
    pub logo: Option<Logo>,
    /// `<link rel="icon">` targets: the configured favicon, else the
    /// theme's `favicon.ico` and `favicon.svg`.
    pub favicons: Vec<Icon>,
    /// `#rrggbb` (or `#rrggbbaa`); empty without `[brand] accent`.
    pub accent: String,
    /// The accent for the dark colour scheme; empty without an accent.
    pub accent_dark: String,
    pub footer: Vec<FooterItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Logo {
    pub url: String,
    /// Intrinsic size in CSS pixels; 0 when the file does not tell.
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Icon {
    pub url: String,
    /// Media type (`image/svg+xml`).
    #[serde(rename = "type")]
    pub mime: &'static str,
    /// `32x32` for `.ico` files, else empty.
    pub sizes: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct FooterItem {
    pub label: String,
    pub url: String,
    /// The link leaves the site (a full URL, `mailto:`).
    pub external: bool,
}

/// The variables every template gets (flattened into the context).
#[derive(Debug, Clone, Serialize)]
pub struct Common<'a> {
    pub site: &'a SiteInfo,
    pub brand: &'a BrandView,
    pub lang: &'a str,
    pub home_url: &'a str,
    pub assets: &'a str,
    pub nav: Vec<NavItem>,
    pub languages: Vec<LanguageLink>,
    pub alternates: Vec<Alternate>,
    pub x_default: String,
    pub canonical: String,
    pub page_title: String,
    pub description: String,
    pub has_code: bool,
}

/// `page` in single-page templates: the common fields plus the kind's own.
#[derive(Debug, Clone, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub body: &'a str,
    pub toc: &'a [Heading],
    pub tags: Vec<Tag>,
    pub updated: &'a str,
    pub url: String,
    pub kind: &'static str,
    pub extra: &'a toml::Table,
    pub backlinks: Vec<Link<'a>>,
    #[serde(flatten)]
    pub details: Details<'a>,
}

/// The fields only one kind has.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Details<'a> {
    Term {
        aliases: &'a [String],
        abbreviation: &'a str,
        related: Vec<Link<'a>>,
        touchpoints: Vec<Link<'a>>,
    },
    Touchpoint {
        channel: Label,
        stages: Vec<Label>,
        owner: Option<Owner>,
        kpis: &'a [String],
        ownership: &'static str,
        terms: Vec<Link<'a>>,
        journeys: Vec<Link<'a>>,
    },
    Journey(Box<JourneyView<'a>>),
    Persona {
        aliases: &'a [String],
        role: &'a str,
        goals: &'a [String],
        needs: &'a [String],
        frustrations: &'a [String],
        quote: &'a str,
        /// URL of the image, or empty.
        image: String,
        /// The journeys told from this persona.
        journeys: Vec<Link<'a>>,
    },
    Page {},
}

/// A touchpoint row of the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct TouchpointRow<'a> {
    pub title: &'a str,
    pub url: String,
    pub description: &'a str,
    pub channel: Label,
    pub stages: Vec<Label>,
    pub owner: Option<Owner>,
    pub kpis: &'a [String],
    pub ownership: &'static str,
    /// Sort keys: the channel's position in the config, and the first
    /// stage's (the number of stages when it has none).
    pub channel_rank: usize,
    pub stage_rank: usize,
}

/// An `ownership` value with its label, for the catalogue filter.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub id: &'static str,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChannelGroup<'a> {
    pub channel: Label,
    pub touchpoints: Vec<TouchpointRow<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GlossaryEntry<'a> {
    #[serde(flatten)]
    pub link: Link<'a>,
    pub abbreviation: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Letter<'a> {
    pub letter: String,
    pub id: String,
    pub terms: Vec<GlossaryEntry<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageCount {
    #[serde(flatten)]
    pub label: Label,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub terms: usize,
    pub touchpoints: usize,
    pub journeys: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixCell<'a> {
    pub stage: Label,
    pub touchpoints: Vec<Link<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow<'a> {
    pub channel: Label,
    pub cells: Vec<MatrixCell<'a>>,
    /// Touchpoints of the channel.
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Matrix<'a> {
    pub stages: Vec<Label>,
    pub rows: Vec<MatrixRow<'a>>,
    /// Touchpoints per stage, in `stages` order.
    pub stage_counts: Vec<StageCount>,
    /// All touchpoints of the language.
    pub touchpoints: usize,
    /// Cells of the matrix and how many of them are empty.
    pub cells: usize,
    pub gaps: usize,
    pub without_owner: Vec<Link<'a>>,
    pub without_kpis: Vec<Link<'a>>,
    pub without_stages: Vec<Link<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyEntry {
    pub name: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Taxonomy {
    pub kind: &'static str,
    pub title: String,
    pub entries: Vec<TaxonomyEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListingItem<'a> {
    #[serde(flatten)]
    pub link: Link<'a>,
    pub kind: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Listing<'a> {
    pub kind: &'static str,
    pub name: String,
    pub description: String,
    pub items: Vec<ListingItem<'a>>,
}
