//! A check's outcome: which identity, pass / rounding / fail / skipped, the
//! figures compared, their pages, and for sums the difference and the
//! tolerance rounding allows. The checks stage fills these; output writes them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    /// Not equal, but within what the rounding of the printed figures allows.
    Rounding,
    Fail,
    Skipped,
}

impl Status {
    /// How bad an outcome is, to keep the worst of several comparisons.
    pub(crate) fn severity(self) -> u8 {
        match self {
            Status::Pass | Status::Skipped => 0,
            Status::Rounding => 1,
            Status::Fail => 2,
        }
    }
}

/// A cell an identity compared, where OCR read its table: which, as
/// printed, and how sure the engine was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckCell {
    pub table: String,
    pub page: u32,
    /// Index into the table's rows.
    pub row: usize,
    /// Index of the leaf column.
    pub column: usize,
    /// The row's code as read (a misread code keeps a row out of its
    /// parent's sum).
    pub code: Option<String>,
    pub printed: String,
    /// 0–100; none for a cell read blank.
    pub confidence: Option<u8>,
}

impl CheckCell {
    /// Least confident first (a blank first of all: a figure may have been
    /// lost), then in table order.
    fn order(&self) -> (Option<u8>, &str, usize, usize) {
        (self.confidence, &self.table, self.row, self.column)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// Stable identity id, e.g. `total_equals_leaves`.
    pub id: String,
    pub status: Status,
    pub message: String,
    /// The figures compared, by role, as exact decimal strings.
    pub values: BTreeMap<String, String>,
    pub pages: Vec<u32>,
    /// The table the check is about, when it is about one.
    pub table: Option<String>,
    /// Stated minus computed, for the worst comparison (null when equal or skipped).
    #[serde(serialize_with = "decimal_str")]
    pub difference: Option<Decimal>,
    /// The largest difference rounding allows for that comparison.
    #[serde(serialize_with = "decimal_str")]
    pub tolerance: Option<Decimal>,
    /// Where OCR read the table: the cells of the comparisons that failed,
    /// least confident first (absent otherwise). One of them was misread,
    /// or the publisher's figures disagree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<CheckCell>,
    /// (row, column) of the OCR'd cells of comparisons that held, in the
    /// check's table: their figures are confirmed (counted into the
    /// document's `ocr_confirmed`, not written here).
    #[serde(skip)]
    pub confirmed: Vec<(usize, usize)>,
}

fn decimal_str<S: serde::Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(d) => s.serialize_str(&d.normalize().to_string()),
        None => s.serialize_none(),
    }
}

impl Check {
    pub fn new(id: &str, status: Status, message: impl Into<String>) -> Check {
        Check {
            id: id.to_string(),
            status,
            message: message.into(),
            values: BTreeMap::new(),
            pages: Vec::new(),
            table: None,
            difference: None,
            tolerance: None,
            cells: Vec::new(),
            confirmed: Vec::new(),
        }
    }

    /// Notes the cells of one comparison with its outcome, where OCR read
    /// any of them (a text layer's cells are not listed): a held comparison
    /// confirms them, a failed one names them.
    pub fn compared(&mut self, status: Status, cells: Vec<CheckCell>) {
        if cells.iter().all(|c| c.confidence.is_none()) {
            return;
        }
        match status {
            Status::Pass | Status::Rounding => self
                .confirmed
                .extend(cells.iter().map(|c| (c.row, c.column))),
            Status::Fail => self.cells.extend(cells),
            Status::Skipped => {}
        }
    }

    /// Puts the named cells in order, least confident first, each once
    /// (once every comparison is noted).
    pub fn settle_cells(&mut self) {
        self.cells.sort_by(|a, b| a.order().cmp(&b.order()));
        self.cells.dedup();
    }

    /// Folds one comparison's outcome in: the check keeps the worst, with
    /// its difference and tolerance (the largest difference among equals).
    pub fn outcome(&mut self, status: Status, difference: Decimal, tolerance: Decimal) {
        let worse = status.severity() > self.status.severity();
        let as_bad_but_larger = status.severity() == self.status.severity()
            && status != Status::Pass
            && self.difference.is_some_and(|d| difference.abs() > d.abs());
        if worse || as_bad_but_larger {
            self.status = status;
            self.difference = Some(difference);
            self.tolerance = Some(tolerance);
        }
    }

    pub fn value(mut self, name: impl Into<String>, v: Decimal) -> Check {
        self.values.insert(name.into(), v.normalize().to_string());
        self
    }

    pub fn pages(mut self, mut pages: Vec<u32>) -> Check {
        pages.sort_unstable();
        pages.dedup();
        self.pages = pages;
        self
    }

    pub fn table(mut self, id: &str) -> Check {
        self.table = Some(id.to_string());
        self
    }
}
