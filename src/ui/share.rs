//! Taking an evaluation away: the share link, downloads, print.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::radar::build;
use super::use_store;
use crate::model::export::Format;
use crate::model::{Figures, Profile};

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    pub figures: Rc<Figures>,
    pub compared: Rc<Vec<(Rc<Profile>, Figures)>>,
}

/// A file name a lab can file away: `csp-radar-tencent-cloud.csv`.
fn file_name(provider: &str, ext: &str) -> String {
    format!("csp-radar-{provider}.{ext}")
}

#[function_component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let store = use_store();
    let state = &*store.0;
    let base = use_context::<super::ShareBase>().and_then(|b| b.0).map_or_else(browser::base_url, |u| u.to_string());
    let link = format!("{base}#{}", state.link());
    let field = use_node_ref();
    let copied = use_state(|| false);

    let oncopy = {
        let link = link.clone();
        let field = field.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy(&link, field.cast());
            copied.set(true);
        })
    };
    let export = |format: Format| {
        let evaluation = state.evaluation.clone();
        Callback::from(move |_: MouseEvent| {
            let (ext, mime) = format.file_type();
            browser::download(&file_name(&evaluation.profile.provider.id, ext), mime, &format.render(&evaluation));
        })
    };
    let onsvg = {
        let profile = state.evaluation.profile.clone();
        let figures = props.figures.clone();
        let compared = props.compared.clone();
        Callback::from(move |_: MouseEvent| {
            let svg = build(&profile, &figures, &compared).to_svg(&format!("Risk radar: {}", profile.provider.name));
            browser::download(&file_name(&profile.provider.id, "svg"), "image/svg+xml", &svg);
        })
    };
    let onprint = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let buttons = [
        (Format::Json, "export-json", "Evaluation (JSON)"),
        (Format::Csv, "export-csv", "Spreadsheet (CSV)"),
        (Format::Markdown, "export-md", "Report (Markdown)"),
        (Format::Wikitext, "export-wikitext", "Wiki page (wikitext)"),
    ];
    html! {
        <section class="cr-share" aria-labelledby="cr-share-title">
            <h2 id="cr-share-title">{ "Share and export" }</h2>
            <div class="cr-field cr-link">
                <label for="cr-share-link">{ "Link to this evaluation (weights, findings and notes travel in it; nothing is uploaded)" }</label>
                <div class="cr-link-row">
                    <input id="cr-share-link" ref={field} type="text" readonly=true value={link} data-testid="share-link" />
                    <button type="button" class="cr-btn cr-btn-primary" data-testid="copy-link" onclick={oncopy}>{ "Copy link" }</button>
                    <span class="cr-copied" role="status">{ if *copied { "Copied." } else { "" } }</span>
                </div>
            </div>
            <div class="cr-exports" role="group" aria-label="Download">
                { for buttons.into_iter().map(|(format, testid, label)| html! {
                    <button type="button" class="cr-btn" data-testid={testid} onclick={export(format)}>{ label }</button>
                }) }
                <button type="button" class="cr-btn" data-testid="export-svg" onclick={onsvg}>{ "Radar (SVG)" }</button>
                <button type="button" class="cr-btn" onclick={onprint}>{ "Print / PDF" }</button>
            </div>
        </section>
    }
}
