//! The column header of a table drawn without rules, from the lines above
//! its first body row: each heading is laid on the leaf columns it stands
//! over; a heading over sub-headings spans the run of columns it is centred
//! over; a heading wrapped over lines of its cell is one heading; a heading
//! stands from the level above it (or the header's top) down to the level
//! below it (or the header's foot), as a merged cell would.

use super::columns::column_at;
use super::words::{Line, Word};
use crate::pdf::BBox;

/// A heading's lines closer than this many font sizes, over the same
/// columns, are one heading wrapped in its cell.
pub const WRAP_GAP: f32 = 0.8;
/// Lines this close (font sizes) are set at the font's own leading: one
/// heading, whatever stands beside it.
pub const LEADING_GAP: f32 = 0.3;
/// Level boundaries closer than this many font sizes are one.
const LEVEL_TOLERANCE: f32 = 0.6;
/// Runs of columns whose centres are this close (points) to a heading's
/// centre are centred alike under it.
const CENTRE_TOLERANCE: f32 = 2.5;
/// The table's outer boundaries come from the extent of its text, not from
/// rules, and may stand a cell's padding off: a run reaching them may be
/// centred off by this much more (points).
const EDGE_TOLERANCE: f32 = 1.5;
/// A heading stands over a column when it covers this share of the
/// narrower of the two.
const COVER_SHARE: f32 = 0.3;

/// One heading: its text, the columns it spans and the grid rows it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub text: String,
    pub glyphs: Vec<usize>,
    pub size: f32,
    pub first_col: usize,
    pub last_col: usize,
    pub row: usize,
    pub row_span: usize,
}

/// The header laid on the leaf columns `xs`: row boundaries (from `top` to
/// `bottom`) and the headings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub ys: Vec<f32>,
    pub headings: Vec<Heading>,
}

#[derive(Debug, Clone)]
struct Item {
    bbox: BBox,
    parts: Vec<(f32, f32, String)>,
    glyphs: Vec<usize>,
    size: f32,
    first: usize,
    last: usize,
}

impl Item {
    fn overlaps_columns(&self, other: &Item) -> bool {
        self.first <= other.last && other.first <= self.last
    }
    fn overlaps_vertically(&self, other: &Item) -> bool {
        self.bbox.top < other.bbox.bottom && other.bbox.top < self.bbox.bottom
    }
    fn text(&self) -> String {
        let mut parts = self.parts.clone();
        // Lines top to bottom, words left to right.
        parts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut text = String::new();
        let mut last_top = f32::NAN;
        for (top, _, t) in parts {
            if !text.is_empty() && (top - last_top).abs() < 1.0 {
                text.push(' ');
            }
            text.push_str(&t);
            last_top = top;
        }
        crate::layout::join::tidy_cjk_spacing(&text)
    }
}

/// The columns a box stands over.
fn columns_under(xs: &[f32], b: &BBox) -> (usize, usize) {
    let cols = xs.len() - 1;
    let covered: Vec<usize> = (0..cols)
        .filter(|&c| {
            let overlap = b.x1.min(xs[c + 1]) - b.x0.max(xs[c]);
            let narrower = (b.x1 - b.x0).min(xs[c + 1] - xs[c]).max(0.1);
            overlap >= COVER_SHARE * narrower
        })
        .collect();
    match (covered.first(), covered.last()) {
        (Some(&a), Some(&z)) => (a, z),
        _ => {
            let c = column_at(xs, b.center().0);
            (c, c)
        }
    }
}

/// Where a header stands on the page.
#[derive(Debug, Clone, Copy)]
struct Extent {
    top: f32,
    /// Halfway between the header's last line and the body.
    bottom: f32,
    /// The body's first line: the lowest cells of the header reach down to
    /// it, less a cell's padding.
    body_top: f32,
}

