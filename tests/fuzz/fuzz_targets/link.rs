//! Any text through the share-link decoder: never a panic, and a link that
//! parses prints a canonical form that parses to the same evaluation.
#![no_main]

use csp_radar::model::ShareLink;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Most random text lacks the prefix; give it one half of the time.
    let candidates = [text.to_owned(), format!("CSPR:1/{text}")];
    for candidate in &candidates {
        if let Ok(link) = ShareLink::from_fragment(candidate) {
            let printed = link.to_string();
            let again = ShareLink::from_fragment(&printed).expect("a printed link parses");
            assert_eq!(again, link);
            assert_eq!(again.to_string(), printed);
        }
    }
});
