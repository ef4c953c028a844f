//! Edges: the ruling lines a lattice table is drawn with, from a page's
//! stroked lines, rectangle outlines and thin filled rectangles (Excel and WPS
//! draw grid lines that way). Edges close in position are snapped together
//! and collinear pieces joined (pdfplumber's `snap_tolerance`,
//! `join_tolerance`); what is left shorter than `edge_min_length` is dropped.

use super::TableSettings;
use crate::pdf::{BBox, Page};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Orientation {
    Horizontal,
    Vertical,
}

/// An axis-aligned ruling line: at `pos` (y for horizontal, x for vertical),
/// from `start` to `end` along its length.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub orientation: Orientation,
    pub pos: f32,
    pub start: f32,
    pub end: f32,
}

impl Edge {
    fn new(orientation: Orientation, pos: f32, a: f32, b: f32) -> Edge {
        Edge {
            orientation,
            pos,
            start: a.min(b),
            end: a.max(b),
        }
    }
    pub fn length(&self) -> f32 {
        self.end - self.start
    }
}

/// Fills this light are backgrounds (white boxes), not rules.
fn is_background(rgb: [f32; 3]) -> bool {
    rgb.iter().all(|&c| c > 0.9)
}

/// Every edge the page's graphics draw, snapped and joined.
pub fn page_edges(page: &Page, settings: &TableSettings) -> Vec<Edge> {
    let mut raw = Vec::new();
    let tilt = settings.line_tilt_tolerance;
    for line in &page.lines {
        if (line.y0 - line.y1).abs() <= tilt {
            raw.push(Edge::new(
                Orientation::Horizontal,
                (line.y0 + line.y1) / 2.0,
                line.x0,
                line.x1,
            ));
        } else if (line.x0 - line.x1).abs() <= tilt {
            raw.push(Edge::new(
                Orientation::Vertical,
                (line.x0 + line.x1) / 2.0,
                line.y0,
                line.y1,
            ));
        }
    }
    let page_area = page.width * page.height;
    for rect in &page.rects {
        let b = rect.bbox;
        if !rect.stroke && rect.fill && is_background(rect.fill_rgb) {
            continue;
        }
        if b.width() * b.height() > 0.8 * page_area {
            continue;
        }
        let thin = settings.max_rule_thickness;
        if b.height() <= thin && b.width() > b.height() {
            let y = (b.top + b.bottom) / 2.0;
            raw.push(Edge::new(Orientation::Horizontal, y, b.x0, b.x1));
        } else if b.width() <= thin && b.height() > b.width() {
            let x = (b.x0 + b.x1) / 2.0;
            raw.push(Edge::new(Orientation::Vertical, x, b.top, b.bottom));
        } else if b.width() > thin && b.height() > thin {
            raw.extend(rect_outline(&b));
        }
    }
    let mut edges = Vec::new();
    for orientation in [Orientation::Horizontal, Orientation::Vertical] {
        let mut group: Vec<Edge> = raw
            .iter()
            .filter(|e| e.orientation == orientation)
            .copied()
            .collect();
        snap(&mut group, settings.snap_tolerance);
        edges.extend(
            join(group, settings.join_tolerance)
                .into_iter()
                .filter(|e| e.length() >= settings.edge_min_length),
        );
    }
    let closing = open_ends(&edges, settings.snap_tolerance);
    edges.extend(closing);
    edges
}

