//! Path construction (m, l, c, v, y, h, re) in user space with the CTM applied.
//! The interpreter hands finished paths to the device when they are painted.
//!
//! A table's page paints thousands of paths of a few segments each, so a
//! path's subpaths are spans of one list of segments, kept from one path to
//! the next: building and painting a path allocates nothing.

/// One piece of a subpath.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub to: (f32, f32),
    /// A Bézier curve (only its end point is kept; tables are drawn with lines).
    pub curve: bool,
}

/// One subpath of a path being painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Subpath<'a> {
    pub start: (f32, f32),
    pub segments: &'a [Segment],
    pub closed: bool,
}

impl Subpath<'_> {
    /// All corner points, start included.
    pub fn points(&self) -> impl Iterator<Item = (f32, f32)> + '_ {
        std::iter::once(self.start).chain(self.segments.iter().map(|s| s.to))
    }

    /// The straight segments, with the closing one when closed.
    pub fn straight_segments(&self) -> impl Iterator<Item = ((f32, f32), (f32, f32))> + '_ {
        let ends = self.segments.iter().map(|s| s.to);
        let froms = std::iter::once(self.start).chain(ends.clone());
        let open = froms
            .zip(self.segments)
            .filter(|(_, seg)| !seg.curve)
            .map(|(from, seg)| (from, seg.to));
        let last = self.segments.last().map_or(self.start, |s| s.to);
        let closing = (self.closed && last != self.start).then_some((last, self.start));
        open.chain(closing)
    }
}

/// A path being painted, as the device sees it.
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    subpaths: &'a [SubpathEntry],
    segments: &'a [Segment],
}

impl<'a> Path<'a> {
    /// Its subpaths, in the order they were begun.
    pub fn subpaths(self) -> impl Iterator<Item = Subpath<'a>> + 'a {
        self.subpaths.iter().map(move |sp| Subpath {
            start: sp.start,
            segments: &self.segments[sp.first..sp.end],
            closed: sp.closed,
        })
    }
}

/// Paths are capped so a hostile stream cannot grow one without bound.
const MAX_SEGMENTS: usize = 1_000_000;

/// Where a subpath starts, its segments' span of the path's list, and
/// whether it was closed.
#[derive(Debug, Clone, Copy)]
struct SubpathEntry {
    start: (f32, f32),
    first: usize,
    end: usize,
    closed: bool,
}

#[derive(Debug, Default)]
pub struct PathBuilder {
    subpaths: Vec<SubpathEntry>,
    segments: Vec<Segment>,
    current: (f32, f32),
    count: usize,
}

impl PathBuilder {
    pub fn move_to(&mut self, p: (f32, f32)) {
        if self.count >= MAX_SEGMENTS {
            return;
        }
        self.count += 1;
        self.start_subpath(p);
        self.current = p;
    }

    pub fn line_to(&mut self, p: (f32, f32)) {
        self.push(p, false);
    }

    pub fn curve_to(&mut self, p: (f32, f32)) {
        self.push(p, true);
    }

    pub fn close(&mut self) {
        if let Some(sp) = self.subpaths.last_mut() {
            sp.closed = true;
            self.current = sp.start;
        }
    }

    /// `re`: a closed four-corner subpath (corners already in device space).
    pub fn rect(&mut self, corners: [(f32, f32); 4]) {
        self.move_to(corners[0]);
        for &c in &corners[1..] {
            self.line_to(c);
        }
        self.close();
    }

    pub fn current(&self) -> (f32, f32) {
        self.current
    }

    pub fn is_empty(&self) -> bool {
        self.subpaths.is_empty()
    }

    /// The path built so far, to paint.
    pub fn path(&self) -> Path<'_> {
        Path {
            subpaths: &self.subpaths,
            segments: &self.segments,
        }
    }

    /// Segments counted as painting weighs them: a subpath without any
    /// counts as one.
    pub fn weight(&self) -> usize {
        self.subpaths.iter().map(|s| (s.end - s.first).max(1)).sum()
    }

    /// Ends the path (painted or not) and starts an empty one.
    pub fn clear(&mut self) {
        self.count = 0;
        self.subpaths.clear();
        self.segments.clear();
    }

    fn start_subpath(&mut self, start: (f32, f32)) {
        let at = self.segments.len();
        self.subpaths.push(SubpathEntry {
            start,
            first: at,
            end: at,
            closed: false,
        });
    }

    fn push(&mut self, p: (f32, f32), curve: bool) {
        if self.count >= MAX_SEGMENTS {
            return;
        }
        self.count += 1;
        let Some(last) = self.subpaths.last() else {
            // A segment without a current point starts one where it is.
            self.move_to(p);
            return;
        };
        if last.closed {
            // After h, a new segment starts a new subpath at the start point.
            let start = last.start;
            self.start_subpath(start);
        }
        self.segments.push(Segment { to: p, curve });
        if let Some(sp) = self.subpaths.last_mut() {
            sp.end = self.segments.len();
        }
        self.current = p;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subpaths_keep_their_own_segments() {
        let mut path = PathBuilder::default();
        path.rect([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]);
        // After h a segment starts a new subpath at the closed one's start.
        path.line_to((5.0, 5.0));
        path.move_to((9.0, 9.0));
        path.curve_to((8.0, 8.0));
        path.line_to((7.0, 9.0));
        let subpaths: Vec<Subpath> = path.path().subpaths().collect();
        assert_eq!(subpaths.len(), 3);
        assert_eq!(subpaths[0].points().count(), 4);
        assert!(subpaths[0].closed);
        assert_eq!(
            subpaths[0].straight_segments().last(),
            Some(((0.0, 1.0), (0.0, 0.0)))
        );
        assert_eq!(subpaths[1].start, (0.0, 0.0));
        assert_eq!(
            subpaths[1].points().collect::<Vec<_>>(),
            vec![(0.0, 0.0), (5.0, 5.0)]
        );
        // The curve is not a straight segment; the line after it starts at its end.
        assert_eq!(
            subpaths[2].straight_segments().collect::<Vec<_>>(),
            vec![((8.0, 8.0), (7.0, 9.0))]
        );
        assert_eq!(path.weight(), 3 + 1 + 2);
        path.clear();
        assert!(path.is_empty());
        path.line_to((1.0, 1.0));
        assert_eq!(path.path().subpaths().count(), 1);
        assert_eq!(path.path().subpaths().next().unwrap().segments.len(), 0);
    }
}
