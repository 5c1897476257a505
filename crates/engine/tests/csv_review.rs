//! Correcting an import in review (`jss_engine::csv_import::{merge, split}`) and the warning
//! when the same work comes in through two formats (`find_overlaps`, `import_report.overlaps`).

mod csv_support;

use chrono::NaiveDate;
use csv_support::{date, import, render, render_draft, totals};
use expect_test::{expect, Expect};
use jss_engine::csv_import::{
    find_overlaps, merge, split, Answers, Billed, ContractAnswer, ContractKind, Draft, DraftClient,
    DraftContract, Format, Status,
};
use jss_engine::money::Money;
use jss_engine::scenario::Payment;
use proptest::prelude::*;

/// One correction made in the review table.
enum Step<'a> {
    Merge(&'a [&'a str]),
    Split(&'a str, &'a str),
}

/// Imports the fixtures, applies the steps in order, and compares the transcript (each step's
/// error, or the draft after the last step) with `expected`. Every step that succeeds must
/// conserve the money, hours and rows, and leave the ids unique; a refused step changes
/// nothing.
fn check(files: &[&str], steps: &[Step], expected: Expect) {
    let imported = import(files).draft;
    let mut draft = imported.clone();
    let mut out = String::new();
    for step in steps {
        let before = totals(&draft);
        let result = match step {
            Step::Merge(ids) => {
                let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
                merge(&draft, &ids).map(|d| (d, format!("merged {}", ids.join(" + "))))
            }
            Step::Split(id, at) => split(&draft, id, date(at))
                .map(|(d, new_id)| (d, format!("split {id} at {at}: new {new_id}"))),
        };
        match result {
            Ok((next, what)) => {
                assert_eq!(totals(&next), before, "{what} changed the totals");
                let mut ids: Vec<&str> = next.contracts.iter().map(|c| c.id.as_str()).collect();
                ids.sort_unstable();
                ids.dedup();
                assert_eq!(ids.len(), next.contracts.len(), "{what}: ids not unique");
                out.push_str(&format!("{what}\n"));
                draft = next;
            }
            Err(error) => out.push_str(&format!("refused: {error}\n")),
        }
    }
    if draft == imported {
        out.push_str(&format!("unchanged: {} contracts\n", draft.contracts.len()));
    } else {
        out.push_str(&render_draft(&draft));
    }
    expected.assert_eq(&out);
}

const MAY: &str = "statements_2024-05-01_2024-06-09.csv";
const JUNE: &str = "statements_2024-06-01_2024-06-30.csv";

