//! Importing a LIMSWiki "Provider research" page (README.md, importing) into a
//! draft profile. A lab has one of two things at hand: the page's text as a
//! browser copies it (select all, copy), or its wikitext. Both carry the 18
//! questions, numbered, each followed by what public information says, with
//! references: `[n]` marks and a numbered list in the text, `<ref>` tags and
//! `{{cite web}}` in wikitext.
//!
//! The importer finds the provider's name, each answer (matched to the
//! catalog by its question's words, so order, blank lines and the wiki's
//! asides do not matter), the citations each answer points to, and
//! suggests a status from the wording by the rules in [`RULES`], recording
//! why in `status_basis`. Suggestions are for a person to review: the
//! widget marks them until confirmed.
//!
//! No regular-expression crate: the model has no dependencies, and the
//! widget's wasm carries this code.

use std::fmt;

use super::catalog::QuestionId;
use super::profile::{Answer, Citation, Date, Profile, Provider, Source, WebUrl, MAX_BASIS};
use super::status::Status;

/// Every `status_basis` the importer writes starts with this, so the widget
/// can mark the status as a suggestion until a person confirms it.
pub const SUGGESTED: &str = "Suggested from the wording: ";
/// What a suggestion's basis starts with once a person confirms it.
pub const CONFIRMED: &str = "Confirmed by the lab; first suggested from the wording: ";

/// A suggested status's basis, confirmed; within the basis's length limit,
/// so the profile stays valid wherever it travels.
pub fn confirmed(basis: &str) -> String {
    clip(&basis.replacen(SUGGESTED, CONFIRMED, 1), MAX_BASIS)
}

/// Longest page we read (a provider page is some 20 KB).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
const MAX_SUMMARY: usize = 2000;
const MAX_TITLE: usize = 300;

/// How the page was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageForm {
    /// Copied from a browser: `[n]` marks and a numbered reference list.
    Text,
    /// The page's source: `<ref>`, `{{cite web}}`, named refs.
    Wikitext,
}

impl PageForm {
    pub fn label(self) -> &'static str {
        match self {
            PageForm::Text => "page text",
            PageForm::Wikitext => "wikitext",
        }
    }
}

/// A draft profile and what went into it.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub profile: Profile,
    pub form: PageForm,
    /// Citations across all answers.
    pub citations: usize,
}

/// Why a text is not a provider research page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge(usize),
    /// Fewer than the 18 questions were found; which ones were.
    NotAProviderPage {
        found: Vec<u8>,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge(n) => {
                write!(f, "the text is {n} bytes; a provider page is read up to {MAX_BYTES} bytes")
            }
            ImportError::NotAProviderPage { found } => {
                write!(
                    f,
                    "expected a LIMSWiki provider research page (its text or wikitext) answering the guide's 18 questions, or a profile or evaluation file (JSON); "
                )?;
                match found.as_slice() {
                    [] => write!(f, "found none of the 18 questions"),
                    some => {
                        let missing: Vec<String> = QuestionId::all()
                            .map(QuestionId::number)
                            .filter(|n| !some.contains(n))
                            .map(|n| n.to_string())
                            .collect();
                        write!(f, "found {} of the 18 questions; missing: {}", some.len(), missing.join(", "))
                    }
                }
            }
        }
    }
}

/// When a rule applies, besides its phrases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    Any,
    /// The answer cites at least one source.
    Cited,
    /// The answer cites nothing.
    Uncited,
}

/// One suggestion rule: if the answer's evidence is as `evidence` says and
/// its wording holds one of `phrases` (any wording when empty; a phrase
/// preceded by "no", "not" or "without" does not count), suggest `status`.
pub struct Rule {
    pub status: Status,
    pub evidence: Evidence,
    pub phrases: &'static [&'static str],
    pub reason: &'static str,
}

