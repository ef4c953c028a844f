//! Body rows of a table drawn without rules, from its text lines (or its
//! bands of cells, each read as one line): every line with a figure is a
//! row; a line without figures (a label wrapped in its cell) belongs to
//! the neighbouring line nearer to it, when that is nearer than rows stand
//! apart; otherwise it is a row of its own (amounts left blank). This
//! holds whether the producer set cells' text at the top, the middle or
//! the bottom: a cell's lines stand closer together than rows do. Lines in
//! (sorted by their tops), each row's line indices out.

use super::words::Line;
use crate::layout::join::without_whitespace;

/// A line without figures joins its neighbour when their centres are
/// closer than this share of the table's usual row pitch.
pub const WRAP_SHARE: f32 = 0.9;
/// Text merged over two rows is centred on the boundary between them: its
/// gaps to them differ by less than this share of its height.
const CENTRED: f32 = 0.15;
/// ...and its gaps to them are under this share of the gaps those rows keep
/// from their other neighbours.
const NARROW_SHARE: f32 = 0.6;
/// A lone text joins a row it stands closer to than this share of the
/// usual gap between rows.
const TOUCHING_SHARE: f32 = 0.3;
/// A line wider than the text over it by more than this many font sizes
/// does not continue it (one character more than a full line's slack).
const WIDER_SLACK: f32 = 1.2;
/// Row pitch when the table has too few figure rows to measure it, in font sizes.
const DEFAULT_PITCH: f32 = 1.8;

/// A total row whose amounts are all blank (an empty table's 合计).
pub fn is_total(line: &Line) -> bool {
    matches!(without_whitespace(&line.text).as_str(), "合计" | "总计")
}

/// The rows of `lines` (top to bottom), each a list of line indices in
/// order; lines without figures after the last row with one are left out
/// (notes under the table), but for a total row. `lines` must be sorted by
/// their tops.
pub fn rows_of(lines: &[Line]) -> Vec<Vec<usize>> {
    rows_by(lines, &|i| lines[i].figures() > 0)
}

/// As [`rows_of`], `is_row` telling which lines are rows of their own
/// (those with figures; for bands of cells also those holding two cells).
pub fn rows_by(lines: &[Line], is_row: &dyn Fn(usize) -> bool) -> Vec<Vec<usize>> {
    let pitch = row_pitch(lines);
    let row_gap = usual_gap(lines, is_row);
    let n = lines.len();
    // Each line without figures points at the line it joins, if any.
    let mut joins: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let distance = |j: usize| (lines[j].center_y() - lines[i].center_y()).abs();
        if is_row(i) {
            // Text merged over two rows (a code set in the middle of its
            // cell) stands between them, beside their words: it is the
            // upper row's, as a merged cell's text is its top row's.
            if i > 0
                && i + 1 < n
                && [i - 1, i + 1]
                    .iter()
                    .all(|&j| !overlaps_words(&lines[i], &lines[j]))
                && (merged_between(lines, i)
                    || [i - 1, i + 1]
                        .iter()
                        .all(|&j| distance(j) < WRAP_SHARE * pitch))
            {
                joins[i] = Some(i - 1);
            }
            continue;
        }
        let above = i
            .checked_sub(1)
            .filter(|&j| !wider_than_text_over_it(lines, j, i))
            .map(|j| (j, distance(j)));
        let below = (i + 1 < n).then(|| (i + 1, distance(i + 1)));
        let nearer = match (above, below) {
            (Some(a), Some(b)) => Some(if a.1 < b.1 - 0.5 { a } else { b }),
            (a, b) => a.or(b),
        };
        joins[i] = nearer
            .filter(|&(_, d)| d < WRAP_SHARE * pitch)
            .map(|(j, _)| j)
            .or_else(|| touching(lines, i, row_gap));
    }
    // A form's label the page cut, set far under its rows, is the last
    // row's (see `cut_by_the_page`).
    if n >= 2
        && joins[n - 1].is_none()
        && !is_row(n - 1)
        && lines.iter().any(super::words::is_prose)
        && cut_by_the_page(&lines[..n - 1], &lines[n - 1])
    {
        joins[n - 1] = Some(n - 2);
    }
    let root = |mut i: usize| {
        // Chains are short and acyclic except where two lines point at
        // each other; the upper of such a pair is taken as the root.
        for _ in 0..n {
            match joins[i] {
                Some(j) if joins[j] == Some(i) => return i.min(j),
                Some(j) => i = j,
                None => return i,
            }
        }
        i
    };
    // Rows in the order of their first lines: a row is opened at its first
    // member, and lines come top to bottom.
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut row_of_root: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let r = root(i);
        match row_of_root[r] {
            Some(k) => rows[k].push(i),
            None => {
                row_of_root[r] = Some(rows.len());
                rows.push(vec![i]);
            }
        }
    }
    let kept = |members: &[usize]| members.iter().any(|&i| is_row(i) || is_total(&lines[i]));
    while rows.last().is_some_and(|m| !kept(m)) {
        rows.pop();
    }
    rows
}

