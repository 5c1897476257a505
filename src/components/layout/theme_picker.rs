use leptos::prelude::*;

use crate::theme::{Theme, ThemeContext};

/// A select for the colour theme: follow the system, or always light or dark.
#[component]
pub fn ThemePicker() -> impl IntoView {
    let ctx = ThemeContext::use_context();
    view! {
        <label class="theme-picker">
            <span>"Theme"</span>
            <select
                data-testid="theme-select"
                on:change=move |ev| {
                    if let Some(theme) = Theme::parse(&event_target_value(&ev)) {
                        ctx.set(theme);
                    }
                }
                prop:value=move || ctx.get().as_str()
            >
                {Theme::ALL
                    .into_iter()
                    .map(|t| view! { <option value=t.as_str()>{t.label()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
