//! Golden figures (docs/scoring.md) and the properties every evaluation keeps.
//!
//! Tencent Cloud's bundled statuses give these risks, q1..q18:
//!   50 50 100 75 50 50 75 50 0 75 50 50 75 75 75 0 50 75
//! Each golden case below shows its sums: overall = Σw·r / Σw, coverage =
//! Σw over documented/adverse (q3, q9, q16) × 100 / Σw, and gap points
//! w·r / Σw, rounded half away from zero to one decimal.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use csp_radar::model::figures::shown;
use csp_radar::model::{bundled, Domain, Evaluation, Figures, Preset, QuestionId, Status, Weight, Weights};
use proptest::prelude::*;

fn tencent(preset: Preset) -> Evaluation {
    Evaluation::new(bundled::default_profile(), preset)
}

fn q(n: u64) -> QuestionId {
    QuestionId::new(n).unwrap()
}

struct Expected<'a> {
    overall: &'a str,
    band: &'a str,
    coverage: &'a str,
    domains: [&'a str; 8],
    gaps: &'a [(u8, &'a str)],
}

fn assert_figures(f: &Figures, x: &Expected) {
    assert_eq!(shown(f.overall), x.overall, "overall");
    assert_eq!(f.band().map(|b| b.id()), Some(x.band), "band");
    assert_eq!(shown(f.coverage), x.coverage, "coverage");
    let domains: Vec<String> = Domain::ALL.iter().map(|&d| shown(f.domain(d))).collect();
    assert_eq!(domains, x.domains, "domains in radar order");
    let gaps: Vec<(u8, String)> = f.gaps.iter().map(|&g| (g.number(), shown(f.line(g).points))).collect();
    let expected: Vec<(u8, String)> = x.gaps.iter().map(|(n, p)| (*n, (*p).to_owned())).collect();
    assert_eq!(gaps, expected, "gap list");
}

#[test]
fn golden_tencent_balanced() {
    // Σw = 54 (18 × 3); Σw·r = 3 × 1025 = 3075; 3075/54 = 56.94 → 56.9 high.
    // coverage = 9 × 100 / 54 = 16.67 → 16.7.
    // domains: fit (50+50)/2 = 50; availability (100+75+75)/3 = 83.3;
    // location 50; access (50+50)/2 = 50; compliance (75+75)/2 = 75;
    // security (0+75+50)/3 = 41.7; logging (50+75)/2 = 62.5; exit (75+0+50)/3 = 41.7.
    // gaps: q3 300/54 = 5.6; the 7 undisclosed 225/54 = 4.2; the 8 partial 150/54 = 2.8.
    assert_figures(
        &tencent(Preset::Balanced).figures(),
        &Expected {
            overall: "56.9",
            band: "high",
            coverage: "16.7",
            domains: ["50.0", "83.3", "50.0", "50.0", "75.0", "41.7", "62.5", "41.7"],
            gaps: &[
                (3, "5.6"),
                (4, "4.2"),
                (7, "4.2"),
                (10, "4.2"),
                (13, "4.2"),
                (14, "4.2"),
                (15, "4.2"),
                (18, "4.2"),
                (1, "2.8"),
                (2, "2.8"),
                (5, "2.8"),
                (6, "2.8"),
                (8, "2.8"),
                (11, "2.8"),
                (12, "2.8"),
                (17, "2.8"),
            ],
        },
    );
}

#[test]
fn golden_tencent_clinical() {
    // w = 3 3 4 4 5 5 5 4 4 4 4 4 4 5 4 4 4 3, Σw = 73.
    // Σw·r = 150+150+400+300+250+250+375+200+0+300+200+200+300+375+300+0+200+225 = 4175;
    // 4175/73 = 57.19 → 57.2 high. coverage = (4+4+4) × 100 / 73 = 16.44 → 16.4.
    // availability (400+300+225)/(4+4+3) = 925/11 = 84.09; location 250/5 = 50;
    // access (250+200)/9 = 50; compliance (375+375)/10 = 75; security (0+300+200)/12 = 41.7;
    // logging (200+300)/8 = 62.5; exit (300+0+200)/12 = 41.7.
    // gaps: q3 400/73 = 5.48 → 5.5; q7, q14 375/73 = 5.14; q4, q10, q13, q15 300/73 = 4.11;
    // q5, q6 250/73 = 3.42; q18 225/73 = 3.08; q8, q11, q12, q17 200/73 = 2.74; q1, q2 150/73 = 2.05.
    assert_figures(
        &tencent(Preset::Clinical).figures(),
        &Expected {
            overall: "57.2",
            band: "high",
            coverage: "16.4",
            domains: ["50.0", "84.1", "50.0", "50.0", "75.0", "41.7", "62.5", "41.7"],
            gaps: &[
                (3, "5.5"),
                (7, "5.1"),
                (14, "5.1"),
                (4, "4.1"),
                (10, "4.1"),
                (13, "4.1"),
                (15, "4.1"),
                (5, "3.4"),
                (6, "3.4"),
                (18, "3.1"),
                (8, "2.7"),
                (11, "2.7"),
                (12, "2.7"),
                (17, "2.7"),
                (1, "2.1"),
                (2, "2.1"),
            ],
        },
    );
}

