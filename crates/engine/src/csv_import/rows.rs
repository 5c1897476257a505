//! Reading one file: header detection, then each record into a [`Row`] or an [`Issue`].

use chrono::NaiveDate;

use super::detect::{detect, normalise, Col, Columns, Format, NoMatch};
use super::fields::{
    decimal_hours_to_minutes, fixed_price_title, linked_ref_id, parse_amount, parse_date,
    parse_hours_rate, split_contract_label,
};
use super::Issue;
use crate::money::Money;

/// What a row is for the contract history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Earning(EarningKind),
    /// Money back to the client (`Refund`, `Refund to client`).
    Refund,
    SetAside(Category),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum EarningKind {
    Hourly,
    Fixed,
    Bonus,
}

/// Why a row is not part of any contract's payments. The names are the keys of
/// `import_report.set_aside`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// Service fees and fee refunds (`Service Fee`, `Service fee refund`).
    ServiceFee,
    /// Withdrawals and their fees.
    Withdrawal,
    /// Connects purchases (`Connects`, legacy `Membership Fee` for additional Connects).
    Connects,
    /// Membership / Freelancer Plus subscriptions.
    Subscription,
    /// VAT, GST, WHT and other taxes.
    Tax,
    /// Card charges (`Payment`).
    CardPayment,
    /// A refund no contract could be found for.
    UnmatchedRefund,
    /// `Miscellaneous` and any type the importer does not know.
    Other,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::ServiceFee => "service_fee",
            Category::Withdrawal => "withdrawal",
            Category::Connects => "connects",
            Category::Subscription => "subscription",
            Category::Tax => "tax",
            Category::CardPayment => "card_payment",
            Category::UnmatchedRefund => "unmatched_refund",
            Category::Other => "other",
        }
    }
}

/// One readable data row, normalised across the three formats.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub(crate) file: usize,
    pub(crate) line: u64,
    pub(crate) format: Format,
    pub(crate) date: NaiveDate,
    /// Signed, as in the file.
    pub(crate) amount: Money,
    pub(crate) class: Class,
    /// The client team (A, B); `None` when empty or absent (C).
    pub(crate) client: Option<String>,
    /// The contract title (B summary, C label) or a title hint (A fixed price).
    pub(crate) title: Option<String>,
    /// The Upwork contract id (C only).
    pub(crate) contract_id: Option<String>,
    pub(crate) ref_id: Option<String>,
    pub(crate) transaction_id: Option<String>,
    /// The Ref ID a fee or tax row points at (A).
    pub(crate) linked_ref: Option<String>,
    pub(crate) minutes: Option<i64>,
    pub(crate) rate: Option<Money>,
    /// A 2025+ earning with an empty running balance: scheduled, not yet paid.
    pub(crate) scheduled: bool,
    /// Rows with the same key in two files are the same transaction.
    pub(crate) dedupe_key: String,
    /// The raw type text, for warnings.
    pub(crate) type_text: String,
}

/// What reading a file gave.
pub(crate) enum FileRead {
    Rows {
        format: Format,
        rows: Vec<Row>,
        skipped: Vec<Issue>,
        warnings: Vec<Issue>,
        /// Data records read (not counting the header or blank records).
        records: usize,
    },
    Unrecognised(Issue),
}

fn cell_text(record: &csv::ByteRecord, index: usize) -> String {
    record
        .get(index)
        .map(|bytes| String::from_utf8_lossy(bytes).trim().to_string())
        .unwrap_or_default()
}

fn record_cells(record: &csv::ByteRecord) -> Vec<String> {
    (0..record.len()).map(|i| cell_text(record, i)).collect()
}

/// Reads one file.
pub(crate) fn read_file(file: usize, name: &str, text: &str) -> FileRead {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    let mut header: Option<(Format, Columns)> = None;
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    let mut records = 0usize;
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                // Reading from memory cannot fail on I/O; a CSV-level error stops this file
                // rather than risking a loop on the same bytes.
                if header.is_some() {
                    records += 1;
                }
                skipped.push(Issue::row(
                    name,
                    line,
                    None,
                    format!("cannot be read: {error}"),
                ));
                break;
            }
        }
        let line = record.position().map_or(line, |p| p.line());
        let cells = record_cells(&record);
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let Some((format, columns)) = &header else {
            match detect(&cells) {
                Ok(found) => {
                    header = Some(found);
                    continue;
                }
                Err(no_match) => {
                    return FileRead::Unrecognised(unrecognised(name, line, &cells, &no_match))
                }
            }
        };
        records += 1;
        if cells.len() != columns.names.len() {
            skipped.push(Issue::row(
                name,
                line,
                None,
                format!(
                    "has {} fields but the header has {}; row skipped",
                    cells.len(),
                    columns.names.len()
                ),
            ));
            continue;
        }
        let reader = RowReader {
            file,
            name,
            line,
            columns,
            cells: &cells,
        };
        match reader.read(*format) {
            Ok((row, warning)) => {
                if let Some(warning) = warning {
                    warnings.push(warning);
                }
                rows.push(row);
            }
            Err(issue) => skipped.push(issue),
        }
    }
    match header {
        Some((format, _)) => FileRead::Rows {
            format,
            rows,
            skipped,
            warnings,
            records,
        },
        None => FileRead::Unrecognised(Issue::row(
            name,
            1,
            None,
            "is empty: no header row; expected the header of a legacy transaction history, a \
             2025+ transaction report or a weekly summary"
                .to_string(),
        )),
    }
}

