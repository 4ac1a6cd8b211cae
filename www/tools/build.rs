//! Cargo build script: what the wasm carries as text, without the layout
//! that makes the sources readable: the stylesheet (www/style.css) and the
//! bundled profiles (www/profiles/*.json).

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=www/tools/build.rs");
    let out = env::var("OUT_DIR").unwrap_or_else(|e| panic!("OUT_DIR: {e}"));
    let out = Path::new(&out);
    minify_file("www/style.css", &out.join("style.css"), minify_css);
    // Every profile there, so src/model/bundled.rs stays the one list of
    // what is bundled.
    println!("cargo:rerun-if-changed=www/profiles");
    let profiles = fs::read_dir("www/profiles").unwrap_or_else(|e| panic!("www/profiles: {e}"));
    for entry in profiles.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            minify_file(&format!("www/profiles/{name}"), &out.join(&name), minify_json);
        }
    }
}

fn minify_file(source: &str, target: &Path, minify: fn(&str) -> String) {
    println!("cargo:rerun-if-changed={source}");
    let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    fs::write(target, minify(&text)).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}

/// JSON without the whitespace between tokens; strings copied as they are.
fn minify_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut chars = json.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => copy_string(&mut out, &mut chars, c),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// Copies a string literal whose opening `quote` was just read.
fn copy_string(out: &mut String, chars: &mut impl Iterator<Item = char>, quote: char) {
    out.push(quote);
    while let Some(d) = chars.next() {
        out.push(d);
        if d == '\\' {
            if let Some(e) = chars.next() {
                out.push(e);
            }
        } else if d == quote {
            break;
        }
    }
}

/// Drops comments, folds whitespace runs into one space and removes the
/// space around `{ } ; ,`, after `:` and the last `;` of a block. Strings
/// (`content: "? "`) are copied as they are. A space before `:` is kept: in a
/// selector, `a :hover` and `a:hover` differ.
fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                pending_space = true;
            }
            '"' | '\'' => {
                flush_space(&mut out, &mut pending_space);
                copy_string(&mut out, &mut chars, c);
            }
            c if c.is_whitespace() => pending_space = true,
            '{' | '}' | ';' | ',' => {
                pending_space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
            }
            c => {
                flush_space(&mut out, &mut pending_space);
                out.push(c);
            }
        }
    }
    out
}

/// Writes a pending space unless it would follow the start or `{ } ; , :`.
fn flush_space(out: &mut String, pending: &mut bool) {
    if *pending && !out.is_empty() && !out.ends_with(['{', '}', ';', ',', ':']) {
        out.push(' ');
    }
    *pending = false;
}
