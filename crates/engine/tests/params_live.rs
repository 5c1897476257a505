//! The catalog walk: every parameter in `rules::PARAMS` changes what the engine answers.
//!
//! Each case names a parameter, a value other than its default, and a probe: a scenario read the
//! way `jss score` or `jss timeline` reads it, a simulation, or (for the timers only commands
//! reach, such as disputes) a ledger driven command by command. The probe runs under the era's
//! defaults and again with the parameter set; the two answers must differ. A parameter that
//! nothing reads fails here, and so does one without a case.
//!
//! The answers compared are the engine's verdicts (outcomes, weights, scores, dates, amounts,
//! which step was refused), never texts that merely repeat a threshold, so a parameter that is
//! only echoed in a label still fails.

use chrono::{NaiveDate, NaiveDateTime};
use jss_engine::jss::score_report;
use jss_engine::ledger::{Command, Ledger};
use jss_engine::money::Money;
use jss_engine::rules::{Era, Params, PARAMS};
use jss_engine::scenario::parse::parse_value;
use jss_engine::scenario::{EndReason, Party};
use jss_engine::simulate::model::Strategy;
use jss_engine::simulate::{simulate_json, SimOptions};
use jss_engine::timeline::timeline;
use serde_json::{json, Map, Value};

/// The date every scenario below is seen from.
const AT: &str = "2026-06-01";

/// How an answer is asked of the engine.
enum Probe {
    /// `jss score` at [`AT`]: the report's verdicts, or the paths of the problems when the
    /// file is refused.
    Score(fn() -> Vec<Value>),
    /// `jss timeline` from [`AT`] over 120 days: date, contract, kind and amount of each event.
    Timeline(fn() -> Vec<Value>),
    /// A simulation from [`AT`] with the given strategy: its numbers, without the texts.
    Simulate(fn() -> Vec<Value>, fn() -> Value),
    /// A ledger under the rules, driven by a script: each event and each refusal (by kind).
    Ledger(fn(&mut Script)),
}

struct Case {
    param: &'static str,
    era: Era,
    value: Value,
    probe: Probe,
}

fn case(param: &'static str, value: Value, probe: Probe) -> Case {
    Case {
        param,
        era: Era::Current,
        value,
        probe,
    }
}

fn legacy(param: &'static str, value: Value, probe: Probe) -> Case {
    Case {
        era: Era::Legacy,
        ..case(param, value, probe)
    }
}

/// The one check: the probe's answer under the defaults differs from its answer with the
/// parameter set.
#[track_caller]
fn check(case: &Case) {
    let base = answer(&case.probe, case.era, None);
    let changed = answer(&case.probe, case.era, Some((case.param, &case.value)));
    assert_ne!(
        base, changed,
        "{} = {} changes nothing the engine answers",
        case.param, case.value
    );
}

#[test]
fn every_parameter_in_the_catalog_changes_what_the_engine_answers() {
    let cases = cases();
    let missing: Vec<&str> = PARAMS
        .iter()
        .map(|p| p.name)
        .filter(|name| !cases.iter().any(|c| c.param == *name))
        .collect();
    assert_eq!(missing, Vec::<&str>::new(), "parameters without a case");
    for case in &cases {
        check(case);
    }
}

fn answer(probe: &Probe, era: Era, set: Option<(&str, &Value)>) -> String {
    let mut rules = Map::new();
    rules.insert("era".into(), json!(era.as_str()));
    if let Some((name, value)) = set {
        rules.insert(name.into(), value.clone());
    }
    match probe {
        Probe::Score(contracts) => score(&document(rules, contracts())),
        Probe::Timeline(contracts) => timeline_events(&document(rules, contracts())),
        Probe::Simulate(contracts, strategy) => {
            simulation(&document(rules, contracts()), strategy())
        }
        Probe::Ledger(script) => {
            let params = jss_engine::rules::Params::resolve(&rules_of(rules));
            let mut run = Script::new(params);
            script(&mut run);
            run.log.join("\n")
        }
    }
}

fn rules_of(rules: Map<String, Value>) -> jss_engine::rules::Rules {
    parse_value(&document(rules, Vec::new()))
        .unwrap_or_else(|problems| panic!("{problems:?}"))
        .rules
}