#[test]
fn a_rate_raise_split_in_two_by_the_importer_is_merged_back() {
    check(
        &[MAY, JUNE],
        &[Step::Merge(&[
            "bluepine-labs-ltd-hourly-18-00",
            "bluepine-labs-ltd-hourly-20-00",
        ])],
        expect![[r#"
            merged bluepine-labs-ltd-hourly-18-00 + bluepine-labs-ltd-hourly-20-00
            contract northgate-media-landing-page-redesign client=northgate-media title=Landing page redesign type=fixed rate=? start=2024-05-02 source=legacy_transactions
              payments: 2024-05-02 $50.00, 2024-05-20 $150.00, 2024-06-17 $25.00
              refunds: 2024-05-15 $30.06
              fees: $15.00
              unknown: status end ended_by end_reason feedback
            contract bluepine-labs-ltd-hourly-18-00 client=bluepine-labs-ltd title=? type=hourly rate=$20.00 start=2024-05-27 source=legacy_transactions
              payments: 2024-05-27 $180.00, 2024-06-03 $258.00, 2024-06-10 $110.00
              billed: 29h50
              fees: $29.93
              unknown: status end ended_by end_reason feedback title
        "#]],
    );
}

#[test]
fn the_first_id_given_is_kept_and_the_title_is_learnt_from_a_part() {
    // A weekly-summary contract (title, no client) merged into a legacy one (client, no
    // title): the result has both, and asks for neither.
    check(
        &[MAY, "weekly_bluepine_2024.csv"],
        &[Step::Merge(&["bluepine-labs-ltd-hourly-18-00", "40555111"])],
        expect![[r#"
            merged bluepine-labs-ltd-hourly-18-00 + 40555111
            contract northgate-media-landing-page-redesign client=northgate-media title=Landing page redesign type=fixed rate=? start=2024-05-02 source=legacy_transactions
              payments: 2024-05-02 $50.00, 2024-05-20 $150.00
              refunds: 2024-05-15 $30.06
              fees: $15.00
              unknown: status end ended_by end_reason feedback
            contract bluepine-labs-ltd-hourly-18-00 client=bluepine-labs-ltd title=Shopify theme maintenance type=hourly rate=$18.00 start=2024-05-20 source=legacy_transactions
              payments: 2024-05-20 $72.00, 2024-05-22 $108.00, 2024-05-27 $144.00, 2024-05-27 $180.00, 2024-05-29 $114.00, 2024-06-03 $258.00
              billed: 48h40
              fees: $29.93
              upwork contract: 40555111
              unknown: status end ended_by end_reason feedback
        "#]],
    );
}

#[test]
fn a_contract_is_split_by_date_and_the_parts_keep_their_own_rows() {
    check(
        &[MAY, JUNE],
        &[
            Step::Split("northgate-media-landing-page-redesign", "2024-05-10"),
            // The new id is unique even when the same split is asked for again.
            Step::Merge(&[
                "northgate-media-landing-page-redesign",
                "northgate-media-landing-page-redesign-from-2024-05-10",
            ]),
            Step::Split("northgate-media-landing-page-redesign", "2024-05-10"),
            Step::Split("bluepine-labs-ltd-hourly-18-00", "2024-06-01"),
        ],
        expect![[r#"
            split northgate-media-landing-page-redesign at 2024-05-10: new northgate-media-landing-page-redesign-from-2024-05-10
            merged northgate-media-landing-page-redesign + northgate-media-landing-page-redesign-from-2024-05-10
            split northgate-media-landing-page-redesign at 2024-05-10: new northgate-media-landing-page-redesign-from-2024-05-10
            split bluepine-labs-ltd-hourly-18-00 at 2024-06-01: new bluepine-labs-ltd-hourly-18-00-from-2024-06-01
            contract northgate-media-landing-page-redesign client=northgate-media title=Landing page redesign type=fixed rate=? start=2024-05-02 source=legacy_transactions
              payments: 2024-05-02 $50.00
              unknown: status end ended_by end_reason feedback
            contract northgate-media-landing-page-redesign-from-2024-05-10 client=northgate-media title=Landing page redesign type=fixed rate=? start=2024-05-15 source=legacy_transactions
              payments: 2024-05-20 $150.00, 2024-06-17 $25.00
              refunds: 2024-05-15 $30.06
              fees: $15.00
              unknown: status end ended_by end_reason feedback
            contract bluepine-labs-ltd-hourly-18-00 client=bluepine-labs-ltd title=? type=hourly rate=$18.00 start=2024-05-27 source=legacy_transactions
              payments: 2024-05-27 $180.00
              billed: 10h00
              unknown: status end ended_by end_reason feedback title
            contract bluepine-labs-ltd-hourly-18-00-from-2024-06-01 client=bluepine-labs-ltd title=? type=hourly rate=$18.00 start=2024-06-03 source=legacy_transactions
              payments: 2024-06-03 $258.00
              billed: 14h20
              fees: $29.93
              unknown: status end ended_by end_reason feedback title
            contract bluepine-labs-ltd-hourly-20-00 client=bluepine-labs-ltd title=? type=hourly rate=$20.00 start=2024-06-10 source=legacy_transactions
              payments: 2024-06-10 $110.00
              billed: 5h30
              unknown: status end ended_by end_reason feedback title
        "#]],
    );
}

#[test]
fn refused_corrections_say_why_and_change_nothing() {
    check(
        &[MAY, JUNE, "weekly_2024.csv"],
        &[
            Step::Merge(&["bluepine-labs-ltd-hourly-18-00"]),
            Step::Merge(&[]),
            Step::Merge(&["bluepine-labs-ltd-hourly-18-00", "nope"]),
            Step::Merge(&[
                "bluepine-labs-ltd-hourly-18-00",
                "bluepine-labs-ltd-hourly-18-00",
            ]),
            Step::Merge(&[
                "bluepine-labs-ltd-hourly-18-00",
                "northgate-media-landing-page-redesign",
            ]),
            Step::Merge(&["40123456", "40987654"]),
            Step::Split("northgate-media-landing-page-redesign", "2024-05-02"),
            Step::Split("northgate-media-landing-page-redesign", "2024-06-18"),
            Step::Split("bluepine-labs-ltd-hourly-20-00", "2024-06-10"),
            Step::Split("nope", "2024-06-10"),
        ],
        expect![[r#"
            refused: choose at least two contracts to merge (1 chosen)
            refused: choose at least two contracts to merge (0 chosen)
            refused: there is no contract nope in this import
            refused: contract bluepine-labs-ltd-hourly-18-00 is chosen twice; choose each contract once
            refused: contract bluepine-labs-ltd-hourly-18-00 is hourly and contract northgate-media-landing-page-redesign is fixed-price; an Upwork contract is one or the other, so they cannot be merged
            refused: contract 40123456 is hourly and contract 40987654 is fixed-price; an Upwork contract is one or the other, so they cannot be merged
            refused: contract northgate-media-landing-page-redesign has no payment before Thu 2 May 2024, so the first part would be empty; choose a date after Thu 2 May 2024 and no later than Mon 17 Jun 2024
            refused: contract northgate-media-landing-page-redesign has no payment on or after Tue 18 Jun 2024, so the second part would be empty; choose a date after Thu 2 May 2024 and no later than Mon 17 Jun 2024
            refused: contract bluepine-labs-ltd-hourly-20-00 has payments on Mon 10 Jun 2024 only, so no date can split it
            refused: there is no contract nope in this import
            unchanged: 5 contracts
        "#]],
    );
}

// ---- the same work in two formats ----

#[test]
fn weekly_days_matching_hourly_invoices_are_reported_as_an_overlap() {
    let result = import(&[MAY, "weekly_bluepine_2024.csv"]);
    expect![[r#"
        contract northgate-media-landing-page-redesign client=northgate-media title=Landing page redesign type=fixed rate=? start=2024-05-02 source=legacy_transactions
          payments: 2024-05-02 $50.00, 2024-05-20 $150.00
          refunds: 2024-05-15 $30.06
          fees: $15.00
          unknown: status end ended_by end_reason feedback
        contract 40555111 client=? title=Shopify theme maintenance type=hourly rate=$18.00 start=2024-05-20 source=weekly_summary
          payments: 2024-05-20 $72.00, 2024-05-22 $108.00, 2024-05-27 $144.00, 2024-05-29 $114.00
          billed: 24h20
          upwork contract: 40555111
          unknown: status end ended_by end_reason feedback client
        contract bluepine-labs-ltd-hourly-18-00 client=bluepine-labs-ltd title=? type=hourly rate=$18.00 start=2024-05-27 source=legacy_transactions
          payments: 2024-05-27 $180.00, 2024-06-03 $258.00
          billed: 24h20
          fees: $29.93
          unknown: status end ended_by end_reason feedback title
        report: read=15 used=9 scheduled=0 duplicates=0 set_aside[service_fee=2 withdrawal=2 connects=1 tax=1]
        overlap: contracts 40555111 (weekly summary) and bluepine-labs-ltd-hourly-18-00 (legacy transaction history) hold the same 2 payments ($438.00 from 2024-05-27 to 2024-06-03); they are probably one contract exported in two formats, and keeping both counts this money twice: leave one of them out
    "#]]
    .assert_eq(&render(&result));
    let overlap = result.report.overlaps.first().cloned();
    assert_eq!(
        overlap.as_ref().and_then(|o| o.weekly_copy()),
        Some("40555111")
    );
    // Leaving the weekly copy out (or merging the legacy copy's client into it and skipping
    // the other) is the user's call; once one copy is merged away, nothing overlaps.
    let merged = merge(
        &result.draft,
        &[
            "bluepine-labs-ltd-hourly-18-00".to_string(),
            "40555111".to_string(),
        ],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(find_overlaps(&merged), vec![]);
}

/// One hand-made contract for the overlap table.
fn contract(
    id: &str,
    source: Format,
    client: Option<&str>,
    kind: Option<ContractKind>,
    paid: &[(&str, i64)],
) -> DraftContract {
    let payments: Vec<Payment> = paid
        .iter()
        .map(|(d, cents)| Payment {
            date: date(d),
            amount: Money::from_cents(*cents),
        })
        .collect();
    DraftContract {
        id: id.to_string(),
        client: client.map(|c| c.to_lowercase()),
        client_name: client.map(str::to_string),
        title: None,
        kind,
        start: payments.first().map_or(date("2024-01-01"), |p| p.date),
        last_payment: payments.last().map(|p| p.date),
        rows: payments.len(),
        payments,
        refunds: vec![],
        scheduled: vec![],
        hourly_rate: None,
        billed: vec![],
        fees: vec![],
        upwork_contract_id: None,
        source,
        unknowns: vec![],
    }
}

#[test]
fn overlaps_need_two_formats_agreeing_clients_and_types_and_close_dates() {
    use ContractKind::{Fixed, Hourly};
    use Format::{LegacyTransactions as A, TransactionReport as B, WeeklySummary as C};
    let fixed_b = contract("b", B, Some("Acme"), Some(Fixed), &[("2025-03-10", 25_000)]);
    let cases: Vec<(&str, DraftContract, usize)> = vec![
        (
            "weekly fixed payment 3 days later",
            contract("c", C, None, Some(Fixed), &[("2025-03-13", 25_000)]),
            1,
        ),
        (
            "weekly fixed payment 8 days later",
            contract("c", C, None, Some(Fixed), &[("2025-03-18", 25_000)]),
            0,
        ),
        (
            "same format",
            contract("c", B, Some("Acme"), Some(Fixed), &[("2025-03-10", 25_000)]),
            0,
        ),
        (
            "other client",
            contract("a", A, Some("Zeta"), Some(Fixed), &[("2025-03-10", 25_000)]),
            0,
        ),
        (
            "same client, other casing",
            contract("a", A, Some("ACME"), Some(Fixed), &[("2025-03-10", 25_000)]),
            1,
        ),
        (
            "hourly against fixed",
            contract("c", C, None, Some(Hourly), &[("2025-03-10", 25_000)]),
            0,
        ),
        (
            "unknown type",
            contract("c", C, None, None, &[("2025-03-10", 25_000)]),
            1,
        ),
        (
            "other amount",
            contract("c", C, None, Some(Fixed), &[("2025-03-10", 25_001)]),
            0,
        ),
        (
            "daily rows of the week before add up",
            contract(
                "c",
                C,
                None,
                None,
                &[("2025-03-03", 10_000), ("2025-03-09", 15_000)],
            ),
            1,
        ),
        (
            "daily rows do not add up",
            contract(
                "c",
                C,
                None,
                None,
                &[("2025-03-03", 10_000), ("2025-03-09", 14_999)],
            ),
            0,
        ),
        (
            "daily rows more than a week before",
            contract(
                "c",
                C,
                None,
                None,
                &[("2025-03-02", 10_000), ("2025-03-09", 15_000)],
            ),
            0,
        ),
        ("no payments", contract("c", C, None, None, &[]), 0),
    ];
    let mut failures = Vec::new();
    for (name, other, expected) in cases {
        let draft = Draft {
            clients: vec![DraftClient {
                id: "acme".to_string(),
                name: "Acme".to_string(),
            }],
            contracts: vec![fixed_b.clone(), other],
        };
        let found = find_overlaps(&draft);
        let got = found.first().map_or(0, |o| o.payments);
        if got != expected || found.len() > 1 {
            failures.push(format!(
                "{name}: expected {expected} matched payments, got {found:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_command_prints_the_overlap_in_the_report_and_on_stderr() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_jss"))
        .args(["import-csv", MAY, "weekly_bluepine_2024.csv"])
        .current_dir(csv_support::FIXTURES)
        .output()
        .unwrap_or_else(|e| panic!("cannot run jss: {e}"));
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report = stdout
        .split("\"overlaps\": ")
        .nth(1)
        .unwrap_or_else(|| panic!("no overlaps key: {stdout}"));
    expect![[r#"
        [
              {
                "contracts": [
                  "40555111",
                  "bluepine-labs-ltd-hourly-18-00"
                ],
                "formats": [
                  "weekly_summary",
                  "legacy_transactions"
                ],
                "payments": 2,
                "amount": 438.0,
                "from": "2024-05-27",
                "to": "2024-06-03",
                "message": "contracts 40555111 (weekly summary) and bluepine-labs-ltd-hourly-18-00 (legacy transaction history) hold the same 2 payments ($438.00 from 2024-05-27 to 2024-06-03); they are probably one contract exported in two formats, and keeping both counts this money twice: leave one of them out"
              }
            ]
          }
        }"#]]
    .assert_eq(report.trim_end());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("overlap: contracts 40555111 (weekly summary) and"),
        "{stderr}"
    );
}

#[test]
fn a_merged_draft_still_builds_a_scenario() {
    let draft = import(&[MAY, JUNE]).draft;
    let ids = [
        "bluepine-labs-ltd-hourly-18-00",
        "bluepine-labs-ltd-hourly-20-00",
    ]
    .map(String::from);
    let (draft, new_id) = merge(&draft, &ids)
        .and_then(|d| {
            split(
                &d,
                "northgate-media-landing-page-redesign",
                date("2024-06-01"),
            )
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let open = || ContractAnswer {
        status: Some(Status::Open),
        ..ContractAnswer::default()
    };
    let answers = Answers {
        contracts: draft
            .contracts
            .iter()
            .map(|c| (c.id.clone(), open()))
            .collect(),
        ..Answers::default()
    };
    let scenario = draft
        .to_scenario(&answers)
        .unwrap_or_else(|p| panic!("{p:#?}"));
    let ids: Vec<&str> = scenario.contracts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "northgate-media-landing-page-redesign",
            new_id.as_str(),
            "bluepine-labs-ltd-hourly-18-00"
        ]
    );
}

// ---- never panics, never changes the totals ----

fn any_payments(max: usize) -> impl Strategy<Value = Vec<Payment>> {
    prop::collection::vec((0i64..120, -5_000i64..500_000), 0..max).prop_map(|list| {
        list.into_iter()
            .map(|(day, cents)| Payment {
                date: date("2024-01-01") + chrono::Duration::days(day),
                amount: Money::from_cents(cents),
            })
            .collect()
    })
}

fn any_contract() -> impl Strategy<Value = DraftContract> {
    (
        prop_oneof![3 => Just(None), 1 => Just(Some(0u8)), 1 => Just(Some(1u8))],
        // Mostly hourly, so that many merges are allowed.
        prop_oneof![
            3 => Just(Some(ContractKind::Hourly)),
            1 => Just(Some(ContractKind::Fixed)),
            1 => Just(None),
        ],
        any_payments(6).prop_filter("a contract has a payment", |p| !p.is_empty()),
        any_payments(2),
        any_payments(2),
        any_payments(3),
        prop::collection::vec((0i64..120, 0i64..6_000), 0..4),
        prop_oneof![
            Just(Format::LegacyTransactions),
            Just(Format::TransactionReport),
            Just(Format::WeeklySummary)
        ],
    )
        .prop_map(
            |(client, kind, mut payments, refunds, scheduled, fees, billed, source)| {
                payments.sort();
                let client = client.map(|c| format!("client-{c}"));
                let mut c = contract("x", source, None, kind, &[]);
                c.client_name = client.clone();
                c.client = client;
                c.start = payments
                    .iter()
                    .chain(&refunds)
                    .chain(&scheduled)
                    .map(|p| p.date)
                    .min()
                    .unwrap_or(c.start);
                c.last_payment = payments.iter().map(|p| p.date).max();
                c.rows = payments.len() + refunds.len() + scheduled.len();
                c.payments = payments;
                c.refunds = refunds;
                c.scheduled = scheduled;
                c.fees = fees;
                c.billed = billed
                    .into_iter()
                    .map(|(day, minutes)| Billed {
                        date: date("2024-01-01") + chrono::Duration::days(day),
                        minutes,
                    })
                    .collect();
                c
            },
        )
}

fn any_draft() -> impl Strategy<Value = Draft> {
    prop::collection::vec(any_contract(), 0..7).prop_map(|mut contracts| {
        for (i, c) in contracts.iter_mut().enumerate() {
            // Ids like the importer's, so that split ids can collide with existing ones.
            c.id = if i % 2 == 0 {
                format!("c{i}")
            } else {
                format!("c{}-from-2024-02-01", i - 1)
            };
        }
        Draft {
            clients: vec![],
            contracts,
        }
    })
}

#[derive(Clone, Debug)]
enum Op {
    /// Contract positions (taken modulo the count; may repeat or be out of range on purpose).
    Merge(Vec<usize>),
    /// Contract position, then the date: that of one of its payments (index modulo the
    /// count) moved by -1, 0 or +1 days, so that most splits fall inside the contract and
    /// some on its edges.
    Split(usize, usize, i64),
}

fn any_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        prop::collection::vec(0usize..8, 1..5).prop_map(Op::Merge),
        (0usize..8, 0usize..6, -1i64..=1).prop_map(|(i, k, shift)| Op::Split(i, k, shift)),
    ]
}

/// The id of the contract at `i` modulo one more than the count: mostly real ids, sometimes
/// one that names no contract.
fn id_at(draft: &Draft, i: usize) -> String {
    let i = i % (draft.contracts.len() + 1);
    draft
        .contracts
        .get(i)
        .map_or_else(|| format!("missing-{i}"), |c| c.id.clone())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if cfg!(debug_assertions) { 500 } else { 5_000 }))]

    #[test]
    fn prop_merge_and_split_never_panic_and_never_change_the_totals(
        draft in any_draft(),
        ops in prop::collection::vec(any_op(), 1..6),
    ) {
        let mut draft = draft;
        for op in ops {
            let before = totals(&draft);
            let next = match &op {
                Op::Merge(positions) => {
                    // Repeated ids are refused (tested by name above); here they would only
                    // crowd out the merges worth checking.
                    let mut ids: Vec<String> = Vec::new();
                    for id in positions.iter().map(|i| id_at(&draft, *i)) {
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                    merge(&draft, &ids).ok()
                }
                Op::Split(i, k, shift) => {
                    let id = id_at(&draft, *i);
                    let dates: Vec<NaiveDate> = draft
                        .contracts
                        .iter()
                        .filter(|c| c.id == id)
                        .flat_map(|c| c.payments.iter().map(|p| p.date))
                        .collect();
                    let at = dates
                        .get(k % dates.len().max(1))
                        .map_or(date("2024-01-01"), |d| *d + chrono::Duration::days(*shift));
                    split(&draft, &id, at).ok().map(|(d, _)| d)
                }
            };
            let Some(next) = next else { continue };
            prop_assert_eq!(totals(&next), before, "{:?}", op);
            let mut ids: Vec<&str> = next.contracts.iter().map(|c| c.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(ids.len(), next.contracts.len());
            for c in &next.contracts {
                // Every contract still starts no later than its first row, and a split part
                // always keeps a payment.
                let first = c.payments.iter().chain(&c.refunds).chain(&c.scheduled).map(|p| p.date).min();
                prop_assert!(first.is_none_or(|d| c.start <= d));
            }
            let _ = find_overlaps(&next);
            draft = next;
        }
    }
}

#[test]
fn payments_on_one_date_cannot_be_split() {
    // Two payments, so a count-based check would allow it; the dates do not.
    let one_date = contract(
        "x",
        Format::WeeklySummary,
        None,
        None,
        &[("2024-03-01", 100), ("2024-03-01", 200)],
    );
    let draft = Draft {
        clients: vec![],
        contracts: vec![one_date],
    };
    let error = split(&draft, "x", date("2024-03-01"))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        error.as_deref(),
        Some("contract x has payments on Fri 1 Mar 2024 only, so no date can split it")
    );
}
