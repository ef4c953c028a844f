//! The text-alignment fallback for tables drawn without rules (pdfplumber's
//! "text" strategy, narrowed to budget tables): a run of at least
//! `MIN_ROWS` consecutive lines that split into at least `MIN_COLUMNS`
//! aligned columns — columns being the x-ranges no word crosses — and in which
//! one column is mostly figures. Each line is a row.

use super::TableSettings;
use super::grid::{Grid, GridCell};
use super::header::is_figure;
use crate::layout::{TextLine, lines_of};
use crate::pdf::{BBox, Page};

const MIN_ROWS: usize = 4;
const MIN_COLUMNS: usize = 3;
/// A gap between glyphs of at least this many font sizes separates words.
const WORD_GAP: f32 = 1.0;
/// Least share of rows whose figure column holds a figure.
const FIGURE_SHARE: f32 = 0.6;

/// A run of glyphs on one line without a wide gap.
#[derive(Debug, Clone)]
struct Word {
    bbox: BBox,
    glyphs: Vec<usize>,
}

fn words(page: &Page, line: &TextLine) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for &gi in &line.glyphs {
        let g = &page.glyphs[gi];
        match out.last_mut() {
            Some(w) if g.bbox.x0 - w.bbox.x1 < WORD_GAP * g.size.max(1.0) => {
                w.bbox = w.bbox.union(&g.bbox);
                w.glyphs.push(gi);
            }
            _ => out.push(Word {
                bbox: g.bbox,
                glyphs: vec![gi],
            }),
        }
    }
    out.retain(|w| {
        w.glyphs
            .iter()
            .any(|&g| !page.glyphs[g].text.trim().is_empty())
    });
    out
}

/// Column boundaries: the x-ranges between which no word of any row lies.
fn column_bounds(rows: &[Vec<Word>]) -> Vec<f32> {
    let mut spans: Vec<(f32, f32)> = rows
        .iter()
        .flatten()
        .map(|w| (w.bbox.x0, w.bbox.x1))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut xs = vec![merged.first().map_or(0.0, |m| m.0)];
    for pair in merged.windows(2) {
        xs.push((pair[0].1 + pair[1].0) / 2.0);
    }
    xs.push(merged.last().map_or(0.0, |m| m.1));
    xs
}

/// Tables found by alignment on a page with no ruled tables.
pub fn find_grids(page: &Page, settings: &TableSettings) -> Vec<Grid> {
    let lines: Vec<TextLine> = lines_of(page, 0..page.glyphs.len(), &settings.layout)
        .into_iter()
        .filter(|l| l.direction == 0)
        .collect();
    let mut grids = Vec::new();
    let mut run: Vec<(usize, Vec<Word>)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let ws = words(page, line);
        if ws.len() >= 2 {
            run.push((i, ws));
            continue;
        }
        grids.extend(grid_from_run(page, &lines, &run));
        run.clear();
    }
    grids.extend(grid_from_run(page, &lines, &run));
    grids
}

