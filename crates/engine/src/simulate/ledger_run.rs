//! Money, from the real ledger: what a plan does to one contract's escrow, and when.
//!
//! Contracts are independent in the ledger (no command or timer of one touches another), so
//! each contract runs alone, once per distinct plan, and the results are shared by every trial
//! that realises the same plan.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::jss::outcome::add_days;
use crate::ledger::calendar::end_of_day;
use crate::ledger::{Command, EventKind, Ledger, LedgerError};
use crate::money::Money;
use crate::scenario::{Contract, End, EndReason, Party, Payment, Scenario, Terms};
use crate::simulate::SimError;

/// What the freelancer (or the client) does to the contract in the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum LedgerPlan {
    /// Nobody acts: only the timers run.
    Idle,
    End {
        date: NaiveDate,
        by: Party,
        reason: EndReason,
    },
    /// Submit unsubmitted funded milestones on the start date, end the day after the last
    /// release.
    SubmitThenEnd { reason: EndReason },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyKind {
    /// Escrow released to the freelancer.
    Released,
    /// Escrow returned to the client.
    Refunded,
}

/// One movement of escrow.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MoneyEvent {
    pub date: NaiveDate,
    pub contract: String,
    pub kind: MoneyKind,
    pub amount: Money,
}

/// One contract's run under one plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ContractRun {
    /// The end, whoever made it (the plan, the client, or the platform closing a dormant
    /// contract), if within the horizon.
    pub end: Option<End>,
    /// Milestone releases: new payments to the freelancer.
    pub releases: Vec<Payment>,
    pub money: Vec<MoneyEvent>,
}

fn noon(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN))
}

fn ledger_error(contract: &Contract, error: LedgerError) -> SimError {
    SimError::Ledger {
        contract: contract.id.clone(),
        message: error.to_string(),
    }
}

/// Runs `contract` alone from the start of `at` to the end of `until` under `plan`.
/// Commands are dated at noon, so that timers due at the end of the same day come after them.
pub(crate) fn run_contract(
    scenario: &Scenario,
    contract: &Contract,
    at: NaiveDate,
    until: NaiveDate,
    plan: LedgerPlan,
) -> Result<ContractRun, SimError> {
    let single = Scenario {
        as_of: Some(at),
        rules: scenario.rules.clone(),
        freelancer_name: None,
        clients: scenario.clients.clone(),
        contracts: vec![contract.clone()],
    };
    let mut ledger = Ledger::from_scenario(&single, at).map_err(|e| ledger_error(contract, e))?;
    let mut events = Vec::new();
    match plan {
        LedgerPlan::Idle => {}
        LedgerPlan::End { date, by, reason } => {
            end_at(&mut ledger, &mut events, contract, noon(date), by, reason)?;
        }
        LedgerPlan::SubmitThenEnd { reason } => {
            let t = noon(at);
            events.extend(ledger.process_due(t));
            for milestone in unsubmitted_held(contract, at) {
                let command = Command::SubmitWork {
                    contract: contract.id.clone(),
                    milestone,
                };
                let done = ledger
                    .execute(t, command)
                    .map_err(|e| ledger_error(contract, e))?;
                events.extend(done);
            }
            let released_on = wait_for_release(&mut ledger, &mut events, contract, at, until);
            if let Some(day) = released_on.and_then(|d| add_days(d, 1)) {
                let by = Party::Freelancer;
                end_at(&mut ledger, &mut events, contract, noon(day), by, reason)?;
            }
        }
    }
    events.extend(ledger.process_due(end_of_day(until)));
    Ok(collect(contract, at, &events))
}

/// Ends the contract unless something (a dormancy closure) already did.
fn end_at(
    ledger: &mut Ledger,
    events: &mut Vec<crate::ledger::Event>,
    contract: &Contract,
    t: NaiveDateTime,
    by: Party,
    reason: EndReason,
) -> Result<(), SimError> {
    events.extend(ledger.process_due(t));
    let open = ledger
        .contract(&contract.id)
        .is_some_and(|c| c.end.is_none());
    if !open {
        return Ok(());
    }
    let command = Command::EndContract {
        contract: contract.id.clone(),
        by,
        reason,
        final_release: Money::ZERO,
    };
    let done = ledger
        .execute(t, command)
        .map_err(|e| ledger_error(contract, e))?;
    events.extend(done);
    Ok(())
}

/// The day the contract's escrow is all resolved, checking each day's end up to `until`.
fn wait_for_release(
    ledger: &mut Ledger,
    events: &mut Vec<crate::ledger::Event>,
    contract: &Contract,
    at: NaiveDate,
    until: NaiveDate,
) -> Option<NaiveDate> {
    let mut day = at;
    while day <= until {
        events.extend(ledger.process_due(end_of_day(day)));
        let held = ledger
            .contract(&contract.id)
            .and_then(|c| c.escrow_held())
            .unwrap_or(Money::ZERO);
        if held == Money::ZERO {
            return Some(day);
        }
        day = day.succ_opt()?;
    }
    None
}

/// Funded milestones still held and not submitted by `at`.
fn unsubmitted_held(contract: &Contract, at: NaiveDate) -> Vec<String> {
    let Terms::Fixed { milestones } = &contract.terms else {
        return Vec::new();
    };
    let by = |d: Option<NaiveDate>| d.is_some_and(|d| d <= at);
    milestones
        .iter()
        .filter(|m| by(m.funded) && !by(m.released) && !by(m.refunded) && !by(m.submitted))
        .map(|m| m.id.clone())
        .collect()
}

fn collect(contract: &Contract, at: NaiveDate, events: &[crate::ledger::Event]) -> ContractRun {
    let mut run = ContractRun {
        end: None,
        releases: Vec::new(),
        money: Vec::new(),
    };
    for event in events {
        // Overdue timers fire when the ledger is loaded: they happen on `at`, not before.
        let date = event.at.date().max(at);
        let mut money = |kind, amount| {
            run.money.push(MoneyEvent {
                date,
                contract: contract.id.clone(),
                kind,
                amount,
            })
        };
        match &event.kind {
            EventKind::ContractEnded { by, reason } if run.end.is_none() => {
                run.end = Some(End {
                    date,
                    by: *by,
                    reason: *reason,
                });
            }
            EventKind::EscrowReleased { amount, .. } => {
                money(MoneyKind::Released, *amount);
                run.releases.push(Payment {
                    date,
                    amount: *amount,
                });
            }
            EventKind::EscrowRefunded { amount, .. } => money(MoneyKind::Refunded, *amount),
            _ => {}
        }
    }
    run
}
