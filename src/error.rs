//! Typed, per-document errors and diagnostics.
//!
//! A [`DocError`] means one document could not be read at all; a [`Diagnostic`]
//! records something a reader of the output should know about a document that
//! was read (unmapped glyphs, a page with no text layer, an unsupported feature).
//! Neither ever stops a batch: they are values, never panics.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a document could not be read. The names are part of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file is not a PDF, or is damaged beyond recovery.
    Corrupt,
    /// The file needs a user password to open.
    Encrypted,
    /// No page carries text: a scan without OCR.
    NoTextLayer,
    /// The file uses a feature budgetpdf does not implement.
    Unsupported,
    /// The file or one of its streams exceeds a size limit.
    TooLarge,
    /// Processing took longer than the time limit.
    Timeout,
    /// A bug in budgetpdf (a caught panic).
    Internal,
    /// The file was read only in part: pages or content streams were lost
    /// (a cut download, a damaged object). What was read is kept.
    Damaged,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::NoTextLayer => "no_text_layer",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Internal => "internal",
            ErrorKind::Damaged => "damaged",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document-level failure: what happened, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{kind}: {message}")]
pub struct DocError {
    pub kind: ErrorKind,
    pub message: String,
}

impl DocError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        DocError {
            kind,
            message: message.into(),
        }
    }
}

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// Stable, machine-readable diagnostic codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum DiagCode {
    /// The cross-reference table was rebuilt by scanning.
    XrefRepaired,
    /// A work limit (operators, glyphs, form nesting) cut a page short.
    LimitReached,
    /// A stream would decompress beyond the size limit.
    StreamTooLarge,
    /// A stream's filters failed.
    StreamUndecodable,
    /// Glyphs that no source could map to Unicode.
    UnmappedGlyphs,
    /// A page that is an image without text (a scan).
    NoTextLayer,
    /// A feature budgetpdf does not implement.
    Unsupported,
    /// A font missing from the file or unreadable was replaced by a
    /// standard one for single-byte text (figures and Latin read right).
    FontSubstituted,
    /// The page tree refers to one of its own nodes again (a loop, or a
    /// node listed twice): each node was read once.
    PageTreeLoop,
    /// A table with amounts and no unit (单位：…) found near it: its
    /// amounts have no value in 元.
    UnitMissing,
    /// A page that is an image could not be read by OCR.
    OcrFailed,
}

/// Something worth knowing about a document that was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub level: Level,
    pub code: DiagCode,
    /// 1-based page number, when the diagnostic belongs to a page.
    pub page: Option<u32>,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(code: DiagCode, page: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            code,
            page,
            message: message.into(),
        }
    }
    pub fn info(code: DiagCode, page: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Info,
            code,
            page,
            message: message.into(),
        }
    }
}
