//! The contract and escrow ledger: commands validated into immutable events, and every timer.
//!
//! The ledger is sans-IO (quinn-proto's shape): it never reads a clock. The caller asks
//! [`Ledger::next_deadline`] when the engine next needs to act, and calls
//! [`Ledger::process_due`] with the current time to apply every automatic transition up to it,
//! in date order; calling it again with the same time changes nothing. Commands go through
//! [`Ledger::execute`], which refuses them (changing nothing) with a [`LedgerError`] that reads
//! as a fact. Escrow is a two-phase transfer ([`escrow`]): funding reserves, and a release,
//! refund or expiry resolves it exactly once.
//!
//! Commands are atomic: a command is refused with `DeadlinePending` while a deadline at or
//! before its time is unprocessed, so the caller runs `process_due(now)` first (the app does
//! on start and on every timer). Every money amount is checked arithmetic on integer cents.

pub mod calendar;
pub mod command;
pub mod contract;
pub mod deadline;
mod dispute;
mod dormant;
pub mod error;
pub mod escrow;
pub mod event;
mod fixed;
mod hourly;
mod lifecycle;
mod load;
mod query;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::NaiveDateTime;

pub use command::{Command, Remainder};
pub use contract::ContractState;
pub use deadline::{Deadline, Policy};
pub use error::LedgerError;
pub use event::{Cause, EscrowRef, Event, EventKind, PaymentSource};
pub use hourly::WEEK_HOURS;
pub use query::{ContractStatus, FeedbackView, Scheduled, Totals};

use crate::rules::Params;
use contract::{Dormancy, FixedState, HourlyState, TermsState};

/// Every contract's state, the schedule of their next deadlines, and the event log.
#[derive(Clone, Debug)]
pub struct Ledger {
    policy: Policy,
    /// The latest time the ledger has seen, from a command or `process_due`.
    now: NaiveDateTime,
    contracts: Vec<ContractState>,
    by_id: BTreeMap<Arc<str>, usize>,
    /// `(time, contract index)` of each contract's earliest deadline.
    schedule: BTreeSet<(NaiveDateTime, usize)>,
    log: Vec<Event>,
}

impl Ledger {
    /// An empty ledger under `params` whose clock starts at `now`.
    pub fn new(params: Params, now: NaiveDateTime) -> Ledger {
        Ledger {
            policy: Policy {
                params,
                top_rated: false,
            },
            now,
            contracts: Vec::new(),
            by_id: BTreeMap::new(),
            schedule: BTreeSet::new(),
            log: Vec::new(),
        }
    }

