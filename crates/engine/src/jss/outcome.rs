//! Outcome classes, outcome dates and weights of single contracts (MODEL.md §3.1–3.3).
//!
//! [`classify`] is the low-level, allocation-free entry point: it looks at one contract as of a
//! date `t` and returns a small `Copy` [`Outcome`]. Facts dated after `t` (payments, refunds,
//! the end, feedback) are ignored, so classifying at an earlier date gives what the score saw
//! then. The reason is a cheap enum; [`Reason::text`] renders it for people.

use chrono::NaiveDate;

use crate::money::Money;
use crate::rules::Params;
use crate::scenario::{Contract, EndReason, Party, Payment, Stars};

/// The class of a contract's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Positive,
    Neutral,
    Negative,
    /// Not an outcome: it does not enter any window.
    Excluded,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Positive => "positive",
            Class::Neutral => "neutral",
            Class::Negative => "negative",
            Class::Excluded => "excluded",
        }
    }

    pub fn is_counted(self) -> bool {
        self != Class::Excluded
    }
}

/// Why a contract got its class. Cheap to copy; [`Reason::text`] renders it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The contract starts after the evaluation date.
    NotStarted,
    /// The user marked the client as flagged or suspended.
    FlaggedClient,
    /// Classified by the client's stars.
    Feedback { stars: Stars },
    /// The client ended the contract as not completed, which made a non-negative rating neutral.
    NotCompletedOverride { stars: Stars },
    /// $0 earned and a negative rating: counted.
    ZeroEarningsNegative { stars: Stars },
    /// $0 earned and a rating that is not negative: excluded.
    ZeroEarningsExcluded { stars: Stars },
    /// A long-term relationship without feedback.
    LongTerm {
        first_payment: NaiveDate,
        last_payment: NaiveDate,
        max_gap_days: i64,
    },
    /// Ended without feedback (by the evaluation date).
    EndedWithoutFeedback,
    /// Legacy: open without a payment since `last_activity`, so treated as ended without
    /// feedback on the outcome date.
    InactiveOpen { last_activity: NaiveDate },
    /// Open, and not a long-term relationship.
    OpenNotLongTerm,
    /// The payments or refunds overflow when summed (cannot happen with validated input).
    EarningsOverflow,
}

impl Reason {
    /// Short plain text for the UI and the `jss score` output.
    pub fn text(&self) -> String {
        match *self {
            Reason::NotStarted => "not started yet".to_owned(),
            Reason::FlaggedClient => "client flagged or suspended".to_owned(),
            Reason::Feedback { stars } => format!("feedback {:.2} stars", stars.as_f64()),
            Reason::NotCompletedOverride { stars } => format!(
                "feedback {:.2} stars, but the client ended it as not completed",
                stars.as_f64()
            ),
            Reason::ZeroEarningsNegative { stars } => {
                format!("feedback {:.2} stars on a $0 contract", stars.as_f64())
            }
            Reason::ZeroEarningsExcluded { stars } => {
                format!(
                    "$0 earned, feedback {:.2} stars not negative",
                    stars.as_f64()
                )
            }
            Reason::LongTerm {
                first_payment,
                last_payment,
                max_gap_days,
            } => format!(
                "long-term: payments {} … {}, none > {max_gap_days} days apart",
                crate::format::date(first_payment),
                crate::format::date(last_payment)
            ),
            Reason::EndedWithoutFeedback => "ended without feedback".to_owned(),
            Reason::InactiveOpen { last_activity } => {
                format!(
                    "open without payment since {}, counts as ended without feedback",
                    crate::format::date(last_activity)
                )
            }
            Reason::OpenNotLongTerm => "open, not long-term".to_owned(),
            Reason::EarningsOverflow => "earnings overflow".to_owned(),
        }
    }
}

/// One contract's outcome at an evaluation date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    pub class: Class,
    /// The weight the outcome counts with: 0 for an excluded contract, except a legacy
    /// no-feedback pattern candidate (see `pattern_class`), which keeps the weight it would
    /// count with if the pattern rule selects it.
    pub weight: f64,
    /// The date that decides window membership (MODEL §3.2): the end date, or the last payment
    /// of an open long-term contract, or the day a legacy inactive contract counts as ended.
    /// Excluded contracts carry their end date when they have one, for display.
    pub outcome_date: Option<NaiveDate>,
    pub reason: Reason,
    /// Legacy no-feedback pattern rule: `Some(class)` marks an excluded contract that ended
    /// without feedback and counts as `class` (neutral if it earned money, negative if it
    /// earned $0) when its window holds too many such contracts.
    pub pattern_class: Option<Class>,
}

