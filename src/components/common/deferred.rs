//! Content drawn in a later task of the browser's event loop.

use leptos::prelude::*;

use crate::components::layout::shell_handover::ShellHolds;

/// Draws `children` `turns` tasks later (see [`crate::clock::next_task`]). The app draws its page
/// a task after its frame this way, and the dashboard each card below the decision a task after
/// the one before: each part's work (the score report, the money ledger, the timeline) then
/// blocks the page on its own instead of all of it in one task.
#[component]
pub fn Deferred(
    /// How many tasks to wait; cards given 1, 2 and 3 are drawn in three different tasks.
    #[prop(default = 1)]
    turns: u32,
    /// Keeps index.html's static shell on screen until these children are drawn (the app's
    /// page, and the part of it the shell already shows: the dashboard's decision).
    #[prop(optional)]
    holds_shell: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let ready = RwSignal::new(false);
    let hold = holds_shell.then(ShellHolds::hold).flatten();
    leptos::task::spawn_local(async move {
        for _ in 0..turns {
            crate::clock::next_task().await;
        }
        // The page may have been left in the meantime; a disposed signal is simply not set.
        ready.try_set(true);
        // The children are drawn as this task ends; the shell leaves in a later one.
        if let Some(hold) = hold {
            hold.release();
        }
    });
    move || ready.get().then(|| children())
}
