use jss_engine::scenario::names::join_and;
use jss_engine::simulate::attention::{attention, Attention};
use jss_engine::simulate::inputs::prepare;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::layout::lazy_page::{lazy_page, LazyPage};
use crate::components::simulator::decision_view::DecisionView;
use crate::format::{date, money};
use crate::sim_runner::Runner;
use crate::state::{with_as_of, AppState};

/// The dashboard's first card whenever something needs deciding: clients gone silent (with the
/// simulator's answer, computed in its worker with the saved or default assumptions), work
/// waiting for a client's approval, and feedback windows about to close.
#[component]
pub fn DecisionCard() -> impl IntoView {
    let state = AppState::get();
    let seen = Memo::new(move |_| {
        let today = state.today.get();
        let upcoming = state.upcoming.get().unwrap_or_default();
        state.scenario.with(|s| {
            s.as_ref()
                .map(|s| attention(&with_as_of(s, today), today, &upcoming))
                .unwrap_or_default()
        })
    });
    // The advice, loaded as its own module, reads the silent contracts from here rather than
    // working them out a second time.
    provide_context(Seen(seen));
    view! {
        <Show when=move || !seen.with(Attention::is_empty)>
            <section
                class="card decision-card"
                aria-labelledby="decide-title"
                data-testid="decision-card"
            >
                <h2 id="decide-title">"What to do now"</h2>
                <Show when=move || seen.with(|a| !a.silent.is_empty())>
                    <LazyPage load=silent_advice what="the advice" />
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

// The advice runs the simulator, whose glue (the worker's protocol, the run's assembly, the
// answer's words) the first screen does not need: it loads as its own module when a client
// has gone silent.
lazy_page!(
    silent_advice,
    decision,
    crate::components::dashboard::decision_card::SilentAdvice
);

/// What the decision card found, for the advice inside it.
#[derive(Clone, Copy)]
struct Seen(Memo<Attention>);

/// The silent contracts and what to do about them.
#[component]
pub fn SilentAdvice() -> impl IntoView {
    let state = AppState::get();
    let seen = use_context::<Seen>();
    let silent = Signal::derive(move || {
        seen.map(|Seen(a)| a.with(|a| a.silent.clone()))
            .unwrap_or_default()
    });
    let runner = Runner::new();
    let assumptions = RwSignal::new(Vec::<String>::new());
    let problem = RwSignal::new(None::<String>);
    // The same run the Simulator page makes: the saved inputs, or the defaults, prepared by the
    // engine. It runs again whenever the contracts, the date or the saved inputs change.
    Effect::new(move |_| {
        let today = state.today.get();
        let inputs = state.sim_inputs.get().unwrap_or_default();
        state.scenario.with(|s| {
            let Some(s) = s else { return };
            let scenario = with_as_of(s, today);
            match prepare(&scenario, today, &inputs) {
                Ok(prepared) => {
                    problem.set(None);
                    assumptions.set(prepared.assumptions);
                    runner.start(&scenario, &prepared.config);
                }
                Err(problems) => {
                    let words: Vec<String> = problems.iter().map(ToString::to_string).collect();
                    problem.set(Some(words.join(" ")));
                }
            }
        });
    });
    let intro = move || {
        silent.with(|list| {
            let parts: Vec<String> = list
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
        silent.with(|list| {
            list.iter()
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
        <p class="decision-intro">{intro}</p>
        {move || {
            held().into_iter().map(|line| view! { <p class="muted">{line}</p> }).collect_view()
        }}
        {move || {
            if let Some(p) = problem.get().or_else(|| runner.error.get()) {
                return view! {
                    <p class="error" role="alert">
                        {p}
                    </p>
                }
                    .into_any();
            }
            let complete = runner.report.with(|r| r.as_ref().is_some_and(|r| r.done >= r.total));
            match runner.report.get().and_then(|r| r.recommendation).filter(|_| complete) {
                Some(rec) => {
                    view! {
                        <DecisionView
                            recommendation=rec
                            assumptions=assumptions.get()
                            change_href="/simulator#assumptions"
                        />
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <p class="decision-pending" role="status" aria-live="polite">
                            "Simulating thousands of possible futures for each way to close them…"
                        </p>
                    }
                        .into_any()
                }
            }
        }}
        <p>
            <A href="/simulator" attr:class="button-link" attr:data-testid="compare-link">
                "Compare every strategy"
            </A>
        </p>
    }
}
