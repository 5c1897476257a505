//! Properties of the score (MODEL.md §3.4–3.5) over generated scenarios.

mod jss_support;

use chrono::{Days, NaiveDate};
use jss_engine::jss::cliff::{cliff_calendar, cliff_forecast, daily_scores, freeze, Frozen};
use jss_engine::jss::evaluate::{
    calculation_date, classify_all, contract_clients, displayed_at, evaluate, scores_at,
};
use jss_engine::jss::outcome::{classify, settled_from};
use jss_engine::jss::top_rated::{earned_between, earnings_since, saturday_on_or_before};
use jss_engine::jss::window::{tallies_from_memberships, Bounds};
use jss_engine::jss::{
    attribute, next_top_rated_change, score_report, top_rated_status, window_exits, ScoreReport,
    Window,
};
use jss_engine::money::Money;
use jss_engine::rules::Params;
use jss_engine::rules::{Era, ParamValue};
use jss_engine::scenario::{Contract, EndReason, Feedback, Party, Payment, Scenario, Stars};
use jss_support::*;
use proptest::prelude::*;

fn base() -> NaiveDate {
    d("2023-01-01")
}

fn at(offset_days: u64) -> NaiveDate {
    base() + Days::new(offset_days)
}

/// A contract from generated parts: payments and the end counted in days from its start, and
/// feedback (only on an ended contract) in days from the end.
fn generated_contract(
    client: u8,
    start: u64,
    payments: &[(u64, i64)],
    end: Option<(u64, u8, u8)>,
    feedback: Option<(u64, u16)>,
) -> Contract {
    let start_date = at(start);
    let mut c = contract("k", &format!("c{client}"), &start_date.to_string());
    c.payments = payments
        .iter()
        .map(|(day, cents)| Payment {
            date: start_date + Days::new(*day),
            amount: Money::from_cents(*cents),
        })
        .collect();
    c.payments.sort();
    if let Some((len, reason, by)) = end {
        let reason = [
            EndReason::Completed,
            EndReason::NotCompleted,
            EndReason::ClientUnresponsive,
            EndReason::Other,
        ][usize::from(reason)];
        let by = [Party::Client, Party::Freelancer, Party::Platform][usize::from(by)];
        c = c.end_by(&(start_date + Days::new(len)).to_string(), by, reason);
        if let (Some((delay, stars)), Some(e)) = (feedback, c.end) {
            c.feedback = Some(Feedback {
                date: e.date + Days::new(delay),
                stars: Stars::from_hundredths(stars).unwrap(),
                private_score: None,
            });
        }
    }
    c
}

prop_compose! {
    fn arb_contract()(
        client in 0u8..4,
        start in 0u64..1400,
        payments in prop::collection::vec((0u64..500, 0i64..300_000), 0..6),
        end in prop::option::of((0u64..500, 0u8..4, 0u8..3)),
        feedback in prop::option::of((0u64..=14, 100u16..=500)),
    ) -> (u8, Contract) {
        (client, generated_contract(client, start, &payments, end, feedback))
    }
}

fn arb_scenario() -> impl Strategy<Value = Scenario> {
    (prop::collection::vec(arb_contract(), 0..14), 0usize..3).prop_map(|(contracts, era)| {
        let contracts = contracts
            .into_iter()
            .enumerate()
            .map(|(i, (_, mut c))| {
                c.id = format!("k{i}");
                c
            })
            .collect();
        scenario(Era::ALL[era], contracts)
    })
}

