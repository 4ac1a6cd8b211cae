//! Writing and editing a profile in the widget (docs/profile-format.md). The
//! editor keeps a draft of what the user typed; each change is checked by
//! the same reader as a loaded file (`Draft::check`) and shown beside its
//! field, and only a valid draft reaches the evaluation, where it autosaves,
//! travels in the link and can be undone like any change.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::browser;
use super::state::Action;
use super::{use_return_focus, use_store};
use crate::model::draft::{Draft, DraftCitation};
use crate::model::profile::Issue;
use crate::model::{Profile, QuestionId, Status};

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The draft to start from (a new provider, or a copy of the profile).
    pub start: Rc<Draft>,
    pub onclose: Callback<()>,
}

/// What a field edit does to the draft.
type Edit = Rc<dyn Fn(&mut Draft, String)>;

/// The text of an input, select or textarea that fired an event.
fn value_of(e: &Event) -> String {
    let Some(t) = e.target() else { return String::new() };
    if let Some(i) = t.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(a) = t.dyn_ref::<HtmlTextAreaElement>() {
        a.value()
    } else if let Some(s) = t.dyn_ref::<HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

#[function_component]
pub fn ProfileEditor(props: &EditorProps) -> Html {
    let store = use_store();
    use_return_focus(true);
    let draft = use_state(|| (*props.start).clone());
    // Closing with fields that need fixing asks first: what was typed since
    // the last valid version is not in the decision yet.
    let asking = use_state(|| false);
    // Whether an edit of this session reached the evaluation yet: the first
    // one is an undo step; the rest refine it.
    let applied = use_mut_ref(|| false);
    // The provider this editor writes to, by its id as the decision knows
    // it now (an edited id moves with each applied edit). Focus may move to
    // another provider meanwhile; the edits still go to this one.
    let editing = use_mut_ref(|| props.start.id.clone());
    // The profile this editor last put in the decision. When the decision
    // holds another one for the provider (Undo, a restored version, an
    // opened link), the draft follows the decision, and the next edit is an
    // undo step of its own: typing never brings an undone edit back.
    let mine: Rc<RefCell<Option<Rc<Profile>>>> = use_mut_ref(|| None);
    {
        let draft = draft.clone();
        let applied = applied.clone();
        let editing = editing.clone();
        let mine = mine.clone();
        let start_id = props.start.id.clone();
        use_effect_with(store.state.decision.clone(), move |decision| {
            let Some(last) = mine.borrow().clone() else { return };
            let id = editing.borrow().clone();
            let now = decision.candidate(&id).map(|c| Rc::clone(&c.profile));
            if now.as_ref() == Some(&last) {
                return;
            }
            if let Some(c) = decision.candidate(&id).or_else(|| decision.candidate(&start_id)) {
                draft.set(Draft::of(&c.profile, false));
                *editing.borrow_mut() = c.id().to_owned();
            }
            *applied.borrow_mut() = false;
            *mine.borrow_mut() = None;
        });
    }
    let checked = use_memo((*draft).clone(), |d| d.check(&browser::today()));
    let issues: &[Issue] = match &*checked {
        Ok(_) => &[],
        Err(issues) => issues,
    };

    let change = {
        let draft = draft.clone();
        let dispatch = store.state.dispatcher();
        let applied = applied.clone();
        let editing = editing.clone();
        let mine = mine.clone();
        move |edit: Edit| {
            let draft = draft.clone();
            let dispatch = dispatch.clone();
            let applied = applied.clone();
            let editing = editing.clone();
            let mine = mine.clone();
            Callback::from(move |e: Event| {
                let mut next = (*draft).clone();
                edit(&mut next, value_of(&e));
                if let Ok(profile) = next.check(&browser::today()) {
                    let first = !*applied.borrow();
                    *applied.borrow_mut() = true;
                    let id = std::mem::replace(&mut *editing.borrow_mut(), profile.provider.id.clone());
                    let profile = Rc::new(profile);
                    *mine.borrow_mut() = Some(Rc::clone(&profile));
                    dispatch.dispatch(Action::EditProfile { id, profile, first });
                }
                draft.set(next);
            })
        }
    };
    let restructure = {
        let draft = draft.clone();
        let dispatch = store.state.dispatcher();
        let applied = applied.clone();
        let editing = editing.clone();
        let mine = mine.clone();
        move |edit: Rc<dyn Fn(&mut Draft)>| {
            let draft = draft.clone();
            let dispatch = dispatch.clone();
            let applied = applied.clone();
            let editing = editing.clone();
            let mine = mine.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = (*draft).clone();
                edit(&mut next);
                if let Ok(profile) = next.check(&browser::today()) {
                    let first = !*applied.borrow();
                    *applied.borrow_mut() = true;
                    let id = std::mem::replace(&mut *editing.borrow_mut(), profile.provider.id.clone());
                    let profile = Rc::new(profile);
                    *mine.borrow_mut() = Some(Rc::clone(&profile));
                    dispatch.dispatch(Action::EditProfile { id, profile, first });
                }
                draft.set(next);
            })
        }
    };
    let problem = |pointer: &str| -> Option<String> {
        let mine: Vec<String> = issues.iter().filter(|i| i.pointer == pointer).map(|i| i.kind.to_string()).collect();
        (!mine.is_empty()).then(|| mine.join("; "))
    };
    // One labelled field, its problem (if any) beside it and named by it.
    let field = |key: &str, label: &str, pointer: &str, value: &str, long: bool, edit: Edit| -> Html {
        let id = format!("cr-ed-{key}");
        let err = problem(pointer);
        let err_id = format!("{id}-problem");
        let described = err.as_ref().map(|_| err_id.clone());
        let invalid = err.as_ref().map(|_| "true");
        let onchange = change(edit);
        html! {
            <div class="cr-field cr-ed-field">
                <label for={id.clone()}>{ label.to_owned() }</label>
                if long {
                    <textarea id={id.clone()} rows="2" dir="auto" value={value.to_owned()} oninput={Callback::from({ let c = onchange.clone(); move |e: InputEvent| c.emit(e.into()) })}
                              aria-invalid={invalid} aria-describedby={described} data-pointer={pointer.to_owned()} />
                } else {
                    <input type="text" id={id.clone()} dir="auto" value={value.to_owned()} oninput={Callback::from({ let c = onchange.clone(); move |e: InputEvent| c.emit(e.into()) })}
                           aria-invalid={invalid} aria-describedby={described} data-pointer={pointer.to_owned()} />
                }
                if let Some(err) = err {
                    <span class="cr-field-error" id={err_id} data-testid="editor-problem">{ err }</span>
                }
            </div>
        }
    };

    let d = &*draft;
    let ondownload = {
        let draft = draft.clone();
        let store = store.clone();
        Callback::from(move |_: MouseEvent| match draft.check(&browser::today()) {
            Ok(p) => {
                browser::download(
                    &format!("{}.json", p.provider.id),
                    "application/json",
                    &format!("{}\n", p.to_json()),
                );
            }
            Err(issues) => store.dispatch(Action::Refuse {
                title: "The profile was not downloaded.".into(),
                detail: format!("{} field(s) need fixing first; each says what is wrong beside it.", issues.len()),
            }),
        })
    };
    let fields_ok = issues.is_empty();
    let onclose = {
        let onclose = props.onclose.clone();
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| if fields_ok { onclose.emit(()) } else { asking.set(true) })
    };
    let close_anyway = {
        let onclose = props.onclose.clone();
        Callback::from(move |_: MouseEvent| onclose.emit(()))
    };
    let keep_editing = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(false))
    };
    html! {
        <section class="cr-editor" aria-labelledby="cr-editor-title" data-testid="profile-editor">
            <div class="cr-editor-head">
                <h2 id="cr-editor-title">{ "Edit profile: " }<bdi>{ d.name.clone() }</bdi></h2>
                <button type="button" class="cr-btn" data-testid="download-profile" onclick={ondownload}>{ "Download profile" }</button>
                <button type="button" class="cr-btn cr-btn-quiet" data-testid="close-editor" onclick={onclose}>{ "Close editor" }</button>
            </div>
            if *asking && !fields_ok {
                <div class="cr-notice cr-notice-problem" role="alertdialog" aria-labelledby="cr-editor-ask" data-testid="editor-close-ask">
                    <p id="cr-editor-ask"><strong>{ format!("{} field(s) still need fixing.", issues.len()) }</strong>
                        { " What you typed since the profile was last valid is not in your decision: closing now drops it, and the decision keeps the last valid version." }</p>
                    <button type="button" class="cr-btn cr-btn-primary" data-testid="keep-editing" onclick={keep_editing} autofocus=true>{ "Keep editing" }</button>
                    <button type="button" class="cr-btn cr-btn-quiet" data-testid="close-anyway" onclick={close_anyway}>{ "Close and drop the draft" }</button>
                </div>
            }
            <p class="cr-help" role="status" data-testid="editor-status">
                { if fields_ok {
                    "Every field is valid; each change is already in your evaluation (autosaved, in the link, and undoable).".to_owned()
                } else {
                    format!("{} field(s) need fixing: until they are fixed, the evaluation keeps the last valid version of this profile.", issues.len())
                } }
            </p>
            <fieldset class="cr-ed-group">
                <legend>{ "Provider" }</legend>
                { field("name", "Name", "/provider/name", &d.name, false, Rc::new(|d: &mut Draft, v: String| d.name = v)) }
                { field("id", "Id (lowercase letters, digits and -)", "/provider/id", &d.id, false, Rc::new(|d: &mut Draft, v: String| d.id = v)) }
                { field("website", "Website", "/provider/website", &d.website, false, Rc::new(|d: &mut Draft, v: String| d.website = v)) }
            </fieldset>
            <fieldset class="cr-ed-group">
                <legend>{ "Where the information comes from" }</legend>
                { field("source-title", "Source title", "/source/title", &d.source_title, false, Rc::new(|d: &mut Draft, v: String| d.source_title = v)) }
                { field("source-url", "Source address", "/source/url", &d.source_url, false, Rc::new(|d: &mut Draft, v: String| d.source_url = v)) }
                { field("source-retrieved", "Retrieved (YYYY-MM-DD)", "/source/retrieved", &d.source_retrieved, false, Rc::new(|d: &mut Draft, v: String| d.source_retrieved = v)) }
                { field("mss", "Managed security services", "/managed_security_services", &d.managed_security_services, true, Rc::new(|d: &mut Draft, v: String| d.managed_security_services = v)) }
                { field("notes", "Notes", "/notes", &d.notes, true, Rc::new(|d: &mut Draft, v: String| d.notes = v)) }
            </fieldset>
            { for QuestionId::all().map(|q| {
                let i = q.index();
                let n = q.number();
                let a = &d.answers[i];
                let at = |rest: &str| format!("/answers/{i}/{rest}");
                let has_problem = issues.iter().any(|x| x.pointer.starts_with(&format!("/answers/{i}/")));
                let status_id = format!("cr-ed-q{n}-status");
                let onstatus = change(Rc::new(move |d: &mut Draft, v: String| {
                    if let Ok(s) = v.parse::<Status>() {
                        d.answers[i].status = s;
                    }
                }));
                let onadd = restructure(Rc::new(move |d: &mut Draft| d.answers[i].citations.push(DraftCitation::default())));
                html! {
                    <details class="cr-ed-question" data-question={n.to_string()}>
                        <summary>
                            { format!("Q{n} · {} · ", a.status.id()) }<span class="cr-muted">{ q.question().text }</span>
                            if has_problem { <span class="cr-field-error">{ " — needs fixing" }</span> }
                        </summary>
                        <div class="cr-field cr-ed-field">
                            <label for={status_id.clone()}>{ "Status" }</label>
                            <select id={status_id} onchange={onstatus} data-testid="editor-status-select">
                                { for Status::ALL.iter().map(|s| html! {
                                    <option value={s.id()} selected={*s == a.status}>{ format!("{} — {}", s.id(), s.meaning()) }</option>
                                }) }
                            </select>
                        </div>
                        { field(&format!("q{n}-basis"), "Why this status", &at("status_basis"), &a.status_basis, false, Rc::new(move |d: &mut Draft, v: String| d.answers[i].status_basis = v)) }
                        { field(&format!("q{n}-summary"), "What public information says (in your words)", &at("summary"), &a.summary, true, Rc::new(move |d: &mut Draft, v: String| d.answers[i].summary = v)) }
                        { field(&format!("q{n}-ask"), "What to ask the provider", &at("ask"), &a.ask, true, Rc::new(move |d: &mut Draft, v: String| d.answers[i].ask = v)) }
                        <ol class="cr-ed-citations" aria-label={format!("Sources for question {n}")}>
                            { for a.citations.iter().enumerate().map(|(c, cite)| {
                                let cat = |rest: &str| format!("/answers/{i}/citations/{c}/{rest}");
                                let onremove = restructure(Rc::new(move |d: &mut Draft| {
                                    if c < d.answers[i].citations.len() {
                                        d.answers[i].citations.remove(c);
                                    }
                                }));
                                let edit_citation = move |set: fn(&mut DraftCitation, String)| -> Edit {
                                    Rc::new(move |d: &mut Draft, v: String| {
                                        if let Some(cite) = d.answers[i].citations.get_mut(c) {
                                            set(cite, v);
                                        }
                                    })
                                };
                                html! {
                                    <li class="cr-ed-citation">
                                        { field(&format!("q{n}-c{c}-title"), "Title", &cat("title"), &cite.title, false, edit_citation(|x, v| x.title = v)) }
                                        { field(&format!("q{n}-c{c}-url"), "Address (http or https)", &cat("url"), &cite.url, false, edit_citation(|x, v| x.url = v)) }
                                        { field(&format!("q{n}-c{c}-date"), "Date (YYYY-MM-DD, optional)", &cat("date"), &cite.date, false, edit_citation(|x, v| x.date = v)) }
                                        <button type="button" class="cr-btn cr-btn-small" onclick={onremove}
                                                aria-label={format!("Remove source {} of question {n}", c + 1)}>{ "Remove source" }</button>
                                    </li>
                                }
                            }) }
                        </ol>
                        <button type="button" class="cr-btn cr-btn-small" data-testid="add-citation" onclick={onadd}>{ format!("Add a source to Q{n}") }</button>
                    </details>
                }
            }) }
        </section>
    }
}
