//! The headline: overall risk with its band, coverage, and the 8 domains.

use std::rc::Rc;

use yew::prelude::*;

use super::use_store;
use crate::model::figures::shown;
use crate::model::{Band, Domain, Figures, Profile};

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The evaluated provider's figures.
    pub figures: Rc<Figures>,
    /// Compared providers and their figures under the same weights.
    pub compared: Rc<Vec<(Rc<Profile>, Figures)>>,
}

/// Words for a band, so it is never told by colour alone.
pub fn band_label(band: Option<Band>) -> &'static str {
    match band {
        Some(Band::Low) => "Low risk",
        Some(Band::Moderate) => "Moderate risk",
        Some(Band::High) => "High risk",
        Some(Band::Critical) => "Critical risk",
        None => "No questions weighted",
    }
}

#[function_component]
pub fn Summary(props: &SummaryProps) -> Html {
    let store = use_store();
    let e = &store.0.evaluation;
    let f = &props.figures;
    let band = f.band();
    let band_id = band.map_or("none", Band::id);
    let overall = shown(f.overall);
    let coverage = shown(f.coverage);
    html! {
        <section class="cr-summary" aria-label="Scores">
            <div class="cr-overall" data-band={band_id}>
                <div class="cr-overall-label">{ "Overall risk for " }<strong><bdi>{ e.profile.provider.name.clone() }</bdi></strong></div>
                <div class="cr-overall-figure" data-testid="overall-risk" data-value={overall.clone()} data-band={band_id}>
                    <span class="cr-big">{ overall }</span><span class="cr-of">{ " / 100" }</span>
                </div>
                <div class="cr-band-badge">{ band_label(band) }</div>
                <p class="cr-coverage" data-testid="coverage" data-value={coverage.clone()}>
                    <strong>{ format!("{coverage}%") }</strong>
                    { " of the weighted decision rests on public facts (documented or adverse); the rest needs answers from the provider." }
                </p>
                { for props.compared.iter().map(|(p, cf)| html! {
                    <p class="cr-compared-overall"><bdi>{ p.provider.name.clone() }</bdi>{ format!(": {} ({})", shown(cf.overall), cf.band().map_or("n/a", Band::id)) }</p>
                }) }
                <p class="cr-source">
                    { "Profile: " }
                    { match e.profile.source.as_ref() {
                        Some(src) => html! {
                            <>
                                { match &src.url {
                                    Some(url) => html! { <a href={url.as_str().to_owned()} target="_blank" rel="noopener noreferrer"><bdi>{ src.title.clone() }</bdi></a> },
                                    None => html! { <bdi>{ src.title.clone() }</bdi> },
                                } }
                                if let Some(d) = &src.retrieved { { format!(", retrieved {d}") } }
                            </>
                        },
                        None => html! { "no source given" },
                    } }
                    if let Some(notes) = e.profile.notes.as_ref().filter(|n| !n.is_empty()) {
                        { ". " }<bdi>{ notes.clone() }</bdi>
                    }
                </p>
            </div>
            <ul class="cr-domains" aria-label="Risk by domain, 0 (none) to 100">
                { for Domain::ALL.iter().map(|&d| {
                    let value = f.domain(d);
                    let text = shown(value);
                    let band = value.map(Band::of);
                    // The figure itself is the bar's width in percent.
                    let width = value.map_or_else(|| "0".to_owned(), |v| v.to_string());
                    html! {
                        <li class="cr-domain" data-na={value.is_none().then_some("")} data-testid="domain-score" data-domain={d.id()} data-value={text.clone()}>
                            <span class="cr-domain-label">{ d.label() }</span>
                            <span class="cr-bar" aria-hidden="true">
                                <span class="cr-bar-fill" data-band={band.map_or("none", Band::id)} style={format!("width:{width}%")}></span>
                            </span>
                            <span class="cr-domain-value">{ text }</span>
                            <span class="cr-domain-band">{ band.map_or("not weighted", Band::id) }</span>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