impl Outcome {
    fn excluded(reason: Reason, outcome_date: Option<NaiveDate>) -> Outcome {
        Outcome {
            class: Class::Excluded,
            weight: 0.0,
            outcome_date,
            reason,
            pattern_class: None,
        }
    }

    /// The class and weight the outcome enters a window with, if any. `pattern_selected` says
    /// whether the window's pattern rule picked this contract.
    pub fn counted(&self, pattern_selected: bool) -> Option<(Class, f64)> {
        if self.class.is_counted() {
            return Some((self.class, self.weight));
        }
        match self.pattern_class {
            Some(class) if pattern_selected => Some((class, self.weight)),
            _ => None,
        }
    }
}

/// Classifies one contract as of `t` (MODEL §3.1), allocation-free for payments in date order.
///
/// Choices where MODEL.md is silent, from `upwork-rules.md`:
/// - Feedback counts only if the contract ended by `t` (end-of-contract feedback): mid-contract
///   feedback does not count (MODEL §2), and the format cannot carry it anyway.
/// - The end-reason override applies when the *client* ended the contract with reason
///   `not_completed`: [S7] names the client's reasons as part of client satisfaction.
/// - A long-term contract that ended without feedback is positive with its end date as the
///   outcome date; feedback, when present, always decides instead.
/// - Legacy inactive open contracts become outcomes on the first day with more than
///   `inactive_open_days` days since the last payment (or the start), matching "longer than"
///   in the long-term rule, so the two rules never both apply on the same day.
pub fn classify(
    contract: &Contract,
    client_flagged: bool,
    t: NaiveDate,
    params: &Params,
) -> Outcome {
    let ended = contract.end.filter(|end| end.date <= t);
    if contract.start > t {
        return Outcome::excluded(Reason::NotStarted, None);
    }
    if client_flagged {
        return Outcome::excluded(Reason::FlaggedClient, ended.map(|e| e.date));
    }
    let Some(earnings) = earnings_until(contract, t) else {
        return Outcome::excluded(Reason::EarningsOverflow, ended.map(|e| e.date));
    };
    let feedback = contract.feedback.filter(|f| f.date <= t);
    if let Some(feedback) = feedback {
        if let Some(date) = ended.map(|end| end.date) {
            let client_not_completed =
                ended.is_some_and(|e| e.by == Party::Client && e.reason == EndReason::NotCompleted);
            return by_feedback(
                contract,
                feedback.stars,
                client_not_completed,
                earnings,
                date,
                t,
                params,
            );
        }
    }
    match ended {
        Some(end) => without_feedback(contract, earnings, end.date, t, params),
        None => open_without_feedback(contract, earnings, t, params),
    }
}

/// The date from which [`classify`] gives the same outcome at every later date: the last dated
/// fact (start, payment, refund, end, feedback) of an ended contract. Every test in `classify`
/// compares a fact's date with `t`, and the weight's length bonus stops at the outcome date,
/// so once all facts are on or before `t` nothing changes. `None` for an open contract, whose
/// outcome keeps depending on `t` (long-term recency, inactivity). The simulator uses this to
/// classify a contract once per settled series instead of once per week.
pub fn settled_from(contract: &Contract) -> Option<NaiveDate> {
    let end = contract.end?;
    let money = contract.payments.iter().chain(&contract.refunds);
    money
        .map(|p| p.date)
        .chain(contract.feedback.map(|f| f.date))
        .chain([contract.start, end.date])
        .max()
}

/// Payments minus refunds dated on or before `t`. `None` on overflow.
pub fn earnings_until(contract: &Contract, t: NaiveDate) -> Option<Money> {
    let paid = sum_until(&contract.payments, t)?;
    let refunded = sum_until(&contract.refunds, t)?;
    paid.checked_sub(refunded)
}

fn sum_until(payments: &[Payment], t: NaiveDate) -> Option<Money> {
    Money::checked_sum(payments.iter().filter(|p| p.date <= t).map(|p| p.amount))
}

