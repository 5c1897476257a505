//! Parse the interchange format v1.
//!
//! The text is read into a `serde_json::Value` first and then walked by hand, so that a bad
//! file yields *every* problem at once, each with the path of the field it concerns
//! (`contracts[3].feedbak`, `clients[0].id`, `rules.positive_min_stars`). A file with any
//! problem is rejected as a whole.
//!
//! Choices where `SCENARIO_FORMAT.md` is silent:
//! - `null` for an optional field means "absent"; `null` for a required field is "is required".
//! - A client's `name` is optional (empty when absent) and `flagged` defaults to `false`.
//! - `payments`, `refunds` and `milestones` default to empty lists. An hourly contract may carry
//!   `"milestones": []` (the format's own example does), but not a non-empty list.
//! - `hourly_rate` is required on hourly contracts; `weekly_limit_hours` is optional, a whole
//!   number of hours from 0 to 168.
//! - Milestone ids are unique within their contract. A milestone amount must also meet the
//!   minimum of `MODEL.md` §2 (`min_milestone_usd`). A milestone is released or refunded, not
//!   both, and only once funded; its submission, release and refund are not before its funding.
//! - Feedback is only allowed on an ended contract (it is end-of-contract feedback), within the
//!   scenario's `feedback_window_days` of the end.
//! - The limits above are the scenario's own rules (its `rules`, resolved); when `rules` itself
//!   has a problem, the era's defaults stand in, so the rest of the file is still checked.
//! - A name in [`crate::rules::RETIRED_PARAMS`] is accepted in `rules` and left out, so files
//!   written before it left the catalog keep loading.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::csv_import::AnswerField;
use crate::ledger::WEEK_HOURS;
use crate::money::{Money, MoneyError};
use crate::rules::{check_param, Era, Params, Rules, RETIRED_PARAMS};
use crate::scenario::{
    Client, Contract, End, EndReason, Feedback, Milestone, Party, Payment, Scenario, Stars, Terms,
};

/// The value of `format`.
pub const FORMAT_NAME: &str = "jss-lab.scenario";
/// The only supported value of `version`.
pub const FORMAT_VERSION: u64 = 1;
/// The most hours a weekly limit can hold: every hour of the week.
pub const WEEKLY_LIMIT_HOURS_MAX: u64 = WEEK_HOURS as u64;

/// One thing wrong with a scenario file, at the path of the field it concerns.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// `contracts[3].feedback.stars`; empty for the document itself.
    pub path: String,
    /// A sentence fragment that follows the path: "is required".
    pub message: String,
    /// The same place, typed, so that a screen can show the problem at the thing it concerns
    /// without reading `path`.
    pub place: ProblemPlace,
}

/// Where a [`Problem`] is, as far as a screen needs to know.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProblemPlace {
    /// Outside every contract: the document itself, its header, rules, freelancer or clients.
    Document,
    /// Inside the contract at `index` of the file's `contracts`. `within` is the path below
    /// the contract (`end.date`), empty for the contract as a whole.
    Contract { index: usize, within: String },
    /// An answer that a draft contract of a CSV import still needs, by the draft's id.
    Answer {
        contract: String,
        field: AnswerField,
    },
    /// Answers given for a draft contract id that the draft does not have.
    StrayAnswer { contract: String },
}

