//! Two emotion curves on one chart: a future-state journey and the current
//! journey it improves. Their steps differ, so both are drawn per stage:
//! one point per stage a journey visits, at the average emotion of its
//! steps there. The current curve is dashed with square points, the
//! future one solid with round points, so they differ without colour; a
//! legend names them and `<desc>` gives every value as text.

use std::fmt::Write;

use crate::highlight::escape;

/// One stage on the chart and each journey's average emotion in it
/// (`None` when the journey has no step in the stage).
#[derive(Debug, Clone)]
pub struct StagePoint<'a> {
    pub stage: &'a str,
    pub current: Option<f64>,
    pub future: Option<f64>,
}

/// UI strings of the page's language.
#[derive(Debug, Clone)]
pub struct Strings<'a> {
    /// Accessible name of the chart.
    pub title: &'a str,
    /// Legend entries ("Current state: Erstkauf").
    pub current: &'a str,
    pub future: &'a str,
    /// Axis title ("Emotion").
    pub axis: &'a str,
    /// "no step" for a stage a journey does not visit.
    pub none: &'a str,
}

/// The ids of the chart's `<title>` and `<desc>`, kept off heading ids.
pub const TITLE_ID: &str = "compare-title";
pub const DESC_ID: &str = "compare-desc";

const LEFT: i32 = 70;
const RIGHT: i32 = 16;
const STAGE_W: i32 = 150;
const LEGEND_H: i32 = 60;
const PLOT_TOP: i32 = LEGEND_H + 16;
const LEVEL_H: i32 = 36;
const PLOT_BOTTOM: i32 = PLOT_TOP + 4 * LEVEL_H;
const HEIGHT: i32 = PLOT_BOTTOM + 40;

const INK: &str = "#57606a";
const CURRENT: &str = "#57606a";
const FUTURE: &str = "#0b57c2";
const GRID: &str = "#c9d1da";

fn x(index: usize) -> i32 {
    LEFT + STAGE_W * index as i32 + STAGE_W / 2
}

fn y(emotion: f64) -> f64 {
    f64::from(PLOT_TOP) + (2.0 - emotion.clamp(-2.0, 2.0)) * f64::from(LEVEL_H)
}

/// An average as the page writes it: `+1.5`, `−0.5`, `0` (one decimal,
/// none when whole, a real minus sign).
pub fn format_average(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let text = if rounded.fract() == 0.0 {
        format!("{}", rounded.abs() as i64)
    } else {
        format!("{:.1}", rounded.abs())
    };
    match rounded {
        r if r > 0.0 => format!("+{text}"),
        r if r < 0.0 => format!("−{text}"),
        _ => "0".to_string(),
    }
}

