//! Taking a decision away: the share link, downloads, print.

use std::rc::Rc;

use yew::prelude::*;

use super::browser::{self, FileProblem};
use super::radar::build;
use super::use_store;
use crate::model::export::Format;
use wasm_bindgen::JsCast;

use crate::model::confidence::Range;
use crate::model::diff::DecisionDiff;
use crate::model::file;
use crate::model::link::{MAX_FRAGMENT, WARN_FRAGMENT};
use crate::model::{Decision, Figures, Profile};

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    pub figures: Rc<Figures>,
    /// The providers on the radar, for its SVG download.
    pub series: Rc<Vec<(Rc<Profile>, Figures)>>,
    pub range: Rc<Range>,
    /// Whether this widget autosaves (the page does; a widget mounted in a
    /// host page does not, and says so).
    pub saves: bool,
}

/// A file name a lab can file away: `csp-radar-decision-2026-12-07.csv`,
/// or `csp-radar-aws.svg` for one provider's radar.
fn file_name(what: &str, ext: &str) -> String {
    format!("csp-radar-{what}.{ext}")
}

#[function_component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let store = use_store();
    let state = &*store.state;
    let base = use_context::<super::ShareBase>().and_then(|b| b.0).map_or_else(browser::base_url, |u| u.to_string());
    let printed = state.decision.to_link();
    let length = printed.len();
    let shareable = Decision::fits_a_link(&printed);
    let link = if shareable { format!("{base}#{printed}") } else { String::new() };
    let field = use_node_ref();
    let copied = use_state(|| false);

    let oncopy = {
        let link = link.clone();
        let field = field.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy(&link, field.cast());
            copied.set(true);
        })
    };
    let export = |format: Format| {
        let decision = state.decision.clone();
        Callback::from(move |_: MouseEvent| {
            let (ext, mime) = format.file_type();
            let today = browser::today();
            browser::download(&file_name(&format!("decision-{today}"), ext), mime, &format.render(&decision, &today));
        })
    };
    let onsvg = {
        let series = props.series.clone();
        let range = state.decision.in_detail().is_some().then(|| props.range.clone());
        Callback::from(move |_: MouseEvent| {
            let names: Vec<&str> = series.iter().map(|(p, _)| p.provider.name.as_str()).collect();
            let svg = build(&series, range.as_deref()).to_svg(&format!("Risk radar: {}", names.join(", ")));
            browser::download(&file_name(&format!("radar-{}", browser::today()), "svg"), "image/svg+xml", &svg);
        })
    };
    // An earlier decision (file or link) to compare this one with.
    let earlier = use_state(|| None::<Result<Rc<Decision>, String>>);
    super::use_return_focus(earlier.is_some());
    let onearlierfile = {
        let earlier = earlier.clone();
        Callback::from(move |ev: Event| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let earlier = earlier.clone();
            let name = file.name();
            browser::read_text(&file, move |read| {
                earlier.set(Some(match read {
                    Ok(text) => file::read(&text)
                        .map(|opened| Rc::new(opened.decision))
                        .map_err(|r| format!("{name} is not a decision file csp-radar can open: {r}")),
                    Err(FileProblem::TooLarge(size)) => {
                        Err(format!("{name} is {size} bytes, larger than any decision file csp-radar writes."))
                    }
                    Err(FileProblem::Unreadable(reason)) => Err(format!("{name} could not be read: {reason}.")),
                }));
            });
        })
    };
    let onearlierlink = {
        let earlier = earlier.clone();
        Callback::from(move |ev: Event| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let text = input.value();
            if text.trim().is_empty() {
                return;
            }
            let fragment = text.split_once('#').map_or(text.as_str(), |(_, f)| f).trim().to_owned();
            earlier.set(Some(
                Decision::from_fragment(&fragment).map(Rc::new).map_err(|e| format!("That link cannot be opened: {e}")),
            ));
        })
    };
    let onclosediff = {
        let earlier = earlier.clone();
        Callback::from(move |_: MouseEvent| earlier.set(None))
    };
    let onprint = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let buttons = [
        (Format::Json, "export-json", "Decision (JSON)"),
        (Format::Csv, "export-csv", "Spreadsheet (CSV)"),
        (Format::Markdown, "export-md", "Report (Markdown)"),
        (Format::Wikitext, "export-wikitext", "Wiki page (wikitext)"),
    ];
    html! {
        <section class="cr-share" aria-labelledby="cr-share-title">
            <h2 id="cr-share-title">{ "Share and export" }</h2>
            if !props.saves {
                <p class="cr-help cr-warn" data-testid="no-autosave">{ "This embedded widget does not save your changes. To keep them, copy the link (it opens the full csp-radar) or download the decision file." }</p>
            }
            <div class="cr-field cr-link">
                <label for="cr-share-link">{ "Link to this decision (every provider, the weights, your findings and notes travel in it; nothing is uploaded)" }</label>
                <div class="cr-link-row">
                    <input id="cr-share-link" ref={field} type="text" readonly=true value={link} data-testid="share-link"
                           placeholder="Too long for a link: share the decision file" aria-describedby="cr-link-length" />
                    <button type="button" class="cr-btn cr-btn-primary" data-testid="copy-link" onclick={oncopy} disabled={!shareable}>{ "Copy link" }</button>
                    <span class="cr-copied" role="status">{ if *copied && shareable { "Copied." } else { "" } }</span>
                </div>
                if base.starts_with("file:") {
                    <p class="cr-help cr-warn" data-testid="link-local">
                        { "This page is a file on this computer, so this link opens only here. To share the decision, send the decision file (\"Decision (JSON)\" below): csp-radar opens it again exactly, anywhere." }
                    </p>
                }
                if !shareable {
                    <p class="cr-field-error" id="cr-link-length" role="alert" data-testid="link-too-long">
                        { format!("This decision is too large to share as a link: it would be {length} characters, and a link holds at most {MAX_FRAGMENT}. It is still saved in this browser. To share or keep it, download the decision file (\"Decision (JSON)\" below); csp-radar opens that file again exactly.") }
                    </p>
                } else if length > WARN_FRAGMENT {
                    <p class="cr-help cr-warn" id="cr-link-length" data-testid="link-warning">
                        { format!("The link is {length} characters long, near the {MAX_FRAGMENT} a link can hold. Long notes and custom profiles make it grow; the decision file has no such limit.") }
                    </p>
                }
            </div>
            <div class="cr-exports" role="group" aria-label="Download">
                { for buttons.into_iter().map(|(format, testid, label)| html! {
                    <button type="button" class="cr-btn" data-testid={testid} onclick={export(format)}>{ label }</button>
                }) }
                <button type="button" class="cr-btn" data-testid="export-svg" onclick={onsvg}>{ "Radar (SVG)" }</button>
                <button type="button" class="cr-btn" onclick={onprint}>{ "Print / PDF" }</button>
            </div>
            <details class="cr-reassess" data-testid="reassess">
                <summary>{ "Compare with an earlier decision" }</summary>
                <p class="cr-help">{ "Open the decision file (or paste the link) of an earlier review to see what changed since, provider by provider: figures, gaps, statuses, weights, notes and the profiles' answers." }</p>
                <div class="cr-load-actions">
                    <label class="cr-btn cr-file">
                        { "Open earlier decision file…" }
                        <input type="file" accept=".json,application/json" data-testid="earlier-file-input" onchange={onearlierfile} aria-label="Open an earlier decision file" />
                    </label>
                    <label for="cr-earlier-link" class="cr-inline-label">{ "or its link" }</label>
                    <input type="text" id="cr-earlier-link" data-testid="earlier-link" placeholder="https://…#CSPR:2/…" onchange={onearlierlink} />
                </div>
                { match &*earlier {
                    None => html! {},
                    Some(Err(problem)) => html! { <p class="cr-field-error" role="alert" data-testid="earlier-problem">{ problem.clone() }</p> },
                    Some(Ok(old)) => {
                        let d = DecisionDiff::between(old, &state.decision);
                        html! {
                            <div class="cr-diff" data-testid="diff" role="region" aria-label="What changed since the earlier decision">
                                <h3>{ "What changed since the earlier decision" }</h3>
                                <ul>{ for d.text("").lines().map(|l| html! { <li dir="auto">{ l.to_owned() }</li> }) }</ul>
                                <button type="button" class="cr-btn cr-btn-quiet" onclick={onclosediff}>{ "Close the comparison" }</button>
                            </div>
                        }
                    }
                } }
            </details>
        </section>
    }
}
