//! The scenario's typed operations (`jss_engine::scenario::ops`): the quick form, the edit form
//! and the fast table read in the user's words, each refusal at its field, nothing stored when
//! anything is refused, and the one-payment warning with its fix.
//!
//! Every case goes through one `check` helper per form: it applies the form to a base scenario
//! on a fixed "today" and renders either the contract added or changed, or each problem as
//! `field: message`.

use chrono::NaiveDate;
use jss_engine::jss::report::score_report;
use jss_engine::money::Money;
use jss_engine::rules::{Era, ParamValue};
use jss_engine::scenario::edit::{apply as act, Action};
use jss_engine::scenario::ops::read::{
    add_rows, read_edit, read_new, EditText, EndText, FeedbackText, MilestoneText, NewContractText,
    PaidHow, RowText,
};
use jss_engine::scenario::ops::warn::{spread, warnings, Warning};
use jss_engine::scenario::ops::{apply, check_contract, Cadence, Done, FieldProblem, Op};
use jss_engine::scenario::parse::parse_str;
use jss_engine::scenario::{Contract, EndReason, Party, Scenario, Terms};
use proptest::prelude::*;

const TODAY: &str = "2026-11-27";

/// k01: hourly for Acme, open, one payment. k02: fixed for Globex, ended with feedback and a
/// released milestone.
const BASE: &str = r#"{
  "format": "jss-lab.scenario", "version": 1,
  "clients": [ { "id": "c01", "name": "Acme" }, { "id": "c02", "name": "Globex" } ],
  "contracts": [
    { "id": "k01", "client": "c01", "title": "Support", "type": "hourly", "hourly_rate": 40,
      "start": "2026-06-01", "payments": [ { "date": "2026-06-01", "amount": 400 } ] },
    { "id": "k02", "client": "c02", "title": "Logo", "type": "fixed", "start": "2026-09-01",
      "payments": [ { "date": "2026-09-20", "amount": 300 } ],
      "milestones": [ { "id": "m1", "amount": 300, "funded": "2026-09-02",
                        "released": "2026-09-20" } ],
      "end": { "date": "2026-09-21", "by": "client", "reason": "completed" },
      "feedback": { "date": "2026-09-25", "stars": 5 } }
  ]
}"#;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

fn today() -> NaiveDate {
    date(TODAY)
}

/// The rules of the scenarios here: the current era's defaults.
fn params() -> jss_engine::rules::Params {
    jss_engine::rules::Params::for_era(jss_engine::rules::Era::Current)
}

fn base() -> Scenario {
    parse_str(BASE).unwrap_or_else(|ps| panic!("base scenario: {ps:?}"))
}

/// A contract's facts on one line.
fn summary(s: &Scenario, c: &Contract) -> String {
    let client = s
        .clients
        .iter()
        .find(|k| k.id == c.client)
        .map_or("?", |k| k.name.as_str());
    let terms = match &c.terms {
        Terms::Hourly { hourly_rate, .. } => format!("hourly {hourly_rate}/h"),
        Terms::Fixed { milestones } => {
            let ms: Vec<String> = milestones
                .iter()
                .map(|m| {
                    let on = |d: Option<NaiveDate>| d.map_or("-".into(), |d| d.to_string());
                    format!("{} {} {}..{}", m.id, m.amount, on(m.funded), on(m.released))
                })
                .collect();
            format!("fixed [{}]", ms.join(", "))
        }
    };
    let paid = match c.payments.as_slice() {
        [] => "no payments".to_string(),
        [one] => format!("paid {} on {}", one.amount, one.date),
        [first, .., last] => format!(
            "{} payments {} ({} {} .. {} {})",
            c.payments.len(),
            c.earnings().unwrap_or_default(),
            first.date,
            first.amount,
            last.date,
            last.amount
        ),
    };
    let end = c.end.map_or("open".to_string(), |e| {
        format!(
            "ended {} by {} ({})",
            e.date,
            e.by.as_str(),
            e.reason.as_str()
        )
    });
    let feedback = c.feedback.map_or(String::new(), |f| {
        format!(", {} stars on {}", f.stars.as_f64(), f.date)
    });
    format!(
        "{} {client} \"{}\" {terms}, from {}, {paid}, {end}{feedback}",
        c.id,
        c.title.clone().unwrap_or_default(),
        c.start
    )
}

