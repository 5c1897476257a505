//! A proptest state machine of the ledger against a reference model.
//!
//! The reference model (`Model`) generates commands and time jumps on three fixed-price
//! contracts and one hourly contract, and keeps the clock. The system under test wraps the
//! ledger together with an *auditor*: an independent model of every escrow built only from
//! the ledger's events (TigerBeetle's auditor). After every step the test checks that
//! - every escrow in the ledger equals the auditor's (funded, held, released, refunded,
//!   resolution), and `funded = held + released + refunded` with no part negative;
//! - no event releases or refunds more than is held, and no event touches a resolved escrow
//!   (a pending escrow resolves once);
//! - a release or refund command on an escrow the auditor saw resolved is refused with
//!   `EscrowAlreadyReleased` / `EscrowAlreadyRefunded`, and a release above what is held with
//!   `ReleaseExceedsHeld`;
//! - `process_due` at the same time again is a no-op and nothing due is left unprocessed.
//!
//! The release build runs at least 1,000,000 steps (4,000 cases × 250 steps); the debug build
//! runs 10,000 so that `cargo test` stays quick. The seed is fixed and printed; set
//! `JSS_SM_SEED` to try another.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use jss_engine::ledger::contract::TermsState;
use jss_engine::ledger::escrow::{Escrow, Resolution};
use jss_engine::ledger::{Command, EscrowRef, Event, EventKind, Ledger, LedgerError, Remainder};
use jss_engine::money::Money;
use jss_engine::rules::{Era, Params};
use jss_engine::scenario::{EndReason, Party, Stars};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use proptest_state_machine::{ReferenceStateMachine, StateMachineTest};

const DEFAULT_SEED: u64 = 20_261_127;
const FIXED: [&str; 3] = ["f0", "f1", "f2"];
const HOURLY: &str = "h0";
const MILESTONES: u8 = 4;

static STEPS: AtomicU64 = AtomicU64::new(0);

#[derive(Clone, Debug)]
enum Transition {
    Advance {
        hours: u32,
    },
    Add {
        contract: usize,
        milestone: u8,
        amount_cents: i64,
        due_days: Option<u8>,
    },
    Fund {
        contract: usize,
        milestone: u8,
    },
    Submit {
        contract: usize,
        milestone: u8,
    },
    RequestChanges {
        contract: usize,
        milestone: u8,
    },
    Release {
        contract: usize,
        milestone: u8,
        amount_cents: i64,
        refund_rest: bool,
    },
    Refund {
        contract: usize,
        milestone: u8,
    },
    End {
        contract: usize,
        by: Party,
        final_release_cents: i64,
    },
    AcceptRefund {
        contract: usize,
    },
    Dispute {
        contract: usize,
        by: Party,
    },
    Respond {
        contract: usize,
    },
    Concede {
        contract: usize,
    },
    Propose {
        contract: usize,
        release_cents: i64,
    },
    Accept {
        contract: usize,
        by: Party,
    },
    Decline {
        contract: usize,
        by: Party,
    },
    PayFee {
        contract: usize,
        by: Party,
    },
    Decide {
        contract: usize,
        release_cents: i64,
    },
    RequestDormantRelease {
        contract: usize,
    },
    LogHours {
        hundredths: u32,
    },
    HourlyDispute,
    HourlyRespond,
    HourlyConcede,
    Bonus {
        contract: usize,
        amount_cents: i64,
    },
    Feedback {
        contract: usize,
        by: Party,
        stars: u16,
    },
}

/// The reference model: the clock, and per fixed contract how many milestones were asked
/// for (so commands mostly name milestones that exist).
#[derive(Clone, Debug)]
struct ModelState {
    now: NaiveDateTime,
    milestones: [u8; 3],
}

struct Model;

fn party() -> impl Strategy<Value = Party> {
    prop_oneof![4 => Just(Party::Freelancer), 4 => Just(Party::Client), 1 => Just(Party::Platform)]
}

impl ReferenceStateMachine for Model {
    type State = ModelState;
    type Transition = Transition;

    fn init_state() -> BoxedStrategy<ModelState> {
        let now = NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default();
        Just(ModelState {
            now,
            milestones: [0; 3],
        })
        .boxed()
    }

