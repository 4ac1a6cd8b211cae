//! Decision confidence (docs/scoring.md): the exact range the unknowns
//! leave, and ranking stability, on the golden case and hand-worked ones.
#![cfg(not(target_arch = "wasm32"))]

use std::cmp::Ordering;
use std::rc::Rc;

use csp_radar::model::confidence::{Range, Stability, Step};
use csp_radar::model::figures::shown;
use csp_radar::model::{bundled, Domain, Evaluation, Preset, QuestionId, Status, Weight, Weights};
use proptest::prelude::*;

fn q(n: u64) -> QuestionId {
    QuestionId::new(n).unwrap()
}

#[test]
fn golden_tencent_range() {
    let e = Evaluation::new(bundled::default_profile(), Preset::Balanced);
    let r = e.range();
    // Balanced: every weight 3, Σw = 54. Best: only q3 stays adverse,
    // 3·100/54 = 5.55… → 5.6. Worst: the 16 answers that are not documented
    // (q9, q16) count 100, 16·3·100/54 = 88.88… → 88.9.
    assert_eq!(
        (shown(r.best.overall), shown(e.figures().overall), shown(r.worst.overall)),
        ("5.6".into(), "56.9".into(), "88.9".into())
    );
    // Availability (q3 adverse, q4 and q18 undisclosed): best 100/3, worst 100.
    assert_eq!(
        (shown(r.best.domain(Domain::Availability)), shown(r.worst.domain(Domain::Availability))),
        ("33.3".into(), "100.0".into())
    );
    // Security (q9 documented, q10 undisclosed, q11 partial): best 0, worst 200/3.
    assert_eq!(
        (shown(r.best.domain(Domain::Security)), shown(r.worst.domain(Domain::Security))),
        ("0.0".into(), "66.7".into())
    );
}

fn statuses(adverse: &[u64], documented_rest: bool, rest: Status) -> impl Fn(QuestionId) -> Status + Clone {
    let adverse = adverse.to_vec();
    move |id: QuestionId| {
        if adverse.contains(&u64::from(id.number())) {
            Status::Adverse
        } else if documented_rest {
            Status::Documented
        } else {
            rest
        }
    }
}

#[test]
fn a_ranking_that_holds_except_for_the_unknowns() {
    // A: q1 adverse, the rest documented: 300/54 = 5.6. B: all partial: 50.
    let a = statuses(&[1], true, Status::Documented);
    let b = statuses(&[], false, Status::Partial);
    let s = Stability::of(&Preset::Balanced.weights(), a, b);
    assert_eq!(s.order, Some(Ordering::Less));
    assert_eq!((s.presets_against.len(), s.steps, s.first_flip), (0, 36, None));
    // A has no unknowns (worst 5.6); B's best is 0: the unknowns could reverse it.
    assert!(!s.unknowns_hold);
    assert_eq!(
        s.sentence("Acme", "Vellum"),
        "Acme is less risky than Vellum under all 4 presets and all 36 one-step weight changes; the unknowns could still reverse it."
    );
}

#[test]
fn a_tie_that_any_step_breaks() {
    // A: q1 adverse; B: q2 adverse; the rest documented. Balanced: both
    // 300/54, equal. Lowering q1 to 2 gives A 200/53 < B 300/53.
    let a = statuses(&[1], true, Status::Documented);
    let b = statuses(&[2], true, Status::Documented);
    let s = Stability::of(&Preset::Balanced.weights(), a, b);
    assert_eq!(s.order, Some(Ordering::Equal));
    assert_eq!(s.first_flip, Some(Step { question: q(1), weight: Weight::new(2).unwrap() }));
    // research weighs q1 3 and q2 4 (A less risky); clinical 3/3 and
    // manufacturing 4/4 keep the tie.
    assert_eq!(s.presets_against, vec![Preset::Research]);
    assert_eq!(
        s.sentence("A", "B"),
        "A is as risky as B under 3 of 4 presets (not research) and one-step weight changes until question 1's weight goes to 2; the unknowns could still reverse it."
    );
}

#[test]
fn a_ranking_no_unknown_can_reverse() {
    let a = statuses(&[], true, Status::Documented);
    let b = statuses(&(1..=18).collect::<Vec<_>>(), false, Status::Adverse);
    let s = Stability::of(&Preset::Clinical.weights(), a, b);
    assert_eq!((s.order, s.unknowns_hold), (Some(Ordering::Less), true));
    assert!(s.sentence("A", "B").ends_with("the unknowns cannot reverse it."));
    // Weights 5 cannot go up, 0 cannot go down: clinical has three 5s... each
    // question has 2 steps unless at an end.
    let ends = QuestionId::all().filter(|&id| matches!(Preset::Clinical.weights().get(id).value(), 0 | 5)).count();
    assert_eq!(s.steps, 36 - ends);
}

#[test]
fn tencent_against_the_fictional_example() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/profiles/example-fictional.json"))
            .unwrap();
    let fictional = Rc::new(csp_radar::model::Profile::parse(&text).unwrap().profile);
    let d = csp_radar::model::Decision::of([bundled::default_profile(), fictional], Preset::Balanced);
    let (tencent, example) = (d.candidate("tencent-cloud").unwrap(), d.candidate("example-fictional").unwrap());
    let s = d.stability(tencent, example);
    assert_eq!(s.order, Some(Ordering::Greater), "Tencent 56.9 against Example Cloud 29.2");
    assert!(s.sentence("Tencent Cloud", "Example Cloud").starts_with("Tencent Cloud is riskier than Example Cloud"));
}

fn weights_strategy() -> impl Strategy<Value = Weights> {
    proptest::collection::vec(0u64..=5, 18).prop_map(|ws| {
        let mut w = Weights::default();
        for (id, v) in QuestionId::all().zip(ws) {
            w.set(id, Weight::new(v).unwrap());
        }
        w
    })
}

proptest! {
    #[test]
    fn best_figure_worst_and_the_coverage_identity(w in weights_strategy(), st in proptest::collection::vec(proptest::sample::select(Status::ALL.to_vec()), 18)) {
        let status = |id: QuestionId| st[id.index()];
        let f = csp_radar::model::Figures::compute(&w, status, |_| false);
        let r = Range::of(&w, status);
        match (r.best.overall, f.overall, r.worst.overall, f.coverage) {
            (Some(best), Some(fig), Some(worst), Some(coverage)) => {
                prop_assert!(best <= fig && fig <= worst);
                // worst − best = 100 − coverage, exactly: over the same Σw,
                // (worst − best)·Σw = 100·(weight of unknowns).
                let den = fig.denominator();
                prop_assert_eq!(worst.denominator(), den);
                prop_assert_eq!(coverage.denominator(), den);
                prop_assert_eq!(worst.numerator() - best.numerator(), 100 * den - coverage.numerator());
            }
            (None, None, None, None) => {}
            other => prop_assert!(false, "figures and range disagree on n/a: {:?}", other),
        }
        for d in Domain::ALL {
            if let (Some(best), Some(fig), Some(worst)) = (r.best.domain(d), f.domain(d), r.worst.domain(d)) {
                prop_assert!(best <= fig && fig <= worst);
            }
        }
    }
}
