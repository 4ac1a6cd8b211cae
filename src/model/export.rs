//! Every way a decision leaves the widget or the CLI: the score summary
//! (docs/files.md), the decision file of record, CSV, Markdown and
//! MediaWiki wikitext. The widget's download buttons and `csp-radar export`
//! call these same functions. Each covers every provider of the decision,
//! each with the lab's own record for it.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use std::cmp::Ordering;

use super::age::{AgeSummary, AnswerAge};
use super::catalog::{Domain, QuestionId, ATTRIBUTION, GUIDE_URL};
use super::committee::{Committee, Row};
use super::decision::{Candidate, Decision};
use super::escape::{self, md, wiki};
use super::figures::{shown, Band, Evaluation, Figures, Ratio};
use super::file;
use super::json::Node;
use super::profile::{Citation, Date, WebUrl};

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

    /// The whole decision in this format. `today` is the as-of date when
    /// the decision sets none.
    pub fn render(self, d: &Decision, today: &Date) -> String {
        match self {
            Format::Json => format!("{}\n", decision_json(d, today)),
            Format::Csv => csv(d, today),
            Format::Markdown => committee_markdown(&Committee::of(d, today)),
            Format::Wikitext => committee_wikitext(&Committee::of(d, today)),
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

/// One provider of a decision, ready to report: its evaluation under the
/// decision's weights, figures and evidence ages.
pub struct Report<'a> {
    pub decision: &'a Decision,
    pub candidate: &'a Candidate,
    pub e: Evaluation,
    pub f: Figures,
    pub ages: Ages,
}

impl<'a> Report<'a> {
    pub fn of(decision: &'a Decision, candidate: &'a Candidate, today: &Date) -> Report<'a> {
        let e = decision.evaluation(candidate);
        let f = e.figures();
        let ages = Ages::of(&e, today);
        Report { decision, candidate, e, f, ages }
    }

    /// Every provider taking part, least risky first.
    pub fn ranked(decision: &'a Decision, today: &Date) -> Vec<Report<'a>> {
        decision.ranking().into_iter().map(|(c, _)| Report::of(decision, c, today)).collect()
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

/// One provider's score summary: the shape `csp-radar score` has always
/// printed for a profile (provider, preset, overall, band, coverage,
/// domains, gaps), then the range the unknowns leave and, beside other
/// providers, the ranking against each and whether it holds.
fn summary_members(r: &Report) -> Vec<(&'static str, Node)> {
    let (e, f) = (&r.e, &r.f);
    let range = e.range();
    let pair = |best: Option<Ratio>, worst: Option<Ratio>| match (best, worst) {
        (Some(b), Some(w)) => Node::array([Node::num(b), Node::num(w)]),
        _ => Node::null(),
    };
    let mut members = vec![
        ("provider", Node::str(&e.profile.provider.id)),
        // The preset the weights start from; the decision file also carries
        // the weights themselves.
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
        (
            "confirm_in_writing",
            Node::array(r.decision.confirmations_outstanding(r.candidate).into_iter().map(|q| Node::num(q.number()))),
        ),
    ];
    let others: Vec<&Candidate> = r.decision.providers().filter(|c| c.id() != r.candidate.id()).collect();
    if !others.is_empty() {
        let ranking = others.into_iter().map(|other| {
            let s = r.decision.stability(r.candidate, other);
            let order = match s.order {
                Some(Ordering::Less) => Node::str("less risky"),
                Some(Ordering::Greater) => Node::str("riskier"),
                Some(Ordering::Equal) => Node::str("as risky"),
                None => Node::null(),
            };
            Node::object([
                ("compared", Node::str(other.id())),
                ("compared_overall", figure(r.decision.evaluation(other).figures().overall)),
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
                ("sentence", Node::str(s.sentence(r.candidate.name(), other.name()))),
            ])
        });
        members.push(("ranking", Node::array(ranking)));
    }
    members
}

/// One provider's score: the summary, and which answers' evidence is stale
/// or undated.
fn provider_score(r: &Report) -> Node {
    let mut members = summary_members(r);
    let which = |keep: &dyn Fn(&AnswerAge) -> bool| {
        Node::array(QuestionId::all().filter(|q| keep(&r.ages.answers[q.index()])).map(|q| Node::num(q.number())))
    };
    members.push(("evidence_as_of", Node::str(r.ages.as_of.as_str())));
    members.push(("stale_after", Node::num(r.e.age.stale_after)));
    members.push(("stale_answers", which(&|a| a.is_stale())));
    members.push(("undated_answers", which(&|a| *a == AnswerAge::Undated)));
    members.push(("evidence_age", Node::str(r.ages.summary.sentence(r.e.age.stale_after))));
    Node::object(members)
}

/// `csp-radar score --format json`: for a decision of one provider, that
/// provider's score object (the shape scripts have always read); for more,
/// one such object per provider, least risky first.
pub fn score_json(d: &Decision, today: &Date) -> Node {
    let reports = Report::ranked(d, today);
    match reports.as_slice() {
        [one] => provider_score(one),
        all => Node::object([
            ("ranking", Node::array(all.iter().map(|r| Node::str(r.candidate.id())))),
            ("providers", Node::array(all.iter().map(provider_score))),
        ]),
    }
}

/// The overall range in words, as the widget and reports say it.
pub fn range_words(e: &Evaluation) -> String {
    let r = e.range();
    format!("between {} and {} depending on the provider's answers", shown(r.best.overall), shown(r.worst.overall))
}

/// One sentence per other provider on whether the order holds.
pub fn ranking_sentences(d: &Decision, c: &Candidate) -> Vec<String> {
    d.providers().filter(|o| o.id() != c.id()).map(|o| d.stability(c, o).sentence(c.name(), o.name())).collect()
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

/// One provider in the decision file: its profile and the lab's record
/// (what reopening needs), then its figures and every question with its
/// text, weight, statuses, points, finding, note and evidence (what a
/// reader of the file needs).
fn provider_json(r: &Report) -> Node {
    let (e, f, ages) = (&r.e, &r.f, &r.ages);
    let questions = QuestionId::all().map(|q| {
        let l = f.line(q);
        let answer = e.profile.answer(q);
        let age = &ages.answers[q.index()];
        let (date, months) = match age {
            // Evidence dated after the as-of date has no age yet: null,
            // never a negative number of months.
            AnswerAge::Dated { newest, months, .. } => {
                (Node::str(newest.as_str()), if *months < 0 { Node::null() } else { Node::num(months) })
            }
            _ => (Node::null(), Node::null()),
        };
        Node::object([
            ("question", Node::num(q.number())),
            ("domain", Node::str(q.question().domain.id())),
            ("text", Node::str(q.question().text)),
            ("weight", Node::num(l.weight)),
            ("status", Node::str(l.status.id())),
            ("profile_status", Node::str(e.profile.status(q).id())),
            ("finding", Node::opt(e.finding(q), |f| Node::str(f.words()))),
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
    let mut figures = match provider_score(r).value {
        super::json::Value::Object(m) => m,
        _ => Vec::new(),
    };
    figures.push(super::json::Member {
        key: "questions".into(),
        key_pos: Default::default(),
        node: Node::array(questions),
    });
    let mut members = vec![("profile", e.profile.to_json()), ("set_aside", Node::bool(r.candidate.set_aside))];
    members.extend(r.candidate.record.to_json_members());
    members.push(("figures", Node { pos: Default::default(), value: super::json::Value::Object(figures) }));
    Node::object(members)
}

/// The decision file: the lab's file of record (`file::read` opens it
/// again exactly). Set-aside providers are written too, with their records,
/// so nothing the lab wrote is left behind.
pub fn decision_json(d: &Decision, today: &Date) -> Node {
    let ranked = Report::ranked(d, today);
    // In the decision's own order, so it reopens exactly; `ranking` says
    // which is least risky.
    let all: Vec<Report> = d.candidates.iter().map(|c| Report::of(d, c, today)).collect();
    let as_of = d.age.as_of.clone().unwrap_or_else(|| today.clone());
    Node::object([
        ("format", Node::str(file::FORMAT)),
        ("version", Node::num(file::VERSION)),
        ("attribution", Node::str(ATTRIBUTION)),
        ("preset", Node::str(d.preset.id())),
        ("weights", Node::str(d.weights.digits())),
        ("weights_adjusted", Node::bool(d.weights != d.preset.weights())),
        ("as_of", Node::opt(d.age.as_of.as_ref(), |d| Node::str(d.as_str()))),
        ("stale_after", Node::num(d.age.stale_after)),
        ("evidence_as_of", Node::str(as_of.as_str())),
        ("confirm_in_writing", Node::array(d.confirm_set().iter().map(|q| Node::num(q.number())))),
        ("focus", Node::opt(d.focus.as_ref(), Node::str)),
        ("ranking", Node::array(ranked.iter().map(|r| Node::str(r.candidate.id())))),
        ("providers", Node::array(all.iter().map(provider_json))),
    ])
}

/// Every answer's evidence age as of the evaluation's date (or today).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ages {
    pub as_of: Date,
    pub answers: [AnswerAge; QuestionId::COUNT],
    pub summary: AgeSummary,
}

impl Ages {
    pub fn of(e: &Evaluation, today: &Date) -> Ages {
        let as_of = e.age.as_of.clone().unwrap_or_else(|| today.clone());
        let answers = QuestionId::ALL.map(|q| {
            let finding = e.finding(q).and_then(|f| f.date.as_ref());
            AnswerAge::of(e.profile.answer(q), finding, &as_of, e.age.stale_after)
        });
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

/// One row per provider and question, least risky provider first.
fn csv(d: &Decision, today: &Date) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "provider",
            "question",
            "domain",
            "text",
            "weight",
            "status",
            "profile_status",
            "basis",
            "finding",
            "risk",
            "points",
            "gap_rank",
            "confirm_in_writing",
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
    for r in Report::ranked(d, today) {
        let (e, f, ages) = (&r.e, &r.f, &r.ages);
        let outstanding = d.confirmations_outstanding(r.candidate);
        // What each question could add once the provider answers.
        let range = e.range();
        for q in QuestionId::all() {
            let l = f.line(q);
            let answer = e.profile.answer(q);
            let finding = e.finding(q);
            let rank = f.gaps.iter().position(|&g| g == q).map_or(String::new(), |i| (i + 1).to_string());
            let citations = answer
                .map(|a| a.citations.iter().map(|c| format!("{} <{}>", c.title, c.url)).collect::<Vec<_>>().join("; "))
                .unwrap_or_default();
            csv_row(
                &mut out,
                &[
                    &e.profile.provider.name,
                    &q.number().to_string(),
                    q.question().domain.id(),
                    q.question().text,
                    &l.weight.to_string(),
                    l.status.id(),
                    e.profile.status(q).id(),
                    finding.map_or("profile", |f| f.basis.map_or("not stated", |b| b.id())),
                    &finding.map_or(String::new(), |f| f.words()),
                    &l.status.risk().to_string(),
                    &shown(l.points),
                    &rank,
                    if outstanding.contains(&q) { "outstanding" } else { "" },
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
    }
    out
}

fn md_link(title: &str, url: &WebUrl) -> String {
    format!("[{}](<{}>)", md(title), escape::md_url(url.as_str()))
}

fn markdown(r: &Report) -> String {
    let (e, f, ages) = (&r.e, &r.f, &r.ages);
    let range = e.range();
    let mut s = String::new();
    let p = &e.profile;
    let _ = writeln!(s, "### {}\n", md(&p.provider.name));
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
    for sentence in ranking_sentences(r.decision, r.candidate) {
        let _ = writeln!(s, "- Ranking: {}", md(&sentence));
    }
    let _ = writeln!(s, "- Evidence as of {}: {}", ages.as_of, ages.summary.sentence(e.age.stale_after));
    s.push_str("\n#### Domains\n\n| Domain | Risk | Best case | Worst case |\n|---|---:|---:|---:|\n");
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
    let _ = writeln!(s, "\n#### Gaps ({})\n", f.gaps.len());
    for (i, &q) in f.gaps.iter().enumerate() {
        let l = f.line(q);
        let _ = writeln!(
            s,
            "{}. **Q{} {}** - {}{}, weight {}, {} points",
            i + 1,
            q.number(),
            md(q.question().text),
            l.status,
            if l.lab_finding { " (the lab's finding)" } else { "" },
            l.weight,
            shown(l.points)
        );
        if let Some(a) = p.answer(q).filter(|a| !a.summary.is_empty()) {
            let _ = writeln!(s, "    - Public information: {}", md(&a.summary));
        }
        if let Some(finding) = e.finding(q) {
            let _ = writeln!(s, "    - Our finding: {}", md(&finding.words()));
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
    let outstanding = r.decision.confirmations_outstanding(r.candidate);
    if !outstanding.is_empty() {
        let _ = writeln!(s, "\n#### Confirm in writing ({})\n", outstanding.len());
        for q in outstanding {
            let _ = writeln!(s, "- **Q{} {}** - Ask: {}", q.number(), md(q.question().text), md(ask(e, q)));
        }
    }
    s.push_str("\n#### All questions\n\n| # | Domain | Question | Weight | Status | Points | Note |\n|---:|---|---|---:|---|---:|---|\n");
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
            if l.lab_finding { " (our finding)" } else { "" },
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

fn wikitext(r: &Report) -> String {
    let (e, f, ages) = (&r.e, &r.f, &r.ages);
    let range = e.range();
    let mut s = String::new();
    let p = &e.profile;
    let _ = writeln!(s, "=== {} ===", wiki(&p.provider.name));
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
    for sentence in ranking_sentences(r.decision, r.candidate) {
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
    let _ = writeln!(s, "==== Gaps ====");
    for &q in &f.gaps {
        let l = f.line(q);
        let _ = writeln!(
            s,
            "# '''Q{}''' {} — {}{}, weight {}, {} points",
            q.number(),
            wiki(q.question().text),
            l.status,
            if l.lab_finding { " (the lab's finding)" } else { "" },
            l.weight,
            shown(l.points)
        );
        if let Some(a) = p.answer(q).filter(|a| !a.summary.is_empty()) {
            let _ = writeln!(s, "#* Public information: {}", wiki(&a.summary));
        }
        if let Some(finding) = e.finding(q) {
            let _ = writeln!(s, "#* Our finding: {}", wiki(&finding.words()));
        }
        let _ = writeln!(s, "#* Ask: {}{}", wiki(ask(e, q)), wiki(&ages.note(q)));
        if !e.note(q).is_empty() {
            let _ = writeln!(s, "#* Lab note: {}", wiki(e.note(q)));
        }
        for c in p.answer(q).map_or(&[][..], |a| &a.citations) {
            let _ = writeln!(s, "#* Source: {}", wiki_link(&c.title, &c.url));
        }
    }
    let outstanding = r.decision.confirmations_outstanding(r.candidate);
    if !outstanding.is_empty() {
        let _ = writeln!(s, "==== Confirm in writing ====");
        for q in outstanding {
            let _ = writeln!(s, "* '''Q{}''' {} — Ask: {}", q.number(), wiki(q.question().text), wiki(ask(e, q)));
        }
    }
    s.push_str("\n{| class=\"wikitable sortable\"\n|+ All questions\n! # !! Domain !! Question !! Weight !! Status !! Points !! Note\n");
    for q in QuestionId::all() {
        let l = f.line(q);
        let _ = writeln!(
            s,
            "|-\n| {} || {} || {} || {} || {}{} || {} || {}",
            q.number(),
            wiki(q.question().domain.label()),
            wiki(q.question().text),
            l.weight,
            l.status,
            if l.lab_finding { " (our finding)" } else { "" },
            shown(l.points),
            wiki(e.note(q))
        );
    }
    s.push_str("|}\n");
    let _ = writeln!(s, "\n<small>{} [{GUIDE_URL} The guide].</small>", wiki(ATTRIBUTION));
    s
}

/// The decision table's cells, as every text report shows them.
fn row_cells(r: &Row) -> [String; 9] {
    [
        r.rank.to_string(),
        r.name.clone(),
        format!("{} {}", shown(r.overall), r.band.map_or("n/a", Band::id)),
        format!("{}–{}", shown(r.best), shown(r.worst)),
        format!("{}%", shown(r.coverage)),
        r.gaps.to_string(),
        r.findings.to_string(),
        r.confirmations.to_string(),
        r.evidence_words(),
    ]
}

const TABLE_HEAD: [&str; 9] =
    ["#", "Provider", "Risk", "Best–worst", "Public facts", "Gaps", "Findings", "To confirm", "Evidence age"];

/// The committee report in Markdown: the decision, the questions to send
/// each provider, then the evidence.
fn committee_markdown(c: &Committee) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Cloud provider decision, as of {}\n", c.as_of);
    let _ = writeln!(s, "| {} |", TABLE_HEAD.join(" | "));
    let _ = writeln!(s, "|---:|---|---:|---:|---:|---:|---:|---:|---|");
    for row in c.rows() {
        let cells = row_cells(&row).map(|cell| md(&cell));
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    s.push('\n');
    for v in &c.verdicts {
        let _ = writeln!(s, "- {}", md(&v.sentence()));
    }
    let _ = writeln!(s, "\n- Weights: {}", md(&c.weights_line()));
    let _ = writeln!(s, "- Confirm in writing with every provider: {}", c.confirm_line());
    let _ = writeln!(s, "- Evidence as of {}", c.as_of);
    s.push_str("\n## Where the facts come from\n\n");
    for r in &c.reports {
        let _ = writeln!(s, "- {}", md(&c.provenance(r)));
    }
    s.push_str("\n## Questions to send\n");
    for r in &c.reports {
        let asks = c.asks(r);
        let _ = writeln!(s, "\n### {} ({})\n", md(r.candidate.name()), asks.len());
        if asks.is_empty() {
            s.push_str("Nothing to ask: every weighted question is documented and confirmed.\n");
        }
        for (i, a) in asks.iter().enumerate() {
            let _ = writeln!(
                s,
                "{}. **Q{} {}** ({})\n    Ask: {}",
                i + 1,
                a.question.number(),
                md(a.question.question().text),
                a.why.words(),
                md(&a.ask)
            );
        }
    }
    s.push_str("\n## Evidence\n");
    for r in &c.reports {
        s.push('\n');
        s.push_str(&markdown(r));
    }
    s
}

/// The committee report in wikitext, the same sections as the Markdown.
fn committee_wikitext(c: &Committee) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "== Cloud provider decision, as of {} ==", c.as_of);
    s.push_str("{| class=\"wikitable\"\n|+ The providers, least risky first\n");
    let _ = writeln!(s, "! {}", TABLE_HEAD.join(" !! "));
    for row in c.rows() {
        let cells = row_cells(&row).map(|cell| wiki(&cell));
        let _ = writeln!(s, "|-\n| {}", cells.join(" || "));
    }
    s.push_str("|}\n");
    for v in &c.verdicts {
        let _ = writeln!(s, "* {}", wiki(&v.sentence()));
    }
    let _ = writeln!(s, "* Weights: {}", wiki(&c.weights_line()));
    let _ = writeln!(s, "* Confirm in writing with every provider: {}", wiki(&c.confirm_line()));
    let _ = writeln!(s, "* Evidence as of {}", c.as_of);
    s.push_str("=== Where the facts come from ===\n");
    for r in &c.reports {
        let _ = writeln!(s, "* {}", wiki(&c.provenance(r)));
    }
    s.push_str("== Questions to send ==\n");
    for r in &c.reports {
        let asks = c.asks(r);
        let _ = writeln!(s, "=== {} ({}) ===", wiki(r.candidate.name()), asks.len());
        if asks.is_empty() {
            s.push_str("Nothing to ask: every weighted question is documented and confirmed.\n");
        }
        for a in &asks {
            let _ = writeln!(
                s,
                "# '''Q{}''' {} ({})\n#: Ask: {}",
                a.question.number(),
                wiki(a.question.question().text),
                wiki(&a.why.words()),
                wiki(&a.ask)
            );
        }
    }
    // A blank line between providers; none after the last, where
    // MediaWiki would make an empty paragraph of it.
    s.push_str("== Evidence ==\n");
    for (i, r) in c.reports.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(&wikitext(r));
    }
    s
}
