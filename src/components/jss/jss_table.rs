use std::collections::HashMap;

use chrono::NaiveDate;
use jss_engine::jss::classify;
use jss_engine::jss::evaluate::calculation_date;
use jss_engine::jss::{Class, Reason, ScoreReport};
use jss_engine::rules::{param_spec, Params};
use jss_engine::scenario::Scenario;
use leptos::prelude::*;

use crate::components::common::data_table::DataTable;
use crate::components::common::glossed::Glossed;
use crate::components::common::pager::{Pager, PAGE_ROWS};
use crate::components::common::source_links::SourceLinks;
use crate::format::date;
use crate::state::AppState;

/// One parameter behind a contract's class: its value and where its default comes from.
#[derive(Clone, Debug, PartialEq)]
struct RuleParam {
    name: &'static str,
    value: String,
    sources: &'static [&'static str],
    provenance: &'static str,
}

/// One row of the table: the contract's outcome and the rule that decided it.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: String,
    /// The contract's title as the user typed it, empty when there is none.
    title: String,
    client: String,
    class: &'static str,
    weight: f64,
    reason: String,
    section: &'static str,
    params: Vec<RuleParam>,
    leaves: Vec<(&'static str, NaiveDate)>,
}

/// The MODEL.md section and the parameters that decided a class, from the reason.
fn rule_of(reason: Reason, class: Class, by_pattern: bool) -> (&'static str, Vec<&'static str>) {
    let (section, mut names): (&'static str, Vec<&'static str>) = match reason {
        Reason::Feedback { .. } => (
            "§3.1",
            match class {
                Class::Positive => vec!["positive_min_stars"],
                Class::Negative => vec!["negative_below_stars"],
                Class::Neutral => vec!["positive_min_stars", "negative_below_stars"],
                Class::Excluded => Vec::new(),
            },
        ),
        Reason::NotCompletedOverride { .. } => ("§3.1", vec!["end_reason_override"]),
        Reason::ZeroEarningsNegative { .. } | Reason::ZeroEarningsExcluded { .. } => {
            ("§3.1", vec!["negative_below_stars"])
        }
        Reason::LongTerm { .. } => (
            "§3.1.3",
            vec![
                "long_term_counts_positive",
                "long_term_max_gap_days",
                "long_term_min_span_days",
            ],
        ),
        Reason::OpenNotLongTerm => (
            "§3.1.3",
            vec!["long_term_max_gap_days", "long_term_min_span_days"],
        ),
        Reason::EndedWithoutFeedback => ("§3.1.4", vec!["no_feedback_pattern_rule"]),
        Reason::InactiveOpen { .. } => {
            ("§3.1.4", vec!["inactive_open_counts", "inactive_open_days"])
        }
        Reason::NotStarted | Reason::FlaggedClient | Reason::EarningsOverflow => {
            ("§3.1", Vec::new())
        }
    };
    if by_pattern {
        names.extend(["no_feedback_pattern_rule", "no_feedback_pattern_share"]);
        names.dedup();
    }
    (section, names)
}

