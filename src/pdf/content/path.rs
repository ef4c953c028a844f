//! Path construction (m, l, c, v, y, h, re) in user space with the CTM applied.
//! The interpreter hands finished paths to the device when they are painted.

/// One piece of a subpath.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub to: (f32, f32),
    /// A Bézier curve (only its end point is kept; tables are drawn with lines).
    pub curve: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Subpath {
    pub start: (f32, f32),
    pub segments: Vec<Segment>,
    pub closed: bool,
}

impl Subpath {
    /// All corner points, start included.
    pub fn points(&self) -> impl Iterator<Item = (f32, f32)> + '_ {
        std::iter::once(self.start).chain(self.segments.iter().map(|s| s.to))
    }

    /// The straight segments, with the closing one when closed.
    pub fn straight_segments(&self) -> Vec<((f32, f32), (f32, f32))> {
        let mut out = Vec::new();
        let mut from = self.start;
        for seg in &self.segments {
            if !seg.curve {
                out.push((from, seg.to));
            }
            from = seg.to;
        }
        if self.closed && from != self.start {
            out.push((from, self.start));
        }
        out
    }
}

/// Paths are capped so a hostile stream cannot grow one without bound.
const MAX_SEGMENTS: usize = 1_000_000;

#[derive(Debug, Default)]
pub struct PathBuilder {
    pub subpaths: Vec<Subpath>,
    current: (f32, f32),
    count: usize,
}

impl PathBuilder {
    pub fn move_to(&mut self, p: (f32, f32)) {
        if self.count >= MAX_SEGMENTS {
            return;
        }
        self.count += 1;
        self.subpaths.push(Subpath {
            start: p,
            segments: Vec::new(),
            closed: false,
        });
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

    pub fn take(&mut self) -> Vec<Subpath> {
        self.count = 0;
        std::mem::take(&mut self.subpaths)
    }

    fn push(&mut self, p: (f32, f32), curve: bool) {
        if self.count >= MAX_SEGMENTS {
            return;
        }
        self.count += 1;
        if self.subpaths.is_empty() {
            // A segment without a current point starts one where it is.
            self.move_to(p);
            return;
        }
        if let Some(sp) = self.subpaths.last_mut() {
            if sp.closed {
                // After h, a new segment starts a new subpath at the start point.
                let start = sp.start;
                self.subpaths.push(Subpath {
                    start,
                    segments: Vec::new(),
                    closed: false,
                });
            }
        }
        if let Some(sp) = self.subpaths.last_mut() {
            sp.segments.push(Segment { to: p, curve });
        }
        self.current = p;
    }
}
