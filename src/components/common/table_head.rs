use std::borrow::Cow;

use leptos::prelude::*;

/// One column heading of a data table: its text, and whether the column holds amounts (an
/// amount column's heading carries the `amount` class, which aligns it with its figures).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    label: Cow<'static, str>,
    amount: bool,
}

impl Column {
    /// A column of text, dates or scores.
    pub const fn new(label: &'static str) -> Self {
        Self {
            label: Cow::Borrowed(label),
            amount: false,
        }
    }

    /// A column of amounts.
    pub const fn amount(label: &'static str) -> Self {
        Self {
            label: Cow::Borrowed(label),
            amount: true,
        }
    }
}

impl From<&'static str> for Column {
    fn from(label: &'static str) -> Self {
        Self::new(label)
    }
}

impl From<String> for Column {
    fn from(label: String) -> Self {
        Self {
            label: Cow::Owned(label),
            amount: false,
        }
    }
}

/// A table's column headings, in order: from an array of names (`["Date", "Contract"]`), an
/// array of [`Column`]s where some hold amounts, or any iterator of either (for headings that
/// are only known when the table is drawn).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns(Vec<Column>);

impl<T: Into<Column>, const N: usize> From<[T; N]> for Columns {
    fn from(columns: [T; N]) -> Self {
        columns.into_iter().collect()
    }
}

impl<T: Into<Column>> FromIterator<T> for Columns {
    fn from_iter<I: IntoIterator<Item = T>>(columns: I) -> Self {
        Self(columns.into_iter().map(Into::into).collect())
    }
}

/// A data table's header row: one `<th scope="col">` a column. The app's tables draw their
/// headings with this one component (most through [`DataTable`]), so they are marked up alike
/// for screen readers, where each heading names its column.
///
/// [`DataTable`]: crate::components::common::data_table::DataTable
#[component]
pub fn TableHead(#[prop(into)] columns: Columns) -> impl IntoView {
    view! {
        <thead>
            <tr>
                {columns
                    .0
                    .into_iter()
                    .map(|c| {
                        view! {
                            <th scope="col" class=c.amount.then_some("amount")>
                                {c.label}
                            </th>
                        }
                    })
                    .collect_view()}
            </tr>
        </thead>
    }
}
