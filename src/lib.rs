//! csp-radar: weigh the 18 questions a lab should put to a cloud service
//! provider, score a provider profile, draw the risk radar and list the gaps.
//!
//! Layout: [`model`] is pure Rust (the CLI uses only it); `ui` holds the Yew
//! components; `page` and `embed` are the browser entry points, each its own
//! bundle: `page` (no features) starts the app in `index.html` and the offline
//! file, `embed` (feature `embed`) is the `CspRadar.mount` API `embed.js`
//! loads on host pages.
#![forbid(unsafe_code)]
// The widget never panics on input (a wasm panic kills it): no unwrap or
// expect outside tests. Tests may.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod model;

/// Talc in place of Rust's default wasm allocator (dlmalloc): less code in
/// the bundle, and faster.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(all(target_arch = "wasm32", feature = "embed"))]
pub mod embed;
#[cfg(all(target_arch = "wasm32", not(feature = "embed")))]
mod page;
