//! The dashboard's cards below the decision: the score, its windows, Top Rated, money and what
//! comes next.
//!
//! Their views are a module of their own (`split_cards.wasm`): the first-run screen never shows
//! them, and on the dashboard they come after the decision, which is what a returning visitor
//! looks at first. What they read (the score report, the ledger, the timeline) stays in the
//! first screen's module, as the decision needs it too. The fetch starts as soon as the saved
//! data is read ([`preload`]), so the module is usually here before its cards' turn.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::components::common::deferred::Deferred;
use crate::components::dashboard::jss_card::JssCard;
use crate::components::dashboard::money_totals::MoneyTotals;
use crate::components::dashboard::top_rated_strip::TopRatedStrip;
use crate::components::dashboard::upcoming_events::UpcomingEvents;
use crate::components::dashboard::window_table::WindowTable;
use crate::components::layout::lazy_page::{lazy_page, SplitLoaderError};

lazy_page!(cards_view, cards, DashboardCards, preload = preload_module);

/// The cards' module, for `LazyPage`.
pub fn load() -> Pin<Box<dyn Future<Output = Result<ViewFn, SplitLoaderError>>>> {
    Box::pin(cards_view())
}

/// Starts fetching the cards' module without waiting for it (a failure is left to the cards'
/// own load, which shows a retry). Runs before the app is mounted, so it uses the plain
/// future executor, not Leptos's.
pub fn preload() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = preload_module().await;
    });
}

/// The cards, each drawn a task after the one before: at 10,000 contracts each is tens of
/// milliseconds, and on a phone even the demo's cards together were a task of about 100 ms.
#[component]
fn DashboardCards() -> impl IntoView {
    view! {
        <JssCard />
        <Deferred turns=1>
            <WindowTable />
        </Deferred>
        <Deferred turns=2>
            <TopRatedStrip />
        </Deferred>
        <Deferred turns=3>
            <MoneyTotals />
        </Deferred>
        <Deferred turns=4>
            <UpcomingEvents />
        </Deferred>
    }
}
