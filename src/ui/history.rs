//! History: every version of the lab's decisions, kept in the browser's
//! IndexedDB (local storage only where IndexedDB is unavailable, and then
//! said). A version is written each time the decision changes and edits
//! pause; none is ever overwritten or dropped by the widget. Each tab (and
//! each widget embedded in a page) writes its own line of versions; the
//! History panel lists them all, restores any (restoring is itself a new
//! version) and compares any with the decision on screen.
//!
//! IndexedDB through `web-sys` directly: the crates that wrap it
//! (`indexed_db_futures`, `rexie`, `idb`) add bytes for conveniences this
//! needs none of (docs/performance.md has the measurements).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};
use yew::prelude::*;

use super::browser;
use super::state::Action;
use super::{use_store, Store};
use crate::model::diff::DecisionDiff;
use crate::model::Decision;

const DB: &str = "csp-radar";
/// Each version's summary (line, when, what); read whole to list them.
const VERSIONS: &str = "versions";
/// Each version's decision (its saved link text), read one at a time.
const DECISIONS: &str = "decisions";
/// Where versions go when IndexedDB cannot be opened (private modes, some
/// embedded browsers): one per line, `key<TAB>line<TAB>when<TAB>what<TAB>link`.
const FALLBACK_KEY: &str = "csp-radar:v2:history";

/// One version as the History list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    /// Sorts by time: `<ms since 1970, 13 digits>-<line>-<n>`.
    pub key: String,
    /// The tab's (or embedded widget's) line of work it belongs to.
    pub line: String,
    /// Milliseconds since 1970.
    pub when: f64,
    pub what: String,
}

/// Where History is kept, as said to the lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keeping {
    IndexedDb,
    /// IndexedDB is unavailable: local storage, which holds much less.
    LocalStorage,
}

thread_local! {
    /// Whether this page said its storage is nearly full (once a session).
    static WARNED_LOW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static OPENED: RefCell<Option<Result<IdbDatabase, ()>>> = const { RefCell::new(None) };
    static COUNTER: RefCell<u32> = const { RefCell::new(0) };
}

