//! Lifecycle actions as edits of a scenario's facts.
//!
//! A scenario records facts (payments, milestone dates, the end, feedback), not the commands
//! that made them. Each [`Action`] here is what the freelancer or the client did today, written
//! down as the facts it leaves behind: approving a milestone sets its `released` date and adds
//! the payment; logging hours adds the week's pay as a payment. [`allowed_actions`] lists what
//! makes sense for a contract's current state, and [`apply`] refuses anything else with the
//! reason, so the app can offer exactly the buttons that will work.
//!
//! Every result is checked the way an imported file is: it is exported and parsed again, so an
//! edit can never produce a scenario the format would reject.
//!
//! Choices where `MODEL.md` leaves room:
//! - Logged hours are paid on the date the week's money becomes available
//!   (`hourly_funds_available_days` after the billing week's Sunday, `MODEL.md` §2), which is
//!   how the demo dates its hourly payments. Logging a week that already has a payment on that date is refused: the
//!   engine cannot tell a correction from a second entry, so the user changes the payment
//!   itself instead.
//! - Releasing part of a milestone splits it: the released part keeps the milestone's id and
//!   the remainder becomes a new funded milestone that is not submitted, since the client has
//!   reviewed the work and asked for the rest to be delivered again.
//! - A refund of escrow is not money the freelancer refunded from earnings, so it sets the
//!   milestone's `refunded` date and adds nothing to the contract's `refunds`.
//! - Dispute, pause and resume change no fact the format records, so they are not actions here.

use chrono::NaiveDate;

use crate::ledger::calendar::{add_days, week_end, week_start as billing_week_start};
use crate::money::Money;
use crate::rules::Params;
use crate::scenario::export::to_json_string;
use crate::scenario::ops::Field;
use crate::scenario::parse::{parse_str, Problem, WEEKLY_LIMIT_HOURS_MAX};
use crate::scenario::{
    Contract, End, EndReason, Feedback, Milestone, Party, Payment, Scenario, Stars, Terms,
};

/// Something done on a contract today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Hours worked in the billing week holding `week_of`, in hundredths of an hour.
    LogHours {
        week_of: NaiveDate,
        hours_hundredths: u32,
    },
    End {
        by: Party,
        reason: EndReason,
    },
    LeaveFeedback {
        stars: Stars,
    },
    AddMilestone {
        amount: Money,
        due: Option<NaiveDate>,
    },
    Fund {
        milestone: String,
    },
    Submit {
        milestone: String,
    },
    /// The client approves the milestone, or releases it without a submission.
    Release {
        milestone: String,
    },
    ReleasePart {
        milestone: String,
        amount: Money,
    },
    RequestChanges {
        milestone: String,
    },
    Refund {
        milestone: String,
    },
}

/// An action without its values: what the app offers as a button.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionKind {
    LogHours,
    End,
    LeaveFeedback,
    AddMilestone,
    Fund(String),
    Submit(String),
    Release(String),
    ReleasePart(String),
    RequestChanges(String),
    Refund(String),
}

/// Why an action was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no contract {0}")]
    ContractNotFound(String),
    #[error("the contract has no milestone {0}")]
    MilestoneNotFound(String),
    #[error("the contract starts on {0}; nothing can happen on it before then")]
    NotStarted(NaiveDate),
    #[error("the contract ended on {0}")]
    Ended(NaiveDate),
    #[error("the contract is still open; feedback comes after it ends")]
    StillOpen,
    #[error("the client's feedback is already recorded")]
    FeedbackAlreadyLeft,
    #[error("the feedback window closed on {0}")]
    FeedbackWindowClosed(NaiveDate),
    #[error("only hourly contracts log hours")]
    NotHourly,
    #[error("only fixed-price contracts have milestones")]
    NotFixed,
    #[error("milestone {0} is already funded")]
    AlreadyFunded(String),
    #[error("milestone {0} is not funded yet")]
    NotFunded(String),
    #[error("milestone {0} was already released")]
    AlreadyReleased(String),
    #[error("milestone {0} was already refunded")]
    AlreadyRefunded(String),
    #[error("milestone {0} has not been submitted")]
    NotSubmitted(String),
    #[error("milestone {0} is too small to split: both parts must be at least {1}")]
    TooSmallToSplit(String, Money),
    #[error("the part released must be from {1} to {0}, leaving at least {1}")]
    PartOutOfRange(Money, Money),
    #[error("a milestone must be at least {0}")]
    BelowMinimum(Money),
    #[error("hours must be more than 0 and at most {0} in a week")]
    HoursOutOfRange(u32),
    #[error("the week of {} has not started yet", crate::format::date(*.0))]
    WeekNotStarted(NaiveDate),
    #[error("the week of {} ends before the contract started", crate::format::date(*.0))]
    WeekBeforeStart(NaiveDate),
    #[error(
        "the week of {} is already logged: {amount} paid on {}. Change that payment with \u{201c}Edit the facts\u{201d}.",
        crate::format::date(*.monday),
        crate::format::date(*.paid_on)
    )]
    WeekAlreadyLogged {
        monday: NaiveDate,
        amount: Money,
        paid_on: NaiveDate,
    },
    #[error("the amount is too large")]
    Overflow,
    #[error("the result would not be a valid scenario: {}", problems_text(.0))]
    Invalid(Vec<Problem>),
}

