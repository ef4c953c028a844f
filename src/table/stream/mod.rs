//! Tables drawn without rules, or with only some (pdfplumber's "text"
//! strategy, Camelot's "stream", narrowed to budget tables). A page's
//! glyphs outside ruled grids and its horizontal rules in; grids out, each
//! with the number of its header rows, the same [`Grid`] a ruled table
//! gives, so everything downstream reads them alike.
//!
//! The body is a run of text lines holding figures (a form's rows above
//! them too); the header is the lines just above it, up to the title, the
//! unit line or a rule ([`header`]); the columns are the gaps that no body
//! word and no lowest heading crosses, words spanning columns aside
//! ([`columns`]). The body's words are then put in their columns, wrapped
//! cells joined and cells side by side gathered ([`blocks`]), those bands
//! joined into rows ([`rows`]), texts merged over several rows moved to
//! their span's first row ([`spans`]), and a text centred over blank
//! columns at its row's start or end (a 合计 over the code and name
//! columns, a form's value over the rest of its row) moved to the first of
//! them, and an amount set right in a column of prose moved to the value
//! column before it. Horizontal rules (三线表, a
//! frame) bound the header and end the body. A ruled header over an
//! unruled body keeps its rules' columns and takes its body rows from the
//! lines below it ([`extend_below`]).

pub mod blocks;
pub mod columns;
pub mod header;
pub mod rows;
pub mod spans;
pub mod words;

use super::edges::{Edge, Orientation};
use super::grid::{Grid, GridCell, join_wrapped, least_confidence};
use super::header::{are_column_numbers, is_dash};
use crate::layout::join::tidy_cjk_spacing;
use crate::layout::{LayoutSettings, TextLine, lines_of};
use crate::pdf::{BBox, Page};
use words::{Line, Word, line_of_words};

/// Consecutive body lines further apart than this many font sizes (gap
/// between them) are not one table.
pub const BODY_GAP: f32 = 3.0;
/// A line without figures stays in the body only this close (font sizes)
/// to the line above it.
pub const LABEL_GAP: f32 = 3.0;
/// Header lines stand at most this far (font sizes) above the line below
/// them: a tall header (headings wrapped down narrow columns) sets its
/// lowest single-line headings in the middle of high cells.
pub const HEADER_GAP: f32 = 9.0;
/// A header is at most this many text lines (headings set one character
/// to a line in narrow columns take one line per character).
pub const MAX_HEADER_LINES: usize = 40;
/// A horizontal rule bounds a table when it runs under at least this share
/// of the table's width.
pub const RULE_SHARE: f32 = 0.5;
/// Page numbers stand within this share of the page's height from its
/// top or bottom edge.
const PAGE_NUMBER_BAND: f32 = 0.12;
/// A label within this share of its column's width from the column's
/// middle or left edge is set in that column.
const OWN_COLUMN_SHARE: f32 = 0.25;
/// A label is centred over a run of columns within this many font sizes.
const MERGED_CENTRE_SLACK: f32 = 0.3;
/// An empty table's header has a line of at least this many headings.
const MIN_HEADINGS: usize = 3;
/// A title is printed at least this much larger than the table's text.
const TITLE_SIZE: f32 = 1.25;

/// A grid found by alignment, with its header rows.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedGrid {
    pub grid: Grid,
    pub header_rows: usize,
}

/// The page's upright text lines, top to bottom, cut into words; page
/// numbers left out.
fn word_lines(page: &Page, text_lines: &[TextLine]) -> Vec<Line> {
    let mut lines: Vec<Line> = text_lines
        .iter()
        .filter(|l| l.direction == 0)
        .filter(|l| !is_page_number(page, l))
        .map(|l| line_of_words(page, l))
        .filter(|l| !l.words.is_empty())
        .collect();
    lines.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
    lines
}

/// A page number printed in the page's head or foot (a lone figure
/// inside the page is a cell's, such as a code merged over two rows).
fn is_page_number(page: &Page, line: &crate::layout::TextLine) -> bool {
    let edge = PAGE_NUMBER_BAND * page.height;
    (line.bbox.top < edge || line.bbox.bottom > page.height - edge)
        && super::context::is_page_number(&line.text)
}

/// The page's horizontal rules.
pub fn horizontal_rules(edges: &[Edge]) -> Vec<Edge> {
    edges
        .iter()
        .filter(|e| e.orientation == Orientation::Horizontal)
        .copied()
        .collect()
}

