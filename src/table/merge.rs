//! Tables continued over pages become one. A page's first table continues the
//! previous page's last table when its column boundaries fit that table's
//! (the same or a subset of them: a page holding only the 合计 row has fewer)
//! and it has no title of its own (or the same title, or one marked 续).
//! Repeated header rows are dropped; the list of pages is kept. A title left
//! standing at the foot of a page names the next page's first table instead.

use super::grid::Grid;
use super::header::column_paths;
use super::{PageTable, PageTables, Row, Table};
use crate::pdf::Page;

/// Column boundaries this close are the same boundary.
const COLUMN_TOLERANCE: f32 = 4.0;

pub fn merge_pages(per_page: Vec<PageTables>, _pages: &[Page]) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    // Whether the last table in `tables` was the last one on its page.
    let mut open_at_page_end = false;
    let mut dangling = None;
    for page in per_page {
        let count = page.tables.len();
        for (i, mut pt) in page.tables.into_iter().enumerate() {
            if i == 0
                && pt.context.title.is_none()
                && let Some(ctx) = dangling.take()
            {
                pt.context = ctx;
                open_at_page_end = false;
            }
            let continued = i == 0
                && open_at_page_end
                && tables.last().is_some_and(|prev| continues(prev, &pt));
            match tables.last_mut() {
                Some(prev) if continued => append(prev, pt),
                _ => tables.push(start(pt)),
            }
            open_at_page_end = i + 1 == count;
        }
        if page.dangling.is_some() || count == 0 {
            open_at_page_end = false;
        }
        dangling = page.dangling;
    }
    tables
}

fn continues(prev: &Table, next: &PageTable) -> bool {
    let adjacent = prev.pages.last().is_some_and(|&p| p + 1 == next.page);
    let title_allows = match (&next.context.title, &prev.title) {
        (None, _) => true,
        (Some(t), Some(p)) => t == p || t.contains('续'),
        (Some(t), None) => t.contains('续'),
    };
    adjacent && title_allows && fits_columns(&prev.xs, &next.grid.xs)
}

/// The boundaries of `next` all lie on boundaries of `xs`, and both span the same width.
fn fits_columns(xs: &[f32], next: &[f32]) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() <= COLUMN_TOLERANCE;
    match (xs.first(), xs.last(), next.first(), next.last()) {
        (Some(&a0), Some(&a1), Some(&b0), Some(&b1)) => {
            near(a0, b0) && near(a1, b1) && next.iter().all(|&x| xs.iter().any(|&y| near(x, y)))
        }
        _ => false,
    }
}

/// The texts of one grid row laid onto the leaf columns `xs`: each cell's text
/// goes to the column its left edge stands on.
fn row_on(grid: &Grid, row: usize, xs: &[f32]) -> Vec<String> {
    let cols = xs.len().saturating_sub(1);
    let mut out = vec![String::new(); cols];
    for cell in grid.cells.iter().filter(|c| c.row == row) {
        let col = xs
            .iter()
            .take(cols)
            .enumerate()
            .min_by(|a, b| {
                (a.1 - cell.bbox.x0)
                    .abs()
                    .total_cmp(&(b.1 - cell.bbox.x0).abs())
            })
            .map_or(0, |(i, _)| i);
        if out[col].is_empty() {
            out[col] = cell.text.clone();
        }
    }
    out
}

/// Body rows from grid row `from` on, each with its grid row.
fn body_rows(pt: &PageTable, from: usize, xs: &[f32]) -> Vec<(usize, Row)> {
    (from..pt.grid.rows())
        .map(|r| {
            (
                r,
                Row {
                    page: pt.page,
                    cells: row_on(&pt.grid, r, xs),
                },
            )
        })
        .filter(|(_, row)| row.cells.iter().any(|c| !c.trim().is_empty()))
        .collect()
}

fn nearest_column(xs: &[f32], x: f32) -> usize {
    xs.iter()
        .take(xs.len().saturating_sub(1))
        .enumerate()
        .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
        .map_or(0, |(i, _)| i)
}

/// Appends a page's body rows and records the empty merged cells that run
/// off its bottom.
fn push_rows(table: &mut Table, pt: &PageTable, rows: Vec<(usize, Row)>) {
    let first = table.rows.len();
    let index_of: Vec<(usize, usize)> = rows
        .iter()
        .enumerate()
        .map(|(i, (g, _))| (*g, first + i))
        .collect();
    table.rows.extend(rows.into_iter().map(|(_, row)| row));
    let last = pt.grid.rows();
    table.open_cells = pt
        .grid
        .cells
        .iter()
        .filter(|c| c.row + c.row_span == last && c.row_span >= 2 && c.text.trim().is_empty())
        .filter_map(|c| {
            let row = index_of.iter().find(|(g, _)| *g == c.row)?.1;
            Some((nearest_column(&table.xs, c.bbox.x0), row))
        })
        .collect();
}

/// A merged cell split by the page break, empty above and holding its text
/// below: the text goes to the cell's top row on the earlier page, as the
/// contract puts a spanning cell's text in its top row.
fn join_split_cells(
    table: &mut Table,
    pt: &PageTable,
    first_row: usize,
    new_rows: &mut [(usize, Row)],
) {
    let Some((grid_row, row)) = new_rows.first_mut() else {
        return;
    };
    for cell in pt
        .grid
        .cells
        .iter()
        .filter(|c| c.row == first_row && c.row_span >= 2)
    {
        let col = nearest_column(&table.xs, cell.bbox.x0);
        let Some(&(_, top)) = table.open_cells.iter().find(|(c, _)| *c == col) else {
            continue;
        };
        if *grid_row == first_row
            && !row.cells[col].is_empty()
            && table.rows[top].cells[col].is_empty()
        {
            table.rows[top].cells[col] = std::mem::take(&mut row.cells[col]);
        }
    }
}

fn start(pt: PageTable) -> Table {
    let xs = pt.grid.xs.clone();
    let header = (0..pt.header_rows)
        .map(|r| row_on(&pt.grid, r, &xs))
        .collect();
    let mut table = Table {
        title: pt.context.title.clone(),
        pages: vec![pt.page],
        unit: pt.context.unit.clone(),
        department: pt.context.department.clone(),
        notes: pt.context.notes.clone(),
        columns: column_paths(&pt.grid, pt.header_rows),
        header,
        rows: Vec::new(),
        regions: vec![(pt.page, pt.grid.bbox)],
        from_alignment: pt.from_alignment,
        open_cells: Vec::new(),
        xs,
    };
    let rows = body_rows(&pt, pt.header_rows, &table.xs);
    push_rows(&mut table, &pt, rows);
    table
}

/// Appends a continuation: rows that repeat the header are dropped.
fn append(table: &mut Table, pt: PageTable) {
    let repeated = table
        .header
        .iter()
        .enumerate()
        .take_while(|(r, header_row)| {
            *r < pt.grid.rows() && row_on(&pt.grid, *r, &table.xs) == **header_row
        })
        .count();
    let skip = if repeated > 0 {
        repeated
    } else if pt.context.title.is_some() {
        // A repeated title with its own header rows (worded differently).
        pt.header_rows
    } else {
        0
    };
    let mut rows = body_rows(&pt, skip, &table.xs);
    join_split_cells(table, &pt, skip, &mut rows);
    push_rows(table, &pt, rows);
    table.pages.push(pt.page);
    table.regions.push((pt.page, pt.grid.bbox));
    table.notes.extend(pt.context.notes);
    if table.unit.is_none() {
        table.unit = pt.context.unit;
    }
}
