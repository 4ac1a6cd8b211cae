//! The decision (docs/files.md, "The decision"): every provider's figures
//! come from its own profile and record, and no operation moves, copies or
//! drops what the lab wrote about one provider.
#![cfg(not(target_arch = "wasm32"))]

use std::cmp::Ordering;
use std::rc::Rc;

use csp_radar::model::decision::{Added, NotAdded, MAX_KEPT_PROVIDERS, MAX_PROVIDERS};
use csp_radar::model::{bundled, Basis, Decision, Finding, Preset, Profile, QuestionId, Record, Status};
use proptest::prelude::*;

mod common;
use common::{decision_strategy, fictional, q};

/// Σ w·r / Σ w in whole numbers, rounded half away from zero to tenths,
/// from the profile's statuses with the record's findings in their place:
/// written here again, apart from the model.
fn independent_overall_tenths(d: &Decision, profile: &Profile, record: &Record) -> Option<u64> {
    let (mut num, mut den) = (0u64, 0u64);
    for qid in QuestionId::all() {
        let w = u64::from(d.weights.get(qid).value());
        let status = record.finding(qid).map_or_else(|| profile.status(qid), |f| f.status);
        let risk = match status {
            Status::Documented => 0,
            Status::Partial => 50,
            Status::Undisclosed => 75,
            Status::Adverse => 100,
        };
        num += w * risk;
        den += w;
    }
    (den > 0).then(|| (num * 20 + den) / (2 * den))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]
    #[test]
    fn every_provider_is_figured_from_its_own_record(d in decision_strategy()) {
        for (c, f) in d.ranking() {
            let want = independent_overall_tenths(&d, &c.profile, &c.record);
            prop_assert_eq!(f.overall.map(|r| r.tenths()), want, "{}", c.id());
        }
    }

    #[test]
    fn focus_changes_no_figure_and_no_record(d in decision_strategy(), pick in 0usize..6) {
        let before: Vec<(String, Option<u64>, Record)> =
            d.ranking().into_iter().map(|(c, f)| (c.id().to_owned(), f.overall.map(|r| r.tenths()), c.record.clone())).collect();
        let mut moved = d.clone();
        let id = moved.providers().nth(pick % moved.provider_count().max(1)).map(|c| c.id().to_owned());
        moved.set_focus(id.as_deref());
        let after: Vec<(String, Option<u64>, Record)> =
            moved.ranking().into_iter().map(|(c, f)| (c.id().to_owned(), f.overall.map(|r| r.tenths()), c.record.clone())).collect();
        prop_assert_eq!(before, after);
    }

    #[test]
    fn too_close_to_call_exactly_when_the_order_flips(d in decision_strategy()) {
        for v in d.verdicts() {
            let s = &v.stability;
            let flips = !s.presets_against.is_empty() || s.first_flip.is_some() || s.order != Some(Ordering::Less);
            prop_assert_eq!(v.too_close(), flips);
            prop_assert_eq!(v.sentence().contains("too close to call") || v.apart.is_none(), flips);
        }
    }
}

fn baa() -> Finding {
    Finding {
        status: Status::Documented,
        basis: Some(Basis::Provider),
        date: csp_radar::model::profile::Date::parse("2026-12-07"),
        reference: "signed BAA".into(),
        url: None,
    }
}

#[test]
fn setting_aside_keeps_the_record_and_adding_again_brings_it_back() {
    let mut d = Decision::of(bundled::all(), Preset::Clinical);
    d.set_finding("aws", q(14), Some(baa()));
    assert!(d.set_note("aws", q(14), "From legal".into()));
    d.set_aside("aws");
    assert!(d.providers().all(|c| c.id() != "aws"), "out of the decision");
    assert_eq!(d.candidate("aws").unwrap().record.finding(q(14)), Some(&baa()), "its record kept");
    // A provider with no record just leaves.
    d.set_aside("google-cloud");
    assert!(d.candidate("google-cloud").is_none());
    assert_eq!(d.add(bundled::get("aws").unwrap()), Ok(Added::AlreadyIn));
    let aws = d.candidate("aws").unwrap();
    assert!(!aws.set_aside);
    assert_eq!((aws.record.finding(q(14)), aws.record.note(q(14))), (Some(&baa()), "From legal"));
    // Nobody else has it.
    assert!(d.candidates.iter().filter(|c| c.id() != "aws").all(|c| c.record.is_empty()));
}

