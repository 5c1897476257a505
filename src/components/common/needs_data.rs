use leptos::prelude::*;

use crate::components::layout::empty_page::EmptyPage;
use crate::state::AppState;

/// A page's content, shown once there is a scenario; until then, what the page will show
/// (`text`) and the way to the dashboard, where the demo and the first contracts are added.
#[component]
pub fn NeedsData(
    /// The test id of the text shown while there is no data.
    testid: &'static str,
    text: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let state = AppState::get();
    view! {
        <Show
            when=move || state.has_data()
            fallback=move || view! { <EmptyPage testid=testid text=text /> }
        >
            {children()}
        </Show>
    }
}
