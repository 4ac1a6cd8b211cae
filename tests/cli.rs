//! The built `csp-radar` binary on good and bad files: output and exit codes.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_csp-radar")).args(args).current_dir(root()).output().unwrap()
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

const TENCENT: &str = "www/profiles/tencent-cloud.json";
const FICTIONAL: &str = "tests/fixtures/profiles/example-fictional.json";

fn temp(name: &str, content: &[u8]) -> String {
    let dir = root().join("target/cli-test");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn validate_good_files() {
    let o = run(&["validate", TENCENT, FICTIONAL]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("tencent-cloud.json: ok (tencent-cloud"), "{out}");
    assert!(out.contains("example-fictional.json: ok"), "{out}");
}

#[test]
fn validate_bad_file_prints_file_line_col_pointer_message() {
    let bad = temp(
        "bad-status.json",
        br#"{"format": "csp-risk-profile", "version": 1,
 "provider": {"id": "x", "name": "X"},
 "answers": [{"question": 3, "status": "great"}]}"#,
    );
    let o = run(&["validate", &bad, TENCENT]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.contains(&format!("{bad}:3:40: /answers/0/status: status \"great\" is not one of")), "{out}");
    assert!(out.contains("tencent-cloud.json: ok"), "the good file is still checked: {out}");
    assert!(err.contains("(warning)"), "missing answers warn: {err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn score_text_gives_the_golden_figures() {
    let o = run(&["score", TENCENT]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0));
    assert!(out.contains("overall   56.9 high"), "{out}");
    assert!(out.contains("coverage  16.7"), "{out}");
    assert!(out.contains("gaps      16"), "{out}");
}

