//! A client's question: "I funded a contract and it ended; when does my money come back?"
//!
//! The answer runs the real ledger on a one-milestone contract built from a few facts (the
//! amount, the end date, who ended it, what the freelancer did), so every date comes from the
//! same timers as the rest of the app: the escrow refund request and its answer period, the
//! refund's way to the payment method, an escrow dispute and the client's time to answer it.

use chrono::{NaiveDate, NaiveDateTime};

use crate::format::date;
use crate::ledger::calendar::start_of_day;
use crate::ledger::event::{Event, EventKind};
use crate::ledger::{Command, Ledger};
use crate::money::Money;
use crate::rules::{Params, Rules};
use crate::scenario::{EndReason, Party};

const CONTRACT: &str = "job";
const MILESTONE: &str = "m1";
/// How far the answer looks ahead of the end: longer than the longest chain of timers (a
/// dispute through mediation and arbitration, then the refund's way to the card).
const LOOK_AHEAD_DAYS: i64 = 120;

/// Who ended the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndedBy {
    Client,
    Freelancer,
}

/// What the freelancer did about the client's refund request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreelancerAnswer {
    NotYet,
    Accepted(NaiveDate),
    Disputed(NaiveDate),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefundCase {
    pub amount: Money,
    pub ended_on: NaiveDate,
    pub ended_by: EndedBy,
    pub answer: FreelancerAnswer,
}

/// A field of the client's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefundField {
    Amount,
    EndedOn,
    AnswerDate,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RefundProblem {
    #[error("Enter the amount in escrow, more than $0.")]
    Amount,
    #[error("Enter the day the contract ended.")]
    NoEndDate,
    #[error("The end date {} is after today ({}); enter the day the contract ended.", date(*.ended), date(*.today))]
    EndedInFuture { ended: NaiveDate, today: NaiveDate },
    #[error("The freelancer's answer ({}) cannot come before the contract ended ({}).", date(*.answer), date(*.ended))]
    AnswerBeforeEnd { answer: NaiveDate, ended: NaiveDate },
    #[error("The freelancer's answer date {} is after today ({}).", date(*.answer), date(*.today))]
    AnswerInFuture { answer: NaiveDate, today: NaiveDate },
    #[error(
        "A freelancer who ended the contract themselves has nothing to answer; choose “not yet”."
    )]
    NothingToAnswer,
    #[error("These dates cannot be worked out: {0}.")]
    Ledger(String),
}

impl RefundProblem {
    pub fn field(&self) -> Option<RefundField> {
        match self {
            RefundProblem::Amount => Some(RefundField::Amount),
            RefundProblem::NoEndDate | RefundProblem::EndedInFuture { .. } => {
                Some(RefundField::EndedOn)
            }
            RefundProblem::AnswerBeforeEnd { .. }
            | RefundProblem::AnswerInFuture { .. }
            | RefundProblem::NothingToAnswer => Some(RefundField::AnswerDate),
            RefundProblem::Ledger(_) => None,
        }
    }
}

/// One dated line of the client's money calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundStep {
    pub date: NaiveDate,
    pub what: String,
    pub amount: Option<Money>,
    /// On or before today.
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundAnswer {
    /// The answer in one sentence.
    pub headline: String,
    /// When the escrow leaves escrow back to the client, if it is known.
    pub refunded_on: Option<NaiveDate>,
    /// The latest day it reaches the client's card or bank.
    pub credited_by: Option<NaiveDate>,
    pub steps: Vec<RefundStep>,
    /// What could move these dates, in words.
    pub could_change: Vec<String>,
}

/// The answer to the case on `today`, under `rules`.
pub fn refund_answer(
    case: &RefundCase,
    today: NaiveDate,
    rules: &Rules,
) -> Result<RefundAnswer, Vec<RefundProblem>> {
    check(case, today)?;
    let params = Params::resolve(rules);
    let ledger_error = |e: crate::ledger::LedgerError| vec![RefundProblem::Ledger(e.to_string())];
    let mut ledger = Ledger::new(params.clone(), start_of_day(case.ended_on));
    let at = start_of_day(case.ended_on);
    let by = match case.ended_by {
        EndedBy::Client => Party::Client,
        EndedBy::Freelancer => Party::Freelancer,
    };
    for command in [
        Command::OpenFixed {
            contract: CONTRACT.into(),
            client: "client".into(),
        },
        Command::AddMilestone {
            contract: CONTRACT.into(),
            milestone: MILESTONE.into(),
            amount: case.amount,
            due: None,
        },
        Command::FundMilestone {
            contract: CONTRACT.into(),
            milestone: MILESTONE.into(),
        },
        Command::EndContract {
            contract: CONTRACT.into(),
            by,
            reason: EndReason::NotCompleted,
            final_release: Money::ZERO,
        },
    ] {
        ledger.execute(at, command).map_err(ledger_error)?;
    }
    match case.answer {
        FreelancerAnswer::NotYet => {}
        FreelancerAnswer::Accepted(on) | FreelancerAnswer::Disputed(on) => {
            let when = start_of_day(on);
            ledger.process_due(when);
            let command = if matches!(case.answer, FreelancerAnswer::Accepted(_)) {
                Command::AcceptEscrowRefund {
                    contract: CONTRACT.into(),
                }
            } else {
                Command::FileDispute {
                    contract: CONTRACT.into(),
                    by: Party::Freelancer,
                }
            };
            ledger.execute(when, command).map_err(ledger_error)?;
        }
    }
    let until = crate::jss::outcome::add_days(case.ended_on, LOOK_AHEAD_DAYS)
        .map_or(NaiveDateTime::MAX, start_of_day);
    let mut events: Vec<Event> = ledger.events().to_vec();
    events.extend(ledger.preview(until));
    Ok(answer_from(case, today, &params, &events))
}

