//! "Did you mean …?" — the nearest known names to a misspelt one, compared
//! case- and umlaut-insensitively by edit distance.

use crate::slug::fold;

/// Optimal-string-alignment distance: Levenshtein plus adjacent
/// transpositions counted as one edit.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Up to `limit` candidates close to `wanted`, nearest first (ties in the
/// candidates' order). "Close" means at most a third of the longer name
/// differs, or one name starts with the other.
pub fn nearest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let wanted_folded = fold(wanted);
    let mut scored: Vec<(usize, usize, &str)> = Vec::new();
    for (index, candidate) in candidates.into_iter().enumerate() {
        let folded = fold(candidate);
        let distance = edit_distance(&wanted_folded, &folded);
        let longest = wanted_folded.chars().count().max(folded.chars().count());
        let prefix = !wanted_folded.is_empty()
            && !folded.is_empty()
            && (folded.starts_with(&wanted_folded) || wanted_folded.starts_with(&folded));
        if distance * 3 <= longest.max(3) || prefix {
            scored.push((distance, index, candidate));
        }
    }
    scored.sort();
    let mut out: Vec<&str> = Vec::new();
    for (_, _, candidate) in scored {
        if !out.contains(&candidate) {
            out.push(candidate);
        }
        if out.len() == limit {
            break;
        }
    }
    out
}

/// A ready hint: `did you mean "x"?` / `did you mean "x" or "y"?`, if any.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let found = nearest(wanted, candidates, 3);
    let quoted: Vec<String> = found.iter().map(|c| format!("\"{c}\"")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [init @ .., last] => Some(format!("did you mean {} or {last}?", init.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("titel", "title"), 1);
    }

    #[test]
    fn suggests_nearest_case_and_umlaut_insensitively() {
        let names = [
            "Kundenbindung",
            "Kundenzufriedenheit",
            "Außenwerbung",
            "CRM",
        ];
        assert_eq!(
            did_you_mean("kundenbindug", names).as_deref(),
            Some("did you mean \"Kundenbindung\"?")
        );
        assert_eq!(nearest("Aussenwerbung", names, 3), vec!["Außenwerbung"]);
        assert_eq!(did_you_mean("Zahlungsart", names), None);
    }
}
