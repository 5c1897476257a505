use leptos::prelude::*;

#[component]
pub fn ContractsPage() -> impl IntoView {
    view! {
        <h1>"Contracts"</h1>
        <p class="coming-soon" data-testid="page-summary">
            "Every contract with its timeline and the actions the engine allows today."
        </p>
    }
}
