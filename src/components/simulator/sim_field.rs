use leptos::prelude::*;

/// How a [`SimField`] reads and writes its part of a form `F` (the planned-work form, a
/// strategy step's row): a pair of plain functions, so each form lists its typed parts as
/// constants.
pub type Part<F> = (fn(&F) -> String, fn(&mut F, String));

/// A labelled input of a simulator form (a line of planned work, a step of a composed
/// strategy): it shows `value` and hands each edit to `on_input`, so the form keeps its own
/// state however it stores it.
#[component]
pub fn SimField(
    label: &'static str,
    /// `text` or `date`.
    input_type: &'static str,
    /// The keypad a text input brings up on a phone: `decimal` or `numeric`.
    keypad: &'static str,
    #[prop(into)] testid: TextProp,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <input
                type=input_type
                inputmode=(input_type == "text").then_some(keypad)
                data-testid=testid
                prop:value=value
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        </label>
    }
}
