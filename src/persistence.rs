//! Asking the browser to keep the data: `navigator.storage.persist()` is requested once, the
//! first time the user has real data (the scenario becomes `Some`), never on an empty visit.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::state::AppState;
use crate::storage::PersistOutcome;

/// Requests persistent storage once, as soon as the scenario holds data, and keeps the answer
/// in `state`'s owner as a `RwSignal<Option<PersistOutcome>>` context for anyone curious.
pub fn request_persistence_once(state: AppState) {
    let outcome = RwSignal::new(None::<PersistOutcome>);
    provide_context(PersistenceOutcome(outcome));
    let asked = Rc::new(Cell::new(false));
    Effect::new(move |_| {
        if asked.get() || !state.scenario.with(Option::is_some) {
            return;
        }
        asked.set(true);
        crate::storage::request_persistence(move |answer| outcome.set(Some(answer)));
    });
}

/// The answer to the persistence request, once it came (context provided by
/// [`request_persistence_once`]).
#[derive(Clone, Copy)]
pub struct PersistenceOutcome(pub RwSignal<Option<PersistOutcome>>);
