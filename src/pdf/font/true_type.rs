//! Embedded TrueType / OpenType font programs (FontFile2, FontFile3/OpenType),
//! read with `ttf-parser` for the one thing text extraction needs from them
//! when a PDF gives no `ToUnicode`: which character each glyph draws (and,
//! for a font whose widths were lost to damage, each glyph's advance).
//! Font data in, lookup tables out; a program that does not parse yields none.

use rustc_hash::FxHashMap as HashMap;
use ttf_parser::{Face, GlyphId, PlatformId};

/// Each glyph's advance in 1/1000 em (indexed by glyph id), from `hmtx`.
pub fn advance_widths(data: &[u8]) -> Option<Vec<f32>> {
    let face = Face::parse(data, 0).ok()?;
    let per_em = f32::from(face.units_per_em().max(1));
    Some(
        (0..face.number_of_glyphs())
            .map(|g| {
                face.glyph_hor_advance(GlyphId(g))
                    .map_or(0.0, |a| f32::from(a) * 1000.0 / per_em)
            })
            .collect(),
    )
}

/// Glyph id → Unicode, by inverting the font's Unicode cmap subtables.
///
/// Fonts often map one glyph from several code points (门 and the radical ⻔,
/// an ideograph and a compatibility ideograph); the unified ideograph is the
/// one the document means, so code points outside the radical, compatibility
/// and private-use blocks win.
pub fn glyph_to_unicode(data: &[u8]) -> HashMap<u16, char> {
    let mut map: HashMap<u16, char> = HashMap::default();
    let Ok(face) = Face::parse(data, 0) else {
        return map;
    };
    let Some(cmap) = face.tables().cmap else {
        return map;
    };
    for subtable in cmap.subtables {
        if !subtable.is_unicode() {
            continue;
        }
        subtable.codepoints(|cp| {
            let (Some(gid), Some(c)) = (subtable.glyph_index(cp), char::from_u32(cp)) else {
                return;
            };
            map.entry(gid.0)
                .and_modify(|old| {
                    if preference(c) < preference(*old) {
                        *old = c;
                    }
                })
                .or_insert(c);
        });
    }
    map
}

/// Lower is better: which of two code points for one glyph to report.
fn preference(c: char) -> u8 {
    match u32::from(c) {
        0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F => 2,
        0xE000..=0xF8FF | 0xF0000.. => 3,
        _ => 1,
    }
}

/// For a symbolic simple TrueType font: each one-byte code's Unicode text,
/// found by code → glyph (through the (3,0) or (1,0) cmap, as PDF readers do)
/// and then glyph → Unicode (the font's Unicode cmap, else the glyph's name).
pub fn symbolic_code_table(data: &[u8]) -> Vec<Option<String>> {
    let mut table = vec![None; 256];
    let Ok(face) = Face::parse(data, 0) else {
        return table;
    };
    let inverse = glyph_to_unicode(data);
    let Some(cmap) = face.tables().cmap else {
        return table;
    };
    for (code, slot) in table.iter_mut().enumerate() {
        let code = code as u32;
        let gid = cmap.subtables.into_iter().find_map(|s| {
            match (s.platform_id, s.encoding_id) {
                (PlatformId::Windows, 0) => {
                    s.glyph_index(0xF000 + code).or_else(|| s.glyph_index(code))
                }
                (PlatformId::Macintosh, 0) => s.glyph_index(code),
                _ => None,
            }
            .filter(|g| g.0 != 0)
        });
        let Some(gid) = gid else { continue };
        *slot = inverse
            .get(&gid.0)
            .map(|c| c.to_string())
            .or_else(|| glyph_name(&face, gid));
    }
    table
}

fn glyph_name(face: &Face, gid: GlyphId) -> Option<String> {
    super::glyph_names::glyph_name_to_unicode(face.glyph_name(gid)?)
}
