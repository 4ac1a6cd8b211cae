//! Choosing what to evaluate: provider, preset, comparison, and loading a
//! profile from a file, a drop or pasted JSON.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use std::rc::Rc;

use super::browser::{self, FileProblem};
use super::editor::ProfileEditor;
use super::questions::use_select_value;
use super::state::{choice_key, Action, Choice};
use super::{use_store, Store};
use crate::model::age::StaleAfter;
use crate::model::decision::MAX_PROVIDERS;
use crate::model::draft::Draft;
use crate::model::profile::Date;
use crate::model::{bundled, Preset};

/// Reads a dropped or picked file into the decision, refusing one larger
/// than any file csp-radar reads before reading it.
pub fn read_profile_file(store: Store, file: web_sys::File) {
    let name = file.name();
    browser::read_text(&file, move |read| {
        store.dispatch(match read {
            Ok(text) => Action::load_file(&name, &text),
            Err(FileProblem::TooLarge(size)) => Action::Refuse {
                title: format!("{name} was not loaded."),
                detail: format!("It is {size} bytes, larger than any profile or decision file csp-radar reads. Your decision is unchanged."),
            },
            Err(FileProblem::Unreadable(reason)) => {
                Action::Refuse { title: format!("{name} could not be read."), detail: format!("{reason}. Your decision is unchanged.") }
            }
        });
    });
}

/// One picker option.
fn option(c: &Choice, selected: bool) -> Html {
    html! { <option value={c.key.clone()} {selected} dir="auto">{ c.label.clone() }</option> }
}

fn select_value(e: &Event) -> Option<String> {
    e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value())
}

