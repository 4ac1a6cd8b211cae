//! Evidence age (docs/scoring.md): stale and undated answers, the summary, and that
//! no figure moves with the as-of date or the threshold.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use csp_radar::model::age::{AnswerAge, StaleAfter};
use csp_radar::model::export::Ages;
use csp_radar::model::profile::Date;
use csp_radar::model::{Evaluation, Preset, Profile, QuestionId};

fn profile() -> Rc<Profile> {
    let text = r#"{"format": "csp-risk-profile", "version": 1, "provider": {"id": "acme", "name": "Acme"},
      "answers": [
        {"question": 1, "status": "documented", "citations": [{"title": "Old", "url": "https://a.example/1", "date": "2019-05-17"}]},
        {"question": 2, "status": "partial", "citations": [{"title": "Old", "url": "https://a.example/2", "date": "2019-01-01"},
                                                            {"title": "New", "url": "https://a.example/3", "date": "2025-06-01"}]},
        {"question": 3, "status": "adverse", "citations": [{"title": "Undated", "url": "https://a.example/4"}]},
        {"question": 4, "status": "undisclosed"}
      ]}"#;
    Rc::new(Profile::parse(text).unwrap().profile)
}

#[test]
fn stale_undated_and_the_summary() {
    let mut e = Evaluation::new(profile(), Preset::Balanced);
    let today = Date::parse("2026-11-24").unwrap();
    let ages = Ages::of(&e, &today);
    let q = |n: u64| &ages.answers[QuestionId::new(n).unwrap().index()];
    assert!(q(1).is_stale(), "2019-05-17 is 90 months before 2026-11-24");
    assert_eq!(q(1).words().as_deref(), Some("evidence from 2019-05, 7 years old"));
    assert!(!q(2).is_stale(), "the newest citation counts: 2025-06-01");
    assert_eq!(*q(3), AnswerAge::Undated);
    assert_eq!(*q(4), AnswerAge::NotCited);
    assert_eq!(
        ages.summary.sentence(e.age.stale_after),
        "1 of 3 cited answers rest on evidence older than 3 years; 1 cite only undated sources."
    );
    // A 5-year threshold: nothing stale; an earlier as-of date: younger evidence.
    let before = e.figures();
    e.age.stale_after = StaleAfter::Months60;
    e.age.as_of = Some(Date::parse("2021-01-01").unwrap());
    let later = Ages::of(&e, &today);
    assert_eq!(later.summary.stale, 0);
    assert_eq!(later.as_of.as_str(), "2021-01-01", "a set as-of date wins over today");
    assert_eq!(e.figures(), before, "staleness never changes a figure");
}

#[test]
fn evidence_newer_than_the_as_of_date_has_no_age_in_the_decision_file_never_a_negative_one() {
    use csp_radar::model::export::Format;
    use csp_radar::model::Decision;
    let mut d = Decision::of([profile()], Preset::default());
    d.age.as_of = Some(Date::parse("2020-01-01").unwrap());
    let file = Format::Json.render(&d, &Date::parse("2026-12-07").unwrap());
    assert!(!file.contains("\"evidence_age_months\": -"), "{file}");
    // Q2's newest source (2025) is after the as-of date: no age; Q1's (2019) has one.
    assert!(file.contains("\"evidence_age_months\": null"), "{file}");
    assert!(file.contains("\"evidence_age_months\": 7"), "{file}");
}
