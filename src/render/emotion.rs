//! The emotion curve of a journey as inline SVG, drawn here rather than in a
//! template or the browser: one point per step from −2 to +2, the stages as
//! labelled bands, a labelled axis, step labels, and the same data as text
//! (`<title>` and `<desc>`) for screen readers. No script, no chart library.
//!
//! Colours are given as presentation attributes that pass WCAG contrast on
//! a white background (text 4.5:1, graphics 3:1); the theme's stylesheet
//! overrides them through the classes for dark mode.

use std::fmt::Write;

use crate::highlight::escape;

/// One step of a journey as the curve shows it.
#[derive(Debug, Clone)]
pub struct Point<'a> {
    /// Stage id: consecutive steps with the same id share a band.
    pub stage_id: &'a str,
    pub stage: &'a str,
    pub touchpoint: &'a str,
    /// −2 (very bad) ..= 2 (very good); clamped when drawn.
    pub emotion: i8,
    pub note: &'a str,
}

/// UI strings of the page's language.
#[derive(Debug, Clone)]
pub struct Strings<'a> {
    /// Accessible name of the chart.
    pub title: &'a str,
    /// Axis title ("Emotion").
    pub axis: &'a str,
    /// "Step" as in "Step 3".
    pub step: &'a str,
    /// Words for −2, −1, 0, +1, +2.
    pub words: [&'a str; 5],
}

/// The ids the SVG gives its `<title>` and `<desc>`; `journey.html` names
/// them so heading ids never take them.
pub const TITLE_ID: &str = "emotion-title";
pub const DESC_ID: &str = "emotion-desc";

const LEFT: i32 = 130;
const RIGHT: i32 = 12;
const STEP_W: i32 = 128;
const BAND_TOP: i32 = 8;
const PLOT_TOP: i32 = 56;
const LEVEL_H: i32 = 40;
const PLOT_BOTTOM: i32 = PLOT_TOP + 4 * LEVEL_H + 16;
const HEIGHT: i32 = PLOT_BOTTOM + 70;
/// Characters of a step label per line (11px text in a 128px column).
const LABEL_CHARS: usize = 19;

const INK: &str = "#57606a";
const CURVE: &str = "#0b57c2";
const POS: &str = "#1a7434";
const NEG: &str = "#b42318";
const GRID: &str = "#c9d1da";
const BAND: &str = "#f3f5f8";

/// The y coordinate of an emotion value.
fn y(emotion: i8) -> i32 {
    PLOT_TOP + (2 - i32::from(emotion.clamp(-2, 2))) * LEVEL_H
}

fn x(index: usize) -> i32 {
    LEFT + STEP_W * index as i32 + STEP_W / 2
}

/// `+2`, `0`, `−1` (with a real minus sign).
pub fn signed(emotion: i8) -> String {
    match emotion {
        e if e > 0 => format!("+{e}"),
        e if e < 0 => format!("−{}", -i32::from(e)),
        _ => "0".to_string(),
    }
}

fn class_of(emotion: i8) -> (&'static str, &'static str) {
    match emotion {
        e if e > 0 => ("pos", POS),
        e if e < 0 => ("neg", NEG),
        _ => ("neutral", INK),
    }
}

