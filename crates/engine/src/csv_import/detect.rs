//! Which export a file is, from its header row.
//!
//! Header cells are compared after stripping a BOM, trimming, collapsing inner whitespace and
//! lower-casing, with the aliases of the reference (`Team|Client team`, `Agency|Agency team`,
//! `Current Balance $|Current balance $`; `Entered Description` optional). Columns are found by
//! name, never by position, so the 19- and 20-column 2025+ layouts both work and extra columns
//! (the weekly summary's optional Activity ID) are ignored.

use std::fmt;

/// The three known Upwork exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `statements_*.csv`: `Date,Ref ID,Type,Description,...,Balance` (to Apr 2024).
    LegacyTransactions,
    /// `*_transaction_report.csv`: `Date,Transaction ID,Transaction type,...` (2025+).
    TransactionReport,
    /// The weekly summary: `"Date","Contract","Hours","Amount","Payment type"`.
    WeeklySummary,
}

impl Format {
    pub const ALL: [Format; 3] = [
        Format::LegacyTransactions,
        Format::TransactionReport,
        Format::WeeklySummary,
    ];

    /// The name used in the import report.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::LegacyTransactions => "legacy_transactions",
            Format::TransactionReport => "transaction_report",
            Format::WeeklySummary => "weekly_summary",
        }
    }

    /// A description for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Format::LegacyTransactions => "legacy transaction history",
            Format::TransactionReport => "2025+ transaction report",
            Format::WeeklySummary => "weekly summary",
        }
    }

    /// The header as Upwork writes it, for messages.
    pub fn expected_header(self) -> &'static str {
        match self {
            Format::LegacyTransactions => {
                "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,Amount in local currency,Currency,Balance"
            }
            Format::TransactionReport => {
                "Date,Transaction ID,Transaction type,Transaction summary,Transaction summary details,Description 1,Description 2,Description 3,[Entered Description,]Agency team,Freelancer,Client team,Account name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current balance $,Payment method"
            }
            Format::WeeklySummary => "\"Date\",\"Contract\",\"Hours\",\"Amount\",\"Payment type\"",
        }
    }

    /// The columns the importer needs, by their canonical (lower-case) name.
    fn required(self) -> &'static [Col] {
        match self {
            Format::LegacyTransactions => &[
                Col::Date,
                Col::RefId,
                Col::Type,
                Col::Description,
                Col::Team,
                Col::Amount,
                Col::Balance,
            ],
            Format::TransactionReport => &[
                Col::Date,
                Col::TransactionId,
                Col::TransactionType,
                Col::TransactionSummary,
                Col::Team,
                Col::RefId,
                Col::Amount,
                Col::Balance,
            ],
            Format::WeeklySummary => &[
                Col::Date,
                Col::Contract,
                Col::Hours,
                Col::Amount,
                Col::PaymentType,
            ],
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// A column the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Col {
    Date,
    RefId,
    Type,
    Description,
    Team,
    Amount,
    Balance,
    TransactionId,
    TransactionType,
    TransactionSummary,
    SummaryDetails,
    Description1,
    Description2,
    Description3,
    EnteredDescription,
    Contract,
    Hours,
    PaymentType,
}

impl Col {
    pub(crate) const COUNT: usize = 18;

    fn index(self) -> usize {
        self as usize
    }
}

