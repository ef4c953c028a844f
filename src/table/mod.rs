//! Tables: a document's pages (glyphs and graphics) in, [`Table`]s out —
//! each with its title, unit, pages, leaf columns' header paths and body rows.
//!
//! Per page: [`edges`] from ruling lines and thin filled rectangles →
//! [`cells`] (lattice) → [`grid`] with spans and cell text → [`header`] rows
//! and paths; pages drawn without rules fall back to [`stream`] (columns from
//! the alignment of words). [`context`] reads the title, unit and notes around
//! each table; [`merge`] joins a table continued on the next pages and drops
//! its repeated header rows.

pub mod cells;
pub mod context;
pub mod edges;
pub mod grid;
pub mod header;
pub mod merge;
pub mod stream;

use crate::layout::{LayoutSettings, TextLine, lines_of};
use crate::pdf::{BBox, Page};
use grid::Grid;

/// Every tolerance of table finding, as a named setting (pdfplumber's vocabulary).
#[derive(Debug, Clone)]
pub struct TableSettings {
    /// Edges whose positions differ by at most this are snapped to one position.
    pub snap_tolerance: f32,
    /// Collinear edges separated by at most this are joined.
    pub join_tolerance: f32,
    /// Edges shorter than this (after joining) are dropped.
    pub edge_min_length: f32,
    /// A horizontal and a vertical edge this close count as crossing.
    pub intersection_tolerance: f32,
    /// A filled rectangle at most this thick is a rule, not a box.
    pub max_rule_thickness: f32,
    /// A stroked line tilted by at most this (points over its length) is axis-aligned.
    pub line_tilt_tolerance: f32,
    /// A lattice region needs at least this many cells to be a table.
    pub min_cells: usize,
    pub layout: LayoutSettings,
}

impl Default for TableSettings {
    fn default() -> Self {
        TableSettings {
            snap_tolerance: 3.0,
            join_tolerance: 3.0,
            edge_min_length: 3.0,
            intersection_tolerance: 3.0,
            max_rule_thickness: 2.5,
            line_tilt_tolerance: 1.0,
            min_cells: 2,
            layout: LayoutSettings::default(),
        }
    }
}

/// One body row: the page it is printed on and one string per leaf column.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub page: u32,
    pub cells: Vec<String>,
}

/// A table found on one page, before continuations are merged.
#[derive(Debug, Clone, PartialEq)]
pub struct PageTable {
    pub page: u32,
    pub grid: Grid,
    pub header_rows: usize,
    pub context: context::TableContext,
    /// Drawn without rules, found by text alignment.
    pub from_alignment: bool,
}

/// The tables of one page, and a title left standing below the last of them
/// (its table starts on the next page).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageTables {
    pub tables: Vec<PageTable>,
    pub dangling: Option<context::TableContext>,
}

/// A whole table, possibly over several pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub title: Option<String>,
    pub pages: Vec<u32>,
    pub unit: Option<String>,
    pub department: Option<String>,
    pub notes: Vec<String>,
    /// The header path of each leaf column.
    pub columns: Vec<Vec<String>>,
    /// The header rows' texts as printed (one string per leaf column each).
    pub header: Vec<Vec<String>>,
    pub rows: Vec<Row>,
    /// Where the table lies on each of its pages.
    pub regions: Vec<(u32, BBox)>,
    /// Leaf column boundaries on the first page; continuations are mapped onto them.
    pub xs: Vec<f32>,
    /// Empty merged cells that run off the bottom of the last page so far:
    /// (leaf column, index into `rows` of the cell's top row). A page break
    /// splits such a cell, and its text may be printed in the part below.
    pub open_cells: Vec<(usize, usize)>,
    pub from_alignment: bool,
}

