//! Profiles compiled into the binary, so the widget works offline.

use std::cell::OnceCell;
use std::rc::Rc;

use super::profile::Profile;

/// The provider shown when nothing else is asked for.
pub const DEFAULT_ID: &str = "tencent-cloud";

/// A bundled profile: its id and name (what the pickers show, without
/// parsing it) and its JSON text (www/profiles/, minified by
/// www/tools/build.rs).
pub struct Bundled {
    pub id: &'static str,
    pub name: &'static str,
    pub json: &'static str,
}

/// Every bundled profile, in picker order. Add one only from sources we can
/// cite (README.md, bundled providers); www/profiles/sources/ keeps each one's
/// research log. `tests/figures.rs` holds each name to its profile's.
pub const SOURCES: &[Bundled] = &[
    Bundled {
        id: "tencent-cloud",
        name: "Tencent Cloud",
        json: include_str!(concat!(env!("OUT_DIR"), "/tencent-cloud.json")),
    },
    Bundled { id: "aws", name: "Amazon Web Services", json: include_str!(concat!(env!("OUT_DIR"), "/aws.json")) },
    Bundled {
        id: "microsoft-azure",
        name: "Microsoft Azure",
        json: include_str!(concat!(env!("OUT_DIR"), "/microsoft-azure.json")),
    },
    Bundled {
        id: "google-cloud",
        name: "Google Cloud",
        json: include_str!(concat!(env!("OUT_DIR"), "/google-cloud.json")),
    },
];

thread_local! {
    // Each parsed the first time it is asked for, then kept: the page
    // starts with one provider, and parsing all four (about 120 KB of JSON,
    // every field checked) would hold up its first render.
    static PARSED: [OnceCell<Option<Rc<Profile>>>; SOURCES.len()] = const { [const { OnceCell::new() }; SOURCES.len()] };
}

fn parsed(index: usize) -> Option<Rc<Profile>> {
    let source = SOURCES.get(index)?;
    PARSED.with(|all| {
        all.get(index)?.get_or_init(|| Profile::parse(source.json).ok().map(|c| Rc::new(c.profile))).clone()
    })
}

/// Every bundled profile (all parse; a test holds them to that).
pub fn all() -> Vec<Rc<Profile>> {
    (0..SOURCES.len()).filter_map(parsed).collect()
}

/// The bundled profile with this id.
pub fn get(id: &str) -> Option<Rc<Profile>> {
    parsed(SOURCES.iter().position(|s| s.id == id)?)
}

/// Whether a bundled provider has this id: no other profile may take it.
pub fn is_bundled_id(id: &str) -> bool {
    SOURCES.iter().any(|s| s.id == id)
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
