//! The document model at the bottom of the pipeline: plain structs every
//! stage reads or fills — [`document`] (the document, its tables and rows),
//! [`record`] (a row's meaning), [`fact`] (a key figure), [`check`] (an
//! identity's outcome). No stage's logic lives here, so data flows one way:
//! records and checks fill the model, output only writes it.

pub mod check;
pub mod document;
pub mod fact;
pub mod record;
