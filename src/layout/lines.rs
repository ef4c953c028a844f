//! Gathering glyphs into text lines.
//!
//! Each writing direction is handled in its own upright frame (text rotated on
//! the page reads left to right there). In that frame glyphs are sorted by
//! vertical centre and swept into lines: a glyph joins the current line when
//! their vertical extents overlap by at least `line_overlap` of the smaller.
//! Duplicate glyphs drawn on top of each other (fake bold) are kept once.

use super::join::{JoinSettings, gap_is_space, normalize_whitespace, whitespace_normalized};
use crate::pack::{Pack, Packer, Unpacker};
use crate::pdf::{BBox, Glyph, Page};

/// Tolerances of line building, each a named setting.
#[derive(Debug, Clone, Copy)]
pub struct LayoutSettings {
    /// Least vertical overlap, as a fraction of the smaller glyph height, for
    /// two glyphs to share a line.
    pub line_overlap: f32,
    /// Two identical glyphs whose boxes are this close (fraction of size) are one.
    pub duplicate_tolerance: f32,
    pub join: JoinSettings,
}

impl Default for LayoutSettings {
    fn default() -> Self {
        LayoutSettings {
            line_overlap: 0.5,
            duplicate_tolerance: 0.15,
            join: JoinSettings::default(),
        }
    }
}

/// One line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// In page space.
    pub bbox: BBox,
    pub text: String,
    /// Indices into the page's glyphs, in reading order.
    pub glyphs: Vec<usize>,
    pub direction: u16,
    /// Median font size.
    pub size: f32,
}

impl Pack for TextLine {
    fn pack(&self, packer: &mut Packer) {
        self.bbox.pack(packer);
        packer.f32(self.size);
        packer.str(&self.text);
        packer.usize(usize::from(self.direction));
        packer.usize(self.glyphs.len());
        self.glyphs.iter().for_each(|&g| packer.usize(g));
    }

    fn unpack(unpacker: &mut Unpacker<'_>) -> TextLine {
        let bbox = BBox::unpack(unpacker);
        let size = unpacker.f32();
        let text = unpacker.str().to_string();
        // Packed from a u16.
        let direction = unpacker.usize() as u16;
        let glyphs = (0..unpacker.usize()).map(|_| unpacker.usize()).collect();
        TextLine {
            bbox,
            text,
            glyphs,
            direction,
            size,
        }
    }
}

/// A glyph seen in its upright frame.
#[derive(Debug, Clone, Copy)]
struct Upright {
    index: usize,
    x0: f32,
    x1: f32,
    top: f32,
    bottom: f32,
    /// The vertical centre, then the left edge, as one integer ordered as
    /// [`f32::total_cmp`] orders them: lines are swept in its order.
    sweep_key: u64,
}

/// Page space → upright frame for a writing direction.
fn upright_box(b: &BBox, direction: u16) -> (f32, f32, f32, f32) {
    match direction {
        90 => (b.top, b.bottom, -b.x1, -b.x0),
        180 => (-b.x1, -b.x0, -b.bottom, -b.top),
        270 => (-b.bottom, -b.top, b.x0, b.x1),
        _ => (b.x0, b.x1, b.top, b.bottom),
    }
}

/// The page's text lines: the main direction's lines top to bottom first,
/// then lines of other directions.
pub fn text_lines(page: &Page, settings: &LayoutSettings) -> Vec<TextLine> {
    lines_of(page, 0..page.glyphs.len(), settings)
}

/// Text lines of some of the page's glyphs (e.g. those outside every table).
pub fn lines_of(
    page: &Page,
    indices: impl IntoIterator<Item = usize>,
    settings: &LayoutSettings,
) -> Vec<TextLine> {
    let mut glyphs = Vec::new();
    let mut out = Vec::new();
    for_each_line(
        page,
        indices,
        settings,
        &mut glyphs,
        |members, direction| {
            out.push(make_line(page, members, direction, settings));
        },
    );
    out
}

/// Buffers that [`line_texts_of`] fills and empties on every call: a caller
/// laying out many small groups of glyphs (a table's cells) allocates them
/// once.
#[derive(Debug, Default)]
pub struct LineScratch {
    glyphs: Vec<(usize, Upright)>,
    text: String,
    kept: Vec<usize>,
}

