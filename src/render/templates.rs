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
    tera.register_filter("link_items", link_items);
    tera
}

/// `{{ links | link_items | safe }}`: a list of `Link`s (`title`, `url`,
/// `description`) as `<li>` items, one per line. The description becomes
/// the link's tooltip, or with `descriptions=true` is written after it.
///
/// Lists of links are the longest loops of most pages (a term many pages
/// mention has as many backlinks); written here, an item costs a tenth of
/// what a template loop spends looking up its fields.
fn link_items(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    use crate::highlight::escape_into;
    let descriptions = args
        .get("descriptions")
        .and_then(tera::Value::as_bool)
        .unwrap_or(false);
    let items = value
        .as_array()
        .ok_or_else(|| tera::Error::msg("`link_items` needs a list of links"))?;
    let mut html = String::new();
    for item in items {
        let field = |name| item.get(name).and_then(tera::Value::as_str).unwrap_or("");
        let (title, url, description) = (field("title"), field("url"), field("description"));
        html.push_str("\n  <li><a href=\"");
        escape_into(&mut html, url);
        html.push('"');
        if !descriptions && !description.is_empty() {
            html.push_str(" title=\"");
            escape_into(&mut html, description);
            html.push('"');
        }
        html.push('>');
        escape_into(&mut html, title);
        html.push_str("</a>");
        if descriptions && !description.is_empty() {
            html.push_str("<span class=\"desc\"> – ");
            escape_into(&mut html, description);
            html.push_str("</span>");
        }
        html.push_str("</li>");
    }
    Ok(tera::Value::String(html))
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

    #[test]
    fn link_items_escape_and_place_descriptions() {
        let items = serde_json::json!([
            {"title": "A & B", "url": "/kb/a/", "description": "Say \"hi\""},
            {"title": "C", "url": "/kb/c/", "description": ""},
        ]);
        let html = |descriptions: bool| {
            let args = [("descriptions".to_string(), descriptions.into())].into();
            link_items(&items, &args).unwrap()
        };
        assert_eq!(
            html(false),
            "\n  <li><a href=\"/kb/a/\" title=\"Say &quot;hi&quot;\">A &amp; B</a></li>\
             \n  <li><a href=\"/kb/c/\">C</a></li>"
        );
        assert_eq!(
            html(true),
            "\n  <li><a href=\"/kb/a/\">A &amp; B</a><span class=\"desc\"> – Say &quot;hi&quot;</span></li>\
             \n  <li><a href=\"/kb/c/\">C</a></li>"
        );
        assert!(link_items(&"text".into(), &Default::default()).is_err());
    }

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
