//! Every way an evaluation leaves the widget or the CLI: the score summary
//! (SPEC section 10), evaluation JSON, CSV, Markdown and MediaWiki wikitext.
//! The widget's download buttons and `csp-radar export` call these same
//! functions.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use std::cmp::Ordering;

use super::age::{AgeSummary, AnswerAge};
use super::catalog::{Domain, QuestionId, ATTRIBUTION, GUIDE_URL};
use super::confidence::Stability;
use super::escape::{self, md, wiki};
use super::figures::{shown, Band, Evaluation, Figures, Ratio};
use super::json::Node;
use super::link::ShareLink;
use super::profile::{Citation, Date, WebUrl};
use super::record;

/// The text formats of `csp-radar export` and the widget's buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Markdown,
    Wikitext,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Json, Format::Csv, Format::Markdown, Format::Wikitext];

    pub fn id(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Wikitext => "wikitext",
        }
    }

    /// File extension and MIME type for downloads.
    pub fn file_type(self) -> (&'static str, &'static str) {
        match self {
            Format::Json => ("json", "application/json"),
            Format::Csv => ("csv", "text/csv"),
            Format::Markdown => ("md", "text/markdown"),
            Format::Wikitext => ("wiki.txt", "text/plain"),
        }
    }

    /// The whole evaluation (with the compared providers) in this format.
    /// `today` is the as-of date when the evaluation sets none.
    pub fn render(self, link: &ShareLink, today: &Date) -> String {
        let e = &link.evaluation;
        let figures = e.figures();
        let ages = Ages::of(e, today);
        match self {
            Format::Json => format!("{}\n", evaluation_json(link, &figures, &ages)),
            Format::Csv => csv(e, &figures, &ages),
            Format::Markdown => markdown(link, &figures, &ages),
            Format::Wikitext => wikitext(link, &figures, &ages),
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.id() == s || (s == "markdown" && *f == Format::Markdown))
            .ok_or_else(|| format!("unknown format '{s}' (expected json, csv, md or wikitext)"))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A figure as a JSON number with one decimal, or `null`.
fn figure(r: Option<Ratio>) -> Node {
    Node::opt(r, Node::num)
}

/// What the lab's weights are called in reports: the preset, marked once
/// the lab adjusted it.
pub fn weighting(e: &Evaluation) -> String {
    if e.weights == e.preset.weights() {
        e.preset.id().to_owned()
    } else {
        format!("{}, adjusted", e.preset.id())
    }
}

/// The score summary: the shape of SPEC section 10, then the range the
/// unknowns leave (section 15) and, with providers compared, the ranking
/// and whether it holds.
fn summary_members(link: &ShareLink, f: &Figures) -> Vec<(&'static str, Node)> {
    let e = &link.evaluation;
    let range = e.range();
    let pair = |best: Option<Ratio>, worst: Option<Ratio>| match (best, worst) {
        (Some(b), Some(w)) => Node::array([Node::num(b), Node::num(w)]),
        _ => Node::null(),
    };
    let mut members = vec![
        ("provider", Node::str(&e.profile.provider.id)),
        // The preset the weights start from (SPEC section 10); the
        // evaluation JSON also carries the weights themselves.
        ("preset", Node::str(e.preset.id())),
        ("overall", figure(f.overall)),
        ("band", Node::opt(f.band(), |b| Node::str(b.id()))),
        ("coverage", figure(f.coverage)),
        ("domains", Node::object(Domain::ALL.map(|d| (d.id(), figure(f.domain(d)))))),
        (
            "gaps",
            Node::array(f.gaps.iter().map(|&q| {
                let l = f.line(q);
                Node::object([
                    ("question", Node::num(q.number())),
                    ("status", Node::str(l.status.id())),
                    ("weight", Node::num(l.weight)),
                    ("points", figure(l.points)),
                ])
            })),
        ),
        ("overall_range", pair(range.best.overall, range.worst.overall)),
        (
            "domain_ranges",
            Node::object(Domain::ALL.map(|d| (d.id(), pair(range.best.domain(d), range.worst.domain(d))))),
        ),
    ];
    if !link.compare.is_empty() {
        let ranking = link.compare.iter().map(|other| {
            let s = Stability::between(e, other);
            let order = match s.order {
                Some(Ordering::Less) => Node::str("less risky"),
                Some(Ordering::Greater) => Node::str("riskier"),
                Some(Ordering::Equal) => Node::str("as risky"),
                None => Node::null(),
            };
            Node::object([
                ("compared", Node::str(&other.provider.id)),
                ("compared_overall", figure(Figures::compute(&e.weights, |q| other.status(q), |_| false).overall)),
                ("order", order),
                ("presets_against", Node::array(s.presets_against.iter().map(|p| Node::str(p.id())))),
                ("one_step_changes", Node::num(s.steps)),
                (
                    "first_flip",
                    Node::opt(s.first_flip, |f| {
                        Node::object([("question", Node::num(f.question.number())), ("weight", Node::num(f.weight))])
                    }),
                ),
                ("unknowns_hold", Node::bool(s.unknowns_hold)),
                ("sentence", Node::str(s.sentence(&e.profile.provider.name, &other.provider.name))),
            ])
        });
        members.push(("ranking", Node::array(ranking)));
    }
    members
}

/// `csp-radar score --format json`: the summary, and which answers'
/// evidence is stale or undated (SPEC 16).
pub fn score_json(link: &ShareLink, f: &Figures, ages: &Ages) -> Node {
    let mut members = summary_members(link, f);
    let which = |keep: &dyn Fn(&AnswerAge) -> bool| {
        Node::array(QuestionId::all().filter(|q| keep(&ages.answers[q.index()])).map(|q| Node::num(q.number())))
    };
    members.push(("evidence_as_of", Node::str(ages.as_of.as_str())));
    members.push(("stale_after", Node::num(link.evaluation.age.stale_after)));
    members.push(("stale_answers", which(&|a| a.is_stale())));
    members.push(("undated_answers", which(&|a| *a == AnswerAge::Undated)));
    members.push(("evidence_age", Node::str(ages.summary.sentence(link.evaluation.age.stale_after))));
    Node::object(members)
}

/// The overall range in words, as the widget and reports say it.
pub fn range_words(e: &Evaluation) -> String {
    let r = e.range();
    format!("between {} and {} depending on the provider's answers", shown(r.best.overall), shown(r.worst.overall))
}

/// One sentence per compared provider on whether the ranking holds.
pub fn ranking_sentences(link: &ShareLink) -> Vec<String> {
    let e = &link.evaluation;
    link.compare.iter().map(|o| Stability::between(e, o).sentence(&e.profile.provider.name, &o.provider.name)).collect()
}

fn citations_json(cs: &[Citation]) -> Node {
    Node::array(cs.iter().map(|c| {
        Node::object([
            ("title", Node::str(&c.title)),
            ("url", Node::str(c.url.as_str())),
            ("date", Node::opt(c.date.as_ref(), |d| Node::str(d.as_str()))),
        ])
    }))
}

/// The self-describing evaluation and the lab's file of record (SPEC
/// section 17): the summary, every question with its text, weight,
/// statuses, points, note and evidence, and then what `record::read` needs
/// to open it again exactly: the findings, notes, and whole profiles.
pub fn evaluation_json(link: &ShareLink, f: &Figures, ages: &Ages) -> Node {
    let e = &link.evaluation;
    let mut members = vec![
        ("format", Node::str(record::FORMAT)),
        ("version", Node::num(record::VERSION)),
        ("attribution", Node::str(ATTRIBUTION)),
        ("provider_name", Node::str(&e.profile.provider.name)),
        ("weights", Node::str(e.weights.digits())),
        ("weights_adjusted", Node::bool(e.weights != e.preset.weights())),
    ];
    members.extend(summary_members(link, f));
    members.push(("as_of", Node::opt(e.age.as_of.as_ref(), |d| Node::str(d.as_str()))));
    members.push(("stale_after", Node::num(e.age.stale_after)));
    members.push(("evidence_as_of", Node::str(ages.as_of.as_str())));
    members.push(("evidence_age", Node::str(ages.summary.sentence(e.age.stale_after))));
    let questions = QuestionId::all().map(|q| {
        let l = f.line(q);
        let answer = e.profile.answer(q);
        let age = &ages.answers[q.index()];
        let (date, months) = match age {
            AnswerAge::Dated { newest, months, .. } => (Node::str(newest.as_str()), Node::num(months)),
            _ => (Node::null(), Node::null()),
        };
        Node::object([
            ("question", Node::num(q.number())),
            ("domain", Node::str(q.question().domain.id())),
            ("text", Node::str(q.question().text)),
            ("weight", Node::num(l.weight)),
            ("status", Node::str(l.status.id())),
            ("profile_status", Node::str(e.profile.status(q).id())),
            ("overridden", Node::bool(l.overridden)),
            ("risk", Node::num(l.status.risk())),
            ("points", figure(l.points)),
            ("note", Node::str(e.note(q))),
            ("summary", Node::str(answer.map_or("", |a| a.summary.as_str()))),
            ("ask", Node::str(ask(e, q))),
            ("citations", citations_json(answer.map_or(&[], |a| a.citations.as_slice()))),
            ("evidence_date", date),
            ("evidence_age_months", months),
            ("stale", Node::bool(age.is_stale())),
            ("undated", Node::bool(*age == AnswerAge::Undated)),
        ])
    });
    members.push(("questions", Node::array(questions)));
    let per_question = |value: &dyn Fn(QuestionId) -> Option<Node>| {
        Node::object(QuestionId::all().filter_map(|q| Some((q.number().to_string(), value(q)?))))
    };
    members.push(("overrides", per_question(&|q| e.override_of(q).map(|s| Node::str(s.id())))));
    members.push(("notes", per_question(&|q| (!e.note(q).is_empty()).then(|| Node::str(e.note(q))))));
    members.push(("profile", e.profile.to_json()));
    members.push(("compare", Node::array(link.compare.iter().map(|p| p.to_json()))));
    Node::object(members)
}

/// Every answer's evidence age as of the evaluation's date (or today).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ages {
    pub as_of: Date,
    pub answers: [AnswerAge; 18],
    pub summary: AgeSummary,
}