fn by_feedback(
    contract: &Contract,
    stars: Stars,
    client_not_completed: bool,
    earnings: Money,
    outcome_date: NaiveDate,
    t: NaiveDate,
    params: &Params,
) -> Outcome {
    let rating = rating_class(stars, params);
    let (class, reason) = if earnings <= Money::ZERO {
        // [S3][S73]: a $0 contract counts only with a negative rating.
        if rating == Class::Negative {
            (Class::Negative, Reason::ZeroEarningsNegative { stars })
        } else {
            (Class::Excluded, Reason::ZeroEarningsExcluded { stars })
        }
    } else if params.end_reason_override && client_not_completed && rating == Class::Positive {
        (Class::Neutral, Reason::NotCompletedOverride { stars })
    } else {
        (rating, Reason::Feedback { stars })
    };
    if class == Class::Excluded {
        return Outcome::excluded(reason, Some(outcome_date));
    }
    Outcome {
        class,
        weight: weight(contract, earnings, outcome_date, t, params),
        outcome_date: Some(outcome_date),
        reason,
        pattern_class: None,
    }
}

/// The class a star rating alone gives. Positive is tested first, so a misconfigured pair of
/// thresholds (positive below negative) still gives one answer.
pub fn rating_class(stars: Stars, params: &Params) -> Class {
    if stars.hundredths() >= params.positive_min_stars_hundredths {
        Class::Positive
    } else if stars.hundredths() < params.negative_below_stars_hundredths {
        Class::Negative
    } else {
        Class::Neutral
    }
}

fn without_feedback(
    contract: &Contract,
    earnings: Money,
    outcome_date: NaiveDate,
    t: NaiveDate,
    params: &Params,
) -> Outcome {
    if let Some(outcome) = long_term_outcome(contract, earnings, outcome_date, None, t, params) {
        return outcome;
    }
    ended_without_feedback(
        contract,
        earnings,
        outcome_date,
        t,
        params,
        Reason::EndedWithoutFeedback,
    )
}

fn open_without_feedback(
    contract: &Contract,
    earnings: Money,
    t: NaiveDate,
    params: &Params,
) -> Outcome {
    let last_payment = last_payment_until(&contract.payments, t);
    if let Some(last) = last_payment {
        if let Some(outcome) = long_term_outcome(contract, earnings, last, Some(t), t, params) {
            return outcome;
        }
    }
    if params.inactive_open_counts {
        let last_activity = last_payment.unwrap_or(contract.start);
        let inactive_on = add_days(last_activity, params.inactive_open_days.saturating_add(1));
        if let Some(inactive_on) = inactive_on.filter(|d| *d <= t) {
            if let Some(outcome) =
                long_term_outcome(contract, earnings, inactive_on, None, t, params)
            {
                return outcome;
            }
            let reason = Reason::InactiveOpen { last_activity };
            return ended_without_feedback(contract, earnings, inactive_on, t, params, reason);
        }
    }
    Outcome::excluded(Reason::OpenNotLongTerm, None)
}

fn ended_without_feedback(
    contract: &Contract,
    earnings: Money,
    outcome_date: NaiveDate,
    t: NaiveDate,
    params: &Params,
    reason: Reason,
) -> Outcome {
    let mut outcome = Outcome::excluded(reason, Some(outcome_date));
    if params.no_feedback_pattern_rule {
        outcome.pattern_class = Some(if earnings > Money::ZERO {
            Class::Neutral
        } else {
            Class::Negative
        });
        outcome.weight = weight(contract, earnings, outcome_date, t, params);
    }
    outcome
}

/// The long-term rule (MODEL §3.1.3): payments on at least two dates spanning at least
/// `long_term_min_span_days`, no two consecutive payment dates more than
/// `long_term_max_gap_days` apart, and, for an open contract (`open_at = Some(t)`), a payment
/// within that many days before `t`.
fn long_term_outcome(
    contract: &Contract,
    earnings: Money,
    outcome_date: NaiveDate,
    open_at: Option<NaiveDate>,
    t: NaiveDate,
    params: &Params,
) -> Option<Outcome> {
    if !params.long_term_counts_positive {
        return None;
    }
    let span = payment_span(&contract.payments, t)?;
    let max_gap_days = params.long_term_max_gap_days;
    if span.max_gap_days > max_gap_days
        || days_between(span.first, span.last) < params.long_term_min_span_days
    {
        return None;
    }
    if let Some(t) = open_at {
        if days_between(span.last, t) > max_gap_days {
            return None;
        }
    }
    Some(Outcome {
        class: Class::Positive,
        weight: weight(contract, earnings, outcome_date, t, params),
        outcome_date: Some(outcome_date),
        reason: Reason::LongTerm {
            first_payment: span.first,
            last_payment: span.last,
            max_gap_days,
        },
        pattern_class: None,
    })
}

