//! The emotion lane of the journey map: one piece of the curve per step
//! column, drawn in that column's own cell, so the curve lines up with the
//! steps however wide the columns are. Each piece runs from the middle
//! between the previous step and this one, through this step, to the middle
//! between this step and the next; side by side the pieces form one line.
//! The point itself is an HTML element placed by CSS (`.lane-point`), so it
//! stays round when the cell stretches the SVG.

use std::fmt::Write;

/// The y coordinate of an emotion in the lane's 0..100 viewBox.
fn y(emotion: i8) -> i32 {
    50 - 20 * i32::from(emotion.clamp(-2, 2))
}

/// `p2`, `p1`, `0`, `m1`, `m2`: an emotion as a CSS class suffix.
pub fn level(emotion: i8) -> &'static str {
    match emotion.clamp(-2, 2) {
        2 => "p2",
        1 => "p1",
        0 => "0",
        -1 => "m1",
        _ => "m2",
    }
}

/// The SVG piece of the curve for a step with emotion `current`, between
/// its neighbours' emotions (`None` at either end of the journey).
pub fn segment(previous: Option<i8>, current: i8, next: Option<i8>) -> String {
    // Levels are 20 apart, so the middle is a whole number.
    let mid = |other: i8| (y(other) + y(current)) / 2;
    let mut points = String::new();
    if let Some(p) = previous {
        let _ = write!(points, "0,{} ", mid(p));
    }
    let _ = write!(points, "50,{}", y(current));
    if let Some(n) = next {
        let _ = write!(points, " 100,{}", mid(n));
    }
    format!(
        "<svg class=\"lane-curve\" viewBox=\"0 0 100 100\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><line class=\"zero\" x1=\"0\" y1=\"50\" x2=\"100\" y2=\"50\" stroke=\"#c9d1da\" stroke-dasharray=\"4 4\" vector-effect=\"non-scaling-stroke\"/><polyline class=\"curve\" points=\"{points}\" fill=\"none\" stroke=\"#0b57c2\" stroke-width=\"3\" stroke-linejoin=\"round\" vector-effect=\"non-scaling-stroke\"/></svg>"
    )
}

/// The pieces of a whole journey's curve, one per emotion.
pub fn segments(emotions: &[i8]) -> Vec<String> {
    (0..emotions.len())
        .map(|i| {
            segment(
                i.checked_sub(1).map(|p| emotions[p]),
                emotions[i],
                emotions.get(i + 1).copied(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(svg: &str) -> &str {
        let start = svg.find("points=\"").unwrap() + 8;
        &svg[start..start + svg[start..].find('"').unwrap()]
    }

    #[test]
    fn neighbouring_pieces_meet_at_the_same_height() {
        let pieces = segments(&[2, -2, 1]);
        assert_eq!(points(&pieces[0]), "50,10 100,50");
        assert_eq!(points(&pieces[1]), "0,50 50,90 100,60");
        assert_eq!(points(&pieces[2]), "0,60 50,30");
        // The right end of one piece is the left end of the next.
        for pair in pieces.windows(2) {
            let right = points(&pair[0]).rsplit(',').next().unwrap();
            let left = points(&pair[1]).split(' ').next().unwrap();
            assert_eq!(left, format!("0,{right}"));
        }
    }

    #[test]
    fn a_single_step_is_a_point_and_levels_name_the_value() {
        assert_eq!(points(&segment(None, 0, None)), "50,50");
        assert_eq!(
            [2, 1, 0, -1, -2, 5].map(level),
            ["p2", "p1", "0", "m1", "m2", "p2"]
        );
    }
}
