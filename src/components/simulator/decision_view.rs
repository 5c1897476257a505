use leptos::prelude::*;

use crate::advice::Advice;
use crate::components::common::glossed::Glossed;

/// The simulator's answer in plain words: the decision (with the chance, the date and any
/// money or badge at stake), the main risk, the other choices in a line each, and the
/// assumptions behind it. The dashboard and the Simulator page show the same block.
#[component]
pub fn DecisionView(
    advice: Advice,
    /// Where the assumptions can be changed.
    change_href: &'static str,
) -> impl IntoView {
    let Advice {
        headline,
        alternatives,
        risk,
        assumptions,
        ..
    } = advice;
    view! {
        <div class="decision" data-testid="decision">
            <p class="decision-headline" data-testid="decision-headline">
                <Glossed text=headline />
            </p>
            {risk
                .map(|r| {
                    view! {
                        <p class="decision-risk" data-testid="decision-risk">
                            <strong>"Main risk: "</strong>
                            <Glossed text=r />
                        </p>
                    }
                })}
            {(!alternatives.is_empty())
                .then(|| {
                    view! {
                        <div class="decision-alternatives">
                            <h3>"The other choices"</h3>
                            <ul data-testid="decision-alternatives">
                                {alternatives
                                    .into_iter()
                                    .map(|a| view! { <li>{a}</li> })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })}
            <details class="decision-assumptions" data-testid="decision-assumptions">
                <summary>"What this assumes"</summary>
                <ul>{assumptions.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                <a href=change_href>"Change the assumptions"</a>
            </details>
        </div>
    }
}
