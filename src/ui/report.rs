//! The committee report as the browser prints it (hidden on screen): page 1
//! with every provider side by side, the verdicts, the weights, the
//! questions to confirm in writing, the as-of date and where each profile's
//! facts come from; then the questions to send each provider, a page each;
//! then the evidence. The same `model::committee` report as the Markdown
//! and wikitext exports, drawn as HTML.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::questions::citations;
use crate::model::committee::Committee;
use crate::model::export::Report;
use crate::model::figures::shown;
use crate::model::{Band, Decision, Domain, QuestionId};

#[derive(Properties, PartialEq)]
pub struct CommitteeReportProps {
    pub decision: Rc<Decision>,
}

#[function_component]
pub fn CommitteeReport(props: &CommitteeReportProps) -> Html {
    let today = browser::today();
    let c = Committee::of(&props.decision, &today);
    let rows = c.rows();
    html! {
        <section class="cr-report" data-testid="committee-report" aria-label="Committee report (printed)">
            <div class="cr-report-page">
                <h1 class="cr-report-title">{ format!("Cloud provider decision, as of {}", c.as_of) }</h1>
                <table class="cr-report-table">
                    <thead>
                        <tr>
                            { for ["#", "Provider", "Risk", "Best–worst", "Public facts", "Gaps", "Findings", "To confirm", "Evidence age"]
                                .iter().map(|h| html! { <th scope="col">{ *h }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|r| html! {
                            <tr>
                                <td>{ r.rank }</td>
                                <th scope="row"><bdi>{ r.name.clone() }</bdi></th>
                                <td><strong>{ shown(r.overall) }</strong>{ format!(" {}", r.band.map_or("n/a", Band::id)) }</td>
                                <td>{ format!("{}–{}", shown(r.best), shown(r.worst)) }</td>
                                <td>{ format!("{}%", shown(r.coverage)) }</td>
                                <td>{ r.gaps }</td>
                                <td>{ r.findings }</td>
                                <td>{ r.confirmations }</td>
                                <td>{ r.evidence_words() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <ul class="cr-report-verdicts">
                    { for c.verdicts.iter().map(|v| html! { <li dir="ltr">{ v.sentence() }</li> }) }
                </ul>
                <dl class="cr-report-facts">
                    <dt>{ "Weights" }</dt><dd>{ c.weights_line() }</dd>
                    <dt>{ "Confirm in writing with every provider" }</dt><dd>{ c.confirm_line() }</dd>
                    <dt>{ "Evidence as of" }</dt><dd>{ c.as_of.to_string() }</dd>
                </dl>
                <h2>{ "Where the facts come from" }</h2>
                <ul class="cr-report-sources">
                    { for c.reports.iter().map(|r| html! { <li><bdi>{ c.provenance(r) }</bdi></li> }) }
                </ul>
            </div>
            { for c.reports.iter().map(|r| asks(&c, r)) }
            <div class="cr-report-evidence">
                <h2>{ "Evidence" }</h2>
                { for c.reports.iter().map(evidence) }
            </div>
        </section>
    }
}

/// One provider's questions to send, on a page of its own.
fn asks(c: &Committee, r: &Report) -> Html {
    let list = c.asks(r);
    html! {
        <div class="cr-report-page cr-report-asks">
            <h2>{ "Questions to send: " }<bdi>{ r.candidate.name().to_owned() }</bdi></h2>
            if list.is_empty() {
                <p>{ "Nothing to ask: every weighted question is documented and confirmed." }</p>
            }
            <ol>
                { for list.iter().map(|a| html! {
                    <li>
                        <strong>{ format!("Q{} ", a.question.number()) }</strong>{ a.question.question().text }
                        <span class="cr-report-why">{ format!(" ({})", a.why.words()) }</span>
                        <br />{ "Ask: " }<bdi>{ a.ask.clone() }</bdi>
                    </li>
                }) }
            </ol>
        </div>
    }
}

/// One provider's evidence: domains, then every question with its status,
/// the lab's finding and note, and the public information with its sources.
fn evidence(r: &Report) -> Html {
    let e = &r.e;
    html! {
        <div class="cr-report-provider">
            <h3><bdi>{ e.profile.provider.name.clone() }</bdi>{ format!(": {} ({})", shown(r.f.overall), r.f.band().map_or("n/a", Band::id)) }</h3>
            <p class="cr-report-domains">
                { Domain::ALL.iter().map(|&d| format!("{} {}", d.label(), shown(r.f.domain(d)))).collect::<Vec<_>>().join(" · ") }
            </p>
            { for QuestionId::all().map(|q| {
                let l = r.f.line(q);
                let answer = e.profile.answer(q);
                html! {
                    <div class="cr-report-q">
                        <p><strong>{ format!("Q{} ", q.number()) }</strong>{ q.question().text }
                            { format!(" — {}, weight {}, {} points", l.status, l.weight, shown(l.points)) }</p>
                        if let Some(f) = e.finding(q) {
                            <p>{ "Our finding: " }<bdi>{ f.words() }</bdi>{ format!(" (the profile says {})", e.profile.status(q)) }</p>
                        }
                        if !e.note(q).is_empty() {
                            <p class="cr-note-print">{ "Our note: " }<bdi>{ e.note(q).to_owned() }</bdi></p>
                        }
                        if let Some(a) = answer.filter(|a| !a.summary.is_empty()) {
                            <p dir="auto">{ a.summary.clone() }</p>
                        }
                        { citations(answer.map_or(&[][..], |a| &a.citations)) }
                    </div>
                }
            }) }
        </div>
    }
}
