//! Builders for JSS tests: scenarios straight from the domain types, terse enough for tables.
#![allow(dead_code)]

use chrono::NaiveDate;
use jss_engine::money::Money;
use jss_engine::rules::{Era, ParamValue, Rules};
use jss_engine::scenario::{
    Client, Contract, End, EndReason, Feedback, Party, Payment, Scenario, Stars, Terms,
};

/// `d("2026-11-27")`; panics only on a typo in a test literal.
pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date literal")
}

pub fn usd(amount: f64) -> Money {
    Money::from_usd(amount).expect("test amount literal")
}

/// A scenario whose clients are created from the contracts' client ids (none flagged).
pub fn scenario(era: Era, contracts: Vec<Contract>) -> Scenario {
    let mut clients: Vec<Client> = Vec::new();
    for c in &contracts {
        if !clients.iter().any(|k| k.id == c.client) {
            clients.push(Client {
                id: c.client.clone(),
                name: c.client.to_uppercase(),
                flagged: false,
            });
        }
    }
    Scenario {
        as_of: None,
        rules: Rules {
            era,
            overrides: Default::default(),
        },
        freelancer_name: None,
        clients,
        contracts,
    }
}

pub fn with_override(mut s: Scenario, name: &str, value: ParamValue) -> Scenario {
    s.rules.overrides.insert(name.to_owned(), value);
    s
}

pub fn flag(mut s: Scenario, client: &str) -> Scenario {
    for c in &mut s.clients {
        if c.id == client {
            c.flagged = true;
        }
    }
    s
}

/// An hourly contract with no payments, open.
pub fn contract(id: &str, client: &str, start: &str) -> Contract {
    Contract {
        id: id.to_owned(),
        client: client.to_owned(),
        title: None,
        terms: Terms::Hourly {
            hourly_rate: usd(40.0),
            weekly_limit_hours: None,
        },
        start: d(start),
        payments: vec![],
        refunds: vec![],
        end: None,
        feedback: None,
    }
}

pub trait ContractExt: Sized {
    fn pay(self, date: &str, amount: f64) -> Self;
    fn refund(self, date: &str, amount: f64) -> Self;
    fn end_by(self, date: &str, by: Party, reason: EndReason) -> Self;
    fn stars(self, date: &str, stars: f64) -> Self;
    /// Ended by the client as completed.
    fn end(self, date: &str) -> Self {
        self.end_by(date, Party::Client, EndReason::Completed)
    }
    /// Ended on `date` with feedback the same day.
    fn rated(self, date: &str, stars: f64) -> Self {
        self.end(date).stars(date, stars)
    }
    /// One payment every `every_days` days from `first` through `last`, each of `amount`.
    fn pay_every(self, first: &str, last: &str, every_days: u64, amount: f64) -> Self;
}

impl ContractExt for Contract {
    fn pay(mut self, date: &str, amount: f64) -> Self {
        self.payments.push(Payment {
            date: d(date),
            amount: usd(amount),
        });
        self
    }
    fn refund(mut self, date: &str, amount: f64) -> Self {
        self.refunds.push(Payment {
            date: d(date),
            amount: usd(amount),
        });
        self
    }
    fn end_by(mut self, date: &str, by: Party, reason: EndReason) -> Self {
        self.end = Some(End {
            date: d(date),
            by,
            reason,
        });
        self
    }
    fn stars(mut self, date: &str, stars: f64) -> Self {
        self.feedback = Some(Feedback {
            date: d(date),
            stars: Stars::from_f64(stars).expect("test stars literal"),
            private_score: None,
        });
        self
    }
    fn pay_every(mut self, first: &str, last: &str, every_days: u64, amount: f64) -> Self {
        let mut day = d(first);
        while day <= d(last) {
            self.payments.push(Payment {
                date: day,
                amount: usd(amount),
            });
            day = day + chrono::Days::new(every_days);
        }
        self
    }
}

/// A short finished job: started 30 days before `end`, paid `amount` at the end, rated `stars`.
pub fn job(id: &str, client: &str, end: &str, amount: f64, stars: f64) -> Contract {
    let start = d(end) - chrono::Days::new(30);
    contract(id, client, &start.to_string())
        .pay(end, amount)
        .rated(end, stars)
}
