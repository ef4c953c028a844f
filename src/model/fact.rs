//! A key figure of the document (a total, a split, a 三公 cost) and where it
//! was read: a table cell or a narrative sentence, printed and exact.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub key: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    pub unit: Option<String>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub value_yuan: Option<Decimal>,
    /// "table" or "narrative".
    pub source: String,
    pub page: u32,
    /// The row and column, or the sentence, the figure was read from.
    pub text: String,
    pub printed: String,
    /// The table's id, for facts from tables.
    pub table: Option<String>,
    /// The column's header path (" / "-joined), for facts from tables.
    pub column: Option<String>,
}
