//! What public information says about one question, and the risk it carries.

use std::fmt;
use std::str::FromStr;

/// A provider's answer status (docs/scoring.md, risk per status).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Public evidence that the need is met.
    Documented,
    /// Some public evidence; the rest must be confirmed with the provider.
    Partial,
    /// No public information; ask the provider.
    Undisclosed,
    /// Public evidence of a problem (incident, refusal, lack).
    Adverse,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Documented, Status::Partial, Status::Undisclosed, Status::Adverse];

    /// Risk points, 0..=100.
    pub fn risk(self) -> u32 {
        match self {
            Status::Documented => 0,
            Status::Partial => 50,
            Status::Undisclosed => 75,
            Status::Adverse => 100,
        }
    }

    /// The id used in profiles and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Status::Documented => "documented",
            Status::Partial => "partial",
            Status::Undisclosed => "undisclosed",
            Status::Adverse => "adverse",
        }
    }

    /// One letter, for the share link.
    pub fn letter(self) -> char {
        match self {
            Status::Documented => 'd',
            Status::Partial => 'p',
            Status::Undisclosed => 'u',
            Status::Adverse => 'a',
        }
    }

    /// Inverse of [`Status::letter`].
    pub fn from_letter(c: char) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.letter() == c)
    }

    /// What the status means, for tooltips and reports.
    pub fn meaning(self) -> &'static str {
        match self {
            Status::Documented => "public evidence that the need is met",
            Status::Partial => "some public evidence; confirm the rest with the provider",
            Status::Undisclosed => "no public information; ask the provider",
            Status::Adverse => "public evidence of a problem",
        }
    }

    /// Whether the status rests on public facts (it counts toward coverage).
    pub fn is_evidenced(self) -> bool {
        matches!(self, Status::Documented | Status::Adverse)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Status {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Status::ALL.into_iter().find(|st| st.id() == s).ok_or(())
    }
}
