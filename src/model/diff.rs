//! What changed since the last review (docs/files.md, "Comparing with an
//! earlier decision"): each provider of an earlier decision against the same
//! provider now. Figures with their deltas, gaps opened and closed,
//! effective statuses (profile or the lab's finding), weights and notes that
//! differ, and the answers whose text or citations changed; providers added
//! and taken out.

use std::fmt::Write as _;

use super::catalog::{Domain, QuestionId};
use super::decision::Decision;
use super::figures::Evaluation;
use super::figures::{shown, Figures, Ratio};
use super::json::Node;
use super::status::Status;

/// A figure before and after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub before: Option<Ratio>,
    pub after: Option<Ratio>,
}

impl Change {
    /// "56.9 → 51.4 (−5.5)"; deltas are of the shown (rounded) figures.
    pub fn words(&self) -> String {
        let delta = match (self.before, self.after) {
            (Some(b), Some(a)) => {
                let d = i64::try_from(a.tenths()).unwrap_or(0) - i64::try_from(b.tenths()).unwrap_or(0);
                let sign = if d < 0 {
                    "−"
                } else if d > 0 {
                    "+"
                } else {
                    "±"
                };
                format!(" ({sign}{}.{})", d.unsigned_abs() / 10, d.unsigned_abs() % 10)
            }
            _ => String::new(),
        };
        format!("{} → {}{delta}", shown(self.before), shown(self.after))
    }

    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// A question's effective status before and after, and whether each was
/// the lab's override.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusChange {
    pub question: QuestionId,
    pub before: (Status, bool),
    pub after: (Status, bool),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    pub provider: (String, String),
    pub overall: Change,
    pub coverage: Change,
    pub domains: Vec<(Domain, Change)>,
    pub gaps_opened: Vec<QuestionId>,
    pub gaps_closed: Vec<QuestionId>,
    pub statuses: Vec<StatusChange>,
    pub weights: Vec<(QuestionId, u32, u32)>,
    pub notes: Vec<(QuestionId, String, String)>,
    /// Questions whose profile answer (summary, what to ask, citations) changed.
    pub answers: Vec<QuestionId>,
}

impl Diff {
    /// One provider then (`a`) and now (`b`).
    pub fn between(a: &Evaluation, b: &Evaluation) -> Diff {
        let (fa, fb): (Figures, Figures) = (a.figures(), b.figures());
        let change = |x: Option<Ratio>, y: Option<Ratio>| Change { before: x, after: y };
        Diff {
            provider: (a.profile.provider.name.clone(), b.profile.provider.name.clone()),
            overall: change(fa.overall, fb.overall),
            coverage: change(fa.coverage, fb.coverage),
            domains: Domain::ALL
                .iter()
                .map(|&d| (d, change(fa.domain(d), fb.domain(d))))
                .filter(|(_, c)| c.changed())
                .collect(),
            gaps_opened: fb.gaps.iter().copied().filter(|q| !fa.gaps.contains(q)).collect(),
            gaps_closed: fa.gaps.iter().copied().filter(|q| !fb.gaps.contains(q)).collect(),
            statuses: QuestionId::all()
                .map(|q| StatusChange {
                    question: q,
                    before: (a.status(q), a.finding(q).is_some()),
                    after: (b.status(q), b.finding(q).is_some()),
                })
                .filter(|c| c.before != c.after)
                .collect(),
            weights: QuestionId::all()
                .map(|q| (q, a.weights.get(q).value(), b.weights.get(q).value()))
                .filter(|(_, x, y)| x != y)
                .collect(),
            notes: QuestionId::all()
                .filter(|&q| a.note(q) != b.note(q))
                .map(|q| (q, a.note(q).to_owned(), b.note(q).to_owned()))
                .collect(),
            answers: QuestionId::all()
                .filter(|&q| {
                    let (x, y) = (a.profile.answer(q), b.profile.answer(q));
                    x.map(|x| (&x.summary, &x.ask, &x.citations)) != y.map(|y| (&y.summary, &y.ask, &y.citations))
                })
                .collect(),
        }
    }

    /// Whether nothing a lab would look at changed.
    pub fn is_empty(&self) -> bool {
        !self.overall.changed()
            && !self.coverage.changed()
            && self.domains.is_empty()
            && self.statuses.is_empty()
            && self.weights.is_empty()
            && self.notes.is_empty()
            && self.answers.is_empty()
    }

    fn status_words((s, overridden): (Status, bool)) -> String {
        format!("{s}{}", if overridden { " (the lab's finding)" } else { "" })
    }

    fn list(qs: &[QuestionId]) -> String {
        if qs.is_empty() {
            "none".to_owned()
        } else {
            qs.iter().map(|q| format!("q{}", q.number())).collect::<Vec<_>>().join(", ")
        }
    }

