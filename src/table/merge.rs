//! Tables continued over pages become one. A page's first table continues the
//! previous page's last table when its column boundaries fit that table's
//! (the same or a subset of them: a page holding only the 合计 row has fewer)
//! and it has no title of its own (or the same title, or one marked 续).
//! Repeated header rows are dropped; the list of pages is kept. A title left
//! standing at the foot of a page names the next page's first table instead.

use super::grid::{Grid, GridCell};
use super::header::{column_number_row, column_paths, is_figure};
use super::stream::words::{is_amount, is_sentence};
use super::{PageTable, PageTables, Row, Table};
use crate::layout::join::without_whitespace;
use compact_str::CompactString;

/// Column boundaries this close are the same boundary.
const COLUMN_TOLERANCE: f32 = 4.0;
/// Boundaries of a continuation page may stray by this share of the
/// table's width when the page has the same number of columns.
const SHIFTED_COLUMN_SHARE: f32 = 0.03;

pub fn merge_pages(per_page: impl IntoIterator<Item = PageTables>) -> Vec<Table> {
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
                // The title stands at the foot of the previous page; the
                // unit and department lines may be printed above the grid.
                let own = std::mem::replace(&mut pt.context, ctx);
                pt.context.unit = pt.context.unit.take().or(own.unit);
                pt.context.department = pt.context.department.take().or(own.department);
                pt.context.number = pt.context.number.take().or(own.number);
                pt.context.notes.extend(own.notes);
                open_at_page_end = false;
            }
            let fit = match tables.last() {
                Some(prev) if i == 0 && open_at_page_end => Some(continuation(prev, &pt)),
                Some(prev) if i > 0 => follow_on(prev, &pt).map(Ok),
                _ => None,
            };
            match (tables.last_mut(), fit) {
                (Some(prev), Some(Ok(fit))) => append(prev, pt, fit),
                (_, refusal) => {
                    let mut table = start(pt);
                    if let Some(Err(why)) = refusal {
                        let page = table.pages[0];
                        table
                            .decisions
                            .push(format!("page {page} not joined to the table before: {why}"));
                    }
                    tables.push(table);
                }
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

/// How a page's table fits the table it continues.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fit {
    /// Its boundaries lie on the table's (all of them, or a subset: a page
    /// holding only some columns' rules); cells go to the nearest boundary.
    OnBoundaries,
    /// The same number of columns in the same frame, each boundary a few
    /// points off (the producer sized the columns anew on each page); cells
    /// go to the column of the same index.
    SameColumns,
    /// The same outer frame with other inner columns (a form continued on
    /// the next page, laid out for its own rows); cells go to the nearest
    /// boundary of the table's columns.
    SameFrame,
    /// The same title over the same rows with further columns: a table too
    /// wide for its page, printed in two parts (Excel's print area).
    MoreColumns,
}

/// Why a page's first table did or did not continue the previous one, for
/// `debug` to show.
fn continuation(prev: &Table, next: &PageTable) -> Result<Fit, String> {
    if prev.pages.last().is_none_or(|&p| p + 1 != next.page) {
        return Err("the table before it does not end on the previous page".into());
    }
    let own_title = match (&next.context.title, &prev.title) {
        (None, _) => None,
        (Some(t), Some(p)) if same_title(t, p) || t.contains('续') => None,
        (Some(t), None) if t.contains('续') => None,
        (Some(t), _) => Some(t),
    };
    if let Some(t) = own_title {
        return Err(format!("it has a title of its own: {t}"));
    }
    if let (Some(a), Some(b)) = (&next.context.number, &prev.number)
        && a != b
    {
        return Err(format!("it has a number of its own: {a} after {b}"));
    }
    if fits_columns(&prev.xs, &next.grid.xs) {
        return Ok(Fit::OnBoundaries);
    }
    if same_columns(&prev.xs, &next.grid.xs) {
        return Ok(Fit::SameColumns);
    }
    if next.context.title.is_none()
        && next.context.number.is_none()
        && same_frame(&prev.xs, &next.grid.xs)
    {
        return Ok(Fit::SameFrame);
    }
    let titled_alike = next.context.title.is_some() && prev.title.is_some();
    let body_rows_next = next.grid.rows().saturating_sub(next.header_rows);
    if titled_alike
        && prev.pages.len() == 1
        && body_rows_next == prev.rows.len()
        && body_rows_next > 0
        && headed_by_other_columns(prev, next)
    {
        return Ok(Fit::MoreColumns);
    }
    Err(format!(
        "its columns do not fit: {} columns from {:.0} to {:.0}, the table has {} from {:.0} to {:.0}",
        next.grid.cols(),
        next.grid.xs.first().copied().unwrap_or(0.0),
        next.grid.xs.last().copied().unwrap_or(0.0),
        prev.xs.len().saturating_sub(1),
        prev.xs.first().copied().unwrap_or(0.0),
        prev.xs.last().copied().unwrap_or(0.0),
    ))
}