/// Notes, sources and the like: never a table's row.
fn is_note(line: &Line) -> bool {
    let t = line.text.trim_start();
    ["注", "说明", "备注", "资料来源"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// A line that cannot be a heading: the table's title, its unit or
/// department line, a note.
fn is_context(line: &Line, body_size: f32) -> bool {
    super::context::is_meta_line(&line.text)
        || super::context::is_standalone_title(line.text.trim())
        || super::title::is_label_only(line.text.trim())
        || line.size > TITLE_SIZE * body_size
        || is_note(line)
}

/// The horizontal extent of some lines' words.
fn extent<'a>(lines: impl Iterator<Item = &'a Line>) -> (f32, f32) {
    lines
        .flat_map(|l| &l.words)
        .fold((f32::MAX, f32::MIN), |e, w| {
            (e.0.min(w.bbox.x0), e.1.max(w.bbox.x1))
        })
}

/// Whether a rule runs under most of the extent `(x0, x1)` between `y0` and `y1`.
fn rules_between(rules: &[Edge], (x0, x1): (f32, f32), y0: f32, y1: f32) -> usize {
    let width = (x1 - x0).max(1.0);
    rules
        .iter()
        .filter(|r| r.pos > y0 && r.pos < y1)
        .filter(|r| r.end.min(x1) - r.start.max(x0) >= RULE_SHARE * width)
        .count()
}

fn within(word: &Word, (x0, x1): (f32, f32), slack: f32) -> bool {
    word.bbox.x0 >= x0 - slack && word.bbox.x1 <= x1 + slack
}

/// Whether some of a line's words stand within `span` (a header reaches
/// past its body where columns are blank in every row).
fn reaches_into(line: &Line, span: (f32, f32), slack: f32) -> bool {
    line.words.iter().any(|w| within(w, span, slack))
}

/// Lines from `start` on that make one table body: lines with figures,
/// and lines without that stand close under them; ended by a wide gap, a
/// rule, a note or a line reaching outside `frame` (when given).
fn body_run(
    lines: &[Line],
    start: usize,
    rules: &[Edge],
    frame: Option<(f32, f32)>,
) -> std::ops::Range<usize> {
    let mut end = start;
    let mut span = frame.unwrap_or_else(|| extent(std::iter::once(&lines[start])));
    for i in start..lines.len() {
        let line = &lines[i];
        if is_note(line) || super::context::is_meta_line(&line.text) {
            break;
        }
        if let Some(f) = frame
            && !line.words.iter().all(|w| within(w, f, line.size))
        {
            break;
        }
        if i > start {
            let prev = &lines[i - 1];
            let gap = line.bbox.top - prev.bbox.bottom;
            let limit = if line.figures() > 0 {
                BODY_GAP
            } else {
                LABEL_GAP
            };
            // The page's last line, one label, may be a merged cell's
            // label the page cut, set far under its rows: the body's
            // reading decides (see `rows::body_len`).
            let cut_label = i + 1 == lines.len() && line.words.len() == 1 && line.figures() == 0;
            if (gap > limit * line.size.max(prev.size) && !cut_label)
                || rules_between(rules, span, prev.bbox.bottom - 1.0, line.bbox.top + 1.0) > 0
            {
                break;
            }
        }
        if frame.is_none() {
            span = (span.0.min(line.bbox.x0), span.1.max(line.bbox.x1));
        }
        end = i + 1;
    }
    start..end
}

/// Where the body starts once the first row's label, wrapped in its cell
/// above the row's figures, is taken back from the header: lines without
/// figures right above, closer than rows stand, each word standing where
/// body labels start.
fn wrapped_above(lines: &[Line], run: std::ops::Range<usize>) -> usize {
    let pitch = rows::row_pitch(&lines[run.clone()]);
    let starts: Vec<f32> = lines[run.clone()]
        .iter()
        .flat_map(|l| l.words.iter().filter(|w| !w.figure).map(|w| w.bbox.x0))
        .collect();
    let mut start = run.start;
    while start > 0 {
        let (line, below) = (&lines[start - 1], &lines[start]);
        let aligned = line
            .words
            .iter()
            .all(|w| !w.figure && starts.iter().any(|&x| (x - w.bbox.x0).abs() <= 1.0));
        if !aligned || below.center_y() - line.center_y() >= rows::WRAP_SHARE * pitch {
            break;
        }
        start -= 1;
    }
    start
}

/// Header lines above the body starting at line `first`: close above each
/// other, not context, all between the same rules, some over the body.
fn header_lines(lines: &[Line], first: usize, rules: &[Edge], span: (f32, f32)) -> usize {
    let body = &lines[first];
    let mut top = first;
    let mut band = None;
    while top > 0 && first - top < MAX_HEADER_LINES {
        let line = &lines[top - 1];
        let below = &lines[top];
        let gap = below.bbox.top - line.bbox.bottom;
        if gap > HEADER_GAP * body.size.max(line.size) || is_context(line, body.size) {
            break;
        }
        let crossed = rules_between(rules, span, line.bbox.bottom - 1.0, body.bbox.top + 1.0);
        if crossed > 1 || band.is_some_and(|b| b != crossed) {
            break;
        }
        band = Some(crossed);
        top -= 1;
    }
    // Headings stand over the body: lines wholly beside it are not its header.
    if lines[top..first]
        .iter()
        .any(|l| reaches_into(l, span, 2.0 * body.size))
    {
        top
    } else {
        first
    }
}

/// At most one body line in this many holds a word that spans columns (a
/// form's top sets its name, its goals and its tasks' contents each in a
/// cell merged to the row's end: three of its twelve lines).
const SPANNING_SHARE: usize = 4;

/// Figures whose right edges lie this close (points) are set in one column.
const SAME_EDGE: f32 = 2.0;

/// Whether the rows hold enough figures to be a table: two rows with two
/// figures each; one row of three figures under a header; or a column of
/// figures beside labels, three set right on one edge.
fn holds_a_table(lines: &[Line], has_header: bool) -> bool {
    let rich = lines.iter().filter(|l| l.figures() >= 2).count();
    if rich >= 2 || (has_header && lines.iter().any(|l| l.figures() >= 3)) {
        return true;
    }
    // Figures beside labels: a chart's axis prints lone figures.
    let mut edges: Vec<f32> = lines
        .iter()
        .filter(|l| l.words.iter().any(|w| !w.figure))
        .flat_map(|l| l.words.iter().filter(|w| w.figure).map(|w| w.bbox.x1))
        .collect();
    edges.sort_by(f32::total_cmp);
    edges.windows(3).any(|w| w[2] - w[0] <= SAME_EDGE)
}

/// A form has at least this many lines of three texts side by side.
const FORM_ROWS: usize = 3;
/// A page holding nothing but a form's last rows has at least this many.
const FORM_PAGE_ROWS: usize = 2;

/// Whether the lines are a form's (a performance-target sheet continued on
/// a page of its own): sentences in its cells, and at least `min_rows`
/// rows of three texts side by side, though few figures (its values read
/// "≥90%", "相关").
fn is_form(lines: &[Line], min_rows: usize) -> bool {
    lines.iter().any(words::is_prose)
        && lines.iter().filter(|l| l.words.len() >= 3).count() >= min_rows
}

/// Tables found by alignment among the page's text lines (laid out from
/// every glyph: this runs only on pages without a ruled grid).
pub fn find_grids(page: &Page, text_lines: &[TextLine], rules: &[Edge]) -> Vec<AlignedGrid> {
    let lines = word_lines(page, text_lines);
    let mut found = Vec::new();
    let mut i = 0;
    let mut taken = 0;
    while i < lines.len() {
        if lines[i].figures() == 0 || is_note(&lines[i]) {
            i += 1;
            continue;
        }
        let mut run = body_run(&lines, i, rules, None);
        run.start = wrapped_above(&lines, run.clone());
        let span = extent(lines[run.clone()].iter());
        let top = header_lines(&lines, run.start, rules, span).max(taken);
        // A form (labels beside their values, sentences in its cells) has
        // no header: the lines above its first figures are its rows.
        let head_end = if lines[top..run.start].iter().any(words::is_prose) {
            run.start = top;
            top
        } else {
            run.start
        };
        if let Some(grid) = aligned_grid(page, &lines[top..head_end], &lines[run.clone()]) {
            found.push(grid);
            taken = run.end;
        }
        i = run.end.max(i + 1);
    }
    if found.is_empty() {
        found.extend(header_only(page, &lines).or_else(|| form_page(page, &lines)));
    }
    found
}

/// A form's last rows, continued on a page of their own, need print no
/// figure ("保障", "≥90%"): a page of texts side by side on at least
/// `FORM_PAGE_ROWS` lines, with sentences wrapped in its cells, is read as
/// a form's body from its first line to its last.
fn form_page(page: &Page, lines: &[Line]) -> Option<AlignedGrid> {
    if lines.iter().any(is_note) || !is_form(lines, FORM_PAGE_ROWS) {
        return None;
    }
    grid_of(page, &[], lines)
}

/// A table printed with its header and no body (nothing to report this
/// year): the lines under a standalone title (and its unit or department
/// line) that hold no figures, up to a note, a gap or the page's end, one
/// of them with at least `MIN_HEADINGS` headings side by side.
fn header_only(page: &Page, lines: &[Line]) -> Option<AlignedGrid> {
    let title = lines
        .iter()
        .position(|l| super::context::is_standalone_title(l.text.trim()))?;
    let size = lines[title].size;
    let mut first = title + 1;
    while first < lines.len() && super::context::is_meta_line(&lines[first].text) {
        first += 1;
    }
    let mut end = first;
    while end < lines.len() {
        let line = &lines[end];
        let gap = line.bbox.top - lines[end - 1].bbox.bottom;
        if line.figures() > 0 || is_note(line) || gap > HEADER_GAP * size.max(line.size) {
            break;
        }
        end += 1;
    }
    let head = &lines[first..end];
    if !head.iter().any(|l| l.words.len() >= MIN_HEADINGS) {
        return None;
    }
    // A blank total row under the header is the body.
    let split = if head.len() > 1 && rows::is_total(&head[head.len() - 1]) {
        head.len() - 1
    } else {
        head.len()
    };
    aligned_grid(page, &head[..split], &head[split..])
}

/// A table from its header lines and body lines, if they make one.
fn aligned_grid(page: &Page, head: &[Line], body: &[Line]) -> Option<AlignedGrid> {
    let used = rows::body_len(body);
    let body = &body[..used];
    // An empty table: its header, and at most a blank total row.
    let empty =
        body.iter().all(rows::is_total) && head.iter().any(|l| l.words.len() >= MIN_HEADINGS);
    if !(holds_a_table(body, !head.is_empty()) || empty || is_form(body, FORM_ROWS)) {
        return None;
    }
    grid_of(page, head, body)
}

/// The grid of header lines `head` over body lines `body`: columns from
/// the alignment of the body's words, the header read onto them, the
/// body's rows.
fn grid_of(page: &Page, head: &[Line], body: &[Line]) -> Option<AlignedGrid> {
    let headings: Vec<BBox> = head.iter().flat_map(|l| &l.words).map(|w| w.bbox).collect();
    let extents: Vec<Vec<(f32, f32)>> = body
        .iter()
        .map(|l| l.words.iter().map(|w| (w.bbox.x0, w.bbox.x1)).collect())
        .collect();
    let spanning = columns::spanning_words(&extents, body.len() / SPANNING_SHARE);
    let words: Vec<(f32, f32, bool)> = body
        .iter()
        .zip(&spanning)
        .flat_map(|(l, s)| l.words.iter().zip(s))
        .filter(|(_, s)| !**s)
        .map(|(w, _)| (w.bbox.x0, w.bbox.x1, w.figure))
        .collect();
    let lowest: Vec<(f32, f32)> = columns::lowest_headings(&headings)
        .iter()
        .map(|b| (b.x0, b.x1))
        .collect();
    let xs = columns::boundaries(&words, &lowest);
    let xs = columns::without_heading_only_gaps(&xs, &words, &headings);
    if xs.len() < 3 {
        return None;
    }
    let body_top = match (body.first(), head.last()) {
        (Some(first), _) => first.bbox.top,
        (None, Some(last)) => last.bbox.bottom + 1.0,
        (None, None) => return None,
    };
    let header = match head.first() {
        Some(first) => header::read_header(head, &xs, first.bbox.top - 1.0, body_top),
        None => header::Header::default(),
    };
    let mut grid = Grid {
        xs: xs.clone(),
        ys: Vec::new(),
        cells: Vec::new(),
        bbox: BBox::default(),
        glyphs: Vec::new(),
    };
    let header_rows = header.ys.len().saturating_sub(1);
    grid.ys = if header_rows > 0 {
        header.ys.clone()
    } else {
        vec![body_top - 1.0]
    };
    for h in header.headings {
        grid.glyphs.extend(&h.glyphs);
        grid.cells.push(GridCell {
            row: h.row,
            col: h.first_col,
            row_span: h.row_span,
            col_span: h.last_col - h.first_col + 1,
            bbox: BBox {
                x0: xs[h.first_col],
                top: grid.ys[h.row],
                x1: xs[h.last_col + 1],
                bottom: grid.ys[h.row + h.row_span],
            },
            confidence: least_confidence(page, &h.glyphs),
            text: h.text.into(),
            size: h.size,
        });
    }
    let rights = right_edges(body, &xs);
    let slot = |w: &Word| column_of(&xs, &rights, w);
    append_rows(page, &mut grid, &body_rows(body, &xs, &slot));
    let header_rows = header_rows + usize::from(first_row_numbers_columns(&grid, header_rows));
    grid.bbox = BBox {
        x0: xs[0],
        top: grid.ys[0],
        x1: xs[xs.len() - 1],
        bottom: grid.ys[grid.ys.len() - 1],
    };
    Some(AlignedGrid { grid, header_rows })
}

/// The column of `xs` a body word stands in: the column of its middle. A
/// word wider than its column (a value merged over several cells) stands
/// where it starts, as a ruled table puts a span's text in its first cell.
/// A boundary drawn from text may stand anywhere in its gap: a word
/// reaching left past it but starting clear of the texts of the column
/// before (`rights`: a wide line of a centred, wrapped cell) is in the
/// column of its middle.
fn column_of(xs: &[f32], rights: &[Option<f32>], w: &Word) -> usize {
    let c = columns::column_at(xs, w.bbox.center().0);
    let clear_left = w.bbox.x0 >= xs[c] - 1.0
        || c.checked_sub(1)
            .and_then(|b| rights[b])
            .is_some_and(|right| w.bbox.x0 > right);
    if clear_left && w.bbox.x1 <= xs[c + 1] + 1.0 {
        c
    } else {
        ruled_slot(xs, w)
    }
}

/// For each column of `xs`, the right edge of the body's words standing
/// wholly in it, if any.
fn right_edges(body: &[Line], xs: &[f32]) -> Vec<Option<f32>> {
    let mut rights: Vec<Option<f32>> = vec![None; xs.len() - 1];
    for w in body.iter().flat_map(|l| l.words.iter()) {
        let c = columns::column_at(xs, w.bbox.center().0);
        if w.bbox.x0 >= xs[c] - 1.0 && w.bbox.x1 <= xs[c + 1] + 1.0 {
            rights[c] = Some(rights[c].map_or(w.bbox.x1, |r| r.max(w.bbox.x1)));
        }
    }
    rights
}

/// Whether the grid's first body row prints column numbers (栏次 1 2 3):
/// part of the header, never data.
fn first_row_numbers_columns(grid: &Grid, header_rows: usize) -> bool {
    let texts: Vec<&str> = grid
        .cells
        .iter()
        .filter(|c| c.row == header_rows)
        .map(|c| c.text.as_str())
        .collect();
    !texts.is_empty() && are_column_numbers(&texts)
}

/// One body row: its blocks, each a cell's text, with the lines they came from.
struct BodyRow<'a> {
    lines: &'a [Line],
    /// The row's own extent, before merged texts were moved into it.
    extent: spans::RowExtent,
    blocks: Vec<blocks::Block>,
}

