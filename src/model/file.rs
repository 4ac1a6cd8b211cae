//! The decision file: the lab's file of record (docs/files.md). It is the
//! JSON export of a decision (`export::decision_json`), which carries,
//! beside the figures it shows, everything needed to open the decision
//! again exactly: every provider's whole profile and the lab's record for
//! it, the weights, the confirm-in-writing set, the as-of date. Version 1
//! files (`csp-radar-evaluation`: one provider, its overrides and notes,
//! compared profiles) still open, their findings and notes on the provider
//! they were made for.
//!
//! Reading is honest: fields left out are named with the default used, and
//! stored figures that disagree with the recomputed ones are reported.

use std::rc::Rc;

use super::age::{EvidenceAge, StaleAfter};
use super::catalog::QuestionId;
use super::decision::{Candidate, ConfirmInWriting, Decision, QuestionSet, MAX_KEPT_PROVIDERS, MAX_PROVIDERS};
use super::figures::{shown, Evaluation};
use super::json::{self, Node, Pos, Value};
use super::link;
use super::profile::{self, version_found, Checker, Date, Fields, Issue, IssueKind, Rejected};
use super::radar::MAX_SERIES;
use super::record::{self, question_key, Record};
use super::weights::{Preset, Weights};

pub const FORMAT: &str = "csp-radar-decision";
pub const VERSION: u64 = 2;
/// Version 1's format name: one evaluated provider.
pub const FORMAT_V1: &str = "csp-radar-evaluation";
/// A decision carries up to [`MAX_KEPT_PROVIDERS`] whole profiles of up to
/// 1 MiB each as read (at most twice that once written back with JSON's
/// escapes and indentation), and the lab's records: the widget writes
/// nothing larger, so it reopens everything it writes.
pub const MAX_BYTES: usize = (MAX_KEPT_PROVIDERS + 2) * 2 * profile::MAX_BYTES;

/// A decision read back from its file, and what was worth a warning.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub decision: Decision,
    /// Unknown fields, defaults used for fields left out, stored figures
    /// that differ from the recomputed ones.
    pub warnings: Vec<Issue>,
    /// The version the file was written in (1 or 2).
    pub version: u64,
}

/// Whether a JSON document's `format` names a decision or evaluation file.
pub fn is_decision_format(format: &str) -> bool {
    format == FORMAT || format == FORMAT_V1
}

/// Reads a decision file (version 2) or an evaluation file (version 1).
/// Never panics, whatever the input.
pub fn read(text: &str) -> Result<Opened, Rejected> {
    let start = Pos { line: 1, column: 1 };
    let fail = |pointer: &str, pos: Pos, kind: IssueKind| Rejected {
        errors: vec![Issue { pointer: pointer.to_owned(), pos, kind }],
        warnings: vec![],
    };
    if text.len() > MAX_BYTES {
        return Err(fail("", start, IssueKind::TooLarge { bytes: text.len(), max: MAX_BYTES }));
    }
    let root = json::parse(text).map_err(|e| fail(&e.pointer, e.pos, IssueKind::Syntax(e.message)))?;
    read_node(&root)
}

