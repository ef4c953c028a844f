//! Column boundaries of a table drawn without rules: the x-ranges that no
//! body word and no lowest-level heading crosses, gaps that persist down
//! the page. A column left blank in every body row still has its heading,
//! so headings count as much as figures.

use crate::pdf::BBox;

/// Words overlapping by less than this (points) still stand in two columns:
/// glyph boxes from font metrics may reach a little past the ink.
const OVERLAP_SLACK: f32 = 0.5;
/// The outer boundaries stand this far outside the outermost text.
const OUTER_PAD: f32 = 1.0;
/// A cell's text stands this far (points) inside its rules: a boundary is
/// put this far right of figures set right, or left of labels set left.
const CELL_PADDING: f32 = 2.0;

/// An x-range some words cover without a gap, and what covers it.
#[derive(Debug, Clone, Copy)]
struct Span {
    x0: f32,
    x1: f32,
    body: bool,
    heading: bool,
    /// Body words in the range that are figures, and that are not.
    figures: usize,
    labels: usize,
}

impl Span {
    /// Figures are set right: the column's rule stands just right of them.
    fn set_right(&self) -> bool {
        self.figures > self.labels
    }
    /// Labels are set left: the column's rule stands just left of them.
    fn set_left(&self) -> bool {
        self.labels > self.figures
    }
}

/// Where the boundary between two neighbouring ranges stands: right of
/// figures set right, left of labels set left, else mid-gap.
fn boundary_between(a: &Span, b: &Span) -> f32 {
    let mid = (a.x1 + b.x0) / 2.0;
    if a.set_right() {
        (a.x1 + CELL_PADDING).min(mid)
    } else if b.set_left() {
        (b.x0 - CELL_PADDING).max(mid)
    } else {
        mid
    }
}

/// Boundaries (columns + 1 values, left to right) from the horizontal
/// extents of the body's words and the header's lowest headings; a
/// boundary stands in each gap between them (see [`boundary_between`]);
/// `body` items say whether the word is a figure. A heading
/// narrower than its column's figures may stand clear of them (a figure
/// set right under a centred heading): a range only headings cover and a
/// neighbouring range only body words cover are one column.
pub fn boundaries(body: &[(f32, f32, bool)], headings: &[(f32, f32)]) -> Vec<f32> {
    let body_ranges = ranges(body.iter().map(|&(x0, x1, _)| (x0, x1)));
    let mut spans: Vec<Span> = body
        .iter()
        .map(|&(x0, x1, figure)| (x0, x1, Some(figure)))
        .chain(
            headings
                .iter()
                .filter(|&&h| !straddles(h, &body_ranges))
                .map(|&(x0, x1)| (x0, x1, None)),
        )
        .filter(|s| s.1 > s.0)
        .map(|(x0, x1, figure)| Span {
            x0,
            x1,
            body: figure.is_some(),
            heading: figure.is_none(),
            figures: usize::from(figure == Some(true)),
            labels: usize::from(figure == Some(false)),
        })
        .collect();
    if spans.is_empty() {
        return Vec::new();
    }
    spans.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut merged: Vec<Span> = Vec::new();
    for s in spans {
        match merged.last_mut() {
            Some(last) if s.x0 < last.x1 - OVERLAP_SLACK => {
                last.x1 = last.x1.max(s.x1);
                last.body |= s.body;
                last.heading |= s.heading;
                last.figures += s.figures;
                last.labels += s.labels;
            }
            _ => merged.push(s),
        }
    }
    pair_headings_with_their_figures(&mut merged);
    let mut xs = Vec::with_capacity(merged.len() + 1);
    xs.push(merged[0].x0 - OUTER_PAD);
    for pair in merged.windows(2) {
        xs.push(boundary_between(&pair[0], &pair[1]));
    }
    xs.push(merged[merged.len() - 1].x1 + OUTER_PAD);
    xs
}

/// A column holds at least this many body words.
const COLUMN_WORDS: usize = 3;

