//! Every automatic event the engine will apply from a date on if nobody acts.
//!
//! The timeline loads the scenario into a ledger as of `min(as_of, at)`, lets time run with
//! nobody acting up to the end of the horizon (`at` plus `days` days, the last day included),
//! and reports the automatic events from `at` on. Events that fell due before `at` are not
//! listed, with one exception: when `at` is the day the ledger was loaded, transitions that
//! were already overdue (the scenario's facts imply them but do not record them, e.g. a
//! submission older than `fp_review_days` without a release) are listed on `at`, since that is when
//! the engine applies them, and their detail names the date they fell due.
//!
//! The `window_exit` and `jss_change` kinds belong to the Job Success Score, which adds them;
//! the ledger never produces them. Nor does it produce `client_silent`: the day an open
//! contract's client has paid nothing for `client_silent_days` (counted from the last payment
//! on record, or the start), listed when it falls in the horizon. A client already silent
//! before `at` has no event: the state began earlier, and nothing happens on `at`.
//!
//! Every detail that names a number of days takes it from the scenario's rules.
//!
//! [`past_money`] is the other half of a money calendar: the money the scenario's facts record
//! as already moved (payments, milestone funding and releases, refunds), up to a date.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Serialize, Serializer};

use crate::ledger::calendar::{add_days, end_of_day, start_of_day};
use crate::ledger::deadline::dormancy_days;
use crate::ledger::{Cause, EscrowRef, Event, EventKind, Ledger, LedgerError, PaymentSource};
use crate::money::Money;
use crate::rules::Params;
use crate::scenario::{Scenario, Terms};

/// The default horizon of `jss timeline`.
pub const DEFAULT_DAYS: u32 = 120;

/// What kind of automatic event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    /// Submitted work is released after `fp_review_days` without review, or a dormant
    /// contract's release request after `dormant_client_review_days` without an answer.
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
    /// The feedback window (`feedback_window_days`) closes.
    FeedbackWindowCloses,
    /// A dormancy notice (`dormant_first_notice_days`, `dormant_second_notice_days`).
    DormantNotice,
    /// The contract is marked dormant, or a dormancy window moves on.
    Dormant,
    /// The platform closes a dormant contract.
    ContractClosed,
    /// Monday 12:00: logged hours are invoiced.
    HourlyInvoice,
    /// Friday: an hourly invoice clears, or a disputed one is refunded.
    HourlyReviewEnds,
    /// `hourly_inactivity_warning_days` without logged time; the client is warned.
    InactivityWarning,
    /// `hourly_inactivity_pause_days` without logged time pause the contract (by default only
    /// in the legacy era).
    AutoPause,
    /// `client_silent_days` without a payment on an open contract: its client counts as silent.
    ClientSilent,
    /// Mediation moves on to the arbitration offer.
    MediationDeadline,
    /// A contract leaves a JSS window (added by the JSS module).
    WindowExit,
    /// The displayed JSS changes (added by the JSS module).
    JssChange,
    /// A past payment the freelancer received, or a milestone released (scenario facts).
    Payment,
    /// A past milestone funding by the client (scenario facts).
    EscrowFunded,
    /// A past refund from the freelancer to the client (scenario facts).
    Refund,
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
            TimelineKind::ClientSilent => "client_silent",
            TimelineKind::MediationDeadline => "mediation_deadline",
            TimelineKind::WindowExit => "window_exit",
            TimelineKind::JssChange => "jss_change",
            TimelineKind::Payment => "payment",
            TimelineKind::EscrowFunded => "escrow_funded",
            TimelineKind::Refund => "refund",
        }
    }
}

/// What an event does with its money, set by the engine so that readers (the money calendar)
/// never have to parse the detail text: an hourly review end or a dispute deadline may either
/// release or refund escrow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyMove {
    /// Logged hours are invoiced to the client.
    Invoiced,
    /// The client puts money into escrow.
    Funded,
    /// Escrow is released to the freelancer.
    Released,
    /// The freelancer received a payment that is not a recorded milestone release.
    Paid,
    /// The freelancer's money leaves its security period.
    Available,
    /// Money goes back to the client (escrow refunded, or refunded by the freelancer).
    Refunded,
    /// A refund reaches the client's payment method.
    RefundCredited,
}

