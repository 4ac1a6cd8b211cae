//! How far to trust a figure (docs/scoring.md, ranges and rankings): the range the unknowns
//! leave open, and whether a ranking of two providers survives other
//! weights and whatever the unknowns turn out to be. Exact, like every
//! figure: each case is `Figures::compute` over other statuses or weights.

use std::cmp::Ordering;

use super::catalog::QuestionId;
use super::figures::{Evaluation, Figures, Ratio};
use super::status::Status;
use super::weights::{Preset, Weight, Weights};

/// The figures if every effective `partial` and `undisclosed` answer turned
/// out `documented` (best) or `adverse` (worst); documented and adverse
/// answers stay as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Range {
    pub best: Figures,
    pub worst: Figures,
}

impl Range {
    pub fn of(weights: &Weights, status: impl Fn(QuestionId) -> Status) -> Range {
        let settled = |to: Status| {
            let status = &status;
            move |q: QuestionId| match status(q) {
                Status::Partial | Status::Undisclosed => to,
                known => known,
            }
        };
        Range {
            best: Figures::compute(weights, settled(Status::Documented), |_| false),
            worst: Figures::compute(weights, settled(Status::Adverse), |_| false),
        }
    }
}

impl Evaluation {
    /// The range of every figure of this evaluation (overrides count).
    pub fn range(&self) -> Range {
        Range::of(&self.weights, |q| self.status(q))
    }
}

/// Which of two providers is less risky overall.
fn order(a: Option<Ratio>, b: Option<Ratio>) -> Option<Ordering> {
    Some(a?.cmp(&b?))
}

/// A one-step weight change: a question's weight one up or down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub question: QuestionId,
    pub weight: Weight,
}

/// Whether the order of the evaluated provider and a compared one holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stability {
    /// The evaluated provider against the compared one under the lab's
    /// weights: `Less` means the evaluated one is less risky. `None` when
    /// nothing is weighted.
    pub order: Option<Ordering>,
    /// The presets under which the order differs.
    pub presets_against: Vec<Preset>,
    /// How many one-step weight changes there are (at most 36).
    pub steps: usize,
    /// The first one-step change (by question, down before up) that
    /// changes the order.
    pub first_flip: Option<Step>,
    /// Whether the order holds whatever the unknowns turn out to be: the
    /// riskier one's best is above the other's worst.
    pub unknowns_hold: bool,
}

impl Stability {
    /// `statuses_a` are the evaluated provider's effective statuses (with
    /// the lab's overrides), `b` the compared profile's.
    pub fn of(weights: &Weights, a: impl Fn(QuestionId) -> Status, b: impl Fn(QuestionId) -> Status) -> Stability {
        let overall = |w: &Weights| {
            let fa = Figures::compute(w, &a, |_| false).overall;
            let fb = Figures::compute(w, &b, |_| false).overall;
            order(fa, fb)
        };
        let now = overall(weights);
        let presets_against = Preset::ALL.into_iter().filter(|p| overall(&p.weights()) != now).collect();
        let mut steps = 0;
        let mut first_flip = None;
        for question in QuestionId::all() {
            let w = u64::from(weights.get(question).value());
            for changed in [w.checked_sub(1), Some(w + 1)].into_iter().flatten() {
                let Some(weight) = Weight::new(changed) else { continue };
                steps += 1;
                let mut varied = *weights;
                varied.set(question, weight);
                if first_flip.is_none() && overall(&varied) != now {
                    first_flip = Some(Step { question, weight });
                }
            }
        }
        let ra = Range::of(weights, &a);
        let rb = Range::of(weights, &b);
        let unknowns_hold = match now {
            Some(Ordering::Less) => order(ra.worst.overall, rb.best.overall) == Some(Ordering::Less),
            Some(Ordering::Greater) => order(rb.worst.overall, ra.best.overall) == Some(Ordering::Less),
            _ => false,
        };
        Stability { order: now, presets_against, steps, first_flip, unknowns_hold }
    }

    /// One sentence a lab can read: "Tencent Cloud is riskier than Vellum
    /// under all 4 presets and every one-step weight change; the unknowns
    /// could still reverse it."
    pub fn sentence(&self, a: &str, b: &str) -> String {
        let relation = match self.order {
            None => return format!("{a} and {b} cannot be ranked: no question is weighted."),
            Some(Ordering::Less) => "less risky than",
            Some(Ordering::Greater) => "riskier than",
            Some(Ordering::Equal) => "as risky as",
        };
        let held = Preset::ALL.len() - self.presets_against.len();
        let presets = match self.presets_against.as_slice() {
            [] => format!("under all {} presets", Preset::ALL.len()),
            against if held == 0 => format!("under none of the presets ({})", ids(against)),
            against => format!("under {held} of {} presets (not {})", Preset::ALL.len(), ids(against)),
        };
        let steps = match self.first_flip {
            None => format!("all {} one-step weight changes", self.steps),
            Some(s) => {
                format!("one-step weight changes until question {}'s weight goes to {}", s.question.number(), s.weight)
            }
        };
        let unknowns =
            if self.unknowns_hold { "the unknowns cannot reverse it" } else { "the unknowns could still reverse it" };
        format!("{a} is {relation} {b} {presets} and {steps}; {unknowns}.")
    }
}

fn ids(presets: &[Preset]) -> String {
    presets.iter().map(|p| p.id()).collect::<Vec<_>>().join(", ")
}
