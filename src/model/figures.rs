//! The figures (docs/scoring.md), computed exactly as fractions and rounded
//! (half away from zero, one decimal) only when shown or exported.

use std::cmp::Ordering;
use std::fmt;
use std::rc::Rc;

use super::age::EvidenceAge;
use super::catalog::{Domain, QuestionId};
use super::profile::Profile;
use super::record::{Finding, Record};
use super::status::Status;
use super::weights::{Preset, Weight, Weights};

/// An exact non-negative fraction. Numerators stay small (≤ 18·5·100·…),
/// so `u64` never overflows.
#[derive(Clone, Copy, Debug)]
pub struct Ratio {
    num: u64,
    den: u64,
}

impl Ratio {
    /// `None` when the denominator is 0 (nothing weighted).
    pub fn new(num: u64, den: u64) -> Option<Ratio> {
        (den > 0).then_some(Ratio { num, den })
    }

    pub fn numerator(self) -> u64 {
        self.num
    }

    pub fn denominator(self) -> u64 {
        self.den
    }

    /// The value in tenths, rounded half away from zero: 56.94… → 569.
    pub fn tenths(self) -> u64 {
        (self.num * 20 + self.den) / (2 * self.den)
    }

    /// For drawing only (the radar's geometry); never used for figures.
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// `other - self` when `other` is the larger, else `self - other`:
    /// how far apart two figures are, exact.
    pub fn difference(self, other: Ratio) -> Ratio {
        let (a, b) = (u128::from(self.num) * u128::from(other.den), u128::from(other.num) * u128::from(self.den));
        let num = a.abs_diff(b);
        let den = u128::from(self.den) * u128::from(other.den);
        // Figures are at most 100 with denominators at most 18·5·100, so
        // these fit; the fallback is never reached.
        Ratio { num: u64::try_from(num).unwrap_or(u64::MAX), den: u64::try_from(den).unwrap_or(1).max(1) }
    }

    /// Compares with a whole number exactly.
    fn cmp_int(self, n: u64) -> Ordering {
        self.num.cmp(&(n * self.den))
    }
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Ratio {}
impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        (u128::from(self.num) * u128::from(other.den)).cmp(&(u128::from(other.num) * u128::from(self.den)))
    }
}

/// One decimal, as every figure is shown: `56.9`, `50.0`.
impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.tenths();
        write!(f, "{}.{}", t / 10, t % 10)
    }
}

/// How worrying a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Band {
    Low,
    Moderate,
    High,
    Critical,
}

impl Band {
    /// < 25 low, < 50 moderate, < 75 high, else critical (exact, not rounded).
    pub fn of(r: Ratio) -> Band {
        if r.cmp_int(25) == Ordering::Less {
            Band::Low
        } else if r.cmp_int(50) == Ordering::Less {
            Band::Moderate
        } else if r.cmp_int(75) == Ordering::Less {
            Band::High
        } else {
            Band::Critical
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Moderate => "moderate",
            Band::High => "high",
            Band::Critical => "critical",
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One provider under the lab's weights: its profile and the lab's own
/// record for it. A [`Decision`](super::decision::Decision) makes one per
/// provider; the CLI makes one from a single profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub profile: Rc<Profile>,
    /// The preset the weights started from (what the picker shows).
    pub preset: Preset,
    pub weights: Weights,
    /// What the lab learned itself about this provider: findings and notes.
    pub record: Record,
    /// The as-of date and stale threshold for evidence age (never a figure).
    pub age: EvidenceAge,
}

impl Evaluation {
    /// A fresh evaluation of a profile with a preset's weights.
    pub fn new(profile: Rc<Profile>, preset: Preset) -> Evaluation {
        Evaluation {
            profile,
            preset,
            weights: preset.weights(),
            record: Record::default(),
            age: EvidenceAge::default(),
        }
    }

    /// The status that counts: the lab's finding, else the profile's.
    pub fn status(&self, q: QuestionId) -> Status {
        self.finding(q).map_or_else(|| self.profile.status(q), |f| f.status)
    }

    pub fn finding(&self, q: QuestionId) -> Option<&Finding> {
        self.record.finding(q)
    }

    pub fn note(&self, q: QuestionId) -> &str {
        self.record.note(q)
    }

    /// Every figure, computed once.
    pub fn figures(&self) -> Figures {
        Figures::compute(&self.weights, |q| self.status(q), |q| self.finding(q).is_some())
    }
}

/// One question's part in the figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub question: QuestionId,
    pub status: Status,
    /// The status is the lab's finding, not the profile's.
    pub lab_finding: bool,
    pub weight: Weight,
    /// w·r / Σw; `None` when every weight is 0.
    pub points: Option<Ratio>,
}

/// Overall, coverage, domains and gaps for one set of weights and statuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    pub overall: Option<Ratio>,
    pub coverage: Option<Ratio>,
    /// In [`Domain::ALL`] order; `None` is `n/a` (all weights 0).
    pub domains: [Option<Ratio>; 8],
    /// q1..q18.
    pub lines: [Line; QuestionId::COUNT],
    /// Questions with w > 0 and r > 0, by points descending then number.
    pub gaps: Vec<QuestionId>,
}

impl Figures {
    pub fn compute(
        weights: &Weights,
        status: impl Fn(QuestionId) -> Status,
        lab_finding: impl Fn(QuestionId) -> bool,
    ) -> Figures {
        let total_w: u64 = QuestionId::all().map(|q| u64::from(weights.get(q).value())).sum();
        let wr = |q: QuestionId| u64::from(weights.get(q).value()) * u64::from(status(q).risk());
        let overall = Ratio::new(QuestionId::all().map(wr).sum(), total_w);
        let evidenced: u64 =
            QuestionId::all().filter(|&q| status(q).is_evidenced()).map(|q| u64::from(weights.get(q).value())).sum();
        let coverage = Ratio::new(evidenced * 100, total_w);
        let domains = Domain::ALL.map(|d| {
            let in_d = QuestionId::all().filter(|q| q.question().domain == d);
            let w: u64 = in_d.clone().map(|q| u64::from(weights.get(q).value())).sum();
            Ratio::new(in_d.map(wr).sum(), w)
        });
        let lines = QuestionId::ALL.map(|question| Line {
            question,
            status: status(question),
            lab_finding: lab_finding(question),
            weight: weights.get(question),
            points: Ratio::new(wr(question), total_w),
        });
        let mut gaps: Vec<&Line> = lines.iter().filter(|l| l.weight.value() > 0 && l.status.risk() > 0).collect();
        super::sort_short(&mut gaps, |a, b| (b.points, a.question) < (a.points, b.question));
        let gaps = gaps.into_iter().map(|l| l.question).collect();
        Figures { overall, coverage, domains, lines, gaps }
    }

    pub fn line(&self, q: QuestionId) -> &Line {
        &self.lines[q.index()]
    }

    pub fn domain(&self, d: Domain) -> Option<Ratio> {
        self.domains[d.index()]
    }

    pub fn band(&self) -> Option<Band> {
        self.overall.map(Band::of)
    }
}

/// A figure as shown and exported: one decimal, or `n/a`.
pub fn shown(r: Option<Ratio>) -> String {
    r.map_or_else(|| "n/a".to_owned(), |r| r.to_string())
}
