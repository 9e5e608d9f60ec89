//! German alphabetical order for the A–Z glossary (DIN 5007-1: Ä sorts with
//! A, Ö with O, Ü with U, ß as ss; digits and symbols under `#`).

use std::cmp::Ordering;

/// The letter a title is filed under in the A–Z index: `A`..`Z`, or `#`.
pub fn letter(title: &str) -> char {
    let first = title.chars().find(|c| !c.is_whitespace());
    let base = match first {
        Some('ä' | 'Ä') => 'A',
        Some('ö' | 'Ö') => 'O',
        Some('ü' | 'Ü') => 'U',
        Some('ß') => 'S',
        Some(c) => {
            let folded = crate::slug::fold(&c.to_string());
            folded.chars().next().unwrap_or('#').to_ascii_uppercase()
        }
        None => '#',
    };
    if base.is_ascii_uppercase() { base } else { '#' }
}

/// A sort key: umlauts as their base letter (DIN 5007-1, not the phone-book
/// ae/oe/ue variant), ß as ss, case and other accents ignored.
/// Spaces, hyphens and other punctuation all count as one word separator,
/// so "Service Blueprint" and "Service-Level-Agreement" compare word by word.
fn primary_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    for c in title.chars() {
        match c {
            'ä' | 'Ä' => key.push('a'),
            'ö' | 'Ö' => key.push('o'),
            'ü' | 'Ü' => key.push('u'),
            c if c.is_ascii_alphanumeric() => key.push(c.to_ascii_lowercase()),
            c if c.is_alphanumeric() => {
                key.push_str(&crate::slug::fold(c.encode_utf8(&mut [0; 4])))
            }
            _ => {
                if !key.is_empty() && !key.ends_with(' ') {
                    key.push(' ');
                }
            }
        }
    }
    key.trim_end().to_string()
}

/// The key that orders titles in German dictionary order. Titles filed under
/// `#` come first, as `#` does in the index; ties (`Muller`/`Müller`) are
/// broken by the plain text so the order is total and deterministic.
/// Use with `sort_by_cached_key`.
pub fn sort_key(title: &str) -> (bool, String, String) {
    (letter(title) != '#', primary_key(title), title.to_string())
}

/// Compares two titles in German dictionary order (see [`sort_key`]).
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(letter("Äpfel"), 'A');
        assert_eq!(letter("Öl"), 'O');
        assert_eq!(letter("Übergabe"), 'U');
        assert_eq!(letter("crm"), 'C');
        assert_eq!(letter("3D-Druck"), '#');
        assert_eq!(letter("#hashtag"), '#');
        assert_eq!(letter("Élan"), 'E');
        assert_eq!(letter(""), '#');
    }

    #[test]
    fn spaces_and_hyphens_separate_words_alike() {
        let mut titles = vec![
            "Service-Level-Agreement",
            "Service Blueprint",
            "Customer-Relationship-Management",
            "Customer Journey",
        ];
        titles.sort_by(|a, b| compare(a, b));
        assert_eq!(
            titles,
            [
                "Customer Journey",
                "Customer-Relationship-Management",
                "Service Blueprint",
                "Service-Level-Agreement"
            ]
        );
    }

    #[test]
    fn german_order() {
        let mut titles = vec![
            "Zahlung",
            "Übergabe",
            "Apfel",
            "Äpfel",
            "Ofen",
            "Öl",
            "Strasse",
            "Straße",
            "abonnement",
            "24/7-Hotline",
        ];
        titles.sort_by(|a, b| compare(a, b));
        assert_eq!(
            titles,
            vec![
                "24/7-Hotline",
                "abonnement",
                "Apfel",
                "Äpfel",
                "Ofen",
                "Öl",
                "Strasse",
                "Straße",
                "Übergabe",
                "Zahlung"
            ]
        );
    }
}
