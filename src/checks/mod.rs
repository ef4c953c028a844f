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

pub use crate::model::check::{Check, Status};
use rust_decimal::Decimal;

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

/// Every identity check the documentation names, with its id.
pub const IDS: [&str; 8] = [
    "summary_income_equals_expenditure",
    "summary_classes_equal_expenditure_table",
    "total_equals_leaves",
    "parent_equals_children",
    "total_column_equals_parts",
    "same_figure_across_tables",
    "narrative_equals_table",
    "stated_percentage",
];

/// How many of the tables' OCR'd figures (read by OCR, not blank) an
/// identity that held took in (`confirmed`), and how many none did; none
/// when OCR read no figure.
pub fn ocr_tally(
    tables: &[crate::model::document::TableJson],
    checks: &[Check],
) -> Option<(usize, usize)> {
    let confirmed: std::collections::BTreeSet<(&str, usize, usize)> = checks
        .iter()
        .filter_map(|c| Some((c.table.as_deref()?, &c.confirmed)))
        .flat_map(|(table, cells)| cells.iter().map(move |&(row, column)| (table, row, column)))
        .collect();
    let (mut yes, mut no) = (0, 0);
    for table in tables {
        for record in &table.records {
            for a in &record.amounts {
                if a.confidence.is_none() || a.printed.trim().is_empty() {
                    continue;
                }
                if confirmed.contains(&(table.id.as_str(), record.row, a.column_index)) {
                    yes += 1;
                } else {
                    no += 1;
                }
            }
        }
    }
    (yes + no > 0).then_some((yes, no))
}

/// All checks of a document, in a stable order.
pub fn run(
    tables: &[crate::model::document::TableJson],
    facts: &[crate::records::facts::Fact],
    claims: &[crate::records::narrative::PercentClaim],
    keep_going: &dyn Fn() -> bool,
) -> Result<Vec<Check>, &'static str> {
    // When the caller's time or memory runs out, the family about to run is
    // named instead.
    let on_time = |family: &'static str| if keep_going() { Ok(()) } else { Err(family) };
    on_time("the summary's balance")?;
    let mut out = cross::summary_balance(tables, facts);
    for table in tables {
        on_time("the identities inside each table")?;
        out.extend(tables::check_table(table));
    }
    on_time("the summary's classes")?;
    out.extend(cross::summary_classes(tables));
    on_time("figures repeated across tables")?;
    out.extend(cross::same_figures(tables, facts));
    on_time("the narrative against the tables")?;
    out.extend(cross::narrative_vs_tables(tables, facts));
    out.extend(cross::percentages(claims));
    Ok(out)
}
