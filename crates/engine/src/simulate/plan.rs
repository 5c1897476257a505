//! The chosen strategy as a dated plan the person can act on: what to do when, what to tell the
//! client, and the same steps as calendar reminders (.ics). Contracts are named by their titles,
//! in the steps and in the messages, since that is how the client knows them too.

use chrono::{Days, NaiveDate};

use crate::rules::Params;
use crate::scenario::Scenario;
use crate::simulate::{Action, CloseReason, Strategy};

#[derive(Clone, Debug, PartialEq)]
pub struct PlanStep {
    /// `None` when the date depends on something that has not happened yet.
    pub date: Option<NaiveDate>,
    /// The contract's id (for calendar entries' ids, never shown).
    pub contract: String,
    pub what: String,
    /// A suggested message to the client, when the step involves one.
    pub message: Option<String>,
}

fn reason_words(reason: CloseReason) -> &'static str {
    match reason {
        CloseReason::Completed => "completed",
        CloseReason::NotCompleted => "job not completed",
        CloseReason::ClientUnresponsive => "client unresponsive",
        CloseReason::Other => "other",
    }
}

/// A contract's title for a message to its client: the title without quotes, or "our contract".
fn in_message(scenario: &Scenario, contract: &str) -> String {
    scenario
        .contracts
        .iter()
        .find(|c| c.id == contract)
        .and_then(|c| c.title.as_deref())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| "our contract".to_owned(), |t| format!("“{t}”"))
}

/// The steps of a strategy starting at `at`, in date order (undated steps last).
pub fn plan_steps(strategy: &Strategy, scenario: &Scenario, at: NaiveDate) -> Vec<PlanStep> {
    let name = |contract: &str| scenario.contract_name(contract);
    let end_step = |date: Option<NaiveDate>, contract: &str, reason: CloseReason| {
        PlanStep {
        date,
        contract: contract.to_string(),
        what: format!("End {} (reason: {})", name(contract), reason_words(reason)),
        message: Some(format!(
            "Hi, I haven't heard from you on {} for a while, so I'm closing the contract to keep things tidy. Thank you for the work together, and I'd be glad to help again whenever you need.",
            in_message(scenario, contract)
        )),
    }
    };
    let review_days = Params::resolve(&scenario.rules).fp_review_days;
    let mut steps = Vec::new();
    for action in &strategy.actions {
        match action {
            Action::EndNow { contract, reason } => steps.push(end_step(Some(at), contract, *reason)),
            Action::EndOn { contract, date, reason } => {
                steps.push(end_step(Some(*date), contract, *reason));
            }
            Action::Stagger { contracts, every_days, first, reason } => {
                let start = first.unwrap_or(at);
                for (i, contract) in contracts.iter().enumerate() {
                    let offset = u64::from(*every_days) * i as u64;
                    let date = start.checked_add_days(Days::new(offset));
                    steps.push(end_step(date, contract, *reason));
                }
            }
            Action::EndAfterFeedback { contract, after, reason } => {
                let mut step = end_step(None, contract, *reason);
                let after = strategy
                    .planned_work
                    .iter()
                    .find(|j| j.id == *after)
                    .map_or_else(|| name(after), |j| format!("your next job ({})", j.id));
                step.what = format!("{} the day after {after}'s feedback arrives", step.what);
                steps.push(step);
            }
            Action::LeaveOpen { contract } => steps.push(PlanStep {
                date: None,
                contract: contract.clone(),
                what: format!("Leave {} open; nothing to do", name(contract)),
                message: None,
            }),
            Action::AskClientToClose { contract, on } => steps.push(PlanStep {
                date: Some(on.unwrap_or(at)),
                contract: contract.clone(),
                what: format!("Ask the client to close {}", name(contract)),
                message: Some(format!(
                    "Hi, the work on {} is finished on my side. Could you close the contract when you have a moment? Thank you!",
                    in_message(scenario, contract)
                )),
            }),
            Action::SubmitThenEnd { contract, reason } => {
                steps.push(PlanStep {
                    date: Some(at),
                    contract: contract.clone(),
                    what: format!("Submit the funded milestones of {} for review", name(contract)),
                    message: Some(format!(
                        "Hi, I've submitted the work on {} for your review. If I don't hear back, it is released automatically after {review_days} days.",
                        in_message(scenario, contract)
                    )),
                });
                let mut step = end_step(None, contract, *reason);
                step.what = format!("{} the day after the last milestone is released", step.what);
                steps.push(step);
            }
        }
    }
    steps.sort_by_key(|s| (s.date.is_none(), s.date));
    steps
}

/// The plan as plain text, for copying.
pub fn plan_text(name: &str, steps: &[PlanStep]) -> String {
    let mut out = format!("JSS Lab plan: {name}\n");
    for s in steps {
        let when = s.date.map_or("Later".to_string(), crate::format::date);
        out.push_str(&format!("- {when}: {}\n", s.what));
        if let Some(m) = &s.message {
            out.push_str(&format!("  Message: {m}\n"));
        }
    }
    out
}

