//! Component tests in headless Chromium (wasm-bindgen-test): mount the
//! widget, act on it like a user, flush, and read the figures from the DOM.
#![cfg(target_arch = "wasm32")]

use csp_radar::model::Decision;
use csp_radar::ui::{App, AppProps, Mode, Prerendered};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

const FICTIONAL: &str = include_str!("fixtures/profiles/example-fictional.json");

/// Tencent Cloud alone: the decision most tests start from.
const TENCENT: &str = "CSPR:2/p:tencent-cloud";

async fn mount(link: &str) -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let start = Decision::from_fragment(if link.is_empty() { TENCENT } else { link }).unwrap();
    let props = AppProps {
        mode: Mode::Mounted,
        start: Some(start),
        profile_url: None,
        page: None,
        onchange: Callback::noop(),
        onready: Callback::noop(),
        app_url: None,
        prerendered: None,
        history_line: None,
        saves: true,
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    // The question rows follow the first paint.
    gloo::timers::future::TimeoutFuture::new(5).await;
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"))
}

fn value(root: &Element, selector: &str) -> String {
    find(root, selector).get_attribute("data-value").unwrap_or_default()
}

fn overall(root: &Element) -> (String, String) {
    let el = find(root, "[data-testid=overall-risk]");
    (el.get_attribute("data-value").unwrap(), el.get_attribute("data-band").unwrap())
}

fn gaps(root: &Element) -> Vec<(String, String)> {
    let list = root.query_selector_all("[data-testid=gap-item]").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .map(|e| (e.get_attribute("data-question").unwrap(), e.get_attribute("data-points").unwrap()))
        .collect()
}

fn fire(target: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = if kind == "input" {
        web_sys::InputEvent::new_with_event_init_dict(kind, &{
            let i = web_sys::InputEventInit::new();
            i.set_bubbles(true);
            i
        })
        .unwrap()
        .unchecked_into()
    } else {
        web_sys::Event::new_with_event_init_dict(kind, &init).unwrap()
    };
    target.dispatch_event(&event).unwrap();
}

async fn select(root: &Element, selector: &str, value: &str) {
    let el = find(root, selector);
    el.clone().unchecked_into::<HtmlSelectElement>().set_value(value);
    fire(&el, "change");
    yew::scheduler::flush().await;
}

async fn set_weight(root: &Element, q: u8, w: &str) {
    let el = find(root, &format!("[data-testid=weight-input][data-question=\"{q}\"]"));
    el.clone().unchecked_into::<HtmlInputElement>().set_value(w);
    fire(&el, "input");
    yew::scheduler::flush().await;
}

