//! From edges to cells to table regions (pdfplumber's lattice method): where a
//! horizontal and a vertical edge cross (within `intersection_tolerance`) is
//! an intersection; the smallest rectangle of four connected intersections is
//! a cell; cells sharing corners form one table. A merged cell is a cell whose
//! inner edges are missing, so it comes out as one larger rectangle.

use super::TableSettings;
use super::edges::{Edge, Orientation};
use crate::pdf::BBox;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Positions are compared as integers of 1/100 pt once snapped.
type Key = (i64, i64);

fn key(x: f32, y: f32) -> Key {
    ((x * 100.0).round() as i64, (y * 100.0).round() as i64)
}

/// A vertical and a horizontal edge crossing, at the key of its position.
#[derive(Debug, Clone, Copy)]
struct Cross {
    key: Key,
    vertical: usize,
    horizontal: usize,
}

/// An intersection: the crossings at one key, with the position of the
/// first of them.
#[derive(Debug, Clone, Copy)]
struct Intersection<'c> {
    key: Key,
    x: f32,
    y: f32,
    crossings: &'c [Cross],
}

impl Intersection<'_> {
    fn shares_vertical(&self, other: &Intersection) -> bool {
        self.crossings
            .iter()
            .any(|a| other.crossings.iter().any(|b| a.vertical == b.vertical))
    }

    fn shares_horizontal(&self, other: &Intersection) -> bool {
        self.crossings
            .iter()
            .any(|a| other.crossings.iter().any(|b| a.horizontal == b.horizontal))
    }
}

/// Cells found among the edges, grouped into tables (each a list of cell boxes).
pub fn find_tables(edges: &[Edge], settings: &TableSettings) -> Vec<Vec<BBox>> {
    let crossings = crossings(edges, settings.intersection_tolerance);
    let cells = cells(&intersections(edges, &crossings));
    let groups = join_side_by_side(group(cells), settings.snap_tolerance);
    groups
        .into_iter()
        .filter(|cells| cells.len() >= settings.min_cells)
        .collect()
}

/// Share of the shorter group's height two groups must have in common to be
/// one table drawn in two blocks.
const SIDE_BY_SIDE_OVERLAP: f32 = 0.9;

fn bounds(cells: &[BBox]) -> BBox {
    cells
        .iter()
        .copied()
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default()
}

/// Two groups of cells whose frames touch side by side over (nearly) the
/// same height are one table whose corners did not meet: label columns cut
/// by a page break, drawn a hair higher than the rest.
fn join_side_by_side(mut groups: Vec<Vec<BBox>>, tolerance: f32) -> Vec<Vec<BBox>> {
    let mut i = 0;
    while i < groups.len() {
        let a = bounds(&groups[i]);
        let partner = (0..groups.len()).find(|&j| {
            let b = bounds(&groups[j]);
            let touching = (a.x1 - b.x0).abs() <= tolerance || (b.x1 - a.x0).abs() <= tolerance;
            let overlap = a.bottom.min(b.bottom) - a.top.max(b.top);
            let shorter = a.height().min(b.height());
            j != i
                && touching
                && shorter > 0.0
                && overlap >= shorter * SIDE_BY_SIDE_OVERLAP
                && (a.height() - b.height()).abs() <= tolerance * 2.0
        });
        match partner {
            Some(j) => {
                let other = groups.remove(j);
                let keep = if j < i { i - 1 } else { i };
                groups[keep].extend(other);
                i = 0;
            }
            None => i += 1,
        }
    }
    groups
}

/// Every crossing of a vertical and a horizontal edge (within `tol`), in key
/// order; crossings at one key stay in the order the edges were drawn.
fn crossings(edges: &[Edge], tol: f32) -> Vec<Cross> {
    let (verticals, horizontals): (Vec<usize>, Vec<usize>) =
        (0..edges.len()).partition(|&i| edges[i].orientation == Orientation::Vertical);
    let mut out = Vec::new();
    for &v in &verticals {
        let ve = &edges[v];
        for &h in &horizontals {
            let he = &edges[h];
            if ve.pos >= he.start - tol
                && ve.pos <= he.end + tol
                && he.pos >= ve.start - tol
                && he.pos <= ve.end + tol
            {
                out.push(Cross {
                    key: key(ve.pos, he.pos),
                    vertical: v,
                    horizontal: h,
                });
            }
        }
    }
    // Stable: the first crossing at a key gives the intersection its position.
    out.sort_by_key(|c| c.key);
    out
}

/// The crossings grouped by key into intersections, in key order.
fn intersections<'c>(edges: &[Edge], crossings: &'c [Cross]) -> Vec<Intersection<'c>> {
    crossings
        .chunk_by(|a, b| a.key == b.key)
        .map(|run| Intersection {
            key: run[0].key,
            x: edges[run[0].vertical].pos,
            y: edges[run[0].horizontal].pos,
            crossings: run,
        })
        .collect()
}