#[test]
fn score_json_has_the_documented_shape() {
    let o = run(&["score", TENCENT, "--format", "json"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0));
    let compact: String = out.split_whitespace().collect();
    assert!(compact.starts_with(r#"{"provider":"tencent-cloud","preset":"balanced","overall":56.9,"band":"high","coverage":16.7,"domains":{"fit":50.0,"availability":83.3,"location":50.0,"access":50.0,"compliance":75.0,"security":41.7,"logging":62.5,"exit":41.7},"gaps":[{"question":3,"status":"adverse","weight":3,"points":5.6},"#), "{compact}");
    assert_eq!(compact.matches(r#""question":"#).count(), 16);
}

#[test]
fn score_with_preset_and_weights() {
    let o = run(&["score", TENCENT, "--preset", "clinical", "--format", "json"]);
    assert!(text(&o).0.contains("\"overall\": 57.2"), "{}", text(&o).0);
    // All weights 0: overall null, every domain null, no gaps.
    let zero: String = (1..=18).map(|q| format!("{q}=0")).collect::<Vec<_>>().join(",");
    let o = run(&["score", TENCENT, "--weights", &zero, "--format", "json"]);
    let compact: String = text(&o).0.split_whitespace().collect();
    assert!(
        compact.contains(r#""preset":"balanced","overall":null,"band":null,"coverage":null,"domains":{"fit":null"#),
        "{compact}"
    );
    assert!(compact.contains(r#""gaps":[]"#));
    // Only compliance weighted: q7 undisclosed (75) at 5, q14 out.
    let o = run(&["score", TENCENT, "--preset", "research", "--weights", "3=5,14=0"]);
    assert_eq!(o.status.code(), Some(0));
    // research Σw = 52, q3 3→5: Σw = 54, Σw·r = 2800 + 200 = 3000 → 55.6.
    assert!(text(&o).0.contains("overall   55.6 high"), "{}", text(&o).0);
}

#[test]
fn bad_arguments_are_one_line_errors_without_panics() {
    for args in [
        vec!["score", TENCENT, "--preset", "lab"],
        vec!["score", TENCENT, "--weights", "3=9"],
        vec!["score", TENCENT, "--weights", "19=1"],
        vec!["score", TENCENT, "--weights", "3"],
        vec!["score", TENCENT, "--format", "xml"],
        vec!["export", TENCENT, "--format", "pdf"],
        vec!["export", TENCENT],
        vec!["score"],
        vec!["frobnicate"],
        vec!["score", "does-not-exist.json"],
        vec!["score", TENCENT, "--preset"],
    ] {
        let o = run(&args);
        let (out, err) = text(&o);
        assert_ne!(o.status.code(), Some(0), "{args:?}");
        assert_eq!(err.lines().count().min(1), 1, "{args:?}: an error is printed");
        let first = err.lines().next().unwrap_or_default();
        assert!(first.starts_with("csp-radar: ") || first.starts_with("does-not-exist.json: "), "{args:?}: {err}");
        assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
    }
}

#[test]
fn bad_files_give_located_errors_and_exit_1() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("not-json.json", b"hello".to_vec(), ":1:1: (document): not valid JSON"),
        (
            "truncated.json",
            br#"{"format": "csp-risk-profile", "vers"#.to_vec(),
            ":1:37: (document): not valid JSON: unterminated string",
        ),
        ("too-big.json", vec![b' '; 1024 * 1024 + 1], "limited to 1048576 bytes"),
        ("not-utf8.json", vec![0xff, 0xfe, b'{'], "not UTF-8"),
        (
            "v2.json",
            br#"{"format": "csp-risk-profile", "version": 2}"#.to_vec(),
            ":1:43: /version: unsupported version 2",
        ),
        ("deep.json", "[".repeat(100_000).into_bytes(), "nested deeper than"),
    ];
    for (name, content, expect) in cases {
        let path = temp(name, &content);
        for cmd in ["validate", "score"] {
            let o = run(&[cmd, &path]);
            let (out, err) = text(&o);
            let all = format!("{out}{err}");
            assert!(o.status.code() == Some(1) || o.status.code() == Some(2), "{name} {cmd}: {:?}", o.status);
            assert!(all.contains(expect), "{name} {cmd}: {all}");
            assert!(!all.contains("panicked"), "{name}: {all}");
        }
    }
}

#[test]
fn export_formats() {
    let json = text(&run(&["export", TENCENT, "--format", "json"])).0;
    assert!(json.contains(r#""format": "csp-radar-decision""#) && json.contains(r#""overall": 56.9"#));
    assert_eq!(json.matches(r#""text": "#).count(), 18, "every question's text");
    let csv = text(&run(&["export", TENCENT, "--format", "csv"])).0;
    assert_eq!(csv.matches("\r\n").count(), 19, "header + 18 rows, CRLF");
    assert!(csv.starts_with("provider,question,domain,text,weight,status,profile_status,basis,finding,"));
    assert!(csv.lines().skip(1).all(|l| l.starts_with("Tencent Cloud,")), "{csv}");
    let md = text(&run(&["export", TENCENT, "--format", "md", "--preset", "clinical"])).0;
    assert!(md.contains("**Overall risk: 57.2** (high)"), "{md}");
    assert!(md.contains("CC BY-SA 4.0"));
    let wiki = text(&run(&["export", TENCENT, "--format", "wikitext"])).0;
    assert!(wiki.contains("{| class=\"wikitable\"") && wiki.contains("|}"));
    // Sixteen gaps: each a question to send, and each again in the evidence.
    let (asks, evidence) = wiki.split_once("== Evidence ==").unwrap();
    assert_eq!(asks.matches("\n# '''Q").count(), 16, "one question to send per gap");
    assert_eq!(evidence.matches("\n# '''Q").count(), 16, "one list item per gap in the evidence");
    assert!(wiki.contains("[https://www.yicaiglobal.com/"), "citations are external links");
}

#[test]
fn a_reader_that_goes_away_ends_the_program_quietly() {
    // `csp-radar ... | head`: the pipe's read end closes before (or while)
    // the CLI writes. Every command exits 0 with nothing on stderr.
    for args in [&["export", TENCENT, "--format", "json"][..], &["score", TENCENT], &["validate", TENCENT]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_csp-radar"))
            .args(args)
            .current_dir(root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn validate_warns_of_a_date_in_the_future() {
    let tencent = std::fs::read_to_string(root().join(TENCENT)).unwrap();
    let future = tencent.replacen(r#""date": "20"#, r#""date": "29"#, 1);
    assert_ne!(future, tencent);
    let path = temp("future-date.json", future.as_bytes());
    let o = run(&["validate", &path]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "a warning, not an error: {out}{err}");
    assert!(out.contains("ok (tencent-cloud, 1 warning(s))"), "{out}");
    let warning = err.lines().find(|l| l.contains("is after today")).unwrap_or_default();
    assert!(warning.starts_with(&format!("{path}:")) && warning.ends_with(" (warning)"), "{err}");
    assert!(warning.contains("/date: 29") && warning.contains("evidence cannot be dated in the future"), "{err}");
}
