//! The whole widget: state, effects, layout.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::gaps::GapList;
use super::notice::{KeptOffer, NoticeBanner};
use super::provider_bar::ProviderBar;
use super::questions::QuestionList;
use super::radar::RadarChart;
use super::share::ShareBar;
use super::state::{Action, State};
use super::summary::Summary;
use super::Store;
use crate::model::catalog::{QuestionId, ATTRIBUTION, GUIDE_URL};
use crate::model::export::Ages;
use crate::model::radar::MAX_SERIES;
use crate::model::{Decision, Figures, Profile};

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
    /// The decision to start from (Mounted mode; Page modes read the hash
    /// and storage instead).
    #[prop_or_default]
    pub start: Option<Decision>,
    /// A same-origin profile to fetch at start (`data-profile-url`): a
    /// profile or decision file (JSON), or a provider page.
    #[prop_or_default]
    pub profile_url: Option<AttrValue>,
    /// A provider research page to evaluate (`data-profile="this-page"`):
    /// its raw wikitext's same-origin address and the page's title.
    #[prop_or_default]
    pub page: Option<(AttrValue, AttrValue)>,
    /// Called with the decision whenever it changes.
    #[prop_or_default]
    pub onchange: Callback<Decision>,
    /// Receives a dispatcher, so the embed API can act on the widget.
    #[prop_or_default]
    pub onready: Callback<Callback<Action>>,
    /// Where share links point (Mounted mode: the standalone app beside
    /// embed.js, since a host page does not read our hash). `None`: this page.
    #[prop_or_default]
    pub app_url: Option<AttrValue>,
    /// The page's prerendered default evaluation, to take over rather than
    /// draw again (page.rs; `None` draws the widget afresh).
    #[prop_or_default]
    pub prerendered: Option<Prerendered>,
}

/// The widget's parts, top to bottom, between its header and footer. Each
/// is drawn inside `<div class="cr-part" data-part=NAME>` (`display:
/// contents`, so it changes no layout), which is what a prerendered page is
/// taken over by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Controls,
    Summary,
    Radar,
    Gaps,
    Questions,
    Share,
}

impl Part {
    /// In declaration order, so `part as usize` is its place here.
    const ALL: [Part; 6] = [Part::Controls, Part::Summary, Part::Radar, Part::Gaps, Part::Questions, Part::Share];

    fn name(self) -> &'static str {
        match self {
            Part::Controls => "controls",
            Part::Summary => "summary",
            Part::Radar => "radar",
            Part::Gaps => "gaps",
            Part::Questions => "questions",
            Part::Share => "share",
        }
    }
}

/// The order a prerendered page goes live in: one part, or two question
/// rows, per task. Drawing the whole widget at once is one long task (about
/// 70 ms here, four times that on Lighthouse's mobile CPU) that blocks
/// input; in these steps each task, and the layout after it, takes 10-15
/// ms (three rows a step measured 15-21 ms, 60-85 at 4x CPU, over the 50
/// ms a task may take), and the reader sees no change because each part
/// replaces its own identical prerendered copy. The figures and the first
/// row come first, so the first weight answers (and moves the figures) two
/// steps in; the controls follow at once.
const TAKEOVER: [(Part, usize); 15] = [
    (Part::Summary, 0),
    (Part::Questions, 1),
    (Part::Controls, 0),
    (Part::Radar, 0),
    (Part::Gaps, 0),
    (Part::Questions, 3),
    (Part::Questions, 5),
    (Part::Questions, 7),
    (Part::Questions, 9),
    (Part::Questions, 11),
    (Part::Questions, 13),
    (Part::Questions, 15),
    (Part::Questions, 17),
    (Part::Questions, QuestionId::COUNT),
    (Part::Share, 0),
];

/// What is drawn `step` steps into the start: of a prerendered page, the
/// parts TAKEOVER has reached; of a fresh widget, everything but the
/// question rows, then (a task later, after the first paint) the rows.
#[derive(Clone, Copy, PartialEq)]
struct Drawn {
    parts: [bool; 6],
    rows: usize,
}

