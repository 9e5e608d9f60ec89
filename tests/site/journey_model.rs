//! The journey model as the `link` stage leaves it, on the `journey-map`
//! fixture: personas resolved by title, alias or slug (own language first,
//! then the default one) or left as text, `improves` and its reverse, each
//! step's touchpoint and effective channel, every lane, and opportunities
//! normalised from strings and tables. Expected values are read from the
//! fixture's front matter where they can be.

use std::collections::HashSet;
use std::path::Path;

use touchbase::link::{LinkedSite, link};
use touchbase::model::{JourneyState, Kind, Priority};

use crate::helper::FIXTURES;

pub(crate) fn linked(case: &str) -> LinkedSite {
    let root = Path::new(FIXTURES).join(case);
    let config = touchbase::build::read_config(&root)
        .expect("the config is readable")
        .expect("the config is valid");
    let loaded = touchbase::load::load(&root, &config.languages).expect("content/ is readable");
    let parsed = touchbase::parse::parse(config, loaded, false);
    link(parsed, std::iter::empty(), &HashSet::new(), true)
}

/// The document published at `path` (`journeys/erstkauf/`).
fn doc(site: &LinkedSite, path: &str) -> usize {
    site.docs
        .iter()
        .position(|d| d.meta().path == path)
        .unwrap_or_else(|| panic!("no page at {path}"))
}

#[test]
fn the_fixture_builds_with_one_warning() {
    let site = linked("journey-map");
    let errors: Vec<_> = site.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let built = crate::helper::build_fixture("journey-map", &[]);
    assert_eq!(built.status, 0, "{}", built.stderr);
    let warnings = crate::helper::without_gap_warnings(&built.stderr);
    assert_eq!(
        warnings.matches("warning: ").count(),
        1,
        "only the persona left as text: {warnings}"
    );
    assert!(warnings.contains("content/journeys/reklamation.md:4:11"));
}