/// Wording that reports a problem: a loss, breach, exposure, outage or refusal.
const PROBLEM: &[&str] = &[
    "data loss",
    "loss of data",
    "losses have been reported",
    "lost data",
    "lost all",
    "lost customer",
    "breach",
    "was hacked",
    "were hacked",
    "exposed customer",
    "exposed data",
    "data exposure",
    "leaked",
    "major outage",
    "outage affected",
    "outages affected",
    "outage lasted",
    "outage took",
    "refused to",
    "refuses to",
    "declined to",
    "declines to",
    "will not sign",
    "won't sign",
    "does not sign",
    "doesn't sign",
];

/// Wording that says the information was looked for and not found.
const NOT_FOUND: &[&str] = &[
    "could not be found",
    "couldn't be found",
    "was not found",
    "were not found",
    "unable to be found",
    "unable to find",
    "no information",
    "little public information",
    "no public information",
    "not publicly",
    "not disclosed",
    "is unclear",
    "not clear",
    "make this answer clear",
    "no mention",
    "not mention",
    "n't mention",
    "n't appear to",
    "not appear to",
    "no further details",
    "no details",
];

/// Wording that leaves something to confirm with the provider.
const LEFT_OPEN: &[&str] = &[
    "could not be found",
    "no information",
    "is unclear",
    "not clear",
    "no mention",
    "n't appear",
    "not appear",
    "no further details",
    "little is said",
    "not 100 percent",
    "discuss",
    "representative",
    "confirm",
    "verify",
    "ask ",
    "will be necessary",
    "will be required",
    "up to your organization",
    "may not",
    "however",
];

/// The suggestion rules, in order; the first that applies wins.
pub static RULES: &[Rule] = &[
    Rule {
        status: Status::Adverse,
        evidence: Evidence::Any,
        phrases: PROBLEM,
        reason: "it reports a loss, breach, exposure, outage or refusal",
    },
    Rule {
        status: Status::Undisclosed,
        evidence: Evidence::Uncited,
        phrases: NOT_FOUND,
        reason: "it says the information could not be found, and cites nothing",
    },
    Rule {
        status: Status::Partial,
        evidence: Evidence::Cited,
        phrases: LEFT_OPEN,
        reason: "it cites evidence but leaves something to confirm with the provider",
    },
    Rule {
        status: Status::Documented,
        evidence: Evidence::Cited,
        phrases: &[],
        reason: "it cites evidence and leaves nothing open",
    },
    Rule {
        status: Status::Undisclosed,
        evidence: Evidence::Uncited,
        phrases: &[],
        reason: "it cites no public evidence",
    },
];

/// The first rule that applies to an answer's wording, and the phrase that
/// made it apply (none for the catch-all rules).
pub fn suggest(text: &str, cited: bool) -> (&'static Rule, Option<&'static str>) {
    let lower = normalize_quotes(&text.to_lowercase());
    for rule in RULES {
        let evidence_ok = match rule.evidence {
            Evidence::Any => true,
            Evidence::Cited => cited,
            Evidence::Uncited => !cited,
        };
        if !evidence_ok {
            continue;
        }
        if rule.phrases.is_empty() {
            return (rule, None);
        }
        if let Some(p) = rule.phrases.iter().find(|p| affirmed(&lower, p)) {
            return (rule, Some(p));
        }
    }
    // The last rule takes any uncited wording and the one before it any
    // cited wording, so this is never reached.
    (&RULES[RULES.len() - 1], None)
}

/// Whether `phrase` occurs in `text` without "no", "not", "never" or
/// "without" among the three words before it.
fn affirmed(text: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|t| t.find(phrase)) {
        let start = from + at;
        let before: Vec<&str> = text.get(..start).unwrap_or("").split_whitespace().rev().take(3).collect();
        if !before.iter().any(|w| {
            matches!(w.trim_matches(|c: char| !c.is_alphanumeric()), "no" | "not" | "never" | "without" | "nor")
        }) {
            return true;
        }
        from = start + phrase.len();
    }
    false
}

fn normalize_quotes(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201C}', '\u{201D}'], "\"")
}