impl BodyRow<'_> {
    fn top(&self) -> f32 {
        self.blocks
            .iter()
            .map(|b| b.bbox.top)
            .fold(f32::MAX, f32::min)
    }
    fn bottom(&self) -> f32 {
        self.blocks
            .iter()
            .map(|b| b.bbox.bottom)
            .fold(f32::MIN, f32::max)
    }
}

/// The body's rows: its lines' words in their columns (`slot`), wrapped
/// cells joined, blocks side by side gathered, and those bands joined into
/// rows as lines are (see [`rows::rows_of`]).
fn body_rows<'a>(lines: &'a [Line], xs: &[f32], slot: &dyn Fn(&Word) -> usize) -> Vec<BodyRow<'a>> {
    let cols = xs.len() - 1;
    let bands = blocks::bands(lines, blocks::blocks(lines, cols, slot));
    // A band of two cells side by side is a row, figures or not (a form's
    // label and its value); a lone text is a wrapped label's line.
    let (band_lines, mut band_blocks): (Vec<Line>, Vec<Vec<blocks::Block>>) =
        bands.into_iter().map(|b| (b.line, b.blocks)).unzip();
    let two_cells: Vec<bool> = band_blocks
        .iter()
        .map(|b| b.iter().any(|x| x.col != b[0].col))
        .collect();
    let is_row = |i: usize| band_lines[i].figures() > 0 || two_cells[i];
    let mut rows: Vec<BodyRow> = rows::rows_by(&band_lines, &is_row)
        .into_iter()
        .map(|members| {
            // A row's extent is its own: a band of text merged over it and
            // the row below (joined to it as a row of its own would not be)
            // is left out.
            let root = members.iter().copied().find(|&m| is_row(m));
            let own: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&k| root.is_none_or(|r| k == r))
                .collect();
            let extent = spans::RowExtent {
                top: own
                    .iter()
                    .map(|&k| band_lines[k].bbox.top)
                    .fold(f32::MAX, f32::min),
                bottom: own
                    .iter()
                    .map(|&k| band_lines[k].bbox.bottom)
                    .fold(f32::MIN, f32::max),
            };
            BodyRow {
                lines,
                extent,
                blocks: members
                    .into_iter()
                    .flat_map(|k| std::mem::take(&mut band_blocks[k]))
                    .collect(),
            }
        })
        .collect();
    move_merged_cells(&mut rows, cols);
    let edges = boundary_ranges(&rows, xs);
    for row in &mut rows {
        move_label_centred_over_first_columns(row, xs, &edges);
        move_value_centred_over_last_columns(row, xs, &edges);
    }
    move_amounts_out_of_prose(&mut rows, cols);
    rows
}

