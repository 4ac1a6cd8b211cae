//! The headline: overall risk with its band, coverage, and the 8 domains.

use std::rc::Rc;

use yew::prelude::*;

use super::use_store;
use crate::model::age::{age_words, months_between};
use crate::model::confidence::Range;
use crate::model::export::Ages;
use crate::model::figures::shown;
use crate::model::{Band, Domain, Figures, Ratio};

fn band_id_of(value: Option<Ratio>) -> &'static str {
    value.map(Band::of).map_or("none", Band::id)
}

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The evaluated provider's figures.
    pub figures: Rc<Figures>,
    /// Compared providers and their figures under the same weights.
    /// The best and worst cases the unknowns leave open.
    pub range: Rc<Range>,
    /// How old the evidence is.
    pub ages: Rc<Ages>,
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
    let e = &store.state.evaluation();
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
                    <span class="cr-big">{ overall.clone() }</span><span class="cr-of">{ " / 100" }</span>
                </div>
                <div class="cr-band-badge">{ band_label(band) }</div>
                if let (Some(best), Some(worst)) = (props.range.best.overall, props.range.worst.overall) {
                    <p class="cr-range" data-testid="overall-range" data-best={best.to_string()} data-worst={worst.to_string()}>
                        { format!("{overall}, between ") }<strong>{ best.to_string() }</strong>{ " and " }<strong>{ worst.to_string() }</strong>
                        { " depending on the provider's answers." }
                    </p>
                }
                <p class="cr-coverage" data-testid="coverage" data-value={coverage.clone()}>
                    <strong>{ format!("{coverage}%") }</strong>
                    { " of the weighted decision rests on public facts (documented or adverse); the rest needs answers from the provider." }
                </p>
                <p class="cr-evidence-summary" data-testid="evidence-summary" data-stale={props.ages.summary.stale.to_string()} data-undated={props.ages.summary.undated.to_string()}>
                    { format!("Evidence as of {}: {}", props.ages.as_of, props.ages.summary.sentence(e.age.stale_after)) }
                </p>
                <p class="cr-source">
                    { "Profile: " }
                    { match e.profile.source.as_ref() {
                        Some(src) => html! {
                            <>
                                { match &src.url {
                                    Some(url) => html! { <a href={url.as_str().to_owned()} target="_blank" rel="noopener noreferrer"><bdi>{ src.title.clone() }</bdi></a> },
                                    None => html! { <bdi>{ src.title.clone() }</bdi> },
                                } }
                                if let Some(d) = &src.retrieved {
                                    { format!(", retrieved {d} ({})", age_words(months_between(d, &props.ages.as_of)).replace(" old", " ago")) }
                                }
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
                    let (best, worst) = (props.range.best.domain(d), props.range.worst.domain(d));
                    // The band from best to worst case, behind the figure's bar.
                    // (Whole tenths: printing an f32 would bring float formatting into the wasm.)
                    let range_style = match (best, worst) {
                        (Some(b), Some(w)) => {
                            let t = w.tenths().saturating_sub(b.tenths());
                            format!("left:{b}%;width:{}.{}%", t / 10, t % 10)
                        }
                        _ => "display:none".to_owned(),
                    };
                    let band = value.map(Band::of);
                    // The figure itself is the bar's width in percent.
                    let width = value.map_or_else(|| "0".to_owned(), |v| v.to_string());
                    html! {
                        <li class="cr-domain" data-na={value.is_none().then_some("")} data-testid="domain-score" data-domain={d.id()} data-value={text.clone()}>
                            <span class="cr-domain-label">{ d.label() }</span>
                            <span class="cr-bar" aria-hidden="true">
                                <span class="cr-bar-range" style={range_style}></span>
                                <span class="cr-bar-fill" data-band={band_id_of(value)} style={format!("width:{width}%")}></span>
                            </span>
                            <span class="cr-domain-value">{ text }
                                if let (Some(b), Some(w)) = (best, worst) {
                                    <span class="cr-domain-range" data-testid="domain-range" data-best={b.to_string()} data-worst={w.to_string()}>{ format!("{b}–{w}") }</span>
                                }
                            </span>
                            <span class="cr-domain-band">{ band.map_or("not weighted", Band::id) }</span>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
