//! The user's answers to the unknowns, and the real scenario built from them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use super::detect::normalise;
use super::fields::slug;
use super::{ContractKind, Draft, DraftContract};
use crate::money::Money;
use crate::scenario::parse::{parse_value, Problem, ProblemPlace, FORMAT_NAME, FORMAT_VERSION};
use crate::scenario::{End, Feedback, Payment, Scenario};

/// Whether a contract is open, or how it ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Open,
    /// `feedback: None` means the client left no feedback.
    Ended {
        end: End,
        feedback: Option<Feedback>,
    },
}

/// The answers for one draft contract. `status` is always required; the others are needed
/// only where the draft lists the matching [`super::Unknown`], and override the draft where
/// given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContractAnswer {
    pub status: Option<Status>,
    /// The client's name (required for weekly-summary contracts, which name none). Contracts
    /// whose client names match case-insensitively share one client.
    pub client_name: Option<String>,
    pub title: Option<String>,
    pub kind: Option<ContractKind>,
    pub hourly_rate: Option<Money>,
    pub weekly_limit_hours: Option<u32>,
    /// The real contract start (the draft's is the first payment).
    pub start: Option<NaiveDate>,
    /// Leave the contract out (for example the same work imported through two formats).
    pub skip: bool,
}

/// An answer the files could not give and the user must, named where a draft contract still
/// needs it (see [`ProblemPlace::Answer`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AnswerField {
    Status,
    ClientName,
    Kind,
    HourlyRate,
}

impl AnswerField {
    /// The field's name in a problem's path (`answers.contracts.<id>.client_name`).
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerField::Status => "status",
            AnswerField::ClientName => "client_name",
            AnswerField::Kind => "kind",
            AnswerField::HourlyRate => "hourly_rate",
        }
    }
}

/// Everything the user filled in, contracts keyed by draft contract id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    pub as_of: Option<NaiveDate>,
    pub freelancer_name: Option<String>,
    pub contracts: BTreeMap<String, ContractAnswer>,
}

fn payments_json(payments: &[Payment]) -> Value {
    Value::Array(
        payments
            .iter()
            .map(|p| json!({ "date": p.date.to_string(), "amount": p.amount.to_usd() }))
            .collect(),
    )
}

/// The problem of an answer `field` that draft contract `contract` still needs.
fn missing(contract: &str, field: AnswerField, message: &str) -> Problem {
    Problem {
        path: format!("answers.contracts.{contract}.{}", field.as_str()),
        message: message.to_string(),
        place: ProblemPlace::Answer {
            contract: contract.to_string(),
            field,
        },
    }
}

/// The clients of the scenario being built: draft clients plus those named in answers.
struct Clients {
    /// (id, name) in order of first use.
    list: Vec<(String, String)>,
    by_name: BTreeMap<String, String>,
}

impl Clients {
    fn id_for(&mut self, name: &str, preferred_id: Option<&str>) -> String {
        let key = normalise(name);
        if let Some(id) = self.by_name.get(&key) {
            return id.clone();
        }
        let base = preferred_id
            .map(str::to_string)
            .unwrap_or_else(|| slug(name, "client"));
        let mut id = base.clone();
        let mut n = 2u32;
        while self.list.iter().any(|(used, _)| *used == id) {
            id = format!("{base}-{n}");
            n = n.saturating_add(1);
        }
        self.list.push((id.clone(), name.to_string()));
        self.by_name.insert(key, id.clone());
        id
    }
}

impl Draft {
    /// Builds the scenario once the user has answered the unknowns. Missing answers are
    /// reported at `answers.contracts.<id>.<field>` ([`ProblemPlace::Answer`]); everything
    /// else is validated by the v1 parser, so its problems carry v1 paths
    /// (`contracts[2].end.date`, [`ProblemPlace::Contract`], indexed among the contracts not
    /// skipped). Scheduled earnings are left out: they have not been paid.
    pub fn to_scenario(&self, answers: &Answers) -> Result<Scenario, Vec<Problem>> {
        self.to_scenario_value(answers)
            .and_then(|value| parse_value(&value))
    }

