//! Custom strategies, planned future work and per-contract client behaviour as the simulator
//! page's forms describe them, turned into the engine's [`Strategy`], [`PlannedWork`] and
//! [`ClientBehaviour`].
//!
//! These are the user's saved inputs, so they stay close to what the user chose: "end after 6
//! weeks" is kept as weeks (it means six weeks from whenever the simulation starts), and planned
//! work is kept as "3 jobs of $500, one every 2 weeks". Validation collects every problem in
//! plain words, so a form can show them all next to the controls at once.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::format::date;
use crate::jss::outcome::add_days;
use crate::money::MAX_AMOUNT_CENTS;
use crate::simulate::model::{
    Action, BehaviourPreset, ClientBehaviour, CloseReason, PlannedWork, StarDistribution, Strategy,
    PPM,
};

/// The furthest "end after N weeks" reaches: the longest horizon.
pub const MAX_WEEKS: u32 = 104;
/// The most jobs one line of planned work may hold.
pub const MAX_PLANNED_COUNT: u32 = 50;
/// The longest gap between two planned jobs' starts, and the longest planned job.
pub const MAX_PLANNED_DAYS: u32 = 365;

/// When (and whether) a custom strategy ends one contract. Saved externally tagged (`"now"`,
/// `{"after_weeks": {"weeks": 6}}`): an internally tagged enum costs the browser bundle several
/// kilobytes of buffering code per type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepWhen {
    /// The freelancer ends it on the simulation's start date.
    Now,
    /// The freelancer ends it on this date.
    OnDate { date: NaiveDate },
    /// The freelancer ends it this many weeks after the start date.
    AfterWeeks { weeks: u32 },
    /// The freelancer ends it the day after another contract's (or planned job's) feedback is
    /// expected, so a good review lands alongside.
    AfterFeedback { after: String },
    /// Nobody acts; escrow timers still run.
    LeaveOpen,
    /// The freelancer asks the client to close it on the start date.
    AskClient,
}

impl StepWhen {
    /// Whether the contract ends (or may end) under this step, so another step can pair with it.
    fn ends(&self) -> bool {
        !matches!(self, StepWhen::LeaveOpen)
    }
}

/// One contract's step in a custom strategy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomStep {
    pub contract: String,
    pub when: StepWhen,
    #[serde(default)]
    pub reason: CloseReason,
}

/// A strategy the user composed: a name and one step per contract it decides about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomStrategy {
    pub name: String,
    pub steps: Vec<CustomStep>,
}

/// The facts a custom strategy is checked against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomContext {
    /// The simulation's start date (today in the app).
    pub at: NaiveDate,
    /// The contracts open on `at`.
    pub open: Vec<String>,
    /// Names already in use (the presets and the other custom strategies).
    pub taken_names: Vec<String>,
    /// The planned jobs' ids a step may pair with.
    pub planned_ids: Vec<String>,
    /// Contract id → how sentences name it (“Title”); an id not here is named by itself.
    pub names: std::collections::BTreeMap<String, String>,
}

impl CustomContext {
    /// How sentences name the contract (or planned job) `id`.
    pub fn name(&self, id: &str) -> String {
        self.names.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }
}

/// What is wrong with a form's input, in words meant for the person filling it in.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormProblem {
    #[error("Give the strategy a name.")]
    NoName,
    #[error("There is already a strategy called “{0}”; pick another name.")]
    NameTaken(String),
    #[error("Choose what to do with at least one contract.")]
    NoSteps,
    #[error("{0} has more than one step; keep one.")]
    Twice(String),
    #[error("{0} is not an open contract any more.")]
    NotOpen(String),
    #[error("The date for {contract} ({}) is before today ({}).", crate::format::date(*.date), crate::format::date(*.today))]
    DateBeforeToday {
        contract: String,
        date: NaiveDate,
        today: NaiveDate,
    },
    #[error("{contract}: the number of weeks must be 0 to {MAX_WEEKS}.")]
    Weeks { contract: String },
    #[error("{0} cannot wait for its own feedback.")]
    OwnFeedback(String),
    #[error("{contract} waits for the feedback of {after}, which does not end in this strategy.")]
    PairingTarget { contract: String, after: String },
    #[error("The planned work starts on {}, before today ({}).", crate::format::date(*.date), crate::format::date(*.today))]
    PlannedBeforeToday { date: NaiveDate, today: NaiveDate },
    #[error("{field}: enter {expected}.")]
    Number {
        field: &'static str,
        expected: &'static str,
    },
}