fn unrecognised(name: &str, line: u64, cells: &[String], no_match: &NoMatch) -> Issue {
    let mut message = String::from("the header matches no known Upwork export");
    if let Some((format, missing)) = &no_match.closest {
        message.push_str(&format!(
            " (closest: {format}, which also needs {})",
            missing.join(", ")
        ));
    }
    let shown: Vec<&str> = cells.iter().take(6).map(String::as_str).collect();
    message.push_str(&format!("; found `{}", shown.join(",")));
    if cells.len() > 6 {
        message.push_str(",…");
    }
    message.push_str("`; expected one of:");
    for format in Format::ALL {
        message.push_str(&format!(
            "\n  {}: {}",
            format.describe(),
            format.expected_header()
        ));
    }
    Issue::row(name, line, None, message)
}

struct RowReader<'a> {
    file: usize,
    name: &'a str,
    line: u64,
    columns: &'a Columns,
    cells: &'a [String],
}

impl RowReader<'_> {
    fn get(&self, col: Col) -> &str {
        self.columns
            .position(col)
            .and_then(|i| self.cells.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }

    fn optional(&self, col: Col) -> Option<String> {
        let text = self.get(col);
        (!text.is_empty()).then(|| text.to_string())
    }

    fn issue(&self, col: Col, message: String) -> Issue {
        let column = self
            .columns
            .position(col)
            .map(|index| format!("column {} \"{}\"", index + 1, self.columns.name(index)));
        Issue::row(self.name, self.line, column, message)
    }

    fn date(&self) -> Result<NaiveDate, Issue> {
        parse_date(self.get(Col::Date))
            .map_err(|why| self.issue(Col::Date, format!("{why}; row skipped")))
    }

    fn amount(&self) -> Result<Money, Issue> {
        parse_amount(self.get(Col::Amount))
            .map_err(|why| self.issue(Col::Amount, format!("{why}; row skipped")))
    }

    fn read(&self, format: Format) -> Result<(Row, Option<Issue>), Issue> {
        let date = self.date()?;
        let amount = self.amount()?;
        let mut row = Row {
            file: self.file,
            line: self.line,
            format,
            date,
            amount,
            class: Class::SetAside(Category::Other),
            client: None,
            title: None,
            contract_id: None,
            ref_id: None,
            transaction_id: None,
            linked_ref: None,
            minutes: None,
            rate: None,
            scheduled: false,
            dedupe_key: String::new(),
            type_text: String::new(),
        };
        let known = match format {
            Format::LegacyTransactions => self.legacy(&mut row),
            Format::TransactionReport => self.report(&mut row),
            Format::WeeklySummary => self.weekly(&mut row),
        };
        let warning = (!known).then(|| {
            self.issue(
                if format == Format::WeeklySummary {
                    Col::PaymentType
                } else if format == Format::TransactionReport {
                    Col::TransactionType
                } else {
                    Col::Type
                },
                format!(
                    "`{}` is not a known transaction type; set aside as other",
                    super::fields::shorten(&row.type_text)
                ),
            )
        });
        Ok((row, warning))
    }

    /// Format A. Returns whether the type was known.
    fn legacy(&self, row: &mut Row) -> bool {
        let kind = normalise(self.get(Col::Type));
        let description = self.get(Col::Description);
        row.type_text = self.get(Col::Type).to_string();
        row.client = self.optional(Col::Team);
        row.ref_id = self.optional(Col::RefId);
        row.linked_ref = linked_ref_id(description);
        if let Some((minutes, rate)) = parse_hours_rate(description) {
            row.minutes = minutes;
            row.rate = rate;
        }
        let (class, known) = classify(&kind, description);
        row.class = class;
        if class == Class::Earning(EarningKind::Fixed) {
            row.title = fixed_price_title(description);
        }
        row.dedupe_key = match &row.ref_id {
            Some(ref_id) => format!("ref:{ref_id}"),
            None => format!(
                "A:{}|{}|{}|{}|{}",
                row.date,
                kind,
                description,
                row.client.as_deref().unwrap_or(""),
                row.amount.cents()
            ),
        };
        known
    }

    /// Format B.
    fn report(&self, row: &mut Row) -> bool {
        let kind = normalise(self.get(Col::TransactionType));
        row.type_text = self.get(Col::TransactionType).to_string();
        row.client = self.optional(Col::Team);
        row.title = self.optional(Col::TransactionSummary);
        row.ref_id = self.optional(Col::RefId);
        row.transaction_id = self.optional(Col::TransactionId);
        let free_text: Vec<&str> = [
            Col::TransactionSummary,
            Col::SummaryDetails,
            Col::Description1,
            Col::Description2,
            Col::Description3,
            Col::EnteredDescription,
        ]
        .into_iter()
        .map(|col| self.get(col))
        .collect();
        if let Some((minutes, rate)) = free_text.iter().find_map(|t| parse_hours_rate(t)) {
            row.minutes = minutes;
            row.rate = rate;
        }
        let (class, known) = classify(&kind, &free_text.join(" "));
        row.class = class;
        if matches!(class, Class::Earning(_)) && self.get(Col::Balance).is_empty() {
            row.scheduled = true;
        }
        row.dedupe_key = match &row.ref_id {
            Some(ref_id) => format!("ref:{ref_id}"),
            None => format!(
                "B:{}|{}|{}|{}|{}|{}",
                row.date,
                row.transaction_id.as_deref().unwrap_or(""),
                kind,
                row.title.as_deref().unwrap_or(""),
                row.client.as_deref().unwrap_or(""),
                row.amount.cents()
            ),
        };
        known
    }

    /// Format C.
    fn weekly(&self, row: &mut Row) -> bool {
        let label = self.get(Col::Contract);
        let (title, id) = split_contract_label(label);
        row.title = (!title.is_empty()).then_some(title);
        row.contract_id = id;
        let hours = self.get(Col::Hours);
        row.minutes = decimal_hours_to_minutes(hours);
        let kind = normalise(self.get(Col::PaymentType));
        row.type_text = self.get(Col::PaymentType).to_string();
        let (class, known) = if kind.is_empty() {
            (Class::Earning(EarningKind::Hourly), true)
        } else if kind.contains("bonus") {
            (Class::Earning(EarningKind::Bonus), true)
        } else if kind.contains("fixed") || kind.contains("milestone") {
            (Class::Earning(EarningKind::Fixed), true)
        } else {
            (Class::SetAside(Category::Other), false)
        };
        row.class = class;
        if row.amount.is_negative() && matches!(class, Class::Earning(_)) {
            row.class = Class::Refund;
        }
        row.dedupe_key = format!(
            "C:{}|{}|{}|{}|{}",
            row.date,
            normalise(label),
            hours,
            row.amount.cents(),
            kind
        );
        known
    }
}

