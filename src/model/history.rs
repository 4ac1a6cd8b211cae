//! What a version of a decision says about itself: in a few words, what
//! changed since the version before ("weight Q7 3 → 5", "Amazon Web
//! Services, Q14: finding"), for the History list. The browser keeps the
//! versions themselves (ui/history.rs); this is the pure part.

use super::catalog::QuestionId;
use super::decision::Decision;

/// The changes from `old` to `new`, most telling first, in at most a few
/// words; "no change" when they are the same decision.
pub fn describe(old: &Decision, new: &Decision) -> String {
    let mut said: Vec<String> = Vec::new();
    for c in new.providers() {
        if !old.providers().any(|o| o.id() == c.id()) {
            said.push(format!("{} added", c.name()));
        }
    }
    for c in old.providers() {
        if !new.providers().any(|n| n.id() == c.id()) {
            said.push(format!("{} taken out", c.name()));
        }
    }
    for c in new.candidates.iter() {
        let Some(o) = old.candidate(c.id()) else { continue };
        if o.profile != c.profile {
            said.push(format!("{}: profile changed", c.name()));
        }
        for q in QuestionId::all() {
            let n = q.number();
            match (o.record.finding(q), c.record.finding(q)) {
                (None, Some(f)) => said.push(format!("{}, Q{n}: finding ({})", c.name(), f.status)),
                (Some(_), None) => said.push(format!("{}, Q{n}: finding removed", c.name())),
                (Some(a), Some(b)) if a != b => said.push(format!("{}, Q{n}: finding changed", c.name())),
                _ => {}
            }
            if o.record.note(q) != c.record.note(q) {
                said.push(format!("{}, Q{n}: note", c.name()));
            }
        }
    }
    if old.preset != new.preset {
        said.push(format!("preset {} → {}", old.preset.id(), new.preset.id()));
    } else {
        for q in QuestionId::all() {
            let (a, b) = (old.weights.get(q), new.weights.get(q));
            if a != b {
                said.push(format!("weight Q{} {a} → {b}", q.number()));
            }
        }
    }
    // The lab's own choices, not a weight's consequence (a question weighted
    // 5 joins the set by itself).
    if old.confirm != new.confirm {
        said.push("confirm in writing changed".to_owned());
    }
    if old.age != new.age {
        said.push("evidence age changed".to_owned());
    }
    if old.focus != new.focus && said.is_empty() {
        said.push(match new.focused() {
            Some(c) => format!("{} in focus", c.name()),
            None => "no provider in focus".to_owned(),
        });
    }
    match said.len() {
        0 => "no change".to_owned(),
        1..=3 => said.join("; "),
        n => format!("{}; and {} more changes", said[..2].join("; "), n - 2),
    }
}

/// Whether `b` only goes on typing what `a` was typing: the two differ in
/// the text of one note, or of one finding's reference, of one provider's
/// question, and in nothing else. Such steps make one version once typing
/// pauses; any other change makes a version of its own.
pub fn same_edit(a: &Decision, b: &Decision) -> bool {
    let mut changed = 0;
    if a.preset != b.preset
        || a.weights != b.weights
        || a.age != b.age
        || a.confirm != b.confirm
        || a.focus != b.focus
        || a.candidates.len() != b.candidates.len()
    {
        return false;
    }
    for (x, y) in a.candidates.iter().zip(&b.candidates) {
        if x.id() != y.id() || x.set_aside != y.set_aside || x.profile != y.profile {
            return false;
        }
        for q in QuestionId::all() {
            if x.record.note(q) != y.record.note(q) {
                changed += 1;
            }
            match (x.record.finding(q), y.record.finding(q)) {
                (Some(f), Some(g)) if f != g => {
                    let only_reference =
                        f.status == g.status && f.basis == g.basis && f.date == g.date && f.url == g.url;
                    if !only_reference {
                        return false;
                    }
                    changed += 1;
                }
                (None, Some(_)) | (Some(_), None) => return false,
                _ => {}
            }
        }
    }
    changed <= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::bundled;
    use crate::model::record::Finding;
    use crate::model::status::Status;
    use crate::model::weights::{Preset, Weight};

    fn q(n: u64) -> QuestionId {
        QuestionId::new(n).unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn typing_in_one_note_is_one_edit_and_anything_else_is_not() {
        let a = Decision::of(bundled::all(), Preset::Balanced);
        let mut b = a.clone();
        b.set_note("aws", q(3), "A".into());
        let mut c = b.clone();
        c.set_note("aws", q(3), "AB".into());
        assert!(same_edit(&b, &c) && same_edit(&a, &b));
        let mut other_note = c.clone();
        other_note.set_note("aws", q(4), "x".into());
        assert!(!same_edit(&b, &other_note), "two notes changed");
        let mut weight = b.clone();
        weight.set_weight(q(1), Weight::new(5).unwrap_or_else(|| unreachable!()));
        assert!(!same_edit(&b, &weight));
        let mut finding = b.clone();
        finding.set_finding("aws", q(3), Some(Finding::new(Status::Adverse)));
        assert!(!same_edit(&b, &finding));
    }

    #[test]
    fn says_what_changed_in_a_few_words() {
        let old = Decision::of(bundled::all(), Preset::Balanced);
        assert_eq!(describe(&old, &old), "no change");
        let mut new = old.clone();
        new.set_weight(q(7), Weight::new(5).unwrap_or_else(|| unreachable!()));
        assert_eq!(describe(&old, &new), "weight Q7 3 → 5");
        new.set_finding("aws", q(14), Some(Finding::new(Status::Documented)));
        assert_eq!(describe(&old, &new), "Amazon Web Services, Q14: finding (documented); weight Q7 3 → 5");
        let mut more = new.clone();
        for n in 1..=5 {
            more.set_note("aws", q(n), "x".into());
        }
        assert!(describe(&old, &more).ends_with("and 5 more changes"), "{}", describe(&old, &more));
        let mut aside = old.clone();
        aside.set_aside("google-cloud");
        assert_eq!(describe(&old, &aside), "Google Cloud taken out");
        let mut focus = old.clone();
        focus.set_focus(Some("aws"));
        assert_eq!(describe(&old, &focus), "Amazon Web Services in focus");
    }
}