/// Whether each column holds prose: most of its texts wrap over lines (a
/// form's 指标值说明).
fn prose_columns(rows: &[BodyRow], cols: usize) -> Vec<bool> {
    let mut wrapped = vec![0usize; cols];
    let mut texts = vec![0usize; cols];
    for b in rows.iter().flat_map(|r| r.blocks.iter()) {
        texts[b.col] += 1;
        wrapped[b.col] += usize::from(b.pieces.len() > 1);
    }
    (0..cols).map(|c| 2 * wrapped[c] > texts[c]).collect()
}

/// An amount standing last in its row in a column of prose — a form's
/// figure set right in a cell merged over 指标值 and 说明 — stands in the
/// nearest column before it that is not prose, when the columns between
/// are blank in its row, as a ruled table puts a span's text in its
/// first cell. Prose is never an amount.
fn move_amounts_out_of_prose(rows: &mut [BodyRow], cols: usize) {
    let prose = prose_columns(rows, cols);
    for row in rows.iter_mut() {
        let lines = row.lines;
        let Some(k) = (0..row.blocks.len()).max_by_key(|&k| row.blocks[k].col) else {
            continue;
        };
        let block = &row.blocks[k];
        let amount = block
            .words(lines)
            .all(|w| words::is_amount(&w.text) && w.text.contains('.'));
        if !prose[block.col] || !amount {
            continue;
        }
        let before = (0..row.blocks.len())
            .filter(|&j| j != k)
            .map(|j| row.blocks[j].col)
            .max();
        let target = (0..block.col)
            .rev()
            .take_while(|&c| before.is_none_or(|b| c > b))
            .find(|&c| !prose[c]);
        if let Some(c) = target {
            row.blocks[k].col = c;
        }
    }
}