/// For each intersection, the smallest cell whose top-left corner it is.
fn cells(points: &[Intersection]) -> Vec<BBox> {
    // The intersections below one are those after it on its x, in key
    // order; those to its right, those after it on its y. Both are runs of
    // one ordering (points are sorted by (x, y); `across` by (y, x)), found
    // by index, not by searching: a page's grid has thousands.
    let down = Runs::new(points.iter().map(|p| p.key.0));
    let mut across: Vec<usize> = (0..points.len()).collect();
    across.sort_by_key(|&i| (points[i].key.1, points[i].key.0));
    let mut rank = vec![0usize; points.len()];
    for (r, &i) in across.iter().enumerate() {
        rank[i] = r;
    }
    let right_of = Runs::new(across.iter().map(|&i| points[i].key.1));
    let mut out = Vec::new();
    for (i, here) in points.iter().enumerate() {
        let right = &across[rank[i] + 1..right_of.end(rank[i])];
        'search: for below in &points[i + 1..down.end(i)] {
            if !here.shares_vertical(below) {
                break;
            }
            for &ri in right {
                let right_pt = &points[ri];
                if !here.shares_horizontal(right_pt) {
                    break;
                }
                if let Ok(ci) =
                    points.binary_search_by_key(&(right_pt.key.0, below.key.1), |p| p.key)
                    && let corner = &points[ci]
                    && corner.shares_vertical(right_pt)
                    && corner.shares_horizontal(below)
                {
                    out.push(BBox {
                        x0: here.x,
                        top: here.y,
                        x1: right_pt.x,
                        bottom: below.y,
                    });
                    break 'search;
                }
            }
        }
    }
    out
}

/// Where each position's run of equal values ends, in a sequence.
struct Runs {
    ends: Vec<usize>,
}

impl Runs {
    fn new(values: impl ExactSizeIterator<Item = i64>) -> Runs {
        let mut ends = vec![0; values.len()];
        let mut start = 0;
        let mut previous = None;
        for (i, v) in values.enumerate() {
            if previous.is_some_and(|p| p != v) {
                ends[start..i].fill(i);
                start = i;
            }
            previous = Some(v);
        }
        let len = ends.len();
        ends[start..].fill(len);
        Runs { ends }
    }

    /// The end of the run position `i` is in.
    fn end(&self, i: usize) -> usize {
        self.ends[i]
    }
}

/// Cells that share a corner belong to one table.
fn group(cells: Vec<BBox>) -> Vec<Vec<BBox>> {
    let mut parent: Vec<usize> = (0..cells.len()).collect();
    fn find(parent: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while parent[r] != r {
            r = parent[r];
        }
        let mut i = i;
        while parent[i] != r {
            let next = parent[i];
            parent[i] = r;
            i = next;
        }
        r
    }
    // Room for every corner: most are shared, none is inserted twice.
    let mut owner: FxHashMap<Key, usize> =
        FxHashMap::with_capacity_and_hasher(cells.len() * 4, Default::default());
    for (i, c) in cells.iter().enumerate() {
        for corner in [
            key(c.x0, c.top),
            key(c.x1, c.top),
            key(c.x0, c.bottom),
            key(c.x1, c.bottom),
        ] {
            match owner.get(&corner) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a] = b;
                }
                None => {
                    owner.insert(corner, i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<BBox>> = BTreeMap::new();
    for (i, c) in cells.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(*c);
    }
    let mut tables: Vec<Vec<BBox>> = groups.into_values().collect();
    tables.sort_by(|a, b| {
        let ta = a.iter().map(|c| c.top).fold(f32::INFINITY, f32::min);
        let tb = b.iter().map(|c| c.top).fold(f32::INFINITY, f32::min);
        ta.total_cmp(&tb)
    });
    tables
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, a: f32, b: f32) -> Edge {
        Edge {
            orientation: Orientation::Horizontal,
            pos: y,
            start: a,
            end: b,
        }
    }
    fn v(x: f32, a: f32, b: f32) -> Edge {
        Edge {
            orientation: Orientation::Vertical,
            pos: x,
            start: a,
            end: b,
        }
    }

    #[test]
    fn a_merged_cell_is_one_rectangle() {
        // 2×2 grid whose top row is one merged cell (no inner vertical on top).
        let edges = vec![
            h(0.0, 0.0, 20.0),
            h(10.0, 0.0, 20.0),
            h(20.0, 0.0, 20.0),
            v(0.0, 0.0, 20.0),
            v(20.0, 0.0, 20.0),
            v(10.0, 10.0, 20.0),
        ];
        let tables = find_tables(&edges, &TableSettings::default());
        assert_eq!(tables.len(), 1);
        let mut cells = tables[0].clone();
        cells.sort_by(|a, b| (a.top, a.x0).partial_cmp(&(b.top, b.x0)).unwrap());
        assert_eq!(cells.len(), 3);
        assert_eq!((cells[0].x0, cells[0].x1), (0.0, 20.0));
        assert_eq!((cells[1].x0, cells[1].x1, cells[2].x0), (0.0, 10.0, 10.0));
    }

    #[test]
    fn runs_end_where_the_value_changes() {
        let runs = Runs::new([3, 3, 5, 7, 7, 7].into_iter());
        let ends: Vec<usize> = (0..6).map(|i| runs.end(i)).collect();
        assert_eq!(ends, [2, 2, 3, 6, 6, 6]);
        assert_eq!(Runs::new(std::iter::empty()).ends, Vec::<usize>::new());
    }
}