/// Whether a text should be read as a page rather than JSON.
pub fn looks_like_json(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    // Wikitext may open with a template, `{{Infobox …`.
    (start.starts_with('{') && !start.starts_with("{{")) || start.starts_with('[')
}

/// Reads a provider page. `title` is the page's title when the caller knows
/// it (a wiki page reading itself): wikitext does not carry its own title.
pub fn import(text: &str, title: Option<&str>) -> Result<Imported, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let form = if text.contains("'''") || text.contains("<ref") || text.contains("{{") || text.contains("\n==") {
        PageForm::Wikitext
    } else {
        PageForm::Text
    };
    let lines: Vec<&str> = text.lines().collect();
    let headings = find_questions(&lines, form);
    let found: Vec<u8> = {
        let mut f: Vec<u8> = headings.iter().map(|h| h.question.number()).collect();
        f.sort_unstable();
        f.dedup();
        f
    };
    if found.len() < 18 {
        return Err(ImportError::NotAProviderPage { found });
    }
    let references = match form {
        PageForm::Text => text_references(&lines),
        PageForm::Wikitext => wiki_named_refs(&text),
    };
    let mut answers: [Option<Answer>; 18] = Default::default();
    let mut total = 0;
    for (i, h) in headings.iter().enumerate() {
        let end = headings.get(i + 1).map_or(lines.len(), |next| next.line);
        let body_lines = lines.get(h.line + 1..end).unwrap_or_default();
        let body_lines = &body_lines[..section_end(body_lines, form)];
        let body = body_lines.join("\n");
        let (summary, citations) = match form {
            PageForm::Text => text_answer(&body, &references),
            PageForm::Wikitext => wiki_answer(&body, &references),
        };
        if answers[h.question.index()].is_some() {
            continue;
        }
        let (rule, phrase) = suggest(&summary, !citations.is_empty());
        let basis = match phrase {
            Some(p) => format!("{SUGGESTED}{} (\"{}\").", rule.reason, p.trim()),
            None => format!("{SUGGESTED}{}.", rule.reason),
        };
        total += citations.len();
        answers[h.question.index()] = Some(Answer {
            status: rule.status,
            status_basis: Some(clip(&basis, MAX_BASIS)),
            summary: clip(&summary, MAX_SUMMARY),
            ask: None,
            citations,
        });
    }
    let name = page_name(&lines, &text, form, title);
    let source = Source {
        title: clip(&format!("LIMSWiki: {name}"), MAX_TITLE),
        url: page_address(&text),
        retrieved: page_date(&text),
    };
    let profile = Profile {
        provider: Provider { id: slug(&name), name: clip(&name, 100), website: None },
        source: Some(source),
        answers,
        managed_security_services: None,
        notes: Some(format!("Imported from a LIMSWiki provider research page ({}); statuses were suggested from the wording and need review.", form.label())),
    };
    Ok(Imported { profile, form, citations: total })
}

/// A question heading: where it stands and which question it asks.
struct Heading {
    line: usize,
    question: QuestionId,
}

/// The words of a text, lowercased, without punctuation.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| w.len() > 1)
        .collect()
}

/// Finds the 18 question headings: lines (short, with a question mark)
/// whose words hold most of a catalog question's words. A leading number
/// breaks ties; wiki markup around the heading is ignored.
fn find_questions(lines: &[&str], form: PageForm) -> Vec<Heading> {
    let catalog: Vec<(QuestionId, Vec<String>)> = QuestionId::all().map(|q| (q, words(q.question().text))).collect();
    let mut out: Vec<Heading> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        if line.len() > 500 || !line.contains('?') {
            continue;
        }
        let plain =
            if form == PageForm::Wikitext { line.trim_matches(|c| c == '\'' || c == '=' || c == ' ') } else { line };
        // The question itself: up to its (first) question mark.
        let asked = plain.split_once('?').map_or(plain, |(q, _)| q);
        let numbered = asked.split_once('.').and_then(|(n, _)| n.trim().parse::<u64>().ok()).and_then(QuestionId::new);
        let have = words(asked);
        let mut best: Option<(QuestionId, u32)> = None;
        for (q, want) in &catalog {
            let hits = want.iter().filter(|w| have.contains(w)).count() as u32;
            // Hundredths of the catalog question's words found.
            let score = hits * 100 / want.len().max(1) as u32;
            let score = if Some(*q) == numbered { score + 1 } else { score };
            if score >= 80 && best.is_none_or(|(_, s)| score > s) {
                best = Some((*q, score));
            }
        }
        if let Some((question, _)) = best {
            out.push(Heading { line: i, question });
        }
    }
    out
}

