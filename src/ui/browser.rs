//! The few browser services the widget uses: storage, the URL hash,
//! downloads and the clipboard. Each fails quietly into `None`/`false`
//! (private mode, `file://`, a sandboxed iframe) and the caller says so.

use wasm_bindgen::JsCast;

use crate::model::profile::Date;
use crate::model::Decision;

/// Where the page keeps the decision it showed last (its share link,
/// version 2), for a new tab to start from. Every version is in History.
pub const SAVED_KEY: &str = "csp-radar:v2:decision";
/// This tab's own latest decision (sessionStorage): a reload continues it.
pub const CURRENT_KEY: &str = "csp-radar:v2:current";
/// When [`CURRENT_KEY`] was last written (ms since 1970): a version in
/// History newer than this is one the quick storage could not take.
pub const CURRENT_WHEN_KEY: &str = "csp-radar:v2:current-when";
/// Where an earlier version kept its evaluation (a version 1 link): read
/// when nothing newer is saved, never removed.
pub const LEGACY_SAVED_KEY: &str = "csp-radar:v1:evaluation";
/// Decisions an earlier version kept aside (one per line, `reason<TAB>link`):
/// moved into History once, then removed.
pub const KEPT_KEY: &str = "csp-radar:v1:kept";
/// Saved data that could not be read, kept for the user rather than lost.
pub const CORRUPT_KEY: &str = "csp-radar:v1:unreadable";
/// Fingerprints of the links this tab put in its address bar
/// (sessionStorage): after a reload, a hash we wrote ourselves, even one
/// older than the last autosave, is not someone else's shared link.
pub const WRITTEN_KEY: &str = "csp-radar:v1:written";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// FNV-1a: a short fingerprint, so long links need not be stored twice
/// (and another tab's message can say which decision it changed).
pub fn fingerprint(link: &str) -> String {
    let hash = link.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

/// Remembers that this tab wrote `link` into its address bar.
pub fn note_written(link: &str) {
    const KEEP: usize = 64;
    let Some(s) = session() else { return };
    let old = s.get_item(WRITTEN_KEY).ok().flatten().unwrap_or_default();
    let mut all: Vec<&str> = old.split(',').filter(|f| !f.is_empty()).collect();
    let new = fingerprint(link);
    all.push(&new);
    let skip = all.len().saturating_sub(KEEP);
    let _ = s.set_item(WRITTEN_KEY, &all[skip..].join(","));
}

/// Whether this tab wrote `link` into its address bar before.
pub fn was_written(link: &str) -> bool {
    let f = fingerprint(link);
    session().and_then(|s| s.get_item(WRITTEN_KEY).ok().flatten()).is_some_and(|all| all.split(',').any(|x| x == f))
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn save(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Reads a key: this tab's own latest from sessionStorage, the rest from
/// localStorage.
pub fn load_from(key: &str) -> Option<String> {
    if key == CURRENT_KEY {
        session()?.get_item(key).ok().flatten()
    } else {
        load(key)
    }
}

/// Writes this tab's own latest (sessionStorage); `false` when refused.
pub fn save_to(key: &str, value: &str) -> bool {
    session().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Reads one of this tab's own keys (sessionStorage).
pub fn load_here(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

/// What an earlier version of csp-radar kept aside (copies offered back,
/// its saved evaluation) becomes versions in History; the old copies are
/// removed only once History holds every one of them.
pub async fn move_old_copies_to_history() {
    let mut all_kept = true;
    for line in load(KEPT_KEY).unwrap_or_default().lines() {
        let Some((_, link)) = line.split_once('\t') else { continue };
        if Decision::from_saved(link).is_ok() {
            all_kept &=
                super::history::add("earlier", "kept aside by an earlier version of csp-radar", link).await.is_ok();
        }
    }
    if all_kept {
        remove(KEPT_KEY);
    }
    if let Some(old) = load(LEGACY_SAVED_KEY).filter(|l| Decision::from_saved(l).is_ok()) {
        const MOVED: &str = "csp-radar:v2:moved-v1";
        let moved = fingerprint(&old);
        if load(MOVED).as_deref() != Some(moved.as_str())
            && super::history::add("earlier", "saved by an earlier version of csp-radar", &old).await.is_ok()
        {
            save(MOVED, &moved);
        }
    }
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The fragment, with its `#`, percent-decoded as the browser may encode it.
pub fn hash() -> String {
    let raw = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    js_sys::decode_uri_component(&raw).map(String::from).unwrap_or(raw)
}

/// Puts the link in the address bar without adding a history entry; an
/// empty link leaves the address with no fragment at all.
pub fn replace_hash(link: &str) {
    let Some(w) = web_sys::window() else { return };
    let url = if link.is_empty() { base_url() } else { format!("#{link}") };
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The page address without its fragment, for building share links.
pub fn base_url() -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_owned(),
        None => href,
    }
}

/// Today in the reader's time zone: the as-of date when none is set.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    let text = format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date());
    Date::parse(&text)
        .or_else(|| crate::model::age::date_from_days(0))
        .unwrap_or_else(|| unreachable!("1970-01-01 is a date"))
}

/// Why a picked or dropped file gave no text.
pub enum FileProblem {
    /// Its size in bytes, over what any file csp-radar reads may be.
    TooLarge(u64),
    /// The browser's own words (a NotReadableError, say).
    Unreadable(String),
}

/// Reads a picked or dropped file as text, refusing one larger than any
/// file csp-radar reads (a decision file) before reading it, and hands the
/// result to `done`.
pub fn read_text(file: &web_sys::File, done: impl FnOnce(Result<String, FileProblem>) + 'static) {
    // Whole bytes: printing an f64 would pull float formatting into the wasm.
    let size = file.size() as u64;
    if size > crate::model::file::MAX_BYTES as u64 {
        done(Err(FileProblem::TooLarge(size)));
        return;
    }
    // Blob.text() decodes UTF-8 (a BOM dropped, bad bytes replaced), as
    // FileReader would, with less glue.
    let reading = wasm_bindgen_futures::JsFuture::from(file.text());
    wasm_bindgen_futures::spawn_local(async move {
        done(match reading.await {
            Ok(text) => Ok(text.as_string().unwrap_or_default()),
            Err(error) => Err(FileProblem::Unreadable(
                error
                    .dyn_into::<js_sys::Error>()
                    .map_or_else(|_| "The browser could not read it".to_owned(), |e| String::from(e.message())),
            )),
        });
    });
}

/// Offers `text` as a file download.
pub fn download(filename: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let anchor =
        gloo::utils::document().create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = &anchor {
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    // Revoke later: Chromium reads the blob after click() returns.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    anchor.is_some()
}

/// Copies text to the clipboard; falls back to a selected field and
/// `execCommand("copy")` where the async API is unavailable (`file://`).
pub fn copy(text: &str, field: Option<web_sys::HtmlInputElement>) {
    let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
    if let Some(c) = clipboard {
        let _ = c.write_text(text);
    }
    if let Some(input) = field {
        input.select();
        if let Some(doc) = gloo::utils::document().dyn_ref::<web_sys::HtmlDocument>() {
            let _ = doc.exec_command("copy");
        }
    }
}

/// Fetches a profile, decision file or page from the page's own origin,
/// refusing anything larger than those may be.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let base = gloo::utils::window().location().href().map_err(|_| "no page address".to_owned())?;
    let resolved = web_sys::Url::new_with_base(url, &base).map_err(|_| "not a valid address".to_owned())?;
    let origin = gloo::utils::window().location().origin().unwrap_or_default();
    if resolved.origin() != origin {
        return Err(format!("only profiles from this site ({origin}) can be loaded by address"));
    }
    // Plain fetch: gloo-net would drag serde_json's error strings into the wasm.
    let failed = |e: wasm_bindgen::JsValue| e.as_string().unwrap_or_else(|| "the request failed".to_owned());
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(gloo::utils::window().fetch_with_str(&resolved.href()))
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
    if text.len() > crate::model::file::MAX_BYTES {
        return Err("it is larger than any profile or decision file csp-radar reads".to_owned());
    }
    Ok(text)
}

/// The element that has focus, inside a widget's shadow root too.
pub fn focused() -> Option<web_sys::HtmlElement> {
    let mut active = gloo::utils::document().active_element()?;
    while let Some(inner) = active.shadow_root().and_then(|root| root.active_element()) {
        active = inner;
    }
    active.dyn_into().ok()
}

/// Gives focus back to `element` once the current update is drawn, unless
/// focus went somewhere on purpose meanwhile: only when it fell to the
/// page's body (the control that held it disappeared), and only while
/// `element` is still on the page.
pub fn refocus(element: web_sys::HtmlElement) {
    gloo::timers::callback::Timeout::new(0, move || {
        if !element.is_connected() {
            return;
        }
        // A control in a menu closed since: the menu's own button.
        let element = element
            .closest("details:not([open])")
            .ok()
            .flatten()
            .and_then(|menu| menu.query_selector("summary").ok().flatten())
            .and_then(|summary| summary.dyn_into::<web_sys::HtmlElement>().ok())
            .unwrap_or(element);
        let root = element.get_root_node();
        let active = match root.dyn_ref::<web_sys::ShadowRoot>() {
            Some(shadow) => shadow.active_element(),
            None => gloo::utils::document().active_element(),
        };
        let body = gloo::utils::document().body().map(web_sys::Element::from);
        if active.is_none() || active == body {
            let _ = element.focus();
        }
    })
    .forget();
}
