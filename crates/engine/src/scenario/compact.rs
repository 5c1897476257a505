//! The compact text of a scenario, for share links: the format v1 document without what a file
//! may leave out, and with dates as day deltas, so that the demo fits in a link.
//!
//! [`to_compact`] writes it and [`from_compact`] reads it back, through the same validation as
//! a file ([`parse_value`]), so a crafted link gets every problem by path. The text is:
//!
//! - JSON without whitespace, keys in alphabetical order;
//! - without `null`s, empty lists and `"flagged": false` (the parser reads each as absent);
//! - each date written as whole days since the previous date in key order (the first since
//!   0001-01-01): dates are most of a scenario's information, and their deltas are small
//!   repeated numbers that compress about 30% better.
//!
//! Links in the wild were made by the shell before this module existed, by walking the export's
//! JSON: prune, sort the keys, replace the dates of eight named keys in document order. This
//! module writes exactly that text, byte for byte (a test checks it against such a link), so
//! those links and new ones are one format. A text whose dates are written out, such as a plain
//! v1 file, is read as a file.
//!
//! Writing goes through typed structs. Reading puts the dates back into the JSON the parser
//! reads anyway, at the places the format has dates: typed deserialisation would add its code
//! to the app's first screen, which opens links.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use crate::money::Money;
use crate::rules::{ParamValue, Rules};
use crate::scenario::export::terms_fields;
use crate::scenario::parse::{
    parse_str, parse_value, Problem, ProblemPlace, FORMAT_NAME, FORMAT_VERSION,
};
use crate::scenario::{Client, Contract, Milestone, Payment, Scenario};

/// The compact text of `scenario`.
pub fn to_compact(scenario: &Scenario) -> String {
    let doc = Doc::new(scenario, &mut Deltas::default());
    // Plain structs with string keys and finite numbers always serialise.
    serde_json::to_string(&doc).unwrap_or_default()
}

/// The scenario a compact text holds, validated as a file is; a text with dates written out is
/// read as a v1 file. `Err` lists every problem.
pub fn from_compact(text: &str) -> Result<Scenario, Vec<Problem>> {
    let Ok(mut doc) = serde_json::from_str::<Value>(text) else {
        return parse_str(text);
    };
    if restore_dates(&mut doc, &mut Deltas::default()).is_none() {
        return Err(vec![Problem {
            path: String::new(),
            message: "holds a date outside the calendar".to_owned(),
            place: ProblemPlace::Document,
        }]);
    }
    parse_value(&doc)
}

/// Days since 0001-01-01 of the previous date, in the order the text lists them.
#[derive(Default)]
struct Deltas {
    previous: i64,
}

impl Deltas {
    fn delta(&mut self, date: NaiveDate) -> i64 {
        let days = i64::from(date.num_days_from_ce());
        let delta = days - self.previous;
        self.previous = days;
        delta
    }

    fn date(&mut self, delta: i64) -> Option<NaiveDate> {
        let days = self.previous.checked_add(delta)?;
        let date = NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()?)?;
        self.previous = days;
        Some(date)
    }

    /// Puts the date back at `value` when it holds a delta; a date written out stays as it is.
    fn restore(&mut self, value: Option<&mut Value>) -> Option<()> {
        if let Some(value) = value {
            if let Some(delta) = value.as_i64() {
                // `Display` writes `%Y-%m-%d` without chrono's pattern interpreter.
                *value = Value::from(self.date(delta)?.to_string());
            }
        }
        Some(())
    }
}

/// The dates of a compact document, at the places the format has dates and in the order
/// [`Doc`] writes them; `None` when a delta leaves the calendar.
fn restore_dates(doc: &mut Value, deltas: &mut Deltas) -> Option<()> {
    fn items<'v>(value: &'v mut Value, key: &str) -> impl Iterator<Item = &'v mut Value> {
        value
            .get_mut(key)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
    }
    deltas.restore(doc.get_mut("as_of"))?;
    for contract in items(doc, "contracts") {
        deltas.restore(contract.pointer_mut("/end/date"))?;
        deltas.restore(contract.pointer_mut("/feedback/date"))?;
        for milestone in items(contract, "milestones") {
            for key in ["due", "funded", "refunded", "released", "submitted"] {
                deltas.restore(milestone.get_mut(key))?;
            }
        }
        for key in ["payments", "refunds"] {
            for payment in items(contract, key) {
                deltas.restore(payment.get_mut("date"))?;
            }
        }
        deltas.restore(contract.get_mut("start"))?;
    }
    Some(())
}

// The document as written. Fields are declared in alphabetical order, which is the order they
// are written in, and each struct is built field by field in that order, so the deltas are
// counted in the order the text lists the dates.

fn is_false(flag: &bool) -> bool {
    !flag
}

#[derive(Serialize)]
struct Doc<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    clients: Vec<ClientDoc<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contracts: Vec<ContractDoc<'a>>,
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    freelancer: Option<FreelancerDoc<'a>>,
    /// `era` and the overrides, in name order as every key.
    rules: BTreeMap<&'a str, Value>,
    version: u64,
}

