//! budgetpdf: Chinese government budget disclosure PDFs (部门预算 / 单位预算 /
//! 部门决算 公开) in, clean, validated data out.
//!
//! One call does the whole job: [`extract`] takes a PDF's bytes and returns
//! its [`DocumentJson`](output::DocumentJson) — identity, sections, tables with
//! typed records and exact amounts, key figures, the accounting identities
//! checked, and diagnostics. It never panics on input: a damaged, encrypted
//! or scanned file comes back with `error` set and whatever could be read.
//!
//! ```
//! let bytes = std::fs::read("samples/generated/henan-mengjin-shebao-2024-dept-budget.pdf")?;
//! let doc = budgetpdf::extract(&bytes, "henan-mengjin-shebao-2024-dept-budget.pdf");
//! assert!(doc.error.is_none());
//! for table in &doc.tables {
//!     println!("{} {:?}: {} rows", table.id, table.title, table.rows.len());
//! }
//! // Amounts are exact decimals, in 元 where the table's unit is known.
//! let spending = doc.tables.iter().find(|t| t.kind == "expenditure").unwrap();
//! let leaves: rust_decimal::Decimal = spending
//!     .records
//!     .iter()
//!     .filter(|r| r.leaf)
//!     .filter_map(|r| r.amounts.first()?.value_yuan)
//!     .sum();
//! assert!(leaves > rust_decimal::Decimal::ZERO);
//! // Failed checks are inconsistencies printed in the document, with figures and pages.
//! for check in doc.checks.iter().filter(|c| c.status == budgetpdf::model::check::Status::Fail) {
//!     println!("{}: {} (pages {:?})", check.id, check.message, check.pages);
//! }
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! The JSON is the contract (`schema/document.schema.json`); a stored output
//! reads back into the same type, so golden files and caches need no second
//! model:
//!
//! ```
//! let text = std::fs::read_to_string("golden/sh-putuo-sifaju-2026-dept-budget.json")?;
//! let doc: budgetpdf::output::DocumentJson = serde_json::from_str(&text)?;
//! assert_eq!(doc.source.file, "sh-putuo-sifaju-2026-dept-budget.pdf");
//! assert!(!doc.tables.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The pipeline runs in stages, each in its own module, and data flows one way
//! through plain structs:
//!
//! 1. [`pdf`] — bytes → [`pdf::PdfDocument`]: pages of positioned glyphs (Unicode,
//!    normalised by [`text`]) and ruling graphics (lines, rectangles).
//! 2. [`layout`] — glyphs → text lines in reading order.
//! 3. [`segment`] — lines → the document's identity (entity, year, kind, scope)
//!    and its sections.
//! 4. [`table`] — ruling lines and glyphs → tables (cells, header paths,
//!    titles, continuation across pages).
//! 5. [`records`] — tables → typed records (codes, names, exact amounts),
//!    column roles and key figures ([`model`] holds the plain structs).
//! 6. [`checks`] — records and facts → accounting identities checked.
//! 7. [`output`] — the document JSON, golden diffs, warehouse tables
//!    (NDJSON, CSV, Parquet) and debug pictures.
//! 8. [`batch`] — many files in parallel, resumable, sharded.
//!
//! Each stage can be used alone, e.g. the text of every page:
//!
//! ```no_run
//! let bytes = std::fs::read("budget.pdf").unwrap();
//! let doc = budgetpdf::pdf::read(&bytes).expect("a readable PDF");
//! for page in &doc.pages {
//!     println!("{}", budgetpdf::layout::page_text(page));
//! }
//! ```

pub mod batch;
pub mod checks;
pub mod error;
mod extract;
pub mod layout;
pub mod memory;
pub mod model;
pub mod ocr;
pub mod output;
mod pack;
pub mod pdf;
pub mod records;
pub mod segment;
pub mod table;
pub mod text;

pub use error::{DocError, ErrorKind};
pub use extract::{
    ExtractOptions, OcrMode, extract, extract_owned, extract_with, read_options, sha256_hex,
    table_notes,
};
