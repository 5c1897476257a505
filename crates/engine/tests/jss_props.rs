//! Properties of the score (MODEL.md §3.4–3.5) over generated scenarios.

mod jss_support;

use chrono::{Days, NaiveDate};
use jss_engine::jss::cliff::{daily_scores, freeze};
use jss_engine::jss::evaluate::displayed_at;
use jss_engine::jss::outcome::{classify, settled_from};
use jss_engine::jss::{attribute, score_report, ScoreReport};
use jss_engine::money::Money;
use jss_engine::rules::Era;
use jss_engine::rules::Params;
use jss_engine::scenario::{Contract, EndReason, Feedback, Party, Payment, Scenario, Stars};
use jss_support::*;
use proptest::prelude::*;

fn base() -> NaiveDate {
    d("2023-01-01")
}

fn at(offset_days: u64) -> NaiveDate {
    base() + Days::new(offset_days)
}

prop_compose! {
    fn arb_contract()(
        client in 0u8..4,
        start in 0u64..1400,
        payments in prop::collection::vec((0u64..500, 0i64..300_000), 0..6),
        end in prop::option::of((0u64..500, 0u8..4, 0u8..3)),
        feedback in prop::option::of((0u64..=14, 100u16..=500)),
    ) -> (u8, Contract) {
        let start_date = at(start);
        let mut c = contract("k", &format!("c{client}"), &start_date.to_string());
        c.payments = payments
            .iter()
            .map(|(day, cents)| Payment { date: start_date + Days::new(*day), amount: Money::from_cents(*cents) })
            .collect();
        c.payments.sort();
        if let Some((len, reason, by)) = end {
            let reason = [EndReason::Completed, EndReason::NotCompleted, EndReason::ClientUnresponsive, EndReason::Other][usize::from(reason)];
            let by = [Party::Client, Party::Freelancer, Party::Platform][usize::from(by)];
            c = c.end_by(&(start_date + Days::new(len)).to_string(), by, reason);
            if let (Some((delay, stars)), Some(e)) = (feedback, c.end) {
                c.feedback = Some(Feedback { date: e.date + Days::new(delay), stars: Stars::from_hundredths(stars).unwrap(), private_score: None });
            }
        }
        (client, c)
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
