use jss_engine::glossary::entries;
use jss_engine::rules::{Params, Rules};
use leptos::prelude::*;

use crate::components::common::source_links::SourceLinks;
use crate::state::AppState;

/// The words the app uses, each with its anchor (`/glossary#window`) so any sentence can link a
/// term to what it means. Numbers come from the rules of the user's scenario.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    let state = AppState::get();
    let list = move || {
        let rules = state
            .scenario
            .with(|s| s.as_ref().map(|s| s.rules.clone()))
            .unwrap_or_else(Rules::default);
        entries(&Params::resolve(&rules))
    };
    view! {
        <h1>"Glossary"</h1>
        <p class="lead">
            "What the words in JSS Lab mean, with the numbers of the rules in force and the Upwork pages they come from."
        </p>
        <dl class="glossary" data-testid="glossary">
            {move || {
                list()
                    .into_iter()
                    .map(|e| {
                        view! {
                            <dt id=e.id tabindex="-1">
                                {e.term}
                            </dt>
                            <dd>
                                {e.text}
                                {(!e.sources.is_empty())
                                    .then(|| {
                                        view! {
                                            " "
                                            <span class="muted">
                                                "Sources: " <SourceLinks ids=e.sources />
                                            </span>
                                        }
                                    })}
                            </dd>
                        }
                    })
                    .collect_view()
            }}
        </dl>
    }
}
