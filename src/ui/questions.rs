//! All 18 questions: weight, the profile's evidence, and the lab's finding
//! and note for the provider whose detail is shown, named beside every
//! control so no one records a fact about one provider as another's.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::state::{Action, State};
use super::use_store;
use crate::model::age::AnswerAge;
use crate::model::export::Ages;
use crate::model::import;
use crate::model::profile::{Answer, Citation, Date};
use crate::model::record::{MAX_NOTE, MAX_REFERENCE};
use crate::model::{Basis, Figures, Finding, Profile, QuestionId, Status, Weight};

/// A status in words and colour (never colour alone), marked when it is the
/// lab's own finding rather than the profile's.
pub fn status_badge(status: Status, lab_finding: bool) -> Html {
    html! {
        <span class="cr-status" data-status={status.id()} title={status.meaning()}>
            { status.id() }
            if lab_finding { <span class="cr-overridden" title="The lab's own finding, which counts in place of the profile's status">{ " (your finding)" }</span> }
        </span>
    }
}

/// Keeps a select showing `value` after every render. Setting an option's
/// `selected` attribute does not move a select the user has already
/// changed, so after an undo, an opened file or another provider in focus
/// the select would show one thing while the figures use another.
#[hook]
pub fn use_select_value(node: NodeRef, value: String) {
    use_effect(move || {
        if let Some(select) = node.cast::<HtmlSelectElement>() {
            if select.value() != value {
                select.set_value(&value);
            }
        }
    });
}

/// Why the profile gives this status; an importer's suggestion is marked
/// until someone confirms it (`onconfirm`, when the row can).
pub fn status_basis(answer: Option<&Answer>, onconfirm: Option<Callback<MouseEvent>>) -> Html {
    let Some(basis) = answer.and_then(|a| a.status_basis.as_deref()) else { return html! {} };
    let suggested = basis.starts_with(import::SUGGESTED);
    html! {
        <p class="cr-basis" data-suggested={suggested.then_some("")}>
            if suggested {
                <span class="cr-suggested" data-testid="suggested" title="Suggested from the page's wording by csp-radar's import rules: check it against the sources">{ "suggested" }</span>{ " " }
            }
            <bdi>{ basis.trim_start_matches(import::SUGGESTED).to_owned() }</bdi>
            if let (true, Some(onclick)) = (suggested, onconfirm) {
                { " " }<button type="button" class="cr-btn cr-btn-small" data-testid="confirm-status" {onclick}>{ "Confirm this status" }</button>
            }
        </p>
    }
}

