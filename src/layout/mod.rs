//! Layout: a page's glyphs in, text lines in reading order out.
//!
//! Glyphs are grouped by writing direction and turned upright, gathered into
//! lines by vertical overlap, ordered left to right, and joined by a CJK-aware
//! joiner ([`join`]): no space between CJK characters nor between CJK and
//! digits, a space elsewhere only where the gap between glyphs shows one.

pub mod join;
pub mod lines;

pub use join::is_cjk;
pub use lines::{LayoutSettings, LineScratch, TextLine, line_texts_of, lines_of, text_lines};

use crate::pdf::Page;

/// The page's text: lines top to bottom, each left to right, joined by "\n".
pub fn page_text(page: &Page) -> String {
    let settings = LayoutSettings::default();
    let lines = text_lines(page, &settings);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&line.text);
    }
    out
}