impl Ages {
    pub fn of(e: &Evaluation, today: &Date) -> Ages {
        let as_of = e.age.as_of.clone().unwrap_or_else(|| today.clone());
        let answers = QuestionId::ALL.map(|q| AnswerAge::of(e.profile.answer(q), &as_of, e.age.stale_after));
        let summary = AgeSummary::of(&answers);
        Ages { as_of, answers, summary }
    }

    /// " (evidence from 2019-05, 7 years old, stale)" for a report line.
    fn note(&self, q: QuestionId) -> String {
        let a = &self.answers[q.index()];
        match (a.words(), a.is_stale()) {
            (Some(w), true) => format!(" ({w}: stale)"),
            (Some(w), false) if *a == AnswerAge::Undated => format!(" ({w})"),
            _ => String::new(),
        }
    }
}

/// The follow-up to put to the provider: the profile's, else the catalog's.
pub fn ask(e: &Evaluation, q: QuestionId) -> &str {
    e.profile.answer(q).and_then(|a| a.ask.as_deref()).unwrap_or(q.question().ask)
}

fn title(e: &Evaluation) -> String {
    format!("Cloud provider risk: {}", e.profile.provider.name)
}

/// One CSV field (escaped by [`escape::csv`]).
fn csv_field(out: &mut String, text: &str) {
    out.push_str(&escape::csv(text));
}