impl MoneyMove {
    /// True for the moves that bring money to the client; the others are the freelancer's.
    pub fn to_client(self) -> bool {
        matches!(
            self,
            MoneyMove::Funded | MoneyMove::Refunded | MoneyMove::RefundCredited
        )
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
    /// What the amount does, for money events; `None` for the others (and for score changes,
    /// whose `amount` is a score). Not printed: `jss timeline` keeps its documented fields.
    #[serde(skip)]
    pub money: Option<MoneyMove>,
    /// The day an overdue transition fell due (the event is then listed on the first day of
    /// the timeline, and its detail says since when). Readers list overdue events apart from
    /// upcoming ones without reading the detail text. Not printed, like `money`.
    #[serde(skip)]
    pub overdue_since: Option<NaiveDate>,
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
        add_days(at, i64::from(days) - 1).ok_or(TimelineError::HorizonTooFar { at, days })?;
    let first_moment = start_of_day(at);
    let params = ledger.policy().params.clone();
    let mut rows: Vec<TimelineEvent> = ledger
        .process_due(end_of_day(last_day))
        .iter()
        .filter_map(|event| row(event, first_moment, loaded_on == at, &params))
        .collect();
    rows.extend(client_silent_rows(
        scenario, &ledger, loaded_on, at, last_day, &params,
    ));
    rows.extend(jss_rows(scenario, at, last_day));
    sort_rows(&mut rows);
    Ok(rows)
}

/// Sorts by date, contract and kind name (kinds sort by their names, so readers of the JSON
/// can predict the order); the sort is stable, so ties keep the order they were made in. One
/// function for both lists, so the download carries one copy of the sort.
fn sort_rows(rows: &mut [TimelineEvent]) {
    rows.sort_by(|a, b| {
        (a.date, &a.contract, a.kind.as_str()).cmp(&(b.date, &b.contract, b.kind.as_str()))
    });
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
            money: None,
            overdue_since: None,
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
            money: None,
            overdue_since: None,
        });
    exits.chain(changes).collect()
}

/// For each contract open when the ledger was loaded, the day its client becomes silent: the
/// last payment on record (or the start) plus `client_silent_days`, if it falls from `at` to
/// `last_day` and nothing (such as a dormancy closure) ended the contract by then.
fn client_silent_rows(
    scenario: &Scenario,
    ledger: &Ledger,
    loaded_on: NaiveDate,
    at: NaiveDate,
    last_day: NaiveDate,
    params: &Params,
) -> Vec<TimelineEvent> {
    let days = params.client_silent_days;
    let mut rows = Vec::new();
    for contract in &scenario.contracts {
        let Some(state) = ledger.contract(&contract.id) else {
            continue;
        };
        let last_paid = contract
            .payments
            .iter()
            .map(|p| p.date)
            .filter(|d| *d <= loaded_on)
            .max()
            .unwrap_or(contract.start)
            .max(contract.start);
        let Some(silent_on) = add_days(last_paid, days) else {
            continue;
        };
        let open = state.end.is_none_or(|end| end.at.date() > silent_on);
        if open && at <= silent_on && silent_on <= last_day {
            rows.push(TimelineEvent {
                date: silent_on,
                contract: contract.id.clone(),
                kind: TimelineKind::ClientSilent,
                amount: None,
                detail: format!("no payment for {days} days: the client counts as silent"),
                money: None,
                overdue_since: None,
            });
        }
    }
    rows
}

fn row(
    event: &Event,
    first_moment: NaiveDateTime,
    show_overdue: bool,
    params: &Params,
) -> Option<TimelineEvent> {
    let Described {
        kind,
        amount,
        detail,
        money,
    } = describe(&event.kind, params)?;
    let overdue = event.at < first_moment;
    if overdue && !show_overdue {
        return None;
    }
    let (date, detail) = if overdue {
        (
            first_moment.date(),
            format!(
                "{detail} (overdue since {})",
                crate::format::date(event.at.date())
            ),
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
        money,
        overdue_since: overdue.then(|| event.at.date()),
    })
}

