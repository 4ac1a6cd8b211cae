//! The share link (docs/files.md): a whole evaluation in the URL fragment,
//! readable in the spirit of CVSS vectors:
//!
//! `#CSPR:1/p:tencent-cloud/c:other,~<deflate>/s:clinical/w:345543...3/o:3d,7a/n:<deflate>`
//!
//! Segments may come in any order; values equal to the default are left out;
//! printing a parsed canonical link gives back the same text. A custom
//! profile (`x:`) and the notes (`n:`) travel as deflate + base64url, and
//! inflating is bounded so a "zip bomb" link cannot exhaust memory.

use std::fmt;
use std::rc::Rc;
use std::str::FromStr;

use super::age::{EvidenceAge, StaleAfter};
use super::bundled;
use super::catalog::QuestionId;
use super::deflate;
use super::figures::Evaluation;
use super::json::{self, Node, Value};
use super::profile::{Date, Profile};
use super::radar::MAX_SERIES;
use super::status::Status;
use super::weights::{Preset, Weights};

/// Marks a fragment as ours; other fragments (wiki anchors) are left alone.
pub const PREFIX: &str = "CSPR";
pub const VERSION: u32 = 1;
/// Longer fragments are refused before any work is done.
pub const MAX_FRAGMENT: usize = 64 * 1024;
/// A saved copy (browser storage, an evaluation's backup) is not a link
/// anyone types or pastes: it may be far longer, so autosave keeps working
/// for an evaluation too large to share. Each packed part is still bounded
/// by [`MAX_INFLATED`].
pub const MAX_SAVED: usize = 8 * 1024 * 1024;
/// From this length on, the widget warns that the link is nearing its limit.
pub const WARN_FRAGMENT: usize = 40 * 1024;
/// Inflated data may not exceed this.
pub const MAX_INFLATED: usize = 1024 * 1024;
/// Longest note per question, in characters.
pub const MAX_NOTE: usize = 2000;

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
                "this link is version {v}; this csp-radar understands version {VERSION} (a newer csp-radar may open it)"
            ),
            LinkError::UnknownKey(k) => write!(f, "unknown part \"{}\" in the link", short(k)),
            LinkError::BadValue { key, reason } => write!(f, "the link's \"{key}:\" part is invalid: {reason}"),
            LinkError::DuplicateKey(k) => write!(f, "the link has \"{}:\" twice", short(k)),
            LinkError::TooLong(n) => write!(f, "the link is {n} characters long; at most {MAX_FRAGMENT} are accepted (save the evaluation as a file instead)"),
            LinkError::BadCompression { key, reason } => {
                write!(f, "the link's \"{key}:\" part cannot be unpacked: {reason}")
            }
        }
    }
}

fn short(s: &str) -> String {
    s.chars().take(24).collect()
}

/// Which profile the link evaluates.
#[derive(Clone, Debug, PartialEq)]
pub enum ProviderRef {
    /// One of [`bundled::SOURCES`], by id.
    Bundled(String),
    /// A profile the user loaded, carried whole.
    Custom(Rc<Profile>),
}

/// A whole evaluation, as carried by a link.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareLink {
    pub evaluation: Evaluation,
    /// Providers overlaid on the radar, at most three.
    pub compare: Vec<Rc<Profile>>,
}

/// The default evaluation: the default provider, `balanced`, nothing set.
impl Default for ShareLink {
    fn default() -> Self {
        ShareLink { evaluation: Evaluation::new(bundled::default_profile(), Preset::default()), compare: Vec::new() }
    }
}

impl ShareLink {
    /// Reads a fragment, with or without the leading `#`.
    pub fn from_fragment(fragment: &str) -> Result<ShareLink, LinkError> {
        ShareLink::read(fragment.strip_prefix('#').unwrap_or(fragment), MAX_FRAGMENT)
    }

    /// Reads a saved copy, which may be longer than a link may be.
    pub fn from_saved(text: &str) -> Result<ShareLink, LinkError> {
        ShareLink::read(text, MAX_SAVED)
    }

