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
pub mod title;

use crate::layout::{LayoutSettings, TextLine, lines_of};
use crate::pack::Packed;
use crate::pdf::{BBox, Page};
use compact_str::CompactString;
use grid::{Grid, GridCell};

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
    /// A page whose ruled cells number more than this is not read for
    /// tables (a degenerate or hostile grid: time and memory grow with the
    /// cells); the densest real budget page has under a thousand.
    pub max_cells_per_page: usize,
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
            max_cells_per_page: 10_000,
            layout: LayoutSettings::default(),
        }
    }
}

/// One body row: the page it is printed on and one string per leaf column.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub page: u32,
    pub cells: Vec<CompactString>,
    /// The OCR engine's confidence in each cell (none for a text layer's),
    /// one per cell.
    pub confidence: Vec<Option<u8>>,
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
    /// The cells found when there were more than `max_cells_per_page`.
    pub cells_over_limit: Option<usize>,
}

/// What table finding over a document gives: the tables, the pages passed
/// over for too many cells, and where the caller's bounds stopped it.
#[derive(Debug, Default)]
pub struct TableSearch {
    pub tables: Vec<Table>,
    /// (page, cells found) for pages over `max_cells_per_page`.
    pub pages_over_limit: Vec<(u32, usize)>,
    /// The page being read when the caller said stop (its time or memory
    /// ran out): the tables are incomplete.
    pub stopped_at_page: Option<u32>,
}

/// A whole table, possibly over several pages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub title: Option<String>,
    /// The table-number label printed with the title (公开01表, 预算05表, 表3).
    pub number: Option<String>,
    /// Where the title came from.
    pub title_source: Option<context::TitleSource>,
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
    /// How continuation pages were joined or refused, for `debug`.
    pub decisions: Vec<String>,
    /// The column-number row printed under the header (栏次 1 2 3 …), one
    /// entry per leaf column; empty when none is printed.
    pub column_numbers: Vec<String>,
}

/// Finds the tables of every page (pages listed in `skip_pages`, such as the
/// table of contents, are passed over) and merges continuations.
/// `pages` are each page's [`PageCandidates`], in page order;
/// `furniture[i]` holds the boxes of page i + 1's running headers and footers,
/// which never name a table.
pub fn find_tables(
    pages: Vec<PageCandidates>,
    skip_pages: &[u32],
    furniture: &[Vec<BBox>],
    keep_going: &dyn Fn() -> bool,
) -> TableSearch {
    let mut stopped_at_page = None;
    let mut pages_over_limit = Vec::new();
    // Page by page into the merge: one page's grids unpacked at a time.
    let per_page = pages.into_iter().enumerate().map_while(|(i, page)| {
        if !keep_going() {
            stopped_at_page = Some(page.number);
            return None;
        }
        let number = page.number;
        let found = if skip_pages.contains(&number) {
            PageTables::default()
        } else {
            let furniture = furniture.get(i).map_or(&[][..], |f| &f[..]);
            page.into_tables(furniture)
        };
        if let Some(cells) = found.cells_over_limit {
            pages_over_limit.push((number, cells));
        }
        Some(found)
    });
    let merged = merge::merge_pages(per_page);
    // Stopped, the tables are incomplete and none is given. An untitled grid
    // with no body rows is a drawing (a chart legend, a frame), not a table;
    // an empty table keeps its title.
    let tables = match stopped_at_page {
        Some(_) => Vec::new(),
        None => merged
            .into_iter()
            .filter(|t| !(t.rows.is_empty() && t.title.is_none()))
            .collect(),
    };
    TableSearch {
        tables,
        pages_over_limit,
        stopped_at_page,
    }
}

/// The tables of one page.
pub fn page_tables(page: &Page, furniture: &[BBox], settings: &TableSettings) -> PageTables {
    let lines = crate::layout::text_lines(page, &settings.layout);
    page_candidates(page, &lines, settings).into_tables(furniture)
}

