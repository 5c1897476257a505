use jss_engine::jss::window::Winner;
use leptos::prelude::*;

use crate::components::common::table_head::TableHead;
use crate::format::window_score;
use crate::state::AppState;

/// Each window's unrounded score and which one the displayed JSS comes from.
#[component]
pub fn WindowTable() -> impl IntoView {
    let state = AppState::get();
    // How many outcomes, from how many clients, a window needs under the rules in force.
    let minimums = Memo::new(move |_| {
        state.scenario.track();
        let p = state.params();
        (p.min_outcomes, p.min_clients)
    });
    let rows = move || {
        let Some(r) = state.report.get() else {
            return Vec::new();
        };
        let w = r.windows;
        [
            ("24 months", w.m24, Some(Winner::M24)),
            ("12 months", w.m12, Some(Winner::M12)),
            ("6 months", w.m6, Some(Winner::M6)),
            ("3 months", w.m3, None),
            ("Trending", w.trending, Some(Winner::Trending)),
        ]
        .into_iter()
        .map(|(label, value, winner)| {
            let won = winner.is_some() && winner == r.winning_window;
            (label, value, won)
        })
        .collect::<Vec<_>>()
    };
    view! {
        <section class="card" aria-labelledby="windows-title">
            <h2 id="windows-title">"Windows"</h2>
            <table class="data-table" data-testid="window-table">
                <caption class="visually-hidden">
                    "Score in each rolling window; the highest of 24, 12, 6 months and trending is shown"
                </caption>
                <TableHead columns=["Window", "Score", "Shown?"] />
                <tbody>
                    {move || {
                        rows()
                            .into_iter()
                            .map(|(label, value, won)| {
                                view! {
                                    <tr class:winner=won>
                                        <th scope="row">{label}</th>
                                        <td>{window_score(value)}</td>
                                        <td>{if won { "shown" } else { "" }}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            // The terms link to the glossary by hand: the glossary's text (and the matcher that
            // finds terms in a sentence) would otherwise join the first screen's code.
            <p class="muted">
                <a class="term" href="/glossary#trending">
                    "Trending"
                </a>
                " is the average of the 6- and 3-month scores; the 3-month score counts only through it. A "
                <a class="term" href="/glossary#window">
                    "window"
                </a>
                {move || format!(" needs {} ", minimums.get().0)}
                <a class="term" href="/glossary#outcome">
                    "outcomes"
                </a>
                {move || {
                    format!(" from {} clients, and each outcome counts by its ", minimums.get().1)
                }}
                <a class="term" href="/glossary#weight">
                    "weight"
                </a>
                "."
            </p>
        </section>
    }
}
