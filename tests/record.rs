//! The evaluation file (docs/files.md): the export opens again exactly,
//! broken files give located errors, and a saved copy is not held to the
//! link's 64 KiB.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use csp_radar::model::export::Format;
use csp_radar::model::json::Pos;
use csp_radar::model::link::{LinkError, MAX_FRAGMENT};
use csp_radar::model::profile::{Date, IssueKind};
use csp_radar::model::{bundled, record, Evaluation, Preset, Profile, QuestionId, ShareLink, Status};
use proptest::prelude::*;

mod common;
use common::{evaluation_strategy, fictional};

/// Evidence ages are computed as of this date when the evaluation sets none.
fn file_of(link: &ShareLink) -> String {
    Format::Json.render(link, &Date::parse("2026-11-24").unwrap())
}

#[test]
fn an_exported_evaluation_opens_again_exactly() {
    let mut e = Evaluation::new(fictional(), Preset::Clinical);
    e.weights.set(QuestionId::new(3).unwrap(), csp_radar::model::Weight::new(0).unwrap());
    e.overrides[6] = Some(Status::Adverse);
    e.notes[12] = "Audit logs on request — \"§7\", <b>not bold</b>\nsecond line".into();
    let link = ShareLink { evaluation: e, compare: vec![bundled::default_profile()] };
    let text = file_of(&link);
    assert!(record::looks_like(&text));
    let opened = record::read(&text).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(opened.link, link);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    // The bundled comparison is recognised as bundled again (it travels by id).
    assert_eq!(opened.link.to_string(), link.to_string());
}

#[test]
fn a_profile_is_not_an_evaluation_file() {
    let profile =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/profiles/example-fictional.json"))
            .unwrap();
    assert!(!record::looks_like(&profile));
}

/// Replaces `from` in a real evaluation file and expects one located error.
fn one_error(from: &str, to: &str) -> (String, Pos, IssueKind) {
    let link = ShareLink { evaluation: Evaluation::new(fictional(), Preset::Research), compare: vec![] };
    let text = file_of(&link);
    assert!(text.contains(from), "{from:?} not in the file");
    let broken = text.replacen(from, to, 1);
    let errors = record::read(&broken).expect_err("should be refused").errors;
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    (e.pointer.clone(), e.pos, e.kind.clone())
}

#[test]
fn broken_files_give_located_errors() {
    let digits = Preset::Research.weights().digits();
    let (pointer, pos, kind) =
        one_error(&format!(r#""weights": "{digits}""#), &format!(r#""weights": "{}""#, &digits[1..]));
    assert_eq!((pointer.as_str(), kind), ("/weights", IssueKind::BadWeights));
    assert!(pos.line >= 1 && pos.column > 1, "{pos}");
    let (pointer, _, kind) = one_error(r#""preset": "research""#, r#""preset": "forensic""#);
    assert_eq!((pointer.as_str(), kind), ("/preset", IssueKind::BadPreset("forensic".into())));
    let (pointer, _, kind) = one_error(r#""overrides": {}"#, r#""overrides": {"19": "partial"}"#);
    assert_eq!((pointer.as_str(), kind), ("/overrides/19", IssueKind::QuestionOutOfRange("19".into())));
    let (pointer, _, kind) = one_error(r#""overrides": {}"#, r#""overrides": {"3": "fine"}"#);
    assert_eq!((pointer.as_str(), kind), ("/overrides/3", IssueKind::BadStatus("fine".into())));
    let long = "n".repeat(2001);
    let (pointer, _, kind) = one_error(r#""notes": {}"#, &format!(r#""notes": {{"4": "{long}"}}"#));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/notes/4", IssueKind::BadLength { field: "note", min: 0, max: 2000, found: 2001 })
    );
    // The embedded profile is checked like a profile file, its pointers under /profile.
    let (pointer, _, kind) = one_error(r#""id": "example-fictional""#, r#""id": "Example Fictional""#);
    assert_eq!((pointer.as_str(), kind), ("/profile/provider/id", IssueKind::BadProviderId));
    let (pointer, _, kind) = one_error(r#""version": 1"#, r#""version": 2"#);
    assert_eq!((pointer.as_str(), kind), ("/version", IssueKind::UnsupportedVersion("2".into())));
}

#[test]
fn a_saved_copy_may_be_longer_than_a_link() {
    // Incompressible notes in every question make a link past 64 KiB.
    let mut e = Evaluation::new(fictional(), Preset::Balanced);
    let mut seed = 7u32;
    for q in QuestionId::all() {
        e.notes[q.index()] = (0..2000)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                char::from_u32(0x4e00 + (seed >> 8) % 20000).unwrap_or('x')
            })
            .collect();
    }
    let link = ShareLink { evaluation: e, compare: vec![] };
    let text = link.to_string();
    assert!(!ShareLink::fits_a_link(&text) && text.len() > MAX_FRAGMENT, "{}", text.len());
    assert_eq!(ShareLink::from_fragment(&text), Err(LinkError::TooLong(text.len())));
    assert_eq!(ShareLink::from_saved(&text).unwrap(), link);
    // The evaluation file carries it too.
    assert_eq!(record::read(&file_of(&link)).unwrap().link, link);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]
    #[test]
    fn every_evaluation_round_trips_through_its_file(link in evaluation_strategy()) {
        let text = file_of(&link);
        let opened = record::read(&text).map_err(|r| TestCaseError::fail(format!("{r}")))?;
        prop_assert_eq!(&opened.link, &link);
        prop_assert_eq!(file_of(&opened.link), text);
    }

    #[test]
    fn arbitrary_files_never_panic(s in "\\{\"format\":\"csp-radar-evaluation\",\"version\":1(,\"[a-z]{1,9}\":(\\{\\}|\\[\\]|\"[a-z0-9]{0,20}\"|[0-9]{1,3})){0,5}\\}") {
        let _ = record::read(&s);
    }
}

#[test]
fn a_custom_comparison_that_answers_nothing_round_trips() {
    let link = ShareLink {
        evaluation: Evaluation::new(bundled::default_profile(), Preset::Balanced),
        compare: vec![Rc::new(Profile::empty("acme"))],
    };
    assert_eq!(record::read(&file_of(&link)).unwrap().link, link);
}