impl Extent {
    fn middle(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
}

/// Reads the header from `lines` (top to bottom) over columns `xs`, from
/// `top` down to the body, whose first line starts at `body_top`.
pub fn read_header(lines: &[Line], xs: &[f32], top: f32, body_top: f32) -> Header {
    if xs.len() < 2 || lines.is_empty() {
        return Header::default();
    }
    let last = lines.iter().map(|l| l.bbox.bottom).fold(f32::MIN, f32::max);
    let bottom = (last + body_top) / 2.0;
    let extent = Extent {
        top,
        bottom,
        body_top,
    };
    let mut items = items_of(lines, xs);
    join_wrapped(&mut items, xs, extent);
    spread_over_sub_headings(&mut items, xs, extent);
    levels(items, xs.len() - 1, top, bottom)
}

/// Each line's words, those over the same columns joined ("项 目").
fn items_of(lines: &[Line], xs: &[f32]) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for line in lines {
        let start = items.len();
        for w in line
            .words
            .iter()
            .flat_map(|w| cut_at_closing_brackets(w, xs))
        {
            let (first, last) = columns_under(xs, &w.bbox);
            let size = line.size;
            let part = (line.bbox.top, w.bbox.x0, w.text);
            match items[start..]
                .iter_mut()
                .find(|i| i.first <= last && first <= i.last)
            {
                Some(item) => {
                    item.bbox = item.bbox.union(&w.bbox);
                    item.parts.push(part);
                    item.glyphs.extend(&w.glyphs);
                    item.first = item.first.min(first);
                    item.last = item.last.max(last);
                }
                None => items.push(Item {
                    bbox: w.bbox,
                    parts: vec![part],
                    glyphs: w.glyphs.clone(),
                    size,
                    first,
                    last,
                }),
            }
        }
    }
    items
}

/// A heading's word cut after a closing bracket that ends at a column
/// boundary: two headings set flush in neighbouring cells read as one word
/// ("单位编码（项目编码）项目单位（项目名称）"). Only a word of full-width
/// characters is cut, its characters taken as equally wide.
fn cut_at_closing_brackets(word: &Word, xs: &[f32]) -> Vec<Word> {
    let chars: Vec<char> = word.text.chars().collect();
    let n = chars.len();
    if n < 2 || chars.iter().any(char::is_ascii) {
        return vec![word.clone()];
    }
    let advance = (word.bbox.x1 - word.bbox.x0) / n as f32;
    let inner = &xs[1..xs.len() - 1];
    let cuts: Vec<usize> = (1..n)
        .filter(|&k| {
            let end = word.bbox.x0 + k as f32 * advance;
            matches!(chars[k - 1], '）' | '】' | '〕')
                && inner.iter().any(|&x| (x - end).abs() <= 0.5 * advance)
        })
        .collect();
    if cuts.is_empty() {
        return vec![word.clone()];
    }
    let mut words = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for to in cuts.into_iter().chain([n]) {
        // Glyphs follow the characters when there is one glyph to each.
        let glyphs = if word.glyphs.len() == n {
            word.glyphs[from..to].to_vec()
        } else if from == 0 {
            word.glyphs.clone()
        } else {
            Vec::new()
        };
        words.push(Word {
            bbox: BBox {
                x0: word.bbox.x0 + from as f32 * advance,
                x1: word.bbox.x0 + to as f32 * advance,
                ..word.bbox
            },
            glyphs,
            text: chars[from..to].iter().collect(),
            figure: word.figure,
        });
        from = to;
    }
    words
}

