//! How old the evidence is (docs/scoring.md, evidence age). An answer's
//! evidence date is the newest date among its citations; it is stale when
//! that is more than N months before the evaluation's "as of" date.
//! Staleness is shown and exported, and never changes a figure.

use std::fmt;

use super::profile::{Answer, Date};

/// After how many months evidence counts as stale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StaleAfter {
    Months12,
    Months24,
    #[default]
    Months36,
    Months60,
}

impl StaleAfter {
    pub const ALL: [StaleAfter; 4] =
        [StaleAfter::Months12, StaleAfter::Months24, StaleAfter::Months36, StaleAfter::Months60];

    pub fn months(self) -> u32 {
        match self {
            StaleAfter::Months12 => 12,
            StaleAfter::Months24 => 24,
            StaleAfter::Months36 => 36,
            StaleAfter::Months60 => 60,
        }
    }

    pub fn from_months(m: u64) -> Option<StaleAfter> {
        StaleAfter::ALL.into_iter().find(|s| u64::from(s.months()) == m)
    }

    /// "3 years", as a summary says it.
    pub fn words(self) -> &'static str {
        match self {
            StaleAfter::Months12 => "1 year",
            StaleAfter::Months24 => "2 years",
            StaleAfter::Months36 => "3 years",
            StaleAfter::Months60 => "5 years",
        }
    }
}

impl fmt::Display for StaleAfter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.months())
    }
}

/// The evaluation's settings for evidence age: the date it is judged as of
/// (`None`: today, whenever it is opened) and the stale threshold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EvidenceAge {
    pub as_of: Option<Date>,
    pub stale_after: StaleAfter,
}

/// Year, month and day of a checked date.
fn parts(d: &Date) -> (i64, i64, i64) {
    let s = d.as_str();
    let n = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<i64>().ok()).unwrap_or(0);
    (n(0..4), n(5..7), n(8..10))
}

/// Whole months from `from` to `to` (negative when `from` is later).
pub fn months_between(from: &Date, to: &Date) -> i64 {
    let (y1, m1, d1) = parts(from);
    let (y2, m2, d2) = parts(to);
    let months = (y2 * 12 + m2) - (y1 * 12 + m1);
    if months > 0 && d2 < d1 {
        months - 1
    } else if months < 0 && d2 > d1 {
        months + 1
    } else {
        months
    }
}

/// "7 years old", "5 months old", "from the future" (a date after as-of).
pub fn age_words(months: i64) -> String {
    match months {
        m if m < 0 => "dated after the as-of date".to_owned(),
        0 => "less than a month old".to_owned(),
        1 => "1 month old".to_owned(),
        m if m < 24 => format!("{m} months old"),
        m => format!("{} years old", m / 12),
    }
}

/// The age of one answer's evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerAge {
    /// No citations: nothing to date.
    NotCited,
    /// Cited, but no citation has a date.
    Undated,
    Dated {
        newest: Date,
        months: i64,
        stale: bool,
    },
}

impl AnswerAge {
    /// `finding` is the date of the lab's own finding on the question, if
    /// any: it counts as evidence beside the profile's citations.
    pub fn of(answer: Option<&Answer>, finding: Option<&Date>, as_of: &Date, stale_after: StaleAfter) -> AnswerAge {
        let citations = answer.map_or(&[][..], |a| a.citations.as_slice());
        if citations.is_empty() && finding.is_none() {
            return AnswerAge::NotCited;
        }
        // Dates are YYYY-MM-DD, so the newest is the greatest string.
        match citations.iter().filter_map(|c| c.date.as_ref()).chain(finding).max_by(|x, y| x.as_str().cmp(y.as_str()))
        {
            None => AnswerAge::Undated,
            Some(newest) => {
                let months = months_between(newest, as_of);
                AnswerAge::Dated { newest: newest.clone(), months, stale: months > i64::from(stale_after.months()) }
            }
        }
    }

    pub fn is_stale(&self) -> bool {
        matches!(self, AnswerAge::Dated { stale: true, .. })
    }

    /// "evidence from 2019-05, 7 years old"; "undated evidence".
    pub fn words(&self) -> Option<String> {
        match self {
            AnswerAge::NotCited => None,
            AnswerAge::Undated => Some("undated evidence: no cited source gives a date".to_owned()),
            AnswerAge::Dated { newest, months, .. } => Some(format!(
                "evidence from {}, {}",
                newest.as_str().get(..7).unwrap_or(newest.as_str()),
                age_words(*months)
            )),
        }
    }
}

/// The summary line: how many cited answers are stale or undated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AgeSummary {
    pub cited: usize,
    pub stale: usize,
    pub undated: usize,
}

impl AgeSummary {
    pub fn of<'a>(ages: impl IntoIterator<Item = &'a AnswerAge>) -> AgeSummary {
        ages.into_iter().fold(AgeSummary::default(), |mut s, a| {
            match a {
                AnswerAge::NotCited => {}
                AnswerAge::Undated => {
                    s.cited += 1;
                    s.undated += 1;
                }
                AnswerAge::Dated { stale, .. } => {
                    s.cited += 1;
                    s.stale += usize::from(*stale);
                }
            }
            s
        })
    }

    /// "4 of 12 cited answers rest on evidence older than 3 years; 2 are undated."
    pub fn sentence(&self, stale_after: StaleAfter) -> String {
        let mut s = format!(
            "{} of {} cited answers rest on evidence older than {}",
            self.stale,
            self.cited,
            stale_after.words()
        );
        if self.undated > 0 {
            s.push_str(&format!("; {} cite only undated sources", self.undated));
        }
        s.push('.');
        s
    }
}

/// Today as a date, from days since 1970-01-01 (civil-from-days, Howard
/// Hinnant's algorithm): the CLI's and the widget's default "as of".
pub fn date_from_days(days: i64) -> Option<Date> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::parse(&format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn months_count_whole_months() {
        assert_eq!(months_between(&d("2019-05-17"), &d("2026-11-24")), 90);
        assert_eq!(months_between(&d("2023-08-04"), &d("2026-08-03")), 35);
        assert_eq!(months_between(&d("2023-08-04"), &d("2026-08-04")), 36);
        assert_eq!(months_between(&d("2026-12-01"), &d("2026-11-24")), 0);
        assert_eq!(age_words(90), "7 years old");
        assert_eq!(age_words(5), "5 months old");
    }

    #[test]
    fn days_to_dates() {
        assert_eq!(date_from_days(0).unwrap().as_str(), "1970-01-01");
        assert_eq!(date_from_days(20_416).unwrap().as_str(), "2025-11-24");
        assert_eq!(date_from_days(11_016).unwrap().as_str(), "2000-02-29");
    }
}
