//! Cells of a table drawn without rules, before its rows are known: each
//! body line's words put in their columns (pieces), the pieces of a text
//! wrapped in its cell joined (blocks), and blocks standing side by side
//! gathered into bands. Lines and a column for each word in; bands out,
//! each also as one [`Line`] that [`super::rows`] joins into rows like any.
//!
//! Working cell by cell rather than line by line is what lets a form be
//! read: a cell wrapped over three lines beside a one-line cell set in its
//! middle is one row, not three, and a code wrapped in a narrow column
//! ("4103082400…" over "415") is one cell, not a row of its own.

use super::words::{Line, Word};
use crate::pdf::BBox;

/// The next line of a wrapped cell stands closer than this (font sizes,
/// gap between the lines) under the line before it; rows stand further
/// apart (a cell's padding above and below).
pub const CONTINUE_GAP: f32 = 0.5;
/// Lines closer than this (font sizes) are one text even when the upper
/// did not fill its cell (it wrapped before a word or a figure too long
/// for the rest of the line, so the next is wider): rows never stand so
/// close.
pub const TIGHT_GAP: f32 = 0.3;
/// A line that wrapped filled its cell: it is at most this many font sizes
/// narrower than the column's widest line.
pub const FULL_SLACK: f32 = 1.2;
/// Two blocks stand side by side (one row) when their vertical extents
/// overlap by at least this share of the shorter one.
pub const OVERLAP_SHARE: f32 = 0.5;

/// The words of one line that stand in one column.
#[derive(Debug, Clone)]
pub struct Piece {
    pub line: usize,
    /// Indices into the line's words, left to right.
    pub words: Vec<usize>,
    pub bbox: BBox,
}

/// A cell's text: the pieces of one column that make one wrapped text.
#[derive(Debug, Clone)]
pub struct Block {
    pub col: usize,
    pub pieces: Vec<Piece>,
    pub bbox: BBox,
    pub size: f32,
}

impl Block {
    /// The block's words, line by line, `lines` being those it was read from.
    pub fn words<'a>(&'a self, lines: &'a [Line]) -> impl Iterator<Item = &'a Word> {
        self.pieces
            .iter()
            .flat_map(move |p| p.words.iter().map(move |&k| &lines[p.line].words[k]))
    }
}

/// Blocks standing side by side, and the same as one line.
#[derive(Debug, Clone)]
pub struct Band {
    pub blocks: Vec<Block>,
    pub line: Line,
}

/// Each column's pieces, top to bottom (`lines` sorted by their tops).
fn pieces(lines: &[Line], cols: usize, slot: &dyn Fn(&Word) -> usize) -> Vec<Vec<Piece>> {
    let mut by_col: Vec<Vec<Piece>> = vec![Vec::new(); cols];
    for (i, line) in lines.iter().enumerate() {
        let mut on_line: Vec<Option<Piece>> = vec![None; cols];
        for (k, w) in line.words.iter().enumerate() {
            let c = slot(w).min(cols - 1);
            match &mut on_line[c] {
                Some(p) => {
                    p.words.push(k);
                    p.bbox = p.bbox.union(&w.bbox);
                }
                None => {
                    on_line[c] = Some(Piece {
                        line: i,
                        words: vec![k],
                        bbox: w.bbox,
                    })
                }
            }
        }
        for (c, p) in on_line.into_iter().enumerate() {
            by_col[c].extend(p);
        }
    }
    by_col
}

/// Whether `piece` holds only figures that are not codes (amounts, rates,
/// dashes): those never wrap, while a long code may. Wider than
/// [`super::words::is_amount`], which asks for decimals.
fn never_wraps(lines: &[Line], piece: &Piece) -> bool {
    let line = &lines[piece.line];
    piece.words.iter().all(|&k| {
        let w = &line.words[k];
        w.figure && !w.text.chars().all(|c| c.is_ascii_digit())
    })
}

/// Whether `lower` is the next line of the text `upper` starts: close
/// under it, `upper` filling the column as a line that wrapped does, and
/// `lower` no wider, set on the same left edge or centred alike.
fn continues(lines: &[Line], upper: &Piece, lower: &Piece, widest: f32) -> bool {
    let size = lines[upper.line].size.max(lines[lower.line].size).max(1.0);
    let gap = lower.bbox.top - upper.bbox.bottom;
    let aligned = (upper.bbox.x0 - lower.bbox.x0).abs() < size
        || (upper.bbox.center().0 - lower.bbox.center().0).abs() < size;
    let full = upper.bbox.width() >= widest - FULL_SLACK * size;
    // A full line may wrap before a word too long for the rest of it, so
    // the next line, full too, can be a little wider.
    let no_wider = lower.bbox.width() <= upper.bbox.width() + FULL_SLACK * size;
    (gap < TIGHT_GAP * size || (full && no_wider && gap < CONTINUE_GAP * size))
        && aligned
        && !never_wraps(lines, upper)
        && !never_wraps(lines, lower)
}

