use jss_engine::glossary::{segments, Segment};
use leptos::prelude::*;

/// Text whose glossary terms ("window", "Top Rated", "simulated futures", …) link to their
/// explanation, so a term is never more than one click from what it means.
#[component]
pub fn Glossed(#[prop(into)] text: String) -> impl IntoView {
    segments(&text)
        .into_iter()
        .map(|part| match part {
            Segment::Text(t) => t.into_any(),
            Segment::Term { text, anchor } => view! {
                <a class="term" href=format!("/glossary#{anchor}")>
                    {text}
                </a>
            }
            .into_any(),
        })
        .collect_view()
}
