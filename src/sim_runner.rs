//! Runs a simulation in chunks between frames, so the page never blocks for long.
//!
//! Each chunk runs as many trials as fit in about 16 ms (measured, then adapted), then yields
//! to the browser with a zero-delay timeout. Cancelling bumps a generation counter that the
//! next chunk checks, so a cancelled run stops before its next chunk. The engine's results do
//! not depend on how trials are chunked, so partial and final reports are exact.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use jss_engine::simulate::{SimReport, Simulation};
use leptos::prelude::*;

/// Time one chunk may take before the runner yields to the browser.
const CHUNK_BUDGET_MS: f64 = 16.0;
/// Runs that have not finished after this long show a progress bar.
pub const PROGRESS_AFTER_MS: f64 = 1000.0;

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
    generation: StoredValue<u64>,
}

impl Runner {
    pub fn new() -> Runner {
        Runner {
            report: RwSignal::new(None),
            progress: RwSignal::new(None),
            running: RwSignal::new(false),
            last_run_ms: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    pub fn start(self, sim: Simulation) {
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        self.running.set(true);
        self.progress.set(None);
        // Old results would read as the new run's until its first chunk lands.
        self.report.set(None);
        self.last_run_ms.set(None);
        let started_ms = now_ms();
        let state = Rc::new(RefCell::new((sim, 500_u64)));
        schedule(self, state, generation, started_ms);
    }

    pub fn cancel(self) {
        self.generation.update_value(|g| *g += 1);
        self.running.set(false);
        self.progress.set(None);
    }
}

impl Default for Runner {
    fn default() -> Runner {
        Runner::new()
    }
}

/// A monotonic clock for measuring chunks: `performance.now()`, which unlike `Date.now()`
/// never jumps with the wall clock.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

fn schedule(
    runner: Runner,
    state: Rc<RefCell<(Simulation, u64)>>,
    generation: u64,
    started_ms: f64,
) {
    set_timeout(
        move || run_chunk(runner, state, generation, started_ms),
        Duration::ZERO,
    );
}

fn run_chunk(
    runner: Runner,
    state: Rc<RefCell<(Simulation, u64)>>,
    generation: u64,
    started_ms: f64,
) {
    if runner.generation.get_value() != generation {
        return;
    }
    let (progress, report) = {
        let mut guard = state.borrow_mut();
        let (sim, chunk_units) = &mut *guard;
        let t0 = now_ms();
        let progress = sim.run_chunk(*chunk_units);
        let took_ms = (now_ms() - t0).max(0.1);
        // Aim the next chunk at the budget, growing or shrinking by at most 4× at a time.
        let scaled = (*chunk_units as f64 * CHUNK_BUDGET_MS / took_ms)
            .clamp(*chunk_units as f64 / 4.0, *chunk_units as f64 * 4.0);
        *chunk_units = (scaled as u64).max(50);
        (progress, sim.report())
    };
    let elapsed_ms = now_ms() - started_ms;
    runner.report.set(Some(report));
    if progress.done >= progress.total {
        runner.running.set(false);
        runner.progress.set(None);
        runner.last_run_ms.set(Some(elapsed_ms));
        return;
    }
    if elapsed_ms >= PROGRESS_AFTER_MS {
        runner.progress.set(Some(RunProgress {
            done: progress.done,
            total: progress.total,
            elapsed_ms,
        }));
    }
    schedule(runner, state, generation, started_ms);
}
