//! The widget's one state, its actions and the reducer. Persistence and the
//! URL hash are effects (`app.rs`, `standalone.rs`), never done here. Every
//! step that the embed API or the CLI also takes is a model function
//! (`Decision::set_preset`, `Decision::add`, ...), called here, not written
//! again.

use std::rc::Rc;

use yew::Reducible;

use crate::model::age::StaleAfter;
use crate::model::bundled;
use crate::model::decision::{Added, NotAdded, MAX_KEPT_PROVIDERS, MAX_PROVIDERS};
use crate::model::file::Opened;
use crate::model::import::{self, ImportError, Imported};
use crate::model::input::{self, Read};
use crate::model::link::LinkError;
use crate::model::profile::{Checked, Date, Issue, Rejected};
use crate::model::radar::MAX_SERIES;
use crate::model::record::{Basis, Finding};
use crate::model::{Decision, Evaluation, Preset, Profile, QuestionId, Status, Weight};

/// A message the user must see (`role="alert"` for problems).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A file or paste was refused: what it was read as ("profile",
    /// "decision file"), where it came from, and the located issues.
    ProfileRejected { what: &'static str, origin: String, errors: Vec<Issue>, warnings: Vec<Issue> },
    /// It loaded, with warnings worth reading (unknown fields, defaults
    /// used, stored figures that differ).
    ProfileWarnings { what: &'static str, origin: String, summary: String, warnings: Vec<Issue> },
    /// A link or saved state that could not be used.
    Problem { title: String, detail: String },
    /// A loaded profile has the id of a provider the lab has a record for,
    /// but is a different profile: is it the same provider? Until the lab
    /// answers, both are kept.
    SameId { name: String, record: String },
    /// A shared link (or another tab's newer save) took the place of the
    /// decision this browser had; that one is in History, and here.
    Displaced { decision: Box<Decision>, why: String },
    /// Another tab changed the decision this tab shows; its version is in
    /// History under `key`.
    OtherTab { what: String, key: String },
    /// The decision could not be kept in this browser, or soon may not be
    /// (its storage nearly full): said once, with the file offered.
    NotKept { title: String, detail: String },
    /// Good news, shown politely.
    Info(String),
}

impl Notice {
    pub fn is_problem(&self) -> bool {
        matches!(self, Notice::ProfileRejected { .. } | Notice::Problem { .. } | Notice::NotKept { .. })
    }
}

/// Everything the widget shows.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub decision: Decision,
    /// Profiles loaded in this session (files, pastes, links) that are not
    /// in the decision, offered in the pickers beside the bundled ones.
    pub library: Vec<Rc<Profile>>,
    /// Decisions replaced by a step that can be undone, newest last.
    pub undo: Vec<Decision>,
    pub notice: Option<Notice>,
    /// A loaded profile waiting for the lab's answer to [`Notice::SameId`].
    pub pending: Option<Rc<Profile>>,
    /// What the lab just did, in a few words, for the version it makes
    /// ("opened a shared link"); `None`: say what changed instead.
    pub why: Option<String>,
    /// The providers the lab chose to overlay on the radar; `None`: the
    /// first four in the ranking. A view choice, not part of the decision.
    pub radar: Option<Vec<String>>,
    /// How many actions this state has seen (see `Store`'s equality).
    pub revision: u64,
}

impl State {
    pub fn new(decision: Decision) -> State {
        State {
            decision,
            library: Vec::new(),
            undo: Vec::new(),
            notice: None,
            pending: None,
            why: None,
            radar: None,
            revision: 0,
        }
    }

    /// The provider whose detail is shown (the one in focus, else the least
    /// risky), under the decision's weights with its own record.
    pub fn evaluation(&self) -> Evaluation {
        match self.decision.shown() {
            Some(c) => self.decision.evaluation(c),
            // A decision always holds a provider (the reducer refuses to take
            // out the last one, and files and links with none are refused);
            // an empty profile is only an honest fallback.
            None => Evaluation::new(bundled::default_profile(), self.decision.preset),
        }
    }

