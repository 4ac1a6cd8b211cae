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
    let paste_ref = use_node_ref();
    let preset_ref = use_node_ref();
    let stale_ref = use_node_ref();
    use_select_value(preset_ref.clone(), e.preset.id().to_owned());
    use_select_value(stale_ref.clone(), e.age.stale_after.months().to_string());
    let taking_part = d.provider_count();
    let full = taking_part >= MAX_PROVIDERS;
    let in_decision = |key: &str| d.providers().any(|c| choice_key(&c.profile) == key);

    let onpreset = {
        let store = store.clone();
        Callback::from(move |ev: Event| {
            if let Some(p) = select_value(&ev).and_then(|v| v.parse::<Preset>().ok()) {
                store.dispatch(Action::SetPreset(p));
            }
        })
    };
    let ontoggle = |key: String| {
        store.action(move |ev: Event| {
            let on = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).is_some_and(|i| i.checked());
            Action::ToggleProvider(key.clone(), on)
        })
    };
    let onallbundled = store.action(|_: MouseEvent| Action::AllBundled);
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
    // The More menu closes once one of its actions is taken: open, it lies
    // over what the action opens (the editor) or changes.
    let more = use_node_ref();
    let providers = use_node_ref();
    let close_more = {
        let more = more.clone();
        move || {
            if let Some(menu) = more.cast::<web_sys::HtmlDetailsElement>() {
                menu.set_open(false);
            }
        }
    };
    let onundo = {
        let store = store.clone();
        let close_more = close_more.clone();
        Callback::from(move |_: MouseEvent| {
            close_more();
            store.dispatch(Action::Undo);
        })
    };
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
        let close_more = close_more.clone();
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
                    close_more();
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
            close_more();
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

    let weights_label =
        if weights_modified { format!("{} — adjusted", e.preset.label()) } else { e.preset.label().to_owned() };
    html! {
        <section class="cr-controls" aria-label="The decision's weights and providers">
            <div class="cr-field cr-preset">
                <label for="cr-preset">{ "Weights for a lab doing" }</label>
                <select id="cr-preset" ref={preset_ref} data-testid="preset-select" onchange={onpreset} title={weights_label}>
                    { for Preset::ALL.iter().map(|p| html! {
                        <option value={p.id()} selected={*p == e.preset}>
                            { if *p == e.preset && weights_modified { format!("{} — adjusted", p.label()) } else { p.label().to_owned() } }
                        </option>
                    }) }
                </select>
            </div>
            <details class="cr-menu" data-testid="providers-menu" ref={providers.clone()} ontoggle={one_menu(providers.clone(), more.clone())}>
                <summary class="cr-btn">{ format!("Providers ({taking_part} of {MAX_PROVIDERS})") }</summary>
                <div class="cr-menu-body">
                    <p class="cr-help" id="cr-providers-limit">
                        { if full {
                            format!("The decision holds its {MAX_PROVIDERS} providers: untick one to add another. Your findings and notes on a provider you untick are kept and come back with it.")
                        } else {
                            format!("{taking_part} in the decision; up to {} more can be added. Unticking keeps your findings and notes on that provider.", MAX_PROVIDERS - taking_part)
                        } }
                    </p>
                    <ul class="cr-toggle-list" aria-describedby="cr-providers-limit">
                        { for menu_order(&choices).into_iter().map(|c| {
                            let on = in_decision(&c.key);
                            let id = c.key.trim_start_matches("loaded:").to_owned();
                            html! {
                                <li>
                                    <label class="cr-check">
                                        <input type="checkbox" checked={on} disabled={!on && full} data-testid="provider-toggle" data-provider={id}
                                               onchange={ontoggle(c.key.clone())} />
                                        { " " }<bdi>{ c.label.clone() }</bdi>
                                    </label>
                                </li>
                            }
                        }) }
                    </ul>
                    <button type="button" class="cr-btn" data-testid="all-bundled" onclick={onallbundled}>{ "All bundled providers" }</button>
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
                </div>
            </details>
            <details class="cr-menu" data-testid="more-menu" ref={more.clone()} ontoggle={one_menu(more.clone(), providers.clone())}>
                <summary class="cr-btn">{ "More" }<span class="cr-more-what">{ "(evidence age, write a profile, undo)" }</span></summary>
                <div class="cr-menu-body">
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
                    <div class="cr-field cr-write">
                        <span class="cr-label">{ "Write a profile" }</span>
                        <div class="cr-load-actions">
                            <button type="button" class="cr-btn" data-testid="edit-profile" onclick={onedit}>
                                { if bundled_now { format!("Edit a copy of {}", e.profile.provider.name) } else { format!("Edit {}", e.profile.provider.name) } }
                            </button>
                            <label for="cr-new-name" class="cr-visually-hidden">{ "Name of a new provider" }</label>
                            <input type="text" id="cr-new-name" data-testid="new-provider-name" placeholder="New provider's name" value={(*new_name).clone()} oninput={onnewname} />
                            <button type="button" class="cr-btn" data-testid="new-provider" onclick={onnew}>{ "New provider" }</button>
                        </div>
                    </div>
                    <div class="cr-load-actions">
                        <button type="button" class="cr-btn" data-testid="undo" onclick={onundo} disabled={state.undo.is_empty()}
                                title="Bring back the decision before the last load, import, link, provider change or edit">{ "Undo the last change" }</button>
                    </div>
                </div>
            </details>
            { (*editing).clone().map_or_else(Html::default, |draft| {
                let key = draft.id.clone();
                html! { <ProfileEditor {key} start={draft} {onclose} /> }
            }) }
        </section>
    }
}

/// The menu's providers in an order that does not move while they are
/// ticked: the bundled ones as bundled, then the loaded ones by name.
fn menu_order(choices: &[Choice]) -> Vec<&Choice> {
    let mut out: Vec<&Choice> =
        bundled::SOURCES.iter().filter_map(|b| choices.iter().find(|c| c.key == b.id)).collect();
    let mut loaded: Vec<&Choice> = choices.iter().filter(|c| !bundled::SOURCES.iter().any(|b| b.id == c.key)).collect();
    loaded.sort_by_key(|c| c.label.to_lowercase());
    out.extend(loaded);
    out
}

/// One menu open at a time: opening `this` closes `other`, which would lie
/// over it and take its clicks.
fn one_menu(this: NodeRef, other: NodeRef) -> Callback<Event> {
    Callback::from(move |_: Event| {
        let open = this.cast::<web_sys::HtmlDetailsElement>().is_some_and(|d| d.open());
        if let (true, Some(other)) = (open, other.cast::<web_sys::HtmlDetailsElement>()) {
            other.set_open(false);
        }
    })
}
