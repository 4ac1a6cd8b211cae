//! The share link codec (docs/files.md, "The share link"): canonical
//! printing, round trips of whole decisions, the length bound, one test per
//! error kind, and version 1 links opening with every finding and note on
//! the provider they were made for.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use csp_radar::model::decision::Candidate;
use csp_radar::model::link::{LinkError, MAX_FRAGMENT, MAX_INFLATED};
use csp_radar::model::profile::Date;
use csp_radar::model::{bundled, Basis, Decision, Finding, Preset, QuestionId, Status, Weight};
use proptest::prelude::*;

mod common;
use common::{base64url, decision_strategy, fictional, packed, q, v1_strategy};

fn parse(s: &str) -> Result<Decision, LinkError> {
    Decision::from_fragment(s)
}

#[test]
fn the_default_decision_is_just_the_prefix() {
    assert_eq!(Decision::default().to_link(), "CSPR:2");
    assert_eq!(parse("CSPR:2").unwrap(), Decision::default());
    let d = Decision::default();
    let ids: Vec<&str> = d.providers().map(Candidate::id).collect();
    assert_eq!(ids, ["tencent-cloud", "aws", "microsoft-azure", "google-cloud"]);
}

#[test]
fn a_bundled_provider_with_preset_weights_and_five_findings_fits_in_160_characters() {
    let mut d = Decision::of([bundled::default_profile()], Preset::Clinical);
    for id in QuestionId::all() {
        let w = d.weights.get(id).value();
        d.weights.set(id, Weight::new(u64::from((w + 1) % 6)).unwrap());
    }
    for (n, s) in [
        (3, Status::Documented),
        (7, Status::Partial),
        (10, Status::Adverse),
        (14, Status::Documented),
        (18, Status::Partial),
    ] {
        d.set_finding("tencent-cloud", q(n), Some(Finding::new(s)));
    }
    let link = d.to_link();
    assert_eq!(link, "CSPR:2/p:tencent-cloud/s:clinical/w:445500055555505554/o:0.3d,0.7p,0.10a,0.14d,0.18p");
    assert!(link.len() <= 160, "{} characters", link.len());
    assert_eq!(parse(&link).unwrap(), d);
}

#[test]
fn parsing_ignores_segment_order_and_printing_is_canonical() {
    let a = parse("CSPR:2/o:0.3d,1.7a/w:123451234512345123/p:aws,google-cloud/s:research").unwrap();
    let b = parse("CSPR:2/s:research/p:aws,google-cloud/w:123451234512345123/o:1.7a,0.3d").unwrap();
    assert_eq!(a, b);
    assert_eq!(a.to_link(), "CSPR:2/p:aws,google-cloud/s:research/w:123451234512345123/o:0.3d,1.7a");
    // Weights equal to the preset are a default and left out.
    let c = parse(&format!("CSPR:2/s:research/w:{}", Preset::Research.weights().digits())).unwrap();
    assert_eq!(c.to_link(), "CSPR:2/s:research");
    assert_eq!(parse("#CSPR:2/s:research").unwrap(), c);
}

#[test]
fn each_provider_carries_its_own_record() {
    let mut d = Decision::of([bundled::get("aws").unwrap(), fictional()], Preset::Clinical);
    let baa = Finding {
        status: Status::Documented,
        basis: Some(Basis::Provider),
        date: Date::parse("2026-12-07"),
        reference: "signed BAA, ref. 2026-114".into(),
        url: None,
    };
    d.set_finding("aws", q(14), Some(baa.clone()));
    assert!(d.set_note("aws", q(14), "Countersigned by legal <b>not html</b> / ~ , : #".into()));
    assert!(d.set_note("example-fictional", q(17), "Export as CSV + Parquet".into()));
    d.set_focus(Some("example-fictional"));
    let text = d.to_link();
    assert!(text.starts_with("CSPR:2/p:aws,~"), "{text}");
    assert!(text.contains("/f:example-fictional/s:clinical/r:"), "{text}");
    let back = parse(&text).unwrap();
    assert_eq!(back, d);
    assert_eq!(back.to_link(), text);
    let aws = back.candidate("aws").unwrap();
    assert_eq!(aws.record.finding(q(14)), Some(&baa));
    assert_eq!(back.candidate("example-fictional").unwrap().record.finding(q(14)), None);
}

#[test]
fn a_set_aside_provider_keeps_its_record_in_the_link() {
    let mut d = Decision::of([bundled::get("aws").unwrap(), bundled::get("google-cloud").unwrap()], Preset::Balanced);
    assert!(d.set_note("aws", q(3), "Asked for the RCA".into()));
    d.set_aside("aws");
    let text = d.to_link();
    assert!(text.starts_with("CSPR:2/p:-aws,google-cloud/r:"), "{text}");
    let back = parse(&text).unwrap();
    assert!(back.candidate("aws").unwrap().set_aside);
    assert_eq!(back.candidate("aws").unwrap().record.note(q(3)), "Asked for the RCA");
    assert_eq!(back.provider_count(), 1);
}

