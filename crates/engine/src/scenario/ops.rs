//! The scenario's operations as typed values: add contracts, replace one contract's facts,
//! delete a contract, set the rules, and apply a suggested fix. Each returns the new scenario
//! or every problem keyed by a typed [`Field`], so the app shows each message at the field it
//! concerns and never reads a format path.
//!
//! Two layers of rules apply to a contract written by hand:
//! - [`check_contract`]: the facts must be in order (nothing before the start, feedback after
//!   the end and within its window, escrow funded while the contract was open) and must have
//!   happened (no end, feedback or payment after today: the future is what the simulator is
//!   for). Amounts are more than zero. A fact the edit did not change is not refused for being
//!   in the future or zero, so a file imported with such facts can still be edited.
//! - The format's own rules: every result is exported and parsed again, as an imported file
//!   would be. The checks above catch everything a form can produce first; the format check is
//!   the last word, and anything it still finds is reported as a problem of the whole.
//!
//! `read` turns what the forms hold (text, in the user's words) into these operations, and
//! `warn` finds contracts whose facts cannot mean what the user probably meant.

use std::fmt;

use chrono::NaiveDate;

use crate::ledger::calendar::add_days;
use crate::money::Money;
use crate::rules::{check_param, param_spec, Era, ParamValue, Params, Rules};
use crate::scenario::export::to_json_string;
use crate::scenario::input::InputError;
use crate::scenario::parse::{parse_str, WEEKLY_LIMIT_HOURS_MAX};
use crate::scenario::{Client, Contract, Payment, Scenario, Terms};

pub mod read;
pub mod warn;

pub use warn::{Cadence, Fix};

/// A field of a form: where a problem is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Not one field: the contract or the scenario as a whole.
    Whole,
    Client,
    Title,
    /// Hourly or fixed price.
    Kind,
    HourlyRate,
    WeeklyLimit,
    Start,
    /// The total earned, paid once (the fast table).
    Earned,
    /// The quick form: how often an hourly client paid.
    PaidHow,
    /// The quick form: the total paid over the regular payments.
    Total,
    /// The quick form: the date of the last regular payment.
    LastPaid,
    /// The quick form: payments written one per line.
    PaymentList,
    /// The edit form: one payment's date or amount.
    Payment(usize, PaymentPart),
    /// The quick form: one milestone's amount, funding or payment date.
    Milestone(usize, MilestonePart),
    EndDate,
    EndBy,
    EndReason,
    FeedbackDate,
    Stars,
    /// Contract actions: a day in the week whose hours are logged.
    Week,
    /// Contract actions: the hours logged.
    Hours,
    /// Contract actions: a new milestone's amount.
    MilestoneAmount,
    /// Contract actions: a new milestone's due date.
    MilestoneDue,
    /// Contract actions: the part of a milestone released.
    PartAmount,
    Era,
    /// A model parameter, by its catalog name.
    Param(&'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PaymentPart {
    Date,
    Amount,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MilestonePart {
    Amount,
    Funded,
    Paid,
}

/// Why a value was refused. Each message follows the field's label.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("there is no client {0}")]
    NoSuchClient(String),
    #[error("there is no contract {0}")]
    NoSuchContract(String),
    #[error("is before the contract's start ({})", crate::format::date(*.0))]
    BeforeStart(NaiveDate),
    #[error("is after {what} ({})", crate::format::date(*.date))]
    AfterLaterFact { what: String, date: NaiveDate },
    #[error("is after today ({}): record what has happened; the simulator plans the future", crate::format::date(*.0))]
    InFuture(NaiveDate),
    #[error("is after {}: a week's pay arrives at most {} days after the week starts", crate::format::date(*.latest), .lag_days)]
    PaidTooLate { latest: NaiveDate, lag_days: i64 },
    #[error("is before the contract's end ({})", crate::format::date(*.0))]
    BeforeEnd(NaiveDate),
    #[error("is more than {} days after the contract's end ({})", .window_days, crate::format::date(*.end))]
    AfterFeedbackWindow { end: NaiveDate, window_days: i64 },
    #[error("is after the contract's end ({})", crate::format::date(*.0))]
    AfterEnd(NaiveDate),
    #[error("is after the contract's end ({}): escrow is funded while a contract is open", crate::format::date(*.0))]
    EscrowAfterEnd(NaiveDate),
    #[error("is before {milestone} was funded ({}): escrow is funded while a contract is open", crate::format::date(*.funded))]
    EndBeforeEscrow {
        milestone: String,
        funded: NaiveDate,
    },
    #[error("is before the milestone was funded ({})", crate::format::date(*.0))]
    BeforeFunded(NaiveDate),
    #[error("feedback comes after the contract ends: enter the end date first")]
    FeedbackNeedsEnd,
    #[error("is below the {0} milestone minimum")]
    BelowMilestoneMinimum(Money),
    #[error("must be at most {WEEKLY_LIMIT_HOURS_MAX} hours")]
    LimitTooHigh,
    #[error("must be more than $0; leave it empty if nothing was paid")]
    ZeroEarned,
    #[error("is less than one cent for each of the {0} payments")]
    TooSmallToSpread(usize),
    #[error("a fixed-price contract has no hourly rate")]
    RateOnFixed,
    #[error("fill in at least one row")]
    NoRows,
    #[error("{0}")]
    Param(String),
    #[error("the result would not be a valid scenario: {0}")]
    Format(String),
}