    fn transitions(state: &ModelState) -> BoxedStrategy<Transition> {
        let c = 0..FIXED.len();
        let existing = state
            .milestones
            .iter()
            .copied()
            .max()
            .unwrap_or(0)
            .clamp(1, MILESTONES);
        let m = 0..existing;
        prop_oneof![
            8 => (1u32..=24 * 12).prop_map(|hours| Transition::Advance { hours }),
            5 => (c.clone(), 0..MILESTONES, 300i64..120_000, proptest::option::of(0u8..40))
                .prop_map(|(contract, milestone, amount_cents, due_days)| Transition::Add { contract, milestone, amount_cents, due_days }),
            6 => (c.clone(), m.clone()).prop_map(|(contract, milestone)| Transition::Fund { contract, milestone }),
            4 => (c.clone(), m.clone()).prop_map(|(contract, milestone)| Transition::Submit { contract, milestone }),
            1 => (c.clone(), m.clone()).prop_map(|(contract, milestone)| Transition::RequestChanges { contract, milestone }),
            5 => (c.clone(), m.clone(), -100i64..130_000, any::<bool>())
                .prop_map(|(contract, milestone, amount_cents, refund_rest)| Transition::Release { contract, milestone, amount_cents, refund_rest }),
            2 => (c.clone(), m).prop_map(|(contract, milestone)| Transition::Refund { contract, milestone }),
            2 => (c.clone(), party(), prop_oneof![Just(0i64), 0i64..60_000])
                .prop_map(|(contract, by, final_release_cents)| Transition::End { contract, by, final_release_cents }),
            1 => c.clone().prop_map(|contract| Transition::AcceptRefund { contract }),
            3 => (c.clone(), party()).prop_map(|(contract, by)| Transition::Dispute { contract, by }),
            1 => c.clone().prop_map(|contract| Transition::Respond { contract }),
            1 => c.clone().prop_map(|contract| Transition::Concede { contract }),
            1 => (c.clone(), 0i64..100_000).prop_map(|(contract, release_cents)| Transition::Propose { contract, release_cents }),
            1 => (c.clone(), party()).prop_map(|(contract, by)| Transition::Accept { contract, by }),
            1 => (c.clone(), party()).prop_map(|(contract, by)| Transition::Decline { contract, by }),
            1 => (c.clone(), party()).prop_map(|(contract, by)| Transition::PayFee { contract, by }),
            1 => (c.clone(), 0i64..100_000).prop_map(|(contract, release_cents)| Transition::Decide { contract, release_cents }),
            1 => c.clone().prop_map(|contract| Transition::RequestDormantRelease { contract }),
            4 => (1u32..1_500).prop_map(|hundredths| Transition::LogHours { hundredths }),
            1 => Just(Transition::HourlyDispute),
            1 => Just(Transition::HourlyRespond),
            1 => Just(Transition::HourlyConcede),
            1 => (c.clone(), -10i64..10_000).prop_map(|(contract, amount_cents)| Transition::Bonus { contract, amount_cents }),
            1 => (c, party(), 100u16..=500).prop_map(|(contract, by, stars)| Transition::Feedback { contract, by, stars }),
        ]
        .boxed()
    }

    fn apply(mut state: ModelState, transition: &Transition) -> ModelState {
        match transition {
            Transition::Advance { hours } => state.now += Duration::hours(i64::from(*hours)),
            Transition::Add {
                contract,
                milestone,
                ..
            } => {
                if let Some(count) = state.milestones.get_mut(*contract) {
                    *count = (*count).max(milestone + 1);
                }
            }
            _ => {}
        }
        state
    }
}

/// An escrow as the auditor has seen it from events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Audited {
    funded: Money,
    held: Money,
    released: Money,
    refunded: Money,
    resolution: Option<Resolution>,
}

#[derive(Default)]
struct Auditor {
    escrows: BTreeMap<(Arc<str>, EscrowRef), Audited>,
    disputed: BTreeMap<Arc<str>, bool>,
}

impl Auditor {
    fn observe(&mut self, events: &[Event]) {
        for event in events {
            self.observe_one(event);
        }
    }

