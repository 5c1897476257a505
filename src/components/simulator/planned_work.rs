use chrono::NaiveDate;
use jss_engine::simulate::custom::{
    next_planned_id, parse_dollars_cents, parse_stars_hundredths, parse_whole, PlannedRating,
    PlannedSpec, MAX_PLANNED_COUNT,
};
use jss_engine::simulate::BehaviourPreset;
use leptos::prelude::*;

use crate::components::simulator::form_problems::SimFormProblems;
use crate::components::simulator::form_toolbar::SimFormToolbar;
use crate::components::simulator::saved_item::{remove_item, save_item, SimSavedItem};

/// The planned-work form, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedForm {
    /// An existing client's id, or empty for a new client per job.
    pub client: String,
    pub count: String,
    pub size_dollars: String,
    /// `stars`, or a behaviour preset's name (`happy`, `unhappy`).
    pub rating: String,
    pub stars: String,
    pub start: String,
    pub every_weeks: String,
    pub length_weeks: String,
}

impl PlannedForm {
    /// One $500 job rated 5★, starting `today`, four weeks long.
    pub fn new(today: NaiveDate) -> PlannedForm {
        PlannedForm {
            client: String::new(),
            count: "1".into(),
            size_dollars: "500".into(),
            rating: "stars".into(),
            stars: "5".into(),
            start: today.to_string(),
            every_weeks: "2".into(),
            length_weeks: "4".into(),
        }
    }

    /// A saved line back in the form, for editing.
    pub fn of(spec: &PlannedSpec) -> PlannedForm {
        let (rating, stars) = match &spec.rating {
            PlannedRating::Stars { stars_hundredths } => (
                "stars".to_owned(),
                format!("{}", f64::from(*stars_hundredths) / 100.0),
            ),
            PlannedRating::Like { preset } => (preset.as_str().to_owned(), "5".to_owned()),
        };
        PlannedForm {
            client: spec.client.clone().unwrap_or_default(),
            count: spec.count.to_string(),
            size_dollars: format!("{}", spec.value_cents as f64 / 100.0),
            rating,
            stars,
            start: spec.start.to_string(),
            every_weeks: (spec.every_days / 7).to_string(),
            length_weeks: (spec.duration_days / 7).to_string(),
        }
    }
}

/// The line the form describes, or every problem in words.
pub fn spec_of(form: &PlannedForm, id: &str, today: NaiveDate) -> Result<PlannedSpec, Vec<String>> {
    let mut problems = Vec::new();
    let mut note = |p: jss_engine::simulate::custom::FormProblem| problems.push(p.to_string());
    let count = parse_whole(
        &form.count,
        1..=MAX_PLANNED_COUNT,
        "How many",
        "a whole number from 1 to 50",
    )
    .map_err(&mut note)
    .ok();
    let value_cents = parse_dollars_cents(&form.size_dollars, "Size ($ each)")
        .map_err(&mut note)
        .ok();
    let rating = match BehaviourPreset::parse(&form.rating) {
        Some(preset) => Some(PlannedRating::Like { preset }),
        None => parse_stars_hundredths(&form.stars, "Stars")
            .map(|stars_hundredths| PlannedRating::Stars { stars_hundredths })
            .map_err(&mut note)
            .ok(),
    };
    let start = NaiveDate::parse_from_str(form.start.trim(), "%Y-%m-%d")
        .map_err(|_| {
            note(jss_engine::simulate::custom::FormProblem::Number {
                field: "First one starts",
                expected: "a date",
            })
        })
        .ok();
    let every = parse_whole(&form.every_weeks, 0..=52, "Every (weeks)", "0 to 52 weeks")
        .map_err(&mut note)
        .ok();
    let length = parse_whole(
        &form.length_weeks,
        1..=52,
        "Length (weeks)",
        "1 to 52 weeks",
    )
    .map_err(&mut note)
    .ok();
    let (Some(count), Some(value_cents), Some(rating), Some(start), Some(every), Some(length)) =
        (count, value_cents, rating, start, every, length)
    else {
        return Err(problems);
    };
    let client = form.client.trim();
    let spec = PlannedSpec {
        id: id.to_owned(),
        client: (!client.is_empty()).then(|| client.to_owned()),
        count,
        value_cents,
        rating,
        start,
        every_days: every * 7,
        duration_days: length * 7,
    };
    let more: Vec<String> = spec
        .problems(today)
        .iter()
        .map(ToString::to_string)
        .collect();
    if more.is_empty() {
        Ok(spec)
    } else {
        Err(more)
    }
}

