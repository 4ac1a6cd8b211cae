//! Pieces the integration tests share: fixtures, generated decisions, and a
//! writer for version 1 links (the model reads them but no longer writes
//! them), so tests can check that every v1 finding and note survives.
#![allow(dead_code)]

use std::rc::Rc;

use csp_radar::model::age::StaleAfter;
use csp_radar::model::decision::{Candidate, ConfirmInWriting, QuestionSet};
use csp_radar::model::profile::Date;
use csp_radar::model::{bundled, Basis, Decision, Finding, Preset, Profile, QuestionId, Record, Status, Weight};
use proptest::prelude::*;

pub fn fictional() -> Rc<Profile> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/profiles/example-fictional.json"))
            .unwrap();
    Rc::new(Profile::parse(&text).unwrap().profile)
}

pub fn q(n: u64) -> QuestionId {
    QuestionId::new(n).unwrap()
}

/// Every profile a generated decision draws from: the bundled ones and a
/// custom one.
fn pool() -> Vec<Rc<Profile>> {
    let mut all = bundled::all();
    all.push(fictional());
    all
}

fn finding_strategy() -> impl Strategy<Value = Finding> {
    let status = proptest::sample::select(Status::ALL.to_vec());
    let basis = proptest::option::of(proptest::sample::select(Basis::ALL.to_vec()));
    let date = proptest::option::of(proptest::sample::select(vec!["2024-02-29", "2026-12-07", "2019-05-01"]));
    let reference = proptest::option::weighted(0.5, "\\PC{0,30}");
    let url = proptest::option::weighted(
        0.3,
        proptest::sample::select(vec![
            "https://example.org/baa.pdf",
            "https://ok.example/e<!--",
            "http://x.example/a?b=c&d=e",
        ]),
    );
    (status, basis, date, reference, url).prop_map(|(status, basis, date, reference, url)| Finding {
        status,
        basis,
        date: date.and_then(Date::parse),
        reference: reference.unwrap_or_default(),
        url: url.and_then(csp_radar::model::profile::WebUrl::parse),
    })
}

fn record_strategy() -> impl Strategy<Value = Record> {
    let findings = proptest::collection::vec(proptest::option::weighted(0.25, finding_strategy()), 18);
    let notes = proptest::collection::vec(proptest::option::weighted(0.2, "\\PC{0,40}"), 18);
    (findings, notes).prop_map(|(findings, notes)| {
        let mut r = Record::default();
        for (id, (f, n)) in QuestionId::all().zip(findings.into_iter().zip(notes)) {
            r.set_finding(id, f);
            r.set_note(id, n.unwrap_or_default());
        }
        r
    })
}

/// Any decision the widget can hold: 1..=4 providers of either kind (some
/// set aside, with their records), any preset, weights, findings with any
/// basis, notes in any script, confirm-in-writing changes, a focus or none.
pub fn decision_strategy() -> impl Strategy<Value = Decision> {
    let picks = proptest::sample::subsequence((0..5usize).collect::<Vec<_>>(), 1..=4).prop_shuffle();
    let records = proptest::collection::vec((record_strategy(), proptest::bool::weighted(0.15)), 4);
    let weights = proptest::collection::vec(0u64..=5, 18);
    let confirm = (0u32..(1 << 18), 0u32..(1 << 18));
    (0usize..4, picks, records, weights, any::<bool>(), confirm, proptest::option::of(0usize..4)).prop_map(
        |(index, picks, records, weights, keep_preset_weights, (add, remove), focus)| {
            let preset = Preset::ALL[index];
            let all = pool();
            let mut d = Decision::of(std::iter::empty(), preset);
            for (i, (pick, (record, aside))) in picks.into_iter().zip(records).enumerate() {
                // The first provider always takes part: a decision needs one.
                let set_aside = aside && i > 0 && !record.is_empty();
                d.candidates.push(Candidate { profile: Rc::clone(&all[pick]), record, set_aside });
            }
            if !keep_preset_weights {
                for (id, w) in QuestionId::all().zip(weights) {
                    d.weights.set(id, Weight::new(w).unwrap());
                }
            }
            let default = ConfirmInWriting::default_for(&d.weights);
            let added =
                QuestionSet::of(QuestionId::all().filter(|q| add & (1 << q.index()) != 0 && !default.contains(*q)));
            let removed =
                QuestionSet::of(QuestionId::all().filter(|q| remove & (1 << q.index()) != 0 && default.contains(*q)));
            d.confirm = ConfirmInWriting { added, removed };
            d.age.as_of = keep_preset_weights.then(|| Date::parse("2024-02-29").unwrap());
            d.age.stale_after = StaleAfter::ALL[index];
            d.focus = focus.and_then(|i| d.providers().nth(i).map(|c| c.id().to_owned()));
            d
        },
    )
}

