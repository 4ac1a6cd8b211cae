//! A profile being written or edited in the widget ("New provider", "Edit profile"):
//! every field as the text the user typed. It becomes a profile only through
//! the same reader and checks as a loaded file, so an editor can never save
//! what a file could not hold, and each problem comes back with the JSON
//! pointer of its field.

use super::bundled;
use super::catalog::QuestionId;
use super::import::slug;
use super::json::Node;
use super::profile::{Date, Issue, IssueKind, Profile};
use super::status::Status;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftCitation {
    pub title: String,
    pub url: String,
    pub date: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DraftAnswer {
    pub status: Status,
    pub status_basis: String,
    pub summary: String,
    pub ask: String,
    pub citations: Vec<DraftCitation>,
}

impl Default for DraftAnswer {
    fn default() -> Self {
        DraftAnswer {
            status: Status::Undisclosed,
            status_basis: String::new(),
            summary: String::new(),
            ask: String::new(),
            citations: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub id: String,
    pub name: String,
    pub website: String,
    pub source_title: String,
    pub source_url: String,
    pub source_retrieved: String,
    pub managed_security_services: String,
    pub notes: String,
    /// q1..q18.
    pub answers: [DraftAnswer; QuestionId::COUNT],
}

impl Draft {
    /// A new provider: named, its id derived from the name, every question
    /// undisclosed until the lab fills it in.
    pub fn new_provider(name: &str) -> Draft {
        Draft {
            id: slug(name),
            name: name.to_owned(),
            website: String::new(),
            source_title: String::new(),
            source_url: String::new(),
            source_retrieved: String::new(),
            managed_security_services: String::new(),
            notes: String::new(),
            answers: Default::default(),
        }
    }

    /// A profile to edit. `copy`: a bundled profile is never edited in place;
    /// its copy gets a new id and "(edited)" in its name.
    pub fn of(profile: &Profile, copy: bool) -> Draft {
        let text = |s: Option<&String>| s.cloned().unwrap_or_default();
        let source = profile.source.as_ref();
        let mut d = Draft {
            id: profile.provider.id.clone(),
            name: profile.provider.name.clone(),
            website: profile.provider.website.as_ref().map_or_else(String::new, |u| u.as_str().to_owned()),
            source_title: source.map_or_else(String::new, |s| s.title.clone()),
            source_url: source.and_then(|s| s.url.as_ref()).map_or_else(String::new, |u| u.as_str().to_owned()),
            source_retrieved: source
                .and_then(|s| s.retrieved.as_ref())
                .map_or_else(String::new, |d| d.as_str().to_owned()),
            managed_security_services: text(profile.managed_security_services.as_ref()),
            notes: text(profile.notes.as_ref()),
            answers: Default::default(),
        };
        for q in QuestionId::all() {
            if let Some(a) = profile.answer(q) {
                d.answers[q.index()] = DraftAnswer {
                    status: a.status,
                    status_basis: text(a.status_basis.as_ref()),
                    summary: a.summary.clone(),
                    ask: text(a.ask.as_ref()),
                    citations: a
                        .citations
                        .iter()
                        .map(|c| DraftCitation {
                            title: c.title.clone(),
                            url: c.url.as_str().to_owned(),
                            date: c.date.as_ref().map_or_else(String::new, |d| d.as_str().to_owned()),
                        })
                        .collect(),
                };
            }
        }
        if copy {
            let base: String = d.id.chars().take(33).collect();
            d.id = format!("{}-edited", base.trim_end_matches('-'));
            let name: String = d.name.chars().take(91).collect();
            d.name = format!("{name} (edited)");
        }
        d
    }

    /// The draft as profile JSON; empty optional fields are left out.
    pub fn to_json(&self) -> Node {
        let opt = |members: &mut Vec<(&'static str, Node)>, key: &'static str, value: &str| {
            if !value.is_empty() {
                members.push((key, Node::str(value)));
            }
        };
        let mut provider = vec![("id", Node::str(&self.id)), ("name", Node::str(&self.name))];
        opt(&mut provider, "website", &self.website);
        let mut root = vec![
            ("format", Node::str(super::profile::FORMAT)),
            ("version", Node::num(super::profile::VERSION)),
            ("provider", Node::object(provider)),
        ];
        if !(self.source_title.is_empty() && self.source_url.is_empty() && self.source_retrieved.is_empty()) {
            let mut source = vec![("title", Node::str(&self.source_title))];
            opt(&mut source, "url", &self.source_url);
            opt(&mut source, "retrieved", &self.source_retrieved);
            root.push(("source", Node::object(source)));
        }
        let answers = QuestionId::all().map(|q| {
            let a = &self.answers[q.index()];
            let mut m = vec![("question", Node::num(q.number())), ("status", Node::str(a.status.id()))];
            opt(&mut m, "status_basis", &a.status_basis);
            m.push(("summary", Node::str(&a.summary)));
            opt(&mut m, "ask", &a.ask);
            let citations = a.citations.iter().map(|c| {
                let mut cm = vec![("title", Node::str(&c.title)), ("url", Node::str(&c.url))];
                if !c.date.is_empty() {
                    cm.push(("date", Node::str(&c.date)));
                }
                Node::object(cm)
            });
            m.push(("citations", Node::array(citations)));
            Node::object(m)
        });
        root.push(("answers", Node::array(answers)));
        opt(&mut root, "managed_security_services", &self.managed_security_services);
        opt(&mut root, "notes", &self.notes);
        Node::object(root)
    }

    /// The profile, checked exactly as a loaded file is; or every problem,
    /// each with its field's JSON pointer. A date after `today` (a warning
    /// when a file is loaded) is refused here: the editor is where it is
    /// typed, and where it can be put right. A written profile may not take
    /// a bundled provider's id: that id names the cited, bundled profile in
    /// links and decisions.
    pub fn check(&self, today: &Date) -> Result<Profile, Vec<Issue>> {
        let future =
            |warnings: Vec<Issue>| warnings.into_iter().filter(|w| matches!(w.kind, IssueKind::FutureDate { .. }));
        let mut errors: Vec<Issue> = match Profile::parse_as_of(&self.to_json().to_string(), today) {
            Ok(c) => future(c.warnings).collect(),
            Err(r) => r.errors.into_iter().chain(future(r.warnings)).collect(),
        };
        if bundled::is_bundled_id(self.id.trim()) {
            errors.push(Issue {
                pointer: "/provider/id".into(),
                pos: Default::default(),
                kind: IssueKind::BundledId(self.id.trim().to_owned()),
            });
        }
        match Profile::parse_as_of(&self.to_json().to_string(), today) {
            Ok(c) if errors.is_empty() => Ok(c.profile),
            _ => Err(errors),
        }
    }
}