/// A scenario file: its clients are the contracts' clients.
fn document(rules: Map<String, Value>, contracts: Vec<Value>) -> Value {
    let mut clients: Vec<Value> = Vec::new();
    for c in &contracts {
        let client = c["client"].clone();
        if !clients.iter().any(|k| k["id"] == client) {
            clients.push(json!({ "id": client }));
        }
    }
    json!({
        "format": "jss-lab.scenario",
        "version": 1,
        "as_of": AT,
        "rules": rules,
        "clients": clients,
        "contracts": contracts,
    })
}

fn score(document: &Value) -> String {
    let scenario = match parse_value(document) {
        Ok(scenario) => scenario,
        Err(problems) => {
            let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
            return format!("refused at {paths:?}");
        }
    };
    let r = score_report(&scenario, date(AT));
    let contracts: Vec<String> = r
        .contracts
        .iter()
        .map(|c| format!("{} {} {} {:?}", c.id, c.outcome, c.weight, c.outcome_date))
        .collect();
    let holds: Vec<bool> = r.badges.conditions.iter().map(|c| c.holds).collect();
    format!(
        "{:?} {:?} {} {} {} {} {} {:?} | {contracts:?} | {} {:?} {holds:?} {:?}",
        r.score,
        r.windows,
        r.eligible,
        r.calculated_on,
        r.top_rated,
        r.top_rated_plus,
        r.compliance_warning,
        r.winning_window,
        r.badges.weeks_at_min,
        r.badges.large_contract,
        r.top_rated_change,
    )
}

fn timeline_events(document: &Value) -> String {
    let scenario = parse_value(document).unwrap_or_else(|p| panic!("{p:?}"));
    let events = timeline(&scenario, date(AT), 120).unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<String> = events
        .iter()
        .map(|e| format!("{} {} {:?} {:?}", e.date, e.contract, e.kind, e.amount))
        .collect();
    rows.join("\n")
}

fn simulation(document: &Value, strategy: Value) -> String {
    let scenario = parse_value(document).unwrap_or_else(|p| panic!("{p:?}"));
    let strategy: Strategy = serde_json::from_value(strategy).unwrap_or_else(|e| panic!("{e}"));
    let options = SimOptions {
        trials: 200,
        horizon_days: 182,
        strategies: Some(vec![strategy]),
        ..SimOptions::default()
    };
    let text = simulate_json(&scenario, &options).unwrap_or_else(|e| panic!("{e}"));
    let mut report: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    // The recommendation and descriptions are words about the numbers, not numbers.
    report["recommendation"] = Value::Null;
    if let Some(strategies) = report["strategies"].as_array_mut() {
        for s in strategies {
            s["description"] = Value::Null;
        }
    }
    report.to_string()
}

/// A ledger run step by step: commands at noon on a date (after the timers due by then), and
/// a log of every event and of each refusal's kind.
struct Script {
    ledger: Ledger,
    log: Vec<String>,
}

impl Script {
    fn new(params: Params) -> Script {
        Script {
            ledger: Ledger::new(params, noon("2026-03-02")),
            log: Vec::new(),
        }
    }

    fn run_to(&mut self, day: &str) {
        let until = date(day).and_hms_opt(23, 59, 59).unwrap_or_default();
        for event in self.ledger.process_due(until) {
            self.log.push(format!("{} {:?}", event.at, event.kind));
        }
    }

    fn on(&mut self, day: &str, command: Command) {
        let at = noon(day);
        for event in self.ledger.process_due(at) {
            self.log.push(format!("{} {:?}", event.at, event.kind));
        }
        match self.ledger.execute(at, command) {
            Ok(events) => self
                .log
                .extend(events.iter().map(|e| format!("{} {:?}", e.at, e.kind))),
            // The kind of refusal, not its message: a message may repeat a parameter.
            Err(error) => {
                let kind: String = format!("{error:?}")
                    .chars()
                    .take_while(|c| c.is_alphanumeric())
                    .collect();
                self.log.push(format!("{at} refused: {kind}"));
            }
        }
    }
}

fn noon(day: &str) -> NaiveDateTime {
    date(day).and_hms_opt(12, 0, 0).unwrap_or_default()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{text}: {e}"))
}

// ---- Scenario pieces ----

