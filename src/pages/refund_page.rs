use chrono::NaiveDate;
use jss_engine::client_refund::{
    refund_answer, EndedBy, FreelancerAnswer, RefundAnswer, RefundCase, RefundField, RefundProblem,
};
use jss_engine::money::Money;
use jss_engine::rules::Rules;
use jss_engine::simulate::custom::parse_dollars_cents;
use leptos::prelude::*;

use crate::components::common::glossed::Glossed;
use crate::format::{date, money};
use crate::state::AppState;

/// A client's way in: "I hired someone and the contract ended: when does my money come back?"
/// A few answers give one sentence and the client's money calendar. Nothing is stored: the
/// freelancer's data on this device is not touched.
#[component]
pub fn RefundPage() -> impl IntoView {
    let state = AppState::get();
    let amount = RwSignal::new(String::new());
    let ended_on = RwSignal::new(state.today.get_untracked().to_string());
    let ended_by = RwSignal::new("client".to_owned());
    let answer = RwSignal::new("not_yet".to_owned());
    let answer_on = RwSignal::new(state.today.get_untracked().to_string());
    // The answer, or the problems by field; nothing until an amount is typed.
    let result = Memo::new(
        move |_| -> Option<Result<RefundAnswer, Vec<RefundProblem>>> {
            let typed = amount.get();
            if typed.trim().is_empty() {
                return None;
            }
            let today = state.today.get();
            let parse_date = |text: String| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
            let Ok(cents) = parse_dollars_cents(&typed, "Amount") else {
                return Some(Err(vec![RefundProblem::Amount]));
            };
            let Some(ended) = parse_date(ended_on.get()) else {
                return Some(Err(vec![RefundProblem::NoEndDate]));
            };
            let on = parse_date(answer_on.get()).unwrap_or(today);
            let case = RefundCase {
                amount: Money::from_cents(cents),
                ended_on: ended,
                ended_by: if ended_by.get() == "freelancer" {
                    EndedBy::Freelancer
                } else {
                    EndedBy::Client
                },
                answer: match answer.get().as_str() {
                    "accepted" => FreelancerAnswer::Accepted(on),
                    "disputed" => FreelancerAnswer::Disputed(on),
                    _ => FreelancerAnswer::NotYet,
                },
            };
            Some(refund_answer(&case, today, &Rules::default()))
        },
    );
    let problem_at = move |field: RefundField| {
        result.with(|r| match r {
            Some(Err(problems)) => problems
                .iter()
                .find(|p| p.field() == Some(field))
                .map(ToString::to_string),
            _ => None,
        })
    };
    let described =
        move |field: RefundField, id: &'static str| problem_at(field).is_some().then_some(id);
    let invalid = move |field: RefundField| problem_at(field).is_some().then_some("true");
    let error = move |field: RefundField, id: &'static str| {
        move || {
            problem_at(field).map(|p| {
                view! {
                    <p class="field-error" id=id>
                        {p}
                    </p>
                }
            })
        }
    };
    view! {
        <h1>"When does my escrow come back?"</h1>
        <p class="lead">
            "For clients: you funded a fixed-price contract and it ended before the work was approved. Answer four questions; nothing you enter is stored."
        </p>
        <form class="card refund-form" on:submit=|ev| ev.prevent_default()>
            <div class="form-grid">
                <div class="field">
                    <label for="refund-amount">"Amount in escrow ($)"</label>
                    <input
                        id="refund-amount"
                        inputmode="decimal"
                        data-testid="refund-amount"
                        placeholder="500"
                        bind:value=amount
                        aria-invalid=move || invalid(RefundField::Amount)
                        aria-describedby=move || described(
                            RefundField::Amount,
                            "refund-amount-error",
                        )
                    />
                    {error(RefundField::Amount, "refund-amount-error")}
                </div>
                <div class="field">
                    <label for="refund-ended">"The day the contract ended"</label>
                    <input
                        id="refund-ended"
                        type="date"
                        data-testid="refund-ended"
                        bind:value=ended_on
                        aria-invalid=move || invalid(RefundField::EndedOn)
                        aria-describedby=move || described(
                            RefundField::EndedOn,
                            "refund-ended-error",
                        )
                    />
                    {error(RefundField::EndedOn, "refund-ended-error")}
                </div>
            </div>
            <fieldset>
                <legend>"Who ended it?"</legend>
                <label class="radio">
                    <input type="radio" name="ended-by" value="client" bind:group=ended_by />
                    "I did"
                </label>
                <label class="radio">
                    <input
                        type="radio"
                        name="ended-by"
                        value="freelancer"
                        data-testid="refund-by-freelancer"
                        bind:group=ended_by
                    />
                    "The freelancer did"
                </label>
            </fieldset>
            <Show when=move || ended_by.get() == "client">
                <fieldset>
                    <legend>"What has the freelancer done about the refund?"</legend>
                    <label class="radio">
                        <input type="radio" name="answer" value="not_yet" bind:group=answer />
                        "Nothing yet"
                    </label>
                    <label class="radio">
                        <input
                            type="radio"
                            name="answer"
                            value="accepted"
                            data-testid="refund-accepted"
                            bind:group=answer
                        />
                        "Accepted it"
                    </label>
                    <label class="radio">
                        <input
                            type="radio"
                            name="answer"
                            value="disputed"
                            data-testid="refund-disputed"
                            bind:group=answer
                        />
                        "Disputed it"
                    </label>
                    <Show when=move || answer.get() != "not_yet">
                        <div class="field">
                            <label for="refund-answer-on">"On which day?"</label>
                            <input
                                id="refund-answer-on"
                                type="date"
                                data-testid="refund-answer-on"
                                bind:value=answer_on
                                aria-invalid=move || invalid(RefundField::AnswerDate)
                                aria-describedby=move || {
                                    described(RefundField::AnswerDate, "refund-answer-error")
                                }
                            />
                            {error(RefundField::AnswerDate, "refund-answer-error")}
                        </div>
                    </Show>
                </fieldset>
            </Show>
        </form>
        {move || {
            let Some(Ok(a)) = result.get() else { return None };
            Some(
                view! {
                    <section
                        class="card"
                        aria-labelledby="refund-answer-title"
                        data-testid="refund-answer"
                    >
                        <h2 id="refund-answer-title">"The answer"</h2>
                        <p class="decision-headline" data-testid="refund-headline">
                            <Glossed text=a.headline.clone() />
                        </p>
                        <h3>"Your money calendar"</h3>
                        <ol class="refund-steps" data-testid="refund-steps">
                            {a
                                .steps
                                .iter()
                                .map(|s| {
                                    view! {
                                        <li class:done=s.done>
                                            <strong>{date(s.date)}</strong>
                                            {format!(": {}", s.what)}
                                            {s.amount.map(|m| format!(" ({})", money(m)))}
                                            {s.done.then_some(" (done)")}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                        {(!a.could_change.is_empty())
                            .then(|| {
                                view! {
                                    <h3>"What could change it"</h3>
                                    <ul>
                                        {a
                                            .could_change
                                            .iter()
                                            .map(|c| view! { <li>{c.clone()}</li> })
                                            .collect_view()}
                                    </ul>
                                }
                            })}
                    </section>
                },
            )
        }}
    }
}
