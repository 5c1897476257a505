use leptos::prelude::*;
use leptos_router::components::A;

/// What a page will show once there are contracts, and the way to the dashboard, where the
/// demo and the first contracts are added. The link stands apart from the sentence, so it is a
/// full-size target.
#[component]
pub fn EmptyPage(testid: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <div class="empty-page" data-testid=testid>
            <p>{text}</p>
            <A href="/" attr:class="action-link">
                "Go to the dashboard"
            </A>
        </div>
    }
}
