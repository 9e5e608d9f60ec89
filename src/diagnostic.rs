//! Content problems as values. Every stage collects `Diagnostic`s instead of
//! stopping at the first one, so a run lists all problems together.

use std::fmt;
use std::path::PathBuf;

/// How bad a problem is: errors fail the build, warnings are only shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one input file, with everything needed to show it rustc-style.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Characters to underline (at least 1).
    pub width: usize,
    /// The offending source line, without its line ending.
    pub line_text: String,
    /// Where the underline starts in `line_text` (1-based, in characters)
    /// when that is not `column`: a spreadsheet cell is shown as
    /// `Header: text`, while `column` is the sheet's column.
    pub excerpt_column: Option<usize>,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about a whole file, when no position makes sense.
    pub fn file(path: impl Into<PathBuf>, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            line: 1,
            column: 1,
            width: 1,
            line_text: String::new(),
            excerpt_column: None,
            severity,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&PathBuf, usize, usize, &str) {
        (&self.path, self.line, self.column, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(
            f,
            "{pad}--> {}:{}:{}",
            self.path.display(),
            self.line,
            self.column
        )?;
        if !self.line_text.is_empty() {
            let start = self.excerpt_column.unwrap_or(self.column);
            let (shown, column) = excerpt(&self.line_text, start);
            let shown = shown.replace('\t', " ");
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {shown}")?;
            let indent = " ".repeat(column.saturating_sub(1));
            let width = self.width.clamp(1, MAX_SHOWN);
            writeln!(f, "{pad} | {indent}{}", "^".repeat(width))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{pad} = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Characters of a source line shown at most; a longer line (minified
/// text, a 5 MiB paragraph) is cut to the part around the column.
const MAX_SHOWN: usize = 160;
/// Characters shown before the column in a cut line.
const BEFORE: usize = 60;

/// The part of `line` to show, and the column within it.
fn excerpt(line: &str, column: usize) -> (std::borrow::Cow<'_, str>, usize) {
    if line.len() <= MAX_SHOWN || line.chars().count() <= MAX_SHOWN {
        return (line.into(), column);
    }
    let start = column.saturating_sub(1).saturating_sub(BEFORE);
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    let mut taken = 0;
    let mut rest = line.chars().skip(start);
    for c in rest.by_ref().take(MAX_SHOWN) {
        shown.push(c);
        taken += 1;
    }
    if taken == MAX_SHOWN && rest.next().is_some() {
        shown.push('…');
    }
    (shown.into(), column - start + usize::from(start > 0))
}

/// Sorts diagnostics by file and position and drops exact duplicates, so the
/// report is stable whatever order parallel stages produced them in.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// `N errors, M warnings` for the summary line.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let d = Diagnostic {
            path: "content/glossary/crm.md".into(),
            line: 2,
            column: 1,
            width: 5,
            line_text: "titel = \"CRM\"".into(),
            excerpt_column: None,
            severity: Severity::Error,
            message: "unknown key `titel`".into(),
            hint: Some("did you mean `title`?".into()),
        };
        assert_eq!(
            d.to_string(),
            "error: unknown key `titel`\n --> content/glossary/crm.md:2:1\n  |\n2 | titel = \"CRM\"\n  | ^^^^^\n  = hint: did you mean `title`?\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let mut d = Diagnostic::file("a.md", Severity::Error, "broken");
        d.line_text = format!("{}[[Nichts]]{}", "x".repeat(5000), "y".repeat(5000));
        d.column = 5001;
        d.width = 10;
        let text = d.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], " --> a.md:1:5001");
        assert!(
            lines[3].starts_with("1 | …xxx") && lines[3].ends_with("yyy…"),
            "{}",
            lines[3]
        );
        assert!(lines[3].chars().count() < 200);
        let caret = lines[4].chars().position(|c| c == '^').unwrap();
        let under: String = lines[3].chars().skip(caret).take(10).collect();
        assert_eq!(under, "[[Nichts]]");
        assert_eq!(lines[4].matches('^').count(), 10);
        // Short lines are shown whole.
        d.line_text = "kurz".into();
        d.column = 2;
        d.width = 1;
        assert!(d.to_string().contains("1 | kurz\n  |  ^\n"));
    }

    #[test]
    fn summary_counts() {
        let e = Diagnostic::file("a", Severity::Error, "x");
        let w = Diagnostic::file("a", Severity::Warning, "y");
        assert_eq!(summary(&[e.clone(), w]), "1 error, 1 warning");
        assert_eq!(summary(&[e.clone(), e]), "2 errors, 0 warnings");
    }
}