impl Drawn {
    fn at(prerendered: bool, step: usize) -> Drawn {
        if !prerendered {
            let rows = if step == 0 { 0 } else { QuestionId::COUNT };
            return Drawn { parts: Part::ALL.map(|p| p != Part::Questions || rows > 0), rows };
        }
        let done = TAKEOVER.get(..step).unwrap_or(&TAKEOVER);
        Drawn {
            parts: Part::ALL.map(|p| done.iter().any(|(q, _)| *q == p)),
            rows: done.iter().map(|(_, rows)| *rows).max().unwrap_or(0),
        }
    }

    fn has(&self, part: Part) -> bool {
        self.parts.get(part as usize).copied().unwrap_or(false)
    }

    /// Whether the start is over: nothing more will be drawn.
    fn complete(prerendered: bool, step: usize) -> bool {
        step >= if prerendered { TAKEOVER.len() } else { 1 }
    }
}

/// A prerendered page (index.html, the offline file): the `.cr-root` the
/// build drew the default evaluation into, inert, and its part holders.
#[derive(Clone)]
pub struct Prerendered {
    host: web_sys::Element,
    root: web_sys::Element,
    parts: Rc<[web_sys::Element; 6]>,
}

impl PartialEq for Prerendered {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.parts, &other.parts)
    }
}

impl Prerendered {
    /// The prerendered widget inside `host`, if it has every part (a page
    /// built by another version may not: it is then drawn afresh).
    pub fn find(host: &web_sys::Element) -> Option<Prerendered> {
        let root = host.query_selector(":scope > .cr-root").ok().flatten()?;
        let part = |p: Part| root.query_selector(&format!(".cr-part[data-part={}]", p.name())).ok().flatten();
        let [a, b, c, d, e, f] = Part::ALL.map(part);
        Some(Prerendered { host: host.clone(), root, parts: Rc::new([a?, b?, c?, d?, e?, f?]) })
    }

    fn holder(&self, part: Part) -> Option<&web_sys::Element> {
        self.parts.get(part as usize)
    }

    /// Empties a part's holder of its prerendered copy (once: the copy is
    /// inert, the live part is not), in the render that draws the live
    /// one, so the two are never on screen together.
    fn clear(&self, part: Part) {
        if let Some(holder) = self.holder(part).filter(|h| h.has_attribute("inert")) {
            holder.set_text_content(None);
            let _ = holder.remove_attribute("inert");
        }
    }

    /// The page is the app's now: nothing prerendered is left.
    fn finish(&self) {
        let _ = self.host.remove_attribute("data-prerendered");
    }
}

/// The address share links are built on.
#[derive(Clone, PartialEq)]
pub struct ShareBase(pub Option<AttrValue>);

#[cfg(not(feature = "embed"))]
use super::standalone::use_standalone;

/// What the page does with each new decision: save it, and put it in the
/// address bar.
pub(super) type Autosave = Rc<dyn Fn(&Decision)>;

/// The embed bundle only mounts widgets into host pages: no page effects,
/// nothing to save.
#[cfg(feature = "embed")]
#[hook]
fn use_standalone(_mode: Mode, _store: &Store, _root: &NodeRef) -> Autosave {
    Rc::new(|_: &Decision| {})
}