    /// Whether the printed link can be opened as a link (at most [`MAX_FRAGMENT`]).
    pub fn fits_a_link(printed: &str) -> bool {
        printed.len() <= MAX_FRAGMENT
    }
}

impl ProviderRef {
    fn of(p: &Rc<Profile>) -> ProviderRef {
        if bundled::is_bundled(p) {
            ProviderRef::Bundled(p.provider.id.clone())
        } else {
            ProviderRef::Custom(Rc::clone(p))
        }
    }
}

/// Prints the canonical link (no leading `#`).
impl fmt::Display for ShareLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.evaluation;
        write!(f, "{PREFIX}:{VERSION}")?;
        match ProviderRef::of(&e.profile) {
            ProviderRef::Bundled(id) if id == bundled::DEFAULT_ID => {}
            ProviderRef::Bundled(id) => write!(f, "/p:{id}")?,
            ProviderRef::Custom(p) => write!(f, "/x:{}", packed_profile(&p))?,
        }
        if !self.compare.is_empty() {
            let items: Vec<String> = self
                .compare
                .iter()
                .map(|p| match ProviderRef::of(p) {
                    ProviderRef::Bundled(id) => id,
                    ProviderRef::Custom(p) => format!("~{}", packed_profile(&p)),
                })
                .collect();
            write!(f, "/c:{}", items.join(","))?;
        }
        if e.preset != Preset::default() {
            write!(f, "/s:{}", e.preset)?;
        }
        if e.weights != e.preset.weights() {
            write!(f, "/w:{}", e.weights.digits())?;
        }
        let overrides: Vec<String> = QuestionId::all()
            .filter_map(|q| e.override_of(q).map(|s| format!("{}{}", q.number(), s.letter())))
            .collect();
        if !overrides.is_empty() {
            write!(f, "/o:{}", overrides.join(","))?;
        }
        if let Some(d) = &e.age.as_of {
            write!(f, "/a:{d}")?;
        }
        if e.age.stale_after != StaleAfter::default() {
            write!(f, "/t:{}", e.age.stale_after)?;
        }
        let notes: Vec<(String, Node)> = QuestionId::all()
            .filter(|&q| !e.note(q).is_empty())
            .map(|q| (q.number().to_string(), Node::str(e.note(q))))
            .collect();
        if !notes.is_empty() {
            write!(f, "/n:{}", pack(Node::object(notes).to_compact().as_bytes()))?;
        }
        Ok(())
    }
}

impl FromStr for ShareLink {
    type Err = LinkError;

    /// Reads a link (no leading `#`), at most [`MAX_FRAGMENT`] long.
    fn from_str(s: &str) -> Result<ShareLink, LinkError> {
        ShareLink::read(s, MAX_FRAGMENT)
    }
}