/// The blocks of the body `lines` (sorted by their tops), `slot` putting
/// each word in one of `cols` columns.
pub fn blocks(lines: &[Line], cols: usize, slot: &dyn Fn(&Word) -> usize) -> Vec<Block> {
    let mut out = Vec::new();
    for (col, column) in pieces(lines, cols.max(1), slot).into_iter().enumerate() {
        let widest = column.iter().map(|p| p.bbox.width()).fold(0.0, f32::max);
        let mut open: Option<Block> = None;
        for piece in column {
            let size = lines[piece.line].size;
            match &mut open {
                Some(b) if continues(lines, &b.pieces[b.pieces.len() - 1], &piece, widest) => {
                    b.bbox = b.bbox.union(&piece.bbox);
                    b.size = b.size.max(size);
                    b.pieces.push(piece);
                }
                _ => {
                    out.extend(open.take());
                    open = Some(Block {
                        col,
                        bbox: piece.bbox,
                        size,
                        pieces: vec![piece],
                    });
                }
            }
        }
        out.extend(open);
    }
    out.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top).then(a.col.cmp(&b.col)));
    out
}

/// Whether two blocks stand side by side.
fn side_by_side(a: &Block, b: &Block) -> bool {
    let overlap = a.bbox.bottom.min(b.bbox.bottom) - a.bbox.top.max(b.bbox.top);
    overlap > OVERLAP_SHARE * a.bbox.height().min(b.bbox.height())
}

/// Bands of `blocks` (sorted by their tops): blocks standing side by side,
/// directly or through others. A band holding two blocks of one column is
/// as many rows as that column's blocks (a tall text merged beside them
/// drew them together): the other blocks go to the one they stand beside most.
pub fn bands(lines: &[Line], blocks: Vec<Block>) -> Vec<Band> {
    let mut groups: Vec<Vec<Block>> = Vec::new();
    for block in blocks {
        let joined = groups
            .iter()
            .rposition(|g| g.iter().any(|o| side_by_side(o, &block)));
        match joined {
            Some(k) => {
                // Bands it also stands beside come together with it.
                let mut merged = groups.remove(k);
                while let Some(j) = groups
                    .iter()
                    .rposition(|g| g.iter().any(|o| side_by_side(o, &block)))
                {
                    let other = groups.remove(j);
                    merged.extend(other);
                }
                merged.push(block);
                groups.push(merged);
            }
            None => groups.push(vec![block]),
        }
    }
    let mut out: Vec<Band> = groups
        .into_iter()
        .flat_map(split_stacked)
        .map(|blocks| band_of(lines, blocks))
        .collect();
    out.sort_by(|a, b| a.line.bbox.top.total_cmp(&b.line.bbox.top));
    out
}

/// A group's rows: one per block of its column with the most blocks.
fn split_stacked(mut group: Vec<Block>) -> Vec<Vec<Block>> {
    let cols = group.iter().map(|b| b.col + 1).max().unwrap_or(0);
    let mut count = vec![0usize; cols];
    for b in &group {
        count[b.col] += 1;
    }
    let Some(densest) = (0..cols).max_by_key(|&c| (count[c], std::cmp::Reverse(c))) else {
        return vec![group];
    };
    if count[densest] < 2 {
        return vec![group];
    }
    group.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
    let (anchors, rest): (Vec<Block>, Vec<Block>) =
        group.into_iter().partition(|b| b.col == densest);
    let mut rows: Vec<Vec<Block>> = anchors.into_iter().map(|a| vec![a]).collect();
    for block in rest {
        let overlap = |r: &Vec<Block>| {
            let a = &r[0].bbox;
            a.bottom.min(block.bbox.bottom) - a.top.max(block.bbox.top)
        };
        let best = (0..rows.len())
            .max_by(|&x, &y| {
                overlap(&rows[x])
                    .total_cmp(&overlap(&rows[y]))
                    .then(y.cmp(&x))
            })
            .unwrap_or(0);
        rows[best].push(block);
    }
    rows
}

