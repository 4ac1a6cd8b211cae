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
    /// Bundled provider ids overlaid on the radar (at most three).
    pub compare: Vec<String>,
    /// Evaluations replaced by loading a profile or opening a link, newest last.
    pub undo: Vec<(Evaluation, Vec<String>)>,
    pub notice: Option<Notice>,
    /// A saved evaluation that a shared link displaced, offered back.
    pub restore: Option<ShareLink>,
}

impl State {
    pub fn new(link: ShareLink) -> State {
        State { evaluation: link.evaluation, compare: link.compare, undo: Vec::new(), notice: None, restore: None }
    }

    /// The evaluation as a share link (also what autosave stores).
    pub fn link(&self) -> ShareLink {
        ShareLink { evaluation: self.evaluation.clone(), compare: self.compare.clone() }
    }

    /// The compared providers' profiles, in the order chosen.
    pub fn compared(&self) -> Vec<Rc<Profile>> {
        self.compare.iter().filter_map(|id| bundled::get(id)).collect()
    }
}

/// What the user (or the page around the widget) can do.
#[derive(Debug)]
pub enum Action {
    SetPreset(Preset),
    SetWeight(QuestionId, Weight),
    SetOverride(QuestionId, Option<Status>),
    SetNote(QuestionId, String),
    /// Pick a bundled provider.
    SelectProvider(String),
    /// A profile read from a file, a paste or a URL; `origin` says which.
    LoadProfile { origin: String, result: Result<Checked, Rejected> },
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

impl State {
    /// Keeps the replaced evaluation so the step can be undone.
    fn replace(&mut self, evaluation: Evaluation, compare: Vec<String>) {
        let old = std::mem::replace(&mut self.evaluation, evaluation);
        let old_compare = std::mem::replace(&mut self.compare, compare);
        self.undo.push((old, old_compare));
        // A long session need not keep every step.
        if self.undo.len() > 20 {
            self.undo.remove(0);
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();

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
            Action::SelectProvider(id) => {
                if let Some(profile) = bundled::get(&id) {
                    if profile != s.evaluation.profile {
                        let next = Evaluation { profile, ..s.evaluation.clone() };
                        let compare = s.compare.iter().filter(|c| **c != id).cloned().collect();
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
                    let next = Evaluation { profile: Rc::new(checked.profile), preset: s.evaluation.preset, weights: s.evaluation.weights, overrides: Default::default(), notes: Default::default() };
                    let compare = s.compare.clone();
                    s.replace(next, compare);
                    s.notice = (!checked.warnings.is_empty())
                        .then(|| Notice::ProfileWarnings { origin, warnings: checked.warnings });
                }
                Err(rejected) => {
                    s.notice = Some(Notice::ProfileRejected { origin, errors: rejected.errors, warnings: rejected.warnings });
                }
            },
            Action::Refuse { title, detail } => s.notice = Some(Notice::Problem { title, detail }),
            Action::SetCompare(ids) => {
                let main = s.evaluation.profile.provider.id.clone();
                let mut ids: Vec<String> = ids.into_iter().filter(|id| *id != main && bundled::get(id).is_some()).collect();
                ids.dedup();
                ids.truncate(MAX_SERIES - 1);
                s.compare = ids;
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
                }
            }
            Action::Notify(n) => s.notice = Some(n),
            Action::Dismiss => s.notice = None,
        }
        Rc::new(s)
    }
}
