//! One test per rule of `MODEL.md` §2, each a table of steps on a virtual clock.
//!
//! Every test goes through `check`, which owns a ledger and a fake `now`. `advance_days`
//! moves `now` and processes what fell due; commands run at `now`. After every step `check`
//! asserts that money is conserved, that processing the same `now` again changes nothing, and
//! that no deadline at or before `now` is left unprocessed. The clock starts on Monday
//! 2026-03-02 at 09:00 UTC.

use std::sync::Arc;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use jss_engine::ledger::contract::{DisputeStage, Dormancy, PauseReason};
use jss_engine::ledger::{
    Cause, Command, ContractStatus, EscrowRef, EventKind, Ledger, LedgerError, Remainder,
};
use jss_engine::money::Money;
use jss_engine::rules::{Era, Params};
use jss_engine::scenario::{EndReason, Party, Stars};

const K: &str = "k1";

enum Step {
    Cmd(Command),
    CmdFails(Command, LedgerError),
    TopRated,
    AdvanceDays(i64),
    ExpectHeld(i64),
    ExpectTotals {
        held: i64,
        pending: i64,
        available: i64,
    },
    ExpectEventOn(&'static str, EventKind),
    ExpectNoEvent(EventKind),
    ExpectStatus(fn(ContractStatus) -> bool),
    ExpectFeedback {
        revealed: bool,
        public: bool,
    },
}

impl Step {
    fn fails_with(self, error: LedgerError) -> Step {
        match self {
            Step::Cmd(command) => Step::CmdFails(command, error),
            other => other,
        }
    }
}

fn check(era: Era, steps: &[Step]) {
    let start = date("2026-03-02").and_hms_opt(9, 0, 0).expect("valid time");
    let mut ledger = Ledger::new(Params::for_era(era), start);
    let mut now = start;
    for (index, step) in steps.iter().enumerate() {
        run(&mut ledger, &mut now, step, index);
        assert!(ledger.is_conserved(), "step {index}: money not conserved");
        let before = (ledger.events().len(), ledger.contracts().to_vec());
        assert_eq!(
            ledger.process_due(now),
            vec![],
            "step {index}: process_due twice is not a no-op"
        );
        assert_eq!((ledger.events().len(), ledger.contracts().to_vec()), before);
        if let Some((due, deadline)) = ledger.next_deadline() {
            assert!(
                due > now,
                "step {index}: {deadline:?} at {due} left unprocessed"
            );
        }
    }
}

fn run(ledger: &mut Ledger, now: &mut NaiveDateTime, step: &Step, index: usize) {
    match step {
        Step::Cmd(command) => {
            let result = ledger.execute(*now, command.clone());
            assert!(
                result.is_ok(),
                "step {index}: {command:?} failed: {result:?}"
            );
        }
        Step::CmdFails(command, error) => {
            let before = ledger.contracts().to_vec();
            assert_eq!(
                ledger.execute(*now, command.clone()),
                Err(error.clone()),
                "step {index}"
            );
            assert_eq!(
                ledger.contracts(),
                &before[..],
                "step {index}: a refused command changed state"
            );
        }
        Step::TopRated => ledger.set_top_rated(true),
        Step::AdvanceDays(days) => {
            *now += Duration::days(*days);
            ledger.process_due(*now);
        }
        Step::ExpectHeld(cents) => {
            let held = ledger.contract(K).and_then(|c| c.escrow_held());
            assert_eq!(held, Some(Money::from_cents(*cents)), "step {index}: held");
        }
        Step::ExpectTotals {
            held,
            pending,
            available,
        } => {
            let totals = ledger.totals().expect("no overflow");
            let actual = (
                totals.escrow_held.cents(),
                totals.pending.cents(),
                totals.available.cents(),
            );
            assert_eq!(
                actual,
                (*held, *pending, *available),
                "step {index}: (held, pending, available)"
            );
        }
        Step::ExpectEventOn(day, kind) => {
            let found = ledger
                .events()
                .iter()
                .any(|e| e.at.date() == date(day) && &e.kind == kind);
            let log: Vec<_> = ledger.events().iter().map(|e| (e.at, &e.kind)).collect();
            assert!(found, "step {index}: no {kind:?} on {day}; log: {log:#?}");
        }
        Step::ExpectNoEvent(kind) => {
            let found = ledger.events().iter().find(|e| &e.kind == kind);
            assert!(found.is_none(), "step {index}: unexpected {found:?}");
        }
        Step::ExpectStatus(accepts) => {
            let status = ledger.contract(K).map(|c| c.status());
            assert!(
                status.is_some_and(accepts),
                "step {index}: status {status:?}"
            );
        }
        Step::ExpectFeedback { revealed, public } => {
            let view = ledger.contract(K).map(|c| c.feedback_view());
            assert_eq!(
                view.map(|v| (v.revealed, v.public_visible)),
                Some((*revealed, *public)),
                "step {index}"
            );
        }
    }
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test dates are valid")
}

fn usd(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn milestone(id: &str) -> EscrowRef {
    EscrowRef::Milestone(Arc::from(id))
}

// Steps, named as the rules name them.

fn open_fixed() -> Step {
    Step::Cmd(Command::OpenFixed {
        contract: K.into(),
        client: "acme".into(),
    })
}

fn open_hourly(rate_cents: i64, limit_hours: Option<u32>) -> Step {
    Step::Cmd(Command::OpenHourly {
        contract: K.into(),
        client: "acme".into(),
        hourly_rate: usd(rate_cents),
        weekly_limit_hours: limit_hours,
    })
}

fn add(id: &str, cents: i64, due: Option<&str>) -> Step {
    Step::Cmd(Command::AddMilestone {
        contract: K.into(),
        milestone: id.into(),
        amount: usd(cents),
        due: due.map(date),
    })
}

fn fund(id: &str) -> Step {
    Step::Cmd(Command::FundMilestone {
        contract: K.into(),
        milestone: id.into(),
    })
}

fn submit(id: &str) -> Step {
    Step::Cmd(Command::SubmitWork {
        contract: K.into(),
        milestone: id.into(),
    })
}

fn request_changes(id: &str) -> Step {
    Step::Cmd(Command::RequestChanges {
        contract: K.into(),
        milestone: id.into(),
    })
}

fn release(id: &str, cents: i64, remainder: Remainder) -> Step {
    Step::Cmd(Command::ReleaseMilestone {
        contract: K.into(),
        milestone: id.into(),
        amount: usd(cents),
        remainder,
    })
}

fn refund(id: &str) -> Step {
    Step::Cmd(Command::RefundMilestone {
        contract: K.into(),
        milestone: id.into(),
    })
}

fn end_by(by: Party, final_release_cents: i64) -> Step {
    Step::Cmd(Command::EndContract {
        contract: K.into(),
        by,
        reason: EndReason::Completed,
        final_release: usd(final_release_cents),
    })
}

fn log_hours(hundredths: u32) -> Step {
    Step::Cmd(Command::LogHours {
        contract: K.into(),
        hours_hundredths: hundredths,
    })
}

fn contract_cmd(make: fn(String) -> Command) -> Step {
    Step::Cmd(make(K.into()))
}

fn by_party(make: fn(String, Party) -> Command, by: Party) -> Step {
    Step::Cmd(make(K.into(), by))
}

fn dispute(by: Party) -> Step {
    by_party(|contract, by| Command::FileDispute { contract, by }, by)
}

fn feedback(by: Party, hundredths: u16) -> Step {
    let stars = Stars::from_hundredths(hundredths).expect("valid stars");
    Step::Cmd(Command::LeaveFeedback {
        contract: K.into(),
        by,
        stars,
    })
}

fn advance_days(days: i64) -> Step {
    Step::AdvanceDays(days)
}

fn expect_held(cents: i64) -> Step {
    Step::ExpectHeld(cents)
}

fn expect_totals(held: i64, pending: i64, available: i64) -> Step {
    Step::ExpectTotals {
        held,
        pending,
        available,
    }
}

fn expect_event(day: &'static str, kind: EventKind) -> Step {
    Step::ExpectEventOn(day, kind)
}

fn released(id: &str, cents: i64, cause: Cause) -> EventKind {
    EventKind::EscrowReleased {
        escrow: milestone(id),
        amount: usd(cents),
        cause,
    }
}

fn refunded(id: &str, cents: i64, cause: Cause) -> EventKind {
    EventKind::EscrowRefunded {
        escrow: milestone(id),
        amount: usd(cents),
        cause,
    }
}

/// A fixed contract with one $500 milestone `m1`, funded.
fn funded_500() -> [Step; 3] {
    [open_fixed(), add("m1", 50_000, None), fund("m1")]
}

// Fixed price and escrow.

#[test]
fn milestone_below_5_dollars_is_rejected() {
    check(
        Era::Current,
        &[
            open_fixed(),
            add("m1", 499, None).fails_with(LedgerError::MilestoneBelowMinimum {
                amount: usd(499),
                minimum: usd(500),
            }),
            add("m1", 500, None),
            fund("m1"),
            expect_held(500),
        ],
    );
}

#[test]
fn funding_reserves_escrow_once() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            expect_held(0),
            fund_m1,
            expect_held(50_000),
            fund("m1").fails_with(LedgerError::MilestoneAlreadyFunded),
            submit("m2").fails_with(LedgerError::UnknownMilestone("m2".into())),
        ],
    );
}

