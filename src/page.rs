//! The page entry point: mounts the widget where the page asks for it.

use wasm_bindgen::prelude::*;
use yew::Callback;

use crate::ui::{App, AppProps, Mode, Prerendered};

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
    // The built index.html and offline file hold the default decision
    // prerendered (see www/tools/postbuild.mjs). When the page shows it (no
    // shared link or saved evaluation to open: those hide it, `cr-restoring`),
    // the app takes it over part by part (`ui::app::TAKEOVER`) and is
    // mounted off the page, drawing each part into its prerendered holder.
    // Otherwise the prerender is cleared and the app drawn in its place, in
    // this one task, so the browser never paints an empty page in between.
    let document = gloo::utils::document();
    let restoring = document.document_element().is_some_and(|e| e.class_name().split(' ').any(|c| c == "cr-restoring"));
    let prerendered = root.has_attribute("data-prerendered");
    let adopted = (prerendered && !restoring && mode == Mode::Page).then(|| Prerendered::find(&root)).flatten();
    let mount = match (&adopted, document.create_element("div")) {
        (Some(_), Ok(offstage)) => offstage,
        _ => {
            if prerendered {
                root.set_text_content(None);
                let _ = root.remove_attribute("data-prerendered");
            }
            root
        }
    };
    let taking_over = adopted.is_some();
    let props = AppProps {
        mode,
        start: None,
        profile_url: None,
        page: None,
        onchange: Callback::noop(),
        onready: Callback::noop(),
        app_url,
        prerendered: adopted,
        history_line: None,
        saves: true,
    };
    let render = move || drop(yew::Renderer::<App>::with_root_and_props(mount, props).render());
    if taking_over {
        // The prerender stays on screen, so the app's first render (its
        // state, from storage and the bundled profile) can wait a task:
        // the wasm's own start-up is then a task of its own, not part of
        // one long one.
        gloo::timers::callback::Timeout::new(0, render).forget();
    } else {
        render();
    }
}