/// Reads an already parsed decision or evaluation file.
pub fn read_node(root: &Node) -> Result<Opened, Rejected> {
    let mut c = Checker::default();
    let reject = |c: Checker| Rejected { errors: c.errors, warnings: c.warnings };
    let Value::Object(_) = &root.value else {
        c.issue(String::new(), root.pos, IssueKind::WrongType { expected: "an object", found: root.value.kind() });
        return Err(reject(c));
    };
    let format = match root.value.get("format") {
        Some(Node { value: Value::String(s), .. }) if is_decision_format(s) => s.clone(),
        Some(n) => {
            c.issue("/format".into(), n.pos, IssueKind::WrongFormat { expected: FORMAT });
            return Err(reject(c));
        }
        None => {
            c.issue(String::new(), root.pos, IssueKind::Missing { field: "format" });
            return Err(reject(c));
        }
    };
    let (wanted, known): (&str, &[&str]) = if format == FORMAT { ("2", KNOWN_V2) } else { ("1", KNOWN_V1) };
    let Some(f) = c.object(root, String::new(), known) else { return Err(reject(c)) };
    match f.get("version") {
        Some(Node { value: Value::Number(n), .. }) if n == wanted => {}
        Some(n) => {
            c.issue("/version".into(), n.pos, version_found(n, if format == FORMAT { "2" } else { "1" }));
            return Err(reject(c));
        }
        None => {
            c.issue(String::new(), root.pos, IssueKind::Missing { field: "version" });
            return Err(reject(c));
        }
    }
    let decision = if format == FORMAT { read_v2(&mut c, &f) } else { read_v1(&mut c, &f) };
    match decision {
        Some(decision) if c.errors.is_empty() => {
            check_figures(&mut c, &f, &decision, format == FORMAT);
            let version = if format == FORMAT { 2 } else { 1 };
            Ok(Opened { decision, warnings: c.warnings, version })
        }
        _ => Err(reject(c)),
    }
}

/// Every field the export writes; others are warned about as unknown.
const KNOWN_V2: &[&str] = &[
    "format",
    "version",
    "attribution",
    "preset",
    "weights",
    "weights_adjusted",
    "as_of",
    "stale_after",
    "evidence_as_of",
    "confirm_in_writing",
    "focus",
    "ranking",
    "providers",
];
const KNOWN_PROVIDER: &[&str] = &["profile", "set_aside", "findings", "notes", "figures"];
const KNOWN_V1: &[&str] = &[
    "format",
    "version",
    "attribution",
    "provider_name",
    "weights",
    "weights_adjusted",
    "provider",
    "preset",
    "overall",
    "band",
    "coverage",
    "domains",
    "gaps",
    "overall_range",
    "domain_ranges",
    "ranking",
    "as_of",
    "stale_after",
    "evidence_as_of",
    "evidence_age",
    "questions",
    "overrides",
    "notes",
    "profile",
    "compare",
];

/// Says that a field was left out and which default stands in for it.
fn defaulted(c: &mut Checker, f: &Fields, field: &'static str, value: &str) {
    c.issue(String::new(), f.pos, IssueKind::DefaultUsed { field, value: value.to_owned() });
}

/// Where a field's value stands, for an error about it.
fn at(f: &Fields, key: &str) -> Pos {
    f.get(key).map_or(f.pos, |n| n.pos)
}

/// Preset, weights, as-of date and stale-after, shared by both versions.
fn settings(c: &mut Checker, f: &Fields) -> Option<(Preset, Weights, EvidenceAge)> {
    // `null` is how a file says "not set": the same as leaving it out.
    let absent = |key: &str| matches!(f.get(key), None | Some(Node { value: Value::Null, .. }));
    let preset = if absent("preset") {
        defaulted(c, f, "preset", Preset::default().id());
        Some(Preset::default())
    } else {
        c.text(f, "preset", false, 1, 40).and_then(|s| {
            let p = s.parse::<Preset>().ok();
            if p.is_none() {
                c.issue(f.at("preset"), at(f, "preset"), IssueKind::BadPreset(s.chars().take(40).collect()));
            }
            p
        })
    };
    let weights = if absent("weights") {
        if let Some(p) = preset {
            defaulted(c, f, "weights", &format!("the {} preset's", p.id()));
        }
        preset.map(Preset::weights)
    } else {
        c.text(f, "weights", false, 0, 40).and_then(|s| {
            let w = Weights::from_digits(&s);
            if w.is_none() {
                c.issue(f.at("weights"), at(f, "weights"), IssueKind::BadWeights);
            }
            w
        })
    };
    let as_of = match f.get("as_of") {
        None | Some(Node { value: Value::Null, .. }) => None,
        Some(Node { value: Value::String(s), pos }) => match Date::parse(s) {
            Some(d) => Some(d),
            None => {
                c.issue(f.at("as_of"), *pos, IssueKind::BadDate(s.chars().take(40).collect()));
                return None;
            }
        },
        Some(n) => {
            c.issue(f.at("as_of"), n.pos, IssueKind::WrongType { expected: "a date or null", found: n.value.kind() });
            return None;
        }
    };
    let stale_after = match f.get("stale_after") {
        None => {
            defaulted(c, f, "stale_after", &StaleAfter::default().to_string());
            StaleAfter::default()
        }
        Some(n) => {
            let months = match &n.value {
                Value::Number(t) => t.parse::<u64>().ok().and_then(StaleAfter::from_months),
                _ => None,
            };
            match months {
                Some(m) => m,
                None => {
                    c.issue(f.at("stale_after"), n.pos, IssueKind::BadStaleAfter);
                    return None;
                }
            }
        }
    };
    Some((preset?, weights?, EvidenceAge { as_of, stale_after }))
}

