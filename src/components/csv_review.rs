//! The review table of an Upwork CSV import: one row per draft contract, with inputs for what
//! the files cannot say (open or ended, end date, who ended it, why, the client's stars, and
//! the client, type or hourly rate when the rows do not give them).

use chrono::NaiveDate;
use jss_engine::csv_import::{
    Answers, ContractAnswer, ContractKind, Draft, DraftContract, Status, Unknown,
};
use jss_engine::money::Money;
use jss_engine::scenario::parse::Problem;
use jss_engine::scenario::{End, EndReason, Feedback, Party, Stars};
use leptos::prelude::*;

use crate::format;

/// The user's inputs for one draft contract, as typed.
#[derive(Clone, Copy)]
pub struct RowInputs {
    pub skip: RwSignal<bool>,
    /// `""` (not answered), `"open"` or `"ended"`.
    pub status: RwSignal<String>,
    pub end: RwSignal<String>,
    /// `""`, `"client"`, `"freelancer"` or `"platform"`.
    pub by: RwSignal<String>,
    /// `""` or an [`EndReason`] name.
    pub reason: RwSignal<String>,
    /// Empty = no feedback.
    pub stars: RwSignal<String>,
    /// Used only when the files name no client.
    pub client: RwSignal<String>,
    /// Used only when the rows do not say hourly or fixed-price.
    pub kind: RwSignal<String>,
    /// Used only when the rows show no hourly rate.
    pub rate: RwSignal<String>,
}

impl RowInputs {
    pub fn new(contract: &DraftContract) -> RowInputs {
        let end = contract.last_payment.unwrap_or(contract.start);
        RowInputs {
            skip: RwSignal::new(false),
            status: RwSignal::new(String::new()),
            end: RwSignal::new(end.to_string()),
            by: RwSignal::new(String::new()),
            reason: RwSignal::new(String::new()),
            stars: RwSignal::new(String::new()),
            client: RwSignal::new(String::new()),
            kind: RwSignal::new(String::new()),
            rate: RwSignal::new(String::new()),
        }
    }
}

/// What the user must answer for this contract beyond its status.
fn asks(contract: &DraftContract, unknown: Unknown) -> bool {
    contract.unknowns.contains(&unknown)
}

fn party(value: &str) -> Option<Party> {
    match value {
        "client" => Some(Party::Client),
        "freelancer" => Some(Party::Freelancer),
        "platform" => Some(Party::Platform),
        _ => None,
    }
}

fn reason(value: &str) -> Option<EndReason> {
    match value {
        "completed" => Some(EndReason::Completed),
        "not_completed" => Some(EndReason::NotCompleted),
        "client_unresponsive" => Some(EndReason::ClientUnresponsive),
        "other" => Some(EndReason::Other),
        _ => None,
    }
}

/// A contract's name in messages: its title and id.
pub fn contract_label(contract: &DraftContract) -> String {
    match &contract.title {
        Some(title) => format!("{title} ({})", contract.id),
        None => format!("Contract {}", contract.id),
    }
}

