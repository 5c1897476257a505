//! Every automatic event the engine will apply from a date on if nobody acts.
//!
//! The timeline loads the scenario into a ledger as of `min(as_of, at)`, lets time run with
//! nobody acting up to the end of the horizon (`at` plus `days` days, the last day included),
//! and reports the automatic events from `at` on. Events that fell due before `at` are not
//! listed, with one exception: when `at` is the day the ledger was loaded, transitions that
//! were already overdue (the scenario's facts imply them but do not record them, e.g. a
//! submission older than 14 days without a release) are listed on `at`, since that is when
//! the engine applies them, and their detail names the date they fell due.
//!
//! The `window_exit` and `jss_change` kinds belong to the Job Success Score, which adds them;
//! the ledger never produces them.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Serialize, Serializer};

use crate::ledger::calendar::{add_days, end_of_day, start_of_day};
use crate::ledger::{Cause, EscrowRef, Event, EventKind, Ledger, LedgerError, PaymentSource};
use crate::money::Money;
use crate::scenario::Scenario;

/// The default horizon of `jss timeline`.
pub const DEFAULT_DAYS: u32 = 120;

/// What kind of automatic event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    /// Submitted work is released after 14 days without review, or a dormant contract's
    /// release request after 14 days without an answer.
    AutoRelease,
    /// Escrow goes back to the client: refund request unanswered, contract ended early,
    /// dormancy without a release request.
    EscrowRefund,
    /// An escrow dispute decided by a deadline (the client's silence, no arbitration fee).
    DisputeDeadline,
    /// A refund reaches the client's payment method.
    RefundCredited,
    /// Money leaves its security period.
    FundsAvailable,
    /// The 14-day feedback window closes.
    FeedbackWindowCloses,
    /// A dormancy notice (day 76 or 83).
    DormantNotice,
    /// The contract is marked dormant, or a dormancy window moves on.
    Dormant,
    /// The platform closes a dormant contract.
    ContractClosed,
    /// Monday 12:00: logged hours are invoiced.
    HourlyInvoice,
    /// Friday: an hourly invoice clears, or a disputed one is refunded.
    HourlyReviewEnds,
    /// Current eras: 30 days without logged time; the client is warned.
    InactivityWarning,
    /// Legacy era: 30 days without logged time pause the contract.
    AutoPause,
    /// Mediation moves on to the arbitration offer.
    MediationDeadline,
    /// A contract leaves a JSS window (added by the JSS module).
    WindowExit,
    /// The displayed JSS changes (added by the JSS module).
    JssChange,
}

impl TimelineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TimelineKind::AutoRelease => "auto_release",
            TimelineKind::EscrowRefund => "escrow_refund",
            TimelineKind::DisputeDeadline => "dispute_deadline",
            TimelineKind::RefundCredited => "refund_credited",
            TimelineKind::FundsAvailable => "funds_available",
            TimelineKind::FeedbackWindowCloses => "feedback_window_closes",
            TimelineKind::DormantNotice => "dormant_notice",
            TimelineKind::Dormant => "dormant",
            TimelineKind::ContractClosed => "contract_closed",
            TimelineKind::HourlyInvoice => "hourly_invoice",
            TimelineKind::HourlyReviewEnds => "hourly_review_ends",
            TimelineKind::InactivityWarning => "inactivity_warning",
            TimelineKind::AutoPause => "auto_pause",
            TimelineKind::MediationDeadline => "mediation_deadline",
            TimelineKind::WindowExit => "window_exit",
            TimelineKind::JssChange => "jss_change",
        }
    }
}

/// One row of the timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineEvent {
    pub date: NaiveDate,
    pub contract: String,
    pub kind: TimelineKind,
    #[serde(serialize_with = "optional_usd")]
    pub amount: Option<Money>,
    pub detail: String,
}

fn optional_usd<S: Serializer>(amount: &Option<Money>, serializer: S) -> Result<S::Ok, S::Error> {
    match amount {
        Some(money) => serializer.serialize_f64(money.to_usd()),
        None => serializer.serialize_none(),
    }
}

/// The document `jss timeline` prints: `{ "at": DATE, "events": [...] }`.
#[derive(Serialize)]
pub struct TimelineDocument<'a> {
    pub at: NaiveDate,
    pub events: &'a [TimelineEvent],
}