/// Where each column boundary of `xs` may stand, drawn from text alone:
/// anywhere from the right edge of the texts in the column before it to the
/// left edge of those in the column after; the table's outer edges up to a
/// font size beyond its text.
fn boundary_ranges(rows: &[BodyRow], xs: &[f32]) -> Vec<(f32, f32)> {
    let cols = xs.len() - 1;
    // Each column's texts' left and right edges, in one pass.
    let mut lefts: Vec<Option<f32>> = vec![None; cols];
    let mut rights: Vec<Option<f32>> = vec![None; cols];
    let mut size: f32 = 0.0;
    for b in rows.iter().flat_map(|r| r.blocks.iter()) {
        let (left, right) = (&mut lefts[b.col], &mut rights[b.col]);
        *left = Some(left.map_or(b.bbox.x0, |x| x.min(b.bbox.x0)));
        *right = Some(right.map_or(b.bbox.x1, |x| x.max(b.bbox.x1)));
        size = size.max(b.size);
    }
    (0..=cols)
        .map(|j| {
            if j == 0 {
                return (xs[0] - size, xs[0]);
            }
            if j == cols {
                return (xs[cols], xs[cols] + size);
            }
            let before = rights[j - 1].unwrap_or(xs[j]);
            let after = lefts[j].unwrap_or(xs[j]);
            // Texts reaching past the boundary leave it where it is.
            (before.min(xs[j]), after.max(xs[j]))
        })
        .collect()
}

