//! The app's forms as typed, read into operations: the quick "Add a contract" form, the edit
//! form, and the fast table's rows. Every field goes through `scenario::input`, and every rule
//! that can be checked in the user's own words is checked here, at the field the user typed.
//!
//! The quick form asks what the JSS depends on. For an hourly contract: how often the client
//! paid and when last, with the total (turned into payments by [`spread`]; on an ended
//! contract the last payment is the end date unless said otherwise), or the payments one per
//! line, or nothing yet. For a fixed-price contract: its milestones, each funded on
//! the start unless said otherwise and paid on the end (or still in escrow while open) unless
//! said otherwise. Choices where the form is silent:
//! - A contract the client left as "client unresponsive" was ended by the freelancer (the
//!   reason Upwork offers the freelancer); any other reason, by the client.
//! - The client's stars are feedback left on the end date.

use chrono::NaiveDate;

use crate::ledger::calendar::add_days;
use crate::money::Money;
use crate::rules::{Params, Rules};
use crate::scenario::input::{self, InputError};
use crate::scenario::ops::warn::spread;
use crate::scenario::ops::{
    apply, hourly_pay_lag_days, meets_milestone_minimum, Cadence, Done, Field, FieldProblem,
    MilestonePart, NewContract, Op, PaymentPart, Refusal,
};
use crate::scenario::{
    Contract, End, EndReason, Feedback, Milestone, Party, Payment, Scenario, Stars, Terms,
};

/// Collects the problems of one form while reading it, under the scenario's rules.
struct Reader<'p> {
    problems: Vec<(Field, Refusal)>,
    params: &'p Params,
}

impl<'p> Reader<'p> {
    fn new(params: &'p Params) -> Reader<'p> {
        Reader {
            problems: Vec::new(),
            params,
        }
    }

    /// The value, or `None` after noting why it could not be read.
    fn read<T>(&mut self, field: Field, value: Result<T, InputError>) -> Option<T> {
        value.map_err(|e| self.refuse(field, e)).ok()
    }

    fn refuse(&mut self, field: Field, refusal: impl Into<Refusal>) {
        self.problems.push((field, refusal.into()));
    }

    /// Notes `refusal` at `field` when `wrong` holds.
    fn check(&mut self, field: Field, wrong: bool, refusal: impl FnOnce() -> Refusal) {
        if wrong {
            self.refuse(field, refusal());
        }
    }

    /// A date that happened: not before the start, not after today.
    fn past_date(
        &mut self,
        field: Field,
        d: NaiveDate,
        start: Option<NaiveDate>,
        today: NaiveDate,
    ) {
        if let Some(start) = start.filter(|s| d < *s) {
            self.refuse(field, Refusal::BeforeStart(start));
        } else if d > today {
            self.refuse(field, Refusal::InFuture(today));
        }
    }

    fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldProblem>> {
        match value {
            Some(value) if self.problems.is_empty() => Ok(value),
            _ => Err(self
                .problems
                .into_iter()
                .map(|(field, refusal)| FieldProblem::new(field, refusal))
                .collect()),
        }
    }
}

/// How the client of an hourly contract paid, as the quick form asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PaidHow {
    /// About the same each time, at this cadence, from the start to the last payment.
    Regularly(Cadence),
    /// On the dates listed.
    OnDates,
    NotYet,
}

/// One milestone row of the quick form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MilestoneText {
    pub amount: String,
    /// Empty: funded on the start date.
    pub funded: String,
    /// Empty: paid on the end date, or still in escrow while the contract is open.
    pub paid: String,
}

impl MilestoneText {
    fn is_blank(&self) -> bool {
        [&self.amount, &self.funded, &self.paid]
            .iter()
            .all(|t| t.trim().is_empty())
    }
}

/// The quick "Add a contract" form, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewContractText {
    pub client: String,
    pub title: String,
    pub hourly: bool,
    /// Empty: unknown (stored as $0).
    pub rate: String,
    pub start: String,
    pub paid_how: PaidHow,
    pub total: String,
    pub last_paid: String,
    pub payment_list: String,
    pub milestones: Vec<MilestoneText>,
    pub ended: bool,
    pub end: String,
    pub reason: EndReason,
    /// Empty: no feedback.
    pub stars: String,
}

