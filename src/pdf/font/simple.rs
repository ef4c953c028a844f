//! Simple fonts (Type1, MMType1, TrueType, Type3): one byte per code, Unicode
//! from a base encoding with `/Differences` (glyph names), from the embedded
//! program's built-in encoding, or — for symbolic TrueType — from the program's
//! cmap; widths from `/Widths`, `/FirstChar`, `/MissingWidth`.

use super::GlyphText;
use super::encoding::{BaseEncoding, SimpleEncoding};
use super::glyph_names::glyph_name_to_unicode;
use super::{FontKind, descriptor_number, font_program, has_font_program, true_type, type3};
use crate::pdf::objects::{get, get_array, get_dict, get_name, get_number, get_stream, resolve};
use lopdf::{Dictionary, Document, Object};
use regex::bytes::Regex;
use std::sync::OnceLock;

#[derive(Debug)]
pub struct SimpleFont {
    encoding: SimpleEncoding,
    pub encoding_name: String,
    pub embedded: bool,
    pub descriptor_descent: Option<f32>,
    first_char: u32,
    widths: Vec<f32>,
    missing_width: f32,
    /// Width units → em: 1/1000, or the FontMatrix scale for Type3.
    width_scale: f32,
}

/// `/Flags` bit 3: the font uses symbols outside the standard Latin set.
const FLAG_SYMBOLIC: i64 = 1 << 2;

impl SimpleFont {
    pub fn load(
        doc: &Document,
        dict: &Dictionary,
        kind: FontKind,
        name: &str,
        has_to_unicode: bool,
    ) -> SimpleFont {
        let (encoding, encoding_name) = read_encoding(doc, dict, kind, name, has_to_unicode);
        let width_scale = if kind == FontKind::Type3 {
            type3::font_matrix(doc, dict).a
        } else {
            0.001
        };
        let missing_width = descriptor_number(doc, dict, b"MissingWidth")
            .filter(|w| *w > 0.0)
            .and_then(super::plausible_width)
            .unwrap_or_else(|| default_width(name, kind));
        // Implausible widths (1e30, negative) are replaced once, here, by the
        // missing width; Type 3 widths are in the font's own units and are
        // only required to be finite.
        let widths: Vec<f32> = get_array(doc, dict, b"Widths")
            .map(|a| crate::pdf::objects::numbers(doc, a))
            .unwrap_or_default()
            .into_iter()
            .map(|w| {
                let plausible = if kind == FontKind::Type3 {
                    w.is_finite().then_some(w)
                } else {
                    super::plausible_width(w)
                };
                plausible.unwrap_or(missing_width)
            })
            .collect();
        SimpleFont {
            encoding,
            encoding_name,
            embedded: has_font_program(doc, dict),
            descriptor_descent: descriptor_number(doc, dict, b"Descent"),
            first_char: get_number(doc, dict, b"FirstChar").map_or(0, |f| f.max(0.0) as u32),
            widths,
            missing_width,
            width_scale,
        }
    }

    pub fn decode(&self, code: u8, mapped: Option<GlyphText>) -> (Option<GlyphText>, f32) {
        let text = mapped.or_else(|| self.encoding.get(code).map(GlyphText::from));
        let width = u32::from(code)
            .checked_sub(self.first_char)
            .and_then(|i| self.widths.get(i as usize).copied())
            .unwrap_or(self.missing_width);
        (text, width * self.width_scale)
    }
}

/// Fonts without `/Widths` are the standard 14, mostly; Courier is monospaced.
fn default_width(name: &str, kind: FontKind) -> f32 {
    if kind == FontKind::Type3 {
        0.0
    } else if name.contains("Courier") {
        600.0
    } else {
        500.0
    }
}

fn read_encoding(
    doc: &Document,
    dict: &Dictionary,
    kind: FontKind,
    name: &str,
    has_to_unicode: bool,
) -> (SimpleEncoding, String) {
    let symbolic = descriptor_flags(doc, dict).is_some_and(|f| f & FLAG_SYMBOLIC != 0);
    let default_base = if name.contains("Symbol") {
        BaseEncoding::Symbol
    } else if name.contains("ZapfDingbats") || name.contains("Dingbats") {
        BaseEncoding::ZapfDingbats
    } else if kind == FontKind::TrueType {
        BaseEncoding::WinAnsi
    } else {
        BaseEncoding::Standard
    };
    match get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => {
            let base = BaseEncoding::from_name(n).unwrap_or(default_base);
            (
                SimpleEncoding::new(base),
                String::from_utf8_lossy(n).into_owned(),
            )
        }
        Some(Object::Dictionary(enc)) => {
            let base_name = get_name(doc, enc, b"BaseEncoding");
            let mut table = match base_name.and_then(BaseEncoding::from_name) {
                Some(base) => SimpleEncoding::new(base),
                None => builtin_encoding(doc, dict, kind, symbolic, has_to_unicode)
                    .unwrap_or_else(|| SimpleEncoding::new(default_base)),
            };
            apply_differences(doc, enc, &mut table);
            let label = base_name.map_or("Differences".to_string(), |b| {
                format!("{}+Differences", String::from_utf8_lossy(b))
            });
            (table, label)
        }
        _ => match builtin_encoding(doc, dict, kind, symbolic, has_to_unicode) {
            Some(table) => (table, "built-in".to_string()),
            None => (SimpleEncoding::new(default_base), "default".to_string()),
        },
    }
}