    /// The providers on the radar: the one in detail first, then the lab's
    /// choice (else the first four) in ranking order.
    pub fn overlaid(&self) -> Vec<String> {
        let ranked: Vec<String> = self.decision.ranking().into_iter().map(|(c, _)| c.id().to_owned()).collect();
        let mut chosen: Vec<String> = match &self.radar {
            Some(ids) => ranked.iter().filter(|id| ids.contains(id)).cloned().collect(),
            None => ranked.iter().take(MAX_SERIES).cloned().collect(),
        };
        // The provider in detail comes first: its range band is drawn.
        if let Some(shown) = self.decision.in_detail().map(|c| c.id().to_owned()) {
            chosen.retain(|id| *id != shown);
            chosen.truncate(MAX_SERIES - 1);
            chosen.insert(0, shown);
        }
        chosen
    }

    /// The id of the provider whose detail is shown.
    pub fn shown_id(&self) -> Option<String> {
        self.decision.shown().map(|c| c.id().to_owned())
    }

    /// Every profile the pickers offer: the decision's own first (custom
    /// ones say they were loaded), then bundled ones not in it (by name,
    /// parsed only when picked), then others loaded this session.
    pub fn choices(&self) -> Vec<Choice> {
        let mut out: Vec<Choice> = Vec::new();
        let label = |p: &Profile| {
            if bundled::is_bundled(p) {
                p.provider.name.clone()
            } else {
                format!("{} (loaded)", p.provider.name)
            }
        };
        for c in &self.decision.candidates {
            out.push(Choice { key: choice_key(&c.profile), label: label(&c.profile) });
        }
        for b in bundled::SOURCES {
            if !out.iter().any(|c| c.key == b.id) {
                out.push(Choice { key: b.id.to_owned(), label: b.name.to_owned() });
            }
        }
        for p in &self.library {
            let key = choice_key(p);
            if !out.iter().any(|c| c.key == key) {
                out.push(Choice { key, label: label(p) });
            }
        }
        out
    }

    /// Finds a picker choice by its [`choice_key`]: a provider of the
    /// decision (with its record), a bundled one, or one loaded earlier.
    pub fn choice(&self, key: &str) -> Option<Rc<Profile>> {
        self.decision
            .candidates
            .iter()
            .map(|c| &c.profile)
            .chain(&self.library)
            .find(|p| choice_key(p) == key)
            .cloned()
            .or_else(|| bundled::get(key))
    }

    /// Remembers custom profiles that left the decision, so the pickers can
    /// bring them back.
    fn remember(&mut self, profile: &Rc<Profile>) {
        if bundled::is_bundled(profile) {
            return;
        }
        match self.library.iter_mut().find(|l| l.provider.id == profile.provider.id) {
            Some(slot) => *slot = Rc::clone(profile),
            None => self.library.push(Rc::clone(profile)),
        }
    }

    /// Keeps the decision before a step so the step can be undone.
    fn checkpoint(&mut self) {
        self.undo.push(self.decision.clone());
        // A long session need not keep every step.
        if self.undo.len() > 20 {
            self.undo.remove(0);
        }
    }

    /// Replaces the whole decision (a file, a link, a kept copy), one undo
    /// step.
    fn replace(&mut self, decision: Decision) {
        self.checkpoint();
        for c in &self.decision.candidates.clone() {
            self.remember(&c.profile);
        }
        self.decision = decision;
    }

    /// Adds a profile to the decision and puts it in focus; says what
    /// happened. The same id is the same provider: its record stays with it.
    fn add_and_focus(&mut self, profile: Rc<Profile>) -> Result<Added, NotAdded> {
        let before = self.decision.clone();
        let added = self.decision.add(Rc::clone(&profile));
        if added.is_ok() {
            self.undo.push(before);
            self.decision.set_focus(Some(&profile.provider.id));
        }
        added
    }