impl ProblemPlace {
    /// What inside a contract the problem concerns, in words (`end.date` reads "end date",
    /// `milestones[0].funded` "milestones[0] funded"); `None` outside a contract and for the
    /// contract as a whole.
    pub fn within_words(&self) -> Option<String> {
        match self {
            ProblemPlace::Contract { within, .. } if !within.is_empty() => {
                Some(within.replace(['.', '_'], " "))
            }
            _ => None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// All problems, one per line, in the order they were found.
pub fn format_problems(problems: &[Problem]) -> String {
    let mut text = String::new();
    for problem in problems {
        text.push_str(&problem.to_string());
        text.push('\n');
    }
    text
}

/// Parses a scenario, listing every problem when the text is not a valid v1 scenario.
pub fn parse_str(text: &str) -> Result<Scenario, Vec<Problem>> {
    parse_value(&read_json(text)?)
}

/// The first half of [`parse_str`]: the text read as JSON, or the one problem saying where it
/// is not JSON. The app lets the page paint between the halves when a file is large.
pub fn read_json(text: &str) -> Result<Value, Vec<Problem>> {
    serde_json::from_str(text).map_err(|error| {
        vec![Problem {
            path: String::new(),
            message: format!("is not valid JSON: {error}"),
            place: ProblemPlace::Document,
        }]
    })
}

/// Parses a scenario already read as JSON.
pub fn parse_value(value: &Value) -> Result<Scenario, Vec<Problem>> {
    let mut walker = Walker::default();
    let scenario = walker.scenario(value);
    match scenario {
        Some(scenario) if walker.problems.is_empty() => Ok(scenario),
        _ => Err(walker.problems),
    }
}

fn field(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn item(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// Collects problems while walking the document. Each reader returns `None` when the value is
/// unusable (and has recorded why), so that callers can keep walking the rest of the file.
struct Walker {
    problems: Vec<Problem>,
    /// While a contract is walked: its index and its path, which begins the path of every
    /// problem found inside it.
    in_contract: Option<(usize, String)>,
    /// The scenario's rules, once read: the limits its contracts are checked against.
    params: Params,
}

impl Default for Walker {
    fn default() -> Walker {
        Walker {
            problems: Vec::new(),
            in_contract: None,
            params: Params::resolve(&Rules::default()),
        }
    }
}

impl Walker {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        let place = self
            .in_contract
            .as_ref()
            .and_then(|(index, prefix)| {
                let within = path.strip_prefix(prefix.as_str())?;
                Some(ProblemPlace::Contract {
                    index: *index,
                    within: within.trim_start_matches('.').to_string(),
                })
            })
            .unwrap_or(ProblemPlace::Document);
        self.problems.push(Problem {
            path: path.to_string(),
            message: message.into(),
            place,
        });
    }

    fn object<'v>(
        &mut self,
        path: &str,
        value: &'v Value,
        keys: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(map) = value.as_object() else {
            self.problem(path, "must be an object");
            return None;
        };
        for key in map.keys() {
            if !keys.contains(&key.as_str()) {
                self.problem(&field(path, key), "is not a known field");
            }
        }
        Some(map)
    }

    /// A field that must be present and not `null`.
    fn required<'v>(
        &mut self,
        path: &str,
        map: &'v Map<String, Value>,
        key: &str,
    ) -> Option<&'v Value> {
        match map.get(key) {
            Some(Value::Null) | None => {
                self.problem(&field(path, key), "is required");
                None
            }
            Some(value) => Some(value),
        }
    }

    fn string(&mut self, path: &str, value: &Value) -> Option<String> {
        let Some(text) = value.as_str() else {
            self.problem(path, "must be a string");
            return None;
        };
        Some(text.to_string())
    }

    fn id(&mut self, path: &str, map: &Map<String, Value>, key: &str) -> Option<String> {
        let value = self.required(path, map, key)?;
        let path = field(path, key);
        let text = self.string(&path, value)?;
        if text.is_empty() {
            self.problem(&path, "must not be empty");
            return None;
        }
        Some(text)
    }

    fn optional_string(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        key: &str,
    ) -> Option<Option<String>> {
        match map.get(key) {
            Some(Value::Null) | None => Some(None),
            Some(value) => self.string(&field(path, key), value).map(Some),
        }
    }

    fn date(&mut self, path: &str, value: &Value) -> Option<NaiveDate> {
        let parsed = value.as_str().and_then(crate::scenario::input::iso_date);
        if parsed.is_none() {
            self.problem(path, "must be a date written YYYY-MM-DD");
        }
        parsed
    }

    fn required_date(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        key: &str,
    ) -> Option<NaiveDate> {
        let value = self.required(path, map, key)?;
        self.date(&field(path, key), value)
    }

    /// `Some(None)` when absent or `null`, `None` when present and invalid.
    fn optional_date(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        key: &str,
    ) -> Option<Option<NaiveDate>> {
        match map.get(key) {
            Some(Value::Null) | None => Some(None),
            Some(value) => self.date(&field(path, key), value).map(Some),
        }
    }

    fn money(&mut self, path: &str, value: &Value) -> Option<Money> {
        let Some(number) = value.as_f64() else {
            self.problem(path, "must be a number of US dollars");
            return None;
        };
        if number < 0.0 {
            self.problem(path, "must not be negative");
            return None;
        }
        match Money::from_usd(number) {
            Ok(money) => Some(money),
            Err(MoneyError::TooLarge) => {
                self.problem(path, "must be below 1,000,000,000");
                None
            }
            Err(error) => {
                self.problem(path, error.to_string());
                None
            }
        }
    }

    fn required_money(&mut self, path: &str, map: &Map<String, Value>, key: &str) -> Option<Money> {
        let value = self.required(path, map, key)?;
        self.money(&field(path, key), value)
    }

    fn array<'v>(
        &mut self,
        path: &str,
        map: &'v Map<String, Value>,
        key: &str,
    ) -> Option<&'v [Value]> {
        match map.get(key) {
            Some(Value::Null) | None => Some(&[]),
            Some(Value::Array(items)) => Some(items),
            Some(_) => {
                self.problem(&field(path, key), "must be a list");
                None
            }
        }
    }

    /// Reports an id already used earlier in the same list. It reads the raw value, so a
    /// repeat is found even when either item has other problems.
    fn unique_id(
        &mut self,
        seen: &mut BTreeMap<String, usize>,
        list: &str,
        path: &str,
        index: usize,
        value: &Value,
    ) {
        let Some(id) = value
            .get("id")
            .and_then(Value::as_str)
            .filter(|id| !id.is_empty())
        else {
            return;
        };
        match seen.entry(id.to_string()) {
            Entry::Occupied(first) => {
                let message = format!("repeats the id of {list}[{}]", first.get());
                self.problem(&field(path, "id"), message);
            }
            Entry::Vacant(slot) => {
                slot.insert(index);
            }
        }
    }

    fn not_before(&mut self, path: &str, date: NaiveDate, earliest: NaiveDate, what: &str) {
        if date < earliest {
            self.problem(path, format!("is before the {what} ({earliest})"));
        }
    }

    fn scenario(&mut self, value: &Value) -> Option<Scenario> {
        let keys = [
            "format",
            "version",
            "as_of",
            "rules",
            "freelancer",
            "clients",
            "contracts",
        ];
        let map = self.object("", value, &keys)?;
        self.header(map);
        let as_of = self.optional_date("", map, "as_of");
        let rules = match map.get("rules") {
            Some(Value::Null) | None => Some(Rules::default()),
            Some(value) => self.rules(value),
        };
        if let Some(rules) = &rules {
            self.params = Params::resolve(rules);
        }
        let freelancer_name = self.freelancer(map);
        let clients = self.clients(map);
        // Contracts are checked against every client id that is itself valid, even when the
        // client has other problems, so one mistake is not reported twice.
        let client_ids: BTreeSet<String> = map
            .get("clients")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|client| client.get("id").and_then(Value::as_str))
            .filter(|id| !id.is_empty())
            .map(str::to_string)
            .collect();
        let era = rules.as_ref().map(|r| r.era);
        let contracts = self.contracts(map, &client_ids, era);
        Some(Scenario {
            as_of: as_of?,
            rules: rules?,
            freelancer_name: freelancer_name?,
            clients: clients?.into_iter().collect::<Option<Vec<_>>>()?,
            contracts: contracts?,
        })
    }

    fn header(&mut self, map: &Map<String, Value>) {
        match map.get("format") {
            Some(Value::String(name)) if name == FORMAT_NAME => {}
            Some(Value::Null) | None => self.problem("format", "is required"),
            Some(_) => self.problem("format", format!("must be \"{FORMAT_NAME}\"")),
        }
        match map.get("version") {
            Some(version) if version.as_u64() == Some(FORMAT_VERSION) => {}
            Some(Value::Null) | None => self.problem("version", "is required"),
            Some(_) => self.problem("version", format!("must be {FORMAT_VERSION}")),
        }
    }

    fn rules(&mut self, value: &Value) -> Option<Rules> {
        let Some(map) = value.as_object() else {
            self.problem("rules", "must be an object");
            return None;
        };
        let mut rules = Rules::default();
        let mut valid = true;
        for (key, value) in map {
            let path = field("rules", key);
            if key == "era" {
                match value.as_str().and_then(Era::parse) {
                    Some(era) => rules.era = era,
                    None => {
                        self.problem(&path, "must be \"current\", \"y2020\" or \"legacy\"");
                        valid = false;
                    }
                }
                continue;
            }
            if RETIRED_PARAMS.contains(&key.as_str()) {
                continue;
            }
            match check_param(key, value) {
                Ok(param) => {
                    rules.overrides.insert(key.clone(), param);
                }
                Err(message) => {
                    self.problem(&path, message);
                    valid = false;
                }
            }
        }
        valid.then_some(rules)
    }

    fn freelancer(&mut self, map: &Map<String, Value>) -> Option<Option<String>> {
        match map.get("freelancer") {
            Some(Value::Null) | None => Some(None),
            Some(value) => {
                let freelancer = self.object("freelancer", value, &["name"])?;
                self.optional_string("freelancer", freelancer, "name")
            }
        }
    }

    fn clients(&mut self, map: &Map<String, Value>) -> Option<Vec<Option<Client>>> {
        let items = self.array("", map, "clients")?;
        let mut seen = BTreeMap::new();
        let mut clients = Vec::with_capacity(items.len());
        for (index, value) in items.iter().enumerate() {
            let path = item("clients", index);
            let client = self.client(&path, value);
            self.unique_id(&mut seen, "clients", &path, index, value);
            clients.push(client);
        }
        Some(clients)
    }

    fn client(&mut self, path: &str, value: &Value) -> Option<Client> {
        let map = self.object(path, value, &["id", "name", "flagged"])?;
        let id = self.id(path, map, "id");
        let name = self.optional_string(path, map, "name");
        let flagged = match map.get("flagged") {
            Some(Value::Null) | None => Some(false),
            Some(Value::Bool(flagged)) => Some(*flagged),
            Some(_) => {
                self.problem(&field(path, "flagged"), "must be true or false");
                None
            }
        };
        Some(Client {
            id: id?,
            name: name?.unwrap_or_default(),
            flagged: flagged?,
        })
    }

    fn contracts(
        &mut self,
        map: &Map<String, Value>,
        client_ids: &BTreeSet<String>,
        era: Option<Era>,
    ) -> Option<Vec<Contract>> {
        let items = self.array("", map, "contracts")?;
        let mut seen = BTreeMap::new();
        let mut contracts = Vec::with_capacity(items.len());
        let mut valid = true;
        for (index, value) in items.iter().enumerate() {
            let path = item("contracts", index);
            self.in_contract = Some((index, path.clone()));
            let contract = self.contract(&path, value, client_ids, era);
            self.unique_id(&mut seen, "contracts", &path, index, value);
            self.in_contract = None;
            match contract {
                Some(contract) => contracts.push(contract),
                None => valid = false,
            }
        }
        valid.then_some(contracts)
    }
}