#[test]
fn fixed_submission_auto_releases_after_14_days() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            submit("m1"),
            advance_days(14),
            expect_held(50_000),
            advance_days(1),
            expect_event("2026-03-16", released("m1", 50_000, Cause::ReviewExpired)),
            expect_held(0),
            release("m1", 100, Remainder::StaysHeld).fails_with(LedgerError::EscrowAlreadyReleased),
        ],
    );
}

#[test]
fn resubmission_restarts_the_14_day_review() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            submit("m1"),
            advance_days(10),
            request_changes("m1"),
            advance_days(1),
            submit("m1"),
            // Resubmitted Friday 13 March: the review now ends on 27 March.
            advance_days(14),
            expect_held(50_000),
            advance_days(1),
            expect_event("2026-03-27", released("m1", 50_000, Cause::ReviewExpired)),
            expect_held(0),
        ],
    );
}

#[test]
fn requesting_changes_stops_the_auto_release() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            request_changes("m1").fails_with(LedgerError::MilestoneNotSubmitted),
            submit("m1"),
            request_changes("m1"),
            advance_days(30),
            expect_held(50_000),
            expect_no_auto_release(),
        ],
    );
}

fn expect_no_auto_release() -> Step {
    Step::ExpectNoEvent(released("m1", 50_000, Cause::ReviewExpired))
}