/// The x-ranges that some extents cover without a gap, each with the
/// number of extents in it.
fn ranges(extents: impl Iterator<Item = (f32, f32)>) -> Vec<(f32, f32, usize)> {
    let mut sorted: Vec<(f32, f32)> = extents.filter(|e| e.1 > e.0).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f32, f32, usize)> = Vec::new();
    for (x0, x1) in sorted {
        match out.last_mut() {
            Some(last) if x0 < last.1 - OVERLAP_SLACK => {
                last.1 = last.1.max(x1);
                last.2 += 1;
            }
            _ => out.push((x0, x1, 1)),
        }
    }
    out
}

/// Whether a lowest heading reaches over two columns of body words (two
/// headings set without a gap, or one wider than its cell): it must not
/// join them.
fn straddles(heading: (f32, f32), body: &[(f32, f32, usize)]) -> bool {
    body.iter()
        .filter(|r| r.2 >= COLUMN_WORDS)
        .filter(|r| r.0 < heading.1 - OVERLAP_SLACK && heading.0 < r.1 - OVERLAP_SLACK)
        .count()
        >= 2
}

/// Lines that set words on both sides of a gap, none across it, for the
/// gap to stand though a few words cross it.
const RESPECTING_LINES: usize = 3;

/// The words that span columns (a form's value merged over several cells,
/// a sentence across the table): at some x, at most `limit` lines set a
/// word across it while at least [`RESPECTING_LINES`] lines, and more than
/// cross it, set words left and right of it. `lines` holds each body
/// line's word extents; the answer is in the same shape.
pub fn spanning_words(lines: &[Vec<(f32, f32)>], limit: usize) -> Vec<Vec<bool>> {
    let mut spanning: Vec<Vec<bool>> = lines.iter().map(|l| vec![false; l.len()]).collect();
    if limit == 0 {
        return spanning;
    }
    let mut edges: Vec<f32> = lines.iter().flatten().flat_map(|e| [e.0, e.1]).collect();
    edges.sort_by(f32::total_cmp);
    edges.dedup_by(|a, b| (*a - *b).abs() < OVERLAP_SLACK);
    for w in edges.windows(2) {
        let x = (w[0] + w[1]) / 2.0;
        let across = |e: &(f32, f32)| e.0 < x - OVERLAP_SLACK && x + OVERLAP_SLACK < e.1;
        let crossing: Vec<usize> = (0..lines.len())
            .filter(|&l| lines[l].iter().any(across))
            .collect();
        if crossing.is_empty() || crossing.len() > limit {
            continue;
        }
        let respecting: Vec<&Vec<(f32, f32)>> = lines
            .iter()
            .filter(|l| !l.iter().any(across))
            .filter(|l| l.iter().any(|e| e.1 <= x) && l.iter().any(|e| e.0 >= x))
            .collect();
        if respecting.len() < RESPECTING_LINES || respecting.len() <= crossing.len() {
            continue;
        }
        // A word spans columns when it reaches over words of the columns
        // on both sides; a long word ending short of the next column is
        // its own column's ragged edge.
        let over = |e: &(f32, f32), left: bool| {
            respecting.iter().flat_map(|l| l.iter()).any(|r| {
                (if left { r.1 <= x } else { r.0 >= x })
                    && r.0 < e.1 - OVERLAP_SLACK
                    && e.0 < r.1 - OVERLAP_SLACK
            })
        };
        for l in crossing {
            for (k, e) in lines[l].iter().enumerate() {
                spanning[l][k] |= across(e) && over(e, true) && over(e, false);
            }
        }
    }
    spanning
}