/// One problem with what the user entered, at the field it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    /// Which of several new contracts (the fast table's row); 0 for a single one.
    pub row: usize,
    pub field: Field,
    pub refusal: Refusal,
}

impl FieldProblem {
    pub fn new(field: Field, refusal: impl Into<Refusal>) -> FieldProblem {
        FieldProblem {
            row: 0,
            field,
            refusal: refusal.into(),
        }
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.refusal.fmt(f)
    }
}

/// A new contract: its facts, and its client by name (an existing client with that name, or a
/// new one). `contract.id` and `contract.client` are assigned when it is added.
#[derive(Clone, Debug, PartialEq)]
pub struct NewContract {
    pub client_name: String,
    pub contract: Contract,
}

/// An operation on the scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Adds contracts in one step (the quick form adds one, the fast table a batch).
    AddContracts(Vec<NewContract>),
    /// Replaces the facts of the contract with the same id.
    ReplaceContract(Contract),
    DeleteContract(String),
    SetEra(Era),
    /// Sets model parameters by catalog name.
    SetParams(Vec<(String, ParamValue)>),
    /// Applies a fix suggested by [`warn::warnings`] to a contract.
    Fix {
        contract: String,
        fix: Fix,
    },
}

/// What an operation did.
#[derive(Clone, Debug, PartialEq)]
pub struct Done {
    pub scenario: Scenario,
    /// The contracts added or changed, by id.
    pub contracts: Vec<String>,
}

/// A scenario with nothing in it yet, under the current rules.
pub fn empty_scenario() -> Scenario {
    Scenario {
        as_of: None,
        rules: Rules::default(),
        freelancer_name: None,
        clients: Vec::new(),
        contracts: Vec::new(),
    }
}

/// Applies `op` to `base` (`None` before the user has any data) as of `today`.
pub fn apply(base: Option<&Scenario>, op: Op, today: NaiveDate) -> Result<Done, Vec<FieldProblem>> {
    let mut scenario = base.cloned().unwrap_or_else(empty_scenario);
    let params = Params::resolve(&scenario.rules);
    let contracts = match op {
        Op::AddContracts(new) => add_contracts(&mut scenario, new, today, &params)?,
        Op::ReplaceContract(contract) => replace_contract(&mut scenario, contract, today, &params)?,
        Op::DeleteContract(id) => {
            let before = scenario.contracts.len();
            scenario.contracts.retain(|c| c.id != id);
            if scenario.contracts.len() == before {
                return Err(vec![FieldProblem::new(
                    Field::Whole,
                    Refusal::NoSuchContract(id),
                )]);
            }
            Vec::new()
        }
        Op::SetEra(era) => {
            scenario.rules.era = era;
            Vec::new()
        }
        Op::SetParams(values) => {
            set_params(&mut scenario.rules, values)?;
            Vec::new()
        }
        Op::Fix { contract, fix } => {
            let c = contract_mut(&mut scenario, &contract)?;
            warn::apply_fix(c, fix).map_err(|r| vec![FieldProblem::new(Field::Whole, r)])?;
            vec![contract]
        }
    };
    let scenario = revalidate(&scenario)?;
    Ok(Done {
        scenario,
        contracts,
    })
}

fn contract_mut<'s>(
    scenario: &'s mut Scenario,
    id: &str,
) -> Result<&'s mut Contract, Vec<FieldProblem>> {
    scenario
        .contracts
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or_else(|| {
            vec![FieldProblem::new(
                Field::Whole,
                Refusal::NoSuchContract(id.to_string()),
            )]
        })
}