#[test]
fn released_funds_are_available_after_the_5_day_security_period() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            release("m1", 50_000, Remainder::StaysHeld),
            expect_totals(0, 50_000, 0),
            // Released Monday 2 March: available at the end of Saturday 7 March.
            advance_days(5),
            expect_totals(0, 50_000, 0),
            advance_days(1),
            expect_totals(0, 0, 50_000),
            expect_event(
                "2026-03-07",
                EventKind::FundsAvailable {
                    amount: usd(50_000),
                    source: jss_engine::ledger::PaymentSource::Escrow(milestone("m1")),
                },
            ),
        ],
    );
}

#[test]
fn partial_release_keeps_the_remainder_held() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            release("m1", 20_000, Remainder::StaysHeld),
            expect_held(30_000),
            release("m1", 30_001, Remainder::StaysHeld).fails_with(
                LedgerError::ReleaseExceedsHeld {
                    amount: usd(30_001),
                    held: usd(30_000),
                },
            ),
            release("m1", 30_000, Remainder::StaysHeld),
            expect_held(0),
            refund("m1").fails_with(LedgerError::EscrowAlreadyReleased),
        ],
    );
}

#[test]
fn partial_release_can_refund_the_remainder() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            release("m1", 20_000, Remainder::Refunded),
            expect_held(0),
            expect_event("2026-03-02", refunded("m1", 30_000, Cause::Client)),
            release("m1", 100, Remainder::StaysHeld).fails_with(LedgerError::EscrowAlreadyRefunded),
            refund("m1").fails_with(LedgerError::EscrowAlreadyRefunded),
        ],
    );
}

#[test]
fn release_of_zero_or_unfunded_milestone_is_rejected() {
    check(
        Era::Current,
        &[
            open_fixed(),
            add("m1", 50_000, None),
            release("m1", 100, Remainder::StaysHeld).fails_with(LedgerError::MilestoneNotFunded),
            fund("m1"),
            release("m1", 0, Remainder::StaysHeld)
                .fails_with(LedgerError::AmountNotPositive(usd(0))),
        ],
    );
}

#[test]
fn freelancer_end_returns_escrow_to_client_at_once() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            end_by(Party::Freelancer, 0),
            expect_held(0),
            expect_event(
                "2026-03-02",
                refunded("m1", 50_000, Cause::ContractEndedEarly),
            ),
            end_by(Party::Client, 0).fails_with(LedgerError::ContractAlreadyEnded),
        ],
    );
}

#[test]
fn client_end_with_escrow_refunds_after_7_days_of_silence() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            end_by(Party::Client, 0),
            Step::ExpectStatus(|s| matches!(s, ContractStatus::RefundRequested { .. })),
            advance_days(7),
            expect_held(50_000),
            advance_days(1),
            expect_event(
                "2026-03-09",
                refunded("m1", 50_000, Cause::RefundRequestExpired),
            ),
            expect_held(0),
            advance_days(7),
            // Monday 9 March + 5 business days = Monday 16 March.
            expect_event(
                "2026-03-16",
                EventKind::RefundCredited {
                    amount: usd(50_000),
                },
            ),
        ],
    );
}

