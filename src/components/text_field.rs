use leptos::prelude::*;

/// A labelled text or date input bound to a signal, with its problem (if any) right under it.
/// Every form on the contracts page draws its inputs with this one component, which keeps the
/// markup uniform and the wasm small: one instance of the view code serves every field.
#[component]
pub fn TextField(
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    /// `date`, or `None` for text.
    #[prop(optional)]
    input_type: Option<&'static str>,
    /// `decimal` or `numeric` for a number keypad on phones.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional, into)] error: Signal<String>,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <input
                type=input_type
                inputmode=inputmode
                data-testid=testid
                aria-invalid=move || error.with(|e| !e.is_empty()).then_some("true")
                bind:value=value
            />
            {move || {
                let e = error.get();
                (!e.is_empty()).then(|| view! { <span class="field-error">{e}</span> })
            }}
        </label>
    }
}