/// What table finding keeps of a page once the page's glyphs and graphics
/// are dropped: its grids with their header rows, and the text lines a
/// title, unit or note is read from. Reading those needs the whole
/// document's running headers and footers, so it waits for
/// [`PageCandidates::into_tables`].
#[derive(Debug, Clone, Default)]
pub struct PageCandidates {
    pub number: u32,
    pub height: f32,
    width: f32,
    grids: Vec<Candidate>,
    /// Tops of grids whose title was printed in their top rows.
    titled_in_grid: Vec<f32>,
    /// The lines outside every grid (the title, unit and notes are among them).
    outside: Vec<TextLine>,
    /// The glyphs `outside` was laid out from, until [`Self::shrink_to_fit`].
    outside_glyphs: Vec<usize>,
    /// Without grids: the lines at the foot of the page, where a title may
    /// stand whose table starts on the next page.
    foot: Vec<TextLine>,
    /// The cells found when there were more than `max_cells_per_page`.
    cells_over_limit: Option<usize>,
    /// Each grid's cells while packed (see [`Self::pack`]).
    packed_cells: Option<Vec<Packed<GridCell>>>,
}

#[derive(Debug, Clone)]
struct Candidate {
    grid: Grid,
    from_alignment: bool,
    header_rows: usize,
}

impl PageCandidates {
    /// Gives back the room its texts and lists were built with and no
    /// longer need, and the glyph indices that go with the page: a long book
    /// keeps every page's candidates to the end.
    pub fn shrink_to_fit(&mut self) {
        self.outside_glyphs = Vec::new();
        for c in &mut self.grids {
            c.grid.cells.shrink_to_fit();
            c.grid
                .cells
                .iter_mut()
                .for_each(|cell| cell.text.shrink_to_fit());
            c.grid.xs.shrink_to_fit();
            c.grid.ys.shrink_to_fit();
        }
        self.grids.shrink_to_fit();
        for lines in [&mut self.outside, &mut self.foot] {
            lines.shrink_to_fit();
            lines.iter_mut().for_each(|l| l.text.shrink_to_fit());
        }
    }

    /// Packs the grids' cells into bytes, a third of their room in memory
    /// (a long book keeps every page's candidates until its tables are
    /// merged); [`Self::into_tables`] unpacks them. Asking about the grids
    /// in between sees no cells.
    pub fn pack(&mut self) {
        if self.packed_cells.is_none() {
            let cells = self
                .grids
                .iter_mut()
                .map(|c| std::mem::take(&mut c.grid.cells));
            self.packed_cells = Some(cells.map(|cells| Packed::new(&cells)).collect());
        }
    }

    /// Gives the grids back the cells [`Self::pack`] packed.
    fn unpack(&mut self) {
        if let Some(packed) = self.packed_cells.take() {
            for (c, cells) in self.grids.iter_mut().zip(packed) {
                c.grid.cells = cells.unpack();
            }
        }
    }

    /// The lines outside every grid, when they were laid out from exactly
    /// `glyphs` (indices into the page's glyphs, ascending): most often the
    /// glyphs outside the grids' boxes are those no grid holds, and need not
    /// be laid out again. Their glyph lists are empty.
    pub fn outside_lines_of(&self, glyphs: &[usize]) -> Option<Vec<TextLine>> {
        (self.outside_glyphs == glyphs).then(|| self.outside.clone())
    }

