//! Reassessment (docs/files.md): what changed between an earlier decision
//! and a later one, provider by provider, in the model and through
//! `csp-radar diff` on decision files.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;
use std::rc::Rc;

use csp_radar::model::diff::{DecisionDiff, Diff};
use csp_radar::model::export::Format;
use csp_radar::model::profile::Date;
use csp_radar::model::{bundled, Decision, Finding, Preset, QuestionId, Status, Weight};

fn q(n: u64) -> QuestionId {
    QuestionId::new(n).unwrap()
}

/// Tencent Cloud alone, then with a finding, a weight, a note and a changed
/// answer; Google Cloud joins the later decision.
fn before_and_after() -> (Decision, Decision) {
    let old = Decision::of([bundled::default_profile()], Preset::Balanced);
    let mut new = old.clone();
    new.set_finding("tencent-cloud", q(3), Some(Finding::new(Status::Documented)));
    new.set_weight(q(5), Weight::new(5).unwrap());
    new.set_note("tencent-cloud", q(1), "Rep named two LIMS vendors.".into());
    let mut profile = (*new.candidates[0].profile).clone();
    if let Some(a) = profile.answers[q(2).index()].as_mut() {
        a.summary.push_str(" Updated after the 2026 review.");
    }
    new.candidates[0].profile = Rc::new(profile);
    new.add(bundled::get("google-cloud").unwrap()).unwrap();
    (old, new)
}

#[test]
fn what_changed_since_the_last_review() {
    let (old, new) = before_and_after();
    let both = DecisionDiff::between(&old, &new);
    assert_eq!(both.added, vec!["Google Cloud".to_owned()]);
    assert!(both.removed.is_empty());
    assert_eq!(both.providers.len(), 1, "Tencent Cloud is in both");
    let d = &both.providers[0];
    // Overall 3075/54 = 56.9 before. After: q3 adverse (100) → documented (0)
    // and q5 partial weighs 5: (3075 − 300 + 2·50)/56 = 2875/56 = 51.3.
    assert_eq!(d.overall.words(), "56.9 → 51.3 (−5.6)");
    assert_eq!(d.gaps_closed, vec![q(3)]);
    assert!(d.gaps_opened.is_empty());
    assert_eq!(d.statuses.len(), 1);
    assert_eq!((d.statuses[0].before, d.statuses[0].after), ((Status::Adverse, false), (Status::Documented, true)));
    assert_eq!(d.weights, vec![(q(5), 3, 5)]);
    assert_eq!(d.notes, vec![(q(1), String::new(), "Rep named two LIMS vendors.".into())]);
    assert_eq!(d.answers, vec![q(2)]);
    let text = d.text("");
    assert!(text.contains("q3 status: adverse → documented (the lab's finding)"), "{text}");
    assert!(DecisionDiff::between(&old, &old).is_empty());
    let e = old.evaluation(&old.candidates[0]);
    assert!(Diff::between(&e, &e).is_empty());
}

#[test]
fn the_cli_diffs_two_decision_files() {
    let (old, new) = before_and_after();
    let dir = std::env::temp_dir().join(format!("csp-radar-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let today = Date::parse("2026-11-24").unwrap();
    let (a, b) = (dir.join("old.json"), dir.join("new.json"));
    std::fs::write(&a, Format::Json.render(&old, &today)).unwrap();
    std::fs::write(&b, Format::Json.render(&new, &today)).unwrap();
    let run = |format: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_csp-radar"))
            .args(["diff"])
            .arg(&a)
            .arg(&b)
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    assert!(run("text").contains("Gaps closed: q3"));
    assert!(run("md").starts_with("# What changed"));
    let json = run("json");
    let gaps_closed: String = json
        .split("\"gaps_closed\": [")
        .nth(1)
        .and_then(|r| r.split(']').next())
        .unwrap_or("")
        .split_whitespace()
        .collect();
    assert_eq!(gaps_closed, "3", "{json}");
    assert!(json.contains("\"added\": [\n    \"Google Cloud\"\n  ]"), "{json}");
    let o = Command::new(env!("CARGO_BIN_EXE_csp-radar")).args(["diff"]).arg(&a).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "one file is a usage error");
    std::fs::remove_dir_all(&dir).ok();
}
