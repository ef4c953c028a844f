//! Cells merged over several rows of a table drawn without rules. A
//! producer sets a merged cell's text in the middle of its rows (a
//! project's code, name and amounts beside its several indicators; a
//! 一级指标 beside its 二级 ones), so the text stands on the middle row, or
//! between the two middle rows. Rows (each a vertical extent and the
//! columns its cells stand in) in; for each cell that is such a text, the
//! row it belongs to (its span's first, as a ruled table puts it) out.
//!
//! The spans are read column by column: the rows left blank in a column
//! between two of its texts belong to one or the other, and each text
//! stands centred on its own span. A table has merged rows only when its
//! first column reads that way (a column of codes or first-level labels
//! with blank rows under each); a column is then read so, within each
//! merged cell of the column to its left, only when every one of its texts
//! there stands centred on a span and the spans cover the rows to that
//! cell's end. The table's last merged cell may be broken by the page: its
//! text then stands at the top of its rows.

/// A text stands centred on its span when its centre is within this many
/// font sizes of the span's centre.
pub const CENTRE_SLACK: f32 = 0.3;

/// A body row as the spans see it.
#[derive(Debug, Clone, Copy)]
pub struct RowExtent {
    pub top: f32,
    pub bottom: f32,
}

/// A column's text in one row: its row, its vertical centre, its size,
/// and whether it stands beside none of the row's other texts (between
/// two rows, its centre off all of theirs).
#[derive(Debug, Clone, Copy)]
pub struct ColumnText {
    pub row: usize,
    pub center: f32,
    pub size: f32,
    pub between_rows: bool,
}

/// For each text of a column (in row order), its span (first and last
/// row), when the column reads as merged cells within `groups` (spans of
/// a column to the left, or the whole table: a span never crosses a
/// group's edge, and a group's rows are all covered); `None` when it does
/// not. `own(a, r)` tells that row `r` cannot be in the span of a text on
/// row `a` (both print amounts in one column: a row of its own, such as a
/// unit's row between its projects), unless the text, or the column's text
/// next to it, stands between two rows.
pub fn spans_of(
    rows: &[RowExtent],
    texts: &[ColumnText],
    groups: &[(usize, usize)],
    own: &dyn Fn(usize, usize) -> bool,
    blank_left: usize,
) -> Option<Vec<(usize, usize)>> {
    spans_from(rows, texts, groups, own, blank_left, false).or_else(|| {
        // The page broke the cell of the first text above it: the text is
        // the rest of a merged cell begun on the page before, printed again
        // at the top of this one (clipped, centred on the whole cell: on
        // the page's first row or in the rows under it). It holds the rows
        // down to where the next text's span starts, within the rows the
        // cells to its left leave blank at the page's top (they go on from
        // the page before too).
        let first_at_top = texts.first().is_some_and(|t| t.row < blank_left) && texts.len() > 1;
        let group_at_top = groups.first().is_some_and(|g| g.0 == 0);
        (first_at_top && group_at_top && blank_left > 1)
            .then(|| spans_from(rows, texts, groups, own, blank_left, true))
            .flatten()
    })
}