#[test]
fn client_end_paying_another_amount_releases_it_and_requests_refund_of_the_rest() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            end_by(Party::Client, 50_001).fails_with(LedgerError::ReleaseExceedsHeld {
                amount: usd(50_001),
                held: usd(50_000),
            }),
            end_by(Party::Freelancer, 100)
                .fails_with(LedgerError::PartyNotAllowed(Party::Freelancer)),
            end_by(Party::Client, 20_000),
            expect_held(30_000),
            expect_totals(30_000, 20_000, 0),
            advance_days(8),
            expect_event(
                "2026-03-09",
                refunded("m1", 30_000, Cause::RefundRequestExpired),
            ),
        ],
    );
}

#[test]
fn freelancer_accepting_the_refund_request_refunds_at_once() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            contract_cmd(|contract| Command::AcceptEscrowRefund { contract })
                .fails_with(LedgerError::NoRefundRequest),
            end_by(Party::Client, 0),
            advance_days(2),
            contract_cmd(|contract| Command::AcceptEscrowRefund { contract }),
            expect_held(0),
            expect_event("2026-03-04", refunded("m1", 50_000, Cause::Freelancer)),
        ],
    );
}

#[test]
fn disputes_must_be_filed_within_7_days_of_the_end() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            end_by(Party::Client, 0),
            advance_days(7),
            // Monday 9 March, 09:00: day 7 is still open, and the dispute stops the refund.
            dispute(Party::Freelancer),
            advance_days(1),
            expect_held(50_000),
        ],
    );
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            end_by(Party::Freelancer, 0),
            advance_days(8),
            dispute(Party::Freelancer).fails_with(LedgerError::DisputeWindowClosed { days: 7 }),
        ],
    );
}

#[test]
fn client_silent_for_5_business_days_releases_escrow_to_freelancer() {
    let [open, add_m1, fund_m1] = funded_500();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            end_by(Party::Client, 0),
            advance_days(1),
            // Filed Tuesday 3 March: 5 business days end Tuesday 10 March.
            dispute(Party::Freelancer),
            dispute(Party::Freelancer).fails_with(LedgerError::DisputeAlreadyOpen),
            advance_days(7),
            expect_held(50_000),
            advance_days(1),
            expect_event(
                "2026-03-10",
                released("m1", 50_000, Cause::ClientDidNotRespond),
            ),
            expect_held(0),
        ],
    );
}

/// A freelancer's dispute answered by the client: mediation is under way.
fn in_mediation() -> Vec<Step> {
    let mut steps: Vec<Step> = funded_500().into_iter().collect();
    steps.extend([
        end_by(Party::Client, 0),
        dispute(Party::Freelancer),
        contract_cmd(|contract| Command::RespondToDispute { contract }),
    ]);
    steps
}

#[test]
fn mediation_settlement_accepted_by_both_splits_the_escrow() {
    let mut steps = in_mediation();
    steps.extend([
        Step::Cmd(Command::ProposeSettlement {
            contract: K.into(),
            release: usd(30_000),
        }),
        by_party(
            |contract, by| Command::AcceptSettlement { contract, by },
            Party::Client,
        ),
        by_party(
            |contract, by| Command::AcceptSettlement { contract, by },
            Party::Client,
        )
        .fails_with(LedgerError::AlreadyDoneByParty(Party::Client)),
        expect_held(50_000),
        by_party(
            |contract, by| Command::AcceptSettlement { contract, by },
            Party::Freelancer,
        ),
        expect_held(0),
        expect_event("2026-03-02", released("m1", 30_000, Cause::Settlement)),
        expect_event("2026-03-02", refunded("m1", 20_000, Cause::Settlement)),
    ]);
    check(Era::Current, &steps);
}

#[test]
fn no_mediation_proposal_in_2_days_offers_7_days_of_arbitration_and_both_declining_refunds_client()
{
    let mut steps = in_mediation();
    steps.extend([
        advance_days(3),
        Step::ExpectStatus(|s| {
            matches!(
                s,
                ContractStatus::InDispute(DisputeStage::ArbitrationOptIn { .. })
            )
        }),
        advance_days(6),
        expect_held(50_000),
        advance_days(1),
        // Offered at the end of 4 March: the 7 days end on 11 March.
        expect_event(
            "2026-03-11",
            refunded("m1", 50_000, Cause::ArbitrationDeclined),
        ),
    ]);
    check(Era::Current, &steps);
}

