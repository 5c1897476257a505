//! What needs the freelancer's decision today, for the dashboard's decision card: open contracts
//! whose client has gone silent, submitted milestones waiting for the client's approval, and
//! feedback windows about to close.
//!
//! "Silent" is a parameter (`client_silent_days`, after Upwork's own 30-day warning on idle
//! contracts): an open contract with no client activity (a payment, a milestone funded or
//! released) for that many days. A contract with submitted work waiting for approval is not
//! silent: the client has a dated decision to make, and the platform makes it for them if they
//! do not (the auto-release), so it is listed as waiting instead.

use chrono::NaiveDate;

use crate::jss::outcome::days_between;
use crate::money::Money;
use crate::rules::Params;
use crate::scenario::{Contract, Milestone, Scenario, Terms};
use crate::timeline::{TimelineEvent, TimelineKind};

/// A feedback window closing within this many days is "about to close". A presentation choice,
/// not a marketplace rule: a week gives time to remind the client.
pub const FEEDBACK_SOON_DAYS: i64 = 7;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attention {
    pub silent: Vec<SilentContract>,
    pub awaiting_approval: Vec<Awaiting>,
    pub feedback_closing: Vec<FeedbackClosing>,
}

impl Attention {
    pub fn is_empty(&self) -> bool {
        self.silent.is_empty()
            && self.awaiting_approval.is_empty()
            && self.feedback_closing.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SilentContract {
    pub contract: String,
    /// As sentences name it (“Title”).
    pub name: String,
    pub client: String,
    pub hourly: bool,
    /// The client's last payment, funding or release; the start if there was none.
    pub last_activity: NaiveDate,
    pub silent_days: i64,
    /// Funded escrow not yet released or refunded: what ending the contract would put at risk.
    pub escrow_held: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Awaiting {
    pub contract: String,
    pub name: String,
    pub client: String,
    pub amount: Money,
    /// When the platform releases it if the client does nothing (from the timeline given).
    pub auto_release: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackClosing {
    pub contract: String,
    pub name: String,
    pub client: String,
    pub closes: NaiveDate,
}

/// What needs deciding on `today`. `upcoming` is the scenario's timeline from `today`: the
/// ledger's own auto-release and feedback-window dates, so no timer is computed twice.
pub fn attention(scenario: &Scenario, today: NaiveDate, upcoming: &[TimelineEvent]) -> Attention {
    let mut out = Attention {
        silent: silent_contracts(scenario, today),
        ..Attention::default()
    };
    for contract in scenario.contracts.iter().filter(|c| is_open(c, today)) {
        let Terms::Fixed { milestones } = &contract.terms else {
            continue;
        };
        for m in milestones.iter().filter(|m| awaits_approval(m, today)) {
            let auto_release = upcoming
                .iter()
                .find(|e| e.contract == contract.id && e.kind == TimelineKind::AutoRelease)
                .map(|e| e.date);
            out.awaiting_approval.push(Awaiting {
                contract: contract.id.clone(),
                name: scenario.name_of(contract),
                client: scenario.client_name(&contract.client).to_owned(),
                amount: m.amount,
                auto_release,
            });
        }
    }
    for event in upcoming.iter().filter(|e| {
        e.kind == TimelineKind::FeedbackWindowCloses
            && days_between(today, e.date) <= FEEDBACK_SOON_DAYS
    }) {
        let Some(contract) = scenario.contracts.iter().find(|c| c.id == event.contract) else {
            continue;
        };
        if contract.feedback.is_some() {
            continue;
        }
        out.feedback_closing.push(FeedbackClosing {
            contract: contract.id.clone(),
            name: scenario.name_of(contract),
            client: scenario.client_name(&contract.client).to_owned(),
            closes: event.date,
        });
    }
    out
}

/// The open contracts whose client has been silent for `client_silent_days` or more, in
/// scenario order. Contracts with submitted work waiting for approval are not among them.
pub fn silent_contracts(scenario: &Scenario, today: NaiveDate) -> Vec<SilentContract> {
    let params = Params::resolve(&scenario.rules);
    scenario
        .contracts
        .iter()
        .filter(|c| is_open(c, today) && !has_work_awaiting_approval(c, today))
        .filter_map(|contract| {
            let last_activity = last_client_activity(contract, today);
            let silent_days = days_between(last_activity, today);
            (silent_days >= params.client_silent_days).then(|| SilentContract {
                contract: contract.id.clone(),
                name: scenario.name_of(contract),
                client: scenario.client_name(&contract.client).to_owned(),
                hourly: matches!(contract.terms, Terms::Hourly { .. }),
                last_activity,
                silent_days,
                escrow_held: escrow_held(contract, today),
            })
        })
        .collect()
}

fn is_open(contract: &Contract, today: NaiveDate) -> bool {
    contract.start <= today && contract.end.is_none_or(|e| e.date > today)
}

fn done_by(d: Option<NaiveDate>, today: NaiveDate) -> bool {
    d.is_some_and(|d| d <= today)
}

fn awaits_approval(m: &Milestone, today: NaiveDate) -> bool {
    done_by(m.submitted, today) && !done_by(m.released, today) && !done_by(m.refunded, today)
}

fn has_work_awaiting_approval(contract: &Contract, today: NaiveDate) -> bool {
    match &contract.terms {
        Terms::Fixed { milestones } => milestones.iter().any(|m| awaits_approval(m, today)),
        Terms::Hourly { .. } => false,
    }
}

/// Funded escrow on the contract not yet released or refunded on `today`.
pub(crate) fn escrow_held_on(scenario: &Scenario, contract_id: &str, today: NaiveDate) -> Money {
    scenario
        .contracts
        .iter()
        .find(|c| c.id == contract_id)
        .map_or(Money::ZERO, |c| escrow_held(c, today))
}

/// The client's last act on the contract up to `today`: a payment, or a milestone funded or
/// released; the start when there is none.
fn last_client_activity(contract: &Contract, today: NaiveDate) -> NaiveDate {
    let milestone_dates = match &contract.terms {
        Terms::Fixed { milestones } => milestones
            .iter()
            .flat_map(|m| [m.funded, m.released])
            .flatten()
            .collect(),
        Terms::Hourly { .. } => Vec::new(),
    };
    contract
        .payments
        .iter()
        .map(|p| p.date)
        .chain(milestone_dates)
        .filter(|d| *d <= today)
        .max()
        .unwrap_or(contract.start)
}

fn escrow_held(contract: &Contract, today: NaiveDate) -> Money {
    let Terms::Fixed { milestones } = &contract.terms else {
        return Money::ZERO;
    };
    milestones
        .iter()
        .filter(|m| {
            done_by(m.funded, today) && !done_by(m.released, today) && !done_by(m.refunded, today)
        })
        .fold(Money::ZERO, |sum, m| {
            Money::from_cents(sum.cents().saturating_add(m.amount.cents()))
        })
}
