//! The radar's geometry, shared by the widget's SVG and the SVG export so
//! the two can never draw different pictures.

use std::fmt::Write as _;

use super::bidi;
use super::catalog::Domain;
use super::confidence::Range;
use super::figures::{shown, Figures};

/// The drawing area, in SVG user units: wider than tall, because the axis
/// labels left and right ("Data location & transfer") are long.
// Whole units, so the SVG size prints as an integer: formatting an f64 would
// bring the float-printing machinery (about 5 KB gzipped) into the wasm.
pub const WIDTH: u32 = 600;
pub const HEIGHT: u32 = 400;
const CENTER_X: f64 = WIDTH as f64 / 2.0;
const CENTER_Y: f64 = HEIGHT as f64 / 2.0;
const RADIUS: f64 = 140.0;
/// Gridlines, in risk points.
pub const RINGS: [u32; 4] = [25, 50, 75, 100];
/// At most this many providers are overlaid.
pub const MAX_SERIES: usize = 4;

/// How each overlaid provider is drawn: colour *and* dash pattern, so the
/// series stay apart without colour (and in grey print).
pub const STYLES: [SeriesStyle; MAX_SERIES] = [
    SeriesStyle { color: "#1d4ed8", dash: "" },
    SeriesStyle { color: "#b45309", dash: "8 4" },
    SeriesStyle { color: "#047857", dash: "2 3" },
    SeriesStyle { color: "#7e22ce", dash: "10 3 2 3" },
];

/// An SVG coordinate in tenths of a unit, printed as `123.4` without the
/// float-formatting machinery (which would add kilobytes to the wasm).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coord(i32);

impl Coord {
    fn of(v: f64) -> Coord {
        Coord((v * 10.0).round() as i32)
    }
}

impl std::fmt::Display for Coord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{}", self.0.unsigned_abs() / 10, self.0.unsigned_abs() % 10)
    }
}

/// A point of the drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pt {
    pub x: Coord,
    pub y: Coord,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SeriesStyle {
    pub color: &'static str,
    /// `stroke-dasharray`; empty for solid.
    pub dash: &'static str,
}

/// One spoke.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub domain: Domain,
    pub end: Pt,
    pub label: Pt,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// Every weight in the domain is 0 for the main provider.
    pub not_applicable: bool,
    /// The main provider's figure, `n/a` or one decimal.
    pub value: String,
}

impl Axis {
    /// The label's lines as drawn: the domain's name (beside the radar, in
    /// two lines split before its "&"; above and below it, whole), then the
    /// figure.
    pub fn lines(&self) -> Vec<&str> {
        let mut lines = match (self.anchor, self.domain.label_lines()) {
            ("middle", _) | (_, (_, None)) => vec![self.domain.label()],
            (_, (first, Some(rest))) => vec![first, rest],
        };
        lines.push(&self.value);
        lines
    }
}

/// A generous estimate of how wide `text` is drawn at 12 units (system
/// sans-serif fonts, measured in Chromium): 8 for most ASCII characters
/// (they average under 7), 13 for the widest (capitals, `m`, `w`, `@`,
/// `%`; a `W` is about 12.5), 14 for any other (a CJK character is one em).
fn text_width(text: &str) -> u32 {
    text.chars()
        .map(|c| match c {
            'A'..='Z' | 'm' | 'w' | '@' | '%' => 13,
            c if c.is_ascii() => 8,
            _ => 14,
        })
        .sum()
}

/// A gridline and where its label sits: between the first two spokes, so
/// it never collides with an axis label.
#[derive(Clone, Debug, PartialEq)]
pub struct Ring {
    pub level: u32,
    pub points: String,
    pub label: Pt,
}

/// One provider's polygon.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub provider_id: String,
    pub name: String,
    pub style: SeriesStyle,
    /// `points` attribute of the polygon.
    pub points: String,
    pub vertices: Vec<Pt>,
    /// Each domain's figure as shown ("n/a" where every weight is 0), in
    /// the catalog's order: what the text alternative reads out.
    pub values: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Radar {
    /// Where every spoke starts.
    pub center: Pt,
    pub axes: Vec<Axis>,
    pub rings: Vec<Ring>,
    pub series: Vec<Series>,
    /// The evaluated provider's range (docs/scoring.md, ranges) as a path: the ring between
    /// its best-case and worst-case polygons (even-odd fill).
    pub band: Option<String>,
}

