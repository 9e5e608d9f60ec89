//! Writes a synthetic touchbase site for benchmarks and stress tests: a
//! `touchbase.toml`, German glossary terms (about one in ten with an English
//! translation), touchpoints and customer journeys, all cross-linked with wiki
//! links that resolve.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --terms 10000 --touchpoints 2000 \
//!     [--journeys 50] [--lanes] [--seed 42] [--force] DIR
//! ```
//!
//! With `--lanes` the journeys carry every lane of a journey map (action,
//! thinking, a channel of their own, pain points, backstage, opportunities
//! with owner and priority), every fifth one is a future state improving
//! the one before, and each persona gets a page (some an English
//! translation). Without it the corpus is the one of earlier versions,
//! byte for byte, so older builds of touchbase can read it.
//!
//! Standard library only. The same arguments always give byte-identical files:
//! all randomness comes from one seeded SplitMix64 stream and no hash-map
//! iteration order reaches the output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str =
    "usage: gen_corpus --terms N --touchpoints N [--journeys N] [--lanes] [--seed N] [--force] DIR";

fn main() -> ExitCode {
    let opts = match parse_args(std::env::args().skip(1)) {
        Ok(Some(opts)) => opts,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::from(2)
        }
    }
}

/// Command-line options.
struct Options {
    terms: usize,
    touchpoints: usize,
    journeys: usize,
    /// Journey maps with every lane, future states and persona pages.
    lanes: bool,
    seed: u64,
    force: bool,
    dir: PathBuf,
}

