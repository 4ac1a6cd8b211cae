//! The pure model: questions, statuses, weights, profiles, figures, links
//! and exports. No web crates; it builds and tests natively, and the CLI,
//! the widget and the embed API all stand on it.

pub mod age;
pub mod bidi;
pub mod bundled;
pub mod catalog;
pub mod committee;
pub mod confidence;
pub mod decision;
pub mod deflate;
pub mod diff;
pub mod draft;
pub mod escape;
pub mod export;
pub mod figures;
pub mod file;
pub mod history;
pub mod import;
pub mod input;
pub mod json;
pub mod link;
pub mod profile;
pub mod radar;
pub mod record;
pub mod status;
pub mod weights;

pub use catalog::{Domain, Question, QuestionId};
pub use decision::{Candidate, Decision};
pub use figures::{Band, Evaluation, Figures, Ratio};
pub use link::LinkError;
pub use profile::{Checked, Issue, Profile, Rejected};
pub use record::{Basis, Finding, Record};
pub use status::Status;
pub use weights::{Preset, Weight, Weights};

/// Sorts a short slice (the 18 questions' gaps, a Huffman code's symbols)
/// by insertion. The standard library's sort is far faster on large inputs
/// but brings about 4 KB of generic machinery into the wasm per call site;
/// here `n` is at most a few hundred.
pub(crate) fn sort_short<T>(v: &mut [T], mut before: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && before(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}