/// A grid with neither title nor label right under the previous table on
/// the same page, in the same frame, carries it on (forms printed one
/// under another below a single title).
fn follow_on(prev: &Table, next: &PageTable) -> Option<Fit> {
    let same_page = prev.pages.last() == Some(&next.page);
    let untitled = next.context.title.is_none() && next.context.number.is_none();
    (same_page && untitled && same_frame(&prev.xs, &next.grid.xs)).then_some(Fit::SameFrame)
}

/// Both parts have a column header and no heading path in common: the next
/// page goes on with other columns (forms repeated under one title repeat
/// their headings, or print none).
fn headed_by_other_columns(prev: &Table, next: &PageTable) -> bool {
    let leaves = |paths: &[Vec<String>]| -> Vec<String> {
        paths
            .iter()
            .map(|p| p.join("/"))
            .filter(|h| !h.trim().is_empty())
            .collect()
    };
    let before = leaves(&prev.columns);
    let after = leaves(&column_paths(&next.grid, next.header_rows));
    next.header_rows > 0
        && !before.is_empty()
        && !after.is_empty()
        && after
            .iter()
            .all(|h| !before.contains(h) || h.contains("小计") || h.contains("合计"))
}

/// Titles equal once their number labels and spacing are set aside (a
/// continuation page repeats "预算12表 项目支出绩效目标表").
fn same_title(a: &str, b: &str) -> bool {
    let bare = |t: &str| without_whitespace(&super::title::split_number(t).1);
    a == b || bare(a) == bare(b)
}

/// Every boundary of `next` lies on a boundary of `xs`, and `next` shares at
/// least one outer edge with `xs` and half its width (a label column drawn
/// without rules on a continuation page drops the leftmost boundary).
fn fits_columns(xs: &[f32], next: &[f32]) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() <= COLUMN_TOLERANCE;
    let (Some(&a0), Some(&a1), Some(&b0), Some(&b1)) =
        (xs.first(), xs.last(), next.first(), next.last())
    else {
        return false;
    };
    let edge_shared = near(a0, b0) || near(a1, b1);
    let wide_enough = (b1 - b0) * 2.0 >= a1 - a0;
    edge_shared && wide_enough && next.iter().all(|&x| xs.iter().any(|&y| near(x, y)))
}

/// How far a boundary of a page laid out anew may stray: a few percent of
/// the table's width, never less than the ordinary column tolerance.
fn shifted_tolerance(xs: &[f32]) -> f32 {
    let width = xs.last().copied().unwrap_or(0.0) - xs.first().copied().unwrap_or(0.0);
    (width * SHIFTED_COLUMN_SHARE).max(COLUMN_TOLERANCE)
}

/// Both outer edges within a few percent of the table's width of its own.
fn same_frame(xs: &[f32], next: &[f32]) -> bool {
    let tolerance = shifted_tolerance(xs);
    let near = |a: Option<&f32>, b: Option<&f32>| {
        a.zip(b).is_some_and(|(a, b)| (a - b).abs() <= tolerance)
    };
    next.len() >= 3 && near(xs.first(), next.first()) && near(xs.last(), next.last())
}

/// As many columns as `xs`, each boundary within a few percent of the
/// frame's width of its counterpart.
fn same_columns(xs: &[f32], next: &[f32]) -> bool {
    let tolerance = shifted_tolerance(xs);
    xs.len() == next.len()
        && xs.len() >= 3
        && xs.iter().zip(next).all(|(a, b)| (a - b).abs() <= tolerance)
}