impl TimelineDocument<'_> {
    /// Pretty JSON with keys in the documented order.
    pub fn to_json_string(&self) -> String {
        // Plain structs with string keys and finite numbers always serialise.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Why a timeline could not be computed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimelineError {
    /// The scenario's facts could not be loaded into a ledger.
    #[error("the scenario cannot be loaded: {0}")]
    Load(#[from] LedgerError),
    /// The horizon runs past the end of the calendar.
    #[error("the horizon of {days} days from {at} is past the end of the calendar")]
    HorizonTooFar { at: NaiveDate, days: u32 },
}

/// The automatic events from `at` over `days` days, sorted by date, contract and kind name.
pub fn timeline(
    scenario: &Scenario,
    at: NaiveDate,
    days: u32,
) -> Result<Vec<TimelineEvent>, TimelineError> {
    let loaded_on = scenario.as_of.map_or(at, |as_of| as_of.min(at));
    let mut ledger = Ledger::from_scenario(scenario, loaded_on)?;
    if days == 0 {
        return Ok(Vec::new());
    }
    let last_day =
        add_days(at, u64::from(days) - 1).ok_or(TimelineError::HorizonTooFar { at, days })?;
    let first_moment = start_of_day(at);
    let mut rows: Vec<TimelineEvent> = ledger
        .process_due(end_of_day(last_day))
        .iter()
        .filter_map(|event| row(event, first_moment, loaded_on == at))
        .collect();
    rows.extend(jss_rows(scenario, at, last_day));
    // Kinds sort by their names, so readers of the JSON can predict the order.
    rows.sort_by(|a, b| {
        (a.date, &a.contract, a.kind.as_str()).cmp(&(b.date, &b.contract, b.kind.as_str()))
    });
    Ok(rows)
}

/// The JSS side of the timeline: each day a contract leaves a window, and each day the
/// displayed score changes, if nothing new happens after `at`. A score change has no contract;
/// its `contract` is empty and `amount` carries the new score as a number, as the format asks
/// (`96` is held as 96 "dollars" so it prints as `96.0`; null for "no score").
fn jss_rows(scenario: &Scenario, at: NaiveDate, last_day: NaiveDate) -> Vec<TimelineEvent> {
    let exits = crate::jss::window_exits(scenario, at, last_day)
        .into_iter()
        .map(|exit| TimelineEvent {
            date: exit.date,
            contract: exit.contract,
            kind: TimelineKind::WindowExit,
            amount: None,
            detail: format!("leaves the {} window", exit.window.label()),
        });
    let changes = crate::jss::score_changes(scenario, at, last_day)
        .into_iter()
        .filter(|(date, _)| *date > at)
        .map(|(date, score)| TimelineEvent {
            date,
            contract: String::new(),
            kind: TimelineKind::JssChange,
            amount: score.map(|s| Money::from_cents(i64::from(s) * 100)),
            detail: match score {
                Some(score) => format!("JSS becomes {score}%"),
                None => "JSS becomes \"no score yet\"".to_string(),
            },
        });
    exits.chain(changes).collect()
}

fn row(event: &Event, first_moment: NaiveDateTime, show_overdue: bool) -> Option<TimelineEvent> {
    let (kind, amount, detail) = describe(&event.kind)?;
    let overdue = event.at < first_moment;
    if overdue && !show_overdue {
        return None;
    }
    let (date, detail) = if overdue {
        (
            first_moment.date(),
            format!("{detail} (overdue since {})", event.at.date()),
        )
    } else {
        (event.at.date(), detail)
    };
    Some(TimelineEvent {
        date,
        contract: event.contract.to_string(),
        kind,
        amount,
        detail,
    })
}

fn escrow_name(escrow: &EscrowRef) -> String {
    match escrow {
        EscrowRef::Milestone(id) => format!("milestone {id}"),
        EscrowRef::Invoice(week) => format!("hours of the week of {week}"),
    }
}

fn describe(kind: &EventKind) -> Option<(TimelineKind, Option<Money>, String)> {
    let described = match kind {
        EventKind::EscrowReleased {
            escrow,
            amount,
            cause,
        } => released(escrow, *amount, *cause)?,
        EventKind::EscrowRefunded {
            escrow,
            amount,
            cause,
        } => refunded(escrow, *amount, *cause)?,
        EventKind::RefundCredited { amount } => (
            TimelineKind::RefundCredited,
            Some(*amount),
            "the refund reaches the client's payment method".to_string(),
        ),
        EventKind::FundsAvailable { amount, source } => {
            let from = match source {
                PaymentSource::Escrow(escrow) => escrow_name(escrow),
                PaymentSource::Bonus => "bonus".to_string(),
                PaymentSource::Scenario => "payment".to_string(),
            };
            (
                TimelineKind::FundsAvailable,
                Some(*amount),
                format!("{from} leaves the security period"),
            )
        }
        EventKind::FeedbackWindowClosed => (
            TimelineKind::FeedbackWindowCloses,
            None,
            "14 days after the end: feedback closes and becomes visible".into(),
        ),
        EventKind::DormantNotice { day } => (
            TimelineKind::DormantNotice,
            None,
            format!("day {day} without activity"),
        ),
        EventKind::BecameDormant => (
            TimelineKind::Dormant,
            None,
            "day 90: marked dormant; the client has 7 days to act".into(),
        ),
        EventKind::DormantClientWindowClosed => (
            TimelineKind::Dormant,
            None,
            "the freelancer has 7 days to request release".into(),
        ),
        EventKind::ContractEnded { by, .. } => (
            TimelineKind::ContractClosed,
            None,
            format!("closed by the {}", by.as_str()),
        ),
        EventKind::Invoiced { amount, week_start } => (
            TimelineKind::HourlyInvoice,
            Some(*amount),
            format!("hours of the week of {week_start}"),
        ),
        EventKind::InactivityWarning => (
            TimelineKind::InactivityWarning,
            None,
            "30 days without logged time".into(),
        ),
        EventKind::AutoPaused => (
            TimelineKind::AutoPause,
            None,
            "30 days without logged time: paused".into(),
        ),
        EventKind::ArbitrationOffered { .. } => (
            TimelineKind::MediationDeadline,
            None,
            "no agreement: 7 days to opt into arbitration".into(),
        ),
        _ => return None,
    };
    Some(described)
}

fn released(
    escrow: &EscrowRef,
    amount: Money,
    cause: Cause,
) -> Option<(TimelineKind, Option<Money>, String)> {
    let name = escrow_name(escrow);
    let (kind, why) = match cause {
        Cause::ReviewExpired => (TimelineKind::AutoRelease, "14 days without review"),
        Cause::DormantRelease => (
            TimelineKind::AutoRelease,
            "dormant release request not answered in 14 days",
        ),
        Cause::InvoiceCleared => (
            TimelineKind::HourlyReviewEnds,
            "review window closed without a dispute",
        ),
        Cause::ClientDidNotRespond => (
            TimelineKind::DisputeDeadline,
            "the client did not answer the dispute",
        ),
        Cause::ArbitrationFeePaid => (
            TimelineKind::DisputeDeadline,
            "only the freelancer paid for arbitration",
        ),
        _ => return None,
    };
    Some((kind, Some(amount), format!("{name} released: {why}")))
}

fn refunded(
    escrow: &EscrowRef,
    amount: Money,
    cause: Cause,
) -> Option<(TimelineKind, Option<Money>, String)> {
    let name = escrow_name(escrow);
    let (kind, why) = match cause {
        Cause::RefundRequestExpired => (
            TimelineKind::EscrowRefund,
            "the freelancer did not answer the refund request in 7 days",
        ),
        Cause::ContractEndedEarly => (TimelineKind::EscrowRefund, "the contract ended early"),
        Cause::DormantRefund => (
            TimelineKind::EscrowRefund,
            "dormant and nobody requested release",
        ),
        Cause::HourlyDisputeLost => (
            TimelineKind::HourlyReviewEnds,
            "the dispute of hours was not answered",
        ),
        Cause::ArbitrationDeclined => {
            (TimelineKind::DisputeDeadline, "nobody paid for arbitration")
        }
        Cause::ArbitrationFeePaid => (
            TimelineKind::DisputeDeadline,
            "only the client paid for arbitration",
        ),
        _ => return None,
    };
    Some((kind, Some(amount), format!("{name} refunded: {why}")))
}