impl EditError {
    /// The action's field the refusal is about, so the app shows it there; `None` for a
    /// refusal of the action as a whole.
    pub fn field(&self) -> Option<Field> {
        match self {
            EditError::HoursOutOfRange(_) => Some(Field::Hours),
            EditError::WeekNotStarted(_)
            | EditError::WeekBeforeStart(_)
            | EditError::WeekAlreadyLogged { .. } => Some(Field::Week),
            EditError::BelowMinimum(_) => Some(Field::MilestoneAmount),
            EditError::PartOutOfRange(_, _) => Some(Field::PartAmount),
            _ => None,
        }
    }
}

fn problems_text(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl Action {
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::LogHours { .. } => ActionKind::LogHours,
            Action::End { .. } => ActionKind::End,
            Action::LeaveFeedback { .. } => ActionKind::LeaveFeedback,
            Action::AddMilestone { .. } => ActionKind::AddMilestone,
            Action::Fund { milestone } => ActionKind::Fund(milestone.clone()),
            Action::Submit { milestone } => ActionKind::Submit(milestone.clone()),
            Action::Release { milestone } => ActionKind::Release(milestone.clone()),
            Action::ReleasePart { milestone, .. } => ActionKind::ReleasePart(milestone.clone()),
            Action::RequestChanges { milestone } => ActionKind::RequestChanges(milestone.clone()),
            Action::Refund { milestone } => ActionKind::Refund(milestone.clone()),
        }
    }
}

impl ActionKind {
    /// The milestone the action concerns, if any.
    pub fn milestone(&self) -> Option<&str> {
        match self {
            ActionKind::LogHours
            | ActionKind::End
            | ActionKind::LeaveFeedback
            | ActionKind::AddMilestone => None,
            ActionKind::Fund(m)
            | ActionKind::Submit(m)
            | ActionKind::Release(m)
            | ActionKind::ReleasePart(m)
            | ActionKind::RequestChanges(m)
            | ActionKind::Refund(m) => Some(m),
        }
    }
}

/// Every action that [`apply`] would accept today for the contract (given valid values), in a
/// stable order: contract actions first, then each milestone's. Empty for an unknown id.
pub fn allowed_actions(
    scenario: &Scenario,
    contract_id: &str,
    today: NaiveDate,
) -> Vec<ActionKind> {
    let Some(contract) = scenario.contracts.iter().find(|c| c.id == contract_id) else {
        return Vec::new();
    };
    let mut kinds = vec![
        ActionKind::LogHours,
        ActionKind::End,
        ActionKind::LeaveFeedback,
        ActionKind::AddMilestone,
    ];
    if let Terms::Fixed { milestones } = &contract.terms {
        for m in milestones {
            let id = m.id.clone();
            kinds.extend([
                ActionKind::Fund(id.clone()),
                ActionKind::Submit(id.clone()),
                ActionKind::Release(id.clone()),
                ActionKind::ReleasePart(id.clone()),
                ActionKind::RequestChanges(id.clone()),
                ActionKind::Refund(id),
            ]);
        }
    }
    let params = Params::resolve(&scenario.rules);
    kinds.retain(|kind| why_not(contract, kind, today, &params).is_none());
    kinds
}

