use leptos::prelude::*;

/// A problem in words, announced as it appears (`role="alert"`); nothing while there is none.
#[component]
pub fn ErrorAlert(
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <p class="error" role="alert" data-testid=testid>
                    {e}
                </p>
            }
        })
    }
}
