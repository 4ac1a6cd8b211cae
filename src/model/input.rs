//! One reader for anything a lab hands the widget or the CLI: a decision
//! (or version 1 evaluation) file, a provider profile, or a LIMSWiki
//! provider page, told apart by what the text is, not by a guess at its
//! first characters. The widget's file picker, drop and paste box, the
//! embed and the CLI all call [`read`].

use super::file::{self, Opened};
use super::import::{self, ImportError, Imported};
use super::json::{self, Value};
use super::profile::{Checked, Profile, Rejected};

/// What a text turned out to be, and what reading it gave.
#[derive(Debug)]
pub enum Read {
    Decision(Result<Box<Opened>, Rejected>),
    Profile(Result<Box<Checked>, Rejected>),
    Page(Result<Box<Imported>, ImportError>),
}

impl Read {
    /// What the text was read as, in a lab's words.
    pub fn what(&self) -> &'static str {
        match self {
            Read::Decision(_) => "decision file",
            Read::Profile(_) => "profile",
            Read::Page(_) => "provider page",
        }
    }
}

/// Reads a text. `json` says the text must be JSON whatever it holds (a file
/// named `.json`): its broken syntax is then shown where it is broken,
/// rather than the text being taken for a provider page.
pub fn read(text: &str, json: bool) -> Read {
    if !(json || import::looks_like_json(text)) {
        return Read::Page(import::import(text, None).map(Box::new));
    }
    // The whole document decides, not its first characters: a decision file
    // whose keys were sorted (`"format"` far down) is still a decision file.
    if text.len() <= file::MAX_BYTES {
        match json::parse(text) {
            Ok(root) => {
                if let Some(Value::String(format)) = root.value.get("format").map(|n| &n.value) {
                    if file::is_decision_format(format) {
                        return Read::Decision(file::read_node(&root).map(Box::new));
                    }
                }
            }
            // Broken JSON that names our decision format is a broken
            // decision file, not a broken profile.
            Err(_) if names_decision_format(text) => return Read::Decision(file::read(text).map(Box::new)),
            Err(_) => {}
        }
    } else if names_decision_format(text) {
        return Read::Decision(file::read(text).map(Box::new));
    }
    Read::Profile(Profile::parse(text).map(Box::new))
}

fn names_decision_format(text: &str) -> bool {
    [file::FORMAT, file::FORMAT_V1].iter().any(|f| text.contains(&format!("\"{f}\"")))
}
