//! The widget's one state, its actions and the reducer. Persistence and the
//! URL hash are effects in `app.rs`, never done here.

use std::rc::Rc;

use yew::Reducible;

use crate::model::bundled;
use crate::model::link::LinkError;
use crate::model::profile::{Checked, Issue, Rejected};
use crate::model::radar::MAX_SERIES;
use crate::model::{Evaluation, Preset, Profile, QuestionId, ShareLink, Status, Weight};

/// A message the user must see (`role="alert"` for problems).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A profile was refused: what, where, and the list of located issues.
    ProfileRejected { origin: String, errors: Vec<Issue>, warnings: Vec<Issue> },
    /// A profile loaded, with warnings worth reading.
    ProfileWarnings { origin: String, warnings: Vec<Issue> },
    /// A link or saved state that could not be used.
    Problem { title: String, detail: String },
    /// Good news, shown politely.
    Info(String),
}

impl Notice {
    pub fn is_problem(&self) -> bool {
        matches!(self, Notice::ProfileRejected { .. } | Notice::Problem { .. })
    }
}

/// Everything the widget shows.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub evaluation: Evaluation,
    /// Providers overlaid on the radar (at most three).
    pub compare: Vec<Rc<Profile>>,
    /// Profiles loaded in this session (files, pastes, links), offered in
    /// the provider and compare pickers beside the bundled ones.
    pub library: Vec<Rc<Profile>>,
    /// Evaluations replaced by loading a profile or opening a link, newest last.
    pub undo: Vec<(Evaluation, Vec<Rc<Profile>>)>,
    pub notice: Option<Notice>,
    /// A saved evaluation that a shared link displaced, offered back.
    pub restore: Option<ShareLink>,
    /// How many actions this state has seen (see `Store`'s equality).
    pub revision: u64,
}

impl State {
    pub fn new(link: ShareLink) -> State {
        let mut state = State { evaluation: link.evaluation, compare: link.compare, library: Vec::new(), undo: Vec::new(), notice: None, restore: None, revision: 0 };
        state.remember_loaded();
        state
    }

    /// The evaluation as a share link (also what autosave stores).
    pub fn link(&self) -> ShareLink {
        ShareLink { evaluation: self.evaluation.clone(), compare: self.compare.clone() }
    }

    /// Every profile the pickers offer: bundled first, then loaded ones.
    pub fn choices(&self) -> Vec<Rc<Profile>> {
        let mut all = bundled::all();
        all.extend(self.library.iter().cloned());
        all
    }

    /// Finds a picker choice by its [`choice_key`].
    pub fn choice(&self, key: &str) -> Option<Rc<Profile>> {
        self.choices().into_iter().find(|p| choice_key(p) == key)
    }

    /// Adds custom profiles in view to the library, newest replacing an
    /// older one with the same provider id.
    fn remember_loaded(&mut self) {
        let custom = std::iter::once(&self.evaluation.profile)
            .chain(&self.compare)
            .filter(|p| !bundled::is_bundled(p))
            .cloned()
            .collect::<Vec<_>>();
        for p in custom {
            self.library.retain(|l| l.provider.id != p.provider.id);
            self.library.push(p);
        }
    }
}

/// A picker option's value: a bundled profile's plain id (what outside
/// tests and links use), `loaded:<id>` for one loaded this session (ids
/// never hold ':', so the two cannot collide).
pub fn choice_key(p: &Profile) -> String {
    if bundled::is_bundled(p) {
        p.provider.id.clone()
    } else {
        format!("loaded:{}", p.provider.id)
    }
}

/// What the user (or the page around the widget) can do.
#[derive(Debug)]
pub enum Action {
    SetPreset(Preset),
    SetWeight(QuestionId, Weight),
    SetOverride(QuestionId, Option<Status>),
    SetNote(QuestionId, String),
    /// Pick a provider by its [`choice_key`].
    SelectProvider(String),
    /// A profile read from a file, a paste or a URL; `origin` says which.
    LoadProfile { origin: String, result: Result<Box<Checked>, Rejected> },
    /// A problem found before parsing (too large, unreadable, fetch failed).
    Refuse { title: String, detail: String },
    SetCompare(Vec<String>),
    /// A shared link arrived (hash change, or the embed API).
    OpenLink(ShareLink),
    LinkFailed(LinkError),
    /// Offer a saved evaluation back after a link displaced it.
    OfferRestore(ShareLink),
    AcceptRestore,
    DeclineRestore,
    Undo,
    Notify(Notice),
    Dismiss,
}