    fn observe_one(&mut self, event: &Event) {
        let contract = event.contract.clone();
        match &event.kind {
            EventKind::MilestoneFunded { milestone, amount } => {
                self.open(contract, EscrowRef::Milestone(milestone.clone()), *amount);
            }
            EventKind::Invoiced { week_start, amount } => {
                self.open(contract, EscrowRef::Invoice(*week_start), *amount)
            }
            EventKind::EscrowReleased { escrow, amount, .. } => {
                let audited = self.pending(&contract, escrow, *amount);
                audited.held = audited
                    .held
                    .checked_sub(*amount)
                    .unwrap_or(Money::from_cents(-1));
                audited.released = audited.released.checked_add(*amount).unwrap_or(Money::ZERO);
                if audited.held == Money::ZERO {
                    audited.resolution = Some(Resolution::Released);
                }
            }
            EventKind::EscrowRefunded { escrow, amount, .. } => {
                let audited = self.pending(&contract, escrow, *amount);
                assert_eq!(*amount, audited.held, "a refund returns everything held");
                audited.refunded = audited.refunded.checked_add(*amount).unwrap_or(Money::ZERO);
                audited.held = Money::ZERO;
                audited.resolution = Some(Resolution::Refunded);
            }
            EventKind::DisputeFiled { .. } => {
                self.disputed.insert(contract, true);
            }
            EventKind::DisputeClosed => {
                self.disputed.insert(contract, false);
            }
            _ => {}
        }
    }

    fn open(&mut self, contract: Arc<str>, escrow: EscrowRef, amount: Money) {
        let resolution = (amount == Money::ZERO).then_some(Resolution::Released);
        let audited = Audited {
            funded: amount,
            held: amount,
            released: Money::ZERO,
            refunded: Money::ZERO,
            resolution,
        };
        let previous = self.escrows.insert((contract, escrow.clone()), audited);
        assert!(previous.is_none(), "{escrow:?} funded twice");
    }

    /// The escrow a release or refund of `amount` touches, which must be pending and hold it.
    fn pending(&mut self, contract: &Arc<str>, escrow: &EscrowRef, amount: Money) -> &mut Audited {
        let audited = self.escrows.get_mut(&(contract.clone(), escrow.clone()));
        let audited = audited.unwrap_or_else(|| panic!("{escrow:?} moved before it was funded"));
        assert_eq!(audited.resolution, None, "{escrow:?} resolved twice");
        assert!(
            amount > Money::ZERO && amount <= audited.held,
            "{escrow:?}: moved {amount} of {}",
            audited.held
        );
        audited
    }

    fn get(&self, contract: &str, milestone: &str) -> Option<Audited> {
        self.escrows
            .get(&(
                Arc::from(contract),
                EscrowRef::Milestone(Arc::from(milestone)),
            ))
            .copied()
    }
}

struct System {
    ledger: Ledger,
    auditor: Auditor,
    now: NaiveDateTime,
}

struct LedgerTest;

fn milestone_id(milestone: u8) -> String {
    format!("m{milestone}")
}

fn fixed_id(contract: usize) -> String {
    FIXED
        .get(contract)
        .copied()
        .unwrap_or("missing")
        .to_string()
}

fn cents(amount: i64) -> Money {
    Money::from_cents(amount)
}