/// A lone text touching a tall row (set at the top or foot of its cell,
/// a merged cell's text printed again where a page breaks it): the
/// neighbour it stands much closer to, by the gap between them, than rows
/// stand to each other, if any.
fn touching(lines: &[Line], i: usize, row_gap: Option<f32>) -> Option<usize> {
    let row_gap = row_gap?;
    let gap = |j: usize| gap_between(lines, i.min(j), i.max(j));
    [i.checked_sub(1), (i + 1 < lines.len()).then_some(i + 1)]
        .into_iter()
        .flatten()
        .filter(|&j| gap(j) < TOUCHING_SHARE * row_gap)
        .min_by(|&a, &b| gap(a).total_cmp(&gap(b)))
}

/// Whether line `lower` is clearly wider than the text of line `upper`
/// standing over it: a text wraps only where its line is full, so `lower`
/// does not continue that text (a merged cell's label set at the top of
/// its cell under a heading: 投入管理指标 under 一级指标).
fn wider_than_text_over_it(lines: &[Line], upper: usize, lower: usize) -> bool {
    let below = &lines[lower].bbox;
    let over = lines[upper]
        .words
        .iter()
        .filter(|w| w.bbox.x1 > below.x0 && w.bbox.x0 < below.x1)
        .map(|w| (w.bbox.x0, w.bbox.x1))
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
    let size = lines[lower].size.max(1.0);
    over.is_some_and(|(x0, x1)| below.width() > x1 - x0 + WIDER_SLACK * size)
}

/// The gap between line `upper` and line `lower` under it.
fn gap_between(lines: &[Line], upper: usize, lower: usize) -> f32 {
    lines[lower].bbox.top - lines[upper].bbox.bottom
}

/// The median gap between neighbouring rows, when two stand side by side.
fn usual_gap(lines: &[Line], is_row: &dyn Fn(usize) -> bool) -> Option<f32> {
    let mut gaps: Vec<f32> = (1..lines.len())
        .filter(|&i| is_row(i - 1) && is_row(i))
        .map(|i| gap_between(lines, i - 1, i))
        .collect();
    if gaps.is_empty() {
        return None;
    }
    gaps.sort_by(f32::total_cmp);
    Some(gaps[(gaps.len() - 1) / 2])
}

/// Whether line `i` is text merged over the rows `i - 1` and `i + 1` (rows
/// taller than usual, their labels wrapped): set in the middle of the gap
/// between them, a gap too narrow for a row of its own: a row's text
/// stands its padding and the next row's apart from its neighbours, text
/// merged over two rows less than one padding from them.
fn merged_between(lines: &[Line], i: usize) -> bool {
    let gap = |a: usize, b: usize| gap_between(lines, a, b);
    let (above, below) = (gap(i - 1, i), gap(i, i + 1));
    let height = lines[i].bbox.height();
    let centred = (above - below).abs() < CENTRED * height;
    // The gaps the rows around keep from their own neighbours.
    let outer: Vec<f32> = [
        (i >= 2).then(|| gap(i - 2, i - 1)),
        (i + 2 < lines.len()).then(|| gap(i + 1, i + 2)),
    ]
    .into_iter()
    .flatten()
    .collect();
    centred
        && above.max(below) < height
        && !outer.is_empty()
        && outer.iter().all(|&g| above.max(below) < NARROW_SHARE * g)
}