/// (cos, sin) of the 16 half-spoke directions, clockwise from the top
/// (-90°, -67.5°, ...): a table instead of trigonometry in the wasm.
const DIRECTIONS: [(f64, f64); 16] = {
    const R: f64 = std::f64::consts::FRAC_1_SQRT_2;
    [
        (0.0, -1.0),
        (0.382_683_432_365_09, -0.923_879_532_511_287),
        (R, -R),
        (0.923_879_532_511_287, -0.382_683_432_365_09),
        (1.0, 0.0),
        (0.923_879_532_511_287, 0.382_683_432_365_09),
        (R, R),
        (0.382_683_432_365_09, 0.923_879_532_511_287),
        (0.0, 1.0),
        (-0.382_683_432_365_09, 0.923_879_532_511_287),
        (-R, R),
        (-0.923_879_532_511_287, 0.382_683_432_365_09),
        (-1.0, 0.0),
        (-0.923_879_532_511_287, -0.382_683_432_365_09),
        (-R, -R),
        (-0.382_683_432_365_09, -0.923_879_532_511_287),
    ]
};

/// The point at `value` (0..100) on spoke `i`.
fn point(i: usize, value: f64) -> Pt {
    half_spoke(2 * i, value)
}

/// `half` counts half-spokes: 1 is halfway between the first two axes.
fn half_spoke(half: usize, value: f64) -> Pt {
    let (cos, sin) = DIRECTIONS[half % DIRECTIONS.len()];
    let r = RADIUS * value.clamp(0.0, 100.0) / 100.0;
    Pt { x: Coord::of(CENTER_X + r * cos), y: Coord::of(CENTER_Y + r * sin) }
}

fn points_attr(vertices: &[Pt]) -> String {
    let mut s = String::new();
    for (i, p) in vertices.iter().enumerate() {
        let _ = write!(s, "{}{},{}", if i > 0 { " " } else { "" }, p.x, p.y);
    }
    s
}

