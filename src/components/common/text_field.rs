use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::either::Either;
use leptos::prelude::*;

/// A fresh id for a field's problem (and hint) text, so the input can point at it with
/// `aria-describedby`.
pub fn field_id() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("field-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The `aria-describedby` of an input with an optional hint and an optional problem.
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let parts: Vec<String> = [(hint, "hint"), (error, "error")]
        .into_iter()
        .filter(|(shown, _)| *shown)
        .map(|(_, what)| format!("{id}-{what}"))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A field's problem, when it has one, under the field: the text its `aria-describedby`
/// points at (`id`).
pub fn field_error(id: String, error: Signal<String>) -> impl IntoView {
    move || {
        let e = error.get();
        (!e.is_empty()).then(|| {
            view! {
                <span class="field-error" id=id.clone()>
                    {e}
                </span>
            }
        })
    }
}

/// A labelled text, date or multi-line input bound to a signal, with a hint and its problem
/// (if any) right under it. The input is marked `aria-invalid` and points at the problem with
/// `aria-describedby`, so a screen reader reads the message with the field. Every form on the
/// contracts page draws its inputs with this one component, which keeps the markup uniform and
/// the wasm small: one instance of the view code serves every field.
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
    /// A line under the label that says what the field means.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// A multi-line field of this many rows.
    #[prop(optional)]
    rows: Option<u32>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    let id = field_id();
    let invalid = move || error.with(|e| !e.is_empty());
    let describedby = {
        let id = id.clone();
        move || described_by(&id, hint.is_some(), invalid())
    };
    let control = match rows {
        Some(rows) => Either::Left(view! {
            <textarea
                id=id.clone()
                rows=rows
                data-testid=testid
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=describedby
                bind:value=value
            ></textarea>
        }),
        None => Either::Right(view! {
            <input
                id=id.clone()
                type=input_type
                inputmode=inputmode
                list=list
                data-testid=testid
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=describedby
                bind:value=value
            />
        }),
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="text-field">
            <label for=id.clone()>{label}</label>
            {hint
                .map(|h| {
                    view! {
                        <span class="field-hint" id=format!("{id}-hint")>
                            {h}
                        </span>
                    }
                })}
            {control}
            {field_error(error_id, error)}
        </div>
    }
}
