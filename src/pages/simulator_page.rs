use jss_engine::simulate::attention::attention;
use jss_engine::simulate::custom::ppm_as_percent;
use jss_engine::simulate::inputs::{default_contracts, prepare, InputField, InputProblem};
use jss_engine::simulate::{open_contracts, BehaviourPreset, Preset, SimReport, Strategy};
use jss_engine::timeline::TimelineKind;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::advice::Advice;
use crate::components::common::error_alert::ErrorAlert;
use crate::components::common::glossed::Glossed;
use crate::components::simulator::action_plan::ActionPlan;
use crate::components::simulator::behaviours::SimBehaviours;
use crate::components::simulator::decision_view::DecisionView;
use crate::components::simulator::planned_work::SimPlannedWork;
use crate::components::simulator::priorities::SimPriorities;
use crate::components::simulator::strategy_builder::SimStrategyBuilder;
use crate::components::simulator::strategy_chart::StrategyChart;
use crate::components::simulator::table::SimTable;
use crate::components::simulator::target_solver::TargetSolver;
use crate::format::money;
use crate::sim_runner::Runner;
use crate::state::{read_sim_inputs, sim_inputs_value, with_as_of, AppState, SimInputs};

/// One open contract the person may include, with why it might (or might not) be ended.
#[derive(Clone, PartialEq)]
struct Candidate {
    id: String,
    name: String,
    note: String,
}

/// The Simulator: the answer first (computed as soon as the page opens, with the saved or
/// default assumptions), then one chart of every strategy and the table, then the assumptions,
/// which re-run the simulation as they change, then the strategy builder and planned work.
#[component]
pub fn SimulatorPage() -> impl IntoView {
    let state = AppState::get();
    view! {
        <h1>"Simulator"</h1>
        <Show
            when=move || state.has_data()
            fallback=|| {
                view! {
                    <p>"The simulator compares ways to close your open contracts."</p>
                    <p>
                        <A href="/" attr:class="button-link">
                            "Open the demo or add your contracts first"
                        </A>
                    </p>
                }
            }
        >
            <Simulator />
        </Show>
    }
}

