//! Any bytes through the profile reader: never a panic, and every accepted
//! profile survives its own canonical JSON.
#![no_main]

use csp_radar::model::Profile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Profile::parse(text) {
        Ok(checked) => {
            let again = Profile::parse(&checked.profile.to_json().to_string()).expect("canonical JSON parses");
            assert_eq!(again.profile, checked.profile);
            let _ = csp_radar::model::Evaluation::new(std::rc::Rc::new(checked.profile), Default::default()).figures();
        }
        Err(rejected) => assert!(!rejected.errors.is_empty()),
    }
});