/// A finished job: 30 days long, paid `usd` at the end, rated `stars` that day by the client.
fn job(id: &str, client: &str, end: &str, usd: f64, stars: f64) -> Value {
    let start = date(end) - chrono::Days::new(30);
    json!({
        "id": id, "client": client, "type": "fixed", "start": start.to_string(),
        "payments": [ { "date": end, "amount": usd } ],
        "end": { "date": end, "by": "client", "reason": "completed" },
        "feedback": { "date": end, "stars": stars },
    })
}

/// An open hourly contract paid `usd` on each date.
fn hourly(id: &str, client: &str, start: &str, paid: &[&str], usd: f64) -> Value {
    let payments: Vec<Value> = paid
        .iter()
        .map(|d| json!({ "date": d, "amount": usd }))
        .collect();
    json!({
        "id": id, "client": client, "type": "hourly", "hourly_rate": 40.0, "start": start,
        "payments": payments,
    })
}

/// An open fixed-price contract with one milestone.
fn fixed(id: &str, client: &str, start: &str, milestone: Value) -> Value {
    json!({
        "id": id, "client": client, "type": "fixed", "start": start, "milestones": [milestone],
    })
}

/// Two 5-star jobs from two other clients, so that a score exists.
fn two_good_jobs() -> Vec<Value> {
    vec![
        job("g1", "good1", "2026-02-01", 600.0, 5.0),
        job("g2", "good2", "2026-03-01", 600.0, 5.0),
    ]
}

fn with(mut list: Vec<Value>, more: Value) -> Vec<Value> {
    list.push(more);
    list
}

/// Four 5-star jobs over the last year from four clients, $2,400 in all: Top Rated.
fn top_rated_history() -> Vec<Value> {
    vec![
        job("t1", "c1", "2025-09-15", 600.0, 5.0),
        job("t2", "c2", "2025-11-15", 600.0, 5.0),
        job("t3", "c3", "2026-01-15", 600.0, 5.0),
        job("t4", "c4", "2026-03-15", 600.0, 5.0),
    ]
}

/// A long-term open contract: paid every 30 days since September, no feedback.
fn long_term() -> Vec<Value> {
    let paid = [
        "2025-09-01",
        "2025-10-01",
        "2025-10-31",
        "2025-11-30",
        "2025-12-30",
        "2026-01-29",
        "2026-02-28",
        "2026-03-30",
        "2026-04-29",
        "2026-05-29",
    ];
    with(
        two_good_jobs(),
        hourly("lt", "long", "2025-08-15", &paid, 400.0),
    )
}

/// An open hourly contract last paid six months ago, with jobs enough for a legacy score.
fn inactive_open() -> Vec<Value> {
    let mut list = two_good_jobs();
    list.push(job("g3", "good3", "2026-04-01", 600.0, 5.0));
    list.push(hourly("idle", "idle", "2025-10-01", &["2025-12-01"], 300.0));
    list
}

/// Three rated jobs and three ended without feedback: half of the window has no feedback.
fn half_without_feedback() -> Vec<Value> {
    let mut list = inactive_open();
    list.pop();
    for (i, end) in ["2026-04-10", "2026-04-20", "2026-04-30"]
        .iter()
        .enumerate()
    {
        let mut silent = job(&format!("n{i}"), &format!("quiet{i}"), end, 300.0, 5.0);
        silent["feedback"] = Value::Null;
        list.push(silent);
    }
    list
}

fn one_job(usd: f64, stars: f64) -> Vec<Value> {
    with(two_good_jobs(), job("a", "a", "2026-04-01", usd, stars))
}

/// A 120-day job paid monthly: one complete 90-day period with a payment adds to its weight.
fn long_job() -> Vec<Value> {
    let mut long = job("long", "long", "2026-04-01", 150.0, 5.0);
    long["start"] = json!("2025-12-01");
    long["payments"] = json!([
        { "date": "2026-01-01", "amount": 150.0 },
        { "date": "2026-02-01", "amount": 150.0 },
        { "date": "2026-03-01", "amount": 150.0 },
        { "date": "2026-04-01", "amount": 150.0 },
    ]);
    with(two_good_jobs(), long)
}