#[test]
fn only_one_party_paying_for_arbitration_wins() {
    for (payer, expected) in [
        (
            Party::Freelancer,
            released("m1", 50_000, Cause::ArbitrationFeePaid),
        ),
        (
            Party::Client,
            refunded("m1", 50_000, Cause::ArbitrationFeePaid),
        ),
    ] {
        let mut steps = in_mediation();
        steps.extend([
            Step::Cmd(Command::ProposeSettlement {
                contract: K.into(),
                release: usd(10_000),
            }),
            by_party(
                |contract, by| Command::DeclineSettlement { contract, by },
                Party::Client,
            ),
            Step::Cmd(Command::PayArbitrationFee {
                contract: K.into(),
                by: payer,
            }),
            advance_days(8),
            expect_event("2026-03-09", expected),
            expect_held(0),
        ]);
        check(Era::Current, &steps);
    }
}

#[test]
fn both_paying_for_arbitration_waits_for_the_decision() {
    let mut steps = in_mediation();
    steps.extend([
        advance_days(3),
        by_party(
            |contract, by| Command::PayArbitrationFee { contract, by },
            Party::Client,
        ),
        by_party(
            |contract, by| Command::PayArbitrationFee { contract, by },
            Party::Freelancer,
        ),
        advance_days(30),
        expect_held(50_000),
        Step::Cmd(Command::DecideArbitration {
            contract: K.into(),
            release: usd(50_001),
        })
        .fails_with(LedgerError::ReleaseExceedsHeld {
            amount: usd(50_001),
            held: usd(50_000),
        }),
        Step::Cmd(Command::DecideArbitration {
            contract: K.into(),
            release: usd(40_000),
        }),
        expect_held(0),
        expect_event(
            "2026-04-04",
            released("m1", 40_000, Cause::ArbitrationDecision),
        ),
    ]);
    check(Era::Current, &steps);
}

/// A $500 milestone due 10 March, funded 2 March: the 90 days run from 10 March.
fn dormant_candidate() -> [Step; 3] {
    [
        open_fixed(),
        add("m1", 50_000, Some("2026-03-10")),
        fund("m1"),
    ]
}

#[test]
fn dormant_notices_on_day_76_and_83_and_dormant_on_day_90() {
    let [open, add_m1, fund_m1] = dormant_candidate();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            // 10 March + 76 days = 25 May; the clock reaches 26 May 09:00.
            advance_days(85),
            expect_event("2026-05-25", EventKind::DormantNotice { day: 76 }),
            Step::ExpectNoEvent(EventKind::DormantNotice { day: 83 }),
            advance_days(7),
            expect_event("2026-06-01", EventKind::DormantNotice { day: 83 }),
            advance_days(7),
            expect_event("2026-06-08", EventKind::BecameDormant),
            Step::ExpectStatus(|s| matches!(s, ContractStatus::Dormancy(Dormancy::Dormant { .. }))),
        ],
    );
}

#[test]
fn dormant_escrow_is_refunded_when_neither_side_acts() {
    let [open, add_m1, fund_m1] = dormant_candidate();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            advance_days(120),
            expect_event("2026-06-15", EventKind::DormantClientWindowClosed),
            expect_event("2026-06-22", refunded("m1", 50_000, Cause::DormantRefund)),
            expect_held(0),
            Step::ExpectStatus(|s| matches!(s, ContractStatus::Ended(_))),
        ],
    );
}

#[test]
fn dormant_release_request_unanswered_for_14_days_is_released() {
    let [open, add_m1, fund_m1] = dormant_candidate();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            contract_cmd(|contract| Command::RequestDormantRelease { contract })
                .fails_with(LedgerError::ContractNotDormant),
            // 2 March + 104 days = 14 June: inside the client's window (8–15 June).
            advance_days(104),
            contract_cmd(|contract| Command::RequestDormantRelease { contract }),
            advance_days(14),
            expect_held(50_000),
            advance_days(1),
            expect_event("2026-06-28", released("m1", 50_000, Cause::DormantRelease)),
        ],
    );
}

#[test]
fn client_may_dispute_a_dormant_release_request() {
    let [open, add_m1, fund_m1] = dormant_candidate();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            dispute(Party::Client).fails_with(LedgerError::PartyNotAllowed(Party::Client)),
            advance_days(104),
            contract_cmd(|contract| Command::RequestDormantRelease { contract }),
            dispute(Party::Client),
            Step::ExpectStatus(|s| {
                matches!(
                    s,
                    ContractStatus::InDispute(DisputeStage::AwaitingProposal { .. })
                )
            }),
            advance_days(5),
            expect_held(50_000),
            Step::ExpectStatus(|s| {
                matches!(
                    s,
                    ContractStatus::InDispute(DisputeStage::ArbitrationOptIn { .. })
                )
            }),
            // Past the 14 days the request had: the dispute, not the silence rule, decides.
            advance_days(15),
            Step::ExpectNoEvent(released("m1", 50_000, Cause::DormantRelease)),
            expect_held(0),
        ],
    );
}

