//! The decision: the unit of csp-radar. A lab never judges a provider
//! alone; it decides between providers, under one set of weights, and keeps
//! its own record for each of them (docs/files.md, "The decision").
//!
//! Every figure is computed per provider from that provider's profile and
//! record with the shared weights; which provider is in focus changes no
//! figure.

use std::cmp::Ordering;
use std::rc::Rc;

use super::age::EvidenceAge;
use super::bundled;
use super::catalog::QuestionId;
use super::confidence::Stability;
use super::figures::{Evaluation, Figures, Ratio};
use super::profile::Profile;
use super::record::{Finding, Record};
use super::weights::{Preset, Weight, Weights};

/// At most this many providers take part in a decision at once.
pub const MAX_PROVIDERS: usize = 6;
/// At most this many are kept in all, set-aside ones with their records
/// included (a link and a file hold no more).
pub const MAX_KEPT_PROVIDERS: usize = 16;

/// A set of questions, by number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuestionSet(u32);

impl QuestionSet {
    pub fn contains(self, q: QuestionId) -> bool {
        self.0 & (1 << q.index()) != 0
    }

    pub fn with(self, q: QuestionId, on: bool) -> QuestionSet {
        if on {
            QuestionSet(self.0 | 1 << q.index())
        } else {
            QuestionSet(self.0 & !(1 << q.index()))
        }
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = QuestionId> {
        QuestionId::all().filter(move |&q| self.contains(q))
    }

    pub fn of(questions: impl IntoIterator<Item = QuestionId>) -> QuestionSet {
        questions.into_iter().fold(QuestionSet::default(), |s, q| s.with(q, true))
    }
}

/// The questions to get from every provider in writing whatever public
/// pages say: by default those weighted 5, with the lab's own additions and
/// removals kept apart so a new preset moves the default but never the
/// lab's choices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConfirmInWriting {
    pub added: QuestionSet,
    pub removed: QuestionSet,
}

impl ConfirmInWriting {
    /// The questions weighted 5.
    pub fn default_for(weights: &Weights) -> QuestionSet {
        QuestionSet::of(QuestionId::all().filter(|&q| weights.get(q).value() == u32::from(Weight::MAX)))
    }

    pub fn set(&self, weights: &Weights) -> QuestionSet {
        QuestionSet::of(QuestionId::all().filter(|&q| {
            !self.removed.contains(q) && (self.added.contains(q) || Self::default_for(weights).contains(q))
        }))
    }

    /// The adjustments that make `wanted` the set under `weights`.
    pub fn to_reach(wanted: QuestionSet, weights: &Weights) -> ConfirmInWriting {
        let default = Self::default_for(weights);
        ConfirmInWriting {
            added: QuestionSet::of(wanted.iter().filter(|&q| !default.contains(q))),
            removed: QuestionSet::of(default.iter().filter(|&q| !wanted.contains(q))),
        }
    }
}

/// One provider the lab is deciding about: its profile and the lab's record.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub profile: Rc<Profile>,
    pub record: Record,
    /// Taken out of the decision, its record kept: it is in no figure or
    /// ranking until the lab brings it back.
    pub set_aside: bool,
}

impl Candidate {
    pub fn new(profile: Rc<Profile>) -> Candidate {
        Candidate { profile, record: Record::default(), set_aside: false }
    }

    pub fn id(&self) -> &str {
        &self.profile.provider.id
    }

    pub fn name(&self) -> &str {
        &self.profile.provider.name
    }
}

/// The decision: shared weights, as-of date and confirm-in-writing set;
/// the providers, each with its own record; the one in focus.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The preset the weights started from.
    pub preset: Preset,
    pub weights: Weights,
    pub age: EvidenceAge,
    pub confirm: ConfirmInWriting,
    /// In the order the lab added them; the ranking is computed.
    pub candidates: Vec<Candidate>,
    /// Whose detail is shown; `None`: no provider singled out.
    pub focus: Option<String>,
}

/// The decision a page opens on when nothing else is asked for: the bundled
/// providers, balanced weights, no provider singled out.
impl Default for Decision {
    fn default() -> Self {
        Decision::of(bundled::all(), Preset::default())
    }
}

