use jss_engine::simulate::custom::{planned_work, CustomContext, CustomStrategy};
use jss_engine::simulate::{
    open_contracts, preset_strategies, BehaviourPreset, PlannedWork, Preset, SimConfig, SimReport,
    Strategy, DEFAULT_RANK_WEEK, MAX_TRIALS,
};
use jss_engine::timeline::TimelineKind;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::action_plan::ActionPlan;
use crate::components::fan_chart::FanChart;
use crate::components::sim_behaviours::SimBehaviours;
use crate::components::sim_planned_work::SimPlannedWork;
use crate::components::sim_strategy_builder::SimStrategyBuilder;
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
    let custom = RwSignal::new(inputs.custom);
    let planned = RwSignal::new(inputs.planned);
    let behaviours = RwSignal::new(inputs.behaviours);
    let error = RwSignal::new(None::<String>);
    let skipped = RwSignal::new(Vec::<String>::new());
    let strategies = RwSignal::new(Vec::<Strategy>::new());

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
    // The contracts in question (id and label), in the candidates' order.
    let in_question = Signal::derive(move || {
        candidates
            .get()
            .into_iter()
            .filter(|c| is_chosen(&c.id))
            .map(|c| (c.id, c.label))
            .collect::<Vec<_>>()
    });
    let open_ids = Signal::derive(move || {
        candidates
            .get()
            .into_iter()
            .map(|c| c.id)
            .collect::<Vec<_>>()
    });
    let pair_jobs = Signal::derive(move || {
        planned.with(|specs| {
            specs
                .iter()
                .map(|s| {
                    (
                        s.first_job_id(),
                        format!("{}: {}", s.first_job_id(), s.describe()),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let preset_names = Signal::derive(|| {
        Preset::ALL
            .iter()
            .map(|p| p.name().to_owned())
            .collect::<Vec<_>>()
    });
    let today = Signal::derive(move || state.today.get());
    let clients = Signal::derive(move || {
        state.scenario.with(|s| {
            s.as_ref().map_or_else(Vec::new, |s| {
                s.clients
                    .iter()
                    .map(|c| (c.id.clone(), c.name.clone()))
                    .collect()
            })
        })
    });
    // Inputs are saved as they change (and on every run), so composed strategies and planned
    // work survive a reload; results never are.
    let save_inputs = move || {
        state.sim_inputs.set(Some(SimInputs {
            seed: seed.get_untracked(),
            trials: trials.get_untracked(),
            horizon_weeks: horizon_weeks.get_untracked(),
            behaviour: behaviour.get_untracked(),
            returns_pct: returns_pct.get_untracked(),
            contracts: chosen.get_untracked(),
            custom: custom.get_untracked(),
            planned: planned.get_untracked(),
            behaviours: behaviours.get_untracked(),
        }));
    };
    let on_inputs_change = Callback::new(move |()| save_inputs());
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
        save_inputs();
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
        let at = today;
        let scenario = with_as_of(&scenario, at);
        let open = open_contracts(&scenario, at);
        // A saved choice may name a contract that has since ended or gone (an edit, an undo,
        // another tab): the run takes the chosen ones still open.
        let contracts = match chosen.get_untracked() {
            Some(list) => list.into_iter().filter(|id| open.contains(id)).collect(),
            None => open.clone(),
        };
        let jobs = planned.with_untracked(|specs| planned_work(specs, at));
        let mut list = preset_strategies(&scenario, at, &contracts, &jobs);
        let (custom_list, not_run) = custom.with_untracked(|c| {
            custom_strategies(
                c,
                &list,
                CustomContext {
                    at,
                    open,
                    taken_names: Vec::new(),
                    planned_ids: jobs.iter().map(|j| j.id.clone()).collect(),
                },
                &jobs,
            )
        });
        list.extend(custom_list);
        skipped.set(not_run);
        let global =
            BehaviourPreset::parse(&behaviour.get_untracked()).unwrap_or(BehaviourPreset::Vanished);
        let mut default_behaviour = global.behaviour();
        default_behaviour.returns_ppm = returns_ppm;
        let config = SimConfig {
            at: Some(at),
            horizon_days: weeks * 7,
            trials: n_trials,
            seed: seed.get_untracked(),
            strategies: list,
            default_behaviour,
            behaviours: behaviours.with_untracked(|m| {
                m.iter()
                    .map(|(id, c)| (id.clone(), c.behaviour()))
                    .collect()
            }),
            rank_week: DEFAULT_RANK_WEEK,
            priorities: jss_engine::simulate::DEFAULT_PRIORITIES.to_vec(),
        };
        strategies.set(config.strategies.clone());
        // The worker checks the rest and says why it refuses a run.
        runner.start(&scenario, &config);
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
                <SimBehaviours
                    contracts=in_question
                    behaviours=behaviours
                    on_change=on_inputs_change
                />
            </section>
            <SimPlannedWork
                planned=planned
                clients=clients
                today=today
                on_change=on_inputs_change
            />
            <SimStrategyBuilder
                contracts=in_question
                open=open_ids
                pair_jobs=pair_jobs
                reserved_names=preset_names
                today=today
                custom=custom
                on_change=on_inputs_change
            />
            <section class="card" aria-label="Run the simulation">
                <div class="toolbar">
                    <button
                        data-testid="run"
                        on:click=move |_| run()
                        disabled=move || runner.running.get()
                    >
                        // Once results are shown, the button runs again with the seed they name.
                        {move || {
                            if runner.report.with(Option::is_some) {
                                "Run again with this seed"
                            } else {
                                "Simulate the strategies"
                            }
                        }}
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
                {move || {
                    let list = skipped.get();
                    (!list.is_empty())
                        .then(|| {
                            view! {
                                <div class="error" role="alert" data-testid="custom-skipped">
                                    <p>
                                        "Not simulated (edit them under “Your own strategies”):"
                                    </p>
                                    <ul>
                                        {list
                                            .into_iter()
                                            .map(|t| view! { <li>{t}</li> })
                                            .collect_view()}
                                    </ul>
                                </div>
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

/// The composed strategies that can run next to `presets`, and for each one that cannot, why,
/// in words. A saved strategy can go stale (its date passes, its contract ends), and that should
/// not stop the others from running.
fn custom_strategies(
    custom: &[CustomStrategy],
    presets: &[Strategy],
    mut ctx: CustomContext,
    jobs: &[PlannedWork],
) -> (Vec<Strategy>, Vec<String>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for (i, c) in custom.iter().enumerate() {
        let others = custom
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, s)| s.name.clone());
        ctx.taken_names = presets
            .iter()
            .map(|s| s.name.clone())
            .chain(others)
            .collect();
        match c.to_strategy(&ctx, jobs) {
            Ok(s) => out.push(s),
            Err(problems) => {
                let words: Vec<String> = problems.iter().map(ToString::to_string).collect();
                skipped.push(format!("“{}”: {}", c.name, words.join(" ")));
            }
        }
    }
    (out, skipped)
}

fn parse_inputs(trials: &str, weeks: &str, returns_pct: &str) -> Result<(u32, u32, u32), String> {
    let trials: u32 = trials
        .trim()
        .replace(',', "")
        .parse()
        .ok()
        // The worker runs off the page's thread, so the engine's own limit is the only one.
        .filter(|t| (1..=MAX_TRIALS).contains(t))
        .ok_or("Trials: enter a whole number from 1 to 10,000,000.")?;
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
                    crate::format::date(report.at),
                    report.dates.last().map_or(String::new(), |d| crate::format::date(*d)),
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
                .map(|s| {
                    view! {
                        <FanChart
                            strategy=s
                            today=report.at
                            dates=dates.clone()
                            exits=exits.clone()
                        />
                    }
                })
                .collect_view()}
        </section>
    }
}
