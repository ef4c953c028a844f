//! Tables continued over pages become one: a page's first table continues the
//! previous page's last table when it has the same number of leaf columns and
//! no title of its own (or the same title, or one marked 续). Header rows the
//! continuation repeats are dropped; the list of pages is kept.

use super::header::{column_paths, row_texts};
use super::{PageTable, Row, Table};
use crate::pdf::Page;

pub fn merge_pages(per_page: Vec<Vec<PageTable>>, _pages: &[Page]) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    // Whether the last table in `tables` was the last one on its page.
    let mut open_at_page_end = false;
    for list in per_page {
        let count = list.len();
        for (i, pt) in list.into_iter().enumerate() {
            let continued = i == 0
                && open_at_page_end
                && tables.last().is_some_and(|prev| continues(prev, &pt));
            if continued {
                if let Some(prev) = tables.last_mut() {
                    append(prev, pt);
                }
            } else {
                tables.push(start(pt));
            }
            open_at_page_end = i + 1 == count;
        }
        if count == 0 {
            open_at_page_end = false;
        }
    }
    tables
}

fn continues(prev: &Table, next: &PageTable) -> bool {
    let adjacent = prev.pages.last().is_some_and(|&p| p + 1 == next.page);
    let same_shape = prev.columns.len() == next.grid.cols();
    let title_allows = match (&next.context.title, &prev.title) {
        (None, _) => true,
        (Some(t), Some(p)) => t == p || t.contains('续'),
        (Some(t), None) => t.contains('续'),
    };
    adjacent && same_shape && title_allows
}

fn body_rows(pt: &PageTable, from: usize) -> Vec<Row> {
    (from..pt.grid.rows())
        .map(|r| Row {
            page: pt.page,
            cells: row_texts(&pt.grid, r),
        })
        .filter(|row| row.cells.iter().any(|c| !c.trim().is_empty()))
        .collect()
}

fn start(pt: PageTable) -> Table {
    let header = (0..pt.header_rows).map(|r| row_texts(&pt.grid, r)).collect();
    Table {
        title: pt.context.title.clone(),
        pages: vec![pt.page],
        unit: pt.context.unit.clone(),
        department: pt.context.department.clone(),
        notes: pt.context.notes.clone(),
        columns: column_paths(&pt.grid, pt.header_rows),
        header,
        rows: body_rows(&pt, pt.header_rows),
        regions: vec![(pt.page, pt.grid.bbox)],
    }
}

/// Appends a continuation: rows that repeat the header are dropped.
fn append(table: &mut Table, pt: PageTable) {
    let repeated = table
        .header
        .iter()
        .enumerate()
        .take_while(|(r, header_row)| *r < pt.grid.rows() && row_texts(&pt.grid, *r) == **header_row)
        .count();
    let skip = if repeated > 0 {
        repeated
    } else if pt.context.title.is_some() {
        // A repeated title with its own header rows (worded differently).
        pt.header_rows
    } else {
        0
    };
    table.rows.extend(body_rows(&pt, skip));
    table.pages.push(pt.page);
    table.regions.push((pt.page, pt.grid.bbox));
    table.notes.extend(pt.context.notes);
    if table.unit.is_none() {
        table.unit = pt.context.unit;
    }
}
