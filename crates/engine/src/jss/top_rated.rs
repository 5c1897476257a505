//! Top Rated, Top Rated Plus and the compliance warning (MODEL.md §4).
//!
//! Choices where MODEL.md is silent:
//! - The badge is evaluated on any date `t` from the conditions at `t`: the displayed JSS at
//!   `t`, the last `top_rated_weeks_window` Saturday checks on or before `t` (a Saturday `t`
//!   counts as its own check), earnings dated `t − 12 months ..= t` (the JSS window
//!   convention), and the earliest contract start.
//! - Earnings include contracts with flagged clients: the badge counts money, not outcomes.
//! - Profile completeness, availability and account standing are assumed true.
//!
//! The status carries each condition with the threshold it was held to, so a reader shows the
//! engine's verdict and never applies a rule again.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::jss::cliff::Frozen;
use crate::jss::outcome::{add_days, days_between, Class};
use crate::money::Money;
use crate::rules::Params;
use crate::scenario::{Contract, Payment, Scenario};

/// Top Rated counts earnings over this many months up to the date (MODEL §4).
pub const EARNINGS_MONTHS: u32 = 12;

/// The badge conditions at one date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopRatedStatus {
    pub at: NaiveDate,
    pub jss_now: Option<u8>,
    /// The weekly checks looked at, newest first.
    pub weekly_checks: Vec<WeeklyCheck>,
    /// Checks with a JSS of at least `top_rated_min_jss`.
    pub weeks_at_min: u32,
    /// Payments minus refunds in the last [`EARNINGS_MONTHS`], in USD.
    #[serde(serialize_with = "serialize_usd")]
    pub earnings_12m: Money,
    pub first_contract_start: Option<NaiveDate>,
    /// A contract with at least `large_contract` earned in the last [`EARNINGS_MONTHS`] and no
    /// negative outcome (Top Rated Plus).
    pub large_contract: Option<String>,
    pub top_rated: bool,
    pub top_rated_plus: bool,
    /// The JSS is below `compliance_warning_below`.
    pub compliance_warning: bool,
    /// The `compliance_warning_below` the warning was held to.
    pub compliance_warning_below: u8,
    /// Every condition of Top Rated, in the order a user checks them (the JSS now first, since
    /// it alone can keep the badge away when the rest hold). `top_rated` is true exactly when
    /// all hold.
    pub conditions: Vec<TopRatedCondition>,
}

/// One Saturday check: the displayed JSS that day and whether it met `top_rated_min_jss`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct WeeklyCheck {
    pub saturday: NaiveDate,
    pub jss: Option<u8>,
    pub at_min: bool,
}

/// One condition of Top Rated: what the freelancer has, what the rules ask, and whether it
/// holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopRatedCondition {
    pub holds: bool,
    #[serde(flatten)]
    pub kind: ConditionKind,
}

/// What a Top Rated condition measures, with the value and the threshold.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "condition", rename_all = "snake_case")]
pub enum ConditionKind {
    /// The displayed JSS now is at least `min_jss` (`top_rated_min_jss`).
    JssNow { jss: Option<u8>, min_jss: u8 },
    /// At least `required` of the last `window` weekly checks met `min_jss`
    /// (`top_rated_weeks_required`, `top_rated_weeks_window`).
    WeeklyChecks {
        at_min: u32,
        window: u32,
        required: u32,
        min_jss: u8,
    },
    /// At least `minimum` earned over the last `months` (`top_rated_min_earnings_usd`).
    Earnings {
        #[serde(serialize_with = "serialize_usd")]
        earned: Money,
        #[serde(serialize_with = "serialize_usd")]
        minimum: Money,
        months: u32,
    },
    /// The first contract started more than `min_days` days before
    /// (`top_rated_first_contract_days`).
    FirstContract {
        started: Option<NaiveDate>,
        min_days: i64,
    },
}

fn serialize_usd<S: serde::Serializer>(money: &Money, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(money.to_usd())
}

/// The last Saturday on or before `t`.
pub fn saturday_on_or_before(t: NaiveDate) -> NaiveDate {
    let back = (t.weekday().num_days_from_sunday() + 1) % 7;
    add_days(t, -i64::from(back)).unwrap_or(t)
}

/// The Top Rated conditions at one date, without Top Rated Plus's large contract.
struct Conditions {
    jss_now: Option<u8>,
    weekly_checks: Vec<WeeklyCheck>,
    weeks_at_min: u32,
    earnings_12m: Money,
    first_contract_start: Option<NaiveDate>,
    conditions: Vec<TopRatedCondition>,
}

