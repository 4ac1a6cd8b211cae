//! The bundled profiles (README.md, bundled providers): real providers, every
//! claim cited, in the pickers, the CLI and every bundle.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use csp_radar::model::{bundled, Profile, QuestionId, Status};

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

/// What a lab reads of a bundled profile: every piece of prose in it.
fn prose(p: &Profile) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = vec![("provider name".into(), p.provider.name.as_str())];
    if let Some(s) = &p.source {
        out.push(("source title".into(), s.title.as_str()));
    }
    out.extend(p.notes.as_deref().map(|n| ("notes".into(), n)));
    out.extend(p.managed_security_services.as_deref().map(|m| ("managed security services".into(), m)));
    for q in QuestionId::all() {
        let Some(a) = p.answer(q) else { continue };
        let n = q.number();
        out.push((format!("q{n} summary"), a.summary.as_str()));
        out.extend(a.ask.as_deref().map(|t| (format!("q{n} ask"), t)));
        out.extend(a.status_basis.as_deref().map(|t| (format!("q{n} status basis"), t)));
        out.extend(a.citations.iter().map(|c| (format!("q{n} citation title"), c.title.as_str())));
    }
    out
}

/// Every address in a bundled profile.
fn addresses(p: &Profile) -> Vec<&str> {
    let mut out: Vec<&str> = p.provider.website.iter().map(|u| u.as_str()).collect();
    out.extend(p.source.as_ref().and_then(|s| s.url.as_ref()).map(|u| u.as_str()));
    for q in QuestionId::all() {
        out.extend(p.answer(q).into_iter().flat_map(|a| a.citations.iter().map(|c| c.url.as_str())));
    }
    out
}

/// Research-process vocabulary: how the facts were looked
/// up, the project's files and its tooling are no part of what a lab reads.
/// Matched without regard to case; `search` only as a word of its own (labs
/// may read that a log is "searchable", or of "research").
const PROCESS_WORDS: &[&str] = &[
    "stored cop",
    "stored text",
    "stored version",
    "stored excerpt",
    "search tool",
    "corpus",
    "corpora",
    "seed",
    "/work",
    ".md",
    ".json",
    "fetch",
    "www/",
    "profiles/sources",
    "src/",
    "tests/",
    "excerpt",
    "returned by",
    "returned them",
    "query that",
    "leads checked",
];

#[test]
fn no_profile_speaks_of_how_it_was_researched() {
    for p in bundled::all() {
        for (field, text) in prose(&p) {
            let lower = text.to_lowercase();
            for word in PROCESS_WORDS {
                assert!(!lower.contains(word), "{} {field} says {word:?}: {text}", p.provider.id);
            }
            let words = lower.split(|c: char| !c.is_alphanumeric());
            assert!(!words.into_iter().any(|w| w == "search"), "{} {field} speaks of a search: {text}", p.provider.id);
        }
    }
}

#[test]
fn no_address_has_a_host_ending_in_a_dot() {
    for p in bundled::all() {
        for url in addresses(&p) {
            let rest = url.split_once("://").map_or(url, |(_, r)| r);
            let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            let host = host_port.split(':').next().unwrap_or(host_port);
            assert!(!host.ends_with('.'), "{}: {url} has a host ending in a dot", p.provider.id);
            assert!(!host.is_empty(), "{}: {url} has no host", p.provider.id);
        }
    }
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[test]
fn each_compiled_profile_counts_its_sources_in_one_plain_line() {
    for p in bundled::all() {
        if p.provider.id == "tencent-cloud" {
            continue;
        }
        let title = &p.source.as_ref().unwrap().title;
        let count: usize = title
            .split_once("compiled from ")
            .and_then(|(_, rest)| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{}: the source says how many sources: {title}", p.provider.id));
        let distinct: std::collections::BTreeSet<&str> = QuestionId::all()
            .filter_map(|q| p.answer(q))
            .flat_map(|a| a.citations.iter().map(|c| c.url.as_str()))
            .collect();
        assert_eq!(count, distinct.len(), "{}: {title}", p.provider.id);
        // "… public sources, December 2026": a month and a year, nothing after.
        let when = title.rsplit_once(" public sources, ").map_or("", |(_, w)| w);
        let (month, year) = when.split_once(' ').unwrap_or(("", ""));
        assert!(
            MONTHS.contains(&month) && year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()),
            "{}: the source line ends with when it was compiled: {title}",
            p.provider.id
        );
    }
}

/// The source lists shipped beside the profiles (`dist/profiles/sources/`,
/// linked from each profile's provenance line) say what each source is and
/// says, never how it was found: no process words outside the addresses.
#[test]
fn no_shipped_source_list_speaks_of_how_it_was_researched() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/profiles/sources");
    let mut read = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        read += 1;
        for (n, line) in text.lines().enumerate() {
            // Addresses are the sources' own; the words around them are ours.
            let mut words = String::new();
            let mut rest = line;
            while let Some(at) = rest.find(['<', '(']) {
                let (open, close) = if rest[at..].starts_with('<') { ('<', '>') } else { ('(', ')') };
                let inside = &rest[at + 1..];
                let end = inside.find(close).unwrap_or(inside.len());
                words.push_str(&rest[..at]);
                // An address in <…> or a link's (…) is left out; other
                // brackets are words.
                if open == '(' && !inside.starts_with("http") {
                    words.push_str(&inside[..end]);
                }
                rest = inside.get(end + 1..).unwrap_or("");
            }
            words.push_str(rest);
            let words = words.to_lowercase();
            for word in PROCESS_WORDS {
                assert!(!words.contains(word), "{} line {}: says {word:?}: {line}", path.display(), n + 1);
            }
        }
    }
    assert_eq!(read, bundled::all().len(), "one source list per bundled profile");
}
