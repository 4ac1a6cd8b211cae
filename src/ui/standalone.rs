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

use super::browser;
use super::history::{self, use_versions, Beside, Keep};
use super::state::{Action, Notice, State};
use super::{Mode, Store};
use crate::model::link::LinkError;
use crate::model::Decision;

thread_local! {
    /// Set by [`start`] when the page continues this tab's own work: when
    /// its quick copy was written (ms since 1970).
    static OWN_START: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
}

/// How the page starts. The newest of the lab's work wins:
/// - a link in the address bar this tab did not write: someone shared it
///   (the decision this browser had stays in History, and is offered back);
/// - else this tab's own latest decision (a reload continues where it was);
/// - else a link in the address bar this tab wrote;
/// - else the decision this browser saved last (another tab's, or an
///   earlier visit's; an earlier version's saved evaluation opens too);
/// - else the bundled providers, no one singled out.
///
/// Nothing unreadable stops the start, and nothing unreadable is thrown
/// away: it is kept under its own key and said.
pub fn start() -> State {
    let mut notice = None;
    let mut readable = |key: &'static str| -> Option<Decision> {
        let text = browser::load_from(key)?;
        match Decision::from_saved(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                browser::save(browser::CORRUPT_KEY, &text);
                browser::remove(key);
                notice = Some(Notice::Problem {
                    title: "Your saved decision could not be read".into(),
                    detail: format!(
                        "{e}. The unreadable text is kept in this browser's local storage under the key \"{}\" (developer tools, F12, Application, Local Storage), and every earlier version is in History.",
                        browser::CORRUPT_KEY
                    ),
                });
                None
            }
        }
    };
    let current = readable(browser::CURRENT_KEY);
    let saved = readable(browser::SAVED_KEY).or_else(|| readable(browser::LEGACY_SAVED_KEY));
    let hash = browser::hash();
    let own = browser::was_written(hash.trim_start_matches('#'));
    let mine = current.clone().or(saved);
    let (decision, displaced) = match Decision::from_fragment(&hash) {
        Ok(shared) if !own => {
            let displaced = mine.filter(|m| *m != shared);
            (shared, displaced)
        }
        Ok(written) => (current.unwrap_or(written), None),
        Err(LinkError::BadPrefix) => (mine.unwrap_or_default(), None),
        Err(e) => {
            notice = Some(Notice::Problem {
                title: "The link in the address bar cannot be opened".into(),
                detail: format!("{e}. Showing your saved decision (or the bundled providers) instead."),
            });
            (mine.unwrap_or_default(), None)
        }
    };
    // Not someone's shared link: this tab's own work, which History may
    // hold a newer version of (when the quick storage refused it).
    let shared_link = Decision::from_fragment(&hash).is_ok() && !own;
    if !shared_link {
        let since = browser::load_here(browser::CURRENT_WHEN_KEY).and_then(|t| t.parse().ok()).unwrap_or(0.0);
        OWN_START.with(|o| o.set(Some(since)));
    }
    let mut state = State::new(decision);
    state.notice = notice.or_else(|| {
        displaced.map(|d| Notice::Displaced { decision: Box::new(d), why: "You opened a shared decision.".into() })
    });
    state
}

/// The page's effects, and its autosave for `App` to call with each new
/// decision: every change is a version in History, and the page keeps its
/// latest in the tab (for a reload), in the browser (for a new tab) and in
/// the address bar (when it fits a link). A mounted widget does none of the
/// page's writes.
#[hook]
pub fn use_standalone(mode: Mode, store: &Store, root: &NodeRef) -> Keep {
    // The hash this widget wrote last, so its own writes are not read back.
    let written = use_mut_ref(|| store.state.decision.to_link());
    let line = use_memo((), |_| AttrValue::from(history::tab_line()));
    let beside: Beside = {
        let written = written.clone();
        Rc::new(move |text: &str| {
            let here = browser::save_to(browser::CURRENT_KEY, text)
                && browser::save_to(browser::CURRENT_WHEN_KEY, &(js_sys::Date::now() as u64).to_string());
            let shared = browser::save(browser::SAVED_KEY, text);
            // A link too long to open again must not sit in the address
            // bar: a reload would refuse it. The tab's own copy and History
            // have no such limit.
            let target = if Decision::fits_a_link(text) { format!("#{text}") } else { String::new() };
            if browser::hash() != target {
                browser::replace_hash(target.trim_start_matches('#'));
                browser::note_written(text);
            }
            *written.borrow_mut() = text.to_owned();
            here && shared
        })
    };
    let keep =
        use_versions(store, (mode != Mode::Mounted).then(|| (*line).clone()), store.state.decision.clone(), beside);

    // Decisions an earlier version of csp-radar kept aside (and its saved
    // evaluation) become versions in History, once. And when this tab's
    // newest version is only in History (its quick copy was refused, say
    // for a full storage), the page continues from it.
    {
        let store = store.clone();
        let line = line.clone();
        let start = store.state.decision.clone();
        use_effect_with((), move |_| {
            if mode != Mode::Mounted {
                wasm_bindgen_futures::spawn_local(async move {
                    browser::move_old_copies_to_history().await;
                    let Some(since) = OWN_START.with(std::cell::Cell::take) else { return };
                    let Some((version, newer)) = history::latest(&line).await else { return };
                    if version.when > since && newer != start {
                        store.dispatch(Action::RestoreVersion {
                            decision: newer,
                            when: history::when_words(version.when),
                        });
                        store.dispatch(Action::Notify(Notice::Info(
                            "Continued from your latest version in History: this browser's quick storage could not keep it. Undo brings back the older copy it had.".into(),
                        )));
                    }
                });
            }
        });
    }

    // Follow a link pasted into the address bar, hear other tabs, and
    // (iframe) tell the wiki page how tall we are whenever that changes.
    {
        let store = store.clone();
        let root = root.clone();
        let line = line.clone();
        use_effect_with(mode, move |mode| {
            let window = gloo::utils::window();
            let listeners = (*mode != Mode::Mounted).then(|| {
                let other_store = store.clone();
                let shown = written.clone();
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
                // Another tab kept a version: when it changed the decision
                // this tab shows, say so and offer to follow. Both lines of
                // work stay in History; nothing is overwritten.
                let mine = line.to_string();
                let other = history::listen_to_other_tabs(move |their_line, before, key, what| {
                    if their_line != mine && before == browser::fingerprint(&shown.borrow()) {
                        other_store.dispatch(Action::Notify(Notice::OtherTab { what, key }));
                    }
                });
                (follow, other)
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
    keep
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