/// The texts of one grid row laid onto the leaf columns `xs`: each cell's text
/// goes to the column its left edge stands on.
fn row_on(grid: &Grid, row: usize, xs: &[f32]) -> Vec<String> {
    let cells: Vec<&GridCell> = grid.cells.iter().filter(|c| c.row == row).collect();
    let (texts, _) = row_with_confidence(&cells, xs);
    texts.into_iter().map(CompactString::into_string).collect()
}

/// A grid row's text per leaf column, and the OCR engine's confidence in
/// each, from the cells that start in the row (in the grid's order).
fn row_with_confidence(cells: &[&GridCell], xs: &[f32]) -> (Vec<CompactString>, Vec<Option<u8>>) {
    let cols = xs.len().saturating_sub(1);
    let mut out = vec![CompactString::default(); cols];
    let mut confidence = vec![None; cols];
    let total_row = cells
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .min_by_key(|c| c.col)
        .is_some_and(|c| matches!(without_whitespace(&c.text).as_str(), "合计" | "总计"));
    for cell in cells {
        // A figure in a cell merged over several columns of a 合计 row
        // (its rules left out) is printed at the cell's right, under the
        // column it belongs to; otherwise a span's text is in its first column.
        let col = if total_row && cell.col_span > 1 && is_figure(&cell.text) {
            column_ending_at(xs, cell.bbox.x1)
        } else {
            nearest_column(xs, cell.bbox.x0)
        };
        if out[col].is_empty() {
            out[col] = cell.text.clone();
            confidence[col] = cell.confidence;
        } else if !cell.text.trim().is_empty() {
            // Two cells meet in one column: keep both texts, in reading
            // order, rather than lose one.
            out[col].push(' ');
            out[col].push_str(&cell.text);
            confidence[col] = confidence[col].min(cell.confidence);
        }
    }
    (out, confidence)
}

/// The grid's cells by the row they start in, each row's in the grid's
/// order: a table's rows are read in one pass over its cells, not one each.
fn cells_by_row(grid: &Grid) -> Vec<Vec<&GridCell>> {
    let mut rows: Vec<Vec<&GridCell>> = vec![Vec::new(); grid.rows()];
    for cell in &grid.cells {
        if let Some(row) = rows.get_mut(cell.row) {
            row.push(cell);
        }
    }
    rows
}

/// Body rows from grid row `from` on, each with its grid row.
fn body_rows(pt: &PageTable, from: usize, xs: &[f32]) -> Vec<(usize, Row)> {
    let by_row = cells_by_row(&pt.grid);
    (from..pt.grid.rows())
        .map(|r| {
            let (cells, confidence) = row_with_confidence(&by_row[r], xs);
            (
                r,
                Row {
                    page: pt.page,
                    cells,
                    confidence,
                },
            )
        })
        .filter(|(_, row)| row.cells.iter().any(|c| !c.trim().is_empty()))
        .collect()
}

/// The column whose right boundary is nearest `x`.
fn column_ending_at(xs: &[f32], x: f32) -> usize {
    xs.iter()
        .skip(1)
        .enumerate()
        .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
        .map_or(0, |(i, _)| i)
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
            table.rows[top].confidence[col] = row.confidence[col].take();
        }
    }
}

/// A merged cell the page breaks, drawn without rules, prints its label on
/// both pages (centred on the whole cell, clipped by each page). The copy
/// standing first on the continuation, in the column where the table's
/// last text is that label with blank rows under it to the page's end, is
/// the same cell's and is dropped: the label stays in the cell's first row.
/// Only a label, first in its row (the cells to its left go on from the
/// page before as well): a figure, or a value beside a new row's own
/// label, repeats because the publisher printed it twice.
fn drop_labels_repeated_by_the_break(table: &Table, new_rows: &mut [(usize, Row)]) {
    let Some((_, first)) = new_rows.first_mut() else {
        return;
    };
    let Some(col) = first.cells.iter().position(|c| !c.is_empty()) else {
        return;
    };
    let text = &mut first.cells[col];
    let Some(above) = table
        .rows
        .iter()
        .rposition(|r| r.cells.get(col).is_some_and(|c| !c.is_empty()))
    else {
        return;
    };
    let open_below = above + 1 < table.rows.len();
    if open_below && !is_figure(text) && table.rows[above].cells[col] == *text {
        text.clear();
    }
}