fn csv_row(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, f);
    }
    out.push_str("\r\n");
}

fn csv(e: &Evaluation, f: &Figures, ages: &Ages) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "question",
            "domain",
            "text",
            "weight",
            "status",
            "profile_status",
            "overridden",
            "risk",
            "points",
            "gap_rank",
            "summary",
            "ask",
            "citations",
            "note",
            "points_best",
            "points_worst",
            "evidence_date",
            "stale",
        ],
    );
    // What each question could add once the provider answers (SPEC 15).
    let range = e.range();
    for q in QuestionId::all() {
        let l = f.line(q);
        let answer = e.profile.answer(q);
        let rank = f.gaps.iter().position(|&g| g == q).map_or(String::new(), |i| (i + 1).to_string());
        let citations = answer
            .map(|a| a.citations.iter().map(|c| format!("{} <{}>", c.title, c.url)).collect::<Vec<_>>().join("; "))
            .unwrap_or_default();
        csv_row(
            &mut out,
            &[
                &q.number().to_string(),
                q.question().domain.id(),
                q.question().text,
                &l.weight.to_string(),
                l.status.id(),
                e.profile.status(q).id(),
                if l.overridden { "yes" } else { "no" },
                &l.status.risk().to_string(),
                &shown(l.points),
                &rank,
                answer.map_or("", |a| a.summary.as_str()),
                ask(e, q),
                &citations,
                e.note(q),
                &shown(range.best.line(q).points),
                &shown(range.worst.line(q).points),
                match &ages.answers[q.index()] {
                    AnswerAge::Dated { newest, .. } => newest.as_str(),
                    AnswerAge::Undated => "undated",
                    AnswerAge::NotCited => "",
                },
                if ages.answers[q.index()].is_stale() { "yes" } else { "no" },
            ],
        );
    }
    out
}

