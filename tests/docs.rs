//! The worked examples in docs/, run. Each fenced block that follows a
//! `<!-- tests/docs.rs: KIND -->` line is read here, computed with the
//! model, and compared line by line: an edit to a document that breaks an
//! example's arithmetic, order or wording fails this test, and so does a
//! change to the model that the document does not follow.
//!
//! Kinds: `figures` and `ranking` and `age` (docs/scoring.md), `link` and
//! `decision` followed by `issues` (docs/files.md), `profile` followed by
//! `issues` (docs/profile-format.md).
//! docs/scoring.md, "Reading the examples", explains the notation.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use csp_radar::model::age::{AnswerAge, StaleAfter};
use csp_radar::model::confidence::Stability;
use csp_radar::model::export::Ages;
use csp_radar::model::figures::{shown, Band};
use csp_radar::model::profile::Date;
use csp_radar::model::{
    bundled, Domain, Evaluation, Figures, Preset, Profile, QuestionId, Ratio, Status, Weight, Weights,
};

const SCORING: (&str, &str) = ("docs/scoring.md", include_str!("../docs/scoring.md"));
const FILES: (&str, &str) = ("docs/files.md", include_str!("../docs/files.md"));
const PROFILE_FORMAT: (&str, &str) = ("docs/profile-format.md", include_str!("../docs/profile-format.md"));

/// One marked block: its kind, and its lines with their line numbers.
struct Block {
    kind: String,
    lines: Vec<(usize, String)>,
}

fn blocks((name, doc): (&str, &str)) -> Vec<Block> {
    let lines: Vec<&str> = doc.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let marker = lines[i].trim().strip_prefix("<!-- tests/docs.rs: ").and_then(|r| r.strip_suffix(" -->"));
        let Some(kind) = marker else {
            i += 1;
            continue;
        };
        let fence = lines.get(i + 1).map_or("", |l| l.trim());
        assert!(fence.starts_with("```"), "{name}:{}: a marker must be followed by a fenced block", i + 1);
        let mut body = Vec::new();
        let mut j = i + 2;
        while j < lines.len() && lines[j].trim() != "```" {
            body.push((j + 1, lines[j].to_owned()));
            j += 1;
        }
        assert!(j < lines.len(), "{name}:{}: the block is not closed", i + 2);
        out.push(Block { kind: kind.to_owned(), lines: body });
        i = j + 1;
    }
    out
}

