//! Loading a large scenario into the ledger and running every timer to the end.
//!
//! A seeded ChaCha8 generator builds 10,000 contracts (half hourly, half fixed-price) over
//! two years: weekly hourly payments, milestones funded, submitted, released or refunded,
//! contracts ended by either party, feedback. Each iteration loads the scenario as of its
//! last day (`Ledger::from_scenario`) and processes every deadline over the following two
//! years; the throughput is the number of events that processing produces.

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jss_engine::ledger::calendar::end_of_day;
use jss_engine::ledger::Ledger;
use jss_engine::money::Money;
use jss_engine::rules::Rules;
use jss_engine::scenario::export::to_json_string;
use jss_engine::scenario::parse::parse_str;
use jss_engine::scenario::{
    Client, Contract, End, EndReason, Feedback, Milestone, Party, Payment, Scenario, Stars, Terms,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const SEED: u64 = 20_261_127;
const CONTRACTS: usize = 10_000;
const CLIENTS: usize = 500;
const SPAN_DAYS: u64 = 730;

fn day(start: NaiveDate, days: u64) -> NaiveDate {
    start.checked_add_days(Days::new(days)).unwrap_or(start)
}

fn party(rng: &mut ChaCha8Rng) -> Party {
    [Party::Client, Party::Freelancer, Party::Platform][rng.random_range(0..3)]
}

fn end_and_feedback(
    rng: &mut ChaCha8Rng,
    earliest: NaiveDate,
    as_of: NaiveDate,
) -> (Option<End>, Option<Feedback>) {
    if !rng.random_bool(0.6) {
        return (None, None);
    }
    let date = day(earliest, rng.random_range(0..60)).min(as_of);
    let reason = [
        EndReason::Completed,
        EndReason::NotCompleted,
        EndReason::Other,
    ][rng.random_range(0..3)];
    let end = End {
        date: date.max(earliest),
        by: party(rng),
        reason,
    };
    let feedback = rng.random_bool(0.7).then(|| Feedback {
        date: day(end.date, rng.random_range(0..=14)),
        stars: Stars::from_hundredths(rng.random_range(300..=500))
            .unwrap_or(Stars::from_hundredths(500).unwrap_or_else(|| unreachable!())),
        private_score: None,
    });
    (Some(end), feedback)
}

fn hourly(rng: &mut ChaCha8Rng, start: NaiveDate, as_of: NaiveDate) -> Contract {
    let hourly_rate = Money::from_cents(rng.random_range(1_000..15_000));
    let last = day(start, rng.random_range(30..SPAN_DAYS)).min(as_of);
    let mut payments = Vec::new();
    let mut date = day(start, 16);
    while date <= last {
        if rng.random_bool(0.7) {
            let hours = rng.random_range(1..40);
            payments.push(Payment {
                date,
                amount: Money::from_cents(hourly_rate.cents() * hours),
            });
        }
        date = day(date, 7);
    }
    let (end, feedback) = end_and_feedback(rng, last, as_of);
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

fn fixed(rng: &mut ChaCha8Rng, start: NaiveDate, as_of: NaiveDate) -> Contract {
    let mut milestones = Vec::new();
    let mut payments = Vec::new();
    let mut funded = start;
    for index in 0..rng.random_range(1..6) {
        let amount = Money::from_cents(rng.random_range(5_000..200_000));
        let submitted = rng
            .random_bool(0.8)
            .then(|| day(funded, rng.random_range(0..20)))
            .filter(|d| *d <= as_of);
        let resolved_on = submitted
            .map_or(funded, |s| s)
            .checked_add_days(Days::new(rng.random_range(0..12)))
            .filter(|d| *d <= as_of);
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
            due: Some(day(funded, 14)),
            submitted,
            released,
            refunded,
        });
        funded = day(funded, rng.random_range(10..40));
        if funded > as_of {
            break;
        }
    }
    let (end, feedback) = end_and_feedback(rng, funded.min(as_of), as_of);
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

fn generate() -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let first = NaiveDate::from_ymd_opt(2024, 11, 27).unwrap_or_default();
    let as_of = day(first, SPAN_DAYS);
    let clients = (0..CLIENTS)
        .map(|i| Client {
            id: format!("c{i}"),
            name: format!("Client {i}"),
            flagged: false,
        })
        .collect();
    let contracts = (0..CONTRACTS)
        .map(|i| {
            let start = day(first, rng.random_range(0..SPAN_DAYS - 30));
            let mut contract = if i % 2 == 0 {
                hourly(&mut rng, start, as_of)
            } else {
                fixed(&mut rng, start, as_of)
            };
            contract.id = format!("k{i}");
            contract.client = format!("c{}", rng.random_range(0..CLIENTS));
            contract
        })
        .collect();
    Scenario {
        as_of: Some(as_of),
        rules: Rules::default(),
        freelancer_name: None,
        clients,
        contracts,
    }
}

fn load_and_run(scenario: &Scenario, as_of: NaiveDate) -> usize {
    let mut ledger = Ledger::from_scenario(scenario, as_of).unwrap_or_else(|e| panic!("{e}"));
    ledger.process_due(end_of_day(day(as_of, SPAN_DAYS))).len()
}

fn bench(c: &mut Criterion) {
    let scenario = generate();
    // The generated scenario must be a valid v1 file, or the numbers would describe nonsense.
    let reparsed = parse_str(&to_json_string(&scenario))
        .unwrap_or_else(|p| panic!("generated scenario is invalid: {p:?}"));
    assert_eq!(reparsed, scenario);
    let as_of = scenario.as_of.unwrap_or_default();
    let events = load_and_run(&scenario, as_of);
    println!("ledger bench: {CONTRACTS} contracts, {events} events per run, seed {SEED}");
    let mut group = c.benchmark_group("ledger");
    group.sample_size(10);
    group.throughput(Throughput::Elements(events as u64));
    group.bench_function("from_scenario_and_process_due_10k_contracts", |b| {
        b.iter(|| load_and_run(black_box(&scenario), as_of))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