impl Default for NewContractText {
    fn default() -> NewContractText {
        NewContractText {
            client: String::new(),
            title: String::new(),
            hourly: false,
            rate: String::new(),
            start: String::new(),
            paid_how: PaidHow::Regularly(Cadence::Weekly),
            total: String::new(),
            last_paid: String::new(),
            payment_list: String::new(),
            milestones: vec![MilestoneText::default()],
            ended: false,
            end: String::new(),
            reason: EndReason::Completed,
            stars: String::new(),
        }
    }
}

/// Who ended a contract, from the reason the quick form and the fast table ask for.
fn ended_by(reason: EndReason) -> Party {
    match reason {
        EndReason::ClientUnresponsive => Party::Freelancer,
        _ => Party::Client,
    }
}

/// The optional title, trimmed.
fn title_of(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// Reads the quick form into a new contract, or every problem at its field.
pub fn read_new(
    text: &NewContractText,
    today: NaiveDate,
    params: &Params,
) -> Result<NewContract, Vec<FieldProblem>> {
    let mut r = Reader::new(params);
    if text.client.trim().is_empty() {
        r.refuse(Field::Client, InputError::Required);
    }
    let start = r.read(Field::Start, input::date(&text.start));
    let end_date = if text.ended {
        let end = r.read(Field::EndDate, input::date(&text.end));
        if let Some(end) = end {
            r.past_date(Field::EndDate, end, start, today);
        }
        end
    } else {
        None
    };
    let stars = if text.ended {
        r.read(Field::Stars, input::optional(&text.stars, input::stars))
            .flatten()
    } else {
        None
    };
    let (terms, payments) = if text.hourly {
        let rate = r
            .read(
                Field::HourlyRate,
                input::optional(&text.rate, input::positive_money),
            )
            .flatten();
        let payments = hourly_payments(&mut r, text, start, end_date, today);
        let terms = Terms::Hourly {
            hourly_rate: rate.unwrap_or(Money::ZERO),
            weekly_limit_hours: None,
        };
        (terms, payments)
    } else {
        let (milestones, payments) = fixed_milestones(&mut r, text, start, end_date, today);
        (Terms::Fixed { milestones }, payments)
    };
    let contract = start.map(|start| {
        Ended {
            date: end_date,
            reason: text.reason,
            stars,
        }
        .contract(&text.title, terms, start, payments)
    });
    r.finish(contract.map(|contract| NewContract {
        client_name: text.client.trim().to_string(),
        contract,
    }))
}

/// How a new contract ended, in the words of the quick form and the fast table.
struct Ended {
    /// `None` while open.
    date: Option<NaiveDate>,
    reason: EndReason,
    stars: Option<Stars>,
}

impl Ended {
    /// The new contract's facts; its id and client are set when it is added.
    fn contract(
        self,
        title: &str,
        terms: Terms,
        start: NaiveDate,
        payments: Vec<Payment>,
    ) -> Contract {
        Contract {
            id: String::new(),
            client: String::new(),
            title: title_of(title),
            terms,
            start,
            payments,
            refunds: Vec::new(),
            end: self.date.map(|date| End {
                date,
                by: ended_by(self.reason),
                reason: self.reason,
            }),
            feedback: self.date.zip(self.stars).map(|(date, stars)| Feedback {
                date,
                stars,
                private_score: None,
            }),
        }
    }
}

fn hourly_payments(
    r: &mut Reader,
    text: &NewContractText,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<Payment> {
    match text.paid_how {
        PaidHow::NotYet => Vec::new(),
        PaidHow::OnDates => {
            let listed = r.read(Field::PaymentList, input::payment_lines(&text.payment_list));
            r.check(
                Field::PaymentList,
                listed.as_ref().is_some_and(Vec::is_empty),
                || InputError::Required.into(),
            );
            let listed = listed.unwrap_or_default();
            if let Some(early) = start.filter(|s| listed.iter().any(|p| p.date < *s)) {
                r.refuse(Field::PaymentList, Refusal::BeforeStart(early));
            } else if listed.iter().any(|p| p.date > today) {
                r.refuse(Field::PaymentList, Refusal::InFuture(today));
            }
            let mut listed = listed;
            listed.sort();
            listed
        }
        PaidHow::Regularly(cadence) => {
            let total = r.read(Field::Total, input::positive_money(&text.total));
            // Blank on an ended contract: the last payment came with the end.
            let last = match (text.last_paid.trim(), text.ended) {
                ("", true) => end,
                (typed, _) => r.read(Field::LastPaid, input::date(typed)),
            };
            if let Some(last) = last {
                r.past_date(Field::LastPaid, last, start, today);
                let lag_days = hourly_pay_lag_days(r.params);
                let latest = end.and_then(|e| add_days(e, lag_days));
                if let Some(latest) = latest.filter(|l| last > *l) {
                    r.refuse(Field::LastPaid, Refusal::PaidTooLate { latest, lag_days });
                }
            }
            match (total, start, last) {
                (Some(total), Some(start), Some(last)) if last >= start => {
                    spread(total, start, last, cadence)
                        .map_err(|refusal| r.refuse(Field::Total, refusal))
                        .unwrap_or_default()
                }
                _ => Vec::new(),
            }
        }
    }
}

fn fixed_milestones(
    r: &mut Reader,
    text: &NewContractText,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    today: NaiveDate,
) -> (Vec<Milestone>, Vec<Payment>) {
    let mut milestones = Vec::new();
    let mut payments = Vec::new();
    for (i, row) in text.milestones.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        let field = |part| Field::Milestone(i, part);
        let amount = r.read(
            field(MilestonePart::Amount),
            input::positive_money(&row.amount),
        );
        if let Some(amount) = amount {
            let minimum = r.params.min_milestone;
            r.check(
                field(MilestonePart::Amount),
                !meets_milestone_minimum(amount, r.params),
                || Refusal::BelowMilestoneMinimum(minimum),
            );
        }
        // Blank: funded when the contract started, unless it starts after today.
        let funded = r
            .read(
                field(MilestonePart::Funded),
                input::optional(&row.funded, input::date),
            )
            .map(|typed| typed.or(start.filter(|s| *s <= today)));
        let refused_before = r.problems.len();
        if let Some(Some(funded)) = funded {
            r.past_date(field(MilestonePart::Funded), funded, start, today);
            if let Some(end) = end.filter(|e| funded > *e) {
                r.refuse(field(MilestonePart::Funded), Refusal::EscrowAfterEnd(end));
            }
        }
        // A refused funding date is not compared with the payment date: one mistake, one
        // message.
        let funded_ok = r.problems.len() == refused_before;
        // Blank: paid when the contract ended; while it is open, still in escrow.
        let paid = r
            .read(
                field(MilestonePart::Paid),
                input::optional(&row.paid, input::date),
            )
            .map(|typed| typed.or(end));
        if let Some(Some(paid)) = paid {
            let funded = funded.flatten().filter(|_| funded_ok);
            if let Some(funded) = funded.filter(|f| paid < *f) {
                r.refuse(field(MilestonePart::Paid), Refusal::BeforeFunded(funded));
            } else if funded.is_none() && start.is_some_and(|s| paid < s) {
                r.refuse(
                    field(MilestonePart::Paid),
                    Refusal::BeforeStart(start.unwrap_or(paid)),
                );
            } else if paid > today {
                r.refuse(field(MilestonePart::Paid), Refusal::InFuture(today));
            } else if let Some(end) = end.filter(|e| paid > *e) {
                r.refuse(field(MilestonePart::Paid), Refusal::AfterEnd(end));
            }
        }
        let (Some(amount), Some(funded), Some(paid)) = (amount, funded, paid) else {
            continue;
        };
        if let Some(date) = paid {
            payments.push(Payment { date, amount });
        }
        milestones.push(Milestone {
            id: format!("m{}", milestones.len() + 1),
            amount,
            // A milestone paid without a funding date was funded on its payment day at latest.
            funded: funded.or(paid),
            due: None,
            submitted: None,
            released: paid,
            refunded: None,
        });
    }
    payments.sort();
    (milestones, payments)
}

/// The edit form's end fields, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndText {
    pub date: String,
    pub by: Party,
    pub reason: EndReason,
}

