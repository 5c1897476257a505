use leptos::prelude::*;
use wasm_bindgen::JsCast;

use jss_engine::scenario::ops::read::add_rows;
use jss_engine::scenario::ops::FieldProblem;

use crate::components::common::data_table::DataTable;
use crate::components::common::table_head::Columns;
use crate::components::common::text_field::field_error;
use crate::entry::{column_of, TableRow, COLUMNS};
use crate::state::{AppState, UndoStep};

/// One row of the grid: a stable key and a signal per cell.
#[derive(Clone, Copy)]
struct GridRow {
    key: usize,
    cells: [RwSignal<String>; COLUMNS.len()],
}

impl GridRow {
    fn new(key: usize, row: &TableRow) -> GridRow {
        GridRow {
            key,
            cells: std::array::from_fn(|i| RwSignal::new(row.cells[i].clone())),
        }
    }

    fn value(&self) -> TableRow {
        TableRow {
            cells: std::array::from_fn(|i| self.cells[i].get_untracked()),
        }
    }
}

/// A grid for entering many past contracts quickly: Tab moves across cells, Enter adds a row,
/// and pasting tab-separated lines (from a spreadsheet) fills rows. The rows are checked as
/// one batch, with each problem in its cell, and added in one edit (one undo).
#[component]
pub fn FastTable(undo: RwSignal<Option<UndoStep>>) -> impl IntoView {
    let state = AppState::get();
    let next_key = StoredValue::new(1usize);
    let rows = RwSignal::new(vec![GridRow::new(0, &TableRow::default())]);
    let errors = RwSignal::new(Vec::<FieldProblem>::new());
    let saved = RwSignal::new(None::<String>);
    let new_key = move || {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        key
    };
    let filled = move || rows.with(|rs| rs.iter().filter(|r| !r.value().is_blank()).count());

    let add_row_after = move |index: usize| {
        let key = new_key();
        rows.update(|rs| {
            rs.insert(
                (index + 1).min(rs.len()),
                GridRow::new(key, &TableRow::default()),
            )
        });
        focus_cell(key, 0);
    };
    // Fills rows from the one pasted into, adding rows as needed.
    let paste_rows = move |index: usize, pasted: Vec<TableRow>| {
        let mut keys = Vec::new();
        for _ in 0..pasted.len() {
            keys.push(new_key());
        }
        rows.update(|rs| {
            for (offset, (row, key)) in pasted.iter().zip(keys).enumerate() {
                match rs.get(index + offset) {
                    Some(existing) => {
                        for (cell, text) in existing.cells.iter().zip(&row.cells) {
                            cell.set(text.clone());
                        }
                    }
                    None => rs.push(GridRow::new(key, row)),
                }
            }
        });
    };
    let commit = move |_| {
        saved.set(None);
        let values: Vec<TableRow> =
            rows.with_untracked(|rs| rs.iter().map(GridRow::value).collect());
        let texts: Vec<_> = values.iter().map(TableRow::text).collect();
        let today = state.today.get_untracked();
        let result = state
            .scenario
            .with_untracked(|s| add_rows(s.as_ref(), &texts, today));
        match result {
            Ok(done) => {
                let n = done.contracts.len();
                let text = format!("Added {n} contract{}.", if n == 1 { "" } else { "s" });
                state.commit(undo, text.clone(), done.scenario);
                errors.set(Vec::new());
                saved.set(Some(text));
                let key = new_key();
                rows.set(vec![GridRow::new(key, &TableRow::default())]);
            }
            Err(es) => errors.set(es),
        }
    };
    let columns = std::iter::once("#")
        .chain(COLUMNS.iter().map(|(_, label)| *label))
        .collect::<Columns>();

    view! {
        <section
            class="card fast-table"
            aria-labelledby="fast-table-title"
            data-testid="fast-table"
        >
            <h2 id="fast-table-title">"Enter many past contracts"</h2>
            <p class="muted">
                "Tab moves to the next cell, Enter adds a row, and pasting lines copied from a spreadsheet (columns in this order) fills rows. Dates are YYYY-MM-DD; an empty end means still open; type is hourly or fixed. The last column, Rate $/hr, is for hourly contracts only; left empty, the rate is $0 (unknown) until you edit the contract."
            </p>
            <DataTable class="entry-grid" caption="New contracts" columns=columns>
                <For each=move || rows.get() key=|r| r.key let:row>
                    {
                        let index = move || {
                            rows.with(|rs| {
                                rs.iter().position(|r| r.key == row.key).unwrap_or(0)
                            })
                        };
                        view! {
                            <tr>
                                <th scope="row">{move || index() + 1}</th>
                                {COLUMNS
                                    .iter()
                                    .enumerate()
                                    .map(|(col, (_, label))| {
                                        let cell = row.cells[col];
                                        let error = move || {
                                            let i = index();
                                            errors
                                                .with(|es| {
                                                    es.iter()
                                                        .filter(|e| e.row == i && column_of(e.field) == col)
                                                        .map(ToString::to_string)
                                                        .collect::<Vec<_>>()
                                                        .join("; ")
                                                })
                                        };
                                        let error_id = format!("cell-error-{}-{col}", row.key);
                                        let described = error_id.clone();
                                        view! {
                                            <td>
                                                <input
                                                    class="grid-cell"
                                                    data-cell=format!("{}-{col}", row.key)
                                                    aria-label=move || format!("Row {} {}", index() + 1, label)
                                                    aria-invalid=move || (!error().is_empty()).then_some("true")
                                                    aria-describedby=move || {
                                                        (!error().is_empty()).then(|| described.clone())
                                                    }
                                                    bind:value=cell
                                                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                                        if ev.key() == "Enter" {
                                                            ev.prevent_default();
                                                            add_row_after(index());
                                                        }
                                                    }
                                                    on:paste=move |ev: leptos::ev::ClipboardEvent| {
                                                        let text = pasted_text(&ev);
                                                        if text.contains('\t') || text.contains('\n') {
                                                            ev.prevent_default();
                                                            paste_rows(index(), crate::entry::rows_from_paste(&text));
                                                        }
                                                    }
                                                />
                                                {field_error(error_id.clone(), Signal::derive(error))}
                                            </td>
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        }
                    }
                </For>
            </DataTable>
            <p class="toolbar">
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| add_row_after(rows.with(Vec::len).saturating_sub(1))
                >
                    "Add a row"
                </button>
                <button type="button" data-testid="fast-table-commit" on:click=commit>
                    {move || {
                        let n = filled();
                        format!("Add {n} contract{}", if n == 1 { "" } else { "s" })
                    }}
                </button>
            </p>
            {move || {
                let cells = errors.with(|es| cells_to_fix(es));
                (!cells.is_empty())
                    .then(|| {
                        view! {
                            <p class="form-problems" role="alert" data-testid="fast-table-problems">
                                {format!(
                                    "Nothing was added. Fix {cells}; each cell says what is wrong.",
                                )}
                            </p>
                        }
                    })
            }}
            {move || {
                saved
                    .get()
                    .map(|s| {
                        view! {
                            <p role="status" data-testid="fast-table-saved">
                                {s}
                            </p>
                        }
                    })
            }}
        </section>
    }
}

/// The cells with problems, by row: "row 2 (Client, Start) and row 3 (End)".
fn cells_to_fix(problems: &[FieldProblem]) -> String {
    let mut rows: Vec<(usize, Vec<&str>)> = Vec::new();
    for p in problems {
        let label = COLUMNS[column_of(p.field)].1;
        match rows.iter_mut().find(|(row, _)| *row == p.row) {
            Some((_, labels)) if labels.contains(&label) => {}
            Some((_, labels)) => labels.push(label),
            None => rows.push((p.row, vec![label])),
        }
    }
    let parts: Vec<String> = rows
        .iter()
        .map(|(row, labels)| format!("row {} ({})", row + 1, labels.join(", ")))
        .collect();
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The plain text of a paste. Read through JavaScript properties because the app's web-sys
/// build does not include `DataTransfer`.
fn pasted_text(ev: &leptos::ev::ClipboardEvent) -> String {
    let data = js_sys::Reflect::get(ev, &"clipboardData".into()).ok();
    let get = data
        .as_ref()
        .and_then(|d| js_sys::Reflect::get(d, &"getData".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match (data, get) {
        (Some(d), Some(f)) => f
            .call1(&d, &"text/plain".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// Moves focus to a cell once the new row is drawn.
fn focus_cell(key: usize, column: usize) {
    request_animation_frame(move || {
        let cell = document()
            .query_selector(&format!("[data-cell=\"{key}-{column}\"]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(cell) = cell {
            let _ = cell.focus();
        }
    });
}