/// Why `kind` cannot be done on the contract today, or `None` when it can.
fn why_not(
    contract: &Contract,
    kind: &ActionKind,
    today: NaiveDate,
    params: &Params,
) -> Option<EditError> {
    if today < contract.start {
        return Some(EditError::NotStarted(contract.start));
    }
    if *kind == ActionKind::LeaveFeedback {
        return feedback_refusal(contract, today, params);
    }
    if let Some(end) = contract.end {
        return Some(EditError::Ended(end.date));
    }
    match (kind, &contract.terms) {
        (ActionKind::End, _) => None,
        (ActionKind::LogHours, Terms::Hourly { .. }) => None,
        (ActionKind::LogHours, Terms::Fixed { .. }) => Some(EditError::NotHourly),
        (_, Terms::Hourly { .. }) => Some(EditError::NotFixed),
        (ActionKind::AddMilestone, Terms::Fixed { .. }) => None,
        (kind, Terms::Fixed { milestones }) => {
            let id = kind.milestone().unwrap_or_default();
            match milestones.iter().find(|m| m.id == id) {
                None => Some(EditError::MilestoneNotFound(id.to_string())),
                Some(m) => milestone_refusal(m, kind, today, params),
            }
        }
    }
}

fn feedback_refusal(contract: &Contract, today: NaiveDate, params: &Params) -> Option<EditError> {
    let end = match contract.end {
        Some(end) if end.date <= today => end,
        _ => return Some(EditError::StillOpen),
    };
    if contract.feedback.is_some() {
        return Some(EditError::FeedbackAlreadyLeft);
    }
    let closes = add_days(end.date, params.feedback_window_days).unwrap_or(end.date);
    (today > closes).then_some(EditError::FeedbackWindowClosed(closes))
}

fn milestone_refusal(
    m: &Milestone,
    kind: &ActionKind,
    today: NaiveDate,
    params: &Params,
) -> Option<EditError> {
    let minimum = params.min_milestone;
    let id = m.id.clone();
    if let ActionKind::Fund(_) = kind {
        return m.funded.is_some().then_some(EditError::AlreadyFunded(id));
    }
    if m.released.is_some() {
        return Some(EditError::AlreadyReleased(id));
    }
    if m.refunded.is_some() {
        return Some(EditError::AlreadyRefunded(id));
    }
    if m.funded.is_none_or(|d| d > today) {
        return Some(EditError::NotFunded(id));
    }
    match kind {
        ActionKind::RequestChanges(_) if m.submitted.is_none() => Some(EditError::NotSubmitted(id)),
        ActionKind::ReleasePart(_) if m.amount.cents() < 2 * minimum.cents() => {
            Some(EditError::TooSmallToSplit(id, minimum))
        }
        _ => None,
    }
}

/// The scenario after `action` on the contract today, validated as a whole.
pub fn apply(
    scenario: &Scenario,
    contract_id: &str,
    action: Action,
    today: NaiveDate,
) -> Result<Scenario, EditError> {
    let mut out = scenario.clone();
    let contract = out
        .contracts
        .iter_mut()
        .find(|c| c.id == contract_id)
        .ok_or_else(|| EditError::ContractNotFound(contract_id.to_string()))?;
    let params = Params::resolve(&scenario.rules);
    if let Some(error) = why_not(contract, &action.kind(), today, &params) {
        return Err(error);
    }
    change(contract, action, today, &params)?;
    revalidate(&out)
}

/// Exports and parses the scenario again, so that an edit meets every rule of the format.
fn revalidate(scenario: &Scenario) -> Result<Scenario, EditError> {
    parse_str(&to_json_string(scenario)).map_err(EditError::Invalid)
}

fn change(
    contract: &mut Contract,
    action: Action,
    today: NaiveDate,
    params: &Params,
) -> Result<(), EditError> {
    match action {
        Action::LogHours {
            week_of,
            hours_hundredths,
        } => log_hours(contract, week_of, hours_hundredths, today, params),
        Action::End { by, reason } => {
            contract.end = Some(End {
                date: today,
                by,
                reason,
            });
            Ok(())
        }
        Action::LeaveFeedback { stars } => {
            contract.feedback = Some(Feedback {
                date: today,
                stars,
                private_score: None,
            });
            Ok(())
        }
        Action::AddMilestone { amount, due } => {
            if amount < params.min_milestone {
                return Err(EditError::BelowMinimum(params.min_milestone));
            }
            let milestones = milestones_mut(contract)?;
            let id = unique_milestone_id(milestones, "m", 1);
            milestones.push(Milestone {
                id,
                amount,
                funded: None,
                due,
                submitted: None,
                released: None,
                refunded: None,
            });
            Ok(())
        }
        Action::Fund { milestone } => {
            milestone_mut(contract, &milestone)?.funded = Some(today);
            Ok(())
        }
        Action::Submit { milestone } => {
            milestone_mut(contract, &milestone)?.submitted = Some(today);
            Ok(())
        }
        Action::RequestChanges { milestone } => {
            milestone_mut(contract, &milestone)?.submitted = None;
            Ok(())
        }
        Action::Refund { milestone } => {
            milestone_mut(contract, &milestone)?.refunded = Some(today);
            Ok(())
        }
        Action::Release { milestone } => {
            let m = milestone_mut(contract, &milestone)?;
            m.released = Some(today);
            let amount = m.amount;
            contract.payments.push(Payment {
                date: today,
                amount,
            });
            Ok(())
        }
        Action::ReleasePart { milestone, amount } => {
            release_part(contract, &milestone, amount, today, params)
        }
    }
}