fn render(result: Result<Done, Vec<FieldProblem>>) -> Vec<String> {
    match result {
        Ok(done) => done
            .contracts
            .iter()
            .filter_map(|id| done.scenario.contracts.iter().find(|c| &c.id == id))
            .map(|c| summary(&done.scenario, c))
            .collect(),
        Err(problems) => problems
            .iter()
            .map(|p| {
                let row = if p.row > 0 {
                    format!("row {} ", p.row)
                } else {
                    String::new()
                };
                format!("{row}{:?}: {p}", p.field)
            })
            .collect(),
    }
}

/// The quick form with `change` made to a blank form, added to the base scenario.
fn check_new(change: impl FnOnce(&mut NewContractText), expected: &[&str]) {
    let mut text = NewContractText::default();
    change(&mut text);
    let result = read_new(&text, today(), &params())
        .and_then(|new| apply(Some(&base()), Op::AddContracts(vec![new]), today()));
    assert_eq!(render(result), expected, "{text:?}");
}

fn hourly(t: &mut NewContractText) {
    t.client = "Initech".into();
    t.title = "Backend".into();
    t.hourly = true;
    t.rate = "50".into();
    t.start = "2026-03-02".into();
    t.total = "12,000".into();
    t.last_paid = "2026-11-25".into();
}

fn fixed(t: &mut NewContractText) {
    t.client = "acme".into();
    t.title = "Site".into();
    t.start = "2026-05-04".into();
    t.ended = true;
    t.end = "2026-06-30".into();
    t.stars = "4.9".into();
    t.milestones = vec![MilestoneText {
        amount: "1500".into(),
        ..MilestoneText::default()
    }];
}

#[test]
fn the_quick_form_turns_the_users_words_into_payments() {
    check_new(hourly, &[
        "k03 Initech \"Backend\" hourly $50.00/h, from 2026-03-02, 39 payments $12,000.00 (2026-03-04 $307.70 .. 2026-11-25 $307.69), open",
    ]);
    check_new(
        |t| {
            hourly(t);
            t.paid_how = PaidHow::Regularly(Cadence::Monthly);
        },
        &["k03 Initech \"Backend\" hourly $50.00/h, from 2026-03-02, 9 payments $12,000.00 (2026-03-25 $1,333.34 .. 2026-11-25 $1,333.33), open"],
    );
    check_new(
        |t| {
            hourly(t);
            t.paid_how = PaidHow::OnDates;
            t.payment_list = "2026-04-01 500\n2026-03-18, $250.50\n".into();
            t.ended = true;
            t.end = "2026-04-10".into();
            t.reason = EndReason::ClientUnresponsive;
        },
        &["k03 Initech \"Backend\" hourly $50.00/h, from 2026-03-02, 2 payments $750.50 (2026-03-18 $250.50 .. 2026-04-01 $500.00), ended 2026-04-10 by freelancer (client_unresponsive)"],
    );
    // An ended contract's last payment is its end date unless the form says otherwise.
    check_new(
        |t| {
            hourly(t);
            t.last_paid = String::new();
            t.ended = true;
            t.end = "2026-05-29".into();
            t.total = "3000".into();
        },
        &["k03 Initech \"Backend\" hourly $50.00/h, from 2026-03-02, 13 payments $3,000.00 (2026-03-06 $230.77 .. 2026-05-29 $230.76), ended 2026-05-29 by client (completed)"],
    );
    check_new(
        |t| {
            hourly(t);
            t.rate = String::new();
            t.paid_how = PaidHow::NotYet;
        },
        &["k03 Initech \"Backend\" hourly $0.00/h, from 2026-03-02, no payments, open"],
    );
    // A known client's name (in any case) is that client; milestones are funded on the start
    // and paid on the end unless the row says otherwise.
    check_new(fixed, &[
        "k03 Acme \"Site\" fixed [m1 $1,500.00 2026-05-04..2026-06-30], from 2026-05-04, paid $1,500.00 on 2026-06-30, ended 2026-06-30 by client (completed), 4.9 stars on 2026-06-30",
    ]);
    check_new(
        |t| {
            fixed(t);
            t.ended = false;
            t.milestones = vec![
                MilestoneText { amount: "400".into(), funded: String::new(), paid: "2026-05-20".into() },
                MilestoneText::default(),
                MilestoneText { amount: "600".into(), funded: "2026-05-21".into(), paid: String::new() },
            ];
        },
        &["k03 Acme \"Site\" fixed [m1 $400.00 2026-05-04..2026-05-20, m2 $600.00 2026-05-21..-], from 2026-05-04, paid $400.00 on 2026-05-20, open"],
    );
}