impl Conditions {
    fn at(frozen: &mut Frozen, t: NaiveDate) -> Conditions {
        let params = frozen.params().clone();
        let jss_now = frozen.displayed_at(t);
        let last_saturday = saturday_on_or_before(t);
        let at_min = |s: Option<u8>| s.is_some_and(|s| s >= params.top_rated_min_jss);
        let weekly_checks: Vec<WeeklyCheck> = (0..i64::from(params.top_rated_weeks_window))
            .filter_map(|k| add_days(last_saturday, -7 * k))
            .map(|saturday| {
                let jss = frozen.displayed_at(saturday);
                WeeklyCheck {
                    saturday,
                    jss,
                    at_min: at_min(jss),
                }
            })
            .collect();
        let weeks_at_min = weekly_checks.iter().filter(|c| c.at_min).count() as u32;
        let earnings_12m = frozen.earned_between(earnings_since(t), t);
        let first_contract_start = frozen.first_start_by(t);
        let min_days = params.top_rated_first_contract_days;
        let conditions = vec![
            TopRatedCondition {
                holds: at_min(jss_now),
                kind: ConditionKind::JssNow {
                    jss: jss_now,
                    min_jss: params.top_rated_min_jss,
                },
            },
            TopRatedCondition {
                holds: weeks_at_min >= params.top_rated_weeks_required,
                kind: ConditionKind::WeeklyChecks {
                    at_min: weeks_at_min,
                    window: params.top_rated_weeks_window,
                    required: params.top_rated_weeks_required,
                    min_jss: params.top_rated_min_jss,
                },
            },
            TopRatedCondition {
                holds: earnings_12m >= params.top_rated_min_earnings,
                kind: ConditionKind::Earnings {
                    earned: earnings_12m,
                    minimum: params.top_rated_min_earnings,
                    months: EARNINGS_MONTHS,
                },
            },
            TopRatedCondition {
                holds: first_contract_start.is_some_and(|s| days_between(s, t) > min_days),
                kind: ConditionKind::FirstContract {
                    started: first_contract_start,
                    min_days,
                },
            },
        ];
        Conditions {
            jss_now,
            weekly_checks,
            weeks_at_min,
            earnings_12m,
            first_contract_start,
            conditions,
        }
    }

    fn top_rated(&self) -> bool {
        self.conditions.iter().all(|c| c.holds)
    }
}

/// The badge conditions at `t` on a frozen scenario (see [`Frozen`]); `t` may lie before or
/// after the freeze date.
pub fn top_rated_status(frozen: &mut Frozen, t: NaiveDate) -> TopRatedStatus {
    let params = frozen.params().clone();
    let found = Conditions::at(frozen, t);
    let since = earnings_since(t);
    let outcomes = frozen.outcomes_at(t).to_vec();
    let large_contract = frozen
        .scenario()
        .contracts
        .iter()
        .zip(&outcomes)
        .find(|(c, s)| {
            earned_between(c, since, t) >= params.large_contract
                && s.outcome.class != Class::Negative
        })
        .map(|(c, _)| c.id.clone());
    let top_rated = found.top_rated();
    let top_rated_plus = top_rated
        && found.earnings_12m >= params.top_rated_plus_min_earnings
        && large_contract.is_some();
    let compliance_warning = found
        .jss_now
        .is_some_and(|s| s < params.compliance_warning_below);
    TopRatedStatus {
        at: t,
        jss_now: found.jss_now,
        weekly_checks: found.weekly_checks,
        weeks_at_min: found.weeks_at_min,
        earnings_12m: found.earnings_12m,
        first_contract_start: found.first_contract_start,
        large_contract,
        top_rated,
        top_rated_plus,
        compliance_warning,
        compliance_warning_below: params.compliance_warning_below,
        conditions: found.conditions,
    }
}

/// The first day of the earnings period that ends on `t`.
pub fn earnings_since(t: NaiveDate) -> NaiveDate {
    t.checked_sub_months(Months::new(EARNINGS_MONTHS))
        .unwrap_or(NaiveDate::MIN)
}

