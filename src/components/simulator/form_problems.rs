use leptos::prelude::*;

/// Why a simulator form was not saved: every problem in words, announced as it appears.
#[component]
pub fn SimFormProblems(
    problems: RwSignal<Vec<String>>,
    /// What did not happen, e.g. "This strategy was not saved:".
    intro: &'static str,
    testid: String,
) -> impl IntoView {
    move || {
        let ps = problems.get();
        (!ps.is_empty()).then(|| {
            view! {
                <div class="error" role="alert" data-testid=testid.clone()>
                    <p>{intro}</p>
                    <ul>{ps.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}
