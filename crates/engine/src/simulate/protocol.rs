//! Messages between the app and the simulator's Web Worker, and the worker's loop.
//!
//! The app sends one [`RunRequest`] as JSON; the worker answers with [`RunReply`] messages: a
//! `progress` reply after each chunk (each one a complete, exact report of the trials done so
//! far) and a `failed` reply when the inputs are refused. The loop lives here, not in the worker
//! crate, so it is tested natively: the worker only supplies a clock and a way to post.

use serde::{Deserialize, Serialize};

use crate::scenario::parse::{format_problems, parse_str};
use crate::simulate::{SimConfig, SimReport, Simulation};

/// Time one chunk may run before the worker posts what it has.
pub const CHUNK_BUDGET_MS: f64 = 100.0;
/// Partial reports start after this long: a shorter run shows only its final report, so the
/// page renders results once instead of several times while the worker is still busy.
pub const PARTIAL_AFTER_MS: f64 = 1000.0;
/// Trial units in the first chunk; later chunks are sized from how long this one took.
const FIRST_CHUNK_UNITS: u64 = 500;

/// One run: the scenario as interchange JSON (`SCENARIO_FORMAT.md`), the run's configuration,
/// and an id the replies carry so the app can ignore replies to runs it has replaced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRequest {
    pub run_id: u64,
    pub scenario_json: String,
    pub config: SimConfig,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunReply {
    /// The worker is listening. Messages sent before this would be lost while its wasm loads,
    /// so the app holds its first request until it arrives.
    Ready,
    /// The report of every trial done so far; the run is finished when `done == total`.
    Progress {
        run_id: u64,
        done: u64,
        total: u64,
        report: Box<SimReport>,
    },
    /// The request could not run; `message` says why in plain words.
    Failed { run_id: u64, message: String },
}

impl RunReply {
    /// The run a reply belongs to; `None` for `Ready`, which belongs to none.
    pub fn run_id(&self) -> Option<u64> {
        match self {
            RunReply::Ready => None,
            RunReply::Progress { run_id, .. } | RunReply::Failed { run_id, .. } => Some(*run_id),
        }
    }

    pub fn to_json(&self) -> String {
        // Serialising these plain data types cannot fail; an empty string would be refused
        // by the reader with a message rather than crash anything.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<RunReply, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("the simulator sent a reply the app cannot read: {e}"))
    }
}

/// Runs one request to the end, posting a reply after every chunk once the run has taken
/// [`PARTIAL_AFTER_MS`], and always at the end.
///
/// `now_ms` is a monotonic clock (the worker's `performance.now()`); it only sizes chunks, so
/// the replies' reports never depend on it, and the last reply is the same for any clock.
pub fn serve(request_json: &str, now_ms: &mut dyn FnMut() -> f64, post: &mut dyn FnMut(RunReply)) {
    let request: RunRequest = match serde_json::from_str(request_json) {
        Ok(r) => r,
        Err(e) => {
            post(RunReply::Failed {
                run_id: 0,
                message: format!("the simulator could not read its request: {e}"),
            });
            return;
        }
    };
    let run_id = request.run_id;
    let started = parse_str(&request.scenario_json)
        .map_err(|problems| format_problems(&problems))
        .and_then(|scenario| {
            Simulation::new(&scenario, &request.config).map_err(|e| e.to_string())
        });
    let mut sim = match started {
        Ok(sim) => sim,
        Err(message) => {
            post(RunReply::Failed { run_id, message });
            return;
        }
    };
    let mut units = FIRST_CHUNK_UNITS;
    let started_ms = now_ms();
    loop {
        let t0 = now_ms();
        let progress = sim.run_chunk(units);
        let t1 = now_ms();
        let took_ms = (t1 - t0).max(0.1);
        // Aim the next chunk at the budget, growing or shrinking by at most 4× at a time.
        let scaled = (units as f64 * CHUNK_BUDGET_MS / took_ms)
            .clamp(units as f64 / 4.0, units as f64 * 4.0);
        units = (scaled as u64).max(50);
        if !progress.is_done() && t1 - started_ms < PARTIAL_AFTER_MS {
            continue;
        }
        post(RunReply::Progress {
            run_id,
            done: progress.done,
            total: progress.total,
            report: Box::new(sim.report()),
        });
        if progress.is_done() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::workload::{config, history};
    use crate::simulate::BehaviourPreset;

    /// Serves `request`, with a clock that advances `step_ms` per reading, and returns the
    /// replies after a JSON round trip, as the app receives them.
    fn check(request: &str, step_ms: f64) -> Vec<RunReply> {
        let mut t = 0.0;
        let mut replies = Vec::new();
        serve(
            request,
            &mut || {
                t += step_ms;
                t
            },
            &mut |reply| replies.push(RunReply::from_json(&reply.to_json()).expect("round trip")),
        );
        replies
    }

    fn request(trials: u32) -> String {
        let scenario = history();
        let mut config = config(&scenario, BehaviourPreset::Vanished);
        config.trials = trials;
        serde_json::to_string(&RunRequest {
            run_id: 7,
            scenario_json: crate::scenario::export::to_json_string(&scenario),
            config,
        })
        .unwrap()
    }

    #[test]
    fn the_last_reply_is_the_direct_run_whatever_the_chunking() {
        let scenario = history();
        let mut config = config(&scenario, BehaviourPreset::Vanished);
        config.trials = 300;
        let mut direct = Simulation::new(&scenario, &config).unwrap();
        direct.run_chunk(u64::MAX);
        let expected = direct.report();
        // A slow clock makes many small chunks, a fast one a few big ones.
        for step_ms in [1.0, 40.0, 1000.0] {
            let replies = check(&request(300), step_ms);
            let Some(RunReply::Progress {
                run_id,
                done,
                total,
                report,
            }) = replies.last()
            else {
                panic!("no progress reply: {replies:?}");
            };
            assert_eq!((*run_id, *done, *total), (7, 1800, 1800));
            // Histograms are not sent; everything the app reads is.
            let mut expected = expected.clone();
            for s in &mut expected.strategies {
                s.histograms.clear();
                s.top_rated_counts.clear();
            }
            assert_eq!(**report, expected, "step {step_ms} ms");
            if step_ms >= 1000.0 {
                assert!(
                    replies.len() > 1,
                    "a slow clock gives partial replies first"
                );
            }
        }
    }

    #[test]
    fn refused_inputs_come_back_as_plain_words() {
        let bad_trials = request(0);
        let cases: [(&str, &str); 3] = [
            ("not json", "could not read its request"),
            (&bad_trials, "trials"),
            (
                r#"{"run_id":3,"scenario_json":"{}","config":null}"#,
                "could not read its request",
            ),
        ];
        for (input, needle) in cases {
            let replies = check(input, 1.0);
            match replies.as_slice() {
                [RunReply::Failed { message, .. }] => {
                    assert!(message.contains(needle), "{input}: {message}")
                }
                other => panic!("{input}: {other:?}"),
            }
        }
    }
}