/// The answers as typed, and the problems found in them before the engine looks (a missing
/// "ended by", a star rating that is not a number, ...), as sentences.
fn answers_of(draft: &Draft, rows: &[RowInputs]) -> (Answers, Vec<(String, String)>) {
    let mut answers = Answers::default();
    let mut problems = Vec::new();
    for (contract, row) in draft.contracts.iter().zip(rows) {
        let label = contract_label(contract);
        let mut answer = ContractAnswer {
            skip: row.skip.get(),
            ..ContractAnswer::default()
        };
        if answer.skip {
            answers.contracts.insert(contract.id.clone(), answer);
            continue;
        }
        let mut own = Vec::new();
        if contract.client_name.is_none() {
            let name = row.client.get();
            if !name.trim().is_empty() {
                answer.client_name = Some(name.trim().to_string());
            }
        }
        if asks(contract, Unknown::Type) {
            answer.kind = match row.kind.get().as_str() {
                "hourly" => Some(ContractKind::Hourly),
                "fixed" => Some(ContractKind::Fixed),
                _ => None,
            };
        }
        if asks(contract, Unknown::HourlyRate) {
            let text = row.rate.get();
            let text = text.trim().trim_start_matches('$');
            if !text.is_empty() {
                match text
                    .parse::<f64>()
                    .ok()
                    .and_then(|v| Money::from_usd(v).ok())
                {
                    Some(rate) if rate.to_usd() > 0.0 => answer.hourly_rate = Some(rate),
                    _ => own.push(format!(
                        "{label}: the hourly rate \"{text}\" is not an amount in dollars."
                    )),
                }
            }
        }
        match row.status.get().as_str() {
            "open" => answer.status = Some(Status::Open),
            "ended" => {
                let date = NaiveDate::parse_from_str(&row.end.get(), "%Y-%m-%d").ok();
                if date.is_none() {
                    own.push(format!("{label}: choose the end date."));
                }
                let by = party(&row.by.get());
                if by.is_none() {
                    own.push(format!("{label}: choose who ended the contract."));
                }
                let why = reason(&row.reason.get());
                if why.is_none() {
                    own.push(format!("{label}: choose why the contract ended."));
                }
                let stars_text = row.stars.get();
                let stars_text = stars_text.trim();
                let stars = if stars_text.is_empty() {
                    Ok(None)
                } else {
                    stars_text
                        .replace(',', ".")
                        .parse::<f64>()
                        .ok()
                        .and_then(Stars::from_f64)
                        .map(Some)
                        .ok_or(())
                };
                if stars.is_err() {
                    own.push(format!(
                        "{label}: the client's stars \"{stars_text}\" must be a number from 1 to 5 (at most two decimals), or empty for no feedback."
                    ));
                }
                if let (Some(date), Some(by), Some(why), Ok(stars)) = (date, by, why, stars) {
                    answer.status = Some(Status::Ended {
                        end: End {
                            date,
                            by,
                            reason: why,
                        },
                        feedback: stars.map(|stars| Feedback {
                            date,
                            stars,
                            private_score: None,
                        }),
                    });
                }
            }
            _ => {}
        }
        problems.extend(own.into_iter().map(|p| (contract.id.clone(), p)));
        answers.contracts.insert(contract.id.clone(), answer);
    }
    (answers, problems)
}

fn field_words(field: &str) -> &str {
    match field {
        "status" => "choose open or ended",
        "client_name" => "type the client's name",
        "kind" => "choose hourly or fixed-price",
        "hourly_rate" => "type the hourly rate",
        other => other,
    }
}

/// The engine's problem in plain words, naming the contract.
fn problem_words(draft: &Draft, kept: &[&DraftContract], problem: &Problem) -> String {
    if let Some(rest) = problem.path.strip_prefix("answers.contracts.") {
        if let Some((id, field)) = rest.rsplit_once('.') {
            if let Some(contract) = draft.contracts.iter().find(|c| c.id == id) {
                let why = problem
                    .message
                    .split_once(": ")
                    .map_or(problem.message.as_str(), |(_, why)| why);
                return format!(
                    "{}: {} ({why}).",
                    contract_label(contract),
                    field_words(field)
                );
            }
        }
    }
    if let Some(rest) = problem.path.strip_prefix("contracts[") {
        if let Some((index, tail)) = rest.split_once(']') {
            if let Some(contract) = index.parse::<usize>().ok().and_then(|i| kept.get(i)) {
                let tail = tail.trim_start_matches('.');
                let place = if tail.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", tail.replace(['.', '_'], " "))
                };
                return format!("{}{place}: {}.", contract_label(contract), problem.message);
            }
        }
    }
    format!("{problem}.")
}

