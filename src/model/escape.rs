//! Text from profiles, imports, findings and notes as it goes into another
//! format: one function per target, and every export
//! calls these. Each keeps the text readable to the person who opens the
//! file (nothing is escaped that the format would show as typed) and inert
//! (nothing becomes markup the text did not ask for).

use std::fmt::Write as _;

use super::bidi;

/// One line of text: a line break would end a list item or table row in
/// wikitext and Markdown. (Rendered as HTML, a line break inside a paragraph
/// shows as a space, so the text reads the same.) Other control characters
/// cannot be shown either way.
fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").chars().map(|c| if c.is_control() && c != '\t' { ' ' } else { c }).collect()
}

/// Whether `&` at `i` starts something a renderer would decode as a
/// character reference (`&amp;`, `&#123;`, `&#x7B;`): a run of letters,
/// digits or `#` closed by `;`. A bare `&` ("Fit & integration", "AT&T")
/// shows as typed.
fn starts_reference(chars: &[char], i: usize) -> bool {
    let rest = chars.get(i + 1..).unwrap_or_default();
    let name = rest.iter().take_while(|c| c.is_alphanumeric() || **c == '#').count();
    name > 0 && rest.get(name) == Some(&';')
}

/// What a URL encoder does with one character.
enum Url {
    /// Keep it as it is.
    Keep,
    /// Percent-encode it (as UTF-8).
    Encode,
    /// Write this instead.
    Write(&'static str),
}

/// `url` with each character treated as `rule` says; a `%` that already
/// starts an escape is kept, any other is encoded.
fn percent_encode(url: &str, rule: impl Fn(&[char], usize) -> Url) -> String {
    let chars: Vec<char> = url.chars().collect();
    let mut out = String::with_capacity(url.len());
    for (i, &c) in chars.iter().enumerate() {
        let escape = c == '%' && chars.get(i + 1..i + 3).is_some_and(|h| h.iter().all(char::is_ascii_hexdigit));
        match if c == '%' && !escape { Url::Encode } else { rule(&chars, i) } {
            Url::Keep => out.push(c),
            Url::Write(s) => out.push_str(s),
            Url::Encode => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
        }
    }
    out
}

/// The characters of RFC 3986 (unreserved, reserved and `%`); a URL
/// encoder keeps these unless its target reads them as markup.
fn url_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

/// Whether a word could become wikitext markup: a tag, comment or
/// reference (`<`), link or category (`[`), template, parser function,
/// table or language variant (`{`, `|`, `!!`), bold or italic (`''`), magic
/// word (`__`), signature (`~~~`), character reference, a free link
/// (`mailto:x`, `https://`), a magic link (`ISBN`, `RFC`, `PMID`) or, first in
/// the text, list or heading markup.
fn wiki_hazard(chars: &[char], word: std::ops::Range<usize>) -> bool {
    let w = &chars[word.clone()];
    let has = |pat: &str| {
        let p: Vec<char> = pat.chars().collect();
        w.windows(p.len()).any(|x| x == p.as_slice())
    };
    w.iter().any(|c| "<>[]{}|=".contains(*c))
        || ["''", "__", "~~~", "!!", "ISBN", "RFC", "PMID"].iter().any(|p| has(p))
        || word.clone().any(|i| chars[i] == '&' && starts_reference(chars, i))
        || w.windows(3).any(|x| x[0].is_ascii_alphabetic() && x[1] == ':' && !x[2].is_whitespace())
        || (word.start == 0 && w.first().is_some_and(|c| "*#:;!-+".contains(*c)))
}

/// Text in wikitext, shown in MediaWiki exactly as written. The
/// words that could become markup, from the first to the last, are put in
/// one `<nowiki>` run; the text before and after stays as typed. Inside the
/// run only a `</nowiki` and what would read as a character reference are
/// escaped. Line breaks become spaces, so the text stays in its list item
/// or table cell.
pub fn wiki(text: &str) -> String {
    let text = one_line(&bidi::isolate(text));
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        words.push(start..i);
    }
    let hazards: Vec<_> = words.into_iter().filter(|w| wiki_hazard(&chars, w.clone())).collect();
    let (start, end) = match (hazards.first(), hazards.last()) {
        (Some(first), Some(last)) => (first.start, last.end),
        // Only spaces: as a link text they would leave the link numbered.
        _ if !text.is_empty() && text.trim().is_empty() => (0, chars.len()),
        _ => return text,
    };
    let mut out: String = chars[..start].iter().collect();
    out.push_str("<nowiki>");
    for i in start..end {
        let c = chars[i];
        let closes = c == '<' && chars[i + 1..].iter().take(7).collect::<String>().eq_ignore_ascii_case("/nowiki");
        match c {
            '<' if closes => out.push_str("&lt;"),
            '&' if starts_reference(&chars, i) => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out.push_str("</nowiki>");
    out.extend(&chars[end..]);
    out
}

/// A URL for an external link in wikitext, `[URL text]`: percent-encoded
/// outside the URL-safe characters and wherever wikitext would see markup
/// (`[ ] { } | < > " ' ~ !`, the second `_` of `__`), so the link stays one
/// link to the same address. A `&` that would read as a character reference
/// is written `&amp;` (MediaWiki decodes it back).
pub fn wiki_url(url: &str) -> String {
    percent_encode(url, |chars, i| match chars[i] {
        '[' | ']' | '\'' | '~' | '!' => Url::Encode,
        '_' if i > 0 && chars[i - 1] == '_' => Url::Encode,
        '&' if starts_reference(chars, i) => Url::Write("&amp;"),
        c if url_safe(c) => Url::Keep,
        _ => Url::Encode,
    })
}

/// Text in Markdown, read as typed by a CommonMark renderer with raw HTML
/// on: a backslash before what would start markup (`\< \[ \] \*
/// \_ \` \| \\ \~`, a `#` that could open or close a heading, a `&` that
/// would read as a character reference) and nothing else. Line breaks
/// become spaces. The text may start a block (a list item's first line):
/// a block quote or list marker first in it is escaped too (`\> \- \+`,
/// `1\.`), and its leading spaces, which no renderer shows, are left out
/// (four would start a code block).
pub fn md(text: &str) -> String {
    let text = one_line(&bidi::isolate(text));
    let chars: Vec<char> = text.trim_start().chars().collect();
    // Where the block marker the text starts with is, if any: `>`, `-`,
    // `+` (a bullet, or a thematic break of dashes), or the `.` or `)` after
    // the digits of an ordered list's number.
    let marker = match chars.first() {
        Some('>' | '-' | '+') => Some(0),
        Some(c) if c.is_ascii_digit() => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            let delimiter = matches!(chars.get(digits), Some('.' | ')'));
            let then = chars.get(digits + 1).is_none_or(|c| c.is_whitespace());
            (digits <= 9 && delimiter && then).then_some(digits)
        }
        _ => None,
    };
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p));
        let next = chars.get(i + 1);
        let escape = marker == Some(i)
            || match c {
                '\\' | '`' | '*' | '[' | ']' | '|' | '<' | '~' => true,
                // Inside a word ("snake_case") `_` cannot open or close emphasis.
                '_' => !(prev.is_some_and(|p| p.is_alphanumeric()) && next.is_some_and(|n| n.is_alphanumeric())),
                '#' => prev.is_none_or(|p| p.is_whitespace()),
                '&' => starts_reference(&chars, i),
                _ => false,
            };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A URL as a Markdown link destination, written `<URL>`: percent-encoded