/// Lower-case, trimmed, whitespace collapsed, BOM and zero-width characters removed.
pub(crate) fn normalise(cell: &str) -> String {
    let cleaned: String = cell
        .chars()
        .filter(|c| !matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}'))
        .map(|c| if c == '\u{a0}' { ' ' } else { c })
        .collect();
    cleaned
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn column_of(name: &str) -> Option<Col> {
    Some(match name {
        "date" => Col::Date,
        "ref id" => Col::RefId,
        "type" => Col::Type,
        "description" => Col::Description,
        "team" | "client team" => Col::Team,
        "amount" | "amount $" => Col::Amount,
        "balance" | "current balance $" => Col::Balance,
        "transaction id" => Col::TransactionId,
        "transaction type" => Col::TransactionType,
        "transaction summary" => Col::TransactionSummary,
        "transaction summary details" => Col::SummaryDetails,
        "description 1" => Col::Description1,
        "description 2" => Col::Description2,
        "description 3" => Col::Description3,
        "entered description" => Col::EnteredDescription,
        "contract" => Col::Contract,
        "hours" => Col::Hours,
        "payment type" => Col::PaymentType,
        _ => return None,
    })
}

/// Where each known column sits in a file, plus the header's cells for messages.
#[derive(Clone, Debug)]
pub(crate) struct Columns {
    positions: [Option<usize>; Col::COUNT],
    /// The header cells as written (BOM stripped, trimmed).
    pub(crate) names: Vec<String>,
}

impl Columns {
    pub(crate) fn position(&self, col: Col) -> Option<usize> {
        self.positions.get(col.index()).copied().flatten()
    }

    /// The header's name for a cell index, for messages.
    pub(crate) fn name(&self, index: usize) -> &str {
        self.names.get(index).map(String::as_str).unwrap_or("")
    }

    fn has(&self, col: Col) -> bool {
        self.position(col).is_some()
    }
}

/// Why a header matched no format: the closest format and what it lacked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NoMatch {
    pub(crate) closest: Option<(Format, Vec<&'static str>)>,
}

fn canonical_name(col: Col) -> &'static str {
    match col {
        Col::Date => "Date",
        Col::RefId => "Ref ID",
        Col::Type => "Type",
        Col::Description => "Description",
        Col::Team => "Team (or Client team)",
        Col::Amount => "Amount (or Amount $)",
        Col::Balance => "Balance (or Current balance $)",
        Col::TransactionId => "Transaction ID",
        Col::TransactionType => "Transaction type",
        Col::TransactionSummary => "Transaction summary",
        Col::SummaryDetails => "Transaction summary details",
        Col::Description1 => "Description 1",
        Col::Description2 => "Description 2",
        Col::Description3 => "Description 3",
        Col::EnteredDescription => "Entered Description",
        Col::Contract => "Contract",
        Col::Hours => "Hours",
        Col::PaymentType => "Payment type",
    }
}

/// Detects the format of a header row (reference §5 "Detect the format by header").
pub(crate) fn detect(header: &[String]) -> Result<(Format, Columns), NoMatch> {
    let mut positions = [None; Col::COUNT];
    let mut names = Vec::with_capacity(header.len());
    for (index, cell) in header.iter().enumerate() {
        let shown: String = cell
            .chars()
            .filter(|c| *c != '\u{feff}')
            .collect::<String>()
            .trim()
            .to_string();
        names.push(shown);
        if let Some(col) = column_of(&normalise(cell)) {
            if let Some(slot) = positions.get_mut(col.index()) {
                // The first occurrence wins, so a repeated column cannot shadow the real one.
                slot.get_or_insert(index);
            }
        }
    }
    let columns = Columns { positions, names };
    // Transaction ID + Transaction type → 2025+; Ref ID + Type + Balance without a
    // Transaction ID → legacy; Contract + Hours + Payment type → weekly summary.
    let format = if columns.has(Col::TransactionId) && columns.has(Col::TransactionType) {
        Some(Format::TransactionReport)
    } else if columns.has(Col::RefId) && columns.has(Col::Type) && columns.has(Col::Balance) {
        Some(Format::LegacyTransactions)
    } else if columns.has(Col::Contract) && columns.has(Col::Hours) && columns.has(Col::PaymentType)
    {
        Some(Format::WeeklySummary)
    } else {
        None
    };
    let missing = |format: Format| -> Vec<&'static str> {
        format
            .required()
            .iter()
            .filter(|col| !columns.has(**col))
            .map(|col| canonical_name(*col))
            .collect()
    };
    if let Some(format) = format {
        let lacking = missing(format);
        if lacking.is_empty() {
            return Ok((format, columns));
        }
        return Err(NoMatch {
            closest: Some((format, lacking)),
        });
    }
    // The closest format: the one with the most required columns present (at least two).
    let closest = Format::ALL
        .into_iter()
        .map(|format| {
            let lacking = missing(format);
            let present = format.required().len().saturating_sub(lacking.len());
            (present, format, lacking)
        })
        .filter(|(present, _, _)| *present >= 2)
        .max_by_key(|(present, format, _)| (*present, std::cmp::Reverse(*format)))
        .map(|(_, format, lacking)| (format, lacking));
    Err(NoMatch { closest })
}
