//! The simulator's Web Worker. Trunk builds it as a worker (`data-type="worker"` in
//! index.html) with its loader shim; the app starts it with `new Worker("/sim-worker_loader.js")`.
//!
//! All it does is glue: it says `ready` once it listens, then hands each message to the
//! engine's `protocol::serve` with the worker's clock and posts every reply back. Running here, a long simulation never blocks the
//! page, and the app can cancel a run at once by terminating the worker.

use jss_engine::simulate::protocol::{serve, RunReply};
use jss_engine::simulate::workload;
use jss_engine::simulate::BehaviourPreset;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let performance = scope.performance();
    let poster = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(request) = event.data().as_string() else {
            return;
        };
        let mut now_ms = || performance.as_ref().map_or(0.0, |p| p.now());
        serve(&request, &mut now_ms, &mut |reply| {
            // A reply that cannot be posted has nobody to read it: the page has gone.
            let _ = poster.post_message(&JsValue::from_str(&reply.to_json()));
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();
    warm_up();
    let _ = scope.post_message(&JsValue::from_str(&RunReply::Ready.to_json()));
}

/// Runs a small simulation of the benchmark workload once. V8 first compiles every wasm
/// function with its baseline compiler and optimises the ones that run a lot, so without this
/// the user's first simulation ran partly unoptimised. The worker starts when the simulator page
/// opens, so this happens while the user reads the form.
fn warm_up() {
    let scenario = workload::history();
    let mut config = workload::config(&scenario, BehaviourPreset::Vanished);
    config.trials = WARM_UP_TRIALS;
    workload::full_run(&scenario, &config);
}

/// Enough calls of the trial and scoring functions for V8 to optimise them (a few tens of
/// milliseconds, off the page's thread).
const WARM_UP_TRIALS: u32 = 2_000;
