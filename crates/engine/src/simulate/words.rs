//! Plain words for the simulator's answers: natural frequencies ("about 95 in 100") instead of
//! percentages with decimals, and strategies as the things a person would do ("End “Inventory
//! dashboard” now"), naming contracts by their titles.
//!
//! Frequencies are rounded to the nearest 5 between 2.5 and 97.5 in 100: a simulation of ten
//! thousand futures moves by a point or so from one seed to the next, and a sentence that
//! changes with the seed would read as if the advice had changed. Nearer the ends the nearest
//! whole number is kept, because "98 in 100" and "95 in 100" are different risks.

use chrono::NaiveDate;

use crate::format::date;
use crate::jss::outcome::add_days;
use crate::scenario::names::join_and;
use crate::scenario::Scenario;
use crate::simulate::model::{Action, Strategy};
use crate::simulate::presets::Preset;

/// A share of futures as a whole number out of 100, rounded as the module says; `None` at the
/// exact ends (0 and 1), which sentences say as "none" and "every".
pub fn round_in_100(share: f64) -> Option<u32> {
    let pct = (share * 100.0).clamp(0.0, 100.0);
    if share <= 0.0 || share >= 1.0 {
        return None;
    }
    let rounded = if (2.5..97.5).contains(&pct) {
        (pct / 5.0).round() * 5.0
    } else {
        pct.round()
    };
    Some((rounded as u32).clamp(1, 99))
}

/// "in about 95 of 100 simulated futures", "in every simulated future", ….
pub fn futures(share: f64) -> String {
    match round_in_100(share) {
        None if share <= 0.0 => "in none of the simulated futures".to_owned(),
        None => "in every simulated future".to_owned(),
        Some(n) if share < 0.01 => format!("in fewer than {n} of 100 simulated futures"),
        Some(n) if share > 0.99 => format!("in more than {} of 100 simulated futures", n.min(99)),
        Some(n) => format!("in about {n} of 100 simulated futures"),
    }
}

/// "about 95 in 100" for a table or a short line; "none" and "all" at the ends.
pub fn in_100(share: f64) -> String {
    match round_in_100(share) {
        None if share <= 0.0 => "none".to_owned(),
        None => "all".to_owned(),
        Some(n) if share < 0.01 => format!("fewer than {n} in 100"),
        Some(n) => format!("about {n} in 100"),
    }
}

/// A strategy as a short noun phrase for lists and ties ("ending them now"). Presets have
/// their own; a composed strategy is named by its name.
pub fn gerund(strategy: &Strategy, count: usize) -> String {
    let them = if count == 1 { "it" } else { "them" };
    let all = match count {
        1 => "it",
        2 => "both",
        _ => "them all",
    };
    match Preset::parse(&strategy.name) {
        Some(Preset::CloseAllNow) => format!("ending {all} now"),
        Some(Preset::Stagger14) => {
            if count == 1 {
                "ending it now (staggering)".to_owned()
            } else {
                "ending them 14 days apart".to_owned()
            }
        }
        Some(Preset::PairWithFiveStar) => format!("ending {them} after your next 5★ job"),
        Some(Preset::LeaveOpen) => format!("leaving {all} open"),
        Some(Preset::LetGoDormant) => "letting the fixed-price work go dormant".to_owned(),
        Some(Preset::AskClientsToClose) => {
            if count == 1 {
                "asking the client to close it".to_owned()
            } else {
                "asking the clients to close them".to_owned()
            }
        }
        None => format!("your strategy “{}”", strategy.name),
    }
}

/// "ending both now, or ending them 14 days apart": alternatives a person may pick from.
pub fn gerunds(strategies: &[&Strategy], count: usize) -> String {
    let phrases: Vec<String> = strategies.iter().map(|s| gerund(s, count)).collect();
    match phrases.as_slice() {
        [init @ .., last] if !init.is_empty() => format!("{}, or {last}", init.join(", ")),
        _ => phrases.concat(),
    }
}

/// What one action does to one contract, for grouping: contracts that get the same
/// instruction are named together ("Leave “A” and “B” open").
#[derive(Clone, PartialEq)]
enum Step {
    EndNow,
    EndLater(NaiveDate),
    EndOn(NaiveDate),
    EndAfter(String),
    LeaveOpen,
    Ask(Option<NaiveDate>),
    SubmitThenEnd,
}