fn log_hours(
    contract: &mut Contract,
    week_of: NaiveDate,
    hours_hundredths: u32,
    today: NaiveDate,
    params: &Params,
) -> Result<(), EditError> {
    let Terms::Hourly {
        hourly_rate,
        weekly_limit_hours,
    } = &contract.terms
    else {
        return Err(EditError::NotHourly);
    };
    let max_hours = weekly_limit_hours
        .unwrap_or(WEEKLY_LIMIT_HOURS_MAX as u32)
        .min(WEEKLY_LIMIT_HOURS_MAX as u32);
    if hours_hundredths == 0 || hours_hundredths > max_hours.saturating_mul(100) {
        return Err(EditError::HoursOutOfRange(max_hours));
    }
    let monday = billing_week_start(week_of).ok_or(EditError::Overflow)?;
    if monday > today {
        return Err(EditError::WeekNotStarted(monday));
    }
    let sunday = week_end(monday).ok_or(EditError::Overflow)?;
    if sunday < contract.start {
        return Err(EditError::WeekBeforeStart(monday));
    }
    let amount = hourly_rate
        .mul_ratio_round_half_up(i64::from(hours_hundredths), 100)
        .ok_or(EditError::Overflow)?;
    let date = add_days(sunday, params.hourly_funds_available_days).ok_or(EditError::Overflow)?;
    if let Some(existing) = contract.payments.iter().find(|p| p.date == date) {
        return Err(EditError::WeekAlreadyLogged {
            monday,
            amount: existing.amount,
            paid_on: date,
        });
    }
    contract.payments.push(Payment { date, amount });
    contract.payments.sort();
    Ok(())
}

fn release_part(
    contract: &mut Contract,
    milestone: &str,
    amount: Money,
    today: NaiveDate,
    params: &Params,
) -> Result<(), EditError> {
    let minimum = params.min_milestone;
    let milestones = milestones_mut(contract)?;
    let index = milestones
        .iter()
        .position(|m| m.id == milestone)
        .ok_or_else(|| EditError::MilestoneNotFound(milestone.to_string()))?;
    let whole = milestones[index].amount;
    let max_part = whole.checked_sub(minimum).ok_or(EditError::Overflow)?;
    if amount < minimum || amount > max_part {
        return Err(EditError::PartOutOfRange(max_part, minimum));
    }
    let rest_amount = whole.checked_sub(amount).ok_or(EditError::Overflow)?;
    let rest_id = unique_milestone_id(milestones, &format!("{milestone}-rest"), 0);
    let released = &mut milestones[index];
    released.amount = amount;
    released.released = Some(today);
    let rest = Milestone {
        id: rest_id,
        amount: rest_amount,
        funded: released.funded,
        due: released.due,
        submitted: None,
        released: None,
        refunded: None,
    };
    milestones.insert(index + 1, rest);
    contract.payments.push(Payment {
        date: today,
        amount,
    });
    Ok(())
}

fn milestones_mut(contract: &mut Contract) -> Result<&mut Vec<Milestone>, EditError> {
    match &mut contract.terms {
        Terms::Fixed { milestones } => Ok(milestones),
        Terms::Hourly { .. } => Err(EditError::NotFixed),
    }
}

fn milestone_mut<'c>(contract: &'c mut Contract, id: &str) -> Result<&'c mut Milestone, EditError> {
    milestones_mut(contract)?
        .iter_mut()
        .find(|m| m.id == id)
        .ok_or_else(|| EditError::MilestoneNotFound(id.to_string()))
}

/// `prefix` itself when `first` is 0 and it is free, else `prefix` followed by the first free
/// number from `first.max(1)` on (`m1`, `m2`, … or `m1-rest`, `m1-rest2`, …).
fn unique_milestone_id(milestones: &[Milestone], prefix: &str, first: u32) -> String {
    let taken = |id: &str| milestones.iter().any(|m| m.id == id);
    if first == 0 && !taken(prefix) {
        return prefix.to_string();
    }
    (first.max(1)..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| format!("{prefix}-new"))
}
