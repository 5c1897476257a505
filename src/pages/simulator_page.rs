use jss_engine::simulate::cli::config_for;
use jss_engine::simulate::{BehaviourPreset, SimOptions, SimReport};
use jss_engine::timeline::TimelineKind;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::action_plan::ActionPlan;
use crate::components::fan_chart::FanChart;
use crate::components::sim_table::SimTable;
use crate::components::target_solver::TargetSolver;
use crate::sim_runner::Runner;
use crate::state::{with_as_of, AppState, SimInputs};

/// One open contract the user may include, with how long its client has been silent.
#[derive(Clone, PartialEq)]
struct Candidate {
    id: String,
    label: String,
    silent_days: Option<i64>,
}

#[component]
pub fn SimulatorPage() -> impl IntoView {
    let state = AppState::get();
    let runner = Runner::new();
    let saved = state.sim_inputs.get_untracked();
    let inputs = saved.clone().unwrap_or_default();
    let behaviour = RwSignal::new(inputs.behaviour);
    let returns_pct = RwSignal::new(inputs.returns_pct);
    let trials = RwSignal::new(inputs.trials);
    let horizon_weeks = RwSignal::new(inputs.horizon_weeks);
    let seed = RwSignal::new(inputs.seed);
    let chosen = RwSignal::new(inputs.contracts);
    let error = RwSignal::new(None::<String>);
    let strategies = RwSignal::new(Vec::<jss_engine::simulate::Strategy>::new());

    let candidates = Memo::new(move |_| {
        let today = state.today.get();
        state.scenario.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.contracts
                        .iter()
                        .filter(|c| c.end.is_none())
                        .map(|c| Candidate {
                            id: c.id.clone(),
                            label: format!("{} {}", c.id, c.title.clone().unwrap_or_default()),
                            silent_days: c
                                .payments
                                .iter()
                                .map(|p| p.date)
                                .max()
                                .map(|d| (today - d).num_days()),
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let is_chosen =
        move |id: &str| chosen.with(|c| c.as_ref().is_none_or(|c| c.iter().any(|x| x == id)));
    let toggle = move |id: String| {
        let all: Vec<String> = candidates
            .get_untracked()
            .into_iter()
            .map(|c| c.id)
            .collect();
        chosen.update(|c| {
            let mut list = c.clone().unwrap_or(all);
            if let Some(pos) = list.iter().position(|x| *x == id) {
                list.remove(pos);
            } else {
                list.push(id);
            }
            *c = Some(list);
        });
    };
    let on_behaviour = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(preset) = BehaviourPreset::parse(&value) {
            let ppm = preset.behaviour().returns_ppm;
            returns_pct.set(format!("{}", f64::from(ppm) / 10_000.0));
        }
        behaviour.set(value);
    };

    let run = move || {
        error.set(None);
        let Some(scenario) = state.scenario.get_untracked() else {
            return;
        };
        state.sim_inputs.set(Some(SimInputs {
            seed: seed.get_untracked(),
            trials: trials.get_untracked(),
            horizon_weeks: horizon_weeks.get_untracked(),
            behaviour: behaviour.get_untracked(),
            returns_pct: returns_pct.get_untracked(),
            contracts: chosen.get_untracked(),
        }));
        let today = state.today.get_untracked();
        let parsed = parse_inputs(
            &trials.get_untracked(),
            &horizon_weeks.get_untracked(),
            &returns_pct.get_untracked(),
        );
        let (n_trials, weeks, returns_ppm) = match parsed {
            Ok(v) => v,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let options = SimOptions {
            trials: n_trials,
            seed: seed.get_untracked(),
            horizon_days: weeks * 7,
            behaviour: BehaviourPreset::parse(&behaviour.get_untracked())
                .unwrap_or(BehaviourPreset::Vanished),
            at: Some(today),
            contracts: chosen.get_untracked(),
            ..SimOptions::default()
        };
        let scenario = with_as_of(&scenario, today);
        match config_for(&scenario, &options) {
            Ok(mut config) => {
                config.default_behaviour.returns_ppm = returns_ppm;
                strategies.set(config.strategies.clone());
                // The worker checks the rest and says why it refuses a run.
                runner.start(&scenario, &config);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    // Results are derived data: a saved run is recomputed from its inputs and seed.
    if saved.is_some() && state.has_data() {
        run();
    }
    let exits = Memo::new(move |_| {
        state
            .upcoming
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.kind == TimelineKind::WindowExit)
            .map(|e| (e.date, format!("{} {}", e.contract, e.detail)))
            .collect::<Vec<_>>()
    });

    view! {
        <h1>"Simulator"</h1>
        <Show
            when=move || state.has_data()
            fallback=|| {
                view! {
                    <p>
                        "The simulator compares ways to close your open contracts. "
                        <A href="/">"Open the demo or add your contracts"</A> " first."
                    </p>
                }
            }
        >
            <section class="card" aria-labelledby="setup-title">
                <h2 id="setup-title">"Which contracts, and how do their clients behave?"</h2>
                <fieldset class="contract-picks">
                    <legend>"Open contracts to decide about"</legend>
                    <For each=move || candidates.get() key=|c| c.id.clone() let:c>
                        {
                            let id = c.id.clone();
                            let id2 = c.id.clone();
                            view! {
                                <label class="checkbox">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || is_chosen(&id)
                                        on:change=move |_| toggle(id2.clone())
                                    />
                                    {c.label.clone()}
                                    <span class="muted">
                                        {c
                                            .silent_days
                                            .map_or(
                                                " · never paid".to_string(),
                                                |d| format!(" · last payment {d} days ago"),
                                            )}
                                    </span>
                                </label>
                            }
                        }
                    </For>
                </fieldset>
                <div class="form-grid">
                    <label>
                        "Client behaviour"
                        <select
                            data-testid="behaviour"
                            on:change=on_behaviour
                            prop:value=move || behaviour.get()
                        >
                            <option value="vanished">"Vanished: rarely comes back"</option>
                            <option value="happy">"Happy: comes back and rates well"</option>
                            <option value="unhappy">"Unhappy: comes back and rates low"</option>
                        </select>
                    </label>
                    <label>
                        "Chance the client comes back (%)"
                        <input
                            inputmode="decimal"
                            data-testid="returns-pct"
                            bind:value=returns_pct
                        />
                    </label>
                    <label>
                        "Trials"
                        <input inputmode="numeric" data-testid="trials" bind:value=trials />
                    </label>
                    <label>
                        "Horizon (weeks)"
                        <input inputmode="numeric" data-testid="horizon" bind:value=horizon_weeks />
                    </label>
                </div>
                <div class="toolbar">
                    <button
                        data-testid="run"
                        on:click=move |_| run()
                        disabled=move || runner.running.get()
                    >
                        "Simulate the strategies"
                    </button>
                    <button
                        class="secondary"
                        data-testid="new-seed"
                        on:click=move |_| {
                            seed.set((js_sys::Math::random() * 4_294_967_295.0) as u64 + 1);
                            run();
                        }
                        disabled=move || runner.running.get()
                    >
                        "Run with a new seed"
                    </button>
                    <span class="muted" data-testid="seed">
                        {move || format!("Seed {}", seed.get())}
                    </span>
                    <Show when=move || runner.running.get()>
                        <button
                            class="secondary"
                            data-testid="cancel"
                            on:click=move |_| runner.cancel()
                        >
                            "Cancel"
                        </button>
                    </Show>
                </div>
                {move || {
                    runner
                        .progress
                        .get()
                        .map(|p| {
                            view! {
                                <label class="progress">
                                    {format!("Running: {} of {} trials", p.done, p.total)}
                                    <progress
                                        data-testid="progress"
                                        max=p.total as f64
                                        value=p.done as f64
                                    ></progress>
                                </label>
                            }
                        })
                }}
                {move || {
                    error
                        .get()
                        .or_else(|| runner.error.get())
                        .map(|e| {
                            view! {
                                <p class="error" role="alert">
                                    {e}
                                </p>
                            }
                        })
                }}
            </section>
            {move || {
                runner
                    .report
                    .get()
                    .map(|report| {
                        let ms = runner.last_run_ms.get();
                        let complete = report.done >= report.total;
                        let best = report.recommendation.as_ref().map(|r| r.best.clone());
                        let at = report.at;
                        view! {
                            <Results report=report exits=exits.get() run_ms=ms />
                            {complete
                                .then(|| {
                                    view! {
                                        <ActionPlan strategies=strategies.get() best=best at=at />
                                    }
                                })}
                        }
                    })
            }}
            <TargetSolver />
        </Show>
    }
}

fn parse_inputs(trials: &str, weeks: &str, returns_pct: &str) -> Result<(u32, u32, u32), String> {
    let trials: u32 = trials
        .trim()
        .replace(',', "")
        .parse()
        .ok()
        .filter(|t| (1..=1_000_000).contains(t))
        .ok_or("Trials: enter a whole number from 1 to 1,000,000.")?;
    let weeks: u32 = weeks
        .trim()
        .parse()
        .ok()
        .filter(|w| (1..=104).contains(w))
        .ok_or("Horizon: enter a number of weeks from 1 to 104.")?;
    let pct: f64 = returns_pct
        .trim()
        .trim_end_matches('%')
        .parse()
        .ok()
        .filter(|p: &f64| (0.0..=100.0).contains(p))
        .ok_or("Chance the client comes back: enter a percentage from 0 to 100.")?;
    Ok((trials, weeks, (pct * 10_000.0).round() as u32))
}

#[component]
fn Results(
    report: SimReport,
    exits: Vec<(chrono::NaiveDate, String)>,
    run_ms: Option<f64>,
) -> impl IntoView {
    let complete = report.done >= report.total;
    let dates = report.dates.clone();
    view! {
        <section class="card" aria-labelledby="results-title" data-testid="results">
            <h2 id="results-title">{if complete { "Results" } else { "Results so far" }}</h2>
            <p class="muted" data-testid="run-summary">
                {format!(
                    "{} trials per strategy, seed {}, from {} to {}.",
                    report.trials,
                    report.seed,
                    report.at,
                    report.dates.last().map_or(String::new(), |d| d.to_string()),
                )}
                {run_ms
                    .filter(|_| complete)
                    .map(|ms| format!(" Computed in {ms:.0} ms in this browser."))}
            </p>
            {report
                .recommendation
                .clone()
                .map(|r| {
                    view! {
                        <div class="recommendation" data-testid="recommendation">
                            <h3>{format!("Recommended: {}", r.best)}</h3>
                            <p class="muted">{format!("Ranked by {}.", r.criterion)}</p>
                            <ul>
                                {r
                                    .reasons
                                    .into_iter()
                                    .map(|t| view! { <li>{t}</li> })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })}
            <SimTable report=report.clone() />
            {report
                .strategies
                .into_iter()
                .map(|s| view! { <FanChart strategy=s dates=dates.clone() exits=exits.clone() /> })
                .collect_view()}
        </section>
    }
}