/// Payments minus refunds dated `since ..= until` on one contract (saturating: validated input
/// cannot overflow).
pub fn earned_between(contract: &Contract, since: NaiveDate, until: NaiveDate) -> Money {
    let sum = |list: &[Payment]| {
        list.iter()
            .filter(|p| since <= p.date && p.date <= until)
            .fold(Money::ZERO, |acc, p| saturating_add(acc, p.amount))
    };
    Money::from_cents(
        sum(&contract.payments)
            .cents()
            .saturating_sub(sum(&contract.refunds).cents()),
    )
}

fn saturating_add(a: Money, b: Money) -> Money {
    Money::from_cents(a.cents().saturating_add(b.cents()))
}

/// The earliest date after `from` (through `to`) on which Top Rated status differs from the
/// status at `from`, if nothing happens after `from`: `Some((date, reached))`, where `reached`
/// is true when the badge is gained and false when it is lost.
pub fn next_top_rated_change(frozen: &mut Frozen, to: NaiveDate) -> Option<(NaiveDate, bool)> {
    let from = frozen.from();
    let params = frozen.params().clone();
    let now = holds_all(frozen, &params, from);
    from.iter_days()
        .skip(1)
        .take_while(|d| *d <= to)
        .find(|d| holds_all(frozen, &params, *d) != now)
        .map(|d| (d, !now))
}

/// Whether every condition [`Conditions::at`] lists holds at `t`, worked out without building
/// the list and stopping at the first that fails: [`next_top_rated_change`] asks it for every
/// day of two years, which with the full conditions was the dashboard's longest computation
/// (about 15 ms for the demo in a phone's browser). The property tests check it against the
/// day-by-day search over `top_rated_status`.
fn holds_all(frozen: &mut Frozen, params: &Params, t: NaiveDate) -> bool {
    let at_min = |s: Option<u8>| s.is_some_and(|s| s >= params.top_rated_min_jss);
    if !at_min(frozen.displayed_at(t)) {
        return false;
    }
    let first_contract = frozen
        .first_start_by(t)
        .is_some_and(|s| days_between(s, t) > params.top_rated_first_contract_days);
    if !first_contract
        || frozen.earned_between(earnings_since(t), t) < params.top_rated_min_earnings
    {
        return false;
    }
    let last_saturday = saturday_on_or_before(t);
    let weeks_at_min = (0..i64::from(params.top_rated_weeks_window))
        .filter_map(|k| add_days(last_saturday, -7 * k))
        .filter(|saturday| at_min(frozen.displayed_at(*saturday)))
        .count();
    u32::try_from(weeks_at_min).unwrap_or(u32::MAX) >= params.top_rated_weeks_required
}

/// Convenience: the status at `t` of a scenario under its own rules, nothing after `t` known.
pub fn top_rated_at(scenario: &Scenario, t: NaiveDate) -> TopRatedStatus {
    let params = crate::rules::Params::resolve(&scenario.rules);
    let mut frozen = Frozen::new(scenario, &params, t);
    top_rated_status(&mut frozen, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `holds_all` and the full conditions agree on every day of two years of the demo, under
    /// thresholds set around the demo's own values so that each condition decides on some days.
    fn check(tune: impl Fn(&mut Params)) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
        let scenario = match crate::demo::vanished_clients(today) {
            Ok(s) => s,
            Err(problems) => panic!("the demo does not parse: {problems:?}"),
        };
        let mut params = Params::resolve(&scenario.rules);
        tune(&mut params);
        let mut frozen = Frozen::new(&scenario, &params, today);
        let (mut held, mut failed) = (0, 0);
        for t in today.iter_days().take(730) {
            let full = Conditions::at(&mut frozen, t).top_rated();
            assert_eq!(holds_all(&mut frozen, &params, t), full, "on {t}");
            if full {
                held += 1;
            } else {
                failed += 1;
            }
        }
        assert!(
            held > 0 && failed > 0,
            "decided only one way: {held} held, {failed} failed"
        );
    }

    #[test]
    fn holds_all_agrees_with_the_conditions() {
        // The demo's JSS is 89 now and moves as outcomes leave the windows.
        check(|p| p.top_rated_min_jss = 89);
        check(|p| {
            p.top_rated_min_jss = 80;
            p.top_rated_weeks_required = p.top_rated_weeks_window;
        });
        check(|p| {
            p.top_rated_min_jss = 0;
            p.top_rated_min_earnings = Money::from_cents(500_000);
        });
        check(|p| {
            p.top_rated_min_jss = 0;
            p.top_rated_min_earnings = Money::ZERO;
            p.top_rated_first_contract_days = 1_200;
        });
    }
}