/// Rules that stop together with no rule across them: a table cut by the page
/// edge, whose rows on the next page have no top border (it was drawn on the
/// previous page, or outside this one), or a merged cell split by a page
/// break. Where two neighbouring vertical rules both end at the same height,
/// nothing crosses between them there, and rules do cross between them
/// elsewhere (it is a grid column), the missing piece of rule is added.
fn open_ends(edges: &[Edge], tolerance: f32) -> Vec<Edge> {
    let verticals: Vec<&Edge> = edges
        .iter()
        .filter(|e| e.orientation == Orientation::Vertical)
        .collect();
    let horizontals: Vec<&Edge> = edges
        .iter()
        .filter(|e| e.orientation == Orientation::Horizontal)
        .collect();
    let mut ends: Vec<f32> = verticals.iter().flat_map(|e| [e.start, e.end]).collect();
    ends.sort_by(f32::total_cmp);
    ends.dedup_by(|a, b| (*a - *b).abs() <= tolerance);
    let mut out = Vec::new();
    for y in ends {
        // Vertical rules at this height, and whether each ends here.
        let mut at: Vec<(f32, bool)> = verticals
            .iter()
            .filter(|e| e.start - tolerance <= y && e.end + tolerance >= y)
            .map(|e| {
                (
                    e.pos,
                    (e.start - y).abs() <= tolerance || (e.end - y).abs() <= tolerance,
                )
            })
            .collect();
        at.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Each neighbouring pair: may a rule be added (both end here, none
        // crosses), is it a grid column, is it already crossed here.
        let pairs: Vec<(f32, f32, bool, bool, bool)> = at
            .windows(2)
            .map(|pair| {
                let ((x0, ends0), (x1, ends1)) = (pair[0], pair[1]);
                let crossed = horizontals.iter().any(|h| {
                    (h.pos - y).abs() <= tolerance
                        && h.start < x1 - tolerance
                        && h.end > x0 + tolerance
                });
                let open = ends0 && ends1 && x1 - x0 > tolerance && !crossed;
                (
                    x0,
                    x1,
                    open,
                    is_grid_column(&horizontals, x0, x1, tolerance),
                    crossed,
                )
            })
            .collect();
        // A run of open pairs is closed when one of them is a grid column,
        // or when a rule crosses at this height right beside the run (the
        // rule runs on over label columns cut by the page break).
        let mut i = 0;
        while i < pairs.len() {
            if !pairs[i].2 {
                i += 1;
                continue;
            }
            let start = i;
            while i < pairs.len() && pairs[i].2 {
                i += 1;
            }
            let run = &pairs[start..i];
            let beside_rule =
                (start > 0 && pairs[start - 1].4) || pairs.get(i).is_some_and(|p| p.4);
            if beside_rule || run.iter().any(|p| p.3) {
                out.extend(
                    run.iter()
                        .filter(|p| beside_rule || p.3)
                        .map(|p| Edge::new(Orientation::Horizontal, y, p.0, p.1)),
                );
            }
        }
    }
    out
}

/// A grid column: rules cross it elsewhere, or it is a merged column beside
/// a ruled one (one of its sides meets three rules).
fn is_grid_column(horizontals: &[&Edge], x0: f32, x1: f32, tolerance: f32) -> bool {
    let covers = |h: &&&Edge| h.start <= x0 + tolerance && h.end >= x1 - tolerance;
    let meets = |x: f32| {
        horizontals
            .iter()
            .filter(|h| h.start <= x + tolerance && h.end >= x - tolerance)
            .count()
    };
    horizontals.iter().filter(covers).count() >= 2 || meets(x0).max(meets(x1)) >= 3
}

fn rect_outline(b: &BBox) -> [Edge; 4] {
    [
        Edge::new(Orientation::Horizontal, b.top, b.x0, b.x1),
        Edge::new(Orientation::Horizontal, b.bottom, b.x0, b.x1),
        Edge::new(Orientation::Vertical, b.x0, b.top, b.bottom),
        Edge::new(Orientation::Vertical, b.x1, b.top, b.bottom),
    ]
}

/// Edges whose positions lie within `tolerance` of each other (chained) move
/// to the cluster's mean position.
fn snap(edges: &mut [Edge], tolerance: f32) {
    edges.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut start = 0;
    while start < edges.len() {
        let mut end = start + 1;
        while end < edges.len() && edges[end].pos - edges[end - 1].pos <= tolerance {
            end += 1;
        }
        let mean = edges[start..end].iter().map(|e| e.pos).sum::<f32>() / (end - start) as f32;
        for e in &mut edges[start..end] {
            e.pos = mean;
        }
        start = end;
    }
}

/// Collinear edges that overlap or nearly touch become one.
fn join(mut edges: Vec<Edge>, tolerance: f32) -> Vec<Edge> {
    edges.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.start.total_cmp(&b.start)));
    let mut out: Vec<Edge> = Vec::with_capacity(edges.len());
    for e in edges {
        match out.last_mut() {
            Some(last) if last.pos == e.pos && e.start <= last.end + tolerance => {
                last.end = last.end.max(e.end);
            }
            _ => out.push(e),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::{Line, Rect};

    #[test]
    fn a_grid_cut_by_the_page_edge_is_closed() {
        // Three verticals from y=0 to 40 and rules at 20 and 40 only: the top is open.
        let mut edges: Vec<Edge> = [0.0, 50.0, 100.0]
            .iter()
            .map(|&x| Edge::new(Orientation::Vertical, x, 0.0, 40.0))
            .collect();
        edges.push(Edge::new(Orientation::Horizontal, 20.0, 0.0, 100.0));
        assert!(
            open_ends(&edges, 3.0).is_empty(),
            "one rule across is not yet a grid"
        );
        edges.push(Edge::new(Orientation::Horizontal, 40.0, 0.0, 100.0));
        let added = open_ends(&edges, 3.0);
        let pieces: Vec<(f32, f32, f32)> = added.iter().map(|e| (e.pos, e.start, e.end)).collect();
        assert_eq!(pieces, vec![(0.0, 0.0, 50.0), (0.0, 50.0, 100.0)]);
    }

    #[test]
    fn thin_filled_rects_and_lines_become_joined_edges() {
        let mut page = Page {
            width: 600.0,
            height: 800.0,
            ..Page::default()
        };
        // Two pieces of one horizontal rule, one drawn as a thin filled rect.
        page.lines.push(Line {
            x0: 10.0,
            y0: 100.0,
            x1: 50.0,
            y1: 100.0,
            width: 0.5,
        });
        page.rects.push(Rect {
            bbox: BBox {
                x0: 51.0,
                top: 99.6,
                x1: 90.0,
                bottom: 100.4,
            },
            stroke: false,
            fill: true,
            line_width: 0.0,
            fill_rgb: [0.0; 3],
        });
        // A white background box is not a rule.
        page.rects.push(Rect {
            bbox: BBox {
                x0: 0.0,
                top: 0.0,
                x1: 100.0,
                bottom: 50.0,
            },
            stroke: false,
            fill: true,
            line_width: 0.0,
            fill_rgb: [1.0; 3],
        });
        let edges = page_edges(&page, &TableSettings::default());
        assert_eq!(edges.len(), 1, "{edges:?}");
        assert_eq!((edges[0].start, edges[0].end), (10.0, 90.0));
        assert!((edges[0].pos - 100.0).abs() < 0.01);
    }
}
