use std::collections::BTreeMap;

use jss_engine::simulate::custom::{parse_percent_ppm, ppm_as_percent, BehaviourChoice};
use jss_engine::simulate::BehaviourPreset;
use leptos::prelude::*;

/// The choice a contract's row makes: `same` (use the behaviour set for every client) or a
/// preset with its numbers, which start at the preset's own.
pub fn choice_of(preset_text: &str) -> Option<BehaviourChoice> {
    BehaviourPreset::parse(preset_text).map(BehaviourChoice::of)
}

/// Per-contract client behaviour: each contract in question uses the behaviour set for every
/// client unless its row picks a preset, whose two main numbers can then be edited.
#[component]
pub fn SimBehaviours(
    /// The contracts in question: id and label.
    #[prop(into)]
    contracts: Signal<Vec<(String, String)>>,
    behaviours: RwSignal<BTreeMap<String, BehaviourChoice>>,
    /// Runs after a change, so the page can save its inputs.
    on_change: Callback<()>,
) -> impl IntoView {
    // A number that did not parse, by contract and field, so the row can say what to enter.
    let problems = RwSignal::new(BTreeMap::<(String, &'static str), String>::new());
    view! {
        <fieldset class="contract-behaviours" data-testid="behaviours">
            <legend>"Client behaviour per contract"</legend>
            <For each=move || contracts.get() key=|c| c.0.clone() let:c>
                {
                    let id = StoredValue::new(c.0.clone());
                    let choice = move || behaviours.with(|m| m.get(&id.get_value()).copied());
                    let set_preset = move |ev: leptos::ev::Event| {
                        let value = event_target_value(&ev);
                        behaviours
                            .update(|m| match choice_of(&value) {
                                Some(choice) => {
                                    m.insert(id.get_value(), choice);
                                }
                                None => {
                                    m.remove(&id.get_value());
                                }
                            });
                        problems.update(|p| p.retain(|(c, _), _| *c != id.get_value()));
                        on_change.run(());
                    };
                    let number = move |
                        label: &'static str,
                        field: &'static str,
                        get: fn(&BehaviourChoice) -> u32,
                        put: fn(&mut BehaviourChoice, u32)|
                    {
                        let key = move || (id.get_value(), field);
                        view! {
                            <label>
                                <span class="visually-hidden">
                                    {format!("{}: ", id.get_value())}
                                </span>
                                {label}
                                <input
                                    inputmode="decimal"
                                    data-testid=move || format!("{field}-{}", id.get_value())
                                    prop:value=move || {
                                        choice()
                                            .map(|c| ppm_as_percent(get(&c)))
                                            .unwrap_or_default()
                                    }
                                    on:change=move |ev| {
                                        match parse_percent_ppm(&event_target_value(&ev), label) {
                                            Ok(ppm) => {
                                                behaviours
                                                    .update(|m| {
                                                        if let Some(c) = m.get_mut(&id.get_value()) {
                                                            put(c, ppm);
                                                        }
                                                    });
                                                problems
                                                    .update(|p| {
                                                        p.remove(&key());
                                                    });
                                                on_change.run(());
                                            }
                                            Err(e) => {
                                                problems
                                                    .update(|p| {
                                                        p.insert(key(), e.to_string());
                                                    });
                                            }
                                        }
                                    }
                                />
                                {move || {
                                    problems
                                        .with(|p| p.get(&key()).cloned())
                                        .map(|e| {
                                            view! {
                                                <span class="field-error" role="alert">
                                                    {e}
                                                </span>
                                            }
                                        })
                                }}
                            </label>
                        }
                    };
                    view! {
                        <div class="form-grid contract-behaviour">
                            <label>
                                {format!("{}: client behaviour", c.1)}
                                <select
                                    data-testid=format!("behaviour-{}", c.0)
                                    prop:value=move || {
                                        choice().map_or("same", |c| c.preset.as_str())
                                    }
                                    on:change=set_preset
                                >
                                    <option value="same">"Same as every client"</option>
                                    <option value="vanished">"Vanished: rarely comes back"</option>
                                    <option value="happy">
                                        "Happy: comes back and rates well"
                                    </option>
                                    <option value="unhappy">
                                        "Unhappy: comes back and rates low"
                                    </option>
                                </select>
                            </label>
                            <Show when=move || {
                                choice().is_some()
                            }>
                                {number(
                                    "Comes back (%)",
                                    "returns",
                                    |c| c.returns_ppm,
                                    |c, v| c.returns_ppm = v,
                                )}
                                {number(
                                    "Rates when back (%)",
                                    "feedback",
                                    |c| c.feedback_if_back_ppm,
                                    |c, v| c.feedback_if_back_ppm = v,
                                )}
                            </Show>
                        </div>
                    }
                }
            </For>
        </fieldset>
    }
}
