//! The [`Device`] trait: what the interpreter reports as it paints. Positions
//! are in PDF user space with the CTM applied (y up); a device maps them to
//! wherever it likes — [`crate::pdf::document`]'s page builder maps them to
//! page space.

use super::path::Path;
use crate::pdf::geometry::Matrix;
use crate::pdf::page::FontId;
use lopdf::ObjectId;

/// A glyph being shown.
#[derive(Debug, Clone)]
pub struct GlyphPaint<'a> {
    /// Normalised Unicode text; `None` when the font could not tell.
    pub text: Option<&'a str>,
    pub font: FontId,
    /// Text rendering matrix: glyph em space (1 unit = font size) → user space.
    pub trm: Matrix,
    /// Advance in em.
    pub width: f32,
    /// Bottom of the glyph box below the baseline, in em (negative).
    pub descent: f32,
    pub vertical: bool,
    pub invisible: bool,
}

/// How a path is painted.
#[derive(Debug, Clone)]
pub struct PathPaint {
    pub stroke: bool,
    pub fill: bool,
    /// Stroke width in user space.
    pub line_width: f32,
    pub fill_rgb: [f32; 3],
}

pub trait Device {
    fn glyph(&mut self, glyph: &GlyphPaint);
    fn path(&mut self, path: Path<'_>, paint: &PathPaint);
    /// An image painted into the unit square mapped by `ctm`; `object` is
    /// its XObject (none for an inline image).
    fn image(&mut self, ctm: &Matrix, object: Option<ObjectId>);
}