/// What the strategy has the freelancer do, as an instruction naming contracts by title:
/// "End “Inventory dashboard” and “API integration” now".
pub fn instruction(strategy: &Strategy, scenario: &Scenario, at: NaiveDate) -> String {
    let mut steps: Vec<(Step, String)> = Vec::new();
    for action in &strategy.actions {
        match action {
            Action::EndNow { contract, .. } => steps.push((Step::EndNow, contract.clone())),
            Action::EndOn {
                contract, date: on, ..
            } => {
                let step = if *on == at {
                    Step::EndNow
                } else {
                    Step::EndOn(*on)
                };
                steps.push((step, contract.clone()));
            }
            Action::Stagger {
                contracts,
                every_days,
                first,
                ..
            } => {
                let first = first.unwrap_or(at);
                for (k, contract) in contracts.iter().enumerate() {
                    let offset = i64::from(*every_days) * k as i64;
                    let on = add_days(first, offset).unwrap_or(first);
                    let step = if on == at {
                        Step::EndNow
                    } else {
                        Step::EndLater(on)
                    };
                    steps.push((step, contract.clone()));
                }
            }
            Action::EndAfterFeedback {
                contract, after, ..
            } => steps.push((Step::EndAfter(after.clone()), contract.clone())),
            Action::LeaveOpen { contract } => steps.push((Step::LeaveOpen, contract.clone())),
            Action::AskClientToClose { contract, on } => {
                let on = on.filter(|d| *d != at);
                steps.push((Step::Ask(on), contract.clone()));
            }
            Action::SubmitThenEnd { contract, .. } => {
                steps.push((Step::SubmitThenEnd, contract.clone()))
            }
        }
    }
    // Group contracts by step, in the order each step first appears.
    let mut groups: Vec<(Step, Vec<String>)> = Vec::new();
    for (step, contract) in steps {
        let name = scenario.contract_name(&contract);
        match groups.iter_mut().find(|(s, _)| *s == step) {
            Some((_, names)) => names.push(name),
            None => groups.push((step, vec![name])),
        }
    }
    let later: Vec<String> = groups
        .iter()
        .filter_map(|(step, names)| match step {
            Step::EndLater(on) => Some(format!("{} on {}", join_and(names), date(*on))),
            _ => None,
        })
        .collect();
    let mut clauses = Vec::new();
    for (step, names) in &groups {
        let several = names.len() > 1;
        let list = join_and(names);
        let clause = match step {
            Step::EndNow if later.is_empty() => format!("end {list} now"),
            Step::EndNow => format!("end {list} now, then {}", join_and(&later)),
            Step::EndLater(_) => continue,
            Step::EndOn(on) => format!("end {list} on {}", date(*on)),
            Step::EndAfter(after) => format!(
                "end {list} the day after {}",
                feedback_of(strategy, scenario, after)
            ),
            Step::LeaveOpen => format!("leave {list} open"),
            Step::Ask(on) => {
                let (clients, them) = if several {
                    ("clients", "them")
                } else {
                    ("client", "it")
                };
                match on {
                    Some(on) => format!(
                        "on {} ask the {clients} of {list} to close {them}",
                        date(*on)
                    ),
                    None => format!("ask the {clients} of {list} to close {them}"),
                }
            }
            Step::SubmitThenEnd => format!(
                "submit the funded work on {list} and end {} once it is released",
                if several { "each" } else { "it" }
            ),
        };
        clauses.push(clause);
    }
    if clauses.is_empty() {
        // A stagger that starts later has no "now" to hang its dates on.
        if !later.is_empty() {
            return capitalise(&format!("end {}", join_and(&later)));
        }
        return capitalise(&strategy.description);
    }
    capitalise(&join_and(&clauses))
}

/// "your next 5★ job's feedback (expected about Sat 9 Jan 2027)" or "“Logo pack”'s feedback".
fn feedback_of(strategy: &Strategy, scenario: &Scenario, after: &str) -> String {
    if let Some(job) = strategy.planned_work.iter().find(|j| j.id == after) {
        let days = i64::from(job.duration_days) + i64::from(job.feedback_delay_days.midpoint());
        let expected = add_days(job.start, days).unwrap_or(job.start);
        return format!(
            "your next job's feedback (a ${} job, expected about {})",
            job.value_cents / 100,
            date(expected)
        );
    }
    format!("{}'s feedback", scenario.contract_name(after))
}

pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(share: f64, expected: &str) {
        assert_eq!(futures(share), expected, "share {share}");
    }

    #[test]
    fn frequencies_round_so_a_seed_does_not_change_the_sentence() {
        check(0.0, "in none of the simulated futures");
        check(0.004, "in fewer than 1 of 100 simulated futures");
        check(0.018, "in about 2 of 100 simulated futures");
        check(0.031, "in about 5 of 100 simulated futures");
        check(0.9541, "in about 95 of 100 simulated futures");
        check(0.9603, "in about 95 of 100 simulated futures");
        check(0.974, "in about 95 of 100 simulated futures");
        check(0.981, "in about 98 of 100 simulated futures");
        check(0.996, "in more than 99 of 100 simulated futures");
        check(1.0, "in every simulated future");
    }
}