/// A version 1 evaluation: one provider with the lab's overrides and notes,
/// the providers compared with it, preset and weights.
#[derive(Clone, Debug)]
pub struct V1 {
    pub profile: Rc<Profile>,
    pub compare: Vec<Rc<Profile>>,
    pub preset: Preset,
    pub weights: Option<String>,
    pub overrides: Vec<(QuestionId, Status)>,
    pub notes: Vec<(QuestionId, String)>,
}

impl V1 {
    /// The link version 1 wrote for it.
    pub fn link(&self) -> String {
        let mut s = "CSPR:1".to_owned();
        let id = |p: &Profile| -> String {
            if bundled::is_bundled(p) {
                p.provider.id.clone()
            } else {
                format!("~{}", packed(&p.to_json().to_compact()))
            }
        };
        match id(&self.profile) {
            bundled if bundled == "tencent-cloud" => {}
            custom if custom.starts_with('~') => s.push_str(&format!("/x:{}", &custom[1..])),
            bundled => s.push_str(&format!("/p:{bundled}")),
        }
        if !self.compare.is_empty() {
            s.push_str(&format!("/c:{}", self.compare.iter().map(|p| id(p)).collect::<Vec<_>>().join(",")));
        }
        if self.preset != Preset::default() {
            s.push_str(&format!("/s:{}", self.preset));
        }
        if let Some(w) = &self.weights {
            s.push_str(&format!("/w:{w}"));
        }
        if !self.overrides.is_empty() {
            let o: Vec<String> =
                self.overrides.iter().map(|(q, st)| format!("{}{}", q.number(), st.letter())).collect();
            s.push_str(&format!("/o:{}", o.join(",")));
        }
        if !self.notes.is_empty() {
            let members: Vec<(String, csp_radar::model::json::Node)> = self
                .notes
                .iter()
                .map(|(q, n)| (q.number().to_string(), csp_radar::model::json::Node::str(n)))
                .collect();
            s.push_str(&format!("/n:{}", packed(&csp_radar::model::json::Node::object(members).to_compact())));
        }
        s
    }
}

pub fn v1_strategy() -> impl Strategy<Value = V1> {
    let statuses =
        proptest::collection::vec(proptest::option::weighted(0.3, proptest::sample::select(Status::ALL.to_vec())), 18);
    let notes = proptest::collection::vec(proptest::option::weighted(0.2, "\\PC{1,40}"), 18);
    let weights = proptest::option::of(proptest::collection::vec(0u8..=5, 18));
    (
        0usize..4,
        0usize..5,
        proptest::sample::subsequence((0..5usize).collect::<Vec<_>>(), 0..=3),
        statuses,
        notes,
        weights,
    )
        .prop_map(|(preset, main, compare, statuses, notes, weights)| {
            let all = pool();
            let profile = Rc::clone(&all[main]);
            let compare = compare.into_iter().filter(|&i| i != main).map(|i| Rc::clone(&all[i])).collect();
            V1 {
                profile,
                compare,
                preset: Preset::ALL[preset],
                weights: weights.map(|w| w.iter().map(|d| char::from(b'0' + d)).collect()),
                overrides: QuestionId::all().zip(statuses).filter_map(|(q, s)| Some((q, s?))).collect(),
                notes: QuestionId::all().zip(notes).filter_map(|(q, n)| Some((q, n?))).collect(),
            }
        })
}

/// deflate + base64url, as links carry packed text.
pub fn packed(text: &str) -> String {
    base64url(&miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9))
}

pub fn base64url(bytes: &[u8]) -> String {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(B64[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}