/// A request's result, awaited.
async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = request.clone();
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = request.clone();
        let on_error = Closure::once_into_js(move |_: web_sys::Event| {
            let reason = failed.error().ok().flatten().map_or_else(|| JsValue::from_str("failed"), JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &reason);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

/// The database, opened once per page (and created on first use).
async fn database() -> Option<IdbDatabase> {
    if let Some(opened) = OPENED.with(|o| o.borrow().clone()) {
        return opened.ok();
    }
    let opened = open().await;
    OPENED.with(|o| *o.borrow_mut() = Some(opened.clone().map_err(|_| ())));
    opened.ok()
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window().ok_or(JsValue::NULL)?.indexed_db()?.ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32(DB, 1)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let db = e.target().and_then(|t| t.dyn_into::<web_sys::IdbOpenDbRequest>().ok()).and_then(|r| r.result().ok());
        if let Some(db) = db.and_then(|d| d.dyn_into::<IdbDatabase>().ok()) {
            let _ = db.create_object_store(VERSIONS);
            let _ = db.create_object_store(DECISIONS);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let result = done(&request).await;
    request.set_onupgradeneeded(None);
    drop(upgrade);
    result?.dyn_into::<IdbDatabase>()
}

/// How much of the storage the browser grants this site is used, in
/// percent (`navigator.storage.estimate()`); `None` where it is not told.
async fn storage_used_percent() -> Option<u32> {
    let navigator = gloo::utils::window().navigator();
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok().filter(|s| s.is_object())?;
    let estimate: js_sys::Function = js_sys::Reflect::get(&storage, &"estimate".into()).ok()?.dyn_into().ok()?;
    let promise: js_sys::Promise = estimate.call0(&storage).ok()?.dyn_into().ok()?;
    let result = JsFuture::from(promise).await.ok()?;
    let number = |k: &str| js_sys::Reflect::get(&result, &k.into()).ok().and_then(|v| v.as_f64());
    let (usage, quota) = (number("usage")?, number("quota")?);
    (quota > 0.0).then(|| (usage / quota * 100.0).min(100.0) as u32)
}

/// Where History is kept in this browser.
pub async fn keeping() -> Keeping {
    if database().await.is_some() {
        Keeping::IndexedDb
    } else {
        Keeping::LocalStorage
    }
}

/// A new version's key: sorts by time, never repeats within a line.
fn new_key(line: &str) -> (String, f64) {
    let when = js_sys::Date::now();
    let n = COUNTER.with(|c| {
        let mut c = c.borrow_mut();
        *c = c.wrapping_add(1);
        *c
    });
    // Whole milliseconds, without float formatting in the wasm.
    (format!("{:013}-{line}-{n}", when as u64), when)
}

/// Keeps a version; `Err` says why it could not be kept.
pub async fn add(line: &str, what: &str, link: &str) -> Result<Version, String> {
    let (key, when) = new_key(line);
    let version = Version { key: key.clone(), line: line.to_owned(), when, what: what.to_owned() };
    match database().await {
        Some(db) => {
            let stores = js_sys::Array::of2(&VERSIONS.into(), &DECISIONS.into());
            let tx =
                db.transaction_with_str_sequence_and_mode(&stores, IdbTransactionMode::Readwrite).map_err(reason)?;
            let summary = js_sys::Object::new();
            for (k, v) in [
                ("line", JsValue::from_str(line)),
                ("when", JsValue::from_f64(when)),
                ("what", JsValue::from_str(what)),
            ] {
                let _ = js_sys::Reflect::set(&summary, &k.into(), &v);
            }
            let versions = tx.object_store(VERSIONS).map_err(reason)?;
            let decisions = tx.object_store(DECISIONS).map_err(reason)?;
            let first = versions.put_with_key(&summary, &JsValue::from_str(&key)).map_err(reason)?;
            let second = decisions.put_with_key(&JsValue::from_str(link), &JsValue::from_str(&key)).map_err(reason)?;
            done(&first).await.map_err(reason)?;
            done(&second).await.map_err(reason)?;
            Ok(version)
        }
        None => {
            let mut all = browser::load(FALLBACK_KEY).unwrap_or_default();
            let clean = |s: &str| s.replace(['\t', '\n'], " ");
            all.push_str(&format!("{key}\t{}\t{}\t{}\t{link}\n", clean(line), when as u64, clean(what)));
            if browser::save(FALLBACK_KEY, &all) {
                Ok(version)
            } else {
                Err("this browser's storage is full or blocked".to_owned())
            }
        }
    }
}

/// Every version, newest first.
pub async fn list() -> Result<Vec<Version>, String> {
    let mut out = match database().await {
        Some(db) => {
            let tx = db.transaction_with_str(VERSIONS).map_err(reason)?;
            let store = tx.object_store(VERSIONS).map_err(reason)?;
            let keys = done(&store.get_all_keys().map_err(reason)?).await.map_err(reason)?;
            let values = done(&store.get_all().map_err(reason)?).await.map_err(reason)?;
            let (keys, values) = (js_sys::Array::from(&keys), js_sys::Array::from(&values));
            let field = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).unwrap_or(JsValue::UNDEFINED);
            keys.iter()
                .zip(values.iter())
                .filter_map(|(k, v)| {
                    Some(Version {
                        key: k.as_string()?,
                        line: field(&v, "line").as_string()?,
                        when: field(&v, "when").as_f64()?,
                        what: field(&v, "what").as_string().unwrap_or_default(),
                    })
                })
                .collect::<Vec<_>>()
        }
        None => fallback().into_iter().map(|(v, _)| v).collect(),
    };
    out.sort_by(|a, b| b.key.cmp(&a.key));
    Ok(out)
}

/// A version's decision (its saved link text).
async fn saved_text(key: &str) -> Result<Option<String>, String> {
    match database().await {
        Some(db) => {
            let tx = db.transaction_with_str(DECISIONS).map_err(reason)?;
            let store = tx.object_store(DECISIONS).map_err(reason)?;
            let value = done(&store.get(&JsValue::from_str(key)).map_err(reason)?).await.map_err(reason)?;
            Ok(value.as_string())
        }
        None => Ok(fallback().into_iter().find(|(v, _)| v.key == key).map(|(_, link)| link)),
    }
}

/// A version's decision, opened; `Err` says in words why it cannot be.
pub async fn decision(key: &str) -> Result<Decision, String> {
    match saved_text(key).await {
        Ok(Some(text)) => Decision::from_saved(&text).map_err(|e| e.to_string()),
        Ok(None) => Err("that version is no longer in this browser".to_owned()),
        Err(e) => Err(format!("History could not be read: {e}")),
    }
}

/// The newest version of a line, with its decision.
pub async fn latest(line: &str) -> Option<(Version, Decision)> {
    let newest = list().await.ok()?.into_iter().find(|v| v.line == line)?;
    let decision = decision(&newest.key).await.ok()?;
    Some((newest, decision))
}

fn fallback() -> Vec<(Version, String)> {
    browser::load(FALLBACK_KEY)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let mut parts = l.splitn(5, '\t');
            let key = parts.next()?.to_owned();
            let line = parts.next()?.to_owned();
            let when = parts.next()?.parse::<f64>().ok()?;
            let what = parts.next()?.to_owned();
            let link = parts.next()?.to_owned();
            Some((Version { key, line, when, what }, link))
        })
        .collect()
}