#[derive(Serialize)]
struct ClientDoc<'a> {
    #[serde(skip_serializing_if = "is_false")]
    flagged: bool,
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct FreelancerDoc<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct ContractDoc<'a> {
    client: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<EndDoc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feedback: Option<FeedbackDoc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hourly_rate: Option<f64>,
    id: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    milestones: Vec<MilestoneDoc<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    payments: Vec<PaymentDoc>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    refunds: Vec<PaymentDoc>,
    start: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    weekly_limit_hours: Option<u32>,
}

#[derive(Serialize)]
struct EndDoc {
    by: &'static str,
    date: i64,
    reason: &'static str,
}

#[derive(Serialize)]
struct FeedbackDoc {
    date: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    private_score: Option<u8>,
    stars: f64,
}

#[derive(Serialize)]
struct MilestoneDoc<'a> {
    amount: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    funded: Option<i64>,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    refunded: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    released: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted: Option<i64>,
}

#[derive(Serialize)]
struct PaymentDoc {
    amount: f64,
    date: i64,
}

impl<'a> Doc<'a> {
    fn new(scenario: &'a Scenario, deltas: &mut Deltas) -> Doc<'a> {
        Doc {
            as_of: scenario.as_of.map(|date| deltas.delta(date)),
            clients: scenario.clients.iter().map(ClientDoc::new).collect(),
            contracts: scenario
                .contracts
                .iter()
                .map(|contract| ContractDoc::new(contract, deltas))
                .collect(),
            format: FORMAT_NAME,
            freelancer: scenario
                .freelancer_name
                .as_deref()
                .map(|name| FreelancerDoc { name }),
            rules: rules_doc(&scenario.rules),
            version: FORMAT_VERSION,
        }
    }
}

fn rules_doc(rules: &Rules) -> BTreeMap<&str, Value> {
    let mut doc = BTreeMap::new();
    doc.insert("era", Value::from(rules.era.as_str()));
    for (name, value) in &rules.overrides {
        let value = match value {
            ParamValue::Bool(flag) => Value::Bool(*flag),
            ParamValue::Number(number) => Value::from(*number),
        };
        doc.insert(name.as_str(), value);
    }
    doc
}

impl<'a> ClientDoc<'a> {
    fn new(client: &'a Client) -> ClientDoc<'a> {
        ClientDoc {
            flagged: client.flagged,
            id: &client.id,
            name: &client.name,
        }
    }
}

impl<'a> ContractDoc<'a> {
    fn new(contract: &'a Contract, deltas: &mut Deltas) -> ContractDoc<'a> {
        let (kind, hourly_rate, weekly_limit_hours, milestones) = terms_fields(&contract.terms);
        let payments = |list: &[Payment], deltas: &mut Deltas| -> Vec<PaymentDoc> {
            list.iter()
                .map(|payment| PaymentDoc {
                    amount: payment.amount.to_usd(),
                    date: deltas.delta(payment.date),
                })
                .collect()
        };
        ContractDoc {
            client: &contract.client,
            end: contract.end.map(|end| EndDoc {
                by: end.by.as_str(),
                date: deltas.delta(end.date),
                reason: end.reason.as_str(),
            }),
            feedback: contract.feedback.map(|feedback| FeedbackDoc {
                date: deltas.delta(feedback.date),
                private_score: feedback.private_score,
                stars: feedback.stars.as_f64(),
            }),
            hourly_rate: hourly_rate.map(Money::to_usd),
            id: &contract.id,
            milestones: milestones
                .iter()
                .map(|milestone| MilestoneDoc::new(milestone, deltas))
                .collect(),
            payments: payments(&contract.payments, deltas),
            refunds: payments(&contract.refunds, deltas),
            start: deltas.delta(contract.start),
            title: contract.title.as_deref(),
            kind,
            weekly_limit_hours,
        }
    }
}

impl<'a> MilestoneDoc<'a> {
    fn new(milestone: &'a Milestone, deltas: &mut Deltas) -> MilestoneDoc<'a> {
        let mut delta = |date: Option<NaiveDate>| date.map(|date| deltas.delta(date));
        MilestoneDoc {
            amount: milestone.amount.to_usd(),
            due: delta(milestone.due),
            funded: delta(milestone.funded),
            id: &milestone.id,
            refunded: delta(milestone.refunded),
            released: delta(milestone.released),
            submitted: delta(milestone.submitted),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::export::to_json_string;

    /// A scenario with a little of everything the format can say.
    const EDGES: &str = r#"{
        "format": "jss-lab.scenario", "version": 1, "as_of": "2026-11-27",
        "rules": { "era": "legacy", "long_term_counts_positive": false, "feedback_window_days": 21 },
        "freelancer": { "name": "Ana \"Quotes\" Ruiz" },
        "clients": [
            { "id": "c1", "name": "Flagged Ltd", "flagged": true },
            { "id": "c2", "name": "" }
        ],
        "contracts": [
            { "id": "k1", "client": "c1", "type": "hourly", "hourly_rate": 42.5,
              "start": "2026-01-05", "payments": [{ "date": "2026-01-21", "amount": 340.25 }],
              "refunds": [{ "date": "2026-02-01", "amount": 20 }],
              "end": { "date": "2026-02-02", "by": "freelancer", "reason": "other" },
              "feedback": { "date": "2026-02-03", "stars": 4.35, "private_score": 8 } },
            { "id": "k2", "client": "c2", "title": "Site, ✓ done", "type": "fixed",
              "start": "2026-03-01",
              "milestones": [
                  { "id": "m1", "amount": 500, "funded": "2026-03-01", "due": "2026-03-15",
                    "submitted": "2026-03-10", "released": "2026-03-12" },
                  { "id": "m2", "amount": 250, "funded": "2026-03-20", "refunded": "2026-03-25" },
                  { "id": "m3", "amount": 100 }
              ],
              "payments": [{ "date": "2026-03-12", "amount": 500 }] },
            { "id": "k3", "client": "c2", "type": "hourly", "hourly_rate": 30,
              "weekly_limit_hours": 10, "start": "2026-10-01" }
        ]
    }"#;

    /// Round trips `scenario` through its compact text, which must leave out what the format
    /// lets a file leave out.
    fn check(name: &str, scenario: &Scenario) {
        let text = to_compact(scenario);
        for absent in ["null", "[]", "\"flagged\":false", "\n", ": ", "-01-"] {
            assert!(!text.contains(absent), "{name}: {absent:?} in {text}");
        }
        assert_eq!(from_compact(&text).as_ref(), Ok(scenario), "{name}");
        // A plain v1 file of the same scenario reads the same.
        let file = to_json_string(scenario);
        assert_eq!(
            from_compact(&file).as_ref(),
            Ok(scenario),
            "{name} as a file"
        );
        assert!(text.len() < file.len(), "{name}");
    }

    #[test]
    fn scenarios_round_trip_through_their_compact_text() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).expect("a date");
        let mut demo = crate::demo::vanished_clients(today).expect("the demo");
        demo.as_of = Some(today);
        let mut undated = crate::scenario::ops::empty_scenario();
        undated.freelancer_name = Some("Bo".into());
        let cases = [
            ("the demo", demo),
            (
                "everything the format can say",
                parse_str(EDGES).expect("valid"),
            ),
            (
                "a generated history",
                crate::simulate::workload::long_history(40, 5),
            ),
            ("an empty scenario without a date", undated),
        ];
        for (name, scenario) in &cases {
            check(name, scenario);
        }
    }