fn key(r: &ScoreReport) -> (Option<u8>, [Option<u64>; 5], bool) {
    let bits = |x: Option<f64>| x.map(f64::to_bits);
    (
        r.score,
        [
            bits(r.windows.m3),
            bits(r.windows.m6),
            bits(r.windows.m12),
            bits(r.windows.m24),
            bits(r.windows.trending),
        ],
        r.top_rated,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn prop_score_is_a_percentage_or_none(s in arb_scenario(), t in 0u64..1600) {
        let r = score_report(&s, at(t));
        if let Some(score) = r.score {
            prop_assert!(score <= 100);
            prop_assert!(r.eligible);
        }
        prop_assert_eq!(r.contracts.len(), s.contracts.len());
    }

    #[test]
    fn prop_an_outcome_outside_every_window_changes_nothing(s in arb_scenario(), t in 800u64..1600, stars in 100u16..=500) {
        let t = at(t);
        // 25 months: biweekly eras compute on the last update day, up to 13 days before `t`.
        let end = t - chrono::Months::new(25);
        let mut with_old = s.clone();
        let old = contract("old", "c0", &(end - Days::new(40)).to_string())
            .pay(&(end - Days::new(10)).to_string(), 500.0)
            .end(&end.to_string());
        let mut old = old;
        old.feedback = Some(Feedback { date: end, stars: Stars::from_hundredths(stars).unwrap(), private_score: None });
        with_old.contracts.push(old);
        let (a, b) = (score_report(&s, t), score_report(&with_old, t));
        prop_assert_eq!(key(&a).0, key(&b).0);
        prop_assert_eq!(key(&a).1, key(&b).1);
    }

    #[test]
    fn prop_contract_order_changes_nothing(s in arb_scenario(), t in 0u64..1600) {
        let mut reversed = s.clone();
        reversed.contracts.reverse();
        prop_assert_eq!(key(&score_report(&s, at(t))), key(&score_report(&reversed, at(t))));
    }

    #[test]
    fn prop_attribution_sums_to_the_change(s in arb_scenario(), a in 0u64..1600, b in 0u64..1600) {
        let att = attribute(&s, at(a), at(b));
        prop_assert_eq!(att.sum_micro(), att.change_micro());
        prop_assert_eq!(att.from_score, score_report(&s, at(a)).score);
        prop_assert_eq!(att.to_score, score_report(&s, at(b)).score);
    }

    #[test]
    fn prop_a_settled_contract_classifies_the_same_ever_after(
        (_, mut c) in arb_contract(),
        refunds in prop::collection::vec((0u64..600, 1i64..200_000), 0..3),
        era in 0usize..3,
        switches in any::<[bool; 4]>(),
        flagged in any::<bool>(),
        later in prop::collection::vec(0u64..2000, 1..8),
    ) {
        // Refunds are facts too, and every rule switch that classify reads may be either way.
        c.refunds = refunds
            .iter()
            .map(|(day, cents)| Payment { date: c.start + Days::new(*day), amount: Money::from_cents(*cents) })
            .collect();
        c.refunds.sort();
        let mut params = Params::resolve(&scenario(Era::ALL[era], vec![]).rules);
        params.no_feedback_pattern_rule = switches[0];
        params.inactive_open_counts = switches[1];
        params.long_term_counts_positive = switches[2];
        params.end_reason_override = switches[3];
        if let Some(settled) = settled_from(&c) {
            let then = classify(&c, flagged, settled, &params);
            for days in later {
                let t = settled + Days::new(days);
                prop_assert_eq!(classify(&c, flagged, t, &params), then, "at {}", t);
            }
        } else {
            prop_assert!(c.end.is_none(), "only an open contract has no settled date");
        }
    }

    #[test]
    fn prop_cached_cliff_calendar_equals_daily_evaluation(s in arb_scenario(), from in 300u64..1500) {
        let params = Params::resolve(&s.rules);
        let from = at(from);
        let frozen = freeze(&s, from);
        for day in daily_scores(&s, &params, from, from + Days::new(400)) {
            prop_assert_eq!(day.score, displayed_at(&frozen, &params, day.date), "on {}", day.date);
        }
    }
}

// ---- The fast paths give exactly what summing everything again gives ----
//
// `Frozen` sweeps forward through dates with running tallies, `next_top_rated_change` reads
// earnings from running totals, `window_exits` looks only at the contracts that can change and
// `attribute` updates the windows by one contract per step. Each is checked here against the
// straightforward computation, written out with the public building blocks, on generated
// scenarios: with refunds, and with weights that do and do not allow exact running sums.

prop_compose! {
    /// A contract of a busy history: most end with feedback within 700 days.
    fn arb_busy_contract()(
        client in 0u8..5,
        start in 0u64..700,
        payments in prop::collection::vec((0u64..200, 0i64..300_000), 0..4),
        end in prop::option::weighted(0.8, (0u64..200, 0u8..4, 0u8..1)),
        feedback in prop::option::weighted(0.8, (0u64..=14, 100u16..=500)),
        refund in prop::option::weighted(0.2, (0u64..200, 1i64..100_000)),
    ) -> Contract {
        let mut c = generated_contract(client, start, &payments, end, feedback);
        c.refunds = refund
            .iter()
            .map(|(day, cents)| Payment { date: c.start + Days::new(*day), amount: Money::from_cents(*cents) })
            .collect();
        c
    }
}

/// Busy histories in every era, with weights that do (the defaults, a `max_weight` of 2.5)
/// and do not (a `tier_2_weight` of 1.1) allow exact running sums, and sometimes with legacy
/// inactive contracts counted.
fn arb_busy_scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec(arb_busy_contract(), 0..30),
        0usize..3,
        0usize..4,
    )
        .prop_map(|(contracts, era, weights)| {
            let contracts = contracts
                .into_iter()
                .enumerate()
                .map(|(i, mut c)| {
                    c.id = format!("k{i}");
                    c
                })
                .collect();
            let s = scenario(Era::ALL[era], contracts);
            let overrides: &[(&str, ParamValue)] = match weights {
                0 => &[("tier_2_weight", ParamValue::Number(1.1))],
                1 => &[
                    ("max_weight", ParamValue::Number(2.5)),
                    ("inactive_open_counts", ParamValue::Bool(true)),
                ],
                _ => &[],
            };
            overrides
                .iter()
                .fold(s, |s, (name, value)| with_override(s, name, *value))
        })
}

