//! Field-by-field validation of front matter, per kind.

use std::ops::Range;

use toml::Spanned;

use super::{FileParser, RESERVED_FILES, RawFrontMatter, SECTIONS};
use crate::config::Category;
use crate::model::{Kind, Meta, Ownership, Persona, Reference, Term, Touchpoint};
use crate::slug::slugify;

impl FileParser<'_> {
    /// The common fields, or `None` when the document cannot get a URL.
    pub(super) fn meta(&mut self, raw: &RawFrontMatter, body: Range<usize>) -> Option<Meta> {
        let title = match &raw.title {
            Some(t) if !t.get_ref().trim().is_empty() => t.get_ref().trim().to_string(),
            Some(t) => {
                self.error(t.span(), "`title` is empty", "write the name of the entry");
                String::new()
            }
            None => {
                self.offset_error(
                    0..3,
                    "`title` is missing",
                    "add a line `title = \"…\"` to the front matter",
                );
                String::new()
            }
        };
        let lang = self.lang(raw.lang.as_ref());
        let slug = self.slug(raw.slug.as_ref())?;
        let updated = raw.updated.as_ref().and_then(|u| self.date(u));
        let config = self.config;
        let prefix = if lang == config.default_language {
            String::new()
        } else {
            format!("{lang}/")
        };
        let section = self.file.kind.section();
        let path = if section.is_empty() {
            format!("{prefix}{slug}/")
        } else {
            format!("{prefix}{section}/{slug}/")
        };
        Some(Meta {
            kind: self.file.kind,
            source: self.index,
            title,
            description: raw.description.as_deref().unwrap_or("").trim().to_string(),
            tags: clean_list(raw.tags.as_deref().unwrap_or_default()),
            draft: raw.draft.unwrap_or(false),
            updated,
            lang,
            translation_key: raw
                .translation_key
                .clone()
                .unwrap_or_else(|| self.file.stem.clone()),
            slug,
            weight: raw.weight.unwrap_or(0),
            extra: raw.extra.clone(),
            body,
            path,
        })
    }

    /// An error at a span of the whole file (not relative to the front matter).
    fn offset_error(&mut self, span: Range<usize>, message: &str, hint: &str) {
        let saved = std::mem::take(&mut self.offset);
        self.error(span, message, hint);
        self.offset = saved;
    }

    fn lang(&mut self, raw: Option<&Spanned<String>>) -> String {
        let config = self.config;
        let known = config.languages.join(", ");
        if let Some(lang) = raw {
            if config.languages.contains(lang.get_ref()) {
                return lang.get_ref().clone();
            }
            self.error(
                lang.span(),
                format!("language `{}` is not configured", lang.get_ref()),
                format!("use one of: {known}, or add it to `languages` in touchbase.toml"),
            );
        } else if let Some(suffix) = &self.file.lang_suffix {
            // `load` takes only configured languages for a suffix.
            return suffix.clone();
        } else if let Some((_, suffix)) = self.file.stem.rsplit_once('.')
            && is_language_code(suffix)
        {
            // `crm.fr.md` without `fr` configured is the page `crm-fr` in
            // the default language (as `node.js.md` is `node-js`), which is
            // rarely what the author meant.
            let slug = slugify(&self.file.stem);
            let default = &config.default_language;
            let warning = self.source().diagnostic(
                crate::Severity::Warning,
                0..3,
                format!(
                    "the file name ends in `.{suffix}.md`, but `{suffix}` is not a configured language: read as the page `{slug}` in `{default}`"
                ),
            );
            self.diagnostics.push(warning.with_hint(format!(
                "to make it a translation, add `{suffix}` to `languages` in touchbase.toml (now: {known}); to keep it as it is, rename the file or set `lang = \"{default}\"`"
            )));
        }
        config.default_language.clone()
    }

    fn slug(&mut self, raw: Option<&Spanned<String>>) -> Option<String> {
        let (given, span) = match raw {
            Some(s) => (s.get_ref().as_str(), Some(s.span())),
            None => (self.file.stem.as_str(), None),
        };
        let slug = slugify(given);
        if slug.is_empty() {
            let message = format!("`{given}` gives an empty slug");
            let hint = "use a `slug` with letters or digits";
            match span {
                Some(span) => self.error(span, message, hint),
                None => self.offset_error(0..3, &message, hint),
            }
            return None;
        }
        if self.file.kind != Kind::Page {
            return Some(slug);
        }
        // Pages keep their folder: content/guides/setup.md → guides/setup.
        let mut parts: Vec<String> = self.file.rel.split('/').map(slugify).collect();
        parts.pop();
        parts.retain(|p| !p.is_empty());
        parts.push(slug);
        let first = parts[0].as_str();
        if SECTIONS.contains(&first)
            || RESERVED_FILES.contains(&first)
            || self.config.languages.iter().any(|l| l == first)
        {
            let message = format!(
                "the page URL /{}/ is reserved for the site's own pages",
                parts.join("/")
            );
            let hint = "move the file into another folder or set a different `slug`";
            match span {
                Some(span) => self.error(span, message, hint),
                None => self.offset_error(0..3, &message, hint),
            }
            return None;
        }
        Some(parts.join("/"))
    }

    /// `updated` as a TOML date (`2026-10-01`) or a string in that form.
    fn date(&mut self, raw: &Spanned<toml::Value>) -> Option<String> {
        let text = match raw.get_ref() {
            toml::Value::Datetime(dt) => match dt.date {
                Some(d) => return Some(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
                None => String::new(),
            },
            toml::Value::String(s) => s.clone(),
            _ => String::new(),
        };
        if valid_date(&text) {
            return Some(text);
        }
        self.error(
            raw.span(),
            "`updated` is not a date",
            "write it as `updated = 2026-10-01`",
        );
        None
    }

    pub(super) fn references(&self, raw: Option<&Vec<Spanned<String>>>) -> Vec<Reference> {
        raw.into_iter()
            .flatten()
            .filter(|r| !r.get_ref().trim().is_empty())
            .map(|r| Reference {
                name: r.get_ref().trim().to_string(),
                span: self.offset + r.span().start..self.offset + r.span().end,
            })
            .collect()
    }

    /// Checks an id against the configured stages or channels.
    pub(super) fn category(
        &mut self,
        id: &Spanned<String>,
        known: &[Category],
        what: &str,
    ) -> Option<String> {
        if known.iter().any(|c| c.id == *id.get_ref()) {
            return Some(id.get_ref().clone());
        }
        let ids: Vec<&str> = known.iter().map(|c| c.id.as_str()).collect();
        let hint = crate::suggest::did_you_mean(id.get_ref(), ids.iter().copied())
            .unwrap_or_else(|| format!("known {what}s: {}", ids.join(", ")));
        self.error(
            id.span(),
            format!("unknown {what} `{}`", id.get_ref()),
            hint,
        );
        None
    }

    pub(super) fn term(&mut self, meta: Meta, raw: RawFrontMatter) -> Term {
        Term {
            related: self.references(raw.related.as_ref()),
            aliases: clean_list(raw.aliases.as_deref().unwrap_or_default()),
            abbreviation: raw
                .abbreviation
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty()),
            meta,
        }
    }

    pub(super) fn persona(&mut self, meta: Meta, raw: RawFrontMatter) -> Persona {
        let text = |value: Option<String>| {
            value
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let image = raw.image.as_ref().and_then(|i| {
            let image = self.references(Some(&vec![i.clone()])).pop();
            if image.is_none() {
                self.error(
                    i.span(),
                    "`image` is empty",
                    "give the image file relative to this file, or remove the line",
                );
            }
            image
        });
        Persona {
            aliases: clean_list(raw.aliases.as_deref().unwrap_or_default()),
            role: text(raw.role),
            goals: clean_list(raw.goals.as_deref().unwrap_or_default()),
            needs: clean_list(raw.needs.as_deref().unwrap_or_default()),
            frustrations: clean_list(raw.frustrations.as_deref().unwrap_or_default()),
            quote: text(raw.quote),
            image,
            meta,
        }
    }

    pub(super) fn touchpoint(&mut self, meta: Meta, raw: RawFrontMatter) -> Touchpoint {
        let config = self.config;
        let channel = match &raw.channel {
            Some(c) => self
                .category(c, &config.channels, "channel")
                .unwrap_or_default(),
            None => {
                let ids: Vec<&str> = config.channels.iter().map(|c| c.id.as_str()).collect();
                self.offset_error(
                    0..3,
                    "a touchpoint needs a `channel`",
                    &format!("add `channel = \"…\"` with one of: {}", ids.join(", ")),
                );
                String::new()
            }
        };
        let mut stages: Vec<String> = Vec::new();
        for stage in raw.stages.iter().flatten() {
            if let Some(id) = self.category(stage, &config.stages, "stage") {
                if stages.contains(&id) {
                    self.error(
                        stage.span(),
                        format!("stage `{id}` is listed twice"),
                        "list each stage once",
                    );
                } else {
                    stages.push(id);
                }
            }
        }
        let ownership = raw.ownership.as_ref().and_then(|o| {
            let parsed = Ownership::parse(o.get_ref());
            if parsed.is_none() {
                let hint = crate::suggest::did_you_mean(o.get_ref(), Ownership::ALL)
                    .unwrap_or_else(|| format!("use one of: {}", Ownership::ALL.join(", ")));
                self.error(
                    o.span(),
                    format!("unknown ownership `{}`", o.get_ref()),
                    hint,
                );
            }
            parsed
        });
        Touchpoint {
            channel,
            stages,
            owner: raw
                .owner
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty()),
            kpis: clean_list(raw.kpis.as_deref().unwrap_or_default()),
            ownership,
            terms: self.references(raw.terms.as_ref()),
            meta,
        }
    }
}

/// Trimmed, non-empty, first occurrence only, in the order written.
pub(super) fn clean_list(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let item = item.trim();
        if !item.is_empty() && !out.iter().any(|o| o == item) {
            out.push(item.to_string());
        }
    }
    out
}

/// `YYYY-MM-DD` with a real month and day.
fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    is_calendar_day(y, m, d)
}

/// Whether month `m` of year `y` has a day `d` (leap years included).
pub(crate) fn is_calendar_day(y: u32, m: u32, d: u32) -> bool {
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (1..=12).contains(&m) && d >= 1 && d <= days[m as usize - 1]
}

/// Two-letter language codes (ISO 639-1): a file-name suffix that is one of
/// them but not a configured language is probably a mistake.
fn is_language_code(suffix: &str) -> bool {
    const CODES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";
    suffix.len() == 2 && CODES.split(' ').any(|c| c == suffix)
}

#[cfg(test)]
mod tests {
    use super::valid_date;

    #[test]
    fn dates() {
        assert!(valid_date("2026-10-01"));
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2026-02-29"));
        assert!(!valid_date("2026-13-01"));
        assert!(!valid_date("26-1-1"));
        assert!(!valid_date("gestern"));
    }
}
