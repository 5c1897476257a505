//! The target solver: how much future work reaches a target JSS, or when a plan reaches it.
//!
//! Exact under the model: both questions build the scenario with the new contracts and score
//! it with the real JSS code (the update cadence included). Assumptions, stated to the user:
//! - nothing else happens after `at`: the scenario is frozen there (open contracts stay open
//!   with no new payments or feedback);
//! - each new contract is for a new client, starts on `at` and ends as early as possible,
//!   `duration_days` later; it is paid in full on its end day and rated on its end day;
//! - for [`earliest_date`], every planned job happens, is rated with its most likely stars
//!   (the lower on a tie), after its shortest feedback delay.

use chrono::NaiveDate;
use serde::Serialize;

use crate::jss::cliff::freeze;
use crate::jss::evaluate::displayed_at;
use crate::jss::outcome::{add_days, days_between};
use crate::money::{Money, MAX_AMOUNT_CENTS};
use crate::rules::Params;
use crate::scenario::{
    Client, Contract, End, EndReason, Feedback, Party, Payment, Scenario, Stars, Terms,
};
use crate::simulate::model::PlannedWork;
use crate::simulate::SimError;

/// The most contracts [`fewest_contracts`] tries.
pub const MAX_TARGET_CONTRACTS: u32 = 200;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct TargetQuery {
    pub at: NaiveDate,
    /// The displayed JSS to reach (0–100).
    pub target_jss: u8,
    /// The date by which it must be shown.
    pub by: NaiveDate,
    pub size_cents: i64,
    pub stars_hundredths: u16,
    pub duration_days: u32,
    pub max_contracts: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TargetAnswer {
    /// The fewest new contracts that reach the target by the date; `None` if even
    /// `max_contracts` do not.
    pub contracts: Option<u32>,
    /// The JSS shown on `by` with that many contracts (or with `max_contracts` if none suffice).
    pub jss_at_by: Option<u8>,
    /// The JSS shown on `by` with no new contracts.
    pub jss_without: Option<u8>,
    /// The contracts, as planned work the simulator accepts.
    pub plan: Vec<PlannedWork>,
    pub assumptions: Vec<String>,
}

fn target_error(message: impl Into<String>) -> SimError {
    SimError::Target(message.into())
}

/// The fewest contracts of the query's size and rating that make the displayed JSS on `by` at
/// least the target (scanning 0, 1, 2, … so the answer is the minimum, not a bound).
pub fn fewest_contracts(
    scenario: &Scenario,
    query: &TargetQuery,
) -> Result<TargetAnswer, SimError> {
    if query.target_jss > 100 {
        return Err(target_error("the target must be 0 to 100"));
    }
    if query.by < query.at {
        return Err(target_error("the date is before the start"));
    }
    if !(0..=MAX_AMOUNT_CENTS).contains(&query.size_cents) {
        return Err(target_error("the contract size is out of range"));
    }
    if Stars::from_hundredths(query.stars_hundredths).is_none() {
        return Err(target_error("stars must be 1.00 to 5.00"));
    }
    if query.max_contracts > MAX_TARGET_CONTRACTS {
        return Err(target_error(format!(
            "at most {MAX_TARGET_CONTRACTS} contracts"
        )));
    }
    let params = Params::resolve(&scenario.rules);
    let base = freeze(scenario, query.at);
    let end = add_days(query.at, i64::from(query.duration_days))
        .ok_or_else(|| target_error("the duration is out of range"))?;
    let plan_of = |n: u32| -> Vec<PlannedWork> {
        (0..n)
            .map(|i| {
                PlannedWork::certain(
                    &format!("target-{}", i + 1),
                    query.at,
                    query.duration_days,
                    query.size_cents,
                    query.stars_hundredths,
                )
            })
            .collect()
    };
    let jss_without = displayed_at(&base, &params, query.by);
    let can_end = days_between(end, query.by) >= 0;
    let max = if can_end { query.max_contracts } else { 0 };
    let mut last = jss_without;
    for n in 0..=max {
        let plan = plan_of(n);
        let jss = displayed_at(&with_plan(&base, &plan, &params), &params, query.by);
        last = jss;
        if jss.is_some_and(|s| s >= query.target_jss) {
            return Ok(TargetAnswer {
                contracts: Some(n),
                jss_at_by: jss,
                jss_without,
                plan,
                assumptions: assumptions(),
            });
        }
    }
    Ok(TargetAnswer {
        contracts: None,
        jss_at_by: last,
        jss_without,
        plan: Vec::new(),
        assumptions: assumptions(),
    })
}

fn assumptions() -> Vec<String> {
    vec![
        "nothing else happens after the start date: open contracts stay open, without new payments or feedback".into(),
        "each new contract is for a new client, starts on the start date and ends as early as possible".into(),
        "each is paid in full and rated on its end day".into(),
    ]
}

/// The first day in `at ..= until` on which the plan makes the displayed JSS reach `target`.
pub fn earliest_date(
    scenario: &Scenario,
    at: NaiveDate,
    plan: &[PlannedWork],
    target_jss: u8,
    until: NaiveDate,
) -> Result<Option<NaiveDate>, SimError> {
    if plan.iter().any(|w| w.start < at) {
        return Err(target_error("a planned job starts before the start date"));
    }
    if days_between(at, until) > 3660 {
        return Err(target_error("search at most ten years"));
    }
    let params = Params::resolve(&scenario.rules);
    let planned = with_plan(&freeze(scenario, at), plan, &params);
    Ok(at
        .iter_days()
        .take_while(|d| *d <= until)
        .find(|d| displayed_at(&planned, &params, *d).is_some_and(|s| s >= target_jss)))
}

/// The scenario with each job as a contract for a new client.
fn with_plan(base: &Scenario, plan: &[PlannedWork], params: &Params) -> Scenario {
    let mut scenario = base.clone();
    let window = params.feedback_window_days;
    for work in plan {
        let Some(end) = add_days(work.start, i64::from(work.duration_days)) else {
            continue;
        };
        let client = work
            .client
            .clone()
            .unwrap_or_else(|| format!("planned:{}", work.id));
        if !scenario.clients.iter().any(|c| c.id == client) {
            scenario.clients.push(Client {
                id: client.clone(),
                name: client.clone(),
                flagged: false,
            });
        }
        let delay = i64::from(work.feedback_delay_days.min).min(window);
        let stars = likeliest_stars(work).and_then(Stars::from_hundredths);
        let feedback = stars
            .zip(add_days(end, delay))
            .map(|(stars, date)| Feedback {
                date,
                stars,
                private_score: None,
            });
        scenario.contracts.push(Contract {
            id: work.id.clone(),
            client,
            title: None,
            terms: Terms::Fixed {
                milestones: Vec::new(),
            },
            start: work.start,
            payments: vec![Payment {
                date: end,
                amount: Money::from_cents(work.value_cents),
            }],
            refunds: Vec::new(),
            end: Some(End {
                date: end,
                by: Party::Client,
                reason: EndReason::Completed,
            }),
            feedback: feedback.filter(|_| work.feedback_ppm > 0),
        });
    }
    scenario
}

fn likeliest_stars(work: &PlannedWork) -> Option<u16> {
    work.stars
        .0
        .iter()
        .max_by(|a, b| {
            a.weight_ppm
                .cmp(&b.weight_ppm)
                .then(b.stars_hundredths.cmp(&a.stars_hundredths))
        })
        .map(|s| s.stars_hundredths)
}
