//! Profiles compiled into the binary, so the widget works offline.

use std::rc::Rc;

use super::profile::Profile;

/// The provider shown when nothing else is asked for.
pub const DEFAULT_ID: &str = "tencent-cloud";

/// Every bundled profile's id and JSON text (www/profiles/, minified by
/// www/tools/build.rs). Add one only from sources we can cite (SPEC
/// sections 8 and 14); www/profiles/sources/ keeps each one's research log.
pub const SOURCES: &[(&str, &str)] = &[
    ("tencent-cloud", include_str!(concat!(env!("OUT_DIR"), "/tencent-cloud.json"))),
    ("aws", include_str!(concat!(env!("OUT_DIR"), "/aws.json"))),
    ("microsoft-azure", include_str!(concat!(env!("OUT_DIR"), "/microsoft-azure.json"))),
    ("google-cloud", include_str!(concat!(env!("OUT_DIR"), "/google-cloud.json"))),
];

thread_local! {
    // Parsed once per thread: every link print asks whether the profile is
    // a bundled one.
    static PARSED: Vec<Rc<Profile>> = SOURCES
        .iter()
        .filter_map(|(_, text)| Profile::parse(text).ok())
        .map(|c| Rc::new(c.profile))
        .collect();
}

/// Every bundled profile (all parse; a test holds them to that).
pub fn all() -> Vec<Rc<Profile>> {
    PARSED.with(Clone::clone)
}

/// The bundled profile with this id.
pub fn get(id: &str) -> Option<Rc<Profile>> {
    PARSED.with(|all| all.iter().find(|p| p.provider.id == id).cloned())
}

/// Whether this is exactly a bundled profile (and so travels by id alone).
pub fn is_bundled(profile: &Profile) -> bool {
    get(&profile.provider.id).is_some_and(|b| std::ptr::eq(&*b, profile) || *b == *profile)
}

/// The default provider's profile.
pub fn default_profile() -> Rc<Profile> {
    // The tests prove the bundled profile parses; the empty profile is only
    // an honest fallback that can never be reached.
    get(DEFAULT_ID).unwrap_or_else(|| Rc::new(Profile::empty(DEFAULT_ID)))
}
