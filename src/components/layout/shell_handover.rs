//! The moment the static shell of index.html leaves the page.

use leptos::prelude::*;

/// Removes index.html's static shell (and a returning visitor's glimpse in it) in the task after
/// the one that drew the page. The app is built over several tasks: its frame first, the page
/// in the next (see [`crate::App`]); until the shell goes, style/shell.css keeps the app hidden
/// behind it (`#shell ~ .app`), so the visitor sees the shell and then the whole app, never a
/// half-built one. Hiding it also spares the browser laying out a page that is not complete.
#[component]
pub fn ShellHandover() -> impl IntoView {
    leptos::task::spawn_local(async {
        crate::clock::next_task().await;
        remove_shell();
    });
}

fn remove_shell() {
    // The shell leaves the document rather than being hidden with `body:has(> .app) #shell`:
    // WebKit does not re-apply that rule when the app is appended, which left an empty band
    // above the header.
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("shell"))
    {
        shell.remove();
    }
}
