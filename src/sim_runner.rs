//! Runs a simulation in the simulator's Web Worker (crates/sim-worker), so the page never
//! blocks, however many trials are asked for.
//!
//! The worker posts a complete report after every chunk of about 100 ms; the runner shows
//! each one, so partial results fill in while the run goes on. Cancelling terminates the
//! worker at once (it is started again on the next run), and replies to a replaced run are
//! recognised by their run id and ignored. The engine's results do not depend on how trials
//! are chunked, so partial and final reports are exact.

use jss_engine::scenario::export::to_json_string;
use jss_engine::scenario::Scenario;
use jss_engine::simulate::protocol::{RunReply, RunRequest};
use jss_engine::simulate::{SimConfig, SimReport};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

/// Runs that have not finished after this long show a progress bar.
pub const PROGRESS_AFTER_MS: f64 = 1000.0;
/// Trunk writes the worker's loader shim under this name (index.html, `data-bin`).
const WORKER_URL: &str = "/sim-worker_loader.js";

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunProgress {
    pub done: u64,
    pub total: u64,
    pub elapsed_ms: f64,
}

/// The signals a run writes; the page reads them.
#[derive(Clone, Copy)]
pub struct Runner {
    pub report: RwSignal<Option<SimReport>>,
    pub progress: RwSignal<Option<RunProgress>>,
    pub running: RwSignal<bool>,
    pub last_run_ms: RwSignal<Option<f64>>,
    /// Why the last run could not start or finish, in plain words.
    pub error: RwSignal<Option<String>>,
    run_id: StoredValue<u64>,
    started_ms: StoredValue<f64>,
    worker: StoredValue<Option<Worker>, LocalStorage>,
    /// Whether the worker has said it listens, and the request waiting for that.
    ready: StoredValue<bool>,
    pending: StoredValue<Option<String>>,
}

impl Runner {
    pub fn new() -> Runner {
        let runner = Runner {
            report: RwSignal::new(None),
            progress: RwSignal::new(None),
            running: RwSignal::new(false),
            last_run_ms: RwSignal::new(None),
            error: RwSignal::new(None),
            run_id: StoredValue::new(0),
            started_ms: StoredValue::new(0.0),
            worker: StoredValue::new_local(None),
            ready: StoredValue::new(false),
            pending: StoredValue::new(None),
        };
        // Leaving the page stops a run nobody will read.
        on_cleanup(move || runner.stop_worker());
        // Start the worker now, so its wasm is fetched and compiled before the first run
        // rather than during it (when that work would compete with drawing the results).
        if let Err(message) = runner.worker() {
            runner.error.set(Some(message));
        }
        runner
    }

    pub fn start(self, scenario: &Scenario, config: &SimConfig) {
        self.run_id.update_value(|id| *id += 1);
        let request = RunRequest {
            run_id: self.run_id.get_value(),
            scenario_json: to_json_string(scenario),
            config: config.clone(),
        };
        let Ok(text) = serde_json::to_string(&request) else {
            self.fail("the simulation's inputs could not be prepared".into());
            return;
        };
        // A run still going is replaced: its worker is busy until it ends, so start afresh.
        if self.running.get_untracked() {
            self.stop_worker();
        }
        let worker = match self.worker() {
            Ok(w) => w,
            Err(message) => {
                self.fail(message);
                return;
            }
        };
        self.running.set(true);
        self.progress.set(None);
        self.error.set(None);
        // Old results would read as the new run's until its first chunk lands.
        self.report.set(None);
        self.last_run_ms.set(None);
        self.started_ms.set_value(now_ms());
        if self.ready.get_value() {
            self.send(&worker, &text);
        } else {
            self.pending.set_value(Some(text));
        }
    }

    fn send(self, worker: &Worker, text: &str) {
        if worker.post_message(&JsValue::from_str(text)).is_err() {
            self.fail("the simulator could not be sent the run".into());
        }
    }

    pub fn cancel(self) {
        self.run_id.update_value(|id| *id += 1);
        self.stop_worker();
        self.running.set(false);
        self.progress.set(None);
    }

    /// Also called from the worker's error handler, which can fire after the page has gone,
    /// so it writes only signals that still exist.
    fn fail(self, message: String) {
        self.running.try_set(false);
        self.progress.try_set(None);
        self.error.try_set(Some(message));
    }

    fn stop_worker(self) {
        if let Some(worker) = self.worker.try_update_value(Option::take).flatten() {
            worker.terminate();
        }
        self.ready.try_set_value(false);
        self.pending.try_set_value(None);
    }

    /// The running worker, started on first use.
    fn worker(self) -> Result<Worker, String> {
        if let Some(worker) = self.worker.with_value(Clone::clone) {
            return Ok(worker);
        }
        let worker = Worker::new(WORKER_URL).map_err(|_| {
            "this browser could not start the simulator (Web Workers are off?)".to_string()
        })?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(text) = event.data().as_string() {
                self.receive(&text);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            self.stop_worker();
            self.fail("the simulator stopped unexpectedly; run again to retry".into());
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        self.worker.set_value(Some(worker.clone()));
        Ok(worker)
    }

    fn receive(self, text: &str) {
        let reply = match RunReply::from_json(text) {
            Ok(r) => r,
            Err(message) => return self.fail(message),
        };
        if reply == RunReply::Ready {
            self.ready.try_set_value(true);
            let pending = self.pending.try_update_value(Option::take).flatten();
            if let (Some(text), Some(worker)) = (pending, self.worker.try_get_value().flatten()) {
                self.send(&worker, &text);
            }
            return;
        }
        // A reply can arrive after the page has gone (its signals disposed) or after its run
        // was replaced; both are ignored.
        if reply.run_id().is_none() || self.run_id.try_get_value() != reply.run_id() {
            return;
        }
        match reply {
            RunReply::Ready => {}
            RunReply::Failed { message, .. } => self.fail(message),
            RunReply::Progress {
                done,
                total,
                report,
                ..
            } => {
                let elapsed_ms = now_ms() - self.started_ms.get_value();
                self.report.set(Some(*report));
                if done >= total {
                    self.running.set(false);
                    self.progress.set(None);
                    self.last_run_ms.set(Some(elapsed_ms));
                } else if elapsed_ms >= PROGRESS_AFTER_MS {
                    self.progress.set(Some(RunProgress {
                        done,
                        total,
                        elapsed_ms,
                    }));
                }
            }
        }
    }
}

impl Default for Runner {
    fn default() -> Runner {
        Runner::new()
    }
}

/// A monotonic clock for timing runs: `performance.now()`, which unlike `Date.now()` never
/// jumps with the wall clock.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}
