//! Identities inside one table: the 合计 row equals the sum of the leaf rows;
//! each 类 / 款 row equals the sum of its children; a 合计 (or 小计) column
//! equals the sum of its sibling columns.

use super::{Check, Status, judge};
use crate::layout::join::without_whitespace;
use crate::model::check::CheckCell;
use crate::model::document::TableJson;
use crate::records::rows::{other_class, same_block};
use crate::records::{CodeScheme, Record};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

fn amount_at(record: &Record, column: usize) -> Option<Decimal> {
    record
        .amounts
        .iter()
        .find(|a| a.column_index == column)
        .map(|a| a.value)
}

/// The cells at `column` of `records` a comparison took in, for
/// [`Check::compared`], as printed in the table (a figure that could not be
/// read as one is named too).
fn cells_at<'a>(
    table: &TableJson,
    records: impl IntoIterator<Item = &'a Record>,
    column: usize,
) -> Vec<CheckCell> {
    records
        .into_iter()
        .filter_map(|r| {
            let row = table.rows.get(r.row)?;
            Some(CheckCell {
                table: table.id.clone(),
                page: r.page,
                row: r.row,
                column,
                code: r.code.as_deref().map(String::from),
                printed: row.cells.get(column)?.to_string(),
                confidence: row.confidence.get(column).copied().flatten(),
            })
        })
        .collect()
}

/// Whether OCR read any of the table's rows: only then are a comparison's
/// cells noted (a text layer's would all be thrown away).
fn read_by_ocr(table: &TableJson) -> bool {
    table.rows.iter().any(|r| !r.confidence.is_empty())
}

/// Notes one comparison's cells on the check (see [`Check::compared`]). A
/// failed one also names the rows of `left_out` and those of `records`
/// whose cell at `column` could not be read as a figure.
fn note<'a>(
    check: &mut Check,
    table: &TableJson,
    records: &[&'a Record],
    status: Status,
    compared: impl IntoIterator<Item = &'a Record>,
    left_out: impl IntoIterator<Item = &'a Record>,
    column: usize,
) {
    check.compared(status, cells_at(table, compared, column));
    if status == Status::Fail {
        check.compared(status, cells_at(table, left_out, column));
        let unreadable = unreadable_at(table, records, column);
        check.compared(status, cells_at(table, unreadable, column));
    }
}

/// Whether `r`'s code extends `ancestor`'s (is a child's or a descendant's).
fn descends(r: &Record, ancestor: &str) -> bool {
    r.code
        .as_deref()
        .is_some_and(|c| c.len() > ancestor.len() && c.starts_with(ancestor))
}

/// Rows whose cell at `column` holds text that is not a figure: an OCR'd
/// figure misread past reading ("511.96_") leaves its row out of a sum.
fn unreadable_at<'a>(table: &TableJson, records: &[&'a Record], column: usize) -> Vec<&'a Record> {
    records
        .iter()
        .copied()
        .filter(|r| {
            amount_at(r, column).is_none()
                && table
                    .rows
                    .get(r.row)
                    .and_then(|row| row.cells.get(column))
                    .is_some_and(|c| !c.trim().is_empty())
        })
        .collect()
}

/// Whether the cell at `column` is printed blank (a blank counts as zero,
/// but a blank total over non-zero parts is missing, not different).
fn blank_at(record: &Record, column: usize) -> bool {
    record
        .amounts
        .iter()
        .find(|a| a.column_index == column)
        .is_some_and(|a| a.printed.trim().is_empty())
}

/// "X ≠ Y", or "blank (missing) where the parts sum to Y".
fn differs(record: &Record, column: usize, stated: Decimal, sum: Decimal) -> String {
    if blank_at(record, column) {
        format!("blank (missing) where the parts sum to {sum}")
    } else {
        format!("{stated} ≠ {sum}")
    }
}

fn amount_columns<'a>(records: impl IntoIterator<Item = &'a Record>) -> Vec<usize> {
    let mut cols: Vec<usize> = records
        .into_iter()
        .flat_map(|r| r.amounts.iter().map(|a| a.column_index))
        .collect();
    cols.sort_unstable();
    cols.dedup();
    cols
}

