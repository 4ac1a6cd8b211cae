//! The decision file (docs/files.md): the export opens again exactly, every
//! provider with its own record; version 1 evaluation files open with their
//! findings and notes on the provider they were made for; broken files give
//! located errors; fields left out and figures that disagree are said.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use csp_radar::model::decision::Candidate;
use csp_radar::model::export::Format;
use csp_radar::model::file;
use csp_radar::model::input::{self, Read};
use csp_radar::model::json::Pos;
use csp_radar::model::link::{LinkError, MAX_FRAGMENT};
use csp_radar::model::profile::{Date, IssueKind};
use csp_radar::model::{bundled, Basis, Decision, Finding, Preset, Profile, QuestionId, Status};
use proptest::prelude::*;

mod common;
use common::{decision_strategy, fictional, q};

/// Evidence ages are computed as of this date when the decision sets none.
fn file_of(d: &Decision) -> String {
    Format::Json.render(d, &Date::parse("2026-11-24").unwrap())
}

fn decision() -> Decision {
    let mut d = Decision::of([fictional(), bundled::default_profile()], Preset::Clinical);
    d.weights.set(q(3), csp_radar::model::Weight::new(0).unwrap());
    d.set_finding("example-fictional", q(7), Some(Finding::new(Status::Adverse)));
    d.set_finding(
        "tencent-cloud",
        q(14),
        Some(Finding {
            status: Status::Documented,
            basis: Some(Basis::Provider),
            date: Date::parse("2026-12-07"),
            reference: "signed BAA".into(),
            url: None,
        }),
    );
    d.set_note("example-fictional", q(13), "Audit logs on request — \"§7\", <b>not bold</b>\nsecond line".into());
    d.set_confirm(q(2), true);
    d
}

#[test]
fn an_exported_decision_opens_again_exactly() {
    let d = decision();
    let text = file_of(&d);
    let opened = file::read(&text).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(opened.decision, d);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(opened.version, 2);
    // The bundled provider is recognised as bundled again (it travels by id).
    assert_eq!(opened.decision.to_link(), d.to_link());
    // And the one reader of any input says it is a decision file.
    assert!(matches!(input::read(&text, true), Read::Decision(Ok(_))));
}

#[test]
fn a_profile_is_not_a_decision_file() {
    let profile =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/profiles/example-fictional.json"))
            .unwrap();
    assert!(matches!(input::read(&profile, true), Read::Profile(Ok(_))));
}

