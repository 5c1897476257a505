use jss_engine::scenario::names::join_and;
use jss_engine::simulate::attention::{attention, Attention};
use jss_engine::simulate::inputs::prepare;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::advice::{self, Advice};
use crate::components::layout::lazy_page::{lazy_page, LazyPage};
use crate::components::simulator::decision_view::DecisionView;
use crate::format::{date, money};
use crate::sim_runner::Runner;
use crate::state::{read_sim_inputs, AppState};

/// The dashboard's first card whenever something needs deciding: clients gone silent (with the
/// simulator's answer, computed in its worker with the saved or default assumptions), work
/// waiting for a client's approval, and feedback windows about to close.
///
/// The answer is kept ([`crate::advice`]): while the contracts, assumptions and day are those it
/// was computed for, it shows at once and the simulator's code is not loaded at all.
#[component]
pub fn DecisionCard() -> impl IntoView {
    let state = AppState::get();
    let seen = Memo::new(move |_| {
        let today = state.today.get();
        // Read in place: a long history's horizon holds thousands of events.
        state.upcoming.with(|upcoming| {
            let upcoming = upcoming.as_deref().unwrap_or_default();
            state.as_of_today.with(|s| {
                s.as_ref()
                    .map(|s| attention(s, today, upcoming))
                    .unwrap_or_default()
            })
        })
    });
    let kept = RwSignal::new(advice::load());
    // Worked out only while a client is silent: it serialises the whole scenario.
    let key = Memo::new(move |_| {
        if seen.with(|a| a.silent.is_empty()) {
            return None;
        }
        let today = state.today.get();
        state.sim_inputs.with(|inputs| {
            state
                .as_of_today
                .with(|s| s.as_ref().map(|s| advice::key(s, inputs.as_ref(), today)))
        })
    });
    let current = Memo::new(move |_| {
        let key = key.get()?;
        kept.with(|k| k.as_ref().filter(|a| a.key == key).cloned())
    });
    // The advice, loaded as its own module, reads the key from here rather than working it out a
    // second time, and hands its answer back through `kept`.
    provide_context(Seen { key, kept });
    let intro = move || {
        seen.with(|a| {
            let parts: Vec<String> = a
                .silent
                .iter()
                .map(|s| format!("{} ({}, {} days)", s.name, s.client, s.silent_days))
                .collect();
            format!(
                "No payment for a while on {}: these clients have gone silent.",
                join_and(&parts)
            )
        })
    };
    let held = move || {
        seen.with(|a| {
            a.silent
                .iter()
                .filter(|s| s.escrow_held.cents() > 0)
                .map(|s| {
                    format!(
                        "{} holds {} of funded escrow, so no strategy below ends it; choose it on the Simulator page if you want to compare that too.",
                        s.name,
                        money(s.escrow_held)
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || !seen.with(Attention::is_empty)>
            <section
                class="card decision-card"
                aria-labelledby="decide-title"
                data-testid="decision-card"
            >
                <h2 id="decide-title">"What to do now"</h2>
                <Show when=move || seen.with(|a| !a.silent.is_empty())>
                    <p class="decision-intro">{intro}</p>
                    {move || {
                        held()
                            .into_iter()
                            .map(|line| view! { <p class="muted">{line}</p> })
                            .collect_view()
                    }}
                    {move || match current.get() {
                        Some(advice) => {
                            view! {
                                <DecisionView advice=advice change_href="/simulator#assumptions" />
                            }
                                .into_any()
                        }
                        None => {
                            // Space for the answer is kept while it is worked out, so that what is
                            // below does not jump when it arrives.
                            view! {
                                <div class="decision-working">
                                    <LazyPage load=|| Box::pin(silent_advice()) what="the advice" />
                                </div>
                            }
                                .into_any()
                        }
                    }}
                    <p>
                        <A
                            href="/simulator"
                            attr:class="button-link"
                            attr:data-testid="compare-link"
                        >
                            "Compare every strategy"
                        </A>
                    </p>
                </Show>
                <ul class="decision-items">
                    {move || {
                        let today = state.today.get();
                        seen.with(|a| {
                            let waiting = a
                                .awaiting_approval
                                .iter()
                                .map(|w| {
                                    let when = w
                                        .auto_release
                                        .map_or_else(
                                            || "soon".to_owned(),
                                            |d| format!("on {}", date(d)),
                                        );
                                    format!(
                                        "{} for {} waits for approval by {}: it is released to you automatically {when} unless they approve it sooner or ask for changes.",
                                        money(w.amount),
                                        w.name,
                                        w.client,
                                    )
                                });
                            let closing = a
                                .feedback_closing
                                .iter()
                                .map(|f| {
                                    format!(
                                        "The feedback window of {} ({}) closes on {} ({}): after that it counts without the client's rating. A short, friendly reminder can help.",
                                        f.name,
                                        f.client,
                                        date(f.closes),
                                        crate::format::relative_days(today, f.closes),
                                    )
                                });
                            waiting
                                .chain(closing)
                                .map(|line| view! { <li>{line}</li> })
                                .collect_view()
                        })
                    }}
                </ul>
            </section>
        </Show>
    }
}

// The advice runs the simulator, whose glue (the worker's protocol, the run's assembly) the
// first screen does not need: it loads as its own module when a client has gone silent and no
// kept answer fits.
lazy_page!(
    silent_advice,
    decision,
    crate::components::dashboard::decision_card::SilentAdvice
);

/// What the decision card worked out, for the advice inside it: the key of the current inputs,
/// and where the answer goes.
#[derive(Clone, Copy)]
struct Seen {
    key: Memo<Option<String>>,
    kept: RwSignal<Option<Advice>>,
}

/// Works out the answer for the silent contracts in the simulator's worker, then keeps it.
#[component]
pub fn SilentAdvice() -> impl IntoView {
    let state = AppState::get();
    let Some(Seen { key, kept }) = use_context::<Seen>() else {
        return ().into_any();
    };
    let runner = Runner::new();
    let assumptions = StoredValue::new(Vec::<String>::new());
    let run_key = StoredValue::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    // The same run the Simulator page makes: the saved inputs, or the defaults, prepared by the
    // engine. It runs again whenever the contracts, the date or the saved inputs change.
    Effect::new(move |_| {
        let today = state.today.get();
        let inputs = state
            .sim_inputs
            .with(|saved| saved.as_ref().and_then(read_sim_inputs))
            .unwrap_or_default();
        let key = key.get();
        state.as_of_today.with(|scenario| {
            let Some(scenario) = scenario else { return };
            match prepare(scenario, today, &inputs) {
                Ok(prepared) => {
                    problem.set(None);
                    assumptions.set_value(prepared.assumptions);
                    run_key.set_value(key);
                    runner.start(scenario, &prepared.config);
                }
                Err(problems) => {
                    let words: Vec<String> = problems.iter().map(ToString::to_string).collect();
                    problem.set(Some(words.join(" ")));
                }
            }
        });
    });
    // A finished run's answer is kept, which makes the card show it (and drop this part).
    Effect::new(move |_| {
        let complete = runner
            .report
            .with(|r| r.as_ref().is_some_and(|r| r.done >= r.total));
        let recommendation = runner
            .report
            .with(|r| r.as_ref().and_then(|r| r.recommendation.clone()));
        if let (true, Some(rec), Some(key)) = (complete, recommendation, run_key.get_value()) {
            let answer = Advice::new(key, rec, assumptions.get_value());
            advice::save(&answer);
            kept.set(Some(answer));
        }
    });
    (move || match problem.get().or_else(|| runner.error.get()) {
        Some(p) => view! {
            <p class="error" role="alert">
                {p}
            </p>
        }
        .into_any(),
        None => view! {
            <p class="decision-pending" role="status" aria-live="polite">
                "Simulating thousands of possible futures for each way to close them…"
            </p>
        }
        .into_any(),
    })
    .into_any()
}
