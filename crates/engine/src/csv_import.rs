//! Import a freelancer's history from Upwork's CSV exports (issue 9).
//!
//! Three exports are known (`shared/reference/upwork-csv-exports.md`), each detected from its
//! header row, case-insensitively with the reference's aliases and a BOM stripped:
//!
//! - **legacy transaction history** (`Date,Ref ID,Type,Description,...,Balance`, to Apr 2024);
//! - **2025+ transaction report** (`Date,Transaction ID,Transaction type,...`; Title Case or
//!   sentence case, 19 or 20 columns);
//! - **weekly summary** (`"Date","Contract","Hours","Amount","Payment type"`).
//!
//! [`import_files`] turns the rows into a [`Draft`]: contracts grouped by the best key each
//! format offers (weekly summary: the contract id; 2025+: client team + transaction summary;
//! legacy: client team + type, split by hourly rate or by the fixed-price milestone text),
//! gross earnings as payments, refunds matched to their contract, scheduled earnings flagged,
//! duplicates across overlapping files removed (Ref ID; weekly rows by content, as a multiset
//! union so that repeated identical rows inside one file are kept). Fees, withdrawals,
//! Connects, subscriptions, taxes and card payments are set aside and counted in the
//! [`ImportReport`], which also lists every row that could not be read (file, line, column,
//! why) and every file that matched no format.
//!
//! What the files cannot say is not guessed: each [`DraftContract`] lists its [`Unknown`]s
//! (always whether it is open or ended, the end date, who ended it, why, and the feedback;
//! sometimes the client, the title, the type or the hourly rate). [`Draft::to_scenario`]
//! takes the user's [`Answers`] and builds a real [`Scenario`] by writing v1 JSON and running
//! it through [`crate::scenario::parse::parse_value`], so every rule of the format applies.
//!
//! The grouping is a guess, so the review can correct it: [`merge`] joins draft contracts and
//! [`split`] cuts one in two at a date, both moving rows without changing any total (see
//! `review.rs` for the rules and [`ReviewError`] for what is refused). The same work imported
//! through two formats (a weekly summary and a transaction history share no key to dedupe
//! on) is reported as an [`Overlap`] in [`ImportReport::overlaps`]; [`find_overlaps`] checks a
//! corrected draft again.
//!
//! ## The draft JSON (`jss import-csv`)
//!
//! [`ImportResult::to_json_string`] writes one object with two keys:
//!
//! ```text
//! { "scenario": { ...v1 shape with nulls... }, "import_report": { ... } }
//! ```
//!
//! `scenario` follows the v1 key order, but is a *draft*, not a valid v1 file: unknown values
//! are `null` (`"client": null`, `"type": null`, `"hourly_rate": null`), `"end": null` and
//! `"feedback": null` do not mean "open" / "no feedback", and each contract carries two extra
//! keys: `"unknown"` (the list of [`Unknown`] names still to be answered) and `"import"` (what
//! the files said beyond v1: source format, Upwork contract id, billed hours, linked fees,
//! last payment, scheduled earnings, row count). `import_report` ends with `"overlaps"`: one
//! object per [`Overlap`] with both contract ids, their formats, the matched payments, their
//! amount and dates, and the warning as a sentence. Wrapping rather than adding an
//! `import_report` key to a v1 document keeps the draft from being mistaken for a scenario.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;

use crate::money::Money;
use crate::scenario::Payment;

mod answers;
mod detect;
mod fields;
mod group;
mod output;
mod overlap;
mod review;
mod rows;

pub use answers::{AnswerField, Answers, ContractAnswer, Status};
pub use detect::Format;
pub use overlap::{find_overlaps, Overlap};
pub use review::{merge, split, ReviewError, Side};
pub use rows::Category;

/// A thing the files cannot say about a contract, to be asked of the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unknown {
    /// Whether the contract is still open or has ended.
    Status,
    /// The end date.
    End,
    /// Who ended it.
    EndedBy,
    /// Why it ended.
    EndReason,
    /// The client's feedback stars, or that none was left.
    Feedback,
    /// The client (the weekly summary names none).
    Client,
    /// The contract title (legacy hourly invoices carry none).
    Title,
    /// Hourly or fixed-price (a contract seen only through bonuses or refunds).
    Type,
    /// The hourly rate (an hourly contract whose rows show no rate).
    HourlyRate,
}

