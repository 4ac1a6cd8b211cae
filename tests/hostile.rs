//! The hostile-input corpus through the CLI: every file gives a located,
//! readable error (or loads, to be shown inertly), and nothing panics. The
//! browser half is tests/e2e/hostile.spec.mjs.
//!
//! The manifest is tests/hostile/expect.tsv. Its files are the profile fuzz
//! seeds (tests/fuzz/seeds/profile/, one copy shared with `make fuzz`), the
//! few in tests/hostile/ that are not seeds, and two too large to commit,
//! written on demand into target/hostile/.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where a corpus file named in the manifest is: tests/hostile/, else the
/// profile fuzz seeds, else target/hostile/ (written by `corpus`).
fn find(file: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["tests/hostile", "tests/fuzz/seeds/profile", "target/hostile"]
        .iter()
        .map(|dir| root.join(dir).join(file))
        .find(|path| path.exists())
        .unwrap_or_else(|| panic!("{file}: named in tests/hostile/expect.tsv but in none of its folders"))
}

/// The corpus, with the two files too large to commit written on demand.
pub fn corpus() -> Vec<(PathBuf, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let generated = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/hostile");
    std::fs::create_dir_all(&generated).unwrap();
    let big = format!("{{\"notes\": \"{}\"}}", "x".repeat(1024 * 1024 + 1 - 13));
    assert_eq!(big.len(), 1024 * 1024 + 1);
    std::fs::write(generated.join("too-big.json"), big).unwrap();
    std::fs::write(generated.join("deep-nesting.json"), format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)))
        .unwrap();
    let manifest = std::fs::read_to_string(dir.join("expect.tsv")).unwrap();
    manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.split('\t');
            let (file, outcome, needle) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap_or(""));
            (find(file), outcome.to_owned(), needle.to_owned())
        })
        .collect()
}

#[test]
fn every_hostile_file_is_a_located_error_or_loads_without_panic() {
    let cases = corpus();
    assert!(cases.len() >= 20);
    for (path, outcome, needle) in cases {
        let o = Command::new(env!("CARGO_BIN_EXE_csp-radar")).arg("validate").arg(&path).output().unwrap();
        let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        assert!(!all.contains("panicked"), "{}: {all}", path.display());
        match outcome.as_str() {
            "ok" => assert_eq!(o.status.code(), Some(0), "{}: {all}", path.display()),
            _ => {
                assert_eq!(o.status.code(), Some(1), "{}: {all}", path.display());
                assert!(all.contains(&needle), "{}: wanted {needle:?} in {all}", path.display());
                // FILE:LINE:COL: POINTER: message
                let first = all.lines().next().unwrap_or_default();
                let rest = first.strip_prefix(&format!("{}:", path.display())).unwrap_or_default();
                let mut loc = rest.splitn(3, ':');
                assert!(loc.next().is_some_and(|l| l.parse::<u32>().is_ok()), "{first}");
                assert!(loc.next().is_some_and(|c| c.parse::<u32>().is_ok()), "{first}");
            }
        }
        // score and export refuse the same files the same way.
        let o = Command::new(env!("CARGO_BIN_EXE_csp-radar"))
            .args(["export", "--format", "wikitext"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(o.status.success(), outcome == "ok", "{}", path.display());
    }
}

#[test]
fn markup_in_profile_text_cannot_break_a_wiki_page() {
    let path = find("markup-everywhere.json");
    let o = Command::new(env!("CARGO_BIN_EXE_csp-radar"))
        .args(["export", "--format", "wikitext"])
        .arg(&path)
        .output()
        .unwrap();
    let wiki = String::from_utf8(o.stdout).unwrap();
    // Markup is written as typed, but only inside <nowiki> runs
    // (tests/render/wikitext.test.mjs renders it through MediaWiki itself).
    let mut outside = String::new();
    for (i, part) in wiki.split("<nowiki>").enumerate() {
        let (inside, rest) = if i == 0 { ("", part) } else { part.split_once("</nowiki>").unwrap() };
        assert!(!inside.to_ascii_lowercase().contains("</nowiki"), "{inside}");
        outside.push_str(rest);
    }
    for raw in ["<script>", "<img", "[[Category:Spam]]", "{{Delete}}", "__NOTOC__", "~~~~", "'''bold'''"] {
        assert!(wiki.contains(raw), "{raw} is shown as typed");
        assert!(!outside.contains(raw), "{raw} leaked into the wikitext outside <nowiki>");
    }
    // The tables keep their rows (the decision's one provider, 8 domains, 18
    // questions): no stray `|` or `{|` split a cell.
    assert_eq!(wiki.lines().filter(|l| l.starts_with("| ") && l.contains(" || ")).count(), 1 + 8 + 18);
    let md = String::from_utf8(
        Command::new(env!("CARGO_BIN_EXE_csp-radar"))
            .args(["export", "--format", "md"])
            .arg(&path)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    // Every `<` of the text is escaped (`\<`), so none starts raw HTML.
    assert!(md.contains("\\<script>") && md.contains("\\<img"), "markup shown as typed");
    for (i, _) in md.match_indices('<').filter(|&(i, _)| !md[..i].ends_with('\\')) {
        assert!(md[i..].starts_with("<https://"), "raw HTML in Markdown: {}", &md[i..(i + 40).min(md.len())]);
    }
}

#[test]
fn the_widget_never_writes_html_from_text() {
    // Profile text reaches the DOM only as text nodes and attribute values
    // (Yew escapes both); the one innerHTML write empties a shadow root.
    let mut writes = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for line in text.lines().filter(|l| {
                    l.contains("inner_html")
                        || l.contains("outer_html")
                        || l.contains("Html::from_html_unchecked")
                        || l.contains("insert_adjacent_html")
                }) {
                    writes.push(format!("{}: {}", path.display(), line.trim()));
                }
            }
        }
    }
    assert_eq!(writes.len(), 1, "{writes:#?}");
    assert!(writes[0].ends_with("shadow.set_inner_html(\"\");"), "{writes:#?}");
}
