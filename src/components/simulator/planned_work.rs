use chrono::NaiveDate;
use jss_engine::simulate::custom::{
    next_planned_id, parse_dollars_cents, parse_stars_hundredths, parse_whole, PlannedRating,
    PlannedSpec, MAX_PLANNED_COUNT,
};
use jss_engine::simulate::BehaviourPreset;
use leptos::prelude::*;

use crate::components::simulator::list_editor::{unless_problems, SimListEditor};
use crate::components::simulator::sim_field::{Part, SimField};

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
    let more = spec
        .problems(today)
        .iter()
        .map(ToString::to_string)
        .collect();
    unless_problems(spec, more)
}

// The typed parts of the planned-work form.
const COUNT: Part<PlannedForm> = (|f| f.count.clone(), |f, v| f.count = v);
const SIZE: Part<PlannedForm> = (|f| f.size_dollars.clone(), |f, v| f.size_dollars = v);
const STARS: Part<PlannedForm> = (|f| f.stars.clone(), |f, v| f.stars = v);
const START: Part<PlannedForm> = (|f| f.start.clone(), |f, v| f.start = v);
const EVERY: Part<PlannedForm> = (|f| f.every_weeks.clone(), |f, v| f.every_weeks = v);
const LENGTH: Part<PlannedForm> = (|f| f.length_weeks.clone(), |f, v| f.length_weeks = v);

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
    let read = move |editing_at: Option<usize>| {
        let id = planned.with_untracked(|list| match editing_at.and_then(|i| list.get(i)) {
            Some(spec) => spec.id.clone(),
            None => next_planned_id(list),
        });
        spec_of(&form.get_untracked(), &id, today.get_untracked())
    };
    let lines =
        move || planned.with(|list| list.iter().map(|s| (s.id.clone(), s.describe())).collect());
    // One typed field of the form: its label, test id, input type and the part it edits.
    let field = move |label, testid: &'static str, input_type, (get, put): Part<PlannedForm>| {
        view! {
            <SimField
                label=label
                input_type=input_type
                keypad="decimal"
                testid=testid
                value=Signal::derive(move || form.with(get))
                on_input=Callback::new(move |v| form.update(|f| put(f, v)))
            />
        }
    };

    view! {
        <SimListEditor
            list=planned
            lines=Signal::derive(lines)
            load=Callback::new(move |spec| form.set(PlannedForm::of(&spec)))
            read=Callback::new(read)
            clear=Callback::new(move |()| form.set(PlannedForm::new(today.get_untracked())))
            on_change=on_change
            key="planned"
            testid="planned-work"
            title="Planned future work"
            intro="Jobs you expect to win, for new clients, paid in full when they end. Every strategy includes them."
            not_saved="This work was not added:"
            add_label="Add the work"
            save_label="Save the work"
        >
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
                {field("How many", "planned-count", "text", COUNT)}
                {field("Size ($ each)", "planned-size", "text", SIZE)}
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
                }>{field("Stars", "planned-stars", "text", STARS)}</Show>
                {field("First one starts", "planned-start", "date", START)}
                {field("Every (weeks)", "planned-every", "text", EVERY)}
                {field("Length (weeks)", "planned-length", "text", LENGTH)}
            </div>
        </SimListEditor>
    }
}
