//! Content drawn in a later task of the browser's event loop.

use leptos::prelude::*;

/// Draws `children` `turns` tasks later (see [`crate::clock::next_task`]). The app draws its page
/// a task after its frame this way, and the dashboard each card below the decision a task after
/// the one before: each part's work (the score report, the money ledger, the timeline) then
/// blocks the page on its own instead of all of it in one task.
#[component]
pub fn Deferred(
    /// How many tasks to wait; cards given 1, 2 and 3 are drawn in three different tasks.
    #[prop(default = 1)]
    turns: u32,
    children: ChildrenFn,
) -> impl IntoView {
    let ready = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        for _ in 0..turns {
            crate::clock::next_task().await;
        }
        // The page may have been left in the meantime; a disposed signal is simply not set.
        ready.try_set(true);
    });
    move || ready.get().then(|| children())
}
