//! The graphics state and the text state the interpreter carries, saved and
//! restored by `q` / `Q` (ISO 32000-1, 8.4 and 9.3).

use crate::pdf::geometry::Matrix;
use crate::pdf::page::FontId;

/// Text state parameters (Tc, Tw, Tz, TL, Tf, Ts, Tr).
#[derive(Debug, Clone)]
pub struct TextState {
    pub font: Option<FontId>,
    pub size: f32,
    pub char_spacing: f32,
    pub word_spacing: f32,
    /// Tz / 100.
    pub horizontal_scale: f32,
    pub leading: f32,
    pub rise: f32,
    pub render_mode: u8,
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render_mode: 0,
        }
    }
}

/// The parts of the graphics state text and table extraction need.
#[derive(Debug, Clone)]
pub struct GraphicsState {
    pub ctm: Matrix,
    pub line_width: f32,
    pub fill_rgb: [f32; 3],
    pub stroke_rgb: [f32; 3],
    pub text: TextState,
}

impl Default for GraphicsState {
    fn default() -> Self {
        GraphicsState {
            ctm: Matrix::IDENTITY,
            line_width: 1.0,
            fill_rgb: [0.0; 3],
            stroke_rgb: [0.0; 3],
            text: TextState::default(),
        }
    }
}

/// A colour given as 1 (gray), 3 (RGB) or 4 (CMYK) components, as RGB.
/// Other counts (patterns, separations) read as black: they are rare in
/// budget tables and black is the safe guess for a rule.
pub fn rgb_from_components(components: &[f32]) -> [f32; 3] {
    let clamp = |v: f32| v.clamp(0.0, 1.0);
    match *components {
        [g] => [clamp(g); 3],
        [r, g, b] => [clamp(r), clamp(g), clamp(b)],
        [c, m, y, k] => [
            clamp((1.0 - c) * (1.0 - k)),
            clamp((1.0 - m) * (1.0 - k)),
            clamp((1.0 - y) * (1.0 - k)),
        ],
        _ => [0.0; 3],
    }
}
