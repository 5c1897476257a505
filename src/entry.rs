//! What the user types, turned into facts: amounts, hours, stars, and new contracts for the
//! scenario document. Pure functions (no signals), so the forms, the fast table and their
//! tests share one reading of every field. Anything the app cannot read is named by field in
//! plain words; anything it can read is still validated by the engine's parser.

use chrono::NaiveDate;
use jss_engine::money::Money;
use jss_engine::scenario::parse::{parse_value, Problem};
use jss_engine::scenario::{Scenario, Stars};
use serde_json::{json, Value};

use crate::state::document_of;

/// A USD amount as typed: `1200`, `$1,200.50`, ` 99.5 `.
pub fn parse_usd(text: &str) -> Result<Money, String> {
    let cleaned = text.trim().trim_start_matches('$').replace(',', "");
    let usd = cleaned
        .parse::<f64>()
        .map_err(|_| "enter a number of dollars, such as 1200 or 99.50".to_string())?;
    if usd < 0.0 {
        return Err("must not be negative".into());
    }
    Money::from_usd(usd).map_err(|e| e.to_string())
}

/// Hours as typed (`12`, `7.5`, `7,25`), in hundredths of an hour.
pub fn parse_hours_hundredths(text: &str) -> Result<u32, String> {
    let hours = text
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .map_err(|_| "enter a number of hours, such as 12 or 7.5".to_string())?;
    let hundredths = (hours * 100.0).round();
    if !(0.0..=f64::from(u32::MAX)).contains(&hundredths) {
        return Err("enter a number of hours from 0 to 168".into());
    }
    Ok(hundredths as u32)
}

/// Stars as typed; empty means no feedback.
pub fn parse_stars(text: &str) -> Result<Option<Stars>, String> {
    let text = text.trim().trim_end_matches('★').trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.replace(',', ".")
        .parse::<f64>()
        .ok()
        .and_then(Stars::from_f64)
        .map(Some)
        .ok_or_else(|| "enter a rating from 1.0 to 5.0, or leave it empty".to_string())
}

/// A date written YYYY-MM-DD (what date inputs produce).
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| "enter a date written YYYY-MM-DD".to_string())
}

/// One new contract in the words of the add form and the fast table.
#[derive(Clone, Debug, PartialEq)]
pub struct NewContract {
    pub client_name: String,
    pub title: String,
    pub hourly: bool,
    /// Passed through as typed when it is not a number, so the parser names the field.
    pub rate: String,
    pub start: String,
    pub earned_usd: f64,
    pub end: Option<String>,
    pub reason: String,
    pub stars: Option<f64>,
}

/// Adds the contract (and its client, if new) to the document; returns the new contract's id.
/// The amount earned becomes one payment on the end date (or the start date while open), and
/// feedback is dated on the end date.
pub fn add_contract(doc: &mut Value, f: &NewContract) -> String {
    let mut clients = array_of(doc, "clients");
    let existing = clients.iter().find_map(|c| {
        (c["name"].as_str() == Some(f.client_name.as_str()))
            .then(|| c["id"].as_str().map(str::to_string))
            .flatten()
    });
    let client_id = existing.unwrap_or_else(|| {
        let id = unique_id(&clients, "c");
        clients.push(json!({ "id": id, "name": f.client_name, "flagged": false }));
        id
    });
    doc["clients"] = Value::Array(clients);
    let mut contracts = array_of(doc, "contracts");
    let id = unique_id(&contracts, "k");
    contracts.push(contract_json(&id, &client_id, f));
    doc["contracts"] = Value::Array(contracts);
    id
}

fn contract_json(id: &str, client_id: &str, f: &NewContract) -> Value {
    let pay_date = f.end.clone().unwrap_or_else(|| f.start.clone());
    let payments = if f.earned_usd > 0.0 {
        json!([{ "date": pay_date, "amount": f.earned_usd }])
    } else {
        json!([])
    };
    let mut c = json!({
        "id": id,
        "client": client_id,
        "type": if f.hourly { "hourly" } else { "fixed" },
        "start": f.start,
        "payments": payments,
        "refunds": [],
        "milestones": [],
        "end": null,
        "feedback": null,
    });
    if !f.title.is_empty() {
        c["title"] = json!(f.title);
    }
    if f.hourly {
        c["hourly_rate"] = number_or_text(&f.rate);
    }
    if let Some(end) = &f.end {
        c["end"] = json!({ "date": end, "by": "client", "reason": f.reason });
        if let Some(stars) = f.stars {
            c["feedback"] = json!({ "date": end, "stars": stars });
        }
    }
    c
}