    /// Where each grid lies.
    pub fn grid_boxes(&self) -> impl Iterator<Item = BBox> + '_ {
        self.grids.iter().map(|c| c.grid.bbox)
    }

    /// Whether a grid may end in no table: one with no body rows is dropped
    /// unless a title names it (decided when the document's tables are
    /// merged), and a continuation repeating its table's header may have a
    /// few header rows more than it found itself.
    pub fn may_drop_a_grid(&self) -> bool {
        self.grids.iter().any(|c| {
            let mut rows_with_text: Vec<usize> = c
                .grid
                .cells
                .iter()
                .filter(|cell| !cell.text.trim().is_empty())
                .map(|cell| cell.row)
                .collect();
            rows_with_text.sort_unstable();
            rows_with_text.dedup();
            rows_with_text.len() <= c.header_rows.max(header::MAX_HEADER_ROWS) + 1
        })
    }

    /// The page's tables, their titles and units read from the lines
    /// around them that are not `furniture`.
    pub fn into_tables(mut self, furniture: &[BBox]) -> PageTables {
        self.unpack();
        if self.cells_over_limit.is_some() {
            return PageTables {
                cells_over_limit: self.cells_over_limit,
                ..PageTables::default()
            };
        }
        if self.grids.is_empty() {
            return PageTables {
                tables: Vec::new(),
                dangling: dangling_title_only(&self.foot, self.width, self.height),
                cells_over_limit: None,
            };
        }
        let outside: Vec<TextLine> = self
            .outside
            .into_iter()
            .filter(|l| !is_furniture(l, furniture))
            .collect();
        let mut out = Vec::with_capacity(self.grids.len());
        let bounds: Vec<BBox> = self.grids.iter().map(|c| c.grid.bbox).collect();
        for (i, candidate) in self.grids.into_iter().enumerate() {
            let above_limit = if i == 0 { 0.0 } else { bounds[i - 1].bottom };
            let below_limit = bounds.get(i + 1).map_or(self.height, |b| b.top);
            let bbox = candidate.grid.bbox;
            let mut context = context::read_context(&outside, &bbox, above_limit, below_limit);
            if context.title.is_some() && self.titled_in_grid.contains(&bbox.top) {
                context.title_source = Some(context::TitleSource::InGrid);
            }
            out.push(PageTable {
                page: self.number,
                header_rows: candidate.header_rows,
                context,
                grid: candidate.grid,
                from_alignment: candidate.from_alignment,
            });
        }
        let last_bottom = bounds.last().map_or(0.0, |b| b.bottom);
        let foot = BBox {
            x0: 0.0,
            top: self.height,
            x1: self.width,
            bottom: self.height,
        };
        let dangling =
            context::read_context_within(&outside, &foot, last_bottom, self.height, self.height);
        PageTables {
            cells_over_limit: None,
            tables: out,
            dangling: dangling
                .title
                .as_deref()
                .is_some_and(context::is_standalone_title)
                .then_some(dangling),
        }
    }
}

/// A page's grids, ruled or aligned, and the lines around them.
/// `lines` are the page's text lines ([`crate::layout::text_lines`]), laid
/// out once by the caller, which needs them too.
pub fn page_candidates(
    page: &Page,
    lines: &[TextLine],
    settings: &TableSettings,
) -> PageCandidates {
    let mut found = PageCandidates {
        number: page.number,
        height: page.height,
        width: page.width,
        ..PageCandidates::default()
    };
    let edges = edges::page_edges(page, settings);
    let lattices = cells::find_tables(&edges, settings);
    let cells: usize = lattices.iter().map(|l| l.len()).sum();
    if cells > settings.max_cells_per_page {
        found.cells_over_limit = Some(cells);
        return found;
    }
    let mut grids: Vec<Candidate> = lattices
        .iter()
        .map(|cells| grid::build_grid(page, cells, &settings.layout))
        .filter(|g| !g.glyphs.is_empty() && g.rows() >= 1 && g.cols() >= 1)
        // A single column is a box around text (a cover title, a note), not a table.
        .filter(|g| g.cols() >= 2)
        .map(|mut g| {
            // A title or unit line drawn as the grid's top row is read as
            // context, like one printed above the grid.
            let n = title::rows_above_header(&g);
            if n > 0 {
                g.drop_top_rows(n, page);
                found.titled_in_grid.push(g.bbox.top);
            }
            Candidate {
                header_rows: header::header_rows(&g),
                grid: g,
                from_alignment: false,
            }
        })
        .collect();
    let rules = stream::horizontal_rules(&edges);
    // A ruled header over an unruled body (a grid without figures): the
    // body is read by alignment under the header's columns.
    let holds_no_figures = |g: &Grid| !g.cells.iter().any(|c| header::is_figure(&c.text));
    if grids.iter().any(|c| holds_no_figures(&c.grid)) {
        let free = glyphs_outside(page, grids.iter().map(|c| &c.grid));
        for c in grids.iter_mut().filter(|c| holds_no_figures(&c.grid)) {
            let rows = c.grid.rows();
            if stream::extend_below(page, &mut c.grid, &free, &rules, &settings.layout) {
                c.header_rows = rows;
            }
        }
    }
    // Tables drawn without rules, or with horizontal rules only (or a
    // frame). Only on pages without ruled grids: beside them, text outside
    // the grid is a note, or a cell's text running past the page's grid.
    if grids.is_empty() {
        grids.extend(
            stream::find_grids(page, lines, &rules)
                .into_iter()
                .map(|a| Candidate {
                    grid: a.grid,
                    from_alignment: true,
                    header_rows: a.header_rows,
                }),
        );
    }
    grids.sort_by(|a, b| a.grid.bbox.top.total_cmp(&b.grid.bbox.top));
    if grids.is_empty() {
        // No table, so no title to look for; a standing title is only needed
        // below a table or on a page that ends with one.
        found.foot = foot_lines(page, settings);
        return found;
    }
    found.outside_glyphs = glyphs_outside(page, grids.iter().map(|g| &g.grid));
    found.outside = lines_of(page, found.outside_glyphs.iter().copied(), &settings.layout);
    found.grids = grids
        .into_iter()
        .map(|mut c| {
            // Indices into the page's glyphs mean nothing once it is dropped.
            c.grid.glyphs = Vec::new();
            c
        })
        .collect();
    for line in found.outside.iter_mut() {
        line.glyphs = Vec::new();
    }
    found
}

