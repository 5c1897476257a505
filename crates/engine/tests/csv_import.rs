//! Importing Upwork CSV exports (`jss_engine::csv_import`): the three formats from hand-made
//! samples that follow `shared/reference/upwork-csv-exports.md`, bad files, the `jss
//! import-csv` command, answers → scenario → JSS, and a never-panics property.

mod csv_support;

use std::collections::BTreeMap;
use std::process::Command;

use csv_support::{date, import, render, FIXTURES};
use expect_test::{expect, Expect};
use jss_engine::csv_import::{
    import_files, Answers, ContractAnswer, ContractKind, ImportResult, Status, Unknown,
};
use jss_engine::money::Money;
use jss_engine::scenario::parse::ProblemPlace;
use jss_engine::scenario::{End, EndReason, Feedback, Party, Stars};
use proptest::prelude::*;

/// Imports fixture files in order and compares the rendered draft and report with `expected`;
/// also checks that every row read is accounted for exactly once.
fn check(names: &[&str], expected: Expect) {
    let result = import(names);
    let r = &result.report;
    let accounted = r.rows_used
        + r.scheduled
        + r.duplicates
        + r.set_aside.values().sum::<usize>()
        + r.skipped.len();
    assert_eq!(r.rows_read, accounted, "{r:#?}");
    expected.assert_eq(&render(&result));
}

