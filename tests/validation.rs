//! One test per profile rule (docs/profile-format.md): each broken rule is an
//! error naming the JSON pointer and the line:column of the offending value.
#![cfg(not(target_arch = "wasm32"))]

use csp_radar::model::json::Pos;
use csp_radar::model::profile::{Issue, IssueKind, MAX_BYTES};
use csp_radar::model::Profile;

/// A valid profile, one member per line, so positions are easy to read.
const BASE: &str = r#"{
  "format": "csp-risk-profile",
  "version": 1,
  "provider": {"id": "acme-cloud", "name": "Acme Cloud", "website": "https://acme.example"},
  "source": {"title": "Public page", "url": "https://acme.example/about", "retrieved": "2024-02-29"},
  "answers": [
    {"question": 1, "status": "documented", "summary": "Named lab customers.", "citations": [{"title": "Customers", "url": "https://acme.example/c", "date": "2023-01-05"}]},
    {"question": 2, "status": "partial", "summary": "An API exists.", "ask": "Which LIMS connectors exist?"},
    {"question": 3, "status": "adverse", "summary": "An outage in 2022."},
    {"question": 4, "status": "undisclosed"},
    {"question": 5, "status": "partial"},
    {"question": 6, "status": "partial"},
    {"question": 7, "status": "partial"},
    {"question": 8, "status": "partial"},
    {"question": 9, "status": "partial"},
    {"question": 10, "status": "partial"},
    {"question": 11, "status": "partial"},
    {"question": 12, "status": "partial"},
    {"question": 13, "status": "partial"},
    {"question": 14, "status": "partial"},
    {"question": 15, "status": "partial"},
    {"question": 16, "status": "partial"},
    {"question": 17, "status": "partial"},
    {"question": 18, "status": "partial"}
  ],
  "notes": "Test profile."
}"#;

/// Line and column (1-based, in characters) of the `nth` occurrence of `needle`.
fn pos_of(text: &str, needle: &str, nth: usize) -> Pos {
    let (byte, _) = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle:?} not in text"));
    let before = &text[..byte];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() as u32 + 1;
    Pos { line, column }
}

fn errors(text: &str) -> Vec<Issue> {
    match Profile::parse(text) {
        Ok(c) => panic!("expected errors, got a profile with warnings {:?}", c.warnings),
        Err(r) => r.errors,
    }
}

/// Applies `from → to` to BASE and expects exactly one error, at `pointer`,
/// positioned where `at` first occurs in the edited text.
fn one_error(from: &str, to: &str, pointer: &str, at: &str) -> IssueKind {
    assert!(BASE.contains(from), "{from:?} not in BASE");
    let text = BASE.replacen(from, to, 1);
    let errs = errors(&text);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let e = &errs[0];
    assert_eq!(e.pointer, pointer, "{e}");
    assert_eq!(e.pos, pos_of(&text, at, 0), "{e}");
    e.kind.clone()
}

#[test]
fn the_base_profile_is_valid_and_silent() {
    let c = Profile::parse(BASE).unwrap();
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(c.profile.provider.id, "acme-cloud");
}

#[test]
fn a_file_over_1_mib_is_refused_before_parsing() {
    // Not even JSON: the size check comes first.
    let text = "x".repeat(MAX_BYTES + 1);
    let errs = errors(&text);
    assert_eq!(errs[0].kind, IssueKind::TooLarge { bytes: MAX_BYTES + 1, max: MAX_BYTES });
    assert_eq!((errs[0].pointer.as_str(), errs[0].pos), ("", Pos { line: 1, column: 1 }));
}