/// The printed precision of the table's figures: the most decimals any
/// amount shows (a producer that drops trailing zeros prints fewer).
fn scale(table: &TableJson) -> u32 {
    table
        .records
        .iter()
        .flat_map(|r| r.amounts.iter())
        .map(|a| a.value.scale())
        .max()
        .unwrap_or(2)
        .min(6)
}

/// How a check with these findings reads.
fn conclude(check: &mut Check, table: &TableJson, findings: &[String], all_equal: String) {
    check.settle_cells();
    check.message = match check.status {
        Status::Pass => all_equal,
        Status::Rounding => format!(
            "{}: equal within rounding (half a printed unit per figure): {}",
            label(table),
            findings.join("; ")
        ),
        _ => format!("{}: {}", label(table), findings.join("; ")),
    };
}

fn label(table: &TableJson) -> String {
    format!(
        "{} ({})",
        table.title.as_deref().unwrap_or("untitled table"),
        table.id
    )
}

fn column_name(table: &TableJson, c: usize) -> String {
    table
        .columns
        .get(c)
        .map(|p| p.join("/"))
        .unwrap_or_default()
}

pub fn check_table(table: &TableJson) -> Vec<Check> {
    let mut out = Vec::new();
    // Two-sided summaries are checked across sides, not down columns.
    for side in [None, Some("income"), Some("expenditure")] {
        let records: Vec<&Record> = table
            .records
            .iter()
            .filter(|r| r.side.as_deref() == side)
            .collect();
        if records.is_empty() {
            continue;
        }
        out.extend(total_equals_leaves(table, &records));
        out.extend(parent_equals_children(table, &records));
    }
    out.extend(total_column_equals_parts(table));
    out
}

/// The leaves, as the records stage marked them (unit rows and subtotals excluded).
fn leaves<'a>(records: &[&'a Record]) -> Vec<&'a Record> {
    records.iter().filter(|r| r.leaf).copied().collect()
}

fn total_equals_leaves(table: &TableJson, records: &[&Record]) -> Option<Check> {
    let total = records.iter().find(|r| r.total && r.code.is_none())?;
    let leaves = leaves(records);
    if leaves.is_empty() {
        return None;
    }
    let mut failures = Vec::new();
    let scale = scale(table);
    let mut check = Check::new("total_equals_leaves", Status::Pass, "").table(&table.id);
    let ocr = read_by_ocr(table);
    for c in amount_columns(records.iter().copied()) {
        let Some(stated) = amount_at(total, c) else {
            continue;
        };
        let terms: Vec<Decimal> = leaves.iter().filter_map(|r| amount_at(r, c)).collect();
        let sum: Decimal = terms.iter().sum();
        let (status, difference, tolerance) = judge(stated, sum, terms.len(), scale);
        check.outcome(status, difference, tolerance);
        if ocr {
            let compared = std::iter::once(*total).chain(leaves.iter().copied());
            note(&mut check, table, records, status, compared, [], c);
        }
        if status != Status::Pass {
            failures.push(format!(
                "{}: 合计 {} (Σ of {} leaf rows)",
                column_name(table, c),
                differs(total, c, stated, sum),
                leaves.len(),
            ));
            check = check
                .value(format!("{} total", column_name(table, c)), stated)
                .value(format!("{} sum", column_name(table, c)), sum);
        }
    }
    let pages: Vec<u32> = std::iter::once(total.page)
        .chain(leaves.iter().map(|r| r.page))
        .collect();
    check = check.pages(pages);
    let all_equal = format!(
        "{}: the 合计 row equals the sum of its {} leaf rows in every column",
        label(table),
        leaves.len()
    );
    conclude(&mut check, table, &failures, all_equal);
    Some(check)
}