/// A number when the text is one, else the text itself, so the parser names the field.
pub fn number_or_text(text: &str) -> Value {
    text.trim().parse::<f64>().map_or(json!(text), |n| json!(n))
}

/// A copy of the array at `key`, or an empty one.
fn array_of(doc: &Value, key: &str) -> Vec<Value> {
    doc[key].as_array().cloned().unwrap_or_default()
}

fn unique_id(items: &[Value], prefix: &str) -> String {
    (1..)
        .map(|n| format!("{prefix}{n:02}"))
        .find(|id| !items.iter().any(|v| v["id"].as_str() == Some(id)))
        .unwrap_or_else(|| format!("{prefix}new"))
}

/// The columns of the fast table, in order: (key, label). The rate comes last so that lines
/// pasted in the original eight-column order still fill the same cells.
pub const COLUMNS: [(&str, &str); 9] = [
    ("client", "Client"),
    ("title", "Title"),
    ("type", "Type"),
    ("start", "Start"),
    ("end", "End"),
    ("earned", "Earned (USD)"),
    ("stars", "Stars"),
    ("reason", "End reason"),
    ("rate", "Rate $/hr"),
];

/// One row of the fast table, as typed, in the order of [`COLUMNS`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableRow {
    pub cells: [String; COLUMNS.len()],
}

impl TableRow {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    fn cell(&self, key: &str) -> &str {
        COLUMNS
            .iter()
            .position(|(k, _)| *k == key)
            .map_or("", |i| self.cells[i].trim())
    }
}

/// A problem with one cell of the fast table: row index, column key, message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    pub row: usize,
    pub column: &'static str,
    pub message: String,
}

/// Tab-separated lines (as copied from a spreadsheet) as rows. Blank lines are skipped, a
/// header line whose first cell is "client" is skipped, missing cells are empty and cells past
/// the last column are ignored.
pub fn rows_from_paste(text: &str) -> Vec<TableRow> {
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty())
        .filter(|line| {
            let first = line.split('\t').next().unwrap_or("");
            !first.trim().eq_ignore_ascii_case("client")
        })
        .map(|line| {
            let mut row = TableRow::default();
            for (slot, cell) in row.cells.iter_mut().zip(line.split('\t')) {
                *slot = cell.trim().to_string();
            }
            row
        })
        .collect()
}

fn kind_of(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "hourly" | "h" | "hour" => Some(true),
        "fixed" | "f" | "fixed price" | "fixed-price" | "" => Some(false),
        _ => None,
    }
}

fn reason_of(text: &str) -> Option<&'static str> {
    match text.to_ascii_lowercase().replace(['_', '-'], " ").as_str() {
        "" | "completed" | "complete" => Some("completed"),
        "not completed" | "unsuccessful" => Some("not_completed"),
        "client unresponsive" | "unresponsive" => Some("client_unresponsive"),
        "other" => Some("other"),
        _ => None,
    }
}