fn add_contracts(
    scenario: &mut Scenario,
    new: Vec<NewContract>,
    today: NaiveDate,
    params: &Params,
) -> Result<Vec<String>, Vec<FieldProblem>> {
    if new.is_empty() {
        return Err(vec![FieldProblem::new(Field::Client, Refusal::NoRows)]);
    }
    let mut problems = Vec::new();
    let mut ids = Vec::new();
    for (
        row,
        NewContract {
            client_name,
            mut contract,
        },
    ) in new.into_iter().enumerate()
    {
        let name = client_name.trim();
        if name.is_empty() {
            problems.push(FieldProblem {
                row,
                field: Field::Client,
                refusal: InputError::Required.into(),
            });
        }
        contract.client = client_id_for(&mut scenario.clients, name);
        contract.id = unique_id(scenario.contracts.iter().map(|c| c.id.as_str()), "k");
        problems.extend(
            check_contract(&contract, None, today, params)
                .into_iter()
                .map(|(field, refusal)| FieldProblem {
                    row,
                    field,
                    refusal,
                }),
        );
        ids.push(contract.id.clone());
        scenario.contracts.push(contract);
    }
    if problems.is_empty() {
        Ok(ids)
    } else {
        Err(problems)
    }
}

/// The id of the client with this name (ignoring case), adding the client if there is none.
fn client_id_for(clients: &mut Vec<Client>, name: &str) -> String {
    if let Some(client) = clients
        .iter()
        .find(|c| c.name.trim().eq_ignore_ascii_case(name))
    {
        return client.id.clone();
    }
    let id = unique_id(clients.iter().map(|c| c.id.as_str()), "c");
    clients.push(Client {
        id: id.clone(),
        name: name.to_string(),
        flagged: false,
    });
    id
}

/// `prefix` and the first free two-digit number: `k01`, `k02`, …
fn unique_id<'a>(taken: impl Iterator<Item = &'a str> + Clone, prefix: &str) -> String {
    (1u32..)
        .map(|n| format!("{prefix}{n:02}"))
        .find(|id| !taken.clone().any(|t| t == id))
        .unwrap_or_else(|| format!("{prefix}-new"))
}

