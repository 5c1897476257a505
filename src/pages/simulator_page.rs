use leptos::prelude::*;

#[component]
pub fn SimulatorPage() -> impl IntoView {
    view! {
        <h1>"Simulator"</h1>
        <p class="coming-soon" data-testid="page-summary">
            "The closing-strategy simulator: compare ways to end silent contracts and see your JSS paths."
        </p>
    }
}