/// Planned future work: jobs the user expects, which every strategy includes. Add, edit and
/// remove lines; problems show under the form in words.
#[component]
pub fn SimPlannedWork(
    planned: RwSignal<Vec<PlannedSpec>>,
    /// The scenario's clients (id and name), for work planned with a repeat client.
    #[prop(into)]
    clients: Signal<Vec<(String, String)>>,
    #[prop(into)] today: Signal<NaiveDate>,
    /// Runs after the list changed, so the page can save its inputs.
    on_change: Callback<()>,
) -> impl IntoView {
    let form = RwSignal::new(PlannedForm::new(today.get_untracked()));
    let editing = RwSignal::new(None::<usize>);
    let problems = RwSignal::new(Vec::<String>::new());
    let reset = move || {
        form.set(PlannedForm::new(today.get_untracked()));
        editing.set(None);
        problems.set(Vec::new());
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let editing_at = editing.get_untracked();
        let id = planned.with_untracked(|list| match editing_at.and_then(|i| list.get(i)) {
            Some(spec) => spec.id.clone(),
            None => next_planned_id(list),
        });
        match spec_of(&form.get_untracked(), &id, today.get_untracked()) {
            Ok(spec) => {
                planned.update(|list| save_item(list, editing_at, spec));
                reset();
                on_change.run(());
            }
            Err(ps) => problems.set(ps),
        }
    };
    let edit = move |i: usize| {
        if let Some(spec) = planned.with_untracked(|list| list.get(i).cloned()) {
            form.set(PlannedForm::of(&spec));
            problems.set(Vec::new());
            editing.set(Some(i));
        }
    };
    let remove = move |i: usize| {
        planned.update(|list| remove_item(list, i));
        if editing.get_untracked().is_some() {
            reset();
        }
        on_change.run(());
    };
    // One text field of the form: its label, test id and the part of the form it edits.
    let field = move |label: &'static str,
                      testid: &'static str,
                      kind: &'static str,
                      get: fn(&PlannedForm) -> String,
                      put: fn(&mut PlannedForm, String)| {
        view! {
            <label>
                {label}
                <input
                    type=kind
                    inputmode=(kind == "text").then_some("decimal")
                    data-testid=testid
                    prop:value=move || form.with(get)
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| put(f, v));
                    }
                />
            </label>
        }
    };

    view! {
        <section class="card" aria-labelledby="planned-title" data-testid="planned-work">
            <h2 id="planned-title">"Planned future work"</h2>
            <p class="muted">
                "Jobs you expect to win, for new clients, paid in full when they end. Every strategy includes them."
            </p>
            <ul class="custom-list" data-testid="planned-list">
                {move || {
                    planned
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, spec)| {
                            view! {
                                <SimSavedItem
                                    name=spec.id.clone()
                                    text=spec.describe()
                                    remove_testid="remove-planned"
                                    on_edit=Callback::new(move |()| edit(i))
                                    on_remove=Callback::new(move |()| remove(i))
                                />
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <form on:submit=save novalidate=true>
                <div class="form-grid">
                    <label>
                        "Client"
                        <select
                            data-testid="planned-client"
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                form.update(|f| f.client = v);
                            }
                        >
                            <option value="" selected=move || form.with(|f| f.client.is_empty())>
                                "A new client for each job"
                            </option>
                            {move || {
                                let chosen = form.with(|f| f.client.clone());
                                clients
                                    .get()
                                    .into_iter()
                                    .map(|(id, name)| {
                                        let selected = id == chosen;
                                        view! {
                                            <option value=id selected=selected>
                                                {format!("Again for {name}")}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                    {field(
                        "How many",
                        "planned-count",
                        "text",
                        |f| f.count.clone(),
                        |f, v| f.count = v,
                    )}
                    {field(
                        "Size ($ each)",
                        "planned-size",
                        "text",
                        |f| f.size_dollars.clone(),
                        |f, v| f.size_dollars = v,
                    )}
                    <label>
                        "Expected rating"
                        <select
                            data-testid="planned-rating"
                            prop:value=move || form.with(|f| f.rating.clone())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                form.update(|f| f.rating = v);
                            }
                        >
                            <option value="stars">"These stars"</option>
                            <option value="happy">"Like a happy client"</option>
                            <option value="unhappy">"Like an unhappy client"</option>
                        </select>
                    </label>
                    <Show when=move || {
                        form.with(|f| f.rating == "stars")
                    }>
                        {field(
                            "Stars",
                            "planned-stars",
                            "text",
                            |f| f.stars.clone(),
                            |f, v| f.stars = v,
                        )}
                    </Show>
                    {field(
                        "First one starts",
                        "planned-start",
                        "date",
                        |f| f.start.clone(),
                        |f, v| f.start = v,
                    )}
                    {field(
                        "Every (weeks)",
                        "planned-every",
                        "text",
                        |f| f.every_weeks.clone(),
                        |f, v| f.every_weeks = v,
                    )}
                    {field(
                        "Length (weeks)",
                        "planned-length",
                        "text",
                        |f| f.length_weeks.clone(),
                        |f, v| f.length_weeks = v,
                    )}
                </div>
                <SimFormProblems
                    problems=problems
                    intro="This work was not added:"
                    testid="planned-problems"
                />
                <SimFormToolbar
                    editing=editing
                    add_label="Add the work"
                    save_label="Save the work"
                    submit_testid="add-planned"
                    on_cancel=Callback::new(move |()| reset())
                />
            </form>
        </section>
    }
}
