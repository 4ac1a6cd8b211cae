//! The share link: a whole decision in the URL fragment, readable in the
//! spirit of CVSS vectors (docs/files.md, "The share link"):
//!
//! `#CSPR:2/p:aws,microsoft-azure,~<deflate>/f:aws/s:clinical/w:345543...3/k:+3,-14/o:0.14d/r:<deflate>`
//!
//! Segments may come in any order; values equal to the default are left out;
//! printing a parsed canonical link gives back the same text. Custom
//! profiles (`~` in `p:`) and the records (`r:`) travel as deflate +
//! base64url, and inflating is bounded so a "zip bomb" link cannot exhaust
//! memory. Version 1 links (one provider, its overrides and notes, the
//! providers compared with it) still open: their findings and notes become
//! the record of the provider they were made for.

use std::fmt;
use std::rc::Rc;

use super::age::{EvidenceAge, StaleAfter};
use super::bundled;
use super::catalog::QuestionId;
use super::decision::{Candidate, ConfirmInWriting, Decision, MAX_KEPT_PROVIDERS, MAX_PROVIDERS};
use super::deflate;
use super::json::{self, Node, Value};
use super::profile::{Checker, Date, Profile};
use super::radar::MAX_SERIES;
use super::record::{self, question_key, Finding, Record, MAX_NOTE};
use super::status::Status;
use super::weights::{Preset, Weights};

/// Marks a fragment as ours; other fragments (wiki anchors) are left alone.
pub const PREFIX: &str = "CSPR";
/// The version this csp-radar writes; it reads 1 and 2.
pub const VERSION: u32 = 2;
/// Longer fragments are refused before any work is done.
pub const MAX_FRAGMENT: usize = 64 * 1024;
/// A saved copy (browser storage) is not a link anyone types or pastes: it
/// may be far longer, so saving keeps working for a decision too large to
/// share. Each packed part is still bounded by [`MAX_INFLATED`].
pub const MAX_SAVED: usize = super::file::MAX_BYTES;
/// From this length on, the widget warns that the link is nearing its limit.
pub const WARN_FRAGMENT: usize = 40 * 1024;
/// Inflated data may not exceed this: a profile of the largest size read,
/// written back (escaping at most doubles a profile's text), with room for
/// its keys. Enough for anything the widget packs, and still a bound
/// against a small link that unpacks to gigabytes.
pub const MAX_INFLATED: usize = 2 * super::profile::MAX_BYTES + 64 * 1024;

/// Why a fragment is not a usable link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Not ours at all (e.g. `#Provider_research`): ignore silently.
    BadPrefix,
    UnsupportedVersion(String),
    UnknownKey(String),
    BadValue {
        key: char,
        reason: String,
    },
    DuplicateKey(String),
    TooLong(usize),
    BadCompression {
        key: char,
        reason: String,
    },
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::BadPrefix => write!(f, "this is not a csp-radar link (it does not start with {PREFIX}:{VERSION}/)"),
            LinkError::UnsupportedVersion(v) => write!(
                f,
                "this link is version {v}; this csp-radar opens versions 1 and {VERSION} (a newer csp-radar may open it)"
            ),
            LinkError::UnknownKey(k) => write!(f, "unknown part \"{}\" in the link", short(k)),
            LinkError::BadValue { key, reason } => write!(f, "the link's \"{key}:\" part is invalid: {reason}"),
            LinkError::DuplicateKey(k) => write!(f, "the link has \"{}:\" twice", short(k)),
            LinkError::TooLong(n) => write!(
                f,
                "the link is {n} characters long; at most {MAX_FRAGMENT} are accepted (save the decision as a file instead)"
            ),
            LinkError::BadCompression { key, reason } => {
                write!(f, "the link's \"{key}:\" part cannot be unpacked: {reason}")
            }
        }
    }
}

fn short(s: &str) -> String {
    s.chars().take(24).collect()
}

impl Decision {
    /// Reads a fragment, with or without the leading `#`.
    pub fn from_fragment(fragment: &str) -> Result<Decision, LinkError> {
        read(fragment.strip_prefix('#').unwrap_or(fragment), MAX_FRAGMENT)
    }

    /// Reads a saved copy, which may be longer than a link may be.
    pub fn from_saved(text: &str) -> Result<Decision, LinkError> {
        read(text, MAX_SAVED)
    }