/// A ledger event in timeline terms.
struct Described {
    kind: TimelineKind,
    amount: Option<Money>,
    detail: String,
    money: Option<MoneyMove>,
}

impl Described {
    fn new(kind: TimelineKind, detail: impl Into<String>) -> Described {
        Described {
            kind,
            amount: None,
            detail: detail.into(),
            money: None,
        }
    }

    fn moving(kind: TimelineKind, amount: Money, money: MoneyMove, detail: String) -> Described {
        Described {
            kind,
            amount: Some(amount),
            detail,
            money: Some(money),
        }
    }
}

fn escrow_name(escrow: &EscrowRef) -> String {
    match escrow {
        EscrowRef::Milestone(id) => format!("milestone {id}"),
        EscrowRef::Invoice(week) => format!("hours of the week of {week}"),
    }
}

fn describe(kind: &EventKind, params: &Params) -> Option<Described> {
    let described = match kind {
        EventKind::EscrowReleased {
            escrow,
            amount,
            cause,
        } => released(escrow, *amount, *cause, params)?,
        EventKind::EscrowRefunded {
            escrow,
            amount,
            cause,
        } => refunded(escrow, *amount, *cause, params)?,
        EventKind::RefundCredited { amount } => Described::moving(
            TimelineKind::RefundCredited,
            *amount,
            MoneyMove::RefundCredited,
            "the refund reaches the client's payment method".to_string(),
        ),
        EventKind::FundsAvailable { amount, source } => {
            let from = match source {
                PaymentSource::Escrow(escrow) => escrow_name(escrow),
                PaymentSource::Bonus => "bonus".to_string(),
                PaymentSource::Scenario => "payment".to_string(),
            };
            Described::moving(
                TimelineKind::FundsAvailable,
                *amount,
                MoneyMove::Available,
                format!("{from} leaves the security period"),
            )
        }
        EventKind::FeedbackWindowClosed => Described::new(
            TimelineKind::FeedbackWindowCloses,
            format!(
                "{} days after the end: feedback closes and becomes visible",
                params.feedback_window_days
            ),
        ),
        EventKind::DormantNotice { day } => Described::new(
            TimelineKind::DormantNotice,
            format!("day {day} without activity"),
        ),
        EventKind::BecameDormant => Described::new(
            TimelineKind::Dormant,
            format!(
                "day {}: marked dormant; the client has {} days to act",
                dormancy_days(params)[2],
                params.dormant_client_action_days
            ),
        ),
        EventKind::DormantClientWindowClosed => Described::new(
            TimelineKind::Dormant,
            format!(
                "the freelancer has {} days to request release",
                params.dormant_freelancer_request_days
            ),
        ),
        EventKind::ContractEnded { by, .. } => Described::new(
            TimelineKind::ContractClosed,
            format!("closed by the {}", by.as_str()),
        ),
        EventKind::Invoiced { amount, week_start } => Described::moving(
            TimelineKind::HourlyInvoice,
            *amount,
            MoneyMove::Invoiced,
            format!("hours of the week of {week_start}"),
        ),
        EventKind::InactivityWarning => Described::new(
            TimelineKind::InactivityWarning,
            format!(
                "{} days without logged time",
                params.hourly_inactivity_warning_days
            ),
        ),
        EventKind::AutoPaused => Described::new(
            TimelineKind::AutoPause,
            format!(
                "{} days without logged time: paused",
                params.hourly_inactivity_pause_days
            ),
        ),
        EventKind::ArbitrationOffered { .. } => Described::new(
            TimelineKind::MediationDeadline,
            format!(
                "no agreement: {} days to opt into arbitration",
                params.arbitration_opt_in_days
            ),
        ),
        _ => return None,
    };
    Some(described)
}