impl CustomStrategy {
    /// Every problem with the strategy, in step order; empty when it can be simulated.
    pub fn problems(&self, ctx: &CustomContext) -> Vec<FormProblem> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push(FormProblem::NoName);
        } else if ctx.taken_names.iter().any(|t| t.trim() == name) {
            problems.push(FormProblem::NameTaken(name.to_owned()));
        }
        if self.steps.is_empty() {
            problems.push(FormProblem::NoSteps);
        }
        let mut seen: Vec<&str> = Vec::new();
        for step in &self.steps {
            let contract = step.contract.as_str();
            let named = ctx.name(contract);
            if seen.contains(&contract) {
                // One report per contract, however many extra steps it has.
                let twice = FormProblem::Twice(named);
                if !problems.contains(&twice) {
                    problems.push(twice);
                }
                continue;
            }
            seen.push(contract);
            if !ctx.open.iter().any(|o| o == contract) {
                problems.push(FormProblem::NotOpen(named.clone()));
            }
            match &step.when {
                StepWhen::OnDate { date } if *date < ctx.at => {
                    problems.push(FormProblem::DateBeforeToday {
                        contract: named.clone(),
                        date: *date,
                        today: ctx.at,
                    });
                }
                StepWhen::AfterWeeks { weeks } if *weeks > MAX_WEEKS => {
                    problems.push(FormProblem::Weeks {
                        contract: named.clone(),
                    });
                }
                StepWhen::AfterFeedback { after } if after == contract => {
                    problems.push(FormProblem::OwnFeedback(named.clone()));
                }
                StepWhen::AfterFeedback { after } => {
                    let planned = ctx.planned_ids.iter().any(|p| p == after);
                    let ending = self
                        .steps
                        .iter()
                        .any(|s| s.contract == *after && s.when.ends());
                    if !planned && !ending {
                        problems.push(FormProblem::PairingTarget {
                            contract: named.clone(),
                            after: ctx.name(after),
                        });
                    }
                }
                _ => {}
            }
        }
        problems
    }

    /// The engine strategy, with `planned_work` (the user's future jobs, shared by every
    /// strategy), or every problem found.
    pub fn to_strategy(
        &self,
        ctx: &CustomContext,
        planned_work: &[PlannedWork],
    ) -> Result<Strategy, Vec<FormProblem>> {
        let problems = self.problems(ctx);
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut actions = Vec::with_capacity(self.steps.len());
        for step in &self.steps {
            let contract = step.contract.clone();
            let reason = step.reason;
            actions.push(match &step.when {
                StepWhen::Now => Action::EndNow { contract, reason },
                StepWhen::OnDate { date } => Action::EndOn {
                    contract,
                    date: *date,
                    reason,
                },
                StepWhen::AfterWeeks { weeks } => Action::EndOn {
                    date: weeks_after(ctx.at, *weeks).ok_or_else(|| {
                        vec![FormProblem::Weeks {
                            contract: contract.clone(),
                        }]
                    })?,
                    contract,
                    reason,
                },
                StepWhen::AfterFeedback { after } => Action::EndAfterFeedback {
                    contract,
                    after: after.clone(),
                    reason,
                },
                StepWhen::LeaveOpen => Action::LeaveOpen { contract },
                StepWhen::AskClient => Action::AskClientToClose { contract, on: None },
            });
        }
        Ok(Strategy {
            name: self.name.trim().to_owned(),
            description: self.describe(ctx),
            actions,
            planned_work: planned_work.to_vec(),
        })
    }

    /// One plain line: what the strategy does with each contract, named as `ctx` names them.
    pub fn describe(&self, ctx: &CustomContext) -> String {
        let at = ctx.at;
        let parts: Vec<String> = self
            .steps
            .iter()
            .map(|s| {
                let c = ctx.name(&s.contract);
                match &s.when {
                    StepWhen::Now => format!("end {c} today"),
                    StepWhen::OnDate { date: on } => format!("end {c} on {}", date(*on)),
                    StepWhen::AfterWeeks { weeks } => match weeks_after(at, *weeks) {
                        Some(on) => format!("end {c} in {weeks} weeks ({})", date(on)),
                        None => format!("end {c} in {weeks} weeks"),
                    },
                    StepWhen::AfterFeedback { after } => {
                        format!(
                            "end {c} the day after {}'s feedback is expected",
                            ctx.name(after)
                        )
                    }
                    StepWhen::LeaveOpen => format!("leave {c} open"),
                    StepWhen::AskClient => format!("ask the client of {c} to close it today"),
                }
            })
            .collect();
        if parts.is_empty() {
            return "Your strategy.".to_owned();
        }
        format!("Your strategy: {}.", parts.join(", "))
    }
}