#[test]
fn error_bad_prefix_for_other_fragments() {
    for other in ["", "Provider_research", "cspr:1", "CSPR", "CSPR1/x", "#top"] {
        assert_eq!(Decision::from_fragment(other), Err(LinkError::BadPrefix), "{other}");
    }
}

#[test]
fn error_unsupported_version() {
    assert_eq!(parse("CSPR:3/s:clinical"), Err(LinkError::UnsupportedVersion("3".into())));
    assert_eq!(parse("CSPR:x"), Err(LinkError::UnsupportedVersion("x".into())));
    let e = parse("CSPR:3").unwrap_err().to_string();
    assert!(e.contains("version 3") && e.contains("opens versions 1 and 2"), "{e}");
}

#[test]
fn error_unknown_key() {
    assert_eq!(parse("CSPR:1/z:1"), Err(LinkError::UnknownKey("z".into())));
    assert_eq!(parse("CSPR:1/pp:x"), Err(LinkError::UnknownKey("pp".into())));
    assert_eq!(parse("CSPR:1/novalue"), Err(LinkError::UnknownKey("novalue".into())));
}

#[test]
fn error_bad_value() {
    for (link, key) in [
        ("CSPR:2/s:lab", 's'),
        ("CSPR:2/p:nobody", 'p'),
        ("CSPR:2/p:aws,aws", 'p'),
        ("CSPR:2/p:aws,-aws", 'p'),
        ("CSPR:2/p:", 'p'),
        ("CSPR:2/p:-aws", 'p'),
        ("CSPR:2/p:aws/f:google-cloud", 'f'),
        ("CSPR:2/k:3", 'k'),
        ("CSPR:2/k:+19", 'k'),
        ("CSPR:2/k:+04", 'k'),
        ("CSPR:2/k:+3,-3", 'k'),
        ("CSPR:2/o:4.3d", 'o'),
        ("CSPR:2/o:0.3d,0.3a", 'o'),
        ("CSPR:2/o:00.3d", 'o'),
        ("CSPR:2/o:0.+3d", 'o'),
        ("CSPR:2/o:0.03d", 'o'),
        ("CSPR:2/o:3d", 'o'),
        ("CSPR:1/s:lab", 's'),
        ("CSPR:1/w:12345", 'w'),
        ("CSPR:1/w:999999999999999999", 'w'),
        ("CSPR:1/o:3z", 'o'),
        ("CSPR:1/o:19a", 'o'),
        ("CSPR:1/o:3a,3d", 'o'),
        // Found by the fuzzer: a multi-byte last character once split a char.
        ("CSPR:1/o:3\u{315}", 'o'),
        ("CSPR:1/o:é", 'o'),
        ("CSPR:1/p:nobody", 'p'),
        ("CSPR:1/c:nobody", 'c'),
        ("CSPR:1/c:tencent-cloud,tencent-cloud", 'c'),
        ("CSPR:1/o:+3a", 'o'),
        ("CSPR:1/o:03a", 'o'),
    ] {
        assert!(
            matches!(parse(link), Err(LinkError::BadValue { key: k, .. }) if k == key),
            "{link}: {:?}",
            parse(link)
        );
    }
}

#[test]
fn error_duplicate_key() {
    assert_eq!(parse("CSPR:1/s:clinical/s:research"), Err(LinkError::DuplicateKey("s".into())));
}

#[test]
fn error_too_long() {
    let long = format!("CSPR:1/n:{}", "A".repeat(MAX_FRAGMENT));
    assert_eq!(parse(&long), Err(LinkError::TooLong(long.len())));
}

#[test]
fn error_bad_compression() {
    assert!(matches!(parse("CSPR:1/n:!!!"), Err(LinkError::BadCompression { key: 'n', .. })));
    assert!(matches!(parse("CSPR:1/x:AAAAAAAA"), Err(LinkError::BadCompression { key: 'x', .. })));
}

