use leptos::prelude::*;

use crate::format::money;
use crate::state::AppState;

/// Escrow held, pending and available, across all contracts, as of today.
#[component]
pub fn MoneyTotals() -> impl IntoView {
    let state = AppState::get();
    view! {
        <section class="card" aria-labelledby="money-title">
            <h2 id="money-title">"Money"</h2>
            {move || match state.totals.get() {
                Some(t) => {
                    view! {
                        <dl class="totals">
                            <div>
                                <dt>"In escrow"</dt>
                                <dd data-testid="escrow-held">{money(t.escrow_held)}</dd>
                            </div>
                            <div>
                                <dt>"Pending"</dt>
                                <dd data-testid="pending">{money(t.pending)}</dd>
                            </div>
                            <div>
                                <dt>"Available"</dt>
                                <dd data-testid="available">{money(t.available)}</dd>
                            </div>
                        </dl>
                    }
                        .into_any()
                }
                None => {
                    view! { <p class="muted">"No money figures for these contracts."</p> }
                        .into_any()
                }
            }}
        </section>
    }
}