/// A JSS just under 90: eight 5-star jobs and one of 4.5 stars.
fn eighty_nine() -> Vec<Value> {
    let mut list = top_rated_history();
    for (i, end) in ["2025-10-01", "2025-12-01", "2026-02-01", "2026-04-01"]
        .iter()
        .enumerate()
    {
        list.push(job(&format!("u{i}"), &format!("d{i}"), end, 600.0, 5.0));
    }
    list.push(job("meh", "meh", "2026-03-01", 600.0, 4.5));
    list
}

/// A JSS well below the compliance line: one 1-star job, two 5-star.
fn poor() -> Vec<Value> {
    vec![
        job("p1", "p1", "2026-02-01", 600.0, 1.0),
        job("p2", "p2", "2026-03-01", 600.0, 5.0),
        job("p3", "p3", "2026-04-01", 600.0, 5.0),
    ]
}

/// Top Rated with a $12,000 contract: Top Rated Plus.
fn top_rated_plus() -> Vec<Value> {
    with(
        top_rated_history(),
        job("big", "big", "2026-02-15", 12_000.0, 5.0),
    )
}

/// A job ended a week ago without feedback yet, paid two days ago.
fn just_ended() -> Vec<Value> {
    let mut ended = job("e", "e", "2026-05-25", 300.0, 5.0);
    ended["feedback"] = Value::Null;
    ended["payments"] = json!([ { "date": "2026-05-30", "amount": 300.0 } ]);
    vec![ended]
}

/// A milestone submitted a week ago, waiting for review.
fn submitted() -> Vec<Value> {
    let m =
        json!({ "id": "m1", "amount": 250.0, "funded": "2026-05-01", "submitted": "2026-05-25" });
    vec![fixed("f", "acme", "2026-05-01", m)]
}

/// A client ended the contract two days ago with $250 still in escrow.
fn client_ended_with_escrow() -> Vec<Value> {
    let m = json!({ "id": "m1", "amount": 250.0, "funded": "2026-05-01" });
    let mut contract = fixed("f", "acme", "2026-05-01", m);
    contract["end"] = json!({ "date": "2026-05-30", "by": "client", "reason": "other" });
    vec![contract]
}

/// An open hourly contract last paid 12 days ago.
fn quiet_hourly() -> Vec<Value> {
    vec![hourly("h", "acme", "2026-03-01", &["2026-05-20"], 400.0)]
}

/// A funded milestone due 61 days ago with nothing since: the dormancy timeline runs.
fn dormant() -> Vec<Value> {
    let m = json!({ "id": "m1", "amount": 80.0, "funded": "2026-03-01", "due": "2026-04-01" });
    vec![fixed("q", "acme", "2026-03-01", m)]
}

/// A milestone below the default minimum.
fn four_dollar_milestone() -> Vec<Value> {
    let m = json!({ "id": "m1", "amount": 4.0 });
    with(two_good_jobs(), fixed("small", "acme", "2026-05-01", m))
}

/// A JSS just under 90 and an open hourly contract whose client is gone.
fn eighty_nine_with_open_contract() -> Vec<Value> {
    with(
        eighty_nine(),
        hourly("h", "gone", "2026-01-05", &["2026-02-02"], 400.0),
    )
}

fn leave_open() -> Value {
    json!({ "name": "leave open", "actions": [ { "kind": "leave_open", "contract": "h" } ] })
}

/// Submit `f` and end it after the release; end `h` the day after `f`'s expected feedback,
/// which the simulator dates from the review period.
fn submit_then_end() -> Value {
    json!({ "name": "submit", "actions": [
        { "kind": "submit_then_end", "contract": "f" },
        { "kind": "end_after_feedback", "contract": "h", "after": "f" },
    ] })
}

/// An unsubmitted funded milestone, and an open hourly contract to pair with it.
fn funded_unsubmitted() -> Vec<Value> {
    let m = json!({ "id": "m1", "amount": 250.0, "funded": "2026-05-01" });
    let mut list = with(two_good_jobs(), fixed("f", "acme", "2026-05-01", m));
    list.push(hourly("h", "gone", "2026-01-05", &["2026-02-02"], 400.0));
    list
}

// ---- Ledger scripts ----

/// Contract `f` (fixed price) with one milestone of `cents`, due on `due`.
fn milestone_of(s: &mut Script, cents: i64, due: Option<NaiveDate>) {
    let f = || "f".to_string();
    s.on(
        "2026-03-02",
        Command::OpenFixed {
            contract: f(),
            client: "acme".into(),
        },
    );
    let amount = Money::from_cents(cents);
    let add = Command::AddMilestone {
        contract: f(),
        milestone: "m1".into(),
        amount,
        due,
    };
    s.on("2026-03-02", add);
}