fn start(pt: PageTable) -> Table {
    let xs = pt.grid.xs.clone();
    let header = (0..pt.header_rows)
        .map(|r| row_on(&pt.grid, r, &xs))
        .collect();
    let mut table = Table {
        title: pt.context.title.clone(),
        number: pt.context.number.clone(),
        title_source: pt.context.title_source,
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
        decisions: Vec::new(),
        column_numbers: column_numbers(&pt.grid, pt.header_rows, &xs),
        xs,
    };
    let rows = body_rows(&pt, pt.header_rows, &table.xs);
    push_rows(&mut table, &pt, rows);
    table
}

/// A table's further columns printed on the next page: its header paths and
/// each body row's cells are added on the right, row by row.
fn append_columns(table: &mut Table, pt: PageTable) {
    let xs = pt.grid.xs.clone();
    let rows = body_rows(&pt, pt.header_rows, &xs);
    table.columns.extend(column_paths(&pt.grid, pt.header_rows));
    for (header, r) in table.header.iter_mut().zip(0..pt.header_rows) {
        header.extend(row_on(&pt.grid, r, &xs));
    }
    for (row, (_, more)) in table.rows.iter_mut().zip(rows) {
        row.cells.extend(more.cells);
        row.confidence.extend(more.confidence);
    }
    if !table.column_numbers.is_empty() {
        table
            .column_numbers
            .extend(column_numbers(&pt.grid, pt.header_rows, &xs));
    }
    table.decisions.push(format!(
        "page {} joined: the same title over the same {} rows, further columns",
        pt.page,
        table.rows.len()
    ));
    table.pages.push(pt.page);
    table.regions.push((pt.page, pt.grid.bbox));
    if table.unit.is_none() {
        table.unit = pt.context.unit;
    }
}

/// A table whose columns were drawn from text alone may have too few: its
/// first page printed some columns' texts only in a line or two, and the
/// continuation shows them all (a form's indicator columns under its
/// budget rows). When the continuation's boundaries are more and take in
/// each of the table's, the table is split at them: each column's texts go
/// to the new column its left boundary stands nearest, the others start
/// blank. Without this the continuation's texts would meet in one column
/// and all but one be lost.
fn widen(table: &mut Table, next: &[f32]) {
    let Some(to) = column_mapping(&table.xs, next) else {
        return;
    };
    let cols = table.xs.len() - 1;
    relay(table, &to, next);
    table.decisions.push(format!(
        "its {cols} columns drawn from text split at the continuation's {} boundaries",
        next.len() - 1
    ));
}