/// The keys a contract may carry, in the format's canonical order.
pub const CONTRACT_KEYS: [&str; 12] = [
    "id",
    "client",
    "title",
    "type",
    "hourly_rate",
    "weekly_limit_hours",
    "start",
    "payments",
    "refunds",
    "milestones",
    "end",
    "feedback",
];

impl Walker {
    fn contract(
        &mut self,
        path: &str,
        value: &Value,
        client_ids: &BTreeSet<String>,
        era: Option<Era>,
    ) -> Option<Contract> {
        let map = self.object(path, value, &CONTRACT_KEYS)?;
        let id = self.id(path, map, "id");
        let client = self.id(path, map, "client");
        if let Some(client) = &client {
            if !client_ids.contains(client) {
                self.problem(
                    &field(path, "client"),
                    format!("names no client (\"{client}\")"),
                );
            }
        }
        let title = self.optional_string(path, map, "title");
        let start = self.required_date(path, map, "start");
        let terms = self.terms(path, map, start);
        let payments = self.payments(path, map, "payments", start);
        let refunds = self.payments(path, map, "refunds", start);
        let end = self.end(path, map, start);
        let feedback = self.feedback(path, map, end.flatten(), era);
        Some(Contract {
            id: id?,
            client: client?,
            title: title?,
            terms: terms?,
            start: start?,
            payments: payments?,
            refunds: refunds?,
            end: end?,
            feedback: feedback?,
        })
    }