/// Where an answer's text ends: at the page's next section.
fn section_end(body: &[&str], form: PageForm) -> usize {
    const TEXT_SECTIONS: &[&str] = &[
        "managed security services",
        "additional information",
        "documentation and other media",
        "external links",
        "references",
        "notes",
        "see also",
        "further reading",
    ];
    body.iter()
        .position(|l| {
            let t = l.trim();
            match form {
                PageForm::Wikitext => t.starts_with("==") || t.to_lowercase().starts_with("{{reflist"),
                PageForm::Text => TEXT_SECTIONS.contains(&t.to_lowercase().as_str()),
            }
        })
        .unwrap_or(body.len())
}

/// A reference: what a citation is made of.
#[derive(Clone, Debug)]
struct Reference {
    key: String,
    title: String,
    url: Option<WebUrl>,
    date: Option<Date>,
}

impl Reference {
    fn citation(&self) -> Option<Citation> {
        Some(Citation { title: self.title.clone(), url: self.url.clone()?, date: self.date.clone() })
    }
}

/// The numbered reference list of a copied page: `n. Author (date).
/// "Title". Site. URL. Retrieved DATE.`, with `n.0 n.1` or `^ a b`
/// back-links after the number when a reference is used several times.
fn text_references(lines: &[&str]) -> Vec<Reference> {
    let mut refs = Vec::new();
    for line in lines {
        let t = line.trim().trim_start_matches(['↑', '^']).trim();
        let Some((n, rest)) = t.split_once('.') else { continue };
        if n.is_empty() || n.len() > 3 || !n.bytes().all(|b| b.is_ascii_digit()) || !rest.contains("http") {
            continue;
        }
        // Drop back-links: "2.0 2.1", "^", "↑", "a b".
        let rest: String = {
            let mut words = rest.split_whitespace().peekable();
            while let Some(w) = words.peek() {
                let backlink = w.starts_with(&format!("{n}.")) && w[n.len() + 1..].bytes().all(|b| b.is_ascii_digit())
                    || matches!(*w, "^" | "↑")
                    || (w.len() == 1 && w.bytes().all(|b| b.is_ascii_lowercase()));
                if !backlink {
                    break;
                }
                words.next();
            }
            words.collect::<Vec<_>>().join(" ")
        };
        refs.push(reference_from_text(n, &rest));
    }
    refs
}

/// Title, URL and date out of one formatted reference.
fn reference_from_text(key: &str, text: &str) -> Reference {
    let url_at = text.find("https://").or_else(|| text.find("http://"));
    let url = url_at.and_then(|at| {
        let raw: String = text[at..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '|' | ']'))
            .collect();
        WebUrl::parse(raw.trim_end_matches(['.', ',', ';', ')']))
    });
    let before = url_at.map_or(text, |at| &text[..at]);
    let title = quoted(before).unwrap_or_else(|| before.trim().trim_end_matches('.').to_owned());
    let date = full_date(before.split("Retrieved").next().unwrap_or(before));
    Reference { key: key.to_owned(), title: clip(&plain_text(&title), MAX_TITLE), url, date }
}

