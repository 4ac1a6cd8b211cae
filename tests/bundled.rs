//! The bundled profiles (README.md, bundled providers): real providers, every
//! claim cited, in the pickers, the CLI and every bundle.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use csp_radar::model::{bundled, QuestionId, Status};

/// The bundled set: the four providers the README names.
const EXPECTED: &[&str] = &["tencent-cloud", "aws", "microsoft-azure", "google-cloud"];

#[test]
fn every_bundled_profile_is_there_and_parses() {
    let ids: Vec<String> = bundled::all().iter().map(|p| p.provider.id.clone()).collect();
    assert_eq!(bundled::SOURCES.len(), ids.len(), "every source parses");
    for id in EXPECTED {
        assert!(ids.iter().any(|i| i == id), "{id} is bundled ({ids:?})");
    }
}

#[test]
fn every_claim_is_cited_and_every_address_is_a_web_address() {
    for p in bundled::all() {
        for q in QuestionId::all() {
            let a = p.answer(q).unwrap_or_else(|| panic!("{}: q{} is answered", p.provider.id, q.number()));
            if a.status != Status::Undisclosed {
                assert!(
                    !a.citations.is_empty(),
                    "{}: q{} is {} and cites nothing",
                    p.provider.id,
                    q.number(),
                    a.status
                );
            }
            for c in &a.citations {
                let url = c.url.as_str();
                assert!(url.starts_with("https://") || url.starts_with("http://"), "{}: {url}", p.provider.id);
            }
            assert!(!a.summary.trim().is_empty(), "{}: q{} has a summary", p.provider.id, q.number());
        }
        let source = p.source.as_ref().unwrap_or_else(|| panic!("{} names its source", p.provider.id));
        assert!(source.retrieved.is_some(), "{}: the source is dated", p.provider.id);
        if p.provider.id != "tencent-cloud" {
            assert!(source.title.starts_with("csp-radar research: "), "{}: {}", p.provider.id, source.title);
        }
    }
}

#[test]
fn the_cli_validates_every_bundled_file() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/profiles");
    let files: Vec<String> = EXPECTED.iter().map(|id| format!("{dir}/{id}.json")).collect();
    let o = Command::new(env!("CARGO_BIN_EXE_csp-radar")).arg("validate").args(&files).output().unwrap();
    assert!(o.status.success(), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
}
