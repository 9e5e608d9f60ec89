//! Cell text into front matter values: lists split on `;` and line
//! breaks, channels and stages by id or label, ownership, dates, numbers
//! and yes/no. Each function is pure; a miss comes back as a message and
//! a hint for the caller to place at the cell.

use std::ops::Range;

use crate::config::Category;
use crate::model::Ownership;
use crate::slug::fold;

/// A problem with a value: message and hint.
pub type Miss = (String, String);

/// A cell's text for a message: on one line, line breaks shown as `↵`.
pub fn shown(value: &str) -> String {
    value.replace('\n', " ↵ ")
}

/// The items of a list cell with their byte ranges in the cell: split on
/// `;` and line breaks, trimmed, empty items dropped, each item once.
pub fn split_list(cell: &str) -> Vec<(String, Range<usize>)> {
    let mut items: Vec<(String, Range<usize>)> = Vec::new();
    let mut start = 0;
    for (i, c) in cell
        .char_indices()
        .chain(std::iter::once((cell.len(), ';')))
    {
        if c == ';' || c == '\n' || c == '\r' {
            let raw = &cell[start..i];
            let trimmed = raw.trim();
            if !trimmed.is_empty() && !items.iter().any(|(item, _)| item == trimmed) {
                let offset = start + (raw.len() - raw.trim_start().len());
                items.push((trimmed.to_string(), offset..offset + trimmed.len()));
            }
            start = i + c.len_utf8();
        }
    }
    items
}

/// The id of a stage or channel written as its id or as a label in any
/// language, ignoring case and umlaut spelling (`Abwägung`,
/// `Consideration`, `consideration`).
pub fn category<'a>(
    value: &str,
    known: &'a [Category],
    what: &'static str,
) -> Result<&'a str, Miss> {
    Categories::new(known, what).find(value)
}

/// The stages or channels of the config, by every spelling of their ids
/// and labels: made once per import, asked once per cell.
pub struct Categories<'a> {
    known: &'a [Category],
    what: &'static str,
    by_name: std::collections::HashMap<String, &'a str>,
}

impl<'a> Categories<'a> {
    pub fn new(known: &'a [Category], what: &'static str) -> Self {
        let mut by_name = std::collections::HashMap::new();
        for c in known {
            for name in std::iter::once(&c.id).chain(c.labels.values()) {
                by_name.entry(fold(name)).or_insert(c.id.as_str());
            }
        }
        Self {
            known,
            what,
            by_name,
        }
    }

    /// The id `value` names, or a miss with a did-you-mean.
    pub fn find(&self, value: &str) -> Result<&'a str, Miss> {
        match self.by_name.get(&fold(value)) {
            Some(id) => Ok(id),
            None => Err(miss(value, self.known, self.what)),
        }
    }
}

fn miss(value: &str, known: &[Category], what: &str) -> Miss {
    let mut names: Vec<&str> = Vec::new();
    for name in known
        .iter()
        .flat_map(|c| std::iter::once(c.id.as_str()).chain(c.labels.values().map(String::as_str)))
    {
        if !names.iter().any(|n| fold(n) == fold(name)) {
            names.push(name);
        }
    }
    let listed: Vec<String> = known
        .iter()
        .map(|c| {
            let labels: Vec<&str> = c
                .labels
                .values()
                .map(String::as_str)
                .filter(|l| *l != c.id)
                .collect();
            if labels.is_empty() {
                c.id.clone()
            } else {
                format!("{} ({})", c.id, labels.join(", "))
            }
        })
        .collect();
    let hint = match crate::suggest::did_you_mean(value, names) {
        Some(hint) => hint,
        None => format!("the {what}s are {}", listed.join("; ")),
    };
    (format!("unknown {what} `{value}`"), hint)
}

/// German and English words for the ownership values.
const OWNERSHIP_LABELS: &[(&str, Ownership)] = &[
    ("marke", Ownership::Brand),
    ("eigen", Ownership::Brand),
    ("unternehmen", Ownership::Brand),
    ("kunde", Ownership::Customer),
    ("kundin", Ownership::Customer),
    ("extern", Ownership::External),
];

/// `brand`, `partner`, `customer` or `external`, also as `Marke`,
/// `Kunde`, `Extern` and in any case.
pub fn ownership(value: &str) -> Result<Ownership, Miss> {
    let wanted = fold(value);
    if let Some(o) = Ownership::parse(&wanted) {
        return Ok(o);
    }
    if let Some((_, o)) = OWNERSHIP_LABELS.iter().find(|(label, _)| *label == wanted) {
        return Ok(*o);
    }
    let hint = crate::suggest::did_you_mean(value, Ownership::ALL).unwrap_or_else(|| {
        "use brand (Marke), partner, customer (Kunde) or external (extern)".to_string()
    });
    Err((format!("unknown ownership `{}`", shown(value)), hint))
}