fn replace_contract(
    scenario: &mut Scenario,
    contract: Contract,
    today: NaiveDate,
    params: &Params,
) -> Result<Vec<String>, Vec<FieldProblem>> {
    let mut problems: Vec<FieldProblem> = Vec::new();
    if !scenario.clients.iter().any(|c| c.id == contract.client) {
        problems.push(FieldProblem::new(
            Field::Client,
            Refusal::NoSuchClient(contract.client.clone()),
        ));
    }
    let slot = contract_mut(scenario, &contract.id)?;
    problems.extend(
        check_contract(&contract, Some(slot), today, params)
            .into_iter()
            .map(|(field, refusal)| FieldProblem::new(field, refusal)),
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    let id = contract.id.clone();
    *slot = contract;
    Ok(vec![id])
}

fn set_params(
    rules: &mut Rules,
    values: Vec<(String, ParamValue)>,
) -> Result<(), Vec<FieldProblem>> {
    let mut problems = Vec::new();
    for (name, value) in values {
        let json = match value {
            ParamValue::Bool(flag) => serde_json::Value::Bool(flag),
            ParamValue::Number(x) => serde_json::Number::from_f64(x)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
        };
        let field = param_spec(&name).map_or(Field::Whole, |spec| Field::Param(spec.name));
        match check_param(&name, &json) {
            Ok(value) => {
                rules.overrides.insert(name, value);
            }
            Err(message) => problems.push(FieldProblem::new(field, Refusal::Param(message))),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Exports and parses the scenario again, so that every rule of the format applies.
fn revalidate(scenario: &Scenario) -> Result<Scenario, Vec<FieldProblem>> {
    parse_str(&to_json_string(scenario)).map_err(|problems| {
        problems
            .iter()
            .map(|p| FieldProblem::new(Field::Whole, Refusal::Format(p.to_string())))
            .collect()
    })
}

/// Days from a billing week's Monday to the day its pay arrives: the week runs to Sunday, then
/// `hourly_funds_available_days` (how `Log hours` dates it).
pub fn hourly_pay_lag_days(params: &Params) -> i64 {
    6 + params.hourly_funds_available_days
}

/// The latest date a payment can carry today: hourly pay for a week already started arrives up
/// to [`hourly_pay_lag_days`] after its Monday; any other payment has happened by today.
pub fn latest_payment_date(hourly: bool, today: NaiveDate, params: &Params) -> NaiveDate {
    if hourly {
        add_days(today, hourly_pay_lag_days(params)).unwrap_or(today)
    } else {
        today
    }
}

/// The problems with a contract's facts as a form wrote them, by field. `before` is the
/// contract as stored, when this is an edit: facts it already had are not refused for being
/// in the future or zero.
pub fn check_contract(
    c: &Contract,
    before: Option<&Contract>,
    today: NaiveDate,
    params: &Params,
) -> Vec<(Field, Refusal)> {
    let mut out = Vec::new();
    let kept_payment = |p: &Payment| before.is_some_and(|b| b.payments.contains(p));
    let kept_end = before.and_then(|b| b.end).map(|e| e.date);
    let kept_feedback = before.and_then(|b| b.feedback).map(|f| f.date);
    if let Terms::Hourly {
        hourly_rate,
        weekly_limit_hours,
    } = &c.terms
    {
        if hourly_rate.is_negative() {
            out.push((Field::HourlyRate, InputError::Negative.into()));
        }
        if weekly_limit_hours.is_some_and(|h| u64::from(h) > WEEKLY_LIMIT_HOURS_MAX) {
            out.push((Field::WeeklyLimit, Refusal::LimitTooHigh));
        }
    }
    let latest = latest_payment_date(c.is_hourly(), today, params);
    for (i, p) in c.payments.iter().enumerate() {
        if p.date < c.start {
            out.push((
                Field::Payment(i, PaymentPart::Date),
                Refusal::BeforeStart(c.start),
            ));
        } else if p.date > latest && !kept_payment(p) {
            let refusal = if c.is_hourly() {
                Refusal::PaidTooLate {
                    latest,
                    lag_days: hourly_pay_lag_days(params),
                }
            } else {
                Refusal::InFuture(today)
            };
            out.push((Field::Payment(i, PaymentPart::Date), refusal));
        }
        if p.amount.cents() <= 0 && !kept_payment(p) {
            out.push((
                Field::Payment(i, PaymentPart::Amount),
                InputError::NotPositive.into(),
            ));
        }
    }
    // Facts the edit form does not show (refunds, milestone dates) still bound the start.
    if let Some((what, date)) = earliest_hidden_fact(c).filter(|(_, d)| *d < c.start) {
        out.push((Field::Start, Refusal::AfterLaterFact { what, date }));
    }
    if let Some(end) = c.end {
        if end.date < c.start {
            out.push((Field::EndDate, Refusal::BeforeStart(c.start)));
        } else if end.date > today && kept_end != Some(end.date) {
            out.push((Field::EndDate, Refusal::InFuture(today)));
        }
        if let Terms::Fixed { milestones } = &c.terms {
            let funded_late = milestones
                .iter()
                .enumerate()
                .filter_map(|(i, m)| Some((i, m.funded?)))
                .find(|(_, funded)| *funded > end.date);
            if let Some((i, funded)) = funded_late {
                let milestone = format!("milestone {}", i + 1);
                out.push((
                    Field::EndDate,
                    Refusal::EndBeforeEscrow { milestone, funded },
                ));
            }
        }
    }
    if let Some(f) = c.feedback {
        match c.end {
            None => out.push((Field::Stars, Refusal::FeedbackNeedsEnd)),
            Some(end) if f.date < end.date => {
                out.push((Field::FeedbackDate, Refusal::BeforeEnd(end.date)))
            }
            Some(end) if (f.date - end.date).num_days() > params.feedback_window_days => {
                out.push((
                    Field::FeedbackDate,
                    Refusal::AfterFeedbackWindow {
                        end: end.date,
                        window_days: params.feedback_window_days,
                    },
                ))
            }
            Some(_) if f.date > today && kept_feedback != Some(f.date) => {
                out.push((Field::FeedbackDate, Refusal::InFuture(today)))
            }
            Some(_) => {}
        }
    }
    out
}

/// The earliest refund or milestone date, named, for a start that must not come after it.
fn earliest_hidden_fact(c: &Contract) -> Option<(String, NaiveDate)> {
    let refunds = c.refunds.iter().map(|r| ("a refund".to_string(), r.date));
    let milestones = match &c.terms {
        Terms::Fixed { milestones } => milestones.as_slice(),
        Terms::Hourly { .. } => &[],
    };
    let milestone_dates = milestones.iter().enumerate().flat_map(|(i, m)| {
        [m.funded, m.submitted, m.released, m.refunded]
            .into_iter()
            .flatten()
            .map(move |d| (format!("a date of milestone {}", i + 1), d))
    });
    refunds.chain(milestone_dates).min_by_key(|(_, d)| *d)
}

/// Whether an amount is at least the milestone minimum.
pub fn meets_milestone_minimum(amount: Money, params: &Params) -> bool {
    amount >= params.min_milestone
}
