//! Messages: what went wrong and where, or what just happened.

use yew::prelude::*;

use super::state::{names, Action, KeptBecause, Notice};
use super::use_store;
use crate::model::profile::Issue;
use crate::model::record::count;

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
    let Some(notice) = store.state.notice.clone() else { return html! {} };
    let dismiss = store.action(|_: MouseEvent| Action::Dismiss);
    let body = match &notice {
        Notice::ProfileRejected { what, origin, errors, warnings } => html! {
            <>
                <strong>{ format!("The {what} from {origin} was not loaded: {} error(s).", errors.len()) }</strong>
                { " Your decision is unchanged." }
                { issue_list(errors, "errors") }
                if !warnings.is_empty() {
                    <p>{ "Warnings:" }</p>
                    { issue_list(warnings, "warnings") }
                }
            </>
        },
        Notice::ProfileWarnings { what, origin, summary, warnings } => html! {
            <>
                <strong>{ format!("Read the {what} from {origin}, with {} warning(s).", warnings.len()) }</strong>
                { " " }{ summary.clone() }
                { issue_list(warnings, "warnings") }
            </>
        },
        Notice::SameId { name, record } => {
            let same = store.action(|_: MouseEvent| Action::SameProvider(true));
            let both = store.action(|_: MouseEvent| Action::SameProvider(false));
            html! {
                <>
                    <strong>{ "Is this the same provider as " }<bdi>{ name.clone() }</bdi>{ "?" }</strong>
                    { format!(" The profile you loaded has the same id as {name}, but says something else. Your {record} about {name} stay with {name} either way.") }
                    <div class="cr-notice-actions">
                        <button type="button" class="cr-btn" onclick={same} data-testid="same-provider">{ format!("Yes: use it as {name}'s profile") }</button>
                        <button type="button" class="cr-btn" onclick={both} data-testid="keep-both">{ "No, or not sure: keep both" }</button>
                    </div>
                </>
            }
        }
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

/// Offers back the newest evaluation kept aside, until the user answers;
/// the page keeps these in storage, so closing the tab does not answer.
#[function_component]
pub fn KeptOffer() -> Html {
    let store = use_store();
    let Some(kept) = store.state.kept.last() else { return html! {} };
    let open = store.action(|_: MouseEvent| Action::OpenKept);
    let discard = store.action(|_: MouseEvent| Action::DiscardKept);
    let d = &kept.decision;
    let name = html! { <bdi>{ names(d) }</bdi> };
    let findings: usize = d.candidates.iter().map(|c| c.record.finding_count()).sum();
    let notes: usize = d.candidates.iter().map(|c| c.record.note_count()).sum();
    let work = format!("{}, {}", count(findings, "finding"), count(notes, "note"));
    let (headline, open_label, discard_label) = match kept.because {
        KeptBecause::SharedLink => (
            html! { <><strong>{ "You opened a shared decision." }</strong>{ " Your own saved decision (" }{ name }{ format!("; {work}) is kept and not changed.") }</> },
            "Restore my saved decision",
            "Discard my saved one",
        ),
        KeptBecause::OtherTab => (
            html! { <><strong>{ "This browser holds another decision (" }{ name }{ ")." }</strong>{ format!(" It was saved by another tab or window, or before this one ({work}); it is kept, and yours is not overwritten.") }</> },
            "Open the other decision",
            "Discard the other one",
        ),
        KeptBecause::ProfileLoaded => (
            html! { <><strong>{ "Findings and notes set aside by an earlier version of csp-radar (" }{ name }{ ")" }</strong>{ format!(" are kept ({work}).") }</> },
            "Bring them back",
            "Discard them",
        ),
    };
    let more = store.state.kept.len() - 1;
    html! {
        <div class="cr-notice" data-kind="info" role="status" data-testid="restore-offer" data-because={kept.because.id()}>
            <div class="cr-notice-body">
                { headline }
                if more > 0 { { format!(" {more} more kept after this one.") } }
            </div>
            <button type="button" class="cr-btn" onclick={open} data-testid="restore-saved">{ open_label }</button>
            <button type="button" class="cr-btn cr-btn-quiet" onclick={discard} data-testid="discard-kept">{ discard_label }</button>
        </div>
    }
}