/// The text of each line of some of the page's glyphs, with its median font
/// size, in [`lines_of`]'s order and as its lines read: for callers that want
/// the text only (a table cell's), without each line's glyph list and box.
pub fn line_texts_of(
    page: &Page,
    indices: impl IntoIterator<Item = usize>,
    settings: &LayoutSettings,
    scratch: &mut LineScratch,
    mut each: impl FnMut(&str, f32),
) {
    let LineScratch { glyphs, text, kept } = scratch;
    for_each_line(page, indices, settings, glyphs, |members, _| {
        text.clear();
        kept.clear();
        push_line_text(page, members, settings, text, |index, _| kept.push(index));
        each(&whitespace_normalized(text), median_size(page, kept));
    });
}

/// Sorts the glyphs into lines in `glyphs` (a buffer, emptied first) and
/// hands each line's members, left to right, with its direction, to `line`.
fn for_each_line(
    page: &Page,
    indices: impl IntoIterator<Item = usize>,
    settings: &LayoutSettings,
    glyphs: &mut Vec<(usize, Upright)>,
    mut line: impl FnMut(&[(usize, Upright)], u16),
) {
    let indices = indices.into_iter();
    glyphs.clear();
    // One buffer for every direction's glyphs, sorted into runs of lines in
    // place: a cell's few glyphs cost a handful of allocations, not one per
    // line and direction.
    // Room for as many as may come (a filter's upper bound), never more than
    // the page holds.
    let room = match indices.size_hint() {
        (_, Some(upper)) => upper,
        (lower, None) => lower,
    };
    glyphs.reserve(room.min(page.glyphs.len()));
    let mut counts = [0usize; 4];
    for index in indices {
        let Some(g) = page.glyphs.get(index) else {
            continue;
        };
        let (x0, x1, top, bottom) = upright_box(&g.bbox, g.direction);
        let d = usize::from(g.direction / 90) % 4;
        counts[d] += 1;
        glyphs.push((
            d,
            Upright {
                index,
                x0,
                x1,
                top,
                bottom,
                sweep_key: u64::from(total_order_bits((top + bottom) / 2.0)) << 32
                    | u64::from(total_order_bits(x0)),
            },
        ));
    }
    // The direction with the most glyphs first (the lower on a tie).
    let mut order = [0usize, 1, 2, 3];
    order.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(a.cmp(&b)));
    let mut rank = [0usize; 4];
    for (r, &d) in order.iter().enumerate() {
        rank[d] = r;
    }
    // By direction, then by vertical centre and left edge, as the sweep
    // reads them (a stable sort keeps content order among equals). Most
    // pages and cells hold one direction: their key is the sweep's alone.
    if counts.iter().filter(|&&n| n > 0).count() <= 1 {
        glyphs.sort_by_key(|(_, u)| u.sweep_key);
    } else {
        glyphs.sort_by_key(|(d, u)| (rank[*d], u.sweep_key));
    }
    let mut start = 0;
    while start < glyphs.len() {
        let d = glyphs[start].0;
        let end = start + glyphs[start..].iter().take_while(|(e, _)| *e == d).count();
        sweep_lines(&mut glyphs[start..end], settings, |members| {
            line(members, d as u16 * 90);
        });
        start = end;
    }
}

