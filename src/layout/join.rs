//! Joining the glyphs of one line into text: where a space goes.
//!
//! CJK text has no spaces between words, so none is inserted between two CJK
//! characters, nor between CJK and a digit ("2024年"), unless the gap is as
//! wide as a character. Between Latin letters or numbers a gap wider than a
//! fraction of the font size is a space, as in pdfplumber's `x_tolerance`.

use std::borrow::Cow;

/// Ideographs, CJK punctuation, kana, hangul, full-width forms.
pub fn is_cjk(c: char) -> bool {
    let c = u32::from(c);
    // Figures and Latin first: most of a table's characters, none of them CJK.
    if c < 0x2E80 {
        return false;
    }
    matches!(c,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x30FF    // CJK punctuation, kana
        | 0x3100..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3134F)
}

/// Gap thresholds, as fractions of the font size.
#[derive(Debug, Clone, Copy)]
pub struct JoinSettings {
    /// Between two non-CJK glyphs (pdfplumber's `x_tolerance`, relative).
    pub latin_space: f32,
    /// When either side is CJK: only a gap this wide is a space.
    pub cjk_space: f32,
}

impl Default for JoinSettings {
    fn default() -> Self {
        JoinSettings {
            latin_space: 0.2,
            cjk_space: 0.5,
        }
    }
}

/// Whether a gap of `gap` points between `prev` and `next` (font size `size`)
/// should read as a space.
pub fn gap_is_space(prev: char, next: char, gap: f32, size: f32, settings: &JoinSettings) -> bool {
    let ratio = if is_cjk(prev) || is_cjk(next) {
        settings.cjk_space
    } else {
        settings.latin_space
    };
    gap > ratio * size.max(1.0)
}

/// The text with every whitespace character removed ("合 计" → "合计"): how
/// labels and titles are compared, whatever spacing the producer put in.
pub fn without_whitespace(s: &str) -> String {
    // Room for all of it up front: collecting a filter would grow the
    // string (and copy it) as it goes.
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter(|c| !c.is_whitespace()));
    out
}

/// Collapses runs of whitespace to one space and trims both ends.
pub fn normalize_whitespace(s: impl AsRef<str> + Into<String>) -> String {
    match whitespace_normalized(s.as_ref()) {
        Cow::Borrowed(_) => s.into(),
        Cow::Owned(normalized) => normalized,
    }
}

/// [`normalize_whitespace`] of a borrowed text: itself when already normal.
pub fn whitespace_normalized(s: &str) -> Cow<'_, str> {
    if is_normal_spacing(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Whether `s` is already as [`normalize_whitespace`] leaves it: single
/// spaces between words, none at either end.
fn is_normal_spacing(s: &str) -> bool {
    // Byte by byte: only ASCII bytes and the lead bytes of U+0085, U+00A0,
    // U+1680 and U+2000–U+3000 can begin whitespace; every other byte belongs
    // to a character that is not.
    let bytes = s.as_bytes();
    let mut previous_space = true;
    for (i, &b) in bytes.iter().enumerate() {
        let space = match b {
            b' ' => true,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return false,
            0xc2 | 0xe1 | 0xe2 | 0xe3 if s[i..].chars().next().is_some_and(char::is_whitespace) => {
                return false;
            }
            _ => false,
        };
        if space && previous_space {
            return false;
        }
        previous_space = space;
    }
    !previous_space || s.is_empty()
}

/// Removes whitespace that touches a CJK character ("2024 年部门" →
/// "2024年部门", "合 计" → "合计") and collapses the rest to single spaces.
pub fn tidy_cjk_spacing(text: impl AsRef<str> + Into<String>) -> String {
    match cjk_spacing_tidied(text.as_ref()) {
        Cow::Borrowed(_) => text.into(),
        Cow::Owned(tidied) => tidied,
    }
}

/// [`tidy_cjk_spacing`] of a borrowed text: itself when it holds no
/// whitespace (most cells), so a caller keeps the text it has.
pub fn cjk_spacing_tidied(text: &str) -> Cow<'_, str> {
    if !text.contains(char::is_whitespace) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        let prev = out.chars().last();
        let next = chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied();
        let cjk_side = prev.is_some_and(is_cjk) || next.is_some_and(is_cjk);
        if !cjk_side && !prev.is_some_and(char::is_whitespace) {
            out.push(' ');
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_and_digits_join_without_space() {
        let s = JoinSettings::default();
        assert!(!gap_is_space('4', '年', 3.0, 10.0, &s));
        assert!(!gap_is_space('预', '算', 2.0, 10.0, &s));
        assert!(!gap_is_space('计', '1', 4.0, 10.0, &s));
        assert!(gap_is_space('预', '算', 12.0, 10.0, &s));
        assert!(gap_is_space('a', 'b', 3.0, 10.0, &s));
        assert!(!gap_is_space('1', '2', 0.5, 10.0, &s));
    }

    #[test]
    fn cjk_spacing_is_removed() {
        assert_eq!(
            tidy_cjk_spacing(" 2024 年部门收支预算表 "),
            "2024年部门收支预算表"
        );
        assert_eq!(tidy_cjk_spacing("合 计"), "合计");
        assert_eq!(tidy_cjk_spacing("General  public 1"), "General public 1");
    }

    #[test]
    fn whitespace_collapses() {
        assert_eq!(normalize_whitespace("  a \u{3000} b\t"), "a b");
        // Text already normal is returned as it is; any other is collapsed.
        for s in [
            "",
            "a",
            "a b",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "合\u{3000}计",
            "1 2 3",
        ] {
            let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(normalize_whitespace(s), collapsed, "{s:?}");
            assert_eq!(is_normal_spacing(s), s == collapsed, "{s:?}");
        }
    }

    #[test]
    fn normal_spacing_is_told_for_every_kind_of_whitespace() {
        // Every whitespace character, characters sharing their lead bytes,
        // ASCII and CJK, in every string of up to three of them.
        let whitespace = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace());
        let neighbours = [
            'a', '1', '合', '\u{00A9}', '\u{1681}', '\u{2010}', '\u{3001}', '\u{1C}',
        ];
        let alphabet: Vec<char> = whitespace.chain(neighbours).collect();
        assert!(alphabet.len() > 30);
        let mut text = String::new();
        for &a in &alphabet {
            for &b in &alphabet {
                for &c in &alphabet {
                    for s in [&[a][..], &[a, b], &[a, b, c]] {
                        text.clear();
                        text.extend(s);
                        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        assert_eq!(is_normal_spacing(&text), text == collapsed, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn cjk_is_told_from_figures_and_latin() {
        for c in ['0', 'a', '%', '\u{00B7}', '\u{2E7F}'] {
            assert!(!is_cjk(c), "{c:?}");
        }
        for c in ['\u{2E80}', '预', '\u{3000}', '（', '\u{20000}'] {
            assert!(is_cjk(c), "{c:?}");
        }
    }
}
