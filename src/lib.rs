//! csp-radar: weigh the 18 questions a lab should put to a cloud service
//! provider, score a provider profile, draw the risk radar and list the gaps.
//!
//! Layout: [`model`] is pure Rust (the CLI uses only it); `ui` holds the Yew
//! components; `app` and `embed` are the browser entry points.
#![forbid(unsafe_code)]

pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
mod page;
