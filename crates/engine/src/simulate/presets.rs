//! The preset strategies: one per question users ask about problem contracts.

use chrono::NaiveDate;

use crate::jss::outcome::add_days;
use crate::scenario::{Scenario, Terms};
use crate::simulate::model::{Action, CloseReason, PlannedWork, Strategy};

/// The preset strategies, in the order the UI lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    CloseAllNow,
    Stagger14,
    PairWithFiveStar,
    LeaveOpen,
    LetGoDormant,
    AskClientsToClose,
}

/// The pairing preset's stand-in for future work when none is planned: a $500 job for a new
/// client, starting on the simulation's start date, 28 days long, rated 5★ the day it ends.
pub const FALLBACK_PAIR_ID: &str = "next-5star";
const FALLBACK_PAIR_DAYS: u32 = 28;
const FALLBACK_PAIR_CENTS: i64 = 50_000;

impl Preset {
    pub const ALL: [Preset; 6] = [
        Preset::CloseAllNow,
        Preset::Stagger14,
        Preset::PairWithFiveStar,
        Preset::LeaveOpen,
        Preset::LetGoDormant,
        Preset::AskClientsToClose,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Preset::CloseAllNow => "Close all now",
            Preset::Stagger14 => "Stagger 14 days",
            Preset::PairWithFiveStar => "Pair with the next 5★ ending",
            Preset::LeaveOpen => "Leave open",
            Preset::LetGoDormant => "Let a fixed contract go dormant",
            Preset::AskClientsToClose => "Ask the clients to close",
        }
    }

    /// The short name of the CLI's `--strategy`.
    pub fn slug(self) -> &'static str {
        match self {
            Preset::CloseAllNow => "close-all-now",
            Preset::Stagger14 => "stagger-14",
            Preset::PairWithFiveStar => "pair-5star",
            Preset::LeaveOpen => "leave-open",
            Preset::LetGoDormant => "dormant",
            Preset::AskClientsToClose => "ask-clients",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Preset::CloseAllNow => "You end every chosen contract today.",
            Preset::Stagger14 => "You end one chosen contract every 14 days, the first today.",
            Preset::PairWithFiveStar => {
                "You end each chosen contract the day after your next 5★ job's feedback is expected (a $500, 4-week job if none is planned)."
            }
            Preset::LeaveOpen => "Nobody acts; escrow timers still run.",
            Preset::LetGoDormant => {
                "You leave fixed-price contracts with unsubmitted escrow alone until Upwork's dormancy process resolves them."
            }
            Preset::AskClientsToClose => {
                "You ask each client today to close the contract; a client who comes back closes it and may rate it."
            }
        }
    }

    /// Accepts the slug or the name, ignoring case.
    pub fn parse(text: &str) -> Option<Preset> {
        let text = text.trim();
        Preset::ALL
            .into_iter()
            .find(|p| p.slug().eq_ignore_ascii_case(text) || p.name().eq_ignore_ascii_case(text))
    }
}

/// The contracts open at `at`, in scenario order.
pub fn open_contracts(scenario: &Scenario, at: NaiveDate) -> Vec<String> {
    scenario
        .contracts
        .iter()
        .filter(|c| c.start <= at && c.end.is_none_or(|e| e.date > at))
        .map(|c| c.id.clone())
        .collect()
}

/// A fixed-price contract holding escrow for work not yet submitted: the case dormancy is about.
fn can_go_dormant(scenario: &Scenario, id: &str, at: NaiveDate) -> bool {
    let Some(contract) = scenario.contracts.iter().find(|c| c.id == id) else {
        return false;
    };
    let Terms::Fixed { milestones } = &contract.terms else {
        return false;
    };
    let by = |d: Option<NaiveDate>| d.is_some_and(|d| d <= at);
    milestones
        .iter()
        .any(|m| by(m.funded) && !by(m.released) && !by(m.refunded) && !by(m.submitted))
}

/// The preset for `contracts`, or `None` when it does not apply (no contracts; dormancy with
/// no fixed-price contract holding unsubmitted escrow). `planned_work` goes into every preset.
pub fn preset_strategy(
    preset: Preset,
    scenario: &Scenario,
    at: NaiveDate,
    contracts: &[String],
    planned_work: &[PlannedWork],
) -> Option<Strategy> {
    if contracts.is_empty() {
        return None;
    }
    let reason = CloseReason::ClientUnresponsive;
    let mut planned = planned_work.to_vec();
    let actions: Vec<Action> = match preset {
        Preset::CloseAllNow => contracts
            .iter()
            .map(|c| Action::EndNow {
                contract: c.clone(),
                reason,
            })
            .collect(),
        Preset::Stagger14 => vec![Action::Stagger {
            contracts: contracts.to_vec(),
            every_days: 14,
            first: None,
            reason,
        }],
        Preset::PairWithFiveStar => {
            let after = pairing_partner(&mut planned, at);
            contracts
                .iter()
                .map(|c| Action::EndAfterFeedback {
                    contract: c.clone(),
                    after: after.clone(),
                    reason,
                })
                .collect()
        }
        Preset::LeaveOpen => contracts
            .iter()
            .map(|c| Action::LeaveOpen {
                contract: c.clone(),
            })
            .collect(),
        Preset::LetGoDormant => {
            if !contracts.iter().any(|c| can_go_dormant(scenario, c, at)) {
                return None;
            }
            contracts
                .iter()
                .map(|c| Action::LeaveOpen {
                    contract: c.clone(),
                })
                .collect()
        }
        Preset::AskClientsToClose => contracts
            .iter()
            .map(|c| Action::AskClientToClose {
                contract: c.clone(),
                on: None,
            })
            .collect(),
    };
    Some(Strategy {
        name: preset.name().to_owned(),
        description: preset.description().to_owned(),
        actions,
        planned_work: planned,
    })
}

/// The planned job whose feedback is expected first; adds the fallback job when none is planned.
fn pairing_partner(planned: &mut Vec<PlannedWork>, at: NaiveDate) -> String {
    let expected = |w: &PlannedWork| {
        let days = i64::from(w.duration_days) + i64::from(w.feedback_delay_days.midpoint());
        add_days(w.start, days)
    };
    if let Some(best) = planned.iter().min_by_key(|w| (expected(w), w.id.clone())) {
        return best.id.clone();
    }
    planned.push(PlannedWork::certain(
        FALLBACK_PAIR_ID,
        at,
        FALLBACK_PAIR_DAYS,
        FALLBACK_PAIR_CENTS,
        500,
    ));
    FALLBACK_PAIR_ID.to_owned()
}

/// Every applicable preset for `contracts`, in [`Preset::ALL`] order.
pub fn preset_strategies(
    scenario: &Scenario,
    at: NaiveDate,
    contracts: &[String],
    planned_work: &[PlannedWork],
) -> Vec<Strategy> {
    Preset::ALL
        .into_iter()
        .filter_map(|p| preset_strategy(p, scenario, at, contracts, planned_work))
        .collect()
}
