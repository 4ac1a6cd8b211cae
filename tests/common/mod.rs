//! Pieces the integration tests share: fixtures and generated evaluations.
#![allow(dead_code)]

use std::rc::Rc;

use csp_radar::model::{bundled, Evaluation, Preset, Profile, QuestionId, ShareLink, Status, Weight};
use proptest::prelude::*;

pub fn fictional() -> Rc<Profile> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/profiles/example-fictional.json"))
            .unwrap();
    Rc::new(Profile::parse(&text).unwrap().profile)
}

/// Any evaluation the widget can hold: either provider kind, any preset,
/// weights, findings and notes (in any script), with or without a
/// comparison.
pub fn evaluation_strategy() -> impl Strategy<Value = ShareLink> {
    let statuses = proptest::collection::vec(proptest::option::of(proptest::sample::select(Status::ALL.to_vec())), 18);
    let weights = proptest::collection::vec(0u64..=5, 18);
    let notes = proptest::collection::vec(proptest::option::weighted(0.2, "\\PC{0,40}"), 18);
    (0usize..4, statuses, weights, notes, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(index, statuses, weights, notes, custom, compare, keep_preset_weights)| {
            let preset = Preset::ALL[index];
            let profile = if custom { fictional() } else { bundled::default_profile() };
            let mut e = Evaluation::new(profile, preset);
            if !keep_preset_weights {
                for (id, w) in QuestionId::all().zip(weights) {
                    e.weights.set(id, Weight::new(w).unwrap());
                }
            }
            for (id, (s, n)) in QuestionId::all().zip(statuses.into_iter().zip(notes)) {
                e.overrides[id.index()] = s;
                e.notes[id.index()] = n.unwrap_or_default();
            }
            // Evidence age rides along: some as-of dates, each threshold.
            e.age.as_of = keep_preset_weights.then(|| csp_radar::model::profile::Date::parse("2024-02-29").unwrap());
            e.age.stale_after = csp_radar::model::age::StaleAfter::ALL[index];
            let compare =
                if compare { vec![if custom { bundled::default_profile() } else { fictional() }] } else { vec![] };
            ShareLink { evaluation: e, compare }
        },
    )
}
