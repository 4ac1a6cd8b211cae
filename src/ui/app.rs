//! The whole widget: state, effects, layout.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::decision_view::{DecisionTable, DetailHeader};
use super::gaps::GapList;
#[cfg(feature = "embed")]
use super::history::Keep;
use super::history::{use_versions, HistoryPanel};
use super::notice::NoticeBanner;
use super::provider_bar::ProviderBar;
use super::questions::QuestionList;
use super::radar::RadarChart;
use super::report::CommitteeReport;
use super::share::ShareBar;
use super::state::{Action, State};
use super::summary::Summary;
use super::Store;
use crate::model::catalog::{QuestionId, ATTRIBUTION, GUIDE_URL};
use crate::model::committee::Committee;
use crate::model::export::Ages;
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
    /// Mounted mode: the line of work this widget keeps its versions on
    /// (its host page and place there); `None` keeps nothing.
    #[prop_or_default]
    pub history_line: Option<AttrValue>,
    /// Mounted mode: whether the widget keeps the lab's work (a host page
    /// may say `data-save="off"`: then it says so and warns before leaving).
    #[prop_or(true)]
    pub saves: bool,
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
    Decision,
    Summary,
    Radar,
    Gaps,
    Questions,
    Share,
    /// The committee report, shown only in print; drawn last.
    Report,
}

impl Part {
    /// In declaration order, so `part as usize` is its place here.
    const ALL: [Part; 8] = [
        Part::Controls,
        Part::Decision,
        Part::Summary,
        Part::Radar,
        Part::Gaps,
        Part::Questions,
        Part::Share,
        Part::Report,
    ];

