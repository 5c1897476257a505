use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <h1>"Dashboard"</h1>
        <p class="coming-soon" data-testid="page-summary">
            "Your Job Success Score now, each window, Top Rated status, escrow totals and the next dated events."
        </p>
    }
}