impl Unknown {
    pub fn as_str(self) -> &'static str {
        match self {
            Unknown::Status => "status",
            Unknown::End => "end",
            Unknown::EndedBy => "ended_by",
            Unknown::EndReason => "end_reason",
            Unknown::Feedback => "feedback",
            Unknown::Client => "client",
            Unknown::Title => "title",
            Unknown::Type => "type",
            Unknown::HourlyRate => "hourly_rate",
        }
    }
}

/// Hourly or fixed-price.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContractKind {
    Hourly,
    Fixed,
}

impl ContractKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ContractKind::Hourly => "hourly",
            ContractKind::Fixed => "fixed",
        }
    }
}

/// A client named by the files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftClient {
    pub id: String,
    pub name: String,
}

/// A contract as far as the files tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftContract {
    /// The Upwork contract id when the file has one (weekly summary), else made from the
    /// client and title.
    pub id: String,
    /// The id of a [`DraftClient`]; `None` when the files name no client.
    pub client: Option<String>,
    pub client_name: Option<String>,
    pub title: Option<String>,
    /// `None` when the rows do not say.
    pub kind: Option<ContractKind>,
    /// The first payment (or refund, or scheduled earning) date: a bound, not the real start.
    pub start: NaiveDate,
    /// The last payment date, if any.
    pub last_payment: Option<NaiveDate>,
    /// Gross earnings received, oldest first.
    pub payments: Vec<Payment>,
    /// Money refunded to the client (positive amounts), oldest first.
    pub refunds: Vec<Payment>,
    /// Scheduled (pending) earnings: not yet paid, not part of `payments`.
    pub scheduled: Vec<Payment>,
    /// The most recent billed rate, or amount ÷ hours for the weekly summary.
    pub hourly_rate: Option<Money>,
    /// Billed hours of the rows that carry hours, in no particular order. Kept per row (not as
    /// one total) so that splitting a contract by date can give each part its own hours.
    pub billed: Vec<Billed>,
    /// Service fees (and taxes on them) linked to this contract's rows, dated, oldest first: a
    /// charged fee is positive, a refunded fee negative. Dated for the same reason as `billed`.
    pub fees: Vec<Payment>,
    /// The 8-digit Upwork contract id (weekly summary only).
    pub upwork_contract_id: Option<String>,
    pub source: Format,
    /// Rows used for this contract.
    pub rows: usize,
    pub unknowns: Vec<Unknown>,
}

/// The hours one row billed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Billed {
    pub date: NaiveDate,
    pub minutes: i64,
}

impl DraftContract {
    /// Billed hours in minutes, when the rows carry hours (saturating: a total that large is
    /// already nonsense, and a report must not panic).
    pub fn billed_minutes(&self) -> Option<i64> {
        (!self.billed.is_empty()).then(|| {
            self.billed
                .iter()
                .fold(0i64, |sum, b| sum.saturating_add(b.minutes))
        })
    }

    /// The linked fees net of fee refunds; `None` only if the sum overflows.
    pub fn fees_total(&self) -> Option<Money> {
        Money::checked_sum(self.fees.iter().map(|f| f.amount))
    }

    /// Rows used for this contract: payments, scheduled earnings and refunds.
    pub(crate) fn count_rows(&self) -> usize {
        self.payments.len() + self.scheduled.len() + self.refunds.len()
    }

    /// Sets `unknowns` from what the contract knows: the five questions no file answers, then
    /// the client, title, type and rate where they are missing. Used by the importer and again
    /// after a merge or split, so both agree on what is asked.
    pub(crate) fn recompute_unknowns(&mut self) {
        let mut unknowns = vec![
            Unknown::Status,
            Unknown::End,
            Unknown::EndedBy,
            Unknown::EndReason,
            Unknown::Feedback,
        ];
        if self.client.is_none() {
            unknowns.push(Unknown::Client);
        }
        if self.title.is_none() {
            unknowns.push(Unknown::Title);
        }
        if self.kind.is_none() {
            unknowns.push(Unknown::Type);
        }
        if self.kind != Some(ContractKind::Fixed) && self.hourly_rate.is_none() {
            unknowns.push(Unknown::HourlyRate);
        }
        self.unknowns = unknowns;
    }
}