/// The chart's SVG markup; empty without stages.
pub fn svg(points: &[StagePoint<'_>], strings: &Strings<'_>) -> String {
    if points.is_empty() {
        return String::new();
    }
    let width = (LEFT + STAGE_W * points.len() as i32 + RIGHT).max(420);
    let mut out = String::with_capacity(2048 + points.len() * 400);
    let _ = write!(
        out,
        "<svg class=\"compare-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {HEIGHT}\" width=\"{width}\" height=\"{HEIGHT}\" role=\"img\" aria-labelledby=\"{TITLE_ID}\" aria-describedby=\"{DESC_ID}\" font-family=\"system-ui, sans-serif\">\n<title id=\"{TITLE_ID}\">{}</title>\n<desc id=\"{DESC_ID}\">{}</desc>\n",
        escape(strings.title),
        escape(&description(points, strings)),
    );
    legend(&mut out, strings);
    grid(&mut out, points, width, strings);
    curve(&mut out, points, |p| p.current, "current", CURRENT);
    curve(&mut out, points, |p| p.future, "future", FUTURE);
    out.push_str("</svg>");
    out
}

fn description(points: &[StagePoint<'_>], strings: &Strings<'_>) -> String {
    let value = |v: Option<f64>| v.map_or_else(|| strings.none.to_string(), format_average);
    points
        .iter()
        .map(|p| {
            format!(
                "{}: {} {}, {} {}.",
                p.stage,
                strings.current,
                value(p.current),
                strings.future,
                value(p.future)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn legend(out: &mut String, strings: &Strings<'_>) {
    let _ = write!(
        out,
        "<g class=\"legend\">\n<line class=\"current\" x1=\"{LEFT}\" x2=\"{}\" y1=\"16\" y2=\"16\" stroke=\"{CURRENT}\" stroke-width=\"3\" stroke-dasharray=\"8 5\"/>\n<rect class=\"point current\" x=\"{}\" y=\"11\" width=\"10\" height=\"10\" fill=\"{CURRENT}\"/>\n<text x=\"{}\" y=\"21\" font-size=\"13\" fill=\"{INK}\">{}</text>\n<line class=\"future\" x1=\"{LEFT}\" x2=\"{}\" y1=\"40\" y2=\"40\" stroke=\"{FUTURE}\" stroke-width=\"3\"/>\n<circle class=\"point future\" cx=\"{}\" cy=\"40\" r=\"6\" fill=\"{FUTURE}\"/>\n<text x=\"{}\" y=\"45\" font-size=\"13\" fill=\"{INK}\">{}</text>\n</g>\n",
        LEFT + 40,
        LEFT + 15,
        LEFT + 50,
        escape(strings.current),
        LEFT + 40,
        LEFT + 20,
        LEFT + 50,
        escape(strings.future),
    );
}

fn grid(out: &mut String, points: &[StagePoint<'_>], width: i32, strings: &Strings<'_>) {
    out.push_str("<g class=\"axis\">\n");
    let _ = writeln!(
        out,
        "<text class=\"axis-title\" x=\"8\" y=\"{}\" font-size=\"12\" font-weight=\"600\" fill=\"{INK}\">{}</text>",
        PLOT_TOP - 16,
        escape(strings.axis)
    );
    for value in (-2..=2).rev() {
        let yv = y(f64::from(value));
        let dash = if value == 0 {
            " stroke-dasharray=\"2 3\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{yv}\" y2=\"{yv}\" stroke=\"{GRID}\"{dash}/>\n<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" fill=\"{INK}\">{}</text>\n",
            width - RIGHT,
            LEFT - 8,
            yv + 4.0,
            super::emotion::signed(value as i8),
        );
    }
    for (i, p) in points.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text class=\"stage-name\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\" fill=\"{INK}\">{}</text>",
            x(i),
            PLOT_BOTTOM + 24,
            escape(p.stage),
        );
    }
    out.push_str("</g>\n");
}

fn curve(
    out: &mut String,
    points: &[StagePoint<'_>],
    value: impl Fn(&StagePoint<'_>) -> Option<f64>,
    class: &str,
    colour: &str,
) {
    let coords: Vec<(i32, f64)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((x(i), y(value(p)?))))
        .collect();
    if coords.is_empty() {
        return;
    }
    let dash = if class == "current" {
        " stroke-dasharray=\"8 5\""
    } else {
        ""
    };
    let line: Vec<String> = coords.iter().map(|(x, y)| format!("{x},{y}")).collect();
    let _ = writeln!(
        out,
        "<g class=\"{class}\">\n<polyline class=\"curve\" points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"3\" stroke-linejoin=\"round\"{dash}/>",
        line.join(" ")
    );
    for (x, y) in coords {
        if class == "current" {
            let _ = writeln!(
                out,
                "<rect class=\"point\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/>",
                x - 6,
                y - 6.0
            );
        } else {
            let _ = writeln!(
                out,
                "<circle class=\"point\" cx=\"{x}\" cy=\"{y}\" r=\"7\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"2\"/>"
            );
        }
    }
    out.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings<'static> {
        Strings {
            title: "Emotion: current and future",
            current: "Current",
            future: "Future",
            axis: "Emotion",
            none: "no step",
        }
    }

    #[test]
    fn averages_read_like_the_page() {
        assert_eq!(format_average(1.0), "+1");
        assert_eq!(format_average(-0.5), "−0.5");
        assert_eq!(format_average(0.0), "0");
        assert_eq!(format_average(2.0 / 3.0), "+0.7");
    }

    #[test]
    fn both_curves_with_the_current_one_dashed() {
        let points = [
            StagePoint {
                stage: "Kauf",
                current: Some(-2.0),
                future: Some(1.0),
            },
            StagePoint {
                stage: "Nutzung",
                current: None,
                future: Some(2.0),
            },
        ];
        let out = svg(&points, &strings());
        let current = &out[out.find("<g class=\"current\">").unwrap()..];
        let current = &current[..current.find("</g>").unwrap()];
        assert!(current.contains("stroke-dasharray"));
        assert!(current.contains(&format!("points=\"{},{}\"", x(0), y(-2.0))));
        let future = &out[out.find("<g class=\"future\">").unwrap()..];
        assert!(future.contains(&format!(
            "points=\"{},{} {},{}\"",
            x(0),
            y(1.0),
            x(1),
            y(2.0)
        )));
        assert!(out.contains(
            "<desc id=\"compare-desc\">Kauf: Current −2, Future +1. Nutzung: Current no step, Future +2.</desc>"
        ));
        assert_eq!(svg(&[], &strings()), "");
    }
}