/// The browser's reason, in words.
fn reason(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.dyn_ref::<web_sys::DomException>().map(|d| d.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser refused".to_owned())
}

/// "07:42:05" today, "6 Dec 2026, 07:42:05" otherwise, in the reader's own
/// time zone (seconds: several versions are often kept within a minute).
pub fn when_words(ms: f64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    let now = js_sys::Date::new_0();
    let time = format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds());
    if d.to_date_string() == now.to_date_string() {
        time
    } else {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let month = MONTHS.get(d.get_month() as usize).copied().unwrap_or("");
        format!("{} {month} {}, {time}", d.get_date(), d.get_full_year())
    }
}

/// This tab's line of work: kept for the tab's life (sessionStorage), so a
/// reload continues it.
pub fn tab_line() -> String {
    const KEY: &str = "csp-radar:v2:line";
    let session = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(line) = session.as_ref().and_then(|s| s.get_item(KEY).ok().flatten()) {
        return line;
    }
    let line = format!("tab{:x}", (js_sys::Math::random() * 4_294_967_296.0) as u64);
    if let Some(s) = session {
        let _ = s.set_item(KEY, &line);
    }
    line
}

/// What tabs tell each other: a tab kept a new version of a decision.
pub const CHANNEL: &str = "csp-radar";

#[derive(Properties, PartialEq)]
pub struct HistoryPanelProps {
    /// The line of work this widget writes.
    pub line: AttrValue,
}

