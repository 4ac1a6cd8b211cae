//! The decision at a glance: every provider in one ranked table (least
//! risky first) with its figure, the range its unknowns leave on one common
//! scale, how much rests on public facts, its gaps, the lab's findings, the
//! confirmations still outstanding and the age of its evidence; between
//! neighbours, the verdict in plain words. A row's name puts the provider
//! in focus; a row's radar box overlays it on the radar (up to four).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::questions::use_select_value;
use super::state::{choice_key, Action};
use super::summary::band_label;
use super::use_store;
use crate::model::committee::Row;
use crate::model::decision::Verdict;
use crate::model::figures::{shown, Band, Ratio};
use crate::model::radar::MAX_SERIES;

#[derive(Properties, PartialEq)]
pub struct DecisionTableProps {
    /// The table's rows, least risky first, and the verdicts between
    /// neighbours (made once per change of the decision, in app.rs).
    pub rows: Rc<Vec<Row>>,
    pub verdicts: Rc<Vec<Verdict>>,
    /// The providers overlaid on the radar.
    pub overlaid: Rc<Vec<String>>,
}

/// A figure's place on the common 0..100 scale, as a CSS percentage.
fn at(r: Option<Ratio>) -> String {
    r.map_or_else(|| "0".to_owned(), |r| r.to_string())
}

#[function_component]
pub fn DecisionTable(props: &DecisionTableProps) -> Html {
    let store = use_store();
    let focus = store.state.decision.focus.clone();
    // A name clicked in the table shows its detail, which starts below the
    // table: the page scrolls there once it is drawn.
    let onfocus = |id: String| {
        let store = store.clone();
        Callback::from(move |e: MouseEvent| {
            store.dispatch(Action::Focus(Some(id.clone())));
            let root = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()).map(|n| n.get_root_node());
            gloo::timers::callback::Timeout::new(0, move || {
                let find = ".cr-detail-head";
                let head = match root.as_ref().and_then(|r| r.dyn_ref::<web_sys::ShadowRoot>()) {
                    Some(shadow) => shadow.query_selector(find),
                    None => gloo::utils::document().query_selector(find),
                };
                let head = head.ok().flatten();
                if let Some(head) = head {
                    head.scroll_into_view();
                }
            })
            .forget();
        })
    };
    let onradar = |id: String| {
        store.action(move |e: Event| {
            let on = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).is_some_and(|i| i.checked());
            Action::ToggleRadar(id.clone(), on)
        })
    };
    let full = props.overlaid.len() >= MAX_SERIES;
    let count = props.rows.len();
    html! {
        <section class="cr-decision" aria-labelledby="cr-decision-title">
            <h2 id="cr-decision-title">{ format!("The decision: {count} provider{}, least risky first", if count == 1 { "" } else { "s" }) }</h2>
            <table class="cr-decision-table">
                <caption class="cr-help">{ "Risk 0 (none) to 100; the bar shows the best and worst the figure can become once the provider answers, on one scale for all. Public facts: how much of your weighting rests on published evidence. Click a name for its detail." }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "#" }</th>
                        <th scope="col">{ "Provider" }</th>
                        <th scope="col">{ "Risk" }</th>
                        <th scope="col">{ "Best–worst" }</th>
                        <th scope="col">{ "Public facts" }</th>
                        <th scope="col">{ "Gaps" }</th>
                        <th scope="col">{ "Findings" }</th>
                        <th scope="col">{ "To confirm" }</th>
                        <th scope="col">{ "Evidence age" }</th>
                        <th scope="col">{ "Radar" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for props.rows.iter().enumerate().map(|(i, r)| {
                        let focused = focus.as_deref() == Some(r.id.as_str());
                        let band = r.band.map_or("none", Band::id);
                        let on_radar = props.overlaid.contains(&r.id);
                        let verdict = props.verdicts.get(i).filter(|_| i + 1 < count);
                        let range_style = format!("left:{}%;width:{}%", at(r.best), r.worst.zip(r.best).map_or_else(|| "0".to_owned(), |(w, b)| b.difference(w).to_string()));
                        html! {
                            <>
                            <tr class="cr-decision-row" data-testid="decision-row" data-provider={r.id.clone()} data-rank={r.rank.to_string()}
                                data-value={shown(r.overall)} data-best={shown(r.best)} data-worst={shown(r.worst)} data-coverage={shown(r.coverage)}
                                data-findings={r.findings.to_string()} data-confirmations={r.confirmations.to_string()}
                                data-focused={focused.then_some("")} data-band={band}>
                                <td class="cr-rank" data-label="Rank">{ r.rank }</td>
                                <th scope="row" class="cr-provider-cell">
                                    <button type="button" class="cr-link-btn" data-testid="focus-provider" data-provider={r.id.clone()}
                                            aria-pressed={if focused { "true" } else { "false" }} onclick={onfocus(r.id.clone())}>
                                        <bdi>{ r.name.clone() }</bdi>
                                    </button>
                                </th>
                                <td class="cr-risk" data-label="Risk">
                                    <strong class="cr-fig">{ shown(r.overall) }</strong>{ " " }
                                    <span class="cr-band-chip" data-band={band}>{ band_label(r.band).trim_end_matches(" risk") }</span>
                                </td>
                                <td class="cr-range-cell" data-label="Best–worst">
                                    <span class="cr-scale" aria-hidden="true">
                                        <span class="cr-scale-range" style={range_style}></span>
                                        <span class="cr-scale-mark" data-band={band} style={format!("left:{}%", at(r.overall))}></span>
                                    </span>
                                    <span class="cr-range-text">{ format!("{}–{}", shown(r.best), shown(r.worst)) }</span>
                                </td>
                                <td data-label="Public facts">{ format!("{}%", shown(r.coverage)) }</td>
                                <td data-label="Gaps">{ r.gaps }</td>
                                <td data-label="Findings">{ r.findings }</td>
                                <td data-label="To confirm">{ r.confirmations }</td>
                                <td class="cr-age-cell" data-label="Evidence age">{ r.evidence_words() }</td>
                                <td data-label="Radar">
                                    <input type="checkbox" checked={on_radar} disabled={!on_radar && full}
                                           aria-label={format!("Show {} on the radar", r.name)} data-testid="radar-toggle" data-provider={r.id.clone()}
                                           onchange={onradar(r.id.clone())} />
                                </td>
                            </tr>
                            if let Some(v) = verdict {
                                <tr class="cr-verdict-row">
                                    <td colspan="10">
                                        // Our sentence, left to right; the names in it
                                        // are isolated by the model.
                                        <p class="cr-verdict" dir="ltr" data-testid="decision-verdict" data-pair={format!("{},{}", v.pair.0, v.pair.1)}
                                           data-close={v.too_close().then_some("")}>
                                            { v.sentence() }
                                        </p>
                                        <details class="cr-why">
                                            <summary>{ "The numbers behind it" }</summary>
                                            <p dir="ltr">{ v.details() }</p>
                                        </details>
                                    </td>
                                </tr>
                            }
                            </>
                        }
                    }) }
                </tbody>
            </table>
            if full {
                <p class="cr-help">{ format!("The radar overlays at most {MAX_SERIES} providers; untick one to show another.") }</p>
            }
        </section>
    }
}