/// Contract `f` with $250 funded in escrow.
fn funded(s: &mut Script, due: Option<NaiveDate>) {
    milestone_of(s, 25_000, due);
    let fund = Command::FundMilestone {
        contract: "f".into(),
        milestone: "m1".into(),
    };
    s.on("2026-03-02", fund);
}

/// Hourly contract `h` with ten hours logged in the week of 2 March.
fn logged_week(s: &mut Script) {
    let h = || "h".to_string();
    let rate = Money::from_cents(4_000);
    let open = Command::OpenHourly {
        contract: h(),
        client: "acme".into(),
        hourly_rate: rate,
        weekly_limit_hours: None,
    };
    s.on("2026-03-02", open);
    s.on(
        "2026-03-03",
        Command::LogHours {
            contract: h(),
            hours_hundredths: 1_000,
        },
    );
}

fn hourly_paid(s: &mut Script) {
    logged_week(s);
    s.run_to("2026-04-30");
}

fn hourly_dispute(s: &mut Script) {
    logged_week(s);
    s.on(
        "2026-03-10",
        Command::FileDispute {
            contract: "h".into(),
            by: Party::Client,
        },
    );
    s.run_to("2026-04-30");
}

fn freelancer_files(s: &mut Script, day: &str) {
    s.on(
        day,
        Command::FileDispute {
            contract: "f".into(),
            by: Party::Freelancer,
        },
    );
}

/// The client ends the contract; the freelancer files a dispute eight days later.
fn dispute_late(s: &mut Script) {
    funded(s, None);
    let end = Command::EndContract {
        contract: "f".into(),
        by: Party::Client,
        reason: EndReason::Other,
        final_release: Money::ZERO,
    };
    s.on("2026-03-02", end);
    freelancer_files(s, "2026-03-10");
}

fn client_silent_on_dispute(s: &mut Script) {
    funded(s, None);
    freelancer_files(s, "2026-03-02");
    s.run_to("2026-04-30");
}

/// The client answers a dispute and the mediator proposes nothing; with `propose`, the
/// mediator proposes and nobody accepts.
fn mediation(s: &mut Script, propose: bool) {
    funded(s, None);
    freelancer_files(s, "2026-03-02");
    s.on(
        "2026-03-03",
        Command::RespondToDispute {
            contract: "f".into(),
        },
    );
    if propose {
        let release = Money::from_cents(10_000);
        s.on(
            "2026-03-04",
            Command::ProposeSettlement {
                contract: "f".into(),
                release,
            },
        );
    }
    s.run_to("2026-04-30");
}

fn dormant_release_request(s: &mut Script) {
    funded(s, NaiveDate::from_ymd_opt(2026, 3, 5));
    s.run_to("2026-06-04");
    s.on(
        "2026-06-05",
        Command::RequestDormantRelease {
            contract: "f".into(),
        },
    );
    s.run_to("2026-08-30");
}

// ---- The cases ----