#[test]
fn activity_restarts_the_dormancy_clock() {
    let [open, add_m1, fund_m1] = dormant_candidate();
    check(
        Era::Current,
        &[
            open,
            add_m1,
            fund_m1,
            // 26 May, after the first notice (25 May); a new milestone is activity.
            advance_days(85),
            expect_event("2026-05-25", EventKind::DormantNotice { day: 76 }),
            add("m2", 1_000, None),
            advance_days(75),
            Step::ExpectNoEvent(EventKind::DormantNotice { day: 83 }),
            advance_days(2),
            // 26 May + 76 days = 10 August.
            expect_event("2026-08-10", EventKind::DormantNotice { day: 76 }),
        ],
    );
}

#[test]
fn bonus_is_available_after_the_security_period_and_only_within_365_days_of_the_end() {
    check(
        Era::Current,
        &[
            open_fixed(),
            Step::Cmd(Command::PayBonus {
                contract: K.into(),
                amount: usd(0),
            })
            .fails_with(LedgerError::AmountNotPositive(usd(0))),
            Step::Cmd(Command::PayBonus {
                contract: K.into(),
                amount: usd(2_500),
            }),
            expect_totals(0, 2_500, 0),
            advance_days(6),
            expect_totals(0, 0, 2_500),
            end_by(Party::Client, 0),
            advance_days(366),
            Step::Cmd(Command::PayBonus {
                contract: K.into(),
                amount: usd(100),
            })
            .fails_with(LedgerError::BonusWindowClosed),
        ],
    );
}

#[test]
fn freelancer_refunds_reach_back_180_days() {
    check(
        Era::Current,
        &[
            open_fixed(),
            Step::Cmd(Command::PayBonus {
                contract: K.into(),
                amount: usd(10_000),
            }),
            advance_days(100),
            Step::Cmd(Command::PayBonus {
                contract: K.into(),
                amount: usd(5_000),
            }),
            Step::Cmd(Command::IssueRefund {
                contract: K.into(),
                amount: usd(4_000),
            }),
            advance_days(90),
            // The first bonus is now 190 days old: only the second, less the refund, is left.
            Step::Cmd(Command::IssueRefund {
                contract: K.into(),
                amount: usd(1_001),
            })
            .fails_with(LedgerError::RefundExceedsRecentPayments {
                amount: usd(1_001),
                refundable: usd(1_000),
            }),
            Step::Cmd(Command::IssueRefund {
                contract: K.into(),
                amount: usd(1_000),
            }),
            expect_totals(0, 0, 10_000),
        ],
    );
}

// Feedback.

#[test]
fn feedback_window_closes_at_the_end_of_day_14() {
    check(
        Era::Current,
        &[
            open_fixed(),
            feedback(Party::Client, 500).fails_with(LedgerError::ContractNotEnded),
            end_by(Party::Client, 0),
            advance_days(14),
            feedback(Party::Client, 480),
            advance_days(1),
            expect_event("2026-03-16", EventKind::FeedbackWindowClosed),
            feedback(Party::Freelancer, 500)
                .fails_with(LedgerError::FeedbackWindowClosed { days: 14 }),
        ],
    );
}

#[test]
fn feedback_is_double_blind_until_both_leave_it() {
    check(
        Era::Current,
        &[
            open_fixed(),
            Step::Cmd(Command::PayBonus {
                contract: K.into(),
                amount: usd(100),
            }),
            end_by(Party::Freelancer, 0),
            feedback(Party::Client, 500),
            feedback(Party::Client, 400)
                .fails_with(LedgerError::FeedbackAlreadyLeft(Party::Client)),
            Step::ExpectFeedback {
                revealed: false,
                public: false,
            },
            feedback(Party::Freelancer, 450),
            expect_event("2026-03-02", EventKind::FeedbackRevealed),
            Step::ExpectFeedback {
                revealed: true,
                public: true,
            },
        ],
    );
}

#[test]
fn one_sided_feedback_shows_when_the_window_closes() {
    check(
        Era::Current,
        &[
            open_fixed(),
            Step::Cmd(Command::PayBonus {
                contract: K.into(),
                amount: usd(100),
            }),
            end_by(Party::Client, 0),
            feedback(Party::Client, 500),
            advance_days(14),
            Step::ExpectFeedback {
                revealed: false,
                public: false,
            },
            advance_days(1),
            Step::ExpectFeedback {
                revealed: true,
                public: true,
            },
        ],
    );
}

