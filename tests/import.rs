//! Importing LIMSWiki provider research pages: the Tencent Cloud page
//! (tests/fixtures/pages/) as a browser copies it and as wikitext, the
//! suggestion rules one case each, and pages that are not provider pages.
#![cfg(not(target_arch = "wasm32"))]

use csp_radar::model::import::{self, ImportError, PageForm, RULES, SUGGESTED};
use csp_radar::model::{Profile, QuestionId, Status};

fn page(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/pages/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The bundled Tencent Cloud profile's statuses, q1..q18.
const BUNDLED_TENCENT: [&str; 18] = [
    "partial",
    "partial",
    "adverse",
    "undisclosed",
    "partial",
    "partial",
    "undisclosed",
    "partial",
    "documented",
    "undisclosed",
    "partial",
    "partial",
    "undisclosed",
    "undisclosed",
    "undisclosed",
    "documented",
    "partial",
    "undisclosed",
];

fn statuses(p: &Profile) -> Vec<&'static str> {
    QuestionId::all().map(|q| p.status(q).id()).collect()
}

fn agreement(p: &Profile) -> (usize, Vec<String>) {
    let got = statuses(p);
    let misses: Vec<String> = (0..18)
        .filter(|&i| got[i] != BUNDLED_TENCENT[i])
        .map(|i| format!("q{} {} (bundled: {})", i + 1, got[i], BUNDLED_TENCENT[i]))
        .collect();
    (18 - misses.len(), misses)
}

#[test]
fn the_tencent_cloud_page_as_copied_from_a_browser() {
    let imported = import::import(&page("tencent-cloud.txt"), None).unwrap();
    let p = &imported.profile;
    assert_eq!(imported.form, PageForm::Text);
    assert_eq!((p.provider.name.as_str(), p.provider.id.as_str()), ("Tencent Cloud", "tencent-cloud"));
    assert!(p.answers.iter().all(Option::is_some), "18 answers");
    let (agree, misses) = agreement(p);
    println!("Tencent Cloud page (text): {agree}/18 agree with the bundled profile; misses: {misses:?}");
    assert!(agree >= 16, "{agree}/18: {misses:?}");
    // q1 cites references 3, 4 and 5 (3 twice, kept once), dated where the list dates them.
    let q1 = p.answer(QuestionId::new(1).unwrap()).unwrap();
    let cited: Vec<(&str, Option<&str>)> =
        q1.citations.iter().map(|c| (c.url.as_str(), c.date.as_ref().map(|d| d.as_str()))).collect();
    assert_eq!(
        cited,
        vec![
            ("http://www.unpog.org/file/download.asp?sn=345", None),
            ("https://english.sztu.edu.cn/info/1004/1186.htm", Some("2019-05-17")),
            ("https://www.chinadaily.com.cn/a/202009/28/WS5f71da3fa31024ad0ba7c6d8.html", Some("2020-09-28")),
        ]
    );
    assert_eq!(q1.citations[1].title, "SZTU, Tencent join hands in establishing college and laboratories");
    assert!(
        !q1.summary.contains("[3]") && q1.summary.starts_with("Tencent Cloud has been implemented"),
        "{}",
        q1.summary
    );
    // q8's heading carries the wiki's aside; q3 reports the 2018 loss.
    let q3 = p.answer(QuestionId::new(3).unwrap()).unwrap();
    assert_eq!(q3.status, Status::Adverse);
    assert!(q3.status_basis.as_deref().unwrap().starts_with(SUGGESTED), "{:?}", q3.status_basis);
    assert_eq!(imported.citations, p.answers.iter().flatten().map(|a| a.citations.len()).sum::<usize>());
    assert_eq!(p.source.as_ref().and_then(|s| s.retrieved.as_ref()).map(|d| d.as_str()), Some("2023-08-04"));
    // The draft is a valid profile: it prints and reads back unchanged.
    let back = Profile::parse(&p.to_json().to_string()).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(&back.profile, p);
}

