//! Colours of `[brand]`: any CSS colour is read once into plain sRGB, so
//! the theme gets one canonical `#rrggbb` form (never the user's text, which
//! could end the stylesheet), and contrast ratios can be checked as WCAG
//! computes them.

use std::fmt;

/// An sRGB colour with alpha, each channel 0..=255.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Rgb {
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b, a: 255 }
    }

    /// Reads a CSS colour: `#0b5cad`, `#0b5`, `rgb(11 92 173)`,
    /// `hsl(210 88% 36%)`, `hwb(…)`, `oklch(…)`, `lab(…)`, a named colour.
    /// `Err` explains what is wrong, for a diagnostic.
    pub fn parse_css(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let lower = trimmed.to_ascii_lowercase();
        if trimmed.is_empty() {
            return Err("the colour is empty".into());
        }
        if lower == "transparent" || lower == "currentcolor" || lower == "inherit" {
            return Err(format!("`{trimmed}` is not a fixed colour"));
        }
        // csscolorparser also takes hex digits without `#`, which CSS does not.
        if !trimmed.starts_with('#') && trimmed.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "`{trimmed}` is not a CSS colour (a hex colour starts with `#`)"
            ));
        }
        let colour = csscolorparser::parse(trimmed)
            .map_err(|_| format!("`{trimmed}` is not a CSS colour"))?;
        let [r, g, b, a] = colour.clamp().to_rgba8();
        Ok(Self { r, g, b, a })
    }

    /// The colour drawn over `background` (alpha composited), opaque.
    pub fn over(self, background: Rgb) -> Rgb {
        let alpha = f64::from(self.a) / 255.0;
        let mix =
            |fg: u8, bg: u8| (f64::from(fg) * alpha + f64::from(bg) * (1.0 - alpha)).round() as u8;
        Rgb::new(
            mix(self.r, background.r),
            mix(self.g, background.g),
            mix(self.b, background.b),
        )
    }

    /// WCAG 2 relative luminance, 0 (black) ..= 1 (white).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// WCAG 2 contrast ratio of this colour drawn on an opaque `background`,
    /// 1.0 ..= 21.0.
    pub fn contrast(self, background: Rgb) -> f64 {
        let fg = self.over(background).luminance();
        let bg = background.luminance();
        let (light, dark) = if fg > bg { (fg, bg) } else { (bg, fg) };
        (light + 0.05) / (dark + 0.05)
    }

    /// Hue, saturation, lightness (0..1 each, hue in turns).
    fn hsl(self) -> (f64, f64, f64) {
        let [r, g, b] = [self.r, self.g, self.b].map(|c| f64::from(c) / 255.0);
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let l = (max + min) / 2.0;
        if max == min {
            return (0.0, 0.0, l);
        }
        let d = max - min;
        let s = d / (1.0 - (2.0 * l - 1.0).abs());
        let h = if max == r {
            ((g - b) / d).rem_euclid(6.0)
        } else if max == g {
            (b - r) / d + 2.0
        } else {
            (r - g) / d + 4.0
        };
        (h / 6.0, s, l)
    }

    fn from_hsl(h: f64, s: f64, l: f64, a: u8) -> Rgb {
        let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
        let h6 = h * 6.0;
        let x = c * (1.0 - (h6.rem_euclid(2.0) - 1.0).abs());
        let (r, g, b) = match h6 as u8 {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        let m = l - c / 2.0;
        let to = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
        Rgb {
            r: to(r),
            g: to(g),
            b: to(b),
            a,
        }
    }

    /// The same hue and saturation at the lightness nearest to this
    /// colour's that reaches `target` contrast on every one of
    /// `backgrounds`, searching towards white (`lighter`) or black. `None`
    /// when even white or black does not reach it.
    pub fn shade_for(self, backgrounds: &[Rgb], target: f64, lighter: bool) -> Option<Rgb> {
        let (h, s, l) = self.hsl();
        let reaches = |c: Rgb| backgrounds.iter().all(|&bg| c.contrast(bg) >= target);
        if reaches(self) {
            return Some(self);
        }
        let end = if lighter { 1.0 } else { 0.0 };
        if !reaches(Rgb::from_hsl(h, s, end, self.a)) {
            return None;
        }
        // Binary search between the colour (fails) and white or black (reaches).
        let (mut fails, mut ok) = (l, end);
        for _ in 0..30 {
            let mid = (fails + ok) / 2.0;
            if reaches(Rgb::from_hsl(h, s, mid, self.a)) {
                ok = mid;
            } else {
                fails = mid;
            }
        }
        Some(Rgb::from_hsl(h, s, ok, self.a))
    }
}

