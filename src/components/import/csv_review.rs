//! The review table of an Upwork CSV import: one row per draft contract, with inputs for what
//! the files cannot say (open or ended, end date, who ended it, why, the client's stars, and
//! the client, type or hourly rate when the rows do not give them), and the corrections of the
//! importer's grouping: tick rows and merge them, or split one row at a date.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use jss_engine::csv_import::{
    merge, split, AnswerField, Answers, ContractAnswer, ContractKind, Draft, DraftContract,
    ReviewError, Status, Unknown,
};
use jss_engine::money::Money;
use jss_engine::scenario::parse::{Problem, ProblemPlace};
use jss_engine::scenario::{End, EndReason, Feedback, Party, Stars};
use leptos::prelude::*;

use crate::components::common::data_table::DataTable;
use crate::components::common::error_alert::ErrorAlert;
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
    /// The date typed for splitting this contract, and why the last split was refused.
    pub split_at: RwSignal<String>,
    pub split_error: RwSignal<Option<String>>,
}

/// The date a split most likely wants: that of the middle payment, so both parts keep some.
fn middle_payment(contract: &DraftContract) -> String {
    let middle = contract.payments.len() / 2;
    contract
        .payments
        .get(middle)
        .map_or_else(String::new, |p| p.date.to_string())
}

/// The end date offered until the user changes it: the last payment.
fn default_end(contract: &DraftContract) -> String {
    contract.last_payment.unwrap_or(contract.start).to_string()
}

impl RowInputs {
    pub fn new(contract: &DraftContract) -> RowInputs {
        RowInputs {
            skip: RwSignal::new(false),
            status: RwSignal::new(String::new()),
            end: RwSignal::new(default_end(contract)),
            by: RwSignal::new(String::new()),
            reason: RwSignal::new(String::new()),
            stars: RwSignal::new(String::new()),
            client: RwSignal::new(String::new()),
            kind: RwSignal::new(String::new()),
            rate: RwSignal::new(String::new()),
            split_at: RwSignal::new(middle_payment(contract)),
            split_error: RwSignal::new(None),
        }
    }

    /// After a split or merge changed this row's contract from `before` to `after`: the
    /// offered dates follow it, unless the user has changed the end date.
    fn follow(&self, before: Option<&DraftContract>, after: &DraftContract) {
        if before.is_some_and(|c| self.end.get_untracked() == default_end(c)) {
            self.end.set(default_end(after));
        }
        self.split_at.set(middle_payment(after));
        self.split_error.set(None);
    }
}

/// A draft being reviewed, with the inputs of each of its contracts by id. Merging and
/// splitting give a new state: the kept contract keeps its inputs, a new part gets fresh ones.
#[derive(Clone, Default)]
pub struct ReviewState {
    pub draft: Draft,
    pub rows: BTreeMap<String, RowInputs>,
}

impl ReviewState {
    /// Creates the inputs' signals in the current owner: call it inside the owner that should
    /// keep them (the page), not inside a view that re-renders.
    pub fn new(draft: Draft) -> ReviewState {
        let rows = draft
            .contracts
            .iter()
            .map(|c| (c.id.clone(), RowInputs::new(c)))
            .collect();
        ReviewState { draft, rows }
    }

    fn merged(&self, ids: &[String]) -> Result<ReviewState, ReviewError> {
        let draft = merge(&self.draft, ids)?;
        let mut rows = self.rows.clone();
        for id in ids.iter().skip(1) {
            rows.remove(id);
        }
        if let Some(id) = ids.first() {
            let before = self.draft.contracts.iter().find(|c| c.id == *id);
            let after = draft.contracts.iter().find(|c| c.id == *id);
            if let (Some(after), Some(row)) = (after, rows.get(id)) {
                row.follow(before, after);
            }
        }
        Ok(ReviewState { draft, rows })
    }