/// The edit form's feedback fields, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedbackText {
    pub date: String,
    pub stars: String,
}

/// The "Edit the facts" form, as typed. Milestones, refunds and a legacy private score have no
/// fields there and are kept as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditText {
    pub title: String,
    /// A client's id (the form offers the scenario's clients by name).
    pub client: String,
    /// Empty: unknown (stored as $0). Hourly contracts only.
    pub rate: String,
    /// Empty: no limit. Hourly contracts only.
    pub limit: String,
    pub start: String,
    /// (date, amount) per payment.
    pub payments: Vec<(String, String)>,
    pub end: Option<EndText>,
    pub feedback: Option<FeedbackText>,
}

impl EditText {
    /// The form filled with the contract's facts.
    pub fn of(c: &Contract) -> EditText {
        let (rate, limit) = match &c.terms {
            Terms::Hourly {
                hourly_rate,
                weekly_limit_hours,
            } => (
                input::money_text(*hourly_rate, true),
                weekly_limit_hours.map_or(String::new(), |h| h.to_string()),
            ),
            Terms::Fixed { .. } => (String::new(), String::new()),
        };
        EditText {
            title: c.title.clone().unwrap_or_default(),
            client: c.client.clone(),
            rate,
            limit,
            start: c.start.to_string(),
            payments: c
                .payments
                .iter()
                .map(|p| (p.date.to_string(), input::money_text(p.amount, false)))
                .collect(),
            end: c.end.map(|e| EndText {
                date: e.date.to_string(),
                by: e.by,
                reason: e.reason,
            }),
            feedback: c.feedback.map(|f| FeedbackText {
                date: f.date.to_string(),
                stars: input::stars_text(f.stars),
            }),
        }
    }
}