/// Parses the arguments; `Ok(None)` means help was asked for.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut opts = Options {
        terms: 0,
        touchpoints: 0,
        journeys: 50,
        lanes: false,
        seed: 42,
        force: false,
        dir: PathBuf::new(),
    };
    let mut dir = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            let v = args.next().ok_or(format!("{name} needs a value"))?;
            v.parse::<u64>()
                .map_err(|_| format!("{name}: {v:?} is not a whole number"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--terms" => opts.terms = value("--terms")? as usize,
            "--touchpoints" => opts.touchpoints = value("--touchpoints")? as usize,
            "--journeys" => opts.journeys = value("--journeys")? as usize,
            "--seed" => opts.seed = value("--seed")?,
            "--force" => opts.force = true,
            "--lanes" => opts.lanes = true,
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ if dir.is_some() => return Err(format!("unexpected argument {arg:?}")),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    opts.dir = dir.ok_or("missing DIR")?;
    check_counts(&opts)?;
    Ok(Some(opts))
}

/// Rejects combinations whose references could not resolve.
fn check_counts(opts: &Options) -> Result<(), String> {
    if opts.touchpoints > 0 && opts.terms == 0 {
        return Err("touchpoints refer to terms: --terms must be at least 1".into());
    }
    if opts.journeys > 0 && opts.touchpoints == 0 {
        return Err(
            "journeys refer to touchpoints: use --journeys 0 or --touchpoints 1 or more".into(),
        );
    }
    Ok(())
}

/// Prepares the folder, generates everything and prints the summary line.
fn run(opts: &Options) -> Result<(), String> {
    let started = Instant::now();
    prepare_dir(&opts.dir, opts.force)?;
    let mut rng = rng::Rng::new(opts.seed);
    let site = names::Site::new(&mut rng, opts.terms, opts.touchpoints, opts.journeys);
    let mut out = Writer::new(&opts.dir, opts.lanes)?;
    pages::write_all(&mut rng, &site, &mut out, opts.lanes)?;
    println!(
        "gen_corpus: wrote {} files, {} bytes to {} in {:.2} s",
        out.files,
        out.bytes,
        opts.dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Refuses a non-empty folder unless forced; forced, it removes what an
/// earlier run wrote (`content/` and `touchbase.toml`) so no stale page stays.
fn prepare_dir(dir: &Path, force: bool) -> Result<(), String> {
    let in_dir = |e: std::io::Error| format!("{}: {e}", dir.display());
    if !dir.exists() {
        return fs::create_dir_all(dir).map_err(in_dir);
    }
    let empty = fs::read_dir(dir).map_err(in_dir)?.next().is_none();
    if empty {
        return Ok(());
    }
    if !force {
        return Err(format!(
            "{} is not empty; pass --force to replace its content/ and touchbase.toml",
            dir.display()
        ));
    }
    let content = dir.join("content");
    if content.exists() {
        fs::remove_dir_all(&content).map_err(|e| format!("{}: {e}", content.display()))?;
    }
    Ok(())
}

/// Writes files below the site folder and counts them.
struct Writer {
    root: PathBuf,
    files: usize,
    bytes: u64,
}

impl Writer {
    fn new(root: &Path, lanes: bool) -> Result<Self, String> {
        let personas = lanes.then_some("personas");
        for section in ["glossary", "touchpoints", "journeys"]
            .into_iter()
            .chain(personas)
        {
            let dir = root.join("content").join(section);
            fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        Ok(Writer {
            root: root.to_path_buf(),
            files: 0,
            bytes: 0,
        })
    }

    /// Writes `text` to `rel`, a path relative to the site folder.
    fn write(&mut self, rel: &str, text: &str) -> Result<(), String> {
        let path = self.root.join(rel);
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        self.files += 1;
        self.bytes += text.len() as u64;
        Ok(())
    }
}

mod rng {
    //! A tiny seeded PRNG (SplitMix64), so the corpus depends on nothing but
    //! the arguments: not on the platform, the std version or hash seeds.

    /// SplitMix64 state.
    pub(crate) struct Rng(u64);

    impl Rng {
        pub(crate) fn new(seed: u64) -> Self {
            Rng(seed)
        }

        pub(crate) fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// A number in `0..n`; `n` must not be zero.
        pub(crate) fn below(&mut self, n: usize) -> usize {
            (self.next_u64() % n as u64) as usize
        }

        /// A number in `lo..=hi`.
        pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
            lo + self.below(hi - lo + 1)
        }

        /// True with the given probability in percent.
        pub(crate) fn chance(&mut self, percent: u64) -> bool {
            self.next_u64() % 100 < percent
        }

        /// A random element of a non-empty slice.
        pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[self.below(items.len())]
        }

        /// Up to `k` distinct numbers from `0..n` other than `skip`, in the
        /// order drawn.
        pub(crate) fn distinct(&mut self, n: usize, k: usize, skip: Option<usize>) -> Vec<usize> {
            let available = n - usize::from(skip.is_some_and(|s| s < n));
            let k = k.min(available);
            let mut out = Vec::with_capacity(k);
            while out.len() < k {
                let x = self.below(n);
                if Some(x) != skip && !out.contains(&x) {
                    out.push(x);
                }
            }
            out
        }
    }
}

mod text {
    //! String helpers shared by the generators: slugs, capitals and TOML
    //! front matter with correctly escaped strings.

    use std::fmt::Write as _;

    /// The slug form touchbase uses: lowercase, umlauts transliterated, runs
    /// of anything but ASCII letters and digits turned into one `-`.
    pub(crate) fn slugify(s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 4);
        for c in s.chars().flat_map(char::to_lowercase) {
            match c {
                'ä' => out.push_str("ae"),
                'ö' => out.push_str("oe"),
                'ü' => out.push_str("ue"),
                'ß' => out.push_str("ss"),
                'é' | 'è' | 'ê' => out.push('e'),
                c if c.is_ascii_alphanumeric() => out.push(c),
                _ if !out.is_empty() && !out.ends_with('-') => out.push('-'),
                _ => {}
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        out
    }

    /// `s` with its first character in upper case.
    pub(crate) fn capitalize(s: &str) -> String {
        let mut chars = s.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    /// A TOML basic string, quoted and escaped.
    pub(crate) fn toml_str(s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() => {
                    let _ = write!(out, "\\u{:04X}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// Builds a `+++` TOML front matter block line by line.
    pub(crate) struct FrontMatter(String);

    impl FrontMatter {
        pub(crate) fn new() -> Self {
            FrontMatter(String::from("+++\n"))
        }

        pub(crate) fn str(&mut self, key: &str, value: &str) -> &mut Self {
            let _ = writeln!(self.0, "{key} = {}", toml_str(value));
            self
        }

        /// A string array; left out when empty.
        pub(crate) fn list<S: AsRef<str>>(&mut self, key: &str, values: &[S]) -> &mut Self {
            if values.is_empty() {
                return self;
            }
            let items: Vec<String> = values.iter().map(|v| toml_str(v.as_ref())).collect();
            let _ = writeln!(self.0, "{key} = [{}]", items.join(", "));
            self
        }

        /// A value written as is (numbers, dates).
        pub(crate) fn raw(&mut self, key: &str, value: &str) -> &mut Self {
            let _ = writeln!(self.0, "{key} = {value}");
            self
        }

        /// A line written as is (table headers, blank lines).
        pub(crate) fn line(&mut self, line: &str) -> &mut Self {
            self.0.push_str(line);
            self.0.push('\n');
            self
        }

        /// The closed block followed by `body`.
        pub(crate) fn finish(&mut self, body: &str) -> String {
            let mut out = std::mem::take(&mut self.0);
            out.reserve(body.len() + 6);
            out.push_str("+++\n\n");
            out.push_str(body);
            out
        }
    }
}

mod words {
    //! The vocabulary: word parts for titles, pools for front matter values.
    //! Sentence material for bodies lives in `prose`.

    /// Journey stages in order: id, German label, English label.
    pub(crate) const STAGES: &[(&str, &str, &str)] = &[
        ("awareness", "Bewusstsein", "Awareness"),
        ("consideration", "Abwägung", "Consideration"),
        ("purchase", "Kauf", "Purchase"),
        ("onboarding", "Einführung", "Onboarding"),
        ("usage", "Nutzung", "Usage"),
        ("loyalty", "Kundenbindung", "Loyalty"),
        ("advocacy", "Weiterempfehlung", "Advocacy"),
    ];

    /// Channels: id, German label, English label.
    pub(crate) const CHANNELS: &[(&str, &str, &str)] = &[
        ("online", "Online-Präsenz", "Online presence"),
        ("offline", "Offline-Kanäle", "Offline channels"),
        (
            "service",
            "Interaktion mit dem Kundenservice",
            "Customer service",
        ),
        ("after-purchase", "Nach dem Kauf", "After the purchase"),
    ];

    /// First parts of compounds in their linking form, with English.
    pub(crate) const FIRSTS: &[(&str, &str)] = &[
        ("Kunden", "customer"),
        ("Außendienst", "field service"),
        ("Rückläufer", "return"),
        ("Marken", "brand"),
        ("Vertriebs", "sales"),
        ("Service", "service"),
        ("Liefer", "delivery"),
        ("Bestell", "order"),
        ("Zahlungs", "payment"),
        ("Produkt", "product"),
        ("Filial", "branch"),
        ("Händler", "dealer"),
        ("Partner", "partner"),
        ("Beschwerde", "complaint"),
        ("Empfehlungs", "referral"),
        ("Treue", "loyalty"),
        ("Bonus", "bonus"),
        ("Preis", "price"),
        ("Angebots", "offer"),
        ("Vertrags", "contract"),
        ("Kündigungs", "cancellation"),
        ("Rechnungs", "invoice"),
        ("Versand", "shipping"),
        ("Lager", "warehouse"),
        ("Reklamations", "claim"),
        ("Garantie", "warranty"),
        ("Mitglieder", "member"),
        ("Nutzer", "user"),
        ("Interessenten", "prospect"),
        ("Neukunden", "new customer"),
        ("Bestandskunden", "existing customer"),
        ("Großkunden", "key account"),
        ("Geschäftskunden", "business customer"),
        ("Endkunden", "end customer"),
        ("Messe", "trade fair"),
        ("Schaufenster", "shop window"),
        ("Außenwerbungs", "outdoor advertising"),
        ("Prämien", "reward"),
        ("Gutschein", "voucher"),
        ("Rückgabe", "returns"),
        ("Umtausch", "exchange"),
        ("Störungs", "incident"),
        ("Wartungs", "maintenance"),
        ("Schulungs", "training"),
        ("Übergabe", "handover"),
        ("Qualitäts", "quality"),
        ("Zufriedenheits", "satisfaction"),
        ("Abwanderungs", "churn"),
        ("Beratungs", "advice"),
        ("Kontakt", "contact"),
        ("Stammkunden", "regular customer"),
        ("Rückruf", "callback"),
        ("Größen", "size"),
        ("Straßen", "street"),
        ("Öffnungs", "opening"),
        ("Kassen", "checkout"),
        ("Fußgänger", "pedestrian"),
        ("Mehrweg", "reusable"),
        ("Rabatt", "discount"),
        ("E-Mail-", "email"),
        ("Social-Media-", "social media"),
        ("After-Sales-", "after-sales"),
        ("Omnichannel-", "omnichannel"),
        ("Self-Service-", "self-service"),
        ("Click-&-Collect-", "click-and-collect"),
    ];

    /// Middle parts of compounds in their linking form, with English.
    pub(crate) const MIDDLES: &[(&str, &str)] = &[
        ("bindungs", "retention"),
        ("betreuungs", "care"),
        ("gewinnungs", "acquisition"),
        ("zufriedenheits", "satisfaction"),
        ("kommunikations", "communication"),
        ("erlebnis", "experience"),
        ("dialog", "dialogue"),
        ("beratungs", "advice"),
        ("kontakt", "contact"),
        ("anfrage", "inquiry"),
        ("bewertungs", "rating"),
        ("feedback", "feedback"),
        ("rückgabe", "returns"),
        ("portal", "portal"),
        ("daten", "data"),
        ("profil", "profile"),
        ("konto", "account"),
        ("segment", "segment"),
        ("kampagnen", "campaign"),
        ("übergabe", "handover"),
        ("prozess", "process"),
        ("service", "service"),
        ("abschluss", "closing"),
        ("wechsel", "switching"),
        ("beschwerde", "complaint"),
        ("empfehlungs", "referral"),
        ("aktivierungs", "activation"),
        ("reaktivierungs", "reactivation"),
        ("einführungs", "onboarding"),
        ("schulungs", "training"),
        ("termin", "appointment"),
        ("besuchs", "visit"),
        ("gesprächs", "conversation"),
        ("informations", "information"),
        ("qualitäts", "quality"),
        ("loyalitäts", "loyalty"),
        ("vertrauens", "trust"),
        ("präferenz", "preference"),
        ("nachfass", "follow-up"),
        ("größen", "size"),
        ("zahlungs", "payment"),
        ("liefer", "delivery"),
        ("bestell", "order"),
        ("abwanderungs", "churn"),
        ("rückmeldungs", "response"),
        ("einwilligungs", "consent"),
        ("öffnungs", "opening"),
        ("wartungs", "maintenance"),
    ];

    /// Head nouns: German singular and plural (empty when it equals the
    /// singular), grammatical gender, English singular and plural.
    #[rustfmt::skip]
    pub(crate) const HEADS: &[(&str, &str, char, &str, &str)] = &[
        ("maßnahme", "maßnahmen", 'f', "measure", "measures"),
        ("quote", "quoten", 'f', "rate", "rates"),
        ("übergabe", "übergaben", 'f', "handover", "handovers"),
        ("strategie", "strategien", 'f', "strategy", "strategies"),
        ("analyse", "analysen", 'f', "analysis", "analyses"),
        ("kennzahl", "kennzahlen", 'f', "metric", "metrics"),
        ("richtlinie", "richtlinien", 'f', "guideline", "guidelines"),
        ("schnittstelle", "schnittstellen", 'f', "interface", "interfaces"),
        ("plattform", "plattformen", 'f', "platform", "platforms"),
        ("kampagne", "kampagnen", 'f', "campaign", "campaigns"),
        ("umfrage", "umfragen", 'f', "survey", "surveys"),
        ("befragung", "befragungen", 'f', "interview", "interviews"),
        ("steuerung", "", 'f', "control", ""),
        ("planung", "planungen", 'f', "plan", "plans"),
        ("bewertung", "bewertungen", 'f', "assessment", "assessments"),
        ("erfassung", "erfassungen", 'f', "recording", "recordings"),
        ("auswertung", "auswertungen", 'f', "evaluation", "evaluations"),
        ("rate", "raten", 'f', "ratio", "ratios"),
        ("karte", "karten", 'f', "card", "cards"),
        ("stelle", "stellen", 'f', "desk", "desks"),
        ("vorlage", "vorlagen", 'f', "template", "templates"),
        ("prüfung", "prüfungen", 'f', "review", "reviews"),
        ("frist", "fristen", 'f', "deadline", "deadlines"),
        ("gebühr", "gebühren", 'f', "fee", "fees"),
        ("lösung", "lösungen", 'f', "solution", "solutions"),
        ("prozess", "prozesse", 'm', "process", "processes"),
        ("kanal", "kanäle", 'm', "channel", "channels"),
        ("punkt", "punkte", 'm', "point", "points"),
        ("bericht", "berichte", 'm', "report", "reports"),
        ("leitfaden", "leitfäden", 'm', "guide", "guides"),
        ("standard", "standards", 'm', "standard", "standards"),
        ("workflow", "workflows", 'm', "workflow", "workflows"),
        ("vertrag", "verträge", 'm', "agreement", "agreements"),
        ("fragebogen", "fragebögen", 'm', "questionnaire", "questionnaires"),
        ("katalog", "kataloge", 'm', "catalogue", "catalogues"),
        ("wert", "werte", 'm', "value", "values"),
        ("index", "indizes", 'm', "index", "indices"),
        ("zyklus", "zyklen", 'm', "cycle", "cycles"),
        ("ablauf", "abläufe", 'm', "flow", "flows"),
        ("anreiz", "anreize", 'm', "incentive", "incentives"),
        ("schwellenwert", "schwellenwerte", 'm', "threshold", "thresholds"),
        ("verlauf", "verläufe", 'm', "history", "histories"),
        ("zuschlag", "zuschläge", 'm', "surcharge", "surcharges"),
        ("fußabdruck", "fußabdrücke", 'm', "footprint", "footprints"),
        ("grundsatz", "grundsätze", 'm', "principle", "principles"),
        ("plan", "pläne", 'm', "schedule", "schedules"),
        ("status", "", 'm', "status", ""),
        ("management", "", 'n', "management", ""),
        ("konzept", "konzepte", 'n', "concept", "concepts"),
        ("modell", "modelle", 'n', "model", "models"),
        ("programm", "programme", 'n', "programme", "programmes"),
        ("protokoll", "protokolle", 'n', "log", "logs"),
        ("budget", "budgets", 'n', "budget", "budgets"),
        ("ziel", "ziele", 'n', "target", "targets"),
        ("signal", "signale", 'n', "signal", "signals"),
        ("merkmal", "merkmale", 'n', "attribute", "attributes"),
        ("verfahren", "", 'n', "procedure", "procedures"),
        ("handbuch", "handbücher", 'n', "handbook", "handbooks"),
        ("dashboard", "dashboards", 'n', "dashboard", "dashboards"),
        ("formular", "formulare", 'n', "form", "forms"),
        ("gespräch", "gespräche", 'n', "meeting", "meetings"),
        ("risiko", "risiken", 'n', "risk", "risks"),
        ("potenzial", "potenziale", 'n', "potential", "potentials"),
        ("ticket", "tickets", 'n', "ticket", "tickets"),
        ("erlebnis", "erlebnisse", 'n', "experience", "experiences"),
        ("versprechen", "", 'n', "promise", "promises"),
        ("siegel", "", 'n', "seal", "seals"),
    ];

    /// Adjective stems (German, inflected by gender) with English.
    pub(crate) const ADJECTIVES: &[(&str, &str)] = &[
        ("digital", "digital"),
        ("regional", "regional"),
        ("persönlich", "personal"),
        ("automatisiert", "automated"),
        ("proaktiv", "proactive"),
        ("mobil", "mobile"),
        ("stationär", "in-store"),
        ("zentral", "central"),
        ("dezentral", "decentralised"),
        ("qualitativ", "qualitative"),
        ("quantitativ", "quantitative"),
        ("hybrid", "hybrid"),
        ("präventiv", "preventive"),
        ("nachhaltig", "sustainable"),
        ("individuell", "individual"),
        ("strategisch", "strategic"),
        ("operativ", "operational"),
        ("intern", "internal"),
        ("extern", "external"),
        ("früh", "early"),
        ("überregional", "national"),
        ("ganzheitlich", "holistic"),
        ("kanalübergreifend", "cross-channel"),
        ("saisonal", "seasonal"),
        ("barrierefrei", "accessible"),
        ("mehrstufig", "multi-stage"),
        ("monatlich", "monthly"),
        ("jährlich", "annual"),
        ("anonymisiert", "anonymised"),
        ("grün", "green"),
    ];

    pub(crate) const TAGS: &[&str] = &[
        "CX",
        "Vertrieb",
        "Marketing",
        "Kundenservice",
        "Datenschutz",
        "E-Commerce",
        "Filiale",
        "Logistik",
        "After-Sales",
        "Loyalität",
        "Onboarding",
        "Kennzahlen",
        "Prozesse",
        "B2B",
        "B2C",
        "Qualität",
        "Kommunikation",
        "Social Media",
        "Mobile",
        "Self-Service",
        "Beschwerden",
        "Feedback",
        "Preise",
        "Verträge",
        "Zahlung",
        "Retouren",
        "Außendienst",
        "Partner",
        "Marke",
        "Personalisierung",
        "Automatisierung",
        "Analytics",
        "Compliance",
        "Barrierefreiheit",
        "Nachhaltigkeit",
        "Schulung",
        "Events",
        "Print",
        "Telefonie",
        "Chat",
    ];

    pub(crate) const OWNERS: &[&str] = &[
        "Kundenbetreuung Süd",
        "Kundenbetreuung Nord",
        "Kundenservice Österreich",
        "Vertrieb Außendienst",
        "Marketing Kommunikation",
        "E-Commerce-Team",
        "Filialmanagement",
        "Logistik & Versand",
        "Produktmanagement Küche",
        "Qualitätsmanagement",
        "Beschwerdemanagement",
        "Social-Media-Redaktion",
        "Treueprogramm-Team",
        "Rechnungswesen",
        "Technischer Kundendienst",
        "Partnermanagement",
        "Händlerbetreuung West",
        "Onlineredaktion",
        "Marktforschung",
        "CRM-Team",
        "Großkundenbetreuung",
        "Schulung & Einarbeitung",
        "Retourenabwicklung",
        "Zahlungsverkehr",
        "Datenschutzbüro",
        "UX-Design",
        "Eventmanagement",
        "Außenwerbung & Medien",
        "Callcenter Köln",
        "Geschäftsführung",
    ];

    pub(crate) const KPIS: &[&str] = &[
        "Erstlösungsquote",
        "Antwortzeit",
        "Net Promoter Score",
        "Kundenzufriedenheit",
        "Konversionsrate",
        "Öffnungsrate",
        "Klickrate",
        "Abbruchquote",
        "Wiederkaufrate",
        "Retourenquote",
        "Durchschnittlicher Bestellwert",
        "Wartezeit",
        "Beschwerdequote",
        "Kundenbindungsrate",
        "Customer Effort Score",
        "Reichweite",
        "Besucherfrequenz",
        "Termintreue",
        "Zustellquote",
        "Aktivierungsrate",
    ];

    /// `ownership` values, weighted by repetition.
    pub(crate) const OWNERSHIP: &[&str] = &[
        "brand", "brand", "brand", "brand", "brand", "brand", "partner", "partner", "customer",
        "external", "external",
    ];

    /// Touchpoint kinds: name, channel index, typical stage indices.
    pub(crate) const KINDS: &[(&str, usize, &[usize])] = &[
        ("Website", 0, &[0, 1, 2]),
        ("Onlineshop", 0, &[1, 2]),
        ("Live-Chat", 0, &[1, 2, 4]),
        ("Newsletter", 0, &[0, 5]),
        ("Social-Media-Kanal", 0, &[0, 1, 6]),
        ("Suchmaschinenanzeige", 0, &[0, 1]),
        ("Produktbewertung", 0, &[1, 6]),
        ("Kundenportal", 0, &[3, 4, 5]),
        ("App-Benachrichtigung", 0, &[3, 4, 5]),
        ("Chatbot", 0, &[1, 4]),
        ("Webinar", 0, &[0, 3]),
        ("Vergleichsportal", 0, &[1]),
        ("Filialberatung", 1, &[1, 2]),
        ("Schaufenster", 1, &[0]),
        ("Plakatwerbung", 1, &[0]),
        ("Messestand", 1, &[0, 1]),
        ("Prospektbeilage", 1, &[0, 1]),
        ("Katalog", 1, &[1]),
        ("Pop-up-Store", 1, &[0, 1, 2]),
        ("Kassenbereich", 1, &[2]),
        ("Produktverpackung", 1, &[2, 3]),
        ("Roadshow", 1, &[0]),
        ("Hotline", 2, &[1, 4, 5]),
        ("Rückrufservice", 2, &[4]),
        ("Servicetechniker-Besuch", 2, &[3, 4]),
        ("Beschwerdeformular", 2, &[4, 5]),
        ("E-Mail-Support", 2, &[2, 4]),
        ("Reparaturannahme", 2, &[4]),
        ("Terminvereinbarung", 2, &[1, 3]),
        ("FAQ-Bereich", 2, &[1, 4]),
        ("Persönliches Beratungsgespräch", 2, &[1, 2]),
        ("Paketbeilage", 3, &[3, 5]),
        ("Versandbestätigung", 3, &[2, 3]),
        ("Rechnung", 3, &[2, 4]),
        ("Bonusprogramm", 3, &[5, 6]),
        ("Zufriedenheitsumfrage", 3, &[4, 6]),
        ("Rücksendeportal", 3, &[4]),
        ("Garantieverlängerung", 3, &[4, 5]),
        ("Kundenkarte", 3, &[5]),
        ("Geburtstagsgutschein", 3, &[5, 6]),
        ("Wartungserinnerung", 3, &[4, 5]),
        ("Empfehlungsprogramm", 3, &[6]),
    ];

    pub(crate) const PRODUCTS: &[&str] = &[
        "Küchengeräte",
        "Gartenmöbel",
        "Fahrräder",
        "Kinderschuhe",
        "Bürobedarf",
        "Haushaltswaren",
        "Sportbekleidung",
        "Heimwerkerbedarf",
        "Großgeräte",
        "Unterhaltungselektronik",
        "Strom und Gas",
        "Mobilfunk",
        "Versicherungen",
        "Reisen",
        "Lebensmittel",
        "Drogerie",
        "Möbel",
        "Brillen",
        "Schmuck",
        "Spielwaren",
        "Tiernahrung",
        "Bücher",
        "Weine",
        "Kaffeemaschinen",
        "Matratzen",
    ];

    pub(crate) const REGIONS: &[&str] = &[
        "Nord",
        "Süd",
        "Ost",
        "West",
        "Österreich",
        "Schweiz",
        "Bayern",
        "Rhein-Main",
        "Berlin",
        "Hamburg",
        "München",
        "Köln",
        "Düsseldorf",
        "Großraum Stuttgart",
        "Saarland",
    ];

    pub(crate) const AUDIENCES: &[&str] = &[
        "B2B",
        "Privatkunden",
        "Geschäftskunden",
        "Premium",
        "Studierende",
    ];

    pub(crate) const SCENARIOS: &[&str] = &[
        "Erstkauf im Onlineshop",
        "Reklamation nach Lieferung",
        "Vertragsverlängerung",
        "Umzug mit Tarifwechsel",
        "Reparatur während der Garantie",
        "Wiederkauf nach Empfehlung",
        "Kündigung und Rückgewinnung",
        "Beratung in der Filiale",
        "Click & Collect",
        "Rücksendung eines Geschenks",
        "Wechsel zum Premiumtarif",
        "Erste Nutzung der App",
        "Großbestellung für das Büro",
        "Störungsmeldung am Wochenende",
        "Bonuspunkte einlösen",
    ];

    pub(crate) const PERSONAS: &[&str] = &[
        "Neukundin",
        "Stammkunde",
        "Geschäftskundin",
        "Student",
        "Rentnerin",
        "Familienvater",
        "Handwerker",
        "Pendlerin",
        "Schnäppchenjägerin",
        "Technikfan",
        "Erstkäufer",
        "Großkundin",
    ];

    pub(crate) const CITIES: &[&str] = &[
        "München",
        "Köln",
        "Görlitz",
        "Lübeck",
        "Würzburg",
        "Düsseldorf",
        "Saarbrücken",
        "Tübingen",
        "Fürth",
        "Osnabrück",
        "Jena",
        "Zürich",
        "Graz",
        "Bremen",
        "Göttingen",
        "Mönchengladbach",
        "Konstanz",
        "Cottbus",
        "Passau",
        "Lüneburg",
    ];

    /// Step notes by emotion, from -2 (index 0) to 2 (index 4).
    pub(crate) const NOTES: [&[&str]; 5] = [
        &[
            "Paket kam beschädigt an, niemand fühlte sich zuständig.",
            "Dreimal weiterverbunden, das Problem blieb ungelöst.",
            "Die Rückerstattung dauerte über vier Wochen.",
            "Kündigung nur per Brief möglich, keine Bestätigung erhalten.",
        ],
        &[
            "Die Wartezeit in der Hotline war zu lang.",
            "Der Hinweis \"Jetzt bestellen\" war missverständlich.",
            "Die Größentabelle fehlte im Shop.",
            "Liefertermin wurde ohne Begründung verschoben.",
        ],
        &[
            "Der Schritt verlief ohne Besonderheiten.",
            "Standardantwort, aber inhaltlich korrekt.",
            "Formular ausgefüllt, keine Rückfragen.",
            "Informationen waren vorhanden, aber schwer zu finden.",
        ],
        &[
            "Informationen waren schnell gefunden.",
            "Die Bestätigung kam sofort per E-Mail.",
            "Übersichtliche Preise auf der Website.",
            "Freundlicher Empfang in der Filiale.",
        ],
        &[
            "Die Beratung war kompetent und herzlich.",
            "Die Lieferung kam einen Tag früher als angekündigt.",
            "Der Bonus wurde sofort gutgeschrieben.",
            "Die Mitarbeiterin nahm sich viel Zeit für alle Fragen.",
        ],
    ];
}

mod names {
    //! Titles, slugs and aliases for every page. Every name is claimed in
    //! one set of slug keys, so no two titles, aliases, abbreviations or
    //! slugs can be confused by a lookup that ignores case or transliterates.

    use super::rng::Rng;
    use super::text::{capitalize, slugify};
    use super::words::{
        ADJECTIVES, AUDIENCES, CITIES, FIRSTS, HEADS, KINDS, MIDDLES, PERSONAS, PRODUCTS, REGIONS,
        SCENARIOS,
    };
    use std::collections::HashSet;

    /// Claimed names, by slug form. Only asked for membership, never
    /// iterated, so its order cannot reach the output.
    #[derive(Default)]
    pub(crate) struct Keys(HashSet<String>);

    impl Keys {
        /// True if nothing with the same slug form was claimed before.
        pub(crate) fn claim(&mut self, name: &str) -> bool {
            self.0.insert(slugify(name))
        }
    }

    /// One language's name of a term.
    pub(crate) struct Name {
        pub(crate) title: String,
        pub(crate) slug: String,
        pub(crate) aliases: Vec<String>,
        pub(crate) abbreviation: Option<String>,
        /// Shown text for `[[Title|text]]` links.
        pub(crate) display: String,
    }

    /// A term: its German name and, for some, an English translation.
    pub(crate) struct TermNames {
        pub(crate) de: Name,
        pub(crate) en: Option<Name>,
    }

    pub(crate) struct TouchpointName {
        pub(crate) title: String,
        pub(crate) slug: String,
        pub(crate) kind: usize,
    }

    pub(crate) struct JourneyName {
        pub(crate) title: String,
        pub(crate) slug: String,
        pub(crate) persona: &'static str,
        pub(crate) scenario: &'static str,
    }

    /// Every page's name, decided before any page is written.
    pub(crate) struct Site {
        pub(crate) terms: Vec<TermNames>,
        /// Indices of terms with an English translation.
        pub(crate) english: Vec<usize>,
        pub(crate) touchpoints: Vec<TouchpointName>,
        pub(crate) journeys: Vec<JourneyName>,
    }

    impl Site {
        pub(crate) fn new(
            rng: &mut Rng,
            terms: usize,
            touchpoints: usize,
            journeys: usize,
        ) -> Self {
            let mut keys = Keys::default();
            let terms = term_names(rng, &mut keys, terms);
            let english = (0..terms.len())
                .filter(|&i| terms[i].en.is_some())
                .collect();
            let touchpoints = (0..touchpoints)
                .map(|_| touchpoint_name(rng, &mut keys))
                .collect();
            let journeys = (0..journeys)
                .map(|_| journey_name(rng, &mut keys))
                .collect();
            Site {
                terms,
                english,
                touchpoints,
                journeys,
            }
        }
    }

    /// A German compound with an optional adjective, e.g. "Digitale
    /// Kundenbindungsmaßnahme", which also knows its English rendering.
    #[derive(Clone, Copy)]
    struct Compound {
        adj: Option<usize>,
        first: usize,
        middle: Option<usize>,
        head: usize,
    }

    impl Compound {
        /// A random compound, or `None` when two parts mean the same.
        fn random(rng: &mut Rng) -> Option<Self> {
            let c = Compound {
                adj: rng.chance(18).then(|| rng.below(ADJECTIVES.len())),
                first: rng.below(FIRSTS.len()),
                middle: rng.chance(65).then(|| rng.below(MIDDLES.len())),
                head: rng.below(HEADS.len()),
            };
            let first = FIRSTS[c.first].1;
            let head = HEADS[c.head].3;
            let middle = c.middle.map(|m| MIDDLES[m].1);
            let distinct = first != head && middle != Some(first) && middle != Some(head);
            distinct.then_some(c)
        }

        /// The German form; `None` for a plural the head noun lacks.
        fn german(&self, plural: bool, hyphen: bool) -> Option<String> {
            let (singular, plural_form, gender, _, _) = HEADS[self.head];
            let noun = if plural { plural_form } else { singular };
            if noun.is_empty() {
                return None;
            }
            let mut s = String::with_capacity(48);
            if let Some(a) = self.adj {
                s.push_str(&capitalize(ADJECTIVES[a].0));
                s.push_str(match (plural, gender) {
                    (true, _) | (false, 'f') => "e ",
                    (false, 'm') => "er ",
                    _ => "es ",
                });
            }
            s.push_str(FIRSTS[self.first].0);
            if let Some(m) = self.middle {
                join(&mut s, MIDDLES[m].0, false);
            }
            join(&mut s, noun, hyphen);
            Some(s)
        }

        /// The English form in sentence case.
        fn english(&self, plural: bool) -> Option<String> {
            let (_, _, _, singular, plural_form) = HEADS[self.head];
            let noun = if plural { plural_form } else { singular };
            if noun.is_empty() {
                return None;
            }
            let parts = [
                self.adj.map(|a| ADJECTIVES[a].1),
                Some(FIRSTS[self.first].1),
                self.middle.map(|m| MIDDLES[m].1),
                Some(noun),
            ];
            let words: Vec<&str> = parts.into_iter().flatten().collect();
            Some(capitalize(&words.join(" ")))
        }

        /// Initials of a three-part compound, e.g. "KBM".
        fn abbreviation(&self) -> Option<String> {
            let middle = MIDDLES[self.middle?].0;
            let parts = [FIRSTS[self.first].0, middle, HEADS[self.head].0];
            let initials = parts.iter().filter_map(|p| p.chars().next());
            Some(initials.flat_map(char::to_uppercase).collect())
        }

        /// The head noun alone, capitalised.
        fn head(&self, english: bool) -> String {
            let (de, _, _, en, _) = HEADS[self.head];
            capitalize(if english { en } else { de })
        }
    }

    /// Appends a compound part; after a hyphen, or when asked to hyphenate,
    /// the part starts with a capital.
    fn join(s: &mut String, part: &str, hyphen: bool) {
        if hyphen && !s.ends_with('-') {
            s.push('-');
        }
        if s.ends_with('-') {
            s.push_str(&capitalize(part));
        } else {
            s.push_str(part);
        }
    }

    /// Tries `make` until its title is unclaimed; past a limit, numbers the
    /// last candidate instead, so even huge corpora terminate.
    fn unique<T>(
        rng: &mut Rng,
        keys: &mut Keys,
        mut make: impl FnMut(&mut Rng) -> (String, T),
    ) -> (String, T) {
        let (mut last, mut extra) = make(rng);
        for _ in 0..1000 {
            if keys.claim(&last) {
                return (last, extra);
            }
            (last, extra) = make(rng);
        }
        let mut n = 2;
        loop {
            let numbered = format!("{last} {n}");
            if keys.claim(&numbered) {
                return (numbered, extra);
            }
            n += 1;
        }
    }

    fn random_compound(rng: &mut Rng) -> Compound {
        loop {
            if let Some(c) = Compound::random(rng) {
                return c;
            }
        }
    }

    /// All German titles first, then aliases and abbreviations, then the
    /// English translations: later names can never shadow an earlier title.
    fn term_names(rng: &mut Rng, keys: &mut Keys, n: usize) -> Vec<TermNames> {
        let mut compounds = Vec::with_capacity(n);
        let mut terms = Vec::with_capacity(n);
        for _ in 0..n {
            let (title, c) = unique(rng, keys, |rng| {
                let c = random_compound(rng);
                (c.german(false, false).unwrap_or_default(), c)
            });
            let display = c.german(true, false).unwrap_or_else(|| c.head(false));
            compounds.push(c);
            terms.push(TermNames {
                de: name(title, display),
                en: None,
            });
        }
        for (c, t) in compounds.iter().zip(terms.iter_mut()) {
            german_extras(rng, keys, c, &mut t.de);
        }
        for (c, t) in compounds.iter().zip(terms.iter_mut()) {
            if rng.chance(10) {
                t.en = english_name(rng, keys, c);
            }
        }
        terms
    }

    fn name(title: String, display: String) -> Name {
        Name {
            slug: slugify(&title),
            title,
            aliases: Vec::new(),
            abbreviation: None,
            display,
        }
    }

    /// Up to three aliases (plural, hyphenated forms) and sometimes an
    /// abbreviation.
    fn german_extras(rng: &mut Rng, keys: &mut Keys, c: &Compound, name: &mut Name) {
        let wanted = rng.range(0, 3);
        let candidates = [
            c.german(true, false),
            c.german(false, true),
            c.german(true, true),
        ];
        for alias in candidates.into_iter().flatten() {
            if name.aliases.len() < wanted && keys.claim(&alias) {
                name.aliases.push(alias);
            }
        }
        if rng.chance(25) {
            name.abbreviation = c.abbreviation().filter(|a| keys.claim(a));
        }
    }

    /// The English name, unless another term already took that title.
    fn english_name(rng: &mut Rng, keys: &mut Keys, c: &Compound) -> Option<Name> {
        let title = c.english(false)?;
        if !keys.claim(&title) {
            return None;
        }
        let plural = c.english(true);
        let display = plural.clone().unwrap_or_else(|| c.head(true));
        let mut name = name(title, display);
        if let Some(p) = plural.filter(|p| rng.chance(60) && keys.claim(p)) {
            name.aliases.push(p);
        }
        Some(name)
    }

    /// E.g. "Live-Chat Küchengeräte Süd" or "Hotline Möbel Köln (B2B)".
    fn touchpoint_name(rng: &mut Rng, keys: &mut Keys) -> TouchpointName {
        let (title, kind) = unique(rng, keys, |rng| {
            let kind = rng.below(KINDS.len());
            let mut t = format!(
                "{} {} {}",
                KINDS[kind].0,
                rng.pick(PRODUCTS),
                rng.pick(REGIONS)
            );
            if rng.chance(30) {
                t = format!("{t} ({})", rng.pick(AUDIENCES));
            }
            (t, kind)
        });
        TouchpointName {
            slug: slugify(&title),
            title,
            kind,
        }
    }

    /// E.g. "Erstkauf im Onlineshop: Neukundin aus Görlitz".
    fn journey_name(rng: &mut Rng, keys: &mut Keys) -> JourneyName {
        let (title, (persona, scenario)) = unique(rng, keys, |rng| {
            let persona = rng.pick(PERSONAS);
            let scenario = rng.pick(SCENARIOS);
            let t = format!("{scenario}: {persona} aus {}", rng.pick(CITIES));
            (t, (persona, scenario))
        });
        JourneyName {
            slug: slugify(&title),
            title,
            persona,
            scenario,
        }
    }
}

mod prose {
    //! Filler prose in German and English from sentence templates, with the
    //! wiki links a page must carry woven into its sentences.

    use super::rng::Rng;
    use super::text::capitalize;
    use super::words::{KPIS, OWNERS, STAGES};

    /// Sentence material for one language. Templates use `{T}` (page
    /// title), `{S}` subject, `{V}` verb, `{O}` object, `{P}` place or
    /// time, `{A}` adverb, `{J}` judgement, `{D}` team, `{N}` number and
    /// `{L}` a wiki link.
    pub(crate) struct Vocab {
        plain: &'static [&'static str],
        linked: &'static [&'static str],
        pub(crate) descriptions: &'static [&'static str],
        pub(crate) touchpoint_descriptions: &'static [&'static str],
        subjects: &'static [&'static str],
        verbs: &'static [&'static str],
        objects: &'static [&'static str],
        places: &'static [&'static str],
        adverbs: &'static [&'static str],
        judgements: &'static [&'static str],
        teams: &'static [&'static str],
        pub(crate) headings: &'static [&'static str],
        list_items: &'static [&'static str],
        table_header: [&'static str; 4],
        table_values: &'static [&'static str],
        see_also: (&'static str, &'static str),
    }

    pub(crate) static DE: Vocab = Vocab {
        plain: &[
            "{S} {V} {O} {P}.",
            "{T} ist {P} {J}, weil {S} so {O} {A} {V}.",
            "Mit {T} {V} {S} {O} {A}.",
            "In der Praxis zeigt sich, dass {S} {O} {P} {A} {V}.",
            "Laut interner Auswertung steigt die Zufriedenheit um {N} Prozent, wenn {S} {O} {A} {V}.",
            "Typische Fehler entstehen, wenn {S} {O} {P} nicht konsequent {V}.",
            "Die Verantwortung für {T} liegt meist {D}.",
            "Besonders {P} ist {T} {J}.",
            "Wichtig ist, dass {S} {O} {A} {V}.",
            "Dafür {V} {S} {O} {P}.",
        ],
        linked: &[
            "Eng verbunden damit ist {L}: {S} {V} dort {O} {P}.",
            "Wer {O} {V}, sollte auch {L} kennen.",
            "{T} wird {A} mit {L} verwechselt, unterscheidet sich aber {P} deutlich.",
            "Im Unterschied zu {L} betrachtet {T} vor allem {O}.",
            "Für {L} gilt Ähnliches: {S} {V} {O} {P}.",
            "Zusammen mit {L} {V} {S} {O} {A}.",
            "Details zur Messung beschreibt {L}.",
        ],
        descriptions: &[
            "{T} bezeichnet alle Maßnahmen, mit denen {S} {O} {P} {V}.",
            "{T} beschreibt, wie {S} {O} {P} {A} {V}.",
            "Mit {T} {V} {S} {O} {P}.",
            "{T} ist ein Begriff aus der Kundenkommunikation: {S} {V} damit {O}.",
        ],
        touchpoint_descriptions: &[
            "An diesem Kontaktpunkt {V} {S} {O} {P}.",
            "Hier {V} {S} {O} {A}.",
            "{T} ist der Ort, an dem {S} {O} {P} {V}.",
        ],
        subjects: &[
            "das Serviceteam",
            "der Vertrieb",
            "die Filialleitung",
            "das Marketing",
            "der Außendienst",
            "die Kundenbetreuung",
            "das Produktmanagement",
            "die Onlineredaktion",
            "das Beschwerdemanagement",
            "die Logistik",
            "das CRM-Team",
            "die Marktforschung",
            "das Callcenter",
            "die Händlerbetreuung",
        ],
        verbs: &[
            "verbessert",
            "misst",
            "steuert",
            "überprüft",
            "dokumentiert",
            "beeinflusst",
            "stärkt",
            "analysiert",
            "priorisiert",
            "begleitet",
            "vereinfacht",
            "berücksichtigt",
            "überwacht",
        ],
        objects: &[
            "die Kundenzufriedenheit",
            "den Erstkontakt",
            "die Wiederkaufrate",
            "den Beratungsbedarf",
            "die Lieferzeit",
            "das Markenversprechen",
            "die Reklamationsquote",
            "den Bestellprozess",
            "die Preiswahrnehmung",
            "das Vertrauen der Kundschaft",
            "die Übergabe an den Kundendienst",
            "die Erreichbarkeit",
            "den Rücklauf der Fragebögen",
            "die Größenberatung",
            "das Einkaufserlebnis",
            "die Weiterempfehlungsbereitschaft",
            "den Aufwand für Rückfragen",
            "die Qualität der Auskünfte",
            "den Informationsfluss zwischen den Abteilungen",
        ],
        places: &[
            "entlang der gesamten Customer Journey",
            "im stationären Handel",
            "an der Schnittstelle zwischen Vertrieb und Service",
            "nach dem Kauf",
            "vor dem ersten Kontakt",
            "über alle Kanäle hinweg",
            "in der Onboarding-Phase",
            "bei wiederkehrenden Anfragen",
            "für Geschäftskunden",
            "im Außendienst",
            "während der Nutzung",
            "nach einer Beschwerde",
            "in der Hochsaison",
            "bei der Rückgabe",
            "auf der Straße vor der Filiale",
            "im Gespräch mit Bestandskunden",
            "für ältere Kundinnen und Kunden",
            "über die gesamte Vertragslaufzeit",
        ],
        adverbs: &[
            "regelmäßig",
            "frühzeitig",
            "systematisch",
            "in der Regel",
            "oft",
            "zunehmend",
            "gezielt",
            "messbar",
            "spürbar",
            "täglich",
            "nachweislich",
            "häufig",
        ],
        judgements: &[
            "entscheidend",
            "hilfreich",
            "unverzichtbar",
            "aufwendig",
            "erklärungsbedürftig",
            "gut messbar",
            "schwer vergleichbar",
            "besonders wichtig",
        ],
        teams: &[
            "bei der Kundenbetreuung",
            "beim Vertrieb",
            "beim Außendienst",
            "bei der Marketingabteilung",
            "beim Servicecenter",
            "bei der Filialleitung",
            "beim Qualitätsmanagement",
        ],
        headings: &[
            "Ziel und Nutzen",
            "Umsetzung in der Praxis",
            "Typische Fehler",
            "Messung und Kennzahlen",
            "Abgrenzung",
            "Beispiel aus dem Handel",
            "Verantwortlichkeiten",
            "Häufige Fragen",
            "Datenschutz und Einwilligung",
            "Checkliste",
            "Einordnung in die Customer Journey",
            "Größere Organisationen",
        ],
        list_items: &[
            "Zuständigkeiten klar benennen",
            "Kennzahlen monatlich prüfen",
            "Rückmeldungen der Kundschaft auswerten",
            "Vorlagen für Antworten pflegen",
            "Einwilligungen dokumentieren",
            "Übergaben zwischen Teams festhalten",
            "Eskalationswege festlegen",
            "Schulungen für neue Mitarbeitende planen",
            "Ergebnisse im Team teilen",
            "Öffnungszeiten und Erreichbarkeit prüfen",
            "Testkäufe durchführen",
            "Barrierefreiheit sicherstellen",
            "Datenflüsse zwischen Systemen prüfen",
            "**Wichtig:** Fristen im Kalender hinterlegen",
        ],
        table_header: ["Kennzahl", "Zielwert", "Verantwortlich", "Bezug"],
        table_values: &["{N} %", "{N} Tage", "unter {N} Minuten", "{N} von 100"],
        see_also: ("Siehe auch", "und"),
    };

    pub(crate) static EN: Vocab = Vocab {
        plain: &[
            "{S} {V} {O} {P}.",
            "{T} is {J} {P} because {S} {A} {V} {O} this way.",
            "With {T}, {S} {V} {O} {A}.",
            "In practice, {S} {A} {V} {O} {P}.",
            "According to internal figures, satisfaction rises by {N} percent when {S} {A} {V} {O}.",
            "Typical mistakes happen when nobody reviews {O} {P}.",
            "Responsibility for {T} lies with {D}.",
            "It is important that {S} {A} {V} {O}.",
        ],
        linked: &[
            "Closely related is {L}: there, {S} {V} {O} {P}.",
            "Anyone who {V} {O} should also know {L}.",
            "{T} is {A} confused with {L}, but differs clearly {P}.",
            "Unlike {L}, {T} focuses mainly on {O}.",
            "The same applies to {L}: {S} {V} {O} {P}.",
            "Together with {L}, {S} {V} {O} {A}.",
            "{L} describes how to measure this in detail.",
        ],
        descriptions: &[
            "{T} describes how {S} {V} {O} {P}.",
            "{T} covers everything {S} does to keep {O} in view {P}.",
            "With {T}, {S} {A} {V} {O}.",
        ],
        touchpoint_descriptions: &["Here, {S} {V} {O} {P}."],
        subjects: &[
            "the service team",
            "the sales team",
            "the branch manager",
            "marketing",
            "the field team",
            "customer care",
            "product management",
            "the web team",
            "complaint management",
            "logistics",
            "the CRM team",
            "market research",
        ],
        verbs: &[
            "improves",
            "measures",
            "steers",
            "reviews",
            "documents",
            "influences",
            "strengthens",
            "analyses",
            "prioritises",
            "supports",
            "simplifies",
            "monitors",
        ],
        objects: &[
            "customer satisfaction",
            "the first contact",
            "the repurchase rate",
            "the need for advice",
            "delivery time",
            "the brand promise",
            "the complaint rate",
            "the ordering process",
            "price perception",
            "customer trust",
            "the handover to customer service",
            "availability",
            "the shopping experience",
            "the willingness to recommend",
        ],
        places: &[
            "along the entire customer journey",
            "in brick-and-mortar retail",
            "between sales and service",
            "after the purchase",
            "before the first contact",
            "across all channels",
            "during onboarding",
            "for recurring requests",
            "for business customers",
            "in field service",
            "during use",
            "after a complaint",
            "in peak season",
        ],
        adverbs: &[
            "regularly",
            "proactively",
            "systematically",
            "usually",
            "often",
            "increasingly",
            "deliberately",
            "measurably",
            "noticeably",
            "daily",
        ],
        judgements: &[
            "essential",
            "helpful",
            "indispensable",
            "costly",
            "hard to compare",
            "easy to measure",
            "particularly important",
        ],
        teams: &[
            "customer care",
            "the sales team",
            "the field team",
            "the marketing department",
            "the service centre",
            "the branch manager",
            "quality management",
        ],
        headings: &[
            "Purpose and benefits",
            "Putting it into practice",
            "Common mistakes",
            "Measurement and metrics",
            "Scope",
            "A retail example",
            "Responsibilities",
            "Checklist",
            "Place in the customer journey",
            "Data protection and consent",
            "Frequently asked questions",
        ],
        list_items: &[
            "Name clear owners",
            "Review metrics every month",
            "Evaluate customer feedback",
            "Maintain answer templates",
            "Document consent",
            "Record handovers between teams",
            "Define escalation paths",
            "Plan training for new staff",
            "Share results with the team",
            "Run test purchases",
            "**Important:** put deadlines in the calendar",
        ],
        table_header: ["Metric", "Target", "Owner", "Related"],
        table_values: &["{N} %", "{N} days", "under {N} minutes", "{N} out of 100"],
        see_also: ("See also", "and"),
    };

    /// Fills a template; `link` replaces `{L}`.
    pub(crate) fn fill(rng: &mut Rng, v: &Vocab, tpl: &str, title: &str, link: &str) -> String {
        let mut out = String::with_capacity(tpl.len() + 96);
        let mut rest = tpl;
        while let Some(pos) = rest.find('{') {
            out.push_str(&rest[..pos]);
            match rest.as_bytes()[pos + 1] {
                b'T' => out.push_str(title),
                b'L' => out.push_str(link),
                b'N' => out.push_str(&rng.range(3, 40).to_string()),
                key => out.push_str(rng.pick(pool(v, key))),
            }
            rest = &rest[pos + 3..];
        }
        out.push_str(rest);
        out
    }

    /// A filled template as a sentence, starting with a capital.
    pub(crate) fn sentence(rng: &mut Rng, v: &Vocab, tpl: &str, title: &str, link: &str) -> String {
        capitalize(&fill(rng, v, tpl, title, link))
    }

    fn pool(v: &Vocab, key: u8) -> &'static [&'static str] {
        match key {
            b'S' => v.subjects,
            b'V' => v.verbs,
            b'O' => v.objects,
            b'P' => v.places,
            b'A' => v.adverbs,
            b'J' => v.judgements,
            _ => v.teams,
        }
    }

    /// A markdown body under construction: counts its words and spends its
    /// pending wiki links (taken from the end) in sentences, a table cell, or
    /// a closing "see also" sentence.
    pub(crate) struct Body<'a> {
        rng: &'a mut Rng,
        v: &'static Vocab,
        title: &'a str,
        links: Vec<String>,
        out: String,
        words: usize,
        target: usize,
        last: &'static str,
    }

    impl<'a> Body<'a> {
        pub(crate) fn new(
            rng: &'a mut Rng,
            v: &'static Vocab,
            title: &'a str,
            links: Vec<String>,
            target: usize,
        ) -> Self {
            Body {
                rng,
                v,
                title,
                links,
                out: String::with_capacity(target * 9),
                words: 0,
                target,
                last: "",
            }
        }

        pub(crate) fn done(&self) -> bool {
            self.words >= self.target
        }

        pub(crate) fn roll(&mut self, percent: u64) -> bool {
            self.rng.chance(percent)
        }

        fn push(&mut self, text: &str) {
            self.words += text.split_whitespace().count();
            self.out.push_str(text);
        }

        /// Percent chance that the next sentence carries a link: higher
        /// when many links are left for few remaining words.
        fn link_odds(&self) -> usize {
            let sentences_left = self.target.saturating_sub(self.words) / 14 + 1;
            (self.links.len() * 100 / sentences_left).clamp(15, 100)
        }

        /// A template from `pool`, never the one used just before.
        fn template(&mut self, pool: &'static [&'static str]) -> &'static str {
            let mut i = self.rng.below(pool.len());
            if pool[i] == self.last {
                i = (i + 1) % pool.len();
            }
            self.last = pool[i];
            pool[i]
        }

        fn sentence(&mut self) -> String {
            let linked = !self.links.is_empty() && self.rng.below(100) < self.link_odds();
            let link = linked.then(|| self.links.pop()).flatten();
            let pool = if link.is_some() {
                self.v.linked
            } else {
                self.v.plain
            };
            let tpl = self.template(pool);
            let link = link.unwrap_or_default();
            sentence(self.rng, self.v, tpl, self.title, &link)
        }

        /// `min` to `max` sentences, fewer once the word target is reached.
        pub(crate) fn paragraph(&mut self, min: usize, max: usize) {
            let n = self.rng.range(min, max);
            let mut text = self.sentence();
            let mut words = self.words + text.split_whitespace().count();
            for _ in 1..n {
                if words >= self.target {
                    break;
                }
                let next = self.sentence();
                words += next.split_whitespace().count();
                text.push(' ');
                text.push_str(&next);
            }
            self.push(&text);
            self.push("\n\n");
        }

        pub(crate) fn heading(&mut self, level: usize, text: &str) {
            self.push(&format!("{} {text}\n\n", "#".repeat(level)));
        }

        /// A bulleted or numbered list of three to six items.
        pub(crate) fn list(&mut self) {
            let numbered = self.rng.chance(30);
            let k = self.rng.range(3, 6);
            let items = self.rng.distinct(self.v.list_items.len(), k, None);
            for (n, i) in items.into_iter().enumerate() {
                let marker = if numbered {
                    format!("{}.", n + 1)
                } else {
                    "-".into()
                };
                self.push(&format!("{marker} {}\n", self.v.list_items[i]));
            }
            self.push("\n");
        }

        /// A metrics table; its first row may spend a link, with the pipe
        /// escaped as table cells require.
        pub(crate) fn table(&mut self) {
            let [a, b, c, d] = self.v.table_header;
            self.push(&format!("| {a} | {b} | {c} | {d} |\n|---|---:|---|---|\n"));
            let mut link = self.links.pop().map(|l| l.replace('|', "\\|"));
            for _ in 0..self.rng.range(2, 4) {
                let kpi = self.rng.pick(KPIS);
                let tpl = self.rng.pick(self.v.table_values);
                let value = fill(self.rng, self.v, tpl, "", "");
                let owner = self.rng.pick(OWNERS);
                let related = link.take().unwrap_or_else(|| "–".into());
                self.push(&format!("| {kpi} | {value} | {owner} | {related} |\n"));
            }
            self.push("\n");
        }

        /// A fenced code block in JSON, TOML or Rust.
        pub(crate) fn code(&mut self, slug: &str) {
            let tpl = self.rng.pick(CODE);
            let stage = self.rng.pick(STAGES);
            let code = tpl
                .replace("{slug}", slug)
                .replace("{stage}", stage.0)
                .replace("{de}", stage.1)
                .replace("{en}", stage.2)
                .replace("{kpi}", self.rng.pick(KPIS))
                .replace("{n}", &self.rng.range(10, 99).to_string());
            self.out.push_str(&code);
            self.out.push('\n');
        }

        /// The finished body; links not yet spent go into a closing
        /// "see also" sentence.
        pub(crate) fn finish(mut self) -> String {
            if !self.links.is_empty() {
                let (lead, and) = self.v.see_also;
                let mut links = std::mem::take(&mut self.links);
                let last = links.pop().unwrap_or_default();
                let text = if links.is_empty() {
                    format!("{lead} {last}.\n")
                } else {
                    format!("{lead} {} {and} {last}.\n", links.join(", "))
                };
                self.push(&text);
            }
            while self.out.ends_with("\n\n") {
                self.out.pop();
            }
            self.out
        }
    }

    /// Code block templates; `{slug}`, `{stage}`, `{de}`, `{en}`, `{kpi}`
    /// and `{n}` are filled in. The TOML ones contain `[[…]]` on purpose:
    /// inside code that is not a wiki link.
    const CODE: &[&str] = &[
        "```json\n{\n  \"begriff\": \"{slug}\",\n  \"phase\": \"{stage}\",\n  \"kennzahl\": \"{kpi}\",\n  \"zielwert\": 0.{n},\n  \"kanaele\": [\"online\", \"service\"]\n}\n```\n",
        "```toml\n[[stages]]\nid = \"{stage}\"\nlabel = { de = \"{de}\", en = \"{en}\" }\n```\n",
        "```toml\n[kennzahl]\nname = \"{kpi}\"\nziel = {n}\nquelle = \"crm/{slug}\"\n```\n",
        "```rust\n/// {kpi} in Prozent.\nfn quote(werte: &[u32]) -> f64 {\n    let treffer = werte.iter().filter(|w| **w >= {n}).count();\n    100.0 * treffer as f64 / werte.len().max(1) as f64\n}\n```\n",
    ];
}

