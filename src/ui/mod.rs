//! The Yew widget. Data flows one way: `State` (the decision: shared
//! weights; providers, each a profile and the lab's record) → figures per
//! provider → the views below.

mod app;
pub mod browser;
mod decision_view;
mod editor;
mod gaps;
mod history;
mod notice;
mod provider_bar;
mod questions;
mod radar;
mod report;
pub mod share;
#[cfg(not(feature = "embed"))]
mod standalone;
pub mod state;
mod summary;

pub use app::{App, AppProps, Mode, Prerendered, ShareBase};

use yew::prelude::*;

use state::{Action, State};

/// The reducer handle, shared with every component through a context, and
/// the state's revision when it was taken.
#[derive(Clone)]
pub struct Store {
    pub state: UseReducerHandle<State>,
    revision: u64,
}

/// Taken at the same revision. Every action counts one (`State::reduce`), so
/// this is exact, and the context does not compare whole evaluations
/// (profiles, notes, undo history) on every dispatch.
impl PartialEq for Store {
    fn eq(&self, other: &Store) -> bool {
        self.revision == other.revision
    }
}

impl Store {
    pub fn new(handle: UseReducerHandle<State>) -> Store {
        let revision = handle.revision;
        Store { state: handle, revision }
    }

    pub fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }

    /// A callback that turns an event's value into an action.
    pub fn action<T: 'static>(&self, make: impl Fn(T) -> Action + 'static) -> Callback<T> {
        let handle = self.state.clone();
        Callback::from(move |v| handle.dispatch(make(v)))
    }
}

/// Returns focus to the control that opened something (a notice, the
/// editor, a comparison) when it closes: focus would otherwise fall to the
/// page's body, and a keyboard user would start again from the top.
/// `open` is whether the thing is shown; a component that exists only while
/// open passes `true`.
#[hook]
pub fn use_return_focus(open: bool) {
    let opener = use_mut_ref(|| None::<web_sys::HtmlElement>);
    let was_open = use_mut_ref(|| false);
    // Read while drawing, before the new content can take focus itself.
    if open && !*was_open.borrow() {
        *opener.borrow_mut() = browser::focused();
    }
    *was_open.borrow_mut() = open;
    use_effect_with(open, move |open| {
        let open = *open;
        move || {
            // Only when what was open closes: the cleanup of the closed
            // state runs after the render that recorded the opener.
            if open {
                let element = opener.borrow_mut().take();
                if let Some(element) = element {
                    browser::refocus(element);
                }
            }
        }
    });
}

/// The store of the enclosing widget. Only `App` mounts components, and it
/// always provides the context first.
#[hook]
pub fn use_store() -> Store {
    match use_context::<Store>() {
        Some(store) => store,
        None => unreachable!("components are only mounted inside App"),
    }
}
