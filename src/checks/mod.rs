//! Checks: the document against itself. Records, facts and stated
//! percentages in; one [`Check`] per identity instance out, each with a stable
//! id, pass / rounding / fail / skipped, the figures compared and the pages
//! they are on. Sums are exact on decimals: `pass` when equal, `rounding` when
//! the difference is within what rounding each printed figure on its own
//! allows (half a printed unit per figure: the stated one and each term),
//! `fail` beyond it. A narrative figure is compared at the precision it is
//! printed with. Nothing is ever corrected.
//!
//! - [`tables`]: within one table — 合计 rows = Σ leaf rows, 类/款 rows = Σ
//!   children, a 合计 column = Σ its sibling columns (合计 = 基本 + 项目, …);
//! - [`cross`]: the summary's 收入总计 = 支出总计, the same figure in several
//!   tables, narrative figures = table figures, stated percentages.

pub mod cross;
pub mod tables;

use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
    fn severity(self) -> u8 {
        match self {
            Status::Pass | Status::Skipped => 0,
            Status::Rounding => 1,
            Status::Fail => 2,
        }
    }
}

/// Half a printed unit at `scale` decimals: 0.005 for 12.34, 0.5 for 1234.
pub fn half_unit(scale: u32) -> Decimal {
    Decimal::new(5, scale.min(20) + 1)
}

/// The outcome of comparing a stated figure with the sum of `terms` printed
/// figures, each rounded at `scale` decimals: the bound is half a unit for the
/// stated figure and for each term.
pub fn judge(
    stated: Decimal,
    sum: Decimal,
    terms: usize,
    scale: u32,
) -> (Status, Decimal, Decimal) {
    let difference = stated - sum;
    let tolerance = half_unit(scale) * Decimal::from(terms as u64 + 1);
    let status = if difference.is_zero() {
        Status::Pass
    } else if difference.abs() <= tolerance {
        Status::Rounding
    } else {
        Status::Fail
    };
    (status, difference, tolerance)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Stable identity id, e.g. `total_equals_leaves`.
    pub id: &'static str,
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
}

fn decimal_str<S: serde::Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(d) => s.serialize_str(&d.normalize().to_string()),
        None => s.serialize_none(),
    }
}

impl Check {
    pub fn new(id: &'static str, status: Status, message: impl Into<String>) -> Check {
        Check {
            id,
            status,
            message: message.into(),
            values: BTreeMap::new(),
            pages: Vec::new(),
            table: None,
            difference: None,
            tolerance: None,
        }
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

/// Every identity check the documentation names, with its id.
pub const IDS: [&str; 7] = [
    "summary_income_equals_expenditure",
    "total_equals_leaves",
    "parent_equals_children",
    "total_column_equals_parts",
    "same_figure_across_tables",
    "narrative_equals_table",
    "stated_percentage",
];

/// All checks of a document, in a stable order.
pub fn run(
    tables: &[crate::output::document::TableJson],
    facts: &[crate::records::facts::Fact],
    claims: &[crate::records::narrative::PercentClaim],
) -> Vec<Check> {
    let mut out = cross::summary_balance(tables, facts);
    for table in tables {
        out.extend(tables::check_table(table));
    }
    out.extend(cross::same_figures(tables, facts));
    out.extend(cross::narrative_vs_tables(tables, facts));
    out.extend(cross::percentages(claims));
    out
}
