use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <h1>"Settings"</h1>
        <p class="coming-soon" data-testid="page-summary">
            "The rule era and every model parameter with its source, calibration, export, import and reset."
        </p>
    }
}