/// Reads the edit form into the contract's new facts (checked by [`Op::ReplaceContract`]).
pub fn read_edit(
    before: &Contract,
    text: &EditText,
    params: &Params,
) -> Result<Contract, Vec<FieldProblem>> {
    let mut r = Reader::new(params);
    let terms = match &before.terms {
        Terms::Hourly { .. } => {
            let rate = r
                .read(
                    Field::HourlyRate,
                    input::optional(&text.rate, input::positive_money),
                )
                .map(|rate| rate.unwrap_or(Money::ZERO));
            let limit = r.read(
                Field::WeeklyLimit,
                input::optional(&text.limit, |t| input::whole(t, 0, 168)),
            );
            rate.zip(limit)
                .map(|(hourly_rate, weekly_limit_hours)| Terms::Hourly {
                    hourly_rate,
                    weekly_limit_hours,
                })
        }
        fixed @ Terms::Fixed { .. } => Some(fixed.clone()),
    };
    let start = r.read(Field::Start, input::date(&text.start));
    let mut payments = Vec::new();
    for (i, (day, amount)) in text.payments.iter().enumerate() {
        let day = r.read(Field::Payment(i, PaymentPart::Date), input::date(day));
        let amount = r.read(Field::Payment(i, PaymentPart::Amount), input::money(amount));
        if let (Some(date), Some(amount)) = (day, amount) {
            payments.push(Payment { date, amount });
        }
    }
    let end = text.end.as_ref().and_then(|e| {
        let date = r.read(Field::EndDate, input::date(&e.date))?;
        Some(End {
            date,
            by: e.by,
            reason: e.reason,
        })
    });
    let feedback = text.feedback.as_ref().and_then(|f| {
        let date = r.read(Field::FeedbackDate, input::date(&f.date));
        let stars = r.read(Field::Stars, input::stars(&f.stars))?;
        Some(Feedback {
            date: date?,
            stars,
            private_score: before.feedback.and_then(|b| b.private_score),
        })
    });
    let contract = terms.zip(start).map(|(terms, start)| Contract {
        id: before.id.clone(),
        client: text.client.clone(),
        title: title_of(&text.title),
        terms,
        start,
        payments,
        refunds: before.refunds.clone(),
        end,
        feedback,
    });
    r.finish(contract)
}

/// One row of the fast table, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowText {
    pub client: String,
    pub title: String,
    /// `hourly` or `fixed` (blank is fixed).
    pub kind: String,
    pub start: String,
    /// Blank: still open.
    pub end: String,
    /// The total earned, paid once on the end date (on the start date while open).
    pub earned: String,
    pub stars: String,
    pub reason: String,
    /// Hourly contracts only; blank is unknown (stored as $0).
    pub rate: String,
}

impl RowText {
    pub fn is_blank(&self) -> bool {
        [
            &self.client,
            &self.title,
            &self.kind,
            &self.start,
            &self.end,
            &self.earned,
            &self.stars,
            &self.reason,
            &self.rate,
        ]
        .iter()
        .all(|t| t.trim().is_empty())
    }
}