/// Builds the scenario from the draft and the inputs, or says in words what is still missing.
pub fn preview(
    draft: &Draft,
    rows: &[RowInputs],
) -> Result<jss_engine::scenario::Scenario, Vec<String>> {
    let (answers, own) = answers_of(draft, rows);
    let kept: Vec<&DraftContract> = draft
        .contracts
        .iter()
        .filter(|c| !answers.contracts.get(&c.id).is_some_and(|a| a.skip))
        .collect();
    if kept.is_empty() {
        return Err(vec![
            "Every contract is skipped: keep at least one to import.".to_string(),
        ]);
    }
    match draft.to_scenario(&answers) {
        Ok(scenario) if own.is_empty() => Ok(scenario),
        Ok(_) => Err(own.into_iter().map(|(_, p)| p).collect()),
        Err(problems) => {
            let mut words: Vec<String> = own.iter().map(|(_, p)| p.clone()).collect();
            for problem in &problems {
                // A row whose own answers are incomplete has no status yet: its own problems
                // already say what is missing.
                let status_of_incomplete = own
                    .iter()
                    .any(|(id, _)| problem.path == format!("answers.contracts.{id}.status"));
                if !status_of_incomplete {
                    words.push(problem_words(draft, &kept, problem));
                }
            }
            Err(words)
        }
    }
}

/// A visible "needs an answer" mark, shown while `missing` is true.
fn needs_answer(missing: impl Fn() -> bool + Send + Sync + 'static) -> impl IntoView {
    move || {
        missing().then(|| {
            view! { <span class="needs-answer">"needs an answer"</span> }
        })
    }
}

fn earned(contract: &DraftContract) -> String {
    let paid = Money::checked_sum(contract.payments.iter().map(|p| p.amount));
    let refunded = Money::checked_sum(contract.refunds.iter().map(|p| p.amount));
    match (paid, refunded) {
        (Some(paid), Some(refunded)) => paid
            .checked_sub(refunded)
            .map_or_else(|| "—".to_string(), format::money),
        _ => "—".to_string(),
    }
}

