//! Text normalisation applied to every glyph's Unicode text.
//!
//! PDF producers (Chromium, WPS) often map ideographs to look-alike code points
//! in the CJK Radicals Supplement and Kangxi Radicals blocks (⻔ U+2ED4 for 门),
//! or to CJK Compatibility Ideographs; a search for 门 must still find them.
//! Punctuation is left as printed.

pub mod normalize;

pub use normalize::{normalize_char, normalize_str};