fn descriptor_flags(doc: &Document, dict: &Dictionary) -> Option<i64> {
    let descriptor = get_dict(doc, dict, b"FontDescriptor")?;
    match get(doc, descriptor, b"Flags")? {
        Object::Integer(i) => Some(*i),
        _ => None,
    }
}

/// The encoding built into an embedded program: a symbolic TrueType's cmap,
/// or a Type1 program's `/Encoding` array. Skipped when a ToUnicode will answer.
fn builtin_encoding(
    doc: &Document,
    dict: &Dictionary,
    kind: FontKind,
    symbolic: bool,
    has_to_unicode: bool,
) -> Option<SimpleEncoding> {
    if has_to_unicode {
        return None;
    }
    match kind {
        FontKind::TrueType if symbolic => {
            let data = font_program(doc, dict)?;
            let codes = true_type::symbolic_code_table(&data);
            if codes.iter().all(Option::is_none) {
                return None;
            }
            let mut table = SimpleEncoding::new(BaseEncoding::WinAnsi);
            for (code, text) in codes.into_iter().enumerate() {
                if text.is_some() {
                    table.set(code as u8, text);
                }
            }
            Some(table)
        }
        FontKind::Type1 => {
            let descriptor = get_dict(doc, dict, b"FontDescriptor")?;
            let stream = get_stream(doc, descriptor, b"FontFile")?;
            let data = crate::pdf::stream::decoded(stream, super::MAX_FONT_STREAM).ok()?;
            type1_builtin_encoding(&data)
        }
        _ => None,
    }
}

/// Reads `dup <code> /<name> put` entries from a Type1 program's clear-text part.
fn type1_builtin_encoding(program: &[u8]) -> Option<SimpleEncoding> {
    static DUP: OnceLock<Regex> = OnceLock::new();
    let re = DUP.get_or_init(|| {
        Regex::new(
            r"dup[ 	
]+([0-9]{1,3})[ 	
]*/([^[ 	
]/\[\]{}()<>]+)[ 	
]+put",
        )
        .unwrap()
    });
    let clear = &program[..program.len().min(64 * 1024)];
    let clear = match clear
        .windows(7)
        .position(|w| w == b"eexec\r" || w == b"eexec\n")
    {
        Some(end) => &clear[..end],
        None => clear,
    };
    let mut table = SimpleEncoding::new(BaseEncoding::Standard);
    let mut found = false;
    for cap in re.captures_iter(clear) {
        let code: u32 = std::str::from_utf8(&cap[1]).ok()?.parse().ok()?;
        if code <= 255 {
            table.set(
                code as u8,
                glyph_name_to_unicode(&String::from_utf8_lossy(&cap[2])),
            );
            found = true;
        }
    }
    found.then_some(table)
}

/// `/Differences [code /name /name … code /name …]`.
fn apply_differences(doc: &Document, enc: &Dictionary, table: &mut SimpleEncoding) {
    let Some(items) = get_array(doc, enc, b"Differences") else {
        return;
    };
    let mut code: i64 = 0;
    for item in items {
        match resolve(doc, item) {
            Some(Object::Integer(i)) => code = *i,
            Some(Object::Real(r)) => code = *r as i64,
            Some(Object::Name(n)) => {
                if (0..=255).contains(&code) {
                    table.set(
                        code as u8,
                        glyph_name_to_unicode(&String::from_utf8_lossy(n)),
                    );
                }
                code += 1;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type1_program_encoding() {
        let program = b"/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 65 /uni4E2D put\ndup 66 /B put\nreadonly def\ncurrentfile eexec\n\x80\x81";
        let table = type1_builtin_encoding(program).unwrap();
        assert_eq!(table.get(65), Some("中"));
        assert_eq!(table.get(66), Some("B"));
    }
}
