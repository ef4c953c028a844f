//! Type3 fonts: glyphs are content streams, sized through `/FontMatrix`.
//! Text extraction needs only the matrix (glyph space → text space) for widths
//! and boxes; Unicode comes from ToUnicode or `/Encoding /Differences` names
//! like any simple font (see [`super::simple`]).

use crate::pdf::geometry::Matrix;
use crate::pdf::objects::{get_array, numbers};
use lopdf::{Dictionary, Document};

/// `/FontMatrix`, defaulting to the usual 1/1000 scale when absent or degenerate.
pub fn font_matrix(doc: &Document, dict: &Dictionary) -> Matrix {
    let default = Matrix::new(0.001, 0.0, 0.0, 0.001, 0.0, 0.0);
    let Some(items) = get_array(doc, dict, b"FontMatrix") else {
        return default;
    };
    match numbers(doc, items).as_slice() {
        &[a, b, c, d, e, f] if a != 0.0 || b != 0.0 => Matrix::new(a, b, c, d, e, f),
        _ => default,
    }
}