/// How many of `lines` (top to bottom) the table's body holds: up to its
/// last row with figures (see [`rows_of`]), and on through the lines right
/// under it that set two texts side by side (a form's last rows: an
/// indicator and its value, "≥95%"); a lone text there is a note, but
/// within a form whose last rows wrap sentences.
pub fn body_len(lines: &[Line]) -> usize {
    let rows = rows_of(lines);
    let mut used = rows.last().map_or(0, |r| r[r.len() - 1] + 1);
    if used == 0 {
        return 0;
    }
    if lines.iter().any(super::words::is_prose) {
        // A form's rows hold sentences wrapped over lines of one text each:
        // the body runs to its last line of texts side by side.
        if let Some(last) = (used..lines.len())
            .rev()
            .find(|&i| lines[i].words.len() >= 2)
        {
            used = last + 1;
        }
        // The last row's sentence wraps on under its last line.
        while used < lines.len()
            && lines[used].bbox.top - lines[used - 1].bbox.bottom
                < super::blocks::TIGHT_GAP * lines[used].size
        {
            used += 1;
        }
        // A merged cell the page cuts shows its label at the page's foot,
        // close under the last row: the page's last line, one short text.
        if used + 1 == lines.len() && cut_by_the_page(&lines[..used], &lines[used]) {
            used += 1;
        }
    }
    while used < lines.len() && lines[used].words.len() >= 2 {
        used += 1;
    }
    used
}

/// Whether `line`, the page's last, under the body's lines, is a label cut
/// by the page: one text, not a sentence, a note or a figure, either closer
/// under the body's last line than rows stand apart, or centred under a
/// label that starts a line of the body (a merged cell's label is centred
/// on the whole cell, so the page that cuts it may set it far below its
/// last row, in the margin, clipped; the labels of merged cells before it
/// start their lines, the cells to their left blank or merged too). A
/// centred footer matches only a label at the page's middle, which rarely
/// starts a form's line.
fn cut_by_the_page(body: &[Line], line: &Line) -> bool {
    let Some(last) = body.last() else {
        return false;
    };
    let [label] = line.words.as_slice() else {
        return false;
    };
    if label.figure || super::words::is_prose(line) || super::is_note(line) {
        return false;
    }
    let close = line.bbox.top - last.bbox.bottom < super::blocks::CONTINUE_GAP * line.size;
    let centre = label.bbox.center().0;
    let slack = super::spans::CENTRE_SLACK * line.size;
    let under_a_label = body.iter().filter_map(|l| l.words.first()).any(|w| {
        !w.figure
            && !super::words::is_sentence(&w.text)
            && (w.bbox.center().0 - centre).abs() <= slack
    });
    close || under_a_label
}

/// Whether any word of `a` stands over or under a word of `b`.
fn overlaps_words(a: &Line, b: &Line) -> bool {
    a.words.iter().any(|w| {
        b.words
            .iter()
            .any(|o| w.bbox.x0 < o.bbox.x1 && o.bbox.x0 < w.bbox.x1)
    })
}

