use leptos::prelude::*;

/// A checkbox with its label after it, bound to a signal; the whole line is the tap target.
#[component]
pub fn CheckboxField(
    label: &'static str,
    value: RwSignal<bool>,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <label class="checkbox">
            <input type="checkbox" data-testid=testid bind:checked=value />
            <span>{label}</span>
        </label>
    }
}