/// A float's bits as an integer that orders as [`f32::total_cmp`] does.
fn total_order_bits(v: f32) -> u32 {
    let bits = v.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

/// Cuts glyphs sorted by vertical centre into lines, sorts each left to
/// right in place, and hands each to `line` in turn.
fn sweep_lines(
    glyphs: &mut [(usize, Upright)],
    settings: &LayoutSettings,
    mut line: impl FnMut(&[(usize, Upright)]),
) {
    let mut start = 0;
    while start < glyphs.len() {
        let first = glyphs[start].1;
        let band = (first.top, first.bottom);
        let joins = |g: &Upright| {
            let overlap = band.1.min(g.bottom) - band.0.max(g.top);
            let smaller = (band.1 - band.0).min(g.bottom - g.top).max(0.01);
            overlap >= settings.line_overlap * smaller
        };
        let end = start
            + 1
            + glyphs[start + 1..]
                .iter()
                .take_while(|(_, g)| joins(g))
                .count();
        let members = &mut glyphs[start..end];
        members.sort_by(|a, b| a.1.x0.total_cmp(&b.1.x0));
        line(members);
        start = end;
    }
}

fn make_line(
    page: &Page,
    members: &[(usize, Upright)],
    direction: u16,
    settings: &LayoutSettings,
) -> TextLine {
    // The glyphs' bytes and a few spaces: the line's text is kept to the
    // end of the document, so its capacity should be what it holds.
    let bytes: usize = members
        .iter()
        .map(|(_, u)| page.glyphs[u.index].text.len())
        .sum();
    let mut text = String::with_capacity(bytes + 4);
    let mut kept: Vec<usize> = Vec::with_capacity(members.len());
    let mut bbox: Option<BBox> = None;
    push_line_text(page, members, settings, &mut text, |index, glyph| {
        kept.push(index);
        bbox = Some(bbox.map_or(glyph.bbox, |b| b.union(&glyph.bbox)));
    });
    TextLine {
        bbox: bbox.unwrap_or_default(),
        text: normalize_whitespace(text),
        size: median_size(page, &kept),
        glyphs: kept,
        direction,
    }
}

/// Writes a line's glyphs, left to right, onto `text` (spaces where the gaps
/// read as spaces, fake-bold duplicates once), and hands each glyph kept, by
/// index, to `kept`. The text is not yet normalised.
fn push_line_text(
    page: &Page,
    members: &[(usize, Upright)],
    settings: &LayoutSettings,
    text: &mut String,
    mut kept: impl FnMut(usize, &Glyph),
) {
    // The last glyph kept, where it stands, and its last character.
    let mut prev: Option<(Upright, &Glyph, char)> = None;
    for &(_, u) in members {
        let glyph = &page.glyphs[u.index];
        if let Some((p, pg, last)) = prev {
            let size = glyph.size.min(pg.size).max(1.0);
            if (u.x0 - p.x0).abs() < settings.duplicate_tolerance * size && pg.text == glyph.text {
                continue;
            }
            let next = glyph.text.chars().next().unwrap_or(' ');
            if gap_is_space(last, next, u.x0 - p.x1, size, &settings.join) {
                text.push(' ');
            }
        }
        text.push_str(&glyph.text);
        kept(u.index, glyph);
        prev = Some((u, glyph, glyph.text.chars().last().unwrap_or(' ')));
    }
}

/// The median of the glyphs' font sizes (the upper of the two middle ones).
fn median_size(page: &Page, glyphs: &[usize]) -> f32 {
    // Most lines are short: their sizes are sorted on the stack.
    const ON_STACK: usize = 64;
    let mut stack = [0f32; ON_STACK];
    let mut heap = Vec::new();
    let sizes: &mut [f32] = if glyphs.len() <= ON_STACK {
        &mut stack[..glyphs.len()]
    } else {
        heap.resize(glyphs.len(), 0.0);
        &mut heap
    };
    for (size, &i) in sizes.iter_mut().zip(glyphs) {
        *size = page.glyphs[i].size;
    }
    let Some(&first) = sizes.first() else {
        return 0.0;
    };
    // Most lines are set in one size: it is their median.
    if sizes.iter().all(|s| s.to_bits() == first.to_bits()) {
        return first;
    }
    let middle = sizes.len() / 2;
    *sizes.select_nth_unstable_by(middle, f32::total_cmp).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_unpack_as_packed() {
        use crate::pack::Packed;
        let line = |text: &str, glyphs: Vec<usize>, direction| TextLine {
            bbox: BBox::from_corners(72.0, 700.25, 523.5, -3.0),
            text: text.to_string(),
            glyphs,
            direction,
            size: 10.5,
        };
        let lines = vec![
            line("", Vec::new(), 0),
            line("2025年部门预算公开目录", vec![3, 1 << 20, 0], 270),
        ];
        assert_eq!(Packed::<TextLine>::new(&lines).unpack(), lines);
        assert!(Packed::<TextLine>::new(&[]).unpack().is_empty());
    }

    fn glyph(text: &str, x: f32, top: f32, size: f32) -> Glyph {
        Glyph {
            text: text.into(),
            bbox: BBox {
                x0: x,
                top,
                x1: x + size,
                bottom: top + size,
            },
            origin: (x, top + size),
            size,
            font: 0,
            direction: 0,
            invisible: false,
            confidence: None,
        }
    }

    #[test]
    fn lines_in_reading_order_with_cjk_joining() {
        let mut page = Page::default();
        // Second line first in content order; within a line, out of order.
        page.glyphs.push(glyph("合", 100.0, 40.0, 10.0));
        page.glyphs.push(glyph("计", 110.0, 40.5, 10.0));
        page.glyphs.push(glyph("年", 120.0, 10.0, 10.0));
        page.glyphs.push(glyph("4", 115.0, 10.0, 5.0));
        page.glyphs.push(glyph("2", 100.0, 10.0, 5.0));
        page.glyphs.push(glyph("0", 105.0, 10.0, 5.0));
        page.glyphs.push(glyph("2", 110.0, 10.0, 5.0));
        page.glyphs.push(glyph("1", 200.0, 40.0, 5.0));
        assert_eq!(crate::layout::page_text(&page), "2024年\n合计 1");
    }

    #[test]
    fn float_keys_order_as_total_cmp() {
        let values = [
            f32::NEG_INFINITY,
            -3.5,
            -0.0,
            0.0,
            1e-30,
            2.0,
            f32::INFINITY,
            f32::NAN,
            -f32::NAN,
            f32::MIN_POSITIVE,
        ];
        for a in values {
            for b in values {
                assert_eq!(
                    total_order_bits(a).cmp(&total_order_bits(b)),
                    a.total_cmp(&b),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn line_texts_read_as_the_lines_do() {
        let mut page = Page::default();
        for (text, x, top, size) in [
            ("合", 100.0, 40.0, 10.0),
            ("计", 110.0, 40.5, 12.0),
            ("表", 100.0, 10.0, 10.0),
            ("表", 100.3, 10.0, 10.0),
            (" ", 110.0, 10.0, 10.0),
            ("\u{3000}", 116.0, 10.0, 10.0),
            ("a", 130.0, 10.0, 8.0),
            ("b", 200.0, 10.0, 8.0),
            ("1", 300.0, 70.0, 5.0),
        ] {
            page.glyphs.push(glyph(text, x, top, size));
        }
        let mut turned = glyph("竖", 50.0, 200.0, 10.0);
        turned.direction = 90;
        page.glyphs.push(turned);
        let settings = LayoutSettings::default();
        let mut scratch = LineScratch::default();
        // Twice with one scratch: what one call leaves in it must not leak.
        for subset in [vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9], vec![2, 3, 7, 8], vec![]] {
            let lines = lines_of(&page, subset.iter().copied(), &settings);
            let expected: Vec<(String, f32)> =
                lines.iter().map(|l| (l.text.clone(), l.size)).collect();
            let mut texts = Vec::new();
            line_texts_of(
                &page,
                subset.iter().copied(),
                &settings,
                &mut scratch,
                |t, s| texts.push((t.to_string(), s)),
            );
            assert_eq!(texts, expected, "{subset:?}");
        }
        let mut texts = Vec::new();
        line_texts_of(
            &page,
            0..page.glyphs.len(),
            &settings,
            &mut scratch,
            |t, _| texts.push(t.to_string()),
        );
        assert_eq!(texts, ["表 a b", "合计", "1", "竖"]);
    }

    #[test]
    fn fake_bold_duplicates_are_dropped() {
        let mut page = Page::default();
        page.glyphs.push(glyph("表", 100.0, 10.0, 10.0));
        page.glyphs.push(glyph("表", 100.3, 10.0, 10.0));
        page.glyphs.push(glyph("一", 110.0, 10.0, 10.0));
        assert_eq!(crate::layout::page_text(&page), "表一");
    }
}
