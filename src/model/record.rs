//! The evaluation file (docs/files.md): the lab's file of record. It is
//! the evaluation JSON export (`export::evaluation_json`), which carries,
//! beside the figures it shows, everything needed to open the evaluation
//! again exactly: the whole profile, the compared profiles, the preset,
//! weights, findings (overrides) and notes. This module reads it back, with
//! located errors like a profile's.

use std::rc::Rc;

use super::age::{EvidenceAge, StaleAfter};
use super::catalog::QuestionId;
use super::figures::Evaluation;
use super::json::{self, Member, Node, Pos, Value};
use super::link::{ShareLink, MAX_NOTE};
use super::profile::{self, Date, Issue, IssueKind, Profile, Rejected};
use super::radar::MAX_SERIES;
use super::status::Status;
use super::weights::{Preset, Weights};

pub const FORMAT: &str = "csp-radar-evaluation";
pub const VERSION: u64 = 1;
/// An evaluation carries up to four whole profiles of up to 1 MiB each.
pub const MAX_BYTES: usize = 5 * profile::MAX_BYTES;

/// An evaluation read back from its file, and what was worth a warning.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub link: ShareLink,
    pub warnings: Vec<Issue>,
}

/// Whether a text looks like an evaluation file rather than a profile or a
/// provider page: a JSON object whose `format` is ours.
pub fn looks_like(text: &str) -> bool {
    let head: String = text.chars().take(4096).collect();
    head.trim_start_matches('\u{feff}').trim_start().starts_with('{') && head.contains(FORMAT)
}

/// Reads an evaluation file. Never panics, whatever the input.
pub fn read(text: &str) -> Result<Opened, Rejected> {
    let fail = |pointer: &str, pos: Pos, kind: IssueKind| Rejected {
        errors: vec![Issue { pointer: pointer.to_owned(), pos, kind }],
        warnings: vec![],
    };
    let start = Pos { line: 1, column: 1 };
    if text.len() > MAX_BYTES {
        return Err(fail("", start, IssueKind::TooLarge { bytes: text.len(), max: MAX_BYTES }));
    }
    let root = json::parse(text).map_err(|e| fail(&e.pointer, e.pos, IssueKind::Syntax(e.message)))?;
    let Value::Object(members) = &root.value else {
        return Err(fail("", root.pos, IssueKind::WrongType { expected: "an object", found: root.value.kind() }));
    };
    let mut r = Reader { members, errors: Vec::new(), warnings: Vec::new() };
    match r.format_and_version(root.pos) {
        Some(()) => {}
        None => return Err(Rejected { errors: r.errors, warnings: r.warnings }),
    }
    let profile = match r.get("profile") {
        Some(node) => profile::check_at(node, "/profile".into(), &mut r.errors, &mut r.warnings),
        None => {
            r.error("", root.pos, IssueKind::Missing { field: "profile" });
            None
        }
    };
    let compare = r.compare();
    let preset = r.preset();
    let weights = r.weights(preset);
    let overrides = r.overrides();
    let notes = r.notes();
    let age = r.age();
    match (profile, compare, preset, weights, overrides, notes, age) {
        (Some(profile), Some(compare), Some(preset), Some(weights), Some(overrides), Some(notes), Some(age))
            if r.errors.is_empty() =>
        {
            let evaluation = Evaluation { profile: Rc::new(profile), preset, weights, overrides, notes, age };
            Ok(Opened { link: ShareLink { evaluation, compare }, warnings: r.warnings })
        }
        _ => Err(Rejected { errors: r.errors, warnings: r.warnings }),
    }
}

struct Reader<'a> {
    members: &'a [Member],
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
}