/// A date as `YYYY-MM-DD`, from `2026-04-10`, `10.04.2026` or `10.4.2026`
/// (the German way a spreadsheet shows it), or a date with a time of day.
pub fn date(value: &str) -> Result<String, Miss> {
    let miss = || {
        (
            format!("`{}` is not a date", shown(value)),
            "write it as 2026-04-10 or 10.04.2026".to_string(),
        )
    };
    let value = value.trim();
    let day_part = value.split([' ', 'T']).next().unwrap_or("");
    let (y, m, d) = if let Some((d, rest)) = day_part.split_once('.') {
        let (m, y) = rest.split_once('.').ok_or_else(miss)?;
        (y, m, d)
    } else {
        let mut parts = day_part.splitn(3, '-');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(y), Some(m), Some(d)) => (y, m, d),
            _ => return Err(miss()),
        }
    };
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (number(y, 4..=4), number(m, 1..=2), number(d, 1..=2)) else {
        return Err(miss());
    };
    if !crate::parse::is_calendar_day(y, m, d) {
        return Err(miss());
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// A whole number (`3`, `-1`; `3.0` as a workbook stores it).
pub fn integer(value: &str) -> Result<i64, Miss> {
    let value = value.trim();
    let whole = value
        .strip_suffix(".0")
        .or_else(|| value.strip_suffix(",0"))
        .unwrap_or(value);
    whole.parse::<i64>().map_err(|_| {
        (
            format!("`{}` is not a whole number", shown(value)),
            "write a whole number such as 1, 2 or -1".to_string(),
        )
    })
}

/// Yes or no: `true`/`false`, `ja`/`nein`, `yes`/`no`, `wahr`/`falsch`,
/// `x`, `1`/`0`.
pub fn boolean(value: &str) -> Result<bool, Miss> {
    match fold(value).as_str() {
        "true" | "ja" | "yes" | "wahr" | "x" | "1" => Ok(true),
        "false" | "nein" | "no" | "falsch" | "0" => Ok(false),
        _ => Err((
            format!("`{}` is neither yes nor no", shown(value)),
            "write ja or nein (true or false), or leave the cell empty".to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn items(cell: &str) -> Vec<(String, Range<usize>)> {
        split_list(cell)
    }

    #[test]
    fn lists_split_on_semicolons_and_line_breaks() {
        let cell = " Kauf; Nutzung\nBindung ;; \r\nKauf";
        let got = items(cell);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Kauf", "Nutzung", "Bindung"]);
        for (name, range) in &got {
            assert_eq!(&cell[range.clone()], name);
        }
        assert!(items("").is_empty());
        assert!(items(" ; \n ").is_empty());
        assert_eq!(items("Preis, Leistung")[0].0, "Preis, Leistung");
    }

    fn stages() -> Vec<Category> {
        [
            ("consideration", "Abwägung", "Consideration"),
            ("purchase", "Kauf", "Purchase"),
        ]
        .iter()
        .map(|(id, de, en)| Category {
            id: id.to_string(),
            labels: BTreeMap::from([("de".into(), de.to_string()), ("en".into(), en.to_string())]),
        })
        .collect()
    }

    #[test]
    fn labels_map_to_ids() {
        let known = stages();
        for value in [
            "Abwägung",
            "abwaegung",
            "Consideration",
            "consideration",
            " KAUF ",
        ] {
            assert!(category(value.trim(), &known, "stage").is_ok(), "{value}");
        }
        assert_eq!(
            category("Abwägung", &known, "stage").unwrap(),
            "consideration"
        );
        let (message, hint) = category("Abwaegun", &known, "stage").unwrap_err();
        assert_eq!(message, "unknown stage `Abwaegun`");
        assert_eq!(hint, "did you mean \"Abwägung\"?");
        let (_, hint) = category("Zahlung", &known, "stage").unwrap_err();
        assert_eq!(
            hint,
            "the stages are consideration (Abwägung, Consideration); purchase (Kauf, Purchase)"
        );
    }

    #[test]
    fn ownership_values() {
        assert_eq!(ownership("Brand"), Ok(Ownership::Brand));
        assert_eq!(ownership("Marke"), Ok(Ownership::Brand));
        assert_eq!(ownership("extern"), Ok(Ownership::External));
        let (message, hint) = ownership("partnr").unwrap_err();
        assert_eq!(message, "unknown ownership `partnr`");
        assert_eq!(hint, "did you mean \"partner\"?");
    }

    #[test]
    fn dates() {
        assert_eq!(date("2026-04-10").unwrap(), "2026-04-10");
        assert_eq!(date("10.04.2026").unwrap(), "2026-04-10");
        assert_eq!(date("1.4.2026").unwrap(), "2026-04-01");
        assert_eq!(date("2026-04-10 00:00:00").unwrap(), "2026-04-10");
        assert!(date("29.02.2026").is_err());
        assert!(date("gestern").is_err());
        assert!(date("04/10/2026").is_err());
    }

    #[test]
    fn numbers_and_booleans() {
        assert_eq!(integer("3"), Ok(3));
        assert_eq!(integer("3.0"), Ok(3));
        assert!(integer("3.5").is_err());
        assert_eq!(boolean("Ja"), Ok(true));
        assert_eq!(boolean("FALSE"), Ok(false));
        assert!(boolean("vielleicht").is_err());
    }
}