#[test]
fn a_decompression_bomb_is_refused() {
    // 30 MiB of zeros deflates to ~30 KB: under the 64 KiB fragment limit,
    // far over the inflate limit (about 2 MiB: a largest profile written
    // back with its escapes).
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'0'; 30 * 1024 * 1024], 10);
    let packed = base64url(&bomb);
    let link = format!("CSPR:1/n:{packed}");
    assert!(link.len() < MAX_FRAGMENT, "{}", link.len());
    match parse(&link) {
        Err(LinkError::BadCompression { reason, .. }) => {
            assert!(reason.contains(&format!("more than {} KiB", MAX_INFLATED / 1024)), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_carried_profile_is_validated_like_a_file() {
    let broken = miniz_oxide::deflate::compress_to_vec(br#"{"format": "csp-risk-profile", "version": 1}"#, 9);
    let err = parse(&format!("CSPR:1/x:{}", base64url(&broken))).unwrap_err();
    assert!(
        matches!(&err, LinkError::BadValue { key: 'x', reason } if reason.contains("missing required field")),
        "{err:?}"
    );
}

#[test]
fn a_record_for_no_provider_or_with_a_bad_key_is_refused() {
    let r = |json: &str| format!("CSPR:2/p:aws/r:{}", packed(json));
    assert!(matches!(parse(&r(r#"{"1":{"notes":{"3":"x"}}}"#)), Err(LinkError::BadValue { key: 'r', .. })));
    for key in ["+4", "04", "4.0", " 4", "19"] {
        let err = parse(&r(&format!(r#"{{"0":{{"notes":{{"{key}":"x"}}}}}}"#))).unwrap_err();
        assert!(
            matches!(&err, LinkError::BadValue { key: 'r', reason } if reason.contains("question")),
            "{key}: {err:?}"
        );
    }
    let err = parse(&r(r#"{"0":{"findings":{"3":{"status":"documented","basis":"rumour"}}}}"#)).unwrap_err();
    assert!(matches!(&err, LinkError::BadValue { key: 'r', reason } if reason.contains("basis")), "{err:?}");
    let ok = parse(&r(
        r#"{"0":{"findings":{"3":{"status":"documented","basis":"lab","date":"2026-01-02","reference":"pen test"}}}}"#,
    ))
    .unwrap();
    assert_eq!(ok.candidate("aws").unwrap().record.finding(q(3)).map(|f| f.basis), Some(Some(Basis::Lab)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn every_decision_round_trips_through_its_link(d in decision_strategy()) {
        let text = d.to_link();
        let back = Decision::from_saved(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(&back, &d);
        prop_assert_eq!(back.to_link(), text);
    }

    #[test]
    fn every_v1_link_opens_with_its_findings_and_notes_on_its_provider(v1 in v1_strategy()) {
        let text = v1.link();
        let d = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        let main = d.candidate(&v1.profile.provider.id).expect("the evaluated provider is in the decision");
        prop_assert_eq!(d.focus.as_deref(), Some(main.id()));
        prop_assert!(Rc::ptr_eq(&main.profile, &v1.profile) || *main.profile == *v1.profile);
        for qid in QuestionId::all() {
            let want = v1.overrides.iter().find(|(x, _)| *x == qid).map(|(_, s)| *s);
            prop_assert_eq!(main.record.finding(qid).map(|f| f.status), want);
            let note = v1.notes.iter().find(|(x, _)| *x == qid).map_or("", |(_, n)| n.as_str());
            prop_assert_eq!(main.record.note(qid), note);
        }
        // Compared providers join with empty records: nothing moved to them.
        for c in &v1.compare {
            let joined = d.candidate(&c.provider.id).expect("a compared provider joins");
            prop_assert!(joined.record.is_empty());
        }
        prop_assert_eq!(d.preset, v1.preset);
        // Printed again, it is a version 2 link that opens to the same decision.
        prop_assert_eq!(Decision::from_saved(&d.to_link()).unwrap(), d);
    }

    #[test]
    fn arbitrary_text_never_panics(s in "CSPR:[12](/[a-z~]{1,2}:[A-Za-z0-9_,.+~-]{0,30}){0,6}") {
        let _ = parse(&s);
    }
}

/// The evidence-age segments are optional, so links made before them open
/// unchanged; with them, they round-trip in any order.
#[test]
fn evidence_age_segments_are_optional() {
    use csp_radar::model::age::{EvidenceAge, StaleAfter};
    let old = parse("CSPR:1/s:clinical/w:445500055555505554/o:3d,7p,10a,14d,18p").unwrap();
    assert_eq!(old.age, EvidenceAge::default());
    let with = "CSPR:2/s:clinical/a:2026-01-31/t:12";
    let d = parse(with).unwrap();
    assert_eq!(
        (d.age.as_of.as_ref().map(|d| d.as_str()), d.age.stale_after),
        (Some("2026-01-31"), StaleAfter::Months12)
    );
    assert_eq!(d.to_link(), with);
    assert_eq!(parse("CSPR:2/t:12/a:2026-01-31/s:clinical").unwrap().to_link(), with);
    assert!(matches!(parse("CSPR:2/t:13"), Err(LinkError::BadValue { key: 't', .. })));
    assert!(matches!(parse("CSPR:2/a:2026-02-30"), Err(LinkError::BadValue { key: 'a', .. })));
    // The default threshold is left out.
    assert_eq!(parse("CSPR:2/t:36").unwrap().to_link(), "CSPR:2");
}

#[test]
fn a_v1_link_with_a_custom_profile_and_notes_opens_as_its_provider() {
    let v1 = common::V1 {
        profile: fictional(),
        compare: vec![bundled::default_profile()],
        preset: Preset::Manufacturing,
        weights: None,
        overrides: vec![(q(3), Status::Documented)],
        notes: vec![(q(17), "Export as CSV + Parquet".into())],
    };
    let d = parse(&v1.link()).unwrap();
    let ids: Vec<&str> = d.providers().map(Candidate::id).collect();
    assert_eq!(ids, ["example-fictional", "tencent-cloud"]);
    assert_eq!(d.focus.as_deref(), Some("example-fictional"));
    let main = d.candidate("example-fictional").unwrap();
    assert_eq!(main.record.finding(q(3)), Some(&Finding::new(Status::Documented)));
    assert_eq!(main.record.note(q(17)), "Export as CSV + Parquet");
    assert!(d.candidate("tencent-cloud").unwrap().record.is_empty());
}