async fn paste(root: &Element, text: &str) {
    find(root, "[data-testid=profile-paste]").unchecked_into::<HtmlTextAreaElement>().set_value(text);
    find(root, "[data-testid=profile-paste-apply]").unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn shows_the_golden_tencent_figures() {
    let root = mount("").await;
    assert_eq!(overall(&root), ("56.9".into(), "high".into()));
    assert_eq!(value(&root, "[data-testid=coverage]"), "16.7");
    assert_eq!(value(&root, "[data-testid=domain-score][data-domain=availability]"), "83.3");
    assert_eq!(value(&root, "[data-testid=domain-score][data-domain=security]"), "41.7");
    let g = gaps(&root);
    assert_eq!(g.len(), 16);
    assert_eq!(g[0], ("3".into(), "5.6".into()));
    assert_eq!(root.query_selector_all("[data-testid=weight-input]").unwrap().length(), 18);
    assert_eq!(root.query_selector_all("[data-testid=radar-series]").unwrap().length(), 1);
    assert_eq!(root.query_selector_all("[data-testid=radar] .cr-ring").unwrap().length(), 4);
}

#[wasm_bindgen_test]
async fn preset_and_weights_change_the_figures() {
    let root = mount("").await;
    select(&root, "[data-testid=preset-select]", "clinical").await;
    assert_eq!(overall(&root), ("57.2".into(), "high".into()));
    // research, then q3 to 5 and q14 stays 0: 3000/54 = 55.6.
    select(&root, "[data-testid=preset-select]", "research").await;
    assert_eq!(overall(&root).0, "53.8");
    set_weight(&root, 3, "5").await;
    assert_eq!(overall(&root).0, "55.6");
    // An out-of-range value is ignored, not clamped or crashed on.
    set_weight(&root, 3, "9").await;
    assert_eq!(overall(&root).0, "55.6");
    // Weight 0 on all of compliance makes the domain n/a.
    set_weight(&root, 7, "0").await;
    assert_eq!(value(&root, "[data-testid=domain-score][data-domain=compliance]"), "n/a");
    assert!(find(&root, "[data-testid=radar] .cr-axis[data-na][data-domain=compliance]").is_connected());
    assert!(!gaps(&root).iter().any(|(q, _)| q == "7"));
}

#[wasm_bindgen_test]
async fn a_finding_replaces_the_status_and_is_marked() {
    let root = mount("").await;
    select(&root, "[data-testid=finding-status][data-question=\"3\"]", "documented").await;
    // (3075 − 300)/54 = 51.4; coverage unchanged (q3 was adverse, now documented).
    assert_eq!(overall(&root).0, "51.4");
    assert!(!gaps(&root).iter().any(|(q, _)| q == "3"));
    select(&root, "[data-testid=finding-status][data-question=\"14\"]", "adverse").await;
    let first = find(&root, "[data-testid=gap-item]");
    assert_eq!(first.get_attribute("data-question").as_deref(), Some("14"));
    assert!(first.text_content().unwrap().contains("your finding"));
    // Named by what it is, with its provider; its basis is still to be said.
    let said = find(&root, "[data-testid=info-banner]").text_content().unwrap();
    assert!(said.contains("Tencent Cloud, Q14: adverse — basis not stated"), "{said}");
    // Back to what the profile says.
    select(&root, "[data-testid=finding-status][data-question=\"14\"]", "").await;
    select(&root, "[data-testid=finding-status][data-question=\"3\"]", "").await;
    assert_eq!(overall(&root).0, "56.9");
}

#[wasm_bindgen_test]
async fn a_broken_paste_shows_where_and_keeps_the_evaluation() {
    let root = mount("CSPR:2/p:tencent-cloud/s:clinical").await;
    paste(&root, "{\"format\": \"csp-risk-profile\",\n \"version\": 1,\n \"provider\": {\"id\": \"BAD\", \"name\": \"x\"}, \"answers\": []}").await;
    let banner = find(&root, "[data-testid=error-banner]");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap();
    assert!(text.contains("line 3, column 21") && text.contains("/provider/id"), "{text}");
    assert_eq!(overall(&root).0, "57.2", "the evaluation is untouched");
    paste(&root, "{ not json at all").await;
    assert!(find(&root, "[data-testid=error-banner]").text_content().unwrap().contains("line 1, column 3"));
    assert_eq!(overall(&root).0, "57.2");
    // Text that is not JSON is read as a provider page: this one is not.
    paste(&root, "Our lab meeting notes. What is the plan?").await;
    let text = find(&root, "[data-testid=error-banner]").text_content().unwrap();
    assert!(text.contains("provider research page") && text.contains("found none of the 18 questions"), "{text}");
    assert_eq!(overall(&root).0, "57.2");
}

#[wasm_bindgen_test]
async fn loading_a_profile_can_be_undone_and_compared() {
    let root = mount("").await;
    paste(&root, FICTIONAL).await;
    // Example Cloud (fictional) under balanced: 1575/54 = 29.2 moderate.
    assert_eq!(overall(&root), ("29.2".into(), "moderate".into()));
    // It joins Tencent Cloud in the decision, in focus: two series, two
    // legend entries, two rows in the decision table.
    assert_eq!(root.query_selector_all("[data-testid=radar-series]").unwrap().length(), 2);
    assert_eq!(root.query_selector_all(".cr-legend li").unwrap().length(), 2);
    assert_eq!(root.query_selector_all("[data-testid=decision-row]").unwrap().length(), 2);
    find(&root, "[data-testid=undo]").unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(overall(&root).0, "56.9");
    assert_eq!(root.query_selector_all("[data-testid=radar-series]").unwrap().length(), 1);
}

#[wasm_bindgen_test]
async fn citations_are_safe_links_and_profile_text_is_inert() {
    let hostile = FICTIONAL.replacen("Example Cloud (fictional)", "<img src=x onerror=alert(1)>", 1);
    let root = mount("").await;
    paste(&root, &hostile).await;
    assert!(root.query_selector("img").unwrap().is_none(), "markup in profile text is never HTML");
    assert!(root.text_content().unwrap().contains("<img src=x onerror=alert(1)>"));
    let links = root.query_selector_all(".cr-citations a").unwrap();
    assert!(links.length() > 0);
    for i in 0..links.length() {
        let a: Element = links.item(i).unwrap().unchecked_into();
        let href = a.get_attribute("href").unwrap();
        assert!(href.starts_with("https://") || href.starts_with("http://"), "{href}");
        assert_eq!(a.get_attribute("target").as_deref(), Some("_blank"));
        assert_eq!(a.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    }
}

/// A prerendered page (index.html, the offline file) is taken over part by
/// part: each part replaces its inert prerendered copy, nothing is shown
/// twice, the heading stays the node first painted, and the live widget
/// answers input.
#[wasm_bindgen_test]
async fn takes_over_a_prerendered_page() {
    // The markup the build prerenders: the default evaluation, drawn fresh,
    // without its rows and with every part inert (www/tools/postbuild.mjs).
    let drawn = mount("").await;
    let document = gloo::utils::document();
    let host = document.create_element("main").unwrap();
    host.set_attribute("data-prerendered", "").unwrap();
    host.set_inner_html(&drawn.inner_html());
    drawn.remove();
    find(&host, ".cr-questions").remove();
    let parts = host.query_selector_all(".cr-part").unwrap();
    assert_eq!(parts.length(), 8, "every part has a holder");
    for i in 0..parts.length() {
        parts.item(i).unwrap().unchecked_into::<Element>().set_attribute("inert", "").unwrap();
    }
    document.body().unwrap().append_child(&host).unwrap();
    let heading = find(&host, ".cr-title");

    let prerendered = Prerendered::find(&host).expect("the prerendered page is recognised");
    let offstage = document.create_element("div").unwrap();
    let props = AppProps {
        mode: Mode::Mounted,
        start: Some(Decision::from_fragment(TENCENT).unwrap()),
        profile_url: None,
        page: None,
        onchange: Callback::noop(),
        onready: Callback::noop(),
        app_url: None,
        prerendered: Some(prerendered),
        history_line: None,
        saves: true,
    };
    yew::Renderer::<App>::with_root_and_props(offstage, props).render();
    let mut steps = 0;
    while host.has_attribute("data-prerendered") && steps < 60 {
        yew::scheduler::flush().await;
        gloo::timers::future::TimeoutFuture::new(2).await;
        steps += 1;
    }
    assert!(!host.has_attribute("data-prerendered"), "the take-over finished");
    assert!(steps > 5, "it took several tasks, not one ({steps})");
    assert_eq!(host.query_selector_all("[inert]").unwrap().length(), 0, "nothing is left inert");
    for selector in [
        ".cr-controls",
        "[data-testid=overall-risk]",
        ".cr-radar",
        ".cr-gaps",
        ".cr-questions",
        ".cr-share",
        ".cr-title",
    ] {
        assert_eq!(host.query_selector_all(selector).unwrap().length(), 1, "{selector} is shown once");
    }
    assert_eq!(host.query_selector_all("[data-testid=weight-input]").unwrap().length(), 18);
    assert!(find(&host, ".cr-title") == heading, "the heading is the prerendered node");
    assert_eq!(overall(&host), ("56.9".to_owned(), "high".to_owned()));
    set_weight(&host, 3, "0").await;
    assert_ne!(overall(&host).0, "56.9", "the live widget answers a weight change");
}

fn text_of(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

async fn type_note(root: &Element, q: u8, text: &str) {
    let el = find(root, &format!("[data-testid=note-input][data-question=\"{q}\"]"));
    el.clone().unchecked_into::<HtmlTextAreaElement>().set_value(text);
    fire(&el, "input");
    yew::scheduler::flush().await;
}

/// A record belongs to its provider: a finding and a note made for AWS stay
/// AWS's when Azure is put in focus, move no figure of Azure's, and come
/// back with AWS; every control shows whose record it edits.
#[wasm_bindgen_test]
async fn a_finding_stays_with_the_provider_it_was_made_for() {
    let root = mount("CSPR:2/p:aws,microsoft-azure/s:clinical").await;
    select(&root, "[data-testid=provider-select]", "microsoft-azure").await;
    let azure_before = overall(&root);
    select(&root, "[data-testid=provider-select]", "aws").await;
    assert!(text_of(&root, "label[for=cr-q14-finding]").contains("Amazon Web Services"));
    select(&root, "[data-testid=finding-status][data-question=\"14\"]", "documented").await;
    select(&root, "[data-testid=finding-basis][data-question=\"14\"]", "provider").await;
    type_note(&root, 14, "Signed BAA received").await;
    let aws_with_finding = overall(&root);
    select(&root, "[data-testid=provider-select]", "microsoft-azure").await;
    assert_eq!(overall(&root), azure_before, "Azure's figure does not move");
    assert!(text_of(&root, "label[for=cr-q14-finding]").contains("Microsoft Azure"));
    let status: HtmlSelectElement = find(&root, "[data-testid=finding-status][data-question=\"14\"]").unchecked_into();
    assert_eq!(status.value(), "", "Azure has no finding on Q14");
    let note: HtmlTextAreaElement = find(&root, "[data-testid=note-input][data-question=\"14\"]").unchecked_into();
    assert_eq!(note.value(), "", "nor AWS's note");
    select(&root, "[data-testid=provider-select]", "aws").await;
    assert_eq!(overall(&root), aws_with_finding);
    let status: HtmlSelectElement = find(&root, "[data-testid=finding-status][data-question=\"14\"]").unchecked_into();
    assert_eq!(status.value(), "documented");
    let note: HtmlTextAreaElement = find(&root, "[data-testid=note-input][data-question=\"14\"]").unchecked_into();
    assert_eq!(note.value(), "Signed BAA received");
}

/// Confirm in writing: under clinical weights the questions weighted 5 are
/// asked of every provider, even where public pages say documented, until a
/// dated, referenced finding from the provider is recorded.
#[wasm_bindgen_test]
async fn questions_to_confirm_in_writing_are_listed_until_the_provider_confirms() {
    let root = mount("CSPR:2/p:aws/s:clinical").await;
    let items = |root: &Element| {
        let list = root.query_selector_all("[data-testid=confirm-item]").unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .map(|e| e.get_attribute("data-question").unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(items(&root), ["5", "6", "7", "14"]);
    let before = overall(&root);
    select(&root, "[data-testid=finding-status][data-question=\"14\"]", "documented").await;
    select(&root, "[data-testid=finding-basis][data-question=\"14\"]", "provider").await;
    assert!(items(&root).contains(&"14".to_owned()), "no date and reference yet");
    let date = find(&root, "[data-testid=finding-date][data-question=\"14\"]");
    date.clone().unchecked_into::<HtmlInputElement>().set_value("2026-12-07");
    fire(&date, "change");
    let reference = find(&root, "[data-testid=finding-reference][data-question=\"14\"]");
    reference.clone().unchecked_into::<HtmlInputElement>().set_value("signed BAA");
    fire(&reference, "input");
    yew::scheduler::flush().await;
    assert_eq!(items(&root), ["5", "6", "7"]);
    // The lab adds a question; the figures never move for confirmations.
    let toggle = find(&root, "[data-testid=confirm-toggle][data-question=\"2\"]");
    toggle.clone().unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(items(&root), ["2", "5", "6", "7"]);
    let words = text_of(&root, "[data-testid=finding-words]");
    assert!(words.contains("Amazon Web Services, Q14: documented — signed BAA, provider, 2026-12-07"), "{words}");
    // AWS's public pages already say documented: the finding moves nothing, and says so.
    assert!(words.contains("No change to the figure: the profile already counts it as documented"), "{words}");
    assert_eq!(overall(&root), before);
}

fn rows(root: &Element) -> Vec<(String, String)> {
    let list = root.query_selector_all("[data-testid=decision-row]").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .map(|e| (e.get_attribute("data-provider").unwrap(), e.get_attribute("data-value").unwrap()))
        .collect()
}

/// The decision view: four providers ranked least risky first with a
/// verdict between each pair of neighbours, no provider singled out until a
/// name is clicked; a provider unticked leaves the table, ticked comes back.
#[wasm_bindgen_test]
async fn the_decision_opens_neutral_and_ranks_every_provider() {
    let root = mount("CSPR:2").await;
    let ranked = rows(&root);
    assert_eq!(ranked.len(), 4);
    let values: Vec<f64> = ranked.iter().map(|(_, v)| v.parse().unwrap()).collect();
    assert!(values.windows(2).all(|w| w[0] <= w[1]), "least risky first: {ranked:?}");
    assert_eq!(ranked.iter().find(|(id, _)| id == "tencent-cloud").map(|(_, v)| v.as_str()), Some("56.9"));
    let verdicts = root.query_selector_all("[data-testid=decision-verdict]").unwrap();
    assert_eq!(verdicts.length(), 3, "one verdict between each pair of neighbours");
    // No provider singled out: no overall figure, no gaps, the hint instead.
    assert!(root.query_selector("[data-testid=overall-risk]").unwrap().is_none());
    assert!(root.query_selector("[data-testid=detail-hint]").unwrap().is_some());
    assert_eq!(root.query_selector_all("[data-testid=weight-input]").unwrap().length(), 18);
    assert_eq!(root.query_selector_all("[data-testid=radar-series]").unwrap().length(), 4);
    // A name puts that provider in focus.
    find(&root, "[data-testid=focus-provider][data-provider=tencent-cloud]").unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(overall(&root).0, "56.9");
    assert_eq!(gaps(&root).len(), 16);
    // Unticked, it leaves the table; the others' figures do not move.
    let others: Vec<(String, String)> = rows(&root).into_iter().filter(|(id, _)| id != "tencent-cloud").collect();
    let toggle = find(&root, "[data-testid=provider-toggle][data-provider=tencent-cloud]");
    toggle.clone().unchecked_into::<HtmlInputElement>().set_checked(false);
    fire(&toggle, "change");
    yew::scheduler::flush().await;
    assert_eq!(rows(&root), others);
    let toggle = find(&root, "[data-testid=provider-toggle][data-provider=tencent-cloud]");
    toggle.clone().unchecked_into::<HtmlInputElement>().set_checked(true);
    fire(&toggle, "change");
    yew::scheduler::flush().await;
    assert_eq!(rows(&root).len(), 4);
}
