//! What a font's character codes show, remembered for one page: a code in,
//! its text as the page's glyphs carry it (normalised), its advance width
//! and whether its text is unlikely in a disclosure out.
//!
//! A table page shows the same few hundred codes (figures, common
//! characters) thousands of times: each is decoded and normalised once. A
//! memo is kept for one page, so it holds no more than a page's distinct
//! codes.

use crate::pdf::font::cmap::code_value;
use crate::pdf::font::{Font, GlyphText};
use crate::text::{normalize_str, unlikely_in_a_disclosure};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// What one code shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// Normalised text; `None` when nothing could tell (unmapped).
    pub text: Option<GlyphText>,
    /// Horizontal advance per unit of font size.
    pub width: f32,
    /// The text holds a character no disclosure prints (a sign of a wrong map).
    pub unlikely: bool,
}

impl Shown {
    /// Decodes and normalises one code of `font`.
    pub fn of(font: &Font, code_bytes: &[u8]) -> Shown {
        let (text, width) = font.decode_code(code_bytes);
        let text = text.map(|t| match normalize_str(&t) {
            Cow::Borrowed(_) => t,
            Cow::Owned(normalized) => normalized.into(),
        });
        let unlikely = text
            .as_deref()
            .is_some_and(|t| t.chars().any(unlikely_in_a_disclosure));
        Shown {
            text,
            width,
            unlikely,
        }
    }
}

/// What one font's codes showed on this page, by code length and value.
#[derive(Debug, Default)]
pub struct ShownMemo {
    shown: FxHashMap<(u8, u32), Shown>,
}

impl ShownMemo {
    /// What `code_bytes` of `font` show. A memo serves one font only.
    pub fn get(&mut self, font: &Font, code_bytes: &[u8]) -> &Shown {
        // Codes are at most four bytes: the length tells 0x41 from 0x0041.
        let key = (code_bytes.len() as u8, code_value(code_bytes));
        self.shown
            .entry(key)
            .or_insert_with(|| Shown::of(font, code_bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::font::mixed_length_font;

    #[test]
    fn a_memo_gives_what_decoding_afresh_gives() {
        let font = mixed_length_font();
        let strings: [&[u8]; 5] = [
            b"AAB",
            &[0x81, 0x41, 0x41, 0x81, 0x41],
            b"A",
            &[0x41, 0x81],
            &[0x00, 0x41],
        ];
        let mut memo = ShownMemo::default();
        for bytes in strings {
            for code in font.codes(bytes) {
                assert_eq!(memo.get(&font, code), &Shown::of(&font, code), "{code:?}");
            }
        }
        let texts: Vec<_> = font
            .codes(&[0x41, 0x81, 0x41])
            .map(|code| memo.get(&font, code).text.clone())
            .collect();
        assert_eq!(texts, [Some("A".into()), Some("一".into())]);
        // One entry per distinct code, whatever its length: 0x41, 0x42,
        // 0x8141, the cut-off 0x81 and 0x00.
        assert_eq!(memo.shown.len(), 5);
    }

    #[test]
    fn text_is_normalised_and_judged_as_decoded() {
        let font = mixed_length_font();
        // U+2F00 (Kangxi radical one) is the ideograph U+4E00 on the page.
        let radical = Shown::of(&font, b"B");
        assert_eq!(radical.text.as_deref(), Some("一"));
        assert!(!radical.unlikely);
        // Hangul in a Chinese disclosure is a wrong map's sign.
        let hangul = Shown::of(&font, &[0x81, 0x42]);
        assert_eq!(hangul.text.as_deref(), Some("가"));
        assert!(hangul.unlikely);
        assert_eq!(hangul.width, 1.0);
    }
}
