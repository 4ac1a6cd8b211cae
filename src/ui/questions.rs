//! All 18 questions: weight, the profile's evidence, the lab's override
//! and note.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::state::Action;
use super::use_store;
use crate::model::figures::shown;
use crate::model::profile::Citation;
use crate::model::{Figures, QuestionId, Status, Weight};

/// A status in words and colour (never colour alone), marked when the lab
/// overrode it.
pub fn status_badge(status: Status, overridden: bool) -> Html {
    html! {
        <span class={classes!("cr-status", format!("cr-status-{}", status.id()))} title={status.meaning()}>
            { status.id() }
            if overridden { <span class="cr-overridden" title="Set by the lab, replacing the profile's status">{ " (overridden)" }</span> }
        </span>
    }
}

/// Sources, as links only because every URL was checked to be http(s).
pub fn citations(list: &[Citation]) -> Html {
    if list.is_empty() {
        return html! {};
    }
    html! {
        <ul class="cr-citations" aria-label="Sources">
            { for list.iter().map(|c| html! {
                <li>
                    <a href={c.url.as_str().to_owned()} target="_blank" rel="noopener noreferrer">{ c.title.clone() }</a>
                    if let Some(d) = &c.date { <span class="cr-date">{ format!(" ({d})") }</span> }
                </li>
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
pub struct QuestionListProps {
    pub figures: Rc<Figures>,
}

#[function_component]
pub fn QuestionList(props: &QuestionListProps) -> Html {
    html! {
        <section class="cr-questions" aria-labelledby="cr-questions-title">
            <h2 id="cr-questions-title">{ "The 18 questions: weights, evidence, your findings" }</h2>
            <p class="cr-help">{ "Weight 0 means \"not relevant to us\" and leaves the question out of every figure; 5 matters most. Override a status once the provider has answered, and note what they said." }</p>
            <ol class="cr-question-list">
                { for QuestionId::all().map(|q| html! { <QuestionRow question={q} figures={props.figures.clone()} /> }) }
            </ol>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct QuestionRowProps {
    pub question: QuestionId,
    pub figures: Rc<Figures>,
}

#[function_component]
pub fn QuestionRow(props: &QuestionRowProps) -> Html {
    let store = use_store();
    let q = props.question;
    let e = &store.0.evaluation;
    let line = props.figures.line(q);
    let answer = e.profile.answer(q);
    let n = q.number();

    let onweight = {
        let store = store.clone();
        Callback::from(move |ev: InputEvent| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            // Half-typed or out-of-range values are ignored until valid.
            if let Some(w) = input.value().trim().parse::<u64>().ok().and_then(Weight::new) {
                store.0.dispatch(Action::SetWeight(q, w));
            }
        })
    };
    let onoverride = {
        let store = store.clone();
        Callback::from(move |ev: Event| {
            let Some(select) = ev.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) else { return };
            store.0.dispatch(Action::SetOverride(q, select.value().parse::<Status>().ok()));
        })
    };
    let onnote = {
        let store = store.clone();
        Callback::from(move |ev: InputEvent| {
            if let Some(area) = ev.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
                store.0.dispatch(Action::SetNote(q, area.value()));
            }
        })
    };
    let override_value = e.override_of(q).map_or("", Status::id);
    let id = |what: &str| format!("cr-q{n}-{what}");
    html! {
        <li class={classes!("cr-question", (line.weight.value() == 0).then_some("cr-unweighted"))} id={id("row")}>
            <div class="cr-q-head">
                <span class="cr-q-num">{ format!("Q{n}") }</span>
                <span class="cr-q-domain">{ q.question().domain.label() }</span>
                <p class="cr-q-text" id={id("text")}>{ q.question().text }</p>
            </div>
            <div class="cr-q-controls">
                <div class="cr-field cr-weight">
                    <label for={id("weight")}>{ "Weight" }</label>
                    <input type="number" id={id("weight")} min="0" max="5" step="1" inputmode="numeric"
                           value={line.weight.value().to_string()} oninput={onweight}
                           data-testid="weight-input" data-question={n.to_string()}
                           aria-describedby={id("text")} />
                </div>
                <div class="cr-field">
                    <span class="cr-label">{ "Status" }</span>
                    { status_badge(line.status, line.overridden) }
                </div>
                <div class="cr-field">
                    <label for={id("override")}>{ "Your finding" }</label>
                    <select id={id("override")} onchange={onoverride} data-testid="status-override" data-question={n.to_string()} aria-describedby={id("text")}>
                        <option value="" selected={override_value.is_empty()}>{ format!("as the profile says ({})", e.profile.status(q)) }</option>
                        { for Status::ALL.iter().map(|s| html! {
                            <option value={s.id()} selected={override_value == s.id()}>{ format!("{} — {}", s.id(), s.meaning()) }</option>
                        }) }
                    </select>
                </div>
                <div class="cr-field cr-points">
                    <span class="cr-label">{ "Points" }</span>
                    <span>{ shown(line.points) }</span>
                </div>
            </div>
            <div class="cr-q-evidence">
                { match answer.filter(|a| !a.summary.is_empty()) {
                    Some(a) => html! { <p class="cr-summary-text">{ a.summary.clone() }</p> },
                    None => html! { <p class="cr-summary-text cr-muted">{ "The profile gives no public information for this question." }</p> },
                } }
                { citations(answer.map_or(&[][..], |a| &a.citations)) }
            </div>
            <div class="cr-field cr-note">
                <label for={id("note")}>{ "Your note" }</label>
                <textarea id={id("note")} rows="1" value={e.note(q).to_owned()} oninput={onnote}
                          data-testid="note-input" data-question={n.to_string()}
                          placeholder="What the provider told you, who, when" />
            </div>
        </li>
    }
}