mod pages {
    //! Renders every file of the site from the names decided in `names`.

    use super::Writer;
    use super::names::{Name, Site};
    use super::prose::{Body, DE, EN, Vocab, sentence};
    use super::rng::Rng;
    use super::text::{FrontMatter, toml_str};
    use super::words::{CHANNELS, KINDS, KPIS, NOTES, OWNERS, OWNERSHIP, STAGES, TAGS};
    use std::fmt::Write as _;

    /// Writes the config and every page, in a fixed order.
    pub(crate) fn write_all(
        rng: &mut Rng,
        site: &Site,
        out: &mut Writer,
        lanes: bool,
    ) -> Result<(), String> {
        out.write("touchbase.toml", &config())?;
        for i in 0..site.terms.len() {
            let slug = &site.terms[i].de.slug;
            out.write(
                &format!("content/glossary/{slug}.md"),
                &term(rng, site, i, false),
            )?;
            if site.terms[i].en.is_some() {
                let text = term(rng, site, i, true);
                out.write(&format!("content/glossary/{slug}.en.md"), &text)?;
            }
        }
        for i in 0..site.touchpoints.len() {
            let slug = &site.touchpoints[i].slug;
            out.write(
                &format!("content/touchpoints/{slug}.md"),
                &touchpoint(rng, site, i),
            )?;
        }
        for i in 0..site.journeys.len() {
            let slug = &site.journeys[i].slug;
            out.write(
                &format!("content/journeys/{slug}.md"),
                &journey(rng, site, i, lanes),
            )?;
        }
        if lanes {
            super::maps::write_personas(rng, out)?;
        }
        Ok(())
    }

