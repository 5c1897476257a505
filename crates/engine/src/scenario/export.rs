//! Export the interchange format v1.
//!
//! The output is pretty-printed JSON with keys in the canonical order of the format's example,
//! so exporting is a fixed point: `export(parse(export(s))) == export(s)` byte for byte. The
//! order comes from the field order of the private serialisation structs below, not from a map.
//!
//! Canonical choices: `as_of`, `freelancer` and a contract's `title` and `weekly_limit_hours`
//! are omitted when absent; `rules` always carries `era`; `payments`, `refunds` and
//! `milestones` are always written (hourly contracts carry `"milestones": []`, as in the
//! format's example); every milestone date is written, `null` when unset.

use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::money::Money;
use crate::rules::{ParamValue, Rules};
use crate::scenario::parse::{FORMAT_NAME, FORMAT_VERSION};
use crate::scenario::{Client, Contract, End, Feedback, Milestone, Payment, Scenario, Terms};

/// The scenario as pretty JSON in canonical key order, ending without a newline.
pub fn to_json_string(scenario: &Scenario) -> String {
    let document = Document::from(scenario);
    // Serialising these plain structs cannot fail: every map key is a string and no value is
    // a non-finite float (money and stars are integers underneath; parameter values were
    // validated). The fallback keeps the function total rather than panicking.
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// The scenario as a JSON value with the same content as [`to_json_string`], for the app's
/// storage boundary, which keeps the scenario inside its saved payload: building the value
/// directly skips writing and reading back a text of several megabytes for a long history.
pub fn to_json_value(scenario: &Scenario) -> serde_json::Value {
    // As above, serialising these structs cannot fail; `Null` keeps the function total.
    serde_json::to_value(Document::from(scenario)).unwrap_or(serde_json::Value::Null)
}

fn usd<S: Serializer>(money: &Money, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(money.to_usd())
}

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<NaiveDate>,
    rules: RulesOut<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    freelancer: Option<FreelancerOut<'a>>,
    clients: Vec<ClientOut<'a>>,
    contracts: Vec<ContractOut<'a>>,
}

impl<'a> From<&'a Scenario> for Document<'a> {
    fn from(scenario: &'a Scenario) -> Self {
        Document {
            format: FORMAT_NAME,
            version: FORMAT_VERSION,
            as_of: scenario.as_of,
            rules: RulesOut(&scenario.rules),
            freelancer: scenario
                .freelancer_name
                .as_deref()
                .map(|name| FreelancerOut { name }),
            clients: scenario.clients.iter().map(ClientOut::from).collect(),
            contracts: scenario.contracts.iter().map(ContractOut::from).collect(),
        }
    }
}

/// `era` first, then the overrides in name order.
struct RulesOut<'a>(&'a Rules);

impl Serialize for RulesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1 + self.0.overrides.len()))?;
        map.serialize_entry("era", self.0.era.as_str())?;
        for (name, value) in &self.0.overrides {
            match value {
                ParamValue::Bool(flag) => map.serialize_entry(name, flag)?,
                ParamValue::Number(number) => map.serialize_entry(name, number)?,
            }
        }
        map.end()
    }
}

#[derive(Serialize)]
struct FreelancerOut<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct ClientOut<'a> {
    id: &'a str,
    name: &'a str,
    flagged: bool,
}

impl<'a> From<&'a Client> for ClientOut<'a> {
    fn from(client: &'a Client) -> Self {
        ClientOut {
            id: &client.id,
            name: &client.name,
            flagged: client.flagged,
        }
    }
}

#[derive(Serialize)]
struct ContractOut<'a> {
    id: &'a str,
    client: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "optional_usd"
    )]
    hourly_rate: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weekly_limit_hours: Option<u32>,
    start: NaiveDate,
    payments: Vec<PaymentOut>,
    refunds: Vec<PaymentOut>,
    milestones: Vec<MilestoneOut<'a>>,
    end: Option<EndOut>,
    feedback: Option<FeedbackOut>,
}

fn optional_usd<S: Serializer>(money: &Option<Money>, serializer: S) -> Result<S::Ok, S::Error> {
    match money {
        Some(money) => usd(money, serializer),
        None => serializer.serialize_none(),
    }
}

/// The format's `type`, `hourly_rate`, `weekly_limit_hours` and `milestones` of a contract's
/// terms (the compact form of `scenario::compact` writes the same fields).
pub(crate) fn terms_fields(
    terms: &Terms,
) -> (&'static str, Option<Money>, Option<u32>, &[Milestone]) {
    match terms {
        Terms::Hourly {
            hourly_rate,
            weekly_limit_hours,
        } => ("hourly", Some(*hourly_rate), *weekly_limit_hours, &[]),
        Terms::Fixed { milestones } => ("fixed", None, None, milestones),
    }
}

impl<'a> From<&'a Contract> for ContractOut<'a> {
    fn from(contract: &'a Contract) -> Self {
        let (kind, hourly_rate, weekly_limit_hours, milestones) = terms_fields(&contract.terms);
        ContractOut {
            id: &contract.id,
            client: &contract.client,
            title: contract.title.as_deref(),
            kind,
            hourly_rate,
            weekly_limit_hours,
            start: contract.start,
            payments: contract.payments.iter().map(PaymentOut::from).collect(),
            refunds: contract.refunds.iter().map(PaymentOut::from).collect(),
            milestones: milestones.iter().map(MilestoneOut::from).collect(),
            end: contract.end.as_ref().map(EndOut::from),
            feedback: contract.feedback.as_ref().map(FeedbackOut::from),
        }
    }
}

#[derive(Serialize)]
struct PaymentOut {
    date: NaiveDate,
    #[serde(serialize_with = "usd")]
    amount: Money,
}

impl From<&Payment> for PaymentOut {
    fn from(payment: &Payment) -> Self {
        PaymentOut {
            date: payment.date,
            amount: payment.amount,
        }
    }
}

#[derive(Serialize)]
struct MilestoneOut<'a> {
    id: &'a str,
    #[serde(serialize_with = "usd")]
    amount: Money,
    funded: Option<NaiveDate>,
    due: Option<NaiveDate>,
    submitted: Option<NaiveDate>,
    released: Option<NaiveDate>,
    refunded: Option<NaiveDate>,
}

impl<'a> From<&'a Milestone> for MilestoneOut<'a> {
    fn from(milestone: &'a Milestone) -> Self {
        MilestoneOut {
            id: &milestone.id,
            amount: milestone.amount,
            funded: milestone.funded,
            due: milestone.due,
            submitted: milestone.submitted,
            released: milestone.released,
            refunded: milestone.refunded,
        }
    }
}

#[derive(Serialize)]
struct EndOut {
    date: NaiveDate,
    by: &'static str,
    reason: &'static str,
}

impl From<&End> for EndOut {
    fn from(end: &End) -> Self {
        EndOut {
            date: end.date,
            by: end.by.as_str(),
            reason: end.reason.as_str(),
        }
    }
}

#[derive(Serialize)]
struct FeedbackOut {
    date: NaiveDate,
    stars: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    private_score: Option<u8>,
}

impl From<&Feedback> for FeedbackOut {
    fn from(feedback: &Feedback) -> Self {
        FeedbackOut {
            date: feedback.date,
            stars: feedback.stars.as_f64(),
            private_score: feedback.private_score,
        }
    }
}