    /// The canonical link (no leading `#`).
    pub fn to_link(&self) -> String {
        let mut out = format!("{PREFIX}:{VERSION}");
        let default_ids: Vec<&str> = bundled::SOURCES.iter().map(|b| b.id).collect();
        let plain_default = self.candidates.len() == default_ids.len()
            && self
                .candidates
                .iter()
                .zip(&default_ids)
                .all(|(c, id)| !c.set_aside && c.id() == *id && bundled::is_bundled(&c.profile));
        if !plain_default {
            let items: Vec<String> = self
                .candidates
                .iter()
                .map(|c| {
                    let aside = if c.set_aside { "-" } else { "" };
                    if bundled::is_bundled(&c.profile) {
                        format!("{aside}{}", c.id())
                    } else {
                        format!("{aside}~{}", packed_profile(&c.profile))
                    }
                })
                .collect();
            out.push_str(&format!("/p:{}", items.join(",")));
        }
        if let Some(focus) = &self.focus {
            out.push_str(&format!("/f:{focus}"));
        }
        if self.preset != Preset::default() {
            out.push_str(&format!("/s:{}", self.preset));
        }
        if self.weights != self.preset.weights() {
            out.push_str(&format!("/w:{}", self.weights.digits()));
        }
        let confirm: Vec<String> = QuestionId::all()
            .filter_map(|q| {
                if self.confirm.added.contains(q) {
                    Some(format!("+{}", q.number()))
                } else if self.confirm.removed.contains(q) {
                    Some(format!("-{}", q.number()))
                } else {
                    None
                }
            })
            .collect();
        if !confirm.is_empty() {
            out.push_str(&format!("/k:{}", confirm.join(",")));
        }
        if let Some(d) = &self.age.as_of {
            out.push_str(&format!("/a:{d}"));
        }
        if self.age.stale_after != StaleAfter::default() {
            out.push_str(&format!("/t:{}", self.age.stale_after));
        }
        // Findings that are a bare status travel short ("0.14d": the first
        // provider's Q14 is documented); everything else the lab wrote
        // travels packed in `r:`.
        let mut short_findings = Vec::new();
        let mut records = Vec::new();
        for (i, c) in self.candidates.iter().enumerate() {
            let mut rest = c.record.clone();
            for q in QuestionId::all() {
                if let Some(f) = c.record.finding(q).filter(|f| f.is_status_only()) {
                    short_findings.push(format!("{i}.{}{}", q.number(), f.status.letter()));
                    rest.set_finding(q, None);
                }
            }
            let members = rest.to_json_members();
            if !members.is_empty() {
                records.push((i.to_string(), Node::object(members)));
            }
        }
        if !short_findings.is_empty() {
            out.push_str(&format!("/o:{}", short_findings.join(",")));
        }
        if !records.is_empty() {
            out.push_str(&format!("/r:{}", pack(Node::object(records).to_compact().as_bytes())));
        }
        out
    }

    /// Whether the printed link can be opened as a link.
    pub fn fits_a_link(printed: &str) -> bool {
        printed.len() <= MAX_FRAGMENT
    }
}

fn read(s: &str, limit: usize) -> Result<Decision, LinkError> {
    if s.len() > limit {
        return Err(LinkError::TooLong(s.len()));
    }
    let mut segments = s.split('/');
    let head = segments.next().unwrap_or_default();
    let version = head.strip_prefix(PREFIX).and_then(|v| v.strip_prefix(':')).ok_or(LinkError::BadPrefix)?;
    match version {
        "1" => read_v1(segments),
        "2" => read_v2(segments),
        other => Err(LinkError::UnsupportedVersion(short(other))),
    }
}

/// Splits the segments into `(key, value)`, refusing unknown and repeated
/// keys.
fn keyed<'a>(segments: impl Iterator<Item = &'a str>, known: &[char]) -> Result<Vec<(char, &'a str)>, LinkError> {
    let mut out: Vec<(char, &str)> = Vec::new();
    for segment in segments.filter(|s| !s.is_empty()) {
        let (key, value) = segment.split_once(':').ok_or_else(|| LinkError::UnknownKey(segment.to_owned()))?;
        let mut chars = key.chars();
        let k = match (chars.next(), chars.next()) {
            (Some(k), None) if known.contains(&k) => k,
            _ => return Err(LinkError::UnknownKey(key.to_owned())),
        };
        if out.iter().any(|(seen, _)| *seen == k) {
            return Err(LinkError::DuplicateKey(key.to_owned()));
        }
        out.push((k, value));
    }
    Ok(out)
}