/// `#rrggbb`, or `#rrggbbaa` when not opaque.
impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)?;
        if self.a != 255 {
            write!(f, "{:02x}", self.a)?;
        }
        Ok(())
    }
}

impl serde::Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A ratio as people write it: `4.5:1`, `12:1` (rounded down to one
/// decimal, so a shown `4.5:1` never hides a failing 4.49).
pub fn ratio(value: f64) -> String {
    let tenths = (value * 10.0).floor() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}:1")
    } else {
        format!("{tenths:.1}:1")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: Rgb = Rgb::new(255, 255, 255);
    const BLACK: Rgb = Rgb::new(0, 0, 0);

    #[test]
    fn reads_every_css_notation_into_one_form() {
        for text in [
            "#0b5cad",
            "#0B5CAD",
            "rgb(11, 92, 173)",
            "rgb(11 92 173)",
            "rgba(11,92,173,1)",
        ] {
            assert_eq!(
                Rgb::parse_css(text).unwrap().to_string(),
                "#0b5cad",
                "{text}"
            );
        }
        assert_eq!(Rgb::parse_css("#f00").unwrap().to_string(), "#ff0000");
        assert_eq!(
            Rgb::parse_css("rebeccapurple").unwrap().to_string(),
            "#663399"
        );
        assert_eq!(
            Rgb::parse_css("hsl(0 100% 50%)").unwrap().to_string(),
            "#ff0000"
        );
        assert_eq!(
            Rgb::parse_css("#ff000080").unwrap().to_string(),
            "#ff000080"
        );
        assert_eq!(Rgb::parse_css("oklch(62.8% 0.2577 29.23)").unwrap().r, 255);
    }

    #[test]
    fn rejects_what_css_rejects() {
        for text in [
            "",
            "blau",
            "#12345",
            "rgb(1,2)",
            "0b5cad",
            "red; } body {",
            "transparent",
        ] {
            assert!(Rgb::parse_css(text).is_err(), "{text}");
        }
        assert_eq!(
            Rgb::parse_css("0b5cad").unwrap_err(),
            "`0b5cad` is not a CSS colour (a hex colour starts with `#`)"
        );
    }

    #[test]
    fn contrast_as_wcag_computes_it() {
        assert!((BLACK.contrast(WHITE) - 21.0).abs() < 1e-9);
        assert!((WHITE.contrast(WHITE) - 1.0).abs() < 1e-9);
        // #767676 is the classic lightest grey passing 4.5:1 on white.
        let grey = Rgb::new(0x76, 0x76, 0x76);
        assert!(grey.contrast(WHITE) >= 4.5 && grey.contrast(WHITE) < 4.6);
        // Half-transparent black on white is a mid grey.
        let half = Rgb::parse_css("#00000080").unwrap();
        assert_eq!(half.over(WHITE), Rgb::new(127, 127, 127));
    }

    #[test]
    fn shade_keeps_the_hue_and_reaches_the_target() {
        let dark_bg = Rgb::new(0x14, 0x17, 0x1c);
        let brand = Rgb::parse_css("#0b5cad").unwrap();
        assert!(brand.contrast(dark_bg) < 4.5);
        let lighter = brand.shade_for(&[dark_bg], 4.5, true).unwrap();
        assert!(lighter.contrast(dark_bg) >= 4.5);
        assert!(lighter.contrast(dark_bg) < 4.8, "no lighter than needed");
        assert!(lighter.b > lighter.r, "still blue: {lighter}");
        // A colour that already passes stays as it is.
        assert_eq!(WHITE.shade_for(&[dark_bg], 4.5, true), Some(WHITE));
        let yellow = Rgb::parse_css("#ffd700").unwrap();
        let darker = yellow.shade_for(&[WHITE], 4.5, false).unwrap();
        assert!(darker.contrast(WHITE) >= 4.5);
    }

    #[test]
    fn ratios_are_rounded_down() {
        assert_eq!(ratio(4.49), "4.4:1");
        assert_eq!(ratio(21.0), "21:1");
        assert_eq!(ratio(3.06), "3:1");
    }
}
