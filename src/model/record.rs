//! The lab's own record for one provider: what it learned per question (a
//! finding: a status and the basis it rests on) and its notes. A record
//! belongs to one provider of a decision and never applies to another
//! (docs/files.md, "The decision").

use std::fmt;

use super::catalog::QuestionId;
use super::json::{self, Node, Pos, Value};
use super::profile::{Checker, Date, Issue, IssueKind, WebUrl};
use super::status::Status;

/// Longest note per question, in characters.
pub const MAX_NOTE: usize = 2000;
/// Longest document reference of a finding ("signed BAA, ref. 2026-114").
pub const MAX_REFERENCE: usize = 300;

/// How the lab knows what a finding says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Public evidence the lab found itself.
    Public,
    /// The provider's written statement: a contract, a BAA, an email, a
    /// questionnaire answer.
    Provider,
    /// The lab's own test or audit.
    Lab,
}

impl Basis {
    pub const ALL: [Basis; 3] = [Basis::Public, Basis::Provider, Basis::Lab];

    /// The id used in files and links.
    pub fn id(self) -> &'static str {
        match self {
            Basis::Public => "public",
            Basis::Provider => "provider",
            Basis::Lab => "lab",
        }
    }

    /// What a lab reads in the basis picker.
    pub fn label(self) -> &'static str {
        match self {
            Basis::Public => "public evidence",
            Basis::Provider => "provider, in writing",
            Basis::Lab => "our own test or audit",
        }
    }

    pub fn parse(id: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.id() == id)
    }

    /// A provider's statement and the lab's own test need a date and a
    /// document reference, so an auditor can find them.
    pub fn needs_date_and_reference(self) -> bool {
        !matches!(self, Basis::Public)
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What the lab learned about one question of one provider. Its status
/// replaces the profile's in every figure of that provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub status: Status,
    /// `None`: not stated yet (findings recorded before findings had a basis
    /// open this way, and a new finding starts so until the lab says).
    pub basis: Option<Basis>,
    pub date: Option<Date>,
    /// The document the finding rests on; empty when none is given.
    pub reference: String,
    pub url: Option<WebUrl>,
}

impl Finding {
    /// A finding with only a status, its basis still to be stated.
    pub fn new(status: Status) -> Finding {
        Finding { status, basis: None, date: None, reference: String::new(), url: None }
    }

    /// What the finding still lacks for its basis: "basis", "date",
    /// "reference". An incomplete finding still counts (nothing the lab
    /// wrote is dropped); the widget and reports say what is missing.
    pub fn missing(&self) -> Vec<&'static str> {
        match self.basis {
            None => vec!["basis"],
            Some(b) if b.needs_date_and_reference() => {
                let mut out = Vec::new();
                if self.date.is_none() {
                    out.push("date");
                }
                if self.reference.trim().is_empty() {
                    out.push("reference");
                }
                out
            }
            Some(_) => Vec::new(),
        }
    }

    /// Whether this is the provider's own statement in writing, dated and
    /// referenced: what "confirm in writing" asks for.
    pub fn is_written_confirmation(&self) -> bool {
        self.basis == Some(Basis::Provider) && self.missing().is_empty()
    }

    /// "documented — signed BAA, provider, 2026-12-07": the finding named by
    /// what it is.
    pub fn words(&self) -> String {
        let mut parts = Vec::new();
        if !self.reference.trim().is_empty() {
            parts.push(self.reference.clone());
        }
        parts.push(self.basis.map_or("basis not stated", Basis::id).to_owned());
        if let Some(d) = &self.date {
            parts.push(d.to_string());
        }
        format!("{} — {}", self.status, parts.join(", "))
    }

    /// Whether the finding carries nothing but its status (the link then
    /// writes it in its short form).
    pub fn is_status_only(&self) -> bool {
        self.basis.is_none() && self.date.is_none() && self.reference.is_empty() && self.url.is_none()
    }

    pub fn to_json(&self) -> Node {
        let mut m = vec![("status", Node::str(self.status.id()))];
        if let Some(b) = self.basis {
            m.push(("basis", Node::str(b.id())));
        }
        if let Some(d) = &self.date {
            m.push(("date", Node::str(d.as_str())));
        }
        if !self.reference.is_empty() {
            m.push(("reference", Node::str(&self.reference)));
        }
        if let Some(u) = &self.url {
            m.push(("url", Node::str(u.as_str())));
        }
        Node::object(m)
    }
}

/// The lab's record for one provider: a finding and a note per question.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub findings: [Option<Finding>; QuestionId::COUNT],
    pub notes: [String; QuestionId::COUNT],
}

impl Record {
    pub fn finding(&self, q: QuestionId) -> Option<&Finding> {
        self.findings.get(q.index()).and_then(Option::as_ref)
    }

    pub fn note(&self, q: QuestionId) -> &str {
        self.notes.get(q.index()).map_or("", String::as_str)
    }

    pub fn set_finding(&mut self, q: QuestionId, finding: Option<Finding>) {
        if let Some(slot) = self.findings.get_mut(q.index()) {
            *slot = finding;
        }
    }

    /// Sets a note; a note over [`MAX_NOTE`] characters is refused whole,
    /// never cut (`false`).
    pub fn set_note(&mut self, q: QuestionId, text: String) -> bool {
        if text.chars().count() > MAX_NOTE {
            return false;
        }
        if let Some(slot) = self.notes.get_mut(q.index()) {
            *slot = text;
        }
        true
    }

    pub fn finding_count(&self) -> usize {
        self.findings.iter().flatten().count()
    }