#[test]
fn the_same_page_as_wikitext() {
    let text_import = import::import(&page("tencent-cloud.txt"), None).unwrap();
    let imported = import::import(&page("tencent-cloud.wikitext"), None).unwrap();
    let p = &imported.profile;
    assert_eq!(imported.form, PageForm::Wikitext);
    assert_eq!(p.provider.name, "Tencent Cloud", "the infobox names it");
    let (agree, misses) = agreement(p);
    println!("Tencent Cloud page (wikitext): {agree}/18 agree; misses: {misses:?}");
    assert!(agree >= 16, "{agree}/18: {misses:?}");
    // Named refs (`<ref name="r3" />`) resolve to the same citation as their first use.
    let q1 = p.answer(QuestionId::new(1).unwrap()).unwrap();
    assert_eq!(q1.citations.len(), 3);
    assert_eq!(q1.citations[2].date.as_ref().map(|d| d.as_str()), Some("2020-09-28"), "{{cite web |date=}}");
    // Every answer cites what the copied page cites, plus q9's links.
    for q in QuestionId::all() {
        let (a, b) = (p.answer(q).unwrap(), text_import.profile.answer(q).unwrap());
        let urls = |x: &csp_radar::model::profile::Answer| {
            x.citations.iter().map(|c| c.url.as_str().to_owned()).collect::<Vec<_>>()
        };
        if q.number() != 9 {
            assert_eq!(urls(a), urls(b), "q{}", q.number());
        }
        assert!(
            !a.summary.contains("<ref") && !a.summary.contains("{{") && !a.summary.contains("'''"),
            "q{}: {}",
            q.number(),
            a.summary
        );
    }
    assert_eq!(
        p.answer(QuestionId::new(9).unwrap()).unwrap().citations.len(),
        2,
        "q9's external links are its evidence"
    );
    // A wiki page reading itself gives its title.
    let titled = import::import(&page("tencent-cloud.wikitext"), Some("Tencent_Cloud_(research)")).unwrap();
    assert_eq!(titled.profile.provider.name, "Tencent Cloud (research)");
}

/// One case per rule, in the table's order.
#[test]
fn each_suggestion_rule() {
    let cases: [(&str, bool, Status); 5] = [
        ("In 2021 a breach exposed customer records; the provider confirmed it.", true, Status::Adverse),
        ("No information could be found; it is unclear who does this.", false, Status::Undisclosed),
        ("The SLA promises 99.9%. Confirm the credits with a representative.", true, Status::Partial),
        ("The provider signs a BAA for every customer that asks.", true, Status::Documented),
        ("The provider runs support from its own offices.", false, Status::Undisclosed),
    ];
    assert_eq!(cases.len(), RULES.len());
    for (i, (text, cited, want)) in cases.iter().enumerate() {
        let (rule, _) = import::suggest(text, *cited);
        assert_eq!((rule.status, rule.reason), (*want, RULES[i].reason), "rule {i}: {text}");
    }
    // A reported problem counts only when it is affirmed.
    assert_eq!(import::suggest("No data loss has been reported, and no breach.", true).0.status, Status::Documented);
    assert_eq!(
        import::suggest("Data losses have been reported in 2018, though no outage reports could be found.", true)
            .0
            .status,
        Status::Adverse
    );
    // Curly apostrophes read like straight ones.
    assert_eq!(import::suggest("The site doesn\u{2019}t mention it.", false).0.status, Status::Undisclosed);
}

#[test]
fn text_that_is_not_a_provider_page_is_refused_with_what_was_found() {
    let random = "Lorem ipsum dolor sit amet. What time is it? The lab meeting is on Tuesday.";
    assert_eq!(import::import(random, None), Err(ImportError::NotAProviderPage { found: vec![] }));
    let full = page("tencent-cloud.txt");
    let half = &full[..full.find("10. How do you test").unwrap()];
    let err = import::import(half, None).unwrap_err();
    assert_eq!(err, ImportError::NotAProviderPage { found: (1..=9).collect() });
    assert!(err.to_string().contains("found 9 of the 18 questions; missing: 10, 11"), "{err}");
    let five = &full[..full.find("6. Who will have access").unwrap()];
    assert_eq!(import::import(five, None), Err(ImportError::NotAProviderPage { found: (1..=5).collect() }));
    assert!(matches!(import::import(&"x".repeat(import::MAX_BYTES + 1), None), Err(ImportError::TooLarge(_))));
}

#[test]
fn ids_come_from_names() {
    assert_eq!(import::slug("Tencent Cloud"), "tencent-cloud");
    assert_eq!(import::slug("  Amazon Web Services (AWS)!"), "amazon-web-services-aws");
    assert_eq!(import::slug("سحابة"), "provider");
}

mod drafts {
    use csp_radar::model::draft::{Draft, DraftCitation};
    use csp_radar::model::profile::{Date, IssueKind};
    use csp_radar::model::{bundled, QuestionId, Status};

    fn today() -> Date {
        Date::parse("2026-05-01").unwrap()
    }

    #[test]
    fn a_new_provider_is_valid_and_undisclosed() {
        let d = Draft::new_provider("Vellum Lab Cloud");
        assert_eq!(d.id, "vellum-lab-cloud");
        let p = d.check(&today()).unwrap();
        assert!(QuestionId::all().all(|q| p.status(q) == Status::Undisclosed));
    }