/// How old an answer's evidence is, marked when stale or undated.
pub fn evidence_age(age: &AnswerAge) -> Html {
    let Some(words) = age.words() else { return html! {} };
    let stale = age.is_stale();
    let undated = *age == AnswerAge::Undated;
    html! {
        <p class="cr-age" data-testid="evidence-age" data-stale={stale.then_some("")} data-undated={undated.then_some("")}>
            if stale { <strong>{ "Stale: " }</strong> }
            { words }
        </p>
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
                    <a href={c.url.as_str().to_owned()} target="_blank" rel="noopener noreferrer"><bdi>{ c.title.clone() }</bdi></a>
                    if let Some(d) = &c.date { <span class="cr-date">{ format!(" ({d})") }</span> }
                </li>
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
pub struct QuestionListProps {
    pub figures: Rc<Figures>,
    pub ages: Rc<Ages>,
    /// How many rows, from the first, to draw: a prerendered page is taken
    /// over a few rows per task (see `app::TAKEOVER`).
    #[prop_or(QuestionId::COUNT)]
    pub rows: usize,
}

/// A profile compared by identity: rows skip re-rendering while the
/// evaluated profile is the same one, without comparing its text.
#[derive(Clone)]
pub struct SameProfile(pub Rc<Profile>);

impl PartialEq for SameProfile {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[function_component]
pub fn QuestionList(props: &QuestionListProps) -> Html {
    let store = use_store();
    let e = store.state.evaluation();
    let d = &store.state.decision;
    let confirm = d.confirm_set();
    let dispatch = store.state.dispatcher();
    let name = AttrValue::from(e.profile.provider.name.clone());
    let recording = d.in_detail().is_some();
    html! {
        <section class="cr-questions" aria-labelledby="cr-questions-title">
            if recording {
                <h2 id="cr-questions-title">{ "The 18 questions: your weights, and the evidence and your findings on " }<bdi>{ e.profile.provider.name.clone() }</bdi></h2>
            } else {
                <h2 id="cr-questions-title">{ "The 18 questions and your weights" }</h2>
            }
            <p class="cr-help">{ "Weight 0 means \"not relevant to us\" and leaves the question out of every figure; 5 matters most. Weights are the lab's and apply to every provider; so does \"confirm in writing\". A finding records what you learned about one provider (from public evidence, the provider in writing, or your own test) and counts for that provider only: pick a provider to record one." }</p>
            <ol class="cr-question-list">
                { for QuestionId::all().take(props.rows).map(|q| {
                    let line = props.figures.line(q);
                    html! {
                        <QuestionRow key={q.number()} question={q} weight={line.weight} status={line.status}
                            finding={e.finding(q).cloned()} note={AttrValue::from(e.note(q).to_owned())}
                            provider={name.clone()} confirm={confirm.contains(q)} {recording}
                            profile={SameProfile(e.profile.clone())} dispatch={dispatch.clone()}
                            age={props.ages.answers[q.index()].clone()} />
                    }
                }) }
            </ol>
        </section>
    }
}

/// One question. Its props are plain values, not the store, so changing
/// one weight re-renders one row, not eighteen.
#[derive(Properties, PartialEq)]
pub struct QuestionRowProps {
    pub question: QuestionId,
    pub weight: Weight,
    /// The effective status.
    pub status: Status,
    /// The lab's finding for the provider shown, if any.
    pub finding: Option<Finding>,
    pub note: AttrValue,
    /// The name of the provider whose finding and note these are.
    pub provider: AttrValue,
    /// Whether the question is in the confirm-in-writing set.
    pub confirm: bool,
    /// Whether a provider is in focus: its finding, note and evidence are
    /// shown and can be recorded. Without one, the row is the weight alone.
    pub recording: bool,
    pub profile: SameProfile,
    pub dispatch: UseReducerDispatcher<State>,
    /// How old the evidence is.
    pub age: AnswerAge,
}

#[function_component]
pub fn QuestionRow(props: &QuestionRowProps) -> Html {
    let q = props.question;
    let profile = &props.profile.0;
    let answer = profile.answer(q);
    let n = q.number();
    let name = props.provider.to_string();

    // What the user typed that cannot be a weight (9, -1, 2.5, empty): said
    // beside the field while the figures keep the last valid weight, and
    // put back when the field is left.
    let weight_problem = use_state(|| None::<String>);
    let onweight = {
        let dispatch = props.dispatch.clone();
        let weight_problem = weight_problem.clone();
        let current = props.weight;
        Callback::from(move |ev: InputEvent| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            match input.value().trim().parse::<u64>().ok().and_then(Weight::new) {
                Some(w) => {
                    weight_problem.set(None);
                    dispatch.dispatch(Action::SetWeight(q, w));
                }
                None => weight_problem
                    .set(Some(format!("A weight is a whole number from 0 to 5. The figures still use {current}."))),
            }
        })
    };
    let onweightblur = {
        let weight_problem = weight_problem.clone();
        let current = props.weight;
        Callback::from(move |ev: FocusEvent| {
            if weight_problem.is_some() {
                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                    input.set_value(&current.value().to_string());
                }
                weight_problem.set(None);
            }
        })
    };
    let select_value = |ev: &Event| ev.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value());
    let onstatus = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |ev: Event| {
            if let Some(v) = select_value(&ev) {
                dispatch.dispatch(Action::SetFinding(q, v.parse::<Status>().ok()));
            }
        })
    };
    let onbasis = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |ev: Event| {
            if let Some(v) = select_value(&ev) {
                dispatch.dispatch(Action::SetFindingBasis(q, Basis::parse(&v)));
            }
        })
    };
    // A date field gives "" until the date is whole, then YYYY-MM-DD.
    let date_problem = use_state(|| false);
    let ondate = {
        let dispatch = props.dispatch.clone();
        let date_problem = date_problem.clone();
        Callback::from(move |ev: Event| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let text = input.value();
            let date = Date::parse(text.trim());
            date_problem.set(date.is_none() && !text.trim().is_empty());
            if date.is_some() || text.trim().is_empty() {
                dispatch.dispatch(Action::SetFindingDate(q, date));
            }
        })
    };
    let onreference = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |ev: InputEvent| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            dispatch.dispatch(Action::SetFindingReference(q, input.value()));
        })
    };
    let onconfirmtoggle = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |ev: Event| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            dispatch.dispatch(Action::SetConfirm(q, input.checked()));
        })
    };
    // A note never grows past MAX_NOTE and is never cut: an edit that would
    // overflow it is undone in place (the caret stays where it was) and
    // refused in words.
    let note_refused = use_state(|| None::<String>);
    let onnote = {
        let dispatch = props.dispatch.clone();
        let note_refused = note_refused.clone();
        let kept = props.note.clone();
        Callback::from(move |ev: InputEvent| {
            let Some(area) = ev.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) else { return };
            let text = area.value();
            let length = text.chars().count();
            if length <= MAX_NOTE {
                note_refused.set(None);
                dispatch.dispatch(Action::SetNote(q, text));
                return;
            }
            // Selection offsets count UTF-16 units.
            let added = text.encode_utf16().count().saturating_sub(kept.encode_utf16().count()) as u32;
            let caret = area.selection_start().ok().flatten().unwrap_or(0).saturating_sub(added);
            area.set_value(&kept);
            let _ = area.set_selection_range(caret, caret);
            note_refused.set(Some(format!(
                "Not added: a note holds at most {MAX_NOTE} characters, and this edit would make it {length}. Shorten it, or keep longer text in a document and note where it is."
            )));
        })
    };
    let note_length = props.note.chars().count();
    let onconfirm = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ConfirmStatus(q)))
    };
    let finding = props.finding.as_ref();
    let status_value = finding.map_or("", |f| f.status.id()).to_owned();
    let basis_value = finding.and_then(|f| f.basis).map_or("", Basis::id).to_owned();
    let status_ref = use_node_ref();
    let basis_ref = use_node_ref();
    use_select_value(status_ref.clone(), status_value.clone());
    use_select_value(basis_ref.clone(), basis_value.clone());
    let missing = finding.map_or_else(Vec::new, Finding::missing);
    let id = |what: &str| format!("cr-q{n}-{what}");
    html! {
        <li class="cr-question" data-unweighted={(props.weight.value() == 0).then_some("")} id={id("row")}>
            <div class="cr-q-head">
                <span class="cr-q-num">{ format!("Q{n}") }</span>
                <span class="cr-q-domain">{ q.question().domain.label() }</span>
                <p class="cr-q-text" id={id("text")}>{ q.question().text }</p>
            </div>
            <div class="cr-q-controls">
                <div class="cr-field cr-weight">
                    <label for={id("weight")}>{ "Weight" }</label>
                    <input type="number" id={id("weight")} min="0" max="5" step="1" inputmode="numeric"
                           value={props.weight.value().to_string()} oninput={onweight} onblur={onweightblur}
                           data-testid="weight-input" data-question={n.to_string()}
                           aria-invalid={weight_problem.is_some().then_some("true")}
                           aria-describedby={if weight_problem.is_some() { format!("{} {}", id("text"), id("weight-problem")) } else { id("text") }} />
                    if let Some(problem) = &*weight_problem {
                        <span class="cr-field-error" id={id("weight-problem")} role="alert" data-testid="weight-problem">{ problem.clone() }</span>
                    }
                </div>
                if props.recording {
                <div class="cr-field">
                    <span class="cr-label">{ "Status" }</span>
                    { status_badge(props.status, finding.is_some()) }
                </div>
                <div class="cr-field">
                    <label for={id("finding")}>{ "Your finding on " }<bdi>{ name.clone() }</bdi></label>
                    <select id={id("finding")} ref={status_ref} onchange={onstatus} data-testid="finding-status" data-question={n.to_string()} aria-describedby={id("text")}>
                        <option value="" selected={status_value.is_empty()}>{ format!("none: the profile says {}", profile.status(q)) }</option>
                        { for Status::ALL.iter().map(|s| html! {
                            <option value={s.id()} selected={status_value == s.id()}>{ format!("{} — {}", s.id(), s.meaning()) }</option>
                        }) }
                    </select>
                    <span class="cr-print-only">{ match finding {
                        Some(f) => f.words(),
                        None => format!("none: the profile says {}", profile.status(q)),
                    } }</span>
                </div>
                }
                <label class="cr-field cr-check" title="Ask every provider for this answer in writing, whatever public pages say">
                    <input type="checkbox" checked={props.confirm} onchange={onconfirmtoggle} data-testid="confirm-toggle" data-question={n.to_string()} />
                    { " Confirm in writing" }
                </label>
            </div>
            if let (true, Some(f)) = (props.recording, finding) {
                <fieldset class="cr-finding" data-testid="finding" data-question={n.to_string()}>
                    <legend>{ "What your finding on " }<bdi>{ name.clone() }</bdi>{ " rests on" }</legend>
                    <div class="cr-field">
                        <label for={id("basis")}>{ "Basis" }</label>
                        <select id={id("basis")} ref={basis_ref} onchange={onbasis} data-testid="finding-basis" data-question={n.to_string()}>
                            <option value="" selected={basis_value.is_empty()}>{ "not stated yet" }</option>
                            { for Basis::ALL.iter().map(|b| html! {
                                <option value={b.id()} selected={basis_value == b.id()}>{ b.label() }</option>
                            }) }
                        </select>
                    </div>
                    <div class="cr-field">
                        <label for={id("date")}>{ "Date" }</label>
                        <input type="date" id={id("date")} value={f.date.as_ref().map_or(String::new(), |d| d.to_string())}
                               onchange={ondate} data-testid="finding-date" data-question={n.to_string()}
                               aria-invalid={date_problem.then_some("true")} />
                    </div>
                    <div class="cr-field cr-grow">
                        <label for={id("reference")}>{ "Document reference" }</label>
                        <input type="text" id={id("reference")} value={f.reference.clone()} maxlength={MAX_REFERENCE.to_string()}
                               oninput={onreference} data-testid="finding-reference" data-question={n.to_string()} dir="auto"
                               placeholder="e.g. signed BAA, ref. 2026-114" />
                    </div>
                    <p class="cr-help" data-testid="finding-words">
                        <bdi>{ format!("{}, Q{n}: {}", name, f.words()) }</bdi>
                        if f.status == profile.status(q) {
                            { format!(". No change to the figure: the profile already counts it as {}.", f.status) }
                        }
                        if !missing.is_empty() {
                            <span class="cr-warn">{ format!(" Still to give: {}.", missing.join(", ")) }</span>
                        }
                    </p>
                </fieldset>
            }
            if props.recording {
            <div class="cr-q-evidence">
                { match answer.filter(|a| !a.summary.is_empty()) {
                    Some(a) => html! { <p class="cr-summary-text" dir="auto">{ a.summary.clone() }</p> },
                    None => html! { <p class="cr-summary-text cr-muted">{ "The profile gives no public information for this question." }</p> },
                } }
                { status_basis(answer, Some(onconfirm)) }
                { evidence_age(&props.age) }
                { citations(answer.map_or(&[][..], |a| &a.citations)) }
            </div>
            <div class="cr-field cr-note">
                <label for={id("note")}>{ "Your note on " }<bdi>{ name.clone() }</bdi></label>
                <textarea id={id("note")} rows="1" dir="auto" value={props.note.clone()} oninput={onnote}
                          data-testid="note-input" data-question={n.to_string()}
                          aria-describedby={id("note-room")}
                          placeholder="What the provider told you, who, when" />
                <span class="cr-help" id={id("note-room")} data-testid="note-room">
                    { if note_length == 0 { format!("Up to {MAX_NOTE} characters.") } else { format!("{} of {MAX_NOTE} characters left.", MAX_NOTE - note_length.min(MAX_NOTE)) } }
                </span>
                if let Some(refused) = &*note_refused {
                    <span class="cr-field-error" role="alert" data-testid="note-refused">{ refused.clone() }</span>
                }
                // Printing shows the whole note, not the textarea's visible lines.
                if !props.note.is_empty() { <p class="cr-print-only cr-note-print" dir="auto">{ props.note.to_string() }</p> }
            </div>
            }
        </li>
    }
}
