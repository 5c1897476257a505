//! What happened to every row of the imported CSV files, in plain words.

use jss_engine::csv_import::{Category, ImportReport};
use leptos::prelude::*;

/// A category of set-aside rows, in words.
pub fn category_words(category: Category) -> &'static str {
    match category {
        Category::ServiceFee => "service fees",
        Category::Withdrawal => "withdrawals",
        Category::Connects => "Connects purchases",
        Category::Subscription => "subscriptions",
        Category::Tax => "taxes",
        Category::CardPayment => "card payments",
        Category::UnmatchedRefund => "refunds matched to no contract",
        Category::Other => "other rows",
    }
}

fn rows(n: usize) -> String {
    format!("{n} row{}", if n == 1 { "" } else { "s" })
}

/// The import report: files, rows read, used, set aside, duplicates, and every row skipped.
#[component]
pub fn CsvReport(report: ImportReport) -> impl IntoView {
    let files = report
        .files
        .iter()
        .map(|f| {
            let text = match f.format {
                Some(format) => format!(
                    "{}: {}, {} read",
                    f.name,
                    format.describe(),
                    rows(f.rows_read)
                ),
                None => format!(
                    "{}: not an Upwork export this app knows; nothing read",
                    f.name
                ),
            };
            view! { <li>{text}</li> }
        })
        .collect_view();
    let set_aside: usize = report.set_aside.values().sum();
    let set_aside_text = if set_aside == 0 {
        "No rows set aside.".to_string()
    } else {
        let parts: Vec<String> = report
            .set_aside
            .iter()
            .map(|(c, n)| format!("{n} {}", category_words(*c)))
            .collect();
        format!(
            "{} set aside because they are not contract earnings: {}.",
            rows(set_aside),
            parts.join(", ")
        )
    };
    let issues = report
        .unrecognised
        .iter()
        .chain(&report.skipped)
        .map(|i| {
            let text = match &i.column {
                Some(column) => format!("{}, line {}, {}: {}", i.file, i.line, column, i.message),
                None => format!("{}, line {}: {}", i.file, i.line, i.message),
            };
            view! { <li>{text}</li> }
        })
        .collect_view();
    let skipped = report.skipped.len();
    let unrecognised = report.unrecognised.len();
    let warnings = report
        .warnings
        .iter()
        .map(|i| view! { <li>{format!("{}, line {}: {}", i.file, i.line, i.message)}</li> })
        .collect_view();
    let has_warnings = !report.warnings.is_empty();
    view! {
        <section
            class="card csv-report"
            aria-labelledby="csv-report-title"
            data-testid="csv-report"
        >
            <h2 id="csv-report-title">"What was read"</h2>
            <ul class="csv-files">{files}</ul>
            <p data-testid="csv-report-summary">
                {format!(
                    "{} read; {} used as contract earnings or refunds; {} scheduled (not paid yet); {} already seen in another file.",
                    rows(report.rows_read),
                    rows(report.rows_used),
                    rows(report.scheduled),
                    rows(report.duplicates),
                )}
            </p>
            <p>{set_aside_text}</p>
            {(skipped + unrecognised > 0)
                .then(|| {
                    view! {
                        <div class="warning" data-testid="csv-skipped">
                            <p>
                                {format!(
                                    "{} could not be read{}:",
                                    rows(skipped),
                                    if unrecognised > 0 {
                                        format!(
                                            ", and {unrecognised} file{} matched no known export",
                                            if unrecognised == 1 { "" } else { "s" },
                                        )
                                    } else {
                                        String::new()
                                    },
                                )}
                            </p>
                            <ul>{issues}</ul>
                        </div>
                    }
                })}
            {has_warnings
                .then(|| {
                    view! {
                        <details>
                            <summary>"Rows worth a look"</summary>
                            <ul>{warnings}</ul>
                        </details>
                    }
                })}
        </section>
    }
}
