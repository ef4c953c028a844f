//! Points, boxes and affine matrices shared by the reading engine and later stages.
//!
//! Page space, as the rest of budgetpdf sees it, has its origin at the top-left
//! corner of the displayed (cropped, rotated) page, x growing right and y growing
//! down, in PDF points (1/72 inch).

use crate::pack::{Pack, Packer, Unpacker};
use serde::Serialize;

/// An axis-aligned box: `x0 <= x1`, `top <= bottom` (y grows downward).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct BBox {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
}

impl Pack for BBox {
    /// Writes the box into `packer` (see [`crate::pack`]): x0, top, x1, bottom.
    fn pack(&self, packer: &mut Packer) {
        for v in [self.x0, self.top, self.x1, self.bottom] {
            packer.f32(v);
        }
    }

    /// Reads back a box [`BBox::pack`] wrote.
    fn unpack(unpacker: &mut Unpacker<'_>) -> BBox {
        BBox {
            x0: unpacker.f32(),
            top: unpacker.f32(),
            x1: unpacker.f32(),
            bottom: unpacker.f32(),
        }
    }
}

impl BBox {
    /// The smallest box holding both corners, whatever their order.
    pub fn from_corners(ax: f32, ay: f32, bx: f32, by: f32) -> Self {
        BBox {
            x0: ax.min(bx),
            top: ay.min(by),
            x1: ax.max(bx),
            bottom: ay.max(by),
        }
    }

    /// The smallest box holding all the points.
    pub fn from_points(points: &[(f32, f32)]) -> Self {
        let mut b = BBox {
            x0: f32::INFINITY,
            top: f32::INFINITY,
            x1: f32::NEG_INFINITY,
            bottom: f32::NEG_INFINITY,
        };
        for &(x, y) in points {
            b.x0 = b.x0.min(x);
            b.x1 = b.x1.max(x);
            b.top = b.top.min(y);
            b.bottom = b.bottom.max(y);
        }
        b
    }

    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }
    pub fn center(&self) -> (f32, f32) {
        ((self.x0 + self.x1) / 2.0, (self.top + self.bottom) / 2.0)
    }
    pub fn is_finite(&self) -> bool {
        self.x0.is_finite()
            && self.x1.is_finite()
            && self.top.is_finite()
            && self.bottom.is_finite()
    }
    /// The box grown to hold `other` too.
    pub fn union(&self, other: &BBox) -> BBox {
        BBox {
            x0: self.x0.min(other.x0),
            top: self.top.min(other.top),
            x1: self.x1.max(other.x1),
            bottom: self.bottom.max(other.bottom),
        }
    }
}

/// A PDF affine matrix `[a b c d e f]`, mapping (x, y) to (a·x + c·y + e, b·x + d·y + f).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Default for Matrix {
    fn default() -> Self {
        Matrix::IDENTITY
    }
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    pub fn new(a: f32, b: f32, c: f32, d: f32, e: f32, f: f32) -> Self {
        Matrix { a, b, c, d, e, f }
    }

    pub fn translate(tx: f32, ty: f32) -> Self {
        Matrix::new(1.0, 0.0, 0.0, 1.0, tx, ty)
    }

    /// `self` applied first, then `then` (PDF's `self × then`).
    pub fn then(&self, then: &Matrix) -> Matrix {
        Matrix {
            a: self.a * then.a + self.b * then.c,
            b: self.a * then.b + self.b * then.d,
            c: self.c * then.a + self.d * then.c,
            d: self.c * then.b + self.d * then.d,
            e: self.e * then.a + self.f * then.c + then.e,
            f: self.e * then.b + self.f * then.d + then.f,
        }
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.a * x + self.c * y + self.e,
            self.b * x + self.d * y + self.f,
        )
    }

    /// How much the matrix scales lengths, on average (for line widths and font sizes).
    pub fn scale(&self) -> f32 {
        (self.a * self.d - self.b * self.c).abs().sqrt()
    }

    pub fn is_finite(&self) -> bool {
        [self.a, self.b, self.c, self.d, self.e, self.f]
            .iter()
            .all(|v| v.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn then_applies_left_matrix_first() {
        let scale = Matrix::new(2.0, 0.0, 0.0, 2.0, 0.0, 0.0);
        let shift = Matrix::translate(10.0, 5.0);
        assert_eq!(scale.then(&shift).apply(1.0, 1.0), (12.0, 7.0));
        assert_eq!(shift.then(&scale).apply(1.0, 1.0), (22.0, 12.0));
    }

    #[test]
    fn bbox_from_points_orders_corners() {
        let b = BBox::from_points(&[(5.0, 1.0), (1.0, 9.0)]);
        assert_eq!((b.x0, b.top, b.x1, b.bottom), (1.0, 1.0, 5.0, 9.0));
    }
}
