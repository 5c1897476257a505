use leptos::prelude::*;

/// A labelled select bound to a signal; options are (value, text) pairs.
#[component]
pub fn ChoiceField(
    #[prop(into)] label: String,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label>
            {label} <select data-testid=testid bind:value=value>
                {options
                    .into_iter()
                    .map(|(v, text)| view! { <option value=v>{text}</option> })
                    .collect_view()}
            </select>
        </label>
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