    #[test]
    fn dates_are_days_since_the_previous_date_in_key_order() {
        let scenario = parse_str(
            r#"{ "format": "jss-lab.scenario", "version": 1, "as_of": "0001-01-11",
                 "clients": [{ "id": "c", "name": "C" }],
                 "contracts": [{ "id": "k", "client": "c", "type": "fixed", "start": "0001-01-02",
                     "end": { "date": "0001-01-05", "by": "client", "reason": "completed" } }] }"#,
        )
        .expect("valid");
        assert_eq!(
            to_compact(&scenario),
            r#"{"as_of":11,"clients":[{"id":"c","name":"C"}],"contracts":[{"client":"c","end":{"by":"client","date":-6,"reason":"completed"},"id":"k","start":-3,"type":"fixed"}],"format":"jss-lab.scenario","rules":{"era":"current"},"version":1}"#
        );
    }

    #[test]
    fn a_text_that_is_no_scenario_gets_problems_never_a_panic() {
        let cases: [(&str, &str); 5] = [
            ("not JSON", "is not valid JSON"),
            (r#"{"format":"other"}"#, "format"),
            (
                r#"{"as_of":9999999999999,"format":"jss-lab.scenario","version":1}"#,
                "outside the calendar",
            ),
            (
                r#"{"as_of":"soon","format":"jss-lab.scenario","version":1}"#,
                "as_of",
            ),
            (
                r#"{"format":"jss-lab.scenario","version":1,"extra":1}"#,
                "extra",
            ),
        ];
        for (text, expected) in cases {
            let problems = from_compact(text).expect_err(text);
            let words = crate::scenario::parse::format_problems(&problems);
            assert!(words.contains(expected), "{text}: {words}");
        }
        let valid = to_compact(&crate::simulate::workload::long_history(3, 1));
        for end in 0..valid.len() {
            let _ = from_compact(&valid[..end]);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_generated_history_round_trips(contracts in 0usize..25, seed: u64) {
            let scenario = crate::simulate::workload::long_history(contracts, seed);
            proptest::prop_assert_eq!(from_compact(&to_compact(&scenario)), Ok(scenario));
        }
    }
}