    fn config() -> String {
        let mut s = String::from(
            "title = \"Touchpoint-Wissensdatenbank (Benchmark)\"\n\
             base_url = \"https://example.com/kb/\"\n\
             default_language = \"de\"\n\
             languages = [\"de\", \"en\"]\n\n\
             [autolink]\nenabled = true\nfirst_only = true\n",
        );
        for (table, rows) in [("stages", STAGES), ("channels", CHANNELS)] {
            for (id, de, en) in rows {
                let _ = write!(
                    s,
                    "\n[[{table}]]\nid = {}\nlabel = {{ de = {}, en = {} }}\n",
                    toml_str(id),
                    toml_str(de),
                    toml_str(en)
                );
            }
        }
        s
    }

    fn date(rng: &mut Rng) -> String {
        format!("2026-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28))
    }

    fn tags(rng: &mut Rng, min: usize, max: usize) -> Vec<&'static str> {
        let k = rng.range(min, max);
        rng.distinct(TAGS.len(), k, None)
            .into_iter()
            .map(|i| TAGS[i])
            .collect()
    }

    /// Link markup for a target: by title, with shown text, or by alias.
    fn link(rng: &mut Rng, target: &Name) -> String {
        match rng.below(100) {
            0..55 => format!("[[{}]]", target.title),
            55..85 => format!("[[{}|{}]]", target.title, target.display),
            _ if target.aliases.is_empty() => format!("[[{}]]", target.title),
            _ => format!("[[{}]]", target.aliases[rng.below(target.aliases.len())]),
        }
    }