impl Action {
    /// Reads a profile's text with the same checks as the CLI.
    pub fn load_profile(origin: impl Into<String>, text: &str) -> Action {
        Action::LoadProfile { origin: origin.into(), result: Profile::parse(text).map(Box::new) }
    }
}

impl State {
    /// Keeps the replaced evaluation so the step can be undone.
    fn replace(&mut self, evaluation: Evaluation, compare: Vec<Rc<Profile>>) {
        let old = std::mem::replace(&mut self.evaluation, evaluation);
        let old_compare = std::mem::replace(&mut self.compare, compare);
        self.undo.push((old, old_compare));
        // A long session need not keep every step.
        if self.undo.len() > 20 {
            self.undo.remove(0);
        }
        self.remember_loaded();
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        s.revision = s.revision.wrapping_add(1);

        match action {
            Action::SetPreset(p) => {
                s.evaluation.preset = p;
                s.evaluation.weights = p.weights();
            }
            Action::SetWeight(q, w) => s.evaluation.weights.set(q, w),
            Action::SetOverride(q, st) => s.evaluation.overrides[q.index()] = st,
            Action::SetNote(q, text) => {
                s.evaluation.notes[q.index()] = text.chars().take(crate::model::link::MAX_NOTE).collect();
            }
            Action::SelectProvider(key) => {
                if let Some(profile) = s.choice(&key) {
                    if profile != s.evaluation.profile {
                        let compare = s.compare.iter().filter(|c| c.provider.id != profile.provider.id).cloned().collect();
                        let next = Evaluation { profile, ..s.evaluation.clone() };
                        s.replace(next, compare);
                        s.notice = None;
                    }
                }
            }
            Action::LoadProfile { origin, result } => match result {
                Ok(checked) => {
                    // A new profile keeps the lab's weights; the overrides
                    // and notes were about the old provider, but stay
                    // reachable through undo.
                    let checked = *checked;
                    let next = Evaluation { profile: Rc::new(checked.profile), preset: s.evaluation.preset, weights: s.evaluation.weights, overrides: Default::default(), notes: Default::default() };
                    let compare = s.compare.clone();
                    s.replace(next, compare);
                    s.notice = (!checked.warnings.is_empty())
                        .then_some(Notice::ProfileWarnings { origin, warnings: checked.warnings });
                }
                Err(rejected) => {
                    s.notice = Some(Notice::ProfileRejected { origin, errors: rejected.errors, warnings: rejected.warnings });
                }
            },
            Action::Refuse { title, detail } => s.notice = Some(Notice::Problem { title, detail }),
            Action::SetCompare(keys) => {
                let main = choice_key(&s.evaluation.profile);
                let mut chosen: Vec<Rc<Profile>> = Vec::new();
                for key in keys.iter().filter(|k| **k != main) {
                    if let Some(p) = s.choice(key) {
                        if !chosen.iter().any(|c| c.provider.id == p.provider.id) {
                            chosen.push(p);
                        }
                    }
                }
                chosen.truncate(MAX_SERIES - 1);
                s.compare = chosen;
            }
            Action::OpenLink(link) => {
                if link.evaluation != s.evaluation || link.compare != s.compare {
                    s.replace(link.evaluation, link.compare);
                    s.notice = Some(Notice::Info("Opened the evaluation from the link. Undo brings back the previous one.".into()));
                }
            }
            Action::LinkFailed(err) => {
                s.notice = Some(Notice::Problem { title: "This link cannot be opened".into(), detail: format!("{err}. Your evaluation is unchanged.") });
            }
            Action::OfferRestore(saved) => s.restore = Some(saved),
            Action::AcceptRestore => {
                if let Some(saved) = s.restore.take() {
                    s.replace(saved.evaluation, saved.compare);
                    s.notice = Some(Notice::Info("Restored your saved evaluation. Undo brings back the shared one.".into()));
                }
            }
            Action::DeclineRestore => s.restore = None,
            Action::Undo => {
                if let Some((evaluation, compare)) = s.undo.pop() {
                    s.evaluation = evaluation;
                    s.compare = compare;
                    s.notice = None;
                    s.remember_loaded();
                }
            }
            Action::Notify(n) => s.notice = Some(n),
            Action::Dismiss => s.notice = None,
        }
        Rc::new(s)
    }
}