#[test]
fn the_quick_form_refuses_each_wrong_field_once() {
    check_new(
        |_| {},
        &["Client: this is required", "Start: this is required"],
    );
    check_new(
        |t| {
            hourly(t);
            t.rate = "-40".into();
            t.total = "-500".into();
            t.last_paid = "last week".into();
        },
        &[
            "HourlyRate: must not be negative",
            "Total: must not be negative",
            "LastPaid: enter a date written YYYY-MM-DD",
        ],
    );
    check_new(
        |t| {
            hourly(t);
            t.rate = "0".into();
            t.total = "0".into();
        },
        &[
            "HourlyRate: must be more than $0",
            "Total: must be more than $0",
        ],
    );
    check_new(
        |t| {
            hourly(t);
            t.total = "12a".into();
            t.rate = "4O".into();
        },
        &[
            "HourlyRate: enter a number of dollars, such as 1200 or 99.50",
            "Total: enter a number of dollars, such as 1200 or 99.50",
        ],
    );
    check_new(
        |t| {
            hourly(t);
            t.total = "0.05".into();
        },
        &["Total: is less than one cent for each of the 39 payments"],
    );
    // Dates out of order, or in the future where they cannot be.
    check_new(
        |t| {
            hourly(t);
            t.last_paid = "2026-02-01".into();
        },
        &["LastPaid: is before the contract's start (Mon 2 Mar 2026)"],
    );
    check_new(
        |t| {
            hourly(t);
            t.last_paid = "2026-12-02".into();
        },
        &["LastPaid: is after today (Fri 27 Nov 2026): record what has happened; the simulator plans the future"],
    );
    check_new(
        |t| {
            hourly(t);
            t.ended = true;
            t.end = "2026-12-01".into();
        },
        &["EndDate: is after today (Fri 27 Nov 2026): record what has happened; the simulator plans the future"],
    );
    check_new(
        |t| {
            hourly(t);
            t.ended = true;
            t.end = "2026-02-27".into();
            t.last_paid = "2026-03-20".into();
        },
        &[
            "EndDate: is before the contract's start (Mon 2 Mar 2026)",
            "LastPaid: is after Sun 15 Mar 2026: a week's pay arrives at most 16 days after the week starts",
        ],
    );
    check_new(
        |t| {
            hourly(t);
            t.ended = true;
            t.end = "2026-06-01".into();
            t.stars = "6".into();
            t.last_paid = "2026-06-10".into();
        },
        &["Stars: enter a rating from 1.0 to 5.0 with at most two decimals"],
    );
    check_new(
        |t| {
            hourly(t);
            t.paid_how = PaidHow::OnDates;
            t.payment_list = "2026-04-01 500\n2026-04-08 lots".into();
        },
        &["PaymentList: line 2: enter a number of dollars, such as 1200 or 99.50 (write one payment per line: date, then amount)"],
    );
    check_new(
        |t| {
            hourly(t);
            t.paid_how = PaidHow::OnDates;
            t.payment_list = "2026-02-01 500".into();
        },
        &["PaymentList: is before the contract's start (Mon 2 Mar 2026)"],
    );
    check_new(
        |t| {
            hourly(t);
            t.paid_how = PaidHow::OnDates;
        },
        &["PaymentList: this is required"],
    );
    // Milestones: the minimum, escrow after the end, a payment before its funding.
    check_new(
        |t| {
            fixed(t);
            t.milestones = vec![
                MilestoneText { amount: "4.99".into(), ..MilestoneText::default() },
                MilestoneText { amount: "500".into(), funded: "2026-07-01".into(), paid: "2026-07-02".into() },
                MilestoneText { amount: "0".into(), funded: "2026-05-10".into(), paid: "2026-05-09".into() },
                MilestoneText { amount: "100".into(), funded: "2026-04-01".into(), paid: String::new() },
            ];
        },
        &[
            "Milestone(0, Amount): is below the $5.00 milestone minimum",
            "Milestone(1, Funded): is after the contract's end (Tue 30 Jun 2026): escrow is funded while a contract is open",
            "Milestone(1, Paid): is after the contract's end (Tue 30 Jun 2026)",
            "Milestone(2, Amount): must be more than $0",
            "Milestone(2, Paid): is before the milestone was funded (Sun 10 May 2026)",
            "Milestone(3, Funded): is before the contract's start (Mon 4 May 2026)",
        ],
    );
}