impl ShareLink {
    fn read(s: &str, limit: usize) -> Result<ShareLink, LinkError> {
        if s.len() > limit {
            return Err(LinkError::TooLong(s.len()));
        }
        let mut segments = s.split('/');
        let head = segments.next().unwrap_or_default();
        let version = head.strip_prefix(PREFIX).and_then(|v| v.strip_prefix(':')).ok_or(LinkError::BadPrefix)?;
        if version != VERSION.to_string() {
            return Err(LinkError::UnsupportedVersion(short(version)));
        }
        let mut seen = Vec::new();
        let (mut bundled_id, mut custom, mut compare, mut preset, mut weights) = (None, None, Vec::new(), None, None);
        let mut overrides: [Option<Status>; 18] = Default::default();
        let mut notes: [String; 18] = Default::default();
        let mut age = EvidenceAge::default();
        for segment in segments.filter(|s| !s.is_empty()) {
            let (key, value) = segment.split_once(':').ok_or_else(|| LinkError::UnknownKey(segment.to_owned()))?;
            let mut chars = key.chars();
            let k = match (chars.next(), chars.next()) {
                (Some(k @ ('p' | 'x' | 'c' | 's' | 'w' | 'o' | 'n' | 'a' | 't')), None) => k,
                _ => return Err(LinkError::UnknownKey(key.to_owned())),
            };
            if seen.contains(&k) {
                return Err(LinkError::DuplicateKey(key.to_owned()));
            }
            seen.push(k);
            let bad = |reason: String| LinkError::BadValue { key: k, reason };
            match k {
                'p' => {
                    let p =
                        bundled::get(value).ok_or_else(|| bad(format!("no bundled provider \"{}\"", short(value))))?;
                    bundled_id = Some(p);
                }
                'x' => {
                    let text = unpack(k, value)?;
                    let checked =
                        Profile::parse(&text).map_err(|r| bad(format!("the carried profile is invalid: {r}")))?;
                    custom = Some(Rc::new(checked.profile));
                }
                'c' => {
                    for item in value.split(',') {
                        let profile = match item.strip_prefix('~') {
                            Some(packed) => {
                                let text = unpack(k, packed)?;
                                let checked = Profile::parse(&text)
                                    .map_err(|r| bad(format!("a compared profile is invalid: {r}")))?;
                                Rc::new(checked.profile)
                            }
                            None => bundled::get(item)
                                .ok_or_else(|| bad(format!("no bundled provider \"{}\"", short(item))))?,
                        };
                        if compare.iter().any(|c: &Rc<Profile>| c.provider.id == profile.provider.id) {
                            return Err(bad(format!("\"{}\" is compared twice", short(&profile.provider.id))));
                        }
                        compare.push(profile);
                    }
                    if compare.len() >= MAX_SERIES {
                        return Err(bad(format!("at most {} providers can be compared", MAX_SERIES - 1)));
                    }
                }
                's' => preset = Some(value.parse::<Preset>().map_err(bad)?),
                // Evidence age: optional segments, so links made
                // before them open unchanged.
                'a' => {
                    age.as_of = Some(Date::parse(value).ok_or_else(|| bad("expected an as-of date YYYY-MM-DD".into()))?)
                }
                't' => {
                    age.stale_after = value
                        .parse::<u64>()
                        .ok()
                        .and_then(StaleAfter::from_months)
                        .ok_or_else(|| bad("expected 12, 24, 36 or 60 (months)".into()))?
                }
                'w' => {
                    weights = Some(
                        Weights::from_digits(value)
                            .ok_or_else(|| bad("expected 18 digits 0..5, one weight per question".into()))?,
                    )
                }
                'o' => {
                    for item in value.split(',') {
                        // The status is the last character, which may be any
                        // character at all in a hostile link: split on a
                        // character boundary, never a byte count.
                        let mut chars = item.chars();
                        let st = chars.next_back().and_then(Status::from_letter);
                        let q = chars.as_str().parse::<u64>().ok().and_then(QuestionId::new);
                        let (Some(q), Some(st)) = (q, st) else {
                            return Err(bad(format!("\"{}\" is not QUESTION+STATUS like 3a", short(item))));
                        };
                        if overrides[q.index()].replace(st).is_some() {
                            return Err(bad(format!("question {} is overridden twice", q.number())));
                        }
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
                        let q = m.key.parse::<u64>().ok().and_then(QuestionId::new);
                        let (Some(q), Value::String(note)) = (q, m.node.value) else {
                            return Err(bad(format!("note \"{}\" is not QUESTION: text", short(&m.key))));
                        };
                        if note.chars().count() > MAX_NOTE {
                            return Err(bad(format!("note {} is longer than {MAX_NOTE} characters", q.number())));
                        }
                        notes[q.index()] = note;
                    }
                }
            }
        }
        let profile = match (bundled_id, custom) {
            (Some(_), Some(_)) => {
                return Err(LinkError::BadValue {
                    key: 'x',
                    reason: "a link carries either a bundled provider (p:) or a custom profile (x:), not both".into(),
                })
            }
            (Some(p), None) | (None, Some(p)) => p,
            (None, None) => bundled::default_profile(),
        };
        let preset = preset.unwrap_or_default();
        Ok(ShareLink {
            evaluation: Evaluation {
                profile,
                preset,
                weights: weights.unwrap_or_else(|| preset.weights()),
                overrides,
                notes,
                age,
            },
            compare,
        })
    }
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
        deflate::InflateError::TooLarge => bad("it unpacks to more than 1 MiB"),
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