/// Whether `centre` may be the middle of columns `first..=last`, their
/// boundaries anywhere in `edges`, within `slack`.
fn centred_over(edges: &[(f32, f32)], first: usize, last: usize, centre: f32, slack: f32) -> bool {
    let lowest = (edges[first].0 + edges[last + 1].0) / 2.0;
    let highest = (edges[first].1 + edges[last + 1].1) / 2.0;
    lowest - slack <= centre && centre <= highest + slack
}

/// Whether a text block is a label standing in column `c` by a cell's
/// alignment: centred in it or set from its left edge, or reaching past it
/// (then it stands where it starts).
fn set_in_column(label: &blocks::Block, xs: &[f32], c: usize) -> bool {
    aligned_in_column(label, xs, c) || label.bbox.x1 > xs[c + 1]
}

/// Whether a text block is centred in column `c` or set from its left edge.
fn aligned_in_column(label: &blocks::Block, xs: &[f32], c: usize) -> bool {
    let centre = label.bbox.center().0;
    let width = xs[c + 1] - xs[c];
    (centre - (xs[c] + xs[c + 1]) / 2.0).abs() <= OWN_COLUMN_SHARE * width
        || label.bbox.x0 - xs[c] <= OWN_COLUMN_SHARE * width
}

/// A label centred over the first columns of its row, all blank but for
/// it, and not set in its own column (centred or from its left edge;
/// reaching past it does not count) — a
/// 合计 in a cell merged over the code and name columns — stands in the
/// first of them, as a ruled table puts a span's text in its first cell.
/// The run's middle is known only as far as its edges are (`edges`).
fn move_label_centred_over_first_columns(row: &mut BodyRow, xs: &[f32], edges: &[(f32, f32)]) {
    let lines = row.lines;
    let Some(k) = (0..row.blocks.len()).min_by_key(|&k| row.blocks[k].col) else {
        return;
    };
    let label = &row.blocks[k];
    let c = label.col;
    // A label reaching past its column without being aligned in it may be
    // merged over the columns before it too: its centre decides.
    if c == 0 || aligned_in_column(label, xs, c) || label.words(lines).any(|w| w.figure) {
        return;
    }
    let next = row
        .blocks
        .iter()
        .map(|b| b.col)
        .filter(|&col| col > c)
        .min()
        .unwrap_or(xs.len() - 1);
    let centre = label.bbox.center().0;
    let slack = MERGED_CENTRE_SLACK * label.size;
    let over_first = (c..next).any(|e| centred_over(edges, 0, e, centre, slack));
    // A label centred over a run of its own columns (a form's label merged
    // over two cells) stays in the run's first.
    let over_own = (c + 1..next).any(|e| centred_over(edges, c, e, centre, slack));
    if over_first && !over_own {
        row.blocks[k].col = 0;
    }
}