/// The edit form for contract `id` with `change` made to its current values.
fn check_edit(id: &str, change: impl FnOnce(&mut EditText), expected: &[&str]) {
    let scenario = base();
    let before = scenario
        .contracts
        .iter()
        .find(|c| c.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("no {id}"));
    let mut text = EditText::of(&before);
    change(&mut text);
    let result = read_edit(&before, &text, &params())
        .and_then(|c| apply(Some(&scenario), Op::ReplaceContract(c), today()));
    assert_eq!(render(result), expected, "{text:?}");
}

#[test]
fn the_edit_form_reads_every_fact_and_refuses_at_the_field() {
    // Unchanged, the form is accepted as it is.
    check_edit("k01", |_| {}, &[
        "k01 Acme \"Support\" hourly $40.00/h, from 2026-06-01, paid $400.00 on 2026-06-01, open",
    ]);
    check_edit(
        "k01",
        |t| {
            t.title = "  ".into();
            t.client = "c02".into();
            t.payments.push(("2026-07-01".into(), "99.5".into()));
            t.end = Some(EndText { date: "2026-11-20".into(), by: Party::Freelancer, reason: EndReason::Completed });
            t.feedback = Some(FeedbackText { date: "2026-11-21".into(), stars: "4,85".into() });
        },
        &["k01 Globex \"\" hourly $40.00/h, from 2026-06-01, 2 payments $499.50 (2026-06-01 $400.00 .. 2026-07-01 $99.50), ended 2026-11-20 by freelancer (completed), 4.85 stars on 2026-11-21"],
    );
    check_edit(
        "k01",
        |t| {
            t.rate = "forty".into();
            t.limit = "200".into();
            t.payments[0].1 = "-400".into();
            t.payments.push(("soon".into(), "10".into()));
        },
        &[
            "HourlyRate: enter a number of dollars, such as 1200 or 99.50",
            "WeeklyLimit: enter a whole number from 0 to 168",
            "Payment(0, Amount): must not be negative",
            "Payment(1, Date): enter a date written YYYY-MM-DD",
        ],
    );
    check_edit(
        "k01",
        |t| {
            t.start = "2026-06-02".into();
            t.payments.push(("2026-12-20".into(), "0".into()));
            t.client = "c99".into();
        },
        &[
            "Client: there is no client c99",
            "Payment(0, Date): is before the contract's start (Tue 2 Jun 2026)",
            "Payment(1, Date): is after Sun 13 Dec 2026: a week's pay arrives at most 16 days after the week starts",
            "Payment(1, Amount): must be more than $0",
        ],
    );
    // A week's pay may be dated up to 16 days ahead (what "Log hours" writes).
    check_edit("k01", |t| t.payments.push(("2026-12-09".into(), "80".into())), &[
        "k01 Acme \"Support\" hourly $40.00/h, from 2026-06-01, 2 payments $480.00 (2026-06-01 $400.00 .. 2026-12-09 $80.00), open",
    ]);
    check_edit(
        "k01",
        |t| {
            t.end = Some(EndText { date: "2026-12-01".into(), by: Party::Client, reason: EndReason::Completed });
        },
        &["EndDate: is after today (Fri 27 Nov 2026): record what has happened; the simulator plans the future"],
    );
    check_edit(
        "k02",
        |t| {
            t.start = "2026-09-10".into();
            if let Some(e) = &mut t.end { e.date = "2026-09-01".into(); }
            t.feedback = Some(FeedbackText { date: "2026-08-30".into(), stars: "5".into() });
        },
        &[
            "Start: is after a date of milestone 1 (Wed 2 Sep 2026)",
            "EndDate: is before the contract's start (Thu 10 Sep 2026)",
            "EndDate: is before milestone 1 was funded (Wed 2 Sep 2026): escrow is funded while a contract is open",
            "FeedbackDate: is before the contract's end (Tue 1 Sep 2026)",
        ],
    );
    check_edit(
        "k02",
        |t| {
            t.feedback = Some(FeedbackText {
                date: "2026-10-06".into(),
                stars: "5".into(),
            })
        },
        &["FeedbackDate: is more than 14 days after the contract's end (Mon 21 Sep 2026)"],
    );
    check_edit(
        "k02",
        |t| t.end = None,
        &["Stars: feedback comes after the contract ends: enter the end date first"],
    );
}

