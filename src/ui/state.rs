//! The widget's one state, its actions and the reducer. Persistence and the
//! URL hash are effects in `app.rs`, never done here.

use std::rc::Rc;

use yew::Reducible;

use crate::model::age::StaleAfter;
use crate::model::bundled;
use crate::model::import::{self, ImportError, Imported};
use crate::model::link::LinkError;
use crate::model::profile::{Checked, Date, Issue, Rejected};
use crate::model::radar::MAX_SERIES;
use crate::model::record::{self, Opened};
use crate::model::{Evaluation, Preset, Profile, QuestionId, ShareLink, Status, Weight};

/// A message the user must see (`role="alert"` for problems).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A file or paste was refused: what it was read as ("profile",
    /// "evaluation file"), where it came from, and the located issues.
    ProfileRejected { what: &'static str, origin: String, errors: Vec<Issue>, warnings: Vec<Issue> },
    /// It loaded, with warnings worth reading.
    ProfileWarnings { what: &'static str, origin: String, warnings: Vec<Issue> },
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

/// Why a copy of an evaluation was kept aside and is offered back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeptBecause {
    /// A shared link replaced the evaluation saved in this browser.
    SharedLink,
    /// Another tab (or window) saved a different evaluation.
    OtherTab,
    /// Loading another provider's profile set aside the notes and findings.
    ProfileLoaded,
}

impl KeptBecause {
    /// How it is stored (see `standalone.rs`).
    pub fn id(self) -> &'static str {
        match self {
            KeptBecause::SharedLink => "shared-link",
            KeptBecause::OtherTab => "other-tab",
            KeptBecause::ProfileLoaded => "profile-loaded",
        }
    }

    pub fn from_id(id: &str) -> Option<KeptBecause> {
        [KeptBecause::SharedLink, KeptBecause::OtherTab, KeptBecause::ProfileLoaded].into_iter().find(|k| k.id() == id)
    }
}

/// An evaluation kept aside, offered back until the user answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    pub because: KeptBecause,
    pub link: ShareLink,
}

/// At most this many kept copies; a message says when the oldest goes.
pub const MAX_KEPT: usize = 8;

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
    /// Evaluations kept aside (a displaced saved one, another tab's, notes
    /// set aside by a load), newest last, offered back until answered. The
    /// page keeps them in storage, so a closed tab does not lose them.
    pub kept: Vec<Kept>,
    /// How many actions this state has seen (see `Store`'s equality).
    pub revision: u64,
}

impl State {
    pub fn new(link: ShareLink) -> State {
        let mut state = State {
            evaluation: link.evaluation,
            compare: link.compare,
            library: Vec::new(),
            undo: Vec::new(),
            notice: None,
            kept: Vec::new(),
            revision: 0,
        };
        state.remember_loaded();
        state
    }

    /// The evaluation as a share link (also what autosave stores).
    pub fn link(&self) -> ShareLink {
        ShareLink { evaluation: self.evaluation.clone(), compare: self.compare.clone() }
    }

    /// Every profile the pickers offer: bundled first (by name, parsed only
    /// when picked), then loaded ones, which say so, so they are not
    /// mistaken for the bundled, cited ones.
    pub fn choices(&self) -> Vec<Choice> {
        let bundled = bundled::SOURCES.iter().map(|b| Choice { key: b.id.to_owned(), label: b.name.to_owned() });
        let loaded =
            self.library.iter().map(|p| Choice { key: choice_key(p), label: format!("{} (loaded)", p.provider.name) });
        bundled.chain(loaded).collect()
    }

    /// Finds a picker choice by its [`choice_key`].
    pub fn choice(&self, key: &str) -> Option<Rc<Profile>> {
        bundled::get(key).or_else(|| self.library.iter().find(|p| choice_key(p) == key).cloned())
    }

