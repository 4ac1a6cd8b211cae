//! The gap list: what is unknown or bad, ranked by points, with what to ask.

use std::rc::Rc;

use yew::prelude::*;

use super::questions::{citations, evidence_age, status_badge, status_basis};
use super::use_store;
use crate::model::export::{ask, Ages};
use crate::model::figures::shown;
use crate::model::Figures;

#[derive(Properties, PartialEq)]
pub struct GapListProps {
    pub figures: Rc<Figures>,
    pub ages: Rc<Ages>,
}

#[function_component]
pub fn GapList(props: &GapListProps) -> Html {
    let store = use_store();
    let e = &store.state.evaluation();
    let f = &props.figures;
    let d = &store.state.decision;
    let outstanding = d.candidate(&e.profile.provider.id).map_or_else(Vec::new, |c| d.confirmations_outstanding(c));
    html! {
        <section class="cr-gaps" aria-labelledby="cr-gaps-title">
            <h2 id="cr-gaps-title">{ "What to ask " }<bdi>{ e.profile.provider.name.clone() }</bdi>{ format!(" ({} gaps)", f.gaps.len()) }</h2>
            <p class="cr-help">{ "Ranked by the points each gap adds to the overall risk." }</p>
            if f.gaps.is_empty() {
                <p class="cr-muted">{ "No gaps: every weighted question is documented." }</p>
            }
            <ol class="cr-gap-list">
                { for f.gaps.iter().map(|&q| {
                    let line = f.line(q);
                    let points = shown(line.points);
                    let answer = e.profile.answer(q);
                    html! {
                        <li class="cr-gap" data-testid="gap-item" data-question={q.number().to_string()} data-points={points.clone()}>
                            <div class="cr-gap-head">
                                <span class="cr-q-num">{ format!("Q{}", q.number()) }</span>
                                { status_badge(line.status, line.lab_finding) }
                                <span class="cr-gap-points">{ format!("{points} points") }</span>
                                <span class="cr-gap-weight">{ format!("weight {}", line.weight) }</span>
                            </div>
                            <p class="cr-gap-question">{ q.question().text }</p>
                            <p class="cr-ask"><strong>{ "Ask: " }</strong>{ ask(e, q) }</p>
                            { evidence_age(&props.ages.answers[q.index()]) }
                            if let Some(finding) = e.finding(q) {
                                <p class="cr-lab-note"><strong>{ "Your finding: " }</strong><bdi>{ finding.words() }</bdi></p>
                            }
                            if !e.note(q).is_empty() {
                                <p class="cr-lab-note"><strong>{ "Your note: " }</strong><bdi>{ e.note(q).to_owned() }</bdi></p>
                            }
                            <details class="cr-evidence">
                                <summary>{ "Public information and sources" }</summary>
                                { match answer.filter(|a| !a.summary.is_empty()) {
                                    Some(a) => html! { <p class="cr-summary-text" dir="auto">{ a.summary.clone() }</p> },
                                    None => html! { <p class="cr-muted">{ "None in the profile." }</p> },
                                } }
                                { status_basis(answer, None) }
                                { citations(answer.map_or(&[][..], |a| &a.citations)) }
                            </details>
                        </li>
                    }
                }) }
            </ol>
            if !outstanding.is_empty() {
                <h3 class="cr-confirm-title">{ "Confirm in writing with " }<bdi>{ e.profile.provider.name.clone() }</bdi>{ format!(" ({})", outstanding.len()) }</h3>
                <p class="cr-help">{ "Your lab needs these answers from the provider in writing (a contract, a BAA, a signed questionnaire), whatever public pages say. Record each as a finding with the provider as its basis, with its date and document reference. They change no figure." }</p>
                <ul class="cr-confirm-list">
                    { for outstanding.iter().map(|&q| html! {
                        <li class="cr-confirm-item" data-testid="confirm-item" data-provider={e.profile.provider.id.clone()} data-question={q.number().to_string()}>
                            <span class="cr-q-num">{ format!("Q{}", q.number()) }</span>{ " " }
                            <span>{ q.question().text }</span>
                            <p class="cr-ask"><strong>{ "Ask: " }</strong>{ ask(e, q) }</p>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
