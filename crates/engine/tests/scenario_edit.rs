//! Lifecycle actions as scenario edits (`jss_engine::scenario::edit`): each action's facts,
//! each refusal's reason, which actions are offered in which state, and a property that
//! applying offered actions in any order never panics and always leaves a valid scenario.

use chrono::{Days, NaiveDate};
use expect_test::{expect, Expect};
use jss_engine::money::Money;
use jss_engine::scenario::edit::{allowed_actions, apply, Action, ActionKind};
use jss_engine::scenario::export::to_json_string;
use jss_engine::scenario::parse::parse_str;
use jss_engine::scenario::{EndReason, Party, Scenario, Stars};
use proptest::prelude::*;

/// h1: hourly, open, $40/h, 20 h/week. f1: fixed, open, m1 $800 submitted, m2 $20 unfunded,
/// m3 $8 funded. e1: fixed, ended by the client 5 days ago without feedback. e2: hourly,
/// ended long ago. s1: starts in the future.
const BASE: &str = r#"{
  "format": "jss-lab.scenario", "version": 1, "as_of": "2026-11-27",
  "clients": [ { "id": "c1", "name": "Acme" } ],
  "contracts": [
    { "id": "h1", "client": "c1", "type": "hourly", "hourly_rate": 40, "weekly_limit_hours": 20,
      "start": "2026-06-01", "payments": [ { "date": "2026-06-17", "amount": 400 } ] },
    { "id": "f1", "client": "c1", "type": "fixed", "start": "2026-10-26",
      "milestones": [
        { "id": "m1", "amount": 800, "funded": "2026-10-26", "due": "2026-11-23",
          "submitted": "2026-11-20" },
        { "id": "m2", "amount": 20 },
        { "id": "m3", "amount": 8, "funded": "2026-11-01" } ] },
    { "id": "e1", "client": "c1", "type": "fixed", "start": "2026-09-01",
      "payments": [ { "date": "2026-11-22", "amount": 300 } ],
      "end": { "date": "2026-11-22", "by": "client", "reason": "completed" } },
    { "id": "e2", "client": "c1", "type": "hourly", "hourly_rate": 30, "start": "2025-01-06",
      "end": { "date": "2025-06-01", "by": "client", "reason": "completed" } },
    { "id": "s1", "client": "c1", "type": "fixed", "start": "2027-01-04" }
  ]
}"#;

const TODAY: &str = "2026-11-27";

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

fn base() -> Scenario {
    parse_str(BASE).unwrap_or_else(|ps| panic!("base scenario: {ps:?}"))
}

fn m(id: &str) -> String {
    id.to_string()
}