/// Why a provider was not added as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotAdded {
    /// The decision already has [`MAX_PROVIDERS`].
    Full,
    /// The decision keeps [`MAX_KEPT_PROVIDERS`] providers in all, set-aside
    /// ones with their records included.
    KeptFull,
    /// Another profile with this id is in the decision and the lab has a
    /// record for it: ask whether the new profile is the same provider.
    SameIdWithRecord { name: String, record: String },
}

/// What adding a profile did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Added {
    New,
    /// The same profile was already there (brought back if set aside).
    AlreadyIn,
    /// A newer profile of a provider in the decision replaced its old one;
    /// the lab's record (if any) stays with the provider.
    Updated,
}

impl Decision {
    /// A decision of these providers with empty records and a preset's
    /// weights, no provider in focus. Duplicate ids and providers past the
    /// limit are left out (callers say so).
    pub fn of(profiles: impl IntoIterator<Item = Rc<Profile>>, preset: Preset) -> Decision {
        let mut d = Decision {
            preset,
            weights: preset.weights(),
            age: EvidenceAge::default(),
            confirm: ConfirmInWriting::default(),
            candidates: Vec::new(),
            focus: None,
        };
        for p in profiles {
            let _ = d.add(p);
        }
        d
    }

    /// The providers taking part, in the order added.
    pub fn providers(&self) -> impl Iterator<Item = &Candidate> + Clone {
        self.candidates.iter().filter(|c| !c.set_aside)
    }

    pub fn provider_count(&self) -> usize {
        self.providers().count()
    }

