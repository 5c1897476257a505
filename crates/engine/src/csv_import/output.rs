//! The draft JSON printed by `jss import-csv` (see the module documentation for the shape).

use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::{DraftContract, ImportReport, ImportResult, Issue, Overlap};
use crate::money::Money;
use crate::scenario::parse::{FORMAT_NAME, FORMAT_VERSION};
use crate::scenario::Payment;

pub(crate) fn to_json_string(result: &ImportResult) -> String {
    let document = Document {
        scenario: ScenarioOut {
            format: FORMAT_NAME,
            version: FORMAT_VERSION,
            clients: result
                .draft
                .clients
                .iter()
                .map(|c| ClientOut {
                    id: &c.id,
                    name: &c.name,
                    flagged: false,
                })
                .collect(),
            contracts: result
                .draft
                .contracts
                .iter()
                .map(ContractOut::from)
                .collect(),
        },
        import_report: ReportOut(&result.report),
    };
    // Plain structs with string keys and finite numbers: serialising cannot fail.
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

#[derive(Serialize)]
struct Document<'a> {
    scenario: ScenarioOut<'a>,
    import_report: ReportOut<'a>,
}

#[derive(Serialize)]
struct ScenarioOut<'a> {
    format: &'static str,
    version: u64,
    clients: Vec<ClientOut<'a>>,
    contracts: Vec<ContractOut<'a>>,
}

#[derive(Serialize)]
struct ClientOut<'a> {
    id: &'a str,
    name: &'a str,
    flagged: bool,
}

fn usd<S: Serializer>(money: &Money, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(money.to_usd())
}

fn optional_usd<S: Serializer>(money: &Option<Money>, serializer: S) -> Result<S::Ok, S::Error> {
    match money {
        Some(money) => usd(money, serializer),
        None => serializer.serialize_none(),
    }
}

/// A rate that is written: its value, or `null` when unknown.
fn written_rate<S: Serializer>(
    rate: &Option<Option<Money>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match rate {
        Some(rate) => optional_usd(rate, serializer),
        None => serializer.serialize_none(),
    }
}

#[derive(Serialize)]
struct PaymentOut {
    date: NaiveDate,
    #[serde(serialize_with = "usd")]
    amount: Money,
}

fn payments(list: &[Payment]) -> Vec<PaymentOut> {
    list.iter()
        .map(|p| PaymentOut {
            date: p.date,
            amount: p.amount,
        })
        .collect()
}

#[derive(Serialize)]
struct ContractOut<'a> {
    id: &'a str,
    client: Option<&'a str>,
    title: Option<&'a str>,
    #[serde(rename = "type")]
    kind: Option<&'static str>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "written_rate"
    )]
    hourly_rate: Option<Option<Money>>,
    start: NaiveDate,
    payments: Vec<PaymentOut>,
    refunds: Vec<PaymentOut>,
    milestones: [(); 0],
    end: Option<()>,
    feedback: Option<()>,
    unknown: Vec<&'static str>,
    import: ImportOut<'a>,
}

#[derive(Serialize)]
struct ImportOut<'a> {
    source: &'static str,
    upwork_contract_id: Option<&'a str>,
    rows: usize,
    last_payment: Option<NaiveDate>,
    billed_hours: Option<f64>,
    #[serde(serialize_with = "usd")]
    fees: Money,
    scheduled: Vec<PaymentOut>,
}

impl<'a> From<&'a DraftContract> for ContractOut<'a> {
    fn from(c: &'a DraftContract) -> Self {
        let fixed = c.kind == Some(super::ContractKind::Fixed);
        ContractOut {
            id: &c.id,
            client: c.client.as_deref(),
            title: c.title.as_deref(),
            kind: c.kind.map(|k| k.as_str()),
            // Written (maybe `null`) unless the contract is known to be fixed-price.
            hourly_rate: (!fixed).then_some(c.hourly_rate),
            start: c.start,
            payments: payments(&c.payments),
            refunds: payments(&c.refunds),
            milestones: [],
            end: None,
            feedback: None,
            unknown: c.unknowns.iter().map(|u| u.as_str()).collect(),
            import: ImportOut {
                source: c.source.as_str(),
                upwork_contract_id: c.upwork_contract_id.as_deref(),
                rows: c.rows,
                last_payment: c.last_payment,
                // Minutes → hours with two decimals (exact for display).
                billed_hours: c
                    .billed_minutes()
                    .map(|m| (m as f64 / 60.0 * 100.0).round() / 100.0),
                // An overflowing fee total cannot come from real files; zero keeps the JSON
                // well-formed.
                fees: c.fees_total().unwrap_or(Money::ZERO),
                scheduled: payments(&c.scheduled),
            },
        }
    }
}

/// One overlap: the two contracts, their formats, what they share, and the sentence the
/// command also prints on standard error.
#[derive(Serialize)]
struct OverlapOut<'a> {
    contracts: [&'a str; 2],
    formats: [&'static str; 2],
    payments: usize,
    #[serde(serialize_with = "usd")]
    amount: Money,
    from: NaiveDate,
    to: NaiveDate,
    message: String,
}

impl<'a> From<&'a Overlap> for OverlapOut<'a> {
    fn from(o: &'a Overlap) -> Self {
        OverlapOut {
            contracts: [&o.contracts[0], &o.contracts[1]],
            formats: [o.sources[0].as_str(), o.sources[1].as_str()],
            payments: o.payments,
            amount: o.amount,
            from: o.from,
            to: o.to,
            message: o.message(),
        }
    }
}

/// The report, keys in a fixed order.
struct ReportOut<'a>(&'a ImportReport);

#[derive(Serialize)]
struct FileOut<'a> {
    name: &'a str,
    format: Option<&'static str>,
    rows_read: usize,
}

#[derive(Serialize)]
struct IssueOut<'a> {
    file: &'a str,
    line: u64,
    column: Option<&'a str>,
    message: &'a str,
}

fn issues(list: &[Issue]) -> Vec<IssueOut<'_>> {
    list.iter()
        .map(|i| IssueOut {
            file: &i.file,
            line: i.line,
            column: i.column.as_deref(),
            message: &i.message,
        })
        .collect()
}

struct SetAsideOut<'a>(&'a ImportReport);

impl Serialize for SetAsideOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.set_aside.len()))?;
        for (category, count) in &self.0.set_aside {
            map.serialize_entry(category.as_str(), count)?;
        }
        map.end()
    }
}

impl Serialize for ReportOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let files: Vec<FileOut> = r
            .files
            .iter()
            .map(|f| FileOut {
                name: &f.name,
                format: f.format.map(|f| f.as_str()),
                rows_read: f.rows_read,
            })
            .collect();
        let overlaps: Vec<OverlapOut> = r.overlaps.iter().map(OverlapOut::from).collect();
        let mut map = serializer.serialize_map(Some(10))?;
        map.serialize_entry("files", &files)?;
        map.serialize_entry("rows_read", &r.rows_read)?;
        map.serialize_entry("rows_used", &r.rows_used)?;
        map.serialize_entry("scheduled", &r.scheduled)?;
        map.serialize_entry("duplicates", &r.duplicates)?;
        map.serialize_entry("set_aside", &SetAsideOut(r))?;
        map.serialize_entry("skipped", &issues(&r.skipped))?;
        map.serialize_entry("unrecognised", &issues(&r.unrecognised))?;
        map.serialize_entry("warnings", &issues(&r.warnings))?;
        map.serialize_entry("overlaps", &overlaps)?;
        map.end()
    }
}