#[test]
fn syntax_errors_are_located() {
    let text = BASE.replacen(r#""status": "partial"}"#, r#""status": "partial",}"#, 1);
    let errs = errors(&text);
    assert!(matches!(errs[0].kind, IssueKind::Syntax(_)));
    assert_eq!(errs[0].pointer, "/answers/4");
    let at = pos_of(&text, ",}", 0);
    assert_eq!(errs[0].pos, Pos { line: at.line, column: at.column + 1 });
}

#[test]
fn truncated_json_is_a_located_error() {
    // Cut in the middle of a string: the error sits at the very end.
    let text = &BASE[..BASE.find("An outage").unwrap() + 3];
    let errs = errors(text);
    assert!(matches!(&errs[0].kind, IssueKind::Syntax(m) if m.contains("unterminated")), "{:?}", errs[0]);
    let end = pos_of(&format!("{text}$"), "$", 0);
    assert_eq!((errs[0].pointer.as_str(), errs[0].pos), ("/answers/2/summary", end));
}

#[test]
fn format_must_be_csp_risk_profile() {
    let k = one_error(r#""format": "csp-risk-profile""#, r#""format": "other""#, "/format", r#""other""#);
    assert_eq!(k, IssueKind::WrongFormat { expected: "csp-risk-profile" });
}

#[test]
fn another_version_is_unsupported() {
    let k = one_error(r#""version": 1"#, r#""version": 2"#, "/version", "2,");
    assert_eq!(k, IssueKind::UnsupportedVersion { found: "2".into(), reads: "1" });
    assert!(k.to_string().contains("unsupported version 2"));
}

#[test]
fn format_and_version_are_required() {
    let k = one_error("  \"version\": 1,\n", "", "", "{");
    assert_eq!(k, IssueKind::Missing { field: "version" });
}

#[test]
fn provider_id_must_match_the_pattern() {
    let too_long = "a".repeat(41);
    for bad in ["Acme", "-acme", "acme_cloud", "", too_long.as_str()] {
        let to = format!(r#""id": "{bad}""#);
        let k = one_error(r#""id": "acme-cloud""#, &to, "/provider/id", &format!(r#""{bad}""#));
        assert_eq!(k, IssueKind::BadProviderId, "{bad}");
    }
    // 40 characters is the longest allowed.
    assert!(Profile::parse(&BASE.replacen("acme-cloud", &"a".repeat(40), 1)).is_ok());
}

#[test]
fn provider_name_is_1_to_100_characters() {
    let k = one_error(r#""name": "Acme Cloud""#, r#""name": """#, "/provider/name", r#""""#);
    assert!(matches!(k, IssueKind::BadLength { field: "name", found: 0, .. }));
    let long = format!(r#""name": "{}""#, "é".repeat(101));
    let k = one_error(r#""name": "Acme Cloud""#, &long, "/provider/name", "\"é");
    assert!(matches!(k, IssueKind::BadLength { found: 101, .. }));
    assert!(Profile::parse(&BASE.replacen("Acme Cloud", &"é".repeat(100), 1)).is_ok());
}

#[test]
fn question_is_1_to_18() {
    for bad in ["0", "19", "\"3\"", "3.5", "-1", "18446744073709551617"] {
        let to = format!(r#"{{"question": {bad}, "status": "undisclosed"}}"#);
        let k = one_error(
            r#"{"question": 4, "status": "undisclosed"}"#,
            &to,
            "/answers/3/question",
            &format!("{bad}, \"status\": \"undisclosed\""),
        );
        assert!(matches!(k, IssueKind::QuestionOutOfRange(_)), "{bad}: {k:?}");
    }
}

#[test]
fn a_question_is_answered_at_most_once() {
    let text = BASE.replacen(r#"{"question": 5, "status""#, r#"{"question": 4, "status""#, 1);
    let errs = errors(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].pointer, "/answers/4/question");
    assert_eq!(errs[0].pos, pos_of(&text, r#"4, "status": "partial""#, 0));
    assert_eq!(errs[0].kind, IssueKind::DuplicateQuestion { question: 4, first: pos_of(&text, "4, \"status\"", 0) });
}

#[test]
fn status_is_one_of_the_four() {
    let k = one_error(r#""status": "adverse""#, r#""status": "bad""#, "/answers/2/status", r#""bad""#);
    assert_eq!(k, IssueKind::BadStatus("bad".into()));
    let k = one_error(r#""status": "adverse""#, r#""status": 3"#, "/answers/2/status", "3, \"summary\"");
    assert!(matches!(k, IssueKind::WrongType { expected: "a string", .. }));
}

#[test]
fn summary_is_at_most_2000_characters() {
    let long = format!(r#""summary": "{}""#, "x".repeat(2001));
    let k = one_error(r#""summary": "An outage in 2022.""#, &long, "/answers/2/summary", "\"xxx");
    assert!(matches!(k, IssueKind::BadLength { field: "summary", max: 2000, found: 2001, .. }));
    let ok = format!(r#""summary": "{}""#, "x".repeat(2000));
    assert!(Profile::parse(&BASE.replacen(r#""summary": "An outage in 2022.""#, &ok, 1)).is_ok());
}

#[test]
fn ask_is_at_most_500_characters() {
    let long = format!(r#""ask": "{}""#, "y".repeat(501));
    let k = one_error(r#""ask": "Which LIMS connectors exist?""#, &long, "/answers/1/ask", "\"yyy");
    assert!(matches!(k, IssueKind::BadLength { field: "ask", max: 500, found: 501, .. }));
}

#[test]
fn every_url_is_http_or_https() {
    for bad in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox",
        " https://acme.example/c",
        "https:acme.example",
        "ftp://acme.example",
        "https://",
        "https://acme.example/a b",
    ] {
        let to = format!(r#""url": "{bad}", "date""#);
        let k = one_error(
            r#""url": "https://acme.example/c", "date""#,
            &to,
            "/answers/0/citations/0/url",
            &format!("\"{bad}\""),
        );
        assert!(matches!(k, IssueKind::BadUrl(_)), "{bad}: {k:?}");
    }
    let k = one_error(
        r#""website": "https://acme.example""#,
        r#""website": "javascript:void(0)""#,
        "/provider/website",
        "\"javascript",
    );
    assert!(k.to_string().contains("not an http or https URL"));
    // Mixed-case schemes are still the web.
    assert!(Profile::parse(&BASE.replacen("https://acme.example/c", "HTTPS://acme.example/c", 1)).is_ok());
}

#[test]
fn dates_are_yyyy_mm_dd_and_real() {
    for bad in ["2023/01/05", "2023-1-5", "2023-02-29", "2023-13-01", "05-01-2023", "2023-01-05T00:00"] {
        let to = format!(r#""date": "{bad}""#);
        let k = one_error(r#""date": "2023-01-05""#, &to, "/answers/0/citations/0/date", &format!("\"{bad}\""));
        assert!(matches!(k, IssueKind::BadDate(_)), "{bad}");
    }
    let k =
        one_error(r#""retrieved": "2024-02-29""#, r#""retrieved": "2024-02-30""#, "/source/retrieved", "\"2024-02-30");
    assert!(matches!(k, IssueKind::BadDate(_)));
}

#[test]
fn required_members_and_types_are_checked() {
    let k = one_error(r#""answers": ["#, r#""answers": "none", "rest": ["#, "/answers", "\"none\"");
    assert!(matches!(k, IssueKind::WrongType { expected: "an array", found: "a string" }), "{k:?}");
    let k = one_error(
        r#"{"question": 10, "status": "partial"}"#,
        r#"{"question": 10}"#,
        "/answers/9",
        r#"{"question": 10}"#,
    );
    assert_eq!(k, IssueKind::Missing { field: "status" });
    let k = one_error(
        r#""citations": [{"title": "Customers", "url": "https://acme.example/c", "date": "2023-01-05"}]"#,
        r#""citations": "Customers""#,
        "/answers/0/citations",
        r#""Customers""#,
    );
    assert!(matches!(k, IssueKind::WrongType { expected: "an array", .. }));
    let errs = errors("[1, 2]");
    assert_eq!((errs[0].pointer.as_str(), errs[0].pos), ("", Pos { line: 1, column: 1 }));
}

#[test]
fn invisible_controls_are_refused_everywhere() {
    let k = one_error("Named lab customers.", "Named\\u0007 lab", "/answers/0/summary", "\"Named\\u0007");
    assert_eq!(k, IssueKind::ForbiddenCharacter { field: "summary", code: 7 });
    let k = one_error("Acme Cloud", "Acme\\u0085Cloud", "/provider/name", "\"Acme\\u0085");
    assert_eq!(k, IssueKind::ForbiddenCharacter { field: "name", code: 0x85 });
}

/// Right-to-left prose with its directional marks loads
/// (it is isolated when shown); ids and addresses refuse them.
#[test]
fn right_to_left_text_is_welcome_but_not_in_addresses() {
    let arabic = BASE
        .replacen("Acme Cloud", "\u{200F}سحابة أكمي\u{200F}", 1)
        .replacen("Named lab customers.", "\u{202B}عملاء مختبرات معروفون\u{202C} (2023)", 1)
        .replacen("Which LIMS connectors exist?", "\u{2067}אילו מחברי LIMS קיימים?\u{2069}", 1)
        .replacen("Test profile.", "\u{202E}override left open", 1);
    let c = Profile::parse(&arabic).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(c.profile.provider.name, "\u{200F}سحابة أكمي\u{200F}");
    for mark in ["\u{200E}", "\u{200F}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}"] {
        let k = one_error(
            "https://acme.example/c",
            &format!("https://acme.example/{mark}c"),
            "/answers/0/citations/0/url",
            &format!("\"https://acme.example/{mark}"),
        );
        assert_eq!(k, IssueKind::ForbiddenCharacter { field: "url", code: u32::from(mark.chars().next().unwrap()) });
    }
    let k = one_error(
        "https://acme.example\"",
        "https://acme.example\u{200F}\"",
        "/provider/website",
        "\"https://acme.example\u{200F}",
    );
    assert_eq!(k, IssueKind::ForbiddenCharacter { field: "website", code: 0x200F });
    let k = one_error("\"acme-cloud\"", "\"acme\u{200E}-cloud\"", "/provider/id", "\"acme\u{200E}");
    assert_eq!(k, IssueKind::BadProviderId);
}

#[test]
fn unknown_fields_are_located_warnings() {
    let text = BASE.replacen(r#""notes": "Test profile.""#, r#""notes": "Test profile.", "colour": "red""#, 1);
    let c = Profile::parse(&text).unwrap();
    assert_eq!(c.warnings.len(), 1);
    assert_eq!(c.warnings[0].pointer, "/colour");
    assert_eq!(c.warnings[0].pos, pos_of(&text, "\"colour\"", 0));
    assert_eq!(c.warnings[0].kind, IssueKind::UnknownField("colour".into()));
}

#[test]
fn missing_answers_are_warnings_and_count_as_undisclosed() {
    let text = BASE.replacen("    {\"question\": 18, \"status\": \"partial\"}\n", "", 1).replacen(
        "\"partial\"},\n  ]",
        "\"partial\"}\n  ]",
        1,
    );
    let c = Profile::parse(&text).unwrap();
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    assert_eq!(c.warnings[0].kind, IssueKind::MissingAnswers(vec![18]));
    assert_eq!(c.warnings[0].pointer, "/answers");
    assert_eq!(c.warnings[0].pos, pos_of(&text, "[\n", 0));
    assert_eq!(c.profile.status(csp_radar::model::QuestionId::new(18).unwrap()), csp_radar::model::Status::Undisclosed);
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let text = BASE.replacen(r#""status": "adverse""#, r#""status": "bad""#, 1).replacen("Acme Cloud", "", 1).replacen(
        "https://acme.example/c",
        "javascript:x",
        1,
    );
    let errs = errors(&text);
    let pointers: Vec<&str> = errs.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(pointers, ["/provider/name", "/answers/0/citations/0/url", "/answers/2/status"]);
}

#[test]
fn byte_order_mark_and_100000_levels_of_nesting() {
    assert!(Profile::parse(&format!("\u{feff}{BASE}")).is_ok());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let errs = errors(&deep);
    assert!(matches!(&errs[0].kind, IssueKind::Syntax(m) if m.contains("nested deeper")));
}

#[test]
fn profile_json_round_trips_through_to_json() {
    let c = Profile::parse(BASE).unwrap();
    let again = Profile::parse(&c.profile.to_json().to_string()).unwrap();
    assert_eq!(again.profile, c.profile);
}