#[test]
fn personas_resolve_by_alias_slug_and_title_in_their_language() {
    let site = linked("journey-map");
    let neukundin = doc(&site, "personas/neukundin/");
    let new_customer = doc(&site, "en/personas/neukundin/");
    let stammkunde = doc(&site, "personas/stammkunde/");
    let persona = |path: &str| site.journeys[doc(&site, path)].persona;
    // By alias ("Erstkundin"), by slug ("neukundin"), by title in English.
    assert_eq!(persona("journeys/erstkauf/"), Some(neukundin));
    assert_eq!(persona("journeys/erstkauf-morgen/"), Some(neukundin));
    assert_eq!(persona("en/journeys/first-purchase/"), Some(new_customer));
    // No English "Stammkunde": the German one.
    assert_eq!(persona("en/journeys/complaint/"), Some(stammkunde));
    // A name matching no persona stays text, with a warning at its place.
    let reklamation = doc(&site, "journeys/reklamation/");
    assert_eq!(site.journeys[reklamation].persona, None);
    let (journey, _) = site.journey(reklamation).unwrap();
    assert_eq!(journey.persona_text(), "Verärgerter Kunde");
    let warnings: Vec<_> = site
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("persona `"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = warnings[0];
    assert_eq!(w.path, Path::new("content/journeys/reklamation.md"));
    assert_eq!((w.line, w.column), (4, 11));
    assert!(!w.is_error());
}

#[test]
fn persona_fields_and_image() {
    let site = linked("journey-map");
    let id = doc(&site, "personas/neukundin/");
    let (persona, links) = site.persona(id).unwrap();
    assert_eq!(persona.meta.kind, Kind::Persona);
    assert_eq!(persona.aliases, ["Erstkundin"]);
    assert_eq!(persona.role.as_deref(), Some("Privatkundin"));
    assert_eq!(
        persona.goals,
        ["Passende Größe beim ersten Versuch", "Schnelle Lieferung"]
    );
    assert_eq!(persona.needs, ["Verlässliche Größenangaben"]);
    assert_eq!(persona.frustrations, ["Rücksendungen"]);
    assert_eq!(
        persona.quote.as_deref(),
        Some("Ich bestelle nur, wenn ich weiß, dass es passt.")
    );
    // Relative to content/personas/: content/images/neukundin.gif.
    assert_eq!(links.image.as_deref(), Some("images/neukundin.gif"));
    // Journeys naming it list it among their backlinks' targets.
    let erstkauf = doc(&site, "journeys/erstkauf/");
    assert!(site.backlinks[id].contains(&erstkauf));
}

#[test]
fn future_state_improves_a_current_journey() {
    let site = linked("journey-map");
    let current = doc(&site, "journeys/erstkauf/");
    let future = doc(&site, "journeys/erstkauf-morgen/");
    let (c, _) = site.journey(current).unwrap();
    let (f, links) = site.journey(future).unwrap();
    assert_eq!(c.state, JourneyState::Current);
    assert_eq!(f.state, JourneyState::Future);
    assert_eq!(links.improves, Some(current));
    assert_eq!(site.journeys[current].improved_by, [future]);
    assert_eq!(site.journeys[current].improves, None);
}

#[test]
fn steps_know_touchpoint_channel_and_lanes() {
    let site = linked("journey-map");
    let id = doc(&site, "journeys/erstkauf/");
    let steps = site.journey_steps(id);
    let touchpoint = |n: usize| site.docs[steps[n].touchpoint].meta().slug.as_str();
    assert_eq!(steps.len(), 4);
    assert_eq!(
        steps.iter().map(|s| s.number).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert_eq!(steps[2].anchor(), "step-3");
    assert_eq!(
        (0..4).map(touchpoint).collect::<Vec<_>>(),
        ["website", "hotline", "filiale", "hotline"]
    );
    // The touchpoint's channel, unless the step names its own.
    assert_eq!(
        steps.iter().map(|s| s.channel).collect::<Vec<_>>(),
        ["online", "online", "offline", "service"]
    );
    assert_eq!(steps[1].step.channel.as_deref(), Some("online"));
    assert_eq!(steps[0].step.channel, None);

    let first = steps[0].step;
    assert_eq!(first.action, "Scrollt durch den Shop");
    assert_eq!(first.thinking, "Sieht gut aus – aber passt das?");
    let texts =
        |items: &[touchbase::model::Item]| items.iter().map(|i| i.text.clone()).collect::<Vec<_>>();
    assert_eq!(
        texts(&first.pain_points),
        ["Keine Größentabelle", "Ladezeit"]
    );
    assert_eq!(
        texts(&first.backstage),
        ["Kampagne mit Lookalike-Zielgruppe"]
    );

    // Strings and tables become one shape; positions point into the file.
    let source = &site.sources[site.docs[id].meta().source];
    let opportunities: Vec<_> = steps
        .iter()
        .flat_map(|s| &s.step.opportunities)
        .map(|o| {
            (
                o.title.as_str(),
                o.owner.as_deref(),
                o.priority,
                source.line_col(o.span.start).0,
            )
        })
        .collect();
    assert_eq!(
        opportunities,
        [
            ("Größentabelle verlinken", None, None, 15),
            (
                "Rückruf-Termin buchbar machen",
                Some("Kundenservice"),
                Some(Priority::High),
                27
            ),
            ("Wartezeit anzeigen", None, Some(Priority::Low), 32),
            (
                "Reservieren online",
                Some("Vertrieb"),
                Some(Priority::Medium),
                41
            ),
            ("Click & Collect", None, None, 41),
        ]
    );
    let line = |span: &std::ops::Range<usize>| source.line_col(span.start);
    assert_eq!(line(&first.pain_points[1].span), (13, 39));
    assert_eq!(line(&first.emotion_span), (9, 11));
    assert_eq!(line(&steps[3].step.stage_span), (44, 9));
}

#[test]
fn old_format_journeys_get_empty_lanes() {
    let site = linked("journey");
    let id = doc(&site, "journeys/kauf/");
    let (journey, links) = site.journey(id).unwrap();
    assert_eq!(journey.state, JourneyState::Current);
    assert_eq!(journey.improves, None);
    // No personas in the site: the text stays, without a warning.
    assert_eq!(journey.persona_text(), "Neukundin");
    assert_eq!(links.persona, None);
    assert!(
        !site
            .diagnostics
            .iter()
            .any(|d| d.message.starts_with("persona `"))
    );
    for step in &journey.steps {
        assert!(step.action.is_empty() && step.thinking.is_empty());
        assert!(step.channel.is_none());
        assert!(step.pain_points.is_empty() && step.backstage.is_empty());
        assert!(step.opportunities.is_empty());
    }
    assert_eq!(links.steps.len(), journey.steps.len());
}
