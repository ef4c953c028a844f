//! Checks: the document against itself. Records, facts and stated
//! percentages in; one [`Check`] per identity instance out, each with a stable
//! id, pass / fail / skipped, the figures compared and the pages they are on.
//! Equality is exact on decimals; a narrative figure is compared at the
//! precision it is printed with. Nothing is ever corrected.
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
    Fail,
    Skipped,
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
    out.extend(cross::same_figures(facts));
    out.extend(cross::narrative_vs_tables(tables, facts));
    out.extend(cross::percentages(claims));
    out
}