    fn split(
        &self,
        id: &str,
        at: NaiveDate,
        owner: &Owner,
    ) -> Result<(ReviewState, String), ReviewError> {
        let (draft, new_id) = split(&self.draft, id, at)?;
        let mut rows = self.rows.clone();
        for contract in &draft.contracts {
            if contract.id == new_id {
                rows.insert(new_id.clone(), owner.with(|| RowInputs::new(contract)));
            } else if contract.id == id {
                let before = self.draft.contracts.iter().find(|c| c.id == id);
                if let Some(row) = rows.get(id) {
                    row.follow(before, contract);
                }
            }
        }
        Ok((ReviewState { draft, rows }, new_id))
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
fn answers_of(
    draft: &Draft,
    rows: &BTreeMap<String, RowInputs>,
) -> (Answers, Vec<(String, String)>) {
    let mut answers = Answers::default();
    let mut problems = Vec::new();
    for contract in &draft.contracts {
        // Every contract has inputs; one without would simply stay unanswered.
        let Some(row) = rows.get(&contract.id) else {
            continue;
        };
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

/// What to do about an answer a contract still needs, as the review asks it.
fn field_words(field: AnswerField) -> &'static str {
    match field {
        AnswerField::Status => "choose open or ended",
        AnswerField::ClientName => "type the client's name",
        AnswerField::Kind => "choose hourly or fixed-price",
        AnswerField::HourlyRate => "type the hourly rate",
    }
}

/// The engine's problem in plain words, naming the contract. `kept` are the contracts not
/// skipped, in the order of the built scenario, which the format's problems index.
fn problem_words(draft: &Draft, kept: &[&DraftContract], problem: &Problem) -> String {
    match &problem.place {
        ProblemPlace::Answer { contract, field } => {
            if let Some(contract) = draft.contracts.iter().find(|c| c.id == *contract) {
                let why = problem
                    .message
                    .split_once(": ")
                    .map_or(problem.message.as_str(), |(_, why)| why);
                return format!(
                    "{}: {} ({why}).",
                    contract_label(contract),
                    field_words(*field)
                );
            }
        }
        ProblemPlace::Contract { index, .. } => {
            if let Some(contract) = kept.get(*index) {
                let place = problem
                    .place
                    .within_words()
                    .map_or_else(String::new, |words| format!(" ({words})"));
                return format!("{}{place}: {}.", contract_label(contract), problem.message);
            }
        }
        ProblemPlace::Document | ProblemPlace::StrayAnswer { .. } => {}
    }
    format!("{problem}.")
}

/// Builds the scenario from the draft and the inputs, or says in words what is still missing.
pub fn preview(review: &ReviewState) -> Result<jss_engine::scenario::Scenario, Vec<String>> {
    let draft = &review.draft;
    let (answers, own) = answers_of(draft, &review.rows);
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
                let status_of_incomplete = matches!(
                    &problem.place,
                    ProblemPlace::Answer { contract, field: AnswerField::Status }
                        if own.iter().any(|(id, _)| id == contract)
                );
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

/// A refused merge or split as a sentence: capital first letter, full stop. The engine's
/// messages start with an ASCII word, and ASCII casing keeps Unicode's case tables out of the
/// download.
pub fn sentence(error: &ReviewError) -> String {
    let mut text = error.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text.push('.');
    text
}

/// Whether an answer cell is disabled: a skipped row, or an "ended" question on an open row.
type Disabled = fn(&RowInputs) -> bool;

fn when_skipped(row: &RowInputs) -> bool {
    row.skip.get()
}

fn unless_ended(row: &RowInputs) -> bool {
    row.skip.get() || row.status.get() != "ended"
}

/// One question asked with a list: "Choose…" and the options, marked while unanswered.
/// Options are selected by their own `selected` property so that a row drawn again after a
/// merge or split shows the answer it already had.
fn choice(
    row: RowInputs,
    value: RwSignal<String>,
    label: String,
    testid: Option<String>,
    options: &'static [(&'static str, &'static str)],
    disabled: Disabled,
) -> impl IntoView {
    let options = options
        .iter()
        .map(|(key, text)| {
            view! {
                <option value=*key prop:selected=move || value.with(|v| v == key)>
                    {*text}
                </option>
            }
        })
        .collect_view();
    view! {
        <select
            aria-label=label
            data-testid=testid
            prop:disabled=move || disabled(&row)
            bind:value=value
        >
            <option value="" prop:selected=move || value.with(String::is_empty)>
                "Choose…"
            </option>
            {options}
        </select>
        {needs_answer(move || !disabled(&row) && value.with(|v| v.trim().is_empty()))}
    }
}

/// How a typed answer looks: input type, width class, hint, and the keyboard to offer.
struct Field {
    kind: &'static str,
    class: &'static str,
    placeholder: Option<&'static str>,
    inputmode: Option<&'static str>,
}

const CLIENT: Field = Field {
    kind: "text",
    class: "csv-client",
    placeholder: None,
    inputmode: None,
};
const RATE: Field = Field {
    kind: "text",
    class: "csv-rate",
    placeholder: Some("$/hr"),
    inputmode: Some("decimal"),
};
const END: Field = Field {
    kind: "date",
    class: "csv-end",
    placeholder: None,
    inputmode: None,
};
const STARS: Field = Field {
    kind: "text",
    class: "csv-stars",
    placeholder: Some("none"),
    inputmode: Some("decimal"),
};

/// One typed answer.
fn typed(
    row: RowInputs,
    value: RwSignal<String>,
    field: Field,
    label: String,
    testid: String,
    disabled: Disabled,
) -> impl IntoView {
    view! {
        <input
            type=field.kind
            inputmode=field.inputmode
            placeholder=field.placeholder
            class=field.class
            aria-label=label
            data-testid=testid
            prop:disabled=move || disabled(&row)
            bind:value=value
        />
    }
}

const STATUS_OPTIONS: &[(&str, &str)] = &[("open", "still open"), ("ended", "ended")];
const KIND_OPTIONS: &[(&str, &str)] = &[("hourly", "hourly"), ("fixed", "fixed-price")];
const BY_OPTIONS: &[(&str, &str)] = &[
    ("client", "the client"),
    ("freelancer", "me"),
    ("platform", "Upwork"),
];
const REASON_OPTIONS: &[(&str, &str)] = &[
    ("completed", "work completed"),
    ("not_completed", "work not completed"),
    ("client_unresponsive", "client unresponsive"),
    ("other", "other"),
];

/// The "Split…" disclosure of one row: a date and a button; a refusal is shown inside it.
fn split_cell(id: String, row: RowInputs, on_split: Callback<String>) -> impl IntoView {
    let for_click = id.clone();
    view! {
        <details class="csv-split" open=move || row.split_error.with(Option::is_some)>
            <summary data-testid=format!(
                "csv-split-open-{id}",
            )>"Split…" <span class="visually-hidden">{format!(" contract {id}")}</span></summary>
            <label>
                <span>"Payments from this date become a new contract"</span>
                <input
                    type="date"
                    data-testid=format!("csv-split-date-{id}")
                    bind:value=row.split_at
                />
            </label>
            <button
                type="button"
                class="secondary"
                data-testid=format!("csv-split-{id}")
                on:click=move |_| on_split.run(for_click.clone())
            >
                "Split here"
                <span class="visually-hidden">{format!(" (contract {id})")}</span>
            </button>
            {move || {
                row.split_error
                    .get()
                    .map(|e| {
                        view! {
                            <p
                                class="error"
                                role="alert"
                                data-testid=format!("csv-split-error-{id}")
                            >
                                {e}
                            </p>
                        }
                    })
            }}
        </details>
    }
}

fn one_row(
    contract: DraftContract,
    row: RowInputs,
    selected: RwSignal<BTreeSet<String>>,
    on_split: Callback<String>,
) -> impl IntoView {
    let id = contract.id.clone();
    let client_cell = match contract.client_name.clone() {
        Some(name) => view! { {name} }.into_any(),
        None => view! {
            {typed(
                row,
                row.client,
                CLIENT,
                format!("Client of contract {id}"),
                format!("csv-client-{id}"),
                when_skipped,
            )}
            {needs_answer(move || !row.skip.get() && row.client.with(|c| c.trim().is_empty()))}
        }
        .into_any(),
    };
    let title = contract
        .title
        .clone()
        .unwrap_or_else(|| "(no title in the files)".into());
    let kind_cell = if asks(&contract, Unknown::Type) {
        choice(
            row,
            row.kind,
            format!("Type of contract {id}"),
            None,
            KIND_OPTIONS,
            when_skipped,
        )
        .into_any()
    } else {
        let kind = match contract.kind {
            Some(ContractKind::Hourly) => "hourly",
            Some(ContractKind::Fixed) => "fixed-price",
            None => "—",
        };
        view! { {kind} }.into_any()
    };
    let rate_cell = asks(&contract, Unknown::HourlyRate).then(|| {
        view! {
            <br />
            {typed(
                row,
                row.rate,
                RATE,
                format!("Hourly rate of contract {id}, in dollars"),
                format!("csv-rate-{id}"),
                when_skipped,
            )}
            {needs_answer(move || !row.skip.get() && row.rate.with(|r| r.trim().is_empty()))}
        }
    });
    let first = format::date(contract.start);
    let last = contract
        .last_payment
        .map_or_else(|| "—".to_string(), format::date);
    let earned = earned(&contract);
    let for_select = id.clone();
    let is_selected = {
        let id = id.clone();
        move || selected.with(|s| s.contains(&id))
    };
    view! {
        <tr class:skipped=move || row.skip.get() data-testid=format!("csv-row-{id}")>
            <td class="r-merge">
                <label class="check-target">
                    <input
                        type="checkbox"
                        aria-label=format!("Select contract {id} to merge")
                        data-testid=format!("csv-select-{id}")
                        prop:checked=is_selected
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            let id = for_select.clone();
                            selected
                                .update(|s| {
                                    if on {
                                        s.insert(id);
                                    } else {
                                        s.remove(&id);
                                    }
                                });
                        }
                    />
                    <span aria-hidden="true">"Merge"</span>
                </label>
            </td>
            <td class="r-skip">
                <label class="check-target">
                    <input
                        type="checkbox"
                        aria-label=format!("Skip contract {id}")
                        data-testid=format!("csv-skip-{id}")
                        bind:checked=row.skip
                    />
                    <span aria-hidden="true">"Skip"</span>
                </label>
            </td>
            <th scope="row" class="r-id">
                <code>{id.clone()}</code>
            </th>
            <td class="r-client" data-label="Client">
                {client_cell}
            </td>
            <td class="r-title" data-label="Title">
                {title}
            </td>
            <td class="r-kind" data-label="Type">
                {kind_cell}
                {rate_cell}
            </td>
            <td class="r-first" data-label="First payment">
                {first}
            </td>
            <td class="r-last" data-label="Last payment">
                {last}
            </td>
            <td class="num r-earned" data-label="Earned">
                {earned}
            </td>
            <td class="r-status" data-label="Open or ended">
                {choice(
                    row,
                    row.status,
                    format!("Open or ended: contract {id}"),
                    Some(format!("csv-status-{id}")),
                    STATUS_OPTIONS,
                    when_skipped,
                )}
            </td>
            <td class="r-end" data-label="End date">
                {typed(
                    row,
                    row.end,
                    END,
                    format!("End date of contract {id}"),
                    format!("csv-end-{id}"),
                    unless_ended,
                )}
            </td>
            <td class="r-by" data-label="Ended by">
                {choice(
                    row,
                    row.by,
                    format!("Ended by: contract {id}"),
                    Some(format!("csv-by-{id}")),
                    BY_OPTIONS,
                    unless_ended,
                )}
            </td>
            <td class="r-reason" data-label="Reason">
                {choice(
                    row,
                    row.reason,
                    format!("Reason contract {id} ended"),
                    Some(format!("csv-reason-{id}")),
                    REASON_OPTIONS,
                    unless_ended,
                )}
            </td>
            <td class="r-stars" data-label="Client's stars">
                {typed(
                    row,
                    row.stars,
                    STARS,
                    format!("Client's stars for contract {id}, empty for no feedback"),
                    format!("csv-stars-{id}"),
                    unless_ended,
                )}
            </td>
            <td class="r-split">{split_cell(id.clone(), row, on_split)}</td>
        </tr>
    }
}

/// The review table with its corrections. `review` is the page's state: merging and splitting
/// replace it, and the page's score and overlap warnings follow.
#[component]
pub fn CsvReview(review: RwSignal<Option<ReviewState>>) -> impl IntoView {
    // New rows' signals belong to the table, which lives as long as the review does; the
    // table body is drawn again on every merge or split and must not own them.
    let owner = Owner::current().unwrap_or_default();
    let selected = RwSignal::new(BTreeSet::<String>::new());
    let keep = RwSignal::new(String::new());
    let merge_error = RwSignal::new(None::<String>);
    let done = RwSignal::new(String::new());
    // The ticked ids in table order, the one to keep first.
    let chosen = move || -> Vec<String> {
        let mut ids: Vec<String> = review.with(|r| {
            r.as_ref().map_or_else(Vec::new, |r| {
                r.draft
                    .contracts
                    .iter()
                    .filter(|c| selected.with(|s| s.contains(&c.id)))
                    .map(|c| c.id.clone())
                    .collect()
            })
        });
        if let Some(at) = keep.with(|k| ids.iter().position(|id| id == k)) {
            let kept = ids.remove(at);
            ids.insert(0, kept);
        }
        ids
    };
    let on_merge = move |_| {
        let ids = chosen();
        let result = review.with_untracked(|r| r.as_ref().map(|r| r.merged(&ids)));
        match result {
            Some(Ok(next)) => {
                selected.set(BTreeSet::new());
                keep.set(String::new());
                merge_error.set(None);
                done.set(format!(
                    "Merged {} contracts into {}.",
                    ids.len(),
                    ids.first().cloned().unwrap_or_default()
                ));
                review.set(Some(next));
            }
            Some(Err(error)) => merge_error.set(Some(sentence(&error))),
            None => {}
        }
    };
    let on_split = Callback::new(move |id: String| {
        let Some(row) =
            review.with_untracked(|r| r.as_ref().and_then(|r| r.rows.get(&id).copied()))
        else {
            return;
        };
        let Ok(at) = NaiveDate::parse_from_str(&row.split_at.get_untracked(), "%Y-%m-%d") else {
            row.split_error.set(Some(
                "Choose the date from which payments become a new contract.".to_string(),
            ));
            return;
        };
        let result = review.with_untracked(|r| r.as_ref().map(|r| r.split(&id, at, &owner)));
        match result {
            Some(Ok((next, new_id))) => {
                selected.set(BTreeSet::new());
                done.set(format!(
                    "Split {id}: payments from {} are now contract {new_id}.",
                    format::date(at)
                ));
                review.set(Some(next));
            }
            Some(Err(error)) => row.split_error.set(Some(sentence(&error))),
            None => {}
        }
    });
    let body = move || {
        review.with(|r| {
            r.as_ref().map(|r| {
                r.draft
                    .contracts
                    .iter()
                    .filter_map(|c| {
                        r.rows
                            .get(&c.id)
                            .map(|row| one_row(c.clone(), *row, selected, on_split))
                    })
                    .collect_view()
            })
        })
    };
    let keep_options = move || {
        chosen()
            .into_iter()
            .map(|id| view! { <option value=id.clone()>{id.clone()}</option> })
            .collect_view()
    };
    view! {
        <p class="muted">
            "Answer what the files cannot say for each contract, or skip the ones you do not want. The score below follows your answers."
        </p>
        <div class="csv-merge" role="group" aria-labelledby="csv-merge-help">
            <p id="csv-merge-help" class="muted">
                "One contract shown as two rows? Tick them and merge. Two contracts in one row? Split it at a date."
            </p>
            {move || {
                (chosen().len() >= 2)
                    .then(|| {
                        view! {
                            <label>
                                <span>"Keep the id and title of"</span>
                                <select
                                    data-testid="csv-keep"
                                    on:change:target=move |ev| keep.set(ev.target().value())
                                >
                                    {keep_options}
                                </select>
                            </label>
                        }
                    })
            }}
            <button type="button" data-testid="csv-merge" on:click=on_merge>
                "Merge selected"
            </button>
        </div>
        <ErrorAlert error=merge_error testid="csv-merge-error" />
        <p role="status" class="csv-done-step" data-testid="csv-review-status">
            {move || done.get()}
        </p>
        <DataTable
            class="csv-review"
            testid="csv-review"
            caption="Contracts found in the files"
            columns=[
                "Merge",
                "Skip",
                "Contract",
                "Client",
                "Title",
                "Type",
                "First payment",
                "Last payment",
                "Earned",
                "Open or ended",
                "End date",
                "Ended by",
                "Reason",
                "Client's stars",
                "Split",
            ]
        >
            {body}
        </DataTable>
    }
}