fn read_v2(c: &mut Checker, f: &Fields) -> Option<Decision> {
    let (preset, weights, age) = settings(c, f)?;
    let mut d = Decision { preset, weights, age, ..Decision::of(std::iter::empty(), preset) };
    let Some(list) = f.get("providers") else {
        c.issue(String::new(), f.pos, IssueKind::Missing { field: "providers" });
        return None;
    };
    let Value::Array(items) = &list.value else {
        c.issue("/providers".into(), list.pos, IssueKind::WrongType { expected: "an array", found: list.value.kind() });
        return None;
    };
    for (i, item) in items.iter().enumerate() {
        let at = format!("/providers/{i}");
        let Some(pf) = c.object(item, at.clone(), KNOWN_PROVIDER) else { continue };
        let Some(node) = pf.get("profile") else {
            c.issue(at, item.pos, IssueKind::Missing { field: "profile" });
            continue;
        };
        let profile = profile::check_at(node, format!("{at}/profile"), &mut c.errors, &mut c.warnings);
        let set_aside = match pf.get("set_aside") {
            None => false,
            Some(Node { value: Value::Bool(b), .. }) => *b,
            Some(n) => {
                c.issue(
                    format!("{at}/set_aside"),
                    n.pos,
                    IssueKind::WrongType { expected: "true or false", found: n.value.kind() },
                );
                false
            }
        };
        let record = record::read(c, pf.get("findings"), pf.get("notes"), &at);
        let (Some(profile), Some(record)) = (profile, record) else { continue };
        if d.candidate(&profile.provider.id).is_some() {
            c.issue(at, item.pos, IssueKind::SameProviderTwice(profile.provider.id));
            continue;
        }
        d.candidates.push(Candidate { profile: Rc::new(profile), record, set_aside });
    }
    if d.provider_count() > MAX_PROVIDERS || d.candidates.len() > MAX_KEPT_PROVIDERS {
        c.issue("/providers".into(), list.pos, IssueKind::TooManyProviders { max: MAX_PROVIDERS });
    } else if d.provider_count() == 0 && c.errors.is_empty() {
        c.issue("/providers".into(), list.pos, IssueKind::NoProviders);
    }
    match f.get("confirm_in_writing") {
        None => defaulted(c, f, "confirm_in_writing", "the questions weighted 5"),
        Some(n) => {
            let wanted = match &n.value {
                Value::Array(items) => items
                    .iter()
                    .map(|i| match &i.value {
                        Value::Number(t) => question_key(t),
                        _ => None,
                    })
                    .collect::<Option<Vec<QuestionId>>>(),
                _ => None,
            };
            match wanted {
                Some(qs) => d.confirm = ConfirmInWriting::to_reach(QuestionSet::of(qs), &d.weights),
                None => c.issue(
                    "/confirm_in_writing".into(),
                    n.pos,
                    IssueKind::WrongType { expected: "a list of question numbers 1..18", found: n.value.kind() },
                ),
            }
        }
    }
    match f.get("focus") {
        None | Some(Node { value: Value::Null, .. }) => {}
        Some(Node { value: Value::String(id), pos }) => {
            if d.providers().any(|p| p.id() == id) {
                d.focus = Some(id.clone());
            } else {
                c.issue("/focus".into(), *pos, IssueKind::UnknownFocus(id.clone()));
            }
        }
        Some(n) => c.issue(
            "/focus".into(),
            n.pos,
            IssueKind::WrongType { expected: "a provider id or null", found: n.value.kind() },
        ),
    }
    Some(d)
}