/// The SVG markup of the curve; empty without steps.
pub fn svg(points: &[Point<'_>], strings: &Strings<'_>) -> String {
    if points.is_empty() {
        return String::new();
    }
    let width = LEFT + STEP_W * points.len() as i32 + RIGHT;
    let mut out = String::with_capacity(2048 + points.len() * 600);
    let _ = write!(
        out,
        "<svg class=\"emotion-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {HEIGHT}\" width=\"{width}\" height=\"{HEIGHT}\" role=\"img\" aria-labelledby=\"{TITLE_ID}\" aria-describedby=\"{DESC_ID}\" font-family=\"system-ui, sans-serif\">\n<title id=\"{TITLE_ID}\">{}</title>\n<desc id=\"{DESC_ID}\">{}</desc>\n",
        escape(strings.title),
        escape(&description(points, strings)),
    );
    bands(&mut out, points);
    axis(&mut out, width, strings);
    curve(&mut out, points, strings);
    out.push_str("</svg>");
    out
}

/// The data as one text: "Step 1, Awareness, Online ads: 0 (neutral). …".
fn description(points: &[Point<'_>], strings: &Strings<'_>) -> String {
    let mut text = String::new();
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        let _ = write!(
            text,
            "{} {}, {}, {}: {} ({}).",
            strings.step,
            i + 1,
            p.stage,
            p.touchpoint,
            signed(p.emotion),
            word(strings, p.emotion)
        );
    }
    text
}

fn word<'a>(strings: &Strings<'a>, emotion: i8) -> &'a str {
    strings.words[(emotion.clamp(-2, 2) + 2) as usize]
}