/// A profile in a link: a bundled id, or `~` and the packed profile.
fn profile_item(key: char, item: &str) -> Result<Rc<Profile>, LinkError> {
    let bad = |reason: String| LinkError::BadValue { key, reason };
    match item.strip_prefix('~') {
        Some(packed) => {
            let text = unpack(key, packed)?;
            let checked = Profile::parse(&text).map_err(|r| bad(format!("a carried profile is invalid: {r}")))?;
            Ok(Rc::new(checked.profile))
        }
        None => bundled::get(item).ok_or_else(|| bad(format!("no bundled provider \"{}\"", short(item)))),
    }
}

/// The settings both versions share: preset, weights, as-of date, stale-after.
#[derive(Default)]
struct Shared {
    preset: Option<Preset>,
    weights: Option<Weights>,
    age: EvidenceAge,
}

impl Shared {
    /// Reads `s`, `w`, `a` or `t`; `false` for any other key.
    fn read(&mut self, k: char, value: &str) -> Result<bool, LinkError> {
        let bad = |reason: String| LinkError::BadValue { key: k, reason };
        match k {
            's' => self.preset = Some(value.parse::<Preset>().map_err(bad)?),
            'w' => {
                self.weights = Some(
                    Weights::from_digits(value)
                        .ok_or_else(|| bad("expected 18 digits 0..5, one weight per question".into()))?,
                )
            }
            'a' => {
                self.age.as_of =
                    Some(Date::parse(value).ok_or_else(|| bad("expected an as-of date YYYY-MM-DD".into()))?)
            }
            't' => {
                self.age.stale_after = value
                    .parse::<u64>()
                    .ok()
                    .and_then(StaleAfter::from_months)
                    .ok_or_else(|| bad("expected 12, 24, 36 or 60 (months)".into()))?
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn apply(self, d: &mut Decision) {
        d.preset = self.preset.unwrap_or_default();
        d.weights = self.weights.unwrap_or_else(|| d.preset.weights());
        d.age = self.age;
    }
}

fn read_v2<'a>(segments: impl Iterator<Item = &'a str>) -> Result<Decision, LinkError> {
    let parts = keyed(segments, &['p', 'f', 's', 'w', 'k', 'a', 't', 'o', 'r'])?;
    let mut shared = Shared::default();
    let mut decision = Decision::default();
    let (mut focus, mut confirm, mut short_findings, mut records) = (None, None, None, None);
    for (k, value) in parts {
        if shared.read(k, value)? {
            continue;
        }
        let bad = |reason: String| LinkError::BadValue { key: k, reason };
        match k {
            'p' => {
                decision.candidates.clear();
                for item in value.split(',').filter(|i| !i.is_empty()) {
                    let (aside, item) = match item.strip_prefix('-') {
                        Some(rest) => (true, rest),
                        None => (false, item),
                    };
                    let profile = profile_item(k, item)?;
                    if decision.candidate(&profile.provider.id).is_some() {
                        return Err(bad(format!(
                            "\"{}\" is in the decision twice; a provider cannot be compared with itself",
                            short(&profile.provider.id)
                        )));
                    }
                    decision.candidates.push(Candidate { set_aside: aside, ..Candidate::new(profile) });
                }
                if decision.provider_count() > MAX_PROVIDERS || decision.candidates.len() > MAX_KEPT_PROVIDERS {
                    return Err(bad(format!("a decision holds at most {MAX_PROVIDERS} providers")));
                }
                if decision.provider_count() == 0 {
                    return Err(bad("a decision needs at least one provider".into()));
                }
            }
            'f' => focus = Some(value.to_owned()),
            'k' => confirm = Some(value),
            'o' => short_findings = Some(value),
            _ => records = Some(value), // 'r': the only key left
        }
    }
    shared.apply(&mut decision);
    if let Some(value) = confirm {
        let bad = |reason: String| LinkError::BadValue { key: 'k', reason };
        let mut c = ConfirmInWriting::default();
        for item in value.split(',') {
            let (on, number) = match (item.strip_prefix('+'), item.strip_prefix('-')) {
                (Some(n), _) => (true, n),
                (_, Some(n)) => (false, n),
                _ => return Err(bad(format!("\"{}\" is not +QUESTION or -QUESTION", short(item)))),
            };
            let q =
                question_key(number).ok_or_else(|| bad(format!("\"{}\" is not a question 1..18", short(number))))?;
            if c.added.contains(q) || c.removed.contains(q) {
                return Err(bad(format!("question {} is listed twice", q.number())));
            }
            if on {
                c.added = c.added.with(q, true);
            } else {
                c.removed = c.removed.with(q, true);
            }
        }
        decision.confirm = c;
    }
    if let Some(value) = records {
        let bad = |reason: String| LinkError::BadValue { key: 'r', reason };
        let text = unpack('r', value)?;
        let node = json::parse(&text).map_err(|e| bad(format!("the records are not valid: {}", e.message)))?;
        let Value::Object(members) = &node.value else { return Err(bad("the records must be an object".into())) };
        for m in members {
            let i = m.key.parse::<usize>().ok().filter(|i| i.to_string() == m.key);
            let Some(c) = i.and_then(|i| decision.candidates.get_mut(i)) else {
                return Err(bad(format!("record \"{}\" names no provider of the link", short(&m.key))));
            };
            let Value::Object(parts) = &m.node.value else { return Err(bad("each record must be an object".into())) };
            let get = |key: &str| parts.iter().find(|p| p.key == key).map(|p| &p.node);
            let mut checker = Checker::default();
            let pointer = format!("/{}", m.key);
            let read = record::read(&mut checker, get("findings"), get("notes"), &pointer);
            match read {
                Some(r) if checker.errors.is_empty() => c.record = r,
                _ => return Err(bad(record::describe(&checker.errors))),
            }
        }
    }
    if let Some(value) = short_findings {
        let bad = |reason: String| LinkError::BadValue { key: 'o', reason };
        for item in value.split(',') {
            let (i, rest) = item
                .split_once('.')
                .ok_or_else(|| bad(format!("\"{}\" is not PROVIDER.QUESTION+STATUS like 0.3a", short(item))))?;
            let (q, st) = question_and_status(rest)
                .ok_or_else(|| bad(format!("\"{}\" is not PROVIDER.QUESTION+STATUS like 0.3a", short(item))))?;
            let c = i
                .parse::<usize>()
                .ok()
                .filter(|n| n.to_string() == i)
                .and_then(|i| decision.candidates.get_mut(i))
                .ok_or_else(|| bad(format!("\"{}\" names no provider of the link", short(item))))?;
            if c.record.finding(q).is_some() {
                return Err(bad(format!("{}'s question {} has two findings", short(c.id()), q.number())));
            }
            c.record.set_finding(q, Some(Finding::new(st)));
        }
    }
    if let Some(id) = focus {
        if !decision.providers().any(|c| c.id() == id) {
            return Err(LinkError::BadValue {
                key: 'f',
                reason: format!("\"{}\" is not one of the link's providers", short(&id)),
            });
        }
        decision.focus = Some(id);
    }
    Ok(decision)
}

/// "3a": a question number and a status letter. The status is the last
/// character, which may be any character at all in a hostile link: split on
/// a character boundary, never a byte count.
fn question_and_status(item: &str) -> Option<(QuestionId, Status)> {
    let mut chars = item.chars();
    let st = chars.next_back().and_then(Status::from_letter)?;
    Some((question_key(chars.as_str())?, st))
}

/// A version 1 link: one provider with the lab's overrides and notes, and
/// the providers compared with it. The overrides and notes become that
/// provider's record; the compared ones join with empty records.
fn read_v1<'a>(segments: impl Iterator<Item = &'a str>) -> Result<Decision, LinkError> {
    let parts = keyed(segments, &['p', 'x', 'c', 's', 'w', 'o', 'n', 'a', 't'])?;
    let mut shared = Shared::default();
    let (mut main, mut compare) = (None, Vec::new());
    let mut record = Record::default();
    for (k, value) in parts {
        if shared.read(k, value)? {
            continue;
        }
        let bad = |reason: String| LinkError::BadValue { key: k, reason };
        match k {
            'p' | 'x' => {
                if main.is_some() {
                    return Err(LinkError::BadValue {
                        key: 'x',
                        reason: "a link carries either a bundled provider (p:) or a custom profile (x:), not both"
                            .into(),
                    });
                }
                main = Some(if k == 'p' { profile_item(k, value)? } else { profile_item(k, &format!("~{value}"))? });
            }
            'c' => {
                for item in value.split(',') {
                    let profile = profile_item(k, item)?;
                    if compare.iter().any(|c: &Rc<Profile>| c.provider.id == profile.provider.id) {
                        return Err(bad(format!("\"{}\" is compared twice", short(&profile.provider.id))));
                    }
                    compare.push(profile);
                }
                if compare.len() >= MAX_SERIES {
                    return Err(bad(format!("at most {} providers can be compared", MAX_SERIES - 1)));
                }
            }
            'o' => {
                for item in value.split(',') {
                    let (q, st) = question_and_status(item)
                        .ok_or_else(|| bad(format!("\"{}\" is not QUESTION+STATUS like 3a", short(item))))?;
                    if record.finding(q).is_some() {
                        return Err(bad(format!("question {} is overridden twice", q.number())));
                    }
                    record.set_finding(q, Some(Finding::new(st)));
                }
            }
            _ => {
                // 'n': the only key left.
                let text = unpack(k, value)?;
                let node = json::parse(&text).map_err(|e| bad(format!("notes are not valid: {}", e.message)))?;
                let Value::Object(members) = node.value else {
                    return Err(bad("notes must be an object".into()));
                };
                for m in members {
                    let (Some(q), Value::String(note)) = (question_key(&m.key), m.node.value) else {
                        return Err(bad(format!("note \"{}\" is not QUESTION: text", short(&m.key))));
                    };
                    if !record.set_note(q, note) {
                        return Err(bad(format!("note {} is longer than {MAX_NOTE} characters", q.number())));
                    }
                }
            }
        }
    }
    let main = main.unwrap_or_else(bundled::default_profile);
    Ok(from_v1(main, compare, record, |d| shared.apply(d)))
}

/// A version 1 evaluation as a decision: the evaluated provider with the
/// lab's record, in focus; the compared ones beside it with empty records.
/// A compared provider with the evaluated one's id is dropped, as version 1
/// did when it opened such a link.
pub(crate) fn from_v1(
    main: Rc<Profile>,
    compare: Vec<Rc<Profile>>,
    record: Record,
    settings: impl FnOnce(&mut Decision),
) -> Decision {
    let mut d = Decision::of(std::iter::empty(), Preset::default());
    settings(&mut d);
    d.focus = Some(main.provider.id.clone());
    d.candidates.push(Candidate { record, ..Candidate::new(main) });
    for p in compare {
        let _ = d.add(p);
    }
    d
}

thread_local! {
    // The widget prints the link on every change (autosave, the hash, the
    // share field); compressing a custom profile each time would cost
    // milliseconds. Keyed by the Rc, which the cache holds, so the address
    // cannot be reused by another profile while cached.
    static PACKED: std::cell::RefCell<Vec<(Rc<Profile>, Rc<str>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A custom profile as packed in links, compressed once per profile.
fn packed_profile(p: &Rc<Profile>) -> Rc<str> {
    const KEEP: usize = 8;
    PACKED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, packed)) = cache.iter().find(|(q, _)| Rc::ptr_eq(p, q)) {
            return Rc::clone(packed);
        }
        let packed: Rc<str> = pack(p.to_json().to_compact().as_bytes()).into();
        if cache.len() >= KEEP {
            cache.remove(0);
        }
        cache.push((Rc::clone(p), Rc::clone(&packed)));
        packed
    })
}