    fn terms(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        start: Option<NaiveDate>,
    ) -> Option<Terms> {
        let kind = self.required(path, map, "type")?;
        match kind.as_str() {
            Some("hourly") => self.hourly_terms(path, map),
            Some("fixed") => self.fixed_terms(path, map, start),
            _ => {
                self.problem(&field(path, "type"), "must be \"hourly\" or \"fixed\"");
                None
            }
        }
    }

    fn hourly_terms(&mut self, path: &str, map: &Map<String, Value>) -> Option<Terms> {
        let hourly_rate = self.required_money(path, map, "hourly_rate");
        let weekly_limit_hours = match map.get("weekly_limit_hours") {
            Some(Value::Null) | None => Some(None),
            Some(value) => match value.as_u64().filter(|h| *h <= WEEKLY_LIMIT_HOURS_MAX) {
                Some(hours) => u32::try_from(hours).ok().map(Some),
                None => {
                    let message = format!(
                        "must be a whole number of hours from 0 to {WEEKLY_LIMIT_HOURS_MAX}"
                    );
                    self.problem(&field(path, "weekly_limit_hours"), message);
                    None
                }
            },
        };
        let milestones_given = map
            .get("milestones")
            .and_then(Value::as_array)
            .is_some_and(|m| !m.is_empty());
        if milestones_given {
            self.problem(
                &field(path, "milestones"),
                "is only allowed on fixed-price contracts",
            );
            return None;
        }
        Some(Terms::Hourly {
            hourly_rate: hourly_rate?,
            weekly_limit_hours: weekly_limit_hours?,
        })
    }