#[test]
fn golden_tencent_research() {
    // w = 3 4 3 3 3 3 2 3 3 3 3 2 2 0 4 4 5 2, Σw = 52; q14 drops out (w = 0).
    // Σw·r = 150+200+300+225+150+150+150+150+0+225+150+100+150+0+300+0+250+150 = 2800;
    // 2800/52 = 53.85 → 53.8 high. coverage = (3+3+4) × 100 / 52 = 19.23 → 19.2.
    // fit 350/7 = 50; availability (300+225+150)/8 = 84.375 → 84.4; compliance 150/2 = 75
    // (q14 out); logging (100+150)/4 = 62.5; exit (300+0+250)/13 = 42.31.
    // gaps: q3, q15 300/52 = 5.77; q17 250/52 = 4.81; q4, q10 225/52 = 4.33; q2 200/52 = 3.85;
    // the 150s 2.88; q12 100/52 = 1.92.
    assert_figures(
        &tencent(Preset::Research).figures(),
        &Expected {
            overall: "53.8",
            band: "high",
            coverage: "19.2",
            domains: ["50.0", "84.4", "50.0", "50.0", "75.0", "41.7", "62.5", "42.3"],
            gaps: &[
                (3, "5.8"),
                (15, "5.8"),
                (17, "4.8"),
                (4, "4.3"),
                (10, "4.3"),
                (2, "3.8"),
                (1, "2.9"),
                (5, "2.9"),
                (6, "2.9"),
                (7, "2.9"),
                (8, "2.9"),
                (11, "2.9"),
                (13, "2.9"),
                (18, "2.9"),
                (12, "1.9"),
            ],
        },
    );
}

#[test]
fn golden_tencent_manufacturing() {
    // w = 4 4 4 4 3 4 5 3 4 3 4 5 5 0 4 4 4 3, Σw = 67.
    // Σw·r = 200+200+400+300+150+200+375+150+0+225+200+250+375+0+300+0+200+225 = 3750;
    // 3750/67 = 55.97 → 56.0 high. coverage = (4+4+4) × 100 / 67 = 17.91 → 17.9.
    // access (200+150)/7 = 50; compliance 375/5 = 75; security (0+225+200)/11 = 38.64;
    // logging (250+375)/10 = 62.5.
    // gaps: q3 400/67 = 5.97 → 6.0; q7, q13 375/67 = 5.60; q4, q15 300/67 = 4.48;
    // q12 250/67 = 3.73; q10, q18 225/67 = 3.36; the 200s 2.99 → 3.0; q5, q8 150/67 = 2.24.
    assert_figures(
        &tencent(Preset::Manufacturing).figures(),
        &Expected {
            overall: "56.0",
            band: "high",
            coverage: "17.9",
            domains: ["50.0", "84.1", "50.0", "50.0", "75.0", "38.6", "62.5", "41.7"],
            gaps: &[
                (3, "6.0"),
                (7, "5.6"),
                (13, "5.6"),
                (4, "4.5"),
                (15, "4.5"),
                (12, "3.7"),
                (10, "3.4"),
                (18, "3.4"),
                (1, "3.0"),
                (2, "3.0"),
                (6, "3.0"),
                (11, "3.0"),
                (17, "3.0"),
                (5, "2.2"),
                (8, "2.2"),
            ],
        },
    );
}

