//! The JS API behind `embed.js`: `CspRadar.mount(element, options)` puts an
//! independent widget in the element's own shadow root.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use yew::{AppHandle, Callback};

use crate::model::decision::{NotAdded, MAX_PROVIDERS};
use crate::model::figures::Ratio;
use crate::model::{bundled, Decision, Domain, Preset, Profile};
use crate::ui::state::Action;
use crate::ui::{App, AppProps, Mode};

/// What a host page may pass (the `data-*` attributes, camel-cased).
#[derive(Default)]
struct Options {
    profile: Option<String>,
    preset: Option<String>,
    /// Comma-separated ids, or an array.
    compare: Vec<String>,
    profile_url: Option<String>,
    /// For `profile: "this-page"`: the page's raw wikitext address and its
    /// title (the MediaWiki gadget supplies both).
    page_url: Option<String>,
    page_title: Option<String>,
    /// A whole share link (`CSPR:2/...`, or an earlier `CSPR:1/...`), if the
    /// host saved one.
    link: Option<String>,
    /// The standalone app share links should open (embed.js passes the
    /// index.html beside itself).
    app_url: Option<String>,
    /// `data-save="off"`: the host page asks the widget to keep nothing; it
    /// says so and warns before the page is left with changes.
    save_off: bool,
}

impl Options {
    /// Reads the options object by hand: a serde deserializer here would
    /// bring float formatting and error machinery into the wasm for six
    /// strings. A value of the wrong type is an error naming the option.
    fn read(value: &JsValue) -> Result<Options, String> {
        if value.is_undefined() || value.is_null() {
            return Ok(Options::default());
        }
        if !value.is_object() {
            return Err("options must be an object".to_owned());
        }
        let text = |key: &str| -> Result<Option<String>, String> {
            let v = js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
            if v.is_undefined() || v.is_null() {
                Ok(None)
            } else {
                v.as_string().map(Some).ok_or_else(|| format!("`{key}` must be a string"))
            }
        };
        let compare = {
            let v = js_sys::Reflect::get(value, &JsValue::from_str("compare")).unwrap_or(JsValue::UNDEFINED);
            if v.is_undefined() || v.is_null() {
                Vec::new()
            } else if let Some(t) = v.as_string() {
                t.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
            } else if js_sys::Array::is_array(&v) {
                js_sys::Array::from(&v)
                    .iter()
                    .map(|item| item.as_string().ok_or_else(|| "`compare` must hold provider ids (strings)".to_owned()))
                    .collect::<Result<_, _>>()?
            } else {
                return Err("`compare` must be a string or an array of strings".to_owned());
            }
        };
        Ok(Options {
            profile: text("profile")?,
            preset: text("preset")?,
            compare,
            profile_url: text("profileUrl")?,
            page_url: text("pageUrl")?,
            page_title: text("pageTitle")?,
            link: text("link")?,
            app_url: text("appUrl")?,
            save_off: text("save")?.is_some_and(|s| s.eq_ignore_ascii_case("off")),
        })
    }
}

/// The figures a host page reads from `handle.state()` and the
/// `csp-radar:change` event's `detail`: the provider shown (as before
/// decisions held several), and every provider of the decision.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WidgetState {
    provider: String,
    provider_name: String,
    preset: String,
    weights_adjusted: bool,
    weights: Vec<u32>,
    overall: Option<f64>,
    band: Option<&'static str>,
    coverage: Option<f64>,
    domains: DomainScores,
    gaps: Vec<u8>,
    compare: Vec<String>,
    providers: Vec<ProviderState>,
    link: String,
}

/// One provider of the decision, with its own record's figures.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProviderState {
    id: String,
    name: String,
    overall: Option<f64>,
    band: Option<&'static str>,
    coverage: Option<f64>,
    findings: usize,
    notes: usize,
    confirmations_outstanding: Vec<u8>,
}

