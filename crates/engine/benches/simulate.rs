//! The simulator's performance goal: 10,000 trials × 6 strategies × 104 weeks on a 50-contract
//! history with 2 open, silent hourly contracts, in under a second on one core.

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use jss_engine::money::Money;
use jss_engine::rules::Rules;
use jss_engine::scenario::{
    Client, Contract, End, EndReason, Feedback, Party, Payment, Scenario, Stars, Terms,
};
use jss_engine::simulate::{
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

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("valid date")
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
fn history() -> Scenario {
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

fn config(scenario: &Scenario, behaviour: BehaviourPreset) -> SimConfig {
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
    assert_eq!(strategies.len(), 6);
    SimConfig {
        at: Some(as_of()),
        horizon_days: 728,
        trials: 10_000,
        seed: 1,
        strategies,
        default_behaviour: behaviour.behaviour(),
        behaviours: Default::default(),
        rank_week: 12,
    }
}

fn full_run(scenario: &Scenario, config: &SimConfig) -> usize {
    let mut sim = Simulation::new(scenario, config).expect("valid configuration");
    sim.run_chunk(u64::MAX);
    sim.report().strategies.len()
}

fn bench(c: &mut Criterion) {
    let scenario = history();
    let mut group = c.benchmark_group("simulate 10k trials x 6 strategies x 104 weeks");
    group.sample_size(10);
    for behaviour in [BehaviourPreset::Vanished, BehaviourPreset::Happy] {
        let config = config(&scenario, behaviour);
        group.bench_function(behaviour.as_str(), |b| {
            b.iter(|| full_run(black_box(&scenario), black_box(&config)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
