use leptos::prelude::*;

use crate::format::money;
use crate::state::AppState;

/// Escrow held, pending and cleared, across all contracts, as of today, each with what it is.
/// "Cleared" is the engine's `available`: every payment past its security period, minus
/// refunds. The facts record no withdrawals, so it is all-time money, not a balance to
/// withdraw, and the card says so.
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
                                <dd class="figure-note">
                                    "funded by clients, not yet released to you"
                                </dd>
                            </div>
                            <div>
                                <dt>"Pending"</dt>
                                <dd data-testid="pending">{money(t.pending)}</dd>
                                <dd class="figure-note">
                                    "released or invoiced, still in review or in the 5-day security period"
                                </dd>
                            </div>
                            <div>
                                <dt>"Cleared, all time"</dt>
                                <dd data-testid="available">{money(t.available)}</dd>
                                <dd class="figure-note">
                                    "every payment past its 5-day security period, minus refunds; withdrawals are not recorded, so this is not your balance today"
                                </dd>
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