/// The first quoted stretch ("…" or “…”).
fn quoted(s: &str) -> Option<String> {
    let open = s.find(['"', '\u{201C}'])?;
    let first = s[open..].chars().next()?.len_utf8();
    let rest = &s[open + first..];
    let close = rest.find(['"', '\u{201D}'])?;
    let t = rest[..close].trim().trim_start_matches('\u{201C}').trim();
    (!t.is_empty()).then(|| t.to_owned())
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The first full date in a text: `17 May 2023`, `May 17, 2023` or
/// `2023-05-17`. A month and year alone is no date (it would invent a day).
fn full_date(s: &str) -> Option<Date> {
    let tokens: Vec<String> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '.' | '|' | '='))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    let month = |t: &str| {
        MONTHS.iter().position(|m| m == &t || (t.len() >= 3 && m.starts_with(t) && t.len() == 3)).map(|i| i + 1)
    };
    let day = |t: &str| t.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    let year = |t: &str| t.parse::<u32>().ok().filter(|y| (1990..=2100).contains(y) && t.len() == 4);
    for w in tokens.windows(3) {
        let found = match (day(&w[0]), month(&w[1]), year(&w[2])) {
            (Some(d), Some(m), Some(y)) => Some((y, m, d)),
            _ => match (month(&w[0]), day(&w[1]), year(&w[2])) {
                (Some(m), Some(d), Some(y)) => Some((y, m, d)),
                _ => None,
            },
        };
        if let Some((y, m, d)) = found {
            if let Some(date) = Date::parse(&format!("{y:04}-{m:02}-{d:02}")) {
                return Some(date);
            }
        }
    }
    tokens.iter().find_map(|t| Date::parse(t))
}

/// An answer of a copied page: its text without the `[n]` marks, and the
/// references those marks point to, in order, each once.
fn text_answer(body: &str, refs: &[Reference]) -> (String, Vec<Citation>) {
    let mut text = String::new();
    let mut keys: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) if close > 0 && close <= 3 && after[..close].bytes().all(|b| b.is_ascii_digit()) => {
                let key = after[..close].to_owned();
                if !keys.contains(&key) {
                    keys.push(key);
                }
                rest = &after[close + 1..];
            }
            _ => {
                text.push('[');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    let citations = keys.iter().filter_map(|k| refs.iter().find(|r| &r.key == k)?.citation()).collect();
    (collapse(&text), citations)
}

/// Every `<ref name="X">…</ref>` of a wikitext page, so a later
/// `<ref name="X" />` can point back to it.
fn wiki_named_refs(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("<ref") {
        let after = &rest[open + 4..];
        let Some(tag_end) = after.find('>') else { break };
        let tag = &after[..tag_end];
        if tag.ends_with('/') {
            rest = &after[tag_end + 1..];
            continue;
        }
        let inner_start = &after[tag_end + 1..];
        let Some(close) = inner_start.find("</ref>") else { break };
        if let Some(name) = ref_name(tag) {
            out.push(wiki_reference(&name, &inner_start[..close]));
        }
        rest = &inner_start[close + 6..];
    }
    out
}

/// The `name` of a `<ref name="X">` or `<ref name=X />` tag.
fn ref_name(tag: &str) -> Option<String> {
    let at = tag.find("name")?;
    let value = tag[at + 4..].trim_start().strip_prefix('=')?.trim_start();
    let name: String = match value.strip_prefix('"') {
        Some(v) => v.chars().take_while(|&c| c != '"').collect(),
        None => value.chars().take_while(|&c| !c.is_whitespace() && c != '/' && c != '>').collect(),
    };
    (!name.is_empty()).then_some(name)
}