fn read_row(
    row: &RowText,
    today: NaiveDate,
    params: &Params,
) -> Result<NewContract, Vec<FieldProblem>> {
    let mut r = Reader::new(params);
    if row.client.trim().is_empty() {
        r.refuse(Field::Client, InputError::Required);
    }
    let hourly = r.read(Field::Kind, input::hourly(&row.kind));
    let start = r.read(Field::Start, input::date(&row.start));
    let end = r.read(Field::EndDate, input::optional(&row.end, input::date));
    if let Some(Some(end)) = end {
        r.past_date(Field::EndDate, end, start, today);
    }
    let earned = r.read(Field::Earned, input::optional(&row.earned, input::money));
    if earned.flatten().is_some_and(|e| e.cents() == 0) {
        r.refuse(Field::Earned, Refusal::ZeroEarned);
    }
    let open = matches!(end, Some(None));
    if let (true, Some(Some(_)), Some(start)) = (open, earned, start) {
        r.check(Field::Start, start > today, || Refusal::InFuture(today));
    }
    let stars = r.read(Field::Stars, input::optional(&row.stars, input::stars));
    r.check(Field::Stars, open && matches!(stars, Some(Some(_))), || {
        Refusal::FeedbackNeedsEnd
    });
    let rate = match (hourly, row.rate.trim()) {
        (_, "") => Some(Money::ZERO),
        (Some(false), _) => {
            r.refuse(Field::HourlyRate, Refusal::RateOnFixed);
            None
        }
        (_, text) => r.read(Field::HourlyRate, input::positive_money(text)),
    };
    let reason = r.read(Field::EndReason, input::end_reason(&row.reason));
    let contract = (|| {
        let (start, end, earned, reason) = (start?, end?, earned?, reason?);
        let terms = if hourly? {
            Terms::Hourly {
                hourly_rate: rate?,
                weekly_limit_hours: None,
            }
        } else {
            Terms::Fixed {
                milestones: Vec::new(),
            }
        };
        let paid_on = end.unwrap_or(start);
        let payments = earned
            .map(|amount| Payment {
                date: paid_on,
                amount,
            })
            .into_iter()
            .collect();
        let ended = Ended {
            date: end,
            reason,
            stars: stars.flatten(),
        };
        Some(ended.contract(&row.title, terms, start, payments))
    })();
    r.finish(contract.map(|contract| NewContract {
        client_name: row.client.trim().to_string(),
        contract,
    }))
}

/// The fast table's field for a problem the whole-contract check found: the one payment is
/// the earned amount, dated on the end (or the start while open).
fn table_field(field: Field, open: bool) -> Field {
    match field {
        Field::Payment(_, PaymentPart::Amount) => Field::Earned,
        Field::Payment(_, PaymentPart::Date) if open => Field::Start,
        Field::Payment(_, PaymentPart::Date) => Field::EndDate,
        Field::FeedbackDate => Field::Stars,
        other => other,
    }
}

/// Reads the fast table's non-blank rows and adds them in one step, or lists every problem
/// by row (its index in `rows`) and field.
pub fn add_rows(
    base: Option<&Scenario>,
    rows: &[RowText],
    today: NaiveDate,
) -> Result<Done, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut read = Vec::new();
    let params = Params::resolve(&base.map_or_else(Rules::default, |s| s.rules.clone()));
    for (index, row) in rows.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        match read_row(row, today, &params) {
            Ok(contract) => read.push((index, contract)),
            Err(found) => {
                problems.extend(found.into_iter().map(|p| FieldProblem { row: index, ..p }))
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let opened: Vec<(usize, bool)> = read
        .iter()
        .map(|(index, new)| (*index, new.contract.end.is_none()))
        .collect();
    let op = Op::AddContracts(read.into_iter().map(|(_, new)| new).collect());
    apply(base, op, today).map_err(|found| {
        let mut problems: Vec<FieldProblem> = Vec::new();
        for p in found {
            let (index, open) = opened.get(p.row).copied().unwrap_or((0, false));
            let moved = FieldProblem {
                row: index,
                field: table_field(p.field, open),
                refusal: p.refusal,
            };
            // One cell may be named twice (the end date and the payment dated on it).
            if !problems.contains(&moved) {
                problems.push(moved);
            }
        }
        problems
    })
}