/// Escapes text for an iCalendar value (RFC 5545 §3.3.11).
fn ics_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, as RFC 5545 §3.1 asks, without splitting a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += len;
    }
    out.push_str("\r\n");
    out
}

/// All-day reminders for every dated step. `stamp` is the creation date (DTSTAMP).
pub fn to_ics(name: &str, steps: &[PlanStep], stamp: NaiveDate) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//JSS Lab//Closing plan//EN",
        "CALSCALE:GREGORIAN",
    ] {
        out.push_str(&fold(line));
    }
    for (i, s) in steps.iter().enumerate() {
        let Some(date) = s.date else { continue };
        let day = date.format("%Y%m%d");
        let next = date.succ_opt().unwrap_or(date).format("%Y%m%d");
        let description = match &s.message {
            Some(m) => format!("{name}. Message to the client: {m}"),
            None => name.to_string(),
        };
        for line in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{day}-{i}-{}@jss-lab.local", s.contract),
            format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d")),
            format!("DTSTART;VALUE=DATE:{day}"),
            format!("DTEND;VALUE=DATE:{next}"),
            format!("SUMMARY:{}", ics_escape(&s.what)),
            format!("DESCRIPTION:{}", ics_escape(&description)),
            "END:VEVENT".to_string(),
        ] {
            out.push_str(&fold(&line));
        }
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::vanished_clients;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    /// One check for the plan: a strategy as data → the dated steps, as `date: what` lines.
    fn check(actions: serde_json::Value, expected: &[&str]) -> Vec<PlanStep> {
        let strategy: Strategy = serde_json::from_value(serde_json::json!({
            "name": "test", "description": "", "actions": actions, "planned_work": []
        }))
        .expect("a strategy");
        let scenario = vanished_clients(date("2026-11-27")).expect("demo");
        let steps = plan_steps(&strategy, &scenario, date("2026-11-27"));
        let got: Vec<String> = steps
            .iter()
            .map(|s| {
                format!(
                    "{}: {}",
                    s.date.map_or("later".to_string(), |d| d.to_string()),
                    s.what
                )
            })
            .collect();
        assert_eq!(got, expected);
        steps
    }

    #[test]
    fn plans_date_every_step_and_name_contracts_by_title() {
        let steps = check(
            serde_json::json!([{ "kind": "stagger", "contracts": ["k16", "k17"], "every_days": 14, "reason": "not_completed" }]),
            &[
                "2026-11-27: End “Inventory dashboard” (reason: job not completed)",
                "2026-12-11: End “API integration” (reason: job not completed)",
            ],
        );
        let message = steps[0].message.as_deref().unwrap_or_default();
        assert!(
            message.contains("on “Inventory dashboard” for a while"),
            "{message}"
        );
        check(
            serde_json::json!([
                { "kind": "leave_open", "contract": "k18" },
                { "kind": "end_now", "contract": "k16" }
            ]),
            &[
                "2026-11-27: End “Inventory dashboard” (reason: client unresponsive)",
                "later: Leave “Analytics report templates” open; nothing to do",
            ],
        );
        let steps = check(
            serde_json::json!([{ "kind": "submit_then_end", "contract": "k18" }]),
            &[
                "2026-11-27: Submit the funded milestones of “Analytics report templates” for review",
                "later: End “Analytics report templates” (reason: client unresponsive) the day after the last milestone is released",
            ],
        );
        // The review period in the message is the rule's parameter, not a number of its own.
        assert!(steps[0]
            .message
            .as_deref()
            .unwrap_or_default()
            .contains("after 14 days"));
    }

    #[test]
    fn ics_has_one_all_day_event_per_dated_step_with_escaped_folded_lines() {
        let strategy: Strategy = serde_json::from_value(serde_json::json!({
            "name": "Stagger, carefully", "description": "",
            "actions": [
                { "kind": "stagger", "contracts": ["k16", "k17"], "every_days": 14 },
                { "kind": "leave_open", "contract": "k18" }
            ],
            "planned_work": []
        }))
        .expect("a strategy");
        let scenario = vanished_clients(date("2026-11-27")).expect("demo");
        let steps = plan_steps(&strategy, &scenario, date("2026-11-27"));
        let ics = to_ics(&strategy.name, &steps, date("2026-11-27"));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(
            ics.matches("BEGIN:VEVENT").count(),
            2,
            "the undated step has no event"
        );
        assert!(ics.contains("DTSTART;VALUE=DATE:20261211\r\n"));
        assert!(ics.contains("Stagger\\, carefully"));
        assert!(
            ics.split("\r\n").all(|l| l.len() <= 75),
            "every line folded at 75 octets"
        );
    }
}
