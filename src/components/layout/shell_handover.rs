//! The moment the static shell of index.html leaves the page.

use leptos::prelude::*;

/// How many parts of the page the static shell still waits for (see [`Deferred`]'s
/// `holds_shell`), and the handover that removes the shell once none does.
///
/// The app is built over several tasks: its frame first, the page in the next, and a part of the
/// page that asks for it later still (the dashboard's decision), each a [`Deferred`] that holds
/// the shell. Until the shell goes, style/shell.css keeps the app hidden behind it
/// (`#shell ~ .app`), so the visitor sees the shell and then the whole app, never a half-built
/// one; hiding it also spares the browser laying out a page that is not complete.
///
/// [`Deferred`]: crate::components::common::deferred::Deferred
#[derive(Clone, Copy)]
pub struct ShellHolds(StoredValue<u32>);

impl ShellHolds {
    /// Gives the app's tree the count and starts the handover: in each task from the next on,
    /// the shell is removed once nothing holds it. A part takes its hold as it is created, in
    /// the same task as the one that draws its parent, so no task between them finds the count
    /// at zero.
    pub fn provide() {
        let holds = ShellHolds(StoredValue::new(0));
        provide_context(holds);
        leptos::task::spawn_local(async move {
            loop {
                crate::clock::next_task().await;
                if !holds.pending() {
                    break;
                }
            }
            remove_shell();
        });
    }

    /// Keeps the shell on screen until the hold is released. Without the context (a component
    /// mounted alone in a test) there is no shell and nothing to hold.
    pub fn hold() -> Option<ShellHolds> {
        let holds = use_context::<ShellHolds>()?;
        holds.0.update_value(|n| *n += 1);
        Some(holds)
    }

    /// Lets the shell go as far as this hold is concerned. A count already disposed (the app
    /// unmounted in the meantime) has no shell left to hold.
    pub fn release(self) {
        let _ = self.0.try_update_value(|n| *n = n.saturating_sub(1));
    }

    fn pending(self) -> bool {
        self.0.try_with_value(|n| *n > 0).unwrap_or(false)
    }
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
