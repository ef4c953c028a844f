//! The reading engine: PDF bytes in, pages of positioned glyphs and ruling
//! graphics out.
//!
//! - [`document`] opens the file with lopdf (xref recovery, empty-password
//!   decryption) and walks the page tree with inherited attributes;
//! - [`content`] interprets content streams and drives a [`content::Device`];
//! - [`font`] turns string bytes into Unicode and advances, for every font kind.

pub mod content;
mod deferred;
pub mod document;
pub mod font;
pub mod geometry;
pub mod image;
pub mod load;
pub mod objects;
pub mod page;
pub mod salvage;
pub mod stream;

pub use document::{
    DocInfo, FontInfo, Ocr, PdfDocument, ReadOptions, ReadSummary, ScanReader, read, read_pages,
    read_with,
};
pub use geometry::{BBox, Matrix};
pub use page::{FontId, Glyph, Image, Line, Page, Rect};