/// Everything imported, before the user fills in the unknowns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub clients: Vec<DraftClient>,
    pub contracts: Vec<DraftContract>,
}

/// A problem with a file or one of its rows. Displays as `FILE:LINE: column N "Name": why`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Issue {
    pub file: String,
    /// 1-based line where the record starts.
    pub line: u64,
    /// `column 1 "Date"` when the problem is one cell.
    pub column: Option<String>,
    pub message: String,
}

impl Issue {
    pub(crate) fn row(file: &str, line: u64, column: Option<String>, message: String) -> Issue {
        Issue {
            file: file.to_string(),
            line,
            column,
            message,
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(column) = &self.column {
            write!(f, "{column}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// One input file in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileReport {
    pub name: String,
    /// `None` when the header matched no format.
    pub format: Option<Format>,
    /// Data rows read (header and blank lines not counted).
    pub rows_read: usize,
}

/// What happened to every row.
///
/// `rows_read = rows_used + scheduled + duplicates + Σ set_aside + skipped.len()`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub files: Vec<FileReport>,
    pub rows_read: usize,
    /// Earnings and refunds placed in a draft contract.
    pub rows_used: usize,
    /// Scheduled earnings (2025+ rows with an empty running balance), kept apart per contract.
    pub scheduled: usize,
    /// Rows already seen in another file (same Ref ID, or the same weekly row).
    pub duplicates: usize,
    /// Rows that are not contract money, by category.
    pub set_aside: BTreeMap<Category, usize>,
    /// Rows that could not be read, with why.
    pub skipped: Vec<Issue>,
    /// Files whose header matched no known export.
    pub unrecognised: Vec<Issue>,
    /// Rows that were read but deserve a look (unknown types, unmatched refunds, ...).
    pub warnings: Vec<Issue>,
    /// Contracts from files of different formats that hold the same payments: probably one
    /// contract exported twice, whose money would be counted twice if both were kept.
    pub overlaps: Vec<Overlap>,
}

impl ImportReport {
    /// How many files matched a known format.
    pub fn recognised_files(&self) -> usize {
        self.files.iter().filter(|f| f.format.is_some()).count()
    }

    /// Every unrecognised file, skipped row and warning, one per line.
    pub fn messages(&self) -> String {
        let mut text = String::new();
        for issue in self
            .unrecognised
            .iter()
            .chain(&self.skipped)
            .chain(&self.warnings)
        {
            text.push_str(&issue.to_string());
            text.push('\n');
        }
        for overlap in &self.overlaps {
            text.push_str("overlap: ");
            text.push_str(&overlap.message());
            text.push('\n');
        }
        text
    }
}

/// The draft and the report of one import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportResult {
    pub draft: Draft,
    pub report: ImportReport,
}

impl ImportResult {
    /// `{ "scenario": {...draft...}, "import_report": {...} }`, pretty-printed (see the
    /// module documentation).
    pub fn to_json_string(&self) -> String {
        output::to_json_string(self)
    }
}

/// Imports the files, each given as (file name, text). Files are read in the given order;
/// where two files hold the same row, the first one's copy is kept. Never panics.
pub fn import_files(files: &[(String, String)]) -> ImportResult {
    let mut report = ImportReport::default();
    let mut all_rows = Vec::new();
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    for (index, (name, text)) in files.iter().enumerate() {
        match rows::read_file(index, name, text) {
            rows::FileRead::Rows {
                format,
                rows,
                skipped,
                warnings,
                records,
            } => {
                report.files.push(FileReport {
                    name: name.clone(),
                    format: Some(format),
                    rows_read: records,
                });
                report.rows_read += records;
                report.skipped.extend(skipped);
                report.warnings.extend(warnings);
                all_rows.extend(rows);
            }
            rows::FileRead::Unrecognised(issue) => {
                report.files.push(FileReport {
                    name: name.clone(),
                    format: None,
                    rows_read: 0,
                });
                report.unrecognised.push(issue);
            }
        }
    }
    let draft = group::build(all_rows, &names, &mut report);
    report.overlaps = find_overlaps(&draft);
    ImportResult { draft, report }
}