/// A version 1 evaluation file: one provider with the lab's overrides and
/// notes, and the profiles compared with it.
fn read_v1(c: &mut Checker, f: &Fields) -> Option<Decision> {
    let settings = settings(c, f);
    let profile = match f.get("profile") {
        Some(node) => profile::check_at(node, "/profile".into(), &mut c.errors, &mut c.warnings),
        None => {
            c.issue(String::new(), f.pos, IssueKind::Missing { field: "profile" });
            None
        }
    };
    let compare = compare_v1(c, f, profile.as_ref().map(|p| p.provider.id.as_str()));
    let record = record::read(c, f.get("overrides"), f.get("notes"), "");
    let (preset, weights, age) = settings?;
    let (profile, compare, record): (_, _, Record) = (profile?, compare?, record?);
    Some(link::from_v1(Rc::new(profile), compare, record, |d| {
        d.preset = preset;
        d.weights = weights;
        d.age = age;
    }))
}

fn compare_v1(c: &mut Checker, f: &Fields, main: Option<&str>) -> Option<Vec<Rc<profile::Profile>>> {
    let Some(node) = f.get("compare") else { return Some(Vec::new()) };
    let Value::Array(items) = &node.value else {
        c.issue("/compare".into(), node.pos, IssueKind::WrongType { expected: "an array", found: node.value.kind() });
        return None;
    };
    if items.len() >= MAX_SERIES {
        c.issue("/compare".into(), node.pos, IssueKind::TooManyCompared { max: MAX_SERIES - 1 });
        return None;
    }
    let mut out: Vec<Rc<profile::Profile>> = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let at = format!("/compare/{i}");
        match profile::check_at(item, at.clone(), &mut c.errors, &mut c.warnings) {
            Some(p) if main == Some(p.provider.id.as_str()) || out.iter().any(|o| o.provider.id == p.provider.id) => {
                c.issue(at, item.pos, IssueKind::SameProviderTwice(p.provider.id));
                ok = false;
            }
            Some(p) => out.push(Rc::new(p)),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// Reports stored figures that differ from what the file's own contents
/// give now (a file edited by hand, or written under other rules).
fn check_figures(c: &mut Checker, f: &Fields, d: &Decision, v2: bool) {
    let compare = |c: &mut Checker, at: String, stored: Option<&Node>, e: &Evaluation| {
        let figures = e.figures();
        for (key, value) in [("overall", figures.overall), ("coverage", figures.coverage)] {
            let Some(n) = stored.and_then(|s| s.value.get(key)) else { continue };
            let written = match &n.value {
                Value::Number(t) => t.clone(),
                Value::Null => "n/a".to_owned(),
                _ => continue,
            };
            let now = shown(value);
            if written.parse::<f64>().ok() != now.parse::<f64>().ok() {
                c.issue(
                    format!("{at}/{key}"),
                    n.pos,
                    IssueKind::StoredFigureDiffers { what: key, stored: written, computed: now },
                );
            }
        }
    };
    if v2 {
        let Some(Node { value: Value::Array(items), .. }) = f.get("providers") else { return };
        for (i, item) in items.iter().enumerate() {
            let Some(id) =
                item.value.get("profile").and_then(|p| p.value.get("provider")).and_then(|p| p.value.get("id"))
            else {
                continue;
            };
            let Value::String(id) = &id.value else { continue };
            if let Some(cand) = d.candidate(id) {
                compare(c, format!("/providers/{i}/figures"), item.value.get("figures"), &d.evaluation(cand));
            }
        }
    } else if let Some(cand) = d.focused() {
        // Version 1 wrote the figures at the top level.
        compare(c, String::new(), Some(f.node), &d.evaluation(cand));
    }
}