/// The usual distance between the centres of rows: the median step between
/// neighbouring lines that both hold figures in a column they share (a row
/// of blank amounts or a wrapped label between two such lines would
/// stretch the step; text merged over two rows would halve it).
pub fn row_pitch(lines: &[Line]) -> f32 {
    let mut steps: Vec<f32> = lines
        .windows(2)
        .filter(|w| w[0].figures() > 0 && w[1].figures() > 0 && overlaps_words(&w[0], &w[1]))
        .map(|w| w[1].center_y() - w[0].center_y())
        .collect();
    if steps.is_empty() {
        let size = lines.iter().map(|l| l.size).fold(0.0, f32::max).max(1.0);
        return DEFAULT_PITCH * size;
    }
    steps.sort_by(f32::total_cmp);
    steps[(steps.len() - 1) / 2]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::BBox;
    use crate::table::stream::words::Word;

    fn line(top: f32, figure: bool) -> Line {
        let bbox = BBox {
            x0: 0.0,
            top,
            x1: 100.0,
            bottom: top + 9.0,
        };
        let mut words = vec![Word {
            bbox,
            glyphs: vec![],
            text: "名称".into(),
            figure: false,
        }];
        if figure {
            words.push(Word {
                bbox,
                glyphs: vec![],
                text: "1.00".into(),
                figure: true,
            });
        }
        Line {
            bbox,
            size: 9.0,
            text: String::new(),
            words,
        }
    }

    #[test]
    fn wrapped_labels_join_their_row_wherever_the_figures_stand() {
        // Rows 16 pt apart; a label wrapped over lines 10 pt apart.
        // Middle: label, label+figure, label.
        let middle = [
            line(0.0, true),
            line(16.0, false),
            line(26.0, true),
            line(36.0, false),
            line(52.0, true),
        ];
        assert_eq!(rows_of(&middle), vec![vec![0], vec![1, 2, 3], vec![4]]);
        // Bottom: the label's first line has no figure.
        let bottom = [
            line(0.0, true),
            line(16.0, false),
            line(26.0, true),
            line(42.0, true),
        ];
        assert_eq!(rows_of(&bottom), vec![vec![0], vec![1, 2], vec![3]]);
        // Top: the continuation line is under the figures.
        let top = [
            line(0.0, true),
            line(16.0, true),
            line(26.0, false),
            line(42.0, true),
        ];
        assert_eq!(rows_of(&top), vec![vec![0], vec![1, 2], vec![3]]);
    }

    /// A line from `top` to `bottom` with one figure at `x`.
    fn figure_at(top: f32, bottom: f32, x: f32) -> Line {
        let mut l = line(top, true);
        l.bbox.bottom = bottom;
        l.words.truncate(1);
        l.words[0].figure = true;
        l.words[0].bbox = BBox {
            x0: x,
            top,
            x1: x + 20.0,
            bottom,
        };
        l
    }

    #[test]
    fn a_code_merged_over_two_tall_rows_joins_the_upper_and_a_row_between_does_not() {
        // Rows of two lines (20 pt) 13 pt apart, then one-line rows 16 pt
        // apart (the usual pitch); a code (9 pt) in the middle of the gap
        // between two tall rows, 2 pt from each, further from their
        // centres than the pitch allows.
        let lines = [
            figure_at(0.0, 20.0, 100.0),
            figure_at(33.0, 53.0, 100.0),
            figure_at(55.0, 64.0, 0.0),
            figure_at(66.0, 86.0, 100.0),
            figure_at(99.0, 108.0, 100.0),
            figure_at(115.0, 124.0, 100.0),
            figure_at(131.0, 140.0, 100.0),
        ];
        assert_eq!(
            rows_of(&lines),
            vec![vec![0], vec![1, 2], vec![3], vec![4], vec![5], vec![6]]
        );
        // A row of its own between rows standing as close as it does to
        // them (each 2 pt apart): not merged.
        let lines = [
            figure_at(0.0, 9.0, 100.0),
            figure_at(11.0, 20.0, 100.0),
            figure_at(22.0, 31.0, 0.0),
            figure_at(33.0, 42.0, 100.0),
            figure_at(44.0, 53.0, 100.0),
        ];
        assert_eq!(rows_of(&lines).len(), 5);
    }

    #[test]
    fn a_lone_text_touching_a_tall_row_joins_it() {
        // One-line rows, then a label 3 pt over a row of many lines: its
        // centre is far from that row's, but it touches it (rows stand
        // 6–14 pt apart), as a cell's text set at its top does.
        let mut label = line(69.0, false);
        label.bbox.bottom = 78.0;
        let lines = [
            figure_at(0.0, 10.0, 100.0),
            figure_at(24.0, 34.0, 100.0),
            figure_at(40.0, 50.0, 100.0),
            label,
            figure_at(81.0, 181.0, 100.0),
            figure_at(195.0, 205.0, 100.0),
        ];
        assert_eq!(
            rows_of(&lines),
            vec![vec![0], vec![1], vec![2], vec![3, 4], vec![5]]
        );
    }

    #[test]
    fn a_label_at_row_pitch_is_a_row_and_trailing_labels_are_dropped() {
        let lines = [
            line(0.0, true),
            line(16.0, false),
            line(32.0, true),
            line(48.0, true),
            line(70.0, false),
        ];
        assert_eq!(rows_of(&lines), vec![vec![0], vec![1], vec![2], vec![3]]);
    }

    #[test]
    fn a_label_wider_than_the_text_over_it_does_not_continue_it() {
        // Rows 16 pt apart; under the middle row's label (0 to 100) a
        // line 13 pt below (4 pt under it, not touching). Set 0 to 100 it
        // continues the label; set 0 to 140, wider than the label that
        // would have wrapped before it, it is a row of its own.
        let lines = |x1: f32| {
            let mut under = line(29.0, false);
            under.bbox.x1 = x1;
            under.words[0].bbox.x1 = x1;
            [line(0.0, true), line(16.0, true), under, line(60.0, true)]
        };
        assert_eq!(rows_of(&lines(100.0)), vec![vec![0], vec![1, 2], vec![3]]);
        assert_eq!(
            rows_of(&lines(140.0)),
            vec![vec![0], vec![1], vec![2], vec![3]]
        );
    }

    #[test]
    fn a_forms_label_cut_by_the_page_ends_its_body() {
        // Two rows of a form (an indicator, a value, a sentence), then the
        // page's last line: one short label 3 pt under the last row (a
        // merged cell's label the page cut).
        let row = |top: f32| {
            let mut l = line(top, false);
            l.words[0].text = "预算执行率".into();
            let mut sentence = l.words[0].clone();
            sentence.text = "预算执行率等于完成数除以预算数。".into();
            sentence.bbox.x0 = 200.0;
            sentence.bbox.x1 = 400.0;
            let mut value = sentence.clone();
            (value.text, value.figure) = ("90.00".into(), true);
            (value.bbox.x0, value.bbox.x1) = (150.0, 180.0);
            l.words.extend([value, sentence]);
            l
        };
        let cut = |top: f32, text: &str| {
            let mut l = line(top, false);
            l.words[0].text = text.into();
            l.text = text.into();
            l
        };
        // Rows 10 pt apart; the label's centre 12 pt under the last's, too
        // far to be its wrapped line.
        let lines = |last: Line| vec![row(0.0), row(10.0), last];
        assert_eq!(body_len(&lines(cut(22.0, "预算和财务管理"))), 3);
        // A note is not the table's.
        assert_eq!(body_len(&lines(cut(22.0, "注：单位为万元"))), 2);
        // Further under it, the label is the table's only when centred
        // under a label of the body (a merged cell's, centred on the whole
        // cell the page cut), not when it stands clear of them.
        assert_eq!(body_len(&lines(cut(60.0, "预算和财务管理"))), 3);
        let mut clear = cut(60.0, "预算和财务管理");
        clear.words[0].bbox.x0 = 20.0;
        assert_eq!(body_len(&lines(clear)), 2);
        // Nor when the label it stands under does not start its line (a
        // value, "保障", under which a centred footer may fall).
        let mut worded = vec![row(0.0), row(10.0)];
        for l in &mut worded {
            let mut value = l.words[0].clone();
            value.text = "保障".into();
            (value.bbox.x0, value.bbox.x1) = (182.0, 198.0);
            l.words.insert(2, value);
        }
        let mut footer = cut(60.0, "某县财政局");
        (footer.words[0].bbox.x0, footer.words[0].bbox.x1) = (165.0, 215.0);
        worded.push(footer);
        assert_eq!(body_len(&worded), 2);
    }
}
