//! The gentle export reminder of the Settings page's "Your data" card.

use leptos::prelude::*;

use crate::state::AppState;

/// The reminder's sentence for `days` since the last export (`None` = never).
pub fn reminder_text(days: Option<i64>) -> String {
    match days {
        None => "Never exported — export a copy.".to_string(),
        Some(0) => "Last exported today.".to_string(),
        Some(1) => "Last exported 1 day ago — export a copy.".to_string(),
        Some(n) => format!("Last exported {n} days ago — export a copy."),
    }
}

/// "Last exported N days ago — export a copy" (or "never exported"), shown once there is data.
/// `refresh` changes after each export so the line is read again.
#[component]
pub fn ExportReminder(#[prop(into)] refresh: Signal<u32>) -> impl IntoView {
    let state = AppState::get();
    move || {
        refresh.track();
        state.has_data().then(|| {
            let days = crate::storage::last_export_days(chrono::Utc::now());
            view! {
                <p class="muted" role="status" data-testid="export-reminder">
                    {reminder_text(days)}
                </p>
            }
        })
    }
}