/// Joins each range covered only by headings to the nearer neighbouring
/// range covered only by body words.
fn pair_headings_with_their_figures(spans: &mut Vec<Span>) {
    let mut i = 0;
    while i < spans.len() {
        let s = spans[i];
        let gap_to = |j: usize| {
            let o = spans[j];
            (o.body && !o.heading).then_some(if j < i { s.x0 - o.x1 } else { o.x0 - s.x1 })
        };
        let left = i.checked_sub(1).and_then(|j| gap_to(j).map(|g| (j, g)));
        let right = (i + 1 < spans.len())
            .then(|| gap_to(i + 1).map(|g| (i + 1, g)))
            .flatten();
        let partner = match (left, right) {
            (Some(l), Some(r)) => Some(if l.1 <= r.1 { l.0 } else { r.0 }),
            (l, r) => l.or(r).map(|p| p.0),
        };
        match partner {
            Some(j) if s.heading && !s.body => {
                let (a, b) = (i.min(j), i.max(j));
                spans[a] = Span {
                    x0: spans[a].x0.min(spans[b].x0),
                    x1: spans[a].x1.max(spans[b].x1),
                    body: true,
                    heading: true,
                    figures: spans[a].figures + spans[b].figures,
                    labels: spans[a].labels + spans[b].labels,
                };
                spans.remove(b);
                i = a;
            }
            _ => i += 1,
        }
    }
}

/// The headings that stand lowest: no other heading below overlaps them
/// (a heading spanning several columns has its sub-headings under it).
pub fn lowest_headings(headings: &[BBox]) -> Vec<BBox> {
    headings
        .iter()
        .filter(|h| {
            !headings.iter().any(|o| {
                o.top >= h.bottom - OVERLAP_SLACK
                    && o.x0 < h.x1 - OVERLAP_SLACK
                    && o.x1 > h.x0 + OVERLAP_SLACK
            })
        })
        .copied()
        .collect()
}

/// Columns that only a heading made, where the heading stands in the gap
/// between two columns that each have a heading lower down: a heading over
/// two sub-headings, centred on the boundary between them and narrower
/// than the gap. Such a column is removed, its boundaries replaced by one
/// under the heading's centre. `body` are the body words' extents.
pub fn without_heading_only_gaps(
    xs: &[f32],
    body: &[(f32, f32, bool)],
    headings: &[BBox],
) -> Vec<f32> {
    let mut xs = xs.to_vec();
    let mut c = 1;
    while c + 1 < xs.len().saturating_sub(1) {
        let (left, right) = (xs[c], xs[c + 1]);
        let inside = |x0: f32, x1: f32| x0 >= left && x1 <= right;
        let empty_body = !body.iter().any(|&(a, b, _)| inside(a, b));
        let lone = headings
            .iter()
            .filter(|h| inside(h.x0, h.x1))
            .collect::<Vec<_>>();
        let parent = match lone.as_slice() {
            [h] if empty_body => {
                let lower_in = |x0: f32, x1: f32| {
                    headings
                        .iter()
                        .any(|o| o.top >= h.bottom - OVERLAP_SLACK && o.x0 >= x0 && o.x1 <= x1)
                };
                (lower_in(xs[c - 1], left) && lower_in(right, xs[c + 2])).then_some(*h)
            }
            _ => None,
        };
        match parent {
            Some(h) => {
                xs.splice(c..c + 2, [h.center().0]);
            }
            None => c += 1,
        }
    }
    xs
}

