//! Cargo build script: the stylesheet the wasm carries (www/style.css),
//! without its comments and layout whitespace. The source stays readable;
//! the bundle saves the bytes.

use std::{env, fs, path::Path};

fn main() {
    let source = "www/style.css";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-changed=www/tools/build.rs");
    let css = fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|e| panic!("OUT_DIR: {e}"))).join("style.css");
    fs::write(&out, minify(&css)).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// Drops comments, folds whitespace runs into one space and removes the
/// space around `{ } ; ,` and the last `;` of a block. Strings (`content:
/// "? "`) are copied as they are. Spaces next to `:` and `>` are kept: in a
/// selector, `a :hover` and `a:hover` differ.
fn minify(css: &str) -> String {
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
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
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

/// Writes a pending space unless it would follow the start or `{ } ; ,`.
fn flush_space(out: &mut String, pending: &mut bool) {
    if *pending && !out.is_empty() && !out.ends_with(['{', '}', ';', ',']) {
        out.push(' ');
    }
    *pending = false;
}