    /// The name of term `i` in the requested language.
    fn term_name(site: &Site, i: usize, english: bool) -> &Name {
        let t = &site.terms[i];
        match (english, &t.en) {
            (true, Some(en)) => en,
            _ => &t.de,
        }
    }

    /// Up to `k` other terms of the same language as term `i`.
    fn others(rng: &mut Rng, site: &Site, i: usize, k: usize, english: bool) -> Vec<usize> {
        if !english {
            return rng.distinct(site.terms.len(), k, Some(i));
        }
        let own = site.english.iter().position(|&j| j == i);
        let picked = rng.distinct(site.english.len(), k, own);
        picked.into_iter().map(|p| site.english[p]).collect()
    }

    fn term(rng: &mut Rng, site: &Site, i: usize, english: bool) -> String {
        let v: &'static Vocab = if english { &EN } else { &DE };
        let name = term_name(site, i, english);
        let k = rng.range(2, 8);
        let links = others(rng, site, i, k, english)
            .into_iter()
            .map(|j| link(rng, term_name(site, j, english)))
            .collect();
        let k = rng.range(0, 3);
        let related: Vec<&str> = others(rng, site, i, k, english)
            .into_iter()
            .map(|j| term_name(site, j, english).title.as_str())
            .collect();
        let mut fm = FrontMatter::new();
        fm.str("title", &name.title);
        if english {
            fm.str("slug", &name.slug);
        }
        let tpl = rng.pick(v.descriptions);
        fm.str("description", &sentence(rng, v, tpl, &name.title, ""))
            .list("aliases", &name.aliases);
        if let Some(abbr) = &name.abbreviation {
            fm.str("abbreviation", abbr);
        }
        fm.list("related", &related)
            .list("tags", &tags(rng, 1, 3))
            .raw("updated", &date(rng));
        let target = rng.range(150, 600);
        fm.finish(&term_body(rng, v, name, links, target))
    }