    /// Top Rated freelancers get hourly pay on the Friday instead of the Wednesday. Applies to
    /// invoices that clear from now on.
    pub fn set_top_rated(&mut self, top_rated: bool) {
        self.policy.top_rated = top_rated;
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    pub fn now(&self) -> NaiveDateTime {
        self.now
    }

    /// Every event so far, oldest first.
    pub fn events(&self) -> &[Event] {
        &self.log
    }

    /// Validates `command` at time `at` and applies it, returning its events.
    pub fn execute(
        &mut self,
        at: NaiveDateTime,
        command: Command,
    ) -> Result<Vec<Event>, LedgerError> {
        if at < self.now {
            return Err(LedgerError::ClockWentBackwards { at, now: self.now });
        }
        if let Some(&(due, _)) = self.schedule.first().filter(|(due, _)| *due <= at) {
            return Err(LedgerError::DeadlinePending { due });
        }
        let (index, kinds) = match command {
            Command::OpenHourly {
                contract,
                client,
                hourly_rate,
                weekly_limit_hours,
            } => {
                let terms = TermsState::Hourly(HourlyState {
                    hourly_rate,
                    weekly_limit_hours,
                    weeks: Vec::new(),
                    last_logged_at: at,
                    inactivity_warned: false,
                    weeks_settled: 0,
                });
                self.open(at, contract, client, terms)?
            }
            Command::OpenFixed { contract, client } => {
                let terms = TermsState::Fixed(FixedState {
                    milestones: Vec::new(),
                    refund_request: None,
                    dispute: None,
                    dormancy: Dormancy::Watching,
                    last_activity_at: at,
                });
                self.open(at, contract, client, terms)?
            }
            command => {
                let index = self.index_of(command.contract())?;
                let contract = self
                    .contracts
                    .get_mut(index)
                    .ok_or_else(|| LedgerError::UnknownContract(command.contract().to_string()))?;
                (index, dispatch(contract, at, &self.policy, command)?)
            }
        };
        self.now = at;
        Ok(self.record(index, at, kinds))
    }

    fn open(
        &mut self,
        at: NaiveDateTime,
        id: String,
        client: String,
        terms: TermsState,
    ) -> Result<(usize, Vec<EventKind>), LedgerError> {
        if id.is_empty() {
            return Err(LedgerError::ContractIdEmpty);
        }
        if self.by_id.contains_key(id.as_str()) {
            return Err(LedgerError::ContractIdTaken(id));
        }
        if let TermsState::Hourly(hourly) = &terms {
            if hourly.hourly_rate.is_negative() {
                return Err(LedgerError::AmountNegative(hourly.hourly_rate));
            }
        }
        let hourly = matches!(terms, TermsState::Hourly(_));
        let index = self.insert(ContractState::new(
            Arc::from(id),
            Arc::from(client),
            at,
            terms,
        ));
        Ok((index, vec![EventKind::ContractOpened { hourly }]))
    }

    fn insert(&mut self, contract: ContractState) -> usize {
        let index = self.contracts.len();
        self.by_id.insert(contract.id.clone(), index);
        self.contracts.push(contract);
        self.reindex(index);
        index
    }

    fn index_of(&self, id: &str) -> Result<usize, LedgerError> {
        self.by_id
            .get(id)
            .copied()
            .ok_or_else(|| LedgerError::UnknownContract(id.to_string()))
    }

    /// Logs the events of one contract and refreshes its place in the schedule.
    fn record(&mut self, index: usize, at: NaiveDateTime, kinds: Vec<EventKind>) -> Vec<Event> {
        let Some(contract) = self.contracts.get_mut(index) else {
            return Vec::new();
        };
        contract.advance_cursors();
        let events: Vec<Event> = kinds
            .into_iter()
            .map(|kind| Event {
                at,
                contract: contract.id.clone(),
                kind,
            })
            .collect();
        self.log.extend(events.iter().cloned());
        self.reindex(index);
        events
    }

    fn reindex(&mut self, index: usize) {
        let Some(contract) = self.contracts.get_mut(index) else {
            return;
        };
        if let Some((at, _)) = &contract.next {
            self.schedule.remove(&(*at, index));
        }
        contract.next = deadline::next(contract, &self.policy.params);
        if let Some((at, _)) = &contract.next {
            self.schedule.insert((*at, index));
        }
    }

    /// The earliest automatic transition, if any.
    pub fn next_deadline(&self) -> Option<(NaiveDateTime, Deadline)> {
        let &(_, index) = self.schedule.first()?;
        self.contracts.get(index)?.next.clone()
    }

    /// Applies every automatic transition up to and including `now`, in date order, and
    /// returns the events. Idempotent: a second call with the same `now` returns nothing.
    pub fn process_due(&mut self, now: NaiveDateTime) -> Vec<Event> {
        let mut events = Vec::new();
        while let Some(&(at, index)) = self.schedule.first() {
            if at > now {
                break;
            }
            let Some(contract) = self.contracts.get_mut(index) else {
                break;
            };
            let Some((_, deadline)) = contract.next.clone() else {
                break;
            };
            let Ok(kinds) = apply(contract, at, &deadline, &self.policy) else {
                // A deadline computed from a consistent state always applies. If one ever
                // fails, stop rather than loop on it; the debug build makes it loud.
                debug_assert!(false, "deadline {deadline:?} failed at {at}");
                break;
            };
            events.extend(self.record(index, at, kinds));
            if self.contracts.get(index).and_then(|c| c.next.as_ref()) == Some(&(at, deadline)) {
                debug_assert!(false, "deadline did not advance");
                break;
            }
        }
        self.now = self.now.max(now);
        events
    }

    /// What `process_due(until)` would return, without changing the ledger.
    pub fn preview(&self, until: NaiveDateTime) -> Vec<Event> {
        self.clone().process_due(until)
    }

    /// For every escrow (milestone or hourly invoice): funded = held + released + refunded,
    /// every part ≥ 0, and resolved exactly when nothing is held.
    pub fn is_conserved(&self) -> bool {
        self.contracts
            .iter()
            .all(|c| c.escrows().all(|e| e.is_conserved()))
    }
}

fn dispatch(
    contract: &mut ContractState,
    at: NaiveDateTime,
    policy: &Policy,
    command: Command,
) -> Result<Vec<EventKind>, LedgerError> {
    let hourly = contract.is_hourly();
    let params = &policy.params;
    match command {
        Command::OpenHourly { contract: id, .. } | Command::OpenFixed { contract: id, .. } => {
            Err(LedgerError::ContractIdTaken(id))
        }
        Command::AddMilestone {
            milestone,
            amount,
            due,
            ..
        } => fixed::add_milestone(contract, at, &milestone, amount, due, params),
        Command::FundMilestone { milestone, .. } => fixed::fund(contract, at, &milestone),
        Command::SubmitWork { milestone, .. } => fixed::submit(contract, at, &milestone, params),
        Command::RequestChanges { milestone, .. } => fixed::request_changes(contract, &milestone),
        Command::ReleaseMilestone {
            milestone,
            amount,
            remainder,
            ..
        } => fixed::release(contract, at, &milestone, amount, remainder, params),
        Command::RefundMilestone { milestone, .. } => {
            fixed::refund(contract, at, &milestone, params)
        }
        Command::LogHours {
            hours_hundredths, ..
        } => hourly::log_hours(contract, at, hours_hundredths),
        Command::PayBonus { amount, .. } => lifecycle::pay_bonus(contract, at, amount, params),
        Command::IssueRefund { amount, .. } => lifecycle::issue_refund(contract, at, amount),
        Command::Pause { .. } => lifecycle::pause(contract),
        Command::Resume { .. } => lifecycle::resume(contract, at),
        Command::EndContract {
            by,
            reason,
            final_release,
            ..
        } => lifecycle::end(contract, at, by, reason, final_release, params),
        Command::AcceptEscrowRefund { .. } => lifecycle::accept_escrow_refund(contract, at, params),
        Command::FileDispute { by, .. } if hourly => hourly::file_dispute(contract, at, by, params),
        Command::FileDispute { by, .. } => dispute::file(contract, at, by, params),
        Command::RespondToDispute { .. } if hourly => hourly::respond(contract, at, policy),
        Command::RespondToDispute { .. } => dispute::respond(contract, at, params),
        Command::ConcedeDispute { .. } if hourly => hourly::concede(contract, at, params),
        Command::ConcedeDispute { .. } => dispute::concede(contract, at, params),
        Command::ProposeSettlement { release, .. } => {
            dispute::propose(contract, at, release, params)
        }
        Command::AcceptSettlement { by, .. } => dispute::accept(contract, at, by, params),
        Command::DeclineSettlement { by, .. } => dispute::decline(contract, at, by, params),
        Command::PayArbitrationFee { by, .. } => dispute::pay_fee(contract, by),
        Command::DecideArbitration { release, .. } => {
            dispute::decide(contract, at, release, params)
        }
        Command::RequestDormantRelease { .. } => dormant::request_release(contract, at, params),
        Command::LeaveFeedback { by, stars, .. } => {
            lifecycle::leave_feedback(contract, at, by, stars, params)
        }
    }
}

fn apply(
    contract: &mut ContractState,
    at: NaiveDateTime,
    deadline: &Deadline,
    policy: &Policy,
) -> Result<Vec<EventKind>, LedgerError> {
    let params = &policy.params;
    match deadline {
        Deadline::HourlyInvoice { week_start } => hourly::invoice(contract, *week_start),
        Deadline::HourlyReviewEnds { week_start } => {
            hourly::review_ends(contract, at, *week_start, policy)
        }
        Deadline::HourlyDisputeResponse { week_start } => {
            hourly::dispute_unanswered(contract, at, *week_start, params)
        }
        Deadline::HourlyInactivity => hourly::inactivity(contract, params),
        Deadline::AutoRelease { milestone } => fixed::auto_release(contract, at, milestone, params),
        Deadline::EscrowRefund => lifecycle::escrow_refund_due(contract, at, params),
        Deadline::DisputeResponse => dispute::client_silent(contract, at, params),
        Deadline::MediationProposal | Deadline::MediationAcceptance => {
            Ok(dispute::mediation_failed(contract, at, params))
        }
        Deadline::ArbitrationOptIn => dispute::opt_in_closed(contract, at, params),
        Deadline::DormantFirstNotice => Ok(dormant::first_notice(contract, params)),
        Deadline::DormantFinalNotice => Ok(dormant::final_notice(contract, params)),
        Deadline::Dormant => Ok(dormant::became_dormant(contract, at, params)),
        Deadline::DormantClientWindow => Ok(dormant::client_window_closed(contract, at, params)),
        Deadline::DormantFreelancerWindow => {
            dormant::freelancer_window_closed(contract, at, params)
        }
        Deadline::DormantApproval => dormant::approval_due(contract, at, params),
        Deadline::FundsAvailable { payment } => Ok(lifecycle::funds_available(contract, *payment)),
        Deadline::RefundCredited { credit } => Ok(lifecycle::refund_credited(contract, *credit)),
        Deadline::FeedbackWindowCloses => Ok(lifecycle::feedback_window_closes(contract)),
    }
}