/// Above the detail: whose detail it is, a picker to show another (or add
/// one), and the way back to the whole decision. With no provider in focus,
/// it says how to see one.
#[function_component]
pub fn DetailHeader() -> Html {
    let store = use_store();
    let state = &*store.state;
    let d = &state.decision;
    let focused = d.in_detail();
    let current = focused.map_or_else(String::new, |c| choice_key(&c.profile));
    let select = use_node_ref();
    use_select_value(select.clone(), current.clone());
    let onpick = store.action(|e: Event| {
        match e
            .target()
            .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            .map(|s| s.value())
            .filter(|v| !v.is_empty())
        {
            Some(key) => Action::SelectProvider(key),
            None => Action::Focus(None),
        }
    });
    let onback = store.action(|_: MouseEvent| Action::Focus(None));
    let choices = state.choices();
    let (taking_part, others): (Vec<_>, Vec<_>) =
        choices.iter().partition(|c| d.providers().any(|p| choice_key(&p.profile) == c.key));
    html! {
        <div class="cr-detail-head" data-focused={focused.is_some().then_some("")}>
            <div class="cr-field">
                <label for="cr-provider">{ "Provider in detail" }</label>
                <select id="cr-provider" ref={select} data-testid="provider-select" onchange={onpick}>
                    <option value="" selected={current.is_empty()}>{ "None: the whole decision" }</option>
                    { for taking_part.iter().map(|c| html! {
                        <option value={c.key.clone()} selected={c.key == current} dir="auto">{ c.label.clone() }</option>
                    }) }
                    if !others.is_empty() {
                        <optgroup label="Add to the decision and show">
                            { for others.iter().map(|c| html! { <option value={c.key.clone()} dir="auto">{ c.label.clone() }</option> }) }
                        </optgroup>
                    }
                </select>
            </div>
            if d.focused().is_some() && d.provider_count() > 1 {
                <button type="button" class="cr-btn" data-testid="unfocus" onclick={onback}>{ "Back to the whole decision" }</button>
            } else if focused.is_none() {
                <p class="cr-help cr-detail-hint" data-testid="detail-hint">
                    { "Pick a provider (its name in the table, or here) to see its domains, gaps and sources, and to record your findings and notes about it." }
                </p>
            }
        </div>
    }
}
