//! The document JSON, version 1: the model's [`crate::model::document`]
//! types, which serialise to it field by field (kept here under their old
//! path for library users).

pub use crate::model::document::*;
