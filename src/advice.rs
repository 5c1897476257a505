//! The dashboard's last answer, kept so that a returning visitor sees it at once.
//!
//! The answer to "what should I do with my silent contracts?" takes a simulation in the worker,
//! whose code and wasm are the heaviest part of the app. The engine is deterministic (the seed
//! is an input), so the same scenario, assumptions and day always give the same answer: the
//! dashboard keeps the last one with a key made of exactly those inputs, and shows it without
//! loading the simulator while the key still matches. Any change to the contracts, the rules,
//! the assumptions or the date changes the key, and the simulation runs again.
//!
//! This is a cache, not the user's data: it lives outside the versioned envelope, and anything
//! unreadable in it is ignored and replaced on the next run.

use chrono::NaiveDate;
use jss_engine::scenario::export::to_json_string;
use jss_engine::scenario::Scenario;
use jss_engine::simulate::Recommendation;
use serde::{Deserialize, Serialize};

use crate::storage;
use crate::storage::envelope::{canonical_text, fnv1a64};

/// The answer in the words the dashboard and the simulator show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Advice {
    /// Which inputs gave this answer: see [`key`].
    pub key: String,
    pub headline: String,
    pub risk: Option<String>,
    pub alternatives: Vec<String>,
    /// The assumptions behind the run, in words.
    pub assumptions: Vec<String>,
}

impl Advice {
    pub fn new(key: String, recommendation: Recommendation, assumptions: Vec<String>) -> Advice {
        Advice {
            key,
            headline: recommendation.headline,
            risk: recommendation.risk,
            alternatives: recommendation.alternatives,
            assumptions,
        }
    }
}

/// The key of the answer for `scenario` as of `today` under the saved `inputs` (as saved:
/// reading them needs the simulator's code, which the dashboard does not load for a kept
/// answer). The app's version is part of it, because a new version may model the rules
/// differently.
pub fn key(scenario: &Scenario, inputs: Option<&serde_json::Value>, today: NaiveDate) -> String {
    let inputs = inputs.map(canonical_text);
    let text = format!(
        "{}\n{today}\n{}\n{}",
        env!("CARGO_PKG_VERSION"),
        inputs.unwrap_or_default(),
        to_json_string(scenario)
    );
    format!("{:016x}", fnv1a64(text.as_bytes()))
}

/// The last answer kept, if there is one and it can be read.
pub fn load() -> Option<Advice> {
    serde_json::from_str(&storage::load_advice_text()?).ok()
}

/// Keeps `advice` for the next visit; when storage is unavailable or full it is simply not
/// kept (the next visit runs the simulation again).
pub fn save(advice: &Advice) {
    if let Ok(text) = serde_json::to_string(advice) {
        storage::save_advice_text(&text);
    }
}