/// The last text of a row centred over the columns after the text before
/// it, all blank, to the row's end, and not set in its own column — a
/// form's value in a cell merged over the rest of the row — stands in the
/// first of them; so does a dash nearer that run's middle than its own
/// column's.
fn move_value_centred_over_last_columns(row: &mut BodyRow, xs: &[f32], edges: &[(f32, f32)]) {
    let lines = row.lines;
    let cols = xs.len() - 1;
    let Some(k) = (0..row.blocks.len()).max_by_key(|&k| row.blocks[k].col) else {
        return;
    };
    let value = &row.blocks[k];
    let c = value.col;
    let Some(before) = row
        .blocks
        .iter()
        .map(|b| b.col)
        .filter(|&col| col < c)
        .max()
    else {
        return;
    };
    if c == before + 1 {
        return;
    }
    let centre = value.bbox.center().0;
    // A dash (nothing to report) is one narrow glyph centred in its cell,
    // so its centre tells its cell even near its own column's middle: it
    // stands nearer the run's middle than its own column's middle or left
    // edge, and is not set right in its column as a figure is. Any other
    // figure is set right, its centre telling nothing.
    let moves = if value.words(lines).all(|w| is_dash(&w.text)) {
        let off_run = (centre - (xs[before + 1] + xs[cols]) / 2.0).abs();
        let off_own = (centre - (xs[c] + xs[c + 1]) / 2.0).abs();
        let set_right = xs[c + 1] - value.bbox.x1 < value.size;
        !set_right && off_run < off_own.min(centre - xs[c])
    } else {
        // A value reaching past its column is judged by its centre alone:
        // it was put where it starts, and may start anywhere in its
        // merged cell.
        let within = value.bbox.x1 <= xs[c + 1];
        let slack = MERGED_CENTRE_SLACK * value.size;
        let set_in_own = within && set_in_column(value, xs, c);
        let figure = value.words(lines).any(|w| w.figure);
        !set_in_own && !figure && centred_over(edges, before + 1, cols - 1, centre, slack)
    };
    if moves {
        row.blocks[k].col = before + 1;
    }
}

/// Moves each text merged over several rows to its span's first row, in
/// each column that reads as merged cells (see [`spans`]).
fn move_merged_cells(rows: &mut [BodyRow], cols: usize) {
    let extents: Vec<spans::RowExtent> = rows.iter().map(|r| r.extent).collect();
    let texts_of = |rows: &[BodyRow], c: usize| -> Vec<spans::ColumnText> {
        rows.iter()
            .enumerate()
            .filter_map(|(r, row)| {
                let mine: Vec<&blocks::Block> = row.blocks.iter().filter(|b| b.col == c).collect();
                let top = mine.iter().map(|b| b.bbox.top).reduce(f32::min)?;
                let bottom = mine.iter().map(|b| b.bbox.bottom).fold(f32::MIN, f32::max);
                let center = (top + bottom) / 2.0;
                let mut others = row.blocks.iter().filter(|b| b.col != c).peekable();
                Some(spans::ColumnText {
                    row: r,
                    center,
                    size: mine.iter().map(|b| b.size).fold(1.0, f32::max),
                    between_rows: others.peek().is_some()
                        && others.all(|b| center < b.bbox.top || center > b.bbox.bottom),
                })
            })
            .collect()
    };
    // The columns where each row prints an amount.
    let amounts: Vec<Vec<usize>> = rows
        .iter()
        .map(|row| {
            row.blocks
                .iter()
                .filter(|b| b.words(row.lines).all(|w| words::is_amount(&w.text)))
                .map(|b| b.col)
                .collect()
        })
        .collect();
    let own = |a: usize, r: usize| amounts[a].iter().any(|c| amounts[r].contains(c));
    // Each column within the spans of the nearest column to its left that
    // reads as merged cells (a 二级指标 within its 一级指标), else the table.
    let mut groups: Vec<(usize, usize)> = vec![(0, rows.len().saturating_sub(1))];
    for c in 0..cols {
        let texts = texts_of(rows, c);
        // Rows at the page's top whose cells to the left of this column
        // are blank: cells the page broke go on there. The first column
        // has nothing to its left to say so.
        let blank_left = if c == 0 {
            0
        } else {
            rows.iter()
                .position(|r| r.blocks.iter().any(|b| b.col < c))
                .unwrap_or(rows.len())
        };
        let Some(read) = spans::spans_by_group(&extents, &texts, &groups, &own, blank_left) else {
            continue;
        };
        let (texts, starts): (Vec<spans::ColumnText>, Vec<(usize, usize)>) =
            read.into_iter().unzip();
        if spans::moves(&texts, &starts) {
            groups = spans::refined(&groups, &starts);
        }
        for (t, (s, _)) in texts.iter().zip(starts) {
            if s < t.row {
                let (from, to) = (t.row, s);
                let moved: Vec<blocks::Block> = rows[from]
                    .blocks
                    .iter()
                    .filter(|b| b.col == c)
                    .cloned()
                    .collect();
                rows[from].blocks.retain(|b| b.col != c);
                rows[to].blocks.extend(moved);
            }
        }
    }
}