/// outside the URL-safe characters (so no `<`, `>`, space or backslash),
/// and a `&` that would read as a character reference backslash-escaped.
pub fn md_url(url: &str) -> String {
    percent_encode(url, |chars, i| match chars[i] {
        '&' if starts_reference(chars, i) => Url::Write("\\&"),
        c if url_safe(c) => Url::Keep,
        _ => Url::Encode,
    })
}

/// One CSV field, RFC 4180: quoted when it holds a comma, quote or line
/// break. A leading `= + - @` (or tab or carriage return) is defused with `'`
/// so that spreadsheets do not run profile text as a formula.
pub fn csv(text: &str) -> String {
    let defuse = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = defuse || text.contains([',', '"', '\n', '\r']);
    let mut out = String::with_capacity(text.len() + 3);
    if quote {
        out.push('"');
    }
    if defuse {
        out.push('\'');
    }
    out.push_str(&text.replace('"', "\"\""));
    if quote {
        out.push('"');
    }
    out
}

/// Text for XML and HTML content and attribute values (the radar's SVG).
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikitext_keeps_plain_text_as_typed() {
        assert_eq!(wiki("Fit & integration"), "Fit & integration");
        assert_eq!(wiki("we're at 99.995%; AT&T: ok!"), "we're at 99.995%; AT&T: ok!");
        assert_eq!(wiki("line one\nline two\r\nthree"), "line one line two three");
        assert_eq!(wiki(""), "");
    }

    #[test]
    fn wikitext_puts_markup_in_one_nowiki_run() {
        assert_eq!(wiki("see [[Category:X]] now"), "see <nowiki>[[Category:X]]</nowiki> now");
        assert_eq!(wiki("a {{PAGENAME}} b ~~~~ c"), "a <nowiki>{{PAGENAME}} b ~~~~</nowiki> c");
        assert_eq!(wiki("'''bold''' and __NOTOC__"), "<nowiki>'''bold''' and __NOTOC__</nowiki>");
        assert_eq!(wiki("x <!-- y"), "x <nowiki><!--</nowiki> y");
        assert_eq!(wiki("* item"), "<nowiki>*</nowiki> item");
        assert_eq!(wiki("ISBN 1234567890"), "<nowiki>ISBN</nowiki> 1234567890");
        assert_eq!(wiki("mail mailto:a@b.c"), "mail <nowiki>mailto:a@b.c</nowiki>");
        assert_eq!(wiki(" "), "<nowiki> </nowiki>");
    }

    #[test]
    fn wikitext_escapes_only_what_nowiki_would_not_hold() {
        // A closing tag inside the text cannot end the run early.
        assert_eq!(wiki("a </nowiki> b"), "a <nowiki>&lt;/nowiki></nowiki> b");
        assert_eq!(wiki("</NoWiki >"), "<nowiki>&lt;/NoWiki ></nowiki>");
        // A reference reads as typed; a bare & needs nothing.
        assert_eq!(wiki("&amp; & &#58;"), "<nowiki>&amp;amp; & &amp;#58;</nowiki>");
    }

    #[test]
    fn wikitext_urls_stay_one_link_to_the_same_address() {
        assert_eq!(wiki_url("https://ok.example/e<!--"), "https://ok.example/e%3C%21--");
        assert_eq!(wiki_url("https://ok.example/c<ref>x</ref>"), "https://ok.example/c%3Cref%3Ex%3C/ref%3E");
        assert_eq!(wiki_url("https://ok.example/a__NOTOC__"), "https://ok.example/a_%5FNOTOC_%5F");
        assert_eq!(wiki_url("https://ok.example/b~~~~"), "https://ok.example/b%7E%7E%7E%7E");
        assert_eq!(wiki_url("https://ok.example/p?a=1&b=[x]|'y'"), "https://ok.example/p?a=1&b=%5Bx%5D%7C%27y%27");
        assert_eq!(wiki_url("https://ok.example/%41%zz/é"), "https://ok.example/%41%25zz/%C3%A9");
        assert_eq!(wiki_url("https://ok.example/?q=&lt;"), "https://ok.example/?q=&amp;lt;");
    }

    #[test]
    fn markdown_escapes_with_backslashes() {
        assert_eq!(md("Fit & integration"), "Fit & integration");
        assert_eq!(md("&amp; <style> *x* [a](b) `c` | d"), "\\&amp; \\<style> \\*x\\* \\[a\\](b) \\`c\\` \\| d");
        assert_eq!(md("snake_case _em_ # C# ~~s~~"), "snake_case \\_em\\_ \\# C# \\~\\~s\\~\\~");
        assert_eq!(md("a\\b\nc"), "a\\\\b c");
        assert_eq!(md_url("https://ok.example/<style"), "https://ok.example/%3Cstyle");
        assert_eq!(md_url("https://ok.example/a b>\\\"{}"), "https://ok.example/a%20b%3E%5C%22%7B%7D");
        assert_eq!(md_url("https://ok.example/?x=&amp;"), "https://ok.example/?x=\\&amp;");
    }

    #[test]
    fn markdown_text_can_start_a_list_item() {
        // A verdict or provenance line starts with a provider's name.
        assert_eq!(md("> quote"), "\\> quote");
        assert_eq!(md("- dash"), "\\- dash");
        assert_eq!(md("+ plus"), "\\+ plus");
        assert_eq!(md("---"), "\\---");
        assert_eq!(md("1. list"), "1\\. list");
        assert_eq!(md("12) list"), "12\\) list");
        assert_eq!(md("    four spaces"), "four spaces");
        // Elsewhere in the text, and numbers that are no list marker, as typed.
        assert_eq!(md("a > b - c + d 1. e"), "a > b - c + d 1. e");
        assert_eq!(md("1.5 GB"), "1.5 GB");
        assert_eq!(md("-2"), "\\-2");
    }

    #[test]
    fn csv_and_xml() {
        assert_eq!(csv("=1+1"), "\"'=1+1\"");
        assert_eq!(csv("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv("plain"), "plain");
        assert_eq!(xml("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
    }

    #[test]
    fn right_to_left_text_is_isolated() {
        assert_eq!(wiki("ענן [[x]]"), "\u{2068}ענן <nowiki>[[x]]\u{2069}</nowiki>");
        assert_eq!(md("ענן"), "\u{2068}ענן\u{2069}");
    }
}