fn command(transition: &Transition) -> Option<Command> {
    let k = |contract: &usize| fixed_id(*contract);
    let command = match transition {
        Transition::Advance { .. } => return None,
        Transition::Add {
            contract,
            milestone,
            amount_cents,
            due_days: _,
        } => Command::AddMilestone {
            contract: k(contract),
            milestone: milestone_id(*milestone),
            amount: cents(*amount_cents),
            due: None,
        },
        Transition::Fund {
            contract,
            milestone,
        } => Command::FundMilestone {
            contract: k(contract),
            milestone: milestone_id(*milestone),
        },
        Transition::Submit {
            contract,
            milestone,
        } => Command::SubmitWork {
            contract: k(contract),
            milestone: milestone_id(*milestone),
        },
        Transition::RequestChanges {
            contract,
            milestone,
        } => Command::RequestChanges {
            contract: k(contract),
            milestone: milestone_id(*milestone),
        },
        Transition::Release {
            contract,
            milestone,
            amount_cents,
            refund_rest,
        } => Command::ReleaseMilestone {
            contract: k(contract),
            milestone: milestone_id(*milestone),
            amount: cents(*amount_cents),
            remainder: if *refund_rest {
                Remainder::Refunded
            } else {
                Remainder::StaysHeld
            },
        },
        Transition::Refund {
            contract,
            milestone,
        } => Command::RefundMilestone {
            contract: k(contract),
            milestone: milestone_id(*milestone),
        },
        Transition::End {
            contract,
            by,
            final_release_cents,
        } => Command::EndContract {
            contract: k(contract),
            by: *by,
            reason: EndReason::Completed,
            final_release: cents(*final_release_cents),
        },
        Transition::AcceptRefund { contract } => Command::AcceptEscrowRefund {
            contract: k(contract),
        },
        Transition::Dispute { contract, by } => Command::FileDispute {
            contract: k(contract),
            by: *by,
        },
        Transition::Respond { contract } => Command::RespondToDispute {
            contract: k(contract),
        },
        Transition::Concede { contract } => Command::ConcedeDispute {
            contract: k(contract),
        },
        Transition::Propose {
            contract,
            release_cents,
        } => Command::ProposeSettlement {
            contract: k(contract),
            release: cents(*release_cents),
        },
        Transition::Accept { contract, by } => Command::AcceptSettlement {
            contract: k(contract),
            by: *by,
        },
        Transition::Decline { contract, by } => Command::DeclineSettlement {
            contract: k(contract),
            by: *by,
        },
        Transition::PayFee { contract, by } => Command::PayArbitrationFee {
            contract: k(contract),
            by: *by,
        },
        Transition::Decide {
            contract,
            release_cents,
        } => Command::DecideArbitration {
            contract: k(contract),
            release: cents(*release_cents),
        },
        Transition::RequestDormantRelease { contract } => Command::RequestDormantRelease {
            contract: k(contract),
        },
        Transition::LogHours { hundredths } => Command::LogHours {
            contract: HOURLY.into(),
            hours_hundredths: *hundredths,
        },
        Transition::HourlyDispute => Command::FileDispute {
            contract: HOURLY.into(),
            by: Party::Client,
        },
        Transition::HourlyRespond => Command::RespondToDispute {
            contract: HOURLY.into(),
        },
        Transition::HourlyConcede => Command::ConcedeDispute {
            contract: HOURLY.into(),
        },
        Transition::Bonus {
            contract,
            amount_cents,
        } => Command::PayBonus {
            contract: k(contract),
            amount: cents(*amount_cents),
        },
        Transition::Feedback {
            contract,
            by,
            stars,
        } => Command::LeaveFeedback {
            contract: k(contract),
            by: *by,
            stars: Stars::from_hundredths(*stars)
                .unwrap_or(Stars::from_hundredths(500).unwrap_or_else(|| unreachable!())),
        },
    };
    Some(command)
}

/// Milestone due dates are set through a command of their own so the clock stays the
/// model's: `Add` with `due_days` uses them.
fn with_due(command: Command, transition: &Transition, now: NaiveDateTime) -> Command {
    match (command, transition) {
        (
            Command::AddMilestone {
                contract,
                milestone,
                amount,
                ..
            },
            Transition::Add {
                due_days: Some(days),
                ..
            },
        ) => {
            let due = now
                .date()
                .checked_add_days(chrono::Days::new(u64::from(*days)));
            Command::AddMilestone {
                contract,
                milestone,
                amount,
                due,
            }
        }
        (command, _) => command,
    }
}

/// What the auditor knows the answer must be, for release and refund commands.
fn predicted_error(auditor: &Auditor, transition: &Transition) -> Option<LedgerError> {
    let (contract, milestone, amount) = match transition {
        Transition::Release {
            contract,
            milestone,
            amount_cents,
            ..
        } => (*contract, *milestone, Some(cents(*amount_cents))),
        Transition::Refund {
            contract,
            milestone,
        } => (*contract, *milestone, None),
        _ => return None,
    };
    let id = fixed_id(contract);
    if auditor.disputed.get(id.as_str()).copied().unwrap_or(false) {
        return Some(LedgerError::DisputeOpen);
    }
    let audited = auditor.get(&id, &milestone_id(milestone))?;
    match (audited.resolution, amount) {
        (Some(Resolution::Released), _) => Some(LedgerError::EscrowAlreadyReleased),
        (Some(Resolution::Refunded), _) => Some(LedgerError::EscrowAlreadyRefunded),
        (None, Some(amount)) if amount > audited.held => Some(LedgerError::ReleaseExceedsHeld {
            amount,
            held: audited.held,
        }),
        _ => None,
    }
}

