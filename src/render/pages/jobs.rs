//! Which pages the site has (`Job`s, in a fixed order), and where each
//! one lives: its path, file, URL, language versions and sitemap entry.

use super::super::sitemap::SitemapEntry;
use super::{Facet, Job, Renderer, Taxon, lang_prefix};
use crate::render::context::Alternate;

impl Renderer<'_> {
    /// Every page of the site, in a fixed order: the listing pages (few,
    /// but some large) first, so no large page is left for the end of a
    /// parallel run.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs: Vec<Job> = Vec::with_capacity(self.site.docs.len() + 64);
        for (lang, lists) in &self.lists.by_lang {
            let l = || lang.clone();
            jobs.extend([
                Job::Home(l()),
                Job::Glossary(l()),
                Job::Touchpoints(l()),
                Job::Matrix(l()),
                Job::Journeys(l()),
                Job::Search(l()),
            ]);
            if self.has_personas {
                jobs.push(Job::Personas(l()));
            }
            if self.has_journeys {
                jobs.push(Job::Opportunities(l(), None));
                jobs.extend(
                    self.backlog_cuts(lang)
                        .into_iter()
                        .map(|cut| Job::Opportunities(l(), Some(cut))),
                );
            }
            for taxon in Taxon::ALL {
                jobs.push(Job::Taxonomy(l(), taxon));
            }
            let config = &self.site.config;
            let groups = [
                (
                    Taxon::Tags,
                    lists.tags.by_slug.keys().cloned().collect::<Vec<_>>(),
                ),
                (
                    Taxon::Owners,
                    lists.owners.by_slug.keys().cloned().collect(),
                ),
                (
                    Taxon::Channels,
                    config.channels.iter().map(|c| c.id.clone()).collect(),
                ),
                (
                    Taxon::Stages,
                    config.stages.iter().map(|c| c.id.clone()).collect(),
                ),
            ];
            for (taxon, keys) in groups {
                jobs.extend(keys.into_iter().map(|k| Job::Listing(l(), taxon, k)));
            }
        }
        jobs.push(Job::NotFound);
        jobs.extend((0..self.site.docs.len()).map(Job::Doc));
        jobs
    }

    /// Site-relative path (`en/glossary/`) of a job's page.
    pub fn path(&self, job: &Job) -> String {
        let config = &self.site.config;
        let prefix = |lang: &str| lang_prefix(config, lang);
        match job {
            Job::Doc(id) => self.site.docs[*id].meta().path.clone(),
            Job::Home(l) => prefix(l),
            Job::Glossary(l) => format!("{}glossary/", prefix(l)),
            Job::Touchpoints(l) => format!("{}touchpoints/", prefix(l)),
            Job::Matrix(l) => format!("{}journey/", prefix(l)),
            Job::Journeys(l) => format!("{}journeys/", prefix(l)),
            Job::Personas(l) => format!("{}personas/", prefix(l)),
            Job::Taxonomy(l, t) => format!("{}{}/", prefix(l), t.key()),
            Job::Listing(l, t, key) => format!("{}{}/{key}/", prefix(l), t.key()),
            Job::Search(l) => format!("{}search/", prefix(l)),
            Job::Opportunities(l, None) => format!("{}opportunities/", prefix(l)),
            Job::Opportunities(l, Some((facet, id))) => {
                format!("{}opportunities/{}/{id}/", prefix(l), facet.key())
            }
            Job::NotFound => "404.html".to_string(),
        }
    }

    /// The output file of a job's page (`en/glossary/index.html`).
    pub fn file_path(&self, job: &Job) -> String {
        let mut path = self.path(job);
        if path.is_empty() || path.ends_with('/') {
            path.push_str("index.html");
        }
        path
    }

    pub(super) fn job_lang<'j>(&'j self, job: &'j Job) -> &'j str {
        match job {
            Job::Doc(id) => &self.site.docs[*id].meta().lang,
            Job::Home(l)
            | Job::Glossary(l)
            | Job::Touchpoints(l)
            | Job::Matrix(l)
            | Job::Journeys(l)
            | Job::Personas(l) => l,
            Job::Taxonomy(l, _) | Job::Listing(l, _, _) | Job::Search(l) => l,
            Job::Opportunities(l, _) => l,
            Job::NotFound => &self.site.config.default_language,
        }
    }

    /// The same job in another language, when that page exists there.
    pub(super) fn in_language(&self, job: &Job, lang: &str) -> Option<Job> {
        let l = lang.to_string();
        Some(match job {
            Job::Doc(id) => {
                if self.site.docs[*id].meta().lang == lang {
                    return Some(job.clone());
                }
                let other = self.site.translations[*id]
                    .iter()
                    .find(|&&o| self.site.docs[o].meta().lang == lang)?;
                Job::Doc(*other)
            }
            Job::Home(_) => Job::Home(l),
            Job::Glossary(_) => Job::Glossary(l),
            Job::Touchpoints(_) => Job::Touchpoints(l),
            Job::Matrix(_) => Job::Matrix(l),
            Job::Journeys(_) => Job::Journeys(l),
            Job::Personas(_) => Job::Personas(l),
            Job::Taxonomy(_, t) => Job::Taxonomy(l, *t),
            Job::Search(_) => Job::Search(l),
            Job::Opportunities(_, None) => Job::Opportunities(l, None),
            Job::Opportunities(_, Some((Facet::Priorities, id))) => {
                Job::Opportunities(l, Some((Facet::Priorities, id.clone())))
            }
            Job::Opportunities(_, Some((Facet::Owners, _))) => return None,
            Job::Listing(_, t @ (Taxon::Channels | Taxon::Stages), key) => {
                Job::Listing(l, *t, key.clone())
            }
            Job::Listing(..) | Job::NotFound => return None,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_url.path)
    }

    pub(super) fn full_url(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_url.full)
    }

    /// The alternates (`hreflang`) of a page: itself and each translation.
    pub(super) fn alternates(&self, job: &Job) -> Vec<Alternate> {
        let found: Vec<Alternate> = self
            .site
            .config
            .languages
            .iter()
            .filter_map(|lang| {
                let other = self.in_language(job, lang)?;
                Some(Alternate {
                    lang: lang.clone(),
                    url: self.full_url(&self.path(&other)),
                })
            })
            .collect();
        if found.len() > 1 { found } else { Vec::new() }
    }

    pub fn sitemap_entries(&self, jobs: &[Job]) -> Vec<SitemapEntry> {
        jobs.iter()
            .filter(|job| !matches!(job, Job::NotFound | Job::Search(_)))
            .map(|job| SitemapEntry {
                loc: self.full_url(&self.path(job)),
                lastmod: match job {
                    Job::Doc(id) => self.site.docs[*id].meta().updated.clone(),
                    _ => None,
                },
                alternates: self.alternates(job),
            })
            .collect()
    }
}
