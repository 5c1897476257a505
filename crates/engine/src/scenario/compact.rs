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
//! those links and new ones are one format. A text that is not in this form, such as a plain v1
//! file, is read as a file.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::money::Money;
use crate::rules::{ParamValue, Rules};
use crate::scenario::export::terms_fields;
use crate::scenario::parse::{parse_str, parse_value, Problem, FORMAT_NAME, FORMAT_VERSION};
use crate::scenario::{Client, Contract, End, Feedback, Milestone, Payment, Scenario};

/// The compact text of `scenario`.
pub fn to_compact(scenario: &Scenario) -> String {
    let mut deltas = Deltas::default();
    let doc = Doc::from(scenario).map_dates(&mut |date: NaiveDate| Some(deltas.delta(date)));
    // Plain structs with string keys and finite numbers always serialise; every date maps.
    doc.and_then(|doc| serde_json::to_string(&doc).ok())
        .unwrap_or_default()
}

/// The scenario a compact text holds, validated as a file is; any other text is read as a v1
/// file. `Err` lists every problem.
pub fn from_compact(text: &str) -> Result<Scenario, Vec<Problem>> {
    let Ok(doc) = serde_json::from_str::<Doc<i64>>(text) else {
        return parse_str(text);
    };
    let mut deltas = Deltas::default();
    let Some(doc) = doc.map_dates(&mut |delta| deltas.date(delta)) else {
        return Err(vec![Problem {
            path: String::new(),
            message: "holds a date outside the calendar".to_owned(),
        }]);
    };
    match serde_json::to_value(&doc) {
        Ok(value) => parse_value(&value),
        Err(error) => Err(vec![Problem {
            path: String::new(),
            message: format!("cannot be read: {error}"),
        }]),
    }
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
}

// The document, generic over how a date is written (`NaiveDate` as in a file, `i64` as a
// delta). Fields are declared in alphabetical order, which is the order they are written in
// and the order dates are counted in.