    fn fixed_terms(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        start: Option<NaiveDate>,
    ) -> Option<Terms> {
        let mut valid = true;
        for key in ["hourly_rate", "weekly_limit_hours"] {
            if map.contains_key(key) {
                self.problem(&field(path, key), "is only allowed on hourly contracts");
                valid = false;
            }
        }
        let items = self.array(path, map, "milestones")?;
        let mut seen = BTreeMap::new();
        let mut milestones = Vec::with_capacity(items.len());
        for (index, value) in items.iter().enumerate() {
            let milestone_path = item(&field(path, "milestones"), index);
            let milestone = self.milestone(&milestone_path, value, start);
            self.unique_id(&mut seen, "milestones", &milestone_path, index, value);
            match milestone {
                Some(milestone) => milestones.push(milestone),
                None => valid = false,
            }
        }
        valid.then_some(Terms::Fixed { milestones })
    }

    fn milestone(
        &mut self,
        path: &str,
        value: &Value,
        start: Option<NaiveDate>,
    ) -> Option<Milestone> {
        let keys = [
            "id",
            "amount",
            "funded",
            "due",
            "submitted",
            "released",
            "refunded",
        ];
        let map = self.object(path, value, &keys)?;
        let id = self.id(path, map, "id");
        let amount = self.required_money(path, map, "amount");
        let minimum = self.params.min_milestone;
        if amount.is_some_and(|a| a < minimum) {
            let message = format!("is below the {minimum} milestone minimum");
            self.problem(&field(path, "amount"), message);
        }
        let mut dates = [None; 5];
        let mut valid = true;
        for (slot, key) in
            dates
                .iter_mut()
                .zip(["funded", "due", "submitted", "released", "refunded"])
        {
            match self.optional_date(path, map, key) {
                Some(date) => *slot = date,
                None => valid = false,
            }
            if let (Some(date), Some(start)) = (*slot, start) {
                self.not_before(&field(path, key), date, start, "contract's start");
            }
        }
        let [funded, due, submitted, released, refunded] = dates;
        self.milestone_order(path, funded, submitted, released, refunded);
        if !valid {
            return None;
        }
        Some(Milestone {
            id: id?,
            amount: amount?,
            funded,
            due,
            submitted,
            released,
            refunded,
        })
    }

    fn milestone_order(
        &mut self,
        path: &str,
        funded: Option<NaiveDate>,
        submitted: Option<NaiveDate>,
        released: Option<NaiveDate>,
        refunded: Option<NaiveDate>,
    ) {
        if released.is_some() && refunded.is_some() {
            self.problem(
                &field(path, "refunded"),
                "cannot be set together with released",
            );
        }
        for (key, date) in [
            ("submitted", submitted),
            ("released", released),
            ("refunded", refunded),
        ] {
            let Some(date) = date else { continue };
            match funded {
                Some(funded) => {
                    self.not_before(&field(path, key), date, funded, "milestone's funding")
                }
                None if key != "submitted" => {
                    self.problem(&field(path, key), "needs the milestone funded first")
                }
                None => {}
            }
        }
    }

    fn payments(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        key: &str,
        start: Option<NaiveDate>,
    ) -> Option<Vec<Payment>> {
        let items = self.array(path, map, key)?;
        let mut payments = Vec::with_capacity(items.len());
        let mut valid = true;
        for (index, value) in items.iter().enumerate() {
            let payment_path = item(&field(path, key), index);
            match self.payment(&payment_path, value, start) {
                Some(payment) => payments.push(payment),
                None => valid = false,
            }
        }
        valid.then_some(payments)
    }

