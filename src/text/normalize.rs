//! Per-glyph Unicode normalisation for simplified-Chinese documents.
//!
//! **In:** the Unicode text a PDF assigns to a glyph (via ToUnicode, a
//! predefined CMap or a CID collection), one `char` or a `&str`.
//!
//! **Out:** the same text with look-alike code points replaced by the CJK
//! Unified Ideograph a reader sees and would search for:
//!
//! 1. CJK Radicals Supplement (U+2E80–2EFF), Kangxi Radicals (U+2F00–2FDF)
//!    and CJK Strokes (U+31C0–31EF) map to their Unicode
//!    `Equivalent_Unified_Ideograph` (⻔ U+2ED4 → 门 U+95E8, ⼊ U+2F0A → 入
//!    U+5165), from the generated table in `radicals_table.rs`.
//! 2. A few Kangxi radicals whose Unicode equivalent is a traditional
//!    character are overridden with the simplified character that GB fonts
//!    draw for them (see `simplified_override`); today only ⼾ → 户.
//! 3. CJK Compatibility Ideographs (U+F900–FAFF, U+2F800–2FA1F) map to their
//!    canonical decomposition (豈 U+F900 → 豈 U+8C48).
//! 4. Everything else is returned unchanged: punctuation （）、，, full-width
//!    digits and letters, ASCII, and ordinary ideographs stay as printed.
//!
//! The mapping is one `char` to one `char`, and idempotent. It runs on every
//! glyph, so characters outside the few affected blocks are rejected by a
//! range check before any lookup, and [`normalize_str`] borrows its input
//! when nothing changes.

use std::borrow::Cow;

#[path = "radicals_table.rs"]
mod radicals_table;

use radicals_table::RADICAL_TO_IDEOGRAPH;

// Code point ranges holding every key of `RADICAL_TO_IDEOGRAPH` (checked by
// a test): CJK Radicals Supplement through Kangxi Radicals, and CJK Strokes.
const RADICALS_FIRST: u32 = 0x2E80;
const RADICALS_LAST: u32 = 0x2FDF;
const STROKES_FIRST: u32 = 0x31C0;
const STROKES_LAST: u32 = 0x31EF;

/// Normalises one character; see the module documentation.
#[inline]
pub fn normalize_char(c: char) -> char {
    let cp = c as u32;
    // Everything below the radical blocks (ASCII, Latin, general punctuation,
    // ...) is by far the most common case after ideographs; reject it first.
    if cp < RADICALS_FIRST {
        return c;
    }
    match cp {
        RADICALS_FIRST..=RADICALS_LAST | STROKES_FIRST..=STROKES_LAST => radical_to_ideograph(c),
        0xF900..=0xFAFF | 0x2F800..=0x2FA1F => compatibility_to_unified(c),
        _ => c,
    }
}

/// Normalises a string; see the module documentation. Returns
/// [`Cow::Borrowed`] when no character changes.
pub fn normalize_str(s: &str) -> Cow<'_, str> {
    let Some((start, first)) = s
        .char_indices()
        .find_map(|(i, c)| Some((i, normalize_char(c))).filter(|&(_, n)| n != c))
    else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 4);
    out.push_str(&s[..start]);
    out.push(first);
    let rest = &s[start..];
    // Skip the character already replaced.
    let skip = rest.chars().next().map_or(0, char::len_utf8);
    out.extend(rest[skip..].chars().map(normalize_char));
    Cow::Owned(out)
}