/// Lines of one heading wrapped in its cell become one heading: the lower
/// stands right under the upper, over the same columns, and the upper is
/// not a heading over sub-headings (a sub-heading beside the lower one at
/// its level, in a column with nothing above it, would be under the upper).
fn join_wrapped(items: &mut Vec<Item>, xs: &[f32], extent: Extent) {
    items.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
    let mut i = 0;
    while i < items.len() {
        let lower = &items[i];
        let upper = (0..i).rev().find(|&u| {
            let up = &items[u];
            let gap = lower.bbox.top - up.bbox.bottom;
            let size = up.size.max(lower.size);
            one_cell(items, u, i)
                && gap > -0.5 * up.size
                && gap < WRAP_GAP * size
                && (gap < LEADING_GAP * size
                    || !has_sibling_below(items, u, i)
                    || spanned_run(items, u, xs, extent, Reach::Widest, &[]).is_none())
        });
        match upper {
            Some(u) => {
                let lower = items.remove(i);
                let up = &mut items[u];
                up.bbox = up.bbox.union(&lower.bbox);
                up.parts.extend(lower.parts);
                up.glyphs.extend(lower.glyphs);
            }
            None => i += 1,
        }
    }
}

/// Whether `lower` may be the next line of `upper` in one cell: over the
/// same columns, or within them, alone there at its level and set as a
/// wrapped line of a centred or left-aligned text is ("政府性基金预" over
/// "算资金"; a heading with sub-headings side by side under it is not).
fn one_cell(items: &[Item], upper: usize, lower: usize) -> bool {
    let (up, low) = (&items[upper], &items[lower]);
    if up.first == low.first && up.last == low.last {
        return true;
    }
    let within = up.first <= low.first && low.last <= up.last;
    let centred = (up.bbox.center().0 - low.bbox.center().0).abs() <= CENTRE_TOLERANCE;
    let left_aligned = (up.bbox.x0 - low.bbox.x0).abs() <= CENTRE_TOLERANCE;
    let alone = !items.iter().enumerate().any(|(k, o)| {
        k != lower && k != upper && o.overlaps_columns(up) && o.overlaps_vertically(low)
    });
    within && (centred || left_aligned) && alone
}

/// Whether a heading at the level of `lower`, in a column next to `upper`'s,
/// has nothing above it: then `upper` heads both.
fn has_sibling_below(items: &[Item], upper: usize, lower: usize) -> bool {
    let (u, l) = (&items[upper], &items[lower]);
    let tolerance = 0.3 * l.size;
    items.iter().enumerate().any(|(k, s)| {
        k != lower
            && (s.bbox.top - l.bbox.top).abs() < tolerance
            && (s.last + 1 == u.first || u.last + 1 == s.first)
            && !items.iter().any(|a| {
                a.bbox.bottom <= s.bbox.top + 0.5
                    && a.overlaps_columns(s)
                    && a.bbox.top >= u.bbox.top - tolerance
            })
    })
}

/// A heading with headings under it spans the run of free columns beside
/// it over which it is best centred, at least two (one heading over one
/// other in a column is a heading wrapped in its cell, joined before).
/// Sibling headings side by side do not reach into the runs the others
/// need to stand centred (a heading already centred on its own columns
/// does not take its neighbour's too).
fn spread_over_sub_headings(items: &mut [Item], xs: &[f32], extent: Extent) {
    let needs: Vec<Option<(usize, usize)>> = (0..items.len())
        .map(|i| {
            spanned_run(items, i, xs, extent, Reach::Narrowest, &[])
                .map(|(l, r)| (items[i].first - l, items[i].last + r))
        })
        .collect();
    for i in 0..items.len() {
        let claimed: Vec<(usize, usize)> = needs
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != i && items[k].overlaps_vertically(&items[i]))
            .filter_map(|(_, need)| *need)
            .collect();
        if let Some((l, r)) = spanned_run(items, i, xs, extent, Reach::Widest, &claimed) {
            items[i].first -= l;
            items[i].last += r;
        }
    }
}

/// Of the runs a heading is centred over equally well, the one to take.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reach {
    /// What the heading needs to stand centred.
    Narrowest,
    /// What it heads: a heading is over all of the run it is centred on.
    Widest,
}