/// The History panel: every version, newest first, grouped by line of work;
/// restore any, or compare it with the decision on screen.
#[function_component]
pub fn HistoryPanel(props: &HistoryPanelProps) -> Html {
    let store = use_store();
    let open = use_state(|| false);
    let versions = use_state(|| None::<Result<Vec<Version>, String>>);
    let compared = use_state(|| None::<(Version, Result<Rc<Decision>, String>)>);
    super::use_return_focus(compared.is_some());
    let kept_in = use_state(|| None::<Keeping>);
    let refresh = {
        let versions = versions.clone();
        let kept_in = kept_in.clone();
        Callback::from(move |_: ()| {
            let versions = versions.clone();
            let kept_in = kept_in.clone();
            wasm_bindgen_futures::spawn_local(async move {
                kept_in.set(Some(keeping().await));
                versions.set(Some(list().await));
            });
        })
    };
    // Listed afresh whenever the panel is open and the decision changes
    // (the new version is written a moment later, so the list follows it).
    {
        let refresh = refresh.clone();
        let is_open = *open;
        use_effect_with((is_open, store.state.revision), move |(is_open, _)| {
            if *is_open {
                refresh.emit(());
            }
            let timer = is_open.then(|| gloo::timers::callback::Timeout::new(700, move || refresh.emit(())));
            move || drop(timer)
        });
    }
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let now =
                e.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
            open.set(now);
        })
    };
    let restore = |v: &Version| {
        let store = store.clone();
        let v = v.clone();
        Callback::from(move |_: MouseEvent| {
            let store = store.clone();
            let v = v.clone();
            wasm_bindgen_futures::spawn_local(async move {
                store.dispatch(match decision(&v.key).await {
                    Ok(d) => Action::RestoreVersion { decision: d, when: when_words(v.when) },
                    Err(e) => {
                        Action::Refuse { title: "That version cannot be opened.".into(), detail: format!("{e}.") }
                    }
                });
            });
        })
    };
    let compare = |v: &Version| {
        let compared = compared.clone();
        let v = v.clone();
        Callback::from(move |_: MouseEvent| {
            let compared = compared.clone();
            let v = v.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let d = decision(&v.key).await.map(Rc::new);
                compared.set(Some((v, d)));
            });
        })
    };
    let close_compare = {
        let compared = compared.clone();
        Callback::from(move |_: MouseEvent| compared.set(None))
    };
    let mine = props.line.to_string();
    html! {
        <details class="cr-history" data-testid="history" ontoggle={ontoggle}>
            <summary class="cr-btn" data-testid="history-open">{ "History: every version, kept in this browser" }</summary>
            if *kept_in == Some(Keeping::LocalStorage) {
                <p class="cr-warn" data-testid="history-fallback">{ "This browser does not offer IndexedDB here, so History is kept in its local storage, which holds far less. Download the decision file to keep it for sure." }</p>
            }
            { match &*versions {
                None => html! { <p class="cr-help">{ "Reading History…" }</p> },
                Some(Err(e)) => html! { <p class="cr-field-error" role="alert">{ format!("History could not be read: {e}.") }</p> },
                Some(Ok(list)) if list.is_empty() => html! { <p class="cr-help">{ "No versions yet: each change you make is kept here a moment after you make it." }</p> },
                Some(Ok(list)) => {
                    let mut lines: Vec<String> = Vec::new();
                    for v in list {
                        if !lines.contains(&v.line) {
                            lines.push(v.line.clone());
                        }
                    }
                    html! {
                        { for lines.iter().map(|line| {
                            let of_line: Vec<&Version> = list.iter().filter(|v| &v.line == line).collect();
                            let started = of_line.last().map_or(String::new(), |v| when_words(v.when));
                            let title = if *line == mine {
                                "This tab".to_owned()
                            } else if line.starts_with("page:") {
                                format!("This widget on its page (since {started})")
                            } else {
                                format!("Another tab or an earlier visit (since {started})")
                            };
                            html! {
                                <section class="cr-history-line">
                                    <h3>{ title }</h3>
                                    <ol class="cr-history-list">
                                        { for of_line.iter().map(|v| html! {
                                            <li data-testid="history-entry" data-version={v.key.clone()}>
                                                <span class="cr-history-when">{ when_words(v.when) }</span>
                                                <span class="cr-history-what"><bdi>{ v.what.clone() }</bdi></span>
                                                <button type="button" class="cr-btn cr-btn-small" data-testid="history-restore" onclick={restore(v)}>{ "Restore" }</button>
                                                <button type="button" class="cr-btn cr-btn-small" data-testid="history-compare" onclick={compare(v)}>{ "Compare with now" }</button>
                                            </li>
                                        }) }
                                    </ol>
                                </section>
                            }
                        }) }
                    }
                }
            } }
            { match &*compared {
                None => html! {},
                Some((v, Err(e))) => html! { <p class="cr-field-error" role="alert">{ format!("The version of {} cannot be compared: {e}.", when_words(v.when)) }</p> },
                Some((v, Ok(old))) => {
                    let diff = DecisionDiff::between(old, &store.state.decision);
                    html! {
                        <div class="cr-diff" data-testid="history-diff" role="region" aria-label="What changed since that version">
                            <h3>{ format!("What changed since the version of {}", when_words(v.when)) }</h3>
                            if diff.is_empty() {
                                <p>{ "Nothing: it is the decision on screen." }</p>
                            } else {
                                <ul>{ for diff.text("").lines().filter(|l| !l.trim().is_empty()).map(|l| html! { <li dir="auto">{ l.to_owned() }</li> }) }</ul>
                            }
                            <button type="button" class="cr-btn cr-btn-quiet" onclick={close_compare}>{ "Close the comparison" }</button>
                        </div>
                    }
                }
            } }
        </details>
    }
}

/// What a widget does with each new decision: keep it as a version (and, on
/// the page itself, in its quick-start storage and address bar).
pub type Keep = Rc<dyn Fn(&Decision, Option<String>)>;

/// Page-specific writes beside History (sessionStorage, localStorage, the
/// address bar): `false` when the browser refused them.
pub type Beside = Rc<dyn Fn(&str) -> bool>;

/// How long a burst of typing waits before it becomes a version.
const PAUSE_MS: u32 = 250;

/// A version waiting for typing to pause.
struct Pending {
    decision: Decision,
    why: Option<String>,
    timer: Option<gloo::timers::callback::Timeout>,
}