/// Finds the tables of every page (pages listed in `skip_pages`, such as the
/// table of contents, are passed over) and merges continuations.
pub fn find_tables(pages: &[Page], skip_pages: &[u32], settings: &TableSettings) -> Vec<Table> {
    let per_page: Vec<PageTables> = pages
        .iter()
        .map(|page| {
            if skip_pages.contains(&page.number) {
                PageTables::default()
            } else {
                page_tables(page, settings)
            }
        })
        .collect();
    // An untitled grid with no body rows is a drawing (a chart legend, a
    // frame), not a table; an empty table keeps its title.
    merge::merge_pages(per_page, pages)
        .into_iter()
        .filter(|t| !(t.rows.is_empty() && t.title.is_none()))
        .collect()
}

/// The tables of one page.
pub fn page_tables(page: &Page, settings: &TableSettings) -> PageTables {
    let edges = edges::page_edges(page, settings);
    let mut grids: Vec<(Grid, bool)> = cells::find_tables(&edges, settings)
        .iter()
        .map(|cells| grid::build_grid(page, cells, &settings.layout))
        .filter(|g| !g.glyphs.is_empty() && g.rows() >= 1 && g.cols() >= 1)
        // A single column is a box around text (a cover title, a note), not a table.
        .filter(|g| g.cols() >= 2)
        .map(|g| (g, false))
        .collect();
    if grids.is_empty() {
        grids.extend(
            stream::find_grids(page, settings)
                .into_iter()
                .map(|g| (g, true)),
        );
    }
    grids.sort_by(|a, b| a.0.bbox.top.total_cmp(&b.0.bbox.top));
    if grids.is_empty() {
        // No table, so no title to look for; a standing title is only needed
        // below a table or on a page that ends with one.
        return PageTables {
            tables: Vec::new(),
            dangling: dangling_title_only(page, settings),
        };
    }
    let outside = lines_outside(page, grids.iter().map(|g| &g.0), &settings.layout);
    let mut out = Vec::with_capacity(grids.len());
    for (i, (grid, from_alignment)) in grids.iter().enumerate() {
        let above_limit = if i == 0 {
            0.0
        } else {
            grids[i - 1].0.bbox.bottom
        };
        let below_limit = grids.get(i + 1).map_or(page.height, |g| g.0.bbox.top);
        out.push(PageTable {
            page: page.number,
            header_rows: header::header_rows(grid),
            context: context::read_context(&outside, &grid.bbox, above_limit, below_limit),
            grid: grid.clone(),
            from_alignment: *from_alignment,
        });
    }
    let last_bottom = grids.last().map_or(0.0, |g| g.0.bbox.bottom);
    let foot = BBox {
        x0: 0.0,
        top: page.height,
        x1: page.width,
        bottom: page.height,
    };
    let dangling =
        context::read_context_within(&outside, &foot, last_bottom, page.height, page.height);
    PageTables {
        tables: out,
        dangling: dangling
            .title
            .as_deref()
            .is_some_and(context::is_standalone_title)
            .then_some(dangling),
    }
}

/// A title standing at the foot of a page without tables: only its last few
/// lines are read.
fn dangling_title_only(page: &Page, settings: &TableSettings) -> Option<context::TableContext> {
    let foot: Vec<usize> = (0..page.glyphs.len())
        .filter(|&i| page.glyphs[i].bbox.top > page.height * 0.6)
        .collect();
    if foot.is_empty() {
        return None;
    }
    let lines = lines_of(page, foot, &settings.layout);
    let bottom = BBox {
        x0: 0.0,
        top: page.height,
        x1: page.width,
        bottom: page.height,
    };
    let ctx = context::read_context_within(&lines, &bottom, 0.0, page.height, page.height);
    ctx.title
        .as_deref()
        .is_some_and(context::is_standalone_title)
        .then_some(ctx)
}

/// The page's text lines made of glyphs that belong to no table.
pub fn lines_outside<'a>(
    page: &Page,
    grids: impl Iterator<Item = &'a Grid>,
    settings: &LayoutSettings,
) -> Vec<TextLine> {
    let mut inside = vec![false; page.glyphs.len()];
    for grid in grids {
        for &g in &grid.glyphs {
            inside[g] = true;
        }
    }
    lines_of(
        page,
        (0..page.glyphs.len()).filter(|&i| !inside[i]),
        settings,
    )
}