/// Domain id → score, a plain object in the catalog's order. (A BTreeMap
/// would sort the keys and bring its sorting code into the wasm.)
struct DomainScores([(&'static str, Option<f64>); Domain::ALL.len()]);

impl Serialize for DomainScores {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, score) in &self.0 {
            map.serialize_entry(id, score)?;
        }
        map.end()
    }
}

fn number(r: Option<Ratio>) -> Option<f64> {
    r.map(|r| r.tenths() as f64 / 10.0)
}

impl WidgetState {
    fn of(d: &Decision) -> WidgetState {
        let shown = d.shown();
        let e = match shown {
            Some(c) => d.evaluation(c),
            None => crate::model::Evaluation::new(bundled::default_profile(), d.preset),
        };
        let f = e.figures();
        WidgetState {
            provider: e.profile.provider.id.clone(),
            provider_name: e.profile.provider.name.clone(),
            preset: e.preset.id().to_owned(),
            weights_adjusted: e.weights != e.preset.weights(),
            weights: crate::model::QuestionId::all().map(|q| e.weights.get(q).value()).collect(),
            overall: number(f.overall),
            band: f.band().map(|b| b.id()),
            coverage: number(f.coverage),
            domains: DomainScores(Domain::ALL.map(|d| (d.id(), number(f.domain(d))))),
            gaps: f.gaps.iter().map(|q| q.number()).collect(),
            compare: d.providers().filter(|c| c.id() != e.profile.provider.id).map(|c| c.id().to_owned()).collect(),
            providers: d
                .ranking()
                .into_iter()
                .map(|(c, f)| ProviderState {
                    id: c.id().to_owned(),
                    name: c.name().to_owned(),
                    overall: number(f.overall),
                    band: f.band().map(|b| b.id()),
                    coverage: number(f.coverage),
                    findings: c.record.finding_count(),
                    notes: c.record.note_count(),
                    confirmations_outstanding: d.confirmations_outstanding(c).iter().map(|q| q.number()).collect(),
                })
                .collect(),
            link: d.to_link(),
        }
    }

    fn to_js(&self) -> JsValue {
        let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
        self.serialize(&serializer).unwrap_or(JsValue::NULL)
    }
}

/// A mounted widget.
#[wasm_bindgen]
pub struct Handle {
    app: Option<AppHandle<App>>,
    root: web_sys::Element,
    latest: Rc<RefCell<Option<Decision>>>,
    dispatch: Rc<RefCell<Option<Callback<Action>>>>,
}

#[wasm_bindgen]
impl Handle {
    /// The current decision and figures, as a plain object.
    pub fn state(&self) -> JsValue {
        self.latest.borrow().as_ref().map_or(JsValue::NULL, |l| WidgetState::of(l).to_js())
    }

    /// Loads a profile from JSON text. Returns the list of problems (empty
    /// when it loaded); a bad profile leaves the decision as it was and is
    /// also shown in the widget. A good one joins the decision, in focus.
    #[wasm_bindgen(js_name = setProfile)]
    pub fn set_profile(&self, json: &str) -> Vec<String> {
        let result = Profile::parse(json);
        let errors = match &result {
            Ok(_) => Vec::new(),
            Err(r) => r.errors.iter().map(ToString::to_string).collect(),
        };
        if let Some(d) = self.dispatch.borrow().as_ref() {
            d.emit(Action::LoadProfile { origin: "setProfile()".into(), result: result.map(Box::new) });
        }
        errors
    }

    /// Unmounts the widget and empties its shadow root.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        // Yew tears down on its scheduler; the host expects an empty element now.
        self.root.remove();
    }
}

/// `CspRadar.mount(element, options)`.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<Handle, JsValue> {
    let options = Options::read(&options).map_err(|e| JsValue::from_str(&format!("csp-radar: bad options: {e}")))?;
    let (start, problems) = start_decision(&options);
    let shadow = match element.shadow_root() {
        Some(root) => root,
        None => element.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?,
    };
    shadow.set_inner_html("");
    let root = gloo::utils::document().create_element("div")?;
    shadow.append_child(&root)?;

    // Known from the start, so `await handle.ready; handle.state()` has the
    // figures before the first render's effects run.
    let latest = Rc::new(RefCell::new(Some(start.clone())));
    let dispatch: Rc<RefCell<Option<Callback<Action>>>> = Rc::new(RefCell::new(None));
    let onchange = {
        let latest = latest.clone();
        let element = element.clone();
        Callback::from(move |decision: Decision| {
            let detail = WidgetState::of(&decision).to_js();
            *latest.borrow_mut() = Some(decision);
            let init = web_sys::CustomEventInit::new();
            init.set_detail(&detail);
            init.set_bubbles(true);
            init.set_composed(true);
            if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("csp-radar:change", &init) {
                let _ = element.dispatch_event(&event);
            }
        })
    };
    let onready = {
        let dispatch = dispatch.clone();
        Callback::from(move |d: Callback<Action>| {
            // Every problem in one message: one banner at a time is shown.
            match problems.as_slice() {
                [] => {}
                [(title, detail)] => d.emit(Action::Refuse { title: title.clone(), detail: detail.clone() }),
                all => d.emit(Action::Refuse {
                    title: format!("{} problems with this widget's options:", all.len()),
                    detail: all.iter().map(|(t, d)| format!("{t}: {d}")).collect::<Vec<_>>().join(" · "),
                }),
            }
            *dispatch.borrow_mut() = Some(d);
        })
    };
    let page = match (&options.page_url, &options.page_title) {
        (Some(url), Some(title)) if options.profile.as_deref() == Some(THIS_PAGE) => {
            Some((url.clone().into(), title.clone().into()))
        }
        _ => None,
    };
    let props = AppProps {
        mode: Mode::Mounted,
        start: Some(start),
        page,
        profile_url: options.profile_url.map(Into::into),
        onchange,
        onready,
        app_url: options.app_url.map(Into::into),
        prerendered: None,
        history_line: (!options.save_off).then(|| history_line(&element).into()),
        saves: !options.save_off,
    };
    let app = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    Ok(Handle { app: Some(app), root, latest, dispatch })
}

