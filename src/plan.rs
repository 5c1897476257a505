//! The chosen strategy as a dated plan the user can act on: what to do when, what to tell the
//! client, and the same steps as calendar reminders (.ics).

use chrono::{Days, NaiveDate};
use jss_engine::simulate::{Action, CloseReason, Strategy};

#[derive(Clone, Debug, PartialEq)]
pub struct PlanStep {
    /// `None` when the date depends on something that has not happened yet.
    pub date: Option<NaiveDate>,
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

fn end_message(contract: &str) -> String {
    format!(
        "Hi, I haven't heard from you on {contract} for a while, so I'm closing the contract to keep things tidy. Thank you for the work together, and I'd be glad to help again whenever you need."
    )
}

fn end_step(date: Option<NaiveDate>, contract: &str, reason: CloseReason) -> PlanStep {
    PlanStep {
        date,
        contract: contract.to_string(),
        what: format!("End {contract} (reason: {})", reason_words(reason)),
        message: Some(end_message(contract)),
    }
}

/// The steps of a strategy starting at `at`, in date order (undated steps last).
pub fn plan_steps(strategy: &Strategy, at: NaiveDate) -> Vec<PlanStep> {
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
                step.what = format!("{} the day after {after}'s feedback arrives", step.what);
                steps.push(step);
            }
            Action::LeaveOpen { contract } => steps.push(PlanStep {
                date: None,
                contract: contract.clone(),
                what: format!("Leave {contract} open; nothing to do"),
                message: None,
            }),
            Action::AskClientToClose { contract, on } => steps.push(PlanStep {
                date: Some(on.unwrap_or(at)),
                contract: contract.clone(),
                what: format!("Ask the client to close {contract}"),
                message: Some(format!(
                    "Hi, the work on {contract} is finished on my side. Could you close the contract when you have a moment? Thank you!"
                )),
            }),
            Action::SubmitThenEnd { contract, reason } => {
                steps.push(PlanStep {
                    date: Some(at),
                    contract: contract.clone(),
                    what: format!("Submit the funded milestones of {contract} for review"),
                    message: Some(format!(
                        "Hi, I've submitted the work on {contract} for your review. If I don't hear back, it is released automatically after 14 days."
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
