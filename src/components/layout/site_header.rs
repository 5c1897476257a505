use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::layout::theme_picker::ThemePicker;

/// The product name and the main navigation. `A` marks the current page with
/// `aria-current="page"`, which the stylesheet uses to highlight it.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">
                "JSS Lab"
            </A>
            <nav aria-label="Main">
                <ul class="nav-list">
                    <li>
                        <A href="/" exact=true>
                            "Dashboard"
                        </A>
                    </li>
                    <li>
                        <A href="/contracts">"Contracts"</A>
                    </li>
                    <li>
                        <A href="/jss">"JSS explained"</A>
                    </li>
                    <li>
                        <A href="/calendar">"Money calendar"</A>
                    </li>
                    <li>
                        <A href="/simulator">"Simulator"</A>
                    </li>
                    <li>
                        <A href="/settings">"Settings"</A>
                    </li>
                </ul>
            </nav>
            <ThemePicker />
        </header>
    }
}
