//! Batch extraction at harvest scale: many inputs in, one document JSON per
//! input in OUT (mirroring the input tree), a summary, and optionally the
//! warehouse tables.
//!
//! Each document is isolated — errors, panics and time limits end that
//! document only, and it still gets its JSON with `error` set. Work runs on a
//! rayon pool (`--jobs`); every output is written to a temporary file and
//! renamed, so a killed run leaves no half-written JSON, and a rerun skips
//! inputs whose output already records the same sha256 and tool version.

pub mod inputs;
pub mod manifest;
pub mod read;
pub mod run;
pub mod shard;
pub mod summary;

pub use inputs::Input;
pub use run::{BatchOptions, run};
pub use summary::Summary;
