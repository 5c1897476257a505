use jss_engine::scenario::ops::Op;
use jss_engine::scenario::{Contract, Scenario, Terms};
use leptos::prelude::*;

use crate::components::common::form_problems::reveal_on_mount;
use crate::components::common::problem_list::ProblemList;
use crate::components::contracts::contract_actions::ContractActions;
use crate::components::contracts::contract_edit_form::ContractEditForm;
use crate::components::contracts::contract_warnings::ContractWarnings;
use crate::format::{date, money};
use crate::state::{AppState, UndoStep};

/// "“Title” for Client": a contract named in the undo bar and headings' sentences.
pub fn contract_name(s: &Scenario, c: &Contract) -> String {
    format!(
        "\u{201c}{}\u{201d} for {}",
        c.title_or_kind(),
        s.client_name(&c.client)
    )
}

/// One contract: its facts, its part in the JSS, its timeline (past and scheduled) and the
/// actions that make sense now. Every action is validated by the engine; a refused action
/// shows why and changes nothing. When it opens, the panel scrolls into view and its heading
/// takes the focus, so the user sees (and a screen reader announces) what opened.
#[component]
pub fn ContractDetail(
    id: String,
    undo: RwSignal<Option<UndoStep>>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = AppState::get();
    let contract_id = StoredValue::new(id);
    let contract = Memo::new(move |_| {
        let id = contract_id.get_value();
        state.scenario.with(|s| {
            s.as_ref().and_then(|s| {
                let c = s.contracts.iter().find(|c| c.id == id)?;
                Some((c.clone(), s.client_name(&c.client).to_owned()))
            })
        })
    });
    let problems = RwSignal::new(Vec::<String>::new());
    let editing = RwSignal::new(false);
    let heading = NodeRef::<leptos::html::H2>::new();
    reveal_on_mount(heading);

    let delete = move |_| {
        let id = contract_id.get_value();
        let label = state
            .scenario
            .with_untracked(|s| {
                let s = s.as_ref()?;
                let c = s.contracts.iter().find(|c| c.id == id)?;
                Some(format!("Deleted {}.", contract_name(s, c)))
            })
            .unwrap_or_else(|| "Deleted the contract.".into());
        match state.apply(undo, label, Op::DeleteContract(id)) {
            Ok(_) => {
                problems.set(Vec::new());
                selected.set(None);
            }
            Err(ps) => problems.set(ps.iter().map(ToString::to_string).collect()),
        }
    };

    view! {
        <section
            class="card contract-detail"
            aria-labelledby="detail-title"
            data-testid="contract-detail"
        >
            <h2 id="detail-title" tabindex="-1" node_ref=heading>
                {move || contract.with(|c| c.as_ref().map(|(c, _)| c.title_or_kind()))}
            </h2>
            {move || {
                contract
                    .get()
                    .map(|(c, client)| {
                        view! {
                            <Facts contract=c.clone() client=client />
                            <ContractWarnings id=c.id.clone() undo=undo />
                            <JssLine id=c.id.clone() />
                            <ContractTimeline contract=c.clone() />
                        }
                    })
            }}
            <h3>"Actions"</h3>
            <ContractActions id=contract_id.get_value() undo=undo />
            {move || {
                (editing.get())
                    .then(|| {
                        contract
                            .get_untracked()
                            .map(|(c, _)| {
                                view! {
                                    <ContractEditForm
                                        contract=c
                                        undo=undo
                                        on_done=Callback::new(move |()| editing.set(false))
                                    />
                                }
                            })
                    })
            }}
            <div class="toolbar">
                <button
                    class="secondary"
                    data-testid="edit-contract"
                    aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|v| *v = !*v)
                >
                    "Edit the facts"
                </button>
                <button class="secondary" data-testid="delete" on:click=delete>
                    "Delete contract"
                </button>
                <button class="secondary" on:click=move |_| selected.set(None)>
                    "Close"
                </button>
            </div>
            <ProblemList problems=problems class="field-error" testid="action-problems" />
        </section>
    }
}