/// The fast table's rows (cells in column order) added to the base scenario.
fn check_rows(rows: &[[&str; 9]], expected: &[&str]) {
    let rows: Vec<RowText> = rows
        .iter()
        .map(
            |[client, title, kind, start, end, earned, stars, reason, rate]| RowText {
                client: client.to_string(),
                title: title.to_string(),
                kind: kind.to_string(),
                start: start.to_string(),
                end: end.to_string(),
                earned: earned.to_string(),
                stars: stars.to_string(),
                reason: reason.to_string(),
                rate: rate.to_string(),
            },
        )
        .collect();
    assert_eq!(render(add_rows(Some(&base()), &rows, today())), expected);
}

#[test]
fn the_fast_table_adds_a_batch_or_names_every_bad_cell() {
    check_rows(
        &[
            ["Zenith", "Site", "fixed", "2026-01-05", "2026-02-01", "1,500", "5", "completed", ""],
            ["", "", "", "", "", "", "", "", ""],
            ["Acme", "Ads", "hourly", "2026-03-02", "", "900.50", "", "", "45.5"],
        ],
        &[
            "k03 Zenith \"Site\" fixed [], from 2026-01-05, paid $1,500.00 on 2026-02-01, ended 2026-02-01 by client (completed), 5 stars on 2026-02-01",
            "k04 Acme \"Ads\" hourly $45.50/h, from 2026-03-02, paid $900.50 on 2026-03-02, open",
        ],
    );
    check_rows(
        &[
            ["Zenith", "Site", "fixed", "2026-01-05", "2026-02-01", "100", "5", "completed", ""],
            ["", "Site", "weekly", "2026-13-01", "soon", "lots", "6", "bored", ""],
            ["Orbit", "Audit", "fixed", "2026-06-01", "2026-05-01", "-100", "", "", "40"],
            ["Orbit", "Audit", "hourly", "2026-06-01", "", "0", "5", "", "-1"],
            ["Orbit", "Later", "fixed", "2026-12-01", "", "100", "", "", ""],
            ["Orbit", "Later", "fixed", "2026-11-01", "2026-12-01", "", "", "", ""],
        ],
        &[
            "row 1 Client: this is required",
            "row 1 Kind: enter hourly or fixed",
            "row 1 Start: enter a date written YYYY-MM-DD",
            "row 1 EndDate: enter a date written YYYY-MM-DD",
            "row 1 Earned: enter a number of dollars, such as 1200 or 99.50",
            "row 1 Stars: enter a rating from 1.0 to 5.0 with at most two decimals",
            "row 1 EndReason: enter completed, not completed, client unresponsive or other",
            "row 2 EndDate: is before the contract's start (Mon 1 Jun 2026)",
            "row 2 Earned: must not be negative",
            "row 2 HourlyRate: a fixed-price contract has no hourly rate",
            "row 3 Earned: must be more than $0; leave it empty if nothing was paid",
            "row 3 Stars: feedback comes after the contract ends: enter the end date first",
            "row 3 HourlyRate: must not be negative",
            "row 4 Start: is after today (Fri 27 Nov 2026): record what has happened; the simulator plans the future",
            "row 5 EndDate: is after today (Fri 27 Nov 2026): record what has happened; the simulator plans the future",
        ],
    );
    check_rows(
        &[["", "", "", "", "", "", "", "", ""]],
        &["Client: fill in at least one row"],
    );
}

