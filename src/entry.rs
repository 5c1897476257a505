//! The fast table's rows as typed: its columns, pasted spreadsheet lines as rows, and each row
//! handed to the engine (`jss_engine::scenario::ops::read::add_rows`), which reads and checks
//! every cell. Pure functions (no signals), so the table and its tests share them.

use jss_engine::scenario::ops::read::RowText;
use jss_engine::scenario::ops::Field;

/// The columns of the fast table, in order: (the engine's field, label). The rate comes last
/// so that lines pasted in the original eight-column order still fill the same cells.
pub const COLUMNS: [(Field, &str); 9] = [
    (Field::Client, "Client"),
    (Field::Title, "Title"),
    (Field::Kind, "Type"),
    (Field::Start, "Start"),
    (Field::EndDate, "End"),
    (Field::Earned, "Earned (USD)"),
    (Field::Stars, "Stars"),
    (Field::EndReason, "End reason"),
    (Field::HourlyRate, "Rate $/hr"),
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

    /// The row in the engine's words.
    pub fn text(&self) -> RowText {
        let [client, title, kind, start, end, earned, stars, reason, rate] = self.cells.clone();
        RowText {
            client,
            title,
            kind,
            start,
            end,
            earned,
            stars,
            reason,
            rate,
        }
    }
}

/// The column a problem is shown in: its field's, or the first for a problem of the whole row.
pub fn column_of(field: Field) -> usize {
    COLUMNS.iter().position(|(f, _)| *f == field).unwrap_or(0)
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
