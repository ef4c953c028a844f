//! Output: the schema-versioned document JSON ([`document`]). Field names are a
//! contract with downstream users; fields are only ever added.

pub mod cells;
pub mod document;
pub mod golden;
pub mod json;
pub mod parquet;
pub mod svg;
pub mod warehouse;

pub use document::{DocumentJson, SCHEMA_VERSION};
