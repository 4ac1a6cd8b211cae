//! The Yew widget. Data flows one way: `State` (the decision: shared
//! weights; providers, each a profile and the lab's record) → figures per
//! provider → the views below.

mod app;
pub mod browser;
mod editor;
mod gaps;
mod notice;
mod provider_bar;
mod questions;
mod radar;
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

/// The store of the enclosing widget. Only `App` mounts components, and it
/// always provides the context first.
#[hook]
pub fn use_store() -> Store {
    match use_context::<Store>() {
        Some(store) => store,
        None => unreachable!("components are only mounted inside App"),
    }
}