    /// The notice for a profile that could not be added.
    fn not_added(&mut self, profile: Rc<Profile>, why: NotAdded) {
        match why {
            NotAdded::Full => {
                self.remember(&profile);
                self.notice = Some(Notice::Problem {
                    title: format!("{} was not added.", profile.provider.name),
                    detail: format!(
                        "A decision holds at most {MAX_PROVIDERS} providers. Take one out first; {} stays in the provider list.",
                        profile.provider.name
                    ),
                })
            }
            NotAdded::KeptFull => {
                self.remember(&profile);
                self.notice = Some(Notice::Problem {
                    title: format!("{} was not added.", profile.provider.name),
                    detail: format!(
                        "This decision keeps {MAX_KEPT_PROVIDERS} providers already, counting those set aside with your findings and notes. Start a new decision for more; this one stays as it is."
                    ),
                })
            }
            NotAdded::SameIdWithRecord { name, record } => {
                self.pending = Some(profile);
                self.notice = Some(Notice::SameId { name, record });
            }
        }
    }

    /// The lab's answer to [`Notice::SameId`]: `same` means the new profile
    /// is a newer one of the same provider (its record stays with it);
    /// otherwise both are kept.
    fn answer_same_id(&mut self, same: bool) {
        let Some(profile) = self.pending.take() else { return };
        self.checkpoint();
        let name = profile.provider.name.clone();
        if same {
            self.decision.replace_profile(Rc::clone(&profile));
            self.decision.set_focus(Some(&profile.provider.id));
            self.notice = Some(Notice::Info(format!(
                "{name}'s new profile is in the decision; your findings and notes stay with {name}."
            )));
        } else {
            match self.decision.add_beside(profile) {
                Ok(_) => {
                    if let Some(last) = self.decision.candidates.last().map(|c| c.id().to_owned()) {
                        self.decision.set_focus(Some(&last));
                    }
                    self.notice = Some(Notice::Info(format!(
                        "Both profiles are in the decision: your record stays with the first {name}; the new one is named \"(another profile)\"."
                    )));
                }
                Err(_) => {
                    self.notice = Some(Notice::Problem {
                        title: "The new profile was not added.".into(),
                        detail: format!("A decision holds at most {MAX_PROVIDERS} providers. Take one out first."),
                    })
                }
            }
        }
    }

    /// Changes the shown provider's finding on a question (the closure gets
    /// the finding, created with `status` when there is none).
    fn edit_finding(&mut self, q: QuestionId, edit: impl FnOnce(&mut Finding)) {
        let Some(id) = self.shown_id() else { return };
        let Some(c) = self.decision.candidate_mut(&id) else { return };
        if let Some(mut f) = c.record.finding(q).cloned() {
            edit(&mut f);
            c.record.set_finding(q, Some(f));
        }
    }
}

/// The providers of a decision by name, for messages.
pub fn names(d: &Decision) -> String {
    d.providers().map(|c| c.name().to_owned()).collect::<Vec<_>>().join(", ")
}

/// One option of the provider pickers.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// Its [`choice_key`].
    pub key: String,
    pub label: String,
}