/// Keeps every change of the decision as a version of `line`: a change
/// other than typing is kept at once, typing once it pauses (and on leaving
/// the page). Tells other tabs; says once, with the file offered, when the
/// browser keeps nothing.
#[hook]
pub fn use_versions(store: &Store, line: Option<AttrValue>, start: Decision, beside: Beside) -> Keep {
    let store = store.clone();
    // The decision kept last, and its link's fingerprint (what other tabs
    // are told this one changed from).
    let last = use_mut_ref(move || {
        let print = super::browser::fingerprint(&start.to_link());
        (start, print)
    });
    let pending: Rc<RefCell<Option<Pending>>> = use_mut_ref(|| None);
    let failed = use_mut_ref(|| false);
    let write: Rc<dyn Fn(Decision, Option<String>)> = {
        let line = line.clone();
        let last = last.clone();
        let store = store.clone();
        let beside = beside.clone();
        Rc::new(move |decision: Decision, why: Option<String>| {
            let Some(line) = line.clone() else { return };
            let (before, before_print) = last.borrow().clone();
            if before == decision {
                return;
            }
            let text = decision.to_link();
            let what = why.unwrap_or_else(|| crate::model::history::describe(&before, &decision));
            let quick = beside(&text);
            *last.borrow_mut() = (decision, super::browser::fingerprint(&text));
            let store = store.clone();
            let failed = failed.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let kept = add(&line, &what, &text).await;
                if let Ok(v) = &kept {
                    tell_other_tabs(&line, &before_print, &v.key, &what);
                }
                const NOT_KEPT: &str = "This browser could not keep your decision.";
                let problem = match (&kept, quick) {
                    (Ok(_), true) => None,
                    (Ok(_), false) => Some((NOT_KEPT.to_owned(), "Its quick storage is full or blocked. Your latest version is in History, and the page continues from it after a reload; the decision file keeps it for sure.".to_owned())),
                    (Err(e), _) => Some((NOT_KEPT.to_owned(), format!("History could not keep this version ({e}). It is on screen only: download the decision file to keep it."))),
                };
                if let Some((title, detail)) = problem {
                    if !std::mem::replace(&mut *failed.borrow_mut(), true) {
                        store.dispatch(Action::Notify(super::state::Notice::NotKept { title, detail }));
                    }
                    return;
                }
                *failed.borrow_mut() = false;
                // Said before it fails: once a session, when the browser
                // reports this site's storage four-fifths used.
                if let Some(percent) = storage_used_percent().await.filter(|p| *p >= 80) {
                    if !WARNED_LOW.with(|w| w.replace(true)) {
                        store.dispatch(Action::Notify(super::state::Notice::NotKept {
                            title: format!("This browser's storage for csp-radar is {percent}% full."),
                            detail: "History keeps every version, and soon it may not be able to keep the next one. Download the decision file now to keep your work for sure.".to_owned(),
                        }));
                    }
                }
            });
        })
    };
    // Leaving the page keeps what is pending.
    {
        let pending = pending.clone();
        let write = write.clone();
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                if let Some(p) = pending.borrow_mut().take() {
                    write(p.decision, p.why);
                }
            });
            move || drop(listener)
        });
    }
    Rc::new(move |decision: &Decision, why: Option<String>| {
        let mut slot = pending.borrow_mut();
        // A change that is not more of the same typing keeps what was
        // pending first, so every step before it is a version of its own.
        if let Some(p) = slot.take() {
            if crate::model::history::same_edit(&p.decision, decision) && why.is_none() && p.why.is_none() {
                drop(p.timer);
            } else {
                write(p.decision, p.why);
            }
        }
        let typing = crate::model::history::same_edit(&last.borrow().0, decision) && why.is_none();
        if !typing {
            write(decision.clone(), why);
            return;
        }
        let pending = pending.clone();
        let write = write.clone();
        let timer = gloo::timers::callback::Timeout::new(PAUSE_MS, move || {
            if let Some(p) = pending.borrow_mut().take() {
                write(p.decision, p.why);
            }
        });
        *slot = Some(Pending { decision: decision.clone(), why, timer: Some(timer) });
    })
}

/// Tells the other tabs of this browser that a version was kept.
/// `before` is the fingerprint of the decision the version replaced.
fn tell_other_tabs(line: &str, before: &str, key: &str, what: &str) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else { return };
    let message = js_sys::Object::new();
    for (k, v) in [("line", line), ("before", before), ("key", key), ("what", what)] {
        let _ = js_sys::Reflect::set(&message, &k.into(), &v.into());
    }
    let _ = channel.post_message(&message);
    channel.close();
}

/// The channel other tabs speak on, and what hears them.
#[cfg(not(feature = "embed"))]
pub type Listener = (web_sys::BroadcastChannel, Closure<dyn FnMut(web_sys::MessageEvent)>);

/// Listens for other tabs' versions; calls `heard(line, before, key, what)`.
/// (Only the page listens: a mounted widget's line is its own.)
#[cfg(not(feature = "embed"))]
pub fn listen_to_other_tabs(heard: impl Fn(String, String, String, String) + 'static) -> Option<Listener> {
    let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
    let closure = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let data = e.data();
        let field = |k: &str| js_sys::Reflect::get(&data, &k.into()).ok().and_then(|v| v.as_string());
        if let (Some(line), Some(before), Some(key), Some(what)) =
            (field("line"), field("before"), field("key"), field("what"))
        {
            heard(line, before, key, what);
        }
    });
    channel.set_onmessage(Some(closure.as_ref().unchecked_ref()));
    Some((channel, closure))
}