fn is_false(flag: &bool) -> bool {
    !flag
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc<D> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    as_of: Option<D>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    clients: Vec<ClientDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    contracts: Vec<ContractDoc<D>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    freelancer: Option<FreelancerDoc>,
    /// `era` and the overrides, checked by the parser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rules: Option<BTreeMap<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version: Option<u64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientDoc {
    #[serde(default, skip_serializing_if = "is_false")]
    flagged: bool,
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FreelancerDoc {
    name: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContractDoc<D> {
    client: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<EndDoc<D>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    feedback: Option<FeedbackDoc<D>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hourly_rate: Option<f64>,
    id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    milestones: Vec<MilestoneDoc<D>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    payments: Vec<PaymentDoc<D>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    refunds: Vec<PaymentDoc<D>>,
    start: D,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weekly_limit_hours: Option<u32>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EndDoc<D> {
    by: String,
    date: D,
    reason: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedbackDoc<D> {
    date: D,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    private_score: Option<u8>,
    stars: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MilestoneDoc<D> {
    amount: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<D>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    funded: Option<D>,
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refunded: Option<D>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    released: Option<D>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    submitted: Option<D>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PaymentDoc<D> {
    amount: f64,
    date: D,
}

/// Maps every date of a document in the order the text lists them; `None` when one does not
/// map.
trait MapDates<D>: Sized {
    type To<E>;
    fn map_dates<E>(self, f: &mut impl FnMut(D) -> Option<E>) -> Option<Self::To<E>>;
}

fn map_all<D, E, T: MapDates<D>>(
    items: Vec<T>,
    f: &mut impl FnMut(D) -> Option<E>,
) -> Option<Vec<T::To<E>>> {
    items.into_iter().map(|item| item.map_dates(f)).collect()
}

fn map_opt<D, E>(date: Option<D>, f: &mut impl FnMut(D) -> Option<E>) -> Option<Option<E>> {
    match date {
        Some(date) => f(date).map(Some),
        None => Some(None),
    }
}

impl<D> MapDates<D> for Doc<D> {
    type To<E> = Doc<E>;
    fn map_dates<E>(self, f: &mut impl FnMut(D) -> Option<E>) -> Option<Doc<E>> {
        Some(Doc {
            as_of: map_opt(self.as_of, f)?,
            clients: self.clients,
            contracts: map_all(self.contracts, f)?,
            format: self.format,
            freelancer: self.freelancer,
            rules: self.rules,
            version: self.version,
        })
    }
}

impl<D> MapDates<D> for ContractDoc<D> {
    type To<E> = ContractDoc<E>;
    fn map_dates<E>(self, f: &mut impl FnMut(D) -> Option<E>) -> Option<ContractDoc<E>> {
        let end = match self.end {
            Some(end) => Some(EndDoc {
                by: end.by,
                date: f(end.date)?,
                reason: end.reason,
            }),
            None => None,
        };
        let feedback = match self.feedback {
            Some(feedback) => Some(FeedbackDoc {
                date: f(feedback.date)?,
                private_score: feedback.private_score,
                stars: feedback.stars,
            }),
            None => None,
        };
        Some(ContractDoc {
            client: self.client,
            end,
            feedback,
            hourly_rate: self.hourly_rate,
            id: self.id,
            milestones: map_all(self.milestones, f)?,
            payments: map_all(self.payments, f)?,
            refunds: map_all(self.refunds, f)?,
            start: f(self.start)?,
            title: self.title,
            kind: self.kind,
            weekly_limit_hours: self.weekly_limit_hours,
        })
    }
}

impl<D> MapDates<D> for MilestoneDoc<D> {
    type To<E> = MilestoneDoc<E>;
    fn map_dates<E>(self, f: &mut impl FnMut(D) -> Option<E>) -> Option<MilestoneDoc<E>> {
        Some(MilestoneDoc {
            amount: self.amount,
            due: map_opt(self.due, f)?,
            funded: map_opt(self.funded, f)?,
            id: self.id,
            refunded: map_opt(self.refunded, f)?,
            released: map_opt(self.released, f)?,
            submitted: map_opt(self.submitted, f)?,
        })
    }
}

impl<D> MapDates<D> for PaymentDoc<D> {
    type To<E> = PaymentDoc<E>;
    fn map_dates<E>(self, f: &mut impl FnMut(D) -> Option<E>) -> Option<PaymentDoc<E>> {
        Some(PaymentDoc {
            amount: self.amount,
            date: f(self.date)?,
        })
    }
}

impl From<&Scenario> for Doc<NaiveDate> {
    fn from(scenario: &Scenario) -> Doc<NaiveDate> {
        Doc {
            as_of: scenario.as_of,
            clients: scenario.clients.iter().map(ClientDoc::from).collect(),
            contracts: scenario.contracts.iter().map(ContractDoc::from).collect(),
            format: Some(FORMAT_NAME.to_owned()),
            freelancer: scenario
                .freelancer_name
                .clone()
                .map(|name| FreelancerDoc { name }),
            rules: Some(rules_doc(&scenario.rules)),
            version: Some(FORMAT_VERSION),
        }
    }
}

fn rules_doc(rules: &Rules) -> BTreeMap<String, Value> {
    let overrides = rules.overrides.iter().map(|(name, value)| {
        let value = match value {
            ParamValue::Bool(flag) => Value::Bool(*flag),
            ParamValue::Number(number) => Value::from(*number),
        };
        (name.clone(), value)
    });
    std::iter::once(("era".to_owned(), Value::from(rules.era.as_str())))
        .chain(overrides)
        .collect()
}

impl From<&Client> for ClientDoc {
    fn from(client: &Client) -> ClientDoc {
        ClientDoc {
            flagged: client.flagged,
            id: client.id.clone(),
            name: Some(client.name.clone()),
        }
    }
}

impl From<&Contract> for ContractDoc<NaiveDate> {
    fn from(contract: &Contract) -> ContractDoc<NaiveDate> {
        let (kind, hourly_rate, weekly_limit_hours, milestones) = terms_fields(&contract.terms);
        ContractDoc {
            client: contract.client.clone(),
            end: contract.end.as_ref().map(EndDoc::from),
            feedback: contract.feedback.as_ref().map(FeedbackDoc::from),
            hourly_rate: hourly_rate.map(Money::to_usd),
            id: contract.id.clone(),
            milestones: milestones.iter().map(MilestoneDoc::from).collect(),
            payments: contract.payments.iter().map(PaymentDoc::from).collect(),
            refunds: contract.refunds.iter().map(PaymentDoc::from).collect(),
            start: contract.start,
            title: contract.title.clone(),
            kind: kind.to_owned(),
            weekly_limit_hours,
        }
    }
}

impl From<&End> for EndDoc<NaiveDate> {
    fn from(end: &End) -> EndDoc<NaiveDate> {
        EndDoc {
            by: end.by.as_str().to_owned(),
            date: end.date,
            reason: end.reason.as_str().to_owned(),
        }
    }
}

impl From<&Feedback> for FeedbackDoc<NaiveDate> {
    fn from(feedback: &Feedback) -> FeedbackDoc<NaiveDate> {
        FeedbackDoc {
            date: feedback.date,
            private_score: feedback.private_score,
            stars: feedback.stars.as_f64(),
        }
    }
}

impl From<&Milestone> for MilestoneDoc<NaiveDate> {
    fn from(milestone: &Milestone) -> MilestoneDoc<NaiveDate> {
        MilestoneDoc {
            amount: milestone.amount.to_usd(),
            due: milestone.due,
            funded: milestone.funded,
            id: milestone.id.clone(),
            refunded: milestone.refunded,
            released: milestone.released,
            submitted: milestone.submitted,
        }
    }
}

impl From<&Payment> for PaymentDoc<NaiveDate> {
    fn from(payment: &Payment) -> PaymentDoc<NaiveDate> {
        PaymentDoc {
            amount: payment.amount.to_usd(),
            date: payment.date,
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
