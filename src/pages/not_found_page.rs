use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1>"Page not found"</h1>
        <p>"There is no page at this address."</p>
        <A href="/" attr:class="action-link">
            "Go to the dashboard"
        </A>
    }
}