/// [`spans_of`]'s reading; with `rest_above`, the first text is the rest of
/// a cell the page broke above it, ending within the `blank_left` rows.
fn spans_from(
    rows: &[RowExtent],
    texts: &[ColumnText],
    groups: &[(usize, usize)],
    own: &dyn Fn(usize, usize) -> bool,
    blank_left: usize,
    rest_above: bool,
) -> Option<Vec<(usize, usize)>> {
    let n = rows.len();
    let covered: usize = groups.iter().map(|g| g.1 + 1 - g.0).sum();
    if texts.is_empty() || texts.len() >= covered {
        return None;
    }
    let group_of = |r: usize| groups.iter().copied().find(|g| g.0 <= r && r <= g.1);
    let deviation = |s: usize, e: usize, t: &ColumnText| {
        ((rows[s].top + rows[e].bottom) / 2.0 - t.center).abs()
    };
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(texts.len());
    // Whether the span before is the rest of a cell the page broke above,
    // its end left to the text after it.
    let mut open_above = false;
    for (k, t) in texts.iter().enumerate() {
        if rest_above && k == 0 {
            spans.push((0, t.row));
            open_above = true;
            continue;
        }
        let group = group_of(t.row)?;
        let same_group = |u: &ColumnText| group_of(u.row) == Some(group);
        // A text standing between two rows is merged over rows, whatever
        // they print; so is a text next to one in the column, within the
        // group (the column holds merged cells there: 1、资金来源 centred
        // on the middle of its three sources, each with its amount, over
        // 2、资金结构 between its two).
        let beside_merged = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| texts.get(j))
            .any(|u| same_group(u) && u.between_rows);
        let apart = |(s, e): (usize, usize)| {
            t.between_rows || beside_merged || !(s..=e).any(|r| r != t.row && own(t.row, r))
        };
        let before = spans.last().filter(|_| k > 0 && same_group(&texts[k - 1]));
        // The first text of a group may leave the rows above it blank.
        let starts: Vec<usize> = match before {
            Some(&(_, e)) if open_above => (e + 1..=t.row.min(blank_left)).collect(),
            Some(&(_, e)) => vec![e + 1],
            // At the page's top, rows blank to the left too may be the
            // rest of a cell the page broke above: the span may start
            // below them.
            None if group.0 < t.row => (group.0..=t.row)
                .filter(|&s| s == group.0 || s == t.row || (group.0 == 0 && s <= blank_left))
                .collect(),
            None => vec![group.0],
        };
        // The last text of a group covers it to its end.
        let ends: Vec<usize> = match texts.get(k + 1).filter(|u| same_group(u)) {
            Some(u) => (t.row..u.row).collect(),
            None => vec![group.1],
        };
        // A span reaching higher wins: rows above the group's first text,
        // blank in its column, are its when it stands centred on them too.
        let best = starts.iter().find_map(|&s| {
            ends.iter()
                .map(|&e| (s, e))
                .filter(|&(s, e)| s <= t.row && t.row <= e)
                .filter(|&span| apart(span))
                .min_by(|a, b| deviation(a.0, a.1, t).total_cmp(&deviation(b.0, b.1, t)))
                .filter(|&(s, e)| deviation(s, e, t) <= CENTRE_SLACK * t.size)
        });
        // A page breaks the table's last merged cell: its text stands at
        // the top of the part on this page, on the first row of its span
        // (right after the span before, or at its group's start), or at
        // its foot, under the last row's other texts.
        let at_top = starts.first() == Some(&t.row);
        let at_foot = t.row == n - 1 && t.between_rows;
        let broken = (k + 1 == texts.len() && group.1 == n - 1 && (at_top || at_foot))
            .then(|| (starts[0], n - 1))
            .filter(|&span| apart(span));
        let span = best.or(broken)?;
        if std::mem::take(&mut open_above)
            && let Some(last) = spans.last_mut()
        {
            last.1 = span.0 - 1;
        }
        spans.push(span);
    }
    (!open_above).then_some(spans)
}

/// As [`spans_of`], each group read on its own: a column may read as
/// merged cells within some groups of the column to its left and not
/// within others (二级指标 merged under one 一级指标, a page's last cell
/// broken under another). Each text of the groups that read so, with its
/// span; `None` when no group does.
pub fn spans_by_group(
    rows: &[RowExtent],
    texts: &[ColumnText],
    groups: &[(usize, usize)],
    own: &dyn Fn(usize, usize) -> bool,
    blank_left: usize,
) -> Option<Vec<(ColumnText, (usize, usize))>> {
    let mut read = Vec::new();
    for &g in groups {
        let inside: Vec<ColumnText> = texts
            .iter()
            .copied()
            .filter(|t| g.0 <= t.row && t.row <= g.1)
            .collect();
        if let Some(spans) = spans_of(rows, &inside, &[g], own, blank_left) {
            read.extend(inside.into_iter().zip(spans));
        }
    }
    (!read.is_empty()).then_some(read)
}

/// `groups` with each group that `spans` (in order, apart) cover wholly
/// replaced by those spans: a column's merged cells nested in the groups
/// of a column to its left (二级指标 within 一级指标). A group the column
/// covers only in part (its cells blank on some rows) stays whole.
pub fn refined(groups: &[(usize, usize)], spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(groups.len().max(spans.len()));
    for &(gs, ge) in groups {
        let inside: Vec<(usize, usize)> = spans
            .iter()
            .copied()
            .filter(|&(s, e)| s >= gs && e <= ge)
            .collect();
        let covered: usize = inside.iter().map(|&(s, e)| e - s + 1).sum();
        if covered == ge - gs + 1 {
            out.extend(inside);
        } else {
            out.push((gs, ge));
        }
    }
    out
}

