//! From a table's cell boxes to a grid: the distinct column and row
//! boundaries, each cell's row/column span, and each cell's text from the
//! glyphs whose centres fall inside it (lines joined, CJK without spaces).

use crate::layout::join::cjk_spacing_tidied;
use crate::layout::{LayoutSettings, LineScratch, is_cjk, line_texts_of};
use crate::pack::{Pack, Packer, Unpacker};
use crate::pdf::{BBox, Page};
use compact_str::CompactString;
use std::borrow::Cow;

/// One cell of the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub bbox: BBox,
    /// Kept inline when short, as most cells' texts are (no allocation: a
    /// long book keeps every grid's cells until its tables are merged).
    pub text: CompactString,
    /// Font size of the cell's text (0 when empty).
    pub size: f32,
    /// The OCR engine's least confidence in the cell's characters (none
    /// when read from a text layer, or empty).
    pub confidence: Option<u8>,
}

impl Pack for GridCell {
    /// Writes the cell into `packer` (see [`crate::pack`]).
    fn pack(&self, packer: &mut Packer) {
        for n in [self.row, self.col, self.row_span, self.col_span] {
            packer.usize(n);
        }
        self.bbox.pack(packer);
        packer.str(&self.text);
        packer.f32(self.size);
        packer.option_u8(self.confidence);
    }

    /// Reads back a cell [`GridCell::pack`] wrote.
    fn unpack(unpacker: &mut Unpacker<'_>) -> GridCell {
        let (row, col, row_span, col_span) = (
            unpacker.usize(),
            unpacker.usize(),
            unpacker.usize(),
            unpacker.usize(),
        );
        let bbox = BBox::unpack(unpacker);
        GridCell {
            row,
            col,
            row_span,
            col_span,
            bbox,
            text: unpacker.str().into(),
            size: unpacker.f32(),
            confidence: unpacker.option_u8(),
        }
    }
}

/// A table's cells placed on row and column boundaries.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column boundaries, left to right (columns + 1 values).
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom (rows + 1 values).
    pub ys: Vec<f32>,
    pub cells: Vec<GridCell>,
    pub bbox: BBox,
    /// Glyph indices used by this grid's cells.
    pub glyphs: Vec<usize>,
}

impl Grid {
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }
    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    /// The cell whose top-left slot is (row, col), if one starts there.
    pub fn cell_at(&self, row: usize, col: usize) -> Option<&GridCell> {
        self.cells.iter().find(|c| c.row == row && c.col == col)
    }

    /// Takes the top `n` rows out of the grid (a title printed inside it):
    /// their glyphs become text outside the table.
    pub fn drop_top_rows(&mut self, n: usize, page: &Page) {
        if n == 0 || n >= self.rows() {
            return;
        }
        let new_top = self.ys[n];
        self.ys.drain(..n);
        self.cells.retain(|c| c.row >= n);
        for c in &mut self.cells {
            c.row -= n;
        }
        self.glyphs.retain(|&g| {
            page.glyphs
                .get(g)
                .is_some_and(|g| g.bbox.center().1 >= new_top)
        });
        self.bbox.top = new_top;
    }

    /// The cell covering slot (row, col), whether it starts there or spans over it.
    pub fn covering(&self, row: usize, col: usize) -> Option<&GridCell> {
        self.cells.iter().find(|c| {
            (c.row..c.row + c.row_span).contains(&row) && (c.col..c.col + c.col_span).contains(&col)
        })
    }
}

/// Boundaries within this distance are one.
const BOUNDARY_TOLERANCE: f32 = 1.0;

fn boundaries(values: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut v: Vec<f32> = values.collect();
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        match out.last() {
            Some(&last) if x - last <= BOUNDARY_TOLERANCE => {}
            _ => out.push(x),
        }
    }
    out
}

/// The index of the boundary nearest `v` (the lower one on a tie); the
/// boundaries are sorted, so only the two around `v` are compared.
fn index_of(bounds: &[f32], v: f32) -> usize {
    let above = bounds.partition_point(|&b| b < v);
    match (above.checked_sub(1), bounds.get(above)) {
        (Some(below), Some(&b)) if (b - v).abs() < (v - bounds[below]).abs() => above,
        (Some(below), _) => below,
        (None, _) => 0,
    }
}

