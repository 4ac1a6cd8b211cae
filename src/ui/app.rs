//! The whole widget: state, persistence effects, layout.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::browser;
use super::gaps::GapList;
use super::notice::{NoticeBanner, RestoreOffer};
use super::provider_bar::ProviderBar;
use super::questions::QuestionList;
use super::radar::RadarChart;
use super::share::ShareBar;
use super::state::{Action, Notice, State};
use super::summary::Summary;
use super::Store;
use crate::model::catalog::{ATTRIBUTION, GUIDE_URL};
use crate::model::link::LinkError;
use crate::model::{Figures, ShareLink};

/// Where the widget lives, which decides what it may touch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The standalone page: autosaves, keeps the URL hash in step.
    Page,
    /// `index.html?embed=1` inside a wiki's iframe: as Page, compact, and it
    /// tells the parent its height.
    Iframe,
    /// Mounted by `embed.js` into a host page's `div`: several may share a
    /// page, so it touches neither the hash nor storage.
    Mounted,
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Where the widget lives.
    pub mode: Mode,
    /// The evaluation to start from (Mounted mode; Page modes read the hash
    /// and storage instead).
    #[prop_or_default]
    pub start: Option<ShareLink>,
    /// A same-origin profile to fetch at start (`data-profile-url`).
    #[prop_or_default]
    pub profile_url: Option<AttrValue>,
    /// Called with the canonical link whenever the evaluation changes.
    #[prop_or_default]
    pub onchange: Callback<ShareLink>,
    /// Receives a dispatcher, so the embed API can act on the widget.
    #[prop_or_default]
    pub onready: Callback<Callback<Action>>,
    /// Where share links point (Mounted mode: the standalone app beside
    /// embed.js, since a host page does not read our hash). `None`: this page.
    #[prop_or_default]
    pub app_url: Option<AttrValue>,
}

/// The address share links are built on.
#[derive(Clone, PartialEq)]
pub struct ShareBase(pub Option<AttrValue>);

