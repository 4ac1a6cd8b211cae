//! The radar's geometry, shared by the widget's SVG and the SVG export so
//! the two can never draw different pictures.

use std::fmt::Write as _;

use super::catalog::Domain;
use super::figures::{shown, Figures};

/// The drawing area, in SVG user units: wider than tall, because the axis
/// labels left and right ("Data location & transfer") are long.
pub const WIDTH: f64 = 600.0;
pub const HEIGHT: f64 = 400.0;
const CENTER_X: f64 = WIDTH / 2.0;
const CENTER_Y: f64 = HEIGHT / 2.0;
const RADIUS: f64 = 140.0;
/// Gridlines, in risk points.
pub const RINGS: [u32; 4] = [25, 50, 75, 100];
/// At most this many providers are overlaid.
pub const MAX_SERIES: usize = 4;

/// How each overlaid provider is drawn: colour *and* dash pattern, so the
/// series stay apart without colour (and in grey print).
pub const STYLES: [SeriesStyle; MAX_SERIES] = [
    SeriesStyle { color: "#1d4ed8", dash: "", marker: "circle" },
    SeriesStyle { color: "#b45309", dash: "8 4", marker: "square" },
    SeriesStyle { color: "#047857", dash: "2 3", marker: "diamond" },
    SeriesStyle { color: "#7e22ce", dash: "10 3 2 3", marker: "triangle" },
];

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SeriesStyle {
    pub color: &'static str,
    /// `stroke-dasharray`; empty for solid.
    pub dash: &'static str,
    pub marker: &'static str,
}

/// One spoke.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub domain: Domain,
    pub end: (f64, f64),
    pub label: (f64, f64),
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// Where the spoke starts.
    pub center: (f64, f64),
    /// Every weight in the domain is 0 for the main provider.
    pub not_applicable: bool,
    /// The main provider's figure, `n/a` or one decimal.
    pub value: String,
}

/// A gridline and where its label sits: between the first two spokes, so
/// it never collides with an axis label.
#[derive(Clone, Debug, PartialEq)]
pub struct Ring {
    pub level: u32,
    pub points: String,
    pub label: (f64, f64),
}

/// One provider's polygon.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub provider_id: String,
    pub name: String,
    pub style: SeriesStyle,
    /// `points` attribute of the polygon.
    pub points: String,
    pub vertices: Vec<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Radar {
    pub axes: Vec<Axis>,
    pub rings: Vec<Ring>,
    pub series: Vec<Series>,
}

fn point(i: usize, value: f64) -> (f64, f64) {
    point_at(i as f64, value)
}

/// `spoke` may be fractional: 0.5 is halfway between the first two axes.
fn point_at(spoke: f64, value: f64) -> (f64, f64) {
    let angle = std::f64::consts::TAU * spoke / Domain::ALL.len() as f64 - std::f64::consts::FRAC_PI_2;
    let r = RADIUS * value.clamp(0.0, 100.0) / 100.0;
    (CENTER_X + r * angle.cos(), CENTER_Y + r * angle.sin())
}

fn points_attr(vertices: &[(f64, f64)]) -> String {
    let mut s = String::new();
    for (i, (x, y)) in vertices.iter().enumerate() {
        let _ = write!(s, "{}{x:.1},{y:.1}", if i > 0 { " " } else { "" });
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
                let (lx, ly) = point(i, 118.0);
                let anchor = if (lx - CENTER_X).abs() < 1.0 {
                    "middle"
                } else if lx > CENTER_X {
                    "start"
                } else {
                    "end"
                };
                Axis {
                    domain,
                    center: (CENTER_X, CENTER_Y),
                    end: point(i, 100.0),
                    label: (lx, ly),
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
                Ring { level, points: points_attr(&v), label: point_at(0.5, f64::from(level)) }
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
                }
            })
            .collect();
        Radar { axes, rings, series }
    }

    /// A text alternative: what a screen reader hears for the picture.
    pub fn description(&self) -> String {
        let mut s = String::from("Risk radar, 0 (no risk) at the centre to 100 at the edge. ");
        for a in &self.axes {
            let _ = write!(s, "{}: {}. ", a.domain.label(), a.value);
        }
        s.trim_end().to_owned()
    }

    /// A standalone SVG document (the "SVG of the radar" export).
    pub fn to_svg(&self, title: &str) -> String {
        let mut s = String::new();
        let _ = write!(
            s,
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {h}" width="{WIDTH}" height="{h}" font-family="system-ui, sans-serif" font-size="12" role="img"><title>{}</title><desc>{}</desc><rect width="100%" height="100%" fill="#ffffff"/>"##,
            xml_escape(title),
            xml_escape(&self.description()),
            h = HEIGHT + 24.0 * self.series.len() as f64,
        );
        for ring in &self.rings {
            let _ = write!(s, r##"<polygon points="{}" fill="none" stroke="#c7ccd4" stroke-width="1"/>"##, ring.points);
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" fill="#4b5563" font-size="10" text-anchor="middle">{}</text>"##,
                ring.label.0,
                ring.label.1,
                ring.level
            );
        }
        for a in &self.axes {
            let color = if a.not_applicable { "#9ca3af" } else { "#6b7280" };
            let _ = write!(
                s,
                r#"<line x1="{CENTER_X}" y1="{CENTER_Y}" x2="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="1"{}/><text x="{:.1}" y="{:.1}" text-anchor="{}" fill="{}">{} ({})</text>"#,
                a.end.0,
                a.end.1,
                if a.not_applicable { r#" stroke-dasharray="3 3""# } else { "" },
                a.label.0,
                a.label.1,
                a.anchor,
                if a.not_applicable { "#6b7280" } else { "#111827" },
                xml_escape(a.domain.label()),
                a.value,
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
            let y = HEIGHT + 24.0 * i as f64;
            let _ = write!(
                s,
                r##"<line x1="20" y1="{y}" x2="56" y2="{y}" stroke="{c}" stroke-width="3" stroke-dasharray="{}"/><text x="64" y="{:.1}" fill="#111827">{}</text>"##,
                series.style.dash,
                y + 4.0,
                xml_escape(&series.name),
                c = series.style.color,
            );
        }
        s.push_str("</svg>\n");
        s
    }
}

/// Escapes text for XML and HTML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