/// A table drawn from text may have split a column the continuation, in
/// the same frame, shows whole: a figure set right in a cell merged over
/// 指标值 and 说明, on a page where no sentence showed 说明's width, made a
/// column of its own. Each column whose left boundary stands on none of
/// the continuation's joins the column before it, when that leaves as many
/// columns as the continuation has and no row holds two texts that fold
/// into one column. An amount so folded into a column the continuation
/// fills with sentences (说明) stands in the nearest column before it that
/// holds none, when the columns between are blank in its row: a figure
/// merged over 指标值 and 说明, put in the span's first column as a ruled
/// table has it.
fn narrow(table: &mut Table, next_grid: &Grid) {
    let next = next_grid.xs.as_slice();
    let tolerance = shifted_tolerance(&table.xs);
    let cols = table.xs.len().saturating_sub(1);
    let joined: Vec<usize> = (1..cols)
        .filter(|&c| !next.iter().any(|&x| (x - table.xs[c]).abs() <= tolerance))
        .collect();
    if joined.is_empty() || cols - joined.len() + 1 != next.len() {
        return;
    }
    // Each column's place once the joined ones fold into those before.
    let to: Vec<usize> = (0..cols)
        .scan(0, |place, c| {
            if c > 0 && !joined.contains(&c) {
                *place += 1;
            }
            Some(*place)
        })
        .collect();
    let places = next.len() - 1;
    // Every list laid out on the table's columns (a table widened by a
    // page of further columns is not), and at most one text to a place.
    fn fits<S: AsRef<str>>(cells: &[S], to: &[usize], places: usize) -> bool {
        if cells.len() != to.len() {
            return false;
        }
        let mut filled = vec![0usize; places];
        cells
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.as_ref().trim().is_empty())
            .for_each(|(c, _)| filled[to[c]] += 1);
        filled.iter().all(|&n| n <= 1)
    }
    let laid_out = table
        .rows
        .iter()
        .all(|r| fits(&r.cells, &to, places) && r.confidence.len() == cols)
        && table.header.iter().all(|h| fits(h, &to, places))
        && (table.column_numbers.is_empty() || fits(&table.column_numbers, &to, places))
        && table.columns.len() == cols
        && table.open_cells.iter().all(|&(c, _)| c < cols);
    if !laid_out {
        return;
    }
    let sentences = sentence_columns(next_grid);
    // The joined columns' amounts, by the place each folds into.
    let amounts: Vec<Vec<usize>> = table
        .rows
        .iter()
        .map(|row| {
            joined
                .iter()
                .filter(|&&c| {
                    let t = row.cells[c].trim();
                    is_amount(t) && t.contains('.')
                })
                .map(|&c| to[c])
                .filter(|&place| sentences[place])
                .collect()
        })
        .collect();
    relay(table, &to, next);
    for (row, amounts) in table.rows.iter_mut().zip(amounts) {
        for c in amounts {
            let target = (0..c)
                .rev()
                .take_while(|&k| row.cells[k].trim().is_empty())
                .find(|&k| !sentences[k]);
            if let Some(k) = target {
                row.cells.swap(k, c);
                row.confidence.swap(k, c);
            }
        }
    }
    table.decisions.push(format!(
        "its {cols} columns drawn from text joined into the continuation's {places}"
    ));
}

/// Whether most texts of each of a grid's columns are sentences (a form's
/// 指标值说明). The grid's strings alone tell it here; the reading of a
/// page without rules tells prose by its wrapped lines instead.
fn sentence_columns(grid: &Grid) -> Vec<bool> {
    let cols = grid.cols();
    let mut sentences = vec![0usize; cols];
    let mut texts = vec![0usize; cols];
    for cell in grid.cells.iter().filter(|c| !c.text.trim().is_empty()) {
        if let Some(t) = texts.get_mut(cell.col) {
            *t += 1;
            sentences[cell.col] += usize::from(is_sentence(&cell.text));
        }
    }
    (0..cols).map(|c| 2 * sentences[c] > texts[c]).collect()
}

/// Lays the table out on the boundaries `xs`: column `j`'s texts, their
/// confidences, headings, column numbers and header path go to column
/// `to[j]`. Several columns may go to one (none of its rows holding two
/// texts there): the one holding text is kept.
fn relay(table: &mut Table, to: &[usize], xs: &[f32]) {
    let places = xs.len() - 1;
    fn filled<S: AsRef<str>>(texts: &[S]) -> Vec<bool> {
        texts
            .iter()
            .map(|t| !t.as_ref().trim().is_empty())
            .collect()
    }
    for row in &mut table.rows {
        let kept = filled(&row.cells);
        relay_kept(&mut row.cells, to, places, &kept);
        relay_kept(&mut row.confidence, to, places, &kept);
    }
    for texts in table
        .header
        .iter_mut()
        .chain(std::iter::once(&mut table.column_numbers).filter(|n| !n.is_empty()))
    {
        let kept = filled(texts);
        relay_kept(texts, to, places, &kept);
    }
    let kept: Vec<bool> = table.columns.iter().map(|p| !p.is_empty()).collect();
    relay_kept(&mut table.columns, to, places, &kept);
    for (col, _) in &mut table.open_cells {
        *col = to[*col];
    }
    table.xs = xs.to_vec();
}