/// A band and the line it reads as.
fn band_of(lines: &[Line], mut blocks: Vec<Block>) -> Band {
    blocks.sort_by(|a, b| a.col.cmp(&b.col).then(a.bbox.top.total_cmp(&b.bbox.top)));
    let bbox = blocks
        .iter()
        .skip(1)
        .fold(blocks[0].bbox, |b, o| b.union(&o.bbox));
    let words: Vec<Word> = blocks
        .iter()
        .flat_map(|b| b.words(lines))
        .cloned()
        .collect();
    let text = words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let line = Line {
        bbox,
        size: blocks.iter().map(|b| b.size).fold(0.0, f32::max),
        text,
        words,
    };
    Band { blocks, line }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line at `top` (10 pt high) holding words `(x0, x1, text)`.
    fn line(top: f32, words: &[(f32, f32, &str)]) -> Line {
        let words: Vec<Word> = words
            .iter()
            .map(|&(x0, x1, text)| Word {
                bbox: BBox {
                    x0,
                    top,
                    x1,
                    bottom: top + 10.0,
                },
                glyphs: vec![],
                text: text.into(),
                figure: text.chars().all(|c| c.is_ascii_digit() || c == '.'),
            })
            .collect();
        let bbox = words
            .iter()
            .skip(1)
            .fold(words[0].bbox, |b, w| b.union(&w.bbox));
        Line {
            bbox,
            size: 10.0,
            text: String::new(),
            words,
        }
    }

    /// Columns: 0 from x 0 to 100, 1 from 100 on.
    fn slot(w: &Word) -> usize {
        usize::from(w.bbox.x0 >= 100.0)
    }

    fn texts(lines: &[Line], band: &Band) -> Vec<(usize, String)> {
        band.blocks
            .iter()
            .map(|b| {
                let text: String = b
                    .pieces
                    .iter()
                    .flat_map(|p| p.words.iter().map(|&k| lines[p.line].words[k].text.clone()))
                    .collect();
                (b.col, text)
            })
            .collect()
    }

    #[test]
    fn a_code_wrapped_in_its_cell_is_one_block_beside_its_row() {
        // A code filling its column over "415", a name in the middle.
        let lines = [
            line(0.0, &[(0.0, 90.0, "410308240000000030")]),
            line(6.0, &[(110.0, 160.0, "改革补差经费")]),
            line(12.0, &[(0.0, 15.0, "415")]),
        ];
        let bands = bands(&lines, blocks(&lines, 2, &slot));
        assert_eq!(bands.len(), 1);
        assert_eq!(
            texts(&lines, &bands[0]),
            vec![
                (0, "410308240000000030415".to_string()),
                (1, "改革补差经费".to_string())
            ]
        );
    }

    #[test]
    fn labels_of_rows_close_together_are_not_one_text() {
        // Two rows 16 pt apart (a 6 pt gap), each a label and a figure:
        // the upper label fills its column, but rows stand this far apart.
        let lines = [
            line(
                0.0,
                &[(0.0, 90.0, "机关事业单位基本养老"), (150.0, 170.0, "1.00")],
            ),
            line(16.0, &[(0.0, 60.0, "职工基本医疗"), (150.0, 170.0, "2.00")]),
        ];
        let bands = bands(&lines, blocks(&lines, 2, &slot));
        assert_eq!(bands.len(), 2);
    }

    #[test]
    fn a_tall_text_beside_two_rows_leaves_them_two() {
        // A three-line text in column 0 beside two one-line rows.
        let lines = [
            line(
                0.0,
                &[(0.0, 90.0, "一二三四五六七八九"), (110.0, 150.0, "甲")],
            ),
            line(11.0, &[(0.0, 90.0, "一二三四五六七八九")]),
            line(22.0, &[(0.0, 40.0, "十"), (110.0, 150.0, "乙")]),
        ];
        let bands = bands(&lines, blocks(&lines, 2, &slot));
        assert_eq!(bands.len(), 2);
        assert_eq!(
            texts(&lines, &bands[0])[0].1,
            "一二三四五六七八九一二三四五六七八九十"
        );
        assert_eq!(texts(&lines, &bands[1]), vec![(1, "乙".to_string())]);
    }

    #[test]
    fn a_full_line_wrapped_before_a_long_word_joins_the_wider_next() {
        // A description in column 1 (widest line 100 to 190): its first
        // line stops 4 pt short (the next word did not fit), its second
        // fills the column, 3 pt under it; an indicator beside them.
        let lines = [
            line(0.0, &[(100.0, 186.0, "执行率=完成数/预算数×10")]),
            line(
                13.0,
                &[
                    (0.0, 40.0, "执行率"),
                    (100.0, 190.0, "0%。完成数指实际执行数"),
                ],
            ),
            line(26.0, &[(100.0, 130.0, "之和。")]),
        ];
        let bands = bands(&lines, blocks(&lines, 2, &slot));
        assert_eq!(bands.len(), 1);
        assert_eq!(
            texts(&lines, &bands[0]),
            vec![
                (0, "执行率".to_string()),
                (
                    1,
                    "执行率=完成数/预算数×100%。完成数指实际执行数之和。".to_string()
                )
            ]
        );
    }
}