    /// The text report (`csp-radar diff`); `bullet` starts each line ("" or
    /// "- " for Markdown).
    pub fn text(&self, bullet: &str) -> String {
        let mut s = String::new();
        if self.provider.0 != self.provider.1 {
            let _ = writeln!(s, "{bullet}Provider: {} → {}", self.provider.0, self.provider.1);
        }
        let _ = writeln!(s, "{bullet}Overall risk: {}", self.overall.words());
        let _ = writeln!(s, "{bullet}Coverage: {}", self.coverage.words());
        for (d, c) in &self.domains {
            let _ = writeln!(s, "{bullet}{}: {}", d.label(), c.words());
        }
        let _ = writeln!(s, "{bullet}Gaps opened: {}", Diff::list(&self.gaps_opened));
        let _ = writeln!(s, "{bullet}Gaps closed: {}", Diff::list(&self.gaps_closed));
        for c in &self.statuses {
            let _ = writeln!(
                s,
                "{bullet}q{} status: {} → {}",
                c.question.number(),
                Diff::status_words(c.before),
                Diff::status_words(c.after)
            );
        }
        for (q, x, y) in &self.weights {
            let _ = writeln!(s, "{bullet}q{} weight: {x} → {y}", q.number());
        }
        for (q, x, y) in &self.notes {
            let _ = writeln!(
                s,
                "{bullet}q{} note: \"{}\" → \"{}\"",
                q.number(),
                x.replace('\n', " "),
                y.replace('\n', " ")
            );
        }
        let _ = writeln!(s, "{bullet}Answers whose text or sources changed: {}", Diff::list(&self.answers));
        if self.is_empty() {
            let _ = writeln!(s, "{bullet}Nothing else changed.");
        }
        s
    }

    pub fn json(&self) -> Node {
        let change = |c: &Change| {
            Node::object([("before", Node::opt(c.before, Node::num)), ("after", Node::opt(c.after, Node::num))])
        };
        let qs = |v: &[QuestionId]| Node::array(v.iter().map(|q| Node::num(q.number())));
        Node::object([
            (
                "provider",
                Node::object([("before", Node::str(&self.provider.0)), ("after", Node::str(&self.provider.1))]),
            ),
            ("overall", change(&self.overall)),
            ("coverage", change(&self.coverage)),
            ("domains", Node::object(self.domains.iter().map(|(d, c)| (d.id(), change(c))))),
            ("gaps_opened", qs(&self.gaps_opened)),
            ("gaps_closed", qs(&self.gaps_closed)),
            (
                "statuses",
                Node::array(self.statuses.iter().map(|c| {
                    Node::object([
                        ("question", Node::num(c.question.number())),
                        ("before", Node::str(c.before.0.id())),
                        ("before_by_finding", Node::bool(c.before.1)),
                        ("after", Node::str(c.after.0.id())),
                        ("after_by_finding", Node::bool(c.after.1)),
                    ])
                })),
            ),
            (
                "weights",
                Node::array(self.weights.iter().map(|(q, x, y)| {
                    Node::object([
                        ("question", Node::num(q.number())),
                        ("before", Node::num(x)),
                        ("after", Node::num(y)),
                    ])
                })),
            ),
            (
                "notes",
                Node::array(self.notes.iter().map(|(q, x, y)| {
                    Node::object([
                        ("question", Node::num(q.number())),
                        ("before", Node::str(x)),
                        ("after", Node::str(y)),
                    ])
                })),
            ),
            ("answers_changed", qs(&self.answers)),
        ])
    }
}

/// An earlier decision against a later one, provider by provider (matched by
/// id; which provider is in focus does not matter).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionDiff {
    /// Providers in both, in the later decision's order.
    pub providers: Vec<Diff>,
    /// Names of providers only in the later decision.
    pub added: Vec<String>,
    /// Names of providers only in the earlier one.
    pub removed: Vec<String>,
}

impl DecisionDiff {
    pub fn between(old: &Decision, new: &Decision) -> DecisionDiff {
        let providers = new
            .providers()
            .filter_map(|b| {
                let a = old.providers().find(|a| a.id() == b.id())?;
                Some(Diff::between(&old.evaluation(a), &new.evaluation(b)))
            })
            .collect();
        let missing_from = |d: &Decision, from: &Decision| {
            d.providers().filter(|c| !from.providers().any(|o| o.id() == c.id())).map(|c| c.name().to_owned()).collect()
        };
        DecisionDiff { providers, added: missing_from(new, old), removed: missing_from(old, new) }
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.providers.iter().all(Diff::is_empty)
    }

    /// The text report, a section per provider.
    pub fn text(&self, bullet: &str) -> String {
        let mut s = String::new();
        if !self.added.is_empty() {
            let _ = writeln!(s, "{bullet}Providers added: {}", self.added.join(", "));
        }
        if !self.removed.is_empty() {
            let _ = writeln!(s, "{bullet}Providers taken out: {}", self.removed.join(", "));
        }
        for d in &self.providers {
            let _ = writeln!(s, "\n{}:", d.provider.1);
            s.push_str(&d.text(bullet));
        }
        s
    }

    pub fn json(&self) -> Node {
        Node::object([
            ("added", Node::array(self.added.iter().map(Node::str))),
            ("removed", Node::array(self.removed.iter().map(Node::str))),
            ("providers", Node::array(self.providers.iter().map(Diff::json))),
        ])
    }
}
