//! The benchmarks' workloads, in the library so that every benchmark measures the same work:
//!
//! - [`history`] and [`config`]: the simulator's, shared by the native criterion benchmark and
//!   the wasm benchmark in the browser: 10,000 trials × 6 strategies × 104 weeks on a
//!   50-contract history with 2 open, silent hourly contracts.
//! - [`long_history`]: a seeded history of any size (the ledger, JSS, parsing, timeline and
//!   long-history simulation benchmarks run it at 1,000 and 10,000 contracts).

use chrono::{Days, NaiveDate};
use rand::Rng as _;
use rand_pcg::rand_core::SeedableRng;
use rand_pcg::Pcg32;

use crate::money::Money;
use crate::rules::Rules;
use crate::scenario::{
    Client, Contract, End, EndReason, Feedback, Milestone, Party, Payment, Scenario, Stars, Terms,
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
    scenario(32, contracts)
}

/// A scenario as of [`as_of`] under the default rules, with clients `c0`, `c1`, … numbered up
/// to `clients`.
fn scenario(clients: usize, contracts: Vec<Contract>) -> Scenario {
    Scenario {
        as_of: Some(as_of()),
        rules: Rules::default(),
        freelancer_name: None,
        clients: (0..clients)
            .map(|i| Client {
                id: format!("c{i}"),
                name: format!("Client {i}"),
                flagged: false,
            })
            .collect(),
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

/// The days a [`long_history`] spans, up to its `as_of`.
pub const LONG_HISTORY_DAYS: u64 = 730;

/// `contracts` contracts over the two years before 2026-11-27 (its `as_of`), one client for
/// every 20 contracts, from a PCG32 stream seeded with `seed`: half hourly (weekly payments in
/// 7 weeks out of 10), half fixed-price (one to five milestones funded, submitted, released or
/// refunded); six in ten ended by either party, seven in ten of those with feedback, the rest
/// still open. The same arguments give the same scenario on every platform.
pub fn long_history(contracts: usize, seed: u64) -> Scenario {
    let mut rng = Pcg32::seed_from_u64(seed);
    let first = days_before(LONG_HISTORY_DAYS);
    let client_count = contracts.div_ceil(20).max(1);
    let contracts = (0..contracts)
        .map(|i| {
            let start = after(first, rng.random_range(0..LONG_HISTORY_DAYS - 30));
            let mut contract = if i % 2 == 0 {
                random_hourly(&mut rng, start)
            } else {
                random_fixed(&mut rng, start)
            };
            contract.id = format!("k{i}");
            contract.client = format!("c{}", rng.random_range(0..client_count));
            contract
        })
        .collect();
    scenario(client_count, contracts)
}

fn after(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

fn random_party(rng: &mut Pcg32) -> Party {
    [Party::Client, Party::Freelancer, Party::Platform][rng.random_range(0..3)]
}

/// Six times in ten an end on or after `earliest` (and by `as_of`), and feedback on seven in
/// ten of those.
fn random_end(rng: &mut Pcg32, earliest: NaiveDate) -> (Option<End>, Option<Feedback>) {
    if !rng.random_bool(0.6) {
        return (None, None);
    }
    let date = after(earliest, rng.random_range(0..60))
        .min(as_of())
        .max(earliest);
    let reason = [
        EndReason::Completed,
        EndReason::NotCompleted,
        EndReason::Other,
    ][rng.random_range(0..3)];
    let end = End {
        date,
        by: random_party(rng),
        reason,
    };
    let feedback = if rng.random_bool(0.7) {
        let date = after(end.date, rng.random_range(0..=14));
        Stars::from_hundredths(rng.random_range(300..=500)).map(|stars| Feedback {
            date,
            stars,
            private_score: None,
        })
    } else {
        None
    };
    (Some(end), feedback)
}

fn random_hourly(rng: &mut Pcg32, start: NaiveDate) -> Contract {
    let hourly_rate = Money::from_cents(rng.random_range(1_000..15_000));
    let last = after(start, rng.random_range(30..LONG_HISTORY_DAYS)).min(as_of());
    let mut payments = Vec::new();
    let mut date = after(start, 16);
    while date <= last {
        if rng.random_bool(0.7) {
            let hours = rng.random_range(1..40);
            payments.push(Payment {
                date,
                amount: Money::from_cents(hourly_rate.cents() * hours),
            });
        }
        date = after(date, 7);
    }
    let (end, feedback) = random_end(rng, last);
    Contract {
        id: String::new(),
        client: String::new(),
        title: None,
        terms: Terms::Hourly {
            hourly_rate,
            weekly_limit_hours: Some(40),
        },
        start,
        payments,
        refunds: Vec::new(),
        end,
        feedback,
    }
}

fn random_fixed(rng: &mut Pcg32, start: NaiveDate) -> Contract {
    let mut milestones = Vec::new();
    let mut payments = Vec::new();
    let mut funded = start;
    for index in 0..rng.random_range(1..6) {
        let amount = Money::from_cents(rng.random_range(5_000..200_000));
        let submitted = rng
            .random_bool(0.8)
            .then(|| after(funded, rng.random_range(0..20)))
            .filter(|d| *d <= as_of());
        let resolved_on = submitted
            .map_or(funded, |s| s)
            .checked_add_days(Days::new(rng.random_range(0..12)))
            .filter(|d| *d <= as_of());
        let (released, refunded) = match (resolved_on, rng.random_range(0..10)) {
            (Some(date), 0..=6) if submitted.is_some() => (Some(date), None),
            (Some(date), 7) => (None, Some(date)),
            _ => (None, None),
        };
        if let Some(date) = released {
            payments.push(Payment { date, amount });
        }
        milestones.push(Milestone {
            id: format!("m{index}"),
            amount,
            funded: Some(funded),
            due: Some(after(funded, 14)),
            submitted,
            released,
            refunded,
        });
        funded = after(funded, rng.random_range(10..40));
        if funded > as_of() {
            break;
        }
    }
    let (end, feedback) = random_end(rng, funded.min(as_of()));
    Contract {
        id: String::new(),
        client: String::new(),
        title: None,
        terms: Terms::Fixed { milestones },
        start,
        payments,
        refunds: Vec::new(),
        end,
        feedback,
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

    #[test]
    fn a_long_history_is_a_valid_file_and_the_same_for_the_same_seed() {
        let scenario = long_history(300, 7);
        assert_eq!(scenario.contracts.len(), 300);
        assert_eq!(scenario.clients.len(), 15);
        let text = crate::scenario::export::to_json_string(&scenario);
        let reparsed = crate::scenario::parse::parse_str(&text)
            .unwrap_or_else(|p| panic!("the generated scenario is invalid: {p:?}"));
        assert_eq!(reparsed, scenario);
        assert_eq!(long_history(300, 7), scenario);
        assert_ne!(long_history(300, 8), scenario);
        let open = scenario
            .contracts
            .iter()
            .filter(|c| c.end.is_none())
            .count();
        assert!((60..=180).contains(&open), "{open} open of 300");
    }
}