/// How a page-mode widget starts: the shared link wins, the saved
/// evaluation is offered back, and nothing unreadable kills the start.
fn page_start() -> State {
    let saved = browser::load(browser::SAVED_KEY);
    let saved_link = saved.as_deref().map(ShareLink::from_fragment);
    let mut notice = None;
    let saved_ok = match saved_link {
        Some(Ok(link)) => Some(link),
        Some(Err(e)) => {
            // Keep the unreadable text where the user (or support) can find it.
            if let Some(text) = &saved {
                browser::save(browser::CORRUPT_KEY, text);
            }
            browser::remove(browser::SAVED_KEY);
            notice = Some(Notice::Problem {
                title: "Your saved evaluation could not be read".into(),
                detail: format!("{e}. Starting from the default; the unreadable copy is kept in this browser's storage under \"{}\".", browser::CORRUPT_KEY),
            });
            None
        }
        None => None,
    };
    let hash = browser::hash();
    // Our own hash, left behind by a reload: the saved evaluation is newer.
    let own = browser::was_written(hash.trim_start_matches('#'));
    let (link, restore) = match ShareLink::from_fragment(&hash) {
        Ok(_) if own && saved_ok.is_some() => (saved_ok.unwrap_or_default(), None),
        Ok(shared) => {
            let displaced = saved_ok.filter(|s| *s != shared);
            if let Some(d) = &displaced {
                browser::save(browser::PREVIOUS_KEY, &d.to_string());
            }
            (shared, displaced)
        }
        Err(LinkError::BadPrefix) => (saved_ok.unwrap_or_default(), None),
        Err(e) => {
            notice = Some(Notice::Problem {
                title: "The link in the address bar cannot be opened".into(),
                detail: format!("{e}. Showing your saved or the default evaluation instead."),
            });
            (saved_ok.unwrap_or_default(), None)
        }
    };
    let mut state = State::new(link);
    state.notice = notice;
    state.restore = restore;
    state
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let mode = props.mode;
    let start = props.start.clone();
    let state = use_reducer(move || match (mode, start) {
        (Mode::Mounted, Some(link)) => State::new(link),
        (Mode::Mounted, None) => State::new(ShareLink::default()),
        _ => page_start(),
    });
    let store = Store(state.clone());
    // The hash this widget wrote last, so its own writes are not read back.
    let written = use_mut_ref(String::new);

    {
        let onready = props.onready.clone();
        let store = store.clone();
        use_effect_with((), move |_| onready.emit(store.action(|a| a)));
    }

    // Autosave and the hash: an effect of the evaluation, not of handlers.
    // Writing storage and the address bar costs milliseconds with a long
    // link, so a burst of edits (typing a note, stepping a weight) is saved
    // once it pauses; leaving the page saves at once.
    let pending: Rc<PendingSave> = use_mut_ref(|| None);
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let link = state.link();
        let written = written.clone();
        let pending = pending.clone();
        let onchange = props.onchange.clone();
        use_effect_with(link, move |link| {
            if mode != Mode::Mounted {
                let text = link.to_string();
                *pending.borrow_mut() = Some(Box::new(move || {
                    browser::save(browser::SAVED_KEY, &text);
                    if browser::hash() != format!("#{text}") {
                        browser::replace_hash(&text);
                        browser::note_written(&text);
                    }
                    *written.borrow_mut() = text;
                }));
                // Replacing the timer cancels the one before.
                *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(SAVE_DELAY_MS, move || flush(&pending)));
            }
            onchange.emit(link.clone());
        });
    }
    // Page and iframe modes, not a mounted widget: save on leaving the page,
    // follow a link pasted into the address bar, and (iframe) tell the wiki
    // page how tall we are whenever that changes.
    let root = use_node_ref();
    {
        let pending = pending.clone();
        let store = store.clone();
        let root = root.clone();
        use_effect_with(mode, move |mode| {
            let window = gloo::utils::window();
            let listeners = (*mode != Mode::Mounted).then(|| {
                let leave = EventListener::new(&window, "pagehide", move |_| flush(&pending));
                let follow = EventListener::new(&window, "hashchange", move |_| {
                    let hash = browser::hash();
                    if hash.trim_start_matches('#') == written.borrow().as_str() {
                        return;
                    }
                    match ShareLink::from_fragment(&hash) {
                        Ok(link) => store.0.dispatch(Action::OpenLink(link)),
                        Err(LinkError::BadPrefix) => {}
                        Err(e) => {
                            store.0.dispatch(Action::LinkFailed(e));
                            // Put our link back so the address bar matches what is shown.
                            browser::replace_hash(&written.borrow());
                        }
                    }
                });
                (leave, follow)
            });
            let observer = (*mode == Mode::Iframe).then(|| height_reporter(&root)).flatten();
            move || {
                drop(listeners);
                if let Some((o, _closure)) = observer {
                    o.disconnect();
                }
            }
        });
    }

    // data-profile-url: fetched once, same origin only.
    {
        let store = store.clone();
        use_effect_with(props.profile_url.clone(), move |url| {
            if let Some(url) = url.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let action = match fetch_profile(&url).await {
                        Ok(text) => Action::load_profile(url.to_string(), &text),
                        Err(detail) => Action::Refuse { title: format!("Could not load the profile at {url}"), detail },
                    };
                    store.0.dispatch(action);
                });
            }
        });
    }

    let figures = {
        let evaluation = state.evaluation.clone();
        use_memo(evaluation, |e| e.figures())
    };
    let compared: Rc<Vec<(Rc<crate::model::Profile>, Figures)>> = {
        let deps = (state.compare.clone(), state.evaluation.weights);
        use_memo(deps, move |(compare, weights)| {
            compare
                .iter()
                .cloned()
                .map(|p| {
                    let f = Figures::compute(weights, |q| p.status(q), |_| false);
                    (p, f)
                })
                .collect()
        })
    };

    // The 18 question rows are most of the page's DOM: draw the figures,
    // radar and gaps first, let the browser paint them, then add the rows.
    let rows_ready = use_state(|| false);
    {
        let rows_ready = rows_ready.clone();
        use_effect_with((), move |_| {
            let timer = gloo::timers::callback::Timeout::new(0, move || rows_ready.set(true));
            move || drop(timer)
        });
    }

    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let store = store.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let file = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0));
            if let Some(file) = file {
                super::provider_bar::read_profile_file(store.clone(), file);
            }
        })
    };

    let layout = if mode == Mode::Page { "page" } else { "compact" };
    html! {
        <ContextProvider<Store> context={store}>
        <ContextProvider<ShareBase> context={ShareBase(props.app_url.clone())}>
            <style>{ STYLE }</style>
            <div class="cr-root" data-layout={layout} ref={root} {ondragover} {ondrop} data-testid="widget">
                <header class="cr-header">
                    <h1 class="cr-title">{ "Cloud provider risk" }<span class="cr-sub">{ " — the 18 questions to ask before your lab's data moves" }</span></h1>
                </header>
                <RestoreOffer />
                <NoticeBanner />
                <ProviderBar />
                <Summary figures={figures.clone()} compared={compared.clone()} />
                <section class="cr-grid">
                    <RadarChart figures={figures.clone()} compared={compared.clone()} />
                    <GapList figures={figures.clone()} />
                </section>
                if *rows_ready {
                    <QuestionList figures={figures.clone()} />
                }
                <ShareBar figures={figures} compared={compared} />
                <footer class="cr-footer">
                    { ATTRIBUTION }{ " " }
                    <a href={GUIDE_URL} target="_blank" rel="noopener noreferrer">{ "Read the guide" }</a>
                    { ". Provider summaries paraphrase public sources; check them before you rely on them." }
                </footer>
            </div>
        </ContextProvider<ShareBase>>
        </ContextProvider<Store>>
    }
}

