//! The same work seen through two formats.
//!
//! Rows are deduplicated only within what one key can prove (a Ref ID, or an identical weekly
//! row). The weekly summary and the transaction histories share no key: a week of hourly work
//! is several daily rows in one and a single invoice (dated the Monday after) in the other,
//! and a fixed-price payment is one row in each. Importing both therefore makes two draft
//! contracts that hold the same money, and the JSS would count it twice. Nothing here can be
//! sure, so it is reported for the user to decide, never merged or dropped silently.
//!
//! Two contracts *overlap* when they come from different formats, do not contradict each
//! other (different named clients, or hourly against fixed-price), and at least one payment of
//! one of them is matched in the other: by a payment of the same amount at most
//! [`WINDOW_DAYS`] days apart, or, against a weekly summary, by the daily amounts of the
//! [`WINDOW_DAYS`] days before the invoice adding up to it.

use chrono::NaiveDate;

use super::detect::normalise;
use super::{Draft, DraftContract, Format};
use crate::money::Money;
use crate::scenario::Payment;

/// How far apart the two copies of one payment may be dated: an hourly week is invoiced the
/// Monday after it, and a fixed-price release can be dated a few days from its weekly row.
pub const WINDOW_DAYS: i64 = 7;

/// Two draft contracts that seem to be one contract imported twice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlap {
    /// The two contract ids, in draft order.
    pub contracts: [String; 2],
    /// The format each came from, in the same order.
    pub sources: [Format; 2],
    /// Payments of the first-listed side of the match found again in the other contract.
    pub payments: usize,
    /// Their total.
    pub amount: Money,
    /// The first and last matched payment dates.
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Overlap {
    /// The id of the weekly-summary copy, when one side is one. The weekly summary names no
    /// client and has no fees, so it is usually the copy to leave out.
    pub fn weekly_copy(&self) -> Option<&str> {
        self.sources
            .iter()
            .zip(&self.contracts)
            .find(|(source, _)| **source == Format::WeeklySummary)
            .map(|(_, id)| id.as_str())
    }

    /// `1 payment`, `2 payments`.
    pub fn payments_words(&self) -> String {
        match self.payments {
            1 => "1 payment".to_string(),
            n => format!("{n} payments"),
        }
    }

    /// The warning in one sentence.
    pub fn message(&self) -> String {
        let [a, b] = &self.contracts;
        let [source_a, source_b] = self.sources;
        let count = self.payments_words();
        format!(
            "contracts {a} ({}) and {b} ({}) hold the same {count} ({} from {} to {}); they are \
             probably one contract exported in two formats, and keeping both counts this money \
             twice: leave one of them out",
            source_a.describe(),
            source_b.describe(),
            self.amount,
            self.from,
            self.to,
        )
    }
}

/// Every pair of contracts that overlap, in draft order. Never panics.
pub fn find_overlaps(draft: &Draft) -> Vec<Overlap> {
    let mut found = Vec::new();
    for (i, a) in draft.contracts.iter().enumerate() {
        for b in draft.contracts.iter().skip(i + 1) {
            if let Some(overlap) = overlap(a, b) {
                found.push(overlap);
            }
        }
    }
    found
}

fn compatible(a: &DraftContract, b: &DraftContract) -> bool {
    let clients_differ = match (&a.client_name, &b.client_name) {
        (Some(x), Some(y)) => normalise(x) != normalise(y),
        _ => false,
    };
    let kinds_differ = matches!((a.kind, b.kind), (Some(x), Some(y)) if x != y);
    a.source != b.source && !clients_differ && !kinds_differ
}

fn overlap(a: &DraftContract, b: &DraftContract) -> Option<Overlap> {
    if !compatible(a, b) {
        return None;
    }
    // Match the coarser copy (invoices) against the finer one (daily weekly-summary rows).
    let a_is_fine = a.source == Format::WeeklySummary;
    let (coarse, fine) = if a_is_fine { (b, a) } else { (a, b) };
    let matched = matched_payments(&coarse.payments, &fine.payments, fine.source);
    let from = matched.iter().map(|p| p.date).min()?;
    let to = matched.iter().map(|p| p.date).max()?;
    let amount = Money::checked_sum(matched.iter().map(|p| p.amount))?;
    Some(Overlap {
        contracts: [a.id.clone(), b.id.clone()],
        sources: [a.source, b.source],
        payments: matched.len(),
        amount,
        from,
        to,
    })
}

/// The payments of `coarse` found again in `fine`; each payment of `fine` is used once.
fn matched_payments(coarse: &[Payment], fine: &[Payment], fine_source: Format) -> Vec<Payment> {
    // Days from `b` to `a`; subtracting two dates cannot overflow, unlike date ± days.
    let days = |a: NaiveDate, b: NaiveDate| a.signed_duration_since(b).num_days();
    let mut used = vec![false; fine.len()];
    let mut matched = Vec::new();
    for payment in coarse {
        let near = |p: &Payment| days(p.date, payment.date).abs() <= WINDOW_DAYS;
        let same = fine
            .iter()
            .enumerate()
            .find(|(j, p)| {
                !used.get(*j).copied().unwrap_or(true) && near(p) && p.amount == payment.amount
            })
            .map(|(j, _)| j);
        if let Some(j) = same {
            if let Some(flag) = used.get_mut(j) {
                *flag = true;
            }
            matched.push(*payment);
            continue;
        }
        if fine_source != Format::WeeklySummary {
            continue;
        }
        // An hourly invoice against the daily rows of the week before it.
        let week: Vec<usize> = fine
            .iter()
            .enumerate()
            .filter(|(j, p)| {
                !used.get(*j).copied().unwrap_or(true)
                    && (1..=WINDOW_DAYS).contains(&days(payment.date, p.date))
            })
            .map(|(j, _)| j)
            .collect();
        let total = Money::checked_sum(week.iter().filter_map(|j| fine.get(*j)).map(|p| p.amount));
        if !week.is_empty() && total == Some(payment.amount) {
            for j in week {
                if let Some(flag) = used.get_mut(j) {
                    *flag = true;
                }
            }
            matched.push(*payment);
        }
    }
    matched
}