fn weeks_after(at: NaiveDate, weeks: u32) -> Option<NaiveDate> {
    add_days(at, i64::from(weeks) * 7)
}

/// How a planned job is expected to be rated (saved externally tagged, like [`StepWhen`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlannedRating {
    /// Certain feedback with these stars, the day the job ends.
    Stars { stars_hundredths: u16 },
    /// Rated like a client of this behaviour who is around: its feedback chance once back, its
    /// stars and its delay.
    Like { preset: BehaviourPreset },
}

/// A line of planned future work: `count` fixed-price jobs of `value_cents` each, the first
/// starting on `start` and the next ones every `every_days` days, each for a new client or all
/// for one existing client (a repeat client). The engine plans fixed-price jobs only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedSpec {
    /// Unique among the user's planned work; the jobs are `{id}-1`, `{id}-2`, ….
    pub id: String,
    /// An existing client's id; `None` = a new client for each job.
    #[serde(default)]
    pub client: Option<String>,
    pub count: u32,
    pub value_cents: i64,
    pub rating: PlannedRating,
    pub start: NaiveDate,
    #[serde(default)]
    pub every_days: u32,
    pub duration_days: u32,
}

impl PlannedSpec {
    /// Every problem with the line on `today`; empty when it can be added.
    pub fn problems(&self, today: NaiveDate) -> Vec<FormProblem> {
        let mut problems = Vec::new();
        if !(1..=MAX_PLANNED_COUNT).contains(&self.count) {
            problems.push(FormProblem::Number {
                field: "How many",
                expected: "a whole number from 1 to 50",
            });
        }
        if !(1..=MAX_AMOUNT_CENTS).contains(&self.value_cents) {
            problems.push(FormProblem::Number {
                field: "Size",
                expected: "the dollars each job pays, more than 0",
            });
        }
        if let PlannedRating::Stars { stars_hundredths } = self.rating {
            if !(100..=500).contains(&stars_hundredths) {
                problems.push(FormProblem::Number {
                    field: "Stars",
                    expected: "a rating from 1.0 to 5.0",
                });
            }
        }
        if self.start < today {
            problems.push(FormProblem::PlannedBeforeToday {
                date: self.start,
                today,
            });
        }
        if self.every_days > MAX_PLANNED_DAYS {
            problems.push(FormProblem::Number {
                field: "Every",
                expected: "a gap of 0 to 52 weeks",
            });
        }
        if !(1..=MAX_PLANNED_DAYS).contains(&self.duration_days) {
            problems.push(FormProblem::Number {
                field: "Length",
                expected: "a job length of 1 to 52 weeks",
            });
        }
        problems
    }

    /// The first job's id, the one a strategy pairs with.
    pub fn first_job_id(&self) -> String {
        format!("{}-1", self.id)
    }

    /// One plain line for the list of planned work.
    pub fn describe(&self) -> String {
        let dollars = self.value_cents / 100;
        let rating = match &self.rating {
            PlannedRating::Stars { stars_hundredths } => {
                format!("rated {:.1}★", f64::from(*stars_hundredths) / 100.0)
            }
            PlannedRating::Like { preset } => format!("rated like a {} client", preset.as_str()),
        };
        let jobs = if self.count == 1 { "job" } else { "jobs" };
        let cadence = if self.count > 1 && self.every_days > 0 {
            format!(", one every {} days", self.every_days)
        } else {
            String::new()
        };
        let client = match &self.client {
            Some(client) => format!(" for {client}"),
            None => String::new(),
        };
        format!(
            "{} {jobs} of ${dollars}{client}, {} days each, {rating}, from {}{cadence}",
            self.count,
            self.duration_days,
            date(self.start)
        )
    }
}

