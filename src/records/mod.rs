//! Records: tables (grids of strings) in, meaning out — each table's kind
//! ([`kinds`]), typed records with exact amounts ([`rows`], [`amount`]),
//! and the document's key figures as facts from the tables ([`facts`]) and
//! from the 情况说明 sentences ([`narrative`]). Records carry nothing the grid
//! does not: every amount keeps the string it was read from.

pub mod amount;
pub mod column_role;
pub mod columns;
pub mod facts;
pub mod kinds;
pub mod narrative;
pub mod rows;

pub use crate::model::record::{Amount, Attributes, CodeScheme, ColumnRole, Record};