/// A picker option's value: a bundled profile's plain id (what outside tests
/// and links use), `loaded:<id>` for any other (ids never hold ':', so the
/// two cannot collide).
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
    /// The shown provider's finding on a question: its status (`None`
    /// removes the finding).
    SetFinding(QuestionId, Option<Status>),
    SetFindingBasis(QuestionId, Option<Basis>),
    SetFindingDate(QuestionId, Option<Date>),
    SetFindingReference(QuestionId, String),
    /// The shown provider's note on a question.
    SetNote(QuestionId, String),
    /// Adds a question to the confirm-in-writing set, or takes it out.
    SetConfirm(QuestionId, bool),
    /// Puts a provider in focus by id (`None`: no one singled out).
    Focus(Option<String>),
    /// Picks a provider by its [`choice_key`]: added if needed, in focus.
    SelectProvider(String),
    /// The providers beside the one shown, by [`choice_key`]: those not
    /// listed are set aside (their records kept), new ones added.
    SetCompare(Vec<String>),
    /// Takes a provider out of the decision (its record is kept).
    SetAside(String),
    /// A provider's box in the Providers menu, by [`choice_key`]: ticked
    /// adds it (or brings it back with its record), unticked sets it aside.
    ToggleProvider(String, bool),
    /// Every bundled provider into the decision, as far as the limit allows.
    AllBundled,
    /// A provider on the radar or off it (at most four).
    ToggleRadar(String, bool),
    /// The lab's answer to [`Notice::SameId`]: the same provider (`true`)
    /// or another one (`false`, both kept).
    SameProvider(bool),
    /// A profile read from a file, a paste or a URL; `origin` says which.
    LoadProfile {
        origin: String,
        result: Result<Box<Checked>, Rejected>,
    },
    /// A decision (or version 1 evaluation) file read from a file or a paste.
    OpenDecision {
        origin: String,
        result: Result<Box<Opened>, Rejected>,
    },
    /// A LIMSWiki provider page (text or wikitext) read into a draft profile.
    Import {
        origin: String,
        result: Result<Box<Imported>, ImportError>,
    },
    /// The lab confirms a suggested status of the shown (custom) profile.
    ConfirmStatus(QuestionId),
    /// The as-of date for evidence age (`None`: today).
    SetAsOf(Option<Date>),
    SetStaleAfter(StaleAfter),
    /// A profile the lab wrote ("New provider", or a copy of a bundled one
    /// to edit): added to the decision beside the others, in focus.
    AddAuthored(Rc<Profile>),
    /// The profile editor's valid draft replaces the profile of provider
    /// `id` (the one the editor was opened on); its record stays with it.
    /// `first`: the editor's first change, an undo step (later ones refine
    /// it).
    EditProfile {
        id: String,
        profile: Rc<Profile>,
        first: bool,
    },
    /// A problem found before parsing (too large, unreadable, fetch failed).
    Refuse {
        title: String,
        detail: String,
    },
    /// A shared link arrived (hash change, or the embed API).
    OpenLink(Decision),
    LinkFailed(LinkError),
    /// A version from History, restored (the decision it replaces stays in
    /// History, and the restore is a version of its own); `when` names it.
    RestoreVersion {
        decision: Decision,
        when: String,
    },
    Undo,
    Notify(Notice),
    Dismiss,
}

impl Action {
    /// Reads pasted text: a decision file, a profile (JSON) or a provider
    /// page, each with its own checks.
    pub fn load_text(origin: impl Into<String>, text: &str) -> Action {
        Action::read(origin.into(), text, false)
    }

    /// Reads a picked or dropped file: one named `.json` is JSON whatever it
    /// holds (its broken syntax is shown where it is broken).
    pub fn load_file(name: &str, text: &str) -> Action {
        Action::read(format!("file {name}"), text, name.to_ascii_lowercase().ends_with(".json"))
    }