#[test]
fn public_feedback_is_visible_only_if_the_contract_paid_at_least_1_dollar() {
    check(
        Era::Current,
        &[
            open_fixed(),
            Step::Cmd(Command::PayBonus {
                contract: K.into(),
                amount: usd(99),
            }),
            end_by(Party::Client, 0),
            feedback(Party::Client, 500),
            feedback(Party::Freelancer, 500),
            Step::ExpectFeedback {
                revealed: true,
                public: false,
            },
        ],
    );
}

// Hourly contracts.

#[test]
fn hourly_week_is_invoiced_monday_noon_and_available_the_wednesday_10_days_after_it_ends() {
    check(
        Era::Current,
        &[
            open_hourly(4_000, Some(20)),
            log_hours(1_000),
            expect_totals(0, 0, 0),
            // Monday 9 March 09:00: not invoiced before noon.
            advance_days(7),
            expect_totals(0, 0, 0),
            advance_days(1),
            expect_event(
                "2026-03-09",
                EventKind::Invoiced {
                    week_start: date("2026-03-02"),
                    amount: usd(40_000),
                },
            ),
            expect_totals(0, 40_000, 0),
            // Wednesday 18 March (Sunday 8 March + 10 days).
            advance_days(8),
            expect_totals(0, 40_000, 0),
            advance_days(1),
            expect_totals(0, 0, 40_000),
        ],
    );
}

#[test]
fn top_rated_hourly_pay_is_available_on_the_friday() {
    check(
        Era::Current,
        &[
            Step::TopRated,
            open_hourly(4_000, None),
            log_hours(1_000),
            advance_days(11),
            expect_totals(0, 40_000, 0),
            advance_days(1),
            expect_totals(0, 0, 40_000),
        ],
    );
}

#[test]
fn weekly_limit_caps_logged_hours() {
    check(
        Era::Current,
        &[
            open_hourly(4_000, Some(10)),
            log_hours(600),
            log_hours(401).fails_with(LedgerError::WeeklyLimitExceeded { limit_hours: 10 }),
            log_hours(400),
            advance_days(7),
            log_hours(1_000),
        ],
    );
}

#[test]
fn client_may_dispute_hours_until_friday() {
    check(
        Era::Current,
        &[
            open_hourly(4_000, None),
            log_hours(1_000),
            dispute(Party::Client).fails_with(LedgerError::NoInvoiceInReview),
            advance_days(12),
            // Saturday 14 March: the review window closed on Friday.
            dispute(Party::Client).fails_with(LedgerError::NoInvoiceInReview),
            expect_event(
                "2026-03-13",
                EventKind::EscrowReleased {
                    escrow: EscrowRef::Invoice(date("2026-03-02")),
                    amount: usd(40_000),
                    cause: Cause::InvoiceCleared,
                },
            ),
        ],
    );
}

#[test]
fn hourly_dispute_pauses_the_contract_and_silence_for_3_days_refunds_the_hours() {
    check(
        Era::Current,
        &[
            open_hourly(4_000, None),
            log_hours(1_000),
            advance_days(8),
            dispute(Party::Freelancer).fails_with(LedgerError::PartyNotAllowed(Party::Freelancer)),
            dispute(Party::Client),
            Step::ExpectStatus(|s| s == ContractStatus::Paused(PauseReason::HourlyDispute)),
            log_hours(100).fails_with(LedgerError::ContractPaused),
            advance_days(3),
            expect_totals(0, 40_000, 0),
            advance_days(1),
            expect_event(
                "2026-03-13",
                EventKind::EscrowRefunded {
                    escrow: EscrowRef::Invoice(date("2026-03-02")),
                    amount: usd(40_000),
                    cause: Cause::HourlyDisputeLost,
                },
            ),
            expect_totals(0, 0, 0),
        ],
    );
}

#[test]
fn answered_hourly_dispute_pays_on_the_normal_schedule() {
    check(
        Era::Current,
        &[
            open_hourly(4_000, None),
            log_hours(1_000),
            advance_days(8),
            dispute(Party::Client),
            contract_cmd(|contract| Command::RespondToDispute { contract }),
            contract_cmd(|contract| Command::Resume { contract }),
            advance_days(8),
            expect_totals(0, 40_000, 0),
            advance_days(1),
            expect_totals(0, 0, 40_000),
        ],
    );
}

