//! Shared by the CSV import tests: reading fixtures and a compact text view of an import.
#![allow(dead_code)]

use chrono::NaiveDate;
use jss_engine::csv_import::{import_files, Draft, ImportResult};
use jss_engine::money::Money;
use jss_engine::scenario::Payment;

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/csv");

pub fn fixture(name: &str) -> (String, String) {
    let path = format!("{FIXTURES}/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    (name.to_string(), text)
}

pub fn import(names: &[&str]) -> ImportResult {
    let files: Vec<(String, String)> = names.iter().map(|n| fixture(n)).collect();
    import_files(&files)
}

pub fn payments(list: &[Payment]) -> String {
    list.iter()
        .map(|p| format!("{} {}", p.date, p.amount))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A compact text view of a draft: one block per contract.
pub fn render_draft(draft: &Draft) -> String {
    let mut out = String::new();
    for c in &draft.contracts {
        out.push_str(&format!(
            "contract {} client={} title={} type={} rate={} start={} source={}\n",
            c.id,
            c.client.as_deref().unwrap_or("?"),
            c.title.as_deref().unwrap_or("?"),
            c.kind.map_or("?", |k| k.as_str()),
            c.hourly_rate.map_or("?".to_string(), |r| r.to_string()),
            c.start,
            c.source.as_str(),
        ));
        out.push_str(&format!("  payments: {}\n", payments(&c.payments)));
        if !c.refunds.is_empty() {
            out.push_str(&format!("  refunds: {}\n", payments(&c.refunds)));
        }
        if !c.scheduled.is_empty() {
            out.push_str(&format!("  scheduled: {}\n", payments(&c.scheduled)));
        }
        if let Some(minutes) = c.billed_minutes() {
            out.push_str(&format!("  billed: {}h{:02}\n", minutes / 60, minutes % 60));
        }
        match c.fees_total() {
            Some(Money::ZERO) => {}
            Some(fees) => out.push_str(&format!("  fees: {fees}\n")),
            None => out.push_str("  fees: overflow\n"),
        }
        if let Some(id) = &c.upwork_contract_id {
            out.push_str(&format!("  upwork contract: {id}\n"));
        }
        let unknown: Vec<&str> = c.unknowns.iter().map(|u| u.as_str()).collect();
        out.push_str(&format!("  unknown: {}\n", unknown.join(" ")));
    }
    out
}

/// A compact text view of an import: one block per contract, then the report.
pub fn render(result: &ImportResult) -> String {
    let mut out = render_draft(&result.draft);
    let r = &result.report;
    let set_aside: Vec<String> = r
        .set_aside
        .iter()
        .map(|(k, v)| format!("{}={v}", k.as_str()))
        .collect();
    out.push_str(&format!(
        "report: read={} used={} scheduled={} duplicates={} set_aside[{}]\n",
        r.rows_read,
        r.rows_used,
        r.scheduled,
        r.duplicates,
        set_aside.join(" ")
    ));
    for issue in r.unrecognised.iter().chain(&r.skipped).chain(&r.warnings) {
        out.push_str(&format!("issue: {issue}\n"));
    }
    for overlap in &r.overlaps {
        out.push_str(&format!("overlap: {}\n", overlap.message()));
    }
    out
}

/// Money and hours that merging and splitting must conserve: (payments, refunds, scheduled,
/// fees, billed minutes, rows), summed over all contracts in cents and minutes.
pub fn totals(draft: &Draft) -> [i128; 6] {
    let cents = |list: &[Payment]| {
        list.iter()
            .map(|p| i128::from(p.amount.cents()))
            .sum::<i128>()
    };
    let mut sums = [0i128; 6];
    for c in &draft.contracts {
        let row = [
            cents(&c.payments),
            cents(&c.refunds),
            cents(&c.scheduled),
            cents(&c.fees),
            c.billed.iter().map(|b| i128::from(b.minutes)).sum(),
            c.rows as i128,
        ];
        for (sum, value) in sums.iter_mut().zip(row) {
            *sum += value;
        }
    }
    sums
}

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{text}: {e}"))
}
