//! The simulator's benchmark workload, shared by the native criterion benchmark and the wasm
//! benchmark in the browser so that both measure exactly the same work: 10,000 trials × 6
//! strategies × 104 weeks on a 50-contract history with 2 open, silent hourly contracts.

use chrono::{Days, NaiveDate};

use crate::money::Money;
use crate::rules::Rules;
use crate::scenario::{
    Client, Contract, End, EndReason, Feedback, Party, Payment, Scenario, Stars, Terms,
};
use crate::simulate::{
    preset_strategies, Action, BehaviourPreset, CloseReason, SimConfig, Simulation, Strategy,
};

/// A deterministic xorshift generator: the history only needs to be repeatable.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

pub fn as_of() -> NaiveDate {
    // 2026-11-27 is a valid date; the fallback keeps the function total.
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
}

fn days_before(days: u64) -> NaiveDate {
    as_of() - Days::new(days)
}

fn hourly(id: &str, client: &str, start: u64, weeks: u64, end: Option<End>) -> Contract {
    Contract {
        id: id.into(),
        client: client.into(),
        title: None,
        terms: Terms::Hourly {
            hourly_rate: Money::from_cents(4_000),
            weekly_limit_hours: Some(20),
        },
        start: days_before(start),
        payments: (1..=weeks)
            .map(|w| Payment {
                date: days_before(start - 7 * w),
                amount: Money::from_cents(40_000),
            })
            .collect(),
        refunds: vec![],
        end,
        feedback: None,
    }
}

/// 48 ended contracts over two years from 30 clients, mostly rated 4.8–5, plus 2 open hourly
/// contracts whose clients went silent four months ago.
pub fn history() -> Scenario {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let clients: Vec<Client> = (0..32)
        .map(|i| Client {
            id: format!("c{i}"),
            name: format!("Client {i}"),
            flagged: false,
        })
        .collect();
    let mut contracts: Vec<Contract> = (0..48)
        .map(|i| {
            let end_ago = 5 + rng.below(720);
            let length = 7 + rng.below(120);
            let end = days_before(end_ago);
            let stars = [500, 500, 500, 490, 480, 450, 400][rng.below(7) as usize];
            Contract {
                id: format!("k{i:02}"),
                client: format!("c{}", rng.below(30)),
                title: None,
                terms: Terms::Fixed { milestones: vec![] },
                start: end - Days::new(length),
                payments: vec![Payment {
                    date: end,
                    amount: Money::from_cents(5_000 + rng.below(300_000) as i64),
                }],
                refunds: vec![],
                end: Some(End {
                    date: end,
                    by: Party::Client,
                    reason: EndReason::Completed,
                }),
                feedback: Stars::from_hundredths(stars).map(|stars| Feedback {
                    date: end,
                    stars,
                    private_score: None,
                }),
            }
        })
        .collect();
    contracts.push(hourly("open-a", "c30", 260, 20, None));
    contracts.push(hourly("open-b", "c31", 230, 15, None));
    Scenario {
        as_of: Some(as_of()),
        rules: Rules::default(),
        freelancer_name: None,
        clients,
        contracts,
    }
}

pub fn config(scenario: &Scenario, behaviour: BehaviourPreset) -> SimConfig {
    let open = vec!["open-a".to_owned(), "open-b".to_owned()];
    let mut strategies = preset_strategies(scenario, as_of(), &open, &[]);
    strategies.push(Strategy {
        name: "End one now, the other in 30 days".into(),
        description: String::new(),
        actions: vec![
            Action::EndNow {
                contract: "open-a".into(),
                reason: CloseReason::ClientUnresponsive,
            },
            Action::EndOn {
                contract: "open-b".into(),
                date: as_of() + Days::new(30),
                reason: CloseReason::ClientUnresponsive,
            },
        ],
        planned_work: vec![],
    });
    SimConfig {
        at: Some(as_of()),
        horizon_days: 728,
        trials: 10_000,
        seed: 1,
        strategies,
        default_behaviour: behaviour.behaviour(),
        behaviours: Default::default(),
        rank_week: 12,
        priorities: crate::simulate::DEFAULT_PRIORITIES.to_vec(),
    }
}

/// Runs the whole workload once and returns the number of strategies reported.
pub fn full_run(scenario: &Scenario, config: &SimConfig) -> usize {
    match Simulation::new(scenario, config) {
        Ok(mut sim) => {
            sim.run_chunk(u64::MAX);
            sim.report().strategies.len()
        }
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workload_has_50_contracts_and_6_strategies() {
        let scenario = history();
        assert_eq!(scenario.contracts.len(), 50);
        assert_eq!(
            config(&scenario, BehaviourPreset::Vanished)
                .strategies
                .len(),
            6
        );
    }
}