/// One `<ref>`'s contents: a `{{cite …}}` template or a formatted reference.
fn wiki_reference(key: &str, inner: &str) -> Reference {
    if let Some(start) = inner.find("{{") {
        let body = &inner[start + 2..inner[start..].find("}}").map_or(inner.len(), |e| start + e)];
        let field = |names: &[&str]| {
            body.split('|').find_map(|part| {
                let (k, v) = part.split_once('=')?;
                names.contains(&k.trim().to_lowercase().as_str()).then(|| v.trim().to_owned())
            })
        };
        let url = field(&["url"]).and_then(|u| WebUrl::parse(&u));
        let title = field(&["title"])
            .map(|t| plain_text(&t))
            .unwrap_or_else(|| url.as_ref().map_or_else(String::new, |u| u.as_str().to_owned()));
        let date = field(&["date", "publication-date"]).and_then(|d| full_date(&d));
        return Reference { key: key.to_owned(), title: clip(&title, MAX_TITLE), url, date };
    }
    // "[https://… Title]" or plain text with an address.
    let unbracketed = inner.replace(['[', ']'], " ");
    let mut r = reference_from_text(key, &unbracketed);
    if r.title.is_empty() {
        if let Some(u) = &r.url {
            let after = unbracketed.split(u.as_str()).nth(1).unwrap_or("").trim();
            r.title = clip(&plain_text(if after.is_empty() { u.as_str() } else { after }), MAX_TITLE);
        }
    }
    r
}

/// An answer in wikitext: its text without markup, and its citations from
/// `<ref>` tags (named ones resolved) and external links.
fn wiki_answer(body: &str, named: &[Reference]) -> (String, Vec<Citation>) {
    let mut citations: Vec<Citation> = Vec::new();
    let mut add = |c: Option<Citation>| {
        if let Some(c) = c {
            if !citations.iter().any(|x| x.url == c.url) {
                citations.push(c);
            }
        }
    };
    let mut text = String::new();
    let mut rest = body;
    while let Some(open) = rest.find("<ref") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 4..];
        let Some(tag_end) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = &after[..tag_end];
        if tag.ends_with('/') {
            if let Some(name) = ref_name(tag) {
                add(named.iter().find(|r| r.key == name).and_then(Reference::citation));
            }
            rest = &after[tag_end + 1..];
            continue;
        }
        let inner = &after[tag_end + 1..];
        let close = inner.find("</ref>").unwrap_or(inner.len());
        add(wiki_reference(&ref_name(tag).unwrap_or_default(), &inner[..close]).citation());
        rest = inner.get(close + 6..).unwrap_or("");
    }
    text.push_str(rest);
    // External links in the answer's own text are evidence too.
    let mut scan = text.as_str();
    while let Some(open) = scan.find("[http") {
        let inner = &scan[open + 1..];
        let close = inner.find(']').unwrap_or(inner.len());
        let (url, title) = inner[..close].split_once(' ').unwrap_or((&inner[..close], ""));
        if let Some(url) = WebUrl::parse(url) {
            let title = if title.trim().is_empty() { url.as_str().to_owned() } else { plain_text(title) };
            add(Some(Citation { title: clip(&title, MAX_TITLE), url, date: None }));
        }
        scan = inner.get(close..).unwrap_or("");
    }
    (collapse(&plain_text(&text)), citations)
}

/// Wikitext to plain text: links to their words, no bold or italics, no
/// templates, tags or comments.
fn plain_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    loop {
        let next = [rest.find("[["), rest.find('['), rest.find("{{"), rest.find('<'), rest.find("''")]
            .into_iter()
            .flatten()
            .min();
        let Some(at) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..at]);
        let here = &rest[at..];
        if let Some(inner) = here.strip_prefix("[[") {
            let end = inner.find("]]").unwrap_or(inner.len());
            let link = &inner[..end];
            out.push_str(link.rsplit('|').next().unwrap_or(link));
            rest = inner.get(end + 2..).unwrap_or("");
        } else if let Some(inner) = here.strip_prefix("{{") {
            let end = inner.find("}}").unwrap_or(inner.len());
            rest = inner.get(end + 2..).unwrap_or("");
        } else if let Some(inner) = here.strip_prefix("''") {
            rest = inner.trim_start_matches('\'');
        } else if let Some(inner) = here.strip_prefix('<') {
            // A tag (or a comment) is dropped; a lone "<" is text.
            match inner.find('>') {
                Some(end) if inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') => {
                    rest = &inner[end + 1..];
                }
                _ => {
                    out.push('<');
                    rest = inner;
                }
            }
        } else {
            // "[https://… words]" keeps its words; "[n]" and other brackets stay.
            let inner = &here[1..];
            match inner.find(']') {
                Some(end) if inner.starts_with("http") => {
                    let link = &inner[..end];
                    out.push_str(link.split_once(' ').map_or("", |(_, words)| words));
                    rest = &inner[end + 1..];
                }
                _ => {
                    out.push('[');
                    rest = inner;
                }
            }
        }
    }
    out
}