/// Overrides for simplified-Chinese documents, applied before the Unicode
/// table.
///
/// An override is justified only when (a) the Unicode equivalent of a Kangxi
/// radical is a traditional character with a distinct simplified form in
/// GB2312, (b) Unicode has no separate simplified-form radical for it in the
/// CJK Radicals Supplement, so GB fonts and GB-encoded producers use the
/// Kangxi code point for the simplified shape, and (c) the traditional
/// character cannot sensibly occur in a simplified-Chinese budget document.
///
/// Reviewed (the "review list" in `radicals_table.rs`: Kangxi radicals whose
/// equivalent is outside GB2312 and that have no simplified radical form):
///
/// * ⼾ U+2F3E (戶 U+6236) → 户 U+6237: **overridden.** The radical has no
///   simplified counterpart in the CJK Radicals Supplement; Chinese PDFs
///   produced with GB fonts map the glyph of 户 (账户, 户籍, 住户) to U+2F3E
///   in their ToUnicode CMaps (a well-known copy/paste artefact), and 戶 does
///   not occur in simplified Chinese.
/// * ⾭ U+2FAD 靑 (not → 青): the simplified shape has its own radical, ⻘
///   U+2ED8 → 青 U+9752, and Adobe-GB1's UniGB-UTF32-H CMap maps U+2FAD to the
///   靑 glyph (CID 20714), so a GB font draws U+2FAD in the traditional shape.
/// * ⾾ U+2FBE 鬥 (not → 斗): the radical for 斗 is ⽃ U+2F43; ⾾ is drawn
///   as 鬥.
/// * ⼅ 亅, ⼖ 匸, ⼢ 夊, ⽨ 癶, ⽱ 禸, ⾋ 艸, ⾑ 襾, ⾤ 釆: these characters have
///   no simplified form; they are merely absent from GB2312.
///
/// The other Kangxi radicals with traditional equivalents (⾒ 見, ⾙ 貝, ⾞ 車,
/// ⾧ 長, ⾨ 門, ⾱ 韋, ⾴ 頁, ⾵ 風, ⾶ 飛, ⾺ 馬, ⿂ 魚, ⿃ 鳥, ⿄ 鹵, ⿆ 麥, ⿈ 黃,
/// ⿌ 黽, ⿑ 齊, ⿒ 齒, ⿓ 龍, ⿔ 龜) are not overridden: each has a simplified
/// radical in the CJK Radicals Supplement (⻅ ⻉ ⻋ ⻓ ⻔ ⻙ ⻚ ⻛ ⻜ ⻢ ⻥ ⻦ ⻧ ⻨ ⻩
/// ⻪ ⻬ ⻮ ⻰ ⻳, which the table maps to 见 贝 车 长 门 …), and Adobe-GB1 maps
/// each Kangxi code point to the traditional glyph, so a Kangxi code point
/// in a PDF really does show the traditional shape.
#[inline]
fn simplified_override(cp: u32) -> Option<char> {
    match cp {
        0x2F3E => Some('\u{6237}'), // ⼾ → 户 (Unicode: 戶 U+6236)
        _ => None,
    }
}

#[cold]
fn radical_to_ideograph(c: char) -> char {
    let cp = c as u32;
    if let Some(o) = simplified_override(cp) {
        return o;
    }
    match RADICAL_TO_IDEOGRAPH.binary_search_by_key(&cp, |&(k, _)| k) {
        Ok(i) => char::from_u32(RADICAL_TO_IDEOGRAPH[i].1).unwrap_or(c),
        Err(_) => c,
    }
}