    /// Adds custom profiles in view to the library. A newer profile with
    /// the same provider id takes the older one's place, so the pickers'
    /// options keep their order as the user picks.
    fn remember_loaded(&mut self) {
        let custom = std::iter::once(&self.evaluation.profile)
            .chain(&self.compare)
            .filter(|p| !bundled::is_bundled(p))
            .cloned()
            .collect::<Vec<_>>();
        for p in custom {
            match self.library.iter_mut().find(|l| l.provider.id == p.provider.id) {
                Some(slot) => *slot = p,
                None => self.library.push(p),
            }
        }
    }

    /// Keeps an evaluation aside to offer back, unless it is already kept
    /// or is what is shown.
    pub fn keep(&mut self, because: KeptBecause, link: ShareLink) {
        if link == self.link() || self.kept.iter().any(|k| k.link == link) {
            return;
        }
        self.kept.push(Kept { because, link });
        if self.kept.len() > MAX_KEPT {
            let oldest = self.kept.remove(0);
            self.notice = Some(Notice::Problem {
                title: format!("{MAX_KEPT} kept evaluations are waiting for an answer."),
                detail: format!(
                    "The oldest, of {}, was let go to make room. Answer the offers above (open or discard) to keep fewer.",
                    oldest.link.evaluation.profile.provider.name
                ),
            });
        }
    }
}

/// "1 note", "3 findings", "no notes".
pub fn count(n: usize, what: &str) -> String {
    match n {
        0 => format!("no {what}s"),
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
}

/// A picker option's value: a bundled profile's plain id (what outside
/// tests and links use), `loaded:<id>` for one loaded this session (ids
/// never hold ':', so the two cannot collide).
/// One option of the provider and compare pickers.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// Its [`choice_key`].
    pub key: String,
    pub label: String,
}

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
    LoadProfile {
        origin: String,
        result: Result<Box<Checked>, Rejected>,
    },
    /// An evaluation file (docs/files.md) read from a file or a paste.
    OpenEvaluation {
        origin: String,
        result: Result<Box<Opened>, Rejected>,
    },
    /// A LIMSWiki provider page (text or wikitext) read into a draft profile.
    Import {
        origin: String,
        result: Result<Box<Imported>, ImportError>,
    },
    /// The lab confirms a suggested status of the evaluated (custom) profile.
    ConfirmStatus(QuestionId),
    /// The as-of date for evidence age (`None`: today).
    SetAsOf(Option<Date>),
    SetStaleAfter(StaleAfter),
    /// The profile editor's valid draft replaces the evaluated profile;
    /// findings and notes stay. `first`: the editor's first change, an undo
    /// step (later ones refine it).
    EditProfile {
        profile: Rc<Profile>,
        first: bool,
    },
    /// A problem found before parsing (too large, unreadable, fetch failed).
    Refuse {
        title: String,
        detail: String,
    },
    SetCompare(Vec<String>),
    /// A shared link arrived (hash change, or the embed API).
    OpenLink(ShareLink),
    LinkFailed(LinkError),
    /// Keep an evaluation aside and offer it back.
    Keep(KeptBecause, ShareLink),
    /// Open the newest kept evaluation (the current one can be undone).
    OpenKept,
    /// Let the newest kept evaluation go.
    DiscardKept,
    Undo,
    Notify(Notice),
    Dismiss,
}

impl Action {
    /// Reads a profile's text with the same checks as the CLI.
    pub fn load_profile(origin: impl Into<String>, text: &str) -> Action {
        Action::LoadProfile { origin: origin.into(), result: Profile::parse(text).map(Box::new) }
    }

    /// Reads pasted text: an evaluation file, a profile (JSON) or a
    /// provider page, each with its own checks.
    pub fn load_text(origin: impl Into<String>, text: &str) -> Action {
        Action::read(origin.into(), text, import::looks_like_json(text))
    }

    /// Reads a picked or dropped file: one named `.json` is JSON whatever it
    /// holds (its broken syntax is shown where it is broken).
    pub fn load_file(name: &str, text: &str) -> Action {
        let json = name.to_ascii_lowercase().ends_with(".json") || import::looks_like_json(text);
        Action::read(format!("file {name}"), text, json)
    }