impl<'a> Reader<'a> {
    fn get(&self, key: &str) -> Option<&'a Node> {
        self.members.iter().find(|m| m.key == key).map(|m| &m.node)
    }

    fn error(&mut self, pointer: &str, pos: Pos, kind: IssueKind) {
        self.errors.push(Issue { pointer: pointer.to_owned(), pos, kind });
    }

    fn format_and_version(&mut self, root: Pos) -> Option<()> {
        match self.get("format") {
            Some(Node { value: Value::String(s), .. }) if s == FORMAT => {}
            Some(n) => {
                self.error("/format", n.pos, IssueKind::WrongFormat { expected: FORMAT });
                return None;
            }
            None => {
                self.error("", root, IssueKind::Missing { field: "format" });
                return None;
            }
        }
        match self.get("version") {
            Some(Node { value: Value::Number(n), .. }) if n == "1" => Some(()),
            Some(n) => {
                let shown = match &n.value {
                    Value::Number(s) | Value::String(s) => s.chars().take(40).collect(),
                    other => other.kind().to_owned(),
                };
                self.error("/version", n.pos, IssueKind::UnsupportedVersion(shown));
                None
            }
            None => {
                self.error("", root, IssueKind::Missing { field: "version" });
                None
            }
        }
    }

    /// `as_of` (a date, absent: today) and `stale_after` (12, 24, 36, 60).
    fn age(&mut self) -> Option<EvidenceAge> {
        let as_of = match self.string("as_of")? {
            None => None,
            Some((s, pos)) => match Date::parse(s) {
                Some(d) => Some(d),
                None => {
                    self.error("/as_of", pos, IssueKind::BadDate(s.chars().take(40).collect()));
                    return None;
                }
            },
        };
        let stale_after = match self.get("stale_after") {
            None => StaleAfter::default(),
            Some(n) => {
                let months = match &n.value {
                    Value::Number(t) => t.parse::<u64>().ok().and_then(StaleAfter::from_months),
                    _ => None,
                };
                match months {
                    Some(m) => m,
                    None => {
                        self.error("/stale_after", n.pos, IssueKind::BadStaleAfter);
                        return None;
                    }
                }
            }
        };
        Some(EvidenceAge { as_of, stale_after })
    }

    fn compare(&mut self) -> Option<Vec<Rc<Profile>>> {
        let Some(node) = self.get("compare") else { return Some(Vec::new()) };
        let Value::Array(items) = &node.value else {
            self.error("/compare", node.pos, IssueKind::WrongType { expected: "an array", found: node.value.kind() });
            return None;
        };
        if items.len() >= MAX_SERIES {
            self.error("/compare", node.pos, IssueKind::TooManyCompared { max: MAX_SERIES - 1 });
            return None;
        }
        let mut out: Vec<Rc<Profile>> = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let at = format!("/compare/{i}");
            match profile::check_at(item, at.clone(), &mut self.errors, &mut self.warnings) {
                Some(p) if out.iter().any(|o| o.provider.id == p.provider.id) => {
                    self.error(&at, item.pos, IssueKind::ComparedTwice(p.provider.id));
                    ok = false;
                }
                Some(p) => out.push(Rc::new(p)),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn string(&mut self, key: &'static str) -> Option<Option<(&'a str, Pos)>> {
        match self.get(key) {
            // `null` is how the export writes "not set".
            None | Some(Node { value: Value::Null, .. }) => Some(None),
            Some(Node { value: Value::String(s), pos }) => Some(Some((s.as_str(), *pos))),
            Some(n) => {
                self.error(
                    &format!("/{key}"),
                    n.pos,
                    IssueKind::WrongType { expected: "a string", found: n.value.kind() },
                );
                None
            }
        }
    }

    fn preset(&mut self) -> Option<Preset> {
        match self.string("preset")? {
            None => Some(Preset::default()),
            Some((s, pos)) => {
                let preset = s.parse::<Preset>().ok();
                if preset.is_none() {
                    self.error("/preset", pos, IssueKind::BadPreset(s.chars().take(40).collect()));
                }
                preset
            }
        }
    }

    fn weights(&mut self, preset: Option<Preset>) -> Option<Weights> {
        match self.string("weights")? {
            None => preset.map(Preset::weights),
            Some((s, pos)) => {
                let weights = Weights::from_digits(s);
                if weights.is_none() {
                    self.error("/weights", pos, IssueKind::BadWeights);
                }
                weights
            }
        }
    }

    /// An object keyed by question number ("3"), each value read by `item`.
    fn per_question<T: Default>(
        &mut self,
        key: &'static str,
        mut item: impl FnMut(&mut Self, &str, &Node) -> Option<T>,
    ) -> Option<[T; 18]> {
        let mut out: [T; 18] = Default::default();
        let Some(node) = self.get(key) else { return Some(out) };
        let Value::Object(members) = &node.value else {
            self.error(
                &format!("/{key}"),
                node.pos,
                IssueKind::WrongType { expected: "an object", found: node.value.kind() },
            );
            return None;
        };
        let mut ok = true;
        for m in members {
            let at = format!("/{key}/{}", json::pointer_token(&m.key));
            let Some(q) = m.key.parse::<u64>().ok().and_then(QuestionId::new) else {
                self.error(&at, m.key_pos, IssueKind::QuestionOutOfRange(m.key.chars().take(40).collect()));
                ok = false;
                continue;
            };
            match item(self, &at, &m.node) {
                Some(v) => out[q.index()] = v,
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn overrides(&mut self) -> Option<[Option<Status>; 18]> {
        self.per_question("overrides", |r, at, node| match &node.value {
            Value::String(s) => match s.parse::<Status>() {
                Ok(st) => Some(Some(st)),
                Err(()) => {
                    r.error(at, node.pos, IssueKind::BadStatus(s.chars().take(40).collect()));
                    None
                }
            },
            other => {
                r.error(at, node.pos, IssueKind::WrongType { expected: "a string", found: other.kind() });
                None
            }
        })
    }

    fn notes(&mut self) -> Option<[String; 18]> {
        self.per_question("notes", |r, at, node| match &node.value {
            Value::String(s) if s.chars().count() <= MAX_NOTE => Some(s.clone()),
            Value::String(s) => {
                let found = s.chars().count();
                r.error(at, node.pos, IssueKind::BadLength { field: "note", min: 0, max: MAX_NOTE, found });
                None
            }
            other => {
                r.error(at, node.pos, IssueKind::WrongType { expected: "a string", found: other.kind() });
                None
            }
        })
    }
}