#[cold]
fn compatibility_to_unified(c: char) -> char {
    // A CJK compatibility ideograph decomposes canonically to exactly one
    // unified ideograph; the twelve unified ideographs that live in the
    // U+FAxx block (U+FA0E 﨎, …) and unassigned code points decompose to
    // themselves.
    let mut first = c;
    let mut count = 0;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if count == 0 {
            first = d;
        }
        count += 1;
    });
    if count == 1 { first } else { c }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_unified_ideograph(cp: u32) -> bool {
        matches!(
            cp,
            0x4E00..=0x9FFF       // CJK Unified Ideographs
            | 0x3400..=0x4DBF     // Extension A
            | 0x20000..=0x2A6DF   // Extension B
            | 0x2A700..=0x2B73F   // Extension C
            | 0x2B740..=0x2B81F   // Extension D
            | 0x2B820..=0x2CEAF   // Extension E
            | 0x2CEB0..=0x2EBEF   // Extension F
            | 0x2EBF0..=0x2EE5F   // Extension I
            | 0x30000..=0x3134F   // Extension G
            | 0x31350..=0x323AF // Extension H
        )
    }

    #[test]
    fn supplement_radicals() {
        assert_eq!(normalize_char('⻔'), '门'); // U+2ED4 → U+95E8
        assert_eq!(normalize_char('⻋'), '车'); // U+2ECB → U+8F66
        assert_eq!(normalize_char('⺠'), '民'); // U+2EA0 → U+6C11
        assert_eq!(normalize_char('⻓'), '长'); // U+2ED3 → U+957F
    }

    #[test]
    fn kangxi_radicals() {
        assert_eq!(normalize_char('\u{2F0A}'), '\u{5165}'); // ⼊ → 入
        assert_eq!(normalize_char('\u{2F00}'), '一');
        assert_eq!(normalize_char('\u{2F64}'), '用');
        // Not overridden: the Kangxi code point is the traditional shape.
        assert_eq!(normalize_char('\u{2FA8}'), '門');
    }

    #[test]
    fn hu_override() {
        assert_eq!(normalize_char('\u{2F3E}'), '\u{6237}'); // ⼾ → 户, not 戶
        assert_eq!(normalize_str("账\u{2F3E}"), "账户");
    }

    #[test]
    fn strokes() {
        assert_eq!(normalize_char('\u{31D0}'), '一'); // ㇐
        assert_eq!(normalize_char('\u{31C0}'), '\u{31C0}'); // ㇀: no equivalent
    }

    #[test]
    fn compatibility_ideographs() {
        assert_eq!(normalize_char('\u{F900}'), '\u{8C48}'); // 豈
        assert_eq!(normalize_char('\u{F9B5}'), '\u{4F8B}'); // 例
        assert_eq!(normalize_char('\u{2F800}'), '\u{4E3D}'); // 丽
        // A unified ideograph inside the compatibility block stays.
        assert_eq!(normalize_char('\u{FA0E}'), '\u{FA0E}');
        // Unassigned code point in the block stays.
        assert_eq!(normalize_char('\u{FAFF}'), '\u{FAFF}');
    }

    #[test]
    fn punctuation_and_full_width_unchanged() {
        for c in "（）、，。：；“”《》【】—…％".chars() {
            assert_eq!(normalize_char(c), c, "{c}");
        }
        for c in "０１２３４５６７８９ＡＺａｚ".chars() {
            assert_eq!(normalize_char(c), c, "{c}");
        }
        assert!(matches!(
            normalize_str("（一）、２０２４年，"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn plain_text_is_borrowed() {
        let s = "2024年部门预算收支总表 Total 1,234.56";
        match normalize_str(s) {
            Cow::Borrowed(b) => assert!(std::ptr::eq(b, s)),
            Cow::Owned(_) => panic!("plain text must be borrowed"),
        }
        assert!(matches!(normalize_str(""), Cow::Borrowed("")));
    }

    #[test]
    fn mixed_string() {
        let s = "部⻔预算：⼀般公共预算收⼊（⻋辆购置税）豈";
        assert_eq!(
            normalize_str(s),
            "部门预算：一般公共预算收入（车辆购置税）\u{8C48}"
        );
        // Length changes (3-byte radical → 4-byte Extension B ideograph).
        assert_eq!(normalize_str("a\u{31C6}b"), "a\u{200CC}b");
    }

    #[test]
    fn idempotent() {
        for &(k, _) in RADICAL_TO_IDEOGRAPH {
            let c = char::from_u32(k).unwrap();
            let once = normalize_char(c);
            assert_eq!(normalize_char(once), once);
        }
    }

    #[test]
    fn table_sorted_and_inside_checked_ranges() {
        assert!(RADICAL_TO_IDEOGRAPH.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(RADICAL_TO_IDEOGRAPH.len() >= 214 + 100);
        for &(k, _) in RADICAL_TO_IDEOGRAPH {
            assert!(
                (RADICALS_FIRST..=RADICALS_LAST).contains(&k)
                    || (STROKES_FIRST..=STROKES_LAST).contains(&k),
                "U+{k:04X} outside the ranges normalize_char checks"
            );
        }
    }

    #[test]
    fn every_table_entry_maps_to_unified_ideograph() {
        for &(k, v) in RADICAL_TO_IDEOGRAPH {
            assert!(is_unified_ideograph(v), "U+{k:04X} → U+{v:04X}");
            let c = char::from_u32(k).unwrap();
            assert!(is_unified_ideograph(normalize_char(c) as u32), "U+{k:04X}");
        }
        // Every Kangxi radical is covered.
        for k in 0x2F00..=0x2FD5u32 {
            let c = char::from_u32(k).unwrap();
            assert!(is_unified_ideograph(normalize_char(c) as u32), "U+{k:04X}");
        }
    }
}
