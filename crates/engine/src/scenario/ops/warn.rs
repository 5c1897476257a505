//! Contracts whose recorded facts cannot mean what the user probably meant, each with a fix
//! that takes one click.
//!
//! The JSS reads an hourly contract through its payments: a long-term relationship needs
//! payments on at least two dates spanning 90 days (`MODEL.md` §3.1), and the weight's length
//! bonus counts the 90-day periods that hold a payment (§3.3). An hourly contract whose money
//! is recorded as one payment (what a single "amount earned" used to become) can therefore
//! never count as long-term, although its client paid every week. The fix spreads that amount
//! over weekly payments from the start to the last payment, the same way the quick form turns
//! "paid weekly, last on …" into payments.

use chrono::{Months, NaiveDate};

use crate::format::date;
use crate::ledger::calendar::sub_days;
use crate::money::Money;
use crate::scenario::ops::Refusal;
use crate::scenario::{Contract, Payment};

/// How often a client paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cadence {
    Weekly,
    EveryTwoWeeks,
    Monthly,
}

impl Cadence {
    pub const ALL: [Cadence; 3] = [Cadence::Weekly, Cadence::EveryTwoWeeks, Cadence::Monthly];

    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::EveryTwoWeeks => "every two weeks",
            Cadence::Monthly => "monthly",
        }
    }

    /// The `n`th payment date counted back from `last` (0 is `last` itself).
    fn back(self, last: NaiveDate, n: u32) -> Option<NaiveDate> {
        match self {
            Cadence::Weekly => sub_days(last, 7 * u64::from(n)),
            Cadence::EveryTwoWeeks => sub_days(last, 14 * u64::from(n)),
            Cadence::Monthly => last.checked_sub_months(Months::new(n)),
        }
    }
}

/// Payments of `total` at `cadence`, the last on `last`, back to `from` (the contract's start).
/// The total is split into whole cents; the first payments carry the leftover cents, so the
/// payments add up to exactly `total`.
pub fn spread(
    total: Money,
    from: NaiveDate,
    last: NaiveDate,
    cadence: Cadence,
) -> Result<Vec<Payment>, Refusal> {
    let mut dates: Vec<NaiveDate> = (0u32..)
        .map_while(|n| cadence.back(last, n).filter(|d| *d >= from))
        .collect();
    if dates.is_empty() {
        return Err(Refusal::BeforeStart(from));
    }
    dates.reverse();
    let count = dates.len();
    let n = count as i64;
    let (each, leftover) = (total.cents() / n, total.cents() % n);
    if each <= 0 {
        return Err(Refusal::TooSmallToSpread(count));
    }
    Ok(dates
        .into_iter()
        .enumerate()
        .map(|(i, date)| Payment {
            date,
            amount: Money::from_cents(each + i64::from((i as i64) < leftover)),
        })
        .collect())
}

/// A fix for a contract's facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fix {
    /// Replace the payments by their total paid at `cadence` from the start to `last`.
    Spread { last: NaiveDate, cadence: Cadence },
}

/// Something about a contract's facts that the user should look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// An hourly contract that ran for weeks holds all its money in one payment.
    OnePayment {
        amount: Money,
        paid_on: NaiveDate,
        fix: Fix,
    },
}

impl Warning {
    /// What is wrong, in a sentence.
    pub fn message(&self) -> String {
        match self {
            Warning::OnePayment {
                amount, paid_on, ..
            } => format!(
                "All {amount} is recorded as one payment, on {}. An hourly client pays each \
                 week, and with a single payment this contract can never count as a long-term \
                 relationship or earn the length bonus.",
                date(*paid_on)
            ),
        }
    }

    pub fn fix(&self) -> Fix {
        match self {
            Warning::OnePayment { fix, .. } => *fix,
        }
    }

    /// The fix's button, in words.
    pub fn fix_label(&self, contract: &Contract) -> String {
        match self.fix() {
            Fix::Spread { last, cadence } => format!(
                "Spread it {} from {} to {}",
                cadence.as_str(),
                date(contract.start),
                date(last)
            ),
        }
    }
}

/// The warnings for a contract today.
pub fn warnings(contract: &Contract, today: NaiveDate) -> Vec<Warning> {
    one_payment(contract, today).into_iter().collect()
}

/// The least time an hourly contract must run before one payment looks wrong: two weeks, so
/// that a second week's pay would be due.
const ONE_PAYMENT_MIN_DAYS: i64 = 14;

fn one_payment(c: &Contract, today: NaiveDate) -> Option<Warning> {
    let [payment] = c.payments.as_slice() else {
        return None;
    };
    if !c.is_hourly() || !c.refunds.is_empty() {
        return None;
    }
    let until = c.end.map_or(today, |e| e.date.min(today));
    if (until - c.start).num_days() < ONE_PAYMENT_MIN_DAYS {
        return None;
    }
    // The payment's own date is the last payment when it is weeks after the start (an amount
    // earned entered on the end date); a payment on the start date says nothing of when the
    // client last paid, so the spread runs to the end, or to the last pay day while open.
    let last = if (payment.date - c.start).num_days() >= ONE_PAYMENT_MIN_DAYS {
        payment.date
    } else {
        c.end.map_or(today, |e| e.date).min(today)
    };
    let fix = Fix::Spread {
        last,
        cadence: Cadence::Weekly,
    };
    let spread_ok =
        spread(payment.amount, c.start, last, Cadence::Weekly).is_ok_and(|ps| ps.len() > 1);
    spread_ok.then_some(Warning::OnePayment {
        amount: payment.amount,
        paid_on: payment.date,
        fix,
    })
}

/// Applies a fix to the contract's facts.
pub fn apply_fix(c: &mut Contract, fix: Fix) -> Result<(), Refusal> {
    match fix {
        Fix::Spread { last, cadence } => {
            let total = Money::checked_sum(c.payments.iter().map(|p| p.amount))
                .ok_or(Refusal::Format("the payments add up to too much".into()))?;
            c.payments = spread(total, c.start, last, cadence)?;
            Ok(())
        }
    }
}
