//! The pure model: questions, statuses, weights, profiles, figures, links
//! and exports. No web crates; it builds and tests natively, and the CLI,
//! the widget and the embed API all stand on it.

pub mod bundled;
pub mod catalog;
pub mod deflate;
pub mod export;
pub mod figures;
pub mod json;
pub mod link;
pub mod profile;
pub mod radar;
pub mod status;
pub mod weights;

pub use catalog::{Domain, Question, QuestionId};
pub use figures::{Band, Evaluation, Figures, Ratio};
pub use link::{LinkError, ShareLink};
pub use profile::{Checked, Issue, Profile, Rejected};
pub use status::Status;
pub use weights::{Preset, Weight, Weights};
