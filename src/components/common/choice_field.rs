use leptos::prelude::*;

use crate::components::common::text_field::{described_by, field_error, field_id};

/// A labelled select bound to a signal; options are (value, text) pairs. A problem, if any,
/// is shown under it and announced with it, as for a text field.
#[component]
pub fn ChoiceField(
    #[prop(into)] label: String,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional, into)] error: Signal<String>,
) -> impl IntoView {
    let id = field_id();
    let invalid = move || error.with(|e| !e.is_empty());
    let describedby = {
        let id = id.clone();
        move || described_by(&id, false, invalid())
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="text-field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                data-testid=testid
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=describedby
                bind:value=value
            >
                {options
                    .into_iter()
                    .map(|(v, text)| view! { <option value=v>{text}</option> })
                    .collect_view()}
            </select>
            {field_error(error_id, error)}
        </div>
    }
}

/// Options from static (value, text) pairs.
pub fn options(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(v, t)| (v.to_string(), t.to_string()))
        .collect()
}

/// How a contract ended, for every select that asks.
pub const END_REASONS: [(&str, &str); 4] = [
    ("completed", "Completed"),
    ("not_completed", "Job not completed"),
    ("client_unresponsive", "Client unresponsive"),
    ("other", "Other"),
];

/// Who ended a contract, for every select that asks.
pub const PARTIES: [(&str, &str); 3] = [
    ("client", "The client"),
    ("freelancer", "Me (freelancer)"),
    ("platform", "Upwork"),
];

/// The end reason a select's value names (the values of [`END_REASONS`]).
pub fn end_reason_of(value: &str) -> jss_engine::scenario::EndReason {
    use jss_engine::scenario::EndReason;
    [
        EndReason::Completed,
        EndReason::NotCompleted,
        EndReason::ClientUnresponsive,
        EndReason::Other,
    ]
    .into_iter()
    .find(|r| r.as_str() == value)
    .unwrap_or(EndReason::Completed)
}

/// The party a select's value names (the values of [`PARTIES`]).
pub fn party_of(value: &str) -> jss_engine::scenario::Party {
    use jss_engine::scenario::Party;
    [Party::Client, Party::Freelancer, Party::Platform]
        .into_iter()
        .find(|p| p.as_str() == value)
        .unwrap_or(Party::Client)
}