    pub fn candidate(&self, id: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.id() == id)
    }

    pub fn candidate_mut(&mut self, id: &str) -> Option<&mut Candidate> {
        self.candidates.iter_mut().find(|c| c.id() == id)
    }

    /// The provider in focus, if it takes part.
    pub fn focused(&self) -> Option<&Candidate> {
        let id = self.focus.as_deref()?;
        self.providers().find(|c| c.id() == id)
    }

    /// The provider shown in detail: the one in focus, or the only one
    /// taking part (a decision of one has no one else to single out).
    pub fn in_detail(&self) -> Option<&Candidate> {
        self.focused().or_else(|| if self.provider_count() == 1 { self.providers().next() } else { None })
    }

    /// The provider whose figures stand in for the decision where one is
    /// needed: the one in focus, else the first taking part.
    pub fn shown(&self) -> Option<&Candidate> {
        self.focused().or_else(|| self.providers().next())
    }

    /// One provider under the decision's weights, with its own record.
    pub fn evaluation(&self, c: &Candidate) -> Evaluation {
        Evaluation {
            profile: Rc::clone(&c.profile),
            preset: self.preset,
            weights: self.weights,
            record: c.record.clone(),
            age: self.age.clone(),
        }
    }

    /// Every provider taking part with its figures, least risky first
    /// (nothing weighted last, then by name).
    pub fn ranking(&self) -> Vec<(&Candidate, Figures)> {
        let mut ranked: Vec<(&Candidate, Figures)> =
            self.providers().map(|c| (c, self.evaluation(c).figures())).collect();
        super::sort_short(&mut ranked, |a, b| rank_order(a, b) == Ordering::Less);
        ranked
    }

    /// Whether the order of two providers holds (docs/scoring.md).
    pub fn stability(&self, a: &Candidate, b: &Candidate) -> Stability {
        let (ea, eb) = (self.evaluation(a), self.evaluation(b));
        Stability::of(&self.weights, |q| ea.status(q), |q| eb.status(q))
    }

    /// Picks a preset: its weights replace the lab's (one step; undo brings
    /// them back).
    pub fn set_preset(&mut self, preset: Preset) {
        self.preset = preset;
        self.weights = preset.weights();
    }

    pub fn set_weight(&mut self, q: QuestionId, w: Weight) {
        self.weights.set(q, w);
    }

    /// The questions to confirm in writing under the current weights.
    pub fn confirm_set(&self) -> QuestionSet {
        self.confirm.set(&self.weights)
    }

    pub fn set_confirm(&mut self, q: QuestionId, on: bool) {
        let wanted = self.confirm_set().with(q, on);
        self.confirm = ConfirmInWriting::to_reach(wanted, &self.weights);
    }

    /// The provider's questions still to confirm in writing: in the set,
    /// without a dated, referenced finding whose basis is the provider.
    pub fn confirmations_outstanding(&self, c: &Candidate) -> Vec<QuestionId> {
        self.confirm_set()
            .iter()
            .filter(|&q| !c.record.finding(q).is_some_and(Finding::is_written_confirmation))
            .collect()
    }

    /// Adds a provider, or brings it back. The same id always means the
    /// same provider: an identical profile changes nothing, a different one
    /// replaces the old profile (the record stays) unless the lab has a
    /// record, when the caller must ask ([`NotAdded::SameIdWithRecord`]).
    pub fn add(&mut self, profile: Rc<Profile>) -> Result<Added, NotAdded> {
        let full = self.provider_count() >= MAX_PROVIDERS;
        if let Some(c) = self.candidates.iter_mut().find(|c| c.profile.provider.id == profile.provider.id) {
            if c.set_aside && full {
                return Err(NotAdded::Full);
            }
            let same = c.profile == profile;
            if !same && !c.record.is_empty() {
                return Err(NotAdded::SameIdWithRecord { name: c.name().to_owned(), record: c.record.counts() });
            }
            c.set_aside = false;
            if same {
                return Ok(Added::AlreadyIn);
            }
            c.profile = profile;
            return Ok(Added::Updated);
        }
        if full {
            return Err(NotAdded::Full);
        }
        // Set-aside providers stay only for their records, and no record is
        // dropped to make room: past this many, nothing more is added.
        if self.candidates.len() >= MAX_KEPT_PROVIDERS {
            return Err(NotAdded::KeptFull);
        }
        self.candidates.push(Candidate::new(profile));
        Ok(Added::New)
    }

    /// Brings a provider from another decision into this one, with the
    /// lab's record for it. A provider already here with a record of its
    /// own is asked about, never merged.
    pub fn adopt(&mut self, other: &Candidate) -> Result<Added, NotAdded> {
        if let Some(mine) = self.candidate(other.id()) {
            if !mine.record.is_empty() && !other.record.is_empty() && mine.record != other.record {
                return Err(NotAdded::SameIdWithRecord { name: mine.name().to_owned(), record: mine.record.counts() });
            }
        }
        let added = self.add(Rc::clone(&other.profile))?;
        if let Some(c) = self.candidate_mut(other.id()) {
            if c.record.is_empty() {
                c.record = other.record.clone();
            }
        }
        Ok(added)
    }

    /// The lab's answer to [`NotAdded::SameIdWithRecord`]: the new profile
    /// is a newer profile of the same provider; its record stays with it.
    pub fn replace_profile(&mut self, profile: Rc<Profile>) {
        if let Some(c) = self.candidate_mut(&profile.provider.id.clone()) {
            c.profile = profile;
            c.set_aside = false;
        }
    }

    /// The lab's other answer, and the one taken when unsure: both stay, the
    /// new profile under a fresh id ("aws-2") and a name that tells them
    /// apart.
    pub fn add_beside(&mut self, profile: Rc<Profile>) -> Result<Added, NotAdded> {
        let mut p = (*profile).clone();
        let base = p.provider.id.clone();
        let id = (2..)
            .map(|n| {
                let suffix = format!("-{n}");
                let keep = 40 - suffix.len();
                format!("{}{suffix}", base.get(..keep.min(base.len())).unwrap_or(&base).trim_end_matches('-'))
            })
            .find(|id| self.candidate(id).is_none() && !bundled::is_bundled_id(id))
            .unwrap_or_else(|| base.clone());
        p.provider.name = format!("{} (another profile)", p.provider.name);
        p.provider.id = id;
        self.add(Rc::new(p))
    }

    /// Takes a provider out of the decision. Its record is kept (set aside,
    /// offered back when the provider is added again); a provider with no
    /// record simply leaves.
    pub fn set_aside(&mut self, id: &str) {
        if let Some(i) = self.candidates.iter().position(|c| c.id() == id) {
            let empty = self.candidates.get(i).is_some_and(|c| c.record.is_empty());
            if empty {
                self.candidates.remove(i);
            } else if let Some(c) = self.candidates.get_mut(i) {
                c.set_aside = true;
            }
        }
        if self.focus.as_deref() == Some(id) {
            self.focus = None;
        }
    }

    /// Puts a provider in focus (`None`: no one singled out). Changes no
    /// figure.
    pub fn set_focus(&mut self, id: Option<&str>) {
        self.focus = id.filter(|id| self.providers().any(|c| c.id() == *id)).map(str::to_owned);
    }

    /// Records a finding for one provider's question.
    pub fn set_finding(&mut self, id: &str, q: QuestionId, finding: Option<Finding>) {
        if let Some(c) = self.candidate_mut(id) {
            c.record.set_finding(q, finding);
        }
    }

    /// Sets one provider's note; `false` when refused (too long).
    pub fn set_note(&mut self, id: &str, q: QuestionId, text: String) -> bool {
        self.candidate_mut(id).is_some_and(|c| c.record.set_note(q, text))
    }

    /// The finding's effect in words, for the message after it is set:
    /// "AWS, Q14: documented — signed BAA, provider, 2026-12-07", and when
    /// the figure does not move, why.
    pub fn finding_words(&self, id: &str, q: QuestionId) -> Option<String> {
        let c = self.candidate(id)?;
        let f = c.record.finding(q)?;
        let mut s = format!("{}, Q{}: {}", c.name(), q.number(), f.words());
        let profile_status = c.profile.status(q);
        if f.status == profile_status {
            s.push_str(&format!("; no change: the profile already counts it as {profile_status}"));
        }
        let missing = f.missing();
        if !missing.is_empty() {
            s.push_str(&format!("; still to give: {}", missing.join(", ")));
        }
        Some(s)
    }
}