/// The windows each contract counts in at `t` (bit per window), summed from scratch.
fn membership_by_hand(frozen: &Scenario, params: &Params, t: NaiveDate) -> Vec<u8> {
    let bounds = Bounds::at(t);
    classify_all(frozen, &contract_clients(frozen), t, params)
        .iter()
        .map(|s| {
            Window::ALL
                .iter()
                .fold(0u8, |bits, w| match s.outcome.outcome_date {
                    Some(d) if s.outcome.class.is_counted() && bounds.contains(*w, d) => {
                        bits | 1 << w.index()
                    }
                    _ => bits,
                })
        })
        .collect()
}

/// Top Rated at `t` on a frozen scenario, every condition summed from scratch.
fn top_rated_by_hand(frozen: &Scenario, params: &Params, t: NaiveDate) -> bool {
    let at_min = |s: Option<u8>| s.is_some_and(|s| s >= params.top_rated_min_jss);
    let saturday = saturday_on_or_before(t);
    let weeks = (0..u64::from(params.top_rated_weeks_window))
        .filter(|k| at_min(displayed_at(frozen, params, saturday - Days::new(7 * k))))
        .count() as u32;
    let earned: i64 = frozen
        .contracts
        .iter()
        .map(|c| earned_between(c, earnings_since(t), t).cents())
        .sum();
    let first = frozen
        .contracts
        .iter()
        .map(|c| c.start)
        .filter(|s| *s <= t)
        .min();
    at_min(displayed_at(frozen, params, t))
        && weeks >= params.top_rated_weeks_required
        && earned >= params.top_rated_min_earnings.cents()
        && first.is_some_and(|s| (t - s).num_days() > params.top_rated_first_contract_days)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn prop_swept_scores_equal_scores_summed_again(
        s in arb_busy_scenario(),
        from in 100u64..900,
        jumps in prop::collection::vec(-60i64..120, 1..12),
    ) {
        let params = Params::resolve(&s.rules);
        let from = at(from);
        let frozen_scenario = freeze(&s, from);
        let mut frozen = Frozen::new(&s, &params, from);
        // Every day of a year, then dates back and forth (before `from` too) to restart the sweep.
        let days = (0..400).map(|k| from + Days::new(k));
        let mut t = from;
        let hops = jumps.iter().map(move |j| { t = t.checked_add_signed(chrono::TimeDelta::days(*j)).unwrap_or(t); t });
        for day in days.chain(hops) {
            let by_hand = scores_at(&frozen_scenario, &params, day);
            prop_assert_eq!(frozen.scores_at(day), by_hand, "on {}", day);
        }
    }

    #[test]
    fn prop_cliff_forecast_equals_the_calendar_and_scores_summed_again(s in arb_busy_scenario(), from in 100u64..900) {
        let params = Params::resolve(&s.rules);
        let from = at(from);
        let frozen_scenario = freeze(&s, from);
        let (calendar, scores) = cliff_forecast(&s, &params, from);
        prop_assert_eq!(&calendar, &cliff_calendar(&s, &params, from));
        prop_assert_eq!(calendar.days.len(), scores.len());
        for (day, fast) in calendar.days.iter().zip(&scores).step_by(5) {
            let by_hand = scores_at(&frozen_scenario, &params, calculation_date(day.date, &params));
            prop_assert_eq!(fast, &by_hand, "on {}", day.date);
        }
    }

    #[test]
    fn prop_next_top_rated_change_equals_the_day_by_day_search(s in arb_busy_scenario(), from in 100u64..900, big in any::<bool>()) {
        let mut s = s;
        // Enough money for the earnings condition to decide sometimes.
        if big {
            for c in &mut s.contracts {
                for p in &mut c.payments {
                    p.amount = Money::from_cents(p.amount.cents() * 10);
                }
            }
        }
        let params = Params::resolve(&s.rules);
        let from = at(from);
        let to = from + Days::new(200);
        let frozen_scenario = freeze(&s, from);
        let now = top_rated_by_hand(&frozen_scenario, &params, from);
        let by_hand = from
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .find(|d| top_rated_by_hand(&frozen_scenario, &params, *d) != now)
            .map(|d| (d, !now));
        let mut frozen = Frozen::new(&s, &params, from);
        prop_assert_eq!(top_rated_status(&mut frozen, from).top_rated, now);
        prop_assert_eq!(next_top_rated_change(&mut frozen, to), by_hand);
        // The running earnings totals, on every day around the freeze date.
        for day in (from - Days::new(400)).iter_days().take_while(|d| *d <= to) {
            let status = top_rated_status(&mut frozen, day);
            let earned: i64 = frozen_scenario.contracts.iter().map(|c| earned_between(c, earnings_since(day), day).cents()).sum();
            prop_assert_eq!(status.earnings_12m.cents(), earned, "on {}", day);
            let first = frozen_scenario.contracts.iter().map(|c| c.start).filter(|s| *s <= day).min();
            prop_assert_eq!(status.first_contract_start, first, "on {}", day);
        }
    }

    #[test]
    fn prop_window_exits_equal_daily_memberships(s in arb_busy_scenario(), from in 100u64..900) {
        let params = Params::resolve(&s.rules);
        let from = at(from);
        let to = from + Days::new(300);
        let frozen_scenario = freeze(&s, from);
        let mut by_hand = Vec::new();
        let mut before = membership_by_hand(&frozen_scenario, &params, from);
        for day in from.iter_days().skip(1).take_while(|d| *d <= to) {
            let after = membership_by_hand(&frozen_scenario, &params, day);
            for w in Window::ALL {
                for (i, (b, a)) in before.iter().zip(&after).enumerate() {
                    if b & !a & (1 << w.index()) != 0 {
                        by_hand.push((day, w, frozen_scenario.contracts[i].id.clone()));
                    }
                }
            }
            before = after;
        }
        let fast: Vec<_> = window_exits(&s, from, to).into_iter().map(|e| (e.date, e.window, e.contract)).collect();
        prop_assert_eq!(fast, by_hand);
    }

    #[test]
    fn prop_attribution_steps_equal_windows_summed_again(s in arb_busy_scenario(), a in 0u64..1000, b in 0u64..1000) {
        let params = Params::resolve(&s.rules);
        let att = attribute(&s, at(a), at(b));
        let before = evaluate(&s, &params, calculation_date(at(a), &params));
        let after = evaluate(&s, &params, calculation_date(at(b), &params));
        let mut state = before.members.clone();
        let micro = |v: Option<f64>| v.map_or(0, |v| (v * 1e6).round() as i64);
        let mut current = tallies_from_memberships(&before.scored, &state).scores(&params);
        for step in &att.steps {
            let i = s.contracts.iter().position(|c| c.id == step.contract).expect("a step names a contract");
            state[i] = after.members[i];
            let next = tallies_from_memberships(&before.scored, &state).scores(&params);
            prop_assert_eq!(step.delta_micro, micro(next.unrounded) - micro(current.unrounded));
            prop_assert_eq!((step.winner_before, step.winner_after), (current.winner, next.winner));
            current = next;
        }
    }
}