fn md_link(title: &str, url: &WebUrl) -> String {
    format!("[{}](<{}>)", md(title), escape::md_url(url.as_str()))
}

fn markdown(link: &ShareLink, f: &Figures, ages: &Ages) -> String {
    let e = &link.evaluation;
    let range = e.range();
    let mut s = String::new();
    let p = &e.profile;
    let _ = writeln!(s, "# {}\n", md(&title(e)));
    let _ = writeln!(s, "- Provider: {} (`{}`)", md(&p.provider.name), p.provider.id);
    if let Some(src) = &p.source {
        let _ =
            writeln!(s, "- Source: {}", src.url.as_ref().map_or_else(|| md(&src.title), |u| md_link(&src.title, u)));
    }
    let _ = writeln!(s, "- Weights: {} (`{}`)", weighting(e), e.weights.digits());
    let _ = writeln!(
        s,
        "- **Overall risk: {}** ({}), {}; coverage {}% of the weight rests on public facts",
        shown(f.overall),
        f.band().map_or("n/a", Band::id),
        range_words(e),
        shown(f.coverage)
    );
    for sentence in ranking_sentences(link) {
        let _ = writeln!(s, "- Ranking: {}", md(&sentence));
    }
    let _ = writeln!(s, "- Evidence as of {}: {}", ages.as_of, ages.summary.sentence(e.age.stale_after));
    s.push_str("\n## Domains\n\n| Domain | Risk | Best case | Worst case |\n|---|---:|---:|---:|\n");
    for d in Domain::ALL {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            md(d.label()),
            shown(f.domain(d)),
            shown(range.best.domain(d)),
            shown(range.worst.domain(d))
        );
    }
    let _ = writeln!(s, "\n## Gaps: what to ask the provider ({})\n", f.gaps.len());
    for (i, &q) in f.gaps.iter().enumerate() {
        let l = f.line(q);
        let _ = writeln!(
            s,
            "{}. **Q{} {}** - {}{}, weight {}, {} points",
            i + 1,
            q.number(),
            md(q.question().text),
            l.status,
            if l.overridden { " (overridden by the lab)" } else { "" },
            l.weight,
            shown(l.points)
        );
        if let Some(a) = p.answer(q).filter(|a| !a.summary.is_empty()) {
            let _ = writeln!(s, "    - Public information: {}", md(&a.summary));
        }
        let _ = writeln!(s, "    - Ask: {}{}", md(ask(e, q)), ages.note(q));
        if !e.note(q).is_empty() {
            let _ = writeln!(s, "    - Lab note: {}", md(e.note(q)));
        }
        for c in p.answer(q).map_or(&[][..], |a| &a.citations) {
            let _ = writeln!(
                s,
                "    - Source: {}{}",
                md_link(&c.title, &c.url),
                c.date.as_ref().map_or(String::new(), |d| format!(" ({d})"))
            );
        }
    }
    s.push_str("\n## All questions\n\n| # | Domain | Question | Weight | Status | Points | Note |\n|---:|---|---|---:|---|---:|---|\n");
    for q in QuestionId::all() {
        let l = f.line(q);
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {}{} | {} | {} |",
            q.number(),
            md(q.question().domain.label()),
            md(q.question().text),
            l.weight,
            l.status,
            if l.overridden { " (overridden)" } else { "" },
            shown(l.points),
            md(e.note(q))
        );
    }
    let _ = writeln!(s, "\n---\n{} <{}>", md(ATTRIBUTION), GUIDE_URL);
    s
}