/// deflate, then base64url without padding.
fn pack(bytes: &[u8]) -> String {
    base64url_encode(&deflate::deflate(bytes))
}

/// The inverse of [`pack`], bounded to [`MAX_INFLATED`] bytes of output.
fn unpack(key: char, text: &str) -> Result<String, LinkError> {
    let bad = |reason: &str| LinkError::BadCompression { key, reason: reason.to_owned() };
    let packed = base64url_decode(text).ok_or_else(|| bad("not base64url text"))?;
    let bytes = deflate::inflate(&packed, MAX_INFLATED).map_err(|e| match e {
        deflate::InflateError::TooLarge => bad(&format!("it unpacks to more than {} KiB", MAX_INFLATED / 1024)),
        deflate::InflateError::Corrupt => bad("the deflate data is corrupt"),
    })?;
    String::from_utf8(bytes).map_err(|_| bad("the unpacked text is not UTF-8"))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(B64[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let sextet = |c: u8| B64.iter().position(|&b| b == c).map(|p| p as u32);
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0;
        for (i, &c) in chunk.iter().enumerate() {
            n |= sextet(c)? << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40u8 {
            let data: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(base64url_decode(&base64url_encode(&data)), Some(data));
        }
        assert_eq!(base64url_encode(b"\xfb\xff"), "-_8");
        assert_eq!(base64url_decode("a"), None);
        assert_eq!(base64url_decode("a=b"), None);
    }
}