/// Alternating background bands, one per run of steps in the same stage,
/// with the stage name on top.
fn bands(out: &mut String, points: &[Point<'_>]) {
    out.push_str("<g class=\"stages\">\n");
    let mut start = 0;
    let mut band = 0;
    while start < points.len() {
        let id = points[start].stage_id;
        let end = start
            + points[start..]
                .iter()
                .take_while(|p| p.stage_id == id)
                .count();
        let x0 = LEFT + STEP_W * start as i32;
        let w = STEP_W * (end - start) as i32;
        let class = if band % 2 == 0 { "band" } else { "band alt" };
        let fill = if band % 2 == 0 { BAND } else { "none" };
        let label = shorten(points[start].stage, (w as usize - 8) / 8);
        let _ = write!(
            out,
            "<rect class=\"{class}\" x=\"{x0}\" y=\"{BAND_TOP}\" width=\"{w}\" height=\"{}\" fill=\"{fill}\"/>\n<text class=\"stage-name\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\" fill=\"{INK}\">{}</text>\n",
            PLOT_BOTTOM - BAND_TOP,
            x0 + w / 2,
            BAND_TOP + 22,
            escape(&label),
        );
        band += 1;
        start = end;
    }
    out.push_str("</g>\n");
}

/// Grid lines and the labelled value axis.
fn axis(out: &mut String, width: i32, strings: &Strings<'_>) {
    let _ = write!(
        out,
        "<g class=\"axis\">\n<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" font-weight=\"600\" fill=\"{INK}\">{}</text>\n",
        LEFT - 10,
        BAND_TOP + 22,
        escape(strings.axis)
    );
    for value in (-2..=2).rev() {
        let yv = y(value);
        let class = if value == 0 { "grid zero" } else { "grid" };
        let dash = if value == 0 {
            " stroke-dasharray=\"4 4\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<line class=\"{class}\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{yv}\" y2=\"{yv}\" stroke=\"{GRID}\"{dash}/>\n<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" fill=\"{INK}\">{} {}</text>\n",
            width - RIGHT,
            LEFT - 10,
            yv + 4,
            signed(value),
            escape(word(strings, value)),
        );
    }
    out.push_str("</g>\n");
}

/// The line, one marked point per step and the step labels below.
fn curve(out: &mut String, points: &[Point<'_>], strings: &Strings<'_>) {
    let coords: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{},{}", x(i), y(p.emotion)))
        .collect();
    let _ = writeln!(
        out,
        "<polyline class=\"curve\" points=\"{}\" fill=\"none\" stroke=\"{CURVE}\" stroke-width=\"3\" stroke-linejoin=\"round\"/>",
        coords.join(" ")
    );
    out.push_str("<g class=\"steps\">\n");
    for (i, p) in points.iter().enumerate() {
        let (class, fill) = class_of(p.emotion);
        let (cx, cy) = (x(i), y(p.emotion));
        let mut tip = format!(
            "{} {}: {} ({}) – {} {} ({})",
            strings.step,
            i + 1,
            p.touchpoint,
            p.stage,
            strings.axis,
            signed(p.emotion),
            word(strings, p.emotion)
        );
        if !p.note.is_empty() {
            tip.push_str(". ");
            tip.push_str(p.note);
        }
        let _ = write!(
            out,
            "<g class=\"step\">\n<title>{}</title>\n<circle class=\"point {class}\" cx=\"{cx}\" cy=\"{cy}\" r=\"7\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"2\"/>\n<text class=\"step-no\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"700\" fill=\"{INK}\">{}</text>\n",
            escape(&tip),
            PLOT_BOTTOM + 18,
            i + 1,
        );
        for (line, text) in wrap(p.touchpoint, LABEL_CHARS, 2).iter().enumerate() {
            let _ = writeln!(
                out,
                "<text class=\"step-label\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{INK}\">{}</text>",
                PLOT_BOTTOM + 36 + 15 * line as i32,
                escape(text),
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Word-wraps `text` into at most `lines` lines of about `width`
/// characters; the last line ends with an ellipsis when text is left over.
fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.len() > lines {
        let rest = out[lines - 1..].join(" ");
        out.truncate(lines - 1);
        out.push(shorten(&rest, width));
    }
    // A single word longer than a line is cut too.
    out.iter().map(|line| shorten(line, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings<'static> {
        Strings {
            title: "Emotion curve",
            axis: "Emotion",
            step: "Step",
            words: ["very bad", "bad", "neutral", "good", "very good"],
        }
    }

    fn point(stage: &'static str, touchpoint: &'static str, emotion: i8) -> Point<'static> {
        Point {
            stage_id: stage,
            stage,
            touchpoint,
            emotion,
            note: "",
        }
    }

    #[test]
    fn no_steps_no_svg() {
        assert_eq!(svg(&[], &strings()), "");
    }

    #[test]
    fn points_sit_on_their_level() {
        let points = [
            point("a", "Web", 2),
            point("a", "Chat", -2),
            point("b", "Hotline", 0),
        ];
        let out = svg(&points, &strings());
        // Steps are 128 wide from x = 130, each point at the centre of its
        // step; +2 is at y = 56 and each level 40 lower (0 at 136, −2 at 216).
        assert!(out.contains("points=\"194,56 322,216 450,136\""), "{out}");
        assert!(out.contains("cx=\"194\" cy=\"56\""), "{out}");
        assert!(out.contains("cx=\"322\" cy=\"216\""), "{out}");
        assert!(out.contains("cx=\"450\" cy=\"136\""), "{out}");
        // Two stage bands: a (two steps), b.
        assert_eq!(out.matches("<rect class=\"band").count(), 2);
        assert!(out.contains("<desc id=\"emotion-desc\">Step 1, a, Web: +2 (very good). Step 2, a, Chat: −2 (very bad). Step 3, b, Hotline: 0 (neutral).</desc>"));
    }

    #[test]
    fn text_is_escaped() {
        let points = [point("a", "</svg><script>", 1)];
        let out = svg(&points, &strings());
        assert!(!out.contains("<script>"));
        assert!(out.contains("&lt;/svg&gt;&lt;script&gt;"));
    }

    #[test]
    fn labels_wrap_and_shorten() {
        assert_eq!(
            wrap("Kundenbindungsprogramm", 19, 2),
            ["Kundenbindungsprog…"]
        );
        assert_eq!(
            wrap("Produktbewertungen und Rezensionen", 19, 2),
            ["Produktbewertungen", "und Rezensionen"]
        );
        assert_eq!(
            wrap("Checkout im Onlineshop", 17, 2),
            ["Checkout im", "Onlineshop"]
        );
        assert_eq!(
            wrap("eins zwei drei vier fünf sechs sieben", 10, 2),
            ["eins zwei", "drei vier…"]
        );
        assert_eq!(shorten("Bewusstsein", 5), "Bewu…");
        assert_eq!(signed(-1), "−1");
    }
}