/// One line of prose: runs of white space become one space; bullets stay
/// visible as "•".
fn collapse(s: &str) -> String {
    let bulleted: Vec<String> = s
        .lines()
        .map(|l| {
            let t = l.trim();
            match t.strip_prefix('*').or_else(|| t.strip_prefix('#')) {
                Some(item) => format!("• {}", item.trim()),
                None => t.to_owned(),
            }
        })
        .collect();
    bulleted.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, cut at a word with "…" when longer.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max - 1).collect();
    let at = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

/// The provider's name: the given title, else the page's (a copied page's
/// first line; wikitext's infobox `name`, or the first bold term).
fn page_name(lines: &[&str], text: &str, form: PageForm, title: Option<&str>) -> String {
    let from_title = title.map(|t| t.replace('_', " ").trim().to_owned()).filter(|t| !t.is_empty());
    let found = match form {
        PageForm::Text => lines
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .map(|l| l.trim_end_matches(" - LIMSWiki").trim().to_owned()),
        PageForm::Wikitext => text
            .lines()
            .find_map(|l| {
                let (k, v) = l.trim().trim_start_matches('|').split_once('=')?;
                (k.trim() == "name").then(|| plain_text(v).trim().to_owned())
            })
            .filter(|n| !n.is_empty())
            .or_else(|| {
                let at = text.find("'''")?;
                let rest = &text[at + 3..];
                let end = rest.find("'''")?;
                let name = plain_text(&rest[..end]).trim().to_owned();
                (!name.is_empty() && !name.contains('?') && name.len() <= 100).then_some(name)
            }),
    };
    from_title.or(found).unwrap_or_else(|| "Imported provider".to_owned())
}

/// The page's own address, if the copy kept it ("Retrieved from …").
fn page_address(text: &str) -> Option<WebUrl> {
    let at = text.find("Retrieved from")?;
    let rest = &text[at..];
    let start = rest.find("http")?;
    let url: String =
        rest[start..].chars().take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '\u{201D}')).collect();
    WebUrl::parse(&url)
}

/// When the page was last edited, if the copy says so; else the newest
/// date a reference was retrieved.
fn page_date(text: &str) -> Option<Date> {
    if let Some(at) = text.find("last edited on") {
        if let Some(d) = full_date(window(text, at, 60)) {
            return Some(d);
        }
    }
    let mut newest: Option<Date> = None;
    let mut rest = text;
    while let Some(at) =
        rest.find("Retrieved ").or_else(|| rest.find("accessdate")).or_else(|| rest.find("access-date"))
    {
        if let Some(d) = full_date(window(rest, at, 40)) {
            if newest.as_ref().is_none_or(|n| d.as_str() > n.as_str()) {
                newest = Some(d);
            }
        }
        rest = &rest[at + 9..];
    }
    newest
}

/// Up to `len` bytes of `text` from `at`, never splitting a character.
fn window(text: &str, at: usize, len: usize) -> &str {
    let rest = text.get(at..).unwrap_or("");
    let mut end = rest.len().min(len);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    &rest[..end]
}

/// A provider id from its name: `Tencent Cloud` → `tencent-cloud`.
pub fn slug(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
        if id.len() >= 40 {
            break;
        }
    }
    let id = id.trim_end_matches('-').to_owned();
    if id.is_empty() {
        "provider".to_owned()
    } else {
        id
    }
}
