//! Reassessment (docs/files.md): what changed between an earlier evaluation and a
//! later one, in the model and through `csp-radar diff` on evaluation files.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;
use std::rc::Rc;

use csp_radar::model::diff::Diff;
use csp_radar::model::export::Format;
use csp_radar::model::profile::Date;
use csp_radar::model::{bundled, Evaluation, Preset, QuestionId, ShareLink, Status, Weight};

fn q(n: u64) -> QuestionId {
    QuestionId::new(n).unwrap()
}

fn before_and_after() -> (ShareLink, ShareLink) {
    let old = ShareLink { evaluation: Evaluation::new(bundled::default_profile(), Preset::Balanced), compare: vec![] };
    let mut e = old.evaluation.clone();
    e.overrides[q(3).index()] = Some(Status::Documented);
    e.weights.set(q(5), Weight::new(5).unwrap());
    e.notes[q(1).index()] = "Rep named two LIMS vendors.".into();
    let mut profile = (*e.profile).clone();
    if let Some(a) = profile.answers[q(2).index()].as_mut() {
        a.summary.push_str(" Updated after the 2026 review.");
    }
    e.profile = Rc::new(profile);
    (old, ShareLink { evaluation: e, compare: vec![] })
}

#[test]
fn what_changed_since_the_last_review() {
    let (old, new) = before_and_after();
    let d = Diff::between(&old, &new);
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
    assert!(text.contains("q3 status: adverse → documented (lab's finding)"), "{text}");
    assert!(Diff::between(&old, &old).is_empty());
}

#[test]
fn the_cli_diffs_two_evaluation_files() {
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
    assert!(json.contains("\"gaps_closed\": [\n    3\n  ]") || json.contains("\"gaps_closed\": [3]"), "{json}");
    let o = Command::new(env!("CARGO_BIN_EXE_csp-radar")).args(["diff"]).arg(&a).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "one file is a usage error");
    std::fs::remove_dir_all(&dir).ok();
}