fn parent_equals_children(table: &TableJson, records: &[&Record]) -> Option<Check> {
    let coded: Vec<&Record> = records
        .iter()
        .filter(|r| r.code.is_some() && !r.total)
        .copied()
        .collect();
    let columns = amount_columns(coded.iter().copied());
    let mut compared = 0;
    let mut failures = Vec::new();
    let scale = scale(table);
    let mut check = Check::new("parent_equals_children", Status::Pass, "").table(&table.id);
    let ocr = read_by_ocr(table);
    let mut pages = Vec::new();
    for parent in &coded {
        let code = parent.code.as_deref().unwrap_or_default();
        // Children: the next level down (类 3 → 款 5 → 项 7 digits) within
        // the same unit's block; for a unit row, its units (311 → 311001).
        let is_unit = |r: &Record| r.code_scheme == Some(CodeScheme::Unit);
        let extends = |r: &Record| descends(r, code);
        let children: Vec<&&Record> = if is_unit(parent) {
            let below: Vec<&&Record> = coded.iter().filter(|r| is_unit(r) && extends(r)).collect();
            let next = below
                .iter()
                .filter_map(|r| r.code.as_ref().map(|c| c.len()))
                .min();
            below
                .into_iter()
                .filter(|r| r.code.as_ref().map(|c| c.len()) == next)
                .collect()
        } else {
            // Children: the rows whose nearest printed ancestor is this one
            // (a 7-digit economic code printed without its 5-digit parent
            // is a child of the 3-digit class).
            let in_block: Vec<&&Record> = coded
                .iter()
                .filter(|r| {
                    !is_unit(r)
                        && r.unit == parent.unit
                        && r.unit_name == parent.unit_name
                        && same_block(other_class(r), other_class(parent))
                })
                .collect();
            let is_between = |c: &str| {
                in_block.iter().any(|q| {
                    q.code.as_deref().is_some_and(|q| {
                        q.len() > code.len()
                            && q.len() < c.len()
                            && c.starts_with(q)
                            && q.starts_with(code)
                    })
                })
            };
            in_block
                .iter()
                .copied()
                .filter(|r| extends(r) && !is_between(r.code.as_deref().unwrap_or_default()))
                .collect()
        };
        if children.is_empty() {
            continue;
        }
        compared += 1;
        pages.push(parent.page);
        for c in &columns {
            let Some(stated) = amount_at(parent, *c) else {
                continue;
            };
            let terms: Vec<Decimal> = children.iter().filter_map(|r| amount_at(r, *c)).collect();
            let sum: Decimal = terms.iter().sum();
            let (status, difference, tolerance) = judge(stated, sum, terms.len(), scale);
            check.outcome(status, difference, tolerance);
            if ocr {
                let compared = std::iter::once(*parent).chain(children.iter().map(|r| **r));
                // Rows printed among the children but not taken as children
                // or their descendants: a misread code keeps one out.
                let last = children.iter().map(|r| r.row).max().unwrap_or(parent.row);
                let left_out = records.iter().copied().filter(|r| {
                    r.row > parent.row
                        && r.row < last
                        && !children.iter().any(|ch| {
                            ch.row == r.row || ch.code.as_deref().is_some_and(|a| descends(r, a))
                        })
                });
                note(&mut check, table, records, status, compared, left_out, *c);
            }
            if status != Status::Pass {
                failures.push(format!(
                    "{} {} {}: {} (Σ children)",
                    code,
                    parent.name,
                    column_name(table, *c),
                    differs(parent, *c, stated, sum),
                ));
                check = check
                    .value(format!("{code} {}", column_name(table, *c)), stated)
                    .value(format!("{code} {} children", column_name(table, *c)), sum);
                pages.extend(children.iter().map(|r| r.page));
            }
        }
    }
    if compared == 0 {
        return None;
    }
    check = check.pages(pages);
    let all_equal = format!(
        "{}: each of {compared} 类/款 rows equals the sum of its children",
        label(table)
    );
    conclude(&mut check, table, &failures, all_equal);
    Some(check)
}

/// A column that is a share of another, never a part of a total: 其中…,
/// 含…, 扣除基建项目后预算数.
fn is_subset(path: &[String]) -> bool {
    path.iter()
        .any(|h| h.starts_with("其中") || h.starts_with('含') || h.contains("扣除"))
}

