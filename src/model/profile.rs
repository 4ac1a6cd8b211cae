//! Provider profiles (docs/profile-format.md): what public information says about
//! each question, read and checked with located errors.

use std::fmt;

use super::bidi;
use super::catalog::QuestionId;
use super::json::{self, Member, Node, Pos, Value};
use super::status::Status;

/// Files over this size are refused before parsing.
pub const MAX_BYTES: usize = 1024 * 1024;
pub const FORMAT: &str = "csp-risk-profile";
pub const VERSION: u64 = 1;

const MAX_NAME: usize = 100;
const MAX_SUMMARY: usize = 2000;
const MAX_ASK: usize = 500;
pub const MAX_BASIS: usize = 300;
// Limits of our own, so one field cannot swamp the page.
const MAX_TITLE: usize = 300;
const MAX_URL: usize = 2000;
const MAX_NOTES: usize = 5000;
const MAX_CITATIONS: usize = 50;

/// A checked provider profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub provider: Provider,
    pub source: Option<Source>,
    /// Indexed by [`QuestionId::index`]; `None` when the profile is silent.
    pub answers: [Option<Answer>; QuestionId::COUNT],
    pub managed_security_services: Option<String>,
    pub notes: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Provider {
    /// `[a-z0-9][a-z0-9-]{0,39}`
    pub id: String,
    pub name: String,
    pub website: Option<WebUrl>,
}

/// Where the profile's information came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub title: String,
    pub url: Option<WebUrl>,
    pub retrieved: Option<Date>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub status: Status,
    /// Why the status was chosen (an importer's suggestion says so).
    pub status_basis: Option<String>,
    pub summary: String,
    pub ask: Option<String>,
    pub citations: Vec<Citation>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    pub title: String,
    pub url: WebUrl,
    pub date: Option<Date>,
}

/// An `http` or `https` URL: the only kind we ever turn into a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebUrl(String);