/// The run of columns heading `i` heads, as the columns it reaches past its
/// own to the left and right: the free columns beside it over which it is
/// best centred, at least two. A column is free when no heading stands at
/// the heading's height in it, nor in `claimed`, and something stands
/// below; a column whose one heading is set in the header's middle (a cell
/// as high as the header) is not free. None when nothing stands below the
/// heading, or when no such run has its middle under the heading's text: a
/// heading set in its own narrow column is that column's, wrapped over
/// lines, whatever stands beside it.
fn spanned_run(
    items: &[Item],
    i: usize,
    xs: &[f32],
    extent: Extent,
    reach: Reach,
    claimed: &[(usize, usize)],
) -> Option<(usize, usize)> {
    let cols = xs.len() - 1;
    let middle = extent.middle();
    let it = &items[i];
    let below = |c: usize| {
        items
            .iter()
            .any(|o| o.first <= c && c <= o.last && o.bbox.top >= it.bbox.bottom - 0.5)
    };
    if !(it.first..=it.last).any(below) {
        return None;
    }
    let full_height = |c: usize| {
        let mut in_column = items.iter().filter(|o| o.first <= c && c <= o.last);
        match (in_column.next(), in_column.next()) {
            (Some(one), None) => (one.bbox.center().1 - middle).abs() < 0.3 * one.size,
            _ => false,
        }
    };
    // Where the cell of a column's lowest heading starts, were the heading
    // centred in it down to the body.
    let cell_top = |c: usize| {
        items
            .iter()
            .filter(|o| o.first <= c && c <= o.last)
            .max_by(|a, b| a.bbox.bottom.total_cmp(&b.bbox.bottom))
            .map_or(f32::INFINITY, |o| 2.0 * o.bbox.center().1 - extent.body_top)
    };
    let own_top = (it.first..=it.last)
        .map(cell_top)
        .fold(f32::INFINITY, f32::min);
    // A column whose lowest cell starts above the heading's foot, and above
    // the cells under the heading's own columns, stands beside the heading
    // (a cell as high as the levels under the heading's own level and
    // this one), not under it.
    let beside = |c: usize| {
        let start = cell_top(c) + 0.5 * it.size;
        start < it.bbox.bottom && start < own_top
    };
    let free = |c: usize| {
        below(c)
            && !full_height(c)
            && !beside(c)
            && !claimed.iter().any(|&(a, z)| a <= c && c <= z)
            && !items
                .iter()
                .enumerate()
                .any(|(k, o)| k != i && o.first <= c && c <= o.last && o.overlaps_vertically(it))
    };
    let mut left = 0;
    while it.first > left && free(it.first - left - 1) {
        left += 1;
    }
    let mut right = 0;
    while it.last + right + 1 < cols && free(it.last + right + 1) {
        right += 1;
    }
    let centre = it.bbox.center().0;
    let mut runs: Vec<(f32, usize, usize)> = Vec::new();
    for l in 0..=left {
        for r in 0..=right {
            if it.first == it.last && l + r == 0 {
                continue;
            }
            let mid = (xs[it.first - l] + xs[it.last + r + 1]) / 2.0;
            let mut off = (mid - centre).abs();
            if it.first - l == 0 || it.last + r + 1 == cols {
                off = (off - EDGE_TOLERANCE).max(0.0);
            }
            runs.push((off, l, r));
        }
    }
    let least = runs.iter().map(|run| run.0).fold(f32::INFINITY, f32::min);
    let centred = runs
        .into_iter()
        .filter(|run| run.0 <= least + CENTRE_TOLERANCE);
    let width = |run: &(f32, usize, usize)| run.1 + run.2;
    let best = match reach {
        Reach::Narrowest => {
            centred.min_by(|a, b| width(a).cmp(&width(b)).then(a.0.total_cmp(&b.0)))
        }
        Reach::Widest => centred.max_by(|a, b| width(a).cmp(&width(b)).then(b.0.total_cmp(&a.0))),
    };
    // A heading over a run stands over the run's middle.
    let half_width = (it.bbox.x1 - it.bbox.x0) / 2.0;
    best.filter(|&(off, l, r)| l + r > 0 && off <= half_width)
        .map(|(_, l, r)| (l, r))
}