/// The decision a widget opens with when its host gives none: the page
/// reads its address bar and storage; a mounted widget starts from the
/// default.
fn first_state(mode: Mode) -> State {
    #[cfg(not(feature = "embed"))]
    if mode != Mode::Mounted {
        return super::standalone::start();
    }
    let _ = mode;
    State::new(Decision::default())
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let mode = props.mode;
    let start = props.start.clone();
    let state = use_reducer(move || match start {
        Some(decision) => State::new(decision),
        None => first_state(mode),
    });
    let store = Store::new(state.clone());
    let root = use_node_ref();

    {
        let onready = props.onready.clone();
        let store = store.clone();
        use_effect_with((), move |_| onready.emit(store.action(|a| a)));
    }

    // The page itself (not a mounted widget): autosave, the address bar, the
    // iframe's height.
    let autosave = use_standalone(mode, &store, &root);
    // Each new decision is saved (page) and handed to the host (embed),
    // from one effect.
    // A prerendered page opened the default decision with nothing saved
    // and no link in the address bar: saving that unchanged would only
    // cost the start a storage write and a history entry, and make every
    // later visit hide the prerender as if restoring a saved decision.
    let unchanged_default = use_mut_ref(|| props.prerendered.is_some());
    {
        let onchange = props.onchange.clone();
        use_effect_with(state.decision.clone(), move |decision| {
            if !std::mem::take(&mut *unchanged_default.borrow_mut()) {
                autosave(decision);
            }
            onchange.emit(decision.clone());
        });
    }

    // data-profile-url and data-profile="this-page": fetched once, same
    // origin only.
    {
        let store = store.clone();
        use_effect_with((props.profile_url.clone(), props.page.clone()), move |(url, page)| {
            let (url, title) = match (url.clone(), page.clone()) {
                (_, Some((url, title))) => (url, Some(title)),
                (Some(url), None) => (url, None),
                (None, None) => return,
            };
            wasm_bindgen_futures::spawn_local(async move {
                let action = match (super::browser::fetch_text(&url).await, title) {
                    (Ok(text), Some(title)) => Action::Import {
                        origin: format!("this wiki page ({title})"),
                        result: crate::model::import::import(&text, Some(&title)).map(Box::new),
                    },
                    (Ok(text), None) => Action::load_text(url.to_string(), &text),
                    (Err(detail), _) => Action::Refuse { title: format!("Could not load {url}"), detail },
                };
                store.dispatch(action);
            });
        });
    }

    // The shown provider's figures, and every other provider's from its
    // own record: memoised on what they read, so a keystroke in a note
    // recomputes nothing else.
    let evaluation = state.evaluation();
    let figures = use_memo(evaluation.clone(), |e| e.figures());
    let range = use_memo(evaluation.clone(), |e| e.range());
    let ages = use_memo(evaluation.clone(), |e| Ages::of(e, &super::browser::today()));
    let compared: Rc<Vec<(Rc<Profile>, Figures)>> = {
        let others: Vec<(Rc<Profile>, crate::model::Evaluation)> = state
            .decision
            .providers()
            .filter(|c| c.id() != evaluation.profile.provider.id)
            .map(|c| (Rc::clone(&c.profile), state.decision.evaluation(c)))
            .collect();
        use_memo(others, |others| others.iter().map(|(p, e)| (Rc::clone(p), e.figures())).collect())
    };
    // The radar overlays at most four providers: the one shown and the
    // first three others.
    let overlaid: Rc<Vec<(Rc<Profile>, Figures)>> =
        use_memo(compared.clone(), |all| all.iter().take(MAX_SERIES - 1).cloned().collect());

    // The start, a step per task (see `Drawn`). A fresh widget draws the
    // figures, radar and gaps first, lets the browser paint them, then adds
    // the 18 question rows, most of its DOM; a prerendered page is taken
    // over part by part.
    let step = use_state(|| 0usize);
    let prerendered = props.prerendered.clone();
    let drawn = Drawn::at(prerendered.is_some(), *step);
    // A part's prerendered copy goes in the render that draws the live one,
    // not in the timer that asks for it: Yew may run that render a task
    // later (its scheduler yields to the browser after 16 ms of work), and
    // a frame painted in between would show the page without the part, a
    // layout shift Lighthouse saw (CLS 0.28 in 2 of 29 runs). Within one
    // render Yew draws every new component before it yields, so the copy
    // and the live part are never both, or neither, on screen.
    if let Some(p) = &prerendered {
        for part in Part::ALL.into_iter().filter(|part| drawn.has(*part)) {
            p.clear(part);
        }
    }
    {
        let step = step.clone();
        let prerendered = prerendered.clone();
        use_effect_with(*step, move |&n| {
            let timer = if Drawn::complete(prerendered.is_some(), n) {
                if let Some(p) = &prerendered {
                    p.finish();
                }
                None
            } else {
                Some(gloo::timers::callback::Timeout::new(0, move || step.set(n + 1)))
            };
            move || drop(timer)
        });
    }

    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let store = store.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let Some(files) = e.data_transfer().and_then(|d| d.files()) else { return };
            if files.length() > 1 {
                store.dispatch(Action::Refuse {
                    title: format!("{} files were dropped; one is read at a time.", files.length()),
                    detail: "Nothing was loaded. Drop one file, or pick them one after another.".into(),
                });
            } else if let Some(file) = files.get(0) {
                super::provider_bar::read_profile_file(store.clone(), file);
            }
        })
    };

    // A prerendered page keeps its own .cr-root, so the drop target is
    // listened to there.
    {
        let ondragover = ondragover.clone();
        let ondrop = ondrop.clone();
        use_effect_with(prerendered.clone(), move |prerendered| {
            let listeners = prerendered.as_ref().map(|p| {
                let on = |name: &'static str, callback: Callback<DragEvent>| {
                    gloo::events::EventListener::new_with_options(
                        &p.root,
                        name,
                        gloo::events::EventListenerOptions::enable_prevent_default(),
                        move |e| {
                            if let Some(e) = e.dyn_ref::<DragEvent>() {
                                callback.emit(e.clone());
                            }
                        },
                    )
                };
                (on("dragover", ondragover), on("drop", ondrop))
            });
            move || drop(listeners)
        });
    }

    // Each part in its holder: a fresh widget draws the holder; a
    // prerendered page has it, and the part is drawn into it (a portal)
    // once the start reaches it.
    let part = |part: Part, content: Html| -> Html {
        match &prerendered {
            Some(p) => match p.holder(part) {
                Some(holder) if drawn.has(part) => create_portal(content, holder.clone()),
                _ => html! {},
            },
            None => html! {
                <div class="cr-part" data-part={part.name()}>{ if drawn.has(part) { content } else { html! {} } }</div>
            },
        }
    };
    let radar_and_gaps = html! {
        <>
            { part(Part::Radar, html! { <RadarChart figures={figures.clone()} range={range.clone()} compared={overlaid.clone()} /> }) }
            { part(Part::Gaps, html! { <GapList figures={figures.clone()} ages={ages.clone()} /> }) }
        </>
    };
    let parts = html! {
        <>
            { part(Part::Controls, html! { <><KeptOffer /><NoticeBanner /><ProviderBar /></> }) }
            { part(Part::Summary, html! {
                <Summary figures={figures.clone()} range={range.clone()} ages={ages.clone()} compared={compared.clone()} />
            }) }
            // Side by side; a prerendered page has this section already.
            if prerendered.is_some() { { radar_and_gaps } } else { <section class="cr-grid">{ radar_and_gaps }</section> }
            { part(Part::Questions, html! { <QuestionList figures={figures.clone()} ages={ages.clone()} rows={drawn.rows} /> }) }
            { part(Part::Share, html! {
                <ShareBar figures={figures} range={range} compared={overlaid} saves={mode != Mode::Mounted} />
            }) }
        </>
    };

    let layout = if mode == Mode::Page { "page" } else { "compact" };
    let widget = if prerendered.is_some() {
        // The prerendered header, footer and stylesheet stay as they are.
        parts
    } else {
        html! {
            <>
            <style>{ STYLE }</style>
            <div class="cr-root" dir="ltr" lang="en" data-layout={layout} ref={root} {ondragover} {ondrop} data-testid="widget">
                <header class="cr-header">
                    <h1 class="cr-title">{ "Cloud provider risk" }<span class="cr-sub">{ " — the 18 questions to ask before your lab's data moves" }</span></h1>
                </header>
                { parts }
                <footer class="cr-footer">
                    { ATTRIBUTION }{ " " }
                    <a href={GUIDE_URL} target="_blank" rel="noopener noreferrer">{ "Read the guide" }</a>
                    { ". Provider summaries paraphrase public sources; check them before you rely on them." }
                </footer>
            </div>
            </>
        }
    };
    html! {
        <ContextProvider<Store> context={store}>
        <ContextProvider<ShareBase> context={ShareBase(props.app_url.clone())}>
            { widget }
        </ContextProvider<ShareBase>>
        </ContextProvider<Store>>
    }
}

/// The stylesheet travels inside the wasm, so shadow roots and the offline
/// file carry it without any fetch; www/tools/build.rs minifies it.
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));