#[test]
fn golden_findings_replace_the_profile_status_everywhere() {
    // clinical, with the lab's findings: q3 documented (was adverse),
    // q10 partial (was undisclosed), q14 adverse (was undisclosed).
    // Σw·r = 4175 − 400 (q3) − 100 (q10: 4×75 → 4×50) + 125 (q14: 5×75 → 5×100) = 3800;
    // 3800/73 = 52.05 → 52.1 high. coverage = (q3 4 + q9 4 + q14 5 + q16 4) × 100 / 73 = 23.29.
    // availability (0+300+225)/11 = 47.7; compliance (375+500)/10 = 87.5;
    // security (0+200+200)/12 = 33.3. gaps: q14 500/73 = 6.85 first; q3 leaves the list.
    let mut e = tencent(Preset::Clinical);
    for (n, st) in [(3, Status::Documented), (10, Status::Partial), (14, Status::Adverse)] {
        e.record.set_finding(q(n), Some(csp_radar::model::Finding::new(st)));
    }
    let f = e.figures();
    assert_figures(
        &f,
        &Expected {
            overall: "52.1",
            band: "high",
            coverage: "23.3",
            domains: ["50.0", "47.7", "50.0", "50.0", "87.5", "33.3", "62.5", "41.7"],
            gaps: &[
                (14, "6.8"),
                (7, "5.1"),
                (4, "4.1"),
                (13, "4.1"),
                (15, "4.1"),
                (5, "3.4"),
                (6, "3.4"),
                (18, "3.1"),
                (8, "2.7"),
                (10, "2.7"),
                (11, "2.7"),
                (12, "2.7"),
                (17, "2.7"),
                (1, "2.1"),
                (2, "2.1"),
            ],
        },
    );
    assert!(f.line(q(14)).lab_finding && !f.line(q(1)).lab_finding);
}

#[test]
fn all_weights_zero_gives_no_overall_and_na_domains() {
    let mut e = tencent(Preset::Balanced);
    for id in QuestionId::all() {
        e.weights.set(id, Weight::new(0).unwrap());
    }
    let f = e.figures();
    assert_eq!((f.overall, f.coverage, f.band()), (None, None, None));
    assert!(f.domains.iter().all(Option::is_none));
    assert!(f.gaps.is_empty());
}

#[test]
fn rounding_is_half_away_from_zero_and_bands_use_exact_values() {
    use csp_radar::model::figures::{Band, Ratio};
    assert_eq!(Ratio::new(1, 16).unwrap().to_string(), "0.1"); // 0.0625
    assert_eq!(Ratio::new(5, 200).unwrap().to_string(), "0.0"); // 0.025
    assert_eq!(Ratio::new(1, 20).unwrap().to_string(), "0.1"); // 0.05 exactly → up
    assert_eq!(Ratio::new(4995, 100).unwrap().to_string(), "50.0"); // 49.95 → 50.0 ...
    assert_eq!(Band::of(Ratio::new(4995, 100).unwrap()), Band::Moderate); // ... yet still moderate
    assert_eq!(Band::of(Ratio::new(25, 1).unwrap()), Band::Moderate);
    assert_eq!(Band::of(Ratio::new(75, 1).unwrap()), Band::Critical);
}

fn weights_strategy() -> impl Strategy<Value = Weights> {
    proptest::collection::vec(0u64..=5, 18).prop_map(|ws| {
        let mut w = Preset::Balanced.weights();
        for (id, v) in QuestionId::all().zip(ws) {
            w.set(id, Weight::new(v).unwrap());
        }
        w
    })
}

fn statuses_strategy() -> impl Strategy<Value = Vec<Status>> {
    proptest::collection::vec(proptest::sample::select(Status::ALL.to_vec()), 18)
}

fn compute(w: &Weights, st: &[Status]) -> Figures {
    Figures::compute(w, |q| st[q.index()], |_| false)
}

