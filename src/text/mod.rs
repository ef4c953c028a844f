//! Text normalisation applied to every glyph's Unicode text.
//!
//! PDF producers (Chromium, WPS) often map ideographs to look-alike code points
//! in the CJK Radicals Supplement and Kangxi Radicals blocks (⻔ U+2ED4 for 门),
//! or to CJK Compatibility Ideographs; a search for 门 must still find them.
//! Punctuation is left as printed.

pub mod normalize;

pub use normalize::{normalize_char, normalize_str};

/// Characters a Chinese budget disclosure never prints: Hangul, private
/// use, and scripts of other regions. Text made of them comes from a
/// damaged character map, not from the document.
pub fn unlikely_in_a_disclosure(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0590..=0x08FF // Hebrew, Arabic, Syriac, Thaana…
            | 0x0900..=0x0DFF // Indic scripts
            | 0x0E00..=0x0EFF // Thai, Lao
            | 0x1100..=0x11FF // Hangul Jamo
            | 0x3130..=0x318F // Hangul compatibility Jamo
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7FF // Hangul syllables and Jamo extended
            | 0xE000..=0xF8FF // private use
            | 0xF0000..=0x10FFFF
    )
}

#[cfg(test)]
mod unlikely_tests {
    use super::unlikely_in_a_disclosure;

    #[test]
    fn hangul_and_private_use_are_unlikely_and_chinese_is_not() {
        for c in ['뿞', 'ᄀ', '\u{E001}', 'ب'] {
            assert!(unlikely_in_a_disclosure(c), "{c}");
        }
        for c in ['支', '出', '1', '，', '（', 'Ⅱ', '①', '%', 'é', '\u{FFFD}'] {
            assert!(!unlikely_in_a_disclosure(c), "{c}");
        }
    }
}
