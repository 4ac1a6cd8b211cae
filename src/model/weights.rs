//! How much each question matters to the lab (0..=5), and the presets.

use std::fmt;
use std::str::FromStr;

use super::catalog::QuestionId;

/// A question's weight, 0..=5. 0 means "not relevant to us".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Weight(u8);

impl Weight {
    pub const MAX: u8 = 5;

    /// `Some` for 0..=5.
    pub fn new(value: u64) -> Option<Weight> {
        (value <= u64::from(Self::MAX)).then_some(Weight(value as u8))
    }

    pub fn value(self) -> u32 {
        u32::from(self.0)
    }

    /// The digit character, for the share link.
    pub fn digit(self) -> char {
        char::from(b'0' + self.0)
    }

    /// Inverse of [`Weight::digit`].
    pub fn from_digit(c: char) -> Option<Weight> {
        c.to_digit(10).and_then(|d| Weight::new(u64::from(d)))
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One weight per question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Weights([Weight; QuestionId::COUNT]);

impl Weights {
    pub fn get(&self, q: QuestionId) -> Weight {
        self.0[q.index()]
    }

    pub fn set(&mut self, q: QuestionId, w: Weight) {
        self.0[q.index()] = w;
    }

    /// The same weights with one question changed.
    pub fn with(mut self, q: QuestionId, w: Weight) -> Weights {
        self.set(q, w);
        self
    }

    /// q1..q18 as 18 digits, e.g. `333333333333333333`.
    pub fn digits(&self) -> String {
        self.0.iter().map(|w| w.digit()).collect()
    }

    /// Inverse of [`Weights::digits`].
    pub fn from_digits(s: &str) -> Option<Weights> {
        let mut weights = [Weight::default(); QuestionId::COUNT];
        let mut chars = s.chars();
        for slot in &mut weights {
            *slot = Weight::from_digit(chars.next()?)?;
        }
        chars.next().is_none().then_some(Weights(weights))
    }

    /// Parses `3=5,14=0` on top of these weights (the CLI's `--weights`).
    pub fn with_assignments(mut self, spec: &str) -> Result<Weights, String> {
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (q, w) = part.split_once('=').ok_or_else(|| format!("'{part}' is not QUESTION=WEIGHT"))?;
            let q = q
                .trim()
                .trim_start_matches(['q', 'Q'])
                .parse::<u64>()
                .ok()
                .and_then(QuestionId::new)
                .ok_or_else(|| format!("'{q}' is not a question number 1..18"))?;
            let w = w
                .trim()
                .parse::<u64>()
                .ok()
                .and_then(Weight::new)
                .ok_or_else(|| format!("'{w}' is not a weight 0..5"))?;
            self.set(q, w);
        }
        Ok(self)
    }
}

impl Default for Weights {
    fn default() -> Self {
        Preset::Balanced.weights()
    }
}

/// Ready-made weightings for common kinds of lab (docs/scoring.md, weights and presets).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Preset {
    #[default]
    Balanced,
    Clinical,
    Research,
    Manufacturing,
}

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::Balanced, Preset::Clinical, Preset::Research, Preset::Manufacturing];

    pub fn id(self) -> &'static str {
        match self {
            Preset::Balanced => "balanced",
            Preset::Clinical => "clinical",
            Preset::Research => "research",
            Preset::Manufacturing => "manufacturing",
        }
    }

    /// What the picker shows.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Balanced => "Balanced",
            Preset::Clinical => "Clinical (e-PHI, CLIA/HIPAA)",
            Preset::Research => "Research (academic, no e-PHI)",
            Preset::Manufacturing => "Manufacturing (GMP/GLP QC, 21 CFR Part 11)",
        }
    }

    pub fn weights(self) -> Weights {
        let digits: [u8; QuestionId::COUNT] = match self {
            Preset::Balanced => [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
            Preset::Clinical => [3, 3, 4, 4, 5, 5, 5, 4, 4, 4, 4, 4, 4, 5, 4, 4, 4, 3],
            Preset::Research => [3, 4, 3, 3, 3, 3, 2, 3, 3, 3, 3, 2, 2, 0, 4, 4, 5, 2],
            Preset::Manufacturing => [4, 4, 4, 4, 3, 4, 5, 3, 4, 3, 4, 5, 5, 0, 4, 4, 4, 3],
        };
        Weights(digits.map(Weight))
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Preset {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Preset::ALL
            .into_iter()
            .find(|p| p.id() == s)
            .ok_or_else(|| format!("unknown preset '{s}' (expected balanced, clinical, research or manufacturing)"))
    }
}