/// Appends body `rows` to `grid` (whose last row boundary is where they
/// start), a cell per column of each.
fn append_rows(page: &Page, grid: &mut Grid, rows: &[BodyRow]) {
    let cols = grid.cols();
    for (k, row) in rows.iter().enumerate() {
        let r = grid.rows();
        let bottom = match rows.get(k + 1) {
            Some(next) => (row.bottom() + next.top()) / 2.0,
            None => row.bottom() + 1.0,
        };
        let top = grid.ys[r];
        grid.ys.push(bottom.max(top));
        for c in 0..cols {
            let mut blocks: Vec<&blocks::Block> =
                row.blocks.iter().filter(|b| b.col == c).collect();
            blocks.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
            let mut texts: Vec<String> = Vec::new();
            let mut glyphs: Vec<usize> = Vec::new();
            let mut size = 0.0f32;
            for piece in blocks.iter().flat_map(|b| &b.pieces) {
                let line = &row.lines[piece.line];
                let words = piece.words.iter().map(|&i| &line.words[i]);
                texts.push(
                    words
                        .clone()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                glyphs.extend(words.flat_map(|w| w.glyphs.iter().copied()));
                size = size.max(line.size);
            }
            let text = tidy_cjk_spacing(join_wrapped(texts.iter().map(String::as_str)));
            grid.glyphs.extend(&glyphs);
            grid.cells.push(GridCell {
                row: r,
                col: c,
                row_span: 1,
                col_span: 1,
                bbox: BBox {
                    x0: grid.xs[c],
                    top,
                    x1: grid.xs[c + 1],
                    bottom: grid.ys[r + 1],
                },
                text: text.into(),
                size,
                confidence: least_confidence(page, &glyphs),
            });
        }
    }
}

/// The column of `xs` a word stands in: a figure by its right edge (figures
/// are set right), other text by its left (labels are set left; a label
/// longer than its column runs on to the right).
fn ruled_slot(xs: &[f32], w: &Word) -> usize {
    let x = if w.figure {
        w.bbox.x1 - 1.0
    } else {
        w.bbox.x0 + 1.0
    };
    columns::column_at(xs, x)
}

/// Body rows for a ruled grid that holds only its header (a ruled header
/// over an unruled body): the lines of `glyphs` right under it whose
/// words stand within its columns. Returns whether rows were added.
pub fn extend_below(
    page: &Page,
    grid: &mut Grid,
    glyphs: &[usize],
    rules: &[Edge],
    settings: &LayoutSettings,
) -> bool {
    let lines: Vec<Line> = word_lines(page, &lines_of(page, glyphs.iter().copied(), settings))
        .into_iter()
        .filter(|l| l.bbox.top >= grid.bbox.bottom - 1.0)
        .collect();
    let Some(first) = lines.first() else {
        return false;
    };
    if first.bbox.top - grid.bbox.bottom > BODY_GAP * first.size {
        return false;
    }
    let frame = (grid.bbox.x0, grid.bbox.x1);
    let run = body_run(&lines, 0, rules, Some(frame));
    let body = &lines[run];
    // The body runs as far as it does under no header: a form's last
    // rows, an indicator beside its value ("≥95%"), hold no figure.
    let used = rows::body_len(body);
    // Rows with figures, or an empty table's blank total row.
    let total_only = rows::rows_of(body).len() == 1 && body[..used].iter().any(rows::is_total);
    if used == 0 || !(holds_a_table(&body[..used], true) || total_only) {
        return false;
    }
    let xs = grid.xs.clone();
    let slot = |w: &Word| ruled_slot(&xs, w);
    append_rows(page, grid, &body_rows(&body[..used], &xs, &slot));
    grid.bbox.bottom = grid.ys[grid.ys.len() - 1];
    true
}

#[cfg(test)]
mod tests;
