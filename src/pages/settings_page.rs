use jss_engine::rules::{Era, Params, PARAMS};
use jss_engine::scenario::ops::Op;
use leptos::prelude::*;

use crate::components::common::data_table::DataTable;
use crate::components::common::error_alert::ErrorAlert;
use crate::components::common::source_links::SourceLinks;
use crate::components::import::import_file::ImportFile;
use crate::components::import::share_preview::ShareLink;
use crate::components::settings::calibration::Calibration;
use crate::components::settings::export_reminder::ExportReminder;
use crate::components::settings::storage_meter::StorageMeter;
use crate::state::{AppState, UndoStep};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = AppState::get();
    let undo = RwSignal::new(None::<UndoStep>);
    let era = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.as_ref().map_or(Era::Current, |s| s.rules.era))
    });
    let era_error = RwSignal::new(None::<String>);
    let set_era = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if !state.has_data() {
            era_error.set(Some(
                "Add contracts or open the demo first; the era belongs to your scenario.".into(),
            ));
            return;
        }
        let Some(era) = Era::parse(&value) else {
            return;
        };
        let res = state.apply(undo, format!("Rules set to {value}"), Op::SetEra(era));
        era_error.set(res.err().map(|ps| {
            ps.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        }));
    };
    let confirm_reset = RwSignal::new(false);
    let exported = RwSignal::new(0u32);
    view! {
        <h1>"Settings"</h1>
        <section class="card" aria-labelledby="era-title">
            <h2 id="era-title">"Rule era"</h2>
            <p>
                "Upwork's rules changed over time. Pick the era to model; every number on every page follows it."
            </p>
            <label class="era-field">
                "Era "
                <select
                    data-testid="era-select"
                    on:change=set_era
                    prop:value=move || era.get().as_str()
                >
                    <option value="current">"Current (September 2024 on): daily updates"</option>
                    <option value="y2020">"2020 – 2024: updates every second Sunday"</option>
                    <option value="legacy">
                        "Legacy (2015 – 2020): no-feedback pattern rule, no earnings tiers"
                    </option>
                </select>
            </label>
            <ErrorAlert error=era_error />
        </section>
        <section class="card" aria-labelledby="params-title">
            <h2 id="params-title">"Model parameters"</h2>
            <p class="muted">
                "Upwork does not publish its formula. Each number the model uses is listed with where it comes from: official (Upwork's help pages), moderator, community, or assumption (no source gives it; you can calibrate it)."
            </p>
            <DataTable
                class="cards param-table"
                testid="param-table"
                caption="Model parameters with their sources"
                columns=["Parameter", "Value", "Provenance", "Sources", "What it does"]
            >
                {move || {
                    let params = state
                        .scenario
                        .with(|s| s.as_ref().map(|s| Params::resolve(&s.rules)))
                        .unwrap_or_else(|| Params::for_era(era.get()));
                    PARAMS
                        .iter()
                        .map(|p| {
                            let value = params.get(p.name).map_or(String::new(), |v| v.to_string());
                            view! {
                                <tr>
                                    <th scope="row" class="p-name">
                                        <code>{p.name}</code>
                                    </th>
                                    <td class="p-value" data-label="Value">
                                        {value}
                                    </td>
                                    <td class="p-provenance" data-label="Provenance">
                                        <span class=format!(
                                            "pill {}",
                                            p.provenance.as_str(),
                                        )>{p.provenance.as_str()}</span>
                                    </td>
                                    <td class="p-sources" data-label="Sources">
                                        <SourceLinks ids=p.sources />
                                    </td>
                                    <td class="p-what">{p.description()}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </DataTable>
            <p class="muted">
                "Each source id links to the page it was read from (it opens in a new tab); the full register is in the project's reference/upwork-rules.md."
            </p>
        </section>
        <Calibration undo=undo />
        <section class="card" aria-labelledby="data-title">
            <h2 id="data-title">"Your data"</h2>
            <p>"Everything is stored in this browser only. Export a copy now and then."</p>
            <StorageMeter />
            <ExportReminder refresh=exported />
            <div class="toolbar">
                <button
                    data-testid="export"
                    on:click=move |_| {
                        crate::export::download_scenario(state);
                        exported.update(|n| *n += 1);
                    }
                    disabled=move || !state.has_data()
                >
                    "Export scenario (.json)"
                </button>
                <button
                    class="secondary"
                    data-testid="export-everything"
                    on:click=move |_| {
                        crate::export::download_everything(state);
                        exported.update(|n| *n += 1);
                    }
                >
                    "Export everything (.json)"
                </button>
                <ShareLink />
                <Show
                    when=move || confirm_reset.get()
                    fallback=move || {
                        view! {
                            <button
                                class="secondary"
                                data-testid="reset"
                                on:click=move |_| confirm_reset.set(true)
                                disabled=move || !state.has_data()
                            >
                                "Delete all contracts…"
                            </button>
                        }
                    }
                >
                    <span role="alert">"Delete every contract from this browser? "</span>
                    <button
                        data-testid="reset-confirm"
                        on:click=move |_| {
                            undo.set(
                                Some(UndoStep {
                                    label: "Deleted all contracts.".into(),
                                    before: state.scenario.get_untracked(),
                                }),
                            );
                            state.scenario.set(None);
                            confirm_reset.set(false);
                        }
                    >
                        "Yes, delete"
                    </button>
                    <button class="secondary" on:click=move |_| confirm_reset.set(false)>
                        "Keep them"
                    </button>
                </Show>
            </div>
            {move || {
                undo.get()
                    .map(|step| {
                        view! {
                            <p role="status">
                                {step.label.clone()} " "
                                <button
                                    class="secondary"
                                    on:click=move |_| {
                                        state.scenario.set(step.before.clone());
                                        undo.set(None);
                                    }
                                >
                                    "Undo"
                                </button>
                            </p>
                        }
                    })
            }}
            <h3>"Import"</h3>
            <ImportFile />
        </section>
    }
}