fn released(escrow: &EscrowRef, amount: Money, cause: Cause, params: &Params) -> Option<Described> {
    let name = escrow_name(escrow);
    let (kind, why) = match cause {
        Cause::ReviewExpired => (
            TimelineKind::AutoRelease,
            format!("{} days without review", params.fp_review_days),
        ),
        Cause::DormantRelease => (
            TimelineKind::AutoRelease,
            format!(
                "dormant release request not answered in {} days",
                params.dormant_client_review_days
            ),
        ),
        Cause::InvoiceCleared => (
            TimelineKind::HourlyReviewEnds,
            "review window closed without a dispute".to_string(),
        ),
        Cause::ClientDidNotRespond => (
            TimelineKind::DisputeDeadline,
            "the client did not answer the dispute".to_string(),
        ),
        Cause::ArbitrationFeePaid => (
            TimelineKind::DisputeDeadline,
            "only the freelancer paid for arbitration".to_string(),
        ),
        _ => return None,
    };
    let detail = format!("{name} released: {why}");
    Some(Described::moving(kind, amount, MoneyMove::Released, detail))
}

fn refunded(escrow: &EscrowRef, amount: Money, cause: Cause, params: &Params) -> Option<Described> {
    let name = escrow_name(escrow);
    let (kind, why) = match cause {
        Cause::RefundRequestExpired => (
            TimelineKind::EscrowRefund,
            format!(
                "the freelancer did not answer the refund request in {} days",
                params.escrow_refund_response_days
            ),
        ),
        Cause::ContractEndedEarly => (
            TimelineKind::EscrowRefund,
            "the contract ended early".to_string(),
        ),
        Cause::DormantRefund => (
            TimelineKind::EscrowRefund,
            "dormant and nobody requested release".to_string(),
        ),
        Cause::HourlyDisputeLost => (
            TimelineKind::HourlyReviewEnds,
            "the dispute of hours was not answered".to_string(),
        ),
        Cause::ArbitrationDeclined => (
            TimelineKind::DisputeDeadline,
            "nobody paid for arbitration".to_string(),
        ),
        Cause::ArbitrationFeePaid => (
            TimelineKind::DisputeDeadline,
            "only the client paid for arbitration".to_string(),
        ),
        _ => return None,
    };
    let detail = format!("{name} refunded: {why}");
    Some(Described::moving(kind, amount, MoneyMove::Refunded, detail))
}

