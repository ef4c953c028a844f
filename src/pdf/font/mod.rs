//! Fonts: from a font dictionary to a [`Font`] that splits string bytes into
//! character codes and gives each code its Unicode text and advance width.
//!
//! One file per concern: [`simple`] (Type1, TrueType, with base encodings and
//! `/Differences`), [`cid`] (Type0 with CIDFontType0/2, Identity and
//! predefined CMaps), [`widths`] (their `/W` widths by CID), [`type3`], [`cmap`] (ToUnicode and embedded
//! CMap programs), [`predefined`] (UniGB-UCS2-H, GBK-EUC-H, …), [`true_type`]
//! (embedded font programs), [`collection`] (Adobe-GB1 / CNS1 CID tables).
//!
//! Unicode is resolved in this order, the first that answers wins: the font's
//! ToUnicode CMap; the predefined CMap's own character encoding; the embedded
//! font program's cmap; the character collection; the simple encoding with
//! its `/Differences`. A code nothing answers is counted as unmapped.

pub mod cid;
pub mod cmap;
pub mod collection;
pub mod encoding;
pub mod glyph_names;
pub mod predefined;
pub mod simple;
pub mod true_type;
pub mod type3;
pub mod widths;

use crate::pdf::geometry::Matrix;
use crate::pdf::objects::{get, get_dict, get_name, get_number, get_stream};
use crate::pdf::stream::{decoded, decoded_checked};
use cmap::CMap;
use lopdf::{Dictionary, Document};

/// A glyph's Unicode text: one or a few characters, kept inline (no heap
/// allocation), since every glyph of every page passes through it.
pub type GlyphText = compact_str::CompactString;

/// Fonts, CMaps and font programs larger than this are not read.
pub const MAX_FONT_STREAM: usize = 32 * 1024 * 1024;

/// The kind of font, from `/Subtype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontKind {
    Type0,
    Type1,
    TrueType,
    Type3,
    /// A dictionary without a usable /Subtype, read as a simple font.
    Unknown,
}

impl FontKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FontKind::Type0 => "Type0",
            FontKind::Type1 => "Type1",
            FontKind::TrueType => "TrueType",
            FontKind::Type3 => "Type3",
            FontKind::Unknown => "unknown",
        }
    }
}

/// How codes become Unicode and widths, per font kind.
#[derive(Debug)]
enum Decoder {
    Simple(simple::SimpleFont),
    Cid(Box<cid::CidFont>),
}

/// What a font is, apart from how it decodes: kept for the document's font
/// report after the font itself is freed.
#[derive(Debug, Clone, PartialEq)]
pub struct FontIdentity {
    pub name: String,
    pub kind: FontKind,
    pub encoding: String,
    pub embedded: bool,
    pub damaged_map: bool,
}

/// A loaded font.
#[derive(Debug)]
pub struct Font {
    pub name: String,
    pub kind: FontKind,
    /// The encoding as named in the file (`Identity-H`, `WinAnsiEncoding`, …).
    pub encoding: String,
    pub embedded: bool,
    pub vertical: bool,
    /// Glyph box bottom below the baseline, in em (negative).
    pub descent: f32,
    /// Glyph space → text space for Type3 fonts.
    pub font_matrix: Option<Matrix>,
    to_unicode: Option<CMap>,
    /// The ToUnicode stream's compressed data is damaged: the map was read
    /// only up to the damage, and what it gives may be wrong.
    pub damaged_map: bool,
    decoder: Decoder,
}

impl Font {
    /// Loads a font dictionary. Never fails: a font that cannot be read decodes
    /// every byte as an unmapped code of default width, so positions stay sane.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let kind = match get_name(doc, dict, b"Subtype") {
            Some(b"Type0") => FontKind::Type0,
            Some(b"Type1" | b"MMType1") => FontKind::Type1,
            Some(b"TrueType") => FontKind::TrueType,
            Some(b"Type3") => FontKind::Type3,
            _ => FontKind::Unknown,
        };
        let name = get_name(doc, dict, b"BaseFont")
            .map(encoding::decode_text_string)
            .unwrap_or_default();
        let map_stream =
            get_stream(doc, dict, b"ToUnicode").map(|s| decoded_checked(s, MAX_FONT_STREAM));
        let damaged_map = map_stream
            .as_ref()
            .is_some_and(|d| d.as_ref().map_or(true, |d| d.cut_short));
        let to_unicode = map_stream
            .and_then(Result::ok)
            .map(|d| CMap::parse(&d.data))
            .filter(|cmap| !cmap.is_empty());
        let has_to_unicode = to_unicode.is_some();
        let (decoder, encoding, embedded, vertical, descriptor) = match kind {
            FontKind::Type0 => {
                let font = cid::CidFont::load(doc, dict, has_to_unicode);
                let (enc, emb, vert) = (font.encoding_name(), font.embedded, font.vertical);
                let descriptor = font.descriptor_descent;
                (Decoder::Cid(Box::new(font)), enc, emb, vert, descriptor)
            }
            _ => {
                let font = simple::SimpleFont::load(doc, dict, kind, &name, has_to_unicode);
                let (enc, emb) = (font.encoding_name.clone(), font.embedded);
                let descriptor = font.descriptor_descent;
                (Decoder::Simple(font), enc, emb, false, descriptor)
            }
        };
        let font_matrix = (kind == FontKind::Type3).then(|| type3::font_matrix(doc, dict));
        Font {
            name,
            kind,
            encoding,
            embedded,
            vertical,
            descent: descriptor.map_or(-0.12, |d| (d / 1000.0).clamp(-0.5, 0.0)),
            font_matrix,
            to_unicode,
            damaged_map,
            decoder,
        }
    }

    /// What the font is, without its decoding tables.
    pub fn identity(&self) -> FontIdentity {
        FontIdentity {
            name: self.name.clone(),
            kind: self.kind,
            encoding: self.encoding.clone(),
            embedded: self.embedded,
            damaged_map: self.damaged_map,
        }
    }

    /// Splits `bytes` into character codes by the font's codespace, each as
    /// its bytes (a code cut off at the end is its remaining bytes).
    pub fn codes<'b>(&'b self, bytes: &'b [u8]) -> impl Iterator<Item = &'b [u8]> + 'b {
        let mut rest = bytes;
        std::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            let len = match &self.decoder {
                Decoder::Simple(_) => 1,
                Decoder::Cid(font) => font.code_len(rest),
            };
            let (code, tail) = rest.split_at(len.clamp(1, rest.len()));
            rest = tail;
            Some(code)
        })
    }

    /// One code's Unicode text (`None` when nothing could tell) and its
    /// horizontal advance in text space units per unit of font size (w0 /
    /// 1000 for most fonts; Type3 widths go through the FontMatrix), from
    /// every source in turn.
    pub fn decode_code(&self, code_bytes: &[u8]) -> (Option<GlyphText>, f32) {
        let code = cmap::code_value(code_bytes);
        let mapped = self
            .to_unicode
            .as_ref()
            .and_then(|cmap| cmap.unicode(code))
            .filter(|s| is_meaningful(s));
        match &self.decoder {
            Decoder::Simple(font) => font.decode(code as u8, mapped),
            Decoder::Cid(font) => font.decode(code, code_bytes, mapped),
        }
    }
}

