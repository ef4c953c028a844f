//! budgetpdf: Chinese government budget disclosure PDFs in, clean data out.
//!
//! The pipeline runs in stages, each in its own module, and data flows one way
//! through plain structs:
//!
//! 1. [`pdf`] — bytes → [`pdf::PdfDocument`]: pages of positioned glyphs (Unicode,
//!    normalised by [`text`]) and ruling graphics (lines, rectangles).
//! 2. [`layout`] — glyphs → text lines in reading order.
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
pub mod model;
pub mod output;
pub mod pdf;
pub mod records;
pub mod segment;
pub mod table;
pub mod text;

pub use error::{DocError, ErrorKind};
pub use extract::{ExtractOptions, extract, extract_with, sha256_hex, table_notes};
