//! The committee report: what a lab hands its committee about a decision.
//! Page 1 has every provider side by side with the verdicts, the weights
//! used, the questions to confirm in writing, the as-of date and where each
//! profile's facts come from; then, per provider, the questions to send
//! (ready to send as they are); then the evidence. The print view, the
//! Markdown and the wikitext exports all render this one structure.

use super::age::{age_words, months_between};
use super::catalog::QuestionId;
use super::decision::{Decision, Verdict};
use super::export::{ask, Report};
use super::figures::{shown, Band, Ratio};
use super::profile::Date;
use super::status::Status;
use super::weights::Preset;

/// One provider's line in the decision table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub overall: Option<Ratio>,
    pub band: Option<Band>,
    pub best: Option<Ratio>,
    pub worst: Option<Ratio>,
    pub coverage: Option<Ratio>,
    pub gaps: usize,
    pub findings: usize,
    pub notes: usize,
    pub confirmations: usize,
    pub stale: usize,
    pub undated: usize,
    pub cited: usize,
}

impl Row {
    /// "3 stale, 1 undated of 12 cited"; "all current".
    pub fn evidence_words(&self) -> String {
        match (self.stale, self.undated) {
            (0, 0) if self.cited == 0 => "no cited answers".to_owned(),
            (0, 0) => format!("all {} cited answers current", self.cited),
            (s, 0) => format!("{s} of {} stale", self.cited),
            (0, u) => format!("{u} of {} undated", self.cited),
            (s, u) => format!("{s} stale, {u} undated of {}", self.cited),
        }
    }
}

/// Why a question is in a provider's list of questions to send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// A gap: the answer that counts is not documented; its points, and
    /// whether the lab also needs the answer in writing.
    Gap { status: Status, points: Option<Ratio>, in_writing: bool },
    /// The lab needs it in writing whatever public pages say.
    Confirm,
}

/// One question to send a provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ask {
    pub question: QuestionId,
    pub why: Why,
    pub ask: String,
}

/// A weight the lab changed from its preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Changed {
    pub question: QuestionId,
    pub preset: u32,
    pub now: u32,
}

/// The committee report of a decision.
pub struct Committee<'a> {
    pub decision: &'a Decision,
    pub as_of: Date,
    /// Every provider taking part, least risky first.
    pub reports: Vec<Report<'a>>,
    pub verdicts: Vec<Verdict>,
}

impl<'a> Committee<'a> {
    pub fn of(decision: &'a Decision, today: &Date) -> Committee<'a> {
        Committee {
            decision,
            as_of: decision.age.as_of.clone().unwrap_or_else(|| today.clone()),
            reports: Report::ranked(decision, today),
            verdicts: decision.verdicts(),
        }
    }

    pub fn rows(&self) -> Vec<Row> {
        self.reports
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let range = r.e.range();
                Row {
                    rank: i + 1,
                    id: r.candidate.id().to_owned(),
                    name: r.candidate.name().to_owned(),
                    overall: r.f.overall,
                    band: r.f.band(),
                    best: range.best.overall,
                    worst: range.worst.overall,
                    coverage: r.f.coverage,
                    gaps: r.f.gaps.len(),
                    findings: r.candidate.record.finding_count(),
                    notes: r.candidate.record.note_count(),
                    confirmations: self.decision.confirmations_outstanding(r.candidate).len(),
                    stale: r.ages.summary.stale,
                    undated: r.ages.summary.undated,
                    cited: r.ages.summary.cited,
                }
            })
            .collect()
    }

    /// "Clinical lab (e-PHI, CLIA/HIPAA)", and the weights the lab changed.
    pub fn weights(&self) -> (Preset, Vec<Changed>) {
        let d = self.decision;
        let preset = d.preset.weights();
        let changed = QuestionId::all()
            .filter_map(|q| {
                let (p, now) = (preset.get(q).value(), d.weights.get(q).value());
                (p != now).then_some(Changed { question: q, preset: p, now })
            })
            .collect();
        (d.preset, changed)
    }

    /// The weights in one line: "Clinical preset, as it is" or "Clinical
    /// preset, with Q3 4 → 5 and Q14 5 → 0".
    pub fn weights_line(&self) -> String {
        let (preset, changed) = self.weights();
        let name = format!("{} preset", preset.label());
        if changed.is_empty() {
            return format!("{name}, as it is (q1..q18: {}).", self.decision.weights.digits());
        }
        let list: Vec<String> =
            changed.iter().map(|c| format!("Q{} {} → {}", c.question.number(), c.preset, c.now)).collect();
        format!("{name}, with {} (q1..q18: {}).", list.join(", "), self.decision.weights.digits())
    }

    /// The questions to confirm in writing, by number.
    pub fn confirm_line(&self) -> String {
        let set: Vec<String> = self.decision.confirm_set().iter().map(|q| format!("Q{}", q.number())).collect();
        if set.is_empty() {
            "none".to_owned()
        } else {
            set.join(", ")
        }
    }

    /// Where a provider's facts come from and how old they are, in one line.
    pub fn provenance(&self, r: &Report) -> String {
        let p = &r.e.profile;
        let source = match &p.source {
            Some(s) => {
                let when = s.retrieved.as_ref().map_or(String::new(), |d| {
                    let age = months_between(d, &self.as_of);
                    format!(", retrieved {d} ({})", age_words(age).replace(" old", " ago"))
                });
                format!("{}{when}", s.title)
            }
            None => "a profile that names no source".to_owned(),
        };
        format!("{}: {source}. {}", p.provider.name, r.ages.summary.sentence(r.e.age.stale_after))
    }

    /// A provider's questions to send: its gaps, most points first, then the
    /// questions still to confirm in writing.
    pub fn asks(&self, r: &Report) -> Vec<Ask> {
        let e = &r.e;
        let outstanding = self.decision.confirmations_outstanding(r.candidate);
        let mut out: Vec<Ask> =
            r.f.gaps
                .iter()
                .map(|&q| {
                    let l = r.f.line(q);
                    let why = Why::Gap { status: l.status, points: l.points, in_writing: outstanding.contains(&q) };
                    Ask { question: q, why, ask: ask(e, q).to_owned() }
                })
                .collect();
        for q in outstanding {
            if !out.iter().any(|a| a.question == q) {
                out.push(Ask { question: q, why: Why::Confirm, ask: ask(e, q).to_owned() });
            }
        }
        out
    }
}

impl Why {
    /// "adverse, 5.6 points"; "to confirm in writing".
    pub fn words(&self) -> String {
        match self {
            Why::Gap { status, points, in_writing: false } => format!("{status}, {} points", shown(*points)),
            Why::Gap { status, points, in_writing: true } => {
                format!("{status}, {} points; in writing", shown(*points))
            }
            Why::Confirm => "to confirm in writing".to_owned(),
        }
    }
}
