//! Text in any script (docs/profile-format.md, text). Profile and lab text may carry
//! right-to-left words and directional marks; shown beside our own words it
//! must never reorder them. The widget isolates such text with `<bdi>` and
//! `dir="auto"`; plain-text outputs (Markdown, wikitext, the radar's SVG)
//! wrap it in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, which also
//! ends any embedding or override the text left open.

use std::borrow::Cow;

/// The directional formatting characters: marks (U+200E, U+200F),
/// embeddings and overrides (U+202A..U+202E) and isolates (U+2066..U+2069).
/// Welcome in prose; refused in ids and URLs, where they would make an
/// address read as another.
pub fn is_directional(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether the text could change the order of what stands around it: a
/// directional character, or a letter of a right-to-left script (Hebrew,
/// Arabic, Syriac, Thaana, N'Ko and their presentation forms).
pub fn needs_isolation(text: &str) -> bool {
    text.chars().any(|c| {
        is_directional(c)
            || matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
            || matches!(c, '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
    })
}

/// The text isolated for plain-text output; left-to-right text without
/// directional characters comes back unchanged (and unallocated).
pub fn isolate(text: &str) -> Cow<'_, str> {
    if needs_isolation(text) {
        Cow::Owned(format!("\u{2068}{text}\u{2069}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_text_that_can_reorder_is_wrapped() {
        assert_eq!(isolate("Tencent Cloud"), "Tencent Cloud");
        assert_eq!(isolate("سحابة"), "\u{2068}سحابة\u{2069}");
        assert_eq!(isolate("ענן"), "\u{2068}ענן\u{2069}");
        // An override left open is closed by the isolate's end.
        assert_eq!(isolate("Acme\u{202E}duolC"), "\u{2068}Acme\u{202E}duolC\u{2069}");
        assert!(!needs_isolation("Zürich 東京"));
    }
}
