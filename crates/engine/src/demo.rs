//! The guided demo: the vanished-clients story.
//!
//! Fifteen past contracts with feedback, two hourly contracts whose clients went silent months
//! ago, and one fixed-price milestone waiting for approval. The facts are written as of
//! 2026-11-27; [`vanished_clients`] moves every date by the same number of days so that the
//! story reads the same whenever the demo is opened.

use chrono::{Days, NaiveDate};

use crate::scenario::parse::{parse_str, Problem};
use crate::scenario::Scenario;

/// The demo as written, as of 2026-11-27.
pub const VANISHED_CLIENTS_JSON: &str = include_str!("demo/vanished_clients.json");

/// The demo with every date moved so that its `as_of` is `today`.
pub fn vanished_clients(today: NaiveDate) -> Result<Scenario, Vec<Problem>> {
    let scenario = parse_str(VANISHED_CLIENTS_JSON)?;
    let Some(as_of) = scenario.as_of else {
        return Ok(scenario);
    };
    let shift_days = (today - as_of).num_days();
    Ok(shift_dates(&scenario, shift_days))
}

/// Moves every date in the scenario by `days` (negative moves back). A date that would leave
/// chrono's range stays where it is, which cannot happen for any real scenario.
pub fn shift_dates(scenario: &Scenario, days: i64) -> Scenario {
    let shift = |d: NaiveDate| -> NaiveDate {
        let moved = if days >= 0 {
            d.checked_add_days(Days::new(days.unsigned_abs()))
        } else {
            d.checked_sub_days(Days::new(days.unsigned_abs()))
        };
        moved.unwrap_or(d)
    };
    let shift_opt = |d: Option<NaiveDate>| d.map(shift);
    let mut out = scenario.clone();
    out.as_of = shift_opt(out.as_of);
    for c in &mut out.contracts {
        c.start = shift(c.start);
        for p in c.payments.iter_mut().chain(c.refunds.iter_mut()) {
            p.date = shift(p.date);
        }
        if let Some(end) = &mut c.end {
            end.date = shift(end.date);
        }
        if let Some(fb) = &mut c.feedback {
            fb.date = shift(fb.date);
        }
        if let crate::scenario::Terms::Fixed { milestones } = &mut c.terms {
            for m in milestones {
                m.funded = shift_opt(m.funded);
                m.due = shift_opt(m.due);
                m.submitted = shift_opt(m.submitted);
                m.released = shift_opt(m.released);
                m.refunded = shift_opt(m.refunded);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jss::report::score_report;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn the_demo_parses_and_has_a_score() {
        let scenario = vanished_clients(date("2026-11-27")).expect("demo parses");
        assert_eq!(scenario.contracts.len(), 18);
        let open = scenario
            .contracts
            .iter()
            .filter(|c| c.end.is_none())
            .count();
        assert_eq!(open, 3);
        let report = score_report(&scenario, date("2026-11-27"));
        assert!(report.score.is_some(), "{report:?}");
    }

    #[test]
    fn shifting_keeps_the_story_and_the_score() {
        let base = vanished_clients(date("2026-11-27")).expect("demo parses");
        let later = vanished_clients(date("2027-03-01")).expect("demo parses");
        assert_eq!(later.as_of, Some(date("2027-03-01")));
        let days = (date("2027-03-01") - date("2026-11-27")).num_days();
        assert_eq!(
            later.contracts[0].start,
            base.contracts[0].start + chrono::Duration::days(days)
        );
        // Calendar months differ in length, so the score may move by rounding only.
        let a = score_report(&base, date("2026-11-27")).score;
        let b = score_report(&later, date("2027-03-01")).score;
        assert!(
            a.zip(b).is_some_and(|(a, b)| a.abs_diff(b) <= 2),
            "{a:?} {b:?}"
        );
    }
}
