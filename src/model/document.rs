//! The document every stage builds: source, identity, sections, tables with
//! their records, facts, checks and diagnostics (JSON version 1 when output
//! writes it). Deterministic: fields in a fixed order, no timestamps, the file
//! named without its directory.

use super::check::Check;
use super::fact::Fact;
use super::record::{ColumnRole, Record};
use crate::error::{Diagnostic, DocError};
use crate::segment::{DocKind, Scope, Section};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

pub const SCHEMA_VERSION: &str = "1";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentJson {
    pub schema_version: String,
    pub tool: ToolJson,
    pub source: SourceJson,
    pub document: DocumentInfoJson,
    pub sections: Vec<Section>,
    pub tables: Vec<TableJson>,
    /// Key figures from the tables and from the narrative.
    pub facts: Vec<Fact>,
    /// Every identity checked, passed, failed or skipped.
    pub checks: Vec<Check>,
    pub diagnostics: Vec<Diagnostic>,
    pub error: Option<DocError>,
}

/// Which budgetpdf wrote the file (outputs of another version are redone).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ToolJson {
    pub name: String,
    pub version: String,
}

impl Default for ToolJson {
    fn default() -> Self {
        ToolJson {
            name: "budgetpdf".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct SourceJson {
    /// The file's name as given, without directories.
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
    pub pages: u32,
    pub producer: Option<String>,
    pub creator: Option<String>,
    /// The harvester's columns for this file, from `--manifest`.
    pub meta: std::collections::BTreeMap<String, String>,
    /// Pages whose text was read from their image by OCR (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr: Vec<u32>,
    /// OCR'd figures an identity that held took in: read right, or misread
    /// twice the same way (absent when OCR read no figure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_confirmed: Option<usize>,
    /// OCR'd figures no identity that held took in: to be checked by eye
    /// against the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_unconfirmed: Option<usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentInfoJson {
    pub title: Option<String>,
    pub entity: Option<String>,
    pub fiscal_year: Option<u16>,
    pub kind: DocKind,
    pub scope: Scope,
    /// Pages of the table of contents.
    pub toc_pages: Vec<u32>,
}

impl Default for DocumentInfoJson {
    fn default() -> Self {
        DocumentInfoJson {
            title: None,
            entity: None,
            fiscal_year: None,
            kind: DocKind::Unknown,
            scope: Scope::Unknown,
            toc_pages: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableJson {
    /// "t1", "t2", … in document order.
    pub id: String,
    pub kind: String,
    /// The table-number label printed with the title (公开01表, 预算05表, 表3).
    pub number: Option<String>,
    pub title: Option<String>,
    /// Where the title was read: `printed` above the grid, `in_grid` (its
    /// top row), `sentence` (the line introducing it), `contents` (the 目录
    /// entry for its page); null without a title.
    pub title_source: Option<String>,
    pub pages: Vec<u32>,
    pub unit: Option<String>,
    /// The 编制部门 / 部门名称 printed with the table.
    pub department: Option<String>,
    /// The header path of each leaf column.
    pub columns: Vec<Vec<String>>,
    /// The column numbers printed under the header (栏次 1 2 3 …), one per
    /// leaf column; empty when none are printed.
    pub columns_numbers: Vec<String>,
    /// What each leaf column stands for (`total`, `basic`, `project`, …);
    /// null for columns without amounts.
    pub column_roles: Vec<Option<ColumnRole>>,
    pub rows: Vec<RowJson>,
    /// 注： lines printed below the table.
    pub notes: Vec<String>,
    /// Found by text alignment (no ruling lines): less certain.
    pub from_alignment: bool,
    /// The rows' meaning: codes, names, exact amounts.
    pub records: Vec<Record>,
}

impl TableJson {
    /// Printed amounts that have no value in 元 (the table's unit is unknown).
    pub fn amounts_without_yuan(&self) -> usize {
        self.records
            .iter()
            .flat_map(|r| r.amounts.iter())
            .filter(|a| a.value_yuan.is_none() && !a.printed.trim().is_empty())
            .count()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RowJson {
    pub page: u32,
    pub cells: Vec<CompactString>,
    /// The OCR engine's confidence (0–100) in each cell, where the row was
    /// read by OCR (absent for a text layer's rows).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidence: Vec<Option<u8>>,
}