/// `items` (one per column) laid out over `places` columns: each kept
/// item `j` in column `to[j]`, the rest empty.
fn relay_kept<T: Default>(items: &mut Vec<T>, to: &[usize], places: usize, kept: &[bool]) {
    let mut out: Vec<T> = std::iter::repeat_with(T::default).take(places).collect();
    for ((item, &place), &keep) in std::mem::take(items).into_iter().zip(to).zip(kept) {
        if keep {
            out[place] = item;
        }
    }
    *items = out;
}

/// Where each column of `xs` goes among the more columns of `next`: the
/// column of `next` whose left boundary is nearest its own. None when
/// `next` has no more columns or two columns would meet in one.
fn column_mapping(xs: &[f32], next: &[f32]) -> Option<Vec<usize>> {
    if next.len() <= xs.len() || xs.len() < 2 {
        return None;
    }
    let to: Vec<usize> = xs[..xs.len() - 1]
        .iter()
        .map(|&x| nearest_column(next, x))
        .collect();
    to.windows(2).all(|w| w[0] < w[1]).then_some(to)
}

/// The printed column numbers, when a header row holds them.
fn column_numbers(grid: &Grid, header_rows: usize, xs: &[f32]) -> Vec<String> {
    column_number_row(grid, header_rows).map_or_else(Vec::new, |r| row_on(grid, r, xs))
}

