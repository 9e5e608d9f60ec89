//! Slugs and name normalisation: the one place that decides how a title or
//! file stem becomes a URL segment, and how names compare when matching.

/// The ASCII transliteration of a non-ASCII letter: German umlauts and ß
/// become two letters, other accented Latin letters lose their accent.
/// `None`: kept as it is.
fn transliteration(c: char) -> Option<&'static str> {
    Some(match c {
        'ä' => "ae",
        'ö' => "oe",
        'ü' => "ue",
        'Ä' => "Ae",
        'Ö' => "Oe",
        'Ü' => "Ue",
        'ß' => "ss",
        'ẞ' => "SS",
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'Ç' | 'Ć' | 'Č' | 'Ĉ' | 'Ċ' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ğ' | 'ĝ' | 'ġ' | 'ģ' => "g",
        'Ğ' | 'Ĝ' | 'Ġ' | 'Ģ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
        'Ł' | 'Ľ' | 'Ĺ' | 'Ļ' => "L",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'Ñ' | 'Ń' | 'Ň' | 'Ņ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ŕ' | 'ř' => "r",
        'Ŕ' | 'Ř' => "R",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
        'ť' | 'ţ' | 'ț' => "t",
        'Ť' | 'Ţ' | 'Ț' => "T",
        'ù' | 'ú' | 'û' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'þ' => "th",
        'Þ' => "TH",
        'ð' => "d",
        'Ð' => "D",
        _ => return None,
    })
}

/// Calls `f` with each character of `input` transliterated.
fn each_transliterated(input: &str, mut f: impl FnMut(char)) {
    for c in input.chars() {
        match c.is_ascii() {
            true => f(c),
            false => match transliteration(c) {
                Some(s) => s.chars().for_each(&mut f),
                None => f(c),
            },
        }
    }
}

/// Appends the lowercase form of `c`.
fn push_lowercase(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Turns a title or file stem into a URL slug: lowercase, umlauts
/// transliterated (ä→ae, ß→ss), other accents dropped, and every run of
/// anything but letters and digits turned into one `-`, trimmed at both ends.
///
/// Letters of scripts without a transliteration (Cyrillic, CJK …) are kept.
pub fn slugify(input: &str) -> String {
    let mut slug = String::with_capacity(input.len());
    let mut pending_dash = false;
    each_transliterated(input, |c| {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            push_lowercase(&mut slug, c);
        } else {
            pending_dash = true;
        }
    });
    slug
}

/// A name in the form used for matching and sorting: lowercase, umlauts
/// and ß expanded like in slugs, other accents dropped, inner whitespace
/// collapsed. `"Außenwerbung"`, `"aussenwerbung"` and `"AUSSENWERBUNG"` agree.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    each_transliterated(input, |c| {
        if c.is_whitespace() {
            pending_space = true;
            return;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        push_lowercase(&mut out, c);
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn design_examples() {
        assert_eq!(slugify("Außenwerbung"), "aussenwerbung");
        assert_eq!(slugify("Hash_function"), "hash-function");
    }

    #[test]
    fn umlauts_accents_and_runs() {
        assert_eq!(slugify("Über Öl & Äpfel"), "ueber-oel-aepfel");
        assert_eq!(slugify("Café crème"), "cafe-creme");
        assert_eq!(slugify("  --Live-Chat--  "), "live-chat");
        assert_eq!(slugify("E-Mail/Newsletter (B2B)"), "e-mail-newsletter-b2b");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("ÆSIR Łódź"), "aesir-lodz");
    }

    #[test]
    fn keeps_other_scripts_and_handles_empty() {
        assert_eq!(slugify("Привет мир"), "привет-мир");
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn fold_agrees_across_spellings() {
        assert_eq!(fold("Außenwerbung"), "aussenwerbung");
        assert_eq!(fold("AUSSENWERBUNG"), "aussenwerbung");
        assert_eq!(fold(" Customer   Journey "), "customer journey");
    }
}