#[component]
fn Facts(contract: Contract, client: String) -> impl IntoView {
    let c = contract;
    view! {
        <dl class="facts">
            <dt>"Client"</dt>
            <dd data-testid="contract-client">{client}</dd>
            <dt>"Terms"</dt>
            <dd data-testid="contract-terms">{terms_text(&c.terms)}</dd>
            <dt>"Started"</dt>
            <dd>{date(c.start)}</dd>
            <dt>"Earned"</dt>
            <dd>{money(c.earnings().unwrap_or_default())}</dd>
            <dt>"Ended"</dt>
            <dd>
                {c
                    .end
                    .map_or(
                        "Open".to_string(),
                        |e| {
                            format!(
                                "{} by the {} ({})",
                                date(e.date),
                                e.by.as_str(),
                                e.reason.as_str().replace('_', " "),
                            )
                        },
                    )}
            </dd>
            <dt>"Client feedback"</dt>
            <dd>
                {c
                    .feedback
                    .map_or(
                        "None".to_string(),
                        |f| format!("{:.2} stars on {}", f.stars.as_f64(), date(f.date)),
                    )}
            </dd>
        </dl>
    }
}

/// The contract's type and, for hourly work, its rate and weekly limit. A $0 rate is how an
/// unknown rate is stored (the fast table's blank), so it is called unknown.
fn terms_text(terms: &Terms) -> String {
    match terms {
        Terms::Fixed { .. } => "Fixed price".to_string(),
        Terms::Hourly {
            hourly_rate,
            weekly_limit_hours,
        } => {
            let rate = if hourly_rate.cents() == 0 {
                "rate unknown".to_string()
            } else {
                format!("{}/hr", money(*hourly_rate))
            };
            let limit =
                weekly_limit_hours.map_or(String::new(), |h| format!(", up to {h} h a week"));
            format!("Hourly, {rate}{limit}")
        }
    }
}

/// The contract's line in the JSS report: class, weight, reason, and when it leaves each window.
#[component]
fn JssLine(id: String) -> impl IntoView {
    let state = AppState::get();
    move || {
        state
            .report
            .get()
            .and_then(|r| r.contracts.into_iter().find(|l| l.id == id))
            .map(|l| {
                let leaves = l
                    .leaves
                    .iter()
                    .map(|(w, d)| format!("leaves the {} window on {}", w.label(), date(*d)))
                    .collect::<Vec<_>>()
                    .join("; ");
                view! {
                    <p data-testid="jss-line">
                        <span class=format!("pill {}", l.outcome)>{l.outcome}</span>
                        {format!(" weight {} · {}", l.weight, l.reason)}
                        {(!leaves.is_empty()).then(|| format!(" · {leaves}"))}
                    </p>
                }
            })
    }
}

/// Past facts and scheduled automatic events for this contract, in date order.
#[component]
fn ContractTimeline(contract: Contract) -> impl IntoView {
    let state = AppState::get();
    let id = contract.id.clone();
    // The start comes first on its day; the rest keep their order within a day.
    let mut past: Vec<(chrono::NaiveDate, String)> = vec![(contract.start, "started".into())];
    past.extend(
        contract
            .payments
            .iter()
            .map(|p| (p.date, format!("payment {}", money(p.amount))))
            .chain(
                contract
                    .refunds
                    .iter()
                    .map(|p| (p.date, format!("refund {}", money(p.amount)))),
            ),
    );
    if let Some(e) = contract.end {
        past.push((e.date, format!("ended by the {}", e.by.as_str())));
    }
    if let Some(f) = contract.feedback {
        past.push((
            f.date,
            format!("client feedback {:.2} stars", f.stars.as_f64()),
        ));
    }
    past.sort_by_key(|(d, _)| *d);
    view! {
        <h3>"Timeline"</h3>
        <ol class="event-list" data-testid="contract-timeline">
            {past
                .into_iter()
                .map(|(d, text)| {
                    view! {
                        <li>
                            <time datetime=d.to_string()>{date(d)}</time>
                            " "
                            <span>"done"</span>
                            " "
                            <span>{text}</span>
                            <span></span>
                        </li>
                    }
                })
                .collect_view()}
            {move || {
                state
                    .upcoming
                    .get()
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|e| e.contract == id)
                    .map(|e| {
                        view! {
                            <li class="scheduled">
                                <time datetime=e.date.to_string()>{date(e.date)}</time>
                                " "
                                <span>"scheduled"</span>
                                " "
                                <span>{e.detail}</span>
                                " "
                                <span class="amount">{e.amount.map(money)}</span>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ol>
    }
}