#[test]
fn a_different_profile_under_an_id_with_a_record_asks_and_keeps_both_when_unsure() {
    let mut d = Decision::of([bundled::get("aws").unwrap()], Preset::Balanced);
    // With no record, a newer profile of the same provider simply replaces it.
    let mut newer = (*bundled::get("aws").unwrap()).clone();
    newer.provider.name = "Amazon Web Services (newer)".into();
    assert_eq!(d.add(Rc::new(newer.clone())), Ok(Added::Updated));
    d.set_finding("aws", q(3), Some(Finding::new(Status::Adverse)));
    let mut other = newer.clone();
    other.provider.name = "Amazon Web Services (other)".into();
    assert!(matches!(d.add(Rc::new(other.clone())), Err(NotAdded::SameIdWithRecord { .. })));
    assert_eq!(d.add_beside(Rc::new(other)), Ok(Added::New));
    assert_eq!(d.candidate("aws").unwrap().record.finding(q(3)), Some(&Finding::new(Status::Adverse)));
    let beside = d.candidate("aws-2").unwrap();
    assert!(beside.record.is_empty() && beside.name().contains("(another profile)"));
}

#[test]
fn the_limits_are_said_and_never_drop_a_record() {
    let mut d = Decision::of(std::iter::empty(), Preset::Balanced);
    let profile = |n: usize| {
        let mut p = (*fictional()).clone();
        p.provider.id = format!("lab-{n}");
        p.provider.name = format!("Lab {n}");
        Rc::new(p)
    };
    for n in 0..MAX_PROVIDERS {
        assert_eq!(d.add(profile(n)), Ok(Added::New));
    }
    assert_eq!(d.add(profile(99)), Err(NotAdded::Full));
    // Set aside with records until the decision keeps all it can.
    let mut n = MAX_PROVIDERS;
    while d.candidates.len() < MAX_KEPT_PROVIDERS {
        let first = d.providers().next().unwrap().id().to_owned();
        assert!(d.set_note(&first, q(1), format!("kept {first}")));
        d.set_aside(&first);
        assert_eq!(d.add(profile(n)), Ok(Added::New));
        n += 1;
    }
    let first = d.providers().next().unwrap().id().to_owned();
    assert!(d.set_note(&first, q(1), "kept too".into()));
    d.set_aside(&first);
    assert_eq!(d.add(profile(n)), Err(NotAdded::KeptFull));
    let notes = d.candidates.iter().filter(|c| !c.record.is_empty()).count();
    assert_eq!(notes, MAX_KEPT_PROVIDERS - (MAX_PROVIDERS - 1), "every record is still there");
    // And the decision still opens from its link and its file.
    assert_eq!(Decision::from_saved(&d.to_link()).unwrap(), d);
}

#[test]
fn adopting_a_provider_from_another_decision_brings_its_record() {
    let mut other = Decision::of([bundled::get("aws").unwrap()], Preset::Balanced);
    other.set_finding("aws", q(14), Some(baa()));
    let mut d = Decision::of([bundled::get("google-cloud").unwrap()], Preset::Balanced);
    assert_eq!(d.adopt(&other.candidates[0]), Ok(Added::New));
    assert_eq!(d.candidate("aws").unwrap().record.finding(q(14)), Some(&baa()));
    assert!(d.candidate("google-cloud").unwrap().record.is_empty());
}

#[test]
fn confirm_in_writing_follows_the_weights_and_keeps_the_labs_choices() {
    let mut d = Decision::of([bundled::get("aws").unwrap()], Preset::Clinical);
    let set = |d: &Decision| d.confirm_set().iter().map(|q| q.number()).collect::<Vec<_>>();
    assert_eq!(set(&d), [5, 6, 7, 14]);
    d.set_confirm(q(2), true);
    d.set_confirm(q(6), false);
    assert_eq!(set(&d), [2, 5, 7, 14]);
    d.set_preset(Preset::Manufacturing);
    assert_eq!(set(&d), [2, 7, 12, 13], "the preset's 5s, plus Q2, without Q6");
    d.set_preset(Preset::Research);
    assert_eq!(set(&d), [2, 17]);
    // Only a dated, referenced statement from the provider confirms.
    let aws = d.candidate("aws").unwrap().clone();
    assert_eq!(d.confirmations_outstanding(&aws).len(), 2);
    let mut public = baa();
    public.basis = Some(Basis::Public);
    d.set_finding("aws", q(17), Some(public));
    assert_eq!(d.confirmations_outstanding(d.candidate("aws").unwrap()).len(), 2);
    d.set_finding("aws", q(17), Some(baa()));
    assert_eq!(d.confirmations_outstanding(d.candidate("aws").unwrap()), [q(2)]);
}

#[test]
fn a_record_is_counted_in_words_that_read_after_your() {
    let mut r = Record::default();
    assert_eq!(r.counts(), "nothing yet");
    r.set_note(q(14), "Signed BAA received.".into());
    assert_eq!(r.counts(), "1 note", "never \"no findings and 1 note\"");
    r.set_finding(q(14), Some(baa()));
    r.set_finding(q(7), Some(baa()));
    assert_eq!(r.counts(), "2 findings and 1 note");
}
