//! Messages: what went wrong and where, or what just happened.

use yew::prelude::*;

use super::history;
use super::state::{names, Action, Notice};
use super::{use_return_focus, use_store};
use crate::model::export::Format;
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
    use_return_focus(store.state.notice.is_some());
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
                    { format!(" The profile you loaded has the same id as {name}, but says something else. What you recorded about {name} ({record}) stays with {name} either way.") }
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
        Notice::Displaced { decision, why } => {
            let back = {
                let store = store.clone();
                let decision = (**decision).clone();
                Callback::from(move |_: MouseEvent| {
                    store.dispatch(Action::RestoreVersion { decision: decision.clone(), when: "before".to_owned() })
                })
            };
            html! {
                <>
                    <strong>{ why.clone() }</strong>
                    { " The decision you had here (" }<bdi>{ names(decision) }</bdi>{ ") is kept in History." }
                    <div class="cr-notice-actions">
                        <button type="button" class="cr-btn" data-testid="restore-saved" onclick={back}>{ "Bring mine back" }</button>
                    </div>
                </>
            }
        }
        Notice::OtherTab { what, key } => {
            let follow = {
                let store = store.clone();
                let key = key.clone();
                Callback::from(move |_: MouseEvent| {
                    let store = store.clone();
                    let key = key.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        store.dispatch(match history::decision(&key).await {
                            Ok(d) => Action::RestoreVersion { decision: d, when: "the other tab".to_owned() },
                            Err(e) => Action::Refuse {
                                title: "The other tab's version cannot be opened.".into(),
                                detail: format!("{e}. This tab's decision is unchanged."),
                            },
                        });
                    });
                })
            };
            html! {
                <>
                    <strong>{ "Another tab changed this decision" }</strong>{ format!(" ({what}).") }
                    { " Both lines of work are kept in History; this tab shows its own until you choose." }
                    <div class="cr-notice-actions">
                        <button type="button" class="cr-btn" data-testid="follow-other-tab" onclick={follow}>{ "Show the other tab's version" }</button>
                    </div>
                </>
            }
        }
        Notice::NotKept { title, detail } => {
            let decision = store.state.decision.clone();
            let download = Callback::from(move |_: MouseEvent| {
                let today = super::browser::today();
                let (ext, mime) = Format::Json.file_type();
                super::browser::download(
                    &format!("csp-radar-decision-{today}.{ext}"),
                    mime,
                    &Format::Json.render(&decision, &today),
                );
            });
            html! {
                <>
                    <strong>{ title.clone() }</strong>{ " " }{ detail.clone() }
                    <div class="cr-notice-actions">
                        <button type="button" class="cr-btn cr-btn-primary" data-testid="download-now" onclick={download}>{ "Download the decision file now" }</button>
                    </div>
                </>
            }
        }
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