#[test]
fn legacy_history_with_overlapping_files() {
    check(
        &[
            "statements_2024-05-01_2024-06-09.csv",
            "statements_2024-06-01_2024-06-30.csv",
        ],
        expect![[r#"
            contract northgate-media-landing-page-redesign client=northgate-media title=Landing page redesign type=fixed rate=? start=2024-05-02 source=legacy_transactions
              payments: 2024-05-02 $50.00, 2024-05-20 $150.00, 2024-06-17 $25.00
              refunds: 2024-05-15 $30.06
              fees: $15.00
              unknown: status end ended_by end_reason feedback
            contract bluepine-labs-ltd-hourly-18-00 client=bluepine-labs-ltd title=? type=hourly rate=$18.00 start=2024-05-27 source=legacy_transactions
              payments: 2024-05-27 $180.00, 2024-06-03 $258.00
              billed: 24h20
              fees: $29.93
              unknown: status end ended_by end_reason feedback title
            contract bluepine-labs-ltd-hourly-20-00 client=bluepine-labs-ltd title=? type=hourly rate=$20.00 start=2024-06-10 source=legacy_transactions
              payments: 2024-06-10 $110.00
              billed: 5h30
              unknown: status end ended_by end_reason feedback title
            report: read=18 used=7 scheduled=0 duplicates=5 set_aside[service_fee=2 withdrawal=2 connects=1 tax=1]
        "#]],
    );
}

#[test]
fn report_title_case_with_bom_and_scheduled_row() {
    check(
        &["2025-10-01_transaction_report.csv"],
        expect![[r#"
        contract northgate-media-landing-page-redesign client=northgate-media title=Landing page redesign type=fixed rate=? start=2025-09-22 source=transaction_report
          payments: 2025-09-22 $250.00
          fees: $25.00
          unknown: status end ended_by end_reason feedback
        contract bluepine-labs-ltd-shopify-theme-maintenance client=bluepine-labs-ltd title=Shopify theme maintenance type=hourly rate=? start=2025-09-29 source=transaction_report
          payments: 2025-09-29 $310.00
          scheduled: 2025-10-08 $310.00
          fees: $31.00
          unknown: status end ended_by end_reason feedback hourly_rate
        report: read=7 used=2 scheduled=1 duplicates=0 set_aside[service_fee=2 connects=1 card_payment=1]
    "#]],
    );
}

#[test]
fn report_both_casings_with_refund_pair() {
    check(
        &[
            "2025-10-01_transaction_report.csv",
            "2026-03-31_transaction_report.csv",
        ],
        expect![[r#"
            contract northgate-media-landing-page-redesign client=northgate-media title=Landing page redesign type=fixed rate=? start=2025-09-22 source=transaction_report
              payments: 2025-09-22 $250.00, 2026-02-27 $250.00
              refunds: 2026-03-12 $250.00
              fees: $25.00
              unknown: status end ended_by end_reason feedback
            contract bluepine-labs-ltd-shopify-theme-maintenance client=bluepine-labs-ltd title=Shopify theme maintenance type=hourly rate=? start=2025-09-29 source=transaction_report
              payments: 2025-09-29 $310.00
              scheduled: 2025-10-08 $310.00
              fees: $31.00
              unknown: status end ended_by end_reason feedback hourly_rate
            report: read=13 used=4 scheduled=1 duplicates=0 set_aside[service_fee=4 connects=1 subscription=1 tax=1 card_payment=1]
        "#]],
    );
}

#[test]
fn weekly_summary_with_overlapping_files() {
    check(
        &["weekly_2024.csv", "weekly_2024_2025.csv"],
        expect![[r#"
            contract 40123456 client=? title=Mini Site Creation type=hourly rate=$10.00 start=2024-04-15 source=weekly_summary
              payments: 2024-04-15 $20.00, 2024-04-16 $3.33, 2024-04-16 $10.00, 2025-01-07 $15.00
              billed: 3h50
              upwork contract: 40123456
              unknown: status end ended_by end_reason feedback client
            contract 40987654 client=? title=Figma to Tailwind landing page type=fixed rate=? start=2024-12-30 source=weekly_summary
              payments: 2024-12-30 $100.00, 2025-01-06 $150.00
              upwork contract: 40987654
              unknown: status end ended_by end_reason feedback client
            report: read=7 used=6 scheduled=0 duplicates=1 set_aside[]
        "#]],
    );
}

#[test]
fn unknown_header_is_named_with_the_expected_headers() {
    check(
        &["unknown_header.csv"],
        expect![[r#"
        report: read=0 used=0 scheduled=0 duplicates=0 set_aside[]
        issue: unknown_header.csv:1: the header matches no known Upwork export (closest: legacy transaction history, which also needs Ref ID, Type, Team (or Client team), Balance (or Current balance $)); found `Date,Description,Amount`; expected one of:
          legacy transaction history: Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,Amount in local currency,Currency,Balance
          2025+ transaction report: Date,Transaction ID,Transaction type,Transaction summary,Transaction summary details,Description 1,Description 2,Description 3,[Entered Description,]Agency team,Freelancer,Client team,Account name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current balance $,Payment method
          weekly summary: "Date","Contract","Hours","Amount","Payment type"
    "#]],
    );
}

#[test]
fn broken_row_bad_date_and_bad_amount_are_skipped_and_the_rest_imports() {
    check(
        &["bad_rows.csv"],
        expect![[r#"
        contract bluepine-labs-ltd-hourly-18-00 client=bluepine-labs-ltd title=? type=hourly rate=$18.00 start=2024-06-03 source=legacy_transactions
          payments: 2024-06-03 $258.00, 2024-07-15 $36.00
          billed: 16h20
          unknown: status end ended_by end_reason feedback title
        report: read=5 used=2 scheduled=0 duplicates=0 set_aside[]
        issue: bad_rows.csv:3: has 12 fields but the header has 13; row skipped
        issue: bad_rows.csv:4: column 1 "Date": `Jun 31, 2024` is not a date like `Oct 3, 2021` or `2021-10-03`; row skipped
        issue: bad_rows.csv:5: column 10 "Amount": `18.0.0` is not an amount like `258.00` or `-0.99`; row skipped
    "#]],
    );
}

// ---- the command ----

/// Runs `jss` from the fixtures directory; returns (exit status, stdout, stderr).
fn jss(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_jss"))
        .args(args)
        .current_dir(FIXTURES)
        .output()
        .unwrap_or_else(|e| panic!("cannot run jss: {e}"));
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap_or_default();
    (
        output.status.code(),
        text(output.stdout),
        text(output.stderr),
    )
}

#[test]
fn cli_prints_the_draft_and_report() {
    let (status, stdout, stderr) = jss(&["import-csv", "weekly_2024.csv", "weekly_2024_2025.csv"]);
    assert_eq!((status, stderr.as_str()), (Some(0), ""));
    expect![[r#"
        {
          "scenario": {
            "format": "jss-lab.scenario",
            "version": 1,
            "clients": [],
            "contracts": [
              {
                "id": "40123456",
                "client": null,
                "title": "Mini Site Creation",
                "type": "hourly",
                "hourly_rate": 10.0,
                "start": "2024-04-15",
                "payments": [
                  {
                    "date": "2024-04-15",
                    "amount": 20.0
                  },
                  {
                    "date": "2024-04-16",
                    "amount": 3.33
                  },
                  {
                    "date": "2024-04-16",
                    "amount": 10.0
                  },
                  {
                    "date": "2025-01-07",
                    "amount": 15.0
                  }
                ],
                "refunds": [],
                "milestones": [],
                "end": null,
                "feedback": null,
                "unknown": [
                  "status",
                  "end",
                  "ended_by",
                  "end_reason",
                  "feedback",
                  "client"
                ],
                "import": {
                  "source": "weekly_summary",
                  "upwork_contract_id": "40123456",
                  "rows": 4,
                  "last_payment": "2025-01-07",
                  "billed_hours": 3.83,
                  "fees": 0.0,
                  "scheduled": []
                }
              },
              {
                "id": "40987654",
                "client": null,
                "title": "Figma to Tailwind landing page",
                "type": "fixed",
                "start": "2024-12-30",
                "payments": [
                  {
                    "date": "2024-12-30",
                    "amount": 100.0
                  },
                  {
                    "date": "2025-01-06",
                    "amount": 150.0
                  }
                ],
                "refunds": [],
                "milestones": [],
                "end": null,
                "feedback": null,
                "unknown": [
                  "status",
                  "end",
                  "ended_by",
                  "end_reason",
                  "feedback",
                  "client"
                ],
                "import": {
                  "source": "weekly_summary",
                  "upwork_contract_id": "40987654",
                  "rows": 2,
                  "last_payment": "2025-01-06",
                  "billed_hours": null,
                  "fees": 0.0,
                  "scheduled": []
                }
              }
            ]
          },
          "import_report": {
            "files": [
              {
                "name": "weekly_2024.csv",
                "format": "weekly_summary",
                "rows_read": 4
              },
              {
                "name": "weekly_2024_2025.csv",
                "format": "weekly_summary",
                "rows_read": 3
              }
            ],
            "rows_read": 7,
            "rows_used": 6,
            "scheduled": 0,
            "duplicates": 1,
            "set_aside": {},
            "skipped": [],
            "unrecognised": [],
            "warnings": [],
            "overlaps": []
          }
        }
    "#]]
    .assert_eq(&stdout);
}

#[test]
fn cli_exit_codes() {
    let (status, stdout, stderr) = jss(&["import-csv", "unknown_header.csv"]);
    assert_eq!(status, Some(2));
    assert_eq!(stdout, "");
    expect![[r#"
        unknown_header.csv:1: the header matches no known Upwork export (closest: legacy transaction history, which also needs Ref ID, Type, Team (or Client team), Balance (or Current balance $)); found `Date,Description,Amount`; expected one of:
          legacy transaction history: Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,Amount in local currency,Currency,Balance
          2025+ transaction report: Date,Transaction ID,Transaction type,Transaction summary,Transaction summary details,Description 1,Description 2,Description 3,[Entered Description,]Agency team,Freelancer,Client team,Account name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current balance $,Payment method
          weekly summary: "Date","Contract","Hours","Amount","Payment type"
    "#]].assert_eq(&stderr);
    // One known file is enough to import; the unknown one is still named on stderr.
    let (status, stdout, stderr) = jss(&["import-csv", "unknown_header.csv", "weekly_2024.csv"]);
    assert_eq!(status, Some(0));
    assert!(stdout.contains("\"import_report\""), "{stdout}");
    assert!(
        stderr.starts_with("unknown_header.csv:1: the header matches no known"),
        "{stderr}"
    );
    let (status, _, stderr) = jss(&["import-csv"]);
    assert_eq!(status, Some(2));
    assert!(stderr.starts_with("import-csv takes FILE..."), "{stderr}");
    let (status, _, stderr) = jss(&["import-csv", "no_such_file.csv"]);
    assert_eq!(status, Some(1));
    assert!(
        stderr.starts_with("cannot read no_such_file.csv"),
        "{stderr}"
    );
}

// ---- answers → scenario → JSS ----

fn ended(end: &str, by: Party, reason: EndReason, stars: Option<f64>) -> ContractAnswer {
    ContractAnswer {
        status: Some(Status::Ended {
            end: End {
                date: date(end),
                by,
                reason,
            },
            feedback: stars.map(|s| Feedback {
                date: date(end),
                stars: Stars::from_f64(s).unwrap_or_else(|| panic!("{s} stars")),
                private_score: None,
            }),
        }),
        ..ContractAnswer::default()
    }
}

#[test]
fn answers_make_a_scenario_whose_jss_is_computed() {
    let result = import(&[
        "statements_2024-05-01_2024-06-09.csv",
        "statements_2024-06-01_2024-06-30.csv",
        "2025-10-01_transaction_report.csv",
        "2026-03-31_transaction_report.csv",
        "weekly_2024.csv",
        "weekly_2024_2025.csv",
    ]);
    let ids: Vec<&str> = result
        .draft
        .contracts
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    expect![[r#"
        40123456
        northgate-media-landing-page-redesign
        bluepine-labs-ltd-hourly-18-00
        bluepine-labs-ltd-hourly-20-00
        40987654
        northgate-media-landing-page-redesign-2
        bluepine-labs-ltd-shopify-theme-maintenance"#]]
    .assert_eq(&ids.join("\n"));

    // Nothing answered: every contract asks for its status; weekly ones also for a client.
    let problems = result
        .draft
        .to_scenario(&Answers::default())
        .err()
        .unwrap_or_default();
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    // Each problem is typed as the answer it asks for, at the contract its path names.
    for problem in &problems {
        let ProblemPlace::Answer { contract, field } = &problem.place else {
            panic!("not an answer: {problem:?}");
        };
        let path = format!("answers.contracts.{contract}.{}", field.as_str());
        assert_eq!(problem.path, path);
    }
    expect![[r#"
        answers.contracts.40123456.client_name: is required: the files do not name this contract's client
        answers.contracts.40123456.status: is required: the files cannot say whether the contract is open or ended
        answers.contracts.northgate-media-landing-page-redesign.status: is required: the files cannot say whether the contract is open or ended
        answers.contracts.bluepine-labs-ltd-hourly-18-00.status: is required: the files cannot say whether the contract is open or ended
        answers.contracts.bluepine-labs-ltd-hourly-20-00.status: is required: the files cannot say whether the contract is open or ended
        answers.contracts.40987654.client_name: is required: the files do not name this contract's client
        answers.contracts.40987654.status: is required: the files cannot say whether the contract is open or ended
        answers.contracts.northgate-media-landing-page-redesign-2.status: is required: the files cannot say whether the contract is open or ended
        answers.contracts.bluepine-labs-ltd-shopify-theme-maintenance.hourly_rate: is required: the rows show no hourly rate
        answers.contracts.bluepine-labs-ltd-shopify-theme-maintenance.status: is required: the files cannot say whether the contract is open or ended"#]].assert_eq(&text.join("\n"));

    // Every contract ended by the client as completed, with stars (the third without
    // feedback), except the newest, which stays open. Weekly-summary contracts get a client
    // name; the contract whose rows show no rate gets one.
    let mut contracts = BTreeMap::new();
    let last = result.draft.contracts.len().saturating_sub(1);
    for (i, draft) in result.draft.contracts.iter().enumerate() {
        let stars = [Some(5.0), Some(4.9), None, Some(5.0), Some(3.0), Some(5.0)];
        let mut answer = if i == last {
            ContractAnswer {
                status: Some(Status::Open),
                ..ContractAnswer::default()
            }
        } else {
            ended(
                "2026-06-01",
                Party::Client,
                EndReason::Completed,
                stars.get(i).copied().flatten(),
            )
        };
        if draft.unknowns.contains(&Unknown::Client) {
            answer.client_name = Some(format!("Weekly client {i}"));
        }
        if draft.unknowns.contains(&Unknown::HourlyRate) {
            answer.hourly_rate = Some(Money::from_cents(3100));
        }
        contracts.insert(draft.id.clone(), answer);
    }
    let answers = Answers {
        as_of: Some(date("2026-11-27")),
        freelancer_name: Some("Ana Freelancer".to_string()),
        contracts,
    };
    let scenario = result
        .draft
        .to_scenario(&answers)
        .unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(scenario.contracts.len(), ids.len());
    let report = jss_engine::jss::score_report(&scenario, date("2026-11-27"));
    let lines: Vec<String> = report
        .contracts
        .iter()
        .map(|c| format!("{} {} {}", c.id, c.outcome, c.reason))
        .collect();
    expect![[r#"
        score=Some(67) eligible=true
        40123456 positive feedback 5.00 stars
        northgate-media-landing-page-redesign positive feedback 4.90 stars
        bluepine-labs-ltd-hourly-18-00 excluded ended without feedback
        bluepine-labs-ltd-hourly-20-00 positive feedback 5.00 stars
        40987654 negative feedback 3.00 stars
        northgate-media-landing-page-redesign-2 positive feedback 5.00 stars
        bluepine-labs-ltd-shopify-theme-maintenance excluded open, not long-term"#]]
    .assert_eq(&format!(
        "score={:?} eligible={}\n{}",
        report.score,
        report.eligible,
        lines.join("\n")
    ));
}

/// The review shows each problem at its row from the typed place alone: an answer still missing
/// names its draft contract, a problem the format finds names the contract by its index among
/// those not skipped.
#[test]
fn problems_of_the_answers_are_placed_at_their_draft_contracts() {
    let draft = import(&["statements_2024-05-01_2024-06-09.csv"]).draft;
    let ids: Vec<String> = draft.contracts.iter().map(|c| c.id.clone()).collect();
    let answered = |answer: &dyn Fn(usize) -> ContractAnswer| Answers {
        contracts: ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), answer(i)))
            .collect(),
        ..Answers::default()
    };
    let open = || ContractAnswer {
        status: Some(Status::Open),
        ..ContractAnswer::default()
    };
    let mut stray = answered(&|_| open());
    stray.contracts.insert("nobody".to_string(), open());
    let rows = [
        ("nothing answered", Answers::default()),
        ("an answer for no draft contract", stray),
        (
            "the first skipped, the second ended before it started",
            answered(&|i| match i {
                0 => ContractAnswer {
                    skip: true,
                    ..ContractAnswer::default()
                },
                1 => ended("2024-01-01", Party::Client, EndReason::Completed, None),
                _ => open(),
            }),
        ),
    ];
    let mut out = String::new();
    for (name, answers) in rows {
        out.push_str(&format!("{name}:\n"));
        for problem in draft.to_scenario(&answers).err().unwrap_or_default() {
            out.push_str(&format!("  {:?} {}\n", problem.place, problem.message));
        }
    }
    expect![[r#"
        nothing answered:
          Answer { contract: "northgate-media-landing-page-redesign", field: Status } is required: the files cannot say whether the contract is open or ended
          Answer { contract: "bluepine-labs-ltd-hourly-18-00", field: Status } is required: the files cannot say whether the contract is open or ended
        an answer for no draft contract:
          StrayAnswer { contract: "nobody" } names no draft contract
        the first skipped, the second ended before it started:
          Contract { index: 0, within: "end.date" } is before the contract's start (2024-05-27)
    "#]].assert_eq(&out);
}

// ---- never panics ----

/// Cases per property in release: 70,000 byte strings (fast) + 30,000 CSV-shaped pairs
/// (slower: two files and a scenario each) = 100,000 in total, about 15 s. The debug build is
/// ~50× slower, so under `debug_assertions` each runs 1/50 of that.
fn cases(release: u32) -> u32 {
    if cfg!(debug_assertions) {
        release / 50
    } else {
        release
    }
}

const HEADERS: [&str; 4] = [
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,Amount in local currency,Currency,Balance",
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,Description 1,Description 2,Description 3,Entered Description,Agency,Freelancer,Team,Account Name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,Payment Method",
    "Date,Transaction ID,Transaction type,Transaction summary,Transaction summary details,Description 1,Description 2,Description 3,Agency team,Freelancer,Client team,Account name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current balance $,Payment method",
    "\"Date\",\"Contract\",\"Hours\",\"Amount\",\"Payment type\"",
];

/// Cells that exercise every parser branch, plus arbitrary text.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("\"Jun 3, 2024\"".to_string()),
        Just("2024-04-15".to_string()),
        Just("Feb 30, 2024".to_string()),
        Just("-25.80".to_string()),
        Just("($17.50)".to_string()),
        Just("99999999999999999999".to_string()),
        Just("0.33333".to_string()),
        Just("Hourly".to_string()),
        Just("Fixed-price".to_string()),
        Just("Refund".to_string()),
        Just("Refund to client".to_string()),
        Just("Bonus".to_string()),
        Just("Service Fee".to_string()),
        Just("Fixed Price Payment".to_string()),
        Just("Service Fee for Hourly - Ref ID 1".to_string()),
        Just("Invoice for x - 99999999:59 hrs @ $18.00/hr".to_string()),
        Just("Mini Site (1)".to_string()),
        Just("1".to_string()),
        Just("\"a,\"\"b\"".to_string()),
        "[ -~]{0,12}",
        "\\PC{0,6}",
    ]
}

fn csv_shaped() -> impl Strategy<Value = String> {
    (
        0..HEADERS.len(),
        prop::collection::vec(prop::collection::vec(cell(), 0..21), 0..4),
    )
        .prop_map(|(header, rows)| {
            let mut text = HEADERS.get(header).copied().unwrap_or("").to_string();
            for row in rows {
                text.push('\n');
                text.push_str(&row.join(","));
            }
            text
        })
}

fn accounted(result: &ImportResult) -> bool {
    let r = &result.report;
    r.rows_read
        == r.rows_used
            + r.scheduled
            + r.duplicates
            + r.set_aside.values().sum::<usize>()
            + r.skipped.len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(70_000)))]

    #[test]
    fn prop_importer_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let result = import_files(&[("bytes.csv".to_string(), text)]);
        prop_assert!(accounted(&result));
        let _ = result.to_json_string();
        let _ = result.draft.to_scenario(&Answers::default());
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(30_000)))]

    #[test]
    fn prop_csv_shaped_files_never_panic_and_every_row_is_counted(
        first in csv_shaped(),
        second in csv_shaped(),
    ) {
        let result = import_files(&[("a.csv".to_string(), first), ("b.csv".to_string(), second)]);
        prop_assert!(accounted(&result));
        let _ = result.to_json_string();
        // Any answers: every draft contract open, clients and rates filled in.
        let contracts = result
            .draft
            .contracts
            .iter()
            .map(|c| {
                (c.id.clone(), ContractAnswer {
                    status: Some(Status::Open),
                    client_name: Some("Client".to_string()),
                    kind: Some(c.kind.unwrap_or(ContractKind::Fixed)),
                    hourly_rate: Some(Money::from_cents(1000)),
                    ..ContractAnswer::default()
                })
            })
            .collect();
        let answers = Answers { contracts, ..Answers::default() };
        // Any scenario built from answers went through the v1 parser, so it re-parses.
        if let Ok(scenario) = result.draft.to_scenario(&answers) {
            let json = jss_engine::scenario::export::to_json_string(&scenario);
            prop_assert!(jss_engine::scenario::parse::parse_str(&json).is_ok());
        }
    }
}
