use std::collections::HashMap;

use jss_engine::scenario::Terms;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::common::data_table::DataTable;
use crate::components::common::pager::{page_of, Pager};
use crate::components::contracts::add_contract_form::AddContractForm;
use crate::components::contracts::contract_detail::ContractDetail;
use crate::components::contracts::fast_table::FastTable;
use crate::format::{date, money};
use crate::state::AppState;

/// One row of the list, with what the JSS report says about the contract. The whole row is
/// the list's key, so an edited contract is drawn again.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Row {
    id: String,
    /// The title, or "Untitled hourly contract" when there is none.
    name: String,
    client: String,
    kind: &'static str,
    start: chrono::NaiveDate,
    status: String,
    earned: jss_engine::money::Money,
    outcome: String,
}

#[component]
pub fn ContractsPage() -> impl IntoView {
    let state = AppState::get();
    let query = use_query_map();
    // The undo step lives in the app's state (which also withdraws it when it goes stale), so
    // it is still offered after a visit to another page.
    let undo = state.undo;
    let show_form = RwSignal::new(query.with_untracked(|q| q.get("new").is_some()));
    let show_table = RwSignal::new(query.with_untracked(|q| q.get("table").is_some()));
    let filter = RwSignal::new("all".to_string());
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new("start_desc".to_string());
    // `?contract=ID` opens that contract's detail (the dashboard's overdue items link here).
    let selected = RwSignal::new(query.with_untracked(|q| q.get("contract")));

    // Every row, worked out once per change of the contracts or the report; searching, filtering
    // and sorting then work on these rows without going back to the scenario.
    let all_rows = Memo::new(move |_| {
        state.report.with(|report| {
            state.scenario.with(|s| {
                s.as_ref()
                    .map(|s| rows_of(s, report.as_ref()))
                    .unwrap_or_default()
            })
        })
    });
    let rows = Memo::new(move |_| {
        let needle = search.get().to_lowercase();
        let f = filter.get();
        let mut rows: Vec<Row> = all_rows.with(|all| {
            all.iter()
                .filter(|r| {
                    let status_ok = match f.as_str() {
                        "open" => r.status == "open",
                        "ended" => r.status != "open",
                        _ => true,
                    };
                    status_ok
                        && (needle.is_empty()
                            || r.name.to_lowercase().contains(&needle)
                            || r.client.to_lowercase().contains(&needle)
                            || r.id.to_lowercase().contains(&needle))
                })
                .cloned()
                .collect()
        });
        match sort.get().as_str() {
            "start_asc" => rows.sort_by_key(|r| r.start),
            "earned_desc" => rows.sort_by_key(|r| std::cmp::Reverse(r.earned)),
            "client" => rows.sort_by(|a, b| a.client.cmp(&b.client)),
            _ => rows.sort_by_key(|r| std::cmp::Reverse(r.start)),
        }
        rows
    });
    // Searching, filtering or sorting starts again at the first page.
    let page = RwSignal::new(0_usize);
    Effect::new(move |_| {
        search.track();
        filter.track();
        sort.track();
        page.set(0);
    });
    let shown = Memo::new(move |_| rows.with(|rows| page_of(rows, page.get())));
    let total = Signal::derive(move || rows.with(Vec::len));

    view! {
        <h1>"Contracts"</h1>
        {move || {
            undo.get()
                .map(|step| {
                    view! {
                        <p class="undo-bar" role="status">
                            {step.label.clone()}
                            " "
                            <button
                                class="secondary"
                                data-testid="undo"
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
        <div class="toolbar">
            <button
                data-testid="toggle-add"
                on:click=move |_| show_form.update(|v| *v = !*v)
                aria-expanded=move || show_form.get().to_string()
            >
                {move || if show_form.get() { "Hide the form" } else { "Add a contract" }}
            </button>
            <button
                class="secondary"
                data-testid="toggle-table"
                on:click=move |_| show_table.update(|v| *v = !*v)
                aria-expanded=move || show_table.get().to_string()
            >
                {move || if show_table.get() { "Hide the table" } else { "Enter many" }}
            </button>
            <label>
                "Show" <select bind:value=filter data-testid="filter">
                    <option value="all">"All"</option>
                    <option value="open">"Open"</option>
                    <option value="ended">"Ended"</option>
                </select>
            </label>
            <label>
                "Search" <input type="search" bind:value=search placeholder="title, client or id" />
            </label>
            <label>
                "Sort by" <select bind:value=sort>
                    <option value="start_desc">"Newest first"</option>
                    <option value="start_asc">"Oldest first"</option>
                    <option value="earned_desc">"Earned"</option>
                    <option value="client">"Client"</option>
                </select>
            </label>
        </div>
        {move || (show_form.get()).then(|| view! { <AddContractForm undo=undo /> })}
        {move || (show_table.get()).then(|| view! { <FastTable undo=undo /> })}
        <DataTable
            class="cards contract-list"
            testid="contract-table"
            caption="Your contracts"
            columns=["Contract", "Client", "Type", "Started", "Status", "Earned", "JSS outcome"]
        >
            <For each=move || shown.get() key=|r| r.clone() let:r>
                {
                    let id = r.id.clone();
                    // Named by its title, as everywhere else; the id follows, quieter, for
                    // someone who searches by it.
                    view! {
                        <tr>
                            <td class="c-title">
                                <button
                                    class="link-button"
                                    data-contract=r.id.clone()
                                    on:click=move |_| selected.set(Some(id.clone()))
                                >
                                    {r.name.clone()}
                                </button>
                                " "
                                <span class="c-id muted">{r.id.clone()}</span>
                            </td>
                            <td class="c-client" data-label="Client">
                                {r.client.clone()}
                            </td>
                            <td class="c-kind" data-label="Type">
                                {r.kind}
                            </td>
                            <td class="c-start" data-label="Started">
                                {date(r.start)}
                            </td>
                            <td class="c-status" data-label="Status">
                                {r.status.clone()}
                            </td>
                            <td class="amount c-earned" data-label="Earned">
                                {money(r.earned)}
                            </td>
                            <td class="c-outcome" data-label="JSS outcome">
                                <span class=format!("pill {}", r.outcome)>{r.outcome.clone()}</span>
                            </td>
                        </tr>
                    }
                }
            </For>
        </DataTable>
        <Pager total=total page=page what="contracts" />
        {move || {
            (rows.with(Vec::is_empty))
                .then(|| {
                    view! {
                        <p class="muted">
                            "No contracts match. Add one, or open the demo from the dashboard."
                        </p>
                    }
                })
        }}
        {move || {
            selected.get().map(|id| view! { <ContractDetail id=id undo=undo selected=selected /> })
        }}
    }
}

/// The list's rows for every contract. The clients and the report's lines are looked up by id
/// through maps built once, so the work grows with the number of contracts, not its square.
fn rows_of(
    s: &jss_engine::scenario::Scenario,
    report: Option<&jss_engine::jss::ScoreReport>,
) -> Vec<Row> {
    let clients: HashMap<&str, &str> = s
        .clients
        .iter()
        .map(|k| {
            let name = if k.name.is_empty() { &k.id } else { &k.name };
            (k.id.as_str(), name.as_str())
        })
        .collect();
    let outcomes: HashMap<&str, String> = report
        .map(|r| {
            r.contracts
                .iter()
                .map(|l| (l.id.as_str(), l.outcome.to_string()))
                .collect()
        })
        .unwrap_or_default();
    s.contracts
        .iter()
        .map(|c| Row {
            id: c.id.clone(),
            name: c.title_or_kind(),
            client: clients
                .get(c.client.as_str())
                .map_or_else(|| c.client.clone(), |name| (*name).to_owned()),
            kind: match c.terms {
                Terms::Hourly { .. } => "hourly",
                Terms::Fixed { .. } => "fixed",
            },
            start: c.start,
            status: match c.end {
                None => "open".to_string(),
                Some(e) => format!("ended {}", date(e.date)),
            },
            earned: c.earnings().unwrap_or_default(),
            outcome: outcomes
                .get(c.id.as_str())
                .cloned()
                .unwrap_or_else(|| "—".to_string()),
        })
        .collect()
}