fn audited(escrow: &Escrow) -> Audited {
    Audited {
        funded: escrow.funded,
        held: escrow.held,
        released: escrow.released,
        refunded: escrow.refunded,
        resolution: escrow.resolution,
    }
}

impl StateMachineTest for LedgerTest {
    type SystemUnderTest = System;
    type Reference = Model;

    fn init_test(state: &ModelState) -> System {
        let mut ledger = Ledger::new(Params::for_era(Era::Current), state.now);
        let mut auditor = Auditor::default();
        for id in FIXED {
            let events = ledger.execute(
                state.now,
                Command::OpenFixed {
                    contract: id.into(),
                    client: "acme".into(),
                },
            );
            auditor.observe(&events.unwrap_or_default());
        }
        let hourly = Command::OpenHourly {
            contract: HOURLY.into(),
            client: "acme".into(),
            hourly_rate: cents(3_333),
            weekly_limit_hours: Some(40),
        };
        assert!(ledger.execute(state.now, hourly).is_ok());
        System {
            ledger,
            auditor,
            now: state.now,
        }
    }

    fn apply(mut system: System, state: &ModelState, transition: Transition) -> System {
        STEPS.fetch_add(1, Ordering::Relaxed);
        system.now = state.now;
        let Some(command) = command(&transition) else {
            let events = system.ledger.process_due(state.now);
            system.auditor.observe(&events);
            return system;
        };
        let command = with_due(command, &transition, state.now);
        let predicted = predicted_error(&system.auditor, &transition);
        let result = system.ledger.execute(state.now, command);
        if let Some(error) = predicted {
            assert_eq!(result, Err(error), "{transition:?}");
        }
        if let Ok(events) = result {
            system.auditor.observe(&events);
        }
        system
    }

    fn check_invariants(system: &System, _: &ModelState) {
        let ledger = &system.ledger;
        assert!(ledger.is_conserved(), "money not conserved");
        for contract in ledger.contracts() {
            let escrows: Vec<(EscrowRef, Audited)> = match &contract.terms {
                TermsState::Fixed(fixed) => fixed
                    .milestones
                    .iter()
                    .filter_map(|m| {
                        m.escrow
                            .map(|e| (EscrowRef::Milestone(m.id.clone()), audited(&e)))
                    })
                    .collect(),
                TermsState::Hourly(hourly) => hourly
                    .weeks
                    .iter()
                    .filter_map(|w| {
                        w.invoice
                            .map(|i| (EscrowRef::Invoice(w.start), audited(&i.escrow)))
                    })
                    .collect(),
            };
            for (escrow, actual) in escrows {
                let expected = system
                    .auditor
                    .escrows
                    .get(&(contract.id.clone(), escrow.clone()));
                assert_eq!(Some(&actual), expected, "{}: {escrow:?}", contract.id);
            }
        }
        let before = ledger.events().len();
        let mut again = ledger.clone();
        assert_eq!(
            again.process_due(system.now),
            vec![],
            "process_due twice is not a no-op"
        );
        assert_eq!(again.events().len(), before);
        if let Some((due, deadline)) = ledger.next_deadline() {
            assert!(due > system.now, "{deadline:?} at {due} left unprocessed");
        }
    }
}

#[test]
fn ledger_state_machine_conserves_money_and_resolves_escrow_once() {
    let seed = std::env::var("JSS_SM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_SEED);
    let (cases, steps_per_case) = if cfg!(debug_assertions) {
        (40u32, 250usize)
    } else {
        (4_000, 250)
    };
    let config = Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config.clone());
    let strategy = Model::sequential_strategy(steps_per_case..=steps_per_case);
    STEPS.store(0, Ordering::Relaxed);
    let result = runner.run(&strategy, |(initial, transitions, seen)| {
        LedgerTest::test_sequential(config.clone(), initial, transitions, seen);
        Ok(())
    });
    let steps = STEPS.load(Ordering::Relaxed);
    println!("ledger state machine: {steps} steps, seed {seed}");
    assert!(result.is_ok(), "seed {seed}: {result:?}");
    let expected = u64::from(cases) * steps_per_case as u64;
    assert!(steps >= expected, "ran {steps} steps, expected {expected}");
}
