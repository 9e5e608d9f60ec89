//! Context of the touchpoint catalogue (`/touchpoints/`): one row per
//! touchpoint with the values the filter and sort script reads, the filter
//! choices (each channel, stage and owner links to its listing page, so
//! the filters work without JavaScript), and the export files.

use tera::Context;

use super::super::context::*;
use super::{Renderer, Taxon};
use crate::link::DocId;
use crate::model::{Ownership, Touchpoint};

impl Renderer<'_> {
    pub(super) fn insert_catalogue(&self, ctx: &mut Context, lang: &str) {
        let config = &self.site.config;
        let rows: Vec<(String, TouchpointRow<'_>)> = self
            .touchpoint_docs(lang)
            .map(|(id, t)| (t.channel.clone(), self.touchpoint_row(id, t, lang)))
            .collect();
        let groups: Vec<ChannelGroup<'_>> = config
            .channels
            .iter()
            .map(|channel| ChannelGroup {
                channel: self.label(channel, lang, Taxon::Channels),
                touchpoints: rows
                    .iter()
                    .filter(|(c, _)| *c == channel.id)
                    .map(|(_, row)| row.clone())
                    .collect(),
            })
            .collect();
        ctx.insert("groups", &groups);
        let touchpoints: Vec<&TouchpointRow<'_>> = rows.iter().map(|(_, row)| row).collect();
        ctx.insert("touchpoints", &touchpoints);
        let labels = |list: &[crate::config::Category], taxon| -> Vec<Label> {
            list.iter().map(|c| self.label(c, lang, taxon)).collect()
        };
        ctx.insert("channels", &labels(&config.channels, Taxon::Channels));
        ctx.insert("stages", &labels(&config.stages, Taxon::Stages));
        let owners: Vec<Owner> = self
            .lists_of(lang)
            .owners
            .by_slug
            .values()
            .filter_map(|(name, _)| self.owner(Some(name), lang))
            .collect();
        ctx.insert("owners", &owners);
        let ownerships: Vec<Choice> = Ownership::ALL
            .iter()
            .map(|&id| Choice {
                id,
                label: self.t(lang, &format!("ownership_{id}")),
            })
            .collect();
        ctx.insert("ownerships", &ownerships);
        let exports: Vec<Link<'_>> = crate::export::FILES
            .iter()
            .map(|file| Link {
                title: file,
                url: self.url(file),
                description: "",
            })
            .collect();
        ctx.insert("exports", &exports);
    }

    fn touchpoint_row<'t>(&self, id: DocId, t: &'t Touchpoint, lang: &str) -> TouchpointRow<'t> {
        let config = &self.site.config;
        let rank = |list: &[crate::config::Category], key: Option<&String>| {
            key.and_then(|k| list.iter().position(|c| c.id == *k))
                .unwrap_or(list.len())
        };
        TouchpointRow {
            title: &t.meta.title,
            url: self.url(&self.site.docs[id].meta().path),
            description: &t.meta.description,
            channel: self.channel_label(&t.channel, lang),
            stages: self.stage_labels(&t.stages, lang),
            owner: self.owner(t.owner.as_ref(), lang),
            kpis: &t.kpis,
            ownership: t.ownership.map_or("", |o| o.as_str()),
            channel_rank: rank(&config.channels, Some(&t.channel)),
            stage_rank: t
                .stages
                .iter()
                .map(|s| rank(&config.stages, Some(s)))
                .min()
                .unwrap_or(config.stages.len()),
        }
    }
}