struct PaymentSpan {
    first: NaiveDate,
    last: NaiveDate,
    max_gap_days: i64,
}

/// First and last dates of positive payments dated on or before `t`, and the longest gap
/// between consecutive payment dates. `None` unless there are payments on two distinct dates.
fn payment_span(payments: &[Payment], t: NaiveDate) -> Option<PaymentSpan> {
    let relevant = |p: &&Payment| p.date <= t && p.amount > Money::ZERO;
    if payments.windows(2).all(|w| w[0].date <= w[1].date) {
        return span_of_sorted(payments.iter().filter(relevant).map(|p| p.date));
    }
    // Unsorted input is legal but rare: sort a copy of the dates.
    let mut dates: Vec<NaiveDate> = payments.iter().filter(relevant).map(|p| p.date).collect();
    dates.sort_unstable();
    span_of_sorted(dates.into_iter())
}

fn span_of_sorted(mut dates: impl Iterator<Item = NaiveDate>) -> Option<PaymentSpan> {
    let first = dates.next()?;
    let mut last = first;
    let mut max_gap_days = 0;
    for date in dates {
        max_gap_days = max_gap_days.max(days_between(last, date));
        last = date;
    }
    (last > first).then_some(PaymentSpan {
        first,
        last,
        max_gap_days,
    })
}

fn last_payment_until(payments: &[Payment], t: NaiveDate) -> Option<NaiveDate> {
    payments
        .iter()
        .filter(|p| p.date <= t && p.amount > Money::ZERO)
        .map(|p| p.date)
        .max()
}

/// `min(tier(earnings) + length_bonus, max_weight)` (MODEL §3.3).
pub fn weight(
    contract: &Contract,
    earnings: Money,
    outcome_date: NaiveDate,
    t: NaiveDate,
    params: &Params,
) -> f64 {
    let tier = tier_weight(earnings, params);
    let room = params.max_weight - tier;
    let bonus_cap = if room <= 0.0 { 0 } else { room.ceil() as u32 };
    let bonus = length_bonus(
        contract,
        outcome_date.min(t),
        params.length_bonus_period_days,
        bonus_cap,
    );
    (tier + f64::from(bonus)).min(params.max_weight)
}

/// The earnings tier weight (`legacy`: every tier weighs 1.0 through the era defaults).
pub fn tier_weight(earnings: Money, params: &Params) -> f64 {
    if earnings <= params.tier_1_max {
        params.tier_1_weight
    } else if earnings <= params.tier_2_max {
        params.tier_2_weight
    } else {
        params.tier_3_weight
    }
}

/// The number of complete periods of `period_days`, counted from the start, whose last day is
/// on or before `until` and which contain at least one positive payment. Counting stops at
/// `cap`, since the weight is capped anyway.
///
/// Period k covers days `start + k·P ..= start + (k+1)·P − 1`, so a contract has
/// `(until − start + 1) / P` complete periods.
pub fn length_bonus(contract: &Contract, until: NaiveDate, period_days: i64, cap: u32) -> u32 {
    if period_days <= 0 || until < contract.start {
        return 0;
    }
    let complete = days_between(contract.start, until).saturating_add(1) / period_days;
    let period_of = |p: &Payment| -> Option<i64> {
        let k = days_between(contract.start, p.date) / period_days;
        (p.date >= contract.start && p.date <= until && p.amount > Money::ZERO && k < complete)
            .then_some(k)
    };
    let payments = &contract.payments;
    let mut n_periods = 0;
    let sorted = payments.windows(2).all(|w| w[0].date <= w[1].date);
    let mut previous: Option<i64> = None;
    for (i, payment) in payments.iter().enumerate() {
        if n_periods >= cap {
            break;
        }
        let Some(k) = period_of(payment) else {
            continue;
        };
        let seen = if sorted {
            previous == Some(k)
        } else {
            payments[..i].iter().any(|p| period_of(p) == Some(k))
        };
        previous = Some(k);
        if !seen {
            n_periods += 1;
        }
    }
    n_periods
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    b.signed_duration_since(a).num_days()
}

/// `date + n` days: one helper for the JSS and the ledger's timers.
pub use crate::ledger::calendar::add_days;