/// Appends a continuation: rows that repeat the header are dropped, and so
/// is a grand-total row repeated under them.
fn append(table: &mut Table, pt: PageTable, fit: Fit) {
    if fit == Fit::SameFrame && table.from_alignment {
        widen(table, &pt.grid.xs);
        narrow(table, &pt.grid);
    }
    let xs = match fit {
        Fit::OnBoundaries | Fit::SameFrame => table.xs.clone(),
        Fit::SameColumns => pt.grid.xs.clone(),
        Fit::MoreColumns => return append_columns(table, pt),
    };
    let repeated = table
        .header
        .iter()
        .enumerate()
        .take_while(|(r, header_row)| {
            *r < pt.grid.rows() && row_on(&pt.grid, *r, &xs) == **header_row
        })
        .count();
    let skip = if pt.from_alignment {
        // A header read by alignment is the lines above the first figure
        // row: header by construction, however its lines broke.
        repeated.max(pt.header_rows)
    } else if repeated > 0 && table.from_alignment {
        // A ruled header under a table read by alignment: its first rows
        // repeat the table's, its levels may be drawn otherwise.
        repeated.max(pt.header_rows)
    } else if repeated > 0 {
        repeated
    } else if pt.context.title.is_some()
        || fit == Fit::SameColumns
        || (pt.header_rows > 0 && column_paths(&pt.grid, pt.header_rows) == table.columns)
    {
        // A repeated title, a frame drawn anew or the same header paths
        // (headings read by alignment may break their lines otherwise).
        pt.header_rows
    } else {
        0
    };
    let mut rows = body_rows(&pt, skip, &xs);
    if let (Some((_, first)), Some(top)) = (rows.first(), table.rows.first())
        && first.cells == top.cells
        && table.rows.len() > 1
    {
        rows.remove(0);
    }
    join_split_cells(table, &pt, skip, &mut rows);
    if pt.from_alignment {
        drop_labels_repeated_by_the_break(table, &mut rows);
    }
    push_rows(table, &pt, rows);
    table.decisions.push(format!(
        "page {} joined: {}",
        pt.page,
        match fit {
            Fit::OnBoundaries => "its column boundaries lie on the table's",
            Fit::SameColumns => "the same columns, boundaries a few points off",
            Fit::SameFrame => "no title of its own and the same outer frame",
            Fit::MoreColumns => "the same title over the same rows, further columns",
        }
    ));
    if table.pages.last() != Some(&pt.page) {
        table.pages.push(pt.page);
    }
    table.regions.push((pt.page, pt.grid.bbox));
    table.notes.extend(pt.context.notes);
    if table.unit.is_none() {
        table.unit = pt.context.unit;
    }
    if table.department.is_none() {
        table.department = pt.context.department;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::BBox;
    use crate::table::grid::GridCell;

    #[test]
    fn continuation_grids_that_fit() {
        let xs = [40.0, 100.0, 160.0, 220.0, 400.0];
        // A label column drawn without rules drops the left boundary.
        assert!(fits_columns(&xs, &[100.0, 160.0, 220.0, 400.0]));
        // Half the width is too little to be the same table.
        assert!(!fits_columns(&xs, &[40.0, 100.0]));
        // Columns sized anew: each boundary a few points off.
        assert!(same_columns(&xs, &[40.0, 103.0, 165.0, 216.0, 400.0]));
        assert!(!same_columns(&xs, &[40.0, 130.0, 165.0, 216.0, 400.0]));
        // A form carried on: the same frame, other inner columns.
        assert!(same_frame(&xs, &[42.0, 90.0, 300.0, 398.0]));
        assert!(!same_frame(&xs, &[120.0, 300.0, 398.0]));
    }

    fn row(cells: [&str; 3]) -> Row {
        Row {
            page: 1,
            cells: cells.map(CompactString::from).to_vec(),
            confidence: vec![None; 3],
        }
    }

    #[test]
    fn a_continuation_with_more_columns_splits_a_table_drawn_from_text() {
        let mut table = Table {
            xs: vec![40.0, 100.0, 160.0, 400.0],
            columns: vec![Vec::new(); 3],
            rows: vec![row(["预算情况", "(1)基本支出", "12.50"])],
            from_alignment: true,
            ..Table::default()
        };
        // The continuation shows four columns where the first page had one.
        widen(&mut table, &[41.0, 100.0, 160.0, 250.0, 300.0, 400.0]);
        assert_eq!(
            table.rows[0].cells,
            ["预算情况", "(1)基本支出", "12.50", "", ""]
        );
        assert_eq!(table.columns.len(), 5);
        assert_eq!(table.xs.len(), 6);
        // Two of the table's columns would meet in one: left as it is.
        let mut narrow = Table {
            xs: vec![40.0, 100.0, 110.0, 400.0],
            rows: vec![row(["a", "b", "c"])],
            ..Table::default()
        };
        widen(&mut narrow, &[40.0, 105.0, 200.0, 300.0, 400.0]);
        assert_eq!(narrow.rows[0].cells, ["a", "b", "c"]);
        assert_eq!(narrow.xs.len(), 4);
    }

    /// A grid on boundaries `xs` with one row of `texts`.
    fn one_row_grid(xs: &[f32], texts: &[&str]) -> Grid {
        let cells = texts
            .iter()
            .enumerate()
            .map(|(col, t)| GridCell {
                row: 0,
                col,
                row_span: 1,
                col_span: 1,
                bbox: BBox {
                    x0: xs[col],
                    top: 0.0,
                    x1: xs[col + 1],
                    bottom: 10.0,
                },
                text: (*t).into(),
                size: 9.0,
                confidence: None,
            })
            .collect();
        Grid {
            xs: xs.to_vec(),
            ys: vec![0.0, 10.0],
            cells,
            bbox: BBox::default(),
            glyphs: Vec::new(),
        }
    }

    #[test]
    fn a_column_the_continuation_shows_whole_joins_the_one_before() {
        // The first page set a figure apart from 说明's heading: five
        // columns where the continuation, in the same frame, has four, its
        // last of sentences.
        let cells = |texts: [&str; 5]| Row {
            page: 1,
            cells: texts.iter().map(|t| CompactString::from(*t)).collect(),
            confidence: vec![None; 5],
        };
        let first = || Table {
            xs: vec![40.0, 100.0, 200.0, 300.0, 480.0, 560.0],
            columns: vec![Vec::new(); 5],
            rows: vec![
                cells(["预算情况", "(1)基本支出", "", "", "12.50"]),
                cells(["一级指标", "三级指标", "指标值", "指标值说明", ""]),
            ],
            from_alignment: true,
            ..Table::default()
        };
        let xs = [41.0, 100.0, 200.0, 300.0, 561.0];
        let next = one_row_grid(
            &xs,
            &[
                "预算执行率",
                "≥90%",
                "",
                "预算完成数除以预算数，反映预算的执行。",
            ],
        );
        let mut table = first();
        narrow(&mut table, &next);
        assert_eq!((table.columns.len(), table.xs.len()), (4, 5));
        assert_eq!(
            table.rows[1].cells,
            ["一级指标", "三级指标", "指标值", "指标值说明"]
        );
        // The figure stands in the first column of its merged cell, before
        // the column of sentences.
        assert_eq!(
            table.rows[0].cells,
            ["预算情况", "(1)基本支出", "12.50", ""]
        );
        // Not when a row holds text in both.
        let mut both = first();
        both.rows[0].cells[3] = "说明".into();
        narrow(&mut both, &next);
        assert_eq!(both.rows[0].cells.len(), 5);
        // Nor when the rows hold more cells than the boundaries columns (a
        // table a page of further columns widened), nor when two texts
        // would fold into one column.
        let mut wider = first();
        wider.rows[0].cells.push("3.00".into());
        narrow(&mut wider, &next);
        assert_eq!(wider.xs.len(), 6);
        let mut two = first();
        two.xs = vec![40.0, 100.0, 200.0, 250.0, 300.0, 560.0];
        two.rows[0].cells[3] = "说明".into();
        narrow(
            &mut two,
            &one_row_grid(&[41.0, 100.0, 300.0, 561.0], &["a", "b", "c"]),
        );
        assert_eq!(two.rows[0].cells.len(), 5);
        // Into a column without sentences, the figure stays where it folds.
        let plain = one_row_grid(&xs, &["预算执行率", "≥90%", "", "完成"]);
        let mut table = first();
        narrow(&mut table, &plain);
        assert_eq!(
            table.rows[0].cells,
            ["预算情况", "(1)基本支出", "", "12.50"]
        );
    }

    #[test]
    fn two_cells_meeting_in_one_column_keep_both_texts() {
        let cell = |col: usize, x0: f32, x1: f32, text: &str| GridCell {
            row: 0,
            col,
            row_span: 1,
            col_span: 1,
            bbox: BBox::from_corners(x0, 100.0, x1, 112.0),
            text: text.into(),
            size: 10.0,
            confidence: None,
        };
        // A continuation ruled with one column more than the table.
        let grid = Grid {
            xs: vec![40.0, 100.0, 130.0, 400.0],
            ys: vec![100.0, 112.0],
            cells: vec![
                cell(0, 40.0, 100.0, "产出指标"),
                cell(1, 100.0, 130.0, "数量指标"),
                cell(2, 130.0, 400.0, "完成率"),
            ],
            bbox: BBox::from_corners(40.0, 100.0, 400.0, 112.0),
            glyphs: Vec::new(),
        };
        let row = row_on(&grid, 0, &[40.0, 110.0, 400.0]);
        assert_eq!(row, ["产出指标", "数量指标 完成率"]);
    }

    #[test]
    fn a_label_the_break_printed_again_stays_on_the_page_before() {
        // The continuation's first row, after the table's rows `above`.
        let first_after = |above: Vec<Row>, first: [&str; 3]| {
            let table = Table {
                rows: above,
                ..Table::default()
            };
            let mut next = vec![(0, row(first)), (1, row(["", "", "调整率"]))];
            drop_labels_repeated_by_the_break(&table, &mut next);
            next.swap_remove(0).1.cells
        };
        let open = vec![
            row(["投入管理", "预算管理", "完整性"]),
            row(["", "", "细化率"]),
        ];
        assert_eq!(
            first_after(open, ["", "预算管理", "执行率"]),
            ["", "", "执行率"]
        );
        // A figure the publisher printed again is kept.
        let figures = vec![row(["", "甲", "15.80"]), row(["", "", ""])];
        assert_eq!(first_after(figures, ["", "", "15.80"]), ["", "", "15.80"]);
        // So is a label right on the table's last row: no cell runs on.
        let closed = vec![row(["", "", "细化率"]), row(["", "预算管理", "完整性"])];
        assert_eq!(
            first_after(closed, ["", "预算管理", "执行率"]),
            ["", "预算管理", "执行率"]
        );
    }

    #[test]
    fn titles_equal_without_their_labels() {
        assert!(same_title(
            "预算12表 项目支出绩效目标表",
            "项目支出绩效目标表"
        ));
        assert!(!same_title("收入总表", "支出总表"));
    }
}