    fn read(mut origin: String, text: &str, json: bool) -> Action {
        // The browser decodes files as UTF-8 and puts U+FFFD where it
        // cannot (a Latin-1 file, say): load what is there, but say so.
        let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if replaced > 0 {
            origin = format!("{origin} (not UTF-8 text: {replaced} character(s) could not be read and show as \u{FFFD}; save the file as UTF-8 and load it again)");
        }
        match input::read(text, json) {
            Read::Decision(result) => Action::OpenDecision { origin, result },
            Read::Profile(result) => Action::LoadProfile { origin, result },
            Read::Page(result) => Action::Import { origin, result },
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        s.revision = s.revision.wrapping_add(1);
        s.why = None;

        match action {
            Action::SetPreset(p) => s.decision.set_preset(p),
            Action::SetWeight(q, w) => s.decision.set_weight(q, w),
            Action::SetFinding(q, status) => {
                let Some(id) = s.shown_id() else { return Rc::new(s) };
                let finding = status.map(|st| match s.decision.candidate(&id).and_then(|c| c.record.finding(q)) {
                    // A new status keeps the basis, date and reference given.
                    Some(f) => Finding { status: st, ..f.clone() },
                    None => Finding::new(st),
                });
                s.decision.set_finding(&id, q, finding);
                s.notice = s.decision.finding_words(&id, q).map(Notice::Info);
            }
            Action::SetFindingBasis(q, basis) => s.edit_finding(q, |f| f.basis = basis),
            Action::SetFindingDate(q, date) => s.edit_finding(q, |f| f.date = date),
            Action::SetFindingReference(q, text) => s.edit_finding(q, |f| {
                if text.chars().count() <= crate::model::record::MAX_REFERENCE {
                    f.reference = text;
                }
            }),
            Action::SetNote(q, text) => {
                // Never cut: the note field refuses what does not fit, and
                // says so; anything longer arriving here is refused whole.
                if let Some(id) = s.shown_id() {
                    s.decision.set_note(&id, q, text);
                }
            }
            Action::SetConfirm(q, on) => s.decision.set_confirm(q, on),
            Action::Focus(id) => s.decision.set_focus(id.as_deref()),
            Action::SelectProvider(key) => {
                if let Some(profile) = s.choice(&key) {
                    match s.add_and_focus(Rc::clone(&profile)) {
                        Ok(_) => s.notice = None,
                        Err(why) => s.not_added(profile, why),
                    }
                }
            }
            Action::SetCompare(keys) => {
                let shown = s.shown_id();
                let before = s.decision.clone();
                let wanted: Vec<Rc<Profile>> = keys.iter().filter_map(|k| s.choice(k)).collect();
                let leaving: Vec<String> = s
                    .decision
                    .providers()
                    .filter(|c| Some(c.id()) != shown.as_deref() && !wanted.iter().any(|p| p.provider.id == c.id()))
                    .map(|c| c.id().to_owned())
                    .collect();
                for id in &leaving {
                    s.decision.set_aside(id);
                }
                let mut refused = Vec::new();
                for p in wanted.into_iter().filter(|p| Some(p.provider.id.as_str()) != shown.as_deref()) {
                    if let Err(why) = s.decision.add(Rc::clone(&p)) {
                        refused.push((p, why));
                    }
                }
                if s.decision != before {
                    s.undo.push(before);
                }
                // Focus stays where it was: comparing changes no one's detail.
                if let Some((p, why)) = refused.into_iter().next() {
                    s.not_added(p, why);
                }
            }
            Action::SetAside(id) => {
                if s.decision.provider_count() <= 1 {
                    s.notice = Some(Notice::Problem {
                        title: "A decision needs at least one provider.".into(),
                        detail: "Add another provider before taking this one out.".into(),
                    });
                } else {
                    s.checkpoint();
                    let kept = s
                        .decision
                        .candidate(&id)
                        .map(|c| (c.name().to_owned(), c.record.counts(), !c.record.is_empty()));
                    if let Some(c) = s.decision.candidate(&id) {
                        let p = Rc::clone(&c.profile);
                        s.remember(&p);
                    }
                    s.decision.set_aside(&id);
                    s.notice = kept.filter(|k| k.2).map(|(name, counts, _)| {
                        Notice::Info(format!(
                            "{name} is out of the decision; what you recorded about {name} ({counts}) is kept and comes back with it."
                        ))
                    });
                }
            }
            Action::ToggleProvider(key, true) => {
                if let Some(profile) = s.choice(&key) {
                    let before = s.decision.clone();
                    match s.decision.add(Rc::clone(&profile)) {
                        Ok(_) => {
                            s.undo.push(before);
                            s.notice = None;
                        }
                        Err(why) => s.not_added(profile, why),
                    }
                }
            }
            Action::ToggleProvider(key, false) => {
                if let Some(id) = s.choice(&key).map(|p| p.provider.id.clone()) {
                    s.revision = s.revision.wrapping_sub(1);
                    return State::reduce(Rc::new(s), Action::SetAside(id));
                }
            }
            Action::AllBundled => {
                let before = s.decision.clone();
                let mut left_out = Vec::new();
                for p in bundled::all() {
                    if s.decision.providers().any(|c| c.id() == p.provider.id) {
                        continue;
                    }
                    if let Err(why) = s.decision.add(Rc::clone(&p)) {
                        left_out.push((p, why));
                    }
                }
                if s.decision != before {
                    s.undo.push(before);
                }
                s.notice = None;
                if let Some((p, why)) =
                    left_out.iter().find(|(_, why)| matches!(why, NotAdded::SameIdWithRecord { .. }))
                {
                    s.not_added(Rc::clone(p), why.clone());
                } else if !left_out.is_empty() {
                    s.notice = Some(Notice::Problem {
                        title: format!("{} bundled provider(s) were not added.", left_out.len()),
                        detail: format!(
                            "A decision holds at most {MAX_PROVIDERS} providers: {} stayed out. Untick one to make room.",
                            left_out.iter().map(|(p, _)| p.provider.name.clone()).collect::<Vec<_>>().join(", ")
                        ),
                    });
                }
            }
            Action::ToggleRadar(id, on) => {
                let mut shown = s.overlaid();
                shown.retain(|x| *x != id);
                if on && shown.len() < MAX_SERIES {
                    shown.push(id);
                }
                s.radar = Some(shown);
            }
            Action::SameProvider(same) => s.answer_same_id(same),
            Action::LoadProfile { origin, result } => match result {
                Ok(checked) => {
                    let Checked { profile, warnings } = *checked;
                    let profile = Rc::new(profile);
                    let name = profile.provider.name.clone();
                    match s.add_and_focus(Rc::clone(&profile)) {
                        Ok(added) => {
                            let record = s.decision.candidate(&profile.provider.id).map(|c| c.record.clone());
                            let kept = match (added, record) {
                                (Added::Updated, Some(r)) if !r.is_empty() => {
                                    format!(
                                        " It replaces the earlier profile of {name}; what you recorded about {name} ({}) stays with {name}.",
                                        r.counts()
                                    )
                                }
                                _ => String::new(),
                            };
                            let summary = format!("Loaded the profile of {name} from {origin}.{kept}");
                            s.notice = Some(if warnings.is_empty() {
                                Notice::Info(summary)
                            } else {
                                Notice::ProfileWarnings { what: "profile", origin, summary, warnings }
                            });
                        }
                        Err(why) => s.not_added(profile, why),
                    }
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
            Action::OpenDecision { origin, result } => match result {
                Ok(opened) => {
                    let Opened { decision, warnings, version } = *opened;
                    let who = names(&decision);
                    s.replace(decision);
                    s.why = Some(format!("opened a decision file from {origin}"));
                    let from =
                        if version == 1 { "an evaluation file of an earlier version" } else { "a decision file" };
                    s.notice = Some(if warnings.is_empty() {
                        Notice::Info(format!(
                            "Opened {from} from {origin}: {who}, exactly as it was saved. Undo brings back the decision you had."
                        ))
                    } else {
                        Notice::ProfileWarnings {
                            what: "decision file",
                            origin,
                            summary: format!("Opened {from}: {who}. Read what differs from the file below; Undo brings back the decision you had."),
                            warnings,
                        }
                    });
                }
                Err(rejected) => {
                    s.notice = Some(Notice::ProfileRejected {
                        what: "decision file",
                        origin,
                        errors: rejected.errors,
                        warnings: rejected.warnings,
                    });
                }
            },
            Action::Import { origin, result } => match result {
                Ok(imported) => {
                    let Imported { profile, form, citations } = *imported;
                    let profile = Rc::new(profile);
                    let name = profile.provider.name.clone();
                    match s.add_and_focus(Rc::clone(&profile)) {
                        Ok(_) => {
                            s.notice = Some(Notice::Info(format!(
                                "Imported {name} from {origin} ({}): 18 answers, {citations} citations. The statuses are suggested from the wording: review each one (marked \"suggested\" until you confirm it).",
                                form.label()
                            )))
                        }
                        Err(why) => s.not_added(profile, why),
                    }
                }
                Err(e) => {
                    s.notice = Some(Notice::Problem {
                        title: format!("The text from {origin} was not read."),
                        detail: format!("{e}. Your decision is unchanged."),
                    });
                }
            },
            Action::ConfirmStatus(q) => {
                let Some(id) = s.shown_id() else { return Rc::new(s) };
                let Some(c) = s.decision.candidate(&id) else { return Rc::new(s) };
                let mut profile = (*c.profile).clone();
                if let Some(answer) = profile.answers.get_mut(q.index()).and_then(Option::as_mut) {
                    if let Some(basis) = answer.status_basis.as_mut().filter(|b| b.starts_with(import::SUGGESTED)) {
                        *basis = import::confirmed(basis);
                        s.checkpoint();
                        s.decision.replace_profile(Rc::new(profile));
                    }
                }
            }
            Action::AddAuthored(profile) => match s.add_and_focus(Rc::clone(&profile)) {
                Ok(_) => s.notice = None,
                Err(why) => s.not_added(profile, why),
            },
            Action::EditProfile { id, profile, first } => {
                let new_id = profile.provider.id.clone();
                if new_id != id && s.decision.candidate(&new_id).is_some() {
                    s.notice = Some(Notice::Problem {
                        title: format!("Another provider in the decision has the id \"{new_id}\"."),
                        detail: "Give this profile an id of its own; the edit was not applied.".into(),
                    });
                    return Rc::new(s);
                }
                if first {
                    s.checkpoint();
                }
                // The record belongs to the provider being edited: it stays
                // with it, whatever its profile now says.
                let focused = s.decision.focus.as_deref() == Some(id.as_str());
                if let Some(c) = s.decision.candidate_mut(&id) {
                    c.profile = profile;
                }
                if focused || s.decision.focus.is_none() {
                    s.decision.focus = Some(new_id);
                }
            }
            Action::SetAsOf(d) => s.decision.age.as_of = d,
            Action::SetStaleAfter(n) => s.decision.age.stale_after = n,
            Action::Refuse { title, detail } => s.notice = Some(Notice::Problem { title, detail }),
            Action::OpenLink(decision) => {
                if decision != s.decision {
                    s.replace(decision);
                    s.why = Some("opened a link".to_owned());
                    s.notice = Some(Notice::Info(
                        "Opened the decision from the link. Undo brings back the previous one.".into(),
                    ));
                }
            }
            Action::LinkFailed(err) => {
                s.notice = Some(Notice::Problem {
                    title: "This link cannot be opened".into(),
                    detail: format!("{err}. Your decision is unchanged."),
                });
            }
            Action::RestoreVersion { decision, when } => {
                s.replace(decision);
                s.why = Some(format!("restored the version of {when}"));
                s.notice = Some(Notice::Info(format!(
                    "Restored the version of {when}. The decision you had is in History, and Undo brings it back."
                )));
            }
            Action::Undo => {
                if let Some(decision) = s.undo.pop() {
                    s.why = Some("undid the last change".to_owned());
                    for c in &s.decision.candidates.clone() {
                        s.remember(&c.profile);
                    }
                    s.decision = decision;
                    s.notice = None;
                    s.pending = None;
                }
            }
            Action::Notify(n) => s.notice = Some(n),
            Action::Dismiss => {
                // Unsure is not an answer: both profiles stay.
                if s.pending.is_some() {
                    s.answer_same_id(false);
                } else {
                    s.notice = None;
                }
            }
        }
        // Profiles that left the decision stay in the pickers.
        let gone: Vec<Rc<Profile>> = self
            .decision
            .candidates
            .iter()
            .filter(|c| s.decision.candidate(c.id()).is_none())
            .map(|c| Rc::clone(&c.profile))
            .collect();
        for p in gone {
            s.remember(&p);
        }
        s.library.retain(|p| s.decision.candidate(&p.provider.id).is_none_or(|c| c.profile != *p));
        Rc::new(s)
    }
}