#[test]
fn delete_rules_and_unknown_ids() {
    let s = base();
    let deleted = apply(Some(&s), Op::DeleteContract("k01".into()), today());
    assert_eq!(deleted.map(|d| d.scenario.contracts.len()), Ok(1));
    assert_eq!(
        render(apply(Some(&s), Op::DeleteContract("k9".into()), today())),
        ["Whole: there is no contract k9"]
    );
    let era = apply(Some(&s), Op::SetEra(Era::Legacy), today());
    assert_eq!(era.map(|d| d.scenario.rules.era), Ok(Era::Legacy));
    let set_params = Op::SetParams(vec![
        ("positive_min_stars".into(), ParamValue::Number(4.5)),
        ("no_such_rule".into(), ParamValue::Bool(true)),
        ("end_reason_override".into(), ParamValue::Number(2.0)),
    ]);
    assert_eq!(
        render(apply(Some(&s), set_params, today())),
        [
            "Whole: `no_such_rule` is not a known parameter",
            "Param(\"end_reason_override\"): `end_reason_override` must be a boolean, got a number",
        ]
    );
    let good = Op::SetParams(vec![("positive_min_stars".into(), ParamValue::Number(4.5))]);
    let set = apply(Some(&s), good, today()).map(|d| d.scenario.rules.overrides.len());
    assert_eq!(set, Ok(1));
    // Before any data, an add starts an empty scenario under the current rules.
    let mut text = NewContractText::default();
    fixed(&mut text);
    let first = read_new(&text, today(), &params())
        .and_then(|new| apply(None, Op::AddContracts(vec![new]), today()))
        .map(|d| (d.scenario.rules.era, d.scenario.clients.len(), d.contracts));
    assert_eq!(first, Ok((Era::Current, 1, vec!["k01".to_string()])));
}

/// The JSS outcome of contract `id` today.
fn outcome(s: &Scenario, id: &str) -> String {
    let report = score_report(s, today());
    report
        .contracts
        .iter()
        .find(|l| l.id == id)
        .map_or("missing".into(), |l| format!("{} {}", l.outcome, l.weight))
}