#[function_component]
pub fn ProviderBar() -> Html {
    let store = use_store();
    let state = &*store.state;
    let e = &state.evaluation();
    let d = &state.decision;
    let choices = state.choices();
    let current = choice_key(&e.profile);
    let paste_ref = use_node_ref();
    let provider_ref = use_node_ref();
    let compare_ref = use_node_ref();
    let compare_problem = use_state(|| None::<String>);
    let preset_ref = use_node_ref();
    let stale_ref = use_node_ref();
    use_select_value(preset_ref.clone(), e.preset.id().to_owned());
    use_select_value(stale_ref.clone(), e.age.stale_after.months().to_string());
    let compared: Vec<String> =
        d.providers().filter(|c| c.id() != e.profile.provider.id).map(|c| choice_key(&c.profile)).collect();

    // The pickers show exactly what is evaluated and compared. After a pick
    // the browser's own selection can differ from what the state kept (a
    // 4th compare choice, an option list that changed under the selection),
    // and re-rendering the same options does not reset it; set it here.
    {
        let provider_ref = provider_ref.clone();
        let compare_ref = compare_ref.clone();
        use_effect_with((current.clone(), compared.clone(), choices.len()), move |(current, compared, _)| {
            if let Some(select) = provider_ref.cast::<HtmlSelectElement>() {
                select.set_value(current);
            }
            if let Some(select) = compare_ref.cast::<HtmlSelectElement>() {
                let options = select.options();
                for i in 0..options.length() {
                    if let Some(option) = options.item(i).and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                    {
                        option.set_selected(compared.contains(&option.value()));
                    }
                }
            }
        });
    }

    let onprovider = {
        let store = store.clone();
        Callback::from(move |ev: Event| {
            if let Some(id) = select_value(&ev) {
                store.dispatch(Action::SelectProvider(id));
            }
        })
    };
    let onpreset = {
        let store = store.clone();
        Callback::from(move |ev: Event| {
            if let Some(p) = select_value(&ev).and_then(|v| v.parse::<Preset>().ok()) {
                store.dispatch(Action::SetPreset(p));
            }
        })
    };
    let oncompare = {
        let store = store.clone();
        let compare_problem = compare_problem.clone();
        Callback::from(move |ev: Event| {
            let Some(select) = ev.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) else { return };
            let options = select.selected_options();
            let picked: Vec<(String, String)> = (0..options.length())
                .filter_map(|i| options.item(i))
                .filter_map(|o| Some((o.get_attribute("value")?, o.text_content().unwrap_or_default())))
                .collect();
            // Keep the ones already compared first, so the newest pick is
            // the one left out, and say so.
            let max = MAX_PROVIDERS - 1;
            let before: Vec<String> = store.state.decision.providers().map(|c| choice_key(&c.profile)).collect();
            let (mut keep, new): (Vec<_>, Vec<_>) = picked.into_iter().partition(|(k, _)| before.contains(k));
            keep.extend(new);
            let left_out: Vec<String> = keep.iter().skip(max).map(|(_, label)| label.clone()).collect();
            compare_problem.set((!left_out.is_empty()).then(|| {
                format!("A decision holds {MAX_PROVIDERS} providers, so at most {max} beside the one shown; not added: {}. Unselect one first.", left_out.join(", "))
            }));
            store.dispatch(Action::SetCompare(keep.into_iter().take(max).map(|(k, _)| k).collect()));
        })
    };
    let onfile = {
        let store = store.clone();
        Callback::from(move |ev: Event| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_profile_file(store.clone(), file);
            }
            // Picking the same file again must load it again.
            input.set_value("");
        })
    };
    let onpaste = {
        let store = store.clone();
        let paste_ref = paste_ref.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() else { return };
            let text = area.value();
            if text.trim().is_empty() {
                store.dispatch(Action::Refuse {
                    title: "Nothing to read.".into(),
                    detail: "Paste a provider page, a profile or a decision file into the box first.".into(),
                });
                return;
            }
            store.dispatch(Action::load_text("the pasted text", &text));
        })
    };
    let onundo = store.action(|_: MouseEvent| Action::Undo);
    let today = browser::today();
    let onasof = store.action(|ev: Event| {
        let value =
            ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default();
        // Cleared: back to "today, whenever it is opened".
        Action::SetAsOf(Date::parse(&value))
    });
    let onstale = store.action(|ev: Event| {
        let months = select_value(&ev).and_then(|v| v.parse::<u64>().ok()).and_then(StaleAfter::from_months);
        Action::SetStaleAfter(months.unwrap_or_default())
    });
    // The profile editor, when open, and the name a new provider starts from.
    let editing = use_state(|| None::<Rc<Draft>>);
    let new_name = use_state(String::new);
    let bundled_now = bundled::is_bundled(&e.profile);
    let onnewname = {
        let new_name = new_name.clone();
        Callback::from(move |ev: InputEvent| {
            if let Some(i) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                new_name.set(i.value());
            }
        })
    };
    let onnew = {
        let editing = editing.clone();
        let new_name = new_name.clone();
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let name = new_name.trim().to_owned();
            if name.is_empty() {
                store.dispatch(Action::Refuse {
                    title: "A new provider needs a name.".into(),
                    detail: "Type the provider's name first.".into(),
                });
                return;
            }
            let draft = Draft::new_provider(&name);
            match draft.check(&browser::today()) {
                Ok(profile) => {
                    store.dispatch(Action::AddAuthored(Rc::new(profile)));
                    editing.set(Some(Rc::new(draft)));
                }
                Err(issues) => store.dispatch(Action::Refuse {
                    title: "That name cannot start a profile.".into(),
                    detail: issues.iter().map(|i| i.kind.to_string()).collect::<Vec<_>>().join("; "),
                }),
            }
        })
    };
    let onedit = {
        let editing = editing.clone();
        let profile = e.profile.clone();
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let bundled = bundled::is_bundled(&profile);
            let draft = Draft::of(&profile, bundled);
            // A bundled profile is copied first: the copy joins the decision
            // as a provider of its own, and the original stays, with its
            // record.
            if bundled {
                if let Ok(copy) = draft.check(&browser::today()) {
                    store.dispatch(Action::AddAuthored(Rc::new(copy)));
                }
            }
            editing.set(Some(Rc::new(draft)));
        })
    };
    let onclose = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(None))
    };
    let weights_modified = e.weights != e.preset.weights();
    let compare_choices: Vec<_> = choices.iter().filter(|c| c.key != current).collect();

    html! {
        <section class="cr-controls" aria-label="What to evaluate">
            <div class="cr-field">
                <label for="cr-provider">{ "Provider" }</label>
                <select id="cr-provider" ref={provider_ref} data-testid="provider-select" onchange={onprovider}>
                    { for choices.iter().map(|c| option(c, c.key == current)) }
                </select>
            </div>
            <div class="cr-field">
                <label for="cr-preset">{ "Weights for a lab doing" }</label>
                <select id="cr-preset" ref={preset_ref} data-testid="preset-select" onchange={onpreset}>
                    { for Preset::ALL.iter().map(|p| html! {
                        <option value={p.id()} selected={*p == e.preset}>
                            { if *p == e.preset && weights_modified { format!("{} — adjusted", p.label()) } else { p.label().to_owned() } }
                        </option>
                    }) }
                </select>
            </div>
            <div class="cr-field">
                <label for="cr-compare">{ format!("Compare with (up to {})", MAX_PROVIDERS - 1) }</label>
                <select id="cr-compare" ref={compare_ref} data-testid="compare-select" multiple=true size={compare_choices.len().clamp(2, 4).to_string()} onchange={oncompare}
                        aria-describedby="cr-compare-help">
                    { for compare_choices.iter().map(|c| option(c, compared.contains(&c.key))) }
                </select>
                <span id="cr-compare-help" class="cr-help">
                    { if compare_choices.is_empty() { "Load a profile to compare it." } else { "Ctrl/Cmd-click to pick several." } }
                </span>
                if let Some(problem) = &*compare_problem {
                    <span class="cr-field-error" role="alert" data-testid="compare-problem">{ problem.clone() }</span>
                }
            </div>
            <div class="cr-field cr-age-controls">
                <span class="cr-label" id="cr-age-label">{ "Evidence age" }</span>
                <div class="cr-load-actions">
                    <label for="cr-as-of" class="cr-inline-label">{ "as of" }</label>
                    <input type="date" id="cr-as-of" data-testid="as-of" value={e.age.as_of.as_ref().map_or_else(|| today.as_str().to_owned(), |d| d.as_str().to_owned())}
                           onchange={onasof} aria-describedby="cr-age-label" />
                    <label for="cr-stale" class="cr-inline-label">{ "stale after" }</label>
                    <select id="cr-stale" ref={stale_ref} data-testid="stale-after" onchange={onstale} aria-describedby="cr-age-label">
                        { for StaleAfter::ALL.iter().map(|s| html! {
                            <option value={s.months().to_string()} selected={*s == e.age.stale_after}>{ s.words() }</option>
                        }) }
                    </select>
                </div>
            </div>
            <div class="cr-field cr-undo">
                <span class="cr-label" id="cr-undo-label">{ "Went too far?" }</span>
                <button type="button" class="cr-btn" data-testid="undo" onclick={onundo} disabled={state.undo.is_empty()}
                        aria-describedby="cr-undo-label"
                        title="Bring back the decision before the last load, import, link or edit">{ "Undo" }</button>
            </div>
            // Loading is a second step: a lab manager's first screen is the
            // provider, the weights and the figures.
            <div class="cr-field cr-write">
                <span class="cr-label">{ "Write a profile" }</span>
                <div class="cr-load-actions">
                    <button type="button" class="cr-btn" data-testid="edit-profile" onclick={onedit}>
                        { if bundled_now { "Edit a copy of this profile" } else { "Edit this profile" } }
                    </button>
                    <label for="cr-new-name" class="cr-visually-hidden">{ "Name of a new provider" }</label>
                    <input type="text" id="cr-new-name" data-testid="new-provider-name" placeholder="New provider's name" value={(*new_name).clone()} oninput={onnewname} />
                    <button type="button" class="cr-btn" data-testid="new-provider" onclick={onnew}>{ "New provider" }</button>
                </div>
            </div>
            <details class="cr-load" data-testid="load-details">
                <summary>{ "Load or import a provider" }</summary>
                <p class="cr-help">{ "Open or drop a file, or paste its text: a LIMSWiki provider research page (copied from the browser, or its wikitext), a provider profile (JSON), or a decision file saved from csp-radar. Nothing leaves your browser." }</p>
                <div class="cr-load-actions">
                    <label class="cr-btn cr-file">
                        { "Open file…" }
                        <input type="file" accept=".json,.txt,.wiki,application/json,text/plain" data-testid="profile-file-input" onchange={onfile} aria-label="Open a provider page, profile or decision file" />
                    </label>
                    <span class="cr-help">{ "or drop one file anywhere on the widget" }</span>
                </div>
                <div class="cr-field cr-paste">
                    <label for="cr-paste-text">{ "…or paste a provider page, a profile or a decision file" }</label>
                    <textarea id="cr-paste-text" ref={paste_ref} data-testid="profile-paste" rows="3" spellcheck="false"
                              placeholder="For example the whole Tencent Cloud page from LIMSWiki (select all, copy), or a profile's JSON" />
                    <button type="button" class="cr-btn cr-btn-primary" data-testid="profile-paste-apply" onclick={onpaste}>{ "Read pasted text" }</button>
                </div>
            </details>
            { (*editing).clone().map_or_else(Html::default, |draft| {
                let key = draft.id.clone();
                html! { <ProfileEditor {key} start={draft} {onclose} /> }
            }) }
        </section>
    }
}