fn rule_params(scenario: &Scenario, params: &Params, names: &[&'static str]) -> Vec<RuleParam> {
    names
        .iter()
        .filter_map(|name| {
            let spec = param_spec(name)?;
            let overridden = scenario.rules.overrides.contains_key(*name);
            Some(RuleParam {
                name: spec.name,
                value: params.get(name).map(|v| v.to_string()).unwrap_or_default(),
                sources: spec.sources,
                provenance: if overridden {
                    "your setting"
                } else {
                    spec.provenance.as_str()
                },
            })
        })
        .collect()
}

/// The rows of one page of the table (see [`Pager`]): only the contracts shown are classified
/// again for their rule, so a long history costs what a page costs. The report's lines are in
/// the scenario's contract order, so each row reads its contract by position, and clients come
/// from one map: no search per row.
fn rows_of(scenario: &Scenario, report: &ScoreReport, today: NaiveDate, page: usize) -> Vec<Row> {
    let params = Params::resolve(&scenario.rules);
    let t = calculation_date(today, &params);
    // As the engine reads clients: the first client with an id decides whether it is flagged,
    // and names it when it has a name (else the id stands in).
    let mut flagged: HashMap<&str, bool> = HashMap::with_capacity(scenario.clients.len());
    let mut names: HashMap<&str, &str> = HashMap::with_capacity(scenario.clients.len());
    for c in &scenario.clients {
        flagged.entry(c.id.as_str()).or_insert(c.flagged);
        if !c.name.trim().is_empty() {
            names.entry(c.id.as_str()).or_insert(c.name.as_str());
        }
    }
    let first = (page * PAGE_ROWS).min(report.contracts.len());
    let last = (first + PAGE_ROWS).min(report.contracts.len());
    report.contracts[first..last]
        .iter()
        .zip(scenario.contracts.get(first..last).unwrap_or_default())
        .map(|(line, contract)| {
            let is_flagged = flagged.get(contract.client.as_str()).copied();
            let outcome = classify(contract, is_flagged.unwrap_or(false), t, &params);
            let class = match line.outcome {
                "positive" => Class::Positive,
                "negative" => Class::Negative,
                "neutral" => Class::Neutral,
                _ => Class::Excluded,
            };
            let by_pattern = line.reason.contains("pattern rule");
            let (section, names_used) = rule_of(outcome.reason, class, by_pattern);
            Row {
                id: line.id.clone(),
                title: contract.title.clone().unwrap_or_default(),
                client: names
                    .get(line.client.as_str())
                    .copied()
                    .unwrap_or(line.client.as_str())
                    .to_owned(),
                class: line.outcome,
                weight: line.weight,
                reason: line.reason.clone(),
                section,
                params: rule_params(scenario, &params, &names_used),
                leaves: line.leaves.iter().map(|(w, d)| (w.label(), *d)).collect(),
            }
        })
        .collect()
}

/// Every contract with its class, weight, reason, the rule (MODEL section and parameters with
/// their sources) behind the class, and the day it leaves each window if nothing changes.
#[component]
pub fn JssTable() -> impl IntoView {
    let state = AppState::get();
    // A long history shows its contracts a page at a time (see `Pager`).
    let page = RwSignal::new(0_usize);
    let total = Signal::derive(move || {
        state
            .report
            .with(|r| r.as_ref().map_or(0, |r| r.contracts.len()))
    });
    let shown = Memo::new(move |_| {
        let today = state.today.get();
        let page = page.get();
        state.report.with(|report| {
            state.scenario.with(|s| match (s, report) {
                (Some(s), Some(r)) => rows_of(s, r, today, page),
                _ => Vec::new(),
            })
        })
    });
    view! {
        <section class="card" aria-labelledby="jss-table-title">
            <h2 id="jss-table-title">"Every contract and why it counts"</h2>
            <p class="muted">
                <Glossed text="Each contract's outcome and weight as the score sees them today. The rule column shows what decided the outcome: the section of the model it follows, and each number it used with the sources it was read from (each opens that page) and whether Upwork states it or the model assumes it. A contract leaves a window on the date shown." />
            </p>
            <DataTable
                class="cards jss-table"
                testid="jss-table"
                caption="Each contract's outcome class, weight, reason, rule and the date it leaves each window"
                caption_id="jss-table-caption"
                columns=["Contract", "Client", "Class", "Weight", "Reason", "Rule", "Leaves"]
            >
                {move || {
                    shown
                        .get()
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr data-contract=row.id.clone()>
                                    // The title names the contract; its id only stands in
                                    // for a title nobody typed.
                                    <th scope="row" class="j-contract">
                                        {if row.title.is_empty() {
                                            view! { <code>{row.id.clone()}</code> }.into_any()
                                        } else {
                                            view! {
                                                <span class="contract-title">{row.title.clone()}</span>
                                            }
                                                .into_any()
                                        }}
                                    </th>
                                    <td class="j-client" data-label="Client">
                                        {row.client.clone()}
                                    </td>
                                    <td class="j-class">
                                        <span class=format!("pill {}", row.class)>{row.class}</span>
                                    </td>
                                    <td class="amount j-weight" data-label="Weight">
                                        {format!("{}", row.weight)}
                                    </td>
                                    <td class="j-reason" data-label="Reason">
                                        {row.reason.clone()}
                                    </td>
                                    <td class="j-rule" data-label="Rule">
                                        <span class="rule-section">
                                            {format!("MODEL {}", row.section)}
                                        </span>
                                        <ul class="rule-params">
                                            {row
                                                .params
                                                .iter()
                                                .map(|p| {
                                                    view! {
                                                        <li>
                                                            <code>{p.name}</code>
                                                            {format!(" = {} · ", p.value)}
                                                            <SourceLinks ids=p.sources />
                                                            {format!(" · {}", p.provenance)}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    </td>
                                    <td class="j-leaves" data-label="Leaves">
                                        {if row.leaves.is_empty() {
                                            view! { <span class="muted">"in no window"</span> }
                                                .into_any()
                                        } else {
                                            view! {
                                                <ul class="leaves">
                                                    {row
                                                        .leaves
                                                        .iter()
                                                        .map(|(w, d)| {
                                                            view! {
                                                                <li>
                                                                    {format!("{w}: ")}
                                                                    <time datetime=d.to_string()>{date(*d)}</time>
                                                                </li>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </ul>
                                            }
                                                .into_any()
                                        }}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </DataTable>
            <Pager total=total page=page what="contracts" />
        </section>
    }
}