#[test]
fn one_payment_on_an_open_hourly_contract_is_warned_and_fixed_in_one_step() {
    let s = base();
    let k01 = &s.contracts[0];
    let found = warnings(k01, today());
    assert_eq!(found.len(), 1);
    let warning = &found[0];
    assert_eq!(
        warning.message(),
        "All $400.00 is recorded as one payment, on Mon 1 Jun 2026. An hourly client pays each week, and with a single payment this contract can never count as a long-term relationship or earn the length bonus."
    );
    assert_eq!(
        warning.fix_label(k01),
        "Spread it weekly from Mon 1 Jun 2026 to Fri 27 Nov 2026"
    );
    assert_eq!(outcome(&s, "k01"), "excluded 0");
    let fixed = apply(
        Some(&s),
        Op::Fix {
            contract: "k01".into(),
            fix: warning.fix(),
        },
        today(),
    )
    .unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(render(Ok(fixed.clone())), [
        "k01 Acme \"Support\" hourly $40.00/h, from 2026-06-01, 26 payments $400.00 (2026-06-05 $15.39 .. 2026-11-27 $15.38), open",
    ]);
    assert!(warnings(&fixed.scenario.contracts[0], today()).is_empty());
    assert_eq!(outcome(&fixed.scenario, "k01"), "positive 3.25");
    // A fixed contract paid once, and a short hourly one, are as expected: no warning.
    assert!(warnings(&s.contracts[1], today()).is_empty());
    let mut short = k01.clone();
    short.start = date("2026-11-20");
    short.payments[0].date = date("2026-11-25");
    assert!(warnings(&short, today()).is_empty());
    // An ended one whose amount was entered on its end date spreads to that date.
    let mut ended = k01.clone();
    ended.payments[0].date = date("2026-10-30");
    ended.end = s.contracts[1].end.map(|mut e| {
        e.date = date("2026-10-30");
        e
    });
    assert!(matches!(
        warnings(&ended, today()).as_slice(),
        [Warning::OnePayment { fix: jss_engine::scenario::ops::Fix::Spread { last, .. }, .. }] if *last == date("2026-10-30")
    ));
}

#[test]
fn a_weekly_paid_open_hourly_contract_counts_as_long_term() {
    let mut text = NewContractText::default();
    hourly(&mut text);
    let done = read_new(&text, today(), &params())
        .and_then(|new| apply(Some(&base()), Op::AddContracts(vec![new]), today()))
        .unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(outcome(&done.scenario, "k03"), "positive 3.5");
    assert!(warnings(&done.scenario.contracts[2], today()).is_empty());
}

#[test]
fn every_demo_contract_passes_the_form_checks_unchanged() {
    let demo = jss_engine::demo::vanished_clients(today()).unwrap_or_else(|p| panic!("{p:?}"));
    for c in &demo.contracts {
        assert_eq!(
            check_contract(c, Some(c), today(), &params()),
            [],
            "{}",
            c.id
        );
        let text = EditText::of(c);
        assert_eq!(read_edit(c, &text, &params()).as_ref(), Ok(c), "{}", c.id);
    }
    // Logged hours are dated when the week's pay arrives, and stay editable.
    let logged = act(
        &demo,
        "k16",
        Action::LogHours {
            week_of: today(),
            hours_hundredths: 800,
        },
        today(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let k16 = logged
        .contracts
        .iter()
        .find(|c| c.id == "k16")
        .cloned()
        .unwrap_or_else(|| panic!("k16"));
    assert_eq!(check_contract(&k16, None, today(), &params()), []);
}

proptest! {
    /// Spreading never creates or loses a cent, and its dates run from the start to the last.
    #[test]
    fn spread_keeps_every_cent(
        cents in 1i64..10_000_000,
        days in 0u64..800,
        cadence in prop::sample::select(Cadence::ALL.to_vec()),
    ) {
        let from = date("2025-01-06");
        let last = from + chrono::Days::new(days);
        match spread(Money::from_cents(cents), from, last, cadence) {
            Ok(payments) => {
                let total: i64 = payments.iter().map(|p| p.amount.cents()).sum();
                prop_assert_eq!(total, cents);
                prop_assert_eq!(payments.last().map(|p| p.date), Some(last));
                prop_assert!(payments.first().is_some_and(|p| p.date >= from));
                prop_assert!(payments.windows(2).all(|w| w[0].date < w[1].date));
                prop_assert!(payments.iter().all(|p| p.amount.cents() > 0));
            }
            Err(_) => prop_assert!(cents < 200),
        }
    }
}