/// The page's glyphs that no grid holds.
fn glyphs_outside<'a>(page: &Page, grids: impl Iterator<Item = &'a Grid>) -> Vec<usize> {
    let mut inside = vec![false; page.glyphs.len()];
    for grid in grids {
        for &g in &grid.glyphs {
            if let Some(slot) = inside.get_mut(g) {
                *slot = true;
            }
        }
    }
    (0..page.glyphs.len()).filter(|&i| !inside[i]).collect()
}

/// A running header or footer line: never a title, never metadata. A line
/// that names a table is kept even at the page's edge (a continuation
/// repeats its title on every page).
fn is_furniture(line: &TextLine, furniture: &[BBox]) -> bool {
    let (x, y) = line.bbox.center();
    furniture
        .iter()
        .any(|b| x >= b.x0 && x <= b.x1 && y >= b.top && y <= b.bottom)
        && !context::is_standalone_title(&line.text)
        && !title::is_label_only(&line.text)
}

/// The lines at the foot of a page without tables: a title standing there
/// is read from its last few lines only.
fn foot_lines(page: &Page, settings: &TableSettings) -> Vec<TextLine> {
    let foot: Vec<usize> = (0..page.glyphs.len())
        .filter(|&i| page.glyphs[i].bbox.top > page.height * 0.6)
        .collect();
    if foot.is_empty() {
        return Vec::new();
    }
    let mut lines = lines_of(page, foot, &settings.layout);
    for line in lines.iter_mut() {
        line.glyphs = Vec::new();
    }
    lines
}