/// Least risky first; nothing weighted after everything; then by name.
fn rank_order(a: &(&Candidate, Figures), b: &(&Candidate, Figures)) -> Ordering {
    let key = |f: &Figures| f.overall.map_or((1, None), |r| (0, Some(r)));
    key(&a.1).cmp(&key(&b.1)).then_with(|| a.0.name().cmp(b.0.name()))
}

/// What can be said of two neighbours in the ranking: which is less risky,
/// by how much, and whether the order holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Ids, the less risky first (by the lab's weights).
    pub pair: (String, String),
    pub names: (String, String),
    /// The riskier one's figure minus the other's, exact; `None` when
    /// nothing is weighted.
    pub apart: Option<Ratio>,
    pub stability: Stability,
}

impl Verdict {
    /// Too close to call: the order flips under another preset or a
    /// one-step weight change (or the two are level).
    pub fn too_close(&self) -> bool {
        !self.stability.presets_against.is_empty()
            || self.stability.first_flip.is_some()
            || self.stability.order != Some(Ordering::Less)
    }

    /// The verdict in plain words. The names are isolated (a right-to-left
    /// name would otherwise turn the whole English sentence around, in the
    /// widget and in every export).
    pub fn sentence(&self) -> String {
        let (a, b) = (super::bidi::isolate(&self.names.0), super::bidi::isolate(&self.names.1));
        let Some(apart) = self.apart else {
            return format!("{a} and {b} cannot be ranked: no question is weighted.");
        };
        if self.stability.order == Some(Ordering::Equal) {
            return format!("{a} and {b} are level: too close to call until they answer.");
        }
        if self.too_close() {
            return format!("{a} and {b} are {apart} points apart: too close to call until they answer.");
        }
        let unknowns = if self.stability.unknowns_hold {
            "whatever the providers answer, the order stands"
        } else {
            "the providers' answers could still reverse it"
        };
        format!(
            "{a} is less risky than {b} by {apart} points under every preset and one-step weight change; {unknowns}."
        )
    }

    /// Why, in numbers: the stability sentence behind the verdict.
    pub fn details(&self) -> String {
        self.stability.sentence(&super::bidi::isolate(&self.names.0), &super::bidi::isolate(&self.names.1))
    }
}

impl Decision {
    /// The verdict between each pair of neighbours in the ranking.
    pub fn verdicts(&self) -> Vec<Verdict> {
        let ranked = self.ranking();
        ranked
            .windows(2)
            .filter_map(|pair| {
                let [(a, fa), (b, fb)] = pair else { return None };
                let apart = match (fa.overall, fb.overall) {
                    (Some(x), Some(y)) => Some(x.difference(y)),
                    _ => None,
                };
                Some(Verdict {
                    pair: (a.id().to_owned(), b.id().to_owned()),
                    names: (a.name().to_owned(), b.name().to_owned()),
                    apart,
                    stability: self.stability(a, b),
                })
            })
            .collect()
    }
}