    /// The v1 JSON that [`Draft::to_scenario`] validates.
    pub fn to_scenario_value(&self, answers: &Answers) -> Result<Value, Vec<Problem>> {
        let mut problems = Vec::new();
        for id in answers.contracts.keys() {
            if !self.contracts.iter().any(|c| c.id == *id) {
                problems.push(Problem {
                    path: format!("answers.contracts.{id}"),
                    message: "names no draft contract".to_string(),
                    place: ProblemPlace::StrayAnswer {
                        contract: id.clone(),
                    },
                });
            }
        }
        let mut clients = Clients {
            list: Vec::new(),
            by_name: BTreeMap::new(),
        };
        let default_answer = ContractAnswer::default();
        let mut contracts = Vec::new();
        for contract in &self.contracts {
            let answer = answers
                .contracts
                .get(&contract.id)
                .unwrap_or(&default_answer);
            if answer.skip {
                continue;
            }
            match self.contract_value(contract, answer, &mut clients) {
                Ok(value) => contracts.push(value),
                Err(mut more) => problems.append(&mut more),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut document = Map::new();
        document.insert("format".into(), json!(FORMAT_NAME));
        document.insert("version".into(), json!(FORMAT_VERSION));
        if let Some(as_of) = answers.as_of {
            document.insert("as_of".into(), json!(as_of.to_string()));
        }
        if let Some(name) = &answers.freelancer_name {
            document.insert("freelancer".into(), json!({ "name": name }));
        }
        let clients: Vec<Value> = clients
            .list
            .iter()
            .map(|(id, name)| json!({ "id": id, "name": name, "flagged": false }))
            .collect();
        document.insert("clients".into(), Value::Array(clients));
        document.insert("contracts".into(), Value::Array(contracts));
        Ok(Value::Object(document))
    }

    fn contract_value(
        &self,
        contract: &DraftContract,
        answer: &ContractAnswer,
        clients: &mut Clients,
    ) -> Result<Value, Vec<Problem>> {
        let mut problems = Vec::new();
        let client = match (&answer.client_name, &contract.client_name) {
            (Some(name), _) if !name.trim().is_empty() => Some(clients.id_for(name.trim(), None)),
            (_, Some(name)) => Some(clients.id_for(name, contract.client.as_deref())),
            _ => {
                problems.push(missing(
                    &contract.id,
                    AnswerField::ClientName,
                    "is required: the files do not name this contract's client",
                ));
                None
            }
        };
        let kind = answer.kind.or(contract.kind);
        if kind.is_none() {
            problems.push(missing(
                &contract.id,
                AnswerField::Kind,
                "is required: the rows do not say hourly or fixed-price",
            ));
        }
        let rate = answer.hourly_rate.or(contract.hourly_rate);
        if kind == Some(ContractKind::Hourly) && rate.is_none() {
            problems.push(missing(
                &contract.id,
                AnswerField::HourlyRate,
                "is required: the rows show no hourly rate",
            ));
        }
        let Some(status) = answer.status else {
            problems.push(missing(
                &contract.id,
                AnswerField::Status,
                "is required: the files cannot say whether the contract is open or ended",
            ));
            return Err(problems);
        };
        let (Some(client), Some(kind)) = (client, kind) else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut value = Map::new();
        value.insert("id".into(), json!(contract.id));
        value.insert("client".into(), json!(client));
        if let Some(title) = answer.title.as_ref().or(contract.title.as_ref()) {
            value.insert("title".into(), json!(title));
        }
        value.insert("type".into(), json!(kind.as_str()));
        if kind == ContractKind::Hourly {
            if let Some(rate) = rate {
                value.insert("hourly_rate".into(), json!(rate.to_usd()));
            }
            if let Some(limit) = answer.weekly_limit_hours {
                value.insert("weekly_limit_hours".into(), json!(limit));
            }
        }
        let start = answer.start.unwrap_or(contract.start);
        value.insert("start".into(), json!(start.to_string()));
        value.insert("payments".into(), payments_json(&contract.payments));
        value.insert("refunds".into(), payments_json(&contract.refunds));
        value.insert("milestones".into(), json!([]));
        let (end, feedback) = match status {
            Status::Open => (Value::Null, Value::Null),
            Status::Ended { end, feedback } => {
                let end_value = json!({
                    "date": end.date.to_string(),
                    "by": end.by.as_str(),
                    "reason": end.reason.as_str(),
                });
                let feedback_value = match feedback {
                    None => Value::Null,
                    Some(feedback) => {
                        let mut map = Map::new();
                        map.insert("date".into(), json!(feedback.date.to_string()));
                        map.insert("stars".into(), json!(feedback.stars.as_f64()));
                        if let Some(score) = feedback.private_score {
                            map.insert("private_score".into(), json!(score));
                        }
                        Value::Object(map)
                    }
                };
                (end_value, feedback_value)
            }
        };
        value.insert("end".into(), end);
        value.insert("feedback".into(), feedback);
        Ok(Value::Object(value))
    }
}