/// Level boundaries between headings over the same columns, and each
/// heading's rows: from the boundary above it (or the top) to the one
/// below it (or the foot).
fn levels(items: Vec<Item>, cols: usize, top: f32, bottom: f32) -> Header {
    let mut cuts: Vec<f32> = Vec::new();
    for a in &items {
        for b in &items {
            if a.overlaps_columns(b) && b.bbox.top >= a.bbox.bottom - 0.5 {
                cuts.push((a.bbox.bottom + b.bbox.top) / 2.0);
            }
        }
    }
    cuts.sort_by(f32::total_cmp);
    let size = items.iter().map(|i| i.size).fold(1.0, f32::max);
    let mut clusters: Vec<Vec<f32>> = Vec::new();
    for c in cuts {
        match clusters.last_mut() {
            Some(cl) if c - cl[cl.len() - 1] <= LEVEL_TOLERANCE * size => cl.push(c),
            _ => clusters.push(vec![c]),
        }
    }
    let mut ys = vec![top];
    ys.extend(
        clusters
            .iter()
            .map(|cl| cl.iter().sum::<f32>() / cl.len() as f32),
    );
    ys.push(bottom);
    // The boundary a cut between two headings was gathered into.
    let boundary_at = |y: f32| {
        (1..ys.len() - 1)
            .min_by(|&a, &b| (ys[a] - y).abs().total_cmp(&(ys[b] - y).abs()))
            .unwrap_or(0)
    };
    let mut headings: Vec<Heading> = items
        .iter()
        .map(|it| {
            let above = items
                .iter()
                .filter(|o| o.overlaps_columns(it) && o.bbox.bottom <= it.bbox.top + 0.5)
                .map(|o| boundary_at((o.bbox.bottom + it.bbox.top) / 2.0))
                .max()
                .unwrap_or(0);
            let below = items
                .iter()
                .filter(|o| o.overlaps_columns(it) && o.bbox.top >= it.bbox.bottom - 0.5)
                .map(|o| boundary_at((it.bbox.bottom + o.bbox.top) / 2.0))
                .min()
                .unwrap_or(ys.len() - 1);
            Heading {
                text: it.text(),
                glyphs: it.glyphs.clone(),
                size: it.size,
                first_col: it.first,
                last_col: it.last,
                row: above,
                row_span: below.saturating_sub(above).max(1),
            }
        })
        .collect();
    // A slot no heading covers gets an empty one, as a blank merged cell.
    let rows = ys.len() - 1;
    for r in 0..rows {
        for c in 0..cols {
            let covered = headings.iter().any(|h| {
                (h.row..h.row + h.row_span).contains(&r) && (h.first_col..=h.last_col).contains(&c)
            });
            if !covered {
                headings.push(Heading {
                    text: String::new(),
                    glyphs: Vec::new(),
                    size: 0.0,
                    first_col: c,
                    last_col: c,
                    row: r,
                    row_span: 1,
                });
            }
        }
    }
    headings.sort_by_key(|h| (h.row, h.first_col));
    Header { ys, headings }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(top: f32, words: &[(&str, f32, f32)]) -> Line {
        let words: Vec<Word> = words
            .iter()
            .map(|&(t, x0, x1)| Word {
                bbox: BBox {
                    x0,
                    top,
                    x1,
                    bottom: top + 9.0,
                },
                glyphs: vec![],
                text: t.into(),
                figure: false,
            })
            .collect();
        Line {
            bbox: words
                .iter()
                .map(|w| w.bbox)
                .reduce(|a, b| a.union(&b))
                .unwrap(),
            size: 9.0,
            text: String::new(),
            words,
        }
    }

    fn paths(h: &Header, cols: usize) -> Vec<Vec<String>> {
        (0..cols)
            .map(|c| {
                let mut v: Vec<(usize, String)> = h
                    .headings
                    .iter()
                    .filter(|x| (x.first_col..=x.last_col).contains(&c) && !x.text.is_empty())
                    .map(|x| (x.row, x.text.clone()))
                    .collect();
                v.sort();
                v.into_iter().map(|x| x.1).collect()
            })
            .collect()
    }

    #[test]
    fn headings_centred_over_sub_headings_span_them() {
        // | 科目名称 (both levels) | 基本支出 over 小计 人员 公用 | 合计 |
        let xs = [0.0, 100.0, 150.0, 200.0, 250.0, 300.0];
        let lines = [
            line(0.0, &[("基本支出", 155.0, 195.0)]),
            line(10.0, &[("科目名称", 20.0, 60.0), ("合计", 265.0, 285.0)]),
            line(
                20.0,
                &[
                    ("小计", 115.0, 135.0),
                    ("人员", 165.0, 185.0),
                    ("公用", 215.0, 235.0),
                ],
            ),
        ];
        let h = read_header(&lines, &xs, -1.0, 31.0);
        assert_eq!(
            paths(&h, 5),
            vec![
                vec!["科目名称".to_string()],
                vec!["基本支出".into(), "小计".into()],
                vec!["基本支出".into(), "人员".into()],
                vec!["基本支出".into(), "公用".into()],
                vec!["合计".into()],
            ]
        );
        let name = h.headings.iter().find(|x| x.text == "科目名称").unwrap();
        assert_eq!((name.row, name.row_span), (0, h.ys.len() - 1));
    }

    #[test]
    fn a_heading_wrapped_in_its_cell_is_one() {
        let xs = [0.0, 50.0, 100.0];
        let lines = [
            line(0.0, &[("单位代", 10.0, 40.0)]),
            line(6.0, &[("名称", 60.0, 80.0)]),
            line(12.0, &[("码", 20.0, 30.0)]),
        ];
        let h = read_header(&lines, &xs, -1.0, 25.0);
        assert_eq!(
            paths(&h, 2),
            vec![vec!["单位代码".to_string()], vec!["名称".to_string()]]
        );
    }

    fn owned(paths: &[&[&str]]) -> Vec<Vec<String>> {
        paths
            .iter()
            .map(|p| p.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_narrow_heading_wrapped_over_many_lines_is_its_own_column() {
        // 财政/专户/收入 one character pair to a line in a narrow column,
        // beside 合计 under 本年收入: it heads nothing.
        let xs = [0.0, 20.0, 60.0, 100.0];
        let lines = [
            line(0.0, &[("本年收入", 45.0, 75.0)]),
            line(12.0, &[("财政", 3.0, 17.0)]),
            line(24.0, &[("专户", 3.0, 17.0)]),
            line(
                36.0,
                &[
                    ("收入", 3.0, 17.0),
                    ("合计", 30.0, 50.0),
                    ("小计", 70.0, 90.0),
                ],
            ),
        ];
        let h = read_header(&lines, &xs, -1.0, 50.0);
        assert_eq!(
            paths(&h, 3),
            owned(&[
                &["财政专户收入"],
                &["本年收入", "合计"],
                &["本年收入", "小计"]
            ])
        );
    }

    #[test]
    fn a_heading_centred_on_its_columns_leaves_its_neighbour_what_it_needs() {
        // 乙 is centred on columns 4-6 and on 3-7 alike; 甲 needs 0-3 to
        // stand centred, so 乙 keeps to 4-6.
        let xs = [0.0, 10.0, 40.0, 50.0, 80.0, 90.0, 100.0, 110.0, 140.0];
        let leaves: Vec<(&str, f32, f32)> = ["一", "二", "三", "四", "五", "六", "七", "八"]
            .iter()
            .zip(xs.windows(2))
            .map(|(t, w)| (*t, (w[0] + w[1]) / 2.0 - 4.0, (w[0] + w[1]) / 2.0 + 4.0))
            .collect();
        let lines = [
            line(0.0, &[("乙", 82.0, 108.0)]),
            line(2.0, &[("甲", 34.0, 46.0)]),
            line(20.0, &leaves),
        ];
        let h = read_header(&lines, &xs, -1.0, 31.0);
        assert_eq!(
            paths(&h, 8),
            owned(&[
                &["甲", "一"],
                &["甲", "二"],
                &["甲", "三"],
                &["甲", "四"],
                &["乙", "五"],
                &["乙", "六"],
                &["乙", "七"],
                &["八"],
            ])
        );
    }

    #[test]
    fn a_cell_as_high_as_the_levels_beside_a_heading_is_not_under_it() {
        // 甲 over 乙 over 丙 丁; 戊 and 己 are cells from under 甲 down to
        // the foot, their text centred there: 乙 is centred over them too,
        // but they start above its foot.
        let xs = [0.0, 20.0, 40.0, 60.0, 80.0];
        let lines = [
            line(0.0, &[("甲", 35.0, 45.0)]),
            line(20.0, &[("乙", 30.0, 50.0)]),
            line(36.0, &[("戊", 5.0, 15.0), ("己", 65.0, 75.0)]),
            line(45.0, &[("丙", 25.0, 35.0), ("丁", 45.0, 55.0)]),
        ];
        let h = read_header(&lines, &xs, -1.0, 61.0);
        assert_eq!(
            paths(&h, 4),
            owned(&[
                &["甲", "戊"],
                &["甲", "乙", "丙"],
                &["甲", "乙", "丁"],
                &["甲", "己"]
            ])
        );
    }

    #[test]
    fn a_wrapped_line_narrower_than_the_first_is_one_heading() {
        let xs = [0.0, 20.0, 40.0, 60.0];
        let lines = [
            line(0.0, &[("政府性基金预", 5.0, 55.0)]),
            line(12.0, &[("算资金", 20.0, 40.0)]),
            line(
                30.0,
                &[
                    ("小计", 2.0, 18.0),
                    ("基金", 22.0, 38.0),
                    ("债券", 42.0, 58.0),
                ],
            ),
        ];
        let h = read_header(&lines, &xs, -1.0, 42.0);
        let fund = "政府性基金预算资金";
        assert_eq!(
            paths(&h, 3),
            owned(&[&[fund, "小计"], &[fund, "基金"], &[fund, "债券"]])
        );
        // Sub-headings side by side under it are not its wrapped lines.
        let lines = [
            line(0.0, &[("基本支出", 5.0, 55.0)]),
            line(
                12.0,
                &[
                    ("合计", 2.0, 18.0),
                    ("人员", 22.0, 38.0),
                    ("公用", 42.0, 58.0),
                ],
            ),
        ];
        let h = read_header(&lines, &xs, -1.0, 24.0);
        assert_eq!(
            paths(&h, 3),
            owned(&[
                &["基本支出", "合计"],
                &["基本支出", "人员"],
                &["基本支出", "公用"]
            ])
        );
    }

    #[test]
    fn headings_set_flush_in_neighbouring_cells_are_cut_after_the_bracket() {
        // Ten characters 10 wide each to a heading; the boundary at 100.
        let xs = [0.0, 100.0, 200.0, 260.0];
        let lines = [line(
            0.0,
            &[
                ("单位编码（项目编码）项目单位（项目名称）", 0.0, 200.0),
                ("部门（单位）名称", 210.0, 250.0),
            ],
        )];
        let h = read_header(&lines, &xs, -1.0, 12.0);
        assert_eq!(
            paths(&h, 3),
            owned(&[
                &["单位编码（项目编码）"],
                &["项目单位（项目名称）"],
                &["部门（单位）名称"]
            ])
        );
    }
}