fn wiki_link(title: &str, url: &WebUrl) -> String {
    format!("[{} {}]", escape::wiki_url(url.as_str()), wiki(title))
}

fn wikitext(link: &ShareLink, f: &Figures, ages: &Ages) -> String {
    let e = &link.evaluation;
    let range = e.range();
    let mut s = String::new();
    let p = &e.profile;
    let _ = writeln!(s, "== {} ==", wiki(&title(e)));
    let _ = writeln!(
        s,
        "'''Overall risk: {}''' ({}), {}; coverage {}%; weights: {} ({}).\n",
        shown(f.overall),
        f.band().map_or("n/a", Band::id),
        range_words(e),
        shown(f.coverage),
        weighting(e),
        e.weights.digits()
    );
    for sentence in ranking_sentences(link) {
        let _ = writeln!(s, "* Ranking: {}", wiki(&sentence));
    }
    let _ = writeln!(s, "* Evidence as of {}: {}", ages.as_of, wiki(&ages.summary.sentence(e.age.stale_after)));
    s.push_str("{| class=\"wikitable\"\n|+ Risk by domain\n! Domain !! Risk !! Best case !! Worst case\n");
    for d in Domain::ALL {
        let _ = writeln!(
            s,
            "|-\n| {} || {} || {} || {}",
            wiki(d.label()),
            shown(f.domain(d)),
            shown(range.best.domain(d)),
            shown(range.worst.domain(d))
        );
    }
    s.push_str("|}\n\n");
    let _ = writeln!(s, "=== Gaps: what to ask {} ===", wiki(&p.provider.name));
    for &q in &f.gaps {
        let l = f.line(q);
        let _ = writeln!(
            s,
            "# '''Q{}''' {} — {}{}, weight {}, {} points",
            q.number(),
            wiki(q.question().text),
            l.status,
            if l.overridden { " (overridden by the lab)" } else { "" },
            l.weight,
            shown(l.points)
        );
        if let Some(a) = p.answer(q).filter(|a| !a.summary.is_empty()) {
            let _ = writeln!(s, "#* Public information: {}", wiki(&a.summary));
        }
        let _ = writeln!(s, "#* Ask: {}{}", wiki(ask(e, q)), wiki(&ages.note(q)));
        if !e.note(q).is_empty() {
            let _ = writeln!(s, "#* Lab note: {}", wiki(e.note(q)));
        }
        for c in p.answer(q).map_or(&[][..], |a| &a.citations) {
            let _ = writeln!(s, "#* Source: {}", wiki_link(&c.title, &c.url));
        }
    }
    s.push_str("\n{| class=\"wikitable sortable\"\n|+ All questions\n! # !! Domain !! Question !! Weight !! Status !! Points\n");
    for q in QuestionId::all() {
        let l = f.line(q);
        let _ = writeln!(
            s,
            "|-\n| {} || {} || {} || {} || {}{} || {}",
            q.number(),
            wiki(q.question().domain.label()),
            wiki(q.question().text),
            l.weight,
            l.status,
            if l.overridden { " (overridden)" } else { "" },
            shown(l.points)
        );
    }
    s.push_str("|}\n");
    let _ = writeln!(s, "\n<small>{} [{GUIDE_URL} The guide].</small>", wiki(ATTRIBUTION));
    s
}