    fn payment(&mut self, path: &str, value: &Value, start: Option<NaiveDate>) -> Option<Payment> {
        let map = self.object(path, value, &["date", "amount"])?;
        let date = self.required_date(path, map, "date");
        let amount = self.required_money(path, map, "amount");
        if let (Some(date), Some(start)) = (date, start) {
            self.not_before(&field(path, "date"), date, start, "contract's start");
        }
        Some(Payment {
            date: date?,
            amount: amount?,
        })
    }

    /// `Some(None)` for an open contract; `None` when invalid.
    fn end(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        start: Option<NaiveDate>,
    ) -> Option<Option<End>> {
        let value = match map.get("end") {
            Some(Value::Null) | None => return Some(None),
            Some(value) => value,
        };
        let path = field(path, "end");
        let end = self.object(&path, value, &["date", "by", "reason"])?;
        let date = self.required_date(&path, end, "date");
        if let (Some(date), Some(start)) = (date, start) {
            self.not_before(&field(&path, "date"), date, start, "contract's start");
        }
        let by = self.required(&path, end, "by").and_then(|by| {
            let party = by.as_str().and_then(parse_party);
            if party.is_none() {
                self.problem(
                    &field(&path, "by"),
                    "must be \"client\", \"freelancer\" or \"platform\"",
                );
            }
            party
        });
        let reason = self.required(&path, end, "reason").and_then(|reason| {
            let reason = reason.as_str().and_then(parse_end_reason);
            if reason.is_none() {
                let message = "must be \"completed\", \"not_completed\", \"client_unresponsive\" or \"other\"";
                self.problem(&field(&path, "reason"), message);
            }
            reason
        });
        Some(Some(End {
            date: date?,
            by: by?,
            reason: reason?,
        }))
    }

    fn feedback(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        end: Option<End>,
        era: Option<Era>,
    ) -> Option<Option<Feedback>> {
        let value = match map.get("feedback") {
            Some(Value::Null) | None => return Some(None),
            Some(value) => value,
        };
        let path = field(path, "feedback");
        let feedback = self.object(&path, value, &["date", "stars", "private_score"])?;
        let date = self.required_date(&path, feedback, "date");
        let stars = self.required(&path, feedback, "stars").and_then(|stars| {
            let parsed = stars.as_f64().and_then(Stars::from_f64);
            if parsed.is_none() {
                self.problem(
                    &field(&path, "stars"),
                    "must be a number from 1.0 to 5.0 with at most two decimals",
                );
            }
            parsed
        });
        let private_score = self.private_score(&path, feedback, era);
        let has_end = map.get("end").is_some_and(|e| !e.is_null());
        if !has_end {
            self.problem(&path, "is only allowed on an ended contract");
        }
        if let (Some(date), Some(end)) = (date, end) {
            self.feedback_date(&field(&path, "date"), date, end.date);
        }
        Some(Some(Feedback {
            date: date?,
            stars: stars?,
            private_score: private_score?,
        }))
    }

    fn feedback_date(&mut self, path: &str, date: NaiveDate, end: NaiveDate) {
        self.not_before(path, date, end, "contract's end");
        let days = self.params.feedback_window_days;
        if (date - end).num_days() > days {
            let message = format!("is more than {days} days after the contract's end ({end})");
            self.problem(path, message);
        }
    }

    fn private_score(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        era: Option<Era>,
    ) -> Option<Option<u8>> {
        let value = match map.get("private_score") {
            Some(Value::Null) | None => return Some(None),
            Some(value) => value,
        };
        let path = field(path, "private_score");
        let score = value
            .as_u64()
            .filter(|s| *s <= 10)
            .and_then(|s| u8::try_from(s).ok());
        if score.is_none() {
            self.problem(&path, "must be a whole number from 0 to 10");
        }
        if era.is_some_and(|era| era != Era::Legacy) {
            self.problem(&path, "is only allowed when rules.era is \"legacy\"");
            return None;
        }
        score.map(Some)
    }
}

fn parse_party(text: &str) -> Option<Party> {
    [Party::Client, Party::Freelancer, Party::Platform]
        .into_iter()
        .find(|p| p.as_str() == text)
}

fn parse_end_reason(text: &str) -> Option<EndReason> {
    [
        EndReason::Completed,
        EndReason::NotCompleted,
        EndReason::ClientUnresponsive,
        EndReason::Other,
    ]
    .into_iter()
    .find(|r| r.as_str() == text)
}
