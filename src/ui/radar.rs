//! The risk radar, drawn from the same geometry as the SVG export, with a
//! legend and a data table carrying the same numbers for screen readers.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::confidence::Range;
use crate::model::figures::shown;
use crate::model::radar::{Radar, HEIGHT, WIDTH};
use crate::model::{Domain, Figures, Profile};

#[derive(Properties, PartialEq)]
pub struct RadarProps {
    /// The providers overlaid, the one in focus (if any) first.
    pub series: Rc<Vec<(Rc<Profile>, Figures)>>,
    /// The focused provider's best and worst cases, drawn as a band.
    pub range: Option<Rc<Range>>,
}

/// Builds the radar of the overlaid providers, with the band the focused
/// one's unknowns leave open.
pub fn build(series: &[(Rc<Profile>, Figures)], range: Option<&Range>) -> Radar {
    let list: Vec<(&str, &str, &Figures)> =
        series.iter().map(|(p, f)| (p.provider.id.as_str(), p.provider.name.as_str(), f)).collect();
    let radar = Radar::new(&list);
    match range {
        Some(r) => radar.with_range(r),
        None => radar,
    }
}

#[function_component]
pub fn RadarChart(props: &RadarProps) -> Html {
    let radar = build(&props.series, props.range.as_deref());
    let focused = props.range.as_ref().and(props.series.first()).map(|(p, _)| p.provider.name.clone());
    let names: Vec<String> = props.series.iter().map(|(p, _)| p.provider.name.clone()).collect();
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    let description = radar.description();
    html! {
        <section class="cr-radar" aria-labelledby="cr-radar-title">
            <h2 id="cr-radar-title">{ "Risk radar" }</h2>
            <p class="cr-help">
                { "Further from the centre is riskier. Gridlines at 25, 50, 75 and 100." }
                if let Some(name) = &focused {
                    { " The shaded band is the range the unknowns leave open for " }<bdi>{ name.clone() }</bdi>{ ": from every open answer documented to every one adverse." }
                }
            </p>
            <svg data-testid="radar" viewBox={view_box} role="img" aria-labelledby="cr-radar-svg-title cr-radar-svg-desc" class="cr-radar-svg">
                <title id="cr-radar-svg-title">{ format!("Risk radar for {}", names.join(", ")) }</title>
                <desc id="cr-radar-svg-desc">{ description }</desc>
                { for radar.rings.iter().map(|ring| html! {
                    <g class="cr-ring">
                        <polygon points={ring.points.clone()} />
                        <text x={ring.label.x.to_string()} y={ring.label.y.to_string()} text-anchor="middle" class="cr-ring-label">{ ring.level }</text>
                    </g>
                }) }
                { for radar.axes.iter().map(|a| html! {
                    <g class="cr-axis" data-na={a.not_applicable.then_some("")} data-domain={a.domain.id()}>
                        <line x1={radar.center.x.to_string()} y1={radar.center.y.to_string()} x2={a.end.x.to_string()} y2={a.end.y.to_string()} />
                        <text x={a.label.x.to_string()} y={a.label.y.to_string()} text-anchor={a.anchor}>
                            // Side labels in two lines; the top and bottom
                            // ones have the whole width.
                            if a.anchor == "middle" {
                                <tspan x={a.label.x.to_string()} class="cr-axis-name">{ a.domain.label() }</tspan>
                            } else {
                                <tspan x={a.label.x.to_string()} class="cr-axis-name">{ a.domain.label_lines().0 }</tspan>
                                if let Some(rest) = a.domain.label_lines().1 {
                                    <tspan x={a.label.x.to_string()} dy="1.2em" class="cr-axis-name">{ rest }</tspan>
                                }
                            }
                            <tspan x={a.label.x.to_string()} dy="1.2em" class="cr-axis-value">{ a.value.clone() }</tspan>
                        </text>
                    </g>
                }) }
                if let Some(band) = radar.band.clone() {
                    <path class="cr-range-band" d={band} data-testid="radar-range" />
                }
                { for radar.series.iter().map(|s| html! {
                    <g class="cr-series" data-testid="radar-series" data-provider={s.provider_id.clone()}>
                        <polygon points={s.points.clone()} style={format!("stroke:{c};fill:{c}", c = s.style.color)} stroke-dasharray={s.style.dash} />
                        { for s.vertices.iter().map(|p| html! {
                            <circle cx={p.x.to_string()} cy={p.y.to_string()} r="3.5" style={format!("fill:{}", s.style.color)} />
                        }) }
                    </g>
                }) }
            </svg>
            <ul class="cr-legend" aria-label="Legend">
                { for radar.series.iter().map(|s| html! {
                    <li>
                        <svg width="40" height="12" aria-hidden="true"><line x1="2" y1="6" x2="38" y2="6" style={format!("stroke:{}", s.style.color)} stroke-width="3" stroke-dasharray={s.style.dash} /></svg>
                        <bdi>{ s.name.clone() }</bdi>
                    </li>
                }) }
            </ul>
            <details class="cr-table-details">
                <summary>{ "The radar as a table" }</summary>
                <table class="cr-table" data-testid="radar-table">
                    <caption>{ "Risk by domain, 0 (no risk) to 100; n/a where every question in the domain has weight 0" }</caption>
                    <thead><tr><th scope="col">{ "Domain" }</th>{ for radar.series.iter().map(|s| html! { <th scope="col"><bdi>{ s.name.clone() }</bdi></th> }) }</tr></thead>
                    <tbody>
                        { for Domain::ALL.iter().map(|&d| html! {
                            <tr>
                                <th scope="row">{ d.label() }</th>
                                { for props.series.iter().map(|(_, f)| html! { <td>{ shown(f.domain(d)) }</td> }) }
                            </tr>
                        }) }
                        <tr class="cr-overall-row">
                            <th scope="row">{ "Overall" }</th>
                            { for props.series.iter().map(|(_, f)| html! { <td><strong>{ shown(f.overall) }</strong></td> }) }
                        </tr>
                    </tbody>
                </table>
            </details>
        </section>
    }
}