/// The planned jobs of every line, as the simulator takes them. A start that has passed since
/// the line was saved moves to `at`: the user still expects the work, just not in the past.
pub fn planned_work(specs: &[PlannedSpec], at: NaiveDate) -> Vec<PlannedWork> {
    let mut out = Vec::new();
    for spec in specs {
        let (feedback_ppm, stars, delay) = match &spec.rating {
            PlannedRating::Stars { stars_hundredths } => (
                PPM,
                StarDistribution::single(*stars_hundredths),
                crate::simulate::model::DelayRange { min: 0, max: 0 },
            ),
            PlannedRating::Like { preset } => {
                let b = preset.behaviour();
                (b.feedback_if_back_ppm, b.stars, b.feedback_delay_days)
            }
        };
        for k in 0..spec.count {
            let offset = i64::from(spec.every_days) * i64::from(k);
            let start = add_days(spec.start, offset).unwrap_or(spec.start).max(at);
            out.push(PlannedWork {
                id: format!("{}-{}", spec.id, k + 1),
                client: spec.client.clone(),
                start,
                duration_days: spec.duration_days,
                value_cents: spec.value_cents,
                happens_ppm: PPM,
                feedback_ppm,
                stars: stars.clone(),
                feedback_delay_days: delay,
            });
        }
    }
    out
}

/// The next free planned-work id: `job1`, `job2`, … .
pub fn next_planned_id(specs: &[PlannedSpec]) -> String {
    (1..)
        .map(|n| format!("job{n}"))
        .find(|id| specs.iter().all(|s| s.id != *id))
        .unwrap_or_else(|| "job".to_owned())
}

/// A contract's client behaviour: a preset with its two main numbers edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BehaviourChoice {
    pub preset: BehaviourPreset,
    /// P(the client comes back within the feedback window).
    pub returns_ppm: u32,
    /// P(feedback) when the client is back.
    pub feedback_if_back_ppm: u32,
}

impl BehaviourChoice {
    /// The preset with its own numbers.
    pub fn of(preset: BehaviourPreset) -> BehaviourChoice {
        let b = preset.behaviour();
        BehaviourChoice {
            preset,
            returns_ppm: b.returns_ppm,
            feedback_if_back_ppm: b.feedback_if_back_ppm,
        }
    }

    /// The preset's behaviour with the edited numbers (capped at certain).
    pub fn behaviour(&self) -> ClientBehaviour {
        let mut b = self.preset.behaviour();
        b.returns_ppm = self.returns_ppm.min(PPM);
        b.feedback_if_back_ppm = self.feedback_if_back_ppm.min(PPM);
        b
    }
}

/// A percentage typed by the user ("5", "12.5", "40%") in parts per million.
pub fn parse_percent_ppm(text: &str, field: &'static str) -> Result<u32, FormProblem> {
    let problem = FormProblem::Number {
        field,
        expected: "a percentage from 0 to 100",
    };
    let pct: f64 = text
        .trim()
        .trim_end_matches('%')
        .trim()
        .parse()
        .map_err(|_| problem.clone())?;
    if !(0.0..=100.0).contains(&pct) {
        return Err(problem);
    }
    Ok((pct * 10_000.0).round() as u32)
}

/// Parts per million as the percentage a form shows ("5", "12.5").
pub fn ppm_as_percent(ppm: u32) -> String {
    let text = format!("{:.4}", f64::from(ppm) / 10_000.0);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Dollars typed by the user ("500", "1,250.50", "$80") in cents, more than 0.
pub fn parse_dollars_cents(text: &str, field: &'static str) -> Result<i64, FormProblem> {
    let problem = FormProblem::Number {
        field,
        expected: "an amount in dollars, more than 0",
    };
    let cleaned: String = text
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let dollars: f64 = cleaned.trim().parse().map_err(|_| problem.clone())?;
    let cents = (dollars * 100.0).round();
    if !(cents >= 1.0 && cents <= MAX_AMOUNT_CENTS as f64) {
        return Err(problem);
    }
    Ok(cents as i64)
}

/// Stars typed by the user ("5", "4.8") in hundredths, 1.00 to 5.00.
pub fn parse_stars_hundredths(text: &str, field: &'static str) -> Result<u16, FormProblem> {
    let problem = FormProblem::Number {
        field,
        expected: "a rating from 1.0 to 5.0",
    };
    let stars: f64 = text.trim().parse().map_err(|_| problem.clone())?;
    if !(1.0..=5.0).contains(&stars) {
        return Err(problem);
    }
    Ok((stars * 100.0).round() as u16)
}

/// A whole number typed by the user within `range`.
pub fn parse_whole(
    text: &str,
    range: std::ops::RangeInclusive<u32>,
    field: &'static str,
    expected: &'static str,
) -> Result<u32, FormProblem> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or(FormProblem::Number { field, expected })
}