/// The contract's changing facts after the action, or the refusal's message.
fn render(result: &Result<Scenario, jss_engine::scenario::edit::EditError>, id: &str) -> String {
    match result {
        Err(error) => format!("refused: {error}"),
        Ok(scenario) => {
            let doc: serde_json::Value =
                serde_json::from_str(&to_json_string(scenario)).unwrap_or_default();
            let contract = doc["contracts"]
                .as_array()
                .and_then(|cs| cs.iter().find(|c| c["id"] == id))
                .cloned()
                .unwrap_or_default();
            ["payments", "milestones", "end", "feedback"]
                .iter()
                .map(|key| format!("{key}: {}", contract[*key]))
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

/// Applies `action` to contract `id` of the base scenario today and compares the outcome.
/// An accepted action must also have been offered, and a refused one must not have been.
fn check(id: &str, action: Action, expected: Expect) {
    check_after(&[], id, action, expected);
}

/// [`check`] on the base scenario after `earlier` actions on the same contract today, each of
/// which must be accepted: for refusals that depend on what was done before.
fn check_after(earlier: &[Action], id: &str, action: Action, expected: Expect) {
    let mut scenario = base();
    for step in earlier {
        scenario = apply(&scenario, id, step.clone(), date(TODAY))
            .unwrap_or_else(|e| panic!("{step:?} was refused: {e}"));
    }
    let offered = allowed_actions(&scenario, id, date(TODAY)).contains(&action.kind());
    let result = apply(&scenario, id, action.clone(), date(TODAY));
    if let Err(error) = &result {
        // Refusals about the values (hours, amounts, weeks) happen on offered actions too.
        let about_values = matches!(
            action,
            Action::LogHours { .. } | Action::ReleasePart { .. } | Action::AddMilestone { .. }
        );
        assert!(
            !offered || about_values,
            "{action:?} was offered but refused: {error}"
        );
    } else {
        assert!(offered, "{action:?} was accepted but not offered");
    }
    expected.assert_eq(&render(&result, id));
}

#[test]
fn log_hours_pays_on_the_wednesday_the_week_becomes_available() {
    check(
        "h1",
        Action::LogHours {
            week_of: date("2026-11-18"),
            hours_hundredths: 1250,
        },
        expect![[r#"
            payments: [{"amount":400.0,"date":"2026-06-17"},{"amount":500.0,"date":"2026-12-02"}]
            milestones: []
            end: null
            feedback: null"#]],
    );
}

#[test]
fn log_hours_refusals() {
    let log = |week: &str, hours_hundredths| Action::LogHours {
        week_of: date(week),
        hours_hundredths,
    };
    check(
        "h1",
        log("2026-11-23", 2001),
        expect!["refused: hours must be more than 0 and at most 20 in a week"],
    );
    check(
        "h1",
        log("2026-11-23", 0),
        expect!["refused: hours must be more than 0 and at most 20 in a week"],
    );
    check(
        "h1",
        log("2026-11-30", 100),
        expect!["refused: the week of Mon 30 Nov 2026 has not started yet"],
    );
    check(
        "h1",
        log("2026-05-24", 100),
        expect!["refused: the week of Mon 18 May 2026 ends before the contract started"],
    );
    check(
        "f1",
        log("2026-11-23", 100),
        expect!["refused: only hourly contracts log hours"],
    );
    check(
        "e2",
        log("2025-05-05", 100),
        expect!["refused: the contract ended on 2025-06-01"],
    );
    check(
        "nope",
        log("2026-11-23", 100),
        expect!["refused: there is no contract nope"],
    );
}

#[test]
fn a_week_is_logged_once() {
    let log = |week: &str, hours_hundredths| Action::LogHours {
        week_of: date(week),
        hours_hundredths,
    };
    // Any day of an already logged week is refused, naming the payment to change instead.
    check_after(
        &[log("2026-11-16", 1000)],
        "h1",
        log("2026-11-22", 250),
        expect!["refused: the week of Mon 16 Nov 2026 is already logged: $400.00 paid on Wed 2 Dec 2026. Change that payment with “Edit the facts”."],
    );
    // A payment already in the facts (the base's 17 June pay) counts as that week's log.
    check(
        "h1",
        log("2026-06-03", 100),
        expect!["refused: the week of Mon 1 Jun 2026 is already logged: $400.00 paid on Wed 17 Jun 2026. Change that payment with “Edit the facts”."],
    );
    // The next week is still open.
    check_after(
        &[log("2026-11-16", 1000)],
        "h1",
        log("2026-11-23", 250),
        expect![[r#"
            payments: [{"amount":400.0,"date":"2026-06-17"},{"amount":400.0,"date":"2026-12-02"},{"amount":100.0,"date":"2026-12-09"}]
            milestones: []
            end: null
            feedback: null"#]],
    );
}

#[test]
fn end_with_a_reason() {
    check(
        "h1",
        Action::End {
            by: Party::Freelancer,
            reason: EndReason::ClientUnresponsive,
        },
        expect![[r#"
            payments: [{"amount":400.0,"date":"2026-06-17"}]
            milestones: []
            end: {"by":"freelancer","date":"2026-11-27","reason":"client_unresponsive"}
            feedback: null"#]],
    );
    check(
        "s1",
        Action::End {
            by: Party::Client,
            reason: EndReason::Other,
        },
        expect!["refused: the contract starts on 2027-01-04; nothing can happen on it before then"],
    );
}

#[test]
fn feedback_only_after_the_end_and_within_the_window() {
    let stars = |h| Action::LeaveFeedback {
        stars: Stars::from_hundredths(h).unwrap_or_else(|| panic!("stars {h}")),
    };
    check(
        "e1",
        stars(485),
        expect![[r#"
            payments: [{"amount":300.0,"date":"2026-11-22"}]
            milestones: []
            end: {"by":"client","date":"2026-11-22","reason":"completed"}
            feedback: {"date":"2026-11-27","stars":4.85}"#]],
    );
    check(
        "h1",
        stars(500),
        expect!["refused: the contract is still open; feedback comes after it ends"],
    );
    check(
        "e2",
        stars(500),
        expect!["refused: the feedback window closed on 2025-06-15"],
    );
}

#[test]
fn milestone_lifecycle() {
    check(
        "f1",
        Action::Release { milestone: m("m1") },
        expect![[r#"
            payments: [{"amount":800.0,"date":"2026-11-27"}]
            milestones: [{"amount":800.0,"due":"2026-11-23","funded":"2026-10-26","id":"m1","refunded":null,"released":"2026-11-27","submitted":"2026-11-20"},{"amount":20.0,"due":null,"funded":null,"id":"m2","refunded":null,"released":null,"submitted":null},{"amount":8.0,"due":null,"funded":"2026-11-01","id":"m3","refunded":null,"released":null,"submitted":null}]
            end: null
            feedback: null"#]],
    );
    check(
        "f1",
        Action::ReleasePart {
            milestone: m("m1"),
            amount: Money::from_cents(30_000),
        },
        expect![[r#"
            payments: [{"amount":300.0,"date":"2026-11-27"}]
            milestones: [{"amount":300.0,"due":"2026-11-23","funded":"2026-10-26","id":"m1","refunded":null,"released":"2026-11-27","submitted":"2026-11-20"},{"amount":500.0,"due":"2026-11-23","funded":"2026-10-26","id":"m1-rest","refunded":null,"released":null,"submitted":null},{"amount":20.0,"due":null,"funded":null,"id":"m2","refunded":null,"released":null,"submitted":null},{"amount":8.0,"due":null,"funded":"2026-11-01","id":"m3","refunded":null,"released":null,"submitted":null}]
            end: null
            feedback: null"#]],
    );
    check(
        "f1",
        Action::RequestChanges { milestone: m("m1") },
        expect![[r#"
            payments: []
            milestones: [{"amount":800.0,"due":"2026-11-23","funded":"2026-10-26","id":"m1","refunded":null,"released":null,"submitted":null},{"amount":20.0,"due":null,"funded":null,"id":"m2","refunded":null,"released":null,"submitted":null},{"amount":8.0,"due":null,"funded":"2026-11-01","id":"m3","refunded":null,"released":null,"submitted":null}]
            end: null
            feedback: null"#]],
    );
    check(
        "f1",
        Action::Refund { milestone: m("m3") },
        expect![[r#"
            payments: []
            milestones: [{"amount":800.0,"due":"2026-11-23","funded":"2026-10-26","id":"m1","refunded":null,"released":null,"submitted":"2026-11-20"},{"amount":20.0,"due":null,"funded":null,"id":"m2","refunded":null,"released":null,"submitted":null},{"amount":8.0,"due":null,"funded":"2026-11-01","id":"m3","refunded":"2026-11-27","released":null,"submitted":null}]
            end: null
            feedback: null"#]],
    );
    check(
        "f1",
        Action::Fund { milestone: m("m2") },
        expect![[r#"
            payments: []
            milestones: [{"amount":800.0,"due":"2026-11-23","funded":"2026-10-26","id":"m1","refunded":null,"released":null,"submitted":"2026-11-20"},{"amount":20.0,"due":null,"funded":"2026-11-27","id":"m2","refunded":null,"released":null,"submitted":null},{"amount":8.0,"due":null,"funded":"2026-11-01","id":"m3","refunded":null,"released":null,"submitted":null}]
            end: null
            feedback: null"#]],
    );
    check(
        "f1",
        Action::Submit { milestone: m("m3") },
        expect![[r#"
            payments: []
            milestones: [{"amount":800.0,"due":"2026-11-23","funded":"2026-10-26","id":"m1","refunded":null,"released":null,"submitted":"2026-11-20"},{"amount":20.0,"due":null,"funded":null,"id":"m2","refunded":null,"released":null,"submitted":null},{"amount":8.0,"due":null,"funded":"2026-11-01","id":"m3","refunded":null,"released":null,"submitted":"2026-11-27"}]
            end: null
            feedback: null"#]],
    );
    check(
        "f1",
        Action::AddMilestone {
            amount: Money::from_cents(12_345),
            due: Some(date("2026-12-20")),
        },
        expect![[r#"
            payments: []
            milestones: [{"amount":800.0,"due":"2026-11-23","funded":"2026-10-26","id":"m1","refunded":null,"released":null,"submitted":"2026-11-20"},{"amount":20.0,"due":null,"funded":null,"id":"m2","refunded":null,"released":null,"submitted":null},{"amount":8.0,"due":null,"funded":"2026-11-01","id":"m3","refunded":null,"released":null,"submitted":null},{"amount":123.45,"due":"2026-12-20","funded":null,"id":"m4","refunded":null,"released":null,"submitted":null}]
            end: null
            feedback: null"#]],
    );
}

#[test]
fn milestone_refusals() {
    check(
        "f1",
        Action::Fund { milestone: m("m1") },
        expect!["refused: milestone m1 is already funded"],
    );
    check(
        "f1",
        Action::Release { milestone: m("m2") },
        expect!["refused: milestone m2 is not funded yet"],
    );
    check(
        "f1",
        Action::RequestChanges { milestone: m("m3") },
        expect!["refused: milestone m3 has not been submitted"],
    );
    check(
        "f1",
        Action::ReleasePart {
            milestone: m("m3"),
            amount: Money::from_cents(500),
        },
        expect!["refused: milestone m3 is too small to split: both parts must be at least $5.00"],
    );
    check(
        "f1",
        Action::ReleasePart {
            milestone: m("m1"),
            amount: Money::from_cents(79_600),
        },
        expect!["refused: the part released must be from $5.00 to $795.00, leaving at least $5.00"],
    );
    check(
        "f1",
        Action::AddMilestone {
            amount: Money::from_cents(499),
            due: None,
        },
        expect!["refused: a milestone must be at least $5.00"],
    );
    check(
        "f1",
        Action::AddMilestone {
            amount: Money::from_cents(1000),
            due: Some(date("2026-01-01")),
        },
        expect!["refused: the result would not be a valid scenario: contracts[1].milestones[3].due: is before the contract's start (2026-10-26)"],
    );
    check(
        "f1",
        Action::Submit { milestone: m("m9") },
        expect!["refused: the contract has no milestone m9"],
    );
    check(
        "h1",
        Action::Fund { milestone: m("m1") },
        expect!["refused: only fixed-price contracts have milestones"],
    );
}

#[test]
fn actions_offered_per_state() {
    let s = base();
    let today = date(TODAY);
    let offered = |id: &str| format!("{:?}", allowed_actions(&s, id, today));
    expect!["[LogHours, End]"].assert_eq(&offered("h1"));
    expect![[r#"[End, AddMilestone, Submit("m1"), Release("m1"), ReleasePart("m1"), RequestChanges("m1"), Refund("m1"), Fund("m2"), Submit("m3"), Release("m3"), Refund("m3")]"#]]
        .assert_eq(&offered("f1"));
    expect!["[LeaveFeedback]"].assert_eq(&offered("e1"));
    expect!["[]"].assert_eq(&offered("e2"));
    expect!["[]"].assert_eq(&offered("s1"));
    expect!["[]"].assert_eq(&offered("nope"));
}

/// Values for an offered action, drawn from the generator's numbers.
fn action_for(kind: &ActionKind, today: NaiveDate, n: u32) -> Action {
    let milestone = || kind.milestone().unwrap_or_default().to_string();
    match kind {
        ActionKind::LogHours => Action::LogHours {
            week_of: today
                .checked_sub_days(Days::new(u64::from(n % 60)))
                .unwrap_or(today),
            hours_hundredths: n % 2500,
        },
        ActionKind::End => Action::End {
            by: [Party::Client, Party::Freelancer, Party::Platform][n as usize % 3],
            reason: [
                EndReason::Completed,
                EndReason::NotCompleted,
                EndReason::ClientUnresponsive,
                EndReason::Other,
            ][n as usize % 4],
        },
        ActionKind::LeaveFeedback => Action::LeaveFeedback {
            stars: Stars::from_hundredths(100 + (n % 401) as u16)
                .unwrap_or_else(|| panic!("stars")),
        },
        ActionKind::AddMilestone => Action::AddMilestone {
            amount: Money::from_cents(i64::from(n % 200_000)),
            due: today.checked_add_days(Days::new(u64::from(n % 40))),
        },
        ActionKind::Fund(_) => Action::Fund {
            milestone: milestone(),
        },
        ActionKind::Submit(_) => Action::Submit {
            milestone: milestone(),
        },
        ActionKind::Release(_) => Action::Release {
            milestone: milestone(),
        },
        ActionKind::ReleasePart(_) => Action::ReleasePart {
            milestone: milestone(),
            amount: Money::from_cents(i64::from(n % 100_000)),
        },
        ActionKind::RequestChanges(_) => Action::RequestChanges {
            milestone: milestone(),
        },
        ActionKind::Refund(_) => Action::Refund {
            milestone: milestone(),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Walks the base scenario and the demo day by day, applying offered actions with random
    /// values: nothing panics, and every accepted result exports to a file that parses back to
    /// the same scenario.
    #[test]
    fn offered_actions_keep_the_scenario_valid(
        demo in any::<bool>(),
        steps in prop::collection::vec((0usize..32, 0usize..32, 0u32..1_000_000, 0u64..5), 1..40),
    ) {
        let mut today = date(TODAY);
        let mut scenario = if demo {
            jss_engine::demo::vanished_clients(today).unwrap_or_else(|ps| panic!("{ps:?}"))
        } else {
            base()
        };
        for (pick_contract, pick_action, n, days) in steps {
            today = today.checked_add_days(Days::new(days)).unwrap_or(today);
            let id = scenario.contracts[pick_contract % scenario.contracts.len()].id.clone();
            let offered = allowed_actions(&scenario, &id, today);
            if offered.is_empty() {
                continue;
            }
            let action = action_for(&offered[pick_action % offered.len()], today, n);
            if let Ok(next) = apply(&scenario, &id, action, today) {
                let reparsed = parse_str(&to_json_string(&next));
                prop_assert_eq!(reparsed.as_ref(), Ok(&next));
                scenario = next;
            }
        }
    }

    /// Any action, offered or not, on any contract id: a result or a refusal, never a panic.
    #[test]
    fn any_action_never_panics(
        pick_contract in 0usize..8,
        kind_index in 0usize..10,
        milestone in "m[0-9]",
        n in any::<u32>(),
        days in 0u64..800,
    ) {
        let scenario = base();
        let today = date("2025-12-01").checked_add_days(Days::new(days)).unwrap_or_default();
        let ids = ["h1", "f1", "e1", "e2", "s1", "x", "", "m1"];
        let kinds = [
            ActionKind::LogHours, ActionKind::End, ActionKind::LeaveFeedback,
            ActionKind::AddMilestone, ActionKind::Fund(milestone.clone()),
            ActionKind::Submit(milestone.clone()), ActionKind::Release(milestone.clone()),
            ActionKind::ReleasePart(milestone.clone()), ActionKind::RequestChanges(milestone.clone()),
            ActionKind::Refund(milestone),
        ];
        let action = action_for(&kinds[kind_index], today, n);
        if let Ok(next) = apply(&scenario, ids[pick_contract], action, today) {
            prop_assert!(parse_str(&to_json_string(&next)).is_ok());
        }
    }
}