#[test]
fn a_decision_file_whose_format_comes_late_is_still_one() {
    // Keys sorted (as `jq -S` writes them) put "format" and "version" after
    // thousands of characters of the providers; leading whitespace too.
    let text = file_of(&decision());
    let head = "{\n  \"format\": \"csp-radar-decision\",\n  \"version\": 2,";
    assert!(text.starts_with(head), "{}", &text[..80]);
    let body = text[head.len()..].trim_end().trim_end_matches('}');
    let late = format!("{}{{{body},\n  \"format\": \"csp-radar-decision\", \"version\": 2\n}}", " ".repeat(5000));
    assert!(late.find("csp-radar-decision").unwrap() > 4096);
    match input::read(&late, true) {
        Read::Decision(Ok(opened)) => assert_eq!(opened.decision, decision()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_version_written_as_text_is_named_as_text() {
    let text = file_of(&decision()).replacen(r#""version": 2"#, r#""version": "2""#, 1);
    let errors = file::read(&text).unwrap_err().errors;
    let message = errors[0].kind.to_string();
    assert!(
        message.contains("\"2\" (a text, where a number is expected)") && message.contains("reads version 2"),
        "{message}"
    );
}

/// Replaces `from` in a real decision file and expects one located error.
fn one_error(from: &str, to: &str) -> (String, Pos, IssueKind) {
    let text = file_of(&decision());
    assert!(text.contains(from), "{from:?} not in the file");
    let broken = text.replacen(from, to, 1);
    let errors = file::read(&broken).expect_err("should be refused").errors;
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    (e.pointer.clone(), e.pos, e.kind.clone())
}

#[test]
fn broken_files_give_located_errors() {
    let digits = decision().weights.digits();
    let (pointer, pos, kind) =
        one_error(&format!(r#""weights": "{digits}""#), &format!(r#""weights": "{}""#, &digits[1..]));
    assert_eq!((pointer.as_str(), kind), ("/weights", IssueKind::BadWeights));
    assert!(pos.line >= 1 && pos.column > 1, "{pos}");
    let (pointer, _, kind) = one_error(r#""preset": "clinical""#, r#""preset": "forensic""#);
    assert_eq!((pointer.as_str(), kind), ("/preset", IssueKind::BadPreset("forensic".into())));
    let (pointer, _, kind) = one_error(r#""findings": {"#, r#""findings": {"19": "partial", "#);
    assert_eq!((pointer.as_str(), kind), ("/providers/0/findings/19", IssueKind::QuestionOutOfRange("19".into())));
    // The finding's status: the first "adverse" after "findings".
    let text = file_of(&decision());
    let at = text.find("\"findings\"").unwrap();
    let from = at + text[at..].find("\"status\": \"adverse\"").unwrap();
    let broken = format!("{}\"status\": \"fine\"{}", &text[..from], &text[from + "\"status\": \"adverse\"".len()..]);
    let errors = file::read(&broken).unwrap_err().errors;
    assert_eq!(
        (errors[0].pointer.as_str(), &errors[0].kind),
        ("/providers/0/findings/7/status", &IssueKind::BadStatus("fine".into()))
    );
    // A note key that is not a plain question number is refused, not merged.
    for key in ["+13", "013"] {
        let (pointer, _, kind) = one_error(r#""13": "Audit"#, &format!(r#""{key}": "Audit"#));
        assert_eq!((pointer, kind), (format!("/providers/0/notes/{key}"), IssueKind::QuestionOutOfRange(key.into())));
    }
    let long = "n".repeat(2001);
    let (pointer, _, kind) = one_error(r#""notes": {"#, &format!(r#""notes": {{"4": "{long}", "#));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/providers/0/notes/4", IssueKind::BadLength { field: "note", min: 0, max: 2000, found: 2001 })
    );
    // The embedded profile is checked like a profile file, its pointers under it.
    let (pointer, _, kind) = one_error(r#""id": "example-fictional""#, r#""id": "Example Fictional""#);
    assert_eq!((pointer.as_str(), kind), ("/providers/0/profile/provider/id", IssueKind::BadProviderId));
    let (pointer, _, kind) = one_error(r#""version": 2"#, r#""version": 3"#);
    assert_eq!((pointer.as_str(), kind), ("/version", IssueKind::UnsupportedVersion { found: "3".into(), reads: "2" }));
    // A provider cannot be in the decision twice (compared with itself).
    let (pointer, _, kind) = one_error(r#""id": "example-fictional""#, r#""id": "tencent-cloud""#);
    assert_eq!((pointer.as_str(), kind), ("/providers/1", IssueKind::SameProviderTwice("tencent-cloud".into())));
}

#[test]
fn fields_left_out_are_named_with_their_defaults() {
    let text = r#"{"format": "csp-radar-decision", "version": 2, "providers": [{"profile": PROFILE}]}"#
        .replace("PROFILE", &fictional().to_json().to_compact());
    let opened = file::read(&text).unwrap();
    let said: Vec<String> = opened.warnings.iter().map(|w| w.kind.to_string()).collect();
    for field in ["preset", "weights", "stale_after", "confirm_in_writing"] {
        assert!(said.iter().any(|w| w.contains(&format!("\"{field}\" is not in the file"))), "{field}: {said:?}");
    }
}

#[test]
fn stored_figures_that_disagree_are_reported() {
    let text = file_of(&decision());
    let overall = decision().evaluation(decision().candidate("example-fictional").unwrap()).figures().overall.unwrap();
    let edited = text.replacen(&format!(r#""overall": {overall}"#), r#""overall": 12.3"#, 1);
    assert_ne!(edited, text);
    let opened = file::read(&edited).unwrap();
    assert!(
        opened
            .warnings
            .iter()
            .any(|w| matches!(&w.kind, IssueKind::StoredFigureDiffers { what: "overall", stored, computed }
            if stored == "12.3" && *computed == overall.to_string())),
        "{:?}",
        opened.warnings
    );
}

#[test]
fn a_large_decision_reopens_from_its_file() {
    // Incompressible notes in every question of four providers: far past
    // what a link holds, and past the 5 MiB an evaluation file could be.
    let mut d = Decision::of(bundled::all(), Preset::Balanced);
    let mut seed = 7u32;
    let ids: Vec<String> = d.providers().map(|c| c.id().to_owned()).collect();
    for id in &ids {
        for qid in QuestionId::all() {
            let note: String = (0..2000)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    char::from_u32(0x4e00 + (seed >> 8) % 20000).unwrap_or('x')
                })
                .collect();
            assert!(d.set_note(id, qid, note));
        }
    }
    let text = d.to_link();
    assert!(!Decision::fits_a_link(&text) && text.len() > MAX_FRAGMENT, "{}", text.len());
    assert_eq!(Decision::from_fragment(&text), Err(LinkError::TooLong(text.len())));
    assert_eq!(Decision::from_saved(&text).unwrap(), d);
    assert_eq!(file::read(&file_of(&d)).unwrap().decision, d);
}

/// A version 1 evaluation file, as the earlier export wrote it (the
/// fields that matter for reopening).
fn v1_file(profile: &Profile, compare: &[Rc<Profile>], overrides: &str, notes: &str) -> String {
    format!(
        r#"{{"format": "csp-radar-evaluation", "version": 1, "preset": "research", "weights": "{}", "as_of": null, "stale_after": 36, "overall": null, "overrides": {overrides}, "notes": {notes}, "profile": {}, "compare": [{}]}}"#,
        Preset::Research.weights().digits(),
        profile.to_json().to_compact(),
        compare.iter().map(|p| p.to_json().to_compact()).collect::<Vec<_>>().join(",")
    )
}

#[test]
fn a_v1_evaluation_file_opens_with_its_record_on_its_provider() {
    let text = v1_file(&fictional(), &[bundled::default_profile()], r#"{"3": "documented"}"#, r#"{"14": "BAA asked"}"#);
    let opened = file::read(&text).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(opened.version, 1);
    let d = &opened.decision;
    let ids: Vec<&str> = d.providers().map(Candidate::id).collect();
    assert_eq!(ids, ["example-fictional", "tencent-cloud"]);
    assert_eq!(d.focus.as_deref(), Some("example-fictional"));
    let main = d.candidate("example-fictional").unwrap();
    assert_eq!(main.record.finding(q(3)), Some(&Finding::new(Status::Documented)));
    assert_eq!(main.record.note(q(14)), "BAA asked");
    assert!(d.candidate("tencent-cloud").unwrap().record.is_empty());
    assert_eq!(d.preset, Preset::Research);
    // A compared provider cannot be the evaluated one, and note keys are canonical.
    let same = v1_file(&fictional(), &[fictional()], "{}", "{}");
    let errors = file::read(&same).unwrap_err().errors;
    assert_eq!(errors[0].kind, IssueKind::SameProviderTwice("example-fictional".into()));
    let plus = v1_file(&fictional(), &[], "{}", r#"{"+4": "x"}"#);
    let errors = file::read(&plus).unwrap_err().errors;
    assert_eq!(
        (errors[0].pointer.as_str(), &errors[0].kind),
        ("/notes/+4", &IssueKind::QuestionOutOfRange("+4".into()))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]
    #[test]
    fn every_decision_round_trips_through_its_file(d in decision_strategy()) {
        let text = file_of(&d);
        let opened = file::read(&text).map_err(|r| TestCaseError::fail(format!("{r}")))?;
        prop_assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
        prop_assert_eq!(&opened.decision, &d);
        prop_assert_eq!(file_of(&opened.decision), text);
    }

    #[test]
    fn arbitrary_files_never_panic(s in "\\{\"format\":\"csp-radar-(evaluation|decision)\",\"version\":[12](,\"[a-z_]{1,9}\":(\\{\\}|\\[\\]|\"[a-z0-9]{0,20}\"|[0-9]{1,3})){0,5}\\}") {
        let _ = file::read(&s);
    }
}

#[test]
fn a_custom_provider_that_answers_nothing_round_trips() {
    let d = Decision::of([bundled::default_profile(), Rc::new(Profile::empty("acme"))], Preset::Balanced);
    assert_eq!(file::read(&file_of(&d)).unwrap().decision, d);
}

/// A valid profile close to the 1 MiB a profile may be, its citation titles
/// made of `fill` (the characters JSON has to escape, or `<`, which an
/// earlier writer escaped to six bytes), under its own id.
fn large_profile(id: &str, fill: char) -> Rc<Profile> {
    let title: String = std::iter::repeat_n(fill, 300).collect();
    let citation = |n: usize| {
        csp_radar::model::json::Node::object([
            ("title", csp_radar::model::json::Node::str(&title)),
            ("url", csp_radar::model::json::Node::str(format!("https://example.com/{id}/{n}"))),
        ])
        .to_compact()
    };
    let answers: Vec<String> = (1..=18)
        .map(|n| {
            let citations: Vec<String> = (0..50).map(citation).collect();
            format!(
                r#"{{"question":{n},"status":"partial","summary":"Said in part.","ask":"Say more?","citations":[{}]}}"#,
                citations.join(",")
            )
        })
        .collect();
    let text = format!(
        r#"{{"format":"csp-risk-profile","version":1,"provider":{{"id":"{id}","name":"Large {id}"}},"answers":[{}]}}"#,
        answers.join(",")
    );
    assert!(text.len() > 300 * 1024 && text.len() <= csp_radar::model::profile::MAX_BYTES, "{} bytes", text.len());
    Rc::new(Profile::parse(&text).unwrap().profile)
}

#[test]
fn large_profiles_full_of_characters_json_escapes_open_again_from_every_copy_the_widget_writes() {
    // Four large custom profiles (the file of record once measured 5.5 MB
    // and was refused), each made of a character that grows when written.
    let profiles = [('<', "lt"), ('"', "quote"), ('\\', "backslash"), ('\n', "newline")]
        .map(|(c, id)| large_profile(&format!("large-{id}"), c));
    let mut decision = Decision::of(profiles.iter().cloned(), Preset::Clinical);
    let id = profiles[0].provider.id.clone();
    decision.set_note(&id, q(14), "Signed BAA received.".into());
    // The saved copy (browser storage and History).
    let saved = decision.to_link();
    assert_eq!(Decision::from_saved(&saved).unwrap(), decision);
    // The decision file, read as the widget and the CLI read any text.
    let text = file_of(&decision);
    assert!(text.len() <= file::MAX_BYTES, "{} bytes", text.len());
    match input::read(&text, true) {
        Read::Decision(Ok(opened)) => assert_eq!(opened.decision, decision),
        other => panic!("{:?}", std::mem::discriminant(&other)),
    }
}
