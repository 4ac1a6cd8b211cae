//! The page entry point: mounts the widget where the page asks for it.

use wasm_bindgen::prelude::*;
use yew::Callback;

use crate::ui::{App, AppProps, Mode};

/// Runs when the wasm module starts. `index.html` and the offline file hold
/// `<main id="csp-radar-app">`; a page that only loads `embed.js` has none,
/// and mounts widgets through `CspRadar.mount` instead.
#[wasm_bindgen(start)]
pub fn start() {
    let Some(root) = gloo::utils::document().get_element_by_id("csp-radar-app") else { return };
    let search = gloo::utils::window().location().search().unwrap_or_default();
    let iframe = search.trim_start_matches('?').split('&').any(|p| p == "embed=1");
    let mode = if iframe { Mode::Iframe } else { Mode::Page };
    // A link shared from the wiki's iframe should open the full page, not
    // the compact one.
    let app_url = iframe.then(|| {
        let location = gloo::utils::window().location();
        format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default()).into()
    });
    // The built index.html and offline file hold the default evaluation
    // prerendered (see www/tools/postbuild.mjs). Clearing it and rendering
    // happen in this one task, so the browser never paints an empty page in
    // between.
    let prerendered = root.has_attribute("data-prerendered");
    if prerendered {
        root.set_text_content(None);
        let _ = root.remove_attribute("data-prerendered");
        let _ = root.remove_attribute("inert");
    }
    let props = AppProps { mode, start: None, profile_url: None, page: None, onchange: Callback::noop(), onready: Callback::noop(), app_url };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}