/// The line of work a mounted widget keeps its versions on: its host page
/// (without the hash) and its place there — the element's id, or its
/// position among the page's widgets — so two widgets on one page, or the
/// same widget on two pages, never share a history.
fn history_line(element: &web_sys::Element) -> String {
    let location = gloo::utils::window().location();
    let page = format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let place = if element.id().is_empty() {
        let position = gloo::utils::document()
            .query_selector_all("div.csp-radar")
            .ok()
            .and_then(|all| (0..all.length()).find(|&i| all.get(i).is_some_and(|n| n.is_same_node(Some(element)))))
            .unwrap_or(0);
        format!("widget {}", position + 1)
    } else {
        format!("#{}", element.id())
    };
    format!("page:{page} · {place}")
}

/// `data-profile="this-page"`: evaluate the provider page the widget sits on.
const THIS_PAGE: &str = "this-page";

/// The starting decision from the options, and what was wrong with them
/// (shown in the widget rather than thrown at the host page): `profile` is
/// the provider in focus, `compare` the others beside it; with neither, the
/// bundled providers.
fn start_decision(o: &Options) -> (Decision, Vec<(String, String)>) {
    let mut problems = Vec::new();
    if let Some(text) = &o.link {
        match Decision::from_fragment(text) {
            Ok(d) => return (d, problems),
            Err(e) => problems.push(("The embedded link cannot be opened".to_owned(), e.to_string())),
        }
    }
    if o.profile.as_deref() == Some(THIS_PAGE) && o.page_url.is_none() {
        problems.push((
            "data-profile=\"this-page\" needs a wiki page".to_owned(),
            "It works on a MediaWiki page through the csp-radar gadget, which gives the page's address. Showing the default provider.".to_owned(),
        ));
    }
    let mut focus = None;
    let mut profiles = Vec::new();
    if let Some(id) = o.profile.as_deref().filter(|s| !s.is_empty() && *s != THIS_PAGE) {
        match bundled::get(id) {
            Some(p) => {
                focus = Some(p.provider.id.clone());
                profiles.push(p);
            }
            None => problems.push((format!("No bundled profile \"{id}\""), "Showing the default provider.".to_owned())),
        }
    }
    if focus.is_none() && (!o.compare.is_empty() || o.profile.is_some()) {
        let p = bundled::default_profile();
        focus = Some(p.provider.id.clone());
        profiles.push(p);
    }
    for id in &o.compare {
        match bundled::get(id) {
            None => problems.push((format!("Cannot compare with \"{id}\""), "It is not a bundled profile.".to_owned())),
            Some(p) => profiles.push(p),
        }
    }
    let preset = match o.preset.as_deref().filter(|s| !s.is_empty()).map(str::parse::<Preset>) {
        None => Preset::default(),
        Some(Ok(p)) => p,
        Some(Err(e)) => {
            problems.push(("Unknown preset".to_owned(), e));
            Preset::default()
        }
    };
    if profiles.is_empty() {
        let mut d = Decision::default();
        d.set_preset(preset);
        return (d, problems);
    }
    let mut d = Decision::of(std::iter::empty(), preset);
    for p in profiles {
        let name = p.provider.name.clone();
        if let Err(NotAdded::Full | NotAdded::KeptFull) = d.add(p) {
            problems.push((
                format!("{name} was not added"),
                format!("A decision holds at most {MAX_PROVIDERS} providers."),
            ));
        }
    }
    d.focus = focus;
    (d, problems)
}