proptest! {
    #[test]
    fn points_add_up_to_overall_exactly(w in weights_strategy(), st in statuses_strategy()) {
        let f = compute(&w, &st);
        match f.overall {
            None => prop_assert!(f.lines.iter().all(|l| l.points.is_none())),
            Some(overall) => {
                let den = overall.denominator();
                let sum: u64 = f.lines.iter().map(|l| { let p = l.points.unwrap(); prop_assert_eq!(p.denominator(), den); Ok(p.numerator()) }).collect::<Result<Vec<_>, _>>()?.iter().sum();
                prop_assert_eq!(sum, overall.numerator());
            }
        }
    }

    #[test]
    fn every_figure_stays_within_0_and_100(w in weights_strategy(), st in statuses_strategy()) {
        let f = compute(&w, &st);
        let all = f.domains.iter().copied().chain([f.overall, f.coverage]).chain(f.lines.iter().map(|l| l.points)).flatten();
        for r in all {
            prop_assert!(r.tenths() <= 1000, "{r}");
            prop_assert!(r.numerator() <= 100 * r.denominator());
        }
    }

    #[test]
    fn raising_the_riskiest_question_never_lowers_overall(w in weights_strategy(), st in statuses_strategy()) {
        let riskiest = QuestionId::all().max_by_key(|q| (st[q.index()].risk(), std::cmp::Reverse(q.number()))).unwrap();
        let before = compute(&w, &st);
        let old = w.get(riskiest).value();
        for up in old + 1..=5 {
            let after = compute(&w.with(riskiest, Weight::new(u64::from(up)).unwrap()), &st);
            match (before.overall, after.overall) {
                (Some(b), Some(a)) => prop_assert!(a >= b, "q{} {} → {}: {} < {}", riskiest.number(), old, up, a, b),
                (None, a) => prop_assert!(a.is_some()),
                (Some(_), None) => prop_assert!(false, "overall vanished"),
            }
        }
    }

    #[test]
    fn weight_zero_makes_a_question_vanish(w in weights_strategy(), st in statuses_strategy(), n in 1u64..=18, other in statuses_strategy()) {
        let gone = q(n);
        let w = w.with(gone, Weight::new(0).unwrap());
        let f = compute(&w, &st);
        // Changing the status of a weight-0 question changes nothing at all...
        let mut st2 = st.clone();
        st2[gone.index()] = other[gone.index()];
        let f2 = compute(&w, &st2);
        prop_assert_eq!(f.overall, f2.overall);
        prop_assert_eq!(f.coverage, f2.coverage);
        prop_assert_eq!(f.domains, f2.domains);
        prop_assert_eq!(&f.gaps, &f2.gaps);
        // ... and it is never a gap, and adds no points.
        prop_assert!(!f.gaps.contains(&gone));
        prop_assert!(f.line(gone).points.is_none_or(|p| p.numerator() == 0));
    }

    #[test]
    fn gap_list_is_ordered_by_points_then_number(w in weights_strategy(), st in statuses_strategy()) {
        let f = compute(&w, &st);
        for pair in f.gaps.windows(2) {
            let (a, b) = (f.line(pair[0]), f.line(pair[1]));
            prop_assert!(a.points > b.points || (a.points == b.points && a.question < b.question));
        }
        let expected = QuestionId::all().filter(|&q| w.get(q).value() > 0 && st[q.index()].risk() > 0).count();
        prop_assert_eq!(f.gaps.len(), expected);
    }
}

#[test]
fn bundled_profiles_all_parse_without_warnings() {
    for b in bundled::SOURCES {
        let id = b.id;
        let checked = csp_radar::model::Profile::parse(b.json).unwrap_or_else(|r| panic!("{id}: {r}"));
        assert!(checked.warnings.is_empty(), "{id}: {:?}", checked.warnings);
        assert_eq!(checked.profile.provider.id, id);
        assert_eq!(checked.profile.provider.name, b.name, "{id}: the pickers show the profile's own name");
        assert_eq!(*bundled::get(id).unwrap(), checked.profile);
    }
    let _ = Rc::clone(&bundled::default_profile());
}

#[test]
fn tencent_statuses_and_citations_are_the_bundled_ones() {
    let p = bundled::default_profile();
    // q1..q18: partial partial adverse undisclosed partial partial undisclosed partial
    // documented undisclosed partial partial undisclosed undisclosed undisclosed documented partial undisclosed
    let letters: String = QuestionId::all().map(|id| p.status(id).letter()).collect();
    assert_eq!(letters, "ppauppupduppuuudpu");
    for id in QuestionId::all() {
        assert!(!p.answer(id).unwrap().summary.is_empty(), "q{} has a summary", id.number());
    }
    let q3 = p.answer(q(3)).unwrap();
    assert!(q3.citations.iter().any(|c| c.url.as_str().contains("yicaiglobal.com")), "q3 cites the 2018 news report");
    assert!(q3.citations.iter().any(|c| c.url.as_str().contains("301/30393")), "q3 cites the SLA");
}