fn check(case: &RefundCase, today: NaiveDate) -> Result<(), Vec<RefundProblem>> {
    let mut problems = Vec::new();
    if case.amount.cents() <= 0 {
        problems.push(RefundProblem::Amount);
    }
    if case.ended_on > today {
        problems.push(RefundProblem::EndedInFuture {
            ended: case.ended_on,
            today,
        });
    }
    if let FreelancerAnswer::Accepted(on) | FreelancerAnswer::Disputed(on) = case.answer {
        if case.ended_by == EndedBy::Freelancer {
            problems.push(RefundProblem::NothingToAnswer);
        } else if on < case.ended_on {
            problems.push(RefundProblem::AnswerBeforeEnd {
                answer: on,
                ended: case.ended_on,
            });
        } else if on > today {
            problems.push(RefundProblem::AnswerInFuture { answer: on, today });
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn answer_from(
    case: &RefundCase,
    today: NaiveDate,
    params: &Params,
    events: &[Event],
) -> RefundAnswer {
    let mut steps = Vec::new();
    let mut refunded_on = None;
    let mut credited_by = None;
    let mut released_on = None;
    let mut dispute_answer_due = None;
    for e in events {
        let day = e.at.date();
        let line = match &e.kind {
            EventKind::MilestoneFunded { amount, .. } => {
                Some(("You funded the milestone (already paid)".to_owned(), Some(*amount)))
            }
            EventKind::ContractEnded { by, .. } => Some((
                match by {
                    Party::Client => "You ended the contract".to_owned(),
                    _ => "The freelancer ended the contract".to_owned(),
                },
                None,
            )),
            EventKind::EscrowRefundRequested { due, .. } => Some((
                format!(
                    "Your refund request goes to the freelancer, who has until {} to accept or dispute it",
                    date(due.date())
                ),
                None,
            )),
            EventKind::DisputeFiled { due, .. } => {
                dispute_answer_due = Some(due.date());
                Some((
                    format!(
                        "The freelancer disputes the refund; you have until {} to answer in the dispute",
                        date(due.date())
                    ),
                    None,
                ))
            }
            EventKind::EscrowRefunded { amount, .. } => {
                refunded_on.get_or_insert(day);
                Some(("The escrow is refunded to you".to_owned(), Some(*amount)))
            }
            EventKind::RefundCredited { amount } => {
                credited_by.get_or_insert(day);
                Some((
                    "The refund reaches your card or bank account (at the latest)".to_owned(),
                    Some(*amount),
                ))
            }
            EventKind::EscrowReleased { amount, .. } => {
                released_on.get_or_insert(day);
                Some(("The escrow is released to the freelancer".to_owned(), Some(*amount)))
            }
            _ => None,
        };
        if let Some((what, amount)) = line {
            steps.push(RefundStep {
                date: day,
                what,
                amount,
                done: day <= today,
            });
        }
    }
    let amount = case.amount;
    let response_days = params.escrow_refund_response_days;
    let headline = match (case.ended_by, case.answer, refunded_on, credited_by) {
        (_, FreelancerAnswer::Disputed(_), _, _) => format!(
            "Your {amount} stays in escrow while the dispute runs: answer it by {}, or it is released to the freelancer.",
            dispute_answer_due.or(released_on).map_or_else(|| "the deadline".to_owned(), date)
        ),
        (EndedBy::Freelancer, _, Some(on), credited) => format!(
            "Your {amount} {} to you on {} because the freelancer ended the contract{}.",
            if on <= today { "came back" } else { "comes back" },
            date(on),
            credit_words(credited, today)
        ),
        (EndedBy::Client, FreelancerAnswer::Accepted(_), Some(on), credited) => format!(
            "Your {amount} {} to you on {}, when the freelancer accepted the refund{}.",
            if on <= today { "came back" } else { "comes back" },
            date(on),
            credit_words(credited, today)
        ),
        (EndedBy::Client, _, Some(on), credited) if on <= today => format!(
            "Your {amount} came back to you on {}: the freelancer did not answer within {response_days} days{}.",
            date(on),
            credit_words(credited, today)
        ),
        (EndedBy::Client, _, Some(on), credited) => format!(
            "Your {amount} comes back to you on {} if the freelancer does not answer your refund request ({response_days} days after you ended the contract){}.",
            date(on),
            credit_words(credited, today)
        ),
        _ => format!("No refund of your {amount} is scheduled."),
    };
    let mut could_change = Vec::new();
    if case.ended_by == EndedBy::Client && case.answer == FreelancerAnswer::NotYet {
        if let Some(on) = refunded_on.filter(|on| *on > today) {
            could_change.push(format!(
                "If the freelancer accepts the request before {}, the refund comes that day instead.",
                date(on)
            ));
            could_change.push(format!(
                "If the freelancer disputes it before {}, the money stays in escrow: you then have {} business days to answer, or it is released to them; an answer starts mediation, and without agreement either side may pay for arbitration (if nobody pays, the escrow comes back to you).",
                date(on),
                params.client_dispute_response_business_days
            ));
        }
    }
    if matches!(case.answer, FreelancerAnswer::Disputed(_)) {
        could_change.push(format!(
            "If you answer in time, a mediator proposes a split within {} days and you both have {} days to accept it; without agreement either side may pay for arbitration within {} days, and if nobody pays, the escrow comes back to you.",
            params.mediation_proposal_days, params.mediation_accept_days, params.arbitration_opt_in_days
        ));
    }
    if credited_by.is_some_and(|d| d > today) {
        could_change.push(format!(
            "Banks and card issuers take up to {} business days to show a refund; it is often sooner.",
            params.refund_credit_business_days
        ));
    }
    RefundAnswer {
        headline,
        refunded_on,
        credited_by,
        steps,
        could_change,
    }
}

fn credit_words(credited: Option<NaiveDate>, today: NaiveDate) -> String {
    match credited {
        Some(d) if d <= today => format!(", and reached your card or bank by {}", date(d)),
        Some(d) => format!(
            ", and reaches your card or bank by {} at the latest",
            date(d)
        ),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    /// One case: the answer's refund and credit dates and the first words of its headline.
    fn check(
        ended_by: EndedBy,
        answer: FreelancerAnswer,
        today: &str,
        expected: (Option<&str>, Option<&str>, &str),
    ) {
        let case = RefundCase {
            amount: Money::from_cents(50_000),
            ended_on: day("2026-12-02"),
            ended_by,
            answer,
        };
        let got = refund_answer(&case, day(today), &Rules::default()).expect("an answer");
        assert_eq!(got.refunded_on, expected.0.map(day), "{}", got.headline);
        assert_eq!(got.credited_by, expected.1.map(day), "{}", got.headline);
        assert!(
            got.headline.starts_with(expected.2),
            "{} does not start with {}",
            got.headline,
            expected.2
        );
    }

    #[test]
    fn the_refund_dates_follow_the_ledgers_timers() {
        // Ended by the client on Wed 2 Dec: the freelancer has 7 days to answer.
        check(
            EndedBy::Client,
            FreelancerAnswer::NotYet,
            "2026-12-04",
            (
                Some("2026-12-09"),
                Some("2026-12-16"),
                "Your $500.00 comes back to you on Wed 9 Dec 2026 if the freelancer does not answer",
            ),
        );
        check(
            EndedBy::Client,
            FreelancerAnswer::NotYet,
            "2026-12-20",
            (
                Some("2026-12-09"),
                Some("2026-12-16"),
                "Your $500.00 came back to you on Wed 9 Dec 2026",
            ),
        );
        check(
            EndedBy::Client,
            FreelancerAnswer::Accepted(day("2026-12-03")),
            "2026-12-04",
            (
                Some("2026-12-03"),
                Some("2026-12-10"),
                "Your $500.00 came back to you on Thu 3 Dec 2026, when the freelancer accepted",
            ),
        );
        check(
            EndedBy::Freelancer,
            FreelancerAnswer::NotYet,
            "2026-12-04",
            (
                Some("2026-12-02"),
                Some("2026-12-09"),
                "Your $500.00 came back to you on Wed 2 Dec 2026 because the freelancer ended",
            ),
        );
        check(
            EndedBy::Client,
            FreelancerAnswer::Disputed(day("2026-12-04")),
            "2026-12-04",
            (
                None,
                None,
                "Your $500.00 stays in escrow while the dispute runs: answer it by",
            ),
        );
    }

    #[test]
    fn impossible_cases_are_refused_at_their_field() {
        let case = RefundCase {
            amount: Money::ZERO,
            ended_on: day("2026-12-10"),
            ended_by: EndedBy::Client,
            answer: FreelancerAnswer::Accepted(day("2026-12-01")),
        };
        let problems = refund_answer(&case, day("2026-12-04"), &Rules::default()).unwrap_err();
        let fields: Vec<_> = problems.iter().map(RefundProblem::field).collect();
        assert_eq!(
            fields,
            vec![
                Some(RefundField::Amount),
                Some(RefundField::EndedOn),
                Some(RefundField::AnswerDate)
            ]
        );
    }
}