    /// Intro, one to three sections with lists, tables and code, then more
    /// paragraphs up to the word target.
    fn term_body(
        rng: &mut Rng,
        v: &'static Vocab,
        name: &Name,
        links: Vec<String>,
        target: usize,
    ) -> String {
        let k = rng.range(1, 3);
        let headings = rng.distinct(v.headings.len(), k, None);
        let mut b = Body::new(rng, v, &name.title, links, target);
        b.paragraph(2, 4);
        for (n, h) in headings.into_iter().enumerate() {
            let level = if n > 0 && b.roll(40) { 3 } else { 2 };
            b.heading(level, v.headings[h]);
            b.paragraph(2, 5);
            if b.roll(40) {
                b.list();
            }
            if b.roll(10) {
                b.table();
            }
            if b.roll(8) {
                b.code(&name.slug);
            }
        }
        while !b.done() {
            b.paragraph(2, 5);
        }
        b.finish()
    }

    fn touchpoint(rng: &mut Rng, site: &Site, i: usize) -> String {
        let tp = &site.touchpoints[i];
        let (_, channel, typical) = KINDS[tp.kind];
        let k = rng.range(1, typical.len().min(3));
        let mut stages: Vec<usize> = rng.distinct(typical.len(), k, None);
        stages.sort_unstable();
        let stage_ids: Vec<&str> = stages.iter().map(|&s| STAGES[typical[s]].0).collect();
        let k = rng.range(1, 4);
        let kpis: Vec<&str> = rng
            .distinct(KPIS.len(), k, None)
            .into_iter()
            .map(|j| KPIS[j])
            .collect();
        let k = rng.range(1, 3);
        let terms: Vec<&str> = others(rng, site, usize::MAX, k, false)
            .into_iter()
            .map(|j| site.terms[j].de.title.as_str())
            .collect();
        let mut fm = FrontMatter::new();
        let tpl = rng.pick(DE.touchpoint_descriptions);
        fm.str("title", &tp.title)
            .str("description", &sentence(rng, &DE, tpl, &tp.title, ""))
            .str("channel", CHANNELS[channel].0)
            .list("stages", &stage_ids)
            .str("owner", rng.pick(OWNERS))
            .list("kpis", &kpis)
            .str("ownership", rng.pick(OWNERSHIP))
            .list("terms", &terms)
            .list("tags", &tags(rng, 0, 2))
            .raw("updated", &date(rng));
        fm.finish(&touchpoint_body(rng, site, &tp.title, &terms))
    }

