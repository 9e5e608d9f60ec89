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
            let shown = self.line_text.replace('\t', " ");
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {shown}")?;
            let start = self.excerpt_column.unwrap_or(self.column);
            let indent = " ".repeat(start.saturating_sub(1));
            writeln!(f, "{pad} | {indent}{}", "^".repeat(self.width.max(1)))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{pad} = hint: {hint}")?;
        }
        Ok(())
    }
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
    fn summary_counts() {
        let e = Diagnostic::file("a", Severity::Error, "x");
        let w = Diagnostic::file("a", Severity::Warning, "y");
        assert_eq!(summary(&[e.clone(), w]), "1 error, 1 warning");
        assert_eq!(summary(&[e.clone(), e]), "2 errors, 0 warnings");
    }
}