/// The class of a type (A or B, already normalised) and whether the type was known.
fn classify(kind: &str, description: &str) -> (Class, bool) {
    use Category::*;
    let class = match kind {
        "hourly" => Class::Earning(EarningKind::Hourly),
        "fixed price" | "fixed-price" | "fixed_price" | "milestone" => {
            Class::Earning(EarningKind::Fixed)
        }
        "bonus" => Class::Earning(EarningKind::Bonus),
        "refund" | "refund to client" => Class::Refund,
        "service fee" | "service fee refund" | "processing fee" | "marketplace fee" => {
            Class::SetAside(ServiceFee)
        }
        "withdrawal" | "withdrawal fee" => Class::SetAside(Withdrawal),
        "connects" => Class::SetAside(Connects),
        "membership fee" | "membership" | "subscription" => {
            if description.to_lowercase().contains("connects") {
                Class::SetAside(Connects)
            } else {
                Class::SetAside(Subscription)
            }
        }
        "vat" | "gst" | "wht" | "tax" | "withholding tax" => Class::SetAside(Tax),
        "payment" => Class::SetAside(CardPayment),
        "miscellaneous" | "adjustment" => Class::SetAside(Other),
        _ if kind.starts_with("vat") || kind.contains("tax") => Class::SetAside(Tax),
        _ => return (Class::SetAside(Other), false),
    };
    (class, true)
}

/// Earning rows with a negative amount are money going back to the client.
pub(crate) fn normalise_sign(row: &mut Row) {
    if row.amount.is_negative() && matches!(row.class, Class::Earning(_)) {
        row.class = Class::Refund;
    }
}