/// ToUnicode entries that map to nothing, NUL or private-use code points tell
/// nothing; the next source in line is asked instead.
fn is_meaningful(s: &str) -> bool {
    !s.is_empty()
        && !s
            .chars()
            .all(|c| c == '\0' || ('\u{E000}'..='\u{F8FF}').contains(&c) || c == '\u{FFFD}')
}

/// `/FontDescriptor /Descent`, read through Type0's descendant if needed.
/// Glyph widths above this (in thousandths of the text size) are not a
/// font's: hostile or damaged files carry 1e30 or negative ones, which
/// would throw every following glyph off the page.
const MAX_PLAUSIBLE_WIDTH: f32 = 10_000.0;

/// A width as printed when it is plausible (finite, 0 to [`MAX_PLAUSIBLE_WIDTH`]).
pub(crate) fn plausible_width(width: f32) -> Option<f32> {
    (width.is_finite() && (0.0..=MAX_PLAUSIBLE_WIDTH).contains(&width)).then_some(width)
}

pub(crate) fn descriptor_number(doc: &Document, font: &Dictionary, key: &[u8]) -> Option<f32> {
    let descriptor = get_dict(doc, font, b"FontDescriptor")?;
    get_number(doc, descriptor, key)
}

/// The embedded font program and whether it is TrueType-flavoured
/// (FontFile2, or FontFile3 of subtype OpenType).
pub(crate) fn font_program(doc: &Document, font: &Dictionary) -> Option<Vec<u8>> {
    let descriptor = get_dict(doc, font, b"FontDescriptor")?;
    for key in [&b"FontFile2"[..], b"FontFile3", b"FontFile"] {
        if let Some(stream) = get_stream(doc, descriptor, key) {
            return decoded(stream, MAX_FONT_STREAM).ok();
        }
    }
    None
}

pub(crate) fn has_font_program(doc: &Document, font: &Dictionary) -> bool {
    get_dict(doc, font, b"FontDescriptor").is_some_and(|d| {
        [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| get(doc, d, k).is_some())
    })
}

/// A Type0 font for tests whose codes are one byte below 0x80 and two
/// above, with a ToUnicode map that gives the one-byte 0x41 and the two-byte
/// 0x0041 (outside the codespace, read as two bytes where it begins a
/// string) different texts, and maps 0x42 to a Kangxi radical and 0x8142
/// to a Hangul syllable.
#[cfg(test)]
pub(crate) fn mixed_length_font() -> Font {
    use lopdf::{Object, Stream, dictionary};
    let mut doc = lopdf::Document::with_version("1.7");
    let encoding = doc.add_object(Stream::new(
        dictionary! {},
        b"2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange \
          1 begincidrange <00> <7F> 0 endcidrange 1 begincidrange <8000> <FFFF> 128 endcidrange"
            .to_vec(),
    ));
    let to_unicode = doc.add_object(Stream::new(
        dictionary! {},
        b"2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange \
          4 beginbfchar <41> <0041> <8141> <4E00> <42> <2F00> <8142> <AC00> endbfchar"
            .to_vec(),
    ));
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Test",
        "W" => vec![Object::Integer(65), vec![Object::Integer(500)].into(),
                    Object::Integer(129), vec![Object::Integer(1000)].into()],
    });
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Test",
        "Encoding" => encoding, "ToUnicode" => to_unicode,
        "DescendantFonts" => vec![descendant.into()],
    };
    Font::load(&doc, &font)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_split_by_the_codespace() {
        let font = mixed_length_font();
        let codes: Vec<&[u8]> = font.codes(&[0x41, 0x81, 0x41, 0x42, 0x81]).collect();
        assert_eq!(codes, [&[0x41][..], &[0x81, 0x41], &[0x42], &[0x81]]);
        let chars: Vec<_> = font.codes(&[0x41, 0x81, 0x41]).collect();
        let texts: Vec<_> = chars.iter().map(|c| font.decode_code(c).0).collect();
        let texts: Vec<_> = texts.iter().map(|t| t.as_deref()).collect();
        assert_eq!(texts, [Some("A"), Some("一")]);
        assert_eq!(cmap::code_value(chars[1]), 0x8141);
    }
}