#[component]
fn Simulator() -> impl IntoView {
    let state = AppState::get();
    let runner = Runner::new();
    let saved = state
        .sim_inputs
        .with_untracked(|saved| saved.as_ref().and_then(read_sim_inputs))
        .unwrap_or_default();
    let behaviour = RwSignal::new(saved.behaviour.clone());
    let returns_pct = RwSignal::new(saved.returns_pct.clone());
    let trials = RwSignal::new(saved.trials.clone());
    let horizon_weeks = RwSignal::new(saved.horizon_weeks.clone());
    let seed = RwSignal::new(saved.seed);
    let chosen = RwSignal::new(saved.contracts.clone());
    let custom = RwSignal::new(saved.custom.clone());
    let planned = RwSignal::new(saved.planned.clone());
    let behaviours = RwSignal::new(saved.behaviours.clone());
    let priorities = RwSignal::new(saved.priorities.clone());
    let problems = RwSignal::new(Vec::<InputProblem>::new());
    let notes = RwSignal::new(Vec::<String>::new());
    let assumptions = RwSignal::new(Vec::<String>::new());
    let strategies = RwSignal::new(Vec::<Strategy>::new());

    let today = Signal::derive(move || state.today.get());
    let candidates = Memo::new(move |_| {
        let today = state.today.get();
        state.scenario.with(|s| {
            let Some(s) = s else { return Vec::new() };
            let s = with_as_of(s, today);
            let upcoming = state.upcoming.get().unwrap_or_default();
            let seen = attention(&s, today, &upcoming);
            open_contracts(&s, today)
                .into_iter()
                .map(|id| {
                    let contract = s.contracts.iter().find(|c| c.id == id);
                    let client = contract.map_or("", |c| s.client_name(&c.client)).to_owned();
                    let silent = seen.silent.iter().find(|x| x.contract == id);
                    let waiting = seen.awaiting_approval.iter().find(|x| x.contract == id);
                    let note = match (silent, waiting) {
                        (Some(x), _) if x.escrow_held.cents() > 0 => format!(
                            "{client}: silent for {} days; holds {} of funded escrow, which ending it would send back",
                            x.silent_days,
                            money(x.escrow_held)
                        ),
                        (Some(x), _) => format!("{client}: silent for {} days", x.silent_days),
                        (None, Some(w)) => format!(
                            "{client}: {} submitted, waiting for approval; ending it would send it back",
                            money(w.amount)
                        ),
                        (None, None) => format!("{client}: active"),
                    };
                    Candidate {
                        name: s.contract_name(&id),
                        id,
                        note,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let defaults = Memo::new(move |_| {
        let today = state.today.get();
        state.scenario.with(|s| {
            s.as_ref()
                .map(|s| default_contracts(&with_as_of(s, today), today))
                .unwrap_or_default()
        })
    });
    let is_chosen = move |id: &str| match chosen.get() {
        Some(list) => list.iter().any(|x| x == id),
        None => defaults.with(|d| d.iter().any(|x| x == id)),
    };
    let inputs = move || SimInputs {
        seed: seed.get_untracked(),
        trials: trials.get_untracked(),
        horizon_weeks: horizon_weeks.get_untracked(),
        behaviour: behaviour.get_untracked(),
        returns_pct: returns_pct.get_untracked(),
        contracts: chosen.get_untracked(),
        custom: custom.get_untracked(),
        planned: planned.get_untracked(),
        behaviours: behaviours.get_untracked(),
        priorities: priorities.get_untracked(),
    };
    // Results are derived data: never saved, recomputed from the inputs and the seed.
    let run = move || {
        let Some(scenario) = state.scenario.get_untracked() else {
            return;
        };
        let today = state.today.get_untracked();
        let scenario = with_as_of(&scenario, today);
        match prepare(&scenario, today, &inputs()) {
            Ok(prepared) => {
                problems.set(Vec::new());
                notes.set([prepared.dropped, prepared.skipped].concat());
                assumptions.set(prepared.assumptions);
                strategies.set(prepared.config.strategies.clone());
                runner.start(&scenario, &prepared.config);
            }
            Err(found) => problems.set(found),
        }
    };
    // Every change of an assumption is saved and re-runs the simulation.
    let rerun = move || {
        state.sim_inputs.set(sim_inputs_value(&inputs()));
        run();
    };
    let on_inputs_change = Callback::new(move |()| rerun());
    let toggle = move |id: String| {
        let current = chosen
            .get_untracked()
            .unwrap_or_else(|| defaults.get_untracked());
        let mut list = current;
        if let Some(pos) = list.iter().position(|x| *x == id) {
            list.remove(pos);
        } else {
            list.push(id);
        }
        chosen.set(Some(list));
        rerun();
    };
    let on_behaviour = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(preset) = BehaviourPreset::parse(&value) {
            returns_pct.set(ppm_as_percent(preset.behaviour().returns_ppm));
        }
        behaviour.set(value);
        rerun();
    };
    run();

    // The contracts in question (id and label), for the per-contract forms.
    let in_question = Signal::derive(move || {
        candidates
            .get()
            .into_iter()
            .filter(|c| is_chosen(&c.id))
            .map(|c| (c.id, c.name))
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
    let exits = Memo::new(move |_| {
        let upcoming = state.upcoming.get().unwrap_or_default();
        state.scenario.with(|s| {
            upcoming
                .into_iter()
                .filter(|e| e.kind == TimelineKind::WindowExit)
                .map(|e| {
                    let name = s
                        .as_ref()
                        .map_or_else(|| e.contract.clone(), |s| s.contract_name(&e.contract));
                    (e.date, format!("{name} {}", e.detail))
                })
                .collect::<Vec<_>>()
        })
    });
    let field_problem = move |field: InputField| {
        problems.with(|ps| {
            ps.iter()
                .find(|p| p.field() == Some(field))
                .map(ToString::to_string)
        })
    };
    let number_field = move |label: &'static str,
                             testid: &'static str,
                             field: InputField,
                             value: RwSignal<String>| {
        let id = format!("sim-{testid}");
        let error_id = format!("{id}-error");
        view! {
            <label for=id.clone()>{label}</label>
            <input
                id=id
                inputmode="numeric"
                data-testid=testid
                bind:value=value
                on:change=move |_| rerun()
                aria-invalid=move || field_problem(field).is_some().then_some("true")
                aria-describedby=move || field_problem(field).is_some().then(|| error_id.clone())
            />
            {move || {
                field_problem(field)
                    .map(|p| {
                        view! {
                            <p class="field-error" id=format!("sim-{testid}-error")>
                                {p}
                            </p>
                        }
                    })
            }}
        }
    };

    view! {
        <p class="lead">
            "What happens to your JSS, your Top Rated badge and your money under each way of closing your open contracts. The answer updates as you change the assumptions below."
        </p>
        <section class="card" aria-labelledby="results-title" data-testid="results">
            <h2 id="results-title">
                {move || {
                    let partial = runner
                        .report
                        .with(|r| r.as_ref().is_some_and(|r| r.done < r.total));
                    if partial { "The answer so far" } else { "The answer" }
                }}
            </h2>
            <ErrorAlert error=Signal::derive(move || {
                problems
                    .with(|ps| ps.iter().find(|p| p.field().is_none()).map(ToString::to_string))
                    .or_else(|| {
                        (!problems.with(Vec::is_empty))
                            .then(|| "Some assumptions need fixing first (see below).".to_owned())
                    })
                    .or_else(|| runner.error.get())
            }) />
            {move || {
                let list = notes.get();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <ul class="notes" data-testid="run-notes">
                                {list.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                            </ul>
                        }
                    })
            }}
            <Progress runner=runner />
            {move || {
                runner
                    .report
                    .get()
                    .map(|report| {
                        view! {
                            <Answer
                                report=report
                                assumptions=assumptions.get()
                                exits=exits.get()
                                run_ms=runner.last_run_ms.get()
                            />
                        }
                    })
            }}
        </section>
        <section class="card" id="assumptions" aria-labelledby="assumptions-title">
            <h2 id="assumptions-title">"Adjust assumptions"</h2>
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
                                    data-testid=format!("pick-{}", c.id)
                                    prop:checked=move || is_chosen(&id)
                                    on:change=move |_| toggle(id2.clone())
                                />
                                <span>
                                    {c.name.clone()}
                                    <span class="muted">{format!(" · {}", c.note)}</span>
                                </span>
                            </label>
                        }
                    }
                </For>
            </fieldset>
            <div class="form-grid">
                <label>
                    "How clients behave"
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
                <div class="field">
                    {number_field(
                        "Chance a silent client comes back (%)",
                        "returns-pct",
                        InputField::ReturnsPct,
                        returns_pct,
                    )}
                </div>
                <div class="field">
                    {number_field("Weeks ahead", "horizon", InputField::Horizon, horizon_weeks)}
                </div>
            </div>
            <SimPriorities priorities=priorities on_change=on_inputs_change />
            <SimBehaviours contracts=in_question behaviours=behaviours on_change=on_inputs_change />
        </section>
        <SimStrategyBuilder
            contracts=in_question
            open=open_ids
            pair_jobs=pair_jobs
            reserved_names=preset_names
            today=today
            custom=custom
            on_change=on_inputs_change
        />
        <SimPlannedWork planned=planned clients=clients today=today on_change=on_inputs_change />
        {move || {
            let complete = runner.report.with(|r| r.as_ref().is_some_and(|r| r.done >= r.total));
            let report = runner.report.get().filter(|_| complete)?;
            let best = report.recommendation.as_ref().map(|r| r.best.clone());
            Some(view! { <ActionPlan strategies=strategies.get() best=best at=report.at /> })
        }}
        <details class="card advanced" data-testid="advanced">
            <summary>"Advanced: number of futures and the seed"</summary>
            <div class="form-grid">
                <div class="field">
                    {number_field(
                        "Simulated futures per strategy",
                        "trials",
                        InputField::Trials,
                        trials,
                    )}
                </div>
            </div>
            <div class="toolbar">
                <button
                    data-testid="run"
                    on:click=move |_| rerun()
                    disabled=move || runner.running.get()
                >
                    "Run again with this seed"
                </button>
                <button
                    class="secondary"
                    data-testid="new-seed"
                    on:click=move |_| {
                        seed.set((js_sys::Math::random() * 4_294_967_295.0) as u64 + 1);
                        rerun();
                    }
                    disabled=move || runner.running.get()
                >
                    "Run with a new seed"
                </button>
                <span class="muted" data-testid="seed">
                    {move || format!("Seed {}", seed.get())}
                </span>
            </div>
            <p class="muted">
                "The same seed and assumptions always give the same numbers. A new seed draws other futures: if the answer changes with the seed, the strategies are too close to call."
            </p>
        </details>
        <TargetSolver />
    }
}

/// A progress bar and Cancel for runs that take more than a second.
#[component]
fn Progress(runner: Runner) -> impl IntoView {
    move || {
        runner.progress.get().map(|p| {
            view! {
                <div class="toolbar">
                    <label class="progress">
                        {format!("Simulating: {} of {} futures", p.done, p.total)}
                        <progress
                            data-testid="progress"
                            max=p.total as f64
                            value=p.done as f64
                        ></progress>
                    </label>
                    <button
                        class="secondary"
                        data-testid="cancel"
                        on:click=move |_| runner.cancel()
                    >
                        "Cancel"
                    </button>
                </div>
            }
        })
    }
}

/// The decision, the chart of every strategy and the table.
#[component]
fn Answer(
    report: SimReport,
    assumptions: Vec<String>,
    exits: Vec<(chrono::NaiveDate, String)>,
    run_ms: Option<f64>,
) -> impl IntoView {
    let complete = report.done >= report.total;
    let rec = report.recommendation.clone();
    let highlight = rec
        .as_ref()
        .map(|r| r.equally_good.clone())
        .unwrap_or_default();
    let summary = format!(
        "{} simulated futures per strategy, seed {}, from {} to {}.",
        jss_engine::format::thousands(u64::from(report.trials)),
        report.seed,
        crate::format::date(report.at),
        report
            .dates
            .last()
            .map_or(String::new(), |d| crate::format::date(*d)),
    );
    view! {
        {rec
            .clone()
            .map(|r| {
                view! {
                    <DecisionView
                        advice=Advice::new(String::new(), r, assumptions.clone())
                        change_href="#assumptions"
                    />
                }
            })}
        <StrategyChart report=report.clone() highlight=highlight exits=exits />
        <SimTable report=report.clone() />
        <p class="muted" data-testid="run-summary">
            {summary}
            {run_ms
                .filter(|_| complete)
                .map(|ms| format!(" Computed in {ms:.0} ms in this browser."))}
        </p>
        {rec
            .map(|r| {
                view! {
                    <details class="why" data-testid="recommendation">
                        <summary>"Why? The rules behind the ranking"</summary>
                        <p>{r.criterion.clone()}</p>
                        <ul>
                            {r
                                .reasons
                                .into_iter()
                                .map(|t| {
                                    view! {
                                        <li>
                                            <Glossed text=t />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </details>
                }
            })}
    }
}