/// The column whose slot holds `x` (the nearest at the edges).
pub fn column_at(xs: &[f32], x: f32) -> usize {
    let cols = xs.len().saturating_sub(1).max(1);
    xs.partition_point(|&b| b <= x)
        .saturating_sub(1)
        .min(cols - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(x0: f32, top: f32, x1: f32) -> BBox {
        BBox {
            x0,
            top,
            x1,
            bottom: top + 10.0,
        }
    }

    #[test]
    fn a_value_merged_over_columns_spans_them_and_a_long_label_does_not() {
        // Three columns (0–40, 60–100, 120–160) over four lines; line 0
        // sets a value from 60 to 160 across the gap at 100–120.
        let lines = vec![
            vec![(0.0, 40.0), (60.0, 160.0)],
            vec![(0.0, 40.0), (60.0, 100.0), (120.0, 160.0)],
            vec![(0.0, 40.0), (60.0, 90.0), (120.0, 150.0)],
            vec![(0.0, 30.0), (60.0, 95.0), (120.0, 160.0)],
        ];
        let spanning = spanning_words(&lines, 1);
        assert_eq!(spanning[0], vec![false, true]);
        assert!(spanning[1..].iter().flatten().all(|s| !s));
        // A label longer than the others in its column but short of the
        // next column's words is the column's ragged edge.
        let lines = vec![
            vec![(0.0, 55.0), (120.0, 160.0)],
            vec![(0.0, 40.0), (120.0, 160.0)],
            vec![(0.0, 40.0), (120.0, 160.0)],
            vec![(0.0, 40.0), (120.0, 160.0)],
        ];
        assert!(spanning_words(&lines, 1).iter().flatten().all(|s| !s));
    }

    #[test]
    fn a_heading_over_two_columns_of_body_words_does_not_join_them() {
        let body: Vec<(f32, f32, bool)> = (0..3)
            .flat_map(|_| [(0.0, 40.0, true), (50.0, 90.0, false)])
            .collect();
        // "单位编码（项目编码）项目单位（项目名称）" set without a gap.
        let xs = boundaries(&body, &[(0.0, 95.0)]);
        assert_eq!(xs.len(), 3);
    }

    #[test]
    fn gaps_between_words_are_boundaries() {
        // Labels set left, then figures set right.
        let xs = boundaries(
            &[
                (10.0, 30.0, false),
                (12.0, 40.0, false),
                (60.0, 80.0, true),
                (70.0, 80.0, true),
            ],
            &[],
        );
        assert_eq!(xs, vec![9.0, 50.0, 81.0]);
        // Figures set right, then labels set left: the rule is just right of the figures.
        let xs = boundaries(&[(10.0, 30.0, true), (60.0, 80.0, false)], &[]);
        assert_eq!(xs, vec![9.0, 32.0, 81.0]);
        assert_eq!(column_at(&xs, 31.0), 0);
        assert_eq!(column_at(&xs, 33.0), 1);
        assert_eq!(column_at(&xs, 500.0), 1);
        // A heading clear of the figures set right under it is their column's.
        let xs = boundaries(
            &[(10.0, 30.0, false), (70.0, 80.0, true)],
            &[(10.0, 20.0), (50.0, 60.0)],
        );
        assert_eq!(xs, vec![9.0, 40.0, 81.0]);
    }

    #[test]
    fn a_heading_alone_in_a_gap_over_two_lower_ones_is_no_column() {
        // 基本支出 centred between 人员 and 公用, over their figures.
        let body = [(30.0, 50.0, true), (80.0, 100.0, true)];
        let heads = [
            b(55.0, 0.0, 75.0),
            b(30.0, 20.0, 50.0),
            b(80.0, 20.0, 100.0),
        ];
        let lowest = lowest_headings(&heads);
        let lowest: Vec<(f32, f32)> = lowest.iter().map(|h| (h.x0, h.x1)).collect();
        let xs = boundaries(&body, &lowest);
        assert_eq!(xs.len(), 4);
        assert_eq!(
            without_heading_only_gaps(&xs, &body, &heads),
            vec![29.0, 65.0, 101.0]
        );
        // A blank column's heading beside headings at its own level stays.
        let heads = [
            b(55.0, 10.0, 75.0),
            b(30.0, 10.0, 50.0),
            b(80.0, 10.0, 100.0),
        ];
        assert_eq!(without_heading_only_gaps(&xs, &body, &heads), xs);
    }

    #[test]
    fn a_spanning_heading_is_not_lowest() {
        // "基本支出" over "小计" and "项目": only the two below are lowest.
        let parent = b(40.0, 0.0, 80.0);
        let left = b(10.0, 20.0, 50.0);
        let right = b(70.0, 20.0, 110.0);
        assert_eq!(lowest_headings(&[parent, left, right]), vec![left, right]);
    }
}
