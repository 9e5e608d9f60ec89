//! tera set-up, and template errors turned into diagnostics that point at
//! the template file and line.

use std::error::Error as _;

use tera::Tera;

use crate::diagnostic::Diagnostic;
use crate::source::Source;
use crate::theme::Theme;

/// Compiles every template of the theme. When one fails, it is set aside
/// and the rest compiled again, so a run reports every broken template.
pub fn compile(theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut broken: Vec<String> = Vec::new();
    loop {
        let mut tera = new_tera();
        let all = theme.templates.iter().map(|(name, t)| {
            let text = if broken.contains(name) {
                ""
            } else {
                t.text.as_str()
            };
            (name.as_str(), text)
        });
        match tera.add_raw_templates(all) {
            Ok(()) if diagnostics.is_empty() => return Ok(tera),
            Ok(()) => return Err(diagnostics),
            Err(e) => {
                let name = mentioned_template(theme, &chain(&e))
                    .unwrap_or("base.html")
                    .to_string();
                diagnostics.push(error(theme, &name, &e));
                if broken.contains(&name) {
                    return Err(diagnostics);
                }
                broken.push(name);
            }
        }
    }
}

/// A tera that escapes HTML like every other part of touchbase: `&<>"'`
/// only, so URLs keep their slashes readable.
fn new_tera() -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::highlight::escape);
    tera
}

/// The whole message of a tera error, causes included.
pub fn chain(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The last template named in quotes in an error message (the innermost one).
fn mentioned_template<'a>(theme: &'a Theme, message: &str) -> Option<&'a str> {
    theme
        .templates
        .keys()
        .filter_map(|name| {
            let quoted = [
                format!("'{name}'"),
                format!("\"{name}\""),
                format!("`{name}`"),
            ];
            quoted
                .iter()
                .filter_map(|q| message.rfind(q.as_str()))
                .max()
                .map(|pos| (pos, name.as_str()))
        })
        .max()
        .map(|(_, name)| name)
}

/// A diagnostic for a tera error in template `name` (or the innermost
/// template the message names): the parser's line and column when it gives
/// one, else the first place the missing variable or filter is used.
pub fn error(theme: &Theme, name: &str, e: &tera::Error) -> Diagnostic {
    let message = chain(e);
    let name = mentioned_template(theme, &message).unwrap_or(name);
    let Some(template) = theme.templates.get(name) else {
        return Diagnostic::file(name, crate::Severity::Error, message);
    };
    let source = Source::new(template.display.clone(), template.text.clone());
    let offset = parser_position(&message)
        .and_then(|(line, column)| offset_of(&source.text, line, column))
        .or_else(|| backticked(&message).and_then(|word| source.text.find(word)));
    let (summary, detail) = summarize(&message);
    let span = offset.map_or(0..0, |o| o..o + backticked(&message).map_or(1, str::len));
    source.error(span, summary).with_hint(detail)
}

/// `(line, column)` from a pest error's ` --> 12:5` marker.
fn parser_position(message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find(" --> ")? + 5..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit() && c != ':')
        .unwrap_or(rest.len());
    let (line, column) = rest[..end].split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let line_text = &text[start..];
    let col = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    Some(start + col)
}

/// The first `name` quoted in backticks in a message.
fn backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len]).filter(|w| !w.is_empty())
}

/// A one-line message and the detail for the hint.
fn summarize(message: &str) -> (String, String) {
    if let Some(pos) = message.find(" --> ") {
        let expected = message[pos..]
            .lines()
            .find_map(|l| l.trim().strip_prefix("= "))
            .unwrap_or("");
        let head = message[..pos].trim_end_matches([':', ' ']).to_string();
        return (format!("template error: {head}"), expected.to_string());
    }
    let last = message.rsplit(": ").next().unwrap_or(message).to_string();
    (
        format!("template error: {last}"),
        "check the template against themes/default/CONTEXT.md".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::Template;

    fn theme_with(name: &str, text: &str) -> Theme {
        let mut theme = Theme::default();
        let template = Template {
            text: text.into(),
            display: format!("templates/{name}").into(),
        };
        theme.templates.insert(name.into(), template);
        theme
    }

    #[test]
    fn syntax_errors_point_at_template_line() {
        let theme = theme_with("page.html", "<p>\n{{ page.title | }}\n</p>\n");
        let errors = compile(&theme).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, std::path::Path::new("templates/page.html"));
        assert_eq!(errors[0].line, 2);
        assert!(
            errors[0].message.starts_with("template error"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn missing_variables_point_at_first_use() {
        let theme = theme_with("page.html", "<p>\n  {{ nothing.here }}\n</p>\n");
        let tera = compile(&theme).unwrap();
        let e = tera.render("page.html", &tera::Context::new()).unwrap_err();
        let d = error(&theme, "page.html", &e);
        assert_eq!((d.line, d.column), (2, 6));
        assert!(d.message.contains("nothing.here"), "{}", d.message);
    }
}