fn grid_from_run(page: &Page, lines: &[TextLine], run: &[(usize, Vec<Word>)]) -> Option<Grid> {
    if run.len() < MIN_ROWS {
        return None;
    }
    let rows: Vec<Vec<Word>> = run.iter().map(|(_, w)| w.clone()).collect();
    let xs = column_bounds(&rows);
    let cols = xs.len() - 1;
    if cols < MIN_COLUMNS {
        return None;
    }
    let slot = |x: f32| {
        xs.windows(2)
            .position(|w| x >= w[0] && x <= w[1])
            .unwrap_or(cols - 1)
    };
    let mut texts = vec![vec![String::new(); cols]; rows.len()];
    let mut confidence: Vec<Vec<Option<u8>>> = vec![vec![None; cols]; rows.len()];
    for (r, ws) in rows.iter().enumerate() {
        for w in ws {
            let c = slot(w.bbox.center().0);
            let least = super::grid::least_confidence(page, &w.glyphs);
            confidence[r][c] = match (confidence[r][c], least) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let text: String = w
                .glyphs
                .iter()
                .map(|&g| page.glyphs[g].text.as_str())
                .collect();
            if !texts[r][c].is_empty() {
                texts[r][c].push(' ');
            }
            texts[r][c].push_str(&text);
        }
    }
    let figure_column = (0..cols).any(|c| {
        let n = texts.iter().filter(|row| is_figure(&row[c])).count();
        n as f32 >= FIGURE_SHARE * rows.len() as f32
    });
    if !figure_column {
        return None;
    }
    let first = &lines[run[0].0];
    let last = &lines[run[run.len() - 1].0];
    let mut ys = vec![first.bbox.top];
    for pair in run.windows(2) {
        ys.push((lines[pair[0].0].bbox.bottom + lines[pair[1].0].bbox.top) / 2.0);
    }
    ys.push(last.bbox.bottom);
    let mut cells = Vec::new();
    for (r, (row, confidence)) in texts.into_iter().zip(confidence).enumerate() {
        for (c, (text, confidence)) in row.into_iter().zip(confidence).enumerate() {
            cells.push(GridCell {
                row: r,
                col: c,
                row_span: 1,
                col_span: 1,
                bbox: BBox {
                    x0: xs[c],
                    top: ys[r],
                    x1: xs[c + 1],
                    bottom: ys[r + 1],
                },
                text,
                size: first.size,
                confidence,
            });
        }
    }
    let glyphs = rows
        .iter()
        .flatten()
        .flat_map(|w| w.glyphs.iter().copied())
        .collect();
    Some(Grid {
        bbox: BBox {
            x0: xs[0],
            top: ys[0],
            x1: xs[cols],
            bottom: ys[ys.len() - 1],
        },
        xs,
        ys,
        cells,
        glyphs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::Glyph;

    /// Lays `text` out from `x` on a line at `top`: CJK 10 pt wide, ASCII 5 pt.
    fn put(page: &mut Page, text: &str, x: f32, top: f32) {
        let mut x0 = x;
        for ch in text.chars() {
            let w = if ch.is_ascii() { 5.0 } else { 10.0 };
            page.glyphs.push(Glyph {
                text: ch.to_string(),
                bbox: BBox {
                    x0,
                    top,
                    x1: x0 + w,
                    bottom: top + 10.0,
                },
                origin: (x0, top + 10.0),
                size: 10.0,
                font: 0,
                direction: 0,
                invisible: false,
                confidence: None,
            });
            x0 += w;
        }
    }

    #[test]
    fn aligned_columns_without_rules_make_a_table() {
        let mut page = Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            ..Page::default()
        };
        let rows = [
            ("科目", "名称", "金额"),
            ("201", "一般公共服务", "12.50"),
            ("204", "公共安全", "3.00"),
            ("208", "社会保障", "7.25"),
            ("", "合计", "22.75"),
        ];
        for (i, (code, name, amount)) in rows.iter().enumerate() {
            let top = 100.0 + i as f32 * 20.0;
            put(&mut page, code, 50.0, top);
            put(&mut page, name, 150.0, top);
            put(&mut page, amount, 400.0, top);
        }
        let grids = find_grids(&page, &TableSettings::default());
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (5, 3));
        let text = |r: usize, c: usize| g.cell_at(r, c).map(|c| c.text.clone()).unwrap_or_default();
        assert_eq!(
            (text(1, 0), text(1, 1), text(1, 2)),
            ("201".into(), "一般公共服务".into(), "12.50".into())
        );
        assert_eq!((text(4, 0), text(4, 1)), ("".into(), "合计".into()));
    }

    #[test]
    fn prose_is_not_a_table() {
        let mut page = Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            ..Page::default()
        };
        for i in 0..6 {
            put(
                &mut page,
                "本部门预算包括本级及所属单位的收支",
                50.0,
                100.0 + i as f32 * 20.0,
            );
        }
        assert!(find_grids(&page, &TableSettings::default()).is_empty());
    }
}
