use jss_engine::scenario::ops::warn::warnings;
use jss_engine::scenario::ops::Op;
use leptos::prelude::*;

use crate::state::{AppState, UndoStep};

/// What the engine finds doubtful about a contract's facts (an hourly contract whose money is
/// one payment, say), each with the fix it suggests as one button. The fix is an edit like
/// any other: it can be undone.
#[component]
pub fn ContractWarnings(id: String, undo: RwSignal<Option<UndoStep>>) -> impl IntoView {
    let state = AppState::get();
    let id = StoredValue::new(id);
    let found = Memo::new(move |_| {
        let today = state.today.get();
        state.scenario.with(|s| {
            let contract = s
                .as_ref()
                .and_then(|s| s.contracts.iter().find(|c| c.id == id.get_value()));
            contract
                .map(|c| {
                    warnings(c, today)
                        .into_iter()
                        .map(|w| (w.message(), w.fix_label(c), w.fix()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let problem = RwSignal::new(None::<String>);
    move || {
        found
            .get()
            .into_iter()
            .map(|(message, label, fix)| {
                let fix_label = label.clone();
                view! {
                    <div class="contract-warning" data-testid="contract-warning">
                        <p>
                            <strong>"Check this: "</strong>
                            {message}
                        </p>
                        <button
                            type="button"
                            class="secondary"
                            data-testid="apply-fix"
                            on:click=move |_| {
                                let op = Op::Fix {
                                    contract: id.get_value(),
                                    fix,
                                };
                                let done = state.apply(undo, format!("{fix_label}."), op);
                                problem
                                    .set(
                                        done
                                            .err()
                                            .map(|ps| {
                                                ps.iter()
                                                    .map(ToString::to_string)
                                                    .collect::<Vec<_>>()
                                                    .join("; ")
                                            }),
                                    );
                            }
                        >
                            {label}
                        </button>
                        {move || {
                            problem
                                .get()
                                .map(|p| {
                                    view! {
                                        <p class="field-error" role="alert">
                                            {p}
                                        </p>
                                    }
                                })
                        }}
                    </div>
                }
            })
            .collect_view()
    }
}
