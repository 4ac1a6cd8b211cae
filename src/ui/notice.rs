//! Messages: what went wrong and where, or what just happened.

use yew::prelude::*;

use super::state::{Action, Notice};
use super::use_store;
use crate::model::profile::Issue;

fn issue_list(issues: &[Issue], kind: &'static str) -> Html {
    // Hundreds of errors help nobody; the first ones point the way.
    const SHOWN: usize = 12;
    html! {
        <ul class="cr-issues" data-kind={kind}>
            { for issues.iter().take(SHOWN).map(|i| html! {
                <li>
                    <code class="cr-loc">{ format!("line {}, column {}", i.pos.line, i.pos.column) }</code>
                    { " " }
                    <code class="cr-ptr">{ if i.pointer.is_empty() { "(document)".to_owned() } else { i.pointer.clone() } }</code>
                    { ": " }{ i.kind.to_string() }
                </li>
            }) }
            if issues.len() > SHOWN {
                <li>{ format!("... and {} more", issues.len() - SHOWN) }</li>
            }
        </ul>
    }
}

/// The banner under the header. Problems use `role="alert"`.
#[function_component]
pub fn NoticeBanner() -> Html {
    let store = use_store();
    let Some(notice) = store.0.notice.clone() else { return html! {} };
    let dismiss = store.action(|_: MouseEvent| Action::Dismiss);
    let body = match &notice {
        Notice::ProfileRejected { origin, errors, warnings } => html! {
            <>
                <strong>{ format!("The profile from {origin} was not loaded: {} error(s).", errors.len()) }</strong>
                { " Your evaluation is unchanged." }
                { issue_list(errors, "errors") }
                if !warnings.is_empty() {
                    <p>{ "Warnings:" }</p>
                    { issue_list(warnings, "warnings") }
                }
            </>
        },
        Notice::ProfileWarnings { origin, warnings } => html! {
            <>
                <strong>{ format!("Loaded the profile from {origin}, with {} warning(s).", warnings.len()) }</strong>
                { issue_list(warnings, "warnings") }
            </>
        },
        Notice::Problem { title, detail } => html! {
            <><strong>{ title.clone() }</strong>{ " " }{ detail.clone() }</>
        },
        Notice::Info(text) => html! { <>{ text.clone() }</> },
    };
    let problem = notice.is_problem();
    html! {
        <div class="cr-notice" data-kind={if problem { "error" } else { "info" }}
             role={if problem { "alert" } else { "status" }}
             data-testid={if problem { "error-banner" } else { "info-banner" }}>
            <div class="cr-notice-body">{ body }</div>
            <button type="button" class="cr-btn cr-btn-quiet" onclick={dismiss} aria-label="Dismiss message">{ "Dismiss" }</button>
        </div>
    }
}

/// Offered when a shared link displaced the evaluation saved in this browser.
#[function_component]
pub fn RestoreOffer() -> Html {
    let store = use_store();
    let Some(saved) = store.0.restore.as_ref() else { return html! {} };
    let accept = store.action(|_: MouseEvent| Action::AcceptRestore);
    let decline = store.action(|_: MouseEvent| Action::DeclineRestore);
    html! {
        <div class="cr-notice" data-kind="info" role="status" data-testid="restore-offer">
            <div class="cr-notice-body">
                <strong>{ "You opened a shared evaluation." }</strong>
                { format!(" Your own saved evaluation ({}) is kept; ", saved.evaluation.profile.provider.name) }
            </div>
            <button type="button" class="cr-btn" onclick={accept} data-testid="restore-saved">{ "Restore my saved evaluation" }</button>
            <button type="button" class="cr-btn cr-btn-quiet" onclick={decline}>{ "Keep the shared one" }</button>
        </div>
    }
}
