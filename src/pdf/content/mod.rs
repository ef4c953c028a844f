//! Content streams: [`lexer`] tokenizes into [`operands`], [`interpreter`] executes operators
//! over the graphics [`state`], builds [`path`]s, and reports what is painted
//! to a [`Device`] — glyphs, painted paths, images — in user space with the
//! CTM applied. The device decides what to keep and in which coordinates.

pub mod device;
pub mod interpreter;
pub mod lexer;
pub mod operands;
pub mod path;
pub mod shown;
pub mod state;

pub use device::{Device, GlyphPaint, PathPaint};
pub use interpreter::{FontCache, Interpreter, Limits};