    /// Links to the touchpoint's own terms plus up to two more.
    fn touchpoint_body(rng: &mut Rng, site: &Site, title: &str, terms: &[&str]) -> String {
        let mut links: Vec<String> = terms.iter().map(|t| format!("[[{t}]]")).collect();
        let k = rng.range(0, 2);
        for j in others(rng, site, usize::MAX, k, false) {
            links.push(link(rng, &site.terms[j].de));
        }
        let k = rng.range(1, 2);
        let headings = rng.distinct(DE.headings.len(), k, None);
        let target = rng.range(100, 300);
        let mut b = Body::new(rng, &DE, title, links, target);
        b.paragraph(1, 3);
        for h in headings {
            b.heading(2, DE.headings[h]);
            b.paragraph(2, 4);
            if b.roll(35) {
                b.list();
            }
        }
        while !b.done() {
            b.paragraph(1, 3);
        }
        b.finish()
    }

    fn journey(rng: &mut Rng, site: &Site, i: usize, lanes: bool) -> String {
        let j = &site.journeys[i];
        let n = rng.range(5, 10);
        let mut stages: Vec<usize> = (0..n).map(|_| rng.below(STAGES.len())).collect();
        stages.sort_unstable();
        let description = format!(
            "Persona {} auf dem Weg von {} bis {} in {n} Schritten.",
            j.persona,
            STAGES[stages[0]].1,
            STAGES[stages[n - 1]].1
        );
        let mut fm = FrontMatter::new();
        fm.str("title", &j.title)
            .str("description", &description)
            .str("persona", j.persona)
            .list("tags", &tags(rng, 0, 2))
            .raw("updated", &date(rng));
        if lanes && i % 5 == 4 {
            fm.str("state", "future")
                .str("improves", &site.journeys[i - 1].title);
        }
        let mut used = Vec::new();
        for &stage in &stages {
            let tp = touchpoint_for(rng, site, stage);
            used.push(tp);
            let emotion = step(rng, &mut fm, STAGES[stage].0, &site.touchpoints[tp].slug);
            if lanes {
                super::maps::lanes(rng, &mut fm, emotion);
            }
        }
        fm.finish(&journey_body(rng, site, j.scenario, &used))
    }