    #[test]
    fn a_bundled_profile_is_copied_and_round_trips() {
        let tencent = bundled::default_profile();
        let d = Draft::of(&tencent, true);
        assert_eq!((d.id.as_str(), d.name.as_str()), ("tencent-cloud-edited", "Tencent Cloud (edited)"));
        let p = d.check(&today()).unwrap();
        assert_eq!(p.answers, tencent.answers, "every answer carried over unchanged");
        assert_eq!(Draft::of(&p, false), d);
    }

    #[test]
    fn each_bad_field_is_named_by_its_pointer() {
        let mut d = Draft::new_provider("Acme");
        d.id = "Acme Cloud".into();
        d.name = String::new();
        d.website = "ftp://acme.example".into();
        d.answers[2].summary = "x".repeat(2001);
        d.answers[4].citations.push(DraftCitation {
            title: "SLA".into(),
            url: "javascript:alert(1)".into(),
            date: "2024-13-01".into(),
        });
        let issues = d.check(&today()).unwrap_err();
        let pointers: Vec<&str> = issues.iter().map(|i| i.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            vec![
                "/provider/id",
                "/provider/name",
                "/provider/website",
                "/answers/2/summary",
                "/answers/4/citations/0/url",
                "/answers/4/citations/0/date",
            ]
        );
    }

    #[test]
    fn a_date_after_today_is_refused_in_the_editor() {
        let mut d = Draft::new_provider("Acme");
        let cite = |date: &str| DraftCitation {
            title: "SLA".into(),
            url: "https://acme.example/sla".into(),
            date: date.into(),
        };
        d.answers[4].citations.push(cite("2026-05-01"));
        assert!(d.check(&today()).is_ok(), "today is not the future");
        d.answers[4].citations.push(cite("2026-05-02"));
        d.source_title = "Acme docs".into();
        d.source_retrieved = "2031-01-01".into();
        let issues = d.check(&today()).unwrap_err();
        let found: Vec<(&str, String)> = issues.iter().map(|i| (i.pointer.as_str(), i.kind.to_string())).collect();
        assert_eq!(
            found,
            vec![
                (
                    "/source/retrieved",
                    "2031-01-01 is after today (2026-05-01): evidence cannot be dated in the future".to_owned()
                ),
                (
                    "/answers/4/citations/1/date",
                    "2026-05-02 is after today (2026-05-01): evidence cannot be dated in the future".to_owned()
                ),
            ]
        );
        assert!(issues.iter().all(|i| matches!(i.kind, IssueKind::FutureDate { .. }) && i.kind.is_warning()));
        // Alongside another error, both are reported.
        d.name = String::new();
        assert_eq!(d.check(&today()).unwrap_err().len(), 3);
    }
}

mod never_panics {
    use csp_radar::model::import;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Any text, in any script, with the page's own markers sprinkled in.
        #[test]
        fn on_any_text(parts in proptest::collection::vec(prop_oneof![
            "\\PC{0,30}".boxed(),
            Just("Retrieved 4 Augüst 2023 ".to_owned()).boxed(),
            Just("last edited on 4 August 2023 — ééé".to_owned()).boxed(),
            Just("<ref name=\"x\">{{cite web |url=https://é.example |title=t|date=1 May 2020}}</ref>".to_owned()).boxed(),
            Just("<ref name=x />[1]".to_owned()).boxed(),
            Just("\n1. What experience do you have working with laboratory customers in our specific industry?\n".to_owned()).boxed(),
            Just("\n  2. 2.0 2.1 \u{201C}Title\u{201D}. https://a.example/x. Retrieved 04 August 2023.\n".to_owned()).boxed(),
            Just("'''[[a|b]] {{x}} [https://b.example c] <!-- d --> <".to_owned()).boxed(),
        ], 0..40)) {
            let text = parts.concat();
            let _ = import::import(&text, None);
            let _ = import::import(&text, Some("Tïtle"));
            // Also past the 18 questions, where the references and dates are read.
            let _ = import::import(&format!("{}{text}", super::page("tencent-cloud.txt")), None);
            let _ = import::import(&format!("{text}{}{text}", super::page("tencent-cloud.wikitext")), None);
        }
    }

    #[test]
    fn a_retrieval_date_next_to_wide_characters() {
        // "Retrieved x" then three-byte characters: a 40-byte window ends
        // inside one (11 + 3k is never 40).
        let page = super::page("tencent-cloud.txt");
        let text = format!("{page}\nRetrieved x{}", "日".repeat(30));
        assert!(import::import(&text, None).is_ok());
        let text = format!("{page}\nThis page was last edited on {}", "é".repeat(60));
        assert!(import::import(&text, None).is_ok());
    }
}