/// A title standing at the foot of a page without tables.
fn dangling_title_only(
    foot: &[TextLine],
    width: f32,
    height: f32,
) -> Option<context::TableContext> {
    if foot.is_empty() {
        return None;
    }
    let bottom = BBox {
        x0: 0.0,
        top: height,
        x1: width,
        bottom: height,
    };
    let ctx = context::read_context_within(foot, &bottom, 0.0, height, height);
    ctx.title
        .as_deref()
        .is_some_and(context::is_standalone_title)
        .then_some(ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::{Glyph, Line};

    /// A ruled grid of `rows` × `cols` cells, 20 × 60 pt each, with a header
    /// row ("项目", "金额1"…) and figures in the body.
    fn ruled_page(rows: usize, cols: usize) -> Page {
        let mut page = Page {
            number: 1,
            width: 60.0 * cols as f32 + 100.0,
            height: 20.0 * rows as f32 + 100.0,
            ..Page::default()
        };
        let (x0, y0) = (50.0, 50.0);
        for r in 0..=rows {
            let y = y0 + 20.0 * r as f32;
            page.lines.push(Line {
                x0,
                y0: y,
                x1: x0 + 60.0 * cols as f32,
                y1: y,
                width: 0.5,
            });
        }
        for c in 0..=cols {
            let x = x0 + 60.0 * c as f32;
            page.lines.push(Line {
                x0: x,
                y0,
                x1: x,
                y1: y0 + 20.0 * rows as f32,
                width: 0.5,
            });
        }
        for r in 0..rows {
            for c in 0..cols {
                let text = if r == 0 {
                    if c == 0 {
                        "项目".to_string()
                    } else {
                        format!("金额{c}")
                    }
                } else if c == 0 {
                    format!("行{r}")
                } else {
                    format!("{r}.{c:02}")
                };
                let mut x = x0 + 60.0 * c as f32 + 5.0;
                for ch in text.chars() {
                    let w = if ch.is_ascii() { 5.0 } else { 10.0 };
                    let top = y0 + 20.0 * r as f32 + 5.0;
                    page.glyphs.push(Glyph {
                        text: ch.to_string().into(),
                        bbox: BBox {
                            x0: x,
                            top,
                            x1: x + w,
                            bottom: top + 10.0,
                        },
                        origin: (x, top + 10.0),
                        size: 10.0,
                        font: 0,
                        direction: 0,
                        invisible: false,
                        confidence: None,
                    });
                    x += w;
                }
            }
        }
        page
    }

    #[test]
    fn a_large_ruled_grid_reads_row_by_row() {
        // 400 rows × 12 columns: thousands of cells and glyphs on one page.
        let page = ruled_page(400, 12);
        let found = page_tables(&page, &[], &TableSettings::default());
        assert_eq!(found.tables.len(), 1);
        let t = &found.tables[0];
        assert_eq!((t.grid.rows(), t.grid.cols(), t.header_rows), (400, 12, 1));
        let tables = merge::merge_pages(vec![found]);
        assert_eq!(tables[0].rows.len(), 399);
        assert_eq!(tables[0].rows[398].cells[11], "399.11");
        assert_eq!(tables[0].columns[3], vec!["金额3".to_string()]);
    }

    /// Packed and unpacked, a page's candidates give the tables they gave
    /// before; while packed, their grids hold no cells.
    #[test]
    fn packed_candidates_give_the_same_tables() {
        let page = ruled_page(6, 4);
        let settings = TableSettings::default();
        let lines = crate::layout::text_lines(&page, &settings.layout);
        let found = page_candidates(&page, &lines, &settings);
        let mut packed = found.clone();
        packed.pack();
        packed.pack();
        assert!(packed.grids.iter().all(|c| c.grid.cells.is_empty()));
        assert!(packed.packed_cells.is_some());
        let (before, after) = (found.into_tables(&[]), packed.into_tables(&[]));
        assert_eq!(before.tables[0].grid.cells.len(), 24);
        assert_eq!(before, after);
    }

    #[test]
    fn outside_lines_are_given_only_for_the_glyphs_they_were_laid_out_from() {
        let mut page = ruled_page(3, 3);
        // A title above the grid and a note below it.
        for (text, top) in [("表", 20.0), ("注", 140.0)] {
            let mut glyph = page.glyphs[0].clone();
            glyph.text = text.into();
            glyph.bbox.top = top;
            glyph.bbox.bottom = top + 10.0;
            glyph.origin.1 = top + 10.0;
            page.glyphs.push(glyph);
        }
        let settings = TableSettings::default();
        let lines = crate::layout::text_lines(&page, &settings.layout);
        let found = page_candidates(&page, &lines, &settings);
        let n = page.glyphs.len();
        let outside = [n - 2, n - 1];
        let given = found.outside_lines_of(&outside).expect("the same glyphs");
        let laid_out = lines_of(&page, outside, &settings.layout);
        let texts = |lines: &[TextLine]| lines.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&given), ["表", "注"]);
        assert_eq!(texts(&given), texts(&laid_out));
        assert!(given.iter().all(|l| l.glyphs.is_empty()));
        assert!(found.outside_lines_of(&[n - 1]).is_none());
        let mut kept = found;
        kept.shrink_to_fit();
        assert!(kept.outside_lines_of(&outside).is_none());
    }
}