    /// A touchpoint serving `stage`, or any one if none does.
    fn touchpoint_for(rng: &mut Rng, site: &Site, stage: usize) -> usize {
        let n = site.touchpoints.len();
        for _ in 0..64 {
            let tp = rng.below(n);
            if KINDS[site.touchpoints[tp].kind].2.contains(&stage) {
                return tp;
            }
        }
        rng.below(n)
    }

    /// Writes a step; returns its emotion as an index (0 = -2 … 4 = 2).
    fn step(rng: &mut Rng, fm: &mut FrontMatter, stage: &str, touchpoint: &str) -> usize {
        let emotion = rng.range(0, 4);
        fm.line("")
            .line("[[steps]]")
            .str("stage", stage)
            .str("touchpoint", touchpoint)
            .raw("emotion", &(emotion as i64 - 2).to_string())
            .str("note", rng.pick(NOTES[emotion]));
        emotion
    }

    /// A short overview linking one or two of the journey's touchpoints by
    /// title and one or two terms; the prose names the scenario in quotes.
    fn journey_body(rng: &mut Rng, site: &Site, scenario: &str, used: &[usize]) -> String {
        let mut links: Vec<String> = Vec::new();
        let k = rng.range(1, 2);
        for p in rng.distinct(used.len(), k, None) {
            links.push(format!("[[{}]]", site.touchpoints[used[p]].title));
        }
        let k = rng.range(1, 2);
        for j in others(rng, site, usize::MAX, k, false) {
            links.push(link(rng, &site.terms[j].de));
        }
        let target = rng.range(40, 120);
        let name = format!("„{scenario}“");
        let mut b = Body::new(rng, &DE, &name, links, target);
        b.heading(2, "Überblick");
        while !b.done() {
            b.paragraph(2, 3);
        }
        b.finish()
    }
}

mod maps {
    //! The journey-map side of the corpus (`--lanes`): the lanes of each
    //! step and the persona pages.

    use super::Writer;
    use super::prose::{Body, DE, EN};
    use super::rng::Rng;
    use super::text::{FrontMatter, slugify, toml_str};
    use super::words::{CHANNELS, OWNERS, PERSONAS};

    const ACTIONS: &[&str] = &[
        "Vergleicht Angebote auf dem Smartphone",
        "Ruft die Hotline an",
        "Liest Bewertungen anderer Kunden",
        "Füllt das Kontaktformular aus",
        "Öffnet den Newsletter",
        "Besucht die Filiale",
        "Legt Artikel in den Warenkorb",
        "Verfolgt die Sendung",
        "Schreibt eine Bewertung",
        "Löst Bonuspunkte ein",
    ];

    const THOUGHTS: &[&str] = &[
        "Passt das wirklich zu mir?",
        "Warum dauert das so lange?",
        "Hoffentlich klappt die Lieferung.",
        "Das war einfacher als gedacht.",
        "Gibt es das woanders günstiger?",
        "Wen kann ich hier fragen?",
    ];

    const PAINS: &[&str] = &[
        "Lange Wartezeit in der Hotline",
        "Versandkosten erst im Warenkorb sichtbar",
        "Keine Größentabelle",
        "Formular verlangt doppelte Angaben",
        "Keine Rückmeldung zum Stand",
        "Widersprüchliche Auskünfte",
        "Rücksendung nur per Post",
        "Öffnungszeiten unklar",
    ];

    const BACKSTAGE: &[&str] = &[
        "Ticket wird im CRM angelegt",
        "Lager prüft den Bestand",
        "Kampagne mit Lookalike-Zielgruppe",
        "Rechnung wird automatisch erzeugt",
        "Qualitätsprüfung der Retoure",
        "Übergabe an den Versanddienstleister",
    ];

    const OPPORTUNITIES: &[&str] = &[
        "Rückruf-Termin online buchbar machen",
        "Versandkosten auf der Produktseite zeigen",
        "Größenberater im Shop",
        "Statusmeldungen per SMS",
        "Formular mit Kundendaten vorbefüllen",
        "Chat mit Übergabe an die Hotline",
        "Retourenlabel zum Ausdrucken",
        "Öffnungszeiten in der Anzeige",
    ];

    const PRIORITIES: &[&str] = &["high", "medium", "low"];

    /// English titles of `PERSONAS`, in the same order.
    const PERSONAS_EN: &[&str] = &[
        "New customer",
        "Regular customer",
        "Business customer",
        "Student",
        "Pensioner",
        "Family father",
        "Craftsman",
        "Commuter",
        "Bargain hunter",
        "Tech enthusiast",
        "First-time buyer",
        "Key account customer",
    ];

    /// Up to `max` distinct entries of `pool`, at least `min`.
    fn some(rng: &mut Rng, pool: &[&'static str], min: usize, max: usize) -> Vec<&'static str> {
        let k = rng.range(min, max);
        rng.distinct(pool.len(), k, None)
            .into_iter()
            .map(|i| pool[i])
            .collect()
    }

    /// The lanes of a step whose emotion index is `emotion` (0 = -2):
    /// bad steps have pain points and, nine in ten, opportunities.
    pub(crate) fn lanes(rng: &mut Rng, fm: &mut FrontMatter, emotion: usize) {
        if rng.chance(80) {
            fm.str("action", rng.pick(ACTIONS));
        }
        if rng.chance(50) {
            fm.str("thinking", rng.pick(THOUGHTS));
        }
        if rng.chance(10) {
            fm.str("channel", rng.pick(CHANNELS).0);
        }
        let pains = match emotion {
            0 | 1 => some(rng, PAINS, 1, 2),
            2 if rng.chance(30) => some(rng, PAINS, 1, 1),
            _ => Vec::new(),
        };
        fm.list("pain_points", &pains);
        let backstage = if rng.chance(50) {
            some(rng, BACKSTAGE, 1, 2)
        } else {
            Vec::new()
        };
        fm.list("backstage", &backstage);
        let opportunities = match emotion {
            0 | 1 if rng.chance(90) => some(rng, OPPORTUNITIES, 1, 2),
            _ if rng.chance(20) => some(rng, OPPORTUNITIES, 1, 1),
            _ => Vec::new(),
        };
        if opportunities.is_empty() {
            return;
        }
        let items: Vec<String> = opportunities
            .into_iter()
            .map(|title| {
                if !rng.chance(70) {
                    return toml_str(title);
                }
                let mut table = format!("{{ title = {}", toml_str(title));
                if rng.chance(85) {
                    table.push_str(&format!(", owner = {}", toml_str(rng.pick(OWNERS))));
                }
                table.push_str(&format!(
                    ", priority = {} }}",
                    toml_str(rng.pick(PRIORITIES))
                ));
                table
            })
            .collect();
        fm.raw("opportunities", &format!("[{}]", items.join(", ")));
    }

    /// A page per persona; every third with an English translation.
    pub(crate) fn write_personas(rng: &mut Rng, out: &mut Writer) -> Result<(), String> {
        for (i, (&de, &en)) in PERSONAS.iter().zip(PERSONAS_EN).enumerate() {
            let slug = slugify(de);
            out.write(
                &format!("content/personas/{slug}.md"),
                &persona(rng, de, None),
            )?;
            if i % 3 == 0 {
                let text = persona(rng, en, Some(&slug));
                out.write(&format!("content/personas/{slug}.en.md"), &text)?;
            }
        }
        Ok(())
    }

    /// A persona page; an English one names the German page's file stem
    /// as its `translation_key`.
    fn persona(rng: &mut Rng, title: &str, translates: Option<&str>) -> String {
        let english = translates.is_some();
        let mut fm = FrontMatter::new();
        fm.str("title", title);
        if let Some(key) = translates {
            fm.str("translation_key", key);
        }
        fm.str(
            "description",
            &format!("{title}: eine Persona des Benchmark-Korpus."),
        )
        .str(
            "role",
            if english {
                "Private customer"
            } else {
                "Privatkundschaft"
            },
        )
        .list("goals", &some(rng, OPPORTUNITIES, 1, 3))
        .list("needs", &some(rng, ACTIONS, 1, 2))
        .list("frustrations", &some(rng, PAINS, 1, 3))
        .str("quote", rng.pick(THOUGHTS));
        let v = if english { &EN } else { &DE };
        let target = rng.range(40, 80);
        let mut b = Body::new(rng, v, title, Vec::new(), target);
        while !b.done() {
            b.paragraph(2, 3);
        }
        fm.finish(&b.finish())
    }
}