    pub fn note_count(&self) -> usize {
        self.notes.iter().filter(|n| !n.is_empty()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.finding_count() == 0 && self.note_count() == 0
    }

    /// What the lab recorded, counted: "2 findings and 1 note", "1 note",
    /// "nothing yet" (parts with none are left out, so a sentence never
    /// reads "your no findings").
    pub fn counts(&self) -> String {
        match (self.finding_count(), self.note_count()) {
            (0, 0) => "nothing yet".to_owned(),
            (f, 0) => count(f, "finding"),
            (0, n) => count(n, "note"),
            (f, n) => format!("{} and {}", count(f, "finding"), count(n, "note")),
        }
    }

    /// `{"findings": {"14": {...}}, "notes": {"14": "..."}}`, questions by
    /// number; empty parts are left out.
    pub fn to_json_members(&self) -> Vec<(&'static str, Node)> {
        let findings: Vec<(String, Node)> =
            QuestionId::all().filter_map(|q| Some((q.number().to_string(), self.finding(q)?.to_json()))).collect();
        let notes: Vec<(String, Node)> = QuestionId::all()
            .filter(|&q| !self.note(q).is_empty())
            .map(|q| (q.number().to_string(), Node::str(self.note(q))))
            .collect();
        let mut m = Vec::new();
        if !findings.is_empty() {
            m.push(("findings", Node::object(findings)));
        }
        if !notes.is_empty() {
            m.push(("notes", Node::object(notes)));
        }
        m
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

/// The question a key names, only in its canonical form "4": "+4", "04" and
/// "4.0" are refused, so two keys can never name one question.
pub fn question_key(key: &str) -> Option<QuestionId> {
    let q = key.parse::<u64>().ok().and_then(QuestionId::new)?;
    (q.number().to_string() == key).then_some(q)
}

/// Reads a record's `findings` and `notes` from the object `node` at
/// `pointer` (a decision file's provider, a link's record). Errors and
/// warnings go to the checker; `None` when any part is wrong.
pub(crate) fn read(c: &mut Checker, findings: Option<&Node>, notes: Option<&Node>, pointer: &str) -> Option<Record> {
    let mut record = Record::default();
    let mut ok = true;
    if let Some(node) = findings {
        ok &= per_question(c, node, &format!("{pointer}/findings"), |c, q, at, node| {
            let f = read_finding(c, node, at)?;
            record.set_finding(q, Some(f));
            Some(())
        });
    }
    if let Some(node) = notes {
        ok &= per_question(c, node, &format!("{pointer}/notes"), |c, q, at, node| match &node.value {
            Value::String(s) if s.chars().count() <= MAX_NOTE => {
                record.set_note(q, s.clone());
                Some(())
            }
            Value::String(s) => {
                let found = s.chars().count();
                c.issue(at.to_owned(), node.pos, IssueKind::BadLength { field: "note", min: 0, max: MAX_NOTE, found });
                None
            }
            other => {
                c.issue(at.to_owned(), node.pos, IssueKind::WrongType { expected: "a string", found: other.kind() });
                None
            }
        });
    }
    ok.then_some(record)
}

/// An object keyed by question number, each value read by `item`.
fn per_question(
    c: &mut Checker,
    node: &Node,
    pointer: &str,
    mut item: impl FnMut(&mut Checker, QuestionId, &str, &Node) -> Option<()>,
) -> bool {
    let Value::Object(members) = &node.value else {
        c.issue(pointer.to_owned(), node.pos, IssueKind::WrongType { expected: "an object", found: node.value.kind() });
        return false;
    };
    let mut ok = true;
    let mut seen: Vec<(QuestionId, Pos)> = Vec::new();
    for m in members {
        let at = format!("{pointer}/{}", json::pointer_token(&m.key));
        let Some(q) = question_key(&m.key) else {
            c.issue(at, m.key_pos, IssueKind::QuestionOutOfRange(m.key.chars().take(40).collect()));
            ok = false;
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == q) {
            c.issue(at, m.key_pos, IssueKind::DuplicateQuestion { question: q.number(), first: *first });
            ok = false;
            continue;
        }
        seen.push((q, m.key_pos));
        ok &= item(c, q, &at, &m.node).is_some();
    }
    ok
}

fn read_finding(c: &mut Checker, node: &Node, pointer: &str) -> Option<Finding> {
    // A version 1 file wrote a finding as its bare status.
    if let Value::String(s) = &node.value {
        return match s.parse::<Status>() {
            Ok(st) => Some(Finding::new(st)),
            Err(()) => {
                c.issue(pointer.to_owned(), node.pos, IssueKind::BadStatus(s.chars().take(40).collect()));
                None
            }
        };
    }
    let f = c.object(node, pointer.to_owned(), &["status", "basis", "date", "reference", "url"])?;
    let status = match c.text(&f, "status", true, 1, 40) {
        Some(s) => match s.parse::<Status>() {
            Ok(st) => Some(st),
            Err(()) => {
                c.issue(f.at("status"), f.get("status").map_or(f.pos, |n| n.pos), IssueKind::BadStatus(s));
                None
            }
        },
        None => None,
    };
    let basis = match c.text(&f, "basis", false, 1, 40) {
        None => None,
        Some(b) => match Basis::parse(&b) {
            Some(b) => Some(b),
            None => {
                c.issue(f.at("basis"), f.get("basis").map_or(f.pos, |n| n.pos), IssueKind::BadBasis(b));
                return None;
            }
        },
    };
    let date = c.date(&f, "date");
    let reference = c.text(&f, "reference", false, 0, MAX_REFERENCE).unwrap_or_default();
    let url = c.url(&f, "url", false);
    Some(Finding { status: status?, basis, date, reference, url })
}

/// The issues found in a record, for callers that report them as text.
pub fn describe(issues: &[Issue]) -> String {
    issues.iter().map(Issue::to_string).collect::<Vec<_>>().join("; ")
}
