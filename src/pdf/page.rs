//! What the reading engine yields for each page: positioned glyphs and the
//! graphics a table detector needs (stroked lines, rectangles, images).
//! Everything is in page space (see [`crate::pdf::geometry`]).

use super::geometry::BBox;
use crate::pack::{Pack, Packer, Unpacker};
use compact_str::CompactString;
use serde::Serialize;

/// Index of a font in [`crate::pdf::PdfDocument::fonts`].
pub type FontId = u32;

/// One painted glyph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Glyph {
    /// The Unicode text the glyph stands for, normalised (see [`crate::text`]).
    /// Usually one character; ligatures give several; an unmapped glyph gives U+FFFD.
    /// Kept inline (no heap allocation up to 24 bytes): pages hold thousands.
    pub text: CompactString,
    pub bbox: BBox,
    /// Baseline origin of the glyph in page space.
    pub origin: (f32, f32),
    /// Font size in page space (points), after all matrices.
    pub size: f32,
    pub font: FontId,
    /// Writing direction on the page: 0 = left to right (upright), 90 = top to
    /// bottom, 180 = upside down, 270 = bottom to top.
    pub direction: u16,
    /// Painted invisibly (text render mode 3, as OCR layers are).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub invisible: bool,
    /// How sure the OCR engine was of the glyph, 0–100; none for a text
    /// layer's glyphs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<u8>,
}

impl Pack for Glyph {
    /// Writes the glyph into `packer` (see [`crate::pack`]).
    fn pack(&self, packer: &mut Packer) {
        packer.str(&self.text);
        self.bbox.pack(packer);
        for v in [self.origin.0, self.origin.1, self.size] {
            packer.f32(v);
        }
        packer.usize(self.font as usize);
        packer.usize(usize::from(self.direction));
        packer.usize(usize::from(self.invisible));
        packer.option_u8(self.confidence);
    }

    /// Reads back a glyph [`Glyph::pack`] wrote.
    fn unpack(unpacker: &mut Unpacker<'_>) -> Glyph {
        let text = unpacker.str().into();
        let bbox = BBox::unpack(unpacker);
        let origin = (unpacker.f32(), unpacker.f32());
        let size = unpacker.f32();
        // Packed from a FontId and a u16.
        let font = unpacker.usize() as FontId;
        let direction = unpacker.usize() as u16;
        Glyph {
            text,
            bbox,
            origin,
            size,
            font,
            direction,
            invisible: unpacker.usize() == 1,
            confidence: unpacker.option_u8(),
        }
    }
}

/// A straight stroked segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// Stroke width in page space.
    pub width: f32,
}

/// An axis-aligned rectangle that was stroked (its outline) and/or filled.
/// Excel and WPS draw grid lines as thin filled rectangles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rect {
    pub bbox: BBox,
    pub stroke: bool,
    pub fill: bool,
    /// Stroke width in page space (meaningful when `stroke`).
    pub line_width: f32,
    /// Fill colour as RGB in 0..=1 (meaningful when `fill`); white fills are
    /// backgrounds, not rules.
    pub fill_rgb: [f32; 3],
}

/// Where an image was painted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Image {
    pub bbox: BBox,
    /// The image XObject, to read its pixels (OCR); none for inline images.
    #[serde(skip)]
    pub object: Option<lopdf::ObjectId>,
}

/// One page of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Displayed size, after CropBox and /Rotate.
    pub width: f32,
    pub height: f32,
    /// The page's /Rotate, normalised to 0, 90, 180 or 270.
    pub rotate: u16,
    pub glyphs: Vec<Glyph>,
    pub lines: Vec<Line>,
    pub rects: Vec<Rect>,
    pub images: Vec<Image>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Packed;

    #[test]
    fn glyphs_unpack_as_packed() {
        let glyph = |text: &str, direction, invisible, confidence| Glyph {
            text: text.into(),
            bbox: BBox::from_corners(72.0, 700.25, 82.5, -3.0),
            origin: (72.0, f32::MIN_POSITIVE),
            size: 10.5,
            font: u32::MAX,
            direction,
            invisible,
            confidence,
        };
        let glyphs = vec![
            glyph("一", 0, false, None),
            glyph("ﬁ", 270, true, Some(0)),
            glyph(&"长".repeat(12), 90, false, Some(100)),
        ];
        assert_eq!(Packed::<Glyph>::new(&glyphs).unpack(), glyphs);
        assert!(Packed::<Glyph>::new(&[]).unpack().is_empty());
    }
}