impl WebUrl {
    /// `None` unless the text is an absolute http(s) URL with a host and
    /// no whitespace or control characters (so `javascript:`, `data:`,
    /// ` https://...` and `https:evil` are all refused).
    pub fn parse(text: &str) -> Option<WebUrl> {
        let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
        let rest = if lower.starts_with("https://") {
            text.get(8..)?
        } else if lower.starts_with("http://") {
            text.get(7..)?
        } else {
            return None;
        };
        let host_ok = rest.chars().next().is_some_and(|c| !matches!(c, '/' | '?' | '#'));
        let clean = !text.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\' || bidi::is_directional(c));
        (host_ok && clean && text.len() <= MAX_URL).then(|| WebUrl(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Date(String);

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        let shape = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
        if !shape {
            return None;
        }
        let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<u32>().ok());
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then(|| Date(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What is wrong (or worth a warning) in a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IssueKind {
    /// Errors
    TooLarge {
        bytes: usize,
        max: usize,
    },
    Syntax(String),
    WrongType {
        expected: &'static str,
        found: &'static str,
    },
    Missing {
        field: &'static str,
    },
    WrongFormat {
        expected: &'static str,
    },
    /// `found` as written; `reads` the versions this csp-radar reads.
    UnsupportedVersion {
        found: String,
        reads: &'static str,
    },
    BadProviderId,
    BadLength {
        field: &'static str,
        min: usize,
        max: usize,
        found: usize,
    },
    QuestionOutOfRange(String),
    DuplicateQuestion {
        question: u8,
        first: Pos,
    },
    BadStatus(String),
    BadUrl(String),
    BadDate(String),
    ForbiddenCharacter {
        field: &'static str,
        code: u32,
    },
    TooManyCitations {
        max: usize,
    },
    /// Decision files and links (model::file, model::link)
    BadBasis(String),
    SameProviderTwice(String),
    TooManyProviders {
        max: usize,
    },
    UnknownFocus(String),
    NoProviders,
    /// A written profile took a bundled provider's id.
    BundledId(String),
    /// Decision and evaluation files (model::file)
    TooManyCompared {
        max: usize,
    },
    BadPreset(String),
    BadWeights,
    BadStaleAfter,
    /// Warnings
    UnknownField(String),
    MissingAnswers(Vec<u8>),
    /// A decision file left a field out; this default stands in for it.
    DefaultUsed {
        field: &'static str,
        value: String,
    },
    /// A figure stored in a decision file differs from the recomputed one.
    StoredFigureDiffers {
        what: &'static str,
        stored: String,
        computed: String,
    },
    /// A date after today (only checked when today is known): it would
    /// count as the freshest evidence there is. The profile editor refuses it.
    FutureDate {
        date: String,
        today: String,
    },
}

impl IssueKind {
    /// Warnings are reported but do not stop the profile from loading.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            IssueKind::UnknownField(_)
                | IssueKind::MissingAnswers(_)
                | IssueKind::DefaultUsed { .. }
                | IssueKind::StoredFigureDiffers { .. }
                | IssueKind::FutureDate { .. }
        )
    }
}

impl fmt::Display for IssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IssueKind::TooLarge { bytes, max } => {
                write!(f, "the file is {bytes} bytes; it is limited to {max} bytes ({} MiB)", max / (1024 * 1024))
            }
            IssueKind::Syntax(m) => write!(f, "not valid JSON: {m}"),
            IssueKind::WrongType { expected, found } => write!(f, "expected {expected}, found {found}"),
            IssueKind::Missing { field } => write!(f, "missing required field \"{field}\""),
            IssueKind::WrongFormat { expected } => write!(f, "\"format\" must be \"{expected}\""),
            IssueKind::UnsupportedVersion { found, reads } => {
                write!(f, "unsupported version {found}: this csp-radar reads version {reads}")
            }
            IssueKind::BadProviderId => {
                write!(f, "provider id must be 1-40 lowercase letters, digits or '-', starting with a letter or digit")
            }
            IssueKind::BadLength { field, min, max, found } => {
                write!(f, "{field} must be {min}..{max} characters, found {found}")
            }
            IssueKind::QuestionOutOfRange(q) => write!(f, "question must be a whole number 1..18, found {q}"),
            IssueKind::DuplicateQuestion { question, first } => {
                write!(f, "question {question} is answered twice (first at {first})")
            }
            IssueKind::BadStatus(s) => {
                write!(f, "status \"{s}\" is not one of documented, partial, undisclosed, adverse")
            }
            IssueKind::BadUrl(u) => {
                write!(f, "\"{}\" is not an http or https URL; it will not be shown as a link", shorten(u))
            }
            IssueKind::BadDate(d) => write!(f, "\"{}\" is not a date written YYYY-MM-DD", shorten(d)),
            IssueKind::ForbiddenCharacter { field, code } => {
                write!(f, "{field} contains the invisible control character U+{code:04X}")
            }
            IssueKind::TooManyCitations { max } => write!(f, "at most {max} citations per answer"),
            IssueKind::BadBasis(b) => {
                write!(f, "basis \"{}\" is not one of public, provider, lab", shorten(b))
            }
            IssueKind::SameProviderTwice(id) => {
                write!(f, "provider \"{}\" is in the decision twice; a provider cannot be compared with itself", shorten(id))
            }
            IssueKind::TooManyProviders { max } => write!(f, "a decision holds at most {max} providers"),
            IssueKind::UnknownFocus(id) => {
                write!(f, "the provider in focus, \"{}\", is not one of the decision's providers", shorten(id))
            }
            IssueKind::TooManyCompared { max } => write!(f, "at most {max} providers can be compared"),
            IssueKind::BadPreset(p) => {
                write!(f, "preset \"{}\" is not one of balanced, clinical, research, manufacturing", shorten(p))
            }
            IssueKind::BadWeights => write!(f, "weights must be 18 digits 0..5, one per question"),
            IssueKind::BadStaleAfter => write!(f, "stale_after must be 12, 24, 36 or 60 (months)"),
            IssueKind::DefaultUsed { field, value } => {
                write!(f, "\"{field}\" is not in the file; used {value}")
            }
            IssueKind::StoredFigureDiffers { what, stored, computed } => write!(
                f,
                "the file says {what} {stored}, but its own contents give {computed} (figures are recomputed; the file's are not used)"
            ),
            IssueKind::NoProviders => write!(f, "a decision needs at least one provider taking part"),
            IssueKind::BundledId(id) => write!(
                f,
                "\"{}\" is the id of a bundled provider; give this profile an id of its own",
                shorten(id)
            ),
            IssueKind::UnknownField(k) => write!(f, "unknown field \"{}\" is ignored", shorten(k)),
            IssueKind::FutureDate { date, today } => {
                write!(f, "{date} is after today ({today}): evidence cannot be dated in the future")
            }
            IssueKind::MissingAnswers(qs) => match qs.as_slice() {
                [q] => write!(f, "question {q} is not answered; it counts as undisclosed"),
                _ => {
                    let list: Vec<String> = qs.iter().map(u8::to_string).collect();
                    write!(f, "questions {} are not answered; they count as undisclosed", list.join(", "))
                }
            },
        }
    }
}

fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}...")
    }
}

/// One located finding: `LINE:COL: POINTER: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub pointer: String,
    pub pos: Pos,
    pub kind: IssueKind,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() { "(document)" } else { &self.pointer };
        write!(f, "{}: {}: {}", self.pos, pointer, self.kind)
    }
}

/// A profile that passed every rule, with its warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub profile: Profile,
    pub warnings: Vec<Issue>,
}

/// A profile that broke at least one rule: every error found, and warnings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.errors.as_slice() {
            [] => f.write_str("the profile was rejected"),
            [one] => write!(f, "{one}"),
            [first, rest @ ..] => write!(f, "{first} (and {} more)", rest.len()),
        }
    }
}

impl Profile {
    /// Reads and checks a profile. Never panics, whatever the input.
    pub fn parse(text: &str) -> Result<Checked, Rejected> {
        Profile::parse_checking(text, None)
    }

    /// [`Profile::parse`], and a warning for every date after `today`
    /// (the model has no clock: the CLI and the widget pass their today).
    pub fn parse_as_of(text: &str, today: &Date) -> Result<Checked, Rejected> {
        Profile::parse_checking(text, Some(today))
    }

    fn parse_checking(text: &str, today: Option<&Date>) -> Result<Checked, Rejected> {
        let start = Pos { line: 1, column: 1 };
        if text.len() > MAX_BYTES {
            return Err(Rejected {
                errors: vec![Issue {
                    pointer: String::new(),
                    pos: start,
                    kind: IssueKind::TooLarge { bytes: text.len(), max: MAX_BYTES },
                }],
                warnings: vec![],
            });
        }
        let root = json::parse(text).map_err(|e| Rejected {
            errors: vec![Issue { pointer: e.pointer, pos: e.pos, kind: IssueKind::Syntax(e.message) }],
            warnings: vec![],
        })?;
        let mut c = Checker { today: today.cloned(), ..Checker::default() };
        let profile = c.profile(&root);
        match profile {
            Some(profile) if c.errors.is_empty() => Ok(Checked { profile, warnings: c.warnings }),
            _ => Err(Rejected { errors: c.errors, warnings: c.warnings }),
        }
    }

    /// A profile that answers nothing (every question counts as undisclosed).
    pub fn empty(id: &str) -> Profile {
        Profile {
            provider: Provider { id: id.to_owned(), name: id.to_owned(), website: None },
            source: None,
            answers: Default::default(),
            managed_security_services: None,
            notes: None,
        }
    }

    /// The answer to a question, if the profile gives one.
    pub fn answer(&self, q: QuestionId) -> Option<&Answer> {
        self.answers.get(q.index()).and_then(Option::as_ref)
    }

    /// The profile's status for a question; silence counts as undisclosed.
    pub fn status(&self, q: QuestionId) -> Status {
        self.answer(q).map_or(Status::Undisclosed, |a| a.status)
    }

    /// The profile as canonical JSON (no unknown fields, answers in order).
    pub fn to_json(&self) -> Node {
        let url = |u: &WebUrl| Node::str(u.as_str());
        let mut provider = vec![("id", Node::str(&self.provider.id)), ("name", Node::str(&self.provider.name))];
        if let Some(w) = &self.provider.website {
            provider.push(("website", url(w)));
        }
        let mut root =
            vec![("format", Node::str(FORMAT)), ("version", Node::num(VERSION)), ("provider", Node::object(provider))];
        if let Some(s) = &self.source {
            let mut source = vec![("title", Node::str(&s.title))];
            if let Some(u) = &s.url {
                source.push(("url", url(u)));
            }
            if let Some(d) = &s.retrieved {
                source.push(("retrieved", Node::str(d.as_str())));
            }
            root.push(("source", Node::object(source)));
        }
        let answers = QuestionId::all().filter_map(|q| {
            let a = self.answer(q)?;
            let mut m = vec![("question", Node::num(q.number())), ("status", Node::str(a.status.id()))];
            if let Some(basis) = &a.status_basis {
                m.push(("status_basis", Node::str(basis)));
            }
            m.push(("summary", Node::str(&a.summary)));
            if let Some(ask) = &a.ask {
                m.push(("ask", Node::str(ask)));
            }
            let citations = a.citations.iter().map(|c| {
                let mut cm = vec![("title", Node::str(&c.title)), ("url", url(&c.url))];
                if let Some(d) = &c.date {
                    cm.push(("date", Node::str(d.as_str())));
                }
                Node::object(cm)
            });
            m.push(("citations", Node::array(citations)));
            Some(Node::object(m))
        });
        root.push(("answers", Node::array(answers)));
        if let Some(t) = &self.managed_security_services {
            root.push(("managed_security_services", Node::str(t)));
        }
        if let Some(t) = &self.notes {
            root.push(("notes", Node::str(t)));
        }
        Node::object(root)
    }
}