/// Reads one row into a new contract, or lists the cells it cannot read.
fn read_row(index: usize, row: &TableRow) -> Result<NewContract, Vec<CellError>> {
    let mut errors = Vec::new();
    let mut fail = |column, message: &str| {
        errors.push(CellError {
            row: index,
            column,
            message: message.to_string(),
        })
    };
    let client = row.cell("client");
    if client.is_empty() {
        fail("client", "enter the client's name");
    }
    let hourly = kind_of(row.cell("type"));
    if hourly.is_none() {
        fail("type", "enter hourly or fixed");
    }
    let start = parse_date(row.cell("start"));
    if let Err(e) = &start {
        fail("start", e);
    }
    let end = match row.cell("end") {
        "" => Ok(None),
        text => parse_date(text).map(Some),
    };
    if let Err(e) = &end {
        fail("end", e);
    }
    let earned = match row.cell("earned") {
        "" => Ok(Money::ZERO),
        text => parse_usd(text),
    };
    if let Err(e) = &earned {
        fail("earned", e);
    }
    let stars = parse_stars(row.cell("stars"));
    if let Err(e) = &stars {
        fail("stars", e);
    }
    let open = matches!(end, Ok(None));
    if open && matches!(stars, Ok(Some(_))) {
        fail("stars", "feedback needs an end date");
    }
    // Blank is an unknown rate, stored as $0 without inventing one; the edit form can set it.
    let rate = match (hourly, row.cell("rate")) {
        (_, "") => Ok(Money::ZERO),
        (Some(false), _) => Err("a fixed-price contract has no hourly rate".to_string()),
        (_, text) => parse_usd(text),
    };
    if let Err(e) = &rate {
        fail("rate", e);
    }
    let reason = reason_of(row.cell("reason"));
    if reason.is_none() {
        fail(
            "reason",
            "enter completed, not completed, client unresponsive or other",
        );
    }
    match (hourly, start, end, earned, stars, reason, rate) {
        (Some(hourly), Ok(start), Ok(end), Ok(earned), Ok(stars), Some(reason), Ok(rate))
            if errors.is_empty() =>
        {
            Ok(NewContract {
                client_name: client.to_string(),
                title: row.cell("title").to_string(),
                hourly,
                rate: rate.to_usd().to_string(),
                start: start.to_string(),
                earned_usd: earned.to_usd(),
                end: end.map(|d| d.to_string()),
                reason: reason.to_string(),
                stars: stars.map(Stars::as_f64),
            })
        }
        _ => Err(errors),
    }
}

/// Which table column a parser problem about a new contract concerns. The earned amount is
/// paid on the end date, so a problem with that payment's date is the end date's problem.
fn column_of(path_in_contract: &str) -> &'static str {
    if path_in_contract.starts_with("payments") && path_in_contract.ends_with(".date") {
        return "end";
    }
    [
        ("feedback", "stars"),
        ("end", "end"),
        ("payments", "earned"),
        ("start", "start"),
        ("title", "title"),
        ("hourly_rate", "rate"),
    ]
    .into_iter()
    .find(|(prefix, _)| path_in_contract.starts_with(prefix))
    .map_or("client", |(_, column)| column)
}

/// Validates the non-blank rows as one batch and returns the scenario with all of them added,
/// or every problem by row and column. The engine's parser has the last word, so a row that
/// reads well but breaks a rule of the format (feedback before the end, an end before the
/// start) is reported in the cell it concerns.
pub fn add_rows(base: Option<&Scenario>, rows: &[TableRow]) -> Result<Scenario, Vec<CellError>> {
    let mut errors = Vec::new();
    let mut read = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        match read_row(index, row) {
            Ok(contract) => read.push((index, contract)),
            Err(mut row_errors) => errors.append(&mut row_errors),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if read.is_empty() {
        return Err(vec![CellError {
            row: 0,
            column: "client",
            message: "fill in at least one row".into(),
        }]);
    }
    let mut doc = document_of(base);
    let first = doc["contracts"].as_array().map_or(0, Vec::len);
    for (_, contract) in &read {
        add_contract(&mut doc, contract);
    }
    parse_value(&doc).map_err(|problems| cell_errors(&problems, first, &read))
}

fn cell_errors(
    problems: &[Problem],
    first: usize,
    read: &[(usize, NewContract)],
) -> Vec<CellError> {
    let mut errors: Vec<CellError> = problems
        .iter()
        .map(|p| {
            let position = p
                .path
                .strip_prefix("contracts[")
                .and_then(|rest| rest.split_once(']'))
                .and_then(|(n, rest)| Some((n.parse::<usize>().ok()?, rest)));
            match position {
                Some((n, rest)) if n >= first && n - first < read.len() => CellError {
                    row: read[n - first].0,
                    column: column_of(rest.trim_start_matches('.')),
                    message: p.message.clone(),
                },
                _ => CellError {
                    row: read.first().map_or(0, |r| r.0),
                    column: "client",
                    message: p.to_string(),
                },
            }
        })
        .collect();
    // One cell may be named twice (the end date and the payment dated on it): say it once.
    let mut seen = Vec::new();
    errors.retain(|e| {
        let fresh = !seen.contains(e);
        seen.push(e.clone());
        fresh
    });
    errors
}