    fn name(self) -> &'static str {
        match self {
            Part::Controls => "controls",
            Part::Decision => "decision",
            Part::Summary => "summary",
            Part::Radar => "radar",
            Part::Gaps => "gaps",
            Part::Questions => "questions",
            Part::Share => "share",
            Part::Report => "report",
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
const TAKEOVER: [(Part, usize); 17] = [
    (Part::Decision, 0),
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
    (Part::Report, 0),
];

/// What is drawn `step` steps into the start: of a prerendered page, the
/// parts TAKEOVER has reached; of a fresh widget, everything but the
/// question rows, then (a task later, after the first paint) the rows.
#[derive(Clone, Copy, PartialEq)]
struct Drawn {
    parts: [bool; Part::ALL.len()],
    rows: usize,
}

impl Drawn {
    fn at(prerendered: bool, step: usize) -> Drawn {
        if !prerendered {
            let rows = if step == 0 { 0 } else { QuestionId::COUNT };
            return Drawn { parts: Part::ALL.map(|p| !matches!(p, Part::Questions | Part::Report) || rows > 0), rows };
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
    parts: Rc<[web_sys::Element; Part::ALL.len()]>,
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
        let [a, b, c, d, e, f, g, h] = Part::ALL.map(part);
        Some(Prerendered { host: host.clone(), root, parts: Rc::new([a?, b?, c?, d?, e?, f?, g?, h?]) })
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

/// The embed bundle only mounts widgets into host pages: no page effects
/// (a mounted widget keeps its versions through `use_versions` below).
#[cfg(feature = "embed")]
#[hook]
fn use_standalone(_mode: Mode, _store: &Store, _root: &NodeRef) -> Keep {
    Rc::new(|_: &Decision, _: Option<String>| {})
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

    // Every change is a version in History: the page's (with its address
    // bar and quick-start storage), or a mounted widget's own line for its
    // host page. The decision the widget opened with is not a change, so an
    // untouched page writes nothing.
    let page_keep = use_standalone(mode, &store, &root);
    let widget_line = if mode == Mode::Mounted { props.history_line.clone() } else { None };
    let widget_keep = use_versions(&store, widget_line.clone(), state.decision.clone(), Rc::new(|_: &str| true));
    {
        let onchange = props.onchange.clone();
        let why = state.why.clone();
        use_effect_with(state.decision.clone(), move |decision| {
            page_keep(decision, why.clone());
            widget_keep(decision, why);
            onchange.emit(decision.clone());
        });
    }
    // A mounted widget opens the work kept for it on this page, if any
    // (Undo goes back to what the page itself asks for).
    {
        let store = store.clone();
        let start = state.decision.clone();
        use_effect_with(widget_line.clone(), move |line| {
            if let Some(line) = line.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some((version, d)) = super::history::latest(&line).await.filter(|(_, d)| *d != start) {
                        store.dispatch(Action::RestoreVersion {
                            decision: d,
                            when: super::history::when_words(version.when),
                        });
                    }
                });
            }
        });
    }
    // A mounted widget told not to keep anything warns before its page is
    // left with changes, and says so where the lab types.
    let opened_with = use_memo((), |_| state.decision.clone());
    let unsaved_changes = mode == Mode::Mounted && !props.saves && state.decision != *opened_with;
    {
        use_effect_with(unsaved_changes, move |&dirty| {
            let listener = dirty.then(|| {
                gloo::events::EventListener::new_with_options(
                    &gloo::utils::window(),
                    "beforeunload",
                    gloo::events::EventListenerOptions::enable_prevent_default(),
                    |e| {
                        if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                            e.prevent_default();
                            e.set_return_value("Your changes to the cloud provider decision are not kept.");
                        }
                    },
                )
            });
            move || drop(listener)
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

    // The provider shown in detail (the one in focus), its figures, range
    // and evidence ages; memoised on what they read, so a keystroke in a
    // note recomputes nothing else.
    let evaluation = state.evaluation();
    let focused = state.decision.in_detail().is_some();
    let figures = use_memo(evaluation.clone(), |e| e.figures());
    let range = use_memo(evaluation.clone(), |e| e.range());
    let ages = use_memo(evaluation.clone(), |e| Ages::of(e, &super::browser::today()));
    // The decision table and the radar read every provider's findings and
    // the shared settings, never the notes: keyed on those alone.
    let figures_key = FiguresKey::of(&state.decision);
    let table = {
        let decision = state.decision.clone();
        use_memo(figures_key.clone(), move |_| {
            let committee = Committee::of(&decision, &super::browser::today());
            (Rc::new(committee.rows()), Rc::new(committee.verdicts))
        })
    };
    let overlaid = Rc::new(state.overlaid());
    let series: Rc<Vec<(Rc<Profile>, Figures)>> = {
        let decision = state.decision.clone();
        use_memo((figures_key, overlaid.clone()), move |(_, ids)| {
            ids.iter()
                .filter_map(|id| decision.candidate(id))
                .map(|c| (Rc::clone(&c.profile), decision.evaluation(c).figures()))
                .collect()
        })
    };
    // The committee report prints the whole decision, notes included; it
    // follows the decision once edits pause, so typing never redraws it.
    let report = use_state(|| Rc::new(state.decision.clone()));
    {
        let report = report.clone();
        use_effect_with(state.decision.clone(), move |decision| {
            let decision = Rc::new(decision.clone());
            let timer = (*report != decision)
                .then(|| gloo::timers::callback::Timeout::new(REPORT_DELAY_MS, move || report.set(decision)));
            move || drop(timer)
        });
    }

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
    let detail = |content: Html| {
        if focused {
            content
        } else {
            html! {}
        }
    };
    let radar_and_gaps = html! {
        <>
            { part(Part::Radar, html! { <RadarChart series={series.clone()} range={focused.then(|| range.clone())} /> }) }
            { part(Part::Gaps, detail(html! { <GapList figures={figures.clone()} ages={ages.clone()} /> })) }
        </>
    };
    let parts = html! {
        <>
            { part(Part::Controls, html! {
                <>
                    if mode == Mode::Mounted && !props.saves {
                        <p class="cr-notice cr-warn" data-kind="info" data-testid="no-autosave-top">
                            { "This page asks the widget not to keep your work: it is lost when you leave. Download the decision file (Share and export) to keep it." }
                        </p>
                    }
                    <NoticeBanner />
                    <ProviderBar />
                    <HistoryPanel line={props.history_line.clone().unwrap_or_else(|| AttrValue::from(page_line()))} />
                </>
            }) }
            { part(Part::Decision, html! { <DecisionTable rows={table.0.clone()} verdicts={table.1.clone()} overlaid={overlaid.clone()} /> }) }
            { part(Part::Summary, html! {
                <>
                    <DetailHeader />
                    { detail(html! { <Summary figures={figures.clone()} range={range.clone()} ages={ages.clone()} /> }) }
                </>
            }) }
            // Side by side; a prerendered page has this section already.
            if prerendered.is_some() { { radar_and_gaps } } else { <section class="cr-grid">{ radar_and_gaps }</section> }
            { part(Part::Questions, html! { <QuestionList figures={figures.clone()} ages={ages.clone()} rows={drawn.rows} /> }) }
            { part(Part::Share, html! {
                <ShareBar figures={figures} range={range} series={series} saves={mode != Mode::Mounted || (props.saves && props.history_line.is_some())} />
            }) }
            { part(Part::Report, html! { <CommitteeReport decision={(*report).clone()} /> }) }
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

/// The line of work the page's own versions are kept on (the tab's).
fn page_line() -> String {
    super::history::tab_line()
}

/// How long the committee report waits for edits to pause before it
/// follows the decision.
const REPORT_DELAY_MS: u32 = 400;

/// What the decision table and the radar read: the shared settings and each
/// provider's profile and findings, not the notes (a note changes no
/// figure).
#[derive(Clone, PartialEq)]
struct FiguresKey {
    weights: crate::model::Weights,
    confirm: crate::model::decision::ConfirmInWriting,
    age: crate::model::age::EvidenceAge,
    providers: Vec<(Rc<Profile>, bool, Vec<Option<crate::model::Finding>>)>,
}

impl FiguresKey {
    fn of(d: &Decision) -> FiguresKey {
        FiguresKey {
            weights: d.weights,
            confirm: d.confirm,
            age: d.age.clone(),
            providers: d
                .candidates
                .iter()
                .map(|c| (Rc::clone(&c.profile), c.set_aside, c.record.findings.to_vec()))
                .collect(),
        }
    }
}

/// The stylesheet travels inside the wasm, so shadow roots and the offline
/// file carry it without any fetch; www/tools/build.rs minifies it.
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));