/// An unsupported `version`, said as found: a number as written, a text
/// quoted and named as one (`"1"` is not the number 1).
pub(crate) fn version_found(n: &Node, reads: &'static str) -> IssueKind {
    let found = match &n.value {
        Value::Number(s) => shorten(s),
        Value::String(s) => format!("\"{}\" (a text, where a number is expected)", shorten(s)),
        other => other.kind().to_owned(),
    };
    IssueKind::UnsupportedVersion { found, reads }
}

/// Walks the JSON tree, collecting every error and warning it meets. The
/// decision file and the link's records are read with the same checker, so
/// every text field obeys the same rules wherever it comes from.
#[derive(Default)]
pub(crate) struct Checker {
    /// Where the profile sits in its document: empty for a profile file,
    /// `/profile` inside an evaluation file.
    pub(crate) base: String,
    /// When known, dates after it are flagged.
    pub(crate) today: Option<Date>,
    pub(crate) errors: Vec<Issue>,
    pub(crate) warnings: Vec<Issue>,
}

/// Checks a profile that is one part of a larger document (an evaluation
/// file), its pointers starting at `base`. Issues are added to the lists.
pub(crate) fn check_at(
    node: &Node,
    base: String,
    errors: &mut Vec<Issue>,
    warnings: &mut Vec<Issue>,
) -> Option<Profile> {
    let mut c = Checker { base, ..Checker::default() };
    let profile = c.profile(node);
    let clean = c.errors.is_empty();
    errors.append(&mut c.errors);
    warnings.append(&mut c.warnings);
    profile.filter(|_| clean)
}

/// The members of an object by key, remembering which keys were read.
pub(crate) struct Fields<'a> {
    /// The object itself.
    pub(crate) node: &'a Node,
    pointer: String,
    pub(crate) pos: Pos,
    members: &'a [Member],
    known: &'static [&'static str],
}

impl<'a> Fields<'a> {
    pub(crate) fn get(&self, key: &str) -> Option<&'a Node> {
        self.members.iter().find(|m| m.key == key).map(|m| &m.node)
    }
    pub(crate) fn at(&self, key: &str) -> String {
        format!("{}/{}", self.pointer, json::pointer_token(key))
    }
}

impl Checker {
    pub(crate) fn issue(&mut self, pointer: String, pos: Pos, kind: IssueKind) {
        let issue = Issue { pointer, pos, kind };
        if issue.kind.is_warning() {
            self.warnings.push(issue);
        } else {
            self.errors.push(issue);
        }
    }

