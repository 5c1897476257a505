//! The contracts page's logic in headless Chromium: pasted spreadsheet lines as fast-table
//! rows; the batch check with problems per cell; and the actions panel offering only what the
//! engine allows.
#![cfg(target_arch = "wasm32")]

mod web_support;

use jss_engine::scenario::ops::read::add_rows;
use jss_lab::entry::{column_of, rows_from_paste, TableRow, COLUMNS};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen_test::*;
use web_support::{date, mount};

use jss_engine::scenario::Terms;
use jss_lab::components::contracts::contract_actions::ContractActions;
use jss_lab::state::{AppState, UndoStep};

wasm_bindgen_test_configure!(run_in_browser);

fn demo() -> jss_engine::scenario::Scenario {
    jss_engine::demo::vanished_clients(date("2026-11-27")).expect("the demo parses")
}

/// One check for the fast table: pasted text → rows → the batch check, summarised as either
/// `added: N contracts (client / title / earned / end / stars / rate)…` (the rate for hourly
/// contracts only) or `row:column: message` lines.
fn check(pasted: &str, expected: &[&str]) {
    let rows: Vec<_> = rows_from_paste(pasted).iter().map(TableRow::text).collect();
    let base = demo();
    let before = base.contracts.len();
    let got: Vec<String> = match add_rows(Some(&base), &rows, date("2026-11-27")) {
        Ok(done) => done.scenario.contracts[before..]
            .iter()
            .map(|c| {
                let client = done
                    .scenario
                    .clients
                    .iter()
                    .find(|k| k.id == c.client)
                    .map_or("?", |k| k.name.as_str());
                let rate = match &c.terms {
                    Terms::Hourly { hourly_rate, .. } => format!(" / rate {hourly_rate}"),
                    Terms::Fixed { .. } => String::new(),
                };
                format!(
                    "{} {} / {} / {} / end {} / stars {}{rate}",
                    c.id,
                    client,
                    c.title.clone().unwrap_or_default(),
                    c.earnings().unwrap_or_default(),
                    c.end.map_or("open".to_string(), |e| format!(
                        "{} {}",
                        e.date,
                        e.reason.as_str()
                    )),
                    c.feedback
                        .map_or("none".to_string(), |f| format!("{:.2}", f.stars.as_f64())),
                )
            })
            .collect(),
        Err(errors) => errors
            .iter()
            .map(|e| format!("{}:{}: {e}", e.row, COLUMNS[column_of(e.field)].1))
            .collect(),
    };
    assert_eq!(got, expected, "pasted: {pasted:?}");
}

#[wasm_bindgen_test]
fn pasted_rows_are_added_as_one_batch() {
    check(
        "Zenith\tSite\tfixed\t2026-01-05\t2026-02-01\t1,500\t5\tcompleted\n\
         Acme Inc.\tAds\thourly\t2026-03-02\t2026-05-01\t$900.50\t4.5\tnot completed\r\n\
         \n\
         Orbit\tAudit\tf\t2026-06-01\t\t200\t\t",
        &[
            "k19 Zenith / Site / $1,500.00 / end 2026-02-01 completed / stars 5.00",
            "k20 Acme Inc. / Ads / $900.50 / end 2026-05-01 not_completed / stars 4.50 / rate $0.00",
            "k21 Orbit / Audit / $200.00 / end open / stars none",
        ],
    );
    // A header line copied with the data is skipped; columns past the rate are ignored.
    check(
        "Client\tTitle\tType\tStart\tEnd\tEarned\tStars\tReason\tRate\n\
         Zenith\tSite\tfixed\t2026-01-05\t2026-02-01\t100\t4.9\tcompleted\t\textra",
        &["k19 Zenith / Site / $100.00 / end 2026-02-01 completed / stars 4.90"],
    );
    // A ninth cell is the hourly rate; blank (or absent) stays $0, which means unknown.
    check(
        "Acme Inc.\tAds\thourly\t2026-03-02\t2026-05-01\t900\t5\tcompleted\t$45.50\n\
         Orbit\tAudit\thourly\t2026-06-01\t\t200\t\t\t",
        &[
            "k19 Acme Inc. / Ads / $900.00 / end 2026-05-01 completed / stars 5.00 / rate $45.50",
            "k20 Orbit / Audit / $200.00 / end open / stars none / rate $0.00",
        ],
    );
}

#[wasm_bindgen_test]
fn every_bad_cell_is_named_and_nothing_is_added() {
    check(
        "\tSite\tweekly\t2026-13-01\tsoon\tlots\t6\tbored",
        &[
            "0:Client: this is required",
            "0:Type: enter hourly or fixed",
            "0:Start: enter a date written YYYY-MM-DD",
            "0:End: enter a date written YYYY-MM-DD",
            "0:Earned (USD): enter a number of dollars, such as 1200 or 99.50",
            "0:Stars: enter a rating from 1.0 to 5.0 with at most two decimals",
            "0:End reason: enter completed, not completed, client unresponsive or other",
        ],
    );
    // Readable cells that break a rule are reported in the cell concerned, for the right row.
    check(
        "Zenith\tSite\tfixed\t2026-01-05\t2026-02-01\t100\t5\tcompleted\n\
         Orbit\tAudit\tfixed\t2026-06-01\t2026-05-01\t100\t\tcompleted",
        &["1:End: is before the contract's start (Mon 1 Jun 2026)"],
    );
    check(
        "Orbit\tAudit\tfixed\t2026-06-01\t\t100\t5\t",
        &["0:Stars: feedback comes after the contract ends: enter the end date first"],
    );
    check("\n\n", &["0:Client: fill in at least one row"]);
    // The rate belongs to hourly contracts, and must read as dollars.
    check(
        "Zenith\tSite\tfixed\t2026-01-05\t2026-02-01\t100\t5\tcompleted\t40\n\
         Acme\tAds\thourly\t2026-03-02\t\t100\t\t\tforty",
        &[
            "0:Rate $/hr: a fixed-price contract has no hourly rate",
            "1:Rate $/hr: enter a number of dollars, such as 1200 or 99.50",
        ],
    );
}

/// Mounts the actions panel for a demo contract and lists its buttons' test ids.
async fn buttons_for(id: &'static str) -> Vec<String> {
    let section = mount(move || {
        AppState::provide(Some(demo()), None, date("2026-11-27"));
        let undo = RwSignal::new(None::<UndoStep>);
        view! { <ContractActions id=id.to_string() undo=undo /> }
    });
    tick().await;
    // The app's web-sys build has no `NodeList`, so the buttons are read from the markup.
    let html = section.inner_html();
    html.split("<button")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let rest = &tag[tag.find("data-testid=\"")? + "data-testid=\"".len()..];
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_panel_offers_only_what_the_engine_allows() {
    // k18: fixed, open, milestone m1 submitted and held.
    assert_eq!(
        buttons_for("k18").await,
        [
            "submit-m1",
            "release-m1",
            "release-part-m1",
            "request-changes-m1",
            "refund-m1",
            "add-milestone",
            "end-now"
        ]
    );
    // k16: hourly, open.
    assert_eq!(buttons_for("k16").await, ["log-hours-submit", "end-now"]);
    // k01: ended long ago with feedback: nothing to do.
    assert!(buttons_for("k01").await.is_empty());
}