impl Radar {
    /// `series`: (provider id, name, figures), the evaluated provider first.
    pub fn new(series: &[(&str, &str, &Figures)]) -> Radar {
        let main = series.first().map(|(_, _, f)| *f);
        let axes = Domain::ALL
            .iter()
            .enumerate()
            .map(|(i, &domain)| {
                let value = main.and_then(|f| f.domain(domain));
                let label = point(i, 118.0);
                let (cos, _) = DIRECTIONS[2 * i];
                let anchor = if cos.abs() < 0.01 {
                    "middle"
                } else if cos > 0.0 {
                    "start"
                } else {
                    "end"
                };
                Axis {
                    domain,
                    end: point(i, 100.0),
                    label,
                    anchor,
                    not_applicable: value.is_none(),
                    value: shown(value),
                }
            })
            .collect();
        let rings = RINGS
            .iter()
            .map(|&level| {
                let v: Vec<_> = (0..Domain::ALL.len()).map(|i| point(i, f64::from(level))).collect();
                Ring { level, points: points_attr(&v), label: half_spoke(1, f64::from(level)) }
            })
            .collect();
        let series = series
            .iter()
            .zip(STYLES)
            .map(|((id, name, figures), style)| {
                // An n/a domain sits at the centre; its axis is greyed instead.
                let vertices: Vec<_> = Domain::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, &d)| point(i, figures.domain(d).map_or(0.0, |r| r.to_f64())))
                    .collect();
                Series {
                    provider_id: (*id).to_owned(),
                    name: (*name).to_owned(),
                    style,
                    points: points_attr(&vertices),
                    vertices,
                    values: Domain::ALL.iter().map(|&d| shown(figures.domain(d))).collect(),
                }
            })
            .collect();
        Radar { center: point(0, 0.0), axes, rings, series, band: None }
    }

    /// Adds the band between the best and worst cases of the evaluated
    /// provider's figures.
    pub fn with_range(mut self, range: &Range) -> Radar {
        let outline = |f: &Figures| {
            let mut d = String::new();
            for (i, &dom) in Domain::ALL.iter().enumerate() {
                let p = point(i, f.domain(dom).map_or(0.0, |r| r.to_f64()));
                let _ = write!(d, "{}{},{}", if i == 0 { "M" } else { " L" }, p.x, p.y);
            }
            d.push_str(" Z");
            d
        };
        self.band = Some(format!("{} {}", outline(&range.worst), outline(&range.best)));
        self
    }

    /// A text alternative: what a screen reader hears for the picture.
    /// With several providers, each one's figures, named.
    pub fn description(&self) -> String {
        let mut s = String::from("Risk radar, 0 (no risk) at the centre to 100 at the edge. ");
        if self.series.len() > 1 {
            for series in &self.series {
                let figures: Vec<String> =
                    Domain::ALL.iter().zip(&series.values).map(|(d, v)| format!("{} {v}", d.label())).collect();
                let _ = write!(s, "{}: {}. ", series.name, figures.join(", "));
            }
        } else {
            for a in &self.axes {
                let _ = write!(s, "{}: {}. ", a.domain.label(), a.value);
            }
        }
        s.trim_end().to_owned()
    }

    /// A standalone SVG document (the "SVG of the radar" export).
    pub fn to_svg(&self, title: &str) -> String {
        let mut s = String::new();
        let _ = write!(
            s,
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="system-ui, sans-serif" font-size="12" role="img"><title>{}</title><desc>{}</desc><rect width="100%" height="100%" fill="#ffffff"/>"##,
            xml_escape(title),
            xml_escape(&self.description()),
            h = HEIGHT as usize + 24 * self.series.len(),
            // Wide enough for the longest provider name in the legend.
            w = self.series.iter().map(|series| 64 + text_width(&series.name) + 16).fold(WIDTH, u32::max),
        );
        for ring in &self.rings {
            let _ = write!(s, r##"<polygon points="{}" fill="none" stroke="#c7ccd4" stroke-width="1"/>"##, ring.points);
            let _ = write!(
                s,
                r##"<text x="{}" y="{}" fill="#4b5563" font-size="10" text-anchor="middle">{}</text>"##,
                ring.label.x, ring.label.y, ring.level
            );
        }
        for a in &self.axes {
            let color = if a.not_applicable { "#9ca3af" } else { "#6b7280" };
            let _ = write!(
                s,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{color}" stroke-width="1"{}/><text x="{}" y="{}" text-anchor="{}" fill="{}">"#,
                self.center.x,
                self.center.y,
                a.end.x,
                a.end.y,
                if a.not_applicable { r#" stroke-dasharray="3 3""# } else { "" },
                a.label.x,
                a.label.y,
                a.anchor,
                if a.not_applicable { "#6b7280" } else { "#111827" },
            );
            // As the widget draws it: the name (a side label in two lines,
            // which the drawing's width holds whole), then the figure.
            for (i, line) in a.lines().iter().enumerate() {
                let dy = if i == 0 { "" } else { r#" dy="1.2em""# };
                let _ = write!(s, r#"<tspan x="{}"{dy}>{}</tspan>"#, a.label.x, xml_escape(line));
            }
            s.push_str("</text>");
        }
        if let Some(band) = &self.band {
            let _ = write!(
                s,
                r##"<path d="{band}" fill="#1d4ed8" fill-opacity="0.10" fill-rule="evenodd" stroke="#1d4ed8" stroke-opacity="0.35" stroke-width="1" stroke-dasharray="2 3"/>"##
            );
        }
        for (i, series) in self.series.iter().enumerate() {
            let _ = write!(
                s,
                r#"<polygon points="{}" fill="{c}" fill-opacity="0.12" stroke="{c}" stroke-width="2.5" stroke-dasharray="{}"/>"#,
                series.points,
                series.style.dash,
                c = series.style.color,
            );
            let y = HEIGHT as usize + 24 * i;
            let _ = write!(
                s,
                r##"<line x1="20" y1="{y}" x2="56" y2="{y}" stroke="{c}" stroke-width="3" stroke-dasharray="{}"/><text x="64" y="{}" fill="#111827">{}</text>"##,
                series.style.dash,
                y + 4,
                xml_escape(&bidi::isolate(&series.name)),
                c = series.style.color,
            );
        }
        s.push_str("</svg>\n");
        s
    }
}

/// Escapes text for XML and HTML content and attribute values.
pub use super::escape::xml as xml_escape;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{bundled, Evaluation, Preset};

    /// With several providers, the text alternative names each with its
    /// own figures; with one, the axes' figures are that provider's.
    #[test]
    fn the_text_alternative_says_whose_figures_it_reads() {
        let tencent = Evaluation::new(bundled::default_profile(), Preset::default()).figures();
        let aws = Evaluation::new(bundled::get("aws").unwrap(), Preset::default()).figures();
        let both = Radar::new(&[("tencent-cloud", "Tencent Cloud", &tencent), ("aws", "Amazon Web Services", &aws)]);
        let text = both.description();
        let location = |f: &Figures| shown(f.domain(Domain::Location));
        assert!(
            text.contains(&format!("Tencent Cloud: Fit & integration {}", shown(tencent.domain(Domain::Fit)))),
            "{text}"
        );
        assert!(text.contains(&format!("Data location & transfer {}", location(&tencent))), "{text}");
        let aws_part = text.split("Amazon Web Services: ").nth(1).unwrap();
        assert!(aws_part.contains(&format!("Data location & transfer {}", location(&aws))), "{text}");
        assert_ne!(location(&tencent), location(&aws), "the two differ, so the test tells them apart");
        let one = Radar::new(&[("aws", "Amazon Web Services", &aws)]).description();
        assert!(one.contains(&format!("Data location & transfer: {}", location(&aws))), "{one}");
    }

    /// Every label line lies inside the drawing, by a generous estimate of
    /// its width: a standalone SVG clips what lies outside (the export once
    /// drew "Data location & transfer (50.0)" on one line from x = 465).
    #[test]
    fn the_export_keeps_every_label_whole() {
        let e = Evaluation::new(bundled::default_profile(), Preset::default());
        let f = e.figures();
        let name = format!("Provider {} 東京", "W".repeat(86));
        let radar = Radar::new(&[("tencent-cloud", "Tencent Cloud", &f), ("other", &name, &f)]).with_range(&e.range());
        let svg = radar.to_svg("Risk radar: Tencent Cloud");
        let tenth = |c: Coord| f64::from(c.0) / 10.0;
        for a in &radar.axes {
            for (i, line) in a.lines().iter().enumerate() {
                let (x, w) = (tenth(a.label.x), f64::from(text_width(line)));
                let (left, right) = match a.anchor {
                    "start" => (x, x + w),
                    "end" => (x - w, x),
                    _ => (x - w / 2.0, x + w / 2.0),
                };
                let y = tenth(a.label.y) + 14.4 * i as f64;
                assert!(left >= 0.0 && right <= f64::from(WIDTH), "{line}: {left}..{right}");
                assert!(y >= 12.0 && y + 4.0 <= f64::from(HEIGHT), "{line}: y {y}");
                assert!(svg.contains(&format!(">{}</tspan>", xml_escape(line))), "{line}");
            }
        }
        assert!(svg.contains(">Data location</tspan>") && svg.contains(">&amp; transfer</tspan>"));
        // The legend's drawing widens for a long name.
        let width = 64 + text_width(&name) + 16;
        assert!(svg.contains(&format!(r#"viewBox="0 0 {width} 448" width="{width}""#)), "{}", &svg[..200]);
        // Inert: no script, event attribute or outside reference.
        for bad in ["<script", " on", "href", "url(", "<image", "<foreignObject"] {
            assert!(!svg.contains(bad), "{bad}");
        }
    }
}