    pub(crate) fn object<'a>(
        &mut self,
        node: &'a Node,
        pointer: String,
        known: &'static [&'static str],
    ) -> Option<Fields<'a>> {
        let Value::Object(members) = &node.value else {
            self.issue(pointer, node.pos, IssueKind::WrongType { expected: "an object", found: node.value.kind() });
            return None;
        };
        for m in members.iter().filter(|m| !known.contains(&m.key.as_str())) {
            let at = format!("{pointer}/{}", json::pointer_token(&m.key));
            self.issue(at, m.key_pos, IssueKind::UnknownField(m.key.clone()));
        }
        Some(Fields { node, pointer, pos: node.pos, members, known })
    }

    fn required<'a>(&mut self, f: &Fields<'a>, key: &'static str) -> Option<&'a Node> {
        debug_assert!(f.known.contains(&key));
        let node = f.get(key);
        if node.is_none() {
            self.issue(f.pointer.clone(), f.pos, IssueKind::Missing { field: key });
        }
        node
    }

    /// A string field; `None` (after recording the error) when it is not one.
    pub(crate) fn text(
        &mut self,
        f: &Fields,
        key: &'static str,
        required: bool,
        min: usize,
        max: usize,
    ) -> Option<String> {
        let node = if required { self.required(f, key)? } else { f.get(key)? };
        let at = f.at(key);
        let Value::String(s) = &node.value else {
            self.issue(at, node.pos, IssueKind::WrongType { expected: "a string", found: node.value.kind() });
            return None;
        };
        let len = s.chars().count();
        if len < min || len > max {
            self.issue(at, node.pos, IssueKind::BadLength { field: key, min, max, found: len });
            return None;
        }
        // Invisible controls are refused everywhere (line breaks and tabs
        // are fine in prose). Directional marks belong to right-to-left
        // prose, which is shown isolated (model::bidi), but would make an
        // address read as another.
        let address = matches!(key, "url" | "website");
        if let Some(c) = s
            .chars()
            .find(|&c| (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || (address && bidi::is_directional(c)))
        {
            self.issue(at, node.pos, IssueKind::ForbiddenCharacter { field: key, code: u32::from(c) });
            return None;
        }
        Some(s.clone())
    }

    pub(crate) fn url(&mut self, f: &Fields, key: &'static str, required: bool) -> Option<WebUrl> {
        let text = self.text(f, key, required, 1, MAX_URL)?;
        let parsed = WebUrl::parse(&text);
        if parsed.is_none() {
            let node = f.get(key)?;
            self.issue(f.at(key), node.pos, IssueKind::BadUrl(text));
        }
        parsed
    }

    pub(crate) fn date(&mut self, f: &Fields, key: &'static str) -> Option<Date> {
        let text = self.text(f, key, false, 0, 100)?;
        let parsed = Date::parse(&text);
        let node = f.get(key)?;
        match (&parsed, &self.today) {
            (None, _) => self.issue(f.at(key), node.pos, IssueKind::BadDate(text)),
            // YYYY-MM-DD: the later date is the greater string.
            (Some(d), Some(today)) if d.as_str() > today.as_str() => {
                let kind = IssueKind::FutureDate { date: text, today: today.as_str().to_owned() };
                self.issue(f.at(key), node.pos, kind);
            }
            _ => {}
        }
        parsed
    }

    fn profile(&mut self, root: &Node) -> Option<Profile> {
        const KNOWN: &[&str] =
            &["format", "version", "provider", "source", "answers", "managed_security_services", "notes"];
        let f = self.object(root, self.base.clone(), KNOWN)?;
        let format_ok = match self.required(&f, "format") {
            Some(Node { value: Value::String(s), .. }) if s == FORMAT => true,
            Some(n) => {
                self.issue(f.at("format"), n.pos, IssueKind::WrongFormat { expected: FORMAT });
                false
            }
            None => false,
        };
        let version_ok = match self.required(&f, "version") {
            Some(Node { value: Value::Number(n), .. }) if n == "1" => true,
            Some(n) => {
                self.issue(f.at("version"), n.pos, version_found(n, "1"));
                false
            }
            None => false,
        };
        if !format_ok || !version_ok {
            // Another format or version: checking its fields against ours
            // would only bury the one error that matters.
            return None;
        }
        let provider = self.required(&f, "provider").and_then(|n| self.provider(n));
        let source = f.get("source").and_then(|n| self.source(n));
        let answers = self.required(&f, "answers").and_then(|n| self.answers(n));
        let mss = self.text(&f, "managed_security_services", false, 0, MAX_NOTES);
        let notes = self.text(&f, "notes", false, 0, MAX_NOTES);
        Some(Profile { provider: provider?, source, answers: answers?, managed_security_services: mss, notes })
    }

    fn provider(&mut self, node: &Node) -> Option<Provider> {
        let f = self.object(node, format!("{}/provider", self.base), &["id", "name", "website"])?;
        let id = self.text(&f, "id", true, 0, usize::MAX).and_then(|id| {
            let ok = (1..=40).contains(&id.len())
                && id
                    .bytes()
                    .enumerate()
                    .all(|(i, b)| b.is_ascii_lowercase() || b.is_ascii_digit() || (i > 0 && b == b'-'));
            if !ok {
                let pos = f.get("id").map_or(f.pos, |n| n.pos);
                self.issue(f.at("id"), pos, IssueKind::BadProviderId);
            }
            ok.then_some(id)
        });
        let name = self.text(&f, "name", true, 1, MAX_NAME);
        let website = self.url(&f, "website", false);
        Some(Provider { id: id?, name: name?, website })
    }

    fn source(&mut self, node: &Node) -> Option<Source> {
        let f = self.object(node, format!("{}/source", self.base), &["title", "url", "retrieved"])?;
        let title = self.text(&f, "title", true, 1, MAX_TITLE);
        let url = self.url(&f, "url", false);
        let retrieved = self.date(&f, "retrieved");
        Some(Source { title: title?, url, retrieved })
    }

    fn answers(&mut self, node: &Node) -> Option<[Option<Answer>; QuestionId::COUNT]> {
        let Value::Array(items) = &node.value else {
            self.issue(
                format!("{}/answers", self.base),
                node.pos,
                IssueKind::WrongType { expected: "an array", found: node.value.kind() },
            );
            return None;
        };
        let mut answers: [Option<Answer>; QuestionId::COUNT] = Default::default();
        let mut seen: [Option<Pos>; QuestionId::COUNT] = [None; QuestionId::COUNT];
        for (i, item) in items.iter().enumerate() {
            let pointer = format!("{}/answers/{i}", self.base);
            let Some(f) =
                self.object(item, pointer, &["question", "status", "status_basis", "summary", "ask", "citations"])
            else {
                continue;
            };
            let Some(q) = self.question(&f) else { continue };
            if let Some(first) = seen[q.index()] {
                let pos = f.get("question").map_or(f.pos, |n| n.pos);
                self.issue(f.at("question"), pos, IssueKind::DuplicateQuestion { question: q.number(), first });
                continue;
            }
            seen[q.index()] = Some(f.get("question").map_or(f.pos, |n| n.pos));
            let status = self.required(&f, "status").and_then(|n| match &n.value {
                Value::String(s) => {
                    let st = s.parse::<Status>().ok();
                    if st.is_none() {
                        self.issue(f.at("status"), n.pos, IssueKind::BadStatus(shorten(s)));
                    }
                    st
                }
                other => {
                    self.issue(
                        f.at("status"),
                        n.pos,
                        IssueKind::WrongType { expected: "a string", found: other.kind() },
                    );
                    None
                }
            });
            let summary = if f.get("summary").is_some() {
                self.text(&f, "summary", false, 0, MAX_SUMMARY)
            } else {
                Some(String::new())
            };
            let ask = self.text(&f, "ask", false, 0, MAX_ASK).filter(|a| !a.trim().is_empty());
            let status_basis = self.text(&f, "status_basis", false, 0, MAX_BASIS).filter(|b| !b.trim().is_empty());
            let citations = self.citations(&f);
            if let (Some(status), Some(summary), Some(citations)) = (status, summary, citations) {
                answers[q.index()] = Some(Answer { status, status_basis, summary, ask, citations });
            }
        }
        let missing: Vec<u8> =
            QuestionId::all().filter(|q| seen[q.index()].is_none()).map(QuestionId::number).collect();
        if !missing.is_empty() {
            self.issue(format!("{}/answers", self.base), node.pos, IssueKind::MissingAnswers(missing));
        }
        Some(answers)
    }

    fn question(&mut self, f: &Fields) -> Option<QuestionId> {
        let n = self.required(f, "question")?;
        let q = match &n.value {
            Value::Number(s) => s.parse::<u64>().ok().and_then(QuestionId::new),
            _ => None,
        };
        if q.is_none() {
            let shown = match &n.value {
                Value::Number(s) | Value::String(s) => shorten(s),
                other => other.kind().to_owned(),
            };
            self.issue(f.at("question"), n.pos, IssueKind::QuestionOutOfRange(shown));
        }
        q
    }

    fn citations(&mut self, f: &Fields) -> Option<Vec<Citation>> {
        let Some(node) = f.get("citations") else { return Some(Vec::new()) };
        let at = f.at("citations");
        let Value::Array(items) = &node.value else {
            self.issue(at, node.pos, IssueKind::WrongType { expected: "an array", found: node.value.kind() });
            return None;
        };
        if items.len() > MAX_CITATIONS {
            self.issue(at, node.pos, IssueKind::TooManyCitations { max: MAX_CITATIONS });
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let Some(cf) = self.object(item, format!("{at}/{i}"), &["title", "url", "date"]) else {
                ok = false;
                continue;
            };
            let title = self.text(&cf, "title", true, 1, MAX_TITLE);
            let url = self.url(&cf, "url", true);
            let date_given = cf.get("date").is_some();
            let date = self.date(&cf, "date");
            match (title, url) {
                (Some(title), Some(url)) if date.is_some() || !date_given => out.push(Citation { title, url, date }),
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }
}
