//! What the widget does when it is the page itself (`index.html`, the
//! offline file, a wiki's iframe) rather than one of several widgets mounted
//! in a host page: it starts from the address bar or the saved decision,
//! saves as the lab works, follows a link pasted into the address bar and
//! tells the wiki how tall it is. The embed bundle (feature `embed`) only
//! mounts widgets, so it is built without this module (about 5 KB gzipped).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::app::Autosave;
use super::browser;
use super::state::{Action, KeptBecause, Notice, State};
use super::{Mode, Store};
use crate::model::link::LinkError;
use crate::model::Decision;

/// How the page starts. The newest of the lab's work wins:
/// - the saved copy, when this tab saved it last (a reload: it may be newer
///   than the address bar, which autosave updates with it);
/// - otherwise the address bar, when it holds a readable link: a link
///   someone shared, or what this tab showed while another tab saved since
///   or its own save failed (storage full);
/// - otherwise the saved copy.
///
/// A different saved decision that does not win is kept and offered back,
/// as are copies kept earlier and not yet answered. Nothing unreadable
/// stops the start, and nothing unreadable is thrown away.
pub fn start() -> State {
    let mut notice = None;
    // A decision saved by this version, else an earlier version's saved
    // evaluation, which opens as a decision with its findings and notes on
    // the provider they were made for.
    let (saved, saved_key) = match browser::load(browser::SAVED_KEY) {
        Some(text) => (Some(text), browser::SAVED_KEY),
        None => (browser::load(browser::LEGACY_SAVED_KEY), browser::LEGACY_SAVED_KEY),
    };
    let saved_link = match saved.as_deref().map(Decision::from_saved) {
        Some(Ok(link)) => Some(link),
        Some(Err(e)) => {
            if let Some(text) = &saved {
                browser::save(browser::CORRUPT_KEY, text);
            }
            browser::remove(saved_key);
            notice = Some(Notice::Problem {
                title: "Your saved decision could not be read".into(),
                detail: format!(
                    "{e}. Starting from the default. The unreadable text is kept in this browser's local storage under the key \"{}\": open the browser's developer tools (F12), Application, Local Storage, copy its value and send it to whoever supports csp-radar here.",
                    browser::CORRUPT_KEY
                ),
            });
            None
        }
        None => None,
    };
    let hash = browser::hash();
    let own = browser::was_written(hash.trim_start_matches('#'));
    let own_save = saved.as_deref().is_some_and(browser::is_own_save);
    let (link, displaced) = match Decision::from_fragment(&hash) {
        Ok(_) if own && own_save => (saved_link.unwrap_or_default(), None),
        Ok(shown) => {
            let because = if own { KeptBecause::OtherTab } else { KeptBecause::SharedLink };
            (shown, saved_link.map(|s| (because, s)))
        }
        Err(LinkError::BadPrefix) => (saved_link.unwrap_or_default(), None),
        Err(e) => {
            notice = Some(Notice::Problem {
                title: "The link in the address bar cannot be opened".into(),
                detail: format!("{e}. Showing your saved or the default decision instead."),
            });
            (saved_link.unwrap_or_default(), None)
        }
    };
    let mut state = State::new(link);
    for kept in browser::load_kept() {
        state.keep(kept.because, kept.decision);
    }
    if let Some((because, saved)) = displaced {
        state.keep(because, saved);
    }
    state.notice = notice;
    state
}

/// The page's effects, and its autosave for `App` to call with each new
/// decision. A mounted widget (Mode::Mounted) does none of them.
#[hook]
pub fn use_standalone(mode: Mode, store: &Store, root: &NodeRef) -> Autosave {
    // The hash this widget wrote last, so its own writes are not read back.
    let written = use_mut_ref(String::new);
    // Autosave and the hash: an effect of the evaluation, not of handlers.
    // Writing storage and the address bar costs milliseconds with a long
    // link, so a burst of edits (typing a note, stepping a weight) is saved
    // once it pauses; leaving the page saves at once.
    let pending: Rc<PendingSave> = use_mut_ref(|| None);
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    // Whether the last save failed, so the user is told once, not per edit.
    let failed = use_mut_ref(|| false);
    let autosave: Autosave = {
        let written = written.clone();
        let pending = pending.clone();
        let store = store.clone();
        Rc::new(move |decision: &Decision| {
            if mode == Mode::Mounted {
                return;
            }
            let text = decision.to_link();
            let written = written.clone();
            let failed = failed.clone();
            let store = store.clone();
            *pending.borrow_mut() = Some(Box::new(move || {
                let saved = browser::save(browser::SAVED_KEY, &text);
                browser::note_own_save(saved.then_some(text.as_str()));
                if !saved && !*failed.borrow() {
                    store.dispatch(Action::Notify(Notice::Problem {
                        title: "Autosave failed: this browser's storage is full or blocked.".into(),
                        detail: "Your decision is still on screen and in the address bar, which wins when you reload. To keep it for sure, download the decision file (Share and export) or copy the link.".into(),
                    }));
                }
                *failed.borrow_mut() = !saved;
                // A link too long to open again must not sit in the address
                // bar: a reload would refuse it. The saved copy has no such
                // limit, so the address bar is cleared and storage wins.
                let target = if Decision::fits_a_link(&text) { format!("#{text}") } else { String::new() };
                if browser::hash() != target {
                    browser::replace_hash(target.trim_start_matches('#'));
                    browser::note_written(&text);
                }
                *written.borrow_mut() = text;
            }));
            // Replacing the timer cancels the one before.
            let pending = pending.clone();
            *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(SAVE_DELAY_MS, move || flush(&pending)));
        })
    };

    // The kept copies live in storage too, so an unanswered offer survives
    // a closed tab.
    {
        let kept = store.state.kept.clone();
        use_effect_with(kept, move |kept| {
            if mode != Mode::Mounted {
                browser::save_kept(kept);
            }
        });
    }

    // Save on leaving the page, follow a link pasted into the address bar,
    // and (iframe) tell the wiki page how tall we are whenever that changes.
    {
        let store = store.clone();
        let root = root.clone();
        use_effect_with(mode, move |mode| {
            let window = gloo::utils::window();
            let listeners = (*mode != Mode::Mounted).then(|| {
                let other_store = store.clone();
                let leave = EventListener::new(&window, "pagehide", move |_| flush(&pending));
                let follow = EventListener::new(&window, "hashchange", move |_| {
                    let hash = browser::hash();
                    if hash.trim_start_matches('#') == written.borrow().as_str() {
                        return;
                    }
                    match Decision::from_fragment(&hash) {
                        Ok(link) => store.dispatch(Action::OpenLink(link)),
                        Err(LinkError::BadPrefix) => {}
                        Err(e) => {
                            store.dispatch(Action::LinkFailed(e));
                            // Put our link back so the address bar matches what is shown.
                            let back = written.borrow();
                            browser::replace_hash(if Decision::fits_a_link(&back) { &back } else { "" });
                        }
                    }
                });
                // Another tab saved: never overwrite its work silently, and
                // never drop ours. Its decision is kept and offered here.
                let store = other_store;
                let other = EventListener::new(&window, "storage", move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
                    if event.key().as_deref() != Some(browser::SAVED_KEY) {
                        return;
                    }
                    let Some(text) = event.new_value() else { return };
                    if let Ok(theirs) = Decision::from_saved(&text) {
                        store.dispatch(Action::Keep(KeptBecause::OtherTab, theirs));
                    }
                });
                (leave, follow, other)
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
    autosave
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