/// How long autosave waits for a burst of edits to pause.
const SAVE_DELAY_MS: u32 = 250;

/// The autosave waiting for edits to pause.
type PendingSave = RefCell<Option<Box<dyn FnOnce()>>>;

/// Runs the pending save, if any.
fn flush(pending: &PendingSave) {
    let save = pending.borrow_mut().take();
    if let Some(save) = save {
        save();
    }
}

/// The stylesheet travels inside the wasm, so shadow roots and the offline
/// file carry it without any fetch; www/tools/build.rs minifies it.
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));

type Reporter = (web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);

fn height_reporter(root: &NodeRef) -> Option<Reporter> {
    let element = root.cast::<web_sys::Element>()?;
    let last = Rc::new(RefCell::new(0));
    let closure = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        let height = gloo::utils::document().document_element().map_or(0, |d| d.scroll_height());
        if *last.borrow() == height {
            return;
        }
        *last.borrow_mut() = height;
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"csp-radar:height".into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        if let Some(parent) = gloo::utils::window().parent().ok().flatten() {
            let _ = parent.post_message(&message, "*");
        }
    });
    let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
    observer.observe(&element);
    Some((observer, closure))
}

/// Fetches a profile from the page's own origin, refusing anything larger
/// than a profile may be.
async fn fetch_profile(url: &str) -> Result<String, String> {
    let base = gloo::utils::window().location().href().map_err(|_| "no page address".to_owned())?;
    let resolved = web_sys::Url::new_with_base(url, &base).map_err(|_| "not a valid address".to_owned())?;
    let origin = gloo::utils::window().location().origin().unwrap_or_default();
    if resolved.origin() != origin {
        return Err(format!("only profiles from this site ({origin}) can be loaded by address"));
    }
    // Plain fetch: gloo-net would drag serde_json's error strings into the wasm.
    let failed = |e: wasm_bindgen::JsValue| e.as_string().unwrap_or_else(|| "the request failed".to_owned());
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(gloo::utils::window().fetch_with_str(&resolved.href()))
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| "the answer was not a response".to_owned())?;
    if !response.ok() {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    if text.len() > crate::model::profile::MAX_BYTES {
        return Err("the profile is larger than 1 MiB".to_owned());
    }
    Ok(text)
}