/// The money the scenario's facts record as moved on or before `until`: payments received,
/// milestones funded, released and refunded, and refunds the freelancer gave. Sorted like
/// [`timeline`]; on ties, a contract's milestones (in order) come before its payments and
/// refunds.
///
/// A payment on the day a milestone of the same amount was released is that release, so it is
/// listed once, as the release; a release without such a payment is listed all the same, since
/// the milestone says the money moved.
pub fn past_money(scenario: &Scenario, until: NaiveDate) -> Vec<TimelineEvent> {
    let mut rows = Vec::new();
    for contract in &scenario.contracts {
        let mut push = |date: NaiveDate, kind, amount, money, detail: String| {
            if date <= until {
                rows.push(TimelineEvent {
                    date,
                    contract: contract.id.clone(),
                    kind,
                    amount: Some(amount),
                    detail,
                    money: Some(money),
                    overdue_since: None,
                });
            }
        };
        let mut unmatched: Vec<_> = contract.payments.iter().collect();
        if let Terms::Fixed { milestones } = &contract.terms {
            for m in milestones {
                if let Some(date) = m.funded {
                    let detail = format!("milestone {} funded into escrow", m.id);
                    push(
                        date,
                        TimelineKind::EscrowFunded,
                        m.amount,
                        MoneyMove::Funded,
                        detail,
                    );
                }
                if let Some(date) = m.released {
                    let paid = unmatched
                        .iter()
                        .position(|p| p.date == date && p.amount == m.amount);
                    if let Some(i) = paid {
                        unmatched.remove(i);
                    }
                    let detail = format!("milestone {} released", m.id);
                    push(
                        date,
                        TimelineKind::Payment,
                        m.amount,
                        MoneyMove::Released,
                        detail,
                    );
                }
                if let Some(date) = m.refunded {
                    let detail = format!("milestone {} refunded to the client", m.id);
                    push(
                        date,
                        TimelineKind::EscrowRefund,
                        m.amount,
                        MoneyMove::Refunded,
                        detail,
                    );
                }
            }
        }
        for p in unmatched {
            let detail = "payment received".to_string();
            push(
                p.date,
                TimelineKind::Payment,
                p.amount,
                MoneyMove::Paid,
                detail,
            );
        }
        for r in &contract.refunds {
            let detail = "refunded by the freelancer".to_string();
            push(
                r.date,
                TimelineKind::Refund,
                r.amount,
                MoneyMove::Refunded,
                detail,
            );
        }
    }
    sort_rows(&mut rows);
    rows
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    /// Describes one ledger event and compares its kind and money move with `expected`
    /// (`None` when the timeline leaves the event out).
    fn check(event: EventKind, expected: Option<(TimelineKind, Option<MoneyMove>)>) {
        let params = Params::for_era(crate::rules::Era::Current);
        let got = describe(&event, &params).map(|d| (d.kind, d.money));
        assert_eq!(got, expected, "{event:?}");
    }

    #[test]
    fn every_money_event_says_which_way_its_money_goes() {
        let week = EscrowRef::Invoice(date("2026-03-02"));
        let milestone = EscrowRef::Milestone(Arc::from("m1"));
        let amount = Money::from_cents(12_345);
        let released = |escrow: &EscrowRef, cause| EventKind::EscrowReleased {
            escrow: escrow.clone(),
            amount,
            cause,
        };
        let refunded = |escrow: &EscrowRef, cause| EventKind::EscrowRefunded {
            escrow: escrow.clone(),
            amount,
            cause,
        };
        let cases = [
            (
                released(&week, Cause::InvoiceCleared),
                Some((TimelineKind::HourlyReviewEnds, Some(MoneyMove::Released))),
            ),
            (
                refunded(&week, Cause::HourlyDisputeLost),
                Some((TimelineKind::HourlyReviewEnds, Some(MoneyMove::Refunded))),
            ),
            (
                released(&milestone, Cause::ArbitrationFeePaid),
                Some((TimelineKind::DisputeDeadline, Some(MoneyMove::Released))),
            ),
            (
                refunded(&milestone, Cause::ArbitrationFeePaid),
                Some((TimelineKind::DisputeDeadline, Some(MoneyMove::Refunded))),
            ),
            (
                refunded(&milestone, Cause::ArbitrationDeclined),
                Some((TimelineKind::DisputeDeadline, Some(MoneyMove::Refunded))),
            ),
            (
                released(&milestone, Cause::ReviewExpired),
                Some((TimelineKind::AutoRelease, Some(MoneyMove::Released))),
            ),
            (
                refunded(&milestone, Cause::ContractEndedEarly),
                Some((TimelineKind::EscrowRefund, Some(MoneyMove::Refunded))),
            ),
            (
                EventKind::Invoiced {
                    amount,
                    week_start: date("2026-03-02"),
                },
                Some((TimelineKind::HourlyInvoice, Some(MoneyMove::Invoiced))),
            ),
            (
                EventKind::RefundCredited { amount },
                Some((
                    TimelineKind::RefundCredited,
                    Some(MoneyMove::RefundCredited),
                )),
            ),
            (
                EventKind::FundsAvailable {
                    amount,
                    source: PaymentSource::Bonus,
                },
                Some((TimelineKind::FundsAvailable, Some(MoneyMove::Available))),
            ),
            (
                EventKind::FeedbackWindowClosed,
                Some((TimelineKind::FeedbackWindowCloses, None)),
            ),
            (
                EventKind::DormantNotice { day: 76 },
                Some((TimelineKind::DormantNotice, None)),
            ),
        ];
        for (event, expected) in cases {
            check(event, expected);
        }
    }

    #[test]
    fn money_moves_split_between_freelancer_and_client() {
        let to_client: Vec<MoneyMove> = [
            MoneyMove::Invoiced,
            MoneyMove::Funded,
            MoneyMove::Released,
            MoneyMove::Paid,
            MoneyMove::Available,
            MoneyMove::Refunded,
            MoneyMove::RefundCredited,
        ]
        .into_iter()
        .filter(|m| m.to_client())
        .collect();
        assert_eq!(
            to_client,
            [
                MoneyMove::Funded,
                MoneyMove::Refunded,
                MoneyMove::RefundCredited
            ]
        );
    }
}