/// `key: value` lines (blank lines skipped), keys in lower case.
fn entries(name: &str, block: &Block) -> Vec<(usize, String, String)> {
    block
        .lines
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let (k, v) = l.split_once(':').unwrap_or_else(|| panic!("{name}:{n}: expected `key: value`, found {l:?}"));
            (*n, k.trim().to_owned(), v.trim().to_owned())
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Exact arithmetic: the chains written in the examples.

/// An exact fraction, always reduced, denominator positive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Q(i128, i128);

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

impl Q {
    fn new(n: i128, d: i128) -> Q {
        assert!(d != 0, "division by zero");
        let g = gcd(n, d).max(1) * d.signum();
        Q(n / g, d / g)
    }
    fn of(r: Ratio) -> Q {
        Q::new(i128::from(r.numerator()), i128::from(r.denominator()))
    }
    fn add(self, o: Q) -> Q {
        Q::new(self.0 * o.1 + o.0 * self.1, self.1 * o.1)
    }
    fn sub(self, o: Q) -> Q {
        Q::new(self.0 * o.1 - o.0 * self.1, self.1 * o.1)
    }
    fn mul(self, o: Q) -> Q {
        Q::new(self.0 * o.0, self.1 * o.1)
    }
    fn div(self, o: Q) -> Q {
        Q::new(self.0 * o.1, self.1 * o.0)
    }
}

/// Evaluates `(2×100 + 3×75) / 6`, `5.6 + 7×4.2`: whole or decimal numbers,
/// `+ - − × * /` and parentheses, exactly.
fn eval(text: &str) -> Q {
    struct P<'a> {
        s: &'a [char],
        at: usize,
        text: &'a str,
    }
    impl P<'_> {
        fn peek(&mut self) -> Option<char> {
            while self.s.get(self.at).is_some_and(|c| c.is_whitespace()) {
                self.at += 1;
            }
            self.s.get(self.at).copied()
        }
        fn expr(&mut self) -> Q {
            let mut v = self.term();
            loop {
                match self.peek() {
                    Some('+') => {
                        self.at += 1;
                        v = v.add(self.term());
                    }
                    Some('-' | '−') => {
                        self.at += 1;
                        v = v.sub(self.term());
                    }
                    _ => return v,
                }
            }
        }
        fn term(&mut self) -> Q {
            let mut v = self.factor();
            loop {
                match self.peek() {
                    Some('×' | '*') => {
                        self.at += 1;
                        v = v.mul(self.factor());
                    }
                    Some('/') => {
                        self.at += 1;
                        v = v.div(self.factor());
                    }
                    _ => return v,
                }
            }
        }
        fn factor(&mut self) -> Q {
            match self.peek() {
                Some('(') => {
                    self.at += 1;
                    let v = self.expr();
                    assert_eq!(self.peek(), Some(')'), "missing ')' in {:?}", self.text);
                    self.at += 1;
                    v
                }
                Some('-' | '−') => {
                    self.at += 1;
                    Q::new(0, 1).sub(self.factor())
                }
                Some(c) if c.is_ascii_digit() => {
                    let (mut n, mut d) = (0i128, 1i128);
                    let mut decimals = false;
                    while let Some(&c) = self.s.get(self.at) {
                        if let Some(digit) = c.to_digit(10) {
                            n = n * 10 + i128::from(digit);
                            if decimals {
                                d *= 10;
                            }
                        } else if c == '.' && !decimals {
                            decimals = true;
                        } else {
                            break;
                        }
                        self.at += 1;
                    }
                    Q::new(n, d)
                }
                other => panic!("expected a number or '(' in {:?}, found {other:?}", self.text),
            }
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut p = P { s: &chars, at: 0, text };
    let v = p.expr();
    assert_eq!(p.peek(), None, "unexpected text in {text:?}");
    v
}

/// Every `=`-separated step of a chain, each checked to equal `value`.
fn check_steps(at: &str, steps: &str, value: Q) {
    for step in steps.split('=').map(str::trim) {
        assert_eq!(eval(step), value, "{at}: {step:?} is not the exact figure {}/{}", value.0, value.1);
    }
}

/// A figure line: `n/a`, or `CHAIN → SHOWN [BAND]`.
fn check_figure(at: &str, text: &str, figure: Option<Ratio>) {
    if text == "n/a" {
        assert_eq!(figure.map(|r| r.to_string()), None, "{at}: the figure exists");
        return;
    }
    let r = figure.unwrap_or_else(|| panic!("{at}: the figure is n/a"));
    let (steps, result) = text.split_once('→').unwrap_or_else(|| panic!("{at}: expected `CHAIN → FIGURE`"));
    check_steps(at, steps, Q::of(r));
    let mut words = result.split_whitespace();
    assert_eq!(words.next(), Some(shown(Some(r)).as_str()), "{at}: the figure as shown");
    if let Some(band) = words.next() {
        assert_eq!(band, Band::of(r).id(), "{at}: the band");
    }
    assert_eq!(words.next(), None, "{at}: unexpected text after the band");
}

// ---------------------------------------------------------------------------
// What the examples give: weights, statuses, profiles.

fn question(at: &str, token: &str) -> QuestionId {
    token
        .strip_prefix('q')
        .and_then(|n| n.parse::<u64>().ok())
        .and_then(QuestionId::new)
        .unwrap_or_else(|| panic!("{at}: {token:?} is not a question q1..q18"))
}

fn tokens(text: &str) -> Vec<&str> {
    text.split([' ', ',']).filter(|t| !t.is_empty()).collect()
}

/// `balanced`, `q3=2 q9=1, rest 0`, `clinical q14=0`.
fn weights(at: &str, text: &str) -> (Preset, Weights) {
    let mut preset = None;
    let mut rest = None;
    let mut set = Vec::new();
    let mut it = tokens(text).into_iter();
    while let Some(t) = it.next() {
        if t == "rest" {
            let w = it.next().and_then(|w| w.parse::<u64>().ok()).and_then(Weight::new);
            rest = Some(w.unwrap_or_else(|| panic!("{at}: `rest` needs a weight 0..5")));
        } else if let Some((q, w)) = t.split_once('=') {
            let w = w.parse::<u64>().ok().and_then(Weight::new);
            set.push((question(at, q), w.unwrap_or_else(|| panic!("{at}: {t:?}: weights are 0..5"))));
        } else {
            preset = Some(t.parse::<Preset>().unwrap_or_else(|e| panic!("{at}: {e}")));
        }
    }
    assert!(preset.is_some() || rest.is_some(), "{at}: name a preset or the `rest` weight");
    let mut w = preset.unwrap_or_default().weights();
    if let Some(r) = rest {
        for q in QuestionId::all() {
            w.set(q, r);
        }
    }
    for (q, v) in set {
        w.set(q, v);
    }
    (preset.unwrap_or_default(), w)
}

fn status(at: &str, s: &str) -> Status {
    s.parse::<Status>().unwrap_or_else(|()| panic!("{at}: {s:?} is not a status"))
}

/// `tencent-cloud`, or `q3=adverse ..., rest STATUS|silent`: a profile,
/// built as JSON and read like any profile file.
fn profile_of(at: &str, name: &str, text: &str) -> Rc<Profile> {
    let t = tokens(text);
    if let [id] = t.as_slice() {
        if let Some(p) = bundled::get(id) {
            return p;
        }
    }
    let mut statuses: [Option<Status>; 18] = [None; 18];
    let mut rest = None;
    let mut it = t.into_iter();
    while let Some(tok) = it.next() {
        if tok == "rest" {
            let r = it.next().unwrap_or_else(|| panic!("{at}: `rest` needs a status or `silent`"));
            rest = Some((r != "silent").then(|| status(at, r)));
        } else {
            let (q, s) = tok.split_once('=').unwrap_or_else(|| panic!("{at}: {tok:?} is not qN=STATUS"));
            statuses[question(at, q).index()] = Some(status(at, s));
        }
    }
    let rest = rest.unwrap_or_else(|| panic!("{at}: say what the `rest` of the questions are (or `silent`)"));
    let answers: Vec<String> = QuestionId::all()
        .filter_map(|q| {
            let s = statuses[q.index()].or(rest)?;
            Some(format!(r#"{{"question": {}, "status": "{}"}}"#, q.number(), s.id()))
        })
        .collect();
    profile_json(name, &answers)
}

fn profile_json(name: &str, answers: &[String]) -> Rc<Profile> {
    let id: String =
        name.to_ascii_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let json = format!(
        r#"{{"format": "csp-risk-profile", "version": 1, "provider": {{"id": "{id}", "name": "{name}"}}, "answers": [{}]}}"#,
        answers.join(", ")
    );
    Rc::new(Profile::parse(&json).unwrap_or_else(|r| panic!("{r}")).profile)
}

fn domain(at: &str, id: &str) -> Domain {
    Domain::ALL.into_iter().find(|d| d.id() == id).unwrap_or_else(|| panic!("{at}: no domain {id:?}"))
}

// ---------------------------------------------------------------------------
// The kinds of example.

/// Checks one expectation about an evaluation's figures; `false` when the
/// key is not a figure.
fn check_evaluation(at: &str, key: &str, value: &str, e: &Evaluation) -> bool {
    let f = e.figures();
    let range = e.range();
    let words: Vec<&str> = key.split_whitespace().collect();
    match words.as_slice() {
        ["overall"] => check_figure(at, value, f.overall),
        ["coverage"] => check_figure(at, value, f.coverage),
        ["domain", d] => check_figure(at, value, f.domain(domain(at, d))),
        ["best", "overall"] => check_figure(at, value, range.best.overall),
        ["worst", "overall"] => check_figure(at, value, range.worst.overall),
        ["best", "domain", d] => check_figure(at, value, range.best.domain(domain(at, d))),
        ["worst", "domain", d] => check_figure(at, value, range.worst.domain(domain(at, d))),
        ["worst", "−" | "-", "best"] => {
            let (best, worst) = (range.best.overall.unwrap(), range.worst.overall.unwrap());
            assert_eq!(best.denominator(), worst.denominator(), "{at}: one Σw");
            let width = Ratio::new(worst.numerator() - best.numerator(), best.denominator());
            check_figure(at, value, width);
            let coverage = Q::of(f.coverage.unwrap());
            assert_eq!(Q::of(width.unwrap()), Q::new(100, 1).sub(coverage), "{at}: 100 − coverage");
        }
        ["points", "total"] => {
            let total = QuestionId::all().filter_map(|q| f.line(q).points).map(Q::of).fold(Q::new(0, 1), Q::add);
            assert_eq!(Some(total), f.overall.map(Q::of), "{at}: the points add up to the overall figure");
            check_figure(at, value, f.overall);
        }
        ["shown", "points", "total"] => {
            let total = QuestionId::all()
                .filter_map(|q| f.line(q).points)
                .map(|p| Q::new(i128::from(p.tenths()), 10))
                .fold(Q::new(0, 1), Q::add);
            check_steps(at, value, total);
        }
        ["points", q] => check_figure(at, value, f.line(question(at, q)).points),
        ["gaps"] => {
            let gaps: Vec<String> = f.gaps.iter().map(|g| format!("q{}", g.number())).collect();
            let expected: Vec<String> =
                if value == "none" { vec![] } else { tokens(value).into_iter().map(str::to_owned).collect() };
            assert_eq!(gaps, expected, "{at}: the gap list");
        }
        _ => return false,
    }
    true
}

fn run_figures(name: &str, block: &Block) -> usize {
    let lines = entries(name, block);
    let at = |n: &usize| format!("{name}:{n}");
    let (mut preset, mut weights_, mut profile, mut findings) = (None, None, None, Vec::new());
    for (n, key, value) in &lines {
        match key.as_str() {
            "weights" => {
                let (p, w) = weights(&at(n), value);
                (preset, weights_) = (Some(p), Some(w));
            }
            "statuses" => profile = Some(profile_of(&at(n), "Example", value)),
            "findings" => {
                for t in tokens(value) {
                    let (q, s) = t.split_once('=').unwrap_or_else(|| panic!("{}: {t:?} is not qN=STATUS", at(n)));
                    findings.push((question(&at(n), q), status(&at(n), s)));
                }
            }
            _ => {}
        }
    }
    let first = block.lines.first().map_or(0, |(n, _)| *n);
    let profile = profile.unwrap_or_else(|| panic!("{name}:{first}: the example gives no `statuses:`"));
    let mut e = Evaluation::new(profile, preset.unwrap_or_else(|| panic!("{name}:{first}: no `weights:`")));
    e.weights = weights_.unwrap_or_default();
    for (q, s) in findings {
        e.record.set_finding(q, Some(csp_radar::model::Finding::new(s)));
    }
    let mut checked = 0;
    for (n, key, value) in &lines {
        if matches!(key.as_str(), "weights" | "statuses" | "findings") {
            continue;
        }
        assert!(check_evaluation(&at(n), key, value, &e), "{}: unknown line {key:?}", at(n));
        checked += 1;
    }
    checked
}

fn run_ranking(name: &str, block: &Block) -> usize {
    let lines = entries(name, block);
    let at = |n: &usize| format!("{name}:{n}");
    let mut preset_weights = None;
    let mut providers: Vec<(String, Rc<Profile>)> = Vec::new();
    for (n, key, value) in &lines {
        if key == "weights" {
            preset_weights = Some(weights(&at(n), value));
        } else if let Some(who) = key.strip_prefix("statuses ") {
            providers.push((who.to_owned(), profile_of(&at(n), who, value)));
        }
    }
    let first = block.lines.first().map_or(0, |(n, _)| *n);
    let (preset, w) = preset_weights.unwrap_or_else(|| panic!("{name}:{first}: no `weights:`"));
    let [(a_name, a), (b_name, b)] = providers.as_slice() else {
        panic!("{name}:{first}: a ranking example names two providers (`statuses NAME:`)")
    };
    let mut e = Evaluation::new(Rc::clone(a), preset);
    e.weights = w;
    let s = Stability::of(&e.weights, |q| e.status(q), |q| b.status(q));
    let profile_named = |at: &str, who: &str| -> Rc<Profile> {
        providers.iter().find(|(n, _)| n == who).map(|(_, p)| Rc::clone(p)).unwrap_or_else(|| {
            panic!("{at}: no provider {who:?}");
        })
    };
    let mut checked = 0;
    for (n, key, value) in &lines {
        let at = at(n);
        if key == "weights" || key.starts_with("statuses ") {
            continue;
        }
        // `overall NAME`, `overall NAME with q1=2`, `overall NAME under research`,
        // `best NAME`, `worst NAME`.
        let figure = ["overall ", "best ", "worst "].iter().find_map(|p| Some((p.trim(), key.strip_prefix(p)?)));
        if let Some((what, rest)) = figure {
            let (who, w) = if let Some((who, change)) = rest.split_once(" with ") {
                let mut w = e.weights;
                for t in tokens(change) {
                    let (q, v) = t.split_once('=').unwrap_or_else(|| panic!("{at}: {t:?} is not qN=W"));
                    let v = v.parse::<u64>().ok().and_then(Weight::new).unwrap_or_else(|| panic!("{at}: bad weight"));
                    w.set(question(&at, q), v);
                }
                (who, w)
            } else if let Some((who, p)) = rest.split_once(" under ") {
                (who, p.parse::<Preset>().unwrap_or_else(|e| panic!("{at}: {e}")).weights())
            } else {
                (rest, e.weights)
            };
            let p = profile_named(&at, who);
            let statuses = |q: QuestionId| if who == a_name.as_str() { e.status(q) } else { p.status(q) };
            let figures = match what {
                "overall" => Figures::compute(&w, statuses, |_| false),
                "best" => csp_radar::model::confidence::Range::of(&w, statuses).best,
                _ => csp_radar::model::confidence::Range::of(&w, statuses).worst,
            };
            check_figure(&at, value, figures.overall);
        } else {
            match key.as_str() {
                "presets against" => {
                    let against: Vec<&str> = s.presets_against.iter().map(|p| p.id()).collect();
                    let expected = if value == "none" { vec![] } else { tokens(value) };
                    assert_eq!(against, expected, "{at}: the presets under which the order differs");
                }
                "one-step changes" => assert_eq!(s.steps.to_string(), *value, "{at}: one-step changes"),
                "first flip" => {
                    let flip =
                        s.first_flip.map_or("none".to_owned(), |f| format!("q{} to {}", f.question.number(), f.weight));
                    assert_eq!(flip, *value, "{at}: the first one-step change that alters the order");
                }
                "sentence" => assert_eq!(s.sentence(a_name, b_name), *value, "{at}: the sentence"),
                other => panic!("{at}: unknown line {other:?}"),
            }
        }
        checked += 1;
    }
    checked
}

fn date(at: &str, text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("{at}: {text:?} is not YYYY-MM-DD"))
}

fn run_age(name: &str, block: &Block) -> usize {
    let lines = entries(name, block);
    let at = |n: &usize| format!("{name}:{n}");
    let (mut profile, mut as_of, mut stale_after) = (None, None, None);
    let mut answers = Vec::new();
    for (n, key, value) in &lines {
        match key.as_str() {
            "profile" => {
                profile = Some(bundled::get(value).unwrap_or_else(|| panic!("{}: no bundled {value:?}", at(n))))
            }
            "as of" => as_of = Some(date(&at(n), value)),
            "stale after" => {
                let months = value.parse::<u64>().ok().and_then(StaleAfter::from_months);
                stale_after = Some(months.unwrap_or_else(|| panic!("{}: 12, 24, 36 or 60", at(n))));
            }
            k if k.ends_with(" cites") => {
                let q = question(&at(n), k.trim_end_matches(" cites"));
                let citations: Vec<String> = match value.as_str() {
                    "nothing" => vec![],
                    "undated" => vec![r#"{"title": "Undated", "url": "https://example.com/undated"}"#.to_owned()],
                    dates => tokens(dates)
                        .into_iter()
                        .map(|d| format!(r#"{{"title": "Dated", "url": "https://example.com/{d}", "date": "{d}"}}"#))
                        .collect(),
                };
                answers.push(format!(
                    r#"{{"question": {}, "status": "partial", "citations": [{}]}}"#,
                    q.number(),
                    citations.join(", ")
                ));
            }
            _ => {}
        }
    }
    let first = block.lines.first().map_or(0, |(n, _)| *n);
    let profile = profile.unwrap_or_else(|| profile_json("Example", &answers));
    let as_of = as_of.unwrap_or_else(|| panic!("{name}:{first}: no `as of:`"));
    let mut e = Evaluation::new(profile, Preset::Balanced);
    e.age.as_of = Some(as_of.clone());
    e.age.stale_after = stale_after.unwrap_or_default();
    let before = e.figures();
    let ages = Ages::of(&e, &as_of);
    let mut checked = 0;
    for (n, key, value) in &lines {
        let at = at(n);
        let words: Vec<&str> = key.split_whitespace().collect();
        match words.as_slice() {
            ["profile"] | ["as", "of"] | ["stale", "after"] | [_, "cites"] => continue,
            ["age", q] => {
                let age = &ages.answers[question(&at, q).index()];
                match (value.as_str(), age) {
                    ("undated", AnswerAge::Undated) | ("not cited", AnswerAge::NotCited) => {}
                    (text, AnswerAge::Dated { months, stale, .. }) => {
                        let (steps, verdict) =
                            text.split_once(" months, ").unwrap_or_else(|| panic!("{at}: `CHAIN months, stale`"));
                        check_steps(&at, steps, Q::new(i128::from(*months), 1));
                        let expected = match verdict {
                            "stale" => true,
                            "not stale" => false,
                            other => panic!("{at}: {other:?}: `stale` or `not stale`"),
                        };
                        assert_eq!(*stale, expected, "{at}: stale");
                    }
                    (text, age) => panic!("{at}: expected {text:?}, the model says {age:?}"),
                }
            }
            ["words", q] => {
                let words = ages.answers[question(&at, q).index()].words();
                assert_eq!(words.as_deref(), Some(value.as_str()), "{at}: the words");
            }
            ["summary"] => assert_eq!(ages.summary.sentence(e.age.stale_after), *value, "{at}: the summary"),
            _ => panic!("{at}: unknown line {key:?}"),
        }
        checked += 1;
    }
    // Whatever the dates, no figure moves.
    let mut later = e.clone();
    later.age.as_of = Date::parse("2099-01-01");
    assert_eq!(later.figures(), before, "{name}:{first}: evidence age never changes a figure");
    checked
}

/// The ids of a list of providers, or `none`.
fn ids(value: &str) -> Vec<&str> {
    if value == "none" {
        vec![]
    } else {
        tokens(value)
    }
}

/// The text a link's `r:` part unpacks to (base64url, then DEFLATE), read
/// here with the model's own inflater.
fn unpacked_records(link: &str) -> Option<String> {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let packed = link.split('/').find_map(|s| s.strip_prefix("r:"))?;
    let mut bits = Vec::new();
    for c in packed.bytes() {
        let v = B64.iter().position(|&b| b == c)? as u8;
        bits.extend((0..6).rev().map(|i| (v >> i) & 1));
    }
    let bytes: Vec<u8> = bits.chunks_exact(8).map(|b| b.iter().fold(0, |n, &bit| n << 1 | bit)).collect();
    let inflated = csp_radar::model::deflate::inflate(&bytes, 1024 * 1024).ok()?;
    String::from_utf8(inflated).ok()
}

/// A `link` block: `link:` (a canonical link, printed back exactly) or
/// `opens:` (any link; `prints:` its canonical form, or `error:` why it
/// does not open), then what the decision holds:
///
/// - `providers:` the providers taking part, in order; `set aside:` the
///   others; `focus:` the provider in focus or `none`;
/// - `provider:` the provider whose detail is shown (the one in focus, else
///   the first); `compare:` the others taking part; `preset:`, `weights:`,
///   `as of:`, `stale after:`, `confirm:` (the questions to confirm in
///   writing);
/// - `record ID:` that provider's findings (`q14=documented`, or `none`);
///   `finding ID qN:` one finding in words; `notes ID:` the questions with a
///   note; `note ID qN:` its text; `outstanding ID:` the questions still to
///   confirm in writing; `findings:` the shown provider's findings;
/// - `records:` the JSON the link's `r:` part unpacks to; `length:`;
/// - a figure of the shown provider (`overall:`, `coverage:`, ...), or of a
///   named one (`overall ID:`, `coverage ID:`).
fn run_link(name: &str, block: &Block) -> usize {
    use csp_radar::model::{Candidate, Decision, LinkError};
    let mut link: Option<(usize, String, Result<Decision, LinkError>)> = None;
    let mut checked = 0;
    for (n, key, value) in entries(name, block) {
        let at = format!("{name}:{n}");
        match key.as_str() {
            "link" | "opens" => {
                let parsed = Decision::from_fragment(&value);
                if key == "link" {
                    let printed = parsed.as_ref().unwrap_or_else(|e| panic!("{at}: {e}")).to_link();
                    assert_eq!(printed, value, "{at}: printing the link gives it back");
                }
                link = Some((n, value, parsed));
                continue;
            }
            _ => {}
        }
        let (_, text, parsed) = link.as_ref().unwrap_or_else(|| panic!("{at}: no `link:` or `opens:` before"));
        if key == "error" {
            let e = parsed.as_ref().err().unwrap_or_else(|| panic!("{at}: {text} opens"));
            assert_eq!(e.to_string(), value, "{at}: the message");
            checked += 1;
            continue;
        }
        let l = parsed.as_ref().unwrap_or_else(|e| panic!("{at}: {text}: {e}"));
        let shown = l.shown().unwrap_or_else(|| panic!("{at}: {text}: no provider"));
        let e = &l.evaluation(shown);
        let candidate = |id: &str| -> &Candidate {
            l.candidate(id).unwrap_or_else(|| panic!("{at}: {id:?} is not in the decision"))
        };
        let numbers = |qs: Vec<QuestionId>| -> String {
            let all: Vec<String> = qs.iter().map(|q| q.number().to_string()).collect();
            if all.is_empty() {
                "none".to_owned()
            } else {
                all.join(" ")
            }
        };
        let findings_of = |c: &Candidate| -> Vec<String> {
            QuestionId::all().filter_map(|q| Some(format!("q{}={}", q.number(), c.record.finding(q)?.status))).collect()
        };
        let words: Vec<&str> = key.split_whitespace().collect();
        match words.as_slice() {
            ["prints"] => assert_eq!(l.to_link(), value, "{at}: the canonical link"),
            ["provider"] => assert_eq!(e.profile.provider.id, value, "{at}: the provider shown"),
            ["providers"] => {
                let taking_part: Vec<&str> = l.providers().map(|c| c.id()).collect();
                assert_eq!(taking_part, ids(&value), "{at}: the providers taking part");
            }
            ["set", "aside"] => {
                let aside: Vec<&str> = l.candidates.iter().filter(|c| c.set_aside).map(|c| c.id()).collect();
                assert_eq!(aside, ids(&value), "{at}: the providers set aside");
            }
            ["focus"] => assert_eq!(l.focus.as_deref().unwrap_or("none"), value, "{at}: the provider in focus"),
            ["preset"] => assert_eq!(l.preset.id(), value, "{at}: the preset"),
            ["weights"] => assert_eq!(l.weights.digits(), value, "{at}: the weights q1..q18"),
            ["confirm"] => assert_eq!(numbers(l.confirm_set().iter().collect()), value, "{at}: confirm in writing"),
            ["findings"] => assert_eq!(findings_of(shown), ids(&value), "{at}: the shown provider's findings"),
            ["record", id] => assert_eq!(findings_of(candidate(id)), ids(&value), "{at}: {id}'s findings"),
            ["finding", id, q] => {
                let f = candidate(id).record.finding(question(&at, q));
                assert_eq!(f.map(|f| f.words()).as_deref(), Some(value.as_str()), "{at}: the finding");
            }
            ["notes", id] => {
                let c = candidate(id);
                let with_note: Vec<String> = QuestionId::all()
                    .filter(|&q| !c.record.note(q).is_empty())
                    .map(|q| format!("q{}", q.number()))
                    .collect();
                assert_eq!(with_note, ids(&value), "{at}: the questions with a note");
            }
            ["note", id, q] => assert_eq!(candidate(id).record.note(question(&at, q)), value, "{at}: the note"),
            ["outstanding", id] => {
                let outstanding = l.confirmations_outstanding(candidate(id));
                assert_eq!(numbers(outstanding), value, "{at}: still to confirm in writing");
            }
            ["records"] => {
                let printed = l.to_link();
                let records =
                    unpacked_records(&printed).unwrap_or_else(|| panic!("{at}: {printed} has no readable r:"));
                assert_eq!(records, value, "{at}: what r: unpacks to");
            }
            ["compare"] => {
                let others: Vec<&str> = l.providers().filter(|c| c.id() != shown.id()).map(|c| c.id()).collect();
                assert_eq!(others, ids(&value), "{at}: the other providers taking part");
            }
            ["as", "of"] => assert_eq!(e.age.as_of.as_ref().map_or("today", |d| d.as_str()), value, "{at}: as of"),
            ["stale", "after"] => assert_eq!(e.age.stale_after.to_string(), value, "{at}: stale after"),
            ["length"] => assert_eq!(format!("{} characters", l.to_link().len()), value, "{at}: the length"),
            [figure, id] if l.candidate(id).is_some() => {
                let of = l.evaluation(candidate(id));
                assert!(check_evaluation(&at, figure, &value, &of), "{at}: unknown line {key:?}");
            }
            _ => assert!(check_evaluation(&at, &key, &value, e), "{at}: unknown line {key:?}"),
        }
        checked += 1;
    }
    checked
}

/// A `decision` block (a decision file) and the `issues` block after it:
/// what csp-radar says on opening `decision.json`, errors first, then
/// warnings.
fn run_decision(name: &str, file: &Block, issues: &Block) -> usize {
    let json: String = file.lines.iter().map(|(_, l)| format!("{l}\n")).collect();
    let said: Vec<String> = match csp_radar::model::file::read(&json) {
        Ok(o) if o.warnings.is_empty() => vec!["decision.json: ok".to_owned()],
        Ok(o) => o.warnings.iter().map(|w| format!("decision.json:{w} (warning)")).collect(),
        Err(r) => r
            .errors
            .iter()
            .map(|e| format!("decision.json:{e}"))
            .chain(r.warnings.iter().map(|w| format!("decision.json:{w} (warning)")))
            .collect(),
    };
    said_as_listed(name, &said, issues)
}

/// Checks what a reader said against an `issues` block, line by line.
fn said_as_listed(name: &str, said: &[String], issues: &Block) -> usize {
    let expected: Vec<(usize, &str)> =
        issues.lines.iter().filter(|(_, l)| !l.trim().is_empty()).map(|(n, l)| (*n, l.as_str())).collect();
    for (i, line) in said.iter().enumerate() {
        let (n, want) = expected.get(i).copied().unwrap_or_else(|| panic!("{name}: not listed: {line}"));
        assert_eq!(line, want, "{name}:{n}");
    }
    assert_eq!(said.len(), expected.len(), "{name}:{}: listed but not said", issues.lines[0].0);
    said.len()
}

/// A `profile` block (JSON) and the `issues` block after it: what
/// `csp-radar validate acme.json` says, errors first, then warnings.
fn run_profile(name: &str, profile: &Block, issues: &Block) -> usize {
    let json: String = profile.lines.iter().map(|(_, l)| format!("{l}\n")).collect();
    let said: Vec<String> = match Profile::parse(&json) {
        Ok(c) if c.warnings.is_empty() => vec!["acme.json: ok".to_owned()],
        Ok(c) => c.warnings.iter().map(|w| format!("acme.json:{w} (warning)")).collect(),
        Err(r) => r
            .errors
            .iter()
            .map(|e| format!("acme.json:{e}"))
            .chain(r.warnings.iter().map(|w| format!("acme.json:{w} (warning)")))
            .collect(),
    };
    said_as_listed(name, &said, issues)
}

fn run(doc: (&str, &str), at_least: usize) {
    let (name, _) = doc;
    let all = blocks(doc);
    assert!(all.len() >= at_least, "{name}: {} checked examples, expected at least {at_least}", all.len());
    let mut i = 0;
    while i < all.len() {
        let b = &all[i];
        let checked = match b.kind.as_str() {
            "figures" => run_figures(name, b),
            "ranking" => run_ranking(name, b),
            "age" => run_age(name, b),
            "link" => run_link(name, b),
            "profile" | "decision" => {
                let issues = all.get(i + 1).filter(|n| n.kind == "issues");
                let issues = issues.unwrap_or_else(|| panic!("{name}: a {} needs its `issues` block", b.kind));
                i += 1;
                if b.kind == "profile" {
                    run_profile(name, b, issues)
                } else {
                    run_decision(name, b, issues)
                }
            }
            other => panic!("{name}: unknown kind of example {other:?}"),
        };
        let first = b.lines.first().map_or(0, |(n, _)| *n);
        assert!(checked > 0, "{name}:{first}: the example checks nothing");
        i += 1;
    }
}

#[test]
fn scoring_examples() {
    run(SCORING, 25);
}

#[test]
fn file_and_link_examples() {
    run(FILES, 2);
}

#[test]
fn profile_format_examples() {
    run(PROFILE_FORMAT, 2);
}

/// docs/scoring.md, "Bands": a figure is a multiple of 25 over Σw ≤ 90, so
/// it never rounds onto a boundary it is below, and the band always agrees
/// with the figure as shown.
#[test]
fn a_shown_figure_is_always_in_its_own_band() {
    for den in 1..=90u64 {
        for num in 0..=4 * den {
            let r = Ratio::new(25 * num, den).unwrap();
            let tenths = r.tenths();
            let shown_band = Band::of(Ratio::new(tenths, 10).unwrap());
            assert_eq!(Band::of(r), shown_band, "{}/{} shown as {r}", 25 * num, den);
        }
    }
}