    fn read(mut origin: String, text: &str, json: bool) -> Action {
        // The browser decodes files as UTF-8 and puts U+FFFD where it
        // cannot (a Latin-1 file, say): load what is there, but say so.
        let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if replaced > 0 {
            origin = format!("{origin} (not UTF-8 text: {replaced} character(s) could not be read and show as \u{FFFD}; save the file as UTF-8 and load it again)");
        }
        if record::looks_like(text) {
            Action::OpenEvaluation { origin, result: record::read(text).map(Box::new) }
        } else if json {
            Action::load_profile(origin, text)
        } else {
            Action::Import { origin, result: import::import(text, None).map(Box::new) }
        }
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
                // Never cut: the note field refuses what does not fit, and
                // says so; anything longer arriving here is refused whole.
                if text.chars().count() <= crate::model::link::MAX_NOTE {
                    s.evaluation.notes[q.index()] = text;
                }
            }
            Action::SelectProvider(key) => {
                if let Some(profile) = s.choice(&key) {
                    if profile != s.evaluation.profile {
                        let compare =
                            s.compare.iter().filter(|c| c.provider.id != profile.provider.id).cloned().collect();
                        let next = Evaluation { profile, ..s.evaluation.clone() };
                        s.replace(next, compare);
                        s.notice = None;
                    }
                }
            }
            Action::LoadProfile { origin, result } => match result {
                Ok(checked) => {
                    let checked = *checked;
                    let old = &s.evaluation;
                    let same_provider = old.profile.provider.id == checked.profile.provider.id;
                    let findings = old.overrides.iter().filter(|o| o.is_some()).count();
                    let notes = old.notes.iter().filter(|n| !n.is_empty()).count();
                    // The lab's weights always stay. Findings and notes stay
                    // with the same provider (a newer profile of it); for
                    // another provider they are set aside, kept and offered
                    // back (across reloads), never dropped.
                    let next = if same_provider {
                        Evaluation { profile: Rc::new(checked.profile), ..old.clone() }
                    } else {
                        Evaluation {
                            profile: Rc::new(checked.profile),
                            preset: old.preset,
                            weights: old.weights,
                            overrides: Default::default(),
                            notes: Default::default(),
                            age: old.age.clone(),
                        }
                    };
                    let kept_aside = (!same_provider && findings + notes > 0).then(|| s.link());
                    let compare =
                        s.compare.iter().filter(|c| c.provider.id != next.profile.provider.id).cloned().collect();
                    s.replace(next, compare);
                    let mut said = Vec::new();
                    if findings + notes > 0 {
                        let what = format!("{} and {}", count(findings, "finding"), count(notes, "note"));
                        said.push(if same_provider {
                            format!("Kept your {what}: this is the same provider.")
                        } else {
                            format!("Your {what} about the previous provider were set aside; you can bring them back from the message above.")
                        });
                    }
                    if let Some(link) = kept_aside {
                        s.keep(KeptBecause::ProfileLoaded, link);
                    }
                    let name = &s.evaluation.profile.provider.name;
                    s.notice = if checked.warnings.is_empty() {
                        Some(Notice::Info(
                            format!("Loaded the profile of {name} from {origin}. {}", said.join(" "))
                                .trim_end()
                                .to_owned(),
                        ))
                    } else {
                        Some(Notice::ProfileWarnings { what: "profile", origin, warnings: checked.warnings })
                    };
                }
                Err(rejected) => {
                    s.notice = Some(Notice::ProfileRejected {
                        what: "profile",
                        origin,
                        errors: rejected.errors,
                        warnings: rejected.warnings,
                    });
                }
            },
            Action::OpenEvaluation { origin, result } => match result {
                Ok(opened) => {
                    let Opened { link, warnings } = *opened;
                    let name = link.evaluation.profile.provider.name.clone();
                    s.replace(link.evaluation, link.compare);
                    s.notice = Some(if warnings.is_empty() {
                        Notice::Info(format!("Opened the evaluation file from {origin}: {name}, exactly as it was saved. Undo brings back the evaluation you had."))
                    } else {
                        Notice::ProfileWarnings { what: "evaluation file", origin, warnings }
                    });
                }
                Err(rejected) => {
                    s.notice = Some(Notice::ProfileRejected {
                        what: "evaluation file",
                        origin,
                        errors: rejected.errors,
                        warnings: rejected.warnings,
                    });
                }
            },
            Action::Import { origin, result } => match result {
                Ok(imported) => {
                    let Imported { profile, form, citations } = *imported;
                    let name = profile.provider.name.clone();
                    let next = Evaluation {
                        profile: Rc::new(profile),
                        preset: s.evaluation.preset,
                        weights: s.evaluation.weights,
                        overrides: Default::default(),
                        notes: Default::default(),
                        age: s.evaluation.age.clone(),
                    };
                    let had_work = s.evaluation.overrides.iter().any(Option::is_some)
                        || s.evaluation.notes.iter().any(|n| !n.is_empty());
                    let before = s.link();
                    let compare =
                        s.compare.iter().filter(|c| c.provider.id != next.profile.provider.id).cloned().collect();
                    s.replace(next, compare);
                    if had_work {
                        s.keep(KeptBecause::ProfileLoaded, before);
                    }
                    s.notice = Some(Notice::Info(format!(
                        "Imported {name} from {origin} ({}): 18 answers, {citations} citations. The statuses are suggested from the wording: review each one (marked \"suggested\" until you confirm it).",
                        form.label()
                    )));
                }
                Err(e) => {
                    s.notice = Some(Notice::Problem {
                        title: format!("The text from {origin} was not read."),
                        detail: format!("{e}. Your evaluation is unchanged."),
                    });
                }
            },
            Action::ConfirmStatus(q) => {
                let mut profile = (*s.evaluation.profile).clone();
                if let Some(answer) = profile.answers.get_mut(q.index()).and_then(Option::as_mut) {
                    if let Some(basis) = answer.status_basis.as_mut().filter(|b| b.starts_with(import::SUGGESTED)) {
                        *basis = import::confirmed(basis);
                        let next = Evaluation { profile: Rc::new(profile), ..s.evaluation.clone() };
                        let compare = s.compare.clone();
                        s.replace(next, compare);
                    }
                }
            }
            Action::EditProfile { profile, first } => {
                // The edited profile takes its previous version's place in
                // the pickers, even when its id was edited.
                let old_id = s.evaluation.profile.provider.id.clone();
                if let Some(slot) = s.library.iter_mut().find(|l| l.provider.id == old_id) {
                    *slot = Rc::clone(&profile);
                }
                let next = Evaluation { profile, ..s.evaluation.clone() };
                let compare: Vec<Rc<Profile>> =
                    s.compare.iter().filter(|c| c.provider.id != next.profile.provider.id).cloned().collect();
                if first {
                    s.replace(next, compare);
                } else {
                    s.evaluation = next;
                    s.compare = compare;
                    s.remember_loaded();
                }
            }
            Action::SetAsOf(d) => s.evaluation.age.as_of = d,
            Action::SetStaleAfter(n) => s.evaluation.age.stale_after = n,
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
                    s.notice = Some(Notice::Info(
                        "Opened the evaluation from the link. Undo brings back the previous one.".into(),
                    ));
                }
            }
            Action::LinkFailed(err) => {
                s.notice = Some(Notice::Problem {
                    title: "This link cannot be opened".into(),
                    detail: format!("{err}. Your evaluation is unchanged."),
                });
            }
            Action::Keep(because, link) => s.keep(because, link),
            Action::OpenKept => {
                if let Some(kept) = s.kept.pop() {
                    s.replace(kept.link.evaluation, kept.link.compare);
                    s.notice =
                        Some(Notice::Info("Opened the kept evaluation. Undo brings back the one you had.".into()));
                }
            }
            Action::DiscardKept => {
                s.kept.pop();
            }
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