fn cases() -> Vec<Case> {
    use Probe::{Ledger as L, Score as S, Simulate as M, Timeline as T};
    vec![
        // Outcome classes (MODEL §3.1)
        case("positive_min_stars", json!(4.9), S(|| one_job(600.0, 4.85))),
        case(
            "negative_below_stars",
            json!(4.5),
            S(|| one_job(600.0, 4.2)),
        ),
        case(
            "end_reason_override",
            json!(false),
            S(|| {
                let mut a = job("a", "a", "2026-04-01", 600.0, 5.0);
                a["end"]["reason"] = json!("not_completed");
                with(two_good_jobs(), a)
            }),
        ),
        case("long_term_counts_positive", json!(false), S(long_term)),
        case("long_term_max_gap_days", json!(20), S(long_term)),
        case("long_term_min_span_days", json!(365), S(long_term)),
        legacy("inactive_open_counts", json!(false), S(inactive_open)),
        legacy("inactive_open_days", json!(200), S(inactive_open)),
        legacy(
            "no_feedback_pattern_rule",
            json!(false),
            S(half_without_feedback),
        ),
        legacy(
            "no_feedback_pattern_share",
            json!(0.9),
            S(half_without_feedback),
        ),
        // Weights (MODEL §3.3)
        case("tier_1_max_usd", json!(1000), S(|| one_job(600.0, 5.0))),
        case("tier_2_max_usd", json!(2000), S(|| one_job(1500.0, 5.0))),
        case("tier_1_weight", json!(2), S(|| one_job(100.0, 5.0))),
        case("tier_2_weight", json!(2), S(|| one_job(600.0, 5.0))),
        case("tier_3_weight", json!(3), S(|| one_job(1500.0, 5.0))),
        case("length_bonus_period_days", json!(200), S(long_job)),
        case("max_weight", json!(1), S(long_job)),
        // Windows, minimums and cadence (MODEL §3.4, §3.6)
        case("min_outcomes", json!(3), S(two_good_jobs)),
        case("min_clients", json!(3), S(|| one_job(600.0, 5.0))),
        case("eligibility_min_outcomes", json!(3), S(two_good_jobs)),
        case("eligibility_min_clients", json!(3), S(two_good_jobs)),
        case("update_interval_days", json!(14), S(two_good_jobs)),
        // Badges and bands (MODEL §4)
        case("top_rated_min_jss", json!(85), S(eighty_nine)),
        case("top_rated_weeks_required", json!(20), S(top_rated_history)),
        case("top_rated_weeks_window", json!(4), S(top_rated_history)),
        case(
            "top_rated_min_earnings_usd",
            json!(5000),
            S(top_rated_history),
        ),
        case(
            "top_rated_first_contract_days",
            json!(365),
            S(top_rated_history),
        ),
        case(
            "top_rated_plus_min_earnings_usd",
            json!(20000),
            S(top_rated_plus),
        ),
        case("large_contract", json!(20000), S(top_rated_plus)),
        case("compliance_warning_below", json!(20), S(poor)),
        // Timers (MODEL §2): what the timeline shows if nobody acts
        case("feedback_window_days", json!(20), T(just_ended)),
        case("fp_review_days", json!(7), T(submitted)),
        case("security_hold_days", json!(10), T(just_ended)),
        case(
            "escrow_refund_response_days",
            json!(10),
            T(client_ended_with_escrow),
        ),
        case(
            "refund_credit_business_days",
            json!(10),
            T(client_ended_with_escrow),
        ),
        case("hourly_inactivity_warning_days", json!(60), T(quiet_hourly)),
        case("hourly_inactivity_pause_days", json!(20), T(quiet_hourly)),
        case("client_silent_days", json!(45), T(quiet_hourly)),
        case("dormant_days", json!(100), T(dormant)),
        case("dormant_first_notice_days", json!(70), T(dormant)),
        case("dormant_second_notice_days", json!(86), T(dormant)),
        case("dormant_client_action_days", json!(10), T(dormant)),
        case("dormant_freelancer_request_days", json!(10), T(dormant)),
        // The parser: a milestone below the minimum is refused
        case("min_milestone_usd", json!(3), S(four_dollar_milestone)),
        // Timers only commands reach (disputes, hourly pay, a dormant release request)
        case("hourly_funds_available_days", json!(15), L(hourly_paid)),
        case("hourly_dispute_response_days", json!(1), L(hourly_dispute)),
        case("freelancer_dispute_days", json!(10), L(dispute_late)),
        case(
            "client_dispute_response_business_days",
            json!(2),
            L(client_silent_on_dispute),
        ),
        case(
            "mediation_proposal_days",
            json!(5),
            L(|s| mediation(s, false)),
        ),
        case("mediation_accept_days", json!(5), L(|s| mediation(s, true))),
        case(
            "arbitration_opt_in_days",
            json!(3),
            L(|s| mediation(s, true)),
        ),
        case(
            "dormant_client_review_days",
            json!(5),
            L(dormant_release_request),
        ),
        case(
            "min_milestone_usd",
            json!(3),
            L(|s| milestone_of(s, 400, None)),
        ),
        // The simulator reads the rules too
        case(
            "fp_review_days",
            json!(7),
            M(funded_unsubmitted, submit_then_end),
        ),
        case(
            "top_rated_min_jss",
            json!(85),
            M(eighty_nine_with_open_contract, leave_open),
        ),
    ]
}