fn one_row(contract: DraftContract, row: RowInputs) -> impl IntoView {
    let id = contract.id.clone();
    let ended = move || row.status.get() == "ended";
    let active = move || !row.skip.get();
    let client_cell = match contract.client_name.clone() {
        Some(name) => view! { {name} }.into_any(),
        None => view! {
            <input
                type="text"
                class="csv-client"
                aria-label=format!("Client of contract {id}")
                data-testid=format!("csv-client-{id}")
                prop:disabled=move || row.skip.get()
                bind:value=row.client
            />
            {needs_answer(move || active() && row.client.with(|c| c.trim().is_empty()))}
        }
        .into_any(),
    };
    let title = contract
        .title
        .clone()
        .unwrap_or_else(|| "(no title in the files)".into());
    let kind_cell = if asks(&contract, Unknown::Type) {
        view! {
            <select
                aria-label=format!("Type of contract {id}")
                prop:disabled=move || row.skip.get()
                bind:value=row.kind
            >
                <option value="">"Choose…"</option>
                <option value="hourly">"hourly"</option>
                <option value="fixed">"fixed-price"</option>
            </select>
            {needs_answer(move || active() && row.kind.with(String::is_empty))}
        }
        .into_any()
    } else {
        let kind = match contract.kind {
            Some(ContractKind::Hourly) => "hourly",
            Some(ContractKind::Fixed) => "fixed-price",
            None => "—",
        };
        view! { {kind} }.into_any()
    };
    let rate_cell = if asks(&contract, Unknown::HourlyRate) {
        view! {
            <br />
            <input
                type="text"
                inputmode="decimal"
                class="csv-rate"
                placeholder="$/hr"
                aria-label=format!("Hourly rate of contract {id}, in dollars")
                data-testid=format!("csv-rate-{id}")
                prop:disabled=move || row.skip.get()
                bind:value=row.rate
            />
            {needs_answer(move || active() && row.rate.with(|r| r.trim().is_empty()))}
        }
        .into_any()
    } else {
        ().into_any()
    };
    let first = format::date(contract.start);
    let last = contract
        .last_payment
        .map_or_else(|| "—".to_string(), format::date);
    let earned = earned(&contract);
    let (a, b, c, d, e, f) = (
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
    );
    view! {
        <tr class:skipped=move || row.skip.get() data-testid=format!("csv-row-{id}")>
            <td>
                <input
                    type="checkbox"
                    aria-label=format!("Skip contract {a}")
                    data-testid=format!("csv-skip-{a}")
                    bind:checked=row.skip
                />
            </td>
            <th scope="row">
                <code>{id.clone()}</code>
            </th>
            <td>{client_cell}</td>
            <td>{title}</td>
            <td>{kind_cell} {rate_cell}</td>
            <td>{first}</td>
            <td>{last}</td>
            <td class="num">{earned}</td>
            <td>
                <select
                    aria-label=format!("Open or ended: contract {b}")
                    data-testid=format!("csv-status-{b}")
                    prop:disabled=move || row.skip.get()
                    bind:value=row.status
                >
                    <option value="">"Choose…"</option>
                    <option value="open">"still open"</option>
                    <option value="ended">"ended"</option>
                </select>
                {needs_answer(move || active() && row.status.with(String::is_empty))}
            </td>
            <td>
                <input
                    type="date"
                    aria-label=format!("End date of contract {c}")
                    data-testid=format!("csv-end-{c}")
                    prop:disabled=move || !ended() || row.skip.get()
                    bind:value=row.end
                />
            </td>
            <td>
                <select
                    aria-label=format!("Ended by: contract {d}")
                    data-testid=format!("csv-by-{d}")
                    prop:disabled=move || !ended() || row.skip.get()
                    bind:value=row.by
                >
                    <option value="">"Choose…"</option>
                    <option value="client">"the client"</option>
                    <option value="freelancer">"me"</option>
                    <option value="platform">"Upwork"</option>
                </select>
                {needs_answer(move || active() && ended() && row.by.with(String::is_empty))}
            </td>
            <td>
                <select
                    aria-label=format!("Reason contract {e} ended")
                    data-testid=format!("csv-reason-{e}")
                    prop:disabled=move || !ended() || row.skip.get()
                    bind:value=row.reason
                >
                    <option value="">"Choose…"</option>
                    <option value="completed">"work completed"</option>
                    <option value="not_completed">"work not completed"</option>
                    <option value="client_unresponsive">"client unresponsive"</option>
                    <option value="other">"other"</option>
                </select>
                {needs_answer(move || active() && ended() && row.reason.with(String::is_empty))}
            </td>
            <td>
                <input
                    type="text"
                    inputmode="decimal"
                    class="csv-stars"
                    placeholder="none"
                    aria-label=format!("Client's stars for contract {f}, empty for no feedback")
                    data-testid=format!("csv-stars-{f}")
                    prop:disabled=move || !ended() || row.skip.get()
                    bind:value=row.stars
                />
            </td>
        </tr>
    }
}

/// The review table. Rows are built once per import; each input writes its own signal.
#[component]
pub fn CsvReview(draft: Draft, rows: Vec<RowInputs>) -> impl IntoView {
    let body = draft
        .contracts
        .into_iter()
        .zip(rows)
        .map(|(contract, row)| one_row(contract, row))
        .collect_view();
    view! {
        <p class="muted">
            "Answer what the files cannot say for each contract, or skip the ones you do not want. The score below follows your answers."
        </p>
        <div class="table-scroll">
            <table class="data-table csv-review" data-testid="csv-review">
                <caption class="visually-hidden">"Contracts found in the files"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Skip"</th>
                        <th scope="col">"Contract"</th>
                        <th scope="col">"Client"</th>
                        <th scope="col">"Title"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"First payment"</th>
                        <th scope="col">"Last payment"</th>
                        <th scope="col">"Earned"</th>
                        <th scope="col">"Open or ended"</th>
                        <th scope="col">"End date"</th>
                        <th scope="col">"Ended by"</th>
                        <th scope="col">"Reason"</th>
                        <th scope="col">"Client's stars"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