#[test]
fn ending_an_hourly_contract_still_bills_logged_hours() {
    check(
        Era::Current,
        &[
            open_hourly(4_000, None),
            log_hours(250),
            Step::Cmd(Command::EndContract {
                contract: K.into(),
                by: Party::Freelancer,
                reason: EndReason::Completed,
                final_release: usd(0),
            }),
            log_hours(100).fails_with(LedgerError::ContractAlreadyEnded),
            advance_days(17),
            expect_totals(0, 0, 10_000),
        ],
    );
}

#[test]
fn current_era_warns_after_30_days_without_logged_time_and_does_not_pause() {
    check(
        Era::Current,
        &[
            open_hourly(4_000, None),
            advance_days(31),
            expect_event("2026-04-01", EventKind::InactivityWarning),
            Step::ExpectStatus(|s| s == ContractStatus::Active),
            log_hours(100),
        ],
    );
}

#[test]
fn legacy_era_pauses_hourly_contracts_after_30_days_of_inactivity() {
    check(
        Era::Legacy,
        &[
            open_hourly(4_000, None),
            advance_days(31),
            expect_event("2026-04-01", EventKind::AutoPaused),
            Step::ExpectStatus(|s| s == ContractStatus::Paused(PauseReason::Inactivity)),
            log_hours(100).fails_with(LedgerError::ContractPaused),
            contract_cmd(|contract| Command::Resume { contract }),
            log_hours(100),
        ],
    );
}

#[test]
fn hourly_contracts_never_close_automatically() {
    check(
        Era::Current,
        &[
            open_hourly(4_000, None),
            log_hours(100),
            advance_days(400),
            Step::ExpectStatus(|s| s == ContractStatus::Active),
        ],
    );
}

#[test]
fn pause_and_resume() {
    check(
        Era::Current,
        &[
            open_fixed(),
            contract_cmd(|contract| Command::Resume { contract })
                .fails_with(LedgerError::ContractNotPaused),
            contract_cmd(|contract| Command::Pause { contract }),
            contract_cmd(|contract| Command::Pause { contract })
                .fails_with(LedgerError::ContractAlreadyPaused),
            add("m1", 1_000, None),
            fund("m1"),
            submit("m1").fails_with(LedgerError::ContractPaused),
            contract_cmd(|contract| Command::Resume { contract }),
            submit("m1"),
        ],
    );
}

// Command validation that is not tied to one rule.

#[test]
fn commands_check_contract_and_kind_first() {
    check(
        Era::Current,
        &[
            log_hours(100).fails_with(LedgerError::UnknownContract(K.into())),
            open_fixed(),
            open_fixed().fails_with(LedgerError::ContractIdTaken(K.into())),
            log_hours(100).fails_with(LedgerError::NotHourly),
            Step::Cmd(Command::OpenFixed {
                contract: String::new(),
                client: "acme".into(),
            })
            .fails_with(LedgerError::ContractIdEmpty),
        ],
    );
}

#[test]
fn commands_cannot_go_back_in_time_or_skip_a_deadline() {
    let start = date("2026-03-02").and_hms_opt(9, 0, 0).expect("valid time");
    let mut ledger = Ledger::new(Params::for_era(Era::Current), start);
    let open = Command::OpenFixed {
        contract: K.into(),
        client: "acme".into(),
    };
    assert!(ledger.execute(start, open).is_ok());
    let earlier = start - Duration::hours(1);
    let add = Command::AddMilestone {
        contract: K.into(),
        milestone: "m1".into(),
        amount: usd(1_000),
        due: None,
    };
    assert_eq!(
        ledger.execute(earlier, add.clone()),
        Err(LedgerError::ClockWentBackwards {
            at: earlier,
            now: start
        })
    );
    assert!(ledger.execute(start, add).is_ok());
    assert!(ledger
        .execute(
            start,
            Command::FundMilestone {
                contract: K.into(),
                milestone: "m1".into()
            }
        )
        .is_ok());
    assert!(ledger
        .execute(
            start,
            Command::SubmitWork {
                contract: K.into(),
                milestone: "m1".into()
            }
        )
        .is_ok());
    let later = start + Duration::days(20);
    let due = date("2026-03-16")
        .and_hms_opt(23, 59, 59)
        .expect("valid time");
    let pay = Command::PayBonus {
        contract: K.into(),
        amount: usd(100),
    };
    assert_eq!(
        ledger.execute(later, pay.clone()),
        Err(LedgerError::DeadlinePending { due })
    );
    assert_eq!(
        ledger.process_due(later).len(),
        2,
        "auto-release, then funds available"
    );
    assert!(ledger.execute(later, pay).is_ok());
}
