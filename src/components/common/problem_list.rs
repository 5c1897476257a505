use leptos::prelude::*;

/// Why something was not done: every problem in words, under an optional sentence saying what
/// did not happen, announced as it appears; nothing while there are none. The simulator's input
/// forms, the scenario and CSV imports and a contract's actions all list problems this way.
#[component]
pub fn ProblemList(
    #[prop(into)] problems: Signal<Vec<String>>,
    /// What did not happen, e.g. "Nothing was imported:"; none for a bare list.
    #[prop(optional, into)]
    intro: MaybeProp<String>,
    /// `error`, or `field-error` for the smaller style of a field's problem.
    #[prop(default = "error")]
    class: &'static str,
    #[prop(into)] testid: String,
) -> impl IntoView {
    move || {
        let ps = problems.get();
        (!ps.is_empty()).then(|| {
            view! {
                <div class=class role="alert" data-testid=testid.clone()>
                    {intro.get().map(|intro| view! { <p>{intro}</p> })}
                    <ul>{ps.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}