/// Whether any text would move to an earlier row.
pub fn moves(texts: &[ColumnText], spans: &[(usize, usize)]) -> bool {
    texts.iter().zip(spans).any(|(t, s)| s.0 < t.row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize) -> Vec<RowExtent> {
        (0..n)
            .map(|i| RowExtent {
                top: 20.0 * i as f32,
                bottom: 20.0 * i as f32 + 10.0,
            })
            .collect()
    }

    /// No row is a row of its own.
    fn none(_: usize, _: usize) -> bool {
        false
    }

    fn text(row: usize, center: f32) -> ColumnText {
        ColumnText {
            row,
            center,
            size: 9.0,
            between_rows: false,
        }
    }

    #[test]
    fn texts_centred_on_their_rows_span_them_from_the_first() {
        // Rows 0–1 (centre 15, stood on row 0 by the rows' reading), 2–6
        // (centre 65, on row 4), 7–9 (centre 165, on row 8).
        let rows = rows(10);
        let texts = [text(0, 15.0), text(4, 85.0), text(8, 165.0)];
        let spans = spans_of(&rows, &texts, &[(0, 9)], &none, 0).unwrap();
        assert_eq!(spans, vec![(0, 1), (2, 6), (7, 9)]);
        assert!(moves(&texts, &spans));
        // Within those groups, a column blank on the first group's rows
        // and centred on the others' (a project's class beside its
        // indicators) reads the same.
        let texts = [text(4, 85.0), text(8, 165.0)];
        let spans = spans_of(&rows, &texts, &[(0, 1), (2, 6), (7, 9)], &none, 0).unwrap();
        assert_eq!(spans, vec![(2, 6), (7, 9)]);
        // They refine the groups they cover wholly, and only those.
        let nested = [(2, 3), (4, 6), (7, 9)];
        assert_eq!(
            refined(&[(0, 1), (2, 6), (7, 9)], &nested[..2]),
            vec![(0, 1), (2, 3), (4, 6), (7, 9)]
        );
        assert_eq!(refined(&[(0, 9)], &nested), vec![(0, 9)]);
    }

    #[test]
    fn rows_of_their_own_are_in_no_span() {
        // Row 4's class stands centred on rows 3–5, but rows 3 and 5 print
        // amounts where row 4 does: a class beside a project between two
        // units' rows.
        let rows = rows(7);
        let texts = [
            text(0, 5.0),
            text(1, 25.0),
            text(2, 45.0),
            text(4, 85.0),
            text(6, 125.0),
        ];
        let units = |a: usize, r: usize| a == 4 && (r == 3 || r == 5);
        assert_eq!(
            spans_of(&rows, &texts, &[(0, 6)], &none, 0).unwrap()[3],
            (3, 5)
        );
        assert_eq!(spans_of(&rows, &texts, &[(0, 6)], &units, 0), None);
    }

    #[test]
    fn blank_cells_of_an_ordinary_column_are_not_spans() {
        // Figures on rows 0, 5 and 9, each on its own row's centre.
        let rows = rows(10);
        let texts = [text(0, 5.0), text(5, 105.0), text(9, 185.0)];
        assert_eq!(spans_of(&rows, &texts, &[(0, 9)], &none, 0), None);
        // A full column has no spans.
        let texts: Vec<ColumnText> = (0..10).map(|i| text(i, 20.0 * i as f32 + 5.0)).collect();
        assert_eq!(spans_of(&rows, &texts, &[(0, 9)], &none, 0), None);
    }

    #[test]
    fn the_last_text_at_the_top_of_a_cell_a_page_breaks_spans_to_the_end() {
        // Rows 0–1 merged (centre 15); then a text at the top of row 2 with
        // rows 3–9 blank under it: the page broke its cell.
        let rows = rows(10);
        let texts = [text(0, 15.0), text(2, 45.0)];
        assert_eq!(
            spans_of(&rows, &texts, &[(0, 9)], &none, 0),
            Some(vec![(0, 1), (2, 9)])
        );
        // Or at the foot of its rows, under the last row's other texts: it
        // stands on the last row and moves to its span's first.
        let mut foot = text(9, 192.0);
        foot.between_rows = true;
        assert_eq!(
            spans_of(&rows, &[text(0, 15.0), foot], &[(0, 9)], &none, 0),
            Some(vec![(0, 1), (2, 9)])
        );
        // Not so for a text before the last: it stands centred or not at all.
        let texts = [text(2, 45.0), text(8, 165.0)];
        assert_eq!(spans_of(&rows, &texts, &[(0, 9)], &none, 0), None);
    }

    #[test]
    fn the_first_text_at_the_top_may_be_the_rest_of_a_cell_broken_above() {
        // A label on row 0, the page's first (the rest of a cell begun on
        // the page before); a text centred on rows 3–7; one between rows 8
        // and 9. Read strictly, the label holds row 0 alone and the text
        // after it can stand centred on no span from row 1.
        // The columns to its left are blank down to row 8.
        let rows = rows(10);
        let texts = [text(0, 5.0), text(5, 105.0), text(8, 175.0)];
        assert_eq!(
            spans_of(&rows, &texts, &[(0, 9)], &none, 8),
            Some(vec![(0, 2), (3, 7), (8, 9)])
        );
        // Not when the cells to its left start anew at the top (an ordinary
        // column, or its first).
        assert_eq!(spans_of(&rows, &texts, &[(0, 9)], &none, 0), None);
        assert_eq!(spans_of(&rows, &texts, &[(0, 9)], &none, 2), None);
        // The copy may stand lower, in the part of the cell the page shows,
        // within the rows blank to its left.
        let lower = [text(1, 28.0), text(5, 105.0), text(8, 175.0)];
        assert_eq!(
            spans_of(&rows, &lower, &[(0, 9)], &none, 8),
            Some(vec![(0, 2), (3, 7), (8, 9)])
        );
        assert_eq!(spans_of(&rows, &lower, &[(0, 9)], &none, 1), None);
    }

    #[test]
    fn rows_at_the_top_blank_to_the_left_may_belong_to_the_cell_before_the_page() {
        // The column's first text is centred on rows 2–6; rows 0–1 go on
        // from a cell of the page before (blank to the left down to row 4).
        let rows = rows(10);
        let texts = [text(4, 85.0), text(7, 145.0)];
        assert_eq!(
            spans_of(&rows, &texts, &[(0, 9)], &none, 4),
            Some(vec![(2, 6), (7, 9)])
        );
        // Without that, the text holds its own row.
        assert_eq!(
            spans_of(&rows, &texts, &[(0, 9)], &none, 0).unwrap()[0],
            (4, 4)
        );
    }

    #[test]
    fn a_column_reads_as_merged_cells_group_by_group() {
        // Group 0–4: a text centred on rows 0–2, one on 3–4. Group 5–9: a
        // text on row 6, centred on nothing.
        let rows = rows(10);
        let texts = [text(1, 25.0), text(4, 75.0), text(6, 125.0)];
        let groups = [(0, 4), (5, 9)];
        assert_eq!(spans_of(&rows, &texts, &groups, &none, 0), None);
        let read = spans_by_group(&rows, &texts, &groups, &none, 0).unwrap();
        let rows_and_spans: Vec<(usize, (usize, usize))> =
            read.iter().map(|(t, span)| (t.row, *span)).collect();
        assert_eq!(rows_and_spans, vec![(1, (0, 2)), (4, (3, 4))]);
    }

    #[test]
    fn a_text_between_two_rows_spans_them_whatever_they_print() {
        // Rows 3 and 4 print amounts in one column; a text on row 4 centred
        // on rows 3–4 (centre 75) spans them only when it stands between
        // them, beside none of row 4's other texts.
        let rows = rows(5);
        let amounts = |a: usize, r: usize| a == 4 && r == 3;
        let on_row = [text(0, 5.0), text(1, 25.0), text(2, 45.0), text(4, 75.0)];
        assert_eq!(spans_of(&rows, &on_row, &[(0, 4)], &amounts, 0), None);
        let mut between = on_row;
        between[3].between_rows = true;
        assert_eq!(
            spans_of(&rows, &between, &[(0, 4)], &amounts, 0).unwrap()[3],
            (3, 4)
        );
    }

    #[test]
    fn a_text_between_rows_tells_its_group_holds_merged_cells() {
        // Within one group: a total on row 0; a label on row 2's line,
        // centred on rows 1–3, which each print an amount where row 2
        // does; a label between rows 4 and 5. The label between rows shows
        // the column holds merged cells there, so the first spans its rows
        // too (1、资金来源 over its three sources).
        let rows = rows(6);
        let amounts = |a: usize, r: usize| a != r && (1..=3).contains(&a) && (1..=3).contains(&r);
        let mut texts = [text(0, 5.0), text(2, 45.0), text(5, 95.0)];
        assert_eq!(spans_of(&rows, &texts, &[(0, 5)], &amounts, 0), None);
        texts[2].between_rows = true;
        assert_eq!(
            spans_of(&rows, &texts, &[(0, 5)], &amounts, 0),
            Some(vec![(0, 0), (1, 3), (4, 5)])
        );
    }
}