/// Builds the grid and fills each cell with its text.
pub fn build_grid(page: &Page, cell_boxes: &[BBox], settings: &LayoutSettings) -> Grid {
    let xs = boundaries(cell_boxes.iter().flat_map(|c| [c.x0, c.x1]));
    let ys = boundaries(cell_boxes.iter().flat_map(|c| [c.top, c.bottom]));
    let bbox = cell_boxes
        .iter()
        .copied()
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default();
    // Cells by the row bands they cover, so each glyph is tested against the
    // cells of its own band only (a page can hold thousands of cells).
    let bands = ys.len().saturating_sub(1).max(1);
    let mut by_band: Vec<Vec<usize>> = vec![Vec::new(); bands];
    for (ci, c) in cell_boxes.iter().enumerate() {
        let (first, last) = (
            index_of(&ys, c.top),
            index_of(&ys, c.bottom).max(index_of(&ys, c.top) + 1),
        );
        for band in by_band
            .iter_mut()
            .take(last.min(bands))
            .skip(first.min(bands - 1))
        {
            band.push(ci);
        }
    }
    // Each glyph's cell, then the glyphs grouped by cell (in page order
    // within each): one buffer for the page, not one per cell.
    let mut owner: Vec<(usize, usize)> = Vec::new();
    for (gi, g) in page.glyphs.iter().enumerate() {
        let (cx, cy) = g.bbox.center();
        if cx < bbox.x0 || cx > bbox.x1 || cy < bbox.top || cy > bbox.bottom {
            continue;
        }
        let band = ys
            .partition_point(|&y| y <= cy)
            .saturating_sub(1)
            .min(bands - 1);
        // A centre on a band boundary may belong to the band above.
        let candidates = by_band[band]
            .iter()
            .chain(band.checked_sub(1).map_or(&[][..], |b| &by_band[b][..]));
        if let Some(&ci) = candidates.into_iter().find(|&&ci| {
            let c = &cell_boxes[ci];
            cx >= c.x0 && cx <= c.x1 && cy >= c.top && cy <= c.bottom
        }) {
            owner.push((ci, gi));
        }
    }
    // A text layer's glyphs carry no confidence: nothing to weigh per cell.
    let read_by_ocr = page.glyphs.iter().any(|g| g.confidence.is_some());
    let used: Vec<usize> = owner.iter().map(|&(_, gi)| gi).collect();
    let members = grouped_by_cell(owner, cell_boxes.len());
    let mut scratch = LineScratch::default();
    let mut cells: Vec<GridCell> = cell_boxes
        .iter()
        .enumerate()
        .map(|(ci, b)| {
            let glyphs = members.of(ci);
            let (col, col_end) = (index_of(&xs, b.x0), index_of(&xs, b.x1));
            let (row, row_end) = (index_of(&ys, b.top), index_of(&ys, b.bottom));
            let confidence = read_by_ocr
                .then(|| least_confidence(page, glyphs))
                .flatten();
            let (text, size) = cell_text(page, glyphs, settings, &mut scratch);
            GridCell {
                row,
                col,
                row_span: row_end.saturating_sub(row).max(1),
                col_span: col_end.saturating_sub(col).max(1),
                bbox: *b,
                text,
                size,
                confidence,
            }
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    Grid {
        xs,
        ys,
        cells,
        bbox,
        glyphs: used,
    }
}

/// Glyph indices grouped by cell: cell `c`'s are `glyphs[starts[c]..starts[c + 1]]`.
struct Members {
    glyphs: Vec<usize>,
    starts: Vec<usize>,
}

/// Groups (cell, glyph) pairs by cell, keeping their order within a cell.
fn grouped_by_cell(owner: Vec<(usize, usize)>, cells: usize) -> Members {
    let mut starts = vec![0usize; cells + 1];
    for &(ci, _) in &owner {
        starts[ci + 1] += 1;
    }
    for c in 0..cells {
        starts[c + 1] += starts[c];
    }
    let mut next = starts.clone();
    let mut glyphs = vec![0usize; owner.len()];
    for (ci, gi) in owner {
        glyphs[next[ci]] = gi;
        next[ci] += 1;
    }
    Members { glyphs, starts }
}

impl Members {
    /// Cell `c`'s glyphs.
    fn of(&self, c: usize) -> &[usize] {
        &self.glyphs[self.starts[c]..self.starts[c + 1]]
    }
}

/// The OCR engine's least confidence in the glyphs that are not
/// punctuation (a figure's separators are read from where they stand), or
/// in all of them when all are (a "-" for nil).
pub fn least_confidence(page: &Page, glyphs: &[usize]) -> Option<u8> {
    // A text layer's glyphs carry none: nothing to weigh.
    if glyphs.iter().all(|&g| page.glyphs[g].confidence.is_none()) {
        return None;
    }
    let least = |skip_punctuation: bool| {
        glyphs
            .iter()
            .map(|&g| &page.glyphs[g])
            .filter(|g| !skip_punctuation || !g.text.chars().all(|c| c.is_ascii_punctuation()))
            .filter_map(|g| g.confidence)
            .min()
    };
    least(true).or_else(|| least(false))
}

/// A cell's lines, joined: no space where either side of the break is CJK or
/// both are digits/punctuation (a wrapped number); a space between Latin words.
fn cell_text(
    page: &Page,
    glyphs: &[usize],
    settings: &LayoutSettings,
    scratch: &mut LineScratch,
) -> (CompactString, f32) {
    if glyphs.is_empty() {
        return (CompactString::default(), 0.0);
    }
    let mut size = 0.0f32;
    let mut text = WrappedLines::default();
    line_texts_of(
        page,
        glyphs.iter().copied(),
        settings,
        scratch,
        |line, line_size| {
            size = size.max(line_size);
            text.push(line);
        },
    );
    // Most cells hold no whitespace to tidy: they stay inline when short.
    let text = match cjk_spacing_tidied(&text.joined) {
        Cow::Borrowed(_) => text.joined,
        Cow::Owned(tidied) => tidied.into(),
    };
    (text, size)
}

/// Joins wrapped lines of one cell.
pub fn join_wrapped<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut out = WrappedLines::default();
    for line in lines {
        out.push(line);
    }
    out.joined.into()
}

/// Wrapped lines of one cell joined as they come: no space where either side
/// of the break is CJK, a space between Latin words. Kept inline while short,
/// as most cells' texts are.
#[derive(Default)]
struct WrappedLines {
    joined: CompactString,
}

impl WrappedLines {
    fn push(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        if let (Some(last), Some(first)) = (self.joined.chars().last(), line.chars().next())
            && needs_space(last, first)
        {
            self.joined.push(' ');
        }
        self.joined.push_str(line);
    }
}

fn needs_space(last: char, first: char) -> bool {
    let latin = |c: char| c.is_ascii_alphabetic();
    !(is_cjk(last) || is_cjk(first)) && (latin(last) || latin(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_unpack_as_packed() {
        let cell = |row, text: &str, confidence| GridCell {
            row,
            col: 3,
            row_span: 2,
            col_span: 300,
            bbox: BBox::from_corners(-0.1, 1e-30, 595.276, f32::MAX),
            text: text.into(),
            size: 10.5,
            confidence,
        };
        let cells = [
            cell(0, "", None),
            cell(7, "一般公共预算财政拨款收入（含上年结转结余资金）", Some(0)),
            cell(1 << 40, "1,234.56", Some(100)),
        ];
        let mut packer = Packer::default();
        cells.iter().for_each(|c| c.pack(&mut packer));
        let bytes = packer.finish();
        let mut unpacker = Unpacker::new(&bytes);
        for c in &cells {
            assert_eq!(&GridCell::unpack(&mut unpacker), c);
        }
        assert!(unpacker.is_done());
    }

    #[test]
    fn wrapped_lines_join_like_print() {
        assert_eq!(
            join_wrapped(["某县社会保险事务管", "理中心"].into_iter()),
            "某县社会保险事务管理中心"
        );
        assert_eq!(
            join_wrapped(["政", "府", "性", "基", "金"].into_iter()),
            "政府性基金"
        );
        assert_eq!(
            join_wrapped(["12,345,6", "78.90"].into_iter()),
            "12,345,678.90"
        );
        assert_eq!(
            join_wrapped(["General", "public"].into_iter()),
            "General public"
        );
    }

    #[test]
    fn nearest_boundary_is_the_lower_on_a_tie() {
        let bounds = [10.0, 20.0, 30.0];
        let brute = |v: f32| {
            bounds
                .iter()
                .enumerate()
                .min_by(|a, b| (a.1 - v).abs().total_cmp(&(b.1 - v).abs()))
                .map_or(0, |(i, _)| i)
        };
        for v in [-5.0, 10.0, 14.9, 15.0, 15.1, 20.0, 25.0, 29.0, 30.0, 99.0] {
            assert_eq!(index_of(&bounds, v), brute(v), "at {v}");
        }
        assert_eq!(index_of(&[], 3.0), 0);
    }
}