/// Columns of one header group: (column index, leaf header).
fn siblings(table: &TableJson, total_col: usize, amount_cols: &[usize]) -> Option<Vec<usize>> {
    let path = table.columns.get(total_col)?;
    let parent = &path[..path.len().saturating_sub(1)];
    let depth = path.len();
    // Groups under the same parent, one level down; a deeper group counts by its 小计.
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut order = Vec::new();
    for (c, p) in table.columns.iter().enumerate() {
        if c == total_col
            || !amount_cols.contains(&c)
            || p.len() < depth
            || p[..depth - 1] != *parent
        {
            continue;
        }
        let head = p[depth - 1].clone();
        if head.starts_with("其中") || head.contains("合计") || is_subset(p) {
            continue;
        }
        if !groups.contains_key(&head) {
            order.push(head.clone());
        }
        groups.entry(head).or_default().push(c);
    }
    let mut out = Vec::new();
    for head in order {
        let cols = &groups[&head];
        if cols.len() == 1 {
            out.push(cols[0]);
        } else {
            let subtotal = cols.iter().find(|&&c| {
                table.columns[c]
                    .last()
                    .is_some_and(|h| h.contains("小计") || h.contains("合计"))
            });
            match subtotal {
                Some(&c) => out.push(c),
                // A group printed without its own subtotal (基本支出 over 人员经费
                // and 公用经费) counts by its parts, unless one is a "其中" share.
                None if cols.iter().all(|&c| {
                    table.columns[c]
                        .iter()
                        .all(|h| !h.starts_with("其中") && !h.contains("结转"))
                }) =>
                {
                    out.extend(cols.iter().copied())
                }
                None => return None,
            }
        }
    }
    (out.len() >= 2).then_some(out)
}

fn total_column_equals_parts(table: &TableJson) -> Vec<Check> {
    let mut out = Vec::new();
    let amount_cols = amount_columns(&table.records);
    let scale = scale(table);
    for &c in &amount_cols {
        let is_total = table.columns[c]
            .last()
            .is_some_and(|h| matches!(without_whitespace(h).as_str(), "合计" | "小计" | "总计"));
        if !is_total {
            continue;
        }
        let Some(parts) = siblings(table, c, &amount_cols) else {
            continue;
        };
        if !parts.iter().all(|p| amount_cols.contains(p)) {
            continue;
        }
        let mut failures = Vec::new();
        let mut check = Check::new("total_column_equals_parts", Status::Pass, "").table(&table.id);
        let ocr = read_by_ocr(table);
        let mut rows = 0;
        for r in &table.records {
            let Some(stated) = amount_at(r, c) else {
                continue;
            };
            let values: Vec<Decimal> = parts.iter().filter_map(|&p| amount_at(r, p)).collect();
            if values.len() != parts.len() {
                continue;
            }
            rows += 1;
            let sum: Decimal = values.iter().sum();
            let (status, difference, tolerance) = judge(stated, sum, values.len(), scale);
            check.outcome(status, difference, tolerance);
            if ocr {
                let compared = std::iter::once(c)
                    .chain(parts.iter().copied())
                    .flat_map(|col| cells_at(table, [r], col));
                check.compared(status, compared.collect());
            }
            if status != Status::Pass {
                failures.push(format!(
                    "row '{}' (page {}): {}",
                    r.name,
                    r.page,
                    differs(r, c, stated, sum)
                ));
                check = check
                    .value(format!("{} {}", r.name, column_name(table, c)), stated)
                    .value(format!("{} parts", r.name), sum);
                check.pages.push(r.page);
            }
        }
        if rows == 0 {
            continue;
        }
        let part_names: Vec<String> = parts.iter().map(|&p| column_name(table, p)).collect();
        let identity = format!("{} = {}", column_name(table, c), part_names.join(" + "));
        if failures.is_empty() {
            check.pages = table.pages.clone();
        }
        let all_equal = format!("{}: {identity} in all {rows} rows", label(table));
        let differs = format!("{} ≠ {}", column_name(table, c), part_names.join(" + "));
        let findings: Vec<String> = std::iter::once(differs).chain(failures).collect();
        conclude(&mut check, table, &findings, all_equal);
        out.push(check);
    }
    out
}
