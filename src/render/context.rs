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

/// The variables every template gets that are the same on every page of
/// a language (flattened into the context), `nav` aside, in which only
/// the current section differs. They are made into template values once
/// per language and lent to one page at a time.
#[derive(Debug, Clone, Serialize)]
pub struct Shared<'a> {
    pub site: &'a SiteInfo,
    pub brand: &'a BrandView,
    pub lang: &'a str,
    pub home_url: &'a str,
    pub assets: &'a str,
    /// The page marks its section `active` when it borrows the values.
    pub nav: &'a [NavItem],
    /// The UI strings.
    pub t: &'a std::collections::BTreeMap<String, String>,
}

impl Shared<'_> {
    /// The names of the variables, as in the context.
    pub const NAMES: [&'static str; 7] =
        ["site", "brand", "lang", "home_url", "assets", "nav", "t"];
}

/// The variables every template gets that differ from page to page
/// (flattened into the context, beside [`Shared`]).
#[derive(Debug, Clone, Serialize)]
pub struct Common {
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
        /// The steps of journeys at this touchpoint that name pain
        /// points or opportunities.
        findings: Vec<Finding<'a>>,
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
    /// Pain points journeys report at these touchpoints in this stage.
    pub pain_points: usize,
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
    /// Pain points journeys report at the language's touchpoints.
    pub pain_points: usize,
    /// The touchpoints with the most pain points (at most
    /// `MOST_PAIN_POINTS`, none without), most first.
    pub most_pain_points: Vec<PainCount<'a>>,
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

/// `opportunities` in `opportunities.html`.
#[derive(Debug, Serialize)]
pub struct Backlog<'a> {
    /// Stages with opportunities, in config order.
    pub stages: Vec<StageOpportunities<'a>>,
    /// Opportunities on this page.
    pub count: usize,
    /// The filter choices (all of the language, also on a cut page).
    pub owners: Vec<FilterChoice>,
    pub priorities: Vec<FilterChoice>,
    pub journeys: Vec<FilterChoice>,
    /// On a page cut to one owner or priority: which one; else `None`.
    pub cut: Option<Cut>,
    /// The whole backlog of this language.
    pub url: String,
    /// `journeys.json` and `opportunities.csv`.
    pub exports: Vec<Link<'a>>,
}

/// A filter choice: its value in the address (`?owner=<id>`), its name,
/// where it leads without JavaScript, and how many opportunities it has.
#[derive(Debug, Clone, Serialize)]
pub struct FilterChoice {
    pub id: String,
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// The owner or priority a cut page shows.
#[derive(Debug, Serialize)]
pub struct Cut {
    /// `owner` or `priority`.
    pub kind: &'static str,
    pub id: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct StageOpportunities<'a> {
    pub stage: Label,
    pub opportunities: Vec<&'a OpportunityRow<'a>>,
}

#[derive(Debug, Serialize)]
pub struct OpportunityRow<'a> {
    pub title: &'a str,
    /// The owner's name and id (slug), or `None`.
    pub owner: Option<FilterChoice>,
    /// `high`, `medium`, `low`, or empty.
    pub priority: &'static str,
    /// Sort key: 0 for high … 3 for none.
    pub priority_rank: usize,
    pub journey: Link<'a>,
    /// The journey's slug (the filter value).
    pub journey_id: &'a str,
    /// `current` or `future`.
    pub state: &'static str,
    /// The step it belongs to, linking to the step on the journey page.
    pub step: StepLink<'a>,
    /// The pain points of that step.
    pub pain_points: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct StepLink<'a> {
    pub number: usize,
    pub url: String,
    pub touchpoint: Option<Link<'a>>,
    pub emotion: i8,
}

/// A touchpoint and how many pain points journeys report at it.
#[derive(Debug, Clone, Serialize)]
pub struct PainCount<'a> {
    #[serde(flatten)]
    pub link: Link<'a>,
    pub count: usize,
}

/// What one journey step reports at a touchpoint.
#[derive(Debug, Clone, Serialize)]
pub struct Finding<'a> {
    pub journey: Link<'a>,
    /// `current` or `future`.
    pub state: &'static str,
    pub stage: Option<Label>,
    /// The step's number and its place on the journey map.
    pub number: usize,
    pub url: String,
    pub emotion: i8,
    pub pain_points: Vec<&'a str>,
    pub opportunities: Vec<FindingOpportunity<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingOpportunity<'a> {
    pub title: &'a str,
    pub owner: Option<&'a str>,
    /// `high`, `medium`, `low`, or empty.
    pub priority: &'static str,
}
